"""Module 1 charts (kamlab.plotting.concentration): the Pareto curve with its ABC bands and the
Lorenz curve, each drawn on the Axes it is given, in English or Chinese, from real results."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from _chart_book import BOOK

from kamlab import plotting
from kamlab.concentration import gini, lorenz_curve, pareto_table, top_count, top_share
from kamlab.exceptions import ParameterError
from kamlab.plotting._style import _pct
from kamlab.segmentation import abc_classify, abc_classify_by_count, tier_summary

CHARTS = {
    "pareto": lambda **kw: plotting.plot_pareto(abc_classify(BOOK), **kw),
    "pareto_table": lambda **kw: plotting.plot_pareto(pareto_table(BOOK), **kw),
    "lorenz": lambda **kw: plotting.plot_lorenz(lorenz_curve(BOOK["revenue"]),
                                                gini=gini(BOOK["revenue"]), **kw),
}




# ---------------------------------------------------------------------------------------
# The contract every chart keeps: tests/plotting/test_plotting_contract.py
# ---------------------------------------------------------------------------------------









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
    assert all(b.get_label().startswith(b.get_gid()[-1] + "类：") for b in _bands(ax))
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


def _marks(ax):
    return {t.get_gid(): t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("mark:")}


@pytest.mark.parametrize(("value", "mark"), [("revenue", 0.03), ("profit", 0.11),
                                             ("revenue", (0.03, 0.2))])
def test_pareto_marks_the_shares_it_is_given(value, mark):
    """Notebook 01 marks the seed's figures: 3% -> 50% of revenue, 11% -> 75% of profit."""
    ax = plotting.plot_pareto(pareto_table(BOOK, value), value=value, mark=mark, lang="en")
    fracs = [mark] if isinstance(mark, float) else list(mark)
    n = len(BOOK)
    name = "revenue" if value == "revenue" else "profit contribution"
    assert _marks(ax) == {
        f"mark:{f:g}": f"Top {_pct(top_count(n, f) / n)} of accounts: "
                       f"{_pct(top_share(BOOK[value], f))} of {name}" for f in fracs}
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    assert sorted(d.get_xdata()[0] for d in dots) == [top_count(n, f) / n for f in sorted(fracs)]


def test_pareto_marks_nothing_with_none_and_refuses_shares_outside_0_1():
    assert _marks(plotting.plot_pareto(pareto_table(BOOK), mark=None)) == {}
    for bad in (0, 1.5, (0.03, -0.1), "3%"):
        with pytest.raises(ParameterError, match="mark"):
            plotting.plot_pareto(pareto_table(BOOK), mark=bad)


def test_pareto_mark_in_chinese():
    ax = plotting.plot_pareto(pareto_table(BOOK), mark=0.03, lang="zh")
    (text,) = _marks(ax).values()
    assert text.startswith("前") and "销售额" in text


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
