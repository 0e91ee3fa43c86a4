"""The real Jiaxing 315 graph conforms, and each kind of fact, removed or corrupted, is reported.

Every mutation works on a copy of ``data/plan315.ttl`` and asserts the exact new results (shape,
focus node, path, severity) against those of the unmutated graph. The things mutated are found
by their Chinese names as written in the source text, never by hard-coded IRIs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from policygraph.resources import PLAN315_SOURCE, PLAN315_TTL, resource_path
from policygraph.validation import ValidationReport, validate
from policygraph.vocab import OA, PG

PGSH = "https://w3id.org/policygraph/shapes#"
TEXT = resource_path(*PLAN315_SOURCE).read_text("utf-8")
Key = tuple[str, str, str | None, str]


@pytest.fixture(scope="module")
def plan() -> Graph:
    path = resource_path(*PLAN315_TTL)
    if not path.is_file():
        pytest.skip("data/plan315.ttl has not been built yet")
    from policygraph.rdf import load_graph

    return load_graph(path)


@pytest.fixture(scope="module")
def baseline(plan: Graph) -> ValidationReport:
    return validate(plan)


def _keys(report: ValidationReport) -> Counter[Key]:
    return Counter(
        (r.source_shape.removeprefix(PGSH), r.focus_node, r.path, r.severity)
        for r in report.results
    )


def _named(graph: Graph, cls: URIRef, zh: str) -> URIRef:
    (node,) = {
        s
        for s in graph.subjects(SKOS.prefLabel, Literal(zh, lang="zh"))
        if (s, RDF.type, cls) in graph
    }
    assert isinstance(node, URIRef)
    return node


def _mutated(
    plan: Graph, baseline: ValidationReport, change: Callable[[Graph], None]
) -> tuple[list[Key], ValidationReport]:
    graph = Graph()
    for prefix, namespace in plan.namespaces():
        graph.bind(prefix, namespace)
    for triple in plan:
        graph.add(triple)
    change(graph)
    report = validate(graph)
    new = _keys(report)
    assert not (_keys(baseline) - new), "a mutation must not make other results disappear"
    return sorted((new - _keys(baseline)).elements()), report


def _task(graph: Graph) -> URIRef:
    return _named(graph, PG.Task, "打造新型实验室体系")


def _target(graph: Graph) -> URIRef:
    return _named(graph, PG.Target, "全社会研究与试验发展经费支出占地区生产总值比重超过3.65%")


def _department(graph: Graph) -> URIRef:
    return _named(graph, PG.Department, "市科技局")


def _position(graph: Graph, node: URIRef) -> URIRef:
    evidence = graph.value(node, PG.evidence)
    (selector,) = {
        s
        for s in graph.objects(evidence, OA.hasSelector)
        if (s, RDF.type, OA.TextPositionSelector) in graph
    }
    assert isinstance(selector, URIRef)
    return selector


def test_the_real_graph_has_no_violation(baseline: ValidationReport) -> None:
    violations = [r.message_en for r in baseline.results if r.severity == "Violation"]
    assert violations == []
    assert baseline.conforms


def test_declared_versus_named_strategic_fields_is_a_note(
    plan: Graph, baseline: ValidationReport
) -> None:
    """The preamble declares 15大战略领域 and names three of them (read from the source)."""
    assert "智能控制与先进技术、新药创制与高端医疗器械、精细化工与复合材料等15大战略领域" in TEXT
    (note,) = [r for r in baseline.results if r.source_shape == PGSH + "SchemeNamesFewer"]
    assert note.severity == "Info"
    assert note.label_zh == "15大战略领域"
    assert "声明 15 项，原文只列名 3 项" in note.message_zh
    assert "declares 15 but the text names only 3" in note.message_en


def test_quotes_were_checked_against_the_bundled_source(baseline: ValidationReport) -> None:
    assert not [r for r in baseline.results if r.source_shape.startswith(PGSH + "SourceText")]


def test_a_task_without_lead(plan: Graph, baseline: ValidationReport) -> None:
    task = _task(plan)
    new, report = _mutated(plan, baseline, lambda g: g.remove((task, PG.lead, None)))
    assert new == [("TaskLead", str(task), "pg:lead", "Violation")]
    (result,) = [r for r in report.results if r.source_shape == PGSH + "TaskLead"]
    assert result.span is not None and result.quote is not None
    assert TEXT[result.span[0] : result.span[1]] == result.quote
    assert result.quote.startswith("1．打造新型实验室体系。")
    start, end = result.span
    assert result.message_zh == f"任务「打造新型实验室体系」没有牵头单位（来源：第{start}–{end}字）"
    assert result.message_en.endswith(f"has no lead department (source: chars {start}–{end})")


def test_a_lead_that_is_not_responsible(plan: Graph, baseline: ValidationReport) -> None:
    task = _task(plan)
    lead = plan.value(task, PG.lead)
    new, _ = _mutated(plan, baseline, lambda g: g.remove((task, PG.responsible, lead)))
    assert new == [
        ("TaskLeadResponsible", str(task), "pg:lead", "Violation"),
        ("TaskResponsibilityListed", str(task), "pg:responsible", "Violation"),
    ]


def test_a_department_without_chinese_label(plan: Graph, baseline: ValidationReport) -> None:
    department = _department(plan)
    label = Literal("市科技局", lang="zh")
    new, _ = _mutated(plan, baseline, lambda g: g.remove((department, SKOS.prefLabel, label)))
    assert new == [("LabelZh", str(department), "skos:prefLabel", "Violation")]


def test_a_target_without_unit(plan: Graph, baseline: ValidationReport) -> None:
    target = _target(plan)
    new, _ = _mutated(plan, baseline, lambda g: g.remove((target, PG.unit, None)))
    assert new == [("TargetUnit", str(target), "pg:unit", "Violation")]


def test_a_target_with_an_unknown_comparator(plan: Graph, baseline: ValidationReport) -> None:
    target = _target(plan)

    def change(g: Graph) -> None:
        g.set((target, PG.comparator, URIRef("https://w3id.org/policygraph/def#Above")))

    new, _ = _mutated(plan, baseline, change)
    assert new == [("TargetComparator", str(target), "pg:comparator", "Violation")]


def test_a_deadline_outside_the_plan_period(plan: Graph, baseline: ValidationReport) -> None:
    target = _target(plan)

    def change(g: Graph) -> None:
        g.set((target, PG.deadline, Literal("2030", datatype=XSD.gYear)))
        g.set((target, PG.deadlineYear, Literal(2030)))

    new, report = _mutated(plan, baseline, change)
    assert new == [("TargetDeadlineInPeriod", str(target), "pg:deadlineYear", "Warning")]
    assert report.conforms  # a Warning does not fail by default


def test_a_gap_in_responsibility_ranks(plan: Graph, baseline: ValidationReport) -> None:
    task = _task(plan)
    ranks = {plan.value(r, PG.rank): r for r in plan.subjects(PG.task, task)}
    # 市科技局、市发展改革委、市经信局、市教育局、市财政局: five departments in the clause
    assert "（责任单位：市科技局、市发展改革委、市经信局、市教育局、市财政局）" in TEXT
    assert set(ranks) == {Literal(n) for n in range(1, 6)}
    second, third = ranks[Literal(2)], ranks[Literal(3)]

    new, report = _mutated(plan, baseline, lambda g: g.set((second, PG.rank, Literal(7))))
    # rank 7 follows no rank 6, and rank 3 now follows no rank 2
    assert new == [("TaskRanks", str(task), "^pg:task", "Violation")] * 2
    values = {r.value for r in report.results if r.source_shape == PGSH + "TaskRanks"}
    assert values == {str(second), str(third)}


def test_a_reversed_evidence_span(plan: Graph, baseline: ValidationReport) -> None:
    task = _task(plan)
    position = _position(plan, task)
    start = plan.value(position, OA.start)
    new, report = _mutated(plan, baseline, lambda g: g.set((position, OA.end, start)))
    assert new == [("SpanOrder", str(position), "oa:start", "Violation")]
    (result,) = [r for r in report.results if r.source_shape == PGSH + "SpanOrder"]
    assert result.label_zh == "打造新型实验室体系"  # named by the thing the span belongs to


def test_a_span_that_does_not_match_its_quote(plan: Graph, baseline: ValidationReport) -> None:
    task = _task(plan)
    position = _position(plan, task)
    start = plan.value(position, OA.start)
    assert isinstance(start, Literal)
    moved = Literal(int(start.toPython()) + 1, datatype=XSD.nonNegativeInteger)
    new, _ = _mutated(plan, baseline, lambda g: g.set((position, OA.start, moved)))
    path = "pg:evidence/oa:hasSelector/oa:exact"
    assert new == [("SourceTextQuote", str(task), path, "Violation")]


def test_a_source_text_that_changed(plan: Graph, baseline: ValidationReport) -> None:
    (source,) = set(plan.subjects(RDF.type, PG.SourceDocument))
    wrong = Literal("0" * 64)
    new, _ = _mutated(plan, baseline, lambda g: g.set((source, PG.sha256, wrong)))
    assert new == [("SourceTextChecksum", str(source), "pg:sha256", "Violation")]


def test_a_lead_that_is_not_first_in_the_clause(plan: Graph, baseline: ValidationReport) -> None:
    """The clause names 市科技局 first and 市发展改革委 second; make the second the lead."""
    assert "（责任单位：市科技局、市发展改革委、" in TEXT
    task = _task(plan)
    second = _named(plan, PG.Department, "市发展改革委")
    new, report = _mutated(plan, baseline, lambda g: g.set((task, PG.lead, second)))
    assert new == [
        ("TaskLeadRankOne", str(task), "pg:lead", "Violation"),
    ]
    (result,) = [r for r in report.results if r.source_shape == PGSH + "TaskLeadRankOne"]
    assert result.value == str(second)
    start, end = result.span or (0, 0)
    # labels replace the IRI; Chinese sets 「」 without spaces around it
    assert result.message_zh == (
        f"任务「打造新型实验室体系」的牵头单位「市发展改革委」不是排名第 1 的责任单位"
        f"（来源：第{start}–{end}字）"
    )
    assert result.message_en == (
        "Task 'Build a new laboratory system' has lead department 'Municipal Development and "
        f"Reform Commission' that is not its responsibility of rank 1 (source: chars {start}–{end})"
    )


def test_a_lead_that_is_not_a_department(plan: Graph, baseline: ValidationReport) -> None:
    """Untyping 市科技局 is reported as such, not as a task without lead."""
    department = _department(plan)
    new, report = _mutated(
        plan, baseline, lambda g: g.remove((department, RDF.type, PG.Department))
    )
    shapes = Counter(shape for shape, *_ in new)
    assert set(shapes) == {
        "ResponsibilityDepartment",
        "TaskLeadDepartment",
        "TaskResponsibleDepartment",
    }
    # every task it leads, read from the graph: none of them is reported as without lead
    led = set(plan.subjects(PG.lead, department))
    assert shapes["TaskLeadDepartment"] == len(led) > 0
    assert {focus for shape, focus, *_ in new if shape == "TaskLeadDepartment"} == {
        str(t) for t in led
    }
    assert not [r for r in report.results if r.source_shape == PGSH + "TaskLead"]


def test_an_action_without_tasks(plan: Graph, baseline: ValidationReport) -> None:
    action = _named(plan, PG.Action, "实施重点科创平台提能造峰行动")
    assert "实施重点科创平台提能造峰行动" in TEXT
    tasks = [t for t in plan.subjects(PG.partOf, action) if (t, RDF.type, PG.Task) in plan]

    def change(g: Graph) -> None:
        for task in tasks:
            g.remove((task, RDF.type, PG.Task))
            g.add((task, RDF.type, PG.Section))

    _, report = _mutated(plan, baseline, change)
    (result,) = [r for r in report.results if r.source_shape == PGSH + "ActionHasTask"]
    assert result.focus_node == str(action)
    assert result.message_zh.startswith(
        "行动「实施重点科创平台提能造峰行动」下没有任何任务（来源："
    )
