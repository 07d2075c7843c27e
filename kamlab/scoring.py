"""Module 2 — weighted multi-criteria account scoring, and how sensitive the ranking is.

Seeds 001 and 002 judge an account on three indicator groups — attractiveness,
potential, relationship — plus growth potential and bargaining (structural) position.
Each criterion is a 1–5 score; a weighted mean, rescaled to 0–100, ranks the accounts.
The question a trainer asks next: does the top-10 list survive a change of weights?

>>> from kamlab import load_dataset
>>> ranked = score_accounts(load_dataset("customers"))
>>> bool(ranked["score"].between(0, 100).all())
True
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import numeric_column, require_columns
from kamlab.concentration import descending_order
from kamlab.exceptions import ParameterError

__all__ = [
    "CRITERIA_GROUPS", "DEFAULT_WEIGHTS", "normalise_weights", "score_accounts", "top_n",
    "TopChange", "top_changes", "weight_sensitivity",
]

#: seeds 001/002: indicator groups and their criteria (column names, 1–5 scores).
CRITERIA_GROUPS = {
    "attractiveness": ("differentiation", "value_for_price", "preference", "access",
                       "buying_rules"),
    "potential": ("volume_potential", "margin_potential"),
    "relationship": ("relationship",),
    "growth": ("growth_potential",),
    "position": ("bargaining_position",),
}

#: A starting point for workshops: 40% attractiveness, 30% potential, 15% relationship,
#: 10% growth, 5% bargaining position.
DEFAULT_WEIGHTS = {
    "differentiation": 0.08, "value_for_price": 0.08, "preference": 0.08, "access": 0.08,
    "buying_rules": 0.08, "volume_potential": 0.15, "margin_potential": 0.15,
    "relationship": 0.15, "growth_potential": 0.10, "bargaining_position": 0.05,
}


def normalise_weights(weights=None) -> dict[str, float]:
    """Weights as a dict that sums to 1 (criteria with weight 0 kept).

    >>> normalise_weights({"access": 1, "relationship": 3})
    {'access': 0.25, 'relationship': 0.75}
    """
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    if not weights:
        raise ParameterError("Weights are empty: give at least one criterion, e.g. {'relationship': 1}.")
    bad = {k: w for k, w in weights.items()
           if isinstance(w, bool) or not (isinstance(w, numbers.Real) and np.isfinite(w) and w >= 0)}
    if bad:
        raise ParameterError(f"Weights must be numbers ≥ 0; got {bad}.", weights=bad)
    total = float(sum(weights.values()))
    if total <= 0:
        raise ParameterError("All weights are zero: give at least one criterion a positive weight.")
    return {k: float(w) / total for k, w in weights.items()}


def _matrix(df: pd.DataFrame, criteria, func: str) -> np.ndarray:
    require_columns(df, criteria, func=func)
    return np.column_stack([numeric_column(df, c, func=func).to_numpy() for c in criteria])


def _scores(matrix: np.ndarray, w: np.ndarray) -> np.ndarray:
    return (matrix @ w - 1.0) / 4.0 * 100.0


def _top_positions(scores: np.ndarray, n: int) -> np.ndarray:
    return descending_order(scores)[:n]


def score_accounts(df: pd.DataFrame, weights=None) -> pd.DataFrame:
    """Weighted score per account, 0–100, and its rank (1 = best).

    score = (Σ wᵢ·criterionᵢ − 1) / 4 × 100 with weights normalised to sum to 1, so an
    account scoring 1 on everything gets 0 and 5 on everything gets 100. Ties in rank keep
    the original order.

    Parameters
    ----------
    df : DataFrame with every criterion column named in ``weights`` (1–5 scores).
    weights : dict criterion → weight (any scale; normalised). Default :data:`DEFAULT_WEIGHTS`.

    Returns
    -------
    A new DataFrame (rows in the original order) plus ``score`` and ``score_rank``.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"access": [5, 1, 3], "relationship": [1, 5, 3]})
    >>> score_accounts(df, {"access": 3, "relationship": 1})["score"].tolist()
    [75.0, 25.0, 50.0]
    """
    w = normalise_weights(weights)
    scores = _scores(_matrix(df, list(w), "score_accounts"), np.fromiter(w.values(), float))
    rank = np.empty(scores.size, dtype="int64")
    rank[descending_order(scores)] = np.arange(1, scores.size + 1)
    out = df.copy()
    out["score"] = scores
    out["score_rank"] = rank
    return out


def top_n(df: pd.DataFrame, n: int = 10, weights=None, *, id: str = "account_id") -> list:
    """The ids of the ``n`` best-scoring accounts, best first."""
    if not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ParameterError(f"top_n(): n must be a whole number ≥ 1; got {n!r}.")
    require_columns(df, [id], func="top_n")
    scored = score_accounts(df, weights)
    return scored.sort_values("score_rank")[id].head(n).tolist()


@dataclass(frozen=True)
class TopChange:
    """Who entered and who left a top-N list between two rankings."""

    entered: tuple
    left: tuple

    @property
    def changed(self) -> int:
        return len(self.entered)


def top_changes(before, after) -> TopChange:
    """Accounts in ``after`` but not ``before`` (entered) and the reverse (left), in list order.

    >>> top_changes(["a", "b", "c"], ["a", "d", "b"])
    TopChange(entered=('d',), left=('c',))
    """
    b, a = list(before), list(after)
    return TopChange(tuple(x for x in a if x not in set(b)), tuple(x for x in b if x not in set(a)))


def weight_sensitivity(df: pd.DataFrame, weights=None, *, n: int = 10, delta: float = 0.2,
                       id: str = "account_id") -> pd.DataFrame:
    """How many of the top ``n`` change when each weight moves by ±``delta`` (relative).

    For each criterion, its weight is multiplied by (1 − delta) and by (1 + delta), the
    weights are normalised again, and the new top ``n`` is compared with the base one.

    Returns
    -------
    DataFrame, one row per criterion and direction: ``criterion``, ``direction`` (−1 / +1),
    ``weight`` (normalised, before), ``new_weight`` (normalised, after), ``changed``
    (accounts that entered = accounts that left), ``entered``, ``left`` (tuples of ids).

    Notes
    -----
    A robust shortlist barely changes for ±20%; a list that reshuffles is a sign the
    weights, not the accounts, are deciding.
    """
    if not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ParameterError(f"weight_sensitivity(): n must be a whole number ≥ 1; got {n!r}.")
    if not (0 < float(delta) < 1):
        raise ParameterError(
            f"weight_sensitivity(): delta is a relative change between 0 and 1 (0.2 = ±20%); got {delta!r}.")
    w = normalise_weights(weights)
    criteria = list(w)
    require_columns(df, [id], func="weight_sensitivity")
    matrix = _matrix(df, criteria, "weight_sensitivity")
    ids = df[id].to_numpy()
    base_w = np.fromiter(w.values(), float)
    base = ids[_top_positions(_scores(matrix, base_w), n)]
    rows = []
    for i, criterion in enumerate(criteria):
        for sign in (-1, 1):
            moved = base_w.copy()
            moved[i] *= 1 + sign * delta
            moved /= moved.sum()
            change = top_changes(base, ids[_top_positions(_scores(matrix, moved), n)])
            rows.append((criterion, sign, base_w[i], moved[i], change.changed,
                         change.entered, change.left))
    return pd.DataFrame(rows, columns=["criterion", "direction", "weight", "new_weight",
                                       "changed", "entered", "left"])


