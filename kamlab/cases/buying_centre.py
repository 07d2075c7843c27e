"""Module 6 — the buying centre (购买中心) and who on our side covers whom.

Seed 000 (a large US manufacturer): each customer has two decision makers, a buyer (采购者)
who makes the purchase decision and a regional manager (地区经理), more technical, who
influences it. The key-account manager (sales background) works the buyer; technical staff
work the regional manager. The two did not work as one team until technical staff reported
into the KAM department; all the focus was on the upper level. Seed 004 gives the buying
centre's members (marketing, production, R&D, top management, purchasing), the seven roles of
Webster and Wind (:data:`ROLES`) and the six steps of the buying process
(:data:`PROCESS_STEPS`).

Two tables go in (the bundled ``buying_centre`` and ``account_coverage``):

- **their side**: one row per (account, contact, role) — ``account_id``, ``contact_id``,
  ``role`` (a code of :data:`ROLES`), ``influence`` (1–5, one value per person);
- **our side**: one row per (our person, their contact) — ``contact_id``, ``our_person``,
  ``function`` (a code of :data:`FUNCTIONS`), ``strength`` (0 none, 1 weak, 2 working,
  3 strong).

**Who counts** (the rule the reorganisation changes): a relationship counts as account-team
coverage at its full strength when our person's function is in the account team (``team``:
:data:`BEFORE_REORG` = kam + executive; :data:`AFTER_REORG` = kam + technical + executive);
a relationship held by anyone outside the team counts at ``strength × outside_weight``
(default 0: the KAM does not work with them, so cannot plan with that relationship).

**The gap** of a contact = influence × (1 − team strength / 3), where team strength is the
best counted strength anyone has with that person: a strongly covered contact has no gap, an
uncovered one a gap equal to their influence. **Gap score** of an account = Σ gap / Σ
influence, 0 (everyone strongly covered) to 1 (nobody covered); across accounts the same sums
over all their contacts (a bigger buying centre weighs more).

>>> from kamlab import load_dataset
>>> centre, coverage = load_dataset("buying_centre"), load_dataset("account_coverage")
>>> round(gap_score(centre, coverage, team=BEFORE_REORG), 3), round(gap_score(centre, coverage), 3)
(0.602, 0.249)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlab._validate import check_fraction, in_range, numeric_column, require_columns, show
from kamlab._validate import number as _number
from kamlab.exceptions import InvalidDataError, ParameterError

__all__ = [
    "ROLES", "ROLE_NAMES", "PROCESS_STEPS", "ROLE_STEPS", "FUNCTIONS", "STRENGTHS", "STATUSES",
    "BEFORE_REORG", "AFTER_REORG",
    "involvement", "CoverageMap", "coverage_map", "coverage_gaps", "gap_score", "gap_scores",
    "reorganisation_effect", "step_gaps", "with_coverage",
]

#: Seed 004 (韦伯及温德): the buying-centre roles, in the seed's order. The seed says six
#: roles and lists seven; all seven are kept.
ROLES = ("initiator", "decider", "influencer", "analyst", "user", "buyer", "gatekeeper")

#: The seed's Chinese role names → codes (for messages and for reading a trainee's table).
ROLE_NAMES = {"倡议者": "initiator", "决策者": "decider", "影响者": "influencer",
              "分析者": "analyst", "使用者": "user", "采购者": "buyer", "控制者": "gatekeeper"}

#: Seed 004: the six steps of an industrial customer's buying process, in order —
#: 发现需求, 内部酝酿, 采购规划, 评估比较, 购买承诺, 签约实施.
PROCESS_STEPS = ("need_recognition", "deliberation", "planning", "evaluation", "commitment",
                 "contract")

#: Which roles take part in which step — OUR assumption (the seeds list roles and steps but do
#: not cross them): initiators raise the need and argue it internally; users feel the need,
#: try the candidates and live with the contract; influencers and analysts shape the plan and
#: the evaluation (analysts turn needs into specifications, seed 004's 采购指标); gatekeepers
#: control which suppliers and information get through from planning to commitment; buyers
#: run the process from planning to signature; deciders approve the plan and commit.
ROLE_STEPS = {
    "initiator": ("need_recognition", "deliberation"),
    "decider": ("planning", "commitment", "contract"),
    "influencer": ("deliberation", "planning", "evaluation"),
    "analyst": ("planning", "evaluation"),
    "user": ("need_recognition", "evaluation", "contract"),
    "buyer": ("planning", "evaluation", "commitment", "contract"),
    "gatekeeper": ("planning", "evaluation", "commitment"),
}

#: Our people's functions: key-account manager, technical staff (application engineers),
#: sales executives, field service.
FUNCTIONS = ("kam", "technical", "executive", "service")

#: Relationship strengths: 0 none, 1 weak, 2 working, 3 strong.
STRENGTHS = (0, 1, 2, 3)

#: A contact's coverage status, worst first.
STATUSES = ("uncovered", "weak", "covered")

#: Seed 000: the account team before the reorganisation — the KAM (and the sales executives
#: who back them up); technical staff worked apart.
BEFORE_REORG = ("kam", "executive")

#: Seed 000: after technical staff report into the KAM department.
AFTER_REORG = ("kam", "technical", "executive")

_PASS_CONTACT = ("company", "company_zh", "contact", "contact_zh", "title", "title_zh",
                 "department")
_MAX = 3.0


# ---------------------------------------------------------------------------------------
# Validation (once, at the public boundary)
# ---------------------------------------------------------------------------------------

def _codes(values, allowed, column, func, extra=""):
    values = pd.Series(values)
    bad = ~np.isin(values.to_numpy(dtype=object), np.asarray(allowed, dtype=object))
    if bad.any():
        extra = extra() if callable(extra) else extra
        rows = list(np.flatnonzero(bad))
        raise InvalidDataError(
            f"{func}(): column {column!r} holds codes other than {list(allowed)} at rows "
            f"{show(rows)} (0-based positions): {show(values[bad].tolist())}.{extra}",
            column=column, rows=rows, values=values[bad].tolist())


def _no_blanks(df, columns, func, table):
    for col in columns:
        blank = df[col].isna().to_numpy()
        if blank.any():
            rows = list(np.flatnonzero(blank))
            raise InvalidDataError(
                f"{func}(): column {col!r} of the {table} table has blanks at rows {show(rows)} "
                "(0-based positions). Fill them in or drop those rows.", column=col, rows=rows)


def _people(centre: pd.DataFrame, func: str) -> pd.DataFrame:
    """One row per contact (centre order): account_id, contact_id, pass-through columns,
    ``role`` (the first of the person's roles in seed order), ``roles`` ('+'-joined, seed
    order) and ``influence``."""
    require_columns(centre, ["account_id", "contact_id", "role", "influence"], func=func,
                    source="the buying-centre table")
    if len(centre) == 0:
        raise InvalidDataError(f"{func}(): the buying-centre table is empty; it needs one row "
                               "per (account, contact, role).")
    _no_blanks(centre, ("account_id", "contact_id", "role"), func, "buying-centre")

    def hint():
        zh = {k: v for k, v in ROLE_NAMES.items() if k in set(centre["role"].astype(str))}
        return (f" Chinese role names? Map them to codes first: "
                f"centre['role'].replace({zh!r})." if zh else
                " Check the spelling (codes are lower-case English).")

    _codes(centre["role"], ROLES, "role", func, hint)
    influence = numeric_column(centre, "influence", func=func)
    in_range(influence, "influence", func=func, low=1, high=5, scale="a 1–5 score")
    # numpy, not groupby: the dashboard runs this on every change
    person, ids = pd.factorize(centre["contact_id"], sort=False)   # first-appearance order
    role = pd.Categorical(centre["role"], categories=list(ROLES)).codes.astype("int64")
    dup = pd.Index(person * len(ROLES) + role).duplicated()
    if dup.any():
        rows = list(np.flatnonzero(dup))
        raise InvalidDataError(
            f"{func}(): the buying-centre table has the same (contact_id, role) twice at rows "
            f"{show(rows)} (0-based positions): {show(centre['contact_id'][dup].tolist())}. "
            "Keep one row per person and role: centre.drop_duplicates(['contact_id', 'role']).",
            rows=rows)
    first = np.unique(person, return_index=True)[1]  # each person's first row
    infl = influence.to_numpy()
    for col, values, what in (("account_id", centre["account_id"].to_numpy(), "two accounts"),
                              ("influence", infl, "two influence values")):
        split = values != values[first[person]]
        if split.any():
            bad = list(dict.fromkeys(ids[person[split]]))
            raise InvalidDataError(
                f"{func}(): contact(s) {show(bad)} have {what} in the buying-centre table; a "
                f"person belongs to one account and has one influence, whatever their roles. "
                "Give each person one contact_id and the same influence on each of their rows.",
                column=col, values=bad)
    held = [[] for _ in range(len(ids))]
    for i in np.lexsort((role, person)):  # by person, then role in seed order
        held[person[i]].append(ROLES[role[i]])
    out = pd.DataFrame({"account_id": centre["account_id"].to_numpy()[first],
                        "contact_id": np.asarray(ids, dtype=object)})
    for col in _PASS_CONTACT:
        if col in centre.columns:
            out[col] = centre[col].to_numpy()[first]
    out["roles"] = ["+".join(r) for r in held]
    out["role"] = [r[0] for r in held]
    given = centre["influence"].to_numpy()
    out["influence"] = given[first] if given.dtype.kind in "iu" else infl[first]  # ints stay
    return out


def _team(team, func: str) -> tuple:
    codes = (team,) if isinstance(team, str) else tuple(team)
    unknown = [c for c in codes if c not in FUNCTIONS]
    if unknown:
        raise ParameterError(f"{func}(): team takes function codes from {list(FUNCTIONS)}, e.g. "
                             f"AFTER_REORG = {AFTER_REORG}; got {show(unknown)}.", team=codes)
    return codes


def _strengths(values, column, func):
    x = np.asarray(values, dtype="float64")
    bad = ~np.isin(x, STRENGTHS)
    if bad.any():
        rows = list(np.flatnonzero(bad))
        raise InvalidDataError(
            f"{func}(): column {column!r} takes whole strengths 0–3 (0 none, 1 weak, 2 working, "
            f"3 strong); rows {show(rows)} (0-based positions) have "
            f"{show([float(v) for v in x[bad]])}.", column=column, rows=rows)
    return x


def _links(coverage: pd.DataFrame, people: pd.DataFrame, func: str) -> pd.DataFrame:
    """The coverage rows, checked: contact_id, our_person, function, strength (float)."""
    require_columns(coverage, ["contact_id", "our_person", "function", "strength"], func=func,
                    source="the coverage table")
    _no_blanks(coverage, ("contact_id", "our_person", "function"), func, "coverage")
    _codes(coverage["function"], FUNCTIONS, "function", func,
           " Use kam, technical, executive or service.")
    strength = _strengths(numeric_column(coverage, "strength", func=func), "strength", func)
    dup = coverage.duplicated(["contact_id", "our_person"]).to_numpy()
    if dup.any():
        rows = list(np.flatnonzero(dup))
        raise InvalidDataError(
            f"{func}(): the coverage table has the same (contact_id, our_person) twice at rows "
            f"{show(rows)} (0-based positions). One relationship, one row: keep the one you "
            "trust, or change its strength with with_coverage(...).", rows=rows)
    unknown = ~coverage["contact_id"].isin(people["contact_id"]).to_numpy()
    if unknown.any():
        rows = list(np.flatnonzero(unknown))
        raise InvalidDataError(
            f"{func}(): the coverage table names contacts the buying centre does not have at "
            f"rows {show(rows)} (0-based positions): "
            f"{show(coverage['contact_id'][unknown].tolist())}. Add them to the buying-centre "
            "table, or fix the contact_id.", column="contact_id", rows=rows)
    if "account_id" in coverage.columns:
        home = people.set_index("contact_id")["account_id"]
        wrong = (home.reindex(coverage["contact_id"]).to_numpy()
                 != coverage["account_id"].to_numpy())
        if wrong.any():
            rows = list(np.flatnonzero(wrong))
            raise InvalidDataError(
                f"{func}(): coverage rows {show(rows)} (0-based positions) give an account_id "
                "other than the contact's own in the buying-centre table.",
                column="account_id", rows=rows)
    who, names = pd.factorize(coverage["our_person"], sort=False)
    fn = coverage["function"].to_numpy()
    split = fn != fn[np.unique(who, return_index=True)[1]][who]
    if split.any():
        bad = list(dict.fromkeys(names[who[split]]))
        raise InvalidDataError(
            f"{func}(): our person(s) {show(bad)} have two functions in the coverage table; a "
            "person has one function (it decides whether they are in the account team).",
            column="function", values=bad)
    out = pd.DataFrame({"contact_id": coverage["contact_id"].to_numpy(),
                        "our_person": coverage["our_person"].to_numpy(),
                        "function": coverage["function"].to_numpy(), "strength": strength})
    if "our_person_zh" in coverage.columns:
        out["our_person_zh"] = coverage["our_person_zh"].to_numpy()
    return out


def _account(people, account_id, func):
    known = list(dict.fromkeys(people["account_id"]))
    if account_id not in known:
        raise ParameterError(f"{func}(): no account {account_id!r} in the buying-centre table; "
                             f"it has {show(known, 12)}.", account_id=account_id)
    return account_id


def _counted(links, team, outside_weight):
    """Each link's counted strength: full in the team, × outside_weight outside it."""
    inside = links["function"].isin(team).to_numpy()
    return np.where(inside, links["strength"].to_numpy(),
                    links["strength"].to_numpy() * outside_weight), inside


def _gaps(people, links, team, outside_weight, weak):
    """people + team_strength, covered_by, gap, coverage_status (centre order)."""
    counted, _ = _counted(links, team, outside_weight)
    ranked = links.assign(_s=counted).sort_values("_s", ascending=False, kind="stable")
    best = ranked.drop_duplicates("contact_id").set_index("contact_id")
    s = best["_s"].reindex(people["contact_id"]).fillna(0.0).to_numpy()
    who = best["our_person"].reindex(people["contact_id"]).to_numpy(dtype=object)
    out = people.copy()
    out["team_strength"] = s
    out["covered_by"] = np.where(s > 0, who, "")
    out["gap"] = out["influence"].to_numpy() * (1 - s / _MAX)
    status = np.where(s <= 0, 0, np.where(s <= weak, 1, 2))
    out["coverage_status"] = pd.Categorical.from_codes(status, categories=list(STATUSES),
                                                       ordered=True)
    return out


def _prepare(centre, coverage, team, outside_weight, func, weak=1):
    people = _people(centre, func)
    links = _links(coverage, people, func)
    team = _team(team, func)
    w = check_fraction("outside_weight", outside_weight, func=func, inclusive_zero=True)
    if isinstance(weak, bool) or weak not in (0, 1, 2):
        raise ParameterError(f"{func}(): weak is the highest strength still called weak: 0, 1 or "
                             f"2 (default 1); got {weak!r}.", weak=weak)
    return people, links, team, w


# ---------------------------------------------------------------------------------------
# The role × step table
# ---------------------------------------------------------------------------------------

def involvement(role_steps=None) -> pd.DataFrame:
    """Which buying-centre roles take part in which step of the buying process (True/False).

    Rows: :data:`ROLES` (seed order, index ``role``); columns: :data:`PROCESS_STEPS`.

    Parameters
    ----------
    role_steps : role code → the step codes it takes part in; default :data:`ROLE_STEPS`
        (our assumption; the seeds do not cross roles and steps).

    Raises
    ------
    ParameterError for an unknown role or step code.

    >>> involvement().loc["buyer"].tolist()
    [False, False, True, True, True, True]
    """
    func = "involvement"
    role_steps = ROLE_STEPS if role_steps is None else role_steps
    if not isinstance(role_steps, dict):
        raise ParameterError(f"{func}(): role_steps maps role codes to step codes, like "
                             f"ROLE_STEPS; got {type(role_steps).__name__}.")
    bad = [r for r in role_steps if r not in ROLES]
    bad_steps = [s for steps in role_steps.values() for s in steps if s not in PROCESS_STEPS]
    if bad or bad_steps:
        raise ParameterError(f"{func}(): unknown role code(s) {show(bad)} or step code(s) "
                             f"{show(bad_steps)}; roles are {list(ROLES)}, steps "
                             f"{list(PROCESS_STEPS)}.", roles=bad, steps=bad_steps)
    table = pd.DataFrame(False, index=pd.Index(list(ROLES), name="role"),
                         columns=list(PROCESS_STEPS))
    for role, steps in role_steps.items():
        table.loc[role, list(steps)] = True
    return table


# ---------------------------------------------------------------------------------------
# The coverage map of one account
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CoverageMap:
    """Result of :func:`coverage_map`: their people × our people at one account.

    ``account_id``; ``team`` (the function codes counted as the account team);
    ``contacts`` — one row per person of the buying centre, in the table's order:
    ``contact_id``, the pass-through columns the table has (``contact``, ``contact_zh``,
    ``title``, ``title_zh``, ``department``, ``company``, ``company_zh``), ``roles``,
    ``role``, ``influence``, ``team_strength``, ``covered_by``, ``gap``,
    ``coverage_status``; ``people`` — our people with a row at the account: ``our_person``,
    (``our_person_zh``), ``function``, ``in_team``, team first (in :data:`FUNCTIONS` order),
    then the others; ``strength`` — the heat map's data: a DataFrame indexed by
    ``contact_id`` with one column per ``our_person`` (same orders), the recorded strengths
    0–3 (0 where there is no row).
    """

    account_id: str
    team: tuple
    contacts: pd.DataFrame
    people: pd.DataFrame
    strength: pd.DataFrame


def coverage_map(centre: pd.DataFrame, coverage: pd.DataFrame, account_id: str, *,
                 team=AFTER_REORG, outside_weight: float = 0.0, weak: int = 1) -> CoverageMap:
    """Who on our side covers whom at one account: their people × our people, strengths 0–3.

    Parameters
    ----------
    centre : the buying centre, one row per (account, contact, role): ``account_id``,
        ``contact_id``, ``role`` (a code of :data:`ROLES`), ``influence`` (1–5).
    coverage : one row per (our person, their contact): ``contact_id``, ``our_person``,
        ``function`` (a code of :data:`FUNCTIONS`), ``strength`` (0–3).
    account_id : the account to map.
    team : the function codes of the account team; default :data:`AFTER_REORG`.
    outside_weight : in [0, 1], the weight of a relationship held outside the team (default 0:
        it does not count).
    weak : the highest counted strength still called "weak" (default 1).

    Returns
    -------
    :class:`CoverageMap`.

    Raises
    ------
    MissingColumnsError, InvalidDataError (unknown role or function codes, influence outside
    1–5, strength not a whole 0–3, duplicate rows, coverage of unknown contacts),
    ParameterError (unknown account, team code, outside_weight outside [0, 1]).

    Notes
    -----
    Seed 000: "关键客户管理有两个层次" — the map shows both levels, and whose relationships the
    KAM can count on (the team's columns) against the ones held elsewhere.

    >>> import pandas as pd
    >>> centre = pd.DataFrame({"account_id": "A", "contact_id": ["b", "b", "r"],
    ...                        "role": ["buyer", "decider", "influencer"], "influence": [5, 5, 4]})
    >>> cover = pd.DataFrame({"contact_id": ["b", "r"], "our_person": ["Kim", "Eng"],
    ...                       "function": ["kam", "technical"], "strength": [3, 2]})
    >>> m = coverage_map(centre, cover, "A", team=BEFORE_REORG)
    >>> m.strength.values.tolist(), m.people["in_team"].tolist(), m.contacts["roles"].tolist()
    ([[3, 0], [0, 2]], [True, False], ['decider+buyer', 'influencer'])
    """
    func = "coverage_map"
    people, links, team, w = _prepare(centre, coverage, team, outside_weight, func, weak)
    _account(people, account_id, func)
    mine = people[people["account_id"] == account_id].reset_index(drop=True)
    here = links[links["contact_id"].isin(mine["contact_id"])].reset_index(drop=True)
    contacts = _gaps(mine, here, team, w, weak)
    ours = here.drop_duplicates("our_person")
    rank = ours["function"].map({f: i for i, f in enumerate(FUNCTIONS)}).to_numpy()
    in_team = ours["function"].isin(team).to_numpy()
    ours = ours.assign(_key=np.where(in_team, 0, 1) * 10 + rank)
    ours = ours.sort_values("_key", kind="stable")
    cols = ["our_person"] + (["our_person_zh"] if "our_person_zh" in ours else []) + ["function"]
    persons = ours[cols].reset_index(drop=True)
    persons["in_team"] = persons["function"].isin(team).to_numpy()
    rows = pd.Index(mine["contact_id"], name="contact_id")
    cols = pd.Index(persons["our_person"], name="our_person")
    values = np.zeros((len(rows), len(cols)), dtype="int64")
    values[rows.get_indexer(here["contact_id"]), cols.get_indexer(here["our_person"])] = \
        here["strength"].to_numpy()
    grid = pd.DataFrame(values, index=rows, columns=cols)
    return CoverageMap(account_id=account_id, team=team, contacts=contacts, people=persons,
                       strength=grid)


# ---------------------------------------------------------------------------------------
# Gaps and scores
# ---------------------------------------------------------------------------------------

def coverage_gaps(centre: pd.DataFrame, coverage: pd.DataFrame, *, team=AFTER_REORG,
                  outside_weight: float = 0.0, weak: int = 1, min_influence: float = 1,
                  account_id: str | None = None) -> pd.DataFrame:
    """Each contact's coverage gap: influence × (1 − best team strength / 3), and a status.

    Columns out, one row per person (accounts in the table's order, then the largest gap
    first; ties keep the table's order): ``account_id``, ``contact_id``, the pass-through
    columns the table has (``company``, ``company_zh``, ``contact``, ``contact_zh``,
    ``title``, ``title_zh``, ``department``), ``roles``, ``role`` (the first in seed order),
    ``influence``, ``team_strength`` (the best counted strength, 0–3), ``covered_by`` (who
    gives it; '' when nobody), ``gap`` (0 … influence) and ``coverage_status``: ``uncovered``
    (team strength 0), ``weak`` (up to ``weak``) or ``covered``, an ordered categorical.

    Parameters
    ----------
    centre, coverage, team, outside_weight, weak : as for :func:`coverage_map`.
    min_influence : list only people with at least this influence (default 1: everyone).
    account_id : one account only (default: every account).

    Raises
    ------
    As :func:`coverage_map`.

    Notes
    -----
    Seed 000: "所有的重点都放在上层" — a gap list weighted by influence shows where the team's
    attention is missing, the regional manager first.

    >>> import pandas as pd
    >>> centre = pd.DataFrame({"account_id": "A", "contact_id": ["b", "r", "u"],
    ...                        "role": ["buyer", "influencer", "user"], "influence": [5, 4, 3]})
    >>> cover = pd.DataFrame({"contact_id": ["b", "r", "u"], "our_person": ["Kim", "Eng", "Kim"],
    ...                       "function": ["kam", "technical", "kam"], "strength": [3, 3, 1]})
    >>> g = coverage_gaps(centre, cover, team=BEFORE_REORG)
    >>> g[["contact_id", "gap"]].values.tolist(), g["coverage_status"].tolist()
    ([['r', 4.0], ['u', 2.0], ['b', 0.0]], ['uncovered', 'weak', 'covered'])
    """
    func = "coverage_gaps"
    people, links, team, w = _prepare(centre, coverage, team, outside_weight, func, weak)
    if account_id is not None:
        _account(people, account_id, func)
        people = people[people["account_id"] == account_id].reset_index(drop=True)
    gaps = _gaps(people, links, team, w, weak)
    floor = _number("min_influence", min_influence, func)
    gaps = gaps[gaps["influence"].to_numpy() >= floor]
    order = pd.Categorical(gaps["account_id"], categories=list(dict.fromkeys(people["account_id"])))
    gaps = gaps.assign(_a=order.codes, _g=-gaps["gap"].to_numpy())
    return (gaps.sort_values(["_a", "_g"], kind="stable").drop(columns=["_a", "_g"])
            .reset_index(drop=True))


def _scores(gaps: pd.DataFrame) -> pd.DataFrame:
    grouped = gaps.groupby("account_id", sort=False)
    out = pd.DataFrame({"contacts": grouped.size(),
                        "influence_total": grouped["influence"].sum(),
                        "gap": grouped["gap"].sum()})
    status = gaps["coverage_status"].astype(str)
    out["gap_score"] = out["gap"] / out["influence_total"]
    out["uncovered"] = (status == "uncovered").groupby(gaps["account_id"], sort=False).sum()
    out["weak"] = (status == "weak").groupby(gaps["account_id"], sort=False).sum()
    return out


def gap_scores(centre: pd.DataFrame, coverage: pd.DataFrame, *, team=AFTER_REORG,
               outside_weight: float = 0.0, weak: int = 1) -> pd.DataFrame:
    """The gap score of each account: Σ gap / Σ influence, with its parts.

    Columns out, one row per account in the table's order: ``account_id``, ``company`` and
    ``company_zh`` when the table has them, ``contacts``, ``influence_total``, ``gap``,
    ``gap_score`` (0 = every contact strongly covered by the team, 1 = nobody covered),
    ``uncovered`` and ``weak`` (people with that status).

    Raises
    ------
    As :func:`coverage_map`.

    >>> import pandas as pd
    >>> centre = pd.DataFrame({"account_id": ["A", "A", "B"], "contact_id": ["a1", "a2", "b1"],
    ...                        "role": ["buyer", "influencer", "buyer"], "influence": [5, 4, 2]})
    >>> cover = pd.DataFrame({"contact_id": ["a1", "b1"], "our_person": "Kim",
    ...                       "function": "kam", "strength": [3, 1]})
    >>> s = gap_scores(centre, cover)                 # A: 4 / 9; B: 2 × (1 − 1/3) / 2
    >>> s["gap_score"].round(4).tolist(), s["uncovered"].tolist(), s["weak"].tolist()
    ([0.4444, 0.6667], [1, 0], [0, 1])
    """
    func = "gap_scores"
    people, links, team, w = _prepare(centre, coverage, team, outside_weight, func, weak)
    gaps = _gaps(people, links, team, w, weak)
    scores = _scores(gaps)
    first = people.drop_duplicates("account_id").set_index("account_id")
    front = [c for c in ("company", "company_zh") if c in people.columns]
    out = pd.concat([first[front].reindex(scores.index), scores], axis=1)
    out.index.name = "account_id"
    return out.reset_index()


def gap_score(centre: pd.DataFrame, coverage: pd.DataFrame, *, team=AFTER_REORG,
              outside_weight: float = 0.0, weak: int = 1, account_id: str | None = None) -> float:
    """One number: Σ gap / Σ influence over every contact (or one account's), 0–1.

    Across accounts the sums run over all their people, so an account with a bigger buying
    centre weighs more (not the mean of the accounts' scores).

    Raises
    ------
    As :func:`coverage_map`.

    Notes
    -----
    Seed 000's reorganisation in one figure on the bundled top 10: 0.602 before (kam +
    executive), 0.249 after (technical staff in the team).

    >>> import pandas as pd
    >>> centre = pd.DataFrame({"account_id": "A", "contact_id": ["b", "r"],
    ...                        "role": ["buyer", "influencer"], "influence": [5, 4]})
    >>> cover = pd.DataFrame({"contact_id": ["b", "r"], "our_person": ["Kim", "Eng"],
    ...                       "function": ["kam", "technical"], "strength": [3, 3]})
    >>> gap_score(centre, cover, team=BEFORE_REORG), gap_score(centre, cover, team=AFTER_REORG)
    (0.4444444444444444, 0.0)
    """
    func = "gap_score"
    people, links, team, w = _prepare(centre, coverage, team, outside_weight, func, weak)
    if account_id is not None:
        _account(people, account_id, func)
        people = people[people["account_id"] == account_id]
    gaps = _gaps(people, links, team, w, weak)
    return float(gaps["gap"].sum() / gaps["influence"].sum())


def reorganisation_effect(centre: pd.DataFrame, coverage: pd.DataFrame, *,
                          before=BEFORE_REORG, after=AFTER_REORG,
                          outside_weight: float = 0.0, weak: int = 1) -> pd.DataFrame:
    """The gap score of each account before and after the reorganisation (seed 000).

    Columns out, one row per account in the table's order: ``account_id``, ``company`` and
    ``company_zh`` when the table has them, ``gap_score_before``, ``gap_score_after`` and
    ``gap_change`` (after − before: negative when the gap shrinks).

    Parameters
    ----------
    before, after : the account team's function codes; defaults :data:`BEFORE_REORG` and
        :data:`AFTER_REORG` (technical staff report into KAM).
    outside_weight, weak : as for :func:`coverage_map`, for both.

    Raises
    ------
    As :func:`coverage_map`.

    Notes
    -----
    Seed 000: "麦肯锡建议技术人员向KAM部门汇报工作,以改善小组工作" — the same relationships,
    counted once the technical staff are part of the account team.

    >>> from kamlab import load_dataset
    >>> effect = reorganisation_effect(load_dataset("buying_centre"),
    ...                                load_dataset("account_coverage"))
    >>> bool((effect["gap_change"] < 0).all())
    True
    """
    b = gap_scores(centre, coverage, team=before, outside_weight=outside_weight, weak=weak)
    a = gap_scores(centre, coverage, team=after, outside_weight=outside_weight, weak=weak)
    front = [c for c in ("account_id", "company", "company_zh") if c in b.columns]
    out = b[front].copy()
    out["gap_score_before"] = b["gap_score"].to_numpy()
    out["gap_score_after"] = a["gap_score"].to_numpy()
    out["gap_change"] = out["gap_score_after"] - out["gap_score_before"]
    return out


def step_gaps(gaps: pd.DataFrame, *, role_steps=None) -> pd.DataFrame:
    """Where in the buying process the gaps sit: per step, the gaps of the people involved.

    A person counts in every step any of their roles takes part in (:func:`involvement`).

    Parameters
    ----------
    gaps : the table of :func:`coverage_gaps` (``roles``, ``influence``, ``gap``).
    role_steps : as for :func:`involvement`; default :data:`ROLE_STEPS`.

    Returns
    -------
    One row per step of :data:`PROCESS_STEPS`, in order: ``process_step``, ``contacts``,
    ``influence_total``, ``gap`` and ``gap_score`` (Σ gap / Σ influence of the people in that
    step; NaN for a step nobody takes part in).

    >>> import pandas as pd
    >>> g = pd.DataFrame({"roles": ["decider+buyer", "user"], "influence": [5, 3],
    ...                   "gap": [0.0, 3.0]})
    >>> step_gaps(g)[["process_step", "contacts", "gap"]].values.tolist()[:3]
    [['need_recognition', 1, 3.0], ['deliberation', 0, 0.0], ['planning', 1, 0.0]]
    """
    func = "step_gaps"
    table = involvement(role_steps)
    require_columns(gaps, ["roles", "influence", "gap"], func=func,
                    source="the gap table (coverage_gaps)")
    influence = numeric_column(gaps, "influence", func=func).to_numpy()
    gap = numeric_column(gaps, "gap", func=func).to_numpy()
    roles = gaps["roles"].astype(str).str.split("+")
    _codes(roles.explode(), ROLES, "roles", func)
    inv = table.to_numpy()
    index = {r: i for i, r in enumerate(ROLES)}
    member = np.array([inv[[index[r] for r in rs]].any(axis=0) for rs in roles],
                      dtype=bool).reshape(len(gaps), len(PROCESS_STEPS))
    weights = member.astype("float64")
    total = influence @ weights
    summed = gap @ weights
    return pd.DataFrame({"process_step": list(PROCESS_STEPS),
                         "contacts": member.sum(axis=0), "influence_total": total,
                         "gap": summed,
                         "gap_score": np.divide(summed, total, out=np.full(total.size, np.nan),
                                                where=total > 0)})


# ---------------------------------------------------------------------------------------
# Changing the coverage (what the dashboard's "assign or strengthen" does)
# ---------------------------------------------------------------------------------------

def with_coverage(coverage: pd.DataFrame, account_id: str, contact_id: str, our_person: str,
                  strength: int, *, function: str | None = None,
                  our_person_zh: str | None = None) -> pd.DataFrame:
    """A new coverage table in which ``our_person`` has ``strength`` with ``contact_id``.

    An existing (contact, person) row gets the new strength (0 keeps the row at "none"); a new
    pair is added at the end. A person already in the table keeps their function (and Chinese
    name); a new person needs ``function=``. The input is not changed.

    Parameters
    ----------
    coverage : the coverage table (``contact_id``, ``our_person``, ``function``,
        ``strength``; ``account_id`` and ``our_person_zh`` are filled when present).
    account_id, contact_id, our_person : the relationship.
    strength : 0–3, whole.
    function : the function code of a new person (must match an existing person's).
    our_person_zh : a new person's Chinese name (default: the name as given).

    Raises
    ------
    MissingColumnsError; ParameterError (strength not a whole 0–3, a new person without a
    function, a function code not in :data:`FUNCTIONS` or other than the person's own).

    >>> import pandas as pd
    >>> cover = pd.DataFrame({"account_id": "A", "contact_id": ["b"], "our_person": ["Kim"],
    ...                       "function": ["kam"], "strength": [1]})
    >>> with_coverage(cover, "A", "b", "Kim", 3)["strength"].tolist()
    [3]
    >>> with_coverage(cover, "A", "r", "Eng", 2, function="technical")["our_person"].tolist()
    ['Kim', 'Eng']
    """
    func = "with_coverage"
    require_columns(coverage, ["contact_id", "our_person", "function", "strength"], func=func,
                    source="the coverage table")
    if isinstance(strength, bool) or strength not in STRENGTHS:
        raise ParameterError(f"{func}(): strength takes a whole 0–3 (0 none, 1 weak, 2 working, "
                             f"3 strong); got {strength!r}.", strength=strength)
    known = coverage.loc[coverage["our_person"] == our_person, "function"]
    if len(known):
        own = known.iloc[0]
        if function is not None and function != own:
            raise ParameterError(f"{func}(): {our_person!r} is {own!r} in the coverage table; "
                                 f"got function={function!r}. Leave function out, or use "
                                 "another name for another person.", function=function)
        function = own
    elif function is None:
        raise ParameterError(f"{func}(): {our_person!r} is new to the coverage table; say what "
                             f"they do with function=, one of {list(FUNCTIONS)}.",
                             our_person=our_person)
    if function not in FUNCTIONS:
        raise ParameterError(f"{func}(): function takes one of {list(FUNCTIONS)}; got "
                             f"{function!r}.", function=function)
    out = coverage.copy()
    hit = ((out["contact_id"] == contact_id) & (out["our_person"] == our_person)).to_numpy()
    if hit.any():
        out.loc[hit, "strength"] = strength
        return out
    row = {"contact_id": contact_id, "our_person": our_person, "function": function,
           "strength": strength}
    if "account_id" in out.columns:
        row["account_id"] = account_id
    if "our_person_zh" in out.columns:
        zh = coverage.loc[coverage["our_person"] == our_person, "our_person_zh"]
        row["our_person_zh"] = (zh.iloc[0] if len(zh) else
                                our_person_zh if our_person_zh is not None else our_person)
    new = pd.DataFrame([row], columns=out.columns)
    new = new.astype({c: out[c].dtype for c in out.columns if c in row}, errors="ignore")
    return pd.concat([out, new], ignore_index=True)
