"""Editions of the course, generated from one source per notebook.

Every course notebook and every exercise has **one source** under ``source/``; the notebooks
people open are generated from it, so the editions cannot drift:

=================================  ==============================  ===============================
source                             trainee editions (en, zh)       trainer editions (en, zh)
=================================  ==============================  ===============================
``source/notebooks/<name>.ipynb``  ``notebooks/``, ``notebooks/zh``  ``trainer/``, ``trainer/zh/``
``source/exercises/<name>.ipynb``  ``exercises/``, ``exercises/zh``  ``exercises/solutions/``,
                                                                   ``exercises/solutions/zh/``
=================================  ==============================  ===============================

A source is an ordinary notebook. Its cells are chosen per edition by their **tags** (Property
Inspector → Cell Tags in JupyterLab):

- ``en`` / ``zh``: the cell is in that language's editions only (the narrative: an English
  cell and its Chinese cell sit next to each other); a cell with neither tag is in every
  edition (the code: code cells are the same in both languages);
- ``trainer``: only in the trainer editions (minutes, ask-the-room prompts, trainer notes);
  ``trainee``: only in the trainee editions;
- ``"kamlab": {"trainee": "<text>"}`` in a cell's metadata: the trainee editions have this
  text instead (an exercise's worked answer becomes ``answer = ...``), and
  ``"trainee_zh": "<text>"`` beside it the Chinese trainee edition (the tip in Chinese);
  ``"kamlab": {"trainee": null}`` leaves the cell out of them ("What this shows");
- the title rule, for the first cell of an exercise's trainee edition (when it has no
  ``"kamlab"`` metadata): ``# Solution …`` becomes ``# Exercise …`` (``# 参考答案 …`` becomes
  ``# 练习 …``) and the paragraph that starts with ``*Solution notebook:`` (``*参考答案：``) is
  left out, so the task text is written once.

In the Chinese editions ``lang = "en"`` and ``set_language("en")`` in a code cell read
``"zh"``; nothing else in the code changes. The edition tags are removed from what is
generated; other tags (``parameters``, ``nbval-ignore-output``) stay.

Editions are written unexecuted (no outputs); ``make editions`` writes the changed ones and
executes them in place. ``python -m kamlab.editions`` writes and prints the changed paths
(``--only "03_*"`` for some sources; ``--force`` over uncommitted edits); ``--check`` only
compares and exits 1 on drift (``tests/test_editions.py`` does the same). After executing,
``--stable-ids FILE …`` renames the saved widget models to ids that depend only on the
notebook (:func:`stable_widget_ids`), so a re-run rewrites only what really changed.
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
KEY = "kamlab"
LANGS = ("en", "zh")
ROLES = ("trainee", "trainer")
EDITION_TAGS = {*LANGS, *ROLES}
# language -> (solution title start, exercise title start, solution intro paragraph start)
TITLES = {"en": ("# Solution ", "# Exercise ", "*Solution notebook:"),
          "zh": ("# 参考答案 ", "# 练习 ", "*参考答案：")}
_LANG_LINE = re.compile(r"""(\blang\s*=\s*|\bset_language\()(["'])en\2""")


@dataclass(frozen=True)
class Kind:
    """A kind of source (course notebook, exercise) and where its editions go."""

    name: str
    source: str  # folder under the root
    targets: dict  # (role, lang) -> folder under the root
    exercise: bool  # the title rule applies

    def target(self, root: Path, role: str, lang: str, name: str) -> Path:
        return root / self.targets[role, lang] / name


COURSE = Kind("course", "source/notebooks", {
    ("trainee", "en"): "notebooks", ("trainee", "zh"): "notebooks/zh",
    ("trainer", "en"): "trainer", ("trainer", "zh"): "trainer/zh"}, exercise=False)
EXERCISE = Kind("exercise", "source/exercises", {
    ("trainee", "en"): "exercises", ("trainee", "zh"): "exercises/zh",
    ("trainer", "en"): "exercises/solutions", ("trainer", "zh"): "exercises/solutions/zh"},
    exercise=True)
KINDS = (COURSE, EXERCISE)
EDITIONS = {kind.name: tuple(kind.targets) for kind in KINDS}  # every role in every language


def _where(name: str, index: int, cell) -> str:
    return f"{name or 'notebook'}: cell {index} (id {cell.get('id', '?')})"


def _trainee_text(cell, where: str, lang: str = "en"):
    """(present, text) from the cell's ``kamlab`` metadata; a clear error when malformed.

    ``trainee_zh`` (``trainee_<lang>``) beside ``trainee`` is the text for that language's
    trainee edition, so a shared code cell can carry its tip in both languages.
    """
    if KEY not in cell.metadata:
        return False, None
    meta = cell.metadata[KEY]
    if not isinstance(meta, dict) or "trainee" not in meta:
        raise ValueError(f"{where}: metadata {KEY!r} must be a dict with a 'trainee' key "
                         f"(text, or null to drop the cell), got {meta!r}")
    unknown = set(meta) - {"trainee", *(f"trainee_{la}" for la in LANGS if la != "en")}
    if unknown:
        raise ValueError(f"{where}: unknown {KEY} metadata keys {sorted(unknown)}")
    text = meta.get(f"trainee_{lang}", meta["trainee"])
    if text is not None and not isinstance(text, str):
        raise ValueError(f"{where}: metadata {KEY}.trainee must be text or null, got {text!r}")
    return True, text


def _title(source: str, lang: str, where: str) -> str:
    start, replacement, intro = TITLES[lang]
    if not source.startswith(start):
        raise ValueError(f"{where}: the title rule needs a first cell starting with "
                         f"{start.strip()!r} (or give the cell {KEY}.trainee metadata)")
    lines = (replacement + source[len(start):]).split("\n")
    out, skip = [], False
    for line in lines:
        if line.startswith(intro):
            skip = True
        if skip:
            if line.strip() == "":  # the paragraph ends; drop its blank line too
                skip = False
            continue
        out.append(line)
    return "\n".join(out)


def _tags(cell) -> list:
    return list(cell.metadata.get("tags", []))


def _in_edition(tags: list, role: str, lang: str, where: str) -> bool:
    langs = [t for t in tags if t in LANGS]
    roles = [t for t in tags if t in ROLES]
    if len(langs) > 1 or len(roles) > 1:
        raise ValueError(f"{where}: a cell has at most one language tag and one of "
                         f"'trainee'/'trainer', got tags {tags}")
    return (not langs or langs[0] == lang) and (not roles or roles[0] == role)


def make_edition(nb, role: str = "trainee", lang: str = "en", *, name: str = "",
                 exercise: bool | None = None):
    """The ``role`` edition in ``lang`` of a source notebook (a new, unexecuted notebook).

    ``exercise`` turns the title rule on (default: when the first cell is a solution title);
    ``name`` only labels errors (the source's file name).
    """
    if role not in ROLES or lang not in LANGS:
        raise ValueError(f"an edition is one of {ROLES} in one of {LANGS}; got {role!r}, {lang!r}")
    out = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(nb.cells):
        where = _where(name, index, cell)
        tags = _tags(cell)
        if not _in_edition(tags, role, lang, where):
            continue
        present, text = _trainee_text(cell, where, lang)
        new = copy.deepcopy(cell)
        new.metadata.pop(KEY, None)
        kept = [t for t in tags if t not in EDITION_TAGS]
        if kept:
            new.metadata["tags"] = kept
        else:
            new.metadata.pop("tags", None)
        if role == "trainee":
            if present and text is None:
                continue
            if present:
                new.source = text
            elif not cells and (exercise or (exercise is None and
                                             cell.source.startswith(TITLES[lang][0]))):
                new.source = _title(cell.source, lang, where)
        if new.cell_type == "code":
            if lang != "en":
                new.source = _LANG_LINE.sub(rf'\1\2{lang}\2', new.source)
            new.outputs = []
            new.execution_count = None
            new.metadata.pop("execution", None)
        cells.append(new)
    out.cells = cells
    out.metadata.pop(KEY, None)
    return out


def trainee_from_solution(nb, name: str = ""):
    """The English trainee edition of an exercise source (its worked answers removed)."""
    return make_edition(nb, "trainee", "en", name=name, exercise=True)


def _key(nb) -> list:
    """What must agree between editions: cell types, ids, sources, metadata (not outputs)."""
    return [(c.cell_type, c.get("id"), c.source,
             {k: v for k, v in c.metadata.items() if k != "execution"}) for c in nb.cells]


def same_sources(a, b) -> bool:
    return _key(a) == _key(b)


def sources(root: Path = ROOT, kind: Kind = COURSE) -> list[Path]:
    return sorted((root / kind.source).glob("*.ipynb"))


def editions_of(source: Path, root: Path = ROOT, kind: Kind | None = None):
    """``(path, notebook)`` of every edition generated from ``source``."""
    kind = kind or next(k for k in KINDS if (root / k.source) == source.parent)
    nb = nbformat.read(source, as_version=4)
    rel = str(source.relative_to(root)) if source.is_relative_to(root) else source.name
    for role, lang in EDITIONS[kind.name]:
        yield (kind.target(root, role, lang, source.name),
               make_edition(nb, role, lang, name=rel, exercise=kind.exercise))


def write_editions(check: bool = False, root: Path = ROOT, only=(), protect=None) -> list[Path]:
    """Write (or with ``check``, only compare) every edition of every source under ``root``
    (or of the sources whose file name matches one of the ``only`` glob patterns).

    Returns the editions that differ (were written); unchanged ones are not touched, so
    their stored outputs stay. ``protect(paths)`` (e.g. :func:`uncommitted`) may name
    editions that must not be overwritten: then nothing is written and
    :class:`ProtectedError` lists them.
    """
    import fnmatch

    differ, errors = [], []
    for kind in KINDS:
        for source in sources(root, kind):
            if only and not any(fnmatch.fnmatch(source.name, pattern) for pattern in only):
                continue
            try:
                made = list(editions_of(source, root, kind))
            except ValueError as err:  # one bad source does not stop the others
                errors.append(str(err))
                continue
            differ += [(target, edition) for target, edition in made if not (
                target.exists() and same_sources(nbformat.read(target, as_version=4), edition))]
    changed = [target for target, _ in differ]
    if not check:
        kept = protect(changed) if protect else []
        if kept:
            raise ProtectedError(kept)
        for target, edition in differ:
            nbformat.validate(edition)
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(edition, target)
    if errors:
        raise SourceError(errors, changed)
    return changed


class ProtectedError(RuntimeError):
    """Editions with uncommitted changes that writing would overwrite (nothing was written)."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        super().__init__(", ".join(str(p) for p in paths))


class SourceError(ValueError):
    """Sources that could not be turned into editions (every other source was written)."""

    def __init__(self, errors: list[str], changed: list[Path]):
        self.errors, self.changed = errors, changed
        super().__init__("\n".join(errors))


def orphans(root: Path = ROOT) -> list[Path]:
    """Edition notebooks that no source generates (a source renamed or deleted)."""
    expected, found = set(), set()
    for kind in KINDS:
        for source in sources(root, kind):
            expected.update(kind.target(root, r, la, source.name) for r, la in EDITIONS[kind.name])
        for role, lang in EDITIONS[kind.name]:
            found.update((root / kind.targets[role, lang]).glob("*.ipynb"))
    return sorted(found - expected)


def uncommitted(paths: list[Path]) -> list[Path]:
    """Those of ``paths`` that git tracks and that have uncommitted changes (none without git)."""
    import subprocess

    existing = [str(p) for p in paths if p.exists()]
    if not existing:
        return []
    try:
        out = subprocess.run(["git", "status", "--porcelain", "--", *existing], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    # tracked files changed since the last commit; an untracked edition is one generated
    # earlier and not yet committed, which the generator may rewrite
    dirty = {(ROOT / line[3:].strip().strip('"')).resolve() for line in out.splitlines()
             if not line.startswith("??")}
    return [p for p in paths if p.resolve() in dirty]


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def stable_widget_ids(nb, salt: str = "") -> int:
    """Rename the widget models saved in an executed notebook (in place) to ids that depend
    only on the notebook, so re-executing it rewrites nothing but what really changed (a
    kernel draws fresh random ids each run). Returns how many models were renamed.

    The order is the widget graph's, walked breadth first: from the views in the outputs,
    cell by cell, then from the models nothing reaches, ordered by what they hold (their
    state with every reference replaced by what the referenced model holds, so two models
    that sort alike are alike all the way down); a model's references in the order of its
    sorted attributes.
    """
    import hashlib
    import json

    from kamlab.site import WIDGET_MIME as WIDGET_VIEW

    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return 0
    hexid = re.compile(r"[0-9a-f]{32}")
    refs = {m: [r for r in hexid.findall(json.dumps(state[m], sort_keys=True)) if r in state]
            for m in state}
    held: dict[str, str] = {}

    def holds(model, path=()):  # the model's state with references spelt out (cycles cut)
        if model not in held:
            text = json.dumps(state[model], sort_keys=True)
            for r in dict.fromkeys(refs[model]):
                text = text.replace(r, "<cycle>" if r in path else holds(r, (*path, model)))
            if not path:
                held[model] = text
            return text
        return held[model]

    def walk(roots, order):
        queue = list(roots)
        while queue:
            model = queue.pop(0)
            if model not in order:
                order.append(model)
                queue += [r for r in refs[model] if r not in order]

    views = [out.get("data", {}).get(WIDGET_VIEW, {}).get("model_id")
             for cell in nb.cells for out in cell.get("outputs", ())]
    order: list[str] = []
    walk([v for v in views if v in state], order)
    rest = [m for m in state if m not in order]
    referenced = {r for m in rest for r in refs[m]}
    walk(sorted((m for m in rest if m not in referenced), key=holds), order)
    walk(sorted((m for m in state if m not in order), key=holds), order)  # cycles
    new = {m: hashlib.md5(f"{salt}:{i}".encode()).hexdigest() for i, m in enumerate(order)}

    def renamed(value):
        if isinstance(value, dict):
            return {new.get(k, k): renamed(v) for k, v in value.items()}
        if isinstance(value, list):
            return [renamed(v) for v in value]
        if isinstance(value, str):
            if value in new:
                return new[value]
            if value.startswith("IPY_MODEL_") and value[10:] in new:
                return "IPY_MODEL_" + new[value[10:]]
        return value

    nb.metadata.widgets[WIDGET_STATE]["state"] = nbformat.from_dict(renamed(dict(state)))
    for cell in nb.cells:
        for out in cell.get("outputs", ()):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view and view.get("model_id") in new:
                view["model_id"] = new[view["model_id"]]
    return len(new)


def _stabilise(paths: list[str]) -> int:
    """``--stable-ids FILE …``: :func:`stable_widget_ids` on executed notebooks, in place."""
    for name in paths:
        path = Path(name)
        nb = nbformat.read(path, as_version=4)
        if stable_widget_ids(nb, salt=path.name):
            nbformat.write(nb, path)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--stable-ids"]:
        return _stabilise(argv[1:])
    check = "--check" in argv
    only = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--only"]  # e.g. --only "03_*"
    protect = None if check or "--force" in argv else uncommitted
    try:
        changed, errors = write_editions(check=check, only=only, protect=protect), []
    except SourceError as err:
        changed, errors = err.changed, err.errors
    except ProtectedError as err:
        for path in err.paths:
            print(f"{path.relative_to(ROOT)}: has uncommitted changes (someone's answers?)",
                  file=sys.stderr)
        print("Commit or discard them, or run 'make editions FORCE=1' to overwrite.",
              file=sys.stderr)
        return 1
    for path in changed:
        print(path.relative_to(ROOT))
    stray = orphans()
    for path in stray:
        print(f"{path.relative_to(ROOT)}: no source in source/ generates it; delete it or "
              f"restore its source", file=sys.stderr)
    if check and changed:
        print(f"{len(changed)} edition(s) differ from their sources; run 'make editions'",
              file=sys.stderr)
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if (check and changed) or stray or errors else 0


if __name__ == "__main__":
    sys.exit(main())
