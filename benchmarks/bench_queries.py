"""Time the competency-question suite on rdflib, an Oxigraph store and a local Oxigraph server.

The Jiaxing graph is replicated under different plan IRIs (1, 10, 100 copies by default; the
departments, platforms, units and indicators stay shared, as they would for several plans of
one government). For each size the whole suite (the 15 named queries with the parameters
below) is run ``--repeat`` times on each backend; the best time is reported, with the ratios
rdflib / store and rdflib / server, and the row counts are checked to agree.

With ``--per-query``, it first prints the best time of each named query on the plan graph
alone (rdflib, store, server): the figures a researcher sees in a notebook.

Usage::

    python benchmarks/bench_queries.py [--copies 1 10 100] [--repeat 3] [--plan data/plan315.ttl]
                                       [--per-query]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from rdflib import Graph, URIRef

from policygraph import list_queries, open_store, query
from policygraph.rdf import load_graph
from policygraph.resources import PLAN315_TTL, resource_path
from policygraph.server import OxigraphServer

PLAN = "https://w3id.org/policygraph/id/plan/jiaxing-315"


def replicate(g: Graph, n: int) -> list[Graph]:
    """``n`` copies of the plan graph, the k-th under ``{PLAN}`` (k = 0) or ``{PLAN}-{k}``."""
    copies = []
    for k in range(n):
        if k == 0:
            copies.append(g)
            continue
        iri = f"{PLAN}-{k}"

        def rename(t: Any, iri: str = iri) -> Any:
            if isinstance(t, URIRef) and (str(t) == PLAN or str(t).startswith(PLAN + "/")):
                return URIRef(iri + str(t)[len(PLAN) :])
            return t

        copy = Graph()
        for s, p, o in g:
            copy.add((rename(s), p, rename(o)))
        copies.append(copy)
    return copies


def params(name: str, n: int) -> dict[str, str]:
    key = name.split("-", 1)[0]
    return {
        "cq03": {"department": "市财政局"},
        "cq07": {"action": f"{PLAN}/action/2-2"},
        "cq09": {"entity": "打造新型实验室体系"},
        "cq12": {"department": "市财政局"},
        "cq15": {"plan_a": PLAN, "plan_b": f"{PLAN}-1" if n > 1 else PLAN},
    }.get(key, {})


def suite(source: Any, n: int) -> dict[str, int]:
    return {q.name: len(query(source, q, **params(q.name, n))) for q in list_queries()}


def best(source: Any, n: int, repeat: int) -> tuple[float, dict[str, int]]:
    times, rows = [], {}
    for _ in range(repeat):
        start = time.perf_counter()
        rows = suite(source, n)
        times.append(time.perf_counter() - start)
    return min(times), rows


def per_query(base: Graph, repeat: int) -> None:
    """Print the best time of each named query on one plan, on each backend."""
    store = open_store(None, base)
    with OxigraphServer(base) as server:
        print(f"{'query':<30} {'rows':>5} {'rdflib ms':>10} {'store ms':>9} {'server ms':>10}")
        for q in list_queries():
            times = []
            for source in (base, store, server.query_url):
                query(source, q, **params(q.name, 1))  # warm up (rdflib's parser cache)
                runs = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    rows = len(query(source, q, **params(q.name, 1)))
                    runs.append(time.perf_counter() - start)
                times.append(min(runs) * 1000)
            print(f"{q.name:<30} {rows:>5} {times[0]:>10.1f} {times[1]:>9.1f} {times[2]:>10.1f}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plan", default=str(resource_path(*PLAN315_TTL)))
    parser.add_argument(
        "--rdflib-up-to", type=int, default=10, help="skip rdflib above this many copies (slow)"
    )
    parser.add_argument(
        "--per-query", action="store_true", help="first time each query on the plan alone"
    )
    args = parser.parse_args()

    base = load_graph(args.plan)
    print(f"plan graph: {args.plan} ({len(base)} triples); best of {args.repeat}")
    if args.per_query:
        per_query(base, args.repeat)
    print(
        f"{'copies':>6} {'triples':>9} {'rdflib s':>9} {'store s':>8} {'server s':>9} "
        f"{'rdflib/store':>12} {'rdflib/server':>13} {'server/store':>12}"
    )
    for n in args.copies:
        graphs = replicate(base, n)
        merged = Graph()
        for g in graphs:
            merged += g
        store = open_store(None, *graphs)
        with OxigraphServer(*graphs) as server:
            if n <= args.rdflib_up_to:
                t_rdflib, rows_rdflib = best(merged, n, args.repeat)
            else:
                t_rdflib, rows_rdflib = float("nan"), None
            t_store, rows_store = best(store, n, args.repeat)
            t_server, rows_server = best(server.query_url, n, args.repeat)
        assert rows_store == rows_server, (rows_store, rows_server)
        assert rows_rdflib in (None, rows_store), (rows_rdflib, rows_store)
        print(
            f"{n:>6} {len(merged):>9} {t_rdflib:>9.3f} {t_store:>8.3f} {t_server:>9.3f} "
            f"{t_rdflib / t_store:>12.1f} {t_rdflib / t_server:>13.1f} {t_server / t_store:>12.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
