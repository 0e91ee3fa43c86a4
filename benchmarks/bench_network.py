"""How the cost of the responsibility networks and the department metrics grows with plans.

An Oxigraph store holds N disjoint copies of the Jiaxing 315 plan (``corpus_gen.py``): by default
each copy has its own government and departments, as plans of different cities do, so the
department networks grow with the copies; with ``--shared-departments`` the copies keep the
Jiaxing departments (22 nodes whose weights grow). Department measures are computed per group of
plans sharing departments, so the cost should grow linearly in plans.

Prints, per size: seconds per step (best of ``--repeat`` up to 10 plans, one run above), the
time per plan relative to the smallest size, and the process's peak RSS. The first step,
``engine: links + labels``, is pyoxigraph alone running the two queries department_metrics
reads: the floor of the read.

Run:  python benchmarks/bench_network.py [--sizes 1 10 100 1000] [--shared-departments]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from corpus_gen import write_corpus

from policygraph import open_store
from policygraph.network import (
    coresponsibility_network,
    department_metrics,
    lead_support_network,
    task_department_graph,
)


def engine_read(store: Any) -> int:
    """The engine alone: pyoxigraph runs the two queries department_metrics reads (the links
    and the departments' labels) and yields every solution; no conversion to Python values."""
    from policygraph._queries import internal

    count = 0
    for name in ("links", "department-labels"):
        for solution in store.query(internal(name).text, use_default_graph_as_union=True):
            tuple(solution)
            count += 1
    return count


STEPS: dict[str, Callable[[Any], Any]] = {
    "engine: links + labels": engine_read,
    "task_department_graph": task_department_graph,
    "coresponsibility_network": coresponsibility_network,
    "lead_support_network": lead_support_network,
    "department_metrics": department_metrics,
}
GOAL_S = 5.0  # department metrics of 1,000 plans


def best_of(repeat: int, func: Callable[[Any], Any], store: Any) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(store)
        times.append(time.perf_counter() - start)
    return min(times), result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--shared-departments", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs up to 10 plans")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {platform.platform()}, {os.cpu_count()} CPUs")
    print(f"departments: {'shared' if args.shared_departments else 'one set per copy'}")

    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-network-") as tmp:
            files = write_corpus(n, tmp, own_government=not args.shared_departments)
            store = open_store(None, *files)
        if not rows:  # networkx, pandas and the query layer imported before the first timing
            department_metrics(store)
        timings = {}
        for name, step in STEPS.items():
            timings[name], result = best_of(args.repeat if n <= 10 else 1, step, store)
        nodes = len(result)
        rows.append((n, timings, peak_mb()))
        print(
            f"{n:>5} plans: {len(store):>8} quads, {nodes} departments, "
            f"department_metrics {timings['department_metrics']:.2f} s, "
            f"peak RSS {peak_mb():.0f} MB",
            flush=True,
        )
        del store

    first_n, first_t, _ = rows[0]
    print()
    print(f"{'step':<26}" + "".join(f"{f'{n} plans':>12}" for n, *_ in rows))
    for name in STEPS:
        print(f"{name:<26}" + "".join(f"{t[name]:>11.3f}s" for _n, t, _m in rows))
    print(
        f"{'metrics per plan vs ' + str(first_n):<26}"
        + "".join(
            f"{(t['department_metrics'] / n) / (first_t['department_metrics'] / first_n):>12.2f}"
            for n, t, _m in rows
        )
    )
    print(f"{'peak RSS (MB)':<26}" + "".join(f"{m:>12.0f}" for *_r, m in rows))
    last_n, last_t, _ = rows[-1]
    if last_n == 1000:
        verdict = "met" if last_t["department_metrics"] <= GOAL_S else "NOT met"
        print(f"goal: department_metrics of 1,000 plans <= {GOAL_S:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
