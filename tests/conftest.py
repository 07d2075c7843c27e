"""Shared fixtures: a small, fully specified customer book that does not depend on datasets/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from kamlab.columns import SCORE_COLUMNS


@pytest.fixture
def small_book() -> pd.DataFrame:
    """200 accounts with every canonical column, seeded."""
    rng = np.random.default_rng(42)
    n = 200
    revenue = np.round(rng.lognormal(13, 1.4, n))
    margin = np.round(revenue * rng.uniform(0.08, 0.25, n))
    cost = np.round(20_000 + revenue * 0.05)
    wallet = np.round(revenue / rng.uniform(0.03, 0.9, n))
    book = pd.DataFrame({
        "account_id": [f"T{i:03d}" for i in range(n)],
        "name": [f"Account {i}" for i in range(n)],
        "revenue": revenue,
        "gross_margin": margin,
        "cost_to_serve": cost,
        "profit": margin - cost,
        "sales_hours": np.round(rng.uniform(5, 60, n), 1),
        "wallet": wallet,
        "share_of_wallet": np.round(revenue / wallet, 4),
    })
    for column in SCORE_COLUMNS:
        book[column] = rng.integers(1, 6, n)
    return book


@pytest.fixture(scope="session")
def customers() -> pd.DataFrame:
    """The bundled customer book (tests must not modify it)."""
    from kamlab import load_dataset

    return load_dataset("customers")


def _import_generator(file_name: str):
    """``datasets/<file_name>``, imported by path (datasets/ is a data folder, not a package)."""
    path = Path(__file__).resolve().parents[1] / "datasets" / file_name
    spec = importlib.util.spec_from_file_location(f"kamlab_datasets_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    # Keep datasets/ (shipped in the wheel) free of __pycache__.
    saved, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = saved
    return module


@pytest.fixture(scope="session")
def load_generator():
    """``load_generator("generate_manufacturer.py")``: a generator of datasets/, imported by path
    (a fresh module each call)."""
    return _import_generator


@pytest.fixture(scope="session")
def generator():
    """datasets/generate.py, imported by path."""
    return _import_generator("generate.py")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
