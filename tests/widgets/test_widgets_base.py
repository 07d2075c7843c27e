"""Shared dashboard plumbing (widgets._base): table formatting and never-overwrite paths."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlab.exceptions import InvalidDataError, MissingColumnsError
from kamlab.widgets._base import _free_path, _require, format_table


def test_format_table_translates_headers_and_formats_shares():
    df = pd.DataFrame({"tier": ["A"], "revenue": [1234567.0], "revenue_share": [0.8031]})
    text = format_table(df, lang="zh")
    assert "级别" in text and "1,234,567" in text and "80.3%" in text
    assert 'class="dataframe kamlab-table"' in text


def test_free_path_numbers_the_copies(tmp_path):
    path = tmp_path / "abc.xlsx"
    assert _free_path(path) == path
    path.write_bytes(b"")
    assert _free_path(path).name == "abc (2).xlsx"
    (tmp_path / "abc (2).xlsx").write_bytes(b"")
    assert _free_path(path).name == "abc (3).xlsx"


def test_a_failing_callback_is_one_red_status_line_not_a_traceback(small_book, monkeypatch):
    from kamlab import widgets
    from kamlab.widgets import concentration

    dash = widgets.concentration_dashboard(small_book)
    chart, share = dash.chart.value, dash.share

    def broken(*args, **kwargs):
        raise RuntimeError("the chart broke\nsecond line")

    monkeypatch.setattr(concentration.plotting, "plot_pareto", broken)
    dash.frac.value = 0.10  # must not raise out of the callback
    assert dash.status.value == ("<span style='color:#c62828'>RuntimeError: the chart broke "
                                 "second line</span>")
    assert isinstance(dash.error, RuntimeError) and dash.chart.value == chart
    monkeypatch.undo()
    dash.frac.value = 0.20  # fixed: the next render clears the error
    assert dash.error is None and "#c62828" not in dash.status.value and dash.share == share


def test_a_failing_render_called_from_code_still_raises(small_book):
    from kamlab import widgets

    dash = widgets.concentration_dashboard(small_book)
    dash.df = small_book.assign(revenue=-small_book["revenue"])
    with pytest.raises(InvalidDataError, match="adds up to"):
        dash.render()


def test_require_names_the_dashboard_and_refuses_an_empty_table(small_book):
    with pytest.raises(MissingColumnsError, match=r"^x_dashboard\(\) needs the column\(s\) 'wallet'"):
        _require(small_book[["account_id", "revenue"]], ["revenue", "wallet"], dashboard="x_dashboard")
    with pytest.raises(InvalidDataError, match=r"x_dashboard\(\) needs at least one row"):
        _require(small_book.iloc[:0], ["revenue"], dashboard="x_dashboard")


# -- redrawing without ax.clear() --------------------------------------------------------------

def _pixels(png: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)))


def _changes_by_strip_and_by_clear(monkeypatch, module, build, changes):
    """PNG after ``changes`` with _strip (the dashboards' way) and with ax.clear() (the old)."""
    stripped = build()
    for change in changes:
        change(stripped)
    with monkeypatch.context() as m:
        m.setattr(module, "_strip", lambda ax: ax.clear())
        cleared = build()
        for change in changes:
            change(cleared)
    return _pixels(stripped.chart.value), _pixels(cleared.chart.value)


def test_pipeline_chart_redrawn_without_clear_is_the_same_picture(monkeypatch):
    import numpy as np

    import kamlab
    from kamlab.widgets import opportunities as module

    opp = kamlab.load_dataset("opportunities")
    changes = [lambda d: setattr(d.sliders["Committed"], "value", 0.95),  # longer bars, then
               lambda d: setattr(d.sliders["Committed"], "value", 0.3)]   # shorter: limits shrink
    a, b = _changes_by_strip_and_by_clear(monkeypatch, module,
                                          lambda: module.pipeline_dashboard(opp), changes)
    np.testing.assert_array_equal(a, b)


def test_cost_curve_chart_redrawn_without_clear_is_the_same_picture(monkeypatch):
    import numpy as np

    import kamlab
    from kamlab.widgets import economics as module

    plants = kamlab.load_dataset("industry_plants")
    changes = [lambda d: setattr(d.demand, "value", 140.0),
               lambda d: setattr(d.add_planned, "value", True),
               lambda d: setattr(d.demand, "value", 100.0)]
    a, b = _changes_by_strip_and_by_clear(
        monkeypatch, module,
        lambda: module.cost_curve_dashboard(plants, 118.0, highlight="Our company"), changes)
    np.testing.assert_array_equal(a, b)
