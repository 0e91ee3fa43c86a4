"""`policygraph serve` under concurrent load: latency percentiles and throughput.

Starts ``policygraph serve`` (the bundled plan and ontology, read-only, on 127.0.0.1), asks
each query once alone, then sends ``--requests`` queries from ``--clients`` threads: named
queries with and without parameters, an ASK and a raw count, round-robin. Each request is
timed from the client's side in two ways: ``policygraph.query`` (HTTP plus turning the answer
into a DataFrame) and a bare HTTP POST (``urllib``, the server's own share). Prints p50, p90,
p99 and the maximum in milliseconds, requests per second, and the number of errors (answers
that failed or differed from the one given alone).

Run:  python benchmarks/bench_serve_load.py [--clients 8] [--requests 500]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

QUERIES: list[tuple[str, dict[str, object]]] = [
    ("cq01", {}),
    ("cq03-department-tasks", {"department": "市财政局"}),
    ("cq05", {"by": 2025}),
    ("cq14", {}),
    ("ASK { ?task a <https://w3id.org/policygraph/def#Task> }", {}),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}),
]


def start_serve(port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "policygraph.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("press Ctrl-C"):
            return process
    raise SystemExit("policygraph serve did not start")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def load(
    clients: int, requests: int, one: Callable[[int], Any], expected: dict[int, Any]
) -> tuple[list[float], int, float]:
    """Run ``requests`` calls of ``one`` on ``clients`` threads; latencies (ms), errors, seconds."""

    def timed(i: int) -> tuple[float, bool]:
        n = i % len(QUERIES)
        start = time.perf_counter()
        try:
            ok = same(one(n), expected[n])
        except Exception:
            ok = False
        return (time.perf_counter() - start) * 1000, ok

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(timed, range(requests)))
    elapsed = time.perf_counter() - start
    return [ms for ms, _ in results], sum(1 for _, ok in results if not ok), elapsed


def same(a: Any, b: Any) -> bool:
    import pandas as pd

    if isinstance(a, pd.DataFrame):
        return bool(a.equals(b))
    return bool(a == b)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()

    from policygraph import Endpoint, query
    from policygraph._queries import bind_raw, resolve, with_values
    from policygraph.server import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    endpoint = Endpoint(url, timeout=60)
    texts = []
    for text, params in QUERIES:  # the SPARQL the server receives, for the bare HTTP client
        resolved = resolve(text)
        if isinstance(resolved, str):
            texts.append(with_values(resolved, bind_raw(resolved, params)))
        else:
            texts.append(with_values(resolved.text, resolved.bind(params)))

    def through_policygraph(n: int) -> Any:
        text, params = QUERIES[n]
        return query(endpoint, text, **params)

    def bare_http(n: int) -> bytes:
        body = urllib.parse.urlencode({"query": texts[n]}).encode("ascii")
        request = urllib.request.Request(
            url, data=body, headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return bytes(response.read())

    process = start_serve(port)
    try:
        print(
            f"policygraph serve on 127.0.0.1: {args.clients} clients, {args.requests} requests, "
            f"{len(QUERIES)} queries round-robin"
        )
        print(
            f"{'client':<22} {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7} {'req/s':>7} {'errors':>6}"
        )
        for name, one in (("policygraph.query", through_policygraph), ("bare HTTP", bare_http)):
            expected = {n: one(n) for n in range(len(QUERIES))}
            latencies, errors, elapsed = load(args.clients, args.requests, one, expected)
            print(
                f"{name:<22} {statistics.median(latencies):7.1f} {percentile(latencies, 90):7.1f} "
                f"{percentile(latencies, 99):7.1f} {max(latencies):7.1f} "
                f"{args.requests / elapsed:7.0f} {errors:6d}"
            )
        print("latencies in milliseconds, from the client's side")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


if __name__ == "__main__":
    main()
