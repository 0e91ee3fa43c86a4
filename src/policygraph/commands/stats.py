"""``policygraph stats [FILE...]``: counts of the parts and facts of each plan in a graph."""

from __future__ import annotations

import argparse
import json

from ._inputs import add_graph_files, load_inputs

HELP = "count actions, tasks, targets, departments... of each plan"
_DESCRIPTION = (
    HELP + " (default: the bundled plan). Each plan's triples are its own: the triples about "
    "the plan, its parts and facts, and what they name, also when several plans are given."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help=HELP, description=_DESCRIPTION)
    add_graph_files(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .._display import pad, short_iri
    from ..summary import count_entities, summarize

    graph = load_inputs(args.files)
    plans = summarize(graph)
    if args.json:
        rows = [{"plan": p.iri, "title": p.title_zh, **p.counts} for p in plans]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not plans:
        print(f"no pg:Plan in the input ({count_entities(graph)['triples']} triples)")
        return 0
    for p in plans:
        print(f"plan {short_iri(p.iri)}")
        print(f"  {pad('title', 18)} {p.title_zh}")
        for name, n in p.counts.items():
            print(f"  {pad(name, 18)} {n}")
    return 0
