"""How many department mentions of real plans get a function from the function scheme.

Reads every unit of every responsibility clause of ``data/corpus`` (22 real plans; or any
folder laid out the same way) with ``policygraph.departments.read_department``, in the context
of its plan (``plan_jurisdiction``), counting each mention. Two counts: the gold units
(``gold.json``, the units as a reader listed them) and the units the extractor finds. Prints the
coverage per plan and in total, then every unit without a function with its reason and count;
``-v`` also prints each unit's reading.

Run:  python benchmarks/bench_functions.py [--root DIR] [-v]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from policygraph.departments import DepartmentReading, plan_jurisdiction, read_department
from policygraph.extraction import extract_file

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _pct(n: int, d: int) -> str:
    return f"{n / d:.1%}" if d else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=CORPUS, help="corpus folder (texts/, gold.json)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every unit's reading")
    args = ap.parse_args()
    gold = json.loads((args.root / "gold.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    totals = {"gold": Counter[str](), "extracted": Counter[str]()}
    unmatched: dict[str, Counter[tuple[str, str]]] = {"gold": Counter(), "extracted": Counter()}
    readings: dict[str, DepartmentReading] = {}
    for path in sorted((args.root / "texts").glob("*.txt")):
        doc = extract_file(path)
        plan = plan_jurisdiction(doc)
        names = {
            "gold": [d for task in gold.get(path.name, {}).get("tasks", []) for d in task["depts"]],
            "extracted": [r.department for s in doc.walk() for r in s.responsibilities]
            + [r.department for r in doc.standing],
        }
        line = [f"{path.stem} ({plan.level or '?'} {plan.place or ''})".replace(" )", ")")]
        for which, units in names.items():
            hit = 0
            for name in units:
                reading = read_department(name, plan=plan)
                readings[f"{path.stem}: {name}"] = reading
                if reading.functions:
                    hit += 1
                else:
                    unmatched[which][(name, reading.reason or "")] += 1
            totals[which]["mentions"] += len(units)
            totals[which]["with function"] += hit
            line.append(f"{which} {hit}/{len(units)}")
        print(": ".join([line[0], ", ".join(line[1:])]))
    seconds = time.perf_counter() - start
    for which, t in totals.items():
        n, hit = t["mentions"], t["with function"]
        print(f"total {which}: {hit}/{n} mentions with a function ({_pct(hit, n)})")
    print(f"read in {seconds:.2f} s (extraction included)")
    print("\nunits without a function (gold mentions):")
    for (name, reason), count in sorted(unmatched["gold"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:3d}  {name}  ({reason})")
    if args.verbose:
        print("\nreadings:")
        for key, r in sorted(readings.items()):
            print(
                f"  {key}: {r.kind} functions={','.join(r.functions) or '-'} "
                f"levels={','.join(r.levels) or '-'} ({r.level_source}) en={r.label_en}"
            )


if __name__ == "__main__":
    main()
