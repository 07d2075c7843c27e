"""Tests for kamlab.economics.waterfalls: the seed's erosion waterfall, the pocket-price
waterfall and their validation messages."""

from __future__ import annotations

import numpy as np
import pytest

from kamlab.economics import (
    NEGOTIATION_ROUNDS,
    erosion_waterfall,
    pocket_price_waterfall,
)
from kamlab.exceptions import ParameterError
from kamlab.i18n import value_label

WATERFALL_COLUMNS = ["label", "label_zh", "amount", "kind", "start", "end", "total",
                     "share_of_start"]


# ---------------------------------------------------------------------------------------
# Waterfalls
# ---------------------------------------------------------------------------------------

def test_negotiation_rounds_reproduce_the_seed():
    t = erosion_waterfall(NEGOTIATION_ROUNDS)
    assert t.columns.tolist() == WATERFALL_COLUMNS
    assert t["end"].tolist() == [100, 89, 51, 16, 16, 11, 11, 40, 40]
    assert t["total"].tolist() == t["end"].tolist()
    assert t["amount"].tolist() == [100, -11, -38, -35, 16, -5, 11, 29, 40]
    assert t["kind"].tolist() == ["start", "change", "change", "change", "subtotal", "change",
                                  "subtotal", "change", "subtotal"]
    assert t["label_zh"].tolist() == ["首轮报价", "第二轮", "第三轮", "第四轮", "第五轮", "奖励",
                                      "奖励后的最终价格", "零配件市场的增额", "总额"]
    assert t["share_of_start"].tolist() == pytest.approx(t["amount"] / 100)


def test_waterfall_bars_start_and_end():
    t = erosion_waterfall([("Quote", 100), ("Round 2", -11), ("Round 3", -38),
                           ("So far", None), ("Service", 5)])
    assert t["start"].tolist() == [0, 100, 89, 0, 51]
    assert t["end"].tolist() == [100, 89, 51, 51, 56]
    changes = t[t["kind"] == "change"]
    np.testing.assert_allclose(changes["end"] - changes["start"], changes["amount"])
    assert t["label_zh"].tolist() == t["label"].tolist()  # no 中文 given: English kept


def test_waterfall_accepts_a_dict_and_a_zero_start():
    t = erosion_waterfall({"Start": 0, "Up": 5, "Now": None})
    assert t["end"].tolist() == [0, 5, 5]
    assert t["share_of_start"].isna().all()


def test_waterfall_does_not_mutate_steps():
    steps = [["Quote", 100], ["Cut", -10], ["Now", None]]
    before = [list(s) for s in steps]
    erosion_waterfall(steps)
    assert steps == before


def test_pocket_price_waterfall_by_hand():
    on = {"Volume discount": 4.0, "Payment terms discount": 1.5}
    off = {"Year-end rebate": 3.0, "Co-op advertising": 2.0, "Freight": 1.5}
    on_before, off_before = dict(on), dict(off)
    t = pocket_price_waterfall(100, on, off)
    # 100 - 4 - 1.5 = 94.5 invoice price; 94.5 - 3 - 2 - 1.5 = 88 pocket price
    assert on == on_before and off == off_before
    assert t.columns.tolist() == WATERFALL_COLUMNS
    assert t["label"].tolist() == ["List price", "Volume discount", "Payment terms discount",
                                   "Invoice price", "Year-end rebate", "Co-op advertising",
                                   "Freight", "Pocket price"]
    assert t["end"].tolist() == [100, 96, 94.5, 94.5, 91.5, 89.5, 88, 88]
    assert t["amount"].tolist() == [100, -4, -1.5, 94.5, -3, -2, -1.5, 88]
    assert t["kind"].tolist() == ["start", "change", "change", "subtotal", "change", "change",
                                  "change", "subtotal"]
    # the kit's own step names are looked up in i18n, not carried as Chinese in the result
    assert t["label_zh"].tolist() == t["label"].tolist()
    assert [value_label("step", x, "zh") for x in t["label"].iloc[[0, 3, 7]]] == [
        "标价", "发票价格", "口袋价格"]


def test_pocket_price_can_go_below_zero_and_deductions_are_optional():
    assert pocket_price_waterfall(10, {"Discount": 8}, {"Rebate": 5})["end"].iloc[-1] == -3
    t = pocket_price_waterfall(50)
    assert t["label"].tolist() == ["List price", "Invoice price", "Pocket price"]
    assert t["end"].tolist() == [50, 50, 50]


# ---------------------------------------------------------------------------------------
# Validation messages
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("steps,words", [
    ([], ["steps is empty"]),
    ("abc", ["list of (label, amount) pairs", "got str"]),
    (None, ["list of (label, amount) pairs", "got NoneType"]),
    ([("Start", None)], ["steps[0] is the starting level", "needs a number"]),
    ([(100, "Start")], ["steps[0] label must be text", "label first"]),
    ([("Start", 100), ("Cut", "ten")], ["steps[1] amount must be a number", "None for a subtotal"]),
    ([("Start", 100), ("Cut", float("nan"))], ["steps[1] amount must be a number"]),
    ([("Start", 100), ("Cut",)], ["steps[1] must be a (label, amount) pair"]),
    ([("Start", 100), "Cut -10"], ["steps[1] must be a (label, amount) pair"]),
    ([("Start", 100), ("Cut", -5, 7)], ["steps[1] label must be text"]),
])
def test_bad_waterfall_steps(steps, words):
    with pytest.raises(ParameterError) as info:
        erosion_waterfall(steps)
    for word in words:
        assert word in str(info.value), (word, str(info.value))


@pytest.mark.parametrize("args,words", [
    ((0, None, None), ["list_price must be greater than 0"]),
    ((100, {"Volume discount": -4}, None),
     ["on_invoice['Volume discount']", "≥ 0", "positive number", "{'Volume discount': 4.0}"]),
    ((100, None, {"Freight": "2"}), ["off_invoice['Freight']", "got '2'"]),
    ((100, [("Volume discount", 4)], None), ["on_invoice must be a dict", "got list"]),
    ((100, None, {3: 1.0}), ["off_invoice labels must be text", "got 3"]),
])
def test_bad_pocket_price_inputs(args, words):
    with pytest.raises(ParameterError) as info:
        pocket_price_waterfall(*args)
    for word in words:
        assert word in str(info.value), (word, str(info.value))
