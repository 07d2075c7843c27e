"""Module 3 dashboards: set control values and assert the numbers changed correctly."""

from __future__ import annotations

import pandas as pd
import pytest

import kamlab
from kamlab import widgets
from kamlab.exceptions import InvalidDataError, MissingColumnsError
from kamlab.opportunities import (
    DEFAULT_STAGE_PROBABILITY,
    coverage,
    lever_moves,
    screen_opportunities,
    weighted_pipeline,
)

AS_OF = "2026-06-30"


@pytest.fixture(scope="module")
def opp():
    return kamlab.load_dataset("opportunities")


def test_lever_dashboard_follows_account_and_moves(customers):
    dash = widgets.lever_dashboard(customers, accounts=5)
    row = customers[customers.account_id == dash.account.value].iloc[0]
    expected = lever_moves(row.revenue, row.gross_margin, row.cost_to_serve,
                           price=0.01, volume=0.01, unit_cost=-0.01, serve_cost=-0.01)
    pd.testing.assert_frame_equal(dash.result, expected)
    chart = dash.chart.value
    dash.moves["price"].value = -0.02  # a price cut
    price = dash.result.set_index("lever").loc["price", "profit_change"]
    assert price == pytest.approx(-0.02 * row.revenue)
    assert dash.chart.value != chart and "price=-0.020" in dash.code.value
    dash.account.value = dash.account.options[1][1]
    other = customers[customers.account_id == dash.account.options[1][1]].iloc[0]
    assert dash.result["base_profit"].iloc[0] == pytest.approx(other.gross_margin - other.cost_to_serve)


def test_screen_dashboard_thresholds_drop_more(opp):
    dash = widgets.screen_dashboard(opp, as_of=AS_OF)
    expected = screen_opportunities(opp, as_of=AS_OF)
    assert len(dash.kept) == int((~expected["dropped"]).sum())
    before = len(dash.kept)
    dash.min_win.value = 0.30
    assert len(dash.kept) < before
    assert "win probability below 30%" in " ".join(dash.reasons.index)
    assert f"{len(dash.kept)} open opportunities kept" in dash.status.value


def test_screen_dashboard_weights_change_ranking(opp):
    dash = widgets.screen_dashboard(opp, as_of=AS_OF)
    top_before = dash.kept["opportunity_id"].head(10).tolist()
    dash.weights["potential"].value = 3.0
    dash.weights["customer_priority"].value = 0.0
    expected = screen_opportunities(
        opp, as_of=AS_OF, weights={"customer_priority": 0.0, "product_priority": 1.0, "potential": 3.0})
    kept = expected[~expected["dropped"]].sort_values("rank")
    assert dash.kept["opportunity_id"].head(10).tolist() == kept["opportunity_id"].head(10).tolist()
    assert dash.kept["opportunity_id"].head(10).tolist() != top_before


def test_pipeline_dashboard_probabilities_and_target(opp):
    dash = widgets.pipeline_dashboard(opp, target=40_000_000)
    assert dash.coverage == coverage(opp, 40_000_000)
    dash.sliders["Identified"].value = 0.5
    probs = dict(DEFAULT_STAGE_PROBABILITY, Identified=0.5)
    assert dash.coverage == coverage(opp, 40_000_000, probabilities=probs)
    assert dash.pipeline.equals(weighted_pipeline(opp, probabilities=probs))
    dash.target.value = 20_000_000
    assert dash.coverage.weighted_coverage == pytest.approx(
        coverage(opp, 20_000_000, probabilities=probs).weighted_coverage)
    dash.target.value = 0
    assert "above zero" in dash.status.value


def test_module3_dashboards_in_chinese(customers, opp):
    assert widgets.lever_dashboard(customers, lang="zh").account.tooltip == "客户"
    assert "保留" in widgets.screen_dashboard(opp, as_of=AS_OF, lang="zh").status.value
    assert "覆盖" in widgets.pipeline_dashboard(opp, lang="zh").status.value


def test_lever_dashboard_checks_its_columns_when_built(customers):
    own = customers[["account_id", "name", "revenue", "profit"]]  # an own book: no margins
    with pytest.raises(MissingColumnsError) as err:
        widgets.lever_dashboard(own)  # used to be KeyError: 'gross_margin'
    assert str(err.value).startswith(
        "lever_dashboard() needs the column(s) 'gross_margin', 'cost_to_serve'")
    with pytest.raises(InvalidDataError, match=r"lever_dashboard\(\) needs at least one row"):
        widgets.lever_dashboard(customers.iloc[:0])  # used to be IndexError


def test_screen_and_pipeline_dashboards_check_their_columns_when_built(opp):
    minimal = opp[["opportunity_id", "stage", "value"]]
    with pytest.raises(MissingColumnsError, match=r"^screen_dashboard\(\) needs the column\(s\) "
                                                  r"'decision_made', 'win_probability'"):
        widgets.screen_dashboard(minimal, as_of=AS_OF)
    assert widgets.pipeline_dashboard(minimal).coverage == coverage(minimal, 40_000_000)
    with pytest.raises(MissingColumnsError, match=r"pipeline_dashboard\(\) needs .* 'value'"):
        widgets.pipeline_dashboard(minimal.drop(columns="value"))
