"""How long the analyses take to read the bundled plan through the named queries.

Median of 5 runs (after one warm-up), wall and CPU time, on the rdflib graph of
``data/plan315.ttl``: :func:`policygraph.summary.summarize`,
:func:`policygraph.network.department_metrics`, the copy of the graph into Oxigraph that
they query (:func:`policygraph._read.for_queries`), and ``policygraph report`` (the README's
main command, a fresh process each run).

Run:  python benchmarks/bench_read.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from policygraph import load_plan
from policygraph._read import for_queries
from policygraph.network import department_metrics
from policygraph.summary import summarize

RUNS = 5


def _median(run: Callable[[], object]) -> tuple[float, float]:
    run()
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _report() -> None:
    code = "import sys; from policygraph.cli import main; sys.exit(main(['report']))"
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def main() -> None:
    graph = load_plan()
    for name, run in (
        ("copy into Oxigraph", lambda: for_queries(graph)),
        ("summarize", lambda: summarize(graph)),
        ("department_metrics", lambda: department_metrics(graph)),
    ):
        wall, cpu = _median(run)
        print(f"{name:20} {wall:7.3f} s wall {cpu:7.3f} s CPU")
    walls = []
    for _ in range(RUNS):
        start = time.perf_counter()
        _report()
        walls.append(time.perf_counter() - start)
    print(f"{'policygraph report':20} {statistics.median(walls):7.3f} s wall")


if __name__ == "__main__":
    main()
