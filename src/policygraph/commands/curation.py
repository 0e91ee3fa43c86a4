"""``policygraph curation init|schema``: a curation skeleton to fill in; the format's schema."""

from __future__ import annotations

import argparse

from ._inputs import add_output

HELP = "write a curation skeleton (English labels and ids to fill in) for a plan text"

DESCRIPTION = """\
curation init reads a plan (any file build reads) and writes a curation file (YAML, see
docs/curation.md) that lists every entity to label or name: the plan and its issuer, the
departments of its responsibility clauses, its parts, platforms, schemes and indicators.
Known values are filled in (a department's generated English, a platform's type); the rest
is null, which changes nothing until you fill it in, so the file applies as it is:

  policygraph build PLAN.txt --curation FILE.yaml -o plan.ttl

Give build the same --encoding, if any, as curation init.

The file is written atomically. An existing file is not replaced without --force (it may hold
your work), and the plan text is never written over.

exit codes:
  0  written
  2  usage or input error: unreadable plan text, FILE exists (without --force) or is the input

examples:
  policygraph curation init plans/ningbo.txt -o curation/ningbo.yaml"""


SCHEMA_HELP = "print or write the JSON Schema of curation files (for editors and validators)"

SCHEMA_DESCRIPTION = """\
curation schema prints the JSON Schema (draft-07) of curation files, generated from the
models policygraph checks them with, or writes it to FILE (atomically). An editor with the YAML
language server checks a curation file as you type when its first line names the schema:

  # yaml-language-server: $schema=curation.schema.json

The schema checks keys, types, ids and values; that each entry matches the plan is checked
when the curation is applied (policygraph build --curation).

exit codes:
  0  printed or written
  2  usage or input error: FILE cannot be written

examples:
  policygraph curation schema -o curation/curation.schema.json"""


def _action(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    return actions.add_parser(
        name,
        help=summary,
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _write(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically; an error is an InputError naming ``path``."""
    from .._atomic import atomic_path
    from ..errors import InputError

    try:
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", source=path) from exc


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "curation",
        help="curation files: init writes a skeleton to fill in; schema gives the format",
        description="Curation files: English labels, ids and corrections (docs/curation.md).",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = _action(actions, "init", HELP, DESCRIPTION)
    init.add_argument(
        "source", metavar="PLAN", help="the plan file (.txt, .html, .htm, .docx, .pdf), as build"
    )
    init.add_argument(
        "--encoding",
        metavar="NAME",
        help="encoding of a text or web-page plan (e.g. gbk, big5, utf-16); default: detected",
    )
    add_output(init, required=True, help="the curation file to write (YAML)")
    init.add_argument("--force", action="store_true", help="replace FILE if it exists")
    init.set_defaults(func=run_init)
    schema = _action(actions, "schema", SCHEMA_HELP, SCHEMA_DESCRIPTION)
    add_output(schema, help="write the schema to FILE instead of printing it")
    schema.set_defaults(func=run_schema)


def run_init(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..curation import curation_skeleton, missing_english
    from ..errors import InputError
    from ..pipeline import build_document
    from ._inputs import refuse_overwrite

    refuse_overwrite([args.output], [args.source])
    if Path(args.output).exists() and not args.force:
        raise InputError("exists; --force replaces it", source=args.output)
    doc = build_document(args.source, encoding=args.encoding)
    _write(args.output, curation_skeleton(doc))
    gaps = len([m for m in missing_english(doc) if not m.startswith("unit ")])
    print(f"wrote {args.output}: {gaps} entries to fill in (null)")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    import sys

    from ..curation.schema import curation_json_schema_text

    text = curation_json_schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    _write(args.output, text)
    print(f"wrote {args.output}")
    return 0
