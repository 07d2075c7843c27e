"""The exercise bank for module 1 (why key accounts: concentration, seed 000's 80/20 and
"75% of profit from 11% of customers"): top-20% share, top-11% profit share, telecom ratio.

Each exercise has a trainee notebook and a solution notebook in ``exercises/``; each
mistake's hint has a test in ``tests/exercises/test_exercises_bank.py`` that feeds exactly
that mistake.

Expected answers are never typed in: they are computed with kamlab on the bundled data
when first needed. Each mistake detector recomputes the mistaken value its own way, so a
hint fires only for the mistake it explains.

>>> from kamlab.exercises import check, expected_answer
>>> check("m1-top11-profit", 100 * expected_answer("m1-top11-profit")).hint
'Give the share as a fraction (0.75), not a percentage (75).'
"""

from __future__ import annotations

from kamlab.checks import Exercise, Mistake, _close, _load, _rel_close, as_number, register

# --- shared helpers --------------------------------------------------------------------


def _book():
    return _load("customers")


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
    return _load("telecom_segments").set_index("segment")


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
