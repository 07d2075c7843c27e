"""The built wheel carries the datasets: install it in a fresh venv and load them from there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CHECK_SCRIPT = """
import json, kamlab, kamlab.data
print(json.dumps({
    "file": kamlab.__file__,
    "dataset_dir": str(kamlab.data.dataset_dir()),
    "names": kamlab.dataset_names(),
    "rows": len(kamlab.load_dataset("customers")),
}))
"""


def _run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)
    assert result.returncode == 0, f"{args[:4]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_wheel_installs_and_loads_the_bundled_datasets(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INDEX="1")

    # 1. build the wheel from the checkout
    wheel_dir = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
          "-q", "-w", str(wheel_dir)], env=env)
    (wheel,) = wheel_dir.glob("kamlab-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        shipped = zf.read("kamlab/_datasets/customers.csv")
        names = set(zf.namelist())
    assert shipped == (ROOT / "datasets" / "customers.csv").read_bytes()
    assert {"kamlab/_datasets/customers.md", "kamlab/_datasets/telecom_segments.csv",
            "kamlab/_reports/account_card.ipynb", "kamlab/_reports/portfolio_review.ipynb"} <= names

    # 2. a fresh venv that sees this venv's packages (pip, pandas, ...) through a .pth file,
    #    but not the editable kamlab: a path line in a .pth is not scanned for further .pth files
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], env=env)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], env=env
    ).strip()
    Path(purelib, "_kamlab_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    # 3. install the wheel into it (--ignore-installed: never touch the outer venv's kamlab)
    _run([str(python), "-m", "pip", "install", "--no-deps", "--ignore-installed", "-q", str(wheel)],
         env=env)

    # 4. import from a directory outside the repository
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    info = json.loads(_run([str(python), "-c", CHECK_SCRIPT], cwd=elsewhere, env=env))
    assert Path(info["file"]).resolve().is_relative_to(venv.resolve()), info
    assert Path(info["dataset_dir"]).resolve().is_relative_to(venv.resolve()), info
    assert {"customers", "telecom_segments"} <= set(info["names"])
    assert info["rows"] == 3000
