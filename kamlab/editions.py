"""Editions of the exercise notebooks, generated from one source: the solution notebook.

``exercises/solutions/<name>.ipynb`` is the source; ``exercises/<name>.ipynb`` (the trainee
edition) is generated from it, so the two cannot drift. The rules, cell by cell:

- ``"kamlab": {"trainee": "<text>"}`` in a cell's metadata: the trainee edition has that
  cell with this text as its source (the worked answer becomes ``# Tip: …\\nanswer = ...``,
  "## Worked answer" becomes "## Your answer", …);
- ``"kamlab": {"trainee": null}``: the cell is left out of the trainee edition ("What this
  shows");
- no ``"kamlab"`` metadata: the cell is copied as it is (setup, data, check cells);
- the title rule, for the first cell when it has no ``"kamlab"`` metadata: its first line
  ``# Solution …`` becomes ``# Exercise …`` and the paragraph that starts with
  ``*Solution notebook:`` is left out, so the task text is written once.

The trainee edition is written unexecuted (no outputs); ``make editions`` writes the changed
ones and executes them in place. ``python -m kamlab.editions`` writes and prints the changed
paths; ``python -m kamlab.editions --check`` only compares and exits 1 on drift.

Further editions (Chinese, trainer) add a key next to ``"trainee"`` in the same
``"kamlab"`` metadata and a function like :func:`trainee_from_solution`.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
KEY = "kamlab"
TITLE_FROM, TITLE_TO = "# Solution ", "# Exercise "
INTRO = "*Solution notebook:"


def _where(name: str, index: int, cell) -> str:
    return f"{name or 'notebook'}: cell {index} (id {cell.get('id', '?')})"


def _trainee_text(cell, where: str):
    """(present, text) from the cell's ``kamlab`` metadata; a clear error when malformed."""
    if KEY not in cell.metadata:
        return False, None
    meta = cell.metadata[KEY]
    if not isinstance(meta, dict) or "trainee" not in meta:
        raise ValueError(f"{where}: metadata {KEY!r} must be a dict with a 'trainee' key "
                         f"(text, or null to drop the cell), got {meta!r}")
    text = meta["trainee"]
    if text is not None and not isinstance(text, str):
        raise ValueError(f"{where}: metadata {KEY}.trainee must be text or null, got {text!r}")
    return True, text


def _title(source: str, where: str) -> str:
    if not source.startswith(TITLE_FROM):
        raise ValueError(f"{where}: the title rule needs a first cell starting with "
                         f"{TITLE_FROM.strip()!r} (or give the cell {KEY}.trainee metadata)")
    lines = (TITLE_TO + source[len(TITLE_FROM):]).split("\n")
    out, skip = [], False
    for line in lines:
        if line.startswith(INTRO):
            skip = True
        if skip:
            if line.strip() == "":  # the paragraph ends; drop its blank line too
                skip = False
            continue
        out.append(line)
    return "\n".join(out)


def trainee_from_solution(nb, name: str = ""):
    """The trainee edition of a solution notebook (a new, unexecuted notebook).

    ``name`` only labels errors (the notebook's file name).
    """
    out = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(nb.cells):
        where = _where(name, index, cell)
        present, text = _trainee_text(cell, where)
        if present and text is None:
            continue
        new = copy.deepcopy(cell)
        new.metadata.pop(KEY, None)
        if present:
            new.source = text
        elif index == 0:
            new.source = _title(cell.source, where)
        if new.cell_type == "code":
            new.outputs = []
            new.execution_count = None
        cells.append(new)
    out.cells = cells
    return out


def _key(nb) -> list:
    """What must agree between editions: cell types, ids, sources, metadata (not outputs)."""
    return [(c.cell_type, c.get("id"), c.source,
             {k: v for k, v in c.metadata.items() if k != "execution"}) for c in nb.cells]


def same_sources(a, b) -> bool:
    return _key(a) == _key(b)


def write_editions(check: bool = False, root: Path = EXERCISES) -> list[Path]:
    """Write (or with ``check``, only compare) every ``<root>/<name>.ipynb`` from
    ``<root>/solutions/<name>.ipynb``. Returns the trainee notebooks that differ (were
    written); unchanged ones are not touched, so their stored outputs stay."""
    changed = []
    for source in sorted((root / "solutions").glob("*.ipynb")):
        target = root / source.name
        trainee = trainee_from_solution(nbformat.read(source, as_version=4),
                                        str(source.relative_to(root.parent)))
        if target.exists() and same_sources(nbformat.read(target, as_version=4), trainee):
            continue
        changed.append(target)
        if not check:
            nbformat.validate(trainee)
            nbformat.write(trainee, target)
    return changed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    changed = write_editions(check=check)
    for path in changed:
        print(path.relative_to(ROOT))
    if check and changed:
        print(f"{len(changed)} trainee notebook(s) differ from their solutions; run 'make editions'",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
