"""How well the extractor reads real plans: tasks exact, target recall and precision.

Scores ``data/corpus`` (22 real plans of other governments with a gold annotation made by
reading them; see its README) or any folder laid out the same way: every text is extracted
without curation and compared with the gold (``policygraph.evaluation``). Prints one line
per plan and the total; ``-v`` also lists every missed task, missed target and extra target.

Run:  python benchmarks/bench_accuracy.py [--root DIR] [-v]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from policygraph.evaluation import PlanScore, score_corpus, totals

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _pct(n: int, d: int) -> str:
    return f"{n / d:.0%}" if d else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=CORPUS, help="corpus folder (texts/, gold.json)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    start = time.perf_counter()
    scores = score_corpus(args.root)
    seconds = time.perf_counter() - start
    for s in scores:
        print(_line(s))
        if s.error:
            print(f"  error {s.error}")
        if args.verbose:
            for miss in s.task_misses:
                print(f"  task  {miss}")
            for miss in s.target_misses:
                print(f"  miss  {miss}")
            for extra in s.target_extras:
                print(f"  extra {extra}")
    t = totals(scores)
    print(
        f"total: tasks exact {t.tasks_exact}/{t.tasks} ({_pct(t.tasks_exact, t.tasks)}), "
        f"targets recall {t.target_hits}/{t.targets} ({_pct(t.target_hits, t.targets)}), "
        f"precision {t.target_hits}/{t.targets_extracted} "
        f"({_pct(t.target_hits, t.targets_extracted)})"
    )
    print(f"{len(scores)} plans extracted and scored in {seconds:.2f} s")


def _line(s: PlanScore) -> str:
    return (
        f"{s.name}: tasks {s.tasks_exact}/{s.tasks} exact ({s.tasks_extracted} extracted), "
        f"targets {s.target_hits}/{s.targets} ({s.targets_extracted} extracted)"
    )


if __name__ == "__main__":
    main()
