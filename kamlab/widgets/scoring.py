"""Module 2 (segmentation: scoring accounts, seed 000's weighted attractiveness): the scoring
dashboard — move the weights, see the ranking and who entered or left the top N.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from kamlab import plotting
from kamlab.i18n import column_label, t
from kamlab.scoring import DEFAULT_WEIGHTS, normalise_weights, score_accounts, top_changes
from kamlab.widgets._base import _SLIDER, _Dashboard, _grid, _require, _row, format_table

__all__ = ["ScoringDashboard", "scoring_dashboard"]


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
        base_weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        _require(df, [id, *base_weights], dashboard="scoring_dashboard")
        super().__init__(lang, figsize=(6.5, 4.5))
        self.df, self.id = df, id
        self.base_weights = base_weights
        self.sliders = {
            c: w.FloatSlider(value=wt, min=0.0, max=0.5, step=0.01, readout_format=".2f",
                             description=column_label(c, self.lang), **_SLIDER)
            for c, wt in self.base_weights.items()
        }
        self.n = w.IntSlider(value=n, min=3, max=30, description=t("top_n", self.lang), **_SLIDER)
        self.reset = w.Button(description=t("reset", self.lang), icon="undo")
        self.reset.on_click(lambda _b: self._safely(self.reset_weights))
        self.baseline = None
        self._observe([*self.sliders.values(), self.n])
        self._layout(
            _grid(*self.sliders.values(), self.n), self.reset, self.status,
            self.code, _row(self.chart, self.table),
        )
        self._safely(self.render)

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
        self.status.value = (f"{t('top.entered', self.lang)}: {', '.join(self.change.entered) or '—'}<br>"
                             f"{t('top.left', self.lang)}: {', '.join(self.change.left) or '—'}")
        cols = [c for c in ("score_rank", self.id, "name", "score") if c in self.scored.columns]
        top = self.scored[cols].head(n).copy()
        top["score"] = top["score"].round(1)
        top.insert(0, "", ["★" if i in self.change.entered else "" for i in top[self.id]])
        self.table.value = format_table(top, lang=self.lang)
        self.ax.clear()
        plotting.plot_scores(self.scored, n=n, id=self.id, ax=self.ax, lang=self.lang,
                             highlight=self.change.entered, values=False)
        self._show_figure()


def scoring_dashboard(df: pd.DataFrame, *, weights=None, n: int = 10, lang=None) -> ScoringDashboard:
    """Scoring dashboard: move the weights; see the ranking and who entered or left the top N."""
    return ScoringDashboard(df, weights=weights, n=n, lang=lang)
