"""Shared dashboard plumbing (widgets._base): table formatting and never-overwrite paths."""

from __future__ import annotations

import pandas as pd

from kamlab.widgets._base import _free_path, format_table


def test_format_table_translates_headers_and_formats_shares():
    df = pd.DataFrame({"tier": ["A"], "revenue": [1234567.0], "revenue_share": [0.8031]})
    text = format_table(df, lang="zh")
    assert "级别" in text and "1,234,567" in text and "80.3%" in text
    assert 'class="dataframe kamlab-table"' in text


def test_free_path_numbers_the_copies(tmp_path):
    path = tmp_path / "abc.xlsx"
    assert _free_path(path) == path
    path.write_bytes(b"")
    assert _free_path(path).name == "abc (2).xlsx"
    (tmp_path / "abc (2).xlsx").write_bytes(b"")
    assert _free_path(path).name == "abc (3).xlsx"
