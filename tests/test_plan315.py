"""Facts of the bundled Jiaxing 315 graph, read from the source text, and its reproducibility."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from policygraph.pipeline import build_plan
from policygraph.rdf import load_plan
from policygraph.resources import resource_path
from policygraph.vocab import ID, OA, PG, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
CURATION = ROOT / "data" / "curation" / "jiaxing-315.yaml"
PLAN = ID["plan/jiaxing-315"]
TEXT = SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def g() -> Graph:
    return load_plan()


def zh(g: Graph, node: object) -> str:
    return next(str(o) for o in g.objects(node, SKOS.prefLabel) if o.language == "zh")  # type: ignore[attr-defined, arg-type]


def en(g: Graph, node: object) -> str:
    return next(str(o) for o in g.objects(node, SKOS.prefLabel) if o.language == "en")  # type: ignore[attr-defined, arg-type]


def task(path: str) -> URIRef:
    return URIRef(f"{PLAN}/task/{path}")


def test_committed_graph_is_a_fresh_build() -> None:
    _, fresh = build_plan(SOURCE, curation=CURATION)
    committed = load_plan()
    assert isomorphic(fresh, committed), "data/plan315.ttl is stale: rebuild it (see its header)"


def test_committed_graph_says_it_is_generated() -> None:
    head = resource_path("data", "plan315.ttl").read_text(encoding="utf-8").splitlines()[:4]
    assert head[0].startswith("# GENERATED FILE - do not edit by hand")
    assert any("policygraph build data/sources/jiaxing-315-plan.txt" in line for line in head)


def test_the_source_copy_is_verbatim() -> None:
    shared = ROOT.parent / "shared" / "sources" / "jiaxing-315-plan.txt"
    if shared.exists():  # the project keeps its own copy; it must not drift from the original
        assert shared.read_bytes() == SOURCE.read_bytes()
    assert len(SOURCE.read_bytes()) == 19716


def test_graph_records_the_source_it_was_built_from(g: Graph) -> None:
    import hashlib

    source = g.value(PLAN, PG.source)
    assert str(g.value(source, PG.fileName)) == "jiaxing-315-plan.txt"
    assert str(g.value(source, PG.sha256)) == hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert int(g.value(source, PG.characterCount)) == len(TEXT)  # type: ignore[arg-type]


def test_plan_metadata(g: Graph) -> None:
    assert zh(g, PLAN) == "嘉兴市“315”科技创新体系建设工程推进方案（2023—2027年）"
    assert g.value(PLAN, PG.issued) == Literal("2023-03-30", datatype=XSD.date)
    assert int(g.value(PLAN, PG.startYear)) == 2023  # type: ignore[arg-type]
    assert int(g.value(PLAN, PG.endYear)) == 2027  # type: ignore[arg-type]
    assert zh(g, g.value(PLAN, PG.issuer)) == "嘉兴市人民政府"


def test_six_actions_nineteen_tasks(g: Graph) -> None:
    actions = sorted(g.subjects(RDF.type, PG.Action))
    assert len(actions) == 6
    per_action = [len(list(g.subjects(PG.partOf, a))) for a in sorted(actions)]
    assert per_action == [4, 2, 3, 4, 3, 3]
    assert len(set(g.subjects(RDF.type, PG.Task))) == 19
    assert zh(g, URIRef(f"{PLAN}/action/2-1")) == "实施重点科创平台提能造峰行动"


def ranked(g: Graph, t: URIRef) -> list[tuple[int, str, str]]:
    rows = []
    for r in g.subjects(PG.task, t):
        role = "lead" if g.value(r, PG.role) == PG.LeadRole else "support"
        rows.append((int(g.value(r, PG.rank)), role, zh(g, g.value(r, PG.department))))  # type: ignore[arg-type]
    return sorted(rows)


def test_lead_and_support_in_clause_order(g: Graph) -> None:
    assert zh(g, task("2-1-1")) == "打造新型实验室体系"
    assert ranked(g, task("2-1-1")) == [
        (1, "lead", "市科技局"),
        (2, "support", "市发展改革委"),
        (3, "support", "市经信局"),
        (4, "support", "市教育局"),
        (5, "support", "市财政局"),
    ]
    assert zh(g, g.value(task("2-1-1"), PG.lead)) == "市科技局"
    # （责任单位：市委组织部〔市委人才办〕、市教育局、市科技局、市人力社保局、市科协）
    assert [d for _, _, d in ranked(g, task("2-4-1"))] == [
        "市委组织部〔市委人才办〕",
        "市教育局",
        "市科技局",
        "市人力社保局",
        "市科协",
    ]
    # task 2-1-4 is led by 市发展改革委 and ends with the collective county governments
    rows = ranked(g, task("2-1-4"))
    assert rows[0] == (1, "lead", "市发展改革委")
    assert rows[-1] == (4, "support", "有关县〔市、区〕政府")
    dept = g.value(URIRef(f"{task('2-1-4')}/responsibility/4"), PG.department)
    assert (dept, RDF.type, PG.CollectiveUnit) in g
    # 2-5-1 has seven units, the last 嘉兴银保监分局; 2-6-2 is led by 市市场监管局
    assert (
        len(ranked(g, task("2-5-1"))) == 7 and ranked(g, task("2-5-1"))[-1][2] == "嘉兴银保监分局"
    )
    assert ranked(g, task("2-6-2"))[0] == (1, "lead", "市市场监管局")
    assert ranked(g, task("2-3-3"))[0] == (1, "lead", "市经信局")


def targets_by_quote(g: Graph) -> dict[str, URIRef]:
    return {zh(g, t): t for t in g.subjects(RDF.type, PG.Target)}  # type: ignore[misc]


def find(g: Graph, fragment: str) -> URIRef:
    hits = [t for q, t in targets_by_quote(g).items() if fragment in q]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


@pytest.mark.parametrize(
    ("fragment", "value", "unit", "comparator", "deadline", "periodicity"),
    [
        ("超过3.65%", "3.65", "%", "MoreThan", 2027, None),
        ("省级研发中心70家", "70", "家", "Exactly", 2027, "Annual"),
        ("1.5万家", "15000", "家", "MoreThan", 2027, None),
        ("280亿元", "280", "亿元", "Exactly", 2027, "Cumulative"),
        ("140万人", "1400000", "人", "Exactly", 2027, None),
        ("230人年以上", "230", "人年", "AtLeast", 2027, None),
        ("年均增长18%以上", "18", "%", "AtLeast", 2027, "Annual"),
        ("前40位", "40", "位", "AtMost", 2027, None),
    ],
)
def test_targets_read_from_the_text(
    g: Graph,
    fragment: str,
    value: str,
    unit: str,
    comparator: str,
    deadline: int,
    periodicity: str | None,
) -> None:
    t = find(g, fragment)
    assert Decimal(str(g.value(t, PG.value))) == Decimal(value)
    assert str(g.value(g.value(t, PG.unit), SKOS.notation)) == unit
    assert g.value(t, PG.comparator) == PG[comparator]
    assert int(g.value(t, PG.deadlineYear)) == deadline  # type: ignore[arg-type]
    assert g.value(t, PG.periodicity) == (PG[periodicity] if periodicity else None)
    assert en(g, t)  # every target has an English label after curation


def test_range_target(g: Graph) -> None:
    t = find(g, "5—10项")
    assert g.value(t, PG.comparator) == PG.Between
    assert (Decimal(str(g.value(t, PG.value))), Decimal(str(g.value(t, PG.upperValue)))) == (5, 10)


def test_strategic_fields_declared_and_named(g: Graph) -> None:
    fields = URIRef(f"{PLAN}/scheme/strategic-fields")
    assert int(g.value(fields, PG.declaredCount)) == 15  # type: ignore[arg-type]
    names = sorted(zh(g, m) for m in g.subjects(SKOS.inScheme, fields))
    assert names == sorted(["智能控制与先进技术", "新药创制与高端医疗器械", "精细化工与复合材料"])
    highlands = URIRef(f"{PLAN}/scheme/highlands")
    assert int(g.value(highlands, PG.declaredCount)) == 3  # type: ignore[arg-type]
    assert len(set(g.subjects(SKOS.inScheme, highlands))) == 3


def test_platforms_mentioned_by_task(g: Graph) -> None:
    names = {zh(g, p) for p in g.objects(task("2-1-1"), PG.mentions)}
    assert {"清华长三角研究院", "南湖实验室", "浙江大学嘉兴研究院"} <= names


def test_every_fact_carries_evidence_that_quotes_the_source(g: Graph) -> None:
    for cls in (PG.Task, PG.Responsibility, PG.Target, PG.PlatformMention, PG.Action, PG.Goal):
        for node in g.subjects(RDF.type, cls):
            assert g.value(node, PG.evidence) is not None, node
    checked = 0
    for ev in g.subjects(RDF.type, OA.SpecificResource):
        sel = {g.value(s, RDF.type): s for s in g.objects(ev, OA.hasSelector)}
        pos, quote = sel[OA.TextPositionSelector], sel[OA.TextQuoteSelector]
        start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))  # type: ignore[arg-type]
        assert start < end
        assert TEXT[start:end] == str(g.value(quote, OA.exact)), ev
        checked += 1
    assert checked == len(set(g.objects(None, PG.evidence))) > 200


def test_every_entity_has_zh_and_en_labels(g: Graph) -> None:
    for cls in (
        PG.Plan,
        PG.Action,
        PG.Task,
        PG.Goal,
        PG.Safeguard,
        PG.Department,
        PG.Target,
        PG.Platform,
        PG.Indicator,
        PG.Unit,
    ):
        for node in set(g.subjects(RDF.type, cls)):
            langs = sorted(o.language for o in g.objects(node, SKOS.prefLabel))  # type: ignore[attr-defined]
            assert langs == ["en", "zh"], (node, langs)


def _units(clause: str) -> list[str]:
    """Split a clause's units on 、 outside brackets (有关县〔市、区〕政府 is one unit)."""
    units, depth, start = [], 0, 0
    for i, ch in enumerate(clause):
        if ch in "〔（":
            depth += 1
        elif ch in "〕）":
            depth -= 1
        if ch == "、" and depth == 0:
            units.append(clause[start:i])
            start = i + 1
    return [*units, clause[start:]]


def test_every_unit_of_every_clause_in_order(g: Graph) -> None:
    # the 19 clauses of the text, in document order, one per task 2-1-1 … 2-6-3
    clauses = [_units(m.group(1)) for m in re.finditer(r"（责任单位：(.+?)）\s*$", TEXT, re.M)]
    tasks = sorted(
        g.subjects(RDF.type, PG.Task), key=lambda t: [int(n) for n in t.split("/")[-1].split("-")]
    )
    assert len(clauses) == len(tasks) == 19
    for t, written in zip(tasks, clauses, strict=True):
        rows = ranked(g, t)
        assert [d for _, _, d in rows] == written, t
        assert [role for _, role, _ in rows] == ["lead"] + ["support"] * (len(written) - 1)
        assert [zh(g, d) for d in g.objects(t, PG.lead)] == [written[0]]
        assert {zh(g, d) for d in g.objects(t, PG.responsible)} == set(written)


def test_targets_per_part_as_counted_in_the_text(g: Graph) -> None:
    # counted by hand in the source: e.g. task 2-3-1 has 1.5万家, 6000家, 60家, 20家
    # (突破…), 世界一流企业2家, 上市企业30家, 单项冠军企业2家, 15家以上
    counts: dict[str, int] = {}
    for part, _, _ in g.triples((None, PG.hasTarget, None)):
        key = str(part).removeprefix(f"{PLAN}/")
        counts[key] = counts.get(key, 0) + 1
    assert counts == {
        "goal/1-2-1": 5,
        "goal/1-2-2": 1,
        "goal/1-2-3": 1,
        "goal/1-2-4": 6,
        "task/2-1-3": 5,
        "task/2-1-4": 3,
        "task/2-2-1": 2,
        "task/2-2-2": 1,
        "task/2-3-1": 8,
        "task/2-3-2": 1,
        "task/2-3-3": 3,
        "task/2-4-1": 4,
        "task/2-4-3": 3,
        "task/2-4-4": 1,
        "task/2-5-3": 2,
        "task/2-6-2": 2,
        "safeguard/3-2": 1,
    }
    assert len(set(g.subjects(RDF.type, PG.Target))) == 49


def test_goals_and_safeguards_as_written(g: Graph) -> None:
    goals = [zh(g, x) for x in sorted(g.subjects(RDF.type, PG.Goal))]
    assert goals[0] == "发展目标"
    assert goals[1].startswith("到2027年，长三角有影响力的科技创新中心建设取得更大突破")
    assert goals[2:] == [
        "高能级科创平台加快提升",
        "引领性硬核成果加快涌现",
        "开放式创新生态加快形成",
    ]
    safeguards = sorted(g.subjects(RDF.type, PG.Safeguard))
    assert [zh(g, x) for x in safeguards] == ["强化统筹协调", "强化政策保障", "强化考核评价"]
