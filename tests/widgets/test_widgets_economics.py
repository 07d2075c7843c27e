"""Module 4 dashboards: set control values and assert the numbers changed correctly."""

from __future__ import annotations

import html

import pytest

import kamlab
from kamlab import widgets
from kamlab.economics import clearing_price, market_clearing, negotiation
from kamlab.exceptions import InvalidDataError, MissingColumnsError


@pytest.fixture(scope="module")
def contract():
    return kamlab.load_contract_case()


@pytest.fixture(scope="module")
def plants():
    return kamlab.load_dataset("industry_plants")


def test_negotiation_dashboard_follows_the_concessions(contract):
    dash = widgets.negotiation_dashboard(**contract, aftermarket=1_000_000)
    assert dash.result.prices == (contract["start_price"],) * 4  # no cuts yet
    chart = dash.chart.value
    with dash.paused():
        dash.cuts[0].value = 0.01
        dash.cuts[1].value = 0.02
        dash.rebate.value = 0.005
    expected = negotiation(**contract, concessions=[0.01, 0.02, 0.0], rebate=0.005,
                           aftermarket=1_000_000)
    assert dash.result.total_npv == pytest.approx(expected.total_npv)
    assert dash.result.steps["end"].tolist() == pytest.approx(expected.steps["end"].tolist())
    assert dash.chart.value != chart
    assert "[0.01, 0.02, 0.0]" in dash.code.value and "above the walk-away" in dash.status.value


def test_negotiation_dashboard_warns_below_walk_away_and_indexes(contract):
    dash = widgets.negotiation_dashboard(**contract, lang="zh")
    dash.cuts[0].value = 0.10
    assert dash.result.headroom < 0 and "低于底线价格" in dash.status.value
    dash.cuts[0].value = 0.0
    dash.index.value = True
    assert dash.result.steps["end"].iloc[0] == pytest.approx(100.0)


def test_negotiation_dashboard_reports_an_index_of_a_loss_instead_of_failing(contract):
    dash = widgets.negotiation_dashboard(**{**contract, "start_price": contract["unit_cost"]})
    before = dash.chart.value
    dash.index.value = True
    assert "index=True needs a positive NPV" in dash.status.value
    assert dash.chart.value == before


def test_cost_curve_dashboard_demand_planned_and_closures(plants):
    operating = plants[plants["plant_status"] == "operating"]
    dash = widgets.cost_curve_dashboard(plants, 118.0, highlight="Our company")
    assert dash.result.price == clearing_price(operating, 118.0) == dash.baseline_price
    dash.add_planned.value = True
    assert dash.result.price == clearing_price(plants, 118.0) < dash.baseline_price
    assert len(dash.plants) == len(plants)
    dash.add_planned.value = False
    marginal = dash.result.marginal_plant
    dash.closed.value = (marginal,)
    rest = operating[operating["plant"] != marginal]
    assert dash.result.price == clearing_price(rest, 118.0) > dash.baseline_price
    assert f"operating[~operating['plant'].isin([{marginal!r}])]" in html.unescape(dash.code.value)
    dash.closed.value = ()
    dash.demand.value = 100.0
    assert dash.result.price == market_clearing(operating, 100.0).price
    assert "+0.0%" not in dash.status.value  # the price moved with demand


def test_cost_curve_dashboard_says_when_demand_cannot_be_met(plants):
    dash = widgets.cost_curve_dashboard(plants, 118.0)
    chart = dash.chart.value
    dash.demand.value = dash.demand.max  # operating plants alone cannot serve it
    assert "capacity" in dash.status.value and dash.chart.value == chart


def test_cost_curve_dashboard_capacity_sliders_add_a_plant(plants):
    from kamlab.economics import add_capacity

    operating = plants[plants["plant_status"] == "operating"]
    dash = widgets.cost_curve_dashboard(plants, 118.0)
    with dash.paused():
        dash.new_capacity.value = 20.0
        dash.new_cost.value = 30_000.0
    new = {"plant": "New plant", "capacity": 20.0, "cash_cost": 30_000.0}
    assert dash.result.price == clearing_price(add_capacity(operating, new), 118.0)
    assert dash.result.price < dash.baseline_price
    assert "add_capacity(operating" in html.unescape(dash.code.value)
    dash.new_cost.value = dash.new_cost.max  # capacity above every plant's cost changes nothing
    assert dash.result.price == dash.baseline_price


def test_cost_curve_dashboard_with_every_plant_closed_says_so(plants):
    dash = widgets.cost_curve_dashboard(plants, 118.0)
    chart, price = dash.chart.value, dash.result.price
    dash.new_capacity.value = 20.0  # add_capacity on no plants used to raise out of render
    dash.closed.value = tuple(dash.closed.options)
    assert "Every plant is closed" in dash.status.value and "#c62828" in dash.status.value
    assert dash.chart.value != chart  # the new capacity was drawn before the closures
    dash.new_capacity.value = 0.0
    assert "Every plant is closed" in dash.status.value
    dash.closed.value = ()
    assert "Every plant is closed" not in dash.status.value and dash.result.price == price


def test_cost_curve_dashboard_all_closed_in_chinese(plants):
    dash = widgets.cost_curve_dashboard(plants, 118.0, lang="zh")
    dash.closed.value = tuple(dash.closed.options)
    assert "所有装置都已关闭" in dash.status.value


def test_cost_curve_dashboard_checks_its_columns_when_built(plants):
    with pytest.raises(MissingColumnsError,
                       match=r"^cost_curve_dashboard\(\) needs the column\(s\) 'cash_cost'"):
        widgets.cost_curve_dashboard(plants.drop(columns="cash_cost"), 118.0)
    with pytest.raises(InvalidDataError, match="at least one row"):
        widgets.cost_curve_dashboard(plants.iloc[:0], 118.0)


def test_negotiation_dashboard_error_line_is_red(contract):
    dash = widgets.negotiation_dashboard(**{**contract, "start_price": contract["unit_cost"]})
    dash.index.value = True
    assert dash.status.value.startswith("<span style='color:#c62828'>")
    dash.index.value = False
    assert dash.error is None and "walk-away" in dash.status.value
