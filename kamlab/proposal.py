"""Module 4 — the proposal process and a distinctive offer (建议书).

A proposal to a key account is a ten-day project (建议书的10天周期) with six phases, from
the enquiry to the follow-up, and a team of eleven typical roles
(建议书准备流程中的典型角色). This module holds both as tables, turns them into a
working-day plan ready for a Gantt chart and a roles × phases matrix, and scores a draft
proposal against the ten elements of a distinctive offer (有独到之处的产品或服务的十大要素).
A planning aid, not a calculation: the tables are the content.

>>> plan = proposal_plan("2025-03-07")          # a Friday
>>> plan[["phase", "start_day", "end_day"]].iloc[[0, -1]].values.tolist()
[['Prepare and launch', 1, 1], ['Follow-up', 10, 10]]
>>> str(plan["end_date"].iloc[-1].date())       # ten working days later
'2025-03-20'
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import numeric_column, require_columns, show
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = [
    "PROPOSAL_PHASES", "PROPOSAL_ROLES", "TEN_ELEMENTS", "INVOLVEMENT",
    "LEAD_SEPARATOR", "proposal_plan", "role_matrix", "ProposalScore", "score_proposal",
    "score_advice",
]

# ---------------------------------------------------------------------------------------
# Rule tables (seed 000; each can be overridden by argument)
# ---------------------------------------------------------------------------------------

#: seed 000, "建设书(sic: 建议书)的10天周期": the six phases of the ten-day proposal cycle, in order.
#: The seed gives the phases, their tasks and the ten days; the split of days between
#: phases and the lead roles are our reading. The seed lists "clarify with the customer",
#: "draw up the communication strategy" and "prepare the proposal materials" as a
#: customer-facing row of their own; they are placed here in the phase they serve.
PROPOSAL_PHASES = pd.DataFrame(
    [
        {"key": "launch", "phase": "Prepare and launch",
         "start_day": 1, "end_day": 1,
         "tasks": ("Receive the enquiry, or approach the customer",
                   "Discuss the strategy with management"),
         "tasks_zh": ("收到询价或主动接触客户", "与管理层进行战略层面探讨"),
         "lead": ("account manager",)},
        {"key": "requirements", "phase": "Requirements, market price and cost", "start_day": 2, "end_day": 3,
         "tasks": ("Clarify the situation and requirements with the customer",
                   "Set the sourcing plan", "Set the target cost", "Find comparable products",
                   "Estimate the market price", "Assign work to the project team"),
         "tasks_zh": ("向客户了解清楚情况", "确定采购方案", "确定目标成本", "找出类似产品",
                      "估算市场价", "项目小组分配工作"),
         "lead": ("account manager", "proposal coordinator")},
        {"key": "analysis", "phase": "Financial analysis and supply", "start_day": 4, "end_day": 5,
         "tasks": ("Gather sourcing information", "Set the market price", "Set the targets",
                   "Draft the design", "Evaluate variable cost and fixed investment",
                   "Set the engineering resources"),
         "tasks_zh": ("收集采购信息", "确定市场价", "确定目标", "拟定设计方案",
                      "评价变动成本和固定投资", "确定工程资源"),
         "lead": ("finance",)},
        {"key": "finalise", "phase": "Finalise the proposal",
         "start_day": 6, "end_day": 7,
         "tasks": ("Choose the best sourcing plan", "Analyse the return",
                   "Discuss the pricing strategy", "Review the return with the team",
                   "Draw up the communication strategy", "Prepare the proposal materials"),
         "tasks_zh": ("确定最佳采购方案", "分析回报", "讨论定价策略", "与小组一起审查回报率",
                      "拟定沟通策略", "准备建议书材料"),
         "lead": ("proposal coordinator",)},
        {"key": "submit", "phase": "Strategic review and submission", "start_day": 8, "end_day": 9,
         "tasks": ("Strategic discussion", "Settle the final sourcing plan and the quote",
                   "Prepare answers to likely questions", "Approve the final plan",
                   "Submit the proposal"),
         "tasks_zh": ("战略性研讨", "确定最终采购方案和报价", "准备应付各种提问",
                      "审定最终方案", "提交建议书"),
         "lead": ("business manager", "account manager")},
        {"key": "follow-up", "phase": "Follow-up",
         "start_day": 10, "end_day": 10,
         "tasks": ("Answer the customer's questions", "Carry out the communication plan",
                   "Team debrief", "Set cost-reduction targets",
                   "File the record of the proposal process"),
         "tasks_zh": ("解释问题", "实施沟通计划", "小组汇报", "确定成本压缩目标",
                      "整理建议书准备过程纪录"),
         "lead": ("account manager",)},
    ]
)

#: seed 000, "建议书准备流程中的典型角色": eleven roles, what each does, and the phases
#: (keys of :data:`PROPOSAL_PHASES`) it works in. Responsibilities are the seed's facts in
#: our words; the phases follow from matching them to the phase tasks.
PROPOSAL_ROLES = pd.DataFrame(
    [
        {"role": "account manager", "responsibilities": ("Co-leads many proposals",
                              "Main contact who explains the customer's requirements",
                              "Identifies the key competitors",
                              "Defines the value proposition together with the team",
                              "Presents the proposal to the customer"),
         "responsibilities_zh": ("共同领导多项建议书", "说明要求的主要联系人员", "识别关键竞争对手",
                                 "共同确定价值定位", "向客户提交建议书"),
         "phases": ("launch", "requirements", "finalise", "submit", "follow-up")},
        {"role": "business manager", "responsibilities": ('"Owns" the full manufacturing cost target',
                              "Answers for the profit and loss", "Advises on strategic issues",
                              "Signs off the final agreement"),
         "responsibilities_zh": ("“拥有”全部制造成本目标", "对损益表负责", "对战略问题提出意见",
                                 "最后签署协议书"),
         "phases": ("launch", "finalise", "submit")},
        {"role": "engineering", "responsibilities": ("Identifies comparable products",
                              "Prepares the bill of materials and the design, with packaging",
                              "Sets the engineering resources", "Defines product performance",
                              "Gives technical advice"),
         "responsibilities_zh": ("识别可比产品", "准备材料清单并设计包装", "确定工程资源",
                                 "确定产品性能", "提供技术意见"),
         "phases": ("requirements", "analysis", "finalise")},
        {"role": "logistics", "responsibilities": ("Collects data", "Deals with customs, tax and regulators",
                              "Optimises the global sourcing plan"),
         "responsibilities_zh": ("收集数据", "与海关、税务及监管部门打交道", "优化全球采购规划"),
         "phases": ("analysis", "finalise")},
        {"role": "packaging", "responsibilities": ("Designs the packaging and studies its cost",),
         "responsibilities_zh": ("设计包装并研究包装成本",),
         "phases": ("analysis",)},
        {"role": "finance", "responsibilities": ("Sets cost and investment targets from the market price",
                              "Drives the profit estimate", "Evaluates the return",
                              "Formally sets the cost-reduction targets"),
         "responsibilities_zh": ("根据市场价格制定成本及投资目标", "推动利润估计", "评估回报",
                                 "正式确定成本削减目标"),
         "phases": ("requirements", "analysis", "finalise", "follow-up")},
        {"role": "manufacturing", "responsibilities": ("Judges whether the investment targets are feasible",
                              "Comments on the sourcing plan and the cost estimates",
                              "Defines the support the product launch needs"),
         "responsibilities_zh": ("决定投资目标的可行性", "对采购方案和成本估计提出意见",
                                 "界定产品推出所需的支持"),
         "phases": ("analysis", "finalise")},
        {"role": "proposal coordinator", "responsibilities": ("Drives the day-to-day proposal work",
                              "Quality-controls the data that goes in",
                              "Owns the proposal from start to finish"),
         "responsibilities_zh": ("推动日常的建议书工作", "对数据输入提供质量控制",
                                 "自始至终拥有建议书"),
         "phases": ("launch", "requirements", "analysis", "finalise", "submit", "follow-up")},
        {"role": "business analyst", "responsibilities": ("Keeps the assumptions consistent with the business plan",
                              "Advises on the targets against the plan's goals"),
         "responsibilities_zh": ("保证假设与业务计划相一致", "根据计划目标对目标设定提供意见"),
         "phases": ("requirements", "analysis")},
        {"role": "purchasing", "responsibilities": ("Estimates the material cost",
                              "Provides the suppliers' tooling costs"),
         "responsibilities_zh": ("估计材料成本", "提供供应商工装模具成本"),
         "phases": ("requirements", "analysis", "finalise")},
        {"role": "product marketing", "responsibilities": ("Comments on the market price estimate",
                              "Quantifies the value of the product's performance",
                              "Co-leads some proposals",
                              "Builds the value proposition with the account manager and "
                              "engineering",
                              "Writes the marketing and product sections of the proposal"),
         "responsibilities_zh": ("对市场价格估计提出意见", "对性能价值进行量化", "共同领导某些建议书",
                                 "与客户经理和工程技术部门一道制定价值定位",
                                 "负责与该产品相关的营销和建议书部分"),
         "phases": ("requirements", "finalise")},
    ]
)

#: Marks in :func:`role_matrix`: the seed supports "leads" and "takes part", no more
#: (labels: ``kamlab.i18n.value_label("involvement", mark)``).
INVOLVEMENT = ("lead", "involved", "")

#: seed 000, "有独到之处的产品或服务的十大要素": the ten elements of a distinctive offer, in
#: the seed's order, with a reviewer's question and advice for a gap (our words).
TEN_ELEMENTS = pd.DataFrame(
    [
        ("targeted",
         "Aimed at a specific customer or target group",
         "Is the offer written for this customer (or a defined target group), not for anyone?",
         "方案是否针对特定客户或目标客户群,而不是泛泛而谈?",
         "Name the customer and its situation; cut the generic passages.",
         "写明客户及其处境,删去泛泛而谈的内容。"),
        ("needs",
         "Meets the customer's specific needs and adapts as needs and the relationship develop",
         "Does it meet this customer's specific needs, and say how it will adapt?",
         "是否满足该客户的特定需求,并说明如何随需求和关系的发展而调整?",
         "List the customer's needs and show how each is met; say how the offer will be "
         "reviewed and adjusted.",
         "列出客户的需求并逐一说明如何满足;说明方案将如何复核和调整。"),
        ("innovation",
         "Includes innovations that improve the customer's performance",
         "Does it include an innovation that improves the customer's results?",
         "是否包含能改善客户业绩的创新?",
         "Add at least one new product, process or service and what it does for the customer's "
         "results.",
         "至少加入一项新产品、新流程或新服务,并说明它对客户业绩的作用。"),
        ("quantified_value",
         "States the specific customer value in quantified form",
         "Is the value to the customer stated in numbers?",
         "是否以可量化的形式列出能为客户带来的具体价值?",
         "Put numbers on the value: savings, extra revenue or lower total cost of ownership "
         "(see the EVC and TCO tools).",
         "量化价值:节约、增收或总拥有成本的降低(参见客户经济价值和总拥有成本工具)。"),
        ("value_pricing",
         "Pricing tied to value creation",
         "Is the price linked to the value created?",
         "定价是否与创造的价值相联系?",
         "Link the price to the value created and show how the value is shared.",
         "把价格与创造的价值挂钩,并说明价值如何分享。"),
        ("customer_challenges",
         "Helps the key account meet its own performance challenges",
         "Does it help the key account meet its own performance challenges?",
         "是否帮助关键客户应对其自身的业绩挑战?",
         "Name the customer's own targets and pressures and show how the offer helps meet "
         "them.",
         "写明客户自身的目标和压力,并说明方案如何帮助应对。"),
        ("distinctive",
         "Distinctive",
         "Does it stand out from what the competitors offer?",
         "与竞争对手的方案相比是否与众不同?",
         "State what only we offer, against the competitors' offers.",
         "写明只有我们能提供的内容,并与竞争对手的方案对比。"),
        ("concise",
         "Concise",
         "Is it concise enough for a busy decision maker?",
         "是否简明扼要,便于忙碌的决策者把握?",
         "Cut it to what the decision maker needs; move the detail to an appendix.",
         "删减到决策者需要的内容,把细节移到附录。"),
        ("service_commitment",
         "Stresses the commitment to better service",
         "Does it show our commitment to better service?",
         "是否表明了提供更好服务的决心?",
         "State the service commitments concretely.",
         "具体写明服务承诺。"),
        ("support",
         "Full customer support",
         "Is full customer support in place behind the offer?",
         "方案背后是否有全面的客户支持?",
         "Show the team and resources that will support the customer.",
         "说明为客户提供支持的团队和资源。"),
    ],
    columns=["id", "element", "question", "question_zh", "advice", "advice_zh"],
)
TEN_ELEMENTS.insert(0, "number", np.arange(1, len(TEN_ELEMENTS) + 1))


# ---------------------------------------------------------------------------------------
# The ten-day plan
# ---------------------------------------------------------------------------------------

def _joined(value, sep) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return sep.join(str(v) for v in value)


def _days(phases, func):
    require_columns(phases, ["phase", "start_day", "end_day"], func=func,
                    source="the phases table")
    if len(phases) == 0:
        raise InvalidDataError(f"{func}(): the phases table has no rows; pass "
                               "phases=PROPOSAL_PHASES or a table with at least one phase.")
    days = {}
    for column in ("start_day", "end_day"):
        x = numeric_column(phases, column, func=func).to_numpy()
        bad = (x != np.round(x)) | (x < 1)
        if bad.any():
            rows = list(np.flatnonzero(bad))
            raise InvalidDataError(
                f"{func}(): {column} must be whole days counted from 1 (day 1 = the start); "
                f"phase(s) {show(phases['phase'].to_numpy()[bad].tolist())} have "
                f"{show(x[bad].tolist())}.", column=column, rows=rows)
        days[column] = x.astype("int64")
    start, end = days["start_day"], days["end_day"]
    backwards = end < start
    if backwards.any():
        rows = list(np.flatnonzero(backwards))
        raise InvalidDataError(
            f"{func}(): a phase cannot end before it starts; phase(s) "
            f"{show(phases['phase'].to_numpy()[backwards].tolist())} run from day "
            f"{show(start[backwards].tolist())} to day {show(end[backwards].tolist())}. "
            "Swap start_day and end_day.", rows=rows)
    return start, end


def _date(value, name, func) -> np.datetime64:
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        ts = pd.NaT
    if pd.isna(ts):
        raise ParameterError(f"{func}(): {name} must be a date like '2025-03-07'; got {value!r}.",
                             name=name, value=value)
    return np.datetime64(ts.date(), "D")


def proposal_plan(start=None, *, phases: pd.DataFrame = PROPOSAL_PHASES, workdays: bool = True,
                  holidays=None) -> pd.DataFrame:
    """The ten-day proposal cycle as a plan: one row per phase, with dates if ``start`` is given.

    Parameters
    ----------
    start : optional first day of the cycle (a date or 'YYYY-MM-DD'). With ``workdays``, a
        start on a Saturday or Sunday (or a holiday) moves to the next working day.
    phases : the phases table (default :data:`PROPOSAL_PHASES`): ``phase``, ``start_day``,
        ``end_day`` (whole days from 1), optionally ``key``, ``lead`` (role names),
        ``tasks``. Phases may overlap; they need not touch.
    workdays : count working days (Monday to Friday, minus ``holidays``); False counts
        calendar days.
    holidays : dates that are not working days (e.g. the Spring Festival week).

    Returns
    -------
    A new DataFrame, one row per phase in table order: ``key``, ``phase``, ``start_day``,
    ``end_day``, ``duration_days`` (end − start + 1), then with ``start`` the dates
    ``start_date`` and ``end_date``, then ``lead`` (role names, ", "-joined) and ``tasks``
    ("; "-joined). Optional columns absent from ``phases`` are left out. Ready for a
    Gantt chart (bars from ``start_day`` with ``duration_days``). Phase keys and role
    names are codes: ``kamlab.i18n.value_label("phase", key, "zh")`` and ``("role", name)``
    give their Chinese; the tasks in Chinese are ``PROPOSAL_PHASES["tasks_zh"]``.

    Raises
    ------
    MissingColumnsError, InvalidDataError (days not whole numbers ≥ 1, a phase ending
    before it starts, no rows), ParameterError (a start or holiday that is not a date).

    Notes
    -----
    Seed 000, "建设书的10天周期": prepare and launch → requirements, market price and cost
    → financial analysis and supply → finalise → strategic review and submission →
    follow-up, in ten days. The seed gives the phases and the ten days, not how the days
    are split between phases: the split in :data:`PROPOSAL_PHASES` is ours.

    >>> plan = proposal_plan()
    >>> plan["duration_days"].tolist(), int(plan["duration_days"].sum())
    ([1, 2, 2, 2, 2, 1], 10)
    >>> plan = proposal_plan("2025-03-07")          # Friday: day 2 is Monday the 10th
    >>> [str(d.date()) for d in plan["start_date"].iloc[:2]]
    ['2025-03-07', '2025-03-10']
    """
    func = "proposal_plan"
    start_day, end_day = _days(phases, func)
    out = pd.DataFrame(index=range(len(phases)))
    for column in ("key", "phase"):
        if column in phases.columns:
            out[column] = phases[column].to_numpy()
    out["start_day"] = start_day
    out["end_day"] = end_day
    out["duration_days"] = end_day - start_day + 1
    if start is not None:
        first = _date(start, "start", func)
        if workdays:
            hol = [_date(h, "holidays", func) for h in (holidays or ())]
            day1 = np.busday_offset(first, 0, roll="forward", holidays=hol)
            starts = np.busday_offset(day1, start_day - 1, holidays=hol)
            ends = np.busday_offset(day1, end_day - 1, holidays=hol)
        else:
            starts = first + (start_day - 1).astype("timedelta64[D]")
            ends = first + (end_day - 1).astype("timedelta64[D]")
        out["start_date"] = pd.to_datetime(starts)
        out["end_date"] = pd.to_datetime(ends)
    for column, sep in (("lead", LEAD_SEPARATOR), ("tasks", "; ")):
        if column in phases.columns:
            out[column] = [_joined(v, sep) for v in phases[column]]
    return out


#: How :func:`proposal_plan` joins the lead roles of a phase (a chart splits on it).
LEAD_SEPARATOR = ", "


def _phase_list(value) -> list:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return [value] if isinstance(value, str) else list(value)


def role_matrix(roles: pd.DataFrame = PROPOSAL_ROLES,
                phases: pd.DataFrame = PROPOSAL_PHASES) -> pd.DataFrame:
    """Who works in which phase: roles × phases, marked "lead", "involved" or "".

    A role is "involved" in the phases its ``phases`` entry names, and "lead" where the
    phases table names it in ``lead`` (a lead is involved by definition). The seed
    supports these two marks only, so this is not a full RACI chart.

    Parameters
    ----------
    roles : default :data:`PROPOSAL_ROLES`: ``role``, ``phases`` (phase keys).
    phases : default :data:`PROPOSAL_PHASES`: ``key``, optionally ``lead`` (role names).

    Returns
    -------
    A new DataFrame, one row per role in table order: ``role``, one column per phase
    key in phase order, and ``phases_involved`` (how many phases). Roles, phase keys and
    marks are codes; ``kamlab.tables.role_matrix_table(lang="zh")`` shows them in Chinese.

    Raises
    ------
    MissingColumnsError, InvalidDataError (a role naming an unknown phase, a phase led by
    an unknown role).

    Notes
    -----
    Seed 000, "建议书准备流程中的典型角色": the proposal coordinator owns the proposal from
    start to finish; the account manager co-leads; the business manager signs off.

    >>> m = role_matrix()
    >>> m.set_index("role").loc["finance", ["requirements", "analysis", "submit"]].tolist()
    ['involved', 'lead', '']
    """
    func = "role_matrix"
    require_columns(roles, ["role", "phases"], func=func, source="the roles table")
    require_columns(phases, ["key"], func=func, source="the phases table")
    keys = phases["key"].tolist()
    role_names = roles["role"].tolist()
    involved = {}
    for name, ph in zip(role_names, roles["phases"]):
        ph = _phase_list(ph)
        unknown = [p for p in ph if p not in keys]
        if unknown:
            raise InvalidDataError(
                f"{func}(): role {name!r} works in unknown phase(s) {show(unknown)}; the "
                f"phase keys are {show(keys)}.", role=name, unknown=unknown)
        involved[name] = set(ph)
    leads = {}
    if "lead" in phases.columns:
        for key, lead in zip(keys, phases["lead"]):
            lead = _phase_list(lead)
            unknown = [r for r in lead if r not in role_names]
            if unknown:
                raise InvalidDataError(
                    f"{func}(): phase {key!r} is led by unknown role(s) {show(unknown)}; the "
                    f"roles are {show(role_names, 12)}.", phase=key, unknown=unknown)
            leads[key] = set(lead)
    out = pd.DataFrame({"role": role_names})
    for key in keys:
        out[key] = ["lead" if name in leads.get(key, ()) else
                    "involved" if key in involved[name] else "" for name in role_names]
    out["phases_involved"] = (out[keys] != "").sum(axis=1).astype("int64")
    return out


# ---------------------------------------------------------------------------------------
# Scoring a proposal against the ten elements
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProposalScore:
    """Result of :func:`score_proposal`.

    ``table``: one row per element with ``rating``, ``max``, ``gap``, ``rated`` and
    ``advice`` (blank at full marks; :func:`score_advice` gives it from another column,
    e.g. ``advice_zh``). ``total`` and ``maximum`` (points),
    ``share`` = total / maximum. ``missing``: ids of elements not rated. ``weakest``: ids
    at the lowest rating, in element order (empty when every element has full marks).
    """

    table: pd.DataFrame
    total: int
    maximum: int
    share: float
    missing: tuple
    weakest: tuple


def _scale(scale, func) -> tuple[int, int]:
    ok = (isinstance(scale, (tuple, list)) and len(scale) == 2
          and all(isinstance(s, numbers.Integral) and not isinstance(s, bool) for s in scale)
          and 0 <= scale[0] < scale[1])
    if not ok:
        raise ParameterError(f"{func}(): scale must be (lowest, highest) whole numbers with "
                             f"0 ≤ lowest < highest, e.g. (0, 2) or (1, 5); got {scale!r}.",
                             scale=scale)
    return int(scale[0]), int(scale[1])


def _element_id(key, ids, func) -> str:
    if isinstance(key, numbers.Integral) and not isinstance(key, bool):
        if not 1 <= key <= len(ids):
            raise ParameterError(
                f"{func}(): element numbers run from 1 to {len(ids)}; got {key!r}. Or use the "
                f"ids {show(ids, 12)}.", key=key)
        return ids[int(key) - 1]
    if isinstance(key, str):
        if key in ids:
            return key
        close = difflib.get_close_matches(key, ids, n=1, cutoff=0.5)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ParameterError(
            f"{func}(): unknown element {key!r}; the elements are {show(ids, 12)} (or their "
            f"numbers 1 to {len(ids)}).{hint}", key=key, valid=list(ids))
    raise ParameterError(
        f"{func}(): ratings keys must be element ids such as {ids[0]!r} or numbers 1 to "
        f"{len(ids)}; got {key!r} ({type(key).__name__}).", key=key)


def _rating(element, value, low, high, func):
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return high if value else low
    whole = isinstance(value, numbers.Integral) or (
        isinstance(value, numbers.Real) and float(value).is_integer())
    if not whole:
        raise ParameterError(
            f"{func}(): the rating for {element!r} must be a whole number from {low} to "
            f"{high} (or True/False); got {value!r}.", element=element, value=value)
    r = int(value)
    if not low <= r <= high:
        raise ParameterError(
            f"{func}(): the rating for {element!r} is {r}, outside the scale {low} to {high}. "
            f"Rate it {low}–{high}, or pass scale=(low, high) for another scale.",
            element=element, value=r)
    return r


def score_proposal(ratings, *, elements: pd.DataFrame = TEN_ELEMENTS,
                   scale=(0, 2)) -> ProposalScore:
    """Score a draft proposal against the ten elements of a distinctive offer.

    Parameters
    ----------
    ratings : dict element -> rating. Keys are element ids (``"targeted"``, ``"needs"`` …,
        see :data:`TEN_ELEMENTS`) or element numbers 1–10. Ratings are whole numbers on
        ``scale``; ``True`` means the top of the scale, ``False`` the bottom (a yes/no
        checklist); ``None`` means not rated. A pandas Series works too.
    elements : the checklist (default :data:`TEN_ELEMENTS`): ``id``, ``element``,
        optionally ``advice``; numbered in table order.
    scale : (lowest, highest) rating, default (0, 2): 0 missing, 1 partly, 2 fully there.

    Returns
    -------
    :class:`ProposalScore`. Elements not rated count as the bottom of the scale (0 by
    default), so a half-finished review cannot look better than it is, and are listed in
    ``missing`` (and marked ``rated`` False, with "Not rated." before the advice).

    Raises
    ------
    ParameterError (an unknown id, with the closest match; a number outside 1–10; the same
    element rated twice, by id and by number; a rating off the scale or not whole; a bad
    scale), MissingColumnsError / InvalidDataError (a custom elements table without ``id``
    or with repeated ids).

    Notes
    -----
    Seed 000, "有独到之处的产品或服务的十大要素": targeted, meets specific needs and adapts,
    innovations that improve the customer's performance, quantified customer value,
    value-linked pricing, helps with the customer's own challenges, distinctive, concise,
    commitment to better service, full customer support.

    >>> s = score_proposal({"targeted": 2, "needs": 1, 3: True, "concise": False})
    >>> s.total, s.maximum, s.share
    (5, 20, 0.25)
    >>> len(s.missing), s.weakest[:2]
    (6, ('quantified_value', 'value_pricing'))
    """
    func = "score_proposal"
    low, high = _scale(scale, func)
    require_columns(elements, ["id", "element"], func=func, source="the elements table")
    ids = [str(i) for i in elements["id"]]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise InvalidDataError(f"{func}(): element ids must be unique; {show(repeated)} repeat.",
                               values=repeated)
    if isinstance(ratings, pd.Series):
        ratings = ratings.to_dict()
    if not isinstance(ratings, Mapping):
        raise ParameterError(
            f"{func}(): ratings must be a dict element -> rating, e.g. {{'targeted': 2, "
            f"'needs': 1}}; got {type(ratings).__name__}.", got=type(ratings).__name__)
    given = {}
    for key, value in ratings.items():
        eid = _element_id(key, ids, func)
        if eid in given:
            raise ParameterError(
                f"{func}(): element {eid!r} is rated twice (by its id and by its number "
                f"{ids.index(eid) + 1}); keep one.", element=eid)
        given[eid] = _rating(eid, value, low, high, func)

    rated = np.array([given.get(i) is not None for i in ids])
    rating = np.array([given[i] if r else low for i, r in zip(ids, rated)], dtype="int64")
    gap = high - rating
    out = pd.DataFrame({"number": np.arange(1, len(ids) + 1), "id": ids,
                        "element": elements["element"].to_numpy()})
    out["rating"] = rating
    out["max"] = high
    out["gap"] = gap
    out["rated"] = rated
    out["advice"] = _advice(elements, "advice", gap, rated, "Not rated.")
    total = int(rating.sum())
    maximum = high * len(ids)
    lowest = rating.min() if len(ids) else high
    weakest = tuple(i for i, r in zip(ids, rating) if r == lowest < high)
    return ProposalScore(table=out, total=total, maximum=maximum,
                         share=total / maximum if maximum else float("nan"),
                         missing=tuple(i for i, r in zip(ids, rated) if not r),
                         weakest=weakest)


def _advice(elements, column, gap, rated, not_rated) -> list[str]:
    base = (elements[column].fillna("").astype(str).to_numpy() if column in elements.columns
            else np.full(len(gap), ""))
    sep = "" if not_rated[-1:] > "\u2fff" else " "   # no space after Chinese punctuation
    return [("" if g == 0 else b) if r else f"{not_rated}{sep}{b}".strip()
            for b, g, r in zip(base, gap, rated)]


def score_advice(score: ProposalScore, column: str = "advice", *,
                 elements: pd.DataFrame = TEN_ELEMENTS, not_rated: str = "Not rated.") -> list:
    """The advice for each element of ``score``, taken from ``elements[column]``.

    The same rule as ``score.table["advice"]`` (blank at full marks, ``not_rated`` first
    for an element not rated), for the advice in another language or your own words.

    >>> s = score_proposal({"targeted": 2, "needs": 1})
    >>> score_advice(s, "advice_zh", not_rated="未评分。")[:2]
    ['', '列出客户的需求并逐一说明如何满足;说明方案将如何复核和调整。']
    """
    require_columns(elements, ["id", column], func="score_advice", source="the elements table")
    by_id = elements.set_index("id")
    table = score.table
    texts = by_id.reindex(table["id"])[[column]].reset_index()
    return _advice(texts, column, table["gap"].to_numpy(), table["rated"].to_numpy(), not_rated)
