"""Writing results back to Excel: one table, or several as sheets, in a formatted .xlsx.

Every module's results (ABC tiers, scores, the pipeline, proposal economics) end in a
workbook a trainee can take to the account team; bold frozen headers, fitted widths and
``0.0%`` / ``#,##0`` formats, with the numbers kept as numbers.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
import unicodedata
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path

from kamlab._voice import say
from kamlab._xlsx import Sheet, write_workbook
from kamlab.exceptions import KamlabError, NoSuchFileError, OutputExistsError, ParameterError
from kamlab.tables import header, money_columns, share_columns

__all__ = ["export_excel"]

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: Characters an .xlsx cannot hold (XML 1.0): C0 controls other than tab, newline, return.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Excel's sheet size: 1,048,576 rows (one is the header) × 16,384 columns.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384
#: From this many rows in all, writing shows a progress bar (about two seconds of work).
PROGRESS_ROWS = 200_000


def export_excel(tables, path, *, overwrite: bool = False, lang=None) -> Path:
    """Write one table, or several as sheets, to a formatted .xlsx file.

    Each sheet gets a bold, frozen header row and column widths that fit the contents
    (Chinese characters count double). Share columns (kind ``share`` or names ending in
    ``share``) show as ``0.0%``; money columns (``revenue``, ``profit`` …) as ``#,##0``.
    The numbers stay numbers, so Excel can still compute with them.

    Text from a CRM export cannot break or attack the workbook: a cell starting with
    ``=``, ``+``, ``-`` or ``@`` is written as text (never a live formula), and control
    characters an .xlsx cannot hold are removed.

    Parameters
    ----------
    tables : DataFrame or dict of {str: DataFrame}
        One table (sheet "Sheet1") or sheet name -> table, in sheet order. Names are made
        valid for Excel: at most 31 characters, none of ``[]:*?/\\``, unique.
        A meaningful index (named, or of labels) is written as columns; an unnamed number
        index (0..n-1, or row numbers left by sorting or filtering) is not.
    path : str or Path
        The ``.xlsx`` file to write; its folder must exist.
    overwrite : bool, default False
        Replace ``path`` if it exists. By default an existing file is never touched.
    lang : ``"en"`` or ``"zh"``; default the session language. In Chinese the headers are
        translated (``revenue`` → 销售额); in English they keep their code names.

    Returns
    -------
    Path
        ``path``. The file is written under a temporary name in the same folder and moved
        into place when complete, so a failure never leaves a half-written file at ``path``.

    Raises
    ------
    OutputExistsError
        ``path`` exists and ``overwrite`` is False (also a ``FileExistsError``).
    NoSuchFileError
        The folder of ``path`` does not exist.
    ParameterError
        ``path`` does not end in .xlsx, ``tables`` is not a DataFrame / dict of them, or a
        table has more rows or columns than an Excel sheet holds.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import pandas as pd
    >>> folder = tempfile.TemporaryDirectory()
    >>> summary = pd.DataFrame({"tier": ["A", "B"], "revenue": [8e6, 2e6], "revenue_share": [0.8, 0.2]})
    >>> export_excel({"ABC 分级": summary}, pathlib.Path(folder.name) / "abc.xlsx").name
    'abc.xlsx'
    >>> folder.cleanup()
    """
    import pandas as pd

    path = Path(path)
    label = f"export_excel(..., {str(path)!r})"
    if isinstance(tables, pd.DataFrame):
        tables = {"Sheet1": tables}
    if not isinstance(tables, Mapping) or not tables:
        raise ParameterError(
            f"{label}: tables must be a DataFrame or a non-empty dict {{sheet name: DataFrame}}; "
            f"got {type(tables).__name__}{' (empty)' if isinstance(tables, Mapping) else ''}.",
            got=type(tables).__name__)
    for key, table in tables.items():
        if not isinstance(table, pd.DataFrame):
            hint = " Use series.to_frame() or series.reset_index()." if isinstance(table, pd.Series) else ""
            raise ParameterError(f"{label}: sheet {key!r} must be a DataFrame; got "
                                 f"{type(table).__name__}.{hint}", got=type(table).__name__)
    if path.suffix.lower() != ".xlsx":
        raise ParameterError(f"{label}: the file name must end in .xlsx; got "
                             f"{path.suffix or 'no extension'!r}. E.g. {path.stem + '.xlsx'!r}.",
                             path=str(path))
    if path.is_dir():
        raise ParameterError(f"{label}: {str(path)!r} is a folder; give a file name inside it, "
                             "e.g. 'results.xlsx'.", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise NoSuchFileError(
            f"{label}: the folder {str(folder)!r} does not exist. Fix: create it first "
            f"(Path({str(folder)!r}).mkdir(parents=True)) or choose another folder.",
            path=str(path), source=path.name)
    if path.exists() and not overwrite:
        raise OutputExistsError(
            f"{label}: {str(path)!r} already exists and was left unchanged. Fix: choose another "
            f"name, or {say('pass overwrite=True', 'add --force')} to replace it.", path=str(path))

    from kamlab.i18n import resolve

    zh = resolve(lang) == "zh"
    for key, table in tables.items():
        rows, cols = table.shape
        if rows + 1 > MAX_ROWS or cols > MAX_COLUMNS:
            raise ParameterError(
                f"{label}: sheet {key!r} has {rows:,} rows × {cols:,} columns; an Excel sheet holds "
                f"{MAX_ROWS - 1:,} rows (plus the header) × {MAX_COLUMNS:,} columns. Split it "
                "(e.g. one sheet per region) or save it as CSV with df.to_csv(...).",
                rows=rows, columns=cols)
    sheets = [_sheet(name, _flat(table), zh)
              for name, table in zip(_sheet_names(tables), tables.values())]
    tmp = folder / f".{path.stem}.{secrets.token_hex(4)}.tmp.xlsx"
    try:
        with _progress(sum(len(s.table) for s in sheets), path) as step:
            write_workbook(tmp, sheets, progress=step)
        os.replace(tmp, path)
    except PermissionError as err:
        raise KamlabError(
            f"{label}: cannot write {str(path)!r} ({err.strerror}). If the file is open in Excel, "
            "close it and try again; otherwise choose a folder you may write to.",
            path=str(path)) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _sheet_names(keys) -> list[str]:
    """Excel-valid, unique (case-insensitively) sheet names, in order."""
    names, used = [], set()
    for i, key in enumerate(keys, start=1):
        name = _SHEET_FORBIDDEN.sub("_", str(key)).strip().strip("'")[:31].strip() or f"Sheet{i}"
        if name.casefold() == "history":  # reserved by Excel
            name = "History_"
        base, n = name, 2
        while name.casefold() in used:
            suffix = f"_{n}"
            name, n = base[:31 - len(suffix)] + suffix, n + 1
        used.add(name.casefold())
        names.append(name)
    return names


def _clean_text(value):
    """Text without the control characters an .xlsx cannot hold."""
    return _ILLEGAL.sub("", value) if isinstance(value, str) else value


def _flat(table):
    """A copy Excel can take: a meaningful index as columns, flat headers, naive datetimes,
    text without illegal characters.

    A named index (or one of labels, not numbers) is written as columns; an unnamed number
    index — 0..n-1, or the row numbers left by sorting or filtering — is not.
    """
    import pandas as pd

    index = table.index
    meaningful = any(n is not None for n in index.names) or not (
        pd.api.types.is_integer_dtype(index.dtype) or isinstance(index, pd.RangeIndex))
    out = table.reset_index() if meaningful else table.reset_index(drop=True)
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" / ".join(str(p) for p in col if str(p)) for col in out.columns]
    out.columns = [_clean_text(c) for c in out.columns]
    for name in out.columns:
        s = out[name]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            out[name] = s.dt.tz_localize(None)
        elif s.dtype == object or isinstance(s.dtype, pd.StringDtype):
            texts = [v for v in s.to_numpy(dtype=object) if isinstance(v, str)]
            if _ILLEGAL.search("".join(texts)):  # one scan; rarely anything to remove
                out[name] = s.map(_clean_text)
    return out


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet(name: str, table, zh: bool) -> Sheet:
    """A sheet to write: headers in the chosen language, formats and widths from the data."""
    share, money = share_columns(table), money_columns(table)
    formats = ["0.0%" if c in share else "#,##0" if c in money else None for c in table.columns]
    headers = [_clean_text(header(c, "zh")) if zh else str(c) for c in table.columns]
    widths = []
    for j, fmt in enumerate(formats):  # what the first 1,000 rows show, Chinese counting double
        texts = [headers[j]]
        for value in table.iloc[:1000, j].tolist():
            if value is None or value != value:  # blank, NaN, NaT
                continue
            is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
            texts.append(_shown(value, fmt if is_number else None))
        width = max(_display_width(t) for t in texts)
        widths.append(min(max(width + 2, 8), 60))
    return Sheet(name, table, headers, formats, widths)


@contextmanager
def _progress(rows: int, path: Path):
    """A progress bar on stderr while a large workbook is written (nothing for small ones)."""
    if rows < PROGRESS_ROWS:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=rows, unit=" rows", desc=f"writing {path.name}", file=sys.stderr,
              unit_scale=True, leave=True) as bar:
        yield bar.update


def _shown(value, fmt) -> str:
    """Roughly what Excel shows in a cell, for the column width."""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M:%S" if getattr(value, "hour", 0) or getattr(
            value, "minute", 0) else "%Y-%m-%d")
    if fmt == "0.0%":
        return f"{value:.1%}"
    if fmt == "#,##0":
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)
