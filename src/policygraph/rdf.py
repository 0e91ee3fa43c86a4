r"""PlanDocument → RDF, and reading and writing graphs.

This is the one module that knows how the ontology's terms are used for instance data; the
patterns are documented in ``docs/data-model.md``.

Examples
--------
>>> from policygraph.extraction import extract
>>> from policygraph.rdf import to_rdf
>>> from policygraph.vocab import PG
>>> from rdflib import RDF
>>> text = (
...     "某市科技创新实施方案（2024—2026年）\n一、重点任务\n"
...     "1．建设实验室。（责任单位：市科技局、市财政局）\n"
... )
>>> g = to_rdf(extract(text))
>>> len(list(g.subjects(RDF.type, PG.Task)))
1
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ._atomic import atomic_path
from ._gc import paused
from ._rdfparse import parse_rdf
from ._surrogates import first_surrogate, printable
from .departments import (
    CHINA,
    FUNCTION_SCHEME,
    DepartmentReading,
    Jurisdiction,
    function_scheme,
    plan_jurisdiction,
    read_department,
)
from .errors import ExtractionError, InputError
from .gazetteer import lookup
from .indicators import INDICATOR_SCHEME, CommonIndicator, fold, indicator_key, match_indicator
from .model import PlanDocument, PlatformMention, Section, Span, Target
from .resources import PLAN315_TTL, resource_path
from .units import unit_info
from .vocab import DCTERMS, ID, OA, ORG, PG, PREFIXES, PROV, SKOS, TIME

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = [
    "bind_prefixes",
    "build_document",
    "build_plan",
    "department_iri",
    "load_graph",
    "load_plan",
    "plan_iri",
    "plan_triples",
    "save_graph",
    "to_rdf",
]

_KIND_CLASS = {
    "section": PG.Section,
    "action": PG.Action,
    "task": PG.Task,
    "goal": PG.Goal,
    "safeguard": PG.Safeguard,
}
_SCHEME_MEMBER_CLASS = {"highlands": PG.Highland, "strategic-fields": PG.StrategicField}
_ROLE = {"lead": PG.LeadRole, "support": PG.SupportRole}
_ROLE_ZH = {"lead": "牵头", "support": "配合"}


def _digest(text: str, n: int) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def _target_en(target: Target, common: CommonIndicator | None) -> str | None:
    """The curated English label, else one made from the common indicator's English name."""
    if target.label_en or target.indicator_en or common is None:
        return target.label_en
    from .curation import target_label_en

    return target_label_en(replace(target, indicator_en=common.label_en))


def _decimal(value: Decimal) -> Literal:
    """An ``xsd:decimal`` literal in canonical form (``2000.0``, ``3.65``), stable in Turtle."""
    text = format(Decimal(value).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def plan_iri(doc: PlanDocument, /) -> URIRef:
    """Return the plan's IRI: the curated id, or ``p`` + 8 hex digits of the title.

    Examples
    --------
    >>> from policygraph.model import PlanDocument, Span
    >>> doc = PlanDocument(source="x", source_name="x", title="x", title_span=Span(0, 1))
    >>> doc.id = "demo"
    >>> str(plan_iri(doc))
    'https://w3id.org/policygraph/id/plan/demo'
    """
    return ID[f"plan/{doc.id or 'p' + _digest(doc.title, 8)}"]


_LEVEL = {
    "national": PG.NationalLevel,
    "provincial": PG.ProvincialLevel,
    "prefecture": PG.PrefectureLevel,
    "county": PG.CountyLevel,
    "district": PG.DistrictLevel,
}


def _jurisdiction(doc: PlanDocument, plan: Jurisdiction | None = None) -> str:
    """The plan's jurisdiction slug: curated, or ``china``, or derived from its place's name."""
    if doc.jurisdiction:
        return doc.jurisdiction
    plan = plan_jurisdiction(doc) if plan is None else plan
    if plan.level == "national":
        return "china"
    return "j" + _digest(plan.place or doc.issuer or doc.title, 8)


def _government_slug(doc: PlanDocument, plan: Jurisdiction, government: Jurisdiction) -> str:
    """The slug of a department's government: the plan's own, ``china``, or its place's."""
    if government == plan:
        return _jurisdiction(doc, plan)
    if government.level == "national":
        return "china"
    return "j" + _digest(government.place or "", 8)


def _parent_government(government: Jurisdiction) -> Jurisdiction | None:
    """The government a government belongs to: its gazetteer parent, the State for a province."""
    if government.level == "national" or government.place is None:
        return None
    place = lookup(government.place)
    if place is None or place.name != government.place:
        return None
    if place.parent is None:
        return CHINA
    parent = lookup(place.parent)
    if parent is None:
        return None
    return Jurisdiction(parent.level, parent.name, parent.en)


def department_iri(doc: PlanDocument, name: str, /, *, plan: Jurisdiction | None = None) -> URIRef:
    """Return the IRI of a department, by its name as written.

    A curated department keeps the plan's jurisdiction and its curated slug. Otherwise the
    jurisdiction is the department's own government when its name or the plan says which
    (国家发展改革委 is ``china``'s in any plan; 市科技局 is the plan's city's), else the plan's.

    Examples
    --------
    >>> from policygraph.model import PlanDocument, Span
    >>> doc = PlanDocument("x", "x", "宁波市科技创新方案", Span(0, 9), issuer="宁波市人民政府")
    >>> department_iri(doc, "国家发展改革委").split("/")[-2]
    'china'
    >>> department_iri(doc, "市科技局") == department_iri(doc, "市科技局")
    True
    """
    plan = plan_jurisdiction(doc) if plan is None else plan
    if name in doc.department_ids:
        return ID[f"department/{_jurisdiction(doc, plan)}/{doc.department_ids[name]}"]
    government = read_department(name, plan=plan).government
    slug = (
        _government_slug(doc, plan, government)
        if government is not None
        else _jurisdiction(doc, plan)
    )
    return ID[f"department/{slug}/u{_digest(name, 10)}"]


def _is_collective(doc: PlanDocument, name: str, reading: DepartmentReading) -> bool:
    # curated, or read: 有关县〔市、区〕政府, 各有关部门, 各OPC社区
    return name in doc.collective_departments or reading.collective


class _Builder:
    """Accumulates the triples of one plan; one method per kind of entity."""

    def __init__(self, doc: PlanDocument) -> None:
        self.doc = doc
        # insertion-ordered and free of repeats (a department is added once per task)
        self.triples: dict[tuple[Node, Node, Node], None] = {}
        self.plan = plan_iri(doc)
        self.jurisdiction = plan_jurisdiction(doc)
        self.source = URIRef(f"{self.plan}/source")
        self.target_no = {id(t): n for n, t in enumerate(doc.all_targets(), start=1)}

    def add(self, s: Node, p: Node, o: Node) -> None:
        if isinstance(o, Literal) and isinstance(o.value, str):
            found = first_surrogate(o.value)
            if found is not None:  # a label or name from curation or the caller
                name = str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                raise ExtractionError(
                    f"the {name} of <{s}> holds {found[1]}: '{printable(o.value)}'",
                    source=printable(self.doc.source_name),
                )
        self.triples[(s, p, o)] = None

    def labels(self, node: URIRef, zh: str, en: str | None) -> None:
        self.add(node, SKOS.prefLabel, Literal(zh, lang="zh"))
        if en:
            self.add(node, SKOS.prefLabel, Literal(en, lang="en"))

    def evidence(self, node: URIRef, span: Span) -> None:
        ev = URIRef(f"{node}/evidence")
        pos = URIRef(f"{ev}/position")
        quote = URIRef(f"{ev}/quote")
        self.add(node, PG.evidence, ev)
        self.add(ev, RDF.type, OA.SpecificResource)
        self.add(ev, OA.hasSource, self.source)
        self.add(ev, OA.hasSelector, pos)
        self.add(ev, OA.hasSelector, quote)
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger))
        self.add(pos, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(span.text(self.doc.source)))

    def in_plan(self, node: URIRef) -> None:
        self.add(node, PG.inPlan, self.plan)

    # -- the plan and its metadata ------------------------------------------------------
    def plan_node(self) -> None:
        doc, plan = self.doc, self.plan
        self.add(plan, RDF.type, PG.Plan)
        self.labels(plan, doc.title, doc.label_en)
        self.evidence(plan, doc.title_span)
        self.add(plan, PG.source, self.source)
        self.add(plan, PROV.wasDerivedFrom, self.source)
        src = self.source
        self.add(src, RDF.type, PG.SourceDocument)
        self.add(src, DCTERMS["format"], Literal("text/plain; charset=utf-8"))
        self.add(src, PG.fileName, Literal(PurePath(doc.source_name).name))
        self.add(src, PG.sha256, Literal(hashlib.sha256(doc.source.encode("utf-8")).hexdigest()))
        self.add(src, PG.characterCount, Literal(len(doc.source)))
        if doc.original_name is not None and doc.original_sha256 is not None:
            self.add(src, PG.originalFileName, Literal(PurePath(doc.original_name).name))
            self.add(src, PG.originalSha256, Literal(doc.original_sha256))
        if doc.issuer:
            slug = doc.issuer_id or "u" + _digest(doc.issuer, 10)
            org = ID[f"organization/{_jurisdiction(doc, self.jurisdiction)}/{slug}"]
            self.add(plan, PG.issuer, org)
            self.add(org, RDF.type, ORG.Organization)
            self.labels(org, doc.issuer, doc.issuer_en)
        if doc.date:
            self.add(plan, PG.issued, Literal(doc.date.isoformat(), datatype=XSD.date))
        if doc.period:
            self.period(*doc.period)

    def period(self, start: int, end: int) -> None:
        interval = URIRef(f"{self.plan}/period")
        self.add(self.plan, PG.period, interval)
        self.add(self.plan, PG.startYear, Literal(start))
        self.add(self.plan, PG.endYear, Literal(end))
        self.add(interval, RDF.type, TIME.Interval)
        for name, year, prop in (("start", start, TIME.hasBeginning), ("end", end, TIME.hasEnd)):
            instant = URIRef(f"{interval}/{name}")
            self.add(interval, prop, instant)
            self.add(instant, RDF.type, TIME.Instant)
            self.add(instant, TIME.inXSDgYear, Literal(str(year), datatype=XSD.gYear))

    def schemes(self) -> None:
        for scheme in self.doc.schemes:
            node = URIRef(f"{self.plan}/scheme/{scheme.key}")
            self.add(self.plan, PG.declares, node)
            self.add(node, RDF.type, PG.Scheme)
            self.add(node, RDF.type, SKOS.ConceptScheme)
            self.labels(node, scheme.title, scheme.label_en)
            self.in_plan(node)
            self.evidence(node, scheme.span)
            if scheme.declared is not None:
                self.add(node, PG.declaredCount, Literal(scheme.declared))
            self.add(node, PG.namedCount, Literal(len(scheme.members)))
            member_class = _SCHEME_MEMBER_CLASS.get(scheme.key)
            for n, member in enumerate(scheme.members, start=1):
                m = URIRef(f"{node}/{n}")
                self.add(m, RDF.type, SKOS.Concept)
                if member_class is not None:
                    self.add(m, RDF.type, member_class)
                self.add(m, SKOS.inScheme, node)
                self.add(m, PG.position, Literal(n))
                self.labels(m, member.name, member.label_en)
                self.in_plan(m)
                self.evidence(m, member.span)

    # -- parts of the plan --------------------------------------------------------------
    def part(self, section: Section, parent: URIRef) -> None:
        node = URIRef(f"{self.plan}/{section.kind}/{section.path}")
        self.add(node, RDF.type, _KIND_CLASS[section.kind])
        if section.responsibilities and section.kind != "task":
            # a part that assigns departments (e.g. a safeguard with a clause) is also a task:
            # a pg:Responsibility always belongs to a pg:Task
            self.add(node, RDF.type, PG.Task)
        self.add(node, PG.partOf, parent)
        self.add(node, PG.position, Literal(section.position))
        self.add(node, PG.number, Literal(section.number))
        self.in_plan(node)
        self.labels(node, section.title, section.label_en)
        self.evidence(node, section.span)
        for resp in section.responsibilities:
            self.responsibility(node, section, resp.department, resp.rank, resp.role, resp.span)
        self.targets(node, section.targets)
        self.mentions(node, section, section.platforms)
        for child in section.children:
            self.part(child, node)

    def department(self, name: str) -> URIRef:
        reading = read_department(name, plan=self.jurisdiction)
        dept = department_iri(self.doc, name, plan=self.jurisdiction)
        self.add(dept, RDF.type, PG.Department)
        if _is_collective(self.doc, name, reading):
            self.add(dept, RDF.type, PG.CollectiveUnit)
        self.labels(dept, name, self.department_en(name))
        for key in reading.functions:
            self.add(dept, PG.function, self.function(key))
        for level in reading.levels:
            self.add(dept, PG.level, _LEVEL[level])
        if reading.government is not None:
            self.add(dept, PG.government, self.government(reading.government))
        return dept

    def department_en(self, name: str) -> str | None:
        """The curated English name, else the one read from the name's parts."""
        curated = self.doc.departments_en.get(name)
        return curated or read_department(name, plan=self.jurisdiction).label_en

    def function(self, key: str) -> URIRef:
        fn = function_scheme()[key]
        node = URIRef(fn.iri)
        self.add(node, RDF.type, PG.Function)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.inScheme, URIRef(FUNCTION_SCHEME))
        self.labels(node, fn.label_zh, fn.label_en)
        return node

    def government(self, government: Jurisdiction) -> URIRef:
        node = ID[f"government/{_government_slug(self.doc, self.jurisdiction, government)}"]
        self.add(node, RDF.type, PG.Government)
        if government.level is not None:
            self.add(node, PG.level, _LEVEL[government.level])
        if government.place is not None:
            self.labels(node, government.place, government.place_en)
        parent = _parent_government(government)
        if parent is not None:
            self.add(node, ORG.subOrganizationOf, self.government(parent))
        return node

    def plan_government(self) -> None:
        """The plan's level, and its government when the issuer or title names its place."""
        plan = self.jurisdiction
        if plan.level is not None:
            self.add(self.plan, PG.level, _LEVEL[plan.level])
        if plan.place is not None:
            self.add(self.plan, PG.government, self.government(plan))

    def responsibility(
        self, task: URIRef, section: Section, name: str, rank: int, role: str, span: Span
    ) -> None:
        dept = self.department(name)
        node = URIRef(f"{task}/responsibility/{rank}")
        self.add(node, RDF.type, PG.Responsibility)
        self.add(node, PG.task, task)
        self.add(node, PG.department, dept)
        self.add(node, PG.rank, Literal(rank))
        self.add(node, PG.role, _ROLE[role])
        self.in_plan(node)
        dept_en = self.department_en(name)
        en = f"{section.label_en}: {dept_en} ({role})" if section.label_en and dept_en else None
        self.labels(node, f"{section.title}：{name}（{_ROLE_ZH[role]}）", en)
        self.evidence(node, span)
        self.add(task, PG.responsible, dept)
        if name == section.lead:  # the first of several co-leads is the lead
            self.add(task, PG.lead, dept)

    def targets(self, owner: URIRef, targets: Iterable[Target]) -> None:
        for target in targets:
            n = self.target_no[id(target)]
            node = URIRef(f"{self.plan}/target/{n}")
            self.add(owner, PG.hasTarget, node)
            self.add(node, RDF.type, PG.Target)
            self.add(node, PG.position, Literal(n))
            self.in_plan(node)
            common = match_indicator(target.indicator, target.unit)
            self.labels(node, target.text, _target_en(target, common))
            self.evidence(node, target.span)
            self.add(node, PG.value, _decimal(target.value))
            if target.upper_value is not None:
                self.add(node, PG.upperValue, _decimal(target.upper_value))
            self.add(node, PG.unit, self.unit(target.unit))
            self.add(node, PG.comparator, PG[target.comparator])
            if target.deadline is not None:
                self.add(node, PG.deadline, Literal(str(target.deadline), datatype=XSD.gYear))
                self.add(node, PG.deadlineYear, Literal(target.deadline))
                self.add(node, PG.deadlineImplied, Literal(target.deadline_implied))
            if target.periodicity:
                self.add(node, PG.periodicity, PG[target.periodicity])
            self.add(node, PG.indicator, self.indicator(target, node, common))

    def unit(self, notation: str) -> URIRef:
        info = unit_info(notation)
        node = ID[f"unit/{info.slug}"]
        self.add(node, RDF.type, PG.Unit)
        self.add(node, SKOS.notation, Literal(notation))
        self.labels(node, notation or "（无单位）", info.en)
        return node

    def indicator(
        self, target: Target, target_node: URIRef, common: CommonIndicator | None
    ) -> URIRef:
        """The target's indicator: curated id, else one IRI per wording and unit kind.

        A wording that does not name what it measures gets an IRI of its target alone, so
        identical words about different things never meet across plans.
        """
        key = indicator_key(target.indicator, target.unit)
        if target.indicator_id:
            node = ID[f"indicator/{target.indicator_id}"]
        elif key is not None:
            node = ID[f"indicator/u{_digest(key, 10)}"]
        else:
            node = URIRef(f"{target_node}/indicator")
        self.add(node, RDF.type, PG.Indicator)
        en = target.indicator_en or (common.label_en if common is not None else None)
        zh = target.indicator
        if key is not None and not target.indicator_id:
            # an indicator shared across plans is named alike by all (全省高新技术企业 and
            # 高新技术企业 are one); each plan's wording stays an alternative label
            zh = fold(target.indicator)
            if zh != target.indicator:
                self.add(node, SKOS.altLabel, Literal(target.indicator, lang="zh"))
        self.labels(node, zh, en)
        if common is not None:
            self.add(node, PG.measures, self.common_indicator(common))
        return node

    def common_indicator(self, common: CommonIndicator) -> URIRef:
        node = URIRef(common.iri)
        self.add(node, RDF.type, PG.CommonIndicator)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.inScheme, URIRef(INDICATOR_SCHEME))
        self.add(node, SKOS.notation, Literal(common.notation))
        self.labels(node, common.label_zh, common.label_en)
        return node

    def mentions(
        self, owner: URIRef, section: Section | None, mentions: Iterable[PlatformMention]
    ) -> None:
        owner_zh = section.title if section else self.doc.title
        owner_en = section.label_en if section else self.doc.label_en
        for n, mention in enumerate(mentions, start=1):
            platform = ID[f"platform/{mention.id or 'u' + _digest(mention.name, 10)}"]
            self.add(platform, RDF.type, PG.Platform)
            if mention.kind:
                self.add(platform, PG.platformType, PG[mention.kind])
            self.labels(platform, mention.name, mention.label_en)
            self.add(owner, PG.mentions, platform)
            node = URIRef(f"{owner}/mention/{n}")
            self.add(node, RDF.type, PG.PlatformMention)
            self.add(node, PG.platform, platform)
            self.add(node, PG.mentionedIn, owner)
            self.in_plan(node)
            en = (
                f"{owner_en} mentions {mention.label_en}" if owner_en and mention.label_en else None
            )
            self.labels(node, f"{owner_zh}提及{mention.name}", en)
            self.evidence(node, mention.span)

    def build(self) -> list[tuple[Node, Node, Node]]:
        self.plan_node()
        self.schemes()
        self.targets(self.plan, self.doc.targets)
        self.mentions(self.plan, None, self.doc.platforms)
        for section in self.doc.sections:
            self.part(section, self.plan)
        for unit in self.doc.standing:
            self.add(self.plan, PG.implementedBy, self.department(unit.department))
        self.plan_government()
        return list(self.triples)


def to_rdf(doc: PlanDocument, /) -> Graph:
    r"""Turn a PlanDocument into an rdflib Graph that follows the vocabulary contract.

    Parameters
    ----------
    doc : PlanDocument
        An extracted (and possibly curated) plan.

    Returns
    -------
    rdflib.Graph
        The plan's triples, with policygraph's prefixes bound.

    Raises
    ------
    ExtractionError
        The text, a label or a name holds a lone surrogate (``"\ud800"``) or an undecodable
        byte of a file name: neither can be written as UTF-8. The message says where.

    Notes
    -----
    Without curation, English labels are missing and ids are derived from hashes of the
    Chinese names (see ``docs/data-model.md``); the graph is still complete for analysis.
    """
    graph = bind_prefixes(Graph())
    with paused():  # millions of terms, no cycles: the collector would only slow the build
        for triple in plan_triples(doc):
            graph.add(triple)
    return graph


def _check_text(doc: PlanDocument) -> None:
    found = first_surrogate(doc.source)
    if found is not None:
        i, what = found
        raise ExtractionError(
            f"the text holds {what}",
            source=printable(doc.source_name),
            line=doc.source.count("\n", 0, i) + 1,
            column=i - (doc.source.rfind("\n", 0, i) + 1) + 1,
        )


def plan_triples(doc: PlanDocument, /) -> list[tuple[Node, Node, Node]]:
    r"""The triples :func:`to_rdf` puts in its graph, as a list (no rdflib store built).

    For writing a large plan straight to a file (:func:`save_graph` takes the list too):
    an rdflib graph indexes every triple three ways, most of the cost of ``to_rdf``.

    Parameters
    ----------
    doc : PlanDocument
        An extracted (and possibly curated) plan.

    Returns
    -------
    list of (subject, predicate, object)
        rdflib terms, each triple once.

    Raises
    ------
    ExtractionError
        As :func:`to_rdf`.

    Examples
    --------
    >>> from policygraph.extraction import extract
    >>> doc = extract("某市方案\n一、任务\n1．建设平台。（责任单位：市科技局）\n")
    >>> len(plan_triples(doc)) == len(to_rdf(doc))
    True
    """
    _check_text(doc)
    with paused():
        return _Builder(doc).build()


def bind_prefixes(graph: Graph, /) -> Graph:
    """Bind policygraph's prefixes (``pg``, ``id``, ``oa``, ``skos``...) and return ``graph``."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _format_for(path: Path) -> str:
    from rdflib.util import guess_format

    return guess_format(str(path)) or "turtle"


def load_graph(*paths: str | os.PathLike[str], graph: Graph | None = None) -> Graph:
    """Parse RDF files into one graph.

    Parameters
    ----------
    *paths : path-like
        Files to read; the format is guessed from the suffix (Turtle when unknown).
    graph : rdflib.Graph, optional
        Add to this graph instead of a new one.

    Returns
    -------
    rdflib.Graph

    Raises
    ------
    InputError
        A file is missing, unreadable or malformed; the message names file, line and column.
        Also a file that would make the parser reach out or run away: a JSON-LD ``@context``
        that names a document (nothing is fetched or read besides the file), or an RDF/XML
        entity-expansion bomb (see ``policygraph._rdfparse``).

    Examples
    --------
    >>> from policygraph.resources import resource_path
    >>> g = load_graph(resource_path("ontology", "policygraph.ttl"))
    >>> len(g) > 100
    True
    """
    g = bind_prefixes(Graph()) if graph is None else graph
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a file", source=str(p))
        try:
            data = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not UTF-8 text (byte {exc.start} cannot be decoded)", source=str(p)
            ) from exc
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", source=str(p)) from exc
        try:
            parse_rdf(
                g, data, format=_format_for(path), source=str(p), public_id=path.resolve().as_uri()
            )
        except InputError as error:
            if path.suffix.lower() in (".txt", ".text", ""):
                error.message += " (a plan text? make it a graph with 'policygraph build')"
            raise
    return g


def save_graph(
    graph: Graph | Sequence[tuple[Node, Node, Node]],
    path: str | os.PathLike[str],
    /,
    *,
    format: str = "turtle",
    header: str | None = None,
) -> Path:
    """Write ``graph`` to ``path`` atomically (a temporary file in the same folder, then rename).

    Parameters
    ----------
    graph : rdflib.Graph or list of triples
        The graph to write, or its distinct triples (:func:`plan_triples`): a large plan is
        then written without building an rdflib store.
    path : path-like
        The file to write; its folder must exist.
    format : str
        An rdflib serialization format name; Turtle by default. Turtle, N-Triples, RDF/XML and
        JSON-LD are written by pyoxigraph (time linear in the graph, subjects in sorted order);
        other formats (e.g. ``longturtle``) by rdflib.
    header : str, optional
        Comment lines put before the Turtle (each prefixed with ``# ``).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    InputError
        The folder does not exist or cannot be written, or the graph holds a term that cannot
        be written (an invalid IRI, text that is not valid Unicode); the original file is left
        untouched.
    """
    from ._writer import write_graph

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("the folder to write into does not exist", source=str(target))
    comment = b""
    if header and format in ("turtle", "ttl", "n3", "nt", "ntriples", "longturtle"):
        lines = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()) + "\n"
        comment = lines.encode("utf-8")
    try:
        with atomic_path(target) as tmp, tmp.open("wb") as fh:
            fh.write(comment)
            write_graph(graph, fh, format=format)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(target)) from exc
    except ValueError as exc:
        raise InputError(f"cannot write the graph: {exc}", source=str(target)) from exc
    return target


def load_plan() -> Graph:
    """Return the bundled Jiaxing “315” plan graph (``data/plan315.ttl``).

    Examples
    --------
    >>> from policygraph.vocab import PG
    >>> from rdflib import RDF
    >>> g = load_plan()
    >>> len(set(g.subjects(RDF.type, PG.Task)))
    19
    """
    return load_graph(resource_path(*PLAN315_TTL))


def build_document(
    source: str | os.PathLike[str],
    /,
    *,
    curation: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> PlanDocument:
    """Extract a plan text and apply an optional curation file.

    Parameters
    ----------
    source : path-like
        A plan file: a text in any common Chinese encoding, a web page, a Word document
        (``.docx``) or a PDF with a text layer (see :func:`policygraph.readers.read_source`).
    curation : path-like, optional
        A curation file (YAML, see ``docs/curation.md``).
    encoding : str, optional
        The encoding of a text or web page, instead of detecting it.

    Returns
    -------
    PlanDocument
    """
    from .extraction import extract_file

    doc = extract_file(source, encoding=encoding)
    if curation is not None:
        from .curation import apply_curation, load_curation

        doc = apply_curation(doc, load_curation(Path(curation)))
    return doc


def build_plan(
    source: str | os.PathLike[str],
    /,
    *,
    curation: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
) -> tuple[PlanDocument, Graph]:
    """Extract a plan text, apply an optional curation file, and return the document and graph.

    Parameters
    ----------
    source : path-like
        A plan file: a text in any common Chinese encoding, a web page, a Word document
        (``.docx``) or a PDF with a text layer (see :func:`policygraph.readers.read_source`).
    curation : path-like, optional
        A curation file (YAML, see ``docs/curation.md``).
    encoding : str, optional
        The encoding of a text or web page, instead of detecting it.

    Returns
    -------
    (PlanDocument, rdflib.Graph)
    """
    doc = build_document(source, curation=curation, encoding=encoding)
    return doc, to_rdf(doc)
