"""Checks SHACL cannot make: does each quoted span equal the source text at its offsets.

The source text of a plan is reachable from the graph (``pg:source`` → ``pg:fileName``). The
checks run beside SHACL and write their findings into the same SHACL results graph, as
``sh:ValidationResult`` nodes whose ``sh:sourceShape`` names the check (``pgsh:SourceText…``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .resources import resource_path
from .vocab import OA, PG

__all__ = [
    "SHAPES_NS",
    "SOURCE_CHECKSUM",
    "SOURCE_NOT_FOUND",
    "SOURCE_QUOTE",
    "SOURCE_SPAN",
    "Sources",
    "add_source_text_results",
]

#: namespace of the named shapes and checks (``pgsh:``)
SHAPES_NS = "https://w3id.org/policygraph/shapes#"
SOURCE_NOT_FOUND = URIRef(SHAPES_NS + "SourceTextFound")
SOURCE_CHECKSUM = URIRef(SHAPES_NS + "SourceTextChecksum")
SOURCE_SPAN = URIRef(SHAPES_NS + "SourceTextSpan")
SOURCE_QUOTE = URIRef(SHAPES_NS + "SourceTextQuote")

#: where source texts come from: ``{source IRI or file name: text}``, a directory, or directories
Sources = Mapping[str, str] | str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


@dataclass(frozen=True)
class _Text:
    text: str
    sha256: str
    origin: str


def _directories(sources: Sources | None) -> list[Path]:
    if sources is None or isinstance(sources, Mapping):
        return []
    if isinstance(sources, str | os.PathLike):
        return [Path(sources)]
    return [Path(s) for s in sources]


def _find_text(
    source: Node, file_name: str | None, sources: Sources | None, extra_dirs: Iterable[Path]
) -> _Text | None:
    """Return the text of ``source``: given text first, then directories, then bundled data."""
    if isinstance(sources, Mapping):
        for key in (str(source), file_name):
            if key is not None and key in sources:
                text = sources[key]
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                return _Text(text, digest, key)
    if file_name is None:
        return None
    name = Path(file_name).name  # never leave the directories we were given
    folders = [*_directories(sources), *extra_dirs]
    candidates = [c for d in folders for c in (d / name, d / "sources" / name)]
    candidates.append(resource_path("data", "sources", name))
    for path in candidates:
        if path.is_file():
            try:
                data = path.read_bytes()
                text = data.decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            return _Text(text, hashlib.sha256(data).hexdigest(), str(path))
    return None


def _result(
    report: Graph,
    focus: Node,
    *,
    shape: URIRef,
    severity: URIRef,
    path: Sequence[URIRef],
    value: Node | None,
    zh: str,
    en: str,
) -> None:
    node = BNode()
    report.add((node, RDF.type, SH.ValidationResult))
    report.add((node, SH.focusNode, focus))
    report.add((node, SH.resultSeverity, severity))
    report.add((node, SH.sourceShape, shape))
    report.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
    if len(path) == 1:
        report.add((node, SH.resultPath, path[0]))
    else:
        head = BNode()
        Collection(report, head, list(path))
        report.add((node, SH.resultPath, head))
    if value is not None:
        report.add((node, SH.value, value))
    report.add((node, SH.resultMessage, Literal(zh, lang="zh")))
    report.add((node, SH.resultMessage, Literal(en, lang="en")))


def _int(graph: Graph, subject: Node, predicate: URIRef) -> int | None:
    values = list(graph.objects(subject, predicate))
    if len(values) != 1 or not isinstance(values[0], Literal):
        return None
    value = values[0].toPython()
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def add_source_text_results(
    data: Graph,
    report: Graph,
    /,
    *,
    sources: Sources | None = None,
    search_dirs: Iterable[Path] = (),
) -> int:
    """Check every quote against its source text; add findings to ``report``.

    Parameters
    ----------
    data : rdflib.Graph
        The plan graph.
    report : rdflib.Graph
        A SHACL results graph; findings are added as ``sh:ValidationResult`` nodes.
    sources : mapping, path-like or sequence of path-like, optional
        ``{source IRI or file name: text}``, or directories that hold the source files
        (each directory and its ``sources/`` sub-directory are searched).
    search_dirs : iterable of Path
        More directories to search, such as the folder of the graph file.

    Returns
    -------
    int
        The number of results added.
    """
    added = 0
    extra = list(search_dirs)
    documents = set(data.subjects(RDF.type, PG.SourceDocument)) | set(
        data.objects(None, OA.hasSource)
    )
    for document in sorted(documents, key=str):
        names = [str(n) for n in data.objects(document, PG.fileName)]
        file_name = names[0] if len(names) == 1 else None
        found = _find_text(document, file_name, sources, extra)
        if found is None:
            _result(
                report,
                document,
                shape=SOURCE_NOT_FOUND,
                severity=SH.Info,
                path=[PG.fileName],
                value=Literal(file_name) if file_name else None,
                zh="未找到，引文未核对（可用 --sources 指定原文所在目录）",
                en="was not found, so its quotes were not checked (--sources names its folder)",
            )
            added += 1
            continue
        recorded = [str(v) for v in data.objects(document, PG.sha256)]
        if len(recorded) == 1 and recorded[0] != found.sha256:
            _result(
                report,
                document,
                shape=SOURCE_CHECKSUM,
                severity=SH.Violation,
                path=[PG.sha256],
                value=Literal(recorded[0]),
                zh=f"的 SHA-256 与 {found.origin} 不符（图中 {recorded[0][:12]}…，"
                f"文件 {found.sha256[:12]}…）",
                en=f"has a SHA-256 that differs from {found.origin} "
                f"(graph {recorded[0][:12]}…, file {found.sha256[:12]}…)",
            )
            added += 1
        added += _check_quotes(data, report, document, found)
    return added


def _check_quotes(data: Graph, report: Graph, document: Node, found: _Text) -> int:
    added = 0
    text = found.text
    for evidence in sorted(set(data.subjects(OA.hasSource, document)), key=str):
        owners = sorted(data.subjects(PG.evidence, evidence), key=str)
        focus = owners[0] if owners else evidence
        selectors = list(data.objects(evidence, OA.hasSelector))
        spans = [(_int(data, s, OA.start), _int(data, s, OA.end)) for s in selectors]
        spans = [span for span in spans if span != (None, None)]
        quotes = [str(q) for s in selectors for q in data.objects(s, OA.exact)]
        if len(spans) != 1 or len(quotes) > 1:
            continue  # the SHACL shapes report missing or repeated spans and quotes
        (start, end), exact = spans[0], (quotes[0] if quotes else None)
        if start is None or end is None or start >= end:
            continue  # the SHACL shapes report missing or reversed spans
        path = [PG.evidence, OA.hasSelector, OA.end]
        if end > len(text):
            _result(
                report,
                focus,
                shape=SOURCE_SPAN,
                severity=SH.Violation,
                path=path,
                value=Literal(end),
                zh=f"的出处第{start}–{end}字超出原文长度（{len(text)} 字）",
                en=f"has a source span {start}–{end} beyond the end of the text "
                f"({len(text)} characters)",
            )
            added += 1
            continue
        actual = text[start:end]
        if exact is not None and actual != exact:
            _result(
                report,
                focus,
                shape=SOURCE_QUOTE,
                severity=SH.Violation,
                path=[PG.evidence, OA.hasSelector, OA.exact],
                value=Literal(exact),
                zh=f"的引文与原文第{start}–{end}字不符：原文为「{_clip(actual)}」",
                en=f"has a quote that differs from the source text at chars {start}–{end}, "
                f"which reads 「{_clip(actual)}」",
            )
            added += 1
    return added


def _clip(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
