"""Module 2 charts (kamlab.plotting.scoring): the weight-sensitivity tornado and the top-n
scores, each drawn on the Axes it is given, in English or Chinese, from real results."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
from _chart_book import BOOK

from kamlab import plotting
from kamlab.plotting.scoring import _criterion_label
from kamlab.scoring import score_accounts, weight_sensitivity

CHARTS = {
    "sensitivity": lambda **kw: plotting.plot_sensitivity(weight_sensitivity(BOOK), **kw),
    "scores": lambda **kw: plotting.plot_scores(score_accounts(BOOK), **kw),
}




# ---------------------------------------------------------------------------------------
# The contract every chart keeps: tests/plotting/test_plotting_contract.py
# ---------------------------------------------------------------------------------------









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
