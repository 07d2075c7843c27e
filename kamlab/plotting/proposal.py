"""Module 4 — the proposal itself (建议书): the ten-day cycle as a Gantt chart and a draft's score.

They draw :func:`~kamlab.proposal.proposal_plan` and :func:`~kamlab.proposal.score_proposal`
results: seed 000's proposal cycle (建议书的10天周期) and the ten elements of a distinctive offer.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd

from kamlab._validate import require_columns
from kamlab.i18n import resolve, t, value_label
from kamlab.plotting._style import (
    _BLUE,
    _INK,
    _RED,
    _below_legend,
    _finish,
    _fits,
    _new_axes,
    _pct,
    _result_of,
    _tidy,
    _wrap,
)
from kamlab.proposal import LEAD_SEPARATOR, ProposalScore


def _coded(kind: str, code, text, lang: str) -> str:
    """The kit's label of a row's code, or the row's own text where it is not the kit's."""
    if str(text) == value_label(kind, code, "en"):
        return value_label(kind, code, lang)
    return str(text)


def _day_label(day: int, date, lang: str) -> str:
    if date is None:
        return str(day)
    return f"{day}\n{date.month}月{date.day}日" if lang == "zh" else f"{day}\n{date:%d %b}"


def plot_proposal_gantt(plan: pd.DataFrame, *, ax=None, lang=None):
    """The proposal cycle as a Gantt chart: one bar per phase across the days.

    Phases run top to bottom in plan order; each bar covers its days (day d is the
    column d − 0.5 … d + 0.5), carries its length in days and, beside it, the lead role.
    With dates in the plan (``proposal_plan(start)``) each day tick shows its date too.

    Parameters
    ----------
    plan : output of :func:`~kamlab.proposal.proposal_plan` (``phase``, ``start_day``,
        ``end_day``; ``key``, ``lead``, ``start_date``,
        ``end_date`` used when present).
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"gantt:<key>"`` (the row position without ``key``),
        left = start_day − 0.5, width = the number of days.
    """
    lang = resolve(lang)
    func = "plot_proposal_gantt"
    require_columns(plan, ["phase", "start_day", "end_day"], func=func)
    start = plan["start_day"].to_numpy(dtype="float64")
    end = plan["end_day"].to_numpy(dtype="float64")
    days = end - start + 1
    m = len(plan)
    ax = _new_axes(ax, (10, 0.62 * m + 2.0))
    y = np.arange(m)[::-1]
    keys = plan["key"].astype(str).tolist() if "key" in plan.columns else list(range(m))
    bars = ax.barh(y, days, left=start - 0.5, height=0.56, color=_BLUE, zorder=3)
    first, last = int(start.min()), int(end.max())
    ax.set_xlim(first - 0.5, last + 0.5)
    middle = (first + last) / 2
    for i, bar in enumerate(bars):
        bar.set_gid(f"gantt:{keys[i]}")
        label = t("gantt.days", lang, n=int(days[i]))
        if _fits(ax, label, days[i], 9)[0]:
            ax.text(start[i] - 0.5 + days[i] / 2, y[i], label, ha="center", va="center",
                    fontsize=9, color="white", zorder=4)
        lead = plan["lead"].iloc[i] if "lead" in plan.columns else None
        if isinstance(lead, str) and lead:
            lead = ("、" if lang == "zh" else LEAD_SEPARATOR).join(
                value_label("role", r, lang) for r in lead.split(LEAD_SEPARATOR))
            right = end[i] <= middle
            ax.annotate(t("gantt.lead", lang, lead=lead),
                        (end[i] + 0.5 if right else start[i] - 0.5, y[i]),
                        xytext=(6 if right else -6, 0), textcoords="offset points",
                        ha="left" if right else "right", va="center", fontsize=9,
                        color="#444444", zorder=4)
    dates = {}
    if {"start_date", "end_date"} <= set(plan.columns):
        for d0, d1, a, b in zip(start, end, plan["start_date"], plan["end_date"]):
            if pd.notna(a):
                dates[int(d0)] = pd.Timestamp(a)
            if pd.notna(b):
                dates[int(d1)] = pd.Timestamp(b)
    ticks = np.arange(first, last + 1)
    ax.set_xticks(ticks, [_day_label(int(d), dates.get(int(d)), lang) for d in ticks])
    ax.set_xticks(np.arange(first - 0.5, last + 1.0), minor=True)
    ax.tick_params(axis="x", which="minor", length=0)
    ax.grid(axis="x", which="minor", color="#dddddd", lw=0.9, zorder=0)
    names = [_coded("phase", k, p, lang) for k, p in zip(keys, plan["phase"])]
    ax.set_yticks(y, [_wrap(p, 26, 2) for p in names])
    ax.set_ylim(-0.6, m - 0.4)
    _tidy(ax, grid=None)
    _finish(ax, title=t("gantt.title", lang, days=last - first + 1),
            xlabel=t("gantt.x_dates" if dates else "gantt.x", lang), ylabel=t("gantt.y", lang))
    return ax


_TRACK, _WEAK_TRACK = "#e9edf1", "#f5d0d0"  # the scale behind each rating; weakest rows pink


def plot_proposal_score(score, *, ax=None, lang=None):
    """A draft proposal against the ten elements: rating of max per element, weakest red.

    One row per element in checklist order; a pale track shows the top of the scale, the
    bar the rating (hatched when not rated); the weakest elements (lowest rating) have a
    pink track, a red bar and a red name, so a rating of 0 stands out too. The total is
    in the title.

    Parameters
    ----------
    score : result of :func:`~kamlab.proposal.score_proposal`.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"score:<id>"``, the weakest ``"score:<id>|weakest"``;
        the tracks ``"score:max:<id>"``.
    """
    lang = resolve(lang)
    func = "plot_proposal_score"
    table = _result_of(score, ProposalScore, "score_proposal(...)", func).table
    m = len(table)
    ax = _new_axes(ax, (9.5, 0.5 * m + 2.2))
    y = np.arange(m)[::-1]
    rating = table["rating"].to_numpy(dtype="float64")
    top = table["max"].to_numpy(dtype="float64")
    high = float(top.max()) if m else 1.0
    rated = table["rated"].to_numpy(dtype=bool) if "rated" in table.columns else np.ones(m, bool)
    weakest = set(score.weakest)
    ids = table["id"].astype(str).tolist()
    weak = np.array([i in weakest for i in ids], dtype=bool)
    tracks = ax.barh(y, top, height=0.62, color=np.where(weak, _WEAK_TRACK, _TRACK), zorder=1)
    bars = ax.barh(y, rating, height=0.62, color=np.where(weak, _RED, _BLUE), zorder=2)
    for bar, track, i, ok, is_weak in zip(bars, tracks, ids, rated, weak):
        bar.set_gid(f"score:{i}" + ("|weakest" if is_weak else ""))
        track.set_gid(f"score:max:{i}")
        if not ok:
            bar.set(hatch="//", edgecolor="white")
    for yi, r, mx, ok, is_weak in zip(y, rating, top, rated, weak):
        text = f"{r:g}/{mx:g}" + ("" if ok else f" · {t('score.not_rated', lang)}")
        ax.annotate(text, (max(r, 0.0), yi), xytext=(5, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=9.5, zorder=3,
                    color=_RED if is_weak else _INK)
    names = [_coded("element", i, e, lang) for i, e in zip(ids, table["element"])]
    ax.set_yticks(y, [_wrap(f"{n}. {e}", 44, 2) for n, e in zip(table["number"], names)])
    for tick, is_weak in zip(ax.get_yticklabels(), weak):
        if is_weak:
            tick.set_color(_RED)
    ax.set_xlim(0, high * 1.32)
    ax.set_xticks(np.arange(0, high + 1))
    ax.set_ylim(-0.6, m - 0.4)
    _tidy(ax, grid="x")
    handles = [mpl.patches.Patch(color=_BLUE, label=t("score.rating", lang)),
               mpl.patches.Patch(facecolor=_WEAK_TRACK, edgecolor=_RED,
                                 label=t("score.weakest", lang)),
               mpl.patches.Patch(color=_TRACK, label=t("score.max", lang))]
    _below_legend(ax, handles, 3)
    _finish(ax, title=t("score.title", lang, total=score.total, maximum=score.maximum,
                        share=_pct(score.share)),
            xlabel=t("score.x", lang, high=f"{high:g}"), ylabel=t("score.y", lang))
    return ax
