"""The offline course site (``make site``): pages with no network, dashboards as their saved
copy, an index whose links resolve, and a folder that is never someone else's."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kamlab import site
from kamlab.exceptions import OutputExistsError

WIDGET = {"model_id": "abc123", "version_major": 2, "version_minor": 0}
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001b5d0f5a10000000049454e44ae426082")).decode()


def _notebook(title: str = "Why key accounts") -> nbformat.NotebookNode:
    dashboard = new_code_cell("ConcentrationDashboard(accounts)", outputs=[new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": WIDGET,
                              "text/plain": "ConcentrationDashboard(children=(HBox(",
                              "text/html": "<p>Run the cell to use the dashboard.</p>"})])
    slider = new_code_cell("widgets.IntSlider()", outputs=[new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": WIDGET,
                              "text/plain": "IntSlider(value=0)"})])
    chart = new_code_cell("plot()", outputs=[new_output(
        "display_data", data={"image/png": PNG, "text/plain": "<Figure>"},
        metadata={"image/png": {"alt": "Revenue concentration: top 3% of accounts"}})])
    nb = new_notebook(cells=[new_markdown_cell(f"# {title}\n\nSome prose, 关键客户."),
                             new_code_cell("x = 1"), dashboard, slider, chart])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


def _course(root: Path) -> Path:
    """A course folder in miniature: two editions, an exercise, an agenda."""
    for folder, title in (("notebooks", "Why key accounts"), ("notebooks/zh", "为什么是关键客户"),
                          ("exercises", "Exercise one")):
        (root / folder).mkdir(parents=True)
        nbformat.write(_notebook(title), root / folder / "01_first.ipynb")
    (root / "docs").mkdir()
    (root / "docs" / "agenda.md").write_text("# Four-day agenda\n\n- Day 1: concentration\n",
                                             encoding="utf-8")
    return root


def test_a_page_has_no_network_and_shows_saved_copies():
    page = site.notebook_page(_notebook(), lang="en", home="../index.html")
    assert "Run the cell to use the dashboard." in page
    assert "ConcentrationDashboard(children" not in page
    assert site.TEXT["widget"][0] in page  # a plain widget becomes a note
    assert 'alt="Revenue concentration: top 3% of accounts"' in page
    assert "data:image/png;base64," in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "widget-state+json" not in page
    assert '<a href="../index.html">' in page
    assert "<title>Why key accounts</title>" in page
    assert "x = 1" in re.sub(r"<[^>]+>", "", page)  # a course page shows its code


def test_a_chinese_page_says_so():
    page = site.notebook_page(_notebook("为什么是关键客户"), lang="zh")
    assert '<html lang="zh-CN">' in page
    assert site.TEXT["back"][1] in page and site.TEXT["widget"][1] in page


def test_the_notebook_is_not_changed():
    nb = _notebook()
    before = nbformat.writes(nb)
    site.notebook_page(nb)
    assert nbformat.writes(nb) == before


def test_build_site_links_every_page(tmp_path):
    root = _course(tmp_path / "course")
    index = site.build_site(tmp_path / "site", root=root, workers=1)
    out = index.parent
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert written == ["docs/agenda.html", "exercises/01_first.html", "index.html",
                       "notebooks/01_first.html", "notebooks/zh/01_first.html"]
    text = index.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', text)
    assert sorted(links) == written[:2] + written[3:]
    assert all((out / link).is_file() for link in links)
    assert "为什么是关键客户" in text and "Four-day agenda" in text
    assert "../../index.html" in (out / "notebooks/zh/01_first.html").read_text(encoding="utf-8")
    assert "../index.html" in (out / "docs/agenda.html").read_text(encoding="utf-8")


def test_build_site_in_parallel_is_the_same(tmp_path):
    root = _course(tmp_path / "course")
    one = site.build_site(tmp_path / "one", root=root, workers=1).parent
    two = site.build_site(tmp_path / "two", root=root, workers=2).parent
    for page in one.rglob("*.html"):
        assert page.read_bytes() == (two / page.relative_to(one)).read_bytes()


def test_a_folder_with_other_files_is_left_alone(tmp_path):
    root = _course(tmp_path / "course")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    with pytest.raises(OutputExistsError, match="--force"):
        site.build_site(out, root=root, workers=1)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    site.build_site(out, root=root, workers=1, force=True)
    assert (out / "notes.txt").read_text() == "my notes" and (out / "index.html").is_file()


def test_a_rebuild_removes_pages_whose_notebook_is_gone(tmp_path):
    root = _course(tmp_path / "course")
    out = tmp_path / "site"
    site.build_site(out, root=root, workers=1)
    (root / "exercises" / "01_first.ipynb").unlink()
    site.build_site(out, root=root, workers=1)
    assert not (out / "exercises" / "01_first.html").exists()
    assert "exercises/01_first.html" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_reports_glued_figures_are_not_shown(recwarn):
    from kamlab.reports import GLUE_MIME

    nb = _notebook()
    nb.cells.append(new_code_cell("glue('revenue', 1)", outputs=[new_output(
        "display_data", data={GLUE_MIME: {"name": "revenue", "value": 1}})]))
    site.notebook_page(nb, lang="en")
    assert not [w for w in recwarn if "not able to be represented" in str(w.message)]


def test_an_empty_course_is_a_clear_error(tmp_path):
    with pytest.raises(site.KamlabError, match="no notebooks"):
        site.build_site(tmp_path / "site", root=tmp_path)


@pytest.mark.parametrize("command", ["python -m kamlab.site", "kamlab site"])
def test_cli_refuses_without_a_traceback(tmp_path, capsys, command):
    from kamlab import cli

    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    args = ["--out", str(out), "--quiet"]
    assert (site.main(args) if command.startswith("python") else cli.main(["site", *args])) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "Traceback" not in err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_kamlab_site_builds_the_site(tmp_path, capsys):
    from kamlab import cli

    root = _course(tmp_path)
    out = tmp_path / "site"
    pages = site.course_pages(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(site, "course_pages", lambda root=root: pages)
        assert cli.main(["site", "--out", str(out), "--quiet", "--workers", "1"]) == 0
    assert "no network needed" in capsys.readouterr().out
    assert (out / "index.html").is_file() and (out / site.MARKER).is_file()


def test_every_course_notebook_is_a_page():
    pages = site.course_pages()
    targets = {p.target for p in pages}
    for folder, _lang, _section in site.FOLDERS:
        for path in (site.ROOT / folder).glob("*.ipynb"):
            assert f"{folder}/{path.stem}.html" in targets
    assert {"docs/agenda.html", "docs/agenda.zh.html"} <= targets
    assert {p.lang for p in pages if "/zh/" in p.target or p.target.endswith(".zh.html")} == {"zh"}


@pytest.mark.slow
def test_the_committed_first_notebook_reads_well_offline():
    nb = nbformat.read(site.ROOT / "notebooks" / "01_why_key_accounts.ipynb", as_version=4)
    page = site.notebook_page(nb)
    assert "ConcentrationDashboard(children" not in page
    assert page.count("<img") >= 3 and not re.search(r"<img(?![^>]*\balt=)", page)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
