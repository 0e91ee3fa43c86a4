"""``policygraph corpus``: many plans in one Oxigraph store (``build``, ``list``, ``report``).

Each sub-command is registered by its own ``_register_*`` function and run by its own
``run_*`` function, so a new one is added beside the others without touching them.

Exit codes: 0 success; 2 a usage or input error, or (``build``) a text that could not be
built (the others are still built); 130 interrupted (the store keeps every plan written in
full, and none in part).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._inputs import add_lang, add_output

HELP = "build many plans into one Oxigraph store (one named graph per plan), list and compare them"

DESCRIPTION = """\
A corpus is an on-disk Oxigraph store holding one named graph per plan text
(urn:sha256:<hash of the text>), with the things plans share (departments, governments,
functions, units) once in the default graph, and a manifest (policygraph-corpus.json in
the store folder: plan, title, file, SHA-256, counts, warnings, build time).

examples:
  policygraph corpus build data/corpus/texts --store corpus.oxigraph
  policygraph corpus build more-plans/ --store corpus.oxigraph   # unchanged texts skipped
  policygraph corpus list --store corpus.oxigraph
  policygraph corpus report --store corpus.oxigraph -o corpus-report/
  policygraph serve --store corpus.oxigraph"""

BUILD_DESCRIPTION = """\
Extract every plan text (files, or folders of *.txt, *.html, *.htm, *.docx, *.pdf) in
parallel and write the plans into the store as they are done (each in one transaction, or
many new plans in one bulk load), then their manifest records.
A text already in the store (same bytes, same curation file, same policygraph version) is
skipped; a changed text replaces its plan (the old graph is removed). A text that cannot be
read or extracted is reported and skipped; the exit code is then 2. Ctrl-C stops the build
with exit code 130: each plan is in the store in full, or not at all.

A plan's id is its curation file's, else its file name when that is a clean ASCII name
(ningbo_ai_opc_2026.txt -> ningbo-ai-opc-2026), else plan-1, plan-2..."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "corpus",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=lambda args: _usage(p))
    actions = p.add_subparsers(dest="corpus_command", metavar="ACTION")
    _register_build(actions)
    _register_list(actions)
    _register_report(actions)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="DIR", required=True, help="the corpus store's folder")


# -- corpus build -------------------------------------------------------------------------
def _register_build(actions: Any) -> None:
    p = actions.add_parser(
        "build",
        help="extract plan texts into the store (incremental)",
        description=BUILD_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="plan files or folders")
    _store_option(p)
    p.add_argument(
        "--jobs", type=_jobs, default=None, metavar="N", help="worker processes (default: CPUs)"
    )
    p.add_argument(
        "--curation-dir",
        metavar="DIR",
        help="folder of curation files: NAME.yaml curates the text NAME.*",
    )
    p.add_argument("--encoding", metavar="NAME", help="encoding of text inputs (default: detected)")
    p.add_argument("-q", "--quiet", action="store_true", help="print the summary line only")
    p.set_defaults(func=run_build)


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes >= 1, got {text!r}")
    return n


def _line(event: Any) -> str:
    from pathlib import Path

    from .._surrogates import printable

    head = f"[{event.index}/{event.total}] {printable(Path(event.source).name)}: "
    if event.status == "built":
        r = event.record
        n = len(r.warnings)
        warn = f", {n} warning{'s' if n > 1 else ''}" if n else ""
        return head + f"{r.tasks} tasks, {r.targets} targets ({r.id}){warn}"
    if event.status == "skipped":
        return head + f"skipped ({event.message})"
    return head + f"error: {event.message} (skipped)"


def run_build(args: argparse.Namespace) -> int:
    from ..corpus import build_corpus

    def progress(event: Any) -> None:
        if not args.quiet or event.status == "failed":
            print(f"policygraph corpus build: {_line(event)}", file=sys.stderr, flush=True)

    result = build_corpus(
        args.sources,
        args.store,
        jobs=args.jobs,
        curation_dir=args.curation_dir,
        encoding=args.encoding,
        progress=progress,
    )
    print(
        f"{len(result.built)} built, {len(result.skipped)} unchanged, {len(result.failed)} "
        f"failed; {result.plans} plans in {args.store}"
    )
    return 2 if result.failed else 0


# -- corpus list --------------------------------------------------------------------------
def _register_list(actions: Any) -> None:
    p = actions.add_parser(
        "list", help="the plans of a corpus store, as a table", description="The manifest."
    )
    _store_option(p)
    p.add_argument("--json", action="store_true", help="the manifest records as JSON")
    p.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    from ..corpus import open_corpus

    with open_corpus(args.store) as corpus:
        plans = corpus.plans()
    if args.json:
        print(plans.to_json(orient="records", force_ascii=False, indent=1))
        return 0
    table = plans[["id", "tasks", "targets", "departments", "triples", "warnings", "title"]]
    print(table.to_string(index=False))
    return 0


# -- corpus report ------------------------------------------------------------------------
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


def _register_report(actions: Any) -> None:
    p = actions.add_parser(
        "report",
        help="tables, a function network and figures comparing the plans of a store",
        description=_REPORT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _store_option(p)
    add_output(p, metavar="DIR", required=True, help="folder to write into")
    add_lang(p, help="language of report.md and the figures")
    p.add_argument("--no-figures", action="store_true", help="skip the PNG figures")
    p.set_defaults(func=run_report)


def run_report(args: argparse.Namespace) -> int:
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
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", source=str(out))
    store = open_store(store_dir)
    report = write_corpus_report(store, out, lang=args.lang, figures=not args.no_figures)
    for note in report.notes:
        print(f"note: {note}")
    print(f"compared {report.plans} plans")
    for path in report.files:
        print(f"wrote {path}")
    return 0
