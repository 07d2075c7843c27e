"""Module 3 (opportunity prioritisation, seeds 000 and 002): the lever dashboard (profit
bridge), the screen dashboard (knock-outs and scores) and the pipeline dashboard (funnel and
coverage of a target).
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from kamlab import plotting
from kamlab.i18n import column_label, t
from kamlab.opportunities import (
    DEFAULT_STAGE_PROBABILITY,
    SCREEN_COLUMNS,
    SCREEN_WEIGHTS,
    coverage,
    lever_moves,
    screen_opportunities,
    weighted_pipeline,
)
from kamlab.widgets._base import (
    _SLIDER,
    _Dashboard,
    _grid,
    _require,
    _row,
    _strip,
    _table,
    format_table,
)

__all__ = ["LeverDashboard", "ScreenDashboard", "PipelineDashboard", "lever_dashboard",
           "screen_dashboard", "pipeline_dashboard"]


class LeverDashboard(_Dashboard):
    """An account and a move on each profit lever → profit bridge (seed 000's lever tree).

    The same numbers in code::

        row = book[book.account_id == account].iloc[0]
        lever_moves(row.revenue, row.gross_margin, row.cost_to_serve,
                    price=..., volume=..., unit_cost=..., serve_cost=...)

    Attributes after each render: ``result`` (that table: each lever's profit change).
    """

    _MOVES = (("price", 0.01), ("volume", 0.01), ("unit_cost", -0.01), ("serve_cost", -0.01))

    def __init__(self, book: pd.DataFrame, *, accounts: int = 30, lang=None):
        _require(book, ["account_id", "revenue", "gross_margin", "cost_to_serve"],
                 dashboard="lever_dashboard")
        super().__init__(lang, figsize=(7.5, 4.2))
        self.book = book
        biggest = book.nlargest(accounts, "revenue")
        names = biggest["name"] if "name" in biggest else biggest["account_id"]
        self.account = w.Dropdown(
            options=[(f"{i} · {n}", i) for i, n in zip(biggest["account_id"], names)],
            description=t("account", self.lang))
        self.moves = {
            name: w.FloatSlider(value=x, min=-0.05, max=0.05, step=0.005, readout_format="+.1%",
                                description=t(f"move.{name}", self.lang), **_SLIDER)
            for name, x in self._MOVES
        }
        self._observe([self.account, *self.moves.values()])
        self._layout(_grid(self.account, *self.moves.values()), self.code,
                     _row(self.chart, self.table))
        self._safely(self.render)

    def render(self):
        """Recompute and redraw from the current control values."""
        account = self.account.value
        row = self.book[self.book["account_id"] == account].iloc[0]
        moves = {name: slider.value for name, slider in self.moves.items()}
        self.result = lever_moves(row["revenue"], row["gross_margin"], row["cost_to_serve"],
                                  **moves)
        args = ", ".join(f"{k}={v:+.3f}" for k, v in moves.items())
        self.code.value = f"<code>lever_moves(revenue, gross_margin, cost_to_serve, {args})</code>"
        self.table.value = format_table(self.result[["lever", "move", "profit_change"]],
                                        money=["profit_change"], lang=self.lang)
        self.ax.clear()
        plotting.plot_profit_bridge(self.result, ax=self.ax, lang=self.lang)
        self._show_figure()


class ScreenDashboard(_Dashboard):
    """Screen thresholds and score weights → ranked opportunities with reasons and timing.

    The same numbers in code::

        screen_opportunities(opp, min_win_probability=..., min_customer_priority=...,
                             min_info_completeness=..., weights=..., as_of=as_of)

    Attributes after each render: ``result`` (the screened table), ``kept`` (open, not
    dropped, best first), ``reasons`` (count of open deals per drop reason).
    """

    #: what screen_opportunities reads (its default potential is the margin)
    _NEEDS = (*SCREEN_COLUMNS, "margin")

    def __init__(self, opp: pd.DataFrame, *, as_of, top: int = 15, lang=None):
        _require(opp, self._NEEDS, dashboard="screen_dashboard")
        super().__init__(lang, figsize=(1, 1))
        self.opp, self.as_of, self.top = opp, as_of, top
        self.min_win = w.FloatSlider(value=0.10, min=0.0, max=0.5, step=0.01, readout_format=".0%",
                                     description=t("screen.min_win", self.lang), **_SLIDER)
        self.min_priority = w.IntSlider(value=2, min=1, max=5,
                                        description=t("screen.min_priority", self.lang), **_SLIDER)
        self.min_info = w.FloatSlider(value=0.30, min=0.0, max=1.0, step=0.05, readout_format=".0%",
                                      description=t("screen.min_info", self.lang), **_SLIDER)
        self.weights = {
            k: w.FloatSlider(value=v, min=0.0, max=3.0, step=0.1, description=column_label(k, self.lang)
                             if k != "potential" else t("screen.potential", self.lang), **_SLIDER)
            for k, v in SCREEN_WEIGHTS.items()
        }
        self.reasons_table = _table()
        self._observe([self.min_win, self.min_priority, self.min_info, *self.weights.values()])
        self._layout(
            _grid(self.min_win, self.min_priority, self.min_info, *self.weights.values()),
            self.code, self.status, _row(self.table, self.reasons_table),
        )
        self._safely(self.render)

    def render(self):
        """Recompute from the current control values (a table, no chart: it stays fast)."""
        weights = {k: s.value for k, s in self.weights.items()}
        if sum(weights.values()) <= 0:
            self.status.value = t("weights.all_zero", self.lang)
            return
        self.result = screen_opportunities(
            self.opp, min_win_probability=self.min_win.value,
            min_customer_priority=self.min_priority.value,
            min_info_completeness=self.min_info.value, weights=weights, as_of=self.as_of)
        self.kept = self.result[~self.result["dropped"]].sort_values("rank")
        open_dropped = self.result[self.result["dropped"] & (self.result["drop_reason"] != "closed")]
        self.reasons = open_dropped["drop_reason"].value_counts()
        self.code.value = (
            f"<code>screen_opportunities(opp, min_win_probability={self.min_win.value:.2f}, "
            f"min_customer_priority={self.min_priority.value}, "
            f"min_info_completeness={self.min_info.value:.2f}, weights={weights}, "
            f"as_of={str(self.as_of)!r})</code>")
        self.status.value = html.escape(t("screen.summary", self.lang, kept=len(self.kept),
                                          dropped=len(open_dropped)))
        cols = ["rank", "opportunity_id", "account_id", "product", "band", "timing",
                "screen_score", "strategic_reasons"]
        shown = self.kept[[c for c in cols if c in self.kept.columns]].head(self.top).copy()
        shown["screen_score"] = shown["screen_score"].round(1)
        self.table.value = format_table(shown, lang=self.lang)
        reasons = pd.DataFrame({t("screen.reason", self.lang): self.reasons.index,
                                t("screen.count", self.lang): self.reasons.to_numpy()})
        self.reasons_table.value = format_table(reasons, lang=self.lang)


class PipelineDashboard(_Dashboard):
    """Stage probabilities and a sales target → weighted pipeline (funnel) and coverage.

    The same numbers in code::

        weighted_pipeline(opp, probabilities=p); coverage(opp, target, probabilities=p)

    Attributes after each render: ``pipeline``, ``coverage`` (a
    :class:`~kamlab.opportunities.Coverage`), ``probabilities``.
    """

    def __init__(self, opp: pd.DataFrame, *, target: float = 40_000_000, lang=None):
        _require(opp, ["stage", "value"], dashboard="pipeline_dashboard")
        super().__init__(lang, figsize=(7.5, 4.2))
        self.opp = opp
        self.sliders = {
            stage: w.FloatSlider(value=p, min=0.0, max=1.0, step=0.05, readout_format=".0%",
                                 description=t(f"stage.{stage}", self.lang), **_SLIDER)
            for stage, p in DEFAULT_STAGE_PROBABILITY.items()
        }
        self.target = w.FloatText(value=float(target), description=t("target_cny", self.lang),
                                  style={"description_width": "initial"})
        self._observe([*self.sliders.values(), self.target])
        self._layout(_grid(*self.sliders.values(), self.target), self.status, self.code,
                     self.chart)
        self._safely(self.render)

    def render(self):
        """Recompute and redraw from the current control values."""
        self.probabilities = {s: slider.value for s, slider in self.sliders.items()}
        if not self.target.value > 0:
            self.status.value = t("target.positive", self.lang)
            return
        self.pipeline = weighted_pipeline(self.opp, probabilities=self.probabilities)
        self.coverage = coverage(self.opp, self.target.value, probabilities=self.probabilities)
        self.code.value = (f"<code>coverage(opp, {self.target.value:,.0f}, probabilities="
                           f"{ {k: round(v, 2) for k, v in self.probabilities.items()} })</code>")
        self.status.value = html.escape(t(
            "coverage.sentence", self.lang, weighted=f"{self.coverage.weighted_coverage:.0%}",
            unweighted=f"{self.coverage.coverage:.0%}"))
        _strip(self.ax)
        plotting.plot_funnel(self.pipeline, ax=self.ax, lang=self.lang)
        self._show_figure()


def lever_dashboard(book: pd.DataFrame, *, accounts: int = 30, lang=None) -> LeverDashboard:
    """Lever dashboard: pick an account and the size of the move; see the profit bridge."""
    return LeverDashboard(book, accounts=accounts, lang=lang)


def screen_dashboard(opp: pd.DataFrame, *, as_of, top: int = 15, lang=None) -> ScreenDashboard:
    """Screen dashboard: move the knock-out thresholds and score weights; see the ranking."""
    return ScreenDashboard(opp, as_of=as_of, top=top, lang=lang)


def pipeline_dashboard(opp: pd.DataFrame, *, target: float = 40_000_000, lang=None) -> PipelineDashboard:
    """Pipeline dashboard: set stage probabilities and a target; see the funnel and coverage."""
    return PipelineDashboard(opp, target=target, lang=lang)
