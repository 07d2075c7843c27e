"""kamlab._xlsx, the streaming writer behind export_excel: what goes in comes back from
openpyxl and pandas — values, types, styles — across block boundaries, and a large write
shows its progress."""

from __future__ import annotations

import datetime as dt
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest

import kamlab._xlsx as xlsx
from kamlab.export import export_excel


def mixed(n=7):
    return pd.DataFrame({
        "account_id": [f"K{i}" for i in range(n)],
        "name": ["A & B <Ltd>", "  padded  ", "=HYPERLINK(\"x\")", "-5 dash", "@home", None,
                 "江苏丰源塑业"][:n],
        "revenue": [1.5, np.nan, 3.0, -4.25, 1e20, 0.1, 7.0][:n],
        "units": np.arange(n, dtype="int64") * 1_000_000,
        "won": [True, False, True, False, True, False, True][:n],
        "entered": pd.to_datetime(["2026-07-15", None, "2026-01-01", "2025-12-31", "2026-02-28",
                                   "2026-03-01", "2026-03-02"][:n]),
        "mixed": [1, "two", 3.5, None, True, "six", 7][:n],
        "abc": pd.Categorical(list("ABCABCA")[:n]),
        "revenue_share": [0.5, 0.25, 0.125, 0.0, 1.0, np.nan, 0.3][:n],
    })


@pytest.mark.parametrize("block", [2, 3, 50_000])
def test_values_come_back_across_block_boundaries(tmp_path, monkeypatch, block):
    monkeypatch.setattr(xlsx, "BLOCK_ROWS", block)
    df = mixed()
    path = export_excel(df, tmp_path / "m.xlsx")
    back = pd.read_excel(path, engine="openpyxl")
    assert back.columns.tolist() == df.columns.tolist()
    assert back["account_id"].tolist() == df["account_id"].tolist()
    assert back["name"].iloc[[0, 1, 2, 3, 4, 6]].tolist() == df["name"].iloc[[0, 1, 2, 3, 4, 6]].tolist()
    assert pd.isna(back["name"].iloc[5])
    np.testing.assert_array_equal(back["revenue"].to_numpy(), df["revenue"].to_numpy())
    assert back["units"].tolist() == df["units"].tolist()
    assert back["won"].tolist() == df["won"].tolist()
    assert back["entered"].iloc[[0, 2]].tolist() == df["entered"].iloc[[0, 2]].tolist()
    assert pd.isna(back["entered"].iloc[1])
    assert back["mixed"].tolist()[:3] == [1, "two", 3.5] and back["mixed"].iloc[4] is True
    assert back["abc"].tolist() == list("ABCABCA")
    assert back["revenue_share"].iloc[:5].tolist() == [0.5, 0.25, 0.125, 0.0, 1.0]


def test_styles_types_and_formulas(tmp_path):
    path = export_excel(mixed(), tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A2"
    assert all(cell.font.b for cell in ws[1])
    heads = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(heads)}
    assert ws.cell(2, col["revenue"]).number_format == "#,##0"
    assert ws.cell(2, col["revenue_share"]).number_format == "0.0%"
    assert ws.cell(2, col["entered"]).number_format == "yyyy\\-mm\\-dd"
    assert ws.cell(2, col["entered"]).value == dt.datetime(2026, 7, 15)
    formula = ws.cell(4, col["name"])
    assert formula.value == '=HYPERLINK("x")' and formula.data_type == "s" and formula.quotePrefix
    assert ws.cell(5, col["name"]).quotePrefix and ws.cell(6, col["name"]).quotePrefix
    assert not ws.cell(2, col["name"]).quotePrefix
    assert ws.cell(3, col["name"]).value == "  padded  "  # outer spaces kept
    assert ws.cell(2, col["won"]).value is True
    assert ws.cell(3, col["revenue"]).value is None  # NaN: no cell
    assert ws.column_dimensions["B"].width >= len('=HYPERLINK("x")')


def test_the_package_is_a_valid_zip_with_one_sheet_per_table(tmp_path):
    path = export_excel({"摘要 & <1>": mixed(3), "accounts": mixed()}, tmp_path / "two.xlsx")
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = set(z.namelist())
    assert {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml"} <= names
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["摘要 & <1>", "accounts"]
    assert book["accounts"].max_row == 8 and book["摘要 & <1>"].max_row == 4


def test_empty_table_and_no_columns(tmp_path):
    path = export_excel({"empty": pd.DataFrame({"a": []}), "none": pd.DataFrame()},
                        tmp_path / "e.xlsx")
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["empty"][1]] == ["a"] and book["empty"].max_row == 1


def test_a_large_write_shows_progress(tmp_path, monkeypatch, capsys):
    import kamlab.export

    monkeypatch.setattr(kamlab.export, "PROGRESS_ROWS", 5)
    monkeypatch.setattr(xlsx, "BLOCK_ROWS", 3)
    export_excel(mixed(), tmp_path / "p.xlsx")
    err = capsys.readouterr().err
    assert "writing p.xlsx" in err and "100%" in err and "rows" in err
    monkeypatch.setattr(kamlab.export, "PROGRESS_ROWS", 8)
    export_excel(mixed(), tmp_path / "q.xlsx")
    assert capsys.readouterr().err == ""  # small: silent


def test_column_letters():
    assert [xlsx.column_letter(j) for j in (0, 25, 26, 701, 702, 16_383)] == [
        "A", "Z", "AA", "ZZ", "AAA", "XFD"]


def test_a_helper_process_writes_the_same_file(tmp_path, monkeypatch):
    import kamlab.export

    df = pd.concat([mixed()] * 5, ignore_index=True)  # 35 rows: 18 blocks of 2
    monkeypatch.setattr(xlsx, "BLOCK_ROWS", 2)
    monkeypatch.setattr(kamlab.export, "PROGRESS_ROWS", 10**9)
    alone = export_excel(df, tmp_path / "alone.xlsx")
    forks = []
    original = xlsx.ProcessPoolExecutor
    monkeypatch.setattr(xlsx, "ProcessPoolExecutor",
                        lambda *a, **k: forks.append(1) or original(*a, **k))
    monkeypatch.setattr(xlsx, "HELPER_ROWS", 1)
    helped = export_excel(df, tmp_path / "helped.xlsx")
    assert forks == ([1] if xlsx.sys.platform == "linux" and (xlsx.os.cpu_count() or 1) > 1
                     else [])
    with zipfile.ZipFile(alone) as a, zipfile.ZipFile(helped) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
    assert xlsx._SHEETS is None  # nothing kept for a helper once the file is written
