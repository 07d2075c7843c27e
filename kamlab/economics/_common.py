"""Shared input checks of module 4 (proposal economics), used by the other economics files.

Yearly volumes, fractions below 1, yearly rates and label -> amount dicts are validated
here once, with messages that name the calling function and the bad item.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from kamlab._validate import number as _number
from kamlab.exceptions import ParameterError


def _scalar(v):
    return v.item() if hasattr(v, "item") else v


def _is_real(v) -> bool:
    return (isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_)
            and math.isfinite(v))


def _volumes(volumes, func) -> np.ndarray:
    """Yearly volumes as a new float array; names the first bad year."""
    example = "e.g. volumes=[1000, 1200, 1200] for a 3-year contract"
    if isinstance(volumes, pd.Series | pd.Index):
        values = volumes.to_numpy()
    elif isinstance(volumes, np.ndarray):
        values = volumes
    elif isinstance(volumes, Sequence) and not isinstance(volumes, str | bytes):
        values = list(volumes)
    else:
        raise ParameterError(
            f"{func}(): volumes must be a list of yearly volumes, one per contract year; "
            f"got {type(volumes).__name__} {volumes!r}. Pass a list, {example}.",
            name="volumes", value=volumes)
    arr = np.asarray(values, dtype=object) if isinstance(values, list) else values
    if arr.ndim != 1:
        raise ParameterError(
            f"{func}(): volumes must be one flat list (one number per year); got an array of "
            f"shape {arr.shape}. Pass a single row, {example}.", name="volumes")
    if len(arr) == 0:
        raise ParameterError(f"{func}(): volumes is empty; a contract needs at least one year. "
                             f"Pass one volume per year, {example}.", name="volumes")
    if arr.dtype.kind in "iuf":
        out = arr.astype("float64")  # always a copy of the caller's data
        bad = ~np.isfinite(out)
        first = int(np.argmax(bad)) if bad.any() else None
    else:
        first = next((i for i, v in enumerate(arr) if not _is_real(v)), None)
        if first is None:
            out = np.array([float(v) for v in arr], dtype="float64")
    if first is not None:
        raise ParameterError(
            f"{func}(): volumes must be numbers ≥ 0, one per contract year; volumes[{first}] "
            f"(year {first + 1}) is {_scalar(arr[first])!r}. Fix that year's volume "
            "(use 0 for a year without deliveries).", name="volumes", position=first)
    negative = np.flatnonzero(out < 0)
    if len(negative):
        i = int(negative[0])
        raise ParameterError(
            f"{func}(): volumes must be 0 or more; volumes[{i}] (year {i + 1}) is {out[i]:g}. "
            "Volumes are units delivered per year; model a lost year as 0.",
            name="volumes", position=i)
    return out


def _share_below_one(name, value, func, *, zero_ok=True) -> float:
    """A fraction in [0, 1) (or (0, 1)); percent-looking values get a hint."""
    x = _number(name, value, func)
    low_ok = x >= 0 if zero_ok else x > 0
    if not (low_ok and x < 1):
        lower = "0 (included)" if zero_ok else "0"
        hint = (f" Did you mean {x / 100:g}? Write {x:g}% as {x / 100:g}: shares are fractions, "
                "not percent." if 1 <= x <= 100 else "")
        raise ParameterError(f"{func}(): {name} must be between {lower} and 1 (excluded); "
                             f"got {x:g}.{hint}", name=name, value=x)
    return x


def _rate(rate, func, name="rate") -> float:
    r = _number(name, rate, func)
    if not r > -1:
        raise ParameterError(
            f"{func}(): {name} must be greater than -1 (it is a yearly rate: 0.10 = 10%); got "
            f"{r:g}. A rate of -1 or less would make the discount factor infinite.",
            name=name, value=r)
    if r >= 1:
        raise ParameterError(
            f"{func}(): {name} is a yearly rate as a fraction (0.10 = 10%); got {r:g}, i.e. "
            f"{r:.0%} a year. Did you mean {name}={r / 100:g}?", name=name, value=r)
    return r


def _amounts(name, mapping, func, *, what="the amount deducted", example="Volume discount"):
    """A dict label -> amount ≥ 0 as a list of pairs; None is an empty list."""
    if mapping is None:
        return []
    if not isinstance(mapping, Mapping):
        raise ParameterError(
            f"{func}(): {name} must be a dict label -> {what}, e.g. "
            f"{{{example!r}: 4.0}}; got {type(mapping).__name__}.", name=name)
    out = []
    for label, amount in mapping.items():
        if not isinstance(label, str):
            raise ParameterError(f"{func}(): {name} labels must be text; got {label!r}. "
                                 f"Write it as {{{example!r}: 4.0}}.", name=name, label=label)
        if not _is_real(amount) or amount < 0:
            raise ParameterError(
                f"{func}(): {name}[{label!r}] must be a number ≥ 0 ({what}, written as a "
                f"positive number); got {_scalar(amount)!r}. Write {{{label!r}: 4.0}} for "
                "4.0.", name=name, label=label, value=_scalar(amount))
        out.append((label, float(amount)))
    return out
