"""Tests for kamlab.cases.oil (module 6, seed 000's oil products maker): the closed form of the
rep's hours against a brute-force optimiser, hand-worked pay plans, the equal-pay rate, the
margin plan's advantage as a property, the 2×2 prioritisation, errors, purity, and the teaching
result on the bundled bulk division."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlab import load_dataset
from kamlab.cases.oil import (
    OIL_PRIORITIES,
    PAY_PLANS,
    PRIORITY_GRID,
    REP_HOURS,
    VOLUME_RATE,
    allocate_hours,
    compare_pay_plans,
    equal_pay_margin_rate,
    pay_plan,
    prioritise_accounts,
    priority_summary,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

OIL = load_dataset("oil_bulk_accounts")

# Two accounts to work by hand: a big thin one and a small rich one.
#   unit margin  a (t/√h)  volume
#   10           40        900
#   100          10        100
TWO = pd.DataFrame({"account_id": ["big", "rich"], "unit_margin": [10, 100],
                    "response": [40, 10], "volume": [900, 100]})


def _pay(w, a, h):
    return float(np.sum(np.asarray(w) * np.asarray(a) * np.sqrt(np.asarray(h))))


# ---------------------------------------------------------------------------------------
# The closed form
# ---------------------------------------------------------------------------------------

def _brute_force(w, a, hours, steps=300):
    """The best split of ``hours`` over 3 accounts on a grid of hours / steps."""
    best, best_h = -np.inf, None
    for i, j in itertools.product(range(steps + 1), repeat=2):
        if i + j > steps:
            continue
        h = np.array([i, j, steps - i - j]) * hours / steps
        p = _pay(w, a, h)
        if p > best:
            best, best_h = p, h
    return best, best_h


@pytest.mark.parametrize("w, a", [
    ([1.0, 1.0, 1.0], [10.0, 20.0, 30.0]),
    ([5.0, 1.0, 2.0], [3.0, 30.0, 8.0]),
    ([0.3, 0.9, 0.1], [50.0, 5.0, 80.0]),
])
def test_closed_form_beats_every_split_a_brute_force_search_finds(w, a):
    hours = 300.0
    h = allocate_hours(w, a, hours)
    assert h.sum() == pytest.approx(hours)
    best, best_h = _brute_force(w, a, hours)
    assert _pay(w, a, h) >= best - 1e-9  # no grid point pays more ...
    np.testing.assert_allclose(h, best_h, atol=2 * hours / 300)  # ... and the best is next to it
    # the first-order condition: the marginal pay w a / (2√h) is the same everywhere
    marginal = np.asarray(w) * np.asarray(a) / (2 * np.sqrt(h))
    np.testing.assert_allclose(marginal, marginal[0])


def test_closed_form_values_and_the_pay_at_the_optimum():
    h = allocate_hours([1, 1, 2], [10, 20, 10], 600)
    np.testing.assert_allclose(h, [600 * 100 / 900, 600 * 400 / 900, 600 * 400 / 900])
    # pay at the optimum = √(H Σ (w a)²) = √(600 × 900)
    assert _pay([1, 1, 2], [10, 20, 10], h) == pytest.approx(math.sqrt(600 * 900))


def test_accounts_that_pay_nothing_get_no_hours():
    h = allocate_hours([2, 0, -3, 1], [10, 99, 99, 0], 50)
    assert h.tolist() == [50.0, 0.0, 0.0, 0.0]
    assert allocate_hours([-1, 0], [5, 5], 50).tolist() == [0.0, 0.0]


def test_scaling_the_pay_does_not_move_the_hours():
    w, a = np.array([3.0, 1.0, 7.0]), np.array([4.0, 9.0, 2.0])
    np.testing.assert_allclose(allocate_hours(w, a, 100), allocate_hours(25 * w, a, 100))
    np.testing.assert_allclose(allocate_hours(w, a, 200), 2 * allocate_hours(w, a, 100))


@pytest.mark.parametrize("w, a, hours, match", [
    ([1, 2], [1], 10, "one number per account"),
    ([1, np.nan], [1, 1], 10, "without blanks"),
    ([1, 1], [1, -1], 10, "cannot be negative"),
    ([1, 1], [1, 1], 0, "greater than 0"),
    ([1, 1], [1, 1], "10", "must be a number"),
])
def test_allocate_hours_refuses_bad_input(w, a, hours, match):
    with pytest.raises(ParameterError, match=match):
        allocate_hours(w, a, hours)


# ---------------------------------------------------------------------------------------
# One plan, by hand
# ---------------------------------------------------------------------------------------

def test_volume_plan_by_hand():
    out = pay_plan(TWO, "volume", rate=2, hours=100)
    # w = 2 everywhere: h ∝ a² = 1600 : 100
    h = np.array([100 * 1600 / 1700, 100 * 100 / 1700])
    np.testing.assert_allclose(out["sales_hours"], h)
    extra = np.array([40, 10]) * np.sqrt(h)
    np.testing.assert_allclose(out["extra_volume"], extra)
    np.testing.assert_allclose(out["extra_margin"], extra * [10, 100])
    np.testing.assert_allclose(out["rep_pay"], 2 * extra)
    np.testing.assert_allclose(out["division_profit"], extra * [10, 100] - 2 * extra)
    assert out["rep_pay"].sum() == pytest.approx(2 * math.sqrt(100 * 1700))
    assert out["account_id"].tolist() == ["big", "rich"] and set(out["plan"]) == {"volume"}
    assert out["pay_rate"].tolist() == [2.0, 2.0]


def test_margin_plan_by_hand_and_a_loss_making_account_gets_no_time():
    three = pd.concat([TWO, pd.DataFrame({"account_id": ["loss"], "unit_margin": [-50],
                                          "response": [90], "volume": [5000]})],
                      ignore_index=True)
    out = pay_plan(three, "margin", rate=0.1, hours=100)
    # w = 0.1 × (10, 100, −50) = (1, 10, −5); h ∝ (w a)² = 1600 : 10000 : 0
    np.testing.assert_allclose(out["sales_hours"], [100 * 1600 / 11600, 100 * 10000 / 11600, 0])
    np.testing.assert_allclose(out["pay_rate"], [1, 10, -5])
    assert out.loc[2, ["extra_volume", "rep_pay", "division_profit"]].tolist() == [0, 0, 0]
    assert out["rep_pay"].sum() == pytest.approx(math.sqrt(100 * 11600))


def test_defaults_volume_rate_and_equal_pay_margin_rate():
    v = pay_plan(OIL, "volume")
    assert set(v["pay_rate"]) == {VOLUME_RATE} and v["sales_hours"].sum() == pytest.approx(
        REP_HOURS)
    m = pay_plan(OIL, "margin")
    assert m["rep_pay"].sum() == pytest.approx(v["rep_pay"].sum())


def test_equal_pay_rate_is_the_closed_form():
    df = pd.DataFrame({"unit_margin": [3, -1, 2], "response": [4, 5, 1], "volume": [1, 1, 1]})
    k = equal_pay_margin_rate(df, volume_rate=6, hours=50)
    assert k == pytest.approx(6 * math.sqrt(16 + 25 + 1) / math.sqrt(144 + 4))
    pay_v = pay_plan(df, "volume", rate=6, hours=50)["rep_pay"].sum()
    pay_m = pay_plan(df, "margin", rate=k, hours=50)["rep_pay"].sum()
    assert pay_m == pytest.approx(pay_v)


# ---------------------------------------------------------------------------------------
# The comparison
# ---------------------------------------------------------------------------------------

def test_compare_by_hand():
    c = compare_pay_plans(TWO, hours=100, volume_rate=1, top=1)
    assert c.equal_pay and c.hours == 100 and c.top == 1 and c.volume_rate == 1
    assert c.margin_rate == pytest.approx(math.sqrt(1700) / math.sqrt(400**2 + 1000**2))
    s = c.summary.set_index("plan")
    assert list(s.index) == list(PAY_PLANS)
    assert s["rep_pay"].tolist() == pytest.approx([math.sqrt(170_000)] * 2)
    assert s.loc["volume", "top_hours_share"] == pytest.approx(1600 / 1700)
    assert s.loc["margin", "top_hours_share"] == pytest.approx(160_000 / 1_160_000)
    # extra margin: volume plan √H Σ m a² / √Σ a²; margin plan √H √Σ (m a)²
    assert s.loc["volume", "extra_margin"] == pytest.approx(
        10 * (10 * 1600 + 100 * 100) / math.sqrt(1700))
    assert s.loc["margin", "extra_margin"] == pytest.approx(10 * math.sqrt(1_160_000))
    assert c.profit_gain == pytest.approx(
        s.loc["margin", "division_profit"] - s.loc["volume", "division_profit"])
    assert len(c.accounts) == 4 and c.accounts["plan"].tolist() == ["volume"] * 2 + ["margin"] * 2


def test_a_given_margin_rate_is_used_as_is():
    c = compare_pay_plans(TWO, hours=100, volume_rate=1, margin_rate=0.5)
    assert not c.equal_pay and c.margin_rate == 0.5
    s = c.summary.set_index("plan")
    assert s.loc["margin", "rep_pay"] == pytest.approx(0.5 * math.sqrt(100 * 1_160_000))


def test_equal_margins_make_the_plans_the_same():
    df = TWO.assign(unit_margin=[50, 50])
    s = compare_pay_plans(df, hours=100).summary
    np.testing.assert_allclose(s.iloc[0, 1:].to_numpy(float), s.iloc[1, 1:].to_numpy(float))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-200, 900), st.integers(0, 300)), min_size=1,
                max_size=12).filter(lambda rows: any(m > 0 and a > 0 for m, a in rows)))
def test_at_equal_pay_the_margin_plan_never_earns_the_division_less(rows):
    df = pd.DataFrame(rows, columns=["unit_margin", "response"]).assign(volume=1)
    s = compare_pay_plans(df, hours=500).summary.set_index("plan")
    assert s.loc["margin", "rep_pay"] == pytest.approx(s.loc["volume", "rep_pay"])
    assert s.loc["margin", "division_profit"] >= s.loc["volume", "division_profit"] - 1e-6 * (
        1 + abs(s.loc["volume", "division_profit"]))


def test_bundled_division_the_rep_chases_the_big_thin_accounts_on_volume():
    c = compare_pay_plans(OIL)
    s = c.summary.set_index("plan")
    assert s.loc["volume", "top_hours_share"] > 0.40  # the top 5 are 60% of the volume
    assert s.loc["margin", "top_hours_share"] < 0.05
    by_volume = c.accounts[c.accounts["plan"] == "volume"]
    busiest = by_volume.loc[by_volume["sales_hours"].idxmax()]
    assert busiest["unit_margin"] < 0  # the most hours go to a loss-making account
    assert s.loc["volume", "extra_volume"] > s.loc["margin", "extra_volume"]  # more tonnes ...
    assert c.profit_gain > 0.25 * s.loc["volume", "division_profit"]  # ... less profit
    assert s.loc["margin", "rep_pay"] == pytest.approx(s.loc["volume", "rep_pay"])


def test_pay_plan_errors():
    with pytest.raises(ParameterError, match="plan must be one of"):
        pay_plan(TWO, "revenue")
    with pytest.raises(ParameterError, match="rate must be greater than 0"):
        pay_plan(TWO, "volume", rate=0)
    with pytest.raises(MissingColumnsError, match="response"):
        pay_plan(TWO.drop(columns="response"))
    with pytest.raises(InvalidDataError, match="cannot be negative"):
        pay_plan(TWO.assign(response=[1, -2]))
    with pytest.raises(InvalidDataError, match="must hold numbers"):
        pay_plan(TWO.assign(unit_margin=["10", "n/a"]))
    with pytest.raises(InvalidDataError, match="empty"):
        pay_plan(TWO.iloc[:0])
    with pytest.raises(InvalidDataError, match="pay the rep nothing"):
        compare_pay_plans(TWO.assign(unit_margin=[-1, 0]))
    with pytest.raises(ParameterError, match="top"):
        compare_pay_plans(TWO, top=0)


def test_inputs_are_not_changed():
    before = OIL.copy(deep=True)
    compare_pay_plans(OIL)
    priority_summary(prioritise_accounts(OIL))
    pd.testing.assert_frame_equal(OIL, before)


# ---------------------------------------------------------------------------------------
# Prioritisation
# ---------------------------------------------------------------------------------------

FOUR = pd.DataFrame({"unit_margin": [30, -70, 600, 650], "strategic_importance": [5, 2, 4, 1],
                     "volume": [100, 50, 10, 40], "gross_margin": [3000, -3500, 6000, 26000]})


def test_prioritise_by_hand_with_the_median_cut():
    out = prioritise_accounts(FOUR)  # median unit margin 315
    assert out["priority"].tolist() == ["improve", "reduce", "invest", "maintain"]
    assert list(out["priority"].cat.categories) == list(OIL_PRIORITIES)
    assert out.drop(columns="priority").equals(FOUR)


def test_prioritise_cut_offs_are_parameters():
    out = prioritise_accounts(FOUR, margin_cut=0, importance_cut=2)
    assert out["priority"].tolist() == ["invest", "improve", "invest", "maintain"]
    out = prioritise_accounts(FOUR, margin_cut=650, importance_cut=6)
    assert out["priority"].tolist() == ["reduce", "reduce", "reduce", "maintain"]


def test_prioritise_with_a_grid_of_ones_own():
    grid = {k: ("key" if k == (True, True) else "other") for k in PRIORITY_GRID}
    out = prioritise_accounts(FOUR, grid=grid, column="tier")
    assert out["tier"].tolist() == ["other", "other", "key", "other"]
    with pytest.raises(ParameterError, match="four keys"):
        prioritise_accounts(FOUR, grid={(True, True): "x"})


def test_priority_summary_by_hand():
    s = priority_summary(prioritise_accounts(FOUR)).set_index("priority")
    assert s["n_accounts"].tolist() == [1, 1, 1, 1]
    assert s.loc["improve", "volume_share"] == 0.5
    assert s.loc["reduce", "gross_margin_share"] == pytest.approx(-3500 / 31500)
    assert s["gross_margin_share"].sum() == pytest.approx(1)


def test_priority_summary_needs_the_priority_column():
    with pytest.raises(MissingColumnsError, match=r"prioritise_accounts\(accounts\)"):
        priority_summary(FOUR)


def test_bundled_division_big_accounts_are_strategic_but_thin():
    p = prioritise_accounts(OIL)
    top = p.nlargest(5, "volume")
    assert set(top["priority"]) <= {"improve", "reduce"}  # none of the five is profitable
    s = priority_summary(p).set_index("priority")
    assert s["n_accounts"].sum() == 120
    assert s.loc["improve", "volume_share"] > s.loc["invest", "volume_share"]
    assert s["volume_share"].sum() == pytest.approx(1)
