"""``policygraph corpus build`` of the real plan texts against one extract + load per plan.

Runs the command (a fresh on-disk store each time) with ``--jobs 1`` and ``--jobs N`` (default
1 and 2) and prints its wall time and CPU utilisation, (user + sys of the command and its worker
processes) / wall / CPUs. The baseline is the sum over texts of one build of that text alone into
a fresh store, in this process after a warm-up (extract + curate + RDF + load, no process start).
The ratio is the command's time per plan over the baseline's (goal <= 1.5).

Run:  python benchmarks/bench_corpus_build.py [--texts data/corpus/texts] [--jobs 1 2]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=ROOT / "data" / "corpus" / "texts")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    files = plan_files([args.texts])
    n = len(files)
    print(f"python {sys.version.split()[0]}, {platform.platform()}, {cores} CPUs; {n} texts")

    base = alone(files)
    print(f"one extract + load per plan, alone: {base:.2f} s in all, {base / n * 1000:.0f} ms/plan")
    print(
        f"{'corpus build':<16} {'wall s':>8} {'CPU s':>8} {'CPU use':>8} "
        f"{'ms/plan':>8} {'ratio':>6}"
    )
    for jobs in args.jobs:
        wall, cpu = run_command(args.texts, jobs)
        use = cpu / wall / cores
        ratio = wall / base
        print(
            f"{f'--jobs {jobs}':<16} {wall:>8.2f} {cpu:>8.2f} {use:>7.0%} "
            f"{wall / n * 1000:>8.0f} {ratio:>6.2f}",
            flush=True,
        )
    print(f"goal: ratio <= {GOAL} (per plan, against one extract + load alone)")


if __name__ == "__main__":
    main()
