"""SPARQL constraints' queries on the store answer as rdflib answers them (pySHACL's engine).

The store engine rewrites each query before Oxigraph runs it: comparisons become calls of
rdflib's comparison (rdflib orders ``7 < "fifteen"`` by datatype where Oxigraph reports a type
error), the triple patterns of an ``EXISTS`` are nested one per level, and a focus node is bound
by ``VALUES`` in the query and its sub-selects. Each query below is run by rdflib (with
``$this`` pre-bound, as pySHACL runs it) and by the store engine; the rows must be the same.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from policygraph._shacl_store import _compare, _exists, _sparql
from policygraph._shacl_store._data import StoreData
from policygraph._shacl_store._model import Unsupported

DATA = """
@prefix : <urn:x:> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
:s1 :named 7 ; :declared "fifteen" , 3 ; :member :m1 , :m2 .
:s2 :named 2 ; :declared 5 ; :member :m3 .
:t1 :rank 1 . :r1 :task :t1 ; :rank 1 ; :dept :d1 . :r2 :task :t1 ; :rank 1 ; :dept :d2 .
:t2 :rank 2 . :r3 :task :t2 ; :rank 1 ; :dept :d1 . :r4 :task :t2 ; :rank 3 ; :dept :d3 .
:t3 :rank "x" . :r5 :task :t3 ; :rank "first" ; :dept :d1 .
:d1 :start "2023"^^xsd:gYear ; :end 2027 .
"""
P = "PREFIX : <urn:x:>\n"
QUERIES = {
    # rdflib orders a number and a string by their datatype IRIs
    "mixed types": P
    + "SELECT $this ?v ?d WHERE { $this :named ?v ; :declared ?d . FILTER (?v < ?d) }",
    "ranks": P
    + """SELECT $this ?value ?rank WHERE { ?value :task $this ; :rank ?rank .
        FILTER (EXISTS { ?other :task $this ; :rank ?rank . FILTER (?other != ?value) }
            || (?rank > 1 && NOT EXISTS {
                ?p :task $this ; :rank ?q . FILTER (?q = ?rank - 1) })) }""",
    "not exists of three": P
    + "SELECT $this ?d WHERE { ?r :task $this ; :dept ?d . "
    + "FILTER NOT EXISTS { ?o :task $this ; :rank 1 ; :dept ?d } }",
    "a count in a sub-select": P
    + "SELECT $this ?n WHERE { $this :named ?v . "
    + "{ SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { $this :member ?m } } FILTER (?n != ?v) }",
    "a year against a number": P
    + "SELECT $this ?s WHERE { ?r :task $this ; :dept ?d . ?d :start ?s ; :end ?e . "
    + "FILTER (?s <= ?e) }",
}
FOCUS = [URIRef(f"urn:x:{n}") for n in ("s1", "s2", "t1", "t2", "t3")]


@pytest.fixture(scope="module")
def data() -> tuple[Graph, StoreData]:
    graph = Graph().parse(data=DATA, format="turtle")
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    return graph, StoreData(store)


def _rdflib_rows(graph: Graph, text: str, focus: URIRef) -> set[frozenset[tuple[str, object]]]:
    rows = graph.query(text, initBindings={"this": focus})
    return {frozenset((str(k), v) for k, v in row.asdict().items()) for row in rows}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_focus_node_gets_rdflibs_rows(data: tuple[Graph, StoreData], name: str):
    graph, store = data
    text = QUERIES[name]
    found = 0
    for focus in FOCUS:
        expected = _rdflib_rows(graph, text, focus)
        got = {frozenset(row.items()) for row in store.select(text, focus)}
        assert got == expected, focus
        found += len(expected)
    assert found > 0  # each query finds something somewhere
    if _sparql.set_safe(text):  # one query for all: the same rows, grouped by $this
        every = {frozenset(row.items()) for row in store.select(text)}
        expected_all = set().union(*(_rdflib_rows(graph, text, f) for f in FOCUS))
        assert {r for r in every if dict(r)["this"] in FOCUS} == expected_all


def test_which_queries_run_once_for_all(data: tuple[Graph, StoreData]):
    safe = {name for name, text in QUERIES.items() if _sparql.set_safe(text)}
    assert safe == {"mixed types", "ranks", "not exists of three", "a year against a number"}


def test_rdflib_and_the_standard_differ_on_mixed_types(data: tuple[Graph, StoreData]):
    _, store = data
    text = QUERIES["mixed types"]
    plain = store.store.query(text, use_default_graph_as_union=True)
    assert len(list(plain)) == 1  # Oxigraph: 7 < 3 false, 7 < "fifteen" a type error
    assert len(list(store.select(text))) == 2  # rdflib: "fifteen" sorts after any integer


def test_exists_groups_are_nested():
    text = QUERIES["not exists of three"]
    assert _exists.nest_exists(text).count("EXISTS") == 3
    # a group with OPTIONAL, a blank node or a path of two terms stays as written
    for body in ("?a :p ?b OPTIONAL { ?b :q ?c }", "_:b :p ?x . _:b :q 1", "?a :p|:q ?b . ?b :r 1"):
        text = f"ASK {{ FILTER EXISTS {{ {body} }} }}"
        assert _exists.nest_exists(text) == text


def test_comparisons_the_rewrite_cannot_read_are_left_to_pyshacl():
    with pytest.raises(Unsupported):
        _compare.rewrite("SELECT ?a WHERE { ?a <urn:p> ?b FILTER(?a<?b&&?c>?d) }")
