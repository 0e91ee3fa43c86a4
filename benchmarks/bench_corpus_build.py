"""``policygraph corpus build`` of the real plan texts against one extract + load per plan.

Runs the command (a fresh on-disk store each time) with ``--jobs 1`` and ``--jobs N`` (default
1 and 2) on corpora of several sizes and prints its wall time, CPU time and CPU use: (user +
sys of the command and its worker processes) / (wall × CPUs), so 100 % is every core busy for
the whole build. Sizes past the real texts repeat them under new names, each copy with a line
of its own appended (so each has its own SHA-256, graph and plan id). The baseline is the mean
over the real texts of one build of that text alone into a fresh store, in this process after a
warm-up (extract + curate + RDF + load, no process start). The ratio is the command's time per
plan over the baseline's (goal <= 1.5); cost linear in plans keeps it flat across sizes. A
stricter baseline leaves out what a one-text build pays once (opening a fresh store, the
manifest, the final flush): the mean of the extraction of each real text and its load into one
store (the build's own functions, in this process); ``strict`` is the ratio against it.

Both baselines are measured again just before each run, and the machine's load average
(other programs) is printed with each: on a shared machine the CPU use of the build is bounded
by what the others leave, and its speed changes with their load.

Run:  python benchmarks/bench_corpus_build.py [--texts data/corpus/texts] [--sizes 23 230 1000]
      [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from policygraph.corpus import build_corpus, plan_files

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.5
COMMAND = [str(Path(sys.executable).with_name("policygraph")), "corpus", "build"]


def run_command(texts: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + sys) of one ``corpus build`` in a fresh store."""
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [*COMMAND, str(texts), "--store", f"{tmp}/store", "--jobs", str(jobs), "-q"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def alone(files: list[Path]) -> float:
    """Seconds of one build per text, each alone into a fresh store, summed."""
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        build_corpus([files[0]], f"{tmp}/warm", jobs=1)  # imports and caches before timing
        total = 0.0
        for i, file in enumerate(files):
            start = time.perf_counter()
            build_corpus([file], f"{tmp}/s{i}", jobs=1)
            total += time.perf_counter() - start
    return total


def extract_load(files: list[Path]) -> float:
    """Seconds of extracting each text and loading it into one store (one transaction), summed."""
    import pyoxigraph as ox

    from policygraph.corpus._store import write_plan
    from policygraph.corpus.build import _extract, _Extracted, _Job

    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        store = ox.Store(f"{tmp}/store")
        _extract(_Job(str(files[0]), "warm", None, None))
        total = 0.0
        for i, file in enumerate(files):
            start = time.perf_counter()
            out = _extract(_Job(str(file), f"plan-{i}", None, None))
            assert isinstance(out, _Extracted), out
            write_plan(store, f"urn:bench:{i}", out.own, out.shared)
            total += time.perf_counter() - start
        del store
    return total


def copies(files: list[Path], n: int, out: Path) -> Path:
    """A folder of ``n`` texts: the files in turn, copy ``k`` named ``STEM_cK`` with its line."""
    out.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        source = files[k % len(files)]
        text = source.read_bytes() + f"\n（副本 {k}）\n".encode()
        (out / f"{source.stem}_c{k}{source.suffix}").write_bytes(text)
    return out


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=ROOT / "data" / "corpus" / "texts")
    parser.add_argument("--sizes", type=int, nargs="+", default=[23, 230, 1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    files = plan_files([args.texts])
    system = f"python {sys.version.split()[0]}, {platform.platform()}, {cores} CPUs"
    print(f"{system}; {len(files)} texts")
    print(f"before: {load()}")

    print(
        f"{'texts':>6} {'corpus build':<12} {'wall s':>8} {'CPU s':>8} {'CPU use':>8} "
        f"{'load':>5} {'ms/plan':>8} {'alone':>6} {'ratio':>6} {'strict':>6} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-corpus-texts-") as tmp:
        for n in args.sizes:
            texts = args.texts if n == len(files) else copies(files, n, Path(tmp) / str(n))
            for jobs in args.jobs:
                # the baselines just before each run: the machine's load changes meanwhile
                base = alone(files) / len(files)
                strict = extract_load(files) / len(files)
                wall, cpu = run_command(texts, jobs)
                use = cpu / wall / cores
                print(
                    f"{n:>6} {f'--jobs {jobs}':<12} {wall:>8.2f} {cpu:>8.2f} {use:>7.0%} "
                    f"{os.getloadavg()[0]:>5.1f} {wall / n * 1000:>8.0f} {base * 1000:>6.0f} "
                    f"{wall / n / base:>6.2f} {strict * 1000:>6.0f} {wall / n / strict:>6.2f}",
                    flush=True,
                )
    print(f"after: {load()}")
    print(
        "alone: ms/plan of one build per text into a fresh store; strict: ms/plan of extract +"
        " load into one store;\nload: the 1-minute load average after the run"
    )
    print(f"goal: ratio <= {GOAL} (per plan, against one extract + load alone)")


if __name__ == "__main__":
    main()
