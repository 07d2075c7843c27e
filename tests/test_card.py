"""kamlab.card: the key-account card (seed 001), termination flags (seed 004), the account plan
(seeds 001–003) and the checklists (seeds 003, 000) — hand-worked examples, thresholds, the
reconciliation with ``customers`` and the error messages."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kamlab.card import (
    CHECKLISTS,
    DATABASE_PRACTICES,
    MARKS,
    PERFORMANCE_TRACKING,
    PRACTICES,
    TERMINATION_CRITERIA,
    AccountPlan,
    KeyAccountCard,
    answers_by_checklist,
    checklist_table,
    key_account_card,
    key_account_plan,
    marked_checklist,
    score_checklist,
)
from kamlab.columns import COLUMNS
from kamlab.data import load_dataset
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError
from kamlab.planning import CONTACT_FREQUENCY

MONTHS = [str(pd.Period("2024-07", freq="M") + k) for k in range(24)]


def tx(revenue, margin=None, orders=None, account="K1"):
    revenue = list(revenue)
    months = [str(pd.Period("2024-07", freq="M") + k) for k in range(len(revenue))]
    df = pd.DataFrame({"account_id": account, "month": months, "revenue": revenue,
                       "gross_margin": margin if margin is not None else
                       [0.15 * r for r in revenue]})
    if orders is not None:
        df["orders"] = orders
    return df


def credit(days, overdue=None, limit=1000, receivables=500, account="K1"):
    days = list(days)
    months = [str(pd.Period("2024-07", freq="M") + k) for k in range(len(days))]
    overdue = overdue if overdue is not None else [100 if d else 0 for d in days]
    return pd.DataFrame({"account_id": account, "month": months, "credit_limit": limit,
                         "receivables": receivables, "overdue": overdue, "days_overdue": days})


PROFILE = pd.DataFrame({"account_id": ["K1"], "name": ["测试化工有限公司"], "account_tier": ["A"],
                        "status": ["active"], "legal_restriction": [False],
                        "company_growth": [0.05]})


@pytest.fixture(scope="module")
def data():
    return {n: load_dataset(n) for n in ("account_profiles", "account_transactions",
                                         "account_credit", "customers")}


def bundled(data, account, **kws):
    return key_account_card(account, data["account_profiles"], data["account_transactions"],
                            data["account_credit"], book=data["customers"], **kws)


# --- hand-worked cards ------------------------------------------------------------------------


def test_growth_margin_and_orders_by_hand():
    card = key_account_card("K1", PROFILE, tx([100] * 12 + [120] * 12,
                                              margin=[10] * 12 + [18] * 12,
                                              orders=[2] * 12 + [3] * 12))
    s = card.summary
    assert (s["revenue_12"], s["revenue_prior_12"], s["growth"]) == (1440, 1200, 0.2)
    assert (s["margin_12"], s["margin_rate"], s["margin_rate_prior"]) == (216, 0.15, 0.1)
    assert (s["orders_12"], s["orders_growth"]) == (36, 0.5)
    assert s["trend"] == "growing" and card.flagged == []
    assert card.as_of == "2026-06"
    m = card.monthly
    assert m["revenue_12m"].iloc[11] == 1200 and m["revenue_12m"].iloc[-1] == 1440
    assert np.isnan(m["revenue_12m"].iloc[10])
    assert m["yoy_change"].iloc[-1] == pytest.approx(0.2) and m["yoy_change"].iloc[:12].isna().all()


@pytest.mark.parametrize("growth, trend", [(0.04, "steady"), (-0.04, "steady"),
                                           (0.05, "growing"), (-0.05, "declining")])
def test_trend_band(growth, trend):
    card = key_account_card("K1", PROFILE, tx([100] * 12 + [100 * (1 + growth)] * 12))
    assert card.summary["trend"] == trend


@pytest.mark.parametrize("last_six, flagged", [(39, True), (40, False), (60, False)])
def test_fading_threshold(last_six, flagged):
    card = key_account_card("K1", PROFILE, tx([100] * 18 + [last_six] * 6))
    assert card.summary["fade_ratio"] == last_six / 100
    assert ("fading" in card.flagged) is flagged
    assert (card.summary["trend"] == "fading") is flagged
    # a looser rule flags it
    assert "fading" in key_account_card("K1", PROFILE, tx([100] * 18 + [last_six] * 6),
                                        fade_ratio=0.7).flagged


def test_an_account_that_stopped_buying_a_year_ago_is_fading_and_its_tables_draw():
    card = key_account_card("K1", PROFILE, tx([100] * 12 + [0] * 12))
    assert card.summary["fade_ratio"] == 0.0 and card.summary["trend"] == "fading"
    assert "fading" in card.flagged and card.summary["margin_rate"] is None
    for lang in ("en", "zh"):
        table = card.to_frame("summary", lang)  # no margin rate this year: a dash, no error
        assert "—" in table.to_string()
    never = key_account_card("K1", PROFILE, tx([0] * 24))  # never bought: nothing fades
    assert never.summary["fade_ratio"] is None and "fading" not in never.flagged


@pytest.mark.parametrize("late_months, flagged", [(6, True), (5, False)])
def test_persistent_overdue_threshold(late_months, flagged):
    days = [0] * (24 - late_months) + [90] * late_months
    card = key_account_card("K1", PROFILE, tx([100] * 24), credit(days))
    assert ("credit_losses" in card.flagged) is flagged
    assert card.credit["months_overdue"] == late_months
    # 60 days exactly is not "more than 60"
    at_60 = key_account_card("K1", PROFILE, tx([100] * 24), credit([60] * 24))
    assert "credit_losses" not in at_60.flagged
    assert "credit_losses" in key_account_card("K1", PROFILE, tx([100] * 24), credit([60] * 24),
                                               overdue_days=59).flagged


def with_cash(cash):
    return PROFILE.assign(operating_cash_flow=[cash], bank_rating=["BB"])


@pytest.mark.parametrize("cash, late_months, flagged", [
    (-1, 3, True),  # poor finances: 3 months more than 60 days late are enough
    (-1, 2, False),  # ... but not 2
    (0, 3, False),  # a cash flow of 0 is not below 0
    (None, 3, False),  # no cash flow in the profile: the 6-month rule alone
    (5_000_000, 6, True),  # a sound cash flow does not excuse persistent lateness
])
def test_negative_cash_flow_makes_shorter_lateness_count(cash, late_months, flagged):
    profile = PROFILE if cash is None else with_cash(cash)
    days = [0] * (24 - late_months) + [90] * late_months
    card = key_account_card("K1", profile, tx([100] * 24), credit(days))
    assert ("credit_losses" in card.flagged) is flagged
    flag = card.flags[1]
    if cash is None:
        assert "cash flow" not in flag.evidence[0] and "现金流" not in flag.evidence[1]
    else:
        assert flag.evidence[0].endswith(f"; operating cash flow CNY {cash:,.0f} (latest year)")
        assert flag.evidence[1].endswith(f";经营现金流{cash:,.0f}元(最近一年)")
    assert "operating cash flow below CNY 0" in flag.rule[0] and "经营现金流低于0元" in flag.rule[1]


def test_cash_flow_thresholds_are_parameters():
    days = [0] * 20 + [90] * 4
    card = key_account_card("K1", with_cash(300_000), tx([100] * 24), credit(days),
                            min_cash_flow=500_000)
    assert "credit_losses" in card.flagged  # 300,000 is below a 500,000 floor
    card = key_account_card("K1", with_cash(-1), tx([100] * 24), credit(days),
                            cash_flow_overdue_months=5)
    assert "credit_losses" not in card.flagged  # 4 late months < 5
    with pytest.raises(ParameterError, match="cash_flow_overdue_months"):
        key_account_card("K1", with_cash(-1), tx([100] * 24), credit(days),
                         cash_flow_overdue_months=-1)
    with pytest.raises(ParameterError, match="min_cash_flow"):
        key_account_card("K1", with_cash(-1), tx([100] * 24), credit(days), min_cash_flow="0")


def test_cash_flow_in_the_credit_table_and_key_figures():
    card = key_account_card("K1", with_cash(-1_234_000), tx([100] * 24), credit([0] * 24))
    assert card.credit["operating_cash_flow"] == -1_234_000
    assert card.to_frame("credit", "en").loc["Its operating cash flow, latest year (CNY)",
                                              "Value"] == "-1,234,000"
    assert card.to_frame("credit", "zh").loc["客户经营现金流(最近一年,元)", "数值"] == "-1,234,000"
    assert card.key_figures()["operating_cash_flow"] == -1_234_000
    # without credit records the flag stays open, but the evidence carries the cash flow
    no_credit = key_account_card("K1", with_cash(-1_234_000), tx([100] * 24))
    assert no_credit.flags[1].flagged is None
    assert no_credit.flags[1].evidence[0] == ("no credit records; operating cash flow "
                                             "CNY -1,234,000 (latest year)")
    assert no_credit.key_figures()["operating_cash_flow"] == -1_234_000
    # a profile without the column: no row, None in the key figures
    bare = key_account_card("K1", PROFILE, tx([100] * 24), credit([0] * 24))
    assert "operating_cash_flow" not in bare.credit and bare.key_figures()[
        "operating_cash_flow"] is None
    assert "Its operating cash flow, latest year (CNY)" not in bare.to_frame("credit").index
    assert COLUMNS["operating_cash_flow"].zh == "经营现金流"


def test_credit_figures_by_hand():
    cr = credit([0] * 20 + [30, 45, 0, 75], receivables=[500] * 22 + [1200, 800], limit=1000)
    card = key_account_card("K1", PROFILE, tx([100] * 24), cr)
    c = card.credit
    assert (c["credit_limit"], c["receivables"], c["credit_use"]) == (1000, 800, 0.8)
    assert (c["days_overdue"], c["max_days_overdue"], c["months_overdue"]) == (75, 75, 3)
    assert c["months_over_limit"] == 1
    assert card.credit_monthly["credit_use"].iloc[-2] == 1.2


@pytest.mark.parametrize("rate, profit, flagged", [(0.04, None, True), (0.05, None, False),
                                                   (0.15, -1.0, True), (0.15, 1.0, False)])
def test_uneconomic(rate, profit, flagged):
    book = None if profit is None else pd.DataFrame({"account_id": ["K1"], "profit": [profit],
                                                    "wallet": [10_000]})
    card = key_account_card("K1", PROFILE, tx([100] * 24, margin=[100 * rate] * 24), book=book)
    assert ("uneconomic" in card.flagged) is flagged


def test_bankruptcy_and_legal_from_profile_or_team():
    bankrupt = PROFILE.assign(status="bankruptcy", legal_restriction=True)
    card = key_account_card("K1", bankrupt, tx([100] * 24))
    assert card.flagged == ["bankruptcy_relocation", "legal"]
    card = key_account_card("K1", bankrupt, tx([100] * 24), bankruptcy_or_relocation=False,
                            legal_prohibition=False)
    assert card.flagged == []
    bare = pd.DataFrame({"account_id": ["K1"]})
    flags = {f.code: f.flagged for f in key_account_card("K1", bare, tx([100] * 24)).flags}
    assert flags["bankruptcy_relocation"] is None and flags["legal"] is None
    assert flags["credit_losses"] is None  # no credit records
    assert list(flags) == list(TERMINATION_CRITERIA)


def test_share_of_wallet_from_the_book():
    book = pd.DataFrame({"account_id": ["K1"], "wallet": [4800.0], "profit": [10.0]})
    card = key_account_card("K1", PROFILE, tx([100] * 24), book=book)
    assert card.summary["share_of_wallet"] == 0.25 and card.summary["wallet"] == 4800
    assert key_account_card("K1", PROFILE, tx([100] * 24)).summary["share_of_wallet"] is None


def test_as_of_cuts_the_data():
    card = key_account_card("K1", PROFILE, tx(list(range(1, 25))), as_of="2025-06")
    assert card.as_of == "2025-06" and len(card.monthly) == 12
    assert card.summary["revenue_12"] == sum(range(1, 13)) and card.summary["growth"] is None


def test_inputs_are_not_changed():
    t, c = tx([100] * 24), credit([0] * 24)
    before = (t.copy(), c.copy(), PROFILE.copy())
    key_account_card("K1", PROFILE, t, c)
    for a, b in zip((t, c, PROFILE), before):
        pd.testing.assert_frame_equal(a, b)


# --- the bundled data ----------------------------------------------------------------------------


def test_cards_reconcile_with_the_book(data):
    book = data["customers"].set_index("account_id")
    for account in data["account_profiles"]["account_id"].iloc[::10]:
        card = bundled(data, account)
        assert card.summary["revenue_12"] == book.loc[account, "revenue"]
        assert card.summary["margin_12"] == book.loc[account, "gross_margin"]
        assert card.summary["share_of_wallet"] == pytest.approx(
            book.loc[account, "revenue"] / book.loc[account, "wallet"], abs=1e-6)


def test_the_bundled_problem_accounts_are_flagged(data):
    assert bundled(data, "C0580").flagged == ["credit_losses", "fading", "bankruptcy_relocation"]
    assert bundled(data, "C0686").flagged == ["fading", "legal"]
    assert bundled(data, "C1634").flagged == []


def test_bundled_cash_flow_agrees_with_the_credit_flags(data):
    """Every account flagged for persistent credit losses has a negative cash flow; on
    2026-06 the cash-flow rule adds none, a year earlier it adds C2987 (3 late months)."""
    profiles = data["account_profiles"].set_index("account_id")
    cash = profiles["operating_cash_flow"]
    flagged = [a for a in profiles.index if "credit_losses" in bundled(data, a).flagged]
    assert len(flagged) == 12 and (cash[flagged] < 0).all()
    early = bundled(data, "C2987", as_of="2025-06")
    assert "credit_losses" in early.flagged and early.flags[1].evidence[0].startswith(
        "3 of 12 months more than 60 days overdue")
    no_cash_rule = bundled(data, "C2987", as_of="2025-06", min_cash_flow=-1e12)
    assert "credit_losses" not in no_cash_rule.flagged


def test_tables_in_both_languages_and_key_figures(data):
    card = bundled(data, "C0580")
    for part in ("profile", "summary", "credit", "flags"):
        en, zh = card.to_frame(part, "en"), card.to_frame(part, "zh")
        assert en.shape == zh.shape and list(en.columns) != list(zh.columns)
    assert card.to_frame("profile", "zh").loc["经营状态", "数值"] == "破产"
    assert card.to_frame("profile", "zh").loc[["行业", "区域"], "数值"].tolist() == ["涂料", "华中"]
    assert card.to_frame("profile", "en").loc["Industry", "Value"] == "Coatings"
    bare = key_account_card("K1", pd.DataFrame({"account_id": ["K1"]}), tx([100] * 24))
    assert bare.to_frame("profile").empty and bare.to_frame("credit").empty
    assert card.to_frame("flags", "en").iloc[2, 0] == "yes"
    assert card.to_frame("summary", "en").loc["Revenue (CNY)"].tolist() == [
        "2,440,962", "4,176,012", "-41.5%"]
    assert card.to_frame("credit", "zh").loc["目前逾期天数", "数值"] == "91"
    assert card.to_frame("monthly").columns.tolist() == [
        "month", "revenue", "gross_margin", "orders", "revenue_12m", "yoy_change"]
    figures = card.key_figures()
    assert json.loads(json.dumps(figures)) == figures
    assert figures["trend"] == "fading out" and figures["revenue"] == 2_440_962
    assert figures["termination_flags"].startswith("Persistent losses from poor finances")
    assert card.key_figures("zh")["trend"] == "订货渐少"
    assert set(figures) <= set(COLUMNS)  # the index shows them under their column labels
    with pytest.raises(ParameterError, match="part must be one of"):
        card.to_frame("plan")
    with pytest.raises(ParameterError, match="lang must be 'en' or 'zh'"):
        card.to_frame("summary", "fr")


# --- errors ------------------------------------------------------------------------------------


def test_unknown_account(data):
    with pytest.raises(ParameterError, match=r"no account 'K2' in the profiles \(1 accounts"):
        key_account_card("K2", PROFILE, tx([100] * 24))
    with pytest.raises(ParameterError, match=r"no account 'c1634'.*Did you mean 'C1634'"):
        bundled(data, "c1634")
    with pytest.raises(InvalidDataError, match="no rows for account 'K1'"):
        key_account_card("K1", PROFILE, tx([100] * 24, account="K9"))


def test_missing_duplicate_and_unreadable_months():
    gap = tx([100] * 24).drop(index=[5, 6])
    with pytest.raises(InvalidDataError, match=r"no row for month\(s\) \['2024-12', '2025-01'\]"):
        key_account_card("K1", PROFILE, gap)
    dup = pd.concat([tx([100] * 24), tx([100] * 24).iloc[[3]]])
    with pytest.raises(InvalidDataError, match=r"month\(s\) \['2024-10'\] more than once"):
        key_account_card("K1", PROFILE, dup)
    bad = tx([100] * 24).assign(month=["July"] + MONTHS[1:])
    with pytest.raises(InvalidDataError, match="could not read"):
        key_account_card("K1", PROFILE, bad)
    chinese = tx([100] * 24).assign(month=[f"{m[:4]}年{int(m[5:])}月" for m in MONTHS])
    assert key_account_card("K1", PROFILE, chinese).as_of == "2026-06"
    dates = tx([100] * 24).assign(month=pd.to_datetime([f"{m}-28" for m in MONTHS]))
    assert key_account_card("K1", PROFILE, dates).as_of == "2026-06"
    days = tx([100] * 24).assign(month=[f"{m}-01" for m in MONTHS])
    assert key_account_card("K1", PROFILE, days).summary["revenue_12"] == 1200


def test_blank_and_negative_values():
    blank = tx([100] * 24)
    blank.loc[3, "revenue"] = np.nan
    with pytest.raises(InvalidDataError, match=r"'revenue' is blank or not a number.*2024-10"):
        key_account_card("K1", PROFILE, blank)
    with pytest.raises(InvalidDataError, match=r"'orders' is negative in month\(s\) \['2024-07'\]"):
        key_account_card("K1", PROFILE, tx([100] * 24, orders=[-1] + [1] * 23))
    with pytest.raises(InvalidDataError, match="'overdue' is negative"):
        key_account_card("K1", PROFILE, tx([100] * 24), credit([0] * 24, overdue=[-5] * 24))
    with pytest.raises(MissingColumnsError):
        key_account_card("K1", PROFILE, tx([100] * 24).drop(columns="gross_margin"))


def test_as_of_outside_the_data():
    with pytest.raises(ParameterError, match=r"as_of '2026-07' is outside.*2025-06 to 2026-06"):
        key_account_card("K1", PROFILE, tx([100] * 24), as_of="2026-07")
    with pytest.raises(ParameterError, match="outside"):
        key_account_card("K1", PROFILE, tx([100] * 24), as_of="2025-05")
    with pytest.raises(ParameterError, match="as_of must be a month"):
        key_account_card("K1", PROFILE, tx([100] * 24), as_of="soon")
    with pytest.raises(ParameterError, match="needs at least 12"):
        key_account_card("K1", PROFILE, tx([100] * 8))
    short_credit = credit([0] * 20)
    with pytest.raises(InvalidDataError, match="no row for 2026-06"):
        key_account_card("K1", PROFILE, tx([100] * 24), short_credit)


# --- the account plan ----------------------------------------------------------------------------


def test_plan_fills_from_the_data_and_leaves_the_rest():
    book = pd.DataFrame({"account_id": ["K1"], "wallet": [4800.0], "profit": [10.0]})
    card = key_account_card("K1", PROFILE, tx([100] * 12 + [120] * 12), credit([0] * 24),
                            book=book)
    plan = key_account_plan(card)
    assert isinstance(plan, AccountPlan)
    assert plan.missing() == ["customer", "strengths", "weaknesses", "threats", "how", "visits"]
    table = plan.to_frame("en").set_index("Item")["Value"]
    assert table["Contacts a year"] == f"{CONTACT_FREQUENCY['A']} a year (tier A)"
    assert table["Relationship we want"].startswith("develop")  # 1440 / 4800 = 30%: D
    assert table["Our share of its spend"] == "30.0% of CNY 4,800 a year"
    assert "2.1 hours" in table["Executive contact"]  # 1600 / 3 / 250
    assert "faster" in table["Ourselves: our position with the account"]  # +20% vs +5%
    zh = plan.to_frame("zh")
    assert zh.columns.tolist() == ["步骤", "项目", "数值", "来源"]
    assert (zh["数值"] == "待填写").sum() == 6
    filled = plan.fill(how="joint promotions", visits=("monthly", "每月一次"))
    assert filled.missing() == ["customer", "strengths", "weaknesses", "threats"]
    assert filled.to_frame("zh").set_index("项目").loc["拜访安排", "数值"] == "每月一次"
    assert plan.missing()[-1] == "visits"  # the original is unchanged
    with pytest.raises(ParameterError, match="no plan item"):
        plan.fill(budget="x")


def test_plan_of_a_flagged_account(data):
    plan = key_account_plan(bundled(data, "C0580")).to_frame("en").set_index("Item")["Value"]
    assert plan["Relationship we want"].startswith("review whether to continue")
    assert "Orders fading out" in plan["SWOT — threats"]
    assert plan["Contacts a year"] == "12 a year (tier B)"
    with pytest.raises(ParameterError, match="takes a KeyAccountCard"):
        key_account_plan("C0580")


# --- checklists ----------------------------------------------------------------------------------


def test_checklists_have_the_seed_items():
    assert len(PRACTICES) == 10 and len(DATABASE_PRACTICES) == 4
    assert {"behaviour", "short_term", "long_term", "pay_linked", "regular_review"} <= set(
        PERFORMANCE_TRACKING)
    for items in CHECKLISTS.values():
        for en, zh in items.values():
            assert en and zh and en != zh
    assert checklist_table("database", "en").shape == (4, 2)


def test_scoring_by_hand():
    answers = {"supply_priority": "yes", "front_line": "是", "new_products": "partly",
               "promotions": False, "executive_visits": 2, "co_designed": 1, "rep_feedback": "否"}
    result = score_checklist(answers)
    assert (result.score, result.maximum, result.share) == (8.0, 20.0, 0.4)
    assert result.gaps == ("new_products", "promotions", "co_designed", "rep_feedback",
                           "incentives", "data_exchange", "annual_forum")
    zh = result.to_frame("zh")
    assert zh["回答"].tolist()[:3] == ["是", "是", "部分"] and zh["回答"].iloc[-1] == "未回答"
    full = score_checklist(dict.fromkeys(PERFORMANCE_TRACKING, True), "tracking")
    assert full.share == 1.0 and full.gaps == ()


def test_scoring_errors():
    with pytest.raises(ParameterError, match="checklist must be one of"):
        score_checklist({}, "ten")
    with pytest.raises(ParameterError, match="Did you mean 'annual_forum'"):
        score_checklist({"anual_forum": "yes"})
    with pytest.raises(ParameterError, match="must be yes / partly / no"):
        score_checklist({"annual_forum": "maybe"})
    with pytest.raises(ParameterError, match="takes a dict"):
        score_checklist(["yes"] * 10)


def test_answers_split_by_checklist_flat_nested_or_from_a_table():
    split = answers_by_checklist({"database": "yes", "regular_review": "partly",
                                  "practices": {"annual_forum": False}})
    assert split == {"practices": {"annual_forum": False},
                     "tracking": {"regular_review": "partly"}, "database": {"database": "yes"}}
    assert answers_by_checklist(None) == answers_by_checklist({}) == {
        "practices": {}, "tracking": {}, "database": {}}
    # an item by its Chinese text; a table of answers per account, blanks not answered
    table = pd.DataFrame({"account_id": ["K1", "K2"], "database": ["yes", "no"],
                          "业绩跟踪": [None, None], "pay_linked": ["", "partly"],
                          "每年一度的大客户座谈会": ["是", None]})
    with pytest.raises(ParameterError, match="'业绩跟踪' is not a checklist item"):
        answers_by_checklist(None, table, "K1")
    table = table.drop(columns="业绩跟踪")
    assert answers_by_checklist(None, table, "K1") == {
        "practices": {"annual_forum": "是"}, "tracking": {}, "database": {"database": "yes"}}
    # the dict overrides the table item by item; an account without a row: the dict alone
    both = answers_by_checklist({"database": "partly"}, table, "K2")
    assert both["database"] == {"database": "partly"} and both["tracking"] == {
        "pay_linked": "partly"}
    assert answers_by_checklist({}, table, "K9") == answers_by_checklist({})


def test_answers_from_a_gbk_csv_or_excel_file(tmp_path):
    csv = tmp_path / "答案.csv"
    csv.write_text("客户编号,database,年度座谈会\nC1,部分,\n".replace("客户编号", "account_id")
                   .replace("年度座谈会", "annual_forum"), encoding="gbk")
    assert answers_by_checklist({}, csv, "C1")["database"] == {"database": "部分"}
    xlsx = tmp_path / "answers.xlsx"
    pd.DataFrame({"account_id": ["C1"], "skills": ["yes"]}).to_excel(xlsx, index=False)
    assert answers_by_checklist({}, str(xlsx), "C1")["database"] == {"skills": "yes"}
    with pytest.raises(ParameterError, match="no answers file at"):
        answers_by_checklist({}, tmp_path / "none.csv", "C1")


def test_answers_errors():
    with pytest.raises(ParameterError, match="Did you mean 'regular_review'"):
        answers_by_checklist({"regular_reviews": "yes"})
    with pytest.raises(ParameterError, match="'pay_linked' is an item of the 'tracking'"):
        answers_by_checklist({"database": {"pay_linked": "yes"}})
    with pytest.raises(ParameterError, match="'ten' is not a checklist"):
        answers_by_checklist({"ten": {"pay_linked": "yes"}})
    with pytest.raises(ParameterError, match="must be yes / partly / no"):
        answers_by_checklist({"skills": "maybe"})
    with pytest.raises(ParameterError, match="takes a dict"):
        answers_by_checklist("skills: yes")
    with pytest.raises(ParameterError, match="needs an account_id column"):
        answers_by_checklist(None, pd.DataFrame({"skills": ["yes"]}), "K1")
    with pytest.raises(ParameterError, match="2 rows for account 'K1'"):
        answers_by_checklist(None, pd.DataFrame({"account_id": ["K1", "K1"]}), "K1")


def test_marked_checklist_blank_or_answered():
    blank, score = marked_checklist("tracking", {}, "zh")
    assert score is None and blank.index.tolist() == list(range(1, 8))
    assert blank.columns.tolist() == ["项目", "是否做到"] and set(blank["是否做到"]) == {"☐"}
    table, score = marked_checklist("database", {"database": True, "best_practice": "部分",
                                                 "skills": "no"}, "en")
    assert table["Done?"].tolist() == ["✓", "½", "✗", "☐"]
    assert table["Item"].iloc[0] == DATABASE_PRACTICES["database"][0]
    assert (score.score, score.maximum, score.share) == (3.0, 8.0, 0.375)
    assert MARKS == {2: "✓", 1: "½", 0: "✗", None: "☐"}


def test_card_is_a_frozen_dataclass(data):
    card = bundled(data, "C1634")
    assert isinstance(card, KeyAccountCard)
    with pytest.raises(AttributeError):
        card.account_id = "x"


# --- the card notebook (notebooks/reports/account_card.ipynb) ------------------------------------

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "reports" / "account_card.ipynb"


def _notebook():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_card_notebook_parameters_and_lean_cells():
    nb = _notebook()
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    params = code[0]
    assert params["metadata"].get("tags") == ["parameters"]
    names = [line.split("=")[0].strip() for line in "".join(params["source"]).splitlines()]
    assert names == ["account_id", "profiles", "transactions", "credit", "book", "as_of", "lang",
                     "checklist_answers", "checklist_file"]
    text = "\n".join("".join(c["source"]) for c in code)
    assert "ipywidgets" not in text and "interact" not in text
    assert "glue(" in text
    assert all(len("".join(c["source"]).splitlines()) <= 10 for c in code)
    assert not any(line.lstrip().startswith("def ") for line in text.splitlines())


def test_card_notebook_committed_outputs_are_the_default_card(data):
    nb = _notebook()
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", ())]
    assert not [o for o in outputs if o["output_type"] == "error"]
    glued = {o["data"]["application/vnd.kamlab.glue+json"]["name"]:
             o["data"]["application/vnd.kamlab.glue+json"]["value"]
             for o in outputs if "application/vnd.kamlab.glue+json" in o.get("data", {})}
    assert glued == bundled(data, "C1634").key_figures("en")
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 3


def test_a_typo_gets_a_suggestion_a_stranger_does_not(data):
    with pytest.raises(ParameterError, match="Did you mean 'C1634'"):
        bundled(data, "C1634x")
    with pytest.raises(ParameterError) as err:
        bundled(data, "C9999")
    assert "Did you mean" not in str(err.value)


def test_card_report_shows_a_teams_answers_from_yaml_and_a_file(tmp_path):
    """kamlab cards -y '{checklist_answers: ..., checklist_file: ...}': the card marks the
    answers (the YAML overrides the file) and scores each checklist; without them, blank."""
    from kamlab import cli

    answers = tmp_path / "answers.csv"
    answers.write_text("account_id,database,best_practice,pay_linked,supply_priority\n"
                       "C0267,no,,yes,yes\n", encoding="utf-8")
    code = cli.main(["cards", "C0267", "C1634", "--out", str(tmp_path / "out"), "--workers",
                     "1", "--quiet", "--format", "ipynb", "-y",
                     "{checklist_answers: {regular_review: partly, database: yes}, "
                     f"checklist_file: {answers}}}"])
    assert code == 0

    def shown(name):
        nb = json.loads((tmp_path / "out" / f"{name}.ipynb").read_text(encoding="utf-8"))
        out = []
        for cell in nb["cells"][-2:]:
            for o in cell.get("outputs", ()):
                data = o.get("data", {})
                out.append("".join(data.get("text/markdown") or data.get("text/plain", "")))
        return out

    c0267 = shown("C0267")
    assert "✓ yes · ½ partly · ✗ no · ☐ not answered" in c0267
    assert "**The ten practices** — Score 2 of 20 (10%)" in c0267
    assert "**Performance tracking** — Score 3 of 14 (21%)" in c0267
    assert "**Database and best practice** — Score 2 of 8 (25%)" in c0267  # YAML over file
    # C1634 has no row in the file: only the YAML answers
    c1634 = shown("C1634")
    assert "**The ten practices**" in c1634 and "**Database and best practice** — Score 2 of 8 " \
        "(25%)" in c1634


def test_card_notebook_default_checklists_are_blank():
    nb = _notebook()
    text = "".join("".join(o.get("data", {}).get("text/plain", ""))
                   for c in nb["cells"][-2:] for o in c.get("outputs", ()))
    assert "☐" in text and not any(m in text for m in ("✓", "½", "✗"))
