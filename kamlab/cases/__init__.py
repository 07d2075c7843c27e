"""Modules 5–6 — the course's cases, one file per case, built on the concept modules.

The international bank case (module 5, :mod:`kamlab.cases.bank`: whale curve, A/B/C with the
C+ path, migration scenarios, the opportunity cost) is here; the US manufacturer case with the
two mini-cases (module 6) lands as ``manufacturer.py``. Like every concept module they import
only numpy, pandas and the other concept modules, and their results carry codes that
``kamlab.i18n`` labels.

>>> from kamlab.cases import SEED_SCENARIO, simulate
>>> SEED_SCENARIO.name
'seed_000'
"""

from kamlab.cases.bank import (
    ACTIONS,
    BASELINE,
    C_PLUS_SHARE,
    CHANNEL_COSTS,
    GRADE_CUTOFFS,
    GRADES,
    SEED_SCENARIO,
    BankScenario,
    BankSimulation,
    OpportunityCost,
    PreparedBook,
    WhaleSummary,
    channel_costs,
    grade_customers,
    grade_summary,
    opportunity_cost,
    prepare_book,
    simulate,
    whale_curve,
    whale_summary,
)

__all__ = [
    "ACTIONS", "BASELINE", "C_PLUS_SHARE", "CHANNEL_COSTS", "GRADE_CUTOFFS", "GRADES",
    "SEED_SCENARIO", "BankScenario", "BankSimulation", "OpportunityCost", "PreparedBook",
    "WhaleSummary", "prepare_book",
    "channel_costs", "grade_customers", "grade_summary", "opportunity_cost", "simulate",
    "whale_curve", "whale_summary",
]
