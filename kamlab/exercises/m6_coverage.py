"""The exercise bank for module 6's buying centre (seeds 000 and 004): how much of the top 10
customers' buying centres the account team left uncovered before technical staff reported into
the KAM department, and where the gap that remains afterwards sits.

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution
notebook in ``exercises/`` (``m6_04_coverage_gap``, ``m6_05_plant_gap``); expected answers are
computed with :mod:`kamlab.cases.buying_centre` on the bundled ``buying_centre`` and
``account_coverage``; each mistake detector recomputes the mistaken value its own way.

>>> from kamlab.exercises import check, expected_answer
>>> from kamlab.exercises import m6_coverage  # registered once kamlab.exercises imports it
>>> round(expected_answer("m6-coverage-gap"), 3)
0.602
>>> check("m6-coverage-gap", 60.2).hint
'Give the gap score as a fraction (0.5 = 50%), not a percentage.'
"""

from __future__ import annotations

import dataclasses
from functools import cache

from kamlab.checks import SHARE, Exercise, Mistake, _close, _load, as_number, register

# --- shared helpers --------------------------------------------------------------------


@cache
def _tables():
    return _load("buying_centre"), _load("account_coverage")


@cache
def _gaps(team: tuple):
    """coverage_gaps of the bundled top 10 for ``team`` (kept: nothing here modifies it)."""
    from kamlab.cases.buying_centre import coverage_gaps

    return coverage_gaps(*_tables(), team=team)


def _before():
    from kamlab.cases.buying_centre import BEFORE_REORG

    return _gaps(BEFORE_REORG)


def _after():
    from kamlab.cases.buying_centre import AFTER_REORG

    return _gaps(AFTER_REORG)


def _score(gaps) -> float:
    return float(gaps["gap"].sum() / gaps["influence"].sum())


def _users(gaps):
    return gaps["roles"].str.split("+").map(lambda roles: "user" in roles).to_numpy()


# --- m6-coverage-gap: the gap score before the reorganisation ---------------------------

def _mean_of_accounts() -> float:
    from kamlab.cases.buying_centre import BEFORE_REORG, gap_scores

    return float(gap_scores(*_tables(), team=BEFORE_REORG)["gap_score"].mean())


def _per_row() -> float:
    """Σ gap / Σ influence over the buying-centre ROWS: a person with two roles twice."""
    centre, _ = _tables()
    per_row = centre[["contact_id"]].merge(_before()[["contact_id", "gap", "influence"]],
                                           on="contact_id")
    return _score(per_row)


def _all_functions() -> float:
    from kamlab.cases.buying_centre import FUNCTIONS

    return _score(_gaps(FUNCTIONS))


register(Exercise(
    id="m6-coverage-gap",
    title="the gap score of the top 10 customers together before the reorganisation (account "
          "team: kam and executive): Σ gap / Σ influence over every person of their buying "
          "centres, as a fraction",
    expected=lambda: _score(_before()),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    # three decimals: four slips (kam-only, headcount, mean of accounts …) are 0.60 or 0.61 too
    asks=dataclasses.replace(SHARE, decimals=3),
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the gap score as a fraction (0.5 = 50%), not a percentage.",
                hint_zh="请把缺口得分写成小数（0.5 = 50%），不要写成百分数。"),
        Mistake("after", lambda a, e: _close(a, _score(_after())),
                "That is the gap score AFTER the reorganisation (technical staff in the team). "
                "Before it, the account team is team=BEFORE_REORG: kam and executive only.",
                hint_zh="这是重组之后的缺口得分（技术人员已加入团队）。重组之前的客户团队是 "
                        "team=BEFORE_REORG：只有 kam 和 executive。"),
        Mistake("covered", lambda a, e: _close(a, 1 - e),
                "That is the share of influence the team DOES cover (1 − the gap score). The "
                "question asks the gap: Σ influence × (1 − strength / 3) ÷ Σ influence.",
                hint_zh="这是团队确实覆盖到的影响力占比（1 − 缺口得分）。题目问的是缺口：Σ "
                        "influence × (1 − strength / 3) ÷ Σ influence。"),
        Mistake("mean-of-accounts", lambda a, e: _close(a, _mean_of_accounts()),
                "You averaged the ten accounts' gap scores. The top 10 together is one ratio "
                "over all their people: Σ gap ÷ Σ influence (a bigger buying centre weighs "
                "more) — gap_score(centre, coverage, team=BEFORE_REORG).",
                hint_zh="你对十个客户的缺口得分取了平均。前10大客户合起来是在所有人员上求一个比值："
                        "Σ gap ÷ Σ influence（购买中心越大，权重越大）——gap_score(centre, "
                        "coverage, team=BEFORE_REORG)。"),
        Mistake("rows", lambda a, e: _close(a, _per_row()),
                "You summed over the rows of buying_centre, one per (person, role): each "
                "purchasing director (buyer AND decider) counted twice. One person, one "
                "influence: drop the duplicate contacts first (drop_duplicates('contact_id')).",
                hint_zh="你在 buying_centre 的行上求和，每行是一个（人员，角色）：每位采购总监（既是"
                        "采购者又是决策者）被算了两次。一人只算一次影响力：先去掉重复的联系人（"
                        "drop_duplicates('contact_id')）。"),
        Mistake("everyone", lambda a, e: _close(a, _all_functions()),
                "You counted every relationship, technical staff and field service included. "
                "Before the reorganisation the technical staff were NOT part of the account "
                "team: count only kam and executive (service counts in neither).",
                hint_zh="你把所有关系都算进去了，包括技术人员和现场服务。重组之前技术人员不属于客户"
                        "团队：只算 kam 和 executive（service 在重组前后都不算）。"),
        Mistake("kam-only", lambda a, e: _close(a, _score(_gaps(("kam",)))),
                "You counted the key-account managers only. The account team before the "
                "reorganisation also had the sales executives: team=('kam', 'executive').",
                hint_zh="你只算了关键客户经理。重组之前的客户团队还包括销售高管：team=('kam', "
                        "'executive')。"),
        Mistake("unweighted", lambda a, e: _close(a, float((_before()["gap"]
                                                            / _before()["influence"]).mean())),
                "You averaged each person's uncovered share (1 − strength / 3) without weights. "
                "Weigh each person by influence: Σ gap ÷ Σ influence.",
                hint_zh="你对每个人未被覆盖的比例（1 − strength / 3）做了不加权的平均。请按影响力给"
                        "每个人加权：Σ gap ÷ Σ influence。"),
        Mistake("headcount", lambda a, e: _close(
                    a, float((_before()["coverage_status"] != "covered").mean())),
                "That is the share of PEOPLE who are uncovered or weakly covered. The gap score "
                "weighs each person by influence and by how weak the best relationship is.",
                hint_zh="这是未被覆盖或覆盖薄弱的人数占比。缺口得分按影响力、并按最强关系的薄弱程度"
                        "给每个人加权。"),
    ),
    success="about 0.60: before the reorganisation the account team left three-fifths of the "
            "buying centres' influence uncovered — the regional technical managers first, "
            "whom only the technical staff knew (seed 000: all the focus on the upper level).",
    generic_hint="gap_score(centre, coverage, team=BEFORE_REORG) — or per person: the best "
                 "strength anyone in ('kam', 'executive') has with them (0 when nobody), gap = "
                 "influence × (1 − strength / 3); then Σ gap ÷ Σ influence over the 70 people.",
    title_zh="重组之前（客户团队：kam 和 executive），前10大客户合起来的缺口得分：在其购买中心的所有"
             "人员上求 Σ gap / Σ influence，用小数表示",
    success_zh="约0.60：重组之前，客户团队让购买中心五分之三的影响力处于未覆盖状态——首先是只有技术人"
               "员才认识的区域技术经理（资料000：所有精力都放在上层）。",
    generic_hint_zh="gap_score(centre, coverage, team=BEFORE_REORG)——或者逐人计算：('kam', "
                    "'executive') 中任何人与他的最强关系强度（没有人则为0），gap = influence × (1 −"
                    " strength / 3)；然后在这70人上求 Σ gap ÷ Σ influence。",
))


# --- m6-plant-gap: where the remaining gap sits after the reorganisation ----------------

def _user_share(gaps) -> float:
    u = _users(gaps)
    return float(gaps["gap"][u].sum() / gaps["gap"].sum())


def _user_rows_share() -> float:
    """The users' share of the gap with the gaps summed over the buying-centre ROWS."""
    centre, _ = _tables()
    rows = centre[["contact_id", "role"]].merge(_after()[["contact_id", "gap"]], on="contact_id")
    return float(rows.loc[rows["role"] == "user", "gap"].sum() / rows["gap"].sum())


def _title_share(title: str) -> float:
    g = _after()
    return float(g.loc[g["title"] == title, "gap"].sum() / g["gap"].sum())


register(Exercise(
    id="m6-plant-gap",
    title="after the reorganisation (team: kam, technical, executive), the share of the top 10's "
          "remaining coverage gap (Σ gap) that sits with the users (使用者: plant level), as a "
          "fraction",
    expected=lambda: _user_share(_after()),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    asks=SHARE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.5 = 50%), not a percentage.",
                hint_zh="请把比例写成小数（0.5 = 50%），不要写成百分数。"),
        Mistake("before", lambda a, e: _close(a, _user_share(_before())),
                "That is the users' share BEFORE the reorganisation, when the regional "
                "managers' gaps dwarfed everything. Use team=AFTER_REORG.",
                hint_zh="这是重组之前使用者所占的比例，当时区域经理的缺口远远超过其他所有人。请用 "
                        "team=AFTER_REORG。"),
        Mistake("everyone", lambda a, e: _close(a, _user_share(_gaps(
                    ("kam", "technical", "executive", "service")))),
                "You counted field service as account-team coverage. Service does not report "
                "into KAM, before or after: its relationships count at weight 0.",
                hint_zh="你把现场服务也算作客户团队的覆盖。现场服务在重组前后都不向关键客户管理部门"
                        "汇报：它的关系权重为0。"),
        Mistake("influence-share", lambda a, e: _close(
                    a, float(_after()["influence"][_users(_after())].sum()
                             / _after()["influence"].sum())),
                "That is the users' share of INFLUENCE. The question asks their share of the "
                "remaining GAP: Σ gap of the users ÷ Σ gap of everyone.",
                hint_zh="这是使用者占影响力的比例。题目问的是他们占剩余缺口的比例：使用者的 Σ gap ÷"
                        " 所有人的 Σ gap。"),
        Mistake("of-influence", lambda a, e: _close(
                    a, float(_after()["gap"][_users(_after())].sum()
                             / _after()["influence"].sum())),
                "You divided the users' gap by the total INFLUENCE: that is how many points of "
                "the gap score the users account for. Divide by the total gap instead.",
                hint_zh="你用使用者的缺口除以了总影响力：这是使用者在缺口得分中占的点数。请改为除以"
                        "总缺口。"),
        Mistake("user-score", lambda a, e: _close(
                    a, _score(_after()[_users(_after())])),
                "That is the users' own gap score (their gap ÷ their influence). The question "
                "asks what share of everyone's remaining gap is theirs.",
                hint_zh="这是使用者自己的缺口得分（他们的缺口 ÷ 他们的影响力）。题目问的是所有人剩余"
                        "的缺口中有多少属于他们。"),
        Mistake("count-share", lambda a, e: _close(
                    a, float((_users(_after()) & (_after()["gap"] > 0).to_numpy()).sum()
                             / (_after()["gap"] > 0).sum())),
                "You counted PEOPLE with a gap. Weigh them by their gap: Σ gap of the users "
                "÷ Σ gap of everyone.",
                hint_zh="你数的是有缺口的人数。请按缺口给他们加权：使用者的 Σ gap ÷ 所有人的 Σ gap。"),
        Mistake("plant-managers", lambda a, e: _close(a, _title_share("Plant Manager")),
                "You took the plant managers only. The users (使用者) also include the "
                "paint-shop supervisors: select by role, e.g. gaps['roles'].str.contains('user').",
                hint_zh="你只取了工厂经理。使用者还包括涂装车间主管：请按角色选择，例如 "
                        "gaps['roles'].str.contains('user')。"),
        Mistake("rows", lambda a, e: _close(a, _user_rows_share()),
                "You summed the gaps over the rows of buying_centre, one per (person, role), "
                "so the purchasing directors' gaps count twice. One row per person: use "
                "coverage_gaps(...) or drop_duplicates('contact_id') before summing.",
                hint_zh="你在 buying_centre 的行上对缺口求和，每行是一个（人员，角色），所以采购总监"
                        "的缺口被算了两次。每人一行：用 coverage_gaps(...)，或者求和前先 "
                        "drop_duplicates('contact_id')。"),
    ),
    success="more than half: once the technical staff are in the team, the largest remaining "
            "gap is at plant level, the users — the level the seed says nobody focused on. "
            "Field service visits some plants, but it does not report into KAM.",
    generic_hint="gaps = coverage_gaps(centre, coverage, team=AFTER_REORG); users = "
                 "gaps['roles'].str.contains('user'); then gaps.loc[users, 'gap'].sum() / "
                 "gaps['gap'].sum().",
    title_zh="重组之后（团队：kam、technical、executive），前10大客户剩余覆盖缺口（Σ gap）中落在使用"
             "者（工厂层面）身上的比例，用小数表示",
    success_zh="超过一半：技术人员加入团队后，剩下最大的缺口在工厂层面，即使用者——资料中说没有人关注"
               "的正是这一层。现场服务会走访一些工厂，但它不向关键客户管理部门汇报。",
    generic_hint_zh="gaps = coverage_gaps(centre, coverage, team=AFTER_REORG)；users = "
                    "gaps['roles'].str.contains('user')；然后 gaps.loc[users, 'gap'].sum() / "
                    "gaps['gap'].sum()。",
))
