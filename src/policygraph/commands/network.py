"""``policygraph network``: export a responsibility network for Gephi, R or a spreadsheet."""

from __future__ import annotations

import argparse

from ..network import FORMATS, KINDS  # rdflib only; networkx and pandas load in run()
from ._inputs import add_graph_files, add_output, input_paths, load_inputs, refuse_overwrite

_DESCRIPTION = """\
Export who must coordinate with whom, read from the plan's responsibility clauses (责任单位):
  bipartite         tasks and departments, an edge per responsibility (rank, role)
  coresponsibility  departments; edge weight = number of tasks they share
  lead-support      directed, lead department -> supporting department, weighted
Edge attribute 'tasks' lists the task IRIs behind each edge, separated by spaces.
With --format csv, OUT is a directory that receives nodes.csv and edges.csv; an OUT that
names a file (net.csv, or an existing file) is refused, since two tables need a folder."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    add_output(parser, metavar="OUT", required=True, help="output file or directory")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .._atomic import atomic_path
    from ..errors import InputError
    from ..network import department_metrics, network, network_files, write_network

    outputs = network_files(args.output, format=args.format)
    out = Path(args.output)
    if len(outputs) > 1 and (out.suffix or out.is_file()):
        raise InputError(
            f"cannot write {args.output}: --format csv writes nodes.csv and edges.csv into a "
            f"folder; give a folder name (e.g. {out.with_suffix('')}), or use a .graphml or "
            ".gexf file"
        )
    refuse_overwrite([*outputs, *([args.metrics] if args.metrics else [])], input_paths(args.files))
    graph = load_inputs(args.files)
    net = network(graph, kind=args.kind, plan=args.plan)
    if net.number_of_nodes() == 0:
        where = ", ".join(args.files) or "the bundled plan"
        raise InputError(
            f"{where}: no pg:Responsibility (task-department link) to build a network from"
        )
    # compute and check everything before writing anything, so an error leaves no partial output
    if args.metrics and Path(args.metrics).is_dir():
        raise InputError(f"cannot write {args.metrics}: it is a directory; --metrics takes a file")
    table = department_metrics(graph, plan=args.plan) if args.metrics else None
    written = write_network(net, args.output, format=args.format)
    if table is not None:
        metrics = Path(args.metrics)
        try:
            with atomic_path(metrics) as tmp:
                table.to_csv(tmp, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {metrics}: {exc.strerror or exc}") from exc
        written.append(metrics)
    print(f"{args.kind} network: {net.number_of_nodes()} nodes, {net.number_of_edges()} edges")
    for path in written:
        print(f"wrote {path}")
    return 0
