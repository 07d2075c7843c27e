"""Every dashboard's layout (widgets._base: _grid, _row, _chart, _table, _layout) and its
saved copy (_repr_mimebundle_): labels above their controls so a long label never squeezes
out a slider's track or readout, charts and tables that fit the page, the chart's title as
its description, and a static copy that says to run the cell."""

from __future__ import annotations

import re

import ipywidgets as w
import pytest

import kamlab
from kamlab import widgets
from kamlab.widgets._base import _LABEL_ABOVE, _Dashboard


def _build(name: str, lang: str) -> _Dashboard:
    book = kamlab.load_dataset("customers")
    opp = kamlab.load_dataset("opportunities")
    if name == "concentration":
        return widgets.concentration_dashboard(book, lang=lang)
    if name == "abc":
        return widgets.abc_dashboard(book, lang=lang)
    if name == "scoring":
        return widgets.scoring_dashboard(book, lang=lang)
    if name == "lever":
        return widgets.lever_dashboard(book, lang=lang)
    if name == "screen":
        return widgets.screen_dashboard(opp, as_of="2026-06-30", lang=lang)
    if name == "pipeline":
        return widgets.pipeline_dashboard(opp, lang=lang)
    if name == "negotiation":
        return widgets.negotiation_dashboard(**kamlab.load_contract_case(), lang=lang)
    if name == "cost_curve":
        plants = kamlab.load_dataset("industry_plants")
        return widgets.cost_curve_dashboard(plants, 118.0, lang=lang)
    if name == "bank":
        bank = kamlab.load_dataset("bank_customers").sample(5_000, random_state=3)
        return widgets.bank_dashboard(bank.reset_index(drop=True), lang=lang)
    if name == "coverage":
        return widgets.coverage_dashboard(kamlab.load_dataset("buying_centre"),
                                          kamlab.load_dataset("account_coverage"), lang=lang)
    raise AssertionError(name)


NAMES = ["concentration", "abc", "scoring", "lever", "screen", "pipeline", "negotiation",
         "cost_curve", "bank", "coverage"]


@pytest.fixture(scope="module", params=[(n, lang) for n in NAMES for lang in ("en", "zh")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def dash(request):
    return _build(*request.param)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_controls_sit_in_a_grid_with_their_labels_above(dash):
    grids = [x for x in _walk(dash) if isinstance(x, w.GridBox)]
    assert len(grids) == 1  # every control of the dashboard, in columns that wrap
    template = grids[0].layout.grid_template_columns
    assert template.startswith("repeat(auto-fill, minmax(") and "1fr" in template
    controls = [x for x in _walk(grids[0]) if isinstance(x, _LABEL_ABOVE)]
    assert controls
    for control in controls:
        assert control.description == "" and control.tooltip  # the label moved above ...
        assert control.layout.width == "100%"  # ... and the control has its column's width
    captions = [x.value for x in _walk(grids[0]) if isinstance(x, w.HTML)]
    assert all(any(c.tooltip.replace("&", "&amp;") in v for v in captions) for c in controls)
    fixed = [x for x in _walk(dash) if (x.layout.width or "").endswith("px")]
    assert fixed == []  # nothing that cannot shrink to a narrow page


def test_charts_and_tables_fit_the_page(dash):
    for image in (x for x in _walk(dash) if isinstance(x, w.Image)):
        assert image.layout.max_width == "100%" and image.layout.height == "auto"
        assert image.tooltip is None  # ipywidgets 8's image view breaks with a tooltip
        if image.value:  # the chart's title is its description (alt text when saved)
            assert image.alt and image.alt != "Chart"
    for box in (x for x in _walk(dash) if isinstance(x, w.HBox)):
        assert box.layout.flex_flow == "row wrap", box  # side by side only while they fit


def test_a_table_has_readable_headers(dash):
    tables = "".join(x.value for x in _walk(dash) if isinstance(x, w.HTML) and "<table" in x.value)
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", tables)
    assert not [h for h in headers if re.fullmatch(r"[a-z]+(_[a-z]+)+", h)], headers


def test_the_saved_copy_says_run_the_cell_and_shows_what_the_dashboard_showed(dash):
    bundle = dash._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # live in JupyterLab
    note = kamlab.i18n.t("dashboard.saved", dash.lang)
    assert note in bundle["text/plain"] and "children=" not in bundle["text/plain"]
    page = bundle["text/html"]
    assert note in page and "<input" not in page and "slider" not in page
    images = [x for x in _walk(dash) if isinstance(x, w.Image) and x.value]
    assert page.count("<img src='data:image/png;base64,") == len(images)
    for image in images:
        assert f'alt="{image.alt}"' in page.replace("&amp;", "&").replace("&#x27;", "'")
    hint = kamlab.i18n.t("dashboard.run_hint", dash.lang)
    assert hint in dash.children[-1].value  # also under the live dashboard
