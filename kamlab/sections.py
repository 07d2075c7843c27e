"""Partial data in the course notebooks: does this table have what a section needs?

A trainee's own export may hold only ``account_id`` and ``revenue``. Each notebook section
that needs more starts with ``if has_columns(book, "wallet", section="4. Potential × share
of wallet"):`` and, when a column is missing, prints one line — what the section needs,
what the file lacks, how to add or map it — instead of stopping the notebook (issue 9).
"""

from __future__ import annotations

from kamlab._validate import close_match
from kamlab.columns import COLUMNS
from kamlab.i18n import resolve

__all__ = ["has_columns", "columns_in", "skip_message"]

#: The one line a skipped section prints, in English and Chinese (kept here, beside the
#: only code that prints it). ``{needs}`` and ``{lacks}`` are filled by :func:`skip_message`.
SKIP_TEXT = {
    "en": {
        "some": "Skipped {section}: it needs {needs}; {source} lacks {lacks}. ",
        "all": "Skipped {section}: it needs {lacks}, which {source} lacks. ",
        "fix": "Add {it} to the file, or map a header of yours in the parameters cell: "
               "{parameter}={mapping}.",
        "one": "it", "many": "them", "source": "your file", "named": "your file {name}",
        "header": "your header",
    },
    "zh": {
        "some": "已跳过「{section}」:本节需要 {needs};{source}缺少 {lacks}。",
        "all": "已跳过「{section}」:本节需要 {lacks},{source}中没有。",
        "fix": "请在文件中添加{it},或在参数单元格中映射您的表头:{parameter}={mapping}。",
        "one": "该列", "many": "这些列", "source": "您的文件", "named": "您的文件 {name} ",
        "header": "您的表头",
    },
}


def _names(columns) -> list[str]:
    """Column names from strings and lists / tuples / dict keys of strings, in order."""
    names = []
    for item in columns:
        group = [item] if isinstance(item, str) else list(item)
        names.extend(c for c in group if c not in names)
    return names


def _with_label(column: str, lang: str) -> str:
    """``wallet (Annual potential)`` / ``wallet(年采购潜力)``: the name a file's header may use."""
    col = COLUMNS.get(column)
    if col is None:
        return column
    if lang == "zh":
        return f"{column}({col.zh})"
    same = col.label.lower() == column.replace("_", " ")
    return column if same else f"{column} ({col.label})"


def skip_message(table, *columns, section: str, parameter: str = "columns", lang=None) -> str:
    """The line a skipped section prints, or ``""`` when ``table`` has every column.

    ``columns`` are names or lists of names (``scoring.DEFAULT_WEIGHTS`` gives its keys).
    A missing column that looks like one of the table's own headers (a typo, another
    spelling) is suggested as the mapping to add to ``parameter``.

    >>> import pandas as pd
    >>> book = pd.DataFrame({"account_id": ["K1"], "revenue": [1.0], "Wallet CNY": [2.0]})
    >>> print(skip_message(book, "wallet", section="4. Potential × share of wallet"))
    Skipped 4. Potential × share of wallet: it needs wallet (Annual potential), which your \
file lacks. Add it to the file, or map a header of yours in the parameters cell: \
columns={'Wallet CNY': 'wallet'}.
    >>> skip_message(book, ["account_id", "revenue"], section="1. ABC")
    ''
    """
    lang = resolve(lang)
    text = SKIP_TEXT[lang]
    needs = _names(columns)
    missing = [c for c in needs if c not in table.columns]
    if not missing:
        return ""
    name = table.attrs.get("source") if isinstance(table.attrs.get("source"), str) else None
    source = text["named"].format(name=name) if name else text["source"]
    # a few missing columns with their labels; a long list (ten scores) by name only
    lacks = ", ".join(_with_label(c, lang) if len(missing) <= 3 else c for c in missing)
    own = [str(c) for c in table.columns if c not in COLUMNS]  # headers kamlab does not know
    mapping = {}
    for column in missing:
        close = close_match(column, own)
        if close is not None and close not in mapping:
            mapping[close] = column
    mapping = mapping or {text["header"]: missing[0]}
    line = text["all" if len(missing) == len(needs) else "some"].format(
        section=section, needs=", ".join(needs), lacks=lacks, source=source)
    return line + text["fix"].format(it=text["one" if len(missing) == 1 else "many"],
                                     parameter=parameter, mapping=mapping)


def has_columns(table, *columns, section: str, parameter: str = "columns", lang=None) -> bool:
    """True if ``table`` has every column a notebook section needs; else print one line.

    Use it to open a section of a course notebook, so a file without those columns skips
    the section with one line (:func:`skip_message`) and the notebook runs on::

        if has_columns(book, "wallet", section="4. Potential × share of wallet"):
            wallet = segmentation.potential_share_grid(book)

    ``parameter`` is the notebook parameter that maps the file's headers (``columns`` for the
    customer book, ``opportunity_columns`` for a pipeline export). Nothing is printed when
    every column is there.

    >>> import pandas as pd
    >>> has_columns(pd.DataFrame({"account_id": ["K1"], "revenue": [1.0]}), "revenue",
    ...             section="1. ABC")
    True
    """
    line = skip_message(table, *columns, section=section, parameter=parameter, lang=lang)
    if line:
        print(line)
    return not line


def columns_in(table, *columns) -> list[str]:
    """The names among ``columns`` that ``table`` has, in the order given (optional extras).

    >>> import pandas as pd
    >>> columns_in(pd.DataFrame(columns=["account_id", "revenue"]), "revenue", "profit")
    ['revenue']
    """
    return [c for c in _names(columns) if c in table.columns]
