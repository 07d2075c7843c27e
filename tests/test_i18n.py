"""Tests for kamlab.i18n: one owner for each kind of text, and every code has its labels."""

from __future__ import annotations

import pytest

import kamlab
from kamlab.columns import CLOSED, COLUMNS, FUNNEL_STAGES, STAGE_NAMES, STAGES
from kamlab.i18n import LABELS, column_label, full_width, t, value_label
from kamlab.tables import readable


def test_no_label_key_is_a_column_name():
    """Column labels live in COLUMNS only, so LABELS cannot give a column a second meaning."""
    clash = sorted(set(LABELS) & set(COLUMNS))
    assert not clash, f"move these labels to kamlab.columns.COLUMNS: {clash}"


def test_every_label_has_both_languages():
    bad = [k for k, pair in LABELS.items()
           if len(pair) != 2 or not all(isinstance(x, str) and x for x in pair)]
    assert not bad


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_column_has_a_short_label_and_chinese(name):
    col = COLUMNS[name]
    assert col.label and col.zh
    assert column_label(name, "en") == col.label == t(name, "en")
    assert column_label(name, "zh") == full_width(col.zh) == t(name, "zh")


def test_stage_history_headers_in_chinese_are_its_own():
    """The bug: `entered` read as 新进入前列 and `value` as 价值指标 in a stage history."""
    hist = kamlab.load_stage_history().head(2)
    assert list(readable(hist, lang="zh").columns) == ["机会编号", "阶段", "进入阶段日期"]
    opp = kamlab.load_opportunities()[["opportunity_id", "value"]].head(2)
    assert list(readable(opp, lang="zh").columns) == ["机会编号", "预计年销售额"]


def test_stages_have_one_list():
    from kamlab import opportunities

    assert FUNNEL_STAGES == STAGES + CLOSED
    assert opportunities.STAGES is STAGES and opportunities.CLOSED is CLOSED
    assert set(STAGE_NAMES.values()) == set(FUNNEL_STAGES)


@pytest.mark.parametrize("stage", FUNNEL_STAGES)
def test_every_stage_has_labels_and_its_chinese_name_is_read(stage):
    zh = value_label("stage", stage, "zh")
    assert zh != stage and value_label("stage", stage, "en") == stage
    assert STAGE_NAMES[zh] == stage  # a Chinese export using our label reads back


def test_value_labels_cover_the_codes_results_carry():
    from kamlab.economics import PLANT_STATUS, SENSITIVITY_INPUTS
    from kamlab.levers import lever_impact
    from kamlab.segmentation import TIME_ALLOCATION

    missing = []
    for kind, codes in [
        ("lever", lever_impact(100, 90, 1_000)["lever"]),
        ("input", SENSITIVITY_INPUTS),
        ("plant_status", PLANT_STATUS),
        ("tier", TIME_ALLOCATION["tier"]),
        ("abc", "ABC"),
    ]:
        missing += [f"{kind}.{c}" for c in codes if f"{kind}.{c}" not in LABELS]
    assert not missing


def test_unknown_value_comes_back_as_text():
    assert value_label("stage", 3, "zh") == "3"
    assert t("no.such.key", "zh") == "no.such.key"


def test_rule_tables_codes_all_have_labels():
    from kamlab.segmentation import (
        POSITIONING,
        RELATIONSHIP_TYPES,
        STRATEGIES,
        STRATEGY_GRID,
        TWO_SIDED_GRID,
    )

    codes = [("strategy", c) for c in [*STRATEGIES, *STRATEGY_GRID.values()]]
    codes += [("quadrant", code) for code, _ in TWO_SIDED_GRID.values()]
    codes += [("relationship_type", c) for c in RELATIONSHIP_TYPES.values()]
    codes += [("position", c) for c in POSITIONING]
    missing = [f"{k}.{c}" for k, c in codes if f"{k}.{c}" not in LABELS]
    assert not missing
    # nothing in these rule tables is Chinese-only text picked by position any more
    assert all(isinstance(v, str) for v in STRATEGIES.values())


def test_proposal_codes_all_have_labels_in_both_languages():
    from kamlab.proposal import INVOLVEMENT, PROPOSAL_PHASES, PROPOSAL_ROLES, TEN_ELEMENTS

    codes = [("phase", k) for k in PROPOSAL_PHASES["key"]]
    codes += [("role", r) for r in PROPOSAL_ROLES["role"]]
    codes += [("role", r) for leads in PROPOSAL_PHASES["lead"] for r in leads]
    codes += [("element", i) for i in TEN_ELEMENTS["id"]]
    codes += [("involvement", m) for m in INVOLVEMENT if m]
    missing = [f"{k}.{c}" for k, c in codes if f"{k}.{c}" not in LABELS]
    assert not missing
    assert all(value_label(k, c, "zh") != value_label(k, c, "en") for k, c in codes)


def test_analysis_results_carry_codes_not_chinese_columns():
    """Old code returned phase_zh, lead_zh, role_zh, element_zh, advice_zh, lever_zh,
    status_zh … and charts picked them by hand; results now carry codes only."""
    import kamlab
    from kamlab.economics import contract_value, cost_curve, npv_sensitivity
    from kamlab.levers import lever_impact
    from kamlab.proposal import proposal_plan, role_matrix, score_proposal
    from kamlab.segmentation import TIME_ALLOCATION

    plants = kamlab.load_dataset("industry_plants")
    contract = kamlab.load_contract_case()
    results = {
        "proposal_plan": proposal_plan("2025-03-07"),
        "role_matrix": role_matrix(),
        "score_proposal": score_proposal({"targeted": 1}).table,
        "lever_impact": lever_impact(100, 90, 1_000),
        "npv_sensitivity": npv_sensitivity(**contract),
        "cost_curve": cost_curve(plants),
        "contract_value": contract_value(**contract).cashflows,
        "TIME_ALLOCATION": TIME_ALLOCATION,
    }
    given = set(plants.columns)   # the caller's own bilingual data (company_zh) passes through
    chinese = {name: [c for c in r.columns if str(c).endswith("_zh") and c not in given]
               for name, r in results.items()}
    assert chinese == dict.fromkeys(results, [])
    assert "company_zh" in results["cost_curve"].columns


def test_bank_case_tables_have_chinese_headers():
    # notebook 05 in Chinese showed variable_cost, capacity_freed, grade … in English
    import kamlab
    from kamlab.cases import bank
    from kamlab.tables import header

    book = kamlab.load_dataset("bank_customers").iloc[:5_000]
    graded = bank.grade_customers(book)
    r = bank.simulate(graded, bank.SEED_SCENARIO)
    tables = [r.monthly, r.cuts, r.decisions, bank.grade_summary(graded),
              bank.whale_curve(graded)]
    columns = {c for table in tables for c in table.columns}
    untranslated = sorted(c for c in columns if header(c, "zh") == c)
    assert untranslated == []
    assert header("profit_per_customer", "zh") == "户均利润贡献"
