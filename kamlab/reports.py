"""Run a course notebook with papermill, safely: parameters checked, a timeout, no overwrite.

papermill accepts misspelled parameter names silently, writes any value it cannot translate
into the notebook as ``str(value)`` (code, for a hostile tuple), and may hang on a widget
cell without a timeout. This wrapper refuses unknown names, lets only plain values through,
coerced to the type of the notebook's default (:mod:`kamlab.parameters`), and always sets
a timeout.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from kamlab.exceptions import (
    NoSuchFileError,
    NotebookFailedError,
    OutputExistsError,
    ParameterError,
)
from kamlab.parameters import coerce_parameters, defaults_from_source

__all__ = ["notebook_parameters", "notebook_defaults", "parameters_from_text", "run_notebook",
           "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 600  # seconds per cell


def _inspect(notebook) -> dict:
    import papermill

    return papermill.inspect_notebook(str(notebook))


def notebook_parameters(notebook) -> dict:
    """The parameters a notebook declares (its cell tagged ``parameters``): name → default."""
    return {name: info["default"] for name, info in _inspect(notebook).items()}


def notebook_defaults(notebook) -> dict:
    """The notebook's parameters with their defaults as Python values (name → value)."""
    return defaults_from_source(_inspect(notebook))


def parameters_from_text(notebook, texts: dict) -> dict:
    """Command-line text (``-p top 10``) read as the type of each parameter's default.

    Raises ParameterError for an unknown name (with a suggestion) or a value of the wrong
    type (``-p top ten``), naming the parameter.
    """
    return _checked(notebook, texts, text=True)


def _checked(notebook, values: dict, *, text: bool = False) -> dict:
    """``values`` with known names only, coerced to the defaults' types (one inspection)."""
    declared = _inspect(notebook)
    _check_names(notebook, values, declared)
    return coerce_parameters(values, defaults_from_source(declared), text=text)


def _check_names(notebook, parameters: dict, known: dict) -> None:
    for name in parameters:
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1)
            suggestion = f" Did you mean {close[0]!r}?" if close else ""
            raise ParameterError(
                f"{Path(notebook).name} has no parameter {name!r}.{suggestion} "
                f"Its parameters: {', '.join(known) or '(none)'}.",
                name=name, known=list(known))


def _timeout(timeout) -> float:
    if timeout is None:
        return DEFAULT_TIMEOUT
    if type(timeout) is bool or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ParameterError(
            f"timeout is the most seconds one cell may run, a number above 0 (a timeout is "
            f"always set); got {timeout!r}. CLI: --timeout 600.", timeout=timeout)
    return timeout


def run_notebook(notebook, output, *, parameters=None, timeout=DEFAULT_TIMEOUT,
                 overwrite: bool = False, cwd=None) -> Path:
    """Execute ``notebook`` into ``output`` with ``parameters``; returns the output path.

    Raises NoSuchFileError / ParameterError for a missing notebook, one that is not a
    notebook (``.ipynb`` JSON), an output that is a folder or not ``.ipynb``, an unknown
    parameter name, a value that is not plain data (text, numbers, true/false, None,
    lists/dicts of those) or not of the default's type, or a timeout that is not above 0;
    OutputExistsError if ``output`` exists and ``overwrite`` is False (an existing report is
    never replaced unasked); NotebookFailedError when a cell fails or times out: its message
    names the cell, its first line and the error's last line, and the partial output is kept
    as ``<output>.failed.ipynb`` — ``output`` itself is only written by a run that finished.

    The notebook runs in ``cwd`` (default: its own folder). A text parameter that is a
    relative path to an existing file *from where you call this* (``my_pipeline.csv``) is
    passed on as an absolute path, so it is found from the notebook's folder too.
    """
    import papermill

    notebook, output = Path(notebook), Path(output)
    timeout = _timeout(timeout)
    _check_paths(notebook, output)
    parameters = dict(parameters or {})
    # values, never source: only plain data reaches papermill's code writer
    parameters = _checked(notebook, parameters)
    parameters = {name: _absolute_if_file(value) for name, value in parameters.items()}
    if output.exists() and not overwrite:
        raise OutputExistsError(
            f"{output} already exists; kamlab does not replace a report unasked. "
            "Choose another output name, or pass overwrite=True (CLI: --force).", path=str(output))
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.stem + ".failed.ipynb")
    running = output.with_name(f".{output.stem}.running.ipynb")
    try:
        papermill.execute_notebook(
            str(notebook), str(running), parameters=parameters, kernel_name="python3",
            execution_timeout=timeout, progress_bar=False, cwd=str(cwd or notebook.parent),
            # the kernel's own start-up warnings are not the user's business
            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    except Exception as err:  # a failed cell, a timeout, a dead kernel: one clear message
        kept = running.exists()
        if kept:
            running.replace(partial)
        raise _failure(notebook, err, partial if kept else None) from None
    running.replace(output)  # only a finished run becomes the report
    partial.unlink(missing_ok=True)  # an earlier failed attempt is superseded
    return output


def _check_paths(notebook: Path, output: Path) -> None:
    import json

    if not notebook.is_file():
        raise NoSuchFileError(f"no notebook at {notebook}" + (" (that is a folder)" if notebook.is_dir()
                              else "") + ". Give the path of a .ipynb file, e.g. "
                              "notebooks/01_why_key_accounts.ipynb.", path=str(notebook))
    try:
        with open(notebook, encoding="utf-8") as fh:
            data = json.load(fh)
        ok = isinstance(data, dict) and isinstance(data.get("cells"), list)
    except (OSError, UnicodeDecodeError, ValueError):
        ok = False
    if not ok:
        raise ParameterError(f"{notebook} is not a Jupyter notebook (.ipynb JSON with cells); "
                             "give a notebook saved by Jupyter.", path=str(notebook))
    if output.is_dir():
        raise ParameterError(f"the output {output} is a folder; give a file name inside it, e.g. "
                             f"{output / (notebook.stem + '_report.ipynb')}.", path=str(output))
    if output.suffix != ".ipynb":
        raise ParameterError(
            f"the output must be a notebook ending in .ipynb; got {output.name!r}. For HTML, "
            f"convert the finished notebook: jupyter nbconvert --to html {output.with_suffix('.ipynb')}.",
            path=str(output))


def _failure(notebook: Path, err: Exception, partial) -> NotebookFailedError:
    """One message for a run that stopped: which cell, its first line, the error's last line."""
    where = f" The partial output is kept in {partial}." if partial else ""
    source = getattr(err, "source", None)
    if source is not None:  # papermill's PapermillExecutionError
        first = next((ln.strip() for ln in str(source).splitlines() if ln.strip()), "")
        last = f"{err.ename}: {err.evalue}".strip().splitlines()[-1].rstrip(".")
        cell = f"In [{err.exec_count}]"
        text = (f"{notebook.name} stopped at cell {cell} ({first[:80]!r}): {last[:300]}.{where}")
        return NotebookFailedError(text, cell=err.exec_count, first_line=first, error=last,
                                   partial=str(partial) if partial else None)
    lines = [ln for ln in str(err).strip().splitlines() if ln.strip()] or [type(err).__name__]
    last = lines[-1].strip().rstrip(".")
    if "timed out" in str(err).lower() or type(err).__name__ == "CellTimeoutError":
        last = f"a cell ran longer than the timeout ({last[:200]}); raise --timeout if it needs longer"
    text = f"{notebook.name} did not finish: {type(err).__name__}: {last[:300]}.{where}"
    return NotebookFailedError(text, cell=None, first_line=None, error=last,
                               partial=str(partial) if partial else None)


def _absolute_if_file(value):
    if isinstance(value, str) and value.strip() and not Path(value).is_absolute():
        path = Path(value)
        if path.suffix and path.is_file():
            return str(path.resolve())
    return value
