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

from kamlab.exceptions import OutputExistsError, ParameterError
from kamlab.parameters import coerce_parameters, defaults_from_source

__all__ = ["notebook_parameters", "notebook_defaults", "parameters_from_text", "run_notebook",
           "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 600  # seconds per cell


def notebook_parameters(notebook) -> dict:
    """The parameters a notebook declares (its cell tagged ``parameters``): name → default."""
    import papermill

    params = papermill.inspect_notebook(str(notebook))
    return {name: info["default"] for name, info in params.items()}


def notebook_defaults(notebook) -> dict:
    """The notebook's parameters with their defaults as Python values (name → value)."""
    import papermill

    return defaults_from_source(papermill.inspect_notebook(str(notebook)))


def parameters_from_text(notebook, texts: dict) -> dict:
    """Command-line text (``-p top 10``) read as the type of each parameter's default.

    Raises ParameterError for an unknown name (with a suggestion) or a value of the wrong
    type (``-p top ten``), naming the parameter.
    """
    _check_names(notebook, texts)
    return coerce_parameters(texts, notebook_defaults(notebook), text=True)


def _check_names(notebook, parameters: dict) -> None:
    known = notebook_parameters(notebook)
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

    Raises ParameterError for an unknown parameter name, a value that is not plain data
    (text, numbers, true/false, None, lists/dicts of those) or not of the default's type,
    or a timeout that is not above 0; and OutputExistsError if ``output`` exists and
    ``overwrite`` is False (an existing report is never replaced unasked).

    The notebook runs in ``cwd`` (default: its own folder). A text parameter that is a
    relative path to an existing file *from where you call this* (``my_pipeline.csv``) is
    passed on as an absolute path, so it is found from the notebook's folder too.
    """
    import papermill

    notebook, output = Path(notebook), Path(output)
    timeout = _timeout(timeout)
    parameters = dict(parameters or {})
    _check_names(notebook, parameters)
    # values, never source: only plain data reaches papermill's code writer
    parameters = coerce_parameters(parameters, notebook_defaults(notebook))
    parameters = {name: _absolute_if_file(value) for name, value in parameters.items()}
    if output.exists() and not overwrite:
        raise OutputExistsError(
            f"{output} already exists; kamlab does not replace a report unasked. "
            "Choose another output name, or pass overwrite=True (CLI: --force).", path=str(output))
    output.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(notebook), str(output), parameters=parameters, kernel_name="python3",
        execution_timeout=timeout, progress_bar=False, cwd=str(cwd or notebook.parent))
    return output


def _absolute_if_file(value):
    if isinstance(value, str) and value.strip() and not Path(value).is_absolute():
        path = Path(value)
        if path.suffix and path.is_file():
            return str(path.resolve())
    return value
