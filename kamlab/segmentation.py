"""Module 2 — segmentation: classify accounts several complementary ways.

ABC (Pareto) classes by value share or by account count, the potential × share-of-wallet
grid (R1…A3), the attractiveness × relationship strategy grid, the two-sided attractiveness
2x2, the relationship-type matrix, gold/star/problem/dog positioning, service levels per
tier, and salesperson time versus value per tier.

Tiers are ordered categoricals whose order means "better than": ``df.abc > "B"`` selects
class A, and tables list the best tier first.

>>> from kamlab import load_dataset
>>> book = abc_classify(load_dataset("customers"))
>>> book["abc"].value_counts().sort_index(ascending=False).index.tolist()
['A', 'B', 'C']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kamlab._validate import (
    check_fraction,
    numeric_column,
    positive_total,
    require_columns,
    show,
)
from kamlab.concentration import sort_descending, top_count
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = [
    "abc_classify", "abc_classify_by_count", "tier_summary", "time_vs_value",
    "potential_share_grid", "attractiveness_score", "strategy_grid", "two_sided_grid",
    "relationship_type", "position_customers",
    "ATTRACTIVENESS_CRITERIA", "STRATEGY_GRID", "STRATEGIES", "TWO_SIDED_GRID",
    "RELATIONSHIP_TYPES", "POSITIONING", "SERVICE_LEVELS", "TIME_ALLOCATION",
    "TYPICAL_PORTFOLIO", "SEED_004_ABC",
]

# ---------------------------------------------------------------------------------------
# Rule tables (each names its seed; every one can be overridden by argument)
# ---------------------------------------------------------------------------------------

#: seed 004: A = top 20% of customers / ~80% of sales, B = next 20% / ~15%, C = 60% / ~5%.
SEED_004_ABC = pd.DataFrame(
    {"tier": ["A", "B", "C"], "accounts_share": [0.20, 0.20, 0.60],
     "value_share": [0.80, 0.15, 0.05]})

#: seed 000, "typical portfolio": customers 4% / 16% / 80% by tier; salesperson time
#: roughly 10% / 30% / 60% — the largest accounts get the least time.
TYPICAL_PORTFOLIO = pd.DataFrame(
    {"tier": ["Top 4%", "Next 16%", "Other 80%"], "accounts_share": [0.04, 0.16, 0.80],
     "time_share": [0.10, 0.30, 0.60]})

#: seed 002, recommended time allocation: key accounts ~10% of customers get ~60% of time,
#: regular customers 30% / 30%, prospects 60% / 10%. Tier labels: ``i18n.value_label("tier", …)``.
TIME_ALLOCATION = pd.DataFrame(
    {"tier": ["Key accounts", "Regular customers", "Prospects"],
     "accounts_share": [0.10, 0.30, 0.60], "time_share": [0.60, 0.30, 0.10]})

#: Strategies of the attractiveness × relationship grid: code -> what to do. Their names
#: (Develop / 发展 …) are ``kamlab.i18n.value_label("strategy", code)``.
STRATEGIES = {
    "develop": "Invest to build the relationship: an attractive customer we under-serve.",
    "defend": "Protect a strong position: senior contact, service priority, watch competitors.",
    "selective_defend": "Keep the good relationship only where it pays; serve at lower cost.",
    "selective_maintain": "Maintain where the economics justify it; look for a trigger to develop.",
    "maintain_minimally": "Serve through low-cost channels; no proactive investment.",
    "exit": "Move to a self-service channel or stop serving.",
}

#: seed 001, fig. 11-3 (the extracted grid is garbled): customer attractiveness
#: (rows) × relationship state (columns) -> strategy. Reconstructed so that strategy
#: rises with attractiveness and a good relationship is defended, a poor one developed
#: only where the customer is worth it.
STRATEGY_GRID = {
    ("high", "poor"): "develop", ("high", "average"): "develop", ("high", "good"): "defend",
    ("medium", "poor"): "maintain_minimally", ("medium", "average"): "selective_maintain",
    ("medium", "good"): "defend",
    ("low", "poor"): "exit", ("low", "average"): "maintain_minimally",
    ("low", "good"): "selective_defend",
}

#: seed 001/002: the attractiveness indicator group.
ATTRACTIVENESS_CRITERIA = ("differentiation", "value_for_price", "preference", "access",
                           "buying_rules")

#: seed 000: attractiveness of the customer to us × our attractiveness to the customer ->
#: (quadrant code, what to do). Quadrant names: ``i18n.value_label("quadrant", code)``.
TWO_SIDED_GRID = {
    ("high", "high"): ("maximise_value",
                       "Performance upgrades, special service, dedicated reports and technical service."),
    ("high", "low"): ("win_customer",
                      "An attractive customer that does not yet value us: sharpen the offer first."),
    ("low", "high"): ("serve_efficiently",
                      "They like us but are worth little to us: keep them, at low cost to serve."),
    ("low", "low"): ("transactional",
                     "Neither side gains much: standard offer, standard channel."),
}

#: seed 004: common interest × value of a long-term relationship -> relationship type code
#: (names: ``i18n.value_label("relationship_type", code)``).
RELATIONSHIP_TYPES = {
    ("high", "high"): "strategic_partner",
    ("high", "low"): "ordinary_friend",
    ("low", "high"): "competitor_type",
    ("low", "low"): "transactional",
}

#: seed 004: relationship positioning by customer tier; code -> (relationship, resources).
#: Position names (Gold / 金牌顾客 …): ``i18n.value_label("position", code)``.
POSITIONING = {
    "gold": ("Partnership (伙伴关系)",
             "First call on resources; one-to-one marketing; benchmarked against competitors."),
    "star": ("Active relationship (积极的关系)",
             "Develop actively to raise loyalty; second call on resources."),
    "problem": ("Responsible relationship (负责型关系)", "Serve correctly; no extra time or money."),
    "dog": ("Reactive (被动响应)",
            "Respond only when asked, with the simplest offer; review whether to keep serving."),
}

#: seed 001: service items per ABC tier (each tier adds to the one below).
SERVICE_LEVELS = pd.DataFrame(
    [
        ("Customer file", "建立客户档案", True, True, True),
        ("Periodic company and new-product information", "定期发布企业和新产品信息", True, True, True),
        ("Sampled phone calls", "随机抽样电话交流", True, True, True),
        ("Membership programme", "会员制管理", False, True, True),
        ("Dedicated service representative", "专门的客户服务代表", False, False, True),
        ("One-to-one, all-round service", "一对一全方位个性化服务", False, False, True),
        ("Joint business analysis reports", "定期业务分析报告", False, False, True),
    ],
    columns=["service", "service_zh", "C", "B", "A"],
)

_LEVELS = ("low", "medium", "high")


# ---------------------------------------------------------------------------------------
# ABC classification
# ---------------------------------------------------------------------------------------

def _check_cutoffs(cutoffs, func: str) -> tuple[float, ...]:
    try:
        cuts = tuple(cutoffs)
    except TypeError:
        cuts = (cutoffs,)
    if not cuts:
        raise ParameterError(f"{func}(): cutoffs needs at least one value, e.g. (0.8, 0.95).")
    cuts = tuple(check_fraction("cutoffs", c, func=func) for c in cuts)
    if any(b <= a for a, b in zip(cuts, cuts[1:])):
        raise ParameterError(
            f"{func}(): cutoffs must increase, e.g. (0.8, 0.95); got {cuts}.", cutoffs=cuts)
    return cuts


def _tier_labels(labels, n_tiers: int, func: str) -> tuple[str, ...]:
    labels = tuple("ABCDEFGH"[:n_tiers]) if labels is None else tuple(labels)
    if len(labels) != n_tiers or len(set(labels)) != n_tiers:
        raise ParameterError(
            f"{func}(): {n_tiers - 1} cut-off(s) make {n_tiers} tiers, so labels needs "
            f"{n_tiers} distinct names; got {labels}.", labels=labels)
    return labels


def _ranked(df, value, func):
    """Values, total, positions largest first, and running share in rank order."""
    require_columns(df, [value], func=func)
    x = numeric_column(df, value, func=func).to_numpy()
    total = positive_total(x, column=value, func=func)
    order, ranked = sort_descending(x)
    return x, total, order, np.cumsum(ranked) / total


def _classified(df, x, total, order, cum, ends, labels, column):
    """``df`` plus rank, share, cum_share and the tier column; ``ends[i]`` = accounts in tiers ≤ i."""
    n = x.size
    rank0 = np.empty(n, dtype="int64")
    rank0[order] = np.arange(n)
    cum_share = np.empty(n, dtype="float64")
    cum_share[order] = cum
    # categories low -> high so that comparisons read "better than": A > B > C. An account's
    # code counts down one per tier end at or above its rank (one comparison per end).
    codes = np.full(n, len(labels) - 1, dtype=np.int8)
    for end in ends:
        codes -= rank0 >= end
    out = df.copy()
    out["rank"] = rank0 + 1
    out["share"] = x / total
    out["cum_share"] = cum_share
    out[column] = pd.Categorical.from_codes(codes, categories=list(labels[::-1]), ordered=True)
    return out


def abc_classify(df: pd.DataFrame, value: str = "revenue", *, cutoffs=(0.8, 0.95),
                 labels=None, column: str = "abc") -> pd.DataFrame:
    """ABC classes by cumulative **value share** (Pareto classification).

    Accounts are ranked by ``value``, largest first (ties keep their original order).
    Class A is the smallest set of top accounts whose combined share reaches the first
    cut-off; B continues until the second cut-off is reached; the rest are C.

    Parameters
    ----------
    df : DataFrame with the ``value`` column (``account_id`` is not needed).
    value : column to rank by, e.g. ``"revenue"`` or ``"profit"``; its total must be > 0.
    cutoffs : increasing cumulative shares in (0, 1], one per boundary. More cut-offs make
        more tiers (then pass ``labels``).
    labels : tier names, best first; default ``A``, ``B``, ``C`` ….
    column : name of the new tier column.

    Returns
    -------
    A new DataFrame, same rows and order as ``df``, plus ``rank`` (1 = largest),
    ``share`` (of the total), ``cum_share`` (running share down the ranking, this account
    included) and ``abc`` — an ordered categorical, A > B > C.

    Raises
    ------
    MissingColumnsError, InvalidDataError (text or blanks in ``value``, total ≤ 0),
    ParameterError (cut-offs not increasing or outside (0, 1]).

    Notes
    -----
    Seed 004: A ≈ 20% of customers with ~80% of sales, B the next 20% with ~15%, C the
    remaining 60% with ~5%. For tiers by **count of accounts** use
    :func:`abc_classify_by_count`.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"account_id": list("abcde"), "revenue": [50, 30, 10, 6, 4]})
    >>> abc_classify(df)["abc"].tolist()
    ['A', 'A', 'B', 'B', 'C']
    """
    cuts = _check_cutoffs(cutoffs, "abc_classify")
    labels = _tier_labels(labels, len(cuts) + 1, "abc_classify")
    x, total, order, cum = _ranked(df, value, "abc_classify")
    # a tier ends at the first account whose running share reaches its cut-off (fp-tolerant)
    ends = np.searchsorted(cum, np.asarray(cuts) - 1e-12, side="left") + 1
    return _classified(df, x, total, order, cum, ends, labels, column)


def abc_classify_by_count(df: pd.DataFrame, value: str = "revenue", *, cutoffs=(0.2, 0.4),
                          labels=None, column: str = "abc") -> pd.DataFrame:
    """ABC classes by **share of accounts**: A = the top 20% of accounts, B = the next 20%.

    Accounts are ranked by ``value`` as in :func:`abc_classify`; the top ``k`` accounts,
    k = the smallest whole number ≥ cut-off × n, form the class. ``cutoffs`` are cumulative
    shares of accounts: (0.2, 0.4) gives A = top 20%, B = next 20%, C = other 60% (seed 004);
    (0.04, 0.20) gives seed 000's 4% / 16% / 80% portfolio tiers.

    Returns the same columns as :func:`abc_classify`.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"revenue": [5, 1, 9, 3, 7, 2, 8, 4, 6, 10]})
    >>> abc_classify_by_count(df)["abc"].tolist()
    ['C', 'C', 'A', 'C', 'B', 'C', 'B', 'C', 'C', 'A']
    """
    cuts = _check_cutoffs(cutoffs, "abc_classify_by_count")
    labels = _tier_labels(labels, len(cuts) + 1, "abc_classify_by_count")
    x, total, order, cum = _ranked(df, value, "abc_classify_by_count")
    ends = [top_count(x.size, c) for c in cuts]
    return _classified(df, x, total, order, cum, ends, labels, column)


def tier_summary(df: pd.DataFrame, tier: str = "abc", values=("revenue",)) -> pd.DataFrame:
    """Accounts and value per tier, best tier first: counts, totals and shares.

    Columns out: ``tier``, ``accounts``, ``accounts_share``, then for each value column
    ``<value>`` (sum) and ``<value>_share`` (of the grand total).

    >>> from kamlab import load_dataset
    >>> s = tier_summary(abc_classify_by_count(load_dataset("customers")), "abc")
    >>> s["accounts_share"].round(2).tolist()
    [0.2, 0.2, 0.6]
    """
    values = [values] if isinstance(values, str) else list(values)
    require_columns(df, [tier, *values], func="tier_summary")
    data = {v: numeric_column(df, v, func="tier_summary", allow_nan=True) for v in values}
    keys = df[tier]
    grouped = pd.DataFrame(data).groupby(keys.to_numpy(), sort=False, observed=True)
    out = pd.DataFrame({"accounts": grouped.size()})
    for v in values:
        out[v] = grouped[v].sum()
    if isinstance(keys.dtype, pd.CategoricalDtype):
        present = [c for c in keys.cat.categories if c in out.index]
        out = out.loc[present[::-1] if keys.cat.ordered else present]
    else:
        out = out.sort_index()
    out.insert(1, "accounts_share", out["accounts"] / out["accounts"].sum())
    for v in values:
        total = out[v].sum()
        out[f"{v}_share"] = out[v] / total if total else np.nan
    out.index.name = "tier"
    return out.reset_index()


def time_vs_value(df: pd.DataFrame, tier: str = "abc", *, time: str = "sales_hours",
                  value: str = "profit") -> pd.DataFrame:
    """Salesperson time against value, per tier: where effort goes vs where value is.

    Columns out: ``tier``, ``accounts_share``, ``time_share``, ``value_share`` and
    ``value_per_time_index`` (value share / time share: above 1, the tier earns more than
    the time it gets).

    Notes
    -----
    Seed 000: typically 4% / 16% / 80% of customers get ~10% / 30% / 60% of salespeople's
    time — effort goes to the tail (:data:`TYPICAL_PORTFOLIO`). Seed 002 recommends the
    reverse: key accounts, ~10% of customers, get ~60% (:data:`TIME_ALLOCATION`).
    """
    require_columns(df, [tier, time, value], func="time_vs_value")
    for column in (time, value):  # a blank would leave its account out of one share only
        numeric_column(df, column, func="time_vs_value")
    s = tier_summary(df, tier, [time, value])
    return pd.DataFrame({
        "tier": s["tier"],
        "accounts_share": s["accounts_share"],
        "time_share": s[f"{time}_share"],
        "value_share": s[f"{value}_share"],
        "value_per_time_index": s[f"{value}_share"] / s[f"{time}_share"],
    })


# ---------------------------------------------------------------------------------------
# Grids
# ---------------------------------------------------------------------------------------

def _ordered(values, categories_low_to_high) -> pd.Categorical:
    return pd.Categorical(values, categories=list(categories_low_to_high), ordered=True)


def _level(x: np.ndarray, cuts, names=_LEVELS) -> np.ndarray:
    """'low' below cuts[0], 'high' above cuts[-1], 'medium' between (bounds inclusive)."""
    low, high = cuts
    return np.where(x < low, names[0], np.where(x > high, names[2], names[1]))


def potential_share_grid(df: pd.DataFrame, *, share: str = "share_of_wallet",
                         potential: str = "wallet", share_cuts=(0.10, 0.30),
                         potential_cuts=(500_000, 1_000_000)) -> pd.DataFrame:
    """Seed 002, "classification method 2": current share of wallet × annual potential.

    Share class: **R** (maintain 维持) above 30%, **D** (develop 发展) 10–30% inclusive,
    **A** (open up 开发) below 10%. Potential class: **1** above CNY 1M, **2** 0.5–1M
    inclusive, **3** below 0.5M. Cells R1 … A3.

    If ``share`` is absent but ``revenue`` and ``potential`` are present, share = revenue /
    potential.

    Returns a new DataFrame plus ``share_class`` (ordered R > D > A), ``potential_class``
    (ordered 1 > 2 > 3), ``grid_cell`` ("R1" … "A3") and ``grid_strategy`` (maintain /
    develop / open up).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"share_of_wallet": [0.5, 0.3, 0.05], "wallet": [2e6, 1e6, 1e5]})
    >>> potential_share_grid(df)["grid_cell"].tolist()
    ['R1', 'D2', 'A3']
    """
    func = "potential_share_grid"
    if share not in df.columns and {"revenue", potential} <= set(df.columns):
        revenue = numeric_column(df, "revenue", func=func)
        wallet = numeric_column(df, potential, func=func)
        if (wallet <= 0).any():
            rows = list(np.flatnonzero((wallet <= 0).to_numpy()))
            raise InvalidDataError(
                f"{func}(): share of wallet is revenue / {potential}, but {potential!r} is zero or "
                f"negative at rows {show(rows)} (0-based positions). Fix the potential estimates, "
                "or give a share_of_wallet column.", column=potential, rows=rows)
        s = (revenue / wallet).to_numpy()
    else:
        require_columns(df, [share, potential], func=func)
        s = numeric_column(df, share, func=func).to_numpy()
    p = numeric_column(df, potential, func=func).to_numpy()
    s_low, s_high = (check_fraction("share_cuts", c, func=func) for c in share_cuts)
    share_class = np.where(s > s_high, "R", np.where(s >= s_low, "D", "A"))
    p_low, p_high = potential_cuts
    potential_class = np.where(p > p_high, "1", np.where(p >= p_low, "2", "3"))
    out = df.copy()
    out["share_class"] = _ordered(share_class, ["A", "D", "R"])
    out["potential_class"] = _ordered(potential_class, ["3", "2", "1"])
    out["grid_cell"] = np.char.add(share_class.astype(str), potential_class.astype(str))
    out["grid_strategy"] = pd.Series(share_class, index=df.index).map(
        {"R": "maintain", "D": "develop", "A": "open up"})
    return out


def attractiveness_score(df: pd.DataFrame, criteria=ATTRACTIVENESS_CRITERIA) -> pd.Series:
    """Mean of the attractiveness criteria (1–5 each) per account, a Series named
    ``attractiveness`` (seeds 001, 002: differentiation, value vs price, preference for us,
    access to key people, purchasing rules)."""
    criteria = list(criteria)
    require_columns(df, criteria, func="attractiveness_score")
    cols = [numeric_column(df, c, func="attractiveness_score") for c in criteria]
    return pd.concat(cols, axis=1).mean(axis=1).rename("attractiveness")


def strategy_grid(df: pd.DataFrame, *, attractiveness: str = "attractiveness",
                  relationship: str = "relationship", cuts=(2.5, 3.5),
                  grid=None) -> pd.DataFrame:
    """Seed 001 (fig. 11-3): customer attractiveness × relationship state → strategy.

    Both axes are 1–5 scores split into three levels by ``cuts``: below 2.5 low / poor,
    2.5–3.5 medium / average, above 3.5 high / good. When ``attractiveness`` is not a
    column it is computed with :func:`attractiveness_score`.

    Returns a new DataFrame plus ``attractiveness_level`` (low < medium < high),
    ``relationship_level`` (poor < average < good) and ``strategy`` (a key of
    :data:`STRATEGIES`; the grid is :data:`STRATEGY_GRID`, or ``grid`` if given).
    """
    func = "strategy_grid"
    grid = STRATEGY_GRID if grid is None else grid
    out = df.copy()
    if attractiveness not in df.columns:
        out[attractiveness] = attractiveness_score(df)
    require_columns(out, [attractiveness, relationship], func=func)
    a = _level(numeric_column(out, attractiveness, func=func).to_numpy(), cuts)
    r = _level(numeric_column(out, relationship, func=func).to_numpy(), cuts,
               ("poor", "average", "good"))
    missing = {(i, j) for i in _LEVELS for j in ("poor", "average", "good")} - set(grid)
    if missing:
        raise ParameterError(f"{func}(): grid has no strategy for {sorted(missing)}.")
    out["attractiveness_level"] = _ordered(a, _LEVELS)
    out["relationship_level"] = _ordered(r, ["poor", "average", "good"])
    out["strategy"] = [grid[key] for key in zip(a, r)]
    return out


def two_sided_grid(df: pd.DataFrame, *, customer: str = "attractiveness",
                   supplier: str = "our_attractiveness", cut: float = 3.0) -> pd.DataFrame:
    """Seed 000: how attractive the customer is to us × how attractive we are to it (2x2).

    Scores above ``cut`` are "high". When ``customer`` is not a column it is computed with
    :func:`attractiveness_score`. Adds ``customer_level``, ``supplier_level`` (low/high)
    and ``quadrant`` (a code of :data:`TWO_SIDED_GRID`: maximise_value, win_customer,
    serve_efficiently, transactional).
    """
    func = "two_sided_grid"
    out = df.copy()
    if customer not in df.columns:
        out[customer] = attractiveness_score(df)
    require_columns(out, [customer, supplier], func=func)
    c = np.where(numeric_column(out, customer, func=func).to_numpy() > cut, "high", "low")
    s = np.where(numeric_column(out, supplier, func=func).to_numpy() > cut, "high", "low")
    out["customer_level"] = _ordered(c, ["low", "high"])
    out["supplier_level"] = _ordered(s, ["low", "high"])
    out["quadrant"] = [TWO_SIDED_GRID[key][0] for key in zip(c, s)]  # codes
    return out


def relationship_type(df: pd.DataFrame, *, common_interest: str = "common_interest",
                      relationship_value: str = "relationship_value",
                      cut: float = 3.0) -> pd.DataFrame:
    """Seed 004: common interest × value of a long-term relationship → relationship type.

    Scores above ``cut`` are "high". Adds ``common_interest_level``,
    ``relationship_value_level`` (low/high) and ``relationship_type``: strategic partner,
    ordinary friend, competitor-type or transactional (:data:`RELATIONSHIP_TYPES`).
    """
    func = "relationship_type"
    require_columns(df, [common_interest, relationship_value], func=func)
    i = np.where(numeric_column(df, common_interest, func=func).to_numpy() > cut, "high", "low")
    v = np.where(numeric_column(df, relationship_value, func=func).to_numpy() > cut, "high", "low")
    out = df.copy()
    out["common_interest_level"] = _ordered(i, ["low", "high"])
    out["relationship_value_level"] = _ordered(v, ["low", "high"])
    out["relationship_type"] = [RELATIONSHIP_TYPES[key] for key in zip(i, v)]  # codes
    return out


def position_customers(df: pd.DataFrame, *, tier: str = "abc", profit: str = "profit",
                       mapping=None) -> pd.DataFrame:
    """Seed 004: gold / star / problem / dog positioning from the ABC tier and profit.

    Default rule: A → gold, B → star, C → problem, and any account placed as "problem"
    that loses money (``profit`` < 0) → dog. ``mapping`` overrides the tier → position part, e.g.
    ``{"A": "gold", "B": "gold", "C": "star"}``. Adds ``position`` (ordered
    dog < problem < star < gold). Resources per position: :data:`POSITIONING`.
    """
    func = "position_customers"
    require_columns(df, [tier, profit], func=func)
    mapping = {"A": "gold", "B": "star", "C": "problem"} if mapping is None else dict(mapping)
    tiers = df[tier].astype(str)
    unknown = sorted(set(tiers) - set(mapping))
    if unknown:
        raise ParameterError(
            f"{func}(): no position for tier(s) {show(unknown)}; mapping covers {sorted(mapping)}.")
    bad = set(mapping.values()) - set(POSITIONING)
    if bad:
        raise ParameterError(f"{func}(): positions must be among {list(POSITIONING)}; got {sorted(bad)}.")
    position = tiers.map(mapping).to_numpy().astype(object)
    losing = numeric_column(df, profit, func=func).to_numpy() < 0
    position[(position == "problem") & losing] = "dog"
    out = df.copy()
    out["position"] = _ordered(position, ["dog", "problem", "star", "gold"])
    return out
