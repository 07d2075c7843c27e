"""Mistaken answers to m3-best-lever (the profit levers at each account's achievable move),
merged into the bank's table of ``tests/exercises/test_exercises_bank.py``: each hint is
tested on the mistake it explains.

The answers are recomputed here with plain pandas — the peer medians by industry and revenue
quintile, the rooms and gains — independently of kamlab.levers.lever_room.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import kamlab
from kamlab.exercises import check, expected_answer, get_exercise

LEVERS = ["price", "volume", "unit cost", "cost to serve"]


def _book() -> pd.DataFrame:
    return kamlab.load_dataset("customers")


def _lever_ranking():
    """The 1% ranking of the largest account (seed 000's comparison): price first."""
    top = _book().nlargest(1, "revenue").iloc[0]
    impacts = {"price": top["revenue"], "volume": top["gross_margin"],
               "unit cost": top["revenue"] - top["gross_margin"],
               "cost to serve": top["cost_to_serve"]}
    return sorted(impacts, key=lambda k: -impacts[k])


def _rooms_and_gains(bands: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per account (index account_id): each lever's room and gain, by hand."""
    df = _book().set_index("account_id")
    r, g, s = df["revenue"], df["gross_margin"], df["cost_to_serve"]
    rates = pd.DataFrame({"m": g / r, "s": df["share_of_wallet"], "k": s / r})
    rank = r.rank(method="first") - 1  # 0 = smallest
    band = np.floor(rank * bands / len(df))
    peer = rates.groupby([df["industry"], band]).transform("median")
    rooms = pd.DataFrame({"price": (peer["m"] - rates["m"]).clip(lower=0),
                          "volume": (peer["s"] / rates["s"] - 1).clip(lower=0),
                          "unit cost": 0.01,
                          "cost to serve": (1 - peer["k"] / rates["k"]).clip(lower=0)})
    gains = pd.DataFrame({"price": rooms["price"] * r, "volume": rooms["volume"] * g,
                          "unit cost": 0.01 * (r - g), "cost to serve": rooms["cost to serve"] * s})
    return rooms, gains


def _top10(by: str = "revenue") -> list[str]:
    return _book().nlargest(10, by)["account_id"].tolist()


def _best(table: pd.DataFrame, ids) -> dict[str, str]:
    return {i: table.loc[i, LEVERS].astype(float).idxmax() for i in ids}


def _right() -> dict[str, str]:
    return _best(_rooms_and_gains()[1], _top10())


def _one_percent() -> dict[str, str]:
    """Each account's best lever at equal 1% moves: 1% of revenue, margin, goods, service."""
    df = _book().set_index("account_id")
    impacts = pd.DataFrame({"price": df["revenue"], "volume": df["gross_margin"],
                            "unit cost": df["revenue"] - df["gross_margin"],
                            "cost to serve": df["cost_to_serve"]})
    return _best(impacts, _top10())


MISTAKEN_ANSWERS = {
    ("m3-best-lever", "equal-moves"): _one_percent,
    ("m3-best-lever", "one-lever"): lambda: ["volume"] * 10,  # one guess for all ten
    ("m3-best-lever", "largest-room"): lambda: _best(_rooms_and_gains()[0], _top10()),
    ("m3-best-lever", "no-size-bands"): lambda: _best(_rooms_and_gains(bands=1)[1], _top10()),
    ("m3-best-lever", "by-profit"): lambda: _best(_rooms_and_gains()[1], _top10("profit")),
}


def test_the_right_answer_by_hand_is_the_expected_one():
    assert _right() == expected_answer("m3-best-lever")
    assert list(expected_answer("m3-best-lever")) == _top10()  # largest account first


def test_the_ten_accounts_do_not_share_one_lever_and_a_guess_fails():
    answer = expected_answer("m3-best-lever")
    assert len(set(answer.values())) >= 3
    for lever in LEVERS:  # one guess for every account is wrong, whichever lever
        assert not check("m3-best-lever", {i: lever for i in answer}).passed
    assert _lever_ranking()[0] == "price"  # the seed's 1% comparison: price for the largest


def test_the_mistaken_answers_differ_from_each_other_and_from_the_right_one():
    def as_dict(value):
        return value if isinstance(value, dict) else dict(zip(_top10(), value))

    answers = [as_dict(f()) for f in MISTAKEN_ANSWERS.values()] + [_right()]
    assert all(a != b for i, a in enumerate(answers) for b in answers[i + 1:])


def test_answer_forms_are_accepted():
    right = expected_answer("m3-best-lever")
    from kamlab.levers import lever_room

    top = lever_room(_book()).nlargest(10, "revenue")
    chinese = {"price": "价格", "volume": "数量", "unit cost": "单位成本", "cost to serve": "服务成本"}
    for answer in (right, top.set_index("account_id")["best_lever"],
                   top[["account_id", "best_lever"]], top["best_lever"].tolist(),
                   top.set_index("account_id")[["best_lever"]],
                   {i: chinese[v] for i, v in right.items()},
                   {i: v.upper().replace(" ", "_") for i, v in right.items()}):
        assert check("m3-best-lever", answer).passed, answer


def test_wrong_shapes_are_explained_in_both_languages():
    from kamlab.i18n import get_language, set_language

    before = get_language()
    try:
        for lang, words in (("en", ("one lever per account", "got 3 value(s)")),
                            ("zh", ("各给出一个杠杆", "3 个值"))):
            set_language(lang)
            result = check("m3-best-lever", ["price"] * 3)
            assert result.status == "incorrect"
            assert all(w in result.message for w in words), result.message
        assert "best_lever" in check("m3-best-lever", _book()).message
    finally:
        set_language(before)


def test_every_mistake_of_the_exercise_has_an_answer_here():
    names = {m.name for m in get_exercise("m3-best-lever").mistakes}
    assert names == {name for (_, name) in MISTAKEN_ANSWERS}
