"""Module 6's buying-centre exercises (kamlab/exercises/m6_coverage.py): the mistaken answers a
trainee would hand in, and checks of the expected values against the data card.

``MISTAKEN_ANSWERS`` is merged into tests/exercises/test_exercises_bank.py's table, so the
generic tests there (every registered mistake has an entry; every hint fires on exactly its
mistake; distinct hints and a generic one; answers in other forms and wrong types; the
notebooks) cover these two like every other exercise. The mistaken values are computed the way
a trainee would — plain pandas on the bundled tables — independently of the detectors.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from _mistakes import assert_mistakes_differ

import kamlab
from kamlab.exercises import (
    check,
    expected_answer,
    get_exercise,
    m6_coverage,  # noqa: F401  (registers the exercises)
)

M6C_EXERCISES = ["m6-coverage-gap", "m6-plant-gap"]
EXERCISES_DIR = Path(__file__).resolve().parents[2] / "exercises"
BEFORE, AFTER = ("kam", "executive"), ("kam", "technical", "executive")


@cache
def centre() -> pd.DataFrame:
    return kamlab.load_dataset("buying_centre")


@cache
def coverage() -> pd.DataFrame:
    return kamlab.load_dataset("account_coverage")


@cache
def people(team: tuple) -> pd.DataFrame:
    """One row per person: account, title, influence, is a user, best team strength, gap."""
    c = centre()
    p = c.drop_duplicates("contact_id").set_index("contact_id")[
        ["account_id", "title", "influence"]].copy()
    p["user"] = c.groupby("contact_id")["role"].agg(lambda r: "user" in set(r))
    best = coverage()[coverage()["function"].isin(team)].groupby("contact_id")["strength"].max()
    p["s"] = best.reindex(p.index).fillna(0)
    p["gap"] = p["influence"] * (1 - p["s"] / 3)
    return p


def score(p) -> float:
    return p["gap"].sum() / p["influence"].sum()


def rows(team) -> pd.DataFrame:
    """The buying-centre rows (one per person and role) with each person's gap."""
    return centre()[["contact_id", "role"]].join(people(team)[["gap", "influence"]],
                                                 on="contact_id")


def user_share(team) -> float:
    p = people(team)
    return p.loc[p["user"], "gap"].sum() / p["gap"].sum()


MISTAKEN_ANSWERS = {
    # m6-coverage-gap
    ("m6-coverage-gap", "percent"): lambda: round(100 * score(people(BEFORE)), 1),
    ("m6-coverage-gap", "after"): lambda: score(people(AFTER)),
    ("m6-coverage-gap", "covered"): lambda: 1 - score(people(BEFORE)),
    ("m6-coverage-gap", "mean-of-accounts"):
        lambda: people(BEFORE).groupby("account_id").apply(score).mean(),
    ("m6-coverage-gap", "rows"): lambda: score(rows(BEFORE)),
    ("m6-coverage-gap", "everyone"):
        lambda: score(people(("kam", "technical", "executive", "service"))),
    ("m6-coverage-gap", "kam-only"): lambda: score(people(("kam",))),
    ("m6-coverage-gap", "unweighted"): lambda: (1 - people(BEFORE)["s"] / 3).mean(),
    ("m6-coverage-gap", "headcount"): lambda: (people(BEFORE)["s"] <= 1).mean(),
    # m6-plant-gap
    ("m6-plant-gap", "percent"): lambda: round(100 * user_share(AFTER), 1),
    ("m6-plant-gap", "before"): lambda: user_share(BEFORE),
    ("m6-plant-gap", "everyone"): lambda: user_share(("kam", "technical", "executive", "service")),
    ("m6-plant-gap", "influence-share"):
        lambda: people(AFTER).loc[people(AFTER)["user"], "influence"].sum()
        / people(AFTER)["influence"].sum(),
    ("m6-plant-gap", "of-influence"):
        lambda: people(AFTER).loc[people(AFTER)["user"], "gap"].sum()
        / people(AFTER)["influence"].sum(),
    ("m6-plant-gap", "user-score"): lambda: score(people(AFTER)[people(AFTER)["user"]]),
    ("m6-plant-gap", "count-share"):
        lambda: (people(AFTER)["user"] & (people(AFTER)["gap"] > 0)).sum()
        / (people(AFTER)["gap"] > 0).sum(),
    ("m6-plant-gap", "plant-managers"):
        lambda: people(AFTER).loc[people(AFTER)["title"] == "Plant Manager", "gap"].sum()
        / people(AFTER)["gap"].sum(),
    ("m6-plant-gap", "rows"):
        lambda: rows(AFTER).loc[rows(AFTER)["role"] == "user", "gap"].sum()
        / rows(AFTER)["gap"].sum(),
}


# ---------------------------------------------------------------------------------------
# The expected answers: the data card's figures, computed by hand
# ---------------------------------------------------------------------------------------

def test_expected_values_match_the_data_card():
    assert round(expected_answer("m6-coverage-gap"), 3) == 0.602
    assert expected_answer("m6-coverage-gap") == pytest.approx(score(people(BEFORE)))
    card = (EXERCISES_DIR.parent / "datasets" / "account_coverage.md").read_text(encoding="utf-8")
    assert "**0.602**" in card
    assert expected_answer("m6-plant-gap") == pytest.approx(user_share(AFTER))
    assert 0.5 < expected_answer("m6-plant-gap") < 0.6  # "more than half"


def test_success_messages_quote_the_data():
    assert "about 0.60" in get_exercise("m6-coverage-gap").success
    assert "more than half" in get_exercise("m6-plant-gap").success
    # "the regional technical managers first": the largest share of the gap by post
    by_title = people(BEFORE).groupby("title")["gap"].sum().sort_values(ascending=False)
    assert by_title.index[0] == "Regional Technical Manager"
    assert round(by_title.iloc[0] / by_title.sum(), 2) == 0.27


# ---------------------------------------------------------------------------------------
# Hints (the generic hint tests run on the merged table in test_exercises_bank.py)
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", M6C_EXERCISES)
def test_mistakes_are_all_different_values(exercise_id):
    assert_mistakes_differ(MISTAKEN_ANSWERS, exercise_id)


def test_rounded_answers_pass():
    # three decimals: at two, four slips read as the answer (0.60, 0.61)
    assert check("m6-coverage-gap", 0.602).passed and not check("m6-coverage-gap", 0.6).passed
    assert check("m6-plant-gap", 0.563).passed
