"""The exercise bank for module 2 (segmentation and scoring, seed 000's ABC tiers): ABC by
profit, accounts that move class, the potential × share grid, reweighted top 10, time on
the tail.

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution
notebook in ``exercises/``; expected answers are computed with kamlab on the bundled data;
each mistake detector recomputes the mistaken value its own way.

>>> from kamlab.exercises import check, expected_answer
>>> check("m2-abc-profit-count", expected_answer("m2-abc-profit-count")).status
'correct'
"""

from __future__ import annotations

from kamlab.checks import (
    COUNT,
    SHARE,
    Exercise,
    Mistake,
    _close,
    _load,
    as_ids,
    as_number,
    register,
)

# --- shared helpers --------------------------------------------------------------------


def _book():
    return _load("customers")


def _same_count(a: float, b: float) -> bool:
    return a == b


def _id_set(answer) -> frozenset:
    """Account ids as a set: order and repeats do not matter."""
    return frozenset(as_ids(answer))


def _ids_where(df, mask) -> frozenset:
    return frozenset(df.loc[mask, "account_id"].astype(str))


# --- module 2: segmentation ------------------------------------------------------------

def _abc_ids(value: str = "revenue", cls: str = "A", *, cutoffs=(0.8, 0.95)) -> frozenset:
    from kamlab.segmentation import abc_classify

    tiers = abc_classify(_book(), value, cutoffs=cutoffs)
    return _ids_where(tiers, tiers["abc"] == cls)


def _abc_count(value: str = "revenue", *, cutoffs=(0.8, 0.95)) -> int:
    return len(_abc_ids(value, cutoffs=cutoffs))


def _abc_ids_stopping_short(value: str, cutoff: float = 0.8) -> frozenset:
    """Class A the way plain pandas gets it one account short: running share <= cut-off, so
    the account that takes the running share past the cut-off (abc_classify's last A) drops."""
    book = _book().sort_values(value, ascending=False)
    running = book[value].cumsum() / book[value].sum()
    return _ids_where(book, running <= cutoff)


_BOUNDARY_RULE = (
    "class A runs up to AND INCLUDING the account that takes the running share (累计占比) past "
    "80% — abc_classify puts that account in A")
_BOUNDARY_RULE_ZH = "A类一直到使累计占比越过80%的那个客户为止，并且包括这个客户——abc_classify 把它归入A类"


def _abc_count_by_count(value: str = "profit") -> int:
    from kamlab.segmentation import abc_classify_by_count

    return int((abc_classify_by_count(_book(), value)["abc"] == "A").sum())


register(Exercise(
    id="m2-abc-profit-count",
    title="number of class-A accounts when ABC is by profit with cut-offs (0.8, 0.95)",
    expected=lambda: _abc_count("profit"),
    normalise=as_number,
    correct=_same_count,
    asks=COUNT,
    mistakes=(
        Mistake("by-revenue", lambda a, e: a == _abc_count("revenue"),
                "That is class A by revenue (销售额). Pass value='profit' to abc_classify.",
                hint_zh="这是按销售额分的A类。请给 abc_classify 传入 value='profit'。"),
        Mistake("by-count", lambda a, e: a == _abc_count_by_count("profit"),
                "That is the top 20% of accounts (ABC by count). Here class A is the accounts "
                "that together reach 80% of profit: use abc_classify, not "
                "abc_classify_by_count.",
                hint_zh="这是按客户数取的前20%（按数量的ABC分类）。这里的A类是合计达到利润80%的那些"
                        "客户：请用 abc_classify，而不是 abc_classify_by_count。"),
        Mistake("cutoff-095", lambda a, e: a == _abc_count("profit", cutoffs=(0.95,)),
                "You cut class A at 95% of profit; A ends where the running profit share "
                "(累计占比) first reaches 80% — 0.95 is the B/C boundary.",
                hint_zh="你把A类切在了利润的95%；A类到累计占比第一次达到80%为止——0.95是B类和C类的分"
                        "界。"),
        Mistake("share-of-accounts", lambda a, e: _close(a, e / len(_book())),
                "That is the share of accounts in class A; the question asks for the number "
                "of accounts.",
                hint_zh="这是A类客户占客户总数的比例；题目问的是客户的个数。"),
        Mistake("boundary", lambda a, e: a == len(_abc_ids_stopping_short("profit")),
                f"One account short: {_BOUNDARY_RULE}. (cum <= 0.8).sum() stops just before "
                "it: count it too, or use abc_classify.",
                hint_zh=f"少了一个客户：{_BOUNDARY_RULE_ZH}。(cum <= 0.8).sum() 恰好在它之前停下：把它"
                        "也算上，或者用 abc_classify。"),
    ),
    success="profit is even more concentrated than revenue, so class A by profit is a "
            "shorter list than class A by revenue.",
    generic_hint="tiers = abc_classify(book, 'profit'); then count the rows where "
                 "tiers['abc'] == 'A'.",
    title_zh="按利润做ABC分类、分界点为 (0.8, 0.95) 时A类客户的数量",
    success_zh="利润比销售额更集中，所以按利润分的A类名单比按销售额分的更短。",
    generic_hint_zh="tiers = abc_classify(book, 'profit')；然后数出 tiers['abc'] == 'A' 的行数。",
))


register(Exercise(
    id="m2-abc-moved",
    title="account ids that are class A by revenue but not class A by profit",
    expected=lambda: _abc_ids("revenue") - _abc_ids("profit"),
    normalise=_id_set,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("reverse", lambda a, e: a == _abc_ids("profit") - _abc_ids("revenue"),
                "Those are A by profit but not A by revenue — the other direction. Start "
                "from class A by revenue and remove the accounts that are A by profit.",
                hint_zh="这些是按利润属于A类、按销售额不属于A类的客户——方向反了。请从按销售额的A类出"
                        "发，去掉按利润也是A类的客户。"),
        Mistake("symmetric-difference",
                lambda a, e: a == _abc_ids("profit") ^ _abc_ids("revenue"),
                "You listed the accounts that are A on one measure only (both directions). "
                "Keep just those that are A by revenue and lose A by profit.",
                hint_zh="你列出的是只在一个指标上属于A类的客户（两个方向都有）。只保留按销售额是A类"
                        "、按利润却不是A类的客户。"),
        Mistake("all-a-by-profit", lambda a, e: a == _abc_ids("profit"),
                "That is every class-A account by profit. The question asks for accounts "
                "that are A by revenue but NOT A by profit.",
                hint_zh="这是按利润的全部A类客户。题目问的是按销售额是A类、但按利润不是A类的客户。"),
        Mistake("boundary", lambda a, e: a == (_abc_ids_stopping_short("revenue")
                                              - _abc_ids_stopping_short("profit")),
                f"Both your class-A lists stop one account short: {_BOUNDARY_RULE}; with "
                "(cum <= 0.8) it drops out. Classify both times with abc_classify.",
                hint_zh=f"你的两份A类名单各少了一个客户：{_BOUNDARY_RULE_ZH}；用 (cum <= 0.8) 筛选时"
                        "它被漏掉了。两次分类都请用 abc_classify。"),
    ),
    success="these are big buyers that earn little — candidates for a price, mix or "
            "cost-to-serve (服务成本) review rather than more sales effort.",
    generic_hint="Classify twice (abc_classify(book, 'revenue') and abc_classify(book, "
                 "'profit')), take the ids in class A for each, and keep the revenue-A ids "
                 "that are not in the profit-A set.",
    title_zh="按销售额属于A类、但按利润不属于A类的客户编号",
    success_zh="这些是买得多却赚得少的客户——应该检讨价格、产品组合或服务成本，而不是投入更多销售精力"
               "。",
    generic_hint_zh="分类两次（abc_classify(book, 'revenue') 和 abc_classify(book, 'profit')），分别"
                    "取出A类的编号，保留在销售额A类中、却不在利润A类集合中的编号。",
))


def _grid():
    from kamlab.segmentation import potential_share_grid

    return potential_share_grid(_book())


def _cell_count(cell: str, grid=None) -> int:
    grid = _grid() if grid is None else grid
    return int((grid["grid_cell"] == cell).sum())


def _a1_by_revenue() -> int:
    from kamlab.segmentation import potential_share_grid

    return _cell_count("A1", potential_share_grid(_book(), potential="revenue"))


# Boundary slips (potential >= 1M instead of > 1M, share <= 0.10 instead of < 0.10) have no
# hint: no bundled account has a potential of exactly 1M or a share of exactly 0.10 with a
# potential above 1M, so a slip gives the right count and cannot be told apart from it
# (tests/exercises/test_exercises_bank.py asserts this stays true).
_GRID_MISTAKES = (
    Mistake("percent-cutoffs", lambda a, e: a == int((_book()["wallet"] > 1e6).sum()),
            "Every account with potential above 1M landed in A1: share_of_wallet is a "
            "fraction (0.08 = 8%), so compare it with 0.10, not 10.",
            hint_zh="潜力超过100万的客户全都落进了A1：share_of_wallet 是小数（0.08 = 8%），所以要和"
                    "0.10比较，而不是10。"),
    Mistake("revenue-as-potential", lambda a, e: a == _a1_by_revenue(),
            "You used revenue as the potential. Potential (潜力) is the customer's own "
            "annual spend, the 'wallet' column: pass potential='wallet' (the default).",
            hint_zh="你把销售额当成了潜力。潜力是客户自己每年的采购额，即 'wallet' 列：请传入 "
                    "potential='wallet'（默认值）。"),
    Mistake("d1", lambda a, e: a == _cell_count("D1"),
            "That is cell D1 (share 10–30%, develop 发展). A1 is share below 10% "
            "(open up 开发).",
            hint_zh="这是D1格（份额10–30%，发展）。A1是份额低于10%（开发）。"),
)


register(Exercise(
    id="m2-grid-a1",
    title="number of accounts in cell A1 of the potential × share-of-wallet grid",
    expected=lambda: _cell_count("A1"),
    normalise=as_number,
    correct=_same_count,
    asks=COUNT,
    mistakes=_GRID_MISTAKES,
    success="A1 accounts already spend over 1M a year but give us under a tenth of it — "
            "the biggest room to grow (开发) for the least new-customer cost.",
    generic_hint="grid = potential_share_grid(book); count grid['grid_cell'] == 'A1' "
                 "(share of wallet < 0.10 and wallet > 1,000,000).",
    title_zh="潜力 × 钱包份额矩阵中A1格的客户数",
    success_zh="A1客户每年的采购已超过100万，给我们的却不到十分之一——以最低的新客户成本获得最大的增"
               "长空间（开发）。",
    generic_hint_zh="grid = potential_share_grid(book)；数出 grid['grid_cell'] == 'A1' 的客户（钱包"
                    "份额 < 0.10 且 wallet > 1,000,000）。",
))


def _reweighted() -> dict[str, float]:
    from kamlab.scoring import DEFAULT_WEIGHTS

    weights = dict(DEFAULT_WEIGHTS)
    weights["relationship"] *= 2
    return weights


def _tops() -> tuple[list, list]:
    from kamlab.scoring import top_n

    book = _book()
    return top_n(book, 10), top_n(book, 10, _reweighted())


def _top_change():
    from kamlab.scoring import top_changes

    return top_changes(*_tops())


register(Exercise(
    id="m2-reweight-left",
    title="account ids that leave the top 10 when the relationship weight is doubled",
    expected=lambda: frozenset(_top_change().left),
    normalise=_id_set,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("entered", lambda a, e: a == frozenset(_top_change().entered),
                "Those accounts ENTER the top 10. The question asks who leaves: in the old "
                "top 10, not in the new one.",
                hint_zh="这些客户是新进入前10名的。题目问的是谁跌出：在原来的前10名里、不在新的前10"
                        "名里。"),
        Mistake("new-top10", lambda a, e: a == frozenset(_tops()[1]),
                "That is the whole new top 10. Keep only the accounts of the old top 10 "
                "that are missing from it.",
                hint_zh="这是整个新的前10名。只保留原前10名中不在新名单里的客户。"),
        Mistake("old-top10", lambda a, e: a == frozenset(_tops()[0]),
                "That is the whole old top 10. Remove the accounts that are still in the "
                "new top 10 (with relationship weight 0.30).",
                hint_zh="这是整个原来的前10名。去掉仍在新前10名（关系权重0.30）中的客户。"),
    ),
    success="a single weight moved the shortlist — agree the weights (权重) with the "
            "sales team before the list decides who gets a key-account manager.",
    generic_hint="w = dict(DEFAULT_WEIGHTS); w['relationship'] = 0.30; compare top_n(book, 10) "
                 "with top_n(book, 10, w) (top_changes gives who entered and who left).",
    title_zh="关系权重加倍后跌出前10名的客户编号",
    success_zh="只动了一个权重，候选名单就变了——在名单决定谁配备关键客户经理之前，先和销售团队商定权"
               "重。",
    generic_hint_zh="w = dict(DEFAULT_WEIGHTS); w['relationship'] = 0.30；比较 top_n(book, 10) 与 "
                    "top_n(book, 10, w)（top_changes 会给出谁进入、谁离开）。",
))


def _tier_shares(column: str, *, by_count: bool = True, tier: str = "C") -> float:
    from kamlab.segmentation import abc_classify, abc_classify_by_count, tier_summary

    book = _book()
    tiers = (abc_classify_by_count(book, cutoffs=(0.04, 0.20)) if by_count
             else abc_classify(book, cutoffs=(0.8, 0.95)))
    summary = tier_summary(tiers, "abc", [column]).set_index("tier")
    return float(summary.loc[tier, f"{column}_share"])


def _tail_time_share() -> float:
    from kamlab.segmentation import abc_classify_by_count, time_vs_value

    tiers = abc_classify_by_count(_book(), cutoffs=(0.04, 0.20))
    return float(time_vs_value(tiers).set_index("tier").loc["C", "time_share"])


register(Exercise(
    id="m2-time-tail",
    title="share of salesperson hours spent on the other 80% of accounts (tiers 4% / 16% / "
          "80% by revenue rank), as a fraction",
    expected=_tail_time_share,
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    asks=SHARE,
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.6), not a percentage (60).",
                hint_zh="请把占比写成小数（0.6），不要写成百分数（60）。"),
        Mistake("revenue-share", lambda a, e: _close(a, _tier_shares("revenue")),
                "That is the tail's share of revenue (销售额). The question asks for its "
                "share of salesperson hours (销售人员时间, sales_hours).",
                hint_zh="这是尾部客户的销售额占比。题目问的是他们占用的销售人员时间（sales_hours）的"
                        "比例。"),
        Mistake("profit-share", lambda a, e: _close(a, _tier_shares("profit")),
                "That is the tail's share of profit (time_vs_value's value_share). The "
                "question asks for time_share: its share of sales_hours.",
                hint_zh="这是尾部客户的利润占比（time_vs_value 的 value_share）。题目问的是 "
                        "time_share：他们占 sales_hours 的比例。"),
        Mistake("value-abc", lambda a, e: _close(a, _tier_shares("sales_hours", by_count=False)),
                "You used value-based ABC (cut-offs on cumulative revenue). Seed 000's tiers "
                "count accounts: abc_classify_by_count(book, cutoffs=(0.04, 0.20)).",
                hint_zh="你用的是按价值的ABC分类（按累计销售额切分）。资料000的分层是按客户数："
                        "abc_classify_by_count(book, cutoffs=(0.04, 0.20))。"),
    ),
    success="the tail takes most of the salespeople's time while the top tiers earn most of "
            "the value — seed 000's typical portfolio, and the case for moving effort up.",
    generic_hint="tiers = abc_classify_by_count(book, cutoffs=(0.04, 0.20)); "
                 "time_vs_value(tiers) has the time_share of tier C (the other 80%).",
    title_zh="销售人员花在其余80%客户上的时间占比（按销售额排名分层：4% / 16% / 80%），用小数表示",
    success_zh="尾部客户占用了销售人员的大部分时间，而顶层客户创造了大部分价值——这正是资料000描述的"
               "典型客户组合，也是把精力向上转移的理由。",
    generic_hint_zh="tiers = abc_classify_by_count(book, cutoffs=(0.04, 0.20))；"
                    "time_vs_value(tiers) 中有C层（其余80%）的 time_share。",
))
