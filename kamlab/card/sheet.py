"""The key-account card itself (seed 001) and seed 004's termination flags.

See :mod:`kamlab.card` for the overview; :func:`key_account_card` is the entry point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kamlab._language import LANGUAGES, resolve
from kamlab._validate import close_match, month_starts, require_columns, show
from kamlab._validate import number as _number
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = ["TERMINATION_CRITERIA", "KeyAccountCard", "TerminationFlag", "key_account_card"]

#: seed 004, 客户关系的终止: the five situations in which a relationship should end.
TERMINATION_CRITERIA = {
    "uneconomic": ("Cannot meet its needs economically", "无法经济地满足客户需求"),
    "credit_losses": ("Persistent losses from poor finances or credit", "财务或信用不佳致利益持续受损"),
    "fading": ("Orders fading out", "订货逐渐减少直至取消"),
    "bankruptcy_relocation": ("Bankruptcy or relocation out of our area", "破产或迁出服务区"),
    "legal": ("Legal or government prohibition", "法律法规或政府禁令"),
}

# Table text: key -> (English, 中文)
_TEXT = {
    "item": ("Item", "项目"), "value": ("Value", "数值"), "source": ("Source", "来源"),
    "flag": ("Flag", "标记"), "evidence": ("Evidence", "依据"), "rule": ("Rule", "判断标准"),
    "criterion": ("Criterion", "终止标准"), "step": ("Step", "步骤"), "answer": ("Answer", "回答"),
    "data": ("from the data", "来自数据"), "to_fill": ("to fill", "待填写"),
    "trainee": ("account team", "客户小组填写"), "yes": ("yes", "是"), "no": ("no", "否"),
    "unknown": ("not known — to fill", "未知——待填写"), "partly": ("partly", "部分"),
    "unanswered": ("not answered", "未回答"), "done": ("Done?", "是否做到"),
    "last_12": ("Last 12 months", "最近12个月"), "prior_12": ("12 months before", "前12个月"),
    "change": ("Change", "变化"),
}
_PROFILE_ROWS = {
    "name": ("Name", "名称"), "address": ("Address", "地址"), "phone": ("Phone", "电话"),
    "legal_representative": ("Legal representative", "法定代表人"),
    "industry": ("Industry", "行业"), "region": ("Region", "区域"),
    "owner": ("Account owner", "客户经理"), "account_tier": ("Tier", "客户级别"),
    "staff": ("Staff (management / sales / production / technical)",
              "人员结构(管理/销售/生产/技术)"),
    "bank": ("Bank", "开户银行"), "bank_rating": ("Bank rating", "银行信用等级"),
    "company_turnover": ("Its annual turnover (CNY)", "客户年营业额(元)"),
    "company_growth": ("Its turnover growth", "营业额增长率"),
    "main_products": ("Main products", "主营产品"),
    "credit_terms_days": ("Credit terms (days)", "信用期限(天)"),
    "status": ("Status", "经营状态"),
}
#: the bundled book's industries and regions, for the Chinese card (other values pass through)
_VALUES_ZH = {
    "Coatings": "涂料", "Plastics": "塑料", "Textiles": "纺织", "Pharmaceuticals": "医药",
    "Electronics": "电子", "Agrochemicals": "农化", "Construction": "建材", "Personal care": "日化",
    "East": "华东", "South": "华南", "North": "华北", "Central": "华中", "Southwest": "西南",
    "Northeast": "东北", "Northwest": "西北",
}
_STATUS = {"active": ("active", "正常经营"), "relocating": ("relocating", "迁出服务区"),
           "bankruptcy": ("bankruptcy", "破产")}
_SUMMARY_ROWS = {
    "revenue": ("Revenue (CNY)", "销售额(元)"), "gross_margin": ("Gross margin (CNY)", "毛利(元)"),
    "margin_rate": ("Margin rate", "毛利率"), "orders": ("Orders", "订单数"),
    "trend": ("Trend", "趋势"), "wallet": ("Annual potential (CNY)", "年采购潜力(元)"),
    "share_of_wallet": ("Share of wallet", "份额(占用率)"),
}
_TRENDS = {"growing": ("growing", "增长"), "steady": ("steady", "平稳"),
           "declining": ("declining", "下降"), "fading": ("fading out", "订货渐少")}
_CREDIT_ROWS = {
    "credit_limit": ("Credit limit (CNY)", "信用限额(元)"),
    "receivables": ("Receivables (CNY)", "应收账款余额(元)"),
    "credit_use": ("Credit use", "信用额度使用率"), "overdue": ("Overdue (CNY)", "逾期金额(元)"),
    "days_overdue": ("Days overdue now", "目前逾期天数"),
    "max_days_overdue": ("Most days overdue, 12 months", "12个月内最长逾期天数"),
    "months_overdue": ("Months with overdue amounts, of 12", "12个月中有逾期的月数"),
    "months_over_limit": ("Months over the limit, of 12", "12个月中超限额的月数"),
    "credit_terms_days": ("Credit terms (days)", "信用期限(天)"),
    "bank_rating": ("Bank rating", "银行信用等级"),
    "operating_cash_flow": ("Its operating cash flow, latest year (CNY)",
                            "客户经营现金流(最近一年,元)"),
}
_TX_COLUMNS = ("account_id", "month", "revenue", "gross_margin")
_CREDIT_COLUMNS = ("account_id", "month", "credit_limit", "receivables", "overdue", "days_overdue")


def _lang(lang) -> int:
    """0 for English, 1 for Chinese; ``None`` is the session language (kamlab.set_language)."""
    return LANGUAGES.index(resolve(lang))


def _money(x) -> str:
    return "—" if x is None or pd.isna(x) else f"{x:,.0f}"


def _pct(x, sign=False) -> str:
    if x is None or pd.isna(x):
        return "—"
    return f"{x:+.1%}" if sign else f"{x:.1%}"


@dataclass(frozen=True)
class TerminationFlag:
    """One of seed 004's termination criteria: ``flagged`` is True / False, or None when the
    data cannot say (the account team fills it); ``evidence`` holds the numbers behind it and
    ``rule`` the threshold, both as (English, 中文)."""

    code: str
    flagged: bool | None
    evidence: tuple[str, str]
    rule: tuple[str, str]


@dataclass(frozen=True)
class KeyAccountCard:
    """One account's key-account card (seed 001). Build it with :func:`key_account_card`.

    ``profile`` is the profile row as a dict; ``summary`` the transaction figures (last 12
    months vs the 12 before, trend, wallet, share of wallet); ``credit`` the credit figures
    (limit, use, overdue now, worst in 12 months); ``flags`` the five termination criteria;
    ``monthly`` the months up to ``as_of`` with ``revenue_12m`` (rolling 12-month total) and
    ``yoy_change``; ``credit_monthly`` the credit records with ``credit_use``.
    """

    account_id: str
    as_of: str
    profile: dict
    summary: dict
    credit: dict
    flags: tuple[TerminationFlag, ...]
    monthly: pd.DataFrame = field(repr=False)
    credit_monthly: pd.DataFrame = field(repr=False)

    @property
    def flagged(self) -> list[str]:
        """Codes of the termination criteria the data flags."""
        return [f.code for f in self.flags if f.flagged]

    def key_figures(self, lang: str | None = None) -> dict:
        """The card's key figures for a batch index, under canonical column names, JSON-ready
        (no NaN): ``name``, ``account_tier``, ``revenue`` (12 months), ``yoy_change`` (on the
        12 before), ``margin_rate``, ``trend``, ``share_of_wallet``, ``credit_use``,
        ``days_overdue``, ``operating_cash_flow`` (the account's, latest year, from the
        profile) and ``termination_flags`` (the criteria met, in ``lang``)."""
        def clean(x):
            if x is None or (isinstance(x, float) and np.isnan(x)):
                return None
            return x.item() if isinstance(x, np.generic) else x
        i = _lang(lang)
        s, c = self.summary, self.credit
        return {"name": self.profile.get("name"), "account_tier": self.profile.get("account_tier"),
                "revenue": clean(s["revenue_12"]), "yoy_change": clean(s["growth"]),
                "margin_rate": clean(s["margin_rate"]), "trend": _TRENDS[s["trend"]][i],
                "share_of_wallet": clean(s["share_of_wallet"]),
                "credit_use": clean(c.get("credit_use")),
                "days_overdue": clean(c.get("days_overdue")),
                "operating_cash_flow": clean(self.profile.get("operating_cash_flow")),
                "termination_flags": ("; " if i == 0 else ";").join(
                    TERMINATION_CRITERIA[f][i] for f in self.flagged)}

    def to_frame(self, part: str = "summary", lang: str | None = None) -> pd.DataFrame:
        """A table of the card for a report: ``part`` is "profile", "summary", "credit",
        "flags" (indexed by their item, in ``lang``: "en" or "zh") or "monthly" (the monthly
        series, canonical columns)."""
        i = _lang(lang)
        parts = {"profile": self._profile_frame, "summary": self._summary_frame,
                 "credit": self._credit_frame, "flags": self._flags_frame,
                 "monthly": self._monthly_frame}
        if part not in parts:
            raise ParameterError(f"KeyAccountCard.to_frame(): part must be one of "
                                 f"{show(list(parts))}; got {part!r}.", part=part)
        out = parts[part](i)
        return out if part == "monthly" else out.set_index(out.columns[0])

    def _profile_frame(self, i):
        p = self.profile
        rows = []
        for key, label in _PROFILE_ROWS.items():
            if key == "staff":
                parts = [p.get(f"staff_{k}") for k in ("management", "sales", "production",
                                                        "technical")]
                if p.get("employees") is None or any(v is None for v in parts):
                    continue
                value = f"{p['employees']:,.0f} ({' / '.join(f'{v:,.0f}' for v in parts)})"
            elif key not in p or p[key] is None or (isinstance(p[key], float) and pd.isna(p[key])):
                continue
            elif key == "company_turnover":
                value = _money(p[key])
            elif key == "company_growth":
                value = _pct(p[key], sign=True)
            elif key == "status":
                value = _STATUS.get(p[key], (p[key], p[key]))[i]
            elif key in ("industry", "region") and i == 1:
                value = _VALUES_ZH.get(p[key], str(p[key]))
            else:
                value = str(p[key])
            rows.append((label[i], value))
        return pd.DataFrame(rows, columns=[_TEXT["item"][i], _TEXT["value"][i]])

    def _summary_frame(self, i):
        s = self.summary
        rows = [
            (_SUMMARY_ROWS["revenue"][i], _money(s["revenue_12"]), _money(s["revenue_prior_12"]),
             _pct(s["growth"], sign=True)),
            (_SUMMARY_ROWS["gross_margin"][i], _money(s["margin_12"]), _money(s["margin_prior_12"]),
             _pct(s["margin_growth"], sign=True)),
            (_SUMMARY_ROWS["margin_rate"][i], _pct(s["margin_rate"]), _pct(s["margin_rate_prior"]),
             "—" if s["margin_rate_prior"] is None or s["margin_rate"] is None else
             f"{(s['margin_rate'] - s['margin_rate_prior']) * 100:+.1f} pp"),
            (_SUMMARY_ROWS["orders"][i], _money(s["orders_12"]), _money(s["orders_prior_12"]),
             _pct(s["orders_growth"], sign=True)),
            (_SUMMARY_ROWS["trend"][i], _TRENDS[s["trend"]][i], "", ""),
            (_SUMMARY_ROWS["wallet"][i], _money(s["wallet"]), "", ""),
            (_SUMMARY_ROWS["share_of_wallet"][i], _pct(s["share_of_wallet"]), "", ""),
        ]
        return pd.DataFrame(rows, columns=[_TEXT["item"][i], _TEXT["last_12"][i],
                                           _TEXT["prior_12"][i], _TEXT["change"][i]])

    def _credit_frame(self, i):
        c = self.credit
        rows = []
        for key, label in _CREDIT_ROWS.items():
            if key not in c:
                continue
            v = c[key]
            if key == "credit_use":
                text = _pct(v)
            elif key in ("credit_limit", "receivables", "overdue", "operating_cash_flow"):
                text = _money(v)
            elif v is None:
                text = "—"
            else:
                text = str(v) if isinstance(v, str) else f"{v:,.0f}"
            rows.append((label[i], text))
        return pd.DataFrame(rows, columns=[_TEXT["item"][i], _TEXT["value"][i]])

    def _flags_frame(self, i):
        word = {True: _TEXT["yes"][i], False: _TEXT["no"][i], None: _TEXT["unknown"][i]}
        rows = [(TERMINATION_CRITERIA[f.code][i], word[f.flagged], f.evidence[i], f.rule[i])
                for f in self.flags]
        return pd.DataFrame(rows, columns=[_TEXT["criterion"][i], _TEXT["flag"][i],
                                           _TEXT["evidence"][i], _TEXT["rule"][i]])

    def _monthly_frame(self, i):
        return self.monthly.copy()


# -- building the card ---------------------------------------------------------------------------

def _months(values, func: str, table: str) -> pd.Series:
    """``YYYY-MM`` text (or dates) -> monthly Periods, with a clear error."""
    values = pd.Series(values).reset_index(drop=True)
    parsed = month_starts(values)
    bad = values[parsed.isna()].astype("string").str.strip()
    if len(bad):
        raise InvalidDataError(
            f"{func}(): the {table}' month must be a month like '2026-06' (or 2026/6, 2026年6月); "
            f"could not read {show(bad.tolist())}. Fix the month column.", column="month",
            values=bad.tolist())
    return parsed.dt.to_period("M").reset_index(drop=True)


def _account_rows(df, account_id, columns, func, table, nonnegative):
    require_columns(df, list(columns), func=func, source=f"the {table}")
    ids = df["account_id"].astype("string").str.strip()
    rows = df.loc[(ids == account_id).to_numpy()].reset_index(drop=True)
    if rows.empty:
        raise InvalidDataError(f"{func}(): the {table} have no rows for account {account_id!r}. "
                               f"Give the {table} of this account, or check the id.",
                               account_id=account_id)
    out = pd.DataFrame({"month": _months(rows["month"], func, table)})
    for column in columns[2:]:
        values = pd.to_numeric(rows[column], errors="coerce")
        blank = values.isna()
        if blank.any():
            raise InvalidDataError(
                f"{func}(): {table} of {account_id!r}: {column!r} is blank or not a number in "
                f"month(s) {show(out['month'][blank].astype(str).tolist())}. Fill in the value "
                "(0 if there was none).", column=column,
                rows=out["month"][blank].astype(str).tolist())
        if column in nonnegative and (values < 0).any():
            neg = out["month"][values < 0].astype(str).tolist()
            raise InvalidDataError(
                f"{func}(): {table} of {account_id!r}: {column!r} is negative in month(s) "
                f"{show(neg)}; it cannot be below 0. Fix those months.", column=column, rows=neg)
        out[column] = values.astype(float).to_numpy()
    dup = out["month"][out["month"].duplicated()].astype(str).unique().tolist()
    if dup:
        raise InvalidDataError(
            f"{func}(): {table} of {account_id!r} have month(s) {show(dup)} more than once. Keep "
            "one row per month (add the rows of a month up first).", column="month", rows=dup)
    out = out.sort_values("month").reset_index(drop=True)
    full = pd.period_range(out["month"].iloc[0], out["month"].iloc[-1], freq="M")
    missing = sorted(set(full) - set(out["month"]))
    if missing:
        raise InvalidDataError(
            f"{func}(): {table} of {account_id!r} have no row for month(s) "
            f"{show([str(m) for m in missing])} between {full[0]} and {full[-1]}. Add the month "
            "(with 0 if nothing happened).", column="month", rows=[str(m) for m in missing])
    return out


def _window_sum(series, end, n):
    return float(series.iloc[max(0, end - n):end].sum())


def _cash_flow_text(cash):
    if cash is None:
        return "", ""
    return (f"; operating cash flow CNY {cash:,.0f} (latest year)",
            f";经营现金流{cash:,.0f}元(最近一年)")


def _flags(summary, credit, profile, book_profit, *, min_margin_rate, overdue_days,
           overdue_months, min_cash_flow, cash_flow_overdue_months, fade_ratio, fade_months,
           bankruptcy_or_relocation, legal_prohibition):
    flags = []
    rate = summary["margin_rate"]
    unecon = rate is not None and rate < min_margin_rate
    ev_en = f"margin rate {_pct(rate)}"
    ev_zh = f"毛利率{_pct(rate)}"
    if book_profit is not None:
        unecon = unecon or book_profit < 0
        ev_en += f"; profit contribution CNY {book_profit:,.0f}"
        ev_zh += f";利润贡献{book_profit:,.0f}元"
    flags.append(TerminationFlag(
        "uneconomic", bool(unecon), (ev_en, ev_zh),
        (f"margin rate below {min_margin_rate:.0%}, or a negative profit contribution",
         f"毛利率低于{min_margin_rate:.0%},或利润贡献为负")))
    cash = profile.get("operating_cash_flow")
    cash = None if cash is None or pd.isna(cash) else float(cash)
    cash_en, cash_zh = _cash_flow_text(cash)
    if credit:
        n = credit["months_late"]
        short_of_cash = cash is not None and cash < min_cash_flow
        flagged = n >= overdue_months or (short_of_cash and n >= cash_flow_overdue_months)
        flags.append(TerminationFlag(
            "credit_losses", bool(flagged),
            (f"{n} of 12 months more than {overdue_days} days overdue; worst "
             f"{credit['max_days_overdue']:,.0f} days{cash_en}",
             f"12个月中{n}个月逾期超过{overdue_days}天;最长{credit['max_days_overdue']:,.0f}天"
             f"{cash_zh}"),
            (f"more than {overdue_days} days overdue in at least {overdue_months} of 12 months; "
             f"or in {cash_flow_overdue_months} with an operating cash flow below CNY "
             f"{min_cash_flow:,.0f}",
             f"12个月中至少{overdue_months}个月逾期超过{overdue_days}天;或经营现金流低于"
             f"{min_cash_flow:,.0f}元且至少{cash_flow_overdue_months}个月逾期超过{overdue_days}天")))
    else:
        flags.append(TerminationFlag("credit_losses", None,
                                     ("no credit records" + cash_en, "无信用记录" + cash_zh),
                                     ("", "")))
    ratio = summary["fade_ratio"]
    flags.append(TerminationFlag(
        "fading", ratio is not None and ratio < fade_ratio,
        (f"last {fade_months} months = {_pct(ratio)} of the {fade_months} before",
         f"最近{fade_months}个月销售额为之前{fade_months}个月的{_pct(ratio)}"),
        (f"below {fade_ratio:.0%}", f"低于{fade_ratio:.0%}")))
    status = profile.get("status")
    if bankruptcy_or_relocation is not None:
        flagged, ev = bool(bankruptcy_or_relocation), ("account team's answer", "客户小组的判断")
    elif isinstance(status, str):
        flagged = status in ("bankruptcy", "relocating")
        ev = (f"status: {_STATUS.get(status, (status,))[0]}",
              f"经营状态:{_STATUS.get(status, (status, status))[1]}")
    else:
        flagged, ev = None, ("no status in the profile", "客户概况中无经营状态")
    flags.append(TerminationFlag("bankruptcy_relocation", flagged, ev,
                                 ("profile status, or the account team", "客户概况或客户小组")))
    legal = profile.get("legal_restriction")
    if legal_prohibition is not None:
        flagged, ev = bool(legal_prohibition), ("account team's answer", "客户小组的判断")
    elif legal is not None and not (isinstance(legal, float) and np.isnan(legal)):
        flagged = bool(legal)
        ev = ("legal restriction in the profile" if flagged else "none in the profile",
              "客户概况注明法律禁止" if flagged else "客户概况未注明")
    else:
        flagged, ev = None, ("not in the profile", "客户概况中无此项")
    flags.append(TerminationFlag("legal", flagged, ev,
                                 ("profile, or the account team", "客户概况或客户小组")))
    return tuple(flags)


def key_account_card(account_id, profiles: pd.DataFrame, transactions: pd.DataFrame,
                     credit: pd.DataFrame | None = None, *, as_of=None,
                     book: pd.DataFrame | None = None, min_margin_rate: float = 0.05,
                     overdue_days: int = 60, overdue_months: int = 6,
                     min_cash_flow: float = 0.0, cash_flow_overdue_months: int = 3,
                     fade_ratio: float = 0.4,
                     fade_months: int = 6, steady_band: float = 0.04,
                     bankruptcy_or_relocation: bool | None = None,
                     legal_prohibition: bool | None = None) -> KeyAccountCard:
    """One account's key-account card: profile, transactions, wallet, credit and flags.

    Parameters
    ----------
    account_id : the account, as in ``profiles["account_id"]``.
    profiles : one row per account (``account_profiles``; only ``account_id`` is required).
    transactions : monthly rows ``account_id``, ``month`` (``YYYY-MM``), ``revenue``,
        ``gross_margin`` (``orders`` when present), every month present once.
    credit : monthly rows ``account_id``, ``month``, ``credit_limit``, ``receivables``,
        ``overdue``, ``days_overdue``; None leaves the credit part empty.
    as_of : the card's month (``"2026-06"``); default the account's last month. The card uses
        the months up to it; at least 12 must be there.
    book : the customer book; its ``wallet`` gives share of wallet and its ``profit`` the
        first termination criterion.
    min_margin_rate, overdue_days, overdue_months, min_cash_flow, cash_flow_overdue_months,
    fade_ratio, fade_months : the thresholds of the termination flags (see Notes).
        ``steady_band``: growth within ± this is steady.
    bankruptcy_or_relocation, legal_prohibition : the account team's answer (True/False) to
        criteria 4 and 5; None takes ``status`` / ``legal_restriction`` from the profile.

    Returns
    -------
    KeyAccountCard

    Raises
    ------
    ParameterError (unknown account, an ``as_of`` outside the data, a bad threshold),
    MissingColumnsError, InvalidDataError (blank values, negative orders or credit figures,
    a month twice, a month missing, a month that cannot be read).

    Notes
    -----
    Seed 001: the card holds the profile (名称、地址、电话、法人代表、人员结构、开户银行), our
    transactions and their change, the account's operations and its credit (银行评价、现金流、
    信用期限、信用限额). Seed 004's termination criteria, as flags: (1) uneconomic — margin rate
    below ``min_margin_rate`` or a negative profit contribution in ``book``; (2) persistent
    credit losses — more than ``overdue_days`` days overdue in at least ``overdue_months`` of
    the last 12 months, or in at least ``cash_flow_overdue_months`` of them when the profile's
    ``operating_cash_flow`` (the account's, over its latest year) is below ``min_cash_flow``
    (CNY, default 0: a negative cash flow — poor finances — makes shorter lateness count); the
    cash flow is shown in the evidence and in the credit table (银行评价、现金流…); (3) fading — revenue in the last ``fade_months`` below ``fade_ratio``
    of the ``fade_months`` before; (4) bankruptcy or relocation and (5) legal prohibition —
    from the profile or the account team.

    >>> import pandas as pd
    >>> months = [str(pd.Period("2024-01", "M") + k) for k in range(24)]
    >>> tx = pd.DataFrame({"account_id": "K1", "month": months,
    ...                    "revenue": [100] * 12 + [110] * 12, "gross_margin": 15})
    >>> card = key_account_card("K1", pd.DataFrame({"account_id": ["K1"]}), tx)
    >>> card.summary["growth"], card.summary["trend"], card.flagged
    (0.1, 'growing', [])
    """
    func = "key_account_card"
    require_columns(profiles, ["account_id"], func=func, source="the profiles")
    ids = profiles["account_id"].astype("string").str.strip()
    account_id = str(account_id).strip()
    if not (ids == account_id).any():
        known = ids.dropna().tolist()
        folded = [k for k in known if k.casefold() == account_id.casefold()]
        close = folded[0] if folded else close_match(account_id, known, cutoff=0.8)
        hint = f" Did you mean {close!r}?" if close else ""
        raise ParameterError(f"{func}(): no account {account_id!r} in the profiles "
                             f"({len(known)} accounts, e.g. {show(known, 5)}).{hint}",
                             account_id=account_id)
    for name, value in (("min_margin_rate", min_margin_rate), ("fade_ratio", fade_ratio),
                        ("steady_band", steady_band)):
        _number(name, value, func)
    _number("min_cash_flow", min_cash_flow, func)
    for name, value in (("overdue_days", overdue_days), ("overdue_months", overdue_months),
                        ("cash_flow_overdue_months", cash_flow_overdue_months),
                        ("fade_months", fade_months)):
        _number(name, value, func, nonnegative=True)
    if not 1 <= fade_months <= 12:
        raise ParameterError(f"{func}(): fade_months must be 1 to 12; got {fade_months!r}.")
    row = profiles.loc[(ids == account_id).to_numpy()].iloc[0]
    profile = {k: (None if (not isinstance(v, str) and pd.isna(v)) else
                   (v.item() if isinstance(v, np.generic) else v)) for k, v in row.items()}
    profile["account_id"] = account_id
    tx_cols = _TX_COLUMNS + (("orders",) if "orders" in transactions.columns else ())
    tx = _account_rows(transactions, account_id, tx_cols, func, "transactions", {"orders"})
    first, last = tx["month"].iloc[0], tx["month"].iloc[-1]
    if as_of is None:
        end = last
    else:
        try:
            end = pd.Period(str(as_of).strip()[:7].replace("/", "-"), freq="M")
        except (ValueError, TypeError):
            raise ParameterError(f"{func}(): as_of must be a month like '2026-06'; got "
                                 f"{as_of!r}.", as_of=as_of) from None
        if end > last or end < first + 11:
            raise ParameterError(
                f"{func}(): as_of {str(end)!r} is outside the transactions of {account_id!r} "
                f"({first} … {last}); the card needs 12 months up to as_of, so give a month "
                f"from {first + 11} to {last}.", as_of=str(end))
    tx = tx[tx["month"] <= end].reset_index(drop=True)
    if len(tx) < 12:
        raise ParameterError(f"{func}(): {account_id!r} has {len(tx)} month(s) of transactions "
                             f"up to {end}; the card needs at least 12.", as_of=str(end))
    n = len(tx)
    rev, gm = tx["revenue"], tx["gross_margin"]
    r12, m12 = _window_sum(rev, n, 12), _window_sum(gm, n, 12)
    has_prior = n >= 24
    rp, mp = (_window_sum(rev, n - 12, 12), _window_sum(gm, n - 12, 12)) if has_prior else (None, None)

    def growth(now, before):
        return None if before is None or before == 0 else round(now / before - 1, 6)

    orders = tx["orders"] if "orders" in tx else None
    o12 = _window_sum(orders, n, 12) if orders is not None else None
    op = _window_sum(orders, n - 12, 12) if orders is not None and has_prior else None
    last_f, before_f = _window_sum(rev, n, fade_months), _window_sum(rev, n - fade_months, fade_months)
    if n < 2 * fade_months:
        fade = None
    elif before_f > 0:
        fade = round(last_f / before_f, 6)
    else:  # nothing in either window: faded out already if it ever bought before them
        earlier = float(rev.iloc[: n - 2 * fade_months].clip(lower=0).sum())
        fade = 0.0 if last_f <= 0 and earlier > 0 else None
    g = growth(r12, rp)
    if fade is not None and fade < fade_ratio:
        trend = "fading"
    elif g is None or abs(g) <= steady_band:
        trend = "steady"
    else:
        trend = "growing" if g > 0 else "declining"
    wallet = share = profit = None
    if book is not None:
        require_columns(book, ["account_id"], func=func, source="the book")
        hit = book.loc[(book["account_id"].astype("string").str.strip() == account_id).to_numpy()]
        if len(hit):
            if "wallet" in hit and pd.notna(hit["wallet"].iloc[0]):
                wallet = float(hit["wallet"].iloc[0])
                share = round(r12 / wallet, 6) if wallet > 0 else None
            if "profit" in hit and pd.notna(hit["profit"].iloc[0]):
                profit = float(hit["profit"].iloc[0])
    summary = {
        "revenue_12": r12, "revenue_prior_12": rp, "growth": g,
        "margin_12": m12, "margin_prior_12": mp, "margin_growth": growth(m12, mp),
        "margin_rate": None if r12 == 0 else round(m12 / r12, 6),
        "margin_rate_prior": None if not rp else round(mp / rp, 6),
        "orders_12": o12, "orders_prior_12": op, "orders_growth": growth(o12, op),
        "fade_ratio": fade, "trend": trend, "wallet": wallet, "share_of_wallet": share,
        "profit": profit,
    }
    monthly = pd.DataFrame({"month": tx["month"].astype(str), "revenue": rev,
                            "gross_margin": gm})
    if orders is not None:
        monthly["orders"] = orders
    monthly["revenue_12m"] = rev.rolling(12).sum()
    monthly["yoy_change"] = rev / rev.shift(12).where(rev.shift(12) != 0) - 1
    credit_figures, credit_monthly = {}, pd.DataFrame()
    if credit is not None:
        cr = _account_rows(credit, account_id, _CREDIT_COLUMNS, func, "credit records",
                           set(_CREDIT_COLUMNS[2:]))
        cr = cr[cr["month"] <= end].reset_index(drop=True)
        if cr.empty or cr["month"].iloc[-1] != end:
            raise InvalidDataError(f"{func}(): the credit records of {account_id!r} have no row "
                                   f"for {end}, the card's month. Add it, or pass as_of.",
                                   as_of=str(end))
        last12 = cr.tail(12)
        now = cr.iloc[-1]
        credit_figures = {
            "credit_limit": now["credit_limit"], "receivables": now["receivables"],
            "credit_use": None if now["credit_limit"] <= 0 else
            round(now["receivables"] / now["credit_limit"], 6),
            "overdue": now["overdue"], "days_overdue": now["days_overdue"],
            "max_days_overdue": float(last12["days_overdue"].max()),
            "months_overdue": int((last12["overdue"] > 0).sum()),
            "months_over_limit": int((last12["receivables"] > last12["credit_limit"]).sum()),
            "months_late": int((last12["days_overdue"] > overdue_days).sum()),
        }
        for key in ("credit_terms_days", "bank_rating", "operating_cash_flow"):
            if profile.get(key) is not None:
                credit_figures[key] = profile[key]
        credit_monthly = pd.DataFrame({"month": cr["month"].astype(str),
                                       **{c: cr[c] for c in _CREDIT_COLUMNS[2:]}})
        credit_monthly["credit_use"] = cr["receivables"] / cr["credit_limit"].where(
            cr["credit_limit"] > 0)
    flags = _flags(summary, credit_figures, profile, profit, min_margin_rate=min_margin_rate,
                   overdue_days=overdue_days, overdue_months=overdue_months,
                   min_cash_flow=min_cash_flow, cash_flow_overdue_months=cash_flow_overdue_months,
                   fade_ratio=fade_ratio, fade_months=fade_months,
                   bankruptcy_or_relocation=bankruptcy_or_relocation,
                   legal_prohibition=legal_prohibition)
    credit_figures.pop("months_late", None)
    return KeyAccountCard(account_id, str(end), profile, summary, credit_figures, flags,
                          monthly, credit_monthly)
