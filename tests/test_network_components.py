"""Department measures of a corpus are computed per group of plans that share departments."""

from __future__ import annotations

import math

import pytest
from rdflib import Graph, URIRef

import policygraph
from policygraph.network import department_metrics

ID = "https://w3id.org/policygraph/id/"
PLAN = f"{ID}plan/jiaxing-315"
DEPARTMENTS = f"{ID}department/jiaxing/"


def own_government_copy(g: Graph, k: int) -> Graph:
    """The plan under new plan IRIs, with its departments renamed (another government)."""

    def rename(term: object) -> object:
        if isinstance(term, URIRef):
            text = str(term)
            text = text.replace(PLAN, f"{PLAN}-{k}", 1)
            text = text.replace(DEPARTMENTS, f"{ID}department/jiaxing-{k}/", 1)
            return URIRef(text)
        return term

    out = Graph()
    for s, p, o in g:
        out.add((rename(s), p, rename(o)))
    return out


@pytest.fixture(scope="module")
def one() -> Graph:
    return policygraph.load_plan()


def test_two_governments_measure_as_each_alone(one: Graph) -> None:
    alone = department_metrics(one)
    both = department_metrics(one + own_government_copy(one, 2))
    assert len(alone) == 22 and len(both) == 44  # 22 departments in the 责任单位 clauses
    copy = both.loc[[i.replace(DEPARTMENTS, f"{ID}department/jiaxing-2/") for i in alone.index]]
    for column in ("led", "supported", "total", "partners", "weighted_degree", "core_number"):
        assert list(both.loc[alone.index, column]) == list(alone[column])
        assert list(copy[column]) == list(alone[column])
    for column in ("betweenness", "eigenvector", "closeness", "constraint"):
        for frame in (both.loc[alone.index], copy):
            for ours, expected in zip(frame[column], alone[column], strict=True):
                assert ours == pytest.approx(expected, rel=1e-9) or (
                    math.isnan(ours) and math.isnan(expected)
                )
    # the two copies' communities partition the same departments, numbered apart
    original = set(both.loc[alone.index, "community"])
    assert original.isdisjoint(set(copy["community"]))
    assert len(original) == alone["community"].nunique()
    top = alone.index[0]  # 市科技局: 12 tasks led, 5 supported
    assert (alone.loc[top, "led"], alone.loc[top, "supported"]) == (12, 5)
