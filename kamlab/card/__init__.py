"""The key-account card (核心客户管理卡, seed 001), the account plan, termination flags, and the
practice / performance checklists — one account at a time.

:func:`key_account_card` reads an account's profile, its monthly transactions and credit records
and returns a :class:`KeyAccountCard`: the last 12 months against the 12 before, the trend,
share of wallet, credit use and overdue history, and seed 004's five termination criteria as
flags with their evidence. :func:`key_account_plan` turns a card into seed 001/002's plan
(information → analysis → strategy → activities), filled from the data where the data can say
something and marked "to fill" where only the account team can. :func:`score_checklist` scores
seed 003's ten practices, seed 000's performance tracking and the bank case's database and
best-practice items.

This is a concept module (numpy and pandas only), so the text of its tables lives here as
(English, 中文) pairs, like :data:`kamlab.planning.ACCOUNT_PLAN_STEPS`; chart text is in
:mod:`kamlab.i18n`.

>>> import kamlab
>>> card = key_account_card("C1634", kamlab.load_dataset("account_profiles"),
...     kamlab.load_dataset("account_transactions"), kamlab.load_dataset("account_credit"))
>>> card.summary["revenue_12"], card.summary["trend"]
(148523020.0, 'growing')
"""

from kamlab.card.plan import (
    CHECKLISTS,
    DATABASE_PRACTICES,
    EXECUTIVE_TIME_SHARE,
    MARKS,
    PERFORMANCE_TRACKING,
    PLAN_STEPS,
    PRACTICES,
    AccountPlan,
    ChecklistScore,
    PlanItem,
    answers_by_checklist,
    checklist_table,
    key_account_plan,
    marked_checklist,
    score_checklist,
)
from kamlab.card.sheet import (
    TERMINATION_CRITERIA,
    KeyAccountCard,
    TerminationFlag,
    key_account_card,
)

__all__ = [
    "TERMINATION_CRITERIA", "PRACTICES", "PERFORMANCE_TRACKING", "DATABASE_PRACTICES",
    "CHECKLISTS", "MARKS", "EXECUTIVE_TIME_SHARE", "PLAN_STEPS", "KeyAccountCard", "TerminationFlag",
    "AccountPlan", "PlanItem", "ChecklistScore", "key_account_card", "key_account_plan",
    "score_checklist", "checklist_table", "answers_by_checklist",
    "marked_checklist",
]
