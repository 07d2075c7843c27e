"""Chinese for the sentences and labels course notebook 07 prints (see :mod:`kamlab.phrases`)."""

PHRASES: dict[str, str] = {
    # course notebook 07: sentences
    "{accounts:,} key accounts; {first} to {last}: {months:,} months of transactions, "
    "{records:,} of credit records":
        "{accounts:,}个关键客户；{first}至{last}：{months:,}条月度交易记录，{records:,}条月度信用记录",
    "{cards} cards: revenue CNY {revenue:,.1f} m in the last 12 months, {change:+.1%} on "
    "the 12 before; median change {median:+.1%}":
        "{cards}张管理卡：最近12个月销售额{revenue:,.1f}百万元，比之前12个月{change:+.1%}；"
        "变化的中位数为{median:+.1%}",
    "{grew} accounts grew; {fell} fell by more than 10%":
        "{grew}个客户增长；{fell}个客户下降超过10%",
    "{flagged} of {accounts} key accounts meet at least one criterion, CNY {revenue:,.1f} m "
    "of revenue in the last 12 months":
        "{accounts}个关键客户中有{flagged}个至少符合一条终止标准，最近12个月销售额{revenue:,.1f}百万元",
    "still to fill: {items}": "待填写的项目（fill() 的参数名）：{items}",
    "after the team's first answers: {items}": "小组初步回答之后还待填写：{items}",
    "a sales executive's third of {hours:,} hours over {accounts} key accounts: {each:.1f} "
    "hours a year each; over the {a} A accounts only: {a_each:.1f} hours":
        "营销主管{hours:,}小时的1/3分给{accounts}个关键客户：每个每年{each:.1f}小时；"
        "只分给{a}个A类客户：每个{a_each:.1f}小时",
    # course notebook 07: its own table headers and labels
    "contacts_per_account": "每个客户每年联系次数",
    "contacts_a_year": "每年联系总次数",
    "code": "代码",
    "checklist": "检查清单",
    "maximum": "满分",
    "gaps": "差距项数",
    "practices": "十项做法",
    "tracking": "业绩跟踪",
    "database": "客户数据库与最佳做法",
    # exercises m7_*
    "last 12 months CNY {last:,.0f}; the 12 before CNY {before:,.0f}; change {change:+.1%}":
        "最近12个月{last:,.0f}元；之前12个月{before:,.0f}元；变化{change:+.1%}",
    "we sold CNY {ours:,.0f} of its CNY {wallet:,.0f} a year: {share:.1%}":
        "我们售出{ours:,.0f}元，客户每年采购潜力{wallet:,.0f}元，份额{share:.1%}",
    "the card: {growth:+.1%}, {trend}; the account's own turnover {company:+.1%}":
        "管理卡：{growth:+.1%}，{trend}；客户自己的营业额{company:+.1%}",
    "{hours:.2f} hours a year per key account": "每个关键客户每年{hours:.2f}小时",
    "{score:.0f} of {maximum:.0f} points; gaps: {gaps}": "满分{maximum:.0f}分，得{score:.0f}分；差距项：{gaps}",
}
