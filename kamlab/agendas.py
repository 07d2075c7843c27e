"""Workshop agendas, day by day with minutes, generated from the course sources.

Two agendas: seed 000's four-day KAM workshop and seed 002's three-day course for telecom key
account managers. Each block is a section of a course notebook (its title and minutes come
from the source: the ``## N.`` heading and the section's trainer cell, see
``source/README.md``), an exercise (its title from the exercise source), or a session with
no notebook (opening, breaks, role play). So an agenda cannot disagree with the trainer
editions: change a section's minutes in its source and ``make editions`` rewrites the agendas.

``python -m kamlab.agendas`` writes ``docs/agenda.md`` and ``docs/agenda.zh.md``;
``--check`` only compares (``tests/test_agendas.py``).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = {"en": "docs/agenda.md", "zh": "docs/agenda.zh.md"}
DAY_START = 9 * 60  # 09:00
EXERCISE_MINUTES = 15


@dataclass(frozen=True)
class Section:
    notebook: str  # "01"
    number: int


@dataclass(frozen=True)
class Exercise:
    id: str
    minutes: int = EXERCISE_MINUTES


@dataclass(frozen=True)
class Session:
    en: str
    zh: str
    minutes: int


def _sections(*refs: str) -> list[Section]:
    """``"01:1-3"``, ``"02:5"`` → sections."""
    out = []
    for ref in refs:
        notebook, _, numbers = ref.partition(":")
        first, _, last = numbers.partition("-")
        out += [Section(notebook, n) for n in range(int(first), int(last or first) + 1)]
    return out


def _exercises(*ids: str) -> list[Exercise]:
    return [Exercise(i) for i in ids]


OPENING = Session("Opening: goals, ground rules, what each team wants from the course",
                  "开场：目标、课堂守则、各小组对课程的期望", 30)
COFFEE = Session("Break", "茶歇", 15)
LUNCH = Session("Lunch", "午餐", 60)
REVIEW = Session("Review of the day and questions", "当天回顾与答疑", 15)

AGENDAS = {
    "workshop": (
        ("Four-day key account management workshop (seed 000)",
         "四天关键客户管理研讨会（资料000）"),
        [
            (("Day 1 — why key accounts; segmentation", "第一天——为什么要进行关键客户管理；客户细分"),
             [OPENING, *_sections("01:1-4"), COFFEE, *_sections("01:5-8"),
              *_exercises("m1-top20", "m1-top11-profit", "m1-telecom-ratio"), LUNCH,
              *_sections("02:1-4"), COFFEE, *_exercises("m2-abc-profit-count", "m2-abc-moved"),
              REVIEW]),
            (("Day 2 — segmentation grids; opportunity prioritisation",
              "第二天——细分矩阵；商机优先排序"),
             [*_sections("02:5-9"), *_exercises("m2-grid-a1", "m2-reweight-left", "m2-time-tail"),
              LUNCH, *_sections("03:1-3"), COFFEE, *_sections("03:4-5"),
              *_exercises("m3-best-lever", "m3-screen-dropped", "m3-leakiest-stage"), REVIEW]),
            (("Day 3 — proposal economics; the bank case", "第三天——建议书的经济性；银行案例"),
             [*_sections("04:1-3"), COFFEE, *_sections("04:4-6"),
              *_exercises("m4-walk-away", "m4-evc", "m4-clearing-after-plant"), LUNCH,
              *_sections("05:1-7"), *_exercises("m5-whale-peak", "m5-no-cuts"), REVIEW]),
            (("Day 4 — the manufacturer case and mini-cases; account planning",
              "第四天——制造商案例与小案例；客户计划"),
             [*_sections("06:1-5"), COFFEE, *_sections("06:6-8"),
              *_exercises("m6-renewal-2027", "m6-coverage-gap"), LUNCH, *_sections("07:1-7"),
              Session("Each team presents one key-account plan; close", "各小组展示一份关键客户计划；结业", 45)]),
        ],
    ),
    "telecom": (
        ("Three-day course for telecom key account managers (seed 002)",
         "电信大客户经理三天课程（资料002）"),
        [
            (("Day 1 — key account management and the account development plan",
              "第一天——全面理解大客户管理；制定战略性的客户发展计划"),
             [OPENING, *_sections("01:1-2", "01:6-8"), *_exercises("m1-telecom-ratio"), COFFEE,
              *_sections("02:4-5", "02:8-9"), LUNCH, *_sections("03:5"),
              *_exercises("m2-grid-a1", "m2-time-tail"), *_sections("07:1", "07:4"), REVIEW]),
            (("Day 2 — lasting relationships; the relationship-led sales process",
              "第二天——建立持久并具竞争力的客户关系；以关系和客户为导向的销售流程"),
             [*_sections("02:7", "06:4-5"), *_exercises("m6-coverage-gap"), COFFEE,
              *_sections("07:3"), LUNCH, *_sections("03:3"),
              *_exercises("m3-leakiest-stage", "m3-coverage"), *_sections("04:2"), REVIEW]),
            (("Day 3 — face-to-face sales calls", "第三天——面对面销售访谈技巧"),
             [Session("Preparing a sales call from the key-account card: what to ask, whom to see",
                      "用核心客户管理卡准备销售拜访：问什么、见谁", 30),
              *_sections("07:2", "07:5"), *_exercises("m7-wallet-share", "m7-fading"), COFFEE,
              Session("Role play: a call at levels L1, L2, L3 (seed 002), observed by the team",
                      "角色扮演：L1、L2、L3三个层次的销售拜访（资料002），小组观察", 90), LUNCH,
              *_exercises("m7-growth", "m7-checklist"),
              Session("Each trainee's own account plan; what we do on Monday; close",
                      "每位学员的客户计划；回去后的第一步；结业", 60)]),
        ],
    ),
}


# --- reading the sources ------------------------------------------------------------------

def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(cell) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def _tags(cell) -> set:
    return set(cell.get("metadata", {}).get("tags", []))


MINUTES = {"en": re.compile(r"^\*\*Trainer · (\d+) min\.\*\*"),
           "zh": re.compile(r"^\*\*讲师 · (\d+)分钟\*\*。")}


def notebook_sections(path: Path) -> dict[int, dict]:
    """``{number: {"en": title, "zh": title, "minutes": n}}`` of a course source."""
    sections: dict[int, dict] = {}
    current = {"en": None, "zh": None}
    for cell in _cells(path):
        tags, text = _tags(cell), _text(cell)
        for lang in ("en", "zh"):
            if lang not in tags:
                continue
            if "trainer" in tags:
                match = MINUTES[lang].match(text)
                if match and current[lang] is not None:
                    sections[current[lang]].setdefault("minutes_" + lang, int(match.group(1)))
                continue
            for line in text.splitlines():
                heading = re.match(r"^## (\d+)\.\s*(.+)$", line)
                if heading:
                    current[lang] = int(heading.group(1))
                    sections.setdefault(current[lang], {})[lang] = heading.group(2).strip()
    return sections


def exercise_titles(root: Path = ROOT) -> dict[str, dict]:
    """``{exercise id: {"en": question, "zh": question, "file": name}}`` from the sources."""
    titles: dict[str, dict] = {}
    for path in sorted((root / "source" / "exercises").glob("*.ipynb")):
        for cell in _cells(path):
            tags, text = _tags(cell), _text(cell)
            title = re.match(r"^# (?:Solution|参考答案) `([^`]+)` — (.+)$", text.split("\n", 1)[0])
            if title and tags & {"en", "zh"}:
                entry = titles.setdefault(title.group(1), {"file": path.stem})
                entry["en" if "en" in tags else "zh"] = title.group(2).strip()
    return titles


# --- writing ----------------------------------------------------------------------------------

HEAD = {"en": ("Start", "Min", "Block", "Where"), "zh": ("开始", "分钟", "内容", "材料")}
TEXT = {
    "en": {"title": "Workshop agendas", "total": "Total", "exercise": "Exercise",
           "session": "—", "intro": (
               "Generated from the course sources by `python -m kamlab.agendas` (run by "
               "`make editions`): each notebook block takes its title and minutes from the "
               "section's trainer cell, so the agenda and the trainer editions agree. Start "
               "times assume a 09:00 start. The trainer edition of each notebook "
               "(`trainer/`, `trainer/zh/`) has the prompts for every block; the Chinese "
               "agenda is [agenda.zh.md](agenda.zh.md).")},
    "zh": {"title": "研讨会日程", "total": "合计", "exercise": "练习", "session": "—", "intro": (
        "本日程由 `python -m kamlab.agendas` 从课程源文件生成（`make editions` 会运行它）："
        "每个笔记本小节的标题和时长取自该小节的讲师单元格，因此日程与讲师版一致。开始时间按"
        "上午9:00开课计算。每个小节的提问和讲师提示见各笔记本的讲师版（`trainer/zh/`）；"
        "英文日程见 [agenda.md](agenda.md)。")},
}


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def course_index(root: Path = ROOT) -> tuple[dict, dict, dict]:
    """``(notebooks, sections, exercises)`` read from the sources once, for :func:`block_rows`."""
    notebooks = {p.stem[:2]: p for p in sorted((root / "source" / "notebooks").glob("*.ipynb"))}
    sections = {n: notebook_sections(p) for n, p in notebooks.items()}
    return notebooks, sections, exercise_titles(root)


def block_rows(blocks, lang: str, root: Path = ROOT, index=None):
    """``(minutes, what, where)`` of each block, read from the sources (KeyError if missing);
    ``index`` is :func:`course_index`, when the caller already read it."""
    notebooks, sections, exercises = index or course_index(root)
    for block in blocks:
        if isinstance(block, Section):
            found = sections[block.notebook].get(block.number)
            if not found or f"minutes_{lang}" not in found or lang not in found:
                raise KeyError(f"notebook {block.notebook} has no section {block.number} with a "
                               f"{lang} title and trainer minutes")
            folder = "notebooks" if lang == "en" else "notebooks/zh"
            yield (found[f"minutes_{lang}"], f"{block.number}. {found[lang]}",
                   f"`{folder}/{notebooks[block.notebook].name}` §{block.number}")
        elif isinstance(block, Exercise):
            found = exercises[block.id]
            folder = "exercises" if lang == "en" else "exercises/zh"
            yield (block.minutes, f"{TEXT[lang]['exercise']} `{block.id}`: {found[lang]}",
                   f"`{folder}/{found['file']}.ipynb`")
        else:
            yield block.minutes, getattr(block, lang), TEXT[lang]["session"]


def render(lang: str, root: Path = ROOT) -> str:
    lines = [f"# {TEXT[lang]['title']}", "", TEXT[lang]["intro"], ""]
    index = course_index(root)
    for (titles, days) in AGENDAS.values():
        lines += [f"## {titles[0] if lang == 'en' else titles[1]}", ""]
        for day_titles, blocks in days:
            rows = list(block_rows(blocks, lang, root, index))
            total = sum(r[0] for r in rows)
            lines += [f"### {day_titles[0] if lang == 'en' else day_titles[1]}", "",
                      "| " + " | ".join(HEAD[lang]) + " |", "|---|---:|---|---|"]
            clock = DAY_START
            for minutes, what, where in rows:
                lines.append(f"| {_clock(clock)} | {minutes} | {what} | {where} |")
                clock += minutes
            lines += [f"| {_clock(clock)} | **{total}** | **{TEXT[lang]['total']}** | |", ""]
    return "\n".join(lines)


def write_agendas(check: bool = False, root: Path = ROOT) -> list[Path]:
    """Write (or with ``check``, only compare) both agendas; returns those that differ."""
    changed = []
    for lang, name in DOCS.items():
        path, text = root / name, render(lang, root)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        changed.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    changed = write_agendas(check="--check" in argv)
    for path in changed:
        print(path.relative_to(ROOT))
    return 1 if changed and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main())
