"""Checks SHACL cannot make: does each quoted span equal the source text at its offsets.

The source text of a plan is reachable from the graph (``pg:source`` → ``pg:fileName``). The
checks run beside SHACL and write their findings into the same SHACL results graph, as
``sh:ValidationResult`` nodes whose ``sh:sourceShape`` names the check (``pgsh:SourceText…``).

A graph is untrusted input, so the file it names is looked up with care: only a plain file
name (no folder, no ``..``), only in the folders given (each folder and its ``sources/``
sub-folder, the bundled ``data/sources`` last), never through a symbolic link that leads out
of that folder, and its text is read only when its SHA-256 equals the graph's ``pg:sha256``.
Otherwise the result says so and quotes nothing from the file: a graph cannot make
``policygraph validate`` print excerpts of a file it was not built from.
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

from ._display import clip
from .resources import resource_path
from .vocab import OA, PG

__all__ = [
    "NOT_FOUND_HINT",
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


def _given_text(source: Node, file_name: str | None, sources: Sources | None) -> _Text | None:
    """The text the caller handed over in memory (``{source IRI or file name: text}``)."""
    if isinstance(sources, Mapping):
        for key in (str(source), file_name):
            if key is not None and key in sources:
                text = sources[key]
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                return _Text(text, digest, key)
    return None


def _plain_name(file_name: str) -> bool:
    """Whether ``file_name`` is a bare file name: no folder, no ``..``, nothing absolute.

    Examples
    --------
    >>> [_plain_name(n) for n in ("plan.txt", "../plan.txt", "/etc/passwd", "..", "sub/plan.txt")]
    [True, False, False, False, False]
    """
    return (
        file_name not in ("", ".", "..")
        and not any(c in file_name for c in "/\\\0")
        and Path(file_name).name == file_name
    )


def _locate(file_name: str, folders: Iterable[Path]) -> Path | None:
    """The first regular file ``file_name`` in a folder or its ``sources/``, inside the folder."""
    for folder in folders:
        try:
            root = folder.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        for candidate in (folder / file_name, folder / "sources" / file_name):
            try:
                real = candidate.resolve(strict=True)
            except (OSError, RuntimeError):  # missing, a dangling or looping link
                continue
            if real.is_relative_to(root) and real.is_file():
                return candidate
    return None


def _file_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
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
    folders = [*_directories(sources), *search_dirs, resource_path("data", "sources")]
    documents = set(data.subjects(RDF.type, PG.SourceDocument)) | set(
        data.objects(None, OA.hasSource)
    )
    for document in sorted(documents, key=str):
        names = [str(n) for n in data.objects(document, PG.fileName)]
        file_name = names[0] if len(names) == 1 else None
        recorded = [str(v) for v in data.objects(document, PG.sha256)]
        expected = recorded[0] if len(recorded) == 1 else None
        given = _given_text(document, file_name, sources)
        if given is not None:  # handed over by the caller: check it whatever its checksum
            if expected is not None and expected != given.sha256:
                _checksum_result(report, document, expected, given.origin, given.sha256)
                added += 1
            added += _check_quotes(data, report, document, given)
            continue
        path = None
        if file_name is not None and _plain_name(file_name):
            path = _locate(file_name, folders)
        if path is None:
            _not_read(report, document, file_name)
            added += 1
            continue
        # read once: the bytes hashed are the bytes quoted (no swap between check and use)
        data_bytes = _file_bytes(path) if expected is not None else None
        if expected is None or data_bytes is None:
            _result(
                report,
                document,
                shape=SOURCE_NOT_FOUND,
                severity=SH.Info,
                path=[PG.sha256],
                value=None,
                zh=f"没有唯一的 SHA-256（pg:sha256）或 {path} 无法读取，引文未核对",
                en=f"has no single SHA-256 (pg:sha256) to compare {path} with, or the file "
                "cannot be read, so its quotes were not checked",
            )
            added += 1
            continue
        digest = hashlib.sha256(data_bytes).hexdigest()
        if digest != expected:
            _checksum_result(report, document, expected, str(path), None)
            added += 1
            continue
        try:
            text = data_bytes.decode("utf-8")
        except UnicodeDecodeError:
            continue  # hashed as the graph says, yet not UTF-8: nothing is quoted from it
        added += _check_quotes(data, report, document, _Text(text, digest, str(path)))
    return added


#: the end of the note on a source text not found, by language: what to do, naming no option
NOT_FOUND_HINT = {
    "zh": "（请指定原文所在目录）",
    "en": " (give the folder of the source texts)",
}


def _not_read(report: Graph, document: Node, file_name: str | None) -> None:
    """Note a source text that was not found, or not looked for because its name is a path."""
    if file_name is not None and not _plain_name(file_name):
        zh = "不是单纯的文件名（含目录或“..”），未读取，引文未核对"
        en = "is named by a path, not a plain file name, so it was not read and its quotes "
        en += "were not checked"
    else:
        zh = "未找到，引文未核对" + NOT_FOUND_HINT["zh"]
        en = "was not found, so its quotes were not checked" + NOT_FOUND_HINT["en"]
    _result(
        report,
        document,
        shape=SOURCE_NOT_FOUND,
        severity=SH.Info,
        path=[PG.fileName],
        value=Literal(file_name) if file_name else None,
        zh=zh,
        en=en,
    )


def _checksum_result(
    report: Graph, document: Node, expected: str, origin: str, shown: str | None
) -> None:
    """A text whose SHA-256 differs from the graph's; ``shown`` is its digest, if it may be shown.

    The digest of a file the graph names is never shown (it would confirm a guess of the
    file's content); the digest of a text the caller handed over is.
    """
    file_zh = f"，文件 {shown[:12]}…" if shown else ""
    file_en = f", file {shown[:12]}…" if shown else ""
    _result(
        report,
        document,
        shape=SOURCE_CHECKSUM,
        severity=SH.Violation,
        path=[PG.sha256],
        value=Literal(expected),
        zh=f"的 SHA-256 与 {origin} 不符（图中 {expected[:12]}…{file_zh}）"
        + ("" if shown else "，引文未核对"),
        en=f"has a SHA-256 that differs from {origin} (graph {expected[:12]}…{file_en})"
        + ("" if shown else "; its quotes were not checked"),
    )


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
                zh=f"的引文与原文第{start}–{end}字不符：原文为「{clip(actual, 60)}」",
                en=f"has a quote that differs from the source text at chars {start}–{end}, "
                f"which reads 「{clip(actual, 60)}」",
            )
            added += 1
    return added
