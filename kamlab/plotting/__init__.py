"""Charts for the workshop: every ``plot_*`` draws a result computed by the analysis modules.

Each chart takes the result first and ``ax=None, lang=None`` as keywords, draws on ``ax``
(a new figure when none is given) and returns that same Axes. Labels come from
:mod:`kamlab.i18n`, so one call draws English (``lang="en"``) or Chinese (``lang="zh"``).
Nothing here computes analysis beyond reshaping: pass the output of ``abc_classify``,
``lorenz_curve``, ``strategy_grid``, ``time_vs_value``, ``weight_sensitivity`` … .

One module per course topic, all re-exported here (``kamlab.plotting.plot_pareto``):

* :mod:`~kamlab.plotting.concentration` — module 1: Pareto and Lorenz curves;
* :mod:`~kamlab.plotting.segmentation` — modules 1–2: grids (potential × share of wallet,
  two-sided attractiveness, relationship types, gold / star / problem / dog), time vs value,
  segments; :mod:`~kamlab.plotting.grids` draws their cells as tiles;
* :mod:`~kamlab.plotting.scoring` — module 2: top scores, and who enters and leaves the top n
  when a weight moves;
* :mod:`~kamlab.plotting.opportunities` — module 3: levers, profit bridge, funnel,
  conversion, value creation;
* :mod:`~kamlab.plotting.economics` — module 4: waterfall, cash flows, tornado, NPV
  distribution, TCO, value split; :mod:`~kamlab.plotting.industry_cost_curve` the cost curve
  and competitors' bid ranges;
* :mod:`~kamlab.plotting.proposal` — module 4: proposal Gantt and proposal score;
* :mod:`~kamlab.plotting.bank` — module 5, the bank case: whale curve before/after, the
  six-month profit path, customers and profit by grade, the profit bridge;
* :mod:`~kamlab.plotting.manufacturer` — module 6, the manufacturer case: the customer
  market's consolidation (top-k share, HHI, mergers) and the contracts' renewal calendar;
* :mod:`~kamlab.plotting.buying_centre` — module 6: the coverage map (their buying centre ×
  our people) and the gap scores before/after the reorganisation;
* :mod:`~kamlab.plotting.mini_cases` — module 6's mini-cases: the oil maker's priorities and
  pay plans, the car dealers' segments and channels;
* :mod:`~kamlab.plotting.card` — account planning: the key-account card's transactions,
  share of wallet and credit;
* :mod:`~kamlab.plotting._style` — fonts, palette and the helpers the charts share.

Importing this package registers a Chinese font (:func:`use_cjk_font`), so Chinese titles
and tick labels render as glyphs rather than empty boxes, and, inside IPython, gives every
figure shown alt text (its title; :mod:`~kamlab.plotting._alt_text`). matplotlib is imported
only here.
"""

from __future__ import annotations

from kamlab.plotting import _alt_text
from kamlab.plotting._style import CJK_FONT, get_style, set_style, use_cjk_font
from kamlab.plotting.bank import (
    plot_bank_bridge,
    plot_bank_profit_path,
    plot_grades,
    plot_whale_curve,
)
from kamlab.plotting.buying_centre import plot_coverage_map, plot_gap_scores
from kamlab.plotting.card import plot_card_credit, plot_card_transactions, plot_card_wallet
from kamlab.plotting.concentration import plot_lorenz, plot_pareto
from kamlab.plotting.economics import (
    plot_bid_ranges,
    plot_cashflows,
    plot_cost_curve,
    plot_npv_distribution,
    plot_tco,
    plot_tornado,
    plot_value_split,
    plot_waterfall,
)
from kamlab.plotting.manufacturer import plot_market_structure, plot_renewal_calendar
from kamlab.plotting.mini_cases import plot_dealer_segments, plot_oil_priorities, plot_pay_plans
from kamlab.plotting.opportunities import (
    plot_conversion,
    plot_funnel,
    plot_levers,
    plot_profit_bridge,
    plot_value_creation,
)
from kamlab.plotting.proposal import plot_proposal_gantt, plot_proposal_score
from kamlab.plotting.scoring import plot_scores, plot_sensitivity
from kamlab.plotting.segmentation import (
    plot_grid,
    plot_positions,
    plot_potential_share_grid,
    plot_relationship_types,
    plot_segments,
    plot_strategy_grid,
    plot_time_vs_value,
    plot_two_sided_grid,
)

_alt_text.install()

__all__ = [
    "use_cjk_font", "CJK_FONT", "set_style", "get_style",
    "plot_pareto", "plot_lorenz", "plot_grid", "plot_strategy_grid",
    "plot_potential_share_grid", "plot_two_sided_grid", "plot_relationship_types",
    "plot_positions", "plot_time_vs_value",
    "plot_segments", "plot_sensitivity", "plot_scores",
    "plot_levers", "plot_profit_bridge", "plot_funnel", "plot_conversion",
    "plot_value_creation",
    "plot_waterfall", "plot_cashflows", "plot_tornado", "plot_npv_distribution",
    "plot_cost_curve", "plot_bid_ranges", "plot_tco", "plot_value_split",
    "plot_proposal_gantt", "plot_proposal_score",
    "plot_whale_curve", "plot_bank_profit_path", "plot_grades", "plot_bank_bridge",
    "plot_market_structure", "plot_renewal_calendar", "plot_coverage_map", "plot_gap_scores",
    "plot_oil_priorities", "plot_pay_plans", "plot_dealer_segments",
    "plot_card_transactions", "plot_card_wallet", "plot_card_credit",
]
