"""Mistaken answers to m3-best-lever (the profit levers), merged into the bank's table of
``tests/exercises/test_exercises_bank.py``: each hint is tested on the mistake it explains."""

from __future__ import annotations

import kamlab


def _lever_ranking():
    top = kamlab.load_dataset("customers").nlargest(1, "revenue").iloc[0]
    impacts = {"price": top["revenue"], "volume": top["gross_margin"],
               "unit cost": top["revenue"] - top["gross_margin"],
               "cost to serve": top["cost_to_serve"]}
    return sorted(impacts, key=lambda k: -impacts[k])


MISTAKEN_ANSWERS = {
    ("m3-best-lever", "second-best"): lambda: _lever_ranking()[1].title(),
    ("m3-best-lever", "volume"): lambda: "Volume",
}
