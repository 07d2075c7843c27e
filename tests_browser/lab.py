"""Driving a notebook in JupyterLab: open, run all, read the model (through window.jupyterapp)."""

from __future__ import annotations

import time

# JavaScript run in the page: the current notebook's state, read from its model.
_STATE = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  if (!widget || !widget.content || !widget.content.model) return null;
  const kernel = widget.sessionContext.session && widget.sessionContext.session.kernel;
  const cells = widget.content.model.cells;
  const state = {kernel: kernel ? kernel.status : "none", code: 0, run: 0, errors: [], texts: [],
                 counts: []};
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== "code") continue;
    state.code += 1;
    if (cell.executionCount !== null) state.run += 1;
    state.counts.push(cell.executionCount === null ? 0 : cell.executionCount);
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === "error") state.errors.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
      if (out.output_type === "stream") state.texts.push(out.text);
      if (out.data && out.data["text/plain"]) state.texts.push(out.data["text/plain"]);
      if (out.data && out.data["text/html"]) state.texts.push(out.data["text/html"]);
    }
  }
  return state;
}"""


def open_notebook(page, lab, path: str) -> None:
    """Open ``path`` (relative to the served copy) and wait until its kernel is idle."""
    base, token = lab
    page.goto(f"{base}/lab/tree/{path}?reset&token={token}")  # reset: no tabs from earlier tests
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                           "&& window.jupyterapp.shell.currentWidget.sessionContext", timeout=90_000)
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const s = w.sessionContext.session;
                   return s && s.kernel && s.kernel.status === "idle"; }""", timeout=90_000)


# outputs of the notebook on screen (other tabs stay in the page, hidden)
OUTPUT = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"


def command(page, name: str, args: dict | None = None) -> None:
    page.evaluate("([name, args]) => window.jupyterapp.commands.execute(name, args)",
                  [name, args or {}])


_FORGET_COUNTS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type === "code") cell.executionCount = null;
  }
}"""


def run_all(page, timeout: float = 180) -> dict:
    """Clear every output and execution count, run all cells, and wait until each code cell
    has run and the kernel is idle (or the run stopped at an error). A fresh kernel numbers
    its cells from 1 again, so the stored counts must go first: "every cell numbered" is the
    signal that the run finished."""
    command(page, "editmenu:clear-all")
    page.evaluate(_FORGET_COUNTS)
    command(page, "runmenu:run-all")
    deadline = time.monotonic() + timeout
    while True:
        state = page.evaluate(_STATE)
        ran = [c > 0 for c in state["counts"]]
        if state["kernel"] == "idle" and (all(ran) or state["errors"]):
            time.sleep(0.3)  # the last outputs arrive just after the idle status
            return page.evaluate(_STATE)
        if time.monotonic() > deadline:
            raise TimeoutError(f"Run All did not finish in {timeout} s: {state['kernel']}, "
                               f"{sum(ran)} of {len(ran)} cells ran")
        time.sleep(0.25)


def state(page) -> dict:
    return page.evaluate(_STATE)
