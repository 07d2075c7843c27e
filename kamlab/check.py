"""Exercise checks: ``check("m1-top20", answer)`` gives feedback, never a traceback.

A result shows itself green or red in Jupyter, with a targeted hint for a known mistake,
and as plain text in a terminal. Expected answers are computed from kamlab on the bundled
data when first needed, never typed into a notebook.

>>> r = check("m1-top20", ...)
>>> r.status
'unanswered'
>>> print(check("no-such-exercise", 1))  # doctest: +ELLIPSIS
? no-such-exercise: no exercise has this id. Known ids: ...
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

__all__ = ["CheckResult", "Exercise", "Mistake", "check", "exercise_ids", "get_exercise",
           "register", "expected_answer", "as_number", "as_ids"]

_STYLE = {
    "correct": ("✓", "#e6f4ea", "#1e7e34"),
    "incorrect": ("✗", "#fdecea", "#b3261e"),
    "unanswered": ("…", "#f1f3f4", "#5f6368"),
    "unknown": ("?", "#fff4e5", "#8a5300"),
}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: ``status`` is correct / incorrect / unanswered / unknown."""

    exercise_id: str
    status: str
    message: str
    hint: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        mark = _STYLE[self.status][0]
        text = f"{mark} {self.exercise_id}: {self.message}"
        return f"{text}\n  Hint: {self.hint}" if self.hint else text

    __repr__ = __str__

    def _repr_html_(self) -> str:
        mark, background, colour = _STYLE[self.status]
        hint = (f'<div style="margin-top:4px"><b>Hint 提示:</b> {html.escape(self.hint)}</div>'
                if self.hint else "")
        return (f'<div style="background:{background};border-left:4px solid {colour};'
                f'padding:6px 10px;color:{colour};font-family:sans-serif">'
                f"<b>{mark} {html.escape(self.exercise_id)}</b> — {html.escape(self.message)}"
                f"{hint}</div>")


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: ``matches(answer, expected, context)`` spots it; ``hint`` helps."""

    name: str
    matches: Callable[[Any, Any], bool]
    hint: str


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to compute the expected answer and how to judge an answer.

    ``normalise`` turns an answer into a comparable value or raises ``TypeError`` /
    ``ValueError`` with a message for the trainee (wrong type or shape). ``correct``
    compares normalised answer and expected value. ``mistakes`` are tried in order on a
    wrong answer. ``success`` is said when the answer is right.
    """

    id: str
    title: str
    expected: Callable[[], Any]
    normalise: Callable[[Any], Any]
    correct: Callable[[Any, Any], bool]
    mistakes: tuple[Mistake, ...] = field(default=())
    success: str = "Correct."
    generic_hint: str = ""


_REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to the registry (ids are unique)."""
    if exercise.id in _REGISTRY:
        raise ValueError(f"exercise id {exercise.id!r} registered twice")
    _REGISTRY[exercise.id] = exercise
    return exercise


def _load_bank() -> None:
    from kamlab import exercises, exercises_m3, exercises_m4  # noqa: F401  (registers the exercises)


def exercise_ids() -> list[str]:
    """Every exercise id, in course order."""
    _load_bank()
    return list(_REGISTRY)


def get_exercise(exercise_id: str) -> Exercise:
    """The registered :class:`Exercise` (its title, mistakes and hints); KeyError if unknown."""
    _load_bank()
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        raise KeyError(f"no exercise {exercise_id!r}; known: {', '.join(_REGISTRY)}") from None


@cache
def expected_answer(exercise_id: str):
    """The expected answer, computed from kamlab on the bundled data (cached)."""
    _load_bank()
    return _REGISTRY[exercise_id].expected()


def _unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


def check(exercise_id: str, answer) -> CheckResult:
    """Judge ``answer`` to exercise ``exercise_id``; returns a :class:`CheckResult`.

    A missing answer (``...`` or ``None``) says "not answered yet"; a wrong type or shape
    says what was expected; a known mistake gets its targeted hint.
    """
    _load_bank()
    exercise = _REGISTRY.get(str(exercise_id))
    if exercise is None:
        return CheckResult(str(exercise_id), "unknown",
                           f"no exercise has this id. Known ids: {', '.join(_REGISTRY)}.")
    if _unanswered(answer):
        return CheckResult(exercise.id, "unanswered",
                           f"not answered yet — replace ... with your answer ({exercise.title}).")
    expected = expected_answer(exercise.id)
    try:
        value = exercise.normalise(answer)
    except (TypeError, ValueError) as err:
        return CheckResult(exercise.id, "incorrect", f"this answer cannot be checked: {err}")
    except Exception:  # an odd object must still get feedback, not a traceback
        return CheckResult(exercise.id, "incorrect",
                           f"this answer cannot be checked: got {type(answer).__name__} "
                           f"({exercise.title}).")
    try:
        right = bool(exercise.correct(value, expected))
    except Exception:
        right = False
    if right:
        return CheckResult(exercise.id, "correct", exercise.success)
    for mistake in exercise.mistakes:
        try:
            spotted = mistake.matches(value, expected)
        except Exception:  # a detector must never turn feedback into a traceback
            spotted = False
        if spotted:
            return CheckResult(exercise.id, "incorrect", "not quite.", mistake.hint)
    return CheckResult(exercise.id, "incorrect", "not quite.", exercise.generic_hint)


# ---------------------------------------------------------------------------------------
# Normalisers shared by exercises
# ---------------------------------------------------------------------------------------

def as_number(answer) -> float:
    """A single finite number from an int, float, numpy scalar or one-element Series/array."""
    import numpy as np

    if isinstance(answer, bool):
        raise TypeError("expected a number, got True/False.")
    if hasattr(answer, "to_numpy"):
        answer = answer.to_numpy()
    if isinstance(answer, (list, tuple)) or getattr(answer, "ndim", 0) > 0:
        arr = np.asarray(answer).ravel()
        if arr.size != 1:
            raise ValueError(f"expected one number, got {arr.size} values.")
        answer = arr[0]
    if isinstance(answer, str):
        raise TypeError(f"expected a number, got the text {answer!r}; remove the quotes.")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise TypeError(f"expected a number, got {type(answer).__name__}.") from None
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value}.")
    return value


def as_ids(answer) -> tuple[str, ...]:
    """Account ids as a tuple of str, from a list, set, Series, Index or one-column DataFrame."""
    import pandas as pd

    if isinstance(answer, pd.DataFrame):
        if "account_id" in answer.columns:
            answer = answer["account_id"]
        elif answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        elif answer.index.name == "account_id":
            answer = answer.index
        else:
            raise ValueError("expected account ids; got a table with several columns. "
                             "Pass df['account_id'] or a list of ids.")
    if isinstance(answer, (pd.Series, pd.Index)) and pd.api.types.is_bool_dtype(answer):
        raise ValueError("expected account ids; got True/False values (a filter). "
                         "Select the ids with book.loc[mask, 'account_id'].")
    if isinstance(answer, str):
        return (answer,)
    if isinstance(answer, dict):
        raise TypeError("expected a list of account ids, got a dict.")
    try:
        return tuple(str(x) for x in answer)
    except TypeError:
        raise TypeError(f"expected a list of account ids, got {type(answer).__name__}.") from None
