"""Validation speed: ``policygraph validate`` / ``validate()`` against pySHACL itself.

Both sides check the same data (``data/plan315.ttl``) against the same shapes
(``shapes/policygraph-shapes.ttl``) with ``inference="none"``; policygraph also checks the
quotes against the source text and builds bilingual messages. Prints medians and ratios
(policygraph / pyshacl: below 1.10 means the overhead stays under 10%). The last row gives
pySHACL the same query-caching graph view ``validate()`` uses, so its ratio is the cost of what
policygraph adds alone.

Run: python benchmarks/bench_validate.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from policygraph.resources import PLAN315_TTL, resource_path

DATA = str(resource_path(*PLAN315_TTL))
SHAPES = str(resource_path("shapes", "policygraph-shapes.ttl"))


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired(
    ours: Callable[[], object], theirs: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Median times of two actions run alternately, so load on the machine hits both alike."""
    mine: list[float] = []
    other: list[float] = []
    for _ in range(runs):
        for action, times in ((ours, mine), (theirs, other)):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(other)


def process(*command: str) -> Callable[[], object]:
    def run() -> object:
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed with exit code {done.returncode}")
        return done

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    runs = parser.parse_args().runs

    import pyshacl
    from rdflib import Graph

    from policygraph.validation import validate

    cli = [sys.executable, "-m", "policygraph.cli", "validate", DATA]
    rows = [
        (
            "whole process",
            *paired(
                process(*cli),
                process(sys.executable, "-m", "pyshacl", "-s", SHAPES, "-i", "none", DATA),
                runs,
            ),
        ),
        (
            "whole process, no source check",
            median_seconds(process(*cli, "--no-source-check"), runs),
            None,
        ),
    ]
    data = Graph().parse(DATA, format="turtle")
    validate(data)  # warm imports on both sides
    rows.append(
        (
            "in process",
            *paired(
                lambda: validate(data),
                lambda: pyshacl.validate(data, shacl_graph=SHAPES, inference="none"),
                runs,
            ),
        )
    )
    # what policygraph adds to the pySHACL run (source-text checks, labels, messages), with the
    # pySHACL run itself made identical: the same graph view that parses each query once
    from policygraph.validation import _QueryCachingGraph

    cached = _QueryCachingGraph.over(data)
    rows.append(
        (
            "in process, same pySHACL run",
            *paired(
                lambda: validate(data),
                lambda: pyshacl.validate(cached, shacl_graph=SHAPES, inference="none"),
                runs,
            ),
        )
    )
    print(f"{len(data)} triples, median of {runs} runs")
    print(f"{'':34} {'policygraph':>12} {'pyshacl':>10} {'ratio':>7}")
    pyshacl_process = rows[0][2]
    for name, ours, theirs in rows:
        base = theirs if theirs is not None else pyshacl_process
        assert base is not None
        print(f"{name:34} {ours:11.2f}s {base:9.2f}s {ours / base:7.2f}")


if __name__ == "__main__":
    main()
