"""Concentration dashboard (widgets.concentration): top x% → share of value, as plain code says."""

from __future__ import annotations

import pytest

from kamlab import widgets
from kamlab.concentration import top_share


def test_concentration_dashboard(small_book):
    dash = widgets.concentration_dashboard(small_book, frac=0.2)
    assert dash.share == pytest.approx(top_share(small_book["revenue"], 0.2))
    assert dash.accounts == 40
    dash.frac.value = 0.05
    assert dash.share == pytest.approx(top_share(small_book["revenue"], 0.05))
    assert dash.accounts == 10
    assert f"{dash.share:.1%}" in dash.status.value
