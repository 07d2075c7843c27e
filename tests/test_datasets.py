"""The bundled datasets: exact regeneration, loading, accounting identities and seed figures.

The seed figures (seed 000: 3% of customers make 50% of sales, 11% make 75% of profit, the top
tier gets the least sales time; seed 004: ABC 80/15/5; seed 002: telecom segment economics) are
computed here with plain numpy, independently of kamlab's own concentration functions.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kamlab.columns import COLUMNS, SCORE_COLUMNS
from kamlab.data import dataset_names, load_dataset

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
NAMES = sorted(["customers", "opportunities", "opportunity_stages", "telecom_segments",
                # module 4 (tests/economics/test_economics_data.py)
                "contract_case", "contract_terms", "negotiation_rounds", "industry_plants",
                "industry_demand", "tco_offers", "evc_case",
                # module 6 (tests/test_datasets_manufacturer.py, _buying_centre.py, _mini_cases.py)
                "manufacturer_market", "manufacturer_mergers", "manufacturer_contracts",
                "buying_centre", "account_coverage", "oil_bulk_accounts", "dealers",
                # account planning (tests/test_datasets_cards.py)
                "account_profiles", "account_transactions", "account_credit"])

CUSTOMER_COLUMNS = [
    "account_id", "name", "industry", "region", "owner", "revenue", "gross_margin",
    "cost_to_serve", "profit", "sales_hours", "wallet", "share_of_wallet", "tenure_years",
    *SCORE_COLUMNS,
]
MONEY_INT_COLUMNS = ["revenue", "gross_margin", "cost_to_serve", "profit", "wallet"]
INDUSTRIES = {
    "Coatings", "Plastics", "Textiles", "Pharmaceuticals", "Electronics", "Agrochemicals",
    "Construction", "Personal care",
}
REGIONS = {"East", "South", "North", "Central", "Southwest", "Northeast", "Northwest"}


@pytest.fixture(scope="module")
def built(generator):
    return generator.build_all()


@pytest.fixture(scope="module")
def customers():
    return load_dataset("customers")


def top_share(values, frac):
    """Share of the total held by the top ceil(frac * n) values (total = net sum)."""
    s = np.sort(np.asarray(values, dtype=float))[::-1]
    return s[: math.ceil(frac * len(s))].sum() / s.sum()


def band_share(values, start, stop):
    """Share of the total held by the values ranked in (start, stop] as fractions of n."""
    return top_share(values, stop) - (top_share(values, start) if start else 0.0)


def revenue_tier_shares(df, column, cuts=(0.04, 0.20)):
    """Shares of `column` for the tiers top 4% / next 16% / bottom 80% by revenue rank."""
    order = np.argsort(-df["revenue"].to_numpy(), kind="stable")
    values = df[column].to_numpy(dtype=float)[order]
    bounds = [0, *(math.ceil(c * len(values)) for c in cuts), len(values)]
    return [values[a:b].sum() / values.sum() for a, b in zip(bounds, bounds[1:])]


# --- the files --------------------------------------------------------------------------------


def test_generator_covers_every_committed_csv(generator):
    assert sorted(generator.build_all()) == NAMES
    assert sorted(p.stem for p in DATASETS.glob("*.csv")) == NAMES
    assert set(NAMES) <= set(dataset_names())


@pytest.mark.parametrize("name", NAMES)
def test_regenerating_gives_the_committed_csv_exactly(generator, built, name):
    committed = (DATASETS / f"{name}.csv").read_bytes().decode("utf-8")
    assert generator.to_csv_text(built[name]) == committed, (
        f"datasets/{name}.csv is stale: run `python datasets/generate.py`"
    )


def test_check_mode_passes_now_and_reports_a_changed_file(generator, tmp_path, capsys):
    assert generator.main(["--check"]) == 0
    generator.write_all(tmp_path)
    assert generator.check_all(tmp_path) == []
    path = tmp_path / "customers.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[7] = lines[7].replace(",", ";", 1)
    path.write_text("".join(lines), encoding="utf-8")
    (tmp_path / "telecom_segments.csv").unlink()
    problems = generator.check_all(tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith("customers.csv: 1 line(s) differ")
    assert "telecom_segments.csv: missing" in problems[1]


def test_build_is_deterministic(generator, built):
    again = generator.build_customers()
    pd.testing.assert_frame_equal(again, built["customers"])


@pytest.mark.parametrize("name", NAMES)
def test_load_dataset_returns_the_generated_data(built, name):
    loaded = load_dataset(name)
    pd.testing.assert_frame_equal(loaded, built[name], check_exact=False, rtol=1e-12)


def test_customer_columns_and_dtypes(customers):
    assert list(customers.columns) == CUSTOMER_COLUMNS
    assert pd.api.types.is_string_dtype(customers["account_id"])
    assert customers["account_id"].str.fullmatch(r"C\d{4}").all()
    assert customers["account_id"].iloc[0] == "C0001"  # leading zeros kept
    for col in CUSTOMER_COLUMNS:
        numeric = pd.api.types.is_numeric_dtype(customers[col])
        assert numeric == COLUMNS[col].numeric, col
    for col in [*MONEY_INT_COLUMNS, "tenure_years", *SCORE_COLUMNS]:
        assert pd.api.types.is_integer_dtype(customers[col]), col
    assert customers.notna().all().all()


def test_telecom_columns_and_dtypes():
    df = load_dataset("telecom_segments")
    assert list(df.columns) == [
        "segment", "segment_zh", "customers_share", "revenue_share", "ebit_share"
    ]
    for col in ["customers_share", "revenue_share", "ebit_share"]:
        assert pd.api.types.is_float_dtype(df[col])


# --- customers: identities and ranges ----------------------------------------------------------


def test_shape_and_unique_ids_and_names(customers):
    assert len(customers) == 3000
    assert customers["account_id"].is_unique
    assert customers["name"].is_unique
    assert customers["name"].str.fullmatch(r"\w+(有限公司)").all()


def test_rows_are_not_sorted_by_revenue(customers):
    position = np.arange(len(customers))
    rank = customers["revenue"].rank(ascending=False).to_numpy()
    assert abs(np.corrcoef(position, rank)[0, 1]) < 0.1
    assert customers["revenue"].idxmax() > 0


def test_profit_is_gross_margin_minus_cost_to_serve(customers):
    expected = customers["gross_margin"] - customers["cost_to_serve"]
    assert (customers["profit"] == expected).all()


def test_wallet_and_share_of_wallet(customers):
    assert (customers["wallet"] >= customers["revenue"]).all()
    recomputed = np.round(customers["revenue"] / customers["wallet"], 4)
    np.testing.assert_allclose(customers["share_of_wallet"], recomputed, rtol=0, atol=1e-9)
    assert customers["share_of_wallet"].between(0, 1).all()


def test_value_ranges(customers):
    assert (customers["revenue"] > 0).all()
    assert (customers["cost_to_serve"] >= 0).all()
    assert (customers["sales_hours"] >= 0).all()
    np.testing.assert_allclose(customers["sales_hours"] * 10, np.round(customers["sales_hours"] * 10))
    assert (customers["tenure_years"] >= 0).all()
    margin_rate = customers["gross_margin"] / customers["revenue"]
    assert margin_rate.between(0.08 - 1e-3, 0.25 + 1e-3).all()
    assert margin_rate.std() > 0.01  # it varies by account


def test_categories(customers):
    assert set(customers["industry"]) == INDUSTRIES
    assert set(customers["region"]) == REGIONS
    assert set(customers["owner"]) == {f"S{i:02d}" for i in range(1, 25)}


def test_scores_are_integers_1_to_5_and_use_the_whole_scale(customers):
    for col in SCORE_COLUMNS:
        assert set(customers[col]) == {1, 2, 3, 4, 5}, col
        assert customers[col].value_counts().min() >= 100, col


def test_total_revenue_is_plausible_for_a_distributor(customers):
    assert 2e9 <= customers["revenue"].sum() <= 6e9


# --- customers: the seed figures -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "stop", "target", "tol", "source"),
    [
        (0.00, 0.03, 0.50, 0.02, "seed 000: 3% of customers make 50% of sales"),
        (0.00, 0.20, 0.80, 0.03, "seed 004: A = top 20% of customers, ~80% of sales"),
        (0.20, 0.40, 0.15, 0.03, "seed 004: B = next 20%, ~15%"),
        (0.40, 1.00, 0.05, 0.02, "seed 004: C = remaining 60%, ~5%"),
    ],
)
def test_revenue_concentration(customers, start, stop, target, tol, source):
    share = band_share(customers["revenue"], start, stop)
    assert abs(share - target) <= tol, f"{source}: got {share:.1%}"


def test_profit_concentration(customers):
    share = top_share(customers["profit"], 0.11)  # total = net profit, losses included
    assert abs(share - 0.75) <= 0.02, f"seed 000: 75% of profit from 11% of customers; got {share:.1%}"


def test_loss_making_tail(customers):
    share = (customers["profit"] < 0).mean()
    assert 0.15 <= share <= 0.30, f"{share:.1%} of accounts lose money"


def test_sales_time_goes_to_the_tail(customers):
    shares = revenue_tier_shares(customers, "sales_hours")
    shown = " / ".join(f"{s:.1%}" for s in shares)
    for got, target in zip(shares, [0.10, 0.30, 0.60]):
        assert abs(got - target) <= 0.04, f"sales-hour shares of the revenue tiers: {shown}"
    revenue = revenue_tier_shares(customers, "revenue")
    assert shares[0] < revenue[0] / 4  # the top tier: most of the value, least of the time


# --- customers: grids are populated and scores follow the economics -------------------------


def test_potential_by_share_of_wallet_grid_is_populated(customers):
    potential = np.select(
        [customers["wallet"] > 1_000_000, customers["wallet"] >= 500_000], ["1", "2"], "3"
    )
    share = np.select(
        [customers["share_of_wallet"] > 0.30, customers["share_of_wallet"] >= 0.10], ["R", "D"], "A"
    )
    grid = pd.crosstab(share, potential)
    assert grid.shape == (3, 3)
    assert grid.to_numpy().min() >= 20, grid


def test_attractiveness_by_relationship_grid_is_populated(customers):
    attractiveness = customers[
        ["differentiation", "value_for_price", "preference", "access", "buying_rules"]
    ].mean(axis=1)
    level = np.select([attractiveness >= 3.5, attractiveness >= 2.5], ["high", "medium"], "low")
    relationship = np.select(
        [customers["relationship"] >= 4, customers["relationship"] == 3], ["good", "average"], "poor"
    )
    grid = pd.crosstab(level, relationship)
    assert grid.shape == (3, 3)
    assert grid.to_numpy().min() >= 10, grid


@pytest.mark.parametrize(
    ("score", "driver", "sign"),
    [
        ("volume_potential", "wallet", +1),
        ("relationship", "tenure_years", +1),
        ("relationship", "share_of_wallet", +1),
        ("bargaining_position", "revenue", -1),
    ],
)
def test_scores_follow_the_economics(customers, score, driver, sign):
    rho = customers[score].rank().corr(customers[driver].rank())
    assert sign * rho > 0.25, f"rank correlation {score} ~ {driver} = {rho:.2f}"
    assert abs(rho) < 0.9  # but with real spread


# --- telecom segments (seed 002) ---------------------------------------------------------------


def test_telecom_segments_reproduce_seed_002():
    df = load_dataset("telecom_segments").set_index("segment")
    assert list(df.index) == ["Residential", "SME", "Large accounts (top 1,000)"]
    assert list(df["segment_zh"]) == ["居民", "中小企业", "大客户(前1000家)"]
    expected = {
        "customers_share": [0.9163, 0.0831, 0.0006],
        "revenue_share": [0.44, 0.25, 0.31],
        "ebit_share": [0.37, 0.26, 0.37],
    }
    for col, values in expected.items():
        np.testing.assert_allclose(df[col], values, rtol=0, atol=1e-12)
        assert df[col].sum() == pytest.approx(1.0, abs=1e-9), col


# --- data cards ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_dataset_has_a_card_naming_each_column(name):
    card = DATASETS / f"{name}.md"
    assert card.exists(), f"datasets/{name}.md is missing"
    text = card.read_text(encoding="utf-8")
    for col in load_dataset(name).columns:
        assert f"`{col}`" in text, f"{card.name} does not document column {col!r}"
    assert "python datasets/generate.py" in text
    assert re.search(r"\b00[0-4]_[0-9a-f]{16}\.txt\b", text), "card names no seed file"
    assert "synthetic" in text.lower() or name == "telecom_segments"


def test_customers_card_states_the_figures_the_data_has(customers):
    """The card quotes the achieved figures to 0.1 pp; regenerating must update it."""
    text = (DATASETS / "customers.md").read_text(encoding="utf-8")
    hours = revenue_tier_shares(customers, "sales_hours")
    figures = {
        "top 3% revenue share": top_share(customers["revenue"], 0.03),
        "top 20% revenue share": top_share(customers["revenue"], 0.20),
        "next 20% revenue share": band_share(customers["revenue"], 0.20, 0.40),
        "bottom 60% revenue share": band_share(customers["revenue"], 0.40, 1.00),
        "top 11% profit share": top_share(customers["profit"], 0.11),
        "loss-making accounts": (customers["profit"] < 0).mean(),
        "hours, top 4%": hours[0],
        "hours, next 16%": hours[1],
        "hours, bottom 80%": hours[2],
    }
    for label, value in figures.items():
        assert f"{100 * value:.1f}%" in text, f"customers.md should quote {label} = {value:.1%}"
