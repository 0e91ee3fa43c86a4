"""``policygraph serve``: a local Oxigraph SPARQL server with the plan graph and the ontology."""

from __future__ import annotations

import argparse
import signal
import sys
from typing import Any

HELP = "start a local Oxigraph SPARQL server (query UI included) with plan graphs loaded"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help=HELP,
        description=HELP
        + ". Without FILE it serves the bundled Jiaxing '315' plan and the ontology; with "
        "--store DIR and no FILE, the store in DIR as it is (e.g. a corpus built by "
        "'policygraph corpus build'), without loading anything. "
        "Read-only, bound to loopback, queries cancelled after 30 s and SERVICE (federation) "
        "off unless told otherwise; Ctrl-C stops it.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="RDF files to load")
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default loopback)")
    parser.add_argument("--port", type=_port, default=None, help="TCP port (default: a free one)")
    parser.add_argument("--cors", action="store_true", help="allow cross-origin requests")
    parser.add_argument(
        "--writable", action="store_true", help="accept SPARQL updates and Graph Store writes"
    )
    parser.add_argument(
        "--store",
        metavar="DIR",
        help="keep the database in DIR (default: a temporary folder); without FILE, serve "
        "the existing store in DIR",
    )
    parser.add_argument(
        "--query-timeout",
        type=_query_timeout,
        default=30,
        metavar="SECONDS",
        help="cancel a query after this many seconds (default 30, at most 86400)",
    )
    parser.add_argument(
        "--federation",
        action="store_true",
        help="let queries fetch from other endpoints with SERVICE (off by default: the server "
        "may then open no network connection at all)",
    )
    parser.set_defaults(func=run)


def _port(text: str) -> int:
    """A TCP port number, 1-65535 (argparse type)."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {text!r}")
    return port


def _query_timeout(text: str) -> int:
    """Whole seconds from 1 to a day (argparse type)."""
    from ..server import MAX_QUERY_TIMEOUT

    try:
        seconds = int(text)
    except ValueError:
        seconds = 0
    if not 1 <= seconds <= MAX_QUERY_TIMEOUT:
        raise argparse.ArgumentTypeError(
            f"expected whole seconds from 1 to {MAX_QUERY_TIMEOUT}, got {text!r}"
        )
    return seconds


def _existing_store(folder: str) -> str:
    """Check that ``folder`` holds an Oxigraph store; say what (a corpus: how many plans)."""
    from pathlib import Path

    from ..corpus import load_manifest
    from ..errors import InputError
    from ..server import _check_location

    _check_location(Path(folder))  # a file, or a folder of other things
    if not (Path(folder) / "CURRENT").is_file():
        raise InputError(
            "no Oxigraph store here: build one with 'policygraph corpus build TEXTS --store "
            "DIR', or give FILEs to load into it",
            source=folder,
        )
    plans = load_manifest(folder)
    return f"a corpus of {len(plans)} plans" if plans else "not loaded again"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from ..server import OxigraphServer, default_sources, describe, is_loopback

    sources = list(args.files) or ([] if args.store else default_sources())
    served = None
    if args.store and not args.files:
        served = _existing_store(args.store)
    server = OxigraphServer(
        *sources,
        host=args.host,
        port=args.port,
        writable=args.writable,
        cors=args.cors,
        location=args.store,
        query_timeout=args.query_timeout,
        federation=args.federation,
    )
    # Ctrl-C (SIGINT) and SIGTERM both stop the server, even when the shell that started us
    # in the background made SIGINT ignored
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        server.start()
        if not is_loopback(args.host):
            print(
                f"warning: listening on {args.host}: other machines can reach this server",
                file=sys.stderr,
            )
        text = describe(server, sources)
        if served is not None:  # an existing store, served as it is: say what it holds
            first, _, rest = text.partition("\n")
            text = first.split(" with ")[0] + f" on the store {args.store} ({served})\n" + rest
        print(text, flush=True)
        code = server.wait()
        print(f"the Oxigraph server exited with code {code}", file=sys.stderr)
        return 3 if code else 0
    except KeyboardInterrupt:
        print("stopping the Oxigraph server", file=sys.stderr, flush=True)
        return 0
    finally:
        for sig in previous:  # a second Ctrl-C must not interrupt the clean-up
            signal.signal(sig, signal.SIG_IGN)
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
