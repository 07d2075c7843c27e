"""The exercise bank for modules 1–2: expected answers computed from kamlab, known mistakes.

Each exercise has a trainee notebook and a solution notebook in ``exercises/``; each
mistake's hint has a test in ``tests/test_check.py`` that feeds exactly that mistake.

Expected answers are never typed in: they are computed with kamlab on the bundled data
when first needed. Each mistake detector recomputes the mistaken value its own way, so a
hint fires only for the mistake it explains.

>>> from kamlab.check import check, expected_answer
>>> check("m2-abc-profit-count", expected_answer("m2-abc-profit-count")).status
'correct'
>>> check("m1-top11-profit", 100 * expected_answer("m1-top11-profit")).hint
'Give the share as a fraction (0.75), not a percentage (75).'
"""

from __future__ import annotations

import math

from kamlab.check import Exercise, Mistake, as_ids, as_number, register

# --- shared helpers --------------------------------------------------------------------


def _book():
    from kamlab.data import load_dataset

    return load_dataset("customers")


def _close(a: float, b: float, tol: float = 5e-4) -> bool:
    """Shares: equal to three decimals (0.7912 and 0.791 both pass)."""
    return math.isclose(a, b, rel_tol=0, abs_tol=tol)


def _rel_close(a: float, b: float, tol: float = 1e-3) -> bool:
    """Ratios of any size: equal to 0.1% (1,076 and 1,075.96 both pass)."""
    return math.isclose(a, b, rel_tol=tol)


def _same_count(a: float, b: float) -> bool:
    return a == b


def _id_set(answer) -> frozenset:
    """Account ids as a set: order and repeats do not matter."""
    return frozenset(as_ids(answer))


def _ids_where(df, mask) -> frozenset:
    return frozenset(df.loc[mask, "account_id"].astype(str))


# --- module 1: concentration -----------------------------------------------------------

def _top_share(column: str, frac: float) -> float:
    from kamlab.concentration import top_share

    return top_share(_book()[column], frac)


def _bottom_share(column: str, frac: float) -> float:
    from kamlab.concentration import top_count

    values = _book()[column]
    return float(values.nsmallest(top_count(len(values), frac)).sum() / values.sum())


register(Exercise(
    id="m1-top20",
    title="share of revenue held by the top 20% of accounts, as a fraction",
    expected=lambda: _top_share("revenue", 0.20),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.8), not a percentage (80)."),
        Mistake("share-of-accounts", lambda a, e: _close(a, 0.20),
                "0.20 is the share of accounts; the question asks what share of REVENUE they hold."),
        Mistake("bottom", lambda a, e: _close(a, _bottom_share("revenue", 0.20)),
                "That is the smallest 20% of accounts. Sort by revenue descending first "
                "(df.sort_values('revenue', ascending=False))."),
        Mistake("top-20-accounts", lambda a, e: _close(a, _book()["revenue"].nlargest(20).sum()
                                                        / _book()["revenue"].sum()),
                "That is the top 20 accounts; the question asks for the top 20% (600 of 3,000)."),
        Mistake("profit", lambda a, e: _close(a, _top_share("profit", 0.20)),
                "You measured profit; this exercise is about revenue (销售额)."),
    ),
    success="the top 20% of accounts hold about four-fifths of revenue — the 80/20 rule holds here.",
    generic_hint="Use kamlab.concentration.top_share(book['revenue'], 0.2), or sort descending, "
                 "take the first 20% of rows and divide their sum by the total.",
))


def _profit_of_top_revenue(frac: float) -> float:
    """Profit share of the top ``frac`` of accounts ranked by revenue (the wrong ranking)."""
    from kamlab.segmentation import abc_classify_by_count

    tiers = abc_classify_by_count(_book(), "revenue", cutoffs=(frac,), labels=("top", "rest"))
    return float(tiers.loc[tiers["abc"] == "top", "profit"].sum() / tiers["profit"].sum())


def _top_profit_over_positive(frac: float) -> float:
    """Top ``frac`` by profit divided by the profit of the profitable accounts only."""
    from kamlab.concentration import top_count

    profit = _book()["profit"]
    top = profit.nlargest(top_count(len(profit), frac)).sum()
    return float(top / profit[profit > 0].sum())


register(Exercise(
    id="m1-top11-profit",
    title="share of total profit contribution made by the 11% most profitable accounts, "
          "as a fraction",
    expected=lambda: _top_share("profit", 0.11),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.75), not a percentage (75)."),
        Mistake("ranked-by-revenue", lambda a, e: _close(a, _profit_of_top_revenue(0.11)),
                "You took the 11% biggest accounts by revenue (销售额). Rank by profit "
                "contribution (利润贡献) instead: the biggest buyers are not always the most "
                "profitable."),
        Mistake("positive-profits-only", lambda a, e: _close(a, _top_profit_over_positive(0.11)),
                "You divided by the profit of the profitable accounts only. Divide by total "
                "profit, loss-makers included: their losses are part of the picture."),
        Mistake("top-11-accounts",
                lambda a, e: _close(a, _book()["profit"].nlargest(11).sum()
                                    / _book()["profit"].sum()),
                "That is the top 11 accounts; the question asks for the top 11% (330 of 3,000)."),
    ),
    success="about a ninth of the accounts earns three-quarters of the profit — seed 000's "
            "\"75% of profit from 11% of customers\" holds on this book too.",
    generic_hint="Use kamlab.concentration.top_share(book['profit'], 0.11): rank by profit, "
                 "largest first, and divide the top 11% of accounts' profit by total profit.",
))


def _segments():
    from kamlab.data import load_dataset

    return load_dataset("telecom_segments").set_index("segment")


def _segment_key(table, word: str) -> str:
    """The segment whose name contains ``word`` (case-insensitive), e.g. 'large'."""
    names = [s for s in table.index if word in str(s).lower()]
    if len(names) != 1:
        raise LookupError(f"no single segment named like {word!r} in {list(table.index)}")
    return names[0]


def _per_customer_ratio(value: str = "revenue_share") -> float:
    """(value share / customer share) of large accounts ÷ the same of residential customers."""
    seg = _segments()
    per_customer = seg[value] / seg["customers_share"]
    return float(per_customer[_segment_key(seg, "large")]
                 / per_customer[_segment_key(seg, "residential")])


def _revenue_share_ratio() -> float:
    seg = _segments()
    return float(seg.loc[_segment_key(seg, "large"), "revenue_share"]
                 / seg.loc[_segment_key(seg, "residential"), "revenue_share"])


register(Exercise(
    id="m1-telecom-ratio",
    title="how many times more revenue an average large account makes than an average "
          "residential customer",
    expected=lambda: _per_customer_ratio("revenue_share"),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    mistakes=(
        Mistake("ebit", lambda a, e: _rel_close(a, _per_customer_ratio("ebit_share")),
                "You used EBIT shares (息税前利润); the question is about revenue (收入): "
                "use revenue_share."),
        Mistake("inverted", lambda a, e: _rel_close(a, 1 / e),
                "Your ratio is upside down: divide the large account's revenue per customer "
                "by the residential customer's, so the answer is far above 1."),
        Mistake("shares-only", lambda a, e: _rel_close(a, _revenue_share_ratio()),
                "You compared the two segments' total revenue. Per customer means: first "
                "divide each segment's revenue_share by its customers_share (客户数占比)."),
    ),
    success="one large account is worth about a thousand households in revenue — why "
            "telecom operators give the top 1,000 accounts their own managers.",
    generic_hint="Revenue per customer of a segment ∝ revenue_share / customers_share; "
                 "compute it for 'large' and for 'residential' and divide the first by the "
                 "second.",
))


# --- module 2: segmentation ------------------------------------------------------------

def _abc_ids(value: str = "revenue", cls: str = "A", *, cutoffs=(0.8, 0.95)) -> frozenset:
    from kamlab.segmentation import abc_classify

    tiers = abc_classify(_book(), value, cutoffs=cutoffs)
    return _ids_where(tiers, tiers["abc"] == cls)


def _abc_count(value: str = "revenue", *, cutoffs=(0.8, 0.95)) -> int:
    return len(_abc_ids(value, cutoffs=cutoffs))


def _abc_count_by_count(value: str = "profit") -> int:
    from kamlab.segmentation import abc_classify_by_count

    return int((abc_classify_by_count(_book(), value)["abc"] == "A").sum())


register(Exercise(
    id="m2-abc-profit-count",
    title="number of class-A accounts when ABC is by profit with cut-offs (0.8, 0.95)",
    expected=lambda: _abc_count("profit"),
    normalise=as_number,
    correct=_same_count,
    mistakes=(
        Mistake("by-revenue", lambda a, e: a == _abc_count("revenue"),
                "That is class A by revenue (销售额). Pass value='profit' to abc_classify."),
        Mistake("by-count", lambda a, e: a == _abc_count_by_count("profit"),
                "That is the top 20% of accounts (ABC by count). Here class A is the accounts "
                "that together reach 80% of profit: use abc_classify, not "
                "abc_classify_by_count."),
        Mistake("cutoff-095", lambda a, e: a == _abc_count("profit", cutoffs=(0.95,)),
                "You cut class A at 95% of profit; A ends where the running profit share "
                "(累计占比) first reaches 80% — 0.95 is the B/C boundary."),
        Mistake("share-of-accounts", lambda a, e: _close(a, e / len(_book())),
                "That is the share of accounts in class A; the question asks for the number "
                "of accounts."),
    ),
    success="profit is even more concentrated than revenue, so class A by profit is a "
            "shorter list than class A by revenue.",
    generic_hint="tiers = abc_classify(book, 'profit'); then count the rows where "
                 "tiers['abc'] == 'A'.",
))


register(Exercise(
    id="m2-abc-moved",
    title="account ids that are class A by revenue but not class A by profit",
    expected=lambda: _abc_ids("revenue") - _abc_ids("profit"),
    normalise=_id_set,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("reverse", lambda a, e: a == _abc_ids("profit") - _abc_ids("revenue"),
                "Those are A by profit but not A by revenue — the other direction. Start "
                "from class A by revenue and remove the accounts that are A by profit."),
        Mistake("symmetric-difference",
                lambda a, e: a == _abc_ids("profit") ^ _abc_ids("revenue"),
                "You listed the accounts that are A on one measure only (both directions). "
                "Keep just those that are A by revenue and lose A by profit."),
        Mistake("all-a-by-profit", lambda a, e: a == _abc_ids("profit"),
                "That is every class-A account by profit. The question asks for accounts "
                "that are A by revenue but NOT A by profit."),
    ),
    success="these are big buyers that earn little — candidates for a price, mix or "
            "cost-to-serve (服务成本) review rather than more sales effort.",
    generic_hint="Classify twice (abc_classify(book, 'revenue') and abc_classify(book, "
                 "'profit')), take the ids in class A for each, and keep the revenue-A ids "
                 "that are not in the profit-A set.",
))


def _grid():
    from kamlab.segmentation import potential_share_grid

    return potential_share_grid(_book())


def _cell_count(cell: str, grid=None) -> int:
    grid = _grid() if grid is None else grid
    return int((grid["grid_cell"] == cell).sum())


def _a1_by_revenue() -> int:
    from kamlab.segmentation import potential_share_grid

    return _cell_count("A1", potential_share_grid(_book(), potential="revenue"))


# Boundary slips (potential >= 1M instead of > 1M, share <= 0.10 instead of < 0.10) have no
# hint: no bundled account has a potential of exactly 1M or a share of exactly 0.10 with a
# potential above 1M, so a slip gives the right count and cannot be told apart from it
# (tests/test_check.py asserts this stays true).
_GRID_MISTAKES = (
    Mistake("percent-cutoffs", lambda a, e: a == int((_book()["wallet"] > 1e6).sum()),
            "Every account with potential above 1M landed in A1: share_of_wallet is a "
            "fraction (0.08 = 8%), so compare it with 0.10, not 10."),
    Mistake("revenue-as-potential", lambda a, e: a == _a1_by_revenue(),
            "You used revenue as the potential. Potential (潜力) is the customer's own "
            "annual spend, the 'wallet' column: pass potential='wallet' (the default)."),
    Mistake("d1", lambda a, e: a == _cell_count("D1"),
            "That is cell D1 (share 10–30%, develop 发展). A1 is share below 10% "
            "(open up 开发)."),
)


register(Exercise(
    id="m2-grid-a1",
    title="number of accounts in cell A1 of the potential × share-of-wallet grid",
    expected=lambda: _cell_count("A1"),
    normalise=as_number,
    correct=_same_count,
    mistakes=_GRID_MISTAKES,
    success="A1 accounts already spend over 1M a year but give us under a tenth of it — "
            "the biggest room to grow (开发) for the least new-customer cost.",
    generic_hint="grid = potential_share_grid(book); count grid['grid_cell'] == 'A1' "
                 "(share of wallet < 0.10 and wallet > 1,000,000).",
))


def _reweighted() -> dict[str, float]:
    from kamlab.scoring import DEFAULT_WEIGHTS

    weights = dict(DEFAULT_WEIGHTS)
    weights["relationship"] *= 2
    return weights


def _tops() -> tuple[list, list]:
    from kamlab.scoring import top_n

    book = _book()
    return top_n(book, 10), top_n(book, 10, _reweighted())


def _top_change():
    from kamlab.scoring import top_changes

    return top_changes(*_tops())


register(Exercise(
    id="m2-reweight-left",
    title="account ids that leave the top 10 when the relationship weight is doubled",
    expected=lambda: frozenset(_top_change().left),
    normalise=_id_set,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("entered", lambda a, e: a == frozenset(_top_change().entered),
                "Those accounts ENTER the top 10. The question asks who leaves: in the old "
                "top 10, not in the new one."),
        Mistake("new-top10", lambda a, e: a == frozenset(_tops()[1]),
                "That is the whole new top 10. Keep only the accounts of the old top 10 "
                "that are missing from it."),
        Mistake("old-top10", lambda a, e: a == frozenset(_tops()[0]),
                "That is the whole old top 10. Remove the accounts that are still in the "
                "new top 10 (with relationship weight 0.30)."),
    ),
    success="a single weight moved the shortlist — agree the weights (权重) with the "
            "sales team before the list decides who gets a key-account manager.",
    generic_hint="w = dict(DEFAULT_WEIGHTS); w['relationship'] = 0.30; compare top_n(book, 10) "
                 "with top_n(book, 10, w) (top_changes gives who entered and who left).",
))


def _tier_shares(column: str, *, by_count: bool = True, tier: str = "C") -> float:
    from kamlab.segmentation import abc_classify, abc_classify_by_count, tier_summary

    book = _book()
    tiers = (abc_classify_by_count(book, cutoffs=(0.04, 0.20)) if by_count
             else abc_classify(book, cutoffs=(0.8, 0.95)))
    summary = tier_summary(tiers, "abc", [column]).set_index("tier")
    return float(summary.loc[tier, f"{column}_share"])


def _tail_time_share() -> float:
    from kamlab.segmentation import abc_classify_by_count, time_vs_value

    tiers = abc_classify_by_count(_book(), cutoffs=(0.04, 0.20))
    return float(time_vs_value(tiers).set_index("tier").loc["C", "time_share"])


register(Exercise(
    id="m2-time-tail",
    title="share of salesperson hours spent on the other 80% of accounts (tiers 4% / 16% / "
          "80% by revenue rank), as a fraction",
    expected=_tail_time_share,
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.6), not a percentage (60)."),
        Mistake("revenue-share", lambda a, e: _close(a, _tier_shares("revenue")),
                "That is the tail's share of revenue (销售额). The question asks for its "
                "share of salesperson hours (销售人员时间, sales_hours)."),
        Mistake("profit-share", lambda a, e: _close(a, _tier_shares("profit")),
                "That is the tail's share of profit (time_vs_value's value_share). The "
                "question asks for time_share: its share of sales_hours."),
        Mistake("value-abc", lambda a, e: _close(a, _tier_shares("sales_hours", by_count=False)),
                "You used value-based ABC (cut-offs on cumulative revenue). Seed 000's tiers "
                "count accounts: abc_classify_by_count(book, cutoffs=(0.04, 0.20))."),
    ),
    success="the tail takes most of the salespeople's time while the top tiers earn most of "
            "the value — seed 000's typical portfolio, and the case for moving effort up.",
    generic_hint="tiers = abc_classify_by_count(book, cutoffs=(0.04, 0.20)); "
                 "time_vs_value(tiers) has the time_share of tier C (the other 80%).",
))
