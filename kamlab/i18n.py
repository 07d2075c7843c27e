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
- chart and dashboard text (titles, axes, sentences) are the other keys of :data:`LABELS`.

No key of :data:`LABELS` is a canonical column name, so the two tables cannot disagree.

>>> t("revenue", "zh")
'销售额'
>>> t("revenue", "en")
'Revenue'
>>> t("pareto.title", "zh", value=t("revenue", "zh"))
'销售额集中度(帕累托曲线)'
"""

from __future__ import annotations

import os

from kamlab.columns import COLUMNS
from kamlab.exceptions import ParameterError

__all__ = ["LANGUAGES", "LABELS", "get_language", "set_language", "t", "resolve", "column_label",
           "value_label", "in_sentence"]

LANGUAGES = ("en", "zh")

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
    "sensitivity.title_any": ("Top-{n} changes when one weight moves", "单项权重变动时前{n}名的变化"),
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
    "sensitivity.title": ("Top-{n} changes when one weight moves ±{pct}%",
                          "单项权重变动±{pct}%时前{n}名的变化"),
    "sensitivity.x": ("Accounts entering / leaving the top {n}", "进入/退出前{n}名的客户数"),
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
    "bids.capped": ("capped", "封顶"),
    "bids.note": ("Floor: cash cost of its cheapest plant. Ceiling: average full cost + margin, "
                  "capped at the market price.",
                  "底线:其成本最低工厂的现金成本。上限:平均完全成本+利润率,以市场价格封顶。"),
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
    # module 5: the bank case (kamlab.plotting.bank, kamlab.widgets.bank)
    "whale.title": ("Whale curve: cumulative profit, most profitable first",
                    "鲸鱼曲线:按利润从高到低累计"),
    "whale.x": ("Share of customers, most profitable first (%)", "客户数累计占比,按利润从高到低(%)"),
    "whale.y": ("Cumulative profit (% of net profit)", "累计利润(占净利润的%)"),
    "whale.today": ("{n} customers: peak {peak}", "{n}个客户:峰值{peak}"),
    "whale.before": ("Before: {n} customers, peak {peak}", "实施前:{n}个客户,峰值{peak}"),
    "whale.after": ("After: {n} customers, peak {peak}", "实施后:{n}个客户,峰值{peak}"),
    "whale.peak": ("Peak {peak} at the top {share}", "峰值{peak}(前{share}的客户)"),
    "whale.before_peak": ("Before: peak {peak} at the top {share}", "实施前:峰值{peak}(前{share}的客户)"),
    "whale.after_peak": ("After: peak {peak}", "实施后:峰值{peak}"),
    "whale.destroyers_short": ("Value destroyers: {share} of customers", "损害价值的客户:占{share}"),
    "whale.net": ("Net profit = 100% ({total} a year)", "净利润=100%(每年{total})"),
    "whale.destroyers": ("Value destroyers (profit < 0): {share} of customers, {loss}",
                         "损害价值的客户(利润<0):占{share},合计{loss}"),
    "bankpath.title": ("Monthly profit, month 0 to month {months}", "月利润:第0月至第{months}月"),
    "bankpath.x": ("Month (0 = today)", "月份(0=当前)"),
    "bankpath.y": ("Profit ({unit} per month)", "月利润({unit})"),
    "bankpath.scenario": ("With the decisions", "实施决策后"),
    "bankpath.baseline": ("Nothing changes", "维持现状"),
    "bankpath.target": ("Target: month 0 {pct}", "目标:第0月{pct}"),
    "bankpath.target_seed": ("Month 0 {pct}: the bank's result (seed 000)",
                             "第0月{pct}:该银行6个月内的成果"),
    "bankgrade.A": ("A", "A级"),
    "bankgrade.B": ("B", "B级"),
    "bankgrade.C+": ("C+", "C+级"),
    "bankgrade.C": ("C", "C级"),
    "bankgrade.title": ("Customers and profit by grade (A > B > C+ > C)",
                        "各级客户的数量与利润(A>B>C+>C)"),
    "bankgrade.x": ("Grade (customers)", "级别(客户数)"),
    "bankgrade.y": ("Share of the bank's total (%)", "占全行合计的比例(%)"),
    "bankgrade.customers": ("Share of customers", "客户数占比"),
    "bankgrade.value_share": ("Share of {value}", "{value}占比"),
    "bankgrade.count": ("{n} customers", "{n}个客户"),
    "bankaction.keep": ("Kept as today", "维持现有服务"),
    "bankaction.c_plus": ("C+ path (chance to improve)", "C+(给予提高的机会)"),
    "bankaction.migrate": ("Moved to the automated channel", "转移到低成本自动渠道"),
    "bankaction.leave": ("Leaves the bank", "离开银行"),
    "bankbridge.start": ("Profit, month 0", "第0月利润"),
    "bankbridge.revenue_lost": ("Revenue lost", "流失的收入"),
    "bankbridge.fees": ("Threshold fees", "门槛月费"),
    "bankbridge.upgrades": ("C+ upgrades", "C+客户提升"),
    "bankbridge.rm_to_a": ("RM time moved to A", "客户经理时间转向A级"),
    "bankbridge.variable_cost_saved": ("Variable cost saved", "节约的变动成本"),
    "bankbridge.offer_cost": ("C+ offer cost", "C+优惠成本"),
    "bankbridge.fixed_cost_saved": ("Capacity cut", "削减的产能成本"),
    "bankbridge.end": ("Profit, last month", "末月利润"),
    "bankbridge.title": ("Monthly profit from month 0 to month {months}, step by step",
                         "第0月至第{months}月的月利润变化"),
    "bankbridge.y": ("Profit ({unit} per month)", "月利润({unit})"),
    "bankplan.min_balance": ("Price threshold: balance below (CNY)", "价格门槛:日均余额低于(元)"),
    "bankplan.monthly_fee": ("Monthly fee below it (CNY)", "门槛以下月费(元)"),
    "bankplan.end_payroll": ("End the payroll contracts", "取消员工的工资合同"),
    "bankplan.migrate_c": ("C customers moved to the automated channel", "C级客户转移到自动渠道的比例"),
    "bankplan.c_plus_upgrade": ("C+ customers who improve", "C+客户成功提升的比例"),
    "bankplan.lost": ("Customers lost", "流失的客户"),
    "bankplan.lost_detail": ("{n} ({threshold} below the threshold, {payroll} with their payroll)",
                             "{n}(门槛以下{threshold},随工资合同离开{payroll})"),
    "bankplan.migrated": ("Moved to the automated channel", "转移到自动渠道的客户"),
    "bankplan.revenue_lost": ("Revenue lost", "流失的收入"),
    "bankplan.cost_saved": ("Cost saved", "节约的成本"),
    "bankplan.cost_detail": ("{total} ({variable} variable, {fixed} capacity cut)",
                             "{total}(变动成本{variable},产能成本{fixed})"),
    "bankplan.per_year": ("{value} a year", "每年{value}"),
    "bankplan.profit_change": ("Profit change by month {months}", "第{months}月利润变化"),
    "bankplan.sentence": ("Month-{months} profit {change} on month 0: {profit} a month.",
                          "第{months}月利润较第0月{change}:每月{profit}。"),
    "bankplan.reached": ("The bank's +25% is reached.", "达到了该银行+25%的成果。"),
    "bankplan.no_threshold": ("A threshold needs a fee above 0: without one, nobody leaves for it.",
                              "门槛需要大于0的月费:否则没有客户因门槛离开。"),
    # module 6: market structure and contracts (kamlab.plotting.manufacturer)
    "mstructure.title": ("The customers' market, {first}–{last}: top-{k} share and HHI",
                         "客户市场({first}–{last}年):前{k}大份额与HHI"),
    "mstructure.x": ("Year", "年份"),
    "mstructure.y": ("Share of the market (%)", "占市场份额(%)"),
    "mstructure.hhi_axis": ("HHI (0–10,000)", "HHI(0–10,000)"),
    "mstructure.top": ("Top {k}", "前{k}大"),
    "mstructure.hhi": ("HHI (right axis)", "HHI(右轴)"),
    "mstructure.target": ("{share}: the case's figure (seed 000)", "{share}:案例中的数字"),
    "mstructure.reached": ("{year}: the top {k} reach {share}", "{year}年:前{k}大达到{share}"),
    "mstructure.not_reached": ("The top {k} never reach {share}", "前{k}大始终未达到{share}"),
    "mstructure.mergers": ("Mergers ({n})", "并购({n}起)"),
    "mstructure.largest": ("Largest merger: {acquirer} + {target}, HHI +{change}",
                           "最大并购:{acquirer}+{target},HHI +{change}"),
    "renewal.title": ("Revenue up for renewal, {first}–{last}", "待续约收入({first}–{last}年)"),
    "renewal.x": ("Renewal year (the contracts end the year before)",
                  "续约年份(合同于上一年到期)"),
    "renewal.y": ("Revenue up for renewal ({unit} a year)", "待续约收入({unit}/年)"),
    "renewal.share": ("{share} of the book", "占合同收入{share}"),
    "renewal.customer": ("Customer", "客户"),
    "renewal.none": ("none", "无"),
    # (end of module 6 market and contracts)
    # module 6: the buying centre and coverage (kamlab.plotting.buying_centre, widgets)
    "bcrole.initiator": ("Initiator", "倡议者"),
    "bcrole.decider": ("Decider", "决策者"),
    "bcrole.influencer": ("Influencer", "影响者"),
    "bcrole.analyst": ("Analyst", "分析者"),
    "bcrole.user": ("User", "使用者"),
    "bcrole.buyer": ("Buyer", "采购者"),
    "bcrole.gatekeeper": ("Gatekeeper", "控制者"),
    "bcstep.need_recognition": ("Need recognition", "发现需求"),
    "bcstep.deliberation": ("Internal deliberation", "内部酝酿"),
    "bcstep.planning": ("Procurement planning", "采购规划"),
    "bcstep.evaluation": ("Evaluation", "评估比较"),
    "bcstep.commitment": ("Commitment", "购买承诺"),
    "bcstep.contract": ("Contract and implementation", "签约实施"),
    "bcfunction.kam": ("Key-account manager", "关键客户经理"),
    "bcfunction.technical": ("Technical staff", "技术人员"),
    "bcfunction.executive": ("Sales executive", "销售高管"),
    "bcfunction.service": ("Field service", "现场服务"),
    "bcstatus.uncovered": ("Uncovered", "未覆盖"),
    "bcstatus.weak": ("Weak", "弱覆盖"),
    "bcstatus.covered": ("Covered", "已覆盖"),
    "bcstrength.0": ("None", "无"),
    "bcstrength.1": ("Weak", "弱"),
    "bcstrength.2": ("Working", "一般"),
    "bcstrength.3": ("Strong", "强"),
    "bcdept.purchasing": ("Purchasing", "采购部门"),
    "bcdept.production": ("Production", "生产部门"),
    "bcdept.quality": ("Quality", "质量部门"),
    "bcdept.rd": ("R&D", "研发部门"),
    "bcdept.marketing": ("Marketing", "营销部门"),
    "bcdept.top_management": ("Top management", "高层管理"),
    "covmap.title": ("Who covers whom at {account}", "{account}:谁覆盖谁"),
    "covmap.x": ("Our people (function)", "我方人员(职能)"),
    "covmap.y": ("Their buying centre (role, influence 1–5)", "客户购买中心(角色,影响力1–5)"),
    "covmap.outside": ("outside the team", "团队外"),
    "covmap.legend": ("Relationship strength", "关系强度"),
    "covmap.team": ("Account team: {team}", "客户团队:{team}"),
    "covmap.score": ("gap score {score}", "缺口指数{score}"),
    "gapscore.title": ("Coverage gap score before and after technical staff report into KAM",
                       "技术人员向KAM部门汇报前后的覆盖缺口指数"),
    "gapscore.x": ("Account", "客户"),
    "gapscore.y": ("Gap score (% of influence not covered)", "覆盖缺口指数(未覆盖影响力的%)"),
    "gapscore.before": ("Before: {team}", "重组前:{team}"),
    "gapscore.after": ("After: {team}", "重组后:{team}"),
    "gapscore.total": ("Top {n}: {before} → {after}", "前{n}名合计:{before} → {after}"),
    "covdash.account": ("Account", "客户"),
    "covdash.contact": ("Their person", "客户方人员"),
    "covdash.person": ("Our person", "我方人员"),
    "covdash.strength": ("Strength", "关系强度"),
    "covdash.reorg": ("Technical staff report into KAM", "技术人员向KAM部门汇报"),
    "covdash.new_option": ("+ new person…", "+ 新增人员…"),
    "covdash.new_name": ("Name", "姓名"),
    "covdash.new_function": ("Function", "职能"),
    "covdash.reset": ("Undo my changes", "撤销我的修改"),
    "covdash.score": ("Gap score, {account}", "缺口指数:{account}"),
    "covdash.score_all": ("Gap score, all {n} accounts", "缺口指数:全部{n}个客户"),
    "covdash.gaps": ("Largest gaps", "最大的覆盖缺口"),
    "covdash.changes": ("{n} change(s) to the coverage", "已修改覆盖{n}处"),
    "covdash.no_gaps": ("No gaps: every contact is strongly covered.", "没有缺口:每位联系人都已强覆盖。"),
    "covdash.need_name": ("Type the new person's name first.", "请先输入新增人员的姓名。"),
    # (end of module 6 buying centre)
    # module 6: the mini-cases (kamlab.plotting.mini_cases)
    "oilpriority.invest": ("Invest: key account, account plan", "重点投入:关键客户,制定客户计划"),
    "oilpriority.improve": ("Improve the margin: strategic but thin",
                            "提高利润率:战略重要但利润微薄"),
    "oilpriority.maintain": ("Maintain: serve efficiently, protect the margin",
                             "维持:高效服务,保护利润率"),
    "oilpriority.reduce": ("Reduce: low-cost service, reprice", "减少投入:低成本服务,重新定价"),
    "oilprio.title": ("Accounts by profitability and strategic importance",
                      "按利润率和战略重要性排列的客户"),
    "oilprio.x": ("Strategic importance (1–5); bubble area ∝ volume",
                  "战略重要性(1–5);气泡面积与销量成正比"),
    "oilprio.y": ("Unit margin (CNY per unit)", "单位毛利(元/单位)"),
    "oilprio.count": ("{n} accounts, {share} of the volume", "{n}个客户,占销量{share}"),
    "payplan.volume": ("Volume plan", "基于销售量的激励"),
    "payplan.margin": ("Margin plan", "基于利润率的激励"),
    "payplans.title": ("Where the rep's hours go: the {n} largest accounts",
                       "销售代表的时间投向:最大的{n}个客户"),
    "payplans.x": ("Rep's hours a year", "销售代表每年投入的小时数"),
    "payplans.y": ("Account (unit margin)", "客户(单位毛利)"),
    "payplans.legend": ("{plan}: division profit {profit}", "{plan}:事业部新增利润{profit}"),
    "payplans.on_top": ("{share} of the hours on the top {n}", "最大的{n}个客户占用{share}的时间"),
    "payplans.others": ("All {n} other accounts", "其余{n}个客户"),
    "payplans.margin_tick": ("{margin} / unit", "每单位{margin}"),
    "payplans.hours": ("{h} h", "{h}小时"),
    "payprofit.title": ("What each pay plan earns the division (same pay to the rep)",
                        "两种激励方案给事业部带来的收益(销售代表报酬相同)"),
    "payprofit.title_unequal": ("What each pay plan earns the division",
                                "两种激励方案给事业部带来的收益"),
    "payprofit.x": ("Pay plan", "激励方案"),
    "payprofit.y": ("{unit} a year", "每年金额({unit})"),
    "dealerseg.key_chain": ("Emerging large chains", "正在兴起的大型连锁"),
    "dealerseg.multi_unit": ("Emerging multi-unit chains", "正在兴起的多单位连锁"),
    "dealerseg.small_dealer": ("Other small dealers", "其他小型经销商"),
    "dealerseg.title": ("Dealers and business by segment", "各细分市场的客户数与业务占比"),
    "dealerseg.x": ("Segment (dealers)", "细分市场(经销商数)"),
    "dealerseg.y": ("Share of the total (%)", "占总体的比例(%)"),
    "dealerseg.customers": ("Share of dealers", "客户数占比"),
    "dealerseg.business": ("Share of the business", "业务占比"),
    "dealerseg.seed": ("Seed 000's figure", "案例给出的数字"),
    "dealerseg.count": ("{n} dealers", "{n}家"),
    "dealerchannel.today": ("Today: each division's own reps", "现状:各部门各自的销售代表"),
    "dealerchannel.division_reps": ("Each division's own reps", "各部门各自的销售代表"),
    "dealerchannel.kam_team": ("Key-account team, both lines", "关键客户团队(两条产品线)"),
    "dealerchannel.joint_rep": ("One joint field rep", "一名联合现场销售代表"),
    "dealerchannel.telesales": ("Telesales and web", "电话销售与网上订购"),
    "dealerprofit.title": ("Profit gained over today, by segment and channel",
                           "各细分市场、各渠道相对现状的利润增加"),
    "dealerprofit.x": ("Segment", "细分市场"),
    "dealerprofit.y": ("Profit gain over today ({unit} a year)", "相对现状的利润增加(每年,{unit})"),
    "dealerprofit.best": ("best", "最佳"),
    "dealerprofit.clipped": ("{value} (cut)", "{value}(截断)"),
    # (end of module 6 mini-cases)
    # account planning: the key-account card and the account plan (kamlab.plotting.card)
    "cardtx.title": ("Our monthly sales to {name}", "我方对{name}的月度销售额"),
    "cardtx.x": ("Month", "月份"),
    "cardtx.y": ("Revenue a month ({unit})", "月销售额({unit})"),
    "cardtx.y2": ("12-month total ({unit})", "滚动12个月合计({unit})"),
    "cardtx.rolling": ("12-month total (right axis)", "滚动12个月合计(右轴)"),
    "cardtx.up": ("Month up on a year earlier", "同比上升的月份"),
    "cardtx.down": ("Month down on a year earlier", "同比下降的月份"),
    "cardtx.first": ("Month without a year earlier", "无上年同期的月份"),
    "cardtx.change": ("12 months to {month}: {total}, {change} on a year earlier",
                      "截至{month}的12个月:{total},同比{change}"),
    "cardwallet.title": ("Share of wallet at {name}: {share}", "{name}的份额(占用率):{share}"),
    "cardwallet.x": ("Annual spend on our range ({unit})", "在我方产品范围的年采购额({unit})"),
    "cardwallet.ours": ("Our revenue, 12 months: {value}", "我方销售额(12个月):{value}"),
    "cardwallet.others": ("Bought from others: {value}", "向其他供应商采购:{value}"),
    "cardwallet.wallet": ("Annual potential: {value}", "年采购潜力:{value}"),
    "cardcredit.title": ("Credit at {name}: receivables against the limit",
                         "{name}的信用:应收账款与信用限额"),
    "cardcredit.x": ("Month", "月份"),
    "cardcredit.y": ("Amount at month end ({unit})", "月末金额({unit})"),
    "cardcredit.receivables": ("Receivables", "应收账款余额"),
    "cardcredit.limit": ("Credit limit", "信用限额"),
    "cardcredit.overdue": ("Overdue", "逾期金额"),
    "cardcredit.now": ("{use} of the limit used; {days} days overdue now",
                       "已用信用限额的{use};目前逾期{days}天"),
    "cardnb.title": ("Key-account card: {name}", "核心客户管理卡:{name}"),
    "cardnb.subtitle": ("Account {account_id} · tier {tier} · data to {as_of}",
                        "客户编号{account_id} · {tier}类客户 · 数据截至{as_of}"),
    "cardnb.profile": ("1. Profile", "一、客户概况"),
    "cardnb.transactions": ("2. Our transactions and how they changed", "二、交易的变化"),
    "cardnb.wallet": ("3. Share of wallet", "三、采购份额"),
    "cardnb.no_wallet": ("No wallet estimate for this account: share of wallet not shown.",
                         "该客户无采购潜力估计,不显示份额。"),
    "cardnb.credit": ("4. Credit", "四、信用动态"),
    "cardnb.flags": ("5. Termination criteria (seed 004)", "五、客户关系终止标准"),
    "cardnb.plan": ("6. Account plan", "六、客户计划"),
    "cardnb.checklists": ("7. Checklists for the account team", "七、客户小组检查表"),
    "cardnb.practices": ("The ten practices", "大客户管理十策"),
    "cardnb.tracking": ("Performance tracking", "业绩跟踪"),
    "cardnb.database": ("Database and best practice", "客户数据库与最佳典范"),
    "cardnb.done": ("Done?", "是否做到"),
    # (end of account planning)
    # reports in batch: the cards' index page and batch messages
    "index.title": ("Key-account cards", "核心客户管理卡"),
    "index.report": ("Account", "客户"),
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


_language = os.environ.get("KAMLAB_LANG", "en")


def get_language() -> str:
    """The session's default language for labels, ``"en"`` or ``"zh"``."""
    return _language if _language in LANGUAGES else "en"


def set_language(lang: str) -> str:
    """Set the session's default label language (``"en"`` or ``"zh"``); returns it."""
    global _language
    _language = resolve(lang)
    return _language


def resolve(lang: str | None) -> str:
    """``lang`` checked, or the session language when ``None``."""
    if lang is None:
        return get_language()
    lang = str(lang).lower()
    if lang in ("cn", "zh-cn", "zh_cn", "chinese", "中文"):
        lang = "zh"
    if lang in ("english",):
        lang = "en"
    if lang not in LANGUAGES:
        raise ParameterError(
            f"lang must be 'en' or 'zh'; got {lang!r}. Use lang='zh' for Chinese labels.",
            lang=lang,
        )
    return lang


def t(key: str, lang: str | None = None, **values) -> str:
    """The text for ``key`` in ``lang``: a :data:`LABELS` key or a canonical column name.

    Unknown keys come back as the key itself.
    """
    pair = LABELS.get(key)
    if pair is not None:
        text = pair[LANGUAGES.index(resolve(lang))]
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
        return col.zh if resolve(lang) == "zh" else col.label
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
