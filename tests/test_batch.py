"""kamlab.batch: kept-alive kernels, failure isolation, no overwrite, offline HTML, the index,
zh/en, a reused kernel that leaks nothing, any executor, and Dask.

The report is a small fixture notebook (tests/reports/fixture_card.ipynb): a parameters
cell, a probe that prints the state a fresh kernel has (variables, language, matplotlib,
cwd, pandas options, environment, warnings), a chart, glued key figures; an account id
starting with BOOM raises. fixture_polluter.ipynb changes all that state on purpose.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from kamlab import batch, reports
from kamlab.exceptions import OutputExistsError, ParameterError
from kamlab.reports import GLUE_MIME, glue, glued

HERE = Path(__file__).resolve().parent / "reports"
CARD = HERE / "fixture_card.ipynb"
POLLUTER = HERE / "fixture_polluter.ipynb"
SLOW = HERE / "fixture_slow.ipynb"


@pytest.fixture(autouse=True)
def _profile(monkeypatch):
    monkeypatch.setenv("IPYTHONDIR", str(Path(__file__).resolve().parent / "ipython"))
    yield
    batch.close_kernels()


def _normal(nb) -> list:
    """A notebook's cells and outputs, without run metadata (times, papermill's record)."""
    cells = []
    for cell in nb.cells:
        outputs = [(o.output_type, o.get("name"), o.get("text"),
                    json.dumps(o.get("data"), sort_keys=True)) for o in cell.get("outputs", ())]
        cells.append((cell.cell_type, cell.source, cell.get("execution_count"), outputs))
    return cells


def _printed(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", ()))


# --- glue ----------------------------------------------------------------------------------

def test_glue_outside_a_kernel_is_silent_and_checks_its_value():
    glue("revenue", np.float64(2.5))  # no kernel: nothing displayed, no error
    with pytest.raises(ParameterError, match="key figure"):
        glue("table", {"a": 1})
    with pytest.raises(ParameterError, match="Python-style name"):
        glue("two words", 1)


def test_glued_reads_the_figures_back_last_wins():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    out = [new_output("display_data", data={GLUE_MIME: {"name": "revenue", "value": v}})
           for v in (1.0, 2.0)]
    cell = new_code_cell("glue(...)", outputs=out + [new_output("stream", text="hi")])
    assert glued(new_notebook(cells=[cell])) == {"revenue": 2.0}
    assert reports._shown("share_of_wallet", 0.25) == ("25.0%", "0.25")
    assert reports._shown("revenue", 1234567.0)[0] == "1,234,567"


# --- one batch, inspected by several tests --------------------------------------------------

@pytest.fixture(scope="module")
def made(tmp_path_factory):
    import os

    os.environ["IPYTHONDIR"] = str(Path(__file__).resolve().parent / "ipython")
    out = tmp_path_factory.mktemp("cards")
    ids = ["T001", "T002", "BOOM3", "T004"]
    result = batch.run_batch(CARD, {i: {"account_id": i} for i in ids}, out, formats="both",
                             workers=2, progress=False, lang="en")
    batch.close_kernels()
    return result


@pytest.mark.slow
def test_one_failing_account_does_not_stop_the_batch(made):
    assert [r.name for r in made.ok] == ["T001", "T002", "T004"]
    (bad,) = made.failed
    assert bad.name == "BOOM3" and "ValueError: no transactions for account BOOM3" in bad.error
    assert (made.out / "BOOM3.failed.ipynb").exists() and not (made.out / "BOOM3.html").exists()
    summary = made.summary("en")
    assert "3 of 4 reports made" in summary and "BOOM3: ValueError" in summary
    assert "3份" in made.summary("zh")
    for name in ("T001", "T002", "T004"):
        assert (made.out / f"{name}.html").exists() and (made.out / f"{name}.ipynb").exists()
    assert glued(made.out / "T002.ipynb") == {"revenue": 1000.0, "growth": -0.05,
                                              "name": "Account T002"}


@pytest.mark.slow
def test_html_is_self_contained_with_code_hidden(made):
    page = (made.out / "T001.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page  # the chart is inside the page
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*href\s*=\s*[\"']?(https?:)?//", page, re.I)
    for script in re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.I | re.S):
        assert not re.search(r"https?://", script)
    assert "glue(" not in page and "probe = {" not in page  # no code shown
    assert GLUE_MIME not in page and "Revenue — T001" in page
    assert re.findall(r"<img\b[^>]*\balt=\"([^\"]*)\"", page) == ["Revenue"]  # the chart's title


def test_to_html_removes_every_external_script():
    """The clean-up itself can fail: a page with a CDN script and link comes out without them."""
    page = ('<script src="https://cdn.example.com/x.js"></script><script src=""></script>'
            '<script type="module">import m from "https://cdnjs.cloudflare.com/m.mjs";</script>'
            '<link rel="stylesheet" href="https://cdn.example.com/s.css"><script>var a=1;</script>')
    cleaned = reports._SCRIPT.sub(reports._keep_local_script, page)
    cleaned = reports._EXTERNAL_LINK.sub("", cleaned)
    assert cleaned == "<script>var a=1;</script>"


@pytest.mark.slow
def test_index_links_every_card_with_figures_and_sorts(made):
    page = (made.out / "index.html").read_text(encoding="utf-8")
    for name in ("T001", "T002", "T004"):
        assert f'<a href="{name}.html">{name}</a>' in page
    assert "failed: ValueError: no transactions for account BOOM3" in page
    assert '<th>Revenue</th>' in page and 'data-sort="-0.05"' in page
    assert "table.sortable th" in page and "localeCompare" in page  # the sorting script
    assert not re.search(r"(src|href)\s*=\s*[\"']?https?://", page)
    rows = json.loads((made.out / "index.json").read_text(encoding="utf-8"))
    assert rows["T001"]["figures"]["growth"] == 0.1 and rows["BOOM3"]["ok"] is False


@pytest.mark.slow
def test_existing_cards_are_not_replaced_without_force(made):
    before = (made.out / "T001.html").read_text(encoding="utf-8")
    (made.out / "T001.html").write_text("edited by hand", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="T001.html") as err:
        batch.run_batch(CARD, {"T001": {"account_id": "T001"}}, made.out, formats="both",
                        workers=1, progress=False)
    assert "force=True" in str(err.value)
    assert (made.out / "T001.html").read_text(encoding="utf-8") == "edited by hand"
    result = batch.run_batch(CARD, {"T001": {"account_id": "T001"}}, made.out, formats="html",
                             workers=1, progress=False, force=True)
    assert result.ok and (made.out / "T001.html").read_text(encoding="utf-8") != "edited by hand"
    assert "T001" in (made.out / "T001.html").read_text(encoding="utf-8") and before
    # the index keeps the cards of the earlier batch
    assert '<a href="T004.html">' in (made.out / "index.html").read_text(encoding="utf-8")


def test_parameters_are_checked_before_anything_runs(tmp_path):
    with pytest.raises(ParameterError, match="Did you mean 'account_id'"):
        batch.run_batch(CARD, {"T1": {"acount_id": "T1"}}, tmp_path / "o", progress=False)
    with pytest.raises(ParameterError, match="takes a number"):
        batch.run_batch(CARD, {"T1": {"account_id": "T1"}}, tmp_path / "o", progress=False,
                        parameters={"revenue": "lots"})
    with pytest.raises(ParameterError, match=r"got \(.x., .y.\) \(tuple\)"):
        batch.run_batch(CARD, {"T1": {"account_id": ("x", "y")}}, tmp_path / "o", progress=False)
    with pytest.raises(ParameterError, match="format"):
        batch.run_batch(CARD, {"T1": {}}, tmp_path / "o", formats="pdf", progress=False)
    with pytest.raises(ParameterError, match="workers"):
        batch.run_batch(CARD, {"T1": {}}, tmp_path / "o", workers=0, progress=False)
    assert not (tmp_path / "o").exists()


# --- zh / en --------------------------------------------------------------------------------

@pytest.mark.slow
def test_chinese_cards_and_index(tmp_path):
    result = batch.run_batch(CARD, {"T001": {"account_id": "T001"}}, tmp_path,
                             parameters={"lang": "zh"}, workers=1, progress=False, lang="zh")
    assert result.ok
    page = (tmp_path / "T001.html").read_text(encoding="utf-8")
    assert "销售额 — T001" in page
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<th>销售额</th>" in index and "核心客户管理卡" in index and 'lang="zh-CN"' in index


# --- the kept-alive kernel ------------------------------------------------------------------

@pytest.mark.slow
def test_a_card_from_a_reused_kernel_equals_one_from_a_fresh_kernel():
    import papermill

    params = {"account_id": "T002", "lang": "zh"}
    fresh = papermill.execute_notebook(str(CARD), None, parameters=params, kernel_name="python3",
                                       progress_bar=False, cwd=str(HERE),
                                       execution_timeout=120)
    session = batch.KernelSession()
    try:
        # variables, rcParams, language, open figures, cwd, pandas options, environment,
        # warnings filters, the inline backend's figure format (svg)
        session.run(POLLUTER, {})
        session.run(CARD, {"account_id": "T001", "lang": "en"})
        reused = session.run(CARD, params)
        assert session.reports == 3
    finally:
        session.close()
    assert "'language': 'en', 'linewidth': 1.5, 'open_figures': 0, 'cwd': 'reports'" in \
        _printed(reused)
    assert _normal(reused) == _normal(fresh)  # the same text, the same PNG bytes


@pytest.mark.slow
def test_without_the_reset_the_polluter_would_leak(monkeypatch):
    """The equality test can fail: skip the reset and the probe sees the polluter's state."""
    session = batch.KernelSession()
    try:
        session.run(POLLUTER, {})
        monkeypatch.setattr(session, "reset", lambda cwd: None)
        leaked_nb = session.run(CARD, {"account_id": "T001"})
        leaked = _printed(leaked_nb)
    finally:
        session.close()
    assert "'names': ['leak_variable']" in leaked and "'language': 'zh'" in leaked
    assert "'linewidth': 7.0" in leaked and "'env': 'yes'" in leaked
    assert "image/svg+xml" in str(leaked_nb.cells)


@pytest.mark.slow
def test_a_timeout_fails_one_report_and_the_worker_goes_on(tmp_path):
    result = batch.run_batch(SLOW, {"S1": {"seconds": 30}, "S2": {"seconds": 0}}, tmp_path,
                             formats="ipynb", workers=1, timeout=2, progress=False)
    failed = {r.name: r.error for r in result.failed}
    assert list(failed) == ["S1"] and "Timeout" in failed["S1"]
    assert "ran longer than the timeout; raise timeout=" in failed["S1"]
    assert [r.name for r in result.ok] == ["S2"] and result.seconds < 25


@pytest.mark.slow
def test_any_executor_runs_the_batch(tmp_path):
    with ThreadPoolExecutor(2) as pool:
        result = batch.run_batch(CARD, {i: {"account_id": i} for i in ("T001", "BOOM2")},
                                 tmp_path, executor=pool, workers=1, progress=False)
        pool.submit(batch.close_kernels).result()
    assert [r.name for r in result.ok] == ["T001"] and [r.name for r in result.failed] == ["BOOM2"]
    assert (tmp_path / "T001.html").exists()


@pytest.mark.slow
def test_dask_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        result = batch.run_batch(CARD, {i: {"account_id": i} for i in ("T001", "BOOM2", "T003")},
                                 tmp_path, scheduler=cluster.scheduler_address,
                                 progress=False)
        # the same from the command line: kamlab cards --scheduler ADDRESS
        from kamlab import cli

        code = cli.main(["cards", "T005", "--notebook", str(CARD), "--quiet", "--out",
                         str(tmp_path / "cli"), "--scheduler", cluster.scheduler_address])
        # every worker's kernel was shut down at the end of each batch
        assert cluster.get_client().run(batch.close_kernels) == {
            w: 0 for w in cluster.scheduler_info["workers"]}
    assert [r.name for r in result.ok] == ["T001", "T003"]
    assert "BOOM2" in result.failed[0].name and (tmp_path / "T003.html").exists()
    assert "T003" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert code == 0 and (tmp_path / "cli" / "T005.html").exists()


# --- accounts -------------------------------------------------------------------------------

def test_accounts_from_a_file_or_ids(tmp_path):
    listing = tmp_path / "accounts.txt"
    listing.write_text("C001\n# a comment\nC002  # the second\n\nC001\n", encoding="utf-8")
    assert batch.read_account_ids(listing) == ["C001", "C002"]
    table = tmp_path / "accounts.csv"
    table.write_text("客户名称,客户编号\nA,C009\nB,C010\n", encoding="gbk")
    assert batch.read_account_ids(table) == ["C009", "C010"]
    assert batch._account_ids(["C1", " C2 ", "C1"], None) == ["C1", "C2"]
    with pytest.raises(ParameterError, match="not both"):
        batch._account_ids(["C1"], 3)
    top = batch.top_accounts(3)
    assert len(top) == 3 and len(set(top)) == 3


@pytest.mark.slow
@pytest.mark.skipif(not batch.CARD_NOTEBOOK.is_file(), reason="no course card notebook yet")
def test_the_course_card_through_the_pipeline(tmp_path):
    """The real key-account card: the two largest accounts, in Chinese, offline HTML."""
    result = batch.make_cards(top=2, out=tmp_path, lang="zh", workers=2, progress=False)
    assert len(result.ok) == 2, result.summary()
    for report in result.ok:
        page = Path(report.paths[0]).read_text(encoding="utf-8")
        assert "data:image/png;base64," in page and "import matplotlib" not in page
        assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
        assert "report template" not in page
    assert all(f'href="{r.name}.html"' in (tmp_path / "index.html").read_text(encoding="utf-8")
               for r in result.ok)
