"""Each course notebook runs in JupyterLab; exercises show red and green; Chinese shows glyphs."""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import ROOT
from lab import OUTPUT, open_notebook, run_all

COURSE = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("name", COURSE)
def test_course_notebook_runs_all_without_an_error(page, lab, name):
    open_notebook(page, lab, f"notebooks/{name}")
    state = run_all(page)
    assert state["errors"] == [], state["errors"]
    assert state["run"] == state["code"] > 0
    # every dashboard is a live widget view, not "Loading widget..." or its Python repr
    views = page.locator(f"{OUTPUT} .widget-box, {OUTPUT} .jupyter-widgets")
    source = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    dashboards = sum("_dashboard(" in c.source for c in source.cells if c.cell_type == "code")
    if dashboards:
        views.first.wait_for(state="attached")
        assert page.get_by_text("Loading widget...").count() == 0


def _set_answer(page, answer: str) -> None:
    """Replace the answer cell's text (the one that assigns ``answer``) in the notebook model."""
    page.wait_for_function("""() => {
      const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
      for (let i = 0; i < cells.length; i++)
        if (cells.get(i).sharedModel.getSource().match(/^answer = /m)) return true;
      return false; }""")
    page.evaluate("""(answer) => {
      const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells.get(i);
        if (cell.type === "code" && cell.sharedModel.getSource().match(/^answer = /m)) {
          cell.sharedModel.setSource(answer); return;
        }
      }
      throw new Error("no answer cell");
    }""", answer)


@pytest.mark.parametrize("folder, wrong_hint", [("exercises", "Hint"), ("exercises/zh", "提示")])
def test_an_exercise_shows_red_with_a_hint_then_the_green_tick(page, lab, folder, wrong_hint):
    open_notebook(page, lab, f"{folder}/m1_01_top20.ipynb")
    _set_answer(page, "answer = 80")  # a percentage where a fraction is asked
    state = run_all(page)
    assert state["errors"] == []
    feedback = page.locator(OUTPUT, has_text="m1-top20").last
    feedback.wait_for(state="attached")  # an off-screen output is attached, not drawn
    assert "✗" in feedback.text_content() and wrong_hint in feedback.text_content()
    colour = feedback.locator("div").first.evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(179, 38, 30)"  # the red of a wrong answer
    _set_answer(page, "from kamlab.concentration import top_share\n"
                      "answer = top_share(book['revenue'], 0.20)")
    run_all(page)
    feedback = page.locator(OUTPUT, has_text="m1-top20").last
    page.wait_for_function("() => document.body.textContent.includes('✓ m1-top20')")
    assert "✓" in feedback.text_content()


def test_the_chinese_edition_shows_chinese_glyphs_not_boxes(page, lab):
    open_notebook(page, lab, "notebooks/zh/01_why_key_accounts.ipynb")
    state = run_all(page)
    assert state["errors"] == []
    text = page.locator(".jp-Notebook").text_content()
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 500
    # emphasis closes in JupyterLab's Markdown renderer too: no star left in the prose
    prose = page.evaluate("""() => [...document.querySelectorAll(
        ".jp-MarkdownCell .jp-RenderedMarkdown")].map(node => {
          const copy = node.cloneNode(true);  // the prose, not its code spans
          copy.querySelectorAll("code, pre").forEach(code => code.remove());
          return copy.textContent; })""")
    assert prose and "*讲师请注意" not in "".join(prose), "emphasis not rendered"
    assert [p for p in prose if "*" in p] == [], "a Markdown cell shows its stars"
    # a character the fonts lack is drawn as a box (tofu); Chinese must be wider/different
    widths = page.evaluate("""() => {
      const ctx = document.createElement("canvas").getContext("2d");
      ctx.font = "32px " + getComputedStyle(document.querySelector(".jp-RenderedMarkdown")).fontFamily;
      return [ctx.measureText("关键客户管理").width, ctx.measureText("\\u0378\\u0378\\u0378\\u0378\\u0378\\u0378").width,
              ctx.measureText("客").width, ctx.measureText("户").width];
    }""")
    chinese, tofu, one, other = widths
    assert chinese != tofu and one > 20, f"Chinese text renders as boxes: install fonts-noto-cjk ({widths})"
