"""Account planning — the key-account card's charts (核心客户管理卡, seed 001): our monthly sales
with the 12-month total and the change on a year earlier, our share of the account's spend,
and its credit (receivables against the limit, what is overdue).

They draw a :class:`~kamlab.card.KeyAccountCard` from :func:`~kamlab.card.key_account_card`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from kamlab.card import KeyAccountCard
from kamlab.exceptions import ParameterError
from kamlab.i18n import resolve, t
from kamlab.plotting._style import (
    _BLUE,
    _GREEN,
    _GREY,
    _INK,
    _RED,
    _cny,
    _figure_size,
    _finish,
    _money_axis,
    _pct,
    _short_name,
    _signed_pct,
    _tidy,
)

__all__ = ["plot_card_transactions", "plot_card_wallet", "plot_card_credit"]


def _card(card, func: str) -> KeyAccountCard:
    if not isinstance(card, KeyAccountCard):
        raise ParameterError(f"{func}(): pass the card from kamlab.card.key_account_card(...); "
                             f"got {type(card).__name__}.", got=type(card).__name__)
    return card


def _name(card: KeyAccountCard) -> str:
    name = card.profile.get("name")
    return _short_name(str(name)) if name else card.account_id


def _axes(ax, figsize, margins):
    """``ax``, or a new figure's Axes with fixed margins (left, bottom, right, top as figure
    fractions): a card's three charts skip constrained layout, which is most of their drawing
    time and, for these known sizes, gives nothing the margins do not."""
    if ax is not None:
        return ax
    fig = plt.figure(**_figure_size(figsize))
    left, bottom, right, top = margins
    fig.subplots_adjust(left=left, bottom=bottom, right=right, top=top)
    return fig.add_subplot()


def _month_ticks(ax, months) -> None:
    """A tick on the first month and on every January (and July when the span is short)."""
    months = list(months)
    step = ("-01", "-07") if len(months) <= 24 else ("-01",)
    keep = [i for i, m in enumerate(months) if m.endswith(step)]
    if not keep or keep[0] >= 5:  # the first month too, when it is not crowded by the next
        keep.insert(0, 0)
    ax.set_xticks(keep, [months[i] for i in keep])
    ax.set_xlim(-0.7, len(months) - 0.3)


def plot_card_transactions(card, *, ax=None, lang=None):
    """Our monthly sales to the account, the 12-month rolling total and the change on a year
    earlier.

    Bars are the monthly revenue, green where the month is up on the same month a year
    earlier, red where it is down (grey for the first year); the line (right axis) is the
    rolling 12-month total; the note gives the last 12 months and their change.

    Parameters
    ----------
    card : a :class:`~kamlab.card.KeyAccountCard` (its ``monthly`` table is drawn).
    ax : Axes to draw on; a new 8×4.4 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the bars have ``gid`` ``"cardtx:bars"``, the rolling line (on a twin Axes,
        ``ax.cardtx_twin``) ``"cardtx:rolling"``, the note ``"cardtx:change"``.

    Notes
    -----
    Seed 001: the card records how our transactions with the account changed (交易的变化).

    >>> import pandas as pd
    >>> from kamlab.card import key_account_card
    >>> months = [str(pd.Period("2024-01", "M") + k) for k in range(24)]
    >>> tx = pd.DataFrame({"account_id": "K1", "month": months,
    ...                    "revenue": [100] * 12 + [120] * 12, "gross_margin": 15})
    >>> ax = plot_card_transactions(key_account_card("K1", pd.DataFrame({"account_id": ["K1"]}),
    ...                                              tx), lang="en")
    >>> ax.cardtx_twin.get_lines()[0].get_ydata()[-1]
    np.float64(1440.0)
    >>> plt.close("all")
    """
    card = _card(card, "plot_card_transactions")
    lang = resolve(lang)
    ax = _axes(ax, (8, 4.4), (0.11, 0.27, 0.9, 0.92))
    m = card.monthly
    x = np.arange(len(m))
    rev = m["revenue"].to_numpy(dtype=float)
    yoy = m["yoy_change"].to_numpy(dtype=float)
    colours = np.where(np.isnan(yoy), _GREY, np.where(yoy >= 0, _GREEN, _RED))
    top = max(float(np.nanmax(np.abs(rev))), 1.0)
    unit = _money_axis(ax, top, lang, axis="y")
    for patch in ax.bar(x, rev, color=colours, width=0.8):
        patch.set_gid("cardtx:bars")
    twin = ax.twinx()
    rolling = m["revenue_12m"].to_numpy(dtype=float)
    twin.plot(x, rolling, color=_INK, linewidth=2.2, gid="cardtx:rolling")
    unit2 = _money_axis(twin, float(np.nanmax(np.abs(rolling))) if np.isfinite(rolling).any()
                        else top, lang, axis="y")
    twin.set_ylim(0, max(float(np.nanmax(rolling)) if np.isfinite(rolling).any() else 1.0,
                         1.0) * 1.25)  # headroom for the note
    twin.set_ylabel(t("cardtx.y2", lang, unit=unit2), fontsize=10)
    twin.spines[["top"]].set_visible(False)
    ax.set_ylim(min(0.0, float(np.nanmin(rev)) * 1.1), top * 1.25)
    _tidy(ax)
    _month_ticks(ax, m["month"])
    _finish(ax, title=t("cardtx.title", lang, name=_name(card)), xlabel=t("cardtx.x", lang),
            ylabel=t("cardtx.y", lang, unit=unit))
    s = card.summary
    if s["growth"] is not None:
        note = t("cardtx.change", lang, month=card.as_of, total=_cny(s["revenue_12"], lang),
                 change=_signed_pct(s["growth"]))
    else:
        note = f"{card.as_of}: {_cny(s['revenue_12'], lang)}"
    ax.text(0.01, 0.98, note, transform=ax.transAxes, ha="left", va="top", fontsize=10,
            color=_INK, gid="cardtx:change",
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#cccccc"})
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in (_GREEN, _RED, _GREY)]
    labels = [t(k, lang) for k in ("cardtx.up", "cardtx.down", "cardtx.first")]
    handles.append(plt.Line2D([], [], color=_INK, linewidth=2.2))
    labels.append(t("cardtx.rolling", lang))
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2,
              fontsize=9, frameon=False)
    ax.cardtx_twin = twin
    return ax


def plot_card_wallet(card, *, ax=None, lang=None):
    """Our revenue against the account's spend on our range: share of wallet (seed 002).

    Parameters
    ----------
    card : a :class:`~kamlab.card.KeyAccountCard` made with ``book=`` (its ``wallet``).
    ax : Axes to draw on; a new 8×2.6 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; our part of the bar has ``gid`` ``"cardwallet:ours"``, the rest
        ``"cardwallet:others"``.

    Raises
    ------
    ParameterError when the card has no wallet (made without ``book``).

    >>> import pandas as pd
    >>> from kamlab.card import key_account_card
    >>> months = [str(pd.Period("2024-01", "M") + k) for k in range(12)]
    >>> tx = pd.DataFrame({"account_id": "K1", "month": months, "revenue": 100,
    ...                    "gross_margin": 15})
    >>> book = pd.DataFrame({"account_id": ["K1"], "wallet": [4800]})
    >>> ax = plot_card_wallet(key_account_card("K1", book, tx, book=book), lang="en")
    >>> ax.get_title()
    'Share of wallet at K1: 25%'
    >>> plt.close("all")
    """
    card = _card(card, "plot_card_wallet")
    s = card.summary
    if s["wallet"] is None:
        raise ParameterError("plot_card_wallet(): the card has no wallet. Make it with "
                             "key_account_card(..., book=customers), a book with a 'wallet' "
                             "column for this account.")
    lang = resolve(lang)
    ax = _axes(ax, (8, 2.6), (0.04, 0.22, 0.97, 0.87))
    ours, wallet = float(s["revenue_12"]), float(s["wallet"])
    others = max(wallet - ours, 0.0)
    unit = _money_axis(ax, max(wallet, ours), lang, axis="x")
    ax.barh([0], [ours], color=_BLUE, height=0.5)[0].set_gid("cardwallet:ours")
    ax.barh([0], [others], left=[ours], color="#d9d9d9", height=0.5)[0].set_gid(
        "cardwallet:others")
    ax.set_yticks([])
    ax.set_ylim(-0.8, 0.8)
    ax.text(0, 0.33, t("cardwallet.ours", lang, value=_cny(ours, lang)), ha="left",
            va="bottom", fontsize=10, color=_BLUE)
    ax.text(max(wallet, ours), -0.33, t("cardwallet.others", lang, value=_cny(others, lang)),
            ha="right", va="top", fontsize=10, color=_INK)
    _tidy(ax, grid="x")
    ax.spines["left"].set_visible(False)
    share = s["share_of_wallet"]
    _finish(ax, title=t("cardwallet.title", lang, name=_name(card),
                        share=_pct(share) if share is not None else "—"),
            xlabel=t("cardwallet.x", lang, unit=unit), ylabel="")
    return ax


def plot_card_credit(card, *, ax=None, lang=None):
    """Receivables against the credit limit, month by month, with what is overdue.

    Parameters
    ----------
    card : a :class:`~kamlab.card.KeyAccountCard` made with ``credit`` records.
    ax : Axes to draw on; a new 8×4.2 in figure when None.
    lang : ``"en"`` or ``"zh"``; default the session language.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; receivables have ``gid`` ``"cardcredit:receivables"``, the limit
        ``"cardcredit:limit"``, the overdue bars ``"cardcredit:overdue"``, the note
        ``"cardcredit:now"``.

    Notes
    -----
    Seed 001: the card follows the account's credit (信用动态管理: bank rating, cash flow,
    credit terms, credit limit); seed 004: persistent losses from poor credit end a relationship.
    """
    card = _card(card, "plot_card_credit")
    cm = card.credit_monthly
    if cm.empty:
        raise ParameterError("plot_card_credit(): the card has no credit records. Make it with "
                             "key_account_card(account_id, profiles, transactions, credit).")
    lang = resolve(lang)
    ax = _axes(ax, (8, 4.2), (0.11, 0.26, 0.97, 0.92))
    x = np.arange(len(cm))
    top = float(max(cm["receivables"].max(), cm["credit_limit"].max(), 1.0))
    unit = _money_axis(ax, top, lang, axis="y")
    ax.bar(x, cm["overdue"], color=_RED, width=0.8, alpha=0.85,
           label=t("cardcredit.overdue", lang))
    for patch in ax.patches:
        patch.set_gid("cardcredit:overdue")
    ax.plot(x, cm["receivables"], color=_BLUE, linewidth=2.2, gid="cardcredit:receivables",
            label=t("cardcredit.receivables", lang))
    ax.step(x, cm["credit_limit"], where="mid", color=_INK, linestyle="--", linewidth=1.6,
            gid="cardcredit:limit", label=t("cardcredit.limit", lang))
    ax.set_ylim(0, top * 1.18)
    _tidy(ax)
    _month_ticks(ax, cm["month"])
    _finish(ax, title=t("cardcredit.title", lang, name=_name(card)),
            xlabel=t("cardcredit.x", lang), ylabel=t("cardcredit.y", lang, unit=unit))
    c = card.credit
    use = _pct(c["credit_use"]) if c.get("credit_use") is not None else "—"
    ax.text(0.01, 0.98, t("cardcredit.now", lang, use=use, days=f"{c['days_overdue']:,.0f}"),
            transform=ax.transAxes, ha="left", va="top", fontsize=10, color=_INK,
            gid="cardcredit:now",
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#cccccc"})
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=3, fontsize=9,
              frameon=False)
    return ax
