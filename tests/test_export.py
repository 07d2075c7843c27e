"""export_excel: formats a trainee sees in Excel, Excel's sheet-name rules, and never losing a file.

Workbooks are read back with openpyxl, so the tests check what Excel will show (number formats,
frozen header, widths), not what pandas meant to write.
"""

from __future__ import annotations

import os

import numpy as np
import openpyxl
import pandas as pd
import pytest

import kamlab
import kamlab._xlsx
import kamlab.export
from kamlab.data import export_excel, read_accounts
from kamlab.exceptions import KamlabError, NoSuchFileError, OutputExistsError, ParameterError


def summary() -> pd.DataFrame:
    return pd.DataFrame({
        "tier": ["A", "B", "C"],
        "accounts": [3, 10, 40],
        "revenue": [8_000_000.0, 1_500_000.0, 500_000.0],
        "revenue_share": [0.8, 0.15, 0.05],
        "profit": [1_200_000.0, -30_000.0, np.nan],
    })


def accounts() -> pd.DataFrame:
    return pd.DataFrame({
        "account_id": ["00123", "00456"],
        "name": ["上海甲机械有限公司", "B"],
        "revenue": [1234567.0, -500.0],
        "share_of_wallet": [0.35, np.nan],
        "relationship": [4, 2],
    })


def column_of(ws, header):
    return next(cell.column_letter for cell in ws[1] if cell.value == header)


def test_one_dataframe_round_trip(tmp_path):
    path = tmp_path / "out.xlsx"
    assert export_excel(summary(), path) == path
    back = pd.read_excel(path, sheet_name=None)
    assert list(back) == ["Sheet1"]
    pd.testing.assert_frame_equal(back["Sheet1"], summary(), check_dtype=False)


def test_several_sheets_keep_order_and_values(tmp_path):
    path = export_excel({"summary": summary(), "客户": accounts()}, tmp_path / "abc.xlsx")
    back = pd.read_excel(path, sheet_name=None, dtype={"account_id": str})
    assert list(back) == ["summary", "客户"]
    pd.testing.assert_frame_equal(back["客户"], accounts(), check_dtype=False)


def test_formats_header_and_frozen_pane(tmp_path):
    path = export_excel({"summary": summary(), "accounts": accounts()}, tmp_path / "f.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["summary"]
    assert ws.freeze_panes == "A2"
    assert all(cell.font.bold for cell in ws[1])
    assert not ws["A2"].font.bold
    share, money, count = (column_of(ws, h) for h in ("revenue_share", "revenue", "accounts"))
    assert all(ws[f"{share}{r}"].number_format == "0.0%" for r in range(2, 5))
    assert all(ws[f"{money}{r}"].number_format == "#,##0" for r in range(2, 5))
    assert ws[f"{count}2"].number_format == "General"
    assert ws[f"{money}2"].value == 8_000_000  # still a number Excel can add up
    assert ws[f"{column_of(ws, 'profit')}3"].number_format == "#,##0"  # negatives too
    other = book["accounts"]
    assert other.freeze_panes == "A2"
    assert other[f"{column_of(other, 'share_of_wallet')}2"].number_format == "0.0%"  # kind share
    assert other[f"{column_of(other, 'relationship')}2"].number_format == "General"  # a score


def test_widths_fit_the_text_and_count_chinese_double(tmp_path):
    df = pd.DataFrame({"en": ["abcdefghij"], "zh": ["上海甲机械有限"], "x": [1], "long": ["y" * 500]})
    ws = openpyxl.load_workbook(export_excel(df, tmp_path / "w.xlsx")).active
    widths = {c: ws.column_dimensions[c].width for c in "ABCD"}
    assert widths["B"] > widths["A"] >= 10  # 7 CJK characters are wider than 10 letters
    assert widths["C"] >= 8  # a minimum, so short columns stay clickable
    assert widths["D"] == 60  # a cap, so one long note does not push the rest away


def test_money_width_counts_the_separators(tmp_path):
    df = pd.DataFrame({"revenue": [123456789012.0]})
    ws = openpyxl.load_workbook(export_excel(df, tmp_path / "m.xlsx")).active
    assert ws.column_dimensions["A"].width >= len("123,456,789,012")


@pytest.mark.parametrize("name, expected", [
    ("a/b:c*d?e[f]g\\h", "a_b_c_d_e_f_g_h"),
    ("x" * 40, "x" * 31),
    ("'quoted'", "quoted"),
    ("", "Sheet1"),
    ("History", "History_"),
    ("ABC 分级", "ABC 分级"),
])
def test_sheet_names_follow_excels_rules(tmp_path, name, expected):
    path = export_excel({name: summary()}, tmp_path / "s.xlsx")
    assert openpyxl.load_workbook(path).sheetnames == [expected]


def test_sheet_names_stay_unique_after_cleaning(tmp_path):
    tables = {"a/b": summary(), "a:b": summary(), "A?B": summary(), "y" * 40: summary(),
              "y" * 35: summary()}
    names = openpyxl.load_workbook(export_excel(tables, tmp_path / "u.xlsx")).sheetnames
    assert names == ["a_b", "a_b_2", "A_B_3", "y" * 31, "y" * 29 + "_2"]
    assert all(len(n) <= 31 for n in names)


def test_meaningful_index_becomes_a_column_and_input_is_unchanged(tmp_path):
    df = summary().set_index("tier")
    before = df.copy(deep=True)
    path = export_excel(df, tmp_path / "i.xlsx")
    pd.testing.assert_frame_equal(df, before)
    assert pd.read_excel(path).columns[0] == "tier"


def test_multiindex_columns_are_flattened(tmp_path):
    df = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("revenue", "sum"), ("revenue", "mean")]))
    ws = openpyxl.load_workbook(export_excel(df, tmp_path / "mi.xlsx")).active
    assert [c.value for c in ws[1]] == ["revenue / sum", "revenue / mean"]


def test_timezone_aware_dates_are_written(tmp_path):
    df = pd.DataFrame({"when": pd.to_datetime(["2024-01-02"]).tz_localize("Asia/Shanghai")})
    ws = openpyxl.load_workbook(export_excel(df, tmp_path / "tz.xlsx")).active
    assert ws["A2"].value.year == 2024


def test_refuses_to_overwrite_and_leaves_the_file_unchanged(tmp_path):
    path = tmp_path / "keep.xlsx"
    path.write_bytes(b"my own work")
    with pytest.raises(OutputExistsError) as info:
        export_excel(summary(), path)
    err = info.value
    assert isinstance(err, FileExistsError) and isinstance(err, KamlabError)
    assert "keep.xlsx" in str(err) and "overwrite=True" in str(err) and "another name" in str(err)
    assert err.path == str(path)
    assert path.read_bytes() == b"my own work"
    assert sorted(os.listdir(tmp_path)) == ["keep.xlsx"]


def test_overwrite_true_replaces(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")
    export_excel(summary(), path, overwrite=True)
    assert pd.read_excel(path)["tier"].tolist() == ["A", "B", "C"]


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kamlab._xlsx, "_block_xml", broken)  # mid-write: the header is out
    with pytest.raises(RuntimeError):
        export_excel(summary(), tmp_path / "new.xlsx")
    assert os.listdir(tmp_path) == []  # neither the file nor a temporary one


def test_a_failed_overwrite_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "old.xlsx"
    export_excel({"first": summary()}, path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kamlab._xlsx, "_block_xml", broken)  # mid-write: the header is out
    with pytest.raises(RuntimeError):
        export_excel({"second": accounts()}, path, overwrite=True)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["old.xlsx"]


def test_missing_folder(tmp_path):
    with pytest.raises(NoSuchFileError) as info:
        export_excel(summary(), tmp_path / "no" / "such" / "x.xlsx")
    assert isinstance(info.value, FileNotFoundError)
    assert "mkdir" in str(info.value)


@pytest.mark.parametrize("name", ["x.xls", "x.csv", "x"])
def test_only_xlsx(tmp_path, name):
    with pytest.raises(ParameterError, match=r"\.xlsx"):
        export_excel(summary(), tmp_path / name)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("tables, words", [
    ({}, "non-empty dict"),
    ([summary()], "list"),
    ({"s": summary()["tier"]}, "to_frame()"),
    ({"s": "text"}, "str"),
])
def test_tables_must_be_dataframes(tmp_path, tables, words):
    with pytest.raises(ParameterError) as info:
        export_excel(tables, tmp_path / "t.xlsx")
    assert words in str(info.value)


def test_export_then_read_accounts_round_trip(tmp_path):
    path = export_excel({"accounts": accounts()}, tmp_path / "book.xlsx")
    back = read_accounts(path)
    pd.testing.assert_frame_equal(back, accounts(), check_dtype=False)
    assert back["account_id"].tolist() == ["00123", "00456"]  # text cells keep leading zeros


def test_export_is_exported():
    assert kamlab.export_excel is export_excel


# ---------------------------------------------------------------------------------------
# Exports that real CRM text cannot break (issue 9, group 3)
# ---------------------------------------------------------------------------------------

def _cells(path, sheet=None):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet] if sheet else wb.active
    return [[c for c in row] for row in ws.iter_rows()]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil","click")', "=1+1", "+86 138 0000",
                                  "-A1", "@SUM(A1:A9)", "=cmd|' /C calc'!A0"])
def test_formula_like_text_is_written_as_text(tmp_path, text):
    df = pd.DataFrame({"account_id": [text], "revenue": [1.0]})
    rows = _cells(export_excel(df, tmp_path / "f.xlsx"))
    cell = rows[1][0]
    assert cell.value == text and cell.data_type == "s" and cell.quotePrefix


def test_control_characters_are_removed_not_an_error(tmp_path):
    df = pd.DataFrame({"name\x01": ["A\x00cme\x07 Co.\ttab\nline"], "revenue": [1.0]})
    rows = _cells(export_excel(df, tmp_path / "c.xlsx"))
    assert rows[0][0].value == "name"
    assert rows[1][0].value == "Acme Co.\ttab\nline"


def test_too_many_rows_is_refused_up_front(tmp_path, monkeypatch):
    import kamlab.export

    monkeypatch.setattr(kamlab.export, "MAX_ROWS", 3)
    df = pd.DataFrame({"account_id": ["a", "b", "c"], "revenue": [1.0, 2.0, 3.0]})
    with pytest.raises(ParameterError, match=r"3 rows × 2 columns; an Excel sheet holds 2 rows"):
        export_excel({"big": df}, tmp_path / "big.xlsx")
    assert not list(tmp_path.iterdir())  # nothing written, not even a temporary file


def test_no_stray_index_column_after_sorting_or_filtering(tmp_path):
    df = pd.DataFrame({"account_id": ["a", "b", "c"], "revenue": [1.0, 3.0, 2.0]})
    shuffled = df.sort_values("revenue", ascending=False)[lambda d: d["revenue"] > 1]
    rows = _cells(export_excel(shuffled, tmp_path / "s.xlsx"))
    assert [c.value for c in rows[0]] == ["account_id", "revenue"]
    assert [r[0].value for r in rows[1:]] == ["b", "c"]
    named = df.set_index("account_id")  # a named index is data: kept
    rows = _cells(export_excel(named, tmp_path / "n.xlsx"))
    assert [c.value for c in rows[0]] == ["account_id", "revenue"]


def test_headers_in_chinese_and_numbers_stay_numbers(tmp_path):
    df = pd.DataFrame({"account_id": ["a"], "revenue": [1234.5], "revenue_share": [0.25]})
    rows = _cells(export_excel(df, tmp_path / "zh.xlsx", lang="zh"))
    assert [c.value for c in rows[0]] == ["客户编号", "销售额", "收入占比"]
    assert rows[1][1].value == 1234.5 and rows[1][1].number_format == "#,##0"
    assert rows[1][2].value == 0.25 and rows[1][2].number_format == "0.0%"
    rows = _cells(export_excel(df, tmp_path / "en.xlsx", lang="en"))
    assert [c.value for c in rows[0]] == ["account_id", "revenue", "revenue_share"]
