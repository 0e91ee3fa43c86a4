"""``policygraph network``: export a responsibility network for Gephi, R or a spreadsheet."""

from __future__ import annotations

import argparse
from typing import Any

from ..network import FORMATS, KINDS  # rdflib only; networkx and pandas load in run()
from ._inputs import add_graph_files, load_inputs

_DESCRIPTION = """\
Export who must coordinate with whom, read from the plan's responsibility clauses (责任单位):
  bipartite         tasks and departments, an edge per responsibility (rank, role)
  coresponsibility  departments; edge weight = number of tasks they share
  lead-support      directed, lead department -> supporting department, weighted
Edge attribute 'tasks' lists the task IRIs behind each edge, separated by spaces.
With --format csv, OUT is a directory that receives nodes.csv and edges.csv."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "network",
        help="export the task x department or department networks (GraphML, GEXF, CSV)",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_files(parser)
    parser.add_argument(
        "--kind", choices=KINDS, default="coresponsibility", help="default: coresponsibility"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="default: from the suffix of OUT (.graphml, .gexf), else csv",
    )
    parser.add_argument("--plan", metavar="IRI", help="only this plan (default: all plans)")
    parser.add_argument(
        "--metrics",
        metavar="CSV",
        help="also write the department measures table (led, supported, centralities...)",
    )
    parser.add_argument(
        "-o", "--out", required=True, metavar="OUT", help="output file or directory"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..network import department_metrics, network, write_network

    graph = load_inputs(args.files)
    net = network(graph, kind=args.kind, plan=args.plan)
    written = write_network(net, args.out, format=args.format)
    print(f"{args.kind} network: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges")
    if args.metrics:
        from pathlib import Path

        from ..errors import InputError

        table = department_metrics(graph, plan=args.plan)
        try:
            table.to_csv(args.metrics, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {args.metrics}: {exc.strerror or exc}") from exc
        written.append(Path(args.metrics))
    for path in written:
        print(f"wrote {path}")
    return 0
