"""How the cost of the responsibility networks and the department metrics grows with plans.

The Jiaxing 315 graph is copied under new plan IRIs (1, 10, 100 copies by default). Two ways:

- ``shared`` (default): departments keep their IRIs, as for several plans of one government;
  the department networks keep 22 nodes and only their weights grow.
- ``distinct``: departments are renamed per copy too, as for plans of different cities; the
  department networks grow with the copies.

Run:  python benchmarks/bench_network.py [--copies 1 10 100] [--departments shared|distinct]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from rdflib import Graph, URIRef

from policygraph import load_plan
from policygraph.network import (
    coresponsibility_network,
    department_metrics,
    lead_support_network,
    task_department_graph,
)

STEPS: dict[str, Callable[[Graph], Any]] = {
    "task_department_graph": task_department_graph,
    "coresponsibility_network": coresponsibility_network,
    "lead_support_network": lead_support_network,
    "department_metrics": department_metrics,
}


def replicate(g: Graph, n: int, *, distinct_departments: bool = False) -> Graph:
    """``g`` and ``n - 1`` copies under new plan IRIs (and department IRIs if asked)."""
    marks = ["/plan/", "/department/"] if distinct_departments else ["/plan/"]
    out = Graph()
    for triple in g:
        out.add(triple)
    for i in range(2, n + 1):

        def rename(term: Any, i: int = i) -> Any:
            if isinstance(term, URIRef):
                text = str(term)
                for mark in marks:
                    if mark in text:
                        return URIRef(text.replace(mark, f"{mark}copy{i}-", 1))
            return term

        for s, p, o in g:
            out.add((rename(s), p, rename(o)))
    return out


def best_of(repeat: int, func: Callable[[Graph], Any], graph: Graph) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(graph)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--departments", choices=["shared", "distinct"], default="shared")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()

    plan = load_plan()
    rows = []
    for n in args.copies:
        graph = replicate(plan, n, distinct_departments=args.departments == "distinct")
        timings = {}
        for name, step in STEPS.items():
            repeat = args.repeat if n <= 10 else 1
            timings[name], _result = best_of(repeat, step, graph)
        net = coresponsibility_network(graph)
        rows.append((n, len(graph), net.number_of_nodes(), net.number_of_edges(), timings))
        print(
            f"{n:>4} copies: {len(graph):>8} triples, co-responsibility network "
            f"{net.number_of_nodes()} nodes / {net.number_of_edges()} edges",
            flush=True,
        )

    print()
    print(f"departments: {args.departments}; seconds (best of {args.repeat} up to 10 copies)")
    header = f"{'step':<26}" + "".join(f"{n:>10}" for n, *_ in rows)
    header += "".join(f"{f'x{rows[i][0]}->{rows[i + 1][0]}':>12}" for i in range(len(rows) - 1))
    print(header)
    for name in STEPS:
        line = f"{name:<26}" + "".join(f"{t[name]:>10.3f}" for *_, t in rows)
        for i in range(len(rows) - 1):
            before, after = rows[i][4][name], rows[i + 1][4][name]
            line += f"{after / before:>12.1f}"
        print(line)


if __name__ == "__main__":
    main()
