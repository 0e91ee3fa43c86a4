"""SHACL of a corpus: policygraph's engines against plain pySHACL, on the same data and shapes.

The data: N disjoint copies of ``data/plan315.ttl``, each with its own government and
departments (``benchmarks/corpus_gen.py``), checked against the bundled shapes with
``inference="none"``.

``--engine store`` (default): the copies are loaded into an Oxigraph store (one named graph per
plan, as ``policygraph corpus build`` makes them) and the store engine
(``policygraph._shacl_store.validate_store``) runs on it in a child process, which reports its
time and peak RSS. pySHACL runs on the same data, the store's content (literals as the store
keeps them) written to N-Triples and parsed by rdflib. ``--engine partitioned``: the engine
that validates each plan apart with pySHACL in worker processes, on the N-Triples file.

pySHACL runs in a child process capped at ``--cap`` seconds (default 600); once a size took
longer, larger sizes do not run it and print "> CAP s". ``--no-pyshacl`` runs the engine alone.
Where both ran, the findings (focus node, path, value, source shape, constraint component,
severity, messages) must be equal. Loading the data is timed apart; the table gives the
validation time.

Run: python benchmarks/bench_shacl.py [--sizes 1 10 100] [--engine store|partitioned]
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_gen import write_corpus


def findings(report: object) -> set[tuple[object, ...]]:
    from rdflib import Graph
    from rdflib.extras.shacl import parse_shacl_path
    from rdflib.namespace import RDF, SH

    assert isinstance(report, Graph)
    out = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        out.add(
            (
                report.value(r, SH.focusNode),
                str(parse_shacl_path(report, path)) if path is not None else None,
                report.value(r, SH.value),
                report.value(r, SH.sourceShape),
                report.value(r, SH.sourceConstraintComponent),
                report.value(r, SH.resultSeverity),
                frozenset(report.objects(r, SH.resultMessage)),
            )
        )
    return out


def _shapes() -> object:
    from rdflib import Graph

    from policygraph.resources import resource_path

    return Graph().parse(resource_path("shapes", "policygraph-shapes.ttl"))


def _peak_mib() -> float:
    """This process's peak RSS (``VmHWM``: ``ru_maxrss`` keeps the parent's peak across exec)."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_pyshacl(data: Path, out: Path) -> None:
    """Child process: plain pySHACL on the whole graph; findings pickled to ``out``."""
    import pyshacl
    from rdflib import Graph

    graph = Graph().parse(data, format="nt")
    start = time.perf_counter()
    _, report, _ = pyshacl.validate(graph, shacl_graph=_shapes(), inference="none")
    seconds = time.perf_counter() - start
    out.write_bytes(pickle.dumps((seconds, findings(report))))


def run_store_engine(folder: Path, out: Path) -> None:
    """Child process: the store engine on the store; seconds, peak RSS and findings pickled."""
    import pyoxigraph as ox

    from policygraph._shacl_store import validate_store

    store = ox.Store.read_only(str(folder))
    shapes = _shapes()
    print(f"  (store engine: {_peak_mib():.0f} MiB peak once the store is open)", flush=True)
    start = time.perf_counter()
    _, report = validate_store(store, shapes)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    out.write_bytes(pickle.dumps((seconds, _peak_mib(), findings(report))))


def run_partitioned(data: Path, out: Path, workers: int | None) -> None:
    """Child process: the partitioned engine on the N-Triples file."""
    from rdflib import Graph

    from policygraph._shacl_engine import validate_partitioned

    graph = Graph().parse(data, format="nt")
    start = time.perf_counter()
    _, report = validate_partitioned(graph, _shapes(), workers=workers)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    out.write_bytes(pickle.dumps((seconds, _peak_mib(), findings(report))))


def _child(*args: str, timeout: float | None = None) -> None:
    subprocess.run([sys.executable, __file__, *args], check=True, timeout=timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--engine", choices=["store", "partitioned"], default="store")
    parser.add_argument("--workers", type=int, default=None, help="partitioned: processes")
    parser.add_argument("--cap", type=float, default=600.0, help="pySHACL's limit, seconds")
    parser.add_argument("--no-pyshacl", action="store_true", help="run the engine alone")
    args = parser.parse_args()

    from policygraph.sparql import open_store

    capped = args.no_pyshacl
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}", flush=True)
    head = ("plans", "triples", "load", "engine", "pyshacl", "ratio", "same", "engine RSS")
    print("{:>6} {:>9} {:>7} {:>9} {:>9} {:>8} {:>5} {:>11}".format(*head), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            data = Path(tmp) / f"data-{n}.nt"
            if args.engine == "store":  # one file per plan: each is bulk-loaded into its graph
                files = write_corpus(n, Path(tmp) / str(n))
            else:
                (source,) = write_corpus(n, Path(tmp) / str(n), one_file=True)
            start = time.perf_counter()
            if args.engine == "store":
                folder = Path(tmp) / f"store-{n}"
                store = open_store(folder, *files)
                triples = len(store)
                if not capped:  # pySHACL's data: the store's triples, as it keeps each literal
                    lines = {f"{q.triple} .\n" for q in store.quads_for_pattern(None, None, None)}
                    data.write_text("".join(sorted(lines)), encoding="utf-8")
                store.flush()
                del store  # closed: the engine opens it read-only in its own process
            else:
                data = source
                triples = sum(1 for _ in data.open(encoding="utf-8"))
            load = time.perf_counter() - start
            out = Path(tmp) / f"engine-{n}.pickle"
            if args.engine == "store":
                _child("--store-child", str(folder), str(out))
            else:
                _child("--partitioned-child", str(data), str(out), str(args.workers or 0))
            ours, rss, got = pickle.loads(out.read_bytes())
            theirs: float | None = None
            same = "-"
            if not capped:
                ref = Path(tmp) / f"pyshacl-{n}.pickle"
                try:
                    _child("--pyshacl-child", str(data), str(ref), timeout=args.cap)
                    theirs, expected = pickle.loads(ref.read_bytes())
                    same = "yes" if got == expected else "NO"
                except subprocess.TimeoutExpired:
                    capped = True
            if theirs is not None:
                shown, ratio = f"{theirs:8.1f}s", f"{theirs / ours:7.1f}x"
            elif args.no_pyshacl:
                shown, ratio = "-", "-"
            else:
                shown, ratio = f"> {args.cap:.0f} s", f"> {args.cap / ours:.0f}x"
            print(
                f"{n:6d} {triples:9d} {load:6.1f}s {ours:8.1f}s {shown:>9} {ratio:>8} "
                f"{same:>5} {rss:8.0f} MiB",
                flush=True,
            )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--pyshacl-child":
        run_pyshacl(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "--store-child":
        run_store_engine(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "--partitioned-child":
        run_partitioned(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]) or None)
    else:
        main()
