"""Module 2 charts (kamlab.plotting.scoring): who enters and leaves the top n when a weight
moves, and the top-n scores, each drawn on the Axes it is given, in English or Chinese, from
real results."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
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

def _cells(ax):
    return {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}


def test_sensitivity_names_who_enters_and_who_leaves_in_each_cell():
    """Issue 14: the tornado had ticks "1 0 1" and empty rows; each cell now says which
    accounts enter and which leave the top n, or that the top n stays the same."""
    sens = weight_sensitivity(BOOK, n=10, delta=0.5)
    assert sens["changed"].sum() > 0 and (sens["changed"] == 0).any()  # both kinds of cell
    ax = plotting.plot_sensitivity(sens, n=10, lang="en")
    cells = _cells(ax)
    for row in sens.itertuples():
        key = f"{row.criterion}|{row.direction}"
        if row.changed:
            assert cells[f"in:{key}"].startswith("In: " + ", ".join(row.entered[:3]))
            assert cells[f"out:{key}"].startswith("Out: " + ", ".join(row.left[:3]))
            assert f"same:{key}" not in cells
        else:
            assert cells[f"same:{key}"] == "same top 10"
            assert f"in:{key}" not in cells
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Weight −50%", "Weight +50%"]
    assert "enters" in ax.get_title() and "±50%" in ax.get_title()


def test_sensitivity_in_chinese():
    sens = weight_sensitivity(BOOK, n=10, delta=0.5)
    ax = plotting.plot_sensitivity(sens, n=10, lang="zh")
    texts = list(_cells(ax).values())
    assert any(t.startswith("进入：") for t in texts) and any(t.startswith("退出：") for t in texts)
    assert "前10名不变" in texts
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


def test_sensitivity_counts_the_ids_beyond_shown():
    sens = pd.DataFrame({"criterion": ["access", "access"], "direction": [-1, 1],
                         "weight": [0.1, 0.1], "new_weight": [0.08, 0.12],
                         "changed": [5, 0], "entered": [tuple("abcde"), ()],
                         "left": [tuple("vwxyz"), ()]})
    cells = _cells(plotting.plot_sensitivity(sens, n=10, lang="en"))
    assert cells["in:access|-1"] == "In: a, b, c +2 more"
    assert cells["out:access|-1"] == "Out: v, w, x +2 more"
    assert cells["same:access|1"] == "same top 10"
    zh = _cells(plotting.plot_sensitivity(sens, n=10, lang="zh", shown=4))
    assert zh["in:access|-1"] == "进入：a, b, c, d 另有1个"


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
