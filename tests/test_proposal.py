"""Tests for kamlab.proposal: the seed's tables (phases, roles, ten elements), the working-day
plan, the role matrix, scoring arithmetic, key forms, error messages and purity."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError
from kamlab.i18n import value_label
from kamlab.proposal import (
    INVOLVEMENT,
    LEAD_SEPARATOR,
    PROPOSAL_PHASES,
    PROPOSAL_ROLES,
    TEN_ELEMENTS,
    ProposalScore,
    proposal_plan,
    role_matrix,
    score_advice,
    score_proposal,
)

KEYS = ["launch", "requirements", "analysis", "finalise", "submit", "follow-up"]


# ---------------------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------------------

def test_six_phases_in_seed_order():
    assert PROPOSAL_PHASES["key"].tolist() == KEYS
    assert [value_label("phase", k, "zh") for k in KEYS] == [
        "准备和启动", "确定要求、市场价格和成本", "财务分析并了解供应情况", "完成建议书",
        "战略性研讨/提交建议书", "跟进"]


def test_phases_cover_days_1_to_10_without_gaps_or_overlaps():
    start = PROPOSAL_PHASES["start_day"].tolist()
    end = PROPOSAL_PHASES["end_day"].tolist()
    assert start[0] == 1 and end[-1] == 10
    assert all(s <= e for s, e in zip(start, end))
    assert all(start[i + 1] == end[i] + 1 for i in range(len(start) - 1))


def test_every_seed_task_is_in_one_phase_in_both_languages():
    tasks = [t for ts in PROPOSAL_PHASES["tasks_zh"] for t in ts]
    assert len(tasks) == len(set(tasks)) == 30   # 2 + 6 + 6 + 6 + 5 + 5
    for zh in ("收到询价或主动接触客户", "估算市场价", "评价变动成本和固定投资", "讨论定价策略",
               "提交建议书", "确定成本压缩目标", "向客户了解清楚情况", "拟定沟通策略",
               "准备建议书材料"):
        assert zh in tasks
    for en, zh in zip(PROPOSAL_PHASES["tasks"], PROPOSAL_PHASES["tasks_zh"]):
        assert len(en) == len(zh)
    submit = PROPOSAL_PHASES.set_index("key").loc["submit", "tasks"]
    assert "Submit the proposal" in submit


def test_eleven_roles_each_in_at_least_one_phase():
    assert len(PROPOSAL_ROLES) == 11
    assert [value_label("role", r, "zh") for r in PROPOSAL_ROLES["role"]] == [
        "客户经理", "业务经理", "工程人员", "物流人员", "包装", "财务", "制造人员",
        "建议书协调员", "商业分析员", "采购人员", "产品营销"]
    for phases in PROPOSAL_ROLES["phases"]:
        assert len(phases) >= 1
        assert set(phases) <= set(KEYS)
    for en, zh in zip(PROPOSAL_ROLES["responsibilities"], PROPOSAL_ROLES["responsibilities_zh"]):
        assert len(en) == len(zh) >= 1


def test_leads_are_known_roles_involved_in_their_phase():
    involved = dict(zip(PROPOSAL_ROLES["role"], PROPOSAL_ROLES["phases"]))
    for key, leads in zip(PROPOSAL_PHASES["key"], PROPOSAL_PHASES["lead"]):
        assert leads, key
        assert all(LEAD_SEPARATOR not in r for r in leads)   # the chart splits on it
        for role in leads:
            assert key in involved[role]


def test_proposal_coordinator_owns_the_whole_proposal():
    coordinator = PROPOSAL_ROLES.set_index("role").loc["proposal coordinator", "phases"]
    assert list(coordinator) == KEYS


def test_ten_elements_in_seed_order():
    assert TEN_ELEMENTS["number"].tolist() == list(range(1, 11))
    assert TEN_ELEMENTS["id"].tolist() == [
        "targeted", "needs", "innovation", "quantified_value", "value_pricing",
        "customer_challenges", "distinctive", "concise", "service_commitment", "support"]
    assert [value_label("element", i, "zh") for i in TEN_ELEMENTS["id"]] == [
        "以特定客户或目标客户群为主", "满足特定的客户需求；根据需求和客户关系的发展做出调整",
        "包括能够改善客户业绩的创新", "以可量化的形式列出企业能够带来的具体客户价值",
        "定价策略与价值创造相联系", "帮助关键客户应付客户自身的业绩挑战", "与众不同", "简明扼要",
        "强调提供更好服务的决心", "拥有全面的客户支持"]
    assert [value_label("element", i, "en") for i in TEN_ELEMENTS["id"]] == \
        TEN_ELEMENTS["element"].tolist()
    for column in ("question", "question_zh", "advice", "advice_zh"):
        assert TEN_ELEMENTS[column].str.len().gt(0).all()


# ---------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------

def test_plan_without_start_has_days_only():
    plan = proposal_plan()
    assert plan["phase"].tolist() == PROPOSAL_PHASES["phase"].tolist()
    assert list(plan.columns) == ["key", "phase", "start_day", "end_day", "duration_days",
                                  "lead", "tasks"]
    assert plan["duration_days"].sum() == 10
    assert plan.loc[1, "lead"] == "account manager, proposal coordinator"
    assert plan.loc[0, "tasks"] == ("Receive the enquiry, or approach the customer; "
                                    "Discuss the strategy with management")


def test_plan_friday_start_skips_the_weekend():
    # 2025-03-07 is a Friday. Working days: 1 Fri 7, 2 Mon 10, 3 Tue 11, 4 Wed 12,
    # 5 Thu 13, 6 Fri 14, 7 Mon 17, 8 Tue 18, 9 Wed 19, 10 Thu 20.
    plan = proposal_plan("2025-03-07")
    assert list(plan.columns[:7]) == ["key", "phase", "start_day", "end_day",
                                      "duration_days", "start_date", "end_date"]
    starts = [str(d.date()) for d in plan["start_date"]]
    ends = [str(d.date()) for d in plan["end_date"]]
    assert starts == ["2025-03-07", "2025-03-10", "2025-03-12", "2025-03-14", "2025-03-18",
                      "2025-03-20"]
    assert ends == ["2025-03-07", "2025-03-11", "2025-03-13", "2025-03-17", "2025-03-19",
                    "2025-03-20"]
    assert pd.api.types.is_datetime64_any_dtype(plan["start_date"])
    assert (plan["start_date"].dt.day_of_week < 5).all()
    assert (plan["end_date"].dt.day_of_week < 5).all()


def test_plan_weekend_start_rolls_to_monday():
    plan = proposal_plan(pd.Timestamp("2025-03-08"))      # Saturday → Monday 10
    assert str(plan["start_date"].iloc[0].date()) == "2025-03-10"
    assert str(plan["end_date"].iloc[-1].date()) == "2025-03-21"    # Mon 10 + 9 working days


def test_plan_calendar_days():
    plan = proposal_plan("2025-03-07", workdays=False)
    assert str(plan["start_date"].iloc[1].date()) == "2025-03-08"   # Saturday counts
    assert str(plan["end_date"].iloc[-1].date()) == "2025-03-16"    # 7 + 9 days


def test_plan_holidays_are_skipped():
    # Monday 10 off: 1 Fri 7, 2 Tue 11, ..., 10 Fri 21
    plan = proposal_plan("2025-03-07", holidays=["2025-03-10"])
    assert str(plan["start_date"].iloc[1].date()) == "2025-03-11"
    assert str(plan["end_date"].iloc[-1].date()) == "2025-03-21"


def test_plan_custom_phases_minimal_columns():
    phases = pd.DataFrame({"phase": ["draft", "review"], "start_day": [1, 2],
                           "end_day": [3, 2]})
    plan = proposal_plan("2025-03-07", phases=phases)
    assert list(plan.columns) == ["phase", "start_day", "end_day", "duration_days",
                                  "start_date", "end_date"]
    assert plan["duration_days"].tolist() == [3, 1]
    assert str(plan["end_date"].iloc[0].date()) == "2025-03-11"     # Fri, Mon, Tue


def test_plan_and_matrix_do_not_mutate_tables():
    phases, roles, elements = (PROPOSAL_PHASES.copy(deep=True), PROPOSAL_ROLES.copy(deep=True),
                               TEN_ELEMENTS.copy(deep=True))
    proposal_plan("2025-03-07")
    role_matrix()
    score_proposal({"targeted": 1})
    pd.testing.assert_frame_equal(PROPOSAL_PHASES, phases)
    pd.testing.assert_frame_equal(PROPOSAL_ROLES, roles)
    pd.testing.assert_frame_equal(TEN_ELEMENTS, elements)


@pytest.mark.parametrize("start_day,end_day,match", [
    ([1, 0], [1, 2], r"start_day must be whole days counted from 1.*\['b'\] have \[0.0\]"),
    ([1, 2.5], [1, 3], r"start_day must be whole days.*\[2.5\]"),
    ([1, 3], [1, 2], r"a phase cannot end before it starts; phase\(s\) \['b'\] run from day "
                     r"\[3\] to day \[2\]. Swap"),
])
def test_plan_bad_days(start_day, end_day, match):
    phases = pd.DataFrame({"phase": ["a", "b"], "start_day": start_day, "end_day": end_day})
    with pytest.raises(InvalidDataError, match=match):
        proposal_plan(phases=phases)


def test_plan_errors():
    with pytest.raises(MissingColumnsError, match="proposal_plan\\(\\) needs the column\\(s\\) "
                                                  "'end_day'; the phases table has"):
        proposal_plan(phases=PROPOSAL_PHASES.drop(columns="end_day"))
    with pytest.raises(InvalidDataError, match="the phases table has no rows"):
        proposal_plan(phases=PROPOSAL_PHASES.iloc[:0])
    with pytest.raises(InvalidDataError, match="'end_day' has blanks"):
        proposal_plan(phases=pd.DataFrame({"phase": ["a"], "start_day": [1],
                                           "end_day": [None]}))
    with pytest.raises(ParameterError, match="start must be a date like '2025-03-07'; got "
                                             "'next monday'"):
        proposal_plan("next monday")
    with pytest.raises(ParameterError, match="holidays must be a date"):
        proposal_plan("2025-03-07", holidays=["spring festival"])


# ---------------------------------------------------------------------------------------
# Role matrix
# ---------------------------------------------------------------------------------------

def test_role_matrix_shape_and_marks():
    m = role_matrix()
    assert list(m.columns) == ["role", *KEYS, "phases_involved"]
    assert len(m) == 11
    assert set(m[KEYS].to_numpy().ravel()) <= set(INVOLVEMENT)
    assert (m["phases_involved"] >= 1).all()
    t = m.set_index("role")
    assert t.loc["proposal coordinator", KEYS].tolist() == [
        "involved", "lead", "involved", "lead", "involved", "involved"]
    assert t.loc["business manager", "submit"] == "lead"
    assert t.loc["packaging", KEYS].tolist() == ["", "", "involved", "", "", ""]
    # one lead mark per (phase, lead role)
    assert (m[KEYS] == "lead").sum().tolist() == [len(x) for x in PROPOSAL_PHASES["lead"]]


def test_role_matrix_custom_tables_and_errors():
    roles = pd.DataFrame({"role": ["me"], "phases": [("a",)]})
    phases = pd.DataFrame({"key": ["a", "b"], "lead": [("me",), None]})
    m = role_matrix(roles, phases)
    assert m.to_dict("records") == [{"role": "me", "a": "lead", "b": "", "phases_involved": 1}]
    with pytest.raises(InvalidDataError, match=r"role 'me' works in unknown phase\(s\) "
                                               r"\['z'\]; the phase keys are \['a', 'b'\]"):
        role_matrix(pd.DataFrame({"role": ["me"], "phases": [("z",)]}), phases)
    with pytest.raises(InvalidDataError, match=r"phase 'a' is led by unknown role\(s\) "
                                               r"\['boss'\]"):
        role_matrix(roles, pd.DataFrame({"key": ["a"], "lead": [("boss",)]}))
    with pytest.raises(MissingColumnsError, match="the phases table has"):
        role_matrix(roles, PROPOSAL_PHASES.drop(columns="key"))


# ---------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------

def test_full_marks():
    s = score_proposal(dict.fromkeys(TEN_ELEMENTS["id"], 2))
    assert isinstance(s, ProposalScore)
    assert (s.total, s.maximum, s.share) == (20, 20, 1.0)
    assert s.missing == () and s.weakest == ()
    assert (s.table["advice"] == "").all()
    assert s.table["rated"].all()


def test_scoring_arithmetic_and_lists():
    ratings = {"targeted": 2, "needs": 2, "innovation": 1, "quantified_value": 0,
               "value_pricing": 1, "customer_challenges": 2, "distinctive": 2, "concise": 1}
    s = score_proposal(ratings)
    # 2 + 2 + 1 + 0 + 1 + 2 + 2 + 1 = 11 of 10 × 2 = 20; two elements not rated → 0
    assert (s.total, s.maximum) == (11, 20)
    assert s.share == pytest.approx(0.55)
    assert s.missing == ("service_commitment", "support")
    assert s.weakest == ("quantified_value", "service_commitment", "support")
    t = s.table.set_index("id")
    assert t["rating"].tolist() == [2, 2, 1, 0, 1, 2, 2, 1, 0, 0]
    assert t["gap"].tolist() == [0, 0, 1, 2, 1, 0, 0, 1, 2, 2]
    assert t["max"].eq(2).all()
    zh = dict(zip(s.table["id"], score_advice(s, "advice_zh", not_rated="未评分。")))
    assert t.loc["targeted", "advice"] == "" and zh["targeted"] == ""
    assert t.loc["innovation", "advice"] == TEN_ELEMENTS.loc[2, "advice"]
    assert t.loc["support", "advice"].startswith("Not rated. ")
    assert zh["support"] == "未评分。" + TEN_ELEMENTS.loc[9, "advice_zh"]
    assert zh["innovation"] == TEN_ELEMENTS.loc[2, "advice_zh"]
    assert not t.loc["support", "rated"]
    assert list(s.table.columns) == ["number", "id", "element", "rating", "max", "gap",
                                     "rated", "advice"]


def test_bools_and_numbers_as_keys():
    s = score_proposal({1: True, 2: False, "innovation": 1, 10: None})
    t = s.table.set_index("id")
    assert t.loc["targeted", "rating"] == 2       # True = top of scale
    assert t.loc["needs", "rating"] == 0          # False = bottom, but rated
    assert t.loc["needs", "rated"]
    assert s.total == 3
    assert "needs" not in s.missing
    assert "support" in s.missing                 # None = not rated


def test_other_scale_and_series():
    s = score_proposal(pd.Series({"targeted": 5, "needs": 3, "concise": 1.0}), scale=(1, 5))
    # 5 + 3 + 1, and seven unrated at the bottom of the scale (1 each): 16 of 50
    assert (s.total, s.maximum) == (16, 50)
    assert s.table["max"].eq(5).all()
    assert s.weakest[0] == "innovation" and "concise" in s.weakest


def test_empty_ratings_all_missing():
    s = score_proposal({})
    assert s.total == 0 and len(s.missing) == 10 and len(s.weakest) == 10


def test_score_does_not_mutate_ratings():
    ratings = {"targeted": 2, 3: True}
    before = dict(ratings)
    score_proposal(ratings)
    assert ratings == before


def test_unknown_id_lists_valid_ids_and_suggests():
    with pytest.raises(ParameterError) as info:
        score_proposal({"targetted": 2})
    msg = str(info.value)
    assert "unknown element 'targetted'" in msg
    assert "the elements are ['targeted', 'needs', 'innovation'" in msg
    assert "'support']" in msg
    assert "Did you mean 'targeted'?" in msg
    assert info.value.valid == TEN_ELEMENTS["id"].tolist()


def test_unknown_id_without_close_match_has_no_suggestion():
    with pytest.raises(ParameterError) as info:
        score_proposal({"xyz": 1})
    assert "Did you mean" not in str(info.value)


@pytest.mark.parametrize("ratings,match", [
    ({"needs": 3}, r"the rating for 'needs' is 3, outside the scale 0 to 2"),
    ({"needs": -1}, r"the rating for 'needs' is -1, outside the scale 0 to 2"),
    ({"needs": 1.5}, r"the rating for 'needs' must be a whole number from 0 to 2 "
                     r"\(or True/False\); got 1.5"),
    ({"needs": "2"}, r"must be a whole number from 0 to 2"),
    ({0: 1}, r"element numbers run from 1 to 10; got 0"),
    ({11: 1}, r"element numbers run from 1 to 10; got 11"),
    ({2: 1, "needs": 2}, r"element 'needs' is rated twice \(by its id and by its number 2\)"),
    ({True: 1}, r"ratings keys must be element ids such as 'targeted' or numbers 1 to 10; "
                r"got True \(bool\)"),
    ({2.0: 1}, r"ratings keys must be element ids"),
])
def test_rating_errors(ratings, match):
    with pytest.raises(ParameterError, match=match):
        score_proposal(ratings)


@pytest.mark.parametrize("scale", [(2, 0), (0,), (0, 2.5), (-1, 2), "0-2", (True, 2)])
def test_bad_scale(scale):
    with pytest.raises(ParameterError, match="scale must be \\(lowest, highest\\) whole numbers"):
        score_proposal({}, scale=scale)


def test_ratings_not_a_mapping():
    with pytest.raises(ParameterError, match="ratings must be a dict element -> rating.*got list"):
        score_proposal([2, 1, 0])


def test_custom_elements_table():
    elements = pd.DataFrame({"id": ["a", "b"], "element": ["A", "B"]})
    s = score_proposal({"a": 2}, elements=elements)
    assert (s.total, s.maximum, s.missing) == (2, 4, ("b",))
    assert list(s.table.columns) == ["number", "id", "element", "rating", "max", "gap", "rated",
                                     "advice"]
    assert s.table.loc[1, "advice"] == "Not rated."
    with pytest.raises(InvalidDataError, match=r"element ids must be unique; \['a'\] repeat"):
        score_proposal({}, elements=pd.DataFrame({"id": ["a", "a"], "element": ["A", "B"]}))
    with pytest.raises(MissingColumnsError, match="the elements table has"):
        score_proposal({}, elements=pd.DataFrame({"element": ["A"]}))
