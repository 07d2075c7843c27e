"""Module 2 (segmentation, seed 000's ABC tiers): the ABC dashboard — value column, mode
(by value share or by account count) and cut-offs → class table, Pareto chart, Excel export.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w
import pandas as pd

from kamlab import plotting
from kamlab.export import export_excel
from kamlab.i18n import column_label, t
from kamlab.segmentation import abc_classify, abc_classify_by_count, tier_summary
from kamlab.widgets._base import (
    _SLIDER,
    _VALUE_COLUMNS,
    _Dashboard,
    _free_path,
    _grid,
    _require,
    _row,
    format_table,
)

__all__ = ["AbcDashboard", "abc_dashboard"]


class AbcDashboard(_Dashboard):
    """ABC cut-offs and value column → class table and Pareto chart.

    The same numbers in code::

        abc_classify(df, value, cutoffs=(cut_a, cut_b))                 # by value share
        abc_classify_by_count(df, value, cutoffs=(cut_a, cut_b))        # by account count

    Attributes after each render: ``result`` (classified accounts), ``summary``
    (:func:`~kamlab.segmentation.tier_summary` of it).
    """

    def __init__(self, df: pd.DataFrame, *, value: str = "revenue", lang=None,
                 export_dir: str | Path = "."):
        _require(df, [value], dashboard="abc_dashboard")
        super().__init__(lang, figsize=(7.5, 4.2))
        self.df = df
        self.export_dir = Path(export_dir)
        values = [c for c in _VALUE_COLUMNS if c in df.columns]
        values += [] if value in values else [value]  # a value column of your own is offered too
        self.value = w.Dropdown(options=[(column_label(c, self.lang), c) for c in values],
                                value=value, description=t("dashboard.value", self.lang))
        # radio buttons: the two long choices stay readable in a narrow column
        self.mode = w.RadioButtons(
            options=[(t("abc.by_value", self.lang), "value"), (t("abc.by_count", self.lang), "count")],
            value="value", layout=w.Layout(width="100%"))
        self.cut_a = w.FloatSlider(value=0.80, min=0.05, max=0.95, step=0.01,
                                   readout_format=".0%", description=t("abc.cut_a", self.lang), **_SLIDER)
        self.cut_b = w.FloatSlider(value=0.95, min=0.06, max=0.99, step=0.01,
                                   readout_format=".0%", description=t("abc.cut_b", self.lang), **_SLIDER)
        self.export = w.Button(description=t("export_excel", self.lang), icon="file-excel-o")
        self.export.on_click(lambda _b: self._safely(self.export_excel))
        self.mode.observe(self._mode_changed, names="value")
        self._observe([self.value, self.cut_a, self.cut_b])
        self._layout(
            _grid(self.value, self.mode, self.cut_a, self.cut_b), self.code,
            _row(self.chart, w.VBox([self.table, self.export, self.status])),
        )
        self._safely(self.render)

    def _mode_changed(self, change):
        a, b = (0.80, 0.95) if change["new"] == "value" else (0.20, 0.40)
        with self.paused():
            self.cut_b.value = 0.99
            self.cut_a.value, self.cut_b.value = a, b

    def render(self):
        """Recompute and redraw from the current control values."""
        a, b = self.cut_a.value, self.cut_b.value
        if b <= a:  # keep the B boundary above A's
            self.cut_b.value = min(0.99, round(a + 0.05, 2))
            return  # the change of cut_b renders
        classify = abc_classify if self.mode.value == "value" else abc_classify_by_count
        value = self.value.value
        self.result = classify(self.df, value, cutoffs=(a, b))
        extra = [c for c in ("revenue", "profit", "sales_hours") if c in self.df.columns and c != value]
        self.summary = tier_summary(self.result, "abc", [value, *extra])
        self.code.value = (f"<code>{classify.__name__}(df, {value!r}, cutoffs=({a:.2f}, {b:.2f}))"
                           "</code>")
        shares = [c for c in self.summary.columns if c.endswith("_share")]
        self.table.value = format_table(self.summary[["tier", "accounts", *shares]], lang=self.lang)
        self.ax.clear()
        plotting.plot_pareto(self.result, value=value, ax=self.ax, lang=self.lang, legend=False)
        self._show_figure()

    def export_excel(self) -> Path:
        """Write the class table and the classified accounts to a new .xlsx; never overwrites."""
        path = _free_path(self.export_dir / f"abc_{self.value.value}.xlsx")
        export_excel({"summary": self.summary, "accounts": self.result.sort_values("rank")}, path)
        self.status.value = f"{t('saved', self.lang)} <code>{html.escape(str(path))}</code>"
        return path


def abc_dashboard(df: pd.DataFrame, *, value: str = "revenue", lang=None) -> AbcDashboard:
    """ABC dashboard: pick the value column, the mode and the cut-offs; see table and chart."""
    return AbcDashboard(df, value=value, lang=lang)
