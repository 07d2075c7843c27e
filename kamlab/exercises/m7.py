"""The exercise bank for module 7 (account planning: the key-account card and the plan): one
account's growth and share of wallet, how many of the 250 key accounts are fading out or
persistently overdue (seed 004's termination criteria), the executive hours each key account
can get (seed 003), and a team's score on the ten practices (seed 003).

Same pattern as :mod:`kamlab.exercises.m1`: each exercise has a trainee and a solution notebook
in ``exercises/``; expected answers are computed with :mod:`kamlab.card` on the bundled
``account_profiles``, ``account_transactions``, ``account_credit`` and ``customers``; each
mistake detector recomputes the mistaken value its own way.

>>> from kamlab.exercises import check, expected_answer
>>> from kamlab.exercises import m7  # registered by kamlab.exercises once it imports m7
>>> round(expected_answer("m7-exec-hours"), 2)
2.13
>>> check("m7-exec-hours", 1_600 / 250).hint.startswith("You gave every key account")
True
"""

from __future__ import annotations

from functools import cache

from kamlab.checks import Exercise, Mistake, _close, _load, _rel_close, as_number, register

#: m7-growth: the account asked (a declining A account).
GROWTH_ACCOUNT = "C1701"
#: m7-wallet-share: the account asked.
WALLET_ACCOUNT = "C1096"
#: m7-exec-hours: a sales executive's working hours a year, and the share spent visiting
#: customers (seed 003: about a third).
EXECUTIVE_HOURS = 1_600
#: m7-checklist: the account team's answers to seed 003's ten practices (annual_forum left out).
TEAM_ANSWERS = {
    "supply_priority": "yes", "front_line": "partly", "new_products": "no", "promotions": "yes",
    "executive_visits": "partly", "co_designed": "no", "rep_feedback": "partly",
    "incentives": "yes", "data_exchange": "yes",
}


# --- shared helpers --------------------------------------------------------------------

@cache
def _tables():
    return (_load("account_profiles"), _load("account_transactions"), _load("account_credit"),
            _load("customers"))


@cache
def _card(account_id: str):
    from kamlab.card import key_account_card

    profiles, tx, credit, book = _tables()
    return key_account_card(account_id, profiles, tx, credit, book=book)


@cache
def _cards() -> dict:
    """Every key account's card (about 5 s, once)."""
    from kamlab.card import key_account_card

    profiles, tx, credit, book = _tables()
    tx_by = dict(tuple(tx.groupby("account_id")))
    credit_by = dict(tuple(credit.groupby("account_id")))
    return {a: key_account_card(a, profiles, tx_by[a], credit_by[a], book=book)
            for a in profiles["account_id"]}


@cache
def _revenue():
    """Monthly revenue, one row per account, one column per month (oldest first)."""
    return _tables()[1].pivot(index="account_id", columns="month", values="revenue")


def _account_months(account_id: str, column: str):
    tx = _tables()[1]
    rows = tx[tx["account_id"] == account_id].sort_values("month")
    return rows.set_index("month")[column].astype(float)


def _sums(account_id: str, column: str = "revenue") -> dict:
    s = _account_months(account_id, column)
    year = s.index.str[:4]
    return {"last": s.iloc[-12:].sum(), "prior": s.iloc[-24:-12].sum(), "first": s.iloc[:12].sum(),
            "all": s.sum(), "y2025": s[year == "2025"].sum(), "y2024": s[year == "2024"].sum(),
            "month": s.iloc[-1], "month_ago": s.iloc[-13]}


@cache
def _credit_pivot(column: str):
    return _tables()[2].pivot(index="account_id", columns="month", values=column)


# --- m7-growth: one account's change, last 12 months on the 12 before ---------------------

def _growth() -> float:
    return float(_card(GROWTH_ACCOUNT).summary["growth"])


def _g(a: float, b: float) -> float:
    return a / b - 1


register(Exercise(
    id="m7-growth",
    title=f"the change in our revenue from {GROWTH_ACCOUNT}, the last 12 months on the 12 "
          "months before, as a fraction (−0.05 = −5%)",
    expected=_growth,
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the change as a fraction (−0.15 = −15%), not a percentage."),
        Mistake("sign", lambda a, e: _close(a, -e),
                "Right size, wrong sign: the account bought less from us, so the change is "
                "negative (last ÷ before − 1)."),
        Mistake("reversed", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT)["prior"],
                                                       _sums(GROWTH_ACCOUNT)["last"])),
                "You divided the wrong way round: the change is last 12 months ÷ the 12 months "
                "before − 1, the earlier year below the line."),
        Mistake("ratio", lambda a, e: _close(a, e + 1),
                "That is the ratio last ÷ before. Subtract 1 to get the change."),
        Mistake("first-year", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT)["last"],
                                                         _sums(GROWTH_ACCOUNT)["first"])),
                "You compared with the first 12 months of the data (2023-07 … 2024-06), two "
                "years back. The 12 months before the last 12 are 2024-07 … 2025-06."),
        Mistake("calendar-year", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT)["y2025"],
                                                            _sums(GROWTH_ACCOUNT)["y2024"])),
                "That is calendar 2025 on calendar 2024. The card compares the last 12 months "
                "(2025-07 … 2026-06) with the 12 before them, so the newest half-year counts."),
        Mistake("one-month", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT)["month"],
                                                        _sums(GROWTH_ACCOUNT)["month_ago"])),
                "That is June 2026 on June 2025, one month. Add up twelve months on each side."),
        Mistake("margin", lambda a, e: _close(a, _g(_sums(GROWTH_ACCOUNT, "gross_margin")["last"],
                                                     _sums(GROWTH_ACCOUNT, "gross_margin")["prior"])),
                "That is the change in gross margin (毛利). The question asks the revenue (销售额)."),
    ),
    success="our sales to it fell by about 15% while its own turnover fell about 4%: we lose "
            "far more than the account does — the card calls it declining. Someone else is "
            "taking our place, and the plan's first question is who.",
    generic_hint=f"key_account_card('{GROWTH_ACCOUNT}', profiles, transactions).summary['growth']"
                 " — or by hand: the sum of the last 12 months ÷ the sum of the 12 before − 1.",
))


# --- m7-wallet-share: our share of one account's wallet -----------------------------------

def _wallet() -> float:
    book = _tables()[3]
    return float(book.loc[book["account_id"] == WALLET_ACCOUNT, "wallet"].iloc[0])


def _turnover() -> float:
    profiles = _tables()[0]
    return float(profiles.loc[profiles["account_id"] == WALLET_ACCOUNT,
                              "company_turnover"].iloc[0])


register(Exercise(
    id="m7-wallet-share",
    title=f"our share of {WALLET_ACCOUNT}'s wallet — our revenue of the last 12 months over its "
          "annual potential in our range — as a fraction",
    expected=lambda: float(_card(WALLET_ACCOUNT).summary["share_of_wallet"]),
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.33 = 33%), not a percentage."),
        Mistake("inverted", lambda a, e: _rel_close(a, 1 / e),
                "You divided the wallet by our revenue. Share of wallet is our revenue ÷ the "
                "wallet, at most 1."),
        Mistake("headroom", lambda a, e: _close(a, 1 - e),
                "That is what the account buys from others (1 − our share). The question asks "
                "our share."),
        Mistake("turnover", lambda a, e: _close(
            a, _sums(WALLET_ACCOUNT)["last"] / _turnover()),
                "You divided by the account's own turnover (company_turnover, 营业额). Its wallet "
                "is what it buys in our range a year: the `wallet` column of the customer book."),
        Mistake("all-months", lambda a, e: _close(a, _sums(WALLET_ACCOUNT)["all"] / _wallet()),
                "You added up all 36 months. The wallet is a year's purchases: take our last 12 "
                "months."),
        Mistake("prior-year", lambda a, e: _close(a, _sums(WALLET_ACCOUNT)["prior"] / _wallet()),
                "That is the 12 months before the last 12 (2024-07 … 2025-06). Take the last 12."),
        Mistake("margin", lambda a, e: _close(
            a, _sums(WALLET_ACCOUNT, "gross_margin")["last"] / _wallet()),
                "You took our gross margin (毛利). Share of wallet compares revenue with the "
                "account's purchases."),
    ),
    success="we have about a third of what it buys in our range — just over seed 002's 30% "
            "line between developing an account and defending a main-supplier position. Two "
            "thirds of its spend is still with competitors: the plan's headroom.",
    generic_hint=f"key_account_card('{WALLET_ACCOUNT}', profiles, transactions, book=customers)"
                 ".summary['share_of_wallet'] — or the last 12 months' revenue ÷ the account's "
                 "wallet in `customers`.",
))


# --- m7-fading: how many key accounts are fading out ----------------------------------------

def _trend_count(*trends) -> int:
    return sum(c.summary["trend"] in trends for c in _cards().values())


def _fading_count() -> int:
    return sum("fading" in c.flagged for c in _cards().values())


def _growth_below(x: float) -> int:
    r = _revenue()
    g = r.iloc[:, -12:].sum(axis=1) / r.iloc[:, -24:-12].sum(axis=1) - 1
    return int((g < x).sum())


register(Exercise(
    id="m7-fading",
    title="how many of the 250 key accounts are fading out — their last 6 months' revenue "
          "below 40% of the 6 months before (seed 004's third termination criterion)",
    expected=_fading_count,
    normalise=as_number,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("declining", lambda a, e: a == _trend_count("declining"),
                "Those are the accounts whose trend is 'declining' — down more than 4% on the year "
                "but not fading. Fading means the last 6 months below 40% of the 6 before."),
        Mistake("shrinking", lambda a, e: a == _growth_below(-0.04),
                "You counted every account down more than 4% on the year (declining and fading "
                "together). Fading is much stronger: the last 6 months below 40% of the 6 before."),
        Mistake("down-10", lambda a, e: a == _growth_below(-0.10),
                "Those are the accounts down more than 10% on the year. Compare the last 6 months "
                "with the 6 before, and count those below 40%."),
        Mistake("year-window", lambda a, e: a == _growth_below(0.4 - 1),
                "You compared the last 12 months with the 12 before. The criterion compares the "
                "last 6 months with the 6 months before them — a fade shows in half a year."),
        Mistake("stopped", lambda a, e: a == int((_revenue().iloc[:, -1] == 0).sum()),
                "Those are the accounts that bought nothing in the last month — the end of a "
                "fade. Count those whose orders are falling away: last 6 months below 40% of "
                "the 6 before."),
        Mistake("any-flag", lambda a, e: a == sum(bool(c.flagged) for c in _cards().values()),
                "That is every account with any termination flag. Count only the fading one "
                "(card.flagged contains 'fading')."),
    ),
    success="ten accounts, and the next lowest is far above the line: fading is rare and "
            "unmistakable. Four of the ten are also leaving or gone (relocating, bankrupt, "
            "forbidden) — for the others, the card's first question is why.",
    generic_hint="for each account: the sum of its last 6 months ÷ the sum of the 6 before; "
                 "count the ratios below 0.4 — or count 'fading' in key_account_card(...).flagged.",
))


# --- m7-overdue: how many key accounts are persistently overdue ----------------------------

def _late_months(days: int = 60, months: int = 12):
    d = _credit_pivot("days_overdue").iloc[:, -months:]
    return (d > days).sum(axis=1)


register(Exercise(
    id="m7-overdue",
    title="how many of the 250 key accounts are persistently overdue — more than 60 days "
          "overdue in at least 6 of the last 12 months (seed 004's second criterion)",
    expected=lambda: sum("credit_losses" in c.flagged for c in _cards().values()),
    normalise=as_number,
    correct=lambda a, e: a == e,
    mistakes=(
        Mistake("any-overdue-now", lambda a, e: a == int(
            (_credit_pivot("overdue").iloc[:, -1] > 0).sum()),
                "Those are the accounts with anything overdue in June 2026 — most of them are a "
                "little late now and then. Count the months more than 60 days overdue in the "
                "last 12, per account, and keep those with 6 or more."),
        Mistake("now-60", lambda a, e: a == int((_credit_pivot("days_overdue").iloc[:, -1]
                                                 > 60).sum()),
                "That is one month, June 2026. 'Persistently' means in at least 6 of the last 12 "
                "months."),
        Mistake("over-limit", lambda a, e: a == int(
            (_credit_pivot("receivables").iloc[:, -1] > _credit_pivot("credit_limit").iloc[:, -1])
            .sum()),
                "Those are the accounts over their credit limit in June 2026. The criterion is "
                "about paying late: days_overdue above 60."),
        Mistake("over-limit-6", lambda a, e: a == int(
            ((_credit_pivot("receivables").iloc[:, -12:]
              > _credit_pivot("credit_limit").iloc[:, -12:]).sum(axis=1) >= 6).sum()),
                "Those are the accounts over their credit limit in 6 of 12 months. The criterion "
                "counts the months more than 60 days overdue."),
        Mistake("all-twelve", lambda a, e: a == int((_late_months() == 12).sum()),
                "Those are late in all 12 months. The rule asks at least 6 of the 12."),
        Mistake("any-flag", lambda a, e: a == sum(bool(c.flagged) for c in _cards().values()),
                "That is every account with any termination flag. Count only the credit one "
                "(card.flagged contains 'credit_losses')."),
    ),
    success="twelve accounts: each fell behind at some point and never caught up — the overdue "
            "share grows and ages month by month. One of them has gone bankrupt; two are A "
            "accounts still growing fast, which is what makes the decision hard.",
    generic_hint="per account, count the last 12 months with days_overdue > 60 and keep those "
                 "with 6 or more — or count 'credit_losses' in key_account_card(...).flagged.",
))


# --- m7-exec-hours: a sales executive's hours per key account ------------------------------

def _tier_count(tier: str) -> int:
    profiles = _tables()[0]
    return int((profiles["account_tier"] == tier).sum())


register(Exercise(
    id="m7-exec-hours",
    title=f"the hours a year of one sales executive's visiting time ({EXECUTIVE_HOURS:,} working "
          "hours, about a third spent visiting customers) each of the 250 key accounts gets, "
          "spread evenly, to two decimals",
    expected=lambda: EXECUTIVE_HOURS / 3 / len(_tables()[0]),
    normalise=as_number,
    correct=lambda a, e: abs(a - e) <= 0.005,
    mistakes=(
        Mistake("no-third", lambda a, e: _rel_close(a, EXECUTIVE_HOURS / len(_tables()[0])),
                "You gave every key account a share of all 1,600 hours. Only about a third of "
                "an executive's year is spent visiting customers (seed 003)."),
        Mistake("a-only", lambda a, e: _rel_close(a, EXECUTIVE_HOURS / 3 / _tier_count("A")),
                "You spread the time over the 90 A accounts only. The question spreads it over "
                "all 250 key accounts."),
        Mistake("b-only", lambda a, e: _rel_close(a, EXECUTIVE_HOURS / 3 / _tier_count("B")),
                "You spread the time over the 160 B accounts only. The question spreads it over "
                "all 250 key accounts, A and B."),
        Mistake("whole-third", lambda a, e: _rel_close(a, EXECUTIVE_HOURS / 3),
                "That is the executive's whole visiting time. Divide it by the 250 key accounts."),
        Mistake("minutes", lambda a, e: _rel_close(a, 60 * e),
                "That is in minutes. Give hours."),
        Mistake("share", lambda a, e: _rel_close(a, 1 / 3 / len(_tables()[0])),
                "That is a share of the year, not hours: multiply by the 1,600 working hours."),
    ),
    success="about two hours a year per key account — one real visit to an A account, not a "
            "routine. An executive's time has to be planned account by account, or it goes to "
            "whoever calls loudest.",
    generic_hint="1,600 hours × 1/3 ÷ the number of key accounts (len(profiles)) — or read the "
                 "executive line of key_account_plan(card).to_frame().",
))


# --- m7-checklist: a team's score on the ten practices -------------------------------------

def _points():
    words = {"yes": 2, "partly": 1, "no": 0}
    return [words[v] for v in TEAM_ANSWERS.values()]


register(Exercise(
    id="m7-checklist",
    title="the account team's score on seed 003's ten practices as a share of the maximum "
          "(yes 2, partly 1, no 0; an item not answered scores 0), as a fraction",
    expected=lambda: _score().share,
    normalise=as_number,
    correct=lambda a, e: _close(a, e),
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.5 = 50%), not a percentage."),
        Mistake("points", lambda a, e: _rel_close(a, sum(_points())),
                "That is the score in points. Divide by the maximum: 2 points × 10 practices."),
        Mistake("yes-only", lambda a, e: _close(a, list(TEAM_ANSWERS.values()).count("yes") / 10),
                "You counted only the yes answers (or scored partly as 0). Partly earns 1 point, "
                "yes 2; divide the points by 20."),
        Mistake("partly-as-yes", lambda a, e: _close(
            a, 2 * sum(p > 0 for p in _points()) / 20),
                "You scored partly as yes. Partly earns 1 point of 2."),
        Mistake("answered-only", lambda a, e: _close(a, sum(_points()) / (2 * len(TEAM_ANSWERS))),
                "You left the unanswered practice (annual_forum) out of the maximum. An item "
                "not answered is a gap: it stays in the maximum, with 0 points."),
        Mistake("one-per-item", lambda a, e: _close(a, sum(_points()) / 10),
                "You divided by 10, one point per practice. Each practice can earn 2 points: "
                "the maximum is 20."),
    ),
    success="just over half: supplies, promotions, incentives and the data exchange are in "
            "place; new products, joint promotions and the annual forum are not. The gaps "
            "(score_checklist(...).gaps) are the first lines of the team's own plan.",
    generic_hint="score_checklist(answers, 'practices').share — or by hand: yes 2, partly 1, no 0, "
                 "the sum over the ten practices ÷ 20.",
))


@cache
def _score():
    from kamlab.card import score_checklist

    return score_checklist(TEAM_ANSWERS, "practices")
