"""Chinese for the sentences and labels course notebook 01 prints (see :mod:`kamlab.phrases`)."""

PHRASES: dict[str, str] = {
    # the headline under the import cell
    "{n:,} accounts; revenue CNY {revenue:,.0f} m": "{n:,}个客户；销售额{revenue:,.0f}百万元",
    "; profit contribution CNY {profit:,.0f} m": "；利润贡献{profit:,.0f}百万元",
    # 2. Pareto curve
    "top {frac:.0%} of accounts: {share:.1%} of revenue": "前{frac:.0%}的客户：占销售额的{share:.1%}",
    # 4. profit concentration
    "4. Profit concentration": "4. 利润集中度",
    "top 11% of accounts by profit: {share:.1%} of total profit":
        "按利润排名前11%的客户：占总利润的{share:.1%}",
    "{n:,} accounts ({frac:.0%}) lose money; together CNY {loss:,.1f} m":
        "{n:,}个客户（{frac:.0%}）亏损，合计亏损{loss:,.1f}百万元",
    # 5. Gini and HHI
    "Gini of revenue: {gini:.3f}": "销售额的基尼系数：{gini:.3f}",
    "HHI of revenue: {hhi:,.0f}  (like {equal:,.0f} equal accounts, not {n:,})":
        "销售额的HHI：{hhi:,.0f}（相当于{equal:,.0f}个同等规模的客户，而不是{n:,}个）",
    # 6. salesperson time versus value: the section and the tier labels (seed 000)
    "6. Salesperson time versus value": "6. 销售人员时间与价值",
    # 7. the telecom segments (seed 002), as the dataset's own segment_zh names them
    "Residential": "居民",
    "SME": "中小企业",
    "Large accounts (top 1,000)": "大客户(前1000家)",
}
