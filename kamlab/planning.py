"""Account planning: the annual plan per tier (seed 002) — and, next, the key-account card.

How a year of account work is planned: sales targets → account analysis (A/B/C) → targets
and quotas → time allocation → account strategy → timetable → review. :func:`account_plan`
turns a classified customer book into targets, quotas, hours and contacts per tier.

Seed 002's 60% / 30% / 10% of the time goes to key accounts (10% of the customers), regular
customers (30%) and the rest (60%): cut the tiers by count with :data:`PLAN_TIER_CUTOFFS`.

>>> import pandas as pd
>>> df = pd.DataFrame({"abc": ["A", "B", "C"], "revenue": [600, 300, 100]})
>>> account_plan(df, hours_per_year=1000)["hours"].tolist()
[600.0, 300.0, 100.0]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from kamlab._validate import number as _number
from kamlab._validate import numeric_column, require_columns, show
from kamlab.exceptions import ParameterError

__all__ = ["ACCOUNT_PLAN_STEPS", "PLAN_TIME_ALLOCATION", "PLAN_TIER_CUTOFFS", "CONTACT_FREQUENCY",
           "account_plan"]

#: seed 002, "制定年度客户开发计划": the steps of an annual account plan.
ACCOUNT_PLAN_STEPS = (
    ("Sales targets", "销售指标", "Set the year's sales target for the territory."),
    ("Account analysis", "客户分析", "Classify accounts (A/B/C), their potential and our share."),
    ("Targets and quotas", "制订客户目标和定额", "Split the target into a quota per account."),
    ("Time allocation", "时间分配", "Give each tier its share of selling hours."),
    ("Account strategy", "为客户制定销售策略", "Decide how to win or grow each key account."),
    ("Timetable", "时间和计划", "Fix contact frequency, visits and milestones in a calendar."),
    ("Reporting and review", "报告和评估", "Review results against plan and adjust."),
)

#: seed 002, "确定你的大客户" (:data:`kamlab.segmentation.TIME_ALLOCATION`): key accounts,
#: ~10% of the customers, get ~60% of the time; regular customers 30% / 30%; prospects (and
#: other small customers) 60% / 10%. The shares hold for tiers cut that way — by count,
#: :data:`PLAN_TIER_CUTOFFS` — not for the ABC value tiers (there A is ~20% of accounts).
PLAN_TIME_ALLOCATION = {"A": 0.60, "B": 0.30, "C": 0.10}

#: seed 002's customer split behind :data:`PLAN_TIME_ALLOCATION`, as cumulative shares of
#: accounts for :func:`kamlab.segmentation.abc_classify_by_count`: A = top 10%, B = next 30%.
PLAN_TIER_CUTOFFS = (0.10, 0.40)

#: Contacts per account per year by tier — a starting point, not a seed figure (seed 002
#: asks to "decide the frequency and type of contact" per A/B/C class).
CONTACT_FREQUENCY = {"A": 24, "B": 12, "C": 4}


def _per_tier(name, x, tiers, func):
    if isinstance(x, Mapping):
        missing = [t for t in tiers if t not in x]
        if missing:
            raise ParameterError(f"{func}(): {name} has no value for tier(s) {show(missing)}; "
                                 f"got keys {show(list(x))}.", missing=missing)
        return {t: _number(f"{name}[{t!r}]", x[t], func) for t in tiers}
    v = _number(name, x, func)
    return dict.fromkeys(tiers, v)


def account_plan(df: pd.DataFrame, *, tier: str = "abc", revenue: str = "revenue",
                 target_growth=0.10, hours_per_year: float = 1_600, allocation=None,
                 contact_frequency=None) -> pd.DataFrame:
    """A one-page annual account plan per tier: targets, quotas, hours and contacts.

    Parameters
    ----------
    df : accounts with a ``tier`` column and ``revenue``. For seed 002's time allocation
        (the default) cut the tiers as seed 002 does, by count: ``abc_classify_by_count(df,
        cutoffs=PLAN_TIER_CUTOFFS)`` (A = top 10% of accounts, B = next 30%, C = the rest).
    target_growth : growth on this year's revenue, one number or a dict tier -> growth.
    hours_per_year : selling hours available to the account manager.
    allocation : dict tier -> share of those hours (sums to 1); default
        :data:`PLAN_TIME_ALLOCATION` (A 60% / B 30% / C 10%).
    contact_frequency : dict tier -> contacts per account per year; default
        :data:`CONTACT_FREQUENCY`.

    Returns
    -------
    One row per tier, best first: ``accounts``, ``accounts_share`` (of all accounts: set it
    beside ``time_share``), ``revenue``, ``target_growth``,
    ``target_revenue``, ``quota_per_account``, ``time_share``, ``hours``,
    ``hours_per_account``, ``contacts_per_account``, ``contacts_total`` (contacts a year
    with the tier's accounts), ``hours_per_contact``.

    Raises
    ------
    MissingColumnsError, ParameterError (a tier without allocation or frequency, shares
    not adding up to 1, negative hours).

    Notes
    -----
    Seed 002, "制定年度客户开发计划" (:data:`ACCOUNT_PLAN_STEPS`): sales targets → account
    analysis → targets and quotas → time allocation → strategy → timetable → review; key
    accounts, about 10% of the customers, get about 60% of the time ("尽管数量只有10%，但你
    还是要花60%时间在他们身上").

    >>> import pandas as pd
    >>> df = pd.DataFrame({"abc": ["A", "B", "C", "C"], "revenue": [600, 300, 60, 40]})
    >>> plan = account_plan(df, hours_per_year=1000)
    >>> plan["tier"].tolist(), plan["hours_per_account"].tolist()
    (['A', 'B', 'C'], [600.0, 300.0, 50.0])
    """
    func = "account_plan"
    require_columns(df, [tier, revenue], func=func)
    rev = numeric_column(df, revenue, func=func)
    hours = _number("hours_per_year", hours_per_year, func, nonnegative=True)
    keys = df[tier]
    if isinstance(keys.dtype, pd.CategoricalDtype):
        cats = [c for c in keys.cat.categories if c in set(keys)]
        tiers = cats[::-1] if keys.cat.ordered else cats
    else:
        tiers = sorted(set(keys.dropna()))
    allocation = PLAN_TIME_ALLOCATION if allocation is None else allocation
    frequency = CONTACT_FREQUENCY if contact_frequency is None else contact_frequency
    share = _per_tier("allocation", allocation, tiers, func)
    if any(v < 0 for v in share.values()) or not np.isclose(sum(share.values()), 1.0):
        raise ParameterError(f"{func}(): allocation shares of the tiers present {share} must be "
                             "≥ 0 and add up to 1.", allocation=share)
    growth = _per_tier("target_growth", target_growth, tiers, func)
    freq = _per_tier("contact_frequency", frequency, tiers, func)
    g = pd.DataFrame({"t": keys.astype("object").to_numpy(), "r": rev.to_numpy()})
    agg = g.groupby("t").agg(accounts=("r", "size"), revenue=("r", "sum")).reindex(tiers)
    out = pd.DataFrame({"tier": tiers, "accounts": agg["accounts"].to_numpy(),
                        "revenue": agg["revenue"].to_numpy()})
    out.insert(2, "accounts_share", out["accounts"] / len(df))
    out["target_growth"] = out["tier"].map(growth)
    out["target_revenue"] = out["revenue"] * (1 + out["target_growth"])
    out["quota_per_account"] = out["target_revenue"] / out["accounts"]
    out["time_share"] = out["tier"].map(share)
    out["hours"] = out["time_share"] * hours
    out["hours_per_account"] = out["hours"] / out["accounts"]
    out["contacts_per_account"] = out["tier"].map(freq)
    out["contacts_total"] = out["contacts_per_account"] * out["accounts"]
    out["hours_per_contact"] = out["hours"] / out["contacts_total"].where(
        out["contacts_total"] > 0)
    return out
