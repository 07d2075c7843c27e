"""Canonical column names used across kamlab, its datasets and its checks — in one place.

Every function, dataset and data card uses these names. A user's own export is mapped onto
them with ``read_accounts(path, columns={"客户编号": "account_id", ...})``.

Kinds
-----
``id``     text identifier, unique per row
``text``   free text / category
``money``  amount in the dataset's currency (CNY for bundled data) per year; may be negative
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
    "STAGE_NAMES", "describe",
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

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


def _c(name, kind, unit, en, zh, aliases=(), minimum=None, maximum=None):
    return Column(name, kind, unit, en, zh, tuple(aliases), minimum, maximum)


_SCORE = dict(minimum=1, maximum=5)

_ALL = [  # accounts (the customer book)
    # identity
    _c("account_id", "id", "", "Unique account identifier", "客户编号",
       ["客户编号", "客户ID", "客户代码", "客户号", "编号", "id", "customer_id", "account"]),
    _c("name", "text", "", "Account (customer) name", "客户名称",
       ["客户名称", "客户", "名称", "公司名称", "customer", "customer_name"]),
    _c("industry", "text", "", "Customer's industry", "行业", ["行业", "所属行业"]),
    _c("region", "text", "", "Sales region", "区域", ["区域", "地区", "大区"]),
    _c("owner", "text", "", "Account owner (salesperson / key-account manager)", "客户经理",
       ["客户经理", "销售员", "业务员", "负责人", "salesperson"]),
    # economics (per year)
    _c("revenue", "money", "CNY / year", "Net sales to the account in the year", "销售额",
       ["销售额", "销售收入", "营业收入", "收入", "sales", "turnover"]),
    _c("gross_margin", "money", "CNY / year", "Revenue minus cost of goods sold", "毛利",
       ["毛利", "毛利额"]),
    _c("cost_to_serve", "money", "CNY / year",
       "Selling, logistics, working-capital and admin cost attributed to the account",
       "服务成本", ["服务成本", "客户服务成本"], minimum=0),
    _c("profit", "money", "CNY / year", "Profit contribution: gross margin minus cost to serve",
       "利润贡献", ["利润贡献", "利润", "贡献利润", "contribution"]),
    _c("sales_hours", "hours", "hours / year", "Salesperson hours spent on the account",
       "销售人员时间", ["销售人员时间", "销售工时", "拜访时间"], minimum=0),
    _c("wallet", "money", "CNY / year",
       "Estimated annual spend of the customer on what we sell (its potential, 潜力)",
       "客户钱包(年采购潜力)", ["采购潜力", "潜力", "年采购额", "钱包"], minimum=0),
    _c("share_of_wallet", "share", "fraction 0–1",
       "Our share of the customer's spend: revenue / wallet", "份额(占用率)",
       ["占用率", "钱包份额", "份额"], minimum=0, maximum=1),
    _c("tenure_years", "years", "years", "Years the account has bought from us", "合作年限",
       ["合作年限", "客户年限"], minimum=0),
    # multi-criteria scores, 1-5 (seeds 001, 002)
    _c("differentiation", "score", "1–5", "Attractiveness: needs that set it apart, which we meet",
       "差异性", **_SCORE),
    _c("value_for_price", "score", "1–5", "Attractiveness: values quality over lowest price",
       "价值与价格", **_SCORE),
    _c("preference", "score", "1–5", "Attractiveness: prefers us", "对我们的偏好", **_SCORE),
    _c("access", "score", "1–5", "Attractiveness: we reach the key people", "接近关键人物",
       **_SCORE),
    _c("buying_rules", "score", "1–5", "Attractiveness: its purchasing rules suit us",
       "购买规则", **_SCORE),
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
       "我们对客户的吸引力", **_SCORE),
    _c("common_interest", "score", "1–5", "Common interest with us (seed 004)", "共同利益",
       **_SCORE),
    _c("relationship_value", "score", "1–5", "Value of a long-term relationship (seed 004)",
       "长期关系价值", **_SCORE),
]

# opportunities and pipeline (module 3; seeds 000, 002)
_OPPORTUNITY = [
    _c("opportunity_id", "id", "", "Unique opportunity identifier", "机会编号",
       ["机会编号", "商机编号", "项目编号"]),
    _c("product", "text", "", "Product line the opportunity is for", "产品", ["产品", "产品线"]),
    _c("business_unit", "text", "", "Business unit (division) that owns the opportunity",
       "事业部", ["事业部", "部门"]),
    _c("stage", "text", "", "Funnel stage: Identified, Contacted, Qualified, Developed, "
       "Committed, Won, Lost (seed 002)", "阶段", ["阶段", "销售阶段"]),
    _c("value", "money", "CNY / year", "Expected annual revenue if won", "预计年销售额",
       ["预计销售额", "机会金额", "金额"], minimum=0),
    _c("margin", "money", "CNY / year", "Expected annual gross margin if won", "预计年毛利",
       ["预计毛利"]),
    _c("win_probability", "share", "fraction 0–1", "Owner's estimate of the chance to win",
       "赢单概率", ["赢单概率", "成功概率"], minimum=0, maximum=1),
    _c("info_completeness", "share", "fraction 0–1",
       "Share of the qualifying information we have (decision makers, budget, needs…)",
       "信息完整度", ["信息完整度"], minimum=0, maximum=1),
    _c("customer_priority", "score", "1–5", "How much the account matters to us (seed 000)",
       "客户优先程度", **_SCORE),
    _c("product_priority", "score", "1–5", "How much the product matters to our strategy",
       "产品优先程度", **_SCORE),
    _c("created", "date", "date", "Date the opportunity was identified", "识别日期"),
    _c("stage_entered", "date", "date", "Date the opportunity entered its current stage",
       "进入当前阶段日期"),
    _c("expected_close", "date", "date", "Expected decision (close) date", "预计成交日期"),
    _c("entered", "date", "date", "Date a stage was entered (stage history)", "进入阶段日期"),
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

COLUMNS: dict[str, Column] = {c.name: c for c in (*_ALL, *_OPPORTUNITY, *_SEGMENTS)}
#: The 1–5 criterion scores of an account (customer book), in course order.
SCORE_COLUMNS: tuple[str, ...] = tuple(c.name for c in _ALL if c.kind == "score")
REQUIRED: tuple[str, ...] = ("account_id", "revenue")

#: How ``flag`` cells are written (compared case-folded): true/false, yes/no, 是/否, 1/0.
TRUE_WORDS = frozenset({"true", "1", "yes", "y", "t", "是", "1.0", "x", "✓"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "f", "否", "0.0", "nan", "none", "-"})

#: Funnel stage names as users write them (case-folded) → kamlab's names (seed 002's stages).
STAGE_NAMES: dict[str, str] = {
    **{s.casefold(): s for s in ("Identified", "Contacted", "Qualified", "Developed",
                                 "Committed", "Won", "Lost")},
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
