"""Module 1 — concentration charts: the Pareto curve (with ABC bands) and the Lorenz curve.

They draw :mod:`kamlab.concentration` and ``abc_classify`` results; seed 000's
"3% of customers make 50% of sales" is the point the Pareto curve marks.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kamlab._validate import require_columns
from kamlab.concentration import top_count
from kamlab.exceptions import ParameterError
from kamlab.i18n import column_label, resolve, t
from kamlab.plotting._style import (
    _BLUE,
    _GREY,
    _INK,
    _TIER_COLOURS,
    _check_max_points,
    _downsample,
    _finish,
    _new_axes,
    _order,
    _pct,
    _percent_axis,
    _tidy,
    _value_name,
)


def plot_pareto(classified: pd.DataFrame, *, value: str = "revenue", ax=None, lang=None,
                max_points: int = 1500, tier: str = "abc",
                mark: float | Sequence[float] | None = 0.2, legend: bool = True):
    """Pareto (concentration) curve: cumulative share of value against share of accounts.

    Accounts run largest first along x; the dashed diagonal is "every account equal".
    When the table has ABC classes, each class's x-extent is shaded and labelled with its
    share of accounts and of value ("A: 20% of accounts, 80% of revenue"), and each class
    boundary is marked on the curve. Without classes, the point at each ``mark`` share of
    accounts is annotated ("Top 3% of accounts: 50% of revenue"), so a notebook marks the
    figure its text talks about. The curve is drawn with at most ``max_points`` points, so 50,000
    accounts draw as fast as 500.

    Parameters
    ----------
    classified : DataFrame from :func:`~kamlab.segmentation.abc_classify`,
        :func:`~kamlab.segmentation.abc_classify_by_count` (columns ``rank``,
        ``cum_share``, ``share``, ``abc``) or :func:`~kamlab.concentration.pareto_table`
        (no classes).
    value : the value column that was ranked; used for labels.
    ax : Axes to draw on; a new 7×5 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    max_points : most points used to draw the curve (≥ 10).
    tier : the class column, when present.
    mark : share(s) of accounts to annotate when there are no classes, each in (0, 1]:
        ``0.03`` or ``(0.03, 0.2)``; default the 80/20 rule's top 20%; None marks nothing.
    legend : draw the legend with each band's shares (dashboards that show them in a table
        turn it off: it is a third of the drawing time).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the shaded class bands have ``gid`` ``"band:<class>"``, the marked points'
        texts ``"mark:<share>"`` (``"mark:0.03"``).

    Raises
    ------
    ParameterError
        A ``mark`` outside (0, 1].

    Notes
    -----
    Seed 000: "3% of customers make 50% of sales"; "75% of profit contribution comes from
    11% of customers" — ``mark=0.03`` on the revenue curve, ``mark=0.11`` on the profit curve.
    """
    lang = resolve(lang)
    max_points = _check_max_points(max_points, "plot_pareto")
    marks = _marks(mark)
    require_columns(classified, ["rank", "cum_share"], func="plot_pareto")
    ax = _new_axes(ax, (7, 5))
    name = _value_name(value, lang)

    order = np.argsort(classified["rank"].to_numpy(), kind="stable")
    n = order.size
    cum = classified["cum_share"].to_numpy(dtype="float64")[order]
    share = (classified["share"].to_numpy(dtype="float64")[order] if "share" in classified
             else np.diff(cum, prepend=0.0))
    x = np.arange(n + 1) / n  # point i: the top i accounts (0 = origin)
    y = np.concatenate([[0.0], cum])

    bands = []
    if tier in classified.columns:
        codes_col = classified[tier]
        tiers = codes_col.to_numpy()[order]
        names = _order(codes_col)
        if isinstance(codes_col.dtype, pd.CategoricalDtype) and codes_col.cat.ordered:
            names = names[::-1]  # ordered low -> high: best (A) first
        for name_ in names:
            pos = np.flatnonzero(tiers == name_)
            if pos.size:
                bands.append((name_, pos[0], pos[-1] + 1, pos.size / n, share[pos].sum()))
        bands.sort(key=lambda b: b[1])

    idx = _downsample(n + 1, max_points, keep=[b[2] for b in bands])
    ax.plot([0, 1], [0, 1], ls="--", lw=1, color=_GREY, label=t("equality", lang))
    ax.plot(x[idx], y[idx], lw=2.2, color=_INK, label=column_label(value, lang), zorder=3)

    for i, (label, lo, hi, acc_share, val_share) in enumerate(bands):
        colour = _TIER_COLOURS[i % len(_TIER_COLOURS)]
        ax.axvspan(lo / n, hi / n, color=colour, alpha=0.18, lw=0, gid=f"band:{label}",
                   label=t("pareto.band", lang, tier=label, accounts=_pct(acc_share),
                           share=_pct(val_share), value=name))
        if hi / n - lo / n >= 0.04:
            ax.text((lo + hi) / (2 * n), 1.01, str(label), transform=ax.get_xaxis_transform(),
                    ha="center", va="bottom", fontsize=13, color=colour)
        if hi < n:  # mark the boundary on the curve with its cumulative share
            _mark_point(ax, hi / n, y[hi], _pct(y[hi]), colour)

    for frac in ([] if bands else marks):
        k = top_count(n, frac)
        _mark_point(ax, k / n, y[k], t("pareto.top", lang, accounts=_pct(k / n),
                                       share=_pct(y[k]), value=name), _BLUE, gid=f"mark:{frac:g}")

    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, float(y.min())), max(1.0, float(y.max())) * 1.04)
    _percent_axis(ax, "x")
    _percent_axis(ax, "y")
    _tidy(ax, grid="both")
    if legend:
        ax.legend(loc="lower right", fontsize=9.5, frameon=True, framealpha=0.9)
    _finish(ax, title=t("pareto.title", lang, value=name), xlabel=t("pareto.x", lang),
            ylabel=t("pareto.y", lang, value=name), pad=26 if bands else 10)
    return ax


def _marks(mark) -> list[float]:
    """``mark`` of :func:`plot_pareto` as a list of shares in (0, 1], smallest first."""
    if mark is None:
        return []
    shares = [mark] if np.isscalar(mark) else list(mark)
    try:
        shares = [float(m) for m in shares]
    except (TypeError, ValueError):
        shares = [float("nan")]
    if not all(0 < m <= 1 for m in shares):
        raise ParameterError(f"plot_pareto(): mark is a share of accounts in (0, 1], or a list "
                             f"of them (0.03 = the top 3%); got {mark!r}.")
    return sorted(set(shares))


def _mark_point(ax, x: float, y: float, text: str, colour, gid: str | None = None) -> None:
    """A dot on a curve with its y value written beside it and dotted guides to both axes
    (the trainer goes up from the share of accounts, then across to the share of value)."""
    ax.plot([0, x], [y, y], ls=":", lw=1, color=colour)
    if gid is not None:
        ax.plot([x, x], [0, y], ls=":", lw=1, color=colour)
    ax.plot([x], [y], "o", ms=6, color=colour, mec="white", zorder=4)
    ax.annotate(text, (x, y), xytext=(6, -14), textcoords="offset points", fontsize=10,
                color=_INK, gid=gid)


def plot_lorenz(curve: pd.DataFrame, *, gini: float | None = None, value: str = "revenue",
                ax=None, lang=None, max_points: int = 1500):
    """Lorenz curve (smallest accounts first) with the gap to equal shares shaded.

    Parameters
    ----------
    curve : DataFrame from :func:`~kamlab.concentration.lorenz_curve` (columns
        ``population_share``, ``value_share``).
    gini : the Gini coefficient (:func:`~kamlab.concentration.gini`), annotated when given.
    value : the value column behind the curve; used for labels.
    ax : Axes to draw on; a new 6×5 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    max_points : most points used to draw the curve (≥ 10).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    lang = resolve(lang)
    max_points = _check_max_points(max_points, "plot_lorenz")
    require_columns(curve, ["population_share", "value_share"], func="plot_lorenz")
    ax = _new_axes(ax, (6, 5))
    name = _value_name(value, lang)
    x = curve["population_share"].to_numpy(dtype="float64")
    y = curve["value_share"].to_numpy(dtype="float64")
    idx = _downsample(x.size, max_points)
    x, y = x[idx], y[idx]

    ax.plot([0, 1], [0, 1], ls="--", lw=1, color=_GREY, label=t("equality", lang))
    ax.fill_between(x, y, x, color=_BLUE, alpha=0.18, lw=0, label=t("lorenz.gap", lang))
    ax.plot(x, y, lw=2.2, color=_INK, label=column_label(value, lang), zorder=3)
    if gini is not None:
        at = 0.62
        mid = (at + np.interp(at, x, y)) / 2
        ax.text(at, mid, f"{t('gini', lang)} = {float(gini):.2f}", ha="center", va="center",
                fontsize=13, color=_INK, gid="gini",
                bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": _GREY, "alpha": 0.9})
    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, float(y.min())), 1.02)
    _percent_axis(ax, "x")
    _percent_axis(ax, "y")
    _tidy(ax, grid="both")
    ax.legend(loc="upper left", fontsize=10, frameon=False)
    _finish(ax, title=t("lorenz.title", lang, value=name), xlabel=t("lorenz.x", lang),
            ylabel=t("pareto.y", lang, value=name))
    return ax
