"""The fast SHACL engine gives pySHACL's findings, finding by finding, on mutated plans.

Jiaxing and two corpus plans (built with ``policygraph build``) are mutated so that every shape
of the bundled shapes is violated at least once; plain ``pyshacl.validate`` on the whole graph
and the engine (one plan per partition, two worker processes) must report the same set of
(focus node, path, value, source shape, constraint component, severity, messages).
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.extras.shacl import parse_shacl_path
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD

from policygraph import _shacl_engine
from policygraph.cli import main
from policygraph.rdf import load_graph
from policygraph.resources import resource_path
from policygraph.validation import ValidationReport, validate
from policygraph.vocab import ID, OA, PG

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "texts"
PLANS = ("cangnan_ai_opc_2026", "shangcheng_ai_opc_2026")
JIAXING = URIRef(ID + "plan/jiaxing-315")

#: parameters that make a shape a constraint (the ones the bundled shapes use)
CONSTRAINTS = {
    SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.pattern,
    SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals, SH.minInclusive, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.sparql, SH.hasValue, SH["or"],
}  # fmt: skip


def _first(g: Graph, cls: URIRef, plan: URIRef, *having: URIRef) -> URIRef:
    """The first (by IRI) instance of ``cls`` in ``plan`` that has every property ``having``."""
    nodes = sorted(
        s
        for s in g.subjects(RDF.type, cls)
        if isinstance(s, URIRef)
        and (s == plan or str(s).startswith(str(plan) + "/"))
        and all((s, p, None) in g for p in having)
    )
    return nodes[0]


def _mutate(g: Graph, a: URIRef, b: URIRef, c: URIRef) -> None:
    """Break every shape at least once; ``a`` is Jiaxing, ``b`` and ``c`` two other plans."""

    def drop(s: object, p: object, o: object = None) -> None:
        g.remove((s, p, o))  # type: ignore[arg-type]

    def put(s: object, p: object, o: object) -> None:
        g.add((s, p, o))  # type: ignore[arg-type]

    tasks = sorted(
        s
        for s in g.subjects(RDF.type, PG.Task)
        if str(s).startswith(str(a) + "/") and (s, PG.lead, None) in g
    )
    responsibility = _first(g, PG.Responsibility, a, PG.rank)
    target = sorted(
        t
        for t in g.subjects(RDF.type, PG.Target)
        if (t, PG.deadlineYear, None) in g
        if str(t).startswith(str(a))
    )
    section = _first(g, PG.Section, a, PG.evidence)
    scheme = _first(g, PG.Scheme, a, PG.namedCount)
    departments = sorted(g.subjects(RDF.type, PG.Department))
    government = sorted(g.subjects(RDF.type, PG.Government))[0]
    # labels
    drop(tasks[0], SKOS.prefLabel, next(g.objects(tasks[0], SKOS.prefLabel)))
    for label in list(g.objects(tasks[0], SKOS.prefLabel)):
        drop(tasks[0], SKOS.prefLabel, label)  # LabelZh (and LabelEn)
    put(tasks[1], SKOS.prefLabel, Literal("另一个名称", lang="zh"))  # LabelUniqueLang
    put(tasks[1], SKOS.prefLabel, Literal("untagged"))  # LabelTagged
    # evidence
    drop(section, PG.evidence)  # EvidencePresent
    evidence = sorted(g.objects(tasks[2], PG.evidence))[0]
    drop(evidence, OA.hasSource)  # EvidenceSource
    selectors = sorted(g.objects(evidence, OA.hasSelector))
    for selector in selectors:
        drop(selector, OA.start)  # EvidencePosition, SpanStart
        drop(selector, OA.exact)  # EvidenceQuote, QuoteExact
    evidence = sorted(g.objects(tasks[3], PG.evidence))[0]
    for selector in g.objects(evidence, OA.hasSelector):
        if (selector, OA.end, None) in g:
            drop(selector, OA.end)  # SpanEnd
    evidence = sorted(g.objects(tasks[4], PG.evidence))[0]
    for selector in g.objects(evidence, OA.hasSelector):
        if (selector, OA.start, None) in g:
            g.set((selector, OA.start, Literal(10**6, datatype=XSD.nonNegativeInteger)))
    # source documents
    source_a = g.value(a, PG.source)
    drop(source_a, PG.fileName)  # SourceFileName
    g.set((g.value(b, PG.source), PG.sha256, Literal("not-a-checksum")))  # SourceSha256
    # plans
    drop(a, PG.issuer)  # PlanIssuerStated
    put(b, PG.issuer, Literal("某某市人民政府"))  # PlanIssuer
    drop(a, PG.issued)  # PlanIssuedStated
    put(c, PG.issued, Literal("2024年"))  # PlanIssued
    drop(b, PG.period)  # PlanPeriod
    put(c, PG.period, URIRef(str(c) + "/period-2"))  # PlanPeriodInterval
    drop(b, PG.startYear)  # PlanStartYear
    g.set((c, PG.endYear, Literal("2027")))  # PlanEndYear
    g.set((a, PG.startYear, Literal(2030)))  # PlanYearOrder
    drop(c, PG.source)  # PlanSource
    put(a, PG.level, URIRef(str(PG) + "VillageLevel"))  # PlanLevel
    put(a, PG.government, URIRef(ID + "government/nowhere"))  # PlanGovernment
    # structure
    drop(section, PG.partOf)  # PartOf
    g.set((tasks[5], PG.position, Literal(0)))  # PartPosition
    drop(tasks[6], PG.inPlan)  # InPlan
    action = URIRef(str(a) + "/action/empty")
    put(action, RDF.type, PG.Action)  # ActionHasTask (and the shapes of a bare action)
    # departments and governments
    put(departments[0], PG.function, URIRef(ID + "function/no-such-function"))
    put(departments[1], PG.level, URIRef(str(PG) + "VillageLevel"))  # DepartmentLevel
    put(departments[2], PG.government, URIRef(ID + "government/nowhere"))
    put(government, PG.level, URIRef(str(PG) + "VillageLevel"))  # GovernmentLevel
    for label in list(g.objects(government, SKOS.prefLabel)):
        drop(government, SKOS.prefLabel, label)  # GovernmentLabel
    # tasks and responsibilities
    lead7 = g.value(tasks[7], PG.lead)
    drop(tasks[7], PG.lead)  # TaskLead
    put(tasks[8], PG.lead, URIRef(ID + "department/nowhere"))  # TaskLeadDepartment, SingleLead
    for department in list(g.objects(tasks[9], PG.responsible)):
        drop(tasks[9], PG.responsible, department)  # TaskResponsible, ResponsibilityListed
    put(tasks[10], PG.responsible, URIRef(ID + "platform/not-a-department"))
    drop(tasks[11], PG.responsible, g.value(tasks[11], PG.lead))  # TaskLeadResponsible
    assert lead7 is not None
    rank_one = [r for r in g.subjects(PG.task, tasks[12]) if g.value(r, PG.rank) == Literal(1)]
    g.set((rank_one[0], PG.rank, Literal(2)))  # TaskLeadRankOne, TaskRanks, TaskRoles
    put(tasks[13], PG.responsible, departments[3])  # TaskResponsibleHasResponsibility
    responsibilities = sorted(g.subjects(PG.task, tasks[14]))
    g.set((responsibilities[0], PG.role, PG.SupportRole))  # TaskRoles
    drop(responsibility, PG.task)  # ResponsibilityTask
    other = sorted(g.subjects(RDF.type, PG.Responsibility))
    drop(other[1], PG.department)  # ResponsibilityDepartment
    g.set((other[2], PG.rank, Literal("first")))  # ResponsibilityRank
    g.set((other[3], PG.role, URIRef(str(PG) + "ObserverRole")))  # ResponsibilityRole
    # a responsibility of plan c for a task of plan b: the two plans share one partition
    cross = _first(g, PG.Responsibility, c, PG.task)
    g.set((cross, PG.task, _first(g, PG.Task, b)))
    # targets
    t0, t1, t2, t3 = target[:4]
    g.set((t0, PG.value, Literal("about 90")))  # TargetValue
    drop(t0, PG.unit)  # TargetUnit
    g.set((t0, PG.comparator, URIRef(str(PG) + "Roughly")))  # TargetComparator
    put(t1, PG.upperValue, Literal("5", datatype=XSD.decimal))  # TargetUpperWithBetween
    put(t1, PG.upperValue, Literal("6", datatype=XSD.decimal))  # TargetUpperValue
    g.set((t1, PG.value, Literal("9", datatype=XSD.decimal)))  # TargetRangeOrder
    g.set((t2, PG.comparator, PG.Between))  # TargetBetweenHasUpper
    g.set((t2, PG.deadline, Literal("2025")))  # TargetDeadline, TargetDeadlineAgrees
    g.set((t3, PG.deadlineYear, Literal(2099)))  # TargetDeadlineInPeriod, Agrees
    g.set((t3, PG.deadline, Literal("2099", datatype=XSD.gYear)))
    put(t3, PG.deadlineYear, Literal("2099"))  # TargetDeadlineYear
    put(t3, PG.periodicity, URIRef(str(PG) + "Monthly"))  # TargetPeriodicity
    put(t3, PG.indicator, URIRef(ID + "indicator/not-an-indicator"))  # TargetIndicator
    for parent in list(g.subjects(PG.hasTarget, t2)):
        drop(parent, PG.hasTarget, t2)  # TargetAttached
    unit = sorted(g.subjects(RDF.type, PG.Unit))[0]
    drop(unit, SKOS.notation)  # UnitNotation
    mention = _first(g, PG.PlatformMention, a)
    drop(mention, PG.platform)  # MentionPlatform
    drop(mention, PG.mentionedIn)  # MentionedIn
    put(scheme, PG.declaredCount, Literal("fifteen"))  # SchemeDeclaredCount
    g.set((scheme, PG.namedCount, Literal(7)))  # SchemeNamedCountMatches
    put(scheme, PG.namedCount, Literal(8))  # SchemeNamedCount
    # a scheme in another plan: a count over the partition instead of the scheme would differ
    other_scheme = URIRef(str(b) + "/scheme/extra")
    put(other_scheme, RDF.type, PG.Scheme)
    put(other_scheme, PG.namedCount, Literal(2))
    for k in (1, 2):
        put(URIRef(f"{other_scheme}/member/{k}"), SKOS.inScheme, other_scheme)
    # spans: sh:or of two datatypes and sh:minInclusive (an offset read back from a store)
    evidence = sorted(g.objects(tasks[15], PG.evidence))[0]
    for selector in g.objects(evidence, OA.hasSelector):
        if (selector, OA.start, None) in g:
            g.set((selector, OA.start, Literal("12")))  # SpanStart (sh:or)
    evidence = sorted(g.objects(tasks[16], PG.evidence))[0]
    for selector in g.objects(evidence, OA.hasSelector):
        if (selector, OA.end, None) in g:
            g.set((selector, OA.end, Literal(-3)))  # SpanEnd (sh:minInclusive), SpanOrder
    evidence = sorted(g.objects(tasks[17], PG.evidence))[0]
    for selector in g.objects(evidence, OA.hasSelector):
        if (selector, OA.start, None) in g:
            g.set(
                (selector, OA.start, Literal(4, datatype=XSD.integer))
            )  # conforms (a store's type)
    # indicators and the scheme of common indicators (shared nodes, no plan owns them)
    indicators = sorted(s for s in g.subjects(PG.measures, None) if isinstance(s, URIRef))
    common = sorted(g.subjects(RDF.type, PG.CommonIndicator))
    put(indicators[0], PG.measures, URIRef(ID + "common-indicator/not-in-the-scheme"))
    put(indicators[1], PG.measures, common[-1])  # IndicatorMeasures (sh:class, sh:maxCount)
    drop(common[0], SKOS.inScheme)  # CommonIndicatorScheme
    put(common[1], SKOS.inScheme, URIRef(ID + "another-scheme"))  # still has the value: conforms
    drop(common[2], SKOS.notation)  # CommonIndicatorNotation
    put(common[3], SKOS.notation, Literal("X", datatype=XSD.token))  # CommonIndicatorNotation
    put(BNode(), PG.evidence, BNode())  # a blank node with no plan: the shared partition


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, Graph]:
    folder = tmp_path_factory.mktemp("equivalence")
    files = []
    for name in PLANS:
        out = folder / f"{name}.ttl"
        assert main(["build", str(CORPUS / f"{name}.txt"), "-o", str(out)]) == 0
        files.append(out)
    g = load_graph(resource_path("data", "plan315.ttl"), *files)
    b, c = sorted(p for p in g.subjects(RDF.type, PG.Plan) if p != JIAXING)
    _mutate(g, JIAXING, b, c)  # type: ignore[arg-type]
    shapes = load_graph(resource_path("shapes", "policygraph-shapes.ttl"))
    return g, shapes


def _findings(report: Graph) -> set[tuple[object, ...]]:
    out = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        out.add(
            (
                report.value(r, SH.focusNode),
                parse_shacl_path(report, path) if path is not None else None,
                report.value(r, SH.value),
                report.value(r, SH.sourceShape),
                report.value(r, SH.sourceConstraintComponent),
                report.value(r, SH.resultSeverity),
                frozenset(report.objects(r, SH.resultMessage)),
            )
        )
    return out


@pytest.fixture(scope="module")
def reports(mutated: tuple[Graph, Graph]) -> tuple[Graph, ValidationReport]:
    g, shapes = mutated
    _, reference, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none")
    # validate() runs the engine by default (one process per CPU)
    return reference, validate(g, check_sources=False)


def test_every_shape_is_violated(
    mutated: tuple[Graph, Graph], reports: tuple[Graph, ValidationReport]
):
    _, shapes = mutated
    with_constraints = {
        s
        for s in set(shapes.subjects())
        if isinstance(s, URIRef) and set(shapes.predicates(s)) & CONSTRAINTS
    }
    # the file's 74 `a sh:PropertyShape` are its constraints (SPARQL ones included); its node
    # shapes only gather them (sh:targetClass or sh:targetSubjectsOf, sh:property)
    assert with_constraints == set(shapes.subjects(RDF.type, SH.PropertyShape))
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert set(shapes.predicates(shape)) <= {
            RDF.type, RDFS.comment, SH.targetClass, SH.targetSubjectsOf, SH.property,
        }  # fmt: skip
    assert len(with_constraints) == 74
    reported = {finding[3] for finding in _findings(reports[0])}
    assert reported == with_constraints


def test_engine_splits_the_plans(mutated: tuple[Graph, Graph]):
    g, shapes = mutated
    chunks = _shacl_engine._chunks(g, shapes, 1)
    assert chunks is not None
    # Jiaxing alone, the two linked corpus plans together, the shared triples no plan reaches
    assert len(chunks) == 3


def test_findings_are_pyshacls(reports: tuple[Graph, ValidationReport]):
    reference, fast = reports
    expected = _findings(reference)
    assert len(expected) > 100
    assert _findings(fast.graph) == expected
    assert len(set(fast.graph.subjects(RDF.type, SH.ValidationResult))) == len(expected)
    assert not fast.conforms


SPARQL_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix pg: <https://w3id.org/policygraph/def#> .
<https://example.org/S> a sh:NodeShape ; sh:targetClass pg:Task ;
    sh:sparql [ sh:select "PREFIX pg: <https://w3id.org/policygraph/def#> %s" ] .
"""


@pytest.mark.parametrize(
    ("query", "safe"),
    [
        # follows triples from $this, forwards and backwards: a plan's partition holds them
        ("SELECT $this WHERE { $this pg:lead ?d . FILTER NOT EXISTS { ?r pg:task $this } }", True),
        # any plan in the corpus: needs the whole graph
        ("SELECT $this WHERE { $this pg:lead ?d . FILTER NOT EXISTS { ?p a pg:Plan } }", False),
        # the other tasks of a shared department: they are in other plans
        ("SELECT $this WHERE { $this pg:lead ?d . ?other pg:lead ?d }", False),
        # another task's lead, through a sub-select: counted in the whole corpus
        (
            "SELECT $this ?n WHERE { $this pg:lead ?d . "
            "{ SELECT (COUNT(?t) AS ?n) WHERE { ?t pg:lead ?x } } }",
            False,
        ),
    ],
)
def test_shapes_that_span_plans_run_on_the_whole_graph(query: str, safe: bool):
    shapes = Graph().parse(data=SPARQL_SHAPE % query, format="turtle")
    assert _shacl_engine._shapes_partition_safe(shapes) is safe


OR_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix pg: <https://w3id.org/policygraph/def#> .
<https://example.org/S> a sh:NodeShape ; sh:targetClass oa:TextPositionSelector ;
    sh:property [ sh:path oa:start ; sh:minInclusive 0 ; sh:or ( %s ) ] .
"""


@pytest.mark.parametrize(
    ("branches", "safe"),
    [
        # the value's own datatype (SpanStart, SpanEnd): the split stays allowed
        ("[ sh:datatype xsd:nonNegativeInteger ] [ sh:datatype xsd:integer ]", True),
        # a branch that reads the value node backwards: it may be a shared node
        (
            "[ sh:datatype xsd:integer ] [ sh:path [ sh:inversePath pg:task ] ; sh:minCount 1 ]",
            False,
        ),
    ],
)
def test_sh_or_branches_are_checked(branches: str, safe: bool):
    shapes = Graph().parse(data=OR_SHAPE % branches, format="turtle")
    assert _shacl_engine._shapes_partition_safe(shapes) is safe


def test_the_bundled_shapes_split():
    shapes = load_graph(resource_path("shapes", "policygraph-shapes.ttl"))
    assert _shacl_engine._shapes_partition_safe(shapes)


def test_a_named_focus_node_runs_on_the_whole_graph():
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix pg: <https://w3id.org/policygraph/def#> .
        <https://example.org/S> a sh:NodeShape ;
            sh:targetNode <https://w3id.org/policygraph/id/plan/jiaxing-315> ;
            sh:property [ sh:path pg:issuer ; sh:minCount 1 ] .
        """,
        format="turtle",
    )
    assert not _shacl_engine._shapes_partition_safe(shapes)


@pytest.mark.parametrize("form", ["text", "json"])
def test_the_cli_reports_what_pyshacl_finds(
    mutated: tuple[Graph, Graph],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    form: str,
):
    # the three mutated plans in one file: the engine splits them (test_engine_splits_the_plans)
    data = tmp_path / "three-plans.ttl"
    mutated[0].serialize(data, format="turtle")
    outputs = []
    for engine in ("fast", "pyshacl"):
        code = main(["validate", str(data), "--format", form, "--engine", engine])
        outputs.append((code, *capsys.readouterr()))
    assert outputs[0][0] == 1  # violations: the documented exit code
    assert outputs[0] == outputs[1]
    assert "SpanStart" in outputs[0][1] and "CommonIndicatorScheme" in outputs[0][1]


# --- the store engine: the same data in Oxigraph -------------------------------------------


@pytest.fixture(scope="module")
def store_reports(mutated: tuple[Graph, Graph]) -> tuple[Graph, Graph, Graph]:
    """pySHACL on the store's data read back, and the store engine on the store."""
    from policygraph._shacl_store import graph_of_store, validate_store
    from policygraph.sparql import open_store

    g, shapes = mutated
    store = open_store(None, g)  # each plan in its named graph, shared nodes in the default one
    data = graph_of_store(store)  # literals as the store keeps them ("05" is 5, tags lower-case)
    _, reference, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    conforms, report = validate_store(store, shapes)
    assert conforms is False
    return data, reference, report


def test_store_engine_findings_are_pyshacls(
    mutated: tuple[Graph, Graph], store_reports: tuple[Graph, Graph, Graph]
):
    _, shapes = mutated
    _, reference, report = store_reports
    expected = _findings(reference)
    assert len(expected) > 100
    # the data as stored still breaks every shape of the file
    assert {f[3] for f in expected} == set(shapes.subjects(RDF.type, SH.PropertyShape))
    assert _findings(report) == expected
    count = len(set(report.subjects(RDF.type, SH.ValidationResult)))
    assert count == len(set(reference.subjects(RDF.type, SH.ValidationResult)))
    node = next(report.subjects(RDF.type, SH.ValidationReport))
    assert report.value(node, SH.conforms) == Literal(False)
    assert len(set(report.objects(node, SH.result))) == count


def test_store_engine_copies_paths_and_constraints(store_reports: tuple[Graph, Graph, Graph]):
    _, reference, report = store_reports

    def sparql_sources(g: Graph) -> set[tuple[object, ...]]:
        return {
            (g.value(r, SH.sourceShape), g.value(r, SH.focusNode), g.value(r, SH.sourceConstraint))
            for r in g.subjects(SH.sourceConstraintComponent, SH.SPARQLConstraintComponent)
        }

    assert sparql_sources(report) == sparql_sources(reference)
    # a sequence path is a copy of the shape's list: pg:evidence / oa:hasSource
    source = URIRef("https://w3id.org/policygraph/shapes#EvidenceSource")
    paths = {
        parse_shacl_path(report, report.value(r, SH.resultPath))
        for r in report.subjects(SH.sourceShape, source)
    }
    assert [p.n3() for p in paths] == [f"{PG.evidence.n3()}/{OA.hasSource.n3()}"]


def test_validate_takes_a_store(mutated: tuple[Graph, Graph]):
    from policygraph.sparql import open_store

    g, _ = mutated
    store = open_store(None, g)
    fast = validate(store, check_sources=False)
    reference = validate(store, check_sources=False, engine="pyshacl")
    assert fast.results == reference.results
    assert not fast.conforms and fast.count("Violation") > 50


UNSUPPORTED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix pg: <https://w3id.org/policygraph/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/Named> a sh:NodeShape ;
    sh:targetNode <https://w3id.org/policygraph/id/plan/jiaxing-315> ;
    sh:property [ sh:path pg:issuer ; sh:minCount 1 ; sh:message "no issuer" ] .
<https://example.org/Any> a sh:NodeShape ; sh:targetClass pg:Task ;
    sh:property [ sh:path [ sh:zeroOrMorePath pg:partOf ] ; sh:maxCount 3 ] .
"""


def test_unsupported_shapes_fall_back_to_pyshacl(mutated: tuple[Graph, Graph]):
    from policygraph._shacl_store import Unsupported, graph_of_store, validate_store
    from policygraph.sparql import open_store

    g, _ = mutated
    shapes = Graph().parse(data=UNSUPPORTED, format="turtle")
    store = open_store(None, g)
    with pytest.raises(Unsupported):
        validate_store(store, shapes)
    _, expected, _ = pyshacl.validate(graph_of_store(store), shacl_graph=shapes, inference="none")
    report = validate(store, shapes=shapes, check_sources=False)
    assert _findings(report.graph) == _findings(expected)
    found = _findings(expected)
    # Jiaxing's issuer was removed (PlanIssuerStated): the named node has no pg:issuer
    assert {(f[0], f[4]) for f in found if f[1] == PG.issuer} == {
        (JIAXING, SH.MinCountConstraintComponent)
    }
    # a task, its action, section and plan: four nodes on pg:partOf*, more than three
    deep = {f[0] for f in found if f[4] == SH.MaxCountConstraintComponent}
    assert deep and deep <= set(g.subjects(RDF.type, PG.Task))
