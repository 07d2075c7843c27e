"""The key-account card data (seed 001): exact regeneration, columns, the reconciliation of the
last 12 months with ``customers``, the trends and credit cases the course needs, and the cards.

The figures are computed here with plain pandas; the card's own arithmetic
(kamlab.card.key_account_card) is tested by hand in tests/test_card.py."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kamlab.columns import COLUMNS
from kamlab.data import dataset_names, load_dataset

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
NAMES = ("account_profiles", "account_transactions", "account_credit")
MONTHS = [str(pd.Period("2023-07", freq="M") + k) for k in range(36)]
LAST_12 = MONTHS[-12:]
#: sha256 of the card data as it was before operating_cash_flow was added (issue 12): the
#: profiles without that column, and the other two files, must stay exactly these.
PROFILES_WITHOUT_CASH_FLOW = "1d084b733be4022098ff027957fdab10663ec9b4201538fcdb33a8b4135298b5"
UNCHANGED_FILES = {
    "account_transactions.csv": "25f54a87c65b4447dd1bb4c0b3c2cb2b347e7ca84a8e1b07346f83c834ffe4e1",
    "account_credit.csv": "b9028dbbf91a6806740b5560e462f7bfe237456a4c10adedf089ae55033c4c68",
}


@pytest.fixture(scope="module")
def gen(load_generator):
    return load_generator("generate_cards.py")


@pytest.fixture(scope="module")
def built(gen):
    return gen.build_all()


@pytest.fixture(scope="module")
def profiles():
    return load_dataset("account_profiles")


@pytest.fixture(scope="module")
def transactions():
    return load_dataset("account_transactions")


@pytest.fixture(scope="module")
def credit():
    return load_dataset("account_credit")


@pytest.fixture(scope="module")
def book():
    return load_dataset("customers")


def _window(df, months, column):
    return df[df["month"].isin(months)].groupby("account_id")[column].sum()


# --- the files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_regenerating_gives_the_committed_csv_exactly(gen, built, name):
    committed = (DATASETS / f"{name}.csv").read_bytes().decode("utf-8")
    assert gen.to_csv_text(built[name]) == committed, (
        f"datasets/{name}.csv is stale: run `python datasets/generate_cards.py`")


def test_the_generator_takes_the_book_it_is_given(gen, book):
    small = book.nlargest(300, "revenue")
    built = gen.build_all(small)
    assert built["account_profiles"]["account_id"].tolist()[:5] == (
        book.nlargest(5, "revenue")["account_id"].tolist())
    other = gen.build_all(small, seed=1)
    assert not other["account_transactions"].equals(built["account_transactions"])


def test_check_mode_passes(gen):
    assert gen.main(["--check"]) == 0


@pytest.mark.parametrize("name", NAMES)
def test_listed_with_a_data_card_and_canonical_columns(name):
    assert name in dataset_names()
    assert (DATASETS / f"{name}.md").is_file()
    df = load_dataset(name)
    assert [c for c in df.columns if c not in COLUMNS] == []
    card = (DATASETS / f"{name}.md").read_text(encoding="utf-8")
    for column in df.columns:
        assert f"`{column}`" in card, f"{name}.md does not describe {column!r}"


# --- the accounts ------------------------------------------------------------------------------


def test_the_250_largest_accounts_of_the_book(profiles, book):
    top = book.sort_values(["revenue", "account_id"], ascending=[False, True]).head(250)
    assert profiles["account_id"].tolist() == top["account_id"].tolist()
    merged = profiles.merge(book, on="account_id", suffixes=("", "_book"))
    for column in ("name", "industry", "region", "owner"):
        assert (merged[column] == merged[f"{column}_book"]).all()
    assert profiles["account_tier"].tolist() == ["A"] * 90 + ["B"] * 160
    # tier A is the top 3% of the book, about half its sales (seed 000)
    share = top.head(90)["revenue"].sum() / book["revenue"].sum()
    assert 0.48 <= share <= 0.52


def test_profiles_hang_together(profiles):
    staff = profiles[["staff_management", "staff_sales", "staff_production", "staff_technical"]]
    assert (staff.sum(axis=1) == profiles["employees"]).all()
    assert (staff > 0).all().all()
    assert set(profiles["bank_rating"]) <= {"AAA", "AA", "A", "BBB", "BB", "B"}
    assert set(profiles["credit_terms_days"]) <= {30, 45, 60, 90}
    assert profiles["phone"].str.fullmatch(r"0\d{2,3}-\d{7,8}").all()
    assert profiles["address"].str.contains("号").all()
    assert profiles["name"].is_unique and profiles["legal_representative"].notna().all()
    assert (profiles["company_turnover"] > 0).all()
    assert (profiles["operating_cash_flow"] % 10_000 == 0).all()
    rate = profiles["operating_cash_flow"] / profiles["company_turnover"]
    assert rate.between(-0.185, 0.145).all()


def test_cash_flow_is_negative_only_for_the_weak_accounts(profiles, credit, transactions):
    """Negative for every persistently overdue account and most fading ones, no other."""
    last12 = credit[credit["month"].isin(LAST_12)]
    persistent = last12.groupby("account_id")["days_overdue"].apply(lambda s: (s > 60).sum())
    persistent = set(persistent[persistent >= 6].index)
    ratio = _window(transactions, MONTHS[-6:], "revenue") / _window(
        transactions, MONTHS[-12:-6], "revenue")
    fading = set(ratio[ratio < 0.4].index)
    cash = profiles.set_index("account_id")["operating_cash_flow"]
    negative = set(cash[cash < 0].index)
    assert len(persistent) == 12 and persistent <= negative
    assert len(fading) == 10 and len(fading & negative) == 9
    assert negative == persistent | (fading & negative) and len(negative) == 20
    rate = cash / profiles.set_index("account_id")["company_turnover"]
    assert rate["C0580"] < -0.10  # bankrupt: the worst cash-flow rate
    assert (rate.drop(list(negative) + ["C0686"]) >= 0.005).all()  # C0686: fading, +0.3%


def test_adding_the_cash_flow_left_every_other_column_as_it_was(profiles):
    """The committed profiles without operating_cash_flow hash to what they were before it."""
    import hashlib

    text = profiles.drop(columns="operating_cash_flow").to_csv(index=False, lineterminator="\n")
    assert hashlib.sha256(text.encode()).hexdigest() == PROFILES_WITHOUT_CASH_FLOW
    for name, digest in UNCHANGED_FILES.items():
        data = (DATASETS / name).read_bytes().replace(b"\r\n", b"\n")
        assert hashlib.sha256(data).hexdigest() == digest, name


def test_profile_credit_limit_is_the_last_month(profiles, credit):
    last = credit[credit["month"] == "2026-06"].set_index("account_id")["credit_limit"]
    assert (profiles.set_index("account_id")["credit_limit"] == last).all()


# --- transactions ------------------------------------------------------------------------------


def test_36_months_per_account_ending_at_the_as_of_month(transactions, credit, profiles):
    for df in (transactions, credit):
        assert len(df) == 250 * 36
        assert not df.duplicated(["account_id", "month"]).any()
        for _, months in df.groupby("account_id", sort=False)["month"]:
            assert months.tolist() == MONTHS
        assert set(df["account_id"]) == set(profiles["account_id"])


def test_last_12_months_add_up_to_the_book_exactly(transactions, book):
    books = book.set_index("account_id")
    for column in ("revenue", "gross_margin"):
        last = _window(transactions, LAST_12, column)
        assert (last == books.loc[last.index, column]).all(), column
    first = _window(transactions, MONTHS[:12], "revenue")
    assert not (first == books.loc[first.index, "revenue"]).all()  # the test can fail


def test_no_negative_values_and_orders_follow_revenue(transactions, credit):
    assert (transactions[["revenue", "gross_margin", "orders"]] >= 0).all().all()
    assert ((transactions["revenue"] > 0) == (transactions["orders"] > 0)).all()
    assert (credit[["credit_limit", "receivables", "overdue", "days_overdue"]] >= 0).all().all()
    assert (credit["overdue"] <= credit["receivables"]).all()
    assert ((credit["overdue"] > 0) == (credit["days_overdue"] > 0)).all()


def test_trends_as_the_card_says(transactions):
    last = _window(transactions, LAST_12, "revenue")
    prior = _window(transactions, MONTHS[-24:-12], "revenue")
    growth = last / prior - 1
    assert round(growth.median(), 3) == 0.048
    assert ((growth > 0.04).sum(), growth.between(-0.04, 0.04).sum(), (growth < -0.04).sum()) == (
        132, 55, 63)
    ratio = _window(transactions, MONTHS[-6:], "revenue") / _window(
        transactions, MONTHS[-12:-6], "revenue")
    assert (ratio < 0.4).sum() == 10 and ratio[ratio >= 0.4].min() > 0.7


def test_seasonality_dips_at_spring_festival(transactions):
    by_month = transactions.assign(m=transactions["month"].str[5:]).groupby("m")["revenue"].sum()
    index = by_month / by_month.mean()
    assert index.idxmin() == "02" and round(index["02"], 2) == 0.79


# --- credit -------------------------------------------------------------------------------------


def test_a_few_accounts_persistently_overdue_or_over_limit(credit, profiles):
    last12 = credit[credit["month"].isin(LAST_12)]
    persistent = last12.groupby("account_id")["days_overdue"].apply(lambda s: (s > 60).sum())
    assert (persistent >= 6).sum() == 12
    over = last12.assign(over=last12["receivables"] > last12["credit_limit"]).groupby(
        "account_id")["over"].sum()
    assert (over >= 6).sum() == 8
    bankrupt = profiles.loc[profiles["status"] == "bankruptcy", "account_id"].tolist()
    assert bankrupt == ["C0580"] and persistent["C0580"] >= 6
    june = credit[credit["month"] == "2026-06"]
    assert (june["overdue"] > 0).sum() == 40
    assert round(june["overdue"].sum() / june["receivables"].sum(), 3) == 0.035


def test_status_accounts_fade(transactions, profiles):
    ratio = _window(transactions, MONTHS[-6:], "revenue") / _window(
        transactions, MONTHS[-12:-6], "revenue")
    odd = profiles.loc[(profiles["status"] != "active") | profiles["legal_restriction"],
                       "account_id"]
    assert sorted(odd) == ["C0580", "C0686", "C1169", "C1840"]
    assert (ratio[odd] < 0.4).all()


# --- the data cards quote the data ----------------------------------------------------------------


def _bold(name):
    text = (DATASETS / f"{name}.md").read_text(encoding="utf-8")
    return re.findall(r"\*\*([^*]+)\*\*", text)


def test_cards_quote_the_figures(profiles, transactions, credit, book):
    p = _bold("account_profiles")
    counts = profiles["bank_rating"].value_counts()
    for rating in ("AAA", "AA", "A", "BBB", "BB", "B"):
        assert str(counts[rating]) in p
    assert str(profiles["employees"].median()) in p
    cash = profiles.set_index("account_id")["operating_cash_flow"]
    assert f"CNY {cash.median() / 1e6:.3f} m" in p and str(int((cash < 0).sum())) in p
    text = (DATASETS / "account_profiles.md").read_text(encoding="utf-8")
    assert f"{cash.min() / 1e6:.2f} m `{cash.idxmin()}`" in text.replace("−", "-")
    assert f"{cash.max() / 1e6:.2f} m `{cash.idxmax()}`" in text
    t = _bold("account_transactions")
    last = transactions[transactions["month"].isin(LAST_12)]
    assert f"{last['revenue'].sum() / 1e6:,.1f} m" in t
    assert f"{last['revenue'].sum() / book['revenue'].sum():.1%}" in t
    assert f"{last['gross_margin'].sum() / last['revenue'].sum():.1%}" in t
    assert str(int((transactions["revenue"] == 0).sum())) in t
    c = _bold("account_credit")
    june = credit[credit["month"] == "2026-06"]
    assert f"{june['receivables'].sum() / 1e6:,.1f} m" in c
    assert f"{june['overdue'].sum() / 1e6:,.1f} m" in c
    assert str(int(credit["days_overdue"].max())) in c
    assert np.isclose(float(p[p.index("250")]), 250)
