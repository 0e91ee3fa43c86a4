"""The ontology, the generated PG namespace, and the drift between them and their users."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from policygraph import model
from policygraph.resources import resource_path
from policygraph.vocab import ID, OA, PG, PREFIXES

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_IRI = URIRef("https://w3id.org/policygraph/def")
PG_NS = "https://w3id.org/policygraph/def#"
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PPLAN = Namespace("http://purl.org/net/p-plan#")
RAW = Namespace(PG_NS)  # the pg: namespace without the PG guard, to write deliberate errors
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(resource_path("ontology", "policygraph.ttl"), format="turtle")


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    path = ROOT / "tools" / "generate_vocab.py"
    if not path.is_file():
        pytest.skip("tools/generate_vocab.py is only in a source checkout")
    spec = importlib.util.spec_from_file_location("generate_vocab", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def defined_terms(graph: Graph) -> set[str]:
    """Local names of every subject in the pg: namespace."""
    return {
        str(s)[len(PG_NS) :]
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(PG_NS)
    }


def pg_terms() -> list[str]:
    return sorted(inspect.get_annotations(PG))


# --- the ontology ------------------------------------------------------------------------------


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    (version,) = (str(v) for v in onto.objects(ONTOLOGY_IRI, OWL.versionInfo))
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{version}")
    assert f"(version {version})" in inspect.getdoc(importlib.import_module("policygraph.vocab"))
    titles = {t.language: str(t) for t in onto.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert set(titles) == {"zh", "en"}
    descriptions = {d.language for d in onto.objects(ONTOLOGY_IRI, DCTERMS.description)}
    assert descriptions == {"zh", "en"}
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")
    assert onto.value(ONTOLOGY_IRI, DCTERMS.creator) == Literal("policygraph")


def test_ontology_is_valid_turtle_for_oxigraph_too(onto: Graph) -> None:
    """Oxigraph's stricter parser reads the same triples (stores load the ontology too)."""
    ox = pytest.importorskip("pyoxigraph")
    path = resource_path("ontology", "policygraph.ttl")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(quads) == len(onto)
    assert {str(q.subject.value) for q in quads if isinstance(q.subject, ox.NamedNode)} >= {
        PG_NS + "Task",
        PG_NS + "lead",
    }


def test_every_term_is_typed_and_has_one_label_per_language(onto: Graph) -> None:
    problems = []
    for name in sorted(defined_terms(onto)):
        term = PG[name]
        kinds = set(onto.objects(term, RDF.type)) & {*TERM_KINDS, SKOS.ConceptScheme}
        pref = [o for o in onto.objects(term, SKOS.prefLabel) if isinstance(o, Literal)]
        for lang in ("zh", "en"):
            if sum(1 for o in pref if o.language == lang) != 1:
                problems.append(f"{name}: prefLabel @{lang}")
        if len(pref) != 2:
            problems.append(f"{name}: {len(pref)} prefLabels")
        labels = [o for o in onto.objects(term, RDFS.label) if isinstance(o, Literal)]
        if [o.language for o in labels] != ["en"]:
            problems.append(f"{name}: rdfs:label")
        definitions = {
            o.language for o in onto.objects(term, SKOS.definition) if isinstance(o, Literal)
        }
        if "en" not in definitions:
            problems.append(f"{name}: definition @en")
        if not kinds:
            problems.append(f"{name}: no class, property, individual or scheme type")
        if onto.value(term, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            problems.append(f"{name}: rdfs:isDefinedBy")
    assert problems == []


def test_english_prefLabel_equals_rdfs_label(onto: Graph) -> None:
    for name in defined_terms(onto):
        en = [o for o in onto.objects(PG[name], SKOS.prefLabel) if o.language == "en"]
        assert en == list(onto.objects(PG[name], RDFS.label)), name


# One row per alignment asked of the ontology (ARCHITECTURE: align, do not reinvent).
ALIGNMENTS = [
    (PG.Department, RDFS.subClassOf, ORG.OrganizationalUnit),
    (PG.CollectiveUnit, RDFS.subClassOf, PG.Department),
    (PG.issuer, RDFS.range, ORG.Organization),
    (PG.Plan, RDFS.subClassOf, PROV.Entity),
    (PG.Plan, RDFS.subClassOf, PROV.Plan),
    (PG.SourceDocument, RDFS.subClassOf, PROV.Entity),
    (PG.source, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (PG.evidence, RDFS.range, OA.SpecificResource),
    (PG.Scheme, RDFS.subClassOf, SKOS.ConceptScheme),
    (PG.Highland, RDFS.subClassOf, SKOS.Concept),
    (PG.StrategicField, RDFS.subClassOf, SKOS.Concept),
    (PG.Comparator, RDFS.subClassOf, SKOS.Concept),
    (PG.Periodicity, RDFS.subClassOf, SKOS.Concept),
    (PG.PlatformType, RDFS.subClassOf, SKOS.Concept),
    (PG.Indicator, RDFS.subClassOf, SKOS.Concept),
    (PG.Unit, RDFS.subClassOf, SKOS.Concept),
    (PG.Role, RDFS.subClassOf, SKOS.Concept),
    (PG.period, RDFS.range, TIME.Interval),
    (PG.issued, RDFS.subPropertyOf, DCTERMS.issued),
    (PG.partOf, RDFS.subPropertyOf, DCTERMS.isPartOf),
    (PG.lead, RDFS.subPropertyOf, PG.responsible),
    (PG.Plan, SKOS.closeMatch, ELI.LegalResource),
    (PG.Task, SKOS.closeMatch, PPLAN.Step),
]


@pytest.mark.parametrize(("s", "p", "o"), ALIGNMENTS, ids=lambda t: t.n3() if t else "")
def test_alignment(onto: Graph, s: URIRef, p: URIRef, o: URIRef) -> None:
    assert (s, p, o) in onto


def test_close_matches_are_not_equivalences(onto: Graph) -> None:
    """External vocabularies are linked by subclass/subproperty or closeMatch, never owl:sameAs."""
    assert list(onto.triples((None, OWL.sameAs, None))) == []
    for s, _, o in onto.triples((None, OWL.equivalentClass, None)):
        pytest.fail(f"{s} owl:equivalentClass {o}: use rdfs:subClassOf or skos:closeMatch")


DATATYPE_RANGES = {
    "value": XSD.decimal,
    "upperValue": XSD.decimal,
    "deadline": XSD.gYear,
    "deadlineYear": XSD.integer,
    "deadlineImplied": XSD.boolean,
    "position": XSD.integer,
    "rank": XSD.integer,
    "startYear": XSD.integer,
    "endYear": XSD.integer,
    "issued": XSD.date,
    "characterCount": XSD.integer,
    "declaredCount": XSD.integer,
    "namedCount": XSD.integer,
    "number": XSD.string,
    "sha256": XSD.string,
    "fileName": XSD.string,
    "originalSha256": XSD.string,
    "originalFileName": XSD.string,
    "nameCore": RDF.langString,
    "quantityKind": XSD.string,
}


def test_datatype_properties_have_the_contract_ranges(onto: Graph) -> None:
    declared = {
        str(p)[len(PG_NS) :]: onto.value(p, RDFS.range)
        for p in onto.subjects(RDF.type, OWL.DatatypeProperty)
    }
    assert declared == DATATYPE_RANGES


def test_no_blank_nodes_or_heavy_owl_axioms(onto: Graph) -> None:
    """Plain RDFS + SKOS annotations keep pyshacl's RDFS/OWL-RL inference small."""
    assert [t for t in onto if any(isinstance(x, BNode) for x in t)] == []
    heavy = {OWL.Restriction, OWL.TransitiveProperty, OWL.SymmetricProperty}
    assert {o for o in onto.objects(None, RDF.type)} & heavy == set()


def test_rdfs_inference_with_the_ontology() -> None:
    """A small instance graph gains the expected entailments, and nothing explodes."""
    import owlrl

    dept = ID["department/jiaxing/science-technology-bureau"]
    task = ID["plan/jiaxing-315/task/2-1-1"]
    data = Graph().parse(resource_path("ontology", "policygraph.ttl"), format="turtle")
    before = len(data)
    data.add((task, PG.lead, dept))
    data.add((ID["plan/jiaxing-315"], PG.issued, Literal("2023-03-30", datatype=XSD.date)))
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(data)
    assert (task, PG.responsible, dept) in data
    assert (dept, RDF.type, ORG.OrganizationalUnit) in data
    assert (task, RDF.type, PG.Task) in data
    assert (ID["plan/jiaxing-315"], RDF.type, PROV.Entity) in data
    assert len(data) < 5 * before


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_shapes_still_conform_with_the_ontology_merged(inference: str) -> None:
    """Users may validate with the ontology (pyshacl -e / ont_graph): a valid graph stays valid."""
    pyshacl = pytest.importorskip("pyshacl")
    data_path = ROOT / "tests" / "fixtures" / "shapes" / "plan-valid.ttl"
    shapes_path = resource_path("shapes", "policygraph-shapes.ttl")
    if not data_path.is_file() or not shapes_path.is_file():
        pytest.skip("shapes or their valid fixture are not there yet")
    data = Graph().parse(data_path, format="turtle")
    shapes = Graph().parse(shapes_path, format="turtle")
    onto = Graph().parse(resource_path("ontology", "policygraph.ttl"), format="turtle")
    assert pyshacl.validate(data, shacl_graph=shapes, inference="none")[0]
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=onto, inference=inference
    )
    assert conforms, text


def test_concept_schemes_hold_their_individuals(onto: Graph) -> None:
    def members(scheme: URIRef) -> set[str]:
        return {str(c)[len(PG_NS) :] for c in onto.subjects(SKOS.inScheme, scheme)}

    assert members(PG.Comparators) == set(model.COMPARATORS)
    assert members(PG.Periodicities) == set(model.PERIODICITIES)
    assert members(PG.Roles) == {"LeadRole", "SupportRole"}
    for cls, scheme in [
        (PG.Comparator, PG.Comparators),
        (PG.Periodicity, PG.Periodicities),
        (PG.Role, PG.Roles),
        (PG.PlatformType, PG.PlatformTypes),
    ]:
        individuals = set(onto.subjects(RDF.type, cls))
        assert individuals == set(onto.subjects(SKOS.inScheme, scheme))
        for i in individuals:
            assert (i, RDF.type, SKOS.Concept) in onto
            assert (i, SKOS.topConceptOf, scheme) in onto


def test_comparator_notations(onto: Graph) -> None:
    notations = {str(c)[len(PG_NS) :]: str(n) for c, n in onto.subject_objects(SKOS.notation)}
    assert notations == {
        "AtLeast": "≥",
        "MoreThan": ">",
        "Approximately": "≈",
        "Exactly": "=",
        "Between": "∈",
        "AtMost": "≤",
        "LessThan": "<",
    }


# --- the generated namespace -------------------------------------------------------------------


def test_pg_attributes_equal_ontology_terms(onto: Graph) -> None:
    assert set(pg_terms()) == defined_terms(onto)


@pytest.mark.parametrize("name", pg_terms())
def test_pg_attribute_is_the_term_iri(name: str) -> None:
    assert getattr(PG, name) == URIRef(PG_NS + name)
    assert PG[name] == URIRef(PG_NS + name)


def test_unknown_term_fails_loudly() -> None:
    with pytest.raises(AttributeError, match="Nonexistent"):
        PG.Nonexistent  # noqa: B018
    with pytest.raises(AttributeError):
        PG["task "]
    assert "Task" in PG
    assert "Tsak" not in PG


def test_vocab_is_what_the_generator_writes_now(generator: ModuleType) -> None:
    committed = (ROOT / "src" / "policygraph" / "vocab.py").read_text(encoding="utf-8")
    assert committed == generator.render(), "run: python tools/generate_vocab.py"
    assert committed.startswith("# GENERATED by tools/generate_vocab.py")


def test_generator_check_reports_drift(
    generator: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stale = tmp_path / "vocab.py"
    stale.write_text(generator.render().replace("    Task: URIRef  # task\n", ""), "utf-8")
    monkeypatch.setattr(generator, "ROOT", tmp_path)
    monkeypatch.setattr(generator, "TARGET", stale)
    assert generator.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "+    Task: URIRef  # task" in out
    assert generator.main([]) == 0
    assert stale.read_text("utf-8") == generator.render()
    assert generator.main(["--check"]) == 0


def test_generated_vocab_is_ruff_formatted() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    vocab = ROOT / "src" / "policygraph" / "vocab.py"
    result = subprocess.run(
        [ruff, "format", "--check", "--diff", str(vocab)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_prefixes() -> None:
    assert PREFIXES["pg"] == PG_NS
    assert PREFIXES["id"] == "https://w3id.org/policygraph/id/"
    assert PREFIXES["oa"] == "http://www.w3.org/ns/oa#"
    assert PREFIXES["org"] == "http://www.w3.org/ns/org#"
    assert PREFIXES["time"] == "http://www.w3.org/2006/time#"
    assert set(PREFIXES) >= {"skos", "prov", "dcterms", "xsd", "rdf", "rdfs", "owl", "sh"}
    assert len(set(PREFIXES.values())) == len(PREFIXES)


def test_import_vocab_stays_light() -> None:
    code = (
        "import sys, policygraph.vocab; "
        "print(sorted(m for m in ('pandas', 'pyshacl', 'networkx', 'matplotlib', "
        "'pyoxigraph', 'SPARQLWrapper', 'yaml') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --- every pg: term used anywhere in the project is defined -------------------------------------

# pg:Name in Turtle, SPARQL and prose; the full IRI; PG.Name and PG["Name"] in Python (mypy does
# not see misspelt DefinedNamespace attributes, and _fail only fires on the code path that runs)
_TERM_PATTERNS = {
    ".md": [r"\bpg:([A-Za-z_]\w*)", r"policygraph/def#(\w+)"],
    ".rq": [r"\bpg:([A-Za-z_]\w*)", r"policygraph/def#(\w+)"],
    ".ttl": [r"\bpg:([A-Za-z_]\w*)", r"policygraph/def#(\w+)"],
    ".py": [r"\bPG\.([A-Za-z]\w*)", r"\bPG\[\"(\w+)\"\]", r"\bpg:([A-Za-z_]\w*)"],
    ".ipynb": [r"\bPG\.([A-Za-z]\w*)", r"\bpg:([A-Za-z_]\w*)"],
}
# files that name a missing term on purpose (tests are not scanned: they write bad data on purpose)
_DELIBERATE = {"src/policygraph/vocab.py"}


def _project_files() -> list[Path]:
    found = []
    for folder in ("docs", "queries", "shapes", "data", "notebooks", "src"):
        base = ROOT / folder
        if base.is_dir():
            found.extend(
                p
                for p in base.rglob("*")
                if p.suffix in _TERM_PATTERNS
                and p.is_file()
                and p.relative_to(ROOT).as_posix() not in _DELIBERATE
                and "sources" not in p.parts
            )
    return sorted(found)


def terms_used_in(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {m for pattern in _TERM_PATTERNS[path.suffix] for m in re.findall(pattern, text)}


def test_data_model_page_uses_only_defined_terms(onto: Graph) -> None:
    used = terms_used_in(ROOT / "docs" / "data-model.md")
    # the page names the contract's core terms
    assert {"Plan", "Task", "Responsibility", "LeadRole", "hasTarget", "evidence"} <= used
    assert sorted(used - defined_terms(onto)) == []


@pytest.mark.parametrize("path", _project_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_project_files_use_only_defined_terms(onto: Graph, path: Path) -> None:
    assert sorted(terms_used_in(path) - defined_terms(onto)) == []


def test_term_scan_finds_misspellings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('g.add((t, PG.leed, d))\ng.add((t, RDF.type, PG["Tsak"]))\n', "utf-8")
    assert terms_used_in(bad) == {"leed", "Tsak"}


def test_curation_platform_types_are_the_ontology_s() -> None:
    curation = pytest.importorskip("policygraph.curation")
    onto = Graph().parse(resource_path("ontology", "policygraph.ttl"), format="turtle")
    types = {str(t)[len(PG_NS) :] for t in onto.subjects(RDF.type, PG.PlatformType)}
    assert set(curation.PLATFORM_TYPES) == types


def usage_problems(data: Graph, onto: Graph) -> list[str]:
    """How instance data departs from the ontology's declarations (empty when it does not).

    pg: predicates must be declared properties, datatype properties must carry literals of
    their range, pg: classes and individuals must be declared, and subjects and objects of
    properties with a pg: domain or range must have that type (or a subclass of it).
    """
    classes = set(onto.subjects(RDF.type, OWL.Class))
    object_props = set(onto.subjects(RDF.type, OWL.ObjectProperty))
    datatype_props = set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    individuals = set(onto.subjects(RDF.type, OWL.NamedIndividual))

    def types(node: object) -> set[URIRef]:
        declared = [*data.objects(node, RDF.type), *onto.objects(node, RDF.type)]
        direct = {t for t in declared if isinstance(t, URIRef)}
        return {sup for t in direct for sup in onto.transitive_objects(t, RDFS.subClassOf)} | direct

    def in_pg(term: object) -> bool:
        return isinstance(term, URIRef) and str(term).startswith(PG_NS)

    problems = set()
    for s, p, o in data:
        if in_pg(s):
            problems.add(f"pg: term as a subject: {s}")
        if in_pg(p):
            if p in datatype_props:
                rng = onto.value(p, RDFS.range)
                # a simple literal ("abc": no datatype, no language) is an xsd:string
                datatype = XSD.string if isinstance(o, Literal) and o.language is None else None
                if isinstance(o, Literal) and o.datatype is not None:
                    datatype = o.datatype
                if datatype != rng:
                    problems.add(f"{s} {p} {o!r}: expected a {rng} literal")
            elif p in object_props:
                rng = onto.value(p, RDFS.range)
                if isinstance(o, Literal):
                    problems.add(f"{s} {p} {o!r}: expected a resource")
                elif in_pg(rng) and rng not in types(o):
                    problems.add(f"{s} {p} {o}: object is not a {rng}")
            else:
                problems.add(f"undefined or untyped property {p}")
            domain = onto.value(p, RDFS.domain)
            if in_pg(domain) and domain not in types(s):
                problems.add(f"{s} {p}: subject is not a {domain}")
        if in_pg(o):
            expected = classes if p == RDF.type else individuals
            if o not in expected:
                problems.add(f"{s} {p} {o}: not a declared {'class' if p == RDF.type else 'term'}")
    return sorted(problems)


def test_usage_problems_are_found(onto: Graph) -> None:
    task = ID["plan/p/task/1"]
    dept = ID["department/j/u1"]
    target = ID["plan/p/target/1"]
    good = Graph()
    good.add((task, RDF.type, PG.Task))
    good.add((dept, RDF.type, PG.CollectiveUnit))
    good.add((task, PG.lead, dept))
    good.add((target, RDF.type, PG.Target))
    good.add((task, PG.hasTarget, target))
    good.add((target, PG.value, Literal("3.65", datatype=XSD.decimal)))
    good.add((target, PG.comparator, PG.MoreThan))
    good.add((target, PG.deadline, Literal("2027", datatype=XSD.gYear)))
    assert usage_problems(good, onto) == []

    bad = Graph()
    bad.add((task, RDF.type, RAW.Tsak))
    bad.add((task, PG.lead, dept))
    bad.add((target, PG.value, Literal(3.65)))
    bad.add((target, PG.comparator, RAW.Roughly))
    bad.add((task, RAW.leader, dept))
    assert usage_problems(bad, onto) == sorted(
        [
            f"{target} {PG.comparator} {RAW.Roughly}: not a declared term",
            f"{target} {PG.comparator} {RAW.Roughly}: object is not a {PG.Comparator}",
            f"{target} {PG.comparator}: subject is not a {PG.Target}",
            f"{target} {PG.value} {Literal(3.65)!r}: expected a {XSD.decimal} literal",
            f"{target} {PG.value}: subject is not a {PG.Target}",
            f"{task} {PG.lead} {dept}: object is not a {PG.Department}",
            f"{task} {PG.lead}: subject is not a {PG.Task}",
            f"{task} {RDF.type} {RAW.Tsak}: not a declared class",
            f"undefined or untyped property {RAW.leader}",
        ]
    )


def test_built_plan_uses_the_ontology_as_declared(onto: Graph) -> None:
    path = resource_path("data", "plan315.ttl")
    if not path.is_file():
        pytest.skip("data/plan315.ttl has not been built yet")
    plan = Graph().parse(path, format="turtle")
    assert usage_problems(plan, onto) == []
    used = {
        str(t)[len(PG_NS) :]
        for triple in plan
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(PG_NS)
    }
    assert {"Plan", "Task", "lead", "responsible", "hasTarget", "LeadRole"} <= used
    # every class, property and individual of the contract page is used by the built plan
    assert terms_used_in(ROOT / "docs" / "data-model.md") - used <= {
        "CollectiveUnit",  # only when the plan names collective units
        "implementedBy",  # only when a note names units for every later task
        # only when the plan was read from a file that is not its UTF-8 text (a PDF, a .docx);
        # test_plan_read_from_a_pdf_uses_the_ontology_as_declared uses them
        "originalFileName",
        "originalSha256",
        "Between",
        "AtMost",
        "LessThan",
        "Approximately",
        "Exactly",
        "AtLeast",
        "MoreThan",
        "Annual",
        "Cumulative",
        "upperValue",
        "Laboratory",
        "SupportRole",
    }


def test_plan_read_from_a_pdf_uses_the_ontology_as_declared(onto: Graph) -> None:
    from policygraph.rdf import build_plan

    pdf = ROOT / "tests" / "fixtures" / "formats" / "plan.pdf"
    _, plan = build_plan(pdf)
    assert usage_problems(plan, onto) == []
    used = {p for _, p, _ in plan if str(p).startswith(PG_NS)}
    assert {PG.originalFileName, PG.originalSha256, PG.fileName, PG.sha256} <= used
