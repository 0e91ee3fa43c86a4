"""``policygraph push``: load a graph into a SPARQL 1.1 Graph Store Protocol server."""

from __future__ import annotations

import argparse
from typing import Any

from ._options import seconds

HELP = "load an RDF file into a named graph of a Graph Store Protocol server"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "push",
        help=HELP,
        description=HELP + " (Oxigraph .../store, Fuseki .../DATASET/data, "
        "Virtuoso .../sparql-graph-crud-auth).",
    )
    parser.add_argument("file", metavar="FILE", help="the RDF file to send")
    parser.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store URL")
    parser.add_argument("--graph", required=True, metavar="IRI", help="the target graph IRI")
    parser.add_argument("--user", help="user name (HTTP basic or digest authentication)")
    parser.add_argument("--password", help="password")
    parser.add_argument(
        "--replace", action="store_true", help="replace the graph (PUT) instead of adding (POST)"
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=60.0,
        metavar="SECONDS",
        help="deadline for the whole upload, answer included (default 60)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..server import push

    result = push(
        args.file,
        endpoint=args.endpoint,
        graph=args.graph,
        user=args.user,
        password=args.password,
        replace=args.replace,
        timeout=args.timeout,
    )
    print(
        f"{result.triples} triples sent to <{result.graph}> at {args.endpoint} "
        f"(HTTP {result.status})"
    )
    return 0
