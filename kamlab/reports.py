"""Run a course notebook with papermill, safely: parameters checked, a timeout, no overwrite.

papermill accepts misspelled parameter names silently, writes any value it cannot translate
into the notebook as ``str(value)`` (code, for a hostile tuple), and may hang on a widget
cell without a timeout. This wrapper refuses unknown names, lets only plain values through,
coerced to the type of the notebook's default (:mod:`kamlab.parameters`), and always sets
a timeout.
"""

from __future__ import annotations

import difflib
import json
import re
import threading
from pathlib import Path

from kamlab.exceptions import (
    NoSuchFileError,
    NotebookFailedError,
    OutputExistsError,
    ParameterError,
)
from kamlab.parameters import coerce_parameters, defaults_from_source

__all__ = ["notebook_parameters", "notebook_defaults", "parameters_from_text", "check_parameters",
           "parameter_checker", "run_notebook", "glue", "glued", "to_html", "offline", "write_index",
           "GLUE_MIME",
           "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 600  # seconds per cell

#: The mime type of a key figure a report publishes with :func:`glue` (scrapbook's design:
#: the figure travels inside the executed notebook, as a display output, not a side file).
GLUE_MIME = "application/vnd.kamlab.glue+json"


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


def check_parameters(notebook, values: dict, *, text: bool = False) -> dict:
    """``values`` checked against the notebook's parameters cell — the one check that
    ``kamlab run`` and ``kamlab cards`` (:func:`run_notebook`, :mod:`kamlab.batch`) share.

    Only declared names (an unknown one is refused with a suggestion), only plain values
    (values, never code), each coerced to the type of its default; ``text=True`` reads
    command-line text (``-p top 10``) as that type. Raises ParameterError.
    """
    return _checked(notebook, values, text=text)


def parameter_checker(notebook):
    """:func:`check_parameters` for many reports of one notebook, inspecting it once:
    returns ``check(values, text=False) -> checked values``."""
    declared = _inspect(notebook)
    defaults = defaults_from_source(declared)

    def check(values: dict, *, text: bool = False) -> dict:
        _check_names(notebook, values, declared)
        return coerce_parameters(values, defaults, text=text)

    return check


def _checked(notebook, values: dict, *, text: bool = False) -> dict:
    """``values`` with known names only, coerced to the defaults' types (one inspection)."""
    return parameter_checker(notebook)(values, text=text)


def _plain_figure(name: str, value):
    """A glued value as JSON data: numbers (NumPy's too), text, true/false, None, lists."""
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 1) == 0:
        value = value.item()  # a NumPy scalar
    if isinstance(value, float) and value != value:
        return None  # NaN: JSON has none; the index shows a blank
    if type(value) in (str, int, float, bool, type(None)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain_figure(name, v) for v in value]
    raise ParameterError(
        f"glue({name!r}, ...): a key figure is a number, text, true/false or None (or a list "
        f"of those); got a {type(value).__name__}. Pass e.g. float(x) or str(x).", name=name)


def glue(name: str, value) -> None:
    """Publish a key figure of a report (called inside the report notebook).

    The figure is displayed as an output of mime type :data:`GLUE_MIME`, so it is saved in
    the executed notebook and read back by :func:`glued` — ``kamlab cards`` puts the glued
    figures of every card in its index. Nothing is shown in Jupyter or in the HTML.

    >>> glue("revenue", 1.5)  # outside a kernel: nothing to display into, and no error
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ParameterError(f"glue(name, value): the name is a Python-style name like "
                             f"'revenue_growth'; got {name!r}.", name=name)
    data = {GLUE_MIME: {"name": name, "value": _plain_figure(name, value)}}
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency of ipykernel
        return
    if get_ipython() is not None:
        display(data, raw=True)


def glued(notebook) -> dict:
    """The figures a report published with :func:`glue`: name → value, in order (the last
    value of a name wins). ``notebook`` is a path or an nbformat notebook."""
    if not hasattr(notebook, "cells"):
        import nbformat

        notebook = nbformat.read(str(notebook), as_version=4)
    figures = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            item = output.get("data", {}).get(GLUE_MIME)
            if isinstance(item, dict) and "name" in item:
                figures[item["name"]] = item.get("value")
    return figures


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


# --- a report as one self-contained HTML page ----------------------------------------------

_EXPORTERS = threading.local()
#: nbconvert's "lab" page with each chart's alt text in its ``<img alt>``.
HTML_TEMPLATE = Path(__file__).parent / "templates" / "kamlab_lab.html.j2"
# a script with any src (nbconvert leaves src="" for an emptied URL), or one whose code
# loads from the internet (the lab template's mermaid module imports from a CDN)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.I | re.S)
_EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_MATHJAX_CONFIG = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S | re.I)


def _exporter(code: bool = False):
    """nbconvert's lab page with alt text, images embedded, nothing loaded from a CDN (no
    require.js, no MathJax, no widget manager); ``code=False`` hides the code (a report),
    ``code=True`` shows it (a course page of ``kamlab site``). One per thread and kind."""
    key = "course" if code else "report"
    exporter = getattr(_EXPORTERS, key, None)
    if exporter is None:
        from nbconvert import HTMLExporter

        hidden = not code
        exporter = HTMLExporter(template_name="lab", template_file=HTML_TEMPLATE.name,
                                extra_template_paths=[str(HTML_TEMPLATE.parent)],
                                exclude_input=hidden, exclude_input_prompt=hidden,
                                exclude_output_prompt=hidden, embed_images=True)
        exporter.require_js_url = ""
        exporter.mathjax_url = ""
        exporter.widget_renderer_url = ""
        setattr(_EXPORTERS, key, exporter)
    return exporter


def offline(page: str) -> str:
    """An exported page with every script and stylesheet that would load from the internet
    removed (the MathJax set-up, require.js, the mermaid module, CDN links)."""
    page = _MATHJAX_CONFIG.sub("", page)
    page = _SCRIPT.sub(_keep_local_script, page)
    return _EXTERNAL_LINK.sub("", page)


def to_html(notebook) -> str:
    """A report as one self-contained HTML page: code hidden, images embedded, no script or
    style loaded from the internet (it opens offline). Cells tagged ``remove-cell`` are left
    out; glued figures are data, not shown."""
    import copy

    nb = copy.copy(notebook)  # shallow: nbconvert deep-copies what it is given
    kept = []
    for cell in notebook.cells:
        tags = set(cell.get("metadata", {}).get("tags", ()))
        if tags & {"remove-cell", "remove_cell"}:
            continue
        if cell.get("cell_type") == "code":
            cell = copy.copy(cell)
            cell["outputs"] = [] if tags & {"remove-output", "remove_output"} else [
                o for o in cell.get("outputs", ()) if GLUE_MIME not in o.get("data", {})]
        kept.append(cell)
    nb["cells"] = kept
    body, _ = _exporter().from_notebook_node(nb)
    return offline(body)


def _keep_local_script(match) -> str:
    attributes, code = match.group(1), match.group(2)
    if re.search(r"\bsrc\s*=", attributes, re.I) or re.search(r"(?:https?:)?//[\w.-]+\.\w+/",
                                                                  code.replace("\\/", "/")):
        return ""
    return match.group(0)


def _write(path: Path, text: str) -> None:
    """Write ``text`` atomically: a reader never sees half a report."""
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# --- the index page of a folder of reports (kamlab cards) ----------------------------------

_MANIFEST = "index.json"
_SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0];
    var up = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var cell = row.cells[col], v = cell.getAttribute('data-sort');
      if (v === null) { v = cell.textContent.trim(); }
      var n = parseFloat(v);
      return (v !== '' && !isNaN(n) && isFinite(v)) ? n : v;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), c;
      if (x === '' || y === '') { return x === y ? 0 : (x === '' ? 1 : -1); }
      if (typeof x === 'number' && typeof y === 'number') { c = x - y; }
      else { c = String(x).localeCompare(String(y)); }
      return up ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
"""
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
margin:2em;color:#1f2d3d}
table{border-collapse:collapse;font-size:14px}
th,td{padding:4px 10px;border-bottom:1px solid #dde3e9;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
th{cursor:pointer;background:#f3f6f9;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"} th[aria-sort=descending]::after{content:" ▼"}
tr.failed td{color:#c94c4c}
"""


def _load_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / _MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _shown(name: str, value) -> tuple[str, str]:
    """(text shown, sort key) of a key figure: shares as %, money with separators."""
    from kamlab.columns import COLUMNS

    if value is None:
        return "", ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        return text, text
    kind = COLUMNS[name].kind if name in COLUMNS else ""
    if kind == "share":
        text = f"{value:.1%}"
    elif kind in ("money", "count") or float(value).is_integer():
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}"
    return text, repr(float(value))


def write_index(out, results=(), *, lang=None, title: str | None = None) -> Path:
    """``out/index.html``: every report in ``out`` (this batch's ``results`` and earlier
    ones, kept in ``out/index.json``) with its key figures, in a table that sorts by any
    column with a click — plain JavaScript inline, nothing from the internet."""
    import datetime as dt
    from html import escape

    from kamlab.i18n import column_label, resolve, t

    out, lang = Path(out), resolve(lang)
    rows = _load_manifest(out)
    now = dt.datetime.now().isoformat(timespec="seconds")
    for r in results:
        files = [Path(p).name for p in r.paths]
        rows[r.name] = {"ok": r.ok, "error": r.error, "figures": r.figures, "files": files,
                        "made": now}
    _write(out / _MANIFEST, json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True))
    names = list(dict.fromkeys(k for row in rows.values() for k in row.get("figures", {})))
    head = [t("index.report", lang), *(column_label(n, lang) for n in names),
            t("index.status", lang)]
    body = []
    for key in sorted(rows):
        row = rows[key]
        link = next((f for f in row.get("files", ()) if f.endswith(".html")),
                    next(iter(row.get("files", ())), None))
        cells = [f'<td><a href="{escape(link)}">{escape(key)}</a></td>' if link and row["ok"]
                 else f"<td>{escape(key)}</td>"]
        for n in names:
            text, sort = _shown(n, row.get("figures", {}).get(n))
            numeric = ' class="num"' if sort and sort != text else ""
            cells.append(f'<td{numeric} data-sort="{escape(sort)}">{escape(text)}</td>')
        status = t("index.ok", lang) if row["ok"] else t("index.failed", lang, error=row["error"])
        cells.append(f"<td>{escape(status)}</td>")
        body.append(f'<tr{"" if row["ok"] else " class=failed"}>{"".join(cells)}</tr>')
    title = title or t("index.title", lang)
    n_ok = sum(1 for row in rows.values() if row["ok"])
    page = (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
            f'<meta charset="utf-8"><title>{escape(title)}</title><style>{_CSS}</style></head>'
            f"<body><h1>{escape(title)}</h1><p>{escape(t('index.summary', lang, n=n_ok, total=len(rows), made=now))}"
            f"</p><p><small>{escape(t('index.sort_hint', lang))}</small></p>"
            f'<table class="sortable"><thead><tr>{"".join(f"<th>{escape(h)}</th>" for h in head)}'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table>'
            f"<script>{_SORT_JS}</script></body></html>\n")
    path = out / "index.html"
    _write(path, page)
    return path
