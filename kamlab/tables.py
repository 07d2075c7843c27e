"""Readable tables for notebooks and reports: shares as percentages, money with separators.

These return new DataFrames of text for display only; compute on the numeric originals.

>>> import pandas as pd
>>> readable(pd.DataFrame({"tier": ["A"], "revenue": [1234567.0], "revenue_share": [0.8031]}))
  tier    revenue revenue_share
0    A  1,234,567         80.3%
"""

from __future__ import annotations

import re

import pandas as pd

from kamlab.columns import COLUMNS

__all__ = ["readable", "share_columns", "money_columns", "header", "data_value", "service_level_table",
           "strategies_table", "positioning_table", "role_matrix_table"]


def share_columns(df: pd.DataFrame) -> list[str]:
    """Columns holding fractions: canonical ``share`` columns, names ending in ``share`` or ``%``."""
    return [c for c in df.columns
            if isinstance(c, str) and (c.endswith(("share", "%"))
                                       or getattr(COLUMNS.get(c), "kind", "") == "share")]


def money_columns(df: pd.DataFrame) -> list[str]:
    """Canonical money columns present in ``df``."""
    return [c for c in df.columns if getattr(COLUMNS.get(c), "kind", "") == "money"]


# Chinese headers of result columns that are not canonical columns (COLUMNS) or labels
# (i18n.LABELS): what analysis functions add to a table. English headers are the code names.
RESULT_HEADERS_ZH: dict[str, str] = {
    # concentration, segmentation
    "total": "合计", "value_share": "价值占比", "time_share": "时间占比",
    "ebit_share": "息税前利润占比", "market_share": "市场份额", "resources": "资源投入",
    "what to do": "做法", "count": "数量", "hours": "小时",
    # levers, screen, funnel, value creation, account plan (module 3)
    "lever": "杠杆", "driver": "驱动因素", "move": "变动", "profit_change": "利润变化",
    "base_profit": "原利润", "new_profit": "新利润", "pct_change": "变化率",
    "drop_reason": "剔除原因", "band": "优先级", "timing": "时间段",
    "strategic_reasons": "战略优先原因", "probability": "成功概率", "deals": "商机数",
    "weighted_value": "加权价值", "from_stage": "起始阶段", "to_stage": "下一阶段",
    "converted": "转化数", "cumulative": "累计", "rate": "比率", "closed_deals": "已结束商机",
    "won": "赢单数", "days_in_stage": "在本阶段天数", "max_days": "最长天数",
    "overdue_days": "超期天数", "win_rate": "建议书成功率", "value_per_order": "每项成功订单的价值",
    "value_created": "价值创造", "index_vs_best": "相对最佳指数", "target_growth": "目标增长",
    "target_revenue": "目标销售额", "quota_per_account": "每客户定额",
    "hours_per_account": "每客户小时", "contacts_per_account": "每客户联系次数",
    "hours_per_contact": "每次联系小时", "contacts_total": "联系总次数",
    # proposal economics (module 4)
    "cashflow": "现金流", "present_value": "现值", "cumulative_pv": "累计现值",
    "operating_pv": "运营成本现值", "end_of_life_pv": "报废处置现值", "tco": "总拥有成本",
    "rank_by_price": "按价格排名", "rank_by_tco": "按总拥有成本排名", "scenario": "情景",
    "total_capacity": "总产能", "price_change": "价格变化", "price_change_pct": "价格变化率",
    "marginal_plant": "边际工厂", "utilisation": "产能利用率", "spare_capacity": "富余产能",
}


# Chinese for the category values of the bundled datasets' text columns (column -> value -> 中文).
DATA_VALUES_ZH: dict[str, dict[str, str]] = {
    "industry": {"Plastics": "塑料", "Construction": "建筑", "Personal care": "个人护理",
                 "Coatings": "涂料", "Textiles": "纺织", "Electronics": "电子",
                 "Pharmaceuticals": "制药", "Agrochemicals": "农用化学品"},
    "business_unit": {"Coatings & Resins": "涂料与树脂", "Electronic Materials": "电子材料",
                      "Pharma Intermediates": "医药中间体", "Plastics Additives": "塑料助剂",
                      "Textile Chemicals": "纺织化学品"},
    "region": {"East": "华东", "Central": "华中", "Southwest": "西南", "North": "华北",
               "Northwest": "西北", "Northeast": "东北", "South": "华南"},
}


def data_value(column, value, lang=None):
    """A bundled dataset's category value in ``lang``: Chinese from :data:`DATA_VALUES_ZH`
    (industries, regions, business units); anything else as it came.

    >>> data_value("region", "East", "zh"), data_value("region", "East", "en")
    ('华东', 'East')
    """
    from kamlab.i18n import resolve

    known = DATA_VALUES_ZH.get(column, {})
    return known[value] if resolve(lang) == "zh" and value in known else value


_TOP = re.compile(r"top_(\d+(?:\.\d+)?)%")


def header(column, lang=None) -> str:
    """A column's display name: ``revenue_share`` -> "Revenue %" / "销售额 %"; a result
    column without a label reads as words in English (``profit_change`` -> "Profit change").

    >>> header("time_share", "zh"), header("top_5%", "zh"), header("drop_reason", "zh")
    ('时间占比', '前5%', '剔除原因')
    >>> header("profit_change", "en"), header("lever", "en")
    ('Profit change', 'Lever')
    """
    from kamlab.i18n import LABELS, column_label, resolve, t

    if not isinstance(column, str):
        return column
    if resolve(lang) == "zh":
        if column in RESULT_HEADERS_ZH:
            return RESULT_HEADERS_ZH[column]
        if column in LABELS and column not in COLUMNS:
            return t(column, "zh")
        top = _TOP.fullmatch(column)
        if top:
            return f"前{top.group(1)}%"
    if column == "accounts_share":
        return f"{t('accounts', lang)} %"
    if column.endswith("_share") and column not in COLUMNS:
        return f"{column_label(column[:-6], lang)} %"
    if column.endswith("_per_customer") and column not in COLUMNS:
        return t("per_customer", lang, value=column_label(column[:-13], lang))
    label = column_label(column, lang)
    if label == column and re.fullmatch(r"[a-z][a-z0-9_%]*", column):
        return column.replace("_", " ").capitalize()  # a result column: "Profit change"
    return label


def readable(df: pd.DataFrame, *, digits: int = 1, percent=None, money=None,
             lang=None) -> pd.DataFrame:
    """A display copy: share columns as "80.3%", money as "1,234,567", other floats rounded.

    In Chinese (``lang="zh"``, or the session language set by ``kamlab.set_language``) the
    column headers are translated too; in English they keep their code names, so a trainee
    can copy them into code.
    """
    from kamlab.i18n import resolve

    text = [c for c in df.columns if _is_text(df[c].dtype)]  # before numbers become text
    percent = share_columns(df) if percent is None else list(percent)
    money = money_columns(df) if money is None else list(money)
    out = df.copy()
    for c in out.columns:
        s = out[c]
        if c in percent:
            out[c] = s.map(lambda x: "" if pd.isna(x) else f"{x:.{digits}%}")
        elif c in money:
            out[c] = s.map(lambda x: "" if pd.isna(x) else f"{x:,.0f}")
        elif pd.api.types.is_float_dtype(s):
            out[c] = s.round(2)
    if resolve(lang) == "zh":
        _values_in_chinese(out, text)
        # a value beside its unit column is a quantity in that unit (a table of terms), not
        # the opportunity value of module 3 (预计年销售额)
        quantity = {"value": "数值"} if "unit" in out.columns else {}
        out.columns = [quantity.get(c) or header(c, "zh") for c in out.columns]
    return out


def _is_text(dtype) -> bool:
    return (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)
            or isinstance(dtype, pd.CategoricalDtype))


def _values_in_chinese(out: pd.DataFrame, text: list) -> None:
    """Codes and labels in the ``text`` columns and the index shown in Chinese (in place)."""
    from kamlab.i18n import value_text

    for c in out.columns:  # true/false as 是/否
        if pd.api.types.is_bool_dtype(out[c].dtype):
            out[c] = out[c].map({True: "是", False: "否"}).astype(object)
    for c in text:
        if c in out.columns:
            known = DATA_VALUES_ZH.get(c, {})
            out[c] = out[c].map(lambda v, c=c, known=known: data_value(c, v, "zh") if v in known
                                else value_text(v, c, "zh")).astype(object)
    if not isinstance(out.index, pd.MultiIndex) and _is_text(out.index.dtype):
        name = out.index.name  # row labels that are column names ("revenue") read as headers
        out.index = pd.Index([header(v, "zh") if v in COLUMNS else value_text(v, name, "zh")
                              for v in out.index], name=name)
    if out.index.name is not None:
        out.index.name = header(out.index.name, "zh")


def service_level_table(lang: str | None = None) -> pd.DataFrame:
    """Seed 001's service items per tier as a ✓ table (best tier first), in English or 中文."""
    from kamlab.i18n import resolve
    from kamlab.segmentation import SERVICE_LEVELS

    zh = resolve(lang) == "zh"
    table = SERVICE_LEVELS.set_index("service_zh" if zh else "service")[["A", "B", "C"]]
    table.index.name = "服务项目" if zh else "service"
    return table.replace({True: "✓", False: ""})


def strategies_table() -> pd.DataFrame:
    """Seed 001's grid strategies, both languages side by side: one row per strategy code.

    >>> strategies_table().loc["develop", ["strategy", "中文"]].tolist()
    ['Develop', '发展']
    """
    from kamlab.i18n import value_label
    from kamlab.segmentation import STRATEGIES

    return pd.DataFrame({"strategy": [value_label("strategy", k, "en") for k in STRATEGIES],
                         "中文": [value_label("strategy", k, "zh") for k in STRATEGIES],
                         "what to do": list(STRATEGIES.values())}, index=list(STRATEGIES))


def positioning_table() -> pd.DataFrame:
    """Seed 004's customer positions, both languages side by side: one row per position code.

    >>> positioning_table().loc["gold", ["position", "中文"]].tolist()
    ['Gold', '金牌顾客']
    """
    from kamlab.i18n import value_label
    from kamlab.segmentation import POSITIONING

    return pd.DataFrame({"position": [value_label("position", k, "en") for k in POSITIONING],
                         "中文": [value_label("position", k, "zh") for k in POSITIONING],
                         "relationship": [v[0] for v in POSITIONING.values()],
                         "resources": [v[1] for v in POSITIONING.values()]},
                        index=list(POSITIONING))


def role_matrix_table(matrix: pd.DataFrame | None = None, lang: str | None = None) -> pd.DataFrame:
    """:func:`~kamlab.proposal.role_matrix` for display: roles, phases and marks in ``lang``.

    >>> role_matrix_table(lang="zh").loc["财务", ["财务分析并了解供应情况", "完成建议书", "跟进"]].tolist()
    ['负责', '参与', '参与']
    """
    from kamlab.i18n import resolve, t, value_label
    from kamlab.proposal import role_matrix

    lang = resolve(lang)
    m = role_matrix() if matrix is None else matrix
    phases = [c for c in m.columns if c not in ("role", "phases_involved")]
    out = pd.DataFrame({value_label("phase", k, lang): m[k].map(
        lambda mark: value_label("involvement", mark, lang) if mark else "") for k in phases})
    out.index = [value_label("role", r, lang) for r in m["role"]]
    out.index.name = t("gantt.role", lang)
    return out
