"""``policygraph build SOURCE... [--curation FILE] -o OUT``: texts → graphs, atomically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._inputs import add_output

HELP = "extract a plan text, apply curation, write the RDF graph"

DESCRIPTION = """\
Read a plan, extract its structure, responsibility notes, targets and platforms, apply a
curation file if given (English labels, ids, corrections), and write the graph. The output
is written atomically: an interrupted run leaves the old file intact. Without --curation the
graph has Chinese labels only and derived ids; it is still complete for validation, queries
and network analysis.

A plan is read from a text in any common Chinese encoding (UTF-8 with or without BOM,
GB18030/GBK, Big5, UTF-16; detected, or named with --encoding), a web page saved from a
government site (.html/.htm: its article, one paragraph a line), a Word document (.docx:
paragraphs, and table rows as "cell | cell") or a PDF with a text layer (a scanned PDF is
refused: run OCR first). Spans point into the plan's text; when the input is not already a
UTF-8 text, that normalised text is written beside the graph (OUT.txt next to OUT.ttl) and
the graph records both files' names and SHA-256, so `policygraph validate` finds the text and
a quote can be traced to the download.

Several plans, or a folder of plans (*.txt, *.html, *.htm, *.docx, *.pdf), are built one
graph each into the folder -o names (SOURCE-NAME.ttl), with progress on stderr; a plan that
cannot be read is reported and skipped, the others are still written, and the exit code is
then 2.

--explain prints, for every task, the note that closes it and the units read from it, and
for every target the words read and the value, unit, comparator and deadline: what you need
to trust the result or to write a curation file.

examples:
  policygraph build data/sources/jiaxing-315-plan.txt \\
      --curation data/curation/jiaxing-315.yaml -o data/plan315.ttl
  policygraph build plans/ -o graphs/
  policygraph build plan.pdf -o plan.ttl          # also writes plan.txt
  policygraph build plan-gbk.txt --encoding gbk -o plan.ttl
  policygraph build plan.txt -o plan.ttl --explain"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "build",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="plan files (.txt, .html, .htm, .docx, .pdf), or folders of them",
    )
    p.add_argument("--curation", metavar="FILE", help="curation file (YAML); one plan only")
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="encoding of text and web-page inputs (e.g. gbk, big5, utf-16); default: detected",
    )
    add_output(
        p,
        metavar="OUT",
        required=True,
        help="graph file to write; a folder when several texts are built",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="print how each task's note and each target were read",
    )
    p.add_argument(
        "--format",
        default="turtle",
        choices=["turtle", "nt", "xml", "json-ld", "longturtle"],
        help="serialization (default: turtle)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    p.set_defaults(func=run)


def _shown(path: str) -> str:
    """A path as it should appear in the generated header: never an absolute machine path."""
    from .._surrogates import printable

    return printable(Path(path).name if Path(path).is_absolute() else Path(path).as_posix())


_SUFFIX = {"turtle": ".ttl", "longturtle": ".ttl", "nt": ".nt", "xml": ".rdf", "json-ld": ".jsonld"}


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..readers import plan_files
    from ._inputs import refuse_overwrite

    texts = plan_files(args.sources)
    several = len(texts) > 1 or Path(args.sources[0]).is_dir()
    if not several:
        inputs = [texts[0], *([args.curation] if args.curation else [])]
        refuse_overwrite([args.output], inputs)
        _build_one(args, str(texts[0]), args.output, inputs)
        return 0
    if args.curation:
        raise InputError("--curation applies to one plan text; build the texts one by one")
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("with several texts, -o must name a folder", source=args.output)
    outputs = _outputs(texts, out_dir, args.format)
    refuse_overwrite(outputs, texts)
    out_dir.mkdir(parents=True, exist_ok=True)
    return _build_many(args, texts, outputs, out_dir)


def _outputs(texts: list[Path], out_dir: Path, format: str) -> list[Path]:
    """The graph file of each text in ``out_dir``: its name, with the format's suffix."""
    names = [t.stem for t in texts]
    # two texts with one stem (a/plan.txt, b/plan.txt) keep their folder in the name, and
    # two files of one folder (plan.pdf, plan.docx) their format
    stems = [t.stem if names.count(t.stem) == 1 else f"{t.parent.name}-{t.stem}" for t in texts]
    stems = [
        s if stems.count(s) == 1 else f"{s}-{t.suffix.lstrip('.').lower()}"
        for s, t in zip(stems, texts, strict=True)
    ]
    return [out_dir / f"{stem}{_SUFFIX[format]}" for stem in stems]


def _build_many(
    args: argparse.Namespace, texts: list[Path], outputs: list[Path], out_dir: Path
) -> int:
    from ..errors import PolicyGraphError

    failed = 0
    for n, (text, output) in enumerate(zip(texts, outputs, strict=True), start=1):
        print(f"policygraph build: [{n}/{len(texts)}] {text}", file=sys.stderr)
        try:
            _build_one(args, str(text), str(output), texts)
        except PolicyGraphError as exc:
            failed += 1
            print(f"policygraph build: error: {exc} (skipped)", file=sys.stderr)
    built = len(texts) - failed
    print(f"built {built} of {len(texts)} plan texts into {out_dir}")
    return 2 if failed else 0


def _save_text(text: str, path: Path) -> None:
    """Write the normalised plan text atomically, in UTF-8, exactly as the spans index it."""
    from .._atomic import atomic_path
    from ..errors import InputError

    if not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise InputError("the folder to write into does not exist", source=str(path))
    try:
        with atomic_path(path) as tmp:
            tmp.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from exc


def _build_one(
    args: argparse.Namespace, source: str, output: str, inputs: list[Path] | list[str | Path]
) -> None:
    from .. import __version__
    from ..pipeline import build_document
    from ..rdf import plan_triples, save_graph
    from ..summary import count_triples
    from ._inputs import refuse_overwrite

    doc = build_document(source, curation=args.curation, encoding=args.encoding)
    text_file = None
    if doc.original_name is not None:
        # the spans point into the normalised text: it is saved beside the graph, and named
        # in the graph by that name, where ``policygraph validate`` looks for it
        text_file = Path(output).with_suffix(".txt")
        refuse_overwrite([output, text_file], inputs)
        doc.source_name = text_file.name
    # written straight from the triples: no rdflib store is built for a graph only written
    triples = plan_triples(doc)
    command = f"policygraph build {_shown(source)}"
    if args.encoding:
        command += f" --encoding {args.encoding}"
    if args.curation:
        command += f" --curation {_shown(args.curation)}"
    command += f" -o {_shown(output)}"
    header = (
        f"GENERATED FILE - do not edit by hand. Built by policygraph {__version__} from\n"
        f"{_shown(source)} ("
        + (
            "sha256 of the text in pg:sha256)"
            if text_file is None
            else f"sha256 in pg:originalSha256; its text {_shown(str(text_file))} in pg:sha256)"
        )
        + (f" with curation {_shown(args.curation)}" if args.curation else "")
        + f".\nRegenerate with: {command}"
    )
    if text_file is not None:
        _save_text(doc.source, text_file)
    save_graph(triples, output, format=args.format, header=header)
    if args.explain:
        from ..extraction import read_plan
        from ..extraction.explain import explain

        _, readings = read_plan(doc.source, source_name=doc.source_name)
        print("\n".join(explain(doc, readings)))
    elif not args.quiet:
        for warning in doc.warnings:
            print(f"policygraph build: warning: {warning}", file=sys.stderr)
    if not args.quiet and args.curation:
        from ..curation import missing_english

        missing = missing_english(doc)
        if missing:
            print(
                f"policygraph build: warning: {len(missing)} entities lack English labels, "
                f"e.g. {', '.join(missing[:3])}",
                file=sys.stderr,
            )
    counts = count_triples(triples)
    print(
        f"wrote {output}: {counts['triples']} triples, {counts['actions']} actions, "
        f"{counts['tasks']} tasks, {counts['targets']} targets, "
        f"{counts['departments']} departments, {counts['platforms']} platforms"
    )
