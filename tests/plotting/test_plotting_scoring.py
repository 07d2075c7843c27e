"""Module 2 charts (kamlab.plotting.scoring): the weight-sensitivity tornado and the top-n
scores, each drawn on the Axes it is given, in English or Chinese, from real results."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from kamlab import plotting
from kamlab.exceptions import ParameterError
from kamlab.plotting.scoring import _criterion_label
from kamlab.scoring import DEFAULT_WEIGHTS, score_accounts, weight_sensitivity


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


@pytest.mark.parametrize("chart", ["sensitivity", "scores"])
def test_redraws_on_a_cleared_axes(chart):
    """Dashboards clear one Axes and draw again: the second drawing matches the first."""
    fig, ax = plt.subplots()
    CHARTS[chart](ax=ax, lang="en")
    first = (len(ax.patches), len(ax.lines), len(ax.texts))
    ax.clear()
    assert CHARTS[chart](ax=ax, lang="zh") is ax
    assert (len(ax.patches), len(ax.lines), len(ax.texts)) == first


# ---------------------------------------------------------------------------------------
# Sensitivity and scores
# ---------------------------------------------------------------------------------------

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
    by_label = {_criterion_label(c, "en"): v for c, v in totals.items()}
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
