"""Readable tables for notebooks and reports: shares as percentages, money with separators.

These return new DataFrames of text for display only; compute on the numeric originals.

>>> import pandas as pd
>>> readable(pd.DataFrame({"tier": ["A"], "revenue": [1234567.0], "revenue_share": [0.8031]}))
  tier    revenue revenue_share
0    A  1,234,567         80.3%
"""

from __future__ import annotations

import pandas as pd

from kamlab.columns import COLUMNS

__all__ = ["readable", "share_columns", "money_columns"]


def share_columns(df: pd.DataFrame) -> list[str]:
    """Columns holding fractions: canonical ``share`` columns, names ending in ``share`` or ``%``."""
    return [c for c in df.columns
            if isinstance(c, str) and (c.endswith(("share", "%"))
                                       or getattr(COLUMNS.get(c), "kind", "") == "share")]


def money_columns(df: pd.DataFrame) -> list[str]:
    """Canonical money columns present in ``df``."""
    return [c for c in df.columns if getattr(COLUMNS.get(c), "kind", "") == "money"]


def readable(df: pd.DataFrame, *, digits: int = 1, percent=None, money=None) -> pd.DataFrame:
    """A display copy: share columns as "80.3%", money as "1,234,567", other floats rounded."""
    percent = share_columns(df) if percent is None else list(percent)
    money = money_columns(df) if money is None else list(money)
    out = df.copy()
    for c in out.columns:
        s = out[c]
        if c in percent:
            out[c] = s.map(lambda x: "" if pd.isna(x) else f"{x:.{digits}%}")
        elif c in money:
            out[c] = s.map(lambda x: "" if pd.isna(x) else f"{x:,.0f}")
        elif pd.api.types.is_float_dtype(s):
            out[c] = s.round(2)
    return out
