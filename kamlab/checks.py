"""The check engine: how an answer is judged, not which exercises there are.

:class:`Exercise` and :class:`Mistake` describe an exercise, :class:`CheckResult` is the
feedback (green or red in Jupyter, plain text in a terminal), :func:`register` adds an
exercise to the registry, and the coercions (:func:`as_number`, :func:`as_ids`,
:func:`as_name`, :func:`name_among`) turn a trainee's answer into a comparable value. The
exercise bank and ``check()`` live in :mod:`kamlab.exercises`; this module imports no bank.

Every text a trainee sees has a Chinese version: ``title_zh``, ``success_zh`` and
``generic_hint_zh`` of an :class:`Exercise`, ``hint_zh`` of a :class:`Mistake`, and the
coercions' refusals, which carry their Chinese text as the exception's ``zh`` attribute
(:func:`refusal_text`). ``check()`` picks the session language
(:func:`kamlab.i18n.get_language`) when it runs.

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

from kamlab.i18n import LABELS, value_label

__all__ = ["CheckResult", "Exercise", "Mistake", "register", "as_number", "as_ids", "as_name",
           "name_among", "refusal_text", "in_language"]

_STYLE = {
    "correct": ("✓", "#e6f4ea", "#1e7e34"),
    "incorrect": ("✗", "#fdecea", "#b3261e"),
    "unanswered": ("…", "#f1f3f4", "#5f6368"),
    "unknown": ("?", "#fff4e5", "#8a5300"),
}

# (hint label, colon, space after the colon), by language
_LABEL = {"en": ("Hint", ":", " "), "zh": ("提示", "：", "")}


def in_language(en: str, zh: str, lang: str) -> str:
    """``zh`` in a Chinese session when there is one, else ``en``.

    >>> in_language("Correct.", "正确。", "zh"), in_language("Correct.", "", "zh")
    ('正确。', 'Correct.')
    """
    return zh if lang == "zh" and zh else en


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: ``status`` is correct / incorrect / unanswered / unknown.

    ``message`` and ``hint`` are already in the language ``lang`` (``"en"`` or ``"zh"``),
    which also sets the labels around them:

    >>> print(CheckResult("m1-top20", "incorrect", "答案还不对。", "用比例表示。", lang="zh"))
    ✗ m1-top20：答案还不对。
      提示：用比例表示。
    """

    exercise_id: str
    status: str
    message: str
    hint: str = ""
    lang: str = "en"

    @property
    def passed(self) -> bool:
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        mark = _STYLE[self.status][0]
        label, colon, space = _LABEL.get(self.lang, _LABEL["en"])
        text = f"{mark} {self.exercise_id}{colon}{space}{self.message}"
        return f"{text}\n  {label}{colon}{space}{self.hint}" if self.hint else text

    __repr__ = __str__

    def _repr_html_(self) -> str:
        mark, background, colour = _STYLE[self.status]
        label, colon, space = _LABEL.get(self.lang, _LABEL["en"])
        hint = (f'<div style="margin-top:4px"><b>{label}{colon}</b>{space}'
                f"{html.escape(self.hint)}</div>" if self.hint else "")
        return (f'<div style="background:{background};border-left:4px solid {colour};'
                f'padding:6px 10px;color:{colour};font-family:sans-serif">'
                f"<b>{mark} {html.escape(self.exercise_id)}</b> — {html.escape(self.message)}"
                f"{hint}</div>")


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: ``matches(answer, expected)`` spots it; ``hint`` (``hint_zh`` in
    Chinese) helps."""

    name: str
    matches: Callable[[Any, Any], bool]
    hint: str
    hint_zh: str = ""


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to compute the expected answer and how to judge an answer.

    ``normalise`` turns an answer into a comparable value or raises ``TypeError`` /
    ``ValueError`` with a message for the trainee (wrong type or shape). ``correct``
    compares normalised answer and expected value. ``mistakes`` are tried in order on a
    wrong answer. ``success`` is said when the answer is right. ``title_zh``,
    ``success_zh`` and ``generic_hint_zh`` are the Chinese texts (a Chinese session shows
    the English one where a Chinese text is missing).
    """

    id: str
    title: str
    expected: Callable[[], Any]
    normalise: Callable[[Any], Any]
    correct: Callable[[Any, Any], bool]
    mistakes: tuple[Mistake, ...] = field(default=())
    success: str = "Correct."
    generic_hint: str = ""
    title_zh: str = ""
    success_zh: str = "正确。"
    generic_hint_zh: str = ""


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

def _refuse(kind: type[Exception], en: str, zh: str) -> Exception:
    """A ``kind`` (TypeError / ValueError) saying ``en``, with its Chinese text as ``.zh``."""
    err = kind(en)
    err.zh = zh
    return err


def refusal_text(err: Exception, lang: str) -> str | None:
    """A normaliser's refusal in ``lang``: its message, or its ``zh`` text in Chinese (None
    when a Chinese session meets a refusal that has no Chinese text).

    >>> try:
    ...     as_number("0.8")
    ... except TypeError as err:
    ...     print(refusal_text(err, "en")); print(refusal_text(err, "zh"))
    expected a number, got the text '0.8'; remove the quotes.
    需要一个数字，收到的却是文本 '0.8'；请去掉引号。
    """
    if lang != "zh":
        return str(err)
    return getattr(err, "zh", None)


def as_number(answer) -> float:
    """A single finite number from an int, float, numpy scalar or one-element Series/array."""
    import numpy as np

    if isinstance(answer, bool):
        raise _refuse(TypeError, "expected a number, got True/False.",
                      "需要一个数字，收到的却是 True/False。")
    if hasattr(answer, "to_numpy"):
        answer = answer.to_numpy()
    if isinstance(answer, (list, tuple)) or getattr(answer, "ndim", 0) > 0:
        arr = np.asarray(answer).ravel()
        if arr.size != 1:
            raise _refuse(ValueError, f"expected one number, got {arr.size} values.",
                          f"需要一个数字，收到的却是 {arr.size} 个值。")
        answer = arr[0]
    if isinstance(answer, str):
        raise _refuse(TypeError, f"expected a number, got the text {answer!r}; remove the quotes.",
                      f"需要一个数字，收到的却是文本 {answer!r}；请去掉引号。")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        raise _refuse(TypeError, f"expected a number, got {type(answer).__name__}.",
                      f"需要一个数字，收到的却是 {type(answer).__name__}。") from None
    if not math.isfinite(value):
        raise _refuse(ValueError, f"expected a finite number, got {value}.",
                      f"需要一个有限的数字，收到的却是 {value}。")
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
            raise _refuse(ValueError, "expected account ids; got a table with several columns. "
                          "Pass df['account_id'] or a list of ids.",
                          "需要客户编号，收到的却是一张有多列的表。请传入 df['account_id'] "
                          "或一个编号列表。")
    if isinstance(answer, (pd.Series, pd.Index)) and pd.api.types.is_bool_dtype(answer):
        raise _refuse(ValueError, "expected account ids; got True/False values (a filter). "
                      "Select the ids with book.loc[mask, 'account_id'].",
                      "需要客户编号，收到的却是 True/False 值（一个筛选条件）。请用 "
                      "book.loc[mask, 'account_id'] 选出编号。")
    if isinstance(answer, str):
        return (answer,)
    if isinstance(answer, dict):
        raise _refuse(TypeError, "expected a list of account ids, got a dict.",
                      "需要一个客户编号列表，收到的却是 dict（字典）。")
    try:
        return tuple(str(x) for x in answer)
    except TypeError:
        raise _refuse(TypeError, f"expected a list of account ids, got {type(answer).__name__}.",
                      f"需要一个客户编号列表，收到的却是 {type(answer).__name__}。") from None


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
            raise _refuse(ValueError, f"expected one name, got {values.size} values.",
                          f"需要一个名称，收到的却是 {values.size} 个值。")
        answer = values[0]
    if not isinstance(answer, str):
        raise _refuse(TypeError, f"expected a name as text (in quotes), got {type(answer).__name__}.",
                      f"需要一个文本形式的名称（加引号），收到的却是 {type(answer).__name__}。")
    text = " ".join(answer.replace("_", " ").replace("-", " ").split()).lower()
    if not text:
        raise _refuse(ValueError, "expected a name, got empty text.",
                      "需要一个名称，收到的却是空文本。")
    return text


def name_among(kind: str, codes=None) -> Callable[[Any], str]:
    """A normaliser for a name answer among the codes of a label family (``"lever"``,
    ``"stage"`` …; every code of :data:`kamlab.i18n.LABELS` ``"<kind>.<code>"`` unless
    ``codes`` are given): :func:`as_name`, with the Chinese label of a code
    (:func:`kamlab.i18n.value_label`) read as that code, so 确认 is ``'qualified'``.

    A wrong name in Chinese therefore gets the hint its English name gets.

    >>> stage = name_among("stage")
    >>> stage("确认"), stage(" Qualified "), stage("发展"), stage("other")
    ('qualified', 'qualified', 'developed', 'other')
    >>> name_among("lever")("服务成本")
    'cost to serve'
    """
    def normalise(answer) -> str:
        text = as_name(answer)
        for code in _codes_of(kind) if codes is None else codes:
            if text == as_name(value_label(kind, code, "zh")):
                return as_name(code)
        return text

    normalise.__name__ = f"name_among_{kind}"
    return normalise


def _codes_of(kind: str) -> list[str]:
    """Every code of a label family: "stage" -> Identified, …, Lost."""
    return [key.partition(".")[2] for key in LABELS if key.partition(".")[0] == kind]


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
