"""The coverage dashboard (widgets.buying_centre, module 6): set each control in Python and
assert that the coverage, the gap scores, the code line, the gap list and the map follow;
errors are one red status line; the blitted map is the full drawing. On the bundled top 10
(the timing is tests/bench.py's bench_coverage_dashboard)."""

from __future__ import annotations

import html
import io
import re

import numpy as np
import pandas as pd
import pytest

from kamlab import load_dataset
from kamlab.cases.buying_centre import (
    AFTER_REORG,
    BEFORE_REORG,
    coverage_gaps,
    coverage_map,
    gap_score,
    gap_scores,
    with_coverage,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError
from kamlab.widgets import buying_centre as bc_widgets
from kamlab.widgets.buying_centre import coverage_dashboard

RED = "#c62828"
PAINT_SHOP = "M01-C04"  # M01's paint-shop supervisor: influence 2, covered only by field service


@pytest.fixture(scope="module")
def centre():
    return load_dataset("buying_centre")


@pytest.fixture(scope="module")
def coverage():
    return load_dataset("account_coverage")


def _png(d) -> bytes:
    assert d.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    return d.chart.value


def _pixels(png: bytes):
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)))


def _code(d) -> list[str]:
    return [html.unescape(re.sub("<[^>]+>", "", line)) for line in d.code.value.split("<br>")]


def _run_code(d, centre, coverage):
    """The code lines, run as a trainee would run them under the dashboard."""
    names = {"centre": centre, "coverage": coverage, "with_coverage": with_coverage,
             "coverage_map": coverage_map, "gap_scores": gap_scores,
             "AFTER_REORG": AFTER_REORG, "BEFORE_REORG": BEFORE_REORG}
    *edits, map_line, scores_line = _code(d)
    for line in edits:
        exec(line, names)
    return eval(map_line, names), eval(scores_line, names), names["coverage"]


def _pick(d, contact, person):
    d.contact.value = contact
    d.person.value = person


# ---------------------------------------------------------------------------------------
# As built
# ---------------------------------------------------------------------------------------

def test_built_on_the_first_account_after_the_reorganisation(centre, coverage):
    d = coverage_dashboard(centre, coverage)
    assert d.error is None and d.account.value == "M01" and d.team == AFTER_REORG
    assert d.reorg.value is True and d.edits == [] and d.coverage is coverage
    assert d.score == pytest.approx(gap_score(centre, coverage, account_id="M01"))
    assert d.score_all == pytest.approx(gap_score(centre, coverage))
    assert round(d.score_all, 3) == 0.249
    assert _code(d) == ["coverage_map(centre, coverage, 'M01', team=AFTER_REORG)",
                        "gap_scores(centre, coverage, team=AFTER_REORG)"]
    table = html.unescape(d.table.value)
    assert f"Gap score, M01</th><td>{d.score:.1%}" in table
    assert f"Gap score, all 10 accounts</th><td>{d.score_all:.1%}" in table
    _png(d)


def test_the_code_lines_give_the_same_map_and_scores(centre, coverage):
    d = coverage_dashboard(centre, coverage, account="M04")
    m, scores, _ = _run_code(d, centre, coverage)
    pd.testing.assert_frame_equal(m.strength, d.map.strength)
    pd.testing.assert_frame_equal(scores, d.scores)


def test_the_gap_list_is_the_accounts_gaps_largest_first(centre, coverage):
    d = coverage_dashboard(centre, coverage, account="M04")
    gaps = d.gaps
    pd.testing.assert_frame_equal(gaps, coverage_gaps(centre, coverage, account_id="M04"))
    assert gaps["gap"].is_monotonic_decreasing
    shown = gaps[gaps["gap"] > 0]
    text = html.unescape(d.gap_list.value)
    positions = [text.index(name) for name in shown["contact"]]
    assert positions == sorted(positions) and "Largest gaps" in text
    assert "Uncovered" in text or "Weak" in text


# ---------------------------------------------------------------------------------------
# Each control
# ---------------------------------------------------------------------------------------

def test_picking_a_pair_shows_its_strength_without_changing_anything(centre, coverage):
    d = coverage_dashboard(centre, coverage)
    _pick(d, "M01-C01", "Tom Becker")
    assert d.strength.value == 3
    _pick(d, PAINT_SHOP, "Tom Becker")
    assert d.strength.value == 0
    _pick(d, PAINT_SHOP, "Luis Ortega")
    assert d.strength.value == 1
    assert d.edits == [] and d.coverage is coverage and d.error is None


def test_strengthening_a_contact_lowers_the_gap_by_the_closed_form(centre, coverage):
    d = coverage_dashboard(centre, coverage)
    chart, old, gaps_html = _png(d), d.score, d.gap_list.value
    _pick(d, PAINT_SHOP, "Tom Becker")
    d.strength.value = 2
    assert d.error is None and len(d.coverage) == len(coverage) + 1
    influence_total = d.map.contacts["influence"].sum()
    assert old - d.score == pytest.approx(2 * (2 / 3) / influence_total)  # influence 2
    assert d.score == pytest.approx(gap_score(centre, d.coverage, account_id="M01"))
    assert _code(d)[0] == "coverage = with_coverage(coverage, 'M01', 'M01-C04', 'Tom Becker', 2)"
    m, scores, edited = _run_code(d, centre, coverage)
    pd.testing.assert_frame_equal(edited, d.coverage)
    pd.testing.assert_frame_equal(scores, d.scores)
    assert m.strength.loc[PAINT_SHOP, "Tom Becker"] == 2
    assert _png(d) != chart and d.gap_list.value != gaps_html
    assert "1 change(s) to the coverage" in d.status.value


def test_the_same_pair_changed_twice_is_one_code_line(centre, coverage):
    d = coverage_dashboard(centre, coverage)
    _pick(d, PAINT_SHOP, "Tom Becker")
    d.strength.value = 1
    d.strength.value = 3
    assert len(d.edits) == 1 and len(_code(d)) == 3
    assert "'Tom Becker', 3)" in _code(d)[0]
    _, scores, _ = _run_code(d, centre, coverage)
    pd.testing.assert_frame_equal(scores, d.scores)


def test_the_reorganisation_toggle_changes_the_team(centre, coverage):
    d = coverage_dashboard(centre, coverage)
    after, chart = d.score_all, _png(d)
    d.reorg.value = False
    assert d.team == BEFORE_REORG and d.error is None
    assert d.score_all == pytest.approx(gap_score(centre, coverage, team=BEFORE_REORG))
    assert d.score_all > 2 * after
    assert _code(d)[-1] == "gap_scores(centre, coverage, team=BEFORE_REORG)"
    assert _png(d) != chart
    assert d.map.people.set_index("our_person").loc["Wei Zhang", "in_team"] == False  # noqa: E712
    d.reorg.value = True
    assert d.team == AFTER_REORG and d.score_all == pytest.approx(after)


def test_another_account_refreshes_the_contacts_and_people(centre, coverage):
    d = coverage_dashboard(centre, coverage)
    d.account.value = "M05"
    contacts = centre.loc[centre["account_id"] == "M05", "contact_id"].drop_duplicates().tolist()
    assert [v for _, v in d.contact.options] == contacts and d.contact.value == contacts[0]
    people = [v for _, v in d.person.options]
    assert people[0] == "Jason Reed" and people[-1] == "__new__"
    assert d.score == pytest.approx(gap_score(centre, coverage, account_id="M05"))
    assert "'M05'" in _code(d)[0] and d.map.account_id == "M05"


def test_assigning_a_new_person(centre, coverage):
    d = coverage_dashboard(centre, coverage)
    _pick(d, PAINT_SHOP, "__new__")
    assert d.strength.value == 0
    d.strength.value = 2  # no name yet: a red line, nothing changes
    assert RED in d.status.value and "Type the new person's name" in html.unescape(d.status.value)
    assert d.edits == [] and d.coverage is coverage and d.strength.value == 0
    d.new_name.value = "Ann Lee"
    d.new_function.value = "service"
    d.strength.value = 3
    assert d.error is None and d.person.value == "Ann Lee"
    row = d.coverage.iloc[-1]
    assert (row["our_person"], row["function"], row["strength"]) == ("Ann Lee", "service", 3)
    assert _code(d)[0] == ("coverage = with_coverage(coverage, 'M01', 'M01-C04', 'Ann Lee', 3, "
                           "function='service')")
    # service is outside the account team: the new relationship does not count
    assert d.score == pytest.approx(gap_score(centre, coverage, account_id="M01"))
    assert "Ann Lee" in d.map.people["our_person"].tolist()
    _, scores, _ = _run_code(d, centre, coverage)
    pd.testing.assert_frame_equal(scores, d.scores)


def test_undo_goes_back_to_the_coverage_given(centre, coverage):
    d = coverage_dashboard(centre, coverage)
    start, chart = d.score, _png(d)
    _pick(d, PAINT_SHOP, "Wei Zhang")
    d.strength.value = 3
    assert d.score < start
    d.reset.click()
    assert d.error is None and d.edits == [] and d.coverage is coverage
    assert d.score == start and d.strength.value == 0 and d.status.value == ""
    np.testing.assert_array_equal(_pixels(_png(d)), _pixels(chart))


def test_several_changes_at_once_render_once(centre, coverage, monkeypatch):
    d = coverage_dashboard(centre, coverage)
    calls = []
    real = bc_widgets.coverage_map
    monkeypatch.setattr(bc_widgets, "coverage_map",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    with d.paused():
        d.account.value = "M02"
        d.reorg.value = False
    assert len(calls) == 1 and d.team == BEFORE_REORG and d.map.account_id == "M02"


# ---------------------------------------------------------------------------------------
# The map image: redrawn in full per account and team, blitted for a change of strength
# ---------------------------------------------------------------------------------------

def test_the_blitted_map_is_the_full_drawing(centre, coverage):
    d = coverage_dashboard(centre, coverage, account="M06")
    _pick(d, "M06-C01", "Tom Becker")
    key = d._map_key
    d.strength.value = 1  # the buyer: strong -> weak, status and title change
    assert d._map_key is key  # the fast path ran
    fresh = coverage_dashboard(centre, d.coverage, account="M06")
    np.testing.assert_array_equal(_pixels(d.chart.value), _pixels(fresh.chart.value))
    d.reorg.value = False  # a new frame
    fresh = coverage_dashboard(centre, d.coverage, account="M06", team=BEFORE_REORG)
    np.testing.assert_array_equal(_pixels(d.chart.value), _pixels(fresh.chart.value))


def test_a_frame_seen_before_is_reused_with_todays_names_and_title(centre, coverage):
    d = coverage_dashboard(centre, coverage, account="M06")
    d.reorg.value = False
    _pick(d, "M06-C01", "Tom Becker")
    d.strength.value = 0  # changes the names' colours and the title under the old team
    assert len(d._frames) == 2
    d.reorg.value = True  # back to a frame drawn when the buyer was strongly covered
    d.account.value = "M02"
    d.account.value = "M06"
    assert len(d._frames) == 3  # M06 after, M06 before, M02 after: each drawn once
    fresh = coverage_dashboard(centre, d.coverage, account="M06")
    np.testing.assert_array_equal(_pixels(d.chart.value), _pixels(fresh.chart.value))
    assert "Decider + Buyer · 5" in d.ax.get_yticklabels()[0].get_text()
    assert d.ax.get_yticklabels()[0].get_color() == "#c94c4c"  # now uncovered: red


def test_the_axis_label_stays_clear_of_the_names_in_either_path(centre, coverage):
    d = coverage_dashboard(centre, coverage, account="M06")
    for change in (None, 1):  # as built (the full drawing), then a blitted change
        if change is not None:
            _pick(d, "M06-C01", "Tom Becker")
            d.strength.value = change
        renderer = d.fig.canvas.get_renderer()
        label = d.ax.yaxis.label.get_window_extent(renderer)
        names = [n.get_window_extent(renderer) for n in d.ax.get_yticklabels()]
        assert all(label.x1 <= box.x0 for box in names)


# ---------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------

def test_the_dashboard_in_chinese(centre, coverage):
    d = coverage_dashboard(centre, coverage, lang="zh")
    assert d.reorg.description == "技术人员向KAM部门汇报"
    assert d.account.options[0][0] == "M01 北星电器"
    assert "(决策者 + 采购者)" in d.contact.options[0][0]
    assert "汤姆·贝克尔 (关键客户经理)" == d.person.options[0][0]
    assert "缺口指数：M01" in d.table.value and "最大的覆盖缺口" in d.gap_list.value
    assert "未覆盖" in d.gap_list.value and "涂装车间主管" in d.gap_list.value
    assert "汉娜·罗斯" in d.gap_list.value or "张伟" in d.gap_list.value  # our people in Chinese
    assert d.ax.get_title().startswith("北星电器：谁覆盖谁")


# ---------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------

def test_tables_and_arguments_are_checked_when_built(centre, coverage):
    with pytest.raises(MissingColumnsError, match=r"coverage_dashboard\(\) needs the column"
                                                  r"\(s\) 'influence'"):
        coverage_dashboard(centre.drop(columns="influence"), coverage)
    with pytest.raises(InvalidDataError, match="at least one row"):
        coverage_dashboard(centre, coverage.iloc[:0])
    with pytest.raises(InvalidDataError, match="whole strengths 0–3"):
        coverage_dashboard(centre, coverage.assign(strength=coverage["strength"] + 1))
    with pytest.raises(ParameterError, match="no account 'M99'"):
        coverage_dashboard(centre, coverage, account="M99")
    with pytest.raises(ParameterError, match="team takes function codes"):
        coverage_dashboard(centre, coverage, team=("kam", "sales"))


def test_a_failing_change_keeps_the_last_chart_and_recovers(centre, coverage, monkeypatch):
    d = coverage_dashboard(centre, coverage)
    chart = _png(d)

    def broken(*args, **kwargs):
        raise RuntimeError("the map broke")

    monkeypatch.setattr(bc_widgets, "coverage_map", broken)
    d.reorg.value = False
    assert d.status.value == f"<span style='color:{RED}'>RuntimeError: the map broke</span>"
    assert d.chart.value == chart and isinstance(d.error, RuntimeError)
    monkeypatch.undo()
    d.reorg.value = True
    assert d.error is None and RED not in d.status.value


def test_the_tables_are_not_changed(centre, coverage):
    c0, v0 = centre.copy(deep=True), coverage.copy(deep=True)
    d = coverage_dashboard(centre, coverage)
    _pick(d, PAINT_SHOP, "Tom Becker")
    d.strength.value = 2
    d.reorg.value = False
    pd.testing.assert_frame_equal(centre, c0)
    pd.testing.assert_frame_equal(coverage, v0)
