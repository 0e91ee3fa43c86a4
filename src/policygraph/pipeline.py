r"""The pipeline: a plan file, extracted, curated and made a graph.

This is the layer that puts the others together: :mod:`policygraph.extraction` reads a plan,
:mod:`policygraph.curation` applies a person's corrections and English labels, and
:mod:`policygraph.rdf` makes the graph. ``rdf`` itself only serialises a
:class:`~policygraph.model.PlanDocument`; it knows neither extraction nor curation.

The package is layered; a module imports from its own layer or a lower one, never upward, and
never another module's private ``_name`` (``tests/test_layering.py`` checks both). Bottom first:

1. foundation: ``errors``, ``vocab``, ``resources``, ``model``, ``units`` and small helpers;
2. helpers: files, query files, HTTP, ``labels``, ``gazetteer``, ``indicators``, ``departments``;
3. ``extraction`` (plan text to a PlanDocument);
4. ``rdf`` (a PlanDocument to RDF, reading and writing graphs);
5. ``curation`` (a person's corrections and English labels);
6. ``pipeline`` (this module) and ``evaluation``;
7. analysis: ``sparql``, ``validation``, ``network``, ``summary``, ``comparison``;
8. presentation: ``plot``, ``reporting``, ``corpus_plot``, ``corpus_report``;
9. ``corpus`` (many plans in one store);
10. ``server`` (a local Oxigraph server, pushing to stores);
11. ``commands`` (the subcommands), then ``cli`` and the package's lazy exports.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from rdflib import RDF
>>> from policygraph.vocab import PG
>>> plan = Path(tempfile.mkdtemp()) / "plan.txt"
>>> _ = plan.write_text(
...     "某市科技创新实施方案（2024—2026年）\n一、重点任务\n"
...     "1．建设实验室。（责任单位：市科技局、市财政局）\n",
...     encoding="utf-8",
... )
>>> doc, graph = build_plan(plan)
>>> len(list(graph.subjects(RDF.type, PG.Task)))
1
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .curation import apply_curation, load_curation
from .extraction import extract_file
from .rdf import to_rdf

if TYPE_CHECKING:
    from rdflib import Graph

    from .model import PlanDocument

__all__ = ["build_document", "build_plan"]


def build_document(
    source: str | os.PathLike[str],
    /,
    *,
    curation: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> PlanDocument:
    """Extract a plan text and apply an optional curation file.

    Parameters
    ----------
    source : path-like
        A plan file: a text in any common Chinese encoding, a web page, a Word document
        (``.docx``) or a PDF with a text layer (see :func:`policygraph.readers.read_source`).
    curation : path-like, optional
        A curation file (YAML, see ``docs/curation.md``).
    encoding : str, optional
        The encoding of a text or web page, instead of detecting it.

    Returns
    -------
    PlanDocument
    """
    doc = extract_file(source, encoding=encoding)
    if curation is not None:
        doc = apply_curation(doc, load_curation(Path(curation)))
    return doc


def build_plan(
    source: str | os.PathLike[str],
    /,
    *,
    curation: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> tuple[PlanDocument, Graph]:
    """Extract a plan text, apply an optional curation file, and return the document and graph.

    Parameters
    ----------
    source : path-like
        A plan file: a text in any common Chinese encoding, a web page, a Word document
        (``.docx``) or a PDF with a text layer (see :func:`policygraph.readers.read_source`).
    curation : path-like, optional
        A curation file (YAML, see ``docs/curation.md``).
    encoding : str, optional
        The encoding of a text or web page, instead of detecting it.

    Returns
    -------
    (PlanDocument, rdflib.Graph)
    """
    doc = build_document(source, curation=curation, encoding=encoding)
    return doc, to_rdf(doc)
