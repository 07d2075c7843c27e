"""`kamlab cards` and `kamlab portfolio`: messages, exit codes, no overwrite, zh/en.

The card is the fixture notebook tests/reports/fixture_card.ipynb (--notebook), so these
tests do not depend on the course's card; an id starting with BOOM fails in it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kamlab import batch, cli

CARD = str(Path(__file__).resolve().parent / "reports" / "fixture_card.ipynb")


@pytest.fixture(autouse=True)
def _profile(monkeypatch):
    monkeypatch.setenv("IPYTHONDIR", str(Path(__file__).resolve().parent / "ipython"))
    yield
    batch.close_kernels()


def cards(*args) -> list[str]:
    return ["cards", "--notebook", CARD, "--quiet", *args]


@pytest.mark.slow
def test_cards_reports_failures_and_exits_non_zero(tmp_path, capsys):
    out = tmp_path / "cards"
    code = cli.main(cards("T001", "BOOM2", "--out", str(out), "--workers", "2",
                          "--format", "both"))
    captured = capsys.readouterr()
    assert code == 1
    assert "1 of 2 reports made" in captured.out
    assert "BOOM2: ValueError: no transactions for account BOOM2" in captured.out
    assert "Traceback" not in captured.out + captured.err
    assert (out / "T001.html").exists() and (out / "T001.ipynb").exists()
    assert (out / "index.html").exists() and (out / "BOOM2.failed.ipynb").exists()

    # an existing card is not replaced: exit 2, the command's words, nothing run
    (out / "T001.html").write_text("mine", encoding="utf-8")
    code = cli.main(cards("T001", "--out", str(out)))
    err = capsys.readouterr().err
    assert code == 2 and "--force" in err and "force=True" not in err and "T001.html" in err
    assert (out / "T001.html").read_text(encoding="utf-8") == "mine"

    code = cli.main(cards("T001", "--out", str(out), "--force"))
    assert code == 0 and "1 of 1 reports made" in capsys.readouterr().out
    assert (out / "T001.html").read_text(encoding="utf-8") != "mine"


@pytest.mark.slow
def test_cards_in_chinese_from_an_accounts_file(tmp_path, capsys):
    listing = tmp_path / "accounts.txt"
    listing.write_text("T005\nT006\n", encoding="utf-8")
    code = cli.main(cards("--accounts", str(listing), "--out", str(tmp_path / "c"),
                          "--lang", "zh", "--workers", "1"))
    printed = capsys.readouterr().out
    assert code == 0 and "生成2份中的2份报告" in printed
    assert "销售额 — T006" in (tmp_path / "c" / "T006.html").read_text(encoding="utf-8")
    assert "核心客户管理卡" in (tmp_path / "c" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    ([], "say which accounts"),
    (["T1", "--top", "3"], "one of the three"),
    (["--top", "0"], "--top takes a whole number"),
    (["T1", "--workers", "0"], "--workers takes a whole number"),
    (["T1", "-p", "revenu", "5"], "Did you mean 'revenue'?"),
    (["T1", "-p", "revenue", "lots"], "parameter 'revenue' takes a number"),
    (["T1", "-y", "[1, 2]"], "-y takes a YAML mapping"),
    (["T1", "--timeout", "0"], "--timeout 600"),
    (["--accounts", "no_such_file.txt"], "no accounts file"),
])
def test_cards_usage_errors_are_one_message(tmp_path, capsys, args, message):
    code = cli.main(cards(*args, "--out", str(tmp_path / "o")))
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_cards_without_the_card_notebook(tmp_path, capsys):
    code = cli.main(["cards", "T1", "--notebook", str(tmp_path / "none.ipynb")])
    assert code == 2 and "no card notebook" in capsys.readouterr().err


def test_portfolio_usage_errors(tmp_path, capsys):
    code = cli.main(["portfolio", str(tmp_path / "missing.csv")])
    assert code == 2 and "no account book" in capsys.readouterr().err
    book = tmp_path / "book.csv"
    book.write_text("account_id,revenue\nA,1\n", encoding="utf-8")
    code = cli.main(["portfolio", str(book), "--out", str(tmp_path / "r.pdf")])
    assert code == 2 and "ending in .html" in capsys.readouterr().err


@pytest.mark.slow
def test_portfolio_review_of_a_trainees_own_export(tmp_path, capsys):
    """A GBK export with Chinese headers (read by read_accounts) → one offline HTML page."""
    from kamlab import load_dataset

    book = load_dataset("customers").head(300)
    book = book.rename(columns={"account_id": "客户编号", "revenue": "销售额"})
    export = tmp_path / "我的客户.csv"
    book.to_csv(export, index=False, encoding="gbk")
    out = tmp_path / "review.html"
    code = cli.main(["portfolio", str(export), "--out", str(out), "--lang", "zh",
                     "--map", "客户编号=account_id", "--map", "销售额=revenue"])
    assert code == 0 and f"written: {out}" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    for heading in ("客户组合评估", "集中度", "ABC分类", "客户组合矩阵", "前15大客户"):
        assert heading in page
    assert "我的客户.csv，共300个客户" in page and page.count("data:image/png;base64,") >= 2
    assert "report template" not in page  # the template's note is not part of the report
    assert not re.search(r"<script[^>]*\bsrc\s*=", page) and "import matplotlib" not in page
    code = cli.main(["portfolio", str(export), "--out", str(out), "--map", "客户编号=account_id",
                     "--map", "销售额=revenue"])
    assert code == 2 and "--force" in capsys.readouterr().err


@pytest.mark.slow
def test_portfolio_review_of_a_bad_book_says_why(tmp_path, capsys):
    export = tmp_path / "book.csv"
    export.write_text("account_id,amount\nA,1\n", encoding="utf-8")
    code = cli.main(["portfolio", str(export), "--out", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert code == 2 and "failed" in err and "revenue" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()
