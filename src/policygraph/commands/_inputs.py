"""Argument helpers shared by sub-commands: graph inputs, and outputs that must not be inputs."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["add_graph_files", "input_paths", "load_inputs", "refuse_overwrite"]

PathLike = str | os.PathLike[str]


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
