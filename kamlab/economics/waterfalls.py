"""Module 4 — value waterfalls: erosion round by round and the pocket-price waterfall.

Seed 000, "价值逐轮减少, 指数化合约净现值, 客户举例" (:data:`NEGOTIATION_ROUNDS`) and the
net-price levers of 提高利润率的潜在杠杆. The waterfall table is also the layout of
:func:`~kamlab.economics.negotiation` and of the EVC components.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from kamlab._validate import number as _number
from kamlab.economics._common import _amounts, _is_real
from kamlab.exceptions import ParameterError

__all__ = ["NEGOTIATION_ROUNDS", "erosion_waterfall", "pocket_price_waterfall"]

#: seed 000, "价值逐轮减少, 指数化合约净现值, 客户举例": the indexed contract NPV falls
#: round by round in a negotiation. Steps are (label, amount, 中文); ``None`` marks a
#: subtotal bar (the level reached so far). Levels: 100, 89, 51, 16, 16, 11, 11, 40, 40.
NEGOTIATION_ROUNDS = (
    ("First quote", 100, "首轮报价"),
    ("Round 2", -11, "第二轮"),
    ("Round 3", -38, "第三轮"),
    ("Round 4", -35, "第四轮"),
    ("Round 5", None, "第五轮"),
    ("Incentive", -5, "奖励"),
    ("Final price after incentives", None, "奖励后的最终价格"),
    ("Aftermarket (spare parts) uplift", 29, "零配件市场的增额"),
    ("Total", None, "总额"),
)


# ---------------------------------------------------------------------------------------
# Waterfalls (seed 000: 价值逐轮减少; the net-price levers of 提高利润率的潜在杠杆)
# ---------------------------------------------------------------------------------------

def _steps(steps, func) -> list[tuple[str, float | None, str]]:
    if isinstance(steps, Mapping):
        steps = list(steps.items())
    if isinstance(steps, str | bytes) or not isinstance(steps, Sequence):
        raise ParameterError(
            f"{func}(): steps must be a list of (label, amount) pairs, e.g. "
            f"[('First quote', 100), ('Round 2', -11), ('Now', None)]; got "
            f"{type(steps).__name__}.", name="steps")
    if len(steps) == 0:
        raise ParameterError(f"{func}(): steps is empty; start with the starting level, e.g. "
                             "[('First quote', 100), ...].", name="steps")
    out = []
    for i, step in enumerate(steps):
        if isinstance(step, str | bytes) or not isinstance(step, Sequence) \
                or len(step) not in (2, 3):
            raise ParameterError(
                f"{func}(): steps[{i}] must be a (label, amount) pair (or (label, amount, "
                f"中文 label)); got {step!r}.", name="steps", position=i)
        label, amount, *zh = step
        zh = zh[0] if zh else label
        if not isinstance(label, str) or not isinstance(zh, str):
            raise ParameterError(f"{func}(): steps[{i}] label must be text; got {step!r}. "
                                 "Write the label first, then the amount.",
                                 name="steps", position=i)
        if amount is None and i == 0:
            raise ParameterError(
                f"{func}(): steps[0] is the starting level and needs a number; got "
                f"{step!r}. None marks a subtotal, which needs something before it.",
                name="steps", position=0)
        if amount is not None and not _is_real(amount):
            raise ParameterError(
                f"{func}(): steps[{i}] amount must be a number (or None for a subtotal bar); "
                f"got {step!r}.", name="steps", position=i)
        out.append((label, None if amount is None else float(amount), zh))
    return out


def erosion_waterfall(steps) -> pd.DataFrame:
    """Waterfall table: a starting level, changes and subtotals, as bars to draw.

    ``steps`` is a list of (label, amount) pairs (or (label, amount, 中文 label) triples,
    or a dict label -> amount). The first amount is the starting level; every later
    number is a change (negative = a concession); an amount of ``None`` is a subtotal bar
    showing the running total at that point.

    Returns
    -------
    One row per step: ``label``, ``label_zh`` (the caller's own Chinese label as given;
    the English label when none is given, and a chart then looks the label up with
    ``kamlab.i18n.value_label("step", label)`` — how "List price" becomes 标价),
    ``amount`` (the change, or the level for start and subtotal bars), ``kind`` ("start",
    "change", "subtotal"), ``start`` (where the bar begins: the running total before a
    change, 0 for start and subtotal bars), ``end`` (where it ends: the running total
    after the step), ``total`` (= end) and ``share_of_start`` (amount / starting level;
    NaN when that level is 0). A falling step has end < start: draw it with
    ``ax.bar(x, end - start, bottom=start)``.

    Raises
    ------
    ParameterError (no steps; a step that is not a pair; a label that is not text; an
    amount that is not a finite number or None; None as the first amount).

    Notes
    -----
    Seed 000, "价值逐轮减少, 指数化合约净现值, 客户举例": :data:`NEGOTIATION_ROUNDS`.

    >>> t = erosion_waterfall([("Quote", 100), ("Round 2", -11), ("Now", None)])
    >>> t[["kind", "start", "end"]].values.tolist()
    [['start', 0.0, 100.0], ['change', 100.0, 89.0], ['subtotal', 0.0, 89.0]]
    """
    func = "erosion_waterfall"
    items = _steps(steps, func)
    rows, running = [], 0.0
    for i, (label, amount, zh) in enumerate(items):
        if i == 0:
            kind, start, end, amount_out = "start", 0.0, amount, amount
        elif amount is None:
            kind, start, end, amount_out = "subtotal", 0.0, running, running
        else:
            kind, start, end, amount_out = "change", running, running + amount, amount
        running = end
        rows.append((label, zh, amount_out, kind, start, end))
    out = pd.DataFrame(rows, columns=["label", "label_zh", "amount", "kind", "start", "end"])
    out["total"] = out["end"]
    first = items[0][1]
    out["share_of_start"] = out["amount"] / first if first != 0 else np.nan
    return out


def pocket_price_waterfall(list_price, on_invoice=None, off_invoice=None) -> pd.DataFrame:
    """Pocket-price waterfall: list price → invoice price → pocket price, per unit.

    On-invoice deductions (volume and payment-terms discounts…) take the list price to the
    invoice price; off-invoice deductions (year-end rebates, co-op advertising, freight,
    cash discounts…) take it on to the pocket price, what the deal really earns.

    Parameters
    ----------
    list_price : list price per unit (> 0).
    on_invoice, off_invoice : dicts label -> amount deducted per unit (≥ 0, written as
        positive numbers), in the order to draw; None or {} for none.

    Returns
    -------
    The :func:`erosion_waterfall` table: "List price" (start), each on-invoice deduction
    (a negative change), "Invoice price" (subtotal), each off-invoice deduction, "Pocket
    price" (subtotal). The pocket price is the last row's ``end``; it can be below 0 when
    the deductions exceed the list price (the deal loses money on every unit).

    Raises
    ------
    ParameterError (list price ≤ 0; a deduction < 0 or not a number; not a dict).

    Notes
    -----
    Seed 000, 提高利润率的潜在杠杆 → 提高净销售价格: fewer discounts, smaller year-end rebates,
    payment terms, less co-op advertising — each is a bar here. The layout follows Marn &
    Rosiello's pocket-price waterfall (Harvard Business Review, 1992).

    >>> t = pocket_price_waterfall(100, {"Volume discount": 4, "Payment terms": 1.5},
    ...                            {"Year-end rebate": 3, "Co-op advertising": 2})
    >>> t.loc[t["kind"] == "subtotal", ["label", "end"]].values.tolist()
    [['Invoice price', 94.5], ['Pocket price', 89.5]]
    """
    func = "pocket_price_waterfall"
    lp = _number("list_price", list_price, func, positive=True)
    on = _amounts("on_invoice", on_invoice, func)
    off = _amounts("off_invoice", off_invoice, func, example="Year-end rebate")
    steps = [("List price", lp)]
    steps += [(label, -x) for label, x in on]
    steps.append(("Invoice price", None))
    steps += [(label, -x) for label, x in off]
    steps.append(("Pocket price", None))
    return erosion_waterfall(steps)
