"""Shared plumbing of every dashboard: the ``_Dashboard`` base (one figure reused across
renders, PNG output, a status line, ``paused()``), ``format_table`` and small helpers.

Each topic module (concentration, segmentation, scoring, opportunities, economics)
subclasses ``_Dashboard`` once per dashboard.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
from contextlib import contextmanager
from pathlib import Path

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
import traitlets
from matplotlib.layout_engine import TightLayoutEngine

from kamlab._validate import require_columns
from kamlab.exceptions import InvalidDataError, KamlabError
from kamlab.i18n import resolve, t
from kamlab.plotting._alt_text import figure_alt
from kamlab.plotting._style import _figure_size
from kamlab.tables import header, readable

__all__ = ["format_table"]

_VALUE_COLUMNS = ("revenue", "profit", "gross_margin")
#: a slider's settings; :func:`_grid` puts its label above it and widens it to its column
_SLIDER = dict(continuous_update=False, style={"description_width": "initial"})
#: the narrowest column of controls: a slider's track and a readout such as "+12.50%"
_CONTROL_WIDTH = "250px"


def format_table(df: pd.DataFrame, *, lang=None, money=None, percent=None) -> str:
    """A compact HTML table like every table of the course (:func:`kamlab.tables.readable`):
    headers and values in ``lang``, shares as %, money with separators; ``money`` and
    ``percent`` name result columns that are not canonical money or share columns."""
    shown = readable(df, money=money, percent=percent, lang=lang)
    shown.columns = [header(c, lang) for c in df.columns]
    return shown.to_html(index=False, border=0, classes="kamlab-table", justify="left")



#: controls whose label goes above them (a checkbox or a button carries its own)
_LABEL_ABOVE = (w.FloatSlider, w.IntSlider, w.FloatText, w.IntText, w.Text, w.Dropdown,
                w.SelectMultiple)


def _field(control: w.Widget) -> w.Widget:
    """``control`` as one cell of :func:`_grid`: a slider, a number box or a list gets its
    label above it, wrapped if long, and the full width of its column, so a long label never
    squeezes out the track or the readout. The label text stays in ``control.tooltip``."""
    if not isinstance(control, _LABEL_ABOVE):
        return control
    label = control.description
    control.tooltip = label
    control.description = ""
    control.layout.width = "100%"
    caption = w.HTML(f"<span style='line-height:1.3'>{html.escape(label)}</span>",
                     layout=w.Layout(margin="2px 0 0 2px"))
    return w.VBox([caption, control], layout=w.Layout(width="100%"))


def _grid(*controls: w.Widget) -> w.GridBox:
    """Controls in as many columns as the page has room for (at least ``_CONTROL_WIDTH``
    each): readable at 1400 px and on a projector, one column on a narrow screen."""
    return w.GridBox([_field(c) for c in controls], layout=w.Layout(
        width="100%", grid_gap="2px 28px",
        grid_template_columns=f"repeat(auto-fill, minmax({_CONTROL_WIDTH}, 1fr))"))


def _row(*children: w.Widget) -> w.HBox:
    """Side by side while they fit, else one under the other (a chart and its table)."""
    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", align_items="flex-start",
                                                  width="100%"))


class _Chart(w.Image):
    """A chart image; ``alt`` (the figure's title) stays in the kernel: it describes the
    image in the dashboard's saved copy. (Not the ``tooltip``: ipywidgets 8's image view
    fails to draw with one.)"""

    alt = traitlets.Unicode("")


def _chart() -> _Chart:
    """A chart image that shrinks to the width of the page instead of running off it."""
    return _Chart(format="png", layout=w.Layout(max_width="100%", height="auto"))


def _table() -> w.HTML:
    """A table beside a chart: scrolls sideways rather than being cut off."""
    return w.HTML(layout=w.Layout(max_width="100%", overflow="auto", margin="0 0 0 8px"))


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
        self.chart = _chart()
        self.table = _table()
        self.code = w.HTML()
        self.status = w.HTML(layout=w.Layout(width="100%"))
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
        _describe(self.chart, self.fig)

    def _layout(self, *rows: w.Widget) -> None:
        """The dashboard's rows, then the grey line that says how to bring a saved copy to
        life (a notebook opened without running shows its controls, but they answer no one)."""
        for widget in _walk(rows):  # a button as wide as its label ("Undo my changes")
            if isinstance(widget, w.Button):
                widget.layout.width = "auto"
        hint = w.HTML(f"<span style='color:#6b7785;font-size:90%'>"
                      f"{html.escape(t('dashboard.run_hint', self.lang))}</span>")
        self.children = [*rows, hint]

    def _repr_mimebundle_(self, **kwargs):
        """Live in JupyterLab (the widget view); elsewhere — an untrusted or saved notebook,
        GitHub, nbconvert's HTML — a static copy of what it showed, saying to run the cell."""
        data = super()._repr_mimebundle_(**kwargs)
        note = t("dashboard.saved", self.lang)
        data["text/plain"] = f"{type(self).__name__}: {note}"
        data["text/html"] = (f"<div class='kamlab-dashboard'><p><em>{html.escape(note)}</em></p>"
                             f"{_static_html(self)}</div>")
        return data

    def _observe(self, controls):
        for control in controls:
            control.observe(self._changed, names="value")

    def _changed(self, _change):
        if not self._paused:
            self._safely(self.render)


def _describe(image: _Chart, fig) -> None:
    """Give a chart image its figure's title as its alt text."""
    image.alt = figure_alt(fig)


def _walk(widgets):
    """Every widget in ``widgets`` and inside them, depth first."""
    for widget in widgets:
        yield widget
        yield from _walk(getattr(widget, "children", ()))


def _static_html(widget: w.Widget) -> str:
    """What a dashboard shows, as plain HTML: its status lines, code line, tables and charts
    (images embedded), without the controls — they only work with a running kernel."""
    if isinstance(widget, w.GridBox):  # the controls
        return ""
    if isinstance(widget, w.Image):
        if not widget.value:
            return ""
        data = base64.b64encode(widget.value).decode("ascii")
        alt = html.escape(getattr(widget, "alt", ""), quote=True)
        return f"<img src='data:image/png;base64,{data}' alt=\"{alt}\" style='max-width:100%'>"
    if isinstance(widget, w.HTML):
        return f"<div>{widget.value}</div>" if widget.value else ""
    if isinstance(widget, w.Box):
        inner = "".join(_static_html(child) for child in widget.children)
        if isinstance(widget, w.HBox):
            return f"<div style='display:flex;flex-wrap:wrap;gap:8px'>{inner}</div>"
        return inner
    return ""


def _money(x: float, lang: str) -> str:
    return t("money.cny", lang, value=f"{x:,.0f}")
