"""Tests for kamlab.levers: the profit lever tree (closed forms, hints, purity)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kamlab
from kamlab.exceptions import ParameterError
from kamlab.levers import account_levers, lever_impact, profit_contribution

# ---------------------------------------------------------------------------------------
# Profit lever tree
# ---------------------------------------------------------------------------------------

def test_profit_contribution_closed_form():
    assert profit_contribution(100, 90, 1_000, 2_000) == 8_000
    assert profit_contribution(100, 90, 0, 500) == -500


@pytest.mark.parametrize("price,cost,volume,cts,change", [
    (100.0, 90.0, 1_000.0, 2_000.0, 0.01),
    (37.5, 12.0, 4_321.0, 9_999.0, 0.05),
    (10.0, 11.0, 500.0, 0.0, 0.02),     # selling below cost
])
def test_lever_impact_equals_closed_forms(price, cost, volume, cts, change):
    t = lever_impact(price, cost, volume, cts, change=change).set_index("lever")
    base = (price - cost) * volume - cts
    expected = {"price": change * price * volume, "volume": change * (price - cost) * volume,
                "unit cost": change * cost * volume, "cost to serve": change * cts}
    for lever, delta in expected.items():
        assert t.loc[lever, "profit_change"] == pytest.approx(delta)
        assert t.loc[lever, "base_profit"] == pytest.approx(base)
        assert t.loc[lever, "new_profit"] == pytest.approx(base + delta)
        assert t.loc[lever, "pct_change"] == pytest.approx(delta / abs(base))


def test_lever_impact_price_is_ten_times_volume_at_ten_percent_margin():
    t = lever_impact(100, 90, 1_000).set_index("lever")
    assert t.loc["price", "profit_change"] == pytest.approx(10 * t.loc["volume", "profit_change"])


def test_lever_impact_sorted_largest_first():
    t = lever_impact(100, 90, 1_000, 50_000)
    assert t["lever"].tolist() == ["price", "unit cost", "cost to serve", "volume"]
    assert t["profit_change"].is_monotonic_decreasing


def test_lever_impact_zero_base_profit_has_no_percentage():
    t = lever_impact(100, 90, 100, 1_000)
    assert t["pct_change"].isna().all()


@pytest.mark.parametrize("args,match", [
    ((0, 90, 1_000), "price must be greater than 0"),
    ((-5, 90, 1_000), "price must be greater than 0"),
    ((100, 90, -1), "volume must be 0 or more"),
    ((100, 90, 1, -1), "cost_to_serve must be 0 or more"),
    (("100", 90, 1), "price must be a number"),
])
def test_lever_inputs_rejected(args, match):
    with pytest.raises(ParameterError, match=match):
        lever_impact(*args)
    with pytest.raises(ParameterError, match=match):
        profit_contribution(*args)


def test_lever_impact_change_as_percent_gets_hint():
    with pytest.raises(ParameterError, match="Did you mean 0.05"):
        lever_impact(100, 90, 1_000, change=5)


def test_account_levers_closed_forms_and_purity():
    df = pd.DataFrame({"revenue": [1000.0, 1000.0], "gross_margin": [100.0, 900.0],
                       "cost_to_serve": [50.0, 2000.0]})
    before = df.copy()
    out = account_levers(df, change=0.02)
    pd.testing.assert_frame_equal(df, before)
    np.testing.assert_allclose(out["price_impact"], [20, 20])
    np.testing.assert_allclose(out["volume_impact"], [2, 18])
    np.testing.assert_allclose(out["unit_cost_impact"], [18, 2])
    np.testing.assert_allclose(out["cost_to_serve_impact"], [1, 40])
    assert out["best_lever"].tolist() == ["price", "cost to serve"]


# ---------------------------------------------------------------------------------------
# lever_moves: each lever by its own amount, from an account's totals
# ---------------------------------------------------------------------------------------

def test_lever_moves_closed_forms():
    from kamlab.opportunities import lever_moves

    r, g, s = 2_000_000.0, 160_000.0, 40_000.0
    t = lever_moves(r, g, s, price=0.02, volume=-0.03, unit_cost=-0.01, serve_cost=0.05)
    change = t.set_index("lever")["profit_change"]
    assert change["price"] == pytest.approx(0.02 * r)
    assert change["volume"] == pytest.approx(-0.03 * g)
    assert change["unit cost"] == pytest.approx(0.01 * (r - g))
    assert change["cost to serve"] == pytest.approx(-0.05 * s)
    assert (t["base_profit"] == g - s).all()
    assert t["lever"].tolist() == ["price", "volume", "unit cost", "cost to serve"]
    assert t["move"].tolist() == ["+2.0%", "−3.0%", "−1.0%", "+5.0%"]


def test_lever_moves_agree_with_lever_impact_for_one_percent():
    from kamlab.opportunities import lever_impact, lever_moves

    price, unit_cost, volume, cts = 100.0, 92.0, 1_000.0, 2_000.0
    by_unit = lever_impact(price, unit_cost, volume, cts).set_index("lever")["profit_change"]
    by_totals = lever_moves(price * volume, (price - unit_cost) * volume, cts, price=0.01,
                            volume=0.01, unit_cost=-0.01, serve_cost=-0.01)
    assert by_totals.set_index("lever")["profit_change"].to_dict() == pytest.approx(by_unit.to_dict())


@pytest.mark.parametrize("kwargs", [{"price": 1.5}, {"volume": -1.0}, {"unit_cost": "2%"}])
def test_lever_moves_rejects_bad_moves(kwargs):
    from kamlab.opportunities import lever_moves

    with pytest.raises(ParameterError):
        lever_moves(1_000.0, 100.0, 10.0, **kwargs)


def test_lever_moves_volume_may_more_than_double():
    from kamlab.opportunities import lever_moves

    t = lever_moves(1_000.0, 100.0, 10.0, volume=1.5)  # a small share of a big wallet
    assert t.set_index("lever").loc["volume", "profit_change"] == pytest.approx(150.0)
    assert t["move"].tolist()[1] == "+150.0%"


# ---------------------------------------------------------------------------------------
# lever_room: each lever at the move the account can make (the gap to its peers)
# ---------------------------------------------------------------------------------------

# Four accounts of one industry, CNY 1,000 of revenue each. Peer medians: margin rate 13%,
# share of wallet 25%, cost-to-serve rate 2.5%.
FOUR = pd.DataFrame({"account_id": ["a", "b", "c", "d"], "industry": ["X"] * 4,
                     "revenue": [1000.0] * 4, "gross_margin": [120.0, 100.0, 160.0, 140.0],
                     "cost_to_serve": [20.0, 30.0, 20.0, 90.0],
                     "share_of_wallet": [0.1, 0.3, 0.4, 0.2]})


def test_lever_room_by_hand():
    from kamlab.levers import lever_room

    before = FOUR.copy()
    out = lever_room(FOUR, size_bands=1).set_index("account_id")
    pd.testing.assert_frame_equal(FOUR, before)
    np.testing.assert_allclose(out["peer_margin_rate"], 0.13)
    np.testing.assert_allclose(out["peer_share_of_wallet"], 0.25)
    np.testing.assert_allclose(out["peer_cost_to_serve_rate"], 0.025)
    # a: 1 point below the peers' margin, 10% share against 25%: volume +150% of CNY 120
    np.testing.assert_allclose(out.loc["a", ["price_room", "volume_room", "unit_cost_room",
                                             "cost_to_serve_room"]].astype(float),
                               [0.01, 1.5, 0.01, 0.0], atol=1e-12)
    np.testing.assert_allclose(out.loc["a", ["price_gain", "volume_gain", "unit_cost_gain",
                                             "cost_to_serve_gain"]].astype(float),
                               [10.0, 180.0, 8.8, 0.0], atol=1e-9)
    # b: margin 3 points low (CNY 30), cost to serve 3% against 2.5%: cut 1/6 of CNY 30 = 5
    np.testing.assert_allclose(out.loc["b", ["price_gain", "volume_gain", "unit_cost_gain",
                                             "cost_to_serve_gain"]].astype(float),
                               [30.0, 0.0, 9.0, 5.0], atol=1e-9)
    # c: at or above its peers on all three: only the 1% on unit cost is left (CNY 8.4)
    # d: cost to serve 9% against 2.5%: CNY 65 to gain
    assert out.loc["d", "cost_to_serve_gain"] == pytest.approx(65.0)
    assert out["best_lever"].tolist() == ["volume", "price", "unit cost", "cost to serve"]


def test_lever_room_gain_is_the_one_percent_impact_times_the_room_in_percent():
    from kamlab.levers import ROOM_COLUMNS, lever_room

    book = kamlab.load_dataset("customers")
    room = lever_room(book)
    one = account_levers(book)
    impact = {"price": "price_impact", "volume": "volume_impact", "unit cost": "unit_cost_impact",
              "cost to serve": "cost_to_serve_impact"}
    for lever, room_col, gain_col in ROOM_COLUMNS:
        np.testing.assert_allclose(room[gain_col], one[impact[lever]] * room[room_col] / 0.01,
                                   rtol=1e-9, atol=1e-6)


def test_lever_room_closed_forms_on_the_book():
    """price gain = (m* − m)⁺·R, volume (s*/s − 1)⁺·G, unit cost 1%·(R − G), cost to serve
    (k − k*)⁺·R, with the medians per industry × revenue quintile."""
    from kamlab.levers import lever_room

    book = kamlab.load_dataset("customers")
    out = lever_room(book)
    r, g, s = book["revenue"], book["gross_margin"], book["cost_to_serve"]
    band = np.floor((r.rank(method="first") - 1) * 5 / len(book))
    rates = pd.DataFrame({"m": g / r, "s": book["share_of_wallet"], "k": s / r})
    med = rates.groupby([book["industry"], band]).transform("median")
    np.testing.assert_allclose(out["price_gain"], (med["m"] - rates["m"]).clip(lower=0) * r)
    np.testing.assert_allclose(out["volume_gain"],
                               (med["s"] / rates["s"] - 1).clip(lower=0) * g)
    np.testing.assert_allclose(out["unit_cost_gain"], 0.01 * (r - g))
    np.testing.assert_allclose(out["cost_to_serve_gain"],
                               (rates["k"] - med["k"]).clip(lower=0) * r, atol=1e-6)


def test_lever_room_best_lever_differs_between_accounts():
    """Equal 1% moves make price the best lever of every account; achievable moves do not."""
    from kamlab.levers import lever_room

    book = kamlab.load_dataset("customers")
    assert set(account_levers(book)["best_lever"]) == {"price"}
    best = lever_room(book)["best_lever"]
    counts = best.value_counts()
    assert set(counts.index) == {"price", "volume", "unit cost", "cost to serve"}
    assert counts.max() < 0.5 * len(book)  # no lever is the answer for most accounts
    top10 = lever_room(book).nlargest(10, "revenue")["best_lever"]
    assert top10.nunique() >= 3


def test_lever_room_size_bands_compare_like_with_like():
    from kamlab.levers import lever_room

    # two bands: the two small accounts are compared with each other only
    df = FOUR.assign(revenue=[10.0, 20.0, 1000.0, 2000.0],
                     gross_margin=[1.0, 3.0, 120.0, 200.0])
    out = lever_room(df, size_bands=2)
    np.testing.assert_allclose(out["peer_margin_rate"], [0.125, 0.125, 0.11, 0.11])
    np.testing.assert_allclose(lever_room(df, peers=None, size_bands=2)["peer_margin_rate"],
                               out["peer_margin_rate"])


def test_lever_room_no_room_anywhere_is_no_best_lever():
    from kamlab.levers import lever_room

    same = FOUR.assign(gross_margin=100.0, cost_to_serve=20.0, share_of_wallet=0.3)
    out = lever_room(same, size_bands=1, unit_cost=0.0)
    assert out["best_lever"].isna().all()
    assert (out[["price_gain", "volume_gain", "cost_to_serve_gain"]] == 0).all().all()


@pytest.mark.parametrize("kwargs,match", [
    ({"size_bands": 0}, "size_bands is a whole number"),
    ({"size_bands": 2.5}, "size_bands is a whole number"),
    ({"unit_cost": 1}, "Did you mean 0.01"),
    ({"unit_cost": -0.01}, "unit_cost must be 0 or more"),
])
def test_lever_room_rejects_bad_options(kwargs, match):
    from kamlab.levers import lever_room

    with pytest.raises(ParameterError, match=match):
        lever_room(FOUR, **kwargs)


def test_lever_room_rejects_bad_data_with_a_hint():
    from kamlab.exceptions import MissingColumnsError
    from kamlab.levers import lever_room

    with pytest.raises(MissingColumnsError, match="share_of_wallet"):
        lever_room(FOUR.drop(columns="share_of_wallet"))
    with pytest.raises(ParameterError, match="Write 25% as 0.25"):
        lever_room(FOUR.assign(share_of_wallet=[10, 30, 40, 20]))
    with pytest.raises(ParameterError, match="revenue must be greater than 0"):
        lever_room(FOUR.assign(revenue=[0.0, 1.0, 1.0, 1.0]))


# ---------------------------------------------------------------------------------------
# The lever dashboard's table reads like every other table (issue 15)
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,words", [("en", ["Lever", "Profit change", "1,485,230", "cost to serve"]),
                                        ("zh", ["利润变化", "1,485,230", "价格", "服务成本"])])
def test_lever_dashboard_table_goes_through_readable(lang, words):
    from kamlab import widgets

    book = kamlab.load_dataset("customers")
    dash = widgets.lever_dashboard(book, accounts=3, lang=lang)
    html = dash.table.value
    assert all(w in html for w in words), html
    assert "1485230" not in html  # money with separators, no raw float
