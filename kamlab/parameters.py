"""Notebook parameters as values, never as source code.

papermill writes each parameter into the notebook as a line of Python (``lang = "zh"``). It
escapes text, but anything else it writes with ``str(value)``: a tuple or a set whose text
closes a string and adds a statement would run as code. So every value passed to a course
notebook is checked here first:

- only text, whole numbers, numbers, true/false, nothing (``None``), and lists / dicts (with
  text keys) of those are accepted — exactly the types papermill translates safely;
- a value is coerced to the type of the notebook's default (``top = 10`` takes ``"10"`` as
  10, and refuses ``"ten"`` with the type it expects); text from the command line is read
  with that type in mind, so ``010`` stays ``"010"`` for a text parameter and is 10 (never
  octal 8) for a whole-number one, and a date like ``2026-07-15`` arrives as that ISO text.

>>> coerce_parameters({"top": "010", "lang": "zh"}, {"top": 10, "lang": "en"}, text=True)
{'top': 10, 'lang': 'zh'}
>>> coerce_parameters({"top": "ten"}, {"top": 10}, text=True)
Traceback (most recent call last):
...
kamlab.exceptions.ParameterError: parameter 'top' takes a whole number (its default is 10); got 'ten'.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import math
import re

from kamlab.exceptions import ParameterError

__all__ = ["inert", "coerce_parameters", "parse_yaml", "defaults_from_source", "NO_DEFAULT"]

_SCALARS = (str, int, float, bool, type(None))
_TRUE = {"true", "yes", "y", "1", "是", "on"}
_FALSE = {"false", "no", "n", "0", "否", "off"}
_ALLOWED = "text, a number, true/false, null, or a list / dict (text keys) of those"


class _NoDefault:
    def __repr__(self):
        return "NO_DEFAULT"


#: A parameter whose default could not be read as a plain value (any safe value is accepted).
NO_DEFAULT = _NoDefault()


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def inert(name: str, value, *, _where: str = ""):
    """``value`` if it is plain data papermill writes safely; dates become ISO text.

    Raises ParameterError naming the parameter (and the place inside a list or dict) for any
    other type — a tuple, a set, bytes, an object — and for a dict key that is not text.
    """
    kind = type(value)
    if kind in _SCALARS:  # exact types: a subclass could change how it prints
        return value
    if kind in (dt.date, dt.datetime):
        return value.isoformat()
    if kind is list:
        return [inert(name, v, _where=f"{_where}[{i}]") for i, v in enumerate(value)]
    if kind is dict:
        out = {}
        for key, v in value.items():
            if type(key) is not str:
                raise ParameterError(
                    f"parameter {name!r}{_where}: dict keys must be text; got the key {_show(key)} "
                    f"({type(key).__name__}).", name=name)
            out[key] = inert(name, v, _where=f"{_where}[{key!r}]")
        return out
    raise ParameterError(
        f"parameter {name!r}{_where}: a {kind.__name__} is not a parameter value ({_show(value)}); "
        f"give {_ALLOWED}.", name=name)


@functools.cache
def _loader():
    """YAML's safe loader, reading whole numbers in decimal only.

    YAML 1.1 reads ``010`` as octal 8 and ``0x10`` as 16; here a whole number is plain
    decimal digits, and anything else with leading zeros stays text (an id like ``010``).
    """
    import yaml  # papermill's own dependency

    class Loader(yaml.SafeLoader):
        pass

    int_tag = "tag:yaml.org,2002:int"
    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != int_tag]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    Loader.add_implicit_resolver(int_tag, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"),
                                 list("-+0123456789"))
    return Loader


def parse_yaml(name: str, text: str):
    """A command-line value or file read as YAML (safe loader only), then :func:`inert`.

    Whole numbers are decimal: ``010`` stays the text "010" (YAML 1.1 would read octal 8).
    """
    import yaml

    try:
        value = yaml.load(text, Loader=_loader())  # a SafeLoader subclass: no Python tags
    except yaml.YAMLError as err:
        first = str(err).strip().splitlines()[0]
        raise ParameterError(f"parameter {name!r}: cannot read {_show(text)} as a value ({first}). "
                             f"Give {_ALLOWED}.", name=name) from None
    return inert(name, value)


def _number(name, value, default, *, whole: bool):
    expected = "a whole number" if whole else "a number"
    if type(value) is str:
        text = value.strip().replace("_", "")
        try:
            number = int(text, 10) if whole else float(text)
        except ValueError:
            number = None
            if whole:  # "10.0" is a whole number too
                try:
                    f = float(text)
                    number = int(f) if f.is_integer() else None
                except ValueError:
                    pass
        if number is None:
            raise ParameterError(f"parameter {name!r} takes {expected} (its default is {default!r}); "
                                 f"got {_show(value)}.", name=name)
        return number
    if type(value) is bool or type(value) not in (int, float):
        raise ParameterError(f"parameter {name!r} takes {expected} (its default is {default!r}); "
                             f"got {_show(value)} ({type(value).__name__}).", name=name)
    if whole:
        if type(value) is float and not (math.isfinite(value) and value.is_integer()):
            raise ParameterError(f"parameter {name!r} takes a whole number (its default is "
                                 f"{default!r}); got {_show(value)}.", name=name)
        return int(value)
    return float(value)


def _plain(name: str, value, text: bool):
    """Any plain value: command-line text read as YAML, a Python value checked as it is."""
    return parse_yaml(name, value) if text and type(value) is str else inert(name, value)


def _coerce(name: str, value, default, *, text: bool):
    kind = type(default)
    # None, an unreadable default, or one of no plain type: whatever plain value comes
    if value is None or kind not in (bool, int, float, str, list, dict):
        return _plain(name, value, text)
    if kind is bool:
        if type(value) is bool:
            return value
        if type(value) is str and value.strip().casefold() in _TRUE | _FALSE:
            return value.strip().casefold() in _TRUE
        raise ParameterError(f"parameter {name!r} takes true or false (its default is {default!r}); "
                             f"got {_show(value)}.", name=name)
    if kind is int:
        return _number(name, value, default, whole=True)
    if kind is float:
        return _number(name, value, default, whole=False)
    if kind is str:
        if type(value) is str:
            return value
        if type(value) in (dt.date, dt.datetime):  # (command-line text returned above)
            return inert(name, value)  # a date -> ISO text
        raise ParameterError(f"parameter {name!r} takes text (its default is {default!r}); got "
                             f"{_show(value)} ({type(value).__name__}). Put it in quotes.", name=name)
    value = _plain(name, value, text)  # a list or dict, like the default
    if type(value) is not kind and value is not None:
        raise ParameterError(f"parameter {name!r} takes a {kind.__name__} like its default "
                             f"{_show(default)}; got {_show(value)}.", name=name)
    return value


def coerce_parameters(values: dict, defaults: dict, *, text: bool = False) -> dict:
    """Each value checked (:func:`inert`) and coerced to the type of its notebook default.

    ``text=True`` says the values are the command line's text (``-p top 10``): each is read
    with the default's type in mind. A name missing from ``defaults`` is taken as it is
    (:func:`kamlab.reports.run_notebook` refuses unknown names before this).
    """
    out = {}
    for name, value in values.items():
        if type(name) is not str or not name.isidentifier():
            raise ParameterError(f"parameter names are Python names like top_n; got {_show(name)}.",
                                 name=name)
        out[name] = _coerce(name, value, defaults.get(name, NO_DEFAULT), text=text)
    return out


def defaults_from_source(params: dict) -> dict:
    """Defaults as values from papermill's ``inspect_notebook`` (which gives their source)."""
    out = {}
    for name, info in params.items():
        try:
            out[name] = ast.literal_eval(str(info.get("default")))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            out[name] = NO_DEFAULT
    return out
