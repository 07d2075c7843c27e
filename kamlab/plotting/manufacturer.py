"""Module 6 — the US manufacturer case's charts (seed 000, 一家大型的美国制造企业): how the
customers' market consolidated (top-k share and HHI by year, the year the top 10 reach 95%,
the mergers), and the renewal calendar of the long contracts (revenue up for renewal per year,
stacked by customer).

They draw :mod:`kamlab.cases.manufacturer` results: ``market_structure`` (or the market
table), ``merger_effects`` (or the mergers table), ``renewals`` (or the contracts table).
"""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: F401  (the doctests)
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from kamlab._validate import require_columns
from kamlab.cases.manufacturer import (
    CONTRACT_COLUMNS,
    first_year_reaching,
    market_structure,
    renewal_calendar,
    renewals,
)
from kamlab.exceptions import ParameterError
from kamlab.i18n import resolve, t
from kamlab.plotting._style import (
    _AMBER,
    _BLUE,
    _GREY,
    _INK,
    _RED,
    _TIER_COLOURS,
    _cny,
    _finish,
    _ink_on,
    _money_axis,
    _new_axes,
    _pct,
    _percent_axis,
    _plain,
    _short_name,
    _tidy,
)

__all__ = ["plot_market_structure", "plot_renewal_calendar"]

_HHI_AXIS = "mstructure:hhi_axis"
#: One colour per customer in the renewal calendar: ten distinct ones, then again.
_ACCOUNT_COLOURS = (*_TIER_COLOURS, "#2a9d8f", "#d98cb3")


# ---------------------------------------------------------------------------------------
# The customers' market: top-k share and HHI by year
# ---------------------------------------------------------------------------------------

def _structure(data, top: int, func: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"{func}(): pass the table of market_structure(market), or the "
                             f"market table itself; got {type(data).__name__}.",
                             got=type(data).__name__)
    if "hhi" in data.columns and f"top{top}_share" in data.columns:
        require_columns(data, ["year"], func=func)
        return data.sort_values("year", kind="stable")
    return market_structure(data, top=sorted({4, top}))


def _merger_years(mergers, func: str):
    """(years with a merger and their counts, the largest merger's row or None)."""
    if mergers is None:
        return None, None
    if not isinstance(mergers, pd.DataFrame):
        raise ParameterError(f"{func}(): mergers is the table of merger_effects(market, mergers) "
                             f"or the mergers table (year, acquirer, target); got "
                             f"{type(mergers).__name__}.", got=type(mergers).__name__)
    require_columns(mergers, ["year", "acquirer", "target"], func=func,
                    source="the mergers table")
    counts = mergers["year"].astype("int64").value_counts().sort_index()
    largest = None
    if "hhi_change" in mergers.columns and len(mergers):
        largest = mergers.loc[mergers["hhi_change"].astype(float).idxmax()]
    return counts, largest


def _drop_old_twin(ax) -> None:
    """A redraw on a cleared Axes: remove the HHI axis the last drawing added."""
    for other in list(ax.figure.axes):
        if other is not ax and other.get_gid() == _HHI_AXIS and other.get_position().bounds == \
                ax.get_position().bounds:
            other.remove()


def plot_market_structure(structure, *, mergers=None, share: float = 0.95, top: int = 10,
                          ax=None, lang=None):
    """The customers' market year by year: the top-``top`` and top-4 shares, HHI, the mergers.

    The shares are lines on the left axis (percent); HHI is drawn as light bars on a second,
    right-hand axis (0–10,000 scale, sharing the years). A dashed line marks ``share`` (seed
    000: the top 10 hold 95%), and the first year the top ``top`` reach it is marked and
    labelled. With ``mergers``, each year with a merger gets a triangle on the year axis; with
    a :func:`~kamlab.cases.manufacturer.merger_effects` table the largest merger (by ΔHHI) is
    named.

    Parameters
    ----------
    structure : the table of :func:`~kamlab.cases.manufacturer.market_structure` (``year``,
        ``hhi``, ``top{top}_share``, ``top4_share`` when drawn), or the market table itself.
    mergers : the table of ``merger_effects(market, mergers)``, the mergers table (``year``,
        ``acquirer``, ``target``), or None.
    share : the share marked, default 0.95.
    top : the k of the main line, default 10.
    ax : Axes to draw on; a new 8×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax`` (the share axis); lines have ``gid`` ``"mstructure:top<k>"``, the target line
        ``"mstructure:target"``, the reached point ``"mstructure:reached"`` and its label
        ``"mstructure:reached_label"``, merger marks ``"mstructure:mergers"``, the largest
        merger's label ``"mstructure:largest"``. The HHI bars (``"mstructure:hhi:<year>"``)
        are on the right axis, ``gid`` ``"mstructure:hhi_axis"``.

    Notes
    -----
    Seed 000: "前10名客户占市场总份额的95%", and the industry "仍在不断的整合之中".

    >>> import pandas as pd
    >>> s = pd.DataFrame({"year": [2020, 2021, 2022], "hhi": [900.0, 1000.0, 1200.0],
    ...                   "top4_share": [0.5, 0.55, 0.6], "top10_share": [0.9, 0.93, 0.96]})
    >>> ax = plot_market_structure(s, lang="en")
    >>> [line.get_xydata().tolist() for line in ax.lines if line.get_gid() == "mstructure:reached"]
    [[[2022.0, 0.96]]]
    >>> plt.close("all")
    """
    func = "plot_market_structure"
    lang = resolve(lang)
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or top < 1:
        raise ParameterError(f"{func}(): top is a whole number of companies ≥ 1, e.g. 10; got "
                             f"{top!r}.", name="top", value=top)
    if not (isinstance(share, int | float | np.number) and 0 < share <= 1):
        raise ParameterError(f"{func}(): share is a fraction in (0, 1], e.g. 0.95; got "
                             f"{share!r}.", name="share", value=share)
    s = _structure(structure, int(top), func)
    counts, largest = _merger_years(mergers, func)
    ax = _new_axes(ax, (8, 4.8))
    _drop_old_twin(ax)
    years = s["year"].to_numpy(dtype="int64")
    main = s[f"top{top}_share"].to_numpy(dtype="float64")

    twin = ax.twinx()
    twin.set_gid(_HHI_AXIS)
    hhi = s["hhi"].to_numpy(dtype="float64")
    bars = twin.bar(years, hhi, width=0.7, color=_GREY, alpha=0.35, lw=0,
                    label=t("mstructure.hhi", lang))
    for bar, year in zip(bars, years):
        bar.set_gid(f"mstructure:hhi:{year}")
    twin.set_ylim(0, max(float(np.nanmax(hhi)), 1.0) * 2.1)
    twin.yaxis.set_major_formatter(lambda v, _pos: _plain(v))
    twin.spines[["top"]].set_visible(False)
    twin.tick_params(labelsize=10, colors="#555555")
    twin.set_ylabel(t("mstructure.hhi_axis", lang), fontsize=11, color="#555555")
    ax.set_zorder(twin.get_zorder() + 1)  # the lines and labels over the bars
    ax.patch.set_visible(False)

    ax.axhline(share, color=_RED, lw=1.2, ls="--", gid="mstructure:target",
               label=t("mstructure.target", lang, share=_pct(share)))
    if top != 4 and "top4_share" in s.columns:
        ax.plot(years, s["top4_share"].to_numpy(dtype="float64"), color=_AMBER, lw=2,
                marker="o", ms=3.5, gid="mstructure:top4", label=t("mstructure.top", lang, k=4))
    ax.plot(years, main, color=_BLUE, lw=2.6, marker="o", ms=4, zorder=4,
            gid=f"mstructure:top{top}", label=t("mstructure.top", lang, k=top))
    reached = first_year_reaching(s, share, top=top)
    if reached is not None:
        y = float(main[years == reached][0])
        ax.plot([reached], [y], "o", ms=9, color=_RED, mec="white", zorder=5,
                gid="mstructure:reached")
        ax.annotate(t("mstructure.reached", lang, year=reached, k=top, share=_pct(share)),
                    (reached, y), xytext=(-10, -30), textcoords="offset points", ha="right",
                    va="top", fontsize=10, color=_RED, gid="mstructure:reached_label",
                    arrowprops={"arrowstyle": "-", "color": _RED, "lw": 0.8})
    else:
        ax.text(0.99, share, t("mstructure.not_reached", lang, k=top, share=_pct(share)),
                transform=ax.get_yaxis_transform(), ha="right", va="bottom", fontsize=9,
                color=_RED, gid="mstructure:reached_label")
    if counts is not None and len(counts):
        ax.plot(counts.index.to_numpy(), np.full(len(counts), 0.025), "^",
                transform=ax.get_xaxis_transform(), ms=7, color=_INK, clip_on=False, zorder=6,
                gid="mstructure:mergers", label=t("mstructure.mergers", lang,
                                                  n=int(counts.sum())))
        if largest is not None:
            ax.annotate(t("mstructure.largest", lang, acquirer=largest["acquirer"],
                          target=largest["target"],
                          change=f"{float(largest['hhi_change']):,.0f}"),
                        (float(largest["year"]), 0.05), xycoords=("data", "axes fraction"),
                        xytext=(0, 12), textcoords="offset points", ha="center", va="bottom",
                        fontsize=9, color=_INK, gid="mstructure:largest")
    ax.set_ylim(0, 1.08)
    ax.set_xlim(years.min() - 0.7, years.max() + 0.7)
    twin.set_xlim(ax.get_xlim())
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    _percent_axis(ax, "y")
    _tidy(ax, grid="y")
    handles, labels = ax.get_legend_handles_labels()
    h2, l2 = twin.get_legend_handles_labels()
    ax.legend(handles + h2, labels + l2, loc="upper left", bbox_to_anchor=(0, -0.13), ncol=3,
              fontsize=9, frameon=False)
    _finish(ax, title=t("mstructure.title", lang, first=int(years.min()),
                        last=int(years.max()), k=top),
            xlabel=t("mstructure.x", lang), ylabel=t("mstructure.y", lang))
    return ax


# ---------------------------------------------------------------------------------------
# The renewal calendar
# ---------------------------------------------------------------------------------------

def _renewal_table(data, years, func: str):
    """(renewals table, {year: share of the book} or None)."""
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"{func}(): pass the contracts table or the table of "
                             f"renewals(contracts); got {type(data).__name__}.",
                             got=type(data).__name__)
    if "renewal_revenue" in data.columns:
        require_columns(data, ["year", "account_id", "renewal_revenue"], func=func)
        table = data if years is None else data[data["year"].isin(list(years))]
        return table, None, (sorted(set(int(y) for y in years)) if years is not None else None)
    require_columns(data, list(CONTRACT_COLUMNS), func=func, source="the contracts table")
    table = renewals(data, years)
    cal = renewal_calendar(data, years)
    return table, dict(zip(cal["year"].tolist(), cal["renewal_share"].tolist())), \
        cal["year"].tolist()


def plot_renewal_calendar(data, *, years=None, names=None, ax=None, lang=None):
    """Revenue up for renewal per year, stacked by customer, with the total and its share.

    A contract whose last year is Y − 1 comes up for renewal in Y; its bar segment is its
    last year's revenue. Each bar is labelled with the year's total and, when the contracts
    are given, its share of our contract book; segments tall enough carry the account id.

    Parameters
    ----------
    data : the contracts table (:data:`~kamlab.cases.manufacturer.CONTRACT_COLUMNS`), or the
        table of :func:`~kamlab.cases.manufacturer.renewals` (no shares then).
    years : the renewal years to draw, e.g. ``range(2025, 2031)``; default every year from
        the first renewal to the last.
    names : optional mapping (dict or Series) account_id → the customer's name, shown in the
        legend beside the id ("M01 Northstar Appliances"); the bars keep the short id.
    ax : Axes to draw on; a new 8×4.8 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; segments have ``gid`` ``"renewal:<year>:<account_id>"``, the total labels
        ``"renewal:total:<year>"``, the account labels in the segments
        ``"renewal:label:<year>:<account_id>"``.

    Notes
    -----
    Seed 000: customers sign 3–5-year contracts; terms that end together make a heavy year.

    >>> import pandas as pd
    >>> r = pd.DataFrame({"year": [2026, 2026, 2027], "account_id": ["A", "B", "A"],
    ...                   "renewal_revenue": [3e6, 1e6, 2e6]})
    >>> ax = plot_renewal_calendar(r, lang="en")
    >>> sorted((p.get_gid(), float(p.get_height())) for p in ax.patches)[:2]
    [('renewal:2026:A', 3000000.0), ('renewal:2026:B', 1000000.0)]
    >>> plt.close("all")
    """
    func = "plot_renewal_calendar"
    lang = resolve(lang)
    table, shares, shown = _renewal_table(data, years, func)
    if table.empty:
        raise ParameterError(f"{func}(): no contract comes up for renewal in the years asked "
                             f"({years!r}).", name="years", value=years)
    ax = _new_axes(ax, (8, 4.8))
    per = table.groupby(["year", "account_id"])["renewal_revenue"].sum()
    all_years = shown or list(range(int(table["year"].min()), int(table["year"].max()) + 1))
    accounts = per.groupby(level="account_id").sum().sort_values(ascending=False).index.tolist()
    colour = {a: _ACCOUNT_COLOURS[i % len(_ACCOUNT_COLOURS)] for i, a in enumerate(sorted(accounts))}
    totals = per.groupby(level="year").sum().reindex(all_years, fill_value=0.0)
    top = float(totals.max()) or 1.0
    drawn = set()
    crowded = len(all_years) > 8  # totals turned upright, without the share line
    for year in all_years:
        bottom = 0.0
        here = per[per.index.get_level_values("year") == year].droplevel("year")
        for account in [a for a in accounts if a in here.index]:
            value = float(here[account])
            bar = ax.bar(year, value, bottom=bottom, width=0.62, color=colour[account],
                         edgecolor="white", lw=0.8,
                         label=None if account in drawn else str(account))[0]
            drawn.add(account)
            bar.set_gid(f"renewal:{year}:{account}")
            if value >= 0.08 * top:
                ax.text(year, bottom + value / 2, str(account), ha="center", va="center",
                        fontsize=8.5, color=_ink_on(colour[account]),
                        gid=f"renewal:label:{year}:{account}")
            bottom += value
        total = float(totals[year])
        text = _cny(total, lang) if total > 0 else t("renewal.none", lang)
        if (shares is not None and not crowded and total > 0
                and np.isfinite(shares.get(year, np.nan))):
            text += "\n" + t("renewal.share", lang, share=_pct(shares[year]))
        heavy = total == top and total > 0
        ax.annotate(text, (year, total), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8.5 if crowded else 9,
                    rotation=90 if crowded else 0, color=_RED if heavy else _INK,
                    gid=f"renewal:total:{year}")
    ax.set_xticks(all_years, [str(y) for y in all_years])
    ax.set_xlim(min(all_years) - 0.6, max(all_years) + 0.6)
    ax.set_ylim(0, top * (1.45 if crowded else 1.28))
    unit = _money_axis(ax, top, lang, "y")
    _tidy(ax, grid="y")
    if crowded:
        ax.tick_params(axis="x", labelsize=8.5)
    handles, labels = ax.get_legend_handles_labels()
    order = [labels.index(str(a)) for a in sorted(accounts)]
    names = {} if names is None else dict(names)
    ax.legend([handles[i] for i in order],
              [f"{labels[i]} {_short_name(str(names[a]), 24)}" if a in names else labels[i]
               for a, i in zip(sorted(accounts), order)],
              title=t("renewal.customer", lang), loc="upper left", bbox_to_anchor=(1.01, 1.0),
              fontsize=9, title_fontsize=9, frameon=False)
    _finish(ax, title=t("renewal.title", lang, first=min(all_years), last=max(all_years)),
            xlabel=t("renewal.x", lang), ylabel=t("renewal.y", lang, unit=unit))
    return ax
