"""The bank customer book (module 5, seed 000): exact regeneration of the committed .csv.gz,
loading, columns, accounting identities, the channel cost table, seed figures and the card.

The identities and shares are computed here with plain numpy; the seed scenario's figures go
through kamlab.cases.bank (tests/cases/test_cases_bank.py tests that model by hand)."""

from __future__ import annotations

import gzip
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kamlab.cases import bank
from kamlab.columns import COLUMNS
from kamlab.data import dataset_names, load_dataset

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
PATH = DATASETS / "bank_customers.csv.gz"
CARD = DATASETS / "bank_customers.md"
COLUMNS_IN_ORDER = [
    "account_id", "segment", "payroll", "products", "avg_balance", "fee_revenue",
    "interest_revenue", "revenue", "branch_visits", "rm_hours", "call_centre_calls",
    "digital_sessions", "cost_to_serve", "profit", "wallet", "will_grow",
]
MONEY = ["avg_balance", "fee_revenue", "interest_revenue", "revenue", "cost_to_serve", "profit",
         "wallet"]
SEGMENTS = {"Mass": 238_500, "Affluent": 45_000, "Business": 15_000, "Private": 1_500}


@pytest.fixture(scope="module")
def built(generator):
    return generator.build_bank_customers()


@pytest.fixture(scope="module")
def book():
    return load_dataset("bank_customers")


def whale_peak(profit):
    ranked = np.sort(np.asarray(profit, dtype=float))[::-1]
    return np.cumsum(ranked).max() / ranked.sum()


# --- the file -----------------------------------------------------------------------------------


def test_regenerating_gives_the_committed_file_exactly(generator, built):
    committed = gzip.decompress(PATH.read_bytes()).decode("utf-8")
    assert generator.to_csv_text(built) == committed, (
        "datasets/bank_customers.csv.gz is stale: run `python datasets/generate.py`")
    assert generator.read_text(PATH) == committed


def test_the_generator_builds_it_only_when_asked(generator):
    assert "bank_customers" in generator.COMPRESSED
    assert "bank_customers" not in generator.build_all()  # the plain-CSV set, as before
    assert generator._file_name("bank_customers") == "bank_customers.csv.gz"
    assert generator._file_name("customers") == "customers.csv"


def test_the_gzip_file_is_small_and_reproducible():
    raw = PATH.read_bytes()
    assert len(raw) <= 12 * 2**20
    assert raw[:2] == b"\x1f\x8b" and raw[3] & 0x08 == 0  # gzip, no file name stored
    assert int.from_bytes(raw[4:8], "little") == 0  # no time stamp


def test_check_mode_compares_the_uncompressed_text(generator, built, tmp_path):
    text = generator.to_csv_text(built)
    changed = text.replace("\nB000007,", "\nB000007X,", 1)
    assert changed != text
    (tmp_path / "bank_customers.csv.gz").write_bytes(gzip.compress(changed.encode(), 1))
    problems = [p for p in generator.check_all(tmp_path) if p.startswith("bank_customers")]
    assert len(problems) == 1 and problems[0].startswith("bank_customers.csv.gz: 1 line(s) differ")


def test_build_is_deterministic(generator, built):
    pd.testing.assert_frame_equal(generator.build_bank_customers(), built)
    small = generator.bank_module().build_bank_customers(n=2_000, seed=1)
    assert len(small) == 2_000 and not small["profit"].equals(built["profit"].iloc[:2_000])


def test_load_dataset_returns_the_generated_data(built, book):
    assert "bank_customers" in dataset_names()
    pd.testing.assert_frame_equal(book, built, check_exact=False, rtol=1e-12)


# --- columns and identities --------------------------------------------------------------------


def test_columns_and_dtypes(book):
    assert list(book.columns) == COLUMNS_IN_ORDER
    assert len(book) == 300_000 and book.notna().all().all()
    assert book["account_id"].str.fullmatch(r"B\d{6}").all() and book["account_id"].is_unique
    assert book["account_id"].iloc[0] == "B000001"
    for col in COLUMNS_IN_ORDER:
        spec = COLUMNS[col]
        assert pd.api.types.is_numeric_dtype(book[col]) == (spec.numeric or spec.kind == "flag")
        if spec.kind == "flag":
            assert pd.api.types.is_bool_dtype(book[col]), col
        if spec.minimum is not None:
            assert (book[col] >= spec.minimum).all(), col
    for col in [*MONEY, "products", "branch_visits", "call_centre_calls", "digital_sessions"]:
        assert pd.api.types.is_integer_dtype(book[col]), col
    np.testing.assert_allclose(book["rm_hours"] * 10, np.round(book["rm_hours"] * 10))


def test_revenue_cost_and_profit_add_up(book):
    assert (book["revenue"] == book["fee_revenue"] + book["interest_revenue"]).all()
    assert (book["profit"] == book["revenue"] - book["cost_to_serve"]).all()
    drivers = {None: 1, **{c: book[c].to_numpy(dtype=float) for c in
                           ["payroll", "branch_visits", "rm_hours", "call_centre_calls",
                            "digital_sessions"]}}
    cost = sum(unit * drivers[d] for d, unit, _ in bank.CHANNEL_COSTS.values())
    assert (np.round(cost) == book["cost_to_serve"]).all()


def test_generator_and_package_share_one_cost_table(generator):
    assert generator.bank_module().CHANNEL_COSTS == bank.CHANNEL_COSTS


def test_values_are_in_range(book):
    assert set(book["segment"].value_counts().items()) == set(SEGMENTS.items())
    assert book["products"].between(1, 8).all()
    assert (book["avg_balance"] > 0).all() and (book["revenue"] > 0).all()
    assert (book["wallet"] >= book["revenue"]).all()
    assert book["branch_visits"].max() <= 250
    assert not book.loc[book["segment"].isin(["Business", "Private"]), "payroll"].any()
    median = book.groupby("segment")["avg_balance"].median()
    assert median["Mass"] < median["Affluent"] < median["Private"]


def test_rows_are_not_sorted(book):
    rank = book["profit"].rank(ascending=False).to_numpy()
    assert abs(np.corrcoef(np.arange(len(book)), rank)[0, 1]) < 0.05


def test_growers_are_small_today_and_have_potential(book):
    growers = book[book["will_grow"]]
    assert 0 < len(growers) < 0.02 * len(book)
    assert (growers["profit"] < 1_000).all()
    assert growers["wallet"].median() > 2 * book["wallet"].median()


# --- seed 000's figures ------------------------------------------------------------------------


def test_whale_curve_peaks_well_above_100_percent(book):
    assert 1.4 <= whale_peak(book["profit"]) <= 2.0


def test_value_destroyers_are_a_large_minority(book):
    assert 0.30 <= (book["profit"] < 0).mean() < 0.50


def test_seed_scenario_reproduces_the_case(book):
    r = bank.simulate(book, bank.SEED_SCENARIO)
    assert abs(r.leavers - 50_000) <= 2_500, r.leavers
    assert abs(r.profit_change - 0.25) <= 0.02, r.profit_change


def test_small_customers_take_most_of_the_rm_time(book):
    graded = bank.grade_customers(book)
    hours = graded.groupby("grade", observed=True)["rm_hours"].sum()
    assert hours["C"] + hours["C+"] > 0.5 * hours.sum()


# --- the data card -----------------------------------------------------------------------------


def test_card_documents_every_column_seed_and_generator(book):
    text = CARD.read_text(encoding="utf-8")
    for col in book.columns:
        assert f"| `{col}` |" in text, f"bank_customers.md: no table row for {col!r}"
    assert "synthetic" in text.lower() and "000_484018b8be0aa7c6.txt" in text
    assert "python datasets/generate.py" in text and "--check" in text
    assert re.search(r"default_rng\(20000825\)", text)


def test_card_states_the_figures_the_data_has(book):
    """The card quotes the achieved figures; regenerating must update it."""
    text = CARD.read_text(encoding="utf-8")
    r = bank.simulate(book, bank.SEED_SCENARIO)
    oc = bank.opportunity_cost(book)
    figures = {
        "leavers": f"{r.leavers:,}",
        "profit change": f"+{100 * r.profit_change:.1f}%",
        "whale peak": f"{100 * whale_peak(book['profit']):.1f}%",
        "loss-making customers": f"{100 * (book['profit'] < 0).mean():.1f}%",
        "growers among the leavers": f"**{oc.growers_lost:,}**",
        "file size": f"{PATH.stat().st_size / 1e6:.1f} MB",
        "variable share": "{:.1f}%".format(
            100 * bank.channel_costs(book)["variable_cost"].sum() / book["cost_to_serve"].sum()),
    }
    for label, shown in figures.items():
        assert shown in text, f"bank_customers.md should quote {label} = {shown}"
    assert math.isclose(r.monthly["profit"].iloc[-1] / r.monthly["profit"].iloc[0] - 1,
                        r.profit_change)
