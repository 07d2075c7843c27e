"""Module 6 — mini-case: a supplier of forms and computer systems to car dealers.

Seed 000 (为汽车特许经销商提供会计帐表票据及计算机系统的供应商): two divisions, forms (帐表票据) and
computer systems (计算机系统), fully separate, both successful but starting to cannibalise each
other's sales; the chance to offer dealers a total solution; staff more interested in internal
conflict than in new business. The company had started KAM by giving its best reps the biggest
customers. The market, segmented:

- true key accounts — emerging large chains (正在兴起的大型连锁): 50 customers, 15% of the business;
- emerging multi-unit chains (正在兴起的多单位连锁): 500 customers, 35% — a big opportunity the
  company wanted but could not serve;
- other small dealers: 20,000 customers, 50% — they need little attention.

The functions:

1. :func:`segment_summary` — count, share of the business, revenue per dealer, against the
   seed's figures (:data:`SEED_DEALER_SEGMENTS`).
2. :func:`coverage_overlap` — today: dealers both divisions call on, what the second call
   costs, and the revenue one division took from the other.
3. :func:`channel_economics`, :func:`channel_table`, :func:`best_assignment` — profit per
   segment when a channel (:data:`DEALER_CHANNELS`) serves it, and which channel serves which
   segment best.
4. :func:`kam_payoff` — where key-account management pays: for the 50, not for the 500.

>>> from kamlab import load_dataset
>>> best = best_assignment(load_dataset("dealers"))
>>> best.assignment
{'key_chain': 'kam_team', 'multi_unit': 'joint_rep', 'small_dealer': 'telesales'}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import number as _number
from kamlab._validate import numeric_column, require_columns, show
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = [
    "DEALER_SEGMENTS", "SEED_DEALER_SEGMENTS", "DEALER_CHANNELS", "DEALER_OPTIONS", "TODAY",
    "DEALER_MARGIN_RATES", "segment_summary", "coverage_overlap", "channel_economics",
    "channel_table", "BestAssignment", "best_assignment", "kam_payoff",
]

#: The segment codes, largest customers first (labels: ``kamlab.i18n`` "dealerseg.<code>").
DEALER_SEGMENTS = ("key_chain", "multi_unit", "small_dealer")

#: Seed 000: segment -> (customers, share of the business).
SEED_DEALER_SEGMENTS = {"key_chain": (50, 0.15), "multi_unit": (500, 0.35),
                        "small_dealer": (20_000, 0.50)}

#: channel -> (CNY per dealer a year, CNY per rooftop a year, share-of-wallet uplift in
#: points of the dealer's wallet). Our assumptions — the seed gives no costs:
#:
#: - ``division_reps``: today's model, each division's own field rep (the cost is per division
#:   that calls; a dealer no rep calls on orders through the order desk, at the ``telesales``
#:   cost). No uplift: it is today.
#: - ``kam_team``: a key-account team serving both lines — an account manager, systems and
#:   forms specialists, head-office contact; +12 points of wallet from the total solution.
#: - ``joint_rep``: one field rep selling both lines; +5 points.
#: - ``telesales``: telesales and web ordering; −2 points (less attention loses a little).
#:
#: The bundled ``dealers`` table's ``cost_to_serve`` is today's model with these costs, exactly.
DEALER_CHANNELS = {
    "division_reps": (3_000, 1_200, 0.00),
    "kam_team": (100_000, 2_500, 0.12),
    "joint_rep": (4_000, 1_500, 0.05),
    "telesales": (600, 100, -0.02),
}

#: The choices a segment can be given: today's model or one of the new channels.
TODAY = "today"
DEALER_OPTIONS = (TODAY, "kam_team", "joint_rep", "telesales")

#: Gross margin rate of each division's revenue. Our assumption.
DEALER_MARGIN_RATES = {"forms": 0.35, "systems": 0.45}

_NEEDS = ["segment", "rooftops", "forms_revenue", "systems_revenue", "wallet", "forms_rep",
          "systems_rep"]


# ---------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------

def _flag(dealers, column, func):
    s = dealers[column]
    if pd.api.types.is_bool_dtype(s) and not s.isna().any():
        return s.to_numpy(dtype=bool)
    x = pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64")
    bad = ~np.isin(x, (0.0, 1.0))
    if bad.any():
        rows = list(np.flatnonzero(bad))
        raise InvalidDataError(f"{func}(): column {column!r} is a true/false flag; rows "
                               f"{show(rows)} (0-based positions) have "
                               f"{show(s[bad].tolist())}. Use True/False or 1/0.",
                               column=column, rows=rows)
    return x == 1


def _segments(dealers, func):
    """The segment codes as text, and the order to report them in (ours first)."""
    if dealers["segment"].isna().any():
        rows = list(np.flatnonzero(dealers["segment"].isna().to_numpy()))
        raise InvalidDataError(f"{func}(): column 'segment' has blanks at rows {show(rows)} "
                               "(0-based positions); give every dealer a segment.",
                               column="segment", rows=rows)
    codes = dealers["segment"].astype(str).to_numpy()
    order = [s for s in DEALER_SEGMENTS if s in set(codes)]
    order += [s for s in dict.fromkeys(codes) if s not in DEALER_SEGMENTS]
    return codes, order


def _dealer_inputs(dealers, func, columns=_NEEDS):
    require_columns(dealers, columns, func=func)
    if len(dealers) == 0:
        raise InvalidDataError(f"{func}() got an empty table; it needs at least one dealer.")
    out = {}
    for c in columns:
        if c == "segment":
            continue
        if c in ("forms_rep", "systems_rep"):
            out[c] = _flag(dealers, c, func)
            continue
        x = numeric_column(dealers, c, func=func).to_numpy()
        if (x < 0).any():
            rows = list(np.flatnonzero(x < 0))
            raise InvalidDataError(f"{func}(): column {c!r} cannot be negative; rows "
                                   f"{show(rows)} (0-based positions) are.", column=c, rows=rows)
        out[c] = x
    return out


def _channels(channels, func):
    channels = DEALER_CHANNELS if channels is None else channels
    if not isinstance(channels, dict) or not {"division_reps", "telesales"} <= set(channels):
        raise ParameterError(f"{func}(): channels must be a dict channel -> (CNY per dealer, "
                             "CNY per rooftop, share-of-wallet uplift) like DEALER_CHANNELS, "
                             "with at least 'division_reps' (today) and 'telesales' (the order "
                             f"desk); got {channels!r}.")
    checked = {}
    for name, spec in channels.items():
        try:
            per_dealer, per_rooftop, uplift = spec
        except (TypeError, ValueError):
            raise ParameterError(f"{func}(): channels[{name!r}] must be (CNY per dealer, CNY per "
                                 f"rooftop, uplift), e.g. (4000, 1500, 0.05); got {spec!r}.",
                                 channel=name) from None
        per_dealer = _number(f"channels[{name!r}] CNY per dealer", per_dealer, func,
                             nonnegative=True)
        per_rooftop = _number(f"channels[{name!r}] CNY per rooftop", per_rooftop, func,
                              nonnegative=True)
        uplift = _number(f"channels[{name!r}] uplift", uplift, func)
        if not -1 <= uplift <= 1:
            hint = " Points are fractions: 12 points = 0.12." if 1 < uplift <= 100 else ""
            raise ParameterError(f"{func}(): channels[{name!r}] uplift is a share of the "
                                 f"wallet between −1 and 1; got {uplift:g}.{hint}", channel=name)
        checked[name] = (per_dealer, per_rooftop, uplift)
    return checked


def _rates(margin_rates, func):
    rates = DEALER_MARGIN_RATES if margin_rates is None else margin_rates
    if not isinstance(rates, dict) or set(rates) != {"forms", "systems"}:
        raise ParameterError(f"{func}(): margin_rates must be a dict with 'forms' and 'systems' "
                             f"rates, like DEALER_MARGIN_RATES; got {margin_rates!r}.")
    out = {}
    for k, v in rates.items():
        v = _number(f"margin_rates[{k!r}]", v, func)
        if not 0 <= v <= 1:
            raise ParameterError(f"{func}(): margin_rates[{k!r}] is a share of revenue between "
                                 f"0 and 1; got {v:g}.", name=k)
        out[k] = v
    return out


# ---------------------------------------------------------------------------------------
# 1. Segments against the seed
# ---------------------------------------------------------------------------------------

def segment_summary(dealers: pd.DataFrame) -> pd.DataFrame:
    """Dealers and business per segment, beside seed 000's 50 / 500 / 20,000 and 15 / 35 / 50%.

    Columns out, one row per segment (ours first, in :data:`DEALER_SEGMENTS` order):
    ``segment``, ``dealers``, ``customers_share``, ``revenue``, ``revenue_share``,
    ``revenue_per_dealer``, ``rooftops``, ``forms_revenue``, ``systems_revenue``,
    ``wallet``, ``share_of_wallet`` (revenue / wallet), ``seed_dealers`` and
    ``seed_revenue_share`` (blank for a segment the seed does not name).

    Raises
    ------
    MissingColumnsError, InvalidDataError.

    >>> import pandas as pd
    >>> d = pd.DataFrame({"segment": ["key_chain", "small_dealer", "small_dealer"],
    ...                   "rooftops": [40, 1, 1], "forms_revenue": [100, 30, 20],
    ...                   "systems_revenue": [50, 0, 0], "wallet": [400, 60, 40]})
    >>> segment_summary(d)[["segment", "dealers", "revenue_share", "seed_dealers"]].values.tolist()
    [['key_chain', 1, 0.75, 50], ['small_dealer', 2, 0.25, 20000]]
    """
    func = "segment_summary"
    cols = ["segment", "rooftops", "forms_revenue", "systems_revenue", "wallet"]
    x = _dealer_inputs(dealers, func, cols)
    codes, order = _segments(dealers, func)
    revenue = x["forms_revenue"] + x["systems_revenue"]
    rows = []
    for s in order:
        at = codes == s
        seed = SEED_DEALER_SEGMENTS.get(s, (None, None))
        rows.append({"segment": s, "dealers": int(at.sum()), "revenue": revenue[at].sum(),
                     "rooftops": x["rooftops"][at].sum(),
                     "forms_revenue": x["forms_revenue"][at].sum(),
                     "systems_revenue": x["systems_revenue"][at].sum(),
                     "wallet": x["wallet"][at].sum(), "seed_dealers": seed[0],
                     "seed_revenue_share": seed[1]})
    out = pd.DataFrame(rows)
    out.insert(2, "customers_share", out["dealers"] / len(codes))
    out.insert(4, "revenue_share", out["revenue"] / revenue.sum() if revenue.sum() else np.nan)
    out.insert(5, "revenue_per_dealer", out["revenue"] / out["dealers"])
    out.insert(10, "share_of_wallet", np.divide(out["revenue"], out["wallet"],
                                                out=np.full(len(out), np.nan),
                                                where=out["wallet"].to_numpy() > 0))
    out["seed_dealers"] = out["seed_dealers"].astype("Int64")
    return out


# ---------------------------------------------------------------------------------------
# 2. Today: duplicated coverage and cannibalisation
# ---------------------------------------------------------------------------------------

def _cost(channel, rooftops, channels):
    per_dealer, per_rooftop, _ = channels[channel]
    return per_dealer + per_rooftop * rooftops


def _today_cost(x, channels):
    calling = x["forms_rep"].astype(int) + x["systems_rep"].astype(int)
    rep = _cost("division_reps", x["rooftops"], channels)
    return np.where(calling > 0, calling * rep, _cost("telesales", x["rooftops"], channels))


def coverage_overlap(dealers: pd.DataFrame, *, channels=None) -> pd.DataFrame:
    """Who calls on whom today, what the double calls cost, and what one division took from the other.

    Columns out, one row per segment: ``segment``, ``dealers``, ``both_reps``,
    ``forms_only``, ``systems_only``, ``no_rep``, ``duplicated_cost`` (the second rep's
    cost at every dealer both divisions call on: one ``division_reps`` cost each),
    ``cost_to_serve`` (today's field cost: a ``division_reps`` cost per division that calls,
    the order desk — ``telesales`` — for dealers no rep calls on) and ``cannibalised``
    (systems revenue that replaced our own forms; 0 when the table has no such column).

    Raises
    ------
    MissingColumnsError, InvalidDataError, ParameterError.

    Notes
    -----
    Seed 000: "两个部门完全分离…开始相互蚕食对方的销售". Two reps at one dealer selling from one
    budget is the cost of the separation.

    >>> import pandas as pd
    >>> d = pd.DataFrame({"segment": ["key_chain", "key_chain"], "rooftops": [10, 20],
    ...                   "forms_rep": [True, True], "systems_rep": [True, False]})
    >>> o = coverage_overlap(d)
    >>> int(o.loc[0, "both_reps"]), float(o.loc[0, "duplicated_cost"]), float(o.loc[0, "cost_to_serve"])
    (1, 15000.0, 57000.0)
    """
    func = "coverage_overlap"
    x = _dealer_inputs(dealers, func, ["segment", "rooftops", "forms_rep", "systems_rep"])
    channels = _channels(channels, func)
    codes, order = _segments(dealers, func)
    cannibal = (numeric_column(dealers, "cannibalised", func=func).to_numpy()
                if "cannibalised" in dealers.columns else np.zeros(len(codes)))
    f, s = x["forms_rep"], x["systems_rep"]
    rep = _cost("division_reps", x["rooftops"], channels)
    today = _today_cost(x, channels)
    rows = []
    for seg in order:
        at = codes == seg
        both = at & f & s
        rows.append({"segment": seg, "dealers": int(at.sum()), "both_reps": int(both.sum()),
                     "forms_only": int((at & f & ~s).sum()),
                     "systems_only": int((at & s & ~f).sum()),
                     "no_rep": int((at & ~f & ~s).sum()),
                     "duplicated_cost": float(rep[both].sum()),
                     "cost_to_serve": float(today[at].sum()),
                     "cannibalised": float(cannibal[at].sum())})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------
# 3. Channels: profit per segment
# ---------------------------------------------------------------------------------------

def _assignment(assignment, order, channels, func):
    if assignment is None:
        assignment = TODAY
    if isinstance(assignment, str):
        assignment = dict.fromkeys(order, assignment)
    if not isinstance(assignment, dict):
        raise ParameterError(f"{func}(): assignment is a dict segment -> channel, one channel "
                             f"name for every segment, or None (today); got {assignment!r}.")
    missing = [s for s in order if s not in assignment]
    if missing:
        raise ParameterError(f"{func}(): assignment gives no channel for the segment(s) "
                             f"{missing}; it has {sorted(assignment)}. Name a channel for each, "
                             f"e.g. {{{missing[0]!r}: 'joint_rep'}}.", missing=missing)
    options = [TODAY, *(c for c in channels if c != "division_reps")]
    for seg, ch in assignment.items():
        if ch == "division_reps":
            raise ParameterError(f"{func}(): 'division_reps' is today's model, where each "
                                 f"division's rep calls as today; assign {TODAY!r} instead.")
        if ch not in options:
            raise ParameterError(f"{func}(): unknown channel {ch!r} for segment {seg!r}; choose "
                                 f"from {options}.", channel=ch)
    return assignment


def _economics(x, option, channels, rates):
    """Per-dealer arrays (extra revenue, gross margin, channel cost) when ``option`` serves all."""
    revenue = x["forms_revenue"] + x["systems_revenue"]
    margin_today = rates["forms"] * x["forms_revenue"] + rates["systems"] * x["systems_revenue"]
    rate = np.divide(margin_today, revenue, out=np.full(revenue.shape, rates["forms"]),
                     where=revenue > 0)
    if option == TODAY:
        return np.zeros_like(revenue), margin_today, _today_cost(x, channels)
    uplift = channels[option][2]
    headroom = np.maximum(x["wallet"] - revenue, 0.0)
    extra = np.clip(uplift * x["wallet"], -revenue, headroom)
    return extra, margin_today + rate * extra, _cost(option, x["rooftops"], channels)


def channel_economics(dealers: pd.DataFrame, assignment=None, *, channels=None,
                      margin_rates=None) -> pd.DataFrame:
    """Profit per segment when each segment is served through the channel ``assignment`` names.

    A channel costs its CNY per dealer + CNY per rooftop a year, and wins its share-of-wallet
    uplift: extra revenue = uplift × the dealer's wallet (at most the wallet not yet ours),
    at the dealer's own gross margin rate (its forms / systems mix, :data:`DEALER_MARGIN_RATES`).
    ``"today"`` is today's model: each division's reps where they call, the order desk
    elsewhere, no uplift.

    Parameters
    ----------
    dealers : one row per dealer with ``segment``, ``rooftops``, ``forms_revenue``,
        ``systems_revenue``, ``wallet``, ``forms_rep`` and ``systems_rep``.
    assignment : dict segment -> channel (one of :data:`DEALER_OPTIONS`, or a channel of
        your ``channels``), a single channel for every segment, or None (today).
    channels : dict like :data:`DEALER_CHANNELS` (default).
    margin_rates : dict like :data:`DEALER_MARGIN_RATES` (default).

    Returns
    -------
    One row per segment: ``segment``, ``channel``, ``dealers``, ``revenue`` (today's),
    ``extra_revenue``, ``gross_margin`` (on today's + extra revenue), ``channel_cost`` and
    ``profit`` (gross margin − channel cost), CNY a year.

    Raises
    ------
    MissingColumnsError, InvalidDataError, ParameterError (a segment without a channel, an
    unknown channel).

    >>> import pandas as pd
    >>> d = pd.DataFrame({"segment": ["multi_unit"], "rooftops": [10], "forms_revenue": [300_000],
    ...                   "systems_revenue": [300_000], "wallet": [2_000_000],
    ...                   "forms_rep": [True], "systems_rep": [True]})
    >>> channel_economics(d, "joint_rep")[["extra_revenue", "channel_cost", "profit"]].values.tolist()
    [[100000.0, 19000.0, 261000.0]]
    """
    func = "channel_economics"
    x = _dealer_inputs(dealers, func)
    channels = _channels(channels, func)
    rates = _rates(margin_rates, func)
    codes, order = _segments(dealers, func)
    assignment = _assignment(assignment, order, channels, func)
    revenue = x["forms_revenue"] + x["systems_revenue"]
    rows = []
    for seg in order:
        at = codes == seg
        sub = {k: v[at] for k, v in x.items()}
        extra, margin, cost = _economics(sub, assignment[seg], channels, rates)
        rows.append({"segment": seg, "channel": assignment[seg], "dealers": int(at.sum()),
                     "revenue": float(revenue[at].sum()), "extra_revenue": float(extra.sum()),
                     "gross_margin": float(margin.sum()), "channel_cost": float(cost.sum()),
                     "profit": float(margin.sum() - cost.sum())})
    return pd.DataFrame(rows)


def channel_table(dealers: pd.DataFrame, *, options=None, channels=None,
                  margin_rates=None) -> pd.DataFrame:
    """:func:`channel_economics` for every segment × every option, in one long table.

    Columns as :func:`channel_economics`; rows segment by segment, options in ``options``
    order (default :data:`DEALER_OPTIONS`; with your own ``channels``: today and each of
    them but ``division_reps``).

    >>> from kamlab import load_dataset
    >>> t = channel_table(load_dataset("dealers"))
    >>> t.groupby("segment", sort=False)["channel"].count().tolist()
    [4, 4, 4]
    """
    func = "channel_table"
    checked = _channels(channels, func)
    if options is None:
        options = [TODAY, *(c for c in checked if c != "division_reps")]
    frames = [channel_economics(dealers, o, channels=checked, margin_rates=margin_rates)
              for o in options]
    out = pd.concat(frames, ignore_index=True)
    order = {s: i for i, s in enumerate(frames[0]["segment"])}
    rank = out["segment"].map(order) * len(options) + np.repeat(np.arange(len(options)),
                                                                len(order))
    return out.iloc[np.argsort(rank.to_numpy(), kind="stable")].reset_index(drop=True)


@dataclass(frozen=True)
class BestAssignment:
    """Result of :func:`best_assignment`; money in CNY a year.

    ``assignment``: segment -> the most profitable channel. ``by_segment``: ``segment``,
    ``channel``, ``profit``, ``profit_today`` and ``profit_gain``. ``table``: every segment ×
    option (:func:`channel_table`).
    """

    assignment: dict
    by_segment: pd.DataFrame
    table: pd.DataFrame

    @property
    def profit_gain(self) -> float:
        """Profit gained over today's model, all segments."""
        return float(self.by_segment["profit_gain"].sum())


def best_assignment(dealers: pd.DataFrame, *, options=None, channels=None,
                    margin_rates=None) -> BestAssignment:
    """Which channel serves which segment best: the most profitable option per segment.

    Ties keep the first option in ``options`` order (today first by default: a change must
    pay to be chosen).

    Raises
    ------
    As :func:`channel_economics`.

    Notes
    -----
    Seed 000: true key accounts get key-account management; the multi-unit chains, the
    opportunity the company could not serve, get one rep for both lines; small dealers "need
    little attention". With our channel costs the data reproduce that split.

    >>> import pandas as pd
    >>> d = pd.DataFrame({"segment": ["small_dealer"] * 2, "rooftops": [1, 1],
    ...                   "forms_revenue": [20_000, 30_000], "systems_revenue": [0, 0],
    ...                   "wallet": [40_000, 50_000], "forms_rep": [True, False],
    ...                   "systems_rep": [False, False]})
    >>> best_assignment(d).assignment
    {'small_dealer': 'telesales'}
    """
    table = channel_table(dealers, options=options, channels=channels,
                          margin_rates=margin_rates)
    today = channel_economics(dealers, TODAY, channels=channels, margin_rates=margin_rates)
    today = today.set_index("segment")["profit"]
    rows = []
    for seg, group in table.groupby("segment", sort=False):
        best = group.iloc[int(np.argmax(group["profit"].to_numpy()))]
        rows.append({"segment": seg, "channel": best["channel"], "profit": best["profit"],
                     "profit_today": float(today[seg]),
                     "profit_gain": best["profit"] - float(today[seg])})
    by_segment = pd.DataFrame(rows)
    return BestAssignment(assignment=dict(zip(by_segment["segment"], by_segment["channel"])),
                          by_segment=by_segment, table=table)


# ---------------------------------------------------------------------------------------
# 4. Where KAM pays
# ---------------------------------------------------------------------------------------

def kam_payoff(dealers: pd.DataFrame, *, kam: str = "kam_team", channels=None,
               margin_rates=None) -> pd.DataFrame:
    """Key-account management per segment against the best other option: where it pays.

    Columns out, one row per segment: ``segment``, ``dealers``, ``channel_cost`` (what the
    KAM team costs there), ``extra_margin`` (gross margin its uplift wins), ``profit``
    (with KAM), ``alternative`` (the best other option), ``alternative_profit`` and
    ``kam_gain`` = profit − alternative profit (negative: what KAM would cost there).

    Raises
    ------
    As :func:`channel_economics`; ParameterError when ``kam`` is not a channel.

    Notes
    -----
    Seed 000: KAM for the true key accounts only. On the bundled data KAM for the 50 large
    chains adds profit over one joint rep; for the 500 multi-unit chains it would cost more
    than its uplift brings.

    >>> from kamlab import load_dataset
    >>> k = kam_payoff(load_dataset("dealers")).set_index("segment")
    >>> bool(k.loc["key_chain", "kam_gain"] > 0), bool(k.loc["multi_unit", "kam_gain"] < 0)
    (True, True)
    """
    func = "kam_payoff"
    checked = _channels(channels, func)
    if kam not in checked or kam == "division_reps":
        raise ParameterError(f"{func}(): kam must name a channel of channels, e.g. 'kam_team'; "
                             f"got {kam!r}.", kam=kam)
    table = channel_table(dealers, channels=checked, margin_rates=margin_rates)
    rows = []
    for seg, group in table.groupby("segment", sort=False):
        g = group.set_index("channel")
        others = g.drop(index=kam)
        alt = others.index[int(np.argmax(others["profit"].to_numpy()))]
        rows.append({"segment": seg, "dealers": int(g.loc[kam, "dealers"]),
                     "channel_cost": g.loc[kam, "channel_cost"],
                     "extra_margin": g.loc[kam, "gross_margin"] - g.loc[TODAY, "gross_margin"],
                     "profit": g.loc[kam, "profit"], "alternative": alt,
                     "alternative_profit": others.loc[alt, "profit"],
                     "kam_gain": g.loc[kam, "profit"] - others.loc[alt, "profit"]})
    return pd.DataFrame(rows)
