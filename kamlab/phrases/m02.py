"""Chinese for the sentences and labels course notebook 02 prints (see :mod:`kamlab.phrases`)."""

PHRASES: dict[str, str] = {
    # sentences the notebook prints
    "{n:,} accounts to segment": "待细分的客户共{n:,}个",
    "Entered the top {n}: {entered}. Left it: {left}.":
        "新进入前{n}名：{entered}。退出前{n}名：{left}。",
    # axis names of the notebook's count tables (crosstab)
    "by revenue": "按销售额",
    "by profit": "按利润贡献",
    "potential_class": "年采购潜力",
    "share_class": "我方份额（占用率）",
    "attractiveness_level": "客户吸引力",
    "relationship_level": "客户关系状况",
    # texts of tables.positioning_table() (seed 004), shown through readable()
    "Partnership (伙伴关系)": "伙伴关系",
    "Active relationship (积极的关系)": "积极的关系",
    "Responsible relationship (负责型关系)": "负责型关系",
    "Reactive (被动响应)": "被动响应",
    "First call on resources; one-to-one marketing; benchmarked against competitors.":
        "优先分配资源；一对一营销；对照竞争对手做基准定位，力求超过对手。",
    "Develop actively to raise loyalty; second call on resources.":
        "积极发展关系，提高忠诚度；资源分配排第二位。",
    "Serve correctly; no extra time or money.":
        "负责任地正常服务；不额外投入时间和费用。",
    "Respond only when asked, with the simplest offer; review whether to keep serving.":
        "客户提出要求时才响应，只提供最简单的方案；评估是否继续服务。",
    # texts of tables.strategies_table() (seed 001), shown through readable()
    "Invest to build the relationship: an attractive customer we under-serve.":
        "投入资源发展关系：客户有吸引力，我们的服务还不够。",
    "Protect a strong position: senior contact, service priority, watch competitors.":
        "守住强势地位：高层对接、服务优先、盯紧竞争对手。",
    "Keep the good relationship only where it pays; serve at lower cost.":
        "只在划算的地方维持良好关系；降低服务成本。",
    "Maintain where the economics justify it; look for a trigger to develop.":
        "经济上划算才保持；寻找进一步发展的契机。",
    "Serve through low-cost channels; no proactive investment.":
        "通过低成本渠道服务；不主动投入。",
    "Move to a self-service channel or stop serving.":
        "转到自助渠道，或停止服务。",
}
