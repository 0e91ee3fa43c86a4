"""Department measures on plain adjacency dicts: NetworkX's algorithms, without its overhead.

:func:`policygraph.network.department_metrics` measures each group of plans that share
departments alone; a corpus of a thousand plans has a thousand small groups, and NetworkX's
per-call cost (graph views, weight functions, dispatch) then outweighs the work. These are the
same algorithms as ``networkx.betweenness_centrality`` and ``networkx.closeness_centrality``
(one Dijkstra per source serves both), ``networkx.eigenvector_centrality``,
``networkx.constraint``, ``networkx.core_number`` and ``networkx.community.louvain_communities``,
with the same operations in the same order, on ``{node: {neighbour: value}}`` dicts. The tests
compare them with NetworkX.

Examples
--------
>>> adjacency = {"a": {"b": 1.0}, "b": {"a": 1.0, "c": 0.5}, "c": {"b": 0.5}}
>>> betweenness, closeness = path_measures(adjacency)
>>> betweenness["b"], round(closeness["a"], 3)
(1.0, 0.8)
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterator, Mapping
from heapq import heappop, heappush
from itertools import count
from typing import Any, cast

__all__ = ["constraint", "core_number", "eigenvector", "louvain", "path_measures"]

Adjacency = Mapping[str, Mapping[str, float]]
#: a graph of Louvain's levels: nodes (departments, then community numbers) to neighbours
_Level = dict[Hashable, dict[Hashable, float]]
_Graph = Mapping[Hashable, Mapping[Hashable, float]]


def path_measures(distance: Adjacency, /) -> tuple[dict[str, float], dict[str, float]]:
    """Normalized betweenness and closeness centrality, edge length ``distance[u][v]``.

    As ``networkx.betweenness_centrality(G, weight=..., normalized=True)`` and
    ``networkx.closeness_centrality(G, distance=...)`` (Wasserman-Faust scaling) of the
    undirected graph whose nodes and neighbours are listed, in that order, by ``distance``.
    """
    betweenness = dict.fromkeys(distance, 0.0)
    closeness: dict[str, float] = {}
    n = len(distance)
    for s in distance:
        # Brandes: Dijkstra from s, as networkx's _single_source_dijkstra_path_basic
        order: list[str] = []
        preds: dict[str, list[str]] = {v: [] for v in distance}
        sigma = dict.fromkeys(distance, 0.0)
        reached: dict[str, float] = {}
        sigma[s] = 1.0
        seen: dict[str, float] = {s: 0}
        tick = count()
        queue: list[tuple[float, int, str, str]] = [(0, next(tick), s, s)]
        while queue:
            dist, _, pred, v = heappop(queue)
            if v in reached:
                continue
            sigma[v] += sigma[pred]
            order.append(v)
            reached[v] = dist
            for w, length in distance[v].items():
                vw_dist = dist + length
                if w not in reached and (w not in seen or vw_dist < seen[w]):
                    seen[w] = vw_dist
                    heappush(queue, (vw_dist, next(tick), v, w))
                    sigma[w] = 0.0
                    preds[w] = [v]
                elif vw_dist == seen[w]:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        # closeness of s: the same distances, summed in the order they were settled
        total = sum(reached.values())
        value = 0.0
        if total > 0.0 and n > 1:
            value = (len(reached) - 1.0) / total
            value *= (len(reached) - 1.0) / (n - 1)
        closeness[s] = value
        # accumulation, as networkx's _accumulate_basic
        delta = dict.fromkeys(order, 0.0)
        while order:
            w = order.pop()
            coeff = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                betweenness[w] += delta[w]
    if n - 1 >= 2:  # networkx's _rescale: normalized, endpoints excluded
        scale = 1 / ((n - 1) * (n - 2))
        if scale != 1:
            for v in betweenness:
                betweenness[v] *= scale
    return betweenness, closeness


def eigenvector(
    weight: Adjacency, /, *, max_iter: int = 1000, tol: float = 1.0e-6
) -> dict[str, float] | None:
    """Weighted eigenvector centrality, as ``networkx.eigenvector_centrality``; None if it fails.

    Power iteration on ``A + I`` from the uniform vector, normalized each step, until the L1
    change is below ``len(weight) * tol``. ``None`` when ``max_iter`` iterations do not converge
    (NetworkX raises ``PowerIterationFailedConvergence``).

    Examples
    --------
    >>> values = eigenvector({"a": {"b": 2}, "b": {"a": 2}})
    >>> round(values["a"], 6), round(values["b"], 6)
    (0.707107, 0.707107)
    """
    nnodes = len(weight)
    x = {v: 1 / nnodes for v in weight}
    for _ in range(max_iter):
        xlast = x
        x = xlast.copy()
        for n, partners in weight.items():
            xn = xlast[n]
            for nbr, w in partners.items():
                x[nbr] += xn * w
        norm = math.hypot(*x.values()) or 1
        x = {k: v / norm for k, v in x.items()}
        if sum(abs(x[n] - xlast[n]) for n in x) < nnodes * tol:
            return x
    return None


def constraint(weight: Adjacency, /) -> dict[str, float]:
    """Burt's constraint with edge weight ``weight[u][v]``, as ``networkx.constraint`` defines it.

    The same sums as NetworkX (``p[u][v]`` is the mutual weight of ``u`` and ``v`` over the
    sum of ``u``'s mutual weights), with each ``p`` computed once instead of once per
    neighbour pair: O(sum of degree squared) rather than O(sum of degree cubed).
    ``NaN`` for isolated nodes.

    Examples
    --------
    >>> constraint({"a": {"b": 1}, "b": {"a": 1}, "c": {}})
    {'a': 1.0, 'b': 1.0, 'c': nan}
    """
    share: dict[str, dict[str, float]] = {}
    for node, partners in weight.items():
        mutual = {other: 2 * w for other, w in partners.items()}
        scale = sum(mutual.values())
        share[node] = {o: (0 if scale == 0 else m / scale) for o, m in mutual.items()}
    values: dict[str, float] = {}
    for node, p_node in share.items():
        if not p_node:
            values[node] = float("nan")
            continue
        values[node] = sum(
            (p_node[other] + sum(p * share[via].get(other, 0) for via, p in p_node.items())) ** 2
            for other in p_node
        )
    return values


def core_number(adjacency: Adjacency, /) -> dict[str, int]:
    """The k-core number of each node, as ``networkx.core_number`` (Batagelj and Zaversnik).

    Examples
    --------
    >>> core_number({"a": {"b": 1, "c": 1}, "b": {"a": 1, "c": 1}, "c": {"a": 1, "b": 1}, "d": {}})
    {'a': 2, 'b': 2, 'c': 2, 'd': 0}
    """
    degrees = {v: len(partners) for v, partners in adjacency.items()}
    nodes = sorted(degrees, key=degrees.__getitem__)
    bin_boundaries = [0]
    current = 0
    for i, v in enumerate(nodes):
        if degrees[v] > current:
            bin_boundaries.extend([i] * (degrees[v] - current))
            current = degrees[v]
    position = {v: i for i, v in enumerate(nodes)}
    core = degrees
    neighbours = {v: list(partners) for v, partners in adjacency.items()}
    for v in nodes:
        for u in neighbours[v]:
            if core[u] > core[v]:
                neighbours[u].remove(v)
                at = position[u]
                start = bin_boundaries[core[u]]
                position[u] = start
                position[nodes[start]] = at
                nodes[start], nodes[at] = nodes[at], nodes[start]
                bin_boundaries[core[u]] += 1
                core[u] -= 1
    return {v: core[v] for v in adjacency}


def louvain(
    weight: Adjacency, /, *, seed: Any, resolution: float = 1, threshold: float = 0.0000001
) -> list[set[str]]:
    """Louvain communities, as ``networkx.community.louvain_communities(G, seed=seed)``.

    ``G`` is the undirected graph without self-loops whose nodes and neighbours are listed, in
    that order, by ``weight`` (edge weight ``weight[u][v]``). The same levels, moves, random
    order (from the generator ``networkx.utils.create_py_random_state`` makes of ``seed``),
    tie-breaking and stopping rule as NetworkX; the same communities.

    Examples
    --------
    >>> triangle = {"a": {"b": 1, "c": 1}, "b": {"a": 1, "c": 1}, "c": {"a": 1, "b": 1}}
    >>> pair = {"d": {"e": 1}, "e": {"d": 1}}
    >>> sorted(sorted(c) for c in louvain({**triangle, **pair}, seed=315))
    [['a', 'b', 'c'], ['d', 'e']]
    """
    from networkx.utils import create_py_random_state

    rng = create_py_random_state(seed)  # the generator NetworkX makes of the seed
    partition: list[set[Hashable]] = [{u} for u in weight]
    if not any(weight.values()):
        return [{str(u) for u in c} for c in partition]
    level = cast("_Graph", weight)  # departments are the first level's nodes
    mod = _modularity(level, partition, resolution)
    graph = _copy(level)
    m = sum(_degrees(graph).values()) / 2
    members: dict[Hashable, set[Hashable]] = {u: {u} for u in graph}
    partition, inner, improvement = _one_level(graph, members, m, partition, resolution, rng)
    improvement = True
    result = partition
    while improvement:
        result = [c.copy() for c in partition]
        new_mod = _modularity(graph, inner, resolution)
        if new_mod - mod <= threshold:
            break
        mod = new_mod
        graph, members = _next_level(graph, members, inner)
        partition, inner, improvement = _one_level(graph, members, m, partition, resolution, rng)
    return [{str(u) for u in c} for c in result]


def _edges(graph: _Graph) -> Iterator[tuple[Hashable, Hashable, float]]:
    """Each edge once, in the order of NetworkX's edge view of a graph with this adjacency."""
    seen: set[Hashable] = set()
    for u, partners in graph.items():
        for v, w in partners.items():
            if v not in seen:
                yield u, v, w
        seen.add(u)


def _copy(graph: _Graph) -> _Level:
    """``graph`` as NetworkX rebuilds it from its nodes, then its edges (their adjacency order)."""
    out: _Level = {u: {} for u in graph}
    for u, v, w in _edges(graph):
        out[u][v] = w
        out[v][u] = w
    return out


def _degrees(graph: _Graph) -> dict[Hashable, float]:
    """Weighted degrees; a self-loop counts twice."""
    return {u: sum(partners.values()) + partners.get(u, 0) for u, partners in graph.items()}


def _modularity(graph: _Graph, communities: list[set[Hashable]], resolution: float) -> float:
    """``networkx.community.modularity`` of an undirected weighted graph."""
    degree = _degrees(graph)
    deg_sum = sum(degree.values())
    m = deg_sum / 2
    norm = 1 / deg_sum**2

    def contribution(community: set[Hashable]) -> float:
        inside: float = 0
        seen: set[Hashable] = set()
        for u in community:
            for v, w in graph[u].items():
                if v not in seen and v in community:
                    inside += w
            seen.add(u)
        degree_sum = sum(degree[u] for u in community)
        return inside / m - resolution * degree_sum * degree_sum * norm

    return sum(map(contribution, communities))


def _one_level(
    graph: _Level,
    members: dict[Hashable, set[Hashable]],
    m: float,
    partition: list[set[Hashable]],
    resolution: float,
    rng: random.Random,
) -> tuple[list[set[Hashable]], list[set[Hashable]], bool]:
    """One level of moves, as networkx's ``_one_level`` (undirected)."""
    node2com = {u: i for i, u in enumerate(graph)}
    inner: list[set[Hashable]] = [{u} for u in graph]
    degrees = _degrees(graph)
    stot = list(degrees.values())
    nbrs = {u: {v: w for v, w in partners.items() if v != u} for u, partners in graph.items()}
    rand_nodes = list(graph)
    rng.shuffle(rand_nodes)
    twice_m2 = 2 * m**2  # the same float NetworkX computes at each use
    nb_moves = 1
    improvement = False
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            best_mod: float = 0
            best_com = node2com[u]
            weights2com: defaultdict[int, float] = defaultdict(float)
            for nbr, wt in nbrs[u].items():
                weights2com[node2com[nbr]] += wt
            degree = degrees[u]
            stot[best_com] -= degree
            remove_cost = -weights2com[best_com] / m + resolution * (stot[best_com] * degree) / (
                twice_m2
            )
            for nbr_com, wt in weights2com.items():
                gain = remove_cost + wt / m - resolution * (stot[nbr_com] * degree) / twice_m2
                if gain > best_mod:
                    best_mod = gain
                    best_com = nbr_com
            stot[best_com] += degree
            if best_com != node2com[u]:
                com = members[u]
                partition[node2com[u]].difference_update(com)
                inner[node2com[u]].remove(u)
                partition[best_com].update(com)
                inner[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    return list(filter(len, partition)), list(filter(len, inner)), improvement


def _next_level(
    graph: _Level, members: dict[Hashable, set[Hashable]], inner: list[set[Hashable]]
) -> tuple[_Level, dict[Hashable, set[Hashable]]]:
    """The graph of communities, as networkx's ``_gen_graph``: one node per community."""
    node2com: dict[Hashable, int] = {}
    out: _Level = {}
    out_members: dict[Hashable, set[Hashable]] = {}
    for i, part in enumerate(inner):
        nodes: set[Hashable] = set()
        for node in part:
            node2com[node] = i
            nodes.update(members[node])
        out[i] = {}
        out_members[i] = nodes
    for u, v, w in _edges(graph):
        a, b = node2com[u], node2com[v]
        total = w + out[a].get(b, 0)
        out[a][b] = total
        out[b][a] = total
    return out, out_members


#: groups of at most this many nodes are measured together as arrays (n^3 numbers per group)
ARRAY_LIMIT = 64
#: numbers per array in one batch (B groups of n nodes: B * n^3), about 16 MB of float64
_BATCH_CELLS = 2_000_000


def group_measures(
    weight: Mapping[str, Mapping[str, float]], groups: list[list[str]], /
) -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, float]]:
    """Betweenness, closeness, eigenvector centrality and constraint of every node, per group.

    ``groups`` partition the nodes of ``weight`` (no edge between groups); each group is
    measured alone, as :func:`path_measures` (distance ``1 / weight``), :func:`eigenvector`
    (0 for a group without edges) and :func:`constraint` do. Groups of up to
    :data:`ARRAY_LIMIT` nodes are measured many at a time with NumPy arrays: the same
    shortest paths (the fixed point of Dijkstra's float sums, so equal-length paths are the
    same ties), path counts and power iterations, with sums taken in another order (the values
    agree with NetworkX's to about 1e-15). Larger groups go node by node.
    """
    betweenness: dict[str, float] = {}
    closeness: dict[str, float] = {}
    centrality: dict[str, float] = {}
    brokerage: dict[str, float] = {}
    by_size: dict[int, list[list[str]]] = defaultdict(list)
    for group in groups:
        if len(group) <= ARRAY_LIMIT:
            by_size[len(group)].append(group)
            continue
        part = {u: weight[u] for u in group}
        between, close = path_measures(
            {u: {v: 1.0 / w for v, w in partners.items()} for u, partners in part.items()}
        )
        betweenness.update(between)
        closeness.update(close)
        if any(part.values()):
            centrality.update(_eigenvector_or_networkx(part))
        brokerage.update(constraint(part))
    for n, same in by_size.items():
        step = max(1, _BATCH_CELLS // (n**3))
        for at in range(0, len(same), step):
            batch = same[at : at + step]
            results = _array_measures(weight, batch, n)
            for target, values in zip(
                (betweenness, closeness, centrality, brokerage), results, strict=True
            ):
                target.update(values)
    return betweenness, closeness, centrality, brokerage


def _eigenvector_or_networkx(part: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """:func:`eigenvector`; if it does not converge, NetworkX's on the largest component."""
    values = eigenvector(part)
    if values is not None:
        return values
    import networkx as nx  # pragma: no cover - needs a pathological graph

    graph = nx.Graph()  # pragma: no cover
    graph.add_weighted_edges_from((u, v, w) for u, p in part.items() for v, w in p.items())
    largest = max(nx.connected_components(graph), key=len)  # pragma: no cover
    found: dict[str, float] = nx.eigenvector_centrality(graph.subgraph(largest), weight="weight")
    return found  # pragma: no cover


def _array_measures(
    weight: Mapping[str, Mapping[str, float]], batch: list[list[str]], n: int
) -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, float]]:
    """The measures of :func:`group_measures` for ``batch``: groups of ``n`` nodes each."""
    import numpy as np

    count_ = len(batch)
    w = np.zeros((count_, n, n))
    for b, group in enumerate(batch):
        index = {node: i for i, node in enumerate(group)}
        for u in group:
            row = w[b, index[u]]
            for v, value in weight[u].items():
                row[index[v]] = value
    edge = w > 0
    with np.errstate(divide="ignore"):
        length = np.where(edge, 1.0 / np.where(edge, w, 1.0), np.inf)

    # shortest distances: the fixed point of d[s, w] = min over v of (d[s, v] + length[v, w]),
    # which is what Dijkstra's float sums settle to
    dist = np.full((count_, n, n), np.inf)
    dist[:, np.arange(n), np.arange(n)] = 0.0
    while True:
        relaxed = np.minimum(dist, (dist[:, :, :, None] + length[:, None, :, :]).min(axis=2))
        if np.array_equal(relaxed, dist):
            break
        dist = relaxed
    reached = np.isfinite(dist)
    # tight[b, s, v, w]: v precedes w on a shortest path from s (Dijkstra's predecessor lists)
    tight = (dist[:, :, :, None] + length[:, None, :, :]) == dist[:, :, None, :]
    tight &= edge[:, None, :, :] & reached[:, :, :, None]
    tight_f = tight.astype(float)
    source = np.broadcast_to(np.eye(n), (count_, n, n))
    sigma = source.copy()
    while True:
        counted = source + np.einsum("bsv,bsvw->bsw", sigma, tight_f)
        if np.array_equal(counted, sigma):
            break
        sigma = counted
    delta = np.zeros((count_, n, n))
    safe = np.where(sigma > 0, sigma, 1.0)
    while True:
        coeff = (1 + delta) / safe
        terms = np.where(tight, sigma[:, :, :, None] * coeff[:, :, None, :], 0.0)
        spread = terms.sum(axis=3)
        if np.array_equal(spread, delta):
            break
        delta = spread
    delta[:, np.arange(n), np.arange(n)] = 0.0
    between = delta.sum(axis=1)
    if n - 1 >= 2:
        between = between * (1 / ((n - 1) * (n - 2)))
    total = np.where(reached, dist, 0.0).sum(axis=2)
    found = reached.sum(axis=2) - 1.0
    close = np.zeros((count_, n))
    if n > 1:
        positive = total > 0.0
        close = np.where(positive, (found / np.where(positive, total, 1.0)), 0.0)
        close = close * (found / (n - 1))

    # eigenvector: power iteration on A + I from the uniform vector, each group until it settles
    x = np.full((count_, n), 1 / n)
    active = np.asarray(edge.any(axis=(1, 2)))
    settled = ~active
    for _ in range(1000):
        if settled.all():
            break
        last = x
        x = last + np.einsum("bn,bnm->bm", last, w)
        norm = np.sqrt((x * x).sum(axis=1))
        norm[norm == 0] = 1
        x = x / norm[:, None]
        done = np.abs(x - last).sum(axis=1) < n * 1.0e-6
        x = np.where(settled[:, None], last, x)
        settled |= done
    # constraint: p = mutual weight share; (p + p @ p)^2 summed over each node's partners
    mutual = 2 * w
    scale = mutual.sum(axis=2, keepdims=True)
    p = np.where(scale > 0, mutual / np.where(scale > 0, scale, 1.0), 0.0)
    indirect = p + np.einsum("biq,bqj->bij", p, p)
    burt = np.where(edge, indirect * indirect, 0.0).sum(axis=2)

    betweenness: dict[str, float] = {}
    closeness: dict[str, float] = {}
    centrality: dict[str, float] = {}
    brokerage: dict[str, float] = {}
    for b, group in enumerate(batch):
        betweenness.update(zip(group, between[b].tolist(), strict=True))
        closeness.update(zip(group, close[b].tolist(), strict=True))
        if active[b]:
            if not settled[b]:  # pragma: no cover - needs a pathological graph
                centrality.update(_eigenvector_or_networkx({u: weight[u] for u in group}))
            else:
                centrality.update(zip(group, x[b].tolist(), strict=True))
        isolated = ~edge[b].any(axis=1)
        brokerage.update(zip(group, np.where(isolated, np.nan, burt[b]).tolist(), strict=True))
    return betweenness, closeness, centrality, brokerage
