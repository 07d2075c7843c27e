"""Tests for reading a user's own pipeline export: read_opportunities, read_stage_history,
their load_* / validate_* twins, and that module 3's analysis gives the same answers on a
round-tripped export (Chinese headers and stage names, GBK, Excel) as on the bundled data."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kamlab import opportunities as opps
from kamlab.data import (
    load_dataset,
    load_opportunities,
    load_stage_history,
    read_opportunities,
    read_stage_history,
    validate_opportunities,
    validate_stage_history,
)
from kamlab.exceptions import InvalidDataError, MissingColumnsError, ParameterError

ZH_STAGE = {"Identified": "识别", "Contacted": "接触", "Qualified": "确认", "Developed": "发展",
            "Committed": "合作", "Won": "赢单", "Lost": "丢单"}
ZH_HEADERS = {"opportunity_id": "机会编号", "account_id": "客户编号", "stage": "阶段",
              "value": "预计销售额", "decision_made": "采购决策已作出",
              "expected_close": "预计成交日期"}
AS_OF = "2026-06-30"


def write_csv(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture(scope="module")
def bundled():
    return load_dataset("opportunities")


@pytest.fixture(scope="module")
def history():
    return load_dataset("opportunity_stages")


@pytest.fixture
def chinese_export(tmp_path, bundled):
    """The bundled pipeline as a Chinese CRM would export it: GBK, 中文 headers and stages,
    是/否 flags, dates as 2026/6/30, values with thousands separators."""
    df = bundled.copy()
    df["stage"] = df["stage"].map(ZH_STAGE)
    for column in ("decision_made", "focus_product"):
        df[column] = np.where(df[column], "是", "否")
    df["expected_close"] = pd.to_datetime(df["expected_close"]).map(
        lambda d: f"{d.year}/{d.month}/{d.day}")
    df["value"] = df["value"].map(lambda v: f"{v:,.0f}")
    df["win_probability"] = df["win_probability"].map(lambda p: f"{p:.0%}")
    df = df.rename(columns=ZH_HEADERS)
    path = tmp_path / "商机导出.csv"
    df.to_csv(path, index=False, encoding="gbk")
    return path


def test_chinese_gbk_export_gives_the_same_screen_as_the_bundled_data(chinese_export, bundled):
    mine = read_opportunities(chinese_export, columns={v: k for k, v in ZH_HEADERS.items()})
    assert mine.attrs["encoding"] == "gbk"
    assert mine["stage"].tolist() == bundled["stage"].tolist()
    assert mine["decision_made"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(mine["expected_close"])
    # percentages were read as fractions (rounded to whole percent by the export)
    np.testing.assert_allclose(mine["win_probability"], bundled["win_probability"].round(2))
    mine["win_probability"] = bundled["win_probability"]  # undo the export's rounding
    ours = opps.screen_opportunities(mine, as_of=AS_OF)
    theirs = opps.screen_opportunities(bundled, as_of=AS_OF)
    for column in ("dropped", "drop_reason", "strategic_reasons", "band", "rank", "timing"):
        assert ours[column].tolist() == theirs[column].tolist(), column
    np.testing.assert_allclose(ours["screen_score"], theirs["screen_score"], equal_nan=True)
    pd.testing.assert_frame_equal(opps.weighted_pipeline(mine), opps.weighted_pipeline(bundled))


def test_excel_history_gives_the_same_conversion_as_the_bundled_data(tmp_path, history):
    df = history.copy()
    df["stage"] = df["stage"].map(ZH_STAGE)
    df["entered"] = pd.to_datetime(df["entered"])  # Excel date cells
    path = tmp_path / "阶段历史.xlsx"
    df.rename(columns={"opportunity_id": "机会编号", "stage": "阶段", "entered": "进入阶段日期"}
              ).to_excel(path, index=False)
    mine = read_stage_history(path, columns={"机会编号": "opportunity_id", "阶段": "stage",
                                             "进入阶段日期": "entered"})
    assert mine.attrs["sheet"] is not None
    pd.testing.assert_frame_equal(opps.conversion_rates(mine), opps.conversion_rates(history))
    pd.testing.assert_frame_equal(opps.stage_probabilities_from_history(mine),
                                  opps.stage_probabilities_from_history(history))


def test_load_takes_a_name_or_a_path(tmp_path):
    assert len(load_opportunities()) == 600
    assert len(load_stage_history("opportunity_stages")) == 1_704
    path = write_csv(tmp_path / "p.csv", "opportunity_id,stage,value\nP1,Won,10\n")
    assert load_opportunities(path)["stage"].tolist() == ["Won"]
    assert load_opportunities(str(path))["value"].tolist() == [10.0]


def test_load_refuses_file_options_for_a_bundled_name_and_unknown_names():
    with pytest.raises(ParameterError, match="bundled dataset"):
        load_opportunities("opportunities", columns={"a": "value"})
    with pytest.raises(ParameterError, match="neither a bundled dataset"):
        load_opportunities("oportunities")
    with pytest.raises(ParameterError, match="validate_opportunities"):
        load_opportunities(pd.DataFrame())


@pytest.mark.parametrize("text, expected", [
    ("Identified", "Identified"), ("identified", "Identified"), (" WON ", "Won"),
    ("识别", "Identified"), ("接触", "Contacted"), ("确认", "Qualified"), ("发展", "Developed"),
    ("合作", "Committed"), ("赢单", "Won"), ("成交", "Won"), ("丢单", "Lost"), ("输单", "Lost"),
])
def test_stage_names_in_english_or_chinese(tmp_path, text, expected):
    path = write_csv(tmp_path / "p.csv", f"opportunity_id,stage,value\nP1,{text},10\n")
    assert read_opportunities(path)["stage"].tolist() == [expected]


def test_unknown_stage_names_rows_and_the_stages_known(tmp_path):
    path = write_csv(tmp_path / "p.csv",
                     "opportunity_id,stage,value\nP1,Won,10\nP2,Negotiation,5\nP3,谈判,1\n")
    with pytest.raises(InvalidDataError) as err:
        read_opportunities(path)
    message = str(err.value)
    assert "spreadsheet row(s) [3, 4]" in message
    assert "'Negotiation'" in message and "识别" in message and "Committed" in message
    assert "replace(" in message
    assert err.value.rows == [3, 4] and err.value.column == "stage"


@pytest.mark.parametrize("cell, expected", [
    ("2026-06-30", "2026-06-30"), ("2026/6/30", "2026-06-30"), ("2026.6.30", "2026-06-30"),
    ("2026年6月30日", "2026-06-30"), ("２０２６-０６-３０", "2026-06-30"), ("", None),
])
def test_dates_are_read_year_first(tmp_path, cell, expected):
    path = write_csv(tmp_path / "p.csv",
                     f"opportunity_id,stage,value,expected_close\nP1,Won,10,{cell}\n")
    got = read_opportunities(path)["expected_close"].iloc[0]
    assert (pd.isna(got) if expected is None else got == pd.Timestamp(expected))


def test_unreadable_dates_name_rows_values_and_the_fix(tmp_path):
    path = write_csv(tmp_path / "p.csv", "opportunity_id,stage,value,expected_close\n"
                     "P1,Won,10,next spring\nP2,Won,10,30/06/2026\n")
    with pytest.raises(InvalidDataError) as err:
        read_opportunities(path)
    assert "'next spring'" in str(err.value) and "year first" in str(err.value)
    assert err.value.rows == [2, 3]


def test_excel_serial_dates_get_a_hint(tmp_path):
    path = tmp_path / "p.xlsx"
    pd.DataFrame({"opportunity_id": ["P1"], "stage": ["Won"], "value": [1.0],
                  "expected_close": [46203]}).to_excel(path, index=False)
    with pytest.raises(InvalidDataError, match="serial numbers"):
        read_opportunities(path)


def test_excel_date_cells_are_dates(tmp_path):
    path = tmp_path / "p.xlsx"
    pd.DataFrame({"opportunity_id": ["P1"], "stage": ["Won"], "value": [1.0],
                  "expected_close": [dt.date(2026, 9, 1)]}).to_excel(path, index=False)
    assert read_opportunities(path)["expected_close"].iloc[0] == pd.Timestamp("2026-09-01")


@pytest.mark.parametrize("cell, expected", [
    ("是", True), ("否", False), ("TRUE", True), ("false", False), ("yes", True), ("N", False),
    ("1", True), ("0", False), ("", False),
])
def test_flags(tmp_path, cell, expected):
    path = write_csv(tmp_path / "p.csv",
                     f"opportunity_id,stage,value,decision_made\nP1,Won,10,{cell}\n")
    assert read_opportunities(path)["decision_made"].tolist() == [expected]


def test_unreadable_flag_names_the_accepted_words(tmp_path):
    path = write_csv(tmp_path / "p.csv",
                     "opportunity_id,stage,value,decision_made\nP1,Won,10,maybe\n")
    with pytest.raises(InvalidDataError) as err:
        read_opportunities(path)
    assert "'maybe'" in str(err.value) and "是/否" in str(err.value) and err.value.rows == [2]


def test_missing_columns_suggest_the_mapping_for_known_chinese_headers(tmp_path):
    path = write_csv(tmp_path / "p.csv", "机会编号,阶段,预计销售额\nP1,赢单,10\n", "gbk")
    with pytest.raises(MissingColumnsError) as err:
        read_opportunities(path)
    message = str(err.value)
    assert "'opportunity_id', 'stage', 'value'" in message
    assert "'机会编号': 'opportunity_id'" in message and "read_opportunities(...)" in message


def test_blank_value_or_stage(tmp_path):
    path = write_csv(tmp_path / "p.csv", "opportunity_id,stage,value\nP1,Won,\nP2,Won,3\n")
    with pytest.raises(InvalidDataError, match=r"'value' is blank in spreadsheet row\(s\) \[2\]"):
        read_opportunities(path)
    path = write_csv(tmp_path / "q.csv", "opportunity_id,stage,value\nP1,,1\n")
    with pytest.raises(InvalidDataError, match="Every opportunity needs a stage"):
        read_opportunities(path)


def test_negative_value_and_percent_probability_out_of_range(tmp_path):
    path = write_csv(tmp_path / "p.csv", "opportunity_id,stage,value\nP1,Won,-10\n")
    with pytest.raises(InvalidDataError, match="at least 0"):
        read_opportunities(path)
    path = write_csv(tmp_path / "q.csv",
                     "opportunity_id,stage,value,win_probability\nP1,Won,10,40\n")
    with pytest.raises(InvalidDataError, match="look like percentages"):
        read_opportunities(path)


def test_repeated_opportunity_ids_are_refused_but_history_repeats_by_design(tmp_path):
    path = write_csv(tmp_path / "p.csv", "opportunity_id,stage,value\nP1,Won,10\nP1,Lost,5\n")
    with pytest.raises(InvalidDataError) as err:
        read_opportunities(path)
    assert "each opportunity must appear once" in str(err.value)
    assert err.value.duplicates == {"P1": [2, 3]}
    path = write_csv(tmp_path / "h.csv",
                     "opportunity_id,stage,entered\nP1,识别,2026-01-05\nP1,接触,2026-02-01\n")
    assert len(read_stage_history(path)) == 2


def test_history_needs_entry_dates(tmp_path):
    path = write_csv(tmp_path / "h.csv", "opportunity_id,stage,entered\nP1,识别,\n")
    with pytest.raises(InvalidDataError, match="date it entered the stage"):
        read_stage_history(path)


def test_validate_functions_check_dataframes_and_leave_them_unchanged():
    raw = pd.DataFrame({"opportunity_id": [" P1", "P2"], "stage": ["合作", "won"],
                        "value": ["¥1,000", 5], "decision_made": ["否", True]})
    before = raw.copy()
    out = validate_opportunities(raw)
    pd.testing.assert_frame_equal(raw, before)
    assert out["opportunity_id"].tolist() == ["P1", "P2"]
    assert out["stage"].tolist() == ["Committed", "Won"]
    assert out["decision_made"].tolist() == [False, True]
    with pytest.raises(InvalidDataError, match=r"row\(s\) with index label\(s\) \[1\]"):
        validate_opportunities(raw.assign(stage=["合作", "someday"]))
    with pytest.raises(ParameterError, match="read_stage_history"):
        validate_stage_history([1, 2])
    hist = validate_stage_history(pd.DataFrame({"opportunity_id": ["P1"], "stage": ["识别"],
                                                "entered": ["2026-01-05"]}))
    assert hist["entered"].iloc[0] == pd.Timestamp("2026-01-05")


def test_accounts_messages_are_unchanged_by_the_shared_reader(tmp_path):
    path = write_csv(tmp_path / "a.csv", "account_id,revenue\nA1,\n")
    with pytest.raises(InvalidDataError, match="Every account needs a revenue"):
        from kamlab.data import read_accounts

        read_accounts(path)
