"""Tests for kamlab.cases.dealers (module 6, seed 000's forms and systems supplier to car
dealers): hand-worked dealers for every function, the channel table's rules, validation
messages, purity, and the seed's figures on the bundled dealers (50 / 500 / 20,000 with
15 / 35 / 50%; KAM for the 50, a joint rep for the 500, telesales for the rest)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlab import load_dataset
from kamlab.cases.dealers import (
    DEALER_CHANNELS,
    DEALER_MARGIN_RATES,
    DEALER_OPTIONS,
    DEALER_SEGMENTS,
    SEED_DEALER_SEGMENTS,
    TODAY,
    best_assignment,
    channel_economics,
    channel_table,
    coverage_overlap,
    kam_payoff,
    segment_summary,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

DEALERS = load_dataset("dealers")

# Three dealers to work by hand (DEALER_CHANNELS: division rep 3,000 + 1,200 / rooftop per
# division calling; order desk = telesales 600 + 100 / rooftop, −2 points; joint rep 4,000 +
# 1,500 / rooftop, +5 points; KAM team 100,000 + 2,500 / rooftop, +12 points; margins: forms
# 35%, systems 45%).
#   id  segment     rooftops  forms    systems  wallet     forms rep  systems rep
#   c   key_chain   40        600,000  900,000  4,000,000  yes        yes
#   m   multi_unit  10        300,000  300,000  2,000,000  yes        no
#   s   small       1          20,000        0     20,000  no         no   (wallet all ours)
HAND = pd.DataFrame({
    "account_id": ["c", "m", "s"],
    "segment": ["key_chain", "multi_unit", "small_dealer"],
    "rooftops": [40, 10, 1],
    "forms_revenue": [600_000, 300_000, 20_000],
    "systems_revenue": [900_000, 300_000, 0],
    "wallet": [4_000_000, 2_000_000, 20_000],
    "forms_rep": [True, True, False],
    "systems_rep": [True, False, False],
    "cannibalised": [100_000, 0, 0],
})
MARGIN = {"c": 0.35 * 600_000 + 0.45 * 900_000, "m": 0.4 * 600_000, "s": 0.35 * 20_000}
TODAY_COST = {"c": 2 * (3_000 + 1_200 * 40), "m": 3_000 + 1_200 * 10, "s": 600 + 100}


def _row(table, segment):
    return table.set_index("segment").loc[segment]


# ---------------------------------------------------------------------------------------
# Segments
# ---------------------------------------------------------------------------------------

def test_segment_summary_reproduces_the_seed_on_the_bundled_dealers():
    s = segment_summary(DEALERS).set_index("segment")
    assert list(s.index) == list(DEALER_SEGMENTS)
    for seg, (count, share) in SEED_DEALER_SEGMENTS.items():
        assert s.loc[seg, "dealers"] == s.loc[seg, "seed_dealers"] == count
        assert s.loc[seg, "revenue_share"] == pytest.approx(share, abs=5e-4)
        assert s.loc[seg, "seed_revenue_share"] == share
    assert s["customers_share"].sum() == pytest.approx(1)
    assert s.loc["key_chain", "revenue_per_dealer"] > 4 * s.loc["multi_unit", "revenue_per_dealer"]
    # the multi-unit chains are the opportunity: the lowest share of wallet
    assert s["share_of_wallet"].idxmin() == "multi_unit"


def test_segment_summary_by_hand_and_an_unknown_segment_follows():
    d = pd.concat([HAND, HAND.iloc[[2]].assign(segment="fleet_buyer")], ignore_index=True)
    s = segment_summary(d)
    assert s["segment"].tolist() == ["key_chain", "multi_unit", "small_dealer", "fleet_buyer"]
    assert s["revenue"].tolist() == [1_500_000, 600_000, 20_000, 20_000]
    assert s["revenue_share"].tolist() == pytest.approx(np.array([1500, 600, 20, 20]) / 2140)
    assert s["share_of_wallet"].tolist() == pytest.approx([0.375, 0.3, 1.0, 1.0])
    assert pd.isna(s.loc[3, "seed_dealers"]) and pd.isna(s.loc[3, "seed_revenue_share"])


# ---------------------------------------------------------------------------------------
# Today: double coverage
# ---------------------------------------------------------------------------------------

def test_coverage_overlap_by_hand():
    o = coverage_overlap(HAND).set_index("segment")
    assert o.loc["key_chain", ["both_reps", "forms_only", "systems_only", "no_rep"]].tolist() == [
        1, 0, 0, 0]
    assert o.loc["key_chain", "duplicated_cost"] == 3_000 + 1_200 * 40
    assert o.loc["multi_unit", "forms_only"] == 1 and o.loc["small_dealer", "no_rep"] == 1
    assert o["cost_to_serve"].tolist() == [TODAY_COST[k] for k in "cms"]
    assert o.loc["key_chain", "cannibalised"] == 100_000


def test_coverage_overlap_on_the_bundled_dealers():
    o = coverage_overlap(DEALERS).set_index("segment")
    counts = o[["both_reps", "forms_only", "systems_only", "no_rep"]].sum(axis=1)
    assert (counts == o["dealers"]).all()
    assert o.loc["key_chain", "both_reps"] == 50  # every large chain sees two reps
    assert o["cost_to_serve"].sum() == DEALERS["cost_to_serve"].sum()  # the data's own figure
    assert o["cannibalised"].sum() == DEALERS["cannibalised"].sum()
    assert 0 < o["duplicated_cost"].sum() < o["cost_to_serve"].sum()


def test_coverage_without_a_cannibalised_column_counts_zero():
    o = coverage_overlap(HAND.drop(columns="cannibalised"))
    assert o["cannibalised"].tolist() == [0.0, 0.0, 0.0]


# ---------------------------------------------------------------------------------------
# Channels
# ---------------------------------------------------------------------------------------

def test_today_by_hand():
    e = channel_economics(HAND)  # None = today for every segment
    assert e["channel"].tolist() == [TODAY] * 3
    assert e["extra_revenue"].tolist() == [0, 0, 0]
    assert e["gross_margin"].tolist() == pytest.approx([MARGIN[k] for k in "cms"])
    assert e["channel_cost"].tolist() == [TODAY_COST[k] for k in "cms"]
    assert e["profit"].tolist() == pytest.approx([MARGIN[k] - TODAY_COST[k] for k in "cms"])


def test_new_channels_by_hand():
    e = channel_economics(HAND, {"key_chain": "kam_team", "multi_unit": "joint_rep",
                                 "small_dealer": "joint_rep"})
    c, m, s = (e.iloc[i] for i in range(3))
    assert c["extra_revenue"] == pytest.approx(0.12 * 4_000_000)
    rate_c = MARGIN["c"] / 1_500_000
    assert c["gross_margin"] == pytest.approx(MARGIN["c"] + rate_c * 480_000)
    assert c["channel_cost"] == 100_000 + 2_500 * 40
    assert m["extra_revenue"] == pytest.approx(100_000) and m["channel_cost"] == 19_000
    assert m["profit"] == pytest.approx(240_000 + 40_000 - 19_000)
    assert s["extra_revenue"] == 0  # the wallet is already all ours: no headroom


def test_telesales_loses_a_little_of_the_wallet():
    e = channel_economics(HAND, "telesales")
    assert e["extra_revenue"].tolist() == pytest.approx([-80_000, -40_000, -400])
    assert e["channel_cost"].tolist() == [600 + 100 * r for r in (40, 10, 1)]


def test_channel_table_is_every_segment_by_every_option():
    t = channel_table(HAND)
    assert t["segment"].tolist() == [s for s in DEALER_SEGMENTS for _ in DEALER_OPTIONS]
    assert t["channel"].tolist() == list(DEALER_OPTIONS) * 3
    one = channel_economics(HAND, "joint_rep")
    pd.testing.assert_frame_equal(t[t["channel"] == "joint_rep"].reset_index(drop=True), one)


def test_channels_of_ones_own():
    mine = {**DEALER_CHANNELS, "free_magic": (0, 0, 0.5)}
    best = best_assignment(HAND, channels=mine)
    assert set(best.assignment.values()) == {"free_magic"}  # free, and +50 points
    s = best.table[best.table["segment"] == "small_dealer"].set_index("channel")
    assert s.loc["free_magic", "extra_revenue"] == 0  # no headroom: free is all it has
    same = dict.fromkeys(DEALER_CHANNELS, (0, 0, 0.0))
    assert set(best_assignment(HAND, channels=same).assignment.values()) == {TODAY}  # ties


def test_best_assignment_on_the_bundled_dealers():
    best = best_assignment(DEALERS)
    assert best.assignment == {"key_chain": "kam_team", "multi_unit": "joint_rep",
                               "small_dealer": "telesales"}
    by = best.by_segment.set_index("segment")
    assert (by["profit_gain"] > 0).all()
    assert best.profit_gain == pytest.approx(by["profit_gain"].sum())
    chosen = channel_economics(DEALERS, best.assignment)
    assert chosen["profit"].tolist() == pytest.approx(by["profit"].tolist())
    today = channel_economics(DEALERS)
    assert today["profit"].tolist() == pytest.approx(by["profit_today"].tolist())


def test_kam_pays_for_the_50_and_would_cost_for_the_500():
    k = kam_payoff(DEALERS).set_index("segment")
    assert k.loc["key_chain", "kam_gain"] > 0 and k.loc["key_chain", "alternative"] == "joint_rep"
    assert k.loc["multi_unit", "kam_gain"] < 0 and k.loc["multi_unit", "alternative"] == "joint_rep"
    assert k.loc["small_dealer", "kam_gain"] < k.loc["multi_unit", "kam_gain"]
    rooftops = DEALERS.loc[DEALERS["segment"] == "multi_unit", "rooftops"].sum()
    assert k.loc["multi_unit", "channel_cost"] == 500 * 100_000 + 2_500 * rooftops
    assert (k["kam_gain"] == k["profit"] - k["alternative_profit"]).all()


def test_kam_payoff_by_hand():
    k = kam_payoff(HAND).set_index("segment")
    rate_c = MARGIN["c"] / 1_500_000
    assert k.loc["key_chain", "extra_margin"] == pytest.approx(rate_c * 480_000)
    assert k.loc["key_chain", "channel_cost"] == 200_000


# ---------------------------------------------------------------------------------------
# Errors and purity
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("assignment, match", [
    ({"key_chain": "kam_team"}, r"no channel for the segment\(s\) \['multi_unit'"),
    ("door_to_door", "unknown channel 'door_to_door'"),
    ("division_reps", "assign 'today' instead"),
    (["kam_team"], "assignment is a dict"),
])
def test_assignment_errors(assignment, match):
    with pytest.raises(ParameterError, match=match):
        channel_economics(HAND, assignment)


def test_channel_table_errors():
    with pytest.raises(ParameterError, match="at least 'division_reps'"):
        channel_economics(HAND, channels={"kam_team": (1, 1, 0.1)})
    bad = {**DEALER_CHANNELS, "kam_team": (100_000, 2_500, 12)}
    with pytest.raises(ParameterError, match="12 points = 0.12"):
        channel_economics(HAND, channels=bad)
    with pytest.raises(ParameterError, match=r"\(CNY per dealer, CNY per rooftop, uplift\)"):
        channel_economics(HAND, channels={**DEALER_CHANNELS, "x": (1, 2)})
    with pytest.raises(ParameterError, match="'forms' and 'systems'"):
        channel_economics(HAND, margin_rates={"forms": 0.3})
    with pytest.raises(ParameterError, match="between 0 and 1"):
        channel_economics(HAND, margin_rates={**DEALER_MARGIN_RATES, "forms": 35})
    with pytest.raises(ParameterError, match="kam must name"):
        kam_payoff(HAND, kam="division_reps")


def test_data_errors():
    with pytest.raises(MissingColumnsError, match="wallet"):
        channel_economics(HAND.drop(columns="wallet"))
    with pytest.raises(InvalidDataError, match="true/false flag"):
        coverage_overlap(HAND.assign(forms_rep=["yes", "no", "no"]))
    with pytest.raises(InvalidDataError, match="cannot be negative"):
        segment_summary(HAND.assign(forms_revenue=[1, -1, 1]))
    with pytest.raises(InvalidDataError, match="blanks"):
        segment_summary(HAND.assign(segment=["key_chain", None, "small_dealer"]))
    with pytest.raises(InvalidDataError, match="empty"):
        channel_economics(HAND.iloc[:0])


def test_flags_as_ones_and_zeros_work():
    flags = HAND.assign(forms_rep=[1, 1, 0], systems_rep=[1, 0, 0])
    pd.testing.assert_frame_equal(coverage_overlap(flags), coverage_overlap(HAND))


def test_inputs_are_not_changed():
    before = HAND.copy(deep=True)
    segment_summary(HAND)
    coverage_overlap(HAND)
    best_assignment(HAND)
    kam_payoff(HAND)
    pd.testing.assert_frame_equal(HAND, before)
