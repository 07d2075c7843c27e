"""Module 6's exercises (kamlab/exercises/m6.py, the US manufacturer case): the mistaken answers
a trainee would hand in, and checks of the expected values against the data cards.

``MISTAKEN_ANSWERS`` is merged into tests/exercises/test_exercises_bank.py's table, so the
generic tests there (every registered mistake has an entry; every hint fires on exactly its
mistake; distinct hints and a generic one; answers in other forms and wrong types; course
order; the notebooks) cover module 6 like modules 1-5. The mistaken values are computed the way
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
    m6,  # noqa: F401  (registers the module-6 exercises)
)

M6_EXERCISES = ["m6-top10-2005", "m6-merger-hhi", "m6-renewal-2027"]
EXERCISES_DIR = Path(__file__).resolve().parents[2] / "exercises"


@cache
def market() -> pd.DataFrame:
    return kamlab.load_dataset("manufacturer_market")


@cache
def contracts() -> pd.DataFrame:
    return kamlab.load_dataset("manufacturer_contracts")


def year(y) -> pd.Series:
    return market().loc[market()["year"] == y, "purchases"].astype(float)


def shares(y) -> pd.Series:
    m = market()[market()["year"] == y].set_index("account_id")["purchases"].astype(float)
    return 100 * m / m.sum()  # percent


def hhi(y) -> float:
    return float((shares(y) ** 2).sum())


def rows_by_year() -> pd.DataFrame:
    """Every contract year: contract_id, year, revenue, margin (plain pandas)."""
    c = contracts()
    out = []
    for r in c.itertuples(index=False):
        for t in range(r.term_years):
            price = r.start_price * (1 - r.price_down) ** t
            cost = r.unit_cost * (1 - r.cost_down) ** t
            out.append((r.contract_id, r.start_year + t, r.start_year + r.term_years - 1,
                        price * r.volume, (price - cost) * r.volume))
    return pd.DataFrame(out, columns=["contract_id", "year", "end_year", "revenue", "margin"])


def last_years(end) -> pd.DataFrame:
    s = rows_by_year()
    return s[(s["end_year"] == end) & (s["year"] == end)]


def book_2026() -> float:
    """Contracted revenue in 2026, an account whose contract ended counted at its last year."""
    s = rows_by_year().merge(contracts()[["contract_id", "account_id"]], on="contract_id")
    upto = s[s["year"] <= 2026].sort_values("year")
    return float(upto.groupby("account_id").apply(
        lambda g: g.loc[g["year"] == g["year"].max(), "revenue"].sum()).sum())


MISTAKEN_ANSWERS = {
    # m6-top10-2005
    ("m6-top10-2005", "percent"): lambda: round(100 * year(2005).nlargest(10).sum()
                                                / year(2005).sum(), 1),
    ("m6-top10-2005", "todays-ten"): lambda: (market()[market()["year"] == 2005].head(10)
                                              ["purchases"].sum() / year(2005).sum()),
    ("m6-top10-2005", "final-year"): lambda: year(2024).nlargest(10).sum() / year(2024).sum(),
    ("m6-top10-2005", "top-4"): lambda: year(2005).nlargest(4).sum() / year(2005).sum(),
    ("m6-top10-2005", "count-share"): lambda: 10 / len(year(2005)),
    ("m6-top10-2005", "all-years"):
        lambda: market()["purchases"].nlargest(10).sum() / market()["purchases"].sum(),
    ("m6-top10-2005", "hhi"): lambda: round(hhi(2005)),
    # m6-merger-hhi
    ("m6-merger-hhi", "no-two"): lambda: shares(2009)["M03"] * shares(2009)["M11"],
    ("m6-merger-hhi", "fractions"):
        lambda: 2 * (shares(2009)["M03"] / 100) * (shares(2009)["M11"] / 100),
    ("m6-merger-hhi", "year-change"): lambda: hhi(2010) - hhi(2009),
    ("m6-merger-hhi", "after"):
        lambda: hhi(2009) + 2 * shares(2009)["M03"] * shares(2009)["M11"],
    ("m6-merger-hhi", "merged-square"): lambda: (shares(2009)["M03"] + shares(2009)["M11"]) ** 2,
    # m6-renewal-2027
    ("m6-renewal-2027", "first-year"):
        lambda: float((contracts()["volume"] * contracts()["start_price"])[
            contracts()["start_year"] + contracts()["term_years"] == 2027].sum()),
    ("m6-renewal-2027", "end-year"): lambda: last_years(2027)["revenue"].sum(),
    ("m6-renewal-2027", "share"): lambda: round(last_years(2026)["revenue"].sum() / book_2026(),
                                                3),
    ("m6-renewal-2027", "cny-m"): lambda: round(last_years(2026)["revenue"].sum() / 1e6, 1),
    ("m6-renewal-2027", "whole-term"):
        lambda: rows_by_year().loc[rows_by_year()["end_year"] == 2026, "revenue"].sum(),
    ("m6-renewal-2027", "in-force"):
        lambda: rows_by_year().loc[rows_by_year()["year"] == 2027, "revenue"].sum(),
    ("m6-renewal-2027", "margin"): lambda: last_years(2026)["margin"].sum(),
}


# ---------------------------------------------------------------------------------------
# The expected answers: the data cards' figures, computed by hand
# ---------------------------------------------------------------------------------------

def test_m6_expected_values_match_the_data_cards():
    # manufacturer_market.md: top 10 hold 60.0% in 2005; manufacturer_mergers.md: ΔHHI 118;
    # manufacturer_contracts.md: CNY 927m up for renewal in 2027
    assert round(expected_answer("m6-top10-2005"), 3) == 0.600
    assert expected_answer("m6-top10-2005") == pytest.approx(
        year(2005).nlargest(10).sum() / year(2005).sum())
    assert round(expected_answer("m6-merger-hhi")) == 118
    assert expected_answer("m6-merger-hhi") == pytest.approx(
        2 * shares(2009)["M03"] * shares(2009)["M11"])
    assert round(expected_answer("m6-renewal-2027") / 1e6, 1) == 927.2
    assert expected_answer("m6-renewal-2027") == pytest.approx(last_years(2026)["revenue"].sum())
    cards = "".join((EXERCISES_DIR.parent / "datasets" / f"manufacturer_{n}.md").read_text(
        encoding="utf-8") for n in ("market", "mergers", "contracts"))
    assert "| 60.0% |" in cards and "| **118** |" in cards and "| 927 |" in cards


def test_m6_success_messages_quote_the_data():
    assert "about 60%" in get_exercise("m6-top10-2005").success
    assert "about 118 points" in get_exercise("m6-merger-hhi").success
    assert "(10.3%)" in get_exercise("m6-merger-hhi").success
    assert round(shares(2009)["M03"], 1) == 10.3 and round(shares(2009)["M11"], 1) == 5.8
    assert "about CNY 927m, half the contract book" in get_exercise("m6-renewal-2027").success
    assert 0.45 < MISTAKEN_ANSWERS[("m6-renewal-2027", "share")]() < 0.55


# ---------------------------------------------------------------------------------------
# Hints (the generic hint tests run on the merged table in test_exercises_bank.py)
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", M6_EXERCISES)
def test_m6_mistakes_are_all_different_values(exercise_id):
    assert_mistakes_differ(MISTAKEN_ANSWERS, exercise_id)


def test_m6_rounded_answers_pass():
    assert check("m6-top10-2005", 0.6).passed
    assert check("m6-merger-hhi", 118).passed and not check("m6-merger-hhi", 119).passed
    assert check("m6-renewal-2027", 927_200_000).passed


def test_m6_dropped_mistakes_give_a_hinted_answer():
    """The first ten rows of 2005 (ids M01–M10) are today's top ten: one hint for both."""
    m = market()
    assert m.loc[m["year"] == 2005, "account_id"].head(10).tolist() == [
        f"M{i:02d}" for i in range(1, 11)]
    # the merger with shares in percent, 2·s_a·s_t, is the right answer (no hint needed)
    assert check("m6-merger-hhi", 2 * shares(2009)["M03"] * shares(2009)["M11"]).passed
