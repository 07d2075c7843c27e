"""Trainee exercise notebooks are generated from their solutions (kamlab/editions.py).

The drift test: regenerating every trainee notebook from its solution gives the committed one
(cell types, ids, sources, metadata; not outputs). The rules are tested on tiny notebooks.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kamlab.editions import EXERCISES, main, same_sources, trainee_from_solution, write_editions

SOLUTIONS = sorted(p.name for p in (EXERCISES / "solutions").glob("*.ipynb"))


# --- drift: the committed trainee notebooks are what the generator makes ---------------

def test_every_solution_has_its_trainee_notebook_and_back():
    assert SOLUTIONS
    assert SOLUTIONS == sorted(p.name for p in EXERCISES.glob("*.ipynb"))


@pytest.mark.parametrize("name", SOLUTIONS)
def test_committed_trainee_notebook_is_generated_from_its_solution(name):
    solution = nbformat.read(EXERCISES / "solutions" / name, as_version=4)
    committed = nbformat.read(EXERCISES / name, as_version=4)
    generated = trainee_from_solution(solution, name)
    assert [c.cell_type for c in committed.cells] == [c.cell_type for c in generated.cells]
    for index, (have, want) in enumerate(zip(committed.cells, generated.cells)):
        assert have.source == want.source, f"{name} cell {index}: edit the solution, then make editions"
        assert have.metadata.get("tags") == want.metadata.get("tags"), f"{name} cell {index}"
    assert same_sources(committed, generated), f"{name}: run 'make editions'"


def test_write_editions_check_finds_no_drift():
    assert write_editions(check=True) == []
    assert main(["--check"]) == 0


def _copy_exercise(tmp_path, name="m5_01_whale_peak.ipynb"):
    (tmp_path / "solutions").mkdir()
    shutil.copy(EXERCISES / "solutions" / name, tmp_path / "solutions" / name)
    shutil.copy(EXERCISES / name, tmp_path / name)
    return tmp_path / name


def test_a_hand_edit_to_a_trainee_notebook_is_caught_and_regenerated(tmp_path):
    trainee = _copy_exercise(tmp_path)
    assert write_editions(check=True, root=tmp_path) == []
    nb = nbformat.read(trainee, as_version=4)
    nb.cells[3].source = nb.cells[3].source.replace("answer = ...", "answer = 1.65")
    nbformat.write(nb, trainee)
    before = trainee.read_bytes()
    assert write_editions(check=True, root=tmp_path) == [trainee]
    assert trainee.read_bytes() == before  # check only compares
    assert write_editions(root=tmp_path) == [trainee]
    regenerated = nbformat.read(trainee, as_version=4)
    assert "answer = ...\n" not in regenerated.cells[3].source
    assert regenerated.cells[3].source.endswith("answer = ...")
    assert write_editions(check=True, root=tmp_path) == []


def test_a_tag_or_a_dropped_cell_in_a_trainee_notebook_is_caught(tmp_path):
    trainee = _copy_exercise(tmp_path)
    nb = nbformat.read(trainee, as_version=4)
    nb.cells[1].metadata["tags"] = ["raises-exception"]
    nbformat.write(nb, trainee)
    assert write_editions(check=True, root=tmp_path) == [trainee]
    nb.cells[1].metadata.pop("tags")
    del nb.cells[4]
    nbformat.write(nb, trainee)
    assert write_editions(check=True, root=tmp_path) == [trainee]


def test_outputs_do_not_count_as_drift(tmp_path):
    trainee = _copy_exercise(tmp_path)
    nb = nbformat.read(trainee, as_version=4)
    nb.cells[1].outputs = []
    nb.cells[1].execution_count = 7
    nbformat.write(nb, trainee)
    assert write_editions(check=True, root=tmp_path) == []


# --- the rules, on tiny notebooks -------------------------------------------------------

TITLE = ("# Solution `x-1` — A question?\n\n*Module 1*\n\n"
         "*Solution notebook: the worked answer. Try the exercise\nnotebook first.*\n\n"
         "**Task.** Do it.")


def _solution(*cells):
    nb = new_notebook(cells=[new_markdown_cell(TITLE), *cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    return nb


def test_title_rule_renames_and_drops_the_solution_intro():
    out = trainee_from_solution(_solution())
    assert out.cells[0].source == "# Exercise `x-1` — A question?\n\n*Module 1*\n\n**Task.** Do it."
    assert out.metadata == _solution().metadata


def test_replace_drop_and_copy():
    worked = new_code_cell("answer = 2 + 2\nanswer", execution_count=3,
                           outputs=[new_output("execute_result", {"text/plain": "4"}, execution_count=3)],
                           metadata={"kamlab": {"trainee": "# Tip: add.\nanswer = ..."}, "tags": ["t"]})
    heading = new_markdown_cell("## Worked answer", metadata={"kamlab": {"trainee": "## Your answer"}})
    check = new_code_cell('kamlab.check("x-1", answer)', execution_count=4, metadata={"tags": ["c"]})
    shows = new_markdown_cell("## What this shows\n\nIt is 4.", metadata={"kamlab": {"trainee": None}})
    solution = _solution(heading, worked, check, shows)
    out = trainee_from_solution(solution)
    assert [c.source for c in out.cells[1:]] == ["## Your answer", "# Tip: add.\nanswer = ...",
                                                 'kamlab.check("x-1", answer)']
    assert [c.cell_type for c in out.cells] == ["markdown", "markdown", "code", "code"]
    assert [c.id for c in out.cells] == [c.id for c in solution.cells[:4]]
    assert out.cells[2].metadata == {"tags": ["t"]}  # the kamlab key is gone, tags stay
    assert out.cells[3].metadata == {"tags": ["c"]}
    assert all(c.outputs == [] and c.execution_count is None for c in out.cells if c.cell_type == "code")
    # the source notebook is not changed
    assert solution.cells[2].outputs and solution.cells[2].metadata["kamlab"]
    nbformat.validate(out)


def test_trainee_metadata_on_the_first_cell_replaces_the_title_rule():
    nb = _solution()
    nb.cells[0].metadata["kamlab"] = {"trainee": "# Exercise, written out"}
    assert trainee_from_solution(nb).cells[0].source == "# Exercise, written out"
    nb.cells[0].source = "# Not a solution title"
    assert trainee_from_solution(nb).cells[0].source == "# Exercise, written out"


@pytest.mark.parametrize("meta, message", [
    ({"kamlab": "## Your answer"}, "must be a dict with a 'trainee' key"),
    ({"kamlab": {}}, "must be a dict with a 'trainee' key"),
    ({"kamlab": {"traine": None}}, "must be a dict with a 'trainee' key"),
    ({"kamlab": {"trainee": 3}}, "must be text or null"),
    ({"kamlab": {"trainee": ["answer = ..."]}}, "must be text or null"),
])
def test_malformed_metadata_names_the_notebook_and_the_cell(meta, message):
    bad = new_markdown_cell("## Worked answer", metadata=meta, id="cell-two")
    with pytest.raises(ValueError, match=message) as err:
        trainee_from_solution(_solution(new_markdown_cell("intro"), bad), "m9_01_demo.ipynb")
    assert "m9_01_demo.ipynb: cell 2 (id cell-two)" in str(err.value)


def test_a_first_cell_that_is_no_solution_title_is_an_error():
    nb = _solution()
    nb.cells[0].source = "# Exercise `x-1`"
    with pytest.raises(ValueError, match=r"m9_01_demo.ipynb: cell 0 .*'# Solution'"):
        trainee_from_solution(nb, "m9_01_demo.ipynb")
