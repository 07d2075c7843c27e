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

from kamlab.checks import Exercise, Mistake, _close, _load, as_ids, as_number, register

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


def _abc_count_by_count(value: str = "profit") -> int:
    from kamlab.segmentation import abc_classify_by_count

    return int((abc_classify_by_count(_book(), value)["abc"] == "A").sum())


register(Exercise(
    id="m2-abc-profit-count",
    title="number of class-A accounts when ABC is by profit with cut-offs (0.8, 0.95)",
    expected=lambda: _abc_count("profit"),
    normalise=as_number,
    correct=_same_count,
    mistakes=(
        Mistake("by-revenue", lambda a, e: a == _abc_count("revenue"),
                "That is class A by revenue (销售额). Pass value='profit' to abc_classify."),
        Mistake("by-count", lambda a, e: a == _abc_count_by_count("profit"),
                "That is the top 20% of accounts (ABC by count). Here class A is the accounts "
                "that together reach 80% of profit: use abc_classify, not "
                "abc_classify_by_count."),
        Mistake("cutoff-095", lambda a, e: a == _abc_count("profit", cutoffs=(0.95,)),
                "You cut class A at 95% of profit; A ends where the running profit share "
                "(累计占比) first reaches 80% — 0.95 is the B/C boundary."),
        Mistake("share-of-accounts", lambda a, e: _close(a, e / len(_book())),
                "That is the share of accounts in class A; the question asks for the number "
                "of accounts."),
    ),
    success="profit is even more concentrated than revenue, so class A by profit is a "
            "shorter list than class A by revenue.",
    generic_hint="tiers = abc_classify(book, 'profit'); then count the rows where "
                 "tiers['abc'] == 'A'.",
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
                "from class A by revenue and remove the accounts that are A by profit."),
        Mistake("symmetric-difference",
                lambda a, e: a == _abc_ids("profit") ^ _abc_ids("revenue"),
                "You listed the accounts that are A on one measure only (both directions). "
                "Keep just those that are A by revenue and lose A by profit."),
        Mistake("all-a-by-profit", lambda a, e: a == _abc_ids("profit"),
                "That is every class-A account by profit. The question asks for accounts "
                "that are A by revenue but NOT A by profit."),
    ),
    success="these are big buyers that earn little — candidates for a price, mix or "
            "cost-to-serve (服务成本) review rather than more sales effort.",
    generic_hint="Classify twice (abc_classify(book, 'revenue') and abc_classify(book, "
                 "'profit')), take the ids in class A for each, and keep the revenue-A ids "
                 "that are not in the profit-A set.",
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
            "fraction (0.08 = 8%), so compare it with 0.10, not 10."),
    Mistake("revenue-as-potential", lambda a, e: a == _a1_by_revenue(),
            "You used revenue as the potential. Potential (潜力) is the customer's own "
            "annual spend, the 'wallet' column: pass potential='wallet' (the default)."),
    Mistake("d1", lambda a, e: a == _cell_count("D1"),
            "That is cell D1 (share 10–30%, develop 发展). A1 is share below 10% "
            "(open up 开发)."),
)


register(Exercise(
    id="m2-grid-a1",
    title="number of accounts in cell A1 of the potential × share-of-wallet grid",
    expected=lambda: _cell_count("A1"),
    normalise=as_number,
    correct=_same_count,
    mistakes=_GRID_MISTAKES,
    success="A1 accounts already spend over 1M a year but give us under a tenth of it — "
            "the biggest room to grow (开发) for the least new-customer cost.",
    generic_hint="grid = potential_share_grid(book); count grid['grid_cell'] == 'A1' "
                 "(share of wallet < 0.10 and wallet > 1,000,000).",
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
                "top 10, not in the new one."),
        Mistake("new-top10", lambda a, e: a == frozenset(_tops()[1]),
                "That is the whole new top 10. Keep only the accounts of the old top 10 "
                "that are missing from it."),
        Mistake("old-top10", lambda a, e: a == frozenset(_tops()[0]),
                "That is the whole old top 10. Remove the accounts that are still in the "
                "new top 10 (with relationship weight 0.30)."),
    ),
    success="a single weight moved the shortlist — agree the weights (权重) with the "
            "sales team before the list decides who gets a key-account manager.",
    generic_hint="w = dict(DEFAULT_WEIGHTS); w['relationship'] = 0.30; compare top_n(book, 10) "
                 "with top_n(book, 10, w) (top_changes gives who entered and who left).",
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
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.6), not a percentage (60)."),
        Mistake("revenue-share", lambda a, e: _close(a, _tier_shares("revenue")),
                "That is the tail's share of revenue (销售额). The question asks for its "
                "share of salesperson hours (销售人员时间, sales_hours)."),
        Mistake("profit-share", lambda a, e: _close(a, _tier_shares("profit")),
                "That is the tail's share of profit (time_vs_value's value_share). The "
                "question asks for time_share: its share of sales_hours."),
        Mistake("value-abc", lambda a, e: _close(a, _tier_shares("sales_hours", by_count=False)),
                "You used value-based ABC (cut-offs on cumulative revenue). Seed 000's tiers "
                "count accounts: abc_classify_by_count(book, cutoffs=(0.04, 0.20))."),
    ),
    success="the tail takes most of the salespeople's time while the top tiers earn most of "
            "the value — seed 000's typical portfolio, and the case for moving effort up.",
    generic_hint="tiers = abc_classify_by_count(book, cutoffs=(0.04, 0.20)); "
                 "time_vs_value(tiers) has the time_share of tier C (the other 80%).",
))
