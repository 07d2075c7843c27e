"""Module 3 — opportunity prioritisation: lever tree, screen, funnel, weighted pipeline.

Where does more profit come from inside a key account (the lever tree), which
opportunities deserve effort (the screen), how healthy is the pipeline (the five-stage
funnel: weighted value, conversion, ageing, coverage), how business units compare on
value creation, and how a year of account work is planned.

Funnel stages are ordered categoricals in course order, Identified → … → Committed,
then the closed outcomes Won and Lost.

>>> import pandas as pd
>>> deals = pd.DataFrame({"stage": ["Identified", "Committed", "Won"], "value": [100, 200, 50]})
>>> weighted_pipeline(deals)["weighted_value"].tolist()
[10.0, 0.0, 0.0, 0.0, 180.0]
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import check_fraction, in_range, numeric_column, require_columns, show
from kamlab._validate import number as _number
from kamlab.columns import CLOSED, FALSE_WORDS, STAGES, TRUE_WORDS
from kamlab.exceptions import InvalidDataError, ParameterError

# The funnel's stages and stage-history analyses (kamlab.funnel), the lever tree
# (kamlab.levers) and the annual account plan (kamlab.planning) have files of their own; their
# names stay importable from here, where module 3 teaches them.
from kamlab.funnel import (
    BLANK_GROUP,
    StageTimes,
    _as_of,
    _dates,
    _group_keys,
    _not_before,
    _stages,
    conversion_rates,
    stage_categorical,
    stage_order_breaks,
    stage_probabilities_from_history,
    time_in_stage,
)
from kamlab.levers import (
    LEVERS,
    ROOM_COLUMNS,
    account_levers,
    lever_impact,
    lever_moves,
    lever_room,
    profit_contribution,
)
from kamlab.planning import (
    ACCOUNT_PLAN_STEPS,
    CONTACT_FREQUENCY,
    PLAN_TIER_CUTOFFS,
    PLAN_TIME_ALLOCATION,
    account_plan,
)

__all__ = [
    "STAGES", "CLOSED", "STAGE_CRITERIA", "DEFAULT_STAGE_PROBABILITY", "LEVERS",
    "KNOCKOUTS", "STRATEGIC_FLAGS", "TIMING_BUCKETS", "SCREEN_COLUMNS", "SCREEN_WEIGHTS",
    "BAND_CUTS", "BLANK_GROUP",
    "ACCOUNT_PLAN_STEPS", "PLAN_TIME_ALLOCATION", "PLAN_TIER_CUTOFFS", "CONTACT_FREQUENCY",
    "stage_categorical", "profit_contribution", "lever_impact", "lever_moves", "account_levers",
    "lever_room", "ROOM_COLUMNS",
    "screen_opportunities", "weigh_opportunities", "weighted_pipeline",
    "stage_probabilities_from_history", "conversion_rates", "StageTimes", "time_in_stage",
    "stage_order_breaks",
    "stalled", "Coverage", "coverage", "value_creation", "account_plan",
]

# ---------------------------------------------------------------------------------------
# Rule tables (each names its seed; every one can be overridden by argument)
# ---------------------------------------------------------------------------------------

#: seed 002: stage -> (中文, entry criterion in English, entry criterion in 中文), our words.
STAGE_CRITERIA = {
    "Identified": ("识别可能的需求",
                   "A possible need: what the customer needs could match what we offer.",
                   "客户的需求/要求可能与我们能提供的服务相适应。"),
    "Contacted": ("客户的需求已明确",
                  "A formal business meeting with an influencer at the customer, who agrees "
                  "this is an opportunity.",
                  "已与客户中有影响力的人物正式会谈, 对方同意这是一个机会。"),
    "Qualified": ("竞争力判断",
                  "We understand the explicit need fully and have verified it; the customer "
                  "profile is complete; we can meet the requirement.",
                  "对客户明确的需求有清楚、完整并经证实的认识; 客户资料表已完成; 我们能满足要求。"),
    "Developed": ("发展",
                  "Decision process and decision makers known, budget confirmed, internal "
                  "team named, proposal discussed with the customer, who agrees to proceed.",
                  "决策程序和决策人明确, 预算已确定, 内部人员已落实, 建议书已与客户讨论, 客户同意推进。"),
    "Committed": ("合作",
                  "We are one of the options and the customer says we are the best; the "
                  "contract is signed and the start date set.",
                  "我们是可选方案之一且客户承认我们最好; 正式合同已签订, 日期已确定。"),
}

#: A common starting point for stage probabilities, not a seed figure: replace it with
#: your own history (:func:`stage_probabilities_from_history`).
DEFAULT_STAGE_PROBABILITY = {"Identified": 0.10, "Contacted": 0.20, "Qualified": 0.40,
                             "Developed": 0.60, "Committed": 0.90}

#: seed 000, "举例:优先排序流程": knock-outs ("并非优先事项") -> (English, 中文).
#: ``{pct}`` is filled with the threshold in use.
KNOCKOUTS = {
    "closed": ("closed", "已结束"),
    "decision_made": ("decision already made", "采购决策已作出"),
    "win_probability": ("win probability below {pct}", "成功的概率极低(低于{pct})"),
    "customer_priority": ("customer not a priority", "非优先客户"),
    "info_completeness": ("too little information to qualify", "定性所需信息严重不足"),
}

#: seed 000: strategic-priority flags ("战略优先事项"): column -> (English, 中文).
STRATEGIC_FLAGS = {
    "builds_customer_momentum": ("builds customer momentum", "客户势头的建立者"),
    "builds_product_reputation": ("builds product reputation", "产品信誉的建立者"),
    "focus_product": ("focus product", "产品战略重点"),
    "geographic_foothold": ("geographic foothold", "地域势头建立者"),
}

#: seed 000: timing buckets (下6个月, 6-12个月, 12-18个月, 以后) as months from ``as_of``.
TIMING_BUCKETS = (("next 6 months", 6), ("6–12 months", 12), ("12–18 months", 18),
                  ("later", None))

#: Equal weights on the three screen factors of seed 000 (a starting point).
SCREEN_WEIGHTS = {"customer_priority": 1.0, "product_priority": 1.0, "potential": 1.0}

#: The columns :func:`screen_opportunities` reads (besides ``potential``, default ``margin``).
SCREEN_COLUMNS = ("stage", "decision_made", "win_probability", "customer_priority",
                  "info_completeness", "product_priority", "expected_close")

#: Screen score (0–100) at or above which an opportunity is medium, then high.
BAND_CUTS = (40.0, 70.0)


def _probabilities(probabilities, func) -> dict[str, float]:
    """Stage -> probability from a dict, a Series or a stage_probabilities_from_history table."""
    if probabilities is None:
        return dict(DEFAULT_STAGE_PROBABILITY)
    if isinstance(probabilities, pd.DataFrame):
        require_columns(probabilities, ["stage", "probability"], func=func,
                        source="the probabilities table")
        probabilities = dict(zip(probabilities["stage"].astype(str), probabilities["probability"]))
    elif isinstance(probabilities, pd.Series):
        probabilities = {str(k): v for k, v in probabilities.items()}
    elif not isinstance(probabilities, Mapping):
        raise ParameterError(f"{func}(): probabilities must be a dict stage -> probability, e.g. "
                             f"{DEFAULT_STAGE_PROBABILITY}; got {type(probabilities).__name__}.")
    unknown = set(probabilities) - set(STAGES)
    if unknown:
        raise ParameterError(f"{func}(): probabilities has unknown stage(s) {show(sorted(unknown))}; "
                             f"stages are {list(STAGES)}.", unknown=sorted(unknown))
    out = dict(DEFAULT_STAGE_PROBABILITY)
    for k, v in probabilities.items():
        out[k] = check_fraction(f"probabilities[{k!r}]", v, func=func, inclusive_zero=True)
    return out


# ---------------------------------------------------------------------------------------
# Opportunity screen (seed 000)
# ---------------------------------------------------------------------------------------

_TRUE = TRUE_WORDS
_FALSE = FALSE_WORDS | {""}


def _flag(df, column, func) -> np.ndarray:
    """A true/false column as a bool array; blanks count as false."""
    s = df[column]
    if pd.api.types.is_bool_dtype(s):
        return s.fillna(False).to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(s):
        return (s.fillna(0) != 0).to_numpy()
    text = s.astype("object").where(s.notna(), "").astype(str).str.strip().str.lower()
    bad = ~text.isin(_TRUE | _FALSE)
    if bad.any():
        rows = list(np.flatnonzero(bad.to_numpy()))
        raise InvalidDataError(
            f"{func}(): column {column!r} must be true/false; rows {show(rows)} (0-based "
            f"positions) have {show(s[bad].tolist())}.", column=column, rows=rows)
    return text.isin(_TRUE).to_numpy()


def _join(parts, n) -> np.ndarray:
    """'; '-joined texts of the masks that are true, row by row.

    Each row's set of true masks is a bit code; the text is built once per code that occurs
    (at most 2^k, a handful in practice) and looked up, so the cost is linear in the rows.

    >>> _join([(np.array([True, False, True]), "a"), (np.array([True, True, False]), "b")], 3).tolist()
    ['a; b', 'b', 'a']
    """
    texts = [text for _, text in parts]
    codes = np.zeros(n, dtype=np.int64)
    for bit, (mask, _) in enumerate(parts):
        codes |= np.asarray(mask, dtype=np.int64) << bit
    present, inverse = ((np.flatnonzero(np.bincount(codes, minlength=1)), None)
                        if len(parts) <= 16 else np.unique(codes, return_inverse=True))
    joined = np.array(["; ".join(t for bit, t in enumerate(texts) if code >> bit & 1)
                       for code in present.tolist()], dtype=object)
    if inverse is not None:
        return joined[inverse]
    table = np.empty(max(int(present[-1]) + 1 if present.size else 1, 1), dtype=object)
    table[present] = joined
    return table[codes]


def _weights(weights, func) -> np.ndarray:
    weights = dict(SCREEN_WEIGHTS if weights is None else weights)
    unknown = set(weights) - set(SCREEN_WEIGHTS)
    if unknown:
        raise ParameterError(f"{func}(): weights keys must be among {list(SCREEN_WEIGHTS)}; got "
                             f"{show(sorted(unknown))}.", unknown=sorted(unknown))
    w = []
    for k in SCREEN_WEIGHTS:
        x = weights.get(k, 0.0)
        if isinstance(x, bool) or not isinstance(x, numbers.Real) or not x >= 0:
            raise ParameterError(f"{func}(): weight {k!r} must be a number ≥ 0; got {x!r}.")
        w.append(float(x))
    w = np.asarray(w)
    if w.sum() <= 0:
        raise ParameterError(f"{func}(): all weights are zero; give at least one a positive weight.")
    return w / w.sum()


def _timing(close: pd.Series, as_of: pd.Timestamp) -> pd.Categorical:
    labels = [label for label, _ in TIMING_BUCKETS]
    edges = [as_of + pd.DateOffset(months=m) for _, m in TIMING_BUCKETS[:-1]]
    x = close.to_numpy(dtype="datetime64[ns]")
    codes = np.searchsorted(np.asarray(edges, dtype="datetime64[ns]"), x, side="right")
    codes = np.where(np.isnat(x), -1, codes)
    return pd.Categorical.from_codes(codes, categories=labels, ordered=True)


def screen_opportunities(df: pd.DataFrame, *, min_win_probability: float = 0.10,
                         min_customer_priority: float = 2, min_info_completeness: float = 0.30,
                         weights=None, potential: str = "margin", as_of=None, rules=None,
                         band_cuts=BAND_CUTS) -> pd.DataFrame:
    """Seed 000's prioritisation flow: knock out, flag strategic, score the rest, bucket.

    1. **Knock-outs** (``dropped``, ``drop_reason``): closed deals (Won/Lost) get
       "closed"; open ones are dropped when the decision is already made, win probability
       < ``min_win_probability``, customer priority < ``min_customer_priority``, or
       information completeness < ``min_info_completeness`` (a blank in any of these three
       counts as too little information). A value equal to a threshold passes.
       ``drop_reason`` names every knock-out that applies, joined by "; ".
    2. **Strategic priority** (``strategic``, ``strategic_reasons``): a kept opportunity
       with any flag of ``rules`` (default :data:`STRATEGIC_FLAGS`) set; absent flag
       columns count as false.
    3. **Score** (``screen_score``, 0–100, kept rows only): the weighted geometric mean of
       customer priority / 5, product priority / 5 and the potential percentile (rank of
       ``potential`` among kept rows, 1 = largest) times 100. With the default equal
       weights it is 100 × ∛(product of the three), so it orders rows exactly as
       "customer priority × product priority × potential".
    4. **Band** (low < medium < high): score ≥ ``band_cuts[1]`` high, ≥ ``band_cuts[0]``
       medium, else low. Strategic opportunities are always high — the seed lifts them out
       of the scoring. ``rank`` (1 = first): strategic first, then by score.
    5. **Timing** (ordered): expected close before ``as_of`` + 6 months (overdue
       included) "next 6 months", then "6–12 months", "12–18 months", "later". A close
       date exactly on a boundary falls in the later bucket.

    Parameters
    ----------
    df : opportunities with ``stage``, ``decision_made``, ``win_probability``,
        ``customer_priority``, ``info_completeness``, ``product_priority``,
        ``expected_close`` and the ``potential`` column.
    min_win_probability, min_info_completeness : fractions in [0, 1].
    min_customer_priority : 1–5 score.
    weights : dict over ``customer_priority``, ``product_priority``, ``potential``
        (default :data:`SCREEN_WEIGHTS`, equal).
    potential : revenue/profit potential column, ``"margin"`` or ``"value"``.
    as_of : the date timing is measured from; default today (pass it for reproducible work).
    rules : dict flag column -> reason text for strategic priority.
    band_cuts : (medium from, high from) on the 0–100 score.

    Returns
    -------
    A new DataFrame, same rows and order, plus ``dropped``, ``drop_reason``, ``strategic``,
    ``strategic_reasons``, ``screen_score``, ``band``, ``rank`` and ``timing``.

    Raises
    ------
    MissingColumnsError, InvalidDataError (unknown stage, text in numbers, bad dates),
    ParameterError (thresholds out of range, bad weights).

    Notes
    -----
    Seed 000, "举例:优先排序流程": 采购决策已作出 / 成功的概率极低 / 非优先客户 / 定性所需信息严重不足
    → not a priority; 客户势头 / 产品信誉 / 产品战略重点 / 地域势头 → strategic priority; the rest scored
    on 客户的优先程度 × 产品的优先程度 × 营业收入/利润潜力, placed in 下6个月 … 以后 and 高中低.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"stage": ["Qualified", "Contacted"], "decision_made": [False, True],
    ...     "win_probability": [0.5, 0.05], "customer_priority": [5, 4],
    ...     "info_completeness": [0.8, 0.9], "product_priority": [5, 3], "margin": [100, 50],
    ...     "expected_close": ["2025-03-01", "2026-01-01"]})
    >>> out = screen_opportunities(df, as_of="2025-01-01")
    >>> out["drop_reason"].tolist()
    ['', 'decision already made; win probability below 10%']
    >>> out["screen_score"].tolist(), out["timing"].tolist()
    ([100.0, nan], ['next 6 months', '12–18 months'])
    """
    func = "screen_opportunities"
    require_columns(df, [*SCREEN_COLUMNS, potential], func=func)
    min_wp = check_fraction("min_win_probability", min_win_probability, func=func,
                            inclusive_zero=True)
    min_ic = check_fraction("min_info_completeness", min_info_completeness, func=func,
                            inclusive_zero=True)
    min_cp = _number("min_customer_priority", min_customer_priority, func)
    if not 1 <= min_cp <= 5:
        raise ParameterError(
            f"{func}(): min_customer_priority is on the 1–5 customer-priority scale; got "
            f"{min_cp:g}. E.g. min_customer_priority=2 drops accounts rated 1.",
            name="min_customer_priority", value=min_cp)
    low_cut, high_cut = (_number("band_cuts", c, func) for c in band_cuts)
    if not low_cut <= high_cut:
        raise ParameterError(f"{func}(): band_cuts must be (medium from, high from) with the "
                             f"first ≤ the second; got {tuple(band_cuts)}.")
    w = _weights(weights, func)
    rules = STRATEGIC_FLAGS if rules is None else dict(rules)
    as_of = _as_of(pd.Timestamp.today() if as_of is None else as_of, func)

    n = len(df)
    stage = _stages(df, "stage", func)
    closed = np.asarray(pd.Series(stage).isin(CLOSED))
    wp = numeric_column(df, "win_probability", func=func, allow_nan=True).to_numpy()
    cp = numeric_column(df, "customer_priority", func=func, allow_nan=True).to_numpy()
    ic = numeric_column(df, "info_completeness", func=func, allow_nan=True).to_numpy()
    pp = numeric_column(df, "product_priority", func=func, allow_nan=True).to_numpy()
    pot = numeric_column(df, potential, func=func, allow_nan=True).to_numpy()
    for column, x in (("win_probability", wp), ("info_completeness", ic)):
        in_range(x, column, func=func, low=0, high=1, scale="a fraction")
    for column, x in (("customer_priority", cp), ("product_priority", pp)):
        in_range(x, column, func=func, low=1, high=5, scale="a score")
    decided = _flag(df, "decision_made", func)
    close = _dates(df, "expected_close", func)

    open_ = ~closed
    blank = np.isnan(wp) | np.isnan(cp) | np.isnan(ic)
    pct = f"{min_wp:.0%}" if round(min_wp * 100, 6) == round(min_wp * 100) else f"{min_wp:.1%}"
    knocks = [
        (closed, KNOCKOUTS["closed"][0]),
        (open_ & decided, KNOCKOUTS["decision_made"][0]),
        (open_ & (wp < min_wp), KNOCKOUTS["win_probability"][0].format(pct=pct)),
        (open_ & (cp < min_cp), KNOCKOUTS["customer_priority"][0]),
        (open_ & ((ic < min_ic) | blank), KNOCKOUTS["info_completeness"][0]),
    ]
    dropped = np.logical_or.reduce([m for m, _ in knocks])
    kept = ~dropped

    flags = [(kept & _flag(df, c, func), text[0] if isinstance(text, tuple) else str(text))
             for c, text in rules.items() if c in df.columns]
    strategic = (np.logical_or.reduce([m for m, _ in flags]) if flags
                 else np.zeros(n, dtype=bool))

    # score kept rows: weighted geometric mean of three 0-1 factors, x 100
    score = np.full(n, np.nan)
    if kept.any():
        potential_pct = pd.Series(pot[kept]).rank(pct=True).to_numpy()
        factors = np.column_stack([cp[kept] / 5, pp[kept] / 5, potential_pct])
        with np.errstate(divide="ignore"):
            score[kept] = 100 * np.exp(np.log(factors) @ w)
    band_codes = np.where(score >= high_cut, 2, np.where(score >= low_cut, 1, 0))
    band_codes = np.where(strategic, 2, np.where(kept & ~np.isnan(score), band_codes, -1))

    # rank: strategic first, then by score (ties in original order)
    key = np.where(strategic, 1.0, 0.0) * 1000 + np.nan_to_num(score, nan=-1.0)
    order = np.flatnonzero(kept)[np.argsort(-key[kept], kind="stable")]
    rank = np.zeros(n, dtype="int64")
    rank[order] = np.arange(1, order.size + 1)

    out = df.copy(deep=False)  # copy-on-write: the caller's frame is never changed
    out["dropped"] = dropped
    out["drop_reason"] = _join(knocks, n)
    out["strategic"] = strategic
    out["strategic_reasons"] = _join(flags, n)
    out["screen_score"] = score
    out["band"] = pd.Categorical.from_codes(band_codes, categories=["low", "medium", "high"],
                                            ordered=True)
    out["rank"] = pd.array(np.where(kept, rank, 0), dtype="Int64")
    out.loc[dropped, "rank"] = pd.NA
    out["timing"] = _timing(close, as_of)
    return out


# ---------------------------------------------------------------------------------------
# Pipeline (seed 002 funnel)
# ---------------------------------------------------------------------------------------

def weigh_opportunities(df: pd.DataFrame, value: str = "value", *, probabilities=None,
                        stage: str = "stage") -> pd.DataFrame:
    """Each opportunity plus ``stage_probability`` and ``weighted_value`` = value × probability.

    Closed deals (Won/Lost) get probability 0: the pipeline is what is still open.
    ``probabilities`` (dict stage -> probability, a Series, or the table of
    :func:`stage_probabilities_from_history`) overrides :data:`DEFAULT_STAGE_PROBABILITY`
    stage by stage.

    >>> import pandas as pd
    >>> weigh_opportunities(pd.DataFrame({"stage": ["Qualified"], "value": [1000]}))[
    ...     "weighted_value"].tolist()
    [400.0]
    """
    func = "weigh_opportunities"
    require_columns(df, [stage, value], func=func)
    probs = _probabilities(probabilities, func)
    st = _stages(df, stage, func)
    v = numeric_column(df, value, func=func).to_numpy()
    negative = np.flatnonzero(v < 0)
    if negative.size:
        raise InvalidDataError(
            f"{func}(): column {value!r} is the expected revenue of a deal if won, ≥ 0; rows "
            f"{show(list(negative))} (0-based positions) have {show([float(x) for x in v[negative]])}. "
            "A lost or cancelled deal belongs in stage 'Lost', not a negative value.",
            column=value, rows=list(negative))
    p = pd.Series(st).map(probs).astype("float64").fillna(0.0).to_numpy()
    out = df.copy()
    out["stage_probability"] = p
    out["weighted_value"] = v * p
    return out


def weighted_pipeline(df: pd.DataFrame, value: str = "value", *, probabilities=None,
                      by=None) -> pd.DataFrame:
    """Open pipeline, unweighted and weighted by stage probability, per stage or group.

    Parameters
    ----------
    df : opportunities with ``stage`` and ``value``; closed deals are left out.
    probabilities : overrides of :data:`DEFAULT_STAGE_PROBABILITY` (see
        :func:`weigh_opportunities`).
    by : None for one row per open stage (all five, in funnel order, with the
        probability), or a column / list of columns, e.g. ``"owner"`` or
        ``["owner", "stage"]``.

    Returns
    -------
    DataFrame with the group columns, ``deals``, ``value`` and ``weighted_value``
    (and ``probability`` when grouped by stage only). A blank group cell (no owner) is
    its own group, :data:`BLANK_GROUP` "(blank)": no row and no money is dropped.

    Notes
    -----
    Seed 002, "漏斗管理系统": weight each deal by how far it has come in the funnel.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"owner": ["Li", "Li", "Wang"],
    ...     "stage": ["Identified", "Committed", "Committed"], "value": [100, 200, 50]})
    >>> weighted_pipeline(deals, by="owner")["weighted_value"].tolist()
    [190.0, 45.0]
    """
    func = "weighted_pipeline"
    keys = ["stage"] if by is None else ([by] if isinstance(by, str) else list(by))
    require_columns(df, ["stage", value, *keys], func=func)
    w = weigh_opportunities(df, value, probabilities=probabilities)
    stage = _stages(df, "stage", func)
    data = pd.DataFrame({k: _group_keys(df[k]) for k in keys if k != "stage"})
    if "stage" in keys:
        data["stage"] = stage
        data = data[keys]
    data["deals"] = 1
    data["value"] = numeric_column(df, value, func=func).to_numpy()
    data["weighted_value"] = w["weighted_value"].to_numpy()
    data = data[np.asarray(pd.Series(stage).isin(STAGES))]
    if "stage" in keys:
        data["stage"] = data["stage"].cat.remove_categories(list(CLOSED))
    out = (data.groupby(keys, observed=(by is not None), sort=True)[
        ["deals", "value", "weighted_value"]].sum().reset_index())
    out["value"] = out["value"].astype("float64")
    if keys == ["stage"]:
        out.insert(1, "probability", out["stage"].map(_probabilities(probabilities, func))
                   .astype("float64"))
    return out


def stalled(df: pd.DataFrame, *, as_of, max_days=None, factor: float = 2.0) -> pd.DataFrame:
    """Open deals that have sat in their current stage longer than that stage allows.

    Days in stage = ``as_of`` − ``stage_entered``. The limit per stage is ``max_days``: a
    number for every stage or a dict stage -> days; by default ``factor`` (2) × the median
    days-in-stage of the open deals in ``df`` at that stage.

    Returns
    -------
    The stalled rows of ``df`` (original index), most overdue first, plus
    ``days_in_stage``, ``max_days`` and ``overdue_days``.

    Notes
    -----
    Seed 002's funnel: a deal that does not move is a deal to requalify or drop.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"stage": ["Qualified"] * 3, "stage_entered":
    ...     ["2025-01-21", "2025-01-11", "2024-11-01"]})
    >>> stalled(df, as_of="2025-01-31")["days_in_stage"].tolist()
    [91]
    """
    func = "stalled"
    require_columns(df, ["stage", "stage_entered"], func=func)
    as_of = _as_of(as_of, func)
    st = pd.Series(_stages(df, "stage", func), index=df.index)
    entered = _dates(df, "stage_entered", func)
    open_ = st.isin(STAGES).to_numpy()
    _not_before(entered[open_], as_of, func, "stage_entered")
    days = (as_of - entered).dt.days.astype("float64")
    if max_days is None:
        f = _number("factor", factor, func, positive=True)
        med = days[open_].groupby(st[open_].astype(str)).median()
        limits = (f * med).to_dict()
    elif isinstance(max_days, Mapping):
        unknown = set(max_days) - set(STAGES)
        if unknown:
            raise ParameterError(f"{func}(): max_days has unknown stage(s) "
                                 f"{show(sorted(unknown))}; stages are {list(STAGES)}.")
        limits = {k: _number(f"max_days[{k!r}]", v, func, nonnegative=True)
                  for k, v in max_days.items()}
    else:
        limit = _number("max_days", max_days, func, nonnegative=True)
        limits = dict.fromkeys(STAGES, limit)
    limit = st.astype("object").map(limits).astype("float64")
    hit = open_ & (days > limit).to_numpy()
    out = df[hit].copy()
    out["days_in_stage"] = days[hit].astype("int64")
    out["max_days"] = limit[hit]
    out["overdue_days"] = out["days_in_stage"] - out["max_days"]
    return out.sort_values("overdue_days", ascending=False, kind="stable")


@dataclass(frozen=True)
class Coverage:
    """Result of :func:`coverage`: pipeline against the target (ratios; 1.0 = 100%)."""

    target: float
    pipeline: float
    weighted_pipeline: float
    coverage: float
    weighted_coverage: float
    gap: float


def coverage(df: pd.DataFrame, target, *, value: str = "value",
             probabilities=None) -> Coverage:
    """How far the open pipeline covers a sales target, unweighted and weighted.

    ``coverage`` = open pipeline value / target; ``weighted_coverage`` = weighted
    pipeline / target; ``gap`` = target − weighted pipeline (negative when covered).

    Raises
    ------
    ParameterError (target ≤ 0), MissingColumnsError.

    Notes
    -----
    Seed 002: the annual plan starts from the sales target; the funnel must cover it.

    >>> import pandas as pd
    >>> deals = pd.DataFrame({"stage": ["Committed", "Identified"], "value": [100, 400]})
    >>> c = coverage(deals, 200)
    >>> c.coverage, c.weighted_coverage
    (2.5, 0.65)
    """
    func = "coverage"
    t = _number("target", target, func, positive=True)
    w = weigh_opportunities(df, value, probabilities=probabilities)
    open_ = np.asarray(pd.Series(_stages(df, "stage", func)).isin(STAGES))
    pipe = float(numeric_column(df, value, func=func).to_numpy()[open_].sum())
    weighted = float(w["weighted_value"].to_numpy()[open_].sum())
    return Coverage(target=t, pipeline=pipe, weighted_pipeline=weighted, coverage=pipe / t,
                    weighted_coverage=weighted / t, gap=t - weighted)


def value_creation(df: pd.DataFrame, *, unit: str = "business_unit",
                   market_share="market_share", win_rate: str = "win_rate",
                   value_per_order: str = "value_per_order",
                   value: str = "margin") -> pd.DataFrame:
    """Value created = market share × proposal win rate × value per won order, by unit.

    Two inputs are accepted:

    - a table per business unit with ``market_share``, ``win_rate`` and
      ``value_per_order`` columns;
    - opportunities (with ``stage``): per unit, win rate = won / (won + lost) and value per
      order = mean ``value`` (margin) of won deals; ``market_share`` is then a column or a
      dict unit -> share.

    Returns
    -------
    One row per unit (order of first appearance): ``market_share``, ``win_rate``,
    ``value_per_order``, ``value_created`` (their product), ``index_vs_best`` (100 = the
    best unit) and, for each factor, ``<factor>_index`` (100 = the best unit on it) —
    which factor holds a unit back. A unit whose closed deals were all lost creates 0 (its
    ``value_per_order`` stays NaN: no won order); a unit with no closed deal has NaN.

    Raises
    ------
    MissingColumnsError, ParameterError (market share missing for a unit, shares outside
    [0, 1]).

    Notes
    -----
    Seed 000: "价值创造=市场份额 × 建议书成功率 × 每项成功订单的价值创造", compared across
    部门1…部门5.

    >>> import pandas as pd
    >>> bu = pd.DataFrame({"business_unit": ["A", "B"], "market_share": [0.2, 0.4],
    ...     "win_rate": [0.5, 0.5], "value_per_order": [100, 100]})
    >>> value_creation(bu)["index_vs_best"].tolist()
    [50.0, 100.0]
    """
    func = "value_creation"
    require_columns(df, [unit], func=func)
    if "stage" in df.columns and not {win_rate, value_per_order} <= set(df.columns):
        require_columns(df, [value], func=func)
        st = pd.Series(_stages(df, "stage", func), index=df.index).astype("object")
        v = numeric_column(df, value, func=func, allow_nan=True)
        g = pd.DataFrame({"u": _group_keys(df[unit]), "won": (st == "Won").to_numpy(),
                          "lost": (st == "Lost").to_numpy(),
                          "won_value": v.where(st == "Won").to_numpy()})
        agg = g.groupby("u", sort=False).agg(won=("won", "sum"), lost=("lost", "sum"),
                                             value_per_order=("won_value", "mean"))
        closed = agg["won"] + agg["lost"]
        table = pd.DataFrame({unit: agg.index.to_numpy(),
                              "win_rate": (agg["won"] / closed.where(closed > 0)).to_numpy(),
                              "value_per_order": agg["value_per_order"].to_numpy()})
        if isinstance(market_share, Mapping):
            missing = [u for u in table[unit] if u not in market_share]
            if missing:
                raise ParameterError(f"{func}(): market_share has no share for unit(s) "
                                     f"{show(missing)}.", missing=missing)
            table["market_share"] = [market_share[u] for u in table[unit]]
        else:
            require_columns(df, [market_share], func=func)
            ms = df.groupby(df[unit].to_numpy(), sort=False)[market_share].first()
            table["market_share"] = ms.reindex(table[unit]).to_numpy()
        cols = {"market_share": "market_share", "win_rate": "win_rate",
                "value_per_order": "value_per_order"}
    else:
        ms_col = market_share if isinstance(market_share, str) else "market_share"
        require_columns(df, [ms_col, win_rate, value_per_order], func=func)
        table = df
        cols = {"market_share": ms_col, "win_rate": win_rate, "value_per_order": value_per_order}
    out = pd.DataFrame({unit: table[unit].to_numpy()})
    for name, col in cols.items():
        out[name] = numeric_column(table, col, func=func, allow_nan=True).to_numpy()
    for name in ("market_share", "win_rate"):
        x = out[name]
        bad = (x < 0) | (x > 1)
        if bad.any():
            raise ParameterError(f"{func}(): {name} must be fractions between 0 and 1; got "
                                 f"{show(x[bad].tolist())}. Write 25% as 0.25.", name=name)
    out["value_created"] = out["market_share"] * out["win_rate"] * out["value_per_order"]
    # closed deals and none won: no value created (0), though there is no won order to value
    out.loc[(out["win_rate"] == 0) & out["market_share"].notna(), "value_created"] = 0.0
    out["index_vs_best"] = out["value_created"] / out["value_created"].max() * 100
    for name in ("market_share", "win_rate", "value_per_order"):
        out[f"{name}_index"] = out[name] / out[name].max() * 100
    return out
