"""Module 1 (why key accounts, seed 000's 80/20): the concentration dashboard — top x% of
accounts and the share of value they hold, on the Pareto curve.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from kamlab import plotting
from kamlab._validate import positive_total
from kamlab.concentration import top_count, top_share
from kamlab.i18n import column_label, in_sentence, t
from kamlab.segmentation import abc_classify_by_count
from kamlab.widgets._base import _SLIDER, _VALUE_COLUMNS, _Dashboard, _grid, _require

__all__ = ["ConcentrationDashboard", "concentration_dashboard"]


class ConcentrationDashboard(_Dashboard):
    """Top x% of accounts → the share of value they hold, on the Pareto curve.

    The same number in code::

        top_share(df[value], frac)

    Attributes after each render: ``share`` (of the total), ``accounts`` (how many make the
    top x%), ``result`` (the two-band classification drawn).
    """

    def __init__(self, df: pd.DataFrame, *, value: str = "revenue", frac: float = 0.20,
                 lang=None):
        _require(df, [value], dashboard="concentration_dashboard")
        super().__init__(lang, figsize=(7.5, 4.2))
        self.df = df
        values = [c for c in _VALUE_COLUMNS if c in df.columns]
        values += [] if value in values else [value]  # a value column of your own is offered too
        self.value = w.Dropdown(options=[(column_label(c, self.lang), c) for c in values],
                                value=value, description=t("dashboard.value", self.lang))
        self.frac = w.FloatSlider(value=frac, min=0.01, max=0.50, step=0.01, readout_format=".0%",
                                  description=t("top_x", self.lang), **_SLIDER)
        self._observe([self.value, self.frac])
        self._layout(_grid(self.value, self.frac), self.code, self.status, self.chart)
        self._safely(self.render)

    def render(self):
        """Recompute and redraw from the current control values."""
        value, frac = self.value.value, self.frac.value
        # a total of zero or less (a loss-making book's profit): say so, naming the column
        positive_total(self.df[value], column=value, func="concentration_dashboard")
        self.share = top_share(self.df[value], frac)
        self.accounts = top_count(len(self.df), frac)
        labels = (t("top_x_label", self.lang, pct=f"{frac:.0%}"), t("rest", self.lang))
        self.result = abc_classify_by_count(self.df, value, cutoffs=(frac,), labels=labels)
        self.code.value = f"<code>top_share(df[{value!r}], {frac:.2f})  # = {self.share:.3f}</code>"
        self.status.value = "<b>" + html.escape(t(
            "top_x_sentence", self.lang, pct=f"{frac:.0%}", k=f"{self.accounts:,}",
            share=f"{self.share:.1%}", value=in_sentence(column_label(value, self.lang), self.lang))) + "</b>"
        self.ax.clear()
        plotting.plot_pareto(self.result, value=value, ax=self.ax, lang=self.lang, legend=False)
        self._show_figure()


def concentration_dashboard(df: pd.DataFrame, *, value: str = "revenue", frac: float = 0.20,
                            lang=None) -> ConcentrationDashboard:
    """Concentration dashboard: how much of the value the top x% of accounts hold."""
    return ConcentrationDashboard(df, value=value, frac=frac, lang=lang)
