"""Chinese in what notebooks print and show: kamlab.say / phrase, and values in readable()."""

from __future__ import annotations

import pandas as pd
import pytest

import kamlab
from kamlab import i18n
from kamlab.i18n import phrase, say, value_text
from kamlab.phrases import table
from kamlab.tables import readable


@pytest.fixture
def phrases(monkeypatch):
    """A known phrase table for the test (the real one grows with the notebooks)."""
    known = {"Top {share:.0%} of accounts": "前{share:.0%}的客户", "Top 4%": "前4%",
             "Loss-makers": "亏损客户"}
    monkeypatch.setattr("kamlab.phrases.table", lambda: known)
    return known


def test_say_prints_the_template_in_english_and_its_entry_in_chinese(phrases, capsys):
    try:
        kamlab.set_language("en")
        say("Top {share:.0%} of accounts", share=0.034)
        kamlab.set_language("zh")
        say("Top {share:.0%} of accounts", share=0.034)
        say("Not in the table: {n}", n=3)  # no entry: English rather than nothing
    finally:
        kamlab.set_language("en")
    assert capsys.readouterr().out.splitlines() == [
        "Top 3% of accounts", "前3%的客户", "Not in the table: 3"]


def test_phrase_takes_an_explicit_language_and_no_values(phrases):
    assert phrase("Top 4%", "zh") == "前4%"
    assert phrase("Top 4%", "en") == "Top 4%"
    assert phrase("{literal}", "en") == "{literal}"  # no values: the template as it is
    assert kamlab.phrase is phrase and kamlab.say is say


def test_value_text_prefers_the_column_family_then_a_unique_code_then_phrases(phrases):
    assert value_text("Won", "stage", "zh") == "赢单"
    assert value_text("A", "abc", "zh") == "A类"
    assert value_text("Qualified", None, "zh") == "确认"  # one meaning in every family
    # "transactional" is a quadrant and a relationship type with different Chinese labels:
    assert value_text("transactional", "quadrant", "zh") == "交易型"
    assert value_text("transactional", "relationship_type", "zh") == "交易关系"
    assert value_text("transactional", None, "zh") == "transactional"  # ambiguous: unchanged
    assert value_text("Loss-makers", "segment", "zh") == "亏损客户"
    assert value_text("Acme Chemicals", "name", "zh") == "Acme Chemicals"
    assert value_text("Won", "stage", "en") == "Won"
    assert value_text(4.5, "stage", "zh") == 4.5


def test_readable_shows_values_and_index_in_chinese(phrases):
    df = pd.DataFrame({"stage": ["Won", "Lost"], "revenue": [1_000_000.0, 2.0],
                       "name": ["Acme", "Won"]},
                      index=pd.Index(["Top 4%", "Other"], name="abc"))
    zh = readable(df, lang="zh")
    assert zh["阶段" if "阶段" in zh.columns else zh.columns[0]].tolist() == ["赢单", "丢单"]
    assert zh.index.tolist() == ["前4%", "Other"]
    assert zh.index.name == i18n.column_label("abc", "zh")
    # English keeps codes and headers as they are, so they can be copied into code
    en = readable(df, lang="en")
    assert en["stage"].tolist() == ["Won", "Lost"] and en.index.tolist() == ["Top 4%", "Other"]
    assert df["stage"].tolist() == ["Won", "Lost"]  # the caller's table is not changed


def test_readable_translates_categorical_columns(phrases):
    df = pd.DataFrame({"abc": pd.Categorical(["A", "B", "C"])})
    assert readable(df, lang="zh").iloc[:, 0].tolist() == ["A类", "B类", "C类"]


def test_real_phrase_table_loads_and_is_consistent():
    merged = table()
    assert isinstance(merged, dict)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in merged.items())


def test_result_headers_and_dataset_values_in_chinese():
    from kamlab.tables import header

    assert header("time_share", "zh") == "时间占比"  # a label, not "time %"
    assert header("top_20%", "zh") == "前20%"
    assert header("drop_reason", "zh") == "剔除原因"
    # a dashboard's table (format_table) reads as words; readable() keeps the code names
    assert header("drop_reason", "en") == "Drop reason" and header("lever", "en") == "Lever"
    assert list(readable(pd.DataFrame({"drop_reason": ["x"]}), lang="en")) == ["drop_reason"]
    assert header("revenue", "zh") == "销售额"
    book = kamlab.load_dataset("customers").head(20)
    zh = readable(book[["industry", "region"]], lang="zh")
    assert set(zh.iloc[:, 0]) <= {"塑料", "建筑", "个人护理", "涂料", "纺织", "电子", "制药", "农用化学品"}
    assert set(zh.iloc[:, 1]) <= {"华东", "华中", "西南", "华北", "西北", "东北", "华南"}


def test_card_text_follows_the_session_language():
    from kamlab.card import checklist_table

    try:
        kamlab.set_language("zh")
        zh = checklist_table("practices")
    finally:
        kamlab.set_language("en")
    en = checklist_table("practices")
    assert zh.to_string() != en.to_string()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.to_string())


def test_numbers_shown_as_text_are_never_taken_for_codes():
    df = pd.DataFrame({"year": [2029], "revenue": [0.0], "strength": ["0"]})
    zh = readable(df, lang="zh")
    assert zh.iloc[0, 1] == "0"  # a zero amount is "0", not the label of code "0"
    assert value_text("0", None, "zh") == "0"


def test_grades_and_flags_in_chinese():
    df = pd.DataFrame({"grade": ["A", "C+"], "payroll": [True, False]})
    zh = readable(df, lang="zh")
    assert zh.iloc[:, 0].tolist() == ["A级", "C+级"]
    assert zh.iloc[:, 1].tolist() == ["是", "否"]
    assert readable(df, lang="en")["payroll"].tolist() == [True, False]


def test_business_units_are_drawn_in_chinese():
    import matplotlib

    matplotlib.use("Agg")
    from kamlab import plotting
    from kamlab.opportunities import value_creation

    units = ["Coatings & Resins", "Electronic Materials", "Pharma Intermediates",
             "Plastics Additives", "Textile Chemicals"]
    table = value_creation(kamlab.load_dataset("opportunities"), market_share=dict.fromkeys(units, 0.1))
    ticks = [t.get_text() for t in plotting.plot_value_creation(table, lang="zh").get_yticklabels()]
    assert "涂料与树脂" in ticks and not any("Coatings" in t for t in ticks)
    matplotlib.pyplot.close("all")
