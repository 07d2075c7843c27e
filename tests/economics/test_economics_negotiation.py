"""Tests for kamlab.economics.negotiation: concessions compound, the waterfall adds up to the
contract NPVs, the rebate and aftermarket rows, the index, and the walk-away headroom."""

from __future__ import annotations

import pytest

from kamlab.economics import contract_value, negotiation
from kamlab.exceptions import ParameterError

VOLS = [10_000, 11_000, 12_000, 12_000, 9_000]
TERMS = {"price_down": 0.03, "cost_down": 0.02, "investment": 20_000.0, "rate": 0.10}


def test_each_round_is_the_npv_change_of_its_price():
    n = negotiation(VOLS, 20.0, 17.0, [0.01, 0.02, 0.005], **TERMS)
    expected_prices = [20.0, 20.0 * 0.99, 20.0 * 0.99 * 0.98, 20.0 * 0.99 * 0.98 * 0.995]
    assert n.prices == pytest.approx(expected_prices)
    npvs = [contract_value(VOLS, p, 17.0, **TERMS).npv for p in expected_prices]
    steps = n.steps
    assert steps["label"].tolist()[:4] == ["First quote", "Round 2", "Round 3", "Round 4"]
    assert steps["amount"].iloc[0] == pytest.approx(npvs[0])
    for k in range(1, 4):
        assert steps["amount"].iloc[k] == pytest.approx(npvs[k] - npvs[k - 1])
        assert steps["end"].iloc[k] == pytest.approx(npvs[k])
    assert steps["price"].iloc[:4].tolist() == pytest.approx(expected_prices)
    assert steps["price"].iloc[4:].isna().all()
    assert n.agreed_npv == pytest.approx(npvs[-1])
    assert n.agreed_price == pytest.approx(expected_prices[-1])


def test_rebate_and_aftermarket_rows():
    n = negotiation(VOLS, 20.0, 17.0, [0.02], rebate=0.01, aftermarket=5_000.0, **TERMS)
    cv = contract_value(VOLS, n.agreed_price, 17.0, **TERMS)
    revenue_pv = (cv.cashflows["revenue"] * cv.cashflows["discount_factor"]).sum()
    by_label = n.steps.set_index("label")
    assert by_label.loc["Rebate", "amount"] == pytest.approx(-0.01 * revenue_pv)
    assert by_label.loc["After rebate", "end"] == pytest.approx(cv.npv - 0.01 * revenue_pv)
    assert by_label.loc["Aftermarket", "amount"] == 5_000.0
    assert by_label.loc["Total", "end"] == pytest.approx(n.total_npv)
    assert n.total_npv == pytest.approx(n.final_npv + 5_000.0)
    assert by_label.loc["Agreed price", "kind"] == "subtotal"


def test_index_scales_the_first_quote_to_100():
    cny = negotiation(VOLS, 20.0, 17.0, [0.01, 0.03], rebate=0.005, aftermarket=9_000, **TERMS)
    idx = negotiation(VOLS, 20.0, 17.0, [0.01, 0.03], rebate=0.005, aftermarket=9_000,
                      index=True, **TERMS)
    assert idx.steps["end"].iloc[0] == pytest.approx(100.0)
    ratio = (idx.steps["end"] / cny.steps["end"]).to_numpy()
    assert ratio == pytest.approx([100.0 / cny.first_npv] * len(ratio))
    assert idx.total_npv == pytest.approx(cny.total_npv)  # the fields stay in CNY


def test_headroom_against_the_walk_away_price():
    n = negotiation(VOLS, 20.0, 17.0, [0.05], **TERMS)
    walk = contract_value(VOLS, 20.0, 17.0, **TERMS).walk_away_price
    assert n.walk_away_price == pytest.approx(walk)
    assert n.headroom == pytest.approx(19.0 - walk)
    assert n.headroom_pct == pytest.approx((19.0 - walk) / walk)
    below = negotiation(VOLS, 20.0, 17.0, [0.15], **TERMS)
    assert below.headroom < 0 and below.agreed_npv < 0


def test_no_concessions_leaves_the_first_quote():
    n = negotiation(VOLS, 20.0, 17.0, **TERMS)
    assert n.prices == (20.0,)
    assert n.steps["label"].tolist() == ["First quote", "Agreed price", "Rebate", "After rebate",
                                         "Aftermarket", "Total"]
    assert n.steps["end"].nunique() == 1


@pytest.mark.parametrize("kwargs, words", [
    ({"concessions": [2]}, "Did you mean 0.02"),
    ({"concessions": [-0.01]}, r"concessions\[0\]"),
    ({"concessions": "0.02"}, "list of price cuts"),
    ({"rebate": 1.5}, "rebate"),
    ({"start_price": 0}, "start_price"),
])
def test_bad_inputs_name_the_parameter(kwargs, words):
    args = {"volumes": VOLS, "start_price": 20.0, "unit_cost": 17.0, **TERMS, **kwargs}
    with pytest.raises(ParameterError, match=words):
        negotiation(**args)


def test_index_of_a_loss_is_refused():
    with pytest.raises(ParameterError, match="index=True needs a positive NPV"):
        negotiation(VOLS, 17.0, 17.0, [0.01], index=True, **TERMS)
