"""Reading a trainee's own table: file -> DataFrame -> checked, canonical columns.

The parsing behind :mod:`kamlab.data`'s ``read_*`` / ``validate_*``: bringing your own CRM/ERP
export into any module. A CSV body is read by pandas' C parser (the first records, read with
:mod:`csv`, find the header row past titles); an Excel sheet through openpyxl. The cell checks
live in :mod:`kamlab._cells`. A caller describes the table with a :class:`TableSpec` and calls
:func:`read_table` or :func:`validate_frame`.
"""
from __future__ import annotations

import csv
import difflib
import io
import os
from collections.abc import Mapping
from pathlib import Path

from kamlab._cells import (
    TableSpec,
    _aliases,
    _as_pandas_reads,
    _blank_cell,
    _blank_column,
    _clean,
    _norm,
    _plain,
    _Where,
)
from kamlab._validate import show
from kamlab._voice import say
from kamlab._xlsx import column_letter as _letter
from kamlab.columns import COLUMNS
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
        used_encoding, typed = None, set()
    else:
        if sheet is not None:
            raise ParameterError(
                f"{label}: {say('sheet=', '--sheet')} applies to Excel files only; this is a text "
                f"(CSV) file. Leave {say('sheet', '--sheet')} out.", source=path.name, sheet=sheet)
        frame, header_row, typed, used_encoding = _csv_frame(path, encoding, label, mapping,
                                                             spec)
        sheet_used = None
    if sheet_used is not None:
        frame, header_row = _frame_from_rows(rows, label, path.name, csv_file=False)
    frame = _rename(frame, mapping, label, path.name)
    pandas_typed = {mapping.get(h, h) for h in typed}  # read as pandas reads them
    where = _Where(path.name, label, header_row=header_row, mapping=mapping)
    try:
        out = _clean(frame, where, spec)
    except MissingColumnsError as err:
        if sheet is None and sheet_used is not None:
            _point_to_other_sheet(err, path, sheet_used, spec, mapping)
        raise
    for name in out.columns:
        col = COLUMNS.get(name)
        typed = col is not None and (col.numeric or col.kind in ("date", "flag"))  # by _clean
        if not (typed or name in spec.ids or name == "stage" or name in pandas_typed):
            out[name] = _as_pandas_reads(out[name])
    out = out.reset_index(drop=True)
    out.attrs = {"source": path.name, "path": str(path.resolve()), "encoding": used_encoding,
                 "sheet": sheet_used, "columns": dict(mapping)}
    return out


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


def _csv_frame(path: Path, encoding, label: str, mapping: dict, spec: TableSpec):
    """A CSV file -> (frame, header row, encoding, columns pandas already typed).

    pandas' C parser reads the body — ids, dates, flags and stages as text for kamlab's own
    checks, every other column as pandas reads it — and the first records, read with
    :mod:`csv`, find the header row. A file the fast path cannot take as it is (a line wider
    than the header area, a record spanning lines above the header, a header far down) is read
    record by record instead, with the same messages.
    """
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise InvalidDataError(
            f"{label}: this is an Excel workbook saved under a {path.suffix} name. Fix: rename it "
            "to .xlsx, or open it in Excel and Save As 'CSV UTF-8'.", source=path.name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidDataError(
            f"{label}: this is an old Excel .xls workbook under a {path.suffix} name. Fix: open it "
            "in Excel and Save As .xlsx or 'CSV UTF-8'.", source=path.name)
    binary = InvalidDataError(
        f"{label}: the file holds binary data, not CSV text. Fix: export the data as "
        "'CSV UTF-8' or .xlsx.", source=path.name)
    text = None
    if encoding is None and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-8 or GBK: guess from the first records, let pandas decode the rest (a byte the
        # guess cannot decode sends the file to the full detection below). A NUL byte is
        # never text in these encodings.
        if b"\x00" in data:
            raise binary
        head_bytes = data[:_HEAD_CHARS]
        if len(data) > len(head_bytes):
            head_bytes = head_bytes[: head_bytes.rfind(b"\n") + 1]
        start, used = _decode(head_bytes, None, label, path.name)
    else:
        text, used = _decode(data, encoding, label, path.name)
        if "\x00" in text:
            raise binary
        start = text
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(start)
    head = _head_records(start, delimiter)
    if head is not None:
        try:
            return (*_fast_csv(path, used, delimiter, head, mapping, spec, label), used)
        except _WrongGuess:  # e.g. GBK bytes below an ASCII head: detect on the whole file
            text, used = _decode(data, encoding, label, path.name)
            try:
                return (*_fast_csv(path, used, delimiter, head, mapping, spec, label), used)
            except _NotPlain:
                pass
        except _NotPlain:
            pass
    if text is None:  # the delimiter stays: _delimiter reads only the first line
        text, used = _decode(data, encoding, label, path.name)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as err:
        raise InvalidDataError(
            f"{label}: cannot be parsed as CSV ({err}). Fix: open it in Excel and Save As "
            "'CSV UTF-8', or save it as .xlsx.", source=path.name) from None
    frame, header_row = _frame_from_rows(rows, label, path.name, csv_file=True)
    return frame, header_row, set(), used


class _NotPlain(Exception):
    """The fast CSV path cannot read this file as it is: read it record by record."""


class _WrongGuess(_NotPlain):
    """The encoding guessed from the first records does not decode the whole file."""


_HEAD_CHARS, _HEAD_RECORDS = 1 << 16, 60


def _head_records(text: str, delimiter: str):
    """The first records as (cells, line number after the record); None if they do not parse."""
    head = text[:_HEAD_CHARS]
    if len(text) > len(head):
        head = head[: head.rfind("\n") + 1]
    if not head:
        return None
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter, strict=True)
    records = []
    try:
        for row in reader:
            records.append((row, reader.line_num))
            if len(records) == _HEAD_RECORDS:
                break
    except csv.Error:
        return None
    return records


def _fast_csv(path: Path, encoding: str, delimiter: str, head, mapping, spec: TableSpec, label):
    import numpy as np
    import pandas as pd

    rows = [[None if _blank_cell(v) else v for v in row] for row, _ in head]
    start = next((i for i, row in enumerate(rows) if any(v is not None for v in row)), None)
    if start is None or start > _HEAD_RECORDS // 2:
        raise _NotPlain
    start = _header_start(rows, start)
    if head[start][1] != start + 1:  # a quoted line break above the header: lines ≠ records
        raise _NotPlain
    cells = rows[start]
    width = max(j + 1 for j, v in enumerate(cells) if v is not None)
    headers = [_header_text(v) for v in cells[:width]]
    positions = max(width, *(len(row) for row, _ in head))
    names = [mapping.get(h, h) for h in headers] + [""] * (positions - width)
    as_text = [j for j, name in enumerate(names) if not name or name in spec.ids or name == "stage"
               or getattr(COLUMNS.get(name), "kind", "") in ("date", "flag")]
    options = dict(encoding=encoding, sep=delimiter, header=None, skiprows=start + 1,
                   keep_default_na=False, na_values=[""], skip_blank_lines=False,
                   index_col=False, engine="c")
    try:
        raw = pd.read_csv(path, names=list(range(positions)),
                          dtype=dict.fromkeys(as_text, str), **options)
        # The C parser reads 'inf' and 1e400 as infinity: read those columns again as text,
        # so a message quotes the cell as the user typed it.
        infinite = [j for j in range(positions) if pd.api.types.is_float_dtype(raw[j])
                    and np.isinf(raw[j].to_numpy()).any()]
        if infinite:
            again = pd.read_csv(path, names=list(range(positions)), usecols=infinite,
                                dtype=str, **options)
            raw[infinite] = again[infinite]
    except UnicodeDecodeError:
        raise _WrongGuess from None
    except (ValueError, pd.errors.ParserError):
        raise _NotPlain from None  # e.g. a line with more fields than the first records
    raw.index = pd.RangeIndex(start + 2, start + 2 + len(raw))
    frame, header_row = _frame_from_raw(raw, headers, start + 1,
                                        sum(v is not None for v in cells), label, path.name,
                                        csv_file=True)
    typed = {h for j, h in enumerate(headers) if h and j not in as_text}
    return frame, header_row, typed


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
    first = next((line for line in text[:_HEAD_CHARS].splitlines() if line.strip()), "")
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
    cells = rows[start]
    width = max(j + 1 for j, v in enumerate(cells) if v is not None)
    headers = [_header_text(v) for v in cells[:width]]
    body = rows[start + 1:]
    positions = max([width, *(len(row) for row in body)])
    raw = pd.DataFrame([row + [None] * (positions - len(row)) for row in body],
                       columns=range(positions), dtype=object,
                       index=pd.RangeIndex(start + 2, start + 2 + len(body)))
    return _frame_from_raw(raw, headers, start + 1, sum(v is not None for v in cells), label,
                           source, csv_file=csv_file)


def _frame_from_raw(raw, headers, header_row: int, header_cells: int, label: str, source: str,
                    *, csv_file: bool):
    """Columns by position under ``headers`` -> the named columns, after two header checks."""
    width = len(headers)
    for j in range(raw.shape[1]):  # data under a blank header, or right of the last one
        if j < width and headers[j]:
            continue
        filled = ~_blank_column(raw.iloc[:, j]).to_numpy(dtype=bool)
        if not filled.any():
            continue
        rows = [_plain(r) for r in raw.index[filled]]
        values = [_plain(v) for v in raw.iloc[:, j].to_numpy()[filled]]
        if header_cells == 1:
            hint = f" If row {header_row} is a title, delete the rows above the header row."
        elif csv_file and j >= width:
            hint = (" In a CSV file this usually means a value contains the separator without "
                    "quotes, e.g. 1,234 instead of \"1,234\": re-export it from Excel, or remove "
                    "the thousands separators.")
        else:
            hint = ""
        raise InvalidDataError(
            f"{label}: column {_letter(j)} has values but no header (header row {header_row}): "
            f"spreadsheet row(s) {show(rows)} hold {show(values)}. Fix: type a header into row "
            f"{header_row} of column {_letter(j)}, or delete the column.{hint}",
            source=source, column=_letter(j), rows=rows, values=values)

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
    frame = raw.iloc[:, named]
    frame.columns = [headers[j] for j in named]
    return frame, header_row


# -- column names -----------------------------------------------------------------------------

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
