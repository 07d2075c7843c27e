"""Dashboards: thin ipywidgets views over the pure functions and the ``plot_*`` charts.

Each dashboard is a widget (display it as a cell's last value) that keeps its latest
results as attributes, so a notebook — or a test — can read the numbers it shows:

>>> from kamlab import load_dataset
>>> dash = abc_dashboard(load_dataset("customers"))
>>> dash.cut_a.value = 0.7
>>> dash.summary["tier"].tolist()
['A', 'B', 'C']

Layout, one module per course topic (ipywidgets and matplotlib are imported only in this
package and in plotting):

- ``_base``: the shared ``_Dashboard`` plumbing (figure → PNG, status line, ``paused()``;
  a failing callback shows one red status line; ``_require`` checks columns when built),
  ``format_table``.
- ``concentration``: module 1, ``concentration_dashboard`` (top x% → share of value).
- ``segmentation``: module 2, ``abc_dashboard`` (ABC cut-offs → class table, Excel export).
- ``scoring``: module 2, ``scoring_dashboard`` (weights → ranking, who entered / left).
- ``opportunities``: module 3, ``lever_dashboard``, ``screen_dashboard``,
  ``pipeline_dashboard``.
- ``economics``: module 4, ``negotiation_dashboard``, ``cost_curve_dashboard``.
- ``bank``: module 5, ``bank_dashboard`` (threshold, fee, payroll, migration, C+ upgrades →
  customers lost, revenue lost, cost saved, profit path and whale curve before/after).
- ``buying_centre``: module 6, ``coverage_dashboard`` (an account, who covers whom, how
  strongly, technical staff in the KAM team or not → gap score, coverage map, gap list).
"""

from __future__ import annotations

from kamlab.widgets._base import format_table
from kamlab.widgets.bank import BankDashboard, bank_dashboard
from kamlab.widgets.buying_centre import CoverageDashboard, coverage_dashboard
from kamlab.widgets.concentration import ConcentrationDashboard, concentration_dashboard
from kamlab.widgets.economics import (
    CostCurveDashboard,
    NegotiationDashboard,
    cost_curve_dashboard,
    negotiation_dashboard,
)
from kamlab.widgets.opportunities import (
    LeverDashboard,
    PipelineDashboard,
    ScreenDashboard,
    lever_dashboard,
    pipeline_dashboard,
    screen_dashboard,
)
from kamlab.widgets.scoring import ScoringDashboard, scoring_dashboard
from kamlab.widgets.segmentation import AbcDashboard, abc_dashboard

__all__ = ["ConcentrationDashboard", "AbcDashboard", "ScoringDashboard", "LeverDashboard",
           "ScreenDashboard", "PipelineDashboard", "concentration_dashboard", "abc_dashboard",
           "scoring_dashboard", "lever_dashboard", "screen_dashboard", "pipeline_dashboard",
           "NegotiationDashboard", "CostCurveDashboard", "negotiation_dashboard",
           "cost_curve_dashboard", "BankDashboard", "bank_dashboard", "CoverageDashboard",
           "coverage_dashboard", "format_table"]
