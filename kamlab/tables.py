"""Readable tables for notebooks and reports: shares as percentages, money with separators.

These return new DataFrames of text for display only; compute on the numeric originals.

>>> import pandas as pd
>>> readable(pd.DataFrame({"tier": ["A"], "revenue": [1234567.0], "revenue_share": [0.8031]}))
  tier    revenue revenue_share
0    A  1,234,567         80.3%
"""

from __future__ import annotations

import pandas as pd

from kamlab.columns import COLUMNS

__all__ = ["readable", "share_columns", "money_columns", "header", "service_level_table",
           "strategies_table", "positioning_table", "role_matrix_table"]


def share_columns(df: pd.DataFrame) -> list[str]:
    """Columns holding fractions: canonical ``share`` columns, names ending in ``share`` or ``%``."""
    return [c for c in df.columns
            if isinstance(c, str) and (c.endswith(("share", "%"))
                                       or getattr(COLUMNS.get(c), "kind", "") == "share")]


def money_columns(df: pd.DataFrame) -> list[str]:
    """Canonical money columns present in ``df``."""
    return [c for c in df.columns if getattr(COLUMNS.get(c), "kind", "") == "money"]


def header(column, lang=None) -> str:
    """A column's display name: ``revenue_share`` -> "Revenue %" / "销售额 %"."""
    from kamlab.i18n import column_label, t

    if not isinstance(column, str):
        return column
    if column == "accounts_share":
        return f"{t('accounts', lang)} %"
    if column.endswith("_share") and column not in COLUMNS:
        return f"{column_label(column[:-6], lang)} %"
    if column.endswith("_per_customer") and column not in COLUMNS:
        return t("per_customer", lang, value=column_label(column[:-13], lang))
    return column_label(column, lang)


def readable(df: pd.DataFrame, *, digits: int = 1, percent=None, money=None,
             lang=None) -> pd.DataFrame:
    """A display copy: share columns as "80.3%", money as "1,234,567", other floats rounded.

    In Chinese (``lang="zh"``, or the session language set by ``kamlab.set_language``) the
    column headers are translated too; in English they keep their code names, so a trainee
    can copy them into code.
    """
    from kamlab.i18n import resolve

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
        out.columns = [header(c, "zh") for c in out.columns]
    return out


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
