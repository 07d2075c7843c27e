"""Module 4 — proposal economics: contract NPV, walk-away price, waterfalls, EVC, TCO.

Seed 000's "five economic tools" (五项重要经济工具) put a number on a proposal before
the negotiation starts:

* the economic value of a contract (合约的经济价值): NPV and IRR of a multi-year supply
  contract with yearly price-downs, the walk-away price (NPV = 0) and a target price,
  a tornado of what moves the NPV most and a Monte Carlo of how uncertain it is;
* how value erodes round by round in a negotiation, and the pocket-price waterfall from
  list price to what the deal really earns;
* the economic value to the customer (对客户的经济价值, EVC) and how the value pool is
  split between the customer's incentive to switch and our premium;
* the customer's system cost (OEM系统成本): total cost of ownership over the product's life.

* the industry cost curve (行业成本曲线) and competitor cost analysis (竞争者成本分析): which
  plant sets the market price, what capacity changes do to it, and where competitors will bid.

Conventions. Money is in one currency (CNY in the course). Rates and price-downs are
fractions per year (write 3% as 0.03). Yearly cash flows fall at the END of each year
(year t is discounted by (1 + rate)^t); an up-front investment falls at t = 0 and is not
discounted. That is Excel's ``=NPV(rate, yearly flows) - investment``.

>>> cv = contract_value([1000, 1000, 1000], start_price=10, unit_cost=7, investment=5000)
>>> round(cv.npv, 2), round(cv.walk_away_price, 4)
(2460.56, 9.0106)
>>> erosion_waterfall(NEGOTIATION_ROUNDS)["end"].tolist()
[100.0, 89.0, 51.0, 16.0, 16.0, 11.0, 11.0, 40.0, 40.0]
>>> plants = pd.DataFrame({"plant": ["A", "B", "C", "D"], "company": ["X", "Y", "X", "Z"],
...     "capacity": [100, 200, 150, 50], "cash_cost": [20, 35, 30, 50]})
>>> clearing_price(plants, 300), market_clearing(plants, 300).marginal_plant
(35.0, 'B')
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy_financial as npf
import pandas as pd

from kamlab._validate import check_fraction, numeric_column, require_columns, show
from kamlab._validate import number as _number
from kamlab.exceptions import InvalidDataError, KamlabError, ParameterError

__all__ = [
    "NEGOTIATION_ROUNDS", "SENSITIVITY_INPUTS",
    "ContractValue", "contract_value", "price_for_npv", "npv_sensitivity",
    "simulate_npv", "NPVSummary", "npv_summary",
    "erosion_waterfall", "pocket_price_waterfall", "Negotiation", "negotiation",
    "EVC", "ValueSplit", "evc",
    "total_cost_of_ownership", "tco",
    "PLANT_STATUS", "SCENARIO_KEYS",
    "clearing_price", "cost_curve", "MarketClearing", "market_clearing",
    "add_capacity", "close_capacity", "capacity_scenarios", "bid_range",
]

# ---------------------------------------------------------------------------------------
# Rule tables (each names its seed)
# ---------------------------------------------------------------------------------------

#: seed 000, "价值逐轮减少, 指数化合约净现值, 客户举例": the indexed contract NPV falls
#: round by round in a negotiation. Steps are (label, amount, 中文); ``None`` marks a
#: subtotal bar (the level reached so far). Levels: 100, 89, 51, 16, 16, 11, 11, 40, 40.
NEGOTIATION_ROUNDS = (
    ("First quote", 100, "首轮报价"),
    ("Round 2", -11, "第二轮"),
    ("Round 3", -38, "第三轮"),
    ("Round 4", -35, "第四轮"),
    ("Round 5", None, "第五轮"),
    ("Incentive", -5, "奖励"),
    ("Final price after incentives", None, "奖励后的最终价格"),
    ("Aftermarket (spare parts) uplift", 29, "零配件市场的增额"),
    ("Total", None, "总额"),
)

#: The inputs :func:`npv_sensitivity` moves, in tornado order before sorting:
#: name -> 中文 label.
SENSITIVITY_INPUTS = {
    "volume": "数量(各年)",
    "start_price": "首年价格",
    "unit_cost": "单位成本",
    "price_down": "年降价幅度",
    "cost_down": "年成本降幅",
    "investment": "前期投资",
    "rate": "折现率",
}

_TOOLS = "seed 000, 五项重要经济工具"


# ---------------------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------------------

def _scalar(v):
    return v.item() if hasattr(v, "item") else v


def _is_real(v) -> bool:
    return (isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_)
            and math.isfinite(v))


def _volumes(volumes, func) -> np.ndarray:
    """Yearly volumes as a new float array; names the first bad year."""
    example = "e.g. volumes=[1000, 1200, 1200] for a 3-year contract"
    if isinstance(volumes, pd.Series | pd.Index):
        values = volumes.to_numpy()
    elif isinstance(volumes, np.ndarray):
        values = volumes
    elif isinstance(volumes, Sequence) and not isinstance(volumes, str | bytes):
        values = list(volumes)
    else:
        raise ParameterError(
            f"{func}(): volumes must be a list of yearly volumes, one per contract year; "
            f"got {type(volumes).__name__} {volumes!r}. Pass a list, {example}.",
            name="volumes", value=volumes)
    arr = np.asarray(values, dtype=object) if isinstance(values, list) else values
    if arr.ndim != 1:
        raise ParameterError(
            f"{func}(): volumes must be one flat list (one number per year); got an array of "
            f"shape {arr.shape}. Pass a single row, {example}.", name="volumes")
    if len(arr) == 0:
        raise ParameterError(f"{func}(): volumes is empty; a contract needs at least one year. "
                             f"Pass one volume per year, {example}.", name="volumes")
    if arr.dtype.kind in "iuf":
        out = arr.astype("float64")  # always a copy of the caller's data
        bad = ~np.isfinite(out)
        first = int(np.argmax(bad)) if bad.any() else None
    else:
        first = next((i for i, v in enumerate(arr) if not _is_real(v)), None)
        if first is None:
            out = np.array([float(v) for v in arr], dtype="float64")
    if first is not None:
        raise ParameterError(
            f"{func}(): volumes must be numbers ≥ 0, one per contract year; volumes[{first}] "
            f"(year {first + 1}) is {_scalar(arr[first])!r}. Fix that year's volume "
            "(use 0 for a year without deliveries).", name="volumes", position=first)
    negative = np.flatnonzero(out < 0)
    if len(negative):
        i = int(negative[0])
        raise ParameterError(
            f"{func}(): volumes must be 0 or more; volumes[{i}] (year {i + 1}) is {out[i]:g}. "
            "Volumes are units delivered per year; model a lost year as 0.",
            name="volumes", position=i)
    return out


def _share_below_one(name, value, func, *, zero_ok=True) -> float:
    """A fraction in [0, 1) (or (0, 1)); percent-looking values get a hint."""
    x = _number(name, value, func)
    low_ok = x >= 0 if zero_ok else x > 0
    if not (low_ok and x < 1):
        lower = "0 (included)" if zero_ok else "0"
        hint = (f" Did you mean {x / 100:g}? Write {x:g}% as {x / 100:g}: shares are fractions, "
                "not percent." if 1 <= x <= 100 else "")
        raise ParameterError(f"{func}(): {name} must be between {lower} and 1 (excluded); "
                             f"got {x:g}.{hint}", name=name, value=x)
    return x


def _rate(rate, func, name="rate") -> float:
    r = _number(name, rate, func)
    if not r > -1:
        raise ParameterError(
            f"{func}(): {name} must be greater than -1 (it is a yearly rate: 0.10 = 10%); got "
            f"{r:g}. A rate of -1 or less would make the discount factor infinite.",
            name=name, value=r)
    return r


def _contract_inputs(func, volumes, unit_cost, price_down, cost_down, investment, rate):
    return (_volumes(volumes, func),
            _number("unit_cost", unit_cost, func, nonnegative=True),
            _share_below_one("price_down", price_down, func),
            _share_below_one("cost_down", cost_down, func),
            _number("investment", investment, func, nonnegative=True),
            _rate(rate, func))


def _pv_weights(vol, price_down, cost_down, rate):
    """(A, B): NPV = start_price·A − unit_cost·B − investment.

    A = Σ v_t (1−price_down)^(t−1) / (1+rate)^t, B = Σ v_t (1−cost_down)^(t−1) / (1+rate)^t.
    """
    t = np.arange(len(vol), dtype="float64")  # t − 1 for years 1..T
    disc = (1.0 + rate) ** -(t + 1.0)
    a = float(np.dot(vol * (1.0 - price_down) ** t, disc))
    b = float(np.dot(vol * (1.0 - cost_down) ** t, disc))
    return a, b


def _walk_away(a: float, b: float, unit_cost: float, investment: float) -> float:
    """The start price at which NPV = start_price·A − unit_cost·B − investment is 0."""
    return (unit_cost * b + investment) / a if a > 0 else float("nan")


def _npv(vol, start_price, unit_cost, price_down, cost_down, investment, rate) -> float:
    a, b = _pv_weights(vol, price_down, cost_down, rate)
    return start_price * a - unit_cost * b - investment


# ---------------------------------------------------------------------------------------
# Contract economic value (seed 000, 合约的经济价值)
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ContractValue:
    """Result of :func:`contract_value`: the economics of one multi-year supply contract.

    ``npv`` (CNY at t = 0), ``irr`` (yearly, NaN when undefined), ``walk_away_price``
    (the start price at which NPV = 0) and the inputs. ``cashflows`` (one row per year,
    year 0 = the investment) is built the first time it is read; ``target_price(npv)``
    gives the start price that earns a chosen NPV.
    """

    npv: float
    irr: float
    walk_away_price: float
    volumes: tuple[float, ...]
    start_price: float
    unit_cost: float
    price_down: float
    cost_down: float
    investment: float
    rate: float

    @cached_property
    def cashflows(self) -> pd.DataFrame:
        """Year by year: ``year, volume, price, unit_cost, unit_margin, revenue, cost,
        investment, cashflow, discount_factor, present_value, cumulative_pv``.

        Year 0 holds only the investment (price and costs are NaN there); ``cashflow`` =
        revenue − cost − investment; ``present_value`` sums to :attr:`npv`;
        ``cumulative_pv`` turns positive in the year the contract has paid back.
        """
        vol = np.array(self.volumes)
        t = np.arange(1, len(vol) + 1, dtype="float64")
        price = self.start_price * (1.0 - self.price_down) ** (t - 1)
        cost = self.unit_cost * (1.0 - self.cost_down) ** (t - 1)
        nan = np.array([np.nan])
        out = pd.DataFrame({
            "year": np.arange(len(vol) + 1),
            "volume": np.r_[0.0, vol],
            "price": np.r_[nan, price],
            "unit_cost": np.r_[nan, cost],
            "unit_margin": np.r_[nan, price - cost],
            "revenue": np.r_[0.0, price * vol],
            "cost": np.r_[0.0, cost * vol],
            "investment": np.r_[self.investment, np.zeros(len(vol))],
        })
        out["cashflow"] = out["revenue"] - out["cost"] - out["investment"]
        out["discount_factor"] = (1.0 + self.rate) ** -out["year"].astype("float64")
        out["present_value"] = out["cashflow"] * out["discount_factor"]
        out["cumulative_pv"] = out["present_value"].cumsum()
        return out

    def target_price(self, npv: float) -> float:
        """The start price that earns ``npv`` on this contract (see :func:`price_for_npv`)."""
        return price_for_npv(self.volumes, self.unit_cost, npv, price_down=self.price_down,
                             cost_down=self.cost_down, investment=self.investment,
                             rate=self.rate)


def contract_value(volumes, start_price, unit_cost, *, price_down=0.0, cost_down=0.0,
                   investment=0.0, rate=0.10) -> ContractValue:
    """NPV, IRR and walk-away price of a multi-year supply contract.

    Year t = 1..T is one item of ``volumes``. In year t the price is
    start_price·(1 − price_down)^(t−1), the unit cost unit_cost·(1 − cost_down)^(t−1),
    and the cash flow (price − unit cost)·volume arrives at the end of the year, so it is
    discounted by (1 + rate)^t. ``investment`` (tooling, set-up) is paid at t = 0.

    NPV = −investment + Σ_t cash flow_t / (1 + rate)^t. It is linear in the start price,
    so the walk-away price has a closed form: with A = Σ v_t (1−price_down)^(t−1)/(1+rate)^t
    and B = Σ v_t (1−cost_down)^(t−1)/(1+rate)^t, walk-away = (unit_cost·B + investment)/A.

    Parameters
    ----------
    volumes : list, array or Series of units per year (≥ 0), one per contract year.
    start_price : price per unit in year 1 (> 0).
    unit_cost : cost per unit in year 1 (≥ 0).
    price_down, cost_down : yearly price-down given to the customer and yearly cost
        reduction we achieve, fractions in [0, 1) (0.03 = 3% a year, compounding).
    investment : up-front investment at t = 0 (≥ 0).
    rate : yearly discount rate (> −1; 0 allowed).

    Returns
    -------
    :class:`ContractValue` with ``npv``, ``irr``, ``walk_away_price``, ``cashflows`` and
    ``target_price(npv)``. ``walk_away_price`` is NaN when every volume is 0 (no price
    changes the NPV). ``irr`` solves NPV = 0 for [−investment, cf_1, …, cf_T] with
    ``numpy_financial.irr`` (the root closest to 0 when there are several); it is NaN
    when no rate does, e.g. with no investment and every yearly flow positive.

    Raises
    ------
    ParameterError (volumes empty, not numbers or negative; start price ≤ 0; unit cost or
    investment < 0; a price-down outside [0, 1) — 3 instead of 0.03; rate ≤ −1).

    Notes
    -----
    Seed 000, 合约的经济价值 ("quantify the total shareholder value of a given contract;
    plan the negotiation's expected result and bottom line"), one of 五项重要经济工具.

    Conventions: Excel's ``NPV(rate, v1, …, vT)`` discounts its first value one full
    period, like the yearly flows here, so ours is ``=NPV(rate, C2:C11) - investment``
    (the investment stays outside). ``numpy_financial.npv(rate, values)`` does NOT
    discount its first value (t = 0), so ours equals
    ``npf.npv(rate, [-investment, cf_1, …, cf_T])``. Excel ``IRR`` of the same column with
    −investment on top equals ``irr``.

    >>> cv = contract_value([100, 100, 100], 10, 6, investment=500, rate=0.0)
    >>> cv.npv, cv.walk_away_price
    (700.0, 7.666666666666667)
    >>> cv.cashflows["cashflow"].tolist()
    [-500.0, 400.0, 400.0, 400.0]
    >>> round(contract_value([1000] * 5, 20, 15, price_down=0.03).npv, 2)
    14952.62
    """
    func = "contract_value"
    p = _number("start_price", start_price, func, positive=True)
    vol, c, dp, dc, inv, r = _contract_inputs(func, volumes, unit_cost, price_down, cost_down,
                                              investment, rate)
    a, b = _pv_weights(vol, dp, dc, r)
    npv = p * a - c * b - inv
    walk_away = _walk_away(a, b, c, inv)
    t = np.arange(len(vol), dtype="float64")
    flows = (p * (1.0 - dp) ** t - c * (1.0 - dc) ** t) * vol
    irr = _irr(np.r_[-inv, flows])
    return ContractValue(npv=float(npv), irr=irr, walk_away_price=float(walk_away),
                         volumes=tuple(vol.tolist()), start_price=p, unit_cost=c,
                         price_down=dp, cost_down=dc, investment=inv, rate=r)


def _irr(values: np.ndarray) -> float:
    """numpy-financial's IRR, NaN when no rate makes the NPV 0 (no sign change, degenerate)."""
    if not ((values < 0).any() and (values > 0).any()):
        return float("nan")
    try:
        with np.errstate(all="ignore"):
            rate = float(npf.irr(values))
    except (np.linalg.LinAlgError, ValueError):  # e.g. subnormal flows overflow np.roots
        return float("nan")
    return rate if math.isfinite(rate) else float("nan")


def price_for_npv(volumes, unit_cost, target_npv, *, price_down=0.0, cost_down=0.0,
                  investment=0.0, rate=0.10) -> float:
    """The start price that earns ``target_npv`` on a contract: the target price.

    Same contract as :func:`contract_value`; solves start_price·A − unit_cost·B −
    investment = target_npv in closed form. ``target_npv=0`` gives the walk-away price.

    Returns
    -------
    float, price per unit in year 1. Negative when the target is below −(unit_cost·B +
    investment), i.e. when even giving the goods away would beat it.

    Raises
    ------
    ParameterError (as :func:`contract_value`; every volume 0 — then no price reaches
    the target).

    Notes
    -----
    Seed 000, 合约的经济价值: "谈判规划确定期望结果和底线" — the target price is the expected
    result, the walk-away price the bottom line.

    >>> price_for_npv([100, 100, 100], 6, 400, investment=500, rate=0.0)
    9.0
    """
    func = "price_for_npv"
    target = _number("target_npv", target_npv, func)
    vol, c, dp, dc, inv, r = _contract_inputs(func, volumes, unit_cost, price_down, cost_down,
                                              investment, rate)
    a, b = _pv_weights(vol, dp, dc, r)
    if not a > 0:
        raise ParameterError(
            f"{func}(): every volume is 0, so no price changes the NPV (it stays "
            f"{-inv:g}). Give at least one year a volume above 0.", name="volumes")
    return (target + c * b + inv) / a


def npv_sensitivity(volumes, start_price, unit_cost, *, price_down=0.0, cost_down=0.0,
                    investment=0.0, rate=0.10, change=0.10) -> pd.DataFrame:
    """Tornado table: the NPV when each input moves ``change`` down and up, one at a time.

    Each input x is set to x·(1 − change) and x·(1 + change) with the others at base;
    "volume" scales every year's volume together (``base_value`` shows the total volume).

    Returns
    -------
    One row per input of :data:`SENSITIVITY_INPUTS`: ``input, input_zh, base_value,
    low_value, high_value, npv_low, npv_high, base_npv, swing`` (= |npv_high − npv_low|),
    sorted by swing, largest first (ties keep the table's order). ``npv_low`` is the NPV
    at ``low_value``, so for a cost ``npv_low > npv_high``. An input whose base is 0 (no
    price-down, no investment) cannot move relatively: its swing is 0 and it is kept, last.

    Raises
    ------
    ParameterError (as :func:`contract_value`; ``change`` outside (0, 1); a move that
    leaves the valid range, e.g. price_down 0.95 + 10% ≥ 1).

    Notes
    -----
    Seed 000, 合约的经济价值: which assumption moves the contract NPV most (the tornado
    chart of course module 4).

    >>> t = npv_sensitivity([1000] * 3, 10, 7, investment=2000)
    >>> t["input"].tolist()[:3]
    ['start_price', 'unit_cost', 'volume']
    >>> [round(float(x), 2) for x in t.iloc[0][["npv_low", "npv_high"]]]
    [2973.7, 7947.41]
    """
    func = "npv_sensitivity"
    p = _number("start_price", start_price, func, positive=True)
    vol, c, dp, dc, inv, r = _contract_inputs(func, volumes, unit_cost, price_down, cost_down,
                                              investment, rate)
    d = _share_below_one("change", change, func, zero_ok=False)
    base = {"volume": 1.0, "start_price": p, "unit_cost": c, "price_down": dp,
            "cost_down": dc, "investment": inv, "rate": r}

    def npv_at(name, x):
        kw = {k: v for k, v in base.items() if k != "volume"}
        if name == "volume":  # x scales every year's volume
            return _npv(vol * x, **kw)
        return _npv(vol, **{**kw, name: x})

    total_volume = float(vol.sum())
    rows = []
    for name, zh in SENSITIVITY_INPUTS.items():
        lo, hi = base[name] * (1 - d), base[name] * (1 + d)
        if name in ("price_down", "cost_down") and not hi < 1:
            raise ParameterError(
                f"{func}(): {name} {base[name]:g} moved up by {d:.0%} becomes {hi:g}, which is "
                "not below 1. Use a smaller change.", name=name, value=hi)
        if name == "rate" and not min(lo, hi) > -1:
            raise ParameterError(
                f"{func}(): rate {r:g} moved by {d:.0%} becomes {min(lo, hi):g}, which is not "
                "above -1. Use a smaller change.", name=name, value=min(lo, hi))
        npv_lo, npv_hi = npv_at(name, lo), npv_at(name, hi)
        if name == "volume":
            rows.append((name, zh, total_volume, total_volume * lo, total_volume * hi,
                         npv_lo, npv_hi))
        else:
            rows.append((name, zh, base[name], lo, hi, npv_lo, npv_hi))
    out = pd.DataFrame(rows, columns=["input", "input_zh", "base_value", "low_value",
                                      "high_value", "npv_low", "npv_high"])
    out["base_npv"] = _npv(vol, p, c, dp, dc, inv, r)
    out["swing"] = (out["npv_high"] - out["npv_low"]).abs()
    order = np.argsort(-out["swing"].to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Monte Carlo
# ---------------------------------------------------------------------------------------

def _sd(name, value, func) -> float:
    x = _number(name, value, func, nonnegative=True)
    if x >= 1:
        hint = (f" Did you mean {x / 100:g}? Write {x:g}% as {x / 100:g}." if x <= 100 else "")
        raise ParameterError(
            f"{func}(): {name} is a relative standard deviation below 1 (0.10 = ±10%); got "
            f"{x:g}.{hint}", name=name, value=x)
    return x


def simulate_npv(volumes, start_price, unit_cost, *, price_down=0.0, cost_down=0.0,
                 investment=0.0, rate=0.10, volume_sd=0.10, price_sd=0.0, cost_sd=0.05,
                 n=10_000, seed=0) -> pd.Series:
    """Monte Carlo NPV: ``n`` draws with uncertain volume, price and unit cost.

    Draw i multiplies every year's volume by (1 + ε_v), the start price by (1 + ε_p) and
    the unit cost by (1 + ε_c), with ε ~ Normal(0, sd) independent; a multiplier below 0
    (a draw under −100%) is set to 0. Because a draw scales whole rows, its NPV is exactly
    m_v·(p·m_p·A − c·m_c·B) − investment with A, B as in :func:`contract_value`: the
    simulation is one vectorised expression, with no loop over draws or years.

    Parameters
    ----------
    volume_sd, price_sd, cost_sd : relative standard deviations in [0, 1) (0.10 = ±10%).
        All 0 gives n copies of the deterministic NPV.
    n : number of draws (an integer ≥ 1).
    seed : seed of ``numpy.random.default_rng`` (an int, None or a Generator). The same
        seed gives the same draws; the standard normals are drawn once as a 3×n block
        (volume, price, cost), so changing one sd rescales the same draws.

    Returns
    -------
    Series named ``npv`` of length n (index ``draw``). Summarise with :func:`npv_summary`.

    Raises
    ------
    ParameterError (as :func:`contract_value`; an sd outside [0, 1); n not a positive
    integer; a seed numpy does not accept).

    Notes
    -----
    Seed 000, 合约的经济价值: the contract's value is uncertain; the course asks how often
    the deal loses money, not just what it earns on the base case.

    >>> s = simulate_npv([1000] * 5, 20, 15, n=2_000, seed=1)
    >>> len(s), s.name
    (2000, 'npv')
    >>> round(float(npv_summary(s).prob_loss), 3)
    0.0
    """
    func = "simulate_npv"
    p = _number("start_price", start_price, func, positive=True)
    vol, c, dp, dc, inv, r = _contract_inputs(func, volumes, unit_cost, price_down, cost_down,
                                              investment, rate)
    sds = np.array([_sd("volume_sd", volume_sd, func), _sd("price_sd", price_sd, func),
                    _sd("cost_sd", cost_sd, func)])
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise ParameterError(f"{func}(): n is the number of draws, an integer of 1 or more "
                             f"(e.g. n=10_000); got {n!r}.", name="n", value=n)
    try:
        rng = np.random.default_rng(seed)
    except (TypeError, ValueError):
        raise ParameterError(f"{func}(): seed must be an integer (or None for fresh draws); "
                             f"got {seed!r}.", name="seed", value=seed) from None
    a, b = _pv_weights(vol, dp, dc, r)
    m = np.maximum(1.0 + sds[:, None] * rng.standard_normal((3, int(n))), 0.0)
    npv = m[0] * (p * a * m[1] - c * b * m[2]) - inv
    return pd.Series(npv, name="npv", index=pd.RangeIndex(int(n), name="draw"))


@dataclass(frozen=True)
class NPVSummary:
    """Result of :func:`npv_summary`: ``n`` draws, ``mean``, ``std`` (sample, ddof=1;
    NaN for one draw), ``prob_loss`` = P(NPV < 0), and the ``p5`` / ``p50`` / ``p95``
    percentiles (linear interpolation)."""

    n: int
    mean: float
    std: float
    prob_loss: float
    p5: float
    p50: float
    p95: float


def npv_summary(draws) -> NPVSummary:
    """Mean, spread, chance of a loss and percentiles of simulated NPVs.

    Raises
    ------
    ParameterError (no draws, or draws that are not finite numbers).

    Notes
    -----
    Seed 000, 合约的经济价值: the bottom line of a negotiation plan needs the downside too.

    >>> sm = npv_summary([-10.0, 0.0, 10.0, 20.0])
    >>> sm.mean, sm.prob_loss, sm.p50
    (5.0, 0.25, 5.0)
    """
    func = "npv_summary"
    try:
        x = np.asarray(draws, dtype="float64")
    except (TypeError, ValueError):
        raise ParameterError(f"{func}(): draws must be numbers, e.g. the Series from "
                             f"simulate_npv(); got {type(draws).__name__}.") from None
    if x.ndim != 1 or len(x) == 0 or not np.isfinite(x).all():
        raise ParameterError(f"{func}(): draws must be a non-empty list of finite NPVs, e.g. "
                             "the Series from simulate_npv(); got "
                             f"{show(np.ravel(x).tolist(), 5)}.")
    p5, p50, p95 = np.percentile(x, [5, 50, 95])
    return NPVSummary(n=len(x), mean=float(x.mean()),
                      std=float(x.std(ddof=1)) if len(x) > 1 else float("nan"),
                      prob_loss=float((x < 0).mean()), p5=float(p5), p50=float(p50),
                      p95=float(p95))


# ---------------------------------------------------------------------------------------
# Waterfalls (seed 000: 价值逐轮减少; the net-price levers of 提高利润率的潜在杠杆)
# ---------------------------------------------------------------------------------------

def _steps(steps, func) -> list[tuple[str, float | None, str]]:
    if isinstance(steps, Mapping):
        steps = list(steps.items())
    if isinstance(steps, str | bytes) or not isinstance(steps, Sequence):
        raise ParameterError(
            f"{func}(): steps must be a list of (label, amount) pairs, e.g. "
            f"[('First quote', 100), ('Round 2', -11), ('Now', None)]; got "
            f"{type(steps).__name__}.", name="steps")
    if len(steps) == 0:
        raise ParameterError(f"{func}(): steps is empty; start with the starting level, e.g. "
                             "[('First quote', 100), ...].", name="steps")
    out = []
    for i, step in enumerate(steps):
        if isinstance(step, str | bytes) or not isinstance(step, Sequence) \
                or len(step) not in (2, 3):
            raise ParameterError(
                f"{func}(): steps[{i}] must be a (label, amount) pair (or (label, amount, "
                f"中文 label)); got {step!r}.", name="steps", position=i)
        label, amount, *zh = step
        zh = zh[0] if zh else label
        if not isinstance(label, str) or not isinstance(zh, str):
            raise ParameterError(f"{func}(): steps[{i}] label must be text; got {step!r}. "
                                 "Write the label first, then the amount.",
                                 name="steps", position=i)
        if amount is None and i == 0:
            raise ParameterError(
                f"{func}(): steps[0] is the starting level and needs a number; got "
                f"{step!r}. None marks a subtotal, which needs something before it.",
                name="steps", position=0)
        if amount is not None and not _is_real(amount):
            raise ParameterError(
                f"{func}(): steps[{i}] amount must be a number (or None for a subtotal bar); "
                f"got {step!r}.", name="steps", position=i)
        out.append((label, None if amount is None else float(amount), zh))
    return out


def erosion_waterfall(steps) -> pd.DataFrame:
    """Waterfall table: a starting level, changes and subtotals, as bars to draw.

    ``steps`` is a list of (label, amount) pairs (or (label, amount, 中文 label) triples,
    or a dict label -> amount). The first amount is the starting level; every later
    number is a change (negative = a concession); an amount of ``None`` is a subtotal bar
    showing the running total at that point.

    Returns
    -------
    One row per step: ``label, label_zh`` (the English label when none is given),
    ``amount`` (the change, or the level for start and subtotal bars), ``kind`` ("start",
    "change", "subtotal"), ``start`` (where the bar begins: the running total before a
    change, 0 for start and subtotal bars), ``end`` (where it ends: the running total
    after the step), ``total`` (= end) and ``share_of_start`` (amount / starting level;
    NaN when that level is 0). A falling step has end < start: draw it with
    ``ax.bar(x, end - start, bottom=start)``.

    Raises
    ------
    ParameterError (no steps; a step that is not a pair; a label that is not text; an
    amount that is not a finite number or None; None as the first amount).

    Notes
    -----
    Seed 000, "价值逐轮减少, 指数化合约净现值, 客户举例": :data:`NEGOTIATION_ROUNDS`.

    >>> t = erosion_waterfall([("Quote", 100), ("Round 2", -11), ("Now", None)])
    >>> t[["kind", "start", "end"]].values.tolist()
    [['start', 0.0, 100.0], ['change', 100.0, 89.0], ['subtotal', 0.0, 89.0]]
    """
    func = "erosion_waterfall"
    items = _steps(steps, func)
    rows, running = [], 0.0
    for i, (label, amount, zh) in enumerate(items):
        if i == 0:
            kind, start, end, amount_out = "start", 0.0, amount, amount
        elif amount is None:
            kind, start, end, amount_out = "subtotal", 0.0, running, running
        else:
            kind, start, end, amount_out = "change", running, running + amount, amount
        running = end
        rows.append((label, zh, amount_out, kind, start, end))
    out = pd.DataFrame(rows, columns=["label", "label_zh", "amount", "kind", "start", "end"])
    out["total"] = out["end"]
    first = items[0][1]
    out["share_of_start"] = out["amount"] / first if first != 0 else np.nan
    return out


def _amounts(name, mapping, func, *, what="the amount deducted", example="Volume discount"):
    """A dict label -> amount ≥ 0 as a list of pairs; None is an empty list."""
    if mapping is None:
        return []
    if not isinstance(mapping, Mapping):
        raise ParameterError(
            f"{func}(): {name} must be a dict label -> {what}, e.g. "
            f"{{{example!r}: 4.0}}; got {type(mapping).__name__}.", name=name)
    out = []
    for label, amount in mapping.items():
        if not isinstance(label, str):
            raise ParameterError(f"{func}(): {name} labels must be text; got {label!r}. "
                                 f"Write it as {{{example!r}: 4.0}}.", name=name, label=label)
        if not _is_real(amount) or amount < 0:
            raise ParameterError(
                f"{func}(): {name}[{label!r}] must be a number ≥ 0 ({what}, written as a "
                f"positive number); got {_scalar(amount)!r}. Write {{{label!r}: 4.0}} for "
                "4.0.", name=name, label=label, value=_scalar(amount))
        out.append((label, float(amount)))
    return out


def pocket_price_waterfall(list_price, on_invoice=None, off_invoice=None) -> pd.DataFrame:
    """Pocket-price waterfall: list price → invoice price → pocket price, per unit.

    On-invoice deductions (volume and payment-terms discounts…) take the list price to the
    invoice price; off-invoice deductions (year-end rebates, co-op advertising, freight,
    cash discounts…) take it on to the pocket price, what the deal really earns.

    Parameters
    ----------
    list_price : list price per unit (> 0).
    on_invoice, off_invoice : dicts label -> amount deducted per unit (≥ 0, written as
        positive numbers), in the order to draw; None or {} for none.

    Returns
    -------
    The :func:`erosion_waterfall` table: "List price" (start), each on-invoice deduction
    (a negative change), "Invoice price" (subtotal), each off-invoice deduction, "Pocket
    price" (subtotal). The pocket price is the last row's ``end``; it can be below 0 when
    the deductions exceed the list price (the deal loses money on every unit).

    Raises
    ------
    ParameterError (list price ≤ 0; a deduction < 0 or not a number; not a dict).

    Notes
    -----
    Seed 000, 提高利润率的潜在杠杆 → 提高净销售价格: fewer discounts, smaller year-end rebates,
    payment terms, less co-op advertising — each is a bar here. The layout follows Marn &
    Rosiello's pocket-price waterfall (Harvard Business Review, 1992).

    >>> t = pocket_price_waterfall(100, {"Volume discount": 4, "Payment terms": 1.5},
    ...                            {"Year-end rebate": 3, "Co-op advertising": 2})
    >>> t.loc[t["kind"] == "subtotal", ["label", "end"]].values.tolist()
    [['Invoice price', 94.5], ['Pocket price', 89.5]]
    """
    func = "pocket_price_waterfall"
    lp = _number("list_price", list_price, func, positive=True)
    on = _amounts("on_invoice", on_invoice, func)
    off = _amounts("off_invoice", off_invoice, func, example="Year-end rebate")
    steps = [("List price", lp, "标价")]
    steps += [(label, -x, label) for label, x in on]
    steps.append(("Invoice price", None, "发票价格"))
    steps += [(label, -x, label) for label, x in off]
    steps.append(("Pocket price", None, "口袋价格"))
    return erosion_waterfall(steps)


# ---------------------------------------------------------------------------------------
# Economic value to the customer (seed 000, 对客户的经济价值)
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Negotiation:
    """Result of :func:`negotiation`: where a sequence of concessions leaves the contract.

    ``steps`` is an :func:`erosion_waterfall` table (in CNY, or indexed to the first quote
    = 100) with a ``price`` column (the start price after each round; NaN on the other
    rows). ``prices`` lists the price after each round, the first quote first.
    """

    steps: pd.DataFrame = field(repr=False)
    prices: tuple[float, ...]
    first_npv: float
    agreed_npv: float  # after the rounds, before the rebate
    final_npv: float  # after the rebate, before the aftermarket
    total_npv: float  # with the aftermarket
    walk_away_price: float
    headroom: float  # agreed price − walk-away price, per unit
    headroom_pct: float  # headroom / walk-away price

    @property
    def agreed_price(self) -> float:
        return self.prices[-1]


def negotiation(volumes, start_price, unit_cost, concessions=(), *, rebate=0.0,
                aftermarket=0.0, price_down=0.0, cost_down=0.0, investment=0.0, rate=0.10,
                index=False) -> Negotiation:
    """Play a negotiation on a contract: price concessions round by round, a rebate, the
    aftermarket — as the NPV waterfall of seed 000's "value falls round by round".

    Round 1 is the first quote at ``start_price``; each item of ``concessions`` is the price
    cut of the next round as a fraction of the price before it (0.02 = 2% off), so cuts
    compound. ``rebate`` is a volume rebate (奖励) paid back as a fraction of revenue at the
    agreed price; ``aftermarket`` is the NPV (CNY) of the spare-parts business the contract
    brings (零配件市场的增额). The contract terms are those of :func:`contract_value`.

    Returns
    -------
    Negotiation
        ``steps``: First quote, Round 2 … Round k (NPV changes), Agreed price (subtotal),
        Rebate, After rebate (subtotal), Aftermarket, Total (subtotal) — in CNY, or indexed
        to first-quote NPV = 100 when ``index=True``; plus the prices, the NPVs, the
        walk-away price and the headroom of the agreed price above it.

    Raises
    ------
    ParameterError (as :func:`contract_value`; a concession or rebate outside [0, 1);
    ``index=True`` when the first quote's NPV is not positive — an index of a loss means
    nothing).

    Notes
    -----
    Seed 000, "价值逐轮减少": with thin margins a few percent of price is most of the NPV;
    :data:`NEGOTIATION_ROUNDS` is the seed's own example (100 → 16 → 11 → 40).

    >>> n = negotiation([1000] * 3, 10, 9, [0.02, 0.03], index=True)
    >>> [round(x, 1) for x in n.steps["end"]]
    [100.0, 80.0, 50.6, 50.6, 50.6, 50.6, 50.6, 50.6]
    >>> round(n.agreed_price, 3), round(n.walk_away_price, 3)
    (9.506, 9.0)
    """
    func = "negotiation"
    vol, c, pd_, cd, inv, r = _contract_inputs(func, volumes, unit_cost, price_down, cost_down,
                                               investment, rate)
    p0 = _number("start_price", start_price, func, positive=True)
    if isinstance(concessions, str | bytes) or not isinstance(concessions, Sequence | np.ndarray
                                                                | pd.Series):
        raise ParameterError(
            f"{func}(): concessions must be a list of price cuts, one per round after the first "
            f"quote (0.02 = 2% off); got {concessions!r}.", name="concessions")
    cuts = [_share_below_one(f"concessions[{i}]", x, func) for i, x in enumerate(concessions)]
    reb = _share_below_one("rebate", rebate, func)
    after = _number("aftermarket", aftermarket, func)
    a, b = _pv_weights(vol, pd_, cd, r)
    prices = [p0]
    for cut in cuts:
        prices.append(prices[-1] * (1.0 - cut))
    npvs = [p * a - c * b - inv for p in prices]
    rebate_npv = reb * prices[-1] * a
    scale = 1.0
    if index:
        if not npvs[0] > 0:
            raise ParameterError(
                f"{func}(): index=True needs a positive NPV at the first quote; it is "
                f"{npvs[0]:,.0f}. Show the waterfall in CNY (index=False), or raise the quote.",
                name="index")
        scale = 100.0 / npvs[0]
    steps = [("First quote", npvs[0] * scale, "首轮报价")]
    steps += [(f"Round {k + 2}", (npvs[k + 1] - npvs[k]) * scale, f"第{k + 2}轮")
              for k in range(len(cuts))]
    steps += [("Agreed price", None, "成交价格"), ("Rebate", -rebate_npv * scale, "奖励(返利)"),
              ("After rebate", None, "奖励后"), ("Aftermarket", after * scale, "零配件市场增额"),
              ("Total", None, "总额")]
    table = erosion_waterfall(steps)
    price = np.full(len(table), np.nan)
    price[: len(prices)] = prices
    table.insert(4, "price", price)
    walk = _walk_away(a, b, c, inv)
    return Negotiation(
        steps=table, prices=tuple(prices), first_npv=npvs[0], agreed_npv=npvs[-1],
        final_npv=npvs[-1] - rebate_npv, total_npv=npvs[-1] - rebate_npv + after,
        walk_away_price=walk, headroom=prices[-1] - walk,
        headroom_pct=(prices[-1] - walk) / walk if walk > 0 else float("nan"))


@dataclass(frozen=True)
class ValueSplit:
    """How a price splits the value pool (EVC − reference price) between the two sides.

    ``customer_incentive`` = value − price (why the customer switches), ``premium`` =
    price − reference price (what we keep); they add up to ``pool``. ``customer_share``
    and ``our_share`` are their fractions of the pool (NaN when the pool is 0). A price
    above the EVC makes the incentive negative (the customer has no reason to switch);
    a price below the reference price makes the premium negative (we give value away).
    """

    price: float
    value: float
    reference_price: float
    pool: float
    customer_incentive: float
    premium: float
    customer_share: float
    our_share: float


@dataclass(frozen=True)
class EVC:
    """Result of :func:`evc`: ``value`` = reference price + savings + benefits − negative.

    ``differentiation`` = value − reference price (the value pool). With a ``price``:
    ``customer_incentive`` (value − price) and ``premium`` (price − reference price),
    else None. ``components`` is the waterfall table; ``split(price)`` gives the shares.
    """

    value: float
    reference_price: float
    differentiation: float
    savings: float
    benefits: float
    negative: float
    price: float | None = None
    customer_incentive: float | None = None
    premium: float | None = None
    components: pd.DataFrame = field(default=None, compare=False, repr=False)

    def split(self, price) -> ValueSplit:
        """The customer's incentive, our premium and their shares of the pool at ``price``.

        >>> evc(100, savings=30).split(110).customer_share
        0.6666666666666666
        """
        p = _number("price", price, "EVC.split", positive=True)
        pool = self.differentiation
        incentive, premium = self.value - p, p - self.reference_price
        return ValueSplit(
            price=p, value=self.value, reference_price=self.reference_price, pool=pool,
            customer_incentive=incentive, premium=premium,
            customer_share=incentive / pool if pool != 0 else float("nan"),
            our_share=premium / pool if pool != 0 else float("nan"))


_EVC_PARTS = {
    "savings": ("Life-cycle savings", "寿命周期节约"),
    "benefits": ("Extra benefits", "额外收益"),
    "negative": ("Negative differentiation", "负面差异"),
}


def _evc_items(name, x, func) -> list[tuple[str, float, str]]:
    if isinstance(x, Mapping):
        what = "the amount it takes off" if name == "negative" else "its value per unit"
        items = _amounts(name, x, func, what=what, example=_EVC_PARTS[name][0])
        return [(label, v, label) for label, v in items]
    label, zh = _EVC_PARTS[name]
    if not _is_real(x):
        raise ParameterError(
            f"{func}(): {name} must be a number ≥ 0 or a dict label -> amount, e.g. "
            f"{name}=12 or {name}={{{label!r}: 12}}; got {x!r}.", name=name, value=x)
    v = _number(name, x, func, nonnegative=True)
    return [(label, v, zh)] if v else []


def evc(reference_price, *, savings=0.0, benefits=0.0, negative=0.0, price=None) -> EVC:
    """Economic value to the customer (EVC) of our offer against a reference product.

    EVC = reference product price + life-cycle savings (lower energy use, less downtime…)
    + extra benefits (more output, better quality…) − negative differentiation (switching
    cost, re-qualification, a weaker point of ours). The customer is indifferent between
    the reference product at its price and ours at the EVC.

    Parameters
    ----------
    reference_price : price of the customer's next-best alternative (> 0).
    savings, benefits, negative : a number ≥ 0, or a dict label -> amount ≥ 0 to show
        named items, e.g. {"Lower energy use": 12, "Less downtime": 8}.
    price : our price (> 0), optional: adds ``customer_incentive`` and ``premium``.

    Returns
    -------
    :class:`EVC`: ``value``, ``reference_price``, ``differentiation`` (value − reference
    price), the three totals, ``components`` (an :func:`erosion_waterfall` table:
    reference price, savings items, benefit items, negative items, "EVC" subtotal) and,
    with a price, ``customer_incentive`` and ``premium``; ``split(price)`` at any price.

    Raises
    ------
    ParameterError (reference price or price ≤ 0; an amount < 0 or not a number).

    Notes
    -----
    Seed 000, 对客户的经济价值 ("根据系统成本分析, 找出系统总成本减少以及/或效益增加为OEM创造的
    价值, 并进行量化 … 把定价作为价值共享的手段之一"): price is how the created value is shared.

    >>> e = evc(100, savings={"Lower energy use": 12, "Less downtime": 8}, benefits=10,
    ...         negative=5, price=110)
    >>> e.value, e.differentiation, e.customer_incentive, e.premium
    (125.0, 25.0, 15.0, 10.0)
    """
    func = "evc"
    ref = _number("reference_price", reference_price, func, positive=True)
    s = _evc_items("savings", savings, func)
    b = _evc_items("benefits", benefits, func)
    neg = _evc_items("negative", negative, func)
    p = None if price is None else _number("price", price, func, positive=True)
    steps = [("Reference product price", ref, "参照产品价格"), *s, *b,
             *[(label, -v, zh) for label, v, zh in neg], ("EVC", None, "对客户的经济价值")]
    components = erosion_waterfall(steps)
    total = {name: sum(v for _, v, _ in items) for name, items in
             (("savings", s), ("benefits", b), ("negative", neg))}
    value = float(components["end"].iloc[-1])
    return EVC(value=value, reference_price=ref, differentiation=value - ref,
               savings=float(total["savings"]), benefits=float(total["benefits"]),
               negative=float(total["negative"]), price=p,
               customer_incentive=None if p is None else value - p,
               premium=None if p is None else p - ref, components=components)


# ---------------------------------------------------------------------------------------
# Total cost of ownership (seed 000, OEM系统成本)
# ---------------------------------------------------------------------------------------

def _annuity_factor(rate: float, years: np.ndarray) -> np.ndarray:
    """Present value of 1 a year, paid at the end of each of ``years`` years."""
    if rate == 0:
        return years.astype("float64")
    return (1.0 - (1.0 + rate) ** -years) / rate


def total_cost_of_ownership(offers: pd.DataFrame, *, rate=0.08, offer: str = "offer",
                            price: str = "price", acquisition: str | None = "acquisition",
                            operating: str | None = "operating",
                            end_of_life: str | None = "end_of_life",
                            life: str = "life_years") -> pd.DataFrame:
    """Total cost of ownership (the customer's system cost) of competing offers.

    Price and acquisition costs (freight, installation, qualification, training…) fall
    at t = 0; ``operating`` is a yearly cost (energy, maintenance, consumables…) paid at
    the end of each of the ``life`` years; ``end_of_life`` (disposal, dismantling) falls
    at the end of the last year — a negative value is a salvage or resale value.

    TCO = price + acquisition + operating·AF + end_of_life/(1 + rate)^life, with the
    annuity factor AF = (1 − (1 + rate)^−life)/rate (= life when rate = 0).

    Parameters
    ----------
    offers : one row per offer.
    rate : the customer's yearly discount rate (> −1).
    offer, price, acquisition, operating, end_of_life, life : column names. Pass None
        for ``acquisition``, ``operating`` or ``end_of_life`` when the table has no such
        cost (it counts as 0).

    Returns
    -------
    One row per offer, lowest TCO first (ties keep the table's order): ``offer, price,
    acquisition, operating, life_years, operating_pv, end_of_life, end_of_life_pv, tco,
    tco_per_year, rank_by_price, rank_by_tco, rank_by_tco_per_year``. ``tco_per_year`` is
    the equivalent annual cost, TCO / AF: offers with different lives compare on it, not
    on ``tco``. Ranks are 1 = cheapest (ties share the better rank).

    Raises
    ------
    MissingColumnsError; InvalidDataError (no offers, duplicate or blank offer names,
    blanks or text in a cost column, a negative price, acquisition or operating cost, a
    life that is not a whole number of years ≥ 1 — each names the offer);
    ParameterError (rate ≤ −1).

    Notes
    -----
    Seed 000, OEM系统成本 ("通过车辆使用寿命和产品生命周期, 分析产品购买和装运给OEM带来的总成本;
    确定除单价外, 其他能够为OEM创造价值的领域"): the cheapest price is not the cheapest system.

    >>> import pandas as pd
    >>> offers = pd.DataFrame({"offer": ["Cheap", "Efficient"], "price": [100, 130],
    ...     "acquisition": [10, 10], "operating": [30, 20], "end_of_life": [5, 5],
    ...     "life_years": [5, 5]})
    >>> t = total_cost_of_ownership(offers, rate=0.0)
    >>> t[["offer", "tco", "rank_by_price"]].values.tolist()
    [['Efficient', 245.0, 2], ['Cheap', 265.0, 1]]
    """
    func = "total_cost_of_ownership"
    needed = [c for c in (offer, price, acquisition, operating, end_of_life, life)
              if c is not None]
    require_columns(offers, needed, func=func, source="the offers table")
    r = _rate(rate, func)
    if len(offers) == 0:
        raise InvalidDataError(f"{func}(): the offers table has no rows; add one row per offer.",
                               source="DataFrame")
    names = offers[offer]
    blank = names.isna().to_numpy()
    if blank.any():
        rows = np.flatnonzero(blank).tolist()
        raise InvalidDataError(f"{func}(): column {offer!r} has blank offer names at rows "
                               f"{show(rows)} (0-based positions). Name every offer.",
                               column=offer, rows=rows)
    dup = names[names.duplicated(keep=False)]
    if len(dup):
        repeated = list(dict.fromkeys(dup.tolist()))
        raise InvalidDataError(
            f"{func}(): offer names must be unique; {show(repeated)} appear more than once in "
            f"column {offer!r}. Give each offer its own name (e.g. 'Supplier A, 5 years').",
            column=offer, values=repeated)
    label = names.tolist()
    n = len(offers)

    def money(column, *, nonnegative=True):
        if column is None:
            return np.zeros(n)
        x = numeric_column(offers, column, func=func).to_numpy()
        bad = x < 0
        if nonnegative and bad.any():
            which = [label[i] for i in np.flatnonzero(bad)]
            raise InvalidDataError(
                f"{func}(): column {column!r} must be 0 or more; offers {show(which)} have "
                f"{show(x[bad].tolist())}. Costs are positive amounts (only end_of_life may "
                "be negative, for a resale value).", column=column, values=which)
        return x

    p = money(price)
    acq = money(acquisition)
    op = money(operating)
    eol = money(end_of_life, nonnegative=False)
    years = numeric_column(offers, life, func=func).to_numpy()
    bad = (years < 1) | (years != np.round(years))
    if bad.any():
        which = [label[i] for i in np.flatnonzero(bad)]
        raise InvalidDataError(
            f"{func}(): column {life!r} must be whole years, 1 or more; offers {show(which)} "
            f"have {show(years[bad].tolist())}. Round the life to full years (e.g. 5).",
            column=life, values=which)
    af = _annuity_factor(r, years)
    out = pd.DataFrame({"offer": label, "price": p, "acquisition": acq, "operating": op,
                        "life_years": years.astype("int64"), "operating_pv": op * af,
                        "end_of_life": eol, "end_of_life_pv": eol * (1.0 + r) ** -years})
    out["tco"] = out["price"] + out["acquisition"] + out["operating_pv"] + out["end_of_life_pv"]
    out["tco_per_year"] = out["tco"] / af
    for column, key in (("rank_by_price", "price"), ("rank_by_tco", "tco"),
                        ("rank_by_tco_per_year", "tco_per_year")):
        out[column] = out[key].rank(method="min").astype("int64")
    order = np.argsort(out["tco"].to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)


#: Short alias of :func:`total_cost_of_ownership`.
tco = total_cost_of_ownership


# =======================================================================================
# Industry cost curve and competitor costs
# =======================================================================================
# List every plant that serves the market in order of rising cash cost and stack their
# capacities: that is the industry cost curve. Where demand crosses it, the last plant
# needed (the *marginal* plant) sets the market price, because every cheaper plant covers
# its cash cost at that price and the next one would not be needed. From the same table
# follow what capacity changes do to price (a new low-cost plant pushes the marginal plant
# to the left; a closure pushes it to the right) and the range a competitor is likely to
# bid in.

#: Status of a plant on the curve at a given demand, in curve order -> 中文.
PLANT_STATUS = {"runs": "运行", "marginal": "边际(定价)", "idle": "闲置"}

#: What a scenario of :func:`capacity_scenarios` may change.
SCENARIO_KEYS = ("add", "close", "demand")

# Capacities are summed in floating point; a cumulative capacity within this relative
# tolerance of demand counts as reaching it, so "exactly at a boundary" stays exact.
_RTOL = 1e-9


# ---------------------------------------------------------------------------------------
# Validation helpers
# ---------------------------------------------------------------------------------------

def _fmt(x) -> str:
    x = float(x)
    return f"{x:,.0f}" if x.is_integer() else f"{x:,.2f}"


def _where(df, mask, plant) -> str:
    """'rows [1, 3] (0-based positions; plants ['B', 'D'])' for an error message."""
    rows = list(np.flatnonzero(mask))
    text = f"rows {show(rows)} (0-based positions"
    if plant is not None and plant in df.columns:
        text += f"; plant(s) {show(df[plant].to_numpy()[mask].tolist())}"
    return text + ")"


def _values(df, column, func, plant, what) -> np.ndarray:
    """A numeric column as a float array; blanks and infinities name the plants."""
    x = numeric_column(df, column, func=func, allow_nan=True).to_numpy()
    bad = ~np.isfinite(x)
    if bad.any():
        raise InvalidDataError(
            f"{func}(): column {column!r} ({what}) has blanks at {_where(df, bad, plant)}. "
            f"Every plant needs its {what}: fill it in, or drop the plant "
            "(close_capacity(...)).",
            column=column, rows=list(np.flatnonzero(bad)))
    return x


def _plants(df, func, capacity, cost, plant, *, source="the plants table"):
    """Validate a plants table once; return (capacity, cost) as float arrays."""
    cols = [capacity, cost] + ([plant] if plant is not None else [])
    require_columns(df, cols, func=func, source=source)
    if len(df) == 0:
        raise InvalidDataError(
            f"{func}(): {source} has no rows; the cost curve needs at least one plant.",
            source=source)
    cap = _values(df, capacity, func, plant, "capacity")
    negative = cap < 0
    if negative.any():
        raise InvalidDataError(
            f"{func}(): capacity must be 0 or more; {_where(df, negative, plant)} have "
            f"{show(cap[negative].tolist())}. A closed plant has capacity 0, or remove it "
            "with close_capacity(...).",
            column=capacity, rows=list(np.flatnonzero(negative)))
    return cap, _values(df, cost, func, plant, "cash cost")


def _clear(cap_sorted, demand, func):
    """Index of the marginal plant on the sorted curve, the cumulative capacity, the total."""
    cum = np.cumsum(cap_sorted)
    total = float(cum[-1])
    tol = _RTOL * max(total, demand)
    if demand > total + tol:
        raise ParameterError(
            f"{func}(): demand is {_fmt(demand)} but the plants' total capacity is "
            f"{_fmt(total)}; the market cannot be served at any price. Lower demand or add "
            "capacity (add_capacity(...)).",
            demand=demand, total_capacity=total)
    # the first plant with capacity whose cumulative capacity reaches demand
    reached = (cum >= demand - tol) & (cap_sorted > 0)
    return int(np.argmax(reached)), cum, total


def _label(value):
    return value.item() if hasattr(value, "item") else value


# ---------------------------------------------------------------------------------------
# The curve and the clearing price
# ---------------------------------------------------------------------------------------

def clearing_price(plants: pd.DataFrame, demand, *, capacity: str = "capacity",
                   cost: str = "cash_cost") -> float:
    """The market price where demand crosses the industry cost curve.

    Plants are sorted by cash cost (ascending; ties keep input order) and their capacities
    added up. The price is the cash cost of the *marginal* plant: the first whose
    cumulative capacity reaches demand. Demand exactly at a boundary is served by the
    earlier plant, which is then marginal.

    Parameters
    ----------
    plants : one row per plant, with ``capacity`` (≥ 0) and ``cost`` (cash cost per unit).
    demand : the quantity the market needs (> 0, same unit as capacity).
    capacity, cost : column names.

    Returns
    -------
    float, the clearing price (per unit, in the cost column's currency).

    Raises
    ------
    MissingColumnsError (a column is absent), InvalidDataError (negative capacity, blank
    or non-numeric capacity/cost, no rows), ParameterError (demand ≤ 0, or above total
    capacity).

    Notes
    -----
    Seed 000, "行业成本曲线": list all capacity serving the market in order of rising cost
    ("按照成本的增加,列出相关市场化的全部生产能力") to forecast the market price range
    ("预测市价范围"). Demand above capacity is a ParameterError, not an InvalidDataError:
    the plant data are fine; it is the demand asked for (or the scenario) that cannot be
    met, and the fix is a different argument.

    >>> import pandas as pd
    >>> plants = pd.DataFrame({"capacity": [100, 200, 150, 50], "cash_cost": [20, 35, 30, 50]})
    >>> clearing_price(plants, 250), clearing_price(plants, 251)
    (30.0, 35.0)
    """
    func = "clearing_price"
    plant = "plant" if isinstance(plants, pd.DataFrame) and "plant" in plants.columns else None
    cap, c = _plants(plants, func, capacity, cost, plant)
    d = _number("demand", demand, func, positive=True)
    order = np.argsort(c, kind="stable")
    idx, _, _ = _clear(cap[order], d, func)
    return float(c[order][idx])


def cost_curve(plants: pd.DataFrame, demand=None, *, capacity: str = "capacity",
               cost: str = "cash_cost", plant: str | None = "plant") -> pd.DataFrame:
    """The industry cost curve as a table, ready for a variable-width bar chart.

    Returns
    -------
    A new DataFrame, one row per plant sorted by cash cost (ties keep input order), with
    every input column (owner, region, full cost … are kept), ``capacity`` and ``cost``
    as floats, and:

    - ``left``: cumulative capacity before the plant (the bar's left edge);
    - ``width``: its capacity (the bar's width);
    - ``cum_capacity``: cumulative capacity up to and including it (the right edge).

    When ``demand`` is given, also:

    - ``dispatched``: capacity used to meet demand — all of it for plants left of the
      marginal one, the remainder for the marginal plant, 0 after it; sums to demand;
    - ``marginal``: True for the plant that sets the price;
    - ``status`` / ``status_zh``: "runs" / "marginal" / "idle" (ordered categorical,
      :data:`PLANT_STATUS`). Plants with capacity 0 are idle.

    Parameters
    ----------
    plants : one row per plant.
    demand : optional market demand (> 0, at most total capacity).
    capacity, cost : column names.
    plant : the plant-name column; ``None`` names plants by their index label (added as
        a ``plant`` column).

    Raises
    ------
    As :func:`clearing_price`; MissingColumnsError also for an absent ``plant`` column.

    Notes
    -----
    Seed 000, "行业成本曲线": capacity listed by rising cost; where demand crosses it
    forecasts the price range.

    >>> import pandas as pd
    >>> plants = pd.DataFrame({"plant": ["A", "B", "C", "D"],
    ...     "capacity": [100, 200, 150, 50], "cash_cost": [20, 35, 30, 50]})
    >>> curve = cost_curve(plants, demand=300)
    >>> curve[["plant", "left", "width", "dispatched"]].values.tolist()
    [['A', 0.0, 100.0, 100.0], ['C', 100.0, 150.0, 150.0], ['B', 250.0, 200.0, 50.0], ['D', 450.0, 50.0, 0.0]]
    >>> curve["status"].tolist()
    ['runs', 'runs', 'marginal', 'idle']
    """
    func = "cost_curve"
    return _curve(plants, demand, capacity, cost, plant, func)[0]


def _curve(plants, demand, capacity, cost, plant, func):
    cap, c = _plants(plants, func, capacity, cost, plant)
    d = None if demand is None else _number("demand", demand, func, positive=True)
    order = np.argsort(c, kind="stable")
    cap_s = cap[order]
    out = plants.iloc[order].reset_index(drop=True)
    if plant is None and "plant" not in out.columns:
        out.insert(0, "plant", plants.index[order])
    out[capacity] = cap_s
    out[cost] = c[order]
    cum = np.cumsum(cap_s)
    out["left"] = cum - cap_s
    out["width"] = cap_s
    out["cum_capacity"] = cum
    if d is None:
        return out, None, float(cum[-1])
    idx, cum, total = _clear(cap_s, d, func)
    dispatched = np.zeros_like(cap_s)
    dispatched[:idx] = cap_s[:idx]
    dispatched[idx] = min(cap_s[idx], d - (cum[idx] - cap_s[idx]))
    position = np.arange(len(cap_s))
    status = np.where(position < idx, "runs", np.where(position == idx, "marginal", "idle"))
    status = np.where(cap_s > 0, status, "idle")
    out["dispatched"] = dispatched
    out["marginal"] = position == idx
    out["status"] = pd.Categorical(status, categories=list(PLANT_STATUS), ordered=True)
    out["status_zh"] = [PLANT_STATUS[s] for s in status]
    return out, idx, total


@dataclass(frozen=True)
class MarketClearing:
    """Result of :func:`market_clearing`.

    ``price``: cash cost of the marginal plant. ``marginal_plant``: its name.
    ``demand``, ``total_capacity``; ``utilisation`` = demand / total capacity (1.0 = every
    plant runs full); ``spare_capacity`` = total capacity − demand. ``curve``: the table of
    :func:`cost_curve` with ``dispatched`` and ``status``.
    """

    price: float
    marginal_plant: object
    demand: float
    total_capacity: float
    utilisation: float
    spare_capacity: float
    curve: pd.DataFrame


def market_clearing(plants: pd.DataFrame, demand, *, capacity: str = "capacity",
                    cost: str = "cash_cost", plant: str | None = "plant") -> MarketClearing:
    """Where demand crosses the cost curve: price, marginal plant, utilisation, spare capacity.

    Parameters and errors as :func:`cost_curve` (``demand`` is required here).

    Returns
    -------
    :class:`MarketClearing`.

    Notes
    -----
    Seed 000, "行业成本曲线": forecast the price range and understand what capacity
    changes do to the industry ("了解产能变对行业整合所带来的影响"). Tight markets (high
    utilisation) clear on expensive plants; spare capacity on the cheap side keeps prices
    low.

    >>> import pandas as pd
    >>> plants = pd.DataFrame({"plant": ["A", "B", "C", "D"],
    ...     "capacity": [100, 200, 150, 50], "cash_cost": [20, 35, 30, 50]})
    >>> m = market_clearing(plants, 400)
    >>> m.price, m.marginal_plant, m.utilisation, m.spare_capacity
    (35.0, 'B', 0.8, 100.0)
    """
    func = "market_clearing"
    if demand is None:
        raise ParameterError(f"{func}(): demand is required, e.g. market_clearing(plants, "
                             "4_500); for the curve alone use cost_curve(plants).")
    curve, idx, total = _curve(plants, demand, capacity, cost, plant, func)
    d = float(demand)
    return MarketClearing(
        price=float(curve[cost].iloc[idx]),
        marginal_plant=_label(curve["plant" if plant is None else plant].iloc[idx]),
        demand=d, total_capacity=total, utilisation=d / total,
        spare_capacity=max(total - d, 0.0), curve=curve)


# ---------------------------------------------------------------------------------------
# Capacity changes
# ---------------------------------------------------------------------------------------

def _as_frame(new_plants, func) -> pd.DataFrame:
    if isinstance(new_plants, pd.DataFrame):
        return new_plants
    if isinstance(new_plants, Mapping):
        return pd.DataFrame([dict(new_plants)])
    if isinstance(new_plants, (list, tuple)) and all(isinstance(r, Mapping) for r in new_plants):
        return pd.DataFrame([dict(r) for r in new_plants])
    raise ParameterError(
        f"{func}(): new plants must be a DataFrame, a dict for one plant or a list of dicts, "
        "e.g. [{'plant': 'New mill', 'company': 'X', 'capacity': 300, 'cash_cost': 18}]; "
        f"got {type(new_plants).__name__}.", got=type(new_plants).__name__)


def add_capacity(plants: pd.DataFrame, new_plants, *, capacity: str = "capacity",
                 cost: str = "cash_cost", plant: str | None = "plant") -> pd.DataFrame:
    """The plants table with new plants appended (a new frame; the input is unchanged).

    Parameters
    ----------
    plants : the current plants.
    new_plants : a DataFrame, a dict (one plant) or a list of dicts with at least the
        ``capacity`` and ``cost`` columns (and ``plant`` unless ``plant=None``). Columns the
        new plants lack (e.g. ``region``) are left blank.

    Returns
    -------
    A new DataFrame: the old rows, then the new ones, index 0…n−1.

    Raises
    ------
    MissingColumnsError, InvalidDataError (bad values; a new plant name already in the
    table or repeated), ParameterError (``new_plants`` of the wrong type).

    Notes
    -----
    Seed 000: "了解产能变对行业整合所带来的影响" — a new low-cost plant moves the
    marginal plant left and can only lower (or keep) the price.

    >>> import pandas as pd
    >>> plants = pd.DataFrame({"plant": ["A", "B"], "capacity": [100, 200],
    ...     "cash_cost": [20, 35]})
    >>> bigger = add_capacity(plants, {"plant": "N", "capacity": 150, "cash_cost": 15})
    >>> bigger["plant"].tolist(), clearing_price(plants, 250), clearing_price(bigger, 250)
    (['A', 'B', 'N'], 35.0, 20.0)
    """
    func = "add_capacity"
    _plants(plants, func, capacity, cost, plant)
    new = _as_frame(new_plants, func)
    if len(new) == 0:
        return plants.copy()
    _plants(new, func, capacity, cost, plant, source="the new plants")
    if plant is not None:
        names = new[plant]
        clash = names.isin(set(plants[plant])) | names.duplicated()
        if clash.any():
            raise InvalidDataError(
                f"{func}(): plant name(s) {show(names[clash].tolist())} are already in the "
                "table (or repeated among the new plants); each plant needs its own name. "
                "Rename the new plant, or close the old one first (close_capacity(...)).",
                column=plant, values=names[clash].tolist())
    return pd.concat([plants, new], ignore_index=True)


def _names(names) -> list:
    if isinstance(names, str) or not hasattr(names, "__iter__"):
        return [names]
    return list(names)


def close_capacity(plants: pd.DataFrame, names, *, plant: str = "plant") -> pd.DataFrame:
    """The plants table without the named plants (a new frame; the input is unchanged).

    Parameters
    ----------
    plants : the current plants, with a ``plant`` name column.
    names : one plant name or a list of them. Every row with that name is removed.

    Returns
    -------
    A new DataFrame, the remaining rows in their order, index 0…n−1.

    Raises
    ------
    MissingColumnsError (no ``plant`` column), ParameterError (a name not in the table:
    the message lists the known names and the closest match).

    Notes
    -----
    Seed 000: "了解产能变对行业整合所带来的影响" — closing a plant moves the marginal
    plant right and can only raise (or keep) the price.

    >>> import pandas as pd
    >>> plants = pd.DataFrame({"plant": ["A", "B", "C"], "capacity": [100, 200, 150],
    ...     "cash_cost": [20, 35, 30]})
    >>> close_capacity(plants, "C")["plant"].tolist()
    ['A', 'B']
    """
    func = "close_capacity"
    require_columns(plants, [plant], func=func, source="the plants table")
    wanted = _names(names)
    known = plants[plant].tolist()
    unknown = [n for n in wanted if n not in set(known)]
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), [str(k) for k in known], n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ParameterError(
            f"{func}(): no plant named {show(unknown)}; the plants are {show(known, 12)}.{hint}",
            unknown=unknown, known=known)
    return plants[~plants[plant].isin(wanted)].reset_index(drop=True)


def capacity_scenarios(plants: pd.DataFrame, demand, scenarios, *,
                       capacity: str = "capacity", cost: str = "cash_cost",
                       plant: str = "plant") -> pd.DataFrame:
    """What capacity changes (and demand changes) do to the clearing price.

    Parameters
    ----------
    plants : the current plants (the baseline).
    demand : baseline demand.
    scenarios : dict scenario name -> dict with any of ``"add"`` (new plants, as for
        :func:`add_capacity`), ``"close"`` (plant names, as for :func:`close_capacity`)
        and ``"demand"`` (replaces the baseline demand). Closures are applied before
        additions, so a scenario can replace a plant by a new one of the same name.

    Returns
    -------
    One row per scenario, ``"baseline"`` first then in the order given: ``scenario``,
    ``demand``, ``total_capacity``, ``price``, ``price_change`` (vs baseline),
    ``price_change_pct`` (fraction; 0.1 = +10%), ``marginal_plant``, ``utilisation``,
    ``spare_capacity``.

    Raises
    ------
    ParameterError (a scenario that is not a dict, unknown keys, a scenario called
    "baseline", demand above a scenario's capacity), and the errors of
    :func:`add_capacity` / :func:`close_capacity` — each message names the scenario.

    Notes
    -----
    Seed 000, "行业成本曲线": "了解产能变对行业整合所带来的影响" — what capacity changes do
    to the industry and its price.

    >>> import pandas as pd
    >>> plants = pd.DataFrame({"plant": ["A", "B", "C", "D"],
    ...     "capacity": [100, 200, 150, 50], "cash_cost": [20, 35, 30, 50]})
    >>> t = capacity_scenarios(plants, 300, {
    ...     "new mill": {"add": [{"plant": "N", "capacity": 100, "cash_cost": 10}]},
    ...     "B closes": {"close": ["B"]}})
    >>> t[["scenario", "price", "price_change", "marginal_plant"]].values.tolist()
    [['baseline', 35.0, 0.0, 'B'], ['new mill', 30.0, -5.0, 'C'], ['B closes', 50.0, 15.0, 'D']]
    """
    func = "capacity_scenarios"
    if not isinstance(scenarios, Mapping):
        raise ParameterError(
            f"{func}(): scenarios must be a dict name -> changes, e.g. {{'new mill': "
            "{'add': [{'plant': 'N', 'capacity': 300, 'cash_cost': 18}]}, 'closure': "
            f"{{'close': ['B']}}}}; got {type(scenarios).__name__}.")
    if "baseline" in scenarios:
        raise ParameterError(f"{func}(): 'baseline' is the name of the unchanged case, always "
                             "the first row; give your scenario another name.")
    rows = [("baseline", market_clearing(plants, demand, capacity=capacity, cost=cost,
                                         plant=plant))]
    for name, spec in scenarios.items():
        if not isinstance(spec, Mapping):
            raise ParameterError(
                f"{func}(): scenario {name!r} must be a dict with keys among "
                f"{list(SCENARIO_KEYS)}; got {type(spec).__name__}.", scenario=name)
        unknown = [k for k in spec if k not in SCENARIO_KEYS]
        if unknown:
            raise ParameterError(
                f"{func}(): scenario {name!r} has unknown key(s) {show(unknown)}; use "
                f"{list(SCENARIO_KEYS)}.", scenario=name, unknown=unknown)
        try:
            p = plants
            if spec.get("close") is not None:
                p = close_capacity(p, spec["close"], plant=plant)
            if spec.get("add") is not None:
                p = add_capacity(p, spec["add"], capacity=capacity, cost=cost, plant=plant)
            d = spec.get("demand", demand)
            rows.append((name, market_clearing(p, d, capacity=capacity, cost=cost,
                                               plant=plant)))
        except KamlabError as err:
            raise type(err)(f"{func}(), scenario {name!r}: {err.message}", scenario=name,
                      **err.fields) from None
    base = rows[0][1].price
    out = pd.DataFrame({
        "scenario": [name for name, _ in rows],
        "demand": [m.demand for _, m in rows],
        "total_capacity": [m.total_capacity for _, m in rows],
        "price": [m.price for _, m in rows],
    })
    out["price_change"] = out["price"] - base
    out["price_change_pct"] = out["price_change"] / base if base else np.nan
    out["marginal_plant"] = [m.marginal_plant for _, m in rows]
    out["utilisation"] = [m.utilisation for _, m in rows]
    out["spare_capacity"] = [m.spare_capacity for _, m in rows]
    return out


# ---------------------------------------------------------------------------------------
# Competitor bids
# ---------------------------------------------------------------------------------------

def bid_range(plants: pd.DataFrame, *, owner: str = "company", capacity: str = "capacity",
              cost: str = "cash_cost", full_cost: str = "full_cost", margin=0.10,
              price=None) -> pd.DataFrame:
    """The price range each competitor is likely to bid in, from its plants' costs.

    - **floor**: the lowest cash cost among the company's plants. A competitor can serve a
      contract from its cheapest plant, and will not bid below that plant's cash cost for
      long: every unit sold would lose cash. (The capacity-weighted average cash cost,
      ``avg_cash_cost``, is shown beside it; it is the floor for a contract large enough
      to need all its plants, and overstates how low a hungry competitor can go.)
    - **ceiling**: the capacity-weighted full cost × (1 + ``margin``) — what it would ask
      to cover all its costs and earn a normal margin. With ``price`` (the market
      clearing price, e.g. from :func:`clearing_price`) the ceiling is capped at it:
      the buyer can get the product at the market price elsewhere. The ceiling is never
      below the floor (a company whose floor is above the market price keeps a range of
      one point, its floor: it cannot win at the market price without losing cash).

    Plants with capacity 0 (closed) are left out; a company with no open plant has no row.

    Parameters
    ----------
    plants : one row per plant with ``owner``, ``capacity``, ``cost`` (cash cost) and
        ``full_cost`` (cash cost plus depreciation and overheads, per unit).
    margin : the margin on full cost a competitor aims for, a fraction (0.10 = 10%).
    price : optional market price to cap the ceiling at.

    Returns
    -------
    One row per competitor, lowest floor first (ties in order of first appearance):
    ``owner``, ``plants`` (open plants), ``capacity``, ``floor``, ``avg_cash_cost``,
    ``avg_full_cost``, ``ceiling`` and, with ``price``, ``capped`` (the ceiling was
    lowered to the price).

    Raises
    ------
    MissingColumnsError, InvalidDataError (blank owner, negative capacity, blank costs,
    full cost below cash cost), ParameterError (margin outside [0, 1], price ≤ 0).

    Notes
    -----
    Seed 000, "竞争者成本分析": the cost elements that differ most between companies feed
    the industry cost curve and help to understand competitors' likely pricing strategy
    ("了解竞争者可能的定价策略") and to predict their bids ("预测竞争者的投标情况").

    >>> import pandas as pd
    >>> plants = pd.DataFrame({"plant": ["A", "B", "C"], "company": ["X", "Y", "X"],
    ...     "capacity": [100, 200, 300], "cash_cost": [20, 35, 30],
    ...     "full_cost": [30, 45, 40]})
    >>> t = bid_range(plants, margin=0.10)
    >>> t[["company", "floor", "ceiling"]].round(2).values.tolist()
    [['X', 20.0, 41.25], ['Y', 35.0, 49.5]]
    """
    func = "bid_range"
    require_columns(plants, [owner, capacity, cost, full_cost], func=func,
                    source="the plants table")
    plant = "plant" if "plant" in plants.columns else None
    cap, cash = _plants(plants, func, capacity, cost, plant)
    full = _values(plants, full_cost, func, plant, "full cost")
    m = check_fraction("margin", margin, func=func, inclusive_zero=True)
    p = None if price is None else _number("price", price, func, positive=True)
    blank = plants[owner].isna().to_numpy()
    if blank.any():
        raise InvalidDataError(
            f"{func}(): column {owner!r} names the competitor that owns each plant; it is "
            f"blank at {_where(plants, blank, plant)}. Fill in the owner.",
            column=owner, rows=list(np.flatnonzero(blank)))
    below = full < cash
    if below.any():
        raise InvalidDataError(
            f"{func}(): full cost is below cash cost at {_where(plants, below, plant)} "
            f"({show(full[below].tolist())} < {show(cash[below].tolist())}). Full cost is "
            "cash cost plus depreciation and overheads; check the two columns are not "
            f"swapped (pass cost=... and full_cost=...).",
            column=full_cost, rows=list(np.flatnonzero(below)))
    open_ = cap > 0
    g = pd.DataFrame({"o": plants[owner].to_numpy()[open_], "cap": cap[open_],
                      "cash": cash[open_], "cash_w": (cap * cash)[open_],
                      "full_w": (cap * full)[open_]})
    agg = g.groupby("o", sort=False).agg(plants=("cap", "size"), capacity=("cap", "sum"),
                                         floor=("cash", "min"), cash_w=("cash_w", "sum"),
                                         full_w=("full_w", "sum"))
    out = pd.DataFrame({owner: agg.index.to_numpy(), "plants": agg["plants"].to_numpy(),
                        "capacity": agg["capacity"].to_numpy(),
                        "floor": agg["floor"].to_numpy()})
    out["avg_cash_cost"] = (agg["cash_w"] / agg["capacity"]).to_numpy()
    out["avg_full_cost"] = (agg["full_w"] / agg["capacity"]).to_numpy()
    ceiling = out["avg_full_cost"].to_numpy() * (1 + m)
    if p is not None:
        out["ceiling"] = np.maximum(np.minimum(ceiling, p), out["floor"].to_numpy())
        out["capped"] = ceiling > p
    else:
        out["ceiling"] = ceiling
    order = np.argsort(out["floor"].to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)
