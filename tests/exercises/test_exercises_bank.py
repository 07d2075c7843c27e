"""Exercise checks: every answer gets feedback, every hint fires on exactly its mistake.

The mistaken answers below are computed the way a trainee would, with plain pandas on the
bundled data — independently of the detectors in kamlab/exercises/m*.py — so a hint test
fails if a detector drifts from the mistake it claims to spot.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_exercises_m3_levers import MISTAKEN_ANSWERS as M3_LEVER_MISTAKEN_ANSWERS
from test_exercises_m3_levers import _lever_ranking
from test_exercises_m5 import M5_EXERCISES
from test_exercises_m5 import MISTAKEN_ANSWERS as M5_MISTAKEN_ANSWERS
from test_exercises_m6 import M6_EXERCISES
from test_exercises_m6 import MISTAKEN_ANSWERS as M6_MISTAKEN_ANSWERS
from test_exercises_m6_coverage import M6C_EXERCISES as M6_COVERAGE_EXERCISES
from test_exercises_m6_coverage import MISTAKEN_ANSWERS as M6_COVERAGE_MISTAKEN_ANSWERS
from test_exercises_m6_mini import M6_MINI_EXERCISES
from test_exercises_m6_mini import MISTAKEN_ANSWERS as M6_MINI_MISTAKEN_ANSWERS
from test_exercises_m7 import M7_EXERCISES
from test_exercises_m7 import MISTAKEN_ANSWERS as M7_MISTAKEN_ANSWERS

import kamlab
from kamlab.checks import CheckResult
from kamlab.exercises import check, exercise_ids, expected_answer, get_exercise

ROOT = Path(__file__).resolve().parents[2]
EXERCISES_DIR = ROOT / "exercises"

COURSE_EXERCISES = [
    "m1-top20", "m1-top11-profit", "m1-telecom-ratio", "m2-abc-profit-count",
    "m2-abc-moved", "m2-grid-a1", "m2-reweight-left", "m2-time-tail",
    "m3-best-lever", "m3-screen-dropped", "m3-owner-weighted", "m3-leakiest-stage",
    "m3-coverage",
    "m4-walk-away", "m4-round-loss", "m4-clearing-after-plant", "m4-evc", "m4-cheapest-tco",
    *M5_EXERCISES,
    *M6_EXERCISES,
    *M6_COVERAGE_EXERCISES,
    *M6_MINI_EXERCISES,
    *M7_EXERCISES,
]
ID_EXERCISES = ["m2-abc-moved", "m2-reweight-left"]
TEXT_EXERCISES = ["m3-leakiest-stage", "m4-cheapest-tco"]
# one name per account: {account_id: lever} (tests/exercises/test_exercises_m3_levers.py)
MAPPING_EXERCISES = ["m3-best-lever"]
NUMBER_EXERCISES = [e for e in COURSE_EXERCISES
                    if e not in ID_EXERCISES + TEXT_EXERCISES + MAPPING_EXERCISES]


def book() -> pd.DataFrame:
    return kamlab.load_dataset("customers")


# ---------------------------------------------------------------------------------------
# The bank
# ---------------------------------------------------------------------------------------

def test_every_course_exercise_is_registered():
    assert set(COURSE_EXERCISES) <= set(exercise_ids())


def test_ids_are_in_course_order():
    assert [i for i in exercise_ids() if i in COURSE_EXERCISES] == COURSE_EXERCISES


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_expected_answer_passes_its_own_check(exercise_id):
    result = check(exercise_id, expected_answer(exercise_id))
    assert result.status == "correct", str(result)
    assert result.passed and bool(result)
    assert result.message and not result.hint


def test_id_exercises_are_the_ones_with_a_set_answer():
    ids = {e for e in exercise_ids() if isinstance(expected_answer(e), frozenset)}
    assert ids == set(ID_EXERCISES)
    assert all(expected_answer(e) for e in ID_EXERCISES), "an empty answer teaches nothing"


@pytest.mark.parametrize("exercise_id", ID_EXERCISES)
@pytest.mark.parametrize("form", ["list", "reversed", "tuple", "set", "series", "index",
                                  "dataframe", "dataframe-other-name", "with-repeats"])
def test_id_answers_are_accepted_in_any_container(exercise_id, form):
    ids = sorted(expected_answer(exercise_id))
    answer = {
        "list": ids,
        "reversed": ids[::-1],
        "tuple": tuple(ids),
        "set": set(ids),
        "series": pd.Series(ids, name="account_id"),
        "index": pd.Index(ids),
        "dataframe": pd.DataFrame({"account_id": ids}),
        "dataframe-other-name": pd.DataFrame({"客户编号": ids}),
        "with-repeats": ids + ids[:1],
    }[form]
    assert check(exercise_id, answer).status == "correct"


def test_id_answer_as_rows_of_the_book_is_accepted():
    ids = expected_answer("m2-abc-moved")
    rows = book()[book()["account_id"].isin(ids)]
    assert check("m2-abc-moved", rows).passed
    assert check("m2-abc-moved", rows.set_index("account_id")).passed


@pytest.mark.parametrize("exercise_id", NUMBER_EXERCISES)
def test_number_answers_accept_numpy_and_one_element_containers(exercise_id):
    value = expected_answer(exercise_id)
    for answer in (np.float64(value), np.array([value]), pd.Series([value]), [value]):
        assert check(exercise_id, answer).passed


def test_count_answers_accept_numpy_and_float_whole_numbers():
    count = expected_answer("m2-grid-a1")
    assert check("m2-grid-a1", np.int64(count)).passed
    assert check("m2-grid-a1", float(count)).passed


def test_share_answers_tolerate_rounding_to_three_decimals():
    value = expected_answer("m1-top11-profit")
    assert check("m1-top11-profit", round(value, 3)).passed
    assert not check("m1-top11-profit", round(value, 3) + 0.002).passed


def test_ratio_answer_tolerates_rounding_to_a_whole_number():
    value = expected_answer("m1-telecom-ratio")
    assert check("m1-telecom-ratio", round(value)).passed


def test_expected_values_match_the_seeds():
    assert expected_answer("m1-top20") == pytest.approx(0.8, abs=0.05)
    assert expected_answer("m1-top11-profit") == pytest.approx(0.75, abs=0.05)
    assert expected_answer("m1-telecom-ratio") == pytest.approx(1076, abs=1)
    assert expected_answer("m2-time-tail") > 0.5  # effort goes to the tail (seed 000)


# ---------------------------------------------------------------------------------------
# Feedback, never a traceback
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", exercise_ids())
@pytest.mark.parametrize("answer", [..., None], ids=["ellipsis", "none"])
def test_missing_answer_is_unanswered(exercise_id, answer):
    result = check(exercise_id, answer)
    assert result.status == "unanswered"
    assert "not answered yet" in result.message
    assert not result.passed


def test_unknown_id_lists_the_known_ids():
    result = check("m9-nothing", 0.5)
    assert result.status == "unknown"
    assert all(i in result.message for i in exercise_ids())
    assert "m9-nothing" in str(result)


WRONG_TYPES = {
    "text": "0.8",
    "word": "abc",
    "dict": {"answer": 0.8},
    "table": None,  # the whole customer book, filled in below
    "nan": float("nan"),
    "two-numbers": [0.5, 0.6],
    "two-whole-numbers": [1, 2],
    "bool": True,
    "object": object(),
}


@pytest.mark.parametrize("exercise_id", exercise_ids())
@pytest.mark.parametrize("kind", list(WRONG_TYPES))
def test_wrong_type_is_feedback_not_an_exception(exercise_id, kind):
    answer = book() if kind == "table" else WRONG_TYPES[kind]
    result = check(exercise_id, answer)
    assert isinstance(result, CheckResult)
    assert result.status == "incorrect"
    assert result.message
    assert str(result).startswith("✗")


@pytest.mark.parametrize("exercise_id", NUMBER_EXERCISES)
@pytest.mark.parametrize("answer", ["0.8", {"answer": 0.8}, float("nan"), [0.5, 0.6]],
                         ids=["text", "dict", "nan", "two-numbers"])
def test_number_exercise_says_why_it_cannot_check(exercise_id, answer):
    assert "cannot be checked" in check(exercise_id, answer).message
    assert "cannot be checked" in check(exercise_id, book()).message


@pytest.mark.parametrize("exercise_id", NUMBER_EXERCISES)
def test_text_number_says_remove_the_quotes(exercise_id):
    for text in ("0.79", "0.6"):
        result = check(exercise_id, text)
        assert result.status == "incorrect" and "remove the quotes" in result.message


@pytest.mark.parametrize("exercise_id", ID_EXERCISES)
def test_id_exercise_explains_a_filter_mask(exercise_id):
    mask = book()["revenue"] > 0
    result = check(exercise_id, mask)
    assert result.status == "incorrect"
    assert "True/False" in result.message


@pytest.mark.parametrize("exercise_id", ID_EXERCISES)
def test_id_exercise_refuses_a_table_without_ids(exercise_id):
    result = check(exercise_id, book()[["revenue", "profit"]])
    assert result.status == "incorrect"
    assert "several columns" in result.message


def test_result_renders_green_and_red_in_jupyter_and_as_text():
    right = check("m1-top20", expected_answer("m1-top20"))
    wrong = check("m1-top20", 100 * expected_answer("m1-top20"))
    assert "#1e7e34" in right._repr_html_() and "✓" in right._repr_html_()
    assert "#b3261e" in wrong._repr_html_() and "✗" in wrong._repr_html_()
    assert "Hint" in wrong._repr_html_()
    assert str(right).startswith("✓ m1-top20:")
    assert str(wrong).startswith("✗ m1-top20: not quite.")
    assert f"Hint: {wrong.hint}" in str(wrong)
    assert "<" not in str(wrong)


def test_get_exercise_unknown_is_a_key_error_naming_the_ids():
    with pytest.raises(KeyError, match="m1-top20"):
        get_exercise("nope")


# ---------------------------------------------------------------------------------------
# Every hint fires on exactly its mistake
# ---------------------------------------------------------------------------------------

def _top_rows(df, column, frac, *, ascending=False):
    n = int(round(len(df) * frac))
    return df.sort_values(column, ascending=ascending).head(n)


def _share_of_top(column, frac, *, ascending=False):
    df = book()
    return _top_rows(df, column, frac, ascending=ascending)[column].sum() / df[column].sum()


def _segment_table():
    seg = kamlab.load_dataset("telecom_segments")
    large = seg[seg["segment"].str.contains("Large")].iloc[0]
    residential = seg[seg["segment"] == "Residential"].iloc[0]
    return large, residential


def _abc_a_ids(column, cutoff=0.8):
    """Class A by hand: largest first, up to and including the account that reaches the cut-off."""
    df = book().sort_values(column, ascending=False)
    cum = df[column].cumsum() / df[column].sum()
    n = int((cum < cutoff).sum()) + 1
    return set(df["account_id"].head(n))


def _abc_a_ids_short(column, cutoff=0.8):
    """Class A the plain-pandas way, (cum <= cut-off): one account short of abc_classify."""
    df = book().sort_values(column, ascending=False)
    cum = df[column].cumsum() / df[column].sum()
    return set(df.loc[cum <= cutoff, "account_id"])


def _a1_mask(df, *, share_cut=0.10, potential="wallet"):
    return (df["share_of_wallet"] < share_cut) & (df[potential] > 1_000_000)


def _top10(weights):
    df = book()
    score = sum(df[c] * w for c, w in weights.items()) / sum(weights.values())
    return list(df.assign(score=score).nlargest(10, "score")["account_id"])


def _default_weights():
    return {"differentiation": 0.08, "value_for_price": 0.08, "preference": 0.08,
            "access": 0.08, "buying_rules": 0.08, "volume_potential": 0.15,
            "margin_potential": 0.15, "relationship": 0.15, "growth_potential": 0.10,
            "bargaining_position": 0.05}


def _old_new_top10():
    weights = _default_weights()
    old = _top10(weights)
    weights["relationship"] = 0.30
    return old, _top10(weights)


def _portfolio_tiers():
    """Seed 000's tiers by revenue rank: top 4% = 'top', next 16% = 'next', rest = 'other'."""
    df = book().sort_values("revenue", ascending=False).reset_index(drop=True)
    n = len(df)
    df["tier"] = np.where(df.index < round(0.04 * n), "top",
                          np.where(df.index < round(0.20 * n), "next", "other"))
    return df


def _tail_share(column):
    df = _portfolio_tiers()
    return df.loc[df["tier"] == "other", column].sum() / df[column].sum()


def _value_abc_tail_hours():
    df = book().sort_values("revenue", ascending=False).reset_index(drop=True)
    cum = df["revenue"].cumsum() / df["revenue"].sum()
    first_c = int((cum < 0.95).sum()) + 1  # accounts up to the one reaching 95% are A or B
    return df["sales_hours"].iloc[first_c:].sum() / df["sales_hours"].sum()


OPEN_STAGES = ["Identified", "Contacted", "Qualified", "Developed", "Committed"]
STAGE_PROBABILITY = dict(zip(OPEN_STAGES, [0.10, 0.20, 0.40, 0.60, 0.90]))


def opps() -> pd.DataFrame:
    return kamlab.load_dataset("opportunities")


def _open(df):
    return df["stage"].isin(OPEN_STAGES)


def _knockouts(df):
    """Seed 000's four knock-out rules, one column each (a row can break several)."""
    return pd.DataFrame({"decision": df["decision_made"], "win": df["win_probability"] < 0.1,
                         "customer": df["customer_priority"] < 2,
                         "info": df["info_completeness"] < 0.3})


def _open_weighted():
    df = opps()[_open(opps())].copy()
    df["weighted"] = df["value"] * df["stage"].map(STAGE_PROBABILITY)
    return df


def _top_owner_deals():
    df = _open_weighted()
    return df[df["owner"] == df.groupby("owner")["weighted"].sum().idxmax()]


def _reached_counts():
    """Opportunities that reached each stage (or a later one), Lost rows aside."""
    order = OPEN_STAGES + ["Won"]
    h = kamlab.load_dataset("opportunity_stages")
    h = h[h["stage"].isin(order)]
    reached = h["stage"].map(order.index).groupby(h["opportunity_id"]).max()
    return pd.Series([(reached >= k).sum() for k in range(len(order))], index=order)


# Module 4, by hand: the contract case's NPV in closed form, the cost curve as a cumulative
# sum, the EVC and TCO as sums of the table's amounts.

def _terms() -> dict:
    return kamlab.load_dataset("contract_terms").set_index("term")["value"].to_dict()


def _walk_away(*, investment=None, price_down=None, first_year_at=1):
    """Year-1 price with NPV = 0; year t is discounted by (1 + rate)^(t − 1 + first_year_at)."""
    t = _terms()
    vol = kamlab.load_dataset("contract_case")["volume"].to_numpy(dtype=float)
    k = np.arange(len(vol))
    disc = (1 + t["rate"]) ** -(k + first_year_at)
    pd_ = t["price_down"] if price_down is None else price_down
    inv = t["investment"] if investment is None else investment
    a = (vol * (1 - pd_) ** k * disc).sum()
    b = (vol * (1 - t["cost_down"]) ** k * disc).sum()
    return (t["unit_cost"] * b + inv) / a


def _contract_npv(start_price):
    t = _terms()
    vol = kamlab.load_dataset("contract_case")["volume"].to_numpy(dtype=float)
    k = np.arange(len(vol))
    margin = start_price * (1 - t["price_down"]) ** k - t["unit_cost"] * (1 - t["cost_down"]) ** k
    return (margin * vol / (1 + t["rate"]) ** (k + 1)).sum() - t["investment"]


def rounds() -> pd.DataFrame:
    return kamlab.load_dataset("negotiation_rounds").set_index("label")


def plants() -> pd.DataFrame:
    return kamlab.load_dataset("industry_plants")


def _demand(year=2026):
    return kamlab.load_dataset("industry_demand").set_index("year").loc[year, "demand"]


def _curve_price(df, demand, cost="cash_cost"):
    df = df.sort_values(cost, kind="stable")
    return df.loc[df["capacity"].cumsum() >= demand, cost].iloc[0]


def _evc_parts():
    return kamlab.load_dataset("evc_case").groupby("kind")["amount"].sum()


def _tco_by_hand(*, discounted=True):
    o = kamlab.load_dataset("tco_offers").set_index("offer")
    if discounted:
        af = (1 - 1.08 ** -o["life_years"]) / 0.08
        return o["price"] + o["acquisition"] + o["operating"] * af + o["end_of_life"] * 1.08 ** -o["life_years"]
    return o["price"] + o["acquisition"] + o["operating"] * o["life_years"] + o["end_of_life"]


MISTAKEN_ANSWERS = {
    # m1-top20
    ("m1-top20", "percent"): lambda: 100 * _share_of_top("revenue", 0.20),
    ("m1-top20", "share-of-accounts"): lambda: 600 / 3000,
    ("m1-top20", "bottom"): lambda: _share_of_top("revenue", 0.20, ascending=True),
    ("m1-top20", "top-20-accounts"):
        lambda: book()["revenue"].sort_values().tail(20).sum() / book()["revenue"].sum(),
    ("m1-top20", "profit"): lambda: _share_of_top("profit", 0.20),
    # m1-top11-profit
    ("m1-top11-profit", "percent"): lambda: round(100 * _share_of_top("profit", 0.11), 1),
    ("m1-top11-profit", "ranked-by-revenue"):
        lambda: _top_rows(book(), "revenue", 0.11)["profit"].sum() / book()["profit"].sum(),
    ("m1-top11-profit", "positive-profits-only"):
        lambda: (_top_rows(book(), "profit", 0.11)["profit"].sum()
                 / book().query("profit > 0")["profit"].sum()),
    ("m1-top11-profit", "top-11-accounts"):
        lambda: book().nlargest(11, "profit")["profit"].sum() / book()["profit"].sum(),
    # m1-telecom-ratio
    ("m1-telecom-ratio", "ebit"): lambda: (
        (lambda la, re: (la.ebit_share / la.customers_share)
         / (re.ebit_share / re.customers_share))(*_segment_table())),
    ("m1-telecom-ratio", "inverted"): lambda: (
        (lambda la, re: (re.revenue_share / re.customers_share)
         / (la.revenue_share / la.customers_share))(*_segment_table())),
    ("m1-telecom-ratio", "shares-only"): lambda: (
        (lambda la, re: la.revenue_share / re.revenue_share)(*_segment_table())),
    # m2-abc-profit-count
    ("m2-abc-profit-count", "by-revenue"): lambda: len(_abc_a_ids("revenue")),
    ("m2-abc-profit-count", "by-count"): lambda: int(0.2 * len(book())),
    ("m2-abc-profit-count", "cutoff-095"): lambda: len(_abc_a_ids("profit", 0.95)),
    ("m2-abc-profit-count", "share-of-accounts"):
        lambda: len(_abc_a_ids("profit")) / len(book()),
    ("m2-abc-profit-count", "boundary"): lambda: len(_abc_a_ids_short("profit")),
    # m2-abc-moved
    ("m2-abc-moved", "reverse"): lambda: sorted(_abc_a_ids("profit") - _abc_a_ids("revenue")),
    ("m2-abc-moved", "symmetric-difference"):
        lambda: sorted(_abc_a_ids("profit") ^ _abc_a_ids("revenue")),
    ("m2-abc-moved", "all-a-by-profit"): lambda: pd.Series(sorted(_abc_a_ids("profit"))),
    ("m2-abc-moved", "boundary"):
        lambda: sorted(_abc_a_ids_short("revenue") - _abc_a_ids_short("profit")),
    # m2-grid-a1
    ("m2-grid-a1", "percent-cutoffs"): lambda: int(_a1_mask(book(), share_cut=10).sum()),
    ("m2-grid-a1", "revenue-as-potential"):
        lambda: int(_a1_mask(book(), potential="revenue").sum()),
    ("m2-grid-a1", "d1"): lambda: int((book()["share_of_wallet"].between(0.10, 0.30)
                                       & (book()["wallet"] > 1_000_000)).sum()),
    # m2-reweight-left
    ("m2-reweight-left", "entered"):
        lambda: (lambda old, new: [a for a in new if a not in old])(*_old_new_top10()),
    ("m2-reweight-left", "new-top10"): lambda: _old_new_top10()[1],
    ("m2-reweight-left", "old-top10"): lambda: _old_new_top10()[0],
    # m2-time-tail
    ("m2-time-tail", "percent"): lambda: 100 * _tail_share("sales_hours"),
    ("m2-time-tail", "revenue-share"): lambda: _tail_share("revenue"),
    ("m2-time-tail", "profit-share"): lambda: _tail_share("profit"),
    ("m2-time-tail", "value-abc"): _value_abc_tail_hours,
    **M3_LEVER_MISTAKEN_ANSWERS,
    # m3-screen-dropped
    ("m3-screen-dropped", "closed-included"):
        lambda: int((~_open(opps()) | _knockouts(opps()).any(axis=1)).sum()),
    ("m3-screen-dropped", "decision-only"):
        lambda: int((_open(opps()) & opps()["decision_made"]).sum()),
    ("m3-screen-dropped", "rules-summed"):
        lambda: int(_knockouts(opps()).loc[_open(opps())].sum().sum()),
    # m3-owner-weighted
    ("m3-owner-weighted", "unweighted"): lambda: _top_owner_deals()["value"].sum(),
    ("m3-owner-weighted", "own-estimates"):
        lambda: (_top_owner_deals()["value"] * _top_owner_deals()["win_probability"]).sum(),
    ("m3-owner-weighted", "whole-team"): lambda: _open_weighted()["weighted"].sum(),
    # m3-leakiest-stage
    ("m3-leakiest-stage", "fewest-converted"):
        lambda: _reached_counts().iloc[:-1].idxmin().upper(),  # moved on from each stage
    ("m3-leakiest-stage", "to-stage"): lambda: "developed",
    # m3-coverage
    ("m3-coverage", "percent"): lambda: round(100 * _open_weighted()["weighted"].sum() / 40e6, 1),
    ("m3-coverage", "unweighted"): lambda: _open_weighted()["value"].sum() / 40e6,
    ("m3-coverage", "inverted"): lambda: 40e6 / _open_weighted()["weighted"].sum(),
    # m4-walk-away
    ("m4-walk-away", "no-investment"): lambda: _walk_away(investment=0),
    ("m4-walk-away", "year1-at-t0"): lambda: _walk_away(first_year_at=0),
    ("m4-walk-away", "no-price-down"): lambda: _walk_away(price_down=0),
    ("m4-walk-away", "npv"): lambda: _contract_npv(_terms()["start_price"]),
    # m4-round-loss
    ("m4-round-loss", "index-points"): lambda: -rounds().loc["Round 3", "npv_index"],
    ("m4-round-loss", "negative"): lambda: rounds().loc["Round 3", "npv"],
    ("m4-round-loss", "level"): lambda: rounds()["npv"].iloc[:3].sum(),
    ("m4-round-loss", "other-round"): lambda: -rounds().loc["Round 4", "npv"],
    # m4-clearing-after-plant
    ("m4-clearing-after-plant", "today"):
        lambda: _curve_price(plants().query("plant_status == 'operating'"), _demand()),
    ("m4-clearing-after-plant", "new-plant-cost"):
        lambda: plants().query("plant_status == 'planned'")["cash_cost"].iloc[0],
    ("m4-clearing-after-plant", "full-cost"):
        lambda: _curve_price(plants(), _demand(), cost="full_cost"),
    ("m4-clearing-after-plant", "other-year"): lambda: _curve_price(plants(), _demand(2028)),
    # m4-evc
    ("m4-evc", "no-negative"):
        lambda: _evc_parts()[["reference", "savings", "benefit"]].sum(),
    ("m4-evc", "differentiation"):
        lambda: _evc_parts()[["savings", "benefit"]].sum() - _evc_parts()["negative"],
    ("m4-evc", "negative-twice"):
        lambda: _evc_parts()[["reference", "savings", "benefit"]].sum()
        - 2 * _evc_parts()["negative"],
    ("m4-evc", "negative-added"): lambda: _evc_parts()[["reference", "savings", "benefit",
                                                         "negative"]].sum(),
    ("m4-evc", "our-price"): lambda: _evc_parts()["our_price"],
    # m4-cheapest-tco
    ("m4-cheapest-tco", "cheapest-price"):
        lambda: kamlab.load_dataset("tco_offers").nsmallest(1, "price")["offer"].iloc[0].upper(),
    ("m4-cheapest-tco", "supplier"): lambda: "Our company",
    # module 5 (the bank case): tests/exercises/test_exercises_m5.py
    **M5_MISTAKEN_ANSWERS,
    # module 6 (the manufacturer case, the mini-cases): tests/exercises/test_exercises_m6*.py
    **M6_MISTAKEN_ANSWERS,
    **M6_COVERAGE_MISTAKEN_ANSWERS,
    **M6_MINI_MISTAKEN_ANSWERS,
    # account planning: tests/exercises/test_exercises_m7.py
    **M7_MISTAKEN_ANSWERS,
}


def test_every_registered_mistake_has_a_test():
    registered = {(e, m.name) for e in exercise_ids() for m in get_exercise(e).mistakes}
    assert set(MISTAKEN_ANSWERS) == registered


@pytest.fixture(params=["en", "zh"])
def session(request):
    """Run a test in an English and in a Chinese session (the language is restored after)."""
    from kamlab.i18n import get_language, set_language

    before = get_language()
    set_language(request.param)
    yield request.param
    set_language(before)


@pytest.mark.parametrize("key", sorted(MISTAKEN_ANSWERS), ids="/".join)
def test_hint_fires_on_exactly_its_mistake(key, session):
    exercise_id, mistake_name = key
    mistake = next(m for m in get_exercise(exercise_id).mistakes if m.name == mistake_name)
    result = check(exercise_id, MISTAKEN_ANSWERS[key]())
    assert result.status == "incorrect"
    assert result.hint == (mistake.hint_zh if session == "zh" else mistake.hint)
    assert result.message == ("答案还不对。" if session == "zh" else "not quite.")
    assert result.hint and result.lang == session


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_hints_are_distinct_and_there_is_a_generic_one(exercise_id):
    exercise = get_exercise(exercise_id)
    hints = [m.hint for m in exercise.mistakes]
    assert len(hints) == len(set(hints))
    assert exercise.generic_hint and exercise.generic_hint not in hints


def test_an_unknown_wrong_answer_gets_the_generic_hint():
    result = check("m1-top11-profit", 0.123)
    assert result.status == "incorrect"
    assert result.hint == get_exercise("m1-top11-profit").generic_hint


FAR_OFF = {"share": (0.0123, -0.0123), "change": (0.0123, -0.0123), "count": (-12345, 12345)}


@pytest.mark.parametrize("exercise_id", NUMBER_EXERCISES)
@pytest.mark.parametrize("which", [0, 1])
def test_a_far_off_number_gets_the_generic_hint(exercise_id, which, session):
    """A wrong number of the right kind (a fraction for a share …): the exercise's own hint."""
    answer = FAR_OFF.get(get_exercise(exercise_id).asks.kind, (-12345.0, 12345.678))[which]
    result = check(exercise_id, answer)
    assert result.status == "incorrect"
    exercise = get_exercise(exercise_id)
    assert result.hint == (exercise.generic_hint_zh if session == "zh" else exercise.generic_hint)


def test_the_mistaken_values_are_plausible():
    # the pandas re-computations above agree with kamlab where they should
    assert math.isclose(_share_of_top("revenue", 0.20), expected_answer("m1-top20"))
    assert len(_abc_a_ids("profit")) == expected_answer("m2-abc-profit-count")
    assert len(_abc_a_ids_short("profit")) == expected_answer("m2-abc-profit-count") - 1
    assert (_abc_a_ids("revenue") - _abc_a_ids("profit")) == expected_answer("m2-abc-moved")
    old, new = _old_new_top10()
    assert set(old) - set(new) == expected_answer("m2-reweight-left")
    assert math.isclose(_tail_share("sales_hours"), expected_answer("m2-time-tail"))
    assert int(_a1_mask(book()).sum()) == expected_answer("m2-grid-a1")


def test_grid_boundary_slips_are_not_detectable_mistakes():
    """>= 1M or <= 0.10 instead of > 1M and < 0.10 gives the same A1 count on this data.

    That is why m2-grid-a1 has no boundary hint; if the data changes and this fails, add
    the hint (and a MISTAKEN_ANSWERS entry) to kamlab/exercises/m2.py.
    """
    df = book()
    right = int(_a1_mask(df).sum())
    assert int(((df["share_of_wallet"] < 0.10) & (df["wallet"] >= 1_000_000)).sum()) == right
    assert int(((df["share_of_wallet"] <= 0.10) & (df["wallet"] > 1_000_000)).sum()) == right


def test_m3_expected_values_match_the_data_cards():
    # the 1% comparison says price; at achievable moves the ten largest need three levers
    assert _lever_ranking()[0] == "price"
    assert set(expected_answer("m3-best-lever").values()) == {"price", "volume", "unit cost"}
    assert expected_answer("m3-screen-dropped") == 71 == int(
        _knockouts(opps()).loc[_open(opps())].any(axis=1).sum())
    assert expected_answer("m3-owner-weighted") == pytest.approx(
        _top_owner_deals()["weighted"].sum())
    assert expected_answer("m3-leakiest-stage") == "Qualified"  # opportunity_stages.md
    assert expected_answer("m3-coverage") == pytest.approx(
        _open_weighted()["weighted"].sum() / 40e6)


@pytest.mark.parametrize("exercise_id", TEXT_EXERCISES)
def test_text_answers_ignore_case_spaces_and_underscores(exercise_id):
    name = expected_answer(exercise_id)
    for answer in (name.upper(), f"  {name.lower()} ", pd.Series([name]), [name],
                   np.array([name])):
        assert check(exercise_id, answer).passed
    assert not check(exercise_id, "nonsense").passed


def test_best_lever_accepts_the_best_lever_column_of_the_accounts():
    from kamlab.opportunities import account_levers, lever_room

    top = lever_room(book()).nlargest(10, "revenue").set_index("account_id")
    assert check("m3-best-lever", top["best_lever"])
    one_percent = account_levers(book().nlargest(10, "revenue")).set_index("account_id")
    equal = next(m for m in get_exercise("m3-best-lever").mistakes if m.name == "equal-moves")
    assert check("m3-best-lever", one_percent["best_lever"]).hint == equal.hint


@pytest.mark.parametrize("exercise_id", TEXT_EXERCISES)
@pytest.mark.parametrize("answer", [3, 0.5, ["a", "b"], ""], ids=["int", "float", "two", "empty"])
def test_text_exercise_says_why_it_cannot_check(exercise_id, answer):
    result = check(exercise_id, answer)
    assert result.status == "incorrect" and "cannot be checked" in result.message


def test_m3_dropped_mistakes_give_the_right_answer_on_this_data():
    """Slips with no hint, because on the bundled data they give the right answer (or the
    same answer as a slip that has one). If the data changes and this fails, add the hint
    (and a MISTAKEN_ANSWERS entry) to kamlab/exercises/m3.py.
    """
    # m3-owner-weighted: Won deals counted at probability 1 — the top owner has none won
    df = opps().copy()
    df["weighted"] = df["value"] * df["stage"].map({**STAGE_PROBABILITY, "Won": 1.0}).fillna(0)
    assert df.groupby("owner")["weighted"].sum().max() == pytest.approx(
        expected_answer("m3-owner-weighted"))
    # m3-leakiest-stage: naive "reached next / reached this" points at the same stage
    reached = _reached_counts()
    naive = (reached.shift(-1) / reached).iloc[:-1]
    assert naive.idxmin() == expected_answer("m3-leakiest-stage")
    # ... and the lowest cumulative rate is the last step, as the fewest conversions
    from kamlab.opportunities import conversion_rates

    c = conversion_rates(kamlab.load_dataset("opportunity_stages"))
    assert str(c.loc[c["cumulative"].idxmin(), "from_stage"]) == "Committed"
    assert MISTAKEN_ANSWERS[("m3-leakiest-stage", "fewest-converted")]().lower() == "committed"


def test_m4_expected_values_match_the_data_cards():
    assert expected_answer("m4-walk-away") == pytest.approx(_walk_away())
    assert round(expected_answer("m4-walk-away")) == 45_689  # contract_case.md
    assert expected_answer("m4-round-loss") == 1_469_039 == -rounds().loc["Round 3", "npv"]
    assert expected_answer("m4-clearing-after-plant") == 40_600 == _curve_price(plants(), 118)
    assert expected_answer("m4-evc") == pytest.approx(96.85)  # evc_case.md
    assert expected_answer("m4-cheapest-tco") == "Our offer" == _tco_by_hand().idxmin()


def test_m4_round_loss_accepts_the_loss_recomputed_at_the_round_prices():
    prices = rounds()["start_price"]
    loss = _contract_npv(prices["Round 2"]) - _contract_npv(prices["Round 3"])
    assert not math.isclose(loss, expected_answer("m4-round-loss"), rel_tol=1e-3)
    assert check("m4-round-loss", loss).passed
    negative = next(m for m in get_exercise("m4-round-loss").mistakes if m.name == "negative")
    assert check("m4-round-loss", -loss).hint == negative.hint


def test_m4_clearing_hints_for_every_other_year():
    hints = {m.name: m.hint for m in get_exercise("m4-clearing-after-plant").mistakes}
    for year in (2029, 2030):  # today's price again: the earlier hint answers
        assert check("m4-clearing-after-plant", _curve_price(plants(), _demand(year))).hint == (
            hints["today"])
    full_cost_of_marginal = plants().set_index("plant").loc["Dongfang Shijiazhuang", "full_cost"]
    assert check("m4-clearing-after-plant", full_cost_of_marginal).hint == hints["full-cost"]


def test_m4_cheapest_tco_accepts_the_chinese_offer_name():
    assert check("m4-cheapest-tco", "本公司方案").passed


def test_m4_dropped_mistakes_give_the_right_answer_on_this_data():
    """Slips with no hint, because on the bundled data they give the right answer. If the
    data changes and this fails, add the hint (and a MISTAKEN_ANSWERS entry) to
    kamlab/exercises/m4.py.
    """
    # m4-cheapest-tco: undiscounted totals rank the same offer first
    assert _tco_by_hand(discounted=False).idxmin() == expected_answer("m4-cheapest-tco")
    # m4-clearing-after-plant: 2027's demand gives the same price with the new plant
    assert _curve_price(plants(), _demand(2027)) == expected_answer("m4-clearing-after-plant")


@pytest.mark.parametrize("relationship", [0.15, 0.30])
def test_top10_has_no_tie_at_its_boundary(relationship):
    """Places 10 and 11 have different scores, so any sort gives the same top-10 set."""
    from kamlab.scoring import score_accounts

    weights = {**_default_weights(), "relationship": relationship}
    scores = score_accounts(book(), weights)["score"].sort_values(ascending=False)
    assert scores.iloc[9] - scores.iloc[10] > 1e-9


# ---------------------------------------------------------------------------------------
# What the engine says in every exercise: precision, ids, a number of the wrong kind
# ---------------------------------------------------------------------------------------

ROUNDED = [e for e in NUMBER_EXERCISES if get_exercise(e).asks.decimals is not None]


@pytest.mark.parametrize("exercise_id", ROUNDED)
def test_the_answer_at_the_stated_precision_passes(exercise_id):
    value, decimals = expected_answer(exercise_id), get_exercise(exercise_id).asks.decimals
    assert check(exercise_id, round(value, decimals)).passed  # 0.75 for 0.7489


@pytest.mark.parametrize(("exercise_id", "answer"), [
    ("m1-top11-profit", 0.7489), ("m7-wallet-share", 0.33), ("m7-growth", -0.15),
    ("m6-coverage-gap", 0.602), ("m6-oil-top5-hours", 0.425), ("m7-exec-hours", 2.13),
    ("m6-merger-hhi", 118), ("m4-evc", 96.9), ("m5-destroyers", 137_713)])
def test_answers_written_to_the_stated_precision_pass(exercise_id, answer):
    assert check(exercise_id, answer).passed


@pytest.mark.parametrize(("exercise_id", "answer"), [
    ("m7-wallet-share", 0.3), ("m5-no-cuts", 0.1), ("m6-coverage-gap", 0.6),
    ("m6-oil-top5-hours", 0.43), ("m7-exec-hours", 2.1), ("m1-telecom-ratio", 1_100),
    ("m6-merger-hhi", 120), ("m4-walk-away", 46_000), ("m4-evc", 97),
    ("m6-renewal-2027", 930_000_000), ("m5-destroyers", 138_000)])
def test_an_answer_rounded_too_far_is_told_not_to_round(exercise_id, answer, session):
    from kamlab.checks import rounding_hint

    result = check(exercise_id, answer)
    assert not result.passed
    assert result.hint == rounding_hint(get_exercise(exercise_id).asks.decimals, session)


@pytest.mark.parametrize("key", sorted(k for k in MISTAKEN_ANSWERS if k[0] in ROUNDED),
                         ids="/".join)
def test_a_mistake_at_the_stated_precision_keeps_its_hint(key):
    """Written to the task's precision, a slip is not taken for the answer and (unless it
    rounds to 0 or 1) still gets its own hint."""
    exercise = get_exercise(key[0])
    value = round(float(MISTAKEN_ANSWERS[key]()), exercise.asks.decimals)
    result = check(key[0], value)
    assert not result.passed
    if value not in (0, 1):
        assert result.hint == next(m.hint for m in exercise.mistakes if m.name == key[1])


def test_a_rounded_percentage_is_told_to_be_a_fraction():
    result = check("m1-top11-profit", 75)  # 74.9% rounded: not the percent slip's 74.89
    assert result.hint == "75 looks like a percentage: give the share as a fraction (25% = 0.25)."
    assert check("m1-top11-profit", 0.75).passed


@pytest.mark.parametrize("exercise_id", NUMBER_EXERCISES)
def test_a_number_of_the_wrong_kind_gets_the_kind_hint(exercise_id, session):
    from kamlab.checks import kind_hint

    exercise = get_exercise(exercise_id)
    e = expected_answer(exercise_id)
    wrong = {"share": [1_234_567.0, 100 * e + 7], "change": [-1_234_567.0, 100 * e + 7],
             "amount": [0.05, 0.5], "count": [0.37, 12.5]}.get(exercise.asks.kind, [])
    hints = [kind_hint(answer, e, exercise.asks, session) for answer in wrong]
    assert all(hints) and [check(exercise_id, a).hint for a in wrong] == hints
    if exercise.asks.kind == "share":
        amount, percent = hints
        assert amount.startswith("你给出的是一个数额（1,234,567）" if session == "zh" else
                                 "You gave an amount (1,234,567)")
        assert ("看起来是百分数" if session == "zh" else "looks like a percentage") in percent


@pytest.mark.parametrize("exercise_id", ID_EXERCISES)
def test_id_answers_say_how_many_are_missing_or_extra_never_which(exercise_id, session):
    ids = sorted(expected_answer(exercise_id))
    others = sorted(set(book()["account_id"]) - set(ids))[:2]
    zh = session == "zh"
    cases = {
        "missing": (ids[1:], "答案还不对：少了1个客户编号。" if zh else
                    "not quite: 1 account id is missing."),
        "extra": (ids + others, "答案还不对：多了2个不该有的编号。" if zh else
                  "not quite: 2 of yours do not belong."),
        "both": (ids[1:] + others[:1], "答案还不对：少了1个客户编号，多了1个不该有的编号。" if zh
                 else "not quite: 1 account id is missing, and 1 of yours does not belong."),
    }
    generic = get_exercise(exercise_id).generic_hint_zh if zh else get_exercise(exercise_id).generic_hint
    for answer, message in cases.values():
        result = check(exercise_id, answer)
        assert (result.status, result.message, result.hint) == ("incorrect", message, generic)
        assert not any(i in result.message + result.hint for i in ids + others)


@pytest.mark.parametrize("exercise_id", ID_EXERCISES)
def test_names_or_row_numbers_instead_of_ids_are_named(exercise_id, session):
    rows = book()[book()["account_id"].isin(expected_answer(exercise_id))]
    names = check(exercise_id, rows["name"])
    assert names.hint.startswith("这些看起来是名称，不是客户编号" if session == "zh" else
                                 "Those look like names, not account ids")
    numbers = check(exercise_id, rows.index)
    assert numbers.hint.startswith("这些是数字（行号或表的索引）" if session == "zh" else
                                   "Those are numbers (row positions or the table's index)")


# ---------------------------------------------------------------------------------------
# Notebooks: a trainee and a solution notebook per exercise, executed
# ---------------------------------------------------------------------------------------

def _notebooks(folder: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.ipynb"))}


def _check_outputs(nb: dict, exercise_id: str) -> list[str]:
    """Text of every output of the cells that call kamlab.check on ``exercise_id``."""
    texts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and f'kamlab.check("{exercise_id}"' in "".join(cell["source"]):
            for out in cell.get("outputs", []):
                texts.extend("".join(value) for value in out.get("data", {}).values())
                if "text" in out:
                    texts.append("".join(out["text"]))
    return texts


def _exercise_of(nb: dict) -> str:
    found = {i for i in exercise_ids() for cell in nb["cells"]
             if f'kamlab.check("{i}"' in "".join(cell["source"])}
    assert len(found) == 1, found
    return found.pop()


TRAINEE = _notebooks(EXERCISES_DIR)
SOLUTIONS = _notebooks(EXERCISES_DIR / "solutions")


def test_each_exercise_has_a_trainee_and_a_solution_notebook():
    assert set(TRAINEE) == set(SOLUTIONS)
    assert sorted(_exercise_of(nb) for nb in TRAINEE.values()) == sorted(exercise_ids())
    for name, nb in TRAINEE.items():
        assert _exercise_of(SOLUTIONS[name]) == _exercise_of(nb)
        assert name.startswith(_exercise_of(nb)[:2] + "_")


@pytest.mark.parametrize("name", sorted(TRAINEE))
def test_trainee_notebook_says_not_answered_yet(name):
    nb = TRAINEE[name]
    outputs = _check_outputs(nb, _exercise_of(nb))
    assert any("not answered yet" in text for text in outputs)
    assert any("".join(c["source"]).strip().startswith("answer = ...")
               or "\nanswer = ..." in "".join(c["source"]) for c in nb["cells"])


@pytest.mark.parametrize("name", sorted(SOLUTIONS))
def test_solution_notebook_shows_a_pass(name):
    nb = SOLUTIONS[name]
    outputs = _check_outputs(nb, _exercise_of(nb))
    assert outputs and all("✓" in text for text in outputs)
    assert any("What this shows" in "".join(c["source"])
               for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("name", sorted(TRAINEE) + [f"solutions/{n}" for n in sorted(SOLUTIONS)])
def test_notebook_metadata_and_no_helper_functions(name):
    nb = json.loads((EXERCISES_DIR / name).read_text(encoding="utf-8"))
    spec = nb["metadata"]["kernelspec"]
    assert spec == {"name": "python3", "display_name": "Python 3 (ipykernel)",
                    "language": "python"}
    code = [("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "code"]
    assert not any(line.lstrip().startswith(("def ", "class ", "lambda"))
                   for src in code for line in src.splitlines())
    assert all(c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code")
    assert not any("execution" in c.get("metadata", {}) for c in nb["cells"]), (
        "timestamps in cell metadata: execute with --ExecutePreprocessor.record_timing=False")
