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

from kamlab.checks import _REGISTRY, CheckResult, Exercise, in_language, refusal_text

# registers the exercises, in course order
from kamlab.exercises import m1, m2, m3, m4, m5, m6, m6_coverage, m6_mini, m7  # noqa: F401
from kamlab.i18n import get_language

__all__ = ["check", "exercise_ids", "get_exercise", "expected_answer"]


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
    says what was expected; a known mistake gets its targeted hint. Everything is in the
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
    try:
        right = bool(exercise.correct(value, expected))
    except Exception:
        right = False
    if right:
        return CheckResult(exercise.id, "correct",
                           in_language(exercise.success, exercise.success_zh, lang), lang=lang)
    not_quite = "答案还不对。" if zh else "not quite."
    for mistake in exercise.mistakes:
        try:
            spotted = mistake.matches(value, expected)
        except Exception:  # a detector must never turn feedback into a traceback
            spotted = False
        if spotted:
            return CheckResult(exercise.id, "incorrect", not_quite,
                               in_language(mistake.hint, mistake.hint_zh, lang), lang=lang)
    return CheckResult(exercise.id, "incorrect", not_quite,
                       in_language(exercise.generic_hint, exercise.generic_hint_zh, lang),
                       lang=lang)
