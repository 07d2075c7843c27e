"""Module 3 charts (kamlab.plotting.opportunities): levers, profit bridge, funnel, conversion
and value creation."""

import io
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

import kamlab
from kamlab import plotting
from kamlab.exceptions import ParameterError
from kamlab.opportunities import (
    STAGES,
    account_levers,
    conversion_rates,
    lever_impact,
    value_creation,
    weighted_pipeline,
)

DEALS = kamlab.load_dataset("opportunities")
HISTORY = kamlab.load_dataset("opportunity_stages")
IMPACT = lever_impact(100, 90, 1_000, 2_000)
ACCOUNT = account_levers(pd.DataFrame({"revenue": [12e6], "gross_margin": [2.4e6],
                                       "cost_to_serve": [0.9e6]})).iloc[0]
PIPELINE = weighted_pipeline(DEALS)
RATES = conversion_rates(HISTORY)
UNITS = pd.DataFrame({"business_unit": ["部门1", "部门2", "部门3"],
                      "market_share": [0.2, 0.4, 0.3], "win_rate": [0.5, 0.25, 0.6],
                      "value_per_order": [100.0, 120.0, 80.0]})
VALUE = value_creation(UNITS)

CASES = {
    "levers": (plotting.plot_levers, IMPACT),
    "levers_account": (plotting.plot_levers, ACCOUNT),
    "bridge": (plotting.plot_profit_bridge, IMPACT),
    "funnel": (plotting.plot_funnel, PIPELINE),
    "conversion": (plotting.plot_conversion, RATES),
    "value_creation": (plotting.plot_value_creation, VALUE),
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _gid(ax, prefix):
    return {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith(prefix)}


@pytest.mark.parametrize("name", list(CASES))
def test_draws_on_the_axes_given_or_a_new_one(name):
    func, data = CASES[name]
    fig, ax = plt.subplots()
    assert func(data, ax=ax, lang="en") is ax
    new = func(data, lang="en")
    assert isinstance(new, Axes) and new is not ax and new.figure is not fig


@pytest.mark.parametrize("name", list(CASES))
def test_both_languages_with_titles_and_axis_labels(name):
    func, data = CASES[name]
    en, zh = func(data, lang="en"), func(data, lang="zh")
    assert en.get_title() and not CJK.search(en.get_title())
    assert CJK.search(zh.get_title())
    for ax in (en, zh):
        assert ax.get_xlabel() or ax.get_ylabel()
    assert en.get_title() != zh.get_title()


@pytest.mark.parametrize("name", list(CASES))
def test_unknown_language_is_a_parameter_error(name):
    func, data = CASES[name]
    with pytest.raises(ParameterError):
        func(data, lang="xx")


@pytest.mark.parametrize("name", list(CASES))
def test_chinese_renders_without_missing_glyphs(name):
    func, data = CASES[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        func(data, lang="zh").figure.savefig(io.BytesIO(), format="png")
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "missing from font" in m or "Glyph" in m], messages


def test_levers_bars_equal_the_profit_change_biggest_on_top():
    ax = plotting.plot_levers(IMPACT, lang="en")
    bars = _gid(ax, "lever:")
    for row in IMPACT.itertuples():
        assert bars[f"lever:{row.lever}"].get_width() == pytest.approx(row.profit_change)
    top = max(bars.values(), key=lambda b: b.get_y())
    assert top.get_gid() == "lever:price"
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "CNY 1,000" in texts and "12%" in texts and "1%" in ax.get_title()


def test_levers_from_an_account_row():
    ax = plotting.plot_levers(ACCOUNT, lang="en")
    bars = _gid(ax, "lever:")
    assert bars["lever:price"].get_width() == pytest.approx(ACCOUNT["price_impact"])
    assert bars["lever:cost to serve"].get_width() == pytest.approx(ACCOUNT["cost_to_serve_impact"])


def test_bridge_floats_each_gain_from_the_running_total():
    ax = plotting.plot_profit_bridge(IMPACT, lang="en")
    bars = _gid(ax, "bridge:")
    base = IMPACT["base_profit"].iloc[0]
    assert bars["bridge:base"].get_height() == pytest.approx(base)
    assert bars["bridge:base"].get_y() == 0
    running = base
    least = 0.01 * np.ptp(ax.get_ylim())  # a smaller gain is drawn this tall, to be seen
    for row in IMPACT.itertuples():
        bar = bars[f"bridge:{row.lever}"]
        assert bar.get_y() == pytest.approx(running)
        assert bar.get_height() == pytest.approx(max(row.profit_change, least))
        running += row.profit_change
    assert bars["bridge:total"].get_height() == pytest.approx(running)
    assert bars["bridge:total"].get_y() == 0


def test_bridge_needs_a_base_profit():
    no_base = IMPACT.drop(columns=["base_profit", "new_profit"])
    with pytest.raises(ParameterError, match="base profit"):
        plotting.plot_profit_bridge(no_base)


def test_funnel_bars_equal_value_and_weighted_value_identified_on_top():
    ax = plotting.plot_funnel(PIPELINE, lang="en")
    value, weighted = _gid(ax, "funnel:value:"), _gid(ax, "funnel:weighted:")
    for row in PIPELINE.itertuples():
        assert value[f"funnel:value:{row.stage}"].get_width() == pytest.approx(row.value)
        assert weighted[f"funnel:weighted:{row.stage}"].get_width() == pytest.approx(
            row.weighted_value)
    ys = [value[f"funnel:value:{s}"].get_y() for s in STAGES]
    assert ys == sorted(ys, reverse=True)  # Identified at the top, Committed at the bottom
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert f"{PIPELINE['deals'].iloc[0]} deals" in ticks[0]


def test_funnel_in_any_row_order():
    shuffled = PIPELINE.iloc[::-1].reset_index(drop=True)
    ax = plotting.plot_funnel(shuffled, lang="en")
    assert ax.get_yticklabels()[0].get_text().startswith("Identified")


def test_conversion_bars_equal_the_rates_and_the_leakiest_is_highlighted():
    ax = plotting.plot_conversion(RATES, lang="en")
    bars = _gid(ax, "conversion:")
    assert len(bars) == len(RATES)
    for row in RATES.itertuples():
        gid = next(g for g in bars if g.split("|")[0] == f"conversion:{row.from_stage}")
        assert bars[gid].get_height() == pytest.approx(row.rate)
    leakiest = [g for g in bars if g.endswith("|leakiest")]
    worst = RATES.loc[RATES["rate"].idxmin(), "from_stage"]
    assert leakiest == [f"conversion:{worst}|leakiest"]
    others = {bars[g].get_facecolor() for g in bars if g not in leakiest}
    assert bars[leakiest[0]].get_facecolor() not in others and len(others) == 1
    assert any("Leakiest" in t.get_text() for t in ax.texts)


def test_conversion_of_a_small_history():
    rates = pd.DataFrame({"from_stage": ["Identified", "Contacted"],
                          "to_stage": ["Contacted", "Qualified"], "rate": [0.8, 0.3]})
    ax = plotting.plot_conversion(rates, lang="zh")
    assert list(_gid(ax, "conversion:")) == ["conversion:Identified",
                                             "conversion:Contacted|leakiest"]


def test_conversion_per_group_asks_for_one_group():
    h = HISTORY.assign(owner=np.where(HISTORY["opportunity_id"] < "O0300", "Li", "Wang"))
    with pytest.raises(ParameterError, match="one group"):
        plotting.plot_conversion(conversion_rates(h, by="owner"))


def test_value_creation_bars_equal_the_index_best_on_top():
    ax = plotting.plot_value_creation(VALUE, lang="en")
    bars = _gid(ax, "value_creation:")
    for row in VALUE.itertuples():
        assert bars[f"value_creation:{row.business_unit}"].get_width() == pytest.approx(
            row.index_vs_best)
    top = max(bars.values(), key=lambda b: b.get_y())
    assert top.get_width() == pytest.approx(100)
    assert any("weakest" in t.get_text() for t in ax.texts)


def test_value_creation_from_deals_with_a_unit_without_data():
    shares = dict.fromkeys(DEALS["business_unit"].unique(), 0.2)
    table = value_creation(DEALS, market_share=shares)
    ax = plotting.plot_value_creation(table, lang="zh")
    assert len(_gid(ax, "value_creation:")) == len(table)


# ---------------------------------------------------------------------------------------
# Issue 14: one money format per chart, small bars seen, a real zero, achievable moves
# ---------------------------------------------------------------------------------------

BIG = lever_impact(100, 90, 1_485_230, 3_441_754)  # gains CNY 34,418 … 1.49m, base 11.4m


def _bridge_labels(ax):
    return [t.get_text() for t in ax.texts if "CNY" in t.get_text() or "万元" in t.get_text()]


@pytest.mark.parametrize("lang,pattern", [("en", r"^[+−]?CNY \d[\d,]*\.\d\dm$"),
                                          ("zh", r"^[+−]?[\d,]+(\.\d)?万元$")])
def test_bridge_money_in_one_format_chosen_from_the_largest_value(lang, pattern):
    ax = plotting.plot_profit_bridge(BIG, lang=lang)
    labels = _bridge_labels(ax)
    assert len(labels) == len(BIG) + 2  # base, four gains, total
    assert all(re.match(pattern, text) for text in labels), labels
    assert not any(re.search(r"\d{3},\d{3}", text) for text in labels)  # no "+CNY 152,116"


def test_bridge_small_gains_are_labelled_and_drawn_tall_enough_to_see():
    ax = plotting.plot_profit_bridge(BIG, lang="en")
    labels = _bridge_labels(ax)
    gains = BIG["profit_change"].to_numpy()
    small = min(gains[gains > 0])  # cost to serve: CNY 34,418 on a CNY 15m axis
    assert "+CNY 0.03m" in labels  # a non-zero label, in the chart's format
    bar = _gid(ax, "bridge:")["bridge:cost to serve"]
    lo, hi = ax.get_ylim()
    assert bar.get_height() == pytest.approx(0.01 * (hi - lo)) and bar.get_height() > 4 * small
    big = _gid(ax, "bridge:")["bridge:price"]
    assert big.get_height() == pytest.approx(BIG.set_index("lever").loc["price", "profit_change"])


def test_levers_money_in_one_format():
    ax = plotting.plot_levers(BIG, lang="en")
    labels = [t.get_text() for t in ax.texts if "CNY" in t.get_text()]
    gains = [text.split(" (")[0] for text in labels if text.startswith("+")]
    assert len(gains) == 4 and all(re.fullmatch(r"\+CNY \d+\.\d\dm", g) for g in gains), gains


def test_money_labels_small_charts_stay_in_yuan():
    from kamlab.plotting.opportunities import _money_labels

    assert _money_labels([1_000, -80, 0], "en", signed=True) == ["+CNY 1,000", "−CNY 80", "CNY 0"]
    assert _money_labels([2_000_000, 3_000], "zh") == ["200.0万元", "0.3万元"]


def test_value_creation_a_unit_with_closed_deals_and_no_win_is_zero_not_no_data():
    deals = pd.DataFrame({"business_unit": ["A", "A", "B", "B", "C"],
                          "stage": ["Won", "Lost", "Lost", "Lost", "Identified"],
                          "margin": [100.0, 50.0, 70.0, 80.0, 90.0]})
    table = value_creation(deals, market_share={"A": 0.2, "B": 0.3, "C": 0.1}).set_index(
        "business_unit")
    assert table.loc["B", "win_rate"] == 0 and table.loc["B", "value_created"] == 0
    assert table.loc["B", "index_vs_best"] == 0
    assert np.isnan(table.loc["C", "index_vs_best"])  # no closed deal: no data
    ax = plotting.plot_value_creation(table.reset_index(), lang="en")
    labels = {text.get_text() for text in ax.texts}
    bars = _gid(ax, "value_creation:")
    assert bars["value_creation:B"].get_width() == 0
    assert any(text.startswith("0") and "win rate" in text for text in labels), labels
    assert sum("no data" in text for text in labels) == 1  # C only


def test_value_creation_plot_reads_a_nan_index_with_a_zero_win_rate_as_zero():
    units = pd.DataFrame({"business_unit": ["X", "Y"], "market_share": [0.2, 0.1],
                          "win_rate": [0.5, 0.0], "value_per_order": [100.0, np.nan],
                          "index_vs_best": [100.0, np.nan]})
    ax = plotting.plot_value_creation(units, lang="zh")
    texts = [text.get_text() for text in ax.texts]
    assert not any("无数据" in text or "no data" in text for text in texts), texts


def test_levers_and_bridge_from_a_lever_room_row():
    from kamlab.levers import lever_room

    book = pd.DataFrame({"industry": ["X"] * 4, "revenue": [1000.0] * 4,
                         "gross_margin": [120.0, 100.0, 160.0, 140.0],
                         "cost_to_serve": [20.0, 30.0, 20.0, 90.0],
                         "share_of_wallet": [0.1, 0.3, 0.4, 0.2]})
    row = lever_room(book, size_bands=1).iloc[0]  # volume +150%: CNY 180
    ax = plotting.plot_levers(row, lang="en")
    bars = _gid(ax, "lever:")
    assert bars["lever:volume"].get_width() == pytest.approx(180)
    assert bars["lever:price"].get_width() == pytest.approx(10)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "Volume +150.0%" in ticks and "Cost to serve 0%" in ticks
    assert "achievable" in ax.get_title() and "1%" not in ax.get_title()
    ax = plotting.plot_profit_bridge(row, lang="zh")
    assert _gid(ax, "bridge:")["bridge:base"].get_height() == pytest.approx(100)
