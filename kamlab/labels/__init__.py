"""More chart, table and dashboard labels (English, 中文), one module per course module.

:data:`kamlab.i18n.LABELS` is the one table every chart reads; its entries for newer charts
live here, one file per module (``m01`` … ``m07``), each a ``LABELS`` dict of key →
(English, 中文) like the main table, so the main table stays readable. A key may appear once
across all of them (tested).
"""

from __future__ import annotations

import importlib

MODULES = ("m01", "m02", "m03", "m04", "m05", "m06", "m07")


def merged() -> dict[str, tuple[str, str]]:
    """Every module's labels; a key defined twice is an error that names both modules."""
    out: dict[str, tuple[str, str]] = {}
    where: dict[str, str] = {}
    for name in MODULES:
        for key, pair in importlib.import_module(f"kamlab.labels.{name}").LABELS.items():
            if key in out:
                raise ValueError(f"label {key!r} is defined in kamlab.labels.{where[key]} and .{name}")
            out[key], where[key] = pair, name
    return out
