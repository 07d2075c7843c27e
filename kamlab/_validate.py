"""Validation at the public boundary: one place that turns bad input into a clear message.

Analysis functions call these once, on entry, and then trust their data.
"""

from __future__ import annotations

from kamlab._voice import say
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

__all__ = [
    "require_columns", "numeric_column", "check_fraction", "positive_total", "show", "number",
    "month_starts",
]


def show(values, limit: int = 8) -> str:
    """A short, readable list of values for an error message."""
    values = list(values)
    shown = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in values[:limit])
    more = f" … and {len(values) - limit} more" if len(values) > limit else ""
    return f"[{shown}{more}]"


#: Columns that analysis results add, and the function that adds each: a table without one
#: was not run through that function yet.
MADE_BY = {
    "abc": "abc_classify(df) or abc_classify_by_count(df)",
    "rank": "abc_classify(df) or pareto_table(df)",
    "cum_share": "abc_classify(df) or pareto_table(df)",
    "attractiveness_level": "strategy_grid(df)",
    "relationship_level": "strategy_grid(df)",
    "strategy": "strategy_grid(df)",
    "potential_class": "potential_share_grid(df)",
    "share_class": "potential_share_grid(df)",
    "customer_level": "two_sided_grid(df)",
    "supplier_level": "two_sided_grid(df)",
    "quadrant": "two_sided_grid(df)",
    "score": "score_accounts(df)",
    "weighted_value": "weigh_opportunities(df)",
    "stage_probability": "weigh_opportunities(df)",
    "position": "position_customers(df)",
}


def close_match(name, options, *, cutoff: float = 0.6):
    """The option most like ``name`` (a likely typo), or None.

    >>> close_match("proft", ["revenue", "profit"]), close_match("xyz", ["revenue"])
    ('profit', None)
    """
    import difflib

    found = difflib.get_close_matches(str(name), [str(o) for o in options], n=1, cutoff=cutoff)
    return found[0] if found else None


def require_columns(df, columns, *, func: str, source: str = "the table"):
    """Raise MissingColumnsError unless every name in ``columns`` is a column of ``df``."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise ParameterError(
            f"{func}() needs a pandas DataFrame; got {type(df).__name__}. "
            "Load one with kamlab.load_dataset(...) or kamlab.read_accounts(path).",
            got=type(df).__name__,
        )
    missing = [c for c in columns if c not in df.columns]
    if missing:
        available = [str(c) for c in df.columns]
        need = ", ".join(repr(c) for c in missing)
        first = missing[0]
        close = close_match(first, available, cutoff=0.75)
        if first in MADE_BY:
            fix = f"{first!r} is made by {MADE_BY[first]}: run that on the table first."
        elif close:
            fix = (f"Did you mean {close!r}? Rename it, df.rename(columns={{{close!r}: "
                   f"{first!r}}}), or pass its name as the column argument.")
        else:
            fix = (f"If your table calls it something else, rename it: "
                   f"df.rename(columns={{'your header': {first!r}}}).")
        raise MissingColumnsError(
            f"{func}() needs the column(s) {need}; {source} has {show(available, 12)}. {fix}",
            missing=missing,
            available=available,
            source=source,
        )


def numeric_column(df, column: str, *, func: str, allow_nan: bool = False):
    """``df[column]`` as float64, raising InvalidDataError that names bad rows and values."""
    import numpy as np
    import pandas as pd

    s = df[column]
    flags = pd.api.types.is_bool_dtype(s) or (
        s.dtype == object and pd.api.types.infer_dtype(s, skipna=True) == "boolean")
    if flags:  # True/False as amounts would count as 1/0: never what a value column means
        raise InvalidDataError(
            f"{func}(): column {column!r} holds true/false values, not amounts. Choose a column "
            f"of numbers; if 1 and 0 are meant, convert first: df[{column!r}].astype(int).",
            column=column)
    if not pd.api.types.is_numeric_dtype(s):
        coerced = pd.to_numeric(s, errors="coerce")
        bad = coerced.isna() & s.notna()
        if bad.any():
            rows = list(np.flatnonzero(bad.to_numpy()))
            raise InvalidDataError(
                f"{func}(): column {column!r} must hold numbers; rows {show(rows)} "
                f"(0-based positions) have {show(s[bad].tolist())}. "
                "Remove units and text, or read the file with kamlab.read_accounts(), "
                "which cleans '1,234' and '¥' for you.",
                column=column, rows=rows, values=s[bad].tolist(),
            )
        s = coerced
    values = s.astype("float64")
    if not allow_nan and values.isna().any():
        rows = list(np.flatnonzero(values.isna().to_numpy()))
        raise InvalidDataError(
            f"{func}(): column {column!r} has blanks at rows {show(rows)} (0-based positions). "
            f"Fill them (e.g. df[{column!r}].fillna(0)) or drop those rows.",
            column=column, rows=rows,
        )
    return values


def check_fraction(name: str, value, *, func: str, inclusive_zero: bool = False) -> float:
    """A number in (0, 1] (or [0, 1]); percentages like 80 get a hint to write 0.8."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{func}(): {name} must be a number between 0 and 1; got {value!r}.",
                             name=name, value=value) from None
    low_ok = x >= 0 if inclusive_zero else x > 0
    if not (low_ok and x <= 1):
        hint = f" Did you mean {x / 100:g}? Shares are fractions, not percent." if 1 < x <= 100 else ""
        raise ParameterError(
            f"{func}(): {name} must be between 0 and 1; got {x:g}.{hint}", name=name, value=x)
    return x


def positive_total(values, *, column: str, func: str) -> float:
    """The sum of ``values``, which must be > 0 for shares of it to make sense."""
    total = float(values.sum())
    if not total > 0:
        raise InvalidDataError(
            f"{func}(): the {column!r} column adds up to {total:,.2f}; shares of a total of zero "
            "or less mean nothing. Check the sign convention (credits as negatives?) or "
            f"{say('analyse another value column', 'choose another column with --value')}.",
            column=column, total=total,
        )
    return total


def number(name: str, value, func: str, *, positive: bool = False,
           nonnegative: bool = False) -> float:
    """A finite real number as float (bools refused), optionally > 0 or ≥ 0."""
    import numbers

    import numpy as np

    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ParameterError(f"{func}(): {name} must be a number; got {value!r}.",
                             name=name, value=value)
    if positive and not value > 0:
        raise ParameterError(f"{func}(): {name} must be greater than 0; got {value!r}.",
                             name=name, value=value)
    if nonnegative and value < 0:
        raise ParameterError(f"{func}(): {name} must be 0 or more; got {value!r}.",
                             name=name, value=value)
    return float(value)


def in_range(values, column: str, *, func: str, low: float, high: float, scale: str):
    """Refuse values of ``column`` outside [low, high] (blanks pass), naming rows and the fix.

    ``scale`` names the expected scale in the message ("a fraction 0–1", "a 1–5 score").
    A 0–1 column holding 0–100 values gets "divide by 100"; a 1–5 score holding values up
    to 10 gets "a 1–10 scale? divide by 2".
    """
    import numpy as np

    x = np.asarray(values, dtype="float64")
    bad = ~np.isnan(x) & ((x < low) | (x > high))
    if not bad.any():
        return
    rows = list(np.flatnonzero(bad))
    got = x[bad]
    hint = ""
    if high == 1 and np.nanmax(got) <= 100 and np.nanmin(got) >= 0:
        hint = " They look like percentages: divide the column by 100 (35% = 0.35)."
    elif high == 5 and np.nanmax(got) <= 10 and np.nanmin(got) >= 0:
        hint = (" A 1–10 scale? Put it on 1–5 first, e.g. df[col] = 1 + (df[col] - 1) * 4 / 9 "
                "— clipping would push every high score into the top band.")
    raise InvalidDataError(
        f"{func}(): column {column!r} is {scale} ({low:g}–{high:g}); rows {show(rows)} (0-based "
        f"positions) have {show([float(v) for v in got])}.{hint}",
        column=column, rows=rows, values=[float(v) for v in got])


def month_starts(values):
    """Months as a trainee's file writes them — ``2026-06``, ``2026/6``, ``2026.6``,
    ``2026年6月``, a date such as ``2026-06-15`` — or datetimes: a datetime Series of each
    month's first day, NaT where a value cannot be read (the caller says what to fix).

    >>> month_starts(["2026-06", "2026/6", "2026.06", "2026年6月", "2026-06-15", "June"]).dt.strftime("%Y-%m").tolist()
    ['2026-06', '2026-06', '2026-06', '2026-06', '2026-06', nan]
    """
    import pandas as pd

    values = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.to_period("M").dt.to_timestamp()
    text = values.astype("string").str.strip()
    text = text.str.replace(r"年|/|\.", "-", regex=True).str.replace(r"月.*|日", "", regex=True)
    return pd.to_datetime(text, format="%Y-%m", errors="coerce").fillna(
        pd.to_datetime(text.str[:10], format="%Y-%m-%d", errors="coerce"))
