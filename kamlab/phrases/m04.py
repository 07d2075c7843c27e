"""Chinese for the sentences and labels course notebook 04 prints (see :mod:`kamlab.phrases`)."""

PHRASES: dict[str, str] = {
    # 04_proposal_economics: printed sentences
    "NPV CNY {npv:,.0f}; IRR {irr:.1%}; walk-away price CNY {walk_away:,.0f}/t "
    "({gap:+.1%} vs the first quote)":
        "净现值{npv:,.0f}元；内部收益率{irr:.1%}；底线价格{walk_away:,.0f}元/吨（较首轮报价{gap:+.1%}）",
    "walk-away CNY {walk_away:,.0f}/t · target (NPV CNY 3m) CNY {target:,.0f}/t · "
    "first quote CNY {quote:,.0f}/t":
        "底线价格{walk_away:,.0f}元/吨 · 目标价格（净现值300万元）{target:,.0f}元/吨 · "
        "首轮报价{quote:,.0f}元/吨",
    "mean CNY {mean:,.0f}; 5%–95%: CNY {p5:,.0f} to {p95:,.0f}; P(NPV < 0) = {loss:.0%}":
        "平均值{mean:,.0f}元；5%–95%区间：{p5:,.0f}元至{p95:,.0f}元；亏损概率P(NPV < 0) = {loss:.0%}",
    "cuts {cuts}, rebate {rebate:.2%} of revenue; agreed CNY {price:,.0f}/t, "
    "CNY {headroom:,.0f}/t above walk-away":
        "各轮降价{cuts}，返利为销售额的{rebate:.2%}；成交价格{price:,.0f}元/吨，"
        "比底线价格高{headroom:,.0f}元/吨",
    "EVC CNY {evc:,.2f} per vehicle set; our price {price:,.2f}: the customer keeps "
    "{incentive:,.2f}, our premium is {premium:,.2f}":
        "EVC为每车套{evc:,.2f}元；我方价格{price:,.2f}元：客户保留{incentive:,.2f}元，"
        "我方溢价{premium:,.2f}元",
    "{year}: demand {demand:,.0f} kt; clearing price CNY {price:,.0f}/t set by {plant}; "
    "capacity used {used:.0%}":
        "{year}年：需求{demand:,.0f}千吨；市场出清价格{price:,.0f}元/吨，由{plant}决定；"
        "产能利用率{used:.0%}",
    "walk-away CNY {walk_away:,.0f}/t = Nantong cash cost {cash:,.0f} + automotive grade "
    "{premium:,.0f} + investment {investment:,.0f} + price-down beyond cost-down {drift:,.0f}":
        "底线价格{walk_away:,.0f}元/吨 = 南通工厂现金成本{cash:,.0f} + 汽车级附加成本{premium:,.0f} + "
        "投资回收{investment:,.0f} + 年降价超出年成本降幅的部分{drift:,.0f}",
    "like for like: clearing price CNY {price:,.0f}/t + automotive grade {premium:,.0f} = "
    "CNY {like:,.0f}/t; our walk-away is {below:,.0f} below it, the agreed price {agreed:,.0f} "
    "below":
        "同等口径：市场出清价格{price:,.0f}元/吨 + 汽车级附加成本{premium:,.0f} = {like:,.0f}元/吨；"
        "我们的底线价格比它低{below:,.0f}，成交价格低{agreed:,.0f}",
    # 04_proposal_economics: labels in its tables and charts
    "CNY / t": "元/吨",
    "fraction / year": "比例/年",
    "CNY": "元",
    "First quote": "首轮报价",
    "Round 2": "第二轮",
    "Round 3": "第三轮",
    "Round 4": "第四轮",
    "Round 5": "第五轮",
    "Incentive": "奖励",
    "Final price after incentives": "奖励后的最终价格",
    "Aftermarket (spare parts) uplift": "零配件市场的增额",
    "Total": "总额",
    "start": "起点",
    "change": "变动",
    "subtotal": "小计",
    "Volume discount": "数量折扣",
    "Payment-terms discount": "付款条件折扣",
    "Annual rebate": "年终返利",
    "Co-op promotion": "联合推广",
    "Freight": "运费",
    "Our offer": "我方产品",
    "baseline": "基准",
    "planned plant starts": "计划中的工厂投产",
    "we close Our Foshan": "关闭我方佛山工厂（Our Foshan）",
    "demand +5%": "需求增加5%",
    # exercises m4_*: printed sentences
    "NPV at the first quote: CNY {npv:,.0f}; IRR {irr:.1%}":
        "首轮报价下的净现值：{npv:,.0f}元；内部收益率{irr:.1%}",
    "walk-away price: CNY {price:,.0f} / t, {below:.1%} below the first quote":
        "底线价格：{price:,.0f}元/吨，比首轮报价低{below:.1%}",
    "round 3: {points:+.0f} index points, CNY {npv:+,.0f}, price {price:,.0f} CNY / t":
        "第三轮：{points:+.0f}个指数点，{npv:+,.0f}元，价格{price:,.0f}元/吨",
    "today: CNY {price:,.0f} / t, set by {plant}": "目前：{price:,.0f}元/吨，由{plant}决定",
    "with the new plant: CNY {price:,.0f} / t, set by {plant}":
        "新工厂投产后：{price:,.0f}元/吨，由{plant}决定",
    "EVC {evc:.2f} = reference {reference:.2f} + differentiation {diff:.2f}":
        "EVC {evc:.2f} = 参照产品价格{reference:.2f} + 差异化价值{diff:.2f}",
    "at our price {price:.2f}: customer incentive {incentive:.2f}, our premium {premium:.2f}":
        "按我方价格{price:.2f}：客户转换的动力{incentive:.2f}，我方溢价{premium:.2f}",
}
