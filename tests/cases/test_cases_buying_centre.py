"""The buying-centre case (module 6, seeds 000 and 004): closed forms on hand-made tables, the
rule of who counts, the calibration on the bundled top 10, purity and the error messages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlab import load_dataset
from kamlab.cases.buying_centre import (
    AFTER_REORG,
    BEFORE_REORG,
    FUNCTIONS,
    PROCESS_STEPS,
    ROLE_STEPS,
    ROLES,
    STATUSES,
    coverage_gaps,
    coverage_map,
    gap_score,
    gap_scores,
    involvement,
    reorganisation_effect,
    step_gaps,
    with_coverage,
)
from kamlab.columns import COLUMNS
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError
from kamlab.i18n import LABELS
from kamlab.tables import header


@pytest.fixture(scope="module")
def centre():
    return load_dataset("buying_centre")


@pytest.fixture(scope="module")
def coverage():
    return load_dataset("account_coverage")


def small():
    """Account A: buyer+decider b (5), regional influencer r (4), user u (3); account B: one
    buyer x (2). Kim (kam) covers b strongly and u weakly; Eng (technical) covers r strongly;
    Sam (service) covers u at working strength; Kim covers x at working strength."""
    centre = pd.DataFrame({
        "account_id": ["A", "A", "A", "A", "B"],
        "contact_id": ["b", "b", "r", "u", "x"],
        "role": ["buyer", "decider", "influencer", "user", "buyer"],
        "influence": [5, 5, 4, 3, 2]})
    cover = pd.DataFrame({
        "account_id": ["A", "A", "A", "A", "B"],
        "contact_id": ["b", "u", "r", "u", "x"],
        "our_person": ["Kim", "Kim", "Eng", "Sam", "Kim"],
        "function": ["kam", "kam", "technical", "service", "kam"],
        "strength": [3, 1, 3, 2, 2]})
    return centre, cover


# ---------------------------------------------------------------------------------------
# The seed's lists and our role × step table
# ---------------------------------------------------------------------------------------

def test_the_seven_roles_and_six_steps_in_the_seeds_order():
    assert ROLES == ("initiator", "decider", "influencer", "analyst", "user", "buyer",
                     "gatekeeper")
    assert len(PROCESS_STEPS) == 6 and PROCESS_STEPS[0] == "need_recognition"
    assert PROCESS_STEPS[-1] == "contract"
    assert set(BEFORE_REORG) < set(AFTER_REORG) and set(AFTER_REORG) - set(BEFORE_REORG) == \
        {"technical"}
    assert "service" not in AFTER_REORG


def test_involvement_table_follows_role_steps_and_every_step_has_a_role():
    table = involvement()
    assert list(table.index) == list(ROLES) and list(table.columns) == list(PROCESS_STEPS)
    for role, steps in ROLE_STEPS.items():
        assert table.columns[table.loc[role]].tolist() == [s for s in PROCESS_STEPS if s in steps]
    assert table.any(axis=0).all() and table.any(axis=1).all()
    custom = involvement({"user": ("contract",)})
    assert int(custom.to_numpy().sum()) == 1 and custom.loc["user", "contract"]
    with pytest.raises(ParameterError, match="unknown role code"):
        involvement({"boss": ("contract",)})
    with pytest.raises(ParameterError, match="step code"):
        involvement({"user": ("signing",)})


# ---------------------------------------------------------------------------------------
# Closed forms on a hand-made table
# ---------------------------------------------------------------------------------------

def test_gap_is_influence_times_the_uncovered_share():
    centre, cover = small()
    g = coverage_gaps(centre, cover, team=BEFORE_REORG).set_index("contact_id")
    # before: b strong (0), r nobody in the team (4), u weak by Kim (3 × 2/3), x working (2/3)
    assert g.loc[["b", "r", "u", "x"], "gap"].tolist() == pytest.approx([0, 4, 2, 2 / 3])
    assert g.loc[["b", "r", "u", "x"], "coverage_status"].tolist() == \
        ["covered", "uncovered", "weak", "covered"]
    assert g.loc["u", "covered_by"] == "Kim" and g.loc["r", "covered_by"] == ""
    assert g.loc["b", "roles"] == "decider+buyer" and g.loc["b", "role"] == "decider"
    assert list(g.index) == ["r", "u", "b", "x"]  # accounts in order, largest gap first
    after = coverage_gaps(centre, cover, team=AFTER_REORG).set_index("contact_id")
    assert after.loc["r", "gap"] == 0 and after.loc["r", "covered_by"] == "Eng"


def test_scores_are_sums_over_people_not_means_of_accounts():
    centre, cover = small()
    s = gap_scores(centre, cover, team=BEFORE_REORG).set_index("account_id")
    assert s.loc["A", "gap_score"] == pytest.approx(6 / 12)
    assert s.loc["B", "gap_score"] == pytest.approx(1 / 3)
    assert s.loc["A", ["contacts", "influence_total", "uncovered", "weak"]].tolist() == \
        [3, 12, 1, 1]
    total = gap_score(centre, cover, team=BEFORE_REORG)
    assert total == pytest.approx((6 + 2 / 3) / 14) != pytest.approx(s["gap_score"].mean())
    assert gap_score(centre, cover, team=BEFORE_REORG, account_id="B") == pytest.approx(1 / 3)


def test_score_is_0_when_everyone_is_strong_and_1_when_nobody_is_covered():
    centre, cover = small()
    assert gap_score(centre, cover.iloc[:0]) == 1.0
    everyone = pd.DataFrame({"contact_id": ["b", "r", "u", "x"], "our_person": "Kim",
                             "function": "kam", "strength": 3})
    assert gap_score(centre, everyone) == 0.0
    assert (coverage_gaps(centre, everyone)["coverage_status"] == "covered").all()


def test_outside_people_count_with_their_weight_only():
    centre, cover = small()
    # u: Kim weak (1, team) and Sam working (2, service, outside the team in both)
    g0 = coverage_gaps(centre, cover).set_index("contact_id")
    assert g0.loc["u", "team_strength"] == 1 and g0.loc["u", "covered_by"] == "Kim"
    half = coverage_gaps(centre, cover, outside_weight=0.5).set_index("contact_id")
    assert half.loc["u", "team_strength"] == 1 and half.loc["u", "covered_by"] == "Kim"
    full = coverage_gaps(centre, cover, outside_weight=1).set_index("contact_id")
    assert full.loc["u", "team_strength"] == 2 and full.loc["u", "covered_by"] == "Sam"
    everyone = coverage_gaps(centre, cover, team=FUNCTIONS).set_index("contact_id")
    pd.testing.assert_series_equal(full["gap"], everyone["gap"])
    # before the reorganisation, Eng's strong hold on r counts as strength × weight
    r = coverage_gaps(centre, cover, team=BEFORE_REORG, outside_weight=0.5).set_index(
        "contact_id").loc["r"]
    assert r["team_strength"] == 1.5 and r["gap"] == pytest.approx(4 * 0.5)
    assert r["coverage_status"] == "covered"


def test_weak_and_min_influence():
    centre, cover = small()
    g = coverage_gaps(centre, cover, weak=2).set_index("contact_id")
    assert g.loc["x", "coverage_status"] == "weak" and g.loc["b", "coverage_status"] == "covered"
    assert g["coverage_status"].cat.categories.tolist() == list(STATUSES)
    top = coverage_gaps(centre, cover, min_influence=4)
    assert sorted(top["contact_id"]) == ["b", "r"]
    one = coverage_gaps(centre, cover, account_id="B")
    assert one["contact_id"].tolist() == ["x"]


def test_coverage_map_of_a_hand_made_account():
    centre, cover = small()
    m = coverage_map(centre, cover, "A", team=BEFORE_REORG)
    assert m.account_id == "A" and m.team == BEFORE_REORG
    assert m.people["our_person"].tolist() == ["Kim", "Eng", "Sam"]  # team first
    assert m.people["in_team"].tolist() == [True, False, False]
    assert m.strength.loc[["b", "r", "u"], ["Kim", "Eng", "Sam"]].values.tolist() == \
        [[3, 0, 0], [0, 3, 0], [1, 0, 2]]
    assert m.contacts["gap"].tolist() == pytest.approx([0, 4, 2])
    m2 = coverage_map(centre, cover, "A", team=AFTER_REORG)
    assert m2.people["in_team"].tolist() == [True, True, False]
    assert coverage_map(centre, cover, "B").people["our_person"].tolist() == ["Kim"]


def test_step_gaps_count_each_person_in_every_step_of_their_roles():
    centre, cover = small()
    g = coverage_gaps(centre, cover, team=BEFORE_REORG)
    steps = step_gaps(g).set_index("process_step")
    # b (decider+buyer): planning…contract; r (influencer): deliberation, planning, evaluation;
    # u (user): need_recognition, evaluation, contract; x (buyer): planning…contract
    assert steps.loc["need_recognition", ["contacts", "influence_total", "gap"]].tolist() == \
        [1, 3, 2]
    assert steps.loc["planning", "contacts"] == 3  # b, r, x
    assert steps.loc["evaluation", "gap"] == pytest.approx(4 + 2 + 2 / 3)
    assert steps.loc["deliberation", "gap_score"] == 1.0


# ---------------------------------------------------------------------------------------
# The bundled top 10: the seed's story
# ---------------------------------------------------------------------------------------

def test_the_reorganisation_cuts_the_gap_score_by_more_than_half(centre, coverage):
    before = gap_score(centre, coverage, team=BEFORE_REORG)
    after = gap_score(centre, coverage, team=AFTER_REORG)
    assert round(before, 3) == 0.602 and round(after, 3) == 0.249 and after < before / 2
    effect = reorganisation_effect(centre, coverage)
    assert len(effect) == 10 and (effect["gap_change"] < 0).all()
    assert effect["company"].iloc[0] == "Northstar Appliances"
    np.testing.assert_allclose(effect["gap_change"],
                               effect["gap_score_after"] - effect["gap_score_before"])
    assert effect["gap_score_after"].max() < effect["gap_score_before"].min()


def test_regional_managers_are_gaps_before_and_covered_after(centre, coverage):
    def regional(team):
        g = coverage_gaps(centre, coverage, team=team)
        return g[g["title"] == "Regional Technical Manager"]

    before, after = regional(BEFORE_REORG), regional(AFTER_REORG)
    assert (before["coverage_status"] != "covered").sum() == 8
    assert (after["coverage_status"] == "covered").all() and (after["gap"] == 0).all()
    assert (after["covered_by"].isin(coverage.loc[coverage["function"] == "technical",
                                                  "our_person"])).all()


def test_a_residual_gap_stays_at_plant_level(centre, coverage):
    g = coverage_gaps(centre, coverage, team=AFTER_REORG)
    users = g[g["roles"].str.contains("user") & (g["coverage_status"] != "covered")]
    assert users["account_id"].nunique() >= 5
    steps = step_gaps(g).set_index("process_step")["gap_score"]
    assert steps.idxmax() == "need_recognition"  # where users and initiators sit


def test_coverage_map_of_m01_matches_the_rows(centre, coverage):
    m = coverage_map(centre, coverage, "M01")
    rows = coverage[coverage["account_id"] == "M01"]
    for _, r in rows.iterrows():
        assert m.strength.loc[r["contact_id"], r["our_person"]] == r["strength"]
    assert int(m.strength.to_numpy().sum()) == int(rows["strength"].sum())
    assert list(m.strength.index) == centre.loc[centre["account_id"] == "M01",
                                                "contact_id"].drop_duplicates().tolist()
    assert m.people["function"].tolist() == ["kam", "technical", "service"]
    assert {"contact", "contact_zh", "title", "title_zh"} <= set(m.contacts.columns)


def test_strengthening_a_plant_user_lowers_the_score_by_the_closed_form(centre, coverage):
    g = coverage_gaps(centre, coverage, account_id="M01").set_index("contact_id")
    target = g[g["coverage_status"] == "uncovered"].index[0]  # the paint-shop supervisor
    influence = g.loc[target, "influence"]
    new = with_coverage(coverage, "M01", target, "Tom Becker", 2)
    old_score = gap_score(centre, coverage, account_id="M01")
    new_score = gap_score(centre, new, account_id="M01")
    assert old_score - new_score == pytest.approx(influence * 2 / 3 / g["influence"].sum())
    assert len(new) == len(coverage) + 1 and len(coverage) == 84  # the input is unchanged


# ---------------------------------------------------------------------------------------
# with_coverage
# ---------------------------------------------------------------------------------------

def test_with_coverage_updates_adds_and_never_mutates():
    centre, cover = small()
    before = cover.copy(deep=True)
    up = with_coverage(cover, "A", "u", "Kim", 3)
    assert up["strength"].tolist() == [3, 3, 3, 2, 2] and len(up) == len(cover)
    zero = with_coverage(cover, "A", "u", "Kim", 0)
    assert len(zero) == 5 and zero["strength"].iloc[1] == 0
    new = with_coverage(cover, "A", "r", "Kim", 2)
    assert new.iloc[-1].tolist() == ["A", "r", "Kim", "kam", 2]
    hire = with_coverage(cover, "A", "u", "Ana", 2, function="technical")
    assert hire.iloc[-1]["function"] == "technical"
    assert gap_score(centre, hire, account_id="A") < gap_score(centre, cover, account_id="A")
    assert hire["strength"].dtype == cover["strength"].dtype
    pd.testing.assert_frame_equal(cover, before)


def test_with_coverage_fills_the_chinese_name(coverage):
    new = with_coverage(coverage, "M01", "M01-C04", "Tom Becker", 1)
    assert new.iloc[-1]["our_person_zh"] == "汤姆·贝克尔"
    hire = with_coverage(coverage, "M01", "M01-C04", "Ann Lee", 2, function="technical",
                         our_person_zh="李安")
    assert hire.iloc[-1]["our_person_zh"] == "李安"


@pytest.mark.parametrize(("kwargs", "match"), [
    (dict(strength=4), "whole 0–3"),
    (dict(strength=1.5), "whole 0–3"),
    (dict(strength=True), "whole 0–3"),
    (dict(our_person="Ana"), "new to the coverage table; say what they do with function="),
    (dict(our_person="Ana", function="sales"), "function takes one of"),
    (dict(function="technical"), "'Kim' is 'kam'"),
])
def test_with_coverage_errors(kwargs, match):
    _, cover = small()
    args = dict(account_id="A", contact_id="u", our_person="Kim", strength=2) | kwargs
    with pytest.raises(ParameterError, match=match):
        with_coverage(cover, **args)


# ---------------------------------------------------------------------------------------
# Errors: what was expected, what came, how to fix it
# ---------------------------------------------------------------------------------------

def test_unknown_account():
    centre, cover = small()
    with pytest.raises(ParameterError, match=r"no account 'Z' .* it has \['A', 'B'\]"):
        coverage_map(centre, cover, "Z")
    with pytest.raises(ParameterError, match="no account 'Z'"):
        gap_score(centre, cover, account_id="Z")


def test_unknown_role_codes_and_chinese_names():
    centre, cover = small()
    bad = centre.assign(role=["buyer", "decider", "boss", "user", "buyer"])
    with pytest.raises(InvalidDataError, match=r"'role' holds codes other than .* rows \[2\] "
                                               r".*\['boss'\]"):
        gap_score(bad, cover)
    zh = centre.assign(role=["采购者", "决策者", "影响者", "使用者", "采购者"])
    with pytest.raises(InvalidDataError, match=r"Map them to codes first: centre\['role'\]"
                                               r"\.replace\("):
        coverage_gaps(zh, cover)


@pytest.mark.parametrize(("strength", "match"), [
    ([3, 1, 4, 2, 2], r"whole strengths 0–3 .* rows \[2\]"),
    ([3, 1, 2.5, 2, 2], r"whole strengths 0–3"),
    ([3, 1, -1, 2, 2], r"whole strengths 0–3"),
])
def test_strength_outside_0_to_3(strength, match):
    centre, cover = small()
    with pytest.raises(InvalidDataError, match=match):
        gap_score(centre, cover.assign(strength=strength))


def test_duplicate_rows_in_either_table():
    centre, cover = small()
    with pytest.raises(InvalidDataError, match=r"same \(contact_id, role\) twice at rows \[5\]"):
        gap_score(pd.concat([centre, centre.iloc[[0]]], ignore_index=True), cover)
    with pytest.raises(InvalidDataError, match=r"same \(contact_id, our_person\) twice"):
        gap_score(centre, pd.concat([cover, cover.iloc[[0]]], ignore_index=True))


def test_inconsistent_people():
    centre, cover = small()
    with pytest.raises(InvalidDataError, match="two influence values"):
        gap_score(centre.assign(influence=[5, 4, 4, 3, 2]), cover)
    with pytest.raises(InvalidDataError, match="two accounts"):
        gap_score(centre.assign(account_id=["A", "B", "A", "A", "B"]), cover)
    with pytest.raises(InvalidDataError, match="two functions"):
        gap_score(centre, cover.assign(function=["kam", "technical", "technical", "service",
                                                 "kam"]))
    with pytest.raises(InvalidDataError, match=r"contacts the buying centre does not have .* "
                                               r"\['q'\]"):
        gap_score(centre, cover.assign(contact_id=["b", "u", "r", "u", "q"]))
    with pytest.raises(InvalidDataError, match="other than the contact's own"):
        gap_score(centre, cover.assign(account_id=["A", "A", "A", "A", "A"]))


def test_blank_ids_are_named():
    centre, cover = small()
    with pytest.raises(InvalidDataError, match=r"'contact_id' of the buying-centre table has "
                                               r"blanks at rows \[2\]"):
        gap_score(centre.assign(contact_id=["b", "b", None, "u", "x"]), cover)
    with pytest.raises(InvalidDataError, match=r"'our_person' of the coverage table has blanks"):
        gap_score(centre, cover.assign(our_person=["Kim", None, "Eng", "Sam", "Kim"]))


def test_bad_values_and_parameters():
    centre, cover = small()
    with pytest.raises(InvalidDataError, match=r"'influence' is a 1–5 score"):
        gap_score(centre.assign(influence=[6, 6, 4, 3, 2]), cover)
    with pytest.raises(InvalidDataError, match="'function' holds codes other than"):
        gap_score(centre, cover.assign(function="sales"))
    with pytest.raises(ParameterError, match=r"team takes function codes .* \['sales'\]"):
        gap_score(centre, cover, team=("kam", "sales"))
    with pytest.raises(ParameterError, match="outside_weight must be between 0 and 1"):
        gap_score(centre, cover, outside_weight=2)
    with pytest.raises(ParameterError, match="weak is the highest strength"):
        coverage_gaps(centre, cover, weak=3)
    with pytest.raises(MissingColumnsError, match=r"needs the column\(s\) 'influence'"):
        gap_score(centre.drop(columns="influence"), cover)
    with pytest.raises(MissingColumnsError, match="the coverage table has"):
        gap_score(centre, cover.drop(columns="strength"))
    with pytest.raises(InvalidDataError, match="empty"):
        gap_score(centre.iloc[:0], cover)
    assert gap_score(centre, cover, team="kam") == gap_score(centre, cover, team=("kam",))


def test_inputs_are_not_changed(centre, coverage):
    c0, v0 = centre.copy(deep=True), coverage.copy(deep=True)
    coverage_map(centre, coverage, "M03")
    coverage_gaps(centre, coverage, outside_weight=0.5)
    reorganisation_effect(centre, coverage)
    pd.testing.assert_frame_equal(centre, c0)
    pd.testing.assert_frame_equal(coverage, v0)


# ---------------------------------------------------------------------------------------
# Codes, columns and labels
# ---------------------------------------------------------------------------------------

def test_results_use_canonical_columns_with_chinese_headers(centre, coverage):
    m = coverage_map(centre, coverage, "M02")
    g = coverage_gaps(centre, coverage)
    tables = [m.contacts, m.people, g, gap_scores(centre, coverage),
              reorganisation_effect(centre, coverage), step_gaps(g)]
    columns = {c for t in tables for c in t.columns}
    assert columns <= set(COLUMNS), columns - set(COLUMNS)
    assert sorted(c for c in columns if header(c, "zh") == c) == []
    given = set(centre.columns) | set(coverage.columns)
    assert not [c for c in columns if c.endswith("_zh") and c not in given]


def test_every_code_has_labels_in_both_languages():
    for kind, codes in (("bcrole", ROLES), ("bcstep", PROCESS_STEPS), ("bcfunction", FUNCTIONS),
                        ("bcstatus", STATUSES), ("bcstrength", range(4)),
                        ("bcdept", ("purchasing", "production", "quality", "rd", "marketing",
                                    "top_management"))):
        for code in codes:
            assert f"{kind}.{code}" in LABELS, f"{kind}.{code}"
