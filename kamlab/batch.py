"""Reports in batch: one notebook run for many accounts, fast, safely — ``kamlab cards``.

The key-account card (seed 001) is one report per key account, and a company has ~250 of
them (seed 003). A plain ``papermill`` loop pays a kernel start, the imports and a kernel
shutdown for every report (~2.9 s each). Here each worker keeps **one kernel alive** and
runs report after report in it through a papermill engine (``engine_name="kamlab"``),
with a clean state between reports: the variables reset, matplotlib's figures closed and
its settings restored, kamlab's language, the working directory, warnings, pandas and
NumPy options and the environment put back as they were after the kernel's warm-up
imports. At the end every kernel is shut down at once (no graceful-shutdown stall).

- one failing account does not stop the batch: its error is kept, the others go on;
- a card is never replaced unasked (``force=True`` / ``--force``);
- HTML is self-contained (images embedded, no script or style from the internet, code
  hidden) and ``index.html`` lists every card with its key figures (:func:`kamlab.reports.glue`)
  in a table that sorts by any column, offline;
- the work can go to any ``concurrent.futures``-style executor — a process pool, or a
  Dask cluster with ``scheduler="tcp://…"`` (``pip install kamlab[dask]``).

Parameters are checked as ``kamlab run`` checks them (:func:`kamlab.reports.check_parameters`).
"""

from __future__ import annotations

import json
import os
import queue
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kamlab.exceptions import NoSuchFileError, OutputExistsError, ParameterError
from kamlab.reports import DEFAULT_TIMEOUT, _write, parameter_checker, to_html, write_index

__all__ = ["run_batch", "make_cards", "render_report", "KernelSession", "close_kernels",
           "write_index", "BatchResult", "ReportResult", "CARD_NOTEBOOK",
           "PORTFOLIO_NOTEBOOK", "FORMATS", "portfolio_review", "read_account_ids",
           "top_accounts"]

# the report notebooks: in the installed wheel (kamlab/_reports), or notebooks/reports
_REPORT_DIR = next((d for d in (Path(__file__).resolve().parent / "_reports",
                                Path(__file__).resolve().parent.parent / "notebooks" / "reports")
                    if d.is_dir()), Path(__file__).resolve().parent.parent / "notebooks" / "reports")
#: The key-account card notebook (one per account: ``account_id``, ``lang``, …).
CARD_NOTEBOOK = _REPORT_DIR / "account_card.ipynb"
#: The portfolio review notebook (one for a whole book: ``book``, ``lang``, …).
PORTFOLIO_NOTEBOOK = _REPORT_DIR / "portfolio_review.ipynb"
FORMATS = ("html", "ipynb", "both")

# ---------------------------------------------------------------------------------------
# The kept-alive kernel
# ---------------------------------------------------------------------------------------

# Runs once in a new kernel (after the warm-up imports): remembers the state a fresh kernel
# has after those imports, and defines reset(cwd), which puts it back before every report.
_KERNEL_STATE = r'''
import copy, os, sys, types, warnings
_state = types.ModuleType("_kamlab_kernel_state")
sys.modules["_kamlab_kernel_state"] = _state
exec(compile("""
import copy, os, sys, warnings

def _snapshot():
    global RC, LANG, FILTERS, ENV, PATH, NP, PD
    import matplotlib
    RC = copy.deepcopy(dict(matplotlib.rcParams))
    language = sys.modules.get("kamlab._language")
    LANG = language._language if language is not None else None
    FILTERS = list(warnings.filters)
    ENV = dict(os.environ)
    PATH = list(sys.path)
    np = sys.modules.get("numpy")
    NP = np.get_printoptions() if np is not None else None
    PD = sys.modules.get("pandas") is not None
    global INLINE
    try:  # the inline backend's figure formats (a %config InlineBackend.figure_formats)
        from matplotlib_inline.config import InlineBackend
        cfg = InlineBackend.instance()
        INLINE = (set(cfg.figure_formats), dict(cfg.print_figure_kwargs))
    except Exception:
        INLINE = None

def reset(cwd):
    import gc
    ip = get_ipython()
    collect, gc.collect = gc.collect, lambda *args, **kwargs: 0
    try:  # IPython's reset ends with a full gc.collect (~70 ms after a card): collected below
        ip.reset(new_session=False)      # every variable, Out, _ and the input history
    finally:
        gc.collect = collect
    gc.collect(1)
    ip.execution_count = 1               # In [1] as in a fresh kernel
    import matplotlib
    import matplotlib.pyplot as plt
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.clear()
        dict.update(matplotlib.rcParams, copy.deepcopy(RC))
        if PD:
            sys.modules["pandas"].reset_option("all")
    language = sys.modules.get("kamlab._language")
    if language is not None and LANG is not None:
        language._language = LANG
    style = sys.modules.get("kamlab.plotting._style")
    if style is not None:                # a report that turned projector mode on
        style.set_style("default")
    if INLINE is not None:
        from matplotlib_inline.backend_inline import select_figure_formats
        from matplotlib_inline.config import InlineBackend
        cfg = InlineBackend.instance()
        cfg.print_figure_kwargs = dict(INLINE[1])
        cfg.figure_formats = set(INLINE[0])
        # the formatters themselves (set_matplotlib_formats changes them, not the config)
        select_figure_formats(ip, INLINE[0], **INLINE[1])
    warnings.filters[:] = FILTERS
    warnings._filters_mutated()
    if ENV != os.environ:
        os.environ.clear()
        os.environ.update(ENV)
    sys.path[:] = PATH
    if NP is not None:
        sys.modules["numpy"].set_printoptions(**NP)
    os.chdir(cwd)
""", "<kamlab kernel state>", "exec"), _state.__dict__)
_state.get_ipython = get_ipython
_state._snapshot()
del copy, os, sys, types, warnings, _state
'''


def ipc_socket_path(prefix: str = "kamlab") -> str:
    """Where a kernel started with ``transport="ipc"`` puts its sockets: a path of its own,
    so two kernels started at once cannot collide (with TCP they can pick the same free
    port), and no "running over TCP without encryption" warning."""
    import tempfile
    import uuid

    return str(Path(tempfile.gettempdir()) / f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:10]}")


class KernelSession:
    """One kernel kept alive for many reports (use it from the thread that made it).

    >>> session = KernelSession()            # doctest: +SKIP
    >>> nb = session.run("card.ipynb", {"account_id": "C001"})  # doctest: +SKIP
    >>> session.close()                      # doctest: +SKIP

    The first report of a notebook runs that notebook's import statements once
    (:meth:`warm_up`); the state restored before every report is taken right after them,
    so a report's own import cell costs nothing and finds what a fresh kernel would.
    """

    def __init__(self, kernel_name: str = "python3", *, preload=(),
                 startup_timeout: float = 60):
        from jupyter_client.manager import AsyncKernelManager
        from nbclient.util import run_sync

        self.kernel_name, self.startup_timeout = kernel_name, startup_timeout
        self._run_sync = run_sync
        self.thread = threading.get_ident()
        self.reports, self.imported, self.last = 0, set(), None
        self.km = AsyncKernelManager(kernel_name=kernel_name, transport="ipc",
                                     ip=ipc_socket_path())
        run_sync(self.km.start_kernel)(extra_arguments=["--IPKernelApp.log_level=ERROR"])
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            run_sync(self.kc.wait_for_ready)(timeout=startup_timeout)
            self.execute(_KERNEL_STATE, timeout=max(startup_timeout, 120))
            self.warm_up(preload)
        except BaseException:
            self.close()
            raise

    def warm_up(self, imports) -> None:
        """Run ``imports`` (statements like ``import pandas as pd``, or module names) once;
        the state restored between reports is then taken after them, as a fresh kernel
        would have it after a report's own import cell."""
        new = [i if " " in i.strip() else f"import {i}" for i in imports]
        new = [i for i in dict.fromkeys(new) if i not in self.imported]
        if not new:
            return
        code = "".join(f"try:\n    {i}\nexcept Exception:\n    pass\n" for i in new)
        self.execute(code + "__import__('_kamlab_kernel_state')._snapshot()\n",
                     timeout=max(self.startup_timeout, 120))
        self.imported.update(new)

    def execute(self, code: str, *, timeout: float = 60) -> None:
        """Run ``code`` silently in the kernel; raise RuntimeError if it fails."""
        reply = self._run_sync(self.kc.execute_interactive)(
            code, silent=True, store_history=False, timeout=timeout,
            output_hook=lambda msg: None)
        content = reply["content"]
        if content.get("status") != "ok":
            raise RuntimeError(f"kernel set-up failed: {content.get('ename')}: "
                               f"{content.get('evalue')}")

    def reset(self, cwd) -> None:
        """Variables, matplotlib, language, cwd, … as right after the warm-up imports."""
        self.execute(f"__import__('_kamlab_kernel_state').reset({str(Path(cwd).resolve())!r})")

    def alive(self) -> bool:
        return self.km is not None and bool(self._run_sync(self.km.is_alive)())

    def run(self, notebook, parameters: dict, *, timeout: float = DEFAULT_TIMEOUT, cwd=None):
        """Execute ``notebook`` with ``parameters`` after a reset; the executed notebook.

        Raises papermill's PapermillExecutionError when a cell fails (the kernel stays
        usable; ``self.last`` holds the partial notebook) or nbclient's errors on a timeout
        or a dead kernel (then make a new session).
        """
        import papermill

        _register_engine()
        notebook = Path(notebook).resolve()
        self.last = None
        self.reset(cwd or notebook.parent)
        imports = _imports_of(notebook)
        if not imports <= self.imported:
            self.warm_up(sorted(imports))
            self.reset(cwd or notebook.parent)
        self.reports += 1
        return papermill.execute_notebook(
            str(notebook), None, parameters=parameters, engine_name="kamlab",
            kernel_name=self.kernel_name, progress_bar=False, execution_timeout=timeout,
            session=self)

    def close(self) -> None:
        """Shut the kernel down now (no graceful wait)."""
        km, kc, self.km, self.kc = self.km, self.kc, None, None
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            try:
                if self._run_sync(km.is_alive)():
                    self._run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # already gone
                pass
            finally:
                self._run_sync(km.cleanup_resources)()


def _imports_of(notebook: Path) -> set[str]:
    """The top-level import statements of a notebook's code cells (what a report loads)."""
    import ast

    key = (str(notebook), notebook.stat().st_mtime_ns)
    if key not in _IMPORTS:
        found = set()
        for cell in json.loads(notebook.read_text(encoding="utf-8")).get("cells", ()):
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell.get("source", ""))
            try:
                tree = ast.parse(source)
            except SyntaxError:  # IPython magics: their imports are run with the report
                continue
            found.update(ast.unparse(node) for node in tree.body
                         if isinstance(node, (ast.Import, ast.ImportFrom))
                         and not (isinstance(node, ast.ImportFrom)
                                  and (node.level or node.module == "__future__")))
        _IMPORTS[key] = frozenset(found)
    return set(_IMPORTS[key])


_IMPORTS: dict = {}


def _engine():
    """papermill's engine that runs a notebook in a :class:`KernelSession`'s kernel."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import Engine
    from papermill.log import logger

    class KeptKernelEngine(Engine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, session=None,
                                     execution_timeout=None, **kwargs):
            if session is None:
                raise ParameterError("the 'kamlab' papermill engine needs session=KernelSession()")
            session.last = nb_man.nb
            client = PapermillNotebookClient(
                nb_man, km=session.km, kernel_name=kernel_name, log=logger,
                log_output=log_output, timeout=execution_timeout or DEFAULT_TIMEOUT,
                startup_timeout=session.startup_timeout, shutdown_kernel="immediate")
            client.kc = session.kc  # the kept client: setup_kernel starts nothing, stops nothing
            return client.execute()

    return KeptKernelEngine


def _register_engine() -> None:
    from papermill.engines import papermill_engines

    if "kamlab" not in papermill_engines._engines:
        papermill_engines.register("kamlab", _engine())


# Worker-local sessions: one per thread of a worker (a process, a Dask worker, a thread).
_SESSIONS: dict[int, KernelSession] = {}
_LOCK = threading.Lock()


def _session(kernel_name: str = "python3") -> KernelSession:
    me = threading.get_ident()
    session = _SESSIONS.get(me)
    if session is None or not session.alive():
        if session is not None:
            session.close()
        session = KernelSession(kernel_name)
        with _LOCK:
            if not _SESSIONS:
                _at_exit()
            _SESSIONS[me] = session
    return session


def close_kernels() -> int:
    """Shut down this process's kept-alive kernels now; how many there were."""
    with _LOCK:
        sessions = list(_SESSIONS.values())
        _SESSIONS.clear()
    for session in sessions:
        session.close()
    return len(sessions)


def _at_exit() -> None:
    import atexit
    import multiprocessing.util as mp_util

    atexit.register(close_kernels)
    mp_util.Finalize(None, close_kernels, exitpriority=10)  # pool workers skip atexit


# ---------------------------------------------------------------------------------------
# One report
# ---------------------------------------------------------------------------------------

@dataclass
class ReportResult:
    """What one report gave: ``ok``, the ``error`` (one line) if not, ``figures`` it glued,
    the ``ipynb`` and ``html`` text, its ``seconds`` and the ``paths`` written."""

    name: str
    ok: bool
    error: str = ""
    figures: dict = field(default_factory=dict)
    seconds: float = 0.0
    ipynb: str | None = None
    html: str | None = None
    paths: list = field(default_factory=list)


def _one_line(err: BaseException) -> str:
    evalue = getattr(err, "evalue", None)
    if getattr(err, "ename", None):  # papermill's PapermillExecutionError
        text = f"{err.ename}: {evalue}" if evalue else err.ename
        cell = getattr(err, "exec_count", None)
        text += f" (cell In [{cell}])" if cell else ""
    else:
        lines = [ln for ln in str(err).strip().splitlines() if ln.strip()]
        text = f"{type(err).__name__}: {lines[-1].strip() if lines else ''}".rstrip(": ")
        if type(err).__name__ == "CellTimeoutError" or "timed out" in str(err).lower():
            from kamlab._voice import say

            text += " — a cell ran longer than the timeout; " + say(
                "raise timeout= if it needs longer", "raise --timeout if it needs longer")
    return text[:400]


def render_report(notebook, name: str, parameters: dict, *, html: bool = True,
                  ipynb: bool = True, timeout: float = DEFAULT_TIMEOUT) -> ReportResult:
    """Run one report in this worker's kept-alive kernel; never raises for a report error.

    This is the task a batch sends to each worker (a thread, a process, a Dask worker):
    the notebook's path must be readable there. Returns a :class:`ReportResult` with the
    executed notebook (if ``ipynb``; always for a failed report) and its HTML (if ``html``)
    as text; the caller writes the files.
    """
    result, nb = _execute(notebook, name, parameters, timeout)
    return _finish(result, nb, html=html, ipynb=ipynb)


def _execute(notebook, name: str, parameters: dict, timeout: float):
    """(ReportResult, executed notebook or None): the kernel's part of a report."""
    import nbformat

    _register_engine()
    start = time.perf_counter()
    try:
        session = _session()
    except Exception as err:
        return ReportResult(name, False, f"the kernel did not start: {_one_line(err)}",
                            seconds=time.perf_counter() - start), None
    try:
        nb = session.run(notebook, parameters, timeout=timeout)
    except Exception as err:
        partial = getattr(session, "last", None)
        if getattr(err, "ename", None) is None:  # a timeout or a dead kernel: start afresh
            with _LOCK:
                _SESSIONS.pop(threading.get_ident(), None)
            session.close()
        return ReportResult(name, False, _one_line(err), seconds=time.perf_counter() - start,
                            ipynb=nbformat.writes(partial) if partial is not None else None), None
    return ReportResult(name, True, seconds=time.perf_counter() - start), nb


def _finish(result: ReportResult, nb, *, html: bool, ipynb: bool) -> ReportResult:
    """The figures, the notebook's text and its HTML page (no kernel needed)."""
    if nb is None:
        return result
    import nbformat

    from kamlab.reports import glued

    start = time.perf_counter()
    result.figures = glued(nb)
    result.ipynb = nbformat.writes(nb) if ipynb else None
    if html:
        try:
            result.html = to_html(nb)
        except Exception as err:  # a report that ran but cannot be shown is a failure too
            result.ok, result.error = False, f"HTML export: {_one_line(err)}"
    result.seconds += time.perf_counter() - start
    return result


# ---------------------------------------------------------------------------------------
# The batch
# ---------------------------------------------------------------------------------------

@dataclass
class BatchResult:
    """A finished batch: every :class:`ReportResult` (in the order asked), the folder, the
    index page and the wall time. ``failed`` lists the reports that did not finish."""

    results: list
    out: Path
    index: Path | None
    seconds: float
    workers: int = 1

    @property
    def ok(self) -> list:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list:
        return [r for r in self.results if not r.ok]

    def summary(self, lang: str | None = None) -> str:
        """What was made and, for each failure, why — in English or Chinese."""
        from kamlab.i18n import t

        lines = [t("batch.done", lang, ok=len(self.ok), total=len(self.results),
                   seconds=f"{self.seconds:.1f}", out=str(self.out))]
        if self.index is not None:
            lines.append(t("batch.index", lang, path=str(self.index)))
        if self.failed:
            lines.append(t("batch.failed", lang, n=len(self.failed)))
            lines += [f"  {r.name}: {r.error}" for r in self.failed]
        return "\n".join(lines)


_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def _file_stem(name: str) -> str:
    """A report's file name from its id: letters, digits, ``._-`` (Chinese is kept)."""
    stem = _UNSAFE.sub("_", str(name)).strip("._") or "report"
    return stem[:120]


def _suffixes(formats: str) -> tuple[str, ...]:
    if formats not in FORMATS:
        raise ParameterError(f"format must be one of {', '.join(FORMATS)}; got {formats!r}.",
                             format=formats)
    return {"html": (".html",), "ipynb": (".ipynb",), "both": (".html", ".ipynb")}[formats]


def _workers(workers) -> int:
    if workers is None:
        return max(1, os.cpu_count() or 1)
    if type(workers) is not int or workers < 1:
        raise ParameterError(f"workers is how many reports run at once, a whole number ≥ 1; "
                             f"got {workers!r}.", workers=workers)
    return workers


def _jobs_checked(notebook: Path, jobs: dict, shared: dict) -> dict:
    """Every job's parameters checked once against the notebook (names, plain values, types)."""
    check = parameter_checker(notebook)  # the check `kamlab run` makes, one inspection
    out = {}
    for name, params in jobs.items():
        out[str(name)] = check({**shared, **(params or {})})
    if not out:
        raise ParameterError("no reports to make: give at least one account (ids, --top N or "
                             "--accounts FILE).")
    return out


def _local_run(notebook, jobs, workers, formats, timeout, done):
    """``workers`` threads, each with its own kept-alive kernel, taking jobs from one queue;
    every kernel is shut down the moment its worker runs out of work. The HTML export and
    the files are done here, in the calling thread, so no kernel waits for them."""
    todo: queue.Queue = queue.Queue()
    executed: queue.Queue = queue.Queue()
    for item in jobs.items():
        todo.put(item)

    def worker():
        try:
            while True:
                try:
                    name, params = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    executed.put(_execute(notebook, name, params, timeout))
                except BaseException as err:  # never lose a report: say what happened
                    executed.put((ReportResult(name, False, _one_line(err)), None))
        finally:
            session = _SESSIONS.pop(threading.get_ident(), None)
            if session is not None:
                session.close()

    threads = [threading.Thread(target=worker, name=f"kamlab-worker-{i}", daemon=True)
               for i in range(min(workers, len(jobs)))]
    for thread in threads:
        thread.start()
    for _ in range(len(jobs)):
        result, nb = executed.get()
        done(_finish(result, nb, **formats))
    for thread in threads:
        thread.join()


def _executor_run(executor, notebook, jobs, formats, timeout, done):
    """Each report a task of ``executor`` (``submit`` → a future with ``result()``)."""
    from concurrent.futures import as_completed

    futures = {executor.submit(render_report, str(notebook), name, params, **formats,
                               timeout=timeout): name for name, params in jobs.items()}
    for future in as_completed(futures):
        try:
            result = future.result()
        except Exception as err:  # the worker itself died
            result = ReportResult(futures[future], False, f"the worker failed: {_one_line(err)}")
        done(result)


def run_batch(notebook, jobs: dict, out, *, parameters=None, formats: str = "html",
              workers=None, executor=None, scheduler=None, force: bool = False,
              timeout: float = DEFAULT_TIMEOUT, progress: bool = True, lang=None,
              index: bool = True, title: str | None = None) -> BatchResult:
    """Run ``notebook`` once per job into ``out``: ``jobs`` maps a report's name (its file
    name) to its parameters; ``parameters`` are shared by all.

    Parameters are checked before anything runs (unknown names refused, plain values only,
    coerced to the defaults' types). An existing report is never replaced unless
    ``force=True`` (OutputExistsError, before any work). ``workers`` kept-alive kernels
    (default: the cores) run the reports, or any ``concurrent.futures``-style ``executor``
    does, or a Dask cluster at ``scheduler`` ("tcp://host:8786"). A failed report is kept
    as ``<name>.failed.ipynb`` and listed in the result; the others go on. ``index.html``
    lists every report in ``out`` with its glued key figures.
    """
    from kamlab.i18n import resolve

    notebook = Path(notebook)
    if not notebook.is_file():
        raise NoSuchFileError(f"no report notebook at {notebook}; give the path of a .ipynb "
                              "file.", path=str(notebook))
    notebook = notebook.resolve()
    suffixes = _suffixes(formats)
    lang = resolve(lang)
    n_workers = _workers(workers)
    timeout = _check_timeout(timeout)
    jobs = _jobs_checked(notebook, jobs, dict(parameters or {}))
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ParameterError(f"--out {out} is a file; give a folder for the reports.",
                             path=str(out))
    stems = {name: _file_stem(name) for name in jobs}
    if len(set(stems.values())) < len(stems):
        raise ParameterError("two reports would get the same file name; give distinct ids.")
    existing = [out / (stems[n] + s) for n in jobs for s in suffixes if (out / (stems[n] + s)).exists()]
    if existing and not force:
        shown = ", ".join(p.name for p in existing[:5]) + (" …" if len(existing) > 5 else "")
        from kamlab._voice import say

        raise OutputExistsError(
            f"{len(existing)} report file(s) already exist in {out} ({shown}); kamlab does not "
            f"replace a report unasked. " + say("Pass force=True, or choose another out folder.",
                                                "Add --force, or choose another --out folder."),
            path=str(existing[0]))
    out.mkdir(parents=True, exist_ok=True)

    results: dict[str, ReportResult] = {}
    bar = _progress(len(jobs), progress)

    def done(result: ReportResult) -> None:
        _save(result, out, stems[result.name], suffixes)
        results[result.name] = result
        if bar is not None:
            bar.set_postfix_str(f"{result.name} {'✓' if result.ok else '✗ ' + result.error[:40]}",
                                refresh=False)
            bar.update(1)

    start = time.perf_counter()
    client = None
    try:
        if scheduler is not None:
            client, executor = _dask(scheduler)
        elif executor is not None and hasattr(executor, "get_executor"):  # a dask Client
            client, executor = executor, executor.get_executor()
        wanted = {"html": ".html" in suffixes, "ipynb": ".ipynb" in suffixes}
        if executor is None:
            _local_run(notebook, jobs, n_workers, wanted, timeout, done)
        else:
            _executor_run(executor, notebook, jobs, wanted, timeout, done)
    finally:
        if bar is not None:
            bar.close()
        if client is not None:
            try:
                client.run(close_kernels)  # every worker's kernels, now
            finally:
                if scheduler is not None:
                    client.close()
        elif executor is not None:
            close_kernels()  # an in-process pool's kernels (a process pool's close at its exit)
    ordered = [results[name] for name in jobs if name in results]
    page = write_index(out, ordered, lang=lang, title=title) if index else None
    return BatchResult(ordered, out, page, time.perf_counter() - start,
                       workers=n_workers if executor is None else 0)


def _check_timeout(timeout):
    from kamlab.reports import _timeout

    return _timeout(timeout)


def _progress(total: int, show: bool):
    if not show:
        return None
    import sys

    from tqdm.auto import tqdm

    return tqdm(total=total, unit="report", file=sys.stderr, dynamic_ncols=True)


def _save(result: ReportResult, out: Path, stem: str, suffixes) -> None:
    failed = out / f"{stem}.failed.ipynb"
    if not result.ok:
        if result.ipynb:
            _write(failed, result.ipynb)
            result.paths = [failed]
        return
    paths = []
    if ".ipynb" in suffixes:
        paths.append(out / f"{stem}.ipynb")
        _write(paths[-1], result.ipynb)
    if ".html" in suffixes:
        paths.append(out / f"{stem}.html")
        _write(paths[-1], result.html)
    failed.unlink(missing_ok=True)  # an earlier failed attempt is superseded
    result.paths = paths
    result.ipynb = result.html = None  # written: do not hold 250 reports in memory


def _dask(scheduler):
    try:
        from distributed import Client
    except ImportError:
        raise ParameterError("--scheduler needs dask.distributed: pip install 'kamlab[dask]'."
                             ) from None
    client = Client(scheduler)
    return client, client.get_executor()


def make_cards(accounts=None, out="cards", *, top: int | None = None, lang=None,
               formats: str = "html", workers=None, executor=None, scheduler=None,
               force: bool = False, notebook=None, parameters=None,
               timeout: float = DEFAULT_TIMEOUT, progress: bool = True) -> BatchResult:
    """The key-account card for each account in ``accounts`` (ids), or the ``top`` N
    accounts by revenue, into ``out`` with an ``index.html`` — see :func:`run_batch`.

    ``lang`` ("en" / "zh") goes to every card (and the index); ``parameters`` (data paths,
    ``as_of``, …) are the card notebook's other parameters, shared by all cards.
    """
    notebook = Path(notebook or CARD_NOTEBOOK)
    ids = _account_ids(accounts, top)
    from kamlab.i18n import resolve

    lang = resolve(lang)
    shared = dict(parameters or {})
    if "lang" in _declared(notebook):
        shared.setdefault("lang", lang)
    return run_batch(notebook, {i: {"account_id": i} for i in ids}, out, parameters=shared,
                     formats=formats, workers=workers, executor=executor, scheduler=scheduler,
                     force=force, timeout=timeout, progress=progress, lang=lang,
                     title=None)


def _declared(notebook: Path) -> dict:
    from kamlab.reports import _inspect

    if not notebook.is_file():
        raise NoSuchFileError(f"no card notebook at {notebook}.", path=str(notebook))
    return _inspect(notebook)


def _account_ids(accounts, top) -> list[str]:
    if accounts is not None and top is not None:
        raise ParameterError("give the accounts or top=N, not both.")
    if top is not None:
        if type(top) is not int or top < 1:
            raise ParameterError(f"top is how many of the largest accounts, a whole number ≥ 1; "
                                 f"got {top!r}.", top=top)
        return top_accounts(top)
    if accounts is None:
        raise ParameterError("which accounts? Give their ids, or top=N for the N largest.")
    if isinstance(accounts, (str, Path)) and Path(accounts).is_file():
        return read_account_ids(accounts)
    if isinstance(accounts, str):
        accounts = [accounts]
    ids = [str(a).strip() for a in accounts if str(a).strip()]
    return list(dict.fromkeys(ids))


def read_account_ids(path) -> list[str]:
    """Account ids from a file: one a line (``#`` starts a comment), or a CSV whose
    ``account_id`` column (or a header users give it, e.g. 客户编号) holds them; UTF-8 or GBK.
    """
    import csv

    path = Path(path)
    if not path.is_file():
        raise NoSuchFileError(f"no accounts file at {path}.", path=str(path))
    if path.suffix.lower() in (".xlsx", ".xls"):
        raise ParameterError(f"{path.name}: give the accounts as a text file (one id a line) "
                             "or a CSV with an account_id column (save the sheet as CSV).")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gbk", errors="replace")
    if path.suffix.lower() in (".csv", ".tsv"):
        rows = list(csv.reader(text.splitlines(), delimiter="\t" if path.suffix == ".tsv" else ","))
        column = _id_column(rows[0] if rows else [], path)
        ids = [row[column].strip() for row in rows[1:] if len(row) > column]
    else:
        ids = [ln.split("#")[0].strip() for ln in text.splitlines()]
    ids = list(dict.fromkeys(i for i in ids if i))
    if not ids:
        raise ParameterError(f"{path.name} lists no account ids; put one id per line.")
    return ids


def _id_column(header: list, path: Path) -> int:
    from kamlab.columns import COLUMNS

    column = COLUMNS["account_id"]
    names = {"account_id", column.zh, *(a.casefold() for a in column.aliases)}
    for i, column in enumerate(header):
        if column.strip().casefold() in names:
            return i
    if len(header) == 1:
        return 0
    raise ParameterError(f"{path.name} has no account_id column (its columns: "
                         f"{', '.join(header)}); name the id column account_id or give one id "
                         "per line.")


def top_accounts(n: int) -> list[str]:
    """The ``n`` accounts with a card's data, largest revenue first (the bundled book)."""
    from kamlab.data import dataset_names, load_dataset

    book = load_dataset("customers")
    if "account_profiles" in dataset_names():
        with_card = set(load_dataset("account_profiles")["account_id"].astype(str))
        book = book[book["account_id"].astype(str).isin(with_card)]
    ranked = book.sort_values("revenue", ascending=False, kind="stable")["account_id"]
    return [str(a) for a in ranked.head(n)]


def portfolio_review(book, out=None, *, lang=None, force: bool = False, parameters=None,
                     notebook=None, timeout: float = DEFAULT_TIMEOUT,
                     progress: bool = False) -> Path:
    """The portfolio review of a whole book (your own export: CSV UTF-8/GBK or Excel, read
    by :func:`kamlab.data.read_accounts`) as one self-contained HTML page — concentration,
    ABC, grids, top accounts. Returns the page's path (default: ``<book>_review.html``
    beside the book). Raises NotebookFailedError with the report's error if it fails."""
    from kamlab.exceptions import NotebookFailedError
    from kamlab.i18n import resolve

    book = Path(book)
    if not book.is_file():
        raise NoSuchFileError(f"no account book at {book}; give your export (CSV or Excel).",
                              path=str(book))
    out = Path(out) if out else book.with_name(book.stem + "_review.html")
    if out.suffix.lower() != ".html":
        raise ParameterError(f"the review is one HTML page; give an output ending in .html, got "
                             f"{out.name!r}.", path=str(out))
    lang = resolve(lang)
    shared = {**dict(parameters or {}), "book": str(book.resolve()), "lang": lang}
    result = run_batch(notebook or PORTFOLIO_NOTEBOOK, {out.stem: {}}, out.parent,
                       parameters=shared, formats="html", workers=1, force=force,
                       timeout=timeout, progress=progress, lang=lang, index=False)
    close_kernels()
    (report,) = result.results
    if not report.ok:
        kept = f" The partial output is kept in {report.paths[0]}." if report.paths else ""
        raise NotebookFailedError(f"the portfolio review of {book.name} failed: "
                                  f"{report.error}.{kept}", error=report.error)
    return out
