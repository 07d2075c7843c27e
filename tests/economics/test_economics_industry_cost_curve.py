"""Tests for the industry cost curve and competitor costs: a hand-worked four-plant market,
boundaries and ties, monotonicity properties, capacity scenarios, bid ranges, purity, errors."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlab.economics import (
    PLANT_STATUS,
    MarketClearing,
    add_capacity,
    bid_range,
    capacity_scenarios,
    clearing_price,
    close_capacity,
    cost_curve,
    market_clearing,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError


def _plants() -> pd.DataFrame:
    """Four plants. Sorted by cash cost: A 20 (100), C 30 (150), B 35 (200), D 50 (50).

    Cumulative capacity along the curve: A 0→100, C 100→250, B 250→450, D 450→500.
    """
    return pd.DataFrame({
        "plant": ["A", "B", "C", "D"],
        "company": ["X", "Y", "X", "Z"],
        "region": ["north", "south", "north", "east"],
        "capacity": [100, 200, 150, 50],
        "cash_cost": [20.0, 35.0, 30.0, 50.0],
        "full_cost": [30.0, 45.0, 40.0, 60.0],
    })


# ---------------------------------------------------------------------------------------
# The hand-worked market
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("demand,price,marginal", [
    (1, 20.0, "A"),      # first unit: A (0→100)
    (100, 20.0, "A"),    # exactly A's capacity: A still serves it, A is marginal
    (101, 30.0, "C"),    # one unit more needs C
    (250, 30.0, "C"),    # boundary 100 + 150 = 250: the earlier plant C is marginal
    (300, 35.0, "B"),    # inside B: 250 < 300 ≤ 450
    (450, 35.0, "B"),    # boundary 250 + 200 = 450: B
    (500, 50.0, "D"),    # total capacity 450 + 50 = 500: D runs full, still fine
])
def test_clearing_price_hand_worked(demand, price, marginal):
    assert clearing_price(_plants(), demand) == price
    m = market_clearing(_plants(), demand)
    assert (m.price, m.marginal_plant) == (price, marginal)
    assert isinstance(m.price, float)


def test_market_clearing_fields():
    m = market_clearing(_plants(), 400)
    assert isinstance(m, MarketClearing)
    assert m.demand == 400.0
    assert m.total_capacity == 500.0        # 100 + 200 + 150 + 50
    assert m.utilisation == pytest.approx(0.8)   # 400 / 500
    assert m.spare_capacity == 100.0        # 500 − 400
    with pytest.raises(AttributeError):
        m.price = 1.0  # frozen


def test_market_clearing_at_total_capacity_has_no_spare():
    m = market_clearing(_plants(), 500)
    assert (m.utilisation, m.spare_capacity) == (1.0, 0.0)


def test_cost_curve_geometry_and_dispatch():
    curve = cost_curve(_plants(), demand=300)
    assert curve["plant"].tolist() == ["A", "C", "B", "D"]
    assert curve["left"].tolist() == [0.0, 100.0, 250.0, 450.0]
    assert curve["width"].tolist() == [100.0, 150.0, 200.0, 50.0]
    assert curve["cum_capacity"].tolist() == [100.0, 250.0, 450.0, 500.0]
    assert (curve["left"] + curve["width"]).tolist() == curve["cum_capacity"].tolist()
    # A and C run full (100 + 150 = 250), B gives the remaining 300 − 250 = 50, D idle
    assert curve["dispatched"].tolist() == [100.0, 150.0, 50.0, 0.0]
    assert curve["dispatched"].sum() == 300
    assert curve["marginal"].tolist() == [False, False, True, False]
    assert curve["status"].tolist() == ["runs", "runs", "marginal", "idle"]
    assert curve["status"].cat.ordered
    assert list(curve["status"].cat.categories) == list(PLANT_STATUS)
    assert "status_zh" not in curve  # results carry codes; i18n labels them


def test_cost_curve_at_boundary_marginal_runs_full():
    curve = cost_curve(_plants(), demand=250)
    assert curve["dispatched"].tolist() == [100.0, 150.0, 0.0, 0.0]
    assert curve["status"].tolist() == ["runs", "marginal", "idle", "idle"]


def test_cost_curve_without_demand_has_no_dispatch_columns():
    curve = cost_curve(_plants())
    assert not {"dispatched", "marginal", "status"} & set(curve.columns)
    assert curve["cum_capacity"].iloc[-1] == 500.0


def test_cost_curve_keeps_extra_columns():
    curve = cost_curve(_plants(), 300)
    for column in ("company", "region", "full_cost"):
        assert column in curve.columns
    assert curve.set_index("plant").loc["C", "region"] == "north"
    assert curve.set_index("plant").loc["B", "full_cost"] == 45.0


def test_ties_keep_input_order():
    plants = pd.DataFrame({"plant": ["P", "Q", "R"], "capacity": [100, 100, 100],
                           "cash_cost": [30.0, 30.0, 10.0]})
    curve = cost_curve(plants, demand=150)
    assert curve["plant"].tolist() == ["R", "P", "Q"]   # R cheapest, then P before Q
    # R covers 100, P the next 50: P is marginal although Q costs the same
    assert curve["status"].tolist() == ["runs", "marginal", "idle"]
    assert market_clearing(plants, 150).marginal_plant == "P"
    assert market_clearing(plants, 250).marginal_plant == "Q"


def test_zero_capacity_plant_is_idle_and_never_marginal():
    plants = pd.DataFrame({"plant": ["shut", "A", "B"], "capacity": [0, 100, 100],
                           "cash_cost": [5.0, 20.0, 30.0]})
    curve = cost_curve(plants, demand=100)
    assert curve["status"].tolist() == ["idle", "marginal", "idle"]
    assert clearing_price(plants, 100) == 20.0


def test_float_capacities_at_exact_boundary():
    plants = pd.DataFrame({"plant": list("abc"), "capacity": [0.1, 0.2, 0.7],
                           "cash_cost": [1.0, 2.0, 3.0]})
    # 0.1 + 0.2 = 0.30000000000000004 in floating point; demand 0.3 still ends at b
    assert clearing_price(plants, 0.3) == 2.0
    assert clearing_price(plants, 1.0) == 3.0     # total capacity, up to rounding


def test_plant_none_names_plants_by_index():
    plants = _plants().drop(columns="plant").set_axis(list("abcd"))
    m = market_clearing(plants, 300, plant=None)
    assert m.marginal_plant == "b"
    assert m.curve["plant"].tolist() == ["a", "c", "b", "d"]


def test_custom_column_names():
    plants = _plants().rename(columns={"capacity": "kt", "cash_cost": "cost"})
    assert clearing_price(plants, 300, capacity="kt", cost="cost") == 35.0


def test_functions_do_not_mutate_input():
    plants = _plants()
    before = plants.copy()
    cost_curve(plants, 300)
    market_clearing(plants, 300)
    clearing_price(plants, 300)
    add_capacity(plants, {"plant": "N", "capacity": 10, "cash_cost": 1.0})
    close_capacity(plants, ["A"])
    capacity_scenarios(plants, 300, {"s": {"close": ["A"], "add": [
        {"plant": "N", "capacity": 10, "cash_cost": 1.0}]}})
    bid_range(plants, price=40)
    pd.testing.assert_frame_equal(plants, before)


# ---------------------------------------------------------------------------------------
# Properties over random markets
# ---------------------------------------------------------------------------------------

_plant_rows = st.lists(
    st.tuples(st.integers(0, 1_000), st.integers(1, 100)),   # (capacity, cash cost)
    min_size=1, max_size=8,
).filter(lambda rows: sum(c for c, _ in rows) > 0)


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame({"plant": [f"P{i}" for i in range(len(rows))],
                         "capacity": [float(c) for c, _ in rows],
                         "cash_cost": [float(k) for _, k in rows]})


@settings(max_examples=150, deadline=None)
@given(rows=_plant_rows, a=st.floats(0.001, 1.0), b=st.floats(0.001, 1.0))
def test_price_is_monotone_in_demand(rows, a, b):
    plants = _frame(rows)
    total = plants["capacity"].sum()
    low, high = sorted((a * total, b * total))
    assert clearing_price(plants, low) <= clearing_price(plants, high)


@settings(max_examples=150, deadline=None)
@given(rows=_plant_rows, share=st.floats(0.001, 1.0), new_cap=st.integers(0, 1_000),
       new_cost=st.integers(1, 100))
def test_adding_a_plant_never_raises_the_price(rows, share, new_cap, new_cost):
    plants = _frame(rows)
    demand = share * plants["capacity"].sum()
    bigger = add_capacity(plants, {"plant": "new", "capacity": new_cap, "cash_cost": new_cost})
    assert clearing_price(bigger, demand) <= clearing_price(plants, demand)


@settings(max_examples=150, deadline=None)
@given(rows=_plant_rows, share=st.floats(0.001, 1.0), data=st.data())
def test_closing_a_plant_never_lowers_the_price(rows, share, data):
    plants = _frame(rows)
    victim = data.draw(st.sampled_from(plants["plant"].tolist()))
    smaller = close_capacity(plants, victim)
    demand = share * smaller["capacity"].sum() if len(smaller) else 0
    if demand <= 0:
        return  # nothing left to serve
    assert clearing_price(smaller, demand) >= clearing_price(plants, demand)


@settings(max_examples=150, deadline=None)
@given(rows=_plant_rows, share=st.floats(0.001, 1.0))
def test_dispatched_sums_to_demand_and_marginal_sets_price(rows, share):
    plants = _frame(rows)
    demand = share * plants["capacity"].sum()
    curve = cost_curve(plants, demand)
    assert curve["dispatched"].sum() == pytest.approx(demand)
    assert (curve["dispatched"] <= curve["width"] + 1e-9).all()
    assert curve["marginal"].sum() == 1
    assert curve.loc[curve["marginal"], "cash_cost"].item() == clearing_price(plants, demand)
    assert curve["cash_cost"].is_monotonic_increasing


# ---------------------------------------------------------------------------------------
# Capacity changes
# ---------------------------------------------------------------------------------------

def test_add_capacity_accepts_frame_dict_and_list():
    plants = _plants()
    one = {"plant": "N", "company": "W", "capacity": 100, "cash_cost": 10.0}
    for new in (one, [one], pd.DataFrame([one])):
        out = add_capacity(plants, new)
        assert out["plant"].tolist() == ["A", "B", "C", "D", "N"]
        assert out.index.tolist() == [0, 1, 2, 3, 4]
        assert pd.isna(out.loc[4, "region"])       # a column the new plant lacks is blank
    assert add_capacity(plants, []).equals(plants)


def test_add_cheap_plant_lowers_price_hand_worked():
    # N (cost 10, 100) goes first: N 0→100, A 100→200, C 200→350 → demand 300 in C
    out = add_capacity(_plants(), {"plant": "N", "capacity": 100, "cash_cost": 10.0})
    assert clearing_price(out, 300) == 30.0


def test_close_capacity_hand_worked():
    # without C: A 0→100, B 100→300, D 300→350 → demand 300 at B's right edge
    out = close_capacity(_plants(), "C")
    assert out["plant"].tolist() == ["A", "B", "D"]
    assert clearing_price(out, 300) == 35.0
    assert clearing_price(close_capacity(_plants(), ["C", "B"]), 150) == 50.0


def test_capacity_scenarios_table():
    t = capacity_scenarios(_plants(), 300, {
        "new mill": {"add": [{"plant": "N", "capacity": 100, "cash_cost": 10.0}]},
        "B closes": {"close": ["B"]},
        "demand up": {"demand": 460},
        "swap B": {"close": "B", "add": {"plant": "B", "capacity": 300, "cash_cost": 25.0}},
    })
    assert t["scenario"].tolist() == ["baseline", "new mill", "B closes", "demand up", "swap B"]
    # baseline 35 (B); new mill 30 (C); without B: A 100, C 250, D 300 → 50;
    # demand 460 > 450 → D at 50; B rebuilt at 25: A 100, B 400 → B at 25
    assert t["price"].tolist() == [35.0, 30.0, 50.0, 50.0, 25.0]
    assert t["price_change"].tolist() == [0.0, -5.0, 15.0, 15.0, -10.0]
    assert t["price_change_pct"].tolist() == pytest.approx([0, -5 / 35, 15 / 35, 15 / 35,
                                                            -10 / 35])
    assert t["marginal_plant"].tolist() == ["B", "C", "D", "D", "B"]
    assert t["demand"].tolist() == [300.0, 300.0, 300.0, 460.0, 300.0]
    assert t["total_capacity"].tolist() == [500.0, 600.0, 300.0, 500.0, 600.0]
    assert t["utilisation"].tolist() == pytest.approx([0.6, 0.5, 1.0, 0.92, 0.5])
    assert t["spare_capacity"].tolist() == [200.0, 300.0, 0.0, 40.0, 300.0]


def test_capacity_scenarios_empty_is_baseline_only():
    t = capacity_scenarios(_plants(), 300, {})
    assert t["scenario"].tolist() == ["baseline"]


# ---------------------------------------------------------------------------------------
# Competitor bid ranges
# ---------------------------------------------------------------------------------------

def test_bid_range_hand_worked():
    t = bid_range(_plants(), margin=0.10)
    # Z: D only → floor 50, ceiling 60 × 1.1 = 66
    # X: A (100 @ cash 20, full 30) and C (150 @ 30, 40): floor min(20, 30) = 20,
    #    avg cash (2,000 + 4,500) / 250 = 26, avg full (3,000 + 6,000) / 250 = 36,
    #    ceiling 36 × 1.1 = 39.6
    # Y: B → floor 35, ceiling 45 × 1.1 = 49.5; sorted by floor: X, Y, Z
    assert t["company"].tolist() == ["X", "Y", "Z"]
    assert t["plants"].tolist() == [2, 1, 1]
    assert t["capacity"].tolist() == [250.0, 200.0, 50.0]
    assert t["floor"].tolist() == [20.0, 35.0, 50.0]
    assert t["avg_cash_cost"].tolist() == pytest.approx([26.0, 35.0, 50.0])
    assert t["avg_full_cost"].tolist() == pytest.approx([36.0, 45.0, 60.0])
    assert t["ceiling"].tolist() == pytest.approx([39.6, 49.5, 66.0])
    assert "below_price" not in t.columns


def test_bid_range_with_a_price_keeps_each_ceiling_and_measures_the_floors_against_it():
    # Issue 14: the price used to cap every ceiling, so all ranges ended at the price and
    # said nothing. It is a reference now: ceilings stay full cost + margin (39.6, 49.5, 66
    # as hand-worked above) and below_price = price − floor says who can undercut it.
    price = clearing_price(_plants(), 300)    # 35, set by Y's plant B
    t = bid_range(_plants(), price=price).set_index("company")
    assert t["ceiling"].tolist() == pytest.approx([39.6, 49.5, 66.0])
    assert t["ceiling"].tolist() == pytest.approx(bid_range(_plants())["ceiling"].tolist())
    assert t["below_price"].tolist() == [15.0, 0.0, -15.0]   # X 35 − 20; Y at it; Z above
    assert "capped" not in t.columns
    assert (t["ceiling"] >= t["floor"]).all()


def test_bid_range_margin_zero_and_closed_plants_ignored():
    plants = _plants()
    plants.loc[3, "capacity"] = 0     # D closed: Z has no open plant
    t = bid_range(plants, margin=0)
    assert t["company"].tolist() == ["X", "Y"]
    assert t["ceiling"].tolist() == pytest.approx([36.0, 45.0])


# ---------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------

def test_demand_above_capacity_message():
    with pytest.raises(ParameterError) as info:
        clearing_price(_plants(), 501)
    msg = str(info.value)
    assert msg.startswith("clearing_price(): demand is 501 but the plants' total capacity is 500")
    assert "cannot be served at any price" in msg
    assert "add_capacity(" in msg
    assert (info.value.demand, info.value.total_capacity) == (501.0, 500.0)
    err = pickle.loads(pickle.dumps(info.value))
    assert str(err) == msg


def test_demand_above_capacity_formats_thousands():
    plants = pd.DataFrame({"plant": ["A"], "capacity": [4_800], "cash_cost": [1.0]})
    with pytest.raises(ParameterError, match="demand is 5,200 but the plants' total capacity "
                                             "is 4,800"):
        cost_curve(plants, 5_200)


@pytest.mark.parametrize("demand,match", [
    (0, "demand must be greater than 0; got 0"),
    (-10, "demand must be greater than 0; got -10"),
    ("300", "demand must be a number; got '300'"),
    (float("nan"), "demand must be a number"),
])
def test_bad_demand(demand, match):
    with pytest.raises(ParameterError, match=match):
        clearing_price(_plants(), demand)


def test_market_clearing_needs_demand():
    with pytest.raises(ParameterError, match="demand is required.*cost_curve"):
        market_clearing(_plants(), None)


def test_negative_capacity_names_plants():
    plants = _plants()
    plants.loc[2, "capacity"] = -5
    with pytest.raises(InvalidDataError, match=r"capacity must be 0 or more; rows \[2\] "
                                               r"\(0-based positions; plant\(s\) \['C'\]\) "
                                               r"have \[-5.0\]") as info:
        cost_curve(plants)
    assert info.value.rows == [2]


def test_blank_cost_names_plants():
    plants = _plants()
    plants.loc[1, "cash_cost"] = np.nan
    with pytest.raises(InvalidDataError, match=r"'cash_cost' \(cash cost\) has blanks at "
                                               r"rows \[1\] \(0-based positions; "
                                               r"plant\(s\) \['B'\]\)") as info:
        clearing_price(plants, 100)
    assert info.value.rows == [1]


def test_text_in_capacity_is_reported():
    plants = _plants().astype({"capacity": object})
    plants.loc[0, "capacity"] = "100 kt"
    with pytest.raises(InvalidDataError, match="'capacity' must hold numbers; rows \\[0\\]"):
        clearing_price(plants, 100)


def test_missing_columns():
    with pytest.raises(MissingColumnsError, match="clearing_price\\(\\) needs the column\\(s\\) "
                                                  "'cash_cost'"):
        clearing_price(_plants().drop(columns="cash_cost"), 100)
    with pytest.raises(MissingColumnsError, match="'plant'"):
        cost_curve(_plants().drop(columns="plant"))
    with pytest.raises(MissingColumnsError, match="'full_cost'"):
        bid_range(_plants().drop(columns="full_cost"))


def test_not_a_dataframe_and_empty():
    with pytest.raises(ParameterError, match="needs a pandas DataFrame; got list"):
        clearing_price([1, 2], 100)
    with pytest.raises(InvalidDataError, match="has no rows"):
        clearing_price(_plants().iloc[:0], 100)


def test_all_capacity_zero_cannot_serve():
    plants = _plants().assign(capacity=0)
    with pytest.raises(ParameterError, match="total capacity is 0"):
        clearing_price(plants, 1)


def test_close_unknown_plant_lists_names_and_suggests():
    with pytest.raises(ParameterError) as info:
        close_capacity(_plants().assign(plant=["Anshan", "Baotou", "Wuhan", "Handan"]),
                       ["Baotou", "Wuhann"])
    msg = str(info.value)
    assert "no plant named ['Wuhann']" in msg
    assert "the plants are ['Anshan', 'Baotou', 'Wuhan', 'Handan']" in msg
    assert "Did you mean 'Wuhan'?" in msg
    assert info.value.unknown == ["Wuhann"]


def test_close_needs_plant_column():
    with pytest.raises(MissingColumnsError, match="close_capacity\\(\\) needs the column"):
        close_capacity(_plants().drop(columns="plant"), "A")


def test_add_capacity_errors():
    with pytest.raises(InvalidDataError, match=r"plant name\(s\) \['A'\] are already in the "
                                               "table"):
        add_capacity(_plants(), {"plant": "A", "capacity": 1, "cash_cost": 1.0})
    with pytest.raises(InvalidDataError, match="repeated among the new plants"):
        add_capacity(_plants(), [{"plant": "N", "capacity": 1, "cash_cost": 1.0}] * 2)
    with pytest.raises(MissingColumnsError, match="the new plants has"):
        add_capacity(_plants(), {"plant": "N", "capacity": 1})
    with pytest.raises(ParameterError, match="new plants must be a DataFrame.*got int"):
        add_capacity(_plants(), 5)
    with pytest.raises(InvalidDataError, match="capacity must be 0 or more"):
        add_capacity(_plants(), {"plant": "N", "capacity": -1, "cash_cost": 1.0})


def test_capacity_scenario_errors_name_the_scenario():
    plants = _plants()
    with pytest.raises(ParameterError, match="scenarios must be a dict"):
        capacity_scenarios(plants, 300, [("s", {})])
    with pytest.raises(ParameterError, match="'baseline' is the name of the unchanged case"):
        capacity_scenarios(plants, 300, {"baseline": {}})
    with pytest.raises(ParameterError, match="scenario 's' must be a dict"):
        capacity_scenarios(plants, 300, {"s": ["B"]})
    with pytest.raises(ParameterError, match=r"scenario 's' has unknown key\(s\) \['shut'\]"):
        capacity_scenarios(plants, 300, {"s": {"shut": ["B"]}})
    with pytest.raises(ParameterError, match=r"capacity_scenarios\(\), scenario 'big shut': "
                                             r"market_clearing\(\): demand is 300 but the "
                                             r"plants' total capacity is 150") as info:
        capacity_scenarios(plants, 300, {"big shut": {"close": ["B", "C"]}})
    assert info.value.scenario == "big shut"
    with pytest.raises(ParameterError, match=r"scenario 'typo': close_capacity\(\): no plant "
                                             "named \\['Q'\\]"):
        capacity_scenarios(plants, 300, {"typo": {"close": "Q"}})
    with pytest.raises(InvalidDataError, match=r"scenario 'dup': add_capacity\(\)"):
        capacity_scenarios(plants, 300, {"dup": {"add": {"plant": "A", "capacity": 1,
                                                         "cash_cost": 1.0}}})


def test_bid_range_errors():
    plants = _plants()
    with pytest.raises(ParameterError, match="Did you mean 0.1"):
        bid_range(plants, margin=10)
    with pytest.raises(ParameterError, match="price must be greater than 0"):
        bid_range(plants, price=0)
    swapped = plants.rename(columns={"cash_cost": "full_cost", "full_cost": "cash_cost"})
    with pytest.raises(InvalidDataError, match=r"full cost is below cash cost at rows "
                                               r"\[0, 1, 2, 3\].*swapped"):
        bid_range(swapped)
    blank = plants.assign(company=["X", None, "X", "Z"])
    with pytest.raises(InvalidDataError, match=r"'company'.*blank at rows \[1\] "
                                               r"\(0-based positions; plant\(s\) \['B'\]\)"):
        bid_range(blank)
    no_full = plants.assign(full_cost=[30.0, np.nan, 40.0, 60.0])
    with pytest.raises(InvalidDataError, match=r"'full_cost' \(full cost\) has blanks"):
        bid_range(no_full)
