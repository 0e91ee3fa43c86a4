"""How many department mentions of real plans get a function from the function scheme.

Reads every unit of every responsibility clause of ``data/corpus`` (22 real plans; or any
folder laid out the same way) with ``policygraph.departments.read_department``, in the context
of its plan (``plan_jurisdiction``), counting each mention. Two counts: the gold units
(``gold.json``, the units as a reader listed them) and the units the extractor finds. Prints the
coverage per plan and in total, the coverage by kind of unit (a government body, a collective,
a unit that is not a government body), then every gold unit without a function, grouped by the
reason it has none; ``-v`` also prints each unit's reading.

``--save FILE`` writes the figures and the unclassified units as JSON; ``--compare FILE`` prints
them beside a saved run (before → after) and the units that gained or lost a function.

Run:  python benchmarks/bench_functions.py [--root DIR] [--save FILE] [--compare FILE] [-v]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from policygraph.departments import DepartmentReading, plan_jurisdiction, read_department
from policygraph.extraction import extract_file

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _pct(n: int, d: int) -> str:
    return f"{n / d:.1%}" if d else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", type=Path, default=CORPUS, help="corpus folder (texts/, gold.json)")
    ap.add_argument("--save", type=Path, help="write the figures and the list as JSON")
    ap.add_argument("--compare", type=Path, help="a JSON file written by --save: before → after")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every unit's reading")
    args = ap.parse_args()
    gold = json.loads((args.root / "gold.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    totals = {"gold": Counter[str](), "extracted": Counter[str]()}
    kinds: Counter[tuple[str, bool]] = Counter()
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
        line = [f"{path.stem} ({plan.level or '?'} {plan.place_en or plan.place or ''})"]
        for which, units in names.items():
            hit = 0
            for name in units:
                reading = read_department(name, plan=plan)
                readings[f"{path.stem}: {name}"] = reading
                if which == "gold":
                    kinds[(reading.kind, bool(reading.functions))] += 1
                if reading.functions:
                    hit += 1
                else:
                    unmatched[which][(name, reading.reason or "")] += 1
            totals[which]["mentions"] += len(units)
            totals[which]["with function"] += hit
            line.append(f"{which} {hit}/{len(units)}")
        print(": ".join([line[0].replace(" )", ")"), ", ".join(line[1:])]))
    seconds = time.perf_counter() - start
    figures: dict[str, list[int]] = {}
    for which, t in totals.items():
        n, hit = t["mentions"], t["with function"]
        figures[which] = [hit, n]
        print(f"total {which}: {hit}/{n} mentions with a function ({_pct(hit, n)})")
    print(f"read in {seconds:.2f} s (extraction included)")
    print("\ngold mentions by kind of unit (with a function / all):")
    for kind in ("department", "collective", "non-government", "unread"):
        hit, n = kinds[(kind, True)], kinds[(kind, True)] + kinds[(kind, False)]
        figures[f"kind {kind}"] = [hit, n]
        print(f"  {kind:15s} {hit:5d}/{n:<5d} ({_pct(hit, n)})")
    government = sum(kinds[(k, f)] for k in ("department", "collective", "unread") for f in (0, 1))
    hit = sum(kinds[(k, True)] for k in ("department", "collective", "unread"))
    figures["government bodies"] = [hit, government]
    share = _pct(hit, government)
    print(f"  government bodies and their collectives: {hit}/{government} ({share})")
    by_reason: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (name, reason), count in unmatched["gold"].items():
        by_reason[reason].append((name, count))
    print("\ngold units without a function, by reason:")
    for reason, units in sorted(by_reason.items(), key=lambda kv: -sum(c for _, c in kv[1])):
        print(f"  {reason}: {sum(c for _, c in units)} mentions, {len(units)} units")
        for name, count in sorted(units, key=lambda u: (-u[1], u[0])):
            print(f"    {count:3d}  {name}")
    listed = {f"{name}\t{reason}": count for (name, reason), count in unmatched["gold"].items()}
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        print("\nbefore → after:")
        for key, (hit, n) in figures.items():
            if key in before["figures"]:
                b_hit, b_n = before["figures"][key]
                print(f"  {key}: {b_hit}/{b_n} ({_pct(b_hit, b_n)}) → {hit}/{n} ({_pct(hit, n)})")
        names_before = {k.split("\t")[0]: v for k, v in before["unclassified"].items()}
        names_after = {k.split("\t")[0]: v for k, v in listed.items()}
        for name in sorted(set(names_before) - set(names_after)):
            print(f"  + {names_before[name]:3d}  {name}  (now has a function)")
        for name in sorted(set(names_after) - set(names_before)):
            print(f"  - {names_after[name]:3d}  {name}  (lost its function)")
    if args.save:
        data = {"figures": figures, "unclassified": listed}
        args.save.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.verbose:
        print("\nreadings:")
        for key, r in sorted(readings.items()):
            print(
                f"  {key}: {r.kind} functions={','.join(r.functions) or '-'} "
                f"levels={','.join(r.levels) or '-'} ({r.level_source}) en={r.label_en}"
            )


if __name__ == "__main__":
    main()
