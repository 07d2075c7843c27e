"""Chinese for the sentences and labels course notebook 05 prints (see :mod:`kamlab.phrases`)."""

PHRASES: dict[str, str] = {
    # --- course notebook 05: the bank case -------------------------------------------------
    "{n:,} customers; revenue CNY {revenue:,.1f} m a year":
        "共{n:,}个客户；年收入{revenue:,.1f}百万元",
    "; profit contribution CNY {profit:,.1f} m":
        "；利润贡献{profit:,.1f}百万元",
    "peak: {peak:.1%} of net profit, made by the {n:,} most profitable customers ({share:.1%}): "
    "CNY {profit:,.1f} m a year":
        "峰值：净利润的{peak:.1%}，由利润最高的{n:,}个客户（{share:.1%}）创造：每年{profit:,.1f}百万元",
    "value destroyers (profit < 0): {n:,} customers ({share:.1%}), losing CNY {lost:,.1f} m a "
    "year together — {of_net:.0%} of the net profit":
        "价值毁灭者（利润贡献 < 0）：{n:,}个客户（{share:.1%}），每年合计亏损{lost:,.1f}百万元，"
        "相当于净利润的{of_net:.0%}",
    "cut-offs: A and B at {a:.0%} and {b:.0%} of the positive profit; C+ = the top {c_plus:.0%} "
    "of C by wallet":
        "分级界线：A级和B级分别累计到盈利客户利润的{a:.0%}和{b:.0%}；C+级＝按潜力（wallet）"
        "排在C级前{c_plus:.0%}的客户",
    "cost to serve CNY {total:,.1f} m a year: {variable:.0%} variable, {fixed:.0%} capacity":
        "服务成本每年{total:,.1f}百万元：变动成本占{variable:.0%}，产能（固定）成本占{fixed:.0%}",
    "driver": "成本动因",
    "CNY per unit": "单位成本（元）",
    "of which variable": "其中变动部分（元）",
    "customers lost: {n:,} — {threshold:,} below the price threshold with too few products, "
    "{payroll:,} with their payroll contract":
        "流失客户：{n:,}个——其中{threshold:,}个低于价格门槛且持有产品太少，{payroll:,}个随代发工资合同离开",
    "{fee:,} stay below the threshold and pay the fee; {migrated:,} move to the automated "
    "channel; {c_plus:,} C+ customers get their chance":
        "{fee:,}个留在门槛以下并缴纳月费；{migrated:,}个转移到自动化渠道；{c_plus:,}个C+级客户获得提高的机会",
    "revenue lost CNY {lost:,.1f} m a year; gained CNY {gained:,.1f} m (fees, C+ upgrades, RM "
    "time moved to A customers)":
        "每年流失收入{lost:,.1f}百万元；新增收入{gained:,.1f}百万元（月费、C+级客户提升、"
        "客户经理时间转向A级客户）",
    "cost saved: CNY {variable:,.1f} m a year variable (at once), CNY {fixed:,.1f} m capacity "
    "(only where cut)":
        "节约成本：变动成本每年{variable:,.1f}百万元（立即节约），产能成本{fixed:,.1f}百万元（只在削减之处）",
    "profit, month {month}: {change:+.1%} on month 0":
        "第{month}月利润：比第0月{change:+.1%}",
    "payroll contracts ended, nothing else": "只取消代发工资合同，别的不变",
    "... and half their branch capacity cut": "……再削减它们释放的一半网点产能",
    "the plan, payroll contracts ended": "整体方案，取消代发工资合同",
    "the plan, payroll contracts kept": "整体方案，保留代发工资合同",
    "deeper branch cut, payroll ended": "网点削减更深，取消代发工资",
    "deeper branch cut, payroll kept": "网点削减更深，保留代发工资",
    "scenario": "情景",
    "leavers": "流失客户数",
    "revenue_lost": "流失的收入",
    "variable_cost_saved": "节约的变动成本",
    "profit_change": "利润变化",
    "rm_to_a": "转向A级客户的客户经理时间占比",
    "the {n:,} customers let go bring CNY {revenue:,.1f} m a year and cost CNY {cost:,.1f} m to "
    "serve: keeping them costs CNY {loss:,.1f} m a year":
        "放弃的{n:,}个客户每年带来{revenue:,.1f}百万元收入，服务成本却是{cost:,.1f}百万元："
        "留住他们每年要花{loss:,.1f}百万元",
    "{n:,} of them would have grown into key customers, worth CNY {value:,.1f} m a year once "
    "grown (CNY {each:,.0f} each, today's mean A customer): CNY {per_grower:,.0f} of loss a year "
    "per grower kept that way":
        "其中{n:,}个本会成长为关键客户，成长后每年价值{value:,.1f}百万元（每个{each:,.0f}元，"
        "即目前A级客户的平均利润贡献）：用这种方式每留住一个成长客户，每年亏损{per_grower:,.0f}元",
    "the C+ path keeps {kept:,} of the {growers:,} future key customers graded C or C+ "
    "({rate:.0%}), worth CNY {value:,.1f} m a year once grown":
        "C+路径在被评为C级或C+级的{growers:,}个未来关键客户中留住了{kept:,}个（{rate:.0%}），"
        "成长后每年价值{value:,.1f}百万元",
    "the C+ path in month 6: CNY {gain:,.0f} a month ({change:+.1%} of month 0's profit), its "
    "offer included":
        "C+路径在第6月的贡献：每月{gain:,.0f}元（相当于第0月利润的{change:+.1%}），已扣除优惠成本",
    "customers lost {lost:,}; moved to the automated channel {moved:,}; revenue lost CNY "
    "{revenue:,.1f} m a year; cost saved CNY {saved:,.1f} m a year; profit {change:+.1%} by "
    "month {month}":
        "流失客户{lost:,}个；转移到自动化渠道{moved:,}个；每年流失收入{revenue:,.1f}百万元；"
        "每年节约成本{saved:,.1f}百万元；到第{month}月利润{change:+.1%}",
    # values in the notebook's tables: customer segments, channels, cost drivers
    "Mass": "大众客户",
    "Affluent": "富裕客户",
    "Business": "企业客户",
    "Private": "私人银行客户",
    "account": "账户（每客户每年）",
    "payroll": "代发工资",
    "branch": "网点柜台",
    "rm": "客户经理",
    "call_centre": "呼叫中心",
    "digital": "网上及手机银行",
    "branch_visits": "网点到访次数",
    "rm_hours": "客户经理工时",
    "call_centre_calls": "呼叫中心来电次数",
    "digital_sessions": "网银及手机银行登录次数",
    # --- exercises m5-* ---------------------------------------------------------------------
    "net profit of all {n:,} customers: CNY {profit:,.0f}":
        "全部{n:,}个客户的净利润：{profit:,.0f}元",
    "the {n:,} profitable customers ({share:.1%}): CNY {profit:,.0f}":
        "{n:,}个盈利客户（{share:.1%}）：{profit:,.0f}元",
    "the {n:,} loss-makers: CNY {loss:,.0f}":
        "{n:,}个亏损客户：{loss:,.0f}元",
    "they lose the bank CNY {loss:,.0f} a year":
        "他们每年让银行亏损{loss:,.0f}元",
    "growers in C and C+: {growers:,}; graded C+: {kept:,} ({rate:.0%}); leaving: {lost:,}":
        "C级和C+级中的成长客户：{growers:,}个；评为C+级：{kept:,}个（{rate:.0%}）；离开：{lost:,}个",
    "a year, once grown: kept CNY {kept:,.0f}, lost CNY {lost:,.0f}; serving the leavers costs "
    "CNY {loss:,.0f}":
        "成长后每年：留住的价值{kept:,.0f}元，失去的价值{lost:,.0f}元；继续服务流失客户的代价为{loss:,.0f}元",
}
