"""The contract every chart keeps: it draws on the Axes it is given (or a new, readable
figure), in English or Chinese with a title and axis labels, refuses an unknown language before
drawing, and redraws the same on a cleared Axes (as dashboards do).

Modules 1-2's charts are drawn by the CHARTS of their topic files; modules 4-6's (the
economics, the bank, the manufacturer, the buying centre, the mini-cases) by the CASES of
theirs, and keep a stricter contract: every text in the language asked for, no overlapping
labels, a PNG without warnings (no missing glyphs), the same drawing after a clear."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from _chart_book import draw, gids, has_chinese, overlapping_labels, png_warnings, texts_on
from matplotlib.axes import Axes
from test_plotting_bank import CASES as BANK
from test_plotting_buying_centre import CASES as BUYING_CENTRE
from test_plotting_concentration import CHARTS as CONCENTRATION
from test_plotting_economics import CASES as ECONOMICS
from test_plotting_manufacturer import CASES as MANUFACTURER
from test_plotting_mini_cases import CASES as MINI_CASES
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


# ---------------------------------------------------------------------------------------
# Modules 4-6: the case charts
# ---------------------------------------------------------------------------------------

CASES = {f"{topic}/{name}": case
         for topic, cases in (("economics", ECONOMICS), ("bank", BANK),
                              ("manufacturer", MANUFACTURER), ("buying_centre", BUYING_CENTRE),
                              ("mini_cases", MINI_CASES))
         for name, case in cases.items()}
#: charts whose x axis is a row of named steps or bars, with no axis title
NO_XLABEL = {"economics/waterfall", "economics/waterfall_pocket", "economics/waterfall_evc",
             "economics/waterfall_cny", "economics/value_split", "bank/bridge"}
MIN_CHINESE = 5  # texts in Chinese on a Chinese chart: the labels come from kamlab.i18n


@pytest.mark.parametrize("name", CASES)
def test_case_chart_draws_on_the_axes_given_or_a_new_one(name):
    fig, ax = plt.subplots()
    assert draw(CASES[name], "en", ax=ax) is ax
    assert plt.get_fignums() == [fig.number]  # no stray figure
    new = draw(CASES[name], "en")
    assert isinstance(new, Axes) and new is not ax and new.figure is not fig
    assert plt.get_fignums() == [fig.number, new.figure.number]
    assert new.figure.get_size_inches()[0] >= 6  # a readable size


@pytest.mark.parametrize("name", CASES)
def test_case_chart_english_and_chinese_titles_axis_labels_and_ticks(name):
    en, zh = draw(CASES[name], "en"), draw(CASES[name], "zh")
    assert en.get_title() and has_chinese(zh.get_title())
    assert en.get_ylabel() and has_chinese(zh.get_ylabel())  # the value axis, with its unit
    if name not in NO_XLABEL:
        assert en.get_xlabel() and has_chinese(zh.get_xlabel())
    assert not [s for s in texts_on(en) if has_chinese(s)], "Chinese text in the English chart"
    assert all(en.get_title() not in s for s in texts_on(zh))
    assert len([s for s in texts_on(zh) if has_chinese(s)]) >= MIN_CHINESE


@pytest.mark.parametrize("name", CASES)
def test_case_chart_refuses_an_unknown_language_before_drawing(name):
    with pytest.raises(ParameterError, match="lang"):
        draw(CASES[name], "xx")
    assert plt.get_fignums() == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", CASES)
def test_case_chart_renders_to_png_without_warnings_or_missing_glyphs(name, lang):
    assert png_warnings(draw(CASES[name], lang)) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", CASES)
def test_case_chart_has_no_overlapping_labels(name, lang):
    assert overlapping_labels(draw(CASES[name], lang)) == []


@pytest.mark.parametrize("name", CASES)
def test_case_chart_redraws_the_same_on_a_cleared_axes(name):
    """A dashboard clears its Axes and draws again: the second drawing matches the first
    (a twin axis is not added twice)."""
    fig, ax = plt.subplots()

    def drawing():
        return (len(ax.patches), len(ax.lines), len(ax.texts), len(ax.images), gids(ax),
                len(fig.axes))

    draw(CASES[name], "en", ax=ax)
    first = drawing()
    ax.clear()
    assert draw(CASES[name], "zh", ax=ax) is ax
    assert drawing() == first
