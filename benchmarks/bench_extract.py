"""How the cost of ``extract`` grows with the length of a plan text.

Three texts are built at each size (0.1, 1 and 10 MB of UTF-8 by default):

- ``plan``: the Jiaxing 315 source text repeated (real prose, headings, clauses, targets; a
  copy restates the first one's targets word for word, so the target count stays 49);
- ``thirds``: a plan whose goal is one paragraph of ``三分之一、`` (a number every five
  characters, no end of clause);
- ``raise``: a plan whose goal is one paragraph of ``提高到3.5%以上，`` (a target-like clause
  every ten characters).

For each text the script prints the CPU seconds of ``extract`` (best of ``--repeat`` runs),
the seconds per MB, which stays flat when extraction is linear in the length of the text, and
the peak resident memory of the process so far. With ``--split`` it also profiles one run and
prints the seconds of each extraction module (structure, responsibility, targets, platforms,
metadata, the shared text helpers, the rest), so that a part growing faster than the text
shows; the profiler slows every part alike.

Run:  python benchmarks/bench_extract.py [--sizes 0.1 1 10] [--texts plan thirds raise] [--split]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from policygraph.extraction import extract

SOURCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "jiaxing-315-plan.txt"
HEAD = "某市科技创新推进方案（2024—2027年）\n一、主要目标\n"
PARAGRAPHS = {"thirds": "三分之一、", "raise": "提高到3.5%以上，"}
MODULES = ("structure", "responsibility", "targets", "platforms", "metadata", "_text", "other")


def build(kind: str, megabytes: float) -> str:
    """Return a text of about ``megabytes`` MB of UTF-8 of the given kind."""
    size = int(megabytes * 1_000_000)
    if kind == "plan":
        source = SOURCE.read_text(encoding="utf-8")
        return source * max(1, round(size / len(source.encode("utf-8"))))
    unit = PARAGRAPHS[kind]
    return HEAD + unit * max(1, size // len(unit.encode("utf-8"))) + "\n"


def cpu_seconds(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def stages(text: str) -> dict[str, float]:
    """Seconds spent in each extraction module during one profiled ``extract`` of ``text``.

    The profiler slows everything down alike; the split shows which module grows faster
    than the text.
    """
    profile = cProfile.Profile()
    profile.runcall(extract, text)
    out = dict.fromkeys(MODULES, 0.0)
    for (filename, _, _), row in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        name = Path(filename).stem
        key = name if Path(filename).parent.name == "extraction" and name in out else "other"
        out[key] += row[2]  # the function's own time
    return out


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 10], metavar="MB")
    parser.add_argument("--texts", nargs="+", default=["plan", "thirds", "raise"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--split", action="store_true", help="also profile once and split the time by module"
    )
    args = parser.parse_args()
    extract(build("plan", 0.01))  # compile the regular expressions once
    names = list(MODULES) if args.split else []
    print(
        f"{'text':>7} {'MB':>6} {'targets':>8} {'s':>7} {'s/MB':>6} {'peak RSS MB':>12} "
        + " ".join(f"{n[:9]:>9}" for n in names)
    )
    for kind in args.texts:
        for megabytes in args.sizes:
            text = build(kind, megabytes)
            mb = len(text.encode("utf-8")) / 1_000_000
            doc = extract(text)
            seconds = cpu_seconds(lambda text=text: extract(text), args.repeat)
            rss = peak_rss_mb()
            parts = stages(text) if args.split else {}
            print(
                f"{kind:>7} {mb:>6.2f} {len(doc.all_targets()):>8} {seconds:>7.2f} "
                f"{seconds / mb:>6.2f} {rss:>12.0f} " + " ".join(f"{parts[n]:>9.2f}" for n in names)
            )


if __name__ == "__main__":
    main()
