"""SHACL of a corpus: the fast engine (``validate(engine="fast")``) against plain pySHACL.

Both check the same data (N disjoint copies of ``data/plan315.ttl``, each with its own
government and departments: ``benchmarks/corpus_gen.py``) against the same shapes with
``inference="none"``. pySHACL runs in a child process capped at 300 s; once a size took longer,
larger sizes are not run and print "> 300 s". Where both ran, the findings (focus node, path,
value, source shape, constraint component, severity, messages) must be equal. Loading the data
into rdflib is timed apart; the table gives the validation time.

Run: python benchmarks/bench_shacl.py [--sizes 1 10 100] [--workers N]
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_gen import write_corpus

CAP = 300.0


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


def run_pyshacl(data: Path, out: Path) -> None:
    """Child process: plain pySHACL on the whole graph; findings pickled to ``out``."""
    import pyshacl
    from rdflib import Graph

    from policygraph.resources import resource_path

    graph = Graph().parse(data, format="nt")
    shapes = Graph().parse(resource_path("shapes", "policygraph-shapes.ttl"))
    start = time.perf_counter()
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    seconds = time.perf_counter() - start
    out.write_bytes(pickle.dumps((seconds, findings(report))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--workers", type=int, default=None, help="engine processes")
    args = parser.parse_args()

    from rdflib import Graph

    from policygraph._shacl_engine import validate_partitioned
    from policygraph.resources import resource_path

    shapes = Graph().parse(resource_path("shapes", "policygraph-shapes.ttl"))
    capped = False
    head = ("plans", "triples", "load", "engine", "pyshacl", "ratio")
    print("{:>6} {:>9} {:>7} {:>9} {:>9} {:>7}  same".format(*head))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            (data,) = write_corpus(n, Path(tmp) / str(n), one_file=True)
            start = time.perf_counter()
            graph = Graph().parse(data, format="nt")
            load = time.perf_counter() - start
            start = time.perf_counter()
            _, report = validate_partitioned(graph, shapes, workers=args.workers)
            ours = time.perf_counter() - start
            theirs: float | None = None
            same = "-"
            if not capped:
                out = Path(tmp) / f"pyshacl-{n}.pickle"
                command = [sys.executable, __file__, "--pyshacl-child", str(data), str(out)]
                try:
                    subprocess.run(command, check=True, timeout=CAP)
                    theirs, expected = pickle.loads(out.read_bytes())
                    same = "yes" if findings(report) == expected else "NO"
                except subprocess.TimeoutExpired:
                    capped = True
            shown = f"{theirs:8.1f}s" if theirs is not None else f"> {CAP:.0f} s"
            ratio = f"{theirs / ours:6.1f}x" if theirs is not None else f"> {CAP / ours:.1f}x"
            print(
                f"{n:6d} {len(graph):9d} {load:6.1f}s {ours:8.1f}s {shown:>9} {ratio:>7}  {same}",
                flush=True,
            )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--pyshacl-child":
        run_pyshacl(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
