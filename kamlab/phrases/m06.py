"""Chinese for the sentences and labels course notebook 06 prints (see :mod:`kamlab.phrases`)."""

PHRASES: dict[str, str] = {
    # course notebook 06
    "{first}-{last}: {customers} customers, {deals} mergers; {n} contracts; "
    "{people} people in the top 10's buying centres":
        "{first}—{last}年：{customers}家客户，{deals}起并购；{n}份合同；前10名客户的购买中心共{people}人",
    "the top 10 reach 95% of the market in {year}": "前10名客户在{year}年达到市场总份额的95%",
    "the {n} mergers added {added:,.0f} HHI points; HHI rose {rise:,.0f} points in all":
        "{n}起并购使HHI增加了{added:,.0f}点；HHI总共上升了{rise:,.0f}点",
    "terms: {terms} years; revenue under contract in 2025: CNY {revenue:,.0f} m":
        "合同期限：{terms}年；2025年合同内的销售额：{revenue:,.0f}百万元",
    "{company}: its contract {contract} comes up in {year}; losing the renewal loses "
    "CNY {revenue:,.0f} m of revenue over {years} years, CNY {margin:,.0f} m of margin, "
    "{share:.1%} of the book, NPV CNY {npv:,.0f} m":
        "{company}：合同{contract}在{year}年续约；丢掉这次续约，{years}年内将失去销售额{revenue:,.0f}百万元、"
        "毛利{margin:,.0f}百万元，占合同总额的{share:.1%}，净现值{npv:,.0f}百万元",
    "gap score of the top 10: {before:.1%} before, {after:.1%} after the reorganisation":
        "前10名客户的覆盖缺口指数：重组前{before:.1%}，重组后{after:.1%}",
    "largest gap: {contact} ({title}), influence {influence}":
        "缺口最大的人：{contact}（{title}），影响力{influence}",
    "{kam} works with {contact}": "{kam}与{contact}建立了一般的工作关系",
    "today": "现在",
    "{label}: gap score of {company} {score:.1%}": "{label}：{company}的覆盖缺口指数为{score:.1%}",
    "the top 5 take {volume:.1%} of the volume and {margin:.1%} of the gross margin":
        "前5名客户占销售量的{volume:.1%}，却只占毛利的{margin:.1%}",
    "margin plan: {rate:.1%} of the unit margin; the division earns CNY {gain:,.0f} more "
    "a year for the same pay":
        "基于利润率的激励：按单位毛利的{rate:.1%}计酬；付出同样的报酬，事业部每年多赚{gain:,.0f}元",
    "{dealers:,} dealers see two reps: CNY {cost:,.1f} m a year of duplicated calls":
        "{dealers:,}家经销商有两名销售代表拜访：每年重复拜访的成本为{cost:,.1f}百万元",
    "the best channel for each segment earns CNY {gain:,.1f} m a year more than today":
        "每个细分市场都选最合适的渠道，每年比现在多赚{gain:,.1f}百万元",
    # exercises m6_*
    "closed form 2 * s_a * s_t = {hhi:.1f}": "闭式解 2 * s_a * s_t = {hhi:.1f}",
    "up for renewal in 2027: CNY {answer:,.0f} a year": "2027年到期续约的销售额：每年{answer:,.0f}元",
    "margin plan pays {rate:.1%} of the unit margin per extra tonne":
        "基于利润率的激励：每新增一吨，按单位毛利的{rate:.1%}计酬",
}
