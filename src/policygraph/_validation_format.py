"""Render a ``ValidationReport`` as text, JSON, JUnit XML or Turtle (``policygraph validate``).

:func:`result_cells` is the row of one result that the text here and the Markdown table of
``report.md`` (:mod:`policygraph.reporting`) both show.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from itertools import groupby
from typing import Any
from xml.etree import ElementTree as ET

from rdflib import Graph, URIRef

from ._display import clip
from .validation import Severity, ValidationReport, ValidationResult, _remove_result

SKOS_PREF_LABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")

__all__ = ["FORMATS", "render", "result_cells"]

FORMATS = ("text", "json", "junit", "turtle")

_SEVERITY_ZH = {"Violation": "违规", "Warning": "警告", "Info": "提示"}


def render(
    report: ValidationReport,
    /,
    *,
    format: str = "text",
    lang: str = "en",
    files: Sequence[str] = (),
    every: bool = False,
    severity: Severity = "Info",
) -> str:
    """Return ``report`` in ``format`` (one of :data:`FORMATS`), messages in ``lang``.

    Shows :attr:`~ValidationReport.findings` (missing English labels as one finding), or
    with ``every`` each result; only those at or above ``severity``.
    """
    view = _View(report, every, severity)
    if format == "json":
        return _json(view, files)
    if format == "junit":
        return _junit(view, lang, files)
    if format == "turtle":
        return _turtle(view).serialize(format="turtle")
    return _text(view, lang, files)


_ORDER: tuple[Severity, ...] = ("Info", "Warning", "Violation")


def result_cells(result: Any, lang: str) -> tuple[str, str, str]:
    """The severity, property path and message (in ``lang``, else the other) of a result.

    Reads the attributes of :class:`~policygraph.validation.ValidationResult` by name, so any
    object with them will do; a list value is joined with ``"; "``, a missing one is ``""``.

    Examples
    --------
    >>> from policygraph.validation import ValidationResult
    >>> r = ValidationResult("id:x", "Violation", "缺少牵头单位", "no lead", "s#lead", "pg:lead")
    >>> result_cells(r, "zh")
    ('Violation', 'pg:lead', '缺少牵头单位')
    """
    zh = getattr(result, "message_zh", None)
    en = getattr(result, "message_en", None)
    first, second = (en, zh) if lang == "en" else (zh, en)
    message = first or second or _cell(getattr(result, "message", result))
    return _cell(getattr(result, "severity", "")), _cell(getattr(result, "path", "")), message


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


class _View:
    """What one rendering shows of a report: which results, and how many are hidden."""

    def __init__(self, report: ValidationReport, every: bool, severity: Severity) -> None:
        self.report, self.every, self.severity = report, every, severity
        pool = report.results if every else report.findings
        least = _ORDER.index(severity)
        self.results = tuple(r for r in pool if _ORDER.index(r.severity) >= least)
        self.hidden = len(pool) - len(self.results)

    def summary(self, lang: str) -> str:
        line = self.report.summary(lang=lang, every=self.every)
        if self.hidden and lang == "zh":
            return line + f"（{self.hidden} 条低于 --severity {self.severity}，未列出）"
        if self.hidden:
            return line + f" ({self.hidden} below --severity {self.severity} not shown)"
        return line


def _turtle(view: _View) -> Graph:
    """The SHACL results graph, with what the view leaves out removed and its summaries added."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, SH

    report = view.report
    graph = Graph()
    for triple in report.graph:
        graph.add(triple)
    for prefix, namespace in report.graph.namespaces():
        graph.bind(prefix, namespace)
    folded = set() if view.every else {r.source_shape for r in report.summarised}
    shown = {(r.source_shape, r.focus_node) for r in view.results}
    for node in list(graph.subjects(RDF.type, SH.ValidationResult)):
        key = (str(graph.value(node, SH.sourceShape)), str(graph.value(node, SH.focusNode)))
        if key not in shown or key[0] in folded:
            _remove_result(graph, node)
    top = next(graph.subjects(RDF.type, SH.ValidationReport), None)
    for r in view.results:
        if view.every or r not in report.summarised or top is None:
            continue
        node = BNode()
        graph.add((top, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, URIRef(r.focus_node)))
        graph.add((node, SH.sourceShape, URIRef(r.source_shape)))
        graph.add((node, SH.resultPath, SKOS_PREF_LABEL))
        graph.add((node, SH.sourceConstraintComponent, SH.QualifiedMinCountConstraintComponent))
        graph.add((node, SH.resultSeverity, SH[r.severity]))
        graph.add((node, SH.resultMessage, Literal(r.message_en, lang="en")))
        graph.add((node, SH.resultMessage, Literal(r.message_zh, lang="zh")))
    return graph


def _groups(view: _View) -> list[tuple[str, list[ValidationResult]]]:
    """Results grouped by the thing they are about, most severe group first.

    Each summary (missing English labels) is a group of its own, keyed by its shape, last.
    """
    summaries = [r for r in view.results if r in view.report.summarised]
    results = [r for r in view.results if r not in view.report.summarised]
    ordered = sorted(results, key=lambda r: r.focus_node)
    groups = [(k, list(g)) for k, g in groupby(ordered, key=lambda r: r.focus_node)]
    order: dict[str, int] = {}
    for i, r in enumerate(results):  # results are most severe first
        order.setdefault(r.focus_node, i)
    groups.sort(key=lambda kv: order[kv[0]])
    return groups + [(r.source_shape, [r]) for r in summaries]


#: the heading of the summary of missing English labels
_SUMMARY_HEADING = {"en": "English labels", "zh": "英文名称"}


def _heading(result: ValidationResult) -> str:
    names = [n for n in (result.label_zh, result.label_en) if n]
    return " / ".join(dict.fromkeys(names)) or result.focus_node


def _text(view: _View, lang: str, files: Sequence[str]) -> str:
    what = ", ".join(files) or "graph"
    lines = [f"{what}: {view.summary(lang)}"]
    for focus, results in _groups(view):
        first = results[0]
        if first in view.report.summarised:
            lines += ["", _SUMMARY_HEADING.get(lang, _SUMMARY_HEADING["en"])]
        else:
            lines += ["", _heading(first), f"  <{focus}>"]
        if first.span is not None:
            source = "原文" if lang == "zh" else "source"
            quote = f" 「{clip(first.quote, 80)}」" if first.quote else ""
            lines.append(f"  {source} {first.span[0]}–{first.span[1]}:{quote}")
        for r in results:
            severity, path, message = result_cells(r, lang)
            severity = _SEVERITY_ZH[severity] if lang == "zh" else severity
            lines.append(f"  {severity}{f' {path}' if path else ''}: {message}")
            more = ""
            if r in view.report.summarised:
                more = "，--all 逐一列出" if lang == "zh" else ", --all lists them"
            lines.append(f"    [{r.source_shape.rsplit('#', 1)[-1]}{more}]")
    return "\n".join(lines) + "\n"


def _json(view: _View, files: Sequence[str]) -> str:
    report = view.report
    data = {
        "files": list(files),
        "conforms": report.conforms,
        "fail_on": report.fail_on,
        "severity": view.severity,
        "ignored": list(report.ignored),
        "counts": {s: report.count(s, every=view.every) for s in ("Violation", "Warning", "Info")},
        "hidden": view.hidden,
        "results": [{**asdict(r), "summary": r in report.summarised} for r in view.results],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _junit(view: _View, lang: str, files: Sequence[str]) -> str:
    """One test case per thing with findings; a failure when one is at least ``fail_on``."""
    order = _ORDER
    worst = order.index(view.report.fail_on)
    name = "policygraph validate " + " ".join(files)
    suite = ET.Element("testsuite", name=name.strip())
    failures = 0
    groups = _groups(view)
    for focus, results in groups:
        summary = results[0] in view.report.summarised
        heading = _SUMMARY_HEADING["en"] if summary else _heading(results[0])
        focus = results[0].focus_node
        case = ET.SubElement(suite, "testcase", classname="policygraph.validate", name=heading)
        body = "\n".join(
            f"{r.severity} {r.path or ''} [{r.source_shape}]: {r.message(lang)}" for r in results
        )
        failing = [r for r in results if order.index(r.severity) >= worst]
        if failing:
            failures += 1
            message = failing[0].message(lang)
            failure = ET.SubElement(case, "failure", message=message, type=failing[0].severity)
            failure.text = f"<{focus}>\n{body}"
        else:
            ET.SubElement(case, "system-out").text = f"<{focus}>\n{body}"
    if not groups:
        ET.SubElement(suite, "testcase", classname="policygraph.validate", name="conforms")
    suite.set("tests", str(max(len(groups), 1)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )
