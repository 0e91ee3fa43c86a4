"""Render a ``ValidationReport`` as text, JSON, JUnit XML or Turtle (``policygraph validate``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from itertools import groupby
from xml.etree import ElementTree as ET

from .validation import ValidationReport, ValidationResult

__all__ = ["FORMATS", "render"]

FORMATS = ("text", "json", "junit", "turtle")

_SEVERITY_ZH = {"Violation": "违规", "Warning": "警告", "Info": "提示"}


def render(
    report: ValidationReport,
    /,
    *,
    format: str = "text",
    lang: str = "en",
    files: Sequence[str] = (),
) -> str:
    """Return ``report`` in ``format`` (one of :data:`FORMATS`), messages in ``lang``."""
    if format == "json":
        return _json(report, files)
    if format == "junit":
        return _junit(report, lang, files)
    if format == "turtle":
        return report.graph.serialize(format="turtle")
    return _text(report, lang, files)


def _groups(report: ValidationReport) -> list[tuple[str, list[ValidationResult]]]:
    """Results grouped by the thing they are about, most severe group first."""
    ordered = sorted(report.results, key=lambda r: r.focus_node)
    groups = [(k, list(g)) for k, g in groupby(ordered, key=lambda r: r.focus_node)]
    order = {r.focus_node: i for i, r in enumerate(report.results)}  # results are most severe first
    return sorted(groups, key=lambda kv: order[kv[0]])


def _clip(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _heading(result: ValidationResult) -> str:
    names = [n for n in (result.label_zh, result.label_en) if n]
    return " / ".join(dict.fromkeys(names)) or result.focus_node


def _text(report: ValidationReport, lang: str, files: Sequence[str]) -> str:
    what = ", ".join(files) or "graph"
    lines = [f"{what}: {report.summary(lang=lang)}"]
    for focus, results in _groups(report):
        first = results[0]
        lines += ["", _heading(first), f"  <{focus}>"]
        if first.span is not None:
            source = "原文" if lang == "zh" else "source"
            quote = f" 「{_clip(first.quote)}」" if first.quote else ""
            lines.append(f"  {source} {first.span[0]}–{first.span[1]}:{quote}")
        for r in results:
            severity = _SEVERITY_ZH[r.severity] if lang == "zh" else r.severity
            path = f" {r.path}" if r.path else ""
            lines.append(f"  {severity}{path}: {r.message(lang)}")
            lines.append(f"    [{r.source_shape.rsplit('#', 1)[-1]}]")
    return "\n".join(lines) + "\n"


def _json(report: ValidationReport, files: Sequence[str]) -> str:
    data = {
        "files": list(files),
        "conforms": report.conforms,
        "fail_on": report.fail_on,
        "counts": {s: report.count(s) for s in ("Violation", "Warning", "Info")},
        "results": [asdict(r) for r in report.results],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _junit(report: ValidationReport, lang: str, files: Sequence[str]) -> str:
    """One test case per thing with findings; a failure when one is at least ``fail_on``."""
    order = ("Info", "Warning", "Violation")
    worst = order.index(report.fail_on)
    name = "policygraph validate " + " ".join(files)
    suite = ET.Element("testsuite", name=name.strip())
    failures = 0
    groups = _groups(report)
    for focus, results in groups:
        case = ET.SubElement(
            suite, "testcase", classname="policygraph.validate", name=f"{_heading(results[0])}"
        )
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
