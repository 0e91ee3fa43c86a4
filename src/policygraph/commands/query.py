"""``policygraph query``: run a named query or SPARQL text and print the table."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import InputError, QueryError
from ._options import seconds

HELP = "run a named query, a .rq file or SPARQL text on a graph, a store or an endpoint"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "query",
        help=HELP,
        description=HELP
        + ". Without --data, --store or --endpoint it queries the bundled Jiaxing '315' plan.",
        epilog="examples:\n"
        "  policygraph query cq01\n"
        "  policygraph query cq03-department-tasks --param department=市财政局\n"
        "  policygraph query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv\n"
        "  policygraph query cq02 --endpoint http://127.0.0.1:7878/query",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("name", nargs="?", metavar="NAME|FILE.rq", help="a named query or a file")
    what.add_argument("-e", "--expression", metavar="SPARQL", help="SPARQL text to run")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data", nargs="+", metavar="FILE", help="RDF files (queried with rdflib)")
    where.add_argument("--store", metavar="DIR", help="an Oxigraph store folder (read-only)")
    where.add_argument("--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint")
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a query parameter (repeatable); bound as an RDF term, never pasted",
    )
    parser.add_argument(
        "--format", choices=("table", "csv", "tsv", "json"), default="table", help="output format"
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=30.0,
        metavar="SECONDS",
        help="deadline for the whole exchange with the endpoint (default 30)",
    )
    parser.add_argument("--user", help="endpoint user (HTTP basic authentication)")
    parser.add_argument("--password", help="endpoint password")
    parser.set_defaults(func=run)


def _params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param expects NAME=VALUE, got {pair!r}")
        params[name.strip()] = value
    return params


def _source(args: argparse.Namespace) -> Any:
    if args.endpoint:
        from ..sparql import Endpoint

        return Endpoint(args.endpoint, timeout=args.timeout, user=args.user, password=args.password)
    if args.store:
        from pathlib import Path

        import pyoxigraph

        if not (Path(args.store) / "CURRENT").is_file():
            raise InputError("not an Oxigraph store folder", source=args.store)
        try:
            return pyoxigraph.Store.read_only(args.store)
        except OSError as exc:
            raise InputError(f"cannot open the Oxigraph store: {exc}", source=args.store) from exc
    from ..rdf import load_graph, load_plan

    return load_graph(*args.data) if args.data else load_plan()


def run(args: argparse.Namespace) -> int:
    from ..sparql import query

    params = _params(args.param)
    text = args.expression if args.expression is not None else args.name
    frame = query(_source(args), text, **params)
    write(frame, args.format)
    return 0


def write(frame: Any, fmt: str) -> None:
    """Print a result frame as a table, CSV, TSV or JSON records."""
    import json

    import pandas as pd

    out = sys.stdout
    if fmt in ("csv", "tsv"):
        frame.to_csv(out, index=False, sep="," if fmt == "csv" else "\t", lineterminator="\n")
    elif fmt == "json":
        records = [
            {k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict(orient="records")
        ]
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif frame.empty:
        out.write("  ".join(frame.columns) + "\n(no rows)\n")
    else:
        with pd.option_context(
            "display.unicode.east_asian_width",
            True,
            "display.max_colwidth",
            None,
            "display.width",
            None,
        ):
            out.write(frame.to_string(index=False) + "\n")


def _jsonable(value: Any) -> Any:
    from decimal import Decimal

    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)
