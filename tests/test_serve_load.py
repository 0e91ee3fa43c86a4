"""`policygraph serve` under concurrent load on 127.0.0.1: 8 clients, 500 requests, no error,
every answer the same as when asked alone. (Latencies are printed by
benchmarks/bench_serve_load.py, not asserted here.)"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from policygraph import Endpoint, query
from policygraph.server import free_port

CLIENTS = 8
REQUESTS = 500
# (query, parameters): named queries with and without parameters, an ASK, a raw count
QUERIES: list[tuple[str, dict[str, object]]] = [
    ("cq01", {}),
    ("cq03-department-tasks", {"department": "市财政局"}),
    ("cq05", {"by": 2025}),
    ("cq14", {}),
    ("ASK { ?task a <https://w3id.org/policygraph/def#Task> }", {}),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}),
]


def _start_serve(port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "policygraph.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line or line.startswith("press Ctrl-C"):
            break
    return process


def test_serve_answers_8_clients_and_500_requests_without_error() -> None:
    port = free_port()
    process = _start_serve(port)
    endpoint = Endpoint(f"http://127.0.0.1:{port}/query", timeout=60)
    try:
        expected = {n: query(endpoint, text, **params) for n, (text, params) in enumerate(QUERIES)}
        assert len(expected[0]) == 19  # the bundled plan's 19 tasks, each with its lead
        assert bool(expected[4].loc[0, "ask"]) is True

        def ask(i: int) -> tuple[int, str | None]:
            n = i % len(QUERIES)
            text, params = QUERIES[n]
            try:
                frame = query(endpoint, text, **params)
                pd.testing.assert_frame_equal(frame, expected[n])
            except Exception as exc:  # any failure is counted, with its kind
                return n, f"{type(exc).__name__}: {exc}"
            return n, None

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            outcomes = list(pool.map(ask, range(REQUESTS)))
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=15)
    errors = [error for _, error in outcomes if error is not None]
    assert errors == []
    assert len(outcomes) == REQUESTS
    assert Counter(n for n, _ in outcomes) == {
        n: REQUESTS // len(QUERIES) + (1 if n < REQUESTS % len(QUERIES) else 0)
        for n in range(len(QUERIES))
    }
    assert code == 0
