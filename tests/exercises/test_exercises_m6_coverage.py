"""Module 6's buying-centre exercises (kamlab/exercises/m6_coverage.py): the mistaken answers a
trainee would hand in, and checks of the expected values against the data card.

``MISTAKEN_ANSWERS`` is meant to be merged into tests/exercises/test_exercises_bank.py's table
(as module 5's is), so the generic tests there cover these once kamlab.exercises imports
m6_coverage. Until then the tests below run the same checks on these two alone. The mistaken
values are computed the way a trainee would — plain pandas on the bundled tables —
independently of the detectors.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kamlab
from kamlab.exercises import (
    check,
    expected_answer,
    get_exercise,
    m6_coverage,  # noqa: F401  (registers the exercises)
)

M6C_EXERCISES = ["m6-coverage-gap", "m6-plant-gap"]
NOTEBOOKS = {"m6-coverage-gap": "m6_04_coverage_gap.ipynb",
             "m6-plant-gap": "m6_05_plant_gap.ipynb"}
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
# Hints: every hint fires on exactly its mistake
# ---------------------------------------------------------------------------------------

def test_every_registered_mistake_has_a_test():
    registered = {(e, m.name) for e in M6C_EXERCISES for m in get_exercise(e).mistakes}
    assert set(MISTAKEN_ANSWERS) == registered


@pytest.mark.parametrize("key", sorted(MISTAKEN_ANSWERS), ids="/".join)
def test_hint_fires_on_exactly_its_mistake(key):
    exercise_id, name = key
    hint = {m.name: m.hint for m in get_exercise(exercise_id).mistakes}[name]
    result = check(exercise_id, MISTAKEN_ANSWERS[key]())
    assert result.status == "incorrect" and result.hint == hint


@pytest.mark.parametrize("exercise_id", M6C_EXERCISES)
def test_mistakes_are_all_different_values(exercise_id):
    values = [(name, float(f())) for (e, name), f in MISTAKEN_ANSWERS.items() if e == exercise_id]
    values.append(("right", float(expected_answer(exercise_id))))
    for i, (a, x) in enumerate(values):
        for b, y in values[i + 1:]:
            assert not np.isclose(x, y, rtol=1e-3, atol=1e-3), (exercise_id, a, b)


@pytest.mark.parametrize("exercise_id", M6C_EXERCISES)
def test_hints_are_distinct_and_there_is_a_generic_one(exercise_id):
    exercise = get_exercise(exercise_id)
    hints = [m.hint for m in exercise.mistakes]
    assert len(set(hints)) == len(hints) and exercise.generic_hint
    assert exercise.generic_hint not in hints
    assert check(exercise_id, -12345.0).hint == exercise.generic_hint


def test_rounded_answers_pass():
    assert check("m6-coverage-gap", 0.602).passed and not check("m6-coverage-gap", 0.6).passed
    assert check("m6-plant-gap", 0.563).passed


@pytest.mark.parametrize("exercise_id", M6C_EXERCISES)
def test_answers_in_the_other_common_forms(exercise_id):
    value = expected_answer(exercise_id)
    for answer in (np.float64(value), pd.Series([value]), [value]):
        assert check(exercise_id, answer).passed
    assert check(exercise_id, ...).status == "unanswered"
    assert check(exercise_id, "0.6").status == "incorrect"
    assert "remove the quotes" in check(exercise_id, "0.6").message


# ---------------------------------------------------------------------------------------
# Notebooks (the generic notebook tests in test_exercises_bank.py cover them once wired)
# ---------------------------------------------------------------------------------------

def _outputs(nb, exercise_id):
    texts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and f'kamlab.check("{exercise_id}"' in "".join(
                cell["source"]):
            for out in cell.get("outputs", []):
                texts.extend("".join(v) for v in out.get("data", {}).values())
    return texts


@pytest.mark.parametrize("exercise_id", M6C_EXERCISES)
def test_trainee_and_solution_notebooks(exercise_id):
    name = NOTEBOOKS[exercise_id]
    trainee = json.loads((EXERCISES_DIR / name).read_text(encoding="utf-8"))
    solution = json.loads((EXERCISES_DIR / "solutions" / name).read_text(encoding="utf-8"))
    assert any("not answered yet" in t for t in _outputs(trainee, exercise_id))
    assert any("\nanswer = ..." in "\n" + "".join(c["source"]) for c in trainee["cells"])
    outs = _outputs(solution, exercise_id)
    assert outs and all("✓" in t for t in outs)
    assert any("What this shows" in "".join(c["source"]) for c in solution["cells"]
               if c["cell_type"] == "markdown")
    for nb in (trainee, solution):
        assert nb["metadata"]["kernelspec"] == {"name": "python3",
                                                "display_name": "Python 3 (ipykernel)",
                                                "language": "python"}
        assert all(c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code")
        assert not any("execution" in c.get("metadata", {}) for c in nb["cells"])
        code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        assert not any(line.lstrip().startswith(("def ", "class ", "lambda"))
                       for src in code for line in src.splitlines())
