"""Responsibility clauses in the forms plans write them, read through ``extract``."""

from __future__ import annotations

import pytest

from policygraph.extraction import extract
from policygraph.model import Section

HEAD = "某市科技创新推进方案（2024—2027年）\n一、重点任务\n"


def task(body: str) -> Section:
    doc = extract(HEAD + body)
    assert len(doc.tasks) == 1
    t = doc.tasks[0]
    for r in t.responsibilities:
        assert doc.source[r.span.start : r.span.end] == r.department
    return t


def units(body: str) -> list[tuple[str, str, int]]:
    return [(r.department, r.role, r.rank) for r in task(body).responsibilities]


def test_responsible_units() -> None:
    t = task("1．建设实验室。推进建设。（责任单位：市科技局、市发展改革委、市财政局）\n")
    assert [(r.department, r.role, r.rank) for r in t.responsibilities] == [
        ("市科技局", "lead", 1),
        ("市发展改革委", "support", 2),
        ("市财政局", "support", 3),
    ]
    assert t.lead == "市科技局"


def test_clause_span_is_the_whole_clause() -> None:
    text = HEAD + "1．建设实验室。推进建设。（责任单位：市科技局、市财政局）\n"
    t = extract(text).tasks[0]
    assert t.responsibility_span is not None
    assert t.responsibility_span.text(text) == "（责任单位：市科技局、市财政局）"


def test_lead_and_support_with_semicolon() -> None:
    assert units("1．建设平台。（牵头单位：市科技局；配合单位：市财政局、市教育局）\n") == [
        ("市科技局", "lead", 1),
        ("市财政局", "support", 2),
        ("市教育局", "support", 3),
    ]


def test_lead_and_support_with_comma_and_collective_levels() -> None:
    body = "1．建设平台。（牵头单位：市科技局，配合单位：市财政局、市教育局，各区、县级市）\n"
    assert units(body) == [
        ("市科技局", "lead", 1),
        ("市财政局", "support", 2),
        ("市教育局", "support", 3),
        ("各区、县级市", "support", 4),
    ]


def test_several_lead_units() -> None:
    body = "1．建设平台。（牵头单位：市科技局、市经信局；配合单位：市财政局）\n"
    assert units(body) == [
        ("市科技局", "lead", 1),
        ("市经信局", "lead", 2),
        ("市财政局", "support", 3),
    ]


def test_clause_on_its_own_line_without_brackets() -> None:
    text = HEAD + "1．建设平台。推进建设。\n责任单位：市科技局、市财政局。\n"
    t = extract(text).tasks[0]
    assert [(r.department, r.role) for r in t.responsibilities] == [
        ("市科技局", "lead"),
        ("市财政局", "support"),
    ]
    assert t.responsibility_span is not None
    assert t.responsibility_span.text(text) == "责任单位：市科技局、市财政局"


def test_halfwidth_brackets_and_colon() -> None:
    assert units("1．建设平台。(责任单位:市科技局、市财政局)\n") == [
        ("市科技局", "lead", 1),
        ("市财政局", "support", 2),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "市委组织部〔市委人才办〕",
        "市委组织部（市委人才办）",
        "有关县〔市、区〕政府",
        "各县（市、区）人民政府",
        "各区、县（市）政府",
    ],
)
def test_bracketed_and_collective_units_stay_whole(name: str) -> None:
    found = units(f"1．建设平台。（责任单位：市科技局、{name}、市财政局）\n")
    assert [d for d, _, _ in found] == ["市科技局", name, "市财政局"]


def test_trailing_deng_is_dropped() -> None:
    found = units("1．建设平台。（责任单位：市科技局、市财政局等）\n")
    assert [d for d, _, _ in found] == ["市科技局", "市财政局"]


def test_lead_and_support_without_colons() -> None:
    found = units("1．建设平台。（市科技局牵头，市财政局、市教育局配合）\n")
    assert found == [
        ("市科技局", "lead", 1),
        ("市财政局", "support", 2),
        ("市教育局", "support", 3),
    ]


def test_clause_units_are_not_platforms_or_targets() -> None:
    doc = extract(HEAD + "1．建设平台。（责任单位：人行嘉兴市中心支行、市科技局）\n")
    assert doc.tasks[0].platforms == []
    assert doc.tasks[0].targets == []


def test_heading_without_note_is_no_task_and_a_warning() -> None:
    doc = extract(HEAD + "1．建设平台。推进建设。\n2．培育人才。（责任单位：市人力社保局）\n")
    (task,) = doc.tasks
    assert task.lead == "市人力社保局"
    first = doc.walk()[1]
    assert (first.path, first.kind, first.responsibilities) == ("1-1", "section", [])
    about_tasks = [w for w in doc.warnings if "responsibility" in w]
    assert len(about_tasks) == 1
    assert about_tasks[0].startswith("<text>:3:1: ")
    assert "1-1" in about_tasks[0] and "建设平台" in about_tasks[0]


def test_clause_on_an_action_goes_to_its_tasks_without_one() -> None:
    text = (
        HEAD
        + "（一）实施人才引育行动。（牵头单位：市委组织部；配合单位：市人力社保局）\n"
        + "1．引进人才。（责任单位：市科技局）\n"
        + "2．培育人才。\n"
    )
    doc = extract(text)
    action = doc.actions[0]
    # a responsibility belongs to a task: the action's clause is shared by its tasks
    assert action.responsibilities == []
    first, second = doc.tasks
    assert [(r.department, r.role) for r in first.responsibilities] == [("市科技局", "lead")]
    assert [(r.department, r.rank, r.role) for r in second.responsibilities] == [
        ("市委组织部", 1, "lead"),
        ("市人力社保局", 2, "support"),
    ]
    # the inherited units quote the action's clause
    assert [text[r.span.start : r.span.end] for r in second.responsibilities] == [
        "市委组织部",
        "市人力社保局",
    ]
    assert not [w for w in doc.warnings if "no responsibility clause" in w]


def test_action_with_a_clause_and_no_tasks_is_a_task() -> None:
    text = HEAD + "（一）实施人才引育行动。（牵头单位：市委组织部）\n（二）实施平台建设行动。\n"
    doc = extract(text)
    first = doc.sections[0].children[0]
    assert (first.kind, first.lead) == ("task", "市委组织部")


def test_safeguard_with_a_clause_is_also_a_task_in_rdf() -> None:
    from rdflib import RDF, URIRef

    from policygraph.rdf import plan_iri, to_rdf
    from policygraph.vocab import PG

    text = HEAD.replace("重点任务", "保障措施") + "（一）强化资金保障。（责任单位：市财政局）\n"
    doc = extract(text)
    (safeguard,) = doc.parts("safeguard")
    g = to_rdf(doc)
    node = URIRef(f"{plan_iri(doc)}/safeguard/{safeguard.path}")
    assert {PG.Safeguard, PG.Task} <= set(g.objects(node, RDF.type))
    assert g.value(node, PG.lead) is not None
