"""Tests for kamlab.planning: the annual account plan per tier (seed 002)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlab.exceptions import MissingColumnsError, ParameterError
from kamlab.planning import ACCOUNT_PLAN_STEPS, account_plan

# ---------------------------------------------------------------------------------------
# Annual account plan
# ---------------------------------------------------------------------------------------

def test_account_plan_by_hand():
    df = pd.DataFrame({"abc": pd.Categorical(["C", "A", "B", "C"], categories=["C", "B", "A"],
                                             ordered=True),
                       "revenue": [60.0, 600.0, 300.0, 40.0]})
    before = df.copy()
    out = account_plan(df, target_growth={"A": 0.2, "B": 0.1, "C": 0.0}, hours_per_year=1000)
    pd.testing.assert_frame_equal(df, before)
    assert out["tier"].tolist() == ["A", "B", "C"]
    assert out["accounts"].tolist() == [1, 1, 2]
    np.testing.assert_allclose(out["target_revenue"], [720, 330, 100])
    np.testing.assert_allclose(out["quota_per_account"], [720, 330, 50])
    np.testing.assert_allclose(out["hours"], [600, 300, 100])
    np.testing.assert_allclose(out["hours_per_account"], [600, 300, 50])
    np.testing.assert_allclose(out["contacts_total"], [24, 12, 8])
    np.testing.assert_allclose(out["hours_per_contact"], [25, 25, 12.5])


def test_account_plan_bad_allocation():
    df = pd.DataFrame({"abc": ["A", "B"], "revenue": [1.0, 1.0]})
    with pytest.raises(ParameterError, match="add up to 1"):
        account_plan(df, allocation={"A": 0.6, "B": 0.6})
    with pytest.raises(ParameterError, match="'B'"):
        account_plan(df, allocation={"A": 1.0})
    with pytest.raises(MissingColumnsError, match="'abc'"):
        account_plan(df.rename(columns={"abc": "tier"}))



def test_account_plan_steps_are_the_seven_of_seed_002():
    assert len(ACCOUNT_PLAN_STEPS) == 7
    assert ACCOUNT_PLAN_STEPS[0][1] == "销售指标" and ACCOUNT_PLAN_STEPS[-1][1] == "报告和评估"


def test_old_import_path_still_works():
    from kamlab import opportunities

    assert opportunities.account_plan is account_plan


def test_account_plan_gives_seed_002s_time_to_seed_002s_tiers():
    """Seed 002: key accounts, ~10% of customers, get ~60% of the time; regular 30% / 30%;
    the rest 60% / 10%. Tiers cut by count at PLAN_TIER_CUTOFFS make the plan say exactly
    that — not the ABC value tiers, where A is 20% of the accounts."""
    import kamlab
    from kamlab.planning import PLAN_TIER_CUTOFFS
    from kamlab.segmentation import TIME_ALLOCATION, abc_classify, abc_classify_by_count

    book = kamlab.load_dataset("customers")
    plan = account_plan(abc_classify_by_count(book, "revenue", cutoffs=PLAN_TIER_CUTOFFS),
                        hours_per_year=1000)
    np.testing.assert_allclose(plan["accounts_share"], TIME_ALLOCATION["accounts_share"])
    np.testing.assert_allclose(plan["time_share"], TIME_ALLOCATION["time_share"])
    assert plan["accounts"].tolist() == [300, 900, 1800]
    # the ABC value tiers put 60% of the time on 20% of the accounts: not seed 002's rule
    by_value = account_plan(abc_classify(book, "revenue"), hours_per_year=1000)
    assert by_value["accounts_share"].iloc[0] == pytest.approx(0.2, abs=0.01)


def test_account_plan_accounts_share_by_hand():
    df = pd.DataFrame({"abc": ["A", "B", "C", "C"], "revenue": [600.0, 300.0, 60.0, 40.0]})
    np.testing.assert_allclose(account_plan(df)["accounts_share"], [0.25, 0.25, 0.5])
