"""The workshop agendas (kamlab/agendas.py): generated from the sources, complete, consistent."""

from __future__ import annotations

import pytest

import kamlab
from kamlab import agendas
from kamlab.agendas import AGENDAS, Exercise, Section, block_rows, notebook_sections, render


def test_committed_agendas_are_what_the_sources_make():
    assert agendas.write_agendas(check=True) == [], "run 'make editions' (python -m kamlab.agendas)"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(AGENDAS))
def test_every_block_resolves_and_days_fit_a_working_day(name, lang):
    _, days = AGENDAS[name]
    for _, blocks in days:
        rows = list(block_rows(blocks, lang))
        assert len(rows) == len(blocks)
        assert all(minutes > 0 and what for minutes, what, _ in rows)
        assert 240 <= sum(m for m, _, _ in rows) <= 510, f"{name}: a day of {sum(m for m, _, _ in rows)} min"


def test_the_four_day_workshop_covers_every_section_of_every_module():
    _, days = AGENDAS["workshop"]
    planned = {(b.notebook, b.number) for _, blocks in days for b in blocks if isinstance(b, Section)}
    for path in sorted(agendas.ROOT.joinpath("source", "notebooks").glob("*.ipynb")):
        for number in notebook_sections(path):
            assert (path.stem[:2], number) in planned, f"{path.name} § {number} is in no day"


def test_exercises_in_the_agendas_exist():
    known = set(kamlab.exercise_ids())
    for _, days in AGENDAS.values():
        for _, blocks in days:
            assert {b.id for b in blocks if isinstance(b, Exercise)} <= known


def test_section_minutes_are_the_trainer_cells_minutes(tmp_path):
    text = render("en")
    assert text.count("### Day") == 7 and "| 09:00 |" in text
    zh = render("zh")
    assert zh.count("### 第") == 7 and "分钟" in zh


def test_a_missing_section_is_a_clear_error():
    with pytest.raises(KeyError, match="notebook 01 has no section 99"):
        list(block_rows([Section("01", 99)], "en"))
