"""The exercise bank for module 3 (opportunity prioritisation, seeds 000 and 002): levers,
screen, funnel.

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution
notebook in ``exercises/``; expected answers are computed with kamlab on the bundled data
(``customers``, ``opportunities``, ``opportunity_stages``, as of 2026-06-30); each mistake
detector recomputes the mistaken value its own way; a mistake whose value coincides with
the right answer on the bundled data is left out (it could not be told apart). A name answer
(lever, stage) may be given in Chinese too (:func:`kamlab.checks.name_among`).

>>> from kamlab.exercises import check, expected_answer
>>> check("m3-best-lever", expected_answer("m3-best-lever").upper()).status
'correct'
>>> check("m3-best-lever", "价格").status, check("m3-leakiest-stage", "确认").status  # Chinese names
('correct', 'correct')
>>> check("m3-coverage", 100 * expected_answer("m3-coverage")).hint
'Give the coverage as a ratio (1.2 = 120% of the target), not a percentage.'
"""

from __future__ import annotations

import math

from kamlab.checks import (
    Exercise,
    Mistake,
    _load,
    _rel_close,
    as_name,
    as_number,
    name_among,
    register,
)

#: The date the opportunity data was extracted; every as-of in module 3 uses it.
AS_OF = "2026-06-30"

#: The sales target of exercise m3-coverage, CNY per year.
TARGET = 40_000_000


# --- shared helpers --------------------------------------------------------------------

def _ratio_close(a: float, b: float) -> bool:
    """Coverage ratios: equal to two decimals (1.17 and 1.1744 both pass)."""
    return math.isclose(a, b, rel_tol=0, abs_tol=5e-3)


def _same_name(a: str, b: str) -> bool:
    return a == as_name(b)


# --- m3-best-lever: the profit lever tree, account by account (seed 000) ---------------

_IMPACTS = {"price": "price_impact", "volume": "volume_impact",
            "unit cost": "unit_cost_impact", "cost to serve": "cost_to_serve_impact"}


def _levers_ranked() -> list[str]:
    """Lever names of the account with the largest revenue, largest 1% impact first."""
    from kamlab.opportunities import account_levers

    book = _load("customers")
    top = account_levers(book.loc[[book["revenue"].idxmax()]]).iloc[0]
    return sorted(_IMPACTS, key=lambda lever: -float(top[_IMPACTS[lever]]))


def _best_lever() -> str:
    from kamlab.opportunities import account_levers

    book = _load("customers")
    return str(account_levers(book.loc[[book["revenue"].idxmax()]])["best_lever"].iloc[0])


register(Exercise(
    id="m3-best-lever",
    title="the lever that adds most profit for a 1% move, for the account with the largest "
          "revenue (a name: 'price', 'volume', 'unit cost' or 'cost to serve')",
    expected=_best_lever,
    normalise=name_among("lever"),  # 价格 is 'price'
    correct=_same_name,
    mistakes=(
        Mistake("second-best", lambda a, e: a == _levers_ranked()[1],
                "That is the runner-up. Compare all four 1% impacts (price_impact, "
                "volume_impact, unit_cost_impact, cost_to_serve_impact) and take the largest.",
                hint_zh="这是第二名。比较全部四个1%影响（price_impact、volume_impact、"
                        "unit_cost_impact、cost_to_serve_impact），取最大的那个。"),
        Mistake("volume", lambda a, e: a == "volume" != as_name(e),
                "Selling 1% more only adds 1% of the gross margin (毛利). 1% on price adds 1% "
                "of the whole revenue (销售额) — with a thin margin that is many times more.",
                hint_zh="多卖1%只增加1%的毛利。价格提高1%却增加整个销售额的1%——毛利率很薄时，这要多"
                        "出好几倍。"),
    ),
    success="1% on price is worth about ten times 1% on volume here: with a ~10% margin, "
            "discounts (折扣) and rebates are the first place to look for profit.",
    generic_hint="top = book.nlargest(1, 'revenue'); account_levers(top)['best_lever'] names "
                 "the lever with the largest 1% impact.",
    title_zh="对销售额最大的客户，变动1%能增加利润最多的杠杆（一个名称：'price'、'volume'、'unit "
             "cost' 或 'cost to serve'，也可以写中文：价格、数量、单位成本、服务成本）",
    success_zh="在这里，价格变动1%的价值约为销量变动1%的十倍：毛利率只有约10%时，折扣和返利是寻找利"
               "润的第一站。",
    generic_hint_zh="top = book.nlargest(1, 'revenue')；account_levers(top)['best_lever'] 给出1%影响"
                    "最大的杠杆。",
))


# --- m3-screen-dropped: seed 000's knock-outs ------------------------------------------

def _screen():
    from kamlab.opportunities import screen_opportunities

    return screen_opportunities(_load("opportunities"), as_of=AS_OF)


def _open_mask(df):
    from kamlab.opportunities import STAGES

    return df["stage"].isin(STAGES)


def _dropped_open() -> int:
    s = _screen()
    return int((s["dropped"] & _open_mask(s)).sum())


def _rule_counts_summed() -> int:
    """Each knock-out rule counted on its own and the counts added (overlaps twice)."""
    s = _screen()
    reasons = s.loc[s["dropped"] & _open_mask(s), "drop_reason"]
    return int(reasons.str.split("; ").str.len().sum())


register(Exercise(
    id="m3-screen-dropped",
    title="number of OPEN opportunities the screen knocks out (as of 2026-06-30)",
    expected=_dropped_open,
    normalise=as_number,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("closed-included", lambda a, e: a == int(_screen()["dropped"].sum()),
                "You counted the closed deals (Won/Lost, drop reason 'closed') too. The "
                "question asks about open opportunities only: keep stage in STAGES.",
                hint_zh="你把已关闭的商机（Won/Lost，淘汰原因 'closed'）也算进去了。题目只问未关闭的"
                        "商机：保留 stage 在 STAGES 中的行。"),
        Mistake("decision-only",
                lambda a, e: a == int((_screen()["decision_made"] & _open_mask(_screen())).sum()),
                "That is only 'decision already made' (采购决策已作出). Count every open "
                "opportunity with dropped == True: low win probability, non-priority "
                "customer and too little information knock out too.",
                hint_zh="这只是“采购决策已作出”一项。请数出所有 dropped == True 的未关闭商机：成功概"
                        "率极低、非优先客户、信息太少也会被淘汰。"),
        Mistake("rules-summed", lambda a, e: a == _rule_counts_summed(),
                "You added up the rule counts, so an opportunity caught by two rules was "
                "counted twice. Count the opportunities with dropped == True instead.",
                hint_zh="你把各条规则的计数加在了一起，所以同时触发两条规则的商机被数了两次。请改为"
                        "数 dropped == True 的商机。"),
    ),
    success="about a third of the open pipeline is not a priority (并非优先事项) — effort the "
            "account team can move to the opportunities that are left.",
    generic_hint="s = screen_opportunities(opp, as_of='2026-06-30'); count the rows with "
                 "s['dropped'] and a stage that is still open (not Won or Lost).",
    title_zh="筛选淘汰的未关闭商机数量（截至2026-06-30）",
    success_zh="约三分之一的在途商机并非优先事项——客户团队可以把这部分精力转到剩下的商机上。",
    generic_hint_zh="s = screen_opportunities(opp, as_of='2026-06-30')；数出 s['dropped'] 为真、且阶"
                    "段仍未关闭（不是 Won 或 Lost）的行。",
))


# --- m3-owner-weighted: weighted pipeline per owner (seed 002 funnel) ------------------

def _by_owner():
    from kamlab.opportunities import weighted_pipeline

    return weighted_pipeline(_load("opportunities"), by="owner").set_index("owner")


def _top_owner() -> str:
    return str(_by_owner()["weighted_value"].idxmax())


def _owner_open():
    opp = _load("opportunities")
    return opp[_open_mask(opp) & (opp["owner"] == _top_owner())]


# "Won deals included at probability 1" has no hint: the top owner has no Won deal in the
# bundled data, so the mistake gives the right number (tests/exercises/test_exercises_bank.py asserts this).
register(Exercise(
    id="m3-owner-weighted",
    title="weighted pipeline value (CNY, default stage probabilities) of the owner with the "
          "largest weighted pipeline",
    expected=lambda: float(_by_owner()["weighted_value"].max()),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    mistakes=(
        Mistake("unweighted", lambda a, e: _rel_close(a, float(_owner_open()["value"].sum())),
                "That is the owner's open pipeline at full value. Weight each deal by its "
                "stage probability (Identified 10% … Committed 90%): use the weighted_value "
                "column.",
                hint_zh="这是该负责人按全额计的未关闭商机。请用各商机的阶段概率加权（Identified "
                        "10% … Committed 90%）：用 weighted_value 列。"),
        Mistake("own-estimates",
                lambda a, e: _rel_close(a, float((_owner_open()["value"]
                                                  * _owner_open()["win_probability"]).sum())),
                "You weighted by the owner's own win_probability estimates. The question "
                "asks for the default stage probabilities (DEFAULT_STAGE_PROBABILITY), "
                "which weighted_pipeline uses.",
                hint_zh="你用的是负责人自己估计的 win_probability 加权。题目要求默认阶段概率（"
                        "DEFAULT_STAGE_PROBABILITY），weighted_pipeline 用的就是它。"),
        Mistake("whole-team",
                lambda a, e: _rel_close(a, float(_by_owner()["weighted_value"].sum())),
                "That is the weighted pipeline of the whole team. Group by owner "
                "(weighted_pipeline(opp, by='owner')) and take the largest.",
                hint_zh="这是整个团队的加权商机金额。请按负责人分组（weighted_pipeline(opp, "
                        "by='owner')），取最大的那个。"),
    ),
    success="one owner carries a fifth of the team's weighted pipeline — a concentration "
            "risk (集中风险) if that person leaves or falls behind.",
    generic_hint="weighted_pipeline(opp, by='owner') gives each owner's weighted_value; "
                 "take the largest.",
    title_zh="加权商机金额最大的负责人的加权商机金额（元，按默认阶段概率）",
    success_zh="一个负责人承担了团队五分之一的加权商机——如果这个人离职或进度落后，就是集中风险。",
    generic_hint_zh="weighted_pipeline(opp, by='owner') 给出每个负责人的 weighted_value；取最大值。",
))


# --- m3-leakiest-stage: stage conversion (seed 002 funnel) -----------------------------

def _conversion():
    from kamlab.opportunities import conversion_rates

    return conversion_rates(_load("opportunity_stages"))


def _leakiest() -> str:
    c = _conversion()
    return str(c.loc[c["rate"].idxmin(), "from_stage"])


# Two more slips give the same stage as an existing hint or as the answer, so they have
# none of their own: the lowest cumulative rate is the last step (Committed, as the fewest
# conversions), and the naive ratio "reached next / reached this" also points at
# Qualified (tests/exercises/test_exercises_bank.py asserts both).
register(Exercise(
    id="m3-leakiest-stage",
    title="the stage whose step to the next stage converts worst (the from_stage name)",
    expected=_leakiest,
    normalise=name_among("stage"),  # 确认 is 'qualified'
    correct=_same_name,
    mistakes=(
        Mistake("fewest-converted",
                lambda a, e: a == as_name(str(_conversion().set_index("from_stage")[
                    "converted"].astype(int).idxmin())),
                "Committed has the fewest conversions and the lowest cumulative rate, but "
                "only because few deals get that far. Leakage is the step's own rate: the "
                "lowest 'rate' column.",
                hint_zh="Committed（合作）转化的数量最少、累计转化率最低，但那只是因为走到这一步的商"
                        "机本来就少。流失要看这一步自身的转化率：'rate' 列最低的那一步。"),
        Mistake("to-stage",
                lambda a, e: a == as_name(str(_conversion().set_index("from_stage").loc[
                    e, "to_stage"])),
                "That is the stage the leaky step leads TO. Name the stage the deals leak "
                "FROM (the from_stage column).",
                hint_zh="这是流失最严重的那一步所通往的阶段。请说出商机从哪个阶段流失（from_stage 列"
                        "）。"),
    ),
    success="Qualified → Developed loses almost half its deals: the proposal stage (发展) is "
            "where the funnel needs coaching.",
    generic_hint="c = conversion_rates(history); the leakiest step is the row with the "
                 "lowest 'rate'; answer its from_stage.",
    title_zh="转化到下一阶段最差的阶段（from_stage 的名称，写英文或中文阶段名均可）",
    success_zh="Qualified（确认）→ Developed（发展）这一步流失了近一半的商机：建议书阶段（发展）是销"
               "售漏斗最需要辅导的地方。",
    generic_hint_zh="c = conversion_rates(history)；流失最严重的一步是 'rate' 最低的那一行；答出它的"
                    " from_stage。",
))


# --- m3-coverage: pipeline coverage of the target (seed 002) ---------------------------

def _coverage():
    from kamlab.opportunities import coverage

    return coverage(_load("opportunities"), TARGET)


register(Exercise(
    id="m3-coverage",
    title="weighted coverage of a CNY 40 million target by the open pipeline, as a ratio",
    expected=lambda: float(_coverage().weighted_coverage),
    normalise=as_number,
    correct=lambda a, e: _ratio_close(a, e),
    mistakes=(
        Mistake("percent", lambda a, e: _ratio_close(a / 100, e),
                "Give the coverage as a ratio (1.2 = 120% of the target), not a percentage.",
                hint_zh="请把覆盖率写成比值（1.2 = 目标的120%），不要写成百分数。"),
        Mistake("unweighted", lambda a, e: _ratio_close(a, float(_coverage().coverage)),
                "That is the unweighted coverage: every open deal at full value. Weight the "
                "deals by stage probability first (weighted_coverage).",
                hint_zh="这是未加权的覆盖率：每个未关闭商机都按全额计。请先按阶段概率加权（"
                        "weighted_coverage）。"),
        Mistake("inverted",
                lambda a, e: _ratio_close(a, TARGET / float(_coverage().weighted_pipeline)),
                "Your ratio is upside down: divide the weighted pipeline by the target.",
                hint_zh="你的比值倒过来了：应该用加权商机金额除以目标。"),
    ),
    success="the weighted pipeline covers the target only just; a raw pipeline of four times "
            "the target looks safe but hides how early most of it is.",
    generic_hint="c = coverage(opp, 40_000_000); c.weighted_coverage is the weighted open "
                 "pipeline divided by the target.",
    title_zh="未关闭商机对4,000万元目标的加权覆盖率，用比值表示",
    success_zh="加权商机金额只是勉强覆盖目标；四倍于目标的原始商机金额看似安全，却掩盖了其中大部分还"
               "处在早期阶段。",
    generic_hint_zh="c = coverage(opp, 40_000_000)；c.weighted_coverage 就是加权的未关闭商机金额除以"
                    "目标。",
))
