"""Module 4 — the economic value of a contract: NPV, IRR, walk-away and target price.

Seed 000, 合约的经济价值 (one of 五项重要经济工具): the closed-form contract NPV, a tornado
of what moves it most, a Monte Carlo of how uncertain it is, and the negotiation played
on it round by round ("价值逐轮减少").
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy_financial as npf
import pandas as pd

from kamlab._validate import number as _number
from kamlab._validate import show
from kamlab.economics._common import _rate, _share_below_one, _volumes
from kamlab.economics.waterfalls import erosion_waterfall
from kamlab.exceptions import ParameterError

__all__ = [
    "SENSITIVITY_INPUTS",
    "ContractValue", "contract_value", "price_for_npv", "npv_sensitivity",
    "simulate_npv", "NPVSummary", "npv_summary",
    "Negotiation", "negotiation",
]

#: The inputs :func:`npv_sensitivity` moves, in tornado order before sorting (codes; their
#: labels are ``kamlab.i18n.value_label("input", name)``).
SENSITIVITY_INPUTS = ("volume", "start_price", "unit_cost", "price_down", "cost_down",
                      "investment", "rate")


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
    One row per input of :data:`SENSITIVITY_INPUTS`: ``input, base_value,
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
    for name in SENSITIVITY_INPUTS:
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
            rows.append((name, total_volume, total_volume * lo, total_volume * hi,
                         npv_lo, npv_hi))
        else:
            rows.append((name, base[name], lo, hi, npv_lo, npv_hi))
    out = pd.DataFrame(rows, columns=["input", "base_value", "low_value",
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
# Negotiation (seed 000, 价值逐轮减少)
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
