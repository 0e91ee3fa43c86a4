"""The department measures on plain dicts give NetworkX's numbers and communities."""

from __future__ import annotations

import contextlib
import math
import random

import networkx as nx
import pytest

import policygraph
from policygraph._centrality import (
    ARRAY_LIMIT,
    constraint,
    core_number,
    eigenvector,
    group_measures,
    louvain,
    path_measures,
)
from policygraph.network import coresponsibility_network


def weights(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """The adjacency of ``graph`` (its order) with the edge weights."""
    return {u: {v: d["weight"] for v, d in nbrs.items()} for u, nbrs in graph.adj.items()}


def random_graph(seed: int) -> nx.Graph:
    """A small weighted graph: several components, isolated nodes, equal-length paths."""
    rng = random.Random(seed)
    n = rng.randint(3, 30)
    graph = nx.gnp_random_graph(n, rng.uniform(0.05, 0.6), seed=seed)
    out = nx.Graph()
    out.add_nodes_from(f"d{i}" for i in rng.sample(range(n), n))
    for u, v in graph.edges():
        out.add_edge(f"d{u}", f"d{v}", weight=rng.choice([1, 1, 1, 2, 2, 3, 4, 6, 12]))
    return out


@pytest.fixture(scope="module")
def graphs() -> list[nx.Graph]:
    jiaxing = coresponsibility_network(policygraph.load_plan())
    plain = nx.Graph()
    plain.add_nodes_from(jiaxing)
    plain.add_weighted_edges_from(jiaxing.edges(data="weight"))
    assert plain.number_of_nodes() == 22  # departments of the 责任单位 clauses
    return [plain, *(random_graph(seed) for seed in range(150))]


def test_betweenness_and_closeness_are_networkx_s(graphs: list[nx.Graph]) -> None:
    for graph in graphs:
        for _u, _v, d in graph.edges(data=True):
            d["distance"] = 1.0 / d["weight"]
        distance = {u: {v: d["distance"] for v, d in nbrs.items()} for u, nbrs in graph.adj.items()}
        betweenness, closeness = path_measures(distance)
        assert betweenness == nx.betweenness_centrality(graph, weight="distance", normalized=True)
        assert closeness == nx.closeness_centrality(graph, distance="distance")


def test_eigenvector_is_networkx_s(graphs: list[nx.Graph]) -> None:
    checked = 0
    for graph in graphs:
        if graph.number_of_edges() == 0:
            continue
        try:
            expected = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000)
        except nx.PowerIterationFailedConvergence:
            assert eigenvector(weights(graph)) is None
            continue
        assert eigenvector(weights(graph)) == expected
        checked += 1
    assert checked > 100


def test_louvain_communities_are_networkx_s(graphs: list[nx.Graph]) -> None:
    for graph in graphs:
        for seed in (315, 1):
            ours = louvain(weights(graph), seed=seed)
            expected = nx.community.louvain_communities(graph, weight="weight", seed=seed)
            assert ours == expected


def test_core_number_and_constraint_are_networkx_s(graphs: list[nx.Graph]) -> None:
    for graph in graphs:
        assert core_number(weights(graph)) == nx.core_number(graph)
        ours, expected = constraint(weights(graph)), nx.constraint(graph, weight="weight")
        assert ours.keys() == expected.keys()
        for node, value in expected.items():
            assert ours[node] == pytest.approx(value, rel=1e-12) or (
                math.isnan(ours[node]) and math.isnan(value)
            )


def test_group_measures_agree_with_networkx(graphs: list[nx.Graph]) -> None:
    """Many groups at once (arrays), and a group too large for arrays (node by node)."""
    big = random_graph(7)
    big = nx.relabel_nodes(big, {n: f"big-{n}" for n in big})
    for i in range(ARRAY_LIMIT + 1 - big.number_of_nodes()):
        big.add_edge(f"big-extra{i}", next(iter(big)), weight=1 + i % 3)
    parts = [nx.relabel_nodes(g, {n: f"g{k}-{n}" for n in g}) for k, g in enumerate(graphs)]
    parts.append(big)
    weight = {u: p for g in parts for u, p in weights(g).items()}
    groups = [list(g) for g in parts]
    betweenness, closeness, eigen, burt = group_measures(weight, groups)
    assert len(groups[-1]) > ARRAY_LIMIT
    for g in parts:
        for _u, _v, d in g.edges(data=True):
            d["distance"] = 1.0 / d["weight"]
        expected = {
            "betweenness": nx.betweenness_centrality(g, weight="distance", normalized=True),
            "closeness": nx.closeness_centrality(g, distance="distance"),
            "constraint": nx.constraint(g, weight="weight"),
        }
        if g.number_of_edges():
            with contextlib.suppress(nx.PowerIterationFailedConvergence):
                expected["eigenvector"] = nx.eigenvector_centrality(
                    g, weight="weight", max_iter=1000
                )
        ours = {
            "betweenness": betweenness,
            "closeness": closeness,
            "constraint": burt,
            "eigenvector": eigen,
        }
        for name, values in expected.items():
            for node, value in values.items():
                here = ours[name][node]
                assert here == pytest.approx(value, rel=1e-12, abs=1e-15) or (
                    math.isnan(here) and math.isnan(value)
                ), (name, node)
        if not g.number_of_edges():
            assert not any(node in eigen for node in g)
