"""Chinese for the sentences and labels course notebook 03 prints (see :mod:`kamlab.phrases`)."""

from itertools import combinations

# seed 000, "举例:优先排序流程": the knock-outs and strategic flags as screen_opportunities()
# writes them (reasons joined by "; ", in this order), at the default 10% win-probability floor.
_KNOCKOUTS = {
    "decision already made": "采购决策已作出",
    "win probability below 10%": "成功概率极低（低于10%）",
    "customer not a priority": "非优先客户",
    "too little information to qualify": "定性所需信息严重不足",
}
_STRATEGIC = {
    "builds customer momentum": "客户势头的建立者",
    "builds product reputation": "产品信誉的建立者",
    "focus product": "产品战略重点",
    "geographic foothold": "地域势头建立者",
}


def _joined(labels: dict[str, str]) -> dict[str, str]:
    """Every combination of ``labels`` joined as the screen joins them (English "; ", 中文 "；")."""
    out = {}
    for n in range(1, len(labels) + 1):
        for combo in combinations(labels, n):
            out["; ".join(combo)] = "；".join(labels[c] for c in combo)
    return out


PHRASES: dict[str, str] = {
    # sentences
    "{accounts:,} accounts; {deals:,} opportunities, {open} of them open":
        "{accounts:,}个客户；{deals:,}个商机，其中{open}个仍在跟进",
    "pipeline CNY {pipeline:,.1f} m, weighted CNY {weighted:,.1f} m; "
    "coverage {coverage:.2f}x unweighted, {weighted_coverage:.2f}x weighted":
        "在手商机{pipeline:,.1f}百万元，加权后{weighted:,.1f}百万元；"
        "目标覆盖率：未加权{coverage:.2f}倍，加权{weighted_coverage:.2f}倍",
    "Skipped 4. Value creation across business units: it needs a market share for "
    "each unit; market_share in the parameters cell has none for {units}. Add them "
    "there, e.g. market_share={{{first!r}: 0.15, ...}}.":
        "已跳过「4. 各事业部的价值创造」：本节需要每个事业部的市场份额，参数单元格中的 "
        "market_share 没有 {units} 的份额。请在参数单元格里补上，例如 "
        "market_share={{{first!r}: 0.15, ...}}。",
    # the lever tree (opps.LEVERS, its Chinese columns) and lever_impact's drivers
    "driver_zh": "利润来源",
    "lever_zh": "杠杆",
    "action_zh": "具体做法",
    "unit margin": "单位毛利",
    "volume": "数量",  # lever_impact's driver (the lever "volume" is translated by kamlab.i18n)
    # screen_opportunities: timing buckets (seed 000: 下6个月, 6-12个月, 12-18个月, 以后)
    "next 6 months": "下6个月",
    "6–12 months": "6–12个月",
    "12–18 months": "12–18个月",
    "later": "以后",
    **_joined(_KNOCKOUTS),
    **_joined(_STRATEGIC),
    # seed 002, 制定年度客户开发计划: what each step settles
    "what it settles": "要解决的问题",
    "Set the year's sales target for the territory.": "确定本区域全年的销售指标。",
    "Classify accounts (A/B/C), their potential and our share.":
        "把客户分为A、B、C三类，评估其潜力和我方份额。",
    "Split the target into a quota per account.": "把总指标分解为每个客户的定额。",
    "Give each tier its share of selling hours.": "给每类客户分配相应比例的销售时间。",
    "Decide how to win or grow each key account.": "决定如何赢得或发展每个关键客户。",
    "Fix contact frequency, visits and milestones in a calendar.":
        "在日程表里定好联系频率、拜访和里程碑。",
    "Review results against plan and adjust.": "对照计划评估结果并调整。",
}
