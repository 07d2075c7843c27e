"""Module 4 — proposal economics charts: seed 000's five economic tools (五项重要经济工具).

Waterfalls (negotiation erosion, pocket price, EVC), contract cash flows, the NPV tornado and
its Monte Carlo histogram, TCO per offer and the EVC value split; they draw
:mod:`kamlab.economics` results. The industry cost curve and competitors' bid ranges live in
:mod:`kamlab.plotting.industry_cost_curve` (re-exported here).
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt  # noqa: F401  (plot_waterfall's doctest)
import numpy as np
import pandas as pd

from kamlab._validate import require_columns
from kamlab.economics import EVC, ContractValue, ValueSplit, npv_summary
from kamlab.exceptions import ParameterError
from kamlab.i18n import resolve, t, value_label
from kamlab.plotting._style import (
    _AMBER,
    _BLUE,
    _GREEN,
    _GREY,
    _INK,
    _RED,
    _below_legend,
    _cny,
    _cny_scaled,
    _finish,
    _ink_on,
    _label_size,
    _money_axis,
    _new_axes,
    _pct,
    _plain,
    _plain_axis,
    _result_of,
    _signed_pct,
    _spread,
    _text,
    _tidy,
    _wrap,
)

# the industry cost curve and the bid ranges live in their own module; re-exported here so
# kamlab.plotting.economics.plot_cost_curve keeps working
from kamlab.plotting.industry_cost_curve import (  # noqa: F401
    _legend_columns,
    plot_bid_ranges,
    plot_cost_curve,
)

# --- waterfall --------------------------------------------------------------------------

#: First label of a waterfall table -> (title key, y-label key, unit key): the tables of
#: pocket_price_waterfall and evc(...).components get their own titles; anything else is
#: read as the negotiation case of erosion_waterfall (seed 000, 价值逐轮减少).
_WATERFALL_PRESETS = {
    "List price": ("waterfall.pocket.title", "waterfall.price_y", "unit.cny_per_unit"),
    "Reference product price": ("waterfall.evc.title", "waterfall.value_y",
                                "unit.cny_per_unit"),
}
_WATERFALL_DEFAULT = ("waterfall.title", "waterfall.y", "unit.index_100")


def _value_formatter(value_format, func: str):
    if value_format is None:
        return _plain
    if callable(value_format):
        return lambda v: str(value_format(v))
    if isinstance(value_format, str):
        try:
            value_format.format(1.5)
        except (ValueError, IndexError, KeyError):
            raise ParameterError(
                f"{func}(): value_format must be a format string such as '{{:,.1f}}' or a "
                f"function of the value; got {value_format!r}.") from None
        return value_format.format
    raise ParameterError(f"{func}(): value_format must be a format string such as '{{:,.1f}}' "
                         f"or a function of the value; got {type(value_format).__name__}.")


def _waterfall_table(steps, func: str) -> pd.DataFrame:
    for name in ("components", "steps"):  # an EVC result, or one with a .steps waterfall
        table = getattr(steps, name, None)
        if isinstance(table, pd.DataFrame):
            steps = table
            break
    if not isinstance(steps, pd.DataFrame):
        raise ParameterError(
            f"{func}(): pass the table of erosion_waterfall(...), pocket_price_waterfall(...) "
            f"or evc(...).components; got {type(steps).__name__}.", got=type(steps).__name__)
    require_columns(steps, ["label", "kind", "start", "end"], func=func)
    return steps


def _step_names(table: pd.DataFrame, lang: str) -> list[str]:
    """Step names in ``lang``: the caller's own ``label_zh`` if given, else the kit's label."""
    names = table["label"].astype(str).tolist()
    given = table["label_zh"].tolist() if "label_zh" in table.columns else names
    return [zh if lang == "zh" and isinstance(zh, str) and zh and zh != en
            else value_label("step", en, lang) for en, zh in zip(names, given)]


def plot_waterfall(steps, *, ax=None, lang=None, title=None, ylabel=None, unit=None,
                   value_format=None):
    """Waterfall: a starting level, the changes that move it, and subtotals on the way.

    Start and subtotal bars stand on zero in blue; a fall floats from the running total
    down in red, a rise up in green; thin lines join each bar's end to the next bar. Each
    bar carries its value: the change with its sign, or the level reached.

    Parameters
    ----------
    steps : output of :func:`~kamlab.economics.erosion_waterfall`,
        :func:`~kamlab.economics.pocket_price_waterfall` or ``evc(...).components`` (an
        :class:`~kamlab.economics.EVC` itself, or any result with such a table as
        ``.steps``, works too): ``label``, ``kind``
        (start/change/subtotal), ``start``, ``end``; ``label_zh`` for Chinese names.
    ax : Axes to draw on; a new figure (about 1 in per bar) when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    title, ylabel, unit : an i18n key or literal text. Defaults follow the table: the
        negotiation case (seed 000, 价值逐轮减少), indexed when it starts at 100, else in
        CNY (axis and values in CNY m / 万元 once they reach a million); the
        pocket-price waterfall ("List price" first) or the EVC ("Reference product
        price" first), both per unit in CNY. ``ylabel`` may use ``{unit}``.
    value_format : format string (``"{:,.1f}"``) or function for the bar values;
        default thousands separators (36,120; 94.5), or CNY amounts as above.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bar i has ``gid`` ``"waterfall:<i>"`` and spans ``start`` to ``end``.

    >>> from kamlab.economics import NEGOTIATION_ROUNDS, erosion_waterfall
    >>> ax = plot_waterfall(erosion_waterfall(NEGOTIATION_ROUNDS), lang="en")
    >>> [round(p.get_y() + p.get_height()) for p in ax.patches][:4]
    [100, 89, 51, 16]
    >>> plt.close("all")
    """
    lang = resolve(lang)
    func = "plot_waterfall"
    table = _waterfall_table(steps, func)
    fmt = _value_formatter(value_format, func)
    title_key, y_key, unit_key = _WATERFALL_PRESETS.get(
        str(table["label"].iloc[0]) if len(table) else "", _WATERFALL_DEFAULT)
    n = len(table)
    ax = _new_axes(ax, (max(6.5, 0.95 * n + 2.2), 4.8))
    kind = table["kind"].astype(str).to_numpy()
    start = table["start"].to_numpy(dtype="float64")
    end = table["end"].to_numpy(dtype="float64")
    # the negotiation case in CNY rather than indexed to 100: money labels and axis
    money = (title_key == "waterfall.title" and n > 0 and not np.isclose(end[0], 100)
             and unit is None and value_format is None)
    if money:
        title_key = "waterfall.title_cny"

        top = float(np.nanmax(np.abs(end))) if n else 0.0

        def fmt(v):  # one scale for every bar, so −0.4m sits beside 3.9m
            return _cny_scaled(v, lang, top)
    level = kind != "change"
    x = np.arange(n)
    w = 0.62
    colours = np.where(level, _BLUE, np.where(end >= start, _GREEN, _RED))
    bars = ax.bar(x, end - start, w, bottom=start, color=colours)
    for i, bar in enumerate(bars):
        bar.set_gid(f"waterfall:{i}")
    for i in range(n - 1):  # connectors: bar i's end -> bar i + 1
        ax.plot([x[i] + w / 2, x[i + 1] - w / 2], [end[i], end[i]], color="#8a8a8a", lw=0.8,
                gid=f"waterfall:connector:{i}")
    texts = []
    for i in range(n):
        change = end[i] - start[i]
        text = fmt(end[i]) if level[i] else ("0" if change == 0 else fmt(change))
        if not level[i] and change > 0 and not text.startswith("+"):
            text = "+" + text
        texts.append(text)
    ax.set_xlim(-0.6, n - 0.4)
    size = _label_size(ax, texts, slot=1.0)
    for i, text in enumerate(texts):
        up = end[i] >= start[i]
        ax.annotate(text, (x[i], max(start[i], end[i]) if up else min(start[i], end[i])),
                    xytext=(0, 3 if up else -3), textcoords="offset points", ha="center",
                    va="bottom" if up else "top", fontsize=size, gid=f"waterfall:value:{i}")
    levels = np.r_[start, end, 0.0]
    lo, hi = float(np.nanmin(levels)), float(np.nanmax(levels))
    pad = 0.1 * ((hi - lo) or 1.0)
    ax.set_ylim(lo - pad if lo < 0 else 0.0, hi + pad)
    if lo < 0:
        ax.axhline(0, color=_INK, lw=0.8)
    ax.set_xticks(x, [_wrap(s, 12 if n <= 7 else 9) for s in _step_names(table, lang)])
    if money:
        unit_text = _money_axis(ax, max(abs(lo), abs(hi)), lang, "y")
    else:
        _plain_axis(ax, "y")
        unit_text = _text(unit, lang, unit_key)
    _tidy(ax, grid="y")
    _finish(ax, title=_text(title, lang, title_key), xlabel="",
            ylabel=_text(ylabel, lang, y_key, unit=unit_text))
    return ax


# --- contract value ---------------------------------------------------------------------

def _payback(pv: np.ndarray, cum: np.ndarray):
    """(year, x) where the cumulative PV first turns from negative to ≥ 0, or None; x is
    where the drawn line crosses zero."""
    for k in range(1, len(cum)):
        if cum[k - 1] < 0 <= cum[k]:
            return k, (k - 1) + (-cum[k - 1]) / pv[k]
    return None


def plot_cashflows(cv, *, ax=None, lang=None, price_unit=None):
    """A contract's present value year by year, the cumulative line and its NPV box.

    Bars are each year's cash flow discounted to today (year 0 is the up-front
    investment, red); the line adds them up, so it ends at the NPV and crosses zero in
    the (discounted) break-even year, marked with a diamond. A box gives the NPV, the IRR
    and the walk-away price (NPV = 0) against the first-year price.

    Parameters
    ----------
    cv : result of :func:`~kamlab.economics.contract_value`.
    ax : Axes to draw on; a new 8×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    price_unit : unit of the prices, an i18n key or text; default "CNY/unit"
        (``"unit.cny_per_t"`` gives CNY/t, 元/吨).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"cashflow:<year>"``, the line ``"cashflow:cumulative"``,
        the break-even marker ``"cashflow:breakeven"``, the box ``"cashflow:summary"``.
    """
    lang = resolve(lang)
    func = "plot_cashflows"
    cf = _result_of(cv, ContractValue, "contract_value(...)", func).cashflows
    years = cf["year"].to_numpy(dtype="int64")
    pv = cf["present_value"].to_numpy(dtype="float64")
    cum = cf["cumulative_pv"].to_numpy(dtype="float64")
    ax = _new_axes(ax, (max(8.0, 0.5 * len(years) + 4.5), 4.8))
    bars = ax.bar(years, pv, 0.6, color=[_RED if v < 0 else _BLUE for v in pv])
    for year, bar in zip(years, bars):
        bar.set_gid(f"cashflow:{year}")
    ax.plot(years, cum, "o-", color=_AMBER, lw=2, ms=5, mec="white", zorder=3,
            gid="cashflow:cumulative")
    ax.axhline(0, color=_INK, lw=0.8)
    handles = [mpl.patches.Patch(color=_BLUE, label=t("cashflow.pv", lang))]
    if pv[0] < 0:
        handles.append(mpl.patches.Patch(color=_RED, label=t("cashflow.investment", lang)))
    handles.append(mpl.lines.Line2D([], [], color=_AMBER, lw=2, marker="o",
                                    label=t("cashflow.cumulative", lang)))
    payback = _payback(pv, cum)
    if payback is not None:
        k, xb = payback
        label = t("cashflow.breakeven", lang, year=k)
        ax.plot([xb], [0.0], "D", ms=8, color=_GREEN, mec="white", zorder=4,
                gid="cashflow:breakeven")
        ax.annotate(label, (xb, 0.0), xytext=(8, -10), textcoords="offset points",
                    ha="left", va="top", fontsize=9.5, color=_GREEN)

    unit_price = _text(price_unit, lang, "unit.cny_per_unit")
    lines = [t("cashflow.npv", lang, rate=_pct(cv.rate), npv=_cny(cv.npv, lang)),
             t("cashflow.irr", lang, irr=_pct(cv.irr)) if np.isfinite(cv.irr)
             else t("cashflow.irr_na", lang)]
    if np.isfinite(cv.walk_away_price):
        lines.append(t("cashflow.walk_away", lang, price=_plain(cv.walk_away_price),
                       unit=unit_price, diff=_signed_pct(cv.walk_away_price / cv.start_price - 1)))
    if payback is None and cum[-1] < 0:
        lines.append(t("cashflow.no_payback", lang, years=int(years[-1])))
    ax.text(0.015, 0.97, "\n".join(lines), transform=ax.transAxes, ha="left", va="top",
            fontsize=9.5, linespacing=1.5, gid="cashflow:summary", zorder=5,
            bbox={"boxstyle": "round,pad=0.45", "fc": "white", "ec": _GREY, "alpha": 0.95})

    top = max(float(np.nanmax(np.r_[pv, cum])), 0.0)
    bottom = min(float(np.nanmin(np.r_[pv, cum])), 0.0)
    span = (top - bottom) or 1.0
    ax.set_ylim(bottom - 0.1 * span, top + 0.36 * span)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    unit = _money_axis(ax, max(abs(top), abs(bottom)), lang, "y")
    _tidy(ax, grid="y")
    _below_legend(ax, handles, _legend_columns(ax, handles))  # narrower in projector mode
    _finish(ax, title=t("cashflow.title", lang, years=int(years[-1])),
            xlabel=t("cashflow.x", lang), ylabel=t("cashflow.y", lang, unit=unit))
    return ax


_FRACTION_INPUTS = ("price_down", "cost_down", "rate")


def _input_value(name: str, v: float, lang: str) -> str:
    if name in _FRACTION_INPUTS:
        return _pct(v)
    if name == "investment":
        return _cny(v, lang)
    return _plain(v)


def _tornado_pct(table: pd.DataFrame) -> int | None:
    """The relative move behind a sensitivity table, read back from its values."""
    if not {"base_value", "low_value"} <= set(table.columns):
        return None
    base = table["base_value"].to_numpy(dtype="float64")
    low = table["low_value"].to_numpy(dtype="float64")
    ok = base != 0
    if not ok.any():
        return None
    return round(float(np.median(1 - low[ok] / base[ok])) * 100)


def plot_tornado(sens: pd.DataFrame, *, ax=None, lang=None, n: int | None = None):
    """Tornado of the contract NPV: each input moved down and up, biggest swing on top.

    Each row floats from the base NPV to the NPV with the input at its low value (blue)
    and at its high value (amber); the tick label names the input with its low → high
    values. A line marks the base NPV, a red dashed line NPV = 0 when it is in view.

    Parameters
    ----------
    sens : output of :func:`~kamlab.economics.npv_sensitivity` (``input``, ``npv_low``,
        ``npv_high``, ``base_npv``; ``low_value``, ``high_value``,
        ``base_value`` and ``swing`` used when present).
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    n : show only the ``n`` inputs with the biggest swing (None: all).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"tornado:<input>:low"`` / ``":high"``: each spans
        ``base_npv`` to ``npv_low`` / ``npv_high``.
    """
    lang = resolve(lang)
    func = "plot_tornado"
    require_columns(sens, ["input", "npv_low", "npv_high", "base_npv"], func=func)
    if n is not None and not (isinstance(n, (int, np.integer)) and n >= 1):
        raise ParameterError(f"{func}(): n must be a whole number ≥ 1 or None; got {n!r}.")
    low = sens["npv_low"].to_numpy(dtype="float64")
    high = sens["npv_high"].to_numpy(dtype="float64")
    swing = (sens["swing"].to_numpy(dtype="float64") if "swing" in sens.columns
             else np.abs(high - low))
    table = sens.iloc[np.argsort(-swing, kind="stable")[:n]]
    low = table["npv_low"].to_numpy(dtype="float64")
    high = table["npv_high"].to_numpy(dtype="float64")
    base = float(table["base_npv"].iloc[0])
    m = len(table)
    ax = _new_axes(ax, (8.5, 0.62 * m + 2.4))
    y = np.arange(m)[::-1]  # biggest swing on top
    pct = _tornado_pct(table)
    names = {"low": t("tornado.low", lang, pct=pct) if pct else t("tornado.low_any", lang),
             "high": t("tornado.high", lang, pct=pct) if pct else t("tornado.high_any", lang)}
    for side, values, colour in (("low", low, _BLUE), ("high", high, _AMBER)):
        bars = ax.barh(y, values - base, left=base, height=0.6, color=colour)
        for bar, name, v, other in zip(bars, table["input"], values,
                                       high if side == "low" else low):
            bar.set_gid(f"tornado:{name}:{side}")
            if v != base or other != base:
                right = v >= base if v != base else other < base
                ax.annotate(_cny(v, lang), (v, bar.get_y() + bar.get_height() / 2),
                            xytext=(4 if right else -4, 0), textcoords="offset points",
                            ha="left" if right else "right", va="center", fontsize=8.5,
                            color="#444444")
    ticks = []
    for _, row in table.iterrows():
        name = str(row["input"])
        label = value_label("input", name, lang)
        if {"low_value", "high_value"} <= set(table.columns):
            label += (f"\n{_input_value(name, row['low_value'], lang)} → "
                      f"{_input_value(name, row['high_value'], lang)}")
        ticks.append(label)
    ax.set_yticks(y, ticks)
    ends = np.r_[low, high, base]
    lo, hi = float(np.nanmin(ends)), float(np.nanmax(ends))
    pad = 0.22 * ((hi - lo) or abs(base) or 1.0)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(-0.7, m - 0.3)
    base_line = ax.axvline(base, color=_INK, lw=1.3, label=t("tornado.base", lang,
                                                             npv=_cny(base, lang)))
    handles = [mpl.patches.Patch(color=_BLUE, label=names["low"]),
               mpl.patches.Patch(color=_AMBER, label=names["high"]), base_line]
    if lo - pad < 0 < hi + pad:
        handles.append(ax.axvline(0, color=_RED, lw=1.2, ls="--", gid="tornado:zero",
                                  label=t("tornado.zero", lang)))
    unit = _money_axis(ax, max(abs(lo), abs(hi)), lang, "x")
    _tidy(ax, grid="x")
    _below_legend(ax, handles, 2)
    _finish(ax, title=t("tornado.title", lang, pct=pct) if pct else t("tornado.title_any", lang),
            xlabel=t("tornado.x", lang, unit=unit), ylabel=t("tornado.y", lang))
    return ax


_LOSS_FILL, _GAIN_FILL = "#d98080", "#8fb8d8"  # light, so the percentile lines read


def _bin_edges(x: np.ndarray, bins: int) -> np.ndarray:
    """About ``bins`` equal bins covering ``x``, with 0 as an edge when 0 is inside, so no
    bin mixes losses and gains."""
    lo, hi = float(x.min()), float(x.max())
    if hi == lo:
        pad = max(abs(lo) * 0.01, 1.0)
        lo, hi = lo - pad, hi + pad
    w = (hi - lo) / bins
    if lo < 0 < hi:
        edges = w * np.arange(np.floor(lo / w), np.ceil(hi / w) + 1)
        edges[0], edges[-1] = min(edges[0], lo), max(edges[-1], hi)
        return edges
    return np.linspace(lo, hi, bins + 1)


def plot_npv_distribution(draws, *, ax=None, lang=None, bins: int = 50):
    """Histogram of simulated contract NPVs: the loss side red, P5 / P50 / P95 marked.

    Zero is always a bin edge, so the red bars hold exactly the draws with NPV < 0; the
    title gives their share, P(NPV < 0).

    Parameters
    ----------
    draws : the Series of :func:`~kamlab.economics.simulate_npv` (any list of NPVs).
    ax : Axes to draw on; a new 8×5.2 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    bins : about how many bins (≥ 2).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"npv:loss"`` (left of 0) or ``"npv:gain"``, the lines
        ``"npv:p5"``, ``"npv:p50"``, ``"npv:p95"``.
    """
    lang = resolve(lang)
    func = "plot_npv_distribution"
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 2:
        raise ParameterError(f"{func}(): bins must be a whole number ≥ 2; got {bins!r}.")
    summary = npv_summary(draws)
    x = np.asarray(draws, dtype="float64")
    counts, edges = np.histogram(x, _bin_edges(x, int(bins)))
    loss = edges[:-1] < 0
    ax = _new_axes(ax, (8, 5.2))
    bars = ax.bar(edges[:-1], counts, np.diff(edges), align="edge",
                  color=np.where(loss, _LOSS_FILL, _GAIN_FILL), edgecolor="white",
                  linewidth=0.4)
    for bar, is_loss in zip(bars, loss):
        bar.set_gid("npv:loss" if is_loss else "npv:gain")
    handles = [mpl.patches.Patch(color=_LOSS_FILL, label=t("npv_dist.loss", lang,
                                                           prob=_pct(summary.prob_loss))),
               mpl.patches.Patch(color=_GAIN_FILL, label=t("npv_dist.gain", lang))]
    for key, value, style in (("p5", summary.p5, ":"), ("p50", summary.p50, "-"),
                              ("p95", summary.p95, "--")):
        handles.append(ax.axvline(value, color=_INK, lw=1.8, ls=style, gid=f"npv:{key}",
                                  label=t(f"npv_dist.{key}", lang, value=_cny(value, lang))))
    ax.set_ylim(0, max(int(counts.max()), 1) * 1.08)
    unit = _money_axis(ax, float(np.abs(edges).max()), lang, "x")
    _tidy(ax, grid="y")
    _below_legend(ax, handles, 2)
    _finish(ax, title=t("npv_dist.title", lang, n=f"{summary.n:,}",
                        prob=_pct(summary.prob_loss)),
            xlabel=t("npv_dist.x", lang, unit=unit), ylabel=t("npv_dist.y", lang))
    return ax


# --- customer economics: TCO and EVC ----------------------------------------------------

_TCO_PARTS = (("price", _BLUE), ("acquisition", "#5fa8d3"), ("operating_pv", _AMBER),
              ("end_of_life_pv", _GREY))


def plot_tco(table: pd.DataFrame, *, ax=None, lang=None, offer: str = "offer"):
    """Total cost of ownership per offer: price, acquisition, operating and end-of-life
    costs (present values) stacked, the total on top, the cheapest offers marked.

    A negative end-of-life value (a resale value) hangs below zero and the black tick
    marks the total. "Lowest price" and "Lowest TCO" name the winners; the lowest-TCO
    offer is outlined in green. When lives differ, the cost a year (``tco_per_year``)
    is shown too, and its winner marked: offers with different lives compare on it.

    Parameters
    ----------
    table : output of :func:`~kamlab.economics.total_cost_of_ownership` (``tco``).
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    offer : the offer-name column.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; segments have ``gid`` ``"tco:<part>:<offer>"`` (part: price, acquisition,
        operating_pv, end_of_life_pv), the outline ``"tco:lowest_tco"``, the marks texts
        with ``gid`` ``"tco:lowest_price:<offer>"`` and ``"tco:lowest_tco:<offer>"``.
    """
    lang = resolve(lang)
    func = "plot_tco"
    require_columns(table, [offer, "price", "tco"], func=func)
    names = table[offer].astype(str).tolist()
    m = len(table)
    ax = _new_axes(ax, (max(6.5, 1.5 * m + 3.0), 5.2))
    x = np.arange(m)
    w = 0.58
    pos = np.zeros(m)
    neg = np.zeros(m)
    handles = []
    for part, colour in _TCO_PARTS:
        if part not in table.columns:
            continue
        values = table[part].to_numpy(dtype="float64")
        bottoms = np.where(values >= 0, pos, neg)
        bars = ax.bar(x, values, w, bottom=bottoms, color=colour, edgecolor="white",
                      linewidth=0.6)
        for bar, name in zip(bars, names):
            bar.set_gid(f"tco:{part}:{name}")
        pos += np.where(values >= 0, values, 0.0)
        neg += np.where(values < 0, values, 0.0)
        handles.append(mpl.patches.Patch(color=colour, label=t(f"tco.{part}", lang)))
    tco = table["tco"].to_numpy(dtype="float64")
    ax.hlines(tco, x - w / 2, x + w / 2, color=_INK, lw=2, zorder=4, gid="tco:total")
    lives = (table["life_years"].to_numpy() if "life_years" in table.columns else None)
    per_year = lives is not None and len(set(lives.tolist())) > 1 \
        and "tco_per_year" in table.columns
    rank_price = table["price"].rank(method="min").to_numpy()
    rank_tco = pd.Series(tco).rank(method="min").to_numpy()
    best_year = (table["tco_per_year"].rank(method="min").to_numpy() == 1) if per_year \
        else np.zeros(m, dtype=bool)
    for i in range(m):
        lines = [_cny(tco[i], lang)]
        if per_year:
            lines.append(t("tco.per_year", lang,
                           value=_cny(table["tco_per_year"].iloc[i], lang)))
        ax.annotate("\n".join(lines), (x[i], pos[i]), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=10, color=_INK,
                    gid=f"tco:value:{names[i]}")
        marks = []
        if rank_tco[i] == 1:
            marks.append(("lowest_tco", _GREEN))
        if best_year[i] and rank_tco[i] != 1:
            marks.append(("lowest_per_year", _GREEN))
        if rank_price[i] == 1:
            marks.append(("lowest_price", _BLUE))
        dy = 4 + 13 * len(lines) + 4
        for key, colour in marks:
            ax.annotate(t(f"tco.{key}", lang), (x[i], pos[i]), xytext=(0, dy),
                        textcoords="offset points", ha="center", va="bottom", fontsize=9.5,
                        color=colour, gid=f"tco:{key}:{names[i]}")
            dy += 14
        if rank_tco[i] == 1:
            ax.add_patch(mpl.patches.Rectangle(
                (x[i] - w / 2 - 0.05, min(neg[i], 0.0)), w + 0.1, pos[i] - min(neg[i], 0.0),
                fill=False, edgecolor=_GREEN, lw=2.5, zorder=5, gid="tco:lowest_tco"))
    top = float(pos.max()) if m else 1.0
    bottom = float(neg.min()) if m else 0.0
    ax.set_ylim(bottom * 1.25 if bottom < 0 else 0.0, top * 1.38 if top > 0 else 1.0)
    ax.set_xlim(-0.7, m - 0.3)
    if bottom < 0:
        ax.axhline(0, color=_INK, lw=0.8)
    ticks = []
    for i, name in enumerate(names):
        label = _wrap(name, 16)
        if lives is not None:
            label += "\n" + t("tco.life", lang, n=int(lives[i]))
        ticks.append(label)
    ax.set_xticks(x, ticks)
    unit = _money_axis(ax, max(abs(top), abs(bottom)), lang, "y")
    _tidy(ax, grid="y")
    _below_legend(ax, handles, len(handles), gap=1.05)
    _finish(ax, title=t("tco.title", lang), xlabel=t("tco.x", lang),
            ylabel=t("tco.y", lang, unit=unit))
    return ax


def plot_value_split(split, *, ax=None, lang=None, unit=None):
    """The EVC value pool: how our price splits it between the customer and us.

    One column: the reference product's price (grey), our premium above it (blue; red
    when the price is below the reference), then the customer's incentive to switch up to
    the EVC (green; red when the price is above the EVC). The price and the EVC are
    lines across the column; a bracket on the left spans the value pool.

    Parameters
    ----------
    split : ``evc(...).split(price)`` (a :class:`~kamlab.economics.ValueSplit`), or an
        :class:`~kamlab.economics.EVC` made with ``price=``.
    ax : Axes to draw on; a new 7.5×5.2 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    unit : i18n key or text; default ``"unit.cny_per_unit"``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; segments have ``gid`` ``"value_split:reference"`` (0 to the reference
        price), ``"value_split:premium"`` (from the reference price, height = premium) and
        ``"value_split:incentive"`` (from the price, height = incentive); the price line
        ``"value_split:price"``.
    """
    lang = resolve(lang)
    func = "plot_value_split"
    if isinstance(split, EVC):
        if split.price is None:
            raise ParameterError(f"{func}(): this EVC has no price; make it with "
                                 "evc(..., price=...) or pass evc(...).split(price).")
        split = split.split(split.price)
    if not isinstance(split, ValueSplit):
        raise ParameterError(f"{func}(): pass evc(...).split(price); got "
                             f"{type(split).__name__}.", got=type(split).__name__)
    ref, price, value = split.reference_price, split.price, split.value
    ax = _new_axes(ax, (7.5, 5.2))
    w = 0.7
    ax.bar(0, ref, w, color=_GREY, gid="value_split:reference")
    ax.bar(0, split.customer_incentive, w, bottom=price,
           color=_GREEN if split.customer_incentive >= 0 else _RED, gid="value_split:incentive")
    ax.bar(0, split.premium, w, bottom=ref, color=_BLUE if split.premium >= 0 else _RED,
           hatch=None if split.premium >= 0 else "//", gid="value_split:premium")
    ax.hlines(price, -w / 2 - 0.06, w / 2 + 0.06, color=_INK, lw=2.4, zorder=4,
              gid="value_split:price")
    ax.hlines(value, -w / 2 - 0.06, w / 2 + 0.06, color=_INK, lw=1.3, ls="--", zorder=4,
              gid="value_split:evc")
    fmt = _plain

    def with_share(text, x):
        return t("value_split.with_share", lang, text=text, share=_pct(x)) if np.isfinite(x) \
            else text

    items = [(value, t("value_split.evc", lang, value=fmt(value)), _INK),
             (price, t("value_split.price", lang, value=fmt(price)), _INK)]
    inc_key = "value_split.incentive" if split.customer_incentive >= 0 else \
        "value_split.no_incentive"
    items.append(((price + value) / 2,
                  with_share(t(inc_key, lang, value=fmt(split.customer_incentive)),
                             split.customer_share),
                  _GREEN if split.customer_incentive >= 0 else _RED))
    prem_key = "value_split.premium" if split.premium >= 0 else "value_split.given_away"
    items.append(((ref + price) / 2,
                  with_share(t(prem_key, lang, value=fmt(split.premium)), split.our_share),
                  _BLUE if split.premium >= 0 else _RED))
    top = max(ref, price, value)
    ax.set_ylim(0, top * 1.1)
    ax.set_xlim(-1.05, 2.2)
    texts = [_wrap(text, 32) for _, text, _ in items]
    axes_in = ax.get_position().height * ax.figure.get_size_inches()[1]
    line = 9.5 * 1.35 / 72 / axes_in * top * 1.1  # one text line in data units
    ys = _spread([y for y, _, _ in items], [(s.count("\n") + 1) * line + 0.4 * line
                                             for s in texts])
    for (target, _, colour), text, yl in zip(items, texts, ys):
        ax.annotate(text, (w / 2 + 0.02, target), xytext=(w / 2 + 0.22, yl),
                    textcoords="data", ha="left", va="center", fontsize=9.5, color=colour,
                    arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.8,
                                "shrinkA": 0, "shrinkB": 2})
    ax.text(0, ref / 2, t("value_split.reference", lang, value=fmt(ref)),
            ha="center", va="center", fontsize=9.5, color=_ink_on(_GREY))
    if value != ref:  # the value pool, as a bracket on the left
        xb = -w / 2 - 0.12
        ax.annotate("", (xb, ref), xytext=(xb, value), textcoords="data",
                    arrowprops={"arrowstyle": "|-|,widthA=0.3,widthB=0.3", "color": _INK,
                                "lw": 1.0, "shrinkA": 0, "shrinkB": 0})
        ax.text(xb - 0.06, (ref + value) / 2, t("value_split.pool", lang, value=fmt(value - ref)),
                ha="right", va="center", fontsize=9.5, color=_INK)
    ax.set_xticks([0], [t("value_split.offer", lang)])
    _plain_axis(ax, "y")
    _tidy(ax, grid="y")
    _finish(ax, title=t("value_split.title", lang), xlabel="",
            ylabel=t("value_split.y", lang, unit=_text(unit, lang, "unit.cny_per_unit")))
    return ax
