"""Checking a trainee's table cell by cell: ids, numbers, dates, flags, stages, totals, repeats.

The checks behind :mod:`kamlab.data`'s ``read_*`` / ``validate_*`` once a file is a DataFrame
(:mod:`kamlab._reader` turns files into one). Each check works on whole columns and sends only
the cells it cannot read plainly to the cell-by-cell cleaner (``¥1,234``, ``(50)``, ``35%``), and
every error names the spreadsheet rows (or index labels) and values it refused.
"""

import math
import numbers
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from kamlab._validate import show
from kamlab._voice import mapping_fix, say
from kamlab.columns import COLUMNS, FALSE_WORDS, STAGE_NAMES, TRUE_WORDS
from kamlab.exceptions import (
    InvalidDataError,
    MissingColumnsError,
)

__all__ = ["TableSpec", "TOTAL_WORDS"]


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


# -- the checks -------------------------------------------------------------------------------

def _clean(df, where: _Where, spec: TableSpec):
    """The shared checks: a new DataFrame, or an error naming rows and values."""

    blank = _blank_rows(df) if df.shape[1] else None
    # Columns are replaced below, never written into, so a shallow copy keeps the caller's
    # DataFrame as it was (and skips copying, and consolidating, every column).
    out = df.loc[~blank] if blank is not None and blank.any() else df.copy(deep=False)
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


#: The longest cell read as a totals label ("合计" with spaces or a colon around it).
TOTAL_MAX_CHARS = 24


def _total_word(value) -> bool:
    if not isinstance(value, str) or len(value) > TOTAL_MAX_CHARS:
        return False
    key = re.sub(r"[\s:：()（）]", "", unicodedata.normalize("NFKC", value)).casefold()
    return key in TOTAL_WORDS


#: What _total_word removes from a cell, after NFKC (which makes ：（） and most spaces ASCII):
#: the whitespace NFKC leaves as it is (but the newline that joins cells), colons, brackets.
_IGNORED_CHARS = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2028\u2029:()"
_IGNORED_IN_LINE = re.compile("[" + re.escape(_IGNORED_CHARS) + "]")
#: Every totals word holds one of these, or a t that NFKC and case-folding make of T / Ｔ / ｔ.
_TOTAL_HINTS = "计和tTｔＴ"


def _total_cells(s):
    """True where a cell says 'total' (合计 …), as _total_word decides, for a whole column.

    A text column is joined into one string and checked in a few C-level passes (a column of
    ids, with none of 计/和/t in it, in one); cells over TOTAL_MAX_CHARS are names, not totals.
    """
    import numpy as np
    import pandas as pd

    texts = _texts(s)
    if texts is None:
        return s.map(_total_word).astype(bool)
    # A totals label is short: a cell over TOTAL_MAX_CHARS characters is a name, not a total.
    present = np.flatnonzero(s.notna().to_numpy())
    short = np.fromiter(map(len, texts[present]), np.int64, len(present)) <= TOTAL_MAX_CHARS
    present = present[short]
    hit = np.zeros(len(texts), dtype=bool)
    if not len(present):
        return pd.Series(hit, index=s.index)
    joined = "\n".join(texts[present])
    if not any(ch in joined for ch in _TOTAL_HINTS):  # a plain scan: the usual case
        return pd.Series(hit, index=s.index)
    # _total_word for every short cell at once: NFKC, case-fold and drop what it ignores over
    # the joined column (one pass each, in C), then split it back into cells.
    if not unicodedata.is_normalized("NFKC", joined):
        joined = unicodedata.normalize("NFKC", joined)
    keys = joined.casefold()
    if any(ch in keys for ch in _IGNORED_CHARS):  # a plain scan each (a regex is slower)
        keys = _IGNORED_IN_LINE.sub("", keys)
    keys = keys.split("\n")
    if len(keys) != len(present):
        return s.map(_total_word).astype(bool)  # a cell holds a line break: cell by cell
    if not TOTAL_WORDS.isdisjoint(keys):
        hit[present] = [k in TOTAL_WORDS for k in keys]
    return pd.Series(hit, index=s.index)


def _no_totals(df, where: _Where, spec: TableSpec) -> None:
    """A totals line counted as a row would become the #1 account: refuse it, naming the row."""
    for name in (*spec.ids, "name"):
        if name not in df.columns:
            continue
        hit = _total_cells(df[name])
        if hit.any():
            rows = [_plain(r) for r in df.index[hit.to_numpy(dtype=bool)]]
            values = [df.at[r, name] for r in df.index[hit.to_numpy(dtype=bool)]]
            raise where.error(
                f"{where.rows(rows)} look like a totals line ({where.column(name)} says "
                f"{show(values)}): counted as one more {spec.row} it would outweigh every real one. "
                "Fix: delete the totals row(s) from the export (keep only one row per "
                f"{spec.row}).", column=name, rows=rows, values=values)


def _texts(s):
    """The cells of a text column as a numpy object array, or None if some are not text.

    pandas reads text as ``str`` (or ``object``) columns; NaN marks a blank. Checks loop over
    this array in plain Python (a list comprehension over str is ~30 ns a cell, several times
    faster than ``Series.map`` or the python-backed ``.str`` methods).
    """
    import pandas as pd

    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s):
        return None
    kind = pd.api.types.infer_dtype(s, skipna=True)
    if kind not in ("string", "empty"):
        return None
    return s.to_numpy(dtype=object, na_value=None)


def _blank_column(s):
    """True where a cell is blank: NaN, None, NaT or only spaces."""
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s):
        return s.isna()
    texts = _texts(s)
    if texts is None:
        return s.map(_blank_cell).astype(bool)
    return pd.Series(np.fromiter((v is None or not v.strip() for v in texts), bool, len(texts)),
                     index=s.index)


def _blank_rows(df):
    """True where every cell of the row is blank (cheap columns first; stops when none can be)."""
    import numpy as np
    import pandas as pd

    order = sorted(range(df.shape[1]), key=lambda j: not pd.api.types.is_numeric_dtype(
        df.iloc[:, j]))
    blank = np.ones(len(df), dtype=bool)
    for j in order:
        blank &= _blank_column(df.iloc[:, j]).to_numpy(dtype=bool)
        if not blank.any():
            break
    return blank


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

    texts = _texts(s)
    if texts is not None:  # the usual case: ids read as text
        cells = [None if v is None else v.strip() or None for v in texts]
    else:
        cells = [text(v) for v in s]
    ids = pd.Series(cells, index=s.index, dtype="str")
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


def _parse_numbers(s, *, percent: bool):
    """(float Series, bad mask): plain numbers in one vectorised step, the rest cell by cell."""
    import numpy as np
    import pandas as pd

    texts = _texts(s)
    if texts is not None:
        x = pd.to_numeric(s, errors="coerce").astype("float64")
        values = x.to_numpy(copy=True)
        todo = ~np.isfinite(values) & ~_blank_column(s).to_numpy(dtype=bool)
    else:
        values = np.full(len(s), np.nan)
        todo = np.ones(len(s), dtype=bool)
    bad = np.zeros(len(s), dtype=bool)
    cells = s.to_numpy(dtype=object)
    for i in np.flatnonzero(todo):  # ¥1,234 · (50) · 35% · 1,234- … and what is not a number
        p = _number(cells[i], percent=percent)
        values[i] = math.nan if p is None else p
        bad[i] = p is None
    return pd.Series(values, index=s.index, dtype="float64"), bad


def _numbers(s, col, where: _Where):
    import numpy as np
    import pandas as pd

    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        x = s if s.dtype == "float64" else s.astype("float64")  # no copy of a float column
        bad = np.isinf(x.to_numpy())
    else:
        x, bad = _parse_numbers(s, percent=col.kind == "share")
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


def _id_keys(ids):
    """:func:`_id_key` of every id; for a text column, one NFKC + casefold over all of it."""
    import pandas as pd

    texts = _texts(ids)
    if texts is not None and len(texts) and not ids.isna().any():
        joined = "\n".join(texts)
        if joined.isascii():  # NFKC changes nothing; casefold is lower; ids are stripped
            folded = joined.lower()
            if folded == joined:
                return ids  # nothing to fold: the keys are the ids
            keys = folded.split("\n")
        else:
            keys = [k.strip() for k in
                    unicodedata.normalize("NFKC", joined).casefold().split("\n")]
        if len(keys) == len(texts):
            return pd.Series(keys, index=ids.index, dtype=object)
    return ids.map(_id_key)


def _unique(ids, where: _Where, spec: TableSpec) -> None:
    keys = _id_keys(ids)
    same_key = keys.duplicated(keep=False)
    if not same_key.any():  # ids that differ after folding differ as written too
        return
    repeated = ids[ids.duplicated(keep=False)] if keys is not ids else ids[same_key]
    if repeated.empty:
        alike = ids[same_key]
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
