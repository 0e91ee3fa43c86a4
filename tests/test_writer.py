"""Writing graphs with pyoxigraph (linear time): same graph, stable text, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from policygraph.errors import InputError
from policygraph.rdf import bind_prefixes, load_graph, load_plan, save_graph
from policygraph.resources import PLAN315_TTL, resource_path

EX = "https://w3id.org/policygraph/id/plan/demo/"


def _varied() -> Graph:
    """IRIs, blank nodes, plain, language-tagged and typed literals, awkward text."""
    g = bind_prefixes(Graph())
    task = URIRef(EX + "task/1")
    g.add((task, RDF.type, URIRef("https://w3id.org/policygraph/def#Task")))
    g.add((task, SKOS.prefLabel, Literal("建设实验室", lang="zh")))
    g.add((task, SKOS.prefLabel, Literal("Build laboratories", lang="en")))
    g.add((task, SKOS.note, Literal('a "quoted" \\ line\nand a tab\t')))
    g.add((task, URIRef(EX + "value"), Literal("3.65", datatype=XSD.decimal)))
    g.add((task, URIRef(EX + "year"), Literal("2027", datatype=XSD.gYear)))
    node = BNode()
    g.add((task, URIRef(EX + "part"), node))
    g.add((node, SKOS.prefLabel, Literal("G60", lang="zh")))
    g.add((node, SKOS.prefLabel, Literal("G60", lang="en")))
    return g


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("turtle", "ttl"), ("nt", "nt"), ("xml", "rdf"), ("json-ld", "jsonld")]
)
def test_every_format_writes_the_same_graph(tmp_path: Path, fmt: str, suffix: str) -> None:
    g = _varied()
    out = save_graph(g, tmp_path / f"g.{suffix}", format=fmt)
    assert isomorphic(load_graph(out), g)


def test_the_bundled_plan_round_trips_and_its_file_is_what_the_writer_makes(
    tmp_path: Path,
) -> None:
    g = load_plan()
    out = save_graph(g, tmp_path / "plan.ttl")
    assert isomorphic(load_graph(out), g)
    committed = resource_path(*PLAN315_TTL).read_text(encoding="utf-8")
    body = committed[committed.index("@prefix") :]
    assert out.read_text(encoding="utf-8") == body
    # only the prefixes the vocabulary uses, and each subject written once
    prefixes = [line.split()[1] for line in body.splitlines() if line.startswith("@prefix")]
    assert sorted(prefixes) == sorted(
        ["dcterms:", "oa:", "org:", "pg:", "prov:", "skos:", "time:", "xsd:"]
    )
    subjects = {s for s in g.subjects() if isinstance(s, URIRef)}
    starts = [line.split()[0] for line in body.splitlines() if line.startswith("<")]
    assert len(starts) == len(subjects) == len(set(starts))


def test_the_text_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    code = (
        "import sys; from policygraph.rdf import load_plan, save_graph; "
        "save_graph(load_plan(), sys.argv[1])"
    )
    texts = set()
    for seed in ("1", "2", "3"):
        out = tmp_path / f"plan-{seed}.ttl"
        env = {"PYTHONHASHSEED": seed, "PATH": ""}
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env)
        texts.add(out.read_bytes())
    assert len(texts) == 1


def test_longturtle_is_left_to_rdflib(tmp_path: Path) -> None:
    g = _varied()
    out = save_graph(g, tmp_path / "g.ttl", format="longturtle")
    assert isomorphic(load_graph(out), g)


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (URIRef("http://example.org/a b"), "cannot write the graph: a term is not valid RDF: "),
        (Literal("市\ud800局"), "cannot write the graph: a term is not valid RDF: "),
    ],
)
def test_terms_that_cannot_be_written_are_input_errors(
    tmp_path: Path, term: URIRef | Literal, message: str
) -> None:
    out = tmp_path / "g.ttl"
    out.write_text("old", encoding="utf-8")
    g = Graph()
    g.add((URIRef(EX + "s"), URIRef(EX + "p"), term))
    with pytest.raises(InputError, match=message):
        save_graph(g, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_json_ld_output_is_json(tmp_path: Path) -> None:
    out = save_graph(_varied(), tmp_path / "g.jsonld", format="json-ld")
    data = json.loads(out.read_text(encoding="utf-8"))
    labels = json.dumps(data, ensure_ascii=False)
    assert "建设实验室" in labels and "Build laboratories" in labels
