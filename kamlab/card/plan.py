"""The account plan (seeds 001–003) and the practice / performance checklists (seeds 003, 000).

See :mod:`kamlab.card` for the overview; :func:`key_account_plan` and :func:`score_checklist`
are the entry points.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from kamlab._validate import close_match, show
from kamlab._validate import number as _number
from kamlab.card.sheet import _TEXT, _TRENDS, TERMINATION_CRITERIA, KeyAccountCard, _lang, _pct
from kamlab.exceptions import ParameterError
from kamlab.planning import CONTACT_FREQUENCY

__all__ = ["PRACTICES", "PERFORMANCE_TRACKING", "DATABASE_PRACTICES", "CHECKLISTS",
           "EXECUTIVE_TIME_SHARE", "PLAN_STEPS", "PlanItem", "AccountPlan", "ChecklistScore",
           "key_account_plan", "score_checklist", "checklist_table", "answers_by_checklist",
           "marked_checklist",
           "MARKS"]

#: seed 003, 大客户管理10策: the ten practices of a key-account department.
PRACTICES = {
    "supply_priority": ("Supply priority in peak season", "优先保证大客户的货源充足"),
    "front_line": ("Mobilise the customer's front-line staff (training)",
                   "充分调动客户的基层营业员、业务员"),
    "new_products": ("Pilot new products with key accounts first", "新产品首先在大客户中试销"),
    "promotions": ("Support their promotions and events", "关注并支援大客户的公关及促销活动"),
    "executive_visits": ("Executive visits (~1/3 of a sales executive's time)",
                         "安排高层主管拜访(营销主管约1/3时间拜访客户)"),
    "co_designed": ("Promotions designed with the customer", "与大客户一起设计促销方案"),
    "rep_feedback": ("Ask for feedback on our reps; change them if needed",
                     "征求大客户对营销人员的意见并及时调整"),
    "incentives": ("Incentive schemes: discounts, co-op promotion, contests, rebates",
                   "适当的奖励政策:折扣、合作促销、销售竞赛、返利"),
    "data_exchange": ("Timely, accurate sales-data exchange", "及时准确地传递销售信息"),
    "annual_forum": ("An annual key-account forum with our executives", "每年一度的大客户座谈会"),
}

#: seed 000, 跟踪并监督关键客户管理的业绩 (best practice).
PERFORMANCE_TRACKING = {
    "metrics_levels": ("Clear metrics at several levels", "对不同层面的业绩确定明确的指标"),
    "behaviour": ("Behaviour measured (calls, plans, coverage)", "评估行为"),
    "short_term": ("Short-term results measured (sales, margin)", "评估短期效益"),
    "long_term": ("Long-term impact measured (share, relationship)", "评估长期影响"),
    "pay_linked": ("Team pay linked to performance", "关键客户服务小组的薪酬与业绩挂钩"),
    "regular_review": ("A management process that reviews performance regularly",
                       "建立管理流程,定期审核业绩"),
    "results_shared": ("Review results and activities communicated in the organisation",
                       "在组织内部传达审核结果和活动"),
}

#: seed 000's bank case (notebook 05): the organisational items of its KAM plan.
DATABASE_PRACTICES = {
    "database": ("A customer database kept up to date by the managers",
                 "制定客户数据库并由管理人员负责更新"),
    "best_practice": ("Best-practice sharing in team discussions", "安排小组讨论共享最佳典范经验"),
    "skills": ("Research into the skills and structure account managers need",
               "确定客户经理实现最大价值的关键技能和结构"),
    "incentives_key": ("Incentives tied to the key accounts", "将激励与关键客户重点相挂钩"),
}

CHECKLISTS = {"practices": PRACTICES, "tracking": PERFORMANCE_TRACKING,
              "database": DATABASE_PRACTICES}

#: seed 003: a sales executive spends about a third of the year visiting customers.
EXECUTIVE_TIME_SHARE = 1 / 3


# -- the account plan ----------------------------------------------------------------------------

#: seed 001 (制定客户管理战略) and 002: the plan's steps, in order.
PLAN_STEPS = {
    "information": ("Information", "信息收集"),
    "analysis": ("Analysis", "分析"),
    "strategy": ("Strategy", "策略"),
    "activities": ("Activities", "行动计划"),
}
_PLAN_ITEMS = {
    "revenue": ("Our revenue, last 12 months", "最近12个月我方销售额"),
    "growth": ("Our growth", "我方销售增长"),
    "share_of_wallet": ("Our share of its spend", "我方份额(占用率)"),
    "credit": ("Credit", "信用状况"),
    "customer": ("The customer: its market, strategy, needs", "客户分析:市场、战略、需求"),
    "competitors": ("Competitors", "竞争对手分析"),
    "ourselves": ("Ourselves: our position with the account", "自身分析:我方与客户的关系"),
    "strengths": ("SWOT — strengths", "SWOT——优势"),
    "weaknesses": ("SWOT — weaknesses", "SWOT——劣势"),
    "opportunities": ("SWOT — opportunities", "SWOT——机会"),
    "threats": ("SWOT — threats", "SWOT——威胁"),
    "relationship": ("Relationship we want", "希望建立的关系"),
    "how": ("How we build it", "如何建立这种关系"),
    "contacts": ("Contacts a year", "每年联系次数"),
    "visits": ("Visits", "拜访安排"),
    "executive": ("Executive contact", "高层拜访"),
}
_PLAN_ORDER = {
    "information": ("revenue", "growth", "share_of_wallet", "credit"),
    "analysis": ("customer", "competitors", "ourselves", "strengths", "weaknesses",
                 "opportunities", "threats"),
    "strategy": ("relationship", "how"),
    "activities": ("contacts", "visits", "executive"),
}
_SOURCES = ("data", "to_fill", "trainee")


@dataclass(frozen=True)
class PlanItem:
    """One line of an account plan: ``text`` as (English, 中文) and where it came from
    (``"data"``, ``"to_fill"`` or ``"trainee"``)."""

    step: str
    code: str
    text: tuple[str, str]
    source: str


@dataclass(frozen=True)
class AccountPlan:
    """Seed 001/002's account plan for one account: information → analysis (customer,
    competitors, ourselves, SWOT) → strategy → activities. Build it with
    :func:`key_account_plan`; :meth:`fill` adds the account team's answers."""

    account_id: str
    items: tuple[PlanItem, ...]

    def missing(self) -> list[str]:
        """Codes still to fill by the account team."""
        return [i.code for i in self.items if i.source == "to_fill"]

    def fill(self, **answers) -> AccountPlan:
        """A new plan with the account team's text for some items (``how="..."``); text is
        one string (both languages) or an (English, 中文) pair."""
        known = {i.code for i in self.items}
        unknown = [k for k in answers if k not in known]
        if unknown:
            raise ParameterError(f"AccountPlan.fill(): no plan item {show(unknown)}; items: "
                                 f"{show(sorted(known), 20)}.", unknown=unknown)
        items = []
        for item in self.items:
            if item.code in answers:
                text = answers[item.code]
                pair = (text, text) if isinstance(text, str) else tuple(text)
                if len(pair) != 2 or not all(isinstance(t, str) for t in pair):
                    raise ParameterError(f"AccountPlan.fill(): {item.code} must be text or an "
                                         f"(English, 中文) pair; got {text!r}.", code=item.code)
                item = replace(item, text=pair, source="trainee")
            items.append(item)
        return replace(self, items=tuple(items))

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The plan as a table: step, item, content, source — in ``lang``."""
        i = _lang(lang)
        rows = [(PLAN_STEPS[it.step][i], _PLAN_ITEMS[it.code][i],
                 it.text[i] if it.source != "to_fill" or it.text[i] else _TEXT["to_fill"][i],
                 _TEXT[it.source][i]) for it in self.items]
        return pd.DataFrame(rows, columns=[_TEXT["step"][i], _TEXT["item"][i],
                                           _TEXT["value"][i], _TEXT["source"][i]])


def _relationship(share):
    """Seed 002's share-of-wallet classes: R > 30% maintain, D 10–30% develop, A < 10% open up."""
    if share is None:
        return None
    if share > 0.30:
        return ("maintain and defend our main-supplier position (R: share > 30%)",
                "维持并巩固主要供应商地位(R:份额>30%)")
    if share >= 0.10:
        return ("develop: win a larger share of its spend (D: share 10–30%)",
                "发展:争取更大份额(D:份额10–30%)")
    return ("open up: become a real supplier (A: share < 10%)", "开发:成为其真正的供应商(A:份额<10%)")


def key_account_plan(card: KeyAccountCard, *, contact_frequency=None,
                     executive_hours: float = 1_600, key_accounts: int = 250) -> AccountPlan:
    """The account plan for a card, filled from the data where the data can say something.

    Parameters
    ----------
    card : from :func:`key_account_card` (with ``book`` for share of wallet).
    contact_frequency : dict tier -> contacts a year; default
        :data:`kamlab.planning.CONTACT_FREQUENCY` (A 24, B 12, C 4).
    executive_hours, key_accounts : a sales executive's working hours a year and the number
        of key accounts sharing the third of them spent visiting customers (seed 003).

    Returns
    -------
    AccountPlan — items from the data carry ``source="data"``; the others are
    ``"to_fill"``: competitors by name, the customer's strategy, how to build the
    relationship, visits.

    Notes
    -----
    Seed 001 (制定客户管理战略): collect information, analyse the customer (SWOT), the
    competitors and ourselves, then decide what relationship we want and how to build it;
    seed 002: contact frequency and type by A/B/C class; seed 003: a sales executive spends
    about 1/3 of the time visiting customers, key accounts first.

    >>> import pandas as pd
    >>> months = [str(pd.Period("2024-01", "M") + k) for k in range(24)]
    >>> tx = pd.DataFrame({"account_id": "K1", "month": months,
    ...                    "revenue": [100] * 12 + [110] * 12, "gross_margin": 15})
    >>> from kamlab.card import key_account_card
    >>> profile = pd.DataFrame({"account_id": ["K1"], "account_tier": ["A"]})
    >>> plan = key_account_plan(key_account_card("K1", profile, tx))
    >>> plan.to_frame().iloc[-3:, 2].tolist()[0]
    '24 a year (tier A)'
    """
    if not isinstance(card, KeyAccountCard):
        raise ParameterError(f"key_account_plan() takes a KeyAccountCard from key_account_card(); "
                             f"got {type(card).__name__}.", got=type(card).__name__)
    freq = CONTACT_FREQUENCY if contact_frequency is None else contact_frequency
    _number("executive_hours", executive_hours, "key_account_plan", nonnegative=True)
    _number("key_accounts", key_accounts, "key_account_plan", positive=True)
    s, c, p = card.summary, card.credit, card.profile
    texts: dict[str, tuple[str, str] | None] = dict.fromkeys(_PLAN_ITEMS)
    texts["revenue"] = (f"CNY {s['revenue_12']:,.0f}; margin rate {_pct(s['margin_rate'])}",
                        f"{s['revenue_12']:,.0f}元;毛利率{_pct(s['margin_rate'])}")
    if s["growth"] is not None:
        texts["growth"] = (f"{_pct(s['growth'], True)} on the 12 months before "
                           f"({_TRENDS[s['trend']][0]})",
                           f"比前12个月{_pct(s['growth'], True)}({_TRENDS[s['trend']][1]})")
    if s["share_of_wallet"] is not None:
        texts["share_of_wallet"] = (
            f"{_pct(s['share_of_wallet'])} of CNY {s['wallet']:,.0f} a year",
            f"年采购潜力{s['wallet']:,.0f}元的{_pct(s['share_of_wallet'])}")
        other = s["wallet"] - s["revenue_12"]
        texts["competitors"] = (
            f"others sell it CNY {other:,.0f} a year ({_pct(1 - s['share_of_wallet'])}); "
            "name them and their offer — to fill",
            f"其他供应商每年{other:,.0f}元({_pct(1 - s['share_of_wallet'])});竞争对手名称及其方案待填写")
        if other > 0:
            texts["opportunities"] = (f"headroom of CNY {other:,.0f} a year in its spend",
                                      f"客户采购中尚有{other:,.0f}元/年的空间")
    if c:
        texts["credit"] = (
            f"{_pct(c['credit_use'])} of a CNY {c['credit_limit']:,.0f} limit used; "
            f"{c['days_overdue']:,.0f} days overdue now, {c['months_overdue']} of 12 months "
            "with overdue amounts",
            f"已用信用限额{c['credit_limit']:,.0f}元的{_pct(c['credit_use'])};目前逾期"
            f"{c['days_overdue']:,.0f}天,12个月中{c['months_overdue']}个月有逾期")
    own = p.get("company_growth")
    if own is not None and s["growth"] is not None:
        faster = s["growth"] > own
        texts["ourselves"] = (
            f"we grow {'faster' if faster else 'slower'} than the account "
            f"({_pct(s['growth'], True)} vs its {_pct(own, True)})",
            f"我方增长{'快于' if faster else '慢于'}客户({_pct(s['growth'], True)},客户"
            f"{_pct(own, True)})")
    if s["share_of_wallet"] is not None and s["share_of_wallet"] > 0.30:
        texts["strengths"] = ("we are a main supplier (share > 30%)", "我方是主要供应商(份额>30%)")
    weak = []
    if s["trend"] in ("declining", "fading"):
        weak.append((f"our sales are {_TRENDS[s['trend']][0]}", f"我方销售{_TRENDS[s['trend']][1]}"))
    if c and c["months_overdue"] >= 3:
        weak.append(("overdue payments", "回款逾期"))
    if weak:
        texts["weaknesses"] = ("; ".join(w[0] for w in weak), ";".join(w[1] for w in weak))
    flagged = [f for f in card.flags if f.flagged]
    if flagged:
        texts["threats"] = (
            "termination criteria met: " + "; ".join(TERMINATION_CRITERIA[f.code][0]
                                                     for f in flagged),
            "符合终止标准:" + ";".join(TERMINATION_CRITERIA[f.code][1] for f in flagged))
        texts["relationship"] = ("review whether to continue the relationship (seed 004)",
                                 "评估是否终止客户关系(依据终止标准)")
    else:
        texts["relationship"] = _relationship(s["share_of_wallet"])
    tier = p.get("account_tier")
    if tier in freq:
        texts["contacts"] = (f"{freq[tier]} a year (tier {tier})", f"每年{freq[tier]}次({tier}类客户)")
    hours = executive_hours * EXECUTIVE_TIME_SHARE / key_accounts
    texts["executive"] = (
        f"about {hours:,.1f} hours a year of a sales executive's time (1/3 of "
        f"{executive_hours:,.0f} h over {key_accounts} key accounts); plan the visits",
        f"营销主管每年约{hours:,.1f}小时({executive_hours:,.0f}小时的1/3分给{key_accounts}个大客户);"
        "安排拜访")
    items = tuple(
        PlanItem(step, code, texts[code] or ("", ""), "data" if texts[code] else "to_fill")
        for step, codes in _PLAN_ORDER.items() for code in codes)
    return AccountPlan(card.account_id, items)


# -- checklists and scorecards ------------------------------------------------------------------

#: How the card report marks an answer: points (2 yes, 1 partly, 0 no; None unanswered) -> mark.
MARKS = {2: "✓", 1: "½", 0: "✗", None: "☐"}

_ANSWER_WORDS = {
    2: {"yes", "y", "true", "done", "是", "有", "已做"}, 1: {"partly", "partial", "部分", "部分做到"},
    0: {"no", "n", "false", "not", "否", "无", "没有", "未做"},
}


@dataclass(frozen=True)
class ChecklistScore:
    """A scored checklist: ``score`` of ``maximum`` (2 per item: yes 2, partly 1, no 0),
    ``share`` = score / maximum, ``gaps`` the item codes not fully in place (answered no,
    partly, or not answered), ``table`` one row per item (``code``, ``points``)."""

    checklist: str
    score: float
    maximum: float
    share: float
    gaps: tuple[str, ...]
    table: pd.DataFrame = field(repr=False)

    def to_frame(self, lang: str | None = None, marks: bool = False) -> pd.DataFrame:
        """The checklist with each answer, in ``lang``; ``marks=True`` writes the answers as
        :data:`MARKS` (✓ yes, ½ partly, ✗ no, ☐ not answered), as the card report does."""
        i = _lang(lang)
        items = CHECKLISTS[self.checklist]
        if marks:
            word, blank = {2: MARKS[2], 1: MARKS[1], 0: MARKS[0]}, MARKS[None]
        else:
            word = {2: _TEXT["yes"][i], 1: _TEXT["partly"][i], 0: _TEXT["no"][i]}
            blank = _TEXT["unanswered"][i]
        answer = [word[int(p)] if pd.notna(p) else blank for p in self.table["points"]]
        return pd.DataFrame({_TEXT["item"][i]: [items[c][i] for c in self.table["code"]],
                             _TEXT["answer"][i]: answer})


def _points(code, value, func):
    if value is None:
        return np.nan
    if isinstance(value, bool):
        return 2.0 if value else 0.0
    if isinstance(value, (int, float, np.integer, np.floating)) and value in (0, 1, 2):
        return float(value)
    if isinstance(value, str):
        word = value.strip().casefold()
        for points, words in _ANSWER_WORDS.items():
            if word in words:
                return float(points)
    raise ParameterError(f"{func}(): the answer for {code!r} must be yes / partly / no (是 / 部分 / "
                         f"否), True / False or 2 / 1 / 0; got {value!r}.", code=code, value=value)


def score_checklist(answers, checklist: str = "practices") -> ChecklistScore:
    """Score one account's checklist: answers -> score, share and gaps.

    Parameters
    ----------
    answers : dict item code -> yes / partly / no (是 / 部分 / 否), True / False or 2 / 1 / 0;
        an item left out counts as a gap ("not answered").
    checklist : "practices" (seed 003's ten practices, :data:`PRACTICES`), "tracking"
        (seed 000's performance tracking, :data:`PERFORMANCE_TRACKING`) or "database" (the bank
        case's database and best-practice items, :data:`DATABASE_PRACTICES`).

    Returns
    -------
    ChecklistScore

    Raises
    ------
    ParameterError for an unknown checklist, an unknown item code or an answer it cannot read.

    >>> result = score_checklist({"database": "yes", "best_practice": "partly"}, "database")
    >>> result.score, result.maximum, result.gaps
    (3.0, 8.0, ('best_practice', 'skills', 'incentives_key'))
    """
    func = "score_checklist"
    if checklist not in CHECKLISTS:
        raise ParameterError(f"{func}(): checklist must be one of {show(list(CHECKLISTS))}; got "
                             f"{checklist!r}.", checklist=checklist)
    items = CHECKLISTS[checklist]
    if not isinstance(answers, dict):
        raise ParameterError(f"{func}() takes a dict item code -> answer; got "
                             f"{type(answers).__name__}. Items: {show(list(items), 10)}.")
    unknown = [k for k in answers if k not in items]
    if unknown:
        close = close_match(str(unknown[0]), list(items))
        hint = f" Did you mean {close!r}?" if close else ""
        raise ParameterError(f"{func}(): {show(unknown)} is not an item of the {checklist!r} "
                             f"checklist ({show(list(items), 10)}).{hint}", unknown=unknown)
    points = [_points(code, answers.get(code), func) for code in items]
    table = pd.DataFrame({"code": list(items), "points": points})
    score = float(np.nansum(points))
    maximum = 2.0 * len(items)
    gaps = tuple(c for c, p in zip(items, points) if not p == 2)
    return ChecklistScore(checklist, score, maximum, round(score / maximum, 6), gaps, table)


def checklist_table(checklist: str = "practices", lang: str | None = None) -> pd.DataFrame:
    """A blank checklist to fill in: code and item in ``lang``.

    >>> checklist_table("practices", "zh").iloc[0, 1]
    '优先保证大客户的货源充足'
    """
    if checklist not in CHECKLISTS:
        raise ParameterError(f"checklist_table(): checklist must be one of "
                             f"{show(list(CHECKLISTS))}; got {checklist!r}.", checklist=checklist)
    i = _lang(lang)
    items = CHECKLISTS[checklist]
    return pd.DataFrame({"code": list(items), _TEXT["item"][i]: [v[i] for v in items.values()]})


def _item_code(key, func) -> tuple[str, str]:
    """(checklist, item code) of an item given by its code or its English / Chinese text."""
    text = str(key).strip()
    for name, items in CHECKLISTS.items():
        for code, labels in items.items():
            if text == code or text in labels:
                return name, code
    codes = [c for items in CHECKLISTS.values() for c in items]
    close = close_match(text, codes)
    hint = f" Did you mean {close!r}?" if close else ""
    raise ParameterError(f"{func}(): {text!r} is not a checklist item; items are "
                         f"{show(codes, 25)} (or a checklist name: {show(list(CHECKLISTS))} "
                         f"with its items inside).{hint}", item=text)


def _answers_file(path, func) -> pd.DataFrame:
    """A file of answers as text cells: CSV in UTF-8 or GBK (as Excel saves it), or Excel."""
    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"{func}(): no answers file at {path}; give a CSV (or Excel) file "
                             "with an account_id column and one column per item.", path=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        return pd.read_excel(path, dtype=str)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(path, dtype=str, encoding=encoding)
        except UnicodeDecodeError:
            continue
    raise ParameterError(f"{func}(): cannot read {path.name} as UTF-8 or GBK text; save it as "
                         "CSV UTF-8.", path=str(path))


def answers_by_checklist(answers=None, table=None, account_id=None) -> dict[str, dict]:
    """One account team's answers to the three checklists, split by checklist.

    Parameters
    ----------
    answers : dict item code -> answer (yes / partly / no, 是 / 部分 / 否, True / False or
        2 / 1 / 0) — the item codes of :data:`PRACTICES`, :data:`PERFORMANCE_TRACKING` and
        :data:`DATABASE_PRACTICES` are distinct, so one flat dict serves all three — or
        checklist name -> {item code -> answer}; an item may also be named by its English or
        Chinese text. None or {}: no answers.
    table : answers for many accounts, one row each: an ``account_id`` column and one column
        per item (code or text); blank cells are not answered. A DataFrame, or the path of a
        CSV (UTF-8 or GBK) or Excel file. The row of ``account_id`` is
        used (none: no answers from the table); ``answers`` then overrides it item by item.
    account_id : the account whose row of ``table`` to use.

    Returns
    -------
    dict checklist name -> {item code -> answer}, every checklist present (maybe empty); give
    each to :func:`score_checklist`.

    Raises
    ------
    ParameterError for an unknown item or checklist, an answer that is not yes / partly / no,
    answers that are not a dict, a table without ``account_id`` or with an account twice, a
    file that is not there.

    >>> split = answers_by_checklist({"database": "yes", "tracking": {"pay_linked": "partly"}})
    >>> split["database"], split["tracking"], split["practices"]
    ({'database': 'yes'}, {'pay_linked': 'partly'}, {})
    """
    func = "answers_by_checklist"
    out = {name: {} for name in CHECKLISTS}

    def put(key, value):
        name, code = _item_code(key, func)
        _points(code, value, func)  # an answer it cannot read fails here, naming the item
        if value is not None:
            out[name][code] = value

    if isinstance(table, (str, Path)):
        table = _answers_file(table, func)
    if table is not None:
        if "account_id" not in table.columns:
            raise ParameterError(f"{func}(): the answers table needs an account_id column (one "
                                 f"row per account); its columns: {show(list(table.columns))}.")
        for key in table.columns:  # every header, even of an empty column, must be an item
            if key != "account_id":
                _item_code(key, func)
        ids = table["account_id"].astype("string").str.strip()
        rows = table.loc[(ids == str(account_id).strip()).to_numpy()]
        if len(rows) > 1:
            raise ParameterError(f"{func}(): the answers table has {len(rows)} rows for account "
                                 f"{account_id!r}; keep one.", account_id=account_id)
        for key, value in (rows.iloc[0].items() if len(rows) else ()):
            if key == "account_id" or value is None or (not isinstance(value, str)
                                                        and pd.isna(value)):
                continue
            if isinstance(value, str) and not value.strip():
                continue
            put(key, value)
    if answers is None:
        return out
    if not isinstance(answers, dict):
        raise ParameterError(f"{func}() takes a dict item code -> answer; got "
                             f"{type(answers).__name__}.")
    for key, value in answers.items():
        if isinstance(value, dict):
            if key not in CHECKLISTS:
                raise ParameterError(f"{func}(): {key!r} is not a checklist "
                                     f"({show(list(CHECKLISTS))}).", checklist=key)
            for item, answer in value.items():
                name, code = _item_code(item, func)
                if name != key:
                    raise ParameterError(f"{func}(): {item!r} is an item of the {name!r} "
                                         f"checklist, not of {key!r}.", item=item)
                put(code, answer)
        else:
            put(key, value)
    return out


def marked_checklist(checklist: str = "practices", answers=None, lang: str | None = None):
    """A checklist as the card report shows it: (table, score).

    ``table`` is numbered from 1: the item in ``lang`` and "Done?" marked with :data:`MARKS`
    (✓ yes, ½ partly, ✗ no, ☐ not answered); ``score`` the :class:`ChecklistScore`, or None
    when ``answers`` is empty (a blank checklist to fill in, every item ☐).

    >>> table, score = marked_checklist("database", {"database": "yes", "skills": "partly"})
    >>> table["Done?"].tolist(), score.score, score.maximum
    (['✓', '☐', '½', '☐'], 3.0, 8.0)
    """
    blank = checklist_table(checklist, lang)
    i = _lang(lang)
    if not answers:
        table = blank.drop(columns="code").assign(**{_TEXT["done"][i]: MARKS[None]})
        score = None
    else:
        score = score_checklist(answers, checklist)
        table = score.to_frame(lang, marks=True)
        table.columns = [blank.columns[1], _TEXT["done"][i]]
    table.index = range(1, len(table) + 1)
    return table, score
