"""Tests for kamlab.economics.customer_value: EVC and its value split, TCO, and their
validation messages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kamlab.economics import (
    EVC,
    ValueSplit,
    evc,
    tco,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

WATERFALL_COLUMNS = ["label", "label_zh", "amount", "kind", "start", "end", "total",
                     "share_of_start"]


# ---------------------------------------------------------------------------------------
# EVC
# ---------------------------------------------------------------------------------------

def test_evc_by_hand():
    savings = {"Lower energy use": 12, "Less downtime": 8}
    e = evc(100, savings=savings, benefits={"More output": 10}, negative=5, price=110)
    # 100 + (12 + 8) + 10 - 5 = 125; pool = 25; at 110: customer keeps 15, we keep 10
    assert isinstance(e, EVC)
    assert (e.value, e.reference_price, e.differentiation) == (125, 100, 25)
    assert (e.savings, e.benefits, e.negative) == (20, 10, 5)
    assert (e.customer_incentive, e.premium) == (15, 10)
    c = e.components
    assert c.columns.tolist() == WATERFALL_COLUMNS
    assert c["label"].tolist() == ["Reference product price", "Lower energy use",
                                   "Less downtime", "More output", "Negative differentiation",
                                   "EVC"]
    assert c["amount"].tolist() == [100, 12, 8, 10, -5, 125]
    assert c["kind"].iloc[-1] == "subtotal" and c["end"].iloc[-1] == e.value
    assert savings == {"Lower energy use": 12, "Less downtime": 8}


@pytest.mark.parametrize("price,incentive,premium,customer_share", [
    (110, 15, 10, 0.6),      # inside the pool
    (125, 0, 25, 0.0),       # at the EVC: no reason to switch, we keep all
    (100, 25, 0, 1.0),       # at the reference price: the customer keeps all
    (130, -5, 30, -0.2),     # above the EVC: the customer will not switch
    (95, 30, -5, 1.2),       # below the reference price: we give value away
])
def test_evc_split(price, incentive, premium, customer_share):
    e = evc(100, savings=20, benefits=10, negative=5)
    assert e.price is None and e.customer_incentive is None and e.premium is None
    s = e.split(price)
    assert isinstance(s, ValueSplit)
    assert (s.customer_incentive, s.premium, s.pool) == pytest.approx((incentive, premium, 25))
    assert s.customer_share == pytest.approx(customer_share)
    assert s.customer_share + s.our_share == pytest.approx(1.0)
    assert s.customer_incentive + s.premium == pytest.approx(s.pool)


def test_evc_without_differentiation_has_no_shares():
    e = evc(80)
    assert e.value == 80 and e.differentiation == 0
    assert e.components["label"].tolist() == ["Reference product price", "EVC"]
    s = e.split(80)
    assert math.isnan(s.customer_share) and math.isnan(s.our_share)


# ---------------------------------------------------------------------------------------
# Total cost of ownership
# ---------------------------------------------------------------------------------------

def _offers():
    return pd.DataFrame({
        "offer": ["Cheap", "Efficient"], "price": [100.0, 150.0], "acquisition": [20.0, 10.0],
        "operating": [50.0, 20.0], "end_of_life": [10.0, -25.0], "life_years": [2, 2]})


def test_tco_two_offers_by_hand():
    offers = _offers()
    before = offers.copy()
    t = tco(offers, rate=0.25)
    pd.testing.assert_frame_equal(offers, before)
    # rate 25%, 2 years: annuity factor = 0.8 + 0.64 = 1.44; 1/1.25^2 = 0.64
    # Cheap:     100 + 20 + 50·1.44 + 10·0.64  = 100 + 20 + 72 + 6.4    = 198.4
    # Efficient: 150 + 10 + 20·1.44 − 25·0.64  = 150 + 10 + 28.8 − 16   = 172.8
    assert t["offer"].tolist() == ["Efficient", "Cheap"]
    assert t["operating_pv"].tolist() == pytest.approx([28.8, 72.0])
    assert t["end_of_life_pv"].tolist() == pytest.approx([-16.0, 6.4])
    assert t["tco"].tolist() == pytest.approx([172.8, 198.4])
    assert t["tco_per_year"].tolist() == pytest.approx([172.8 / 1.44, 198.4 / 1.44])
    assert t["rank_by_price"].tolist() == [2, 1]
    assert t["rank_by_tco"].tolist() == [1, 2]
    assert t["rank_by_tco_per_year"].tolist() == [1, 2]
    assert t.columns.tolist() == ["offer", "price", "acquisition", "operating", "life_years",
                                  "operating_pv", "end_of_life", "end_of_life_pv", "tco",
                                  "tco_per_year", "rank_by_price", "rank_by_tco",
                                  "rank_by_tco_per_year"]


@pytest.mark.parametrize("rate", [0.0, 0.08, 0.3])
def test_tco_per_year_of_a_pure_yearly_cost_is_that_cost(rate):
    offers = pd.DataFrame({"offer": ["3y", "7y"], "price": [0.0, 0.0], "acquisition": [0, 0],
                           "operating": [30.0, 30.0], "end_of_life": [0, 0],
                           "life_years": [3, 7]})
    t = tco(offers, rate=rate)
    assert t["tco_per_year"].tolist() == pytest.approx([30.0, 30.0])
    assert t["offer"].tolist() == ["3y", "7y"]  # the shorter life has the lower TCO


def test_tco_zero_rate_is_a_plain_sum_and_longer_life_wins_per_year():
    offers = pd.DataFrame({"offer": ["Short", "Long"], "price": [100.0, 160.0],
                           "acquisition": [0, 0], "operating": [10.0, 10.0],
                           "end_of_life": [0, 0], "life_years": [2, 4]})
    t = tco(offers, rate=0).set_index("offer")
    assert t.loc["Short", "tco"] == 120 and t.loc["Long", "tco"] == 200
    assert t.loc["Short", "tco_per_year"] == 60 and t.loc["Long", "tco_per_year"] == 50
    assert t.loc["Short", "rank_by_tco"] == 1 and t.loc["Long", "rank_by_tco_per_year"] == 1


def test_tco_custom_column_names_and_missing_costs():
    offers = pd.DataFrame({"供应商": ["A", "B"], "单价": [10.0, 12.0], "能耗": [5.0, 3.0],
                           "寿命": [3, 3]})
    t = tco(offers, rate=0, offer="供应商", price="单价", acquisition=None, operating="能耗",
            end_of_life=None, life="寿命")
    assert t["offer"].tolist() == ["B", "A"]
    assert t["tco"].tolist() == [21.0, 25.0]
    assert (t["acquisition"] == 0).all() and (t["end_of_life_pv"] == 0).all()


def test_tco_ties_keep_table_order_and_share_rank():
    offers = pd.DataFrame({"offer": ["X", "Y"], "price": [10.0, 10.0], "acquisition": [0, 0],
                           "operating": [0, 0], "end_of_life": [0, 0], "life_years": [1, 1]})
    t = tco(offers)
    assert t["offer"].tolist() == ["X", "Y"]
    assert t["rank_by_tco"].tolist() == [1, 1]


# ---------------------------------------------------------------------------------------
# Validation messages
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("args,kwargs,words", [
    ((0,), {}, ["reference_price must be greater than 0"]),
    ((100,), {"savings": -3}, ["savings must be 0 or more"]),
    ((100,), {"benefits": {"More output": -1}}, ["benefits['More output']", "≥ 0"]),
    ((100,), {"negative": [5]}, ["negative must be a number ≥ 0 or a dict", "got [5]"]),
    ((100,), {"savings": None}, ["savings must be a number ≥ 0 or a dict", "got None"]),
    ((100,), {"price": 0}, ["price must be greater than 0"]),
])
def test_bad_evc_inputs(args, kwargs, words):
    with pytest.raises(ParameterError) as info:
        evc(*args, **kwargs)
    for word in words:
        assert word in str(info.value), (word, str(info.value))
    with pytest.raises(ParameterError, match="price must be greater than 0"):
        evc(100).split(-1)


def test_tco_missing_column():
    with pytest.raises(MissingColumnsError, match="'operating'.*offers table") as info:
        tco(_offers().drop(columns="operating"))
    assert "operating=" in str(info.value) or "rename" in str(info.value)
    with pytest.raises(ParameterError, match="needs a pandas DataFrame"):
        tco([{"offer": "A", "price": 1}])


@pytest.mark.parametrize("change,exc,words", [
    ({"price": [np.nan, 150.0]}, InvalidDataError, ["'price' has blanks", "rows [0]"]),
    ({"price": [-100.0, 150.0]}, InvalidDataError, ["'price' must be 0 or more", "['Cheap']"]),
    ({"operating": [50.0, -1.0]}, InvalidDataError, ["'operating'", "['Efficient']"]),
    ({"acquisition": ["20", "ten"]}, InvalidDataError, ["must hold numbers", "'ten'"]),
    ({"life_years": [2.5, 2]}, InvalidDataError, ["whole years", "['Cheap']", "2.5"]),
    ({"life_years": [0, 2]}, InvalidDataError, ["whole years, 1 or more", "['Cheap']"]),
    ({"offer": ["Same", "Same"]}, InvalidDataError, ["unique", "['Same']"]),
    ({"offer": [None, "B"]}, InvalidDataError, ["blank offer names", "rows [0]"]),
])
def test_bad_tco_data(change, exc, words):
    offers = _offers().assign(**change)
    with pytest.raises(exc) as info:
        tco(offers)
    assert type(info.value) is exc
    for word in words:
        assert word in str(info.value), (word, str(info.value))


def test_tco_negative_end_of_life_is_salvage_not_an_error():
    t = tco(_offers().assign(end_of_life=[-500.0, -1.0]))
    assert (t["end_of_life_pv"] < 0).all()


def test_tco_bad_rate_and_empty_table():
    with pytest.raises(ParameterError, match="rate must be greater than -1"):
        tco(_offers(), rate=-2)
    with pytest.raises(InvalidDataError, match="no rows"):
        tco(_offers().iloc[:0])
