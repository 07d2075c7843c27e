"""Module 7's exercises (kamlab/exercises/m7.py, account planning): the mistaken answers a
trainee would hand in, and checks of the expected values against the data cards.

``MISTAKEN_ANSWERS`` is merged into tests/exercises/test_exercises_bank.py's table, so the
generic tests there (every registered mistake has an entry; every hint fires on exactly its
mistake; distinct hints and a generic one; answers in other forms and wrong types; course
order; the notebooks) cover module 7 like modules 1-6. The mistaken values are computed the way
a trainee would — plain pandas on the bundled tables — independently of the detectors.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from _mistakes import assert_mistakes_differ

import kamlab
from kamlab.exercises import (
    check,
    expected_answer,
    get_exercise,
    m7,  # registers the module-7 exercises
)

M7_EXERCISES = ["m7-growth", "m7-wallet-share", "m7-fading", "m7-overdue", "m7-exec-hours",
                "m7-checklist"]
DATASETS = Path(__file__).resolve().parents[2] / "datasets"


@cache
def tx() -> pd.DataFrame:
    return kamlab.load_dataset("account_transactions")


@cache
def credit() -> pd.DataFrame:
    return kamlab.load_dataset("account_credit")


@cache
def profiles() -> pd.DataFrame:
    return kamlab.load_dataset("account_profiles")


@cache
def book() -> pd.DataFrame:
    return kamlab.load_dataset("customers")


def months(account, column="revenue") -> pd.Series:
    rows = tx()[tx()["account_id"] == account].sort_values("month")
    return rows.set_index("month")[column]


def last12(account, column="revenue"):
    return months(account, column).loc["2025-07":"2026-06"].sum()


def prior12(account, column="revenue"):
    return months(account, column).loc["2024-07":"2025-06"].sum()


def wallet(account):
    return book().set_index("account_id").loc[account, "wallet"]


def pivot(table, column) -> pd.DataFrame:
    return table.pivot(index="account_id", columns="month", values=column)


def change(a, b):
    return a / b - 1


def year_change() -> pd.Series:
    r = pivot(tx(), "revenue")
    return r.loc[:, "2025-07":"2026-06"].sum(axis=1) / r.loc[:, "2024-07":"2025-06"].sum(axis=1) - 1


def half_year_ratio() -> pd.Series:
    r = pivot(tx(), "revenue")
    return r.loc[:, "2026-01":"2026-06"].sum(axis=1) / r.loc[:, "2025-07":"2025-12"].sum(axis=1)


def late_months() -> pd.Series:
    return (pivot(credit(), "days_overdue").loc[:, "2025-07":"2026-06"] > 60).sum(axis=1)


def margin_rate() -> pd.Series:
    return book().set_index("account_id")["gross_margin"] / book().set_index("account_id")["revenue"]


def any_flag_count() -> int:
    """Accounts meeting any of seed 004's criteria, by hand: margin < 5% or negative profit,
    persistently overdue, fading, not active, legally restricted."""
    p = profiles().set_index("account_id")
    b = book().set_index("account_id").loc[p.index]
    uneconomic = (b["gross_margin"] / b["revenue"] < 0.05) | (b["profit"] < 0)
    flags = (uneconomic | (late_months() >= 6).reindex(p.index) | (half_year_ratio() < 0.4)
             .reindex(p.index) | (p["status"] != "active") | p["legal_restriction"].astype(bool))
    return int(flags.sum())


GROWTH, WALLET = "C1701", "C1096"
TEAM = m7.TEAM_ANSWERS
POINTS = {"yes": 2, "partly": 1, "no": 0}

MISTAKEN_ANSWERS = {
    # m7-growth
    ("m7-growth", "percent"): lambda: round(100 * change(last12(GROWTH), prior12(GROWTH)), 1),
    ("m7-growth", "sign"): lambda: abs(change(last12(GROWTH), prior12(GROWTH))),
    ("m7-growth", "reversed"): lambda: change(prior12(GROWTH), last12(GROWTH)),
    ("m7-growth", "ratio"): lambda: last12(GROWTH) / prior12(GROWTH),
    ("m7-growth", "first-year"):
        lambda: change(last12(GROWTH), months(GROWTH).loc["2023-07":"2024-06"].sum()),
    ("m7-growth", "calendar-year"): lambda: change(months(GROWTH).loc["2025-01":"2025-12"].sum(),
                                                   months(GROWTH).loc["2024-01":"2024-12"].sum()),
    ("m7-growth", "one-month"): lambda: change(months(GROWTH)["2026-06"],
                                               months(GROWTH)["2025-06"]),
    ("m7-growth", "margin"): lambda: change(last12(GROWTH, "gross_margin"),
                                            prior12(GROWTH, "gross_margin")),
    # m7-wallet-share
    ("m7-wallet-share", "percent"): lambda: round(100 * last12(WALLET) / wallet(WALLET), 1),
    ("m7-wallet-share", "inverted"): lambda: wallet(WALLET) / last12(WALLET),
    ("m7-wallet-share", "headroom"): lambda: (wallet(WALLET) - last12(WALLET)) / wallet(WALLET),
    ("m7-wallet-share", "turnover"): lambda: last12(WALLET) / profiles().set_index(
        "account_id").loc[WALLET, "company_turnover"],
    ("m7-wallet-share", "all-months"): lambda: months(WALLET).sum() / wallet(WALLET),
    ("m7-wallet-share", "prior-year"): lambda: prior12(WALLET) / wallet(WALLET),
    ("m7-wallet-share", "margin"): lambda: last12(WALLET, "gross_margin") / wallet(WALLET),
    # m7-fading
    ("m7-fading", "declining"): lambda: int(((year_change() < -0.04)
                                             & (half_year_ratio() >= 0.4)).sum()),
    ("m7-fading", "shrinking"): lambda: int((year_change() < -0.04).sum()),
    ("m7-fading", "down-10"): lambda: int((year_change() < -0.10).sum()),
    ("m7-fading", "year-window"): lambda: int((year_change() + 1 < 0.4).sum()),
    ("m7-fading", "stopped"): lambda: int((pivot(tx(), "revenue")["2026-06"] == 0).sum()),
    ("m7-fading", "any-flag"): any_flag_count,
    # m7-overdue
    ("m7-overdue", "any-overdue-now"): lambda: int((credit().query("month == '2026-06'")
                                                     ["overdue"] > 0).sum()),
    ("m7-overdue", "now-60"): lambda: int((credit().query("month == '2026-06'")["days_overdue"]
                                           > 60).sum()),
    ("m7-overdue", "over-limit"): lambda: int(credit().query("month == '2026-06'").eval(
        "receivables > credit_limit").sum()),
    ("m7-overdue", "over-limit-6"): lambda: int((credit().query("month >= '2025-07'").eval(
        "over = receivables > credit_limit").groupby("account_id")["over"].sum() >= 6).sum()),
    ("m7-overdue", "all-twelve"): lambda: int((late_months() == 12).sum()),
    ("m7-overdue", "any-flag"): any_flag_count,
    # m7-exec-hours
    ("m7-exec-hours", "no-third"): lambda: 1_600 / 250,
    ("m7-exec-hours", "a-only"): lambda: 1_600 / 3 / (profiles()["account_tier"] == "A").sum(),
    ("m7-exec-hours", "b-only"): lambda: 1_600 / 3 / (profiles()["account_tier"] == "B").sum(),
    ("m7-exec-hours", "whole-third"): lambda: 1_600 / 3,
    ("m7-exec-hours", "minutes"): lambda: 1_600 / 3 / 250 * 60,
    ("m7-exec-hours", "share"): lambda: round(1 / 3 / 250, 6),
    # m7-checklist
    ("m7-checklist", "percent"): lambda: 100 * sum(POINTS[v] for v in TEAM.values()) / 20,
    ("m7-checklist", "points"): lambda: sum(POINTS[v] for v in TEAM.values()),
    ("m7-checklist", "yes-only"): lambda: sum(v == "yes" for v in TEAM.values()) / 10,
    ("m7-checklist", "partly-as-yes"): lambda: 2 * sum(v != "no" for v in TEAM.values()) / 20,
    ("m7-checklist", "answered-only"): lambda: sum(POINTS[v] for v in TEAM.values()) / 18,
    ("m7-checklist", "one-per-item"): lambda: sum(POINTS[v] for v in TEAM.values()) / 10,
}


# ---------------------------------------------------------------------------------------
# The expected answers: by hand, and the data cards' figures
# ---------------------------------------------------------------------------------------

def test_m7_expected_values_by_hand():
    assert expected_answer("m7-growth") == pytest.approx(change(last12(GROWTH), prior12(GROWTH)),
                                                         abs=1e-6)
    assert round(expected_answer("m7-growth"), 3) == -0.149
    assert expected_answer("m7-wallet-share") == pytest.approx(last12(WALLET) / wallet(WALLET),
                                                               abs=1e-6)
    assert expected_answer("m7-fading") == int((half_year_ratio() < 0.4).sum()) == 10
    assert expected_answer("m7-overdue") == int((late_months() >= 6).sum()) == 12
    assert expected_answer("m7-exec-hours") == pytest.approx(1_600 / 3 / len(profiles()))
    assert expected_answer("m7-checklist") == 0.55  # yes 4, partly 3, no 2, one unanswered


def test_m7_expected_values_match_the_data_cards():
    cards = "".join((DATASETS / f"account_{n}.md").read_text(encoding="utf-8")
                    for n in ("profiles", "transactions", "credit"))
    assert "| fading accounts (last 6 months below 40% of the 6 before) | **10**" in cards
    assert "6 of the last 12 months) | **12** accounts" in cards
    assert "**40** accounts with something overdue" in cards
    assert "| over the limit in June 2026 | **10** accounts; **8**" in cards
    assert "tier A **90**, tier B **160**" in cards
    assert "**63** fall by more than 4% (**47** by more than 10%)" in cards


def test_m7_success_messages_quote_the_data():
    p = profiles().set_index("account_id")
    assert "fell by about 15%" in get_exercise("m7-growth").success
    assert "fell about 4%" in get_exercise("m7-growth").success
    assert round(p.loc[GROWTH, "company_growth"], 2) == -0.04
    assert "about a third" in get_exercise("m7-wallet-share").success
    assert 0.30 < expected_answer("m7-wallet-share") < 0.34
    assert "Four of the ten" in get_exercise("m7-fading").success
    fading = half_year_ratio()[half_year_ratio() < 0.4].index
    assert int(((p.loc[fading, "status"] != "active") | p.loc[fading, "legal_restriction"]).sum()) == 4
    assert "two are A" in get_exercise("m7-overdue").success
    late = late_months()[late_months() >= 6].index
    assert int(((p.loc[late, "account_tier"] == "A") & (year_change()[late] > 0.2)).sum()) == 2
    assert "bankrupt" in get_exercise("m7-overdue").success
    assert (p.loc[late, "status"] == "bankruptcy").sum() == 1
    assert "about two hours" in get_exercise("m7-exec-hours").success
    assert "just over half" in get_exercise("m7-checklist").success


# ---------------------------------------------------------------------------------------
# Hints (the generic hint tests run on the merged table in test_exercises_bank.py)
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", M7_EXERCISES)
def test_m7_mistakes_are_all_different_values(exercise_id):
    assert_mistakes_differ(MISTAKEN_ANSWERS, exercise_id)


def test_m7_exercises_name_four_to_eight_slips():
    assert all(4 <= len(get_exercise(e).mistakes) <= 8 for e in M7_EXERCISES)


def test_m7_rounded_answers_pass():
    assert check("m7-growth", -0.149).passed and check("m7-growth", -0.1491).passed
    assert check("m7-growth", -0.15).passed  # "as a fraction": two decimals (−15%)
    assert not check("m7-growth", -0.1).passed and not check("m7-growth", -0.16).passed
    assert check("m7-wallet-share", 0.33).passed
    assert check("m7-exec-hours", 2.13).passed and not check("m7-exec-hours", 2.1).passed
    assert check("m7-fading", 10.0).passed and not check("m7-fading", 11).passed
    assert check("m7-checklist", 0.55).passed


def test_m7_checklist_answer_is_the_library_score():
    from kamlab.card import score_checklist

    score = score_checklist(TEAM, "practices")
    assert (score.score, score.maximum) == (11.0, 20.0)
    assert "annual_forum" in score.gaps
