"""Module 6 — the two mini-cases' charts (seed 000's appendix).

- :func:`plot_oil_priorities`: the oil products maker's bulk division — every account by unit
  margin × strategic importance, bubble area ∝ volume, the 2×2 and its actions. Draws
  :func:`kamlab.cases.oil.prioritise_accounts`.
- :func:`plot_pay_plans`: the same division — where a rep's hours go under
  a volume plan and a margin plan (the largest accounts, their unit margin beside their name),
  or what each plan earns the division (``what="profit"``). Draws
  :func:`kamlab.cases.oil.compare_pay_plans`.
- :func:`plot_dealer_segments`: the forms and systems supplier to car dealers — share of
  dealers against share of the business per segment (50 / 500 / 20,000 against 15 / 35 / 50%),
  or the profit each channel gains over today per segment (``what="profit"``). Draws
  :func:`kamlab.cases.dealers.segment_summary` and :func:`~kamlab.cases.dealers.channel_table`
  (or :func:`~kamlab.cases.dealers.best_assignment`).
"""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: F401  (the doctests)
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from kamlab._validate import require_columns
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
    _money_axis,
    _new_axes,
    _pct,
    _percent_axis,
    _plain,
    _plain_axis,
    _short_name,
    _spread,
    _tidy,
    _wrap,
)

__all__ = ["plot_oil_priorities", "plot_pay_plans", "plot_dealer_segments"]

_PLAN_COLOURS = {"volume": _GREY, "margin": _BLUE}
_CHANNEL_COLOURS = {"today": _GREY, "kam_team": _BLUE, "joint_rep": _GREEN,
                    "telesales": _AMBER}


def _what(what, allowed, func):
    if what not in allowed:
        raise ParameterError(f"{func}(): what must be one of {allowed}; got {what!r}.",
                             what=what)
    return what


# ---------------------------------------------------------------------------------------
# Mini-case 1: priorities
# ---------------------------------------------------------------------------------------

_PRIORITY_COLOURS = {"invest": _GREEN, "improve": _AMBER, "maintain": _BLUE, "reduce": _GREY}


def plot_oil_priorities(prioritised, *, margin_cut: float | None = None,
                        importance_cut: float = 4, label_top: int = 5, ax=None, lang=None):
    """Every account by strategic importance (x) and unit margin (y), bubble area ∝ volume.

    The cut lines split the 2×2 of :func:`~kamlab.cases.oil.prioritise_accounts`; each
    quadrant is labelled with its action, its number of accounts and its share of the volume,
    in its priority's colour. The ``label_top`` largest accounts by volume are named.
    Importance is a whole score, so the points are spread a little sideways (the largest
    accounts stay on their score).

    Parameters
    ----------
    prioritised : the table of ``prioritise_accounts(accounts)`` (``priority``,
        ``unit_margin``, ``strategic_importance``, ``volume``; ``name`` or ``account_id``
        names the largest).
    margin_cut, importance_cut : the cut-offs used in ``prioritise_accounts`` (default: the
        median unit margin and 4, as there), for the lines.
    label_top : how many of the largest accounts to name (0–10).
    ax : Axes to draw on; a new 7.5×5.4 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; points ``"oilprio:points:<priority>"`` (offsets: jittered importance, unit
        margin; sizes ∝ volume), lines ``"oilprio:margin_cut"`` and
        ``"oilprio:importance_cut"``, quadrant labels ``"oilprio:quadrant:<priority>"``,
        account names ``"oilprio:top:<i>"`` (0 = the largest).

    Notes
    -----
    Seed 000: "根据利润率和战略重要性对客户进行优先排序".

    >>> import pandas as pd
    >>> from kamlab.cases.oil import prioritise_accounts
    >>> df = prioritise_accounts(pd.DataFrame({"unit_margin": [30, -70, 600, 650],
    ...     "strategic_importance": [5, 2, 4, 1], "volume": [100, 50, 10, 40]}))
    >>> ax = plot_oil_priorities(df, lang="en")
    >>> [float(line.get_ydata()[0]) for line in ax.lines if line.get_gid() == "oilprio:margin_cut"]
    [315.0]
    >>> plt.close("all")
    """
    func = "plot_oil_priorities"
    lang = resolve(lang)
    if not isinstance(prioritised, pd.DataFrame):
        raise ParameterError(f"{func}(): pass the table of prioritise_accounts(accounts); got "
                             f"{type(prioritised).__name__}.", got=type(prioritised).__name__)
    require_columns(prioritised, ["priority", "unit_margin", "strategic_importance", "volume"],
                    func=func)
    if isinstance(label_top, bool) or not isinstance(label_top, int | np.integer) or not (
            0 <= label_top <= 10):
        raise ParameterError(f"{func}(): label_top is how many accounts to name, 0 to 10; got "
                             f"{label_top!r}.", label_top=label_top)
    m = prioritised["unit_margin"].to_numpy(dtype="float64")
    imp = prioritised["strategic_importance"].to_numpy(dtype="float64")
    vol = prioritised["volume"].to_numpy(dtype="float64")
    codes = prioritised["priority"].astype(str).to_numpy()
    if m.size == 0:
        raise ParameterError(f"{func}(): the table has no accounts.")
    cut = float(np.median(m)) if margin_cut is None else float(margin_cut)
    ax = _new_axes(ax, (7.5, 5.4))
    largest = np.argsort(-vol, kind="stable")[:label_top]
    jitter = np.random.default_rng(6).uniform(-0.28, 0.28, m.size)
    jitter[largest] = 0.0
    x = imp + jitter
    sizes = 12 + 700 * vol / max(float(vol.max()), 1e-12)
    for code in [*_PRIORITY_COLOURS, *sorted(set(codes) - set(_PRIORITY_COLOURS))]:
        at = codes == code
        if at.any():
            ax.scatter(x[at], m[at], s=sizes[at], color=_PRIORITY_COLOURS.get(code, _RED),
                       alpha=0.75, edgecolor="white", linewidth=0.6, zorder=3,
                       gid=f"oilprio:points:{code}")
    span = float(m.max() - m.min()) or 1.0
    low, high = float(m.min()) - 0.32 * span, float(m.max()) + 0.34 * span
    ax.axhline(cut, color=_INK, lw=1, ls="--", gid="oilprio:margin_cut", zorder=2)
    ax.axvline(importance_cut - 0.5, color=_INK, lw=1, ls="--", gid="oilprio:importance_cut",
               zorder=2)
    total = vol.sum() or 1.0
    places = {"maintain": (0.55, high, "left", "top"), "invest": (5.45, high, "right", "top"),
              "reduce": (0.55, low, "left", "bottom"), "improve": (5.45, low, "right", "bottom")}
    for code, (qx, qy, ha, va) in places.items():
        at = codes == code
        text = (f"{_wrap(value_label('oilpriority', code, lang), 34 if lang == 'zh' else 26)}\n"
                + t("oilprio.count", lang, n=_plain(int(at.sum())), share=_pct(vol[at].sum()
                                                                                / total)))
        ax.text(qx, qy, text, ha=ha, va=va, fontsize=8.5, color=_PRIORITY_COLOURS[code],
                gid=f"oilprio:quadrant:{code}", zorder=4)
    if largest.size:
        heights = [0.06 * (high - low)] * largest.size
        ys = _spread(m[largest], heights)
        for i, (k, yy) in enumerate(zip(largest, ys)):
            row = prioritised.iloc[k]
            ax.annotate(_account_name(row, lang), (x[k], m[k]), xytext=(x[k] + 0.3, yy),
                        textcoords="data", ha="left", va="center", fontsize=8, color=_INK,
                        arrowprops=dict(arrowstyle="-", color=_GREY, lw=0.6),
                        gid=f"oilprio:top:{i}", zorder=5)
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(low - 0.02 * span, high + 0.02 * span)
    ax.set_xticks([1, 2, 3, 4, 5])
    _plain_axis(ax, "y")
    _tidy(ax, grid="y")
    _finish(ax, title=t("oilprio.title", lang), xlabel=t("oilprio.x", lang),
            ylabel=t("oilprio.y", lang))
    return ax


# ---------------------------------------------------------------------------------------
# Mini-case 1: pay plans
# ---------------------------------------------------------------------------------------

def _comparison(result, func):
    accounts = getattr(result, "accounts", None)
    summary = getattr(result, "summary", None)
    if not isinstance(accounts, pd.DataFrame) or not isinstance(summary, pd.DataFrame):
        raise ParameterError(f"{func}(): pass the result of compare_pay_plans(accounts); got "
                             f"{type(result).__name__}.", got=type(result).__name__)
    require_columns(accounts, ["plan", "volume", "unit_margin", "sales_hours"], func=func)
    require_columns(summary, ["plan", "extra_margin", "rep_pay", "division_profit"], func=func)
    return accounts, summary


def _account_name(row, lang):
    for col in ("name", "account_id"):
        if col in row.index and isinstance(row[col], str) and row[col]:
            return _short_name(row[col], 26)
    return str(row.name)


def _plan_label(plan, profit, on_top, n_top, lang):
    text = t("payplans.legend", lang, plan=value_label("payplan", plan, lang),
             profit=_cny(profit.get(plan, np.nan), lang))
    if n_top and plan in on_top.index:
        text += "\n" + t("payplans.on_top", lang, share=_pct(on_top[plan]), n=n_top)
    return text


def plot_pay_plans(result, *, what: str = "hours", top: int = 10, ax=None, lang=None):
    """A rep's hours per account under the volume plan and the margin plan, or the money.

    ``what="hours"`` (default): horizontal bars, two per account — the ``top`` largest
    accounts by volume, largest on top, then one row for all the other accounts; each
    account's unit margin is under its name (red when it is zero or below). The legend gives
    each plan's division profit and the share of its hours on the result's ``top`` largest
    accounts (``top_hours_share``). ``what="profit"``: per plan, the extra gross margin, the
    rep's pay and the division profit (margin − pay).

    Parameters
    ----------
    result : the result of :func:`~kamlab.cases.oil.compare_pay_plans`.
    what : ``"hours"`` or ``"profit"``.
    top : how many of the largest accounts get a row of their own (1–25).
    ax : Axes to draw on; a new figure when None (7.5 in wide).
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``. Hours: bar ``"payplans:<plan>:<i>"`` for row i (0 = the largest account,
        ``top`` = the others), width = hours. Profit: bar ``"payprofit:<plan>:<column>"``
        for ``extra_margin``, ``rep_pay`` and ``division_profit``, height in CNY.

    Notes
    -----
    Seed 000: move the sales force's incentives from volume to margin.

    >>> import pandas as pd
    >>> from kamlab.cases.oil import compare_pay_plans
    >>> df = pd.DataFrame({"account_id": ["big", "rich"], "unit_margin": [10, 100],
    ...                    "response": [40, 10], "volume": [900, 100]})
    >>> ax = plot_pay_plans(compare_pay_plans(df, hours=100), lang="en")
    >>> [round(float(p.get_width()), 1) for p in ax.patches if p.get_gid() == "payplans:volume:0"]
    [94.1]
    >>> plt.close("all")
    """
    func = "plot_pay_plans"
    lang = resolve(lang)
    what = _what(what, ("hours", "profit"), func)
    accounts, summary = _comparison(result, func)
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or not 1 <= top <= 25:
        raise ParameterError(f"{func}(): top is how many accounts get a row, 1 to 25; got "
                             f"{top!r}.", top=top)
    if what == "profit":
        return _plot_pay_profit(summary, getattr(result, "equal_pay", True), ax, lang)

    plans = [p for p in ("volume", "margin") if p in set(accounts["plan"])]
    first = accounts[accounts["plan"] == plans[0]].reset_index(drop=True)
    order = np.argsort(-first["volume"].to_numpy(), kind="stable")
    shown = order[:top]
    rest = order[top:]
    rows = len(shown) + (1 if rest.size else 0)
    ax = _new_axes(ax, (7.5, max(4.2, 0.5 * rows + 1.8)))
    y = np.arange(rows)[::-1].astype(float)  # the largest account on top
    height = 0.8 / len(plans)
    top_value = 0.0
    profit = summary.set_index("plan")["division_profit"]
    on_top = (summary.set_index("plan")["top_hours_share"] if "top_hours_share" in summary
              else pd.Series(dtype="float64"))
    n_top = getattr(result, "top", None)
    for k, plan in enumerate(plans):
        table = accounts[accounts["plan"] == plan].reset_index(drop=True)
        h = table["sales_hours"].to_numpy(dtype="float64")
        values = np.r_[h[shown], [h[rest].sum()] if rest.size else []]
        top_value = max(top_value, float(values.max()) if values.size else 0.0)
        offset = (len(plans) - 1) / 2 - k
        bars = ax.barh(y + offset * height, values, height * 0.92,
                       color=_PLAN_COLOURS.get(plan, _AMBER),
                       label=_plan_label(plan, profit, on_top, n_top, lang))
        for i, bar in enumerate(bars):
            bar.set_gid(f"payplans:{plan}:{i}")
        ax.bar_label(bars, labels=[t("payplans.hours", lang, h=_plain(v, decimals=0))
                                   if v >= 0.5 else "" for v in values],
                     padding=3, fontsize=8.5, color=_INK)
    labels, colours = [], []
    for i in shown:
        row = first.iloc[i]
        margin = float(row["unit_margin"])
        labels.append(f"{_account_name(row, lang)}\n"
                      + t("payplans.margin_tick", lang, margin=_cny(margin, lang)))
        colours.append(_RED if margin <= 0 else _INK)
    if rest.size:
        labels.append(t("payplans.others", lang, n=_plain(rest.size)))
        colours.append(_INK)
    ax.set_yticks(y, labels)
    for tick, colour in zip(ax.get_yticklabels(), colours):
        tick.set_color(colour)
        tick.set_fontsize(8.5)
    ax.set_ylim(-0.6, rows - 0.4)
    ax.set_xlim(0, max(top_value, 1.0) * 1.25)
    _tidy(ax, grid="x")
    ax.legend(loc="upper right", fontsize=9, frameon=True, framealpha=0.92, edgecolor="none")
    _finish(ax, title=t("payplans.title", lang, n=len(shown)), xlabel=t("payplans.x", lang),
            ylabel=t("payplans.y", lang))
    return ax


def _plot_pay_profit(summary, equal_pay, ax, lang):
    ax = _new_axes(ax, (7.5, 4.6))
    columns = ["extra_margin", "rep_pay", "division_profit"]
    colours = [_GREY, _AMBER, _BLUE]
    plans = summary["plan"].astype(str).tolist()
    x = np.arange(len(plans))
    width = 0.8 / len(columns)
    values = summary[columns].to_numpy(dtype="float64")
    top = float(np.nanmax(np.abs(values))) if values.size else 1.0
    for j, (column, colour) in enumerate(zip(columns, colours)):
        bars = ax.bar(x + (j - 1) * width, values[:, j], width * 0.92, color=colour,
                      label=t(column, lang))
        for bar, plan in zip(bars, plans):
            bar.set_gid(f"payprofit:{plan}:{column}")
        ax.bar_label(bars, labels=[_cny_scaled(v, lang, top) for v in values[:, j]],
                     padding=2, fontsize=8.5)
    ax.axhline(0, color=_INK, lw=0.8)
    ax.set_xticks(x, [value_label("payplan", p, lang) for p in plans])
    lo = min(0.0, float(np.nanmin(values)))
    ax.set_ylim(lo * 1.2, max(float(np.nanmax(values)), 1.0) * 1.3)
    unit = _money_axis(ax, top, lang, "y")
    _tidy(ax, grid="y")
    ax.legend(loc="upper left", fontsize=9, frameon=False, ncols=3)
    _finish(ax, title=t("payprofit.title" if equal_pay else "payprofit.title_unequal", lang),
            xlabel=t("payprofit.x", lang), ylabel=t("payprofit.y", lang, unit=unit))
    return ax


# ---------------------------------------------------------------------------------------
# Mini-case 2: dealer segments and channels
# ---------------------------------------------------------------------------------------

def plot_dealer_segments(summary, *, what: str | None = None, ax=None, lang=None):
    """Dealers against business per segment, or each channel's profit gain per segment.

    ``what="shares"``: per segment, the share of the dealers beside the share of the business
    (seed 000: 50 / 500 / 20,000 dealers hold 15 / 35 / 50%), with the seed's figures marked.
    ``what="profit"``: per segment, what each channel gains over today's model (today = 0),
    the best one labelled; a bar far below the others (more than 1.5 × the largest gain below
    0, such as KAM for 20,000 small dealers) is cut
    at the axis and its value written at the cut.

    Parameters
    ----------
    summary : the table of :func:`~kamlab.cases.dealers.segment_summary` (shares), or of
        :func:`~kamlab.cases.dealers.channel_table` or the result of
        :func:`~kamlab.cases.dealers.best_assignment` (profit).
    what : ``"shares"``, ``"profit"`` or None (decided by what ``summary`` is).
    ax : Axes to draw on; a new 7.5×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``. Shares: bars ``"dealerseg:<column>:<segment>"`` (``customers_share``,
        ``revenue_share``), height = the share; seed marks ``"dealerseg:seed:<segment>"``.
        Profit: bars ``"dealerprofit:<segment>:<channel>"``, height = the gain in CNY a year
        (the drawn height for a cut bar; its full value is in the bar's ``gain``
        attribute); cut bars' labels ``"dealerprofit:clipped:<segment>:<channel>"``.

    >>> import kamlab
    >>> from kamlab.cases.dealers import segment_summary
    >>> ax = plot_dealer_segments(segment_summary(kamlab.load_dataset("dealers")), lang="en")
    >>> [round(float(p.get_height()), 2) for p in ax.patches
    ...  if p.get_gid() == "dealerseg:revenue_share:key_chain"]
    [0.15]
    >>> plt.close("all")
    """
    func = "plot_dealer_segments"
    lang = resolve(lang)
    table = getattr(summary, "table", summary)
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"{func}(): pass segment_summary(dealers), channel_table(dealers) "
                             f"or best_assignment(dealers); got {type(summary).__name__}.",
                             got=type(summary).__name__)
    if what is None:
        what = "profit" if "channel" in table.columns else "shares"
    what = _what(what, ("shares", "profit"), func)
    if what == "profit":
        return _plot_channel_gain(table, ax, lang, func)
    require_columns(table, ["segment", "dealers", "customers_share", "revenue_share"], func=func)
    ax = _new_axes(ax, (7.5, 4.8))
    segments = table["segment"].astype(str).tolist()
    x = np.arange(len(segments))
    series = [("customers_share", t("dealerseg.customers", lang), _GREY),
              ("revenue_share", t("dealerseg.business", lang), _BLUE)]
    width = 0.36
    top = 0.0
    for j, (column, label, colour) in enumerate(series):
        share = table[column].to_numpy(dtype="float64")
        top = max(top, float(np.nanmax(share)))
        bars = ax.bar(x + (j - 0.5) * width, share, width * 0.92, color=colour, label=label)
        for bar, seg in zip(bars, segments):
            bar.set_gid(f"dealerseg:{column}:{seg}")
        ax.bar_label(bars, labels=[_pct(v) for v in share], padding=2, fontsize=9)
    if "seed_revenue_share" in table.columns:
        seed = pd.to_numeric(table["seed_revenue_share"], errors="coerce").to_numpy(float)
        first = True
        for i, (seg, value) in enumerate(zip(segments, seed)):
            if np.isfinite(value):
                ax.plot([x[i] + 0.5 * width - 0.2, x[i] + 0.5 * width + 0.2], [value, value],
                        color=_RED, lw=2, ls="--", gid=f"dealerseg:seed:{seg}",
                        label=t("dealerseg.seed", lang) if first else None)
                first = False
    counts = table["dealers"].to_numpy()
    ax.set_xticks(x, [f"{value_label('dealerseg', s, lang)}\n"
                      f"{t('dealerseg.count', lang, n=_plain(c))}"
                      for s, c in zip(segments, counts)])
    ax.set_ylim(0, max(top, 0.05) * 1.3)
    _percent_axis(ax, "y")
    _tidy(ax, grid="y")
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    _finish(ax, title=t("dealerseg.title", lang), xlabel=t("dealerseg.x", lang),
            ylabel=t("dealerseg.y", lang))
    return ax


def _plot_channel_gain(table, ax, lang, func):
    require_columns(table, ["segment", "channel", "profit"], func=func)
    segments = list(dict.fromkeys(table["segment"].astype(str)))
    today = {s: float(g.loc[g["channel"] == "today", "profit"].sum())
             for s, g in table.groupby(table["segment"].astype(str), sort=False)}
    if not all((table.loc[table["segment"].astype(str) == s, "channel"] == "today").any()
               for s in segments):
        raise ParameterError(f"{func}(): the table needs a 'today' row for every segment (the "
                             "gains are over today's model); use channel_table(dealers).")
    channels = [c for c in dict.fromkeys(table["channel"].astype(str)) if c != "today"]
    gains = np.array([[float(table.loc[(table["segment"].astype(str) == s)
                                       & (table["channel"] == c), "profit"].sum()) - today[s]
                       for c in channels] for s in segments])
    positive = gains[gains > 0]
    scale = float(positive.max()) if positive.size else float(np.abs(gains).max() or 1.0)
    kept = gains[gains >= -1.5 * scale]
    floor = min(float(kept.min()) if kept.size else 0.0, 0.0) - 0.25 * scale
    if (gains < floor).any():  # room for the cut bars' values, written along them
        floor = min(floor, -1.1 * scale)
    ceiling = max(float(gains.max()), 0.0) + 0.3 * scale
    ax = _new_axes(ax, (7.5, 5.2))
    x = np.arange(len(segments))
    width = 0.8 / max(len(channels), 1)
    for j, channel in enumerate(channels):
        drawn = np.maximum(gains[:, j], floor)
        bars = ax.bar(x + (j - (len(channels) - 1) / 2) * width, drawn, width * 0.92,
                      color=_CHANNEL_COLOURS.get(channel, _RED),
                      label=value_label("dealerchannel", channel, lang))
        for i, bar in enumerate(bars):
            bar.set_gid(f"dealerprofit:{segments[i]}:{channel}")
            bar.gain = float(gains[i, j])
            cx = bar.get_x() + bar.get_width() / 2
            if gains[i, j] < floor:
                bar.set_hatch("//")
                bar.set_edgecolor("white")
                ax.text(cx, floor, t("dealerprofit.clipped", lang,
                                     value=_cny(gains[i, j], lang)),
                        rotation=90, ha="center", va="bottom", fontsize=7.5,
                        color=_ink_on(_CHANNEL_COLOURS.get(channel, _RED)),
                        bbox=dict(boxstyle="square,pad=0.15", lw=0,
                                  fc=_CHANNEL_COLOURS.get(channel, _RED)),
                        gid=f"dealerprofit:clipped:{segments[i]}:{channel}")
    for i, seg in enumerate(segments):
        j = int(np.argmax(gains[i]))
        if gains[i, j] > 0:
            cx = x[i] + (j - (len(channels) - 1) / 2) * width
            ax.annotate(f"{t('dealerprofit.best', lang)}\n{_cny(gains[i, j], lang, signed=True)}",
                        (cx, gains[i, j]), xytext=(0, 3), textcoords="offset points",
                        ha="center", va="bottom", fontsize=8, color=_INK,
                        gid=f"dealerprofit:best:{seg}")
    ax.axhline(0, color=_INK, lw=0.8)
    ax.set_xticks(x, [value_label("dealerseg", s, lang) for s in segments])
    ax.set_ylim(floor, ceiling)
    unit = _money_axis(ax, max(abs(floor), abs(ceiling)), lang, "y")
    _tidy(ax, grid="y")
    handles = [Patch(color=_CHANNEL_COLOURS.get(c, _RED),
                     label=value_label("dealerchannel", c, lang)) for c in channels]
    _below_legend(ax, handles, len(handles))
    _finish(ax, title=t("dealerprofit.title", lang), xlabel=t("dealerprofit.x", lang),
            ylabel=t("dealerprofit.y", lang, unit=unit))
    return ax
