"""``policygraph push``: load a graph, or a whole store, into a Graph Store Protocol server."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..errors import InputError
from ._options import seconds

HELP = "load an RDF file or an Oxigraph store into a Graph Store Protocol server"

#: the environment variable read for the password when --user is given without one
PASSWORD_VARIABLE = "POLICYGRAPH_PASSWORD"


def register(subparsers: Any) -> None:
    from ..server import DEFAULT_GRAPH

    parser = subparsers.add_parser(
        "push",
        help=HELP,
        description=HELP + " (Oxigraph .../store, Fuseki .../DATASET/data, "
        "Virtuoso .../sparql-graph-crud-auth). With FILE, its triples go to the graph --graph; "
        "with --store, every named graph of the store goes to the graph of the same name and "
        "the store's default graph to --default-graph, each replaced (HTTP PUT). With --user "
        "and no password option, the password is read from "
        f"{PASSWORD_VARIABLE} or asked for in a terminal.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="the RDF file to send")
    parser.add_argument(
        "--store", metavar="DIR", help="send every graph of this Oxigraph store instead of FILE"
    )
    parser.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store URL")
    parser.add_argument("--graph", metavar="IRI", help="the target graph IRI (with FILE)")
    parser.add_argument(
        "--default-graph",
        metavar="IRI",
        help=f"with --store: the graph that receives the store's default graph (shared "
        f"departments, platforms, units); default {DEFAULT_GRAPH}",
    )
    parser.add_argument("--user", help="user name (HTTP basic or digest authentication)")
    parser.add_argument(
        "--password", help="password (visible to other users of this machine; prefer the next)"
    )
    parser.add_argument(
        "--password-env", metavar="VAR", help="read the password from environment variable VAR"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace the graph (PUT) instead of adding (POST); --store always replaces",
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=60.0,
        metavar="SECONDS",
        help="deadline for each upload, answer included (default 60)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    _check_combination(args)
    password = _password(args)
    if args.store is not None:
        return _push_store(args, password)
    from ..server import push

    result = push(
        args.file,
        endpoint=args.endpoint,
        graph=args.graph,
        user=args.user,
        password=password,
        replace=args.replace,
        timeout=args.timeout,
    )
    print(
        f"{result.triples} triples sent to <{result.graph}> at {args.endpoint} "
        f"(HTTP {result.status})"
    )
    return 0


def _push_store(args: argparse.Namespace, password: str | None) -> int:
    from ..server import DEFAULT_GRAPH, PushResult, push_store

    def progress(number: int, total: int, result: PushResult) -> None:
        print(
            f"[{number}/{total}] {result.triples} triples sent to <{result.graph}> "
            f"(HTTP {result.status})",
            file=sys.stderr,
            flush=True,
        )

    results = push_store(
        args.store,
        endpoint=args.endpoint,
        default_graph=args.default_graph or DEFAULT_GRAPH,
        user=args.user,
        password=password,
        timeout=args.timeout,
        progress=progress,
    )
    triples = sum(r.triples for r in results)
    print(f"{len(results)} graphs, {triples} triples sent to {args.endpoint}")
    return 0


def _check_combination(args: argparse.Namespace) -> None:
    """Refuse options that do not go together (a usage error, exit code 2)."""
    if (args.file is None) == (args.store is None):
        raise InputError("give either FILE (with --graph) or --store DIR")
    if args.file is not None and args.graph is None:
        raise InputError("FILE needs --graph IRI, the graph to load it into")
    if args.store is not None and args.graph is not None:
        raise InputError(
            "--store sends each graph to its own name; --graph is for FILE "
            "(use --default-graph for the store's default graph)"
        )
    if args.file is not None and args.default_graph is not None:
        raise InputError("--default-graph is for --store; with FILE use --graph")
    if args.password is not None and args.password_env is not None:
        raise InputError("give --password or --password-env, not both")
    if args.user is None and (args.password is not None or args.password_env is not None):
        raise InputError("a password needs --user")


def _password(args: argparse.Namespace) -> str | None:
    """The password: --password, --password-env VAR, POLICYGRAPH_PASSWORD, or asked for."""
    if args.user is None:
        return None
    if args.password is not None:
        return str(args.password)
    if args.password_env is not None:
        value = os.environ.get(args.password_env)
        if value is None:
            raise InputError(f"the environment variable {args.password_env} is not set")
        return value
    value = os.environ.get(PASSWORD_VARIABLE)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise InputError(
            f"no password for {args.user}: give --password-env VAR, set "
            f"{PASSWORD_VARIABLE}, or run in a terminal to be asked"
        )
    import getpass

    try:
        return getpass.getpass(f"password for {args.user} at {args.endpoint}: ")
    except EOFError as exc:
        raise InputError(f"no password for {args.user}: the input ended") from exc
