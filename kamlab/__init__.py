"""kamlab — a course kit for key account management (关键客户管理).

``import kamlab`` is cheap: pandas, matplotlib and ipywidgets load only when a function
that needs them is first used. Inside IPython (Jupyter) it also makes a check cell run
before its answer cell say "run the answer cell first" instead of raising ``NameError``.

>>> import kamlab
>>> "customers" in kamlab.dataset_names()
True
"""

from __future__ import annotations

import importlib
import sys

from kamlab.exceptions import (
    InvalidDataError,
    KamlabError,
    MissingColumnsError,
    NoSuchFileError,
    OutputExistsError,
    ParameterError,
)

__version__ = "0.1.0"

# public name -> module that defines it (imported on first use). No submodule may share a
# name with a function here: importing kamlab.<name> would set that attribute to the module
# (why the check engine is kamlab.checks and kamlab.check is always the function).
_LAZY = {
    "load_dataset": "kamlab.data",
    "load_accounts": "kamlab.data",
    "dataset_names": "kamlab.data",
    "read_accounts": "kamlab.data",
    "validate_accounts": "kamlab.data",
    "load_opportunities": "kamlab.data",
    "read_opportunities": "kamlab.data",
    "validate_opportunities": "kamlab.data",
    "load_stage_history": "kamlab.data",
    "load_contract_case": "kamlab.data",
    "read_stage_history": "kamlab.data",
    "validate_stage_history": "kamlab.data",
    **{f"{verb}_account_{table}": "kamlab.data" for verb in ("load", "read", "validate")
       for table in ("profiles", "transactions", "credit")},
    "export_excel": "kamlab.export",
    "make_cards": "kamlab.batch",
    "portfolio_review": "kamlab.batch",
    "check": "kamlab.exercises",
    "exercise_ids": "kamlab.exercises",
    "set_language": "kamlab.i18n",
    "get_language": "kamlab.i18n",
    "say": "kamlab.i18n",
    "phrase": "kamlab.i18n",
    "set_style": "kamlab.plotting",
    "has_columns": "kamlab.sections",
    "COLUMNS": "kamlab.columns",
}
_SUBMODULES = {
    "batch", "card", "cases", "checks", "cli", "columns", "concentration", "data", "economics", "exercises",
    "export", "funnel", "i18n", "levers", "opportunities", "parameters", "planning", "plotting",
    "proposal", "reports", "scoring", "sections", "segmentation", "tables", "widgets",
}

__all__ = [
    "InvalidDataError", "KamlabError", "MissingColumnsError", "NoSuchFileError",
    "OutputExistsError", "ParameterError",
    *sorted(_LAZY), *sorted(_SUBMODULES),
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"kamlab.{name}")
    else:
        raise AttributeError(f"module 'kamlab' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))


def _name_error_feedback(shell, etype, value, tb, tb_offset=None):
    from kamlab.exercises import name_error_handler  # only when a NameError happens

    return name_error_handler(shell, etype, value, tb, tb_offset)


def _install_check_feedback() -> None:
    """Inside IPython (Jupyter), ``kamlab.check("m1-top20", answer)`` run before the answer
    cell says "run the answer cell first" instead of raising ``NameError``
    (:func:`kamlab.exercises.missing_answer`); every other error shows as before.

    Nothing happens outside IPython (IPython is not even imported) or when another custom
    exception handler is already set.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and getattr(shell, "custom_exceptions", None) == ():
        shell.set_custom_exc((NameError,), _name_error_feedback)


_install_check_feedback()
