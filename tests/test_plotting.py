"""Charts: each plot_* draws on the Axes it is given, in English or Chinese, from real results."""

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.ft2font import FT2Font

from kamlab import plotting
from kamlab.concentration import gini, lorenz_curve, pareto_table
from kamlab.exceptions import ParameterError
from kamlab.scoring import DEFAULT_WEIGHTS, score_accounts, weight_sensitivity
from kamlab.segmentation import (
    TIME_ALLOCATION,
    TYPICAL_PORTFOLIO,
    abc_classify,
    abc_classify_by_count,
    potential_share_grid,
    strategy_grid,
    tier_summary,
    time_vs_value,
    two_sided_grid,
)


def _book(n=60, seed=7):
    """A small account book with every column the charts' inputs need."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "account_id": [f"K{i:03d}" for i in range(n)],
        "name": [f"客户{i} Co." for i in range(n)],
        "revenue": np.round(rng.pareto(1.3, n) * 1e5 + 2e4),
    })
    for c in [*DEFAULT_WEIGHTS, "our_attractiveness"]:
        df[c] = rng.uniform(1, 5, n).round(2)
    df["profit"] = (df["revenue"] * rng.uniform(0.02, 0.2, n)).round()
    df["sales_hours"] = rng.uniform(10, 120, n).round()
    df["wallet"] = (df["revenue"] / rng.uniform(0.05, 0.6, n)).round()
    return df


BOOK = _book()
SEGMENTS = pd.DataFrame({  # seed 002
    "segment": ["Residential", "SME", "Large accounts"],
    "segment_zh": ["住宅客户", "中小企业", "大客户"],
    "customers_share": [0.9163, 0.0831, 0.0006],
    "revenue_share": [0.44, 0.25, 0.31],
    "ebit_share": [0.37, 0.26, 0.37],
})

CHARTS = {
    "pareto": lambda **kw: plotting.plot_pareto(abc_classify(BOOK), **kw),
    "pareto_table": lambda **kw: plotting.plot_pareto(pareto_table(BOOK), **kw),
    "lorenz": lambda **kw: plotting.plot_lorenz(lorenz_curve(BOOK["revenue"]),
                                                gini=gini(BOOK["revenue"]), **kw),
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
    "sensitivity": lambda **kw: plotting.plot_sensitivity(weight_sensitivity(BOOK), **kw),
    "scores": lambda **kw: plotting.plot_scores(score_accounts(BOOK), **kw),
}


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# ---------------------------------------------------------------------------------------
# The contract every chart keeps
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chart", CHARTS)
def test_draws_on_the_axes_it_is_given(chart, lang):
    fig, ax = plt.subplots()
    out = CHARTS[chart](ax=ax, lang=lang)
    assert out is ax
    assert plt.get_fignums() == [fig.number]  # no stray figure
    for text in (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()):
        assert text.strip()
    if lang == "zh":
        assert _has_chinese(ax.get_title())
    else:
        assert not _has_chinese(ax.get_title())


@pytest.mark.parametrize("chart", CHARTS)
def test_creates_a_figure_when_no_axes_given(chart):
    before = set(plt.get_fignums())
    ax = CHARTS[chart](lang="en")
    assert isinstance(ax, Axes)
    assert set(plt.get_fignums()) - before == {ax.figure.number}
    assert ax.figure.get_size_inches()[0] >= 6  # a readable size, not the 6.4×4.8 default guess


@pytest.mark.parametrize("chart", CHARTS)
def test_unknown_language_is_refused_before_drawing(chart):
    with pytest.raises(ParameterError, match="lang"):
        CHARTS[chart](lang="xx")
    assert plt.get_fignums() == []


@pytest.mark.parametrize("chart", ["pareto", "strategy_grid", "sensitivity", "scores"])
def test_redraws_on_a_cleared_axes(chart):
    """Dashboards clear one Axes and draw again: the second drawing matches the first."""
    fig, ax = plt.subplots()
    CHARTS[chart](ax=ax, lang="en")
    first = (len(ax.patches), len(ax.lines), len(ax.texts))
    ax.clear()
    assert CHARTS[chart](ax=ax, lang="zh") is ax
    assert (len(ax.patches), len(ax.lines), len(ax.texts)) == first


def test_input_is_not_changed():
    classified = abc_classify(BOOK)
    before = classified.copy()
    plotting.plot_pareto(classified)
    pd.testing.assert_frame_equal(classified, before)


# ---------------------------------------------------------------------------------------
# Chinese text renders as glyphs
# ---------------------------------------------------------------------------------------

def test_a_cjk_font_is_found():
    family = plotting.use_cjk_font()
    assert family, 'no Chinese font: pip install "noto-cjk[sans]" or apt-get install fonts-wqy-microhei'
    assert list(matplotlib.rcParams["font.family"]) == ["DejaVu Sans", family]
    path = font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)
    font = FT2Font(path, face_index=getattr(path, "face_index", 0))
    for char in "客户销售额集中度":
        assert font.get_char_index(ord(char)) != 0, char


def test_chinese_title_and_ticks_render_without_missing_glyphs():
    fig, ax = plt.subplots()
    ax.bar(["大客户", "中小企业", "住宅客户"], [0.31, 0.25, 0.44])
    ax.set_title("细分市场:收入占比 −5%")
    ax.set_xlabel("客户数累计占比(%)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
        plotting.plot_strategy_grid(strategy_grid(BOOK), lang="zh").figure.savefig(
            io.BytesIO(), format="png")
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "missing from font" in m or "Glyph" in m], messages


def test_no_font_gives_one_clear_warning(monkeypatch):
    monkeypatch.setattr(plotting, "_register_noto_cjk", lambda: None)
    monkeypatch.setattr(plotting, "_CJK_PREFERRED", ())
    monkeypatch.setattr(plotting, "_CJK_HINTS", ("No Such Font Family",))
    monkeypatch.setattr(plotting, "_warned_no_font", False)
    with pytest.warns(UserWarning, match=r'pip install "noto-cjk\[sans\]".*fonts-wqy-microhei'):
        assert plotting.use_cjk_font() is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert plotting.use_cjk_font() is None  # once only


# ---------------------------------------------------------------------------------------
# Pareto and Lorenz
# ---------------------------------------------------------------------------------------

def _bands(ax):
    return [p for p in ax.patches if (p.get_gid() or "").startswith("band:")]


@pytest.mark.parametrize("classify", [abc_classify, abc_classify_by_count])
def test_pareto_shades_one_band_per_class_with_its_shares(classify):
    classified = classify(BOOK)
    summary = tier_summary(classified, "abc", ["revenue"])
    ax = plotting.plot_pareto(classified, lang="en")
    bands = _bands(ax)
    assert [b.get_gid() for b in bands] == ["band:A", "band:B", "band:C"]
    for band, row in zip(bands, summary.itertuples()):
        label = band.get_label()
        assert label.startswith(f"{row.tier}: {plotting._pct(row.accounts_share)} of accounts")
        assert label.endswith(f"{plotting._pct(row.revenue_share)} of revenue")
        x0, x1 = band.get_x(), band.get_x() + band.get_width()
        assert x1 - x0 == pytest.approx(row.accounts_share)


def test_pareto_band_labels_in_chinese():
    ax = plotting.plot_pareto(abc_classify(BOOK), lang="zh")
    assert all(b.get_label().startswith(b.get_gid()[-1] + "类:") for b in _bands(ax))
    assert "销售额" in _bands(ax)[0].get_label()


def test_pareto_curve_is_downsampled_and_ends_at_one_one():
    rng = np.random.default_rng(1)
    big = pd.DataFrame({"account_id": np.arange(50_000), "revenue": rng.pareto(1.1, 50_000) + 0.01})
    classified = abc_classify(big)
    ax = plotting.plot_pareto(classified, max_points=1500)
    curve = next(line for line in ax.lines if line.get_linewidth() > 2)
    x, y = curve.get_xdata(), curve.get_ydata()
    assert len(x) <= 1500
    assert (x[0], y[0]) == (0.0, 0.0)
    assert (x[-1], y[-1]) == pytest.approx((1.0, 1.0))
    assert np.all(np.diff(x) > 0)
    # the class boundaries are points of the drawn curve, so the marks sit on it
    n_a = int((classified["abc"] == "A").sum())
    assert n_a / 50_000 in set(x)
    assert len(_bands(ax)) == 3


def test_pareto_without_classes_marks_the_top_20_percent():
    ax = plotting.plot_pareto(pareto_table(BOOK), lang="en")
    assert _bands(ax) == []
    marks = [t.get_text() for t in ax.texts if t.get_text().startswith("Top 20% of accounts")]
    assert len(marks) == 1 and marks[0].endswith("of revenue")


def test_pareto_refuses_a_tiny_max_points():
    with pytest.raises(ParameterError, match="max_points"):
        plotting.plot_pareto(abc_classify(BOOK), max_points=1)


def test_lorenz_annotates_the_gini():
    g = gini(BOOK["revenue"])
    ax = plotting.plot_lorenz(lorenz_curve(BOOK["revenue"]), gini=g, lang="zh")
    assert [t.get_text() for t in ax.texts if t.get_gid() == "gini"] == [f"基尼系数 = {g:.2f}"]
    assert len(ax.collections) == 1  # the shaded gap
    ax = plotting.plot_lorenz(lorenz_curve(BOOK["revenue"]))
    assert not [t for t in ax.texts if t.get_gid() == "gini"]


# ---------------------------------------------------------------------------------------
# Grids
# ---------------------------------------------------------------------------------------

def _cells(df, rows, cols, value="revenue"):
    return df.groupby([rows, cols], observed=True)[value].agg(["size", "sum"])


def _bubble_sizes(ax):
    bubbles = next(c for c in ax.collections if c.get_gid() == "bubbles")
    offsets = np.rint(bubbles.get_offsets() - [0, plotting._BUBBLE_DY]).astype(int)
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
        assert text.endswith(f"{plotting._pct(total / cells['sum'].sum())} of revenue")

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
    assert plotting._pct(tvv["value_share"].iloc[0]) in labels
    assert all(label.endswith("%") for label in labels)


def test_time_tables_without_value_share():
    ax = plotting.plot_time_vs_value(TYPICAL_PORTFOLIO, lang="zh")
    assert len(ax.containers) == 2
    assert [t.get_text() for t in ax.get_xticklabels()] == ["前4%", "其后16%", "其余80%"]
    ax = plotting.plot_time_vs_value(TIME_ALLOCATION, lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == TIME_ALLOCATION["tier_zh"].tolist()


def test_segments_use_chinese_names_and_seed_figures():
    ax = plotting.plot_segments(SEGMENTS, lang="zh")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["住宅客户", "中小企业", "大客户"]
    labels = {t.get_text() for t in ax.texts}
    assert {"92%", "8.3%", "0.06%", "44%", "37%"} <= labels
    ax = plotting.plot_segments(SEGMENTS, lang="en")
    assert [t.get_text() for t in ax.get_xticklabels()] == SEGMENTS["segment"].tolist()


def test_sensitivity_bar_lengths_are_the_changed_counts():
    sens = weight_sensitivity(BOOK, n=10, delta=0.5)
    assert sens["changed"].sum() > 0  # the test means something
    ax = plotting.plot_sensitivity(sens, n=10, lang="zh")
    bars = {p.get_gid(): p.get_width() for p in ax.patches if p.get_gid()}
    assert len(bars) == len(sens)
    for row in sens.itertuples():
        width = bars[f"{row.criterion}|{row.direction}"]
        assert abs(width) == row.changed
        assert width == 0 or np.sign(width) == row.direction
    assert "50%" in ax.get_title() and "前10名" in ax.get_title()
    assert "差异性" in [t.get_text() for t in ax.get_yticklabels()]


def test_sensitivity_most_sensitive_criterion_on_top():
    sens = weight_sensitivity(BOOK, n=10, delta=0.5)
    ax = plotting.plot_sensitivity(sens, lang="en")
    totals = sens.groupby("criterion")["changed"].sum()
    by_label = {plotting._criterion_label(c, "en"): v for c, v in totals.items()}
    top_down = sorted(zip(ax.get_yticks(), ax.get_yticklabels()), key=lambda p: -p[0])
    drawn = [by_label[label.get_text()] for _, label in top_down]
    assert drawn == sorted(drawn, reverse=True)


def test_scores_show_the_top_n_best_first_with_highlights():
    scored = score_accounts(BOOK)
    best = scored.sort_values("score_rank")
    ax = plotting.plot_scores(scored, n=5, highlight=[best["account_id"].iloc[1]], lang="en")
    bars = list(ax.containers[0])
    assert len(bars) == 5
    top_down = sorted(zip(ax.get_yticks(), ax.get_yticklabels()), key=lambda p: -p[0])
    assert [label.get_text() for _, label in top_down] == best["name"].head(5).tolist()
    colours = [matplotlib.colors.to_hex(b.get_facecolor()) for b in bars]
    assert colours[1] != colours[0] and colours.count(colours[0]) == 4
    np.testing.assert_allclose([b.get_width() for b in bars], best["score"].head(5))


def test_scores_fall_back_to_ids_without_names():
    scored = score_accounts(BOOK.drop(columns="name"))
    ax = plotting.plot_scores(scored, n=3)
    assert all(t.get_text().startswith("K") for t in ax.get_yticklabels())
