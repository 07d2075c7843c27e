"""Module 5 — the bank case's cost to serve: per channel, split into variable cost and capacity.

Seed 000's bank gave up customers to save cost; what it saves depends on which cost goes with
them. Each channel's unit cost has a variable part (saved as soon as the activity stops) and a
capacity part (staff, premises, seats: saved only where capacity is cut). :mod:`kamlab.cases.bank`
builds the case on this table; its names are re-exported there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kamlab._validate import number as _number
from kamlab._validate import numeric_column, require_columns, show
from kamlab.columns import COLUMNS
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = ["CHANNEL_COSTS", "channel_costs"]

#: Cost to serve by channel: channel -> (driver column, CNY per unit, of which variable CNY).
#: The driver ``None`` is a yearly cost per customer (account keeping, statements, compliance);
#: ``payroll`` is the yearly processing of a payroll customer's salary (代发工资), which the
#: employer's contract gave free. Variable = saved as soon as the activity stops; the rest is
#: capacity (tellers, premises, relationship managers, call-centre seats), saved only when cut.
#: Our assumption — the seed gives no unit costs; typical of a retail bank's activity-based
#: costing. The bundled book's ``cost_to_serve`` is exactly Σ driver × CNY per unit.
CHANNEL_COSTS = {
    "account": (None, 120, 120),
    "payroll": ("payroll", 80, 80),
    "branch": ("branch_visits", 50, 10),
    "rm": ("rm_hours", 300, 0),
    "call_centre": ("call_centre_calls", 20, 6),
    "digital": ("digital_sessions", 1, 1),
}



def _channel_table(costs, func):
    """(channel, driver, unit cost, variable cost) rows of a cost table, checked."""
    if not isinstance(costs, dict) or not costs:
        raise ParameterError(f"{func}(): costs must be a dict channel -> (driver column, CNY per "
                             f"unit, variable CNY per unit) like CHANNEL_COSTS; got {costs!r}.")
    rows = []
    for channel, spec in costs.items():
        try:
            driver, unit, variable = spec
        except (TypeError, ValueError):
            raise ParameterError(f"{func}(): costs[{channel!r}] must be (driver, unit cost, "
                                 f"variable cost), e.g. ('branch_visits', 50, 10); got {spec!r}.",
                                 channel=channel) from None
        unit = _number(f"costs[{channel!r}] unit cost", unit, func, nonnegative=True)
        variable = _number(f"costs[{channel!r}] variable cost", variable, func, nonnegative=True)
        if variable > unit:
            raise ParameterError(f"{func}(): costs[{channel!r}]: the variable cost {variable:g} is "
                                 f"more than the unit cost {unit:g}; it is a part of it.",
                                 channel=channel)
        rows.append((channel, driver, unit, variable))
    return rows


def _flag(book, column, func):
    """A true/false column as a bool array: bools, or 1/0; blanks and other values refused."""
    s = book[column]
    values = s.to_numpy(dtype=bool) if not s.isna().any() and (
        pd.api.types.is_bool_dtype(s) or pd.api.types.infer_dtype(s) == "boolean") else (
        pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64"))
    bad = ~np.isin(values, (0.0, 1.0))
    if bad.any():
        rows = list(np.flatnonzero(bad))
        raise InvalidDataError(
            f"{func}(): column {column!r} is a true/false flag; rows {show(rows)} (0-based "
            f"positions) have {show(s[bad].tolist())}. Use True/False or 1/0 (kamlab.read_accounts "
            "reads 是/否 and yes/no as flags).", column=column, rows=rows)
    return values == 1


def _units(book, driver, func):
    """Activity units per customer: ones for a per-customer cost, 0/1 for a flag column."""
    if driver is None:
        return np.ones(len(book))
    if driver in COLUMNS and COLUMNS[driver].kind == "flag" or pd.api.types.is_bool_dtype(
            book[driver]) or pd.api.types.infer_dtype(book[driver]) == "boolean":
        return _flag(book, driver, func).astype("float64")
    values = numeric_column(book, driver, func=func).to_numpy()
    if (values < 0).any():
        rows = list(np.flatnonzero(values < 0))
        raise InvalidDataError(f"{func}(): column {driver!r} counts activity and cannot be "
                               f"negative; rows {show(rows)} (0-based positions) are.",
                               column=driver, rows=rows)
    return values


def _activity(book, costs, func):
    """{channel: (units, unit cost, variable cost)} for every channel of ``costs``."""
    table = _channel_table(costs, func)
    require_columns(book, [d for _, d, _, _ in table if d is not None], func=func)
    return {c: (_units(book, d, func), u, v) for c, d, u, v in table}


def channel_costs(book: pd.DataFrame, *, costs=None) -> pd.DataFrame:
    """Cost to serve per customer by channel, split into variable cost and capacity.

    Columns out (one row per customer, same order and index): ``cost_<channel>`` for each
    channel of ``costs``, ``variable_cost``, ``fixed_cost`` and ``cost_to_serve`` (their sum).

    Parameters
    ----------
    book : customers with the driver columns of ``costs`` (for the default: ``payroll``,
        ``branch_visits``, ``rm_hours``, ``call_centre_calls``, ``digital_sessions``).
    costs : dict channel -> (driver column or None, CNY per unit, variable CNY per unit);
        default :data:`CHANNEL_COSTS`.

    Raises
    ------
    MissingColumnsError, InvalidDataError (text or negative activity), ParameterError.

    >>> import pandas as pd
    >>> book = pd.DataFrame({"payroll": [True, False], "branch_visits": [4, 0],
    ...                      "rm_hours": [0.5, 10], "call_centre_calls": [2, 1],
    ...                      "digital_sessions": [30, 100]})
    >>> channel_costs(book)[["variable_cost", "fixed_cost", "cost_to_serve"]].values.tolist()
    [[282.0, 338.0, 620.0], [226.0, 3014.0, 3240.0]]
    """
    func = "channel_costs"
    activity = _activity(book, CHANNEL_COSTS if costs is None else costs, func)
    out = pd.DataFrame(index=book.index)
    variable = np.zeros(len(book))
    for channel, (units, unit, var) in activity.items():
        out[f"cost_{channel}"] = units * unit
        variable += units * var
    out["variable_cost"] = variable
    out["cost_to_serve"] = out[[f"cost_{c}" for c in activity]].sum(axis=1)
    out.insert(len(activity) + 1, "fixed_cost", out["cost_to_serve"] - variable)
    return out


def _check_book_costs(book, activity, revenue, func):
    """Month 0 is the book: its cost to serve and profit must be what the cost table gives."""
    explained = sum(u * c for u, c, _ in activity.values())
    for column, expected, fix in (
            ("cost_to_serve", explained, "Pass costs= with your unit costs, or recompute: "
             "book['cost_to_serve'] = channel_costs(book)['cost_to_serve']."),
            ("profit", revenue - explained, "Recompute it: book['profit'] = book['revenue'] - "
             "book['cost_to_serve'].")):
        given = numeric_column(book, column, func=func).to_numpy()
        off = np.abs(given - expected) > 1.0
        if off.any():
            rows = list(np.flatnonzero(off))
            raise InvalidDataError(
                f"{func}(): {column} is not what the channel cost table gives at rows "
                f"{show(rows)} (0-based positions): {show(given[off].tolist())} in the book, "
                f"{show(np.round(expected[off], 2).tolist())} from the table. {fix}",
                column=column, rows=rows)
