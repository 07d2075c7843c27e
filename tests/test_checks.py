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
