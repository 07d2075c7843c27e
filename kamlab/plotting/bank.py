"""Module 5 — the bank case's charts (seed 000, 一家大型国际银行): the whale curve before and
after a scenario, the six-month profit path against the +25% the bank reached, customers and
profit by grade, and the profit bridge from month 0 to the last month.

They draw :mod:`kamlab.cases.bank` results: ``whale_curve`` (or a customer book),
``simulate(...)`` (a :class:`~kamlab.cases.bank.BankSimulation`) and ``grade_summary``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: F401  (the doctests)
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from kamlab._validate import require_columns
from kamlab.cases.bank import whale_curve
from kamlab.exceptions import ParameterError
from kamlab.i18n import column_label, in_sentence, resolve, t, value_label
from kamlab.plotting._style import (
    _BLUE,
    _GREEN,
    _GREY,
    _INK,
    _RED,
    _check_max_points,
    _cny,
    _downsample,
    _finish,
    _money_axis,
    _new_axes,
    _pct,
    _percent_axis,
    _plain,
    _signed_pct,
    _tidy,
)
from kamlab.plotting.economics import plot_waterfall

__all__ = ["plot_whale_curve", "plot_bank_profit_path", "plot_grades", "plot_bank_bridge"]

_CURVE = ("cum_profit", "cum_profit_share", "customers_share")


def _share(x: float) -> str:
    """A share that may be negative: 0.13 -> '13%', -0.093 -> '−9.3%'."""
    return "−" + _pct(-x) if x < 0 and _pct(-x) != "0%" else _pct(abs(x))


def _change(x: float) -> str:
    """A change with one decimal and its sign: 0.2518 -> '+25.2%', -0.031 -> '−3.1%'."""
    text = f"{abs(x):.1%}"
    return ("−" if x < 0 and text != "0.0%" else "+" if x > 0 and text != "0.0%" else "") + text


# ---------------------------------------------------------------------------------------
# The whale curve
# ---------------------------------------------------------------------------------------

def _curve(data, profit: str, func: str) -> pd.DataFrame:
    """A whale-curve table: ``data`` itself when it is one, else ``whale_curve(data)``."""
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"{func}(): pass a customer book (a DataFrame with a {profit!r} "
                             f"column) or the table of whale_curve(book); got "
                             f"{type(data).__name__}.", got=type(data).__name__)
    if "cum_profit_share" in data.columns:
        require_columns(data, list(_CURVE), func=func)
        if "rank" in data.columns:
            data = data.iloc[np.argsort(data["rank"].to_numpy(), kind="stable")]
        return data
    return whale_curve(data, profit)


def _points(curve: pd.DataFrame, profit: str):
    """(x, y, profits, peak point, first destroyer point) of a whale-curve table.

    Point i is the top i customers (point 0 the origin), so the peak of ``whale_summary``
    (``peak_customers`` customers) is point ``peak_customers``.
    """
    cum = curve["cum_profit"].to_numpy(dtype="float64")
    x = np.r_[0.0, curve["customers_share"].to_numpy(dtype="float64")]
    y = np.r_[0.0, curve["cum_profit_share"].to_numpy(dtype="float64")]
    profits = (curve[profit].to_numpy(dtype="float64") if profit in curve.columns
               else np.diff(cum, prepend=0.0))
    peak = int(np.argmax(cum)) + 1 if cum.size else 0
    losers = np.flatnonzero(profits < 0)
    first_loser = int(losers[0]) if losers.size else cum.size
    return x, y, profits, peak, first_loser


def plot_whale_curve(curve, *, after=None, profit: str = "profit", ax=None, lang=None,
                     max_points: int = 1500, legend: bool = True):
    """The whale curve: cumulative profit with customers ranked most → least profitable.

    The curve rises above 100% of the net profit while profitable customers are added and
    falls back to exactly 100% as the loss-makers are. The peak is marked (how much profit
    the profitable customers make, and how many they are); the customers who destroy value
    (profit < 0, the tail) are shaded. With ``after``, the curve after a scenario is drawn
    over it (each curve on its own customers and its own net profit, so both end at 100%).

    Parameters
    ----------
    curve : the table of :func:`~kamlab.cases.bank.whale_curve` (``cum_profit``,
        ``cum_profit_share``, ``customers_share``), or a customer book with the ``profit``
        column (its whale curve is drawn).
    after : the same for the customers after a scenario, e.g.
        ``book[simulation.decisions["action"].to_numpy() != "leave"]``; None: not drawn.
    profit : the profit column.
    ax : Axes to draw on; a new 7.5×5 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    max_points : most points used to draw each curve (≥ 10); the peak is always one of them.
    legend : draw the legend (customers, peaks, the destroyers' loss, the net profit in
        CNY). Without it the shaded tail gets a label of its own; dashboards that show the
        numbers beside the chart turn it off (it is a third of the drawing time).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the curve has ``gid`` ``"whale:curve"``, its peak marker ``"whale:peak"``
        (at ``whale_summary``'s ``peak_customers_share``, ``peak_share``) and label
        ``"whale:peak_label"``, the shaded tail ``"whale:destroyers"`` (its label without a
        legend ``"whale:destroyers_label"``), the 100% line ``"whale:net"``; the
        after-scenario curve, peak and peak label ``"whale:after"``, ``"whale:after:peak"``
        and ``"whale:after:peak_label"``.

    Notes
    -----
    Seed 000, bank case: a few customers make more than all the profit; the 50,000 customers
    the bank gave up were in the tail of this curve.

    >>> import pandas as pd
    >>> ax = plot_whale_curve(pd.DataFrame({"profit": [-20, 60, 10, -10, 60]}), lang="en")
    >>> [line.get_xydata().tolist() for line in ax.lines if line.get_gid() == "whale:peak"]
    [[[0.6, 1.3]]]
    >>> plt.close("all")
    """
    func = "plot_whale_curve"
    lang = resolve(lang)
    max_points = _check_max_points(max_points, func)
    before = _curve(curve, profit, func)
    later = None if after is None else _curve(after, profit, func)
    ax = _new_axes(ax, (7.5, 5))

    x, y, profits, peak, first_loser = _points(before, profit)
    n = profits.size
    idx = _downsample(x.size, max_points, keep=[peak, first_loser])
    total = float(before["cum_profit"].iloc[-1])
    ax.axhline(1.0, color=_GREY, lw=1, ls="--", gid="whale:net",
               label=t("whale.net", lang, total=_cny(total, lang)))
    destroyers = n - first_loser
    if destroyers:
        ax.axvspan(first_loser / n, 1.0, color=_RED, alpha=0.10, lw=0, gid="whale:destroyers",
                   label=t("whale.destroyers", lang, share=_pct(destroyers / n),
                           loss=_cny(profits[first_loser:].sum(), lang)))
        if not legend:
            ax.text(first_loser / n + 0.01, 0.03, t("whale.destroyers_short", lang,
                                                    share=_pct(destroyers / n)),
                    transform=ax.get_xaxis_transform(), ha="left", va="bottom", fontsize=9,
                    color=_RED, gid="whale:destroyers_label")
    ax.plot(x[idx], y[idx], lw=2.2, color=_INK, zorder=3, gid="whale:curve",
            label=t("whale.before" if later is not None else "whale.today", lang,
                    n=_plain(n), peak=_pct(y[peak])))
    ax.plot([x[peak]], [y[peak]], "o", ms=7, color=_INK, mec="white", zorder=5,
            gid="whale:peak")
    ax.annotate(t("whale.peak" if later is None else "whale.before_peak", lang,
                  peak=_pct(y[peak]), share=_pct(x[peak])),
                (x[peak], y[peak]), xytext=(0, 9), textcoords="offset points", ha="center",
                va="bottom", fontsize=10, color=_INK, gid="whale:peak_label")

    top = float(y[peak])
    if later is not None:
        ax_, ay, _, apeak, afirst = _points(later, profit)
        keep = _downsample(ax_.size, max_points, keep=[apeak, afirst])
        ax.plot(ax_[keep], ay[keep], lw=2.2, color=_GREEN, zorder=4, gid="whale:after",
                label=t("whale.after", lang, n=_plain(ax_.size - 1), peak=_pct(ay[apeak])))
        ax.plot([ax_[apeak]], [ay[apeak]], "o", ms=7, color=_GREEN, mec="white", zorder=5,
                gid="whale:after:peak")
        ax.annotate(t("whale.after_peak", lang, peak=_pct(ay[apeak])), (ax_[apeak], ay[apeak]),
                    xytext=(0, -10), textcoords="offset points", ha="center", va="top",
                    fontsize=10, color=_GREEN, gid="whale:after:peak_label")
        top = max(top, float(ay[apeak]))

    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, float(y.min())), max(1.0, top) * 1.16)
    ax.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
    _percent_axis(ax, "x")
    _percent_axis(ax, "y")
    _tidy(ax, grid="both")
    if legend:
        ax.legend(loc="lower right", fontsize=9, frameon=True, framealpha=0.92)
    _finish(ax, title=t("whale.title", lang), xlabel=t("whale.x", lang),
            ylabel=t("whale.y", lang))
    return ax


# ---------------------------------------------------------------------------------------
# Six months of profit
# ---------------------------------------------------------------------------------------

def _monthly(result, func: str, name: str) -> pd.DataFrame:
    table = getattr(result, "monthly", result)
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"{func}(): {name} must be the result of simulate(book, scenario) "
                             f"or its .monthly table; got {type(result).__name__}.",
                             got=type(result).__name__)
    require_columns(table, ["month", "profit"], func=func)
    if table.empty:
        raise ParameterError(f"{func}(): the {name}'s monthly table is empty.")
    return table.sort_values("month", kind="stable")


def plot_bank_profit_path(simulation, *, baseline=None, target: float | None = 0.25, ax=None,
                          lang=None, legend: bool = True):
    """Monthly profit, month 0 (today) to the last simulated month, against a target.

    Parameters
    ----------
    simulation : the result of :func:`~kamlab.cases.bank.simulate` (or its ``monthly``
        table: ``month``, ``profit`` in CNY per month).
    baseline : the same for the comparison, usually ``simulate(book, BASELINE)`` (nothing
        changes); None: not drawn.
    target : the change on month 0's profit drawn as a reference line; default +25%, the
        bank's result within 6 months (seed 000). None: no line.
    ax : Axes to draw on; a new 7.5×4.6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.
    legend : draw the legend; without it (dashboards: a legend is a third of the drawing
        time) the baseline and the target line are labelled where they end and begin.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the path (one point a month) has ``gid`` ``"bankpath:profit"``, the baseline
        ``"bankpath:baseline"``, the target line ``"bankpath:target"`` (at month 0's profit
        × (1 + target)) and the last month's change ``"bankpath:change"``; without a legend
        the labels ``"bankpath:baseline_label"`` and ``"bankpath:target_label"``.

    >>> import pandas as pd
    >>> path = pd.DataFrame({"month": [0, 1, 2], "profit": [100.0, 110.0, 126.0]})
    >>> ax = plot_bank_profit_path(path, lang="en")
    >>> [float(line.get_ydata()[0]) for line in ax.lines if line.get_gid() == "bankpath:target"]
    [125.0]
    >>> plt.close("all")
    """
    func = "plot_bank_profit_path"
    lang = resolve(lang)
    table = _monthly(simulation, func, "simulation")
    base = None if baseline is None else _monthly(baseline, func, "baseline")
    if target is not None and not (isinstance(target, int | float | np.number)
                                   and np.isfinite(target) and target > -1):
        raise ParameterError(f"{func}(): target is a change on month 0's profit, e.g. 0.25 for "
                             f"+25%, or None; got {target!r}.", target=target)
    ax = _new_axes(ax, (7.5, 4.6))
    months = table["month"].to_numpy()
    profit = table["profit"].to_numpy(dtype="float64")
    start, end = float(profit[0]), float(profit[-1])
    levels = [profit]
    if base is not None:
        b = base["profit"].to_numpy(dtype="float64")
        bm = base["month"].to_numpy()
        ax.plot(bm, b, color=_GREY, lw=1.8, ls="-", marker="o", ms=4,
                gid="bankpath:baseline", label=t("bankpath.baseline", lang))
        if not legend:
            ax.annotate(t("bankpath.baseline", lang), (bm[-1], b[-1]), xytext=(0, -8),
                        textcoords="offset points", ha="right", va="top", fontsize=9,
                        color=_INK, gid="bankpath:baseline_label")
        levels.append(b)
    if target is not None:
        goal = start * (1 + float(target))
        text = t("bankpath.target_seed" if np.isclose(target, 0.25) else "bankpath.target",
                 lang, pct=_signed_pct(target))
        ax.axhline(goal, color=_RED, lw=1.2, ls="--", gid="bankpath:target", label=text)
        if not legend:
            ax.annotate(text, (0.01, goal), xycoords=("axes fraction", "data"), xytext=(0, 4),
                        textcoords="offset points", ha="left", va="bottom", fontsize=9,
                        color=_RED, gid="bankpath:target_label")
        levels.append([goal])
    change = end / start - 1 if start > 0 else np.nan
    ax.plot(months, profit, color=_BLUE, lw=2.4, marker="o", ms=6, zorder=4,
            gid="bankpath:profit", label=t("bankpath.scenario", lang))
    if np.isfinite(change):
        ax.annotate(_change(change), (months[-1], end), xytext=(-8, 8),
                    textcoords="offset points", ha="right", va="bottom", fontsize=11,
                    color=_BLUE, gid="bankpath:change")
    values = np.concatenate([np.asarray(v, dtype="float64") for v in levels])
    lo, hi = float(values.min()), float(values.max())
    pad = 0.12 * ((hi - lo) or abs(hi) or 1.0)
    ax.set_ylim(min(0.0, lo - pad) if lo <= 0 else lo - pad, hi + 1.6 * pad)
    ax.set_xticks(months)
    ax.set_xlim(months[0] - 0.3, months[-1] + 0.3)
    unit = _money_axis(ax, max(abs(lo), abs(hi)), lang, "y")
    _tidy(ax, grid="y")
    if legend:
        ax.legend(loc="best", fontsize=9, frameon=True, framealpha=0.92, edgecolor="none")
    _finish(ax, title=t("bankpath.title", lang, months=int(months[-1])),
            xlabel=t("bankpath.x", lang), ylabel=t("bankpath.y", lang, unit=unit))
    return ax


# ---------------------------------------------------------------------------------------
# Customers and profit by grade
# ---------------------------------------------------------------------------------------

def plot_grades(summary: pd.DataFrame, *, values=("profit",), ax=None, lang=None):
    """Share of the customers against share of the profit, grade by grade (A > B > C+ > C).

    Parameters
    ----------
    summary : the table of :func:`~kamlab.cases.bank.grade_summary` (``grade``,
        ``customers``, ``customers_share`` and ``<value>_share`` for each of ``values``).
    values : the value columns whose shares are drawn beside the customers' share.
    ax : Axes to draw on; a new 7.5×4.6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bars have ``gid`` ``"grades:<column>:<grade>"`` (``customers_share``,
        ``profit_share`` …), height = the share (a loss is a bar below 0).

    Notes
    -----
    Seed 000: key customers by profit contribution and potential; A/B/C with a C+ chance.

    >>> from kamlab.cases.bank import grade_customers, grade_summary
    >>> import pandas as pd
    >>> g = grade_customers(pd.DataFrame({"profit": [50, 30, 10, -5], "wallet": [1, 1, 1, 9]}),
    ...                     c_plus=0.5)
    >>> ax = plot_grades(grade_summary(g, "profit"), lang="en")
    >>> [round(float(p.get_height()), 3) for p in ax.patches
    ...  if p.get_gid().startswith("grades:profit")]
    [0.941, 0.118, -0.059, 0.0]
    >>> plt.close("all")
    """
    func = "plot_grades"
    lang = resolve(lang)
    values = [values] if isinstance(values, str) else list(values)
    columns = ["customers_share", *(f"{v}_share" for v in values)]
    if not isinstance(summary, pd.DataFrame):
        raise ParameterError(f"{func}(): pass the table of grade_summary(graded); got "
                             f"{type(summary).__name__}.", got=type(summary).__name__)
    require_columns(summary, ["grade", "customers", *columns], func=func)
    ax = _new_axes(ax, (7.5, 4.6))
    grades = [str(g) for g in summary["grade"]]
    x = np.arange(len(grades))
    colours = [_GREY, _BLUE, _GREEN, _RED]
    width = 0.8 / len(columns)
    shares = []
    for i, column in enumerate(columns):
        share = summary[column].to_numpy(dtype="float64")
        shares.append(share)
        name = (t("bankgrade.customers", lang) if i == 0 else
                t("bankgrade.value_share", lang,
                  value=in_sentence(column_label(values[i - 1], lang), lang)))
        bars = ax.bar(x + (i - (len(columns) - 1) / 2) * width, share, width * 0.92,
                      color=colours[i % len(colours)], label=name)
        for bar, grade in zip(bars, grades):
            bar.set_gid(f"grades:{column}:{grade}")
        ax.bar_label(bars, labels=[_share(v) for v in share], padding=2, fontsize=9)
    ax.axhline(0, color=_INK, lw=0.8)
    counts = summary["customers"].to_numpy()
    ax.set_xticks(x, [f"{value_label('bankgrade', g, lang)}\n"
                      f"{t('bankgrade.count', lang, n=_plain(c))}"
                      for g, c in zip(grades, counts)])
    every = np.concatenate(shares)
    lo, hi = min(0.0, float(np.nanmin(every))), max(0.0, float(np.nanmax(every)))
    pad = 0.14 * ((hi - lo) or 1.0)
    ax.set_ylim(lo - pad if lo < 0 else 0.0, hi + 2.2 * pad)
    _percent_axis(ax, "y")
    _tidy(ax, grid="y")
    ax.legend(loc="upper right", fontsize=9.5, frameon=False)
    _finish(ax, title=t("bankgrade.title", lang), xlabel=t("bankgrade.x", lang),
            ylabel=t("bankgrade.y", lang))
    return ax


# ---------------------------------------------------------------------------------------
# The profit bridge, month 0 to the last month
# ---------------------------------------------------------------------------------------

def _bridge_table(simulation, func: str) -> tuple[pd.DataFrame, int]:
    bridge = getattr(simulation, "bridge", None)
    monthly = getattr(simulation, "monthly", None)
    if not isinstance(bridge, pd.DataFrame) or not isinstance(monthly, pd.DataFrame):
        raise ParameterError(f"{func}(): pass the result of simulate(book, scenario); got "
                             f"{type(simulation).__name__}.", got=type(simulation).__name__)
    steps = bridge["step"].astype(str).tolist()
    amount = bridge["amount"].to_numpy(dtype="float64")
    kind = ["start" if s == "start" else "subtotal" if s == "end" else "change" for s in steps]
    running = np.cumsum(np.where(np.array(kind) == "change", amount, 0.0)) + amount[0]
    end = np.where(np.array(kind) == "change", running, amount)
    start = np.where(np.array(kind) == "change", np.r_[amount[0], running[:-1]], 0.0)
    table = pd.DataFrame({
        "label": [value_label("bankbridge", s, "en") for s in steps],
        "label_zh": [value_label("bankbridge", s, "zh") for s in steps],
        "kind": kind, "start": start, "end": end})
    return table, int(monthly["month"].max())


def plot_bank_bridge(simulation, *, ax=None, lang=None):
    """From month 0's profit to the last month's, step by step (CNY per month), as a waterfall.

    The steps are the simulation's ``bridge``: revenue the leavers and migrations take, fees,
    C+ upgrades, RM time moved to A customers, variable cost saved, the C+ offer's cost and
    the capacity cut (fixed cost saved). Drawn by
    :func:`~kamlab.plotting.economics.plot_waterfall`.

    Parameters
    ----------
    simulation : the result of :func:`~kamlab.cases.bank.simulate`.
    ax : Axes to draw on; a new figure (about 1 in per bar) when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; bar i (the bridge's row i) has ``gid`` ``"waterfall:<i>"``.
    """
    func = "plot_bank_bridge"
    lang = resolve(lang)
    table, months = _bridge_table(simulation, func)
    ax = plot_waterfall(table, ax=ax, lang=lang, title=t("bankbridge.title", lang, months=months),
                        ylabel="bankbridge.y")
    return ax
