"""Module 1–2 charts (kamlab.plotting.segmentation): the two-way grids, time versus value per
tier and segment economics, each drawn on the Axes it is given, in English or Chinese."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from _chart_book import BOOK

from kamlab import plotting
from kamlab.plotting._style import _pct
from kamlab.plotting.segmentation import _BUBBLE_DY
from kamlab.segmentation import (
    TIME_ALLOCATION,
    TYPICAL_PORTFOLIO,
    abc_classify,
    potential_share_grid,
    strategy_grid,
    time_vs_value,
    two_sided_grid,
)

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
