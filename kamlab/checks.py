"""The check engine: how an answer is judged, not which exercises there are.

:class:`Exercise` and :class:`Mistake` describe an exercise, :class:`Asks` what it asks
to hand in (a share, an amount, a count … and to what precision), :class:`CheckResult` is the
feedback (green or red in Jupyter, plain text in a terminal), :func:`register` adds an
exercise to the registry, and the coercions (:func:`as_number`, :func:`as_ids`,
:func:`as_name`, :func:`name_among`) turn a trainee's answer into a comparable value. The
exercise bank and ``check()`` live in :mod:`kamlab.exercises`; this module imports no bank.

What ``check()`` says in any exercise, after the exercise's own mistakes, is here too: an
answer rounded to the stated precision passes (:func:`rounded_ok`) and one rounded further
is told not to round (:func:`rounded_too_far`, :func:`rounding_hint`); a number of the wrong
kind gets :func:`kind_hint`; a wrong set of ids gets :func:`id_feedback`. (A check cell
run before its answer cell in IPython: :func:`kamlab.exercises.name_error_handler`.)

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
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kamlab.i18n import LABELS, value_label

__all__ = ["CheckResult", "Exercise", "Mistake", "Asks", "SHARE", "CHANGE", "COUNT", "register",
           "as_number", "as_ids", "as_name", "name_among", "refusal_text", "in_language",
           "written_to", "rounded_ok", "rounded_too_far", "rounding_hint", "kind_hint",
           "id_feedback"]

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
class Asks:
    """What a task asks to hand in, as its notebook's **Hand in.** line states it.

    ``kind`` is ``"share"`` (a share of a total, as a fraction), ``"change"`` (a change as a
    fraction of the starting value), ``"amount"`` (money or a price; ``unit`` / ``unit_zh``
    name it, e.g. "a price in CNY per tonne"), ``"count"`` (a whole number) or ``"number"``
    (a ratio, index points, hours). ``decimals`` is the precision a person writes it to:
    an answer rounded to that many decimals (or more) passes, and one rounded further
    gets "don't round" (``None``: the exercise's own tolerance only). A number of the wrong
    kind (an amount for a share, a percentage for a price) gets a hint in every exercise.

    >>> SHARE.decimals, Asks("amount", 0, "a price in CNY per tonne").unit
    (2, 'a price in CNY per tonne')
    """

    kind: str = "number"
    decimals: int | None = None
    unit: str = ""
    unit_zh: str = ""


#: A share of a total "as a fraction": two decimals are what a person writes (0.75).
SHARE = Asks("share", 2)
#: A change "as a fraction" (−0.15 = −15%): two decimals, like a share.
CHANGE = Asks("change", 2)
#: A number of accounts, customers …: a whole number, exact.
COUNT = Asks("count")


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to compute the expected answer and how to judge an answer.

    ``normalise`` turns an answer into a comparable value or raises ``TypeError`` /
    ``ValueError`` with a message for the trainee (wrong type or shape). ``correct``
    compares normalised answer and expected value. ``mistakes`` are tried in order on a
    wrong answer; ``asks`` says what kind of number the task asks for and to what precision
    (:class:`Asks`). ``success`` is said when the answer is right. ``title_zh``,
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
    asks: Asks = field(default_factory=Asks)


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


# ---------------------------------------------------------------------------------------
# Feedback the engine gives in every exercise, after the exercise's own mistakes
# ---------------------------------------------------------------------------------------

def _rounded_to(a: float, e: float, k: int) -> bool:
    """``a`` is ``e`` rounded to ``k`` decimals (k < 0: to tens, hundreds …), either way at a tie.

    >>> _rounded_to(0.75, 0.7489, 2), _rounded_to(0.749, 0.7489, 2), _rounded_to(46_000, 45_689, -3)
    (True, False, True)
    """
    step = 10.0 ** -k
    units = a / step
    return abs(units - round(units)) <= 1e-6 and abs(a - e) <= step / 2 * (1 + 1e-9)


def written_to(a: float, decimals: int) -> bool:
    """``a`` has at most ``decimals`` decimals (0.43 at two; not 0.427).

    >>> written_to(0.43, 2), written_to(0.427, 2), written_to(46_000, -3)
    (True, False, True)
    """
    return _rounded_to(a, a, decimals)


def rounded_ok(a: float, e: float, decimals: int | None) -> bool:
    """``a`` is ``e`` written to the stated ``decimals`` or more: 0.75 and 0.749 for 0.7489 at
    two decimals, not 0.7 (``decimals`` None: never).

    >>> rounded_ok(0.75, 0.7489, 2), rounded_ok(0.7, 0.7489, 2), rounded_ok(0.75, 0.7489, None)
    (True, False, False)
    """
    return decimals is not None and any(_rounded_to(a, e, k) for k in range(decimals, decimals + 8))


def rounded_too_far(a: float, e: float, decimals: int | None) -> bool:
    """``a`` is ``e`` rounded to fewer than ``decimals`` decimals, keeping at least its leading
    digit (0.7 for 0.7489 at two decimals; 46,000 for 45,689 at none).

    >>> rounded_too_far(0.7, 0.7489, 2), rounded_too_far(46_000, 45_689, 0)
    (True, True)
    >>> rounded_too_far(0.75, 0.7489, 2), rounded_too_far(0.0, 0.04, 2), rounded_too_far(0.6, 0.7489, 2)
    (False, False, False)
    """
    if decimals is None or a == 0 or e == 0:
        return False
    lowest = -math.floor(math.log10(abs(e)))  # the leading digit's place
    return any(_rounded_to(a, e, k) for k in range(lowest, decimals))


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def rounding_hint(decimals: int, lang: str) -> str:
    """Don't round so far: the hint for an answer that is the right value rounded too much.

    >>> rounding_hint(2, "en")
    "Don't round so far: that is the right value rounded. Use the full value (or at least 2 decimals)."
    >>> rounding_hint(0, "zh")
    '不要四舍五入：这是正确的值被舍入后的结果。请直接用完整的值。'
    """
    if decimals > 0:
        return in_language(
            "Don't round so far: that is the right value rounded. Use the full value (or at "
            f"least {_plural(decimals, 'decimal', 'decimals')}).",
            f"不要舍入得这么粗：这是正确的值被舍入后的结果。请直接用完整的值（或至少保留{decimals}位小数）。",
            lang)
    return in_language("Don't round: that is the right value rounded. Use the full value.",
                       "不要四舍五入：这是正确的值被舍入后的结果。请直接用完整的值。", lang)


def _show(a: float) -> str:
    return f"{a:,.0f}" if abs(a) >= 1000 else f"{a:g}"


def kind_hint(a: float, e: float, asks: Asks, lang: str) -> str | None:
    """The hint for a number of the wrong kind, or None: an amount or a percentage where a
    share or a change is asked, a share or a percentage where an amount (a price) is asked,
    a fraction where a count is asked.

    >>> print(kind_hint(1_234_567, 0.8, SHARE, "en"))
    You gave an amount (1,234,567); the question asks for a share of the total, as a fraction (0.25 = 25%): divide by the total.
    >>> print(kind_hint(75, 0.7489, SHARE, "zh"))
    75 看起来是百分数：请把占比写成小数（25% = 0.25）。
    >>> print(kind_hint(4.6, 45_689, Asks("amount", 0, "a price in CNY per tonne"), "en"))
    4.6 looks like a share or a percentage; the question asks for a price in CNY per tonne.
    >>> kind_hint(0.5, 0.8, SHARE, "en") is None
    True
    """
    shown = _show(a)
    if asks.kind in ("share", "change"):
        limit = max(1.0, 2 * abs(e))  # above it a fraction of this size cannot be meant
        if abs(a) > 100 * limit:
            return (in_language(
                f"You gave an amount ({shown}); the question asks for a share of the total, as "
                "a fraction (0.25 = 25%): divide by the total.",
                f"你给出的是一个数额（{shown}）；题目问的是占总额的比例，用小数表示（0.25 = 25%）："
                "请除以总额。", lang) if asks.kind == "share" else in_language(
                f"You gave an amount ({shown}); the question asks for the change as a fraction of "
                "the starting value (0.1 = +10%): divide the change by the starting value.",
                f"你给出的是一个数额（{shown}）；题目问的是相对起始值的变化，用小数表示（0.1 = +10%）"
                "：请用变化量除以起始值。", lang))
        if abs(a) > limit:
            return (in_language(f"{shown} looks like a percentage: give the share as a fraction "
                                "(25% = 0.25).",
                                f"{shown} 看起来是百分数：请把占比写成小数（25% = 0.25）。", lang)
                    if asks.kind == "share" else
                    in_language(f"{shown} looks like a percentage: give the change as a fraction "
                                "(+10% = 0.1).",
                                f"{shown} 看起来是百分数：请把变化写成小数（+10% = 0.1）。", lang))
    elif asks.kind == "amount":
        if a != 0 and abs(a) <= 100 and abs(a) < abs(e) / 100:
            unit = in_language(asks.unit or "an amount", asks.unit_zh or "一个金额", lang)
            return in_language(f"{shown} looks like a share or a percentage; the question asks "
                               f"for {unit}.",
                               f"{shown} 看起来是一个比例或百分数；题目问的是{unit}。", lang)
    elif asks.kind == "count" and a != round(a):
        if abs(a) < 1:
            return in_language(f"{shown} is a fraction, a share perhaps; the question asks how "
                               "many: a whole number.",
                               f"{shown} 是一个小数，也许是比例；题目问的是有多少个：一个整数。", lang)
        return in_language(f"The question asks how many: a whole number, not {shown}.",
                           f"题目问的是有多少个：应该是一个整数，而不是 {shown}。", lang)
    return None


def _shape(text: str) -> str:
    """An id's shape: letters as A, digits as 9 ('C0123' -> 'A9999')."""
    return re.sub(r"[^\W\d_]", "A", re.sub(r"\d", "9", text))


def id_feedback(given: frozenset, expected: frozenset, lang: str) -> tuple[str, str | None]:
    """(message, hint or None) for a wrong set of ids: names or numbers instead of ids, or
    how many ids are missing and how many do not belong — never which.

    >>> id_feedback(frozenset({"C0001", "C0009"}), frozenset({"C0001", "C0002", "C0003"}), "en")
    ('not quite: 2 account ids are missing, and 1 of yours does not belong.', None)
    >>> print(id_feedback(frozenset({"江苏丰源塑业有限公司"}), frozenset({"C0001"}), "en")[1])
    Those look like names, not account ids: hand in the account_id column (客户编号), e.g. book.loc[mask, 'account_id'].
    """
    shapes = {_shape(x) for x in expected}
    if given and not any(_shape(x) in shapes for x in given):
        if all(x.strip().lstrip("-").isdigit() for x in given):
            return in_language("not quite.", "答案还不对。", lang), in_language(
                "Those are numbers (row positions or the table's index), not account ids: hand "
                "in the account_id column, e.g. book.loc[mask, 'account_id'].",
                "这些是数字（行号或表的索引），不是客户编号：请交 account_id 列，例如 "
                "book.loc[mask, 'account_id']。", lang)
        return in_language("not quite.", "答案还不对。", lang), in_language(
            "Those look like names, not account ids: hand in the account_id column (客户编号), "
            "e.g. book.loc[mask, 'account_id'].",
            "这些看起来是名称，不是客户编号：请交 account_id 列（客户编号），例如 "
            "book.loc[mask, 'account_id']。", lang)
    missing, extra = len(expected - given), len(given - expected)
    parts_en = ([f"{_plural(missing, 'account id is', 'account ids are')} missing"] * bool(missing)
                + [f"{extra} of yours {'does' if extra == 1 else 'do'} not belong"] * bool(extra))
    parts_zh = [f"少了{missing}个客户编号"] * bool(missing) + [f"多了{extra}个不该有的编号"] * bool(extra)
    return in_language(f"not quite: {', and '.join(parts_en)}.",
                       f"答案还不对：{'，'.join(parts_zh)}。", lang), None
