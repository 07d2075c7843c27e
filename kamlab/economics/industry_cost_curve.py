"""Module 4 — the industry cost curve and competitor costs: who sets the market price.

Seed 000, 行业成本曲线 and 竞争者成本分析: plants stacked by rising cash cost, the clearing
price and marginal plant, what capacity additions and closures do to the price, and the
range each competitor is likely to bid in.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import check_fraction, numeric_column, require_columns, show
from kamlab._validate import number as _number
from kamlab.economics._common import _scalar
from kamlab.exceptions import InvalidDataError, KamlabError, ParameterError

__all__ = [
    "PLANT_STATUS", "SCENARIO_KEYS",
    "clearing_price", "cost_curve", "MarketClearing", "market_clearing",
    "add_capacity", "close_capacity", "capacity_scenarios", "bid_range",
]

# List every plant that serves the market in order of rising cash cost and stack their
# capacities: that is the industry cost curve. Where demand crosses it, the last plant
# needed (the *marginal* plant) sets the market price, because every cheaper plant covers
# its cash cost at that price and the next one would not be needed. From the same table
# follow what capacity changes do to price (a new low-cost plant pushes the marginal plant
# to the left; a closure pushes it to the right) and the range a competitor is likely to
# bid in.

#: Status of a plant on the curve at a given demand, in curve order (codes; i18n labels them).
PLANT_STATUS = ("runs", "marginal", "idle")

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
    - ``status``: "runs" / "marginal" / "idle" (ordered categorical, :data:`PLANT_STATUS`;
      labels: ``kamlab.i18n.value_label("plant_status", …)``). Plants with capacity 0 are idle.

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
        marginal_plant=_scalar(curve["plant" if plant is None else plant].iloc[idx]),
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
    - **ceiling**: the capacity-weighted full cost × (1 + ``margin``) — what its cost
      position lets it ask: all its costs covered and a normal margin earned. It is not
      capped at the market price, so the ranges differ from company to company: a ceiling
      above the market price says the company needs more than the market pays to earn its
      margin (it will bid lower when it wants the volume, down to its floor).
    - with ``price`` (the market clearing price, e.g. from :func:`clearing_price`),
      **below_price** = price − floor: how far below the market price the company can bid
      before it loses cash — how hard it can undercut. Negative when its floor is above the
      price: it cannot even match the market price without losing cash.

    Plants with capacity 0 (closed) are left out; a company with no open plant has no row.

    Parameters
    ----------
    plants : one row per plant with ``owner``, ``capacity``, ``cost`` (cash cost) and
        ``full_cost`` (cash cost plus depreciation and overheads, per unit).
    margin : the margin on full cost a competitor aims for, a fraction (0.10 = 10%).
    price : optional market price to measure the floors against (a reference, not a cap).

    Returns
    -------
    One row per competitor, lowest floor first (ties in order of first appearance):
    ``owner``, ``plants`` (open plants), ``capacity``, ``floor``, ``avg_cash_cost``,
    ``avg_full_cost``, ``ceiling`` (≥ floor) and, with ``price``, ``below_price``.

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
    >>> t = bid_range(plants, margin=0.10, price=35)
    >>> t[["company", "floor", "ceiling", "below_price"]].round(2).values.tolist()
    [['X', 20.0, 41.25, 15.0], ['Y', 35.0, 49.5, 0.0]]
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
    out["ceiling"] = out["avg_full_cost"].to_numpy() * (1 + m)
    if p is not None:
        out["below_price"] = p - out["floor"].to_numpy()
    order = np.argsort(out["floor"].to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)
