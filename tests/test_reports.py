"""run_notebook: parameters checked, no overwrite, and the CLI around it."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kamlab import cli
from kamlab.exceptions import KamlabError, ParameterError
from kamlab.reports import notebook_parameters, run_notebook


@pytest.fixture
def tiny_notebook(tmp_path):
    params = new_code_cell('lang = "en"\nthreshold = 0.8')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, new_code_cell("print(lang, threshold * 2)")],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


def test_notebook_parameters(tiny_notebook):
    assert notebook_parameters(tiny_notebook) == {"lang": '"en"', "threshold": "0.8"}


def test_misspelled_parameter_is_refused_with_suggestion(tiny_notebook, tmp_path):
    with pytest.raises(ParameterError) as err:
        run_notebook(tiny_notebook, tmp_path / "out.ipynb", parameters={"treshold": 0.5})
    assert "'treshold'" in str(err.value) and "Did you mean 'threshold'?" in str(err.value)
    assert not (tmp_path / "out.ipynb").exists()


def test_existing_output_is_not_replaced(tiny_notebook, tmp_path):
    out = tmp_path / "out.ipynb"
    out.write_text("my report")
    with pytest.raises(KamlabError, match="overwrite=True"):
        run_notebook(tiny_notebook, out)
    assert out.read_text() == "my report"


@pytest.mark.slow
def test_run_notebook_injects_parameters(tiny_notebook, tmp_path):
    out = run_notebook(tiny_notebook, tmp_path / "reports" / "out.ipynb",
                       parameters={"lang": "zh", "threshold": 0.25}, timeout=120)
    nb = nbformat.read(out, as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "zh 0.5" in printed


def test_cli_run_reports_bad_parameter_without_traceback(tiny_notebook, tmp_path, capsys):
    code = cli.main(["run", str(tiny_notebook), str(tmp_path / "o.ipynb"), "-p", "langg", "zh"])
    err = capsys.readouterr().err
    assert code == 2 and "Did you mean 'lang'?" in err and "Traceback" not in err


def test_relative_file_parameters_become_absolute(tmp_path, monkeypatch):
    from kamlab.reports import _absolute_if_file

    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.csv").write_text("a\n1\n")
    assert _absolute_if_file("mine.csv") == str(tmp_path / "mine.csv")
    assert _absolute_if_file("customers") == "customers"  # a bundled dataset name
    assert _absolute_if_file("missing.csv") == "missing.csv"  # left for the notebook to report
    assert _absolute_if_file(0.8) == 0.8


@pytest.mark.slow
def test_run_finds_a_file_relative_to_the_caller(tmp_path, monkeypatch):
    params = new_code_cell('path = "none"')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, new_code_cell("print(open(path).read())")],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    (tmp_path / "nb").mkdir()
    nbformat.write(nb, tmp_path / "nb" / "n.ipynb")
    (tmp_path / "data.txt").write_text("found it")
    monkeypatch.chdir(tmp_path)
    out = run_notebook(tmp_path / "nb" / "n.ipynb", tmp_path / "out.ipynb",
                       parameters={"path": "data.txt"}, timeout=120)
    printed = "".join(o.get("text", "") for c in nbformat.read(out, as_version=4).cells
                      for o in c.get("outputs", []))
    assert "found it" in printed


# ---------------------------------------------------------------------------------------
# Parameters are values, never source (issue 9, group 1)
# ---------------------------------------------------------------------------------------

HOSTILE = [
    '"); import os; open("PWNED", "w") #',
    "x'''\nimport os\nopen('PWNED', 'w')\n'''",
    '\\"); open("PWNED", "w") #',
    "中文\"\nopen('PWNED', 'w')\n#",
]


@pytest.fixture
def typed_notebook(tmp_path):
    params = new_code_cell('lang = "en"\ntop = 10\nrate = 0.1\nas_of = "2026-01-01"\n'
                           'columns = None\nflag = False')
    params.metadata["tags"] = ["parameters"]
    body = new_code_cell("print(repr((lang, top, rate, as_of, columns, flag)))")
    nb = new_notebook(cells=[params, body],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    path = tmp_path / "typed.ipynb"
    nbformat.write(nb, path)
    return path


def _injected(out) -> dict:
    """The executed notebook's injected-parameters cell, evaluated as literals only."""
    import ast

    cell = next(c for c in nbformat.read(out, as_version=4).cells
                if "injected-parameters" in c.metadata.get("tags", []))
    tree = ast.parse(cell.source)
    assert all(isinstance(node, ast.Assign) for node in tree.body), cell.source  # no statements
    return {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}


@pytest.mark.slow
def test_hostile_values_end_up_as_inert_data(typed_notebook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.ipynb"
    code = cli.main(["run", str(typed_notebook), str(out), "--timeout", "120",
                     "-p", "lang", HOSTILE[0], "-p", "as_of", "2026-07-15", "-p", "top", "010",
                     "-y", "{columns: {'客户编号': account_id, 'x\"); open(1) #': [1, '2']}}"])
    assert code == 0
    values = _injected(out)
    assert values["lang"] == HOSTILE[0]
    assert values["as_of"] == "2026-07-15" and values["top"] == 10
    assert values["columns"] == {"客户编号": "account_id", 'x"); open(1) #': [1, "2"]}
    assert not (tmp_path / "PWNED").exists()
    for text in HOSTILE[1:]:
        out = run_notebook(typed_notebook, tmp_path / "o.ipynb", parameters={"lang": text},
                           timeout=120, overwrite=True)
        assert _injected(out)["lang"] == text
    assert not any(tmp_path.glob("PWNED")) and not any(typed_notebook.parent.glob("PWNED"))


@pytest.mark.parametrize("args,message", [
    (["-p", "top", "ten"], "parameter 'top' takes a whole number"),
    (["-p", "flag", "maybe"], "parameter 'flag' takes true or false"),
    (["-p", "columns", '!!omap [{"a\\"); import os #": 1}]'], "a tuple is not a parameter value"),
    (["-p", "columns", "!!set {a: null}"], "a set is not a parameter value"),
    (["-p", "columns", "!!python/object/apply:os.system ['touch PWNED']"], "cannot read"),
    (["-y", "lang: !!python/object/apply:os.system ['touch PWNED']"], "cannot read"),
    (["-y", "{lang: !!binary aGk=}"], "a bytes is not a parameter value"),
    (["-y", "[1, 2]"], "-y takes a YAML mapping"),
    (["--timeout", "0"], "timeout is the most seconds"),
    (["--timeout", "-5"], "above 0"),
])
def test_cli_refuses_unsafe_or_mistyped_values_in_one_line(typed_notebook, tmp_path, capsys,
                                                           monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "never.ipynb"
    code = cli.main(["run", str(typed_notebook), str(out), *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists() and not (tmp_path / "PWNED").exists()


def test_run_notebook_refuses_non_plain_python_values(typed_notebook, tmp_path):
    for bad in [("a",), {"a"}, b"x", object()]:
        with pytest.raises(ParameterError, match="parameter 'columns'"):
            run_notebook(typed_notebook, tmp_path / "o.ipynb", parameters={"columns": bad})
    with pytest.raises(ParameterError, match="takes text"):
        run_notebook(typed_notebook, tmp_path / "o.ipynb", parameters={"lang": 3})
    with pytest.raises(ParameterError, match="above 0"):
        run_notebook(typed_notebook, tmp_path / "o.ipynb", timeout=0)
    assert not (tmp_path / "o.ipynb").exists()


def test_cli_parameters_file(typed_notebook, tmp_path, capsys):
    f = tmp_path / "p.yaml"
    f.write_text("lang: !!python/name:os.system\n", encoding="utf-8")
    code = cli.main(["run", str(typed_notebook), str(tmp_path / "o.ipynb"), "-f", str(f)])
    assert code == 2 and "cannot read" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------
# `kamlab run` speaks one clear line (issue 9, group 2)
# ---------------------------------------------------------------------------------------

def _notebook(tmp_path, *sources, name="nb.ipynb"):
    params = new_code_cell('lang = "en"')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, *(new_code_cell(s) for s in sources)],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_a_failing_cell_is_one_line_and_keeps_the_partial_output(tmp_path, capsys):
    nb = _notebook(tmp_path, "x = 1\nprint('before')", "# load the book\ntotal = 1 / 0", "print('never')")
    out = tmp_path / "report.ipynb"
    code = cli.main(["run", str(nb), str(out), "--timeout", "60"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "stopped at cell In [3]" in err and "'# load the book'" in err
    assert "ZeroDivisionError: division by zero" in err
    partial = tmp_path / "report.failed.ipynb"
    assert str(partial) in err and partial.exists() and not out.exists()
    printed = "".join(o.get("text", "") for c in nbformat.read(partial, as_version=4).cells
                      for o in c.get("outputs", []))
    assert "before" in printed and "never" not in printed
    # fixed notebook, same command, no --force needed; the stale partial output is removed
    nb = _notebook(tmp_path, "print('fixed')")
    assert cli.main(["run", str(nb), str(out), "--timeout", "60"]) == 0
    assert out.exists() and not partial.exists()
    assert not list(tmp_path.glob(".*running*"))


@pytest.mark.slow
def test_a_cell_over_the_timeout_is_one_line(tmp_path, capsys):
    nb = _notebook(tmp_path, "import time\ntime.sleep(30)")
    code = cli.main(["run", str(nb), str(tmp_path / "o.ipynb"), "--timeout", "1"])
    err = capsys.readouterr().err
    assert code == 2 and "timeout" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "o.ipynb").exists()


@pytest.mark.parametrize("make,output,message", [
    (lambda p: p / "missing.ipynb", "o.ipynb", "no notebook at"),
    (lambda p: p, "o.ipynb", "(that is a folder)"),
    (lambda p: (p / "bad.ipynb").write_text("not json") and p / "bad.ipynb", "o.ipynb",
     "is not a Jupyter notebook"),
    (None, "out", "is a folder"),
    (None, "o.html", "must be a notebook ending in .ipynb"),
    (None, "o.txt", "must be a notebook ending in .ipynb"),
])
def test_bad_paths_are_one_line_each(tmp_path, capsys, make, output, message):
    nb = make(tmp_path) if make else _notebook(tmp_path)
    (tmp_path / "out").mkdir()
    code = cli.main(["run", str(nb), str(tmp_path / output)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_segment_refuses_to_write_over_its_input(tmp_path, capsys):
    import pandas as pd

    book = tmp_path / "book.xlsx"
    with pd.ExcelWriter(book) as xl:
        pd.DataFrame({"account_id": ["A", "B"], "revenue": [10, 5]}).to_excel(xl, sheet_name="data", index=False)
        pd.DataFrame({"note": ["keep me"]}).to_excel(xl, sheet_name="notes", index=False)
    before = book.read_bytes()
    code = cli.main(["segment", str(book), "--out", str(book), "--force"])
    err = capsys.readouterr().err
    assert code == 2 and "is the input file itself" in err
    assert book.read_bytes() == before
