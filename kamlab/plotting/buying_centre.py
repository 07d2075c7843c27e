"""Module 6 — the buying centre's charts (seeds 000 and 004): the coverage map of one account
(their people × our people, relationship strength in each cell) and the gap score of each
account before and after technical staff report into the KAM department.

They draw :mod:`kamlab.cases.buying_centre` results: ``coverage_map(...)`` (a
:class:`~kamlab.cases.buying_centre.CoverageMap`) and ``reorganisation_effect(...)``.
"""

from __future__ import annotations

from typing import NamedTuple

import matplotlib.pyplot as plt  # noqa: F401  (the doctests)
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from kamlab._validate import require_columns
from kamlab.cases.buying_centre import AFTER_REORG, BEFORE_REORG, CoverageMap
from kamlab.exceptions import ParameterError
from kamlab.i18n import resolve, t, value_label
from kamlab.plotting._style import (
    _BLUE,
    _GREY,
    _INK,
    _RED,
    _below_legend,
    _finish,
    _new_axes,
    _pct,
    _percent_axis,
    _result_of,
    _tidy,
)

__all__ = ["plot_coverage_map", "plot_gap_scores", "STRENGTH_COLOURS"]

#: Cell colours for strength 0 (none), 1 (weak), 2 (working), 3 (strong).
STRENGTH_COLOURS = ("#f3f4f6", "#c6dbef", "#6baed6", "#1b4f8a")
_STATUS_INK = {"uncovered": _RED, "weak": "#b86e00", "covered": _INK}


def _name(row, column: str, lang: str) -> str:
    """``row[column]``, or its ``_zh`` twin in Chinese when the table has one."""
    zh = f"{column}_zh"
    if lang == "zh" and zh in row and isinstance(row[zh], str) and row[zh]:
        return row[zh]
    return str(row[column])


def _roles(roles: str, lang: str) -> str:
    return " + ".join(value_label("bcrole", r, lang) for r in str(roles).split("+"))


def _team(team, lang: str) -> str:
    sep = "、" if lang == "zh" else ", "
    return sep.join(value_label("bcfunction", f, lang) for f in team)


class _MapState(NamedTuple):
    values: np.ndarray   # the image (n × max(m, 1))
    cells: list          # (gid, text, colour, (x, y)) per cell
    ylabels: list
    ycolours: list
    title: str


def _map_state(cmap: CoverageMap, lang: str) -> _MapState:
    """What the coverage map shows that a change of strength can change: the cells, the
    contacts' labels and status colours, the title (the dashboard redraws only these)."""
    contacts = cmap.contacts
    values = cmap.strength.to_numpy(dtype="float64")
    n, m = values.shape
    cells = []
    for i, contact_id in enumerate(cmap.strength.index):
        for j, person in enumerate(cmap.strength.columns):
            v = int(values[i, j])
            cells.append((f"covmap:cell:{contact_id}:{person}", str(v),
                          "white" if v >= 3 else _INK, (j, i)))
    ylabels, ycolours = [], []
    for _, c in contacts.iterrows():
        name = _name(c, "contact", lang) if "contact" in c else str(c["contact_id"])
        ylabels.append(f"{name}\n{_roles(c['roles'], lang)} · {int(c['influence'])}")
        ycolours.append(_STATUS_INK[str(c["coverage_status"])])
    account = cmap.account_id
    if len(contacts) and "company" in contacts:
        account = _name(contacts.iloc[0], "company", lang)
    influence = contacts["influence"].to_numpy(dtype="float64")
    score = contacts["gap"].sum() / influence.sum() if influence.sum() else np.nan
    title = (f"{t('covmap.title', lang, account=account)}\n"
             f"{t('covmap.team', lang, team=_team(cmap.team, lang))} · "
             f"{t('covmap.score', lang, score=_pct(score))}")
    return _MapState(values if m else np.zeros((n, 1)), cells, ylabels, ycolours, title)


def plot_coverage_map(cmap: CoverageMap, *, ax=None, lang=None, legend: bool = True):
    """Heat map of who covers whom at one account: their people × our people.

    Each cell is coloured by the relationship's strength (0 none, 1 weak, 2 working, 3 strong)
    and shows the number. Rows are the buying centre (name, roles, influence); a name in red
    is uncovered by the account team, in amber weakly covered. Columns are our people, the
    account team first; people outside the team are marked (their relationships count only
    with ``outside_weight``).

    Parameters
    ----------
    cmap : the result of :func:`~kamlab.cases.buying_centre.coverage_map`.
    ax : Axes to draw on; a new figure sized to the map when None.
    lang : ``"en"`` or ``"zh"``; default the session language. In Chinese the ``*_zh``
        names of the tables are used when they are there.
    legend : draw the strength legend under the chart.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the image has ``gid`` ``"covmap:image"``, each cell's number
        ``"covmap:cell:<contact_id>:<our_person>"``.

    Notes
    -----
    Seed 000: KAM on two levels, the KAM with the buyer, technical staff with the regional
    manager; seed 004: the seven buying-centre roles.

    >>> import pandas as pd
    >>> from kamlab.cases.buying_centre import coverage_map
    >>> centre = pd.DataFrame({"account_id": "A", "contact_id": ["b", "r"],
    ...                        "role": ["buyer", "influencer"], "influence": [5, 4]})
    >>> cover = pd.DataFrame({"contact_id": ["b", "r"], "our_person": ["Kim", "Eng"],
    ...                       "function": ["kam", "technical"], "strength": [3, 2]})
    >>> ax = plot_coverage_map(coverage_map(centre, cover, "A"), lang="en")
    >>> [t.get_text() for t in ax.texts if t.get_gid().startswith("covmap:cell")]
    ['3', '0', '0', '2']
    >>> plt.close("all")
    """
    func = "plot_coverage_map"
    lang = resolve(lang)
    cmap = _result_of(cmap, CoverageMap, "coverage_map(centre, coverage, account_id)", func)
    people = cmap.people
    state = _map_state(cmap, lang)
    n, m = cmap.strength.shape
    ax = _new_axes(ax, (max(6.5, 2.6 + 1.3 * m), 1.9 + 0.55 * max(n, 1)))
    ax.imshow(state.values, cmap=ListedColormap(list(STRENGTH_COLOURS)), vmin=-0.5, vmax=3.5,
              aspect="auto", interpolation="nearest", gid="covmap:image")
    for gid, text, colour, (x, y) in state.cells:
        ax.text(x, y, text, ha="center", va="center", fontsize=10, color=colour, gid=gid)
    outside = t("covmap.outside", lang)
    xlabels = []
    for _, p in people.iterrows():
        label = f"{_name(p, 'our_person', lang)}\n{value_label('bcfunction', p['function'], lang)}"
        xlabels.append(label if p["in_team"] else f"{label}\n({outside})")
    ax.set_xticks(np.arange(m), xlabels, fontsize=9)
    for tick, in_team in zip(ax.get_xticklabels(), people["in_team"], strict=True):
        tick.set_color(_INK if in_team else _GREY)
    ax.set_yticks(np.arange(n), state.ylabels, fontsize=9)
    for tick, colour in zip(ax.get_yticklabels(), state.ycolours, strict=True):
        tick.set_color(colour)
    if m:
        team_cols = int(people["in_team"].sum())
        if 0 < team_cols < m:  # a line between the account team and the others
            ax.axvline(team_cols - 0.5, color=_INK, lw=1.2)
    width = max(m, 1)  # white gaps between the cells (lines, not minor ticks: cheaper)
    ax.hlines(np.arange(0.5, n - 1), -0.5, width - 0.5, colors="white", linewidth=2)
    ax.vlines(np.arange(0.5, width - 1), -0.5, n - 0.5, colors="white", linewidth=2)
    ax.set(xlim=(-0.5, width - 0.5), ylim=(n - 0.5, -0.5))
    ax.tick_params(which="both", length=0)
    ax.spines[:].set_visible(False)
    _finish(ax, title=state.title, xlabel=t("covmap.x", lang), ylabel=t("covmap.y", lang))
    if legend:
        handles = [Patch(facecolor=c, edgecolor="#cccccc",
                         label=f"{s} {value_label('bcstrength', s, lang)}")
                   for s, c in enumerate(STRENGTH_COLOURS)]
        _below_legend(ax, handles, 4, gap=0.45 + 0.16 * (3 if (~people["in_team"]).any() else 2))
    return ax


def plot_gap_scores(effect: pd.DataFrame, *, ax=None, lang=None, before=None, after=None):
    """Each account's coverage gap score before and after the reorganisation (seed 000).

    Horizontal bars, two per account (before in grey, after in blue), each labelled in percent;
    accounts top to bottom in the table's order.

    Parameters
    ----------
    effect : the table of :func:`~kamlab.cases.buying_centre.reorganisation_effect`
        (``account_id``, ``gap_score_before``, ``gap_score_after``; ``company`` /
        ``company_zh`` name the accounts when present).
    ax : Axes to draw on; a new 8×(1.6 + 0.5 per account) in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    before, after : the two teams' function codes, for the legend; default
        :data:`~kamlab.cases.buying_centre.BEFORE_REORG` and ``AFTER_REORG``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"gapscore:before:<account_id>"`` and
        ``"gapscore:after:<account_id>"``, width = the score.

    >>> import pandas as pd
    >>> effect = pd.DataFrame({"account_id": ["A", "B"], "gap_score_before": [0.6, 0.5],
    ...                        "gap_score_after": [0.2, 0.3]})
    >>> ax = plot_gap_scores(effect, lang="en")
    >>> sorted((p.get_gid(), round(float(p.get_width()), 2)) for p in ax.patches)[:2]
    [('gapscore:after:A', 0.2), ('gapscore:after:B', 0.3)]
    >>> plt.close("all")
    """
    func = "plot_gap_scores"
    lang = resolve(lang)
    if not isinstance(effect, pd.DataFrame):
        raise ParameterError(f"{func}(): pass the table of reorganisation_effect(centre, "
                             f"coverage); got {type(effect).__name__}.",
                             got=type(effect).__name__)
    require_columns(effect, ["account_id", "gap_score_before", "gap_score_after"], func=func)
    n = len(effect)
    ax = _new_axes(ax, (8.0, 1.6 + 0.5 * max(n, 2)))
    y = np.arange(n)
    h = 0.38
    rows = list(effect.iterrows())
    names = [_name(r, "company", lang) if "company" in effect else str(r["account_id"])
             for _, r in rows]
    series = (("before", effect["gap_score_before"], _GREY, -h / 2,
               t("gapscore.before", lang, team=_team(before or BEFORE_REORG, lang))),
              ("after", effect["gap_score_after"], _BLUE, h / 2,
               t("gapscore.after", lang, team=_team(after or AFTER_REORG, lang))))
    for key, values, colour, dy, label in series:
        values = values.to_numpy(dtype="float64")
        bars = ax.barh(y + dy, values, h * 0.92, color=colour, label=label)
        for bar, account in zip(bars, effect["account_id"], strict=True):
            bar.set_gid(f"gapscore:{key}:{account}")
        ax.bar_label(bars, labels=[_pct(v) for v in values], padding=3, fontsize=8.5)
    ax.set_yticks(y, names, fontsize=9.5)
    ax.invert_yaxis()
    top = float(np.nanmax(effect[["gap_score_before", "gap_score_after"]].to_numpy())) if n else 1
    ax.set_xlim(0, min(1.0, top * 1.18) if top > 0 else 1.0)
    _percent_axis(ax, "x")
    _tidy(ax, grid="x")
    _finish(ax, title=t("gapscore.title", lang), xlabel=t("gapscore.y", lang),
            ylabel=t("gapscore.x", lang))
    handles, _ = ax.get_legend_handles_labels()
    _below_legend(ax, handles, 1, gap=0.55)
    return ax
