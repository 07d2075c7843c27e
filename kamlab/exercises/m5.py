"""The exercise bank for module 5 (case: seed 000's large international bank): the whale
curve's peak, the customers who destroy value, the bank's plan without capacity cuts, the
future key customers the C+ path keeps, and the price threshold that reaches +25% a quarter
early.

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution
notebook in ``exercises/``; expected answers are computed with :mod:`kamlab.cases.bank` on
the bundled ``bank_customers`` book (300,000 customers); each mistake detector recomputes the
mistaken value its own way; a mistake whose value coincides with another one's on the
bundled data shares its hint (the hint names both).

The book, its grading and the simulations are computed once per process and kept (the book
is read-only here): the first check of ``m5-fast-threshold`` runs about six simulations
(~1-2 s), every later check is instant.

>>> from kamlab.exercises import check, expected_answer
>>> round(expected_answer("m5-whale-peak"), 3)
1.649
>>> check("m5-whale-peak", 100 * expected_answer("m5-whale-peak")).hint
'Give the peak as a fraction of net profit (1.5 = 150%), not a percentage.'
>>> check("m5-growers-kept", expected_answer("m5-growers-kept")).status
'correct'
"""

from __future__ import annotations

import dataclasses
from functools import cache

import numpy as np

from kamlab.cases.bank import SEED_SCENARIO
from kamlab.checks import (
    CHANGE,
    COUNT,
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

#: m5-no-cuts: the bank's decisions (:data:`~kamlab.cases.bank.SEED_SCENARIO`) with no capacity
#: cut at all — the leavers' and migrants' branch, RM and call-centre capacity stays paid for.
NO_CUTS = dataclasses.replace(SEED_SCENARIO, name="no_cuts", cuts=())

#: m5-fast-threshold: the price thresholds tried (CNY of average balance), from the bank's own
#: CNY 10,000 up in steps of CNY 1,000; the profit target and the month it must be reached in.
THRESHOLDS = tuple(range(10_000, 30_001, 1_000))
TARGET = 0.25
TARGET_MONTH = 3


# --- shared helpers: the bank book, graded once ----------------------------------------

@cache
def _book():
    """The bundled bank book (kept for the process: nothing here modifies it)."""
    return _load("bank_customers")


@cache
def _graded():
    """The book graded A/B/C+/C with grade_customers' defaults (simulate then skips grading)."""
    from kamlab.cases.bank import grade_customers

    return grade_customers(_book())


@cache
def _simulation(scenario):
    from kamlab.cases.bank import simulate

    return simulate(_graded(), scenario)


def _change(simulation, month: int) -> float:
    """A simulation's monthly profit in ``month`` against month 0, − 1."""
    profit = simulation.monthly.set_index("month")["profit"]
    return float(profit[month] / profit[0] - 1)


def _grade_count(*grades: str) -> int:
    return int(_graded()["grade"].isin(grades).sum())


def _same_count(a: float, b: float) -> bool:
    return a == b


# --- m5-whale-peak: how far above 100% the whale curve rises ---------------------------

@cache
def _whale():
    from kamlab.cases.bank import whale_summary

    return whale_summary(_book())


def _peak_ranked_by_revenue() -> float:
    """The curve's top with customers ranked by revenue (biggest first) instead of profit."""
    book = _book()
    order = np.argsort(-book["revenue"].to_numpy(), kind="stable")
    cum = np.cumsum(book["profit"].to_numpy()[order])
    return float(cum.max() / cum[-1])


register(Exercise(
    id="m5-whale-peak",
    title="the peak of the bank's whale curve (利润鲸鱼曲线): the most profit any top set of "
          "customers makes, as a fraction of the net profit of all customers",
    expected=lambda: float(_whale().peak_share),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    asks=SHARE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the peak as a fraction of net profit (1.5 = 150%), not a percentage.",
                hint_zh="请把峰值写成占净利润的小数（1.5 = 150%），不要写成百分数。"),
        Mistake("excess", lambda a, e: _close(a, e - 1),
                "That is how far the peak rises ABOVE 100% (what the loss-makers give back, as "
                "a share of net profit). The peak itself is 1 + that.",
                hint_zh="这是峰值高出100%的部分（亏损客户吐回去的利润占净利润的比例）。峰值本身是1加"
                        "上它。"),
        Mistake("customers-share", lambda a, e: _close(a, _whale().peak_customers_share),
                "That is the share of CUSTOMERS at the peak (the x-axis). The question asks "
                "the height of the curve there: their profit ÷ the net profit of all.",
                hint_zh="这是峰值处的客户数占比（横轴）。题目问的是曲线在那里的高度：这些客户的利润"
                        " ÷ 全部客户的净利润。"),
        Mistake("peak-customers", lambda a, e: a == _whale().peak_customers,
                "That is the number of customers at the peak. Give the curve's height there: "
                "their combined profit as a fraction of the net profit.",
                hint_zh="这是峰值处的客户数量。请给出曲线在那里的高度：他们的利润合计占净利润的比例"
                        "。"),
        Mistake("peak-profit", lambda a, e: _rel_close(a, _whale().peak_profit),
                "That is the peak in CNY. Divide it by the net profit of all customers "
                "(book['profit'].sum()) to get the share.",
                hint_zh="这是以元计的峰值。除以全部客户的净利润（book['profit'].sum()）得到比例。"),
        Mistake("one", lambda a, e: _close(a, 1.0),
                "A peak of exactly 1 means you divided by the profit of the profitable customers "
                "only, or ranked the least profitable first. Rank most → least profitable and "
                "divide the running sum by the NET profit, loss-makers included.",
                hint_zh="峰值正好为1，说明你只除以了盈利客户的利润，或者把最不赚钱的客户排在了前面。"
                        "请按利润从高到低排序，用累计和除以净利润（亏损客户也算在内）。"),
        Mistake("by-revenue", lambda a, e: _close(a, _peak_ranked_by_revenue()),
                "You ranked customers by revenue (营业收入). The whale curve ranks them by profit "
                "contribution (利润贡献), most profitable first.",
                hint_zh="你按营业收入给客户排了序。鲸鱼曲线按利润贡献排序，最赚钱的排在最前。"),
    ),
    success="the profitable customers make about 165% of the bank's net profit; the rest "
            "give two-fifths of it back — the whale's tail the CEO wanted to stop feeding.",
    generic_hint="bank.whale_summary(book).peak_share — or sort by profit descending, take "
                 "the running sum (cumsum) divided by book['profit'].sum(), and its maximum.",
    title_zh="银行利润鲸鱼曲线的峰值：任何一组排名靠前的客户所能创造的最大利润，占全部客户净利润的比"
             "例，用小数表示",
    success_zh="盈利客户创造了银行净利润的约165%；其余客户又把其中的五分之二吐了回去——这就是CEO想停"
               "止“喂养”的鲸鱼尾巴。",
    generic_hint_zh="bank.whale_summary(book).peak_share——或者按利润从高到低排序，求累计和（cumsum）"
                    "除以 book['profit'].sum()，再取最大值。",
))


# --- m5-destroyers: how many customers destroy value ------------------------------------

def _profit_count(test) -> int:
    return int(test(_book()["profit"]).sum())


def _mass_destroyers() -> int:
    book = _book()
    return int(((book["segment"] == "Mass") & (book["profit"] < 0)).sum())


@cache
def _opportunity():
    from kamlab.cases.bank import opportunity_cost

    return opportunity_cost(_graded(), SEED_SCENARIO)


register(Exercise(
    id="m5-destroyers",
    title="the number of customers who destroy value (profit contribution below 0)",
    expected=lambda: int(_whale().destroyers),
    normalise=as_number,
    correct=_same_count,
    asks=Asks("count", 0),
    mistakes=(
        Mistake("share", lambda a, e: _close(a, _whale().destroyers_share)
                or _close(a / 100, _whale().destroyers_share),
                "That is their share of the customers. The question asks how many: a count.",
                hint_zh="这是他们占客户总数的比例。题目问的是有多少个：一个计数。"),
        Mistake("zero-included", lambda a, e: a == _profit_count(lambda p: p <= 0),
                "You counted customers with a profit of exactly 0 too. They cost what they "
                "bring; value destroyers have profit < 0.",
                hint_zh="你把利润正好为0的客户也算进去了。他们带来的刚好抵消成本；损害价值的客户是利"
                        "润 < 0 的客户。"),
        Mistake("profitable", lambda a, e: a == _profit_count(lambda p: p > 0),
                "That is the customers who MAKE money (profit > 0). Count those whose profit "
                "is below 0.",
                hint_zh="这是赚钱的客户（利润 > 0）。请数利润小于0的客户。"),
        Mistake("grade-c", lambda a, e: a in (_grade_count("C"), _grade_count("C", "C+")),
                "That counts grade C (and C+) customers. The grades also put the smallest "
                "profitable customers in C: count the customers whose profit is below 0.",
                hint_zh="这是C级（以及C+级）客户的数量。分级时也把最小的盈利客户分到了C级：请数利润"
                        "小于0的客户。"),
        Mistake("leavers", lambda a, e: a == _opportunity().leavers,
                "That is how many customers the bank's scenario lets go (about 50,000). Many "
                "more destroy value: count every customer whose profit is below 0.",
                hint_zh="这是银行方案放走的客户数量（约50,000）。损害价值的客户要多得多：请数所有利"
                        "润小于0的客户。"),
        Mistake("destroyed", lambda a, e: _rel_close(a, _whale().destroyed),
                "That is how much they destroy, in CNY. The question asks how many customers.",
                hint_zh="这是他们损害的价值，单位是元。题目问的是客户数量。"),
        Mistake("mass-only", lambda a, e: a == _mass_destroyers(),
                "You counted the Mass segment (大众客户) only. Count the loss-makers of every "
                "segment.",
                hint_zh="你只数了大众客户（Mass）这一个细分。请把每个细分的亏损客户都数上。"),
    ),
    success="nearly half the bank's customers cost more to serve than they bring — far more "
            "than the 50,000 it let go: the rest are the automated channel's job.",
    generic_hint="(book['profit'] < 0).sum() — or bank.whale_summary(book).destroyers.",
    title_zh="损害价值的客户数量（利润贡献小于0）",
    success_zh="银行近一半客户的服务成本高于他们带来的收入——远多于被放走的50,000个：其余的要交给自动"
               "化渠道服务。",
    generic_hint_zh="(book['profit'] < 0).sum()——或者 bank.whale_summary(book).destroyers。",
))


# --- m5-no-cuts: the bank's plan without capacity cuts ----------------------------------

def _no_cuts_profit(month: int) -> float:
    return float(_simulation(NO_CUTS).monthly.set_index("month")["profit"][month])


def _no_cuts_money() -> list[float]:
    """Month 6 − month 0 profit, a month and a year (CNY)."""
    change = _no_cuts_profit(6) - _no_cuts_profit(0)
    return [change, 12 * change]


register(Exercise(
    id="m5-no-cuts",
    title="the change in monthly profit by month 6 (against month 0) if the bank takes "
          "SEED_SCENARIO's decisions but cuts no capacity (cuts=()), as a fraction",
    expected=lambda: float(_simulation(NO_CUTS).profit_change),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    asks=CHANGE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the change as a fraction (0.1 = +10%), not a percentage.",
                hint_zh="请把变化写成小数（0.1 = +10%），不要写成百分数。"),
        Mistake("seed", lambda a, e: _close(a, _simulation(SEED_SCENARIO).profit_change),
                "That is the bank's scenario WITH its capacity cuts. Simulate "
                "dataclasses.replace(bank.SEED_SCENARIO, cuts=()) instead.",
                hint_zh="这是银行方案削减了产能之后的结果。请改为模拟 "
                        "dataclasses.replace(bank.SEED_SCENARIO, cuts=())。"),
        Mistake("ratio", lambda a, e: _close(a - 1, e),
                "That is month 6's profit ÷ month 0's. Subtract 1 to get the change.",
                hint_zh="这是第6个月利润 ÷ 第0个月利润。减去1才是变化。"),
        Mistake("cny", lambda a, e: any(_rel_close(a, x) for x in _no_cuts_money()),
                "That is the change in CNY. Give it as a fraction of month 0's profit.",
                hint_zh="这是以元计的变化。请用它占第0个月利润的比例表示。"),
        Mistake("level", lambda a, e: any(_rel_close(a, x) for x in
                                          (_no_cuts_profit(6), 12 * _no_cuts_profit(6))),
                "That is month 6's profit itself. The question asks how much it changed "
                "against month 0, as a fraction.",
                hint_zh="这是第6个月的利润本身。题目问的是它相对第0个月变化了多少，用小数表示。"),
        Mistake("month-1", lambda a, e: _close(a, _change(_simulation(NO_CUTS), 1)),
                "That is month 1's change (the first row after month 0). Take month 6, the "
                "last row of .monthly — or .profit_change.",
                hint_zh="这是第1个月的变化（第0个月之后的第一行）。请取第6个月，即 .monthly 的最后一"
                        "行——或者 .profit_change。"),
    ),
    success="without cuts the same decisions give about +15% instead of +25%: the leavers "
            "and migrants free branch, RM and call-centre capacity, but it saves money only "
            "once the bank actually cuts it.",
    generic_hint="r = bank.simulate(book, dataclasses.replace(bank.SEED_SCENARIO, cuts=())); "
                 "r.profit_change is month 6's profit ÷ month 0's − 1.",
    title_zh="如果银行采取 SEED_SCENARIO 的决策、但完全不削减产能（cuts=()），第6个月的月利润相对第"
             "0个月的变化，用小数表示",
    success_zh="不削减产能，同样的决策只带来约+15%，而不是+25%：离开和迁移的客户腾出了网点、客户经理"
               "和呼叫中心的产能，但只有银行真正削减这些产能，才能省下钱。",
    generic_hint_zh="r = bank.simulate(book, dataclasses.replace(bank.SEED_SCENARIO, cuts=()))；"
                    "r.profit_change 就是第6个月利润 ÷ 第0个月利润 − 1。",
))


# --- m5-growers-kept: the future key customers the C+ path keeps ------------------------

register(Exercise(
    id="m5-growers-kept",
    title="the number of future key customers (will_grow) that the C+ path keeps: growers "
          "graded C+ by grade_customers' defaults",
    expected=lambda: int(_opportunity().growers_kept),
    normalise=as_number,
    correct=_same_count,
    asks=COUNT,
    mistakes=(
        Mistake("lost", lambda a, e: a == _opportunity().growers_lost,
                "That is the growers who LEAVE under the bank's scenario — the ones the C+ "
                "path misses. Count the growers graded C+.",
                hint_zh="这是在银行方案下离开的成长型客户——C+路径漏掉的那些。请数被评为C+级的成长型"
                        "客户。"),
        Mistake("all-c", lambda a, e: a == _opportunity().growers,
                "That is every grower graded C or C+. The path keeps only the C+ ones.",
                hint_zh="这是所有被评为C级或C+级的成长型客户。这条路径只留住C+级的。"),
        Mistake("plain-c", lambda a, e: a == _opportunity().growers - _opportunity().growers_kept,
                "That is the growers left in plain C (no C+ chance). Count those graded C+.",
                hint_zh="这是留在普通C级（没有C+机会）的成长型客户。请数被评为C+级的。"),
        Mistake("all-growers", lambda a, e: a == int(_book()["will_grow"].sum()),
                "That is every grower in the book, B customers included. Count only those "
                "graded C+.",
                hint_zh="这是全部客户中的所有成长型客户，B级客户也在内。只数被评为C+级的。"),
        Mistake("c-plus", lambda a, e: a == _grade_count("C+"),
                "That is every C+ customer. Count only those who would grow (will_grow).",
                hint_zh="这是所有C+级客户。只数其中会成长的客户（will_grow）。"),
        Mistake("catch-rate", lambda a, e: _close(a, _opportunity().catch_rate)
                or _close(a / 100, _opportunity().catch_rate),
                "That is the share of the C and C+ growers that C+ catches. The question asks "
                "how many customers: a count.",
                hint_zh="这是C+在C级和C+级成长型客户中抓住的比例。题目问的是客户数量：一个计数。"),
        Mistake("value", lambda a, e: _rel_close(a, _opportunity().value_kept),
                "That is what they are worth a year once grown, in CNY. The question asks how "
                "many growers the path keeps.",
                hint_zh="这是他们成长之后每年的价值，单位是元。题目问的是这条路径留住了多少个成长型"
                        "客户。"),
    ),
    success="ranking the C customers by potential (wallet) catches almost half their future "
            "key customers in a tenth of them; only a couple of hundred growers leave.",
    generic_hint="graded = bank.grade_customers(book); count will_grow among "
                 "graded['grade'] == 'C+' — or bank.opportunity_cost(graded).growers_kept.",
    title_zh="C+路径留住的未来关键客户（will_grow）数量：按 grade_customers 的默认设置被评为C+级的成"
             "长型客户",
    success_zh="按潜力（wallet）给C级客户排序，只用其中十分之一的客户就抓住了近一半的未来关键客户；"
               "只有两百来个成长型客户离开。",
    generic_hint_zh="graded = bank.grade_customers(book)；在 graded['grade'] == 'C+' 的客户中数 "
                    "will_grow——或者 bank.opportunity_cost(graded).growers_kept。",
))


# --- m5-fast-threshold: +25% by month 3 instead of month 6 ------------------------------

@cache
def _at_threshold(threshold: int, month: int) -> tuple[float, int]:
    """(monthly profit in ``month`` against month 0 − 1, leavers) with SEED_SCENARIO at a
    price threshold of ``threshold`` CNY."""
    from kamlab.cases.bank import simulate

    r = simulate(_graded(), dataclasses.replace(SEED_SCENARIO, min_balance=threshold),
                 months=month)
    return float(r.profit_change), int(r.leavers)


@cache
def _lowest_reaching(month: int) -> int | None:
    """The lowest threshold of THRESHOLDS whose profit reaches TARGET in ``month``, or None.

    Bisection (about five simulations instead of up to 21): a higher threshold only adds
    leavers and fee payers, and the profit change rises with it on the bundled book
    (tests/exercises/test_exercises_m5.py checks the answer against a scan from the bottom).
    """
    def reaches(i: int) -> bool:
        return _at_threshold(THRESHOLDS[i], month)[0] >= TARGET

    if reaches(0):
        return THRESHOLDS[0]
    low, high = 1, len(THRESHOLDS)
    while low < high:
        mid = (low + high) // 2
        low, high = (low, mid) if reaches(mid) else (mid + 1, high)
    return THRESHOLDS[low] if low < len(THRESHOLDS) else None


def _fast_threshold() -> int:
    threshold = _lowest_reaching(TARGET_MONTH)
    if threshold is None:
        raise LookupError(f"no threshold of CNY {THRESHOLDS[0]:,} … {THRESHOLDS[-1]:,} reaches "
                          f"+{TARGET:.0%} by month {TARGET_MONTH} on this book")
    return threshold


register(Exercise(
    id="m5-fast-threshold",
    title=f"the lowest price threshold min_balance of CNY {THRESHOLDS[0]:,} … {THRESHOLDS[-1]:,} "
          f"(steps of {THRESHOLDS[1] - THRESHOLDS[0]:,}) whose month-{TARGET_MONTH} profit is at "
          f"least {TARGET:.0%} above month 0, every other setting as in SEED_SCENARIO",
    expected=_fast_threshold,
    normalise=as_number,
    correct=_same_count,
    asks=Asks("amount", None, "a threshold in CNY of average balance", "以元计的平均余额门槛"),
    mistakes=(
        Mistake("month-6", lambda a, e: a == _lowest_reaching(6),
                "That threshold reaches +25% by month 6 — the bank's own plan. The CEO wants "
                "it by month 3: compare month 3's profit with month 0's (simulate(..., "
                "months=3).profit_change).",
                hint_zh="这个门槛在第6个月达到+25%——这是银行自己的计划。CEO要在第3个月就达到：比较第"
                        "3个月和第0个月的利润（simulate(..., months=3).profit_change）。"),
        Mistake("one-step-low", lambda a, e: a == e - (THRESHOLDS[1] - THRESHOLDS[0]),
                "Just short: that threshold gets to about +24.7% in month 3 and passes +25% "
                "only in month 4. Month 3 is the row month == 3 (the fourth row, after month "
                "0); take the lowest threshold whose month-3 change is ≥ 0.25.",
                hint_zh="差一点：这个门槛在第3个月只到约+24.7%，要到第4个月才超过+25%。第3个月是 "
                        "month == 3 的那一行（从第0个月算起的第四行）；取第3个月变化 ≥ 0.25 的最低门"
                        "槛。"),
        Mistake("thousands", lambda a, e: a * 1000 == e,
                "Give the threshold in CNY of average balance (e.g. 12000), not in thousands.",
                hint_zh="请用平均余额的元数表示门槛（例如12000），不要用千元。"),
        Mistake("profit-change", lambda a, e: _close(a, _at_threshold(e, TARGET_MONTH)[0]),
                "That is the profit change the threshold reaches. The question asks the "
                "threshold itself: the min_balance in CNY.",
                hint_zh="这是门槛所达到的利润变化。题目问的是门槛本身：以元计的 min_balance。"),
        Mistake("leavers", lambda a, e: a == _at_threshold(e, TARGET_MONTH)[1],
                "That is how many customers leave at that threshold. Answer the threshold "
                "(min_balance, CNY) itself.",
                hint_zh="这是该门槛下离开的客户数量。请答出门槛（min_balance，元）本身。"),
    ),
    success="three months sooner costs customers: the threshold almost doubles and about "
            "12,000 more customers leave, because the capacity cuts that carry the plan only "
            "come in months 2 to 6.",
    generic_hint="for t in range(10_000, 30_001, 1_000): simulate(graded, dataclasses.replace("
                 "bank.SEED_SCENARIO, min_balance=t), months=3).profit_change — the first t "
                 "with a change ≥ 0.25.",
    title_zh=f"价格门槛 min_balance 在 {THRESHOLDS[0]:,} … {THRESHOLDS[-1]:,} 元之间（步长 "
             f"{THRESHOLDS[1] - THRESHOLDS[0]:,} 元），其他设置与 SEED_SCENARIO 相同时，第"
             f"{TARGET_MONTH}个月利润比第0个月至少高 {TARGET:.0%} 的最低门槛",
    success_zh="提前三个月是以客户为代价的：门槛几乎翻倍，离开的客户多出约12,000个，因为支撑计划的产"
               "能削减要到第2至第6个月才到位。",
    generic_hint_zh="对 range(10_000, 30_001, 1_000) 中的每个 t 计算 simulate(graded, "
                    "dataclasses.replace(bank.SEED_SCENARIO, min_balance=t), "
                    "months=3).profit_change——第一个变化 ≥ 0.25 的 t 就是答案。",
))
