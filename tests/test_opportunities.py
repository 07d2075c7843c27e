"""Tests for kamlab.opportunities: lever closed forms, the screen's rules and boundaries,
funnel arithmetic on hand-built histories, value creation, the account plan, purity, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kamlab
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError
from kamlab.opportunities import (
    ACCOUNT_PLAN_STEPS,
    CLOSED,
    DEFAULT_STAGE_PROBABILITY,
    LEVERS,
    STAGE_CRITERIA,
    STAGES,
    STRATEGIC_FLAGS,
    Coverage,
    conversion_rates,
    coverage,
    screen_opportunities,
    stage_categorical,
    stage_probabilities_from_history,
    stalled,
    time_in_stage,
    value_creation,
    weigh_opportunities,
    weighted_pipeline,
)

AS_OF = "2025-01-01"


def _opp(**overrides) -> dict:
    """One open opportunity that passes every knock-out and has no strategic flag."""
    row = {"stage": "Qualified", "decision_made": False, "win_probability": 0.5,
           "customer_priority": 4, "info_completeness": 0.8, "product_priority": 3,
           "margin": 100.0, "value": 1000.0, "expected_close": "2025-03-01",
           **dict.fromkeys(STRATEGIC_FLAGS, False)}
    row.update(overrides)
    return row


def _screen(*rows, **kw):
    kw.setdefault("as_of", AS_OF)
    return screen_opportunities(pd.DataFrame(list(rows)), **kw)


def _history(rows):
    """rows: (opportunity_id, stage, entered)."""
    return pd.DataFrame(rows, columns=["opportunity_id", "stage", "entered"])


# ---------------------------------------------------------------------------------------
# Rule tables and stages
# ---------------------------------------------------------------------------------------

def test_stage_tables_cover_the_funnel():
    assert STAGES == ("Identified", "Contacted", "Qualified", "Developed", "Committed")
    assert CLOSED == ("Won", "Lost")
    assert set(STAGE_CRITERIA) == set(STAGES)
    assert set(DEFAULT_STAGE_PROBABILITY) == set(STAGES)
    probs = [DEFAULT_STAGE_PROBABILITY[s] for s in STAGES]
    assert probs == sorted(probs)
    assert len(ACCOUNT_PLAN_STEPS) == 7
    assert set(LEVERS["driver"]) == {"unit margin", "volume", "cost to serve"}
    assert LEVERS.groupby("driver").size().to_dict() == {
        "unit margin": 7, "volume": 3, "cost to serve": 4}


def test_stage_categorical_orders_in_course_order():
    cat = stage_categorical(["Committed", "Won", "Identified", "Lost", "Qualified"])
    assert cat.ordered
    assert cat.sort_values().tolist() == ["Identified", "Qualified", "Committed", "Won", "Lost"]


def test_stage_categorical_unknown_stage_names_it():
    with pytest.raises(InvalidDataError, match="'Negotiation'") as info:
        stage_categorical(["Identified", "Negotiation"])
    assert info.value.rows == [1]


# ---------------------------------------------------------------------------------------
# Opportunity screen
# ---------------------------------------------------------------------------------------

def test_screen_keeps_a_clean_opportunity():
    out = _screen(_opp())
    assert not out["dropped"].iloc[0]
    assert out["drop_reason"].iloc[0] == ""
    assert out["rank"].iloc[0] == 1


@pytest.mark.parametrize("overrides,reason", [
    ({"decision_made": True}, "decision already made"),
    ({"win_probability": 0.05}, "win probability below 10%"),
    ({"customer_priority": 1}, "customer not a priority"),
    ({"info_completeness": 0.2}, "too little information to qualify"),
    ({"info_completeness": np.nan}, "too little information to qualify"),
    ({"stage": "Won"}, "closed"),
    ({"stage": "Lost"}, "closed"),
])
def test_screen_each_knockout(overrides, reason):
    out = _screen(_opp(**overrides))
    assert out["dropped"].iloc[0]
    assert out["drop_reason"].iloc[0] == reason
    assert np.isnan(out["screen_score"].iloc[0])
    assert pd.isna(out["band"].iloc[0])
    assert pd.isna(out["rank"].iloc[0])


def test_screen_joins_every_reason_in_order():
    out = _screen(_opp(decision_made=True, win_probability=0.0, customer_priority=1,
                       info_completeness=0.0))
    assert out["drop_reason"].iloc[0] == ("decision already made; win probability below 10%; "
                                          "customer not a priority; "
                                          "too little information to qualify")


def test_screen_closed_deal_has_only_closed_reason():
    out = _screen(_opp(stage="Won", decision_made=True, win_probability=0.0))
    assert out["drop_reason"].iloc[0] == "closed"


@pytest.mark.parametrize("column,threshold,kw", [
    ("win_probability", 0.10, "min_win_probability"),
    ("customer_priority", 2, "min_customer_priority"),
    ("info_completeness", 0.30, "min_info_completeness"),
])
def test_screen_thresholds_equal_passes_just_below_drops(column, threshold, kw):
    at = _screen(_opp(**{column: threshold}))
    assert not at["dropped"].iloc[0]
    below = _screen(_opp(**{column: threshold - 1e-9}))
    assert below["dropped"].iloc[0]
    # a stricter override drops the same row
    stricter = _screen(_opp(**{column: threshold}), **{kw: threshold + 0.01})
    assert stricter["dropped"].iloc[0]


def test_screen_threshold_shows_in_reason():
    out = _screen(_opp(win_probability=0.2), min_win_probability=0.25)
    assert out["drop_reason"].iloc[0] == "win probability below 25%"


@pytest.mark.parametrize("flag", list(STRATEGIC_FLAGS))
def test_screen_each_strategic_flag(flag):
    out = _screen(_opp(**{flag: True}, customer_priority=2, product_priority=1, margin=1.0),
                  _opp(customer_priority=5, product_priority=5, margin=1000.0))
    assert out["strategic"].tolist() == [True, False]
    assert out["strategic_reasons"].tolist() == [STRATEGIC_FLAGS[flag][0], ""]
    assert out["band"].iloc[0] == "high"           # strategic is always high
    assert out["rank"].tolist() == [1, 2]          # and ranked ahead of a better score


def test_screen_several_strategic_reasons_and_dropped_not_strategic():
    out = _screen(_opp(focus_product=True, geographic_foothold=True),
                  _opp(focus_product=True, decision_made=True))
    assert out["strategic_reasons"].iloc[0] == "focus product; geographic foothold"
    assert out["strategic"].tolist() == [True, False]
    assert out["strategic_reasons"].iloc[1] == ""


def test_screen_missing_flag_columns_count_as_false():
    row = _opp()
    for flag in STRATEGIC_FLAGS:
        row.pop(flag)
    assert not _screen(row)["strategic"].iloc[0]


def test_screen_custom_rules():
    out = _screen(_opp(new_industry=True), rules={"new_industry": "opens a new industry"})
    assert out["strategic_reasons"].iloc[0] == "opens a new industry"


def test_screen_flags_given_as_text():
    out = _screen(_opp(decision_made="否", focus_product="TRUE"))
    assert not out["dropped"].iloc[0] and out["strategic"].iloc[0]


def test_screen_score_hand_worked():
    # kept rows' potential percentiles: margin 10 -> 0.5, 30 -> 1.0
    out = _screen(_opp(customer_priority=5, product_priority=5, margin=30),
                  _opp(customer_priority=4, product_priority=2, margin=10),
                  _opp(decision_made=True, margin=1_000_000))   # dropped: not in percentiles
    expected_second = 100 * (0.8 * 0.4 * 0.5) ** (1 / 3)
    np.testing.assert_allclose(out["screen_score"].iloc[:2], [100.0, expected_second])
    assert out["band"].astype(str).tolist()[:2] == ["high", "medium"]   # 54.3
    assert out["rank"].tolist()[:2] == [1, 2]


def test_screen_weights_change_score():
    rows = (_opp(customer_priority=5, product_priority=1, margin=10),
            _opp(customer_priority=2, product_priority=5, margin=20))
    only_customer = _screen(*rows, weights={"customer_priority": 1})
    np.testing.assert_allclose(only_customer["screen_score"], [100.0, 40.0])
    only_potential = _screen(*rows, weights={"potential": 1}, potential="margin")
    np.testing.assert_allclose(only_potential["screen_score"], [50.0, 100.0])


def test_screen_band_boundaries():
    # single kept row: percentile 1, score = 100 * cbrt(c/5 * p/5)
    def band(c, p, cuts):
        return _screen(_opp(customer_priority=c, product_priority=p),
                       band_cuts=cuts)["band"].iloc[0]
    score = 100 * (0.8 * 0.6) ** (1 / 3)
    assert band(4, 3, (score, score + 1)) == "medium"
    assert band(4, 3, (score - 1, score)) == "high"
    assert band(4, 3, (score + 1e-9, 99)) == "low"


@pytest.mark.parametrize("close,bucket", [
    ("2024-06-01", "next 6 months"),      # overdue
    ("2025-01-01", "next 6 months"),
    ("2025-06-30", "next 6 months"),
    ("2025-07-01", "6–12 months"),        # exactly 6 months: the later bucket
    ("2025-12-31", "6–12 months"),
    ("2026-01-01", "12–18 months"),
    ("2026-06-30", "12–18 months"),
    ("2026-07-01", "later"),
])
def test_screen_timing_bucket_boundaries(close, bucket):
    out = _screen(_opp(expected_close=close))
    assert out["timing"].iloc[0] == bucket
    assert out["timing"].cat.ordered


def test_screen_output_categoricals_are_ordered():
    out = _screen(_opp())
    assert out["band"].cat.categories.tolist() == ["low", "medium", "high"]
    assert out["timing"].cat.categories.tolist() == [
        "next 6 months", "6–12 months", "12–18 months", "later"]


def test_screen_is_pure_and_keeps_rows_and_index():
    df = pd.DataFrame([_opp(), _opp(decision_made=True)], index=[10, 20])
    before = df.copy()
    out = screen_opportunities(df, as_of=AS_OF)
    pd.testing.assert_frame_equal(df, before)
    assert out.index.tolist() == [10, 20]
    out.loc[10, "stage"] = "Lost"  # the result shares no data the caller can see change
    out["margin"] *= 2
    pd.testing.assert_frame_equal(df, before)


def test_screen_missing_column():
    df = pd.DataFrame([_opp()]).drop(columns="win_probability")
    with pytest.raises(MissingColumnsError, match="'win_probability'"):
        screen_opportunities(df, as_of=AS_OF)


@pytest.mark.parametrize("kw,match", [
    ({"min_win_probability": 10}, "Did you mean 0.1"),
    ({"weights": {"size": 1}}, "weights keys"),
    ({"weights": {"potential": 0}}, "all weights are zero"),
    ({"band_cuts": (80, 40)}, "band_cuts"),
    ({"as_of": "not a date"}, "as_of"),
])
def test_screen_bad_parameters(kw, match):
    with pytest.raises(ParameterError, match=match):
        _screen(_opp(), **kw)


def test_screen_bad_data():
    with pytest.raises(InvalidDataError, match="expected_close"):
        _screen(_opp(expected_close="soon"))
    with pytest.raises(InvalidDataError, match="decision_made"):
        _screen(_opp(decision_made="maybe"))
    with pytest.raises(InvalidDataError, match="'Negotiation'"):
        _screen(_opp(stage="Negotiation"))


# ---------------------------------------------------------------------------------------
# Weighted pipeline, coverage
# ---------------------------------------------------------------------------------------

@pytest.fixture
def deals():
    return pd.DataFrame({
        "owner": ["Li", "Li", "Wang", "Wang", "Li"],
        "stage": ["Identified", "Committed", "Qualified", "Won", "Lost"],
        "value": [1000.0, 200.0, 500.0, 9999.0, 7777.0],
        "stage_entered": ["2024-12-01", "2024-10-01", "2024-12-21", "2024-01-01", "2024-01-01"],
    })


def test_weighted_pipeline_by_stage_by_hand(deals):
    out = weighted_pipeline(deals)
    assert out["stage"].astype(str).tolist() == list(STAGES)
    np.testing.assert_allclose(out["weighted_value"], [100, 0, 200, 0, 180])
    np.testing.assert_allclose(out["value"], [1000, 0, 500, 0, 200])
    assert out["deals"].tolist() == [1, 0, 1, 0, 1]


def test_weighted_pipeline_by_owner_and_override(deals):
    out = weighted_pipeline(deals, by="owner", probabilities={"Identified": 0.5})
    assert out["owner"].tolist() == ["Li", "Wang"]
    np.testing.assert_allclose(out["weighted_value"], [500 + 180, 200])
    np.testing.assert_allclose(out["value"], [1200, 500])


def test_weigh_opportunities_closed_get_zero_and_purity(deals):
    before = deals.copy()
    out = weigh_opportunities(deals)
    pd.testing.assert_frame_equal(deals, before)
    np.testing.assert_allclose(out["weighted_value"], [100, 180, 200, 0, 0])


def test_weighted_pipeline_bad_probabilities(deals):
    with pytest.raises(ParameterError, match="unknown stage"):
        weighted_pipeline(deals, probabilities={"Won": 1.0})
    with pytest.raises(ParameterError, match="between 0 and 1"):
        weighted_pipeline(deals, probabilities={"Committed": 90})
    with pytest.raises(MissingColumnsError, match="'region'"):
        weighted_pipeline(deals, by="region")


def test_coverage_by_hand(deals):
    c = coverage(deals, 1000)
    assert isinstance(c, Coverage)
    assert c.pipeline == 1700
    assert c.weighted_pipeline == pytest.approx(480)
    assert c.coverage == pytest.approx(1.7)
    assert c.weighted_coverage == pytest.approx(0.48)
    assert c.gap == pytest.approx(520)
    with pytest.raises(ParameterError, match="target must be greater than 0"):
        coverage(deals, 0)


# ---------------------------------------------------------------------------------------
# Stage history: probabilities, conversion, time in stage
# ---------------------------------------------------------------------------------------

@pytest.fixture
def history():
    return _history([
        # a: all the way to Won
        ("a", "Identified", "2024-01-01"), ("a", "Contacted", "2024-01-11"),
        ("a", "Qualified", "2024-01-31"), ("a", "Developed", "2024-02-10"),
        ("a", "Committed", "2024-02-20"), ("a", "Won", "2024-03-01"),
        # b: lost after Contacted
        ("b", "Identified", "2024-01-01"), ("b", "Contacted", "2024-01-21"),
        ("b", "Lost", "2024-02-01"),
        # c: still open in Contacted — not a loss
        ("c", "Identified", "2024-04-01"), ("c", "Contacted", "2024-04-05"),
        # d: lost straight from Identified
        ("d", "Identified", "2024-04-10"), ("d", "Lost", "2024-05-10"),
    ])


def test_conversion_rates_by_hand(history):
    out = conversion_rates(history)
    assert out["from_stage"].astype(str).tolist() == list(STAGES)
    assert out["to_stage"].astype(str).tolist() == [*STAGES[1:], "Won"]
    # Identified -> Contacted: a, b, c moved; d lost: 3 of 4
    # Contacted -> Qualified: a moved, b lost, c still open (left out): 1 of 2
    assert out["entered"].tolist() == [4, 2, 1, 1, 1]
    assert out["converted"].tolist() == [3, 1, 1, 1, 1]
    np.testing.assert_allclose(out["rate"], [0.75, 0.5, 1, 1, 1])
    np.testing.assert_allclose(out["cumulative"], [0.75, 0.375, 0.375, 0.375, 0.375])


def test_conversion_rates_by_cohort_and_group(history):
    out = conversion_rates(history, cohort="quarter")
    q1 = out[out["cohort"] == pd.Period("2024Q1")]
    q2 = out[out["cohort"] == pd.Period("2024Q2")]
    assert q1["entered"].tolist()[:2] == [2, 2]          # a, b
    assert q2["entered"].tolist()[:2] == [2, 0]          # c, d; c still open in Contacted
    assert q2["rate"].iloc[0] == 0.5 and np.isnan(q2["rate"].iloc[1])
    h = history.assign(owner=history["opportunity_id"].map(
        {"a": "Li", "b": "Li", "c": "Wang", "d": "Wang"}))
    by = conversion_rates(h, by="owner")
    assert by[by["owner"] == "Li"]["converted"].tolist()[:2] == [2, 1]
    with pytest.raises(ParameterError, match="cohort"):
        conversion_rates(history, cohort="week")


def test_stage_probabilities_from_history_by_hand(history):
    out = stage_probabilities_from_history(history)
    # closed deals: a (won), b (lost at Contacted), d (lost at Identified); c is open
    assert out["closed_deals"].tolist() == [3, 2, 1, 1, 1]
    assert out["won"].tolist() == [1, 1, 1, 1, 1]
    np.testing.assert_allclose(out["probability"], [1 / 3, 0.5, 1, 1, 1])
    # usable as probabilities=
    w = weighted_pipeline(pd.DataFrame({"stage": ["Identified"], "value": [300.0]}),
                          probabilities=out)
    assert w["weighted_value"].iloc[0] == pytest.approx(100)


def test_skipped_stage_counts_as_passed():
    h = _history([("x", "Identified", "2024-01-01"), ("x", "Qualified", "2024-02-01"),
                  ("x", "Lost", "2024-03-01")])
    out = conversion_rates(h)
    assert out["entered"].tolist()[:3] == [1, 1, 1]
    assert out["converted"].tolist()[:3] == [1, 1, 0]


def test_time_in_stage_by_hand(history):
    t = time_in_stage(history, as_of="2024-05-15")
    stays = t.stays.set_index(["opportunity_id", "stage"])
    assert stays.loc[("a", "Identified"), "days"] == 10
    assert stays.loc[("b", "Contacted"), "days"] == 11
    assert stays.loc[("c", "Contacted"), "days"] == 40           # 4 Apr -> 15 May, ongoing
    assert stays.loc[("c", "Contacted"), "ongoing"]
    assert not stays.loc[("a", "Committed"), "ongoing"]
    assert set(t.stays["stage"].astype(str)) <= set(STAGES)      # Won/Lost have no stay
    s = t.summary.set_index("stage")
    # Identified: a 10, b 20, c 4, d 30 -> median 15
    assert s.loc["Identified", "median_days"] == 15
    assert s.loc["Contacted", "completed"] == 2                  # a 20, b 11
    assert s.loc["Contacted", "median_days"] == 15.5
    assert s.loc["Contacted", "in_stage_now"] == 1


def test_time_in_stage_as_of_before_data(history):
    with pytest.raises(ParameterError, match="before the latest 'entered' date 2024-05-10"):
        time_in_stage(history, as_of="2024-05-01")


def test_history_missing_column(history):
    with pytest.raises(MissingColumnsError, match="'entered'"):
        conversion_rates(history.drop(columns="entered"))


# ---------------------------------------------------------------------------------------
# Stalled deals
# ---------------------------------------------------------------------------------------

def test_stalled_default_twice_the_median(deals):
    extra = pd.DataFrame({"owner": ["Li", "Li"], "stage": ["Identified", "Identified"],
                          "value": [1.0, 1.0], "stage_entered": ["2024-12-21", "2024-06-01"]})
    df = pd.concat([deals, extra], ignore_index=True)
    before = df.copy()
    out = stalled(df, as_of="2025-01-01")
    pd.testing.assert_frame_equal(df, before)
    # Identified days: 31, 11, 214 -> median 31, limit 62: only row 6 stalls
    assert out.index.tolist() == [6]
    assert out["days_in_stage"].tolist() == [214]
    assert out["max_days"].tolist() == [62.0]
    assert out["overdue_days"].tolist() == [152.0]


def test_stalled_explicit_limits(deals):
    out = stalled(deals, as_of="2025-01-01", max_days=31)
    assert out.index.tolist() == [1]                 # Committed, 92 days; Identified 31 = limit
    out = stalled(deals, as_of="2025-01-01", max_days={"Identified": 30, "Committed": 100})
    assert out.index.tolist() == [0]
    with pytest.raises(ParameterError, match="unknown stage"):
        stalled(deals, as_of="2025-01-01", max_days={"Won": 3})


# ---------------------------------------------------------------------------------------
# Value creation
# ---------------------------------------------------------------------------------------

def test_value_creation_product_and_index():
    bu = pd.DataFrame({"business_unit": ["BU1", "BU2", "BU3"],
                       "market_share": [0.2, 0.4, 0.3], "win_rate": [0.5, 0.25, 0.5],
                       "value_per_order": [100.0, 100.0, 200.0]})
    before = bu.copy()
    out = value_creation(bu)
    pd.testing.assert_frame_equal(bu, before)
    np.testing.assert_allclose(out["value_created"], [10, 10, 30])
    np.testing.assert_allclose(out["index_vs_best"], [100 / 3, 100 / 3, 100])
    np.testing.assert_allclose(out["market_share_index"], [50, 100, 75])
    np.testing.assert_allclose(out["win_rate_index"], [100, 50, 100])


def test_value_creation_from_opportunities():
    opp = pd.DataFrame({"business_unit": ["X", "X", "X", "Y", "Y"],
                        "stage": ["Won", "Lost", "Qualified", "Won", "Won"],
                        "margin": [300.0, 50.0, 999.0, 100.0, 200.0]})
    out = value_creation(opp, market_share={"X": 0.5, "Y": 0.2})
    np.testing.assert_allclose(out["win_rate"], [0.5, 1.0])          # open deal not counted
    np.testing.assert_allclose(out["value_per_order"], [300, 150])
    np.testing.assert_allclose(out["value_created"], [75, 30])
    with pytest.raises(ParameterError, match="'Y'"):
        value_creation(opp, market_share={"X": 0.5})


def test_value_creation_rejects_percent_shares():
    bu = pd.DataFrame({"business_unit": ["A"], "market_share": [20], "win_rate": [0.5],
                       "value_per_order": [1.0]})
    with pytest.raises(ParameterError, match="0.25"):
        value_creation(bu)
    with pytest.raises(MissingColumnsError, match="'win_rate'"):
        value_creation(bu.drop(columns="win_rate"))




# Group-bys never drop rows (issue 9, group 5)

def test_weighted_pipeline_keeps_blank_owners_as_their_own_group():
    deals = pd.DataFrame({"owner": ["Li", None, "", np.nan, "  "],
                          "stage": ["Committed"] * 5, "value": [100.0, 300.0, 200.0, 250.0, 150.0]})
    out = weighted_pipeline(deals, by="owner")
    assert out["value"].sum() == deals["value"].sum() == 1000.0
    assert dict(zip(out["owner"], out["deals"])) == {"(blank)": 4, "Li": 1}
    by_two = weighted_pipeline(deals, by=["owner", "stage"])
    assert by_two["value"].sum() == 1000.0


def test_conversion_and_value_creation_keep_blank_units():
    hist = pd.DataFrame({"opportunity_id": ["a", "a", "b", "b"],
                         "stage": ["Identified", "Won", "Identified", "Lost"],
                         "entered": ["2025-01-01", "2025-02-01", "2025-01-01", "2025-02-01"],
                         "business_unit": ["X", "X", None, None]})
    rates = conversion_rates(hist, by="business_unit")
    assert set(rates["business_unit"]) == {"X", "(blank)"}
    deals = pd.DataFrame({"business_unit": ["X", None, None], "stage": ["Won", "Won", "Lost"],
                          "value": [10.0, 20.0, 5.0]})
    table = value_creation(deals, value="value", market_share={"X": 0.1, "(blank)": 0.2})
    assert set(table["business_unit"]) == {"X", "(blank)"}


# Analysis functions check their own inputs (issue 9, group 5)

@pytest.mark.parametrize("column,bad,hint", [
    ("win_probability", 35.0, "divide the column by 100"),
    ("info_completeness", -0.2, "a fraction"),
    ("customer_priority", 8.0, "A 1–10 scale?"),
    ("product_priority", 0.0, "a score"),
])
def test_screen_refuses_values_off_their_scale(column, bad, hint):
    with pytest.raises(InvalidDataError, match=rf"'{column}'.*{hint}") as info:
        _screen(_opp(), _opp(**{column: bad}))
    assert info.value.rows == [1]


@pytest.mark.parametrize("value", [0, 6, 10])
def test_screen_refuses_a_priority_threshold_off_the_scale(value):
    with pytest.raises(ParameterError, match="1–5 customer-priority scale"):
        _screen(_opp(), min_customer_priority=value)


def test_negative_deal_values_are_refused():
    deals = pd.DataFrame({"stage": ["Committed", "Identified"], "value": [100.0, -50.0]})
    with pytest.raises(InvalidDataError, match=r"rows \[1\].*stage 'Lost'"):
        weighted_pipeline(deals)


# -- stage dates against stage order (issue 9 group 5) ------------------------------------------

def _slipped_history():
    # deal "b" has Contacted dated before Identified; deal "c" has Qualified before Contacted
    return pd.DataFrame({
        "opportunity_id": ["a", "a", "b", "b", "c", "c", "c"],
        "stage": ["Identified", "Contacted", "Identified", "Contacted", "Identified", "Contacted",
                  "Qualified"],
        "entered": ["2025-01-01", "2025-01-11", "2025-02-01", "2025-01-20", "2025-01-01",
                    "2025-03-01", "2025-02-01"]})


def test_stage_order_breaks_lists_each_slip():
    from kamlab.opportunities import stage_order_breaks

    breaks = stage_order_breaks(_slipped_history())
    assert breaks[["opportunity_id", "stage", "earlier_stage"]].values.tolist() == [
        ["b", "Contacted", "Identified"], ["c", "Qualified", "Contacted"]]
    assert [str(d.date()) for d in breaks["entered"]] == ["2025-01-20", "2025-02-01"]
    assert [str(d.date()) for d in breaks["earlier_stage_entered"]] == ["2025-02-01", "2025-03-01"]


def test_time_in_stage_warns_about_dates_against_the_funnel():
    import warnings

    from kamlab.exceptions import DataWarning
    from kamlab.opportunities import time_in_stage

    with pytest.warns(DataWarning, match=r"time_in_stage\(\): 2 deal\(s\) entered a stage before "
                      r"the stage below it, e\.g\. 'b' entered Contacted on 2025-01-20 but "
                      r"Identified only on 2025-02-01\..*stage_order_breaks\(history\)"):
        t = time_in_stage(_slipped_history(), as_of="2025-03-31")
    # counted in date order: b was 'in' Contacted from 01-20 to 02-01 (12 days)
    b = t.stays[t.stays["opportunity_id"] == "b"]
    assert b["stage"].astype(str).tolist() == ["Contacted", "Identified"]
    assert b["days"].tolist() == [12, 58]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        time_in_stage(kamlab.load_stage_history(), as_of="2026-06-30")  # the bundled data: none


def test_conversion_rates_warn_only_where_dates_count():
    import warnings

    from kamlab.exceptions import DataWarning
    from kamlab.opportunities import conversion_rates

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        conversion_rates(_slipped_history())  # rates follow stages reached, not dates
    with pytest.warns(DataWarning, match="cohort of the date of its first stage"):
        conversion_rates(_slipped_history(), cohort="month")
