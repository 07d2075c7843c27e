"""The funnel's stages and a deal's stage history: conversion, ageing, dates against the funnel.

Seed 002's five-stage funnel (Identified → Contacted → Qualified → Developed → Committed, then
Won or Lost) as ordered categoricals, and what a dated stage history says: the probability of
winning from each stage, stage-to-stage conversion (by group and cohort), days in each stage,
and deals whose dates run against the funnel. :mod:`kamlab.opportunities` builds the screen
and the weighted pipeline on these and re-exports every public name.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import require_columns, show
from kamlab.columns import CLOSED, STAGES
from kamlab.exceptions import DataWarning, InvalidDataError, ParameterError

__all__ = [
    "BLANK_GROUP", "stage_categorical", "stage_probabilities_from_history", "conversion_rates",
    "StageTimes", "time_in_stage", "stage_order_breaks",
]


#: The group a row with a blank group cell (owner, business unit …) is counted under: a
#: group-by never drops rows, or their money would vanish from the totals.
BLANK_GROUP = "(blank)"

# ---------------------------------------------------------------------------------------
# Stages
# ---------------------------------------------------------------------------------------

def stage_categorical(values, *, func: str = "stage_categorical") -> pd.Categorical:
    """Funnel stages as an ordered categorical: Identified < … < Committed < Won < Lost.

    Raises InvalidDataError naming any value that is not a stage.

    >>> stage_categorical(["Won", "Identified"]).sort_values().tolist()
    ['Identified', 'Won']
    """
    s = pd.Series(values, dtype="object")
    known = set(STAGES) | set(CLOSED)
    bad = s.notna() & ~s.isin(known)
    if bad.any():
        rows = list(np.flatnonzero(bad.to_numpy()))
        raise InvalidDataError(
            f"{func}(): stage must be one of {list(STAGES + CLOSED)}; rows {show(rows)} "
            f"(0-based positions) have {show(sorted(set(s[bad].astype(str))))}. "
            "Map your own stage names first, e.g. df['stage'].replace({'合作': 'Committed'}).",
            column="stage", rows=rows, values=sorted(set(s[bad].astype(str))))
    return pd.Categorical(s, categories=list(STAGES + CLOSED), ordered=True)


def _group_keys(s) -> np.ndarray:
    """A group column with blank cells (NaN, None, empty text) as :data:`BLANK_GROUP`."""
    s = pd.Series(s, dtype=object).reset_index(drop=True)
    blank = s.isna() | s.map(lambda v: isinstance(v, str) and not v.strip())
    return s.where(~blank, BLANK_GROUP).to_numpy()


def _stages(df, stage, func):
    require_columns(df, [stage], func=func)
    return stage_categorical(df[stage].to_numpy(), func=func)


def _dates(df, column, func):
    try:
        return pd.to_datetime(df[column], errors="raise")
    except (ValueError, TypeError):
        parsed = pd.to_datetime(df[column], errors="coerce")
        bad = parsed.isna() & df[column].notna()
        rows = list(np.flatnonzero(bad.to_numpy()))
        raise InvalidDataError(
            f"{func}(): column {column!r} must hold dates (e.g. '2025-03-31'); rows "
            f"{show(rows)} (0-based positions) have {show(df[column][bad].tolist())}.",
            column=column, rows=rows) from None


def _as_of(as_of, func):
    try:
        return pd.Timestamp(as_of).normalize()
    except (ValueError, TypeError):
        raise ParameterError(f"{func}(): as_of must be a date like '2025-12-31'; got {as_of!r}.",
                             as_of=as_of) from None


def _not_before(dates, as_of, func, column):
    latest = dates.max()
    if pd.notna(latest) and latest > as_of:
        raise ParameterError(
            f"{func}(): as_of {as_of.date()} is before the latest {column!r} date "
            f"{latest.date()}; days in stage would be negative. Pass as_of on or after "
            f"{latest.date()} (the date the data was extracted).", as_of=as_of, latest=latest)


def _history(history, func):
    """Stage history with parsed dates and stage codes; one reach level per deal."""
    require_columns(history, ["opportunity_id", "stage", "entered"], func=func,
                    source="the stage history")
    st = stage_categorical(history["stage"].to_numpy(), func=func)
    h = pd.DataFrame({"opportunity_id": history["opportunity_id"].to_numpy(),
                      "code": st.codes, "entered": _dates(history, "entered", func).to_numpy()},
                     index=history.index)
    if (h["code"] < 0).any():
        rows = list(np.flatnonzero((h["code"] < 0).to_numpy()))
        raise InvalidDataError(f"{func}(): the stage history has blank stages at rows "
                               f"{show(rows)} (0-based positions).", column="stage", rows=rows)
    return h


def _breaks(h) -> pd.DataFrame:
    """Per deal, each stage entered before the stage below it (dates against stage order)."""
    known = h[h["entered"].notna()].sort_values(["opportunity_id", "code", "entered"],
                                                kind="stable")
    by_deal = known.groupby("opportunity_id", sort=False)
    before = pd.DataFrame({"earlier_code": by_deal["code"].shift(),
                           "earlier_entered": by_deal["entered"].shift()})
    bad = (known["entered"] < before["earlier_entered"]).to_numpy()
    stages = list(STAGES + CLOSED)
    return pd.DataFrame({
        "opportunity_id": known["opportunity_id"].to_numpy()[bad],
        "stage": [stages[c] for c in known["code"].to_numpy()[bad]],
        "entered": known["entered"].to_numpy()[bad],
        "earlier_stage": [stages[int(c)] for c in before["earlier_code"].to_numpy()[bad]],
        "earlier_stage_entered": before["earlier_entered"].to_numpy()[bad],
    })


def stage_order_breaks(history: pd.DataFrame) -> pd.DataFrame:
    """Deals whose dates run against the funnel: a stage entered before the stage below it.

    A deal can slip back in real life, but more often such a row is a typing slip or a stage
    recorded late. :func:`time_in_stage` and :func:`conversion_rates` warn
    (:class:`~kamlab.exceptions.DataWarning`) when a history has any; this lists them all.

    Returns
    -------
    DataFrame, one row per break: ``opportunity_id``, ``stage`` and its ``entered`` date, and
    the stage below it with the later date (``earlier_stage``, ``earlier_stage_entered``).

    >>> h = pd.DataFrame({"opportunity_id": ["a", "a", "b", "b"],
    ...     "stage": ["Identified", "Contacted", "Identified", "Contacted"],
    ...     "entered": ["2025-01-01", "2025-01-11", "2025-02-01", "2025-01-20"]})
    >>> stage_order_breaks(h)[["opportunity_id", "stage", "earlier_stage"]].values.tolist()
    [['b', 'Contacted', 'Identified']]
    """
    return _breaks(_history(history, "stage_order_breaks")).reset_index(drop=True)


def _warn_stage_order(h, func: str, effect: str) -> None:
    breaks = _breaks(h)
    if breaks.empty:
        return
    first = breaks.iloc[0]
    deals = breaks["opportunity_id"].nunique()
    warnings.warn(DataWarning(
        f"{func}(): {deals} deal(s) entered a stage before the stage below it, e.g. "
        f"{first['opportunity_id']!r} entered {first['stage']} on "
        f"{pd.Timestamp(first['entered']):%Y-%m-%d} but {first['earlier_stage']} only on "
        f"{pd.Timestamp(first['earlier_stage_entered']):%Y-%m-%d}. {effect} Check those dates: "
        "kamlab.opportunities.stage_order_breaks(history) lists them all."), stacklevel=3)


def _deal_outcomes(h) -> pd.DataFrame:
    """Per deal: ``reached`` (highest open stage passed, 0-4; Won = 5), ``won``, ``closed``."""
    won_code, lost_code = len(STAGES), len(STAGES) + 1
    is_won = (h["code"] == won_code).groupby(h["opportunity_id"], sort=False).any()
    is_lost = (h["code"] == lost_code).groupby(h["opportunity_id"], sort=False).any()
    open_max = h["code"].where(h["code"] < won_code, -1).groupby(
        h["opportunity_id"], sort=False).max()
    reached = np.where(is_won, won_code, open_max)
    return pd.DataFrame({"reached": reached, "won": is_won.to_numpy(),
                         "closed": (is_won | is_lost).to_numpy()}, index=is_won.index)


def stage_probabilities_from_history(history: pd.DataFrame) -> pd.DataFrame:
    """Win probability per stage, estimated from closed deals in the stage history.

    For each open stage: of the closed deals (Won or Lost) that reached it, the share
    that was won. A deal "reached" a stage if it entered it or any later stage (a won
    deal has passed them all). Open deals are left out: their outcome is unknown.

    Returns
    -------
    DataFrame: ``stage``, ``closed_deals``, ``won``, ``probability`` (NaN where no closed
    deal reached the stage). Pass it as ``probabilities=`` to :func:`weighted_pipeline`.

    Notes
    -----
    Seed 002's funnel; replaces the rule-of-thumb :data:`DEFAULT_STAGE_PROBABILITY`.

    >>> import pandas as pd
    >>> h = pd.DataFrame({"opportunity_id": ["a", "a", "b", "b"],
    ...     "stage": ["Identified", "Won", "Identified", "Lost"],
    ...     "entered": ["2025-01-01", "2025-02-01", "2025-01-01", "2025-03-01"]})
    >>> stage_probabilities_from_history(h)["probability"].tolist()
    [0.5, 1.0, 1.0, 1.0, 1.0]
    """
    func = "stage_probabilities_from_history"
    deals = _deal_outcomes(_history(history, func))
    deals = deals[deals["closed"]]
    reached = deals["reached"].to_numpy()[:, None] >= np.arange(len(STAGES))[None, :]
    n = reached.sum(axis=0)
    won = (reached & deals["won"].to_numpy()[:, None]).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(n > 0, won / np.maximum(n, 1), np.nan)
    return pd.DataFrame({"stage": pd.Categorical(STAGES, categories=list(STAGES), ordered=True),
                         "closed_deals": n, "won": won, "probability": p})


_COHORT_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}


def conversion_rates(history: pd.DataFrame, *, by=None, cohort=None) -> pd.DataFrame:
    """Stage-to-stage conversion: of the deals that entered stage k, the share that moved on.

    Transitions: Identified → Contacted → … → Committed → Won. A deal counts for a
    transition only once it has had the chance: it moved on, or it was closed (Lost).
    Deals still open in stage k are left out of k → k+1 — they are not losses.
    Reaching a later stage counts as having passed the earlier ones.

    Parameters
    ----------
    history : stage history, one row per ``opportunity_id``, ``stage``, ``entered``.
    by : optional column(s) of ``history`` to compare, e.g. ``"owner"`` (merge it in
        first: ``history.merge(deals[["opportunity_id", "owner"]])``).
    cohort : None, ``"month"``, ``"quarter"`` or ``"year"``: group deals by the period in
        which they entered Identified (or their first stage).

    Returns
    -------
    DataFrame: group columns, ``from_stage``, ``to_stage``, ``entered`` (deals that had the
    chance), ``converted``, ``rate`` and ``cumulative`` (rate from Identified to
    ``to_stage``: the product of the rates so far).

    Notes
    -----
    Seed 002, "漏斗管理系统".

    >>> import pandas as pd
    >>> h = pd.DataFrame({"opportunity_id": ["a", "a", "b", "b", "c"],
    ...     "stage": ["Identified", "Contacted", "Identified", "Lost", "Identified"],
    ...     "entered": ["2025-01-01", "2025-02-01", "2025-01-01", "2025-03-01", "2025-04-01"]})
    >>> first = conversion_rates(h).iloc[0]
    >>> int(first["entered"]), int(first["converted"]), float(first["rate"])
    (2, 1, 0.5)
    """
    func = "conversion_rates"
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    require_columns(history, keys, func=func, source="the stage history")
    if cohort is not None and cohort not in _COHORT_FREQ:
        raise ParameterError(f"{func}(): cohort must be one of {list(_COHORT_FREQ)} or None; "
                             f"got {cohort!r}.", cohort=cohort)
    h = _history(history, func)
    deals = _deal_outcomes(h)
    if keys:
        first = history.groupby(history["opportunity_id"].to_numpy(), sort=False)[keys].first()
        deals = deals.join(first)
        for k in keys:
            deals[k] = _group_keys(deals[k])
    if cohort is not None:  # rates follow the stages reached; only the cohorts read dates
        _warn_stage_order(h, func, "Each counts in the cohort of the date of its first stage.")
        start = h.sort_values(["code", "entered"]).groupby("opportunity_id", sort=False)[
            "entered"].first()
        deals["cohort"] = start.reindex(deals.index).dt.to_period(_COHORT_FREQ[cohort])
        keys = [*keys, "cohort"]

    to_names = list(STAGES[1:]) + ["Won"]
    rows = []
    groups = deals.groupby(keys, sort=True, observed=True) if keys else [((), deals)]
    for key, g in groups:
        key = key if isinstance(key, tuple) else (key,)
        reached = g["reached"].to_numpy()
        closed = g["closed"].to_numpy()
        cumulative = 1.0
        for k, (src, dst) in enumerate(zip(STAGES, to_names)):
            moved = reached >= k + 1
            chance = (reached >= k) & (moved | closed)
            n, c = int(chance.sum()), int(moved[chance].sum())
            rate = c / n if n else np.nan
            cumulative *= rate
            rows.append((*key, src, dst, n, c, rate, cumulative))
    out = pd.DataFrame(rows, columns=[*keys, "from_stage", "to_stage", "entered", "converted",
                                      "rate", "cumulative"])
    out["from_stage"] = stage_categorical(out["from_stage"].to_numpy())
    out["to_stage"] = stage_categorical(out["to_stage"].to_numpy())
    return out


@dataclass(frozen=True)
class StageTimes:
    """Result of :func:`time_in_stage`.

    ``stays``: one row per deal and stage entered, with ``days`` and ``ongoing`` (still in
    that stage at ``as_of``). ``summary``: per open stage, ``completed`` stays and their
    ``median_days`` / ``mean_days``; ``in_stage_now`` and ``median_days_so_far`` for deals
    still there.
    """

    stays: pd.DataFrame
    summary: pd.DataFrame


def time_in_stage(history: pd.DataFrame, *, as_of) -> StageTimes:
    """Days spent in each stage: from entering it to entering the next one.

    The last stage of an open deal is still running: its days are counted up to
    ``as_of`` and marked ``ongoing``. Won and Lost are end points and have no stay.

    Returns
    -------
    :class:`StageTimes` (``stays``, ``summary``).

    Notes
    -----
    Seed 002's funnel: ageing shows where deals get stuck.

    >>> import pandas as pd
    >>> h = pd.DataFrame({"opportunity_id": ["a", "a", "b"],
    ...     "stage": ["Identified", "Contacted", "Identified"],
    ...     "entered": ["2025-01-01", "2025-01-11", "2025-01-01"]})
    >>> t = time_in_stage(h, as_of="2025-01-31")
    >>> t.stays["days"].tolist(), t.summary["median_days"].iloc[0]
    ([10, 20, 30], np.float64(10.0))
    """
    func = "time_in_stage"
    as_of = _as_of(as_of, func)
    h = _history(history, func).sort_values(["opportunity_id", "entered", "code"],
                                            kind="stable")
    _not_before(h["entered"], as_of, func, "entered")
    _warn_stage_order(h, func, "Their days are counted in date order, as if each went back a "
                               "stage.")
    nxt = h.groupby("opportunity_id", sort=False)["entered"].shift(-1)
    is_open = h["code"].to_numpy() < len(STAGES)
    ongoing = is_open & nxt.isna().to_numpy()
    end = nxt.where(~pd.Series(ongoing, index=h.index), as_of)
    days = (end - h["entered"]).dt.days
    stays = pd.DataFrame({
        "opportunity_id": h["opportunity_id"].to_numpy(),
        "stage": pd.Categorical.from_codes(h["code"].to_numpy(),
                                           categories=list(STAGES + CLOSED), ordered=True),
        "entered": h["entered"].to_numpy(), "days": days.to_numpy(), "ongoing": ongoing,
    })[is_open].reset_index(drop=True)
    stays["days"] = stays["days"].astype("int64")
    stays["stage"] = stays["stage"].cat.remove_categories(list(CLOSED))
    done = stays[~stays["ongoing"]].groupby("stage", observed=False)["days"]
    now = stays[stays["ongoing"]].groupby("stage", observed=False)["days"]
    summary = pd.DataFrame({"completed": done.size(), "median_days": done.median(),
                            "mean_days": done.mean(), "in_stage_now": now.size(),
                            "median_days_so_far": now.median()}).reset_index()
    return StageTimes(stays=stays, summary=summary)
