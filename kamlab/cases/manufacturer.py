"""Module 6 — case: a large US manufacturer whose customers consolidate and sign long contracts.

Seed 000 (关键客户管理案例分析, 一家大型的美国制造企业): the manufacturer sells into an industry
with a few large, dominant customers that is still consolidating — **the top 10 customers hold
95% of the market** — and its customers sign **long contracts of 3–5 years**. The bundled data
(``manufacturer_market``, ``manufacturer_mergers``, ``manufacturer_contracts``) sets it in
specialty coatings (特种涂料) bought by household-appliance makers (家电制造商), 2005–2024.

Two questions, a few functions each:

1. **How concentrated is the customer market, and how did it get there?** —
   :func:`market_structure` (HHI and top-k shares per year), :func:`first_year_reaching` (the
   year the top 10 reach 95%), :func:`merger_effects` (what each merger did to HHI).
2. **What do the long contracts put at stake, and when?** — :func:`contract_schedule` (the
   price path and revenue year by year), :func:`contract_npvs` (NPV and walk-away price of each
   contract, through the module-4 :func:`~kamlab.economics.contract_value`),
   :func:`renewals` and :func:`renewal_calendar` (which revenue comes up for renewal in which
   year), :func:`revenue_at_risk` (how much of today's revenue is no longer under contract,
   year by year) and :func:`lose_renewal` (what losing one renewal costs).

A contract starting in ``start_year`` with ``term_years`` T runs the calendar years
start_year … start_year + T − 1 (its ``end_year``); it comes up for renewal in end_year + 1.
Its year-t price is start_price·(1 − price_down)^(t−1), its unit cost
unit_cost·(1 − cost_down)^(t−1), its volume the same every year.

>>> from kamlab import load_dataset
>>> market = load_dataset("manufacturer_market")
>>> structure = market_structure(market)
>>> round(float(structure.set_index("year").loc[2024, "top10_share"]), 3)  # seed 000: 95%
0.95
>>> first_year_reaching(structure, 0.95, top=10)
2024
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import number as _number
from kamlab._validate import numeric_column, require_columns, show
from kamlab.concentration import hhi
from kamlab.economics.contract import contract_value
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = [
    "CONTRACT_COLUMNS", "TERMS", "MAX_TERM",
    "market_structure", "first_year_reaching", "merger_effects",
    "contract_schedule", "contract_npvs", "renewals", "renewal_calendar", "revenue_at_risk",
    "LostRenewal", "lose_renewal",
]

#: The contract terms :func:`~kamlab.economics.contract_value` takes besides the volumes (the
#: same six as ``kamlab.data.CONTRACT_TERMS``).
TERMS = ("start_price", "unit_cost", "price_down", "cost_down", "investment", "rate")
#: The columns a contracts table needs.
CONTRACT_COLUMNS = ("contract_id", "account_id", "start_year", "term_years", "volume", *TERMS)
#: The longest contract term accepted, in years.
MAX_TERM = 10


# ---------------------------------------------------------------------------------------
# Checking the tables
# ---------------------------------------------------------------------------------------

def _whole(df, column, func, *, low=None, high=None, what="whole numbers"):
    x = numeric_column(df, column, func=func).to_numpy()
    bad = (x != np.round(x)) | (x < (low if low is not None else -np.inf)) | (
        x > (high if high is not None else np.inf))
    if bad.any():
        rows = list(np.flatnonzero(bad))
        raise InvalidDataError(
            f"{func}(): column {column!r} must hold {what}; rows {show(rows)} (0-based positions) "
            f"have {show(x[bad].tolist())}.", column=column, rows=rows)
    return x.astype("int64")


def _market(market, func) -> pd.DataFrame:
    """year (int), account_id (str), purchases (float ≥ 0), one row per (year, company)."""
    require_columns(market, ["year", "account_id", "purchases"], func=func,
                    source="the market table")
    if market.empty:
        raise InvalidDataError(f"{func}(): the market table has no rows; it needs one row per "
                               "year and company with its purchases.")
    year = _whole(market, "year", func, what="calendar years (whole numbers)")
    purchases = numeric_column(market, "purchases", func=func).to_numpy()
    if (purchases < 0).any():
        rows = list(np.flatnonzero(purchases < 0))
        raise InvalidDataError(
            f"{func}(): purchases must be 0 or more (a company's yearly purchases of the "
            f"category); rows {show(rows)} have {show(purchases[purchases < 0].tolist())}.",
            column="purchases", rows=rows)
    out = pd.DataFrame({"year": year, "account_id": market["account_id"].astype(str).to_numpy(),
                        "purchases": purchases})
    dup = out.duplicated(["year", "account_id"], keep=False).to_numpy()
    if dup.any():
        pairs = out.loc[dup, ["year", "account_id"]].drop_duplicates().to_numpy().tolist()
        raise InvalidDataError(
            f"{func}(): each company has one row per year; these (year, account_id) pairs appear "
            f"more than once: {show([tuple(p) for p in pairs], 5)}. Add them up first, e.g. "
            "market.groupby(['year', 'account_id'], as_index=False)['purchases'].sum().",
            rows=list(np.flatnonzero(dup)))
    totals = out.groupby("year")["purchases"].sum()
    if (totals <= 0).any():
        raise InvalidDataError(
            f"{func}(): the purchases of year(s) {show(totals.index[totals <= 0].tolist())} add "
            "up to 0; shares of a market need a positive total.", column="purchases")
    return out


def _tops(top, func) -> tuple[int, ...]:
    if isinstance(top, numbers.Integral):
        items = (top,)
    else:
        try:
            items = tuple(top)
        except TypeError:
            items = ()
    if isinstance(top, str) or not items or any(isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1
                        for k in items):
        raise ParameterError(f"{func}(): top takes whole numbers of companies ≥ 1, e.g. (4, 10); "
                             f"got {top!r}.", name="top", value=top)
    return tuple(int(k) for k in items)


def _contracts(contracts, func) -> pd.DataFrame:
    """The contract columns, checked: ids text, years and terms whole, terms 1–MAX_TERM."""
    require_columns(contracts, list(CONTRACT_COLUMNS), func=func, source="the contracts table")
    if contracts.empty:
        raise InvalidDataError(f"{func}(): the contracts table has no rows.")
    out = pd.DataFrame({"contract_id": contracts["contract_id"].astype(str).to_numpy(),
                        "account_id": contracts["account_id"].astype(str).to_numpy()})
    dup = out["contract_id"].duplicated(keep=False).to_numpy()
    if dup.any():
        raise InvalidDataError(
            f"{func}(): contract_id must be unique; {show(sorted(set(out['contract_id'][dup])))} "
            "appear more than once.", column="contract_id", rows=list(np.flatnonzero(dup)))
    out["start_year"] = _whole(contracts, "start_year", func, what="calendar years")
    out["term_years"] = _whole(contracts, "term_years", func, low=1, high=MAX_TERM,
                               what=f"contract lengths of 1 to {MAX_TERM} whole years")
    for col in ("volume", "start_price", "unit_cost", "investment"):
        out[col] = numeric_column(contracts, col, func=func).to_numpy()
        if (out[col] < 0).any() or (col == "start_price" and (out[col] <= 0).any()):
            rows = list(np.flatnonzero(out[col] < 0 if col != "start_price" else out[col] <= 0))
            raise InvalidDataError(
                f"{func}(): {col} must be {'above 0' if col == 'start_price' else '0 or more'}; "
                f"rows {show(rows)} have {show(out[col].to_numpy()[rows].tolist())}.",
                column=col, rows=rows)
    for col in ("price_down", "cost_down", "rate"):
        out[col] = numeric_column(contracts, col, func=func).to_numpy()
        low = -1.0 if col == "rate" else 0.0
        bad = ~((out[col] > low) if col == "rate" else (out[col] >= 0)) | (out[col] >= 1)
        if bad.any():
            rows = list(np.flatnonzero(bad))
            got = out[col].to_numpy()[rows]
            hint = " They look like percentages: divide by 100 (2% = 0.02)." if (
                (got > 1) & (got <= 100)).all() else ""
            raise InvalidDataError(
                f"{func}(): {col} is a yearly fraction (0.02 = 2%), "
                f"{'above −1' if col == 'rate' else '0 or more'} and below 1; rows {show(rows)} "
                f"have {show(got.tolist())}.{hint}", column=col, rows=rows)
    out["end_year"] = out["start_year"] + out["term_years"] - 1
    return out


# ---------------------------------------------------------------------------------------
# 1. The customer market: concentration and consolidation
# ---------------------------------------------------------------------------------------

def market_structure(market: pd.DataFrame, *, top=(4, 10)) -> pd.DataFrame:
    """HHI and the top-k companies' share of the market, year by year.

    Parameters
    ----------
    market : one row per year and company: ``year``, ``account_id``, ``purchases`` (the
        company's purchases of the category that year, ≥ 0), e.g. the bundled
        ``manufacturer_market``.
    top : the k of the top-k shares, a whole number or several, default (4, 10).

    Returns
    -------
    DataFrame, one row per year (ascending): ``year``, ``companies`` (how many buy that year),
    ``purchases`` (the market total), ``hhi`` (0–10,000, :func:`kamlab.concentration.hhi` of
    the year's purchases) and ``top{k}_share`` for each k (the k largest buyers' share; all of
    the market when fewer than k companies buy).

    Raises
    ------
    MissingColumnsError, InvalidDataError (text, blanks, negative purchases, a company twice
    in one year, a year whose purchases add up to 0), ParameterError (a k that is not a whole
    number ≥ 1).

    Notes
    -----
    Seed 000: "该行业的10大客户控制着95%的市场,而且仍在继续整合". HHI is the sum of squared
    percentage shares; n equal buyers give 10,000 / n.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"year": [2020] * 4 + [2021] * 3, "account_id": list("abcdabd"),
    ...                   "purchases": [40, 30, 20, 10, 60, 30, 10]})
    >>> market_structure(m, top=(1, 2))[["year", "companies", "hhi", "top2_share"]].values.tolist()
    [[2020.0, 4.0, 3000.0, 0.7], [2021.0, 3.0, 4600.0, 0.9]]
    """
    func = "market_structure"
    ks = _tops(top, func)
    m = _market(market, func)
    rows = []
    for year, group in m.groupby("year", sort=True):
        p = np.sort(group["purchases"].to_numpy())[::-1]
        total = p.sum()
        rows.append((year, p.size, total, hhi(p), *(p[:k].sum() / total for k in ks)))
    cols = ["year", "companies", "purchases", "hhi", *(f"top{k}_share" for k in ks)]
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"year": "int64", "companies": "int64"})


def first_year_reaching(data: pd.DataFrame, share: float = 0.95, *, top: int = 10):
    """The first year the top ``top`` companies hold at least ``share`` of the market.

    Parameters
    ----------
    data : a :func:`market_structure` table with a ``top{top}_share`` column, or a market
        table (``year``, ``account_id``, ``purchases``).
    share : the share to reach, in (0, 1]; default 0.95 (seed 000).
    top : how many of the largest companies, default 10.

    Returns
    -------
    int, or None when the share is never reached.

    >>> import pandas as pd
    >>> s = pd.DataFrame({"year": [2020, 2021, 2022], "top10_share": [0.9, 0.951, 0.94]})
    >>> first_year_reaching(s), first_year_reaching(s, 0.99)
    (2021, None)
    """
    func = "first_year_reaching"
    (k,) = _tops(top, func)
    target = _number("share", share, func)
    if not 0 < target <= 1:
        hint = f" Did you mean {target / 100:g}?" if 1 < target <= 100 else ""
        raise ParameterError(f"{func}(): share is a fraction in (0, 1], e.g. 0.95; got "
                             f"{target:g}.{hint}", name="share", value=target)
    column = f"top{k}_share"
    if not isinstance(data, pd.DataFrame) or column not in data.columns:
        data = market_structure(data, top=k)
    require_columns(data, ["year", column], func=func)
    ordered = data.sort_values("year")
    reached = ordered["year"].to_numpy()[ordered[column].to_numpy() >= target - 1e-12]
    return int(reached[0]) if reached.size else None


def merger_effects(market: pd.DataFrame, mergers: pd.DataFrame) -> pd.DataFrame:
    """What each merger did to the market's concentration, on the year before it.

    A merger of year Y combines the acquirer and the target from Y on. Its effect is measured
    the way competition authorities screen one: on the shares of the year before (Y − 1),
    HHI as it was (``hhi_before``) and with the two companies as one (``hhi_after``). Only the
    two squares change, (s_a + s_t)² − s_a² − s_t², so the change is exactly
    **ΔHHI = 2·s_a·s_t·10,000** for shares s as fractions.

    Parameters
    ----------
    market : as :func:`market_structure`; the target must buy in Y − 1 and not from Y on, the
        acquirer must buy in Y − 1 and in Y.
    mergers : ``year``, ``acquirer``, ``target`` (account ids), e.g. ``manufacturer_mergers``.

    Returns
    -------
    DataFrame, one row per merger in the order given: ``year``, ``acquirer``, ``target``,
    ``acquirer_share``, ``target_share`` (fractions of the market in Y − 1), ``hhi_before``,
    ``hhi_after``, ``hhi_change``.

    Raises
    ------
    MissingColumnsError, InvalidDataError (as :func:`market_structure`; a merger whose target
    or acquirer does not buy in the year before, a target still buying after it, a company
    acquiring itself).

    >>> import pandas as pd
    >>> m = pd.DataFrame({"year": [2020] * 4 + [2021] * 3, "account_id": list("abcdabd"),
    ...                   "purchases": [40, 30, 20, 10, 60, 30, 10]})
    >>> e = merger_effects(m, pd.DataFrame({"year": [2021], "acquirer": ["a"], "target": ["c"]}))
    >>> e[["acquirer_share", "target_share", "hhi_before", "hhi_after", "hhi_change"]].values.tolist()
    [[0.4, 0.2, 3000.0, 4600.0, 1600.0]]
    """
    func = "merger_effects"
    m = _market(market, func)
    require_columns(mergers, ["year", "acquirer", "target"], func=func,
                    source="the mergers table")
    years = _whole(mergers, "year", func, what="calendar years")
    present = set(zip(m["year"].tolist(), m["account_id"].tolist()))
    by_year = {y: g.set_index("account_id")["purchases"] for y, g in m.groupby("year")}
    rows = []
    for i, (year, acq, tgt) in enumerate(zip(years.tolist(), mergers["acquirer"].astype(str),
                                             mergers["target"].astype(str))):
        where = f"merger {i} ({year}: {acq} acquires {tgt})"
        if acq == tgt:
            raise InvalidDataError(f"{func}(): {where}: a company cannot acquire itself.",
                                   rows=[i])
        for who, role in ((tgt, "target"), (acq, "acquirer")):
            if (year - 1, who) not in present:
                raise InvalidDataError(
                    f"{func}(): {where}: the {role} {who!r} has no purchases in {year - 1}, the "
                    "year before the merger, so its share cannot be measured. Check the ids and "
                    "the year (from the merger year on the target has no row of its own).",
                    rows=[i], column=role)
        later = sorted(y for y in by_year if y >= year and (y, tgt) in present)
        if later:
            raise InvalidDataError(
                f"{func}(): {where}: the target {tgt!r} still buys on its own in {show(later, 4)}; "
                "from the merger year on its purchases belong to the acquirer.", rows=[i],
                column="target")
        p = by_year[year - 1]
        total = float(p.sum())
        before = hhi(p.to_numpy())
        combined = p.drop(tgt)
        combined.loc[acq] = p[acq] + p[tgt]
        after = hhi(combined.to_numpy())
        rows.append((year, acq, tgt, p[acq] / total, p[tgt] / total, before, after,
                     after - before))
    return pd.DataFrame(rows, columns=["year", "acquirer", "target", "acquirer_share",
                                       "target_share", "hhi_before", "hhi_after",
                                       "hhi_change"]).astype({"year": "int64"})


# ---------------------------------------------------------------------------------------
# 2. The long contracts
# ---------------------------------------------------------------------------------------

def contract_schedule(contracts: pd.DataFrame) -> pd.DataFrame:
    """Every contract year by year: volume, price path, unit cost, revenue and gross margin.

    Parameters
    ----------
    contracts : one row per contract with :data:`CONTRACT_COLUMNS` (``contract_id``,
        ``account_id``, ``start_year``, ``term_years`` 1–10, ``volume`` a year, and the terms
        ``start_price``, ``unit_cost``, ``price_down``, ``cost_down``, ``investment``,
        ``rate``), e.g. the bundled ``manufacturer_contracts``.

    Returns
    -------
    DataFrame, one row per contract and contract year, contracts in the order given:
    ``contract_id``, ``account_id``, ``year`` (calendar), ``contract_year`` (1 … T),
    ``volume``, ``price`` = start_price·(1 − price_down)^(t−1), ``unit_cost`` =
    unit_cost·(1 − cost_down)^(t−1), ``revenue`` = price·volume, ``cost`` =
    unit_cost·volume, ``gross_margin`` = revenue − cost. The up-front investment is not in
    it (see :func:`contract_npvs`).

    Raises
    ------
    MissingColumnsError, InvalidDataError (text or blanks; a term that is not 1–10 whole
    years; a negative volume, price or cost; a price-down or rate written as a percentage; a
    contract id twice).

    >>> import pandas as pd
    >>> c = pd.DataFrame({"contract_id": ["K1"], "account_id": ["M01"], "start_year": [2024],
    ...                   "term_years": [3], "volume": [100], "start_price": [50.0],
    ...                   "unit_cost": [40.0], "price_down": [0.1], "cost_down": [0.0],
    ...                   "investment": [0.0], "rate": [0.1]})
    >>> contract_schedule(c)[["year", "price", "revenue", "gross_margin"]].values.tolist()
    [[2024.0, 50.0, 5000.0, 1000.0], [2025.0, 45.0, 4500.0, 500.0], [2026.0, 40.5, 4050.0, 50.0]]
    """
    return _schedule(_contracts(contracts, "contract_schedule"))


def _schedule(c: pd.DataFrame) -> pd.DataFrame:
    """:func:`contract_schedule` of contracts already checked by :func:`_contracts`."""
    reps = c["term_years"].to_numpy()
    idx = np.repeat(np.arange(len(c)), reps)
    t = np.concatenate([np.arange(1, n + 1) for n in reps])
    sel = c.iloc[idx].reset_index(drop=True)
    price = sel["start_price"].to_numpy() * (1.0 - sel["price_down"].to_numpy()) ** (t - 1)
    cost = sel["unit_cost"].to_numpy() * (1.0 - sel["cost_down"].to_numpy()) ** (t - 1)
    volume = sel["volume"].to_numpy()
    out = pd.DataFrame({
        "contract_id": sel["contract_id"], "account_id": sel["account_id"],
        "year": sel["start_year"].to_numpy() + t - 1, "contract_year": t,
        "volume": volume, "price": price, "unit_cost": cost,
        "revenue": price * volume, "cost": cost * volume,
    })
    out["gross_margin"] = out["revenue"] - out["cost"]
    return out


def contract_npvs(contracts: pd.DataFrame) -> pd.DataFrame:
    """NPV and walk-away price of each contract, by the module-4 contract model.

    Each row goes through :func:`kamlab.economics.contract_value` with its volume in every
    one of its ``term_years`` years and its six terms: the NPV is at the contract's start,
    cash flows at the end of each year, the investment at the start.

    Returns
    -------
    DataFrame, one row per contract in the order given: ``contract_id``, ``account_id``,
    ``start_year``, ``end_year``, ``term_years``, ``revenue`` (first-year revenue, CNY a
    year), ``start_price``, ``walk_away_price`` (the start price at which NPV = 0), ``npv``.
    (The IRR is left out: with an up-front investment of a few percent of a year's revenue it
    runs to hundreds of percent and says nothing; ``contract_value(...).irr`` has it.)

    Raises
    ------
    As :func:`contract_schedule`.

    >>> import pandas as pd
    >>> c = pd.DataFrame({"contract_id": ["K1"], "account_id": ["M01"], "start_year": [2024],
    ...                   "term_years": [2], "volume": [100], "start_price": [50.0],
    ...                   "unit_cost": [40.0], "price_down": [0.0], "cost_down": [0.0],
    ...                   "investment": [0.0], "rate": [0.0]})
    >>> contract_npvs(c)[["npv", "walk_away_price"]].values.tolist()
    [[2000.0, 40.0]]
    """
    c = _contracts(contracts, "contract_npvs")
    values = [contract_value([r.volume] * int(r.term_years), r.start_price, r.unit_cost,
                             price_down=r.price_down, cost_down=r.cost_down,
                             investment=r.investment, rate=r.rate)
              for r in c.itertuples(index=False)]
    return pd.DataFrame({
        "contract_id": c["contract_id"], "account_id": c["account_id"],
        "start_year": c["start_year"], "end_year": c["end_year"],
        "term_years": c["term_years"], "revenue": c["volume"] * c["start_price"],
        "start_price": c["start_price"],
        "walk_away_price": [v.walk_away_price for v in values],
        "npv": [v.npv for v in values],
    })


def _years(years, func, default) -> np.ndarray:
    if years is None:
        return np.asarray(default, dtype="int64")
    items = list(years) if not isinstance(years, numbers.Integral) else [years]
    if not items or any(isinstance(y, bool) or not isinstance(y, numbers.Integral)
                        for y in items):
        raise ParameterError(f"{func}(): years takes calendar years (whole numbers), e.g. "
                             f"range(2025, 2031); got {years!r}.", name="years", value=years)
    return np.asarray(items, dtype="int64")


def renewals(contracts: pd.DataFrame, years=None) -> pd.DataFrame:
    """The contracts that come up for renewal, one row each, in the year they do.

    A contract whose last year is Y − 1 comes up for renewal in Y; what is at stake is its
    last year's revenue and gross margin (what a renewal on the same terms would keep).

    Parameters
    ----------
    contracts : as :func:`contract_schedule`.
    years : renewal years to keep (calendar years); None keeps every contract.

    Returns
    -------
    DataFrame sorted by year, then revenue at stake (largest first): ``year`` (the renewal
    year), ``contract_id``, ``account_id``, ``end_year``, ``renewal_revenue``,
    ``gross_margin`` (both of the contract's last year, CNY a year).

    >>> import pandas as pd
    >>> c = pd.DataFrame({"contract_id": ["K1", "K2"], "account_id": ["A", "B"],
    ...                   "start_year": [2023, 2024], "term_years": [3, 3], "volume": [10, 20],
    ...                   "start_price": [100.0, 100.0], "unit_cost": [80.0, 80.0],
    ...                   "price_down": [0.0, 0.0], "cost_down": [0.0, 0.0],
    ...                   "investment": [0.0, 0.0], "rate": [0.1, 0.1]})
    >>> renewals(c)[["year", "account_id", "renewal_revenue"]].values.tolist()
    [[2026, 'A', 1000.0], [2027, 'B', 2000.0]]
    """
    func = "renewals"
    c = _contracts(contracts, func)
    out = _renewals(c, _schedule(c))
    if years is not None:
        out = out[out["year"].isin(_years(years, func, ()))].reset_index(drop=True)
    return out


def _renewals(c: pd.DataFrame, sched: pd.DataFrame) -> pd.DataFrame:
    """:func:`renewals` of every year, from checked contracts and their schedule."""
    last = sched[sched["contract_year"] == sched["contract_id"].map(
        c.set_index("contract_id")["term_years"])]
    out = pd.DataFrame({"year": last["year"].to_numpy() + 1,
                        "contract_id": last["contract_id"].to_numpy(),
                        "account_id": last["account_id"].to_numpy(),
                        "end_year": last["year"].to_numpy(),
                        "renewal_revenue": last["revenue"].to_numpy(),
                        "gross_margin": last["gross_margin"].to_numpy()})
    order = np.lexsort((-out["renewal_revenue"].to_numpy(), out["year"].to_numpy()))
    return out.iloc[order].reset_index(drop=True)


def _book(sched: pd.DataFrame, years) -> np.ndarray:
    """Our contracted revenue in each of ``years``, every account whose contract has ended
    (with no later one in the table) counted at its last contract year's revenue — the book as
    if every renewal were won on the same terms."""
    years = np.asarray(years, dtype="int64")
    per = sched.groupby(["account_id", "year"])["revenue"].sum()
    out = np.zeros(years.size)
    for _, group in per.groupby(level="account_id"):
        yrs = group.index.get_level_values("year").to_numpy()
        rev = group.to_numpy()
        pos = np.searchsorted(yrs, years, side="right") - 1  # the last year ≤ y with revenue
        has = pos >= 0
        out[has] += rev[pos[has]]
    return out


def renewal_calendar(contracts: pd.DataFrame, years=None) -> pd.DataFrame:
    """Per year: how much of our contracted revenue comes up for renewal, and whose.

    Parameters
    ----------
    contracts : as :func:`contract_schedule`.
    years : the renewal years to show; default every year from the first renewal to the last.

    Returns
    -------
    DataFrame, one row per year: ``year``, ``contracts`` (how many come up),
    ``renewal_revenue`` (their last year's revenue, CNY a year), ``gross_margin`` (the same
    for gross margin), ``book_revenue`` (our contracted revenue the year before, Y − 1, the
    book the renewals are part of; an account whose contract ended earlier with no later one
    in the table counts at its last contract year's revenue, as if every renewal were won on
    the same terms), ``renewal_share`` = renewal_revenue / book_revenue (NaN with no book),
    ``account_ids`` (the account ids, largest renewal first, comma-separated; empty when none).

    Notes
    -----
    Seed 000: customers sign 3–5-year contracts. Terms that end together bunch the renewals:
    in a heavy year a large part of the business is re-negotiated with customers who, after
    consolidating, have the buying power to squeeze it.

    >>> import pandas as pd
    >>> c = pd.DataFrame({"contract_id": ["K1", "K2"], "account_id": ["A", "B"],
    ...                   "start_year": [2023, 2024], "term_years": [3, 2], "volume": [10, 30],
    ...                   "start_price": [100.0, 100.0], "unit_cost": [80.0, 80.0],
    ...                   "price_down": [0.0, 0.0], "cost_down": [0.0, 0.0],
    ...                   "investment": [0.0, 0.0], "rate": [0.1, 0.1]})
    >>> renewal_calendar(c)[["year", "renewal_revenue", "renewal_share", "account_ids"]].values.tolist()
    [[2026, 4000.0, 1.0, 'B, A']]
    """
    func = "renewal_calendar"
    c = _contracts(contracts, func)
    sched = _schedule(c)
    up = _renewals(c, sched)
    years = _years(years, func, np.arange(up["year"].min(), up["year"].max() + 1))
    grouped = up.groupby("year")
    book = _book(sched, years - 1)
    revenue = grouped["renewal_revenue"].sum().reindex(years, fill_value=0.0).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(book > 0, revenue / np.where(book > 0, book, 1.0), np.nan)
    return pd.DataFrame({
        "year": years,
        "contracts": grouped.size().reindex(years, fill_value=0).to_numpy().astype("int64"),
        "renewal_revenue": revenue,
        "gross_margin": grouped["gross_margin"].sum().reindex(years, fill_value=0.0).to_numpy(),
        "book_revenue": book,
        "renewal_share": share,
        "account_ids": grouped["account_id"].agg(", ".join).reindex(years, fill_value="").to_numpy(),
    })


def revenue_at_risk(contracts: pd.DataFrame, years=None, *, base_year=None) -> pd.DataFrame:
    """How much of the base year's revenue is no longer under contract, year by year.

    Each account's revenue in ``base_year`` (from its contracts in force then) is under
    contract in a later year Y while the account has a contract in force in Y — the same one
    or a renewal already signed (a later contract in the table). Otherwise it is at risk: it
    must be won again. Accounts with no revenue in the base year are not counted.

    Parameters
    ----------
    contracts : as :func:`contract_schedule`.
    years : the years to show; default base_year + 1 … base_year + 6.
    base_year : the year whose revenue is followed; default the first of ``years`` − 1, or,
        without years, the year before the latest contract start.

    Returns
    -------
    DataFrame, one row per year: ``year``, ``contracted_revenue`` (base-year revenue still
    under contract), ``revenue_at_risk`` (base-year revenue out of contract), ``risk_share``
    (= revenue_at_risk / base-year revenue), ``account_ids`` (the accounts out of contract,
    largest first, comma-separated).

    Raises
    ------
    As :func:`contract_schedule`; ParameterError (no contract brings revenue in the base year).

    >>> import pandas as pd
    >>> c = pd.DataFrame({"contract_id": ["K1", "K2"], "account_id": ["A", "B"],
    ...                   "start_year": [2023, 2024], "term_years": [3, 2], "volume": [10, 30],
    ...                   "start_price": [100.0, 100.0], "unit_cost": [80.0, 80.0],
    ...                   "price_down": [0.0, 0.0], "cost_down": [0.0, 0.0],
    ...                   "investment": [0.0, 0.0], "rate": [0.1, 0.1]})
    >>> revenue_at_risk(c, [2025, 2026], base_year=2024)["risk_share"].tolist()
    [0.0, 1.0]
    """
    func = "revenue_at_risk"
    c = _contracts(contracts, func)
    if base_year is None:
        base = (int(_years(years, func, ())[0]) - 1 if years is not None
                else int(c["start_year"].max()) - 1)
    else:
        base = int(_number("base_year", base_year, func))
    years = _years(years, func, np.arange(base + 1, base + 7))
    sched = _schedule(c)
    now = sched[sched["year"] == base].groupby("account_id")["revenue"].sum()
    if now.empty or not now.sum() > 0:
        raise ParameterError(f"{func}(): no contract brings revenue in {base}, the base year. "
                             f"Choose a base_year between {int(c['start_year'].min())} and "
                             f"{int(c['end_year'].max())}.", name="base_year", value=base)
    now = now.iloc[np.argsort(-now.to_numpy(), kind="stable")]
    covered = set(zip(sched["account_id"], sched["year"].tolist()))
    rows = []
    for y in years.tolist():
        out = [a for a in now.index if (a, y) not in covered]
        risk = float(now[out].sum())
        rows.append((y, float(now.sum()) - risk, risk, risk / float(now.sum()), ", ".join(out)))
    return pd.DataFrame(rows, columns=["year", "contracted_revenue", "revenue_at_risk",
                                       "risk_share", "account_ids"]).astype({"year": "int64"})


@dataclass(frozen=True)
class LostRenewal:
    """Result of :func:`lose_renewal`: what losing one contract's renewal costs.

    ``contract_id``, ``account_id``, ``year`` (the renewal year), ``term_years`` (of the lost
    renewal); ``lost`` — one row per year of it: ``year``, ``revenue``, ``cost``,
    ``gross_margin`` (CNY that year); ``npv_lost`` (the renewal's NPV at its start, as
    :func:`~kamlab.economics.contract_value` gives it); ``revenue_share`` (its first-year
    revenue / all our contracted revenue the year before the renewal); ``book_revenue`` (that
    revenue).
    """

    contract_id: str
    account_id: str
    year: int
    term_years: int
    lost: pd.DataFrame
    npv_lost: float
    revenue_share: float
    book_revenue: float

    @property
    def revenue_lost(self) -> float:
        """Revenue lost over the whole term (undiscounted)."""
        return float(self.lost["revenue"].sum())

    @property
    def margin_lost(self) -> float:
        """Gross margin lost over the whole term (undiscounted)."""
        return float(self.lost["gross_margin"].sum())


def lose_renewal(contracts: pd.DataFrame, which: str, *, term_years=None,
                 investment: float = 0.0) -> LostRenewal:
    """What losing one renewal does: revenue and margin lost per year, the NPV lost.

    The renewal we lose is priced as the natural continuation of the expiring contract: the
    same volume a year, a start price and unit cost equal to the last year's, the same
    price-down, cost-down and discount rate, for ``term_years`` years (default: the expiring
    contract's term), with ``investment`` up front (default 0: the line is already
    qualified).

    Parameters
    ----------
    contracts : as :func:`contract_schedule`.
    which : a ``contract_id`` (its renewal), or an ``account_id`` (the renewal of that
        account's latest contract).
    term_years : the renewal's length in whole years, 1–10; None: as the expiring contract.
    investment : up-front investment of the renewal, CNY (≥ 0).

    Returns
    -------
    :class:`LostRenewal`

    Raises
    ------
    As :func:`contract_schedule`; ParameterError (an id that is neither a contract nor an
    account, a term outside 1–10).

    >>> import pandas as pd
    >>> c = pd.DataFrame({"contract_id": ["K1", "K2"], "account_id": ["A", "B"],
    ...                   "start_year": [2023, 2024], "term_years": [3, 2], "volume": [10, 30],
    ...                   "start_price": [100.0, 100.0], "unit_cost": [80.0, 80.0],
    ...                   "price_down": [0.0, 0.0], "cost_down": [0.0, 0.0],
    ...                   "investment": [0.0, 0.0], "rate": [0.0, 0.0]})
    >>> r = lose_renewal(c, "A")
    >>> r.year, r.revenue_lost, r.margin_lost, r.npv_lost, r.revenue_share
    (2026, 3000.0, 600.0, 600.0, 0.25)
    """
    func = "lose_renewal"
    c = _contracts(contracts, func)
    key = str(which)
    if key in set(c["contract_id"]):
        row = c[c["contract_id"] == key].iloc[0]
    elif key in set(c["account_id"]):
        mine = c[c["account_id"] == key]
        row = mine.iloc[int(np.argmax(mine["start_year"].to_numpy()))]
    else:
        raise ParameterError(
            f"{func}(): {which!r} is neither a contract_id nor an account_id of the contracts "
            f"table; contracts are e.g. {show(c['contract_id'], 4)}, accounts "
            f"{show(sorted(set(c['account_id'])), 10)}.", name="which", value=which)
    term = int(row["term_years"]) if term_years is None else term_years
    if isinstance(term, bool) or not isinstance(term, numbers.Integral) or not (
            1 <= term <= MAX_TERM):
        raise ParameterError(f"{func}(): term_years is the renewal's length, 1 to {MAX_TERM} "
                             f"whole years; got {term_years!r}.", name="term_years",
                             value=term_years)
    inv = _number("investment", investment, func, nonnegative=True)
    t_last = int(row["term_years"]) - 1
    price = row["start_price"] * (1.0 - row["price_down"]) ** t_last
    cost = row["unit_cost"] * (1.0 - row["cost_down"]) ** t_last
    value = contract_value([row["volume"]] * int(term), price, cost,
                           price_down=row["price_down"], cost_down=row["cost_down"],
                           investment=inv, rate=row["rate"])
    flows = value.cashflows.iloc[1:]
    year = int(row["end_year"]) + 1
    lost = pd.DataFrame({"year": year + flows["year"].to_numpy() - 1,
                         "revenue": flows["revenue"].to_numpy(),
                         "cost": flows["cost"].to_numpy(),
                         "gross_margin": (flows["revenue"] - flows["cost"]).to_numpy()})
    book = float(_book(_schedule(c), [year - 1])[0])
    return LostRenewal(
        contract_id=str(row["contract_id"]), account_id=str(row["account_id"]), year=year,
        term_years=int(term), lost=lost, npv_lost=float(value.npv),
        revenue_share=float(lost["revenue"].iloc[0] / book) if book > 0 else float("nan"),
        book_revenue=book)
