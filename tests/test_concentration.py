"""Tests for kamlab.concentration: closed forms, hand-worked examples, errors, purity.

In the spirit of QuantEcon's tests/test_inequality.py: the Gini of equal values is 0, of
one holder (n-1)/n, of a large Pareto(a) sample 1/(2a-1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlab.concentration import (
    concentration_summary,
    descending_order,
    gini,
    hhi,
    lorenz_curve,
    pareto_table,
    top_count,
    top_share,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

positive_values = st.lists(
    st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False),
    min_size=1, max_size=60)


# ---------------------------------------------------------------------------------------
# gini
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("values", [[5, 5, 5, 5], [1.5], [7.0] * 100])
def test_gini_of_equal_values_is_zero(values):
    assert gini(values) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("n", [1, 2, 4, 10, 1000])
def test_gini_of_one_holder_is_n_minus_one_over_n(n):
    values = [0.0] * (n - 1) + [12.0]
    assert gini(values) == pytest.approx((n - 1) / n, abs=1e-12)


def test_gini_hand_worked_example():
    # [1, 2, 3, 4]: sum over all pairs |xi - xj| = 2 * (1+2+3+1+2+1) = 20; n = 4, mu = 2.5
    # G = 20 / (2 * 16 * 2.5) = 0.25
    assert gini([3, 1, 4, 2]) == pytest.approx(0.25, abs=1e-12)


def test_gini_with_negative_values_follows_mean_difference_formula():
    # [-1, 1, 3]: pairs |.|: 2, 4, 2 -> ordered-pair sum 16; n = 3, mu = 1 -> 16 / 18 = 8/9
    assert gini([3, -1, 1]) == pytest.approx(8 / 9, abs=1e-12)


def test_gini_with_negatives_can_exceed_one():
    # [-10, 0, 11]: ordered-pair sum 2 * (10 + 21 + 11) = 84; n = 3, mu = 1/3 -> 84 / 6 = 14
    assert gini([-10, 0, 11]) == pytest.approx(14.0, rel=1e-12)


def test_gini_is_scale_invariant():
    x = np.random.default_rng(3).lognormal(0, 1.5, 500)
    assert gini(x * 1234.5) == pytest.approx(gini(x), rel=1e-12)
    assert gini(x / 1e6) == pytest.approx(gini(x), rel=1e-12)


def test_gini_is_permutation_invariant():
    rng = np.random.default_rng(4)
    x = rng.lognormal(0, 1.0, 300)
    assert gini(rng.permutation(x)) == pytest.approx(gini(x), rel=1e-12)
    assert gini(x[::-1]) == pytest.approx(gini(x), rel=1e-12)


@pytest.mark.parametrize("a", [2.5, 3.0, 5.0])
def test_gini_of_pareto_sample_is_one_over_two_a_minus_one(a):
    # numpy's pareto() is the Lomax (Pareto II); adding 1 gives Pareto I with x_min = 1,
    # whose Gini is 1 / (2a - 1).
    x = np.random.default_rng(20240501).pareto(a, 1_000_000) + 1.0
    assert gini(x) == pytest.approx(1.0 / (2.0 * a - 1.0), abs=0.005)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gini_is_twice_the_area_between_diagonal_and_lorenz_curve(seed):
    x = np.random.default_rng(seed).lognormal(0, 2.0, 257)
    curve = lorenz_curve(x)
    area_under = np.trapezoid(curve["value_share"], curve["population_share"])
    assert gini(x) == pytest.approx(2.0 * (0.5 - area_under), abs=1e-12)


def test_gini_accepts_series_list_and_array_alike():
    values = [4.0, 1.0, 9.0, 0.0]
    expected = gini(values)
    assert gini(np.array(values)) == expected
    assert gini(pd.Series(values, index=[10, 3, 7, 1])) == expected


@pytest.mark.parametrize("values", [[0, 0, 0], [-5, 3], [-1.0]])
def test_gini_total_not_positive_raises(values):
    with pytest.raises(InvalidDataError, match="adds up to"):
        gini(values)


def test_gini_empty_raises():
    with pytest.raises(InvalidDataError, match="no values"):
        gini([])


def test_gini_text_value_names_the_row_and_value():
    with pytest.raises(InvalidDataError) as info:
        gini(pd.Series([10.0, 20.0, "n/a", 5.0]))
    err = info.value
    assert err.rows == [2]
    assert err.values == ["n/a"]
    assert "'n/a'" in str(err) and "[2]" in str(err)


def test_gini_blank_value_raises_with_row():
    with pytest.raises(InvalidDataError, match="blanks") as info:
        gini(pd.Series([1.0, np.nan, 3.0]))
    assert info.value.rows == [1]


def test_gini_whole_dataframe_is_refused_with_a_hint():
    df = pd.DataFrame({"account_id": ["a", "b"], "revenue": [1.0, 2.0]})
    with pytest.raises(InvalidDataError, match="DataFrame") as info:
        gini(df)
    assert "df['revenue']" in str(info.value)


# ---------------------------------------------------------------------------------------
# hhi
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("values", [[100], [7.5], [0, 0, 42]])
def test_hhi_of_monopoly_is_10000(values):
    assert hhi(values) == pytest.approx(10_000.0)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 10, 250])
def test_hhi_of_n_equal_holders_is_10000_over_n(n):
    assert hhi([3.0] * n) == pytest.approx(10_000.0 / n, rel=1e-12)


def test_hhi_hand_worked_example():
    assert hhi([20, 50, 30]) == pytest.approx(3_800.0)  # 50² + 30² + 20²
    assert hhi([2, 5, 3]) == pytest.approx(3_800.0)     # shares, not amounts


def test_hhi_negative_values_raise():
    with pytest.raises(InvalidDataError, match="negatives"):
        hhi([50, 60, -10])


def test_hhi_total_zero_raises():
    with pytest.raises(InvalidDataError):
        hhi([0, 0])


# ---------------------------------------------------------------------------------------
# top_share / top_count
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("frac", "expected"), [
    (0.2, 0.5),    # k = 1: 50
    (0.4, 0.8),    # k = 2: 50 + 30
    (0.5, 0.9),    # k = ceil(2.5) = 3
    (0.21, 0.8),   # k = ceil(1.05) = 2
    (1.0, 1.0),
])
def test_top_share_hand_examples(frac, expected):
    assert top_share([10, 5, 50, 5, 30], frac) == pytest.approx(expected, abs=1e-12)


def test_top_share_top_25_percent_of_ten_is_three_accounts():
    values = [100, 90, 80, 1, 1, 1, 1, 1, 1, 1]  # total 277
    assert top_share(values, 0.25) == pytest.approx(270 / 277)


def test_top_count_is_smallest_k_reaching_frac_n():
    assert top_count(3000, 0.03) == 90
    assert top_count(10, 0.25) == 3
    assert top_count(7, 0.5) == 4
    assert top_count(7, 1.0) == 7
    assert top_count(1, 0.01) == 1


def test_top_count_is_floating_point_safe():
    # 0.07 * 100 = 7.000000000000001 and 0.29 * 100 = 28.999999999999996 in floats
    assert [top_count(100, i / 100) for i in range(1, 101)] == list(range(1, 101))
    assert [top_count(3000, i / 1000) for i in range(1, 1001)] == [3 * i for i in range(1, 1001)]


def test_top_share_three_percent_of_3000_is_exactly_90_accounts():
    # 90 accounts of 10 and 2,910 of 1: taking 91 accounts would add 1 to the numerator
    values = np.array([1.0] * 2910 + [10.0] * 90)
    np.random.default_rng(0).shuffle(values)
    assert top_share(values, 0.03) == pytest.approx(900 / 3810, rel=1e-12)
    assert top_share(values, 0.1 * 0.3) == pytest.approx(900 / 3810, rel=1e-12)


def test_top_share_with_negative_tail_can_exceed_one():
    assert top_share([80, 40, -20], 2 / 3) == pytest.approx(1.2)


@pytest.mark.parametrize("frac", [0, -0.1, 1.0001, 2, 80, "abc", None])
def test_top_share_frac_outside_zero_one_raises(frac):
    with pytest.raises(ParameterError, match="between 0 and 1"):
        top_share([1, 2, 3], frac)


def test_top_share_percent_instead_of_fraction_gets_hint():
    with pytest.raises(ParameterError, match=r"Did you mean 0\.8\?"):
        top_share([1, 2, 3], 80)


def test_top_share_total_not_positive_raises():
    with pytest.raises(InvalidDataError):
        top_share([-3, 1, 1], 0.5)


def test_top_share_of_everything_is_exactly_one():
    for values in ([0.3, 0.2, 0.1], [3.3, 1.1, 2.2], [1, 2, 3]):
        assert top_share(values, 1.0) == 1.0, values


@settings(max_examples=200, deadline=None)
@given(values=positive_values)
def test_top_share_of_all_positive_values_is_one(values):
    assert top_share(values, 1.0) == 1.0


@settings(max_examples=200, deadline=None)
@given(values=positive_values,
       fracs=st.lists(st.floats(min_value=1e-4, max_value=1.0), min_size=2, max_size=6))
def test_top_share_is_monotone_non_decreasing_in_frac(values, fracs):
    shares = [top_share(values, f) for f in sorted(fracs)]
    assert all(b >= a for a, b in zip(shares, shares[1:]))
    assert all(0 < s <= 1 + 1e-12 for s in shares)


# ---------------------------------------------------------------------------------------
# pareto_table / lorenz_curve / concentration_summary
# ---------------------------------------------------------------------------------------

def _book():
    return pd.DataFrame({
        "account_id": ["a", "b", "c", "d", "e"],
        "revenue": [10.0, 40.0, 10.0, 20.0, 20.0],
        "region": ["N", "S", "E", "W", "N"],
    }, index=[5, 1, 9, 2, 7])


def test_pareto_table_columns_ranking_and_shares():
    t = pareto_table(_book())
    assert list(t.columns) == ["rank", "account_id", "revenue", "share", "cum_share",
                               "cum_accounts_share"]
    assert t["rank"].tolist() == [1, 2, 3, 4, 5]
    # ties (d, e at 20; a, c at 10) keep the original order
    assert t["account_id"].tolist() == ["b", "d", "e", "a", "c"]
    assert t["revenue"].tolist() == [40.0, 20.0, 20.0, 10.0, 10.0]
    np.testing.assert_allclose(t["share"], [0.4, 0.2, 0.2, 0.1, 0.1])
    np.testing.assert_allclose(t["cum_share"], [0.4, 0.6, 0.8, 0.9, 1.0])
    np.testing.assert_allclose(t["cum_accounts_share"], [0.2, 0.4, 0.6, 0.8, 1.0])


def _stable_descending(values) -> list[int]:
    """Oracle: positions largest first, ties by position (plain Python sort)."""
    return sorted(range(len(values)), key=lambda i: (-values[i], i))


def test_descending_order_hand_example():
    assert descending_order(np.array([1.0, 3.0, 3.0, 2.0, 3.0])).tolist() == [1, 2, 4, 3, 0]
    assert descending_order(np.array([7.0])).tolist() == [0]
    assert descending_order(np.array([2.0, 2.0, 2.0])).tolist() == [0, 1, 2]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_descending_order_large_arrays_with_many_ties(seed):
    # large enough for numpy's unstable quick sort to scramble ties
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 7, 5000).astype(float)
    x[rng.integers(0, 5000, 50)] = rng.normal(0, 100, 50)  # a few distinct values
    assert descending_order(x).tolist() == _stable_descending(x.tolist())


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.integers(min_value=-5, max_value=5), min_size=1, max_size=300))
def test_descending_order_is_the_stable_descending_sort(values):
    assert descending_order(np.array(values, dtype=float)).tolist() == _stable_descending(values)


def test_pareto_table_ties_keep_original_order_in_large_tables():
    rng = np.random.default_rng(7)
    values = rng.integers(1, 5, 3000).astype(float)
    df = pd.DataFrame({"account_id": np.arange(3000), "revenue": values})
    t = pareto_table(df)
    assert t["account_id"].tolist() == _stable_descending(values.tolist())
    assert t["rank"].tolist() == list(range(1, 3001))


def test_pareto_table_custom_value_and_id_columns():
    df = pd.DataFrame({"cust": ["x", "y", "z"], "profit": [5, -1, 6]})
    t = pareto_table(df, "profit", id="cust")
    assert t["cust"].tolist() == ["z", "x", "y"]
    np.testing.assert_allclose(t["cum_share"], [0.6, 1.1, 1.0])


def test_pareto_table_missing_column_names_it_and_lists_available():
    with pytest.raises(MissingColumnsError) as info:
        pareto_table(_book(), "profit")
    err = info.value
    assert isinstance(err, KeyError)
    assert err.missing == ["profit"]
    assert "'profit'" in str(err) and "'account_id'" in str(err) and "'revenue'" in str(err)


def test_lorenz_curve_hand_worked_points():
    curve = lorenz_curve([4, 1, 3, 2])
    assert list(curve.columns) == ["population_share", "value_share"]
    np.testing.assert_allclose(curve["population_share"], [0, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(curve["value_share"], [0, 0.1, 0.3, 0.6, 1.0])


def test_lorenz_curve_lies_on_or_below_the_diagonal_for_non_negative_values():
    x = np.random.default_rng(8).lognormal(0, 2, 99)
    curve = lorenz_curve(x)
    assert (np.diff(curve["value_share"]) >= 0).all()
    assert (curve["value_share"] <= curve["population_share"] + 1e-12).all()
    assert curve.iloc[-1].tolist() == pytest.approx([1.0, 1.0])


def test_concentration_summary_hand_worked():
    s = concentration_summary(_book(), fractions=(0.2, 0.4, 0.03, 0.11))
    assert s.name == "revenue"
    assert s.index.tolist() == ["accounts", "total", "gini", "hhi", "top_20%", "top_40%",
                                "top_3%", "top_11%"]
    assert s["accounts"] == 5
    assert s["total"] == pytest.approx(100.0)
    # [10,10,20,20,40]: ordered-pair |diff| sum = 2*(0+10+10+30+10+10+30+0+20+20) = 280
    assert s["gini"] == pytest.approx(280 / (2 * 25 * 20))
    assert s["hhi"] == pytest.approx(1600 + 400 + 400 + 100 + 100)
    assert s["top_20%"] == pytest.approx(0.4)
    assert s["top_40%"] == pytest.approx(0.6)
    assert s["top_3%"] == pytest.approx(0.4)
    assert s["top_11%"] == pytest.approx(0.4)


def test_concentration_summary_default_fractions_labels():
    s = concentration_summary(_book())
    assert [k for k in s.index if k.startswith("top_")] == [
        "top_1%", "top_3%", "top_5%", "top_10%", "top_11%", "top_20%"]


def test_concentration_summary_leaves_out_hhi_when_values_are_negative():
    df = pd.DataFrame({"profit": [50.0, 30.0, -5.0]})
    s = concentration_summary(df, "profit")
    assert "hhi" not in s.index
    assert s["gini"] == pytest.approx(gini([50.0, 30.0, -5.0]))
    assert s["total"] == pytest.approx(75.0)


# ---------------------------------------------------------------------------------------
# Purity: the input is never changed
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda df: gini(df["revenue"]),
    lambda df: hhi(df["revenue"]),
    lambda df: top_share(df["revenue"], 0.4),
    lambda df: lorenz_curve(df["revenue"]),
    pareto_table,
    concentration_summary,
], ids=["gini", "hhi", "top_share", "lorenz_curve", "pareto_table", "concentration_summary"])
def test_functions_leave_input_unchanged(call):
    df = _book()
    df["revenue"] = df["revenue"].astype(object)  # also not converted in place
    before = df.copy(deep=True)
    call(df)
    pd.testing.assert_frame_equal(df, before)


# ---------------------------------------------------------------------------------------
# Seed 000 figures on the bundled data
# ---------------------------------------------------------------------------------------

class TestSeedFiguresOnBundledData:
    """Seed 000: "3% of customers make 50% of sales"; "75% of profit from 11% of customers"."""

    def test_top_3_percent_make_half_of_revenue(self, customers):
        assert top_share(customers["revenue"], 0.03) == pytest.approx(0.50, abs=0.02)

    def test_top_11_percent_make_three_quarters_of_profit(self, customers):
        assert top_share(customers["profit"], 0.11) == pytest.approx(0.75, abs=0.02)
