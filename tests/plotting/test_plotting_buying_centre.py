"""Module 6 charts (kamlab.plotting.buying_centre): the coverage map and the gap scores before
and after the reorganisation — drawn from kamlab.cases.buying_centre results on the bundled
top 10, in English and Chinese, their geometry found through gids."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from _chart_book import assert_drawing_leaves_inputs_alone, by_gid, texts_on
from matplotlib.colors import to_hex

from kamlab import load_dataset
from kamlab.cases.buying_centre import (
    BEFORE_REORG,
    coverage_map,
    reorganisation_effect,
)
from kamlab.exceptions import MissingColumnsError, ParameterError
from kamlab.plotting.buying_centre import STRENGTH_COLOURS, plot_coverage_map, plot_gap_scores

CENTRE = load_dataset("buying_centre")
COVERAGE = load_dataset("account_coverage")
MAP_AFTER = coverage_map(CENTRE, COVERAGE, "M06")          # 9 people, service outside the team
MAP_BEFORE = coverage_map(CENTRE, COVERAGE, "M04", team=BEFORE_REORG)
EFFECT = reorganisation_effect(CENTRE, COVERAGE)

CASES = {
    "map_after": (plot_coverage_map, MAP_AFTER, {}),
    "map_before": (plot_coverage_map, MAP_BEFORE, {}),
    "map_no_legend": (plot_coverage_map, MAP_AFTER, {"legend": False}),
    "gaps": (plot_gap_scores, EFFECT, {}),
}


# ---------------------------------------------------------------------------------------
# The contract every chart keeps: tests/plotting/test_plotting_contract.py
# ---------------------------------------------------------------------------------------


def test_inputs_are_not_changed():
    inputs = {"contacts": MAP_AFTER.contacts, "people": MAP_AFTER.people,
              "strength": MAP_AFTER.strength, "effect": EFFECT}
    assert_drawing_leaves_inputs_alone(CASES, inputs)



# ---------------------------------------------------------------------------------------
# The coverage map
# ---------------------------------------------------------------------------------------

def test_each_cell_shows_the_strength_in_its_colour():
    ax = plot_coverage_map(MAP_AFTER, lang="en")
    image = by_gid(ax, "covmap:image")
    grid = MAP_AFTER.strength
    np.testing.assert_array_equal(image.get_array(), grid.to_numpy())
    for contact_id, row in grid.iterrows():
        for person, value in row.items():
            assert by_gid(ax, f"covmap:cell:{contact_id}:{person}").get_text() == str(value)
    # the colour map sends 0..3 to the four strength colours
    colours = [to_hex(image.cmap(image.norm(v))) for v in range(4)]
    assert colours == list(STRENGTH_COLOURS)
    plt.close("all")


def test_rows_and_columns_name_the_people_roles_and_the_team():
    ax = plot_coverage_map(MAP_BEFORE, lang="en")
    rows = [t.get_text() for t in ax.get_yticklabels()]
    first = MAP_BEFORE.contacts.iloc[0]
    assert rows[0] == f"{first['contact']}\nDecider + Buyer · 5"
    cols = [t.get_text() for t in ax.get_xticklabels()]
    assert cols[0] == "Alice Moreno\nKey-account manager"
    assert cols[2] == "Hannah Ross\nTechnical staff\n(outside the team)"  # before the reorg
    assert "Account team: Key-account manager, Sales executive" in ax.get_title()
    # the uncovered regional technical manager is in red, the strong buyer in ink
    status = MAP_BEFORE.contacts["coverage_status"].astype(str).tolist()
    colours = [to_hex(t.get_color()) for t in ax.get_yticklabels()]
    assert status[1] == "uncovered" and colours[1] == "#c94c4c"
    assert status[0] == "covered" and colours[0] == "#1f2d3d"
    plt.close("all")


def test_the_title_gives_the_accounts_gap_score():
    ax = plot_coverage_map(MAP_BEFORE, lang="en")
    c = MAP_BEFORE.contacts
    score = c["gap"].sum() / c["influence"].sum()
    assert f"gap score {score:.0%}" in ax.get_title() and "Pacific Home Products" in ax.get_title()
    zh = plot_coverage_map(MAP_BEFORE, lang="zh")
    assert "太平洋家居用品" in zh.get_title() and "琳达·库克" in zh.get_yticklabels()[0].get_text()
    plt.close("all")


def test_the_map_refuses_other_inputs():
    with pytest.raises(ParameterError, match=r"pass the result of coverage_map"):
        plot_coverage_map(MAP_AFTER.strength)


# ---------------------------------------------------------------------------------------
# The gap scores
# ---------------------------------------------------------------------------------------

def test_bars_are_the_scores_before_and_after():
    ax = plot_gap_scores(EFFECT, lang="en")
    for _, r in EFFECT.iterrows():
        before = by_gid(ax, f"gapscore:before:{r['account_id']}")
        after = by_gid(ax, f"gapscore:after:{r['account_id']}")
        assert before.get_width() == pytest.approx(r["gap_score_before"])
        assert after.get_width() == pytest.approx(r["gap_score_after"])
        assert before.get_width() > after.get_width()
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Northstar Appliances"
    assert "65%" in texts_on(ax) and "20%" in texts_on(ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Before: Key-account manager, Sales executive",
                      "After: Key-account manager, Technical staff, Sales executive"]
    plt.close("all")


def test_gap_scores_errors():
    with pytest.raises(ParameterError, match="reorganisation_effect"):
        plot_gap_scores(MAP_AFTER)
    with pytest.raises(MissingColumnsError, match="gap_score_after"):
        plot_gap_scores(EFFECT.drop(columns="gap_score_after"))
