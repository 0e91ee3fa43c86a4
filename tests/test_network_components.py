"""Department measures of a corpus are computed per group of plans that share departments."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
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


def test_a_store_of_three_governments_measures_as_each_plan_alone(one: Graph) -> None:
    """An Oxigraph store of three copies (own departments each): every copy's rows are the
    one plan's rows (counts equal, measures to 1e-12), its communities the same partition."""
    alone = department_metrics(one)
    merged = Graph()
    for k in (2, 3, 4):
        merged += own_government_copy(one, k)
    table = department_metrics(policygraph.open_store(None, merged))
    assert len(table) == 3 * 22
    for k in (2, 3, 4):
        copy = table.loc[
            [i.replace(DEPARTMENTS, f"{ID}department/jiaxing-{k}/") for i in alone.index]
        ]
        exact = ("label_zh", "label_en", "led", "supported", "total", "partners")
        for column in (*exact, "weighted_degree", "core_number"):
            assert list(copy[column]) == list(alone[column]), column
        for column in ("betweenness", "eigenvector", "closeness", "constraint"):
            for ours, expected in zip(copy[column], alone[column], strict=True):
                assert ours == pytest.approx(expected, rel=1e-12) or (
                    math.isnan(ours) and math.isnan(expected)
                ), column
        pairs = set(zip(alone["community"], copy["community"], strict=True))
        assert len(pairs) == alone["community"].nunique() == copy["community"].nunique()
    assert list(table["community"].value_counts().sort_index()) == sorted(
        list(alone["community"].value_counts()) * 3, reverse=True
    )


def test_corpus_department_metrics_are_jiaxing_s(tmp_path: Path) -> None:
    """A corpus of the Jiaxing text: 市科技局 leads 12 tasks and supports 5 (its 责任单位
    clauses); 19 tasks have one lead each; 22 departments."""
    from policygraph.corpus import build_corpus, open_corpus
    from policygraph.resources import resource_path

    text = resource_path("data", "corpus", "texts", "jiaxing-315.txt")
    build_corpus([text], tmp_path / "store", jobs=1)
    with open_corpus(tmp_path / "store") as corpus:
        table = corpus.department_metrics()
        plan = corpus.plans().iloc[0]["plan"]
        only = corpus.department_metrics(plan=plan)
    top = table.iloc[0]
    assert (top["label_zh"], top["led"], top["supported"], top["total"]) == ("市科技局", 12, 5, 17)
    assert len(table) == 22 and table["led"].sum() == 19
    pd.testing.assert_frame_equal(only, table)
