"""The exercise bank for module 1 (why key accounts: concentration, seed 000's 80/20 and
"75% of profit from 11% of customers"): top-20% share, top-11% profit share, telecom ratio.

Each exercise has a trainee notebook and a solution notebook in ``exercises/``; each
mistake's hint has a test in ``tests/exercises/test_exercises_bank.py`` that feeds exactly
that mistake.

Every text a trainee sees has its Chinese twin (``title_zh``, ``success_zh``,
``generic_hint_zh``, each mistake's ``hint_zh``), which ``check()`` shows after
``set_language("zh")``; tests/exercises/test_exercises_zh.py checks them.

Expected answers are never typed in: they are computed with kamlab on the bundled data
when first needed. Each mistake detector recomputes the mistaken value its own way, so a
hint fires only for the mistake it explains.

>>> from kamlab.exercises import check, expected_answer
>>> check("m1-top11-profit", 100 * expected_answer("m1-top11-profit")).hint
'Give the share as a fraction (0.75), not a percentage (75).'
"""

from __future__ import annotations

from kamlab.checks import (
    SHARE,
    Asks,
    Exercise,
    Mistake,
    _close,
    _load,
    _rel_close,
    as_number,
    register,
)

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
    asks=SHARE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.8), not a percentage (80).",
                hint_zh="请把占比写成小数（0.8），不要写成百分数（80）。"),
        Mistake("share-of-accounts", lambda a, e: _close(a, 0.20),
                "0.20 is the share of accounts; the question asks what share of REVENUE they hold.",
                hint_zh="0.20是客户数的占比；题目问的是这些客户贡献的销售额占比。"),
        Mistake("bottom", lambda a, e: _close(a, _bottom_share("revenue", 0.20)),
                "That is the smallest 20% of accounts. Sort by revenue descending first "
                "(df.sort_values('revenue', ascending=False)).",
                hint_zh="这是最小的20%客户。请先按销售额从大到小排序（df.sort_values('revenue', "
                        "ascending=False)）。"),
        Mistake("top-20-accounts", lambda a, e: _close(a, _book()["revenue"].nlargest(20).sum()
                                                        / _book()["revenue"].sum()),
                "That is the top 20 accounts; the question asks for the top 20% (600 of 3,000).",
                hint_zh="这是前20个客户；题目问的是前20%的客户（3,000个中的600个）。"),
        Mistake("profit", lambda a, e: _close(a, _top_share("profit", 0.20)),
                "You measured profit; this exercise is about revenue (销售额).",
                hint_zh="你算的是利润；这道练习讲的是销售额（revenue）。"),
    ),
    success="the top 20% of accounts hold about four-fifths of revenue — the 80/20 rule holds here.",
    generic_hint="Use kamlab.concentration.top_share(book['revenue'], 0.2), or sort descending, "
                 "take the first 20% of rows and divide their sum by the total.",
    title_zh="前20%的客户贡献的销售额占比，用小数表示",
    success_zh="前20%的客户贡献了约五分之四的销售额——二八法则在这里成立。",
    generic_hint_zh="用 kamlab.concentration.top_share(book['revenue'], 0.2)；或者按销售额从大到小排"
                    "序，取前20%的行，用它们的合计除以总额。",
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
    asks=SHARE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.75), not a percentage (75).",
                hint_zh="请把占比写成小数（0.75），不要写成百分数（75）。"),
        Mistake("ranked-by-revenue", lambda a, e: _close(a, _profit_of_top_revenue(0.11)),
                "You took the 11% biggest accounts by revenue (销售额). Rank by profit "
                "contribution (利润贡献) instead: the biggest buyers are not always the most "
                "profitable.",
                hint_zh="你取的是销售额最大的11%客户。请改按利润贡献排序：买得最多的客户不一定最赚钱"
                        "。"),
        Mistake("positive-profits-only", lambda a, e: _close(a, _top_profit_over_positive(0.11)),
                "You divided by the profit of the profitable accounts only. Divide by total "
                "profit, loss-makers included: their losses are part of the picture.",
                hint_zh="你只除以了盈利客户的利润。请除以总利润（亏损客户也算在内）：他们的亏损也是"
                        "全貌的一部分。"),
        Mistake("top-11-accounts",
                lambda a, e: _close(a, _book()["profit"].nlargest(11).sum()
                                    / _book()["profit"].sum()),
                "That is the top 11 accounts; the question asks for the top 11% (330 of 3,000).",
                hint_zh="这是前11个客户；题目问的是前11%的客户（3,000个中的330个）。"),
    ),
    success="about a ninth of the accounts earns three-quarters of the profit — seed 000's "
            "\"75% of profit from 11% of customers\" holds on this book too.",
    generic_hint="Use kamlab.concentration.top_share(book['profit'], 0.11): rank by profit, "
                 "largest first, and divide the top 11% of accounts' profit by total profit.",
    title_zh="利润贡献最高的11%客户占总利润贡献的比例，用小数表示",
    success_zh="约九分之一的客户赚来了四分之三的利润——资料000中“75%的利润贡献来自11%的客户”在这份客"
               "户数据上同样成立。",
    generic_hint_zh="用 kamlab.concentration.top_share(book['profit'], 0.11)：按利润从大到小排序，用"
                    "前11%客户的利润除以总利润。",
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
    asks=Asks("number", 0),
    mistakes=(
        Mistake("ebit", lambda a, e: _rel_close(a, _per_customer_ratio("ebit_share")),
                "You used EBIT shares (息税前利润); the question is about revenue (收入): "
                "use revenue_share.",
                hint_zh="你用的是息税前利润（EBIT）的占比；题目问的是收入：请用 revenue_share。"),
        Mistake("inverted", lambda a, e: _rel_close(a, 1 / e),
                "Your ratio is upside down: divide the large account's revenue per customer "
                "by the residential customer's, so the answer is far above 1.",
                hint_zh="你的比值倒过来了：应该用大客户的每客户收入除以住宅客户的每客户收入，所以答"
                        "案远大于1。"),
        Mistake("shares-only", lambda a, e: _rel_close(a, _revenue_share_ratio()),
                "You compared the two segments' total revenue. Per customer means: first "
                "divide each segment's revenue_share by its customers_share (客户数占比).",
                hint_zh="你比较的是两个细分的总收入。“每客户”的意思是：先用各细分的 revenue_share 除"
                        "以它的 customers_share（客户数占比）。"),
    ),
    success="one large account is worth about a thousand households in revenue — why "
            "telecom operators give the top 1,000 accounts their own managers.",
    generic_hint="Revenue per customer of a segment ∝ revenue_share / customers_share; "
                 "compute it for 'large' and for 'residential' and divide the first by the "
                 "second.",
    title_zh="平均一个大客户带来的收入是平均一个住宅客户的多少倍",
    success_zh="一个大客户的收入约抵一千户家庭——这就是电信运营商为前1,000个客户配备专属客户经理的原"
               "因。",
    generic_hint_zh="一个细分的每客户收入 ∝ revenue_share / customers_share；分别算出 'large' 和 "
                    "'residential' 的值，再用前者除以后者。",
))
