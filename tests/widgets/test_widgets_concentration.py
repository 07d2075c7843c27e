"""Concentration dashboard (widgets.concentration): top x% → share of value, as plain code says."""

from __future__ import annotations

import pytest

from kamlab import widgets
from kamlab.concentration import top_share
from kamlab.exceptions import InvalidDataError, MissingColumnsError


def test_concentration_dashboard(small_book):
    dash = widgets.concentration_dashboard(small_book, frac=0.2)
    assert dash.share == pytest.approx(top_share(small_book["revenue"], 0.2))
    assert dash.accounts == 40
    dash.frac.value = 0.05
    assert dash.share == pytest.approx(top_share(small_book["revenue"], 0.05))
    assert dash.accounts == 10
    assert f"{dash.share:.1%}" in dash.status.value


def test_concentration_dashboard_on_a_loss_making_total_says_so(small_book):
    book = small_book.assign(profit=-small_book["profit"].abs())
    dash = widgets.concentration_dashboard(book)
    dash.value.value = "profit"  # used to fail silently inside the callback
    assert "#c62828" in dash.status.value
    assert "concentration_dashboard(): the &#x27;profit&#x27; column adds up to -" in dash.status.value
    dash.value.value = "revenue"
    assert dash.error is None and "top 20%" in dash.status.value.lower()


def test_concentration_dashboard_checks_its_column_when_built(small_book):
    with pytest.raises(MissingColumnsError,
                       match=r"concentration_dashboard\(\) needs the column\(s\) 'wallet_cny'"):
        widgets.concentration_dashboard(small_book, value="wallet_cny")
    with pytest.raises(InvalidDataError, match="at least one row"):
        widgets.concentration_dashboard(small_book.iloc[:0])


def test_a_value_column_of_your_own_is_offered(small_book):
    # it raised a TraitError from the dropdown before (a value not among its options)
    book = small_book.assign(sales_2025=small_book["revenue"] * 1.1)
    dash = widgets.concentration_dashboard(book, value="sales_2025")
    assert dash.value.value == "sales_2025" and "sales_2025" in [v for _, v in dash.value.options]
    assert dash.share == pytest.approx(top_share(book["sales_2025"], 0.2))
    abc = widgets.abc_dashboard(book, value="sales_2025")
    assert abc.value.value == "sales_2025" and abc.error is None
