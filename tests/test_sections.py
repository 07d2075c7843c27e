"""Partial data in notebooks (kamlab.sections): a section that lacks a column says so in one
line — what it needs, what the file lacks, how to add or map it — and is skipped."""

from __future__ import annotations

import pandas as pd
import pytest

import kamlab
from kamlab.scoring import DEFAULT_WEIGHTS
from kamlab.sections import columns_in, has_columns, skip_message


@pytest.fixture
def minimal():
    book = pd.DataFrame({"account_id": ["K1", "K2"], "revenue": [100.0, 50.0]})
    book.attrs["source"] = "my_customers.csv"
    return book


def test_a_complete_table_prints_nothing(small_book, capsys):
    assert has_columns(small_book, "wallet", section="4. Potential × share of wallet")
    assert has_columns(small_book, DEFAULT_WEIGHTS, section="8. Weighted scoring")
    assert capsys.readouterr().out == ""


def test_a_missing_column_is_one_line_naming_section_column_and_fix(minimal, capsys):
    assert not has_columns(minimal, "wallet", section="4. Potential × share of wallet")
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith("Skipped 4. Potential × share of wallet: it needs wallet (Annual potential)")
    assert "my_customers.csv" in out  # which file lacks it
    assert "Add it to the file" in out and "columns={'your header': 'wallet'}" in out


def test_only_the_lacking_columns_are_listed_as_lacking(minimal):
    line = skip_message(minimal, "revenue", "profit", section="9. Time follows the tiers")
    assert "it needs revenue, profit;" in line
    assert "lacks profit (Profit contribution)." in line and "revenue (" not in line


def test_lists_and_dict_keys_give_the_column_names(minimal):
    line = skip_message(minimal, DEFAULT_WEIGHTS, section="8. Weighted scoring")
    assert all(name in line for name in DEFAULT_WEIGHTS) and "Add them" in line


def test_a_near_miss_header_is_suggested_as_the_mapping(minimal):
    book = minimal.assign(**{"Wallet CNY": [1.0, 2.0], "Sales hours": [3.0, 4.0]})
    line = skip_message(book, "wallet", "sales_hours", section="x")
    assert "columns={'Wallet CNY': 'wallet', 'Sales hours': 'sales_hours'}" in line


def test_the_mapping_parameter_can_be_named(minimal):
    line = skip_message(minimal, "stage_entered", section="Stalled deals",
                        parameter="opportunity_columns")
    assert "opportunity_columns={'your header': 'stage_entered'}" in line


def test_the_line_in_chinese(minimal):
    line = skip_message(minimal, "wallet", section="4. 潜力 × 占用率", lang="zh")
    assert line.startswith("已跳过「4. 潜力 × 占用率」") and "wallet(年采购潜力)" in line
    assert "my_customers.csv" in line and "columns={'您的表头': 'wallet'}" in line
    kamlab.set_language("zh")
    try:
        assert skip_message(minimal, "wallet", section="4").startswith("已跳过")
    finally:
        kamlab.set_language("en")


def test_columns_in_keeps_the_order_given_and_drops_the_absent(minimal):
    assert columns_in(minimal, "revenue", "profit", "account_id") == ["revenue", "account_id"]
    assert columns_in(minimal, ["profit"]) == []


def test_has_columns_is_exported_at_the_top():
    assert kamlab.has_columns is has_columns
