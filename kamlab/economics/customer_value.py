"""Module 4 — value for the customer: economic value to the customer (EVC) and TCO.

Seed 000, 对客户的经济价值 (EVC, and how the value pool is split between the customer's
incentive to switch and our premium) and OEM系统成本 (total cost of ownership over the
product's life: the cheapest price is not the cheapest system).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kamlab._validate import number as _number
from kamlab._validate import numeric_column, require_columns, show
from kamlab.economics._common import _amounts, _is_real, _rate
from kamlab.economics.waterfalls import erosion_waterfall
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = ["EVC", "ValueSplit", "evc", "tco"]


# ---------------------------------------------------------------------------------------
# Economic value to the customer (seed 000, 对客户的经济价值)
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ValueSplit:
    """How a price splits the value pool (EVC − reference price) between the two sides.

    ``customer_incentive`` = value − price (why the customer switches), ``premium`` =
    price − reference price (what we keep); they add up to ``pool``. ``customer_share``
    and ``our_share`` are their fractions of the pool (NaN when the pool is 0). A price
    above the EVC makes the incentive negative (the customer has no reason to switch);
    a price below the reference price makes the premium negative (we give value away).
    """

    price: float
    value: float
    reference_price: float
    pool: float
    customer_incentive: float
    premium: float
    customer_share: float
    our_share: float


@dataclass(frozen=True)
class EVC:
    """Result of :func:`evc`: ``value`` = reference price + savings + benefits − negative.

    ``differentiation`` = value − reference price (the value pool). With a ``price``:
    ``customer_incentive`` (value − price) and ``premium`` (price − reference price),
    else None. ``components`` is the waterfall table; ``split(price)`` gives the shares.
    """

    value: float
    reference_price: float
    differentiation: float
    savings: float
    benefits: float
    negative: float
    price: float | None = None
    customer_incentive: float | None = None
    premium: float | None = None
    components: pd.DataFrame = field(default=None, compare=False, repr=False)

    def split(self, price) -> ValueSplit:
        """The customer's incentive, our premium and their shares of the pool at ``price``.

        >>> evc(100, savings=30).split(110).customer_share
        0.6666666666666666
        """
        p = _number("price", price, "EVC.split", positive=True)
        pool = self.differentiation
        incentive, premium = self.value - p, p - self.reference_price
        return ValueSplit(
            price=p, value=self.value, reference_price=self.reference_price, pool=pool,
            customer_incentive=incentive, premium=premium,
            customer_share=incentive / pool if pool != 0 else float("nan"),
            our_share=premium / pool if pool != 0 else float("nan"))


#: The waterfall label of a part given as one number (its Chinese: i18n ``step.<label>``).
_EVC_PARTS = {"savings": "Life-cycle savings", "benefits": "Extra benefits",
              "negative": "Negative differentiation"}


def _evc_items(name, x, func) -> list[tuple[str, float]]:
    if isinstance(x, Mapping):
        what = "the amount it takes off" if name == "negative" else "its value per unit"
        return _amounts(name, x, func, what=what, example=_EVC_PARTS[name])
    label = _EVC_PARTS[name]
    if not _is_real(x):
        raise ParameterError(
            f"{func}(): {name} must be a number ≥ 0 or a dict label -> amount, e.g. "
            f"{name}=12 or {name}={{{label!r}: 12}}; got {x!r}.", name=name, value=x)
    v = _number(name, x, func, nonnegative=True)
    return [(label, v)] if v else []


def evc(reference_price, *, savings=0.0, benefits=0.0, negative=0.0, price=None) -> EVC:
    """Economic value to the customer (EVC) of our offer against a reference product.

    EVC = reference product price + life-cycle savings (lower energy use, less downtime…)
    + extra benefits (more output, better quality…) − negative differentiation (switching
    cost, re-qualification, a weaker point of ours). The customer is indifferent between
    the reference product at its price and ours at the EVC.

    Parameters
    ----------
    reference_price : price of the customer's next-best alternative (> 0).
    savings, benefits, negative : a number ≥ 0, or a dict label -> amount ≥ 0 to show
        named items, e.g. {"Lower energy use": 12, "Less downtime": 8}.
    price : our price (> 0), optional: adds ``customer_incentive`` and ``premium``.

    Returns
    -------
    :class:`EVC`: ``value``, ``reference_price``, ``differentiation`` (value − reference
    price), the three totals, ``components`` (an :func:`erosion_waterfall` table:
    reference price, savings items, benefit items, negative items, "EVC" subtotal) and,
    with a price, ``customer_incentive`` and ``premium``; ``split(price)`` at any price.

    Raises
    ------
    ParameterError (reference price or price ≤ 0; an amount < 0 or not a number).

    Notes
    -----
    Seed 000, 对客户的经济价值 ("根据系统成本分析, 找出系统总成本减少以及/或效益增加为OEM创造的
    价值, 并进行量化 … 把定价作为价值共享的手段之一"): price is how the created value is shared.

    >>> e = evc(100, savings={"Lower energy use": 12, "Less downtime": 8}, benefits=10,
    ...         negative=5, price=110)
    >>> e.value, e.differentiation, e.customer_incentive, e.premium
    (125.0, 25.0, 15.0, 10.0)
    """
    func = "evc"
    ref = _number("reference_price", reference_price, func, positive=True)
    s = _evc_items("savings", savings, func)
    b = _evc_items("benefits", benefits, func)
    neg = _evc_items("negative", negative, func)
    p = None if price is None else _number("price", price, func, positive=True)
    steps = [("Reference product price", ref), *s, *b, *[(label, -v) for label, v in neg],
             ("EVC", None)]
    components = erosion_waterfall(steps)
    total = {name: sum(v for _, v in items) for name, items in
             (("savings", s), ("benefits", b), ("negative", neg))}
    value = float(components["end"].iloc[-1])
    return EVC(value=value, reference_price=ref, differentiation=value - ref,
               savings=float(total["savings"]), benefits=float(total["benefits"]),
               negative=float(total["negative"]), price=p,
               customer_incentive=None if p is None else value - p,
               premium=None if p is None else p - ref, components=components)


# ---------------------------------------------------------------------------------------
# Total cost of ownership (seed 000, OEM系统成本)
# ---------------------------------------------------------------------------------------

def _annuity_factor(rate: float, years: np.ndarray) -> np.ndarray:
    """Present value of 1 a year, paid at the end of each of ``years`` years."""
    if rate == 0:
        return years.astype("float64")
    return (1.0 - (1.0 + rate) ** -years) / rate


def tco(offers: pd.DataFrame, *, rate=0.08, offer: str = "offer", price: str = "price",
        acquisition: str | None = "acquisition", operating: str | None = "operating",
        end_of_life: str | None = "end_of_life", life: str = "life_years") -> pd.DataFrame:
    """Total cost of ownership (the customer's system cost) of competing offers.

    Price and acquisition costs (freight, installation, qualification, training…) fall
    at t = 0; ``operating`` is a yearly cost (energy, maintenance, consumables…) paid at
    the end of each of the ``life`` years; ``end_of_life`` (disposal, dismantling) falls
    at the end of the last year — a negative value is a salvage or resale value.

    TCO = price + acquisition + operating·AF + end_of_life/(1 + rate)^life, with the
    annuity factor AF = (1 − (1 + rate)^−life)/rate (= life when rate = 0).

    Parameters
    ----------
    offers : one row per offer.
    rate : the customer's yearly discount rate (> −1).
    offer, price, acquisition, operating, end_of_life, life : column names. Pass None
        for ``acquisition``, ``operating`` or ``end_of_life`` when the table has no such
        cost (it counts as 0).

    Returns
    -------
    One row per offer, lowest TCO first (ties keep the table's order): ``offer, price,
    acquisition, operating, life_years, operating_pv, end_of_life, end_of_life_pv, tco,
    tco_per_year, rank_by_price, rank_by_tco, rank_by_tco_per_year``. ``tco_per_year`` is
    the equivalent annual cost, TCO / AF: offers with different lives compare on it, not
    on ``tco``. Ranks are 1 = cheapest (ties share the better rank).

    Raises
    ------
    MissingColumnsError; InvalidDataError (no offers, duplicate or blank offer names,
    blanks or text in a cost column, a negative price, acquisition or operating cost, a
    life that is not a whole number of years ≥ 1 — each names the offer);
    ParameterError (rate ≤ −1).

    Notes
    -----
    Seed 000, OEM系统成本 ("通过车辆使用寿命和产品生命周期, 分析产品购买和装运给OEM带来的总成本;
    确定除单价外, 其他能够为OEM创造价值的领域"): the cheapest price is not the cheapest system.

    >>> import pandas as pd
    >>> offers = pd.DataFrame({"offer": ["Cheap", "Efficient"], "price": [100, 130],
    ...     "acquisition": [10, 10], "operating": [30, 20], "end_of_life": [5, 5],
    ...     "life_years": [5, 5]})
    >>> t = tco(offers, rate=0.0)
    >>> t[["offer", "tco", "rank_by_price"]].values.tolist()
    [['Efficient', 245.0, 2], ['Cheap', 265.0, 1]]
    """
    func = "tco"
    needed = [c for c in (offer, price, acquisition, operating, end_of_life, life)
              if c is not None]
    require_columns(offers, needed, func=func, source="the offers table")
    r = _rate(rate, func)
    if len(offers) == 0:
        raise InvalidDataError(f"{func}(): the offers table has no rows; add one row per offer.",
                               source="DataFrame")
    names = offers[offer]
    blank = names.isna().to_numpy()
    if blank.any():
        rows = np.flatnonzero(blank).tolist()
        raise InvalidDataError(f"{func}(): column {offer!r} has blank offer names at rows "
                               f"{show(rows)} (0-based positions). Name every offer.",
                               column=offer, rows=rows)
    dup = names[names.duplicated(keep=False)]
    if len(dup):
        repeated = list(dict.fromkeys(dup.tolist()))
        raise InvalidDataError(
            f"{func}(): offer names must be unique; {show(repeated)} appear more than once in "
            f"column {offer!r}. Give each offer its own name (e.g. 'Supplier A, 5 years').",
            column=offer, values=repeated)
    label = names.tolist()
    n = len(offers)

    def money(column, *, nonnegative=True):
        if column is None:
            return np.zeros(n)
        x = numeric_column(offers, column, func=func).to_numpy()
        bad = x < 0
        if nonnegative and bad.any():
            which = [label[i] for i in np.flatnonzero(bad)]
            raise InvalidDataError(
                f"{func}(): column {column!r} must be 0 or more; offers {show(which)} have "
                f"{show(x[bad].tolist())}. Costs are positive amounts (only end_of_life may "
                "be negative, for a resale value).", column=column, values=which)
        return x

    p = money(price)
    acq = money(acquisition)
    op = money(operating)
    eol = money(end_of_life, nonnegative=False)
    years = numeric_column(offers, life, func=func).to_numpy()
    bad = (years < 1) | (years != np.round(years))
    if bad.any():
        which = [label[i] for i in np.flatnonzero(bad)]
        raise InvalidDataError(
            f"{func}(): column {life!r} must be whole years, 1 or more; offers {show(which)} "
            f"have {show(years[bad].tolist())}. Round the life to full years (e.g. 5).",
            column=life, values=which)
    af = _annuity_factor(r, years)
    out = pd.DataFrame({"offer": label, "price": p, "acquisition": acq, "operating": op,
                        "life_years": years.astype("int64"), "operating_pv": op * af,
                        "end_of_life": eol, "end_of_life_pv": eol * (1.0 + r) ** -years})
    out["tco"] = out["price"] + out["acquisition"] + out["operating_pv"] + out["end_of_life_pv"]
    out["tco_per_year"] = out["tco"] / af
    for column, key in (("rank_by_price", "price"), ("rank_by_tco", "tco"),
                        ("rank_by_tco_per_year", "tco_per_year")):
        out[column] = out[key].rank(method="min").astype("int64")
    order = np.argsort(out["tco"].to_numpy(), kind="stable")
    return out.iloc[order].reset_index(drop=True)
