"""Bundled datasets, and reading a user's own account export.

>>> df = load_dataset("customers")
>>> {"account_id", "revenue", "profit"} <= set(df.columns)
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from kamlab.exceptions import ParameterError

__all__ = ["load_dataset", "dataset_names", "dataset_dir"]


def dataset_dir() -> Path:
    """Folder holding the bundled CSV files: inside the installed wheel, or the checkout's datasets/."""
    packaged = resources.files("kamlab") / "_datasets"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "datasets"


def dataset_names() -> list[str]:
    """Names accepted by :func:`load_dataset`, sorted."""
    return sorted(p.stem for p in dataset_dir().glob("*.csv"))


@cache
def _read(name: str):
    import pandas as pd

    path = dataset_dir() / f"{name}.csv"
    return pd.read_csv(path, dtype={"account_id": str, "opportunity_id": str}, encoding="utf-8")


def load_dataset(name: str):
    """Load a bundled dataset as a new DataFrame (safe to modify).

    Parameters
    ----------
    name : str
        One of :func:`dataset_names`, e.g. ``"customers"``; its data card is
        ``datasets/<name>.md``.

    Raises
    ------
    ParameterError
        For an unknown name; the message lists the known ones.
    """
    names = dataset_names()
    if name not in names:
        raise ParameterError(
            f"No dataset named {name!r}. Known datasets: {', '.join(names)}. "
            "Use kamlab.dataset_names() to list them, or kamlab.read_accounts(path) for your own file.",
            name=name,
            known=names,
        )
    return _read(name).copy()
