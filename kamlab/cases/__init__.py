"""Modules 5–6 — the course's cases, one file per case, built on the concept modules.

- module 5, the international bank: :mod:`kamlab.cases.bank` (whale curve, A/B/C with the C+
  path, migration scenarios, the opportunity cost; re-exported here);
- module 6, the US manufacturer: :mod:`kamlab.cases.manufacturer` (the customer market's
  consolidation, HHI and mergers; the long contracts' NPV and renewal calendar) and
  :mod:`kamlab.cases.buying_centre` (seed 004's buying centre, who on our side covers whom, the
  gaps before and after the reorganisation);
- module 6's mini-cases: :mod:`kamlab.cases.oil` (the oil maker's bulk division: priorities,
  volume versus margin pay plans) and :mod:`kamlab.cases.dealers` (the car dealers' three
  segments, channel economics, where KAM pays).

Import a module-6 case by name (``from kamlab.cases import manufacturer``): only the bank is
loaded with the package, so a bank notebook does not pay for the others. Like every
concept module they import only numpy, pandas and the other concept modules, and their
results carry codes that ``kamlab.i18n`` labels.

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
    "manufacturer", "buying_centre", "oil", "dealers",
]
