"""Alt text on every chart a notebook shows (kamlab.plotting._alt_text): the chart's title
goes into the image's metadata and from there into the HTML page's <img alt>."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell
from nbformat.v4 import new_code_cell, new_notebook, new_output

from kamlab import reports
from kamlab.plotting import _alt_text, plot_pareto
from kamlab.plotting._alt_text import AltTextPNGFormatter, figure_alt


@pytest.fixture
def figure():
    fig, ax = plt.subplots()
    yield fig, ax
    plt.close(fig)


def test_alt_is_the_title_then_the_axis_labels(figure):
    fig, ax = figure
    assert figure_alt(fig) == "Chart"
    ax.set(xlabel="Share of accounts", ylabel="Share of revenue")
    assert figure_alt(fig) == "Share of revenue / Share of accounts"
    ax.set_title("Revenue\nconcentration")
    assert figure_alt(fig) == "Revenue concentration"
    fig.suptitle("Module 1")
    right = fig.add_subplot(2, 2, 4)
    right.set_title("收入集中度")
    assert figure_alt(fig) == "Module 1; Revenue concentration; 收入集中度"


def test_a_kamlab_chart_carries_its_title(figure):
    import pandas as pd

    from kamlab.concentration import pareto_table

    fig, ax = figure
    book = pd.DataFrame({"account_id": list("abcd"), "revenue": [5.0, 3.0, 1.0, 1.0]})
    plot_pareto(pareto_table(book), ax=ax, lang="zh")
    assert figure_alt(fig) == ax.get_title() != ""


@pytest.fixture
def shell():
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def test_the_formatter_adds_alt_and_survives_the_inline_backend_resetting_it(shell, figure):
    from matplotlib_inline.backend_inline import select_figure_formats

    fig, ax = figure
    ax.set_title("Profit bridge")
    select_figure_formats(shell, {"png"})
    assert _alt_text.install(shell) and _alt_text.install(shell)  # twice: one formatter
    assert isinstance(shell.display_formatter.formatters["image/png"], AltTextPNGFormatter)
    data, metadata = shell.display_formatter.format(fig)
    assert data["image/png"] and metadata["image/png"] == {"alt": "Profit bridge"}
    # %config InlineBackend.figure_formats / a report kernel's reset registers anew
    select_figure_formats(shell, {"retina"})
    data, metadata = shell.display_formatter.format(fig)
    assert metadata["image/png"]["alt"] == "Profit bridge"
    assert set(metadata["image/png"]) == {"alt", "width", "height"}  # retina's size kept
    assert shell.display_formatter.format("text")[1] == {}  # nothing else gains metadata


def test_install_outside_ipython_does_nothing():
    assert _alt_text.install() is False


def test_the_html_page_writes_alt_into_img_and_escapes_it():
    image = "iVBORw0KGgo="
    cells = [new_code_cell("x", outputs=[
        new_output("display_data", data={"image/png": image},
                   metadata={"image/png": {"alt": 'Share "A" <B> 客户'}}),
        new_output("display_data", data={"image/png": image})])]
    page = reports.to_html(nbformat.from_dict(new_notebook(cells=cells)))
    alts = re.findall(r"<img\b[^>]*>", page)
    assert len(alts) == 2
    assert "Share \"A\" &lt;B&gt; 客户" in alts[0] and "<B>" not in alts[0]
    assert 'alt="No description has been provided for this image"' in alts[1]
