"""Module 4 charts (kamlab.plotting.economics and kamlab.plotting.proposal): waterfalls,
contract value, tornado, Monte Carlo, cost curve, bids, TCO, EVC value split, the proposal
plan and score. Inputs are small hand-made cases built with
kamlab.economics / kamlab.proposal (not the bundled datasets)."""

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from _chart_book import assert_drawing_leaves_inputs_alone, by_gid, texts_on
from matplotlib.colors import to_hex

from kamlab import plotting
from kamlab.economics import (
    NEGOTIATION_ROUNDS,
    bid_range,
    contract_value,
    cost_curve,
    erosion_waterfall,
    evc,
    market_clearing,
    npv_sensitivity,
    npv_summary,
    pocket_price_waterfall,
    simulate_npv,
    tco,
)
from kamlab.exceptions import ParameterError
from kamlab.plotting._style import _AMBER, _BLUE, _GREEN, _RED, _pct
from kamlab.plotting.economics import _LOSS_FILL
from kamlab.plotting.industry_cost_curve import _STATUS_COLOURS
from kamlab.plotting.proposal import _WEAK_TRACK
from kamlab.proposal import proposal_plan, score_proposal

BLUE, GREEN, RED, AMBER = (to_hex(c) for c in (_BLUE, _GREEN, _RED, _AMBER))

# A five-year supply contract in tonnes: CNY/t prices, a CNY 9m tooling investment.
VOLS = [1500, 2000, 2500, 2500, 2500]
DEAL = {"price_down": 0.03, "cost_down": 0.02, "investment": 9e6, "rate": 0.08}
CV = contract_value(VOLS, 38_000, 33_000, **DEAL)
SENS = npv_sensitivity(VOLS, 38_000, 33_000, **DEAL)
DRAWS = simulate_npv(VOLS, 38_000, 33_000, price_sd=0.03, n=4_000, seed=3, **DEAL)
ROUNDS = erosion_waterfall(NEGOTIATION_ROUNDS)
ROUNDS_CNY = erosion_waterfall([("First quote", 16.4e6, "首轮报价"), ("Round 2", -3.9e6, "第2轮"),
                                ("Round 3", -5.7e6, "第3轮"), ("Agreed price", None, "成交价格"),
                                ("Rebate", -1.8e6, "奖励"), ("Aftermarket", 2e6, "零配件市场增额"),
                                ("Total", None, "总额")])
POCKET = pocket_price_waterfall(38_000, {"Volume discount": 1_500, "Payment terms": 400},
                                {"Year-end rebate": 1_100, "Freight": 450})
EVC_ = evc(100, savings={"Lower energy use": 12, "Less downtime": 8}, benefits=10,
           negative=5, price=110)
SPLIT = EVC_.split(110)
PLANTS = pd.DataFrame({
    "plant": ["Jiangsu 1", "Shandong", "Hebei A", "Ningbo", "Tianjin", "Hebei B", "Anhui",
              "Henan old", "Sichuan", "Import"],
    "company": ["Alpha", "Beta", "Gamma", "Huaxin", "Huaxin", "Gamma", "Alpha", "Beta",
                "Delta", "Delta"],
    "capacity": [800, 650, 400, 500, 300, 450, 350, 300, 250, 600],
    "cash_cost": [2450, 2600, 2750, 2700, 3050, 3150, 2900, 3600, 3400, 3900],
    "full_cost": [2900, 3000, 3200, 3150, 3500, 3500, 3350, 3900, 3800, 4200],
})
DEMAND = 3_900
CLEARING = market_clearing(PLANTS, DEMAND)           # Henan old is marginal at 3,600
CURVE = cost_curve(PLANTS, demand=DEMAND)
BIDS = bid_range(PLANTS, price=CLEARING.price)
OFFERS = pd.DataFrame({
    "offer": ["Budget pump", "Efficient pump", "Premium import"],
    "price": [100_000, 135_000, 160_000], "acquisition": [12_000, 10_000, 18_000],
    "operating": [38_000, 24_000, 22_000], "end_of_life": [6_000, 4_000, -15_000],
    "life_years": [8, 8, 10]})
TCO = tco(OFFERS)
PLAN = proposal_plan("2025-03-07")
SCORE = score_proposal({"targeted": 2, "needs": 1, 3: True, "concise": False,
                        "quantified_value": 1, "value_pricing": 2, "customer_challenges": 1,
                        "distinctive": 2, "service_commitment": 2})

CASES = {
    "waterfall": (plotting.plot_waterfall, ROUNDS, {}),
    "waterfall_pocket": (plotting.plot_waterfall, POCKET, {"unit": "unit.cny_per_t"}),
    "waterfall_evc": (plotting.plot_waterfall, EVC_.components, {}),
    "waterfall_cny": (plotting.plot_waterfall, SimpleNamespace(steps=ROUNDS_CNY), {}),
    "cashflows": (plotting.plot_cashflows, CV, {"price_unit": "unit.cny_per_t"}),
    "tornado": (plotting.plot_tornado, SENS, {}),
    "npv_distribution": (plotting.plot_npv_distribution, DRAWS, {}),
    "cost_curve": (plotting.plot_cost_curve, CURVE, {"highlight": "Huaxin"}),
    "cost_curve_status": (plotting.plot_cost_curve, CURVE, {"colour_by": "status"}),
    "bid_ranges": (plotting.plot_bid_ranges, BIDS, {"price": CLEARING.price}),
    "tco": (plotting.plot_tco, TCO, {}),
    "value_split": (plotting.plot_value_split, SPLIT, {}),
    "gantt": (plotting.plot_proposal_gantt, PLAN, {}),
    "gantt_days": (plotting.plot_proposal_gantt, proposal_plan(), {}),
    "proposal_score": (plotting.plot_proposal_score, SCORE, {}),
}


def _gid(ax, prefix):
    return {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith(prefix)}


# ---------------------------------------------------------------------------------------
# The contract every chart keeps: tests/plotting/test_plotting_contract.py
# ---------------------------------------------------------------------------------------


def test_inputs_are_not_changed():
    inputs = {"rounds": ROUNDS, "cny": ROUNDS_CNY, "pocket": POCKET, "sens": SENS, "curve": CURVE,
              "bids": BIDS, "tco": TCO, "plan": PLAN, "score": SCORE.table, "cash": CV.cashflows,
              "draws": DRAWS, "split": SPLIT}
    assert_drawing_leaves_inputs_alone(
        CASES, inputs, lambda: plotting.plot_cost_curve(CLEARING, lang="en"))



# ---------------------------------------------------------------------------------------
# Waterfall
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", [ROUNDS, ROUNDS_CNY, POCKET, EVC_.components],
                         ids=["rounds", "cny", "pocket", "evc"])
def test_waterfall_bars_span_start_to_end_coloured_by_sign(table):
    ax = plotting.plot_waterfall(table, lang="en")
    bars = _gid(ax, "waterfall:")
    assert len(bars) == len(table)
    for i, row in enumerate(table.itertuples()):
        bar = bars[f"waterfall:{i}"]
        assert bar.get_y() == pytest.approx(row.start)
        assert bar.get_y() + bar.get_height() == pytest.approx(row.end)
        colour = to_hex(bar.get_facecolor())
        if row.kind != "change":
            assert colour == BLUE and row.start == 0
        else:
            assert colour == (GREEN if row.end > row.start else RED)


def test_waterfall_values_signs_and_connectors():
    ax = plotting.plot_waterfall(ROUNDS, lang="en")
    values = [by_gid(ax, f"waterfall:value:{i}").get_text() for i in range(len(ROUNDS))]
    assert values == ["100", "−11", "−38", "−35", "16", "−5", "11", "+29", "40"]
    connectors = [line for line in ax.lines if (line.get_gid() or "").startswith("waterfall:connector")]
    assert len(connectors) == len(ROUNDS) - 1
    for i, line in enumerate(connectors):  # each joins bar i's end to bar i + 1
        assert set(line.get_ydata()) == {ROUNDS["end"].iloc[i]}
        x0, x1 = line.get_xdata()
        assert i < x0 < x1 < i + 1


def test_waterfall_labels_in_both_languages_and_long_ones_wrapped():
    en = [t.get_text() for t in plotting.plot_waterfall(ROUNDS, lang="en").get_xticklabels()]
    zh = [t.get_text() for t in plotting.plot_waterfall(ROUNDS, lang="zh").get_xticklabels()]
    assert en[0].replace("\n", " ") == "First quote" and zh[0] == "首轮报价"
    assert "\n" in en[7] and en[7].replace("\n", " ") == "Aftermarket (spare parts) uplift"
    assert zh[6].replace("\n", "") == "奖励后的最终价格" and "\n" in zh[6]
    # the kit's own step names (pocket price, EVC) come from i18n; a trainee's stay as written
    pocket = [t.get_text().replace("\n", " ") for t in
              plotting.plot_waterfall(POCKET, lang="zh").get_xticklabels()]
    assert pocket[0] == "标价" and pocket[-1] == "口袋价格"
    assert [x for x in pocket if x.isascii()] == [x for x in POCKET["label"] if x not in (
        "List price", "Invoice price", "Pocket price")]
    evc_zh = [t.get_text().replace("\n", "") for t in
              plotting.plot_waterfall(EVC_, lang="zh").get_xticklabels()]
    assert evc_zh[0] == "参照产品价格" and evc_zh[-1] == "对客户的经济价值"


def test_waterfall_titles_follow_the_table_and_can_be_overridden():
    assert "index" in plotting.plot_waterfall(ROUNDS, lang="en").get_ylabel()
    pocket = plotting.plot_waterfall(POCKET, lang="zh", unit="unit.cny_per_t")
    assert pocket.get_title().startswith("口袋价格") and "元/吨" in pocket.get_ylabel()
    from_evc = plotting.plot_waterfall(EVC_, lang="en")  # the EVC result itself
    assert "EVC" in from_evc.get_title() and len(_gid(from_evc, "waterfall:")) == 6
    own = plotting.plot_waterfall(ROUNDS, lang="en", title="Deal 42", ylabel="NPV ({unit})",
                                  unit="CNY m", value_format="{:.1f}")
    assert own.get_title() == "Deal 42" and own.get_ylabel() == "NPV (CNY m)"
    assert by_gid(own, "waterfall:value:1").get_text() == "-11.0"
    assert by_gid(own, "waterfall:value:7").get_text() == "+29.0"


def test_waterfall_in_cny_labels_money_and_takes_a_result_with_steps():
    ax = plotting.plot_waterfall(SimpleNamespace(steps=ROUNDS_CNY), lang="en")
    assert len(_gid(ax, "waterfall:")) == len(ROUNDS_CNY)
    assert by_gid(ax, "waterfall:value:0").get_text() == "CNY 16.4m"
    assert by_gid(ax, "waterfall:value:1").get_text() == "−CNY 3.9m"
    assert by_gid(ax, "waterfall:value:5").get_text() == "+CNY 2.0m"
    assert ax.get_ylabel() == "Contract NPV (CNY m)" and "index" not in ax.get_title()
    zh = plotting.plot_waterfall(ROUNDS_CNY, lang="zh")
    assert by_gid(zh, "waterfall:value:0").get_text() == "1,640万元"
    assert zh.get_ylabel() == "合约净现值（万元）" and "指数" not in zh.get_title()


def test_waterfall_value_labels_never_overlap_and_a_zero_step_reads_0():
    """The negotiation dashboard's 9 bars on an 8-inch figure: labels shrink to their slot."""
    import matplotlib.pyplot as plt

    from kamlab.economics import negotiation

    n = negotiation([10_000] * 5, 48_000, 39_500, [0.0, 0.0, 0.0], aftermarket=1_121_108)
    fig, ax = plt.subplots(figsize=(8.0, 4.4))
    plotting.plot_waterfall(n.steps, ax=ax, lang="en")
    fig.canvas.draw()
    values = [by_gid(ax, f"waterfall:value:{i}") for i in range(len(n.steps))]
    assert values[1].get_text() == "0" and values[0].get_text().startswith("CNY ")
    assert values[0].get_fontsize() < 10  # smaller than the default, to fit
    boxes = [v.get_window_extent() for v in values]
    assert all(a.x1 <= b.x0 for a, b in zip(boxes, boxes[1:])), [v.get_text() for v in values]
    ticks = [t.get_window_extent() for t in ax.get_xticklabels()]  # "After rebate", "Aftermarket"
    assert all(a.x1 <= b.x0 for a, b in zip(ticks, ticks[1:]))
    wide = plotting.plot_waterfall(n.steps, lang="en")  # its own figure: room for 10 pt
    assert by_gid(wide, "waterfall:value:0").get_fontsize() == 10
    plt.close("all")


def test_waterfall_below_zero_and_bad_input():
    loss = pocket_price_waterfall(10, {"Discount": 8}, {"Rebate": 5})  # pocket price −3
    ax = plotting.plot_waterfall(loss, lang="en")
    assert ax.get_ylim()[0] < -3
    assert _gid(ax, "waterfall:")["waterfall:4"].get_height() == pytest.approx(-3)
    with pytest.raises(ParameterError, match="erosion_waterfall"):
        plotting.plot_waterfall([("Quote", 100)])
    with pytest.raises(ParameterError, match="value_format"):
        plotting.plot_waterfall(ROUNDS, value_format=12)


# ---------------------------------------------------------------------------------------
# Contract value, tornado, Monte Carlo
# ---------------------------------------------------------------------------------------

def test_cashflow_bars_are_the_present_values_and_the_line_adds_them_up():
    ax = plotting.plot_cashflows(CV, lang="en", price_unit="unit.cny_per_t")
    bars = _gid(ax, "cashflow:")
    cf = CV.cashflows
    for row in cf.itertuples():
        bar = bars[f"cashflow:{row.year}"]
        assert bar.get_x() + bar.get_width() / 2 == pytest.approx(row.year)
        assert bar.get_height() == pytest.approx(row.present_value)
    assert to_hex(bars["cashflow:0"].get_facecolor()) == RED
    line = by_gid(ax, "cashflow:cumulative")
    np.testing.assert_allclose(line.get_ydata(), cf["cumulative_pv"])
    assert line.get_ydata()[-1] == pytest.approx(CV.npv)
    # break-even between year 1 (still negative) and year 2, on the zero line
    (xb,), (yb,) = by_gid(ax, "cashflow:breakeven").get_data()
    assert 1 < xb < 2 and yb == 0
    assert any("Break-even in year 2" in s for s in texts_on(ax))


def test_cashflow_box_gives_npv_irr_and_walk_away_against_the_first_price():
    en = by_gid(plotting.plot_cashflows(CV, lang="en", price_unit="unit.cny_per_t"),
                 "cashflow:summary").get_text()
    assert "NPV at 8%: CNY 25.9m" in en and "IRR: 89%" in en
    assert f"Walk-away price: {CV.walk_away_price:,.0f} CNY/t = −8.4%" in en
    zh = by_gid(plotting.plot_cashflows(CV, lang="zh", price_unit="unit.cny_per_t"),
                 "cashflow:summary").get_text()
    assert "净现值" in zh and "内部收益率" in zh and "元/吨" in zh and "2,586万元" in zh


def test_cashflows_without_investment_or_payback():
    no_invest = plotting.plot_cashflows(contract_value([100, 100], 10, 6), lang="en")
    assert not [a for a in no_invest.get_children() if a.get_gid() == "cashflow:breakeven"]
    assert "IRR: not defined" in by_gid(no_invest, "cashflow:summary").get_text()
    never = plotting.plot_cashflows(contract_value([100, 100], 10, 9, investment=500), lang="en")
    assert "Does not pay back within 2 years" in by_gid(never, "cashflow:summary").get_text()
    with pytest.raises(ParameterError, match="contract_value"):
        plotting.plot_cashflows(CV.cashflows)


def test_tornado_bars_run_from_the_base_npv_to_each_side():
    ax = plotting.plot_tornado(SENS, lang="en")
    bars = _gid(ax, "tornado:")
    assert len(bars) == 2 * len(SENS)
    for row in SENS.itertuples():
        for side, value in (("low", row.npv_low), ("high", row.npv_high)):
            bar = bars[f"tornado:{row.input}:{side}"]
            assert bar.get_x() == pytest.approx(row.base_npv)
            assert bar.get_x() + bar.get_width() == pytest.approx(value)
        assert to_hex(bars[f"tornado:{row.input}:low"].get_facecolor()) == BLUE
        assert to_hex(bars[f"tornado:{row.input}:high"].get_facecolor()) == AMBER
    top = max(bars.values(), key=lambda b: b.get_y())
    assert top.get_gid().split(":")[1] == SENS["input"].iloc[0] == "start_price"
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "First-year price\n34,200 → 41,800" in ticks
    assert "Yearly price-down\n2.7% → 3.3%" in ticks
    assert "±10%" in ax.get_title()
    base = [line for line in ax.lines if line.get_xdata()[0] == pytest.approx(CV.npv)]
    assert base and by_gid(ax, "tornado:zero").get_xdata()[0] == 0  # NPV 0 is in range


def test_tornado_top_n_in_chinese_and_zero_line_only_in_range():
    ax = plotting.plot_tornado(SENS, lang="zh", n=2)
    ticks = [t.get_text().split("\n")[0] for t in ax.get_yticklabels()]
    assert ticks == ["首年价格", "单位成本"] and len(_gid(ax, "tornado:")) == 4
    safe = npv_sensitivity([1000] * 3, 20, 7, investment=100, change=0.05)
    assert not [a for a in plotting.plot_tornado(safe, lang="en").get_children()
                if a.get_gid() == "tornado:zero"]
    with pytest.raises(ParameterError, match="n must be"):
        plotting.plot_tornado(SENS, n=0)


def test_npv_histogram_counts_every_draw_and_the_loss_side_exactly():
    ax = plotting.plot_npv_distribution(DRAWS, lang="en")
    loss = [p for p in ax.patches if p.get_gid() == "npv:loss"]
    gain = [p for p in ax.patches if p.get_gid() == "npv:gain"]
    x = DRAWS.to_numpy()
    assert sum(p.get_height() for p in loss + gain) == len(x)
    assert sum(p.get_height() for p in loss) == (x < 0).sum() > 0
    assert all(p.get_x() + p.get_width() <= 1e-6 for p in loss)
    assert all(p.get_x() >= -1e-6 for p in gain)
    assert {to_hex(p.get_facecolor()) for p in loss} == {_LOSS_FILL}
    summary = npv_summary(DRAWS)
    for key in ("p5", "p50", "p95"):
        assert by_gid(ax, f"npv:{key}").get_xdata()[0] == pytest.approx(getattr(summary, key))
    assert f"P(NPV < 0) = {_pct(summary.prob_loss)}" in ax.get_title()
    assert "4,000" in ax.get_title()
    zh = plotting.plot_npv_distribution(DRAWS, lang="zh")
    assert "亏损概率" in zh.get_title()


def test_npv_histogram_without_losses_and_bad_bins():
    ax = plotting.plot_npv_distribution(pd.Series([5.0, 6.0, 7.0, 7.0]), lang="en", bins=4)
    assert not [p for p in ax.patches if p.get_gid() == "npv:loss"]
    assert sum(p.get_height() for p in ax.patches if p.get_gid() == "npv:gain") == 4
    one = plotting.plot_npv_distribution([3.0] * 10, lang="en")  # no spread at all
    assert sum(p.get_height() for p in one.patches if p.get_gid() == "npv:gain") == 10
    with pytest.raises(ParameterError, match="bins"):
        plotting.plot_npv_distribution(DRAWS, bins=1)


# ---------------------------------------------------------------------------------------
# Cost curve and bids
# ---------------------------------------------------------------------------------------

def test_cost_curve_bars_are_capacity_wide_and_cash_cost_high():
    ax = plotting.plot_cost_curve(CURVE, lang="en", highlight="Huaxin")
    bars = _gid(ax, "cost_curve:")
    assert len(bars) == len(PLANTS)
    for row in CURVE.itertuples():
        bar = bars[f"cost_curve:{row.plant}"]
        assert bar.get_x() == pytest.approx(row.left)
        assert bar.get_width() == pytest.approx(row.capacity)
        assert bar.get_height() == pytest.approx(row.cash_cost)
    ours = {to_hex(bars[f"cost_curve:{p}"].get_facecolor()) for p in ("Ningbo", "Tianjin")}
    others = {to_hex(b.get_facecolor()) for g, b in bars.items()
              if g not in ("cost_curve:Ningbo", "cost_curve:Tianjin")}
    assert ours == {BLUE} and BLUE not in others
    assert "Huaxin (us)" in texts_on(ax)


def test_cost_curve_marks_demand_price_and_the_marginal_plant():
    ax = plotting.plot_cost_curve(CURVE, lang="en")
    marginal = _gid(ax, "cost_curve:")["cost_curve:Henan old"]
    assert marginal.get_hatch() == "//"
    assert [b for b in _gid(ax, "cost_curve:").values() if b.get_hatch()] == [marginal]
    price = by_gid(ax, "cost_curve:price").get_text()
    assert price == "Clearing price 3,600 CNY/t, set by Henan old"
    assert by_gid(ax, "cost_curve:demand").get_text() == "Demand 3,900 kt"
    assert any(line.get_xdata()[0] == DEMAND for line in ax.lines)
    assert any(line.get_ydata()[0] == CLEARING.price for line in ax.lines)
    zh = plotting.plot_cost_curve(CLEARING, lang="zh", capacity_unit="unit.t")
    assert by_gid(zh, "cost_curve:price").get_text() == "市场价格3,600元/吨，由Henan old决定"
    assert "吨" in zh.get_xlabel()


def test_cost_curve_names_the_marginal_plant_in_its_bar():
    # issue 14: the bar that sets the price was the only one without its name
    ax = plotting.plot_cost_curve(CURVE, lang="en")
    name = by_gid(ax, "cost_curve:name:Henan old")
    assert name.get_text() == "Henan old" and name.get_rotation() == 90
    assert name.get_bbox_patch() is not None                # on its own white box
    bar = _gid(ax, "cost_curve:")["cost_curve:Henan old"]
    assert bar.get_x() < name.get_position()[0] < bar.get_x() + bar.get_width()
    bare = plotting.plot_cost_curve(CLEARING, lang="en", plant_names=False)
    assert [t.get_gid() for t in bare.texts if (t.get_gid() or "").startswith(
        "cost_curve:name:")] == ["cost_curve:name:Henan old"]


def test_cost_curve_names_a_narrow_marginal_plant_above_its_bar():
    plants = PLANTS.assign(capacity=PLANTS["capacity"].where(PLANTS["plant"] != "Henan old", 5))
    curve = cost_curve(plants, demand=3_702)                # Henan old 3,700 -> 3,705
    ax = plotting.plot_cost_curve(curve, lang="en")
    name = by_gid(ax, "cost_curve:name:Henan old")
    assert name.arrow_patch is not None and name.get_rotation() == 0
    assert name.xy == pytest.approx((3_702.5, 3_600))


def test_cost_curve_and_cashflow_legends_fit_a_narrow_figure():
    # projector mode draws on a smaller figure: a legend of three wide columns was wider
    # than the figure, and the layout squeezed the curve to a strip
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(4, 3.5), layout="constrained")
    plotting.plot_cost_curve(CURVE, ax=ax, lang="en")
    ax.figure.canvas.draw()
    legend = ax.get_legend()
    assert legend._ncols < 3
    assert legend.get_window_extent().width <= ax.figure.bbox.width
    wide = plotting.plot_cost_curve(CURVE, lang="en")  # its own 9.5 in figure: 3 columns
    assert wide.get_legend()._ncols == 3
    _, ax = plt.subplots(figsize=(5, 3.5), layout="constrained")  # the cash flows' legend too
    plotting.plot_cashflows(CV, ax=ax, lang="en")
    ax.figure.canvas.draw()
    assert ax.get_legend().get_window_extent().width <= ax.figure.bbox.width
    plt.close("all")


def test_cost_curve_by_status_and_without_demand():
    ax = plotting.plot_cost_curve(CURVE, colour_by="status", lang="en")
    bars = _gid(ax, "cost_curve:")
    for row in CURVE.itertuples():
        colour = to_hex(bars[f"cost_curve:{row.plant}"].get_facecolor())
        assert colour == to_hex(_STATUS_COLOURS[row.status])
    assert texts_on(ax)[-3:] == ["Runs", "Marginal (sets the price)", "Idle"]  # the legend
    bare = plotting.plot_cost_curve(cost_curve(PLANTS[["plant", "capacity", "cash_cost"]]),
                                    lang="en")
    assert len(_gid(bare, "cost_curve:")) == len(PLANTS)
    assert not [t for t in bare.texts if t.get_gid() in ("cost_curve:price", "cost_curve:demand")]
    with pytest.raises(ParameterError, match="colour_by"):
        plotting.plot_cost_curve(CURVE, colour_by="region")
    with pytest.raises(ParameterError, match="status"):
        plotting.plot_cost_curve(cost_curve(PLANTS), colour_by="status")


def test_bid_ranges_float_from_floor_to_ceiling_and_show_how_far_below_the_price():
    ax = plotting.plot_bid_ranges(BIDS, price=CLEARING.price, lang="en", highlight="Huaxin")
    bars = _gid(ax, "bid:")
    for row in BIDS.itertuples():
        bar = bars[f"bid:{row.company}"]
        assert bar.get_x() == pytest.approx(row.floor)
        assert bar.get_x() + bar.get_width() == pytest.approx(row.ceiling)
        solid = bars[f"bid:{row.company}:below_price"]  # floor -> price, or its ceiling
        assert (solid.get_x(), solid.get_x() + solid.get_width()) == \
            pytest.approx((row.floor, min(row.ceiling, CLEARING.price)))
    # issue 14: the ranges end at each company's own ceiling, not all at the price
    assert len({round(b.get_x() + b.get_width()) for g, b in bars.items()
                if g.count(":") == 1}) == len(BIDS)
    assert by_gid(ax, "bid:below:Alpha").get_text() == "−1,150"      # 3,600 − 2,450
    top = max((b for g, b in bars.items() if g.count(":") == 1), key=lambda b: b.get_y())
    assert top.get_gid() == f"bid:{BIDS['company'].iloc[0]}"  # lowest floor on top
    assert to_hex(bars["bid:Huaxin"].get_facecolor()) == AMBER
    assert by_gid(ax, "bid:price").get_xdata()[0] == CLEARING.price
    assert by_gid(ax, "bid:our_floor").get_xdata()[0] == 2_700       # Huaxin's floor
    texts = texts_on(ax)
    assert "Market price 3,600 CNY/t" in texts and "Our floor 2,700" in texts
    assert not any("capped" in s for s in texts)
    plain = plotting.plot_bid_ranges(bid_range(PLANTS), lang="zh")
    assert not [a for a in plain.get_children() if a.get_gid() in ("bid:price", "bid:our_floor")]
    assert not _gid(plain, "bid:Alpha:")


def test_bid_ranges_say_when_a_floor_is_above_the_price():
    ax = plotting.plot_bid_ranges(BIDS, price=2_650, lang="en")
    assert by_gid(ax, "bid:text:Huaxin").get_text() == "2,700 – 3,609  floor +50 vs the price"  # 3,281.25 × 1.1
    assert "bid:Huaxin:below_price" not in _gid(ax, "bid:")
    zh = plotting.plot_bid_ranges(BIDS, price=2_650, lang="zh")
    assert by_gid(zh, "bid:text:Delta").get_text().endswith("底线比市场价格高750")
    assert by_gid(zh, "bid:below:Alpha").get_text() == "−200"


# ---------------------------------------------------------------------------------------
# TCO and the EVC value split
# ---------------------------------------------------------------------------------------

def test_tco_stacks_each_cost_and_marks_the_cheapest():
    ax = plotting.plot_tco(TCO, lang="en")
    for row in TCO.itertuples():
        pos = 0.0
        for part in ("price", "acquisition", "operating_pv", "end_of_life_pv"):
            seg = _gid(ax, f"tco:{part}:{row.offer}")[f"tco:{part}:{row.offer}"]
            value = getattr(row, part)
            assert seg.get_height() == pytest.approx(value)
            assert seg.get_y() == pytest.approx(pos if value >= 0 else 0.0)
            pos += max(value, 0.0)
    cheapest_tco = TCO.loc[TCO["rank_by_tco"] == 1, "offer"].item()       # Efficient pump
    cheapest_price = TCO.loc[TCO["rank_by_price"] == 1, "offer"].item()   # Budget pump
    assert cheapest_tco != cheapest_price
    assert by_gid(ax, f"tco:lowest_tco:{cheapest_tco}").get_text() == "Lowest TCO"
    assert by_gid(ax, f"tco:lowest_price:{cheapest_price}").get_text() == "Lowest price"
    outline = by_gid(ax, "tco:lowest_tco")
    seg = _gid(ax, f"tco:price:{cheapest_tco}")[f"tco:price:{cheapest_tco}"]
    assert outline.get_x() < seg.get_x() < seg.get_x() + seg.get_width() \
        < outline.get_x() + outline.get_width()
    premium = _gid(ax, "tco:end_of_life_pv:Premium import")["tco:end_of_life_pv:Premium import"]
    assert premium.get_height() < 0 and ax.get_ylim()[0] < 0  # resale value below zero
    # lives differ (8 and 10 years): the cost a year is shown and its winner named
    assert any("a year" in s for s in texts_on(ax))
    assert by_gid(ax, "tco:lowest_per_year:Premium import").get_text() == "Lowest TCO a year"
    zh = plotting.plot_tco(TCO, lang="zh")
    assert "总拥有成本最低" in texts_on(zh) and "寿命8年" in " ".join(texts_on(zh))


def test_tco_with_equal_lives_shows_no_cost_a_year():
    same = tco(OFFERS.assign(life_years=8))
    ax = plotting.plot_tco(same, lang="en")
    assert not any("a year" in s for s in texts_on(ax))


def test_value_split_stacks_reference_premium_and_incentive():
    ax = plotting.plot_value_split(SPLIT, lang="en")
    ref = by_gid(ax, "value_split:reference")
    premium = by_gid(ax, "value_split:premium")
    incentive = by_gid(ax, "value_split:incentive")
    assert (ref.get_y(), ref.get_height()) == (0, SPLIT.reference_price)
    assert (premium.get_y(), premium.get_height()) == (SPLIT.reference_price, SPLIT.premium)
    assert (incentive.get_y(), incentive.get_height()) == (SPLIT.price, SPLIT.customer_incentive)
    assert premium.get_y() + premium.get_height() == SPLIT.price
    assert incentive.get_y() + incentive.get_height() == SPLIT.value
    assert by_gid(ax, "value_split:price").get_segments()[0][0][1] == SPLIT.price
    texts = " ".join(texts_on(ax))
    assert "incentive to switch: 15 (60% of the pool)" in texts.replace("\n", " ")
    assert "Our premium: 10 (40% of the pool)" in texts.replace("\n", " ")
    assert "Value pool\n25" in texts
    zh = " ".join(texts_on(plotting.plot_value_split(EVC_, lang="zh")))  # the EVC itself
    assert "我方溢价：10（占价值池40%）" in zh.replace("\n", "")


def test_value_split_price_outside_the_pool_turns_red():
    above = plotting.plot_value_split(EVC_.split(130), lang="en")
    assert to_hex(by_gid(above, "value_split:incentive").get_facecolor()) == RED
    assert any("No incentive to switch" in s for s in texts_on(above))
    below = plotting.plot_value_split(EVC_.split(90), lang="en")
    assert to_hex(by_gid(below, "value_split:premium").get_facecolor()) == RED
    assert any("Value given away" in s for s in texts_on(below))
    with pytest.raises(ParameterError, match="no price"):
        plotting.plot_value_split(evc(100, savings=10))
    with pytest.raises(ParameterError, match="split"):
        plotting.plot_value_split(EVC_.components)


# ---------------------------------------------------------------------------------------
# The proposal: ten-day plan and score
# ---------------------------------------------------------------------------------------

def test_gantt_bars_cover_each_phase_days_first_phase_on_top():
    ax = plotting.plot_proposal_gantt(PLAN, lang="en")
    bars = _gid(ax, "gantt:")
    for row in PLAN.itertuples():
        bar = bars[f"gantt:{row.key}"]
        assert bar.get_x() == pytest.approx(row.start_day - 0.5)
        assert bar.get_width() == pytest.approx(row.duration_days)
    ys = [bars[f"gantt:{k}"].get_y() for k in PLAN["key"]]
    assert ys == sorted(ys, reverse=True)
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "1\n07 Mar" and ticks[1] == "2\n10 Mar" and ticks[-1] == "10\n20 Mar"
    assert "Lead: finance" in texts_on(ax) and "(date)" in ax.get_xlabel()
    assert "10-day" in ax.get_title()


def test_gantt_in_chinese_and_without_dates():
    zh = plotting.plot_proposal_gantt(PLAN, lang="zh")
    assert zh.get_xticklabels()[0].get_text() == "1\n3月7日"
    assert "负责：财务" in texts_on(zh)
    assert "准备和启动" in [t.get_text() for t in zh.get_yticklabels()]
    days = plotting.plot_proposal_gantt(proposal_plan(), lang="en")
    assert [t.get_text() for t in days.get_xticklabels()] == [str(d) for d in range(1, 11)]
    assert "date" not in days.get_xlabel()
    two_leads = [t for t in texts_on(zh) if t.startswith("负责：") and "、" in t]
    assert two_leads == ["负责：客户经理、建议书协调员", "负责：业务经理、客户经理"]


def test_gantt_translates_the_kits_phases_and_keeps_a_trainees_own_words():
    phases = pd.DataFrame({"key": ["launch", "launch2"], "phase": ["Kick-off", "Prepare and launch"],
                           "start_day": [1, 2], "end_day": [1, 3],
                           "lead": [("account manager",), ("my boss",)]})
    ax = plotting.plot_proposal_gantt(proposal_plan(phases=phases), lang="zh")
    # row 1 reuses the kit's key with its own name; row 2 an unknown key: both kept as written
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kick-off", "Prepare and launch"]
    assert {"负责：客户经理", "负责：my boss"} <= set(texts_on(ax))


def test_score_bars_are_the_ratings_weakest_highlighted_total_in_title():
    ax = plotting.plot_proposal_score(SCORE, lang="en")
    bars = {g.split("|")[0]: b for g, b in _gid(ax, "score:").items()
            if not g.startswith("score:max:")}
    for row in SCORE.table.itertuples():
        assert bars[f"score:{row.id}"].get_width() == row.rating
        assert by_gid(ax, f"score:max:{row.id}").get_width() == row.max
    weakest = sorted(g.split(":")[1].split("|")[0] for g in _gid(ax, "score:")
                     if g.endswith("|weakest"))
    assert weakest == sorted(SCORE.weakest) == ["concise", "support"]
    for element in SCORE.weakest:
        assert to_hex(by_gid(ax, f"score:max:{element}").get_facecolor()) \
            == _WEAK_TRACK
    red = [t.get_text() for t in ax.get_yticklabels() if to_hex(t.get_color()) == RED]
    assert red == ["8. Concise", "10. Full customer support"]
    assert ax.get_title().startswith(f"Draft proposal: {SCORE.total} of 20 points (65%)")
    assert any("not rated" in s for s in texts_on(ax))
    zh = plotting.plot_proposal_score(SCORE, lang="zh")
    assert "20分中得13分" in zh.get_title()
    assert [t.get_text() for t in zh.get_yticklabels()][7] == "8. 简明扼要"
    with pytest.raises(ParameterError, match="score_proposal"):
        plotting.plot_proposal_score(SCORE.table)
