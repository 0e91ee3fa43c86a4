"""``policygraph validate FILE...``: SHACL and source-text checks, for people and for CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ._inputs import add_graph_files, add_lang, add_output

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from ..validation import ValidationReport, ValidationResult

HELP = "check that plan graphs are complete and consistent (SHACL and source quotes)"

DESCRIPTION = """\
Validate plan graphs against the bundled SHACL shapes (or --shapes) and check that each
quoted span equals its source text. The files are read into one graph. Source texts are
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
     SHAPE that names no shape

examples:
  policygraph validate data/plan315.ttl
  policygraph validate plans/*.ttl --format junit > validation.xml
  policygraph validate plan.ttl --lang en --fail-on warning
  policygraph validate plan.ttl --fail-on warning --ignore LabelEn
  policygraph validate plans/*.ttl --severity Violation --format junit"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_files(p)
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
        help="fast (default): pySHACL's findings, each plan apart and in parallel, linear in "
        "plans; pyshacl: one pySHACL run on the whole graph, the reference",
    )
    add_output(p, help="write the report here, not stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .._shacl_engine import ill_typed_literals_not_logged
    from .._validation_format import render
    from ..validation import Severity, validate
    from ._inputs import input_paths, load_inputs, refuse_overwrite

    if args.output:
        refuse_overwrite([args.output], [*input_paths(args.files), *(args.shapes or [])])
    with ill_typed_literals_not_logged():  # validate reports them, naming value and type
        graph = load_inputs(args.files)
    if not _holds_a_plan(graph):  # an empty graph must not pass a CI gate
        from ..errors import InputError

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
    files = args.files or ["data/plan315.ttl"]
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


def _severity(text: str) -> str:
    """Accept a severity in any case (``warning``, ``Warning``), as --fail-on does."""
    return text.capitalize()


def _holds_a_plan(graph: Graph) -> bool:
    from rdflib import RDF

    from ..vocab import PG

    return (None, RDF.type, PG.Plan) in graph
