"""Bundled datasets and a trainee's own tables: accounts, opportunities, stage history.

Here: the dataset loaders, the public ``load_*`` / ``read_*`` / ``validate_*`` functions and,
at the end, the :class:`~kamlab._reader.TableSpec` of each table (what it needs). Parsing
and checking files and cells lives in :mod:`kamlab._reader`; :func:`export_excel` lives in
:mod:`kamlab.export` (re-exported here).

>>> df = load_dataset("customers")
>>> {"account_id", "revenue", "profit"} <= set(df.columns)
True

A trainee's own file goes through :func:`read_accounts` (parse, rename, then
:func:`validate_accounts`); results go back to Excel with :func:`export_excel`.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from kamlab._reader import TableSpec, read_table, validate_frame
from kamlab._validate import close_match
from kamlab.columns import REQUIRED
from kamlab.exceptions import ParameterError

__all__ = [
    "load_accounts",
    "load_dataset", "dataset_names", "dataset_dir", "read_accounts", "validate_accounts",
    "load_opportunities", "read_opportunities", "validate_opportunities",
    "load_stage_history", "read_stage_history", "validate_stage_history",
    "load_contract_case", "CONTRACT_TERMS",
    "load_account_profiles", "read_account_profiles", "validate_account_profiles",
    "load_account_transactions", "read_account_transactions", "validate_account_transactions",
    "load_account_credit", "read_account_credit", "validate_account_credit",
    "export_excel",  # noqa: F822 (lazy: see __getattr__ at the end)
]

#: The six terms of the module-4 contract case (``contract_terms``), as contract_value takes them.
CONTRACT_TERMS = ("start_price", "unit_cost", "price_down", "cost_down", "investment", "rate")


def dataset_dir() -> Path:
    """Folder holding the bundled CSV (and .csv.gz) files: in the installed wheel, or datasets/."""
    packaged = resources.files("kamlab") / "_datasets"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "datasets"


def dataset_names() -> list[str]:
    """Names accepted by :func:`load_dataset`, sorted (a large one is stored as ``.csv.gz``)."""
    folder = dataset_dir()
    compressed = (p.name.removesuffix(".csv.gz") for p in folder.glob("*.csv.gz"))
    return sorted({*(p.stem for p in folder.glob("*.csv")), *compressed})


@cache
def _read(name: str):
    import pandas as pd

    path = dataset_dir() / f"{name}.csv"
    if not path.exists():
        path = path.with_name(f"{name}.csv.gz")  # pandas decompresses by the suffix
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
    return read_table(path, _ACCOUNTS, columns=columns, encoding=encoding, sheet=sheet)


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
    return read_table(path, _OPPORTUNITIES, columns=columns, encoding=encoding, sheet=sheet)


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
    return validate_frame(df, source, _OPPORTUNITIES)


def load_contract_case(**changes) -> dict:
    """The module-4 contract case as the arguments of ``contract_value``, terms changeable.

    ``contract_value(**load_contract_case())`` values the bundled contract: ``volumes`` (one
    per contract year, from ``contract_case``) and the six terms of ``contract_terms``
    (:data:`CONTRACT_TERMS`). Keyword arguments replace terms, e.g. ``rate=0.12`` or
    ``investment=0``.

    Raises
    ------
    ParameterError for a name that is neither ``volumes`` nor one of the six terms.

    >>> case = load_contract_case(rate=0.12)
    >>> sorted(case) == sorted(("volumes",) + CONTRACT_TERMS), case["rate"]
    (True, 0.12)
    """
    known = ("volumes", *CONTRACT_TERMS)
    for name in changes:
        if name not in known:
            close = close_match(name, known)
            hint = f" Did you mean {close!r}?" if close else ""
            raise ParameterError(f"load_contract_case() has no term {name!r}.{hint} Terms: "
                                 f"{', '.join(known)}.", name=name)
    terms = load_dataset("contract_terms").set_index("term")["value"]
    case = {"volumes": [float(v) for v in load_dataset("contract_case")["volume"]],
            **{term: float(terms[term]) for term in CONTRACT_TERMS}}
    return {**case, **changes}


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
    return read_table(path, _STAGE_HISTORY, columns=columns, encoding=encoding, sheet=sheet)


def validate_stage_history(df, *, source: str = "DataFrame"):
    """Check a stage history DataFrame with kamlab's column names; return a new one."""
    return validate_frame(df, source, _STAGE_HISTORY)


def _load(source, spec: TableSpec, default: str, *, columns, encoding, sheet):
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
        return read_table(path, spec, columns=columns, encoding=encoding, sheet=sheet)
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
    return validate_frame(df, source, _ACCOUNTS)


# -- what each kind of table must hold --------------------------------------------------------
_ACCOUNTS = TableSpec(
    "read_accounts", "load_accounts", "validate_accounts", "account", REQUIRED, (("revenue", "a revenue"),),
    ("account_id",), "account_id",
    "if the export has several lines per account (orders, products, months), add them up first "
    "— in pandas df.groupby('account_id', as_index=False).sum(numeric_only=True), then "
    "kamlab.validate_accounts(df) — or fix the export so each account is one row.")

_OPPORTUNITIES = TableSpec(
    "read_opportunities", "load_opportunities", "validate_opportunities", "opportunity",
    ("opportunity_id", "stage", "value"), (("stage", "a stage"), ("value", "a value")),
    ("opportunity_id", "account_id"),
    "opportunity_id",
    "give each opportunity its own id; if the export has one line per product or per month of "
    "an opportunity, add the values up per opportunity first.")

_STAGE_HISTORY = TableSpec(
    "read_stage_history", "load_stage_history", "validate_stage_history", "stage change",
    ("opportunity_id", "stage", "entered"),
    (("stage", "a stage"), ("entered", "the date it entered the stage")), ("opportunity_id",), None)


# -- the key-account card (seed 001): profiles, monthly transactions, credit records ---------------

def load_account_profiles(source="account_profiles", *, columns=None, encoding=None, sheet=None):
    """Key-account profiles: the bundled ones by name, or your own file by path.

    One row per account: ``account_id`` and any of the card's profile columns (address, phone,
    legal representative, staff structure, bank, bank rating, turnover, operating cash flow,
    credit terms and limit, status …; see ``datasets/account_profiles.md``); every one but
    ``account_id`` is optional — ``operating_cash_flow`` (经营现金流, may be negative) left out
    or blank only drops it from the card. What :func:`kamlab.card.key_account_card` takes as
    ``profiles``.

    >>> load_account_profiles()["account_tier"].value_counts().to_dict()
    {'B': 160, 'A': 90}
    """
    return _load(source, _PROFILES, "account_profiles", columns=columns, encoding=encoding,
                 sheet=sheet)


def read_account_profiles(path, *, columns=None, encoding=None, sheet=None):
    """Read your own key-account profiles (CSV or Excel): one row per account, checked.

    Columns in: ``account_id`` (under any header, mapped with ``columns``; Chinese headers such
    as 客户编号, 法定代表人, 开户银行, 银行信用等级, 信用期限, 信用限额 are recognised); every
    other column is kept. Numbers are cleaned as :func:`read_accounts` cleans them; staff
    counts, credit terms and the credit limit cannot be negative; ids may not repeat.

    Raises
    ------
    As :func:`read_accounts` (a missing id column, a blank or repeated id, a negative count).
    """
    return read_table(path, _PROFILES, columns=columns, encoding=encoding, sheet=sheet)


def validate_account_profiles(df, *, source: str = "DataFrame"):
    """Check a profile table that already uses kamlab's column names; return a new one."""
    return validate_frame(df, source, _PROFILES)


def load_account_transactions(source="account_transactions", *, columns=None, encoding=None,
                              sheet=None):
    """Monthly transactions per account: the bundled ones by name, or your own file by path.

    >>> df = load_account_transactions()
    >>> len(df), df["month"].iloc[0], df["month"].iloc[-1]
    (9000, '2023-07', '2026-06')
    """
    df = _load(source, _TRANSACTIONS, "account_transactions", columns=columns,
               encoding=encoding, sheet=sheet)
    return _monthly(df, _TRANSACTIONS, f"{_TRANSACTIONS.load}({str(source)!r})")


def read_account_transactions(path, *, columns=None, encoding=None, sheet=None):
    """Read your own monthly transactions per account (CSV or Excel), checked.

    Columns in: ``account_id``, ``month``, ``revenue`` and ``gross_margin`` (``orders`` when
    you have it), one row per account and month, under any headers mapped with ``columns``
    (for 客户编号, 月份, 销售额, 毛利, 订单数 the error message gives the mapping to paste). Columns out: canonical names;
    ``month`` as ``YYYY-MM`` text (read from ``2026-06``, ``2026/6``, ``2026年6月``, a date or an
    Excel date cell). Revenue and margin may be negative (credit notes); orders may not.

    Raises
    ------
    As :func:`read_accounts`, and InvalidDataError for a month it cannot read or an account
    with the same month twice (the message names the account and the months).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(folder.name) / "交易.csv"
    >>> _ = path.write_text("客户编号,月份,销售额,毛利\\nK1,2026年5月,\\"1,200\\",180\\n"
    ...                     "K1,2026/6,900,120\\n", encoding="gbk")
    >>> read_account_transactions(path, columns={"客户编号": "account_id", "月份": "month",
    ...                                          "销售额": "revenue", "毛利": "gross_margin"})
      account_id    month  revenue  gross_margin
    0         K1  2026-05   1200.0         180.0
    1         K1  2026-06    900.0         120.0
    >>> folder.cleanup()
    """
    df = read_table(path, _TRANSACTIONS, columns=columns, encoding=encoding, sheet=sheet)
    return _monthly(df, _TRANSACTIONS, f"{_TRANSACTIONS.func}({str(path)!r})")


def validate_account_transactions(df, *, source: str = "DataFrame"):
    """Check a monthly transactions DataFrame with kamlab's column names; return a new one."""
    out = validate_frame(df, source, _TRANSACTIONS)
    return _monthly(out, _TRANSACTIONS, f"{_TRANSACTIONS.validate}({source})")


def load_account_credit(source="account_credit", *, columns=None, encoding=None, sheet=None):
    """Monthly credit records per account: the bundled ones by name, or your own file by path.

    >>> load_account_credit().columns.tolist()
    ['account_id', 'month', 'credit_limit', 'receivables', 'overdue', 'days_overdue']
    """
    df = _load(source, _CREDIT, "account_credit", columns=columns, encoding=encoding,
               sheet=sheet)
    return _monthly(df, _CREDIT, f"{_CREDIT.load}({str(source)!r})")


def read_account_credit(path, *, columns=None, encoding=None, sheet=None):
    """Read your own monthly credit records (CSV or Excel): receivables, overdue, limit.

    Columns in: ``account_id``, ``month``, ``credit_limit`` (信用限额), ``receivables``
    (应收账款余额), ``overdue`` (逾期金额) and ``days_overdue`` (逾期天数), one row per account
    and month. None of the amounts may be negative or blank; months as
    :func:`read_account_transactions` reads them.

    Raises
    ------
    As :func:`read_account_transactions`.
    """
    df = read_table(path, _CREDIT, columns=columns, encoding=encoding, sheet=sheet)
    return _monthly(df, _CREDIT, f"{_CREDIT.func}({str(path)!r})")


def validate_account_credit(df, *, source: str = "DataFrame"):
    """Check a monthly credit DataFrame with kamlab's column names; return a new one."""
    out = validate_frame(df, source, _CREDIT)
    return _monthly(out, _CREDIT, f"{_CREDIT.validate}({source})")


def _monthly(df, spec: TableSpec, label: str):
    """``month`` as ``YYYY-MM`` text; one row per account and month."""
    import pandas as pd

    from kamlab._validate import month_starts, show
    from kamlab.exceptions import InvalidDataError

    out = df.copy()
    month = out["month"]
    if (not pd.api.types.is_datetime64_any_dtype(month)
            and month.astype("string").str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])").all()):
        parsed = None  # already YYYY-MM (the bundled tables)
    else:
        parsed = month_starts(month)
        bad = month[parsed.isna()]
        if len(bad):
            raise InvalidDataError(
                f"{label}: 'month' must be a month such as 2026-06, 2026/6 or 2026年6月; could not "
                f"read {show(bad.astype(str).unique().tolist())} (account(s) "
                f"{show(out.loc[bad.index, 'account_id'].unique().tolist())}). Fix those cells.",
                column="month", values=bad.astype(str).tolist())
    if parsed is not None:
        out["month"] = parsed.dt.strftime("%Y-%m")
    twice = out.duplicated(["account_id", "month"], keep=False)
    if twice.any():
        pairs = out.loc[twice, ["account_id", "month"]].drop_duplicates()
        shown = [f"{a} {m}" for a, m in pairs.itertuples(index=False)]
        raise InvalidDataError(
            f"{label}: each account may have one row per month, but {show(shown)} appear more "
            f"than once. {spec.repeat_fix}", column="month", values=shown)
    return out


_PROFILES = TableSpec(
    "read_account_profiles", "load_account_profiles", "validate_account_profiles", "account",
    ("account_id",), (), ("account_id",), "account_id",
    "keep one profile row per account (the latest), or fix the export.")

_TRANSACTIONS = TableSpec(
    "read_account_transactions", "load_account_transactions", "validate_account_transactions",
    "account-month", ("account_id", "month", "revenue", "gross_margin"),
    (("month", "a month"), ("revenue", "a revenue"), ("gross_margin", "a gross margin")),
    ("account_id",), None,
    "Add the rows of an account's month up first — in pandas "
    "df.groupby(['account_id', 'month'], as_index=False).sum(numeric_only=True).")

_CREDIT = TableSpec(
    "read_account_credit", "load_account_credit", "validate_account_credit", "account-month",
    ("account_id", "month", "credit_limit", "receivables", "overdue", "days_overdue"),
    (("month", "a month"), ("credit_limit", "a credit limit"), ("receivables", "a balance"),
     ("overdue", "an overdue amount (0 if none)"), ("days_overdue", "days overdue (0 if none)")),
    ("account_id",), None,
    "Keep the month-end record of each account and month.")


def __getattr__(name: str):
    """``export_excel`` from :mod:`kamlab.export`, imported on first use (it loads pandas)."""
    if name == "export_excel":
        from kamlab.export import export_excel

        globals()[name] = export_excel
        return export_excel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
