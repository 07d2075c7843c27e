"""Module 6 mini-case charts (kamlab.plotting.mini_cases): the rep's hours and the money under
the two pay plans, the dealers' segments against the seed and each channel's profit gain —
drawn from kamlab.cases.oil / kamlab.cases.dealers results on the bundled data and on
hand-made tables, in English and Chinese, with their geometry found through gids."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _chart_book import assert_drawing_leaves_inputs_alone, by_gid, gids

from kamlab import load_dataset
from kamlab.cases.dealers import (
    DEALER_OPTIONS,
    DEALER_SEGMENTS,
    best_assignment,
    channel_table,
    segment_summary,
)
from kamlab.cases.oil import OIL_PRIORITIES, PAY_PLANS, compare_pay_plans, prioritise_accounts
from kamlab.exceptions import MissingColumnsError, ParameterError
from kamlab.i18n import LABELS, value_label
from kamlab.plotting.mini_cases import plot_dealer_segments, plot_oil_priorities, plot_pay_plans

OIL = load_dataset("oil_bulk_accounts")
DEALERS = load_dataset("dealers")
CMP = compare_pay_plans(OIL)
PRIO = prioritise_accounts(OIL)
SUMMARY = segment_summary(DEALERS)
BEST = best_assignment(DEALERS)
TWO = pd.DataFrame({"account_id": ["big", "rich"], "unit_margin": [-10, 100],
                    "response": [40, 10], "volume": [900, 100]})
SMALL = compare_pay_plans(TWO, hours=100, top=1)

CASES = {
    "priorities": (plot_oil_priorities, PRIO, {}),
    "priorities_cuts": (plot_oil_priorities, prioritise_accounts(OIL, margin_cut=300,
                                                                 importance_cut=3),
                        {"margin_cut": 300, "importance_cut": 3, "label_top": 2}),
    "hours": (plot_pay_plans, CMP, {}),
    "hours_top3": (plot_pay_plans, CMP, {"top": 3}),
    "hours_two": (plot_pay_plans, SMALL, {}),
    "profit": (plot_pay_plans, CMP, {"what": "profit"}),
    "segments": (plot_dealer_segments, SUMMARY, {}),
    "channels": (plot_dealer_segments, BEST, {}),
    "channel_table": (plot_dealer_segments, BEST.table, {"what": "profit"}),
}


# ---------------------------------------------------------------------------------------
# The contract every chart keeps: tests/plotting/test_plotting_contract.py
# ---------------------------------------------------------------------------------------


def test_inputs_are_not_changed():
    inputs = {"accounts": CMP.accounts, "summary": CMP.summary, "segments": SUMMARY,
              "table": BEST.table, "prioritised": PRIO}
    assert_drawing_leaves_inputs_alone(CASES, inputs)



def test_every_code_the_cases_carry_has_labels_in_both_languages():
    codes = [("payplan", p) for p in PAY_PLANS] + [("oilpriority", p) for p in OIL_PRIORITIES]
    codes += [("dealerseg", s) for s in DEALER_SEGMENTS]
    codes += [("dealerchannel", c) for c in DEALER_OPTIONS]
    assert [f"{k}.{c}" for k, c in codes if f"{k}.{c}" not in LABELS] == []
    assert all(value_label(k, c, "zh") != value_label(k, c, "en") for k, c in codes)


# ---------------------------------------------------------------------------------------
# Priorities
# ---------------------------------------------------------------------------------------

def test_priority_points_are_the_accounts_in_their_quadrant():
    ax = plot_oil_priorities(PRIO, lang="en")
    seen = 0
    for code in OIL_PRIORITIES:
        at = PRIO["priority"] == code
        points = by_gid(ax, f"oilprio:points:{code}")
        xy = points.get_offsets()
        np.testing.assert_allclose(xy[:, 1], PRIO.loc[at, "unit_margin"])
        assert np.all(np.abs(xy[:, 0] - PRIO.loc[at, "strategic_importance"]) <= 0.28)
        sizes = points.get_sizes()
        assert np.corrcoef(sizes, PRIO.loc[at, "volume"])[0, 1] > 0.99  # area ∝ volume
        seen += len(xy)
        text = by_gid(ax, f"oilprio:quadrant:{code}").get_text()
        share = PRIO.loc[at, "volume"].sum() / PRIO["volume"].sum()
        assert f"{at.sum()} accounts" in text and f"{round(100 * share)}" in text
    assert seen == len(PRIO)
    cut = by_gid(ax, "oilprio:margin_cut").get_ydata()
    assert list(cut) == [PRIO["unit_margin"].median()] * 2
    assert list(by_gid(ax, "oilprio:importance_cut").get_xdata()) == [3.5, 3.5]


def test_the_largest_accounts_are_named_on_their_score():
    ax = plot_oil_priorities(PRIO, lang="en")
    largest = PRIO.nlargest(5, "volume")
    for i, (_, row) in enumerate(largest.iterrows()):
        label = by_gid(ax, f"oilprio:top:{i}")
        assert label.get_text() == row["name"][:25] + ("…" if len(row["name"]) > 26 else
                                                        row["name"][25:])
        assert tuple(label.xy) == (row["strategic_importance"], row["unit_margin"])


def test_priority_chart_errors():
    with pytest.raises(ParameterError, match="prioritise_accounts"):
        plot_oil_priorities(CMP)
    with pytest.raises(MissingColumnsError, match="priority"):
        plot_oil_priorities(OIL)
    with pytest.raises(ParameterError, match="label_top"):
        plot_oil_priorities(PRIO, label_top=11)
    assert plt.get_fignums() == []


# ---------------------------------------------------------------------------------------
# Pay plans
# ---------------------------------------------------------------------------------------

def _widths(ax, plan, n):
    return [by_gid(ax, f"payplans:{plan}:{i}").get_width() for i in range(n)]


def test_hours_bars_are_the_rep_s_hours_largest_account_first():
    ax = plot_pay_plans(CMP, top=10, lang="en")
    for plan in PAY_PLANS:
        table = CMP.accounts[CMP.accounts["plan"] == plan]
        ranked = table.sort_values("volume", ascending=False, kind="stable")["sales_hours"]
        widths = _widths(ax, plan, 11)
        np.testing.assert_allclose(widths[:10], ranked.iloc[:10])
        assert widths[10] == pytest.approx(ranked.iloc[10:].sum())  # all the others
        assert sum(widths) == pytest.approx(CMP.hours)
    top = by_gid(ax, "payplans:volume:0")
    assert top.get_y() > by_gid(ax, "payplans:volume:10").get_y()  # largest on top


def test_hours_ticks_show_the_unit_margin_in_red_when_it_loses():
    ax = plot_pay_plans(SMALL, lang="en")
    ticks = ax.get_yticklabels()
    assert [tk.get_text() for tk in ticks] == ["big\n−CNY 10 / unit", "rich\nCNY 100 / unit"]
    assert ticks[0].get_color() != ticks[1].get_color()
    assert by_gid(ax, "payplans:margin:0").get_width() == 0  # no time where margin < 0


def test_hours_legend_gives_each_plan_s_profit_and_time_on_the_top_accounts():
    ax = plot_pay_plans(CMP, lang="en")
    legend = [tx.get_text() for tx in ax.get_legend().get_texts()]
    s = CMP.summary.set_index("plan")
    assert legend[0].startswith("Volume plan: division profit CNY 4.1m")
    assert f"{s.loc['volume', 'top_hours_share']:.0%} of the hours on the top 5" in legend[0]
    assert legend[1].startswith("Margin plan: division profit CNY 5.5m")


def test_profit_bars_are_the_summary():
    ax = plot_pay_plans(CMP, what="profit", lang="en")
    for _, row in CMP.summary.iterrows():
        for column in ["extra_margin", "rep_pay", "division_profit"]:
            bar = by_gid(ax, f"payprofit:{row['plan']}:{column}")
            assert bar.get_height() == pytest.approx(row[column])
    assert "same pay" in ax.get_title()
    unequal = compare_pay_plans(OIL, margin_rate=0.05)
    assert "same pay" not in plot_pay_plans(unequal, what="profit", lang="en").get_title()


def test_pay_plan_chart_errors():
    with pytest.raises(ParameterError, match="compare_pay_plans"):
        plot_pay_plans(CMP.summary)
    with pytest.raises(ParameterError, match="what must be one of"):
        plot_pay_plans(CMP, what="pay")
    with pytest.raises(ParameterError, match="top is how many"):
        plot_pay_plans(CMP, top=0)
    assert plt.get_fignums() == []


# ---------------------------------------------------------------------------------------
# Dealer segments and channels
# ---------------------------------------------------------------------------------------

def test_segment_bars_are_the_shares_and_the_seed_is_marked():
    ax = plot_dealer_segments(SUMMARY, lang="en")
    for _, row in SUMMARY.iterrows():
        seg = row["segment"]
        for column in ["customers_share", "revenue_share"]:
            assert by_gid(ax, f"dealerseg:{column}:{seg}").get_height() == pytest.approx(
                row[column])
        mark = by_gid(ax, f"dealerseg:seed:{seg}").get_ydata()
        assert list(mark) == [row["seed_revenue_share"]] * 2
    ticks = [tk.get_text() for tk in ax.get_xticklabels()]
    assert ticks == ["Emerging large chains\n50 dealers", "Emerging multi-unit chains\n500 dealers",
                     "Other small dealers\n20,000 dealers"]


def test_channel_bars_are_the_gain_over_today_and_the_best_is_labelled():
    ax = plot_dealer_segments(BEST, lang="en")
    table = BEST.table
    low, _ = ax.get_ylim()
    for seg in DEALER_SEGMENTS:
        g = table[table["segment"] == seg].set_index("channel")["profit"]
        for channel in DEALER_OPTIONS[1:]:
            bar = by_gid(ax, f"dealerprofit:{seg}:{channel}")
            gain = g[channel] - g["today"]
            assert bar.gain == pytest.approx(gain)
            assert bar.get_height() == pytest.approx(max(gain, low))
        best = by_gid(ax, f"dealerprofit:best:{seg}").get_text()
        assert best.startswith("best\n+CNY")
    assert f"dealerprofit:{'today'}" not in " ".join(gids(ax))  # today is the zero line
    # KAM for 20,000 small dealers is far off the scale: cut, its value written on it
    clipped = by_gid(ax, "dealerprofit:clipped:small_dealer:kam_team").get_text()
    assert clipped.startswith("−CNY 1,97") and clipped.endswith("(cut)")
    assert by_gid(ax, "dealerprofit:small_dealer:kam_team").get_height() == pytest.approx(low)


def test_dealer_chart_decides_what_to_draw_from_its_input():
    a = plot_dealer_segments(BEST.table, lang="en")
    b = plot_dealer_segments(BEST, lang="en")
    assert a.get_title() == b.get_title() != plot_dealer_segments(SUMMARY, lang="en").get_title()


def test_dealer_chart_errors():
    with pytest.raises(ParameterError, match="segment_summary"):
        plot_dealer_segments([1, 2])
    with pytest.raises(ParameterError, match="what must be one of"):
        plot_dealer_segments(SUMMARY, what="pie")
    with pytest.raises(MissingColumnsError, match="revenue_share"):
        plot_dealer_segments(SUMMARY.drop(columns="revenue_share"))
    no_today = channel_table(DEALERS, options=["kam_team", "joint_rep"])
    with pytest.raises(ParameterError, match="'today' row"):
        plot_dealer_segments(no_today)
