"""Labels for the charts and tables of course module 2 (see :mod:`kamlab.labels`)."""

LABELS: dict[str, tuple[str, str]] = {
    # tiles of the segmentation grids (kamlab.plotting.grids)
    "cells.shade": ("Deeper colour: larger share of {value}", "颜色越深：占{value}的比例越大"),
    "cells.headroom": ("Framed: {cell}, large potential, small share",
                       "加框：{cell}，潜力大、份额小"),
    "relationship_types.title": ("Relationship types (common interest × relationship value)",
                                 "关系类型（共同利益 × 长期关系价值）"),
    "common_interest_level": ("Common interest", "共同利益"),
    "relationship_value_level": ("Value of a long-term relationship", "长期关系价值"),
    "positions.title": ("Gold, star, problem and dog customers", "金牌、明星、问题、瘦狗顾客"),
    "positions.loss": ("Loss-making\n(profit < 0)", "亏损\n（利润<0）"),
    "positions.profitable": ("Profitable\n(profit ≥ 0)", "盈利\n（利润≥0）"),
    # who enters and who leaves the top n when one weight moves (plot_sensitivity)
    "sensitivity.who_title": ("Top {n}: who enters and who leaves when one weight moves ±{pct}%",
                              "单项权重变动±{pct}%时，谁进入、谁退出前{n}名"),
    "sensitivity.who_title_any": ("Top {n}: who enters and who leaves when one weight moves",
                                  "单项权重变动时，谁进入、谁退出前{n}名"),
    "sensitivity.who_x": ("The criterion's weight moved (the other weights rescaled to 100%)",
                          "该指标权重的变动（其他权重按比例调整，合计仍为100%）"),
    "sensitivity.entered": ("In: {ids}", "进入：{ids}"),
    "sensitivity.left": ("Out: {ids}", "退出：{ids}"),
    "sensitivity.same": ("same top {n}", "前{n}名不变"),
    "sensitivity.more": ("+{k} more", "另有{k}个"),
}
