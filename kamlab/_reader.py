"""Reading a trainee's own table: file -> rows -> DataFrame -> checked, canonical columns.

The parsing and checking behind :mod:`kamlab.data`'s ``read_*`` / ``validate_*``: bringing
your own CRM/ERP export into any module (stage names follow seed 002's funnel). Self-contained:
a caller describes the table with a :class:`TableSpec` and calls :func:`read_table` or
:func:`validate_frame`.
"""
from __future__ import annotations

import csv
import difflib
import io
import math
import numbers
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kamlab._validate import show
from kamlab._voice import mapping_fix, say
from kamlab.columns import COLUMNS, FALSE_WORDS, STAGE_NAMES, TRUE_WORDS
from kamlab.exceptions import (
    InvalidDataError,
    KamlabError,
    MissingColumnsError,
    NoSuchFileError,
    ParameterError,
    WrongTypeError,
)

__all__ = ["TableSpec", "read_table", "validate_frame", "CSV_SUFFIXES", "EXCEL_SUFFIXES"]

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


# -- what a kind of table must hold (kamlab.data defines one per table) ------------------------

@dataclass(frozen=True)
class TableSpec:
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


# -- entry points ------------------------------------------------------------------------------

def validate_frame(df, source, spec: TableSpec):
    """Check a DataFrame that already has canonical column names as ``spec`` describes."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise ParameterError(
            f"{spec.validate}() needs a pandas DataFrame; got {type(df).__name__}. "
            f"For a file, use kamlab.{spec.func}(path).", got=type(df).__name__)
    return _clean(df, _Where(str(source), f"{spec.validate}({source})"), spec)


def read_table(path, spec: TableSpec, *, columns, encoding, sheet):
    """Parse, rename and check a user's file as the table ``spec`` describes."""
    if not isinstance(path, (str, os.PathLike)):
        kind = type(path).__name__
        hint = (f" For a DataFrame you already have, rename its columns and call "
                f"validate_{spec.func.split('_', 1)[1]}(df)." if kind == "DataFrame" else "")
        raise WrongTypeError(
            f"{spec.func}() reads a file: give the path of a CSV or .xlsx export as text or a "
            f"pathlib.Path, e.g. {spec.func}('my_export.xlsx'); got {kind}.{hint}", got=kind)
    path = Path(path)
    label = f"{spec.func}({str(path)!r})"
    mapping = _check_mapping(columns, spec.func)
    suffix = path.suffix.lower()
    _check_input_file(path, suffix, label)
    if suffix in EXCEL_SUFFIXES:
        if encoding is not None:
            raise ParameterError(
                f"{label}: {say('encoding=', '--encoding')} applies to CSV files only; an Excel "
                f"workbook carries its own. Leave {say('encoding', '--encoding')} out.", source=path.name, encoding=encoding)
        rows, sheet_used = _excel_rows(path, sheet, label)
        used_encoding = None
    else:
        if sheet is not None:
            raise ParameterError(
                f"{label}: {say('sheet=', '--sheet')} applies to Excel files only; this is a text "
                f"(CSV) file. Leave {say('sheet', '--sheet')} out.", source=path.name, sheet=sheet)
        rows, used_encoding = _csv_rows(path, encoding, label)
        sheet_used = None
    frame, header_row = _frame_from_rows(rows, label, path.name, csv_file=sheet_used is None)
    frame = _rename(frame, mapping, label, path.name)
    where = _Where(path.name, label, header_row=header_row, mapping=mapping)
    try:
        out = _clean(frame, where, spec)
    except MissingColumnsError as err:
        if sheet is None and sheet_used is not None:
            _point_to_other_sheet(err, path, sheet_used, spec, mapping)
        raise
    for name in out.columns:
        col = COLUMNS.get(name)
        typed = col is not None and (col.numeric or col.kind in ("date", "flag"))
        if not (typed or name in spec.ids or name == "stage"):  # already cleaned by _clean
            out[name] = _as_pandas_reads(out[name])
    out = out.reset_index(drop=True)
    out.attrs = {"source": path.name, "path": str(path.resolve()), "encoding": used_encoding,
                 "sheet": sheet_used, "columns": dict(mapping)}
    return out


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
        "usual encodings of CSV exports). Fix: in Excel, Save As 'CSV UTF-8 (逗号分隔)', or give "
        f"the file's encoding, e.g. {say('encoding=' + repr('big5'), '--encoding big5')}.", source=source, encoding=None)


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
                    f"Pass one of them, e.g. {say(f'sheet={names[0]!r}', f'--sheet {names[0]}')}.", sheet=sheet, sheets=names)
            raw = pd.read_excel(book, sheet_name=chosen, header=None, dtype=object)
    except KamlabError:
        raise
    except Exception as err:  # a damaged or mislabelled file: BadZipFile, InvalidFileException…
        raise InvalidDataError(
            f"{label}: cannot be read as an Excel workbook ({type(err).__name__}: {err}). Fix: "
            "open it in Excel and save it again as .xlsx, or export it as 'CSV UTF-8'.",
            source=path.name) from None
    return raw.to_numpy(dtype=object).tolist(), chosen


def _point_to_other_sheet(err, path: Path, used: str, spec: TableSpec, mapping) -> None:
    """Required columns missing from the first sheet: name the sheet that has them, if any."""
    import pandas as pd

    aliases = _aliases()
    wanted = set(spec.required)
    found = []
    with pd.ExcelFile(path, engine="openpyxl") as book:
        for name in book.sheet_names:
            if name == used:
                continue
            raw = pd.read_excel(book, sheet_name=name, header=None, dtype=object, nrows=15)
            for row in raw.to_numpy(dtype=object).tolist():
                cols = {mapping.get(_header_text(v), aliases.get(_norm(v)))
                        for v in row if not _blank_cell(v)}
                if wanted <= cols:
                    found.append(name)
                    break
        others = [n for n in book.sheet_names if n != used]
    if found:
        hint = (f" The sheet {found[0]!r} has them: read it with "
                f"{say(f'sheet={found[0]!r}', f'--sheet {found[0]}')}.")
    elif others:
        hint = (f" This read the first sheet, {used!r}; the workbook also has {show(others, 10)} — "
                f"choose one with {say('sheet=…', '--sheet …')}.")
    else:
        return
    err.message = err.message + hint
    err.args = (err.message,)
    err.fields["sheets"] = [used, *others]
    err.sheets = [used, *others]


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


def _header_start(rows, start: int, look: int = 10) -> int:
    """The header row's position, past a title or a merged group-header row above it.

    Reports often open with a title ("2026年客户销售报表"), a date line or merged group
    headers ("客户信息 | 销售"): rows at most half as wide as the rows under them. The header
    is the first row at least half as wide as the widest of the next five non-blank rows.
    """
    filled = [(i, sum(v is not None for v in row)) for i, row in enumerate(rows[start:], start)
              if any(v is not None for v in row)][: look + 5]
    for k, (i, n) in enumerate(filled[:look]):
        below = [m for _, m in filled[k + 1:k + 6]]
        if not below or n * 2 > max(below):
            return i
    return start


def _frame_from_rows(rows, label: str, source: str, *, csv_file: bool):
    """Cells -> a DataFrame of objects whose index is the spreadsheet row number."""
    import pandas as pd

    rows = [[None if _blank_cell(v) else v for v in row] for row in rows]
    start = next((i for i, row in enumerate(rows) if any(v is not None for v in row)), None)
    if start is None:
        raise InvalidDataError(
            f"{label}: the file is empty (only blank lines): expected a header row and one row "
            "per account. Fix: export the data again.", source=source)
    start = _header_start(rows, start)
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
            f"{func}(): {say('columns=', '--map')} maps {header!r} to {target!r}, which is not a kamlab "
            f"column.{hint} Valid names: {', '.join(COLUMNS)} (kamlab.columns.describe() explains "
            "each).", invalid=[t for _, t in bad], valid=list(COLUMNS))
    targets = list(mapping.values())
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        headers = [h for h, t in mapping.items() if t == twice[0]]
        raise ParameterError(
            f"{func}(): {say('columns=', '--map')} maps {show(headers)} all to {twice[0]!r}; each kamlab "
            "column can come from one header only. Keep one of them.", invalid=twice)
    return mapping


def _rename(frame, mapping: dict, label: str, source: str):
    available = [str(c) for c in frame.columns]
    unknown = [h for h in mapping if h not in frame.columns]
    if unknown:
        close = {h: difflib.get_close_matches(h, available, n=1) for h in unknown}
        hint = "".join(f" For {h!r} did you mean {m[0]!r}?" for h, m in close.items() if m)
        raise MissingColumnsError(
            f"{label}: {say('columns=', '--map')} names header(s) {show(unknown)} that the file does not have; its "
            f"headers are {show(available, 30)}.{hint} Fix: copy each header exactly as it appears "
            "in the header row (spaces around it do not matter).",
            missing=unknown, available=available, source=source)
    clash = [t for h, t in mapping.items() if t in frame.columns and t not in mapping and t != h]
    if clash:
        raise ParameterError(
            f"{label}: the file already has a {clash[0]!r} column, and {say('columns=', '--map')} maps another header "
            f"to {clash[0]!r} too. Fix: map only one of them (or rename the other in the file).",
            invalid=clash)
    return frame.rename(columns=mapping)


# -- the checks -------------------------------------------------------------------------------

def _clean(df, where: _Where, spec: TableSpec):
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
    _no_totals(out, where, spec)
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


#: What the id or name cell of a totals line says at the bottom of an export (compared
#: without spaces, colons or case): 合计 / 总计 / 小计 / Total …
TOTAL_WORDS = frozenset({"合计", "总计", "小计", "总和", "共计", "累计", "合计金额", "总计金额",
                         "total", "totals", "grandtotal", "subtotal"})


def _total_word(value) -> bool:
    if not isinstance(value, str):
        return False
    key = re.sub(r"[\s:：()（）]", "", unicodedata.normalize("NFKC", value)).casefold()
    return key in TOTAL_WORDS


def _no_totals(df, where: _Where, spec: TableSpec) -> None:
    """A totals line counted as a row would become the #1 account: refuse it, naming the row."""
    for name in (*spec.ids, "name"):
        if name not in df.columns:
            continue
        hit = df[name].map(_total_word)
        if hit.any():
            rows = [_plain(r) for r in df.index[hit.to_numpy(dtype=bool)]]
            values = [df.at[r, name] for r in df.index[hit.to_numpy(dtype=bool)]]
            raise where.error(
                f"{where.rows(rows)} look like a totals line ({where.column(name)} says "
                f"{show(values)}): counted as one more {spec.row} it would outweigh every real one. "
                "Fix: delete the totals row(s) from the export (keep only one row per "
                f"{spec.row}).", column=name, rows=rows, values=values)


def _blank_column(s):
    import pandas as pd

    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s):
        return s.isna()
    return s.map(_blank_cell).astype(bool)


def _require(df, where: _Where, spec: TableSpec) -> None:
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
            fix = f"Fix: {mapping_fix({**where.mapping, **suggest}, spec.func)}"
        else:
            fix = "Fix: " + say(f"tell {spec.func} which header holds it, e.g. columns={{'your header': "
                                f"{missing[0]!r}}}", f"say which header holds it, e.g. --map "
                                f"'your header'={missing[0]}") + ", or rename the header in the file"
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


def _ids(s, where: _Where, spec: TableSpec, *, required: bool):
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
    x = sign * float(text) / divisor
    return x if math.isfinite(x) else None  # 1e400 overflows to inf: not an amount


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
    if any(re.search(r"e\+?\d{3,}", t.lower()) for t in texts):
        hints.append("Numbers like 1e400 are too large to be amounts (they overflow to infinity).")
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


def _id_key(value):
    """An id as a person reads it: full-width forms, case and outer spaces do not matter."""
    return value if not isinstance(value, str) else unicodedata.normalize("NFKC", value).strip().casefold()


def _unique(ids, where: _Where, spec: TableSpec) -> None:
    repeated = ids[ids.duplicated(keep=False)]
    if repeated.empty:
        keys = ids.map(_id_key)
        alike = ids[keys.duplicated(keep=False)]
        if alike.empty:
            return
        groups: dict[str, list] = {}
        for label, value in alike.items():
            groups.setdefault(_id_key(value), []).append((_plain(label), value))
        first = next(iter(groups.values()))
        listed = ", ".join(f"{v!r} (row {r})" if where.in_file else f"{v!r} (index {r})"
                           for r, v in first)
        raise where.error(
            f"{ids.name} values {listed} differ only in full-width characters or upper/lower "
            f"case: they would count as {len(first)} different {spec.row}s. Fix: write each id "
            f"the same way in every row ({len(groups)} such group(s)).",
            column=ids.name, rows=[r for g in groups.values() for r, _ in g],
            values=[v for g in groups.values() for _, v in g])
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
