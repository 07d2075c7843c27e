"""Module 5 — case: a large international bank organised around its most profitable customers.

Seed 000 (关键客户管理案例分析, 一家大型国际银行): the CEO wanted the business organised around the
most profitable customers. The bank gave up 50,000 customers by raising price thresholds
(抬高价格门槛) and ending staff payroll contracts (取消员工的工资合同); salespeople argued small
customers may grow, but serving 50,000 for the very few who would was too costly (机会成本过于巨大).
Key customers were found by profit contribution (利润贡献) and potential (潜力) and graded A, B or
C; a C+ customer got the chance to improve, otherwise it moved to a low-cost automated channel
(低成本的高度自动渠道); incentives were tied to the key accounts. Profit rose 25% in 6 months.

The case in four steps, one function each:

1. **See the problem** — :func:`whale_curve`, :func:`whale_summary`: cumulative profit with
   customers ranked most → least profitable rises above 100% and falls back to 100%.
2. **Grade** — :func:`grade_customers`: A > B > C+ > C by profit contribution and potential.
3. **Decide and simulate** — :class:`BankScenario`, :data:`SEED_SCENARIO` (the bank's choice),
   :data:`BASELINE` and :func:`simulate`: who leaves, who migrates, revenue lost, variable and
   fixed cost saved, profit month by month.
4. **Argue** — :func:`opportunity_cost`: what serving the leavers costs against the profit of
   the few of them who would have grown, and how many of those the C+ path keeps.

Costs follow :data:`CHANNEL_COSTS`: activity × unit cost per channel, each unit cost split into a
variable part (saved at once when the activity stops) and capacity (staff, premises, seats),
saved only where the scenario cuts capacity, from the month it does.

>>> from kamlab import load_dataset
>>> result = simulate(load_dataset("bank_customers"), SEED_SCENARIO)
>>> 47_500 <= result.leavers <= 52_500, 0.23 <= result.profit_change <= 0.27
(True, True)
"""

from __future__ import annotations

import math
from collections import namedtuple
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import check_fraction, numeric_column, require_columns, show
from kamlab._validate import number as _number
from kamlab.cases.bank_costs import (
    CHANNEL_COSTS,
    _activity,
    _check_book_costs,
    _flag,
    channel_costs,
)
from kamlab.concentration import sort_descending, top_count
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = [
    "CHANNEL_COSTS", "GRADES", "GRADE_CUTOFFS", "C_PLUS_SHARE", "ACTIONS",
    "channel_costs", "whale_curve", "WhaleSummary", "whale_summary",
    "grade_customers", "grade_summary",
    "BankScenario", "SEED_SCENARIO", "BASELINE", "BankSimulation", "simulate",
    "PreparedBook", "prepare_book",
    "OpportunityCost", "opportunity_cost",
]

#: The grades, best first. Results carry them as an ordered categorical (A > B > C+ > C).
GRADES = ("A", "B", "C+", "C")

#: seed 000: A/B/C by profit contribution. Our cut-offs (the seed names none), as in seed 004's
#: ABC: A = the most profitable customers who together make 80% of the profit the profitable
#: customers make, B = the next 15%, C = the rest and every customer who loses money.
GRADE_CUTOFFS = (0.80, 0.95)

#: seed 000: "获得C+评级的客户有机会提高" — C+ = the C customers with the highest potential. Our
#: default: the top 10% of C customers by potential (``wallet``).
C_PLUS_SHARE = 0.10

#: What :func:`simulate` does with each customer (``BankSimulation.decisions["action"]``).
ACTIONS = ("keep", "c_plus", "migrate", "leave")

_GRADE_ORDER = GRADES[::-1]  # categories low -> high, so grade > "B" selects A
_BOOK = ("revenue", "profit", "cost_to_serve", "avg_balance", "products", "payroll", "wallet")


# ---------------------------------------------------------------------------------------
# 1. See the problem: the whale curve
# ---------------------------------------------------------------------------------------

def _profits(book, profit, func):
    require_columns(book, [profit], func=func)
    x = numeric_column(book, profit, func=func).to_numpy()
    if x.size == 0:
        raise InvalidDataError(f"{func}() got an empty table; it needs at least one customer.")
    return x


def whale_curve(book: pd.DataFrame, profit: str = "profit", *,
                id: str = "account_id") -> pd.DataFrame:
    """Cumulative profit with customers ranked most → least profitable (the whale curve).

    Columns out, one row per customer in rank order: ``rank`` (1 = most profitable), the
    ``id`` column (when the book has it), ``profit``, ``cum_profit``, ``cum_profit_share``
    (of the net total: it rises above 1 while profitable customers are added, then falls
    back as the loss-makers are, ending at exactly 1) and ``customers_share`` (rank / n).
    Ties keep the book's order.

    Raises
    ------
    MissingColumnsError, InvalidDataError (text or blanks; a net total of zero or less, where
    shares of it mean nothing).

    Notes
    -----
    Seed 000, bank case: a few customers make more than all the profit; many small ones
    destroy part of it. The curve's peak is where serving more customers starts to cost
    profit.

    >>> import pandas as pd
    >>> book = pd.DataFrame({"account_id": list("abcde"), "profit": [-20, 60, 10, -10, 60]})
    >>> whale_curve(book)["cum_profit_share"].tolist()
    [0.6, 1.2, 1.3, 1.2, 1.0]
    """
    func = "whale_curve"
    x = _profits(book, profit, func)
    order, ranked = sort_descending(x)
    cum = np.cumsum(ranked)
    total = cum[-1]
    if not total > 0:
        raise InvalidDataError(
            f"{func}(): the {profit!r} column adds up to {total:,.2f}; a whale curve shows shares "
            "of a positive net profit. Check the sign convention (losses as negatives, profits "
            "as positives) or pass another column as profit=.", column=profit, total=float(total))
    n = x.size
    out = pd.DataFrame({"rank": np.arange(1, n + 1)})
    if id in book.columns:
        out[id] = book[id].to_numpy()[order]
    out[profit] = ranked
    out["cum_profit"] = cum
    out["cum_profit_share"] = cum / total
    out["customers_share"] = out["rank"] / n
    return out


@dataclass(frozen=True)
class WhaleSummary:
    """Result of :func:`whale_summary`; money in the book's currency per year.

    ``total_profit`` (net, = 100%), ``peak_share`` (the curve's top: 1.6 = 160%),
    ``peak_customers`` and ``peak_customers_share`` (the profitable customers, whose profits
    add up to the peak), ``peak_profit`` (that sum), ``destroyers`` / ``destroyers_share``
    (customers with profit < 0), ``destroyed`` (their combined loss, a positive amount:
    peak_profit − total_profit) and ``customers``.
    """

    customers: int
    total_profit: float
    peak_share: float
    peak_customers: int
    peak_customers_share: float
    peak_profit: float
    destroyers: int
    destroyers_share: float
    destroyed: float


def whale_summary(book: pd.DataFrame, profit: str = "profit") -> WhaleSummary:
    """The whale curve in numbers: where it peaks, how many customers destroy value, what they cost.

    Raises
    ------
    As :func:`whale_curve`.

    Notes
    -----
    Seed 000, bank case: the 50,000 customers the bank gave up were the tail of this curve.

    >>> import pandas as pd
    >>> s = whale_summary(pd.DataFrame({"profit": [-20, 60, 10, -10, 60]}))
    >>> s.peak_share, s.peak_customers, s.destroyers, s.destroyed
    (1.3, 3, 2, 30.0)
    """
    func = "whale_summary"
    x = _profits(book, profit, func)
    curve = whale_curve(pd.DataFrame({profit: x}), profit)
    total = float(curve["cum_profit"].iloc[-1])
    peak_at = int(np.argmax(curve["cum_profit"].to_numpy()))
    peak = float(curve["cum_profit"].iloc[peak_at])
    n, losers = x.size, x < 0
    return WhaleSummary(
        customers=n, total_profit=total, peak_share=peak / total, peak_customers=peak_at + 1,
        peak_customers_share=(peak_at + 1) / n, peak_profit=peak, destroyers=int(losers.sum()),
        destroyers_share=float(losers.mean()), destroyed=float(-x[losers].sum()))


# ---------------------------------------------------------------------------------------
# 2. Grade: A > B > C+ > C
# ---------------------------------------------------------------------------------------

def _cutoffs(cutoffs, func):
    cuts = tuple(cutoffs) if isinstance(cutoffs, list | tuple | np.ndarray) else ()
    if len(cuts) != 2:
        raise ParameterError(f"{func}(): cutoffs takes two shares, (A, B), e.g. (0.8, 0.95); got "
                             f"{cutoffs!r}.", cutoffs=cutoffs)
    cuts = tuple(check_fraction("cutoffs", c, func=func) for c in cuts)
    if cuts[1] <= cuts[0]:
        raise ParameterError(f"{func}(): cutoffs must increase, e.g. (0.8, 0.95); got {cuts}.",
                             cutoffs=cuts)
    return cuts


def grade_customers(book: pd.DataFrame, profit: str = "profit", potential: str = "wallet", *,
                    cutoffs=GRADE_CUTOFFS, c_plus: float = C_PLUS_SHARE,
                    column: str = "grade") -> pd.DataFrame:
    """Grade customers A, B, C+ or C by profit contribution and potential (seed 000's bank).

    Customers are ranked by ``profit``, most profitable first (ties keep the book's order).
    Their running share of the **positive** profit (what the profitable customers make,
    before the loss-makers' losses) decides A and B: A is the smallest top set whose share
    reaches ``cutoffs[0]``, B continues until ``cutoffs[1]``; everyone else is C, including
    every customer with profit ≤ 0. C+ are the C customers with the highest ``potential``:
    the top ``c_plus`` share of the C customers (k = the smallest whole number ≥ c_plus × the
    number of C customers; ties keep the book's order).

    Parameters
    ----------
    book : customers with the ``profit`` and ``potential`` columns.
    profit, potential : column names (potential: the customer's yearly wallet, 潜力).
    cutoffs : (A, B) running shares of the positive profit, increasing, in (0, 1];
        default :data:`GRADE_CUTOFFS` (0.80, 0.95).
    c_plus : share of the C customers graded C+, in [0, 1]; default :data:`C_PLUS_SHARE`.
    column : name of the new grade column.

    Returns
    -------
    A new DataFrame, same rows and order, plus ``column``: an ordered categorical with
    A > B > C+ > C, so ``graded[graded.grade >= "C+"]`` drops the plain C customers.

    Raises
    ------
    MissingColumnsError, InvalidDataError (text or blanks; no customer with a profit),
    ParameterError (cut-offs not two increasing shares, c_plus outside [0, 1]).

    Notes
    -----
    Seed 000: "通过利润贡献和潜力分析确定谁是关键客户 … 将客户划分为A、B或C级,获得C+评级的客户
    有机会提高,而如果它不提高,就会被转移到低成本的高度自动渠道中去". The seed names no
    cut-offs: ours follow seed 004's ABC (80% / 15% / 5%) and give C+ to a tenth of C.

    >>> import pandas as pd
    >>> book = pd.DataFrame({"profit": [50, 30, 10, 5, -5, -20, 2],
    ...                      "wallet": [900, 500, 80, 60, 4000, 50, 70]})
    >>> grade_customers(book, c_plus=0.25)["grade"].tolist()
    ['A', 'A', 'B', 'B', 'C+', 'C', 'C']
    """
    func = "grade_customers"
    cuts = np.asarray(_cutoffs(cutoffs, func))
    c_plus = check_fraction("c_plus", c_plus, func=func, inclusive_zero=True)
    require_columns(book, [profit, potential], func=func)
    x = _profits(book, profit, func)
    pot = numeric_column(book, potential, func=func).to_numpy()
    order, ranked = sort_descending(x)
    gains = np.cumsum(np.maximum(ranked, 0.0))
    if not gains[-1] > 0:
        raise InvalidDataError(f"{func}(): no customer has a profit above 0 in {profit!r}, so "
                               "there is no profit contribution to grade by.", column=profit)
    ends = np.searchsorted(gains / gains[-1], cuts - 1e-12, side="left") + 1
    rank0 = np.empty(x.size, dtype="int64")
    rank0[order] = np.arange(x.size)
    codes = np.searchsorted(ends, rank0, side="right")  # 0 = A, 1 = B, 2 = C
    grade = np.where(codes == 0, 3, np.where(codes == 1, 2, 0))  # codes of _GRADE_ORDER
    in_c = np.flatnonzero(codes == 2)
    k = top_count(in_c.size, c_plus) if in_c.size else 0
    grade[in_c[sort_descending(pot[in_c])[0][:k]]] = 1
    out = book.copy()
    out[column] = pd.Categorical.from_codes(grade, categories=list(_GRADE_ORDER), ordered=True)
    return out


def _grades(book, func, column="grade"):
    """The book's grade column as codes 0 = C … 3 = A (grading it when it has none)."""
    if column not in book.columns:
        book = grade_customers(book)
    g = book[column]
    bad = ~g.isin(GRADES).to_numpy()
    if bad.any():
        rows = list(np.flatnonzero(bad))
        raise InvalidDataError(f"{func}(): column {column!r} holds grades other than "
                               f"{list(GRADES)} at rows {show(rows)} (0-based positions): "
                               f"{show(g[bad].tolist())}. Make it with grade_customers(book).",
                               column=column, rows=rows)
    if isinstance(g.dtype, pd.CategoricalDtype):  # grade_customers' own: no text round trip
        return pd.Categorical(g, categories=list(_GRADE_ORDER), ordered=True).codes
    return pd.Categorical(g.astype(str), categories=list(_GRADE_ORDER), ordered=True).codes


def grade_summary(graded: pd.DataFrame, values=("revenue", "cost_to_serve", "profit"), *,
                  grade: str = "grade") -> pd.DataFrame:
    """Customers and money per grade, A first: counts, totals, shares and per-customer means.

    Columns out: ``grade``, ``customers``, ``customers_share``, then per value column
    ``<value>`` (sum), ``<value>_share`` (of the net total) and ``<value>_per_customer``.
    Every grade has a row, empty ones with zeros.

    >>> import pandas as pd
    >>> g = grade_customers(pd.DataFrame({"profit": [50, 30, 10, -5], "wallet": [1, 1, 1, 9]}),
    ...                     c_plus=0.5)
    >>> grade_summary(g, "profit")[["grade", "customers", "profit"]].values.tolist()
    [['A', 2, 80.0], ['B', 1, 10.0], ['C+', 1, -5.0], ['C', 0, 0.0]]
    """
    func = "grade_summary"
    values = [values] if isinstance(values, str) else list(values)
    require_columns(graded, [grade, *values], func=func)
    codes = _grades(graded, func, grade)
    counts = np.bincount(codes, minlength=4)[::-1]
    out = pd.DataFrame({"grade": pd.Categorical(GRADES, categories=list(_GRADE_ORDER),
                                                ordered=True),
                        "customers": counts, "customers_share": counts / codes.size})
    for v in values:
        x = numeric_column(graded, v, func=func).to_numpy()
        sums = np.bincount(codes, weights=x, minlength=4)[::-1]
        out[v] = sums
        out[f"{v}_share"] = sums / x.sum() if x.sum() else np.nan
        out[f"{v}_per_customer"] = np.divide(sums, counts, out=np.zeros(4), where=counts > 0)
    return out


# ---------------------------------------------------------------------------------------
# 3. Decide and simulate
# ---------------------------------------------------------------------------------------

_CUT_CHANNELS = ("branch", "rm", "call_centre")


@dataclass(frozen=True)
class BankScenario:
    """What the bank decides; :func:`simulate` works out what follows. Money in CNY.

    Every default means "nothing changes" (:data:`BASELINE`); :data:`SEED_SCENARIO` is the
    bank's choice. ``dataclasses.replace(SEED_SCENARIO, min_balance=5_000)`` makes a variant.

    Attributes (the rules they drive: :func:`simulate`)
    ----------
    name : a label for tables and charts.
    min_balance, monthly_fee : the price threshold (CNY of average balance; 0 = none) and the
        fee below it, CNY per month (0 = no threshold either).
    stay_products : below the threshold, C customers with fewer products leave.
    end_payroll : end the employers' payroll contracts.
    migrate_c, migrate_month : share of the staying C customers moved to the automated
        channel, and the month they move.
    branch_kept, calls_kept, digital_per_contact, migration_revenue_loss : how a migrated
        customer's branch visits, calls, digital sessions and revenue change.
    c_plus_offer, c_plus_upgrade, c_plus_months, upgrade_gain : the C+ path — offer cost per
        customer a year, chance to improve, probation in months, share of the wallet's
        headroom an improved customer brings.
    rm_to_a, rm_hour_value : share of the freed RM hours moved to A customers, and the
        revenue a year each of those hours brings.
    cuts : capacity cut, ``(channel, share of the freed capacity, month)`` for ``branch``,
        ``rm`` (hours not moved to A) and ``call_centre``; only these save fixed cost.
    exit_month : the month the leavers are gone and the fees are charged.
    """

    name: str = "baseline"
    min_balance: float = 0.0
    monthly_fee: float = 0.0
    stay_products: int = 2
    end_payroll: bool = False
    migrate_c: float = 0.0
    migrate_month: int = 2
    branch_kept: float = 0.25
    calls_kept: float = 0.5
    digital_per_contact: float = 3.0
    migration_revenue_loss: float = 0.03
    c_plus_offer: float = 0.0
    c_plus_upgrade: float = 0.0
    c_plus_months: int = 6
    upgrade_gain: float = 0.25
    rm_to_a: float = 0.0
    rm_hour_value: float = 300.0
    cuts: tuple = ()
    exit_month: int = 1

    def __post_init__(self):
        func = "BankScenario"
        for name in ("min_balance", "monthly_fee", "digital_per_contact", "c_plus_offer",
                     "rm_hour_value"):
            _number(name, getattr(self, name), func, nonnegative=True)
        for name in ("migrate_c", "branch_kept", "calls_kept", "migration_revenue_loss",
                     "c_plus_upgrade", "upgrade_gain", "rm_to_a"):
            check_fraction(name, getattr(self, name), func=func, inclusive_zero=True)
        for name in ("stay_products", "migrate_month", "c_plus_months", "exit_month"):
            _whole(name, getattr(self, name), func)
        if not isinstance(self.end_payroll, bool | np.bool_):
            raise ParameterError(f"{func}(): end_payroll must be True or False; got "
                                 f"{self.end_payroll!r}.", name="end_payroll")
        object.__setattr__(self, "cuts", _check_cuts(self.cuts, func))


def _whole(name, value, func, low=1):
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise ParameterError(f"{func}(): {name} must be a whole number ≥ {low} (months or a "
                             f"count); got {value!r}.", name=name, value=value)
    return int(value)


def _check_cuts(cuts, func):
    """The cuts as a tuple of (channel, share, month) tuples (lists are accepted)."""
    out = []
    for cut in cuts if isinstance(cuts, list | tuple) else [cuts]:
        if (not isinstance(cut, list | tuple) or len(cut) != 3 or cut[0] not in _CUT_CHANNELS
                or cut[0] in [c for c, _, _ in out]):
            raise ParameterError(
                f"{func}(): cuts is a tuple of (channel, share, month), at most one per channel "
                f"of {list(_CUT_CHANNELS)}, e.g. (('branch', 0.5, 4), ('rm', 1.0, 3)); got "
                f"{cuts!r}.", name="cuts")
        channel, share, month = cut
        out.append((channel, check_fraction(f"the {channel} cut's share", share, func=func,
                                            inclusive_zero=True),
                    _whole(f"the {channel} cut's month", month, func)))
    return tuple(out)


#: Nothing changes: the book as it is, month after month.
BASELINE = BankScenario()

#: seed 000, the bank's choice: raise the price threshold, end the payroll contracts, move C
#: customers to the automated channel, give C+ a path, move RM time to A and cut the capacity
#: freed. The figures are our calibration (the seed gives only the outcome): on the bundled book
#: it loses about 50,000 customers and raises monthly profit about 25% by month 6.
SEED_SCENARIO = BankScenario(
    name="seed_000", min_balance=10_000, monthly_fee=40, stay_products=2, end_payroll=True,
    migrate_c=1.0, migrate_month=2, c_plus_offer=200, c_plus_upgrade=0.2, c_plus_months=6,
    rm_to_a=0.25, rm_hour_value=300,
    cuts=(("call_centre", 0.5, 2), ("rm", 0.25, 3), ("branch", 0.1, 6)),
)


#: The decisions per customer: grade codes (0 = C … 3 = A), then bool arrays — leaves, below
#: the threshold, leaves because of it, pays the fee, migrates, is C+.
_Plan = namedtuple("_Plan", "grade leave below walk pays_fee migrate c_plus")


@dataclass(frozen=True, eq=False)
class PreparedBook:
    """A customer book read and checked once, for many :func:`simulate` runs on it.

    Made by :func:`prepare_book`; a dashboard moving a slider simulates the same book again and
    again, and this skips reading, grading and checking it each time. ``book`` is the graded
    book; the rest are its columns as arrays and the cost table's activity per channel.
    """

    book: pd.DataFrame
    activity: dict
    grade: np.ndarray
    balance: np.ndarray
    products: np.ndarray
    payroll: np.ndarray
    revenue: np.ndarray
    wallet: np.ndarray
    channel_order: np.ndarray  # customers by cut-channel cost, costliest first (ties in order)


def prepare_book(book: pd.DataFrame, *, costs=None, func: str = "prepare_book") -> PreparedBook:
    """Read and check ``book`` once for :func:`simulate` (grading it if it has no ``grade``).

    Raises what :func:`simulate` raises for the book. ``simulate(prepare_book(book), s)`` equals
    ``simulate(book, s)``.

    >>> from kamlab import load_dataset
    >>> prepared = prepare_book(load_dataset("bank_customers"))
    >>> simulate(prepared, SEED_SCENARIO).leavers == simulate(prepared.book, SEED_SCENARIO).leavers
    True
    """
    if isinstance(book, PreparedBook):
        return book
    require_columns(book, list(_BOOK), func=func)
    activity = _activity(book, CHANNEL_COSTS if costs is None else costs, func)
    revenue = numeric_column(book, "revenue", func=func).to_numpy()
    _check_book_costs(book, activity, revenue, func)
    graded = book if "grade" in book.columns else grade_customers(book)
    channel = np.zeros(len(book))  # what a customer's branch, RM and call-centre use costs
    for c in _CUT_CHANNELS:
        if c in activity:
            channel += activity[c][0] * activity[c][1]
    return PreparedBook(
        channel_order=sort_descending(channel)[0],
        book=graded, activity=activity, grade=_grades(graded, func),
        balance=numeric_column(book, "avg_balance", func=func).to_numpy(),
        products=numeric_column(book, "products", func=func).to_numpy(),
        payroll=_flag(book, "payroll", func), revenue=revenue,
        wallet=numeric_column(book, "wallet", func=func).to_numpy())


def _plan(prep: PreparedBook, scenario, func) -> _Plan:
    """Who leaves, pays, migrates and gets the C+ path (the decisions, before their money)."""
    if not isinstance(scenario, BankScenario):
        raise ParameterError(f"{func}() takes a BankScenario, e.g. SEED_SCENARIO or "
                             f"BankScenario(min_balance=10_000, monthly_fee=30); got "
                             f"{type(scenario).__name__}.", got=type(scenario).__name__)
    grade, balance, products, payroll = prep.grade, prep.balance, prep.products, prep.payroll
    plain_c = grade == 0
    below = np.zeros(len(grade), dtype=bool)
    if scenario.min_balance > 0 and scenario.monthly_fee > 0:
        below = balance < scenario.min_balance
    walk = plain_c & below & (products < scenario.stay_products)
    leave = walk | (plain_c & payroll & scenario.end_payroll)
    stay_c = plain_c & ~leave
    migrate = np.zeros_like(plain_c)
    if scenario.migrate_c > 0:  # the costliest channel users move first
        order = prep.channel_order[stay_c[prep.channel_order]]  # staying C, costliest first
        k = top_count(order.size, scenario.migrate_c) if order.size else 0
        migrate[order[:k]] = True
    return _Plan(grade=grade, leave=leave, below=below, walk=walk, pays_fee=stay_c & below,
                 migrate=migrate, c_plus=grade == 1)


@dataclass(frozen=True)
class BankSimulation:
    """Result of :func:`simulate`. Money in CNY; yearly amounts are run rates at the last month.

    Counts: ``customers`` (before), ``leavers`` (``leavers_threshold`` below the price threshold
    with too few products, ``leavers_payroll`` the others, who left with their payroll contract),
    ``fee_payers``, ``migrated`` (C customers moved to the automated channel), ``c_plus``,
    ``upgraded`` and ``c_plus_migrated`` (expected values).

    Yearly: ``revenue_lost`` (the leavers' revenue and what migrations lose),
    ``revenue_gained`` (fees, C+ upgrades, RM time moved to A), ``variable_cost_saved`` (at once,
    as activity stops), ``fixed_cost_saved`` (only where capacity is cut), ``offer_cost``.

    Tables: ``cuts`` (channel, capacity freed, share cut, month, fixed cost saved — yearly),
    ``monthly`` (month 0 … months: ``customers``, ``revenue``, ``variable_cost``,
    ``fixed_cost``, ``cost``, ``profit``, CNY per month), ``bridge`` (month-0 profit to the last
    month's, step by step, CNY per month) and ``decisions`` (per customer: ``account_id`` when
    the book has it, ``grade``, ``action`` — one of :data:`ACTIONS` — and ``pays_fee``).
    ``profit_change`` = last month's profit / month 0's − 1.
    """

    scenario: BankScenario
    customers: int
    leavers: int
    leavers_threshold: int
    leavers_payroll: int
    fee_payers: int
    migrated: int
    c_plus: int
    upgraded: float
    c_plus_migrated: float
    revenue_lost: float
    revenue_gained: float
    variable_cost_saved: float
    fixed_cost_saved: float
    offer_cost: float
    profit_change: float
    monthly: pd.DataFrame
    cuts: pd.DataFrame
    bridge: pd.DataFrame
    decisions: pd.DataFrame


def simulate(book: pd.DataFrame, scenario: BankScenario = SEED_SCENARIO, *,
             months: int = 6, costs=None) -> BankSimulation:
    """Month by month, what a scenario does to customers, revenue, cost and profit.

    Month 0 is the book as it is (yearly amounts / 12). Grades are the book's ``grade`` column
    when it has one (made by :func:`grade_customers` with your cut-offs), else
    :func:`grade_customers` with the defaults. Deterministic: chances are expected values.

    Rules — seed 000's actions; "ours" marks our assumptions (the seed gives only the outcome):

    - **Price threshold** (抬高价格门槛): from ``exit_month`` a C customer (not C+) with
      ``avg_balance`` below ``min_balance`` leaves if it holds fewer than ``stay_products``
      products, else stays and pays ``monthly_fee`` (ours: products tie a customer; A, B and
      C+ are exempt).
    - **Payroll contracts** (取消员工的工资合同): every payroll customer's processing cost stops;
      the C payroll customers leave with their salary (ours).
    - **Leavers** take their revenue and variable cost at once; the capacity they used
      (branch, RM, call centre) stays until it is cut.
    - **Automated channel** (低成本的高度自动渠道): from ``migrate_month`` the share
      ``migrate_c`` of the staying C customers, highest channel cost first, keep ``branch_kept``
      of their branch visits and ``calls_kept`` of their calls, lose their RM hours, use
      ``digital_per_contact`` digital sessions per contact dropped and lose
      ``migration_revenue_loss`` of their revenue (ours). Variable cost is saved at once.
    - **C+ path** (有机会提高 … 否则转移): each C+ customer costs ``c_plus_offer`` a year during
      the ``c_plus_months`` probation; by its end ``c_plus_upgrade`` of them (expected, in
      equal monthly steps) bring ``upgrade_gain`` × (wallet − revenue) more revenue a year
      (ours). After it, the rest move to the automated channel (when ``migrate_c`` > 0).
    - **RM time to A** (incentives tied to the key accounts): ``rm_to_a`` of the freed RM hours
      earn ``rm_hour_value`` each a year (ours); the rest is spare capacity.
    - **Capacity cuts**: fixed cost is saved only for the channels in ``cuts``: the share given
      of the capacity freed, from the month given.

    Parameters
    ----------
    book : customers with ``revenue``, ``profit``, ``cost_to_serve``, ``avg_balance``,
        ``products``, ``payroll``, ``wallet`` and the channel drivers of ``costs``.
    scenario : a :class:`BankScenario`; default :data:`SEED_SCENARIO`.
    months : months simulated after month 0 (≥ 1).
    costs : the channel cost table; default :data:`CHANNEL_COSTS`. The book's own
        ``cost_to_serve`` must agree with it (within CNY 1 per customer): month 0 is the book.

    Returns
    -------
    :class:`BankSimulation`.

    Raises
    ------
    MissingColumnsError, InvalidDataError (bad values, a grade column with other values,
    ``cost_to_serve`` that the cost table does not explain), ParameterError.

    >>> import pandas as pd
    >>> book = pd.DataFrame({"revenue": [9000, 100, 300], "avg_balance": [500_000, 2_000, 5_000],
    ...     "products": [4, 1, 2], "payroll": [False, True, False], "wallet": [20_000, 800, 900],
    ...     "branch_visits": [2, 6, 4], "rm_hours": [10.0, 1.0, 0.0],
    ...     "call_centre_calls": [1, 2, 1], "digital_sessions": [50, 20, 10]})
    >>> book["cost_to_serve"] = channel_costs(book)["cost_to_serve"]   # 3290, 860, 350
    >>> book["profit"] = book["revenue"] - book["cost_to_serve"]       # 5710, -760, -50
    >>> graded = grade_customers(book, c_plus=0)                      # A, C, C
    >>> r = simulate(graded, BankScenario(min_balance=10_000, monthly_fee=30), months=2)
    >>> r.leavers, r.fee_payers, r.revenue_lost, r.variable_cost_saved
    (1, 1, 100.0, 292.0)
    >>> r.monthly["profit"].round(2).tolist()     # (4900 - 100 + 360 + 292) / 12 from month 1
    [408.33, 454.33, 454.33]
    """
    func = "simulate"
    months = _whole("months", months, func)
    if isinstance(book, PreparedBook) and costs is not None:
        raise ParameterError(f"{func}(): a prepared book has its cost table already; pass costs= "
                             "to prepare_book instead.")
    prep = prepare_book(book, costs=costs, func=func)
    activity, revenue, wallet = prep.activity, prep.revenue, prep.wallet
    plan = _plan(prep, scenario, func)
    s, n = scenario, len(revenue)

    zero = np.zeros(n)
    units = {c: u for c, (u, _, _) in activity.items()}
    var_cost = {c: v for c, (_, _, v) in activity.items()}
    fix_cost = {c: unit - v for c, (_, unit, v) in activity.items()}
    variable = sum(units[c] * var_cost[c] for c in activity)
    fixed = sum(units[c] * fix_cost[c] for c in activity)
    # activity a migrated customer drops, per channel, and the digital sessions replacing it
    drop = {"branch": units.get("branch", zero) * (1 - s.branch_kept),
            "rm": units.get("rm", zero),
            "call_centre": units.get("call_centre", zero) * (1 - s.calls_kept)}
    added_digital = s.digital_per_contact * (drop["branch"] + drop["call_centre"])
    leave, cp = plan.leave, plan.c_plus
    cp_moves = (1 - s.c_plus_upgrade) * cp * (s.migrate_c > 0)  # non-improvers, expected
    headroom = float(np.clip(wallet - revenue, 0, None)[cp].sum()) * s.upgrade_gain
    payroll_saved = s.end_payroll * float(units.get("payroll", zero)[~leave].sum()) * \
        var_cost.get("payroll", 0.0)

    # Every month's sums from these: who moves in month m is migrate·a + cp_moves·b (a, b 0/1).
    movers = np.stack([plan.migrate.astype("float64"), cp_moves])
    moved_drop = {c: movers @ drop[c] for c in drop}
    moved_digital, moved_revenue = movers @ added_digital, movers @ revenue
    left = {c: float(units.get(c, zero)[leave].sum()) for c in drop}
    left_revenue, left_variable = float(revenue[leave].sum()), float(variable[leave].sum())

    def month(m):
        """Yearly run rates of every change in month m, and the capacity cuts then."""
        gone = m >= s.exit_month
        ab = np.array([m >= s.migrate_month, m > s.c_plus_months], dtype="float64")
        freed = {c: gone * left[c] + float(ab @ moved_drop[c]) for c in drop}
        to_a = s.rm_to_a * freed["rm"]
        freed["rm"] -= to_a
        cuts = [(c, freed[c] * fix_cost.get(c, 0.0), share, start) for c, share, start in s.cuts]
        migration_saved = sum(float(ab @ moved_drop[c]) * var_cost.get(c, 0.0) for c in drop) \
            - float(ab @ moved_digital) * var_cost.get("digital", 0.0)
        return {
            "revenue_lost": gone * left_revenue
            + s.migration_revenue_loss * float(ab @ moved_revenue),
            "fees": gone * s.monthly_fee * 12 * int(plan.pays_fee.sum()),
            "upgrades": s.c_plus_upgrade * min(m, s.c_plus_months) / s.c_plus_months * headroom,
            "rm_to_a": to_a * s.rm_hour_value,
            "variable_cost_saved": gone * (left_variable + payroll_saved)
            + migration_saved,
            "offer_cost": (1 <= m <= s.c_plus_months) * s.c_plus_offer * int(cp.sum()),
            "fixed_cost_saved": sum(share * cap for _, cap, share, start in cuts if m >= start),
        }, cuts

    signs = {"revenue_lost": -1, "fees": 1, "upgrades": 1, "rm_to_a": 1,
             "variable_cost_saved": 1, "offer_cost": -1, "fixed_cost_saved": 1}
    rows = []
    for m in range(months + 1):
        parts, cuts = month(m)
        rev = revenue.sum() - parts["revenue_lost"] + parts["fees"] + parts["upgrades"] \
            + parts["rm_to_a"]
        var = variable.sum() - parts["variable_cost_saved"] + parts["offer_cost"]
        fix = fixed.sum() - parts["fixed_cost_saved"]
        rows.append((m, n - (m >= s.exit_month) * int(leave.sum()), rev / 12, var / 12, fix / 12))
    monthly = pd.DataFrame(rows, columns=["month", "customers", "revenue", "variable_cost",
                                          "fixed_cost"])
    monthly["cost"] = monthly["variable_cost"] + monthly["fixed_cost"]
    monthly["profit"] = monthly["revenue"] - monthly["cost"]
    start, end = float(monthly["profit"].iloc[0]), float(monthly["profit"].iloc[-1])
    bridge = pd.DataFrame([("start", start), *((k, signs[k] * parts[k] / 12) for k in signs),
                           ("end", end)], columns=["step", "amount"])
    cut_table = pd.DataFrame(cuts, columns=["channel", "capacity_freed", "share_cut", "month"])
    cut_table["fixed_cost_saved"] = np.where(cut_table["month"] <= months,
                                             cut_table["share_cut"] * cut_table["capacity_freed"],
                                             0.0)
    return BankSimulation(
        scenario=s, customers=n, leavers=int(leave.sum()),
        leavers_threshold=int(plan.walk.sum()), leavers_payroll=int((leave & ~plan.walk).sum()),
        fee_payers=int(plan.pays_fee.sum()),
        migrated=int(plan.migrate.sum()), c_plus=int(cp.sum()),
        upgraded=s.c_plus_upgrade * int(cp.sum()) * min(months, s.c_plus_months)
        / s.c_plus_months,
        c_plus_migrated=float(cp_moves.sum()) * (months > s.c_plus_months),
        revenue_lost=parts["revenue_lost"],
        revenue_gained=parts["fees"] + parts["upgrades"] + parts["rm_to_a"],
        variable_cost_saved=parts["variable_cost_saved"],
        fixed_cost_saved=parts["fixed_cost_saved"], offer_cost=parts["offer_cost"],
        profit_change=end / start - 1 if start > 0 else math.nan,
        monthly=monthly, cuts=cut_table, bridge=bridge, decisions=_decisions(prep.book, plan))


def _decisions(book, plan):
    action = np.select([plan.leave, plan.migrate, plan.c_plus], [3, 2, 1], 0)
    out = pd.DataFrame(index=book.index)
    if "account_id" in book.columns:
        out["account_id"] = book["account_id"]
    out["grade"] = pd.Categorical.from_codes(plan.grade, categories=list(_GRADE_ORDER),
                                             ordered=True)
    out["action"] = pd.Categorical.from_codes(action, categories=list(ACTIONS))
    out["pays_fee"] = plan.pays_fee
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# 4. Argue: the opportunity cost
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OpportunityCost:
    """Result of :func:`opportunity_cost`. Money in CNY per year.

    The leavers: ``leavers``, their ``revenue``, ``serving_cost`` (their cost to serve) and
    ``loss`` (serving cost − revenue: what keeping them costs a year). The growers (customers
    who would have become key customers): ``growers`` in the C and C+ grades, ``growers_lost``
    among the leavers, ``growers_kept`` by the C+ path, ``catch_rate`` (kept / growers).
    ``grown_profit`` (a year, per grown customer), ``value_lost`` and ``value_kept`` (growers ×
    grown_profit, once grown) and ``loss_per_grower_lost`` (loss / growers_lost).
    """

    leavers: int
    revenue: float
    serving_cost: float
    loss: float
    growers: int
    growers_lost: int
    growers_kept: int
    catch_rate: float
    grown_profit: float
    value_lost: float
    value_kept: float
    loss_per_grower_lost: float


def opportunity_cost(book: pd.DataFrame, scenario: BankScenario = SEED_SCENARIO, *,
                     grows: str = "will_grow", grown_profit=None) -> OpportunityCost:
    """What serving the leavers costs a year, against the profit of the few who would have grown.

    The salespeople's argument (seed 000): small customers may grow into big ones. This sets
    the yearly loss of keeping the customers the scenario lets go against the yearly profit
    the growers among them would bring once grown, and counts how many growers the C+ path
    (the C customers with the highest potential) keeps instead.

    Parameters
    ----------
    book : as for :func:`simulate`, plus ``grows``: true for a customer who would become a key
        customer (the bundled book's ``will_grow`` — hindsight only synthetic data has).
    scenario : decides who leaves; default :data:`SEED_SCENARIO`.
    grown_profit : yearly profit of one grown customer; default the mean profit of today's
        A customers.

    Returns
    -------
    :class:`OpportunityCost`.

    Raises
    ------
    As :func:`simulate`; ParameterError for a negative ``grown_profit``.

    Notes
    -----
    Seed 000: "销售人员争辩认为小型的客户可能会发展成为巨头,但为50,000客户服务只是由于其中极少数
    可能会迅速发展,这样做的机会成本过于巨大"; and "必须建立机制给高潜力的客户机会使其成长为关键客户"
    — the C+ path.

    >>> import pandas as pd
    >>> book = pd.DataFrame({"revenue": [9000, 100, 300], "avg_balance": [500_000, 2_000, 5_000],
    ...     "products": [4, 1, 2], "payroll": [False, True, False], "wallet": [20_000, 800, 900],
    ...     "branch_visits": [2, 6, 4], "rm_hours": [10.0, 1.0, 0.0],
    ...     "call_centre_calls": [1, 2, 1], "digital_sessions": [50, 20, 10],
    ...     "will_grow": [False, True, False]})
    >>> book["cost_to_serve"] = channel_costs(book)["cost_to_serve"]
    >>> book["profit"] = book["revenue"] - book["cost_to_serve"]
    >>> graded = grade_customers(book, c_plus=0)
    >>> oc = opportunity_cost(graded, BankScenario(min_balance=10_000, monthly_fee=30))
    >>> oc.leavers, oc.loss, oc.growers_lost, oc.value_lost    # value: the A customer's 5,710
    (1, 760.0, 1, 5710.0)
    """
    func = "opportunity_cost"
    plan = _plan(prepare_book(book, func=func), scenario, func)
    require_columns(book, [grows], func=func)
    growers = _flag(book, grows, func)
    revenue = numeric_column(book, "revenue", func=func).to_numpy()
    cost = numeric_column(book, "cost_to_serve", func=func).to_numpy()
    profit = numeric_column(book, "profit", func=func).to_numpy()
    if grown_profit is None:
        a = plan.grade == 3
        grown = float(profit[a].mean()) if a.any() else 0.0
    else:
        grown = _number("grown_profit", grown_profit, func, nonnegative=True)
    leave = plan.leave
    loss = float(cost[leave].sum() - revenue[leave].sum())
    in_c = plan.grade <= 1
    lost, kept, total = (int((growers & mask).sum()) for mask in (leave, plan.c_plus, in_c))
    return OpportunityCost(
        leavers=int(leave.sum()), revenue=float(revenue[leave].sum()),
        serving_cost=float(cost[leave].sum()), loss=loss, growers=total, growers_lost=lost,
        growers_kept=kept, catch_rate=kept / total if total else math.nan, grown_profit=grown,
        value_lost=lost * grown, value_kept=kept * grown,
        loss_per_grower_lost=loss / lost if lost else math.inf)
