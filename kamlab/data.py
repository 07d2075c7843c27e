"""Bundled datasets, reading a user's own account export, and writing tables to Excel.

>>> df = load_dataset("customers")
>>> {"account_id", "revenue", "profit"} <= set(df.columns)
True

A trainee's own file goes through :func:`read_accounts` (parse, rename, then
:func:`validate_accounts`); results go back to Excel with :func:`export_excel`.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import numbers
import os
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from kamlab._validate import show
from kamlab.columns import COLUMNS, REQUIRED
from kamlab.exceptions import (
    InvalidDataError,
    KamlabError,
    MissingColumnsError,
    NoSuchFileError,
    OutputExistsError,
    ParameterError,
)

__all__ = [
    "load_accounts",
    "load_dataset", "dataset_names", "dataset_dir", "read_accounts", "validate_accounts",
    "load_opportunities", "read_opportunities", "validate_opportunities",
    "load_stage_history", "read_stage_history", "validate_stage_history",
    "export_excel",
]

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


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


# --------------------------------------------------------------------------------------------
# Reading a trainee's own export
# --------------------------------------------------------------------------------------------

def load_accounts(source="customers", *, columns=None, encoding=None, sheet=None):
    """A bundled dataset by name, or a user's own file by path — what notebooks call.

    ``source`` is a name from :func:`dataset_names` (then the other arguments must be left
    out) or the path of a CSV / Excel export read with :func:`read_accounts`.

    >>> len(load_accounts("customers")) == len(load_dataset("customers"))
    True
    """
    return _load(source, _ACCOUNTS, "customers", columns=columns, encoding=encoding,
                 sheet=sheet)


def read_accounts(path, *, columns=None, encoding=None, sheet=None):
    """Read your own account export (CSV or Excel) into a checked DataFrame.

    Columns in: at least an account id and the revenue per account (any headers, mapped with
    ``columns``); other known columns (``profit``, ``sales_hours``, ``wallet``, the 1–5 scores …,
    see ``kamlab.columns.describe()``) are checked when present. Columns out: the same, with
    canonical names; ``account_id`` as text, known numeric columns as float.

    Parameters
    ----------
    path : str or Path
        A ``.csv`` (also ``.txt``/``.tsv``) or ``.xlsx``/``.xlsm`` file. Old ``.xls`` workbooks
        are not supported: open them in Excel and save as ``.xlsx``.
    columns : dict, optional
        Your headers -> kamlab names, e.g. ``{"客户编号": "account_id", "销售额": "revenue"}``.
        Headers not in the mapping are kept as they are.
    encoding : str, optional
        CSV only. By default UTF-8 (with or without BOM) is tried, then GBK/GB18030, the
        encoding of Chinese Excel's "CSV (逗号分隔)" export.
    sheet : str or int, optional
        Excel only: the sheet's name (or 0-based position). Default: the first sheet.

    Returns
    -------
    DataFrame
        A new frame with a fresh 0-based index. ``df.attrs`` records ``source`` (file name),
        ``path``, ``encoding`` (None for Excel), ``sheet`` and ``columns`` (the mapping used).

    Raises
    ------
    NoSuchFileError
        No file at ``path`` (also a ``FileNotFoundError``).
    MissingColumnsError
        ``account_id`` or ``revenue`` is missing, or a ``columns`` key is not a header of the
        file. When a header is a known alias (销售额, 客户编号 …), the message gives the
        ``columns={...}`` argument to paste.
    InvalidDataError
        An empty file; a file that cannot be parsed or decoded; text that is not a number in a
        numeric column; a blank id or revenue; a value out of its column's range; a repeated
        account id. The message names the file, the column, the spreadsheet rows (the header is
        row 1, so the first account is row 2) and the values, and says how to fix them.
    ParameterError
        A ``columns`` target that is not a kamlab column, or ``sheet``/``encoding`` that does
        not fit the file.

    Notes
    -----
    Spreadsheet text is cleaned in numeric columns: ``"1,234"``, ``"¥1,234"``, ``"1,234元"``,
    ``"RMB 1234"``, full-width digits, accounting negatives ``"(1,234)"`` (and SAP's
    ``"1,234-"``), a lone ``"-"`` (Excel's accounting format for zero) and, in share columns,
    ``"35%"`` -> 0.35. Negative revenue, profit and gross margin are allowed (credit notes,
    loss-making accounts). A blank optional numeric cell stays NaN. Fully blank rows are dropped.
    Other columns are read as pandas would: numbers where every cell is a plain number, else
    text.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(folder.name) / "客户.csv"
    >>> _ = path.write_text("客户编号,客户名称,销售额\\n00123,甲公司,\\"1,200\\"\\n00456,乙公司,￥800\\n",
    ...                     encoding="gbk")
    >>> df = read_accounts(path, columns={"客户编号": "account_id", "销售额": "revenue"})
    >>> df
      account_id 客户名称  revenue
    0      00123  甲公司   1200.0
    1      00456  乙公司    800.0
    >>> df.attrs["encoding"], df.attrs["source"]
    ('gbk', '客户.csv')
    >>> folder.cleanup()
    """
    return _read_table(path, _ACCOUNTS, columns=columns, encoding=encoding, sheet=sheet)


def load_opportunities(source="opportunities", *, columns=None, encoding=None, sheet=None):
    """A bundled opportunity list by name, or your own pipeline export by path.

    ``source`` is a dataset name (``"opportunities"``) or the path of a CSV / Excel file read
    with :func:`read_opportunities`; ``columns``, ``encoding`` and ``sheet`` are for a file.

    >>> len(load_opportunities())
    600
    """
    return _load(source, _OPPORTUNITIES, "opportunities", columns=columns, encoding=encoding,
                 sheet=sheet)


def read_opportunities(path, *, columns=None, encoding=None, sheet=None):
    """Read your own pipeline export (CSV or Excel): one row per opportunity, checked.

    Columns in: at least an opportunity id, its funnel stage and its value (any headers, mapped
    with ``columns``); the other module-3 columns (``account_id``, ``owner``, ``margin``,
    ``win_probability``, ``info_completeness``, the 1–5 priorities, ``expected_close`` …, see
    ``kamlab.columns.describe()``) are checked when present. Columns out: canonical names;
    ids as text, numbers as float, dates as datetime64, true/false flags as bool and stages
    as kamlab's names (Identified, Contacted, Qualified, Developed, Committed, Won, Lost).

    Parameters
    ----------
    path, columns, encoding, sheet : as for :func:`read_accounts`.

    Returns
    -------
    DataFrame
        A new frame with a fresh 0-based index; ``df.attrs`` as :func:`read_accounts` sets it.

    Raises
    ------
    NoSuchFileError, MissingColumnsError, ParameterError
        As :func:`read_accounts`.
    InvalidDataError
        Besides :func:`read_accounts`' cases: a stage kamlab does not know (the message lists
        the stages and their Chinese names 识别/接触/确认/发展/合作/赢单/丢单), a date it cannot
        read (Excel serial numbers get a hint), a true/false cell it cannot read, a negative
        value, a repeated opportunity id. The message names the spreadsheet rows.

    Notes
    -----
    Stage names are matched case-insensitively, in English or Chinese (seed 002's five
    stages, plus 赢单/成交 for Won and 丢单/输单 for Lost). Dates are read year first:
    ``2026-06-30``, ``2026/6/30``, ``2026.6.30``, ``2026年6月30日`` or an Excel date cell. Flags
    take true/false, yes/no, 是/否, 1/0, Y/N; a blank flag is false. Probabilities and
    completeness may be written ``35%``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(folder.name) / "商机.csv"
    >>> _ = path.write_text("机会编号,阶段,金额,采购决策已作出,预计成交日期\\n"
    ...                     "P1,接触,\\"120,000\\",否,2026/9/30\\nP2,合作,￥80000,是,2026年7月15日\\n",
    ...                     encoding="gbk")
    >>> df = read_opportunities(path, columns={"机会编号": "opportunity_id", "阶段": "stage",
    ...     "金额": "value", "采购决策已作出": "decision_made", "预计成交日期": "expected_close"})
    >>> df
      opportunity_id      stage     value  decision_made expected_close
    0             P1  Contacted  120000.0          False     2026-09-30
    1             P2  Committed   80000.0           True     2026-07-15
    >>> folder.cleanup()
    """
    return _read_table(path, _OPPORTUNITIES, columns=columns, encoding=encoding, sheet=sheet)


def validate_opportunities(df, *, source: str = "DataFrame"):
    """Check an opportunity table that already uses kamlab's column names; return a new one.

    The checks of :func:`read_opportunities` for a DataFrame you built in pandas; rows are
    named by index label.

    >>> import pandas as pd
    >>> raw = pd.DataFrame({"opportunity_id": ["P1"], "stage": ["确认"], "value": ["¥5,000"]})
    >>> validate_opportunities(raw)
      opportunity_id      stage   value
    0             P1  Qualified  5000.0
    """
    return _validate_frame(df, source, _OPPORTUNITIES)


def load_stage_history(source="opportunity_stages", *, columns=None, encoding=None, sheet=None):
    """A bundled stage history by name, or your own export by path (see :func:`read_stage_history`).

    >>> load_stage_history().columns.tolist()
    ['opportunity_id', 'stage', 'entered']
    """
    return _load(source, _STAGE_HISTORY, "opportunity_stages", columns=columns,
                 encoding=encoding, sheet=sheet)


def read_stage_history(path, *, columns=None, encoding=None, sheet=None):
    """Read your own dated stage history: one row per stage an opportunity entered.

    Columns in: ``opportunity_id``, ``stage`` and ``entered`` (the date it entered that stage),
    under any headers mapped with ``columns``. An opportunity appears once per stage it
    reached; stages and dates are read as :func:`read_opportunities` reads them. This is what
    :func:`kamlab.opportunities.conversion_rates`, ``time_in_stage`` and
    ``stage_probabilities_from_history`` take.

    Raises
    ------
    As :func:`read_opportunities`, except that opportunity ids repeat by design.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(folder.name) / "history.csv"
    >>> _ = path.write_text("id,stage,date\\nP1,identified,2026-01-05\\nP1,Contacted,2026-02-01\\n")
    >>> read_stage_history(path, columns={"id": "opportunity_id", "date": "entered"})
      opportunity_id       stage    entered
    0             P1  Identified 2026-01-05
    1             P1   Contacted 2026-02-01
    >>> folder.cleanup()
    """
    return _read_table(path, _STAGE_HISTORY, columns=columns, encoding=encoding, sheet=sheet)


def validate_stage_history(df, *, source: str = "DataFrame"):
    """Check a stage history DataFrame with kamlab's column names; return a new one."""
    return _validate_frame(df, source, _STAGE_HISTORY)


def _validate_frame(df, source, spec: _Table):
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise ParameterError(
            f"{spec.validate}() needs a pandas DataFrame; got {type(df).__name__}. "
            f"For a file, use kamlab.{spec.func}(path).", got=type(df).__name__)
    return _clean(df, _Where(str(source), f"{spec.validate}({source})"), spec)


def _read_table(path, spec: _Table, *, columns, encoding, sheet):
    """Parse, rename and check a user's file as the table ``spec`` describes."""
    path = Path(path)
    label = f"{spec.func}({str(path)!r})"
    mapping = _check_mapping(columns, spec.func)
    suffix = path.suffix.lower()
    _check_input_file(path, suffix, label)
    if suffix in EXCEL_SUFFIXES:
        if encoding is not None:
            raise ParameterError(
                f"{label}: encoding= applies to CSV files only; an Excel workbook carries its own. "
                "Leave encoding out.", source=path.name, encoding=encoding)
        rows, sheet_used = _excel_rows(path, sheet, label)
        used_encoding = None
    else:
        if sheet is not None:
            raise ParameterError(
                f"{label}: sheet= applies to Excel files only; this is a text (CSV) file. "
                "Leave sheet out.", source=path.name, sheet=sheet)
        rows, used_encoding = _csv_rows(path, encoding, label)
        sheet_used = None
    frame, header_row = _frame_from_rows(rows, label, path.name, csv_file=sheet_used is None)
    frame = _rename(frame, mapping, label, path.name)
    where = _Where(path.name, label, header_row=header_row, mapping=mapping)
    out = _clean(frame, where, spec)
    for name in out.columns:
        col = COLUMNS.get(name)
        typed = col is not None and (col.numeric or col.kind in ("date", "flag"))
        if not (typed or name in spec.ids or name == "stage"):  # already cleaned by _clean
            out[name] = _as_pandas_reads(out[name])
    out = out.reset_index(drop=True)
    out.attrs = {"source": path.name, "path": str(path.resolve()), "encoding": used_encoding,
                 "sheet": sheet_used, "columns": dict(mapping)}
    return out


def _load(source, spec: _Table, default: str, *, columns, encoding, sheet):
    """A bundled dataset by name, or the user's file at the path ``source``."""
    if isinstance(source, str) and source in dataset_names():
        if columns or encoding or sheet:
            raise ParameterError(
                f"{source!r} is a bundled dataset; columns, encoding and sheet are for your own "
                f"file. Pass the path of your file instead, e.g. {spec.load}('my_file.csv', "
                "columns={...}).", source=source)
        return load_dataset(source)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.suffix and not path.exists():
            raise ParameterError(
                f"{str(source)!r} is neither a bundled dataset ({', '.join(dataset_names())}) nor "
                f"a file. Give a dataset name (e.g. {default!r}) or the path of your CSV / Excel "
                "file.", source=str(source))
        return _read_table(path, spec, columns=columns, encoding=encoding, sheet=sheet)
    raise ParameterError(
        f"{spec.load}() takes a dataset name (e.g. {default!r}) or the path of a CSV / Excel "
        f"file; got {type(source).__name__}. For a DataFrame you built yourself, use "
        f"{spec.validate}(df).", got=type(source).__name__)


def validate_accounts(df, *, source: str = "DataFrame"):
    """Check an account table that already uses kamlab's column names; return a cleaned copy.

    The checks of :func:`read_accounts`, for data you built in pandas: ``account_id`` and
    ``revenue`` present; ids as stripped text, neither blank nor repeated; known numeric
    columns converted to float (spreadsheet text such as ``"1,234"``, ``"¥800"``,
    ``"(50)"`` or ``"35%"`` in share columns cleaned); values inside their column's range;
    at least one row. Fully blank rows are dropped; other columns are left as they are.

    Parameters
    ----------
    df : DataFrame
        Accounts, one row each, with canonical column names (``kamlab.columns.describe()``).
    source : str, default "DataFrame"
        How messages name the table, e.g. ``"book"``.

    Returns
    -------
    DataFrame
        A new frame (the input is not changed) with the same index labels, minus blank rows.

    Raises
    ------
    MissingColumnsError
        ``account_id`` or ``revenue`` missing; the message suggests a ``df.rename(...)``.
    InvalidDataError
        Empty table, text in a numeric column, blank id or revenue, value out of range,
        repeated id. Rows are given as index labels.
    ParameterError
        ``df`` is not a DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"account_id": [" A1", "A2"], "revenue": ["1,200", "(300)"],
    ...                     "share_of_wallet": ["35%", 0.5]})
    >>> validate_accounts(raw)
      account_id  revenue  share_of_wallet
    0         A1   1200.0             0.35
    1         A2   -300.0             0.50
    """
    return _validate_frame(df, source, _ACCOUNTS)


# -- what each kind of table must hold --------------------------------------------------------

@dataclass(frozen=True)
class _Table:
    """One kind of user table: which columns it needs and which must not repeat."""

    func: str  # the reader, as messages name it
    load: str  # the name-or-path loader
    validate: str  # the DataFrame checker
    row: str  # what one row is: "account"
    required: tuple[str, ...]  # columns that must be there
    filled: tuple[tuple[str, str], ...]  # (column, what every row needs) — no blanks allowed
    ids: tuple[str, ...]  # identifier columns, read as stripped text
    unique: str | None  # the id column that may not repeat
    repeat_fix: str = ""  # how to fix repeated ids


_ACCOUNTS = _Table(
    "read_accounts", "load_accounts", "validate_accounts", "account", REQUIRED, (("revenue", "a revenue"),),
    ("account_id",), "account_id",
    "if the export has several lines per account (orders, products, months), add them up first "
    "— in pandas df.groupby('account_id', as_index=False).sum(numeric_only=True), then "
    "kamlab.validate_accounts(df) — or fix the export so each account is one row.")

_OPPORTUNITIES = _Table(
    "read_opportunities", "load_opportunities", "validate_opportunities", "opportunity",
    ("opportunity_id", "stage", "value"), (("stage", "a stage"), ("value", "a value")),
    ("opportunity_id", "account_id"),
    "opportunity_id",
    "give each opportunity its own id; if the export has one line per product or per month of "
    "an opportunity, add the values up per opportunity first.")

_STAGE_HISTORY = _Table(
    "read_stage_history", "load_stage_history", "validate_stage_history", "stage change",
    ("opportunity_id", "stage", "entered"),
    (("stage", "a stage"), ("entered", "the date it entered the stage")), ("opportunity_id",), None)


# -- where the data came from, for messages ---------------------------------------------------

@dataclass(frozen=True)
class _Where:
    """A file (rows are spreadsheet row numbers) or a DataFrame (rows are index labels)."""

    source: str  # file name, or how the caller names the DataFrame
    label: str  # how messages start: "read_accounts('path')"
    header_row: int | None = None  # None: a DataFrame
    mapping: dict = field(default_factory=dict)  # user's header -> canonical name

    @property
    def in_file(self) -> bool:
        return self.header_row is not None

    def rows(self, rows) -> str:
        if self.in_file:
            return f"spreadsheet row(s) {show(rows)} (the headers are row {self.header_row})"
        return f"row(s) with index label(s) {show(rows)}"

    def column(self, name) -> str:
        header = next((h for h, c in self.mapping.items() if c == name), None)
        return f"{name!r} (your header {header!r})" if header and header != name else repr(name)

    def error(self, message: str, **fields):
        return InvalidDataError(f"{self.label}: {message}", source=self.source, **fields)


def _plain(value):
    """A value as it goes into an error's fields: Python scalars, not numpy ones."""
    value = value.item() if hasattr(value, "item") else value
    return value if isinstance(value, (str, int, float, type(None))) else str(value)


def _blank_cell(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN, NaT
    except TypeError:  # pd.NA: its comparisons are NA
        return True
    except ValueError:  # an array in a cell
        return False


# -- files -> rows ----------------------------------------------------------------------------

def _check_input_file(path: Path, suffix: str, label: str) -> None:
    if not path.exists():
        where = path.parent if str(path.parent) not in ("", ".") else Path.cwd()
        raise NoSuchFileError(
            f"{label}: there is no file {path.name!r} in {str(where.resolve())!r}. Check the name "
            "(and extension) and the folder; relative paths start from the notebook's folder "
            f"({str(Path.cwd())!r}).", path=str(path), source=path.name)
    if path.is_dir():
        raise ParameterError(f"{label}: {str(path)!r} is a folder; give the path of a CSV or "
                             ".xlsx file inside it.", path=str(path))
    if suffix == ".xls":
        raise InvalidDataError(
            f"{label}: old Excel .xls workbooks are not supported. Fix: open the file in Excel "
            "and Save As 'Excel Workbook (*.xlsx)' (or 'CSV UTF-8'), then read that file.",
            source=path.name)
    if suffix not in CSV_SUFFIXES + EXCEL_SUFFIXES:
        raise ParameterError(
            f"{label}: cannot read {suffix or 'files without an extension'}; expected one of "
            f"{', '.join(CSV_SUFFIXES + EXCEL_SUFFIXES)}. Save or rename the export as .csv or "
            ".xlsx.", path=str(path), source=path.name)
    if path.stat().st_size == 0:
        raise InvalidDataError(
            f"{label}: the file is empty (0 bytes): expected a header row and one row per account. "
            "Fix: export the data again (and save it before closing Excel).", source=path.name)


def _csv_rows(path: Path, encoding, label: str):
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise InvalidDataError(
            f"{label}: this is an Excel workbook saved under a {path.suffix} name. Fix: rename it "
            "to .xlsx, or open it in Excel and Save As 'CSV UTF-8'.", source=path.name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidDataError(
            f"{label}: this is an old Excel .xls workbook under a {path.suffix} name. Fix: open it "
            "in Excel and Save As .xlsx or 'CSV UTF-8'.", source=path.name)
    text, used = _decode(data, encoding, label, path.name)
    if "\x00" in text:
        raise InvalidDataError(
            f"{label}: the file holds binary data, not CSV text. Fix: export the data as "
            "'CSV UTF-8' or .xlsx.", source=path.name)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as err:
        raise InvalidDataError(
            f"{label}: cannot be parsed as CSV ({err}). Fix: open it in Excel and Save As "
            "'CSV UTF-8', or save it as .xlsx.", source=path.name) from None
    return rows, used


def _decode(data: bytes, encoding, label: str, source: str):
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise ParameterError(f"{label}: {encoding!r} is not an encoding Python knows; try "
                                 "'utf-8', 'gbk' or 'gb18030', or leave encoding out.",
                                 encoding=encoding) from None
        except UnicodeDecodeError as err:
            raise InvalidDataError(
                f"{label}: the file is not valid {encoding!r} text (byte {data[err.start]:#04x} at "
                f"position {err.start}). Fix: leave encoding out so UTF-8 and GBK are detected, "
                "or pass the encoding the file was saved with.",
                source=source, encoding=encoding) from None
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gbk", "gb18030")
    for candidate in candidates:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    raise InvalidDataError(
        f"{label}: could not decode the file as {' or '.join(candidates)} (UTF-8 and GBK are the "
        "usual encodings of CSV exports). Fix: in Excel, Save As 'CSV UTF-8 (逗号分隔)', or pass "
        "the file's encoding, e.g. encoding='big5'.", source=source, encoding=None)


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the first non-blank line uses most (comma on a tie)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def _excel_rows(path: Path, sheet, label: str):
    import pandas as pd

    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            names = book.sheet_names
            if sheet is None:
                chosen = names[0]
            elif isinstance(sheet, int) and not isinstance(sheet, bool) and 0 <= sheet < len(names):
                chosen = names[sheet]
            elif isinstance(sheet, str) and sheet in names:
                chosen = sheet
            else:
                raise ParameterError(
                    f"{label}: no sheet {sheet!r}; the workbook's sheets are {show(names, 20)}. "
                    f"Pass one of them, e.g. sheet={names[0]!r}.", sheet=sheet, sheets=names)
            raw = pd.read_excel(book, sheet_name=chosen, header=None, dtype=object)
    except KamlabError:
        raise
    except Exception as err:  # a damaged or mislabelled file: BadZipFile, InvalidFileException…
        raise InvalidDataError(
            f"{label}: cannot be read as an Excel workbook ({type(err).__name__}: {err}). Fix: "
            "open it in Excel and save it again as .xlsx, or export it as 'CSV UTF-8'.",
            source=path.name) from None
    return raw.to_numpy(dtype=object).tolist(), chosen


def _letter(j: int) -> str:
    """0-based column position -> spreadsheet letter (0 -> A, 26 -> AA)."""
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def _header_text(value) -> str:
    if _blank_cell(value):
        return ""
    return str(_plain(value)).strip().strip("\ufeff").strip()


def _frame_from_rows(rows, label: str, source: str, *, csv_file: bool):
    """Cells -> a DataFrame of objects whose index is the spreadsheet row number."""
    import pandas as pd

    rows = [[None if _blank_cell(v) else v for v in row] for row in rows]
    start = next((i for i, row in enumerate(rows) if any(v is not None for v in row)), None)
    if start is None:
        raise InvalidDataError(
            f"{label}: the file is empty (only blank lines): expected a header row and one row "
            "per account. Fix: export the data again.", source=source)
    header_row = start + 1
    cells = rows[start]
    width = max(j + 1 for j, v in enumerate(cells) if v is not None)
    headers = [_header_text(v) for v in cells[:width]]
    body = [(row + [None] * width)[:width] + row[width:] for row in rows[start + 1:]]
    first_row = header_row + 1

    nameless = {}  # column position -> [(row, value)] for data under a blank header
    for k, row in enumerate(body):
        for j, v in enumerate(row):
            if v is not None and (j >= width or not headers[j]):
                nameless.setdefault(j, []).append((first_row + k, _plain(v)))
    if nameless:
        j, found = min(nameless.items())
        if sum(v is not None for v in cells) == 1:
            hint = f" If row {header_row} is a title, delete the rows above the header row."
        elif csv_file and j >= width:
            hint = (" In a CSV file this usually means a value contains the separator without "
                    "quotes, e.g. 1,234 instead of \"1,234\": re-export it from Excel, or remove "
                    "the thousands separators.")
        else:
            hint = ""
        raise InvalidDataError(
            f"{label}: column {_letter(j)} has values but no header (header row {header_row}): "
            f"spreadsheet row(s) {show([r for r, _ in found])} hold {show([v for _, v in found])}."
            f" Fix: type a header into row {header_row} of column {_letter(j)}, or delete the "
            f"column.{hint}",
            source=source, column=_letter(j), rows=[r for r, _ in found],
            values=[v for _, v in found])

    named = [j for j, h in enumerate(headers) if h]
    seen = {}
    for j in named:
        seen.setdefault(headers[j], []).append(_letter(j))
    repeated = {h: letters for h, letters in seen.items() if len(letters) > 1}
    if repeated:
        h, letters = next(iter(repeated.items()))
        raise InvalidDataError(
            f"{label}: each header must be unique, but {h!r} is the header of columns "
            f"{' and '.join(letters)} (row {header_row}). Fix: rename or delete one of them.",
            source=source, column=h, columns=letters)

    data = [[row[j] for j in named] for row in body]
    frame = pd.DataFrame(data, columns=[headers[j] for j in named], dtype=object,
                         index=pd.RangeIndex(first_row, first_row + len(body)))
    return frame, header_row


# -- column names -----------------------------------------------------------------------------

def _norm(name) -> str:
    """A header as compared with known aliases: NFKC, case-folded, spaces/hyphens as '_'."""
    text = unicodedata.normalize("NFKC", str(name)).strip().casefold()
    return re.sub(r"[\s\-]+", "_", text)


@cache
def _aliases() -> dict[str, str]:
    """Normalised header -> canonical name, from the registry's names, 中文 labels and aliases."""
    out = {}
    for col in COLUMNS.values():
        for alias in (col.name, col.zh, *col.aliases):
            out.setdefault(_norm(alias), col.name)
    return out


def _check_mapping(columns, func: str) -> dict[str, str]:
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise ParameterError(
            f"{func}(): columns= takes a dict {{your header: kamlab column}}, e.g. "
            f"{{'客户编号': 'account_id', '销售额': 'revenue'}}; got {type(columns).__name__}.",
            got=type(columns).__name__)
    mapping = {_header_text(header): target for header, target in columns.items()}
    bad = [(h, t) for h, t in mapping.items() if t not in COLUMNS]
    if bad:
        header, target = bad[0]
        guess = _aliases().get(_norm(target)) or next(
            iter(difflib.get_close_matches(str(target), list(COLUMNS), n=1)), None)
        hint = f" Did you mean {guess!r}?" if guess else ""
        raise ParameterError(
            f"{func}(): columns= maps {header!r} to {target!r}, which is not a kamlab "
            f"column.{hint} Valid names: {', '.join(COLUMNS)} (kamlab.columns.describe() explains "
            "each).", invalid=[t for _, t in bad], valid=list(COLUMNS))
    targets = list(mapping.values())
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        headers = [h for h, t in mapping.items() if t == twice[0]]
        raise ParameterError(
            f"{func}(): columns= maps {show(headers)} all to {twice[0]!r}; each kamlab "
            "column can come from one header only. Keep one of them.", invalid=twice)
    return mapping


def _rename(frame, mapping: dict, label: str, source: str):
    available = [str(c) for c in frame.columns]
    unknown = [h for h in mapping if h not in frame.columns]
    if unknown:
        close = {h: difflib.get_close_matches(h, available, n=1) for h in unknown}
        hint = "".join(f" For {h!r} did you mean {m[0]!r}?" for h, m in close.items() if m)
        raise MissingColumnsError(
            f"{label}: columns= names header(s) {show(unknown)} that the file does not have; its "
            f"headers are {show(available, 30)}.{hint} Fix: copy each header exactly as it appears "
            "in the header row (spaces around it do not matter).",
            missing=unknown, available=available, source=source)
    clash = [t for h, t in mapping.items() if t in frame.columns and t not in mapping and t != h]
    if clash:
        raise ParameterError(
            f"{label}: the file already has a {clash[0]!r} column, and columns= maps another header "
            f"to {clash[0]!r} too. Fix: map only one of them (or rename the other in the file).",
            invalid=clash)
    return frame.rename(columns=mapping)


# -- the checks -------------------------------------------------------------------------------

def _clean(df, where: _Where, spec: _Table):
    """The shared checks: a new DataFrame, or an error naming rows and values."""
    import pandas as pd

    blank = pd.DataFrame({j: _blank_column(df.iloc[:, j]) for j in range(df.shape[1])},
                         index=df.index)
    out = df.loc[~blank.all(axis=1)].copy() if df.shape[1] else df.copy()
    if out.empty:
        what = (f"has headers (row {where.header_row}) but no data rows"
                if where.in_file else f"has {len(df.columns)} column(s) but no data rows")
        raise where.error(f"the table is empty: it {what} once blank rows are left out. Expected "
                          f"one row per {spec.row}. Fix: check that the export (or the sheet) "
                          f"holds the {spec.row} rows.", rows=[])
    _require(out, where, spec)
    repeated = sorted({str(c) for c in out.columns[out.columns.duplicated()]})
    if repeated:
        raise where.error(f"column {repeated[0]!r} appears more than once. Fix: keep one of them.",
                          column=repeated[0])

    for name in spec.ids:
        if name in out.columns:
            out[name] = _ids(out[name], where, spec, required=name in spec.required)
    for name in out.columns:
        col = COLUMNS.get(name)
        if col is not None and col.numeric:
            out[name] = _numbers(out[name], col, where)
        elif col is not None and col.kind == "date":
            out[name] = _dates(out[name], col, where)
        elif col is not None and col.kind == "flag":
            out[name] = _flags(out[name], col, where)
    if "stage" in spec.required:
        out["stage"] = _stage_names(out["stage"], where)
    for name, needs in spec.filled:
        missing = out[name].isna()
        if missing.any():
            rows = [_plain(r) for r in out.index[missing]]
            zero = " (0 is fine)" if COLUMNS[name].numeric else ""
            raise where.error(
                f"column {where.column(name)} is blank in {where.rows(rows)}. Every {spec.row} "
                f"needs {needs}{zero}. Fix: fill those cells in, or delete the rows.",
                column=name, rows=rows, values=[None] * len(rows))
    for name in out.columns:
        col = COLUMNS.get(name)
        if col is not None and col.numeric and (col.minimum is not None or col.maximum is not None):
            _check_range(out[name], col, where)
    if spec.unique:
        _unique(out[spec.unique], where, spec)
    return out


def _blank_column(s):
    import pandas as pd

    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s):
        return s.isna()
    return s.map(_blank_cell).astype(bool)


def _require(df, where: _Where, spec: _Table) -> None:
    missing = [c for c in spec.required if c not in df.columns]
    if not missing:
        return
    available = [str(c) for c in df.columns]
    suggest = {}
    for header in available:
        canonical = _aliases().get(_norm(header))
        if (canonical and canonical != header and canonical not in df.columns
                and canonical not in suggest.values()):
            suggest[header] = canonical
    need = ", ".join(repr(c) for c in spec.required)
    still = [c for c in missing if c not in suggest.values()]
    if where.in_file:
        headers = {c: h for h, c in where.mapping.items()}
        shown = [headers.get(c, c) for c in available]
        came = f"the file's headers (row {where.header_row}) are {show(shown, 30)}"
        if len(still) < len(missing):
            fix = f"Fix: paste columns={ {**where.mapping, **suggest}!r} into {spec.func}(...)"
        else:
            fix = (f"Fix: tell {spec.func} which header holds it, e.g. columns={{'your header': "
                   f"{missing[0]!r}}}, or rename the header in the file")
    else:
        came = f"its columns are {show(available, 30)}"
        if len(still) < len(missing):
            fix = f"Fix: df = df.rename(columns={suggest!r})"
        else:
            fix = (f"Fix: rename the column that holds it, e.g. df.rename(columns={{'your column': "
                   f"{missing[0]!r}}})")
    if still and len(still) < len(missing):
        fix += f", and name the header that holds {show(still)}"
    fix += ". kamlab.columns.describe() lists every column kamlab knows."
    raise MissingColumnsError(
        f"{where.label}: kamlab needs the columns {need}; missing: {show(missing)}; {came}. {fix}",
        missing=missing, available=available, source=where.source, suggestion=suggest)


def _ids(s, where: _Where, spec: _Table, *, required: bool):
    import pandas as pd

    def text(v):
        if _blank_cell(v):
            return None
        v = _plain(v)
        if isinstance(v, float) and v.is_integer():  # 123.0 from a numeric column with blanks
            v = int(v)
        return str(v).strip()

    ids = pd.Series([text(v) for v in s], index=s.index, dtype="str")
    if required and ids.isna().any():
        rows = [_plain(r) for r in ids.index[ids.isna()]]
        raise where.error(
            f"column {where.column(s.name)} is blank in {where.rows(rows)}. Every {spec.row} "
            "needs an id. Fix: fill those cells in, or delete the rows if they are totals or notes.",
            column=s.name, rows=rows, values=[None] * len(rows))
    return ids


_CURRENCY = re.compile(r"RMB|CNY|人民币|[¥$元]", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def _number(value, *, percent: bool):
    """A spreadsheet cell as float; NaN for a blank, None when it is not a number."""
    if _blank_cell(value):
        return math.nan
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None
    if isinstance(value, numbers.Real):
        x = float(value)
        return x if math.isfinite(x) else None
    if not isinstance(value, str):
        return None
    text = _CURRENCY.sub("", unicodedata.normalize("NFKC", value))  # full-width -> ASCII
    text = "".join(text.split()).replace("\u2212", "-")
    if not text:
        return math.nan
    if text == "-":  # Excel's accounting format shows zero as a dash
        return 0.0
    sign = 1.0
    if len(text) > 2 and text[0] == "(" and text[-1] == ")":  # accounting negative
        sign, text = -1.0, text[1:-1]
    elif len(text) > 1 and text[-1] == "-":  # SAP's trailing minus: 1,234-
        sign, text = -1.0, text[:-1]
    divisor = 1.0
    if text.endswith("%"):
        if not percent:
            return None
        divisor, text = 100.0, text[:-1]
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        return None
    return sign * float(text) / divisor


def _numbers(s, col, where: _Where):
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        x = s.astype("float64")
        bad = np.isinf(x.to_numpy())
    else:
        parsed = [_number(v, percent=col.kind == "share") for v in s]
        bad = np.array([p is None for p in parsed], dtype=bool)
        x = pd.Series([math.nan if p is None else p for p in parsed], index=s.index,
                      dtype="float64")
    if not bad.any():
        return x
    rows = [_plain(r) for r in s.index[bad]]
    values = [_plain(v) for v in s[bad]]
    texts = [str(v) for v in values]
    hints = ["Type plain numbers in those cells, or clear them if unknown (a blank stays NaN)."]
    if any("万" in t or "亿" in t for t in texts):
        hints.append("Amounts in 万/亿 must be converted to yuan first (×10,000 / ×100,000,000).")
    if any("%" in t for t in texts) and col.kind != "share":
        hints.append(f"'%' is understood only in share columns; {col.name!r} is in {col.unit}.")
    if any(re.fullmatch(r"\s*-?\d+,\d{1,2}\s*", t) for t in texts):
        hints.append("Decimal commas (1,5) are not understood: write 1.5.")
    if any(t.startswith("#") for t in texts):
        hints.append("'#N/A', '#DIV/0!' … are Excel formula errors: fix the formulas or clear "
                     "the cells.")
    if any(t.lower() in ("inf", "-inf", "infinity", "nan") for t in texts):
        hints.append("Infinite or NaN markers are not amounts: leave the cell blank instead.")
    understood = "'1,234', '¥1,234', '1,234元', '(1,234)' for negatives"
    understood += ", '35%'" if col.kind == "share" else ""
    raise where.error(
        f"column {where.column(col.name)} must hold numbers ({col.unit}); {where.rows(rows)} "
        f"hold {show(values)}. {' '.join(hints)} kamlab already understands {understood}.",
        column=col.name, rows=rows, values=values)


_DATE_SEPARATORS = re.compile(r"[/.年月]")


def _date(value):
    """A spreadsheet cell as a Timestamp; NaT for a blank, None when it is not a date."""
    import pandas as pd

    if _blank_cell(value):
        return pd.NaT
    if isinstance(value, (bool, numbers.Number)):  # an Excel serial number or a stray figure
        return None
    if not isinstance(value, str):
        try:
            return pd.Timestamp(value)  # datetime / date cells from Excel
        except (TypeError, ValueError):
            return None
    text = unicodedata.normalize("NFKC", value).strip().rstrip("日")
    text = _DATE_SEPARATORS.sub("-", text)
    try:
        return pd.to_datetime(text, format="ISO8601")
    except (TypeError, ValueError):
        return None


def _dates(s, col, where: _Where):
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(s):
        return s
    parsed = [_date(v) for v in s]
    bad = [p is None for p in parsed]
    if any(bad):
        rows = [_plain(r) for r, b in zip(s.index, bad) if b]
        values = [_plain(v) for v, b in zip(s, bad) if b]
        serial = any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        hint = (" Numbers like 46203 are Excel dates shown as serial numbers: format the column "
                "as a date in Excel (or export it as text YYYY-MM-DD)." if serial else "")
        raise where.error(
            f"column {where.column(col.name)} must hold dates, year first (2026-06-30, 2026/6/30 "
            f"or 2026年6月30日); {where.rows(rows)} hold {show(values)}.{hint} Fix: correct those "
            "cells, or clear them if the date is unknown.",
            column=col.name, rows=rows, values=values)
    return pd.Series(pd.to_datetime(pd.Series(parsed, index=s.index, dtype="object")),
                     name=s.name)


def _flags(s, col, where: _Where):
    import pandas as pd

    from kamlab.columns import FALSE_WORDS, TRUE_WORDS

    def flag(value):
        if _blank_cell(value):
            return False
        if isinstance(value, (bool, numbers.Number)):
            return None if value not in (0, 1) else bool(value)
        text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
        return True if text in TRUE_WORDS else False if text in FALSE_WORDS else None

    parsed = [flag(v) for v in s]
    bad = [p is None for p in parsed]
    if any(bad):
        rows = [_plain(r) for r, b in zip(s.index, bad) if b]
        values = [_plain(v) for v, b in zip(s, bad) if b]
        raise where.error(
            f"column {where.column(col.name)} must be true or false ({col.zh}: 是/否); "
            f"{where.rows(rows)} hold {show(values)}. kamlab understands true/false, yes/no, "
            "是/否, 1/0 and Y/N; a blank counts as false. Fix: use one of those in each cell.",
            column=col.name, rows=rows, values=values)
    return pd.Series(parsed, index=s.index, dtype="bool", name=s.name)


def _stage_names(s, where: _Where):
    """Funnel stage names in English or Chinese (识别 … 合作, 赢单, 丢单) → kamlab's names."""
    import pandas as pd

    from kamlab.columns import STAGE_NAMES

    def name(value):
        if _blank_cell(value):
            return None
        return STAGE_NAMES.get(_norm(value), "?")

    parsed = [name(v) for v in s]
    bad = [p == "?" for p in parsed]
    if any(bad):
        rows = [_plain(r) for r, b in zip(s.index, bad) if b]
        values = [_plain(v) for v, b in zip(s, bad) if b]
        unknown = sorted({str(v) for v in values})
        stages = ", ".join(dict.fromkeys(STAGE_NAMES.values()))
        raise where.error(
            f"column {where.column('stage')} must name a funnel stage ({stages}; or in Chinese "
            f"识别, 接触, 确认, 发展, 合作, 赢单, 丢单); {where.rows(rows)} hold {show(values)}. "
            f"Fix: rename your stages in the file, or in pandas first, e.g. "
            f"df['stage'].replace({{{unknown[0]!r}: 'Qualified'}}) — seed 002's entry criteria "
            "(kamlab.opportunities.STAGE_CRITERIA) say which stage each of yours matches.",
            column="stage", rows=rows, values=values)
    return pd.Series(parsed, index=s.index, dtype="object", name=s.name)


def _check_range(x, col, where: _Where) -> None:
    import numpy as np

    values = x.to_numpy()
    bad = np.zeros(len(values), dtype=bool)  # NaN compares False: blanks pass
    if col.minimum is not None:
        bad |= values < col.minimum
    if col.maximum is not None:
        bad |= values > col.maximum
    if not bad.any():
        return
    rows = [_plain(r) for r in x.index[bad]]
    values = [_plain(v) for v in x[bad]]
    if col.minimum is not None and col.maximum is not None:
        expected = f"between {col.minimum:g} and {col.maximum:g}"
    else:
        expected = f"at least {col.minimum:g}"
    if col.kind == "share" and all(1 < v <= 100 for v in values):
        fix = "These look like percentages: write 0.35 (or '35%') for 35%, or divide the column by 100."
    elif col.kind == "score":
        fix = "Scores run from 1 (weak) to 5 (best for us): correct those cells."
    elif col.minimum == 0:
        fix = f"{col.en} cannot be negative: correct those cells."
    else:
        fix = "Correct those cells."
    raise where.error(
        f"column {where.column(col.name)} must be {expected} ({col.unit}); {where.rows(rows)} "
        f"hold {show(values)}. {fix}", column=col.name, rows=rows, values=values)


def _unique(ids, where: _Where, spec: _Table) -> None:
    repeated = ids[ids.duplicated(keep=False)]
    if repeated.empty:
        return
    groups: dict[str, list] = {}
    for label, value in repeated.items():
        groups.setdefault(value, []).append(_plain(label))
    listed = "; ".join(f"{v!r} at {r}" for v, r in list(groups.items())[:5])
    more = f"; … and {len(groups) - 5} more" if len(groups) > 5 else ""
    where_rows = "spreadsheet rows" if where.in_file else "index labels"
    raise where.error(
        f"each {spec.row} must appear once, but {len(groups)} {ids.name} value(s) repeat "
        f"({where_rows}): {listed}{more}. Fix: {spec.repeat_fix}",
        column=ids.name, rows=[r for rs in groups.values() for r in rs],
        values=list(groups), duplicates=groups)


def _as_pandas_reads(s):
    """A column the way pandas would read it: numbers if every cell is a plain number, else text."""
    import pandas as pd

    if s.dtype != object:
        return s
    present = s.notna()
    if present.any():
        nums = pd.to_numeric(s, errors="coerce")
        if nums[present].notna().all() and not s[present].map(lambda v: isinstance(v, bool)).any():
            return nums
    return s.infer_objects()


# --------------------------------------------------------------------------------------------
# Writing to Excel
# --------------------------------------------------------------------------------------------

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def export_excel(tables, path, *, overwrite: bool = False) -> Path:
    """Write one table, or several as sheets, to a formatted .xlsx file.

    Each sheet gets a bold, frozen header row and column widths that fit the contents
    (Chinese characters count double). Share columns (kind ``share`` or names ending in
    ``share``) show as ``0.0%``; money columns (``revenue``, ``profit`` …) as ``#,##0``.
    The numbers stay numbers, so Excel can still compute with them.

    Parameters
    ----------
    tables : DataFrame or dict of {str: DataFrame}
        One table (sheet "Sheet1") or sheet name -> table, in sheet order. Names are made
        valid for Excel: at most 31 characters, none of ``[]:*?/\\``, unique.
        A meaningful index (named, or not 0..n-1) is written as columns.
    path : str or Path
        The ``.xlsx`` file to write; its folder must exist.
    overwrite : bool, default False
        Replace ``path`` if it exists. By default an existing file is never touched.

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
        ``path`` does not end in .xlsx, or ``tables`` is not a DataFrame / dict of them.

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

    from kamlab.tables import money_columns, share_columns

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
            "name, or pass overwrite=True to replace it.", path=str(path))

    sheets = dict(zip(_sheet_names(tables), (_flat(t) for t in tables.values())))
    tmp = folder / f".{path.stem}.{secrets.token_hex(4)}.tmp.xlsx"
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, table in sheets.items():
                table.to_excel(writer, sheet_name=name, index=False)
                _format_sheet(writer.sheets[name], table, share=share_columns(table),
                              money=money_columns(table))
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


def _flat(table):
    """A copy Excel can take: a meaningful index as columns, flat headers, naive datetimes."""
    import pandas as pd

    index = table.index
    plain = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
    out = table.copy() if plain and index.name is None else table.reset_index()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" / ".join(str(p) for p in col if str(p)) for col in out.columns]
    for name in out.columns:
        if isinstance(out[name].dtype, pd.DatetimeTZDtype):
            out[name] = out[name].dt.tz_localize(None)
    return out


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _format_sheet(ws, table, *, share, money) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for j, name in enumerate(table.columns, start=1):
        fmt = "0.0%" if name in share else "#,##0" if name in money else None
        column = ws.iter_rows(min_row=2, max_row=ws.max_row, min_col=j, max_col=j)
        texts = [str(name)]
        for (cell,) in column:
            value = cell.value
            is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if fmt and is_number:
                cell.number_format = fmt
            if len(texts) <= 1000 and value is not None:
                texts.append(_shown(value, fmt if is_number else None))
        width = max(_display_width(t) for t in texts)
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 60)


def _shown(value, fmt) -> str:
    """Roughly what Excel shows in a cell, for the column width."""
    if fmt == "0.0%":
        return f"{value:.1%}"
    if fmt == "#,##0":
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)
