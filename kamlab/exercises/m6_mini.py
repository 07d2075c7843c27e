"""The exercise bank for module 6's two mini-cases (seed 000's appendix): where a rep paid on
volume spends its hours, what moving pay to margin earns the oil maker's bulk division, what
the dealer supplier's double coverage costs, and what key-account management would cost for
the 500 multi-unit chains.

Same pattern as :mod:`kamlab.exercises.m5`: each exercise has a trainee and a solution
notebook in ``exercises/`` (``m6_06`` … ``m6_09``); expected answers are computed with
:mod:`kamlab.cases.oil` and :mod:`kamlab.cases.dealers` on the bundled ``oil_bulk_accounts``
and ``dealers`` tables; each mistake detector recomputes the mistaken value its own way.

>>> from kamlab.exercises import check, expected_answer
>>> round(expected_answer("m6-oil-top5-hours"), 3)
0.425
>>> check("m6-oil-top5-hours", 42.5).hint
'Give the share as a fraction (0.4 = 40%), not a percentage.'
"""

from __future__ import annotations

import dataclasses
from functools import cache

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

#: What the oil and dealer amounts ask for (a share or a percentage gets a hint).
CNY_A_YEAR = Asks("amount", 0, "an amount in CNY a year", "以元/年计的金额")

#: The five largest accounts by volume: seed 000's "a few customers make 60% of the volume".
TOP = 5


# --- shared: the two tables and their case results, computed once ------------------------

@cache
def _oil():
    return _load("oil_bulk_accounts")


@cache
def _dealers():
    return _load("dealers")


@cache
def _comparison():
    from kamlab.cases.oil import compare_pay_plans

    return compare_pay_plans(_oil(), top=TOP)


def _plan(plan: str):
    a = _comparison().accounts
    return a[a["plan"] == plan]


def _top_ids(column: str = "volume") -> set:
    return set(_oil().nlargest(TOP, column)["account_id"])


def _hours_share(plan: str, column: str = "volume") -> float:
    table = _plan(plan)
    on_top = table["account_id"].isin(_top_ids(column))
    return float(table.loc[on_top, "sales_hours"].sum() / table["sales_hours"].sum())


def _linear_share() -> float:
    """Hours ∝ a (pay × response) instead of (pay × response)²: the first-order slip."""
    oil = _oil()
    a = oil["response"].to_numpy(dtype=float)
    return float(a[oil["account_id"].isin(_top_ids()).to_numpy()].sum() / a.sum())


def _summary(plan: str, column: str) -> float:
    return float(_comparison().summary.set_index("plan").loc[plan, column])


# --- m6-oil-top5-hours ----------------------------------------------------------------------

register(Exercise(
    id="m6-oil-top5-hours",
    title="the share of the rep's 1,500 hours that goes to the five largest accounts by volume "
          "under the volume plan (CNY 10 per extra tonne everywhere), as a fraction",
    expected=lambda: _hours_share("volume"),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    # three decimals: at two, the by-response slip (0.428) reads as the answer (0.425): 0.43
    asks=dataclasses.replace(SHARE, decimals=3),
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.4 = 40%), not a percentage.",
                hint_zh="请把比例写成小数（0.4 = 40%），不要写成百分数。"),
        Mistake("margin-plan", lambda a, e: _close(a, _hours_share("margin")),
                "That is the MARGIN plan's share. The question asks where the hours go when "
                "the rep is paid the same per tonne everywhere: plan == 'volume'.",
                hint_zh="这是毛利提成方案的比例。题目问的是每吨奖励都一样时时间花在哪里：plan == "
                        "'volume'。"),
        Mistake("volume-share", lambda a, e: _close(a, float(
            _oil().nlargest(TOP, "volume")["volume"].sum() / _oil()["volume"].sum())),
                "That is the five accounts' share of the VOLUME (60%). The rep's hours follow "
                "(pay × response)², not volume: take the hours of pay_plan(...) or "
                "compare_pay_plans(...).",
                hint_zh="这是这五个客户占销量的比例（60%）。销售代表的时间与（提成 × 响应）² 成正比，"
                        "而不是与销量成正比：请取 pay_plan(...) 或 compare_pay_plans(...) 中的小时数"
                        "。"),
        Mistake("linear", lambda a, e: _close(a, _linear_share()),
                "You split the hours in proportion to pay × response. The rep maximises "
                "Σ w·a·√h: the hours go in proportion to (w·a)², the square.",
                hint_zh="你按 提成 × 响应 的比例分配了时间。销售代表要最大化 Σ w·a·√h：时间与 (w·a)"
                        "² 成正比，是平方。"),
        Mistake("hours", lambda a, e: _rel_close(a, e * _comparison().hours),
                "That is the number of hours. Divide by the rep's 1,500 hours for the share.",
                hint_zh="这是小时数。除以销售代表的1,500小时才是比例。"),
        Mistake("by-response", lambda a, e: _close(a, _hours_share("volume", "response")),
                "You took the five accounts with the highest response. The question is about "
                "the five largest by VOLUME (the 60% of seed 000).",
                hint_zh="你取的是响应最高的五个客户。题目问的是按销量最大的五个客户（资料000中的60%"
                        "）。"),
    ),
    success="paid the same per tonne everywhere, the rep spends over 40% of its time on the "
            "five biggest accounts — two of which lose money on every tonne.",
    generic_hint="c = oil.compare_pay_plans(accounts); take the volume plan's rows of "
                 "c.accounts, sum sales_hours over the 5 largest accounts by volume and divide "
                 "by all hours (or read c.summary's top_hours_share).",
    title_zh="在销量提成方案下（每多卖一吨都奖励10元），销售代表1,500小时中花在按销量最大的五个客户"
             "上的比例，用小数表示",
    success_zh="每吨奖励都一样时，销售代表把超过40%的时间花在五个最大的客户上——其中两个每卖一吨都亏"
               "钱。",
    generic_hint_zh="c = oil.compare_pay_plans(accounts)；取 c.accounts 中销量方案的行，把按销量最大"
                    "的5个客户的 sales_hours 相加，再除以全部小时数（或读取 c.summary 的 "
                    "top_hours_share）。",
))


# --- m6-oil-profit-gain ---------------------------------------------------------------------

register(Exercise(
    id="m6-oil-profit-gain",
    title="how much more division profit (extra gross margin − the rep's pay, CNY a year) the "
          "margin plan brings than the volume plan when both pay the rep the same",
    expected=lambda: float(_comparison().profit_gain),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    asks=CNY_A_YEAR,
    mistakes=(
        Mistake("sign", lambda a, e: _rel_close(-a, e),
                "The sign is turned round: that is volume plan − margin plan. Give what the "
                "margin plan ADDS (margin − volume).",
                hint_zh="符号反了：那是销量方案 − 毛利方案。请给出毛利方案多带来的部分（毛利方案 − "
                        "销量方案）。"),
        Mistake("level", lambda a, e: _rel_close(a, _summary("margin", "division_profit")),
                "That is the margin plan's division profit itself. Subtract the volume plan's.",
                hint_zh="这是毛利方案本身的事业部利润。请减去销量方案的。"),
        Mistake("before-pay", lambda a, e: _rel_close(a, _summary("margin", "extra_margin")),
                "That is the margin plan's extra gross margin, before the rep's pay and without "
                "the volume plan. Compare division profits: margin plan − volume plan.",
                hint_zh="这是毛利方案的新增毛利，没有扣除销售代表的报酬，也没有与销量方案比较。请比"
                        "较事业部利润：毛利方案 − 销量方案。"),
        Mistake("relative", lambda a, e: _close(a, e / _summary("volume", "division_profit"))
                or _close(a / 100, e / _summary("volume", "division_profit")),
                "That is the gain as a share of the volume plan's profit. Give it in CNY a "
                "year.",
                hint_zh="这是增量占销量方案利润的比例。请用元/年表示。"),
        Mistake("extra-volume", lambda a, e: _rel_close(
            abs(a), abs(_summary("margin", "extra_volume") - _summary("volume", "extra_volume"))),
                "That is the difference in extra TONNES. The question asks the difference in "
                "division profit, in CNY.",
                hint_zh="这是新增吨数的差额。题目问的是事业部利润的差额，单位：元。"),
    ),
    success="at the same pay and the same hours, the margin plan earns the division about a "
            "third more: fewer extra tonnes, but tonnes that make money.",
    generic_hint="c = oil.compare_pay_plans(accounts)  # equal pay by default; "
                 "c.profit_gain, or the margin row − the volume row of c.summary's "
                 "division_profit.",
    title_zh="两种方案付给销售代表同样报酬时，毛利提成方案比销量提成方案多带来的事业部利润（新增毛利"
             " − 销售代表报酬，元/年）",
    success_zh="在报酬和时间都相同的情况下，毛利方案让事业部多赚约三分之一：新增的吨数更少，但都是赚"
               "钱的吨数。",
    generic_hint_zh="c = oil.compare_pay_plans(accounts)  # 默认报酬相同；c.profit_gain，或者 "
                    "c.summary 中 division_profit 的毛利方案行 − 销量方案行。",
))


# --- m6-dealer-duplicated -------------------------------------------------------------------

def _rep_cost():
    from kamlab.cases.dealers import DEALER_CHANNELS

    per_dealer, per_rooftop, _ = DEALER_CHANNELS["division_reps"]
    return per_dealer + per_rooftop * _dealers()["rooftops"].to_numpy(dtype=float)


def _both():
    d = _dealers()
    return (d["forms_rep"] & d["systems_rep"]).to_numpy()


def _in_segment(segment: str):
    return (_dealers()["segment"] == segment).to_numpy()


register(Exercise(
    id="m6-dealer-duplicated",
    title="what double coverage costs the dealer supplier today: the second division's rep "
          "(CNY 3,000 + 1,200 per rooftop a year) at every dealer both divisions call on, "
          "CNY a year",
    expected=lambda: float(_rep_cost()[_both()].sum()),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    asks=CNY_A_YEAR,
    mistakes=(
        Mistake("both-reps", lambda a, e: _rel_close(a, 2 * e),
                "That counts BOTH reps at those dealers. One of the two calls is needed; the "
                "duplicate is the second rep: one rep's cost per dealer.",
                hint_zh="这把两位销售代表都算上了。两次拜访中有一次是需要的；重复的是第二位代表：每"
                        "个经销商算一位代表的费用。"),
        Mistake("count", lambda a, e: a == int(_both().sum()),
                "That is how many dealers both divisions call on. The question asks what the "
                "second rep costs there, in CNY.",
                hint_zh="这是两个事业部都拜访的经销商数量。题目问的是第二位代表在那里的费用，单位："
                        "元。"),
        Mistake("all-cost", lambda a, e: _rel_close(a, float(_dealers()["cost_to_serve"].sum())),
                "That is today's whole field cost. Take only the second rep at dealers where "
                "forms_rep and systems_rep are both True.",
                hint_zh="这是今天全部的现场费用。只取 forms_rep 和 systems_rep 都为 True 的经销商处"
                        "第二位代表的费用。"),
        Mistake("no-rooftops", lambda a, e: _rel_close(a, 3_000 * float(_both().sum())),
                "You left out the CNY 1,200 per rooftop: a chain with 60 sites costs far more "
                "to call on than a single dealership.",
                hint_zh="你漏掉了每个门店1,200元：拥有60个门店的连锁集团，拜访费用远高于单家经销店。"),
        Mistake("either", lambda a, e: _rel_close(a, float(_rep_cost()[(
            _dealers()["forms_rep"] | _dealers()["systems_rep"]).to_numpy()].sum())),
                "You took every dealer at least one division calls on (or |). The duplicate "
                "is where both call: forms_rep & systems_rep.",
                hint_zh="你取的是至少有一个事业部拜访的所有经销商（或 |）。重复覆盖是两个事业部都拜"
                        "访的地方：forms_rep & systems_rep。"),
        Mistake("chains-only", lambda a, e: _rel_close(a, float(
            _rep_cost()[_both() & _in_segment("key_chain")].sum())),
                "That is the 50 large chains only. Both divisions also call on hundreds of "
                "multi-unit chains and some small dealers: take every segment.",
                hint_zh="这只是50家大型连锁集团。两个事业部还都拜访数百家多门店连锁和一些小经销商："
                        "请取所有细分。"),
    ),
    success="about CNY 10.7 m a year — a fifth of today's field cost — pays for a second rep "
            "at dealers who already see one, selling from the same budget.",
    generic_hint="dealers.coverage_overlap(d)['duplicated_cost'].sum() — or, by hand, "
                 "(3000 + 1200 × rooftops) summed over the dealers where forms_rep & "
                 "systems_rep.",
    title_zh="双重覆盖今天让经销商供应商付出的成本：在两个事业部都拜访的每个经销商处，第二个事业部销"
             "售代表的费用（每年3,000元 + 每个门店1,200元），单位：元/年",
    success_zh="每年约1,070万元——今天现场费用的五分之一——花在了第二位销售代表身上，而这些经销商已经"
               "有一位代表在拜访，钱出自同一份预算。",
    generic_hint_zh="dealers.coverage_overlap(d)['duplicated_cost'].sum()——或者手工计算：在 "
                    "forms_rep & systems_rep 的经销商上对 (3000 + 1200 × rooftops) 求和。",
))


# --- m6-dealer-kam-500 ----------------------------------------------------------------------

@cache
def _kam():
    from kamlab.cases.dealers import kam_payoff

    return kam_payoff(_dealers()).set_index("segment")


@cache
def _table():
    from kamlab.cases.dealers import channel_table

    return channel_table(_dealers()).set_index(["segment", "channel"])


register(Exercise(
    id="m6-dealer-kam-500",
    title="how much profit a year (CNY, a positive amount) the supplier would give up by "
          "serving the 500 multi-unit chains with a key-account team instead of the best other "
          "channel",
    expected=lambda: float(-_kam().loc["multi_unit", "kam_gain"]),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    asks=CNY_A_YEAR,
    mistakes=(
        Mistake("signed", lambda a, e: _rel_close(-a, e),
                "Right amount, but give it as a positive number: the profit given up.",
                hint_zh="金额对了，但请写成正数：放弃的利润。"),
        Mistake("team-cost", lambda a, e: _rel_close(a, float(
            _kam().loc["multi_unit", "channel_cost"])),
                "That is what the KAM team costs for the 500. It also wins extra business: "
                "compare its PROFIT with the best other channel's.",
                hint_zh="这是为这500家配备关键客户团队的成本。它也会赢得额外的业务：请比较它的利润与"
                        "最好的其他渠道的利润。"),
        Mistake("vs-today", lambda a, e: _rel_close(abs(a), abs(float(
            _table().loc[("multi_unit", "kam_team"), "profit"]
            - _table().loc[("multi_unit", "today"), "profit"]))),
                "That compares KAM with TODAY's model, which it beats. The question compares "
                "it with the best other channel (one joint rep).",
                hint_zh="这是把关键客户管理与今天的模式比较，它胜过今天的模式。题目要求与最好的其他"
                        "渠道（一位联合销售代表）比较。"),
        Mistake("key-chains", lambda a, e: _rel_close(abs(a), abs(float(
            _kam().loc["key_chain", "kam_gain"]))),
                "That is the 50 large chains, where KAM pays. Take the multi_unit segment.",
                hint_zh="这是50家大型连锁集团，在那里关键客户管理是划算的。请取 multi_unit 细分。"),
        Mistake("per-dealer", lambda a, e: _rel_close(abs(a), e / 500),
                "That is per chain. Give the total for all 500.",
                hint_zh="这是每家连锁的金额。请给出全部500家的合计。"),
    ),
    success="a KAM team for the 500 would cost about CNY 64 m a year and earn CNY 17 m less "
            "than one joint rep per chain: key-account management pays for the 50 true key "
            "accounts, not for everyone who is big.",
    generic_hint="k = dealers.kam_payoff(d).set_index('segment'); −k.loc['multi_unit', "
                 "'kam_gain'] — the best other channel's profit minus the KAM team's.",
    title_zh="如果用关键客户团队、而不是最好的其他渠道来服务500家多门店连锁，供应商每年会放弃多少利"
             "润（元，用正数表示）",
    success_zh="为这500家配备关键客户团队每年约花费6,400万元，赚的却比每家连锁一位联合销售代表少"
               "1,700万元：关键客户管理只对50个真正的关键客户划算，而不是对所有大客户。",
    generic_hint_zh="k = dealers.kam_payoff(d).set_index('segment')；−k.loc['multi_unit', "
                    "'kam_gain']——即最好的其他渠道的利润减去关键客户团队的利润。",
))
