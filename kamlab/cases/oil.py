"""Module 6 — mini-case: a large US branded oil products maker (一家大型的美国品牌石油产品厂商).

Seed 000: the company sells packaged and bulk products; the study looked at the bulk division
(整批无包装产品部门), where a few customers make 60% of the volume, margins are low, relations
poor and there is no clear key-account strategy. What it did: prioritise customers by
profitability and strategic importance (根据利润率和战略重要性对客户进行优先排序), write an
account plan with a tailored sales approach for each key account, make regional sales managers
responsible for key accounts and for staff understanding customer profitability, push decisions
down to account managers, and move the sales force's incentives from volume to margin
(将销售队伍的激励从基于销售量的转移到基于利润率的机制), with the information reps need.

The case in two steps:

1. **Prioritise** — :func:`prioritise_accounts`, :func:`priority_summary`: a 2×2 of unit
   margin × strategic importance, an action per quadrant (:data:`PRIORITY_GRID`).
2. **Pay** — :func:`allocate_hours`, :func:`pay_plan`, :func:`compare_pay_plans`: a rep with
   ``hours`` to spend wins v_i(h) = a_i·√h extra units at account i and is paid w_i per extra
   unit. Paid the same per unit everywhere (volume plan), the rep chases the big accounts —
   where margins are thin or negative; paid on margin, the hours go where the margin is, and
   division profit (extra gross margin − the rep's pay) rises, at the same pay to the rep.

>>> from kamlab import load_dataset
>>> cmp = compare_pay_plans(load_dataset("oil_bulk_accounts"))
>>> s = cmp.summary.set_index("plan")
>>> bool(s.loc["margin", "division_profit"] > s.loc["volume", "division_profit"])
True
>>> bool(abs(s.loc["margin", "rep_pay"] - s.loc["volume", "rep_pay"]) < 1e-6)
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import number as _number
from kamlab._validate import numeric_column, require_columns, show
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

__all__ = [
    "PAY_PLANS", "OIL_PRIORITIES", "PRIORITY_GRID", "IMPORTANCE_CUT", "REP_HOURS", "VOLUME_RATE",
    "TOP_ACCOUNTS", "prioritise_accounts", "priority_summary", "allocate_hours", "pay_plan",
    "PayPlanComparison", "compare_pay_plans", "equal_pay_margin_rate",
]

#: The two pay plans: ``volume`` pays the same per extra unit everywhere, ``margin`` pays a
#: rate × the account's unit margin (seed 000: 从基于销售量的转移到基于利润率的机制).
PAY_PLANS = ("volume", "margin")

#: Priority codes, in course order (labels: ``kamlab.i18n`` "oilpriority.<code>").
OIL_PRIORITIES = ("invest", "improve", "maintain", "reduce")

#: (profitable, strategic) -> priority. Our actions for seed 000's "prioritise by
#: profitability and strategic importance": invest = key account, account plan and a
#: tailored approach; improve = strategic but thin margin: fix price, mix and cost to serve;
#: maintain = profitable, not strategic: serve efficiently, protect the margin; reduce =
#: neither: low-cost service, reprice or let go.
PRIORITY_GRID = {(True, True): "invest", (False, True): "improve",
                 (True, False): "maintain", (False, False): "reduce"}

#: Strategic importance (1–5) from which an account counts as strategic. Our default.
IMPORTANCE_CUT = 4

#: The rep's selling hours a year to spend on extra volume. Our default.
REP_HOURS = 1_500

#: Volume plan: CNY per extra unit (per tonne in the bundled data). Our default.
VOLUME_RATE = 10.0

#: How many of the largest accounts (by volume) the summaries single out: seed 000's "a few
#: customers make 60% of the volume" is the top five in the bundled data.
TOP_ACCOUNTS = 5


# ---------------------------------------------------------------------------------------
# 1. Prioritise: profitability × strategic importance
# ---------------------------------------------------------------------------------------

def prioritise_accounts(accounts: pd.DataFrame, margin: str = "unit_margin",
                        importance: str = "strategic_importance", *,
                        margin_cut: float | None = None, importance_cut: float = IMPORTANCE_CUT,
                        grid=None, column: str = "priority") -> pd.DataFrame:
    """Place each account in the 2×2 of profitability × strategic importance.

    An account is *profitable* when its ``margin`` (unit margin) is at least ``margin_cut``
    and *strategic* when its ``importance`` (1–5) is at least ``importance_cut``; ``grid``
    maps (profitable, strategic) to a priority code.

    Parameters
    ----------
    accounts : one row per account with the two columns.
    margin, importance : column names.
    margin_cut : unit margin (CNY per unit) from which an account counts as profitable;
        None: the median unit margin of the accounts (half are profitable).
    importance_cut : importance from which an account counts as strategic; default
        :data:`IMPORTANCE_CUT` (4).
    grid : dict (profitable, strategic) -> code with all four keys; default
        :data:`PRIORITY_GRID`.
    column : name of the new column.

    Returns
    -------
    A new DataFrame, same rows and order, plus ``column`` (an ordered categorical in
    :data:`OIL_PRIORITIES` order when the default codes are used).

    Raises
    ------
    MissingColumnsError, InvalidDataError (text or blanks, no accounts), ParameterError.

    Notes
    -----
    Seed 000: "根据利润率和战略重要性对客户进行优先排序". The seed names no cut-offs: ours are
    the median unit margin and importance 4 of 5.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"unit_margin": [30, -70, 600, 650],
    ...                    "strategic_importance": [5, 2, 4, 1]})
    >>> prioritise_accounts(df)["priority"].tolist()
    ['improve', 'reduce', 'invest', 'maintain']
    """
    func = "prioritise_accounts"
    require_columns(accounts, [margin, importance], func=func)
    m = numeric_column(accounts, margin, func=func).to_numpy()
    imp = numeric_column(accounts, importance, func=func).to_numpy()
    if m.size == 0:
        raise InvalidDataError(f"{func}() got an empty table; it needs at least one account.")
    cut = float(np.median(m)) if margin_cut is None else _number("margin_cut", margin_cut, func)
    icut = _number("importance_cut", importance_cut, func)
    grid = PRIORITY_GRID if grid is None else grid
    keys = {(a, b) for a in (True, False) for b in (True, False)}
    if not isinstance(grid, dict) or set(grid) != keys:
        raise ParameterError(f"{func}(): grid must be a dict with the four keys (profitable, "
                             f"strategic) = (True, True) … (False, False), like PRIORITY_GRID; "
                             f"got {grid!r}.", grid=grid)
    codes = [grid[(bool(p), bool(s))] for p, s in zip(m >= cut, imp >= icut)]
    out = accounts.copy()
    if set(grid.values()) == set(OIL_PRIORITIES):
        out[column] = pd.Categorical(codes, categories=list(OIL_PRIORITIES), ordered=True)
    else:
        out[column] = codes
    return out


def priority_summary(prioritised: pd.DataFrame, *, volume: str = "volume",
                     gross_margin: str = "gross_margin",
                     priority: str = "priority") -> pd.DataFrame:
    """Accounts, volume and gross margin per priority (invest, improve, maintain, reduce).

    Columns out: ``priority``, ``n_accounts``, ``volume``, ``volume_share``,
    ``gross_margin``, ``gross_margin_share`` (of the net total; a loss-making group has a
    negative share). Every default priority has a row; other codes follow in order of
    appearance.

    Raises
    ------
    MissingColumnsError (``priority`` is made by :func:`prioritise_accounts`),
    InvalidDataError.

    >>> import pandas as pd
    >>> df = prioritise_accounts(pd.DataFrame({
    ...     "unit_margin": [30, -70, 600, 650], "strategic_importance": [5, 2, 4, 1],
    ...     "volume": [100, 50, 10, 40], "gross_margin": [3000, -3500, 6000, 26000]}))
    >>> priority_summary(df)[["priority", "n_accounts", "volume_share"]].values.tolist()
    [['invest', 1, 0.05], ['improve', 1, 0.5], ['maintain', 1, 0.2], ['reduce', 1, 0.25]]
    """
    func = "priority_summary"
    if isinstance(prioritised, pd.DataFrame) and priority not in prioritised.columns:
        raise MissingColumnsError(
            f"{func}() needs the {priority!r} column, which prioritise_accounts(accounts) adds: "
            f"run priority_summary(prioritise_accounts(accounts)).", missing=[priority],
            available=[str(c) for c in prioritised.columns], source="the table")
    require_columns(prioritised, [priority, volume, gross_margin], func=func)
    v = numeric_column(prioritised, volume, func=func).to_numpy()
    g = numeric_column(prioritised, gross_margin, func=func).to_numpy()
    codes = prioritised[priority].astype(str).to_numpy()
    order = list(OIL_PRIORITIES) + [c for c in dict.fromkeys(codes) if c not in OIL_PRIORITIES]
    rows = []
    for code in order:
        at = codes == code
        rows.append((code, int(at.sum()), float(v[at].sum()), float(g[at].sum())))
    out = pd.DataFrame(rows, columns=["priority", "n_accounts", volume, gross_margin])
    out.insert(3, "volume_share", out[volume] / v.sum() if v.sum() else np.nan)
    out["gross_margin_share"] = out[gross_margin] / g.sum() if g.sum() else np.nan
    return out.rename(columns={volume: "volume", gross_margin: "gross_margin"})


# ---------------------------------------------------------------------------------------
# 2. Pay: where a rep puts the hours
# ---------------------------------------------------------------------------------------

def allocate_hours(pay_per_unit, response, hours: float = REP_HOURS) -> np.ndarray:
    """Hours a pay-maximising rep puts on each account: h_i = H·(w_i a_i)² / Σ_j (w_j a_j)².

    Extra volume at account i from h hours is a_i·√h; the rep earns w_i per extra unit, so
    pay = Σ w_i a_i √h_i, to be maximised with Σ h_i = H. Setting the marginal pay
    w_i a_i / (2√h_i) equal across accounts gives √h_i ∝ w_i a_i, the closed form above.
    An account where w_i ≤ 0 or a_i = 0 gets no hours; when no account pays, every h_i = 0.
    The rep's pay at the optimum is √(H·Σ (w_j a_j)²) over the accounts that pay.

    Parameters
    ----------
    pay_per_unit : w, the rep's pay per extra unit at each account (CNY per unit).
    response : a ≥ 0, extra units a year per √hour at each account.
    hours : H > 0, the hours to spend.

    Returns
    -------
    numpy.ndarray of hours, one per account, adding up to ``hours`` (or all 0).

    Raises
    ------
    ParameterError (lengths differ, blanks, a negative response, hours ≤ 0).

    >>> allocate_hours([1, 1, 2], [10, 20, 10], 600).tolist()
    [66.66666666666667, 266.6666666666667, 266.6666666666667]
    >>> allocate_hours([1, -1], [10, 50], 100).tolist()
    [100.0, 0.0]
    """
    func = "allocate_hours"
    w = np.asarray(pay_per_unit, dtype="float64")
    a = np.asarray(response, dtype="float64")
    if w.shape != a.shape or w.ndim != 1:
        raise ParameterError(f"{func}(): pay_per_unit and response need one number per account "
                             f"each; got shapes {w.shape} and {a.shape}.")
    if not (np.isfinite(w).all() and np.isfinite(a).all()):
        raise ParameterError(f"{func}(): pay_per_unit and response must be numbers without "
                             "blanks.")
    if (a < 0).any():
        rows = list(np.flatnonzero(a < 0))
        raise ParameterError(f"{func}(): a response is extra volume per √hour and cannot be "
                             f"negative; positions {show(rows)} are.", rows=rows)
    hours = _number("hours", hours, func, positive=True)
    weight = np.where(w > 0, w * a, 0.0) ** 2
    total = weight.sum()
    if total == 0:
        return np.zeros_like(w)
    return hours * weight / total


def _pay_inputs(accounts, margin, response, volume, func):
    require_columns(accounts, [margin, response, volume], func=func)
    m = numeric_column(accounts, margin, func=func).to_numpy()
    a = numeric_column(accounts, response, func=func).to_numpy()
    v = numeric_column(accounts, volume, func=func).to_numpy()
    if m.size == 0:
        raise InvalidDataError(f"{func}() got an empty table; it needs at least one account.")
    if (a < 0).any():
        rows = list(np.flatnonzero(a < 0))
        raise InvalidDataError(f"{func}(): column {response!r} is extra volume per √hour and "
                               f"cannot be negative; rows {show(rows)} (0-based positions) are.",
                               column=response, rows=rows)
    return m, a, v


def _plan(plan, func):
    if plan not in PAY_PLANS:
        raise ParameterError(f"{func}(): plan must be one of {PAY_PLANS}; got {plan!r}.",
                             plan=plan)
    return plan


def pay_plan(accounts: pd.DataFrame, plan: str = "volume", *, rate: float | None = None,
             hours: float = REP_HOURS, margin: str = "unit_margin", response: str = "response",
             volume: str = "volume", id: str = "account_id") -> pd.DataFrame:
    """Where a pay-maximising rep puts the hours under one pay plan, and what it earns whom.

    Pay per extra unit at account i: ``rate`` everywhere (``plan="volume"``, CNY per unit)
    or ``rate`` × the account's unit margin (``plan="margin"``, a fraction of the margin).
    Hours follow :func:`allocate_hours`; extra volume = a_i·√h_i.

    Parameters
    ----------
    accounts : one row per account with ``margin`` (CNY per unit), ``response`` (a, extra
        units a year per √hour) and ``volume`` (units a year).
    plan : ``"volume"`` or ``"margin"``.
    rate : CNY per extra unit (volume plan) or the share of the unit margin paid (margin
        plan, e.g. 0.05); default :data:`VOLUME_RATE` for the volume plan and the rate
        that pays the rep what the volume plan pays (:func:`equal_pay_margin_rate`) for
        the margin plan.
    hours : the rep's hours, > 0; default :data:`REP_HOURS`.
    margin, response, volume, id : column names (``id`` and ``name`` are copied when present).

    Returns
    -------
    A new DataFrame, one row per account in the table's order: ``id`` and ``name`` (when
    the table has them), ``plan``,
    ``volume``, ``unit_margin``, ``pay_rate`` (CNY per extra unit), ``sales_hours``,
    ``extra_volume``, ``extra_margin`` (extra volume × unit margin), ``rep_pay`` and
    ``division_profit`` (extra margin − pay). Money in CNY a year.

    Raises
    ------
    MissingColumnsError, InvalidDataError, ParameterError (unknown plan, rate ≤ 0, hours ≤ 0).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"unit_margin": [10, 100], "response": [40, 10], "volume": [900, 100]})
    >>> pay_plan(df, "volume", rate=1, hours=100)["sales_hours"].round(2).tolist()  # 16 : 1
    [94.12, 5.88]
    >>> pay_plan(df, "margin", rate=0.1, hours=100)["sales_hours"].round(2).tolist()  # 4 : 25
    [13.79, 86.21]
    """
    func = "pay_plan"
    plan = _plan(plan, func)
    m, a, v = _pay_inputs(accounts, margin, response, volume, func)
    if rate is None:
        rate = VOLUME_RATE if plan == "volume" else equal_pay_margin_rate(
            accounts, hours=hours, margin=margin, response=response, volume=volume)
    rate = _number("rate", rate, func, positive=True)
    w = np.full(m.shape, rate) if plan == "volume" else rate * m
    h = allocate_hours(w, a, hours)
    extra = a * np.sqrt(h)
    out = pd.DataFrame(index=range(m.size))
    for col in dict.fromkeys([id, "name"]):
        if col in accounts.columns:
            out[col] = accounts[col].to_numpy()
    out["plan"] = plan
    out["volume"] = v
    out["unit_margin"] = m
    out["pay_rate"] = w
    out["sales_hours"] = h
    out["extra_volume"] = extra
    out["extra_margin"] = extra * m
    out["rep_pay"] = extra * np.where(h > 0, w, 0.0)
    out["division_profit"] = out["extra_margin"] - out["rep_pay"]
    return out


def equal_pay_margin_rate(accounts: pd.DataFrame, *, volume_rate: float = VOLUME_RATE,
                          hours: float = REP_HOURS, margin: str = "unit_margin",
                          response: str = "response", volume: str = "volume") -> float:
    """The margin-plan rate (share of the unit margin) that pays the rep what the volume plan pays.

    At the optimum of :func:`allocate_hours` the rep earns √(H·Σ (w_i a_i)²). Volume plan:
    w_i = r, pay = r·√(H·Σ a_i²). Margin plan: w_i = k·m_i on accounts with m_i > 0, pay =
    k·√(H·Σ (m_i a_i)²). Equal pay: k = r·√(Σ a_i²) / √(Σ_{m_i>0} (m_i a_i)²).

    Comparing the plans at equal pay is fair to the rep and to the division: the division
    does not buy more effort (the hours are the same), it buys different effort.

    Raises
    ------
    MissingColumnsError, InvalidDataError (no account with a positive unit margin and a
    response: a margin plan pays nothing), ParameterError.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"unit_margin": [3, -1], "response": [4, 5], "volume": [1, 1]})
    >>> equal_pay_margin_rate(df, volume_rate=6)   # 6·√41 / √144 = √41 / 2
    3.2015621187164243
    """
    func = "equal_pay_margin_rate"
    m, a, _ = _pay_inputs(accounts, margin, response, volume, func)
    volume_rate = _number("volume_rate", volume_rate, func, positive=True)
    _number("hours", hours, func, positive=True)
    paid = np.where(m > 0, m * a, 0.0)
    if not (paid ** 2).sum() > 0 or not (a ** 2).sum() > 0:
        raise InvalidDataError(f"{func}(): no account has both a positive {margin!r} and a "
                               f"positive {response!r}; a margin plan would pay the rep "
                               "nothing, so no rate can match the volume plan's pay.")
    return volume_rate * math.sqrt((a ** 2).sum()) / math.sqrt((paid ** 2).sum())


@dataclass(frozen=True)
class PayPlanComparison:
    """Result of :func:`compare_pay_plans`; money in CNY a year.

    ``accounts``: :func:`pay_plan`'s rows for both plans, volume plan first (a ``plan``
    column tells them apart). ``summary``: one row per plan with ``plan``, ``sales_hours``,
    ``extra_volume``, ``extra_margin``, ``rep_pay``, ``division_profit`` and
    ``top_hours_share`` (hours on the ``top`` largest accounts by volume / all hours).
    ``volume_rate`` (CNY per unit), ``margin_rate`` (share of the unit margin),
    ``equal_pay`` (the margin rate was set so the rep earns the same), ``hours``, ``top``.
    """

    accounts: pd.DataFrame
    summary: pd.DataFrame
    volume_rate: float
    margin_rate: float
    equal_pay: bool
    hours: float
    top: int

    @property
    def profit_gain(self) -> float:
        """Division profit of the margin plan − that of the volume plan."""
        s = self.summary.set_index("plan")["division_profit"]
        return float(s["margin"] - s["volume"])


def compare_pay_plans(accounts: pd.DataFrame, *, hours: float = REP_HOURS,
                      volume_rate: float = VOLUME_RATE, margin_rate: float | None = None,
                      top: int = TOP_ACCOUNTS, margin: str = "unit_margin",
                      response: str = "response", volume: str = "volume",
                      id: str = "account_id") -> PayPlanComparison:
    """The volume plan against the margin plan: the rep's hours, extra margin, pay, profit.

    With ``margin_rate=None`` (the default) the margin plan's rate is set so the rep earns
    exactly what the volume plan pays (:func:`equal_pay_margin_rate`): the same hours, the
    same pay, only where the hours go differs. Then the margin plan's division profit is
    never lower (Cauchy–Schwarz: Σ m a² ≤ √Σ a² · √Σ (m⁺ a)²), and higher as soon as unit
    margins differ between the accounts the rep works.

    Parameters
    ----------
    accounts : as :func:`pay_plan`.
    hours, volume_rate : the rep's hours and the volume plan's CNY per extra unit.
    margin_rate : the margin plan's share of the unit margin; None: equal pay.
    top : how many of the largest accounts by volume ``top_hours_share`` counts (≥ 1).
    margin, response, volume, id : column names.

    Raises
    ------
    As :func:`pay_plan` and :func:`equal_pay_margin_rate`; ParameterError for ``top``.

    Notes
    -----
    Seed 000: "将销售队伍的激励从基于销售量的转移到基于利润率的机制". The response model
    v = a·√h (diminishing returns to effort) and the rates are our assumptions.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"unit_margin": [10, 100], "response": [40, 10], "volume": [900, 100]})
    >>> c = compare_pay_plans(df, hours=100, volume_rate=1, top=1)
    >>> c.summary[["plan", "rep_pay", "top_hours_share"]].round(3).values.tolist()
    [['volume', 412.311, 0.941], ['margin', 412.311, 0.138]]
    >>> round(c.profit_gain)   # 10,359 − 5,894: the hours move to the 100-a-unit account
    4464
    """
    func = "compare_pay_plans"
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
        raise ParameterError(f"{func}(): top is a number of accounts, ≥ 1; got {top!r}.",
                             top=top)
    equal = margin_rate is None
    if equal:
        margin_rate = equal_pay_margin_rate(accounts, volume_rate=volume_rate, hours=hours,
                                            margin=margin, response=response, volume=volume)
    kw = dict(hours=hours, margin=margin, response=response, volume=volume, id=id)
    by_volume = pay_plan(accounts, "volume", rate=volume_rate, **kw)
    by_margin = pay_plan(accounts, "margin", rate=margin_rate, **kw)
    largest = np.argsort(-by_volume["volume"].to_numpy(), kind="stable")[:top]
    rows = []
    for table in (by_volume, by_margin):
        h = table["sales_hours"].to_numpy()
        rows.append({"plan": table["plan"].iloc[0], "sales_hours": h.sum(),
                     **{c: table[c].sum() for c in ("extra_volume", "extra_margin", "rep_pay",
                                                    "division_profit")},
                     "top_hours_share": h[largest].sum() / h.sum() if h.sum() else 0.0})
    return PayPlanComparison(
        accounts=pd.concat([by_volume, by_margin], ignore_index=True),
        summary=pd.DataFrame(rows), volume_rate=float(volume_rate),
        margin_rate=float(margin_rate), equal_pay=equal, hours=float(hours), top=int(top))
