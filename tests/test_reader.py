"""The fast CSV path of kamlab._reader (pandas' C parser + column-wide checks in kamlab._cells).

A file is read by pandas where it can be and record by record where it cannot; both must give
the same DataFrame and the same messages. Each test below either compares the two paths on one
kind of file, or feeds the fast path a file whose trouble lies beyond the first records it reads
to find the header (where the two could differ).
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_data import write_csv  # Excel's CSV export: quoting only where needed

import kamlab._reader as reader
from kamlab.data import read_accounts, read_opportunities, read_stage_history
from kamlab.exceptions import InvalidDataError


def slow(monkeypatch):
    """Make every file take the record-by-record path."""
    def refuse(*args, **kwargs):
        raise reader._NotPlain
    monkeypatch.setattr(reader, "_fast_csv", refuse)


def both(monkeypatch, read, path, **kwargs):
    """(fast result, slow result) — or the two errors' messages."""
    def run():
        try:
            return read(path, **kwargs)
        except InvalidDataError as err:
            return str(err)
    fast = run()
    with monkeypatch.context() as m:
        slow(m)
        slower = run()
    return fast, slower


def same(fast, slower):
    if isinstance(fast, str) or isinstance(slower, str):
        assert fast == slower
        return
    pd.testing.assert_frame_equal(fast, slower)
    assert fast.attrs == slower.attrs


def book_rows(n, *, extra=()):
    rows = [["account_id", "name", "industry", "revenue", "profit", "wallet", "备注"]]
    for i in range(n):
        rows.append([f"K{i:04d}", f"客户{i}", "Plastics" if i % 3 else "化工", str(1000 + i),
                     str(i - 40), "" if i % 7 == 0 else str(5000 + i), "重点" if i % 5 else ""])
    for i, row in extra:
        rows[i] = row
    return rows


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_both_paths_read_a_book_the_same(tmp_path, monkeypatch, encoding):
    path = write_csv(tmp_path, book_rows(300), encoding=encoding)
    fast, slower = both(monkeypatch, read_accounts, path)
    same(fast, slower)
    assert fast["account_id"].iloc[7] == "K0007"
    assert fast["备注"].isna().iloc[0] and fast["备注"].iloc[1] == "重点"


def test_both_paths_read_the_bundled_tables_the_same(monkeypatch):
    from kamlab.data import dataset_dir

    folder = dataset_dir()
    for read, name in [(read_accounts, "customers.csv"), (read_opportunities, "opportunities.csv"),
                       (read_stage_history, "opportunity_stages.csv")]:
        same(*both(monkeypatch, read, folder / name))


def test_messy_cells_read_the_same_both_ways(tmp_path, monkeypatch):
    rows = [["客户编号", "销售额", "利润", "note"],
            ["007", "¥1,234", "(50)", "=SUM(A1)"],
            [" A2 ", "1,234元", "12-", "1,5"],
            ["A3", "0", "-", ""],
            ["", "", "", ""],
            ["A4", "35", "", "x"]]
    path = write_csv(tmp_path, rows)
    mapping = {"客户编号": "account_id", "销售额": "revenue", "利润": "profit"}
    fast, slower = both(monkeypatch, read_accounts, path, columns=mapping)
    same(fast, slower)
    assert fast["account_id"].tolist() == ["007", "A2", "A3", "A4"]
    assert fast["revenue"].tolist()[:2] == [1234.0, 1234.0]
    assert fast["profit"].tolist()[:3] == [-50.0, -12.0, 0.0]


@pytest.mark.parametrize("bad, expect", [
    ((250, ["K0249", "x", "Plastics", "12,5", "1", "", ""]), "row(s) [251]"),  # decimal comma
    ((250, ["", "x", "Plastics", "1", "1", "", ""]), "blank in spreadsheet row(s) [251]"),
    ((250, ["K0001", "x", "Plastics", "1", "1", "", ""]), "'K0001'"),  # a repeat, far down
    ((250, ["合 计", "", "", "9999999", "", "", ""]), "totals line"),
    ((250, ["K0249", "Total", "", "1", "1", "", ""]), "totals line"),
    ((250, ["K0249", "x", "Plastics", "inf", "1", "", ""]), "'inf'"),
    ((250, ["K0249", "x", "Plastics", "1e400", "1", "", ""]), "'1e400'"),
    ((250, ["Ｋ0001", "x", "Plastics", "1", "1", "", ""]), "full-width"),
])
def test_trouble_far_below_the_header_is_found_with_its_row(tmp_path, monkeypatch, bad, expect):
    path = write_csv(tmp_path, book_rows(300, extra=[bad]))
    fast, slower = both(monkeypatch, read_accounts, path)
    assert isinstance(fast, str) and expect in fast, fast
    assert fast == slower


def test_a_line_wider_than_the_header_far_down_names_its_column(tmp_path, monkeypatch):
    rows = book_rows(300, extra=[(200, ["K0199", "x", "Plastics", "1", "2", "3", "", "stray"])])
    fast, slower = both(monkeypatch, read_accounts, write_csv(tmp_path, rows))
    assert fast == slower
    assert "column H has values but no header" in fast and "[201]" in fast


def test_title_rows_and_blank_lines_keep_spreadsheet_row_numbers(tmp_path, monkeypatch):
    rows = [["2026年客户销售报表"], [], *book_rows(100)]
    rows.insert(60, [])  # a blank line in the body
    rows[80] = ["K0077", "x", "Plastics", "abc", "1", "", ""]
    fast, slower = both(monkeypatch, read_accounts, write_csv(tmp_path, rows))
    assert fast == slower
    assert "row(s) [81]" in fast and "header is row 3" not in fast


def test_a_quoted_line_break_in_a_cell_is_one_record(tmp_path, monkeypatch):
    rows = book_rows(120)
    rows[50][1] = "第一行\n第二行"
    fast, slower = both(monkeypatch, read_accounts, write_csv(tmp_path, rows))
    same(fast, slower)
    assert fast["name"].iloc[49] == "第一行\n第二行"


def test_a_large_file_takes_the_fast_path(tmp_path, monkeypatch):
    path = write_csv(tmp_path, book_rows(2000))
    calls = []
    original = reader._fast_csv
    monkeypatch.setattr(reader, "_fast_csv", lambda *a, **k: calls.append(1) or original(*a, **k))
    book = read_accounts(path)
    assert calls == [1] and len(book) == 2000
    assert pd.api.types.is_float_dtype(book["revenue"])


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_chinese_only_far_below_the_first_records_decodes(tmp_path, monkeypatch, encoding):
    # The first records are plain ASCII (they read as UTF-8 and as GBK alike); the first
    # Chinese name comes 8,000 rows down. A GBK file must still be read as GBK.
    rows = [["account_id", "name", "revenue"]] + [[f"K{i}", "plain", "1"] for i in range(8000)]
    rows += [["K9999", "江苏丰源塑业有限公司", "2"]]
    path = write_csv(tmp_path, rows, encoding=encoding)
    fast, slower = both(monkeypatch, read_accounts, path)
    same(fast, slower)
    assert fast["name"].iloc[-1] == "江苏丰源塑业有限公司"
    assert fast.attrs["encoding"] == encoding


def test_a_nul_byte_far_down_is_binary(tmp_path):
    rows = [["account_id", "revenue"]] + [[f"K{i}", "1"] for i in range(5000)]
    path = write_csv(tmp_path, rows)
    path.write_bytes(path.read_bytes() + b"K\x00\x01,2\r\n")
    with pytest.raises(InvalidDataError, match="binary data"):
        read_accounts(path)


def test_a_wrong_encoding_guess_is_retried_on_the_fast_path(tmp_path, monkeypatch):
    rows = [["account_id", "name", "revenue"]] + [[f"K{i}", "plain", "1"] for i in range(8000)]
    rows += [["K9999", "江苏丰源塑业有限公司", "2"]]  # beyond the first 64 KB read for the guess
    path = write_csv(tmp_path, rows, encoding="gbk")
    encodings = []
    original = reader._fast_csv
    monkeypatch.setattr(reader, "_fast_csv",
                        lambda path, encoding, *a: encodings.append(encoding) or original(
                            path, encoding, *a))
    assert read_accounts(path)["name"].iloc[-1] == "江苏丰源塑业有限公司"
    assert encodings == ["utf-8", "gbk"]  # guessed from the ASCII head, then detected


def test_the_totals_scan_ignores_exactly_what_total_word_ignores():
    import unicodedata

    from kamlab._cells import _IGNORED_CHARS

    left_by_nfkc = {ch for ch in map(chr, range(0x110000))
                    if ch.isspace() and ch != "\n" and unicodedata.normalize("NFKC", ch) == ch}
    assert set(_IGNORED_CHARS) == left_by_nfkc | set(":()")


@pytest.mark.parametrize("cell", ["合 计", "合　计", "TOTAL", "Ｔｏｔａｌ：", "（小计）", "Grand\tTotal",
                                  "总和\u2028"])
def test_totals_found_by_the_column_scan_as_by_the_cell_check(tmp_path, monkeypatch, cell):
    rows = [["account_id", "name", "revenue"]] + [[f"K{i}", f"和信{i}号", "1"] for i in range(300)]
    rows.insert(150, ["K9999", cell, "5"])
    fast, slower = both(monkeypatch, read_accounts, write_csv(tmp_path, rows))
    assert isinstance(fast, str) and "totals line" in fast and fast == slower


def test_column_scan_agrees_with_the_cell_check():
    from kamlab._cells import _total_cells, _total_word

    cells = ["合 计", "合　计", "TOTAL", "Ｔｏｔａｌ：", "（小计）", "Grand\tTotal", "总和\u2028", "和信",
             "Tianjin Steel", "Subtotal (East)", "合计金额", "合计" + " " * 30, "T\u1680otal", None,
             "total\ntotal", "合计:"]
    s = pd.Series(cells, dtype="str")
    assert _total_cells(s).tolist() == [_total_word(c) for c in cells]
    assert _total_cells(s.iloc[:8]).tolist() == [True] * 7 + [False]
