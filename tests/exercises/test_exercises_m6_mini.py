"""Module 6 mini-case exercises (kamlab/exercises/m6_mini.py): the mistaken answers a trainee
would hand in, the expected values against the data cards, and the generic checks of
tests/exercises/test_exercises_bank.py for this bank until it is merged there.

``MISTAKEN_ANSWERS`` is meant to be merged into test_exercises_bank.py's table (as module 5's
is) once ``kamlab.exercises`` imports ``m6_mini``. The mistaken values are computed the way a
trainee would — the closed forms of the pay-plan model with numpy, plain pandas on the dealer
table — independently of the detectors and of kamlab.cases.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kamlab
import kamlab.exercises.m6_mini  # registers the bank (kamlab.exercises does not import it yet)
from kamlab.exercises import check, exercise_ids, expected_answer, get_exercise

M6_MINI_EXERCISES = ["m6-oil-top5-hours", "m6-oil-profit-gain", "m6-dealer-duplicated",
                     "m6-dealer-kam-500"]
NOTEBOOKS = {"m6-oil-top5-hours": "m6_06_oil_top5_hours.ipynb",
             "m6-oil-profit-gain": "m6_07_oil_profit_gain.ipynb",
             "m6-dealer-duplicated": "m6_08_dealer_duplicated.ipynb",
             "m6-dealer-kam-500": "m6_09_dealer_kam_500.ipynb"}
EXERCISES_DIR = Path(__file__).resolve().parents[2] / "exercises"
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

def test_the_bank_registers_four_exercises_in_order():
    assert [i for i in exercise_ids() if i in M6_MINI_EXERCISES] == M6_MINI_EXERCISES


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
def test_expected_answer_passes_and_in_the_common_forms(exercise_id):
    value = expected_answer(exercise_id)
    assert check(exercise_id, value).status == "correct"
    for answer in (np.float64(value), pd.Series([value]), [value]):
        assert check(exercise_id, answer).passed
    assert check(exercise_id, ...).status == "unanswered"
    assert check(exercise_id, "abc").status == "incorrect"  # feedback, not a traceback
    assert check(exercise_id, [1, 2]).status == "incorrect"


def test_every_registered_mistake_has_a_mistaken_answer():
    registered = {(e, m.name) for e in M6_MINI_EXERCISES for m in get_exercise(e).mistakes}
    assert set(MISTAKEN_ANSWERS) == registered


@pytest.mark.parametrize("key", sorted(MISTAKEN_ANSWERS), ids="/".join)
def test_hint_fires_on_exactly_its_mistake(key):
    exercise_id, mistake_name = key
    mistake = next(m for m in get_exercise(exercise_id).mistakes if m.name == mistake_name)
    result = check(exercise_id, MISTAKEN_ANSWERS[key]())
    assert result.status == "incorrect"
    assert result.hint == mistake.hint


@pytest.mark.parametrize("exercise_id", M6_MINI_EXERCISES)
def test_hints_are_distinct_and_there_is_a_generic_one(exercise_id):
    exercise = get_exercise(exercise_id)
    hints = [m.hint for m in exercise.mistakes]
    assert len(hints) == len(set(hints)) and len(hints) >= 5
    assert exercise.generic_hint and exercise.generic_hint not in hints
    assert check(exercise_id, 12345.678).hint == exercise.generic_hint


def test_mistakes_are_all_different_values():
    for exercise_id in M6_MINI_EXERCISES:
        values = [(name, float(f())) for (e, name), f in MISTAKEN_ANSWERS.items()
                  if e == exercise_id]
        values.append(("right", float(expected_answer(exercise_id))))
        for i, (a, x) in enumerate(values):
            for b, y in values[i + 1:]:
                assert not np.isclose(x, y, rtol=2e-3, atol=1e-3), (exercise_id, a, b)


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


# ---------------------------------------------------------------------------------------
# The notebooks (the generic tests of test_exercises_bank.py, for this bank)
# ---------------------------------------------------------------------------------------

def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _check_outputs(nb, exercise_id):
    texts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and f'kamlab.check("{exercise_id}"' in "".join(
                cell["source"]):
            for out in cell.get("outputs", []):
                texts.extend("".join(v) for v in out.get("data", {}).values())
    return texts


@pytest.mark.parametrize("exercise_id", M6_MINI_EXERCISES)
def test_trainee_and_solution_notebooks(exercise_id):
    name = NOTEBOOKS[exercise_id]
    trainee, solution = _nb(EXERCISES_DIR / name), _nb(EXERCISES_DIR / "solutions" / name)
    assert any("not answered yet" in t for t in _check_outputs(trainee, exercise_id))
    assert any("\nanswer = ..." in "".join(c["source"]) or
               "".join(c["source"]).startswith("answer = ...") for c in trainee["cells"])
    outputs = _check_outputs(solution, exercise_id)
    assert outputs and all("✓" in t for t in outputs)
    assert any("What this shows" in "".join(c["source"]) for c in solution["cells"]
               if c["cell_type"] == "markdown")
    for nb in (trainee, solution):
        assert nb["metadata"]["kernelspec"] == {"name": "python3",
                                                "display_name": "Python 3 (ipykernel)",
                                                "language": "python"}
        code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        assert not any(line.lstrip().startswith(("def ", "class ", "lambda"))
                       for src in code for line in src.splitlines())
        assert all(c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code")
        assert not any("execution" in c.get("metadata", {}) for c in nb["cells"])
