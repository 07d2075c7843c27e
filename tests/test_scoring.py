"""Tests for kamlab.scoring: closed forms of the weighted score, weights, ranking, sensitivity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError
from kamlab.scoring import (
    DEFAULT_WEIGHTS,
    TopChange,
    normalise_weights,
    score_accounts,
    top_changes,
    top_n,
    weight_sensitivity,
)

CRITERIA = list(DEFAULT_WEIGHTS)


def _uniform(score: float, n: int = 3) -> pd.DataFrame:
    return pd.DataFrame({c: [score] * n for c in CRITERIA})


def _random_book(n: int = 60, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({c: rng.integers(1, 6, n) for c in CRITERIA})
    df.insert(0, "account_id", [f"K{i:03d}" for i in range(n)])
    return df


# ---------------------------------------------------------------------------------------
# normalise_weights
# ---------------------------------------------------------------------------------------

def test_normalise_weights_sums_to_one_and_keeps_zero_weights():
    w = normalise_weights({"access": 1, "relationship": 3, "preference": 0})
    assert w == {"access": 0.25, "relationship": 0.75, "preference": 0.0}


def test_normalise_weights_default_is_default_weights():
    w = normalise_weights()
    assert list(w) == CRITERIA
    assert sum(w.values()) == pytest.approx(1.0)
    assert w["relationship"] == pytest.approx(0.15)


@pytest.mark.parametrize("weights", [{}, {"access": 0, "relationship": 0},
                                     {"access": -1, "relationship": 2},
                                     {"access": float("nan")}, {"access": float("inf")},
                                     {"access": "3"}])
def test_normalise_weights_bad_weights_raise(weights):
    with pytest.raises(ParameterError):
        normalise_weights(weights)


def test_normalise_weights_accepts_numpy_numbers():
    # e.g. dict(weights_series) gives numpy scalars
    w = normalise_weights({"access": np.int64(1), "relationship": np.float32(3.0)})
    assert w == {"access": 0.25, "relationship": 0.75}


# ---------------------------------------------------------------------------------------
# score_accounts
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("score", "expected"), [(1, 0.0), (5, 100.0), (3, 50.0), (2, 25.0)])
def test_score_closed_forms_with_default_weights(score, expected):
    out = score_accounts(_uniform(score))
    np.testing.assert_allclose(out["score"], [expected] * 3, atol=1e-9)


def test_score_hand_worked_weighted_example():
    df = pd.DataFrame({"access": [4, 1, 5], "relationship": [2, 5, 5], "preference": [5, 3, 1]})
    out = score_accounts(df, {"access": 2, "relationship": 1, "preference": 1})
    # weights 0.5 / 0.25 / 0.25:
    # 2 + 0.5 + 1.25 = 3.75 -> 68.75;  0.5 + 1.25 + 0.75 = 2.5 -> 37.5;  2.5 + 1.25 + 0.25 = 4 -> 75
    np.testing.assert_allclose(out["score"], [68.75, 37.5, 75.0])
    assert out["score_rank"].tolist() == [2, 3, 1]


def test_score_uses_only_weighted_criteria():
    df = pd.DataFrame({"access": [5, 1], "relationship": [1, 5], "noise": [1, 5]})
    out = score_accounts(df, {"access": 1})
    assert out["score"].tolist() == [100.0, 0.0]


def test_score_scaling_all_weights_changes_nothing():
    df = _random_book()
    w = {"access": 2.0, "relationship": 5.0, "margin_potential": 1.5, "preference": 0.0}
    base = score_accounts(df, w)
    scaled = score_accounts(df, {k: 7 * v for k, v in w.items()})
    pd.testing.assert_series_equal(scaled["score"], base["score"], rtol=1e-12)
    assert scaled["score_rank"].tolist() == base["score_rank"].tolist()


def test_score_changing_relative_weights_does_change_scores():
    df = pd.DataFrame({"access": [5, 1], "relationship": [1, 5]})
    a = score_accounts(df, {"access": 1, "relationship": 1})["score"].tolist()
    b = score_accounts(df, {"access": 3, "relationship": 1})["score"].tolist()
    assert a == [50.0, 50.0]
    assert b == [75.0, 25.0]


@pytest.mark.parametrize("weights", [{"access": -0.1, "relationship": 1},
                                     {"access": 0, "relationship": 0}, {}])
def test_score_bad_weights_raise(weights):
    df = pd.DataFrame({"access": [1], "relationship": [2]})
    with pytest.raises(ParameterError):
        score_accounts(df, weights)


def test_score_missing_criterion_names_it():
    df = pd.DataFrame({"access": [1, 2]})
    with pytest.raises(MissingColumnsError) as info:
        score_accounts(df, {"access": 1, "relationship": 1})
    assert isinstance(info.value, KeyError)
    assert info.value.missing == ["relationship"]
    assert "'relationship'" in str(info.value) and "'access'" in str(info.value)


def test_score_default_weights_need_every_default_criterion():
    df = _uniform(3).drop(columns=["growth_potential"])
    with pytest.raises(MissingColumnsError, match="growth_potential"):
        score_accounts(df)


def test_score_text_in_a_criterion_raises_with_row():
    df = pd.DataFrame({"access": [1, "high", 3]})
    with pytest.raises(InvalidDataError) as info:
        score_accounts(df, {"access": 1})
    assert info.value.rows == [1]


def test_score_rank_ties_keep_original_order():
    df = pd.DataFrame({"access": [3, 4, 3, 4, 1]})
    out = score_accounts(df, {"access": 1})
    assert out["score"].tolist() == [50.0, 75.0, 50.0, 75.0, 0.0]
    assert out["score_rank"].tolist() == [3, 1, 4, 2, 5]


def test_score_rank_ties_keep_original_order_in_large_tables():
    # integer criteria give many exact ties; large enough for an unstable sort to scramble them
    rng = np.random.default_rng(9)
    df = pd.DataFrame({"access": rng.integers(1, 6, 3000), "relationship": rng.integers(1, 6, 3000)})
    df.insert(0, "account_id", np.arange(3000))
    out = score_accounts(df, {"access": 1, "relationship": 1})
    key = (df["access"] + df["relationship"]).tolist()
    expected = sorted(range(3000), key=lambda i: (-key[i], i))
    assert out.sort_values("score_rank")["account_id"].tolist() == expected
    assert top_n(df, 25, {"access": 1, "relationship": 1}) == expected[:25]


def test_score_keeps_rows_index_and_columns():
    df = _random_book(5).set_axis(list("vwxyz"))
    out = score_accounts(df)
    assert out.index.tolist() == list("vwxyz")
    pd.testing.assert_frame_equal(out[df.columns], df)
    assert list(out.columns) == [*df.columns, "score", "score_rank"]


# ---------------------------------------------------------------------------------------
# top_n / top_changes
# ---------------------------------------------------------------------------------------

def test_top_n_best_first_with_ties_in_original_order():
    df = pd.DataFrame({"account_id": list("pqrst"), "access": [3, 4, 3, 4, 1]})
    assert top_n(df, 2, {"access": 1}) == ["q", "s"]
    assert top_n(df, 3, {"access": 1}) == ["q", "s", "p"]
    assert top_n(df, 99, {"access": 1}) == ["q", "s", "p", "r", "t"]


def test_top_n_custom_id_and_missing_id():
    df = pd.DataFrame({"name": ["x", "y"], "access": [1, 5]})
    assert top_n(df, 1, {"access": 1}, id="name") == ["y"]
    with pytest.raises(MissingColumnsError, match="account_id"):
        top_n(df, 1, {"access": 1})


def test_top_changes_hand_examples():
    assert top_changes(["a", "b", "c"], ["a", "d", "b"]) == TopChange(("d",), ("c",))
    change = top_changes(["a", "b", "c", "d"], ["e", "a", "f", "b"])
    assert change.entered == ("e", "f")
    assert change.left == ("c", "d")
    assert change.changed == 2
    same = top_changes(["a", "b"], ["b", "a"])
    assert same == TopChange((), ()) and same.changed == 0


# ---------------------------------------------------------------------------------------
# weight_sensitivity
# ---------------------------------------------------------------------------------------

def _sensitivity_book() -> pd.DataFrame:
    """Three equal weights; q only rises above s when 'relationship' gets +50%.

    p = (5, 5, 5) always 5; s = (2.65, 2.65, 2.65) always 2.65; d = (1, 1, 1) always 1;
    q = (1, 1, 5) scores 7/3 ≈ 2.33 at equal weights, 19/7 ≈ 2.71 when relationship's weight
    is ×1.5 (weights 2/7, 2/7, 3/7), and at most 2.6 for every other ±50% move.
    """
    return pd.DataFrame({
        "account_id": ["q", "d", "s", "p"],
        "access": [1, 1, 2.65, 5],
        "preference": [1, 1, 2.65, 5],
        "relationship": [5, 1, 2.65, 5],
    })


EQUAL = {"access": 1, "preference": 1, "relationship": 1}


def test_weight_sensitivity_constructed_example():
    df = _sensitivity_book()
    assert top_n(df, 2, EQUAL) == ["p", "s"]
    out = weight_sensitivity(df, EQUAL, n=2, delta=0.5)
    assert list(out.columns) == ["criterion", "direction", "weight", "new_weight", "changed",
                                 "entered", "left"]
    assert out["criterion"].tolist() == ["access", "access", "preference", "preference",
                                         "relationship", "relationship"]
    assert out["direction"].tolist() == [-1, 1, -1, 1, -1, 1]
    np.testing.assert_allclose(out["weight"], [1 / 3] * 6)
    # (1/3 · 0.5) / (5/6) = 0.2 and (1/3 · 1.5) / (7/6) = 3/7
    np.testing.assert_allclose(out["new_weight"], [0.2, 3 / 7] * 3)
    assert out["changed"].tolist() == [0, 0, 0, 0, 0, 1]
    moved = out.iloc[-1]
    assert moved["entered"] == ("q",)
    assert moved["left"] == ("s",)
    assert all(e == () and left == () for e, left in zip(out["entered"][:5], out["left"][:5]))
    # the same move, checked directly
    assert top_n(df, 2, {"access": 1, "preference": 1, "relationship": 1.5}) == ["p", "q"]


def test_weight_sensitivity_smaller_move_changes_nothing():
    out = weight_sensitivity(_sensitivity_book(), EQUAL, n=2, delta=0.2)
    assert out["changed"].sum() == 0


def test_weight_sensitivity_shape_and_consistency_on_default_weights():
    df = _random_book(80)
    out = weight_sensitivity(df, n=10, delta=0.3)
    assert len(out) == 2 * len(DEFAULT_WEIGHTS)
    assert out["criterion"].tolist() == [c for c in CRITERIA for _ in (-1, 1)]
    assert (out["changed"] == out["entered"].map(len)).all()
    assert (out["changed"] == out["left"].map(len)).all()
    np.testing.assert_allclose(out["weight"], [DEFAULT_WEIGHTS[c] for c in out["criterion"]])
    # a weight w moved by s·delta renormalises to w(1 + s·d) / (1 + s·d·w)
    w, s = out["weight"].to_numpy(), out["direction"].to_numpy()
    np.testing.assert_allclose(out["new_weight"], w * (1 + s * 0.3) / (1 + s * 0.3 * w))
    base = set(top_n(df, 10))
    for row in out.itertuples():
        assert set(row.entered).isdisjoint(base)
        assert set(row.left) <= base


@pytest.mark.parametrize("delta", [0, 1, -0.2, 1.5])
def test_weight_sensitivity_delta_out_of_range_raises(delta):
    with pytest.raises(ParameterError, match="delta"):
        weight_sensitivity(_sensitivity_book(), EQUAL, n=2, delta=delta)


@pytest.mark.parametrize("n", [0, -3, 2.5, "10", None])
def test_weight_sensitivity_invalid_n_raises(n):
    with pytest.raises(ParameterError, match="n must be"):
        weight_sensitivity(_sensitivity_book(), EQUAL, n=n)


def test_weight_sensitivity_accepts_numpy_integer_n():
    out = weight_sensitivity(_sensitivity_book(), EQUAL, n=np.int64(2), delta=0.5)
    assert out["changed"].tolist() == [0, 0, 0, 0, 0, 1]


def test_weight_sensitivity_missing_columns_raise():
    with pytest.raises(MissingColumnsError, match="account_id"):
        weight_sensitivity(_sensitivity_book().drop(columns="account_id"), EQUAL)
    with pytest.raises(MissingColumnsError, match="buying_rules"):
        weight_sensitivity(_sensitivity_book(), {**EQUAL, "buying_rules": 1})


# ---------------------------------------------------------------------------------------
# Purity: the input is never changed
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    score_accounts,
    lambda df: score_accounts(df, {"access": 1, "relationship": 2}),
    lambda df: top_n(df, 5),
    lambda df: weight_sensitivity(df, n=5),
], ids=["score_accounts", "score_accounts_weights", "top_n", "weight_sensitivity"])
def test_functions_leave_input_unchanged(call):
    df = _random_book(20).set_axis(range(100, 120))
    df["access"] = df["access"].astype(object)  # also not converted in place
    before = df.copy(deep=True)
    call(df)
    pd.testing.assert_frame_equal(df, before)


def test_weights_dict_is_not_changed():
    weights = {"access": 2, "relationship": 6}
    weight_sensitivity(_sensitivity_book(), weights, n=2)
    score_accounts(_sensitivity_book(), weights)
    assert weights == {"access": 2, "relationship": 6}
