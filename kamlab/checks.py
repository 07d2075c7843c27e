"""The check engine: how an answer is judged, not which exercises there are.

:class:`Exercise` and :class:`Mistake` describe an exercise, :class:`CheckResult` is the
feedback (green or red in Jupyter, plain text in a terminal), :func:`register` adds an
exercise to the registry, and the coercions (:func:`as_number`, :func:`as_ids`,
:func:`as_name`) turn a trainee's answer into a comparable value. The exercise bank and
``check()`` live in :mod:`kamlab.exercises`; this module imports no bank.

>>> as_number([0.8])
0.8
>>> as_ids(["A001", "A002"])
('A001', 'A002')
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CheckResult", "Exercise", "Mistake", "register", "as_number", "as_ids", "as_name"]

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


def as_name(answer) -> str:
    """A name (lever, stage) as lower-case text with single spaces; case does not matter.

    Underscores and hyphens count as spaces, so a column-style name passes too, and a
    one-element Series (e.g. a filtered ``best_lever`` column) gives its single value.

    >>> as_name("  Unit_Cost ")
    'unit cost'
    >>> as_name(["Qualified"])
    'qualified'
    >>> as_name(3)
    Traceback (most recent call last):
    ...
    TypeError: expected a name as text (in quotes), got int.
    """
    import numpy as np

    if hasattr(answer, "to_numpy") or isinstance(answer, (list, tuple, np.ndarray)):
        values = np.asarray(answer.to_numpy() if hasattr(answer, "to_numpy") else answer,
                            dtype=object).ravel()
        if values.size != 1:
            raise ValueError(f"expected one name, got {values.size} values.")
        answer = values[0]
    if not isinstance(answer, str):
        raise TypeError(f"expected a name as text (in quotes), got {type(answer).__name__}.")
    text = " ".join(answer.replace("_", " ").replace("-", " ").split()).lower()
    if not text:
        raise ValueError("expected a name, got empty text.")
    return text


# ---------------------------------------------------------------------------------------
# Helpers shared by the banks: bundled data, tolerances
# ---------------------------------------------------------------------------------------

def _load(name: str):
    """A bundled dataset by name (the banks compute every expected answer from these)."""
    from kamlab.data import load_dataset

    return load_dataset(name)


def _close(a: float, b: float, tol: float = 5e-4) -> bool:
    """Shares: equal to three decimals (0.7912 and 0.791 both pass)."""
    return math.isclose(a, b, rel_tol=0, abs_tol=tol)


def _rel_close(a: float, b: float, tol: float = 1e-3) -> bool:
    """Money, ratios of any size: equal to 0.1% (1,076 and 1,075.96 both pass)."""
    return math.isclose(a, b, rel_tol=tol)
