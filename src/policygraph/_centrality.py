"""Department measures on plain adjacency dicts: NetworkX's algorithms, without its overhead.

:func:`policygraph.network.department_metrics` measures each group of plans that share
departments alone; a corpus of a thousand plans has a thousand small groups, and NetworkX's
per-call cost (graph views, weight functions, dispatch) then outweighs the work. These are the
same algorithms as ``networkx.betweenness_centrality`` and ``networkx.closeness_centrality``
(one Dijkstra per source serves both), ``networkx.eigenvector_centrality`` and
``networkx.constraint``, with the same operations in the same order, on ``{node: {neighbour:
value}}`` dicts. The tests compare them with NetworkX.

Examples
--------
>>> adjacency = {"a": {"b": 1.0}, "b": {"a": 1.0, "c": 0.5}, "c": {"b": 0.5}}
>>> betweenness, closeness = path_measures(adjacency)
>>> betweenness["b"], round(closeness["a"], 3)
(1.0, 0.8)
"""

from __future__ import annotations

import math
from heapq import heappop, heappush
from itertools import count

__all__ = ["constraint", "eigenvector", "path_measures"]

Adjacency = dict[str, dict[str, float]]


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
