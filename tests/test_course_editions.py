"""The content rules of the editions (source/README.md), read from the sources.

- every English narrative cell has its Chinese cell, and a Chinese cell is Chinese: no run of
  four English words outside backticks (code, column names) and links;
- every course notebook has the trainer's plan at the top and a trainer cell per numbered
  section, in both languages, with minutes that add up, and turns projector mode on;
- every sentence a notebook prints with ``kamlab.say`` / ``kamlab.phrase`` has its Chinese
  template, with the same placeholders;
- what the committed Chinese editions print is Chinese too.
"""

from __future__ import annotations

import ast
import re
import string

import nbformat
import pytest

from kamlab.agendas import MINUTES
from kamlab.editions import COURSE, EXERCISE, ROOT, sources
from kamlab.phrases import table

COURSE_SOURCES = sources(ROOT, COURSE)
EXERCISE_SOURCES = sources(ROOT, EXERCISE)
ALL_SOURCES = COURSE_SOURCES + EXERCISE_SOURCES

ENGLISH_RUN = re.compile(r"(?:\b[A-Za-z][A-Za-z'’-]*[ \t]+){3}[A-Za-z][A-Za-z'’-]*\b")
_NOT_PROSE = [re.compile(p, re.S) for p in (
    r"```.*?```", r"`[^`]*`", r"\]\([^)]*\)", r"https?://\S+", r"\$[^$]*\$", r"<[^>]+>")]


def _read(path):
    return nbformat.read(path, as_version=4)


def _tagged(nb, *tags, cell_type="markdown"):
    return [c for c in nb.cells if c.cell_type == cell_type
            and set(tags) <= set(c.metadata.get("tags", []))]


def english_runs(text: str) -> list[str]:
    """Runs of four or more English words in ``text``, outside code spans, links and tags.

    >>> english_runs("前3%的客户贡献了约一半的`revenue`。")
    []
    >>> english_runs("这是 the top three percent 的客户")
    ['the top three percent']
    """
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    return ENGLISH_RUN.findall(text)


def test_english_runs_finds_prose_not_code():
    assert english_runs("**提问**：“前3%的客户？”见 `plot_pareto(pareto, value=\"revenue\")`。") == []
    assert english_runs("施乐（Xerox）的250个关键客户") == []
    assert english_runs("Read the last column first") == ["Read the last column"]


def _role(cell):
    roles = {"trainee", "trainer"} & set(cell.metadata.get("tags", []))
    return roles.pop() if roles else None


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.stem)
def test_every_english_cell_has_its_chinese_cell(path):
    nb = _read(path)
    for role in ("trainee", "trainer", None):
        en = sum(1 for c in _tagged(nb, "en") if _role(c) == role)
        zh = sum(1 for c in _tagged(nb, "zh") if _role(c) == role)
        assert en == zh, f"{path.name}: {en} English and {zh} Chinese cells" + (
            f" tagged {role}" if role else "")


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.stem)
def test_chinese_cells_have_no_english_sentence(path):
    nb = _read(path)
    for cell in _tagged(nb, "zh"):
        texts = [cell.source]
        trainee = cell.metadata.get("kamlab", {}).get("trainee")
        if isinstance(trainee, str) and cell.cell_type == "markdown":
            texts.append(trainee)
        for text in texts:
            assert english_runs(text) == [], f"{path.name} cell {cell.id}: English in Chinese text"


# --- trainer cells ----------------------------------------------------------------------

PLAN = {"en": re.compile(r"^### Trainer's plan — (\d+) min\n"),
        "zh": re.compile(r"^### 讲师计划 — (\d+)分钟\n")}
SECTION = MINUTES  # the line the agendas read a section's minutes from
PARTS = {"en": ("**Ask the room:**", "**Expected:**", "**Reveal:**", "**Discuss:**", "**Note:**"),
         "zh": ("**提问**：", "**预期回答**：", "**揭示**：", "**讨论**：", "**提示**：")}
PLAN_PARTS = {"en": ("**Objectives.**", "**Materials.**"), "zh": ("**目标**。", "**材料**。")}


def _sections(nb) -> int:
    return sum(1 for c in _tagged(nb, "en") if "trainer" not in c.metadata.get("tags", [])
               for line in c.source.splitlines() if re.match(r"^## \d+\.", line))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", COURSE_SOURCES, ids=lambda p: p.stem)
def test_trainer_plan_and_a_trainer_cell_per_section(path, lang):
    nb = _read(path)
    cells = _tagged(nb, "trainer", lang)
    assert cells, f"{path.name}: no trainer cells in {lang}"
    plan = PLAN[lang].match(cells[0].source)
    assert plan, f"{path.name}: the first {lang} trainer cell is the plan ({PLAN[lang].pattern})"
    assert all(part in cells[0].source for part in PLAN_PARTS[lang]), path.name
    # Markdown joins lines into one paragraph: each part after the first starts its own
    assert all(f"\n\n{part}" in cells[0].source for part in PLAN_PARTS[lang][1:]), path.name
    minutes = []
    for cell in cells[1:]:
        match = SECTION[lang].match(cell.source)
        assert match, f"{path.name} cell {cell.id}: starts with {SECTION[lang].pattern}"
        missing = [p for p in PARTS[lang] if p not in cell.source]
        assert not missing, f"{path.name} cell {cell.id}: missing {missing}"
        minutes.append(int(match.group(1)))
    assert len(minutes) == _sections(nb), f"{path.name}: one trainer cell per numbered section"
    assert sum(minutes) == int(plan.group(1)), f"{path.name}: section minutes add up to the plan"


def _shown_text(markdown: str) -> str:
    """What a reader sees of a Markdown cell (CommonMark, as nbconvert renders it), without
    code; an escaped ``\\*`` is a star meant to be seen."""
    import mistune

    html = mistune.create_markdown(plugins=["table", "strikethrough"])(
        markdown.replace("\\*", ""))
    html = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.stem)
def test_emphasis_renders_and_shows_no_stars(path):
    """CommonMark does not close ``**目标。**学员`` (punctuation inside, a letter after): the
    stars are printed. Full-width punctuation goes after the closing stars: ``**目标**。``."""
    bad = []
    for cell in _read(path).cells:
        if cell.cell_type != "markdown":
            continue
        kamlab_meta = cell.metadata.get("kamlab", {})
        texts = [cell.source, *(kamlab_meta.get(k) for k in ("trainee", "trainee_zh"))]
        for text in filter(None, texts):
            shown = _shown_text(text)
            bad += [shown[max(0, m.start() - 20):m.start() + 20] for m in re.finditer(r"\*", shown)]
    assert not bad, f"{path.name}: emphasis left as stars: {bad[:5]}"


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.stem)
def test_chinese_is_punctuated_full_width(path):
    """Between two Chinese characters a comma, colon or semicolon is full-width (，：；),
    in the Chinese cells and in the Chinese glosses of the English ones."""
    half = re.compile(r"[\u4e00-\u9fff][:;,!?][\u4e00-\u9fff]")
    found = [m.group() for cell in _read(path).cells if cell.cell_type == "markdown"
             for m in half.finditer(re.sub(r"`[^`]*`", "", cell.source))]
    assert not found, f"{path.name}: half-width punctuation in Chinese: {found[:5]}"


def test_shown_text_catches_stars_that_do_not_close():
    assert "*" in _shown_text("**目标。**学员能够")
    assert "*" not in _shown_text("**目标**。学员能够 `a*b` and s\\*/s")


SOURCES_NOTE = {"en": "*Sources.*", "zh": "*资料来源*："}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", COURSE_SOURCES, ids=lambda p: p.stem)
def test_the_introduction_says_what_the_seeds_are(path, lang):
    """Figures cite "seed 000" / "资料000"; the first cell names the five documents."""
    first = next(c for c in _tagged(_read(path), lang) if "trainer" not in c.metadata.tags)
    note = first.source.split(SOURCES_NOTE[lang], 1)
    assert len(note) == 2, f"{path.name}: the {lang} introduction has no {SOURCES_NOTE[lang]}"
    assert all(f"{n:03d}" in note[1] for n in range(5)), path.name


@pytest.mark.parametrize("path", COURSE_SOURCES, ids=lambda p: p.stem)
def test_trainer_edition_turns_projector_mode_on(path):
    code = _tagged(_read(path), "trainer", cell_type="code")
    assert any('kamlab.set_style("projector")' in c.source for c in code), path.name


def test_trainer_plans_agree_between_languages():
    for path in COURSE_SOURCES:
        nb = _read(path)
        en = [re.findall(r"(\d+) min", c.source)[:1] for c in _tagged(nb, "trainer", "en")]
        zh = [re.findall(r"(\d+)分钟", c.source)[:1] for c in _tagged(nb, "trainer", "zh")]
        assert en == zh, path.name


# --- printed sentences ----------------------------------------------------------------------

def _templates(nb) -> list[str]:
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source.replace("%", "#%") if cell.source.startswith("%") else cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
                    in ("say", "phrase") and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.append(node.args[0].value)
    return found


def _fields(template: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.stem)
def test_every_printed_sentence_has_its_chinese_template(path):
    phrases = table()
    for template in _templates(_read(path)):
        assert template in phrases, f"{path.name}: add {template!r} to kamlab/phrases"
        assert _fields(phrases[template]) == _fields(template), f"placeholders differ: {template!r}"


def test_phrase_tables_are_chinese_with_the_same_placeholders():
    for english, chinese in table().items():
        assert _fields(english) == _fields(chinese), english
        assert english_runs(chinese) == [], chinese


# --- what the Chinese editions print ------------------------------------------------------------

ZH_EDITIONS = sorted([*(ROOT / "notebooks" / "zh").glob("*.ipynb"),
                      *(ROOT / "trainer" / "zh").glob("*.ipynb")])


@pytest.mark.parametrize("path", ZH_EDITIONS, ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_chinese_editions_print_chinese(path):
    for cell in _read(path).cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                assert english_runs(output.text) == [], f"{path.name} cell {cell.id}: {output.text!r}"


ZH_EXERCISES = sorted((ROOT / "exercises" / "zh").glob("*.ipynb"))


def _check_outputs(path) -> list[str]:
    return [o["data"]["text/plain"] for c in _read(path).cells if "kamlab.check(" in c.source
            for o in c.get("outputs", []) if "data" in o]


@pytest.mark.parametrize("path", ZH_EXERCISES, ids=lambda p: p.stem)
def test_chinese_exercises_give_chinese_feedback(path):
    """The stored check output: not answered yet in the trainee notebook, ✓ in the solution."""
    assert [text.split("：", 1)[1][:4] for text in _check_outputs(path)] == ["尚未作答"]
    solution = _check_outputs(ROOT / "exercises" / "solutions" / "zh" / path.name)
    assert len(solution) == 1 and solution[0].startswith("✓") and "：" in solution[0]
    assert english_runs(solution[0].split("：", 1)[1]) == []
