"""Chinese / English text for charts, tables, dashboards and reports — its one owner.

One call draws either language: every ``plot_*`` takes ``lang="en" | "zh"`` (default: the
session language, set with :func:`set_language` or the ``KAMLAB_LANG`` environment variable).

Three kinds of text, one look-up each:

- column labels (``revenue`` → Revenue / 销售额) come from :data:`kamlab.columns.COLUMNS`;
  :func:`column_label` (and :func:`t` for a column name) reads them there, so a column has
  one label wherever it is shown;
- value labels — the codes that analysis results carry (stages, levers, tiers, plant
  status, contract inputs, …) — are ``"kind.code"`` keys of :data:`LABELS`, read with
  :func:`value_label`; results never carry ``*_zh`` columns (text a caller supplies in
  both languages, such as a waterfall step's ``label_zh`` or a dataset's ``segment_zh``,
  is the caller's data and passes through as given);
- chart and dashboard text (titles, axes, sentences) are the other keys of :data:`LABELS`
  (the entries of modules 5–7 and newer charts live in :mod:`kamlab.labels`, merged in here).

No key of :data:`LABELS` is a canonical column name, so the two tables cannot disagree.

>>> t("revenue", "zh")
'销售额'
>>> t("revenue", "en")
'Revenue'
>>> t("pareto.title", "zh", value=t("revenue", "zh"))
'销售额集中度（帕累托曲线）'
"""

from __future__ import annotations

import re

from kamlab._language import LANGUAGES, get_language, resolve, set_language
from kamlab.columns import COLUMNS

__all__ = ["LANGUAGES", "LABELS", "get_language", "set_language", "t", "resolve", "column_label",
           "value_label", "value_text", "in_sentence", "phrase", "say", "full_width"]

# key -> (English, 中文). Keys with {placeholders} are formatted by t(..., **values).
LABELS: dict[str, tuple[str, str]] = {
    # values
    "accounts": ("Accounts", "客户数"),
    "customers": ("Customers", "客户"),
    "score": ("Score", "得分"),
    "tier": ("Tier", "级别"),
    "unit.cny": ("CNY", "元"),
    "unit.cny_m": ("CNY m", "百万元"),
    "unit.cny_10k": ("CNY 10k", "万元"),
    "unit.hours": ("hours", "小时"),
    # concentration
    "pareto.title": ("Concentration of {value} (Pareto curve)", "{value}集中度(帕累托曲线)"),
    "pareto.x": ("Share of accounts, largest first (%)", "客户数累计占比,从大到小(%)"),
    "pareto.y": ("Cumulative share of {value} (%)", "{value}累计占比(%)"),
    "lorenz.title": ("Lorenz curve of {value}", "{value}洛伦兹曲线"),
    "equality": ("Equal shares", "完全平均"),
    "gini": ("Gini", "基尼系数"),
    "hhi": ("HHI", "赫芬达尔指数"),
    # charts (kamlab.plotting)
    "pareto.band": ("{tier}: {accounts} of accounts, {share} of {value}",
                    "{tier}类:{accounts}的客户,{share}的{value}"),
    "pareto.top": ("Top {accounts} of accounts: {share} of {value}",
                   "前{accounts}的客户:{share}的{value}"),
    "lorenz.x": ("Share of accounts, smallest first (%)", "客户数累计占比,从小到大(%)"),
    "lorenz.gap": ("Gap to equal shares", "与完全平均的差距"),
    "grid.by": ("{rows} × {cols}", "{rows}×{cols}"),
    "grid.accounts": ("{n} accounts", "{n}个客户"),
    "grid.account": ("1 account", "1个客户"),
    "grid.share": ("{share} of {value}", "占{value}{share}"),
    "grid.bubble": ("Bubble area ∝ {value}", "气泡面积∝{value}"),
    "strategy_grid.title": ("Strategy grid: attractiveness × relationship",
                            "策略矩阵:客户吸引力×关系状况"),
    "potential_share.title": ("Annual potential × share of wallet (R1…A3)",
                              "采购潜力×份额矩阵(R1…A3)"),
    "two_sided.title": ("Two-sided attractiveness", "双向吸引力矩阵"),
    "attractiveness_level": ("Customer attractiveness", "客户吸引力"),
    "relationship_level": ("Relationship state", "关系状况"),
    "potential_class": ("Annual potential (CNY)", "年采购潜力(元)"),
    "share_class": ("Our share of the customer's spend", "我方份额(占用率)"),
    "customer_level": ("Customer's attractiveness to us", "客户对我们的吸引力"),
    "supplier_level": ("Our attractiveness to the customer", "我们对客户的吸引力"),
    "level.low": ("Low", "低"),
    "level.medium": ("Medium", "中"),
    "level.high": ("High", "高"),
    "level.poor": ("Poor", "差"),
    "level.average": ("Average", "一般"),
    "level.good": ("Good", "好"),
    "potential_class.1": ("1: > 1M", "1:>100万"),
    "potential_class.2": ("2: 0.5–1M", "2:50万–100万"),
    "potential_class.3": ("3: < 0.5M", "3:<50万"),
    "share_class.R": ("R: > 30%", "R:>30%"),
    "share_class.D": ("D: 10–30%", "D:10–30%"),
    "share_class.A": ("A: < 10%", "A:<10%"),
    "grid_strategy.maintain": ("maintain", "维持"),
    "grid_strategy.develop": ("develop", "发展"),
    "grid_strategy.open up": ("open up", "开发"),
    "time_value.accounts": ("Share of accounts", "客户数占比"),
    "time_value.time": ("Share of salesperson time", "销售人员时间占比"),
    "time_value.value": ("Share of {value}", "{value}占比"),
    "tier.Top 4%": ("Top 4%", "前4%"),
    "tier.Next 16%": ("Next 16%", "其后16%"),
    "tier.Other 80%": ("Other 80%", "其余80%"),
    "tier.Key accounts": ("Key accounts", "重点(大)客户"),
    # seed 001 strategy grid, seed 000 two-sided grid, seed 004 relationship types and positions
    "strategy.develop": ("Develop", "发展"),
    "strategy.defend": ("Defend", "防御"),
    "strategy.selective_defend": ("Selective defend", "选择性防御"),
    "strategy.selective_maintain": ("Selective maintain", "选择性保持"),
    "strategy.maintain_minimally": ("Maintain minimally", "少量保持"),
    "strategy.exit": ("Exit", "退出"),
    "quadrant.maximise_value": ("Maximise customer value", "尽量增加客户价值"),
    "quadrant.win_customer": ("Win the customer", "提升我们的吸引力"),
    "quadrant.serve_efficiently": ("Serve efficiently", "高效服务"),
    "quadrant.transactional": ("Transactional", "交易型"),
    "relationship_type.strategic_partner": ("Strategic partner", "战略伙伴关系"),
    "relationship_type.ordinary_friend": ("Ordinary friend", "普通朋友关系"),
    "relationship_type.competitor_type": ("Competitor-type", "竞争对手关系"),
    "relationship_type.transactional": ("Transactional", "交易关系"),
    "position.gold": ("Gold", "金牌顾客"),
    "position.star": ("Star", "明星顾客"),
    "position.problem": ("Problem", "问题顾客"),
    "position.dog": ("Dog", "瘦狗顾客"),
    "tier.Regular customers": ("Regular customers", "普通客户"),
    "tier.Prospects": ("Prospects", "有可能成为客户的企业"),
    "segments.title": ("Segment economics: customers, revenue and EBIT",
                       "细分市场:客户数、收入与利润(EBIT)占比"),
    "segments.customers": ("Share of customers", "客户数占比"),
    "segments.revenue": ("Share of revenue", "收入占比"),
    "segments.ebit": ("Share of EBIT", "利润(EBIT)占比"),
    "sensitivity.minus": ("Weight −{pct}%", "权重−{pct}%"),
    "sensitivity.plus": ("Weight +{pct}%", "权重+{pct}%"),
    "criterion.differentiation": ("Differentiation", "差异性"),
    "criterion.value_for_price": ("Values quality over price", "价值与价格"),
    "criterion.preference": ("Preference for us", "对我们的偏好"),
    "criterion.access": ("Access to key people", "接近关键人物"),
    "criterion.buying_rules": ("Purchasing rules", "购买规则"),
    "criterion.volume_potential": ("Volume potential", "销售量潜力"),
    "criterion.margin_potential": ("Margin potential", "利润率潜力"),
    "criterion.relationship": ("Relationship", "关系状况"),
    "criterion.growth_potential": ("Growth potential", "增长潜力"),
    "criterion.bargaining_position": ("Bargaining position", "结构地位(侃价实力)"),
    "scores.title": ("Top {n} accounts by weighted score", "加权得分前{n}名客户"),
    "scores.x": ("Weighted score (0–100)", "加权得分(0–100)"),
    "scores.highlight": ("New in the top {n}", "新进入前{n}名"),
    "scores.other": ("Top {n}", "前{n}名"),
    # segmentation
    "abc.A": ("A", "A类"),
    "abc.B": ("B", "B类"),
    "abc.C": ("C", "C类"),
    "time_value.title": ("Where salesperson time goes vs where value is",
                         "销售人员时间投入与价值分布"),
    "share_pct": ("Share (%)", "占比(%)"),
    "grid.title": ("Strategy grid", "策略矩阵"),
    "attractiveness": ("Customer attractiveness", "客户吸引力"),
    "criterion": ("Criterion", "指标"),
    # module 3 dashboards
    "account": ("Account", "客户"),
    "move.price": ("Net price", "净销售价格"),
    "move.volume": ("Volume", "数量"),
    "move.unit_cost": ("Unit cost", "单位成本"),
    "move.serve_cost": ("Cost to serve", "服务成本"),
    "screen.min_win": ("Min. win probability", "最低赢单概率"),
    "screen.min_priority": ("Min. customer priority", "最低客户优先程度"),
    "screen.min_info": ("Min. information", "最低信息完整度"),
    "screen.potential": ("Revenue / profit potential", "营业收入/利润潜力"),
    "screen.summary": ("{kept} open opportunities kept, {dropped} dropped by the knock-out rules.",
                       "保留{kept}个在手机会,{dropped}个被淘汰规则剔除。"),
    "screen.reason": ("Reason dropped", "剔除原因"),
    "screen.count": ("Opportunities", "机会数"),
    "target_cny": ("Sales target (CNY)", "销售目标(元)"),
    "target.positive": ("The target must be above zero.", "销售目标必须大于零。"),
    "coverage.sentence": ("The weighted pipeline covers {weighted} of the target ({unweighted} unweighted).",
                          "加权在手机会覆盖目标的{weighted}(未加权{unweighted})。"),
    # table columns
    "time_share": ('Share of time', '时间占比'),
    "value_share": ('Share of value', '价值占比'),
    "value_per_time_index": ('Value per time index', '单位时间价值指数'),
    "rank": ('Rank', '排名'),
    "share": ('Share', '占比'),
    "cum_share": ('Cumulative share', '累计占比'),
    "abc": ('ABC class', 'ABC类别'),
    "position": ('Position', '定位'),
    "quadrant": ('Quadrant', '象限'),
    "relationship_type": ('Relationship type', '关系类型'),
    "strategy": ('Strategy', '策略'),
    "grid_cell": ('Grid cell', '矩阵单元'),
    "score_rank": ('Score rank', '得分排名'),
    "weight": ('Weight', '权重'),
    # dashboards
    "dashboard.value": ("Value", "价值指标"),
    "dashboard.run_hint": ("A live dashboard while its cell has run in this session: if the "
                           "controls do not answer, run the cell (Shift+Enter).",
                           "本单元格在当前会话中运行后，仪表板才会响应：如果控件没有反应，请运行本单元格（Shift+Enter）。"),
    "dashboard.saved": ("A saved copy of this dashboard: run the cell to use it.",
                        "这是仪表板的保存副本：运行本单元格即可使用。"),
    "abc.by_value": ("Cut-offs by value share", "按价值累计占比"),
    "abc.by_count": ("Cut-offs by account count", "按客户数量占比"),
    "abc.cut_a": ("A ends at", "A类截止"),
    "abc.cut_b": ("B ends at", "B类截止"),
    "export_excel": ("Export to Excel", "导出Excel"),
    "saved": ("Saved", "已保存"),
    "top_n": ("Top N", "前N名"),
    "reset": ("Reset weights", "恢复默认权重"),
    "weights.all_zero": ("All weights are zero: raise at least one.", "所有权重均为零:请至少调高一项。"),
    "top.entered": ("Entered the top list", "新进入前列"),
    "top.left": ("Left the top list", "退出前列"),
    "top_x": ("Top x% of accounts", "前x%客户"),
    "top_x_label": ("Top {pct}", "前{pct}"),
    "rest": ("Rest", "其余"),
    "top_x_sentence": ("The top {pct} of accounts ({k}) hold {share} of {value}.",
                       "前{pct}的客户({k}家)贡献了{value}的{share}。"),
    # module 3: opportunities (kamlab.plotting)
    "lever.price": ("Price", "价格"),
    "lever.volume": ("Volume", "数量"),
    "lever.unit cost": ("Unit cost", "单位成本"),
    "lever.cost to serve": ("Cost to serve", "服务成本"),
    "levers.title": ("Profit impact of a {pct} move per lever", "各杠杆变动{pct}对利润的影响"),
    "levers.x": ("Profit change ({unit} per year)", "利润变化({unit}/年)"),
    "levers.y": ("Lever (direction of the move)", "杠杆(变动方向)"),
    "levers.base": ("Base profit: {base}", "基准利润:{base}"),
    "bridge.title": ("Profit bridge: base profit + each lever's gain",
                     "利润桥:基准利润+各杠杆的增量"),
    "bridge.base": ("Base profit", "基准利润"),
    "bridge.total": ("All levers\nmoved", "所有杠杆\n同时变动"),
    "bridge.y": ("Profit contribution ({unit} per year)", "利润贡献({unit}/年)"),
    "bridge.x": ("Lever moved by {pct}", "杠杆变动{pct}"),
    "bridge.note": ("Total = base + the single-lever gains (interactions ignored)",
                    "合计=基准利润+各单项增量(不计交互作用)"),
    "stage.Identified": ("Identified", "识别"),
    "stage.Contacted": ("Contacted", "接触"),
    "stage.Qualified": ("Qualified", "确认"),
    "stage.Developed": ("Developed", "发展"),
    "stage.Committed": ("Committed", "合作"),
    "stage.Won": ("Won", "赢单"),
    "stage.Lost": ("Lost", "丢单"),
    "funnel.title": ("Sales funnel: open pipeline value by stage", "销售漏斗:各阶段在手机会金额"),
    "funnel.x": ("Pipeline value ({unit})", "机会金额({unit})"),
    "funnel.y": ("Funnel stage", "漏斗阶段"),
    "funnel.value": ("Value", "金额"),
    "funnel.weighted": ("Weighted by stage probability", "按阶段概率加权"),
    "funnel.deals": ("{n} deals", "{n}个机会"),
    "funnel.deal": ("1 deal", "1个机会"),
    "funnel.bar": ("{value}, weighted {weighted}", "{value},加权{weighted}"),
    "funnel.total": ("Total: {value}, weighted {weighted}", "合计:{value},加权{weighted}"),
    "conversion.title": ("Stage-to-stage conversion: where the funnel leaks",
                         "阶段转化率:漏斗在哪里流失"),
    "conversion.x": ("Funnel step", "漏斗环节"),
    "conversion.y": ("Conversion rate (%)", "转化率(%)"),
    "conversion.rate": ("Step conversion", "环节转化率"),
    "conversion.cumulative": ("Cumulative from Identified", "自识别起累计转化率"),
    "conversion.leakiest": ("Leakiest step: {rate}", "流失最多:{rate}"),
    "value_creation.title": ("Value creation = market share × win rate × value per order",
                             "价值创造=市场份额×建议书成功率×每项订单价值"),
    "value_creation.x": ("Value-creation index (best unit = 100)",
                         "价值创造指数(最佳部门=100)"),
    "value_creation.y": ("Business unit", "事业部"),
    "value_creation.na": ("no data (no closed deals or factor missing)",
                          "无数据(无已结束机会或缺少因素)"),
    "value_creation.weakest": ("weakest: {factor}", "短板:{factor}"),
    "factor.market_share": ("market share", "市场份额"),
    "factor.win_rate": ("win rate", "建议书成功率"),
    "factor.value_per_order": ("value per order", "每项订单价值"),
    # module 4: proposal economics (kamlab.plotting)
    # module 4 dashboards
    "money.cny": ("CNY {value}", "{value}元"),
    "negotiation.round_cut": ("Round {n}: price cut", "第{n}轮降价"),
    "negotiation.rebate": ("Rebate (share of revenue)", "返利(占销售额)"),
    "negotiation.aftermarket": ("Aftermarket NPV, CNY", "零配件市场净现值(元)"),
    "negotiation.index": ("Index: first quote = 100", "指数化:首轮报价=100"),
    "negotiation.above": (
        "Agreed price {price} CNY/{unit} ({change} vs first quote): {headroom} CNY/{unit} "
        "({pct}) above the walk-away price of {walk}.",
        "成交价格{price}元/{unit}(较首轮报价{change}):高于底线价格{walk}元 {headroom}元/{unit}"
        "({pct})。"),
    "negotiation.below": (
        "Agreed price {price} CNY/{unit} ({change} vs first quote): {headroom} CNY/{unit} "
        "({pct}) BELOW the walk-away price of {walk} — this contract destroys value.",
        "成交价格{price}元/{unit}(较首轮报价{change}):低于底线价格{walk}元 {headroom}元/{unit}"
        "({pct})——此合约损害价值。"),
    "negotiation.total": ("Contract NPV: {first} at the first quote, {total} in total.",
                          "合约净现值:首轮报价时{first},合计{total}。"),
    "costcurve.demand": ("Demand ({unit})", "需求({unit})"),
    "costcurve.add_planned": ("Add the planned plants ({n})", "加入计划新建装置({n}个)"),
    "costcurve.close": ("Close plants", "关闭装置"),
    "costcurve.new_capacity": ("New capacity ({unit})", "新增产能({unit})"),
    "costcurve.new_cost": ("its cash cost ({unit})", "其现金成本({unit})"),
    "costcurve.all_closed": ("Every plant is closed: keep at least one open, or add the planned "
                             "plants, to see a price.",
                             "所有装置都已关闭:请至少保留一个,或加入计划新建装置,才能看到价格。"),
    "costcurve.new_plant": ("New plant", "新装置"),
    "costcurve.sentence": (
        "Clearing price {price} {unit} ({change} vs today), set by {plant}; capacity used "
        "{utilisation}.",
        "出清价格{price}{unit}(较当前{change}),由{plant}决定;产能利用率{utilisation}。"),
    "unit.cny_per_unit": ("CNY/unit", "元/单位"),
    "unit.cny_per_t": ("CNY/t", "元/吨"),
    "unit.kt": ("kt", "千吨"),
    "unit.t": ("t", "吨"),
    "unit.index_100": ("index, first quote = 100", "指数,首轮报价=100"),
    "waterfall.title": ("Value erodes round by round: indexed contract NPV",
                        "价值逐轮减少:指数化合约净现值"),
    "waterfall.title_cny": ("Value erodes round by round: contract NPV",
                            "价值逐轮减少:合约净现值"),
    "waterfall.y": ("Contract NPV ({unit})", "合约净现值({unit})"),
    "waterfall.pocket.title": ("Pocket-price waterfall: from list price to what the deal earns",
                               "口袋价格瀑布图:从标价到实际到手价格"),
    "waterfall.price_y": ("Price ({unit})", "价格({unit})"),
    "waterfall.evc.title": ("Economic value to the customer (EVC), step by step",
                            "对客户的经济价值(EVC)构成"),
    "waterfall.value_y": ("Value to the customer ({unit})", "对客户的价值({unit})"),
    "cashflow.title": ("Contract value over {years} years: present value by year",
                       "{years}年合约的经济价值:各年现值"),
    "cashflow.x": ("Contract year (0 = up-front investment)", "合约年份(0=前期投资)"),
    "cashflow.y": ("Present value ({unit})", "现值({unit})"),
    "cashflow.pv": ("Present value of the year's cash flow", "当年现金流的现值"),
    "cashflow.investment": ("Up-front investment", "前期投资"),
    "cashflow.cumulative": ("Cumulative present value", "累计现值"),
    "cashflow.breakeven": ("Break-even in year {year}", "第{year}年收回投资"),
    "cashflow.npv": ("NPV at {rate}: {npv}", "净现值(折现率{rate}):{npv}"),
    "cashflow.irr": ("IRR: {irr}", "内部收益率:{irr}"),
    "cashflow.irr_na": ("IRR: not defined", "内部收益率:无定义"),
    "cashflow.walk_away": ("Walk-away price: {price} {unit} = {diff} vs first-year price",
                           "底线价格(净现值=0):{price}{unit},较首年价格{diff}"),
    "cashflow.no_payback": ("Does not pay back within {years} years", "{years}年内无法收回投资"),
    "input.volume": ("Volume (every year)", "数量(各年)"),
    "input.start_price": ("First-year price", "首年价格"),
    "input.unit_cost": ("Unit cost", "单位成本"),
    "input.price_down": ("Yearly price-down", "年降价幅度"),
    "input.cost_down": ("Yearly cost-down", "年成本降幅"),
    "input.investment": ("Up-front investment", "前期投资"),
    "input.rate": ("Discount rate", "折现率"),
    "tornado.title": ("What moves the contract NPV most: each input ±{pct}%",
                      "合约净现值敏感性:各输入值±{pct}%"),
    "tornado.title_any": ("What moves the contract NPV most", "合约净现值敏感性"),
    "tornado.x": ("Contract NPV ({unit})", "合约净现值({unit})"),
    "tornado.y": ("Input (low → high value)", "输入变量(低值→高值)"),
    "tornado.low": ("Input −{pct}%", "输入值−{pct}%"),
    "tornado.high": ("Input +{pct}%", "输入值+{pct}%"),
    "tornado.low_any": ("Low value", "低值"),
    "tornado.high_any": ("High value", "高值"),
    "tornado.base": ("Base NPV: {npv}", "基准净现值:{npv}"),
    "tornado.zero": ("NPV = 0 (walk away)", "净现值=0(底线)"),
    "npv_dist.title": ("Contract NPV in {n} simulated draws: P(NPV < 0) = {prob}",
                       "合约净现值模拟{n}次:亏损概率P(NPV<0)={prob}"),
    "npv_dist.x": ("Contract NPV ({unit})", "合约净现值({unit})"),
    "npv_dist.y": ("Number of draws", "模拟次数"),
    "npv_dist.loss": ("NPV < 0: {prob} of draws", "净现值<0:占{prob}"),
    "npv_dist.gain": ("NPV ≥ 0", "净现值≥0"),
    "npv_dist.p5": ("P5 (1 in 20 worse): {value}", "P5(5%的情形更差):{value}"),
    "npv_dist.p50": ("P50 (median): {value}", "P50(中位数):{value}"),
    "npv_dist.p95": ("P95 (1 in 20 better): {value}", "P95(5%的情形更好):{value}"),
    "cost_curve.title": ("Industry cost curve: the marginal plant sets the price",
                         "行业成本曲线:边际工厂决定市场价格"),
    "cost_curve.x": ("Cumulative capacity ({unit})", "累计产能({unit})"),
    "cost_curve.y": ("Cash cost ({unit})", "现金成本({unit})"),
    "cost_curve.demand": ("Demand {value} {unit}", "需求{value}{unit}"),
    "cost_curve.price": ("Clearing price {value} {unit}, set by {plant}",
                         "市场价格{value}{unit},由{plant}决定"),
    "cost_curve.price_only": ("Price {value} {unit}", "价格{value}{unit}"),
    "cost_curve.us": ("{name} (us)", "{name}(我方)"),
    "cost_curve.marginal": ("Marginal plant (sets the price)", "边际工厂(决定价格)"),
    "plant_status.runs": ("Runs", "运行"),
    "plant_status.marginal": ("Marginal (sets the price)", "边际(定价)"),
    "plant_status.idle": ("Idle", "闲置"),
    "bids.title": ("Where competitors are likely to bid: cash-cost floor to full-cost ceiling",
                   "竞争者可能的报价区间:现金成本底线至完全成本上限"),
    "bids.x": ("Price ({unit})", "价格({unit})"),
    "bids.y": ("Competitor", "竞争者"),
    "bids.price": ("Market price {value} {unit}", "市场价格{value}{unit}"),
    "tco.title": ("Total cost of ownership by offer (present values)", "各方案的总拥有成本(现值)"),
    "tco.x": ("Offer (product life)", "方案(产品寿命)"),
    "tco.y": ("Cost to the customer ({unit})", "客户总成本({unit})"),
    "tco.price": ("Price", "价格"),
    "tco.acquisition": ("Acquisition costs", "购置成本"),
    "tco.operating_pv": ("Operating costs (PV)", "运营成本(现值)"),
    "tco.end_of_life_pv": ("End of life (PV)", "寿命终结成本(现值)"),
    "tco.life": ("{n}-year life", "寿命{n}年"),
    "tco.per_year": ("{value} a year", "每年{value}"),
    "tco.lowest_price": ("Lowest price", "单价最低"),
    "tco.lowest_tco": ("Lowest TCO", "总拥有成本最低"),
    "tco.lowest_per_year": ("Lowest TCO a year", "年均总拥有成本最低"),
    "value_split.title": ("How our price shares the value pool (EVC)",
                          "价格如何分享价值池(对客户的经济价值)"),
    "value_split.y": ("Value per unit ({unit})", "单位价值({unit})"),
    "value_split.offer": ("Our offer", "我方产品"),
    "value_split.reference": ("Reference\nproduct price\n{value}", "参照产品价格\n{value}"),
    "value_split.premium": ("Our premium: {value}", "我方溢价:{value}"),
    "value_split.given_away": ("Value given away (price below reference): {value}",
                               "让出的价值(价格低于参照产品):{value}"),
    "value_split.incentive": ("Customer's incentive to switch: {value}", "客户转换的动力:{value}"),
    "value_split.no_incentive": ("No incentive to switch (price above EVC): {value}",
                                 "客户没有转换动力(价格高于EVC):{value}"),
    "value_split.with_share": ("{text} ({share} of the pool)", "{text}(占价值池{share})"),
    "value_split.price": ("Our price: {value}", "我方价格:{value}"),
    "value_split.evc": ("EVC: {value}", "对客户的经济价值(EVC):{value}"),
    "value_split.pool": ("Value pool\n{value}", "价值池\n{value}"),
    # proposal phases (seed 000, 建议书的10天周期), by phase key
    "phase.launch": ("Prepare and launch", "准备和启动"),
    "phase.requirements": ("Requirements, market price and cost", "确定要求、市场价格和成本"),
    "phase.analysis": ("Financial analysis and supply", "财务分析并了解供应情况"),
    "phase.finalise": ("Finalise the proposal", "完成建议书"),
    "phase.submit": ("Strategic review and submission", "战略性研讨/提交建议书"),
    "phase.follow-up": ("Follow-up", "跟进"),
    # proposal roles (seed 000, 建议书准备流程中的典型角色), by role name
    "role.account manager": ("account manager", "客户经理"),
    "role.business manager": ("business manager", "业务经理"),
    "role.engineering": ("engineering", "工程人员"),
    "role.logistics": ("logistics", "物流人员"),
    "role.packaging": ("packaging", "包装"),
    "role.finance": ("finance", "财务"),
    "role.manufacturing": ("manufacturing", "制造人员"),
    "role.proposal coordinator": ("proposal coordinator", "建议书协调员"),
    "role.business analyst": ("business analyst", "商业分析员"),
    "role.purchasing": ("purchasing", "采购人员"),
    "role.product marketing": ("product marketing", "产品营销"),
    "involvement.lead": ("lead", "负责"),
    "involvement.involved": ("involved", "参与"),
    # the ten elements of a distinctive offer (seed 000), by element id
    "element.targeted": ("Aimed at a specific customer or target group", "以特定客户或目标客户群为主"),
    "element.needs": ("Meets the customer's specific needs and adapts as needs and the "
                      "relationship develop", "满足特定的客户需求;根据需求和客户关系的发展做出调整"),
    "element.innovation": ("Includes innovations that improve the customer's performance",
                           "包括能够改善客户业绩的创新"),
    "element.quantified_value": ("States the specific customer value in quantified form",
                                 "以可量化的形式列出企业能够带来的具体客户价值"),
    "element.value_pricing": ("Pricing tied to value creation", "定价策略与价值创造相联系"),
    "element.customer_challenges": ("Helps the key account meet its own performance challenges",
                                    "帮助关键客户应付客户自身的业绩挑战"),
    "element.distinctive": ("Distinctive", "与众不同"),
    "element.concise": ("Concise", "简明扼要"),
    "element.service_commitment": ("Stresses the commitment to better service",
                                   "强调提供更好服务的决心"),
    "element.support": ("Full customer support", "拥有全面的客户支持"),
    # the steps the kit names itself in a waterfall (pocket price, EVC), by English label
    "step.List price": ("List price", "标价"),
    "step.Invoice price": ("Invoice price", "发票价格"),
    "step.Pocket price": ("Pocket price", "口袋价格"),
    "step.Reference product price": ("Reference product price", "参照产品价格"),
    "step.Life-cycle savings": ("Life-cycle savings", "寿命周期节约"),
    "step.Extra benefits": ("Extra benefits", "额外收益"),
    "step.Negative differentiation": ("Negative differentiation", "负面差异"),
    "step.EVC": ("EVC", "对客户的经济价值"),
    "per_customer": ("{value} per customer", "户均{value}"),
    "gantt.title": ("The {days}-day proposal cycle", "建议书的{days}天周期"),
    "gantt.x": ("Day of the cycle", "周期第几天"),
    "gantt.x_dates": ("Day of the cycle (date)", "周期第几天(日期)"),
    "gantt.y": ("Phase", "阶段"),
    "gantt.role": ("Role", "角色"),
    "gantt.lead": ("Lead: {lead}", "负责:{lead}"),
    "gantt.days": ("{n} d", "{n}天"),
    "score.title": ("Draft proposal: {total} of {maximum} points ({share}) on the ten elements",
                    "建议书对照十大要素:{maximum}分中得{total}分({share})"),
    "score.x": ("Rating (points, top of scale = {high})", "评分(分,满分{high})"),
    "score.y": ("Element of a distinctive offer", "有独到之处的产品或服务的要素"),
    "score.rating": ("Rating", "评分"),
    "score.max": ("Top of the scale", "满分"),
    "score.weakest": ("Weakest", "最薄弱"),
    "score.not_rated": ("not rated", "未评分"),
    # reports in batch: the cards' index page and batch messages
    "index.title": ("Key-account cards", "核心客户管理卡"),
    "index.report": ("Card (account ID)", "管理卡(客户编号)"),
    "index.status": ("Status", "状态"),
    "index.ok": ("made", "已生成"),
    "index.failed": ("failed: {error}", "失败:{error}"),
    "index.summary": ("{n} of {total} reports made; last batch {made}.",
                      "共{total}份报告,已生成{n}份;最近一批:{made}。"),
    "index.sort_hint": ("Click a column heading to sort by it; click again to reverse.",
                        "点击列标题按该列排序,再次点击反向排序。"),
    "batch.done": ("{ok} of {total} reports made in {seconds} s, in {out}.",
                   "{seconds}秒内生成{total}份中的{ok}份报告,位于{out}。"),
    "batch.index": ("Index: {path}", "索引:{path}"),
    "batch.failed": ("{n} failed (the others were made):", "{n}份失败(其余已生成):"),
    "portfolio.title": ("Portfolio review", "客户组合评估"),
    "portfolio.bundled": ("the bundled customer book", "课程自带的客户数据"),
    "portfolio.source": ("Book: {source}, {n} accounts.", "数据:{source},共{n}个客户。"),
    "portfolio.concentration": ("Concentration", "集中度"),
    "portfolio.concentration_text": ("The largest 20% of accounts bring {top} of revenue; "
                                     "Gini {gini}.", "前20%的客户贡献{top}的销售额;基尼系数{gini}。"),
    "portfolio.abc": ("ABC tiers", "ABC分类"),
    "portfolio.grids": ("Portfolio grids", "客户组合矩阵"),
    "portfolio.no_grids": ("No grid: the book has no scores or share of wallet.",
                           "无矩阵:数据中没有评分或份额(占用率)。"),
    "portfolio.top": ("Top {n} accounts", "前{n}大客户"),
    # (end of reports in batch)
}


def _more_labels() -> None:
    from kamlab.labels import merged

    more = merged()
    clash = sorted(set(more) & set(LABELS))
    if clash:
        raise ValueError(f"kamlab.labels redefines {clash[:5]} of kamlab.i18n.LABELS")
    LABELS.update(more)


_more_labels()


_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_NEXT_TO_CJK = re.compile(rf"(?<={_CJK})\s*([,:;?!])\s*|\s*([,:;?!])\s*(?={_CJK})")
_PARENS = re.compile(r"\(([^()]*)\)")
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def full_width(text: str) -> str:
    """Chinese punctuation in Chinese text: ``,:;?!`` next to a Chinese character and
    brackets around or after Chinese become full-width (，：；？！（）); numbers, times and
    English text keep theirs.

    >>> full_width("{tier}类:{accounts}的客户,{share}"), full_width("级别(客户数)"), full_width("09:00, 1.5")
    ('{tier}类：{accounts}的客户，{share}', '级别（客户数）', '09:00, 1.5')
    """
    text = _NEXT_TO_CJK.sub(lambda m: _FULL[m.group(1) or m.group(2)], text)

    def bracket(m):
        before = text[m.start() - 1] if m.start() else ""
        inner = m.group(1)
        if re.search(_CJK, inner) or (before and re.match(_CJK, before)):
            return f"（{inner}）"
        return m.group(0)

    return _PARENS.sub(bracket, text)


def t(key: str, lang: str | None = None, **values) -> str:
    """The text for ``key`` in ``lang``: a :data:`LABELS` key or a canonical column name.

    Unknown keys come back as the key itself.
    """
    pair = LABELS.get(key)
    if pair is not None:
        zh = resolve(lang) == "zh"
        text = full_width(pair[1]) if zh else pair[0]
    elif key in COLUMNS:
        text = column_label(key, lang)
    else:
        text = key
    return text.format(**values) if values else text


def column_label(column: str, lang: str | None = None) -> str:
    """A column's display label: the canonical column's (``COLUMNS``), else a ``LABELS`` entry.

    >>> column_label("entered", "zh"), column_label("value", "zh")
    ('进入阶段日期', '预计年销售额')
    >>> column_label("rank", "zh"), column_label("my_own_column", "zh")
    ('排名', 'my_own_column')
    """
    col = COLUMNS.get(column)
    if col is not None:
        return full_width(col.zh) if resolve(lang) == "zh" else col.label
    if column in LABELS:
        return t(column, lang)
    return column


def in_sentence(label: str, lang: str | None = None) -> str:
    """A label for use mid-sentence: 'Revenue' -> 'revenue' in English ('HHI' and 中文 stay).

    >>> in_sentence("Profit contribution", "en"), in_sentence("HHI", "en"), in_sentence("销售额", "zh")
    ('profit contribution', 'HHI', '销售额')
    """
    if resolve(lang) == "en" and len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def value_label(kind: str, code, lang: str | None = None) -> str:
    """The label of a code an analysis result carries: ``value_label("stage", "Won", "zh")``.

    ``kind`` names the code's family (``stage``, ``lever``, ``plant_status``, ``input``,
    ``abc``, ``tier``, ``criterion``, …); an unknown code comes back as its own text.

    >>> value_label("stage", "Committed", "zh"), value_label("lever", "price", "en")
    ('合作', 'Price')
    >>> value_label("stage", "Someday", "zh")
    'Someday'
    """
    key = f"{kind}.{code}"
    return t(key, lang) if key in LABELS else str(code)


# Families of codes that analysis results and datasets carry as values (not chart text).
VALUE_KINDS = ("abc", "tier", "quadrant", "relationship_type", "stage", "lever", "levers",
               "plant_status", "strategy", "grid_strategy", "position", "level", "input",
               "criterion", "element", "role", "step", "phase", "move", "factor", "involvement",
               "bcrole", "bcstep", "bcdept", "bcfunction", "bcstrength", "bcstatus",
               "oilpriority", "dealerseg", "dealerchannel", "bankgrade", "bankaction")


# Columns whose values are codes of a family with another name.
COLUMN_KINDS = {"grade": "bankgrade", "tier": "tier", "best_lever": "lever", "from_stage": "stage",
                "to_stage": "stage", "relationship": "relationship_type"}


def _value_index() -> dict[str, set]:
    """code -> the set of its Chinese labels over :data:`VALUE_KINDS` (built once)."""
    global _VALUES
    if _VALUES is None:
        _VALUES = {}
        for key, (_, zh) in LABELS.items():
            kind, _, code = key.partition(".")
            if kind in VALUE_KINDS and code:
                _VALUES.setdefault(code, set()).add(zh)
    return _VALUES


_VALUES = None


def value_text(value, column=None, lang: str | None = None):
    """A value shown in a table, in ``lang``: Chinese for known codes, else as it came.

    The column's own family first (``column="stage"``: "Won" → 赢单), then a code that means
    one thing in every family (A → A类), then a notebook's own label (:mod:`kamlab.phrases`).
    Numbers and unknown text are returned unchanged; English returns everything unchanged.

    >>> value_text("Won", "stage", "zh"), value_text("Top 4%", "abc", "zh"), value_text(3, lang="zh")
    ('赢单', '前4%', 3)
    """
    if not isinstance(value, str) or resolve(lang) != "zh" or value.strip().isdigit():
        return value
    kind = COLUMN_KINDS.get(column, column)
    if kind is not None and f"{kind}.{value}" in LABELS:
        return full_width(LABELS[f"{kind}.{value}"][1])
    labels = _value_index().get(value)
    if labels is not None and len(labels) == 1:
        return full_width(next(iter(labels)))
    from kamlab.phrases import table

    return table().get(value, value)


def phrase(template: str, lang: str | None = None, **values) -> str:
    """A notebook sentence in ``lang``: the English ``template`` or its Chinese entry in
    :mod:`kamlab.phrases`, formatted with ``values`` (an untranslated one stays English).

    >>> phrase("{n:,} accounts", "en", n=3000)
    '3,000 accounts'
    """
    if resolve(lang) == "zh":
        from kamlab.phrases import table

        template = table().get(template, template)
    return template.format(**values) if values else template


def say(template: str, **values) -> None:
    """Print :func:`phrase` in the session language (what the course notebooks print)."""
    print(phrase(template, **values))
