"""Chinese / English labels for charts, tables, dashboards and reports.

One call draws either language: every ``plot_*`` takes ``lang="en" | "zh"`` (default: the
session language, set with :func:`set_language` or the ``KAMLAB_LANG`` environment variable).

>>> t("revenue", "zh")
'销售额'
>>> t("revenue", "en")
'Revenue'
>>> t("pareto.title", "zh", value=t("revenue", "zh"))
'销售额集中度(帕累托曲线)'
"""

from __future__ import annotations

import os

from kamlab.exceptions import ParameterError

__all__ = ["LANGUAGES", "LABELS", "get_language", "set_language", "t", "resolve", "column_label"]

LANGUAGES = ("en", "zh")

# key -> (English, 中文). Keys with {placeholders} are formatted by t(..., **values).
LABELS: dict[str, tuple[str, str]] = {
    # values
    "revenue": ("Revenue", "销售额"),
    "profit": ("Profit contribution", "利润贡献"),
    "gross_margin": ("Gross margin", "毛利"),
    "sales_hours": ("Salesperson time", "销售人员时间"),
    "accounts": ("Accounts", "客户数"),
    "customers": ("Customers", "客户"),
    "wallet": ("Annual potential", "年采购潜力"),
    "share_of_wallet": ("Share of wallet", "份额(占用率)"),
    "score": ("Score", "得分"),
    "tier": ("Tier", "级别"),
    "segment": ("Segment", "细分市场"),
    "unit.cny": ("CNY", "元"),
    "unit.cny_m": ("CNY m", "百万元"),
    "unit.hours": ("hours", "小时"),
    # concentration
    "pareto.title": ("Concentration of {value} (Pareto curve)", "{value}集中度(帕累托曲线)"),
    "pareto.x": ("Share of accounts, largest first (%)", "客户数累计占比,从大到小(%)"),
    "pareto.y": ("Cumulative share of {value} (%)", "{value}累计占比(%)"),
    "lorenz.title": ("Lorenz curve of {value}", "{value}洛伦兹曲线"),
    "equality": ("Equal shares", "完全平均"),
    "gini": ("Gini", "基尼系数"),
    "hhi": ("HHI", "赫芬达尔指数"),
    # segmentation
    "abc.A": ("A", "A类"),
    "abc.B": ("B", "B类"),
    "abc.C": ("C", "C类"),
    "time_value.title": ("Where salesperson time goes vs where value is",
                         "销售人员时间投入与价值分布"),
    "share_pct": ("Share (%)", "占比(%)"),
    "grid.title": ("Strategy grid", "策略矩阵"),
    "attractiveness": ("Customer attractiveness", "客户吸引力"),
    "relationship": ("Relationship", "关系状况"),
    "our_attractiveness": ("Our attractiveness to the customer", "我们对客户的吸引力"),
    "sensitivity.title": ("Top-{n} changes when one weight moves ±{pct}%",
                          "单项权重变动±{pct}%时前{n}名的变化"),
    "sensitivity.x": ("Accounts entering / leaving the top {n}", "进入/退出前{n}名的客户数"),
    "criterion": ("Criterion", "指标"),
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
    """The label for ``key`` in ``lang``; unknown keys come back as the key itself."""
    pair = LABELS.get(key)
    if pair is None:
        text = key
    else:
        text = pair[LANGUAGES.index(resolve(lang))]
    return text.format(**values) if values else text


def column_label(column: str, lang: str | None = None) -> str:
    """A column's display label: the i18n label, else the canonical column's own name."""
    if column in LABELS:
        return t(column, lang)
    from kamlab.columns import COLUMNS

    col = COLUMNS.get(column)
    if col is None:
        return column
    return col.zh if resolve(lang) == "zh" else col.en
