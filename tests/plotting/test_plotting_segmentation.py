"""Module 1–2 charts (kamlab.plotting.segmentation): the two-way grids, time versus value per
tier and segment economics, each drawn on the Axes it is given, in English or Chinese."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from _chart_book import BOOK, overlapping_labels, png_warnings

from kamlab import plotting
from kamlab.plotting._style import _pct, set_style
from kamlab.plotting.segmentation import _BUBBLE_DY
from kamlab.segmentation import (
    TIME_ALLOCATION,
    TYPICAL_PORTFOLIO,
    abc_classify,
    position_customers,
    potential_share_grid,
    relationship_type,
    strategy_grid,
    time_vs_value,
    two_sided_grid,
)

_RNG = np.random.default_rng(11)
#: the chart book with seed 004's two scores and a loss-making tail (so there are dogs)
TYPED = BOOK.assign(common_interest=_RNG.uniform(1, 5, len(BOOK)).round(2),
                    relationship_value=_RNG.uniform(1, 5, len(BOOK)).round(2),
                    profit=np.where(np.arange(len(BOOK)) % 4 == 0, -1.0, 1.0) * BOOK["profit"])

SEGMENTS = pd.DataFrame({  # seed 002
    "segment": ["Residential", "SME", "Large accounts"],
    "segment_zh": ["住宅客户", "中小企业", "大客户"],
    "customers_share": [0.9163, 0.0831, 0.0006],
    "revenue_share": [0.44, 0.25, 0.31],
    "ebit_share": [0.37, 0.26, 0.37],
})

CHARTS = {
    "grid": lambda **kw: plotting.plot_grid(two_sided_grid(BOOK), rows="customer_level",
                                            cols="supplier_level", **kw),
    "strategy_grid": lambda **kw: plotting.plot_strategy_grid(strategy_grid(BOOK), **kw),
    "potential_share_grid": lambda **kw: plotting.plot_potential_share_grid(
        potential_share_grid(BOOK), **kw),
    "two_sided_grid": lambda **kw: plotting.plot_two_sided_grid(two_sided_grid(BOOK), **kw),
    "relationship_types": lambda **kw: plotting.plot_relationship_types(
        relationship_type(TYPED), **kw),
    "positions": lambda **kw: plotting.plot_positions(
        position_customers(abc_classify(TYPED)), value="profit", **kw),
    "time_vs_value": lambda **kw: plotting.plot_time_vs_value(
        time_vs_value(abc_classify(BOOK)), **kw),
    "typical_portfolio": lambda **kw: plotting.plot_time_vs_value(TYPICAL_PORTFOLIO, **kw),
    "segments": lambda **kw: plotting.plot_segments(SEGMENTS, **kw),
}




# ---------------------------------------------------------------------------------------
# The contract every chart keeps: tests/plotting/test_plotting_contract.py
# ---------------------------------------------------------------------------------------









# ---------------------------------------------------------------------------------------
# Grids
# ---------------------------------------------------------------------------------------

def _cells(df, rows, cols, value="revenue"):
    return df.groupby([rows, cols], observed=True)[value].agg(["size", "sum"])


def _bubble_sizes(ax):
    bubbles = next(c for c in ax.collections if c.get_gid() == "bubbles")
    offsets = np.rint(bubbles.get_offsets() - [0, _BUBBLE_DY]).astype(int)
    return {tuple(xy): s for xy, s in zip(offsets.tolist(), bubbles.get_sizes())}


@pytest.mark.parametrize(("make", "rows", "cols"), [
    (strategy_grid, "attractiveness_level", "relationship_level"),
    (potential_share_grid, "potential_class", "share_class"),
    (two_sided_grid, "customer_level", "supplier_level"),
])
def test_grid_annotates_each_non_empty_cell_and_sizes_bubbles_by_value(make, rows, cols):
    gridded = make(BOOK)
    cells = _cells(gridded, rows, cols)
    ax = plotting.plot_grid(gridded, rows=rows, cols=cols, lang="en")
    notes = {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("cell:")}
    assert sorted(notes) == sorted(f"cell:{r}|{c}" for r, c in cells.index)
    for (r, c), (count, total) in cells.iterrows():
        text = notes[f"cell:{r}|{c}"]
        assert text.startswith(f"{count:.0f} account")
        assert text.endswith(f"{_pct(total / cells['sum'].sum())} of revenue")

    row_cats = list(gridded[rows].cat.categories)
    col_cats = list(gridded[cols].cat.categories)
    sizes = _bubble_sizes(ax)
    drawn = np.array([sizes[(col_cats.index(c), row_cats.index(r))] for r, c in cells.index])
    # area proportional to the cell total: same order, same ratios
    np.testing.assert_allclose(drawn / drawn.max(), cells["sum"] / cells["sum"].max())


def test_grid_puts_the_best_levels_top_and_right():
    ax = plotting.plot_strategy_grid(strategy_grid(BOOK), lang="en")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Low", "Medium", "High"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Poor", "Average", "Good"]
    names = {t.get_text() for t in ax.texts}
    assert {"Develop", "Defend", "Exit", "Selective maintain"} <= names
    ax = plotting.plot_strategy_grid(strategy_grid(BOOK), lang="zh")
    assert {"发展", "防御", "退出"} <= {t.get_text() for t in ax.texts}


def test_potential_share_grid_names_cells_r1_to_a3():
    ax = plotting.plot_potential_share_grid(potential_share_grid(BOOK), lang="zh")
    names = {t.get_text() for t in ax.texts}
    assert {"R1 · 维持", "D2 · 发展", "A3 · 开发"} <= names
    ax = plotting.plot_potential_share_grid(potential_share_grid(BOOK), lang="en")
    assert {"R1 · maintain", "D2 · develop", "A3 · open up"} <= {t.get_text() for t in ax.texts}


def _tiles(ax):
    """gid key -> (x, y, width, height, facecolour) of each tile; -> text of names, numbers."""
    tiles = {p.get_gid()[5:]: (p.get_x(), p.get_y(), p.get_width(), p.get_height(),
                               p.get_facecolor()) for p in ax.patches
             if (p.get_gid() or "").startswith("tile:")}
    texts = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    return tiles, texts


def _numbers(count, share, value="revenue"):
    count = int(count)
    return f"{count:,} account{'s' if count != 1 else ''}\n{_pct(share)} of {value}"


def test_potential_share_grid_writes_every_cell_as_a_tile_and_frames_a1():
    """Issue 14: bubbles shrank two of three rows to dots; every cell now states its accounts
    and its share of value, shaded by that share, A1 framed."""
    gridded = potential_share_grid(BOOK)
    cells = _cells(gridded, "potential_class", "share_class", "wallet")
    ax = plotting.plot_potential_share_grid(gridded, value="wallet", lang="en")
    tiles, texts = _tiles(ax)
    assert sorted(tiles) == sorted(f"{s}{p}" for s in "RDA" for p in "123")
    grand = cells["sum"].sum()
    for (p, s), (count, total) in cells.iterrows():
        assert texts[f"cell:{s}{p}"] == _numbers(count, total / grand, "annual potential")
        assert tiles[f"{s}{p}"][:2] == ("ADR".index(s), "321".index(p))  # 1 top, R right
    # the larger the share, the deeper the shade (less white: a smaller sum of RGB)
    depth = {f"{s}{p}": -sum(tiles[f"{s}{p}"][4][:3]) for p, s in cells.index}
    by_share = sorted(depth, key=lambda k: cells.loc[(k[1], k[0]), "sum"])
    assert [depth[k] for k in by_share] == sorted(depth.values())
    framed = [p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("highlight:")]
    assert framed == ["highlight:A1"]
    assert "A1" in texts["note"]
    ax = plotting.plot_potential_share_grid(gridded, highlight=None, value=None)
    assert not [p for p in ax.patches if (p.get_gid() or "").startswith("highlight:")]


@pytest.mark.parametrize(("chart", "make", "column", "top_right", "top_left"), [
    (plotting.plot_two_sided_grid, two_sided_grid, "quadrant", "maximise_value",
     "win_customer"),
    (plotting.plot_relationship_types, relationship_type, "relationship_type",
     "strategic_partner", "competitor_type"),
])
def test_two_by_two_names_each_quadrant_with_its_accounts_and_value(chart, make, column,
                                                                   top_right, top_left):
    gridded = make(TYPED)
    totals = gridded.groupby(column)["revenue"].agg(["size", "sum"])
    ax = chart(gridded, lang="en")
    tiles, texts = _tiles(ax)
    assert sorted(tiles) == sorted(totals.index)
    for code, (count, total) in totals.iterrows():
        assert texts[f"cell:{code}"] == _numbers(count, total / totals["sum"].sum())
    assert tiles[top_right][:2] == (1, 1) and tiles[top_left][:2] == (0, 1)
    zh = chart(gridded, lang="zh")
    names = {t.get_text() for t in zh.texts}
    assert {"尽量增加客户价值", "战略伙伴关系", "竞争对手关系"} & names


def test_relationship_types_axes_are_common_interest_and_relationship_value():
    ax = plotting.plot_relationship_types(relationship_type(TYPED), lang="zh")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("共同利益", "长期关系价值")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["低", "高"]


def test_positions_split_class_c_into_problem_above_dog_below():
    positioned = position_customers(abc_classify(TYPED))
    assert (positioned["position"] == "dog").any()  # the test means something
    totals = positioned.groupby("position", observed=True)["profit"].agg(["size", "sum"])
    ax = plotting.plot_positions(positioned, value="profit", lang="en")
    tiles, texts = _tiles(ax)
    assert sorted(tiles) == sorted(totals.index)
    grand = totals["sum"].sum()
    for code, (count, total) in totals.iterrows():
        share = total / grand
        shown = ("−" if share < 0 else "") + _pct(abs(share))
        assert texts[f"cell:{code}"] == f"{int(count):,} accounts\n{shown} of profit contribution"
    # columns C, B, A; A and B full height; C: problem (profitable) above dog (loss-making)
    assert {k: v[:4] for k, v in tiles.items()} == {
        "problem": (0, 1, 1, 1), "dog": (0, 0, 1, 1), "star": (1, 0, 1, 2), "gold": (2, 0, 1, 2)}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["C", "B", "A"]
    zh = plotting.plot_positions(positioned, lang="zh")
    assert {"金牌顾客", "明星顾客", "问题顾客", "瘦狗顾客"} <= {t.get_text() for t in zh.texts}


@pytest.mark.parametrize("chart", ["potential_share_grid", "two_sided_grid",
                                   "relationship_types", "positions"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tiles_keep_their_text_inside_in_projector_mode(chart, lang):
    """What a trainer projects: no text spills out of its tile, none overlaps, all glyphs."""
    set_style("projector")
    try:
        ax = CHARTS[chart](lang=lang)
        renderer = ax.figure.canvas.get_renderer()
        boxes = {p.get_gid()[5:]: p.get_window_extent(renderer) for p in ax.patches
                 if (p.get_gid() or "").startswith("tile:")}
        for text in ax.texts:
            kind, _, key = (text.get_gid() or "").partition(":")
            if kind in ("name", "cell"):
                box, tile = text.get_window_extent(renderer), boxes[key]
                assert tile.x0 <= box.x0 and box.x1 <= tile.x1, text.get_text()
        assert overlapping_labels(ax) == []
        assert png_warnings(ax) == []
    finally:
        set_style("default")


def test_grid_without_value_sizes_by_count():
    gridded = strategy_grid(BOOK)
    ax = plotting.plot_grid(gridded, rows="attractiveness_level", cols="relationship_level",
                            value=None, title="Custom")
    assert ax.get_title() == "Custom"
    assert max(_bubble_sizes(ax).values()) > 0


# ---------------------------------------------------------------------------------------
# Bars
# ---------------------------------------------------------------------------------------

def test_time_vs_value_draws_three_shares_per_tier_with_percent_labels():
    tvv = time_vs_value(abc_classify(BOOK))
    ax = plotting.plot_time_vs_value(tvv, lang="en")
    assert len(ax.containers) == 3 and all(len(c) == 3 for c in ax.containers)
    heights = [[bar.get_height() for bar in c] for c in ax.containers]
    np.testing.assert_allclose(heights, tvv[["accounts_share", "time_share", "value_share"]].T)
    labels = [t.get_text() for t in ax.texts]
    assert _pct(tvv["value_share"].iloc[0]) in labels
    assert all(label.endswith("%") for label in labels)


def test_time_tables_without_value_share():
    ax = plotting.plot_time_vs_value(TYPICAL_PORTFOLIO, lang="zh")
    assert len(ax.containers) == 2
    assert [t.get_text() for t in ax.get_xticklabels()] == ["前4%", "其后16%", "其余80%"]
    ax = plotting.plot_time_vs_value(TIME_ALLOCATION, lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["重点（大）客户", "普通客户", "有可能成为客户的企业"]


def test_segments_use_chinese_names_and_seed_figures():
    ax = plotting.plot_segments(SEGMENTS, lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["住宅客户", "中小企业", "大客户"]
    labels = {t.get_text() for t in ax.texts}
    assert {"92%", "8.3%", "0.06%", "44%", "37%"} <= labels
    ax = plotting.plot_segments(SEGMENTS, lang="en")
    assert [t.get_text() for t in ax.get_xticklabels()] == SEGMENTS["segment"].tolist()
