"""The buying-centre and account-coverage tables (module 6, seeds 000 and 004): exact
regeneration, loading, structure, the seed's shape and the calibration the cards quote.

The calibration is recomputed here with plain pandas, not with kamlab.cases.buying_centre
(tests/cases/test_cases_buying_centre.py checks the same figures through the package)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from kamlab.columns import COLUMNS
from kamlab.data import load_dataset

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
CENTRE_COLUMNS = ["account_id", "company", "company_zh", "contact_id", "contact", "contact_zh",
                  "title", "title_zh", "department", "role", "influence"]
COVERAGE_COLUMNS = ["account_id", "contact_id", "our_person", "our_person_zh", "function",
                    "strength"]
ROLES = {"initiator", "decider", "influencer", "analyst", "user", "buyer", "gatekeeper"}
ACCOUNTS = {"M01": "Northstar Appliances", "M02": "Great Lakes Home",
            "M03": "Keystone Appliance Group", "M04": "Pacific Home Products",
            "M05": "Summit Cooling", "M06": "Liberty Kitchen Works", "M07": "Prairie Laundry",
            "M08": "Atlantic Housewares", "M09": "Redwood Climate", "M10": "Bluewater Appliance"}


@pytest.fixture(scope="module")
def gen(load_generator):
    return load_generator("generate_buying_centre.py")


@pytest.fixture(scope="module")
def built(gen):
    return gen.build()


@pytest.fixture(scope="module")
def centre():
    return load_dataset("buying_centre")


@pytest.fixture(scope="module")
def coverage():
    return load_dataset("account_coverage")


def people(centre):
    return centre.drop_duplicates("contact_id").set_index("contact_id")


def team_gaps(centre, coverage, team):
    """Per contact: influence, best strength in ``team`` (0 if none), gap, plain pandas."""
    p = people(centre)[["account_id", "title", "influence"]].copy()
    roles = centre.groupby("contact_id")["role"].agg(set)
    p["user"] = roles.reindex(p.index).map(lambda r: "user" in r)
    best = coverage[coverage["function"].isin(team)].groupby("contact_id")["strength"].max()
    p["s"] = best.reindex(p.index).fillna(0)
    p["gap"] = p["influence"] * (1 - p["s"] / 3)
    return p


BEFORE, AFTER = ("kam", "executive"), ("kam", "technical", "executive")


# --- the files ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["buying_centre", "account_coverage"])
def test_regenerating_gives_the_committed_csv_exactly(gen, built, name):
    committed = (DATASETS / f"{name}.csv").read_bytes().decode("utf-8")
    assert gen.to_csv_text(built[name]) == committed, (
        f"datasets/{name}.csv is stale: run `python datasets/generate_buying_centre.py`")


def test_check_mode_passes_and_reports_a_changed_file(gen, tmp_path):
    assert gen.main(["--check"]) == 0
    gen.write_all(tmp_path)
    assert gen.check_all(tmp_path) == []
    path = tmp_path / "account_coverage.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",3\n", ",2\n", 1), encoding="utf-8")
    (tmp_path / "buying_centre.csv").unlink()
    problems = gen.check_all(tmp_path)
    assert problems[0].startswith("buying_centre.csv: missing")
    assert problems[1] == "account_coverage.csv: 2 line(s) differ"


@pytest.mark.parametrize("name", ["buying_centre", "account_coverage"])
def test_load_dataset_returns_the_generated_data(built, name):
    pd.testing.assert_frame_equal(load_dataset(name), built[name])


def test_columns_are_canonical_and_in_order(centre, coverage):
    assert list(centre.columns) == CENTRE_COLUMNS
    assert list(coverage.columns) == COVERAGE_COLUMNS
    for col in CENTRE_COLUMNS + COVERAGE_COLUMNS:
        assert col in COLUMNS, col
        assert pd.api.types.is_numeric_dtype((centre if col in centre else coverage)[col]) == \
            COLUMNS[col].numeric, col


@pytest.mark.parametrize("name", ["buying_centre", "account_coverage"])
def test_the_card_names_every_column_and_the_seeds(name):
    text = (DATASETS / f"{name}.md").read_text(encoding="utf-8")
    for col in load_dataset(name).columns:
        assert f"`{col}`" in text, f"{name}.md does not document column {col!r}"
    assert "python datasets/generate_buying_centre.py" in text
    assert "000_484018b8be0aa7c6.txt" in text and "004_6fcb831f194eb69f.txt" in text
    assert "synthetic" in text.lower()


# --- structure ----------------------------------------------------------------------------------

def test_the_top_10_accounts_with_5_to_9_people_each(centre):
    names = centre.drop_duplicates("account_id").set_index("account_id")["company"].to_dict()
    assert names == ACCOUNTS
    size = centre.groupby("account_id")["contact_id"].nunique()
    assert size.between(5, 9).all() and size.min() == 6 and size.max() == 9
    assert len(centre) == 80 and centre["contact_id"].nunique() == 70


def test_one_row_per_contact_and_role_and_one_influence_per_person(centre):
    assert not centre.duplicated(["contact_id", "role"]).any()
    assert set(centre["role"]) == ROLES
    assert (centre.groupby("contact_id")["influence"].nunique() == 1).all()
    assert centre["influence"].between(1, 5).all()
    assert (centre["contact_id"].str[:3] == centre["account_id"]).all()


def test_every_account_has_the_seeds_two_decision_makers(centre):
    """Seed 000: a buyer who decides, a regional (technical) manager who influences."""
    for account, rows in centre.groupby("account_id"):
        roles = rows.groupby("contact_id")["role"].agg(set)
        buyer = roles[roles.map(lambda r: {"buyer", "decider"} <= r)]
        assert len(buyer) == 1, account
        regional = rows[rows["title"] == "Regional Technical Manager"]
        assert regional["role"].tolist() == ["influencer"], account
        assert regional["influence"].iloc[0] >= 4
        assert {"user", "gatekeeper", "analyst"} <= set(rows["role"]), account


def test_coverage_rows_point_at_people_of_the_same_account(centre, coverage):
    p = people(centre)
    assert coverage["contact_id"].isin(p.index).all()
    assert (p.loc[coverage["contact_id"], "account_id"].to_numpy() ==
            coverage["account_id"].to_numpy()).all()
    assert not coverage.duplicated(["contact_id", "our_person"]).any()
    assert coverage["strength"].isin([1, 2, 3]).all()
    assert (coverage.groupby("our_person")["function"].nunique() == 1).all()
    assert coverage.groupby("function")["our_person"].nunique().to_dict() == \
        {"executive": 2, "kam": 5, "service": 3, "technical": 4}
    kams = coverage[coverage["function"] == "kam"].groupby("account_id")["our_person"].nunique()
    assert (kams == 1).all() and len(kams) == 10


# --- calibration (the cards' figures) ---------------------------------------------------------

def test_before_the_reorganisation_the_regional_managers_are_gaps(centre, coverage):
    before = team_gaps(centre, coverage, BEFORE)
    regional = before[before["title"] == "Regional Technical Manager"]
    assert (regional["s"] <= 1).sum() == 8
    assert sorted(regional.loc[regional["s"] == 2, "account_id"]) == ["M03", "M09"]


def test_after_it_the_score_drops_by_more_than_half_but_plant_users_stay_gaps(centre, coverage):
    before = team_gaps(centre, coverage, BEFORE)
    after = team_gaps(centre, coverage, AFTER)
    score_b = before["gap"].sum() / before["influence"].sum()
    score_a = after["gap"].sum() / after["influence"].sum()
    assert round(score_b, 3) == 0.602 and round(score_a, 3) == 0.249
    assert score_a < score_b / 2
    regional = after[after["title"] == "Regional Technical Manager"]
    assert (regional["s"] == 3).all()
    users = after[after["user"] & (after["s"] <= 1)]
    assert users["account_id"].nunique() == 10
    per_account = after.groupby("account_id").apply(lambda d: d["gap"].sum() / d["influence"].sum())
    per_before = before.groupby("account_id").apply(lambda d: d["gap"].sum() /
                                                    d["influence"].sum())
    assert (per_account < per_before).all()


def test_the_coverage_card_quotes_the_calibration(centre, coverage):
    text = (DATASETS / "account_coverage.md").read_text(encoding="utf-8")
    before = team_gaps(centre, coverage, BEFORE)
    after = team_gaps(centre, coverage, AFTER)
    b = before["gap"].sum() / before["influence"].sum()
    a = after["gap"].sum() / after["influence"].sum()
    for figure in (f"{b:.3f}", f"{a:.3f}", f"{1 - a / b:.0%}", f"−{b - a:.3f}"):
        assert figure in text, figure
    assert re.search(r"\*\*8\*\* of 10", text)
