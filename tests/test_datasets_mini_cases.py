"""The two mini-case tables of module 6 (seed 000's appendix): exact regeneration, columns,
identities, the seed's figures and the data cards.

The figures are computed here with plain numpy/pandas; the case functions are tested against
hand-worked examples in tests/cases/test_cases_oil.py and tests/cases/test_cases_dealers.py."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kamlab.columns import COLUMNS
from kamlab.data import dataset_names, load_dataset

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
NAMES = ("oil_bulk_accounts", "dealers")


@pytest.fixture(scope="module")
def gen(load_generator):
    return load_generator("generate_mini_cases.py")


@pytest.fixture(scope="module")
def built(gen):
    return gen.build_all()


@pytest.fixture(scope="module")
def oil():
    return load_dataset("oil_bulk_accounts")


@pytest.fixture(scope="module")
def dealers():
    return load_dataset("dealers")


# --- the files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_regenerating_gives_the_committed_csv_exactly(gen, built, name):
    committed = (DATASETS / f"{name}.csv").read_bytes().decode("utf-8")
    assert gen.to_csv_text(built[name]) == committed, (
        f"datasets/{name}.csv is stale: run `python datasets/generate_mini_cases.py`")


def test_check_mode_passes_now(gen, capsys):
    assert gen.main(["--check"]) == 0


def test_build_is_deterministic_and_the_seed_matters(gen, built):
    pd.testing.assert_frame_equal(gen.build_oil_bulk_accounts(), built["oil_bulk_accounts"])
    pd.testing.assert_frame_equal(gen.build_dealers(), built["dealers"])
    other = gen.build_oil_bulk_accounts(seed=1)
    assert not other["volume"].equals(built["oil_bulk_accounts"]["volume"])
    assert other["volume"].sum() == 600_000  # the calibration holds for any seed


@pytest.mark.parametrize("name", NAMES)
def test_load_dataset_returns_the_generated_data(built, name):
    assert name in dataset_names()
    pd.testing.assert_frame_equal(load_dataset(name), built[name], check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_every_column_is_canonical_with_its_kind(name):
    df = load_dataset(name)
    assert df.notna().all().all()
    for col in df.columns:
        assert col in COLUMNS, f"{name}: {col!r} is not a canonical column"
        spec = COLUMNS[col]
        if spec.kind == "flag":
            assert pd.api.types.is_bool_dtype(df[col]), col
        elif spec.numeric:
            assert pd.api.types.is_integer_dtype(df[col]), col  # whole yuan, tonnes, scores
        if spec.minimum is not None:
            assert (df[col] >= spec.minimum).all(), col
        if spec.maximum is not None:
            assert (df[col] <= spec.maximum).all(), col


# --- mini-case 1: the oil maker's bulk division -----------------------------------------------


def test_oil_identities(oil):
    assert len(oil) == 120 and oil["account_id"].is_unique and oil["name"].is_unique
    assert oil["account_id"].str.fullmatch(r"OB\d{3}").all()
    assert (oil["unit_margin"] == oil["price"] - oil["unit_cost"]).all()
    assert (oil["revenue"] == oil["volume"] * oil["price"]).all()
    assert (oil["gross_margin"] == oil["volume"] * oil["unit_margin"]).all()
    assert (oil["volume"] > 0).all() and (oil["response"] > 0).all()


def test_oil_top_five_hold_60_percent_of_the_volume(oil):
    ranked = oil.sort_values("volume", ascending=False)
    share = ranked["volume"].head(5).sum() / oil["volume"].sum()
    assert abs(share - 0.60) <= 0.01, share
    assert ranked["volume"].head(4).sum() / oil["volume"].sum() < 0.59  # "a few" = five


def test_oil_margins_are_low_and_thin_or_negative_at_the_big_accounts(oil):
    top = oil.nlargest(5, "volume")
    rest = oil.drop(top.index)
    assert oil["gross_margin"].sum() / oil["revenue"].sum() < 0.05
    assert (top["unit_margin"] <= 0).sum() >= 2  # several below zero ...
    assert (top["unit_margin"] < 200).all()  # ... and all thin
    assert rest["unit_margin"].median() > 3 * top["unit_margin"].max()
    assert top["gross_margin"].sum() / oil["gross_margin"].sum() < 0.15
    assert (top["relationship"] <= 3).all()  # relations poor


def test_oil_scores_use_the_scale_and_response_grows_with_volume(oil):
    for col in ["strategic_importance", "relationship"]:
        assert set(oil[col]) == {1, 2, 3, 4, 5}, col
    rho = np.corrcoef(np.log(oil["volume"]), np.log(oil["response"]))[0, 1]
    assert rho > 0.8


def test_oil_rows_are_not_sorted(oil):
    assert oil["volume"].idxmax() not in (0, len(oil) - 1)
    assert not oil["volume"].is_monotonic_decreasing


# --- mini-case 2: the dealers ------------------------------------------------------------------

SEED = {"key_chain": (50, 0.15), "multi_unit": (500, 0.35), "small_dealer": (20_000, 0.50)}


def test_dealer_identities(dealers):
    assert len(dealers) == 20_550 and dealers["account_id"].is_unique
    assert (dealers["revenue"] == dealers["forms_revenue"] + dealers["systems_revenue"]).all()
    assert (dealers["wallet"] >= dealers["revenue"]).all()
    assert (dealers["cannibalised"] <= dealers["systems_revenue"]).all()
    assert dealers["rooftops"].min() >= 1


@pytest.mark.parametrize("segment", list(SEED))
def test_dealer_segments_reproduce_the_seed(dealers, segment):
    count, share = SEED[segment]
    at = dealers["segment"] == segment
    assert at.sum() == count
    assert dealers.loc[at, "revenue"].sum() / dealers["revenue"].sum() == pytest.approx(share,
                                                                                      abs=5e-4)


def test_dealer_rooftops_order_the_segments(dealers):
    rooftops = dealers.groupby("segment")["rooftops"]
    assert rooftops.min()["key_chain"] > rooftops.max()["multi_unit"]
    assert rooftops.min()["multi_unit"] > rooftops.max()["small_dealer"]


def test_today_cost_to_serve_is_the_rep_and_order_desk_cost_exactly(gen, dealers):
    from kamlab.cases.dealers import DEALER_CHANNELS

    assert DEALER_CHANNELS["division_reps"][:2] == gen.REP_COST
    assert DEALER_CHANNELS["telesales"][:2] == gen.ORDER_DESK_COST
    calls = dealers["forms_rep"].astype(int) + dealers["systems_rep"].astype(int)
    rep = 3_000 + 1_200 * dealers["rooftops"]
    desk = 600 + 100 * dealers["rooftops"]
    assert (dealers["cost_to_serve"] == np.where(calls > 0, calls * rep, desk)).all()


def test_both_divisions_call_on_every_large_chain_and_cannibalise_most_there(dealers):
    both = dealers["forms_rep"] & dealers["systems_rep"]
    assert both[dealers["segment"] == "key_chain"].all()
    rate = dealers["cannibalised"] / dealers["systems_revenue"].where(
        dealers["systems_revenue"] > 0)
    assert rate[both].mean() > 2 * rate[~both].mean()


# --- the data cards ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_card_documents_every_column_the_seed_and_the_generator(name):
    text = (DATASETS / f"{name}.md").read_text(encoding="utf-8")
    for col in load_dataset(name).columns:
        assert f"| `{col}` |" in text, f"{name}.md: no table row for {col!r}"
    assert "synthetic" in text.lower() and "000_484018b8be0aa7c6.txt" in text
    assert "python datasets/generate.py" in text and "--check" in text
    assert "CNY" in text


def test_oil_card_states_the_figures_the_data_has(oil):
    text = (DATASETS / "oil_bulk_accounts.md").read_text(encoding="utf-8")
    top = oil.nlargest(5, "volume")
    margins = ", ".join(f"{m:,}".replace("-", "−") for m in top["unit_margin"])
    figures = {
        "top-5 share": f"**{top['volume'].sum() / oil['volume'].sum():.1%}**",
        "margin rate": f"**{oil['gross_margin'].sum() / oil['revenue'].sum():.1%}**",
        "top-5 unit margins": f"**{margins}**",
        "top-5 relationships": "**" + ", ".join(str(r) for r in top["relationship"]) + "**",
        "median unit margin": f"CNY {oil['unit_margin'].median():,.0f} per tonne",
        "top-10 share": f"{oil.nlargest(10, 'volume')['volume'].sum() / 600_000:.1%}",
    }
    for label, shown in figures.items():
        assert shown in text, f"oil_bulk_accounts.md should quote {label} = {shown}"
    assert re.search(r"default_rng\(20060611\)", text)


def test_dealers_card_states_the_figures_the_data_has(dealers):
    text = (DATASETS / "dealers.md").read_text(encoding="utf-8")
    both = dealers["forms_rep"] & dealers["systems_rep"]
    figures = {
        "called on by both": f"**{both.sum():,}**",
        "cannibalised": f"**CNY {dealers['cannibalised'].sum() / 1e6:.1f} m**",
        "today's cost": f"CNY {dealers['cost_to_serve'].sum() / 1e6:.1f} m",
        "wallet": f"CNY {dealers['wallet'].sum() / 1e6:,.1f} m",
    }
    for label, shown in figures.items():
        assert shown in text, f"dealers.md should quote {label} = {shown}"
    assert re.search(r"default_rng\(20060612\)", text)
