"""Module 4 — the industry cost curve and competitors' bid ranges (seed 000, 行业成本曲线 and
竞争者成本分析); they draw :mod:`kamlab.economics.industry_cost_curve` results.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd

from kamlab._validate import require_columns
from kamlab.economics import MarketClearing
from kamlab.exceptions import ParameterError
from kamlab.i18n import resolve, t
from kamlab.plotting._style import (
    _AMBER,
    _BLUE,
    _GREY,
    _INK,
    _RED,
    _TIER_COLOURS,
    _as_list,
    _below_legend,
    _finish,
    _fits,
    _ink_on,
    _new_axes,
    _plain,
    _plain_axis,
    _short_name,
    _text,
    _text_pts,
    _tidy,
)

# --- industry cost curve and competitors ------------------------------------------------

_STATUS_COLOURS = {"runs": _BLUE, "marginal": _AMBER, "idle": _GREY}
#: Other companies when one is highlighted: light, distinct, all paler than ours.
_MUTED = ("#b9c3cf", "#a9cbe6", "#cbbbe3", "#f3d19c", "#b3dcc0", "#e8b4b4", "#d8c6ad",
          "#c9d1a6")


def _company_colours(companies: list, highlight) -> dict:
    ours = set(highlight)
    if ours:
        others = [c for c in companies if c not in ours]
        colours = {c: _MUTED[i % len(_MUTED)] for i, c in enumerate(others)}
        colours.update({c: _BLUE if i == 0 else _AMBER for i, c in
                        enumerate(c for c in companies if c in ours)})
        return colours
    return {c: _TIER_COLOURS[i % len(_TIER_COLOURS)] for i, c in enumerate(companies)}


def _name_marginal(ax, name: str, x: float, h: float, top: float, bar_pts: float) -> None:
    """The marginal plant's name, larger than the others and on a white box with a dark
    edge: upright inside its bar when the bar has room, else above it on a leader line."""
    size = 10
    y_pts = ax.get_position().height * ax.figure.get_size_inches()[1] * 72
    box = {"boxstyle": "round,pad=0.3", "fc": "white", "ec": _INK, "lw": 1.0}
    if bar_pts >= 1.2 * size and h / (top * 1.16) * y_pts >= _text_pts(name, size) + 14:
        ax.text(x, top * 0.03, name, ha="center", va="bottom", rotation=90, fontsize=size,
                color=_INK, bbox=box, zorder=6, gid=f"cost_curve:name:{name}")
    else:
        ax.annotate(name, (x, h), xytext=(0, 16), textcoords="offset points", ha="center",
                    va="bottom", fontsize=size, color=_INK, bbox=box, zorder=6,
                    gid=f"cost_curve:name:{name}",
                    arrowprops={"arrowstyle": "-", "color": _INK, "lw": 0.8})


def _legend_columns(ax, handles) -> int:
    """Two rows of legend entries (one when five or fewer), or fewer columns when that is
    wider than the figure (projector mode): a legend wider than the figure squeezes the
    chart. Entries fill columns top to bottom, as matplotlib places them."""
    n = len(handles)
    width = ax.figure.get_size_inches()[0] * 72 - 20
    texts = [0.9 * _text_pts(h.get_label(), 9.5) + 46 for h in handles]  # + handle and gaps
    for ncol in range(n if n <= 5 else -(-n // 2), 1, -1):
        rows = -(-n // ncol)
        if sum(max(texts[i:i + rows]) for i in range(0, n, rows)) <= width:
            return ncol
    return 1


def plot_cost_curve(curve, *, demand=None, price=None, ax=None, lang=None, highlight=None,
                    colour_by: str = "company", owner: str = "company", cost: str = "cash_cost",
                    plant: str = "plant", capacity_unit=None, price_unit=None,
                    plant_names: bool = True):
    """The industry cost curve: one bar per plant, as wide as its capacity, as high as its
    cash cost, cheapest first; demand, the clearing price and the marginal plant marked.

    Bars are coloured by company (the ``highlight`` company — ours — in strong blue, the
    others pale) or by status (runs / marginal / idle). The marginal plant, which sets the
    price, is hatched with a dark outline and named on a white box (inside its bar,
    or above it when the bar is too small); the price line names it too. Other plants'
    names are written inside the bars that have room (upright when the bar is narrow).

    Parameters
    ----------
    curve : output of :func:`~kamlab.economics.cost_curve` (``plant``, ``left``, ``width``
        and the cost column), or a :class:`~kamlab.economics.MarketClearing` (its curve,
        demand and price are used).
    demand : the market demand; read from ``dispatched`` when the curve has it.
    price : the clearing price; default the cash cost of the marginal plant.
    ax : Axes to draw on; a new 9.5×5.4 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    highlight : a company name (or several) to pick out, e.g. our own.
    plant_names : write each plant's name in its bar (the marginal plant is always named).
        Dashboards leave them out: a name costs more to draw than a bar.
    colour_by : ``"company"`` (needs ``owner``) or ``"status"`` (needs a curve with demand).
    owner, cost, plant : column names.
    capacity_unit, price_unit : i18n key or text; default ``"unit.kt"`` (kt, 千吨) and
        ``"unit.cny_per_t"`` (CNY/t, 元/吨).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"cost_curve:<plant>"`` (x = ``left``, width =
        capacity, height = cash cost); plant names ``"cost_curve:name:<plant>"``; the
        price text ``"cost_curve:price"``.
    """
    lang = resolve(lang)
    func = "plot_cost_curve"
    if isinstance(curve, MarketClearing):
        demand = curve.demand if demand is None else demand
        price = curve.price if price is None else price
        curve = curve.curve
    require_columns(curve, [plant, "left", "width", cost], func=func)
    if colour_by not in ("company", "status"):
        raise ParameterError(f"{func}(): colour_by must be 'company' or 'status'; got "
                             f"{colour_by!r}.", colour_by=colour_by)
    if colour_by == "status" and "status" not in curve.columns:
        raise ParameterError(f"{func}(): colour_by='status' needs the plants' status: pass "
                             "cost_curve(plants, demand=...) or market_clearing(...).")
    left = curve["left"].to_numpy(dtype="float64")
    width = curve["width"].to_numpy(dtype="float64")
    height = curve[cost].to_numpy(dtype="float64")
    names = curve[plant].astype(str).tolist()
    total = float((left + width).max()) if len(curve) else 0.0
    if demand is None and "dispatched" in curve.columns:
        demand = float(curve["dispatched"].sum())
    marginal = -1
    if "marginal" in curve.columns and curve["marginal"].any():
        marginal = int(np.flatnonzero(curve["marginal"].to_numpy(dtype=bool))[0])
    elif demand is not None:
        reached = (left + width >= float(demand) * (1 - 1e-9)) & (width > 0)
        marginal = int(np.argmax(reached)) if reached.any() else -1
    if price is None and marginal >= 0:
        price = float(height[marginal])
    ours = _as_list(highlight)

    ax = _new_axes(ax, (9.5, 5.4))
    handles = []
    if colour_by == "status":
        status = curve["status"].astype(str).tolist()
        colours = [_STATUS_COLOURS.get(s, _GREY) for s in status]
        handles = [mpl.patches.Patch(color=c, label=t(f"plant_status.{s}", lang))
                   for s, c in _STATUS_COLOURS.items() if s in status]
    elif owner in curve.columns:
        companies = list(dict.fromkeys(curve[owner].astype(str)))
        palette = _company_colours(companies, [str(h) for h in ours])
        colours = [palette[c] for c in curve[owner].astype(str)]
        handles = [mpl.patches.Patch(
            color=palette[c], label=t("cost_curve.us", lang, name=c) if c in map(str, ours) else c)
            for c in companies]
    else:
        colours = [_BLUE] * len(curve)
    bars = ax.bar(left, height, width, align="edge", color=colours, edgecolor="white",
                  linewidth=0.8)
    for i, (bar, name) in enumerate(zip(bars, names)):
        bar.set_gid(f"cost_curve:{name}")
        if i == marginal:
            bar.set(hatch="//", edgecolor=_INK, linewidth=1.6, zorder=3)
    if marginal >= 0 and colour_by != "status":  # status colours name it already
        handles.append(mpl.patches.Patch(facecolor="white", edgecolor=_INK, hatch="//",
                                         label=t("cost_curve.marginal", lang)))

    top = max(float(np.nanmax(height)) if len(height) else 1.0, float(price or 0.0))
    ax.set_ylim(0, top * 1.16)
    ax.set_xlim(0, max(total, float(demand or 0.0)) * 1.01 or 1.0)
    cap_unit = _text(capacity_unit, lang, "unit.kt")
    cost_unit = _text(price_unit, lang, "unit.cny_per_t")
    size = 8.5
    y_pts = ax.get_position().height * ax.figure.get_size_inches()[1] * 72
    for i, (name, x0, w, h) in enumerate(zip(names, left, width, height)):
        if i == marginal:
            _name_marginal(ax, name, x0 + w / 2, h, top, _fits(ax, name, w, 10)[1])
            continue
        if not plant_names:
            continue
        across, bar_pts = _fits(ax, name, w, size)
        length = _text_pts(name, size)
        h_pts = h / (top * 1.16) * y_pts
        ink = _ink_on(colours[i])
        if across and h_pts >= 2.2 * size:
            ax.text(x0 + w / 2, 0, name, ha="center", va="bottom", fontsize=size, color=ink,
                    gid=f"cost_curve:name:{name}")
        elif bar_pts >= 1.5 * size and h_pts >= length + 8:
            ax.text(x0 + w / 2, top * 0.012, name, ha="center", va="bottom", rotation=90,
                    fontsize=size, color=ink, gid=f"cost_curve:name:{name}")
    if demand is not None:
        ax.axvline(float(demand), color=_INK, lw=1.3, ls="--", zorder=4)
        ax.annotate(t("cost_curve.demand", lang, value=_plain(demand), unit=cap_unit),
                    (float(demand), 1.0), xycoords=ax.get_xaxis_transform(), xytext=(-4, -4),
                    textcoords="offset points", ha="right", va="top", fontsize=9.5,
                    gid="cost_curve:demand",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    if price is not None:
        ax.axhline(float(price), color=_RED, lw=1.4, zorder=4)
        text = (t("cost_curve.price", lang, value=_plain(price), unit=cost_unit,
                  plant=names[marginal]) if marginal >= 0
                else t("cost_curve.price_only", lang, value=_plain(price), unit=cost_unit))
        ax.annotate(text, (0.0, float(price)), xycoords=("axes fraction", "data"),
                    xytext=(4, 3), textcoords="offset points", ha="left", va="bottom",
                    fontsize=9.5, color=_RED, gid="cost_curve:price",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    _plain_axis(ax, "x")
    _plain_axis(ax, "y")
    _tidy(ax, grid="y")
    if handles:
        _below_legend(ax, handles, _legend_columns(ax, handles))
    _finish(ax, title=t("cost_curve.title", lang), xlabel=t("cost_curve.x", lang, unit=cap_unit),
            ylabel=t("cost_curve.y", lang, unit=cost_unit))
    return ax


def plot_bid_ranges(bids: pd.DataFrame, *, price=None, ax=None, lang=None, owner: str = "company",
                    highlight=None, price_unit=None):
    """Each competitor's likely bid range, floor to ceiling, against the market price.

    One floating bar per competitor (lowest floor on top) from its floor (cash cost of its
    cheapest plant, the black tick) to its ceiling (average full cost + margin: what its
    costs let it ask). With ``price`` a red line marks the market price; the part of each
    bar below it is solid (the company can bid below the market price without losing
    cash; the figure in it is how far below), the part above it pale (the margin it needs
    but the market does not pay); a floor above the price is said beside the bar. With one
    ``highlight`` company (ours), a dotted line marks its floor: every floor left of it can
    undercut us.

    Parameters
    ----------
    bids : output of :func:`~kamlab.economics.bid_range` (``owner``, ``floor``,
        ``ceiling``).
    price : the market price to draw, e.g. ``market_clearing(...).price``.
    ax : Axes to draw on; a new figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    owner : the competitor column.
    highlight : a competitor (or several) drawn in amber, e.g. ours or the one we meet.
    price_unit : i18n key or text; default ``"unit.cny_per_t"``.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"bid:<competitor>"`` spanning floor to ceiling, the
        solid part ``"bid:<competitor>:below_price"`` floor to min(ceiling, price) and its
        figure ``"bid:below:<competitor>"`` (price − floor); the range texts
        ``"bid:text:<competitor>"``; the lines ``"bid:price"`` and ``"bid:our_floor"``.
    """
    lang = resolve(lang)
    func = "plot_bid_ranges"
    require_columns(bids, [owner, "floor", "ceiling"], func=func)
    floor = bids["floor"].to_numpy(dtype="float64")
    ceiling = bids["ceiling"].to_numpy(dtype="float64")
    who = bids[owner].astype(str).tolist()
    m = len(bids)
    ax = _new_axes(ax, (9.0, 0.55 * m + 2.6))
    y = np.arange(m)[::-1]
    marked = {str(h) for h in _as_list(highlight)}
    colours = [_AMBER if w in marked else _BLUE for w in who]
    p = None if price is None else float(price)
    bars = ax.barh(y, ceiling - floor, left=floor, height=0.5, color=colours,
                   alpha=1.0 if p is None else 0.35)
    for bar, w in zip(bars, who):
        bar.set_gid(f"bid:{w}")
    values = np.r_[floor, ceiling] if p is None else np.r_[floor, ceiling, p]
    lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
    span = (hi - lo) or abs(hi) * 0.1 or 1.0
    left = lo - 0.08 * span
    unit = _text(price_unit, lang, "unit.cny_per_t")
    # the text beside each bar: its range (and how far its floor is above the price)
    texts = [_plain(a) if b == a else f"{_plain(a)} – {_plain(b)}"
             for a, b in zip(floor, ceiling)]
    if p is not None:
        texts = [s + ("  " + t("bids.above_price", lang, value=_plain(a - p)) if a > p else "")
                 for s, a in zip(texts, floor)]
    # room on the right for those texts, so the layout never squeezes the bars to nothing
    axes_pts = ax.figure.get_size_inches()[0] * 72 - max(
        [_text_pts(_short_name(w), 10) for w in who] + [0.0]) - 60
    need = [(b - left) / max(1 - (16 + 0.85 * _text_pts(s, 9.5)) / max(axes_pts, 1.0), 0.35)
            for b, s in zip(ceiling, texts)]
    ax.set_xlim(left, left + max(need + [hi + 0.05 * span - left]))
    for yi, a, b, colour, w, text in zip(y, floor, ceiling, colours, who, texts):
        if p is not None and a < p:  # the solid part: how far it can go below the price
            solid = min(b, p) - a
            ax.barh(yi, solid, left=a, height=0.5, color=colour, gid=f"bid:{w}:below_price")
            gap = "−" + _plain(p - a)
            if _fits(ax, gap, solid, 9.5)[0]:
                ax.text((a + min(b, p)) / 2, yi, gap, ha="center", va="center", fontsize=9.5,
                        color=_ink_on(colour), zorder=5, gid=f"bid:below:{w}")
            else:
                text += "  " + t("bids.below_price", lang, value=_plain(p - a))
        ax.annotate(text, (b, yi), xytext=(8, 0), textcoords="offset points", ha="left",
                    va="center", fontsize=9.5, zorder=5, gid=f"bid:text:{w}",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8}).set_in_layout(False)
    ax.plot(floor, y, "|", ms=16, mew=2.2, color=_INK, zorder=3)  # a zero-width range shows
    ax.set_ylim(-0.7, m - 0.3 + (0.6 if p is not None else 0))
    ours = [i for i, w in enumerate(who) if w in marked]
    if len(ours) == 1 and m > 1:
        x_us = float(floor[ours[0]])
        ax.axvline(x_us, color=_AMBER, lw=1.3, ls=":", zorder=2, gid="bid:our_floor")
        ax.annotate(t("bids.our_floor", lang, value=_plain(x_us)), (x_us, 0.0),
                    xycoords=ax.get_xaxis_transform(), xytext=(4, 3),
                    textcoords="offset points", ha="left", va="bottom", fontsize=9,
                    color="#9a6a12", zorder=5, bbox={"boxstyle": "round,pad=0.15",
                                                     "fc": "white", "ec": "none",
                                                     "alpha": 0.85})
    if p is not None:
        ax.axvline(p, color=_RED, lw=1.4, zorder=4, gid="bid:price")
        ax.annotate(t("bids.price", lang, value=_plain(p), unit=unit), (p, 1.0),
                    xycoords=ax.get_xaxis_transform(), xytext=(4, -3),
                    textcoords="offset points", ha="left", va="top", fontsize=9.5,
                    color=_RED, bbox={"boxstyle": "round,pad=0.2", "fc": "white",
                                      "ec": "none", "alpha": 0.9})
    ax.set_yticks(y, [_short_name(w) for w in who])
    _plain_axis(ax, "x")
    _tidy(ax, grid="x")
    ax.annotate(t("bids.range_note" if p is not None else "bids.range_note_plain", lang),
                (0.01, 0.0), xycoords=("figure fraction", "axes fraction"), xytext=(0, -38),
                textcoords="offset points", ha="left", va="top", fontsize=9, color="#666666")
    _finish(ax, title=t("bids.title", lang), xlabel=t("bids.x", lang, unit=unit),
            ylabel=t("bids.y", lang))
    return ax
