"""Every shape has a passing fixture (plan-valid.ttl) and a failing one (cases.yaml).

Each failing case asserts the exact set of results: shape, focus node, path and severity.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from policygraph.rdf import load_graph
from policygraph.resources import resource_path
from policygraph.validation import validate

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = FIXTURES / "plan-valid.ttl"
PLAN = "https://w3id.org/policygraph/id/plan/mini/"
PGSH = "https://w3id.org/policygraph/shapes#"
PROLOGUE = f"""
BASE <{PLAN}>
PREFIX pg: <https://w3id.org/policygraph/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX id: <https://w3id.org/policygraph/id/>
"""
CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "cases.yaml").read_text("utf-8"))
#: checks made in Python beside SHACL, named like shapes
SOURCE_CHECKS = {"SourceTextFound", "SourceTextChecksum", "SourceTextSpan", "SourceTextQuote"}


def _focus(relative: str) -> str:
    return str(URIRef(relative, base=PLAN)) if relative else PLAN.rstrip("/")


def _found(graph: Graph) -> list[tuple[str, str, str | None, str]]:
    report = validate(graph, sources=FIXTURES)
    return sorted(
        (r.source_shape.removeprefix(PGSH), r.focus_node, r.path, r.severity)
        for r in report.results
    )


def _named_shapes() -> set[str]:
    shapes = load_graph(resource_path("shapes", "policygraph-shapes.ttl"))
    return {
        str(s).removeprefix(PGSH)
        for s in shapes.subjects(SH.severity, None)
        if isinstance(s, URIRef) and str(s).startswith(PGSH)
    }


def test_valid_fixture_conforms_with_no_result_at_all() -> None:
    report = validate(load_graph(VALID), sources=FIXTURES)
    assert report.conforms
    assert report.results == ()


def test_every_shape_has_a_failing_case() -> None:
    covered = {case["shape"] for case in CASES}
    assert covered == _named_shapes() | SOURCE_CHECKS


def test_every_shape_targets_something_in_the_passing_fixture() -> None:
    """The passing fixture exercises every node shape: each has at least one focus node."""
    shapes = load_graph(resource_path("shapes", "policygraph-shapes.ttl"))
    data = load_graph(VALID)
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        classes = list(shapes.objects(shape, SH.targetClass))
        subjects_of = list(shapes.objects(shape, SH.targetSubjectsOf))
        assert any((None, RDF.type, c) in data for c in classes) or any(
            (None, p, None) in data for p in subjects_of
        ), shape


@pytest.mark.parametrize("case", CASES, ids=[c["shape"] for c in CASES])
def test_failing_fixture_reports_exact_results(case: dict[str, Any]) -> None:
    graph = load_graph(VALID)
    graph.update(PROLOGUE + case["update"])
    expected = sorted(
        (shape, _focus(focus), path, severity) for shape, focus, path, severity in case["expect"]
    )
    assert _found(graph) == expected
