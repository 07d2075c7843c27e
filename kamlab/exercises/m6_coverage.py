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

from functools import cache

from kamlab.checks import Exercise, Mistake, _close, _load, as_number, register

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
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the gap score as a fraction (0.5 = 50%), not a percentage."),
        Mistake("after", lambda a, e: _close(a, _score(_after())),
                "That is the gap score AFTER the reorganisation (technical staff in the team). "
                "Before it, the account team is team=BEFORE_REORG: kam and executive only."),
        Mistake("covered", lambda a, e: _close(a, 1 - e),
                "That is the share of influence the team DOES cover (1 − the gap score). The "
                "question asks the gap: Σ influence × (1 − strength / 3) ÷ Σ influence."),
        Mistake("mean-of-accounts", lambda a, e: _close(a, _mean_of_accounts()),
                "You averaged the ten accounts' gap scores. The top 10 together is one ratio "
                "over all their people: Σ gap ÷ Σ influence (a bigger buying centre weighs "
                "more) — gap_score(centre, coverage, team=BEFORE_REORG)."),
        Mistake("rows", lambda a, e: _close(a, _per_row()),
                "You summed over the rows of buying_centre, one per (person, role): each "
                "purchasing director (buyer AND decider) counted twice. One person, one "
                "influence: drop the duplicate contacts first (drop_duplicates('contact_id'))."),
        Mistake("everyone", lambda a, e: _close(a, _all_functions()),
                "You counted every relationship, technical staff and field service included. "
                "Before the reorganisation the technical staff were NOT part of the account "
                "team: count only kam and executive (service counts in neither)."),
        Mistake("kam-only", lambda a, e: _close(a, _score(_gaps(("kam",)))),
                "You counted the key-account managers only. The account team before the "
                "reorganisation also had the sales executives: team=('kam', 'executive')."),
        Mistake("unweighted", lambda a, e: _close(a, float((_before()["gap"]
                                                            / _before()["influence"]).mean())),
                "You averaged each person's uncovered share (1 − strength / 3) without weights. "
                "Weigh each person by influence: Σ gap ÷ Σ influence."),
        Mistake("headcount", lambda a, e: _close(
                    a, float((_before()["coverage_status"] != "covered").mean())),
                "That is the share of PEOPLE who are uncovered or weakly covered. The gap score "
                "weighs each person by influence and by how weak the best relationship is."),
    ),
    success="about 0.60: before the reorganisation the account team left three-fifths of the "
            "buying centres' influence uncovered — the regional technical managers first, "
            "whom only the technical staff knew (seed 000: all the focus on the upper level).",
    generic_hint="gap_score(centre, coverage, team=BEFORE_REORG) — or per person: the best "
                 "strength anyone in ('kam', 'executive') has with them (0 when nobody), gap = "
                 "influence × (1 − strength / 3); then Σ gap ÷ Σ influence over the 70 people.",
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
    mistakes=(
        Mistake("percent", lambda a, e: _close(a / 100, e),
                "Give the share as a fraction (0.5 = 50%), not a percentage."),
        Mistake("before", lambda a, e: _close(a, _user_share(_before())),
                "That is the users' share BEFORE the reorganisation, when the regional "
                "managers' gaps dwarfed everything. Use team=AFTER_REORG."),
        Mistake("everyone", lambda a, e: _close(a, _user_share(_gaps(
                    ("kam", "technical", "executive", "service")))),
                "You counted field service as account-team coverage. Service does not report "
                "into KAM, before or after: its relationships count at weight 0."),
        Mistake("influence-share", lambda a, e: _close(
                    a, float(_after()["influence"][_users(_after())].sum()
                             / _after()["influence"].sum())),
                "That is the users' share of INFLUENCE. The question asks their share of the "
                "remaining GAP: Σ gap of the users ÷ Σ gap of everyone."),
        Mistake("of-influence", lambda a, e: _close(
                    a, float(_after()["gap"][_users(_after())].sum()
                             / _after()["influence"].sum())),
                "You divided the users' gap by the total INFLUENCE: that is how many points of "
                "the gap score the users account for. Divide by the total gap instead."),
        Mistake("user-score", lambda a, e: _close(
                    a, _score(_after()[_users(_after())])),
                "That is the users' own gap score (their gap ÷ their influence). The question "
                "asks what share of everyone's remaining gap is theirs."),
        Mistake("count-share", lambda a, e: _close(
                    a, float((_users(_after()) & (_after()["gap"] > 0).to_numpy()).sum()
                             / (_after()["gap"] > 0).sum())),
                "You counted PEOPLE with a gap. Weigh them by their gap: Σ gap of the users "
                "÷ Σ gap of everyone."),
        Mistake("plant-managers", lambda a, e: _close(a, _title_share("Plant Manager")),
                "You took the plant managers only. The users (使用者) also include the "
                "paint-shop supervisors: select by role, e.g. gaps['roles'].str.contains('user')."),
        Mistake("rows", lambda a, e: _close(a, _user_rows_share()),
                "You summed the gaps over the rows of buying_centre, one per (person, role), "
                "so the purchasing directors' gaps count twice. One row per person: use "
                "coverage_gaps(...) or drop_duplicates('contact_id') before summing."),
    ),
    success="more than half: once the technical staff are in the team, the largest remaining "
            "gap is at plant level, the users — the level the seed says nobody focused on. "
            "Field service visits some plants, but it does not report into KAM.",
    generic_hint="gaps = coverage_gaps(centre, coverage, team=AFTER_REORG); users = "
                 "gaps['roles'].str.contains('user'); then gaps.loc[users, 'gap'].sum() / "
                 "gaps['gap'].sum().",
))
