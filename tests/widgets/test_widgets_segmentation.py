"""ABC dashboard (widgets.segmentation): set control values in Python and assert that the output
changed correctly; export never overwrites."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlab import widgets
from kamlab.exceptions import MissingColumnsError
from kamlab.segmentation import abc_classify, abc_classify_by_count, tier_summary


def _png(dash) -> bytes:
    assert dash.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    return dash.chart.value


def test_abc_dashboard_matches_plain_code(small_book):
    dash = widgets.abc_dashboard(small_book)
    expected = tier_summary(abc_classify(small_book, "revenue", cutoffs=(0.8, 0.95)), "abc",
                            ["revenue", "profit", "sales_hours"])
    pd.testing.assert_frame_equal(dash.summary, expected)
    assert "abc_classify(df, 'revenue', cutoffs=(0.80, 0.95))" in dash.code.value


def test_abc_dashboard_slider_moves_the_boundary(small_book):
    dash = widgets.abc_dashboard(small_book)
    before, chart_before = dash.summary.copy(), _png(dash)
    dash.cut_a.value = 0.6
    a_before = before.loc[before.tier == "A", "accounts"].item()
    a_after = dash.summary.loc[dash.summary.tier == "A", "accounts"].item()
    assert a_after < a_before
    assert dash.summary.loc[dash.summary.tier == "A", "revenue_share"].item() >= 0.6
    assert _png(dash) != chart_before
    assert "cutoffs=(0.60, 0.95)" in dash.code.value


def test_abc_dashboard_value_column_switch(small_book):
    dash = widgets.abc_dashboard(small_book)
    dash.value.value = "profit"
    expected = abc_classify(small_book, "profit", cutoffs=(0.8, 0.95))
    pd.testing.assert_series_equal(dash.result["abc"], expected["abc"])
    assert "profit_share" in dash.table.value or "%" in dash.table.value


def test_abc_dashboard_count_mode_sets_count_cutoffs(small_book):
    dash = widgets.abc_dashboard(small_book)
    dash.mode.value = "count"
    assert (dash.cut_a.value, dash.cut_b.value) == (0.2, 0.4)
    expected = abc_classify_by_count(small_book, "revenue", cutoffs=(0.2, 0.4))
    pd.testing.assert_series_equal(dash.result["abc"], expected["abc"])
    assert dash.summary["accounts"].tolist() == [40, 40, 120]


def test_abc_dashboard_keeps_b_above_a(small_book):
    dash = widgets.abc_dashboard(small_book)
    dash.cut_a.value = 0.95
    assert dash.cut_b.value > dash.cut_a.value
    assert set(dash.summary["tier"]) <= {"A", "B", "C"}


def test_abc_dashboard_export_never_overwrites(small_book, tmp_path):
    dash = widgets.AbcDashboard(small_book, export_dir=tmp_path)
    first = dash.export_excel()
    first_bytes = first.read_bytes()
    second = dash.export_excel()
    assert first != second and second.name == "abc_revenue (2).xlsx"
    assert first.read_bytes() == first_bytes
    assert "abc_revenue (2).xlsx" in dash.status.value


def test_dashboards_in_chinese(small_book):
    dash = widgets.abc_dashboard(small_book, lang="zh")
    assert dash.value.tooltip == "价值指标"  # the label above the list
    assert "客户数" in dash.table.value


def test_abc_dashboard_export_button_to_a_missing_folder_says_so(small_book, tmp_path):
    dash = widgets.AbcDashboard(small_book, export_dir=tmp_path / "gone")
    dash.export.click()  # used to raise inside the callback: nothing on screen
    assert "#c62828" in dash.status.value and "does not exist" in dash.status.value
    assert not (tmp_path / "gone").exists()
    dash.export_dir = tmp_path
    dash.export.click()
    assert "abc_revenue.xlsx" in dash.status.value and dash.error is None


def test_abc_dashboard_on_a_loss_making_profit_total_says_so(small_book):
    dash = widgets.abc_dashboard(small_book.assign(profit=-small_book["profit"].abs()))
    dash.value.value = "profit"
    assert "adds up to -" in dash.status.value and dash.result["abc"].notna().all()


def test_abc_dashboard_checks_its_column_when_built(small_book):
    with pytest.raises(MissingColumnsError, match=r"abc_dashboard\(\) needs the column\(s\) 'revenue'"):
        widgets.abc_dashboard(small_book.drop(columns="revenue"))
