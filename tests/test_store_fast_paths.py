"""open_store's bulk load and query()'s direct reading of pyoxigraph terms equal the slow paths."""

from __future__ import annotations

import math
from pathlib import Path

import pyoxigraph as ox
import pytest

from policygraph import open_store, query
from policygraph._backends import _from_ox, _ox_converter
from policygraph.errors import InputError
from policygraph.resources import PLAN315_TTL, resource_path
from policygraph.sparql import _load_split, to_python

XSD = "http://www.w3.org/2001/XMLSchema#"
PLAN = "https://w3id.org/policygraph/id/plan/jiaxing-315"

LEXICAL = {
    "integer": ["5", "+5", "-05", " 7 ", "5.0", "abc", "٣", "1_000", ""],
    "nonNegativeInteger": ["12", "x"],
    "gYear": ["2027", "2027Z", "0099", "-0044"],
    "decimal": ["3.65", "3.650", "+.5", "1e3", "NaN", "x"],
    "double": ["1E3", "INF", "-INF", "NaN", "inf", "1_0", "x"],
    "float": ["2.5", "x"],
    "boolean": ["true", "false", "1", "0", "TRUE", " true", "yes"],
    "date": ["2026-01-31", "2026-02-30", "20260131", "2026-01-31Z", "2026-01-31+08:00"],
    "dateTime": ["2026-01-31T10:00:00", "2026-01-31T10:00:00Z", "x"],
    "string": ["市科技局", ""],
    "anyURI": ["https://example.org/a"],
    "duration": ["P1Y2M"],
}


def literals() -> list[object]:
    terms: list[object] = [
        ox.Literal(text, datatype=ox.NamedNode(XSD + name))
        for name, texts in LEXICAL.items()
        for text in texts
    ]
    terms += [
        ox.Literal("市科技局", language="zh"),
        ox.Literal("x", language="ZH-Hans"),
        ox.Literal("x", datatype=ox.NamedNode("https://example.org/dt")),
        ox.NamedNode("https://example.org/a"),
        ox.BlankNode("b0"),
        None,
    ]
    return terms


@pytest.mark.parametrize("term", literals(), ids=str)
def test_direct_values_equal_the_rdflib_way(term: object) -> None:
    direct = _ox_converter()(term)
    slow = to_python(_from_ox(term))
    assert type(direct) is type(slow)
    if isinstance(slow, float) and math.isnan(slow):
        assert isinstance(direct, float) and math.isnan(direct)
    else:
        assert direct == slow
    assert getattr(direct, "language", None) == getattr(slow, "language", None)


def quads(store: object) -> set[str]:
    return {str(q) for q in store.quads_for_pattern(None, None, None)}  # type: ignore[attr-defined]


def slow_store(*files: Path) -> object:
    store = ox.Store()
    for file in files:
        _load_split(store, file)
    return store


def copy_of(tmp_path: Path, k: int, suffix: str = ".nt") -> Path:
    """Copy ``k`` of the plan as N-Triples (or Turtle, which N-Triples is)."""
    text = "".join(
        f"{t} .\n" for t in ox.parse(path=resource_path(*PLAN315_TTL), format=ox.RdfFormat.TURTLE)
    )
    text = text.replace(PLAN + "/", f"{PLAN}-{k}/").replace(PLAN + ">", f"{PLAN}-{k}>")
    path = tmp_path / f"plan-{k}{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


def test_bulk_load_gives_the_layout_of_the_triple_path(tmp_path: Path) -> None:
    ttl = resource_path(*PLAN315_TTL)
    files = [ttl, copy_of(tmp_path, 1), copy_of(tmp_path, 2, ".ttl")]
    fast = open_store(None, *files)
    assert quads(fast) == quads(slow_store(*files))
    assert sorted(g.value for g in fast.named_graphs()) == [PLAN, f"{PLAN}-1", f"{PLAN}-2"]
    # 4 shared things of plan315.ttl checked by hand: a department is in the default graph once
    dept = ox.NamedNode("https://w3id.org/policygraph/id/department/jiaxing/commerce-bureau")
    assert {str(q.graph_name) for q in fast.quads_for_pattern(dept, None, None)} == {"DEFAULT"}
    assert len(query(fast, "cq01")) == 3 * 19


def test_two_plans_in_one_file_are_split_as_before(tmp_path: Path) -> None:
    both = tmp_path / "both.nt"
    both.write_text(
        copy_of(tmp_path, 1).read_text("utf-8") + copy_of(tmp_path, 2).read_text("utf-8"),
        encoding="utf-8",
    )
    store = open_store(None, both)
    assert quads(store) == quads(slow_store(both))
    assert len(list(store.named_graphs())) == 2


def test_a_malformed_plan_file_stores_nothing_of_it(tmp_path: Path) -> None:
    good = copy_of(tmp_path, 1)
    bad = tmp_path / "bad.nt"
    lines = good.read_text("utf-8").splitlines(keepends=True)
    bad.write_text("".join(lines[:100]) + "<broken\n" + "".join(lines[100:]), "utf-8")
    with pytest.raises(InputError, match=r"bad\.nt:101:\d+: malformed RDF"):
        open_store(tmp_path / "db", good, bad)
    store = open_store(tmp_path / "db")  # the good file is in, nothing of the bad one
    assert quads(store) == quads(slow_store(good))


def test_a_second_plan_the_text_hides_is_found_by_the_store(tmp_path: Path) -> None:
    # the second plan is typed with a prefixed subject: only the store's query sees it
    ttl = tmp_path / "two.ttl"
    ttl.write_text(
        "@prefix pg: <https://w3id.org/policygraph/def#> .\n"
        "@prefix plan: <https://w3id.org/policygraph/id/plan/> .\n"
        "<https://w3id.org/policygraph/id/plan/a> a pg:Plan .\n"
        "plan:b a pg:Plan .\n"
        "<https://w3id.org/policygraph/id/plan/b/task/1> a pg:Task .\n"
        "<https://w3id.org/policygraph/id/unit/percent> a pg:Unit .\n",
        encoding="utf-8",
    )
    store = open_store(None, ttl)
    assert quads(store) == quads(slow_store(ttl))
    assert sorted(g.value for g in store.named_graphs()) == [
        "https://w3id.org/policygraph/id/plan/a",
        "https://w3id.org/policygraph/id/plan/b",
    ]


def test_blank_nodes_stay_with_the_plan(tmp_path: Path) -> None:
    nt = tmp_path / "blank.nt"
    nt.write_text(
        "<https://w3id.org/policygraph/id/plan/a> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/policygraph/def#Plan> .\n"
        "<https://w3id.org/policygraph/id/plan/a> <http://www.w3.org/ns/oa#x> _:e .\n"
        '_:e <http://www.w3.org/ns/oa#exact> "市科技局" .\n'
        "<https://w3id.org/policygraph/id/unit/percent> <http://www.w3.org/ns/oa#x> _:e .\n",
        encoding="utf-8",
    )
    store = open_store(None, nt)
    graphs = [str(q.graph_name) for q in store.quads_for_pattern(None, None, None)]
    assert sorted(graphs) == ["<https://w3id.org/policygraph/id/plan/a>"] * 3 + ["DEFAULT"]
    # the blank node is one node in both graphs
    blanks = {t for q in store.quads_for_pattern(None, None, None) for t in (q.subject, q.object)}
    assert len([t for t in blanks if isinstance(t, ox.BlankNode)]) == 1
