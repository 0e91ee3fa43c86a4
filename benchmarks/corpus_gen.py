"""A synthetic corpus for benchmarks: N disjoint copies of ``data/plan315.ttl``.

Copy ``k`` rewrites every plan IRI (``…/id/plan/jiaxing-315`` → ``…/id/plan/jiaxing-315-k``) and,
with ``own_government=True`` (the default), every department and government IRI too
(``…/id/department/jiaxing/…`` → ``…/id/department/jiaxing-k/…``), so each copy has its own
jurisdiction and departments, as plans of different governments do. Shared vocabularies (units,
functions, platforms, indicators) stay shared. The copies are written as N-Triples lines, one
file per copy or one file for all.

Run: python benchmarks/corpus_gen.py N OUT_DIR [--shared-departments] [--one-file]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from policygraph.resources import PLAN315_TTL, resource_path

ID = "https://w3id.org/policygraph/id/"
PLAN = ID + "plan/jiaxing-315"


def base_lines() -> list[str]:
    """The plan graph as N-Triples lines (parsed and written once by pyoxigraph)."""
    import pyoxigraph as ox

    path = resource_path(*PLAN315_TTL)
    triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    return [f"{t} .\n" for t in triples]


def copy_lines(lines: list[str], k: int, *, own_government: bool = True) -> Iterator[str]:
    """Copy ``k`` of the plan: its IRIs (and, optionally, its government's) rewritten."""
    plan = f"{PLAN}-{k}"
    for line in lines:
        line = line.replace(PLAN + "/", plan + "/").replace(PLAN + ">", plan + ">")
        if own_government:
            line = line.replace(ID + "department/jiaxing/", f"{ID}department/jiaxing-{k}/")
            line = line.replace(ID + "government/jiaxing", f"{ID}government/jiaxing-{k}")
        yield line


def write_corpus(
    n: int, out: str | Path, *, own_government: bool = True, one_file: bool = False
) -> list[Path]:
    """Write ``n`` copies under ``out``; return the files written (``plan-0000.nt``…)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    lines = base_lines()
    if one_file:
        path = out / f"corpus-{n}.nt"
        with path.open("w", encoding="utf-8") as f:
            for k in range(n):
                f.writelines(copy_lines(lines, k, own_government=own_government))
        return [path]
    paths = []
    for k in range(n):
        path = out / f"plan-{k:04d}.nt"
        path.write_text("".join(copy_lines(lines, k, own_government=own_government)), "utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of copies")
    parser.add_argument("out", help="output folder")
    parser.add_argument(
        "--shared-departments",
        action="store_true",
        help="keep the Jiaxing departments and government shared by every copy",
    )
    parser.add_argument("--one-file", action="store_true", help="write all copies to one file")
    args = parser.parse_args()
    paths = write_corpus(
        args.n, args.out, own_government=not args.shared_departments, one_file=args.one_file
    )
    print(f"{len(paths)} file(s) written to {args.out}")


if __name__ == "__main__":
    main()
