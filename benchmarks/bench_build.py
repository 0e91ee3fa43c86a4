"""Build the Jiaxing 315 graph, and what ``import policygraph`` costs.

Prints, as medians of several runs:

- extracting the source text, applying the curation, ``to_rdf``, and the whole build
  (``policygraph.pipeline.build_plan``), in milliseconds; the whole build against parsing the
  committed ``data/plan315.ttl`` with plain rdflib (the baseline a user would otherwise pay);
- ``python -c "import policygraph"`` against ``python -c "import rdflib"`` as whole processes,
  and whether importing policygraph loaded any heavy library.

Run:  python benchmarks/bench_build.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
CURATION = ROOT / "data" / "curation" / "jiaxing-315.yaml"
GRAPH = ROOT / "data" / "plan315.ttl"
HEAVY = ("pyshacl", "networkx", "matplotlib", "pandas", "pyoxigraph", "SPARQLWrapper")


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(code: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import rdflib

    from policygraph.curation import apply_curation, load_curation
    from policygraph.extraction import extract_file
    from policygraph.pipeline import build_plan
    from policygraph.rdf import to_rdf

    curation = load_curation(CURATION)
    doc = extract_file(SOURCE)
    curated = apply_curation(doc, curation)
    rows = [
        ("extract", median_ms(lambda: extract_file(SOURCE), args.repeat)),
        (
            "load + apply curation",
            median_ms(lambda: apply_curation(doc, load_curation(CURATION)), args.repeat),
        ),
        ("to_rdf", median_ms(lambda: to_rdf(curated), args.repeat)),
        ("whole build", median_ms(lambda: build_plan(SOURCE, curation=CURATION), args.repeat)),
        (
            "baseline: rdflib parses plan315.ttl",
            median_ms(lambda: rdflib.Graph().parse(GRAPH), args.repeat),
        ),
    ]
    print(f"Jiaxing 315 build, median of {args.repeat} runs")
    for name, ms in rows:
        print(f"  {name:<38} {ms:8.1f} ms")
    print(f"  ratio whole build / rdflib parse       {rows[3][1] / rows[4][1]:8.2f}x")

    pg = process_ms("import policygraph; policygraph.__version__", args.repeat)
    rd = process_ms("import rdflib", args.repeat)
    bare = process_ms("pass", args.repeat)
    print(f"\nimport, whole process, median of {args.repeat} runs")
    print(f"  python -c pass                         {bare:8.1f} ms")
    print(f"  import rdflib                          {rd:8.1f} ms")
    print(f"  import policygraph                     {pg:8.1f} ms")
    print(f"  ratio policygraph / rdflib             {pg / rd:8.2f}x")
    print(f"  ratio (minus interpreter start)        {(pg - bare) / (rd - bare):8.2f}x")
    probe = (
        "import sys, policygraph; policygraph.__version__; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"  heavy libraries loaded by import       {loaded or 'none'}")


if __name__ == "__main__":
    main()
