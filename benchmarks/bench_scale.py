"""Loading and the named queries at scale: policygraph against raw pyoxigraph.

The corpus is N disjoint copies of ``data/plan315.ttl`` (``benchmarks/corpus_gen.py``: each copy
with its own plan IRIs, government and departments), one N-Triples file per copy, written to a
temporary folder. For each size:

- load: ``open_store(None, *files)`` against a raw ``pyoxigraph.Store().bulk_load`` of each
  file (into the default graph), and the ratio;
- each named query (every one that needs no parameter, and those whose parameters are taken
  from the data): ``query(store, name)`` (a typed DataFrame) against the same SPARQL text on
  the same store through ``Store.query`` with the rows read as Python values (``term.value``),
  best of ``--repeat``; the row counts must agree;
- the peak resident memory of the process so far.

Run: python benchmarks/bench_scale.py [--sizes 1 10 100 1000] [--repeat 3] [--skip cq21]
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

from corpus_gen import PLAN, write_corpus

from policygraph import list_queries, open_store, query
from policygraph._queries import with_values


def params(name: str, n: int) -> dict[str, str] | None:
    """Parameters from the data for the named queries that take some (None: not run)."""
    key = name.split("-", 1)[0]
    known = {
        "cq03": {"department": "市财政局"},
        "cq07": {"action": f"{PLAN}-0/action/2-2"},
        "cq09": {"entity": "打造新型实验室体系"},
        "cq12": {"department": "市财政局"},
        "cq15": {"plan_a": f"{PLAN}-0", "plan_b": f"{PLAN}-{min(1, n - 1)}"},
    }
    return known.get(key, {})


def best(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
    return min(times), rows


def raw_rows(store: Any, text: str) -> int:
    """The SPARQL on pyoxigraph, each solution read as a tuple of Python values."""
    result = store.query(text, use_default_graph_as_union=True)
    rows = [tuple(None if t is None else t.value for t in solution) for solution in result]
    return len(rows)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(n: int, repeat: int, skip: Sequence[str] = ()) -> None:
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        files = write_corpus(n, tmp)
        start = time.perf_counter()
        raw = ox.Store()
        for file in files:
            raw.bulk_load(path=str(file), format=ox.RdfFormat.N_TRIPLES)
        t_raw = time.perf_counter() - start
        quads = len(raw)
        del raw
        gc.collect()
        start = time.perf_counter()
        store = open_store(None, *files)
        t_ours = time.perf_counter() - start
    print(
        f"\n{n} plans, {quads} triples; load: raw bulk_load {t_raw:.2f} s, open_store "
        f"{t_ours:.2f} s, ratio {t_ours / t_raw:.2f}",
        flush=True,
    )
    query(store, "ASK {}")  # pandas and the query library loaded before the first timing
    print(f"{'query':<36} {'rows':>8} {'raw s':>8} {'ours s':>8} {'ratio':>6}")
    total_raw = total_ours = 0.0
    for q in list_queries():
        values = params(q.name, n)
        if q.name.split("-", 1)[0] in skip:
            print(f"{q.name:<36} {'(skipped)':>32}")
            continue
        if values is None:
            print(f"{q.name:<36} {'(needs parameters)':>32}")
            continue
        text = with_values(q.text, q.bind(values))
        t_r, rows_r = best(lambda text=text: raw_rows(store, text), repeat)  # type: ignore[misc]
        t_o, rows_o = best(lambda q=q, values=values: len(query(store, q, **values)), repeat)  # type: ignore[misc]
        assert rows_r == rows_o, (q.name, rows_r, rows_o)
        total_raw, total_ours = total_raw + t_r, total_ours + t_o
        print(f"{q.name:<36} {rows_o:>8} {t_r:>8.3f} {t_o:>8.3f} {t_o / t_r:>6.2f}", flush=True)
    print(
        f"{'all queries':<36} {'':>8} {total_raw:>8.3f} {total_ours:>8.3f} "
        f"{total_ours / total_raw:>6.2f}"
    )
    print(f"peak RSS so far: {peak_mb():.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--skip", nargs="*", default=[], help="queries not run (e.g. cq09 cq21)")
    args = parser.parse_args()
    import os
    import platform

    print(f"python {sys.version.split()[0]}, {platform.platform()}, {os.cpu_count()} CPUs")
    for n in args.sizes:
        run_size(n, args.repeat, args.skip)


if __name__ == "__main__":
    main()
