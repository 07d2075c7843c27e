"""The exercise bank for module 3 (opportunity prioritisation, seeds 000 and 002): levers,
screen, funnel.

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution
notebook in ``exercises/``; expected answers are computed with kamlab on the bundled data
(``customers``, ``opportunities``, ``opportunity_stages``, as of 2026-06-30); each mistake
detector recomputes the mistaken value its own way; a mistake whose value coincides with
the right answer on the bundled data is left out (it could not be told apart). A name answer
(lever, stage) may be given in Chinese too (:func:`kamlab.checks.name_among`).

>>> from kamlab.exercises import check, expected_answer
>>> levers = expected_answer("m3-best-lever")  # account id -> lever, largest account first
>>> check("m3-best-lever", {i: lever.upper() for i, lever in levers.items()}).status
'correct'
>>> check("m3-best-lever", ["价格"] * 10).hint.startswith("Price for every account")  # 价格 = price
True
>>> check("m3-leakiest-stage", "确认").status  # Chinese names
'correct'
>>> check("m3-coverage", 100 * expected_answer("m3-coverage")).hint
'Give the coverage as a ratio (1.2 = 120% of the target), not a percentage.'
"""

from __future__ import annotations

import math

from kamlab.checks import (
    COUNT,
    Asks,
    Exercise,
    Mistake,
    _load,
    _refuse,
    _rel_close,
    as_name,
    as_number,
    name_among,
    register,
)

#: The date the opportunity data was extracted; every as-of in module 3 uses it.
AS_OF = "2026-06-30"

#: The sales target of exercise m3-coverage, CNY per year.
TARGET = 40_000_000


# --- shared helpers --------------------------------------------------------------------

def _ratio_close(a: float, b: float) -> bool:
    """Coverage ratios: equal to two decimals (1.17 and 1.1744 both pass)."""
    return math.isclose(a, b, rel_tol=0, abs_tol=5e-3)


def _same_name(a: str, b: str) -> bool:
    return a == as_name(b)


# --- m3-best-lever: the profit lever tree, account by account (seed 000) ---------------

#: m3-best-lever asks about the accounts this many places from the top by revenue.
TOP_ACCOUNTS = 10


def _top_ids(by: str = "revenue") -> list[str]:
    book = _load("customers")
    return book.nlargest(TOP_ACCOUNTS, by)["account_id"].astype(str).tolist()


def _best_levers(**options) -> dict[str, str]:
    """account id -> best lever of :func:`kamlab.levers.lever_room` for the largest accounts."""
    from kamlab.levers import lever_room

    room = lever_room(_load("customers"), **options).set_index("account_id")
    return {i: str(room.loc[i, "best_lever"]) for i in _top_ids()}


def _largest_room() -> dict[str, str]:
    """The slip: the lever with the largest move in percent, not the largest gain in CNY."""
    from kamlab.levers import ROOM_COLUMNS, lever_room

    room = lever_room(_load("customers")).set_index("account_id")
    rooms = {lever: col for lever, col, _ in ROOM_COLUMNS}
    return {i: max(rooms, key=lambda lever: float(room.loc[i, rooms[lever]]))
            for i in _top_ids()}


_LEVER_NAME = name_among("lever")  # 价格 is 'price'


def _levers_by_account(answer) -> dict[str, str]:
    """An answer as account id -> lever name: a dict, a Series indexed by account_id, a
    table with ``account_id`` and ``best_lever``, or the names largest account first."""
    import pandas as pd

    one_per_account = (
        f"expected one lever per account for the {TOP_ACCOUNTS} largest accounts: a dict "
        "{account_id: lever} or room.set_index('account_id')['best_lever']",
        f"需要为销售额最大的{TOP_ACCOUNTS}个客户各给出一个杠杆：字典 {{account_id: 杠杆}}，或 "
        "room.set_index('account_id')['best_lever']")
    if isinstance(answer, pd.DataFrame):
        table = answer.reset_index() if answer.index.name == "account_id" else answer
        if not {"account_id", "best_lever"} <= set(table.columns):
            raise _refuse(ValueError, f"{one_per_account[0]}; the table has no account_id and "
                          "best_lever columns.",
                          f"{one_per_account[1]}；这张表没有 account_id 和 best_lever 两列。")
        answer = dict(zip(table["account_id"], table["best_lever"]))
    elif isinstance(answer, pd.Series):
        ids = [str(i) for i in answer.index]
        answer = (dict(zip(ids, answer)) if set(ids) & set(_load_ids())
                  else list(answer))
    if isinstance(answer, (list, tuple)):
        if len(answer) != TOP_ACCOUNTS:
            raise _refuse(ValueError, f"{one_per_account[0]}; got {len(answer)} value(s).",
                          f"{one_per_account[1]}；收到的却是 {len(answer)} 个值。")
        answer = dict(zip(_top_ids(), answer))  # names in order, largest account first
    if not isinstance(answer, dict):
        raise _refuse(TypeError, f"{one_per_account[0]}; got {type(answer).__name__}.",
                      f"{one_per_account[1]}；收到的却是 {type(answer).__name__}。")
    return {str(k): _LEVER_NAME(v) for k, v in answer.items()}


def _load_ids() -> list[str]:
    return _load("customers")["account_id"].astype(str).tolist()


def _all_one(a: dict, e: dict) -> bool:
    return len(set(a.values())) == 1 and set(a) == set(e)


register(Exercise(
    id="m3-best-lever",
    title=f"for each of the {TOP_ACCOUNTS} largest accounts by revenue, the lever with the most "
          "profit within reach at its achievable move (lever_room): a dict {account_id: lever}, "
          "lever one of 'price', 'volume', 'unit cost', 'cost to serve'",
    expected=_best_levers,
    normalise=_levers_by_account,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("equal-moves",
                lambda a, e: set(a) == set(e) and set(a.values()) == {"price"},
                "Price for every account is the 1% comparison: moved by the same 1%, price "
                "always wins, because 1% of revenue is more than 1% of any cost. Size each "
                "lever by the move the account can make: the *_gain columns of lever_room(book).",
                hint_zh="每个客户都选价格，是按1%比较的结果：同样变动1%，价格总是赢，因为销售额的1%"
                        "大于任何一项成本的1%。请按客户能实现的变动幅度衡量每个杠杆：看 "
                        "lever_room(book) 的 *_gain 列。"),
        Mistake("one-lever", _all_one,
                "One lever for all ten accounts: the point of the room is that accounts differ. "
                "Take each account's own best_lever.",
                hint_zh="十个客户都是同一个杠杆：衡量空间的意义就在于客户各不相同。请取每个客户自己的"
                        " best_lever。"),
        Mistake("largest-room", lambda a, e: a == _largest_room(),
                "You took the lever with the largest move in percent (*_room). A percent of "
                "different bases is not comparable: take the largest gain in CNY (*_gain, "
                "i.e. best_lever).",
                hint_zh="你选的是变动百分比（*_room）最大的杠杆。不同基数的百分比不能直接比较：请取"
                        "增加利润（元）最多的杠杆（*_gain，即 best_lever）。"),
        Mistake("no-size-bands", lambda a, e: a == _best_levers(size_bands=1),
                "You compared each account with its whole industry. Keep the default revenue "
                "bands (size_bands=5): a key account is compared with key accounts, whose "
                "prices and costs it can match.",
                hint_zh="你把每个客户和整个行业相比。请保留默认的销售额分档（size_bands=5）：关键客户"
                        "只和关键客户相比，价格和成本才有可比性。"),
        Mistake("by-profit", lambda a, e: set(a) == set(_top_ids("profit")),
                "Those are the ten largest accounts by profit. The question asks for the ten "
                "largest by revenue: book.nlargest(10, 'revenue').",
                hint_zh="这是利润最大的十个客户。题目问的是销售额最大的十个客户：book.nlargest(10, "
                        "'revenue')。"),
    ),
    success="three levers among ten key accounts: price where an account pays less than its "
            "peers, volume where our share of its wallet (钱包份额) is small, unit cost where "
            "it is already in line with them. The 1% comparison would have said price for all.",
    generic_hint="room = lever_room(book); top = room.nlargest(10, 'revenue'); answer = "
                 "top.set_index('account_id')['best_lever'] — and compare it with yours.",
    title_zh=f"销售额最大的{TOP_ACCOUNTS}个客户中，每个客户按可实现的变动幅度（lever_room）能增加利润最"
             "多的杠杆：字典 {account_id: 杠杆}，杠杆为 'price'、'volume'、'unit cost'、'cost to "
             "serve' 之一，也可以写中文：价格、数量、单位成本、服务成本",
    success_zh="十个关键客户用到了三个杠杆：价格低于同类客户的，提价；我们在其钱包份额小的，增量；"
               "已经和同类客户持平的，降低单位成本。按1%比较，答案会是全部选价格。",
    generic_hint_zh="room = lever_room(book)；top = room.nlargest(10, 'revenue')；answer = "
                    "top.set_index('account_id')['best_lever']——再和你的答案对照。",
))


# --- m3-screen-dropped: seed 000's knock-outs ------------------------------------------

def _screen():
    from kamlab.opportunities import screen_opportunities

    return screen_opportunities(_load("opportunities"), as_of=AS_OF)


def _open_mask(df):
    from kamlab.opportunities import STAGES

    return df["stage"].isin(STAGES)


def _dropped_open() -> int:
    s = _screen()
    return int((s["dropped"] & _open_mask(s)).sum())


def _rule_counts_summed() -> int:
    """Each knock-out rule counted on its own and the counts added (overlaps twice)."""
    s = _screen()
    reasons = s.loc[s["dropped"] & _open_mask(s), "drop_reason"]
    return int(reasons.str.split("; ").str.len().sum())


register(Exercise(
    id="m3-screen-dropped",
    title="number of OPEN opportunities the screen knocks out (as of 2026-06-30)",
    asks=COUNT,
    expected=_dropped_open,
    normalise=as_number,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("closed-included", lambda a, e: a == int(_screen()["dropped"].sum()),
                "You counted the closed deals (Won/Lost, drop reason 'closed') too. The "
                "question asks about open opportunities only: keep stage in STAGES.",
                hint_zh="你把已关闭的商机（Won/Lost，淘汰原因 'closed'）也算进去了。题目只问未关闭的"
                        "商机：保留 stage 在 STAGES 中的行。"),
        Mistake("decision-only",
                lambda a, e: a == int((_screen()["decision_made"] & _open_mask(_screen())).sum()),
                "That is only 'decision already made' (采购决策已作出). Count every open "
                "opportunity with dropped == True: low win probability, non-priority "
                "customer and too little information knock out too.",
                hint_zh="这只是“采购决策已作出”一项。请数出所有 dropped == True 的未关闭商机：成功概"
                        "率极低、非优先客户、信息太少也会被淘汰。"),
        Mistake("rules-summed", lambda a, e: a == _rule_counts_summed(),
                "You added up the rule counts, so an opportunity caught by two rules was "
                "counted twice. Count the opportunities with dropped == True instead.",
                hint_zh="你把各条规则的计数加在了一起，所以同时触发两条规则的商机被数了两次。请改为"
                        "数 dropped == True 的商机。"),
    ),
    success="about a third of the open pipeline is not a priority (并非优先事项) — effort the "
            "account team can move to the opportunities that are left.",
    generic_hint="s = screen_opportunities(opp, as_of='2026-06-30'); count the rows with "
                 "s['dropped'] and a stage that is still open (not Won or Lost).",
    title_zh="筛选淘汰的未关闭商机数量（截至2026-06-30）",
    success_zh="约三分之一的在途商机并非优先事项——客户团队可以把这部分精力转到剩下的商机上。",
    generic_hint_zh="s = screen_opportunities(opp, as_of='2026-06-30')；数出 s['dropped'] 为真、且阶"
                    "段仍未关闭（不是 Won 或 Lost）的行。",
))


# --- m3-owner-weighted: weighted pipeline per owner (seed 002 funnel) ------------------

def _by_owner():
    from kamlab.opportunities import weighted_pipeline

    return weighted_pipeline(_load("opportunities"), by="owner").set_index("owner")


def _top_owner() -> str:
    return str(_by_owner()["weighted_value"].idxmax())


def _owner_open():
    opp = _load("opportunities")
    return opp[_open_mask(opp) & (opp["owner"] == _top_owner())]


# "Won deals included at probability 1" has no hint: the top owner has no Won deal in the
# bundled data, so the mistake gives the right number (tests/exercises/test_exercises_bank.py asserts this).
register(Exercise(
    id="m3-owner-weighted",
    title="weighted pipeline value (CNY, default stage probabilities) of the owner with the "
          "largest weighted pipeline",
    asks=Asks("amount", 0, "an amount in CNY", "以元计的金额"),
    expected=lambda: float(_by_owner()["weighted_value"].max()),
    normalise=as_number,
    correct=lambda a, e: _rel_close(a, e),
    mistakes=(
        Mistake("unweighted", lambda a, e: _rel_close(a, float(_owner_open()["value"].sum())),
                "That is the owner's open pipeline at full value. Weight each deal by its "
                "stage probability (Identified 10% … Committed 90%): use the weighted_value "
                "column.",
                hint_zh="这是该负责人按全额计的未关闭商机。请用各商机的阶段概率加权（Identified "
                        "10% … Committed 90%）：用 weighted_value 列。"),
        Mistake("own-estimates",
                lambda a, e: _rel_close(a, float((_owner_open()["value"]
                                                  * _owner_open()["win_probability"]).sum())),
                "You weighted by the owner's own win_probability estimates. The question "
                "asks for the default stage probabilities (DEFAULT_STAGE_PROBABILITY), "
                "which weighted_pipeline uses.",
                hint_zh="你用的是负责人自己估计的 win_probability 加权。题目要求默认阶段概率（"
                        "DEFAULT_STAGE_PROBABILITY），weighted_pipeline 用的就是它。"),
        Mistake("whole-team",
                lambda a, e: _rel_close(a, float(_by_owner()["weighted_value"].sum())),
                "That is the weighted pipeline of the whole team. Group by owner "
                "(weighted_pipeline(opp, by='owner')) and take the largest.",
                hint_zh="这是整个团队的加权商机金额。请按负责人分组（weighted_pipeline(opp, "
                        "by='owner')），取最大的那个。"),
    ),
    success="one owner carries a fifth of the team's weighted pipeline — a concentration "
            "risk (集中风险) if that person leaves or falls behind.",
    generic_hint="weighted_pipeline(opp, by='owner') gives each owner's weighted_value; "
                 "take the largest.",
    title_zh="加权商机金额最大的负责人的加权商机金额（元，按默认阶段概率）",
    success_zh="一个负责人承担了团队五分之一的加权商机——如果这个人离职或进度落后，就是集中风险。",
    generic_hint_zh="weighted_pipeline(opp, by='owner') 给出每个负责人的 weighted_value；取最大值。",
))


# --- m3-leakiest-stage: stage conversion (seed 002 funnel) -----------------------------

def _conversion():
    from kamlab.opportunities import conversion_rates

    return conversion_rates(_load("opportunity_stages"))


def _leakiest() -> str:
    c = _conversion()
    return str(c.loc[c["rate"].idxmin(), "from_stage"])


# Two more slips give the same stage as an existing hint or as the answer, so they have
# none of their own: the lowest cumulative rate is the last step (Committed, as the fewest
# conversions), and the naive ratio "reached next / reached this" also points at
# Qualified (tests/exercises/test_exercises_bank.py asserts both).
register(Exercise(
    id="m3-leakiest-stage",
    title="the stage whose step to the next stage converts worst (the from_stage name)",
    expected=_leakiest,
    normalise=name_among("stage"),  # 确认 is 'qualified'
    correct=_same_name,
    mistakes=(
        Mistake("fewest-converted",
                lambda a, e: a == as_name(str(_conversion().set_index("from_stage")[
                    "converted"].astype(int).idxmin())),
                "Committed has the fewest conversions and the lowest cumulative rate, but "
                "only because few deals get that far. Leakage is the step's own rate: the "
                "lowest 'rate' column.",
                hint_zh="Committed（合作）转化的数量最少、累计转化率最低，但那只是因为走到这一步的商"
                        "机本来就少。流失要看这一步自身的转化率：'rate' 列最低的那一步。"),
        Mistake("to-stage",
                lambda a, e: a == as_name(str(_conversion().set_index("from_stage").loc[
                    e, "to_stage"])),
                "That is the stage the leaky step leads TO. Name the stage the deals leak "
                "FROM (the from_stage column).",
                hint_zh="这是流失最严重的那一步所通往的阶段。请说出商机从哪个阶段流失（from_stage 列"
                        "）。"),
    ),
    success="Qualified → Developed loses almost half its deals: the proposal stage (发展) is "
            "where the funnel needs coaching.",
    generic_hint="c = conversion_rates(history); the leakiest step is the row with the "
                 "lowest 'rate'; answer its from_stage.",
    title_zh="转化到下一阶段最差的阶段（from_stage 的名称，写英文或中文阶段名均可）",
    success_zh="Qualified（确认）→ Developed（发展）这一步流失了近一半的商机：建议书阶段（发展）是销"
               "售漏斗最需要辅导的地方。",
    generic_hint_zh="c = conversion_rates(history)；流失最严重的一步是 'rate' 最低的那一行；答出它的"
                    " from_stage。",
))


# --- m3-coverage: pipeline coverage of the target (seed 002) ---------------------------

def _coverage():
    from kamlab.opportunities import coverage

    return coverage(_load("opportunities"), TARGET)


register(Exercise(
    id="m3-coverage",
    title="weighted coverage of a CNY 40 million target by the open pipeline, as a ratio",
    asks=Asks("number", 2),
    expected=lambda: float(_coverage().weighted_coverage),
    normalise=as_number,
    correct=lambda a, e: _ratio_close(a, e),
    mistakes=(
        Mistake("percent", lambda a, e: _ratio_close(a / 100, e),
                "Give the coverage as a ratio (1.2 = 120% of the target), not a percentage.",
                hint_zh="请把覆盖率写成比值（1.2 = 目标的120%），不要写成百分数。"),
        Mistake("unweighted", lambda a, e: _ratio_close(a, float(_coverage().coverage)),
                "That is the unweighted coverage: every open deal at full value. Weight the "
                "deals by stage probability first (weighted_coverage).",
                hint_zh="这是未加权的覆盖率：每个未关闭商机都按全额计。请先按阶段概率加权（"
                        "weighted_coverage）。"),
        Mistake("inverted",
                lambda a, e: _ratio_close(a, TARGET / float(_coverage().weighted_pipeline)),
                "Your ratio is upside down: divide the weighted pipeline by the target.",
                hint_zh="你的比值倒过来了：应该用加权商机金额除以目标。"),
    ),
    success="the weighted pipeline covers the target only just; a raw pipeline of four times "
            "the target looks safe but hides how early most of it is.",
    generic_hint="c = coverage(opp, 40_000_000); c.weighted_coverage is the weighted open "
                 "pipeline divided by the target.",
    title_zh="未关闭商机对4,000万元目标的加权覆盖率，用比值表示",
    success_zh="加权商机金额只是勉强覆盖目标；四倍于目标的原始商机金额看似安全，却掩盖了其中大部分还"
               "处在早期阶段。",
    generic_hint_zh="c = coverage(opp, 40_000_000)；c.weighted_coverage 就是加权的未关闭商机金额除以"
                    "目标。",
))
