"""Tests for kamlab.parameters: notebook parameters are values, never source code."""

from __future__ import annotations

import datetime as dt

import pytest

from kamlab.exceptions import ParameterError
from kamlab.parameters import NO_DEFAULT, coerce_parameters, defaults_from_source, inert, parse_yaml

HOSTILE_TEXT = [
    '"); import os; os.system("touch PWNED") #',
    "'''; import os #",
    'zh"\nimport os\nos.system("touch PWNED")\n"',
    "\\\"; import os #",
    "${{ __import__('os').system('touch PWNED') }}",
]


@pytest.mark.parametrize("value", [
    "text", "", "中文", 0, -3, 2.5, float("nan"), True, False, None,
    [1, "a", [None]], {"客户编号": "account_id", "n": [1, 2]},
])
def test_plain_values_pass_unchanged(value):
    out = inert("p", value)
    assert out == value or (value != value and out != out)  # nan


@pytest.mark.parametrize("value,kind", [
    (("a", 1), "tuple"), ({"a"}, "set"), (b"x", "bytes"), (frozenset(), "frozenset"),
    (object(), "object"), (1j, "complex"), ([1, ("x",)], "tuple"), ({"k": {"a"}}, "set"),
])
def test_other_types_are_refused_naming_the_parameter(value, kind):
    with pytest.raises(ParameterError, match=rf"parameter 'lang'.*a {kind} is not a parameter"):
        inert("lang", value)


def test_subclasses_of_plain_types_are_refused():
    """A str/int subclass could print itself as code; only the exact types pass."""
    class Sneaky(str):
        def __str__(self):
            return '"); import os #'

    with pytest.raises(ParameterError, match="Sneaky"):
        inert("lang", Sneaky("zh"))
    with pytest.raises(ParameterError):
        inert("flag", type("MyInt", (int,), {})(1))


def test_dict_keys_must_be_text():
    with pytest.raises(ParameterError, match="dict keys must be text"):
        inert("columns", {("a", '"); import os #'): 1})
    with pytest.raises(ParameterError, match="dict keys must be text"):
        inert("columns", {1: "a"})


def test_dates_become_iso_text():
    assert inert("as_of", dt.date(2026, 7, 15)) == "2026-07-15"
    assert inert("when", [dt.datetime(2026, 7, 15, 9, 30)]) == ["2026-07-15T09:30:00"]


@pytest.mark.parametrize("text,message", [
    ("!!python/object/apply:os.system ['touch PWNED']", "cannot read"),
    ("!!python/name:os.system", "cannot read"),
    ('!!omap [{"a\\"); import os #": 1}]', "a tuple is not a parameter value"),
    ("!!set {a: null}", "a set is not a parameter value"),
    ("!!binary aGVsbG8=", "a bytes is not a parameter value"),
    ("[unclosed", "cannot read"),
])
def test_tagged_or_unsafe_yaml_is_refused(text, message):
    with pytest.raises(ParameterError, match=message):
        parse_yaml("x", text)


def test_yaml_reading_of_command_line_text():
    assert parse_yaml("x", "0.8") == 0.8
    assert parse_yaml("x", "{客户编号: account_id}") == {"客户编号": "account_id"}
    assert parse_yaml("x", "2026-07-15") == "2026-07-15"
    assert parse_yaml("x", "010") == "010"  # not octal 8
    assert parse_yaml("x", "null") is None


@pytest.mark.parametrize("text,default,expected", [
    ("010", 10, 10),                 # decimal, never octal
    ("10.0", 10, 10),
    ("1_000", 10, 1000),
    ("0.5", 0.1, 0.5),
    ("3", 0.1, 3.0),
    ("010", "en", "010"),            # text stays text
    ("2026-07-15", "2026-01-01", "2026-07-15"),
    ("2026-07-15", None, "2026-07-15"),
    ("yes", False, True), ("否", True, False), ("FALSE", True, False),
    ("[a, b]", ["x"], ["a", "b"]),
    ("{客户编号: account_id}", {}, {"客户编号": "account_id"}),
    ("zh", "en", "zh"),
])
def test_command_line_text_takes_the_type_of_the_default(text, default, expected):
    out = coerce_parameters({"p": text}, {"p": default}, text=True)["p"]
    assert out == expected and type(out) is type(expected)


@pytest.mark.parametrize("value,default,match", [
    ("ten", 10, "takes a whole number"),
    ("2.5", 10, "takes a whole number"),
    ("abc", 0.1, "takes a number"),
    ("maybe", True, "takes true or false"),
    ("[1, 2]", {}, "takes a dict"),
])
def test_command_line_text_of_the_wrong_type_is_refused(value, default, match):
    with pytest.raises(ParameterError, match=rf"parameter 'p' {match}"):
        coerce_parameters({"p": value}, {"p": default}, text=True)


def test_python_values_are_checked_and_coerced():
    out = coerce_parameters({"top": 10.0, "rate": 1, "lang": "zh", "as_of": dt.date(2026, 7, 1)},
                            {"top": 5, "rate": 0.1, "lang": "en", "as_of": "2026-01-01"})
    assert out == {"top": 10, "rate": 1.0, "lang": "zh", "as_of": "2026-07-01"}
    assert type(out["top"]) is int and type(out["rate"]) is float
    with pytest.raises(ParameterError, match="takes text"):
        coerce_parameters({"lang": 5}, {"lang": "en"})
    with pytest.raises(ParameterError, match="takes a whole number"):
        coerce_parameters({"top": True}, {"top": 5})
    with pytest.raises(ParameterError, match="a tuple is not"):
        coerce_parameters({"x": ("a",)}, {"x": None})


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_hostile_text_stays_text_for_a_text_parameter(text):
    assert coerce_parameters({"lang": text}, {"lang": "en"}, text=True) == {"lang": text}


def test_bad_parameter_names_are_refused():
    with pytest.raises(ParameterError, match="Python names"):
        coerce_parameters({"a; import os": 1}, {})


def test_defaults_from_papermill_source():
    params = {"lang": {"default": '"en"'}, "top": {"default": "10"},
              "path": {"default": "Path('x')"}, "none": {"default": "None"}}
    assert defaults_from_source(params) == {"lang": "en", "top": 10, "path": NO_DEFAULT,
                                            "none": None}
