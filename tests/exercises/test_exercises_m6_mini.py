"""Module 6 mini-case exercises (kamlab/exercises/m6_mini.py): the mistaken answers a trainee
would hand in and the expected values against the data cards.

``MISTAKEN_ANSWERS`` is merged into tests/exercises/test_exercises_bank.py's table, so the
generic tests there (every registered mistake has an entry; every hint fires on exactly its
mistake; distinct hints and a generic one; answers in other forms and wrong types; course
order; the notebooks) cover this bank like every other. The mistaken values are computed the
way a trainee would — the closed forms of the pay-plan model with numpy, plain pandas on the
dealer table — independently of the detectors and of kamlab.cases.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pandas as pd
import pytest
from _mistakes import assert_mistakes_differ

import kamlab
from kamlab.exercises import check, expected_answer, get_exercise

M6_MINI_EXERCISES = ["m6-oil-top5-hours", "m6-oil-profit-gain", "m6-dealer-duplicated",
                     "m6-dealer-kam-500"]
H, RATE = 1_500, 10.0  # the rep's hours and the volume plan's CNY per tonne (the notebooks')


@cache
def oil() -> pd.DataFrame:
    return kamlab.load_dataset("oil_bulk_accounts")


@cache
def dealers() -> pd.DataFrame:
    return kamlab.load_dataset("dealers")


# --- the pay-plan model in closed form, by hand --------------------------------------------

def _arrays():
    o = oil()
    return (o["unit_margin"].to_numpy(float), o["response"].to_numpy(float),
            o["volume"].to_numpy(float))


def _top(column="volume"):
    return oil()[column].rank(method="first", ascending=False).to_numpy() <= 5


def _share(weight, mask):
    return weight[mask].sum() / weight.sum()


def _plans():
    """(volume plan, margin plan) dicts of extra margin, pay, profit, extra volume."""
    m, a, _ = _arrays()
    mp = np.maximum(m, 0)
    s_v, s_m = (a**2).sum(), ((mp * a) ** 2).sum()
    pay = RATE * math.sqrt(H * s_v)
    volume = {"margin": math.sqrt(H) * (m * a**2).sum() / math.sqrt(s_v), "pay": pay,
              "extra": math.sqrt(H * s_v)}
    margin = {"margin": math.sqrt(H * s_m), "pay": pay,
              "extra": math.sqrt(H) * (mp * a**2).sum() / math.sqrt(s_m)}
    for plan in (volume, margin):
        plan["profit"] = plan["margin"] - plan["pay"]
    return volume, margin


def _gain():
    v, m = _plans()
    return m["profit"] - v["profit"]


# --- the dealers by hand --------------------------------------------------------------------

def _rep(d):
    return 3_000 + 1_200 * d["rooftops"]


def _both(d):
    return d["forms_rep"] & d["systems_rep"]


def _segment_profit(segment, channel):
    d = dealers()[dealers()["segment"] == segment]
    revenue = d["forms_revenue"] + d["systems_revenue"]
    margin = 0.35 * d["forms_revenue"] + 0.45 * d["systems_revenue"]
    if channel == "today":
        calls = d["forms_rep"].astype(int) + d["systems_rep"].astype(int)
        cost = np.where(calls > 0, calls * _rep(d), 600 + 100 * d["rooftops"])
        return float(margin.sum() - cost.sum())
    fixed, per_rooftop, uplift = {"kam_team": (100_000, 2_500, 0.12),
                                  "joint_rep": (4_000, 1_500, 0.05),
                                  "telesales": (600, 100, -0.02)}[channel]
    extra = np.clip(uplift * d["wallet"], -revenue, d["wallet"] - revenue)
    gross = margin + margin / revenue * extra
    return float(gross.sum() - (fixed + per_rooftop * d["rooftops"]).sum())


def _kam_gain(segment):
    best_other = max(_segment_profit(segment, c) for c in ("today", "joint_rep", "telesales"))
    return _segment_profit(segment, "kam_team") - best_other


MISTAKEN_ANSWERS = {
    # m6-oil-top5-hours
    ("m6-oil-top5-hours", "percent"): lambda: round(100 * _share(_arrays()[1] ** 2, _top()), 2),
    ("m6-oil-top5-hours", "margin-plan"):
        lambda: _share((np.maximum(_arrays()[0], 0) * _arrays()[1]) ** 2, _top()),
    ("m6-oil-top5-hours", "volume-share"): lambda: _share(_arrays()[2], _top()),
    ("m6-oil-top5-hours", "linear"): lambda: _share(_arrays()[1], _top()),
    ("m6-oil-top5-hours", "hours"): lambda: H * _share(_arrays()[1] ** 2, _top()),
    ("m6-oil-top5-hours", "by-response"): lambda: _share(_arrays()[1] ** 2, _top("response")),
    # m6-oil-profit-gain
    ("m6-oil-profit-gain", "sign"): lambda: -_gain(),
    ("m6-oil-profit-gain", "level"): lambda: _plans()[1]["profit"],
    ("m6-oil-profit-gain", "before-pay"): lambda: _plans()[1]["margin"],
    ("m6-oil-profit-gain", "relative"): lambda: round(_gain() / _plans()[0]["profit"], 3),
    ("m6-oil-profit-gain", "extra-volume"): lambda: _plans()[1]["extra"] - _plans()[0]["extra"],
    # m6-dealer-duplicated
    ("m6-dealer-duplicated", "both-reps"): lambda: 2 * _rep(dealers())[_both(dealers())].sum(),
    ("m6-dealer-duplicated", "count"): lambda: int(_both(dealers()).sum()),
    ("m6-dealer-duplicated", "all-cost"): lambda: dealers()["cost_to_serve"].sum(),
    ("m6-dealer-duplicated", "no-rooftops"): lambda: 3_000 * int(_both(dealers()).sum()),
    ("m6-dealer-duplicated", "either"):
        lambda: _rep(dealers())[dealers()["forms_rep"] | dealers()["systems_rep"]].sum(),
    ("m6-dealer-duplicated", "chains-only"):
        lambda: _rep(dealers())[_both(dealers()) & (dealers()["segment"] == "key_chain")].sum(),
    # m6-dealer-kam-500
    ("m6-dealer-kam-500", "signed"): lambda: _kam_gain("multi_unit"),
    ("m6-dealer-kam-500", "team-cost"):
        lambda: (100_000 + 2_500 * dealers().loc[dealers()["segment"] == "multi_unit",
                                                 "rooftops"]).sum(),
    ("m6-dealer-kam-500", "vs-today"):
        lambda: _segment_profit("multi_unit", "kam_team") - _segment_profit("multi_unit", "today"),
    ("m6-dealer-kam-500", "key-chains"): lambda: _kam_gain("key_chain"),
    ("m6-dealer-kam-500", "per-dealer"): lambda: -_kam_gain("multi_unit") / 500,
}


# ---------------------------------------------------------------------------------------
# Expected answers: the closed forms and the data cards
# ---------------------------------------------------------------------------------------

def test_expected_values_are_the_closed_forms_and_the_cards():
    assert expected_answer("m6-oil-top5-hours") == pytest.approx(_share(_arrays()[1] ** 2,
                                                                        _top()))
    assert round(expected_answer("m6-oil-top5-hours"), 3) == 0.425  # oil card: 42.5%
    assert expected_answer("m6-oil-profit-gain") == pytest.approx(_gain())
    v, m = _plans()  # oil card: CNY 5.54 m vs 4.14 m
    assert (round(m["profit"] / 1e6, 2), round(v["profit"] / 1e6, 2)) == (5.54, 4.14)
    assert expected_answer("m6-dealer-duplicated") == _rep(dealers())[_both(dealers())].sum()
    assert round(expected_answer("m6-dealer-duplicated") / 1e6, 1) == 10.7  # dealers card
    assert expected_answer("m6-dealer-kam-500") == pytest.approx(-_kam_gain("multi_unit"))
    assert round(expected_answer("m6-dealer-kam-500") / 1e6, 1) == 16.7  # dealers card


@pytest.mark.parametrize("exercise_id", M6_MINI_EXERCISES)
def test_mistakes_are_all_different_values(exercise_id):
    assert_mistakes_differ(MISTAKEN_ANSWERS, exercise_id, rtol=2e-3)


@pytest.mark.parametrize("exercise_id", M6_MINI_EXERCISES)
def test_each_exercise_names_at_least_five_slips(exercise_id):
    assert len(get_exercise(exercise_id).mistakes) >= 5


def test_dropped_slips_give_the_right_answer():
    """Slips with no hint because on this model they give the right answer."""
    # the top five's share of the EXTRA volume equals their share of the hours: v = a√h, h ∝ a²
    a = _arrays()[1]
    assert check("m6-oil-top5-hours", _share(a * np.sqrt(a**2), _top())).passed
    # the gain in extra gross margin equals the gain in division profit: the pay is equal
    v, m = _plans()
    assert check("m6-oil-profit-gain", m["margin"] - v["margin"]).passed


def test_success_messages_quote_the_data():
    assert "over 40%" in get_exercise("m6-oil-top5-hours").success
    assert expected_answer("m6-oil-top5-hours") > 0.40
    top = oil().nlargest(5, "volume")
    assert (top["unit_margin"] < 0).sum() == 2  # "two of which lose money on every tonne"
    assert "about a third more" in get_exercise("m6-oil-profit-gain").success
    assert 0.30 < _gain() / _plans()[0]["profit"] < 0.37
    assert "CNY 10.7 m" in get_exercise("m6-dealer-duplicated").success
    share = expected_answer("m6-dealer-duplicated") / dealers()["cost_to_serve"].sum()
    assert 0.17 < share < 0.22  # "a fifth of today's field cost"
    success = get_exercise("m6-dealer-kam-500").success
    assert "about CNY 64 m" in success and "CNY 17 m less" in success
    assert round(MISTAKEN_ANSWERS[("m6-dealer-kam-500", "team-cost")]() / 1e6) == 64
