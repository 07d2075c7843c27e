"""Module 1–2 — segmentation charts: the two-way grids and the per-tier / per-segment bars.

Grids: attractiveness × relationship (seed 001), potential × share of wallet R1…A3
(seed 002), the two-sided 2x2 (seed 000). Bars: salesperson time versus value per tier and
segment economics (seed 002). They draw :mod:`kamlab.segmentation` results.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd

from kamlab._validate import require_columns
from kamlab.i18n import column_label, in_sentence, resolve, t, value_label
from kamlab.plotting._style import (
    _AMBER,
    _BLUE,
    _GREEN,
    _GREY,
    _INK,
    _RED,
    _finish,
    _grouped_bars,
    _label,
    _new_axes,
    _order,
    _pct,
    _tidy,
    _value_name,
)
from kamlab.plotting.grids import Tile, cell_totals, draw_tiles, fit_texts, frame_grid
from kamlab.segmentation import RELATIONSHIP_TYPES, STRATEGY_GRID, TWO_SIDED_GRID

# --- grids ------------------------------------------------------------------------------

_STRATEGY_COLOURS = {
    "develop": _GREEN, "defend": _BLUE, "selective_defend": "#5fa8d3",
    "selective_maintain": _AMBER, "maintain_minimally": _GREY, "exit": _RED,
}
_SHARE_STRATEGY = {"R": "maintain", "D": "develop", "A": "open up"}  # seed 002
_BUBBLE_DY = 0.05  # grid bubbles sit just above the cell centre


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
    labels = {cell: value_label("strategy", s, lang) for cell, s in grid.items()}
    colours = {cell: _STRATEGY_COLOURS[s] for cell, s in grid.items() if s in _STRATEGY_COLOURS}
    return plot_grid(gridded, rows="attractiveness_level", cols="relationship_level",
                     value=value, ax=ax, lang=lang, cell_labels=labels, cell_colors=colours,
                     title=t("strategy_grid.title", lang))


def _levels(gridded: pd.DataFrame, column: str, default) -> list:
    """A grid column's levels, worst first (its category order when categorical)."""
    return _order(gridded[column]) if isinstance(gridded[column].dtype, pd.CategoricalDtype) \
        else list(default)


def _two_by_two(gridded: pd.DataFrame, *, rows: str, cols: str, codes: dict, kind: str,
                colours: dict, value: str | None, ax, lang: str, title: str):
    """A 2x2 (or any rows × cols) grid whose cells carry a code: one tile per cell with the
    code's name, the accounts in it and their share of ``value``; high levels top and right."""
    require_columns(gridded, [rows, cols] + ([value] if value else []), func=f"plot_{kind}")
    row_cats = _levels(gridded, rows, ("low", "high"))
    col_cats = _levels(gridded, cols, ("low", "high"))
    cells = cell_totals(gridded, [rows, cols], value)
    ax = _new_axes(ax, (7.5, 6))
    tiles = []
    for i, r in enumerate(row_cats):
        for j, c in enumerate(col_cats):
            code = codes.get((str(r), str(c)), f"{r}|{c}")
            count, total = (cells.loc[(r, c)] if (r, c) in cells.index else (0, 0.0))
            tiles.append(Tile(key=str(code), x=j, y=i, name=value_label(kind, code, lang),
                              count=int(count), total=float(total),
                              colour=colours.get(code, _GREY)))
    draw_tiles(ax, tiles, grand=float(cells["total"].sum()), value_name=_value_name(value, lang),
               lang=lang)
    frame_grid(ax, n_cols=len(col_cats), n_rows=len(row_cats),
               xticks=[_category_label(cols, c, lang) for c in col_cats],
               yticks=[_category_label(rows, r, lang) for r in row_cats])
    _finish(ax, title=title, xlabel=column_label(cols, lang), ylabel=column_label(rows, lang))
    fit_texts(ax)
    return ax


def plot_potential_share_grid(gridded: pd.DataFrame, *, value: str | None = "revenue", ax=None,
                              lang=None, highlight: str | None = "A1"):
    """The potential × share-of-wallet grid (seed 002) as a heat map: cells R1 … A3, each
    with its strategy, its number of accounts and its share of ``value``.

    The deeper a cell's blue, the larger its share of ``value``; every cell keeps its
    numbers readable however small it is. Cell ``highlight`` (A1: big potential, under 10%
    of it ours — the headroom) is framed.

    Parameters
    ----------
    gridded : output of :func:`~kamlab.segmentation.potential_share_grid`.
    value : the value column summed per cell (``wallet`` for the annual potential); None
        counts accounts only.
    ax : Axes to draw on; a new 7.5×6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    highlight : the cell to frame, e.g. ``"A1"``; None frames none.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; each cell's tile has ``gid`` ``"tile:<cell>"``, its name ("A1 · open up" /
        "A1 · 开发") ``"name:<cell>"``, its numbers ``"cell:<cell>"``; the frame
        ``"highlight:<cell>"``.

    Notes
    -----
    Seed 002, classification method 2: share R > 30% maintain 维持, D 10–30% develop 发展,
    A < 10% open up 开发 × potential 1 > 1M, 2 0.5–1M, 3 < 0.5M.
    """
    lang = resolve(lang)
    rows, cols = "potential_class", "share_class"
    require_columns(gridded, [rows, cols] + ([value] if value else []),
                    func="plot_potential_share_grid")
    row_cats = _levels(gridded, rows, ("3", "2", "1"))
    col_cats = _levels(gridded, cols, ("A", "D", "R"))
    cells = cell_totals(gridded, [rows, cols], value)
    ax = _new_axes(ax, (7.5, 6))
    tiles = []
    for i, p in enumerate(row_cats):
        for j, s in enumerate(col_cats):
            count, total = (cells.loc[(p, s)] if (p, s) in cells.index else (0, 0.0))
            strategy = _SHARE_STRATEGY.get(str(s))
            name = f"{s}{p}" + (f" · {t('grid_strategy.' + strategy, lang)}" if strategy else "")
            tiles.append(Tile(key=f"{s}{p}", x=j, y=i, name=name, count=int(count),
                              total=float(total), colour=_BLUE,
                              highlight=f"{s}{p}" == highlight))
    name = _value_name(value, lang)
    draw_tiles(ax, tiles, grand=float(cells["total"].sum()), value_name=name, lang=lang,
               shade=True)
    note = t("cells.shade", lang, value=name) if value else None
    if highlight is not None and any(tile.highlight for tile in tiles):
        frame = t("cells.headroom", lang, cell=highlight)
        note = f"{frame}\n{note}" if note else frame
    frame_grid(ax, n_cols=len(col_cats), n_rows=len(row_cats),
               xticks=[_category_label(cols, c, lang) for c in col_cats],
               yticks=[_category_label(rows, r, lang) for r in row_cats], note=note)
    _finish(ax, title=t("potential_share.title", lang), xlabel=column_label(cols, lang),
            ylabel=column_label(rows, lang))
    fit_texts(ax)
    return ax


_QUADRANT_COLOURS = {"maximise_value": _GREEN, "win_customer": _AMBER,
                     "serve_efficiently": _BLUE, "transactional": _GREY}
_RELATIONSHIP_COLOURS = {"strategic_partner": _GREEN, "ordinary_friend": _BLUE,
                         "competitor_type": _AMBER, "transactional": _GREY}
_POSITION_COLOURS = {"gold": "#e0b21b", "star": _BLUE, "problem": _GREY, "dog": _RED}


def plot_two_sided_grid(gridded: pd.DataFrame, *, value: str | None = "revenue", ax=None,
                        lang=None):
    """The two-sided attractiveness 2x2 (seed 000): each quadrant with its name, its accounts
    and their share of ``value``.

    Rows: the customer's attractiveness to us; columns: our attractiveness to the customer;
    high top and right, so "maximise customer value" is the top-right quadrant.

    Parameters
    ----------
    gridded : output of :func:`~kamlab.segmentation.two_sided_grid`.
    value : the value column summed per quadrant; None counts accounts only.
    ax : Axes to draw on; a new 7.5×6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; each quadrant's tile has ``gid`` ``"tile:<quadrant code>"``, its name
        ``"name:<code>"``, its numbers ``"cell:<code>"`` (codes of
        :data:`~kamlab.segmentation.TWO_SIDED_GRID`).
    """
    lang = resolve(lang)
    codes = {cell: code for cell, (code, _) in TWO_SIDED_GRID.items()}
    return _two_by_two(gridded, rows="customer_level", cols="supplier_level", codes=codes,
                       kind="quadrant", colours=_QUADRANT_COLOURS, value=value, ax=ax,
                       lang=lang, title=t("two_sided.title", lang))


def plot_relationship_types(typed: pd.DataFrame, *, value: str | None = "revenue", ax=None,
                            lang=None):
    """Seed 004's relationship types as a 2x2: common interest × value of a long-term
    relationship, each quadrant with its type, its accounts and their share of ``value``.

    Columns: common interest (low, high); rows: relationship value (low, high) — strategic
    partner top right, transactional bottom left, competitor-type (valuable relationship,
    little common interest) top left.

    Parameters
    ----------
    typed : output of :func:`~kamlab.segmentation.relationship_type`.
    value : the value column summed per quadrant; None counts accounts only.
    ax : Axes to draw on; a new 7.5×6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; gids ``"tile:<type>"``, ``"name:<type>"``, ``"cell:<type>"`` (codes of
        :data:`~kamlab.segmentation.RELATIONSHIP_TYPES`).
    """
    lang = resolve(lang)
    # RELATIONSHIP_TYPES is keyed (common interest, relationship value); rows are the value
    codes = {(v, i): code for (i, v), code in RELATIONSHIP_TYPES.items()}
    return _two_by_two(typed, rows="relationship_value_level", cols="common_interest_level",
                       codes=codes, kind="relationship_type", colours=_RELATIONSHIP_COLOURS,
                       value=value, ax=ax, lang=lang, title=t("relationship_types.title", lang))


def plot_positions(positioned: pd.DataFrame, *, tier: str = "abc", profit: str = "profit",
                   value: str | None = "revenue", ax=None, lang=None):
    """Seed 004's gold / star / problem / dog customers, placed as kamlab's rule places them:
    ABC class across, profitable or loss-making up and down.

    Each position is one tile with its name, its accounts and their share of ``value``. A
    class whose accounts all hold one position (A: gold, B: star by default) is one tall
    tile; class C splits into problem (profitable) above and dog (loss-making) below.

    Parameters
    ----------
    positioned : output of :func:`~kamlab.segmentation.position_customers` (``position``,
        the class column ``tier`` and ``profit``).
    tier, profit : the class and profit columns the positions were made from.
    value : the value column summed per position (``profit`` shows what each earns);
        None counts accounts only.
    ax : Axes to draw on; a new 7.5×6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; gids ``"tile:<position>"``, ``"name:<position>"``, ``"cell:<position>"``
        (codes of :data:`~kamlab.segmentation.POSITIONING`; a position in two classes is
        keyed ``"<position>:<class>"``).
    """
    lang = resolve(lang)
    require_columns(positioned, ["position", tier, profit] + ([value] if value else []),
                    func="plot_positions")
    classes = _order(positioned[tier])
    losing = pd.to_numeric(positioned[profit], errors="coerce").to_numpy() < 0
    frame = pd.DataFrame({"tier": positioned[tier].to_numpy(), "loss": losing,
                          "position": positioned["position"].astype(str).to_numpy()})
    if value:
        frame["v"] = positioned[value].to_numpy()
    cells = cell_totals(frame, ["tier", "loss", "position"], "v" if value else None)
    ax = _new_axes(ax, (7.5, 6))
    placed = []  # (column, lower row, height, position, count, total)
    for j, c in enumerate(classes):
        part = cells.loc[c] if c in cells.index.get_level_values(0) else cells.iloc[:0]
        rows = {bool(loss): pos for loss, pos in part.index}  # (loss, position) pairs
        if len(set(rows.values())) <= 1:  # the whole class holds one position
            for pos in set(rows.values()):
                sub = part.xs(pos, level=1)
                placed.append((j, 0, 2, pos, sub["count"].sum(), sub["total"].sum()))
        else:
            for (loss, pos), (count, total) in part.iterrows():
                placed.append((j, 0 if loss else 1, 1, pos, count, total))
    seen = [p[3] for p in placed]
    tiles = [Tile(key=pos if seen.count(pos) == 1 else f"{pos}:{classes[j]}", x=j, y=y, h=h,
                  name=value_label("position", pos, lang), count=int(count), total=float(total),
                  colour=_POSITION_COLOURS.get(pos, _GREY))
             for j, y, h, pos, count, total in placed]
    draw_tiles(ax, tiles, grand=float(cells["total"].sum()), value_name=_value_name(value, lang),
               lang=lang)
    frame_grid(ax, n_cols=len(classes), n_rows=2,
               xticks=[value_label("abc", c, lang) for c in classes],
               yticks=[t("positions.loss", lang), t("positions.profitable", lang)])
    _finish(ax, title=t("positions.title", lang), xlabel=column_label(tier, lang),
            ylabel=column_label(profit, lang))
    fit_texts(ax)
    return ax


# --- bars per tier and per segment ------------------------------------------------------

def _tier_names(table: pd.DataFrame, lang: str) -> list[str]:
    kind = "abc" if set(table["tier"].astype(str)) <= {"A", "B", "C"} else "tier"
    return [value_label(kind, x, lang) for x in table["tier"]]


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
        name = in_sentence(value_label or t("profit", lang), lang)
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
