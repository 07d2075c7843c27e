"""The contract every module-1/2 chart keeps: it draws on the Axes it is given (or a new,
readable figure), in English or Chinese with a title and axis labels, refuses an unknown
language before drawing, and redraws the same on a cleared Axes (as dashboards do)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from _chart_book import has_chinese
from matplotlib.axes import Axes
from test_plotting_concentration import CHARTS as CONCENTRATION
from test_plotting_scoring import CHARTS as SCORING
from test_plotting_segmentation import CHARTS as SEGMENTATION

from kamlab.exceptions import ParameterError

CHARTS = {**CONCENTRATION, **SEGMENTATION, **SCORING}
REDRAWN = ["pareto", "strategy_grid", "sensitivity", "scores"]  # the charts dashboards redraw


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chart", CHARTS)
def test_draws_on_the_axes_it_is_given(chart, lang):
    fig, ax = plt.subplots()
    out = CHARTS[chart](ax=ax, lang=lang)
    assert out is ax
    assert plt.get_fignums() == [fig.number]  # no stray figure
    for text in (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()):
        assert text.strip()
    assert has_chinese(ax.get_title()) == (lang == "zh")


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


@pytest.mark.parametrize("chart", REDRAWN)
def test_redraws_on_a_cleared_axes(chart):
    """Dashboards clear one Axes and draw again: the second drawing matches the first."""
    fig, ax = plt.subplots()
    CHARTS[chart](ax=ax, lang="en")
    first = (len(ax.patches), len(ax.lines), len(ax.texts))
    ax.clear()
    assert CHARTS[chart](ax=ax, lang="zh") is ax
    assert (len(ax.patches), len(ax.lines), len(ax.texts)) == first
