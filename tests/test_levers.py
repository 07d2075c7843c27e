"""Tests for kamlab.levers: the profit lever tree (closed forms, hints, purity)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

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
