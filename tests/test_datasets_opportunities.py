"""The opportunity datasets (module 3): regeneration, loading, consistency, seed rules, funnel."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kamlab.data import load_dataset

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
NAMES = ["opportunities", "opportunity_stages"]
OPEN = ["Identified", "Contacted", "Qualified", "Developed", "Committed"]
STAGES = [*OPEN, "Won", "Lost"]
AS_OF = "2026-06-30"
# seed 002 funnel targets, resolved conversion (progressed / left the stage); +-10 pp
TARGETS = {"Identified": 0.70, "Contacted": 0.60, "Qualified": 0.55, "Developed": 0.60,
           "Committed": 0.85}
FLAGS = ["decision_made", "builds_customer_momentum", "builds_product_reputation",
         "focus_product", "geographic_foothold"]


@pytest.fixture(scope="module")
def opps():
    return load_dataset("opportunities")


@pytest.fixture(scope="module")
def history():
    return load_dataset("opportunity_stages")


def knock_outs(df):
    """Seed 000 knock-out rules, on the open pipeline."""
    open_ = df[df["stage"].isin(OPEN)]
    return {
        "decision already made": open_["decision_made"],
        "win probability < 0.1": open_["win_probability"] < 0.1,
        "non-priority customer (customer_priority 1)": open_["customer_priority"] == 1,
        "info completeness < 0.3": open_["info_completeness"] < 0.3,
    }


def conversion(opps, history, stages=None):
    """Per open stage: share of the opportunities that entered it and have left it which moved on."""
    reached = history.groupby("opportunity_id")["stage"].agg(set)
    current = opps.set_index("opportunity_id")["stage"]
    if stages is not None:
        reached = reached[reached.index.isin(stages)]
    out = {}
    for k, stage in enumerate(OPEN):
        nxt = STAGES[k + 1]
        entered = reached[reached.map(lambda s, st=stage: st in s)]
        left = entered[current[entered.index] != stage]
        out[stage] = left.map(lambda s, n=nxt: n in s).mean()
    return out


# --- files and loading -----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_regenerating_gives_the_committed_csv_exactly(generator, name):
    built = generator.build_all()[name]
    committed = (DATASETS / f"{name}.csv").read_bytes().decode("utf-8")
    assert generator.to_csv_text(built) == committed, f"datasets/{name}.csv is stale"


def test_customers_are_untouched_by_the_new_stream(generator):
    committed = (DATASETS / "customers.csv").read_bytes().decode("utf-8")
    assert generator.to_csv_text(generator.build_customers()) == committed


@pytest.mark.parametrize("name", NAMES)
def test_load_dataset_matches_the_build(generator, name):
    loaded = load_dataset(name)
    pd.testing.assert_frame_equal(loaded, generator.build_all()[name], check_exact=False,
                                  rtol=1e-12)
    assert pd.api.types.is_string_dtype(loaded["opportunity_id"])
    assert loaded["opportunity_id"].str.fullmatch(r"O\d{4}").all()


def test_columns_and_types(generator, opps, history):
    assert list(opps.columns) == generator.OPPORTUNITY_COLUMNS
    assert list(history.columns) == ["opportunity_id", "stage", "entered"]
    assert 550 <= len(opps) <= 650 and opps["opportunity_id"].is_unique
    assert opps["opportunity_id"].iloc[0] == "O0001"
    assert pd.api.types.is_string_dtype(opps["account_id"])
    for col in ["value", "margin", "customer_priority", "product_priority"]:
        assert pd.api.types.is_integer_dtype(opps[col]), col
    for col in FLAGS:
        assert pd.api.types.is_bool_dtype(opps[col]), col
    assert opps.notna().all().all() and history.notna().all().all()


def test_value_ranges(opps):
    assert (opps["value"] > 0).all()
    rate = opps["margin"] / opps["value"]
    assert rate.between(0.08 - 1e-3, 0.30 + 1e-3).all()
    for col in ["win_probability", "info_completeness"]:
        assert opps[col].between(0, 1).all()
        assert (opps[col] * 100).round().sub(opps[col] * 100).abs().max() < 1e-6
    for col in ["customer_priority", "product_priority"]:
        assert set(opps[col]) == {1, 2, 3, 4, 5}, col
    for col in FLAGS:
        assert 0.04 <= opps[col].mean() <= 0.16, col


def test_products_business_units_and_focus(generator, opps):
    assert opps["business_unit"].nunique() == 5
    assert opps["product"].nunique() == 15
    assert (opps.groupby("product")["business_unit"].nunique() == 1).all()
    assert set(opps.loc[opps["focus_product"], "product"]) == set(generator.FOCUS_PRODUCTS)
    assert (opps.groupby("product")["product_priority"].nunique() == 1).all()


def test_accounts_exist_and_owners_match(opps):
    customers = load_dataset("customers").set_index("account_id")
    assert opps["account_id"].isin(customers.index).all()
    assert (opps["owner"].to_numpy() == customers.loc[opps["account_id"], "owner"].to_numpy()).all()
    # customer priority follows the account's size, and bigger accounts have more opportunities
    per_account = opps.groupby("account_id").agg(n=("opportunity_id", "size"),
                                                  prio=("customer_priority", "first"))
    assert (opps.groupby("account_id")["customer_priority"].nunique() == 1).all()
    revenue = customers.loc[per_account.index, "revenue"]
    assert revenue.rank().corr(per_account["prio"].rank()) > 0.4
    assert revenue.rank().corr(per_account["n"].rank()) > 0.2


# --- stage history ----------------------------------------------------------------------------


def test_history_is_consistent_with_the_current_stage(opps, history):
    assert set(history["opportunity_id"]) == set(opps["opportunity_id"])
    last = history.groupby("opportunity_id", sort=False).tail(1).set_index("opportunity_id")
    current = opps.set_index("opportunity_id")
    assert (last.loc[current.index, "stage"] == current["stage"]).all()
    assert (last.loc[current.index, "entered"] == current["stage_entered"]).all()
    first = history.groupby("opportunity_id", sort=False).head(1).set_index("opportunity_id")
    assert (first["stage"] == "Identified").all()
    assert (first.loc[current.index, "entered"] == current["created"]).all()


def test_history_follows_the_funnel_in_order_with_increasing_dates(history):
    for oid, g in history.groupby("opportunity_id", sort=False):
        stages = list(g["stage"])
        body = stages[:-1] if stages[-1] == "Lost" else stages
        assert body == STAGES[: len(body)], oid
        assert "Lost" not in body and stages.count("Lost") <= 1, oid
        dates = pd.to_datetime(g["entered"])
        assert dates.is_monotonic_increasing and dates.is_unique, oid
    assert (history["entered"] <= AS_OF).all()


def test_won_passed_committed_and_closed_deals_are_recent(opps, history):
    won = set(opps.loc[opps["stage"] == "Won", "opportunity_id"])
    committed = set(history.loc[history["stage"] == "Committed", "opportunity_id"])
    assert won and won <= committed
    closed = opps[opps["stage"].isin(["Won", "Lost"])]
    assert (closed["stage_entered"] > "2024-12-30").all()
    assert (opps["expected_close"] > opps["created"]).all()


def test_every_stage_is_present_and_some_deals_are_stalled(opps):
    counts = opps["stage"].value_counts()
    assert set(counts.index) == set(STAGES)
    assert (counts >= 5).all()
    open_ = opps[opps["stage"].isin(OPEN)]
    age = (pd.Timestamp(AS_OF) - pd.to_datetime(open_["stage_entered"])).dt.days
    assert (age > 180).sum() >= 5


# --- seed 000 screen and seed 002 funnel ------------------------------------------------------


@pytest.mark.parametrize("rule", list(knock_outs(load_dataset("opportunities"))))
def test_each_knock_out_rule_bites_on_the_open_pipeline(opps, rule):
    mask = knock_outs(opps)[rule]
    assert 10 <= mask.sum() <= 0.4 * len(mask), (rule, int(mask.sum()))


def test_decision_made_is_mostly_early(opps):
    decided = opps[opps["decision_made"]]
    assert 0.03 <= opps["decision_made"].mean() <= 0.10
    assert decided["stage"].isin(["Identified", "Contacted", "Lost"]).mean() > 0.8


def test_conversion_is_near_the_targets_and_has_a_leakiest_step(opps, history):
    rates = conversion(opps, history)
    for stage, target in TARGETS.items():
        assert abs(rates[stage] - target) <= 0.10, (stage, rates[stage])
    assert min(rates, key=rates.get) == "Qualified"


def test_conversion_differs_by_business_unit(opps, history):
    by_bu = {bu: conversion(opps, history, set(g["opportunity_id"]))
             for bu, g in opps.groupby("business_unit")}
    spread = [max(r[s] for r in by_bu.values()) - min(r[s] for r in by_bu.values())
              for s in ["Identified", "Contacted", "Qualified"]]
    assert max(spread) >= 0.05


# --- data cards -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_card_mentions_every_column_and_its_sources(name):
    text = (DATASETS / f"{name}.md").read_text(encoding="utf-8")
    for col in load_dataset(name).columns:
        assert f"`{col}`" in text, col
    assert "synthetic" in text.lower()
    assert "002_c8c7cd8295810c52.txt" in text and "000_484018b8be0aa7c6.txt" in text
    assert "python datasets/generate.py" in text


def test_opportunities_card_quotes_the_rule_counts_and_conversion(opps, history):
    text = (DATASETS / "opportunities.md").read_text(encoding="utf-8")
    for rule, mask in knock_outs(opps).items():
        assert f"| {rule} | {int(mask.sum())} |" in text, rule
    stages_text = (DATASETS / "opportunity_stages.md").read_text(encoding="utf-8")
    for stage, rate in conversion(opps, history).items():
        assert f"{100 * rate:.1f}%" in stages_text, stage


def test_opportunities_card_quotes_the_win_rate_and_history_probabilities(opps, history):
    from kamlab.opportunities import stage_probabilities_from_history

    text = (DATASETS / "opportunities.md").read_text(encoding="utf-8")
    closed = opps["stage"].isin(["Won", "Lost"])
    won = int((opps["stage"] == "Won").sum())
    assert f"{won} of the {int(closed.sum())} closed deals were won" in text
    for row in stage_probabilities_from_history(history).itertuples():
        assert f"{row.stage} {100 * row.probability:.1f}%" in text, row.stage
