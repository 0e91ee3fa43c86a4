"""``policygraph build SOURCE.txt [--curation FILE] -o OUT.ttl``: text → graph, atomically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "extract a plan text, apply curation, write the RDF graph"

DESCRIPTION = """\
Read a plan text (UTF-8), extract its structure, responsibility clauses, targets and
platforms, apply a curation file if given (English labels, ids, corrections), and write
the graph. The output is written atomically: an interrupted run leaves the old file intact.
Without --curation the graph has Chinese labels only and derived ids; it is still complete
for validation, queries and network analysis.

example:
  policygraph build data/sources/jiaxing-315-plan.txt \\
      --curation data/curation/jiaxing-315.yaml -o data/plan315.ttl"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "build",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("source", metavar="SOURCE.txt", help="the plan text (UTF-8)")
    p.add_argument("--curation", metavar="FILE", help="curation file (YAML)")
    p.add_argument("-o", "--output", metavar="OUT.ttl", required=True, help="graph file to write")
    p.add_argument(
        "--format",
        default="turtle",
        choices=["turtle", "nt", "xml", "json-ld", "longturtle"],
        help="serialization (default: turtle)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    p.set_defaults(func=run)


def _shown(path: str) -> str:
    """A path as it should appear in the generated header: never an absolute machine path."""
    return Path(path).name if Path(path).is_absolute() else Path(path).as_posix()


def run(args: argparse.Namespace) -> int:
    from .. import __version__
    from ..rdf import build_plan, save_graph
    from ..summary import count_entities

    doc, graph = build_plan(args.source, curation=args.curation)
    command = f"policygraph build {_shown(args.source)}"
    if args.curation:
        command += f" --curation {_shown(args.curation)}"
    command += f" -o {_shown(args.output)}"
    header = (
        f"GENERATED FILE - do not edit by hand. Built by policygraph {__version__} from\n"
        f"{_shown(args.source)} (sha256 of the text in pg:sha256)"
        + (f" with curation {_shown(args.curation)}" if args.curation else "")
        + f".\nRegenerate with: {command}"
    )
    save_graph(graph, args.output, format=args.format, header=header)
    if not args.quiet:
        for warning in doc.warnings:
            print(f"policygraph build: warning: {warning}", file=sys.stderr)
        if args.curation:
            from ..curation import missing_english

            missing = missing_english(doc)
            if missing:
                print(
                    f"policygraph build: warning: {len(missing)} entities lack English labels, "
                    f"e.g. {', '.join(missing[:3])}",
                    file=sys.stderr,
                )
    counts = count_entities(graph)
    print(
        f"wrote {args.output}: {counts['triples']} triples, {counts['actions']} actions, "
        f"{counts['tasks']} tasks, {counts['targets']} targets, "
        f"{counts['departments']} departments, {counts['platforms']} platforms"
    )
    return 0
