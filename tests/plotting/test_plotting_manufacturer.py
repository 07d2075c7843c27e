"""Module 6 charts (kamlab.plotting.manufacturer): the customers' market by year (top-k share,
HHI, mergers, the year the top 10 reach 95%) and the renewal calendar of the long contracts —
drawn from kamlab.cases.manufacturer results on the bundled data and on hand-made tables, in
English and Chinese, with their geometry found through gids."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _chart_book import assert_drawing_leaves_inputs_alone, by_gid, gids

from kamlab import load_dataset
from kamlab.cases.manufacturer import (
    market_structure,
    merger_effects,
    renewal_calendar,
    renewals,
)
from kamlab.exceptions import MissingColumnsError, ParameterError
from kamlab.plotting.manufacturer import plot_market_structure, plot_renewal_calendar

MARKET = load_dataset("manufacturer_market")
MERGERS = load_dataset("manufacturer_mergers")
CONTRACTS = load_dataset("manufacturer_contracts")
STRUCTURE = market_structure(MARKET)
EFFECTS = merger_effects(MARKET, MERGERS)
YEARS = range(2025, 2031)
RENEWALS = renewals(CONTRACTS, YEARS)

CASES = {
    "structure": (plot_market_structure, STRUCTURE, {"mergers": EFFECTS}),
    "structure_from_market": (plot_market_structure, MARKET, {"mergers": MERGERS}),
    "structure_plain": (plot_market_structure, STRUCTURE, {}),
    "renewal": (plot_renewal_calendar, CONTRACTS, {"years": YEARS}),
    "renewal_table": (plot_renewal_calendar, RENEWALS, {"years": YEARS}),
    "renewal_history": (plot_renewal_calendar, CONTRACTS, {}),
}


def _hhi_axis(ax):
    twins = [a for a in ax.figure.axes if a is not ax and a.get_gid() == "mstructure:hhi_axis"]
    assert len(twins) == 1
    return twins[0]


# ---------------------------------------------------------------------------------------
# The contract every chart keeps: tests/plotting/test_plotting_contract.py
# ---------------------------------------------------------------------------------------


def test_inputs_are_not_changed():
    inputs = {"market": MARKET, "mergers": MERGERS, "contracts": CONTRACTS,
              "structure": STRUCTURE, "effects": EFFECTS, "renewals": RENEWALS}
    assert_drawing_leaves_inputs_alone(CASES, inputs)



# ---------------------------------------------------------------------------------------
# The customers' market
# ---------------------------------------------------------------------------------------

def test_market_structure_draws_the_shares_and_marks_2024():
    ax = plot_market_structure(STRUCTURE, mergers=EFFECTS, lang="en")
    top10 = np.asarray(by_gid(ax, "mstructure:top10").get_xydata())
    assert top10[:, 0].tolist() == list(range(2005, 2025))
    np.testing.assert_allclose(top10[:, 1], STRUCTURE["top10_share"])
    top4 = np.asarray(by_gid(ax, "mstructure:top4").get_xydata())
    np.testing.assert_allclose(top4[:, 1], STRUCTURE["top4_share"])
    assert list(by_gid(ax, "mstructure:target").get_ydata()) == [0.95, 0.95]
    reached = by_gid(ax, "mstructure:reached").get_xydata().tolist()
    assert reached == [[2024.0, pytest.approx(STRUCTURE["top10_share"].iloc[-1])]]
    assert by_gid(ax, "mstructure:reached_label").get_text() == "2024: the top 10 reach 95%"
    assert ax.get_title() == "The customers' market, 2005–2024: top-10 share and HHI"
    plt.close("all")


def test_market_structure_draws_hhi_on_the_right_axis():
    ax = plot_market_structure(STRUCTURE, lang="en")
    twin = _hhi_axis(ax)
    heights = {p.get_gid(): p.get_height() for p in twin.patches}
    assert heights == pytest.approx({f"mstructure:hhi:{y}": h
                                     for y, h in zip(STRUCTURE["year"], STRUCTURE["hhi"])})
    assert twin.get_ylabel() == "HHI (0–10,000)"
    assert ax.get_zorder() > twin.get_zorder()  # the lines over the bars
    assert "mstructure:mergers" not in gids(ax)
    plt.close("all")


def test_market_structure_marks_the_mergers_and_names_the_largest():
    ax = plot_market_structure(STRUCTURE, mergers=EFFECTS, lang="en")
    marks = by_gid(ax, "mstructure:mergers").get_xdata().tolist()
    assert marks == sorted(set(MERGERS["year"]))  # 19 years, two mergers in 2023
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Mergers (20)" in legend and "Top 10" in legend and "HHI (right axis)" in legend
    assert "95%: the case's figure" in legend
    assert by_gid(ax, "mstructure:largest").get_text() == \
        "Largest merger: M03 + M11, HHI +118"
    # a plain mergers table marks the years but names no merger
    plain = plot_market_structure(STRUCTURE, mergers=MERGERS, lang="zh")
    assert by_gid(plain, "mstructure:mergers").get_xdata().tolist() == marks
    assert "mstructure:largest" not in gids(plain)
    assert "并购（20起）" in [t.get_text() for t in plain.get_legend().get_texts()]
    plt.close("all")


def test_market_structure_from_the_market_table_is_the_same_drawing():
    a = plot_market_structure(STRUCTURE, lang="en")
    b = plot_market_structure(MARKET, lang="en")
    np.testing.assert_allclose(by_gid(a, "mstructure:top10").get_xydata(),
                               by_gid(b, "mstructure:top10").get_xydata())
    plt.close("all")


def test_market_structure_when_the_share_is_never_reached_in_chinese():
    s = pd.DataFrame({"year": [2020, 2021], "hhi": [800.0, 900.0], "top4_share": [0.4, 0.5],
                      "top10_share": [0.7, 0.8]})
    ax = plot_market_structure(s, lang="zh")
    assert "mstructure:reached" not in gids(ax)
    assert by_gid(ax, "mstructure:reached_label").get_text() == "前10大始终未达到95%"
    other = plot_market_structure(s, share=0.75, lang="zh")
    assert by_gid(other, "mstructure:reached_label").get_text() == "2021年：前10大达到75%"
    plt.close("all")


def test_market_structure_bad_input_says_what_to_pass():
    with pytest.raises(ParameterError, match="market_structure"):
        plot_market_structure([1, 2, 3])
    with pytest.raises(ParameterError, match="top"):
        plot_market_structure(STRUCTURE, top=0)
    with pytest.raises(ParameterError, match="share"):
        plot_market_structure(STRUCTURE, share=95)
    with pytest.raises(MissingColumnsError, match="target"):
        plot_market_structure(STRUCTURE, mergers=MERGERS.drop(columns="target"))
    with pytest.raises(MissingColumnsError, match="purchases"):
        plot_market_structure(MARKET.drop(columns="purchases"))
    plt.close("all")


# ---------------------------------------------------------------------------------------
# The renewal calendar
# ---------------------------------------------------------------------------------------

def test_renewal_calendar_stacks_each_customers_revenue():
    ax = plot_renewal_calendar(CONTRACTS, years=YEARS, lang="en")
    heights = {p.get_gid(): p.get_height() for p in ax.patches}
    expected = {f"renewal:{r.year}:{r.account_id}": r.renewal_revenue
                for r in RENEWALS.itertuples()}
    assert heights == pytest.approx(expected)
    for year in YEARS:  # each bar's segments stack up to the calendar's total
        tops = [p.get_y() + p.get_height() for p in ax.patches
                if p.get_gid().startswith(f"renewal:{year}:")]
        total = RENEWALS.loc[RENEWALS["year"] == year, "renewal_revenue"].sum()
        assert max(tops, default=0.0) == pytest.approx(total)
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(y) for y in YEARS]
    assert ax.get_ylabel() == "Revenue up for renewal (CNY m a year)"
    plt.close("all")


def test_renewal_calendar_names_the_customers_in_the_legend_when_given():
    names = MARKET.drop_duplicates("account_id", keep="last").set_index("account_id")
    plain = [t.get_text() for t in plot_renewal_calendar(CONTRACTS, years=YEARS,
                                                         lang="en").get_legend().get_texts()]
    ax = plot_renewal_calendar(CONTRACTS, years=YEARS, names=names["company_zh"], lang="zh")
    named = [t.get_text() for t in ax.get_legend().get_texts()]
    assert plain[0] == "M01" and named[0] == "M01 北星电器"
    for a, text in zip(plain, named, strict=True):  # the id, then the name (legal form dropped)
        shown = text.removeprefix(f"{a} ")
        assert shown != text and names.loc[a, "company_zh"].startswith(shown) and len(shown) >= 4
    labels = {g.split(":")[-1] for g in gids(ax) if g.startswith("renewal:label:")}  # short ids
    assert labels and labels <= set(plain)
    plt.close("all")


def test_renewal_calendar_labels_totals_shares_and_the_empty_year():
    cal = renewal_calendar(CONTRACTS, YEARS).set_index("year")
    ax = plot_renewal_calendar(CONTRACTS, years=YEARS, lang="en")
    heavy = by_gid(ax, "renewal:total:2027")
    share = cal.loc[2027, "renewal_share"]
    assert heavy.get_text() == (f"CNY {cal.loc[2027, 'renewal_revenue'] / 1e6:.1f}m\n"
                                f"{share:.0%} of the book")
    assert heavy.get_color() != by_gid(ax, "renewal:total:2026").get_color()  # the heavy year
    assert by_gid(ax, "renewal:total:2029").get_text() == "none"
    assert by_gid(ax, "renewal:label:2027:M01").get_text() == "M01"
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [f"M{i:02d}" for i in range(1, 11)]
    assert legend.get_title().get_text() == "Customer"
    zh = plot_renewal_calendar(CONTRACTS, years=YEARS, lang="zh")
    assert by_gid(zh, "renewal:total:2029").get_text() == "无"
    assert by_gid(zh, "renewal:total:2027").get_text().endswith("占合同收入52%")
    assert zh.get_ylabel() == "待续约收入（万元/年）"
    plt.close("all")


def test_renewal_calendar_from_a_renewals_table_has_no_shares():
    ax = plot_renewal_calendar(RENEWALS, years=YEARS, lang="en")
    assert "\n" not in by_gid(ax, "renewal:total:2027").get_text()
    assert by_gid(ax, "renewal:total:2029").get_text() == "none"
    r = pd.DataFrame({"year": [2026, 2026, 2028], "account_id": ["A", "B", "A"],
                      "renewal_revenue": [3e6, 1e6, 2e6]})
    small = plot_renewal_calendar(r, lang="en")  # default years: 2026 … 2028
    assert [t.get_text() for t in small.get_xticklabels()] == ["2026", "2027", "2028"]
    assert by_gid(small, "renewal:total:2026").get_text() == "CNY 4m"
    plt.close("all")


def test_renewal_calendar_bad_input_says_what_to_pass():
    with pytest.raises(ParameterError, match="renewals"):
        plot_renewal_calendar("contracts.csv")
    with pytest.raises(MissingColumnsError, match="rate"):
        plot_renewal_calendar(CONTRACTS.drop(columns="rate"))
    with pytest.raises(ParameterError, match="years"):
        plot_renewal_calendar(RENEWALS, years=[1990])
    plt.close("all")
