"""The card readers in kamlab.data: bundled tables by name, a trainee's own profiles,
transactions and credit records (GBK, Chinese headers, Excel dates), and one clear message for
each thing that can be wrong."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlab.card import key_account_card
from kamlab.data import (
    load_account_credit,
    load_account_profiles,
    load_account_transactions,
    load_dataset,
    read_account_credit,
    read_account_profiles,
    read_account_transactions,
    validate_account_credit,
    validate_account_profiles,
    validate_account_transactions,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

TX_HEADERS = {"客户编号": "account_id", "月份": "month", "销售额": "revenue", "毛利": "gross_margin",
              "订单数": "orders"}


def write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding)
    return path


def test_bundled_tables_by_name():
    assert load_account_profiles().shape == (250, 24)
    assert load_account_profiles()["operating_cash_flow"].dtype.kind in "if"
    tx = load_account_transactions()
    pd.testing.assert_frame_equal(tx, load_dataset("account_transactions"))
    assert load_account_credit()["month"].iloc[-1] == "2026-06"
    with pytest.raises(ParameterError, match="bundled dataset"):
        load_account_transactions("account_transactions", encoding="gbk")
    with pytest.raises(ParameterError, match="neither a bundled dataset"):
        load_account_credit("account_kredit")


def test_transactions_in_gbk_with_chinese_headers_and_months(tmp_path):
    path = write(tmp_path / "交易.csv", "客户编号,月份,销售额,毛利,订单数\n"
                 "K1,2026年5月,\"1,200\",180,3\nK1,2026/6,(100),-15,0\n"
                 "K2,2026-06-30,￥800,120,2\n", encoding="gbk")
    df = read_account_transactions(path, columns=TX_HEADERS)
    assert df["month"].tolist() == ["2026-05", "2026-06", "2026-06"]
    assert df["revenue"].tolist() == [1200.0, -100.0, 800.0]  # credit notes may be negative
    assert df.attrs["encoding"] == "gbk"


def test_reader_and_card_read_the_same_month_spellings(tmp_path):
    """One month parser serves the reader and the card (they had drifted: 2026.05 failed here)."""
    months = [f"2025.{m:02d}" for m in range(7, 13)] + [f"2026年{m}月" for m in range(1, 7)]
    path = write(tmp_path / "tx.csv", "account_id,month,revenue,gross_margin\n"
                 + "".join(f"K1,{m},10,1\n" for m in months))
    df = read_account_transactions(path)
    expected = [f"2025-{m:02d}" for m in range(7, 13)] + [f"2026-{m:02d}" for m in range(1, 7)]
    assert df["month"].tolist() == expected
    raw = pd.read_csv(path, dtype={"account_id": str, "month": str})
    card = key_account_card("K1", pd.DataFrame({"account_id": ["K1"]}), raw)
    assert card.monthly["month"].tolist() == expected


def test_transactions_from_excel_date_cells(tmp_path):
    path = tmp_path / "tx.xlsx"
    pd.DataFrame({"account_id": ["K1", "K1"],
                  "month": pd.to_datetime(["2026-05-31", "2026-06-30"]),
                  "revenue": [10, 20], "gross_margin": [1, 2]}).to_excel(path, index=False)
    assert read_account_transactions(path)["month"].tolist() == ["2026-05", "2026-06"]


def test_a_month_twice_is_refused_naming_the_account(tmp_path):
    path = write(tmp_path / "tx.csv", "account_id,month,revenue,gross_margin\n"
                 "K1,2026-05,1,1\nK1,2026/5,2,1\nK2,2026-05,3,1\n")
    with pytest.raises(InvalidDataError, match=r"\['K1 2026-05'\] appear more than once.*groupby"):
        read_account_transactions(path)


def test_unreadable_month_blank_and_negative_values(tmp_path):
    bad = write(tmp_path / "a.csv", "account_id,month,revenue,gross_margin\nK1,May,1,1\n")
    with pytest.raises(InvalidDataError, match=r"could not read \['May'\] \(account\(s\) \['K1'\]"):
        read_account_transactions(bad)
    blank = write(tmp_path / "b.csv", "account_id,month,revenue,gross_margin\nK1,2026-05,,1\n")
    with pytest.raises(InvalidDataError, match="revenue"):
        read_account_transactions(blank)
    negative = write(tmp_path / "c.csv", "account_id,month,revenue,gross_margin,orders\n"
                     "K1,2026-05,1,1,-2\n")
    with pytest.raises(InvalidDataError, match="orders"):
        read_account_transactions(negative)
    missing = write(tmp_path / "d.csv", "account_id,month,revenue\nK1,2026-05,1\n")
    with pytest.raises(MissingColumnsError, match="gross_margin"):
        read_account_transactions(missing)


def test_credit_records(tmp_path):
    path = write(tmp_path / "credit.csv", "客户编号,月份,信用限额,应收账款余额,逾期金额,逾期天数\n"
                 "K1,2026-06,\"1,000,000\",800000,0,0\n", encoding="gbk")
    mapping = {"客户编号": "account_id", "月份": "month", "信用限额": "credit_limit",
               "应收账款余额": "receivables", "逾期金额": "overdue", "逾期天数": "days_overdue"}
    df = read_account_credit(path, columns=mapping)
    assert df.iloc[0][["credit_limit", "receivables"]].tolist() == [1_000_000, 800_000]
    negative = write(tmp_path / "n.csv", "account_id,month,credit_limit,receivables,overdue,"
                     "days_overdue\nK1,2026-06,100,50,-5,0\n")
    with pytest.raises(InvalidDataError, match="overdue"):
        read_account_credit(negative)
    blank = write(tmp_path / "b.csv", "account_id,month,credit_limit,receivables,overdue,"
                  "days_overdue\nK1,2026-06,100,50,,0\n")
    with pytest.raises(InvalidDataError, match="overdue"):
        read_account_credit(blank)


def test_profiles_keep_their_columns_and_refuse_repeats(tmp_path):
    path = write(tmp_path / "p.csv", "account_id,name,phone,legal_representative,shareholders\n"
                 "K1,甲公司,021-12345678,张三,集团\n")
    df = read_account_profiles(path)
    assert df.iloc[0].tolist() == ["K1", "甲公司", "021-12345678", "张三", "集团"]
    twice = write(tmp_path / "t.csv", "account_id,name\nK1,a\nK1,b\n")
    with pytest.raises(InvalidDataError, match="K1"):
        read_account_profiles(twice)
    negative = write(tmp_path / "n.csv", "account_id,employees\nK1,-3\n")
    with pytest.raises(InvalidDataError, match="employees"):
        read_account_profiles(negative)


def test_profiles_cash_flow_from_a_chinese_export_or_absent(tmp_path):
    """经营现金流 and its aliases map to operating_cash_flow; it may be negative (also written
    in brackets), blank, or not there at all."""
    path = write(tmp_path / "概况.csv", "客户编号,客户名称,经营活动现金流量净额\n"
                 "K1,甲公司,\"-1,234,000\"\nK2,乙公司,(50000)\nK3,丙公司,\n", encoding="gbk")
    with pytest.raises(MissingColumnsError, match="'经营活动现金流量净额': 'operating_cash_flow'"):
        read_account_profiles(path)  # the message proposes the mapping to paste
    df = read_account_profiles(path, columns={"客户编号": "account_id", "客户名称": "name",
                                              "经营活动现金流量净额": "operating_cash_flow"})
    assert df.columns.tolist() == ["account_id", "name", "operating_cash_flow"]
    assert df["operating_cash_flow"].tolist()[:2] == [-1_234_000.0, -50_000.0]
    assert pd.isna(df["operating_cash_flow"].iloc[2])
    for header in ("经营现金流", "现金流", "cash_flow"):
        other = write(tmp_path / "o.csv", f"客户编号,{header}\nK1,10\n")
        with pytest.raises(MissingColumnsError, match=f"'{header}': 'operating_cash_flow'"):
            read_account_profiles(other)
    bad = write(tmp_path / "b.csv", "account_id,operating_cash_flow\nK1,很多\n")
    with pytest.raises(InvalidDataError, match="operating_cash_flow"):
        read_account_profiles(bad)
    # absent or blank: the card has no cash-flow row and the 6-month rule alone
    tx = pd.DataFrame({"account_id": "K3", "month": [f"2025-{m:02d}" for m in range(1, 13)],
                       "revenue": 100, "gross_margin": 15})
    credit = tx[["account_id", "month"]].assign(credit_limit=1000, receivables=500, overdue=100,
                                                 days_overdue=[0] * 9 + [90] * 3)
    card = key_account_card("K3", df, tx, credit)
    assert "operating_cash_flow" not in card.credit and "credit_losses" not in card.flagged
    neg = key_account_card("K3", df.assign(account_id=["x", "y", "K3"],
                                           operating_cash_flow=[0, 0, -1.0]), tx, credit)
    assert "credit_losses" in neg.flagged


def test_validate_dataframes():
    tx = pd.DataFrame({"account_id": [" K1"], "month": ["2026年6月"], "revenue": ["1,000"],
                       "gross_margin": [100]})
    out = validate_account_transactions(tx)
    assert out.iloc[0].tolist() == ["K1", "2026-06", 1000.0, 100.0]
    assert tx["month"].iloc[0] == "2026年6月"  # input unchanged
    credit = pd.DataFrame({"account_id": ["K1", "K1"], "month": ["2026-06", "2026-06"],
                           "credit_limit": 1, "receivables": 1, "overdue": 0, "days_overdue": 0})
    with pytest.raises(InvalidDataError, match="more than once"):
        validate_account_credit(credit)
    assert validate_account_profiles(pd.DataFrame({"account_id": ["K1"]})).shape == (1, 1)


def test_a_card_from_your_own_files_equals_the_bundled_card(tmp_path):
    names = ("account_profiles", "account_transactions", "account_credit")
    tables = {n: load_dataset(n) for n in names}
    one = {n: t[t["account_id"] == "C0580"] for n, t in tables.items()}
    paths = {}
    for n, t in one.items():
        paths[n] = tmp_path / f"{n}.csv"
        t.to_csv(paths[n], index=False, encoding="gbk")
    mine = key_account_card("C0580", read_account_profiles(paths["account_profiles"]),
                            read_account_transactions(paths["account_transactions"]),
                            read_account_credit(paths["account_credit"]))
    bundled = key_account_card("C0580", *tables.values())
    assert mine.summary == bundled.summary and mine.credit == bundled.credit
    assert mine.flagged == bundled.flagged
    assert mine.credit["operating_cash_flow"] == -7_260_000  # the bankrupt account
