"""Module 1 — why key accounts: how concentrated value is.

Pareto (top-down) table, Lorenz curve (bottom-up), Gini, HHI and the share held by the
top x% of accounts. Seed 000: "3% of customers make 50% of sales"; "75% of profit
contribution comes from 11% of customers".

>>> from kamlab import load_dataset
>>> book = load_dataset("customers")
>>> abs(top_share(book["revenue"], 0.03) - 0.50) <= 0.02  # seed 000: 3% make 50%
True
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kamlab._validate import check_fraction, numeric_column, positive_total, require_columns
from kamlab.exceptions import InvalidDataError

__all__ = [
    "gini", "hhi", "top_share", "top_count", "pareto_table", "lorenz_curve",
    "concentration_summary", "descending_order", "sort_descending", "SUMMARY_FRACTIONS",
]

SUMMARY_FRACTIONS = (0.01, 0.03, 0.05, 0.10, 0.11, 0.20)


def _values(values, *, func: str, name: str = "values") -> np.ndarray:
    """1-D float array from a Series / list / array, with blanks and text refused clearly."""
    if isinstance(values, pd.DataFrame):
        raise InvalidDataError(
            f"{func}() takes one column of numbers, e.g. df['revenue']; got a whole DataFrame "
            f"with columns {list(values.columns)[:8]}.", got="DataFrame")
    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values).ravel())
    arr = numeric_column(s.to_frame(name), name, func=func).to_numpy()
    if arr.size == 0:
        raise InvalidDataError(f"{func}() got no values (an empty column); it needs at least one.")
    return arr


def descending_order(x: np.ndarray) -> np.ndarray:
    """Positions that sort ``x`` largest first, ties in their original order.

    >>> descending_order(np.array([1.0, 3.0, 3.0, 2.0, 3.0])).tolist()
    [1, 2, 4, 3, 0]
    """
    return sort_descending(x)[0]


def sort_descending(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(order, x[order]) with ties in original order, as fast as an unstable sort.

    The quick sort's order is repaired only inside runs of equal values, through a
    near-sorted key that timsort handles in one pass; ``x[order]`` is the same either way.

    >>> order, ranked = sort_descending(np.array([1.0, 3.0, 3.0, 2.0]))
    >>> order.tolist(), ranked.tolist()
    ([1, 2, 3, 0], [3.0, 3.0, 2.0, 1.0])
    """
    order = np.argsort(-x)
    ranked = x[order]
    starts = np.empty(x.size, dtype=bool)
    starts[:1] = True
    np.not_equal(ranked[1:], ranked[:-1], out=starts[1:])
    if starts.all():
        return order, ranked
    key = (np.cumsum(starts, dtype="int64") - 1) * x.size + order
    key.sort(kind="stable")
    return key % x.size, ranked


def top_count(n: int, frac: float) -> int:
    """How many items make up the top ``frac`` of ``n``: the smallest k with k >= frac·n.

    >>> top_count(3000, 0.03), top_count(10, 0.25), top_count(7, 1.0)
    (90, 3, 7)
    """
    return min(n, math.ceil(frac * n - 1e-9))


def top_share(values, frac: float) -> float:
    """Share of the total held by the top ``frac`` of items (largest first).

    The top ``frac`` is the smallest whole number of items k with k ≥ frac·n
    (top 3% of 3,000 accounts = 90 accounts; top 25% of 10 = 3).

    Parameters
    ----------
    values : Series or array-like of numbers (negatives allowed; the total must be > 0)
    frac : float in (0, 1]

    Returns
    -------
    float between 0 and 1 (it can exceed 1 when the tail holds negative values).

    Notes
    -----
    Seed 000: the top 3% of a chemicals distributor's customers make ~50% of its sales.

    >>> top_share([50, 30, 10, 5, 5], 0.2)
    0.5
    """
    frac = check_fraction("frac", frac, func="top_share")
    x = _values(values, func="top_share")
    positive_total(x, column="values", func="top_share")
    k = top_count(x.size, frac)
    # sum the top and the total from one array, so the share of everything is exactly 1
    part = np.partition(x, x.size - k) if k < x.size else x
    return float(part[x.size - k:].sum() / part.sum())


def gini(values) -> float:
    """Population Gini coefficient: 0 when all values are equal, (n−1)/n when one holds all.

    G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ). Negative values are allowed (loss-making accounts);
    G can then exceed 1. The total must be positive.

    >>> gini([5, 5, 5, 5])
    0.0
    >>> gini([0, 0, 0, 12])
    0.75
    """
    x = np.sort(_values(values, func="gini"))
    n = x.size
    total = positive_total(x, column="values", func="gini")
    ranks = np.arange(1, n + 1, dtype="float64")
    return float(2.0 * np.dot(ranks, x) / (n * total) - (n + 1) / n)


def hhi(values) -> float:
    """Herfindahl–Hirschman index: the sum of squared percentage shares, 0–10,000.

    10,000 is a monopoly; n equal holders give 10,000 / n. Values must be ≥ 0.

    >>> hhi([100])
    10000.0
    >>> hhi([25, 25, 25, 25])
    2500.0
    """
    x = _values(values, func="hhi")
    if (x < 0).any():
        raise InvalidDataError(
            f"hhi() needs values ≥ 0 (market shares, sales); got negatives {x[x < 0][:5].tolist()}. "
            "Use revenue rather than profit, or drop the loss-making rows first.")
    total = positive_total(x, column="values", func="hhi")
    return float(np.sum((100.0 * x / total) ** 2))


def pareto_table(df: pd.DataFrame, value: str = "revenue", *, id: str = "account_id") -> pd.DataFrame:
    """Accounts ranked by ``value``, largest first, with cumulative shares.

    Columns out: ``rank`` (1 = largest), ``id`` column, ``value`` column, ``share``,
    ``cum_share``, ``cum_accounts_share`` (share of accounts ranked so far). Ties keep the
    original order. The input is not changed.

    >>> import pandas as pd
    >>> t = pareto_table(pd.DataFrame({"account_id": ["a", "b", "c", "d"], "revenue": [10, 60, 10, 20]}))
    >>> t[["account_id", "cum_share"]].values.tolist()
    [['b', 0.6], ['d', 0.8], ['a', 0.9], ['c', 1.0]]
    """
    require_columns(df, [id, value], func="pareto_table")
    x = numeric_column(df, value, func="pareto_table").to_numpy()
    total = positive_total(x, column=value, func="pareto_table")
    order, ranked = sort_descending(x)
    n = x.size
    return pd.DataFrame({
        "rank": np.arange(1, n + 1),
        id: df[id].to_numpy()[order],
        value: ranked,
        "share": ranked / total,
        "cum_share": np.cumsum(ranked) / total,
        "cum_accounts_share": np.arange(1, n + 1) / n,
    })


def lorenz_curve(values) -> pd.DataFrame:
    """Lorenz curve points, smallest first, starting at (0, 0) and ending at (1, 1).

    Columns: ``population_share``, ``value_share``. The area between it and the diagonal,
    doubled, is the Gini coefficient.

    >>> lorenz_curve([1, 3]).values.tolist()
    [[0.0, 0.0], [0.5, 0.25], [1.0, 1.0]]
    """
    x = np.sort(_values(values, func="lorenz_curve"))
    total = positive_total(x, column="values", func="lorenz_curve")
    n = x.size
    return pd.DataFrame({
        "population_share": np.arange(0, n + 1) / n,
        "value_share": np.concatenate([[0.0], np.cumsum(x) / total]),
    })


def concentration_summary(df: pd.DataFrame, value: str = "revenue", *,
                          fractions=SUMMARY_FRACTIONS) -> pd.Series:
    """One column of numbers summarising concentration: accounts, total, Gini, HHI, top-x% shares.

    Index: ``accounts``, ``total``, ``gini``, ``hhi`` (only when no value is negative),
    ``top_1%`` … ``top_20%`` (shares as fractions).
    """
    require_columns(df, [value], func="concentration_summary")
    x = numeric_column(df, value, func="concentration_summary")
    out = {"accounts": float(x.size), "total": float(x.sum()), "gini": gini(x)}
    if (x >= 0).all():
        out["hhi"] = hhi(x)
    for f in fractions:
        out[f"top_{f * 100:g}%"] = top_share(x, f)
    return pd.Series(out, name=value)
