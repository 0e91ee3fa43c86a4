"""``policygraph queries``: list the named queries and the questions they answer."""

from __future__ import annotations

import argparse

HELP = "list the named SPARQL queries with their questions and parameters"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("queries", help=HELP, description=HELP)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..sparql import list_queries

    for q in list_queries():
        print(q.name)
        print(f"    {q.question_zh}")
        print(f"    {q.question_en}")
        for p in q.parameters:
            default = "required" if p.required else f"default {p.default}"
            print(f"    --param {p.name}=…  ({p.type}, {default}) {p.description}")
    return 0
