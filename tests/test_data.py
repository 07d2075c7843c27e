"""Reading a trainee's own export: every encoding, every cleaning rule, every error message.

Each error test asserts the exception type and that the message names the file, the column,
the spreadsheet rows and the values, and says how to fix it — the message is the feature.
Files are written byte by byte here (not with pandas), so a test fails if read_accounts
drifts from what Excel and WPS actually export.
"""

from __future__ import annotations

import ast
import csv
import io
import pickle
import re
import string

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kamlab
from kamlab._cells import _id_key, _total_word
from kamlab.columns import COLUMNS
from kamlab.data import read_accounts, validate_accounts
from kamlab.exceptions import (
    InvalidDataError,
    KamlabError,
    MissingColumnsError,
    NoSuchFileError,
    ParameterError,
)

CN = {"客户编号": "account_id", "销售额": "revenue"}


def write_csv(folder, rows, name="accounts.csv", encoding="utf-8"):
    """Rows as Excel's CSV export writes them (quoting only where needed)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = folder / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(folder, sheets, name="accounts.xlsx"):
    """{sheet name: rows}; a row may start with None cells (blank rows above the headers)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    path = folder / name
    book.save(path)
    return path


def raises(exc, func, *args, **kwargs):
    with pytest.raises(exc) as info:
        func(*args, **kwargs)
    return info.value


def basic(folder, name="accounts.csv", **kwargs):
    return write_csv(folder, [["account_id", "revenue"], ["A1", "100"], ["A2", "50"]], name,
                     **kwargs)


# -- encodings and formats --------------------------------------------------------------------

def test_utf8_csv(tmp_path):
    df = read_accounts(basic(tmp_path))
    assert df["account_id"].tolist() == ["A1", "A2"]
    assert df["revenue"].tolist() == [100.0, 50.0]
    assert df["revenue"].dtype == "float64"
    assert df.attrs["encoding"] == "utf-8"
    assert df.attrs["source"] == "accounts.csv"
    assert isinstance(df.index, pd.RangeIndex) and df.index.start == 0


def test_utf8_bom_csv_header_not_polluted(tmp_path):
    path = write_csv(tmp_path, [["account_id", "revenue"], ["A1", "1"]], encoding="utf-8-sig")
    df = read_accounts(path)
    assert list(df.columns) == ["account_id", "revenue"]  # no '\ufeffaccount_id'
    assert df.attrs["encoding"] == "utf-8-sig"


def test_bom_survives_an_explicit_utf8_encoding(tmp_path):
    path = write_csv(tmp_path, [["account_id", "revenue"], ["A1", "1"]], encoding="utf-8-sig")
    assert list(read_accounts(path, encoding="utf-8").columns) == ["account_id", "revenue"]


def test_gbk_csv_with_chinese_headers_and_names(tmp_path):
    rows = [["客户编号", "客户名称", "销售额", "行业"],
            ["00123", "上海甲机械有限公司", "1,200", "机械"],
            ["00456", "北京乙电子", "￥800", "电子"]]
    path = write_csv(tmp_path, rows, "客户清单.csv", encoding="gbk")
    df = read_accounts(path, columns=CN)
    assert df.attrs["encoding"] == "gbk"
    assert df.attrs["source"] == "客户清单.csv"
    assert df.attrs["columns"] == CN
    assert list(df.columns) == ["account_id", "客户名称", "revenue", "行业"]
    assert df["客户名称"].tolist() == ["上海甲机械有限公司", "北京乙电子"]
    assert df["revenue"].tolist() == [1200.0, 800.0]


def test_gb18030_only_characters_are_detected(tmp_path):
    # '𠀀' (CJK extension B) exists in GB18030 but not in GBK
    path = write_csv(tmp_path, [["account_id", "revenue", "name"], ["A1", "1", "𠀀公司"]],
                     encoding="gb18030")
    df = read_accounts(path)
    assert df.attrs["encoding"] == "gb18030"
    assert df["name"].tolist() == ["𠀀公司"]


def test_explicit_encoding_is_used_and_recorded(tmp_path):
    path = write_csv(tmp_path, [["客户编号", "销售额"], ["A1", "1"]], encoding="gbk")
    assert read_accounts(path, columns=CN, encoding="gb18030").attrs["encoding"] == "gb18030"


def test_utf16_tab_separated_unicode_text(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("account_id\trevenue\r\nA1\t5\r\n".encode("utf-16"))
    df = read_accounts(path)
    assert df["revenue"].tolist() == [5.0]


def test_semicolon_separated_csv(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_text("account_id;revenue\nA1;5\n", encoding="utf-8")
    assert read_accounts(path)["revenue"].tolist() == [5.0]


def test_xlsx_with_a_sheet_name(tmp_path):
    path = write_xlsx(tmp_path, {
        "说明": [["This sheet explains the data"]],
        "客户": [["客户编号", "客户名称", "销售额"], ["00123", "甲公司", 1200], ["00456", "乙公司", 800.5]],
    })
    df = read_accounts(path, sheet="客户", columns=CN)
    assert df["account_id"].tolist() == ["00123", "00456"]
    assert df["revenue"].tolist() == [1200.0, 800.5]
    assert df["客户名称"].tolist() == ["甲公司", "乙公司"]
    assert df.attrs["sheet"] == "客户"
    assert df.attrs["encoding"] is None


def test_xlsx_first_sheet_by_default_and_by_position(tmp_path):
    path = write_xlsx(tmp_path, {"a": [["account_id", "revenue"], ["A1", 1]],
                                 "b": [["account_id", "revenue"], ["B1", 2]]})
    assert read_accounts(path)["account_id"].tolist() == ["A1"]
    assert read_accounts(path, sheet=1)["account_id"].tolist() == ["B1"]


def test_xlsx_numeric_ids_become_text_without_dot_zero(tmp_path):
    path = write_xlsx(tmp_path, {"s": [["account_id", "revenue"], [1001, 5], [1002, 6]]})
    assert read_accounts(path)["account_id"].tolist() == ["1001", "1002"]


def test_xlsx_row_numbers_are_excel_rows_even_below_blank_rows(tmp_path):
    rows = [[None], [None], ["account_id", "revenue"], ["A1", 1], [None, None], ["A2", "abc"]]
    path = write_xlsx(tmp_path, {"s": rows})
    err = raises(InvalidDataError, read_accounts, path)
    assert err.rows == [6]
    assert "row 3" in str(err)  # where the headers are


def test_xlsx_trailing_blank_rows_are_dropped(tmp_path):
    path = write_xlsx(tmp_path, {"s": [["account_id", "revenue"], ["A1", 1]]})
    book = openpyxl.load_workbook(path)
    for row in range(3, 20):  # formatted but empty cells, as Excel leaves them
        book["s"].cell(row=row, column=2).number_format = "0.00"
        book["s"].cell(row=row, column=1).value = "  "
    book.save(path)
    assert len(read_accounts(path)) == 1


def test_xlsx_percent_cell_is_a_fraction(tmp_path):
    path = write_xlsx(tmp_path, {"s": [["account_id", "revenue", "share_of_wallet"],
                                       ["A1", 1, 0.35], ["A2", 2, "40%"]]})
    assert read_accounts(path)["share_of_wallet"].tolist() == [0.35, 0.40]


# -- mapping ----------------------------------------------------------------------------------

def test_mapping_renames_and_keeps_unmapped_columns(tmp_path):
    rows = [["客户编号", "销售额", "备注", "拜访次数"], ["A1", "10", "重点", "3"], ["A2", "20", "", "4"]]
    df = read_accounts(write_csv(tmp_path, rows), columns=CN)
    assert list(df.columns) == ["account_id", "revenue", "备注", "拜访次数"]
    assert df["备注"].iloc[0] == "重点" and pd.isna(df["备注"].iloc[1])
    assert df["拜访次数"].tolist() == [3, 4]  # as pandas would read it


def test_mapping_keys_and_headers_ignore_surrounding_spaces(tmp_path):
    rows = [["\u3000客户编号 ", " 销售额\u3000"], ["A1", "10"]]
    df = read_accounts(write_csv(tmp_path, rows), columns={" 客户编号": "account_id", "销售额": "revenue"})
    assert list(df.columns) == ["account_id", "revenue"]


def test_mapping_to_unknown_column_lists_valid_names(tmp_path):
    err = raises(ParameterError, read_accounts, basic(tmp_path), columns={"销售额": "sales"})
    msg = str(err)
    assert "'sales'" in msg and "not a kamlab column" in msg
    assert "Did you mean 'revenue'?" in msg  # 'sales' is a known alias of revenue
    assert all(name in msg for name in COLUMNS)
    assert err.invalid == ["sales"]


def test_mapping_key_not_in_file_names_the_headers(tmp_path):
    path = write_csv(tmp_path, [["客户编号", "销售额"], ["A1", "1"]])
    err = raises(MissingColumnsError, read_accounts, path,
                 columns={"客户号码": "account_id", "销售额": "revenue"})
    msg = str(err)
    assert "accounts.csv" in msg and "'客户号码'" in msg
    assert "['客户编号', '销售额']" in msg
    assert "did you mean '客户编号'" in msg
    assert err.missing == ["客户号码"] and err.available == ["客户编号", "销售额"]


def test_two_headers_mapped_to_one_column(tmp_path):
    path = write_csv(tmp_path, [["a", "b", "c"], ["1", "2", "3"]])
    err = raises(ParameterError, read_accounts, path,
                 columns={"a": "account_id", "b": "revenue", "c": "revenue"})
    assert "'revenue'" in str(err) and "one header only" in str(err)


def test_mapping_onto_an_existing_canonical_header(tmp_path):
    path = write_csv(tmp_path, [["account_id", "revenue", "销售额"], ["A1", "1", "2"]])
    err = raises(ParameterError, read_accounts, path, columns={"销售额": "revenue"})
    assert "already has a 'revenue' column" in str(err)


def test_columns_must_be_a_dict(tmp_path):
    err = raises(ParameterError, read_accounts, basic(tmp_path), columns=["account_id"])
    assert "dict" in str(err) and "list" in str(err)


# -- missing required columns -----------------------------------------------------------------

def test_missing_columns_message_suggests_the_argument_to_paste(tmp_path):
    rows = [["客户编号", "客户名称", "销售额"], ["00123", "甲", "1,200"]]
    path = write_csv(tmp_path, rows, "我的客户.csv", encoding="gbk")
    err = raises(MissingColumnsError, read_accounts, path)
    msg = str(err)
    assert isinstance(err, InvalidDataError) and isinstance(err, KeyError)
    assert "我的客户.csv" in msg
    assert "'account_id'" in msg and "'revenue'" in msg
    assert "['客户编号', '客户名称', '销售额']" in msg  # the headers that came
    assert err.missing == ["account_id", "revenue"]
    # the suggestion is valid Python that makes the same call succeed
    pasted = ast.literal_eval(re.search(r"columns=(\{.*?\})", msg).group(1))
    assert pasted["客户编号"] == "account_id" and pasted["销售额"] == "revenue"
    df = read_accounts(path, columns=pasted)
    assert df["revenue"].tolist() == [1200.0]
    assert df["name"].tolist() == ["甲"]


def test_missing_columns_suggestion_keeps_the_callers_mapping(tmp_path):
    path = write_csv(tmp_path, [["编号X", "营业收入"], ["A1", "5"]])
    err = raises(MissingColumnsError, read_accounts, path, columns={"编号X": "account_id"})
    pasted = ast.literal_eval(re.search(r"columns=(\{.*?\})", str(err)).group(1))
    assert pasted == {"编号X": "account_id", "营业收入": "revenue"}
    assert "['编号X', '营业收入']" in str(err)  # the user's headers, not the renamed ones
    assert read_accounts(path, columns=pasted)["revenue"].tolist() == [5.0]


def test_missing_columns_with_case_and_spacing_variants(tmp_path):
    path = write_csv(tmp_path, [["Customer ID", "Revenue"], ["A1", "5"]])
    err = raises(MissingColumnsError, read_accounts, path)
    assert "{'Customer ID': 'account_id', 'Revenue': 'revenue'}" in str(err)


def test_missing_columns_without_any_known_alias(tmp_path):
    path = write_csv(tmp_path, [["account_id", "q4"], ["A1", "5"]])
    err = raises(MissingColumnsError, read_accounts, path)
    msg = str(err)
    assert err.missing == ["revenue"]
    assert "['account_id', 'q4']" in msg
    assert "columns={'your header': 'revenue'}" in msg
    assert "describe()" in msg


# -- numeric cleaning -------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("1,234", 1234.0),
    ("1,234,567.89", 1234567.89),
    ("¥1,234", 1234.0),
    ("￥1,234", 1234.0),
    ("1,234元", 1234.0),
    ("RMB 1,234", 1234.0),
    ("rmb1234", 1234.0),
    ("  1234  ", 1234.0),
    ("\u30001234\u3000", 1234.0),
    ("１２３４", 1234.0),
    ("１，２３４．５", 1234.5),
    ("(1,234)", -1234.0),
    ("（1,234）", -1234.0),
    ("¥(1,234)", -1234.0),
    ("-1,234", -1234.0),
    ("1,234-", -1234.0),
    ("\u22121234", -1234.0),
    ("-", 0.0),
    (" ¥ -   ", 0.0),
    ("1e3", 1000.0),
    (".5", 0.5),
])
def test_money_text_is_cleaned(tmp_path, text, value):
    path = write_csv(tmp_path, [["account_id", "revenue"], ["A1", text]])
    assert read_accounts(path)["revenue"].tolist() == [value]


@pytest.mark.parametrize("text, value", [
    ("35%", 0.35), ("35 %", 0.35), ("３５％", 0.35), ("0.35", 0.35), ("100%", 1.0), ("0%", 0.0),
    ("12.5%", 0.125),
])
def test_percent_text_in_share_columns(tmp_path, text, value):
    path = write_csv(tmp_path, [["account_id", "revenue", "share_of_wallet", "revenue_share"],
                                ["A1", "1", text, text]])
    df = read_accounts(path)
    assert df["share_of_wallet"].tolist() == [value]
    assert df["revenue_share"].tolist() == [value]


@pytest.mark.parametrize("text, hint", [
    ("abc", "plain numbers"),
    ("12万", "万"),
    ("3亿", "亿"),
    ("1,5", "Decimal commas"),
    ("#N/A", "formula errors"),
    ("#DIV/0!", "formula errors"),
    ("35%", "only in share columns"),
    ("12,34", "Decimal commas"),
    ("1,23,456", "plain numbers"),
    ("inf", "blank instead"),
    ("nan", "blank instead"),
    ("1.2.3", "plain numbers"),
    ("--5", "plain numbers"),
    ("()", "plain numbers"),
])
def test_text_that_is_not_a_number(tmp_path, text, hint):
    rows = [["account_id", "revenue"], ["A1", "10"], ["A2", text], ["A3", "30"]]
    path = write_csv(tmp_path, rows, "sales_2023.csv")
    err = raises(InvalidDataError, read_accounts, path)
    msg = str(err)
    assert "sales_2023.csv" in msg
    assert "'revenue'" in msg
    assert "[3]" in msg and "row 1" in msg  # spreadsheet row 3: header is row 1
    assert repr(text) in msg
    assert hint in msg
    assert (err.source, err.column, err.rows, err.values) == ("sales_2023.csv", "revenue", [3], [text])


def test_not_a_number_message_names_the_users_header_and_all_rows(tmp_path):
    rows = [["编号", "销售额"]] + [[f"A{i}", "x" if i % 2 else "1"] for i in range(20)]
    path = write_csv(tmp_path, rows)
    err = raises(InvalidDataError, read_accounts, path, columns={"编号": "account_id", "销售额": "revenue"})
    assert "'revenue' (your header '销售额')" in str(err)
    assert err.rows == [3 + 2 * k for k in range(10)]  # all rows in the field …
    assert "… and 2 more" in str(err)  # … the first few in the message


def test_optional_numeric_columns_are_checked_too(tmp_path):
    rows = [["account_id", "revenue", "sales_hours"], ["A1", "1", "12"], ["A2", "2", "twelve"]]
    err = raises(InvalidDataError, read_accounts, write_csv(tmp_path, rows))
    assert err.column == "sales_hours" and err.rows == [3] and err.values == ["twelve"]


def test_unknown_columns_are_not_cleaned_or_checked(tmp_path):
    rows = [["account_id", "revenue", "comment"], ["A1", "1", "12万"], ["A2", "2", "¥3"]]
    df = read_accounts(write_csv(tmp_path, rows))
    assert df["comment"].tolist() == ["12万", "¥3"]


# -- blanks and blank rows --------------------------------------------------------------------

def test_blank_optional_numbers_stay_nan(tmp_path):
    rows = [["account_id", "revenue", "profit", "wallet"], ["A1", "1", "", "10"], ["A2", "2", "3", " "]]
    df = read_accounts(write_csv(tmp_path, rows))
    assert np.isnan(df["profit"].iloc[0]) and df["profit"].iloc[1] == 3.0
    assert np.isnan(df["wallet"].iloc[1])


def test_fully_blank_rows_are_dropped_and_row_numbers_kept(tmp_path):
    rows = [["account_id", "revenue"], ["A1", "1"], ["", ""], [" ", "\u3000"], ["A2", "x"], ["", ""]]
    path = write_csv(tmp_path, rows)
    err = raises(InvalidDataError, read_accounts, path)
    assert err.rows == [5]  # not 3: the blank rows still count in the spreadsheet
    rows[4] = ["A2", "2"]
    df = read_accounts(write_csv(tmp_path, rows))
    assert df["account_id"].tolist() == ["A1", "A2"]
    assert list(df.index) == [0, 1]


def test_blank_account_id(tmp_path):
    rows = [["account_id", "revenue"], ["A1", "1"], ["", "2"], ["  ", "3"]]
    err = raises(InvalidDataError, read_accounts, write_csv(tmp_path, rows, "b.csv"))
    msg = str(err)
    assert "b.csv" in msg and "'account_id'" in msg and "[3, 4]" in msg and "blank" in msg
    assert "Fix:" in msg
    assert err.rows == [3, 4] and err.column == "account_id"


def test_blank_revenue(tmp_path):
    rows = [["account_id", "revenue"], ["A1", "1"], ["A2", ""]]
    err = raises(InvalidDataError, read_accounts, write_csv(tmp_path, rows, "b.csv"))
    msg = str(err)
    assert "b.csv" in msg and "'revenue'" in msg and "[3]" in msg and "blank" in msg
    assert err.rows == [3] and err.column == "revenue"


# -- ranges -----------------------------------------------------------------------------------

def test_negative_revenue_profit_and_margin_are_allowed(tmp_path):
    rows = [["account_id", "revenue", "profit", "gross_margin"],
            ["A1", "-500", "(1,200)", "-3"], ["A2", "100", "-7", "2"]]
    df = read_accounts(write_csv(tmp_path, rows))
    assert df["revenue"].tolist() == [-500.0, 100.0]
    assert df["profit"].tolist() == [-1200.0, -7.0]
    assert df["gross_margin"].tolist() == [-3.0, 2.0]


@pytest.mark.parametrize("column, good, bad, hint", [
    ("cost_to_serve", "0", "-5", "cannot be negative"),
    ("sales_hours", "12", "(3)", "cannot be negative"),
    ("wallet", "100", "-1", "cannot be negative"),
    ("share_of_wallet", "1", "35", "look like percentages"),
    ("share_of_wallet", "0", "-0.1", "between 0 and 1"),
    ("share_of_wallet", "0.5", "150%", "between 0 and 1"),
    ("differentiation", "5", "6", "1 (weak) to 5"),
    ("relationship", "1", "0", "1 (weak) to 5"),
])
def test_values_out_of_range(tmp_path, column, good, bad, hint):
    rows = [["account_id", "revenue", column], ["A1", "1", good], ["A2", "2", bad]]
    err = raises(InvalidDataError, read_accounts, write_csv(tmp_path, rows, "r.csv"))
    msg = str(err)
    assert "r.csv" in msg and repr(column) in msg and "[3]" in msg and hint in msg
    assert err.column == column and err.rows == [3] and len(err.values) == 1


# -- account ids ------------------------------------------------------------------------------

def test_leading_zeros_and_spaces_in_ids(tmp_path):
    rows = [["account_id", "revenue"], ["00123", "1"], [" 0042 ", "2"], ["\u3000007\u3000", "3"]]
    df = read_accounts(write_csv(tmp_path, rows))
    assert df["account_id"].tolist() == ["00123", "0042", "007"]
    assert pd.api.types.is_string_dtype(df["account_id"])


def test_duplicate_ids(tmp_path):
    rows = [["account_id", "revenue"], ["A1", "1"], ["A2", "2"], ["A1", "3"], [" A2", "4"], ["A3", "5"]]
    err = raises(InvalidDataError, read_accounts, write_csv(tmp_path, rows, "dup.csv"))
    msg = str(err)
    assert "dup.csv" in msg and "'A1' at [2, 4]" in msg and "'A2' at [3, 5]" in msg
    assert "groupby('account_id'" in msg and "fix the export" in msg
    assert err.values == ["A1", "A2"] and err.duplicates == {"A1": [2, 4], "A2": [3, 5]}
    assert sorted(err.rows) == [2, 3, 4, 5]


# -- empty, missing and unreadable files ------------------------------------------------------

def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    err = raises(InvalidDataError, read_accounts, path)
    assert "empty" in str(err) and "empty.csv" in str(err)


@pytest.mark.parametrize("text", ["account_id,revenue\n", "account_id,revenue\n,\n\n", "\n\n\n"])
def test_headers_without_data_rows(tmp_path, text):
    path = tmp_path / "h.csv"
    path.write_text(text, encoding="utf-8")
    err = raises(InvalidDataError, read_accounts, path)
    assert "empty" in str(err) and "h.csv" in str(err)


def test_empty_excel_sheet(tmp_path):
    path = write_xlsx(tmp_path, {"s": []})
    assert "empty" in str(raises(InvalidDataError, read_accounts, path))


def test_missing_file(tmp_path):
    err = raises(NoSuchFileError, read_accounts, tmp_path / "nope.csv")
    assert isinstance(err, FileNotFoundError) and isinstance(err, KamlabError)
    assert "nope.csv" in str(err) and str(tmp_path) in str(err)


def test_folder_instead_of_file(tmp_path):
    assert "folder" in str(raises(ParameterError, read_accounts, tmp_path))


def test_xls_is_not_supported(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    err = raises(InvalidDataError, read_accounts, path)
    assert "old.xls" in str(err) and ".xlsx" in str(err) and "not supported" in str(err)


def test_unknown_extension(tmp_path):
    path = tmp_path / "data.json"
    path.write_text("{}")
    assert ".csv" in str(raises(ParameterError, read_accounts, path))


@pytest.mark.parametrize("content, words", [
    (b"PK\x03\x04" + bytes(range(256)) * 4, "Excel workbook"),
    (b"\xd0\xcf\x11\xe0" + bytes(range(256)), ".xls"),
    (b"account_id,revenue\n\x00\x01\x02,3\n", "binary"),
    (b'account_id,revenue\n"A1,5\n', "CSV"),  # unterminated quote
])
def test_unparseable_csv(tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    err = raises(InvalidDataError, read_accounts, path)
    assert "bad.csv" in str(err) and words in str(err)


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_text("account_id,revenue\nA1,1\n")
    err = raises(InvalidDataError, read_accounts, path)
    assert "bad.xlsx" in str(err) and "Excel workbook" in str(err)
    assert "Traceback" not in str(err)


def test_unquoted_thousands_separator_splits_a_row(tmp_path):
    path = tmp_path / "split.csv"
    path.write_text("account_id,revenue\nA1,100\nA2,1,234\n", encoding="utf-8")
    err = raises(InvalidDataError, read_accounts, path)
    msg = str(err)
    assert "split.csv" in msg and "column C" in msg and "[3]" in msg and "'234'" in msg
    assert "without quotes" in msg


def test_title_row_above_the_headers_is_skipped(tmp_path):
    path = tmp_path / "title.csv"
    path.write_text("2023年客户销售报表\naccount_id,revenue\nA1,1\n", encoding="utf-8")
    assert read_accounts(path)["revenue"].tolist() == [1.0]


def test_duplicate_headers(tmp_path):
    path = write_csv(tmp_path, [["account_id", "revenue", "revenue "], ["A1", "1", "2"]])
    err = raises(InvalidDataError, read_accounts, path)
    assert "'revenue'" in str(err) and "B and C" in str(err)


def test_blank_header_over_data(tmp_path):
    path = write_csv(tmp_path, [["account_id", "", "revenue"], ["A1", "x", "2"]])
    err = raises(InvalidDataError, read_accounts, path)
    assert "column B" in str(err) and "no header" in str(err) and err.rows == [2]


def test_blank_header_over_blank_column_is_dropped(tmp_path):
    path = write_csv(tmp_path, [["account_id", "", "revenue", ""], ["A1", "", "2", ""]])
    assert list(read_accounts(path).columns) == ["account_id", "revenue"]


def test_wrong_explicit_encoding(tmp_path):
    path = write_csv(tmp_path, [["客户编号", "销售额"], ["A1", "1"]], encoding="gbk")
    err = raises(InvalidDataError, read_accounts, path, columns=CN, encoding="utf-8")
    assert "'utf-8'" in str(err) and "leave encoding out" in str(err)


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"account_id,revenue\nA1,1\n\x81\x20,2\n")  # invalid in UTF-8 and GBK
    err = raises(InvalidDataError, read_accounts, path)
    assert "x.csv" in str(err) and "CSV UTF-8" in str(err)


def test_unknown_encoding_name(tmp_path):
    assert "encoding" in str(raises(ParameterError, read_accounts, basic(tmp_path), encoding="gbkk"))


def test_sheet_and_encoding_must_fit_the_file(tmp_path):
    assert "Excel files only" in str(raises(ParameterError, read_accounts, basic(tmp_path), sheet="a"))
    xlsx = write_xlsx(tmp_path, {"客户": [["account_id", "revenue"], ["A1", 1]]})
    assert "CSV files only" in str(raises(ParameterError, read_accounts, xlsx, encoding="gbk"))
    err = raises(ParameterError, read_accounts, xlsx, sheet="Sheet1")
    assert "'Sheet1'" in str(err) and "['客户']" in str(err)


# -- validate_accounts ------------------------------------------------------------------------

def frame():
    return pd.DataFrame({
        "account_id": [" 001", "002", "003"],
        "name": ["甲", "乙", "丙"],
        "revenue": ["1,000", "(20)", 300],
        "share_of_wallet": ["35%", 0.5, np.nan],
        "note": ["x", None, "z"],
    }, index=[10, 20, 30])


def test_validate_returns_a_clean_copy_and_leaves_the_input_alone():
    df = frame()
    before = df.copy(deep=True)
    out = validate_accounts(df)
    pd.testing.assert_frame_equal(df, before)  # values and dtypes unchanged
    assert out is not df
    assert out["account_id"].tolist() == ["001", "002", "003"]
    assert out["revenue"].tolist() == [1000.0, -20.0, 300.0]
    assert out["share_of_wallet"].iloc[:2].tolist() == [0.35, 0.5]
    pd.testing.assert_series_equal(out["note"], df["note"])  # unknown columns untouched
    pd.testing.assert_series_equal(out["name"], df["name"])
    assert list(out.index) == [10, 20, 30]


def test_validate_keeps_numeric_columns_and_makes_them_float():
    out = validate_accounts(pd.DataFrame({"account_id": ["a", "b"], "revenue": [1, 2]}))
    assert out["revenue"].dtype == "float64"


def test_validate_reports_index_labels():
    df = frame()
    df.loc[20, "revenue"] = "n/a"
    err = raises(InvalidDataError, validate_accounts, df, source="book")
    msg = str(err)
    assert "book" in msg and "'revenue'" in msg and "index label" in msg and "[20]" in msg
    assert "'n/a'" in msg
    assert err.rows == [20] and err.source == "book"


def test_validate_missing_columns_suggests_rename():
    err = raises(MissingColumnsError, validate_accounts, pd.DataFrame({"客户编号": ["a"], "sales": [1]}))
    assert "df = df.rename(columns={'客户编号': 'account_id', 'sales': 'revenue'})" in str(err)


@pytest.mark.parametrize("df, words", [
    (pd.DataFrame({"account_id": [], "revenue": []}), "empty"),
    (pd.DataFrame(), "empty"),
    (pd.DataFrame({"account_id": [None, np.nan], "revenue": [np.nan, None]}), "empty"),
    (pd.DataFrame({"account_id": ["a", None], "revenue": [1, 2]}), "blank"),
    (pd.DataFrame({"account_id": ["a", "b"], "revenue": [1, np.inf]}), "numbers"),
    (pd.DataFrame({"account_id": ["a", "b"], "revenue": [1, True]}), "numbers"),
    (pd.DataFrame({"account_id": ["a", "b"], "revenue": pd.array([1, None], dtype="Int64")}), "blank"),
    (pd.DataFrame({"account_id": ["a", "a"], "revenue": [1, 2]}), "repeat"),
    (pd.DataFrame({"account_id": ["a", "b"], "revenue": [1, 2], "preference": [3, 9]}), "between 1 and 5"),
])
def test_validate_errors(df, words):
    assert words in str(raises(InvalidDataError, validate_accounts, df))


def test_validate_rejects_duplicate_column_labels():
    df = pd.DataFrame([["a", 1, 2]], columns=["account_id", "revenue", "revenue"])
    assert "more than once" in str(raises(InvalidDataError, validate_accounts, df))


def test_validate_float_ids_lose_the_dot_zero():
    out = validate_accounts(pd.DataFrame({"account_id": [1.0, 2.0], "revenue": [1, 2]}))
    assert out["account_id"].tolist() == ["1", "2"]


def test_validate_needs_a_dataframe():
    assert "DataFrame" in str(raises(ParameterError, validate_accounts, [{"account_id": 1}]))


def test_public_names_are_exported():
    assert kamlab.read_accounts is read_accounts
    assert kamlab.validate_accounts is validate_accounts


# -- errors cross process boundaries ----------------------------------------------------------

def collected_errors(tmp_path):
    dup = write_csv(tmp_path, [["account_id", "revenue"], ["A", "1"], ["A", "2"]], "dup.csv")
    cn = write_csv(tmp_path, [["客户编号", "销售额"], ["A", "1"]], "cn.csv")
    calls = [
        lambda: read_accounts(dup),
        lambda: read_accounts(cn),
        lambda: read_accounts(tmp_path / "missing.csv"),
        lambda: read_accounts(cn, columns={"x": "sales"}),
        lambda: validate_accounts(pd.DataFrame({"account_id": ["a"], "revenue": ["x"]})),
    ]
    errors = []
    for call in calls:
        with pytest.raises(KamlabError) as info:
            call()
        errors.append(info.value)
    return errors


def test_errors_pickle_round_trip(tmp_path):
    errors = collected_errors(tmp_path)
    assert {type(e) for e in errors} == {InvalidDataError, MissingColumnsError, NoSuchFileError,
                                         ParameterError}
    for err in errors:
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err)
        assert str(back) == str(err)
        assert back.fields == err.fields
        for key, value in err.fields.items():
            assert getattr(back, key) == value


# -- property: a table of finite numbers survives CSV + read_accounts unchanged -----------------

ids = st.text(alphabet=string.ascii_letters + string.digits + "-_,\" 客户编号甲乙", min_size=1,
              max_size=10).map(str.strip).filter(bool)
finite = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def account_tables(draw):
    account_ids = draw(st.lists(ids.filter(lambda x: not _total_word(x)), min_size=1, max_size=15,
                                unique_by=_id_key))
    n = len(account_ids)
    return pd.DataFrame({
        "account_id": pd.Series(account_ids, dtype="str"),
        "revenue": draw(st.lists(finite, min_size=n, max_size=n)),
        "profit": draw(st.lists(finite | st.just(np.nan), min_size=n, max_size=n)),
        "share_of_wallet": draw(st.lists(st.floats(0, 1) | st.just(np.nan), min_size=n, max_size=n)),
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(df=account_tables(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]))
def test_csv_round_trip_property(tmp_path, df, encoding):
    path = tmp_path / "round.csv"
    df.to_csv(path, index=False, encoding=encoding)
    back = read_accounts(path)
    pd.testing.assert_frame_equal(back, df)
    assert back.attrs["encoding"] in (encoding, "utf-8")  # ASCII-only GBK is valid UTF-8


# ---------------------------------------------------------------------------------------
# Never read garbage as data (issue 9, group 4)
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["合计", "总计", "小计", "Total", "GRAND TOTAL", "合计：", "ＴＯＴＡＬ"])
@pytest.mark.parametrize("column", ["account_id", "name"])
def test_a_totals_row_is_refused_naming_its_row(tmp_path, word, column):
    rows = [("A1", "甲公司", 100), ("A2", "乙公司", 50),
            ("" if column == "name" else word, word if column == "name" else "", 150)]
    src = tmp_path / "t.csv"
    src.write_text("account_id,name,revenue\n" + "".join(f"{a},{n},{r}\n" for a, n, r in rows),
                   encoding="gbk")
    with pytest.raises(InvalidDataError, match=r"row\(s\) \[4\].*look like a totals line") as info:
        read_accounts(src)
    assert info.value.rows == [4] and "delete the totals row" in str(info.value)


def test_a_real_account_named_like_a_word_is_kept(tmp_path):
    src = tmp_path / "ok.csv"
    src.write_text("account_id,name,revenue\nA1,Total Petroleum Co.,100\nA2,合计化工,50\n",
                   encoding="utf-8")
    assert read_accounts(src)["name"].tolist() == ["Total Petroleum Co.", "合计化工"]


@pytest.mark.parametrize("cell", ["1e400", "-1e999", "inf", "Infinity"])
def test_overflowing_or_infinite_numbers_are_refused(tmp_path, cell):
    src = tmp_path / "n.csv"
    src.write_text(f"account_id,revenue\nA1,{cell}\nA2,5\n", encoding="utf-8")
    with pytest.raises(InvalidDataError, match=r"row\(s\) \[2\]"):
        read_accounts(src)


def test_booleans_are_not_amounts():
    df = pd.DataFrame({"account_id": ["A1", "A2"], "revenue": [True, False]})
    with pytest.raises(InvalidDataError, match="must hold numbers"):
        kamlab.validate_accounts(df)


def test_ids_that_differ_only_in_width_or_case_are_refused(tmp_path):
    src = tmp_path / "ids.csv"
    src.write_text("account_id,revenue\nA001,1\nＡ001,5\nB002,2\nb002,3\n", encoding="utf-8")
    with pytest.raises(InvalidDataError, match="differ only in full-width characters or upper/lower case") as info:
        read_accounts(src)
    assert info.value.rows == [2, 3, 4, 5]


@pytest.mark.parametrize("source,kind", [(None, "NoneType"), (io.BytesIO(b"a,b"), "BytesIO"),
                                         (pd.DataFrame({"account_id": ["A"]}), "DataFrame")])
def test_not_a_path_is_a_clear_type_error(source, kind):
    with pytest.raises(TypeError, match=rf"reads a file: give the path .* got {kind}"):
        read_accounts(source)
    with pytest.raises(kamlab.KamlabError):
        kamlab.read_opportunities(source)


def _workbook(path, *sheets):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows, merges in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for rng in merges:
            ws.merge_cells(rng)
    wb.save(path)
    return path


def test_a_title_and_a_blank_line_above_the_header_are_skipped(tmp_path):
    src = _workbook(tmp_path / "t.xlsx", ("报表", [("2026年客户销售报表",), (), ("制表日期：2026-07-01",),
                                                 ("account_id", "revenue"), ("A1", 10), ("A2", None)], []))
    with pytest.raises(InvalidDataError, match=r"row\(s\) \[6\] \(the headers are row 4\)"):
        read_accounts(src)


def test_merged_group_headers_above_the_header_are_skipped(tmp_path):
    src = _workbook(tmp_path / "g.xlsx", ("Sheet", [("客户信息", None, "销售", None),
                                                  ("account_id", "name", "revenue", "profit"),
                                                  ("A1", "甲", 100, 10), ("A2", "乙", 50, 5)],
                                          ["A1:B1", "C1:D1"]))
    book = read_accounts(src)
    assert list(book.columns) == ["account_id", "name", "revenue", "profit"]
    assert book["revenue"].tolist() == [100.0, 50.0]


def test_a_header_with_one_blank_cell_is_still_the_header(tmp_path):
    src = _workbook(tmp_path / "h.xlsx", ("Sheet", [("account_id", "revenue", None),
                                                  ("A1", 100, "x"), ("A2", 50, "y")], []))
    with pytest.raises(InvalidDataError, match="column C has values but no header"):
        read_accounts(src)


def test_the_sheet_holding_the_data_is_named(tmp_path, capsys):
    src = _workbook(tmp_path / "w.xlsx", ("封面", [("说明",), ("客户销售数据",)], []),
                    ("数据", [("客户编号", "销售额"), ("A1", 1), ("A2", 2)], []))
    with pytest.raises(MissingColumnsError, match="The sheet '数据' has them: read it with sheet='数据'"):
        read_accounts(src)
    from kamlab import cli

    assert cli.main(["segment", str(src)]) == 2
    assert "--sheet 数据" in capsys.readouterr().err
    assert len(read_accounts(src, sheet="数据", columns={"客户编号": "account_id",
                                                       "销售额": "revenue"})) == 2


def test_other_sheets_are_listed_when_none_has_the_columns(tmp_path):
    src = _workbook(tmp_path / "x.xlsx", ("a", [("x", "y"), (1, 2)], []), ("b", [("z",), (1,)], []))
    with pytest.raises(MissingColumnsError, match=r"the workbook also has \['b'\]"):
        read_accounts(src)
