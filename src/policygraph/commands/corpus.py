"""``policygraph corpus``: work on a corpus of plans kept in one Oxigraph store."""

from __future__ import annotations

import argparse
from typing import Any

_REPORT_DESCRIPTION = """\
Compare the plans of a corpus store and write, into OUT:
  plans.csv                     one row per plan: level, government, year, tasks, targets,
                                departments, lead concentration, network density
  functions.csv                 share of each plan's tasks led by each government function
  function-network.graphml      co-responsibility network of functions (Gephi, R, networkx)
  shared-with-higher-level.csv  functions, indicators, platforms shared with higher-level plans
  indicators.csv                the same indicator's targets side by side (when available)
  function-heatmap.png, function-network.png, report.xlsx, report.md
The store is read through the named queries (policygraph queries lists them)."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "corpus",
        help="build and compare a corpus of plans in one Oxigraph store",
        description="Work on a corpus of plans kept in one Oxigraph store.",
    )
    sub = parser.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND")
    _add_report(sub)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _add_report(sub: Any) -> None:
    parser = sub.add_parser(
        "report",
        help="tables, a function network and figures comparing the plans of a store",
        description=_REPORT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--store", required=True, metavar="DIR", help="the corpus store folder")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of report.md and the figures (default: zh)",
    )
    parser.add_argument("--no-figures", action="store_true", help="skip the PNG figures")
    parser.set_defaults(func=_run_report)


def _run_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..corpus_report import write_corpus_report
    from ..errors import InputError
    from ..sparql import open_store

    store_dir = Path(args.store)
    if not store_dir.is_dir():
        raise InputError("no such store folder", source=str(store_dir))
    if not (store_dir / "CURRENT").is_file():
        raise InputError(
            "not an Oxigraph store (build one with 'policygraph corpus build')",
            source=str(store_dir),
        )
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", source=str(out))
    store = open_store(store_dir)
    report = write_corpus_report(store, out, language=args.lang, figures=not args.no_figures)
    for note in report.notes:
        print(f"note: {note}")
    print(f"compared {report.plans} plans")
    for path in report.files:
        print(f"wrote {path}")
    return 0
