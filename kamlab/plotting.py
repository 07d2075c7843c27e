"""Charts for the workshop: every ``plot_*`` draws a result computed by the analysis modules.

Each chart takes the result first and ``ax=None, lang=None`` as keywords, draws on ``ax``
(a new figure when none is given) and returns that same Axes. Labels come from
:mod:`kamlab.i18n`, so one call draws English (``lang="en"``) or Chinese (``lang="zh"``).
Nothing here computes analysis beyond reshaping: pass the output of ``abc_classify``,
``lorenz_curve``, ``strategy_grid``, ``time_vs_value``, ``weight_sensitivity`` … .

Importing this module registers a Chinese font (:func:`use_cjk_font`), so Chinese titles
and tick labels render as glyphs rather than empty boxes. matplotlib is imported only here.
"""

from __future__ import annotations

import textwrap
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from kamlab._validate import require_columns
from kamlab.concentration import top_count
from kamlab.economics import (
    EVC,
    ContractValue,
    MarketClearing,
    ValueSplit,
    npv_summary,
)
from kamlab.exceptions import ParameterError
from kamlab.i18n import LABELS, column_label, resolve, t
from kamlab.proposal import ProposalScore
from kamlab.segmentation import STRATEGIES, STRATEGY_GRID, TWO_SIDED_GRID

__all__ = [
    "use_cjk_font", "CJK_FONT",
    "plot_pareto", "plot_lorenz", "plot_grid", "plot_strategy_grid",
    "plot_potential_share_grid", "plot_two_sided_grid", "plot_time_vs_value",
    "plot_segments", "plot_sensitivity", "plot_scores",
    "plot_levers", "plot_profit_bridge", "plot_funnel", "plot_conversion",
    "plot_value_creation",
    "plot_waterfall", "plot_cashflows", "plot_tornado", "plot_npv_distribution",
    "plot_cost_curve", "plot_bid_ranges", "plot_tco", "plot_value_split",
    "plot_proposal_gantt", "plot_proposal_score",
]

# ---------------------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------------------

#: Families tried first, best first; then any installed family whose name contains a hint.
_CJK_PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                  "WenQuanYi Zen Hei", "Noto Sans SC", "Microsoft YaHei", "PingFang SC",
                  "Heiti SC", "SimHei")
_CJK_HINTS = ("CJK", "WenQuanYi", "Hei", "Han Sans", "PingFang")
_FONT_HINT = ('No Chinese font found: Chinese chart labels will show as empty boxes. '
              'Install one with  pip install "noto-cjk[sans]"  (any system) or  '
              'apt-get install fonts-wqy-microhei  (Debian/Ubuntu), then restart the kernel.')
_warned_no_font = False


def _has_glyph(family: str, char: str = "客") -> bool:
    """Whether the file matplotlib resolves for ``family`` has a glyph for ``char``."""
    from matplotlib.ft2font import FT2Font

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family),
                                     fallback_to_default=False)
        font = FT2Font(path, face_index=getattr(path, "face_index", 0))
    except (ValueError, OSError, RuntimeError):
        return False
    return font.get_char_index(ord(char)) != 0


def _register_noto_cjk() -> None:
    """Add the font file of the PyPI package ``noto-cjk[sans]`` to matplotlib, if installed."""
    try:
        import noto_cjk

        path = str(noto_cjk.otc_path("sans"))
    except Exception:  # not installed, or the font package missing: fall back to the system
        return
    if not any(entry.fname == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)


def use_cjk_font() -> str | None:
    """Make Chinese text render in charts; return the CJK font family used, or None.

    Registers the Noto Sans CJK font of the PyPI package ``noto-cjk[sans]`` when it is
    installed, else looks for a system font (Debian ``fonts-wqy-microhei`` or
    ``fonts-noto-cjk``, and the usual Windows/macOS Chinese fonts). Then sets
    ``rcParams["font.family"] = ["DejaVu Sans", <family>]``: Latin text keeps DejaVu Sans
    and Chinese characters fall back to the CJK font. Called once when
    :mod:`kamlab.plotting` is imported; call it again after ``plt.rcdefaults()``.

    Returns
    -------
    str or None
        The CJK family name, or None (then one warning tells how to install a font).
    """
    global _warned_no_font
    _register_noto_cjk()
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    candidates = [f for f in _CJK_PREFERRED if f in names]
    candidates += sorted(n for n in names if any(h in n for h in _CJK_HINTS)
                         and "Mono" not in n and n not in candidates)
    family = next((f for f in candidates if _has_glyph(f)), None)
    if family is None:
        if not _warned_no_font:
            _warned_no_font = True
            warnings.warn(_FONT_HINT, UserWarning, stacklevel=2)
        return None
    mpl.rcParams["font.family"] = ["DejaVu Sans", family]
    # DejaVu Sans (first in the list) draws the minus sign, so axes.unicode_minus can stay.
    return family


#: The CJK family registered at import (None when no Chinese font was found).
CJK_FONT = use_cjk_font()

# ---------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------

_BLUE, _AMBER, _GREY, _GREEN, _RED, _INK = (
    "#1b6ca8", "#f2a541", "#9aa5b1", "#3c9d5d", "#c94c4c", "#1f2d3d")
_TIER_COLOURS = (_BLUE, _AMBER, _GREY, _GREEN, _RED, "#7b5ea7", "#5fa8d3", "#b07d48")
_STRATEGY_COLOURS = {
    "develop": _GREEN, "defend": _BLUE, "selective_defend": "#5fa8d3",
    "selective_maintain": _AMBER, "maintain_minimally": _GREY, "exit": _RED,
}
_SHARE_STRATEGY = {"R": "maintain", "D": "develop", "A": "open up"}  # seed 002
_BUBBLE_DY = 0.05  # grid bubbles sit just above the cell centre
_LABEL_SIZE = 11


def _new_axes(ax, figsize):
    """``ax`` itself, or the Axes of a new figure of ``figsize`` inches."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _label(key: str, lang: str, default: str, **fmt) -> str:
    """The i18n label for ``key`` when it exists, else ``default``."""
    return t(key, lang, **fmt) if key in LABELS else default


def _in_sentence(label: str, lang: str) -> str:
    """A label for use mid-sentence: 'Revenue' -> 'revenue' in English (not 'HHI')."""
    if lang == "en" and len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _value_name(value: str | None, lang: str) -> str:
    return _in_sentence(column_label(value, lang), lang) if value else t("accounts", lang)


def _pct(x: float, decimals: int | None = None) -> str:
    """A share as readable percent: 0.8 -> '80%', 0.083 -> '8.3%', 0.0006 -> '0.06%'."""
    v = 100.0 * float(x)
    if decimals is None:
        decimals = 0 if abs(v) >= 10 or v == 0 else 1 if abs(v) >= 1 else 2
    text = f"{v:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def _percent_axis(ax, axis: str = "y", *, decimals: int = 0) -> None:
    """Format an axis whose data are fractions (0–1) as percent."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(PercentFormatter(xmax=1.0, decimals=decimals))


def _tidy(ax, grid: str | None = "y") -> None:
    """Trainer style: no top/right frame, a light grid on the value axis, grid below data."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_axisbelow(True)
    if grid:
        ax.grid(axis=grid, color="#dddddd", linewidth=0.8)
    ax.tick_params(labelsize=10)


def _finish(ax, *, title: str, xlabel: str, ylabel: str, pad: float = 10) -> None:
    """Axis labels and title, at the sizes used throughout."""
    ax.set(xlabel=xlabel, ylabel=ylabel)
    ax.set_title(title, fontsize=13, pad=pad)
    ax.xaxis.label.set_size(_LABEL_SIZE)
    ax.yaxis.label.set_size(_LABEL_SIZE)


def _downsample(m: int, max_points: int, keep=()) -> np.ndarray:
    """At most ``max_points`` indices into ``range(m)``, evenly spaced, with the first, the
    last and every index in ``keep``."""
    keep = np.unique(np.asarray(keep, dtype="int64"))
    if m <= max_points:
        return np.arange(m)
    spaced = np.linspace(0, m - 1, max(2, max_points - keep.size)).round().astype("int64")
    return np.union1d(spaced, keep)


def _check_max_points(max_points, func: str) -> int:
    if not (isinstance(max_points, (int, np.integer)) and max_points >= 10):
        raise ParameterError(
            f"{func}(): max_points must be a whole number ≥ 10; got {max_points!r}.",
            max_points=max_points)
    return int(max_points)


def _order(values: pd.Series) -> list:
    """Category order of a column, worst first: an ordered categorical's own order, else sorted."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return list(values.cat.categories)
    return sorted(values.dropna().unique(), key=str)


def _bar_labels(ax, bars, values, *, size: float = 9) -> None:
    ax.bar_label(bars, labels=[_pct(v) for v in values], padding=2, fontsize=size)


def _grouped_bars(ax, categories, series, *, width: float = 0.8) -> None:
    """Bars of several share columns side by side per category, each labelled in percent.

    ``series`` is a list of (legend label, values, colour).
    """
    x = np.arange(len(categories))
    w = width / len(series)
    top = 0.0
    for i, (label, values, colour) in enumerate(series):
        values = np.asarray(values, dtype="float64")
        bars = ax.bar(x + (i - (len(series) - 1) / 2) * w, values, w * 0.92, label=label,
                      color=colour)
        _bar_labels(ax, bars, values)
        top = max(top, np.nanmax(values))
    ax.set_xticks(x, [str(c) for c in categories])
    ax.set_ylim(0, max(top * 1.22, 0.05))  # headroom for the legend and bar labels
    _percent_axis(ax, "y")
    ax.legend(frameon=False, fontsize=10, loc="upper left", ncols=len(series))


# ---------------------------------------------------------------------------------------
# Module 1: concentration
# ---------------------------------------------------------------------------------------

def plot_pareto(classified: pd.DataFrame, *, value: str = "revenue", ax=None, lang=None,
                max_points: int = 1500, tier: str = "abc", mark: float | None = 0.2,
                legend: bool = True):
    """Pareto (concentration) curve: cumulative share of value against share of accounts.

    Accounts run largest first along x; the dashed diagonal is "every account equal".
    When the table has ABC classes, each class's x-extent is shaded and labelled with its
    share of accounts and of value ("A: 20% of accounts, 80% of revenue"), and each class
    boundary is marked on the curve. Without classes, the point at the top ``mark`` share of
    accounts is annotated. The curve is drawn with at most ``max_points`` points, so 50,000
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
    mark : share of accounts to annotate when there are no classes (None: no mark).
    legend : draw the legend with each band's shares (dashboards that show them in a table
        turn it off: it is a third of the drawing time).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the shaded class bands have ``gid`` ``"band:<class>"``.
    """
    lang = resolve(lang)
    max_points = _check_max_points(max_points, "plot_pareto")
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

    if not bands and mark is not None:
        k = top_count(n, float(mark))
        _mark_point(ax, k / n, y[k], t("pareto.top", lang, accounts=_pct(k / n),
                                       share=_pct(y[k]), value=name), _BLUE)

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


def _mark_point(ax, x: float, y: float, text: str, colour) -> None:
    """A dot on a curve with its y value written beside it and a dotted guide to the y axis."""
    ax.plot([0, x], [y, y], ls=":", lw=1, color=colour)
    ax.plot([x], [y], "o", ms=6, color=colour, mec="white", zorder=4)
    ax.annotate(text, (x, y), xytext=(6, -14), textcoords="offset points", fontsize=10,
                color=_INK)


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


# ---------------------------------------------------------------------------------------
# Module 2: segmentation grids
# ---------------------------------------------------------------------------------------

def _category_label(column: str, category, lang: str) -> str:
    """Tick label for a grid category: '<column>.<cat>', then 'level.<cat>', then the text."""
    text = str(category)
    return _label(f"{column}.{text}", lang, _label(f"level.{text}", lang, text))


def plot_grid(df: pd.DataFrame, *, rows: str, cols: str, value: str | None = "revenue",
              ax=None, lang=None, cell_labels=None, cell_colors=None, title: str | None = None):
    """Bubble chart of a two-way segmentation grid: accounts and value in each cell.

    Rows and columns follow the category order of ``rows`` and ``cols`` (ordered
    categoricals from :mod:`kamlab.segmentation`), the best level at the top / right.
    Bubble area is proportional to the cell's total ``value`` (negative totals draw no
    bubble); each non-empty cell is annotated with its number of accounts and its share
    of the total.

    Parameters
    ----------
    df : one row per account with the two grid columns, e.g. the output of
        :func:`~kamlab.segmentation.strategy_grid` (``attractiveness_level`` ×
        ``relationship_level``), :func:`~kamlab.segmentation.potential_share_grid`
        (``potential_class`` × ``share_class``) or
        :func:`~kamlab.segmentation.two_sided_grid` (``customer_level`` × ``supplier_level``).
    rows, cols : the grid columns drawn as rows (y) and columns (x).
    value : the value column summed per cell; None sizes bubbles by number of accounts.
    ax : Axes to draw on; a new 7.5×6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    cell_labels : optional ``{(row_category, col_category): text}`` written at the top of
        each cell (e.g. the strategy for that cell).
    cell_colors : optional ``{(row_category, col_category): colour}`` tinting each cell.
    title : chart title; default "<rows> × <cols>".

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the bubbles are one collection with ``gid`` ``"bubbles"``, the cell
        annotations texts with ``gid`` ``"cell:<row>|<col>"``.
    """
    lang = resolve(lang)
    require_columns(df, [rows, cols] + ([value] if value else []), func="plot_grid")
    row_cats, col_cats = _order(df[rows]), _order(df[cols])
    weights = (pd.to_numeric(df[value], errors="coerce").to_numpy() if value
               else np.ones(len(df)))
    cells = (pd.DataFrame({"r": df[rows].to_numpy(), "c": df[cols].to_numpy(), "v": weights})
             .groupby(["r", "c"], observed=True, dropna=True)["v"].agg(["size", "sum"]))
    grand = cells["sum"].sum()
    ax = _new_axes(ax, (7.5, 6))
    name = _value_name(value, lang)

    # cell layout: name at the top, bubble in the middle, counts at the bottom; the
    # biggest cell's bubble is half the cell's smaller side across
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    cell_pts = 72 * min(box.width * fig_w / max(len(col_cats), 1),
                        box.height * fig_h / max(len(row_cats), 1))
    s_max = (0.5 * cell_pts) ** 2
    top = max(cells["sum"].clip(lower=0).max(), 0) if len(cells) else 0
    xs, ys, sizes = [], [], []
    for (r, c), (count, total) in cells.iterrows():
        i, j = row_cats.index(r), col_cats.index(c)
        xs.append(j)
        ys.append(i + _BUBBLE_DY)
        sizes.append(s_max * max(total, 0) / top if top > 0 else 0.0)
        lines = [t("grid.account", lang) if count == 1 else t("grid.accounts", lang, n=int(count))]
        if grand:
            lines.append(t("grid.share", lang, share=_pct(total / grand), value=name))
        ax.text(j, i - 0.44, "\n".join(lines), ha="center", va="bottom", fontsize=10,
                color=_INK, linespacing=1.3, gid=f"cell:{r}|{c}", zorder=4)
    ax.scatter(xs, ys, s=sizes, color=_BLUE, alpha=0.3, edgecolors=_BLUE, linewidths=1.2,
               gid="bubbles", zorder=3)

    for (r, c), text in (cell_labels or {}).items():
        if r in row_cats and c in col_cats:
            ax.text(col_cats.index(c), row_cats.index(r) + 0.44, text, ha="center", va="top",
                    fontsize=11, color=_INK, zorder=4)
    for (r, c), colour in (cell_colors or {}).items():
        if r in row_cats and c in col_cats:
            ax.add_patch(mpl.patches.Rectangle((col_cats.index(c) - 0.5, row_cats.index(r) - 0.5),
                                               1, 1, color=colour, alpha=0.12, lw=0, zorder=0))

    ax.set_xticks(range(len(col_cats)), [_category_label(cols, c, lang) for c in col_cats])
    ax.set_yticks(range(len(row_cats)), [_category_label(rows, r, lang) for r in row_cats])
    ax.set_xticks(np.arange(len(col_cats) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(row_cats) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#bbbbbb", linewidth=1)
    ax.tick_params(which="both", length=0, labelsize=10.5)
    ax.set_xlim(-0.5, len(col_cats) - 0.5)
    ax.set_ylim(-0.5, len(row_cats) - 0.5)
    for spine in ax.spines.values():
        spine.set_color("#bbbbbb")
    ax.annotate(t("grid.bubble", lang, value=name), (1.0, 0.0), xycoords="axes fraction",
                xytext=(0, -30), textcoords="offset points", ha="right", va="top",
                fontsize=9, color="#666666")
    rows_label, cols_label = column_label(rows, lang), column_label(cols, lang)
    _finish(ax, title=title or t("grid.by", lang, rows=rows_label, cols=cols_label),
            xlabel=cols_label, ylabel=rows_label)
    return ax


def plot_strategy_grid(gridded: pd.DataFrame, *, value: str | None = "revenue", ax=None,
                       lang=None, grid=None):
    """The attractiveness × relationship strategy grid (seed 001) with accounts per cell.

    Parameters
    ----------
    gridded : output of :func:`~kamlab.segmentation.strategy_grid`.
    value : the value column summed per cell; None sizes bubbles by number of accounts.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    grid : the cell → strategy mapping used; default
        :data:`~kamlab.segmentation.STRATEGY_GRID`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, each cell named with its strategy (:data:`~kamlab.segmentation.STRATEGIES`).
    """
    lang = resolve(lang)
    grid = STRATEGY_GRID if grid is None else grid
    which = 1 if lang == "zh" else 0
    labels = {cell: STRATEGIES[s][which] if s in STRATEGIES else str(s) for cell, s in grid.items()}
    colours = {cell: _STRATEGY_COLOURS[s] for cell, s in grid.items() if s in _STRATEGY_COLOURS}
    return plot_grid(gridded, rows="attractiveness_level", cols="relationship_level",
                     value=value, ax=ax, lang=lang, cell_labels=labels, cell_colors=colours,
                     title=t("strategy_grid.title", lang))


def plot_potential_share_grid(gridded: pd.DataFrame, *, value: str | None = "revenue", ax=None,
                              lang=None):
    """The potential × share-of-wallet grid (seed 002): cells R1 … A3 with their strategy.

    Parameters
    ----------
    gridded : output of :func:`~kamlab.segmentation.potential_share_grid`.
    value : the value column summed per cell; None sizes bubbles by number of accounts.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, each cell named e.g. "R1 · maintain" / "R1 · 维持".
    """
    lang = resolve(lang)
    labels = {(p, s): f"{s}{p} · {t('grid_strategy.' + strategy, lang)}"
              for s, strategy in _SHARE_STRATEGY.items() for p in ("1", "2", "3")}
    colours = {(p, s): c for s, c in zip("RDA", (_BLUE, _GREEN, _AMBER)) for p in ("1", "2", "3")}
    return plot_grid(gridded, rows="potential_class", cols="share_class", value=value, ax=ax,
                     lang=lang, cell_labels=labels, cell_colors=colours,
                     title=t("potential_share.title", lang))


def plot_two_sided_grid(gridded: pd.DataFrame, *, value: str | None = "revenue", ax=None,
                        lang=None):
    """The two-sided attractiveness 2x2 (seed 000) with each quadrant's strategy.

    Parameters
    ----------
    gridded : output of :func:`~kamlab.segmentation.two_sided_grid`.
    value : the value column summed per cell; None sizes bubbles by number of accounts.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    lang = resolve(lang)
    which = 1 if lang == "zh" else 0
    labels = {cell: names[which] for cell, names in TWO_SIDED_GRID.items()}
    return plot_grid(gridded, rows="customer_level", cols="supplier_level", value=value, ax=ax,
                     lang=lang, cell_labels=labels, title=t("two_sided.title", lang))


# ---------------------------------------------------------------------------------------
# Module 1–2: bars
# ---------------------------------------------------------------------------------------

def _tier_names(table: pd.DataFrame, lang: str) -> list[str]:
    if lang == "zh" and "tier_zh" in table.columns:
        return table["tier_zh"].astype(str).tolist()
    return [_label(f"abc.{x}", lang, _label(f"tier.{x}", lang, str(x))) for x in table["tier"]]


def plot_time_vs_value(tvv: pd.DataFrame, *, ax=None, lang=None, value_label: str | None = None):
    """Per tier: share of accounts, of salesperson time and of value, side by side.

    Parameters
    ----------
    tvv : output of :func:`~kamlab.segmentation.time_vs_value` (``tier``,
        ``accounts_share``, ``time_share``, ``value_share``), or a table without
        ``value_share`` such as :data:`~kamlab.segmentation.TYPICAL_PORTFOLIO` and
        :data:`~kamlab.segmentation.TIME_ALLOCATION`.
    ax : Axes to draw on; a new 8×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    value_label : what the value is, for the legend; default profit contribution (the
        default of ``time_vs_value``).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    lang = resolve(lang)
    require_columns(tvv, ["tier", "accounts_share", "time_share"], func="plot_time_vs_value")
    ax = _new_axes(ax, (8, 4.8))
    series = [(t("time_value.accounts", lang), tvv["accounts_share"], _GREY),
              (t("time_value.time", lang), tvv["time_share"], _AMBER)]
    if "value_share" in tvv.columns:
        name = _in_sentence(value_label or t("profit", lang), lang)
        series.append((t("time_value.value", lang, value=name), tvv["value_share"], _BLUE))
    _grouped_bars(ax, _tier_names(tvv, lang), series)
    _tidy(ax)
    _finish(ax, title=t("time_value.title", lang), xlabel=t("tier", lang),
            ylabel=t("share_pct", lang))
    return ax


def plot_segments(table: pd.DataFrame, *, ax=None, lang=None):
    """Segment economics (seed 002): share of customers, revenue and EBIT per segment.

    Parameters
    ----------
    table : one row per segment: ``segment`` (and ``segment_zh``), then any of
        ``customers_share``, ``revenue_share``, ``ebit_share`` (fractions).
    ax : Axes to draw on; a new 8×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language (``segment_zh`` names in zh).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    lang = resolve(lang)
    require_columns(table, ["segment"], func="plot_segments")
    parts = [("customers_share", "segments.customers", _GREY),
             ("revenue_share", "segments.revenue", _BLUE),
             ("ebit_share", "segments.ebit", _GREEN)]
    series = [(t(key, lang), table[col], colour) for col, key, colour in parts
              if col in table.columns]
    if not series:
        require_columns(table, ["customers_share", "revenue_share", "ebit_share"],
                        func="plot_segments")
    names = table["segment_zh" if lang == "zh" and "segment_zh" in table else "segment"]
    ax = _new_axes(ax, (8, 4.8))
    _grouped_bars(ax, names.astype(str).tolist(), series)
    _tidy(ax)
    _finish(ax, title=t("segments.title", lang), xlabel=t("segment", lang),
            ylabel=t("share_pct", lang))
    return ax


# ---------------------------------------------------------------------------------------
# Module 2: scoring
# ---------------------------------------------------------------------------------------

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


_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团", " Co., Ltd.", " Co. Ltd.",
                " Ltd.", " Inc.")


def _short_name(name: str, limit: int = 28) -> str:
    """A company name for a tick label: legal form dropped ("…有限公司"), long names cut."""
    for form in _LEGAL_FORMS:
        if name.endswith(form) and len(name) > len(form) + 1:
            name = name[: -len(form)]
            break
    return name if len(name) <= limit else name[: limit - 1] + "…"


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


# ---------------------------------------------------------------------------------------
# Module 3: opportunities
# ---------------------------------------------------------------------------------------

_FUNNEL_ORDER = ("Identified", "Contacted", "Qualified", "Developed", "Committed", "Won", "Lost")
_LEVER_COLUMNS = (("price", "price_impact", "+"), ("volume", "volume_impact", "+"),
                  ("unit cost", "unit_cost_impact", "−"),
                  ("cost to serve", "cost_to_serve_impact", "−"))


def _strip_zero(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cny(v: float, lang: str, *, signed: bool = False) -> str:
    """Money for a label: 'CNY 8,000', 'CNY 62.2m' / '8,000元', '6,220万元'."""
    v = float(v)
    sign = "+" if signed and v > 0 else "−" if v < 0 else ""
    a = abs(v)
    if lang == "zh":
        digits = 0 if a >= 1e7 else 1
        text = (f"{_strip_zero(f'{a / 1e4:,.{digits}f}')}万元" if a >= 1e6 else f"{a:,.0f}元")
        return sign + text
    text = f"CNY {_strip_zero(f'{a / 1e6:,.1f}')}m" if a >= 1e6 else f"CNY {a:,.0f}"
    return sign + text


def _cny_scaled(v: float, lang: str, top: float) -> str:
    """Money on the scale of ``top`` (the chart's largest value): 'CNY 0.40m' beside 'CNY 3.87m'."""
    if abs(top) < 1e6:
        return _cny(v, lang)
    v = float(v)
    sign = "−" if v < 0 else ""
    if lang == "zh":
        digits = 0 if top >= 1e7 else 1
        return f"{sign}{abs(v) / 1e4:,.{digits}f}万元"
    digits = 1 if top >= 1e7 else 2
    return f"{sign}CNY {abs(v) / 1e6:,.{digits}f}m"


def _money_axis(ax, top: float, lang: str, axis: str = "x") -> str:
    """Tick labels in CNY, or CNY m (zh: 万元) once values reach a million; returns the unit
    label. The data stay in CNY: only the tick labels are scaled."""
    big = abs(top) >= 1e6
    scale = (1e4 if lang == "zh" else 1e6) if big else 1.0
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: _strip_zero(f"{v / scale:,.2f}")))
    return t(("unit.cny_10k" if lang == "zh" else "unit.cny_m") if big else "unit.cny", lang)


def _stage_label(stage, lang: str) -> str:
    return _label(f"stage.{stage}", lang, str(stage))


def _lever_table(impact, func: str) -> pd.DataFrame:
    """``lever_impact`` output, or one ``account_levers`` row, as rows of lever,
    ``move``, ``profit_change``, ``pct_change`` and ``base_profit`` (NaN when unknown)."""
    if isinstance(impact, pd.DataFrame) and "profit_change" not in impact.columns \
            and len(impact) == 1:
        impact = impact.iloc[0]
    if isinstance(impact, pd.Series):  # one account_levers row
        missing = [c for _, c, _ in _LEVER_COLUMNS if c not in impact.index]
        if missing:
            require_columns(impact.to_frame().T, [c for _, c, _ in _LEVER_COLUMNS], func=func)
        base = np.nan
        if {"gross_margin", "cost_to_serve"} <= set(impact.index):
            base = float(impact["gross_margin"]) - float(impact["cost_to_serve"])
        rows = [(lever, f"{sign}1%", float(impact[col])) for lever, col, sign in _LEVER_COLUMNS]
        out = pd.DataFrame(rows, columns=["lever", "move", "profit_change"])
        out["base_profit"] = base
        out["pct_change"] = out["profit_change"] / abs(base) if base else np.nan
        return out.sort_values("profit_change", ascending=False, kind="stable")
    require_columns(impact, ["lever", "profit_change"], func=func)
    out = impact.copy()
    if "move" not in out:
        out["move"] = ""
    if "base_profit" not in out:
        out["base_profit"] = np.nan
    if "pct_change" not in out:
        base = out["base_profit"].astype("float64")
        out["pct_change"] = out["profit_change"] / base.abs().where(base != 0)
    return out


def _lever_name(row, lang: str, sep: str = " ") -> str:
    if lang == "zh" and isinstance(row.get("lever_zh"), str):
        name = row["lever_zh"]
    else:
        name = _label(f"lever.{row['lever']}", lang, str(row["lever"]))
    return f"{name}{sep}{row['move']}".strip()


def _move_pct(table: pd.DataFrame) -> str:
    moves = table["move"].astype(str).str.lstrip("+−-").unique()
    return moves[0] if len(moves) == 1 and moves[0] else "1%"


def plot_levers(impact, *, ax=None, lang=None):
    """Tornado of the profit levers: profit gained by a 1% move of each, biggest at the top.

    Each bar is the change in profit contribution (CNY per year) from moving one lever by
    the given step (price +1%, volume +1%, unit cost −1%, cost to serve −1%), labelled in
    CNY and in percent of the base profit. With a thin margin, price beats volume many
    times over (seed 000, "提高利润率的潜在杠杆").

    Parameters
    ----------
    impact : output of :func:`~kamlab.opportunities.lever_impact`, or one row (Series or
        one-row DataFrame) of :func:`~kamlab.opportunities.account_levers`.
    ax : Axes to draw on; a new 7.5×3.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; each bar has ``gid`` ``"lever:<lever>"``.
    """
    lang = resolve(lang)
    table = _lever_table(impact, "plot_levers")
    table = table.iloc[np.argsort(table["profit_change"].to_numpy(dtype="float64"),
                                  kind="stable")]  # ascending: largest drawn last = on top
    ax = _new_axes(ax, (7.5, 0.55 * len(table) + 2.0))
    values = table["profit_change"].to_numpy(dtype="float64")
    y = np.arange(len(table))
    top = values.argmax() if len(values) else -1
    colours = [_BLUE if i == top else "#8fb8d8" for i in range(len(values))]
    bars = ax.barh(y, values, height=0.62, color=colours)
    for bar, lever in zip(bars, table["lever"]):
        bar.set_gid(f"lever:{lever}")
    labels = []
    for v, p in zip(values, table["pct_change"].to_numpy(dtype="float64")):
        text = _cny(v, lang, signed=True)
        labels.append(text if np.isnan(p) else f"{text} ({'+' if p > 0 else ''}{_pct(p)})")
    ax.bar_label(bars, labels=labels, padding=4, fontsize=10)
    reach = max(float(np.nanmax(np.abs(values))) if len(values) else 0.0, 1.0)
    ax.set_xlim(min(0.0, float(np.nanmin(values)) * 1.45) if len(values) else 0, reach * 1.45)
    ax.axvline(0, color=_INK, lw=1)
    ax.set_yticks(y, [_lever_name(row, lang) for _, row in table.iterrows()])
    unit = _money_axis(ax, reach, lang, "x")
    _tidy(ax, grid="x")
    base = table["base_profit"].astype("float64")
    if base.notna().any():
        ax.annotate(t("levers.base", lang, base=_cny(base.dropna().iloc[0], lang)), (1.0, 0.0),
                    xycoords="axes fraction", xytext=(0, 4), textcoords="offset points",
                    ha="right", va="bottom", fontsize=9.5, color="#555555")
    _finish(ax, title=t("levers.title", lang, pct=_move_pct(table)),
            xlabel=t("levers.x", lang, unit=unit), ylabel=t("levers.y", lang))
    return ax


def plot_profit_bridge(impact, *, ax=None, lang=None):
    """Waterfall from the base profit, through each lever's gain, to all levers moved.

    The first and last bars (base profit, all levers moved) stand on zero; each lever's
    gain floats from the running total. The total is the base plus the single-lever gains
    (price × volume interactions, a second-order effect, are left out).

    Parameters
    ----------
    impact : output of :func:`~kamlab.opportunities.lever_impact` (``base_profit`` needed),
        or one row of :func:`~kamlab.opportunities.account_levers` with ``gross_margin``
        and ``cost_to_serve``.
    ax : Axes to draw on; a new 8×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"bridge:base"``, ``"bridge:<lever>"``, ``"bridge:total"``.
    """
    lang = resolve(lang)
    func = "plot_profit_bridge"
    table = _lever_table(impact, func)
    base = table["base_profit"].astype("float64").dropna()
    if base.empty:
        raise ParameterError(f"{func}(): the base profit is unknown; pass lever_impact(...) or "
                             "an account_levers row with gross_margin and cost_to_serve.")
    base = float(base.iloc[0])
    gains = table["profit_change"].to_numpy(dtype="float64")
    total = base + float(np.nansum(gains))
    ax = _new_axes(ax, (8, 4.8))
    n = len(gains)
    x = np.arange(n + 2)
    bottoms = base + np.concatenate([[0.0], np.cumsum(gains)[:-1]]) if n else np.array([])
    ax.bar(0, base, 0.62, color=_INK, gid="bridge:base")
    for i, (g, b, lever) in enumerate(zip(gains, bottoms, table["lever"]), start=1):
        ax.bar(i, g, 0.62, bottom=b, color=_GREEN if g >= 0 else _RED, gid=f"bridge:{lever}")
    ax.bar(n + 1, total, 0.62, color=_BLUE, gid="bridge:total")
    levels = np.concatenate([[base], bottoms + gains, [total]]) if n else np.array([base, total])
    for i in range(n + 1):  # dotted connectors from each bar's top to the next bar
        ax.plot([i + 0.31, i + 0.69], [levels[i], levels[i]], ls=":", lw=1, color=_GREY)
    texts = ([_cny(base, lang)] + [_cny(g, lang, signed=True) for g in gains]
             + [_cny(total, lang)])
    tops = np.concatenate([[base], np.maximum(bottoms, bottoms + gains), [total]])
    for i, (xi, top, text) in enumerate(zip(x, tops, texts)):
        below = top < 0 and i in (0, n + 1)  # a loss: label the total under its bar
        ax.annotate(text, (xi, top), xytext=(0, -3 if below else 3), textcoords="offset points",
                    ha="center", va="top" if below else "bottom", fontsize=10)
    names = [t("bridge.base", lang)]
    names += [_lever_name(row, lang, "\n") for _, row in table.iterrows()]
    names += [t("bridge.total", lang)]
    ax.set_xticks(x, names)
    lo = min(0.0, base, total, float(np.nanmin(levels)))
    hi = max(0.0, base, total, float(np.nanmax(levels)))
    ax.set_ylim(lo * 1.12, hi * 1.12 if hi > 0 else 1.0)
    ax.axhline(0, color=_INK, lw=0.8)
    unit = _money_axis(ax, hi, lang, "y")
    _tidy(ax, grid="y")
    ax.annotate(t("bridge.note", lang), (0.0, 0.0), xycoords="axes fraction", xytext=(0, -40),
                textcoords="offset points", ha="left", va="top", fontsize=9, color="#666666")
    _finish(ax, title=t("bridge.title", lang), xlabel="",
            ylabel=t("bridge.y", lang, unit=unit))
    return ax


def _stage_rank(stage) -> int:
    return _FUNNEL_ORDER.index(stage) if stage in _FUNNEL_ORDER else len(_FUNNEL_ORDER)


def plot_funnel(pipeline: pd.DataFrame, *, ax=None, lang=None):
    """The sales funnel: open pipeline value per stage, Identified at the top.

    Per stage a light bar shows the total value of the open deals and a dark bar inside it
    the value weighted by the stage probability; the stage label carries the number of
    deals (and the probability), the bar end the two values (seed 002, "漏斗管理系统").

    Parameters
    ----------
    pipeline : output of :func:`~kamlab.opportunities.weighted_pipeline` by stage
        (``stage``, ``deals``, ``value``, ``weighted_value``; ``probability`` optional).
        A table grouped by stage and another column is summed per stage.
    ax : Axes to draw on; a new 8×4.6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"funnel:value:<stage>"`` and
        ``"funnel:weighted:<stage>"``.
    """
    lang = resolve(lang)
    require_columns(pipeline, ["stage", "deals", "value", "weighted_value"], func="plot_funnel")
    stages = pipeline["stage"].astype("object")
    table = (pipeline.assign(stage=stages)
             .groupby("stage", sort=False)[["deals", "value", "weighted_value"]].sum())
    if "probability" in pipeline.columns and pipeline["stage"].is_unique:
        table["probability"] = pipeline.set_index(stages)["probability"]
    table = table.loc[sorted(table.index, key=_stage_rank)]
    ax = _new_axes(ax, (8, 0.62 * len(table) + 2.2))
    y = np.arange(len(table))[::-1]  # first stage (Identified) at the top
    value = table["value"].to_numpy(dtype="float64")
    weighted = table["weighted_value"].to_numpy(dtype="float64")
    vb = ax.barh(y, value, height=0.72, color="#b9d3e8", label=t("funnel.value", lang))
    wb = ax.barh(y, weighted, height=0.40, color=_BLUE, label=t("funnel.weighted", lang))
    for stage, b1, b2 in zip(table.index, vb, wb):
        b1.set_gid(f"funnel:value:{stage}")
        b2.set_gid(f"funnel:weighted:{stage}")
    for yi, v, w in zip(y, value, weighted):
        ax.annotate(t("funnel.bar", lang, value=_cny(v, lang), weighted=_cny(w, lang)),
                    (v, yi), xytext=(5, 0), textcoords="offset points", va="center",
                    fontsize=9.5)
    ticks = []
    for stage, row in table.iterrows():
        deals = int(row["deals"])
        count = t("funnel.deal", lang) if deals == 1 else t("funnel.deals", lang, n=deals)
        prob = row.get("probability", np.nan)
        extra = f" · p={_pct(prob)}" if pd.notna(prob) else ""
        ticks.append(f"{_stage_label(stage, lang)}\n{count}{extra}")
    ax.set_yticks(y, ticks)
    top = float(np.nanmax(value)) if len(value) else 1.0
    ax.set_xlim(0, max(top, 1.0) * 1.5)
    unit = _money_axis(ax, top, lang, "x")
    _tidy(ax, grid="x")
    ax.legend(loc="lower right", fontsize=9.5, frameon=False)
    ax.annotate(t("funnel.total", lang, value=_cny(np.nansum(value), lang),
                  weighted=_cny(np.nansum(weighted), lang)),
                (1.0, 1.0), xycoords="axes fraction", xytext=(0, 2), textcoords="offset points",
                ha="right", va="bottom", fontsize=9.5, color="#555555")
    _finish(ax, title=t("funnel.title", lang), xlabel=t("funnel.x", lang, unit=unit),
            ylabel=t("funnel.y", lang), pad=18)
    return ax


def plot_conversion(rates: pd.DataFrame, *, ax=None, lang=None):
    """Conversion per funnel step, the leakiest step (lowest rate) highlighted.

    One bar per step (Identified → Contacted … Committed → Won), labelled with the rate and
    the deals behind it; a line shows the cumulative conversion from Identified.

    Parameters
    ----------
    rates : output of :func:`~kamlab.opportunities.conversion_rates` for one group
        (``from_stage``, ``to_stage``, ``rate``; ``cumulative``, ``entered`` and
        ``converted`` optional).
    ax : Axes to draw on; a new 8.5×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"conversion:<from>"``, the highlighted one
        ``"conversion:<from>|leakiest"``.
    """
    lang = resolve(lang)
    func = "plot_conversion"
    require_columns(rates, ["from_stage", "to_stage", "rate"], func=func)
    if rates["from_stage"].astype("object").duplicated().any():
        raise ParameterError(f"{func}(): one row per step expected; conversion_rates(..., by=...) "
                             "gives one set per group: select one group first.")
    table = rates.iloc[np.argsort([_stage_rank(s) for s in rates["from_stage"]], kind="stable")]
    r = table["rate"].to_numpy(dtype="float64")
    ax = _new_axes(ax, (8.5, 4.8))
    x = np.arange(len(table))
    leak = int(np.nanargmin(r)) if np.isfinite(r).any() else -1
    colours = [_RED if i == leak else _BLUE for i in range(len(r))]
    bars = ax.bar(x, np.nan_to_num(r), 0.62, color=colours, label=t("conversion.rate", lang))
    for i, (bar, src) in enumerate(zip(bars, table["from_stage"])):
        bar.set_gid(f"conversion:{src}" + ("|leakiest" if i == leak else ""))
    labels = []
    for i, v in enumerate(r):
        text = "–" if np.isnan(v) else _pct(v)
        if {"converted", "entered"} <= set(table.columns):
            text += f"\n{int(table['converted'].iloc[i])}/{int(table['entered'].iloc[i])}"
        labels.append(text)
    ax.bar_label(bars, labels=labels, padding=5, fontsize=9.5)
    if "cumulative" in table.columns:
        ax.plot(x, table["cumulative"].to_numpy(dtype="float64"), "o--", color=_AMBER, lw=1.6,
                ms=5, label=t("conversion.cumulative", lang), zorder=3)
    if leak >= 0:
        ax.annotate(t("conversion.leakiest", lang, rate=_pct(r[leak])), (x[leak], r[leak]),
                    xytext=(0, 34), textcoords="offset points", ha="center", va="bottom",
                    fontsize=10.5, color=_RED)
    arrow = "→"
    ax.set_xticks(x, [f"{_stage_label(a, lang)}{arrow}\n{_stage_label(b, lang)}"
                      for a, b in zip(table["from_stage"], table["to_stage"])])
    ax.set_ylim(0, 1.3)
    ax.set_yticks(np.linspace(0, 1, 6))
    _percent_axis(ax, "y")
    _tidy(ax, grid="y")
    ax.legend(loc="upper right", fontsize=9.5, frameon=False, ncols=2)
    _finish(ax, title=t("conversion.title", lang), xlabel=t("conversion.x", lang),
            ylabel=t("conversion.y", lang))
    return ax


def plot_value_creation(table: pd.DataFrame, *, unit: str = "business_unit", ax=None, lang=None):
    """Value-creation index per business unit (best = 100), each with its weakest factor.

    Value created = market share × proposal win rate × value per won order (seed 000);
    the bar is ``index_vs_best``, the label names the factor that holds the unit back most
    (lowest ``<factor>_index``).

    Parameters
    ----------
    table : output of :func:`~kamlab.opportunities.value_creation`.
    unit : the unit column.
    ax : Axes to draw on; a new 8×4.4 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"value_creation:<unit>"``.
    """
    lang = resolve(lang)
    require_columns(table, [unit, "index_vs_best"], func="plot_value_creation")
    index = table["index_vs_best"].to_numpy(dtype="float64")
    order = np.argsort(np.nan_to_num(index, nan=-np.inf), kind="stable")
    rows = table.iloc[order]  # ascending, units without data at the bottom, best on top
    idx = rows["index_vs_best"].to_numpy(dtype="float64")
    ax = _new_axes(ax, (8, 0.55 * len(rows) + 2.0))
    y = np.arange(len(rows))
    best = len(rows) - 1
    bars = ax.barh(y, np.nan_to_num(idx), height=0.62,
                   color=[_GREEN if i == best else _BLUE for i in range(len(rows))])
    factors = [f for f in ("market_share", "win_rate", "value_per_order")
               if f"{f}_index" in rows.columns]
    labels = []
    for i, (bar, (_, row)) in enumerate(zip(bars, rows.iterrows())):
        bar.set_gid(f"value_creation:{row[unit]}")
        if np.isnan(idx[i]):
            labels.append(t("value_creation.na", lang))
            continue
        text = f"{idx[i]:.0f}"
        scores = {f: row[f"{f}_index"] for f in factors if pd.notna(row[f"{f}_index"])}
        if scores and min(scores.values()) < 100:
            weakest = min(scores, key=scores.get)
            sep = "  ·  " if lang == "en" else " · "
            text += sep + t("value_creation.weakest", lang, factor=t(f"factor.{weakest}", lang))
        labels.append(text)
    ax.bar_label(bars, labels=labels, padding=4, fontsize=10)
    ax.axvline(100, color=_GREY, lw=1, ls="--")
    ax.set_xlim(0, 150)
    ax.set_xticks(np.arange(0, 101, 20))
    ax.set_yticks(y, [_short_name(str(u)) for u in rows[unit]])
    _tidy(ax, grid="x")
    _finish(ax, title=t("value_creation.title", lang), xlabel=t("value_creation.x", lang),
            ylabel=t("value_creation.y", lang))
    return ax


# ---------------------------------------------------------------------------------------
# Module 4: proposal economics
# ---------------------------------------------------------------------------------------

def _text(value, lang: str, default: str, **fmt) -> str:
    """A label given as an i18n key or as literal text (its ``{placeholders}`` filled from
    ``fmt`` too); the key ``default`` when None."""
    key = default if value is None else value
    if key in LABELS:
        return t(key, lang, **fmt)
    try:
        return str(key).format(**fmt) if fmt else str(key)
    except (KeyError, IndexError, ValueError):  # braces that are not placeholders
        return str(key)


def _plain(v, *, signed: bool = False, decimals: int | None = None) -> str:
    """A per-unit price or a quantity with thousands separators: 36120.4 -> '36,120',
    94.5 -> '94.5', -11 -> '−11' (with ``signed``, 29 -> '+29'). Not scaled to 万/m."""
    v = float(v)
    if not np.isfinite(v):
        return "–"
    a = abs(v)
    if decimals is None:
        decimals = 0 if a >= 1000 else 1 if a >= 10 else 2
    text = _strip_zero(f"{a:,.{decimals}f}")
    sign = "−" if v < 0 and text != "0" else "+" if signed and v > 0 else ""
    return sign + text


def _signed_pct(x: float) -> str:
    """A change in percent with its sign: −0.049 -> '−4.9%', 0.1 -> '+10%'."""
    x = float(x)
    text = _pct(abs(x))
    return ("−" if x < 0 and text != "0%" else "+" if x > 0 else "") + text


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _wrap(text, width: int, max_lines: int | None = None) -> str:
    """A tick label in lines of about ``width`` Latin characters (a CJK character counts
    as two); Chinese without spaces is split into lines of equal length. With
    ``max_lines`` the rest is cut and marked with '…'."""
    text = str(text)
    if _has_cjk(text) and " " not in text:
        weight = [2 if _has_cjk(ch) else 1 for ch in text]
        target = sum(weight) / max(1, -(-sum(weight) // width))  # balanced line weight
        lines, line, used = [], "", 0
        for ch, w in zip(text, weight):
            if line and used + w > target + 1:
                lines.append(line)
                line, used = "", 0
            line, used = line + ch, used + w
        lines.append(line)
    else:
        lines = textwrap.wrap(text, width, break_long_words=False) or [text]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,;:") + "…"
    return "\n".join(lines)


def _plain_axis(ax, axis: str = "y") -> None:
    """Tick labels with thousands separators (per-unit prices, capacities)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: _plain(v)))


def _text_pts(text: str, fontsize: float) -> float:
    """Estimated length of one line of text in points: Latin ≈ 0.6 em, CJK ≈ 1 em."""
    return sum(fontsize if _has_cjk(ch) else 0.6 * fontsize for ch in text)


def _fits(ax, text: str, width_data: float, fontsize: float) -> tuple[bool, float]:
    """Whether ``text`` fits across a bar ``width_data`` x-units wide, and the bar's
    width in points (from the Axes' current size and x limits)."""
    length = _text_pts(text, fontsize)
    lo, hi = ax.get_xlim()
    axes_pts = ax.get_position().width * ax.figure.get_size_inches()[0] * 72
    bar_pts = abs(width_data) / max(abs(hi - lo), 1e-12) * axes_pts
    return bar_pts >= length + 6, bar_pts


def _ink_on(colour) -> str:
    """White or dark text, whichever reads better on ``colour``."""
    r, g, b = mpl.colors.to_rgb(colour)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.6 else _INK


def _below_legend(ax, handles, ncols: int, *, gap: float = 0.6) -> None:
    """A legend centred ``gap`` inches under the axes (below the x label), clear of the
    data (as plot_scores does)."""
    dy = -gap / max(ax.get_position().height * ax.figure.get_size_inches()[1], 0.5)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, dy),
              ncols=max(1, ncols), fontsize=9.5, frameon=False)


# --- waterfall --------------------------------------------------------------------------

#: First label of a waterfall table -> (title key, y-label key, unit key): the tables of
#: pocket_price_waterfall and evc(...).components get their own titles; anything else is
#: read as the negotiation case of erosion_waterfall (seed 000, 价值逐轮减少).
_WATERFALL_PRESETS = {
    "List price": ("waterfall.pocket.title", "waterfall.price_y", "unit.cny_per_unit"),
    "Reference product price": ("waterfall.evc.title", "waterfall.value_y",
                                "unit.cny_per_unit"),
}
_WATERFALL_DEFAULT = ("waterfall.title", "waterfall.y", "unit.index_100")


def _value_formatter(value_format, func: str):
    if value_format is None:
        return _plain
    if callable(value_format):
        return lambda v: str(value_format(v))
    if isinstance(value_format, str):
        try:
            value_format.format(1.5)
        except (ValueError, IndexError, KeyError):
            raise ParameterError(
                f"{func}(): value_format must be a format string such as '{{:,.1f}}' or a "
                f"function of the value; got {value_format!r}.") from None
        return value_format.format
    raise ParameterError(f"{func}(): value_format must be a format string such as '{{:,.1f}}' "
                         f"or a function of the value; got {type(value_format).__name__}.")


def _waterfall_table(steps, func: str) -> pd.DataFrame:
    for name in ("components", "steps"):  # an EVC result, or one with a .steps waterfall
        table = getattr(steps, name, None)
        if isinstance(table, pd.DataFrame):
            steps = table
            break
    if not isinstance(steps, pd.DataFrame):
        raise ParameterError(
            f"{func}(): pass the table of erosion_waterfall(...), pocket_price_waterfall(...) "
            f"or evc(...).components; got {type(steps).__name__}.", got=type(steps).__name__)
    require_columns(steps, ["label", "kind", "start", "end"], func=func)
    return steps


def _step_names(table: pd.DataFrame, lang: str) -> list[str]:
    names = table["label"].astype(str).tolist()
    if lang == "zh" and "label_zh" in table.columns:
        names = [zh if isinstance(zh, str) and zh else en
                 for en, zh in zip(names, table["label_zh"])]
    return names


def plot_waterfall(steps, *, ax=None, lang=None, title=None, ylabel=None, unit=None,
                   value_format=None):
    """Waterfall: a starting level, the changes that move it, and subtotals on the way.

    Start and subtotal bars stand on zero in blue; a fall floats from the running total
    down in red, a rise up in green; thin lines join each bar's end to the next bar. Each
    bar carries its value: the change with its sign, or the level reached.

    Parameters
    ----------
    steps : output of :func:`~kamlab.economics.erosion_waterfall`,
        :func:`~kamlab.economics.pocket_price_waterfall` or ``evc(...).components`` (an
        :class:`~kamlab.economics.EVC` itself, or any result with such a table as
        ``.steps``, works too): ``label``, ``kind``
        (start/change/subtotal), ``start``, ``end``; ``label_zh`` for Chinese names.
    ax : Axes to draw on; a new figure (about 1 in per bar) when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    title, ylabel, unit : an i18n key or literal text. Defaults follow the table: the
        negotiation case (seed 000, 价值逐轮减少), indexed when it starts at 100, else in
        CNY (axis and values in CNY m / 万元 once they reach a million); the
        pocket-price waterfall ("List price" first) or the EVC ("Reference product
        price" first), both per unit in CNY. ``ylabel`` may use ``{unit}``.
    value_format : format string (``"{:,.1f}"``) or function for the bar values;
        default thousands separators (36,120; 94.5), or CNY amounts as above.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bar i has ``gid`` ``"waterfall:<i>"`` and spans ``start`` to ``end``.

    >>> from kamlab.economics import NEGOTIATION_ROUNDS, erosion_waterfall
    >>> ax = plot_waterfall(erosion_waterfall(NEGOTIATION_ROUNDS), lang="en")
    >>> [round(p.get_y() + p.get_height()) for p in ax.patches][:4]
    [100, 89, 51, 16]
    >>> plt.close("all")
    """
    lang = resolve(lang)
    func = "plot_waterfall"
    table = _waterfall_table(steps, func)
    fmt = _value_formatter(value_format, func)
    title_key, y_key, unit_key = _WATERFALL_PRESETS.get(
        str(table["label"].iloc[0]) if len(table) else "", _WATERFALL_DEFAULT)
    n = len(table)
    ax = _new_axes(ax, (max(6.5, 0.95 * n + 2.2), 4.8))
    kind = table["kind"].astype(str).to_numpy()
    start = table["start"].to_numpy(dtype="float64")
    end = table["end"].to_numpy(dtype="float64")
    # the negotiation case in CNY rather than indexed to 100: money labels and axis
    money = (title_key == "waterfall.title" and n > 0 and not np.isclose(end[0], 100)
             and unit is None and value_format is None)
    if money:
        title_key = "waterfall.title_cny"

        top = float(np.nanmax(np.abs(end))) if n else 0.0

        def fmt(v):  # one scale for every bar, so −0.4m sits beside 3.9m
            return _cny_scaled(v, lang, top)
    level = kind != "change"
    x = np.arange(n)
    w = 0.62
    colours = np.where(level, _BLUE, np.where(end >= start, _GREEN, _RED))
    bars = ax.bar(x, end - start, w, bottom=start, color=colours)
    for i, bar in enumerate(bars):
        bar.set_gid(f"waterfall:{i}")
    for i in range(n - 1):  # connectors: bar i's end -> bar i + 1
        ax.plot([x[i] + w / 2, x[i + 1] - w / 2], [end[i], end[i]], color="#8a8a8a", lw=0.8,
                gid=f"waterfall:connector:{i}")
    for i in range(n):
        change = end[i] - start[i]
        text = fmt(end[i]) if level[i] else fmt(change)
        if not level[i] and change > 0 and not text.startswith("+"):
            text = "+" + text
        up = end[i] >= start[i]
        ax.annotate(text, (x[i], max(start[i], end[i]) if up else min(start[i], end[i])),
                    xytext=(0, 3 if up else -3), textcoords="offset points", ha="center",
                    va="bottom" if up else "top", fontsize=10, gid=f"waterfall:value:{i}")
    levels = np.r_[start, end, 0.0]
    lo, hi = float(np.nanmin(levels)), float(np.nanmax(levels))
    pad = 0.1 * ((hi - lo) or 1.0)
    ax.set_ylim(lo - pad if lo < 0 else 0.0, hi + pad)
    if lo < 0:
        ax.axhline(0, color=_INK, lw=0.8)
    ax.set_xticks(x, [_wrap(s, 12 if n <= 10 else 10) for s in _step_names(table, lang)])
    ax.set_xlim(-0.6, n - 0.4)
    if money:
        unit_text = _money_axis(ax, max(abs(lo), abs(hi)), lang, "y")
    else:
        _plain_axis(ax, "y")
        unit_text = _text(unit, lang, unit_key)
    _tidy(ax, grid="y")
    _finish(ax, title=_text(title, lang, title_key), xlabel="",
            ylabel=_text(ylabel, lang, y_key, unit=unit_text))
    return ax


# --- contract value ---------------------------------------------------------------------

def _payback(pv: np.ndarray, cum: np.ndarray):
    """(year, x) where the cumulative PV first turns from negative to ≥ 0, or None; x is
    where the drawn line crosses zero."""
    for k in range(1, len(cum)):
        if cum[k - 1] < 0 <= cum[k]:
            return k, (k - 1) + (-cum[k - 1]) / pv[k]
    return None


def plot_cashflows(cv, *, ax=None, lang=None, price_unit=None):
    """A contract's present value year by year, the cumulative line and its NPV box.

    Bars are each year's cash flow discounted to today (year 0 is the up-front
    investment, red); the line adds them up, so it ends at the NPV and crosses zero in
    the (discounted) break-even year, marked with a diamond. A box gives the NPV, the IRR
    and the walk-away price (NPV = 0) against the first-year price.

    Parameters
    ----------
    cv : result of :func:`~kamlab.economics.contract_value`.
    ax : Axes to draw on; a new 8×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    price_unit : unit of the prices, an i18n key or text; default "CNY/unit"
        (``"unit.cny_per_t"`` gives CNY/t, 元/吨).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"cashflow:<year>"``, the line ``"cashflow:cumulative"``,
        the break-even marker ``"cashflow:breakeven"``, the box ``"cashflow:summary"``.
    """
    lang = resolve(lang)
    func = "plot_cashflows"
    if not isinstance(cv, ContractValue):
        raise ParameterError(f"{func}(): pass the result of contract_value(...); got "
                             f"{type(cv).__name__}.", got=type(cv).__name__)
    cf = cv.cashflows
    years = cf["year"].to_numpy(dtype="int64")
    pv = cf["present_value"].to_numpy(dtype="float64")
    cum = cf["cumulative_pv"].to_numpy(dtype="float64")
    ax = _new_axes(ax, (max(8.0, 0.5 * len(years) + 4.5), 4.8))
    bars = ax.bar(years, pv, 0.6, color=[_RED if v < 0 else _BLUE for v in pv])
    for year, bar in zip(years, bars):
        bar.set_gid(f"cashflow:{year}")
    ax.plot(years, cum, "o-", color=_AMBER, lw=2, ms=5, mec="white", zorder=3,
            gid="cashflow:cumulative")
    ax.axhline(0, color=_INK, lw=0.8)
    handles = [mpl.patches.Patch(color=_BLUE, label=t("cashflow.pv", lang))]
    if pv[0] < 0:
        handles.append(mpl.patches.Patch(color=_RED, label=t("cashflow.investment", lang)))
    handles.append(mpl.lines.Line2D([], [], color=_AMBER, lw=2, marker="o",
                                    label=t("cashflow.cumulative", lang)))
    payback = _payback(pv, cum)
    if payback is not None:
        k, xb = payback
        label = t("cashflow.breakeven", lang, year=k)
        ax.plot([xb], [0.0], "D", ms=8, color=_GREEN, mec="white", zorder=4,
                gid="cashflow:breakeven")
        ax.annotate(label, (xb, 0.0), xytext=(8, -10), textcoords="offset points",
                    ha="left", va="top", fontsize=9.5, color=_GREEN)

    unit_price = _text(price_unit, lang, "unit.cny_per_unit")
    lines = [t("cashflow.npv", lang, rate=_pct(cv.rate), npv=_cny(cv.npv, lang)),
             t("cashflow.irr", lang, irr=_pct(cv.irr)) if np.isfinite(cv.irr)
             else t("cashflow.irr_na", lang)]
    if np.isfinite(cv.walk_away_price):
        lines.append(t("cashflow.walk_away", lang, price=_plain(cv.walk_away_price),
                       unit=unit_price, diff=_signed_pct(cv.walk_away_price / cv.start_price - 1)))
    if payback is None and cum[-1] < 0:
        lines.append(t("cashflow.no_payback", lang, years=int(years[-1])))
    ax.text(0.015, 0.97, "\n".join(lines), transform=ax.transAxes, ha="left", va="top",
            fontsize=9.5, linespacing=1.5, gid="cashflow:summary", zorder=5,
            bbox={"boxstyle": "round,pad=0.45", "fc": "white", "ec": _GREY, "alpha": 0.95})

    top = max(float(np.nanmax(np.r_[pv, cum])), 0.0)
    bottom = min(float(np.nanmin(np.r_[pv, cum])), 0.0)
    span = (top - bottom) or 1.0
    ax.set_ylim(bottom - 0.1 * span, top + 0.36 * span)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    unit = _money_axis(ax, max(abs(top), abs(bottom)), lang, "y")
    _tidy(ax, grid="y")
    _below_legend(ax, handles, len(handles))
    _finish(ax, title=t("cashflow.title", lang, years=int(years[-1])),
            xlabel=t("cashflow.x", lang), ylabel=t("cashflow.y", lang, unit=unit))
    return ax


_FRACTION_INPUTS = ("price_down", "cost_down", "rate")


def _input_value(name: str, v: float, lang: str) -> str:
    if name in _FRACTION_INPUTS:
        return _pct(v)
    if name == "investment":
        return _cny(v, lang)
    return _plain(v)


def _tornado_pct(table: pd.DataFrame) -> int | None:
    """The relative move behind a sensitivity table, read back from its values."""
    if not {"base_value", "low_value"} <= set(table.columns):
        return None
    base = table["base_value"].to_numpy(dtype="float64")
    low = table["low_value"].to_numpy(dtype="float64")
    ok = base != 0
    if not ok.any():
        return None
    return round(float(np.median(1 - low[ok] / base[ok])) * 100)


def plot_tornado(sens: pd.DataFrame, *, ax=None, lang=None, n: int | None = None):
    """Tornado of the contract NPV: each input moved down and up, biggest swing on top.

    Each row floats from the base NPV to the NPV with the input at its low value (blue)
    and at its high value (amber); the tick label names the input with its low → high
    values. A line marks the base NPV, a red dashed line NPV = 0 when it is in view.

    Parameters
    ----------
    sens : output of :func:`~kamlab.economics.npv_sensitivity` (``input``, ``npv_low``,
        ``npv_high``, ``base_npv``; ``input_zh``, ``low_value``, ``high_value``,
        ``base_value`` and ``swing`` used when present).
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    n : show only the ``n`` inputs with the biggest swing (None: all).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"tornado:<input>:low"`` / ``":high"``: each spans
        ``base_npv`` to ``npv_low`` / ``npv_high``.
    """
    lang = resolve(lang)
    func = "plot_tornado"
    require_columns(sens, ["input", "npv_low", "npv_high", "base_npv"], func=func)
    if n is not None and not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ParameterError(f"{func}(): n must be a whole number ≥ 1 or None; got {n!r}.")
    low = sens["npv_low"].to_numpy(dtype="float64")
    high = sens["npv_high"].to_numpy(dtype="float64")
    swing = (sens["swing"].to_numpy(dtype="float64") if "swing" in sens.columns
             else np.abs(high - low))
    table = sens.iloc[np.argsort(-swing, kind="stable")[:n]]
    low = table["npv_low"].to_numpy(dtype="float64")
    high = table["npv_high"].to_numpy(dtype="float64")
    base = float(table["base_npv"].iloc[0])
    m = len(table)
    ax = _new_axes(ax, (8.5, 0.62 * m + 2.4))
    y = np.arange(m)[::-1]  # biggest swing on top
    pct = _tornado_pct(table)
    names = {"low": t("tornado.low", lang, pct=pct) if pct else t("tornado.low_any", lang),
             "high": t("tornado.high", lang, pct=pct) if pct else t("tornado.high_any", lang)}
    for side, values, colour in (("low", low, _BLUE), ("high", high, _AMBER)):
        bars = ax.barh(y, values - base, left=base, height=0.6, color=colour)
        for bar, name, v, other in zip(bars, table["input"], values,
                                       high if side == "low" else low):
            bar.set_gid(f"tornado:{name}:{side}")
            if v != base or other != base:
                right = v >= base if v != base else other < base
                ax.annotate(_cny(v, lang), (v, bar.get_y() + bar.get_height() / 2),
                            xytext=(4 if right else -4, 0), textcoords="offset points",
                            ha="left" if right else "right", va="center", fontsize=8.5,
                            color="#444444")
    ticks = []
    for _, row in table.iterrows():
        name = str(row["input"])
        zh = row.get("input_zh")
        label = (zh if lang == "zh" and isinstance(zh, str) and zh
                 else _label(f"input.{name}", lang, name))
        if {"low_value", "high_value"} <= set(table.columns):
            label += (f"\n{_input_value(name, row['low_value'], lang)} → "
                      f"{_input_value(name, row['high_value'], lang)}")
        ticks.append(label)
    ax.set_yticks(y, ticks)
    ends = np.r_[low, high, base]
    lo, hi = float(np.nanmin(ends)), float(np.nanmax(ends))
    pad = 0.22 * ((hi - lo) or abs(base) or 1.0)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(-0.7, m - 0.3)
    base_line = ax.axvline(base, color=_INK, lw=1.3, label=t("tornado.base", lang,
                                                             npv=_cny(base, lang)))
    handles = [mpl.patches.Patch(color=_BLUE, label=names["low"]),
               mpl.patches.Patch(color=_AMBER, label=names["high"]), base_line]
    if lo - pad < 0 < hi + pad:
        handles.append(ax.axvline(0, color=_RED, lw=1.2, ls="--", gid="tornado:zero",
                                  label=t("tornado.zero", lang)))
    unit = _money_axis(ax, max(abs(lo), abs(hi)), lang, "x")
    _tidy(ax, grid="x")
    _below_legend(ax, handles, 2)
    _finish(ax, title=t("tornado.title", lang, pct=pct) if pct else t("tornado.title_any", lang),
            xlabel=t("tornado.x", lang, unit=unit), ylabel=t("tornado.y", lang))
    return ax


_LOSS_FILL, _GAIN_FILL = "#d98080", "#8fb8d8"  # light, so the percentile lines read


def _bin_edges(x: np.ndarray, bins: int) -> np.ndarray:
    """About ``bins`` equal bins covering ``x``, with 0 as an edge when 0 is inside, so no
    bin mixes losses and gains."""
    lo, hi = float(x.min()), float(x.max())
    if hi == lo:
        pad = max(abs(lo) * 0.01, 1.0)
        lo, hi = lo - pad, hi + pad
    w = (hi - lo) / bins
    if lo < 0 < hi:
        edges = w * np.arange(np.floor(lo / w), np.ceil(hi / w) + 1)
        edges[0], edges[-1] = min(edges[0], lo), max(edges[-1], hi)
        return edges
    return np.linspace(lo, hi, bins + 1)


def plot_npv_distribution(draws, *, ax=None, lang=None, bins: int = 50):
    """Histogram of simulated contract NPVs: the loss side red, P5 / P50 / P95 marked.

    Zero is always a bin edge, so the red bars hold exactly the draws with NPV < 0; the
    title gives their share, P(NPV < 0).

    Parameters
    ----------
    draws : the Series of :func:`~kamlab.economics.simulate_npv` (any list of NPVs).
    ax : Axes to draw on; a new 8×5.2 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    bins : about how many bins (≥ 2).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"npv:loss"`` (left of 0) or ``"npv:gain"``, the lines
        ``"npv:p5"``, ``"npv:p50"``, ``"npv:p95"``.
    """
    lang = resolve(lang)
    func = "plot_npv_distribution"
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 2:
        raise ParameterError(f"{func}(): bins must be a whole number ≥ 2; got {bins!r}.")
    summary = npv_summary(draws)
    x = np.asarray(draws, dtype="float64")
    counts, edges = np.histogram(x, _bin_edges(x, int(bins)))
    loss = edges[:-1] < 0
    ax = _new_axes(ax, (8, 5.2))
    bars = ax.bar(edges[:-1], counts, np.diff(edges), align="edge",
                  color=np.where(loss, _LOSS_FILL, _GAIN_FILL), edgecolor="white",
                  linewidth=0.4)
    for bar, is_loss in zip(bars, loss):
        bar.set_gid("npv:loss" if is_loss else "npv:gain")
    handles = [mpl.patches.Patch(color=_LOSS_FILL, label=t("npv_dist.loss", lang,
                                                           prob=_pct(summary.prob_loss))),
               mpl.patches.Patch(color=_GAIN_FILL, label=t("npv_dist.gain", lang))]
    for key, value, style in (("p5", summary.p5, ":"), ("p50", summary.p50, "-"),
                              ("p95", summary.p95, "--")):
        handles.append(ax.axvline(value, color=_INK, lw=1.8, ls=style, gid=f"npv:{key}",
                                  label=t(f"npv_dist.{key}", lang, value=_cny(value, lang))))
    ax.set_ylim(0, max(int(counts.max()), 1) * 1.08)
    unit = _money_axis(ax, float(np.abs(edges).max()), lang, "x")
    _tidy(ax, grid="y")
    _below_legend(ax, handles, 2)
    _finish(ax, title=t("npv_dist.title", lang, n=f"{summary.n:,}",
                        prob=_pct(summary.prob_loss)),
            xlabel=t("npv_dist.x", lang, unit=unit), ylabel=t("npv_dist.y", lang))
    return ax


# --- industry cost curve and competitors ------------------------------------------------

_STATUS_COLOURS = {"runs": _BLUE, "marginal": _AMBER, "idle": _GREY}
#: Other companies when one is highlighted: light, distinct, all paler than ours.
_MUTED = ("#b9c3cf", "#a9cbe6", "#cbbbe3", "#f3d19c", "#b3dcc0", "#e8b4b4", "#d8c6ad",
          "#c9d1a6")


def _company_colours(companies: list, highlight) -> dict:
    ours = set(highlight)
    if ours:
        others = [c for c in companies if c not in ours]
        colours = {c: _MUTED[i % len(_MUTED)] for i, c in enumerate(others)}
        colours.update({c: _BLUE if i == 0 else _AMBER for i, c in
                        enumerate(c for c in companies if c in ours)})
        return colours
    return {c: _TIER_COLOURS[i % len(_TIER_COLOURS)] for i, c in enumerate(companies)}


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) or not hasattr(value, "__iter__") else list(value)


def plot_cost_curve(curve, *, demand=None, price=None, ax=None, lang=None, highlight=None,
                    colour_by: str = "company", owner: str = "company", cost: str = "cash_cost",
                    plant: str = "plant", capacity_unit=None, price_unit=None,
                    plant_names: bool = True):
    """The industry cost curve: one bar per plant, as wide as its capacity, as high as its
    cash cost, cheapest first; demand, the clearing price and the marginal plant marked.

    Bars are coloured by company (the ``highlight`` company — ours — in strong blue, the
    others pale) or by status (runs / marginal / idle). The marginal plant, which sets the
    price, is hatched with a dark outline; the price line names it. Other plants' names
    are written inside the bars that have room (upright when the bar is narrow).

    Parameters
    ----------
    curve : output of :func:`~kamlab.economics.cost_curve` (``plant``, ``left``, ``width``
        and the cost column), or a :class:`~kamlab.economics.MarketClearing` (its curve,
        demand and price are used).
    demand : the market demand; read from ``dispatched`` when the curve has it.
    price : the clearing price; default the cash cost of the marginal plant.
    ax : Axes to draw on; a new 9.5×5.4 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    highlight : a company name (or several) to pick out, e.g. our own.
    plant_names : write each plant's name in its bar (the marginal plant is always named in
        the price label). Dashboards leave them out: a name costs more to draw than a bar.
    colour_by : ``"company"`` (needs ``owner``) or ``"status"`` (needs a curve with demand).
    owner, cost, plant : column names.
    capacity_unit, price_unit : i18n key or text; default ``"unit.kt"`` (kt, 千吨) and
        ``"unit.cny_per_t"`` (CNY/t, 元/吨).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"cost_curve:<plant>"`` (x = ``left``, width =
        capacity, height = cash cost); the price text ``"cost_curve:price"``.
    """
    lang = resolve(lang)
    func = "plot_cost_curve"
    if isinstance(curve, MarketClearing):
        demand = curve.demand if demand is None else demand
        price = curve.price if price is None else price
        curve = curve.curve
    require_columns(curve, [plant, "left", "width", cost], func=func)
    if colour_by not in ("company", "status"):
        raise ParameterError(f"{func}(): colour_by must be 'company' or 'status'; got "
                             f"{colour_by!r}.", colour_by=colour_by)
    if colour_by == "status" and "status" not in curve.columns:
        raise ParameterError(f"{func}(): colour_by='status' needs the plants' status: pass "
                             "cost_curve(plants, demand=...) or market_clearing(...).")
    left = curve["left"].to_numpy(dtype="float64")
    width = curve["width"].to_numpy(dtype="float64")
    height = curve[cost].to_numpy(dtype="float64")
    names = curve[plant].astype(str).tolist()
    total = float((left + width).max()) if len(curve) else 0.0
    if demand is None and "dispatched" in curve.columns:
        demand = float(curve["dispatched"].sum())
    marginal = -1
    if "marginal" in curve.columns and curve["marginal"].any():
        marginal = int(np.flatnonzero(curve["marginal"].to_numpy(dtype=bool))[0])
    elif demand is not None:
        reached = (left + width >= float(demand) * (1 - 1e-9)) & (width > 0)
        marginal = int(np.argmax(reached)) if reached.any() else -1
    if price is None and marginal >= 0:
        price = float(height[marginal])
    ours = _as_list(highlight)

    ax = _new_axes(ax, (9.5, 5.4))
    handles = []
    if colour_by == "status":
        status = curve["status"].astype(str).tolist()
        colours = [_STATUS_COLOURS.get(s, _GREY) for s in status]
        handles = [mpl.patches.Patch(color=c, label=t(f"plant_status.{s}", lang))
                   for s, c in _STATUS_COLOURS.items() if s in status]
    elif owner in curve.columns:
        companies = list(dict.fromkeys(curve[owner].astype(str)))
        palette = _company_colours(companies, [str(h) for h in ours])
        colours = [palette[c] for c in curve[owner].astype(str)]
        handles = [mpl.patches.Patch(
            color=palette[c], label=t("cost_curve.us", lang, name=c) if c in map(str, ours) else c)
            for c in companies]
    else:
        colours = [_BLUE] * len(curve)
    bars = ax.bar(left, height, width, align="edge", color=colours, edgecolor="white",
                  linewidth=0.8)
    for i, (bar, name) in enumerate(zip(bars, names)):
        bar.set_gid(f"cost_curve:{name}")
        if i == marginal:
            bar.set(hatch="//", edgecolor=_INK, linewidth=1.6, zorder=3)
    if marginal >= 0 and colour_by != "status":  # status colours name it already
        handles.append(mpl.patches.Patch(facecolor="white", edgecolor=_INK, hatch="//",
                                         label=t("cost_curve.marginal", lang)))

    top = max(float(np.nanmax(height)) if len(height) else 1.0, float(price or 0.0))
    ax.set_ylim(0, top * 1.16)
    ax.set_xlim(0, max(total, float(demand or 0.0)) * 1.01 or 1.0)
    cap_unit = _text(capacity_unit, lang, "unit.kt")
    cost_unit = _text(price_unit, lang, "unit.cny_per_t")
    size = 8.5
    y_pts = ax.get_position().height * ax.figure.get_size_inches()[1] * 72
    for i, (name, x0, w, h) in enumerate(zip(names, left, width, height)):
        if i == marginal or not plant_names:  # the price label names the marginal plant
            continue
        across, bar_pts = _fits(ax, name, w, size)
        length = _text_pts(name, size)
        h_pts = h / (top * 1.16) * y_pts
        ink = _ink_on(colours[i])
        if across and h_pts >= 2.2 * size:
            ax.text(x0 + w / 2, 0, name, ha="center", va="bottom", fontsize=size, color=ink,
                    gid=f"cost_curve:name:{name}")
        elif bar_pts >= 1.5 * size and h_pts >= length + 8:
            ax.text(x0 + w / 2, top * 0.012, name, ha="center", va="bottom", rotation=90,
                    fontsize=size, color=ink, gid=f"cost_curve:name:{name}")
    if demand is not None:
        ax.axvline(float(demand), color=_INK, lw=1.3, ls="--", zorder=4)
        ax.annotate(t("cost_curve.demand", lang, value=_plain(demand), unit=cap_unit),
                    (float(demand), 1.0), xycoords=ax.get_xaxis_transform(), xytext=(-4, -4),
                    textcoords="offset points", ha="right", va="top", fontsize=9.5,
                    gid="cost_curve:demand",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    if price is not None:
        ax.axhline(float(price), color=_RED, lw=1.4, zorder=4)
        text = (t("cost_curve.price", lang, value=_plain(price), unit=cost_unit,
                  plant=names[marginal]) if marginal >= 0
                else t("cost_curve.price_only", lang, value=_plain(price), unit=cost_unit))
        ax.annotate(text, (0.0, float(price)), xycoords=("axes fraction", "data"),
                    xytext=(4, 3), textcoords="offset points", ha="left", va="bottom",
                    fontsize=9.5, color=_RED, gid="cost_curve:price",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    _plain_axis(ax, "x")
    _plain_axis(ax, "y")
    _tidy(ax, grid="y")
    if handles:
        _below_legend(ax, handles, len(handles) if len(handles) <= 5
                      else -(-len(handles) // 2))
    _finish(ax, title=t("cost_curve.title", lang), xlabel=t("cost_curve.x", lang, unit=cap_unit),
            ylabel=t("cost_curve.y", lang, unit=cost_unit))
    return ax


def plot_bid_ranges(bids: pd.DataFrame, *, price=None, ax=None, lang=None, owner: str = "company",
                    highlight=None, price_unit=None):
    """Each competitor's likely bid range, floor to ceiling, against the market price.

    One floating bar per competitor (lowest floor on top) from its floor (cash cost of
    its cheapest plant) to its ceiling (full cost + margin, capped at the market price
    when :func:`~kamlab.economics.bid_range` was given one); the range is written beside
    it. A red line marks ``price``.

    Parameters
    ----------
    bids : output of :func:`~kamlab.economics.bid_range` (``owner``, ``floor``,
        ``ceiling``; ``capped`` optional).
    price : the market price to draw, e.g. ``market_clearing(...).price``.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    owner : the competitor column.
    highlight : a competitor (or several) drawn in amber, e.g. the one we meet in this bid.
    price_unit : i18n key or text; default ``"unit.cny_per_t"``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"bid:<competitor>"`` spanning floor to ceiling.
    """
    lang = resolve(lang)
    func = "plot_bid_ranges"
    require_columns(bids, [owner, "floor", "ceiling"], func=func)
    floor = bids["floor"].to_numpy(dtype="float64")
    ceiling = bids["ceiling"].to_numpy(dtype="float64")
    who = bids[owner].astype(str).tolist()
    capped = (bids["capped"].to_numpy(dtype=bool) if "capped" in bids.columns
              else np.zeros(len(bids), dtype=bool))
    m = len(bids)
    ax = _new_axes(ax, (8.5, 0.55 * m + 2.3))
    y = np.arange(m)[::-1]
    marked = {str(h) for h in _as_list(highlight)}
    colours = [_AMBER if w in marked else _BLUE for w in who]
    bars = ax.barh(y, ceiling - floor, left=floor, height=0.5, color=colours)
    ax.plot(floor, y, "|", ms=16, mew=2.2, color=_INK, zorder=3)  # a zero-width range shows
    for bar, w in zip(bars, who):
        bar.set_gid(f"bid:{w}")
    unit = _text(price_unit, lang, "unit.cny_per_t")
    for yi, lo, hi, cap in zip(y, floor, ceiling, capped):
        text = _plain(lo) if hi == lo else f"{_plain(lo)} – {_plain(hi)}"
        if cap:
            text += f" ({t('bids.capped', lang)})"
        ax.annotate(text, (hi, yi), xytext=(8, 0), textcoords="offset points", ha="left",
                    va="center", fontsize=9.5, zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8})
    values = np.r_[floor, ceiling] if price is None else np.r_[floor, ceiling, float(price)]
    lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
    span = (hi - lo) or abs(hi) * 0.1 or 1.0
    ax.set_xlim(lo - 0.08 * span, hi + 0.45 * span)
    ax.set_ylim(-0.7, m - 0.3 + (0.5 if price is not None else 0))
    if price is not None:
        ax.axvline(float(price), color=_RED, lw=1.4, zorder=4, gid="bid:price")
        ax.annotate(t("bids.price", lang, value=_plain(price), unit=unit), (float(price), 1.0),
                    xycoords=ax.get_xaxis_transform(), xytext=(4, -3),
                    textcoords="offset points", ha="left", va="top", fontsize=9.5,
                    color=_RED, bbox={"boxstyle": "round,pad=0.2", "fc": "white",
                                      "ec": "none", "alpha": 0.9})
    ax.set_yticks(y, [_short_name(w) for w in who])
    _plain_axis(ax, "x")
    _tidy(ax, grid="x")
    ax.annotate(t("bids.note", lang), (0.0, 0.0), xycoords="axes fraction", xytext=(0, -38),
                textcoords="offset points", ha="left", va="top", fontsize=9, color="#666666")
    _finish(ax, title=t("bids.title", lang), xlabel=t("bids.x", lang, unit=unit),
            ylabel=t("bids.y", lang))
    return ax


# --- customer economics: TCO and EVC ----------------------------------------------------

_TCO_PARTS = (("price", _BLUE), ("acquisition", "#5fa8d3"), ("operating_pv", _AMBER),
              ("end_of_life_pv", _GREY))


def plot_tco(table: pd.DataFrame, *, ax=None, lang=None, offer: str = "offer"):
    """Total cost of ownership per offer: price, acquisition, operating and end-of-life
    costs (present values) stacked, the total on top, the cheapest offers marked.

    A negative end-of-life value (a resale value) hangs below zero and the black tick
    marks the total. "Lowest price" and "Lowest TCO" name the winners; the lowest-TCO
    offer is outlined in green. When lives differ, the cost a year (``tco_per_year``)
    is shown too, and its winner marked: offers with different lives compare on it.

    Parameters
    ----------
    table : output of :func:`~kamlab.economics.total_cost_of_ownership` (``tco``).
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    offer : the offer-name column.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; segments have ``gid`` ``"tco:<part>:<offer>"`` (part: price, acquisition,
        operating_pv, end_of_life_pv), the outline ``"tco:lowest_tco"``, the marks texts
        with ``gid`` ``"tco:lowest_price:<offer>"`` and ``"tco:lowest_tco:<offer>"``.
    """
    lang = resolve(lang)
    func = "plot_tco"
    require_columns(table, [offer, "price", "tco"], func=func)
    names = table[offer].astype(str).tolist()
    m = len(table)
    ax = _new_axes(ax, (max(6.5, 1.5 * m + 3.0), 5.2))
    x = np.arange(m)
    w = 0.58
    pos = np.zeros(m)
    neg = np.zeros(m)
    handles = []
    for part, colour in _TCO_PARTS:
        if part not in table.columns:
            continue
        values = table[part].to_numpy(dtype="float64")
        bottoms = np.where(values >= 0, pos, neg)
        bars = ax.bar(x, values, w, bottom=bottoms, color=colour, edgecolor="white",
                      linewidth=0.6)
        for bar, name in zip(bars, names):
            bar.set_gid(f"tco:{part}:{name}")
        pos += np.where(values >= 0, values, 0.0)
        neg += np.where(values < 0, values, 0.0)
        handles.append(mpl.patches.Patch(color=colour, label=t(f"tco.{part}", lang)))
    tco = table["tco"].to_numpy(dtype="float64")
    ax.hlines(tco, x - w / 2, x + w / 2, color=_INK, lw=2, zorder=4, gid="tco:total")
    lives = (table["life_years"].to_numpy() if "life_years" in table.columns else None)
    per_year = lives is not None and len(set(lives.tolist())) > 1 \
        and "tco_per_year" in table.columns
    rank_price = table["price"].rank(method="min").to_numpy()
    rank_tco = pd.Series(tco).rank(method="min").to_numpy()
    best_year = (table["tco_per_year"].rank(method="min").to_numpy() == 1) if per_year \
        else np.zeros(m, dtype=bool)
    for i in range(m):
        lines = [_cny(tco[i], lang)]
        if per_year:
            lines.append(t("tco.per_year", lang,
                           value=_cny(table["tco_per_year"].iloc[i], lang)))
        ax.annotate("\n".join(lines), (x[i], pos[i]), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=10, color=_INK,
                    gid=f"tco:value:{names[i]}")
        marks = []
        if rank_tco[i] == 1:
            marks.append(("lowest_tco", _GREEN))
        if best_year[i] and rank_tco[i] != 1:
            marks.append(("lowest_per_year", _GREEN))
        if rank_price[i] == 1:
            marks.append(("lowest_price", _BLUE))
        dy = 4 + 13 * len(lines) + 4
        for key, colour in marks:
            ax.annotate(t(f"tco.{key}", lang), (x[i], pos[i]), xytext=(0, dy),
                        textcoords="offset points", ha="center", va="bottom", fontsize=9.5,
                        color=colour, gid=f"tco:{key}:{names[i]}")
            dy += 14
        if rank_tco[i] == 1:
            ax.add_patch(mpl.patches.Rectangle(
                (x[i] - w / 2 - 0.05, min(neg[i], 0.0)), w + 0.1, pos[i] - min(neg[i], 0.0),
                fill=False, edgecolor=_GREEN, lw=2.5, zorder=5, gid="tco:lowest_tco"))
    top = float(pos.max()) if m else 1.0
    bottom = float(neg.min()) if m else 0.0
    ax.set_ylim(bottom * 1.25 if bottom < 0 else 0.0, top * 1.38 if top > 0 else 1.0)
    ax.set_xlim(-0.7, m - 0.3)
    if bottom < 0:
        ax.axhline(0, color=_INK, lw=0.8)
    ticks = []
    for i, name in enumerate(names):
        label = _wrap(name, 16)
        if lives is not None:
            label += "\n" + t("tco.life", lang, n=int(lives[i]))
        ticks.append(label)
    ax.set_xticks(x, ticks)
    unit = _money_axis(ax, max(abs(top), abs(bottom)), lang, "y")
    _tidy(ax, grid="y")
    _below_legend(ax, handles, len(handles), gap=1.05)
    _finish(ax, title=t("tco.title", lang), xlabel=t("tco.x", lang),
            ylabel=t("tco.y", lang, unit=unit))
    return ax


def _spread(targets, heights) -> list[float]:
    """Centres for labels of the given heights, as near their ``targets`` as possible
    without overlapping (all in data units)."""
    targets = np.asarray(targets, dtype="float64")
    heights = np.asarray(heights, dtype="float64")
    order = np.argsort(targets, kind="stable")
    want, size = targets[order], heights[order]
    placed = want.copy()

    def push_up():
        for i in range(1, len(placed)):
            placed[i] = max(placed[i], placed[i - 1] + (size[i - 1] + size[i]) / 2)

    push_up()
    placed -= max(float((placed - want).mean()), 0.0)  # centre the block on its targets
    push_up()
    out = np.empty_like(placed)
    out[order] = placed
    return out.tolist()


def plot_value_split(split, *, ax=None, lang=None, unit=None):
    """The EVC value pool: how our price splits it between the customer and us.

    One column: the reference product's price (grey), our premium above it (blue; red
    when the price is below the reference), then the customer's incentive to switch up to
    the EVC (green; red when the price is above the EVC). The price and the EVC are
    lines across the column; a bracket on the left spans the value pool.

    Parameters
    ----------
    split : ``evc(...).split(price)`` (a :class:`~kamlab.economics.ValueSplit`), or an
        :class:`~kamlab.economics.EVC` made with ``price=``.
    ax : Axes to draw on; a new 7.5×5.2 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    unit : i18n key or text; default ``"unit.cny_per_unit"``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; segments have ``gid`` ``"value_split:reference"`` (0 to the reference
        price), ``"value_split:premium"`` (from the reference price, height = premium) and
        ``"value_split:incentive"`` (from the price, height = incentive); the price line
        ``"value_split:price"``.
    """
    lang = resolve(lang)
    func = "plot_value_split"
    if isinstance(split, EVC):
        if split.price is None:
            raise ParameterError(f"{func}(): this EVC has no price; make it with "
                                 "evc(..., price=...) or pass evc(...).split(price).")
        split = split.split(split.price)
    if not isinstance(split, ValueSplit):
        raise ParameterError(f"{func}(): pass evc(...).split(price); got "
                             f"{type(split).__name__}.", got=type(split).__name__)
    ref, price, value = split.reference_price, split.price, split.value
    ax = _new_axes(ax, (7.5, 5.2))
    w = 0.7
    ax.bar(0, ref, w, color=_GREY, gid="value_split:reference")
    ax.bar(0, split.customer_incentive, w, bottom=price,
           color=_GREEN if split.customer_incentive >= 0 else _RED, gid="value_split:incentive")
    ax.bar(0, split.premium, w, bottom=ref, color=_BLUE if split.premium >= 0 else _RED,
           hatch=None if split.premium >= 0 else "//", gid="value_split:premium")
    ax.hlines(price, -w / 2 - 0.06, w / 2 + 0.06, color=_INK, lw=2.4, zorder=4,
              gid="value_split:price")
    ax.hlines(value, -w / 2 - 0.06, w / 2 + 0.06, color=_INK, lw=1.3, ls="--", zorder=4,
              gid="value_split:evc")
    fmt = _plain

    def with_share(text, x):
        return t("value_split.with_share", lang, text=text, share=_pct(x)) if np.isfinite(x) \
            else text

    items = [(value, t("value_split.evc", lang, value=fmt(value)), _INK),
             (price, t("value_split.price", lang, value=fmt(price)), _INK)]
    inc_key = "value_split.incentive" if split.customer_incentive >= 0 else \
        "value_split.no_incentive"
    items.append(((price + value) / 2,
                  with_share(t(inc_key, lang, value=fmt(split.customer_incentive)),
                             split.customer_share),
                  _GREEN if split.customer_incentive >= 0 else _RED))
    prem_key = "value_split.premium" if split.premium >= 0 else "value_split.given_away"
    items.append(((ref + price) / 2,
                  with_share(t(prem_key, lang, value=fmt(split.premium)), split.our_share),
                  _BLUE if split.premium >= 0 else _RED))
    top = max(ref, price, value)
    ax.set_ylim(0, top * 1.1)
    ax.set_xlim(-1.05, 2.2)
    texts = [_wrap(text, 32) for _, text, _ in items]
    axes_in = ax.get_position().height * ax.figure.get_size_inches()[1]
    line = 9.5 * 1.35 / 72 / axes_in * top * 1.1  # one text line in data units
    ys = _spread([y for y, _, _ in items], [(s.count("\n") + 1) * line + 0.4 * line
                                             for s in texts])
    for (target, _, colour), text, yl in zip(items, texts, ys):
        ax.annotate(text, (w / 2 + 0.02, target), xytext=(w / 2 + 0.22, yl),
                    textcoords="data", ha="left", va="center", fontsize=9.5, color=colour,
                    arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.8,
                                "shrinkA": 0, "shrinkB": 2})
    ax.text(0, ref / 2, t("value_split.reference", lang, value=fmt(ref)),
            ha="center", va="center", fontsize=9.5, color=_ink_on(_GREY))
    if value != ref:  # the value pool, as a bracket on the left
        xb = -w / 2 - 0.12
        ax.annotate("", (xb, ref), xytext=(xb, value), textcoords="data",
                    arrowprops={"arrowstyle": "|-|,widthA=0.3,widthB=0.3", "color": _INK,
                                "lw": 1.0, "shrinkA": 0, "shrinkB": 0})
        ax.text(xb - 0.06, (ref + value) / 2, t("value_split.pool", lang, value=fmt(value - ref)),
                ha="right", va="center", fontsize=9.5, color=_INK)
    ax.set_xticks([0], [t("value_split.offer", lang)])
    _plain_axis(ax, "y")
    _tidy(ax, grid="y")
    _finish(ax, title=t("value_split.title", lang), xlabel="",
            ylabel=t("value_split.y", lang, unit=_text(unit, lang, "unit.cny_per_unit")))
    return ax


# --- the proposal -----------------------------------------------------------------------

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
        ``end_day``; ``phase_zh``, ``lead``, ``lead_zh``, ``key``, ``start_date``,
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
    lead_col = "lead_zh" if lang == "zh" and "lead_zh" in plan.columns else "lead"
    middle = (first + last) / 2
    for i, bar in enumerate(bars):
        bar.set_gid(f"gantt:{keys[i]}")
        label = t("gantt.days", lang, n=int(days[i]))
        if _fits(ax, label, days[i], 9)[0]:
            ax.text(start[i] - 0.5 + days[i] / 2, y[i], label, ha="center", va="center",
                    fontsize=9, color="white", zorder=4)
        lead = plan[lead_col].iloc[i] if lead_col in plan.columns else None
        if isinstance(lead, str) and lead:
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
    names_col = "phase_zh" if lang == "zh" and "phase_zh" in plan.columns else "phase"
    ax.set_yticks(y, [_wrap(p, 26, 2) for p in plan[names_col].astype(str)])
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
    if not isinstance(score, ProposalScore):
        raise ParameterError(f"{func}(): pass the result of score_proposal(...); got "
                             f"{type(score).__name__}.", got=type(score).__name__)
    table = score.table
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
    names_col = "element_zh" if lang == "zh" and "element_zh" in table.columns else "element"
    ax.set_yticks(y, [_wrap(f"{n}. {e}", 44, 2)
                      for n, e in zip(table["number"], table[names_col].astype(str))])
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
