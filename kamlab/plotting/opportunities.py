"""Module 3 — opportunity charts: profit levers and bridge, funnel, conversion, value creation.

The lever tree (seed 000, 提高利润率的潜在杠杆), the sales funnel and its stage conversion
(seed 002, 漏斗管理系统) and the value-creation index per business unit (seed 000); they
draw :mod:`kamlab.opportunities` results.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kamlab._validate import require_columns
from kamlab.columns import FUNNEL_STAGES
from kamlab.exceptions import ParameterError
from kamlab.i18n import resolve, t, value_label
from kamlab.levers import ROOM_COLUMNS as _ROOM_COLUMNS
from kamlab.plotting._style import (
    _AMBER,
    _BLUE,
    _GREEN,
    _GREY,
    _INK,
    _RED,
    _cny,
    _finish,
    _money_axis,
    _new_axes,
    _pct,
    _percent_axis,
    _short_name,
    _tidy,
)
from kamlab.tables import data_value

_FUNNEL_ORDER = FUNNEL_STAGES
_LEVER_COLUMNS = (("price", "price_impact", "+"), ("volume", "volume_impact", "+"),
                  ("unit cost", "unit_cost_impact", "−"),
                  ("cost to serve", "cost_to_serve_impact", "−"))


def _stage_label(stage, lang: str) -> str:
    return value_label("stage", stage, lang)


def _room_move(lever: str, room: float) -> str:
    """A lever_room move as the bars name it: '+3.3%', '−1.0%' (a cut), '0%' (no room)."""
    if not room > 0:
        return "0%"
    return f"{'−' if lever in ('unit cost', 'cost to serve') else '+'}{room:.1%}"


def _lever_table(impact, func: str) -> pd.DataFrame:
    """``lever_impact`` or ``lever_moves`` output, or one ``account_levers`` or ``lever_room``
    row, as rows of lever,
    ``move``, ``profit_change``, ``pct_change`` and ``base_profit`` (NaN when unknown)."""
    if isinstance(impact, pd.DataFrame) and "profit_change" not in impact.columns \
            and len(impact) == 1:
        impact = impact.iloc[0]
    if isinstance(impact, pd.Series) and all(c in impact.index for _, _, c in _ROOM_COLUMNS):
        rows = [(lever, _room_move(lever, float(impact[room])), float(impact[gain]))
                for lever, room, gain in _ROOM_COLUMNS]  # one lever_room row
        out = pd.DataFrame(rows, columns=["lever", "move", "profit_change"])
        base = np.nan
        if {"gross_margin", "cost_to_serve"} <= set(impact.index):
            base = float(impact["gross_margin"]) - float(impact["cost_to_serve"])
        out["base_profit"] = base
        out["pct_change"] = out["profit_change"] / abs(base) if base else np.nan
        return out.sort_values("profit_change", ascending=False, kind="stable")
    if isinstance(impact, pd.Series):  # one account_levers row
        missing = [c for _, c, _ in _LEVER_COLUMNS if c not in impact.index]
        if missing:
            require_columns(impact.to_frame().T, [c for _, c, _ in _LEVER_COLUMNS], func=func)
        base = np.nan
        if {"gross_margin", "cost_to_serve"} <= set(impact.index):
            base = float(impact["gross_margin"]) - float(impact["cost_to_serve"])
        rows = [(lever, f"{sign}1%", float(impact[col])) for lever, col, sign in _LEVER_COLUMNS]
        out = pd.DataFrame(rows, columns=["lever", "move", "profit_change"])
        out["base_profit"] = base
        out["pct_change"] = out["profit_change"] / abs(base) if base else np.nan
        return out.sort_values("profit_change", ascending=False, kind="stable")
    require_columns(impact, ["lever", "profit_change"], func=func)
    out = impact.copy()
    if "move" not in out:
        out["move"] = ""
    if "base_profit" not in out:
        out["base_profit"] = np.nan
    if "pct_change" not in out:
        base = out["base_profit"].astype("float64")
        out["pct_change"] = out["profit_change"] / base.abs().where(base != 0)
    return out


def _money_labels(values, lang: str, *, signed: bool = False) -> list[str]:
    """Money labels in ONE format for a chart, chosen from its largest |value|: all
    'CNY 1,234' below a million, else all 'CNY 1.23m' (万元 in
    Chinese), with enough decimals that no non-zero value reads as 0.

    >>> _money_labels([1_485_230.2, 152_115.55, 34_417.54], "en", signed=True)
    ['+CNY 1.49m', '+CNY 0.15m', '+CNY 0.03m']
    >>> _money_labels([14_812_000, 34_418], "zh")
    ['1,481万元', '3万元']
    """
    values = np.asarray(values, dtype="float64")
    finite = np.abs(values[np.isfinite(values)])
    top = float(finite.max()) if finite.size else 0.0
    if top < 1e6:
        texts = [f"{abs(v):,.0f}元" if lang == "zh" else f"CNY {abs(v):,.0f}" for v in values]
    else:
        scale = 1e4 if lang == "zh" else 1e6
        digits = (0 if top >= 1e7 else 1) if lang == "zh" else (1 if top >= 1e7 else 2)
        small = finite[finite > 0].min() / scale if (finite > 0).any() else 1.0
        while digits < 3 and round(small, digits) == 0:  # a small bar keeps a non-zero label
            digits += 1
        texts = [f"{abs(v) / scale:,.{digits}f}万元" if lang == "zh"
                 else f"CNY {abs(v) / scale:,.{digits}f}m" for v in values]
    signs = ["+" if signed and v > 0 else "−" if v < 0 else "" for v in values]
    return ["–" if not np.isfinite(v) else sign + text
            for v, sign, text in zip(values, signs, texts)]


def _lever_name(row, lang: str, sep: str = " ") -> str:
    name = value_label("lever", row["lever"], lang)
    return f"{name}{sep}{row['move']}".strip()


def _move_pct(table: pd.DataFrame) -> str | None:
    """The one size of move every lever made ("1%"), or None when the moves differ."""
    moves = table["move"].astype(str).str.lstrip("+−-").unique()
    if len(moves) == 1 and moves[0]:
        return moves[0].replace(".0%", "%")
    return None if len(moves) > 1 else "1%"


def plot_levers(impact, *, ax=None, lang=None):
    """Tornado of the profit levers: profit gained by a 1% move of each, biggest at the top.

    Each bar is the change in profit contribution (CNY per year) from moving one lever by
    the given step (price +1%, volume +1%, unit cost −1%, cost to serve −1%), labelled in
    CNY and in percent of the base profit. With a thin margin, price beats volume many
    times over (seed 000, "提高利润率的潜在杠杆").

    Parameters
    ----------
    impact : output of :func:`~kamlab.opportunities.lever_impact`, or one row (Series or
        one-row DataFrame) of :func:`~kamlab.opportunities.account_levers`.
    ax : Axes to draw on; a new 7.5×3.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; each bar has ``gid`` ``"lever:<lever>"``.
    """
    lang = resolve(lang)
    table = _lever_table(impact, "plot_levers")
    table = table.iloc[np.argsort(table["profit_change"].to_numpy(dtype="float64"),
                                  kind="stable")]  # ascending: largest drawn last = on top
    ax = _new_axes(ax, (7.5, 0.55 * len(table) + 2.0))
    values = table["profit_change"].to_numpy(dtype="float64")
    y = np.arange(len(table))
    top = values.argmax() if len(values) else -1
    colours = [_BLUE if i == top else "#8fb8d8" for i in range(len(values))]
    bars = ax.barh(y, values, height=0.62, color=colours)
    for bar, lever in zip(bars, table["lever"]):
        bar.set_gid(f"lever:{lever}")
    labels = []
    money = _money_labels(values, lang, signed=True)
    for text, p in zip(money, table["pct_change"].to_numpy(dtype="float64")):
        labels.append(text if np.isnan(p) else f"{text} ({'+' if p > 0 else ''}{_pct(p)})")
    ax.bar_label(bars, labels=labels, padding=4, fontsize=10)
    reach = max(float(np.nanmax(np.abs(values))) if len(values) else 0.0, 1.0)
    ax.set_xlim(min(0.0, float(np.nanmin(values)) * 1.45) if len(values) else 0, reach * 1.45)
    ax.axvline(0, color=_INK, lw=1)
    ax.set_yticks(y, [_lever_name(row, lang) for _, row in table.iterrows()])
    unit = _money_axis(ax, reach, lang, "x")
    _tidy(ax, grid="x")
    base = table["base_profit"].astype("float64")
    if base.notna().any():
        ax.annotate(t("levers.base", lang, base=_money_labels([*values, base.dropna().iloc[0]],
                                                              lang)[-1]), (1.0, 0.0),
                    xycoords="axes fraction", xytext=(0, 4), textcoords="offset points",
                    ha="right", va="bottom", fontsize=9.5, color="#555555")
    pct = _move_pct(table)
    title = t("levers.title", lang, pct=pct) if pct else t("levers.title_room", lang)
    _finish(ax, title=title,
            xlabel=t("levers.x", lang, unit=unit), ylabel=t("levers.y", lang))
    return ax


def plot_profit_bridge(impact, *, ax=None, lang=None):
    """Waterfall from the base profit, through each lever's gain, to all levers moved.

    The first and last bars (base profit, all levers moved) stand on zero; each lever's
    gain floats from the running total. The total is the base plus the single-lever gains
    (price × volume interactions, a second-order effect, are left out).

    Parameters
    ----------
    impact : output of :func:`~kamlab.opportunities.lever_impact` (``base_profit`` needed),
        or one row of :func:`~kamlab.opportunities.account_levers` with ``gross_margin``
        and ``cost_to_serve``.
    ax : Axes to draw on; a new 8×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"bridge:base"``, ``"bridge:<lever>"``, ``"bridge:total"``.
    """
    lang = resolve(lang)
    func = "plot_profit_bridge"
    table = _lever_table(impact, func)
    base = table["base_profit"].astype("float64").dropna()
    if base.empty:
        raise ParameterError(f"{func}(): the base profit is unknown; pass lever_impact(...) or "
                             "an account_levers row with gross_margin and cost_to_serve.")
    base = float(base.iloc[0])
    gains = table["profit_change"].to_numpy(dtype="float64")
    total = base + float(np.nansum(gains))
    ax = _new_axes(ax, (8, 4.8))
    n = len(gains)
    x = np.arange(n + 2)
    bottoms = base + np.concatenate([[0.0], np.cumsum(gains)[:-1]]) if n else np.array([])
    lo = min(0.0, base, total, float(np.nanmin(bottoms)) if n else 0.0,
             float(np.nanmin(bottoms + gains)) if n else 0.0)
    hi = max(0.0, base, total, float(np.nanmax(bottoms)) if n else 0.0,
             float(np.nanmax(bottoms + gains)) if n else 0.0)
    limits = (lo * 1.12, hi * 1.12 if hi > 0 else 1.0)
    # a gain too small to see at this scale is drawn 1% of the axis tall (its label has the value)
    least = 0.01 * (limits[1] - limits[0])
    ax.bar(0, base, 0.62, color=_INK, gid="bridge:base")
    for i, (g, b, lever) in enumerate(zip(gains, bottoms, table["lever"]), start=1):
        shown = np.sign(g) * max(abs(g), least) if g else 0.0
        ax.bar(i, shown, 0.62, bottom=b, color=_GREEN if g >= 0 else _RED, gid=f"bridge:{lever}")
    ax.bar(n + 1, total, 0.62, color=_BLUE, gid="bridge:total")
    levels = np.concatenate([[base], bottoms + gains, [total]]) if n else np.array([base, total])
    for i in range(n + 1):  # dotted connectors from each bar's top to the next bar
        ax.plot([i + 0.31, i + 0.69], [levels[i], levels[i]], ls=":", lw=1, color=_GREY)
    texts = _money_labels([base, *gains, total], lang)  # one format for the whole chart
    texts[1:-1] = [f"+{text}" if g > 0 else text for g, text in zip(gains, texts[1:-1])]
    drawn = np.array([np.sign(g) * max(abs(g), least) if g else 0.0 for g in gains])
    tops = np.concatenate([[base], np.maximum(bottoms, bottoms + drawn), [total]])
    for i, (xi, top, text) in enumerate(zip(x, tops, texts)):
        below = top < 0 and i in (0, n + 1)  # a loss: label the total under its bar
        ax.annotate(text, (xi, top), xytext=(0, -3 if below else 3), textcoords="offset points",
                    ha="center", va="top" if below else "bottom", fontsize=10)
    names = [t("bridge.base", lang)]
    names += [_lever_name(row, lang, "\n") for _, row in table.iterrows()]
    names += [t("bridge.total", lang)]
    ax.set_xticks(x, names)
    ax.set_ylim(*limits)
    ax.axhline(0, color=_INK, lw=0.8)
    unit = _money_axis(ax, hi, lang, "y")
    _tidy(ax, grid="y")
    ax.annotate(t("bridge.note", lang), (0.0, 0.0), xycoords="axes fraction", xytext=(0, -40),
                textcoords="offset points", ha="left", va="top", fontsize=9, color="#666666")
    _finish(ax, title=t("bridge.title", lang), xlabel="",
            ylabel=t("bridge.y", lang, unit=unit))
    return ax


def _stage_rank(stage) -> int:
    return _FUNNEL_ORDER.index(stage) if stage in _FUNNEL_ORDER else len(_FUNNEL_ORDER)


def plot_funnel(pipeline: pd.DataFrame, *, ax=None, lang=None):
    """The sales funnel: open pipeline value per stage, Identified at the top.

    Per stage a light bar shows the total value of the open deals and a dark bar inside it
    the value weighted by the stage probability; the stage label carries the number of
    deals (and the probability), the bar end the two values (seed 002, "漏斗管理系统").

    Parameters
    ----------
    pipeline : output of :func:`~kamlab.opportunities.weighted_pipeline` by stage
        (``stage``, ``deals``, ``value``, ``weighted_value``; ``probability`` optional).
        A table grouped by stage and another column is summed per stage.
    ax : Axes to draw on; a new 8×4.6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"funnel:value:<stage>"`` and
        ``"funnel:weighted:<stage>"``.
    """
    lang = resolve(lang)
    require_columns(pipeline, ["stage", "deals", "value", "weighted_value"], func="plot_funnel")
    stages = pipeline["stage"].astype("object")
    table = (pipeline.assign(stage=stages)
             .groupby("stage", sort=False)[["deals", "value", "weighted_value"]].sum())
    if "probability" in pipeline.columns and pipeline["stage"].is_unique:
        table["probability"] = pipeline.set_index(stages)["probability"]
    table = table.loc[sorted(table.index, key=_stage_rank)]
    ax = _new_axes(ax, (8, 0.62 * len(table) + 2.2))
    y = np.arange(len(table))[::-1]  # first stage (Identified) at the top
    value = table["value"].to_numpy(dtype="float64")
    weighted = table["weighted_value"].to_numpy(dtype="float64")
    vb = ax.barh(y, value, height=0.72, color="#b9d3e8", label=t("funnel.value", lang))
    wb = ax.barh(y, weighted, height=0.40, color=_BLUE, label=t("funnel.weighted", lang))
    for stage, b1, b2 in zip(table.index, vb, wb):
        b1.set_gid(f"funnel:value:{stage}")
        b2.set_gid(f"funnel:weighted:{stage}")
    for yi, v, w in zip(y, value, weighted):
        ax.annotate(t("funnel.bar", lang, value=_cny(v, lang), weighted=_cny(w, lang)),
                    (v, yi), xytext=(5, 0), textcoords="offset points", va="center",
                    fontsize=9.5)
    ticks = []
    for stage, row in table.iterrows():
        deals = int(row["deals"])
        count = t("funnel.deal", lang) if deals == 1 else t("funnel.deals", lang, n=deals)
        prob = row.get("probability", np.nan)
        extra = f" · p={_pct(prob)}" if pd.notna(prob) else ""
        ticks.append(f"{_stage_label(stage, lang)}\n{count}{extra}")
    ax.set_yticks(y, ticks)
    top = float(np.nanmax(value)) if len(value) else 1.0
    ax.set_xlim(0, max(top, 1.0) * 1.5)
    unit = _money_axis(ax, top, lang, "x")
    _tidy(ax, grid="x")
    ax.legend(loc="lower right", fontsize=9.5, frameon=False)
    ax.annotate(t("funnel.total", lang, value=_cny(np.nansum(value), lang),
                  weighted=_cny(np.nansum(weighted), lang)),
                (1.0, 1.0), xycoords="axes fraction", xytext=(0, 2), textcoords="offset points",
                ha="right", va="bottom", fontsize=9.5, color="#555555")
    _finish(ax, title=t("funnel.title", lang), xlabel=t("funnel.x", lang, unit=unit),
            ylabel=t("funnel.y", lang), pad=18)
    return ax


def plot_conversion(rates: pd.DataFrame, *, ax=None, lang=None):
    """Conversion per funnel step, the leakiest step (lowest rate) highlighted.

    One bar per step (Identified → Contacted … Committed → Won), labelled with the rate and
    the deals behind it; a line shows the cumulative conversion from Identified.

    Parameters
    ----------
    rates : output of :func:`~kamlab.opportunities.conversion_rates` for one group
        (``from_stage``, ``to_stage``, ``rate``; ``cumulative``, ``entered`` and
        ``converted`` optional).
    ax : Axes to draw on; a new 8.5×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"conversion:<from>"``, the highlighted one
        ``"conversion:<from>|leakiest"``.
    """
    lang = resolve(lang)
    func = "plot_conversion"
    require_columns(rates, ["from_stage", "to_stage", "rate"], func=func)
    if rates["from_stage"].astype("object").duplicated().any():
        raise ParameterError(f"{func}(): one row per step expected; conversion_rates(..., by=...) "
                             "gives one set per group: select one group first.")
    table = rates.iloc[np.argsort([_stage_rank(s) for s in rates["from_stage"]], kind="stable")]
    r = table["rate"].to_numpy(dtype="float64")
    ax = _new_axes(ax, (8.5, 4.8))
    x = np.arange(len(table))
    leak = int(np.nanargmin(r)) if np.isfinite(r).any() else -1
    colours = [_RED if i == leak else _BLUE for i in range(len(r))]
    bars = ax.bar(x, np.nan_to_num(r), 0.62, color=colours, label=t("conversion.rate", lang))
    for i, (bar, src) in enumerate(zip(bars, table["from_stage"])):
        bar.set_gid(f"conversion:{src}" + ("|leakiest" if i == leak else ""))
    labels = []
    for i, v in enumerate(r):
        text = "–" if np.isnan(v) else _pct(v)
        if {"converted", "entered"} <= set(table.columns):
            text += f"\n{int(table['converted'].iloc[i])}/{int(table['entered'].iloc[i])}"
        labels.append(text)
    ax.bar_label(bars, labels=labels, padding=5, fontsize=9.5)
    if "cumulative" in table.columns:
        ax.plot(x, table["cumulative"].to_numpy(dtype="float64"), "o--", color=_AMBER, lw=1.6,
                ms=5, label=t("conversion.cumulative", lang), zorder=3)
    if leak >= 0:
        ax.annotate(t("conversion.leakiest", lang, rate=_pct(r[leak])), (x[leak], r[leak]),
                    xytext=(0, 34), textcoords="offset points", ha="center", va="bottom",
                    fontsize=10.5, color=_RED)
    arrow = "→"
    ax.set_xticks(x, [f"{_stage_label(a, lang)}{arrow}\n{_stage_label(b, lang)}"
                      for a, b in zip(table["from_stage"], table["to_stage"])])
    ax.set_ylim(0, 1.3)
    ax.set_yticks(np.linspace(0, 1, 6))
    _percent_axis(ax, "y")
    _tidy(ax, grid="y")
    ax.legend(loc="upper right", fontsize=9.5, frameon=False, ncols=2)
    _finish(ax, title=t("conversion.title", lang), xlabel=t("conversion.x", lang),
            ylabel=t("conversion.y", lang))
    return ax


def plot_value_creation(table: pd.DataFrame, *, unit: str = "business_unit", ax=None, lang=None):
    """Value-creation index per business unit (best = 100), each with its weakest factor.

    Value created = market share × proposal win rate × value per won order (seed 000);
    the bar is ``index_vs_best``, the label names the factor that holds the unit back most
    (lowest ``<factor>_index``). A unit with closed deals and none won creates 0 (its bar is
    0, its weakest factor the win rate); only a unit without closed deals (or a factor
    missing) reads "no data".

    Parameters
    ----------
    table : output of :func:`~kamlab.opportunities.value_creation`.
    unit : the unit column.
    ax : Axes to draw on; a new 8×4.4 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"value_creation:<unit>"``.
    """
    lang = resolve(lang)
    require_columns(table, [unit, "index_vs_best"], func="plot_value_creation")
    index = table["index_vs_best"].to_numpy(dtype="float64")
    if "win_rate" in table.columns:  # closed deals, none won: a real zero, not "no data"
        won_none = table["win_rate"].to_numpy(dtype="float64") == 0
        index = np.where(np.isnan(index) & won_none, 0.0, index)
    order = np.argsort(np.nan_to_num(index, nan=-np.inf), kind="stable")
    rows = table.iloc[order]  # ascending, units without data at the bottom, best on top
    idx = index[order]
    ax = _new_axes(ax, (8, 0.55 * len(rows) + 2.0))
    y = np.arange(len(rows))
    best = len(rows) - 1
    bars = ax.barh(y, np.nan_to_num(idx), height=0.62,
                   color=[_GREEN if i == best else _BLUE for i in range(len(rows))])
    factors = [f for f in ("market_share", "win_rate", "value_per_order")
               if f"{f}_index" in rows.columns]
    labels = []
    for i, (bar, (_, row)) in enumerate(zip(bars, rows.iterrows())):
        bar.set_gid(f"value_creation:{row[unit]}")
        if np.isnan(idx[i]):
            labels.append(t("value_creation.na", lang))
            continue
        text = f"{idx[i]:.0f}"
        scores = {f: row[f"{f}_index"] for f in factors if pd.notna(row[f"{f}_index"])}
        if scores and min(scores.values()) < 100:
            weakest = min(scores, key=scores.get)
            sep = "  ·  " if lang == "en" else " · "
            text += sep + t("value_creation.weakest", lang, factor=t(f"factor.{weakest}", lang))
        labels.append(text)
    ax.bar_label(bars, labels=labels, padding=4, fontsize=10)
    ax.axvline(100, color=_GREY, lw=1, ls="--")
    ax.set_xlim(0, 150)
    ax.set_xticks(np.arange(0, 101, 20))
    ax.set_yticks(y, [_short_name(str(data_value(unit, u, lang))) for u in rows[unit]])
    _tidy(ax, grid="x")
    _finish(ax, title=t("value_creation.title", lang), xlabel=t("value_creation.x", lang),
            ylabel=t("value_creation.y", lang))
    return ax
