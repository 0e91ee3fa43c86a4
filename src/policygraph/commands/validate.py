"""``policygraph validate FILE...``: SHACL and source-text checks, for people and for CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._inputs import add_graph_files, add_lang, add_output

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from ..validation import ValidationReport, ValidationResult

HELP = "check that plan graphs are complete and consistent (SHACL and source quotes)"

DESCRIPTION = """\
Validate plan graphs against the bundled SHACL shapes (or --shapes) and check that each
quoted span equals its source text. The files are read into one graph; with --store DIR the
plans are those of an Oxigraph store folder (one made by `policygraph corpus build`, or by
`policygraph query --store`), validated on the store itself, set at a time: pySHACL's
findings at a thousand plans in minutes, with little memory. Source texts are
looked for next to each file, in its sources/ folder, in --sources folders and in the
bundled data/sources; a text that cannot be found is reported as a note, not an error.
Only a plain pg:fileName is looked up, only inside those folders, and a text is read only
when its SHA-256 equals the graph's pg:sha256: a graph cannot make validate quote any file.

Entities without an English label (a graph built without curation) are one finding;
`policygraph curation init PLAN.txt -o FILE.yaml` writes a curation skeleton, and --all lists
them one by one. --severity chooses what is shown, --fail-on what fails (independently: with
--severity Violation --fail-on warning a run may fail on warnings it does not list; the first
line counts them). --ignore SHAPE leaves a shape's results out of both.

exit codes:
  0  conforms: no result at or above --fail-on (results of --ignore shapes left out)
  1  does not conform
  2  input error: unreadable or malformed file (the message names file, line and column),
     a graph with no pg:Plan (an empty graph does not pass), invalid shapes, an --ignore
     SHAPE that names no shape, a --store DIR that is not an Oxigraph store

examples:
  policygraph validate data/plan315.ttl
  policygraph validate plans/*.ttl --format junit > validation.xml
  policygraph validate plan.ttl --lang en --fail-on warning
  policygraph validate plan.ttl --fail-on warning --ignore LabelEn
  policygraph validate plans/*.ttl --severity Violation --format junit
  policygraph validate --store corpus.oxigraph --sources data/corpus/texts"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_files(p)
    p.add_argument(
        "--store",
        metavar="DIR",
        help="validate the plans of this Oxigraph store folder (e.g. made by 'policygraph "
        "corpus build') instead of FILE; opened read-only",
    )
    p.add_argument(
        "--shapes",
        metavar="FILE",
        action="append",
        help="SHACL shapes to use instead of the bundled ones (repeatable)",
    )
    p.add_argument(
        "--sources",
        metavar="DIR",
        action="append",
        default=[],
        help="folder holding the source texts named by pg:fileName (repeatable)",
    )
    p.add_argument(
        "--format",
        choices=["text", "json", "junit", "turtle"],
        default="text",
        help="text for people (default), json for tools, junit for CI, turtle for SHACL tools",
    )
    add_lang(p, help="message language")
    p.add_argument(
        "--fail-on",
        choices=["violation", "warning", "info"],
        default="violation",
        help="least severe result that fails (default: violation)",
    )
    p.add_argument(
        "--severity",
        choices=["Violation", "Warning", "Info"],
        type=_severity,
        default="Info",
        help="show only findings at or above this severity (default: Info, all); "
        "the exit code still follows --fail-on",
    )
    p.add_argument(
        "--ignore",
        metavar="SHAPE",
        action="append",
        default=[],
        help="leave out the results of this shape, by local name (LabelEn) or IRI; they "
        "neither show nor fail (repeatable)",
    )
    p.add_argument(
        "--all",
        action="store_true",
        dest="every",
        help="list each entity without an English label instead of one summary",
    )
    p.add_argument(
        "--no-source-check", action="store_true", help="do not compare quotes with source texts"
    )
    p.add_argument(
        "--engine",
        choices=["fast", "pyshacl"],
        default="fast",
        help="fast (default): pySHACL's findings, linear in plans (files: each plan apart and "
        "in parallel; --store: set at a time on the store); pyshacl: one pySHACL run on the "
        "whole graph, the reference",
    )
    add_output(p, help="write the report here, not stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .._shacl_engine import ill_typed_literals_not_logged
    from .._validation_format import render
    from ..errors import InputError
    from ..validation import Severity, validate
    from ._inputs import input_paths, load_inputs, refuse_overwrite

    if args.store is not None and args.files:
        raise InputError("give either FILE... or --store DIR, not both")
    if args.output:
        inputs = [args.store] if args.store is not None else input_paths(args.files)
        refuse_overwrite([args.output], [*inputs, *(args.shapes or [])])
    graph: Any
    if args.store is not None:
        graph = _open_store(args.store)
        if not graph.query(_ASK_PLAN, use_default_graph_as_union=True):
            raise InputError("the store holds no pg:Plan", source=args.store)
    else:
        with ill_typed_literals_not_logged():  # validate reports them, naming value and type
            graph = load_inputs(args.files)
        if not _holds_a_plan(graph):  # an empty graph must not pass a CI gate
            raise InputError("the input holds no pg:Plan", source=" ".join(args.files) or None)
    folders = [*args.sources, *dict.fromkeys(str(Path(f).parent) for f in args.files)]
    levels: dict[str, Severity] = {"violation": "Violation", "warning": "Warning", "info": "Info"}
    fail_on = levels[args.fail_on]
    report = validate(
        graph,
        shapes=args.shapes,
        sources=folders,
        check_sources=not args.no_source_check,
        fail_on=fail_on,
        ignore=args.ignore,
        engine=args.engine,
    )
    report = _name_sources_flag(report)
    files = [args.store] if args.store is not None else args.files or ["data/plan315.ttl"]
    text = render(
        report,
        format=args.format,
        lang=args.lang,
        files=files,
        every=args.every,
        severity=args.severity,
    )
    if args.output:
        from .._atomic import atomic_path
        from ..errors import InputError

        try:
            with atomic_path(args.output) as tmp:
                tmp.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror}", source=args.output) from exc
    else:
        sys.stdout.write(text)
    return 0 if report.conforms else 1


#: the end of the note on a source text not found, naming the option that gives its folder
_SOURCES_HINT = {"zh": "（可用 --sources 指定原文所在目录）", "en": " (--sources names its folder)"}


def _name_sources_flag(report: ValidationReport) -> ValidationReport:
    """The report with each note on a source text not found naming ``--sources``."""
    from dataclasses import replace

    from .._sourcetext import NOT_FOUND_HINT, SOURCE_NOT_FOUND

    def reworded(result: ValidationResult) -> ValidationResult:
        if result.source_shape != str(SOURCE_NOT_FOUND):
            return result
        zh, en = result.message_zh, result.message_en
        return replace(
            result,
            message_zh=zh.replace(NOT_FOUND_HINT["zh"], _SOURCES_HINT["zh"]),
            message_en=en.replace(NOT_FOUND_HINT["en"], _SOURCES_HINT["en"]),
        )

    return replace(
        report,
        results=tuple(reworded(r) for r in report.results),
        summarised=tuple(reworded(r) for r in report.summarised),
    )


_ASK_PLAN = "ASK { ?plan a <https://w3id.org/policygraph/def#Plan> }"


def _open_store(folder: str) -> Any:
    """Open an existing Oxigraph store read-only; a folder that is not one is an input error."""
    import pyoxigraph as ox

    from ..errors import InputError

    path = Path(folder)
    if not path.is_dir():
        raise InputError("not a folder: --store needs an Oxigraph store's folder", source=folder)
    if not (path / "CURRENT").is_file():
        raise InputError(
            "not an Oxigraph store (no database in the folder); build one with "
            "'policygraph corpus build TEXTS --store DIR'",
            source=folder,
        )
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot open the Oxigraph store: {first}", source=folder) from exc


def _severity(text: str) -> str:
    """Accept a severity in any case (``warning``, ``Warning``), as --fail-on does."""
    return text.capitalize()


def _holds_a_plan(graph: Graph) -> bool:
    from rdflib import RDF

    from ..vocab import PG

    return (None, RDF.type, PG.Plan) in graph
