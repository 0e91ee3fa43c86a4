"""The SHACL results graph, written as pySHACL 0.40's ``create_validation_report`` writes it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ._core import Result
from ._sparql import fill_message

__all__ = ["results_graph"]


def results_graph(shapes: Graph, results: Sequence[Result], data: Any) -> Graph:
    """One ``sh:ValidationReport`` with a ``sh:ValidationResult`` per result.

    Blank nodes are copied with their descriptions, as pySHACL copies them: shapes and paths
    from the shapes graph, focus nodes and values from the data (``data.describe``).
    """
    from pyshacl.rdfutil.clone import clone_blank_node

    report = Graph(bind_namespaces="core")
    for prefix, namespace in shapes.namespace_manager.namespaces():
        report.namespace_manager.bind(prefix, namespace)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(not results)))
    cloned: dict[tuple[str, str], Node] = {}

    def from_shapes(node: Node) -> Node:
        if isinstance(node, Literal):
            return node
        key = ("shapes", str(node))
        if key not in cloned:
            cloned[key] = (
                clone_blank_node(shapes, node, report, keepid=True)
                if isinstance(node, BNode)
                else node
            )
        return cloned[key]

    def from_data(node: Node) -> Node:
        if isinstance(node, Literal):
            return node
        key = ("data", str(node))
        if key not in cloned:
            if isinstance(node, BNode):
                described = Graph()
                data.describe(node, described)
                cloned[key] = clone_blank_node(described, node, report, keepid=True)
            else:
                cloned[key] = node
        return cloned[key]

    for r in results:
        node = BNode()
        shape = r.shape
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.sourceConstraintComponent, from_shapes(r.component)))
        report.add((node, SH.sourceShape, from_shapes(shape.node)))
        report.add((node, SH.resultSeverity, shape.severity))
        report.add((node, SH.focusNode, from_data(r.focus)))
        if r.value is not None:
            report.add((node, SH.value, from_data(r.value)))
        if shape.path is not None:
            report.add((node, SH.resultPath, from_shapes(shape.path)))
        if r.source_constraint is not None:
            report.add((node, SH.sourceConstraint, from_shapes(r.source_constraint)))
        for message in _messages(r):
            report.add((node, SH.resultMessage, message))
    return report


def _messages(r: Result) -> list[Node]:
    """PySHACL's ``make_v_result``: a SPARQL constraint's messages, then the shape's, filled."""
    own = list(r.shape.messages)
    if r.bound is None:
        return own
    out: list[Node] = []
    constraint = next((c for c in r.shape.sparql if c.node == r.source_constraint), None)
    for m in constraint.messages if constraint is not None else ():
        if m in own:
            continue
        out.append(fill_message(m, r.bound))
    out += [fill_message(m, r.bound) if isinstance(m, Literal) else m for m in own]
    return out
