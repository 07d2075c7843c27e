"""kamlab.cases.manufacturer (module 6, seed 000's US manufacturer): market structure, mergers
and the long contracts — hand-worked examples, closed forms, the seed's figures from the bundled
data, and clear errors on bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlab import load_dataset
from kamlab.cases.manufacturer import (
    CONTRACT_COLUMNS,
    MAX_TERM,
    TERMS,
    LostRenewal,
    contract_npvs,
    contract_schedule,
    first_year_reaching,
    lose_renewal,
    market_structure,
    merger_effects,
    renewal_calendar,
    renewals,
    revenue_at_risk,
)
from kamlab.columns import COLUMNS
from kamlab.concentration import hhi
from kamlab.data import CONTRACT_TERMS
from kamlab.economics import contract_value
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

MARKET = load_dataset("manufacturer_market")
MERGERS = load_dataset("manufacturer_mergers")
CONTRACTS = load_dataset("manufacturer_contracts")

# A small market: a, b, c, d buy in 2020; a acquires c in 2021.
SMALL = pd.DataFrame({"year": [2020] * 4 + [2021] * 3, "account_id": list("abcdabd"),
                      "purchases": [40.0, 30.0, 20.0, 10.0, 60.0, 30.0, 10.0]})


def contract(cid="K1", account="A", start=2024, term=3, volume=100.0, price=50.0, cost=40.0,
             price_down=0.0, cost_down=0.0, investment=0.0, rate=0.0):
    return {"contract_id": cid, "account_id": account, "start_year": start, "term_years": term,
            "volume": volume, "start_price": price, "unit_cost": cost, "price_down": price_down,
            "cost_down": cost_down, "investment": investment, "rate": rate}


def book(*rows):
    return pd.DataFrame(list(rows))


def canonical(df):
    return [c for c in df.columns if c not in COLUMNS and c != "hhi"]


# --- market_structure ----------------------------------------------------------------------------


def test_market_structure_by_hand():
    s = market_structure(SMALL, top=(1, 2, 10))
    assert s["year"].tolist() == [2020, 2021]
    assert s["companies"].tolist() == [4, 3]
    assert s["purchases"].tolist() == [100.0, 100.0]
    assert s["hhi"].tolist() == pytest.approx([1600 + 900 + 400 + 100, 3600 + 900 + 100])
    assert s["top1_share"].tolist() == pytest.approx([0.4, 0.6])
    assert s["top2_share"].tolist() == pytest.approx([0.7, 0.9])
    assert s["top10_share"].tolist() == [1.0, 1.0]  # fewer than 10 companies: all of it


def test_market_structure_n_equal_companies_give_10000_over_n():
    m = pd.DataFrame({"year": [2024] * 8, "account_id": list("abcdefgh"), "purchases": [5] * 8})
    s = market_structure(m, top=4)
    assert s["hhi"].iloc[0] == pytest.approx(10_000 / 8)
    assert s["top4_share"].iloc[0] == pytest.approx(0.5)


def test_market_structure_of_the_bundled_market():
    s = market_structure(MARKET).set_index("year")
    assert list(s.columns) == ["companies", "purchases", "hhi", "top4_share", "top10_share"]
    assert canonical(s.reset_index()) == []
    for year in (2005, 2017, 2024):
        p = MARKET.loc[MARKET["year"] == year, "purchases"]
        assert s.loc[year, "hhi"] == pytest.approx(hhi(p))
        assert s.loc[year, "top10_share"] == pytest.approx(p.nlargest(10).sum() / p.sum())
    assert round(s.loc[2024, "top10_share"], 3) == 0.95  # seed 000: the top 10 hold 95%
    assert s.loc[2005, "companies"] == 52 and s.loc[2024, "companies"] == 32
    assert s["hhi"].loc[2021:].is_monotonic_increasing


def test_market_structure_leaves_the_input_alone():
    before = SMALL.copy()
    market_structure(SMALL)
    pd.testing.assert_frame_equal(SMALL, before)


@pytest.mark.parametrize("change, error, match", [
    (lambda m: m.drop(columns="purchases"), MissingColumnsError, "purchases"),
    (lambda m: m.assign(purchases=[40, -30, 20, 10, 60, 30, 10]), InvalidDataError, "0 or more"),
    (lambda m: m.assign(account_id=list("abcaabd")), InvalidDataError, "more than once"),
    (lambda m: m.assign(year=[2020.5] * 4 + [2021] * 3), InvalidDataError, "calendar years"),
    (lambda m: m.assign(purchases=["40", "x", 20, 10, 60, 30, 10]), InvalidDataError, "numbers"),
    (lambda m: m.assign(purchases=[0.0] * 4 + [60, 30, 10]), InvalidDataError, "add up to 0"),
    (lambda m: m.iloc[:0], InvalidDataError, "no rows"),
])
def test_market_structure_refuses_bad_data(change, error, match):
    with pytest.raises(error, match=match):
        market_structure(change(SMALL))


@pytest.mark.parametrize("top", [0, 2.5, True, (), (4, -1), "10"])
def test_market_structure_refuses_a_bad_top(top):
    with pytest.raises(ParameterError, match="top"):
        market_structure(SMALL, top=top)


def test_a_list_instead_of_a_table_is_refused():
    with pytest.raises(ParameterError, match="DataFrame"):
        market_structure([1, 2, 3])


# --- first_year_reaching --------------------------------------------------------------------------


def test_first_year_reaching_by_hand():
    s = pd.DataFrame({"year": [2022, 2020, 2021], "top10_share": [0.96, 0.90, 0.95]})
    assert first_year_reaching(s) == 2021  # 0.95 counts as reached; years sorted first
    assert first_year_reaching(s, 0.97) is None
    assert first_year_reaching(SMALL, 0.65, top=2) == 2020
    assert first_year_reaching(SMALL, 0.8, top=2) == 2021


def test_the_bundled_top_ten_first_reach_95_percent_in_2024():
    assert first_year_reaching(MARKET, 0.95, top=10) == 2024
    assert first_year_reaching(market_structure(MARKET)) == 2024
    assert first_year_reaching(MARKET, 0.90) == 2020
    assert first_year_reaching(MARKET, 0.65, top=4) == 2023


@pytest.mark.parametrize("share, match", [(95, "Did you mean 0.95"), (0, "fraction"),
                                          ("high", "number")])
def test_first_year_reaching_refuses_a_bad_share(share, match):
    with pytest.raises(ParameterError, match=match):
        first_year_reaching(MARKET, share)


# --- merger_effects -----------------------------------------------------------------------------


def test_merger_effects_by_hand():
    e = merger_effects(SMALL, pd.DataFrame({"year": [2021], "acquirer": ["a"], "target": ["c"]}))
    row = e.iloc[0]
    assert (row["acquirer_share"], row["target_share"]) == pytest.approx((0.4, 0.2))
    assert row["hhi_before"] == pytest.approx(3000)
    assert row["hhi_after"] == pytest.approx(60**2 + 30**2 + 10**2)  # a+c, b, d
    assert row["hhi_change"] == pytest.approx(2 * 0.4 * 0.2 * 10_000)
    assert canonical(e) == []


def test_merger_effects_closed_form_on_every_bundled_merger():
    e = merger_effects(MARKET, MERGERS)
    assert len(e) == 20 and e[["year", "acquirer", "target"]].equals(MERGERS)
    closed = 2 * e["acquirer_share"] * e["target_share"] * 10_000
    np.testing.assert_allclose(e["hhi_change"], closed, rtol=1e-9)
    np.testing.assert_allclose(e["hhi_after"] - e["hhi_before"], e["hhi_change"], rtol=1e-12)
    before = market_structure(MARKET).set_index("year")["hhi"]
    np.testing.assert_allclose(e["hhi_before"], before[e["year"] - 1].to_numpy(), rtol=1e-12)
    biggest = e.loc[e["hhi_change"].idxmax()]
    assert (biggest["year"], biggest["acquirer"], biggest["target"]) == (2010, "M03", "M11")
    assert 100 < biggest["hhi_change"] < 140


def test_two_mergers_in_one_year_are_each_measured_alone():
    m = pd.DataFrame({"year": [1] * 4 + [2] * 2, "account_id": list("abcdac"),
                      "purchases": [40, 30, 20, 10, 70, 30]})
    e = merger_effects(m, pd.DataFrame({"year": [2, 2], "acquirer": ["a", "c"],
                                        "target": ["b", "d"]}))
    assert e["hhi_change"].tolist() == pytest.approx([2 * 0.4 * 0.3 * 1e4, 2 * 0.2 * 0.1 * 1e4])


@pytest.mark.parametrize("merger, match", [
    ((2021, "a", "z"), "target 'z' has no purchases in 2020"),
    ((2021, "z", "c"), "acquirer 'z' has no purchases in 2020"),
    ((2021, "a", "b"), "still buys on its own"),
    ((2021, "a", "a"), "cannot acquire itself"),
    ((2020, "a", "c"), "no purchases in 2019"),
])
def test_merger_effects_refuses_mergers_that_do_not_fit_the_market(merger, match):
    mergers = pd.DataFrame([merger], columns=["year", "acquirer", "target"])
    with pytest.raises(InvalidDataError, match=match):
        merger_effects(SMALL, mergers)


def test_merger_effects_needs_the_merger_columns():
    with pytest.raises(MissingColumnsError, match="target"):
        merger_effects(SMALL, pd.DataFrame({"year": [2021], "acquirer": ["a"]}))


# --- contract_schedule and contract_npvs ---------------------------------------------------------


def test_the_contract_terms_are_the_module_4_ones():
    assert TERMS == CONTRACT_TERMS
    assert set(CONTRACT_COLUMNS) <= set(CONTRACTS.columns)


def test_contract_schedule_by_hand():
    s = contract_schedule(book(contract(price_down=0.1, cost_down=0.05)))
    assert s["year"].tolist() == [2024, 2025, 2026]
    assert s["contract_year"].tolist() == [1, 2, 3]
    assert s["price"].tolist() == pytest.approx([50, 45, 40.5])
    assert s["unit_cost"].tolist() == pytest.approx([40, 38, 36.1])
    assert s["revenue"].tolist() == pytest.approx([5000, 4500, 4050])
    assert s["gross_margin"].tolist() == pytest.approx([1000, 700, 440])
    assert canonical(s) == []


def test_contract_schedule_agrees_with_contract_value_on_every_bundled_contract():
    s = contract_schedule(CONTRACTS)
    assert len(s) == CONTRACTS["term_years"].sum()
    for r in CONTRACTS.itertuples(index=False):
        flows = contract_value([r.volume] * r.term_years, r.start_price, r.unit_cost,
                               price_down=r.price_down, cost_down=r.cost_down,
                               investment=r.investment, rate=r.rate).cashflows.iloc[1:]
        mine = s[s["contract_id"] == r.contract_id]
        np.testing.assert_allclose(mine["price"], flows["price"], rtol=1e-12)
        np.testing.assert_allclose(mine["gross_margin"], flows["revenue"] - flows["cost"],
                                   rtol=1e-12)
        assert mine["year"].tolist() == list(range(r.start_year, r.start_year + r.term_years))


def test_contract_npvs_closed_form_without_discounting():
    # rate 0, no price- or cost-down: NPV = T·v·(p − c) − I; walk-away = c + I / (T·v)
    c = book(contract(term=4, volume=200, price=30, cost=25, investment=1_000))
    n = contract_npvs(c).iloc[0]
    assert n["npv"] == pytest.approx(4 * 200 * 5 - 1_000)
    assert n["walk_away_price"] == pytest.approx(25 + 1_000 / 800)
    assert (n["start_year"], n["end_year"], n["term_years"]) == (2024, 2027, 4)
    assert n["revenue"] == pytest.approx(6_000)


def test_contract_npvs_reuse_contract_value_and_walk_away_gives_zero():
    n = contract_npvs(CONTRACTS)
    assert canonical(n) == []
    for r, row in zip(CONTRACTS.itertuples(index=False), n.itertuples(index=False)):
        v = contract_value([r.volume] * r.term_years, r.start_price, r.unit_cost,
                           price_down=r.price_down, cost_down=r.cost_down,
                           investment=r.investment, rate=r.rate)
        assert row.npv == pytest.approx(v.npv, rel=1e-12)
        again = contract_value([r.volume] * r.term_years, row.walk_away_price, r.unit_cost,
                               price_down=r.price_down, cost_down=r.cost_down,
                               investment=r.investment, rate=r.rate)
        assert abs(again.npv) < 1e-3 * r.investment
    assert (n["npv"] > 0).all() and (n["walk_away_price"] < n["start_price"]).all()


@pytest.mark.parametrize("change, error, match", [
    ({"term_years": 11}, InvalidDataError, "1 to 10"),
    ({"term_years": 0}, InvalidDataError, "1 to 10"),
    ({"term_years": 3.5}, InvalidDataError, "1 to 10"),
    ({"price_down": 2.0}, InvalidDataError, "divide by 100"),
    ({"rate": 9}, InvalidDataError, "percentages"),
    ({"volume": -5}, InvalidDataError, "0 or more"),
    ({"start_price": 0}, InvalidDataError, "above 0"),
    ({"unit_cost": None}, InvalidDataError, "blanks"),
])
def test_contracts_with_bad_terms_are_refused(change, error, match):
    with pytest.raises(error, match=match):
        contract_schedule(book({**contract(), **change}))


def test_contracts_need_every_column_and_unique_ids():
    with pytest.raises(MissingColumnsError, match="unit_cost"):
        contract_npvs(book(contract()).drop(columns="unit_cost"))
    with pytest.raises(InvalidDataError, match="unique"):
        contract_schedule(book(contract(), contract()))
    assert MAX_TERM == 10


# --- renewals, the renewal calendar, revenue at risk ---------------------------------------------

TWO = book(contract("K1", "A", 2023, 3, volume=10, price=100, cost=80),
           contract("K2", "B", 2024, 2, volume=30, price=100, cost=80),
           contract("K3", "A", 2026, 2, volume=10, price=90, cost=80))


def test_renewals_by_hand():
    r = renewals(TWO)
    assert r[["year", "contract_id", "end_year"]].values.tolist() == [
        [2026, "K2", 2025], [2026, "K1", 2025], [2028, "K3", 2027]]
    assert r["renewal_revenue"].tolist() == pytest.approx([3000, 1000, 900])
    assert r["gross_margin"].tolist() == pytest.approx([600, 200, 100])
    assert renewals(TWO, [2028])["contract_id"].tolist() == ["K3"]


def test_renewal_calendar_by_hand():
    cal = renewal_calendar(TWO, range(2025, 2030))
    assert cal["contracts"].tolist() == [0, 2, 0, 1, 0]
    assert cal["renewal_revenue"].tolist() == pytest.approx([0, 4000, 0, 900, 0])
    # book of Y−1: in force, or (ended, no later contract) at its last year's revenue
    assert cal["book_revenue"].tolist() == pytest.approx([4000, 4000, 900 + 3000, 900 + 3000,
                                                          900 + 3000])
    assert cal["renewal_share"].tolist() == pytest.approx([0, 1, 0, 900 / 3900, 0])
    assert cal["gross_margin"].tolist() == pytest.approx([0, 800, 0, 100, 0])
    assert cal["account_ids"].tolist() == ["", "B, A", "", "A", ""]
    assert canonical(cal) == []


def test_renewal_calendar_default_years_and_no_book():
    assert renewal_calendar(TWO)["year"].tolist() == [2026, 2027, 2028]
    early = renewal_calendar(TWO, [2020])
    assert np.isnan(early["renewal_share"].iloc[0]) and early["book_revenue"].iloc[0] == 0


def test_the_bundled_renewal_calendar_peaks_in_2027():
    cal = renewal_calendar(CONTRACTS, range(2025, 2031)).set_index("year")
    assert cal["renewal_revenue"].idxmax() == 2027
    assert cal.loc[2027, "account_ids"] == "M01, M04, M02, M10"
    assert 0.45 <= cal.loc[2027, "renewal_share"] <= 0.60
    assert cal.loc[2029, "contracts"] == 0
    assert cal["renewal_revenue"].sum() == pytest.approx(
        renewals(CONTRACTS, range(2025, 2031))["renewal_revenue"].sum())


def test_revenue_at_risk_by_hand():
    r = revenue_at_risk(TWO, range(2025, 2029), base_year=2024)
    # 2024: A 1000 (K1), B 3000 (K2). A renewed for 2026–2027 (K3); B's ends in 2025.
    assert r["revenue_at_risk"].tolist() == pytest.approx([0, 3000, 3000, 4000])
    assert r["risk_share"].tolist() == pytest.approx([0, 0.75, 0.75, 1.0])
    assert r["account_ids"].tolist() == ["", "B", "B", "B, A"]
    assert (r["contracted_revenue"] + r["revenue_at_risk"]).tolist() == pytest.approx([4000] * 4)
    assert canonical(r) == []


def test_revenue_at_risk_of_the_bundled_contracts():
    r = revenue_at_risk(CONTRACTS).set_index("year")  # base 2024, years 2025–2030
    assert r.index.tolist() == list(range(2025, 2031))
    assert r.loc[2025, "risk_share"] == 0  # M05 and M09 already renewed for 2025
    assert r.loc[2030, "risk_share"] == pytest.approx(1.0)
    assert r["risk_share"].is_monotonic_increasing
    assert r.loc[2027, "risk_share"] > 0.7


def test_revenue_at_risk_refuses_a_base_year_without_revenue():
    with pytest.raises(ParameterError, match="base_year"):
        revenue_at_risk(TWO, base_year=2010)
    with pytest.raises(ParameterError, match="years"):
        revenue_at_risk(TWO, ["2025"])


# --- lose_renewal -----------------------------------------------------------------------------------


def test_lose_renewal_closed_form():
    c = book(contract("K1", "A", 2023, 3, volume=10, price=100, cost=80),
             contract("K2", "B", 2024, 2, volume=30, price=100, cost=80))
    r = lose_renewal(c, "A")
    assert isinstance(r, LostRenewal)
    assert (r.contract_id, r.account_id, r.year, r.term_years) == ("K1", "A", 2026, 3)
    assert r.lost["year"].tolist() == [2026, 2027, 2028]
    assert r.revenue_lost == pytest.approx(3 * 10 * 100)
    assert r.margin_lost == r.npv_lost == pytest.approx(3 * 10 * 20)  # rate 0, no investment
    assert r.book_revenue == pytest.approx(4000) and r.revenue_share == pytest.approx(0.25)
    assert lose_renewal(c, "A", investment=150).npv_lost == pytest.approx(600 - 150)
    assert lose_renewal(c, "K2", term_years=5).lost["year"].tolist() == list(range(2026, 2031))


def test_the_renewal_starts_at_the_last_years_price_and_cost():
    c = book(contract(term=3, price=100, cost=80, price_down=0.1, cost_down=0.05, rate=0.1))
    r = lose_renewal(c, "K1")
    first, second = r.lost.iloc[0], r.lost.iloc[1]
    assert first["revenue"] == pytest.approx(100 * 100 * 0.9**2)  # = year 3 of the old one
    assert first["cost"] == pytest.approx(100 * 80 * 0.95**2)
    assert second["revenue"] == pytest.approx(100 * 100 * 0.9**3)
    v = contract_value([100] * 3, 100 * 0.9**2, 80 * 0.95**2, price_down=0.1, cost_down=0.05,
                       rate=0.1)
    assert r.npv_lost == pytest.approx(v.npv)


def test_losing_northstars_2027_renewal():
    by_account, by_contract = lose_renewal(CONTRACTS, "M01"), lose_renewal(CONTRACTS, "M01-2022")
    assert by_account.npv_lost == by_contract.npv_lost
    assert by_account.year == 2027 and by_account.term_years == 5
    assert 0.15 <= by_account.revenue_share <= 0.30
    assert by_account.npv_lost > 0 and by_account.margin_lost > by_account.npv_lost


@pytest.mark.parametrize("which, kw, match", [
    ("M99", {}, "neither a contract_id nor an account_id"),
    ("M01", {"term_years": 11}, "1 to 10"),
    ("M01", {"term_years": 0}, "1 to 10"),
    ("M01", {"investment": -1}, "0 or more"),
])
def test_lose_renewal_refuses_bad_arguments(which, kw, match):
    with pytest.raises(ParameterError, match=match):
        lose_renewal(CONTRACTS, which, **kw)


# --- the data cards quote these results ----------------------------------------------------------

def _card(name):
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "datasets" / f"{name}.md"
    return path.read_text(encoding="utf-8")


def test_the_mergers_card_quotes_merger_effects():
    text = _card("manufacturer_mergers")
    for r in merger_effects(MARKET, MERGERS).itertuples():
        row = (f"| {r.year} | {r.acquirer} ", f"| {100 * r.acquirer_share:.1f}% | "
               f"{100 * r.target_share:.1f}% | ")
        line = next(x for x in text.splitlines() if x.startswith(row[0]) and f"| {r.target} " in x)
        assert row[1] in line and f"{r.hhi_change:,.0f} |" in line.replace("**", ""), line
    s = market_structure(MARKET).set_index("year")["hhi"]
    total = merger_effects(MARKET, MERGERS)["hhi_change"].sum()
    flat = " ".join(text.split())
    assert f"add {total:,.0f} points" in flat and f"rose by {s[2024] - s[2005]:,.0f}" in flat


def test_the_contracts_card_quotes_npvs_the_calendar_and_the_lost_renewal():
    text = _card("manufacturer_contracts")
    n = contract_npvs(CONTRACTS)
    current = n[(n["start_year"] <= 2025) & (n["end_year"] >= 2025)]
    for r in current.itertuples():
        assert (f"| {r.contract_id} | {r.start_year}–{r.end_year} | {r.term_years} | "
                f"{r.revenue / 1e6:,.0f} | {r.start_price:,.0f} | {r.walk_away_price:,.0f} | "
                f"{r.npv / 1e6:,.0f} |") in text
    for r in renewal_calendar(CONTRACTS, range(2025, 2031)).itertuples():
        assert (f"| {r.year} | {r.contracts} | {r.account_ids} | {r.renewal_revenue / 1e6:,.0f} | "
                f"{'**' if r.year == 2027 else ''}{100 * r.renewal_share:.1f}%") in text
    lost = lose_renewal(CONTRACTS, "M01")
    flat = " ".join(text.split())
    assert (f"CNY {lost.lost['revenue'].iloc[0] / 1e6:,.0f}m of revenue in 2027 "
            f"({100 * lost.revenue_share:.1f}% of the 2026 book), CNY "
            f"{lost.revenue_lost / 1e9:.2f} bn over the term") in flat
    assert f"NPV of CNY {lost.npv_lost / 1e6:,.0f}m" in flat
