"""Module 2 — scoring charts: the top-n weighted scores and the weight-sensitivity tornado.

They draw :mod:`kamlab.scoring` results: seeds 001 and 002's weighted multi-criteria score,
and whether the top-10 list survives a change of weights.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kamlab._validate import require_columns
from kamlab.exceptions import ParameterError
from kamlab.i18n import column_label, resolve, t
from kamlab.plotting._style import (
    _AMBER,
    _BLUE,
    _INK,
    _finish,
    _label,
    _new_axes,
    _short_name,
    _tidy,
)


def _criterion_label(criterion: str, lang: str) -> str:
    return _label(f"criterion.{criterion}", lang, column_label(criterion, lang))


def _delta_percent(sens: pd.DataFrame) -> int | None:
    """The relative weight change behind a sensitivity table, read back from its weights."""
    if not {"weight", "new_weight"} <= set(sens.columns):
        return None
    w = sens["weight"].to_numpy(dtype="float64")
    new = sens["new_weight"].to_numpy(dtype="float64")
    ok = (w > 0) & (new < 1)
    if not ok.any():
        return None
    # renormalised: new = w(1 ± d) / (1 ± w d)  =>  d = |new − w| / (w (1 − new))
    d = np.abs(new[ok] - w[ok]) / (w[ok] * (1 - new[ok]))
    return round(float(np.median(d)) * 100)


def plot_sensitivity(sens: pd.DataFrame, *, n: int = 10, delta: float | None = None, ax=None,
                     lang=None):
    """Tornado chart: how many of the top ``n`` change when each weight moves down or up.

    One row per criterion, most sensitive at the top; the bar to the left is the weight
    moved down (−delta), to the right moved up (+delta); bar length = accounts that
    entered (= left) the top ``n``.

    Parameters
    ----------
    sens : output of :func:`~kamlab.scoring.weight_sensitivity` (``criterion``,
        ``direction`` −1/+1, ``changed``; ``weight``/``new_weight`` give the delta).
    n : the length of the top list that was compared (for labels).
    delta : the relative weight change (0.2 = ±20%), for labels; read from the table
        when None.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; each bar has ``gid`` ``"<criterion>|<direction>"``.
    """
    lang = resolve(lang)
    require_columns(sens, ["criterion", "direction", "changed"], func="plot_sensitivity")
    table = sens.pivot_table(index="criterion", columns="direction", values="changed",
                             aggfunc="sum", sort=False).reindex(columns=[-1, 1]).fillna(0)
    table = table.loc[(table[-1] + table[1]).sort_values(kind="stable").index]  # largest on top
    pct = round(delta * 100) if delta is not None else _delta_percent(sens)
    ax = _new_axes(ax, (7.5, 0.42 * len(table) + 1.8))
    y = np.arange(len(table))
    legend = {-1: t("sensitivity.minus", lang, pct=pct if pct is not None else "Δ"),
              1: t("sensitivity.plus", lang, pct=pct if pct is not None else "Δ")}
    for direction, colour in ((-1, _BLUE), (1, _AMBER)):
        values = table[direction].to_numpy(dtype="float64")
        bars = ax.barh(y, direction * values, height=0.62, color=colour, label=legend[direction])
        for bar, criterion, v in zip(bars, table.index, values):
            bar.set_gid(f"{criterion}|{direction}")
            if v:
                ax.annotate(f"{v:.0f}", (direction * v, bar.get_y() + bar.get_height() / 2),
                            xytext=(4 * direction, 0), textcoords="offset points",
                            ha="left" if direction > 0 else "right", va="center", fontsize=10)
    reach = max(float(table.to_numpy().max()) if len(table) else 0.0, 1.0) * 1.2
    ax.set_xlim(-reach, reach)
    ax.axvline(0, color=_INK, lw=1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{abs(v):g}"))
    ax.set_yticks(y, [_criterion_label(c, lang) for c in table.index])
    _tidy(ax, grid="x")
    ax.legend(loc="lower right", fontsize=10, frameon=False)
    title = (t("sensitivity.title", lang, n=n, pct=pct) if pct is not None
             else t("sensitivity.title_any", lang, n=n))
    _finish(ax, title=title, xlabel=t("sensitivity.x", lang, n=n), ylabel=t("criterion", lang))
    return ax


def plot_scores(scored: pd.DataFrame, *, n: int = 10, id: str = "account_id",
                label: str = "name", ax=None, lang=None, highlight=None,
                values: bool = True):
    """Horizontal bars of the ``n`` best weighted scores, best at the top.

    Parameters
    ----------
    scored : output of :func:`~kamlab.scoring.score_accounts` (``score``, ``score_rank``).
    n : how many accounts to show.
    id : the id column (matched against ``highlight``).
    label : the column used as bar label; the id when absent.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    highlight : ids drawn in another colour, e.g. ``top_changes(...).entered``. When given
        (even empty) a legend explains the colours, below the chart, so the layout does not
        jump as entrants come and go.
    values : write each score at the end of its bar (dashboards that show the scores in a
        table turn it off: text is most of the drawing time).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    lang = resolve(lang)
    if not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ParameterError(f"plot_scores(): n must be a whole number ≥ 1; got {n!r}.")
    require_columns(scored, ["score", id], func="plot_scores")
    by = scored["score_rank"] if "score_rank" in scored else -scored["score"]
    top = scored.iloc[np.argsort(by.to_numpy(), kind="stable")[:n]]
    names = top[label if label in top.columns else id].astype(str)
    names = [_short_name(s) for s in names]
    marked = top[id].isin(list(highlight or ())).to_numpy()
    ax = _new_axes(ax, (7, 0.4 * len(top) + 1.6))
    y = np.arange(len(top))[::-1]
    scores = top["score"].to_numpy(dtype="float64")
    bars = ax.barh(y, scores, height=0.66, color=np.where(marked, _AMBER, _BLUE))
    if values:
        ax.bar_label(bars, labels=[f"{s:.1f}" for s in scores], padding=3, fontsize=9.5)
    ax.set_yticks(y, names)
    ax.set_xlim(0, 100 * 1.08)
    _tidy(ax, grid="x")
    if highlight is not None:
        handles = [mpl.patches.Patch(color=_BLUE, label=t("scores.other", lang, n=n)),
                   mpl.patches.Patch(color=_AMBER, label=t("scores.highlight", lang, n=n))]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2,
                  fontsize=10, frameon=False)
    _finish(ax, title=t("scores.title", lang, n=n), xlabel=t("scores.x", lang),
            ylabel=t("customers", lang))
    return ax
