"""Exercises: ``check("m1-top20", answer)`` gives feedback, never a traceback.

A result shows itself green or red in Jupyter, with a targeted hint for a known mistake,
and as plain text in a terminal. Expected answers are computed from kamlab on the bundled
data when first needed, never typed into a notebook.

One bank per course module: ``m1`` (concentration), ``m2`` (segmentation and scoring),
``m3`` (opportunity prioritisation), ``m4`` (proposal economics), ``m5`` (case: the
international bank), ``m6`` and ``m6_coverage`` (case: the US manufacturer's market and contracts, its
customers' buying centres) and
``m6_mini`` (the oil and car-dealer mini-cases), ``m7`` (account planning: the key-account
card). Each bank registers its
exercises with :func:`kamlab.checks.register` on import; the engine (how an answer is
judged) is :mod:`kamlab.checks`. Importing this package loads every bank.

>>> r = check("m1-top20", ...)
>>> r.status
'unanswered'
>>> print(check("no-such-exercise", 1))  # doctest: +ELLIPSIS
? no-such-exercise: no exercise has this id. Known ids: ...

Inside IPython (Jupyter), ``kamlab.check("m1-top20", answer)`` run before the answer cell
shows "run the answer cell first" instead of a ``NameError`` (:func:`name_error_handler`,
which ``import kamlab`` installs there).

The feedback is in the session language (:func:`kamlab.i18n.set_language`, which the
exercise notebook's setup cell calls), read when ``check()`` runs:

>>> from kamlab.i18n import get_language, set_language
>>> before = get_language()
>>> _ = set_language("zh")
>>> print(check("m1-top20", ...))  # doctest: +ELLIPSIS
… m1-top20：尚未作答——请把 ... 换成你的答案（...）。
>>> _ = set_language(before)
"""

from __future__ import annotations

from functools import cache
from numbers import Real

from kamlab.checks import (
    _REGISTRY,
    CheckResult,
    Exercise,
    id_feedback,
    in_language,
    kind_hint,
    refusal_text,
    rounded_ok,
    rounded_too_far,
    rounding_hint,
    written_to,
)

# registers the exercises, in course order
from kamlab.exercises import m1, m2, m3, m4, m5, m6, m6_coverage, m6_mini, m7  # noqa: F401
from kamlab.i18n import get_language

__all__ = ["check", "exercise_ids", "get_exercise", "expected_answer", "not_run", "missing_answer",
           "name_error_handler"]


def exercise_ids() -> list[str]:
    """Every exercise id, in course order."""
    return list(_REGISTRY)


def get_exercise(exercise_id: str) -> Exercise:
    """The registered :class:`Exercise` (its title, mistakes and hints); KeyError if unknown."""
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        raise KeyError(f"no exercise {exercise_id!r}; known: {', '.join(_REGISTRY)}") from None


@cache
def expected_answer(exercise_id: str):
    """The expected answer, computed from kamlab on the bundled data (cached)."""
    return _REGISTRY[exercise_id].expected()


def _unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


def check(exercise_id: str, answer) -> CheckResult:
    """Judge ``answer`` to exercise ``exercise_id``; returns a :class:`CheckResult`.

    A missing answer (``...`` or ``None``) says "not answered yet"; a wrong type or shape
    says what was expected; an answer rounded to the precision the task states passes; a
    known mistake gets its targeted hint; then, in any exercise, ids missing or extra (how
    many, never which), an answer rounded too far, and a number of the wrong kind (an
    amount for a share, a percentage for a price) get theirs (:class:`kamlab.checks.Asks`). Everything is in the
    session language (``get_language()`` now: English, or Chinese after
    ``set_language("zh")``); ``check`` changes no setting.
    """
    lang = get_language()
    zh = lang == "zh"
    exercise = _REGISTRY.get(str(exercise_id))
    if exercise is None:
        known = ("、" if zh else ", ").join(_REGISTRY)
        return CheckResult(str(exercise_id), "unknown",
                           f"没有这个编号的练习。已有的练习编号：{known}。" if zh else
                           f"no exercise has this id. Known ids: {known}.", lang=lang)
    title = in_language(exercise.title, exercise.title_zh, lang)
    if _unanswered(answer):
        return CheckResult(exercise.id, "unanswered",
                           f"尚未作答——请把 ... 换成你的答案（{title}）。" if zh else
                           f"not answered yet — replace ... with your answer ({title}).",
                           lang=lang)
    expected = expected_answer(exercise.id)
    odd = (f"无法检查这个答案：收到的是 {type(answer).__name__}（{title}）。" if zh else
           f"this answer cannot be checked: got {type(answer).__name__} ({title}).")
    try:
        value = exercise.normalise(answer)
    except (TypeError, ValueError) as err:
        why = refusal_text(err, lang)
        return CheckResult(exercise.id, "incorrect",
                           odd if why is None else
                           f"无法检查这个答案：{why}" if zh else
                           f"this answer cannot be checked: {why}", lang=lang)
    except Exception:  # an odd object must still get feedback, not a traceback
        return CheckResult(exercise.id, "incorrect", odd, lang=lang)
    numbers = _is_number(value) and _is_number(expected)
    decimals = exercise.asks.decimals
    try:
        right = (bool(exercise.correct(value, expected))
                 or numbers and rounded_ok(value, expected, decimals))
    except Exception:
        right = False
    if right:
        return CheckResult(exercise.id, "correct",
                           in_language(exercise.success, exercise.success_zh, lang), lang=lang)
    not_quite = "答案还不对。" if zh else "not quite."
    # a mistake written to the stated precision is still that mistake: 0.43 stands for any
    # value from 0.425 to 0.435, so its detector is asked about a few values in that range
    near = ([value + j * 10.0 ** -(decimals + 1) for j in range(-5, 6) if j]
            if numbers and decimals and written_to(value, decimals) else [])
    for answers in ([value], near):
        for mistake in exercise.mistakes:
            if any(_spots(mistake, a, expected) for a in answers):
                return CheckResult(exercise.id, "incorrect", not_quite,
                                   in_language(mistake.hint, mistake.hint_zh, lang), lang=lang)
    # what the engine can say in any exercise: ids missing or extra, rounded too far, a
    # number of the wrong kind; else the exercise's generic hint
    generic = in_language(exercise.generic_hint, exercise.generic_hint_zh, lang)
    if isinstance(value, frozenset) and isinstance(expected, frozenset):
        message, hint = id_feedback(value, expected, lang)
        return CheckResult(exercise.id, "incorrect", message, hint or generic, lang=lang)
    hint = None
    if numbers and rounded_too_far(value, expected, decimals):
        hint = rounding_hint(decimals, lang)
    elif numbers:
        hint = kind_hint(value, expected, exercise.asks, lang)
    return CheckResult(exercise.id, "incorrect", not_quite, hint or generic, lang=lang)


def _spots(mistake, answer, expected) -> bool:
    try:
        return bool(mistake.matches(answer, expected))
    except Exception:  # a detector must never turn feedback into a traceback
        return False


def _is_number(x) -> bool:
    return isinstance(x, Real) and not isinstance(x, bool)


# ---------------------------------------------------------------------------------------
# In IPython / Jupyter: a check cell run before its answer cell
# ---------------------------------------------------------------------------------------

def not_run(exercise_id: str, name: str, lang: str) -> CheckResult:
    """The feedback for ``check(exercise_id, <name>)`` when ``name`` is not defined yet: the
    answer cell above has not been run.

    >>> print(not_run("m1-top20", "answer", "zh"))  # doctest: +ELLIPSIS
    … m1-top20：`answer` 还没有定义——请先运行上面的答案单元格，再运行这一格（前20%的客户...）。
    """
    exercise = _REGISTRY.get(exercise_id)
    title = in_language(exercise.title, exercise.title_zh, lang) if exercise else ""
    return CheckResult(exercise_id, "unanswered", in_language(
        f"`{name}` is not defined yet — run the answer cell above first, then this one"
        + (f" ({title})." if title else "."),
        f"`{name}` 还没有定义——请先运行上面的答案单元格，再运行这一格" + (f"（{title}）。" if title else "。"),
        lang), lang=lang)


def missing_answer(shell, error: NameError, tb) -> CheckResult | None:
    """The feedback for a ``NameError`` raised by a cell's own ``kamlab.check("id", name)``
    because ``name`` is not defined (its answer cell was not run); None for any other
    ``NameError`` (in another statement of the cell, inside a function, another name …).

    ``shell`` is the running IPython shell; the call may be ``kamlab.check(...)`` (under any
    name the cell's namespace gives the ``kamlab`` module) or ``check(...)`` when that is
    kamlab's ``check``, with the exercise id as text and the answer as a bare name
    (``answer=name`` too).
    """
    import ast
    import linecache
    import sys

    name = getattr(error, "name", None)
    if not name or tb is None:
        return None
    while tb.tb_next is not None:  # the frame where the name was looked up
        tb = tb.tb_next
    frame = tb.tb_frame
    if frame.f_code.co_name != "<module>" or frame.f_globals is not shell.user_global_ns:
        return None  # raised inside a function, not by the cell's own code
    source = "".join(linecache.getlines(frame.f_code.co_filename))
    tree = ast.parse(source)
    positions = list(frame.f_code.co_positions())
    line, _, column, _ = (positions[tb.tb_lasti // 2] if tb.tb_lasti // 2 < len(positions)
                          else (tb.tb_lineno, None, None, None))
    kamlab_module = sys.modules.get("kamlab")
    kamlab_check = getattr(sys.modules.get("kamlab.exercises"), "check", None)

    def is_check(func) -> bool:
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return (func.attr == "check" and kamlab_module is not None
                    and shell.user_ns.get(func.value.id) is kamlab_module)
        return (isinstance(func, ast.Name) and kamlab_check is not None
                and shell.user_ns.get(func.id) is kamlab_check)

    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and is_check(node.func) and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            continue
        passed = (node.args[1] if len(node.args) > 1 else
                  next((k.value for k in node.keywords if k.arg == "answer"), None))
        if (isinstance(passed, ast.Name) and passed.id == name and passed.lineno == line
                and column in (None, passed.col_offset)):
            return not_run(node.args[0].value, name, get_language())
    return None


def name_error_handler(shell, etype, value, tb, tb_offset=None) -> None:
    """IPython's custom handler for ``NameError`` (installed by ``import kamlab`` inside
    IPython): shows :func:`missing_answer`'s feedback, or else the usual traceback, exactly
    as IPython shows it without the handler."""
    try:
        result = missing_answer(shell, value, tb)
    except Exception:  # the usual traceback rather than a broken handler
        result = None
    if result is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    data, metadata = shell.display_formatter.format(result)  # what IPython's display() does
    shell.display_pub.publish(data=data, metadata=metadata)
    return None
