"""Run a course notebook with papermill, safely: parameters checked, a timeout, no overwrite.

papermill accepts misspelled parameter names silently and may hang on a widget cell
without a timeout; this wrapper refuses the first and always sets the second.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from kamlab.exceptions import OutputExistsError, ParameterError

__all__ = ["notebook_parameters", "run_notebook", "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 600  # seconds per cell


def notebook_parameters(notebook) -> dict:
    """The parameters a notebook declares (its cell tagged ``parameters``): name → default."""
    import papermill

    params = papermill.inspect_notebook(str(notebook))
    return {name: info["default"] for name, info in params.items()}


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


def run_notebook(notebook, output, *, parameters=None, timeout: int = DEFAULT_TIMEOUT,
                 overwrite: bool = False, cwd=None) -> Path:
    """Execute ``notebook`` into ``output`` with ``parameters``; returns the output path.

    Raises ParameterError for an unknown parameter name, and OutputExistsError if ``output``
    exists and ``overwrite`` is False (an existing report is never replaced unasked).

    The notebook runs in ``cwd`` (default: its own folder). A text parameter that is a
    relative path to an existing file *from where you call this* (``my_pipeline.csv``) is
    passed on as an absolute path, so it is found from the notebook's folder too.
    """
    import papermill

    notebook, output = Path(notebook), Path(output)
    parameters = {name: _absolute_if_file(value) for name, value in (parameters or {}).items()}
    _check_names(notebook, parameters)
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
