"""The ``kamlab`` command.

    kamlab datasets                      list the bundled datasets
    kamlab exercises                     list exercise ids
    kamlab segment FILE [options]        ABC-classify your own CSV/Excel and write an .xlsx
    kamlab run NOTEBOOK OUTPUT [-p k v]  run a course notebook with parameters (papermill)
    kamlab cards [IDS] [--top N]         the key-account card for each account, + index.html
    kamlab portfolio FILE                the portfolio review of your own book, one HTML page

Errors in the user's data print as one clear message (exit status 2), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kamlab.exceptions import KamlabError

__all__ = ["main"]


def _mapping(pairs) -> dict[str, str]:
    out = {}
    for pair in pairs or ():
        if "=" not in pair:
            raise KamlabError(f"--map takes HEADER=column, e.g. 客户编号=account_id; got {pair!r}.")
        header, column = pair.split("=", 1)
        out[header.strip()] = column.strip()
    return out


def _cutoffs(text: str) -> tuple[float, ...]:
    """--cutoffs as shares, checked in the command's words (0.8,0.95 — not a Python tuple)."""
    try:
        cuts = tuple(float(x) for x in text.split(","))
    except ValueError:
        raise KamlabError(f"--cutoffs takes numbers separated by commas, e.g. 0.8,0.95; got {text!r}.") from None
    for x in cuts:
        if not 0 < x <= 1:
            hint = f" Did you mean {x / 100:g}? They are shares, not percent." if 1 < x <= 100 else ""
            raise KamlabError(f"--cutoffs takes shares between 0 and 1, e.g. 0.8,0.95; got {x:g}.{hint}")
    if any(b <= a for a, b in zip(cuts, cuts[1:])):
        raise KamlabError(f"--cutoffs must increase, e.g. 0.8,0.95; got {text}.")
    return cuts


def _read_text(path: str, option: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise KamlabError(f"{option} {path}: cannot read it as a UTF-8 YAML file ({err}).") from None


def _cmd_datasets(args) -> int:
    from kamlab.data import dataset_dir, dataset_names, load_dataset

    for name in dataset_names():
        df = load_dataset(name)
        print(f"{name:<20} {len(df):>6} rows  card: {dataset_dir() / (name + '.md')}")
    return 0


def _note(text: str) -> None:
    """A progress line on stderr (stdout keeps the results, for a pipe or a file)."""
    print(text, file=sys.stderr, flush=True)


def _cmd_exercises(args) -> int:
    from kamlab.exercises import exercise_ids

    print("\n".join(exercise_ids()))
    return 0


def _cmd_segment(args) -> int:
    from kamlab.data import read_accounts
    from kamlab.export import export_excel
    from kamlab.segmentation import abc_classify, abc_classify_by_count, tier_summary

    out = Path(args.out or Path(args.file).with_name(Path(args.file).stem + "_abc.xlsx"))
    if out.resolve() == Path(args.file).resolve():
        raise KamlabError(f"--out {out} is the input file itself; writing there would replace "
                          "your data (and any other sheets). Choose another --out name.")
    cutoffs = _cutoffs(args.cutoffs) if args.cutoffs else ((0.2, 0.4) if args.by_count else (0.8, 0.95))
    start = time.perf_counter()
    book = read_accounts(args.file, columns=_mapping(args.map), encoding=args.encoding,
                         sheet=args.sheet)
    _note(f"read {len(book):,} accounts from {Path(args.file).name} "
          f"({time.perf_counter() - start:.1f} s)")
    if args.value not in book.columns:  # said in the command's words, not value=
        from kamlab._validate import close_match

        close = close_match(args.value, [c for c in book.columns if c != "account_id"])
        hint = f" Did you mean --value {close}?" if close else ""
        raise KamlabError(f"--value {args.value}: the file has no such column after --map; its "
                          f"columns are {', '.join(map(str, book.columns))}.{hint}")
    if book[args.value].dtype.kind not in "iuf":  # numbers (not text, not true/false)
        numeric = [str(c) for c in book.columns if book[c].dtype.kind in "iuf"]
        example = book[args.value].dropna().iloc[0] if book[args.value].notna().any() else ""
        raise KamlabError(f"--value {args.value}: that column holds text (e.g. {example!r}), not "
                          f"amounts; choose a column of numbers: {', '.join(numeric) or 'none found'}.")
    classify = abc_classify_by_count if args.by_count else abc_classify
    classified = classify(book, args.value, cutoffs=cutoffs)
    extra = [c for c in ("revenue", "profit", "sales_hours") if c in book.columns and c != args.value]
    del book  # a million accounts are held once, not three times
    summary = tier_summary(classified, "abc", [args.value, *extra])
    print(summary.to_string(index=False, float_format=lambda x: f"{x:,.3f}"))
    accounts = classified.sort_values("rank")
    del classified
    export_excel({"summary": summary, "accounts": accounts}, out, overwrite=args.force,
                 lang=args.lang)
    print(f"written: {out}")
    return 0


def _gathered(args, notebook) -> dict:
    """-y / -f / -p parameters, checked against ``notebook`` as `kamlab run` checks them."""
    from kamlab.parameters import parse_yaml
    from kamlab.reports import parameter_checker

    params = {}
    for option, text in [("-y", y) for y in args.yaml or ()] + [
            ("-f", _read_text(f, "-f")) for f in args.parameters_file or ()]:
        given = parse_yaml(option, text)
        if not isinstance(given, dict):
            raise KamlabError(f"{option} takes a YAML mapping of name: value, e.g. "
                              f"'{{lang: zh, top: 10}}'; got {text.strip()[:60]!r}.")
        params.update(given)
    texts = dict(args.parameter or ())
    params.update(parameter_checker(notebook)(texts, text=True) if texts else {})
    return params


def _cmd_run(args) -> int:
    from kamlab.reports import run_notebook

    params = _gathered(args, args.notebook)
    out = run_notebook(args.notebook, args.output, parameters=params, timeout=args.timeout,
                       overwrite=args.force)
    print(f"written: {out}")
    return 0


def _cmd_cards(args) -> int:
    from kamlab.batch import CARD_NOTEBOOK, make_cards, read_account_ids

    notebook = Path(args.notebook or CARD_NOTEBOOK)
    if not notebook.is_file():
        raise KamlabError(f"no card notebook at {notebook}; give one with --notebook.")
    chosen = [bool(args.accounts_ids), args.top is not None, args.accounts is not None]
    if sum(chosen) != 1:
        raise KamlabError("say which accounts: ids (kamlab cards C001 C002), --top N (the N "
                          "largest) or --accounts FILE (one id a line) — one of the three.")
    ids = (read_account_ids(args.accounts) if args.accounts
           else args.accounts_ids or None)
    if args.top is not None and args.top < 1:
        raise KamlabError(f"--top takes a whole number ≥ 1; got {args.top}.")
    if args.workers is not None and args.workers < 1:
        raise KamlabError(f"--workers takes a whole number ≥ 1; got {args.workers}.")
    params = _gathered(args, notebook)
    result = make_cards(ids, args.out, top=args.top, lang=args.lang, formats=args.format,
                        workers=args.workers, scheduler=args.scheduler, force=args.force,
                        notebook=notebook, parameters=params, timeout=args.timeout,
                        progress=not args.quiet)
    print(result.summary(args.lang))
    return 1 if result.failed else 0


def _cmd_portfolio(args) -> int:
    from kamlab.batch import PORTFOLIO_NOTEBOOK, portfolio_review

    notebook = Path(args.notebook or PORTFOLIO_NOTEBOOK)
    params = _gathered(args, notebook) if notebook.is_file() else {}
    if args.map:
        params["columns"] = _mapping(args.map)
    start = time.perf_counter()
    out = portfolio_review(args.file, args.out, lang=args.lang, force=args.force,
                           parameters=params, notebook=notebook, timeout=args.timeout)
    print(f"written: {out} ({time.perf_counter() - start:.1f} s)")
    return 0


def _parameter_options(parser, example: str = "{as_of: 2026-06-30}") -> None:
    parser.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                        help="one parameter, read as the type of the notebook's default")
    parser.add_argument("-y", "--yaml", action="append", metavar="YAML",
                        help=f"parameters as a YAML mapping, e.g. '{example}'")
    parser.add_argument("-f", "--parameters-file", action="append", metavar="FILE",
                        help="parameters from a YAML file")


def build_parser() -> argparse.ArgumentParser:
    from kamlab.reports import DEFAULT_TIMEOUT  # light: no papermill until a notebook runs

    parser = argparse.ArgumentParser(prog="kamlab", description="Key account management course kit.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("datasets", help="list the bundled datasets").set_defaults(func=_cmd_datasets)
    sub.add_parser("exercises", help="list exercise ids").set_defaults(func=_cmd_exercises)

    seg = sub.add_parser("segment", help="ABC-classify your own account file into an .xlsx")
    seg.add_argument("file", help="CSV (UTF-8 or GBK) or .xlsx with account_id and revenue")
    seg.add_argument("--map", action="append", metavar="HEADER=column",
                     help="map one of your headers to a kamlab column, e.g. 客户编号=account_id")
    seg.add_argument("--value", default="revenue", help="column to rank by (default revenue)")
    seg.add_argument("--cutoffs", help="e.g. 0.8,0.95 (value shares) or 0.2,0.4 with --by-count")
    seg.add_argument("--by-count", action="store_true", help="cut-offs are shares of accounts")
    seg.add_argument("--encoding", help="file encoding if detection fails, e.g. gbk")
    seg.add_argument("--sheet", help="Excel sheet name")
    seg.add_argument("--out", help="output .xlsx (default: FILE_abc.xlsx beside the input)")
    seg.add_argument("--force", action="store_true", help="replace the output if it exists")
    seg.add_argument("--lang", choices=["en", "zh"],
                     help="headers of the workbook: zh = Chinese (default: KAMLAB_LANG, else en)")
    seg.set_defaults(func=_cmd_segment)

    run = sub.add_parser("run", help="run a notebook with parameters (papermill)")
    run.add_argument("notebook")
    run.add_argument("output")
    _parameter_options(run, example="{lang: zh, top: 10}")
    run.add_argument("--timeout", type=int, default=None,
                     help=f"seconds per cell (default {DEFAULT_TIMEOUT})")
    run.add_argument("--force", action="store_true", help="replace the output if it exists")
    run.set_defaults(func=_cmd_run)

    cards = sub.add_parser("cards", help="the key-account card for each account, with an index")
    cards.add_argument("accounts_ids", nargs="*", metavar="ID", help="account ids, e.g. C001 C002")
    cards.add_argument("--top", type=int, metavar="N", help="the N largest accounts by revenue")
    cards.add_argument("--accounts", metavar="FILE",
                       help="a file of account ids (one a line, or a CSV with account_id)")
    cards.add_argument("--out", default="cards", help="folder for the cards (default: cards)")
    cards.add_argument("--lang", choices=["en", "zh"],
                       help="language of the cards and the index (default: KAMLAB_LANG, else en)")
    cards.add_argument("--format", choices=["html", "ipynb", "both"], default="html",
                       help="html (self-contained, opens offline), ipynb, or both")
    cards.add_argument("--workers", type=int,
                       help="reports at once, one kept-alive kernel each (default: the cores)")
    cards.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (pip install "
                            "'kamlab[dask]'); paths must be readable on its workers")
    cards.add_argument("--force", action="store_true", help="replace cards that exist")
    cards.add_argument("--timeout", type=int, default=None,
                       help=f"seconds per cell (default {DEFAULT_TIMEOUT})")
    cards.add_argument("--notebook", help="another card notebook (default: the course's card)")
    cards.add_argument("--quiet", action="store_true", help="no progress bar")
    _parameter_options(cards)
    cards.set_defaults(func=_cmd_cards)

    port = sub.add_parser("portfolio", help="the portfolio review of your own book (one HTML)")
    port.add_argument("file", help="your account book: CSV (UTF-8 or GBK) or .xlsx")
    port.add_argument("--map", action="append", metavar="HEADER=column",
                      help="map one of your headers to a kamlab column, e.g. 客户编号=account_id")
    port.add_argument("--out", help="the page, .html (default: FILE_review.html beside FILE)")
    port.add_argument("--lang", choices=["en", "zh"], help="language of the review")
    port.add_argument("--force", action="store_true", help="replace the page if it exists")
    port.add_argument("--timeout", type=int, default=None,
                      help=f"seconds per cell (default {DEFAULT_TIMEOUT})")
    port.add_argument("--notebook", help="another review notebook")
    _parameter_options(port)
    port.set_defaults(func=_cmd_portfolio)

    from kamlab import site  # light: nbconvert loads when a page is built

    offline = sub.add_parser("site", help="the whole course as HTML that opens offline, with an "
                                          "index (every edition, exercises, agendas)")
    site.add_arguments(offline)
    offline.set_defaults(func=site.run)
    return parser


def main(argv=None) -> int:
    from kamlab._voice import command_line

    args = build_parser().parse_args(argv)
    try:
        with command_line():  # messages name --map, --force, --sheet … instead of Python
            return args.func(args)
    except KamlabError as err:
        print(f"kamlab: {err}", file=sys.stderr)
        return 2
    except FileNotFoundError as err:
        print(f"kamlab: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
