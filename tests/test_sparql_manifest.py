"""Every named query, run from tests/queries/manifest.yaml on rdflib, Oxigraph and a server.

Expected answers were read off data/sources/jiaxing-315-plan.txt (see the comments in the
manifest). Each case is checked on rdflib; the same case must give an identical frame on an
Oxigraph store and on a real Oxigraph server queried through SPARQLWrapper.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from rdflib import RDF, Graph, Literal, URIRef

from policygraph import query
from policygraph.rdf import load_graph, load_plan
from policygraph.sparql import list_queries, open_store
from policygraph.vocab import ID, PG, SKOS

HERE = Path(__file__).resolve().parent
MANIFEST = yaml.safe_load((HERE / "queries" / "manifest.yaml").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = MANIFEST["cases"]
SOURCE_TEXT = (HERE.parent / "data" / "sources" / "jiaxing-315-plan.txt").read_text("utf-8")
PLAN = str(ID["plan/jiaxing-315"])
COPY = str(ID["plan/jiaxing-315-copy"])


def case_id(case: dict[str, Any]) -> str:
    params = ",".join(f"{k}={v}" for k, v in (case.get("params") or {}).items())
    return f"{case['query']}[{case['data']}{':' + params if params else ''}]"


def expand(value: Any) -> Any:
    """Expand the id: and pg: prefixes of the manifest."""
    if isinstance(value, str):
        if value.startswith("id:"):
            return str(ID) + value[3:]
        if value.startswith("pg:"):
            return str(PG) + value[3:]
    return value


def modified_copy(g: Graph) -> Graph:
    """A copy of the Jiaxing graph under another plan IRI, without 市财政局 and 南湖实验室,
    with one extra target whose indicator only the copy has."""

    def rename(term: Any) -> Any:
        if isinstance(term, URIRef) and (str(term) == PLAN or str(term).startswith(PLAN + "/")):
            return URIRef(COPY + str(term)[len(PLAN) :])
        return term

    copy = Graph()
    for s, p, o in g:
        copy.add((rename(s), p, rename(o)))
    finance = next(s for s in g.subjects(SKOS.prefLabel, Literal("市财政局", lang="zh")))
    nanhu = next(s for s in g.subjects(SKOS.prefLabel, Literal("南湖实验室", lang="zh")))
    for r in list(copy.subjects(PG.department, finance)):
        copy.remove((r, None, None))
    for m in list(copy.subjects(PG.platform, nanhu)):
        copy.remove((m, None, None))
    target = URIRef(COPY + "/target/999")
    indicator = ID["indicator/test-only-in-copy"]
    copy.add((target, PG.inPlan, URIRef(COPY)))
    copy.add((target, PG.indicator, indicator))
    copy.add((target, RDF.type, PG.Target))
    copy.add((indicator, SKOS.prefLabel, Literal("只在副本中的指标", lang="zh")))
    return copy


@cache
def graphs(key: str) -> tuple[Graph, ...]:
    """The graphs a data key names (one per plan)."""
    if key == "plan315":
        return (load_plan(),)
    if key == "plan315-and-copy":
        g = load_plan()
        return (g, modified_copy(g))
    return (load_graph(HERE / "fixtures" / key),)


@cache
def merged(key: str) -> Graph:
    out = Graph()
    for g in graphs(key):
        out += g
    return out


@cache
def store(key: str) -> Any:
    return open_store(None, *graphs(key))


def params_of(case: dict[str, Any]) -> dict[str, Any]:
    return {k: expand(v) for k, v in (case.get("params") or {}).items()}


def same(actual: Any, expected: Any) -> bool:
    expected = expand(expected)
    if isinstance(actual, np.generic):  # typed columns hold numpy scalars: compare the value
        actual = actual.item()
    if actual is pd.NA or (isinstance(actual, float) and actual != actual):
        actual = None  # a missing value in a typed column (NaN, <NA>)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(actual, Decimal) and isinstance(expected, int | float):
        return actual == Decimal(str(expected))
    if actual is None or expected is None:
        return actual is None and expected is None
    return bool(actual == expected)


def matches(row: pd.Series, want: dict[str, Any]) -> bool:
    return all(same(row[col], value) for col, value in want.items())


def check(frame: pd.DataFrame, expect: dict[str, Any]) -> None:
    if "count" in expect:
        assert len(frame) == expect["count"], frame.to_string()
    if "first" in expect:
        assert len(frame) > 0
        row = frame.iloc[0]
        assert matches(row, expect["first"]), (dict(row), expect["first"])
    if "rows" in expect:
        wanted = expect["rows"]
        assert len(frame) >= len(wanted), frame.to_string()
        for i, want in enumerate(wanted):
            row = frame.iloc[i]
            assert matches(row, want), (i, dict(row), want)
    for want in expect.get("contains", []):
        assert any(matches(row, want) for _, row in frame.iterrows()), (want, frame.to_string())
    for want in expect.get("excludes", []):
        assert not any(matches(row, want) for _, row in frame.iterrows()), want
    for col, values in (expect.get("column") or {}).items():
        got = list(frame[col])
        assert len(got) == len(values), (col, got)
        for g, v in zip(got, values, strict=True):
            assert same(g, v), (col, got, values)


def test_every_named_query_has_a_case_on_the_jiaxing_graph() -> None:
    on_jiaxing = {c["query"] for c in CASES if c["data"].startswith("plan315")}
    assert on_jiaxing == {q.name for q in list_queries()}
    assert len(on_jiaxing) == 21


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_named_query_answer(case: dict[str, Any]) -> None:
    frame = query(merged(case["data"]), case["query"], **params_of(case))
    check(frame, case["expect"])
    if case["query"].startswith("cq09") and case["data"] == "plan315":
        for _, row in frame.iterrows():
            assert SOURCE_TEXT[row["start"] : row["end"]] == row["quote"]
            assert row["quote"].startswith("1．打造新型实验室体系")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_three_backends_give_the_same_frame(case: dict[str, Any], oxigraph_server_for: Any) -> None:
    expected = query(merged(case["data"]), case["query"], **params_of(case))
    on_store = query(store(case["data"]), case["query"], **params_of(case))
    server = oxigraph_server_for(case["data"], *graphs(case["data"]))
    on_server = query(server.query_url, case["query"], **params_of(case))
    pd.testing.assert_frame_equal(on_store, expected)
    pd.testing.assert_frame_equal(on_server, expected)
    for frame in (on_store, on_server):  # language tags survive, not only the text
        for col in frame.columns:
            for got, want in zip(frame[col], expected[col], strict=True):
                assert getattr(got, "language", None) == getattr(want, "language", None)
