"""How the cost of ``extract`` grows with the length of a plan text.

The Jiaxing 315 source text is repeated 1, 10 and 40 times (by default) and extracted; the
script prints the best CPU time of a few runs and the time per 10,000 characters, which stays
flat when extraction is linear in the length of the text.

Run:  python benchmarks/bench_extract.py [--copies 1 10 40] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from policygraph.extraction import extract

SOURCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "jiaxing-315-plan.txt"


def best_cpu_seconds(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        extract(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 40])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = SOURCE.read_text(encoding="utf-8")
    extract(text)  # compile the regular expressions once
    print(f"{'copies':>6} {'chars':>9} {'tasks':>6} {'targets':>8} {'ms':>9} {'ms/10k chars':>13}")
    for copies in args.copies:
        big = text * copies
        doc = extract(big)
        seconds = best_cpu_seconds(big, args.repeat)
        per_10k = seconds * 1000 / (len(big) / 10_000)
        print(
            f"{copies:>6} {len(big):>9} {len(doc.tasks):>6} {len(doc.all_targets()):>8} "
            f"{seconds * 1000:>9.1f} {per_10k:>13.2f}"
        )


if __name__ == "__main__":
    main()
