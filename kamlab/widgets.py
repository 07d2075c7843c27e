"""Dashboards: thin ipywidgets views over the pure functions and the ``plot_*`` charts.

Each dashboard is a widget (display it as a cell's last value) that keeps its latest
results as attributes, so a notebook — or a test — can read the numbers it shows:

>>> from kamlab import load_dataset
>>> dash = abc_dashboard(load_dataset("customers"))
>>> dash.cut_a.value = 0.7
>>> dash.summary["tier"].tolist()
['A', 'B', 'C']

ipywidgets and matplotlib are imported only here (and in plotting).
"""

from __future__ import annotations

import html
import io
import itertools
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.layout_engine import TightLayoutEngine

from kamlab import plotting
from kamlab.concentration import top_count, top_share
from kamlab.i18n import LABELS, column_label, resolve, t
from kamlab.scoring import DEFAULT_WEIGHTS, normalise_weights, score_accounts, top_changes
from kamlab.segmentation import abc_classify, abc_classify_by_count, tier_summary
from kamlab.tables import header, readable

__all__ = ["ConcentrationDashboard", "AbcDashboard", "ScoringDashboard", "LeverDashboard",
           "ScreenDashboard", "PipelineDashboard", "concentration_dashboard", "abc_dashboard",
           "scoring_dashboard", "lever_dashboard", "screen_dashboard", "pipeline_dashboard",
           "NegotiationDashboard", "CostCurveDashboard", "negotiation_dashboard",
           "cost_curve_dashboard", "format_table"]

_VALUE_COLUMNS = ("revenue", "profit", "gross_margin")
_SLIDER = dict(continuous_update=False, style={"description_width": "initial"},
               layout=w.Layout(width="360px"))


def format_table(df: pd.DataFrame, *, lang=None) -> str:
    """A compact HTML table with translated headers, shares as %, money with separators."""
    shown = readable(df)
    shown.columns = [header(c, lang) for c in df.columns]
    return shown.to_html(index=False, border=0, classes="kamlab-table", justify="left")


def _in_sentence(label: str) -> str:
    """'Profit contribution' -> 'profit contribution' (Chinese is unchanged)."""
    return label[:1].lower() + label[1:]


def _free_path(path: Path) -> Path:
    """``path`` if unused, else ``name (2).xlsx``, ``name (3).xlsx`` … — never overwrite."""
    if not path.exists():
        return path
    for i in itertools.count(2):
        candidate = path.with_name(f"{path.stem} ({i}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise AssertionError("unreachable")


class _Dashboard(w.VBox):
    """Shared plumbing: one figure reused across renders, an Output for it, a status line."""

    def __init__(self, lang, figsize):
        self.lang = resolve(lang)
        self.fig, self.ax = plt.subplots(figsize=figsize)
        plt.close(self.fig)  # shown only through the Output widget, never twice
        self.chart = w.Image(format="png")
        self.table = w.HTML()
        self.code = w.HTML()
        self.status = w.HTML()
        self._paused = False
        self._laid_out = False
        super().__init__()

    @contextmanager
    def paused(self):
        """Change several controls at once, then render once."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False
        self.render()

    def _show_figure(self):
        # Rendering to PNG here (not through an Output widget) keeps a render self-contained:
        # the bytes are the chart, in a live kernel, in a saved notebook and in tests.
        # The layout is fitted once; later renders reuse it (a tight bbox costs a second draw).
        # Not fig.tight_layout(): it leaves a placeholder layout engine on the figure, and
        # savefig then draws every figure twice (once to lay out). The engine's execute() only
        # adjusts the subplot margins.
        if not self._laid_out:
            TightLayoutEngine().execute(self.fig)
            self._laid_out = True
        buffer = io.BytesIO()
        # Unhinted glyphs: a quarter less time per label, and no visible difference at
        # screen resolution (hinting snaps outlines to the pixel grid glyph by glyph).
        with plt.rc_context({"text.hinting": "none"}):
            self.fig.savefig(buffer, format="png", dpi=90, pil_kwargs={"compress_level": 1})
        self.chart.value = buffer.getvalue()

    def _observe(self, controls):
        for control in controls:
            control.observe(self._changed, names="value")

    def _changed(self, _change):
        if not self._paused:
            self.render()


class ConcentrationDashboard(_Dashboard):
    """Top x% of accounts → the share of value they hold, on the Pareto curve.

    The same number in code::

        top_share(df[value], frac)

    Attributes after each render: ``share`` (of the total), ``accounts`` (how many make the
    top x%), ``result`` (the two-band classification drawn).
    """

    def __init__(self, df: pd.DataFrame, *, value: str = "revenue", frac: float = 0.20,
                 lang=None):
        super().__init__(lang, figsize=(7.5, 4.2))
        self.df = df
        values = [c for c in _VALUE_COLUMNS if c in df.columns] or [value]
        self.value = w.Dropdown(options=[(column_label(c, self.lang), c) for c in values],
                                value=value, description=t("value", self.lang))
        self.frac = w.FloatSlider(value=frac, min=0.01, max=0.50, step=0.01, readout_format=".0%",
                                  description=t("top_x", self.lang), **_SLIDER)
        self._observe([self.value, self.frac])
        self.children = [w.HBox([self.value, self.frac]), self.code, self.status, self.chart]
        self.render()

    def render(self):
        """Recompute and redraw from the current control values."""
        value, frac = self.value.value, self.frac.value
        self.share = top_share(self.df[value], frac)
        self.accounts = top_count(len(self.df), frac)
        labels = (t("top_x_label", self.lang, pct=f"{frac:.0%}"), t("rest", self.lang))
        self.result = abc_classify_by_count(self.df, value, cutoffs=(frac,), labels=labels)
        self.code.value = f"<code>top_share(df[{value!r}], {frac:.2f})  # = {self.share:.3f}</code>"
        self.status.value = "<b>" + html.escape(t(
            "top_x_sentence", self.lang, pct=f"{frac:.0%}", k=f"{self.accounts:,}",
            share=f"{self.share:.1%}", value=_in_sentence(column_label(value, self.lang)))) + "</b>"
        self.ax.clear()
        plotting.plot_pareto(self.result, value=value, ax=self.ax, lang=self.lang, legend=False)
        self._show_figure()


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
        super().__init__(lang, figsize=(7.5, 4.2))
        self.df = df
        self.export_dir = Path(export_dir)
        values = [c for c in _VALUE_COLUMNS if c in df.columns] or [value]
        self.value = w.Dropdown(options=[(column_label(c, self.lang), c) for c in values],
                                value=value, description=t("value", self.lang))
        self.mode = w.ToggleButtons(
            options=[(t("abc.by_value", self.lang), "value"), (t("abc.by_count", self.lang), "count")],
            value="value")
        self.cut_a = w.FloatSlider(value=0.80, min=0.05, max=0.95, step=0.01,
                                   readout_format=".0%", description=t("abc.cut_a", self.lang), **_SLIDER)
        self.cut_b = w.FloatSlider(value=0.95, min=0.06, max=0.99, step=0.01,
                                   readout_format=".0%", description=t("abc.cut_b", self.lang), **_SLIDER)
        self.export = w.Button(description=t("export_excel", self.lang), icon="file-excel-o")
        self.export.on_click(lambda _b: self.export_excel())
        self.mode.observe(self._mode_changed, names="value")
        self._observe([self.value, self.cut_a, self.cut_b])
        self.children = [
            w.HBox([self.value, self.mode]), w.HBox([self.cut_a, self.cut_b]),
            self.code, w.HBox([self.chart, w.VBox([self.table, self.export, self.status])]),
        ]
        self.render()

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
        from kamlab.data import export_excel

        path = _free_path(self.export_dir / f"abc_{self.value.value}.xlsx")
        export_excel({"summary": self.summary, "accounts": self.result.sort_values("rank")}, path)
        self.status.value = f"{t('saved', self.lang)} <code>{html.escape(str(path))}</code>"
        return path


class ScoringDashboard(_Dashboard):
    """Scoring weights → ranking, and which accounts entered or left the top N.

    The same numbers in code::

        score_accounts(df, weights)                        # scores and ranks
        top_changes(top_n(df, n), top_n(df, n, weights))    # entered / left vs default weights

    Attributes after each render: ``scored``, ``top`` (ids, best first), ``change``
    (a :class:`~kamlab.scoring.TopChange` against the default weights), ``weights``
    (normalised).
    """

    def __init__(self, df: pd.DataFrame, *, weights=None, n: int = 10, lang=None,
                 id: str = "account_id"):
        super().__init__(lang, figsize=(6.5, 4.5))
        self.df, self.id = df, id
        self.base_weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        self.sliders = {
            c: w.FloatSlider(value=wt, min=0.0, max=0.5, step=0.01, readout_format=".2f",
                             description=column_label(c, self.lang), **_SLIDER)
            for c, wt in self.base_weights.items()
        }
        self.n = w.IntSlider(value=n, min=3, max=30, description=t("top_n", self.lang), **_SLIDER)
        self.reset = w.Button(description=t("reset", self.lang), icon="undo")
        self.reset.on_click(lambda _b: self.reset_weights())
        self.baseline = None
        self._observe([*self.sliders.values(), self.n])
        self.children = [
            w.HBox([w.VBox(list(self.sliders.values())), w.VBox([self.n, self.reset, self.status])]),
            self.code, w.HBox([self.chart, self.table]),
        ]
        self.render()

    def reset_weights(self):
        with self.paused():
            for c, slider in self.sliders.items():
                slider.value = self.base_weights[c]

    def render(self):
        """Recompute and redraw from the current control values."""
        raw = {c: s.value for c, s in self.sliders.items()}
        if sum(raw.values()) <= 0:
            self.status.value = t("weights.all_zero", self.lang)
            return
        self.weights = normalise_weights(raw)
        n = self.n.value
        if self.baseline is None:  # the default ranking never changes: rank it once
            self.baseline = score_accounts(self.df, self.base_weights).sort_values("score_rank")
        self.scored = score_accounts(self.df, self.weights).sort_values("score_rank")
        self.top = self.scored[self.id].head(n).tolist()
        self.change = top_changes(self.baseline[self.id].head(n).tolist(), self.top)
        self.code.value = (f"<code>score_accounts(df, {{{', '.join(f'{k!r}: {v:.2f}' for k, v in raw.items() if v)}}})"
                           "</code>")
        self.status.value = (f"{t('entered', self.lang)}: {', '.join(self.change.entered) or '—'}<br>"
                             f"{t('left', self.lang)}: {', '.join(self.change.left) or '—'}")
        cols = [c for c in ("score_rank", self.id, "name", "score") if c in self.scored.columns]
        top = self.scored[cols].head(n).copy()
        top["score"] = top["score"].round(1)
        top.insert(0, "", ["★" if i in self.change.entered else "" for i in top[self.id]])
        self.table.value = top.to_html(index=False, border=0, classes="kamlab-table")
        self.ax.clear()
        plotting.plot_scores(self.scored, n=n, id=self.id, ax=self.ax, lang=self.lang,
                             highlight=self.change.entered, values=False)
        self._show_figure()


def concentration_dashboard(df: pd.DataFrame, *, value: str = "revenue", frac: float = 0.20,
                            lang=None) -> ConcentrationDashboard:
    """Concentration dashboard: how much of the value the top x% of accounts hold."""
    return ConcentrationDashboard(df, value=value, frac=frac, lang=lang)


def abc_dashboard(df: pd.DataFrame, *, value: str = "revenue", lang=None) -> AbcDashboard:
    """ABC dashboard: pick the value column, the mode and the cut-offs; see table and chart."""
    return AbcDashboard(df, value=value, lang=lang)


def scoring_dashboard(df: pd.DataFrame, *, weights=None, n: int = 10, lang=None) -> ScoringDashboard:
    """Scoring dashboard: move the weights; see the ranking and who entered or left the top N."""
    return ScoringDashboard(df, weights=weights, n=n, lang=lang)


# ---------------------------------------------------------------------------------------
# Module 3: opportunities
# ---------------------------------------------------------------------------------------

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
        super().__init__(lang, figsize=(7.5, 4.2))
        self.book = book
        biggest = book.nlargest(accounts, "revenue")
        names = biggest["name"] if "name" in biggest else biggest["account_id"]
        self.account = w.Dropdown(
            options=[(f"{i} · {n}", i) for i, n in zip(biggest["account_id"], names)],
            description=t("account", self.lang), layout=w.Layout(width="420px"))
        self.moves = {
            name: w.FloatSlider(value=x, min=-0.05, max=0.05, step=0.005, readout_format="+.1%",
                                description=t(f"move.{name}", self.lang), **_SLIDER)
            for name, x in self._MOVES
        }
        self._observe([self.account, *self.moves.values()])
        self.children = [self.account, w.HBox([w.VBox(list(self.moves.values())), self.table]),
                         self.code, self.chart]
        self.render()

    def render(self):
        """Recompute and redraw from the current control values."""
        from kamlab.opportunities import lever_moves

        account = self.account.value
        row = self.book[self.book["account_id"] == account].iloc[0]
        moves = {name: slider.value for name, slider in self.moves.items()}
        self.result = lever_moves(row["revenue"], row["gross_margin"], row["cost_to_serve"],
                                  **moves)
        args = ", ".join(f"{k}={v:+.3f}" for k, v in moves.items())
        self.code.value = f"<code>lever_moves(revenue, gross_margin, cost_to_serve, {args})</code>"
        self.table.value = format_table(self.result[["lever", "move", "profit_change"]],
                                        lang=self.lang)
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

    def __init__(self, opp: pd.DataFrame, *, as_of, top: int = 15, lang=None):
        from kamlab.opportunities import SCREEN_WEIGHTS

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
        self.reasons_table = w.HTML()
        self._observe([self.min_win, self.min_priority, self.min_info, *self.weights.values()])
        self.children = [
            w.HBox([w.VBox([self.min_win, self.min_priority, self.min_info]),
                    w.VBox(list(self.weights.values()))]),
            self.code, self.status, w.HBox([self.table, self.reasons_table]),
        ]
        self.render()

    def render(self):
        """Recompute from the current control values (a table, no chart: it stays fast)."""
        from kamlab.opportunities import screen_opportunities

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
        self.table.value = shown.to_html(index=False, border=0, classes="kamlab-table")
        self.reasons_table.value = self.reasons.rename_axis(t("screen.reason", self.lang)) \
            .to_frame(t("screen.count", self.lang)).to_html(border=0, classes="kamlab-table")


class PipelineDashboard(_Dashboard):
    """Stage probabilities and a sales target → weighted pipeline (funnel) and coverage.

    The same numbers in code::

        weighted_pipeline(opp, probabilities=p); coverage(opp, target, probabilities=p)

    Attributes after each render: ``pipeline``, ``coverage`` (a
    :class:`~kamlab.opportunities.Coverage`), ``probabilities``.
    """

    def __init__(self, opp: pd.DataFrame, *, target: float = 40_000_000, lang=None):
        from kamlab.opportunities import DEFAULT_STAGE_PROBABILITY

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
        self.children = [w.HBox([w.VBox(list(self.sliders.values())), w.VBox([self.target, self.status])]),
                         self.code, self.chart]
        self.render()

    def render(self):
        """Recompute and redraw from the current control values."""
        from kamlab.opportunities import coverage, weighted_pipeline

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
        self.ax.clear()
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


# ---------------------------------------------------------------------------------------
# Module 4: proposal economics
# ---------------------------------------------------------------------------------------

def _money(x: float, lang: str) -> str:
    return t("money.cny", lang, value=f"{x:,.0f}")


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
        from kamlab.economics import contract_value

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
                                       description=t("negotiation.aftermarket", self.lang),
                                       style={"description_width": "initial"})
        self.index = w.Checkbox(value=False, description=t("negotiation.index", self.lang))
        self._observe([*self.cuts, self.rebate, self.aftermarket, self.index])
        self.children = [w.HBox([w.VBox([*self.cuts, self.rebate]),
                                 w.VBox([self.aftermarket, self.index, self.status])]),
                         self.code, self.chart]
        self.render()

    def render(self):
        """Recompute and redraw from the current control values."""
        from kamlab.economics import negotiation
        from kamlab.exceptions import KamlabError

        cuts = [s.value for s in self.cuts]
        try:
            self.result = negotiation(**self.terms, concessions=cuts, rebate=self.rebate.value,
                                      aftermarket=self.aftermarket.value,
                                      index=self.index.value)
        except KamlabError as err:  # e.g. an index of a loss: say so, keep the last chart
            self.status.value = html.escape(str(err))
            return
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
        from kamlab.economics import clearing_price

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
                                                  unit=units[0]), **_SLIDER)
        self.add_planned = w.Checkbox(value=False, disabled=self.planned.empty,
                                      description=t("costcurve.add_planned", self.lang,
                                                    n=len(self.planned)))
        self.closed = w.SelectMultiple(options=list(self.operating[plant]), rows=6,
                                      description=t("costcurve.close", self.lang),
                                      style={"description_width": "initial"})
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
        self.children = [w.HBox([w.VBox([self.demand, self.new_capacity, self.new_cost,
                                         self.add_planned, self.status]),
                                 self.closed]), self.code, self.chart]
        self.render()

    def render(self):
        """Recompute and redraw from the current control values."""
        from kamlab.economics import add_capacity, market_clearing
        from kamlab.exceptions import KamlabError

        c, lang = self.columns, self.lang
        used = self.operating[~self.operating[c["plant"]].isin(self.closed.value)]
        if self.add_planned.value:
            used = pd.concat([used, self.planned], ignore_index=True)
        new = None
        if self.new_capacity.value > 0:
            new = {c["plant"]: t("costcurve.new_plant", lang), c["capacity"]: self.new_capacity.value,
                   c["cost"]: self.new_cost.value}
            used = add_capacity(used, new, **c)
        self.plants = used
        demand = self.demand.value
        try:
            self.result = market_clearing(used, demand, **c)
        except KamlabError as err:  # demand above what is left: say so, keep the last chart
            self.status.value = f"<span style='color:#c62828'>{html.escape(str(err))}</span>"
            return
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
        self.ax.clear()
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
