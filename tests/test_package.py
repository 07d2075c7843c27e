"""Package-level promises: cheap import, lazy names, i18n, columns registry, errors."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import kamlab
from kamlab import i18n
from kamlab.columns import COLUMNS, REQUIRED, describe
from kamlab.exceptions import InvalidDataError, KamlabError, MissingColumnsError, ParameterError


def test_import_kamlab_loads_no_heavy_library():
    code = ("import sys, kamlab; heavy = [m for m in ('pandas', 'matplotlib', 'ipywidgets', "
            "'papermill') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_resolve():
    for name in ("load_dataset", "dataset_names", "read_accounts", "check", "exercise_ids",
                 "InvalidDataError", "checks", "concentration", "exercises", "segmentation",
                 "scoring"):
        assert getattr(kamlab, name) is not None
    with pytest.raises(AttributeError):
        kamlab.no_such_name  # noqa: B018


def test_error_family():
    assert issubclass(InvalidDataError, ValueError) and issubclass(InvalidDataError, KamlabError)
    assert issubclass(MissingColumnsError, KeyError) and issubclass(MissingColumnsError, InvalidDataError)
    err = MissingColumnsError("needs 'revenue'", missing=["revenue"], available=["sales"])
    assert str(err) == "needs 'revenue'"  # not quoted like a plain KeyError
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is MissingColumnsError and back.missing == ["revenue"] and str(back) == str(err)


def test_languages():
    assert i18n.t("revenue", "zh") == "销售额" and i18n.t("revenue", "en") == "Revenue"
    with pytest.raises(ParameterError, match="'en' or 'zh'"):
        i18n.t("revenue", "fr")
    previous = i18n.get_language()
    try:
        assert i18n.set_language("中文") == "zh" and i18n.t("profit") == "利润贡献"
    finally:
        i18n.set_language(previous)
    assert i18n.t("no.such.key") == "no.such.key"


def test_every_label_has_both_languages_and_matching_placeholders():
    import string

    for key, (en, zh) in i18n.LABELS.items():
        assert en and zh, key
        fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert fields(en) == fields(zh), key


def test_columns_registry():
    assert set(REQUIRED) == {"account_id", "revenue"}
    for c in COLUMNS.values():
        assert c.en and c.zh and c.kind in {"id", "text", "money", "share", "score", "hours", "years", "count", "date", "flag"}
    table = describe()
    assert len(table) == len(COLUMNS) and "中文" in table.columns
    assert i18n.column_label("wallet", "zh") == "年采购潜力"
    assert i18n.column_label("bargaining_position", "zh") == i18n.full_width(COLUMNS["bargaining_position"].zh)


def test_readable_formats_and_translates():
    import pandas as pd

    from kamlab.tables import readable

    df = pd.DataFrame({"tier": ["A", "B"], "revenue": [1234567.0, 89.4],
                       "revenue_share": [0.8031, 0.1969], "top_3%": [0.5, 0.5]})
    shown = readable(df, lang="en")
    assert shown["revenue"].tolist() == ["1,234,567", "89"]
    assert shown["revenue_share"].tolist() == ["80.3%", "19.7%"]
    assert shown["top_3%"].tolist() == ["50.0%", "50.0%"]
    assert list(shown.columns) == list(df.columns)  # English keeps code names
    zh = readable(df, lang="zh")
    assert list(zh.columns)[:2] == ["级别", "销售额"]
    assert df["revenue"].tolist() == [1234567.0, 89.4]  # input unchanged


def test_readable_headers_follow_what_the_column_means():
    """`value` is the opportunity's expected revenue, except beside a `unit` column (a table
    of contract terms), where it is the term's quantity; the plan's yearly contacts and the
    buying centre's people have different headers."""
    import pandas as pd

    from kamlab import load_dataset
    from kamlab.planning import account_plan
    from kamlab.tables import readable

    terms = readable(load_dataset("contract_terms"), lang="zh")
    assert list(terms.columns)[:3] == ["合同条款", "数值", "单位"]
    deals = readable(pd.DataFrame({"opportunity_id": ["P1"], "value": [10.0]}), lang="zh")
    assert list(deals.columns) == ["机会编号", "预计年销售额"]
    plan = readable(account_plan(pd.DataFrame({"abc": ["A", "C"], "revenue": [9.0, 1.0]}),
                                 allocation={"A": 0.9, "C": 0.1}), lang="zh")
    assert "联系总次数" in plan.columns and "联系人数" not in plan.columns
    assert readable(pd.DataFrame({"contacts": [3]}), lang="zh").columns.tolist() == ["联系人数"]
