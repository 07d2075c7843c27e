"""The exercise bank for module 6 (case: seed 000's large US manufacturer): how concentrated the
customers' market was before it consolidated, what one merger did to HHI, and how much revenue
comes up for renewal in the heaviest year of the contract calendar.

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution
notebook in ``exercises/``; expected answers are computed with :mod:`kamlab.cases.manufacturer`
on the bundled ``manufacturer_market``, ``manufacturer_mergers`` and ``manufacturer_contracts``;
each mistake detector recomputes the mistaken value its own way; a mistake whose value
coincides with another one's on the bundled data shares its hint (the hint names both).

>>> from kamlab.exercises import check, expected_answer
>>> from kamlab.exercises import m6  # registered by kamlab.exercises once it imports m6
>>> round(expected_answer("m6-top10-2005"), 3)
0.6
>>> check("m6-merger-hhi", expected_answer("m6-merger-hhi") / 2).hint.startswith("You left out")
True
"""

from __future__ import annotations

from functools import cache

import numpy as np

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

#: What m6-renewal-2027 asks for (a share or a percentage gets a hint).
CNY_A_YEAR = Asks("amount", 0, "an amount in CNY a year", "以元/年计的金额")

#: m6-top10-2005: the year asked.
FIRST_YEAR = 2005
#: m6-merger-hhi: the merger asked — Keystone (M03) acquires Cedar (M11), effective 2010.
MERGER = (2010, "M03", "M11")
#: m6-renewal-2027: the renewal year asked (contracts whose last year is 2026).
RENEWAL_YEAR = 2027


# --- shared helpers --------------------------------------------------------------------

@cache
def _market():
    return _load("manufacturer_market")


@cache
def _contracts():
    return _load("manufacturer_contracts")


@cache
def _structure():
    from kamlab.cases.manufacturer import market_structure

    return market_structure(_market()).set_index("year")


def _purchases(year: int):
    m = _market()
    return m.loc[m["year"] == year].set_index("account_id")["purchases"].astype(float)


# --- m6-top10-2005: the top-10 share before the consolidation ---------------------------

def _fixed_ten_share() -> float:
    """2005 share of today's top ten, M01–M10 (= the first ten rows of 2005, by id)."""
    p = _purchases(FIRST_YEAR)
    return float(p[[f"M{i:02d}" for i in range(1, 11)]].sum() / p.sum())


def _pooled_top10() -> float:
    """The ten largest company-years of the whole table, over every year's purchases."""
    x = np.sort(_market()["purchases"].to_numpy(dtype=float))[::-1]
    return float(x[:10].sum() / x.sum())


register(Exercise(
    id="m6-top10-2005",
    title=f"the share of the customers' market that the ten largest buyers of {FIRST_YEAR} "
          f"held in {FIRST_YEAR}, as a fraction",
    expected=lambda: float(_structure().loc[FIRST_YEAR, "top10_share"]),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    asks=SHARE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.6 = 60%), not a percentage.",
                hint_zh="请把份额写成小数（0.6 = 60%），不要写成百分数。"),
        Mistake("todays-ten", lambda a, e: _close(a, _fixed_ten_share()),
                "That is the 2005 share of M01–M10 — today's top ten, or the first ten rows of "
                "2005 in id order. In 2005 the largest ten were partly others (Cedar, Harbor, "
                "Ironwood, later acquired): sort 2005's purchases, largest first, and take ten.",
                hint_zh="这是 M01–M10 在2005年的份额——也就是今天的前十名，或按编号排列的2005年前十行"
                        "。2005年最大的十家有一部分是别的公司（Cedar、Harbor、Ironwood，后来被收购）"
                        "：请把2005年的采购额从大到小排序，取前十。"),
        Mistake("final-year", lambda a, e: _close(a, _structure().loc[2024, "top10_share"]),
                "That is 2024's top-10 share (seed 000's 95%). The question asks 2005: filter "
                "market['year'] == 2005 first.",
                hint_zh="这是2024年的前十名份额（资料000中的95%）。题目问的是2005年：先筛选 "
                        "market['year'] == 2005。"),
        Mistake("top-4", lambda a, e: _close(a, _structure().loc[FIRST_YEAR, "top4_share"]),
                "That is the four largest buyers' share. Take the ten largest.",
                hint_zh="这是最大四家买家的份额。请取最大的十家。"),
        Mistake("count-share", lambda a, e: _close(a, 10 / _structure().loc[FIRST_YEAR,
                                                                             "companies"]),
                "That is ten companies as a share of the number of companies. The question asks "
                "their share of the purchases (采购额).",
                hint_zh="这是十家公司占公司总数的比例。题目问的是它们占采购额的份额。"),
        Mistake("all-years", lambda a, e: _close(a, _pooled_top10()),
                "You ranked the whole table, every year at once: its rows are company-years. "
                "Keep 2005's rows only, then take the ten largest.",
                hint_zh="你把整张表的所有年份放在一起排序了：表中每一行是一家公司一年的数据。只保留"
                        "2005年的行，再取最大的十家。"),
        Mistake("hhi", lambda a, e: _rel_close(a, _structure().loc[FIRST_YEAR, "hhi"]),
                "That is 2005's HHI (0–10,000). The question asks the top-10 share, a fraction.",
                hint_zh="这是2005年的赫芬达尔指数（HHI，0–10,000）。题目问的是前十名份额，一个小数。"),
    ),
    success="in 2005 the ten largest buyers held about 60%; by 2024 it is 95%. Twenty mergers "
            "and faster growth of the large buyers did it — the consolidation seed 000 says is "
            "still going on.",
    generic_hint="p = market[market['year'] == 2005]['purchases']; p.nlargest(10).sum() / "
                 "p.sum() — or market_structure(market) and its top10_share for 2005.",
    title_zh=f"{FIRST_YEAR}年最大的十家买家在{FIRST_YEAR}年占客户市场的份额，用小数表示",
    success_zh="2005年最大的十家买家约占60%；到2024年已是95%。二十起并购加上大买家更快的增长造成了这"
               "一点——资料000说这种整合仍在继续。",
    generic_hint_zh="p = market[market['year'] == 2005]['purchases']；p.nlargest(10).sum() / "
                    "p.sum()——或者用 market_structure(market) 中2005年的 top10_share。",
))


# --- m6-merger-hhi: what one merger does to HHI -----------------------------------------

def _merger_shares() -> tuple[float, float]:
    """(acquirer, target) shares of the market in the year before the merger."""
    year, acquirer, target = MERGER
    p = _purchases(year - 1)
    return float(p[acquirer] / p.sum()), float(p[target] / p.sum())


@cache
def _effect():
    import pandas as pd

    from kamlab.cases.manufacturer import merger_effects

    year, acquirer, target = MERGER
    mergers = pd.DataFrame({"year": [year], "acquirer": [acquirer], "target": [target]})
    return merger_effects(_market(), mergers).iloc[0]


register(Exercise(
    id="m6-merger-hhi",
    title=f"the change in HHI (points, 0–10,000 scale) from the {MERGER[0]} merger — "
          f"{MERGER[1]} acquires {MERGER[2]} — measured on the shares of {MERGER[0] - 1}",
    expected=lambda: float(_effect()["hhi_change"]),
    normalise=as_number,
    correct=lambda a, e: abs(a - e) <= 0.5,  # to the nearest point
    asks=Asks("number", 0),
    mistakes=(
        Mistake("no-two", lambda a, e: abs(a - e / 2) <= 0.5,
                "You left out the 2: (s_a + s_t)² − s_a² − s_t² = 2·s_a·s_t. With shares in "
                "percent, ΔHHI = 2 × s_a × s_t.",
                hint_zh="你漏掉了系数2：(s_a + s_t)² − s_a² − s_t² = 2·s_a·s_t。份额用百分数表示时，"
                        "ΔHHI = 2 × s_a × s_t。"),
        Mistake("fractions", lambda a, e: _rel_close(a, 2 * np.prod(_merger_shares())),
                "Your shares were fractions (0.10 for 10%): multiply 2·s_a·s_t by 10,000 to put "
                "it on the HHI scale — or use shares in percent.",
                hint_zh="你的份额用的是小数（10%写成0.10）：把 2·s_a·s_t 乘以10,000才能换算到HHI刻度"
                        "——或者直接用百分数表示份额。"),
        Mistake("year-change", lambda a, e: abs(a - (_structure().loc[MERGER[0], "hhi"]
                                                     - _structure().loc[MERGER[0] - 1, "hhi"]))
                <= 0.5,
                "That is how much HHI moved from 2009 to 2010: the merger plus a year of every "
                "company's growth. Measure the merger alone, on 2009's shares: HHI with the two "
                "companies as one, minus HHI as it was.",
                hint_zh="这是HHI从2009年到2010年的变动：并购加上每家公司一年的增长。请只衡量并购本身"
                        "，按2009年的份额：两家合并为一家时的HHI，减去原来的HHI。"),
        Mistake("after", lambda a, e: abs(a - _effect()["hhi_after"]) <= 0.5,
                "That is HHI after the merger (on 2009's shares). The question asks the change: "
                "subtract HHI before.",
                hint_zh="这是并购后的HHI（按2009年的份额）。题目问的是变化：减去并购前的HHI。"),
        Mistake("merged-square", lambda a, e: abs(a - 10_000 * sum(_merger_shares()) ** 2)
                <= 0.5,
                "That is the merged company's own square, (s_a + s_t)². The two squares it "
                "replaces, s_a² and s_t², go out of the sum: subtract them.",
                hint_zh="这是合并后公司自己的平方项 (s_a + s_t)²。它替换掉的两个平方项 s_a² 和 s_t²"
                        " 要从总和中去掉：把它们减去。"),
    ),
    success="Keystone (10.3%) buying Cedar (5.8%) adds about 118 points — the largest of the 20 "
            "mergers; most deals are a large buyer taking a small one and add a few points, yet "
            "each takes a customer out of the market.",
    generic_hint="shares in 2009 (percent): s_a, s_t; ΔHHI = 2·s_a·s_t — or "
                 "merger_effects(market, mergers) and its hhi_change.",
    title_zh=f"{MERGER[0]}年并购（{MERGER[1]} 收购 {MERGER[2]}）带来的赫芬达尔指数（HHI）变化（点数，"
             f"0–10,000刻度），按{MERGER[0] - 1}年的份额计算",
    success_zh="Keystone（10.3%）收购 Cedar（5.8%）使HHI增加约118点——是20起并购中最大的一起；大多数"
               "交易是大买家收购小买家，只增加几点，但每一起都让市场少了一个客户。",
    generic_hint_zh="2009年的份额（百分数）：s_a、s_t；ΔHHI = 2·s_a·s_t——或者用 "
                    "merger_effects(market, mergers) 及其 hhi_change。",
))


# --- m6-renewal-2027: revenue up for renewal in the heaviest year ------------------------

@cache
def _schedule():
    from kamlab.cases.manufacturer import contract_schedule

    return contract_schedule(_contracts())


def _ending(last_year: int):
    c = _contracts()
    return c[c["start_year"] + c["term_years"] - 1 == last_year]


def _last_year_revenue(last_year: int) -> float:
    s = _schedule()
    ids = set(_ending(last_year)["contract_id"])
    return float(s.loc[s["contract_id"].isin(ids) & (s["year"] == last_year), "revenue"].sum())


def _first_year_revenue() -> float:
    c = _ending(RENEWAL_YEAR - 1)
    return float((c["volume"] * c["start_price"]).sum())


def _whole_terms() -> float:
    s = _schedule()
    return float(s.loc[s["contract_id"].isin(set(_ending(RENEWAL_YEAR - 1)["contract_id"])),
                       "revenue"].sum())


def _in_force() -> float:
    s = _schedule()
    return float(s.loc[s["year"] == RENEWAL_YEAR, "revenue"].sum())


@cache
def _calendar_row():
    from kamlab.cases.manufacturer import renewal_calendar

    return renewal_calendar(_contracts(), [RENEWAL_YEAR]).iloc[0]


register(Exercise(
    id="m6-renewal-2027",
    title=f"the revenue that comes up for renewal in {RENEWAL_YEAR} — the contracts whose last "
          f"year is {RENEWAL_YEAR - 1} — as their last contract year's revenue, in CNY a year",
    expected=lambda: _last_year_revenue(RENEWAL_YEAR - 1),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    asks=CNY_A_YEAR,
    mistakes=(
        Mistake("first-year", lambda a, e: _rel_close(a, _first_year_revenue()),
                "That is their FIRST year's revenue (volume × start price). Prices fall every "
                "year by price_down: take the last year's price, start_price·(1 − "
                "price_down)^(term − 1).",
                hint_zh="这是它们第一年的收入（销量 × 起始价格）。价格每年按 price_down 下降：请取最"
                        "后一年的价格，start_price·(1 − price_down)^(term − 1)。"),
        Mistake("end-year", lambda a, e: _rel_close(a, _last_year_revenue(RENEWAL_YEAR)),
                "Those are the contracts whose last year is 2027: they come up for renewal in "
                "2028. Renewal in 2027 means the last contract year is 2026.",
                hint_zh="这些是最后一年为2027年的合同：它们在2028年才续约。2027年续约意味着合同最后"
                        "一年是2026年。"),
        Mistake("share", lambda a, e: _close(a, _calendar_row()["renewal_share"])
                or _close(a / 100, _calendar_row()["renewal_share"]),
                "That is the share of the contract book. The question asks the revenue itself, "
                "in CNY a year.",
                hint_zh="这是占合同收入的比例。题目问的是收入本身，单位：元/年。"),
        Mistake("cny-m", lambda a, e: _rel_close(a * 1e6, e) or _rel_close(a * 1e4, e),
                "Give the revenue in CNY (e.g. 927,000,000), not in CNY millions or 万元.",
                hint_zh="请用元表示收入（例如927,000,000），不要用百万元或万元。"),
        Mistake("whole-term", lambda a, e: _rel_close(a, _whole_terms()),
                "That is their revenue over their whole terms. What comes up for renewal each "
                "year is one year's revenue: the last year's.",
                hint_zh="这是它们整个合同期的收入。每年待续约的是一年的收入：最后一年的。"),
        Mistake("in-force", lambda a, e: _rel_close(a, _in_force()),
                "That is the revenue of the contracts still in force in 2027. The question asks "
                "the ones that END in 2026 and must be won again for 2027.",
                hint_zh="这是2027年仍然有效的合同的收入。题目问的是在2026年到期、2027年必须重新赢回"
                        "的合同。"),
        Mistake("margin", lambda a, e: _rel_close(a, _calendar_row()["gross_margin"]),
                "That is their gross margin. The question asks the revenue.",
                hint_zh="这是它们的毛利。题目问的是收入。"),
    ),
    success="four contracts — Northstar's, Pacific's, Great Lakes' and Bluewater's — end in "
            "2026: about CNY 927m, half the contract book, is re-negotiated at once, in 2027. "
            "2029 has nothing: staggering the terms would spread the risk.",
    generic_hint="s = contract_schedule(contracts); the contracts with start_year + term_years "
                 "− 1 == 2026; their rows with year == 2026; revenue summed — or "
                 "renewal_calendar(contracts, [2027]).",
    title_zh=f"{RENEWAL_YEAR}年待续约的收入——即最后一年为{RENEWAL_YEAR - 1}年的合同——按这些合同最后一"
             "个合同年的收入计，单位：元/年",
    success_zh="四份合同——Northstar、Pacific、Great Lakes 和 Bluewater 的——在2026年到期：约9.27亿元"
               "、占合同收入的一半，要在2027年同时重新谈判。2029年则没有合同到期：错开合同期限可以分"
               "散风险。",
    generic_hint_zh="s = contract_schedule(contracts)；找出 start_year + term_years − 1 == 2026 的合"
                    "同；取它们 year == 2026 的行，把 revenue 相加——或者用 "
                    "renewal_calendar(contracts, [2027])。",
))
