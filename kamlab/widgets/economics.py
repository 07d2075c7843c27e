"""Module 4 (proposal economics): the negotiation simulator (concessions per round → NPV
waterfall and walk-away headroom, seed 000's 100→16→11→40) and the cost-curve explorer
(demand, new capacity, closures → clearing price).
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from kamlab import plotting
from kamlab.economics import (
    add_capacity,
    clearing_price,
    contract_value,
    market_clearing,
    negotiation,
)
from kamlab.i18n import LABELS, t
from kamlab.widgets._base import _SLIDER, _Dashboard, _grid, _money, _red, _require, _strip

__all__ = ["NegotiationDashboard", "CostCurveDashboard", "negotiation_dashboard",
           "cost_curve_dashboard"]

class NegotiationDashboard(_Dashboard):
    """Concessions per round, a rebate and the aftermarket → NPV waterfall and walk-away.

    The same numbers in code::

        negotiation(volumes, start_price, unit_cost, [cut_2, cut_3, ...], rebate=...,
                    aftermarket=..., price_down=..., cost_down=..., investment=..., rate=...)

    Attributes after each render: ``result`` (a :class:`~kamlab.economics.Negotiation`).
    """

    def __init__(self, volumes, start_price, unit_cost, *, rounds: int = 4,
                 price_down=0.0, cost_down=0.0, investment=0.0, rate=0.10,
                 aftermarket=0.0, unit: str = "unit.t", lang=None):
        super().__init__(lang, figsize=(8.0, 4.4))
        # Validate once, up front, with the analysis function's own messages.
        contract_value(volumes, start_price, unit_cost, price_down=price_down,
                       cost_down=cost_down, investment=investment, rate=rate)
        self.terms = dict(volumes=list(volumes), start_price=float(start_price),
                          unit_cost=float(unit_cost), price_down=price_down,
                          cost_down=cost_down, investment=investment, rate=rate)
        self.unit = t(unit, self.lang) if unit in LABELS else unit
        self.cuts = [
            w.FloatSlider(value=0.0, min=0.0, max=0.10, step=0.0025, readout_format=".2%",
                          description=t("negotiation.round_cut", self.lang, n=k), **_SLIDER)
            for k in range(2, rounds + 1)
        ]
        self.rebate = w.FloatSlider(value=0.0, min=0.0, max=0.05, step=0.0025,
                                    readout_format=".2%",
                                    description=t("negotiation.rebate", self.lang), **_SLIDER)
        self.aftermarket = w.FloatText(value=float(aftermarket),
                                       description=t("negotiation.aftermarket", self.lang))
        self.index = w.Checkbox(value=False, description=t("negotiation.index", self.lang))
        self._observe([*self.cuts, self.rebate, self.aftermarket, self.index])
        self._layout(_grid(*self.cuts, self.rebate, self.aftermarket, self.index),
                     self.status, self.code, self.chart)
        self._safely(self.render)

    def render(self):
        """Recompute and redraw from the current control values.

        An error (e.g. an index of a loss) shows in the status line; the last chart stays.
        """
        cuts = [s.value for s in self.cuts]
        self.result = negotiation(**self.terms, concessions=cuts, rebate=self.rebate.value,
                                  aftermarket=self.aftermarket.value, index=self.index.value)
        n, lang = self.result, self.lang
        call = (f"negotiation(volumes, {self.terms['start_price']:g}, "
                f"{self.terms['unit_cost']:g}, {[round(c, 4) for c in cuts]}, "
                f"rebate={self.rebate.value:.4f}, aftermarket={self.aftermarket.value:,.0f}, "
                f"index={self.index.value})")
        self.code.value = f"<code>{html.escape(call)}</code>"
        key = "negotiation.above" if n.headroom >= 0 else "negotiation.below"
        colour = "#2e7d32" if n.headroom >= 0 else "#c62828"
        sentence = t(key, lang, price=f"{n.agreed_price:,.0f}", unit=self.unit,
                     change=f"{n.agreed_price / n.prices[0] - 1:+.1%}",
                     walk=f"{n.walk_away_price:,.0f}", headroom=f"{abs(n.headroom):,.0f}",
                     pct=f"{abs(n.headroom_pct):.1%}")
        total = t("negotiation.total", lang, first=_money(n.first_npv, lang),
                  total=_money(n.total_npv, lang))
        self.status.value = (f"<span style='color:{colour}'>{html.escape(sentence)}</span>"
                             f"<br>{html.escape(total)}")
        self.ax.clear()
        unit = "unit.index_100" if self.index.value else None
        plotting.plot_waterfall(n.steps, ax=self.ax, lang=lang, unit=unit)
        self._show_figure()


class CostCurveDashboard(_Dashboard):
    """Demand, new capacity, planned plants and closures → cost curve and clearing price.

    The same numbers in code::

        operating = plants[plants["plant_status"] == "operating"]
        market_clearing(operating[~operating["plant"].isin(closed)], demand)
        market_clearing(plants, demand)   # with the planned plants
        market_clearing(add_capacity(operating, {"plant": "New plant", "capacity": ...,
                                                 "cash_cost": ...}), demand)

    Attributes after each render: ``result`` (a :class:`~kamlab.economics.MarketClearing`),
    ``plants`` (the plants in use), ``baseline_price`` (operating plants at the first demand).
    """

    def __init__(self, plants: pd.DataFrame, demand: float, *, capacity: str = "capacity",
                 cost: str = "cash_cost", plant: str = "plant", highlight=None,
                 units: tuple[str, str] = ("unit.kt", "unit.cny_per_t"), lang=None):
        _require(plants, [capacity, cost, plant], dashboard="cost_curve_dashboard")
        super().__init__(lang, figsize=(8.5, 4.6))
        self.all_plants = plants
        self.columns = dict(capacity=capacity, cost=cost, plant=plant)
        self.highlight = highlight
        self.units = tuple(t(u, self.lang) if u in LABELS else u for u in units)
        planned = ((plants["plant_status"] == "planned") if "plant_status" in plants
                   else None)
        self.operating = plants[~planned] if planned is not None else plants
        self.planned = plants[planned] if planned is not None else plants.iloc[:0]
        self.baseline_price = clearing_price(self.operating, demand, capacity=capacity,
                                             cost=cost)
        total = float(plants[capacity].sum())
        self.demand = w.FloatSlider(value=float(demand), min=round(0.4 * total),
                                    max=round(total), step=max(round(total / 200), 1),
                                    readout_format=",.0f",
                                    description=t("costcurve.demand", self.lang,
                                                  unit=self.units[0]), **_SLIDER)
        self.add_planned = w.Checkbox(value=False, disabled=self.planned.empty,
                                      description=t("costcurve.add_planned", self.lang,
                                                    n=len(self.planned)))
        self.closed = w.SelectMultiple(options=list(self.operating[plant]), rows=6,
                                      description=t("costcurve.close", self.lang))
        costs = plants[cost]
        self.new_capacity = w.FloatSlider(
            value=0.0, min=0.0, max=round(0.25 * total), step=max(round(total / 200), 1),
            readout_format=",.0f", description=t("costcurve.new_capacity", self.lang,
                                                 unit=self.units[0]), **_SLIDER)
        self.new_cost = w.FloatSlider(
            value=float(costs.min()), min=round(0.8 * float(costs.min())),
            max=round(float(costs.max())), step=max(round(float(costs.max()) / 200), 1),
            readout_format=",.0f", description=t("costcurve.new_cost", self.lang,
                                                 unit=self.units[1]), **_SLIDER)
        self._observe([self.demand, self.add_planned, self.closed, self.new_capacity,
                       self.new_cost])
        self._layout(_grid(self.demand, self.new_capacity, self.new_cost, self.closed,
                           self.add_planned), self.status, self.code, self.chart)
        self._safely(self.render)

    def render(self):
        """Recompute and redraw from the current control values.

        An error (demand above what is left, every plant closed) shows in the status line;
        the last chart stays.
        """
        c, lang = self.columns, self.lang
        used = self.operating[~self.operating[c["plant"]].isin(self.closed.value)]
        if self.add_planned.value:
            used = pd.concat([used, self.planned], ignore_index=True)
        if used.empty:  # no curve to draw, and no table to add new capacity to
            self.status.value = _red(t("costcurve.all_closed", lang))
            return
        new = None
        if self.new_capacity.value > 0:
            new = {c["plant"]: t("costcurve.new_plant", lang), c["capacity"]: self.new_capacity.value,
                   c["cost"]: self.new_cost.value}
            used = add_capacity(used, new, **c)
        self.plants = used
        demand = self.demand.value
        self.result = market_clearing(used, demand, **c)
        m = self.result
        change = m.price / self.baseline_price - 1
        self.status.value = html.escape(t(
            "costcurve.sentence", lang, price=f"{m.price:,.0f}", unit=self.units[1],
            plant=m.marginal_plant, utilisation=f"{m.utilisation:.0%}", change=f"{change:+.1%}"))
        closed = list(self.closed.value)
        base = "plants" if self.add_planned.value or self.planned.empty else "operating"
        used_code = f"{base}[~{base}['{c['plant']}'].isin({closed!r})]" if closed else base
        if new is not None:
            used_code = f"add_capacity({used_code}, {new!r})"
        self.code.value = f"<code>{html.escape(f'market_clearing({used_code}, {demand:g})')}</code>"
        _strip(self.ax)
        plotting.plot_cost_curve(m.curve, demand=demand, price=m.price, ax=self.ax, lang=lang,
                                 highlight=self.highlight, plant_names=False,
                                 capacity_unit=self.units[0], price_unit=self.units[1])
        self._show_figure()


def negotiation_dashboard(volumes, start_price, unit_cost, *, rounds: int = 4, lang=None,
                          **terms) -> NegotiationDashboard:
    """Negotiation simulator: concessions per round → NPV waterfall and walk-away headroom."""
    return NegotiationDashboard(volumes, start_price, unit_cost, rounds=rounds, lang=lang,
                                **terms)


def cost_curve_dashboard(plants: pd.DataFrame, demand: float, *, highlight=None, lang=None,
                         **columns) -> CostCurveDashboard:
    """Cost-curve explorer: demand, planned plants and closures → the clearing price."""
    return CostCurveDashboard(plants, demand, highlight=highlight, lang=lang, **columns)
