"""The key-account card's charts (kamlab.plotting.card): monthly sales with the 12-month total
and the year-on-year colours, share of wallet, credit against the limit — drawn from cards of
the bundled data and of a hand-made account, in English and Chinese, geometry found by gid."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from _chart_book import png_warnings, texts_on
from matplotlib.axes import Axes

from kamlab import load_dataset
from kamlab.card import key_account_card
from kamlab.exceptions import ParameterError
from kamlab.plotting._style import _GREEN, _GREY, _RED
from kamlab.plotting.card import plot_card_credit, plot_card_transactions, plot_card_wallet

CJK = re.compile(r"[\u4e00-\u9fff]")
DATA = [load_dataset(n) for n in ("account_profiles", "account_transactions", "account_credit")]
BOOK = load_dataset("customers")
CARD = key_account_card("C0580", *DATA, book=BOOK)

MONTHS = [str(pd.Period("2024-07", freq="M") + k) for k in range(24)]
TX = pd.DataFrame({"account_id": "K1", "month": MONTHS,
                   "revenue": [100.0] * 12 + [120.0] * 6 + [80.0] * 6, "gross_margin": 15.0})
CREDIT = pd.DataFrame({"account_id": "K1", "month": MONTHS, "credit_limit": [1000] * 24,
                       "receivables": [500] * 23 + [900], "overdue": [0] * 23 + [300],
                       "days_overdue": [0] * 23 + [45]})
SMALL = key_account_card("K1", pd.DataFrame({"account_id": ["K1"], "name": ["测试化工有限公司"]}),
                         TX, CREDIT, book=pd.DataFrame({"account_id": ["K1"], "wallet": [4000]}))
CHARTS = {"transactions": plot_card_transactions, "wallet": plot_card_wallet,
          "credit": plot_card_credit}


def _gid(ax, gid):
    return [a for a in ax.get_children() + ax.texts if a.get_gid() == gid]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.mark.parametrize("name", list(CHARTS))
def test_draws_on_the_axes_given_or_a_new_one(name):
    _, ax = plt.subplots()
    assert CHARTS[name](CARD, ax=ax, lang="en") is ax
    assert isinstance(CHARTS[name](CARD, lang="en"), Axes)


@pytest.mark.parametrize("name", list(CHARTS))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_languages_render_without_warnings(name, lang):
    ax = CHARTS[name](CARD, lang=lang)
    labels = [ax.get_xlabel(), ax.get_ylabel()] if name != "wallet" else [ax.get_xlabel()]
    assert all(bool(CJK.search(x)) == (lang == "zh") for x in labels)
    assert CJK.search(ax.get_title())  # the company name, in either language
    assert png_warnings(ax) == []


def test_transactions_by_hand():
    ax = plot_card_transactions(SMALL, lang="en")
    bars = _gid(ax, "cardtx:bars")
    assert [b.get_height() for b in bars] == TX["revenue"].tolist()
    colours = [matplotlib.colors.to_hex(b.get_facecolor()) for b in bars]
    expected = [_GREY] * 12 + [_GREEN] * 6 + [_RED] * 6
    assert colours == [matplotlib.colors.to_hex(c) for c in expected]
    line = _gid(ax.cardtx_twin, "cardtx:rolling")[0]
    assert line.get_ydata()[11] == 1200 and line.get_ydata()[-1] == 1200
    note = _gid(ax, "cardtx:change")[0].get_text()
    assert note == "12 months to 2026-06: CNY 1,200, 0% on a year earlier"


def test_wallet_by_hand():
    ax = plot_card_wallet(SMALL, lang="zh")
    ours, others = _gid(ax, "cardwallet:ours")[0], _gid(ax, "cardwallet:others")[0]
    assert (ours.get_width(), others.get_x(), others.get_width()) == (1200, 1200, 2800)
    assert ax.get_title() == "测试化工的份额（占用率）:30%"


def test_credit_by_hand():
    ax = plot_card_credit(SMALL, lang="en")
    receivables = _gid(ax, "cardcredit:receivables")[0]
    assert receivables.get_ydata().tolist() == CREDIT["receivables"].tolist()
    assert set(np.asarray(_gid(ax, "cardcredit:limit")[0].get_ydata())) == {1000}
    overdue = _gid(ax, "cardcredit:overdue")
    assert [b.get_height() for b in overdue][-1] == 300
    assert _gid(ax, "cardcredit:now")[0].get_text() == "90% of the limit used; 45 days overdue now"


def test_the_bundled_card_in_chinese():
    texts = " ".join(texts_on(plot_card_credit(CARD, lang="zh")))
    assert "目前逾期91天" in texts and "万元" in texts
    ticks = [t.get_text() for t in plot_card_transactions(CARD, lang="en").get_xticklabels()]
    assert ticks == ["2023-07", "2024-01", "2025-01", "2026-01"]


def test_clear_errors():
    with pytest.raises(ParameterError, match="pass the card from"):
        plot_card_transactions(TX)
    bare = key_account_card("K1", pd.DataFrame({"account_id": ["K1"]}), TX)
    with pytest.raises(ParameterError, match="has no wallet"):
        plot_card_wallet(bare)
    with pytest.raises(ParameterError, match="has no credit records"):
        plot_card_credit(bare)
    with pytest.raises(ParameterError, match="lang"):
        plot_card_transactions(CARD, lang="fr")
