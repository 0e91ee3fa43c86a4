"""``policygraph query``: run a named query or SPARQL text and print the table."""

from __future__ import annotations

import argparse
import sys
import warnings
from typing import Any

from .._tables import TABLE_FORMATS
from ..errors import InputError
from ._inputs import add_credentials, add_output, read_password
from ._options import seconds

HELP = "run a named query, a .rq file or SPARQL text on a graph, a store or an endpoint"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "query",
        help=HELP,
        description=HELP
        + ". Without --data, --store or --endpoint it queries the bundled Jiaxing '315' plan.",
        epilog="examples:\n"
        "  policygraph query cq01\n"
        "  policygraph query cq03-department-tasks --param department=市财政局\n"
        "  policygraph query my-targets.rq -p y=2027 -p code:string=2027\n"
        "  policygraph query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv\n"
        "  policygraph query cq02 --endpoint http://127.0.0.1:7878/query\n"
        "  policygraph query cq05 -o targets.xlsx",
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
        metavar="NAME[:TYPE]=VALUE",
        help="a query parameter (repeatable); bound as an RDF term, never pasted. In ad-hoc "
        "SPARQL, 2027 binds an integer, 3.5 a decimal, an absolute IRI an IRI, anything else "
        "a string; or give the type: y:integer=2027, x:string=2027, d:iri=https://…, also "
        "decimal, year (xsd:gYear), boolean, date",
    )
    parser.add_argument(
        "--format",
        choices=("table", *TABLE_FORMATS, *GRAPH_FORMATS),
        default=None,
        help="output format: a table for the terminal (the default), csv, excel-csv (CSV as "
        "UTF-8 with a byte-order mark, which Excel reads), tsv, json, or xlsx (needs -o); "
        "turtle (the default) or ntriples for CONSTRUCT and DESCRIBE; with -o, the default "
        "comes from the file's suffix (.csv, .tsv, .json, .xlsx, .ttl, .nt)",
    )
    parser.add_argument(
        "--bom",
        action="store_true",
        help="start CSV or TSV with a UTF-8 byte-order mark, so that Excel reads Chinese "
        "text (--format csv --bom is --format excel-csv)",
    )
    add_output(parser, help="write the result to FILE (atomically) instead of standard output")
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=30.0,
        metavar="SECONDS",
        help="deadline for the whole exchange with the endpoint (default 30)",
    )
    add_credentials(parser, user_help="endpoint user (HTTP basic authentication)")
    parser.set_defaults(func=run)


def _params(pairs: list[str], query: object) -> dict[str, object]:
    """The --param values: typed as they say, or as the named query declares, or guessed."""
    from .._queries import NamedQuery, library, parse_param

    declared: set[str] = set()
    if isinstance(query, NamedQuery) and (query.parameters or query.name in library()):
        declared = {p.name for p in query.parameters}
    params: dict[str, object] = {}
    for pair in pairs:
        name = pair.partition("=")[0].partition(":")[0].strip()
        key, value = parse_param(pair, declared=name in declared)
        params[key] = value
    return params


def _source(args: argparse.Namespace) -> Any:
    if args.endpoint:
        from ..sparql import Endpoint

        password = read_password(args, where=args.endpoint)
        return Endpoint(args.endpoint, timeout=args.timeout, user=args.user, password=password)
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


GRAPH_FORMATS = ("turtle", "ntriples")
_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".xlsx": "xlsx",
    ".ttl": "turtle",
    ".nt": "ntriples",
}


def _format(args: argparse.Namespace) -> str:
    """The output format: --format, else the suffix of -o, else a table; --bom applied."""
    from pathlib import Path

    fmt: str | None = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower() if args.output else ""
        fmt = _SUFFIX_FORMATS.get(suffix, "table")
    if args.bom and fmt not in ("csv", "tsv", "excel-csv"):
        raise InputError(f"--bom applies to csv and tsv, not {fmt}")
    if fmt == "xlsx" and not args.output:
        raise InputError("--format xlsx writes a file: give -o FILE.xlsx")
    return fmt


def _inputs(args: argparse.Namespace) -> list[str]:
    """The files the command reads (data files and a .rq query file)."""
    files = list(args.data or [])
    if args.name and args.name.endswith(".rq"):
        files.append(args.name)
    return files


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..sparql import UnmatchedLabelWarning, query
    from ._inputs import refuse_overwrite

    fmt = _format(args)
    if args.output:
        refuse_overwrite([args.output], _inputs(args))
    from .._queries import resolve

    text = args.expression if args.expression is not None else args.name
    resolved = resolve(text)
    params = _params(args.param, resolved)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnmatchedLabelWarning)
        result = query(_source(args), resolved, **params)
    for warning in caught:
        if issubclass(warning.category, UnmatchedLabelWarning):
            print(f"policygraph query: warning: {warning.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    if isinstance(result, pd.DataFrame):
        if fmt in GRAPH_FORMATS:
            raise InputError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries")
        if args.output:
            from .._tables import write_table

            write_table(result, args.output, fmt=fmt, bom=args.bom, sheet=_sheet_name(args))
        else:
            write(result, fmt, bom=args.bom)
        return 0
    if fmt == "table":
        fmt = "turtle"
    if fmt not in GRAPH_FORMATS:
        raise InputError(
            f"a CONSTRUCT or DESCRIBE query gives a graph: use --format turtle or ntriples, "
            f"not {fmt}"
        )
    rdf_format = "turtle" if fmt == "turtle" else "nt"
    if args.output:
        from ..rdf import save_graph

        save_graph(result, args.output, format=rdf_format)
    else:
        from .._writer import write_graph

        sys.stdout.flush()
        write_graph(result, sys.stdout.buffer, format=rdf_format)
        sys.stdout.buffer.flush()
    return 0


def _sheet_name(args: argparse.Namespace) -> str:
    from pathlib import Path

    return Path(args.name).stem if args.name else "query"


def write(frame: Any, fmt: str, *, bom: bool = False) -> None:
    """Print a result frame as a table, or in a text format of ``TABLE_FORMATS``."""
    import pandas as pd

    from .._tables import table_text

    out = sys.stdout
    if fmt != "table":
        out.write(table_text(frame, fmt, bom=bom))
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
            out.write(frame.astype(object).map(_shown).to_string(index=False) + "\n")


def _shown(value: Any) -> str:
    """A value as the terminal table shows it: numbers as written, missing values blank."""
    from .._tables import cell_value

    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)
