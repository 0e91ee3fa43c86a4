"""The ``policygraph`` command line: one sub-command per module in ``policygraph.commands``.

Exit codes
----------
0
    success; for ``validate``, the graph conforms
1
    the data does not conform (``validate``) or a check found problems
2
    usage or input error: a missing or malformed file, a bad option or parameter
3
    a SPARQL endpoint or graph store cannot be reached or refused the request
130
    interrupted (Ctrl-C, SIGINT or SIGTERM); files being written are left as they were

Examples
--------
>>> from policygraph.cli import main
>>> main(["stats"])  # doctest: +ELLIPSIS
plan ...
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from importlib import import_module
from typing import Any, NoReturn

from ._signals import ignore_interrupts, install_interrupts, interrupted, interrupts_raise
from .errors import PolicyGraphError

__all__ = ["build_parser", "console", "main"]

#: sub-commands, in the order ``--help`` lists them; each is ``policygraph.commands.<name>``
COMMANDS: tuple[str, ...] = (
    "report",
    "build",
    "corpus",
    "curation",
    "stats",
    "validate",
    "query",
    "queries",
    "serve",
    "push",
    "network",
)

_EPILOG = """\
exit codes: 0 success (validate: conforms), 1 does not conform, 2 usage or input error,
3 endpoint unreachable or refused, 130 interrupted (SIGINT or SIGTERM).
Run 'policygraph COMMAND --help' for the options of one command."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every available sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="policygraph",
        description=(
            "Turn government policy plans into validated, queryable RDF knowledge graphs. "
            "Without a file argument, commands work on the bundled Jiaxing '315' plan."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"policygraph {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name == f"{__package__}.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    SIGINT (Ctrl-C) and SIGTERM end the command with exit code 130 and one line, while it
    runs; the previous signal handlers are restored when it returns.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` when omitted.

    Returns
    -------
    int
        The exit code (see the module documentation).
    """
    with interrupts_raise():
        return _run(argv)


def console() -> NoReturn:
    """Run the ``policygraph`` program: :func:`main`, then exit with its code.

    Unlike :func:`main`, the signal handlers stay until the process ends, so a signal that
    arrives as the command finishes still ends it with exit code 130 and one line.
    """
    install_interrupts()
    sys.unraisablehook = _unraisable
    # print file names given as bytes that are not UTF-8 back as the same bytes
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="surrogateescape")
    try:
        code = _run(None)
    except KeyboardInterrupt:  # as _run returned
        print("policygraph: interrupted", file=sys.stderr)
        code = 130
    except Exception:
        if not interrupted():
            raise
        print("policygraph: interrupted", file=sys.stderr)
        code = 130
    ignore_interrupts()
    if interrupted():
        # Python exits by killing itself with SIGINT when a KeyboardInterrupt once escaped
        # code that C ran (an extension module's import, say), even one caught later: the
        # command has cleaned up and said so, so exit now with the documented code
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def _unraisable(info: Any) -> None:
    """Drop an interrupt Python cannot raise (in a finalizer); report anything else."""
    if not isinstance(info.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(info)


def _run(argv: Sequence[str] | None) -> int:
    command = "policygraph"
    try:  # from the first statement: building the parser imports the commands' modules
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
            return int(exc.code or 0)
        if args.command is None:
            parser.print_help()
            return 2
        command = f"policygraph {args.command}"
        return int(args.func(args))
    except KeyboardInterrupt:
        print(f"{command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if interrupted():  # the interrupt, wrapped or translated on its way up
            print(f"{command}: interrupted", file=sys.stderr)
            return 130
        if isinstance(exc, PolicyGraphError):
            print(f"{command}: error: {exc}", file=sys.stderr)
            return exc.exit_code
        if isinstance(exc, BrokenPipeError):  # e.g. `policygraph report | head`
            return 0
        raise


if __name__ == "__main__":  # pragma: no cover
    console()
