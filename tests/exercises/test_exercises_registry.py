"""kamlab.check is always the function, whatever was imported before (a fresh interpreter each
time, so module caching in the test process cannot hide a shadowing submodule)."""

from __future__ import annotations

import subprocess
import sys

import pytest

_CHECK = """
import kamlab
r = kamlab.check("m1-top20", 0.5)
assert callable(kamlab.check) and callable(kamlab.exercise_ids), (kamlab.check, kamlab.exercise_ids)
assert r.status == "incorrect", r
assert kamlab.check("m1-top20", ...).status == "unanswered"
print("ok")
"""

FIRST = {
    "exercise_ids": "import kamlab; kamlab.exercise_ids()",
    "engine-then-bank": ("import kamlab; kamlab.exercise_ids(); from kamlab.checks import Exercise; "
                         "import kamlab.exercises"),
    "from-exercises": "from kamlab.exercises import check, exercise_ids, expected_answer, get_exercise",
    "import-checks": "import kamlab.checks",
    "from-kamlab": "from kamlab import check, checks, exercises",
    "bank-module": "import kamlab.exercises.m4",
    "cli": "from kamlab.cli import main",
}


@pytest.mark.parametrize("first", list(FIRST))
def test_kamlab_check_stays_the_function(first):
    out = subprocess.run([sys.executable, "-c", FIRST[first] + "\n" + _CHECK],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_no_check_submodule_and_the_engine_imports_no_bank():
    code = ("import sys, importlib.util, kamlab.checks; "
            "assert importlib.util.find_spec('kamlab.check') is None; "
            "print(sorted(m for m in sys.modules if m.startswith('kamlab.exercises')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_banks_import_the_engine_never_each_other_nor_the_package():
    """No import loop: a bank (in-function imports included) imports kamlab.checks and
    concept modules, never kamlab.exercises or another bank."""
    import ast
    from pathlib import Path

    import kamlab.exercises

    folder = Path(kamlab.exercises.__file__).parent
    for bank in ("m1", "m2", "m3", "m4", "m5"):
        tree = ast.parse((folder / f"{bank}.py").read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for a in node.names}
        assert "kamlab.checks" in imported, bank
        assert not {m for m in imported if m.startswith("kamlab.exercises")
                    or m == "kamlab.check"}, (bank, imported)
