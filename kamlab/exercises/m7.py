"""The exercise bank for module 7 (account planning: the key-account card and the plan): one
account's growth and share of wallet, how many of the 250 key accounts are fading out or
persistently overdue (seed 004's termination criteria), the executive hours each key account
can get (seed 003), and a team's score on the ten practices (seed 003).

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution notebook
in ``exercises/``; expected answers are computed with :mod:`kamlab.card` on the bundled
``account_profiles``, ``account_transactions``, ``account_credit`` and ``customers``; each
mistake detector recomputes the mistaken value its own way.

>>> from kamlab.exercises import check, expected_answer
>>> from kamlab.exercises import m7  # registered by kamlab.exercises once it imports m7
>>> round(expected_answer("m7-exec-hours"), 2)
2.13
>>> check("m7-exec-hours", 1_600 / 250).hint.startswith("You gave every key account")
True
"""

from __future__ import annotations

from functools import cache

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

#: m7-growth: the account asked (a declining A account).
GROWTH_ACCOUNT = "C1701"
#: m7-wallet-share: the account asked.
WALLET_ACCOUNT = "C1096"
#: m7-exec-hours: a sales executive's working hours a year, and the share spent visiting
#: customers (seed 003: about a third).
EXECUTIVE_HOURS = 1_600
#: m7-checklist: the account team's answers to seed 003's ten practices (annual_forum left out).
TEAM_ANSWERS = {
    "supply_priority": "yes", "front_line": "partly", "new_products": "no", "promotions": "yes",
    "executive_visits": "partly", "co_designed": "no", "rep_feedback": "partly",
    "incentives": "yes", "data_exchange": "yes",
}


# --- shared helpers --------------------------------------------------------------------

@cache
def _tables():
    return (_load("account_profiles"), _load("account_transactions"), _load("account_credit"),
            _load("customers"))


@cache
def _card(account_id: str):
    from kamlab.card import key_account_card

    profiles, tx, credit, book = _tables()
    return key_account_card(account_id, profiles, tx, credit, book=book)


@cache
def _cards() -> dict:
    """Every key account's card (about 5 s, once)."""
    from kamlab.card import key_account_card

    profiles, tx, credit, book = _tables()
    tx_by = dict(tuple(tx.groupby("account_id")))
    credit_by = dict(tuple(credit.groupby("account_id")))
    return {a: key_account_card(a, profiles, tx_by[a], credit_by[a], book=book)
            for a in profiles["account_id"]}


@cache
def _revenue():
    """Monthly revenue, one row per account, one column per month (oldest first)."""
    return _tables()[1].pivot(index="account_id", columns="month", values="revenue")


def _account_months(account_id: str, column: str):
    tx = _tables()[1]
    rows = tx[tx["account_id"] == account_id].sort_values("month")
    return rows.set_index("month")[column].astype(float)


def _sums(account_id: str, column: str = "revenue") -> dict:
    s = _account_months(account_id, column)
    year = s.index.str[:4]
    return {"last": s.iloc[-12:].sum(), "prior": s.iloc[-24:-12].sum(), "first": s.iloc[:12].sum(),
            "all": s.sum(), "y2025": s[year == "2025"].sum(), "y2024": s[year == "2024"].sum(),
            "month": s.iloc[-1], "month_ago": s.iloc[-13]}


@cache
def _credit_pivot(column: str):
    return _tables()[2].pivot(index="account_id", columns="month", values=column)


# --- m7-growth: one account's change, last 12 months on the 12 before ---------------------

def _growth() -> float:
    return float(_card(GROWTH_ACCOUNT).summary["growth"])


def _g(a: float, b: float) -> float:
    return a / b - 1


register(Exercise(
    id="m7-growth",
    title=f"the change in our revenue from {GROWTH_ACCOUNT}, the last 12 months on the 12 "
          "months before, as a fraction (−0.05 = −5%)",
    expected=_growth,
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    asks=CHANGE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the change as a fraction (−0.15 = −15%), not a percentage.",
                hint_zh="请把变化写成小数（−0.15 = −15%），不要写成百分数。"),
        Mistake("sign", lambda a, e: _close(a, -e),
                "Right size, wrong sign: the account bought less from us, so the change is "
                "negative (last ÷ before − 1).",
                hint_zh="大小对了，符号错了：这个客户从我们这里买得更少了，所以变化是负数（最近 ÷ 此"
                        "前 − 1）。"),
        Mistake("reversed", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT)["prior"],
                                                       _sums(GROWTH_ACCOUNT)["last"])),
                "You divided the wrong way round: the change is last 12 months ÷ the 12 months "
                "before − 1, the earlier year below the line.",
                hint_zh="你除反了：变化是最近12个月 ÷ 此前12个月 − 1，较早的那一年在分母。"),
        Mistake("ratio", lambda a, e: _close(a, e + 1),
                "That is the ratio last ÷ before. Subtract 1 to get the change.",
                hint_zh="这是比值 最近 ÷ 此前。减去1才是变化。"),
        Mistake("first-year", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT)["last"],
                                                         _sums(GROWTH_ACCOUNT)["first"])),
                "You compared with the first 12 months of the data (2023-07 … 2024-06), two "
                "years back. The 12 months before the last 12 are 2024-07 … 2025-06.",
                hint_zh="你比较的是数据中最早的12个月（2023-07 … 2024-06），那是两年前。最近12个月之"
                        "前的12个月是 2024-07 … 2025-06。"),
        Mistake("calendar-year", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT)["y2025"],
                                                            _sums(GROWTH_ACCOUNT)["y2024"])),
                "That is calendar 2025 on calendar 2024. The card compares the last 12 months "
                "(2025-07 … 2026-06) with the 12 before them, so the newest half-year counts.",
                hint_zh="这是2025日历年对2024日历年。客户卡比较的是最近12个月（2025-07 … 2026-06）和"
                        "此前12个月，所以最新的半年也计算在内。"),
        Mistake("one-month", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT)["month"],
                                                        _sums(GROWTH_ACCOUNT)["month_ago"])),
                "That is June 2026 on June 2025, one month. Add up twelve months on each side.",
                hint_zh="这是2026年6月对2025年6月，只有一个月。请两边各加总12个月。"),
        Mistake("margin", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT, "gross_margin")["last"],
                                                     _sums(GROWTH_ACCOUNT, "gross_margin")["prior"])),
                "That is the change in gross margin (毛利). The question asks the revenue (销售额).",
                hint_zh="这是毛利的变化。题目问的是销售额。"),
    ),
    success="our sales to it fell by about 15% while its own turnover fell about 4%: we lose "
            "far more than the account does — the card calls it declining. Someone else is "
            "taking our place, and the plan's first question is who.",
    generic_hint=f"key_account_card('{GROWTH_ACCOUNT}', profiles, transactions).summary['growth']"
                 " — or by hand: the sum of the last 12 months ÷ the sum of the 12 before − 1.",
    title_zh=f"我们来自 {GROWTH_ACCOUNT} 的销售额变化：最近12个月相对此前12个月，用小数表示（−0.05 "
             "= −5%）",
    success_zh="我们对它的销售额下降了约15%，而它自己的营业额只下降了约4%：我们失去的远多于客户本身"
               "的萎缩——客户卡称之为“下降”（declining）。有人正在取代我们的位置，计划的第一个问题就"
               "是：谁？",
    generic_hint_zh=f"key_account_card('{GROWTH_ACCOUNT}', profiles, transactions).summary['growth']"
                    "——或者手工计算：最近12个月的合计 ÷ 此前12个月的合计 − 1。",
))


# --- m7-wallet-share: our share of one account's wallet -----------------------------------

def _wallet() -> float:
    book = _tables()[3]
    return float(book.loc[book["account_id"] == WALLET_ACCOUNT, "wallet"].iloc[0])


def _turnover() -> float:
    profiles = _tables()[0]
    return float(profiles.loc[profiles["account_id"] == WALLET_ACCOUNT,
                              "company_turnover"].iloc[0])


register(Exercise(
    id="m7-wallet-share",
    title=f"our share of {WALLET_ACCOUNT}'s wallet — our revenue of the last 12 months over its "
          "annual potential in our range — as a fraction",
    expected=lambda: float(_card(WALLET_ACCOUNT).summary["share_of_wallet"]),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    asks=SHARE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.33 = 33%), not a percentage.",
                hint_zh="请把份额写成小数（0.33 = 33%），不要写成百分数。"),
        Mistake("inverted", lambda a, e: _rel_close(a, 1 / e),
                "You divided the wallet by our revenue. Share of wallet is our revenue ÷ the "
                "wallet, at most 1.",
                hint_zh="你用钱包除以了我们的销售额。钱包份额是我们的销售额 ÷ 钱包，最大为1。"),
        Mistake("headroom", lambda a, e: _close(a, 1 - e),
                "That is what the account buys from others (1 − our share). The question asks "
                "our share.",
                hint_zh="这是客户向别人采购的部分（1 − 我们的份额）。题目问的是我们的份额。"),
        Mistake("turnover", lambda a, e: _close(
            a, _sums(WALLET_ACCOUNT)["last"] / _turnover()),
                "You divided by the account's own turnover (company_turnover, 营业额). Its wallet "
                "is what it buys in our range a year: the `wallet` column of the customer book.",
                hint_zh="你除以的是客户自己的营业额（company_turnover）。它的钱包是它每年在我们产品"
                        "范围内的采购额：客户数据中的 `wallet` 列。"),
        Mistake("all-months", lambda a, e: _close(a, _sums(WALLET_ACCOUNT)["all"] / _wallet()),
                "You added up all 36 months. The wallet is a year's purchases: take our last 12 "
                "months.",
                hint_zh="你把全部36个月都加起来了。钱包是一年的采购额：请取我们最近12个月的销售额。"),
        Mistake("prior-year", lambda a, e: _close(a, _sums(WALLET_ACCOUNT)["prior"] / _wallet()),
                "That is the 12 months before the last 12 (2024-07 … 2025-06). Take the last 12.",
                hint_zh="这是最近12个月之前的12个月（2024-07 … 2025-06）。请取最近12个月。"),
        Mistake("margin", lambda a, e: _close(
            a, _sums(WALLET_ACCOUNT, "gross_margin")["last"] / _wallet()),
                "You took our gross margin (毛利). Share of wallet compares revenue with the "
                "account's purchases.",
                hint_zh="你取的是我们的毛利。钱包份额比较的是销售额与客户的采购额。"),
    ),
    success="we have about a third of what it buys in our range — just over seed 002's 30% "
            "line between developing an account and defending a main-supplier position. Two "
            "thirds of its spend is still with competitors: the plan's headroom.",
    generic_hint=f"key_account_card('{WALLET_ACCOUNT}', profiles, transactions, book=customers)"
                 ".summary['share_of_wallet'] — or the last 12 months' revenue ÷ the account's "
                 "wallet in `customers`.",
    title_zh=f"我们在 {WALLET_ACCOUNT} 的钱包份额——我们最近12个月的销售额除以它在我们产品范围内的年度"
             "潜力——用小数表示",
    success_zh="我们拿到了它在我们产品范围内采购额的约三分之一——刚刚超过资料002中发展客户与守住主供"
               "应商地位之间30%的分界线。它三分之二的采购仍在竞争对手那里：这就是计划的增长空间。",
    generic_hint_zh=f"key_account_card('{WALLET_ACCOUNT}', profiles, transactions, "
                    "book=customers).summary['share_of_wallet']——或者用最近12个月的销售额 ÷ "
                    "`customers` 中该客户的 wallet。",
))


# --- m7-fading: how many key accounts are fading out ----------------------------------------

def _trend_count(*trends) -> int:
    return sum(c.summary["trend"] in trends for c in _cards().values())


def _fading_count() -> int:
    return sum("fading" in c.flagged for c in _cards().values())


def _growth_below(x: float) -> int:
    r = _revenue()
    g = r.iloc[:, -12:].sum(axis=1) / r.iloc[:, -24:-12].sum(axis=1) - 1
    return int((g < x).sum())


register(Exercise(
    id="m7-fading",
    title="how many of the 250 key accounts are fading out — their last 6 months' revenue "
          "below 40% of the 6 months before (seed 004's third termination criterion)",
    expected=_fading_count,
    normalise=as_number,
    correct=lambda a, e: a == e,
    asks=COUNT,
    mistakes=(
        Mistake("declining", lambda a, e: a == _trend_count("declining"),
                "Those are the accounts whose trend is 'declining' — down more than 4% on the year "
                "but not fading. Fading means the last 6 months below 40% of the 6 before.",
                hint_zh="这些是趋势为 'declining' 的客户——一年下降超过4%，但没有淡出。淡出是指最近6"
                        "个月低于此前6个月的40%。"),
        Mistake("shrinking", lambda a, e: a == _growth_below(-0.04),
                "You counted every account down more than 4% on the year (declining and fading "
                "together). Fading is much stronger: the last 6 months below 40% of the 6 before.",
                hint_zh="你数的是一年下降超过4%的所有客户（下降和淡出的合在一起）。淡出要严重得多："
                        "最近6个月低于此前6个月的40%。"),
        Mistake("down-10", lambda a, e: a == _growth_below(-0.10),
                "Those are the accounts down more than 10% on the year. Compare the last 6 months "
                "with the 6 before, and count those below 40%.",
                hint_zh="这些是一年下降超过10%的客户。请比较最近6个月和此前6个月，数出低于40%的客户"
                        "。"),
        Mistake("year-window", lambda a, e: a == _growth_below(0.4 - 1),
                "You compared the last 12 months with the 12 before. The criterion compares the "
                "last 6 months with the 6 months before them — a fade shows in half a year.",
                hint_zh="你比较的是最近12个月和此前12个月。这条标准比较的是最近6个月和此前6个月——淡"
                        "出在半年内就能看出来。"),
        Mistake("stopped", lambda a, e: a == int((_revenue().iloc[:, -1] == 0).sum()),
                "Those are the accounts that bought nothing in the last month — the end of a "
                "fade. Count those whose orders are falling away: last 6 months below 40% of "
                "the 6 before.",
                hint_zh="这些是上个月什么都没买的客户——那是淡出的终点。请数订单正在流失的客户：最近"
                        "6个月低于此前6个月的40%。"),
        Mistake("any-flag", lambda a, e: a == sum(bool(c.flagged) for c in _cards().values()),
                "That is every account with any termination flag. Count only the fading one "
                "(card.flagged contains 'fading').",
                hint_zh="这是带有任何终止标记的客户。只数淡出这一项（card.flagged 包含 'fading'）。"),
    ),
    success="ten accounts, and the next lowest is far above the line: fading is rare and "
            "unmistakable. Four of the ten are also leaving or gone (relocating, bankrupt, "
            "forbidden) — for the others, the card's first question is why.",
    generic_hint="for each account: the sum of its last 6 months ÷ the sum of the 6 before; "
                 "count the ratios below 0.4 — or count 'fading' in key_account_card(...).flagged.",
    title_zh="250个关键客户中有多少个正在淡出——最近6个月的销售额低于此前6个月的40%（资料004的第三条"
             "终止标准）",
    success_zh="十个客户，而且下一个最低的客户远在这条线之上：淡出很少见，也很明确。这十个中有四个也"
               "正在离开或已经不在（搬迁、破产、被禁止）——对于其他客户，客户卡的第一个问题是：为什么"
               "？",
    generic_hint_zh="对每个客户：最近6个月的合计 ÷ 此前6个月的合计；数出比值低于0.4的客户——或者数 "
                    "key_account_card(...).flagged 中的 'fading'。",
))


# --- m7-overdue: how many key accounts are persistently overdue ----------------------------

def _late_months(days: int = 60, months: int = 12):
    d = _credit_pivot("days_overdue").iloc[:, -months:]
    return (d > days).sum(axis=1)


register(Exercise(
    id="m7-overdue",
    title="how many of the 250 key accounts are persistently overdue — more than 60 days "
          "overdue in at least 6 of the last 12 months (seed 004's second criterion)",
    expected=lambda: sum("credit_losses" in c.flagged for c in _cards().values()),
    normalise=as_number,
    correct=lambda a, e: a == e,
    asks=COUNT,
    mistakes=(
        Mistake("any-overdue-now", lambda a, e: a == int(
            (_credit_pivot("overdue").iloc[:, -1] > 0).sum()),
                "Those are the accounts with anything overdue in June 2026 — most of them are a "
                "little late now and then. Count the months more than 60 days overdue in the "
                "last 12, per account, and keep those with 6 or more.",
                hint_zh="这些是2026年6月有任何逾期的客户——大多数只是偶尔晚一点付款。请按客户数出最近"
                        "12个月中逾期超过60天的月份，保留有6个月或以上的客户。"),
        Mistake("now-60", lambda a, e: a == int((_credit_pivot("days_overdue").iloc[:, -1]
                                                 > 60).sum()),
                "That is one month, June 2026. 'Persistently' means in at least 6 of the last 12 "
                "months.",
                hint_zh="这只是一个月，2026年6月。“长期”是指最近12个月中至少有6个月。"),
        Mistake("over-limit", lambda a, e: a == int(
            (_credit_pivot("receivables").iloc[:, -1] > _credit_pivot("credit_limit").iloc[:, -1])
            .sum()),
                "Those are the accounts over their credit limit in June 2026. The criterion is "
                "about paying late: days_overdue above 60.",
                hint_zh="这些是2026年6月超出信用额度的客户。这条标准讲的是付款拖延：days_overdue 超"
                        "过60。"),
        Mistake("over-limit-6", lambda a, e: a == int(
            ((_credit_pivot("receivables").iloc[:, -12:]
              > _credit_pivot("credit_limit").iloc[:, -12:]).sum(axis=1) >= 6).sum()),
                "Those are the accounts over their credit limit in 6 of 12 months. The criterion "
                "counts the months more than 60 days overdue.",
                hint_zh="这些是12个月中有6个月超出信用额度的客户。这条标准数的是逾期超过60天的月份。"),
        Mistake("all-twelve", lambda a, e: a == int((_late_months() == 12).sum()),
                "Those are late in all 12 months. The rule asks at least 6 of the 12.",
                hint_zh="这些是12个月全部逾期的客户。规则要求的是12个月中至少6个月。"),
        Mistake("any-flag", lambda a, e: a == sum(bool(c.flagged) for c in _cards().values()),
                "That is every account with any termination flag. Count only the credit one "
                "(card.flagged contains 'credit_losses').",
                hint_zh="这是带有任何终止标记的客户。只数信用这一项（card.flagged 包含 "
                        "'credit_losses'）。"),
    ),
    success="twelve accounts: each fell behind at some point and never caught up — the overdue "
            "share grows and ages month by month. One of them has gone bankrupt; two are A "
            "accounts still growing fast, which is what makes the decision hard.",
    generic_hint="per account, count the last 12 months with days_overdue > 60 and keep those "
                 "with 6 or more — or count 'credit_losses' in key_account_card(...).flagged.",
    title_zh="250个关键客户中有多少个长期逾期——最近12个月中至少有6个月逾期超过60天（资料004的第二条"
             "标准）",
    success_zh="十二个客户：每一个都在某个时候落后了，而且再也没有追上——逾期占比逐月增长、账龄逐月拉"
               "长。其中一个已经破产；两个是仍在快速增长的A类客户，这正是决策困难的地方。",
    generic_hint_zh="按客户数出最近12个月中 days_overdue > 60 的月份，保留6个月或以上的客户——或者数"
                    " key_account_card(...).flagged 中的 'credit_losses'。",
))


# --- m7-exec-hours: a sales executive's hours per key account ------------------------------

def _tier_count(tier: str) -> int:
    profiles = _tables()[0]
    return int((profiles["account_tier"] == tier).sum())


register(Exercise(
    id="m7-exec-hours",
    title=f"the hours a year of one sales executive's visiting time ({EXECUTIVE_HOURS:,} working "
          "hours, about a third spent visiting customers) each of the 250 key accounts gets, "
          "spread evenly, to two decimals",
    expected=lambda: EXECUTIVE_HOURS / 3 / len(_tables()[0]),
    normalise=as_number,
    correct=lambda a, e: abs(a - e) <= 0.005,
    asks=Asks("number", 2),
    mistakes=(
        Mistake("no-third", lambda a, e: _rel_close(a, EXECUTIVE_HOURS / len(_tables()[0])),
                "You gave every key account a share of all 1,600 hours. Only about a third of "
                "an executive's year is spent visiting customers (seed 003).",
                hint_zh="你让每个关键客户分享全部1,600小时。高管一年中只有约三分之一的时间用于拜访客"
                        "户（资料003）。"),
        Mistake("a-only", lambda a, e: _rel_close(a, EXECUTIVE_HOURS / 3 / _tier_count("A")),
                "You spread the time over the 90 A accounts only. The question spreads it over "
                "all 250 key accounts.",
                hint_zh="你只把时间分给了90个A类客户。题目要把时间分给全部250个关键客户。"),
        Mistake("b-only", lambda a, e: _rel_close(a, EXECUTIVE_HOURS / 3 / _tier_count("B")),
                "You spread the time over the 160 B accounts only. The question spreads it over "
                "all 250 key accounts, A and B.",
                hint_zh="你只把时间分给了160个B类客户。题目要把时间分给全部250个关键客户，A类和B类都"
                        "算。"),
        Mistake("whole-third", lambda a, e: _rel_close(a, EXECUTIVE_HOURS / 3),
                "That is the executive's whole visiting time. Divide it by the 250 key accounts.",
                hint_zh="这是高管全部的拜访时间。请除以250个关键客户。"),
        Mistake("minutes", lambda a, e: _rel_close(a, 60 * e),
                "That is in minutes. Give hours.",
                hint_zh="这是分钟数。请用小时表示。"),
        Mistake("share", lambda a, e: _rel_close(a, 1 / 3 / len(_tables()[0])),
                "That is a share of the year, not hours: multiply by the 1,600 working hours.",
                hint_zh="这是一年时间的比例，不是小时数：请乘以1,600个工作小时。"),
    ),
    success="about two hours a year per key account — one real visit to an A account, not a "
            "routine. An executive's time has to be planned account by account, or it goes to "
            "whoever calls loudest.",
    generic_hint="1,600 hours × 1/3 ÷ the number of key accounts (len(profiles)) — or read the "
                 "executive line of key_account_plan(card).to_frame().",
    title_zh=f"一位销售高管的拜访时间（每年{EXECUTIVE_HOURS:,}个工作小时，约三分之一用于拜访客户）平"
             "均分给250个关键客户后，每个客户每年得到的小时数，保留两位小数",
    success_zh="每个关键客户每年约两小时——对A类客户来说只够一次真正的拜访，谈不上例行拜访。高管的时"
               "间必须逐个客户地规划，否则就会流向喊得最响的人。",
    generic_hint_zh="1,600小时 × 1/3 ÷ 关键客户数（len(profiles)）——或者读取 "
                    "key_account_plan(card).to_frame() 中高管那一行。",
))


# --- m7-checklist: a team's score on the ten practices -------------------------------------

def _points():
    words = {"yes": 2, "partly": 1, "no": 0}
    return [words[v] for v in TEAM_ANSWERS.values()]


register(Exercise(
    id="m7-checklist",
    title="the account team's score on seed 003's ten practices as a share of the maximum "
          "(yes 2, partly 1, no 0; an item not answered scores 0), as a fraction",
    expected=lambda: _score().share,
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    asks=SHARE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.5 = 50%), not a percentage.",
                hint_zh="请把比例写成小数（0.5 = 50%），不要写成百分数。"),
        Mistake("points", lambda a, e: _rel_close(a, sum(_points())),
                "That is the score in points. Divide by the maximum: 2 points × 10 practices.",
                hint_zh="这是以分数计的得分。请除以满分：2分 × 10项做法。"),
        Mistake("yes-only", lambda a, e: _close(a, list(TEAM_ANSWERS.values()).count("yes") / 10),
                "You counted only the yes answers (or scored partly as 0). Partly earns 1 point, "
                "yes 2; divide the points by 20.",
                hint_zh="你只数了 yes（“是”）的回答，或者把 partly（“部分”）算作0分。partly 得1分，"
                        "yes 得2分；用总分除以20。"),
        Mistake("partly-as-yes", lambda a, e: _close(
            a, 2 * sum(p > 0 for p in _points()) / 20),
                "You scored partly as yes. Partly earns 1 point of 2.",
                hint_zh="你把 partly（“部分”）算作了 yes。partly 只得2分中的1分。"),
        Mistake("answered-only", lambda a, e: _close(a, sum(_points()) / (2 * len(TEAM_ANSWERS))),
                "You left the unanswered practice (annual_forum) out of the maximum. An item "
                "not answered is a gap: it stays in the maximum, with 0 points.",
                hint_zh="你把未回答的那项做法（annual_forum）从满分中去掉了。未回答的项目是一个差距"
                        "：它仍计入满分，得0分。"),
        Mistake("one-per-item", lambda a, e: _close(a, sum(_points()) / 10),
                "You divided by 10, one point per practice. Each practice can earn 2 points: "
                "the maximum is 20.",
                hint_zh="你除以了10，即每项做法1分。每项做法最多可得2分：满分是20。"),
    ),
    success="just over half: supplies, promotions, incentives and the data exchange are in "
            "place; new products, joint promotions and the annual forum are not. The gaps "
            "(score_checklist(...).gaps) are the first lines of the team's own plan.",
    generic_hint="score_checklist(answers, 'practices').share — or by hand: yes 2, partly 1, no 0, "
                 "the sum over the ten practices ÷ 20.",
    title_zh="客户团队在资料003十项做法上的得分占满分的比例（yes 即“是”得2分，partly 即“部分”得1分，"
             "no 即“否”得0分；未回答的项目得0分），用小数表示",
    success_zh="刚过一半：供货、促销、激励和数据交换已经到位；新产品、联合促销和年度论坛还没有。这些"
               "差距（score_checklist(...).gaps）就是团队自己计划的第一批条目。",
    generic_hint_zh="score_checklist(answers, 'practices').share——或者手工计算：yes 2分、partly 1分"
                    "、no 0分，十项做法的总分 ÷ 20。",
))


@cache
def _score():
    from kamlab.card import score_checklist

    return score_checklist(TEAM_ANSWERS, "practices")
