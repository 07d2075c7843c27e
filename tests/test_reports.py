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
