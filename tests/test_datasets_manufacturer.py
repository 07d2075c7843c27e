"""Module 6's manufacturer datasets (seed 000, 一家大型的美国制造企业): exact regeneration of the
committed CSVs, columns, the market's and the contracts' identities, seed 000's figures and the
data cards.

The figures are computed here with plain numpy / pandas; kamlab.cases.manufacturer is tested
by hand in tests/cases/test_cases_manufacturer.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kamlab.columns import COLUMNS
from kamlab.data import dataset_names, load_dataset

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
GENERATOR = DATASETS / "generate_manufacturer.py"
NAMES = ("manufacturer_market", "manufacturer_mergers", "manufacturer_contracts")
COLUMNS_IN_ORDER = {
    "manufacturer_market": ["year", "account_id", "company", "company_zh", "purchases"],
    "manufacturer_mergers": ["year", "acquirer", "target"],
    "manufacturer_contracts": ["contract_id", "account_id", "start_year", "term_years", "volume",
                               "start_price", "unit_cost", "price_down", "cost_down",
                               "investment", "rate"],
}
TOP10 = {
    "M01": ("Northstar Appliances", "北星电器"), "M02": ("Great Lakes Home", "大湖家居"),
    "M03": ("Keystone Appliance Group", "基石家电集团"),
    "M04": ("Pacific Home Products", "太平洋家居用品"), "M05": ("Summit Cooling", "顶峰制冷"),
    "M06": ("Liberty Kitchen Works", "自由厨具"), "M07": ("Prairie Laundry", "草原洗衣设备"),
    "M08": ("Atlantic Housewares", "大西洋家用器具"), "M09": ("Redwood Climate", "红杉空调"),
    "M10": ("Bluewater Appliance", "蓝水电器"),
}


@pytest.fixture(scope="module")
def gen(load_generator):
    return load_generator(GENERATOR.name)


@pytest.fixture(scope="module")
def built(gen):
    return gen.build_all()


@pytest.fixture(scope="module")
def market():
    return load_dataset("manufacturer_market")


@pytest.fixture(scope="module")
def mergers():
    return load_dataset("manufacturer_mergers")


@pytest.fixture(scope="module")
def contracts():
    return load_dataset("manufacturer_contracts")


def shares_by_year(market):
    """{year: purchases sorted largest first} with plain numpy."""
    return {y: np.sort(g["purchases"].to_numpy(dtype=float))[::-1]
            for y, g in market.groupby("year")}


def top_share(p, k):
    return p[:k].sum() / p.sum()


def plain_hhi(p):
    return float(((100 * p / p.sum()) ** 2).sum())


def schedule(contracts):
    """One row per contract year, with plain pandas: year, revenue, gross margin."""
    rows = []
    for r in contracts.itertuples(index=False):
        for t in range(r.term_years):
            price = r.start_price * (1 - r.price_down) ** t
            cost = r.unit_cost * (1 - r.cost_down) ** t
            rows.append((r.contract_id, r.account_id, r.start_year + t, t + 1,
                         price * r.volume, (price - cost) * r.volume))
    return pd.DataFrame(rows, columns=["contract_id", "account_id", "year", "t", "revenue",
                                       "margin"])


# --- the files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_regenerating_gives_the_committed_csv_exactly(gen, built, name):
    committed = (DATASETS / f"{name}.csv").read_bytes().decode("utf-8")
    assert gen.to_csv_text(built[name]) == committed, (
        f"datasets/{name}.csv is stale: run `python datasets/generate_manufacturer.py`")


def test_build_is_deterministic_and_check_mode_reports_a_change(gen, built, tmp_path):
    again = gen.build_all()
    for name in NAMES:
        pd.testing.assert_frame_equal(again[name], built[name])
    assert gen.check_all() == []
    gen.write_all(tmp_path)
    assert gen.check_all(tmp_path) == []
    path = tmp_path / "manufacturer_mergers.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("M31", "M32"), encoding="utf-8")
    (tmp_path / "manufacturer_contracts.csv").unlink()
    assert gen.check_all(tmp_path) == ["manufacturer_mergers.csv: differs from the generator",
                                       "manufacturer_contracts.csv: missing"]


def test_the_generator_is_independent_of_kamlab():
    tree = ast.parse(GENERATOR.read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)
                for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree)
                 if isinstance(n, ast.ImportFrom) and n.module}
    assert "kamlab" not in imported
    assert imported <= {"__future__", "argparse", "sys", "pathlib", "numpy", "pandas"}


@pytest.mark.parametrize("name", NAMES)
def test_load_dataset_returns_the_generated_data(built, name):
    assert name in dataset_names()
    pd.testing.assert_frame_equal(load_dataset(name), built[name], check_exact=False,
                                  rtol=1e-12, check_dtype=False)


@pytest.mark.parametrize("name", NAMES)
def test_columns_are_canonical_and_in_order(name):
    df = load_dataset(name)
    assert list(df.columns) == COLUMNS_IN_ORDER[name]
    assert all(c in COLUMNS for c in df.columns)


# --- the market ---------------------------------------------------------------------------------


def test_market_rows_ids_and_names(market):
    assert sorted(market["year"].unique()) == list(range(2005, 2025))
    assert not market.duplicated(["year", "account_id"]).any()
    assert (market["purchases"] > 0).all() and (market["purchases"] % 10_000 == 0).all()
    assert market["account_id"].str.fullmatch(r"M\d\d").all()
    names = market.drop_duplicates(["account_id", "company", "company_zh"])
    assert not names["account_id"].duplicated().any()  # one name per company, every year
    assert not names["company"].duplicated().any() and not names["company_zh"].duplicated().any()
    fixed = names[names["account_id"].isin(list(TOP10))].set_index("account_id")
    assert {a: (r.company, r.company_zh) for a, r in fixed.iterrows()} == TOP10
    assert sorted(names["account_id"]) == [f"M{i:02d}" for i in range(1, 53)]


def test_companies_leave_only_by_merger(market, mergers):
    by_company = market.groupby("account_id")["year"].agg(["min", "max", "count"])
    assert (by_company["min"] == 2005).all()  # nobody enters
    assert (by_company["count"] == by_company["max"] - 2005 + 1).all()  # no gaps
    gone = by_company[by_company["max"] < 2024]
    last = mergers.set_index("target")["year"] - 1
    assert sorted(gone.index) == sorted(last.index)
    assert (gone["max"] == last[gone.index]).all()


def test_every_acquirer_buys_before_and_after_its_merger(market, mergers):
    present = set(zip(market["year"], market["account_id"]))
    for r in mergers.itertuples():
        assert (r.year - 1, r.acquirer) in present and (r.year, r.acquirer) in present
    assert len(mergers) == 20 and not mergers["target"].duplicated().any()


def test_company_counts(market):
    counts = market.groupby("year").size()
    assert 45 <= counts[2005] <= 60
    assert counts[2005] - counts[2024] == 20


def test_seed_000_the_top_ten_hold_95_percent_in_2024(market):
    p = shares_by_year(market)
    assert abs(top_share(p[2024], 10) - 0.95) <= 0.005
    assert f"{top_share(p[2024], 10):.1%}" == "95.0%"
    top10 = market[market["year"] == 2024].nlargest(10, "purchases")["account_id"]
    assert sorted(top10) == sorted(TOP10)


def test_the_top_ten_first_reach_95_percent_in_2024(market):
    p = shares_by_year(market)
    reached = [y for y in sorted(p) if top_share(p[y], 10) >= 0.95]
    assert reached[0] == 2024
    assert 0.93 < top_share(p[2023], 10) < 0.95


def test_the_market_starts_far_less_concentrated(market):
    p = shares_by_year(market)
    assert 0.55 <= top_share(p[2005], 10) <= 0.65
    assert top_share(p[2005], 4) < top_share(p[2024], 4)


def test_hhi_is_rising_still_consolidating(market):
    p = shares_by_year(market)
    h = pd.Series({y: plain_hhi(v) for y, v in p.items()})
    assert h[2024] > 2 * h[2005]
    assert (h.loc[2021:].diff().dropna() > 0).all()  # still consolidating
    assert (h.diff().dropna() > 0).sum() >= 16


# --- the contracts ------------------------------------------------------------------------------


def test_contracts_are_3_to_5_years_and_all_three_occur(contracts):
    assert set(contracts["term_years"]) == {3, 4, 5}  # seed 000: 3–5-year contracts
    assert len(contracts) == 30 and contracts["contract_id"].is_unique
    assert (contracts["contract_id"] == contracts["account_id"] + "-"
            + contracts["start_year"].astype(str)).all()
    assert set(contracts["account_id"]) == set(TOP10)


def test_each_customer_has_back_to_back_contracts_one_in_force_in_2025(contracts):
    for account, chain in contracts.sort_values("start_year").groupby("account_id"):
        ends = chain["start_year"] + chain["term_years"]  # the year after the last
        assert (chain["start_year"].iloc[1:].to_numpy() == ends.iloc[:-1].to_numpy()).all()
        current = chain[(chain["start_year"] <= 2025) & (ends > 2025)]
        assert len(current) == 1, account


def test_terms_are_plausible(contracts):
    margin = 1 - contracts["unit_cost"] / contracts["start_price"]
    assert margin.between(0.15, 0.30).all()
    assert contracts["price_down"].between(0.0, 0.03).all()
    assert contracts["cost_down"].between(0.0, 0.03).all()
    assert (contracts["rate"] == 0.09).all()
    assert (contracts["investment"] > 0).all()
    assert (contracts["investment"] < 0.05 * contracts["volume"] * contracts["start_price"]).all()


def test_our_revenue_is_a_plausible_share_of_each_customers_purchases(contracts, market):
    s = schedule(contracts).merge(market, on=["year", "account_id"])  # years up to 2024
    share = s["revenue"] / s["purchases"]
    assert share.between(0.15, 0.70).all()
    y24 = s[s["year"] == 2024]
    assert 0.25 <= y24["revenue"].sum() / y24["purchases"].sum() <= 0.40


def test_bigger_customers_get_lower_prices(contracts, market):
    before = market.assign(year=market["year"] + 1)  # purchases the year before the start
    c = contracts.merge(before, left_on=["start_year", "account_id"],
                        right_on=["year", "account_id"])
    index = 36_000 * 1.018 ** (c["start_year"] - 2010)
    assert np.corrcoef(np.log(c["purchases"]), c["start_price"] / index)[0, 1] < -0.5


def test_every_contract_has_a_positive_npv(contracts):
    for r in contracts.itertuples(index=False):
        t = np.arange(1, r.term_years + 1)
        flows = r.volume * (r.start_price * (1 - r.price_down) ** (t - 1)
                            - r.unit_cost * (1 - r.cost_down) ** (t - 1))
        assert (flows / (1 + r.rate) ** t).sum() - r.investment > 0


def test_2027_is_the_very_heavy_renewal_year(contracts):
    s = schedule(contracts)
    last = s[s["t"] == s["contract_id"].map(contracts.set_index("contract_id")["term_years"])]
    up = last.groupby(last["year"] + 1)["revenue"].sum().reindex(range(2025, 2031),
                                                                   fill_value=0.0)
    assert up.idxmax() == 2027 and up[2029] == 0
    assert up[2027] > 2 * up.drop(2027).max()
    assert sorted(last.loc[last["year"] == 2026, "account_id"]) == ["M01", "M02", "M04", "M10"]


# --- the data cards -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_card_documents_its_columns_seed_and_generator(name):
    text = (DATASETS / f"{name}.md").read_text(encoding="utf-8")
    for col in COLUMNS_IN_ORDER[name]:
        assert f"| `{col}` |" in text, f"{name}.md: no table row for {col!r}"
    assert "synthetic" in text.lower() and "000_484018b8be0aa7c6.txt" in text
    assert "python datasets/generate_manufacturer.py" in text and "--check" in text
    assert "python datasets/generate.py" in text
    assert "CNY" in text


def test_market_card_states_the_figures_the_data_has(market):
    text = (DATASETS / "manufacturer_market.md").read_text(encoding="utf-8")
    p = shares_by_year(market)
    for year in (2005, 2010, 2015, 2020, 2023, 2024):
        assert f"{top_share(p[year], 10):.1%}" in text, year
        assert f"{top_share(p[year], 4):.1%}" in text, year
        assert f"{plain_hhi(p[year]):,.0f}" in text, year
        assert f"{p[year].sum() / 1e9:.2f}" in text, year
    assert re.search(r"default_rng\(20050601\)", text)


def test_contracts_card_states_the_figures_the_data_has(contracts):
    text = (DATASETS / "manufacturer_contracts.md").read_text(encoding="utf-8")
    s = schedule(contracts)
    assert f"CNY {s.loc[s['year'] == 2024, 'revenue'].sum() / 1e9:.2f} bn" in text
    counts = contracts["term_years"].value_counts()
    assert f"{counts[3]} of 3 years, {counts[4]} of 4, {counts[5]} of 5" in text
    for r in contracts[(contracts["start_year"] <= 2025)
                       & (contracts["start_year"] + contracts["term_years"] > 2025)].itertuples():
        assert f"| {r.contract_id} | {r.start_year}–{r.start_year + r.term_years - 1} |" in text
