"""Writing a plan graph: policygraph's writer against plain rdflib, at 0.1, 1 and 10 MB of text.

The text is the Jiaxing plan (data/sources/jiaxing-315-plan.txt) repeated to each size, in
UTF-8 bytes. For each size, in a fresh process: ``extract`` and ``to_rdf`` are timed on their
own (extraction is reported, not compared), then the graph is written as Turtle and as
N-Triples by ``policygraph.rdf.save_graph`` (pyoxigraph's serializers); in another fresh
process, up to ``--baseline-max-mb``, by rdflib's ``Graph.serialize`` (the plain library
baseline; its Turtle writer is superlinear, so the 10 MB baseline is skipped by default).

Printed per size: seconds, microseconds per triple (constant when the cost is linear), the
ratio rdflib / policygraph, and memory: the process's peak resident size once the graph is
built, and how much writing added to it.

Run:  python benchmarks/bench_write.py [--sizes 0.1 1 10] [--baseline-max-mb 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
FORMATS = (("turtle", "ttl"), ("nt", "nt"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def child(size_mb: float, writer: str) -> dict[str, Any]:
    """Build the graph of ``size_mb`` MB of text and write it with ``writer``; return numbers."""
    from policygraph.extraction import extract
    from policygraph.rdf import save_graph, to_rdf

    base = SOURCE.read_text(encoding="utf-8")
    copies = max(1, round(size_mb * 1_000_000 / len(base.encode("utf-8"))))
    text = base * copies
    start = time.perf_counter()
    doc = extract(text)
    extracted = time.perf_counter()
    graph = to_rdf(doc)
    built = time.perf_counter()
    result: dict[str, Any] = {
        "copies": copies,
        "text_mb": len(text.encode("utf-8")) / 1_000_000,
        "triples": len(graph),
        "extract_s": extracted - start,
        "to_rdf_s": built - extracted,
        "graph_peak_mb": peak_mb(),
    }
    del doc, text
    with tempfile.TemporaryDirectory(prefix="bench-write-") as tmp:
        for fmt, suffix in FORMATS:
            out = Path(tmp) / f"plan.{suffix}"
            start = time.perf_counter()
            if writer == "policygraph":
                save_graph(graph, out, format=fmt)
            else:
                graph.serialize(destination=str(out), format=fmt, encoding="utf-8")
            result[f"{fmt}_s"] = time.perf_counter() - start
            result[f"{fmt}_mb"] = out.stat().st_size / 1_000_000
            out.unlink()
    result["write_peak_mb"] = peak_mb()
    return result


def run_child(size_mb: float, writer: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(size_mb), "--writer", writer],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1.0, 10.0])
    parser.add_argument("--baseline-max-mb", type=float, default=1.0)
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--writer", default="policygraph", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.writer)))
        return

    print("writing a plan graph: policygraph (pyoxigraph) vs plain rdflib, fresh process per run")
    header = (
        f"{'text MB':>7} {'triples':>9} {'extract s':>9} {'to_rdf s':>8} | "
        f"{'format':<6} {'pg s':>7} {'pg us/t':>7} {'rdflib s':>8} {'rdf us/t':>8} "
        f"{'ratio':>7} | {'graph MB':>8} {'+write MB':>9}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        ours = run_child(size, "policygraph")
        theirs = run_child(size, "rdflib") if size <= args.baseline_max_mb else None
        added = ours["write_peak_mb"] - ours["graph_peak_mb"]
        for n, (fmt, _) in enumerate(FORMATS):
            per = ours[f"{fmt}_s"] / ours["triples"] * 1e6
            if theirs is not None:
                base = (
                    f"{theirs[f'{fmt}_s']:8.2f} {theirs[f'{fmt}_s'] / theirs['triples'] * 1e6:8.1f}"
                )
                ratio = f"{theirs[f'{fmt}_s'] / ours[f'{fmt}_s']:6.1f}x"
            else:
                base, ratio = f"{'skipped':>8} {'':>8}", f"{'':>7}"
            lead = (
                f"{ours['text_mb']:7.2f} {ours['triples']:9d} {ours['extract_s']:9.2f} "
                f"{ours['to_rdf_s']:8.2f}"
                if n == 0
                else " " * 36
            )
            tail = f"{ours['graph_peak_mb']:8.0f} {added:+9.0f}" if n == 0 else ""
            print(f"{lead} | {fmt:<6} {ours[f'{fmt}_s']:7.2f} {per:7.1f} {base} {ratio} | {tail}")
        if theirs is not None:
            extra = theirs["write_peak_mb"] - theirs["graph_peak_mb"]
            print(f"{'':>36} | rdflib's writing added {extra:+.0f} MB to its process's peak")
    print(
        "us/t: microseconds per triple, constant when writing is linear; ratio: rdflib's time "
        "over policygraph's; +write MB: peak memory added by writing both formats"
    )


if __name__ == "__main__":
    main()
