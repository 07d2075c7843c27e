"""The check engine (kamlab.checks): results, coercions and the registry, without a bank."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlab.checks import CheckResult, _close, _rel_close, as_ids, as_name, as_number, register


def test_html_escapes_text():
    result = CheckResult("x<y", "incorrect", "a < b", "use <b>")
    assert "x&lt;y" in result._repr_html_() and "use &lt;b&gt;" in result._repr_html_()


def test_result_is_truthy_only_when_correct():
    assert CheckResult("x", "correct", "ok") and CheckResult("x", "correct", "ok").passed
    assert not CheckResult("x", "incorrect", "no")
    assert str(CheckResult("x", "incorrect", "no", "try")) == "✗ x: no\n  Hint: try"


@pytest.mark.parametrize("answer", [0.8, np.float64(0.8), [0.8], pd.Series([0.8]),
                                    np.array([[0.8]])])
def test_as_number_accepts_one_number_in_any_container(answer):
    assert as_number(answer) == 0.8


@pytest.mark.parametrize(("answer", "error"), [
    (True, TypeError), ("0.8", TypeError), ([1, 2], ValueError), (float("inf"), ValueError),
    ({"a": 1}, TypeError)])
def test_as_number_refuses_with_a_message(answer, error):
    with pytest.raises(error):
        as_number(answer)


def test_as_ids_from_tables_series_and_text():
    df = pd.DataFrame({"account_id": ["A1", "A2"], "revenue": [1, 2]})
    assert as_ids(df) == ("A1", "A2") == as_ids(df["account_id"]) == as_ids(["A1", "A2"])
    assert as_ids("A1") == ("A1",)
    with pytest.raises(ValueError, match="True/False"):
        as_ids(df["revenue"] > 1)


def test_as_name_normalises_case_spaces_and_underscores():
    assert as_name(" Cost_to-Serve ") == "cost to serve" == as_name(pd.Series(["cost to serve"]))
    with pytest.raises(ValueError, match="empty"):
        as_name("  ")


def test_tolerances():
    assert _close(0.7912, 0.791) and not _close(0.79, 0.80)
    assert _rel_close(1_076, 1_075.96) and not _rel_close(1_076, 1_070)


def test_register_refuses_a_second_exercise_with_the_same_id():
    from kamlab.exercises import exercise_ids, get_exercise

    before = exercise_ids()
    with pytest.raises(ValueError, match="registered twice"):
        register(get_exercise("m1-top20"))
    assert exercise_ids() == before


# ---------------------------------------------------------------------------------------
# What the engine says in any exercise: the stated precision, a number of the wrong kind, ids
# ---------------------------------------------------------------------------------------

@pytest.fixture
def scratch():
    """Register a throw-away exercise ``t-<name>`` whose expected value is ``e`` and whose
    answer must equal it exactly; the registry is restored after the test."""
    from kamlab.checks import _REGISTRY, Exercise
    from kamlab.exercises import expected_answer

    before = dict(_REGISTRY)

    def make(name, e, **kw):
        register(Exercise(id=f"t-{name}", title="t", expected=lambda: e, normalise=kw.pop(
            "normalise", as_number), correct=lambda a, x: a == x, generic_hint="generic", **kw))
        return f"t-{name}"

    yield make
    _REGISTRY.clear()
    _REGISTRY.update(before)
    expected_answer.cache_clear()


def test_the_stated_precision_accepts_rounded_answers_and_says_dont_round_beyond(scratch):
    from kamlab.checks import SHARE, rounding_hint
    from kamlab.exercises import check

    share, plain = scratch("share", 0.7489, asks=SHARE), scratch("plain", 0.7489)
    assert check(share, 0.75).passed and check(share, 0.749).passed  # two decimals or more
    assert not check(plain, 0.75).passed  # no stated precision: the exact rule only
    assert check(share, 0.7).hint == rounding_hint(2, "en") != check(plain, 0.7).hint
    assert check(share, 0.74).hint == "generic"  # cut off, not rounded: just wrong
    assert check(share, 1.0).hint == "generic"  # no digit of 0.7489 is left


@pytest.mark.parametrize(("a", "e", "decimals", "ok", "too_far"), [
    (0.75, 0.7489, 2, True, False), (0.749, 0.7489, 2, True, False),
    (0.7, 0.7489, 2, False, True), (0.74, 0.745, 2, True, False), (0.75, 0.745, 2, True, False),
    (0.76, 0.7489, 2, False, False), (46_000, 45_689, 0, False, True),
    (45_689, 45_689.4, 0, True, False), (50_000, 45_689, 0, False, True),
    (-0.15, -0.1491, 2, True, False), (-0.1, -0.1491, 2, False, True),
    (0.75, 0.7489, None, False, False)])
def test_rounding_closed_forms(a, e, decimals, ok, too_far):
    from kamlab.checks import rounded_ok, rounded_too_far

    assert rounded_ok(a, e, decimals) is ok and rounded_too_far(a, e, decimals) is too_far


def test_a_number_of_the_wrong_kind(scratch):
    from kamlab.checks import CHANGE, COUNT, SHARE, Asks, kind_hint
    from kamlab.exercises import check

    price = Asks("amount", 0, "a price in CNY per tonne", "以元/吨计的价格")
    assert check(scratch("s", 0.8, asks=SHARE), 8_000_000).hint == (
        "You gave an amount (8,000,000); the question asks for a share of the total, as a "
        "fraction (0.25 = 25%): divide by the total.")
    assert kind_hint(80, 0.8, SHARE, "en") == (
        "80 looks like a percentage: give the share as a fraction (25% = 0.25).")
    assert kind_hint(165, 1.65, SHARE, "en").startswith("165 looks like a percentage")
    assert kind_hint(2.5, 1.65, SHARE, "en") is None  # a share above 1 can be meant here
    assert kind_hint(-15, -0.15, CHANGE, "en").startswith("-15 looks like a percentage")
    assert check(scratch("p", 45_689.0, asks=price), 4.6).hint == (
        "4.6 looks like a share or a percentage; the question asks for a price in CNY per tonne.")
    assert kind_hint(4.6, 45_689, price, "zh") == "4.6 看起来是一个比例或百分数；题目问的是以元/吨计的价格。"
    assert kind_hint(0.14, 422, COUNT, "en").startswith("0.14 is a fraction")
    assert kind_hint(421.5, 422, COUNT, "en") == (
        "The question asks how many: a whole number, not 421.5.")
    assert kind_hint(421, 422, COUNT, "en") is None and kind_hint(1e6, 7.0, Asks(), "en") is None


def test_ids_missing_extra_names_or_numbers():
    from kamlab.checks import id_feedback

    e = frozenset({"C0001", "C0002", "C0003"})
    assert id_feedback(frozenset({"C0001"}), e, "en") == (
        "not quite: 2 account ids are missing.", None)
    assert id_feedback(e | {"C0004"}, e, "zh") == ("答案还不对：多了1个不该有的编号。", None)
    assert id_feedback(frozenset({"12", "40"}), e, "en")[1].startswith("Those are numbers")
    assert id_feedback(frozenset({"Acme Ltd"}), e, "en")[1].startswith("Those look like names")
    # one id among names: the names count as extra ids
    assert id_feedback(frozenset({"C0001", "Acme Ltd"}), e, "en")[0] == (
        "not quite: 2 account ids are missing, and 1 of yours does not belong.")


# ---------------------------------------------------------------------------------------
# In IPython: a check cell run before its answer cell
# ---------------------------------------------------------------------------------------

IPYTHON_SCRIPT = r"""
import contextlib, io, json, sys
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

config = Config()
config.HistoryManager.enabled = False
shell = InteractiveShell.instance(config=config)
if sys.argv[2] == "other-handler":
    shell.set_custom_exc((NameError,), lambda *args, **kw: print("other handler"))
results = []
for cell in json.loads(sys.argv[1]):
    with contextlib.redirect_stdout(io.StringIO()) as out:
        r = shell.run_cell(cell)
    error = r.error_in_exec
    results.append([out.getvalue(), type(error).__name__ if error else None])
print(json.dumps(results))
"""


def _ipython(cells, tmp_path, mode="plain"):
    """[(output, error type name or None)] of each cell run in a fresh IPython shell."""
    import json
    import subprocess
    import sys

    env = {**__import__("os").environ, "IPYTHONDIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", IPYTHON_SCRIPT, json.dumps(cells), mode],
                         capture_output=True, text=True, env=env, check=True, timeout=300)
    return [tuple(x) for x in json.loads(out.stdout.splitlines()[-1])]


def test_a_check_cell_before_its_answer_cell_says_run_the_answer_cell_first(tmp_path):
    not_defined = "print(nothing_here)"
    cells = [not_defined, "import kamlab", 'kamlab.check("m1-top20", answer)',
             'kamlab.set_language("zh")', 'kamlab.check("m1-top20",\n              answer)',
             'kamlab.set_language("en")', 'from kamlab import check\ncheck("m2-abc-moved", answer=ids)',
             not_defined, 'x = undefined\nkamlab.check("m1-top20", answer)',
             'kamlab.check("m1-top20", answer + 1)',  # not the bare name
             'def f():\n    return zz\nkamlab.check("m1-top20", f())', "1 / 0",
             'answer = 0.8\nkamlab.check("m1-top20", answer)']
    out = dict(zip(["before", "import", "en", "_", "zh", "_", "bare", "after", "other-line",
                    "other-name", "in-function", "zero", "answered"], _ipython(cells, tmp_path)))
    assert out["en"] == ("… m1-top20: `answer` is not defined yet — run the answer cell above "
                         "first, then this one (share of revenue held by the top 20% of "
                         "accounts, as a fraction).\n", "NameError")
    assert out["zh"][0].startswith("… m1-top20：`answer` 还没有定义——请先运行上面的答案单元格")
    assert out["bare"][0].startswith("… m2-abc-moved: `ids` is not defined yet")
    assert "Traceback" not in out["en"][0] + out["zh"][0] + out["bare"][0]
    # every other error is shown exactly as IPython shows it without kamlab
    assert out["after"] == out["before"] and "NameError" in out["before"][0]
    for key, name in [("other-line", "undefined"), ("other-name", "answer"),
                      ("in-function", "zz")]:
        assert "Traceback" in out[key][0] and f"name '{name}' is not defined" in out[key][0]
    assert "ZeroDivisionError" in out["zero"][0] and out["zero"][1] == "ZeroDivisionError"
    assert out["answered"] == ("Out[0]: ✓ m1-top20: the top 20% of accounts hold about "
                               "four-fifths of revenue — the 80/20 rule holds here.\n", None)


def test_another_custom_handler_is_left_alone(tmp_path):
    out = _ipython(["import kamlab", 'kamlab.check("m1-top20", answer)'], tmp_path,
                   "other-handler")
    assert out[1] == ("other handler\n", "NameError")


def test_import_kamlab_outside_ipython_does_not_import_ipython():
    import subprocess
    import sys

    code = "import sys, kamlab; print('IPython' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    code = "import IPython, kamlab; print(IPython.get_ipython())"  # IPython, but no shell
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "None"
