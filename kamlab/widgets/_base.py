"""Shared plumbing of every dashboard: the ``_Dashboard`` base (one figure reused across
renders, PNG output, a status line, ``paused()``), ``format_table`` and small helpers.

Each topic module (concentration, segmentation, scoring, opportunities, economics)
subclasses ``_Dashboard`` once per dashboard.
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

from kamlab._validate import require_columns
from kamlab.exceptions import InvalidDataError, KamlabError
from kamlab.i18n import resolve, t
from kamlab.plotting._style import _figure_size
from kamlab.tables import header, readable

__all__ = ["format_table"]

_VALUE_COLUMNS = ("revenue", "profit", "gross_margin")
_SLIDER = dict(continuous_update=False, style={"description_width": "initial"},
               layout=w.Layout(width="360px"))


def format_table(df: pd.DataFrame, *, lang=None) -> str:
    """A compact HTML table with translated headers, shares as %, money with separators."""
    shown = readable(df)
    shown.columns = [header(c, lang) for c in df.columns]
    return shown.to_html(index=False, border=0, classes="kamlab-table", justify="left")



def _free_path(path: Path) -> Path:
    """``path`` if unused, else ``name (2).xlsx``, ``name (3).xlsx`` … — never overwrite."""
    if not path.exists():
        return path
    for i in itertools.count(2):
        candidate = path.with_name(f"{path.stem} ({i}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise AssertionError("unreachable")


def _require(df, columns, *, dashboard: str) -> None:
    """Refuse, when a dashboard is built, a table without its columns or without rows.

    Raises MissingColumnsError naming the dashboard and the missing columns, or
    InvalidDataError for an empty table — before any control exists, not later from a
    callback.
    """
    require_columns(df, columns, func=dashboard)
    if len(df) == 0:
        raise InvalidDataError(f"{dashboard}() needs at least one row; the table is empty. "
                               "Check the file, or the filter that made the table.")


def _red(text: str) -> str:
    """``text`` as one line of red HTML: how a dashboard's status says something went wrong."""
    text = " ".join(str(text).split())  # one line, whatever the message held
    return f"<span style='color:#c62828'>{html.escape(text)}</span>"


def _error_line(err: Exception) -> str:
    """An error as one readable red line of HTML for a dashboard's status."""
    return _red(str(err) if isinstance(err, KamlabError) else f"{type(err).__name__}: {err}")


def _strip(ax) -> None:
    """Remove what a plot drew on ``ax`` but keep the axes and their tick objects.

    ``ax.clear()`` throws the ticks away, and making them again costs a third of a render.
    Data limits and autoscaling start afresh, as after a clear; a plot function drawn again
    sets its title, labels, limits, ticks and formatters itself (a test compares the pixels
    with a dashboard built fresh on the same values).
    """
    for artist in [*ax.lines, *ax.patches, *ax.texts, *ax.collections, *ax.images]:
        artist.remove()
    ax.containers.clear()
    if ax.legend_ is not None:
        ax.legend_.remove()
    ax.relim()
    ax.set_autoscale_on(True)


class _Dashboard(w.VBox):
    """Shared plumbing: one figure reused across renders, a status line, safe callbacks.

    Subclasses check their table with :func:`_require` before building controls. The first
    render and every callback (a control's change, a button) run through :meth:`_safely`:
    an error becomes one red line in ``status`` (and is kept in ``error``), never a
    traceback out of the callback; the last chart and results stay. ``render()`` or
    ``export_excel()`` called from code raise as usual.
    """

    def __init__(self, lang, figsize):
        self.lang = resolve(lang)
        self.fig, self.ax = plt.subplots(**_figure_size(figsize))
        plt.close(self.fig)  # shown only through the Output widget, never twice
        self.chart = w.Image(format="png")
        self.table = w.HTML()
        self.code = w.HTML()
        self.status = w.HTML()
        self._paused = False
        self._laid_out = False
        self.error = None  # the exception of the last failed callback, None after a success
        super().__init__()

    @contextmanager
    def paused(self):
        """Change several controls at once, then render once."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False
        self._safely(self.render)

    def _safely(self, action):
        """Run ``action()``; an error shows as one red line in the status, never raises."""
        try:
            result = action()
        except Exception as err:  # a callback must never raise into Jupyter
            self.error = err
            self.status.value = _error_line(err)
            return None
        if self.error is not None and self.status.value == _error_line(self.error):
            self.status.value = ""  # the problem is gone: so is its line
        self.error = None
        return result

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
            self._safely(self.render)


def _money(x: float, lang: str) -> str:
    return t("money.cny", lang, value=f"{x:,.0f}")
