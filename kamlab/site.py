"""The course as static HTML that opens from disk with no network (``make site``).

    kamlab site [--out build/site] [--force] [--workers N]     (or python -m kamlab.site)

Every notebook of every edition (trainee and trainer, English and Chinese, exercises and
their solutions, the report templates) becomes one page with its code, its stored outputs
and its charts embedded; the two trainer agendas become pages too; ``index.html`` links them
all. Nothing is loaded from the internet: nbconvert's CDN scripts (require.js, MathJax, the
widget manager, mermaid) are left out, and a dashboard is shown by its saved copy — its
static chart and tables with "run the cell to use it" (``_Dashboard._repr_mimebundle_``)
— instead of stored widget state that needs a widget manager. Pages are written by
:func:`build_site` in parallel on the machine's cores.

The output folder is the site's own: it is marked (``.kamlab-site``) and rebuilt in place; a
folder that holds anything else is never written into unless ``force=True``.
"""

from __future__ import annotations

import copy
import html
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kamlab.exceptions import KamlabError, OutputExistsError

__all__ = ["Page", "course_pages", "notebook_page", "build_site", "main"]

ROOT = Path(__file__).resolve().parents[1]
MARKER = ".kamlab-site"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: (folder of notebooks, language, section of the index), in the order the index lists them
FOLDERS = (
    ("notebooks", "en", "course"), ("exercises", "en", "exercises"),
    ("trainer", "en", "trainer"), ("exercises/solutions", "en", "solutions"),
    ("notebooks/zh", "zh", "course"), ("exercises/zh", "zh", "exercises"),
    ("trainer/zh", "zh", "trainer"), ("exercises/solutions/zh", "zh", "solutions"),
    ("notebooks/reports", "en", "reports"),
)
AGENDAS = (("docs/agenda.md", "en"), ("docs/agenda.zh.md", "zh"))

TEXT = {
    "title": ("Key account management — the course", "关键客户管理课程"),
    "intro": ("A static copy of the course: every notebook with its code and results, readable "
              "offline. Dashboards show a saved chart; open the notebook in JupyterLab "
              "(make lab) and run it to use them.",
              "课程的静态副本：每个笔记本的代码与结果，离线可读。仪表板显示保存的图表；"
              "在 JupyterLab 中打开笔记本（make lab）并运行，即可交互使用。"),
    "course": ("Course notebooks", "课程笔记本"),
    "exercises": ("Exercises", "练习"),
    "trainer": ("Trainer edition", "讲师版"),
    "solutions": ("Exercise solutions", "练习参考答案"),
    "agenda": ("Workshop agenda", "研讨会日程"),
    "reports": ("Report templates", "报告模板"),
    "back": ("← Course index", "← 课程目录"),
    "widget": ("An interactive control: open this notebook in JupyterLab and run it to use it.",
               "交互控件：在 JupyterLab 中打开并运行本笔记本即可使用。"),
}


def _text(key: str, lang: str) -> str:
    return TEXT[key][lang == "zh"]


@dataclass(frozen=True)
class Page:
    """One page of the site: its source (a notebook or an agenda), where it goes under the
    site folder, its language and its section of the index."""

    source: Path
    target: str  # relative to the site folder, "/"-separated
    lang: str
    section: str


def course_pages(root: Path = ROOT) -> list[Page]:
    """Every page of the site, in index order."""
    pages = []
    for folder, lang, section in FOLDERS:
        for path in sorted((root / folder).glob("*.ipynb")):
            pages.append(Page(path, f"{folder}/{path.stem}.html", lang, section))
    for doc, lang in AGENDAS:
        if (root / doc).is_file():
            pages.append(Page(root / doc, doc[:-3] + ".html", lang, "agenda"))
    return pages


# --- one page --------------------------------------------------------------------------

def _static_outputs(outputs: list, lang: str) -> list:
    """Outputs without widget views: a dashboard keeps its saved copy (text/html), any other
    widget becomes a note on how to use it; a report's glued figures (data for the batch's
    index, nothing to show) are left out."""
    from kamlab.reports import GLUE_MIME

    kept = []
    for out in outputs:
        data = out.get("data", {})
        if GLUE_MIME in data:
            continue
        if WIDGET_MIME in data:
            out = copy.copy(out)
            data = {k: v for k, v in data.items() if k != WIDGET_MIME}
            if "text/html" not in data:
                data = {"text/html": f"<p><em>{html.escape(_text('widget', lang))}</em></p>"}
            out["data"] = data
        kept.append(out)
    return kept


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return re.sub(r"[*_`]", "", line[2:]).strip()
    return fallback


def notebook_page(nb, *, lang: str = "en", home: str = "index.html") -> str:
    """One notebook (a ``nbformat`` node) as an offline HTML page: code and outputs, charts
    embedded with their alt text, dashboards as their saved copy, a link back to ``home``."""
    import nbformat

    from kamlab.reports import _exporter, offline

    nb = copy.copy(nb)
    nb.metadata = nbformat.from_dict({k: v for k, v in nb.metadata.items() if k != "widgets"})
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("outputs"):
            cell = copy.copy(cell)
            cell["outputs"] = _static_outputs(cell["outputs"], lang)
        cells.append(cell)
    nb.cells = cells
    nb.metadata["title"] = _title(nb, nb.metadata.get("title", ""))
    body, _ = _exporter(code=True).from_notebook_node(nb)
    body = offline(body)
    code = "zh-CN" if lang == "zh" else "en"
    body = re.sub(r'<html lang="[^"]*">', f'<html lang="{code}">', body, count=1)
    nav = (f'<nav class="kamlab-nav" style="padding:8px 16px;font:14px sans-serif">'
           f'<a href="{html.escape(home)}">{html.escape(_text("back", lang))}</a></nav>')
    return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + nav, body, count=1)


def _agenda_notebook(path: Path):
    import nbformat

    text = path.read_text(encoding="utf-8")
    cell = nbformat.v4.new_markdown_cell(text, id=path.stem.replace(".", "-"))  # same each build
    return nbformat.v4.new_notebook(cells=[cell])


def _build_page(page: Page, out: Path) -> tuple[str, str]:
    """Write ``page`` under ``out``; return (its target, its title)."""
    import nbformat

    from kamlab.reports import _write

    if page.source.suffix == ".md":
        nb = _agenda_notebook(page.source)
    else:
        nb = nbformat.read(page.source, as_version=4)
    home = "../" * page.target.count("/") + "index.html"
    target = out / page.target
    target.parent.mkdir(parents=True, exist_ok=True)
    _write(target, notebook_page(nb, lang=page.lang, home=home))
    return page.target, _title(nb, page.source.stem)


# --- the index and the whole site ------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
margin:2em auto;max-width:1100px;padding:0 1em;color:#1f2d3d;line-height:1.45}
.langs{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:0 3em}
h2{border-bottom:1px solid #dde3e9;padding-bottom:4px} h3{margin:1.2em 0 .3em;font-size:1.05em}
ol,ul{margin:0;padding-left:1.4em} li{margin:2px 0} a{color:#1a5a96;text-decoration:none}
a:hover{text-decoration:underline} small{color:#5a6b7b}
"""


def index_page(pages: list[Page], titles: dict[str, str]) -> str:
    """``index.html``: each language's sections with a link to every page, in course order."""
    columns = []
    for lang, heading in (("en", "English"), ("zh", "中文")):
        parts = [f'<section lang="{"zh-CN" if lang == "zh" else "en"}"><h2>{heading}</h2>'
                 f"<p><small>{html.escape(_text('intro', lang))}</small></p>"]
        for section in ("course", "exercises", "trainer", "agenda", "solutions", "reports"):
            mine = [p for p in pages if p.lang == lang and p.section == section]
            if not mine:
                continue
            items = "".join(f'<li><a href="{html.escape(p.target)}">'
                            f"{html.escape(titles.get(p.target, p.source.stem))}</a></li>"
                            for p in mine)
            parts.append(f"<h3>{html.escape(_text(section, lang))}</h3><ol>{items}</ol>")
        columns.append("".join(parts) + "</section>")
    title = f"{TEXT['title'][0]} · {TEXT['title'][1]}"
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><div class=\"langs\">{''.join(columns)}</div>"
            f"</body></html>\n")


def _claim(out: Path, force: bool) -> None:
    """Make ``out`` the site's folder, or refuse if it holds something else."""
    if out.exists() and not out.is_dir():
        raise OutputExistsError(f"{out} is a file, not a folder; choose another --out.", path=out)
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists() and not force:
        raise OutputExistsError(
            f"{out} already holds files that are not a kamlab site; nothing was written. "
            f"Choose an empty or new folder with --out, or pass --force to write into it.",
            path=out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("made by python -m kamlab.site; rebuilt in place\n",
                              encoding="utf-8")


def _remove_stale(out: Path, written: set[str]) -> None:
    """Pages of an earlier build whose notebook is gone (only in the site's own folder)."""
    for path in out.rglob("*.html"):
        if path.relative_to(out).as_posix() not in written | {"index.html"}:
            path.unlink()


def build_site(out="build/site", *, root: Path = ROOT, pages: list[Page] | None = None,
               workers: int | None = None, force: bool = False, progress: bool = False) -> Path:
    """Build the offline site in ``out`` and return its ``index.html``. ``pages`` defaults
    to :func:`course_pages` of ``root``; ``workers`` to the machine's cores."""
    out = Path(out)
    pages = course_pages(Path(root)) if pages is None else list(pages)
    if not pages:
        raise KamlabError(f"no notebooks found under {root}; run it from the course folder.")
    marked = (out / MARKER).exists()
    _claim(out, force)
    workers = max(1, min(workers or os.cpu_count() or 1, len(pages)))
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(pages), unit="page", file=sys.stderr, dynamic_ncols=True)
    titles = {}
    if workers == 1:
        results = (_build_page(p, out) for p in pages)
    else:
        pool = ProcessPoolExecutor(workers)
        results = pool.map(_build_page, pages, [out] * len(pages))
    try:
        for target, title in results:
            titles[target] = title
            if bar is not None:
                bar.update()
    finally:
        if workers > 1:
            pool.shutdown()
        if bar is not None:
            bar.close()
    if marked:
        _remove_stale(out, set(titles))
    from kamlab.reports import _write

    index = out / "index.html"
    _write(index, index_page(pages, titles))
    return index


def add_arguments(parser) -> None:
    """The options of ``python -m kamlab.site`` and ``kamlab site``."""
    parser.add_argument("--out", default="build/site", help="the site's folder (default build/site)")
    parser.add_argument("--workers", type=int, help="pages at once (default: the cores)")
    parser.add_argument("--force", action="store_true",
                        help="write into a folder that holds other files")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args) -> int:
    """Build the site the parsed ``args`` ask for and say where it is (KamlabError if it
    cannot)."""
    start = time.perf_counter()
    index = build_site(args.out, workers=args.workers, force=args.force,
                       progress=not args.quiet)
    n = sum(1 for _ in index.parent.rglob("*.html"))
    print(f"written: {index} ({n} pages, {time.perf_counter() - start:.1f} s); "
          f"open it in a browser, no network needed")
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m kamlab.site", description=__doc__.split("\n")[0])
    add_arguments(parser)
    try:
        return run(parser.parse_args(argv))
    except KamlabError as err:
        print(f"kamlab site: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
