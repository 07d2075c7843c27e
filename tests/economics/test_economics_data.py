"""The module-4 datasets (proposal economics): regeneration, types, seed 000's rounds, and every
figure the data cards quote, recomputed with kamlab.economics."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kamlab
from kamlab import columns
from kamlab.columns import COLUMNS
from kamlab.data import load_dataset
from kamlab.economics import (
    NEGOTIATION_ROUNDS,
    capacity_scenarios,
    clearing_price,
    contract_value,
    erosion_waterfall,
    evc,
    market_clearing,
    price_for_npv,
    tco,
)
from kamlab.exceptions import ParameterError

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
NAMES = ["contract_case", "contract_terms", "negotiation_rounds", "industry_plants",
         "industry_demand", "tco_offers", "evc_case"]
EXPECTED_COLUMNS = {
    "contract_case": ["year", "volume"],
    "contract_terms": ["term", "value", "unit", "meaning", "meaning_zh"],
    "negotiation_rounds": ["step", "label", "label_zh", "kind", "npv_index", "start_price", "npv"],
    "industry_plants": ["plant", "company", "company_zh", "region", "capacity", "cash_cost",
                        "full_cost", "plant_status", "start_year"],
    "industry_demand": ["year", "demand"],
    "tco_offers": ["offer", "offer_zh", "supplier", "price", "acquisition", "operating",
                   "end_of_life", "life_years"],
    "evc_case": ["item", "item_zh", "kind", "amount"],
}
TERMS = ["start_price", "unit_cost", "price_down", "cost_down", "investment", "rate"]
SEED_LEVELS = [100, 89, 51, 16, 16, 11, 11, 40, 40]  # seed 000, indexed contract NPV
BASE_YEAR = 2026
OURS = "Our company"
REGIONS = {"East", "South", "North", "Central", "Southwest", "Northeast", "Northwest"}


def card(name: str) -> str:
    """A data card's text, with wrapped bullet lines joined (table rows stay one per line)."""
    return re.sub(r"\n +", " ", (DATASETS / f"{name}.md").read_text(encoding="utf-8"))


def signed(x: float, digits: int = 0) -> str:
    """A number as the cards write it: thousands separators, a true minus sign (−)."""
    text = f"{abs(x):,.{digits}f}"
    return f"−{text}" if round(x, digits) < 0 else text


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def terms():
    """The contract case as contract_value's arguments (kamlab.load_contract_case)."""
    return kamlab.load_contract_case()


@pytest.fixture(scope="module")
def volumes(terms):
    return terms["volumes"]


@pytest.fixture(scope="module")
def value_at(terms):
    """The contract's value at a start price, on the terms of contract_terms."""
    def at(price):
        return contract_value(**{**terms, "start_price": price})
    return at


def test_contract_case_loader_is_the_two_tables():
    case = kamlab.load_contract_case()
    table = load_dataset("contract_terms").set_index("term")["value"]
    assert case["volumes"] == load_dataset("contract_case")["volume"].tolist()
    assert {k: v for k, v in case.items() if k != "volumes"} == table.to_dict()
    assert kamlab.load_contract_case(rate=0.2, investment=0)["rate"] == 0.2
    with pytest.raises(ParameterError, match="Did you mean 'rate'"):
        kamlab.load_contract_case(rat=0.2)


@pytest.fixture(scope="module")
def contract(terms, value_at):
    return value_at(terms["start_price"])


@pytest.fixture(scope="module")
def rounds():
    return load_dataset("negotiation_rounds")


@pytest.fixture(scope="module")
def plants():
    return load_dataset("industry_plants")


@pytest.fixture(scope="module")
def operating(plants):
    return plants[plants["plant_status"] == "operating"]


@pytest.fixture(scope="module")
def demand():
    return load_dataset("industry_demand").set_index("year")["demand"]


@pytest.fixture(scope="module")
def offers():
    return load_dataset("tco_offers")


@pytest.fixture(scope="module")
def tco_table(offers):
    return tco(offers, rate=0.08).set_index("offer")


@pytest.fixture(scope="module")
def evc_items():
    return load_dataset("evc_case")


@pytest.fixture(scope="module")
def value(evc_items):
    part = evc_items.set_index("item")
    part = {kind: part.loc[part["kind"] == kind, "amount"] for kind in set(part["kind"])}
    return evc(part["reference"].iloc[0], savings=part["savings"].to_dict(),
               benefits=part["benefit"].to_dict(), negative=part["negative"].to_dict(),
               price=part["our_price"].iloc[0])


# --- files, columns, registry ------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_regenerating_gives_the_committed_csv_exactly(generator, name):
    built = generator.build_all()[name]
    committed = (DATASETS / f"{name}.csv").read_bytes().decode("utf-8")
    assert generator.to_csv_text(built) == committed, f"datasets/{name}.csv is stale"


@pytest.mark.parametrize("name", NAMES)
def test_load_dataset_matches_the_build_and_the_columns(generator, name):
    loaded = load_dataset(name)
    pd.testing.assert_frame_equal(loaded, generator.build_all()[name], check_exact=False,
                                  rtol=1e-12)
    assert list(loaded.columns) == EXPECTED_COLUMNS[name]


@pytest.mark.parametrize("name", NAMES)
def test_every_column_is_registered_with_a_matching_kind_and_range(name):
    df = load_dataset(name)
    for col in df.columns:
        assert col in COLUMNS, f"{name}.{col} is not in kamlab.columns"
        spec = COLUMNS[col]
        assert pd.api.types.is_numeric_dtype(df[col]) == spec.numeric, (name, col)
        values = df[col].dropna()
        if spec.minimum is not None:
            assert (values >= spec.minimum).all(), (name, col)
        if spec.maximum is not None:
            assert (values <= spec.maximum).all(), (name, col)


def test_economics_columns_are_new_names_with_both_languages():
    earlier = {c.name for c in (*columns._ALL, *columns._OPPORTUNITY, *columns._SEGMENTS)}
    names = [c.name for c in columns._ECONOMICS]
    assert len(names) == len(set(names)) and not set(names) & earlier
    assert all(c.en and c.zh for c in columns._ECONOMICS)
    used = {c for name in NAMES for c in EXPECTED_COLUMNS[name]}
    assert used - earlier == set(names)  # registered exactly the new columns


def test_integer_columns_stay_integers():
    for name, cols in {"contract_case": ["year", "volume"],
                       "negotiation_rounds": ["step", "npv"],
                       "industry_plants": ["capacity", "cash_cost", "full_cost", "start_year"],
                       "industry_demand": ["year", "demand"],
                       "tco_offers": ["life_years"]}.items():
        df = load_dataset(name)
        for col in cols:
            assert pd.api.types.is_integer_dtype(df[col]), (name, col)


@pytest.mark.parametrize("name", NAMES)
def test_card_documents_every_column_the_seed_and_the_generator(name):
    text = card(name)
    for col in EXPECTED_COLUMNS[name]:
        assert f"| `{col}` |" in text, f"{name}.md: no table row for {col!r}"
    assert "synthetic" in text.lower()
    assert "000_484018b8be0aa7c6.txt" in text
    assert "python datasets/generate.py" in text and "--check" in text


# --- contract case and terms --------------------------------------------------------------------


def test_contract_volumes_ramp_up_peak_and_run_out(generator, volumes):
    case = load_dataset("contract_case")
    assert case["year"].tolist() == [1, 2, 3, 4, 5]
    v = np.asarray(volumes)
    peak = int(np.argmax(v))
    assert 0 < peak < len(v) - 1
    assert (np.diff(v[: peak + 1]) > 0).all() and (np.diff(v[peak:]) < 0).all()
    expected = [round(n * generator.KG_PER_VEHICLE / 1000) for n in generator.CONTRACT_BUILDS]
    assert v.tolist() == expected


def test_contract_terms_are_the_contract_value_parameters(terms):
    df = load_dataset("contract_terms")
    assert df["term"].tolist() == TERMS
    assert df["meaning"].str.len().gt(10).all() and df["meaning_zh"].str.len().gt(3).all()
    assert terms["price_down"] == pytest.approx(0.03) and terms["cost_down"] == pytest.approx(0.02)
    assert terms["rate"] == pytest.approx(0.10)
    assert 0 < terms["unit_cost"] < terms["start_price"] and terms["investment"] > 0
    units = df.set_index("term")["unit"]
    assert units["start_price"] == units["unit_cost"] == "CNY / t"
    assert units["investment"] == "CNY"


def test_contract_npv_walk_away_and_irr_are_sensible(contract, terms):
    price = terms["start_price"]
    assert contract.npv > 0.02 * price * sum(contract.volumes)  # clearly positive
    assert 0.02 <= 1 - contract.walk_away_price / price <= 0.07  # a few % below the quote
    assert terms["rate"] < contract.irr < 0.40
    assert contract_value(contract.volumes, contract.walk_away_price, terms["unit_cost"],
                          price_down=terms["price_down"], cost_down=terms["cost_down"],
                          investment=terms["investment"], rate=terms["rate"]).npv \
        == pytest.approx(0, abs=1e-3)


def test_contract_card_quotes_the_contract_figures(contract, terms, value_at):
    text = card("contract_case")
    price = terms["start_price"]
    flows = contract.cashflows
    payback = int(flows.loc[flows["cumulative_pv"] > 0, "year"].iloc[0])
    pv_revenue = float((flows["revenue"] * flows["discount_factor"]).sum())
    one_percent = 1 - value_at(0.99 * price).npv / contract.npv
    margins = flows["unit_margin"].dropna()
    quoted = [
        f"CNY {contract.npv:,.0f}",
        f"CNY {contract.walk_away_price:,.0f} / t",
        f"{pct(1 - contract.walk_away_price / price)} below the first quote",
        f"**{pct(contract.irr)}**",
        f"year {payback}",
        f"CNY {pv_revenue:,.0f}",
        f"CNY {margins.iloc[0]:,.0f} / t → CNY {margins.iloc[-1]:,.0f} / t",
        f"**{pct(one_percent)}**",
        f"CNY {price:,.0f} / t",
        f"CNY {terms['unit_cost']:,.0f} / t",
        f"CNY {terms['investment']:,.0f}",
        f"year-5 price (CNY {contract.start_price * (1 - terms['price_down']) ** 4:,.0f} / t)",
        ", ".join(str(v) for v in load_dataset("contract_case")["volume"][:-1]),
    ]
    for figure in quoted:
        assert figure in text, figure
    terms_text = card("contract_terms")
    for figure in [f"CNY {contract.npv:,.0f}", f"CNY {contract.walk_away_price:,.0f} / t",
                   pct(contract.irr)]:
        assert figure in terms_text, figure


def test_unit_cost_is_our_plant_cash_cost_plus_the_automotive_grade(generator, terms, plants):
    plant = plants.set_index("plant").loc[generator.OUR_PLANT]
    extras = sum(generator.AUTO_GRADE_EXTRAS.values())
    assert plant["company"] == OURS
    assert terms["unit_cost"] == plant["cash_cost"] + extras
    assert terms["investment"] == sum(generator.INVESTMENT_ITEMS.values())
    for name in ["contract_case", "contract_terms", "industry_plants"]:
        text = card(name)
        assert f"{plant['cash_cost']:,}" in text and f"{extras:,}" in text, name


# --- negotiation rounds ---------------------------------------------------------------------------


def test_rounds_carry_seed_000s_labels_kinds_and_figures(rounds):
    assert rounds["step"].tolist() == list(range(1, 10))
    assert rounds["label"].tolist() == [label for label, _, _ in NEGOTIATION_ROUNDS]
    assert rounds["label_zh"].tolist() == [zh for _, _, zh in NEGOTIATION_ROUNDS]
    expected = [amount for _, amount, _ in NEGOTIATION_ROUNDS]
    got = [None if math.isnan(x) else x for x in rounds["npv_index"]]
    assert got == expected  # 100, -11, -38, -35, blank, -5, blank, +29, blank
    kinds = ["start"] + ["subtotal" if a is None else "change" for a in expected[1:]]
    assert rounds["kind"].tolist() == kinds


def test_erosion_waterfall_of_the_rounds_reproduces_the_seed_levels(rounds):
    steps = [(label, None if math.isnan(x) else x, zh)
             for label, x, zh in zip(rounds["label"], rounds["npv_index"], rounds["label_zh"])]
    table = erosion_waterfall(steps)
    assert table["end"].tolist() == SEED_LEVELS
    assert table["kind"].tolist() == rounds["kind"].tolist()
    # the CNY column draws the same waterfall, in CNY
    cny = [(label, None if kind == "subtotal" else float(v))
           for label, kind, v in zip(rounds["label"], rounds["kind"], rounds["npv"])]
    ends = erosion_waterfall(cny)["end"].to_numpy()
    npv0 = rounds["npv"].iloc[0]
    np.testing.assert_allclose(ends, np.array(SEED_LEVELS) * npv0 / 100, atol=1.0)
    subtotal = rounds["kind"] == "subtotal"
    assert (ends[subtotal.to_numpy()] == rounds.loc[subtotal, "npv"].to_numpy()).all()


def test_round_prices_are_calibrated_with_price_for_npv(rounds, contract, terms, value_at):
    priced = rounds["start_price"].notna()
    assert priced.tolist() == [True] * 5 + [False] * 4
    prices = rounds.loc[priced, "start_price"].to_numpy()
    assert prices[0] == terms["start_price"] and prices[4] == prices[3]  # round 5 = agreed
    assert (np.diff(prices[:4]) < 0).all() and (prices % 10 == 0).all()
    for price, level in zip(prices[:4], SEED_LEVELS[:4]):
        exact = price_for_npv(contract.volumes, terms["unit_cost"], level / 100 * contract.npv,
                              price_down=terms["price_down"], cost_down=terms["cost_down"],
                              investment=terms["investment"], rate=terms["rate"])
        assert price == round(exact / 10) * 10
        achieved = 100 * value_at(price).npv / contract.npv
        assert abs(achieved - level) <= 0.5, (price, level, achieved)
    assert prices[3] > contract.walk_away_price


def test_npv_column_is_the_index_in_cny(rounds, contract):
    npv0 = round(contract.npv)
    assert rounds["npv"].iloc[0] == npv0
    for kind, index, level, npv in zip(rounds["kind"], rounds["npv_index"], SEED_LEVELS,
                                       rounds["npv"]):
        if kind == "change":
            assert abs(npv - index * npv0 / 100) <= 1
        else:
            assert npv == round(level * npv0 / 100)


def test_negotiation_card_quotes_prices_levels_and_amounts(rounds, contract, terms, value_at):
    text = card("negotiation_rounds")
    price0 = terms["start_price"]
    assert ", ".join(str(v) for v in SEED_LEVELS) in text
    assert f"CNY {contract.npv / 100:,.0f}" in text  # one index point
    for row in rounds.itertuples():
        line = f"| {row.step} | {row.label} |"
        assert line in text, line
        row_text = next(t for t in text.splitlines() if t.startswith(line))
        assert row_text.endswith(f"| {signed(row.npv)} |"), row_text
        if not math.isnan(row.start_price):
            achieved = 100 * value_at(row.start_price).npv / contract.npv
            assert f"| {row.start_price:,.0f} |" in row_text
            assert f"| {achieved:.1f} |" in row_text
            if row.start_price < price0:
                assert f"| {pct(1 - row.start_price / price0)} |" in row_text
    flows = contract.cashflows
    pv_revenue = float((flows["revenue"] * flows["discount_factor"]).sum())
    rebate = -rounds.loc[rounds["label"] == "Incentive", "npv"].iloc[0]
    aftermarket = rounds.loc[rounds["label"].str.startswith("Aftermarket"), "npv"].iloc[0]
    for figure in [f"CNY {rebate:,} in present value", f"{100 * rebate / pv_revenue:.2f}%",
                   f"CNY {pv_revenue / 1e6:.1f} m", f"CNY {aftermarket:,} of margin",
                   f"CNY {contract.walk_away_price:,.0f} / t"]:
        assert figure in text, figure


# --- industry cost curve and demand -------------------------------------------------------------


def test_plants_table_is_a_plausible_industry(plants, operating):
    assert 18 <= len(plants) <= 24 and plants["plant"].is_unique
    assert 6 <= plants["company"].nunique() <= 8
    assert (plants.groupby("company")["company_zh"].nunique() == 1).all()
    assert plants["company_zh"].nunique() == plants["company"].nunique()
    assert OURS in set(plants["company"]) and set(plants["region"]) <= REGIONS
    assert (plants["full_cost"] > plants["cash_cost"]).all()
    assert set(plants["plant_status"]) == {"operating", "planned"}
    planned = plants[plants["plant_status"] == "planned"]
    assert 1 <= len(planned) <= 2
    assert (planned["company"] != OURS).all() and (planned["start_year"] > BASE_YEAR).all()
    assert (operating["start_year"] <= BASE_YEAR).all()
    assert planned["cash_cost"].max() < operating["cash_cost"].median()  # a low-cost plant


def test_demand_grows_a_few_percent_and_never_exceeds_capacity(demand, plants, operating):
    assert demand.index.tolist() == list(range(BASE_YEAR, BASE_YEAR + 5))
    growth = demand.pct_change().dropna()
    assert growth.between(0.01, 0.06).all()
    for year, d in demand.items():
        assert d <= plants["capacity"].sum(), year  # operating + planned
        assert d <= operating["capacity"].sum(), year
        assert clearing_price(plants, d) > 0


def test_clearing_price_before_and_after_the_planned_plant(plants, operating, demand):
    d = demand[BASE_YEAR]
    before, after = market_clearing(operating, d), market_clearing(plants, d)
    assert clearing_price(operating, d) == before.price
    assert clearing_price(plants, d) == after.price
    assert 0.80 <= before.utilisation <= 0.88
    # demand falls inside an upper-middle plant, not on a boundary
    curve = before.curve
    row = curve.loc[curve["marginal"]].iloc[0]
    assert row["left"] < d < row["cum_capacity"]
    position = int(np.flatnonzero(curve["marginal"])[0]) + 1
    assert 0.5 < position / len(curve) < 0.9
    drop = 1 - after.price / before.price
    assert 0.03 <= drop <= 0.08
    assert after.marginal_plant != before.marginal_plant
    table = capacity_scenarios(operating, d, {"planned": {"add": plants[plants["plant_status"] == "planned"]}})
    assert table["price"].tolist() == [before.price, after.price]


def test_plants_card_quotes_the_curve_figures(plants, operating, demand, contract, terms):
    text = card("industry_plants")
    d = demand[BASE_YEAR]
    before, after = market_clearing(operating, d), market_clearing(plants, d)
    planned = plants[plants["plant_status"] == "planned"]
    position = int(np.flatnonzero(before.curve["marginal"])[0]) + 1
    later = market_clearing(plants, demand[BASE_YEAR + 1])
    last = demand.iloc[-1]
    quoted = [
        f"**{operating['capacity'].sum()} kt**", f"**{planned['capacity'].sum()} kt**",
        f"**{d} kt**", f"**{pct(before.utilisation)}**",
        f"**{before.marginal_plant}**", f"**CNY {before.price:,.0f} / t**",
        f"the {position}th of {len(operating)} operating plants",
        f"**{after.marginal_plant}**", f"**CNY {after.price:,.0f} / t**",
        f"**{signed(after.price - before.price)}**",
        f"**{signed(100 * (after.price / before.price - 1), 1)}%**",
        f"{pct(after.utilisation)} utilisation",
        f"({demand[BASE_YEAR + 1]} kt) with the new plant running the price is still "
        f"CNY {later.price:,.0f} / t",
        f"({last} kt) is {pct(last / operating['capacity'].sum())}",
        f"{pct(last / plants['capacity'].sum())} of operating + planned",
        f"{pct(terms['start_price'] / before.price - 1)} above the standard grade",
        f"{pct(contract.walk_away_price / before.price - 1)} above it",
    ]
    for figure in quoted:
        assert figure in text, figure


def test_demand_card_quotes_every_year(demand, plants, operating):
    text = card("industry_demand")
    for year, d in demand.items():
        row = (f"| {year} | {d} | {pct(d / operating['capacity'].sum())} | "
               f"{pct(d / plants['capacity'].sum())} |")
        assert row in text, row


# --- total cost of ownership -------------------------------------------------------------------


def test_tco_ranking_cheapest_price_is_not_cheapest_system(offers, tco_table, plants, generator):
    assert len(offers) == 4 and offers["offer"].is_unique
    assert set(offers["supplier"]) <= set(plants["company"])
    assert (offers["life_years"] == offers["life_years"].iloc[0]).all()
    pd.testing.assert_frame_equal(tco(offers), tco(offers, rate=0.08))  # the card's rate = default
    by_price = tco_table["price"].idxmin()
    by_tco = tco_table["tco"].idxmin()
    assert by_price != by_tco
    ours = offers.loc[offers["supplier"] == OURS, "offer"].item()
    assert by_tco == ours and tco_table.loc[ours, "rank_by_tco"] == 1
    assert tco_table.loc[ours, "rank_by_price"] > 1
    # our price per vehicle set is the contract's first quote
    expected = round(generator.START_PRICE / 1000 * generator.KG_PER_VEHICLE, 2)
    assert tco_table.loc[ours, "price"] == pytest.approx(expected)


def test_tco_card_quotes_every_tco_and_rank(offers, tco_table, generator):
    text = card("tco_offers")
    for offer, row in tco_table.iterrows():
        line = next(t for t in text.splitlines() if t.startswith(f"| {offer} |"))
        for figure in [f"| {row['price']:.2f} |", f"| **{row['tco']:.2f}** |",
                       f"| {int(row['rank_by_price'])} |"]:
            assert figure in line, (offer, figure)
        rank = int(row["rank_by_tco"])
        assert line.endswith((f"| {rank} |", f"| **{rank}** |")), line
    ours = offers.loc[offers["supplier"] == OURS, "offer"].item()
    cheapest = tco_table["price"].idxmin()
    gap = tco_table.loc[cheapest, "tco"] - tco_table.loc[ours, "tco"]
    runner_up = tco_table.sort_values("tco").index[1]
    vehicles = sum(generator.CONTRACT_BUILDS)
    for figure in [f"CNY {tco_table.loc[ours, 'price'] - tco_table.loc[cheapest, 'price']:.2f}"
                   " above Jinhe", f"CNY {gap:.2f} per", f"{vehicles:,} vehicles",
                   f"CNY {tco_table.loc[runner_up, 'tco'] - tco_table.loc[ours, 'tco']:.2f} below",
                   f"about CNY {gap * vehicles / 1e6:.0f} m",
                   f"annuity factor {(1 - 1.08 ** -10) / 0.08:.4f}"]:
        assert figure in text, figure


# --- economic value to the customer ------------------------------------------------------------


def test_evc_rows_have_the_expected_kinds(evc_items):
    counts = evc_items["kind"].value_counts()
    assert counts["reference"] == 1 and counts["our_price"] == 1 and counts["negative"] == 1
    assert 2 <= counts["savings"] <= 4 and 1 <= counts["benefit"] <= 2
    assert set(counts.index) == {"reference", "savings", "benefit", "negative", "our_price"}
    assert (evc_items["amount"] > 0).all() and evc_items["item"].is_unique


def test_evc_exceeds_our_price_which_exceeds_the_reference(value):
    assert value.value > value.price > value.reference_price
    assert value.customer_incentive > 0 and value.premium > 0
    split = value.split(value.price)
    assert split.customer_share + split.our_share == pytest.approx(1)


def test_evc_is_consistent_with_the_tco_table(evc_items, value, tco_table, offers):
    ours = offers.loc[offers["supplier"] == OURS, "offer"].item()
    reference = tco_table["price"].idxmin()
    ref_row = evc_items[evc_items["kind"] == "reference"].iloc[0]
    assert reference in ref_row["item"]
    assert value.reference_price == pytest.approx(tco_table.loc[reference, "price"])
    assert value.price == pytest.approx(tco_table.loc[ours, "price"])
    # savings = the reference's extra acquisition, operating and end-of-life costs, discounted
    extra = (tco_table.loc[reference] - tco_table.loc[ours])
    gap = extra["acquisition"] + extra["operating_pv"] + extra["end_of_life_pv"]
    assert value.savings == pytest.approx(gap, abs=0.015)
    tco_gap = tco_table.loc[reference, "tco"] - tco_table.loc[ours, "tco"]
    assert value.customer_incentive == pytest.approx(
        tco_gap + value.benefits - value.negative, abs=0.02)


def test_evc_card_quotes_the_value_and_the_split(value, rounds, generator, tco_table, offers):
    text = card("evc_case")
    split = value.split(value.price)
    ours = offers.loc[offers["supplier"] == OURS, "offer"].item()
    reference = tco_table["price"].idxmin()
    tco_gap = tco_table.loc[reference, "tco"] - tco_table.loc[ours, "tco"]
    round4 = rounds.loc[rounds["label"] == "Round 4", "start_price"].item()
    round4_per_vehicle = round4 / 1000 * generator.KG_PER_VEHICLE
    quoted = [
        f"EVC = {value.reference_price:.2f} + {value.savings:.2f} + {value.benefits:.2f} − "
        f"{value.negative:.2f} = CNY {value.value:.2f}",
        f"**CNY {value.differentiation:.2f}**",
        f"**CNY {value.price:.2f}**",
        f"**CNY {value.customer_incentive:.2f}** ({pct(split.customer_share)} of the pool)",
        f"**CNY {value.premium:.2f}** ({pct(split.our_share)})",
        f"(CNY {tco_gap:.2f})",
        f"CNY {round4:,.0f} / t) our price would be CNY {round4_per_vehicle:.2f}",
        f"below the reference product's {value.reference_price:.2f}",
    ]
    for figure in quoted:
        assert figure in text, figure
    assert round4_per_vehicle < value.reference_price
    for row in load_dataset("evc_case").itertuples():
        assert f"| {row.item} | {row.kind} | {row.amount:.2f} |" in text, row.item


def test_generator_rounds_are_the_package_rounds(generator):
    from kamlab.economics import NEGOTIATION_ROUNDS

    assert tuple(generator.NEGOTIATION_STEPS) == tuple(NEGOTIATION_ROUNDS)
