"""Tests for kamlab.cases.bank (module 5, seed 000's international bank): hand-worked books for
every function, the rules of the simulation one by one, validation messages, purity, and the
calibration on the bundled book (50,000 customers lost, profit +25% within 6 months)."""

from __future__ import annotations

import dataclasses
import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlab import load_dataset
from kamlab.cases import (
    ACTIONS,
    BASELINE,
    CHANNEL_COSTS,
    GRADES,
    SEED_SCENARIO,
    BankScenario,
    channel_costs,
    grade_customers,
    grade_summary,
    opportunity_cost,
    simulate,
    whale_curve,
    whale_summary,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

# ---------------------------------------------------------------------------------------
# A book small enough to work out by hand (CHANNEL_COSTS: account 120, payroll 80,
# branch 50 (10 variable), RM hour 300 (0), call 20 (6), digital session 1 (1))
# ---------------------------------------------------------------------------------------
#   id  revenue balance products payroll wallet visits rm calls digital  cost  profit
#   a      9000 500,000       4   no    20,000     2  10     1      50  3290    5710   A
#   b       100   2,000       1   yes      800     6   1     2      20   860    -760   C
#   c       300   5,000       2   no       900     4   0     1      10   350     -50   C
#   d       600  30,000       2   no     9,000     8   2     4      40  1240    -640   C+
#   e       500  15,000       1   no       700     2   0     2      30   290     210   C
# variable cost: a 196, b 292, c 176, d 264, e 182 (1,110); fixed 4,920; profit 4,470 a year.

TINY = {
    "account_id": list("abcde"),
    "revenue": [9000, 100, 300, 600, 500],
    "avg_balance": [500_000, 2_000, 5_000, 30_000, 15_000],
    "products": [4, 1, 2, 2, 1],
    "payroll": [False, True, False, False, False],
    "wallet": [20_000, 800, 900, 9_000, 700],
    "branch_visits": [2, 6, 4, 8, 2],
    "rm_hours": [10.0, 1.0, 0.0, 2.0, 0.0],
    "call_centre_calls": [1, 2, 1, 4, 2],
    "digital_sessions": [50, 20, 10, 40, 30],
    "cost_to_serve": [3290, 860, 350, 1240, 290],
    "profit": [5710, -760, -50, -640, 210],
    "will_grow": [False, True, False, True, False],
}
# threshold + payroll + migration + C+ path + RM to A + two capacity cuts, over 3 months
HAND = BankScenario(
    name="hand", min_balance=10_000, monthly_fee=30, end_payroll=True, migrate_c=1.0,
    migrate_month=2, c_plus_offer=120, c_plus_upgrade=0.5, c_plus_months=2, upgrade_gain=0.25,
    rm_to_a=0.5, rm_hour_value=600, cuts=(("branch", 1.0, 2), ("rm", 1.0, 3)))


@pytest.fixture
def tiny():
    return pd.DataFrame(TINY)


@pytest.fixture
def graded(tiny):
    return grade_customers(tiny, c_plus=0.25)


@pytest.fixture(scope="module")
def bank():
    return load_dataset("bank_customers")


@pytest.fixture(scope="module")
def seed_run(bank):
    return simulate(bank, SEED_SCENARIO)


def _book(profit, wallet=None):
    return pd.DataFrame({"profit": profit, "wallet": wallet or [1] * len(profit)})


# ---------------------------------------------------------------------------------------
# channel costs
# ---------------------------------------------------------------------------------------

def test_channel_costs_by_hand(tiny):
    out = channel_costs(tiny)
    assert out["cost_to_serve"].tolist() == TINY["cost_to_serve"]
    assert out["variable_cost"].tolist() == [196, 292, 176, 264, 182]
    assert (out["fixed_cost"] == out["cost_to_serve"] - out["variable_cost"]).all()
    assert out.loc[1, ["cost_account", "cost_payroll", "cost_branch", "cost_rm",
                       "cost_call_centre", "cost_digital"]].tolist() == [120, 80, 300, 300, 40, 20]
    assert list(out.index) == list(tiny.index)


def test_channel_costs_with_own_table_and_index(tiny):
    book = tiny.set_index(pd.Index([10, 20, 30, 40, 50]))
    out = channel_costs(book, costs={"rm": ("rm_hours", 500, 100)})
    assert list(out.columns) == ["cost_rm", "variable_cost", "fixed_cost", "cost_to_serve"]
    assert out["cost_to_serve"].tolist() == [5000, 500, 0, 1000, 0]
    assert out["variable_cost"].tolist() == [1000, 100, 0, 200, 0]
    assert list(out.index) == [10, 20, 30, 40, 50]


@pytest.mark.parametrize(("costs", "match"), [
    ({"rm": ("rm_hours", 300, 400)}, "variable cost 400 is more than the unit cost 300"),
    ({"rm": ("rm_hours", 300)}, r"must be \(driver, unit cost, variable cost\)"),
    ({"rm": ("rm_hours", -1, 0)}, "must be 0 or more"),
    ({}, "must be a dict"),
])
def test_channel_costs_refuses_a_bad_table(tiny, costs, match):
    with pytest.raises(ParameterError, match=match):
        channel_costs(tiny, costs=costs)


def test_channel_costs_refuses_negative_or_missing_activity(tiny):
    with pytest.raises(InvalidDataError, match=r"'branch_visits' counts activity .* rows \[2\]"):
        channel_costs(tiny.assign(branch_visits=[2, 6, -4, 8, 2]))
    with pytest.raises(MissingColumnsError, match="'rm_hours'"):
        channel_costs(tiny.drop(columns="rm_hours"))
    with pytest.raises(InvalidDataError, match=r"'payroll' is a true/false flag; rows \[1\]"):
        channel_costs(tiny.assign(payroll=[0, 2, 0, 0, 0]))


def test_channel_costs_takes_payroll_as_0_1_too(tiny):
    ones = channel_costs(tiny.assign(payroll=[0, 1, 0, 0, 0]))
    assert ones["cost_to_serve"].tolist() == TINY["cost_to_serve"]


# ---------------------------------------------------------------------------------------
# whale curve
# ---------------------------------------------------------------------------------------

def test_whale_curve_by_hand():
    book = pd.DataFrame({"account_id": list("abcde"), "profit": [-20, 60, 10, -10, 60]})
    curve = whale_curve(book)
    assert list(curve.columns) == ["rank", "account_id", "profit", "cum_profit",
                                   "cum_profit_share", "customers_share"]
    assert curve["account_id"].tolist() == ["b", "e", "c", "d", "a"]  # ties: book order
    assert curve["cum_profit"].tolist() == [60, 120, 130, 120, 100]
    assert curve["cum_profit_share"].tolist() == [0.6, 1.2, 1.3, 1.2, 1.0]
    assert curve["customers_share"].tolist() == [0.2, 0.4, 0.6, 0.8, 1.0]


def test_whale_curve_of_equal_profits_is_the_diagonal():
    curve = whale_curve(_book([5.0] * 8))
    np.testing.assert_allclose(curve["cum_profit_share"], curve["customers_share"])
    assert "account_id" not in curve.columns


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=60))
def test_whale_curve_ends_at_exactly_one_and_peaks_at_the_positive_sum(values):
    x = np.asarray(values)
    if not x.sum() > 1e-6 * np.abs(x).sum() + 1e-9:
        return
    curve = whale_curve(_book(values))
    assert curve["cum_profit_share"].iloc[-1] == 1.0
    summary = whale_summary(_book(values))
    assert summary.peak_share >= 1.0
    assert summary.peak_profit == pytest.approx(x[x > 0].sum(), rel=1e-9, abs=1e-6)
    assert summary.destroyers == int((x < 0).sum())


def test_whale_summary_by_hand():
    s = whale_summary(pd.DataFrame({"profit": [-20, 60, 10, -10, 60]}))
    assert (s.customers, s.total_profit, s.peak_profit, s.peak_share) == (5, 100.0, 130.0, 1.3)
    assert (s.peak_customers, s.peak_customers_share) == (3, 0.6)
    assert (s.destroyers, s.destroyers_share, s.destroyed) == (2, 0.4, 30.0)


def test_whale_summary_zero_profit_customers_neither_peak_nor_destroy():
    s = whale_summary(_book([10, 0, 0, -5]))
    assert (s.peak_customers, s.destroyers, s.destroyed, s.peak_share) == (1, 1, 5.0, 2.0)
    everyone_earns = whale_summary(_book([3, 2, 1]))
    assert (everyone_earns.peak_share, everyone_earns.destroyers) == (1.0, 0)


def test_whale_refuses_a_net_loss_text_and_empty_books():
    with pytest.raises(InvalidDataError, match=r"adds up to -5\.00; a whale curve shows shares"):
        whale_curve(_book([10, -15]))
    with pytest.raises(InvalidDataError, match="must hold numbers"):
        whale_curve(_book(["1,000", "x"]))
    with pytest.raises(InvalidDataError, match="empty table"):
        whale_summary(pd.DataFrame({"profit": []}))
    with pytest.raises(MissingColumnsError, match="'profit'"):
        whale_curve(pd.DataFrame({"profit_cny": [1.0]}))


# ---------------------------------------------------------------------------------------
# grading
# ---------------------------------------------------------------------------------------

def test_grades_by_hand():
    # positive profit 97: 50 (51.5%), 30 (82.5% -> A ends), 10 (92.8%), 5 (97.9% -> B ends), 2
    book = _book([50, 30, 10, 5, -5, -20, 2], [900, 500, 80, 60, 4000, 50, 70])
    assert grade_customers(book, c_plus=0.25)["grade"].tolist() == [
        "A", "A", "B", "B", "C+", "C", "C"]
    # C = 3 customers; c_plus 0.5 -> k = 2: wallets 4000 and 70
    assert grade_customers(book, c_plus=0.5)["grade"].tolist() == [
        "A", "A", "B", "B", "C+", "C", "C+"]
    assert grade_customers(book, c_plus=0)["grade"].tolist() == [
        "A", "A", "B", "B", "C", "C", "C"]
    assert set(grade_customers(book, c_plus=1)["grade"].iloc[4:]) == {"C+"}


def test_a_customer_landing_on_the_cut_off_is_a_and_losses_never_grade_above_c():
    book = _book([50, 30, 15, 5, -100])  # 80% exactly after two; 95% exactly after three
    assert grade_customers(book, c_plus=0)["grade"].tolist() == ["A", "A", "B", "C", "C"]
    top_heavy = _book([-1, 97, 2, 1])
    assert grade_customers(top_heavy, c_plus=0)["grade"].tolist() == ["C", "A", "C", "C"]


def test_grade_is_an_ordered_categorical_a_best(tiny):
    g = grade_customers(tiny, c_plus=0.25)["grade"]
    assert list(g.cat.categories) == ["C", "C+", "B", "A"] and g.cat.ordered
    assert g.tolist() == ["A", "C", "C", "C+", "C"]
    assert (g >= "C+").tolist() == [True, False, False, True, False]
    assert GRADES == ("A", "B", "C+", "C")


def test_grading_ties_keep_the_book_order():
    book = _book([10, 10, 10, 10], [5, 5, 5, 5])
    assert grade_customers(book, cutoffs=(0.5, 0.75), c_plus=1)["grade"].tolist() == [
        "A", "A", "B", "C+"]
    many = _book([1.0] * 10, [7] * 10)
    assert grade_customers(many, cutoffs=(0.5, 0.8), c_plus=0.5)["grade"].tolist()[8:] == [
        "C+", "C"]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"cutoffs": (0.8,)}, r"takes two shares, \(A, B\)"),
    ({"cutoffs": (0.95, 0.8)}, "must increase"),
    ({"cutoffs": (80, 95)}, "Did you mean 0.8"),
    ({"c_plus": 10}, "Did you mean 0.1"),
    ({"c_plus": -0.1}, "between 0 and 1"),
])
def test_grading_refuses_bad_cut_offs(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        grade_customers(_book([3, 2, 1]), **kwargs)


def test_grading_refuses_missing_potential_and_a_book_without_profit():
    with pytest.raises(MissingColumnsError, match="'wallet'"):
        grade_customers(pd.DataFrame({"profit": [1.0]}))
    with pytest.raises(InvalidDataError, match="no customer has a profit above 0"):
        grade_customers(_book([0, -3]))


def test_grade_summary_by_hand(graded):
    s = grade_summary(graded)
    assert s["grade"].tolist() == ["A", "B", "C+", "C"]
    assert s["customers"].tolist() == [1, 0, 1, 3]
    assert s["profit"].tolist() == [5710, 0, -640, -600]
    assert s["profit_share"].tolist() == pytest.approx([5710 / 4470, 0, -640 / 4470, -600 / 4470])
    assert s["revenue_per_customer"].tolist() == [9000, 0, 600, 300]
    assert s["customers_share"].sum() == pytest.approx(1.0)


def test_grade_summary_refuses_foreign_grades(tiny):
    with pytest.raises(InvalidDataError, match=r"grades other than .* rows \[1\].*'D'"):
        grade_summary(tiny.assign(grade=["A", "D", "C", "C", "C"]), "profit")


# ---------------------------------------------------------------------------------------
# the scenario
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "match"), [
    ({"monthly_fee": -5}, "monthly_fee must be 0 or more"),
    ({"migrate_c": 50}, "Did you mean 0.5"),
    ({"c_plus_upgrade": 1.5}, "between 0 and 1"),
    ({"migrate_month": 0}, "whole number ≥ 1"),
    ({"c_plus_months": 2.5}, "whole number ≥ 1"),
    ({"end_payroll": "yes"}, "True or False"),
    ({"cuts": (("teller", 0.5, 2),)}, "at most one per channel"),
    ({"cuts": (("rm", 0.5, 2), ("rm", 1.0, 3))}, "at most one per channel"),
    ({"cuts": ("rm", 0.5, 2)}, r"tuple of \(channel, share, month\)"),
    ({"cuts": (("rm", 50, 2),)}, "Did you mean 0.5"),
])
def test_scenario_refuses_bad_values(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        BankScenario(**kwargs)


def test_scenario_is_frozen_hashable_and_takes_lists_of_cuts():
    s = BankScenario(cuts=[["rm", 1, 3]])
    assert s.cuts == (("rm", 1.0, 3),)
    assert hash(s) == hash(BankScenario(cuts=(("rm", 1.0, 3),)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.monthly_fee = 10
    assert dataclasses.replace(SEED_SCENARIO, monthly_fee=0).min_balance == 10_000
    assert pickle.loads(pickle.dumps(SEED_SCENARIO)) == SEED_SCENARIO


# ---------------------------------------------------------------------------------------
# simulate: each rule on the hand-worked book
# ---------------------------------------------------------------------------------------

def test_baseline_changes_nothing(tiny):
    r = simulate(tiny, BASELINE)
    assert r.leavers == r.migrated == r.fee_payers == 0
    assert r.monthly["profit"].round(6).tolist() == [round(4470 / 12, 6)] * 7
    assert r.monthly["customers"].tolist() == [5] * 7
    assert r.profit_change == pytest.approx(0.0, abs=1e-12)
    assert r.bridge["amount"].iloc[1:-1].abs().max() == 0


def test_month_zero_is_the_book(tiny):
    m0 = simulate(tiny, HAND).monthly.iloc[0]
    assert m0["revenue"] * 12 == pytest.approx(10_500)
    assert m0["variable_cost"] * 12 == pytest.approx(1_110)
    assert m0["fixed_cost"] * 12 == pytest.approx(4_920)
    assert m0["profit"] * 12 == pytest.approx(4_470)


def test_the_hand_worked_scenario_month_by_month(graded):
    """Every rule at once, worked out in the comments (yearly amounts)."""
    r = simulate(graded, HAND, months=3)
    # month 1: b leaves (below 10,000 with one product): revenue -100, its variable cost 292;
    #   c pays 30 x 12 = 360; d's offer costs 120; upgrades 0.5 x 1/2 x (9000-600) x 0.25 = 525;
    #   b's freed RM hour: half to A at 600 -> +300.                      profit 5,727
    # month 2: c and e move to the automated channel: branch -4.5 visits (-45), calls -1.5
    #   (-9), digital +18 (+18) -> 36 saved; revenue -3% x 800 = -24; upgrades 1,050;
    #   branch capacity freed (6 + 4.5) x 40 = 420, cut in full.            profit 6,684
    # month 3: the probation is over: half of d moves (3 visits x 10 + 1 call x 6 - 12 digital
    #   sessions = 24 saved; revenue -3% x 600 x 0.5 = -9);
    #   RM hours freed 1 + 1: one to A (+600), one cut (300); branch (6+4.5+3) x 40 = 540;
    #   no offer any more.                                                 profit 7,539
    np.testing.assert_allclose(r.monthly["profit"] * 12, [4470, 5727, 6684, 7539])
    np.testing.assert_allclose(r.monthly["revenue"] * 12, [10500, 11585, 12086, 12377])
    np.testing.assert_allclose(r.monthly["variable_cost"] * 12, [1110, 938, 902, 758])
    np.testing.assert_allclose(r.monthly["fixed_cost"] * 12, [4920, 4920, 4500, 4080])
    assert r.monthly["customers"].tolist() == [5, 4, 4, 4]
    assert r.profit_change == pytest.approx(7539 / 4470 - 1)
    assert (r.leavers, r.leavers_threshold, r.leavers_payroll) == (1, 1, 0)
    assert (r.fee_payers, r.migrated, r.c_plus) == (1, 2, 1)
    assert (r.upgraded, r.c_plus_migrated) == (0.5, 0.5)
    assert r.revenue_lost == pytest.approx(133)
    assert r.revenue_gained == pytest.approx(360 + 1050 + 600)
    assert r.variable_cost_saved == pytest.approx(292 + 60)
    assert (r.fixed_cost_saved, r.offer_cost) == (pytest.approx(840), 0)
    assert r.cuts.values.tolist() == [["branch", 540.0, 1.0, 2, 540.0],
                                      ["rm", 300.0, 1.0, 3, 300.0]]
    assert r.decisions["action"].tolist() == ["keep", "leave", "migrate", "c_plus", "migrate"]
    assert r.decisions["pays_fee"].tolist() == [False, False, True, False, False]
    assert r.decisions["account_id"].tolist() == list("abcde")
    assert list(r.decisions["action"].cat.categories) == list(ACTIONS)


def test_the_bridge_adds_up(graded):
    r = simulate(graded, HAND, months=3)
    steps = r.bridge.set_index("step")["amount"]
    assert steps.index.tolist() == ["start", "revenue_lost", "fees", "upgrades", "rm_to_a",
                                    "variable_cost_saved", "offer_cost", "fixed_cost_saved", "end"]
    assert steps.iloc[:-1].sum() == pytest.approx(steps["end"])
    assert steps["revenue_lost"] * 12 == pytest.approx(-133)


def test_payroll_ends_only_for_c_and_its_processing_cost_stops_for_all(tiny):
    book = tiny.assign(payroll=[True, True, False, False, False])
    book["cost_to_serve"] = channel_costs(book)["cost_to_serve"]
    book["profit"] = book["revenue"] - book["cost_to_serve"]
    r = simulate(grade_customers(book, c_plus=0), BankScenario(end_payroll=True), months=1)
    assert (r.leavers, r.leavers_payroll, r.leavers_threshold) == (1, 1, 0)  # b, not A
    # b's variable cost 292 and a's payroll processing 80
    assert r.variable_cost_saved == pytest.approx(292 + 80)
    assert r.revenue_lost == 100


def test_no_fee_means_no_threshold_and_enough_products_means_paying(graded):
    free = simulate(graded, BankScenario(min_balance=10_000), months=1)
    assert free.leavers == free.fee_payers == 0
    loyal = simulate(graded, BankScenario(min_balance=10_000, monthly_fee=30, stay_products=1),
                     months=1)
    assert (loyal.leavers, loyal.fee_payers) == (0, 2)  # b and c pay; d (C+) is exempt


def test_migrate_c_takes_the_costliest_c_customers_first(graded):
    r = simulate(graded, BankScenario(migrate_c=0.5), months=2)
    # staying C: b (channel cost 340 + 300 + 40 = 680), c (220), e (140): k = 2 -> b and c
    assert r.decisions["action"].tolist() == ["keep", "migrate", "migrate", "c_plus", "keep"]


def test_capacity_is_saved_only_where_and_when_it_is_cut(graded):
    plain = BankScenario(migrate_c=1.0, migrate_month=1)
    no_cut = simulate(graded, plain, months=4)
    assert no_cut.fixed_cost_saved == 0
    assert (no_cut.monthly["fixed_cost"] * 12).round(6).tolist() == [4920] * 5
    late = simulate(graded, dataclasses.replace(plain, cuts=(("branch", 0.5, 3),)), months=4)
    # branch visits dropped by b, c, e: (6 + 4 + 2) x 0.75 = 9 -> 360 of capacity, half cut
    np.testing.assert_allclose(late.monthly["fixed_cost"] * 12, [4920, 4920, 4920, 4740, 4740])
    after = simulate(graded, dataclasses.replace(plain, cuts=(("branch", 0.5, 9),)), months=4)
    assert after.cuts["fixed_cost_saved"].tolist() == [0.0]


def test_simulate_uses_the_books_grades_when_it_has_them(tiny):
    mine = tiny.assign(grade=["A", "A", "A", "A", "C"])
    r = simulate(mine, BankScenario(min_balance=10_000, monthly_fee=30, end_payroll=True))
    assert r.leavers == 0  # b and c are A here
    assert simulate(tiny, SEED_SCENARIO).decisions["grade"].tolist() == [
        "A", "C", "C", "C+", "C"]  # graded with the defaults: c_plus 10% of 4 -> 1


def test_simulate_is_pure_and_deterministic(graded):
    before = graded.copy()
    first, second = simulate(graded, HAND), simulate(graded, HAND)
    pd.testing.assert_frame_equal(graded, before)
    pd.testing.assert_frame_equal(first.monthly, second.monthly)
    assert first.profit_change == second.profit_change


def test_months_count_the_horizon(graded):
    r = simulate(graded, HAND, months=1)
    assert r.monthly["month"].tolist() == [0, 1]
    assert r.upgraded == 0.25 and r.c_plus_migrated == 0
    assert r.offer_cost == 120


@pytest.mark.parametrize(("change", "error", "match"), [
    ({"cost_to_serve": [3290, 860, 350, 1240, 999]}, InvalidDataError,
     r"cost_to_serve is not what the channel cost table gives at rows \[4\].*channel_costs"),
    ({"profit": [5710, -760, -50, -640, 0]}, InvalidDataError,
     r"profit is not what .* rows \[4\].*book\['revenue'\] - book\['cost_to_serve'\]"),
    ({"payroll": ["no", "yes", "no", "no", "no"]}, InvalidDataError, "'payroll' is a true/false"),
    ({"grade": ["A", "B", "C", "C", "X"]}, InvalidDataError, "grades other than"),
])
def test_simulate_refuses_a_book_it_cannot_explain(tiny, change, error, match):
    with pytest.raises(error, match=match):
        simulate(tiny.assign(**change), HAND)


def test_simulate_refuses_bad_arguments(tiny):
    with pytest.raises(ParameterError, match="takes a BankScenario"):
        simulate(tiny, {"min_balance": 10_000})
    with pytest.raises(ParameterError, match="months must be a whole number"):
        simulate(tiny, HAND, months=0)
    with pytest.raises(MissingColumnsError, match="'avg_balance'"):
        simulate(tiny.drop(columns="avg_balance"), HAND)


def test_simulate_with_an_own_cost_table(tiny):
    costs = {**CHANNEL_COSTS, "rm": ("rm_hours", 400, 0)}
    book = tiny.assign(cost_to_serve=channel_costs(tiny, costs=costs)["cost_to_serve"])
    book["profit"] = book["revenue"] - book["cost_to_serve"]
    assert simulate(book, BASELINE, costs=costs).monthly["profit"].iloc[0] * 12 == pytest.approx(
        4470 - 100 * 13)  # 13 RM hours at 100 more each
    with pytest.raises(InvalidDataError, match="Pass costs="):
        simulate(book, BASELINE)


# ---------------------------------------------------------------------------------------
# the opportunity cost
# ---------------------------------------------------------------------------------------

def test_opportunity_cost_by_hand(graded):
    oc = opportunity_cost(graded, HAND)
    # b leaves: revenue 100, cost 860; growers b (C, leaves) and d (C+, kept)
    assert (oc.leavers, oc.revenue, oc.serving_cost, oc.loss) == (1, 100, 860, 760)
    assert (oc.growers, oc.growers_lost, oc.growers_kept, oc.catch_rate) == (2, 1, 1, 0.5)
    assert oc.grown_profit == 5710  # the mean A customer
    assert (oc.value_lost, oc.value_kept, oc.loss_per_grower_lost) == (5710, 5710, 760)
    mine = opportunity_cost(graded, HAND, grown_profit=1_000)
    assert (mine.value_lost, mine.grown_profit) == (1_000, 1_000)


def test_opportunity_cost_without_leavers_or_growers(graded):
    none = opportunity_cost(graded, BASELINE)
    assert (none.leavers, none.loss, none.growers_lost) == (0, 0, 0)
    assert none.loss_per_grower_lost == math.inf
    no_growth = opportunity_cost(graded.assign(will_grow=False), HAND)
    assert math.isnan(no_growth.catch_rate) and no_growth.value_lost == 0


def test_opportunity_cost_refuses_bad_inputs(graded):
    with pytest.raises(ParameterError, match="grown_profit must be 0 or more"):
        opportunity_cost(graded, HAND, grown_profit=-1)
    with pytest.raises(MissingColumnsError, match="'grows_later'"):
        opportunity_cost(graded, HAND, grows="grows_later")
    with pytest.raises(InvalidDataError, match="'will_grow' is a true/false flag"):
        opportunity_cost(graded.assign(will_grow=[0, 1, 2, 0, 0]), HAND)


# ---------------------------------------------------------------------------------------
# the bundled book: seed 000's figures
# ---------------------------------------------------------------------------------------

def test_seed_scenario_loses_about_50000_customers(seed_run):
    assert abs(seed_run.leavers - 50_000) <= 2_500, seed_run.leavers
    assert seed_run.leavers_threshold > 0 and seed_run.leavers_payroll > 0
    assert seed_run.monthly["customers"].iloc[-1] == seed_run.customers - seed_run.leavers


def test_seed_scenario_raises_profit_about_25_percent_in_6_months(seed_run):
    assert abs(seed_run.profit_change - 0.25) <= 0.02, seed_run.profit_change
    profit = seed_run.monthly["profit"]
    assert seed_run.monthly["month"].tolist() == list(range(7))
    assert (profit.diff().iloc[1:] >= 0).all()  # it climbs month by month
    assert profit.iloc[-1] / profit.iloc[0] - 1 == pytest.approx(seed_run.profit_change)


def test_without_capacity_cuts_the_seed_scenario_falls_well_short(bank, seed_run):
    no_cuts = simulate(bank, dataclasses.replace(SEED_SCENARIO, cuts=()))
    assert no_cuts.fixed_cost_saved == 0
    assert no_cuts.profit_change < seed_run.profit_change - 0.05


def test_baseline_on_the_bundled_book_is_flat(bank):
    r = simulate(bank, BASELINE)
    assert r.leavers == 0 and abs(r.profit_change) < 1e-12


def test_whale_curve_of_the_bundled_book(bank):
    curve = whale_curve(bank)
    s = whale_summary(bank)
    assert 1.4 <= s.peak_share <= 2.0, s.peak_share
    assert curve["cum_profit_share"].iloc[-1] == 1.0
    assert curve["cum_profit_share"].max() == pytest.approx(s.peak_share)
    assert 0.30 <= s.destroyers_share < 0.50, s.destroyers_share  # a large minority
    assert s.destroyed == pytest.approx(s.peak_profit - s.total_profit)


def test_grades_of_the_bundled_book(bank):
    s = grade_summary(grade_customers(bank), "profit").set_index("grade")
    assert s.loc["A", "profit_share"] > 1.0  # the A customers make more than all the profit
    assert s.loc["C", "profit"] < 0 < s.loc["B", "profit"]
    assert s.loc["A", "customers_share"] < 0.2 and s.loc["C", "customers_share"] > 0.5
    assert s.loc["C+", "customers"] == math.ceil(0.1 * (s.loc["C+", "customers"]
                                                      + s.loc["C", "customers"]) - 1e-9)


def test_few_leavers_would_have_grown(bank):
    oc = opportunity_cost(bank)
    assert oc.growers_lost < 0.01 * oc.leavers  # 极少数: the very few
    assert oc.loss > 10 * oc.value_lost  # serving them all costs far more
    assert 0.3 <= oc.catch_rate <= 0.7  # the C+ path keeps a good part of the growers


def test_simulating_the_bundled_book_leaves_it_unchanged(bank, seed_run):
    assert "grade" not in bank.columns
    assert len(seed_run.decisions) == len(bank)
    counts = seed_run.decisions["action"].value_counts()
    assert counts["leave"] == seed_run.leavers and counts["migrate"] == seed_run.migrated


def test_a_prepared_book_simulates_the_same():
    # prepare_book reads and checks a book once for many runs (the dashboard); same results
    import dataclasses

    import kamlab
    from kamlab.cases.bank import BASELINE, SEED_SCENARIO, prepare_book, simulate
    from kamlab.exceptions import ParameterError

    book = kamlab.load_dataset("bank_customers").iloc[:20_000]
    prepared = prepare_book(book)
    for scenario in (SEED_SCENARIO, BASELINE, dataclasses.replace(SEED_SCENARIO, migrate_c=0.3)):
        a, b = simulate(book, scenario), simulate(prepared, scenario)
        pd.testing.assert_frame_equal(a.monthly, b.monthly)
        pd.testing.assert_frame_equal(a.decisions, b.decisions)
        assert (a.leavers, a.migrated, a.profit_change) == (b.leavers, b.migrated, b.profit_change)
    assert prepare_book(prepared) is prepared
    with pytest.raises(ParameterError, match="pass costs= to prepare_book instead"):
        simulate(prepared, SEED_SCENARIO, costs={"account": (None, 1, 1)})
