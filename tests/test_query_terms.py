"""Parameters given as rdflib terms: one checked, escaped writer for every backend.

The fixture tests/fixtures/sparql-mini.ttl has three targets with deadlines 2026, 2027 and 2027,
and 市财政局 supports one task (建设实验室); the department 市"特别"局 {试点} ; DROP ALL supports
引进人才."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from rdflib import BNode, Graph, Literal, URIRef, Variable

from policygraph import QueryError, open_store, query
from policygraph.rdf import load_graph

MINI = Path(__file__).resolve().parent / "fixtures" / "sparql-mini.ttl"
ODD_LABEL = '市"特别"局 {试点} ; DROP ALL'
# a datatype IRI that closes the VALUES row and opens another one for 市财政局
CRAFTED = Literal(
    "nobody",
    datatype=URIRef('http://www.w3.org/2001/XMLSchema#string>) ("市财政局") (<http://x'),
)


@pytest.fixture(scope="module")
def sources(oxigraph_server_for: Any) -> dict[str, Any]:
    server = oxigraph_server_for("mini", MINI)
    return {
        "rdflib": load_graph(MINI),
        "oxigraph": open_store(None, MINI),
        "endpoint": server.query_url,
    }


BACKENDS = ["rdflib", "oxigraph", "endpoint"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_crafted_literal_datatype_adds_no_row(sources: dict[str, Any], backend: str) -> None:
    source = sources[backend]
    assert list(query(source, "cq03", department="市财政局")["task_label"]) == ["建设实验室"]
    with pytest.raises(QueryError, match=r"parameter 'department': datatype .* is not a valid"):
        query(source, "cq03", department=CRAFTED)
    with pytest.raises(QueryError, match=r"parameter 'department': datatype"):
        query(source, "SELECT ?x WHERE { ?x ?p ?department }", department=CRAFTED)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_invalid_iri_is_a_query_error(sources: dict[str, Any], backend: str) -> None:
    with pytest.raises(
        QueryError, match=r"parameter 'department': 'http://x/a b' is not a valid absolute IRI"
    ):
        query(sources[backend], "cq03", department=URIRef("http://x/a b"))
    with pytest.raises(QueryError, match=r"'relative/iri' is not a valid absolute IRI"):
        query(sources[backend], "SELECT ?x WHERE { ?x ?p ?o }", o=URIRef("relative/iri"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_escaped_terms_match_exactly(sources: dict[str, Any], backend: str) -> None:
    source = sources[backend]
    assert list(query(source, "cq03", department=Literal(ODD_LABEL))["task_label"]) == ["引进人才"]
    # a backslash and a newline are escaped, not read as SPARQL escapes or line ends
    assert query(source, "cq03", department=Literal("市财政局\\n")).empty
    assert query(source, "cq03", department=Literal("市财政局\n")).empty


def test_integer_parameters_give_the_same_answer_everywhere(sources: dict[str, Any]) -> None:
    by_year = {}
    for backend in BACKENDS:
        for too_big in ("9" * 26, str(2**63), Literal(10**30)):
            with pytest.raises(QueryError, match=r"parameter 'by': .* is out of range"):
                query(sources[backend], "cq05", by=too_big)
        by_year[backend] = [
            len(query(sources[backend], "cq05", by=by))
            for by in (2025, 2026, "2027", str(2**63 - 1), Literal(2027))
        ]
    assert by_year["rdflib"] == [0, 1, 3, 3, 3]
    assert by_year["oxigraph"] == by_year["rdflib"] == by_year["endpoint"]
    frames = [query(sources[b], "cq05", by=str(2**63 - 1)) for b in BACKENDS]
    pd.testing.assert_frame_equal(frames[0], frames[1])
    pd.testing.assert_frame_equal(frames[0], frames[2])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (BNode("b1"), "parameter 'department': cannot bind a BNode"),
        (Variable("x"), "parameter 'department': cannot bind a Variable"),
        ("市\ud800局", "parameter 'department': the value is not valid Unicode text"),
    ],
)
def test_unbindable_values_are_query_errors(
    sources: dict[str, Any], value: object, message: str
) -> None:
    for backend in BACKENDS:
        with pytest.raises(QueryError, match=message):
            query(sources[backend], "cq03", department=value)


def test_declared_types_apply_to_rdflib_terms(sources: dict[str, Any]) -> None:
    graph: Graph = sources["rdflib"]
    with pytest.raises(QueryError, match=r"parameter 'by' expects an integer"):
        query(graph, "cq05", by=URIRef("http://example.org/2027"))
    with pytest.raises(QueryError, match=r"parameter 'by' expects an integer"):
        query(graph, "cq05", by=Literal("2027"))
