"""Canonical column names used across kamlab, its datasets and its checks — in one place.

Every function, dataset and data card uses these names. A user's own export is mapped onto
them with ``read_accounts(path, columns={"客户编号": "account_id", ...})``.

Kinds
-----
``id``     text identifier, unique per row
``text``   free text / category
``money``  amount in the dataset's currency (CNY for bundled data) per year; may be negative.
           Prices and unit costs are per unit instead, as their unit says (``CNY / t``)
``share``  fraction between 0 and 1 (0.25 = 25%)
``score``  criterion score on a 1–5 scale (5 = best for us)
``hours``  hours per year, >= 0
``years``  years, >= 0
``count``  whole number, >= 0
``date``   calendar date (ISO ``YYYY-MM-DD`` in files)
``flag``   true / false

>>> COLUMNS["revenue"].unit
'CNY / year'
>>> COLUMNS["account_id"].zh
'客户编号'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Column", "COLUMNS", "NUMERIC_KINDS", "SCORE_COLUMNS", "REQUIRED", "TRUE_WORDS", "FALSE_WORDS",
    "STAGES", "CLOSED", "FUNNEL_STAGES", "STAGE_NAMES", "describe",
]

NUMERIC_KINDS = frozenset({"money", "share", "score", "hours", "years", "count"})


@dataclass(frozen=True)
class Column:
    """One canonical column: its name, kind, unit, meaning and the headers users give it."""

    name: str
    kind: str
    unit: str
    en: str
    zh: str
    aliases: tuple[str, ...] = field(default=())
    minimum: float | None = None
    maximum: float | None = None
    short: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def label(self) -> str:
        """The short English label for charts and table headers ("Revenue")."""
        return self.short or self.name.replace("_", " ").capitalize()


def _c(name, kind, unit, en, zh, aliases=(), minimum=None, maximum=None, short=""):
    return Column(name, kind, unit, en, zh, tuple(aliases), minimum, maximum, short)


_SCORE = dict(minimum=1, maximum=5)

_ALL = [  # accounts (the customer book)
    # identity
    _c("account_id", "id", "", "Unique account identifier", "客户编号",
       ["客户编号", "客户ID", "客户代码", "客户号", "编号", "id", "customer_id", "account"], short="Account ID"),
    _c("name", "text", "", "Account (customer) name", "客户名称",
       ["客户名称", "客户", "名称", "公司名称", "customer", "customer_name"], short="Account"),
    _c("industry", "text", "", "Customer's industry", "行业", ["行业", "所属行业"]),
    _c("region", "text", "", "Sales region", "区域", ["区域", "地区", "大区"]),
    _c("owner", "text", "", "Account owner (salesperson / key-account manager)", "客户经理",
       ["客户经理", "销售员", "业务员", "负责人", "salesperson"], short="Account owner"),
    # economics (per year)
    _c("revenue", "money", "CNY / year", "Net sales to the account in the year", "销售额",
       ["销售额", "销售收入", "营业收入", "收入", "sales", "turnover"], short="Revenue"),
    _c("gross_margin", "money", "CNY / year", "Revenue minus cost of goods sold", "毛利",
       ["毛利", "毛利额"]),
    _c("cost_to_serve", "money", "CNY / year",
       "Selling, logistics, working-capital and admin cost attributed to the account",
       "服务成本", ["服务成本", "客户服务成本"], minimum=0),
    _c("profit", "money", "CNY / year", "Profit contribution: gross margin minus cost to serve",
       "利润贡献", ["利润贡献", "利润", "贡献利润", "contribution"], short="Profit contribution"),
    _c("sales_hours", "hours", "hours / year", "Salesperson hours spent on the account",
       "销售人员时间", ["销售人员时间", "销售工时", "拜访时间"], minimum=0, short="Salesperson time"),
    _c("wallet", "money", "CNY / year",
       "Estimated annual spend of the customer on what we sell (its potential, 潜力)",
       "年采购潜力", ["客户钱包(年采购潜力)", "采购潜力", "潜力", "年采购额", "钱包"], minimum=0, short="Annual potential"),
    _c("share_of_wallet", "share", "fraction 0–1",
       "Our share of the customer's spend: revenue / wallet", "份额(占用率)",
       ["占用率", "钱包份额", "份额"], minimum=0, maximum=1),
    _c("tenure_years", "years", "years", "Years the account has bought from us", "合作年限",
       ["合作年限", "客户年限"], minimum=0, short="Tenure (years)"),
    # multi-criteria scores, 1-5 (seeds 001, 002)
    _c("differentiation", "score", "1–5", "Attractiveness: needs that set it apart, which we meet",
       "差异性", **_SCORE),
    _c("value_for_price", "score", "1–5", "Attractiveness: values quality over lowest price",
       "价值与价格", **_SCORE, short="Values quality over price"),
    _c("preference", "score", "1–5", "Attractiveness: prefers us", "对我们的偏好", **_SCORE, short="Preference for us"),
    _c("access", "score", "1–5", "Attractiveness: we reach the key people", "接近关键人物",
       **_SCORE, short="Access to key people"),
    _c("buying_rules", "score", "1–5", "Attractiveness: its purchasing rules suit us",
       "购买规则", **_SCORE, short="Purchasing rules"),
    _c("volume_potential", "score", "1–5", "Potential: sales volume", "销售量潜力", **_SCORE),
    _c("margin_potential", "score", "1–5", "Potential: margin", "利润率潜力", **_SCORE),
    _c("relationship", "score", "1–5",
       "Relationship state (1 very limited / regressing … 5 very strong)", "关系状况", **_SCORE),
    _c("growth_potential", "score", "1–5",
       "Growth: industry growth, segment growth, share change", "增长潜力", **_SCORE),
    _c("bargaining_position", "score", "1–5",
       "Structural position: 5 = little buying power used against us", "结构地位(侃价实力)",
       **_SCORE),
    _c("our_attractiveness", "score", "1–5", "How attractive we are to the customer",
       "我们对客户的吸引力", **_SCORE, short="Our attractiveness to the customer"),
    _c("common_interest", "score", "1–5", "Common interest with us (seed 004)", "共同利益",
       **_SCORE),
    _c("relationship_value", "score", "1–5", "Value of a long-term relationship (seed 004)",
       "长期关系价值", **_SCORE),
]

# opportunities and pipeline (module 3; seeds 000, 002)
_OPPORTUNITY = [
    _c("opportunity_id", "id", "", "Unique opportunity identifier", "机会编号",
       ["机会编号", "商机编号", "项目编号"], short="Opportunity ID"),
    _c("product", "text", "", "Product line the opportunity is for", "产品", ["产品", "产品线"]),
    _c("business_unit", "text", "", "Business unit (division) that owns the opportunity",
       "事业部", ["事业部", "部门"]),
    _c("stage", "text", "", "Funnel stage: Identified, Contacted, Qualified, Developed, "
       "Committed, Won, Lost (seed 002)", "阶段", ["阶段", "销售阶段"]),
    _c("value", "money", "CNY / year", "Expected annual revenue if won", "预计年销售额",
       ["预计销售额", "机会金额", "金额"], minimum=0, short="Expected annual revenue"),
    _c("margin", "money", "CNY / year", "Expected annual gross margin if won", "预计年毛利",
       ["预计毛利"]),
    _c("win_probability", "share", "fraction 0–1", "Owner's estimate of the chance to win",
       "赢单概率", ["赢单概率", "成功概率"], minimum=0, maximum=1, short="Win probability"),
    _c("info_completeness", "share", "fraction 0–1",
       "Share of the qualifying information we have (decision makers, budget, needs…)",
       "信息完整度", ["信息完整度"], minimum=0, maximum=1),
    _c("customer_priority", "score", "1–5", "How much the account matters to us (seed 000)",
       "客户优先程度", **_SCORE),
    _c("product_priority", "score", "1–5", "How much the product matters to our strategy",
       "产品优先程度", **_SCORE),
    _c("created", "date", "date", "Date the opportunity was identified", "识别日期", short="Identified on"),
    _c("stage_entered", "date", "date", "Date the opportunity entered its current stage",
       "进入当前阶段日期", short="Stage entered (current)"),
    _c("expected_close", "date", "date", "Expected decision (close) date", "预计成交日期", short="Expected close"),
    _c("entered", "date", "date", "Date a stage was entered (stage history)", "进入阶段日期", short="Stage entered"),
    _c("decision_made", "flag", "true/false", "The customer's purchase decision is already made",
       "采购决策已作出"),
    _c("builds_customer_momentum", "flag", "true/false", "Strategic: builds momentum with the customer",
       "客户势头的建立者"),
    _c("builds_product_reputation", "flag", "true/false", "Strategic: builds the product's reputation",
       "产品信誉的建立者"),
    _c("focus_product", "flag", "true/false", "Strategic: a focus product of our strategy",
       "产品战略重点"),
    _c("geographic_foothold", "flag", "true/false", "Strategic: builds a foothold in a region",
       "地域势头建立者"),
]

# segment tables (seed 002)
_SEGMENTS = [
    _c("segment", "text", "", "Customer segment", "细分市场", ["细分市场", "客户类型"]),
    _c("segment_zh", "text", "", "Customer segment, in Chinese", "细分市场(中文)"),
    _c("customers_share", "share", "fraction 0–1", "Share of all customers", "客户数占比",
       minimum=0, maximum=1),
    _c("revenue_share", "share", "fraction 0–1", "Share of total revenue", "收入占比",
       minimum=0, maximum=1),
    _c("ebit_share", "share", "fraction 0–1", "Share of total EBIT (息税前利润)", "利润占比",
       minimum=0, maximum=1),
]

# proposal economics (module 4; seed 000): contract case, negotiation rounds, industry cost
# curve, total cost of ownership, economic value to the customer. Prices and costs are per unit
# (the bundled data: CNY per tonne, or per vehicle set in the TCO and EVC tables).
_ECONOMICS = [
    # contract case and terms
    _c("year", "count", "year", "Year number: contract year 1, 2, … in a contract table, calendar "
       "year in a market table", "年份", ["年份", "年度", "合同年度"], minimum=0),
    _c("volume", "count", "units / year",
       "Volume delivered in the year (bundled data: tonnes per year)", "年用量",
       ["年用量", "数量", "用量"], minimum=0),
    _c("term", "id", "", "Name of a contract term (start_price, unit_cost, price_down, …)",
       "合同条款", ["条款", "合同参数"]),
    _c("unit", "text", "", "Unit of the row's value", "单位", ["单位"]),
    _c("meaning", "text", "", "What the row means, in English", "含义(英文)"),
    _c("meaning_zh", "text", "", "What the row means, in Chinese", "含义"),
    # negotiation rounds (an erosion waterfall)
    _c("step", "count", "", "Position of the step in the waterfall (1 = first bar)", "步骤",
       minimum=1),
    _c("label", "text", "", "Label of a waterfall step (bar)", "标签"),
    _c("label_zh", "text", "", "Label of a waterfall step, in Chinese", "标签(中文)"),
    _c("kind", "text", "", "Row type: a waterfall step's kind (start, change, subtotal) or an "
       "EVC item's kind (reference, savings, benefit, negative, our_price)", "类型", ["类型"]),
    _c("npv_index", "money", "index (NPV at the first quote = 100)",
       "Contract NPV indexed to the first quote (= 100); for a change, the change in index "
       "points (seed 000)", "指数化合约净现值", ["指数化合约净现值", "净现值指数"], short="NPV index"),
    _c("npv", "money", "CNY", "Net present value at contract start; for a change, the change in "
       "NPV", "净现值", ["净现值", "合约净现值"], short="NPV"),
    _c("start_price", "money", "CNY / unit",
       "Price per unit in the first contract year, before the yearly price-downs", "首年价格",
       ["首年价格", "起始价格", "报价"], minimum=0),
    # industry cost curve (行业成本曲线)
    _c("plant", "id", "", "Production plant (unique name)", "工厂", ["工厂", "生产厂", "装置"]),
    _c("company", "text", "", "Company that owns the plant or makes the offer", "公司",
       ["生产商", "厂家", "竞争者"]),
    _c("company_zh", "text", "", "Company name, in Chinese", "公司(中文)"),
    _c("capacity", "count", "units / year",
       "Production capacity per year (bundled data: kilotonnes per year)", "产能",
       ["产能", "年产能", "生产能力"], minimum=0),
    _c("cash_cost", "money", "CNY / unit",
       "Cash cost per unit: raw materials, energy, direct labour", "现金成本", ["现金成本"],
       minimum=0, short="Cash cost"),
    _c("full_cost", "money", "CNY / unit",
       "Full cost per unit: cash cost plus depreciation and overheads", "完全成本",
       ["完全成本"], minimum=0),
    _c("plant_status", "text", "", "Plant status in a plants table: operating or planned (the "
       "output of cost_curve adds its own status: runs, marginal, idle)", "装置状态",
       ["装置状态", "工厂状态"]),
    _c("start_year", "count", "calendar year",
       "First year: of a plant's production (industry_plants), of a contract (module 6)",
       "起始年份", ["投产年份", "投产年", "起始年份", "开始年份", "合同开始年份"],
       minimum=0, short="Start year"),
    _c("demand", "count", "units / year",
       "Market demand in the year (bundled data: kilotonnes per year)", "市场需求",
       ["市场需求", "需求量", "需求"], minimum=0),
    # total cost of ownership (OEM系统成本)
    _c("offer", "id", "", "Name of a competing offer", "方案", ["方案", "报价方案"]),
    _c("offer_zh", "text", "", "Name of the offer, in Chinese", "方案(中文)"),
    _c("supplier", "text", "", "Supplier that makes the offer", "供应商", ["供应商"]),
    _c("price", "money", "CNY / unit",
       "Price per unit the customer pays (bundled TCO table: per vehicle set)", "价格",
       ["价格", "单价"], minimum=0),
    _c("acquisition", "money", "CNY / unit",
       "One-off cost of acquiring the product and putting it to use (freight, application, "
       "qualification…), paid at the start", "购置及使用准备成本", ["购置成本"], minimum=0),
    _c("operating", "money", "CNY / unit / year",
       "Yearly cost of using the product over its life (energy, maintenance, warranty…)",
       "年使用成本", ["运营成本", "年运营成本"], minimum=0),
    _c("end_of_life", "money", "CNY / unit",
       "Cost at the end of the product's life (disposal, dismantling); negative = salvage value",
       "寿命终结成本", ["报废成本", "拆解成本"], short="End of life"),
    _c("life_years", "years", "years", "Life of the product, whole years", "使用寿命(年)",
       ["使用寿命", "寿命"], minimum=1, short="Life (years)"),
    # economic value to the customer (对客户的经济价值)
    _c("item", "id", "", "Line item of a value calculation (EVC components)", "项目",
       ["项目", "价值项目"]),
    _c("item_zh", "text", "", "Line item, in Chinese", "项目(中文)"),
    _c("amount", "money", "CNY / unit",
       "Amount per unit of the item, ≥ 0 (its kind says whether it adds or takes away)",
       "金额(每单位)", minimum=0),
]

# the bank's customer book (module 5; seed 000's international bank). Its customers also use
# account_id, segment, revenue, cost_to_serve, profit and wallet (the customer's yearly banking
# revenue across all its banks: its potential, 潜力).
_BANK = [
    _c("payroll", "flag", "true/false",
       "Came in through an employer's payroll contract: the salary is paid into the account",
       "代发工资客户", ["代发工资", "代发", "工资代发"], short="Payroll customer"),
    _c("products", "count", "products",
       "Number of the bank's products the customer holds (accounts, cards, loans, wealth "
       "products)", "持有产品数", ["产品数", "持有产品数量"], minimum=0, short="Products held"),
    _c("avg_balance", "money", "CNY (average daily balance)",
       "Average daily balance over the year: deposits and investments", "日均余额",
       ["日均余额", "日均资产", "平均余额", "日均存款"], minimum=0, short="Average balance"),
    _c("fee_revenue", "money", "CNY / year",
       "Fee and commission revenue from the customer (cards, payments, wealth management)",
       "手续费及佣金收入", ["手续费收入", "中间业务收入", "佣金收入"], short="Fee revenue"),
    _c("interest_revenue", "money", "CNY / year",
       "Net interest revenue: the customer's balances and loans times the bank's net interest "
       "margin", "净利息收入", ["利息净收入", "利差收入"], short="Net interest revenue"),
    _c("branch_visits", "count", "visits / year", "Visits to a branch counter", "网点到访次数",
       ["柜面交易次数", "网点交易次数"], minimum=0),
    _c("rm_hours", "hours", "hours / year", "Relationship-manager hours spent on the customer",
       "客户经理工时", ["客户经理时间", "客户经理小时"], minimum=0, short="RM hours"),
    _c("call_centre_calls", "count", "calls / year", "Calls to the bank's call centre",
       "客服中心来电次数", ["客服来电次数", "电话银行次数"], minimum=0, short="Call-centre calls"),
    _c("digital_sessions", "count", "sessions / year", "Online and mobile banking sessions",
       "电子渠道登录次数", ["网银登录次数", "手机银行登录次数"], minimum=0),
    _c("will_grow", "flag", "true/false",
       "Hindsight, known only in synthetic data: grows into a key customer within three years",
       "将成长为关键客户", short="Will grow"),
    # results of the bank case (kamlab.cases.bank): grades, decisions, months, channels, costs
    _c("grade", "text", "", "Customer grade: A, B, C+ or C (by profit contribution and potential)",
       "客户等级", short="Grade"),
    _c("action", "text", "", "What a scenario does with the customer: keep, c_plus, migrate, leave",
       "处理方式", short="Action"),
    _c("pays_fee", "flag", "true/false", "Stays below the price threshold and pays the fee",
       "支付账户管理费", short="Pays the fee"),
    _c("month", "text", "", "Month of a simulation (0 = today)", "月份", short="Month"),
    _c("channel", "text", "", "Service channel: branch, relationship manager, call centre, digital",
       "服务渠道", short="Channel"),
    _c("cost", "money", "CNY", "Total cost: variable cost plus capacity", "总成本", short="Cost"),
    _c("variable_cost", "money", "CNY", "Variable cost: saved as soon as the activity stops",
       "变动成本", short="Variable cost"),
    _c("fixed_cost", "money", "CNY", "Capacity (fixed) cost: staff, premises, seats; saved only "
       "where capacity is cut", "固定成本(产能)", short="Fixed cost"),
    _c("capacity_freed", "money", "CNY / year", "Capacity cost no longer used, before any cut",
       "释放的产能成本", short="Capacity freed"),
    _c("share_cut", "share", "fraction", "Share of the freed capacity that is cut", "削减比例",
       minimum=0, maximum=1, short="Share cut"),
    _c("fixed_cost_saved", "money", "CNY / year", "Capacity cost saved by the cut",
       "节省的固定成本", short="Fixed cost saved"),
    _c("cum_profit", "money", "CNY", "Cumulative profit, customers ranked most to least profitable",
       "累计利润", short="Cumulative profit"),
]

# module 6: the US manufacturer's customer market, mergers and contracts (seed 000)
_MARKET = [
    # the customers' market (manufacturer_market, kamlab.cases.manufacturer.market_structure)
    _c("purchases", "money", "CNY / year",
       "A company's purchases of the category in the year (in a market-structure table: the "
       "whole market's)", "采购额", ["采购额", "年采购额(市场)", "采购金额"], minimum=0,
       short="Purchases"),
    _c("companies", "count", "companies", "Number of companies buying in the year", "企业数",
       ["企业数", "公司数"], minimum=0, short="Companies"),
    # hhi (0–10,000) is labelled by kamlab.i18n.LABELS["hhi"], as in concentration_summary
    _c("top4_share", "share", "fraction 0–1", "Share of the market held by the 4 largest buyers",
       "前4大份额", ["CR4", "前四大份额"], minimum=0, maximum=1, short="Top-4 share"),
    _c("top10_share", "share", "fraction 0–1",
       "Share of the market held by the 10 largest buyers", "前10大份额",
       ["CR10", "前十大份额"], minimum=0, maximum=1, short="Top-10 share"),
    # mergers (manufacturer_mergers, merger_effects)
    _c("acquirer", "id", "", "The acquiring company (account id)", "收购方", ["收购方"],
       short="Acquirer"),
    _c("target", "id", "", "The acquired company (account id)", "被收购方", ["被收购方", "标的"],
       short="Target"),
    _c("acquirer_share", "share", "fraction 0–1",
       "The acquirer's market share in the year before the merger", "收购方份额", minimum=0,
       maximum=1, short="Acquirer's share"),
    _c("target_share", "share", "fraction 0–1",
       "The target's market share in the year before the merger", "被收购方份额", minimum=0,
       maximum=1, short="Target's share"),
    _c("hhi_before", "count", "points (0–10,000)", "HHI in the year before the merger",
       "合并前HHI", minimum=0, maximum=10_000, short="HHI before"),
    _c("hhi_after", "count", "points (0–10,000)",
       "HHI of the year before the merger with the two companies as one", "合并后HHI",
       minimum=0, maximum=10_000, short="HHI after"),
    _c("hhi_change", "count", "points", "Change in HHI from a merger: 2 × s_a × s_t × 10,000",
       "HHI变化", short="HHI change"),
    # our long contracts (manufacturer_contracts, contract_schedule, contract_npvs)
    _c("contract_id", "id", "", "Unique contract identifier", "合同编号",
       ["合同编号", "合同号", "合约编号"], short="Contract ID"),
    _c("term_years", "years", "years", "Contract length in whole years", "合同期限(年)",
       ["合同期限", "合约期限", "期限"], minimum=1, short="Term (years)"),
    _c("end_year", "count", "calendar year", "Last calendar year of the contract", "到期年份",
       ["到期年份", "结束年份"], minimum=0, short="End year"),
    _c("contract_year", "count", "year", "Year of the contract: 1, 2, … T", "合同年度",
       minimum=1, short="Contract year"),
    # unit_cost (our cost per unit; in a contract table its first year's) is in _MINI_CASES
    _c("price_down", "share", "fraction / year",
       "Yearly price reduction given to the customer (0.02 = 2% a year, compounding)",
       "年降价幅度", ["年降价", "年降价幅度"], minimum=0, maximum=1, short="Price-down"),
    _c("cost_down", "share", "fraction / year",
       "Yearly cost reduction we achieve (0.02 = 2% a year, compounding)", "年降本幅度",
       ["年降本", "年降本幅度"], minimum=0, maximum=1, short="Cost-down"),
    _c("investment", "money", "CNY", "Up-front investment of the contract, paid at its start",
       "前期投资", ["前期投资", "投资"], minimum=0, short="Investment"),
    _c("rate", "share", "fraction / year", "Yearly discount rate (our cost of capital)",
       "折现率", ["折现率", "贴现率"], short="Discount rate"),
    _c("walk_away_price", "money", "CNY / unit", "Start price at which the contract's NPV is 0",
       "底线价格", ["底线价格", "退出价格"], minimum=0, short="Walk-away price"),
    # renewals (renewals, renewal_calendar, revenue_at_risk)
    _c("renewal_revenue", "money", "CNY / year",
       "Revenue up for renewal: the last contract year's revenue of the contracts that end",
       "待续约收入", short="Revenue up for renewal"),
    _c("contracts", "count", "contracts", "Number of contracts", "合同数", minimum=0,
       short="Contracts"),
    _c("book_revenue", "money", "CNY / year",
       "Our contracted revenue in the year before (ended contracts counted as renewed)",
       "上年合同收入", short="Contract book"),
    _c("renewal_share", "share", "fraction 0–1",
       "Revenue up for renewal as a share of the contract book", "待续约收入占比", minimum=0,
       short="Share up for renewal"),
    _c("account_ids", "text", "", "Account ids, comma-separated, largest first", "涉及客户",
       short="Accounts"),
    _c("contracted_revenue", "money", "CNY / year",
       "Base-year revenue still under contract in the year", "仍在合同期内的收入",
       minimum=0, short="Still under contract"),
    _c("revenue_at_risk", "money", "CNY / year",
       "Base-year revenue no longer under contract in the year (to be won again)", "风险收入",
       minimum=0, short="Revenue at risk"),
    _c("risk_share", "share", "fraction 0–1", "Revenue at risk as a share of base-year revenue",
       "风险收入占比", minimum=0, maximum=1, short="Share at risk"),
]

# module 6: the buying centre (seed 004) and who on our side covers whom
_BUYING_CENTRE = [
    # their side: the buying centre (购买中心), one row per (account, contact, role)
    _c("contact_id", "id", "", "Unique identifier of a person at the customer (a contact)",
       "联系人编号", ["联系人编号", "联系人ID"], short="Contact ID"),
    _c("contact", "text", "", "Name of the person at the customer", "联系人",
       ["联系人", "联系人姓名", "客户方人员"], short="Contact"),
    _c("contact_zh", "text", "", "Name of the person at the customer, in Chinese",
       "联系人(中文)"),
    _c("title", "text", "", "Job title of the person", "职务", ["职务", "职位", "头衔"],
       short="Title"),
    _c("title_zh", "text", "", "Job title, in Chinese", "职务(中文)"),
    _c("department", "text", "", "Department: marketing, production, rd, top_management, "
       "purchasing, quality (seed 004's buying-centre members)", "部门", ["部门", "所属部门"],
       short="Department"),
    _c("role", "text", "", "Buying-centre role (seed 004): initiator, decider, influencer, "
       "analyst, user, buyer, gatekeeper", "购买中心角色", ["角色", "购买角色"], short="Role"),
    _c("roles", "text", "", "Every buying-centre role the person holds, joined with '+'",
       "担任的角色", short="Roles"),
    _c("influence", "score", "1–5", "The person's influence on the purchase decision (5 = most)",
       "影响力", ["影响力", "影响程度"], **_SCORE, short="Influence"),
    # our side: who covers whom
    _c("our_person", "id", "", "A person on our side (the supplier) who has the contact",
       "我方人员", ["我方人员", "我方联系人"], short="Our person"),
    _c("our_person_zh", "text", "", "Our person's name, in Chinese", "我方人员(中文)"),
    _c("function", "text", "", "Our person's function: kam (key-account manager), technical, "
       "executive, service", "我方职能", ["职能", "我方职能"], short="Function"),
    _c("strength", "count", "0–3", "Strength of the relationship: 0 none, 1 weak, 2 working, "
       "3 strong", "关系强度", ["关系强度", "覆盖强度"], minimum=0, maximum=3, short="Strength"),
    # results (kamlab.cases.buying_centre)
    _c("in_team", "flag", "true/false", "Our person belongs to the account team (works with the "
       "key-account manager)", "属于客户团队", short="In the account team"),
    _c("team_strength", "count", "0–3", "Best relationship anyone in the account team has with "
       "the contact (outside people count with their weight)", "团队最强关系",
       minimum=0, maximum=3, short="Team strength"),
    _c("covered_by", "text", "", "Our person who gives the best team strength ('' when nobody)",
       "主要覆盖人", short="Covered by"),
    _c("gap", "score", "0–5", "Coverage gap: influence × (1 − team strength / 3)", "覆盖缺口",
       minimum=0, maximum=5, short="Gap"),
    _c("coverage_status", "text", "", "Coverage status: uncovered, weak or covered", "覆盖状态",
       short="Coverage status"),
    _c("contacts", "count", "people", "Number of people in the buying centre (or in one step of it)", "联系人数",
       minimum=0, short="Contacts"),
    _c("influence_total", "count", "influence points", "Sum of the contacts' influence",
       "影响力合计", minimum=0, short="Total influence"),
    _c("uncovered", "count", "people", "Contacts nobody in the account team covers",
       "未覆盖人数", minimum=0, short="Uncovered"),
    _c("weak", "count", "people", "Contacts the account team covers only weakly", "弱覆盖人数",
       minimum=0, short="Weakly covered"),
    _c("gap_score", "share", "fraction 0–1", "Gap score: Σ gap / Σ influence (0 = every "
       "contact strongly covered, 1 = nobody covered)", "覆盖缺口指数", minimum=0, maximum=1,
       short="Gap score"),
    _c("gap_score_before", "share", "fraction 0–1", "Gap score before the reorganisation",
       "重组前缺口指数", minimum=0, maximum=1, short="Gap score, before"),
    _c("gap_score_after", "share", "fraction 0–1", "Gap score after the reorganisation "
       "(technical staff report into KAM)", "重组后缺口指数", minimum=0, maximum=1,
       short="Gap score, after"),
    _c("gap_change", "share", "fraction", "Change of the gap score: after − before",
       "缺口指数变化", minimum=-1, maximum=1, short="Change"),
    _c("process_step", "text", "", "Step of the buying process (seed 004): need_recognition, "
       "deliberation, planning, evaluation, commitment, contract", "采购决策环节",
       short="Buying step"),
]

# module 6: the two mini-cases (seed 000): the oil products maker's bulk division, the dealer
# forms and systems supplier
_MINI_CASES = [
    # the oil maker's bulk accounts (also: account_id, name, industry, volume in t / year, price
    # and revenue, gross_margin, relationship) and kamlab.cases.oil's results
    _c("unit_cost", "money", "CNY / unit",
       "Cost per unit delivered: product, freight and handling (bundled data: CNY per tonne)",
       "单位成本", ["单位成本", "单位成本(元/吨)"], minimum=0, short="Unit cost"),
    _c("unit_margin", "money", "CNY / unit", "Margin per unit: price − unit cost; may be negative",
       "单位毛利", ["单位毛利", "单位利润"], short="Unit margin"),
    _c("strategic_importance", "score", "1–5",
       "How much the account matters to our strategy (seed 000: 战略重要性)", "战略重要性",
       ["战略重要性"], **_SCORE),
    _c("response", "count", "units / year per √hour",
       "Extra volume a rep's effort wins at the account: a in v = a·√h for h hours (bundled "
       "data: t / year per √hour)", "销售响应系数", ["响应系数"], minimum=0,
       short="Response to effort"),
    _c("priority", "text", "", "Priority of the account by profitability and strategic "
       "importance: invest, improve, maintain, reduce", "客户优先级", short="Priority"),
    _c("n_accounts", "count", "accounts", "Number of accounts in the group", "客户数",
       minimum=0, short="Accounts"),
    _c("volume_share", "share", "fraction 0–1", "Share of the total volume", "销量占比",
       minimum=0, maximum=1),
    _c("gross_margin_share", "share", "fraction", "Share of the total gross margin (negative "
       "for a loss-making group)", "毛利占比"),
    _c("plan", "text", "", "Sales pay plan: volume (same pay per unit everywhere) or margin "
       "(pay per unit ∝ the account's unit margin)", "激励方案", short="Pay plan"),
    _c("pay_rate", "money", "CNY / unit", "The rep's pay per extra unit sold at the account",
       "每单位销售提成", short="Pay per extra unit"),
    _c("extra_volume", "count", "units / year", "Extra volume the rep's effort wins",
       "新增销量", minimum=0, short="Extra volume"),
    _c("extra_margin", "money", "CNY / year", "Gross margin on the extra volume or revenue",
       "新增毛利", short="Extra gross margin"),
    _c("rep_pay", "money", "CNY / year", "Incentive pay the rep earns on the extra volume",
       "销售激励报酬", short="Rep's pay"),
    _c("division_profit", "money", "CNY / year",
       "What the rep's effort adds to the division's profit: extra gross margin − rep's pay",
       "事业部新增利润", short="Division profit"),
    _c("top_hours_share", "share", "fraction 0–1",
       "Share of the rep's hours spent on the largest accounts by volume", "大客户所占工时比例",
       minimum=0, maximum=1, short="Hours on the top accounts"),
    # the car-dealer supplier's dealers (also: account_id, segment, revenue, wallet,
    # cost_to_serve = today's field cost) and kamlab.cases.dealers' results
    _c("rooftops", "count", "sites", "Dealership sites (rooftops) the dealer or chain runs",
       "门店数", ["门店数", "网点数"], minimum=0, short="Rooftops"),
    _c("forms_revenue", "money", "CNY / year", "Revenue of the forms division (帐表票据)",
       "票据业务收入", ["票据收入"], minimum=0, short="Forms revenue"),
    _c("systems_revenue", "money", "CNY / year",
       "Revenue of the computer systems division (计算机系统)", "系统业务收入", ["系统收入"],
       minimum=0, short="Systems revenue"),
    _c("forms_rep", "flag", "true/false", "A forms-division field rep calls on the dealer today",
       "票据部门销售代表拜访", short="Forms rep calls"),
    _c("systems_rep", "flag", "true/false",
       "A systems-division field rep calls on the dealer today", "系统部门销售代表拜访",
       short="Systems rep calls"),
    _c("cannibalised", "money", "CNY / year",
       "Systems revenue that replaced forms the dealer bought from our own forms division",
       "相互蚕食的收入", minimum=0, short="Cannibalised revenue"),
    _c("dealers", "count", "dealers", "Number of dealers (customers) in the group", "经销商数",
       minimum=0, short="Dealers"),
    _c("revenue_per_dealer", "money", "CNY / year", "Revenue per dealer", "每家经销商收入",
       short="Revenue per dealer"),
    _c("seed_dealers", "count", "dealers", "Number of customers in the segment, as seed 000 "
       "gives it", "案例中的客户数", minimum=0, short="Dealers (seed)"),
    _c("seed_revenue_share", "share", "fraction 0–1", "Share of the business, as seed 000 "
       "gives it", "案例中的业务占比", minimum=0, maximum=1, short="Share of business (seed)"),
    _c("channel_cost", "money", "CNY / year", "Cost of serving the dealers through the channel",
       "渠道服务成本", minimum=0, short="Channel cost"),
    _c("extra_revenue", "money", "CNY / year",
       "Extra revenue the channel wins: share-of-wallet uplift × wallet", "新增收入",
       short="Extra revenue"),
    _c("profit_today", "money", "CNY / year", "Profit of the same dealers under today's model",
       "当前模式下的利润", short="Profit today"),
    _c("profit_gain", "money", "CNY / year", "Profit gained over today's model", "利润增加",
       short="Profit gain"),
    _c("both_reps", "count", "dealers", "Dealers both divisions' reps call on", "两个部门都拜访",
       minimum=0, short="Called on by both"),
    _c("forms_only", "count", "dealers", "Dealers only the forms division calls on",
       "仅票据部门拜访", minimum=0, short="Forms rep only"),
    _c("systems_only", "count", "dealers", "Dealers only the systems division calls on",
       "仅系统部门拜访", minimum=0, short="Systems rep only"),
    _c("no_rep", "count", "dealers", "Dealers no field rep calls on (the order desk serves them)",
       "无销售代表拜访", minimum=0, short="No rep"),
    _c("duplicated_cost", "money", "CNY / year",
       "Cost of the second division's rep where both divisions call", "重复拜访成本",
       minimum=0, short="Duplicated coverage cost"),
    _c("alternative", "text", "", "The best channel other than the key-account team",
       "最佳替代渠道", short="Best alternative"),
    _c("alternative_profit", "money", "CNY / year", "Profit under the best alternative channel",
       "替代渠道利润", short="Profit, best alternative"),
    _c("kam_gain", "money", "CNY / year", "Profit of key-account management over the best "
       "alternative channel (negative: what KAM would cost)", "关键客户管理的增益",
       short="KAM gain"),
]

# account planning: the key-account card (seed 001) — profiles, monthly transactions, credit —
# the account plan, termination flags and the practice / performance scorecards
_CARD = [
    # the profile (seed 001: 公司名称、地址、电话、法人代表、人员结构、开户银行, operations, credit)
    _c("account_tier", "text", "", "Key-account tier: A (top 3% of the book) or B", "客户级别",
       ["客户级别", "客户等级", "大客户级别"], short="Tier"),
    _c("address", "text", "", "Registered address", "地址", ["地址", "公司地址", "注册地址"],
       short="Address"),
    _c("phone", "text", "", "Telephone", "电话", ["电话", "联系电话", "总机"], short="Phone"),
    _c("legal_representative", "text", "", "Legal representative", "法定代表人",
       ["法定代表人", "法人代表", "法人"], short="Legal representative"),
    _c("employees", "count", "people", "Staff of the account", "员工人数",
       ["员工人数", "职工人数"], minimum=0, short="Employees"),
    _c("staff_management", "count", "people", "Staff: management", "管理人员数",
       ["管理人员数"], minimum=0, short="Management"),
    _c("staff_sales", "count", "people", "Staff: sales", "销售人员数", ["销售人员数"], minimum=0,
       short="Sales"),
    _c("staff_production", "count", "people", "Staff: production", "生产人员数", ["生产人员数"],
       minimum=0, short="Production"),
    _c("staff_technical", "count", "people", "Staff: technical", "技术人员数", ["技术人员数"],
       minimum=0, short="Technical"),
    _c("bank", "text", "", "The account's main bank (branch)", "开户银行",
       ["开户银行", "开户行", "基本户银行"], short="Bank"),
    _c("bank_rating", "text", "", "Bank credit rating of the account: AAA, AA, A, BBB, BB, B",
       "银行信用等级", ["银行信用等级", "信用等级", "银行评级"], short="Bank rating"),
    _c("company_turnover", "money", "CNY / year", "The account's own annual sales",
       "客户年营业额", ["客户年营业额", "客户营业额", "年营业额"], minimum=0,
       short="Account's turnover"),
    _c("company_growth", "share", "fraction", "Growth of the account's own sales over a year "
       "(−0.1 = −10%)", "营业额增长率", ["营业额增长率", "客户增长率"], short="Account's growth"),
    _c("main_products", "text", "", "The account's main products", "主营产品",
       ["主营产品", "主要产品", "主营业务"], short="Main products"),
    _c("operating_cash_flow", "money", "CNY / year", "The account's operating cash flow over "
       "its latest year (negative = it paid out more than it took in)", "经营现金流",
       ["经营现金流", "经营活动现金流量净额", "经营活动产生的现金流量净额", "经营性现金流", "现金流",
        "cash_flow", "operating_cashflow", "ocf"], short="Operating cash flow"),
    _c("credit_terms_days", "count", "days", "Credit terms we give the account", "信用期限(天)",
       ["信用期限", "信用期", "账期", "账期(天)"], minimum=0, short="Credit terms (days)"),
    _c("credit_limit", "money", "CNY", "Credit limit we give the account", "信用限额",
       ["信用限额", "信用额度", "授信额度"], minimum=0, short="Credit limit"),
    _c("status", "text", "", "Business status: active, relocating (leaving our service area), "
       "bankruptcy", "经营状态", ["经营状态", "企业状态"], short="Status"),
    _c("legal_restriction", "flag", "", "A law or government order stops business with the "
       "account", "法律禁止", ["法律禁止", "政府禁令"], short="Legal restriction"),
    # monthly transactions and credit (month is the canonical "month", text YYYY-MM)
    _c("orders", "count", "orders / month", "Orders received in the month", "订单数",
       ["订单数", "订单笔数", "订货次数"], minimum=0, short="Orders"),
    _c("receivables", "money", "CNY", "Receivables balance at month end", "应收账款余额",
       ["应收账款余额", "应收账款", "应收余额"], minimum=0, short="Receivables"),
    _c("overdue", "money", "CNY", "Part of the receivables past the credit terms", "逾期金额",
       ["逾期金额", "逾期账款", "逾期应收"], minimum=0, short="Overdue"),
    _c("days_overdue", "count", "days", "Age of the oldest overdue amount past its due date",
       "逾期天数", ["逾期天数", "逾期天"], minimum=0, short="Days overdue"),
    # the card's monthly series (kamlab.card.KeyAccountCard.monthly / .credit_monthly)
    _c("revenue_12m", "money", "CNY", "Revenue over the 12 months to this month (rolling total)",
       "滚动12个月销售额", short="Revenue, 12 months"),
    _c("yoy_change", "share", "fraction", "Change on the same month a year earlier",
       "同比变化", short="Year-on-year change"),
    _c("credit_use", "share", "fraction", "Receivables / credit limit", "信用额度使用率",
       short="Credit use"),
    # the card's key figures (KeyAccountCard.key_figures, the batch index)
    _c("margin_rate", "share", "fraction", "Gross margin / revenue", "毛利率",
       short="Margin rate"),
    _c("trend", "text", "", "Trend of our sales: growing, steady, declining, fading out",
       "趋势", short="Trend"),
    _c("termination_flags", "text", "", "Termination criteria the data flags (seed 004)",
       "符合的终止标准", short="Termination flags"),
]

# reports in batch: the index of a card batch (kamlab cards)
_REPORTS = [
]

COLUMNS: dict[str, Column] = {c.name: c for c in (*_ALL, *_OPPORTUNITY, *_SEGMENTS, *_ECONOMICS,
                                                  *_BANK, *_MARKET, *_BUYING_CENTRE,
                                                  *_MINI_CASES, *_CARD, *_REPORTS)}
#: The 1–5 criterion scores of an account (customer book), in course order.
SCORE_COLUMNS: tuple[str, ...] = tuple(c.name for c in _ALL if c.kind == "score")
REQUIRED: tuple[str, ...] = ("account_id", "revenue")

#: How ``flag`` cells are written (compared case-folded): true/false, yes/no, 是/否, 1/0.
TRUE_WORDS = frozenset({"true", "1", "yes", "y", "t", "是", "1.0", "x", "✓"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "f", "否", "0.0", "nan", "none", "-"})

#: seed 002, "漏斗管理系统": the five open stages of the funnel, in order — the one list every
#: module (analysis, charts, labels, readers) takes them from.
STAGES: tuple[str, ...] = ("Identified", "Contacted", "Qualified", "Developed", "Committed")

#: The two closed outcomes, after the open stages in every ordered table.
CLOSED: tuple[str, ...] = ("Won", "Lost")

#: Every stage in course order: the open ones, then the closed outcomes.
FUNNEL_STAGES: tuple[str, ...] = STAGES + CLOSED

#: Funnel stage names as users write them (case-folded) → kamlab's names (seed 002's stages).
STAGE_NAMES: dict[str, str] = {
    **{s.casefold(): s for s in FUNNEL_STAGES},
    "识别": "Identified", "接触": "Contacted", "确认": "Qualified", "发展": "Developed",
    "合作": "Committed", "赢单": "Won", "丢单": "Lost",
    "已识别": "Identified", "已接触": "Contacted", "已确认": "Qualified", "输单": "Lost",
    "成交": "Won", "已成交": "Won",
}


def describe(names=None):
    """A table (DataFrame) of the canonical columns: name, kind, unit, English, 中文."""
    import pandas as pd

    cols = [COLUMNS[n] for n in (names or COLUMNS)]
    return pd.DataFrame(
        [(c.name, c.kind, c.unit, c.en, c.zh) for c in cols],
        columns=["column", "kind", "unit", "meaning", "中文"],
    )
