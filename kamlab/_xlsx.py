"""A streaming .xlsx writer for large tables: a million rows in seconds, in bounded memory.

:func:`kamlab.export.export_excel` writes through this. openpyxl and XlsxWriter build every
cell as a Python object (several microseconds each: minutes for a million accounts); here each
column of a block of rows becomes its cells' XML in a few vectorised steps, and the blocks are
deflated into the zip file as they are made, so memory holds one block, not the workbook.

The files have the shape Excel and XlsxWriter's constant-memory mode write: inline strings,
a reference on every cell, a bold frozen header row, fitted column widths, and number formats
(``0.0%``, ``#,##0``, dates). Text is never a formula: a cell starting with ``=``, ``+``, ``-``
or ``@`` is written as text with Excel's quote-prefix flag, so editing it keeps it text.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, repeat
from queue import Queue
from threading import Thread
from xml.sax.saxutils import escape, quoteattr

__all__ = ["Sheet", "write_workbook", "column_letter", "BLOCK_ROWS", "HELPER_ROWS"]

#: Rows turned into XML at a time: large enough to be fast, small enough to keep memory flat.
BLOCK_ROWS = 50_000
#: From this many rows a helper process builds half the blocks (forking costs ~0.1 s).
HELPER_ROWS = 200_000

_FORMULA_START = ("=", "+", "-", "@")

# Cell styles (cellXfs positions in _STYLES): the header, number formats, quote-prefixed text.
_PLAIN, _HEADER, _HEADER_QUOTED, _PERCENT, _MONEY, _DATE, _DATETIME, _QUOTED = range(8)
_FORMAT_STYLE = {None: _PLAIN, "0.0%": _PERCENT, "#,##0": _MONEY}

_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/>\
<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/>\
<numFmt numFmtId="166" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="8">\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>\
</cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass
class Sheet:
    """One sheet to write: a flat DataFrame, its header texts, formats and column widths."""

    name: str
    table: object  # pandas.DataFrame with unique, flat columns
    headers: list  # the header row's texts, one per column
    formats: list  # per column: None, "0.0%" or "#,##0"
    widths: list  # per column, in Excel's character units


def column_letter(j: int) -> str:
    """0-based column position -> spreadsheet letter (0 -> A, 26 -> AA)."""
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def write_workbook(path, sheets: list[Sheet], progress=None) -> None:
    """Write ``sheets`` to the .xlsx file ``path``; ``progress(rows)`` after each block.

    With more than :data:`HELPER_ROWS` rows on a Linux machine with two or more cores, a
    forked helper process builds every other block's XML (it shares the tables with this
    process, nothing is copied to it), while a thread deflates: the three overlap.
    """
    global _SHEETS
    rows = sum(len(s.table) for s in sheets)
    helper = None
    if rows >= HELPER_ROWS and sys.platform == "linux" and (os.cpu_count() or 1) > 1:
        _SHEETS = sheets  # what the forked helper sees
        helper = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        helper.submit(int).result()  # fork now, before the writer thread exists
    try:
        _write_parts(path, sheets, progress, helper)
    finally:
        if helper is not None:
            helper.shutdown(cancel_futures=True)
        _SHEETS = None


def _write_parts(path, sheets, progress, helper) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _content_types(len(sheets)))
        z.writestr("_rels/.rels", _root_rels())
        z.writestr("xl/workbook.xml", _workbook(sheets))
        z.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        z.writestr("xl/styles.xml", _STYLES)
        for k, sheet in enumerate(sheets, start=1):
            with z.open(f"xl/worksheets/sheet{k}.xml", "w", force_zip64=True) as out:
                _write_behind(out, _sheet_xml(sheet, k - 1, progress, helper))


def _write_behind(out, chunks) -> None:
    """Write ``chunks`` to ``out`` from a second thread while the next chunk is being made.

    zlib and the CRC release the GIL, so deflating block n runs beside building block n + 1
    on a second core. At most two blocks wait in the queue; an error on either side stops both.
    """
    done = object()
    queue: Queue = Queue(maxsize=2)
    failed = []

    def writer():
        while (chunk := queue.get()) is not done:
            if not failed:
                try:
                    out.write(chunk)
                except BaseException as err:  # handed to the main thread below
                    failed.append(err)

    thread = Thread(target=writer, name="kamlab-xlsx-writer", daemon=True)
    thread.start()
    try:
        for chunk in chunks:
            if failed:
                break
            queue.put(chunk)
    finally:
        queue.put(done)
        thread.join()
    if failed:
        raise failed[0]


# -- the package parts ---------------------------------------------------------------------------

def _content_types(n: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for k in range(1, n + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{sheets}</Types>")


def _root_rels() -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def _workbook(sheets) -> str:
    entries = "".join(f'<sheet name={quoteattr(s.name)} sheetId="{k}" r:id="rId{k}"/>'
                      for k, s in enumerate(sheets, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
            f"<sheets>{entries}</sheets></workbook>")


def _workbook_rels(n: int) -> str:
    rels = "".join(f'<Relationship Id="rId{k}" Type="{_REL}/worksheet" '
                   f'Target="worksheets/sheet{k}.xml"/>' for k in range(1, n + 1))
    rels += (f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>')


# -- one sheet --------------------------------------------------------------------------------

def _sheet_xml(sheet: Sheet, k: int, progress, helper):
    """Sheet ``k``'s XML as UTF-8 chunks: the head, one chunk per block, the tail.

    With a ``helper`` process, odd blocks are made there (two at most ahead of this process,
    so finished blocks do not pile up in memory) and even blocks here, in order.
    """
    table = sheet.table
    rows, cols = table.shape
    letters = [column_letter(j) for j in range(max(cols, 1))]
    last = f"{letters[max(cols, 1) - 1]}{rows + 1}"
    widths = "".join(f'<col min="{j + 1}" max="{j + 1}" width="{w:.2f}" customWidth="1"/>'
                     for j, w in enumerate(sheet.widths))
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:{last}"/>'
           '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
           'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
           'activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
           '<sheetFormatPr defaultRowHeight="15"/>'
           + (f"<cols>{widths}</cols>" if widths else "") + "<sheetData>").encode()
    header = "".join(_text_cell(f"{letters[j]}1", str(h),
                                _HEADER_QUOTED if str(h).startswith(_FORMULA_START) else _HEADER)
                     for j, h in enumerate(sheet.headers))
    yield f'<row r="1">{header}</row>'.encode()
    starts = list(range(0, rows, BLOCK_ROWS))
    ahead = {}
    for i, start in enumerate(starts):
        if helper is not None and i % 2 == 0:  # queue the helper's next two (odd) blocks
            for later in starts[i + 1:i + 4:2]:
                if later not in ahead:
                    ahead[later] = helper.submit(_block_bytes, k, later)
        if start in ahead:
            yield ahead.pop(start).result()
        else:
            yield _block_bytes(k, start, sheet)
        if progress is not None:
            progress(min(BLOCK_ROWS, rows - start))
    yield (b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
           b'header="0.3" footer="0.3"/></worksheet>')


#: The sheets being written, for the forked helper process (set only while it runs).
_SHEETS = None


def _block_bytes(k: int, start: int, sheet: Sheet | None = None) -> bytes:
    """Rows ``start`` … ``start + BLOCK_ROWS`` of sheet ``k`` as UTF-8 XML."""
    sheet = _SHEETS[k] if sheet is None else sheet
    block = sheet.table.iloc[start:start + BLOCK_ROWS]
    letters = [column_letter(j) for j in range(block.shape[1])]
    return _block_xml(block, start + 2, letters, sheet.formats).encode("utf-8")


def _text_cell(ref: str, text: str, style: int) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _block_xml(block, first_row: int, letters, formats) -> str:
    """The <row> elements of one block, as one join over every cell's pieces.

    A column without blanks or odd cells in the block adds five pieces per cell — ``<c r="``
    and its letter, the row number, the style, the value, the closing tag — all but the value
    shared; any other column adds one ready-made string per cell ("" for a blank). Joining
    the interleaved pieces once is linear in the output, where adding strings cell by cell
    would copy each row once per column.
    """
    numbers = [str(r) for r in range(first_row, first_row + len(block))]
    pieces = ['<row r="', numbers, '">']
    for j in range(block.shape[1]):
        pieces += _column_pieces(block.iloc[:, j], letters[j], numbers, formats[j])
    pieces.append("</row>")
    merged = []  # neighbouring constants as one: '</v></c>' + '<c r="B' -> one piece a cell
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return "".join(chain.from_iterable(zip(*(repeat(p) if isinstance(p, str) else p
                                              for p in merged))))


def _column_pieces(s, letter: str, numbers, fmt) -> list:
    """One column's cells: [open, row numbers, middle, values, close] (constants as str) or
    [cells]."""
    import numpy as np
    import pandas as pd

    dtype = s.dtype
    style = _FORMAT_STYLE.get(fmt, _PLAIN)
    if pd.api.types.is_bool_dtype(dtype) and not s.hasnans:
        values = ["1" if v else "0" for v in s.to_numpy(dtype=bool)]
        return _uniform(letter, numbers, '" t="b"><v>', values, "</v></c>")
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_complex_dtype(dtype):
        values = _number_texts(s.to_numpy(dtype="float64", na_value=np.nan))
    elif pd.api.types.is_datetime64_any_dtype(dtype):
        stamps = pd.DatetimeIndex(s)
        serial = ((stamps - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)).to_numpy(
            dtype="float64", na_value=np.nan)
        timed = bool((stamps.dropna() != stamps.dropna().normalize()).any())
        values, style = _number_texts(serial), _DATETIME if timed else _DATE
    else:
        return _text_pieces(s, letter, numbers, style)
    middle = f'" s="{style}"><v>' if style else '"><v>'
    if None not in values:
        return _uniform(letter, numbers, middle, values, "</v></c>")
    return [[f'<c r="{letter}{r}{middle}{v}</v></c>' if v is not None else ""
             for r, v in zip(numbers, values)]]


def _uniform(letter, numbers, middle, values, close) -> list:
    return [f'<c r="{letter}', numbers, middle, values, close]


def _number_texts(values) -> list:
    """Numbers as the text of <v>: whole ones without ".0", others as Python's shortest repr,
    None for a blank (NaN) or an infinity (an .xlsx cannot hold one)."""
    import numpy as np

    finite = np.isfinite(values)
    safe = np.where(finite, values, 0.0)
    whole = finite & (safe == np.round(safe)) & (np.abs(safe) < 1e15)
    if whole.all():
        return list(map(str, safe.astype(np.int64).tolist()))
    out = list(map(float.__repr__, safe.tolist()))
    for i in np.flatnonzero(whole):
        out[i] = str(int(safe[i]))
    for i in np.flatnonzero(~finite):
        out[i] = None
    return out


def _text_pieces(s, letter, numbers, style) -> list:
    """Text cells; blanks, odd cells (outer spaces, formula-like) or mixed types one by one."""
    import pandas as pd

    values = s.to_numpy(dtype=object, na_value=None)
    if pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        joined = "\n" + "\n".join(v for v in values if v is not None)
        escaped = ([escape(v) if v is not None else None for v in values]
                   if "&" in joined or "<" in joined or ">" in joined else list(values))
        quoted = any("\n" + ch in joined for ch in _FORMULA_START)
        odd = [v is None or v != v.strip() or (quoted and v.startswith(_FORMULA_START))
               for v in values]
        if not any(odd):
            return _uniform(letter, numbers, '" t="inlineStr"><is><t>', escaped,
                            "</t></is></c>")
        return [[_text_cell(f"{letter}{r}", v, _QUOTED if v.startswith(_FORMULA_START)
                            else _PLAIN) if bad and v is not None
                 else "" if v is None
                 else f'<c r="{letter}{r}" t="inlineStr"><is><t>{e}</t></is></c>'
                 for r, v, e, bad in zip(numbers, values, escaped, odd)]]
    return [[_any_cell(f"{letter}{r}", v, style) for r, v in zip(numbers, values)]]


def _any_cell(ref: str, v, style: int) -> str:
    """One cell of a column that mixes types: by the value's own type."""
    import numpy as np

    if isinstance(v, str):
        return _text_cell(ref, v, _QUOTED if v.startswith(_FORMULA_START) else _PLAIN)
    if v is None or (isinstance(v, float) and not np.isfinite(v)):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
    s = f' s="{style}"' if style else ""
    if isinstance(v, (int, np.integer)):
        return f'<c r="{ref}"{s}><v>{int(v)}</v></c>'
    if isinstance(v, (float, np.floating)):
        return f'<c r="{ref}"{s}><v>{float(v)!r}</v></c>'
    try:
        missing = bool(v != v)
    except (TypeError, ValueError):
        missing = False
    return "" if missing else _text_cell(ref, str(v), _PLAIN)
