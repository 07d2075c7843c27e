"""Module 4 — proposal economics: contract NPV, walk-away price, waterfalls, EVC, TCO.

Seed 000's "five economic tools" (五项重要经济工具) put a number on a proposal before
the negotiation starts. One file per tool:

* :mod:`~kamlab.economics.contract` — the economic value of a contract (合约的经济价值):
  NPV and IRR of a multi-year supply contract with yearly price-downs, the walk-away
  price (NPV = 0) and a target price, a tornado of what moves the NPV most, a Monte
  Carlo of how uncertain it is, and a negotiation played round by round;
* :mod:`~kamlab.economics.waterfalls` — how value erodes round by round in a negotiation
  (价值逐轮减少), and the pocket-price waterfall from list price to what the deal earns;
* :mod:`~kamlab.economics.customer_value` — the economic value to the customer
  (对客户的经济价值, EVC), how the value pool is split, and the customer's system cost
  (OEM系统成本): total cost of ownership over the product's life;
* :mod:`~kamlab.economics.industry_cost_curve` — the industry cost curve (行业成本曲线) and
  competitor cost analysis (竞争者成本分析): which plant sets the market price, what
  capacity changes do to it, and where competitors will bid.

Conventions. Money is in one currency (CNY in the course). Rates and price-downs are
fractions per year (write 3% as 0.03). Yearly cash flows fall at the END of each year
(year t is discounted by (1 + rate)^t); an up-front investment falls at t = 0 and is not
discounted. That is Excel's ``=NPV(rate, yearly flows) - investment``.

Every public name is importable from here, e.g. ``from kamlab.economics import tco``.

>>> import pandas as pd
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

from kamlab.economics.contract import (
    SENSITIVITY_INPUTS,
    ContractValue,
    Negotiation,
    NPVSummary,
    contract_value,
    negotiation,
    npv_sensitivity,
    npv_summary,
    price_for_npv,
    simulate_npv,
)
from kamlab.economics.customer_value import EVC, ValueSplit, evc, tco
from kamlab.economics.industry_cost_curve import (
    PLANT_STATUS,
    SCENARIO_KEYS,
    MarketClearing,
    add_capacity,
    bid_range,
    capacity_scenarios,
    clearing_price,
    close_capacity,
    cost_curve,
    market_clearing,
)
from kamlab.economics.waterfalls import (
    NEGOTIATION_ROUNDS,
    erosion_waterfall,
    pocket_price_waterfall,
)

__all__ = [
    "NEGOTIATION_ROUNDS", "SENSITIVITY_INPUTS",
    "ContractValue", "contract_value", "price_for_npv", "npv_sensitivity",
    "simulate_npv", "NPVSummary", "npv_summary",
    "erosion_waterfall", "pocket_price_waterfall", "Negotiation", "negotiation",
    "EVC", "ValueSplit", "evc",
    "tco",
    "PLANT_STATUS", "SCENARIO_KEYS",
    "clearing_price", "cost_curve", "MarketClearing", "market_clearing",
    "add_capacity", "close_capacity", "capacity_scenarios", "bid_range",
]
