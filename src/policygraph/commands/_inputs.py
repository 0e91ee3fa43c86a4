"""Helpers shared by sub-commands: graph inputs, outputs that must not be inputs, flag hints.

The library's errors name no command-line option; :func:`name_flags` rewords one to name the
option that fixes it.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from rdflib import Graph

    from ..errors import PolicyGraphError

__all__ = [
    "PASSWORD_VARIABLE",
    "add_credentials",
    "add_graph_files",
    "add_lang",
    "add_output",
    "input_paths",
    "load_inputs",
    "name_flags",
    "read_password",
    "refuse_overwrite",
]

PathLike = str | os.PathLike[str]

#: the environment variable read for the password when --user is given without one
PASSWORD_VARIABLE = "POLICYGRAPH_PASSWORD"


def add_output(
    parser: argparse.ArgumentParser,
    /,
    *,
    help: str,
    metavar: str = "FILE",
    required: bool = False,
) -> None:
    """Add ``-o/--output`` (read as ``args.output``); ``--out`` is kept as a hidden alias.

    Either spelling satisfies ``required``; giving both is a usage error.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="demo")
    >>> add_output(parser, help="where to write", required=True)
    >>> parser.parse_args(["-o", "a.ttl"]).output, parser.parse_args(["--out", "b.ttl"]).output
    ('a.ttl', 'b.ttl')
    >>> "--out FILE" in parser.format_help()
    False
    """
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("-o", "--output", metavar=metavar, help=help)
    group.add_argument("--out", dest="output", metavar=metavar, help=argparse.SUPPRESS)


def add_lang(parser: argparse.ArgumentParser, /, *, help: str = "label language") -> None:
    """Add ``--lang zh|en``, default ``zh`` (the plans' language), in every command alike.

    Examples
    --------
    >>> parser = argparse.ArgumentParser(prog="demo")
    >>> add_lang(parser)
    >>> parser.parse_args([]).lang, parser.parse_args(["--lang", "en"]).lang
    ('zh', 'en')
    """
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help=f"{help} (default: zh)")


def add_credentials(parser: argparse.ArgumentParser, /, *, user_help: str) -> None:
    """Add ``--user``, ``--password`` and ``--password-env VAR``; see :func:`read_password`."""
    parser.add_argument("--user", help=user_help)
    parser.add_argument(
        "--password",
        help="password (visible to other users of this machine; prefer --password-env, "
        f"{PASSWORD_VARIABLE} or the prompt)",
    )
    parser.add_argument(
        "--password-env", metavar="VAR", help="read the password from environment variable VAR"
    )


def read_password(args: argparse.Namespace, /, *, where: str | None = None) -> str | None:
    """The password for ``args.user``, from the options, the environment or a prompt.

    In order: ``--password``, ``--password-env VAR``, ``POLICYGRAPH_PASSWORD``, or asked for
    (not echoed) when standard input is a terminal.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed options of a command that called :func:`add_credentials`.
    where : str, optional
        What the password is for (an endpoint URL), shown in the prompt.

    Returns
    -------
    str or None
        None when no ``--user`` is given.

    Raises
    ------
    InputError
        A password without ``--user``, both password options, an unset variable, or no
        password and no terminal to ask in.

    Examples
    --------
    >>> import os
    >>> args = argparse.Namespace(user="reader", password=None, password_env=None)
    >>> os.environ["POLICYGRAPH_PASSWORD"] = "s3cret"
    >>> read_password(args)
    's3cret'
    >>> del os.environ["POLICYGRAPH_PASSWORD"]
    """
    import sys

    from ..errors import InputError

    if args.password is not None and args.password_env is not None:
        raise InputError("give --password or --password-env, not both")
    if args.user is None:
        if args.password is not None or args.password_env is not None:
            raise InputError("a password needs --user")
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

    prompt = f"password for {args.user}" + (f" at {where}" if where else "") + ": "
    try:
        return getpass.getpass(prompt)
    except EOFError as exc:
        raise InputError(f"no password for {args.user}: the input ended") from exc


def add_graph_files(parser: argparse.ArgumentParser, /, *, required: bool = False) -> None:
    """Add the positional ``FILE...`` argument (RDF files; the bundled plan when omitted)."""
    parser.add_argument(
        "files",
        nargs="+" if required else "*",
        metavar="FILE",
        help="RDF files (Turtle, N-Triples, JSON-LD...)"
        + ("" if required else "; default: the bundled Jiaxing 315 graph"),
    )


def input_paths(files: Sequence[PathLike], /) -> list[Path]:
    """The graph files a command reads: ``files``, or the bundled plan when none are given."""
    if files:
        return [Path(f) for f in files]
    from ..resources import PLAN315_TTL, resource_path

    return [resource_path(*PLAN315_TTL)]


def load_inputs(files: Sequence[str], /) -> Graph:
    """Load the given RDF files into one graph, or the bundled plan when none are given."""
    from ..rdf import load_graph, load_plan

    return load_graph(*files) if files else load_plan()


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one does not exist (yet), or cannot be inspected
        return False


def refuse_overwrite(outputs: Iterable[PathLike], inputs: Iterable[PathLike], /) -> None:
    """Refuse to write an output that is one of the inputs, or another output.

    Two paths are the same file when :func:`os.path.samefile` says so (a symbolic or hard
    link to an input counts); an output that does not exist yet is never an input.

    Parameters
    ----------
    outputs : iterable of path-like
        Every file the command is about to write.
    inputs : iterable of path-like
        Every file the command reads.

    Raises
    ------
    InputError
        An output is an input, or two outputs are the same file; the message names both.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "plan.txt").write_text("一、总体要求", encoding="utf-8")
    6
    >>> refuse_overwrite([folder / "plan.ttl"], [folder / "plan.txt"])  # a new file: fine
    >>> (folder / "link.ttl").symlink_to(folder / "plan.txt")
    >>> refuse_overwrite([folder / "link.ttl"], [folder / "plan.txt"])
    Traceback (most recent call last):
    ...
    policygraph.errors.InputError: refusing to write .../link.ttl: it is the input .../plan.txt
    """
    from ..errors import InputError

    ins = [Path(p) for p in inputs]
    seen: list[Path] = []
    for out in (Path(p) for p in outputs):
        for other in ins:
            if _same(out, other):
                raise InputError(f"refusing to write {out}: it is the input {other}")
        for other in seen:
            if os.path.abspath(out) == os.path.abspath(other) or _same(out, other):
                raise InputError(f"refusing to write {out} twice: it is also the output {other}")
        seen.append(out)


def _flag_messages() -> dict[str, Callable[[PolicyGraphError], str]]:
    """For each error reason the library gives, the message that names the option to use."""
    return {
        "store-not-folder": lambda e: (
            "not a folder: --store needs a folder for the database (created if missing)"
        ),
        "port-in-use": lambda e: (
            f"cannot listen on port {e.details['port']}: {e.details['why']}; "
            "choose another --port or omit it"
        ),
        "federation-filter-refused": lambda e: (
            f"cannot start the Oxigraph server: {e.details['why']}; if the seccomp filter that "
            "keeps SERVICE off is refused here, allow federation explicitly (--federation)"
        ),
        "federation-filter-missing": lambda e: (
            "cannot keep SPARQL federation (SERVICE) off on this platform; "
            "allow it explicitly (--federation, federation=True) to serve anyway"
        ),
        "default-graph-taken": lambda e: (
            f"the default graph's target {e.details['graph']} is a graph of the store: "
            "give --default-graph another IRI"
        ),
        "read-only": lambda e: (
            "the server refused to write (HTTP 403 Forbidden): it is read-only; "
            f"for 'policygraph serve' add --writable{e.details['detail']}"
        ),
        "credentials-needed": lambda e: (
            "the server wants credentials (HTTP 401): give --user and --password"
        ),
    }


def name_flags(error: PolicyGraphError, /) -> PolicyGraphError:
    """Reword ``error`` to name the command-line option that fixes it, and return it.

    The library's errors name no option: they carry a ``reason`` code and the values their
    message was made from; a command says which of its options to use.

    Examples
    --------
    >>> from policygraph.errors import InputError
    >>> error = InputError("cannot listen on port 80: in use; choose another port or none",
    ...                    reason="port-in-use", details={"port": 80, "why": "in use"})
    >>> str(name_flags(error))
    'cannot listen on port 80: in use; choose another --port or omit it'
    """
    reword = _flag_messages().get(error.reason or "")
    if reword is not None:
        error.message = reword(error)
    return error
