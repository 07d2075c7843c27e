"""Module 3 — the profit lever tree (seed 000, "提高利润率的潜在杠杆"): where more profit
comes from inside a key account.

Profit contribution = unit margin × volume − cost to serve; each lever (price, volume,
unit cost, cost to serve) is quantified before choosing where to push. Moved by the same 1%,
price always wins (1% of revenue is more than 1% of any cost line), so :func:`lever_room`
sizes each lever by the move the account can realistically make — the gap to its peers —
and the best lever then differs from account to account.

>>> lever_impact(100, 90, 1_000)["lever"].tolist()
['price', 'unit cost', 'volume', 'cost to serve']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kamlab._validate import check_fraction, numeric_column, require_columns
from kamlab._validate import number as _number
from kamlab.exceptions import ParameterError

__all__ = ["LEVERS", "ROOM_COLUMNS", "profit_contribution", "lever_impact", "lever_moves",
           "account_levers", "lever_room"]

#: seed 000, "提高利润率的潜在杠杆": the profit lever tree, one row per leaf.
#: Profit contribution = unit margin × volume − cost to serve.
LEVERS = pd.DataFrame(
    [
        ("unit margin", "单位毛利率", "net price", "提高净销售价格", "fewer discounts", "减少折扣"),
        ("unit margin", "单位毛利率", "net price", "提高净销售价格", "smaller year-end rebates",
         "减少年底奖励"),
        ("unit margin", "单位毛利率", "net price", "提高净销售价格", "better payment terms",
         "改变支付条款"),
        ("unit margin", "单位毛利率", "net price", "提高净销售价格", "less co-op advertising",
         "减少共同广告"),
        ("unit margin", "单位毛利率", "net price", "提高净销售价格", "list-price increase",
         "提高所有产品的标价"),
        ("unit margin", "单位毛利率", "mix", "改善产品组合", "higher-margin substitutes",
         "更高毛利率的产品替代"),
        ("unit margin", "单位毛利率", "mix", "改善产品组合", "bundling", "进行捆绑"),
        ("volume", "数量", "new applications", "新应用", "new applications", "新应用"),
        ("volume", "数量", "existing applications", "现有应用",
         "raise the customer's throughput", "提高客户的出货量"),
        ("volume", "数量", "existing applications", "现有应用", "discourage competitors",
         "不鼓励竞争"),
        ("cost to serve", "服务成本", "logistics", "物流方面", "change logistics", "改变物流"),
        ("cost to serve", "服务成本", "working capital", "流动资金方面",
         "less inventory and receivables", "减少库存与应收"),
        ("cost to serve", "服务成本", "selling", "销售方面", "lower selling cost", "降低销售成本"),
        ("cost to serve", "服务成本", "administration", "管理方面", "lower admin cost",
         "降低管理成本"),
    ],
    columns=["driver", "driver_zh", "lever", "lever_zh", "action", "action_zh"],
)


def profit_contribution(price, unit_cost, volume, cost_to_serve=0.0) -> float:
    """Customer profit contribution = (price − unit cost) × volume − cost to serve.

    Parameters
    ----------
    price : net price per unit (> 0).
    unit_cost : cost of goods per unit.
    volume : units per year (≥ 0).
    cost_to_serve : selling, logistics, working-capital and admin cost for the account (≥ 0).

    Returns
    -------
    float, CNY per year.

    Raises
    ------
    ParameterError (price ≤ 0, volume < 0, cost to serve < 0, not a number).

    Notes
    -----
    Seed 000, "客户的利润贡献": via unit margin, via volume, and lower cost to serve.

    >>> profit_contribution(100, 90, 1_000, 2_000)
    8000.0
    """
    func = "profit_contribution"
    p = _number("price", price, func, positive=True)
    c = _number("unit_cost", unit_cost, func)
    v = _number("volume", volume, func, nonnegative=True)
    s = _number("cost_to_serve", cost_to_serve, func, nonnegative=True)
    return (p - c) * v - s


def lever_impact(price, unit_cost, volume, cost_to_serve=0.0, *, change=0.01) -> pd.DataFrame:
    """Profit impact of moving each lever by ``change`` (1%), largest impact first.

    One row per lever: price +1%, volume +1%, unit cost −1%, cost to serve −1%. Columns:
    ``lever`` (a code; its label is ``kamlab.i18n.value_label("lever", …)``), ``driver`` (branch of :data:`LEVERS`), ``move`` ("+1%"),
    ``base_profit``, ``new_profit``, ``profit_change`` (CNY) and ``pct_change`` (of
    |base profit|; NaN when the base profit is 0).

    Closed forms: Δprofit from price = change·price·volume; from volume =
    change·(price − unit cost)·volume; from unit cost = change·unit cost·volume; from cost
    to serve = change·cost to serve. With a 10% margin, 1% on price is worth ten times 1%
    on volume.

    Raises
    ------
    ParameterError (as :func:`profit_contribution`; ``change`` outside (0, 1]).

    Notes
    -----
    Seed 000, "提高利润率的潜在杠杆": quantify each lever before choosing where to push.

    >>> t = lever_impact(100, 90, 1_000)
    >>> t[["lever", "profit_change"]].values.tolist()
    [['price', 1000.0], ['unit cost', 900.0], ['volume', 100.0], ['cost to serve', 0.0]]
    """
    func = "lever_impact"
    base = profit_contribution(price, unit_cost, volume, cost_to_serve)
    d = check_fraction("change", change, func=func)
    p, c, v, s = float(price), float(unit_cost), float(volume), float(cost_to_serve)
    # closed forms, exact in floating point: Δ = change × (the quantity the lever scales)
    rows = [
        ("price", "unit margin", f"+{d:.0%}", d * p * v),
        ("volume", "volume", f"+{d:.0%}", d * (p - c) * v),
        ("unit cost", "unit margin", f"−{d:.0%}", d * c * v),
        ("cost to serve", "cost to serve", f"−{d:.0%}", d * s),
    ]
    out = pd.DataFrame(rows, columns=["lever", "driver", "move", "profit_change"])
    out.insert(4, "base_profit", base)
    out.insert(5, "new_profit", base + out["profit_change"])
    out["pct_change"] = out["profit_change"] / abs(base) if base else np.nan
    order = np.argsort(-out["profit_change"].to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)


def lever_moves(revenue, gross_margin, cost_to_serve=0.0, *, price=0.0, volume=0.0,
                unit_cost=0.0, serve_cost=0.0) -> pd.DataFrame:
    """Profit effect of moving each lever by its own amount, from an account's totals.

    ``price``, ``volume``, ``unit_cost`` and ``serve_cost`` are signed relative moves
    (``price=0.02`` raises the net price 2%; ``unit_cost=-0.01`` makes goods 1% cheaper);
    each lies in (−1, 1), except ``volume``, which may grow by more than 100%.
    With revenue R = price × volume, gross margin G = unit margin × volume and cost to
    serve S: Δprofit = price·R, volume·G, −unit_cost·(R − G), −serve_cost·S — each lever
    alone (interactions, e.g. price × volume, are left out: they are second order).

    Returns the columns of :func:`lever_impact`, one row per lever in tree order, so
    :func:`kamlab.plotting.plot_profit_bridge` draws it.

    >>> t = lever_moves(1_000.0, 100.0, 50.0, price=0.02, unit_cost=-0.01)
    >>> t[["lever", "profit_change"]].values.tolist()
    [['price', 20.0], ['volume', 0.0], ['unit cost', 9.0], ['cost to serve', 0.0]]
    """
    func = "lever_moves"
    r = _number("revenue", revenue, func, nonnegative=True)
    g = _number("gross_margin", gross_margin, func)
    cts = _number("cost_to_serve", cost_to_serve, func, nonnegative=True)
    moves = {name: _number(name, x, func) for name, x in
             (("price", price), ("volume", volume), ("unit_cost", unit_cost),
              ("serve_cost", serve_cost))}
    for name, x in moves.items():
        # volume may more than double (a small share of a large wallet); the rest stay in ±100%
        if not -1 < x < (np.inf if name == "volume" else 1):
            what = "above -1" if name == "volume" else "between -1 and 1"
            raise ParameterError(f"{func}(): {name} is a relative move {what} "
                                 f"(0.02 = +2%); got {x!r}.", name=name, value=x)
    base = g - cts
    rows = [
        ("price", "unit margin", moves["price"], moves["price"] * r),
        ("volume", "volume", moves["volume"], moves["volume"] * g),
        # "+ 0.0" keeps a zero move at 0.0 rather than -0.0
        ("unit cost", "unit margin", moves["unit_cost"],
         -moves["unit_cost"] * (r - g) + 0.0),
        ("cost to serve", "cost to serve", moves["serve_cost"],
         -moves["serve_cost"] * cts + 0.0),
    ]
    out = pd.DataFrame(rows, columns=["lever", "driver", "move", "profit_change"])
    out["move"] = [f"{m:+.1%}".replace("-", "−") for m in out["move"]]
    out.insert(4, "base_profit", base)
    out.insert(5, "new_profit", base + out["profit_change"])
    out["pct_change"] = out["profit_change"] / abs(base) if base else np.nan
    return out


def account_levers(df: pd.DataFrame, *, revenue: str = "revenue",
                   gross_margin: str = "gross_margin", cost_to_serve: str = "cost_to_serve",
                   change: float = 0.01) -> pd.DataFrame:
    """Per account: profit gained by moving each lever by ``change``, and the best lever.

    Uses only totals: revenue = price × volume, gross margin = (price − unit cost) × volume.
    Adds ``price_impact`` (change·revenue), ``volume_impact`` (change·gross margin),
    ``unit_cost_impact`` (change·(revenue − gross margin)), ``cost_to_serve_impact``
    (change·cost to serve) and ``best_lever``.

    Notes
    -----
    Seed 000, "各个客户": the lever tree is applied account by account.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"revenue": [1000.0], "gross_margin": [100.0], "cost_to_serve": [50.0]})
    >>> account_levers(df)[["price_impact", "volume_impact", "best_lever"]].values.tolist()
    [[10.0, 1.0, 'price']]
    """
    func = "account_levers"
    require_columns(df, [revenue, gross_margin, cost_to_serve], func=func)
    d = check_fraction("change", change, func=func)
    r = numeric_column(df, revenue, func=func).to_numpy()
    g = numeric_column(df, gross_margin, func=func).to_numpy()
    s = numeric_column(df, cost_to_serve, func=func).to_numpy()
    impacts = np.column_stack([d * r, d * g, d * (r - g), d * s])
    names = np.array(["price", "volume", "unit cost", "cost to serve"], dtype=object)
    out = df.copy()
    out["price_impact"] = impacts[:, 0]
    out["volume_impact"] = impacts[:, 1]
    out["unit_cost_impact"] = impacts[:, 2]
    out["cost_to_serve_impact"] = impacts[:, 3]
    out["best_lever"] = names[np.argmax(impacts, axis=1)]
    return out


#: :func:`lever_room`'s columns per lever: (lever, room column, gain column). A room is the
#: size of the move (a rise for price and volume, a cut for unit cost and cost to serve).
ROOM_COLUMNS = (("price", "price_room", "price_gain"),
                ("volume", "volume_room", "volume_gain"),
                ("unit cost", "unit_cost_room", "unit_cost_gain"),
                ("cost to serve", "cost_to_serve_room", "cost_to_serve_gain"))


def _size_bands(revenue: pd.Series, bands: int) -> np.ndarray:
    """Revenue band of each account, 0 = smallest: equal-count bands by revenue rank."""
    rank = revenue.rank(method="first", ascending=True).to_numpy() - 1
    return np.floor(rank * bands / len(revenue)).astype(int)


def lever_room(df: pd.DataFrame, *, peers="industry", size_bands: int = 5,
               unit_cost: float = 0.01, revenue: str = "revenue",
               gross_margin: str = "gross_margin", cost_to_serve: str = "cost_to_serve",
               share_of_wallet: str = "share_of_wallet") -> pd.DataFrame:
    """Per account: how far each lever can realistically move, what that is worth, the best lever.

    A 1% move is not equally hard on every lever, nor in every account. Here each lever's
    achievable move (its *room*) is the gap between the account and the median of its peers
    — accounts of the same ``peers`` group (industry) and the same revenue band (``size_bands``
    equal-count bands, so a key account is compared with key accounts) — since half the peers
    already do at least that well:

    ==============  ==============================  ==========================================
    lever           compared with the peer median   room (≥ 0) and gain in CNY
    ==============  ==============================  ==========================================
    price           gross-margin rate m = G / R     room = m* − m; gain = room·R (the margin
                                                    the account would earn at m*)
    volume          share of wallet s               room = s*/s − 1; gain = room·G
    unit cost       — (bought alike for all)        room = ``unit_cost``; gain = room·(R − G)
    cost to serve   cost-to-serve rate k = S / R    room = 1 − k*/k; gain = room·S = (k − k*)·R
    ==============  ==============================  ==========================================

    (R revenue, G gross margin, S cost to serve; * the peer median; a room below zero — the
    account already beats its peers — is 0.) Each gain is the seed's 1% impact
    (:func:`account_levers`) times the room in percent, so the best lever (largest gain)
    depends on the account: price where it is priced below its peers, volume where our
    share of its wallet is small, cost to serve where it costs more to serve than its peers,
    unit cost where it is already in line with them on all three.

    Parameters
    ----------
    df : accounts with ``revenue`` (> 0), ``gross_margin``, ``cost_to_serve`` and
        ``share_of_wallet`` (a fraction in (0, 1]); and the ``peers`` column(s).
    peers : column name(s) grouping comparable accounts; None for size bands only.
    size_bands : number of equal-count revenue bands (5: the top band is the top 20% of
        accounts by revenue); 1 compares each account with its whole ``peers`` group.
    unit_cost : the cut in unit cost open to every account (purchasing and mix act on all
        accounts alike, and the data has no per-account benchmark): the seed's 1%.

    Returns
    -------
    A new DataFrame, same rows: the input columns plus ``peer_margin_rate``,
    ``peer_share_of_wallet``, ``peer_cost_to_serve_rate`` (the peer medians), per lever
    ``<lever>_room`` (a fraction: 0.02 = a 2% move) and ``<lever>_gain`` (CNY per year;
    :data:`ROOM_COLUMNS`), and ``best_lever`` (the lever with the largest gain; None when no
    lever gains).

    Raises
    ------
    MissingColumnsError, InvalidDataError (text or blanks in a number column),
    ParameterError (``size_bands`` not a whole number ≥ 1, ``unit_cost`` outside [0, 1),
    revenue ≤ 0 or a share of wallet outside (0, 1]).

    Notes
    -----
    Seed 000, "提高利润率的潜在杠杆": quantify each lever before choosing where to push; the
    room per lever is the kit's addition (internal benchmarking: the gap to the peer median),
    not a seed figure.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"industry": ["X"] * 4, "revenue": [1000.0] * 4,
    ...     "gross_margin": [120.0, 100.0, 160.0, 140.0], "cost_to_serve": [20.0, 30.0, 20.0, 90.0],
    ...     "share_of_wallet": [0.1, 0.3, 0.4, 0.2]})
    >>> lever_room(df, size_bands=1)["best_lever"].tolist()
    ['volume', 'price', 'unit cost', 'cost to serve']
    """
    func = "lever_room"
    groups = [] if peers is None else [peers] if isinstance(peers, str) else list(peers)
    require_columns(df, [revenue, gross_margin, cost_to_serve, share_of_wallet, *groups],
                    func=func)
    if isinstance(size_bands, bool) or not isinstance(size_bands, (int, np.integer)) \
            or size_bands < 1:
        raise ParameterError(f"{func}(): size_bands is a whole number of revenue bands ≥ 1 "
                             f"(5 = quintiles, 1 = no bands); got {size_bands!r}.",
                             name="size_bands", value=size_bands)
    u = _number("unit_cost", unit_cost, func, nonnegative=True)
    if u >= 1:
        raise ParameterError(f"{func}(): unit_cost is a fraction (0.01 = a 1% cut); got "
                             f"{unit_cost!r}. Did you mean {u / 100:g}?", name="unit_cost",
                             value=unit_cost)
    r = numeric_column(df, revenue, func=func)
    g = numeric_column(df, gross_margin, func=func)
    s = numeric_column(df, cost_to_serve, func=func)
    sow = numeric_column(df, share_of_wallet, func=func)
    if (r <= 0).any():
        raise ParameterError(f"{func}(): revenue must be greater than 0 (a rate per account "
                             f"is compared); {int((r <= 0).sum())} row(s) are not. Leave them "
                             "out first.", name=revenue)
    if ((sow <= 0) | (sow > 1)).any():
        raise ParameterError(f"{func}(): {share_of_wallet} must be a fraction in (0, 1]; got "
                             f"{sow[(sow <= 0) | (sow > 1)].head(3).tolist()}. Write 25% as "
                             "0.25; leave out accounts with no share.", name=share_of_wallet)
    rates = pd.DataFrame({"m": g / r, "s": sow, "k": s / r}, index=df.index)
    keys = [df[c].astype("object").to_numpy() for c in groups]
    keys.append(_size_bands(r, int(size_bands)))
    peer = rates.groupby(keys, sort=False).transform("median")
    out = df.copy()
    out["peer_margin_rate"] = peer["m"].to_numpy()
    out["peer_share_of_wallet"] = peer["s"].to_numpy()
    out["peer_cost_to_serve_rate"] = peer["k"].to_numpy()
    rooms = {
        "price": np.maximum(peer["m"] - rates["m"], 0.0),
        "volume": np.maximum(peer["s"] / rates["s"] - 1, 0.0),
        "unit cost": pd.Series(u, index=df.index),
        # no cost to serve: nothing to cut (0/0 read as no room)
        "cost to serve": np.maximum(1 - peer["k"] / rates["k"].where(rates["k"] > 0), 0.0)
                           .fillna(0.0),
    }
    bases = {"price": r, "volume": g, "unit cost": r - g, "cost to serve": s}
    for lever, room_col, gain_col in ROOM_COLUMNS:
        out[room_col] = rooms[lever].to_numpy(dtype="float64")
        out[gain_col] = (rooms[lever] * bases[lever]).to_numpy(dtype="float64")
    gains = out[[c for _, _, c in ROOM_COLUMNS]].to_numpy()
    names = np.array([lever for lever, _, _ in ROOM_COLUMNS], dtype=object)
    best = names[np.argmax(gains, axis=1)] if len(gains) else names[:0]
    out["best_lever"] = np.where(gains.max(axis=1, initial=0.0) > 0, best, None) \
        if len(gains) else best
    return out
