"""Argument helpers shared by sub-commands: graph inputs default to the bundled plan."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from rdflib import Graph

__all__ = ["add_graph_files", "load_inputs"]


def add_graph_files(parser: argparse.ArgumentParser, /, *, required: bool = False) -> None:
    """Add the positional ``FILE...`` argument (RDF files; the bundled plan when omitted)."""
    parser.add_argument(
        "files",
        nargs="+" if required else "*",
        metavar="FILE",
        help="RDF files (Turtle, N-Triples, JSON-LD...)"
        + ("" if required else "; default: the bundled Jiaxing 315 graph"),
    )


def load_inputs(files: Sequence[str], /) -> Graph:
    """Load the given RDF files into one graph, or the bundled plan when none are given."""
    from ..rdf import load_graph, load_plan

    return load_graph(*files) if files else load_plan()
