"""Tests for kamlab.segmentation: ABC rules, grids and their boundaries, tables, purity."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError
from kamlab.segmentation import (
    STRATEGIES,
    STRATEGY_GRID,
    abc_classify,
    abc_classify_by_count,
    attractiveness_score,
    position_customers,
    potential_share_grid,
    relationship_type,
    strategy_grid,
    tier_summary,
    time_vs_value,
    two_sided_grid,
)


def _abc(values, **kw):
    df = pd.DataFrame({"account_id": [f"k{i}" for i in range(len(values))], "revenue": values})
    return abc_classify(df, **kw)["abc"].astype(str).tolist()


# ---------------------------------------------------------------------------------------
# abc_classify (by cumulative value share)
# ---------------------------------------------------------------------------------------

def test_abc_hand_worked_example():
    # ranked 40, 25, 15, 10, 6, 4: cum 0.40, 0.65, 0.80, 0.90, 0.96, 1.00
    df = pd.DataFrame({"account_id": list("abcdef"), "revenue": [10, 40, 4, 25, 6, 15]})
    out = abc_classify(df)
    assert out["abc"].astype(str).tolist() == ["B", "A", "C", "A", "B", "A"]
    assert out["rank"].tolist() == [4, 1, 6, 2, 5, 3]
    np.testing.assert_allclose(out["share"], [0.10, 0.40, 0.04, 0.25, 0.06, 0.15])
    np.testing.assert_allclose(out["cum_share"], [0.90, 0.40, 1.00, 0.65, 0.96, 0.80])


def test_abc_account_landing_exactly_on_cutoff_is_in_the_class():
    # 0.5 + 0.3 = 0.8 exactly: the second account reaches the A cut-off
    assert _abc([50, 30, 15, 5]) == ["A", "A", "B", "C"]
    # 0.8 + 0.15 = 0.95 exactly: the second account alone is B
    assert _abc([80, 15, 3, 2]) == ["A", "B", "C", "C"]


def test_abc_cutoff_reached_despite_floating_point_sum():
    # 0.59 + 0.21 = 0.7999999999999999 in floats, but is 0.8
    assert 0.59 + 0.21 < 0.8
    assert _abc([0.59, 0.21, 0.20]) == ["A", "A", "B"]
    # a cut-off written as a float sum: 0.1 + 0.7 = 0.7999999999999999
    assert _abc([50, 30, 15, 5], cutoffs=(0.1 + 0.7, 0.95)) == ["A", "A", "B", "C"]


def test_abc_just_short_of_cutoff_continues():
    # 0.5 + 0.2999 < 0.8: the third account is still A
    assert _abc([5000, 2999, 2001]) == ["A", "A", "A"]


def test_abc_first_account_alone_can_pass_both_cutoffs():
    # 0.97 ≥ 0.95: A = the first account, B is empty
    assert _abc([97, 2, 1]) == ["A", "C", "C"]


def test_abc_ties_are_broken_by_original_order():
    # four accounts of 25: the first two reach 0.5, the third 0.75
    out = _abc([25, 25, 25, 25], cutoffs=(0.5, 0.75))
    assert out == ["A", "A", "B", "C"]
    df = pd.DataFrame({"revenue": [10, 30, 30, 30]})
    res = abc_classify(df, cutoffs=(0.5, 0.8))
    assert res["rank"].tolist() == [4, 1, 2, 3]
    assert res["abc"].astype(str).tolist() == ["C", "A", "A", "B"]


def _stable_descending(values) -> list[int]:
    """Oracle: positions largest first, ties by position (plain Python sort)."""
    return sorted(range(len(values)), key=lambda i: (-values[i], i))


@pytest.mark.parametrize("classify", [abc_classify, abc_classify_by_count])
def test_abc_ties_keep_original_order_in_large_tables(classify):
    # large enough for numpy's unstable quick sort to scramble ties
    values = np.random.default_rng(17).integers(1, 6, 4000)
    out = classify(pd.DataFrame({"revenue": values}))
    expected_rank = np.empty(values.size, dtype=int)
    expected_rank[_stable_descending(values.tolist())] = np.arange(1, values.size + 1)
    assert out["rank"].tolist() == expected_rank.tolist()
    # equal values straddling a boundary: the earlier row gets the better class
    by_rank = out.sort_values("rank")
    codes = by_rank["abc"].cat.codes.to_numpy()
    assert (np.diff(codes) <= 0).all()


def test_abc_single_account_is_a():
    out = abc_classify(pd.DataFrame({"revenue": [123.0]}))
    assert out["abc"].astype(str).tolist() == ["A"]
    assert out["rank"].tolist() == [1]
    assert out["cum_share"].tolist() == [1.0]


def test_abc_loss_making_accounts_rank_at_the_bottom():
    # total 100; ranked 60, 30, 20, -10: cum 0.6, 0.9, 1.1, 1.0
    df = pd.DataFrame({"account_id": list("wxyz"), "profit": [-10, 20, 60, 30]})
    out = abc_classify(df, "profit")
    assert out["abc"].astype(str).tolist() == ["C", "B", "A", "A"]
    assert out["rank"].tolist() == [4, 3, 1, 2]
    np.testing.assert_allclose(out["cum_share"], [1.0, 1.1, 0.6, 0.9])


def test_abc_keeps_input_row_order_index_and_columns():
    df = pd.DataFrame({"account_id": ["p", "q", "r", "s"], "revenue": [5, 70, 20, 5],
                       "region": ["N", "S", "E", "W"]}, index=["z", "y", "x", "w"])
    out = abc_classify(df)
    assert out.index.tolist() == ["z", "y", "x", "w"]
    pd.testing.assert_frame_equal(out[df.columns], df)
    assert list(out.columns) == ["account_id", "revenue", "region", "rank", "share",
                                 "cum_share", "abc"]
    assert out["abc"].astype(str).tolist() == ["B", "A", "A", "C"]


def test_abc_works_with_duplicate_index_labels():
    df = pd.DataFrame({"revenue": [10, 80, 10]}, index=[0, 0, 0])
    out = abc_classify(df)
    assert out["abc"].astype(str).tolist() == ["B", "A", "B"]
    assert out["rank"].tolist() == [2, 1, 3]


def test_abc_is_ordered_categorical_a_best():
    df = pd.DataFrame({"account_id": list("abcde"), "revenue": [50, 30, 10, 6, 4]})
    out = abc_classify(df)
    dtype = out["abc"].dtype
    assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered
    assert list(dtype.categories) == ["C", "B", "A"]
    assert out.loc[out["abc"] > "B", "account_id"].tolist() == ["a", "b"]
    assert out.loc[out["abc"] < "B", "account_id"].tolist() == ["e"]
    assert out["abc"].max() == "A"


def test_abc_extra_cutoffs_with_labels():
    # ranked 40, 30, 15, 10, 5: cum 0.40, 0.70, 0.85, 0.95, 1.00
    df = pd.DataFrame({"revenue": [5, 40, 10, 30, 15]})
    out = abc_classify(df, cutoffs=(0.4, 0.7, 0.9), labels=["P", "G", "S", "Z"], column="tier")
    assert "abc" not in out.columns
    assert out["tier"].astype(str).tolist() == ["Z", "P", "S", "G", "S"]
    assert list(out["tier"].cat.categories) == ["Z", "S", "G", "P"]
    assert (out["tier"] > "G").sum() == 1


def test_abc_single_cutoff_gives_two_tiers():
    assert _abc([60, 25, 15], cutoffs=0.8) == ["A", "A", "B"]


@pytest.mark.parametrize("cutoffs", [(0.95, 0.8), (0.8, 0.8), (0.8, 1.2), (0, 0.5), (-0.1, 0.5),
                                     (), (0.5, 80)])
def test_abc_bad_cutoffs_raise(cutoffs):
    with pytest.raises(ParameterError):
        _abc([1, 2, 3], cutoffs=cutoffs)


def test_abc_cutoff_as_percent_gets_hint():
    with pytest.raises(ParameterError, match=r"Did you mean 0\.95\?"):
        _abc([1, 2, 3], cutoffs=(0.8, 95))


@pytest.mark.parametrize("labels", [["A", "B"], ["A", "A", "C"], ["A", "B", "C", "D"]])
def test_abc_wrong_labels_raise(labels):
    with pytest.raises(ParameterError, match="labels"):
        _abc([1, 2, 3], labels=labels)


def test_abc_cutoff_of_one_puts_everyone_in_a_and_b():
    assert _abc([5, 3, 2], cutoffs=(0.5, 1.0)) == ["A", "B", "B"]


def test_abc_missing_column_error_names_it_and_lists_available():
    df = pd.DataFrame({"account_id": ["a"], "profit": [1.0]})
    with pytest.raises(MissingColumnsError) as info:
        abc_classify(df)
    err = info.value
    assert isinstance(err, KeyError)
    assert err.missing == ["revenue"]
    assert err.available == ["account_id", "profit"]
    message = str(err)
    assert "'revenue'" in message and "'account_id'" in message and "'profit'" in message
    with pytest.raises(KeyError):
        abc_classify(df)


def test_abc_text_values_raise_with_rows():
    df = pd.DataFrame({"revenue": [10, "12k", 3, "x"]})
    with pytest.raises(InvalidDataError) as info:
        abc_classify(df)
    assert info.value.rows == [1, 3]
    assert info.value.column == "revenue"


def test_abc_total_not_positive_raises():
    with pytest.raises(InvalidDataError, match="adds up to"):
        abc_classify(pd.DataFrame({"revenue": [-5, 5]}))


def test_abc_not_a_dataframe_raises():
    with pytest.raises(ParameterError, match="DataFrame"):
        abc_classify(pd.Series([1, 2, 3], name="revenue"))


def _min_prefix(ranked_values, cut: Fraction) -> int:
    total = sum(ranked_values)
    running = 0
    for k, v in enumerate(ranked_values, start=1):
        running += v
        if Fraction(running, total) >= cut:
            return k
    raise AssertionError("cut-off never reached")


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=40),
       cut_a=st.integers(min_value=1, max_value=99), gap=st.integers(min_value=1, max_value=99))
def test_abc_a_is_the_minimal_prefix_reaching_the_cutoff(values, cut_a, gap):
    cut_b = min(cut_a + gap, 100)
    if cut_b == cut_a:
        return
    df = pd.DataFrame({"revenue": values})
    out = abc_classify(df, cutoffs=(cut_a / 100, cut_b / 100))
    by_rank = out.sort_values("rank")
    # the ranking is by value, largest first, ties in original order
    assert sorted(out["rank"]) == list(range(1, len(values) + 1))
    assert list(by_rank.index) == sorted(range(len(values)), key=lambda i: (-values[i], i))
    ranked = by_rank["revenue"].tolist()
    total = sum(values)
    classes = by_rank["abc"].astype(str).tolist()
    n_a = classes.count("A")
    # A reaches the cut-off, and A without its last member does not
    assert n_a >= 1
    assert Fraction(sum(ranked[:n_a]), total) >= Fraction(cut_a, 100)
    assert Fraction(sum(ranked[:n_a - 1]), total) < Fraction(cut_a, 100)
    # A ∪ B is the minimal prefix reaching the second cut-off
    assert n_a + classes.count("B") == _min_prefix(ranked, Fraction(cut_b, 100))
    # classes never improve going down the ranking
    codes = by_rank["abc"].cat.codes.tolist()
    assert codes == sorted(codes, reverse=True)


# ---------------------------------------------------------------------------------------
# abc_classify_by_count
# ---------------------------------------------------------------------------------------

def test_abc_by_count_ten_accounts_is_2_2_6():
    df = pd.DataFrame({"revenue": [5, 1, 9, 3, 7, 2, 8, 4, 6, 10]})
    out = abc_classify_by_count(df)
    assert out["abc"].astype(str).tolist() == ["C", "C", "A", "C", "B", "C", "B", "C", "C", "A"]
    assert out["abc"].value_counts()[["A", "B", "C"]].tolist() == [2, 2, 6]
    assert list(out.columns) == ["revenue", "rank", "share", "cum_share", "abc"]


def test_abc_by_count_seed_000_portfolio_on_3000_accounts():
    values = np.random.default_rng(11).lognormal(0, 2, 3000)
    out = abc_classify_by_count(pd.DataFrame({"revenue": values}), cutoffs=(0.04, 0.20))
    counts = out["abc"].value_counts()
    assert (counts["A"], counts["B"], counts["C"]) == (120, 480, 2400)
    # A is exactly the 120 largest
    assert set(out.index[out["abc"] == "A"]) == set(np.argsort(-values)[:120])


def test_abc_by_count_rounds_up_to_whole_accounts():
    # 0.25 * 10 = 2.5 -> 3 accounts; 0.5 * 10 = 5 -> 2 more
    out = abc_classify_by_count(pd.DataFrame({"revenue": range(10, 0, -1)}), cutoffs=(0.25, 0.5))
    assert out["abc"].astype(str).tolist() == ["A"] * 3 + ["B"] * 2 + ["C"] * 5


def test_abc_by_count_ties_at_the_boundary_keep_original_order():
    df = pd.DataFrame({"account_id": list("abcdefghij"),
                       "revenue": [1, 10, 10, 1, 10, 1, 1, 1, 1, 1]})
    out = abc_classify_by_count(df)
    assert out.loc[out["abc"] == "A", "account_id"].tolist() == ["b", "c"]
    assert out.loc[out["abc"] == "B", "account_id"].tolist() == ["a", "e"]


def test_abc_by_count_single_account_is_a():
    out = abc_classify_by_count(pd.DataFrame({"revenue": [3.0]}))
    assert out["abc"].astype(str).tolist() == ["A"]


def test_abc_by_count_bad_cutoffs_raise():
    with pytest.raises(ParameterError):
        abc_classify_by_count(pd.DataFrame({"revenue": [1, 2]}), cutoffs=(0.4, 0.2))
    with pytest.raises(MissingColumnsError):
        abc_classify_by_count(pd.DataFrame({"sales": [1, 2]}))


# ---------------------------------------------------------------------------------------
# tier_summary / time_vs_value
# ---------------------------------------------------------------------------------------

def _tiered_book():
    abc = pd.Categorical(["C", "A", "B", "C", "C", "B", "C", "A", "C", "C"],
                         categories=["C", "B", "A"], ordered=True)
    return pd.DataFrame({
        "abc": abc,
        "revenue": [2, 40, 10, 3, 1, 8, 2, 30, 2, 2],
        "profit": [1, 20, 4, -2, 0, 3, 1, 12, 0, 1],
        "sales_hours": [10, 5, 10, 10, 10, 10, 10, 5, 10, 10],
    })


def test_tier_summary_hand_worked_best_tier_first():
    s = tier_summary(_tiered_book(), "abc", ["revenue", "profit"])
    assert list(s.columns) == ["tier", "accounts", "accounts_share", "revenue", "profit",
                               "revenue_share", "profit_share"]
    assert s["tier"].tolist() == ["A", "B", "C"]
    assert s["accounts"].tolist() == [2, 2, 6]
    np.testing.assert_allclose(s["accounts_share"], [0.2, 0.2, 0.6])
    np.testing.assert_allclose(s["revenue"], [70, 18, 12])
    np.testing.assert_allclose(s["revenue_share"], [0.70, 0.18, 0.12])
    np.testing.assert_allclose(s["profit"], [32, 7, 1])
    np.testing.assert_allclose(s["profit_share"], [0.80, 0.175, 0.025])


def test_tier_summary_plain_text_tiers_are_sorted_and_values_can_be_a_string():
    df = pd.DataFrame({"segment": ["sme", "large", "sme", "home"], "revenue": [1, 6, 1, 2]})
    s = tier_summary(df, "segment", "revenue")
    assert s["tier"].tolist() == ["home", "large", "sme"]
    np.testing.assert_allclose(s["revenue_share"], [0.2, 0.6, 0.2])


def test_tier_summary_skips_empty_tiers():
    df = pd.DataFrame({"abc": pd.Categorical(["C", "A"], categories=["C", "B", "A"], ordered=True),
                       "revenue": [1.0, 3.0]})
    assert tier_summary(df)["tier"].tolist() == ["A", "C"]


def test_tier_summary_missing_column_raises():
    with pytest.raises(MissingColumnsError, match="'sales'"):
        tier_summary(_tiered_book(), "abc", ["sales"])


def test_time_vs_value_hand_worked():
    t = time_vs_value(_tiered_book())
    assert list(t.columns) == ["tier", "accounts_share", "time_share", "value_share",
                               "value_per_time_index"]
    assert t["tier"].tolist() == ["A", "B", "C"]
    # hours: A 10, B 20, C 60 of 90; profit: A 32, B 7, C 1 of 40
    np.testing.assert_allclose(t["time_share"], [1 / 9, 2 / 9, 6 / 9])
    np.testing.assert_allclose(t["value_share"], [0.8, 0.175, 0.025])
    np.testing.assert_allclose(t["value_per_time_index"], [7.2, 0.7875, 0.0375])


def test_time_vs_value_custom_columns():
    df = pd.DataFrame({"tier": ["x", "y"], "hours": [1.0, 3.0], "revenue": [3.0, 1.0]})
    t = time_vs_value(df, "tier", time="hours", value="revenue")
    np.testing.assert_allclose(t["value_per_time_index"], [3.0, 1 / 3])


# ---------------------------------------------------------------------------------------
# potential_share_grid
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("share", "expected"), [
    (0.0, "A"), (0.0999999, "A"), (0.10, "D"), (0.2, "D"), (0.30, "D"),
    (0.3000001, "R"), (0.9, "R"), (1.0, "R"),
])
def test_potential_share_grid_share_boundaries(share, expected):
    out = potential_share_grid(pd.DataFrame({"share_of_wallet": [share], "wallet": [2e6]}))
    assert out["share_class"].astype(str).tolist() == [expected]


@pytest.mark.parametrize(("wallet", "expected"), [
    (0, "3"), (499_999, "3"), (500_000, "2"), (750_000, "2"), (1_000_000, "2"),
    (1_000_001, "1"), (5e7, "1"),
])
def test_potential_share_grid_potential_boundaries(wallet, expected):
    out = potential_share_grid(pd.DataFrame({"share_of_wallet": [0.5], "wallet": [wallet]}))
    assert out["potential_class"].astype(str).tolist() == [expected]


def test_potential_share_grid_all_nine_cells_and_strategies():
    shares = [0.5, 0.2, 0.05]
    wallets = [2e6, 7e5, 1e5]
    df = pd.DataFrame([(s, w) for s in shares for w in wallets],
                      columns=["share_of_wallet", "wallet"])
    out = potential_share_grid(df)
    assert out["grid_cell"].tolist() == ["R1", "R2", "R3", "D1", "D2", "D3", "A1", "A2", "A3"]
    assert out["grid_strategy"].tolist() == ["maintain"] * 3 + ["develop"] * 3 + ["open up"] * 3
    assert list(out["share_class"].cat.categories) == ["A", "D", "R"]
    assert out["share_class"].cat.ordered
    assert (out["share_class"] > "D").sum() == 3
    assert list(out["potential_class"].cat.categories) == ["3", "2", "1"]
    assert out.loc[out["potential_class"] > "2", "grid_cell"].tolist() == ["R1", "D1", "A1"]


def test_potential_share_grid_computes_share_from_revenue_when_absent():
    df = pd.DataFrame({"revenue": [300_000, 100_000, 99_999, 300_001],
                       "wallet": [1_000_000] * 4})
    out = potential_share_grid(df)
    assert out["share_class"].astype(str).tolist() == ["D", "D", "A", "R"]
    assert out["grid_cell"].tolist() == ["D2", "D2", "A2", "R2"]


def test_potential_share_grid_custom_columns_and_cuts():
    df = pd.DataFrame({"sow": [0.2, 0.5], "potential": [50, 500]})
    out = potential_share_grid(df, share="sow", potential="potential", share_cuts=(0.2, 0.4),
                               potential_cuts=(100, 400))
    assert out["grid_cell"].tolist() == ["D3", "R1"]


def test_potential_share_grid_missing_columns_raise():
    with pytest.raises(MissingColumnsError, match="share_of_wallet"):
        potential_share_grid(pd.DataFrame({"wallet": [1e6]}))
    with pytest.raises(MissingColumnsError, match="'wallet'"):
        potential_share_grid(pd.DataFrame({"share_of_wallet": [0.2], "revenue": [1.0]}))


# ---------------------------------------------------------------------------------------
# strategy_grid
# ---------------------------------------------------------------------------------------

LEVEL_SCORE = {"low": 1.0, "medium": 3.0, "high": 5.0}
REL_SCORE = {"poor": 1.0, "average": 3.0, "good": 5.0}


def test_strategy_grid_every_cell_reachable_and_mapped():
    cells = [(a, r) for a in ("high", "medium", "low") for r in ("poor", "average", "good")]
    df = pd.DataFrame({"attractiveness": [LEVEL_SCORE[a] for a, _ in cells],
                       "relationship": [REL_SCORE[r] for _, r in cells]})
    out = strategy_grid(df)
    assert list(zip(out["attractiveness_level"].astype(str),
                    out["relationship_level"].astype(str))) == cells
    # the reconstructed seed 001 grid (fig. 11-3), row by row
    assert out["strategy"].tolist() == [
        "develop", "develop", "defend",
        "maintain_minimally", "selective_maintain", "defend",
        "exit", "maintain_minimally", "selective_defend",
    ]
    assert out["strategy"].tolist() == [STRATEGY_GRID[c] for c in cells]
    assert set(STRATEGY_GRID.values()) == set(STRATEGIES)


@pytest.mark.parametrize(("score", "level"), [
    (1.0, "low"), (2.4999, "low"), (2.5, "medium"), (3.0, "medium"), (3.5, "medium"),
    (3.5001, "high"), (5.0, "high"),
])
def test_strategy_grid_cut_boundaries(score, level):
    rel = {"low": "poor", "medium": "average", "high": "good"}[level]
    out = strategy_grid(pd.DataFrame({"attractiveness": [score], "relationship": [score]}))
    assert out["attractiveness_level"].astype(str).tolist() == [level]
    assert out["relationship_level"].astype(str).tolist() == [rel]


def test_strategy_grid_levels_are_ordered():
    out = strategy_grid(pd.DataFrame({"attractiveness": [1, 5], "relationship": [5, 1]}))
    assert list(out["attractiveness_level"].cat.categories) == ["low", "medium", "high"]
    assert list(out["relationship_level"].cat.categories) == ["poor", "average", "good"]
    assert (out["attractiveness_level"] > "medium").tolist() == [False, True]


def test_strategy_grid_computes_attractiveness_when_absent():
    df = pd.DataFrame({"differentiation": [5, 1], "value_for_price": [5, 2],
                       "preference": [5, 2], "access": [5, 3], "buying_rules": [1, 4],
                       "relationship": [5, 1]})
    out = strategy_grid(df)
    np.testing.assert_allclose(out["attractiveness"], [4.2, 2.4])
    assert out["attractiveness_level"].astype(str).tolist() == ["high", "low"]
    assert out["strategy"].tolist() == ["defend", "exit"]


def test_attractiveness_score_is_the_mean_of_the_criteria():
    df = pd.DataFrame({"differentiation": [5], "value_for_price": [4], "preference": [3],
                       "access": [2], "buying_rules": [1]})
    s = attractiveness_score(df)
    assert s.name == "attractiveness"
    assert s.tolist() == [3.0]
    assert attractiveness_score(df, ["differentiation", "access"]).tolist() == [3.5]


def test_strategy_grid_without_attractiveness_or_criteria_raises():
    with pytest.raises(MissingColumnsError, match="differentiation"):
        strategy_grid(pd.DataFrame({"relationship": [3]}))


def test_strategy_grid_custom_grid_and_incomplete_grid():
    everything_exit = {(a, r): "exit" for a in ("low", "medium", "high")
                       for r in ("poor", "average", "good")}
    out = strategy_grid(pd.DataFrame({"attractiveness": [5], "relationship": [5]}),
                        grid=everything_exit)
    assert out["strategy"].tolist() == ["exit"]
    partial = dict(everything_exit)
    del partial[("high", "good")]
    with pytest.raises(ParameterError, match="high"):
        strategy_grid(pd.DataFrame({"attractiveness": [1], "relationship": [1]}), grid=partial)


def test_strategy_grid_custom_cuts():
    out = strategy_grid(pd.DataFrame({"attractiveness": [2.0, 4.0], "relationship": [4.5, 4.5]}),
                        cuts=(2.0, 4.0))
    assert out["attractiveness_level"].astype(str).tolist() == ["medium", "medium"]
    assert out["relationship_level"].astype(str).tolist() == ["good", "good"]


# ---------------------------------------------------------------------------------------
# two_sided_grid / relationship_type / position_customers
# ---------------------------------------------------------------------------------------

def test_two_sided_grid_quadrants_and_cut():
    df = pd.DataFrame({"attractiveness": [4, 4, 2, 2, 3.0, 3.01],
                       "our_attractiveness": [4, 2, 4, 2, 3.0, 3.01]})
    out = two_sided_grid(df)
    assert out["quadrant"].tolist() == ["maximise_value", "win_customer", "serve_efficiently",
                                        "transactional", "transactional", "maximise_value"]
    assert out["customer_level"].astype(str).tolist() == ["high", "high", "low", "low", "low",
                                                           "high"]
    assert list(out["supplier_level"].cat.categories) == ["low", "high"]


def test_two_sided_grid_computes_customer_attractiveness_when_absent():
    df = pd.DataFrame({"differentiation": [5], "value_for_price": [5], "preference": [5],
                       "access": [1], "buying_rules": [1], "our_attractiveness": [1]})
    out = two_sided_grid(df)
    assert out["attractiveness"].tolist() == [3.4]
    assert out["quadrant"].tolist() == ["win_customer"]


def test_two_sided_grid_missing_supplier_column_raises():
    with pytest.raises(MissingColumnsError, match="our_attractiveness"):
        two_sided_grid(pd.DataFrame({"attractiveness": [4]}))


def test_relationship_type_four_cells_and_cut():
    df = pd.DataFrame({"common_interest": [4, 4, 2, 2, 3, 3.5],
                       "relationship_value": [4, 2, 4, 2, 3.5, 3]})
    out = relationship_type(df)
    assert out["common_interest_level"].astype(str).tolist() == ["high", "high", "low", "low",
                                                                  "low", "high"]
    assert out["relationship_value_level"].astype(str).tolist() == ["high", "low", "high", "low",
                                                                     "high", "low"]
    assert out["relationship_type"].tolist() == [
        "strategic_partner", "ordinary_friend", "competitor_type", "transactional",
        "competitor_type", "ordinary_friend"]


def test_relationship_type_custom_cut_and_missing_column():
    out = relationship_type(pd.DataFrame({"common_interest": [2], "relationship_value": [2]}),
                            cut=1.5)
    assert out["relationship_type"].tolist() == ["strategic_partner"]
    with pytest.raises(MissingColumnsError, match="relationship_value"):
        relationship_type(pd.DataFrame({"common_interest": [2]}))


def _positions(tiers, profits, **kw):
    df = pd.DataFrame({"abc": tiers, "profit": profits})
    return position_customers(df, **kw)["position"].astype(str).tolist()


def test_position_default_rule_dog_only_for_losing_c():
    assert _positions(["A", "B", "C", "C", "A", "B", "C"],
                      [10, 5, 1, -1, -50, -3, 0]) == [
        "gold", "star", "problem", "dog", "gold", "star", "problem"]


def test_position_works_on_categorical_abc_and_is_ordered():
    df = abc_classify(pd.DataFrame({"revenue": [50, 30, 15, 5], "profit": [9, 3, 1, -2]}))
    out = position_customers(df)
    assert out["position"].astype(str).tolist() == ["gold", "gold", "star", "dog"]
    assert list(out["position"].cat.categories) == ["dog", "problem", "star", "gold"]
    assert (out["position"] > "star").sum() == 2


def test_position_custom_mapping():
    assert _positions(["A", "B", "C"], [1, 1, 1],
                      mapping={"A": "gold", "B": "gold", "C": "star"}) == ["gold", "gold", "star"]
    assert _positions(["A", "B", "C"], [1, 1, -1],
                      mapping={"A": "star", "B": "problem", "C": "problem"}) == [
        "star", "problem", "dog"]


def test_position_unknown_tier_raises():
    with pytest.raises(ParameterError, match="'D'"):
        _positions(["A", "D"], [1, 1])


def test_position_mapping_to_unknown_position_raises():
    with pytest.raises(ParameterError, match="platinum"):
        _positions(["A"], [1], mapping={"A": "platinum"})


def test_position_missing_profit_raises():
    with pytest.raises(MissingColumnsError, match="'profit'"):
        position_customers(pd.DataFrame({"abc": ["A"]}))


# ---------------------------------------------------------------------------------------
# service_level_table (seed 001): the display table lives in kamlab.tables
# ---------------------------------------------------------------------------------------

from kamlab.tables import service_level_table  # noqa: E402


def test_service_level_table_english():
    t = service_level_table("en")
    assert list(t.columns) == ["A", "B", "C"]
    assert t.index.name == "service"
    ticks = (t == "✓").sum()
    assert (ticks["A"], ticks["B"], ticks["C"]) == (len(t), 4, 3)
    # each tier adds to the one below
    assert ((t["C"] == "✓") <= (t["B"] == "✓")).all()
    assert ((t["B"] == "✓") <= (t["A"] == "✓")).all()
    assert t.index[t["C"] == "✓"].tolist() == [
        "Customer file", "Periodic company and new-product information", "Sampled phone calls"]
    assert t.loc["Membership programme"].tolist() == ["✓", "✓", ""]
    assert t.loc["Dedicated service representative"].tolist() == ["✓", "", ""]


def test_service_level_table_chinese():
    t = service_level_table("zh")
    assert t.index.name == "服务项目"
    assert t.loc["专门的客户服务代表"].tolist() == ["✓", "", ""]
    assert t.loc["建立客户档案"].tolist() == ["✓", "✓", "✓"]
    assert (t["A"] == "✓").all()
    assert (t == "✓").sum().tolist() == [7, 4, 3]


def test_service_level_table_unknown_language_raises():
    with pytest.raises(ParameterError, match="lang"):
        service_level_table("fr")


# ---------------------------------------------------------------------------------------
# Purity: the input is never changed
# ---------------------------------------------------------------------------------------

def _rich_book():
    return pd.DataFrame({
        "account_id": list("abcdef"),
        "revenue": [10, 400_000, 40, 250_000, 6, 15],
        "profit": [1, 30, -2, 20, 0, -1],
        "sales_hours": [5, 10, 8, 12, 20, 3],
        "wallet": [100, 2e6, 1e3, 6e5, 60, 1e6],
        "differentiation": [1, 5, 3, 4, 2, 3], "value_for_price": [2, 4, 3, 5, 1, 3],
        "preference": [3, 4, 3, 2, 1, 5], "access": [1, 5, 2, 4, 3, 3],
        "buying_rules": [2, 3, 4, 5, 1, 2], "relationship": [1, 5, 3, 2, 4, 3],
        "our_attractiveness": [2, 4, 3, 5, 1, 4], "common_interest": [1, 5, 3, 4, 2, 3],
        "relationship_value": [2, 4, 4, 2, 5, 1],
        "abc": ["C", "A", "B", "A", "C", "C"],
    }, index=[10, 11, 12, 13, 14, 15])


@pytest.mark.parametrize("call", [
    abc_classify,
    lambda df: abc_classify(df, "profit", cutoffs=(0.5, 0.9)),
    abc_classify_by_count,
    tier_summary,
    time_vs_value,
    potential_share_grid,
    attractiveness_score,
    strategy_grid,
    two_sided_grid,
    relationship_type,
    position_customers,
], ids=["abc", "abc_profit", "abc_by_count", "tier_summary", "time_vs_value",
        "potential_share_grid", "attractiveness_score", "strategy_grid",
        "two_sided_grid", "relationship_type", "position_customers"])
def test_functions_leave_input_unchanged(call):
    df = _rich_book()
    before = df.copy(deep=True)
    call(df)
    pd.testing.assert_frame_equal(df, before)


# ---------------------------------------------------------------------------------------
# Seed 004 figure on the bundled data
# ---------------------------------------------------------------------------------------

class TestSeedFiguresOnBundledData:
    """Seed 004: A = top 20% of customers with ~80% of sales."""

    def test_abc_by_count_a_holds_about_80_percent_of_revenue(self, customers):
        s = tier_summary(abc_classify_by_count(customers), "abc")
        assert s["tier"].tolist() == ["A", "B", "C"]
        assert s["revenue_share"].iloc[0] == pytest.approx(0.80, abs=0.03)

    def test_typical_portfolio_top_tier_gets_least_time(self, customers):
        # seed 000: 4% / 16% / 80% of customers get roughly 10% / 30% / 60% of the time
        tiers = abc_classify_by_count(customers, cutoffs=(0.04, 0.20))
        t = time_vs_value(tiers, time="sales_hours", value="profit")
        np.testing.assert_allclose(t["accounts_share"], [0.04, 0.16, 0.80])
        np.testing.assert_allclose(t["time_share"], [0.10, 0.30, 0.60], atol=0.03)
        assert t["value_per_time_index"].is_monotonic_decreasing


def test_a_missing_result_column_names_the_function_that_makes_it():
    """Issue 9 group 5: a missing `abc` tier says 'run abc_classify first', not value='account_id'."""
    from kamlab.segmentation import tier_summary

    book = pd.DataFrame({"account_id": ["a", "b"], "revenue": [2.0, 1.0]})
    with pytest.raises(MissingColumnsError, match=r"'abc' is made by abc_classify\(df\)") as info:
        tier_summary(book, "abc", ["revenue"])
    assert "value='account_id'" not in str(info.value)
    with pytest.raises(MissingColumnsError, match="Did you mean 'Revenue'"):
        abc_classify(book.rename(columns={"revenue": "Revenue"}))


def test_time_vs_value_refuses_blank_hours_instead_of_a_partial_share():
    book = abc_classify(pd.DataFrame({"account_id": list("abcd"), "revenue": [4.0, 3.0, 2.0, 1.0],
                                      "profit": [1.0, 1.0, 1.0, 1.0],
                                      "sales_hours": [10.0, np.nan, 5.0, 5.0]}))
    with pytest.raises(InvalidDataError, match=r"'sales_hours' has blanks at rows \[1\]"):
        time_vs_value(book)


def test_true_false_is_not_a_value_column():
    # True/False would count as 1/0 and rank accounts by a flag (issue 9 group 4)
    from kamlab.exceptions import InvalidDataError
    from kamlab.segmentation import abc_classify

    df = pd.DataFrame({"account_id": ["a", "b", "c"], "revenue": [True, False, True]})
    with pytest.raises(InvalidDataError, match=r"column 'revenue' holds true/false values, not "
                                               r"amounts.*astype\(int\)"):
        abc_classify(df, "revenue")
    with pytest.raises(InvalidDataError, match="true/false"):
        abc_classify(df.astype({"revenue": object}), "revenue")
