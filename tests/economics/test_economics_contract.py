"""Tests for kamlab.economics.contract: NPV closed forms and the Excel / numpy-financial
conventions, walk-away and target prices, the tornado, the Monte Carlo, and every
validation message of the contract functions."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlab.economics import (
    SENSITIVITY_INPUTS,
    ContractValue,
    NPVSummary,
    contract_value,
    npv_sensitivity,
    npv_summary,
    price_for_npv,
    simulate_npv,
)
from kamlab.exceptions import ParameterError

VOLS10 = [1000, 1100, 1200, 1200, 1200, 1150, 1100, 1000, 900, 800]
DEAL = {"price_down": 0.03, "cost_down": 0.02, "investment": 20_000.0, "rate": 0.10}

CASHFLOW_COLUMNS = ["year", "volume", "price", "unit_cost", "unit_margin", "revenue", "cost",
                    "investment", "cashflow", "discount_factor", "present_value",
                    "cumulative_pv"]


def _flows(vols, price, cost, price_down=0.0, cost_down=0.0):
    """Yearly cash flows written out the slow, obvious way."""
    return [(price * (1 - price_down) ** t - cost * (1 - cost_down) ** t) * v
            for t, v in enumerate(vols)]


# ---------------------------------------------------------------------------------------
# Contract value: closed forms
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("rate,years", [(0.10, 5), (0.07, 1), (0.25, 12), (-0.05, 4)])
def test_npv_of_a_level_annuity(rate, years):
    margin, volume, investment = 3.5, 2_000.0, 10_000.0
    cv = contract_value([volume] * years, 10.0, 6.5, investment=investment, rate=rate)
    annuity = (1 - (1 + rate) ** -years) / rate
    assert cv.npv == pytest.approx(margin * volume * annuity - investment, rel=1e-12)


def test_zero_rate_npv_is_the_sum_of_flows():
    vols = [100, 250, 400, 0, 50]
    cv = contract_value(vols, 12, 7, price_down=0.05, cost_down=0.02, investment=900, rate=0)
    assert cv.npv == pytest.approx(sum(_flows(vols, 12, 7, 0.05, 0.02)) - 900, rel=1e-12)
    assert (cv.cashflows["discount_factor"] == 1.0).all()


def test_irr_recovers_a_known_rate():
    vols, price, cost = [800, 1000, 1200, 1200, 900], 25.0, 18.0
    flows = _flows(vols, price, cost, price_down=0.02)
    investment = sum(cf / 1.12 ** (t + 1) for t, cf in enumerate(flows))  # PV at 12%
    cv = contract_value(vols, price, cost, price_down=0.02, investment=investment, rate=0.08)
    assert cv.irr == pytest.approx(0.12, abs=1e-9)
    at_irr = contract_value(vols, price, cost, price_down=0.02, investment=investment, rate=0.12)
    assert abs(at_irr.npv) < 1e-6


def test_irr_is_nan_without_a_sign_change():
    assert math.isnan(contract_value([100, 100], 10, 5).irr)           # no investment
    assert math.isnan(contract_value([0, 0, 0], 10, 5).irr)            # nothing at all
    assert math.isnan(contract_value([100], 10, 12, investment=50).irr)  # never positive


def test_walk_away_price_three_year_hand_example():
    # volumes 125, 250, 500; price-down 50%/yr; unit cost 2 (no cost-down); investment 188;
    # rate 25% -> discount factors 1/1.25 = 0.8, 1/1.5625 = 0.64, 1/1.953125 = 0.512.
    # A = Σ v·(1-0.5)^(t-1)·df = 125·1·0.8 + 250·0.5·0.64 + 500·0.25·0.512 = 100 + 80 + 64 = 244
    # B = Σ v·df               = 125·0.8 + 250·0.64 + 500·0.512 = 100 + 160 + 256      = 516
    # walk-away = (2·516 + 188) / 244 = 1220 / 244 = 5
    # at price 8: (8-2)·125·0.8 + (4-2)·250·0.64 + (2-2)·500·0.512 - 188 = 600+320+0-188 = 732
    kw = {"price_down": 0.5, "investment": 188, "rate": 0.25}
    cv = contract_value([125, 250, 500], 8, 2, **kw)
    assert cv.npv == pytest.approx(732.0, abs=1e-9)
    assert cv.walk_away_price == pytest.approx(5.0, abs=1e-12)
    assert cv.cashflows["present_value"].tolist() == pytest.approx([-188, 600, 320, 0])
    assert abs(contract_value([125, 250, 500], cv.walk_away_price, 2, **kw).npv) < 1e-6
    assert cv.target_price(732.0) == pytest.approx(8.0)


@pytest.mark.parametrize("target", [0.0, 5_000.0, -3_000.0, 123_456.7])
def test_price_for_npv_round_trips(target):
    price = price_for_npv(VOLS10, 15, target, **DEAL)
    assert contract_value(VOLS10, price, 15, **DEAL).npv == pytest.approx(target, abs=1e-6)
    assert contract_value(VOLS10, 20, 15, **DEAL).target_price(target) == pytest.approx(price)


def test_walk_away_is_target_zero_and_independent_of_start_price():
    a = contract_value(VOLS10, 20, 15, **DEAL)
    b = contract_value(VOLS10, 35, 15, **DEAL)
    assert a.walk_away_price == pytest.approx(b.walk_away_price, rel=1e-12)
    assert a.walk_away_price == pytest.approx(price_for_npv(VOLS10, 15, 0, **DEAL), rel=1e-12)


def test_all_zero_volumes_have_no_walk_away_price():
    cv = contract_value([0, 0], 10, 5, investment=100)
    assert cv.npv == -100
    assert math.isnan(cv.walk_away_price)
    with pytest.raises(ParameterError, match="every volume is 0"):
        price_for_npv([0, 0], 5, 0, investment=100)


@settings(max_examples=80, deadline=None)
@given(
    vols=st.lists(st.floats(0, 1e5, allow_nan=False), min_size=1, max_size=15),
    price=st.floats(0.01, 1_000), cost=st.floats(0, 1_000),
    price_down=st.floats(0, 0.5), cost_down=st.floats(0, 0.5),
    investment=st.floats(0, 1e6), rate=st.floats(0, 0.5),
)
def test_npv_matches_numpy_financial_and_excel(vols, price, cost, price_down, cost_down,
                                               investment, rate):
    cv = contract_value(vols, price, cost, price_down=price_down, cost_down=cost_down,
                        investment=investment, rate=rate)
    flows = _flows(vols, price, cost, price_down, cost_down)
    scale = 1.0 + investment + sum(abs(f) for f in flows)
    # numpy-financial discounts its FIRST value at t=0: put -investment there
    assert cv.npv == pytest.approx(float(npf.npv(rate, [-investment, *flows])),
                                   abs=1e-9 * scale)
    # Excel: =NPV(rate, B1:BT) - investment, where NPV discounts its first value one period
    excel = sum(v / (1 + rate) ** i for i, v in enumerate(flows, start=1)) - investment
    assert cv.npv == pytest.approx(excel, abs=1e-9 * scale)
    assert cv.cashflows["present_value"].sum() == pytest.approx(cv.npv, abs=1e-9 * scale)


def test_cashflows_frame():
    cv = contract_value([100, 200, 300], 10, 6, price_down=0.1, cost_down=0.05,
                        investment=400, rate=0.1)
    cf = cv.cashflows
    assert cf.columns.tolist() == CASHFLOW_COLUMNS
    assert cf["year"].tolist() == [0, 1, 2, 3]
    year0 = cf.iloc[0]
    assert year0["cashflow"] == -400 and year0["present_value"] == -400
    assert year0["discount_factor"] == 1.0 and year0["volume"] == 0
    assert np.isnan(year0["price"]) and np.isnan(year0["unit_margin"])
    # compounding: year-3 price = p·(1-d)^2, unit cost = c·(1-d)^2
    assert cf["price"].iloc[3] == pytest.approx(10 * 0.9 ** 2)
    assert cf["unit_cost"].iloc[3] == pytest.approx(6 * 0.95 ** 2)
    assert cf["price"].iloc[1:].tolist() == pytest.approx([10, 9, 8.1])
    assert cf["cashflow"].iloc[2] == pytest.approx((9 - 6 * 0.95) * 200)
    assert cf["discount_factor"].iloc[3] == pytest.approx(1 / 1.1 ** 3)
    assert cf["present_value"].sum() == pytest.approx(cv.npv)
    assert cf["cumulative_pv"].iloc[-1] == pytest.approx(cv.npv)
    np.testing.assert_allclose(cf["cashflow"], cf["revenue"] - cf["cost"] - cf["investment"])
    assert cv.cashflows is cf  # built once


def test_result_is_frozen_and_keeps_inputs():
    cv = contract_value(np.array([10, 20]), 5, 3, price_down=0.01, rate=0.0)
    assert isinstance(cv, ContractValue)
    assert cv.volumes == (10.0, 20.0)
    assert (cv.start_price, cv.unit_cost, cv.price_down, cv.rate) == (5.0, 3.0, 0.01, 0.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cv.npv = 0.0  # type: ignore[misc]


@pytest.mark.parametrize("volumes", [
    [100, 200], (100, 200), np.array([100, 200]), np.array([100.0, 200.0]),
    pd.Series([100, 200], index=["y1", "y2"]), [np.int64(100), np.float32(200)],
])
def test_volumes_accept_sequences_arrays_and_series(volumes):
    assert contract_value(volumes, 10, 5, rate=0).npv == 1500


def test_contract_inputs_are_not_mutated():
    vols_list = [100, 200, 300]
    vols_array = np.array([100.0, 200.0, 300.0])
    vols_series = pd.Series([100.0, 200.0, 300.0])
    for vols in (vols_list, vols_array, vols_series):
        before = list(vols)
        _ = contract_value(vols, 10, 5, investment=10).cashflows
        npv_sensitivity(vols, 10, 5, investment=10)
        simulate_npv(vols, 10, 5, n=10)
        price_for_npv(vols, 5, 100)
        assert list(vols) == before
    assert vols_array.dtype == np.float64


# ---------------------------------------------------------------------------------------
# Sensitivity (tornado)
# ---------------------------------------------------------------------------------------

def test_sensitivity_matches_direct_recomputation():
    kw = dict(DEAL)
    d = 0.2
    t = npv_sensitivity(VOLS10, 20, 15, change=d, **kw).set_index("input")
    base = contract_value(VOLS10, 20, 15, **kw).npv
    assert t["base_npv"].tolist() == pytest.approx([base] * len(SENSITIVITY_INPUTS))
    for sign, col in ((-1, "npv_low"), (1, "npv_high")):
        f = 1 + sign * d
        expected = {
            "volume": contract_value([v * f for v in VOLS10], 20, 15, **kw).npv,
            "start_price": contract_value(VOLS10, 20 * f, 15, **kw).npv,
            "unit_cost": contract_value(VOLS10, 20, 15 * f, **kw).npv,
            "price_down": contract_value(VOLS10, 20, 15, **{**kw, "price_down": 0.03 * f}).npv,
            "cost_down": contract_value(VOLS10, 20, 15, **{**kw, "cost_down": 0.02 * f}).npv,
            "investment": contract_value(VOLS10, 20, 15, **{**kw, "investment": 2e4 * f}).npv,
            "rate": contract_value(VOLS10, 20, 15, **{**kw, "rate": 0.1 * f}).npv,
        }
        for name, npv in expected.items():
            assert t.loc[name, col] == pytest.approx(npv, rel=1e-10), (name, col)
    assert t.loc["volume", "base_value"] == sum(VOLS10)
    assert t.loc["volume", "low_value"] == pytest.approx(sum(VOLS10) * 0.8)
    assert t.loc["start_price", "high_value"] == pytest.approx(24)


def test_sensitivity_signs_order_and_zero_bases():
    t = npv_sensitivity([1000] * 5, 20, 15, investment=5_000, rate=0.08)
    assert t.columns.tolist() == ["input", "base_value", "low_value", "high_value",
                                  "npv_low", "npv_high", "base_npv", "swing"]
    assert t["input"].tolist()[:2] == ["start_price", "unit_cost"]
    assert t["swing"].is_monotonic_decreasing
    np.testing.assert_allclose(t["swing"], (t["npv_high"] - t["npv_low"]).abs())
    s = t.set_index("input")
    assert s.loc["start_price", "npv_high"] > s.loc["start_price", "npv_low"]
    assert s.loc["volume", "npv_high"] > s.loc["volume", "npv_low"]
    for cost_like in ("unit_cost", "investment", "rate"):
        assert s.loc[cost_like, "npv_high"] < s.loc[cost_like, "npv_low"]
    # price_down and cost_down are 0: nothing to move, swing 0, kept at the end in table order
    assert t["input"].tolist()[-2:] == ["price_down", "cost_down"]
    assert (s.loc[["price_down", "cost_down"], "swing"] == 0).all()
    assert set(t["input"]) == set(SENSITIVITY_INPUTS)
    assert "input_zh" not in s  # results carry codes; i18n.value_label("input", …) labels them


def test_sensitivity_price_down_hurts_cost_down_helps():
    s = npv_sensitivity([1000] * 5, 20, 15, price_down=0.03, cost_down=0.02).set_index("input")
    assert s.loc["price_down", "npv_high"] < s.loc["price_down", "npv_low"]
    assert s.loc["cost_down", "npv_high"] > s.loc["cost_down", "npv_low"]


# ---------------------------------------------------------------------------------------
# Monte Carlo
# ---------------------------------------------------------------------------------------

def test_simulation_is_seeded_and_shaped():
    a = simulate_npv(VOLS10, 20, 15, n=5_000, seed=7, **DEAL)
    b = simulate_npv(VOLS10, 20, 15, n=5_000, seed=7, **DEAL)
    c = simulate_npv(VOLS10, 20, 15, n=5_000, seed=8, **DEAL)
    pd.testing.assert_series_equal(a, b)
    assert not a.equals(c)
    assert len(a) == 5_000 and a.name == "npv" and a.index.name == "draw"


def test_simulation_without_uncertainty_is_the_deterministic_npv():
    s = simulate_npv(VOLS10, 20, 15, volume_sd=0, price_sd=0, cost_sd=0, n=100, **DEAL)
    base = contract_value(VOLS10, 20, 15, **DEAL).npv
    np.testing.assert_allclose(s.to_numpy(), base, rtol=1e-12)


def test_simulation_mean_and_spread():
    n = 40_000
    base = contract_value(VOLS10, 20, 15, **DEAL)
    s = simulate_npv(VOLS10, 20, 15, volume_sd=0.05, price_sd=0.02, cost_sd=0.02, n=n,
                     seed=3, **DEAL)
    # independent multipliers with mean 1: E[NPV] is the deterministic NPV
    assert abs(s.mean() - base.npv) < 4 * s.std() / math.sqrt(n)
    # volume uncertainty only: NPV + investment scales with the volume multiplier
    v = simulate_npv(VOLS10, 20, 15, volume_sd=0.1, price_sd=0, cost_sd=0, n=n, seed=3, **DEAL)
    assert v.std() == pytest.approx(0.1 * (base.npv + DEAL["investment"]), rel=0.03)


def test_simulation_equals_an_explicit_year_by_year_computation():
    n, seed = 50, 11
    s = simulate_npv(VOLS10, 20, 15, volume_sd=0.1, price_sd=0.05, cost_sd=0.05, n=n,
                     seed=seed, **DEAL)
    z = np.random.default_rng(seed).standard_normal((3, n))
    mv, mp, mc = 1 + 0.1 * z[0], 1 + 0.05 * z[1], 1 + 0.05 * z[2]
    for i in range(n):
        vols = [v * mv[i] for v in VOLS10]
        npv = contract_value(vols, 20 * mp[i], 15 * mc[i], **DEAL).npv
        assert s.iloc[i] == pytest.approx(npv, rel=1e-10)


def test_npv_summary_by_hand():
    sm = npv_summary(pd.Series([-10.0, 0.0, 10.0, 20.0]))
    assert isinstance(sm, NPVSummary)
    assert (sm.n, sm.mean, sm.prob_loss, sm.p50) == (4, 5.0, 0.25, 5.0)
    assert sm.std == pytest.approx(np.std([-10, 0, 10, 20], ddof=1))
    assert sm.p5 == pytest.approx(-8.5) and sm.p95 == pytest.approx(18.5)
    assert math.isnan(npv_summary([3.0]).std)


def test_npv_summary_of_a_simulation():
    s = simulate_npv([1000] * 3, 10, 9.5, volume_sd=0.1, cost_sd=0.1, n=20_000, seed=1)
    sm = npv_summary(s)
    assert sm.p5 < sm.p50 < sm.p95
    assert sm.prob_loss == pytest.approx((s < 0).mean())
    assert 0 < sm.prob_loss < 0.5


# ---------------------------------------------------------------------------------------
# Validation messages
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("volumes,words", [
    ([], ["volumes is empty", "one volume per year"]),
    ("1000", ["list of yearly volumes", "got str"]),
    (1000, ["list of yearly volumes", "got int"]),
    ({"y1": 10}, ["list of yearly volumes", "got dict"]),
    ([100, "x", 50], ["volumes[1] (year 2)", "'x'", "use 0"]),
    ([100, None], ["volumes[1] (year 2)", "None"]),
    ([100, 200, -5], ["volumes[2] (year 3)", "0 or more", "lost year as 0"]),
    ([100, float("nan")], ["volumes[1] (year 2)", "nan"]),
    (np.array([1.0, np.inf]), ["volumes[1] (year 2)", "inf"]),
    ([True, 10], ["volumes[0] (year 1)", "True"]),
    (np.array([[1, 2], [3, 4]]), ["one flat list", "(2, 2)"]),
    (pd.Series([10, None, 5], dtype="Int64"), ["volumes[1] (year 2)"]),
])
def test_bad_volumes(volumes, words):
    for call in (lambda: contract_value(volumes, 10, 5),
                 lambda: price_for_npv(volumes, 5, 0),
                 lambda: npv_sensitivity(volumes, 10, 5),
                 lambda: simulate_npv(volumes, 10, 5, n=5)):
        with pytest.raises(ParameterError) as info:
            call()
        message = str(info.value)
        assert "volumes" in message
        for word in words:
            assert word in message, (word, message)


@pytest.mark.parametrize("kwargs,words", [
    ({"start_price": 0}, ["start_price must be greater than 0"]),
    ({"start_price": "10"}, ["start_price must be a number", "'10'"]),
    ({"unit_cost": -1}, ["unit_cost must be 0 or more"]),
    ({"price_down": 3}, ["price_down", "got 3", "Did you mean 0.03?"]),
    ({"price_down": 1}, ["price_down", "between 0 (included) and 1 (excluded)", "0.01"]),
    ({"cost_down": -0.1}, ["cost_down", "between 0 (included) and 1", "got -0.1"]),
    ({"investment": -5}, ["investment must be 0 or more"]),
    ({"rate": -1}, ["rate must be greater than -1", "0.10 = 10%"]),
    ({"rate": float("nan")}, ["rate must be a number"]),
    ({"investment": True}, ["investment must be a number"]),
])
def test_bad_contract_parameters(kwargs, words):
    args = {"volumes": [100, 200], "start_price": 10, "unit_cost": 5, **kwargs}
    with pytest.raises(ParameterError) as info:
        contract_value(args.pop("volumes"), args.pop("start_price"), args.pop("unit_cost"),
                       **args)
    for word in words:
        assert word in str(info.value), (word, str(info.value))
    assert str(info.value).startswith("contract_value():")


def test_bad_target_npv():
    with pytest.raises(ParameterError, match="price_for_npv\\(\\): target_npv must be a number"):
        price_for_npv([100], 5, None)


@pytest.mark.parametrize("change,words", [
    (0, ["change must be between 0 and 1"]),
    (1, ["change must be between 0 and 1", "Did you mean 0.01?"]),
    (10, ["Did you mean 0.1?"]),
])
def test_bad_sensitivity_change(change, words):
    with pytest.raises(ParameterError) as info:
        npv_sensitivity([100], 10, 5, change=change)
    for word in words:
        assert word in str(info.value)


def test_sensitivity_move_out_of_range():
    with pytest.raises(ParameterError, match="price_down 0.95 moved up by 10% .* smaller change"):
        npv_sensitivity([100, 100], 10, 5, price_down=0.95)
    with pytest.raises(ParameterError, match="rate -0.95 .* not above -1"):
        npv_sensitivity([100, 100], 10, 5, rate=-0.95)


@pytest.mark.parametrize("kwargs,words", [
    ({"volume_sd": 10}, ["volume_sd", "Did you mean 0.1?"]),
    ({"cost_sd": -0.1}, ["cost_sd must be 0 or more"]),
    ({"price_sd": 1.0}, ["price_sd", "below 1"]),
    ({"n": 0}, ["n is the number of draws", "got 0"]),
    ({"n": 1000.0}, ["n is the number of draws", "1000.0"]),
    ({"n": True}, ["n is the number of draws"]),
    ({"seed": "abc"}, ["seed must be an integer", "'abc'"]),
])
def test_bad_simulation_parameters(kwargs, words):
    with pytest.raises(ParameterError) as info:
        simulate_npv([100, 100], 10, 5, **kwargs)
    for word in words:
        assert word in str(info.value), (word, str(info.value))


@pytest.mark.parametrize("draws", [[], ["a"], [1.0, float("nan")], [[1, 2], [3, 4]]])
def test_bad_npv_summary(draws):
    with pytest.raises(ParameterError, match="npv_summary\\(\\): draws must be"):
        npv_summary(draws)


def test_errors_are_value_errors_and_picklable():
    import pickle

    with pytest.raises(ValueError) as info:
        contract_value([100, -1], 10, 5)
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is ParameterError and again.position == 1
    assert str(again) == str(info.value)


def test_irr_survives_degenerate_flows():
    # a subnormal last-year volume makes numpy's polynomial roots overflow
    cv = contract_value([1.0, 2.225073858507e-311], 1.0, 0.0, investment=0.5, rate=0.0)
    assert math.isnan(cv.irr) or math.isfinite(cv.irr)
    assert math.isnan(contract_value([1.0, 2.225073858507e-311], 1.0, 0.0, rate=0.0).irr)


@pytest.mark.parametrize("rate", [1, 8, 10, 12.5])
def test_a_rate_given_in_percent_is_refused_with_the_fraction(rate):
    """Issue 9 group 5: contract_value(rate=10) meant 10%, not 1,000%."""
    from kamlab import load_dataset
    from kamlab.economics import tco

    with pytest.raises(ParameterError, match=rf"Did you mean rate={rate / 100:g}\?"):
        contract_value([100, 100], 10, 8, rate=rate)
    with pytest.raises(ParameterError, match=rf"Did you mean rate={rate / 100:g}\?"):
        tco(load_dataset("tco_offers"), rate=rate)
