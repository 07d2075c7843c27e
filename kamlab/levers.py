"""Module 3 — the profit lever tree (seed 000, "提高利润率的潜在杠杆"): where more profit
comes from inside a key account.

Profit contribution = unit margin × volume − cost to serve; each lever (price, volume,
unit cost, cost to serve) is quantified before choosing where to push.

>>> lever_impact(100, 90, 1_000)["lever"].tolist()
['price', 'unit cost', 'volume', 'cost to serve']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kamlab._validate import check_fraction, numeric_column, require_columns
from kamlab._validate import number as _number
from kamlab.exceptions import ParameterError

__all__ = ["LEVERS", "profit_contribution", "lever_impact", "lever_moves", "account_levers"]

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
    (``price=0.02`` raises the net price 2%; ``unit_cost=-0.01`` makes goods 1% cheaper).
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
        if not -1 < x < 1:
            raise ParameterError(f"{func}(): {name} is a relative move between -1 and 1 "
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
