"""The kamlab command: friendly errors, Excel output that never overwrites."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlab import cli


def _write_gbk(path):
    pd.DataFrame({"客户编号": ["001", "002", "003", "004", "005"],
                  "销售额": [500, 300, 100, 60, 40],
                  "利润贡献": [50, 20, -5, 3, -1]}).to_csv(path, index=False, encoding="gbk")


def test_segment_own_gbk_file(tmp_path, capsys):
    src = tmp_path / "客户.csv"
    _write_gbk(src)
    code = cli.main(["segment", str(src), "--map", "客户编号=account_id", "--map", "销售额=revenue",
                     "--map", "利润贡献=profit"])
    captured = capsys.readouterr()
    out = captured.out
    assert code == 0
    assert captured.err.startswith("read 5 accounts from 客户.csv (")  # progress on stderr
    xlsx = tmp_path / "客户_abc.xlsx"
    assert xlsx.exists() and str(xlsx) in out
    accounts = pd.read_excel(xlsx, sheet_name="accounts", dtype={"account_id": str})
    assert accounts["account_id"].tolist()[:2] == ["001", "002"]
    assert accounts["abc"].tolist() == ["A", "A", "B", "B", "C"]


def test_segment_refuses_to_overwrite(tmp_path, capsys):
    src = tmp_path / "c.csv"
    _write_gbk(src)
    out = tmp_path / "mine.xlsx"
    out.write_bytes(b"trainee work")
    code = cli.main(["segment", str(src), "--map", "客户编号=account_id", "--map", "销售额=revenue",
                     "--out", str(out)])
    assert code == 2 and out.read_bytes() == b"trainee work"
    assert "--force" in capsys.readouterr().err


def test_segment_missing_column_is_one_clear_line(tmp_path, capsys):
    src = tmp_path / "c.csv"
    _write_gbk(src)
    code = cli.main(["segment", str(src)])
    err = capsys.readouterr().err
    assert code == 2
    assert "account_id" in err and "客户编号" in err and "Traceback" not in err


def test_bad_map_syntax(tmp_path, capsys):
    src = tmp_path / "c.csv"
    _write_gbk(src)
    assert cli.main(["segment", str(src), "--map", "客户编号"]) == 2
    assert "HEADER=column" in capsys.readouterr().err


def test_datasets_and_exercises_listing(capsys):
    assert cli.main(["datasets"]) == 0
    assert "customers" in capsys.readouterr().out
    assert cli.main(["exercises"]) == 0
    assert "m1-top20" in capsys.readouterr().out


def test_console_script_is_declared():
    from pathlib import Path

    tomllib = pytest.importorskip("tomllib")

    meta = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert meta["project"]["scripts"]["kamlab"] == "kamlab.cli:main"


@pytest.mark.parametrize("argv", [["segment", "nope.csv", "--map", "a=account_id"]])
def test_missing_file(argv, capsys):
    assert cli.main(argv) == 2
    assert "nope.csv" in capsys.readouterr().err


# The command line's own words (issue 9, group 2)

def test_segment_messages_use_the_commands_words(tmp_path, capsys):
    src = tmp_path / "a.csv"
    src.write_text("客户编号,销售额\nA1,100\nA2,50\n", encoding="gbk")
    assert cli.main(["segment", str(src), "--sheet", "Sheet1"]) == 2
    assert "--sheet applies to Excel files only" in capsys.readouterr().err
    src.write_text("编号X,销售额\nA1,100\nA2,50\n", encoding="utf-8")
    assert cli.main(["segment", str(src)]) == 2
    err = capsys.readouterr().err
    assert "--map" in err and "columns=" not in err and "read_accounts(...)" not in err
    src.write_text("account_id,revenue\nA1,100\nA2,50\n", encoding="utf-8")
    assert cli.main(["segment", str(src)]) == 0
    capsys.readouterr()
    assert cli.main(["segment", str(src)]) == 2
    err = capsys.readouterr().err
    assert "add --force" in err and "overwrite=True" not in err


def test_suggested_mapping_is_a_map_option(tmp_path, capsys):
    src = tmp_path / "b.csv"
    src.write_text("客户编号,revenue\nA1,100\n", encoding="utf-8")
    assert cli.main(["segment", str(src)]) == 2
    assert "add --map 客户编号=account_id to the command" in capsys.readouterr().err


def test_python_callers_still_get_python_words(tmp_path):
    import pytest

    from kamlab.data import read_accounts
    from kamlab.exceptions import MissingColumnsError

    src = tmp_path / "b.csv"
    src.write_text("客户编号,revenue\nA1,100\n", encoding="utf-8")
    with pytest.raises(MissingColumnsError, match=r"paste columns=\{'客户编号': 'account_id'\}"):
        read_accounts(src)


def test_segment_unknown_value_column_names_the_option(tmp_path, capsys):
    src = tmp_path / "v.csv"
    src.write_text("account_id,revenue,profit\nA1,100,10\nA2,50,5\n", encoding="utf-8")
    assert cli.main(["segment", str(src), "--value", "proft"]) == 2
    err = capsys.readouterr().err
    assert "--value proft" in err and "Did you mean --value profit?" in err and "value=" not in err


@pytest.mark.parametrize("args, expect", [
    (["--cutoffs", "0.9,0.8"], "--cutoffs must increase, e.g. 0.8,0.95; got 0.9,0.8."),
    (["--cutoffs", "80,95"], "--cutoffs takes shares between 0 and 1, e.g. 0.8,0.95; got 80. "
                             "Did you mean 0.8?"),
    (["--value", "account_id"], "--value account_id: that column holds text (e.g. 'A'), not "
                                "amounts; choose a column of numbers: revenue."),
])
def test_segment_option_errors_speak_the_commands_words(tmp_path, capsys, args, expect):
    src = tmp_path / "book.csv"
    src.write_text("account_id,revenue\nA,10\nB,5\nC,0\n", encoding="utf-8")
    code = cli.main(["segment", str(src), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert expect in err and "(0.8, 0.95)" not in err and "value=" not in err
    assert err.count("\n") <= 2  # the progress line at most, then the one message
    assert not (tmp_path / "book_abc.xlsx").exists()


def test_segment_negative_total_points_to_value_option(tmp_path, capsys):
    src = tmp_path / "book.csv"
    src.write_text("account_id,revenue\nA,10\nB,5\nC,-20\n", encoding="utf-8")
    assert cli.main(["segment", str(src)]) == 2
    err = capsys.readouterr().err
    assert "adds up to -5.00" in err and "choose another column with --value" in err
