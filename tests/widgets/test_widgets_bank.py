"""The bank dashboard (widgets.bank, module 5): set each control in Python and assert that the
simulation, the readouts, the code line and the chart follow; errors are one red status line;
export never overwrites. On a 20,000-customer sample of the bundled book (the full book's
timing is tests/bench.py's bench_bank_dashboard)."""

from __future__ import annotations

import dataclasses
import html
import re

import numpy as np
import pandas as pd
import pytest

from kamlab import load_dataset, widgets
from kamlab.cases.bank import (
    BASELINE,
    SEED_SCENARIO,
    BankScenario,
    grade_customers,
    simulate,
    whale_curve,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError
from kamlab.widgets import bank as bank_widgets

RED = "#c62828"


@pytest.fixture(scope="module")
def book():
    return load_dataset("bank_customers").sample(20_000, random_state=11).reset_index(drop=True)


@pytest.fixture(scope="module")
def dash(book):
    return widgets.bank_dashboard(book)


def _png(d) -> bytes:
    assert d.chart.value[:8] == b"\x89PNG\r\n\x1a\n"
    return d.chart.value


def _code(d) -> str:
    return html.unescape(re.sub("<[^>]+>", "", d.code.value))


def _run_code(d, book):
    """The code line, run as a trainee would run it under the dashboard."""
    return eval(_code(d), {"simulate": simulate, "replace": dataclasses.replace,
                           "SEED_SCENARIO": SEED_SCENARIO, "BASELINE": BASELINE, "book": book})


def _same(a, b):
    assert (a.leavers, a.migrated, a.fee_payers) == (b.leavers, b.migrated, b.fee_payers)
    assert a.monthly["profit"].tolist() == pytest.approx(b.monthly["profit"].tolist())


# ---------------------------------------------------------------------------------------
# The seed's scenario, as built
# ---------------------------------------------------------------------------------------

def test_built_on_the_seed_scenario_with_the_precomputed_parts(dash, book):
    assert dash.error is None and dash.scenario == SEED_SCENARIO
    _same(dash.result, simulate(book, SEED_SCENARIO))
    assert (dash.graded["grade"] == grade_customers(book)["grade"]).all()
    assert dash.baseline.profit_change == 0.0
    pd.testing.assert_frame_equal(dash.before, whale_curve(dash.graded))
    _png(dash)
    assert _code(dash) == ("simulate(book, replace(SEED_SCENARIO, min_balance=10000, "
                           "monthly_fee=40, end_payroll=True, migrate_c=1.0, "
                           "c_plus_upgrade=0.2))")


def test_readouts_and_status_give_the_simulations_numbers(dash):
    r = dash.result
    table = html.unescape(dash.table.value)
    assert f"Customers lost</th><td>{r.leavers:,} ({r.leavers_threshold:,} below the threshold, " \
           f"{r.leavers_payroll:,} with their payroll)" in table
    assert f"Moved to the automated channel</th><td>{r.migrated:,}<" in table
    assert f"Revenue lost</th><td>CNY {r.revenue_lost:,.0f} a year" in table
    saved = r.variable_cost_saved + r.fixed_cost_saved
    assert f"Cost saved</th><td>CNY {saved:,.0f} a year (CNY {r.variable_cost_saved:,.0f} " \
           f"variable, CNY {r.fixed_cost_saved:,.0f} capacity cut)" in table
    assert f"Profit change by month 6</th><td>{r.profit_change:+.1%}" in table
    status = html.unescape(dash.status.value)
    assert f"Month-6 profit {r.profit_change:+.1%} on month 0" in status


def test_the_after_curve_is_the_whale_curve_of_the_customers_who_stay(dash):
    stay = dash.result.decisions["action"].to_numpy() != "leave"
    expected = whale_curve(dash.graded[stay].reset_index(drop=True))
    got = dash.after
    assert len(got) == stay.sum() < len(dash.graded)
    for column in ("rank", "profit", "cum_profit", "cum_profit_share", "customers_share"):
        np.testing.assert_allclose(got[column].to_numpy(), expected[column].to_numpy(),
                                   rtol=1e-12, err_msg=column)


# ---------------------------------------------------------------------------------------
# Each control
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("control", "value", "check"), [
    ("min_balance", 20_000.0, lambda old, new: new.leavers_threshold > old.leavers_threshold),
    ("monthly_fee", 0.0, lambda old, new: new.leavers_threshold == 0 == new.fee_payers),
    ("end_payroll", False, lambda old, new: new.leavers_payroll == 0 < old.leavers_payroll),
    ("migrate_c", 0.5, lambda old, new: 0 < new.migrated < old.migrated),
    ("c_plus_upgrade", 0.5, lambda old, new: new.upgraded > old.upgraded
     and new.profit_change > old.profit_change),
])
def test_each_control_changes_the_simulation_the_code_line_and_the_chart(book, control, value,
                                                                         check):
    d = widgets.bank_dashboard(book)
    old, chart, table = d.result, _png(d), d.table.value
    getattr(d, control).value = value
    new = d.result
    assert d.error is None and getattr(d.scenario, control) == value
    assert check(old, new)
    _same(new, simulate(book, dataclasses.replace(SEED_SCENARIO, **{control: value})))
    _same(new, _run_code(d, book))  # the code line is the same result in plain code
    shown = f"{control}={value:g}" if control in ("min_balance", "monthly_fee") \
        else f"{control}={value!r}"
    assert shown in _code(d)
    assert _png(d) != chart and d.table.value != table


def test_several_controls_at_once_render_once(book, monkeypatch):
    d = widgets.bank_dashboard(book)
    calls = []
    monkeypatch.setattr(bank_widgets, "simulate",
                        lambda *a, **k: calls.append(1) or simulate(*a, **k))
    with d.paused():
        d.min_balance.value = 0.0
        d.end_payroll.value = False
        d.migrate_c.value = 0.0
        d.c_plus_upgrade.value = 0.0
    assert len(calls) == 1
    assert d.result.leavers == 0 and d.result.migrated == 0
    _same(d.result, _run_code(d, book))


def test_a_threshold_without_a_fee_says_nobody_leaves_for_it(book):
    d = widgets.bank_dashboard(book)
    d.monthly_fee.value = 0.0
    assert "A threshold needs a fee above 0" in html.unescape(d.status.value)
    assert RED not in d.status.value


def test_the_bank_s_25_percent_is_marked_when_reached(book):
    d = widgets.bank_dashboard(book)
    assert (d.result.profit_change >= 0.25) == ("+25% is reached" in html.unescape(d.status.value))
    d.migrate_c.value = 0.0
    assert d.result.profit_change < 0.25 and "reached" not in d.status.value


def test_another_starting_scenario_shows_in_the_code_line(book):
    start = BankScenario(name="mine", min_balance=5_000, monthly_fee=20)
    d = widgets.bank_dashboard(book, scenario=start)
    assert d.min_balance.value == 5_000 and not d.end_payroll.value
    assert _code(d).startswith("simulate(book, replace(scenario, min_balance=5000, monthly_fee=20")
    d = widgets.bank_dashboard(book, scenario=BASELINE)
    assert _code(d).startswith("simulate(book, replace(BASELINE, ") and d.result.leavers == 0
    _same(d.result, _run_code(d, book))


# ---------------------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------------------

def test_the_dashboard_in_chinese(book):
    d = widgets.bank_dashboard(book, lang="zh")
    assert d.min_balance.tooltip == "价格门槛：日均余额低于（元）"
    assert d.end_payroll.description == "取消员工的工资合同"
    assert "流失的客户" in d.table.value and "节约的成本" in d.table.value
    assert "第6月利润较第0月" in d.status.value
    assert d.ax_whale.get_title().startswith("鲸鱼曲线") and "万元" in d.ax_path.get_ylabel()


# ---------------------------------------------------------------------------------------
# Errors: one red status line, never a traceback
# ---------------------------------------------------------------------------------------

def test_a_book_the_cost_table_does_not_explain_is_refused_when_built(book):
    bad = book.assign(cost_to_serve=book["cost_to_serve"] + 500)
    with pytest.raises(InvalidDataError, match="cost_to_serve is not what the channel cost"):
        widgets.bank_dashboard(bad)


def test_a_failing_first_render_is_one_red_line_and_nothing_to_export(book, monkeypatch):
    def only_baseline(graded, scenario, **kwargs):
        if scenario != BASELINE:
            raise InvalidDataError("simulate(): something in the book is wrong.")
        return simulate(graded, scenario, **kwargs)

    monkeypatch.setattr(bank_widgets, "simulate", only_baseline)
    d = widgets.bank_dashboard(book)  # built: the message is on screen, not a traceback
    assert d.status.value == f"<span style='color:{RED}'>simulate(): something in the book is " \
                             "wrong.</span>"
    assert isinstance(d.error, InvalidDataError) and d.result is None
    d.export.click()
    assert "nothing to export yet" in d.status.value and isinstance(d.error, ParameterError)
    monkeypatch.undo()
    d.c_plus_upgrade.value = 0.3
    assert d.error is None and d.result.scenario.c_plus_upgrade == 0.3


def test_a_failing_change_keeps_the_last_chart_and_recovers(book, monkeypatch):
    d = widgets.bank_dashboard(book)
    chart, result = _png(d), d.result

    def broken(*args, **kwargs):
        raise RuntimeError("the model broke")

    monkeypatch.setattr(bank_widgets, "simulate", broken)
    d.migrate_c.value = 0.5
    assert d.status.value == f"<span style='color:{RED}'>RuntimeError: the model broke</span>"
    assert d.chart.value == chart and d.result is result
    monkeypatch.undo()
    d.migrate_c.value = 0.6
    assert d.error is None and RED not in d.status.value and d.result.migrated > 0


def test_columns_and_rows_are_checked_when_built(book):
    with pytest.raises(MissingColumnsError, match=r"bank_dashboard\(\) needs the column\(s\) "
                                                  r"'rm_hours'"):
        widgets.bank_dashboard(book.drop(columns="rm_hours"))
    with pytest.raises(InvalidDataError, match="at least one row"):
        widgets.bank_dashboard(book.iloc[:0])
    with pytest.raises(ParameterError, match="BankScenario"):
        widgets.bank_dashboard(book, scenario={"min_balance": 10_000})


def test_the_book_is_not_changed(book):
    before = book.copy(deep=True)
    d = widgets.bank_dashboard(book)
    d.min_balance.value = 30_000.0
    pd.testing.assert_frame_equal(book, before)


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------

def test_export_writes_every_table_and_never_overwrites(book, tmp_path):
    d = widgets.BankDashboard(book.head(3_000), export_dir=tmp_path)
    first = d.export_excel()
    assert first.name == "bank_scenario.xlsx"
    sheets = pd.read_excel(first, sheet_name=None)
    assert list(sheets) == ["monthly", "bridge", "cuts", "grades", "decisions"]
    assert len(sheets["monthly"]) == 7 and len(sheets["decisions"]) == 3_000
    assert sheets["decisions"]["action"].value_counts().to_dict() == \
        d.result.decisions["action"].astype(str).value_counts().to_dict()
    d.export.click()
    assert (tmp_path / "bank_scenario (2).xlsx").exists() and "bank_scenario (2).xlsx" in \
        d.status.value and d.error is None


# ---------------------------------------------------------------------------------------
# Two images: the whale curve redrawn only when the leavers change, by blitting
# ---------------------------------------------------------------------------------------

def _pixels(png: bytes):
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)))


def test_the_whale_image_follows_the_leavers_only(book):
    d = widgets.bank_dashboard(book)
    whale, path = d.whale_chart.value, d.chart.value
    d.c_plus_upgrade.value = 0.5  # same leavers: the profit path moves, the whale curve does not
    assert d.chart.value != path and d.whale_chart.value is whale
    d.min_balance.value = 20_000.0  # more leavers: a new after-curve
    assert d.whale_chart.value != whale and d.error is None


def test_the_blitted_whale_image_is_the_full_drawing(book):
    # After a change the after-curve is drawn over a cached chart; it must look exactly like
    # the chart drawn in full for the same decisions (a dashboard built on them).
    d = widgets.bank_dashboard(book)
    d.min_balance.value = 5_000.0
    fresh = widgets.bank_dashboard(book, scenario=dataclasses.replace(SEED_SCENARIO,
                                                                      min_balance=5_000))
    np.testing.assert_array_equal(_pixels(d.whale_chart.value), _pixels(fresh.whale_chart.value))
    np.testing.assert_array_equal(_pixels(d.chart.value), _pixels(fresh.chart.value))
