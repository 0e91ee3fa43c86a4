"""CONSTRUCT and DESCRIBE: an rdflib Graph in Python, Turtle on the command line.

In tests/fixtures/sparql-mini.ttl, 市科技局 (department/city/stb) leads two tasks, 2-1-1 建设实验室
and 2-2-1 培育企业, and 市经信局 (eit) leads one, 2-1-2; 市科技局 has a type and two labels.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from policygraph import open_store, query
from policygraph.cli import main
from policygraph.errors import QueryError
from policygraph.rdf import load_graph
from policygraph.vocab import ID, PG, SKOS

MINI = Path(__file__).resolve().parent / "fixtures" / "sparql-mini.ttl"
STB = ID["department/city/stb"]
LEADS = """
PREFIX pg: <https://w3id.org/policygraph/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?d pg:leads ?t . ?t skos:prefLabel ?l }
WHERE { ?t pg:lead ?d ; skos:prefLabel ?l FILTER(LANG(?l) = "zh") }
"""
EXPECTED_LEADS = {
    (STB, URIRef(str(PG) + "leads"), ID["plan/mini/task/2-1-1"]),
    (STB, URIRef(str(PG) + "leads"), ID["plan/mini/task/2-2-1"]),
    (ID["department/city/eit"], URIRef(str(PG) + "leads"), ID["plan/mini/task/2-1-2"]),
}


@pytest.fixture(scope="module")
def sources(oxigraph_server_for: Any) -> dict[str, Any]:
    return {
        "rdflib": load_graph(MINI),
        "oxigraph": open_store(None, MINI),
        "endpoint": oxigraph_server_for("mini", MINI).query_url,
    }


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph", "endpoint"])
def test_construct_gives_a_graph_on_every_backend(sources: dict[str, Any], backend: str) -> None:
    graph = query(sources[backend], LEADS)
    assert isinstance(graph, Graph)
    assert {t for t in graph if t[1] == URIRef(str(PG) + "leads")} == EXPECTED_LEADS
    assert graph.value(ID["plan/mini/task/2-1-1"], SKOS.prefLabel) == Literal(
        "建设实验室", lang="zh"
    )
    assert len(graph) == 6
    assert dict(graph.namespaces())["pg"] == URIRef(str(PG))
    assert isomorphic(graph, query(sources["rdflib"], LEADS))


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph", "endpoint"])
def test_describe_gives_a_graph_on_every_backend(sources: dict[str, Any], backend: str) -> None:
    graph = query(sources[backend], f"DESCRIBE <{STB}>")
    assert isinstance(graph, Graph)
    assert set(graph) == {
        (STB, RDF.type, PG.Department),
        (STB, SKOS.prefLabel, Literal("市科技局", lang="zh")),
        (STB, SKOS.prefLabel, Literal("Municipal Science and Technology Bureau", lang="en")),
    }


def test_construct_with_a_parameter(sources: dict[str, Any]) -> None:
    # the parameter goes into the WHERE group, not into the template
    text = "CONSTRUCT { ?t pg:lead ?d } WHERE { ?t pg:lead ?d }"
    text = "PREFIX pg: <https://w3id.org/policygraph/def#> " + text
    for backend in ("rdflib", "oxigraph", "endpoint"):
        graph = query(sources[backend], text, d=str(STB))
        assert set(graph.subjects()) == {ID["plan/mini/task/2-1-1"], ID["plan/mini/task/2-2-1"]}
        assert set(graph.objects()) == {STB}


def test_cli_prints_turtle(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["query", "-e", LEADS, "--data", str(MINI)]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"@prefix ")
    assert "建设实验室".encode() in out  # UTF-8, not escaped
    printed = Graph().parse(data=out.decode("utf-8"), format="turtle")
    assert {t for t in printed if t[1] == URIRef(str(PG) + "leads")} == EXPECTED_LEADS


def test_cli_writes_turtle_and_ntriples_files(tmp_path: Path) -> None:
    ttl, nt = tmp_path / "leads.ttl", tmp_path / "leads.nt"
    assert main(["query", "-e", LEADS, "--data", str(MINI), "-o", str(ttl)]) == 0
    assert main(["query", "-e", LEADS, "--data", str(MINI), "-o", str(nt)]) == 0
    from_ttl = Graph().parse(ttl, format="turtle")
    from_nt = Graph().parse(nt, format="nt")
    assert len(from_ttl) == 6 and isomorphic(from_ttl, from_nt)
    assert not nt.read_text(encoding="utf-8").startswith("@prefix")


def test_cli_formats_that_do_not_fit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "-e", LEADS, "--data", str(MINI), "--format", "csv"]) == 2
    assert capsys.readouterr().err == (
        "policygraph query: error: a CONSTRUCT or DESCRIBE query gives a graph: use --format "
        "turtle or ntriples, not csv\n"
    )
    assert main(["query", "cq01", "--data", str(MINI), "--format", "turtle"]) == 2
    assert "--format turtle is for CONSTRUCT and DESCRIBE queries" in capsys.readouterr().err


def test_update_is_still_refused(sources: dict[str, Any]) -> None:
    with pytest.raises(QueryError):
        query(sources["rdflib"], "INSERT DATA { <http://a> <http://b> <http://c> }")
    with pytest.raises(QueryError):
        query(sources["oxigraph"], "INSERT DATA { <http://a> <http://b> <http://c> }")
