"""Every course notebook and exercise edition is generated from its source (kamlab/editions.py).

The drift test: regenerating every edition from ``source/`` gives the committed notebooks
(cell types, ids, sources, metadata; not outputs), and no edition is left without a source.
The rules are tested on tiny notebooks.
"""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from kamlab.editions import (
    COURSE,
    EDITIONS,
    EXERCISE,
    KINDS,
    ROOT,
    WIDGET_STATE,
    editions_of,
    main,
    make_edition,
    orphans,
    same_sources,
    sources,
    stable_widget_ids,
    trainee_from_solution,
    write_editions,
)
from kamlab.site import FOLDERS
from kamlab.site import WIDGET_MIME as WIDGET_VIEW

#: every committed, executed notebook (the folders the offline site publishes)
EDITION_PATHS = sorted(p for folder, _lang, _section in FOLDERS
                       for p in (ROOT / folder).glob("*.ipynb"))
CASES = [(kind, source, role, lang) for kind in KINDS for source in sources(ROOT, kind)
         for role, lang in EDITIONS[kind.name]]


# --- drift: the committed editions are what the generator makes ---------------------------

def test_there_are_sources_and_every_edition_has_one():
    assert len(sources(ROOT, COURSE)) >= 7 and len(sources(ROOT, EXERCISE)) >= 38
    assert orphans() == []


@pytest.mark.parametrize("kind, source, role, lang", CASES,
                         ids=[f"{r}-{la}-{s.stem}" for _, s, r, la in CASES])
def test_committed_edition_is_generated_from_its_source(kind, source, role, lang):
    target = kind.target(ROOT, role, lang, source.name)
    assert target.exists(), f"{target.relative_to(ROOT)} is missing: run 'make editions'"
    committed = nbformat.read(target, as_version=4)
    generated = make_edition(nbformat.read(source, as_version=4), role, lang,
                             name=source.name, exercise=kind.exercise)
    assert [c.cell_type for c in committed.cells] == [c.cell_type for c in generated.cells]
    for index, (have, want) in enumerate(zip(committed.cells, generated.cells)):
        assert have.source == want.source, (f"{target.relative_to(ROOT)} cell {index}: edit "
                                            f"{source.relative_to(ROOT)}, then make editions")
        assert have.metadata.get("tags") == want.metadata.get("tags"), f"{target} cell {index}"
    assert same_sources(committed, generated), f"{target.relative_to(ROOT)}: run 'make editions'"


def test_write_editions_check_finds_no_drift():
    assert write_editions(check=True) == []
    assert main(["--check"]) == 0


def _copy_exercise(tmp_path, name="m5_01_whale_peak.ipynb"):
    (tmp_path / EXERCISE.source).mkdir(parents=True)
    shutil.copy(ROOT / EXERCISE.source / name, tmp_path / EXERCISE.source / name)
    for role, lang in EDITIONS["exercise"]:
        target = EXERCISE.target(tmp_path, role, lang, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXERCISE.target(ROOT, role, lang, name), target)
    return EXERCISE.target(tmp_path, "trainee", "en", name)


def test_a_hand_edit_to_an_edition_is_caught_and_regenerated(tmp_path):
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


def test_a_tag_or_a_dropped_cell_in_an_edition_is_caught(tmp_path):
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


def test_an_edition_without_a_source_is_reported(tmp_path, capsys):
    trainee = _copy_exercise(tmp_path)
    stray = trainee.parent / "zh" / "m9_99_gone.ipynb"
    shutil.copy(trainee, stray)
    assert orphans(tmp_path) == [stray]


def test_editions_of_a_source_are_its_four(tmp_path):
    _copy_exercise(tmp_path)
    source = tmp_path / EXERCISE.source / "m5_01_whale_peak.ipynb"
    paths = [p.relative_to(tmp_path).as_posix() for p, _ in editions_of(source, tmp_path)]
    assert paths == ["exercises/m5_01_whale_peak.ipynb", "exercises/zh/m5_01_whale_peak.ipynb",
                     "exercises/solutions/m5_01_whale_peak.ipynb",
                     "exercises/solutions/zh/m5_01_whale_peak.ipynb"]


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


# --- editions: languages and roles ------------------------------------------------------------

def _course(*cells):
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    return nb


def _md(text, *tags, **meta):
    return new_markdown_cell(text, metadata={"tags": list(tags), **meta})


def test_tags_choose_the_cells_of_each_edition():
    nb = _course(_md("# Module 1", "en"), _md("# 模块1", "zh"),
                 _md("### Trainer's plan — 10 min", "trainer", "en"),
                 _md("### 讲师计划 — 10分钟", "trainer", "zh"),
                 new_code_cell('lang = "en"  # or "zh"\nkamlab.set_language(lang)',
                               metadata={"tags": ["parameters"]}),
                 new_code_cell('kamlab.set_style("projector")', metadata={"tags": ["trainer"]}),
                 _md("Your turn.", "trainee", "en"), _md("轮到你了。", "trainee", "zh"))

    def sources_of(role, lang):
        return [c.source for c in make_edition(nb, role, lang).cells]

    assert sources_of("trainee", "en") == [
        "# Module 1", 'lang = "en"  # or "zh"\nkamlab.set_language(lang)', "Your turn."]
    assert sources_of("trainee", "zh") == [
        "# 模块1", 'lang = "zh"  # or "zh"\nkamlab.set_language(lang)', "轮到你了。"]
    assert sources_of("trainer", "zh") == [
        "# 模块1", "### 讲师计划 — 10分钟", 'lang = "zh"  # or "zh"\nkamlab.set_language(lang)',
        'kamlab.set_style("projector")']
    out = make_edition(nb, "trainer", "en")
    assert [c.metadata.get("tags") for c in out.cells] == [None, None, ["parameters"], None]
    nbformat.validate(out)


def test_chinese_editions_switch_only_the_language_in_code():
    code = ('kamlab.set_language("en")  # "zh": 中文\nlabel = "en"\nlang="en"\n'
            "print('lang = \"en\" stays in a string?')")
    out = make_edition(_course(new_code_cell(code)), "trainee", "zh").cells[0].source
    assert out.splitlines()[:3] == ['kamlab.set_language("zh")  # "zh": 中文', 'label = "en"',
                                    'lang="zh"']


def test_chinese_title_rule():
    title = _md("# 参考答案 `x-1` — 一个问题？\n\n*参考答案：先做练习。*\n\n**任务。**做吧。", "zh")
    nb = _course(_md(TITLE, "en"), title)
    assert make_edition(nb, "trainee", "zh", exercise=True).cells[0].source == (
        "# 练习 `x-1` — 一个问题？\n\n**任务。**做吧。")
    assert make_edition(nb, "trainer", "zh", exercise=True).cells[0].source == title.source
    assert make_edition(nb, "trainee", "en", exercise=True).cells[0].source.startswith(
        "# Exercise `x-1`")


@pytest.mark.parametrize("tags, role, lang", [
    (["en", "zh"], "trainee", "en"), (["trainer", "trainee"], "trainer", "en")])
def test_conflicting_tags_are_an_error(tags, role, lang):
    with pytest.raises(ValueError, match="at most one language tag"):
        make_edition(_course(_md("x", *tags)), role, lang, name="demo.ipynb")


def test_an_unknown_edition_is_an_error():
    with pytest.raises(ValueError, match="an edition is one of"):
        make_edition(_course(), "teacher", "en")


def test_a_shared_code_cell_carries_its_trainee_tip_in_both_languages():
    worked = new_code_cell("answer = 2 + 2", metadata={"kamlab": {
        "trainee": "# Tip: add.\nanswer = ...", "trainee_zh": "# 提示：相加。\nanswer = ..."}})
    nb = _course(_md(TITLE, "en"), _md("# 参考答案 `x-1` — 问题？", "zh"), worked)
    assert make_edition(nb, "trainee", "zh", exercise=True).cells[1].source.startswith("# 提示")
    assert make_edition(nb, "trainee", "en", exercise=True).cells[1].source.startswith("# Tip")
    assert make_edition(nb, "trainer", "zh", exercise=True).cells[1].source == "answer = 2 + 2"
    assert make_edition(nb, "trainer", "zh", exercise=True).cells[1].metadata == {}
    worked.metadata["kamlab"]["trainee_fr"] = "x"
    with pytest.raises(ValueError, match="unknown kamlab metadata keys"):
        make_edition(nb, "trainee", "zh", exercise=True)


def test_protected_editions_stop_the_write_before_anything_is_written(tmp_path):
    from kamlab.editions import ProtectedError

    trainee = _copy_exercise(tmp_path)
    nb = nbformat.read(trainee, as_version=4)
    nb.cells[3].source = "answer = 1.65  # someone's answer"
    nbformat.write(nb, trainee)
    before = trainee.read_bytes()
    with pytest.raises(ProtectedError) as err:
        write_editions(root=tmp_path, protect=lambda paths: list(paths))
    assert err.value.paths == [trainee] and trainee.read_bytes() == before
    assert write_editions(root=tmp_path, protect=lambda paths: []) == [trainee]


# --- widget ids that do not change from run to run ---------------------------------------

def _widget_notebook(ids: list[str]) -> nbformat.NotebookNode:
    """A dashboard as a kernel saves it: a box (ids[0]) holding a slider (ids[1]), each with
    a layout (ids[2], ids[3]), and a model no view reaches (ids[4])."""
    box, slider, box_layout, slider_layout, stray = ids

    def model(name, **state):
        return {"model_module": "@jupyter-widgets/controls", "model_name": name,
                "model_module_version": "2.0.0", "state": state}

    state = {box: model("VBoxModel", children=[f"IPY_MODEL_{slider}"],
                        layout=f"IPY_MODEL_{box_layout}"),
             slider: model("IntSliderModel", value=3, layout=f"IPY_MODEL_{slider_layout}"),
             box_layout: model("LayoutModel", width="100%"),
             slider_layout: model("LayoutModel", width="auto"),
             stray: model("LayoutModel")}
    view = new_output("display_data", data={
        WIDGET_VIEW: {"model_id": box, "version_major": 2, "version_minor": 0},
        "text/plain": "Dashboard"})
    nb = new_notebook(cells=[new_code_cell("dash", outputs=[view], id="dash")])
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": state, "version_major": 2,
                                             "version_minor": 0}}
    return nbformat.from_dict(nb)


def test_widget_ids_depend_only_on_the_notebook():
    import uuid

    runs = []
    for _ in range(2):  # two runs: fresh random ids, saved in another order
        ids = [uuid.uuid4().hex for _ in range(5)]
        nb = _widget_notebook(ids)
        state = nb.metadata.widgets[WIDGET_STATE]["state"]
        nb.metadata.widgets[WIDGET_STATE]["state"] = dict(sorted(state.items()))
        assert stable_widget_ids(nb, salt="01.ipynb") == 5
        runs.append(nbformat.writes(nb))
    assert runs[0] == runs[1]
    assert stable_widget_ids(nbformat.reads(runs[0], 4), salt="01.ipynb") == 5  # idempotent


def test_renamed_widget_ids_still_point_at_their_models():
    nb = _widget_notebook([f"{i:x}" * 32 for i in range(5)])
    stable_widget_ids(nb, salt="x")
    state = nb.metadata.widgets[WIDGET_STATE]["state"]
    box = nb.cells[0].outputs[0].data[WIDGET_VIEW]["model_id"]
    assert state[box]["model_name"] == "VBoxModel"
    slider = state[box]["state"]["children"][0].removeprefix("IPY_MODEL_")
    assert state[slider]["state"]["value"] == 3
    layout = state[slider]["state"]["layout"].removeprefix("IPY_MODEL_")
    assert state[layout]["state"]["width"] == "auto"
    assert len(set(state)) == 5 and "0" * 32 not in state


@pytest.mark.parametrize("path", EDITION_PATHS,
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_committed_notebooks_have_stable_widget_ids(path):
    """`make notebooks` / `make editions` rename the widget ids after executing; a notebook
    executed another way shows up here (run `python -m kamlab.editions --stable-ids FILE`)."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    stable_widget_ids(nb, salt=path.name)
    assert nbformat.writes(nb) == before
