"""Module 1 charts (kamlab.plotting.concentration): the Pareto curve with its ABC bands and the
Lorenz curve, each drawn on the Axes it is given, in English or Chinese, from real results."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from kamlab import plotting
from kamlab.concentration import gini, lorenz_curve, pareto_table
from kamlab.exceptions import ParameterError
from kamlab.plotting._style import _pct
from kamlab.scoring import DEFAULT_WEIGHTS
from kamlab.segmentation import abc_classify, abc_classify_by_count, tier_summary


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
CHARTS = {
    "pareto": lambda **kw: plotting.plot_pareto(abc_classify(BOOK), **kw),
    "pareto_table": lambda **kw: plotting.plot_pareto(pareto_table(BOOK), **kw),
    "lorenz": lambda **kw: plotting.plot_lorenz(lorenz_curve(BOOK["revenue"]),
                                                gini=gini(BOOK["revenue"]), **kw),
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


@pytest.mark.parametrize("chart", ["pareto"])
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
        assert label.startswith(f"{row.tier}: {_pct(row.accounts_share)} of accounts")
        assert label.endswith(f"{_pct(row.revenue_share)} of revenue")
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
