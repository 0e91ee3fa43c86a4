"""``policygraph.validate()``: sources, severities, shapes and the frozen result types."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from policygraph.errors import ValidationError
from policygraph.rdf import load_graph
from policygraph.validation import ValidationReport, validate
from policygraph.vocab import PG

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
TEXT = (FIXTURES / "sources" / "mini-plan.txt").read_text("utf-8")
PLAN = "https://w3id.org/policygraph/id/plan/mini"
PGSH = "https://w3id.org/policygraph/shapes#"


@pytest.fixture
def graph() -> Graph:
    return load_graph(FIXTURES / "plan-valid.ttl")


def _shapes(report: ValidationReport) -> list[str]:
    return [r.source_shape.removeprefix(PGSH) for r in report.results]


def test_sources_as_text_by_file_name(graph: Graph) -> None:
    assert validate(graph, sources={"mini-plan.txt": TEXT}).results == ()


def test_sources_as_text_by_source_iri(graph: Graph) -> None:
    assert validate(graph, sources={PLAN + "/source": TEXT}).results == ()


def test_a_different_text_fails_the_checksum_and_the_quotes(graph: Graph) -> None:
    # the same text with the title's first character changed: one quote no longer matches
    changed = "呆" + TEXT[1:]
    report = validate(graph, sources={"mini-plan.txt": changed})
    assert sorted(_shapes(report)) == ["SourceTextChecksum", "SourceTextQuote"]
    quote = next(r for r in report.results if r.source_shape.endswith("SourceTextQuote"))
    assert quote.focus_node == PLAN
    assert quote.span == (0, 22)
    assert quote.message_zh.endswith(
        "原文为「呆市科技创新推进方案（2023—2027年）」（来源：第0–22字）"
    )


def test_unfound_text_is_a_note_and_does_not_fail(graph: Graph) -> None:
    report = validate(graph)  # not next to a file, not bundled
    assert report.conforms
    (note,) = report.results
    assert (note.source_shape, note.severity, note.path) == (
        PGSH + "SourceTextFound",
        "Info",
        "pg:fileName",
    )
    assert note.message_en == (
        "Source document 'mini-plan.txt' was not found, so its quotes were not checked"
        " (give the folder of the source texts)"
    )
    assert not validate(graph, fail_on="Info").conforms


def test_check_sources_false_skips_the_text(graph: Graph) -> None:
    assert validate(graph, check_sources=False).results == ()


def test_warning_conforms_unless_fail_on_warning(graph: Graph) -> None:
    task = URIRef(PLAN + "/task/2-1-1")
    graph.remove((task, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), None))
    graph.add(
        (task, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("打造", lang="zh"))
    )
    graph.set((URIRef(PLAN + "/target/1"), PG.deadlineYear, Literal(2031)))
    graph.set(
        (
            URIRef(PLAN + "/target/1"),
            PG.deadline,
            Literal("2031", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")),
        )
    )
    report = validate(graph, sources=FIXTURES)
    assert _shapes(report) == ["TargetDeadlineInPeriod", "LabelEn"]  # by focus node
    assert report.conforms
    assert report.summary() == "conforms: 0 violations, 2 warnings, 0 notes"
    assert not validate(graph, sources=FIXTURES, fail_on="Warning").conforms
    period = report.results[0]
    assert period.message_zh == (
        "量化目标「研发经费支出占比超过3.5%」的期限 2031 年不在方案的规划期 2023—2027 年之内"
        "（来源：第83–97字）"
    )


def test_unknown_fail_on(graph: Graph) -> None:
    with pytest.raises(ValidationError, match="unknown severity 'Error'"):
        validate(graph, fail_on="Error")  # type: ignore[arg-type]


def test_shapes_as_a_graph(graph: Graph) -> None:
    shapes = Graph().parse(
        format="turtle",
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix pg: <https://w3id.org/policygraph/def#> .
        <https://example.org/s#NoSupport> a sh:NodeShape ; sh:targetClass pg:Responsibility ;
            sh:property [ sh:path pg:role ; sh:not [ sh:hasValue pg:SupportRole ] ;
                          sh:severity sh:Info ] .
        """,
    )
    report = validate(graph, shapes=shapes, sources=FIXTURES)
    (result,) = report.results
    assert result.focus_node == PLAN + "/task/2-1-1/responsibility/2"
    assert (result.severity, result.path, result.value) == ("Info", "pg:role", str(PG.SupportRole))
    assert (
        result.label_en
        == "Build a new laboratory system — Municipal Development and Reform Commission"
    )
    assert result.message_en.startswith("Responsibility 'Build a new laboratory system — ")


def test_results_are_frozen(graph: Graph) -> None:
    report = validate(graph)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.results[0].severity = "Violation"  # type: ignore[misc]
