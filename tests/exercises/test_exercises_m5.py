"""Module 5's exercises (kamlab/exercises/m5.py, the bank case): the mistaken answers a trainee
would hand in, and checks of the expected values against the data card.

``MISTAKEN_ANSWERS`` is merged into tests/exercises/test_exercises_bank.py's table, so the
generic tests there (every registered mistake has an entry; every hint fires on exactly its
mistake; feedback for wrong types; the notebooks) cover module 5 like modules 1-4. The
mistaken values are computed the way a trainee would — plain pandas on the book where the
step is plain pandas, ``kamlab.cases.bank.simulate`` where a scenario is asked — independently
of the detectors.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import numpy as np
import pandas as pd
import pytest
from _mistakes import assert_mistakes_differ

import kamlab
from kamlab.cases import bank
from kamlab.exercises import check, expected_answer, get_exercise, m5

M5_EXERCISES = ["m5-whale-peak", "m5-destroyers", "m5-no-cuts", "m5-growers-kept",
                "m5-fast-threshold"]
GRID = range(10_000, 30_001, 1_000)  # the grid the m5-fast-threshold notebook states


@cache
def book() -> pd.DataFrame:
    """The bundled bank book (tests must not modify it)."""
    return kamlab.load_dataset("bank_customers")


@cache
def graded() -> pd.DataFrame:
    return bank.grade_customers(book())


@cache
def sim(scenario=bank.SEED_SCENARIO, months=6):
    return bank.simulate(graded(), scenario, months=months)


def no_cuts():
    return dataclasses.replace(bank.SEED_SCENARIO, cuts=())


def _cum_profit() -> np.ndarray:
    """Running profit with customers ranked most → least profitable."""
    return book()["profit"].sort_values(ascending=False).cumsum().to_numpy()


def _peak() -> float:
    return _cum_profit().max() / book()["profit"].sum()


def _peak_count() -> int:
    return int(np.argmax(_cum_profit())) + 1


def _profit_path(scenario, months=6) -> pd.Series:
    return sim(scenario, months).monthly.set_index("month")["profit"]


def _growers(grades) -> int:
    return int((graded()["grade"].isin(grades) & graded()["will_grow"]).sum())


@cache
def _scan(month: int) -> tuple:
    """(threshold, change, leavers) from the bottom of the grid up to the first that reaches
    +25% in ``month`` — the loop of the solution notebook."""
    rows = []
    for threshold in GRID:
        r = sim(dataclasses.replace(bank.SEED_SCENARIO, min_balance=threshold), month)
        rows.append((threshold, r.profit_change, r.leavers))
        if r.profit_change >= 0.25:
            return tuple(rows)
    raise AssertionError(f"no threshold reaches +25% by month {month}")


MISTAKEN_ANSWERS = {
    # m5-whale-peak
    ("m5-whale-peak", "percent"): lambda: round(100 * _peak(), 1),
    ("m5-whale-peak", "excess"): lambda: _peak() - 1,
    ("m5-whale-peak", "customers-share"): lambda: _peak_count() / len(book()),
    ("m5-whale-peak", "peak-customers"): _peak_count,
    ("m5-whale-peak", "peak-profit"): lambda: _cum_profit().max(),
    ("m5-whale-peak", "one"):
        lambda: _cum_profit().max() / book().loc[book()["profit"] > 0, "profit"].sum(),
    ("m5-whale-peak", "by-revenue"):
        lambda: (book().sort_values("revenue", ascending=False)["profit"].cumsum().max()
                 / book()["profit"].sum()),
    # m5-destroyers
    ("m5-destroyers", "share"): lambda: (book()["profit"] < 0).mean(),
    ("m5-destroyers", "zero-included"): lambda: int((book()["profit"] <= 0).sum()),
    ("m5-destroyers", "profitable"): lambda: int((book()["profit"] > 0).sum()),
    ("m5-destroyers", "grade-c"): lambda: int(graded()["grade"].isin(["C", "C+"]).sum()),
    ("m5-destroyers", "leavers"): lambda: sim().leavers,
    ("m5-destroyers", "destroyed"): lambda: -book().loc[book()["profit"] < 0, "profit"].sum(),
    ("m5-destroyers", "mass-only"):
        lambda: int(((book()["segment"] == "Mass") & (book()["profit"] < 0)).sum()),
    # m5-no-cuts
    ("m5-no-cuts", "percent"): lambda: round(100 * sim(no_cuts()).profit_change, 1),
    ("m5-no-cuts", "seed"): lambda: sim().profit_change,
    ("m5-no-cuts", "ratio"): lambda: _profit_path(no_cuts())[6] / _profit_path(no_cuts())[0],
    ("m5-no-cuts", "cny"): lambda: _profit_path(no_cuts())[6] - _profit_path(no_cuts())[0],
    ("m5-no-cuts", "level"): lambda: _profit_path(no_cuts())[6],
    ("m5-no-cuts", "month-1"):
        lambda: _profit_path(no_cuts())[1] / _profit_path(no_cuts())[0] - 1,
    # m5-growers-kept
    ("m5-growers-kept", "lost"):
        lambda: int((sim().decisions["action"].eq("leave").to_numpy()
                     & book()["will_grow"].to_numpy()).sum()),
    ("m5-growers-kept", "all-c"): lambda: _growers(["C", "C+"]),
    ("m5-growers-kept", "plain-c"): lambda: _growers(["C"]),
    ("m5-growers-kept", "all-growers"): lambda: int(book()["will_grow"].sum()),
    ("m5-growers-kept", "c-plus"): lambda: int((graded()["grade"] == "C+").sum()),
    ("m5-growers-kept", "catch-rate"): lambda: _growers(["C+"]) / _growers(["C", "C+"]),
    ("m5-growers-kept", "value"):
        lambda: _growers(["C+"]) * graded().loc[graded()["grade"] == "A", "profit"].mean(),
    # m5-fast-threshold
    ("m5-fast-threshold", "month-6"): lambda: _scan(6)[-1][0],
    ("m5-fast-threshold", "one-step-low"): lambda: _scan(3)[-2][0],
    ("m5-fast-threshold", "thousands"): lambda: _scan(3)[-1][0] // 1000,
    ("m5-fast-threshold", "profit-change"): lambda: round(_scan(3)[-1][1], 3),
    ("m5-fast-threshold", "leavers"): lambda: _scan(3)[-1][2],
}


# ---------------------------------------------------------------------------------------
# The expected answers: the data card's figures, computed by hand
# ---------------------------------------------------------------------------------------

def test_m5_exercises_are_registered_in_course_order():
    assert [i for i in kamlab.exercise_ids() if i.startswith("m5-")] == M5_EXERCISES


def test_m5_expected_values_match_the_data_card():
    # datasets/bank_customers.md: peak 164.9%, 137,713 loss-makers, +15.0% without the cuts,
    # 809 growers kept by C+
    assert round(expected_answer("m5-whale-peak"), 3) == 1.649 == round(_peak(), 3)
    assert expected_answer("m5-destroyers") == 137_713 == int((book()["profit"] < 0).sum())
    assert round(expected_answer("m5-no-cuts"), 3) == 0.150
    assert expected_answer("m5-no-cuts") == pytest.approx(
        _profit_path(no_cuts())[6] / _profit_path(no_cuts())[0] - 1)
    assert expected_answer("m5-growers-kept") == 809 == _growers(["C+"])


def test_m5_fast_threshold_is_the_first_of_a_scan_from_the_bottom():
    """The bank's bisection finds what the notebook's loop finds, and every lower threshold
    of the grid falls short in month 3."""
    rows = _scan(3)
    assert expected_answer("m5-fast-threshold") == rows[-1][0] == 18_000
    assert all(change < 0.25 for _, change, _ in rows[:-1])
    assert m5.THRESHOLDS == tuple(GRID)


def test_m5_fast_threshold_hints_and_message_quote_the_data():
    one_step_low = get_exercise("m5-fast-threshold").mistakes[1]
    assert "+24.7% in month 3" in one_step_low.hint and "month 4" in one_step_low.hint
    low = dataclasses.replace(bank.SEED_SCENARIO, min_balance=_scan(3)[-2][0])
    assert round(sim(low, 3).profit_change, 3) == 0.247
    assert sim(low, 4).profit_change >= 0.25  # why one step low and "month 4" share a hint
    # the month-6 answer is the bank's own threshold; "about 12,000 more customers leave"
    assert _scan(6)[-1][0] == bank.SEED_SCENARIO.min_balance
    assert round(_scan(3)[-1][2] - sim().leavers, -3) == 12_000


def test_m5_success_messages_quote_the_data():
    assert "about 165%" in get_exercise("m5-whale-peak").success
    assert round(_peak(), 2) == 1.65
    assert "nearly half" in get_exercise("m5-destroyers").success
    assert 0.45 < (book()["profit"] < 0).mean() < 0.5
    assert "about +15% instead of +25%" in get_exercise("m5-no-cuts").success
    assert round(sim().profit_change, 2) == 0.25
    assert 0.4 < _growers(["C+"]) / _growers(["C", "C+"]) < 0.5  # "almost half"
    assert 100 < MISTAKEN_ANSWERS[("m5-growers-kept", "lost")]() < 300  # "a couple of hundred"


def test_m5_mistakes_are_all_different_values():
    """Each hint is for one slip: no two mistaken answers coincide with each other or with
    the right answer (within the checks' tolerance)."""
    for exercise_id in M5_EXERCISES:
        assert_mistakes_differ(MISTAKEN_ANSWERS, exercise_id)


def test_m5_dropped_mistakes_give_a_hinted_or_the_right_answer():
    """Slips with no hint of their own, because on the bundled data they give the right answer
    or another slip's value (whose hint names both). If the data changes and this fails, give
    the slip its own hint in kamlab/exercises/m5.py and a MISTAKEN_ANSWERS entry here."""
    hints = {(e, m.name): m.hint for e in M5_EXERCISES for m in get_exercise(e).mistakes}
    # the whale curve ranked least profitable first peaks at the end: exactly 1 ("one")
    ascending = book()["profit"].sort_values().cumsum()
    assert check("m5-whale-peak", ascending.max() / ascending.iloc[-1]).hint == (
        hints[("m5-whale-peak", "one")])
    # revenue below cost to serve is profit below 0: the right count
    assert check("m5-destroyers", (book()["revenue"] < book()["cost_to_serve"]).sum()).passed
    # against BASELINE's month 6 instead of month 0: the baseline never changes
    assert sim(bank.BASELINE).monthly["profit"].nunique() == 1
    # month 4 instead of month 3 (monthly.iloc[4]) gives one step low
    assert MISTAKEN_ANSWERS[("m5-fast-threshold", "one-step-low")]() == _scan(4)[-1][0]
