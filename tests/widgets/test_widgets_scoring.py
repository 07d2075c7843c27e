"""Scoring dashboard (widgets.scoring): weights → ranking, and who entered or left the top N."""

from __future__ import annotations

import pytest

from kamlab import widgets
from kamlab.exceptions import InvalidDataError, MissingColumnsError
from kamlab.scoring import DEFAULT_WEIGHTS, score_accounts, top_changes, top_n


def test_scoring_dashboard_weights_change_ranking(small_book):
    dash = widgets.scoring_dashboard(small_book, n=10)
    assert dash.top == top_n(small_book, 10)
    assert dash.change.entered == ()
    dash.sliders["relationship"].value = 0.5
    weights = dict(DEFAULT_WEIGHTS, relationship=0.5)
    assert dash.top == top_n(small_book, 10, weights)
    expected = top_changes(top_n(small_book, 10), dash.top)
    assert dash.change == expected and dash.change.changed > 0
    assert all(i in dash.status.value for i in dash.change.entered)
    assert dash.table.value.count("★") == dash.change.changed


def test_scoring_dashboard_reset_and_n(small_book):
    dash = widgets.scoring_dashboard(small_book)
    dash.sliders["access"].value = 0.5
    dash.reset_weights()
    assert dash.change.entered == () and dash.sliders["access"].value == DEFAULT_WEIGHTS["access"]
    dash.n.value = 5
    assert len(dash.top) == 5
    scored = score_accounts(small_book).sort_values("score_rank")
    assert dash.top == scored["account_id"].head(5).tolist()


def test_scoring_dashboard_all_zero_weights_is_a_message(small_book):
    dash = widgets.scoring_dashboard(small_book)
    with dash.paused():
        for slider in dash.sliders.values():
            slider.value = 0.0
    assert "zero" in dash.status.value


def test_scoring_dashboard_checks_its_criteria_when_built(small_book):
    with pytest.raises(MissingColumnsError,
                       match=r"scoring_dashboard\(\) needs the column\(s\) 'access', 'relationship'"):
        widgets.scoring_dashboard(small_book.drop(columns=["access", "relationship"]))
    with pytest.raises(InvalidDataError, match="at least one row"):
        widgets.scoring_dashboard(small_book.iloc[:0])


def test_scoring_dashboard_reset_button_reports_an_error_in_the_status(small_book, monkeypatch):
    dash = widgets.scoring_dashboard(small_book)

    def broken():
        raise ValueError("cannot reset")

    monkeypatch.setattr(dash, "reset_weights", broken)
    dash.reset.click()
    assert "ValueError: cannot reset" in dash.status.value
