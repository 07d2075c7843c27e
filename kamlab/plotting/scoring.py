"""Module 2 — scoring charts: the top-n weighted scores, and who enters and leaves the top n
when a weight moves.

They draw :mod:`kamlab.scoring` results: seeds 001 and 002's weighted multi-criteria score,
and whether the top-10 list survives a change of weights.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd

from kamlab._validate import require_columns
from kamlab.exceptions import ParameterError
from kamlab.i18n import column_label, resolve, t
from kamlab.plotting._style import (
    _AMBER,
    _BLUE,
    _finish,
    _label,
    _new_axes,
    _short_name,
    _tidy,
)

_GREEN_INK, _RED_INK = "#23723f", "#a8322f"  # entered / left: dark enough to read on a tint


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


def _ids(ids, lang: str, shown: int) -> str:
    """Account ids for a cell: the first ``shown`` of them, then "+k more"."""
    ids = [str(i) for i in ids]
    text = ", ".join(ids[:shown])
    if len(ids) > shown:
        text += " " + t("sensitivity.more", lang, k=len(ids) - shown)
    return text


def plot_sensitivity(sens: pd.DataFrame, *, n: int = 10, delta: float | None = None, ax=None,
                     lang=None, shown: int = 3):
    """Who enters and who leaves the top ``n`` when each weight moves down or up.

    A table drawn as a chart: one row per criterion, the most sensitive at the top; the
    left column is the weight moved down (−delta), the right one moved up (+delta). Each
    cell names the accounts that entered the top ``n`` ("In: C0877") and those that left it
    ("Out: C0809"), or says the top ``n`` stays the same.

    Parameters
    ----------
    sens : output of :func:`~kamlab.scoring.weight_sensitivity` (``criterion``,
        ``direction`` −1/+1, ``entered``, ``left``; ``weight``/``new_weight`` give the delta).
    n : the length of the top list that was compared (for labels).
    delta : the relative weight change (0.2 = ±20%), for labels; read from the table
        when None.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    shown : most ids written per line; the rest are counted ("+2 more").

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; each cell's texts have ``gid`` ``"in:<criterion>|<direction>"``,
        ``"out:<criterion>|<direction>"`` or ``"same:<criterion>|<direction>"``, and a cell
        where the list changes has a tinted background ``"changed:<criterion>|<direction>"``.
    """
    lang = resolve(lang)
    require_columns(sens, ["criterion", "direction", "entered", "left"], func="plot_sensitivity")
    criteria = list(dict.fromkeys(sens["criterion"]))
    cells = {(row.criterion, int(row.direction)): (tuple(row.entered), tuple(row.left))
             for row in sens.itertuples()}
    moved = {c: sum(len(cells.get((c, d), ((), ()))[0]) for d in (-1, 1)) for c in criteria}
    criteria.sort(key=lambda c: -moved[c])  # stable: ties keep the weights' order
    pct = round(delta * 100) if delta is not None else _delta_percent(sens)
    shown_pct = pct if pct is not None else "Δ"
    # a row where the list changes holds two lines (in, out); an unchanged row one
    sizes = [1.5 if any(any(cells.get((c, d), ((), ()))) for d in (-1, 1)) else 0.8
             for c in criteria]
    ax = _new_axes(ax, (8.5, 0.42 * sum(sizes) + 1.6))
    y_top = 0.0
    centres = []
    for c, size in zip(criteria, sizes):
        centre = y_top - size / 2
        centres.append(centre)
        for j, d in enumerate((-1, 1)):
            entered, left = cells.get((c, d), ((), ()))
            key = f"{c}|{d}"
            if entered or left:
                ax.add_patch(mpl.patches.Rectangle((j - 0.48, y_top - size + 0.04), 0.96,
                                                   size - 0.08, color=_AMBER, alpha=0.16, lw=0,
                                                   gid=f"changed:{key}"))
                ax.text(j, centre + 0.27, t("sensitivity.entered", lang,
                                            ids=_ids(entered, lang, shown)),
                        ha="center", va="center", fontsize=11, color=_GREEN_INK,
                        gid=f"in:{key}")
                ax.text(j, centre - 0.27, t("sensitivity.left", lang,
                                            ids=_ids(left, lang, shown)),
                        ha="center", va="center", fontsize=11, color=_RED_INK,
                        gid=f"out:{key}")
            else:
                ax.text(j, centre, t("sensitivity.same", lang, n=n), ha="center",
                        va="center", fontsize=10, color="#777777", gid=f"same:{key}")
        y_top -= size
        ax.axhline(y_top, color="#dddddd", lw=0.8)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(y_top, 0)
    ax.set_yticks(centres, [_criterion_label(c, lang) for c in criteria])
    ax.set_xticks([0, 1], [t("sensitivity.minus", lang, pct=shown_pct),
                           t("sensitivity.plus", lang, pct=shown_pct)])
    ax.xaxis.tick_top()
    ax.axvline(0.5, color="#bbbbbb", lw=1)
    ax.tick_params(length=0, labelsize=10.5)
    for spine in ax.spines.values():
        spine.set_visible(False)
    title = (t("sensitivity.who_title", lang, n=n, pct=pct) if pct is not None
             else t("sensitivity.who_title_any", lang, n=n))
    _finish(ax, title=title, xlabel=t("sensitivity.who_x", lang), ylabel=t("criterion", lang))
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
