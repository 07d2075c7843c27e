"""kamlab — a course kit for key account management (关键客户管理).

``import kamlab`` is cheap: pandas, matplotlib and ipywidgets load only when a function
that needs them is first used.

>>> import kamlab
>>> "customers" in kamlab.dataset_names()
True
"""

from __future__ import annotations

import importlib

from kamlab.exceptions import (
    InvalidDataError,
    KamlabError,
    MissingColumnsError,
    NoSuchFileError,
    OutputExistsError,
    ParameterError,
)

__version__ = "0.1.0"

# public name -> module that defines it (imported on first use)
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
    "read_stage_history": "kamlab.data",
    "validate_stage_history": "kamlab.data",
    "export_excel": "kamlab.data",
    "check": "kamlab.check",
    "exercise_ids": "kamlab.check",
    "set_language": "kamlab.i18n",
    "get_language": "kamlab.i18n",
    "COLUMNS": "kamlab.columns",
}
_SUBMODULES = {
    "cli", "check", "columns", "concentration", "data", "economics", "exercises", "i18n",
    "opportunities", "proposal",
    "plotting",
    "reports", "scoring", "segmentation", "tables", "widgets",
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
