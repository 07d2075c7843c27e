"""Module 5 charts (kamlab.plotting.bank): the whale curve before/after, the six-month profit
path, customers and profit by grade, the profit bridge — drawn from kamlab.cases.bank results
on a 20,000-customer sample of the bundled bank book and on a hand-made one, in English and
Chinese, with their geometry found through gids."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from _chart_book import assert_drawing_leaves_inputs_alone, by_gid, gids

from kamlab import load_dataset, plotting
from kamlab.cases.bank import (
    ACTIONS,
    BASELINE,
    GRADES,
    SEED_SCENARIO,
    BankScenario,
    grade_customers,
    grade_summary,
    simulate,
    whale_curve,
    whale_summary,
)
from kamlab.exceptions import MissingColumnsError, ParameterError
from kamlab.i18n import LABELS, value_label

# A 20,000-customer sample of the bundled book: every rule of the case fires, fast to draw.
BOOK = load_dataset("bank_customers").sample(20_000, random_state=5).reset_index(drop=True)
GRADED = grade_customers(BOOK)
SIM = simulate(GRADED, SEED_SCENARIO)
BASE = simulate(GRADED, BASELINE)
KEPT = GRADED[SIM.decisions["action"].to_numpy() != "leave"]
CURVE = whale_curve(GRADED)
SUMMARY = grade_summary(GRADED)

CASES = {
    "whale": (plotting.plot_whale_curve, CURVE, {}),
    "whale_after": (plotting.plot_whale_curve, GRADED, {"after": KEPT}),
    "whale_no_legend": (plotting.plot_whale_curve, CURVE,
                        {"after": whale_curve(KEPT), "legend": False}),
    "path": (plotting.plot_bank_profit_path, SIM, {"baseline": BASE}),
    "path_no_legend": (plotting.plot_bank_profit_path, SIM, {"baseline": BASE, "legend": False}),
    "grades": (plotting.plot_grades, SUMMARY, {}),
    "bridge": (plotting.plot_bank_bridge, SIM, {}),
}


# ---------------------------------------------------------------------------------------
# The contract every chart keeps: tests/plotting/test_plotting_contract.py
# ---------------------------------------------------------------------------------------


def test_inputs_are_not_changed():
    inputs = {"book": GRADED, "curve": CURVE, "summary": SUMMARY, "monthly": SIM.monthly,
              "bridge": SIM.bridge, "kept": KEPT}
    assert_drawing_leaves_inputs_alone(CASES, inputs)



def test_every_code_the_case_carries_has_labels_in_both_languages():
    codes = [("bankgrade", g) for g in GRADES] + [("bankaction", a) for a in ACTIONS]
    codes += [("bankbridge", s) for s in SIM.bridge["step"]]
    assert [f"{k}.{c}" for k, c in codes if f"{k}.{c}" not in LABELS] == []
    assert all(value_label(k, c, "zh") != value_label(k, c, "en") for k, c in codes)


# ---------------------------------------------------------------------------------------
# Whale curve
# ---------------------------------------------------------------------------------------

def _xy(ax, gid):
    return np.asarray(by_gid(ax, gid).get_xydata(), dtype="float64")


def test_whale_curve_starts_at_zero_ends_at_100_percent_and_peaks_where_whale_summary_says():
    s = whale_summary(GRADED)
    ax = plotting.plot_whale_curve(CURVE, lang="en")
    xy = _xy(ax, "whale:curve")
    assert xy[0].tolist() == [0.0, 0.0]
    assert xy[-1] == pytest.approx([1.0, 1.0])
    assert len(xy) <= 1500 + 2  # downsampled, peak kept
    peak = _xy(ax, "whale:peak")
    assert peak.tolist() == [[pytest.approx(s.peak_customers_share), pytest.approx(s.peak_share)]]
    assert [s.peak_customers_share, s.peak_share] in xy.tolist()  # the peak is on the line
    assert xy[:, 1].max() == pytest.approx(s.peak_share)
    label = by_gid(ax, "whale:peak_label").get_text()
    assert label == f"Peak {s.peak_share:.0%} at the top {s.peak_customers_share:.0%}"
    assert _xy(ax, "whale:net")[:, 1].tolist() == [1.0, 1.0]


def test_whale_curve_shades_the_value_destroyers():
    s = whale_summary(GRADED)
    ax = plotting.plot_whale_curve(GRADED, lang="en")
    span = by_gid(ax, "whale:destroyers")
    x0, x1 = span.get_x(), span.get_x() + span.get_width()
    assert x0 == pytest.approx(1 - s.destroyers_share) and x1 == pytest.approx(1.0)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith(f"Value destroyers (profit < 0): {s.destroyers_share:.0%}")
               and f"CNY {s.destroyed / 1e6:.1f}m" in t for t in texts)
    assert f"Net profit = 100% (CNY {s.total_profit / 1e6:.1f}m a year)" in texts
    assert "whale:destroyers_label" not in gids(ax)  # said in the legend


def test_whale_curve_after_a_scenario_ends_at_100_percent_with_its_own_peak():
    after = whale_summary(KEPT)
    ax = plotting.plot_whale_curve(GRADED, after=KEPT, lang="en")
    xy = _xy(ax, "whale:after")
    assert xy[0].tolist() == [0.0, 0.0] and xy[-1] == pytest.approx([1.0, 1.0])
    peak = _xy(ax, "whale:after:peak")
    assert peak.tolist() == [[pytest.approx(after.peak_customers_share),
                              pytest.approx(after.peak_share)]]
    assert after.peak_share < whale_summary(GRADED).peak_share  # the tail the bank let go
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert f"After: {len(KEPT):,} customers, peak {after.peak_share:.0%}" in texts
    assert f"Before: {len(GRADED):,} customers, peak" in " ".join(texts)
    assert by_gid(ax, "whale:peak_label").get_text().startswith("Before: peak")
    assert by_gid(ax, "whale:after:peak_label").get_text() == f"After: peak {after.peak_share:.0%}"


def test_whale_curve_from_a_book_or_a_curve_is_the_same_drawing():
    a = plotting.plot_whale_curve(GRADED, lang="en")
    b = plotting.plot_whale_curve(CURVE, lang="en")
    np.testing.assert_array_equal(_xy(a, "whale:curve"), _xy(b, "whale:curve"))
    shuffled = CURVE.sample(frac=1.0, random_state=2)  # rows in any order: drawn by rank
    c = plotting.plot_whale_curve(shuffled, lang="en")
    np.testing.assert_array_equal(_xy(a, "whale:curve"), _xy(c, "whale:curve"))


def test_whale_curve_of_a_small_book_draws_every_customer_and_labels_the_tail_in_chinese():
    book = pd.DataFrame({"profit": [-20, 60, 10, -10, 60]})  # whale_curve's doctest
    ax = plotting.plot_whale_curve(book, lang="zh", legend=False)
    assert _xy(ax, "whale:curve")[:, 1].tolist() == pytest.approx([0, 0.6, 1.2, 1.3, 1.2, 1.0])
    assert _xy(ax, "whale:peak").tolist() == [[0.6, pytest.approx(1.3)]]
    assert by_gid(ax, "whale:peak_label").get_text() == "峰值130%（前60%的客户）"
    assert by_gid(ax, "whale:destroyers_label").get_text() == "损害价值的客户：占40%"
    assert ax.get_legend() is None
    assert ax.get_title().startswith("鲸鱼曲线")


def test_whale_curve_without_losses_has_no_tail():
    ax = plotting.plot_whale_curve(pd.DataFrame({"profit": [5.0, 3.0, 2.0]}), lang="en")
    assert "whale:destroyers" not in gids(ax)
    assert _xy(ax, "whale:peak").tolist() == [[1.0, 1.0]]


def test_whale_curve_bad_input_says_what_to_pass():
    with pytest.raises(ParameterError, match="whale_curve"):
        plotting.plot_whale_curve([1, 2, 3])
    with pytest.raises(MissingColumnsError, match="profit"):
        plotting.plot_whale_curve(pd.DataFrame({"revenue": [1, 2]}))
    with pytest.raises(MissingColumnsError, match="cum_profit"):
        plotting.plot_whale_curve(CURVE.drop(columns="cum_profit"))
    with pytest.raises(ParameterError, match="max_points"):
        plotting.plot_whale_curve(CURVE, max_points=3)


# ---------------------------------------------------------------------------------------
# Six-month profit path
# ---------------------------------------------------------------------------------------

def test_profit_path_has_seven_points_the_monthly_profit_and_the_25_percent_line():
    ax = plotting.plot_bank_profit_path(SIM, baseline=BASE, lang="en")
    xy = _xy(ax, "bankpath:profit")
    assert xy[:, 0].tolist() == list(range(7))
    assert xy[:, 1].tolist() == pytest.approx(SIM.monthly["profit"].tolist())
    start = SIM.monthly["profit"].iloc[0]
    assert _xy(ax, "bankpath:target")[:, 1].tolist() == pytest.approx([1.25 * start] * 2)
    base = _xy(ax, "bankpath:baseline")
    assert len(base) == 7 and base[:, 1] == pytest.approx(start)  # nothing changes: flat
    change = by_gid(ax, "bankpath:change").get_text()
    assert change == f"{SIM.profit_change:+.1%}"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Nothing changes", "Month 0 +25%: the bank's result in 6 months", "With the decisions"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(m) for m in range(7)]
    assert "CNY m per month" in ax.get_ylabel()


def test_profit_path_labels_its_lines_without_a_legend_in_chinese():
    ax = plotting.plot_bank_profit_path(SIM, baseline=BASE, lang="zh", legend=False)
    assert ax.get_legend() is None
    assert by_gid(ax, "bankpath:baseline_label").get_text() == "维持现状"
    assert by_gid(ax, "bankpath:target_label").get_text() == "第0月+25%：该银行6个月内的成果"
    assert ax.get_ylabel() == "月利润（万元）"


def test_profit_path_from_a_monthly_table_with_another_target_or_none():
    monthly = pd.DataFrame({"month": [0, 1, 2, 3], "profit": [100.0, 90.0, 95.0, 80.0]})
    ax = plotting.plot_bank_profit_path(monthly, target=0.1, lang="en")
    assert _xy(ax, "bankpath:target")[:, 1].tolist() == pytest.approx([110.0, 110.0])
    assert ax.get_legend().get_texts()[0].get_text() == "Target: month 0 +10%"
    assert by_gid(ax, "bankpath:change").get_text() == "−20.0%"
    assert ax.get_title() == "Monthly profit, month 0 to month 3"
    ax = plotting.plot_bank_profit_path(monthly.iloc[::-1], target=None, lang="en")
    assert "bankpath:target" not in gids(ax) and "bankpath:baseline" not in gids(ax)
    assert _xy(ax, "bankpath:profit")[:, 0].tolist() == [0, 1, 2, 3]  # sorted by month


def test_profit_path_bad_input():
    with pytest.raises(ParameterError, match="simulate"):
        plotting.plot_bank_profit_path([1, 2, 3])
    with pytest.raises(MissingColumnsError, match="profit"):
        plotting.plot_bank_profit_path(pd.DataFrame({"month": [0, 1]}))
    with pytest.raises(ParameterError, match="0.25 for"):
        plotting.plot_bank_profit_path(SIM, target="25%")
    with pytest.raises(ParameterError, match="empty"):
        plotting.plot_bank_profit_path(SIM.monthly.iloc[:0])


# ---------------------------------------------------------------------------------------
# Grades
# ---------------------------------------------------------------------------------------

def test_grade_bars_are_the_shares_of_customers_and_profit():
    ax = plotting.plot_grades(SUMMARY, lang="en")
    for row in SUMMARY.itertuples():
        g = str(row.grade)
        assert by_gid(ax, f"grades:customers_share:{g}").get_height() == \
            pytest.approx(row.customers_share)
        assert by_gid(ax, f"grades:profit_share:{g}").get_height() == \
            pytest.approx(row.profit_share)
    assert by_gid(ax, "grades:profit_share:C").get_height() < 0  # C destroys value
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == [f"{g}\n{n:,} customers" for g, n in zip(GRADES, SUMMARY["customers"])]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Share of customers", "Share of profit contribution"]
    labels = [t.get_text() for t in ax.texts]
    assert any(s.startswith("−") for s in labels)  # a loss is labelled with a minus sign


def test_grade_chart_in_chinese_and_with_more_values():
    ax = plotting.plot_grades(SUMMARY, values=("revenue", "profit"), lang="zh")
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == [
        "A级", "B级", "C+级", "C级"]
    assert len(ax.patches) == 12
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {
        "客户数占比", "销售额占比", "利润贡献占比"}


def test_grade_chart_bad_input():
    with pytest.raises(ParameterError, match="grade_summary"):
        plotting.plot_grades("A")
    with pytest.raises(MissingColumnsError, match="profit_share"):
        plotting.plot_grades(grade_summary(GRADED, "revenue"))


# ---------------------------------------------------------------------------------------
# Profit bridge
# ---------------------------------------------------------------------------------------

def test_bridge_bars_run_from_month_0_to_the_last_month_step_by_step():
    ax = plotting.plot_bank_bridge(SIM, lang="en")
    bars = [by_gid(ax, f"waterfall:{i}") for i in range(len(SIM.bridge))]
    amounts = SIM.bridge["amount"].to_numpy()
    assert bars[0].get_y() == 0 and bars[0].get_height() == pytest.approx(amounts[0])
    assert bars[-1].get_y() == 0 and bars[-1].get_height() == pytest.approx(amounts[-1])
    running = amounts[0]
    for bar, amount in zip(bars[1:-1], amounts[1:-1]):
        assert bar.get_y() == pytest.approx(running)  # floats from the running total
        assert bar.get_height() == pytest.approx(amount)
        running += amount
    assert running == pytest.approx(amounts[-1])  # the steps add up
    ticks = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert ticks[0] == "Profit, month 0" and ticks[-1] == "Profit, last month"
    assert "Capacity cut" in ticks
    assert ax.get_title() == "Monthly profit from month 0 to month 6, step by step"


def test_bridge_in_chinese_and_for_a_baseline():
    ax = plotting.plot_bank_bridge(SIM, lang="zh")
    ticks = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert ticks[0] == "第0月利润" and "削减的产能成本" in ticks
    ax = plotting.plot_bank_bridge(BASE, lang="en")  # nothing changes: flat steps
    heights = [by_gid(ax, f"waterfall:{i}").get_height() for i in range(1, 8)]
    assert heights == pytest.approx([0.0] * 7)


def test_bridge_needs_a_simulation():
    with pytest.raises(ParameterError, match="simulate"):
        plotting.plot_bank_bridge(SIM.bridge)


def test_a_scenario_without_leavers_draws_the_same_curve_twice():
    sim = simulate(GRADED, BankScenario(migrate_c=0.5))
    kept = GRADED[sim.decisions["action"].to_numpy() != "leave"]
    ax = plotting.plot_whale_curve(GRADED, after=kept, lang="en")
    np.testing.assert_allclose(_xy(ax, "whale:after"), _xy(ax, "whale:curve"))
