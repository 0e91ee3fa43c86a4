"""The shapes graph read once into a small model of the shapes this engine evaluates.

Anything the engine does not evaluate exactly as pySHACL does (a target, path or constraint
component it does not know, a shape without ``sh:message``...) raises :class:`Unsupported`:
the caller then runs pySHACL itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = ["PathStep", "Shape", "SparqlConstraint", "Unsupported", "read_shapes"]


class Unsupported(Exception):
    """The shapes use something this engine does not evaluate: run pySHACL instead."""


#: one step of a supported path: (predicate, inverse)
PathStep = tuple[URIRef, bool]

#: parameters of core constraint components evaluated on value nodes
VALUE_PARAMETERS = frozenset(
    {
        SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.pattern, SH.flags, SH.languageIn,
        SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.hasValue,
        SH["or"],
    }
)  # fmt: skip
#: parameters that only a property shape has (they count or compare a focus node's values)
PROPERTY_PARAMETERS = frozenset(
    {
        SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals,
        SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount,
    }
)  # fmt: skip
#: what a shape may say besides its constraints
_DESCRIPTIVE = frozenset(
    {
        SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, SH.path,
        SH.severity, SH.message, SH.name, SH.description, SH.order, SH.group, SH.sparql,
    }
)  # fmt: skip
#: the shape-expecting parameters pySHACL knows of; a shape reached only through them is inner
_SHAPE_LISTS = (SH["or"], SH["and"], SH.xone)
_SHAPE_VALUES = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)


@dataclass
class SparqlConstraint:
    """A ``sh:SPARQLConstraint``: its node, query text with prefixes, and messages."""

    node: Node
    select: str
    messages: tuple[Literal, ...]


@dataclass
class Shape:
    """A node or property shape and the constraint parameters it uses."""

    node: Node
    path: Node | None = None
    steps: tuple[PathStep, ...] = ()
    severity: Node = SH.Violation
    messages: tuple[Node, ...] = ()
    params: dict[URIRef, list[Node]] = field(default_factory=dict)
    properties: list[Shape] = field(default_factory=list)
    target_classes: tuple[Node, ...] = ()
    target_subjects_of: tuple[Node, ...] = ()
    target_objects_of: tuple[Node, ...] = ()
    sparql: list[SparqlConstraint] = field(default_factory=list)
    #: sh:or: lists of inner shapes; sh:qualifiedValueShape: inner shapes
    or_lists: list[list[Shape]] = field(default_factory=list)
    qualified: list[Shape] = field(default_factory=list)
    #: compiled sh:pattern (pySHACL's flags: i and m)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    languages: list[set[str]] = field(default_factory=list)
    in_values: set[Node] | None = None

    @property
    def has_targets(self) -> bool:
        return bool(self.target_classes or self.target_subjects_of or self.target_objects_of)

    @property
    def is_property(self) -> bool:
        return self.path is not None


def read_shapes(shapes: Graph) -> list[Shape]:
    """Return the shapes with targets (the ones validation starts from), fully read.

    Examples
    --------
    >>> from policygraph.resources import resource_path
    >>> from policygraph.rdf import load_graph
    >>> roots = read_shapes(load_graph(resource_path("shapes", "policygraph-shapes.ttl")))
    >>> sorted(str(s.node).split("#")[1] for s in roots)[:3]
    ['ActionShape', 'CommonIndicatorShape', 'DepartmentShape']
    """
    for kind in (SH.targetNode, SH.target, SH.deactivated, SH.closed, SH.node, SH["not"]):
        if (None, kind, None) in shapes:
            raise Unsupported(f"{kind} is not evaluated on the store")
    for kind in (SH.ask, SH.construct, SH.rule, SH.js, SH.expression):
        if (None, kind, None) in shapes:
            raise Unsupported(f"{kind} is not evaluated on the store")
    if (None, RDF.type, SH.ConstraintComponent) in shapes:
        raise Unsupported("custom constraint components are not evaluated on the store")
    roots = {
        s
        for kind in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
        for s in shapes.subjects(kind, None)
    }
    for s in shapes.subjects(RDF.type, RDFS.Class):
        if (s, RDF.type, SH.NodeShape) in shapes or (s, RDF.type, SH.PropertyShape) in shapes:
            raise Unsupported("implicit class targets are not evaluated on the store")
    cache: dict[Node, Shape] = {}
    out = [_shape(shapes, s, cache, inner=False) for s in sorted(roots, key=str)]
    # a shape pySHACL would validate from its own targets is a root; nothing else starts one
    return out


def _shape(shapes: Graph, node: Node, cache: dict[Node, Shape], *, inner: bool) -> Shape:
    key = node
    if key in cache:
        return cache[key]
    shape = Shape(node)
    cache[key] = shape
    paths = list(shapes.objects(node, SH.path))
    if len(paths) > 1:
        raise Unsupported("a shape with two paths")
    if paths:
        shape.path = paths[0]
        shape.steps = _steps(shapes, paths[0])
    severities = list(shapes.objects(node, SH.severity))
    if severities:
        shape.severity = severities[0]
    shape.messages = tuple(shapes.objects(node, SH.message))
    shape.target_classes = tuple(shapes.objects(node, SH.targetClass))
    shape.target_subjects_of = tuple(shapes.objects(node, SH.targetSubjectsOf))
    shape.target_objects_of = tuple(shapes.objects(node, SH.targetObjectsOf))
    for p, o in shapes.predicate_objects(node):
        if not isinstance(p, URIRef) or not str(p).startswith(str(SH)):
            continue
        if p in VALUE_PARAMETERS or p in PROPERTY_PARAMETERS:
            shape.params.setdefault(p, []).append(o)
        elif p not in _DESCRIPTIVE:
            raise Unsupported(f"{p} is not evaluated on the store")
    if shape.params.keys() & PROPERTY_PARAMETERS and not shape.is_property:
        raise Unsupported("a counting constraint on a node shape")
    _check_single(shape)
    for head in shape.params.get(SH["or"], []):
        members = list(shapes.items(head))
        if not members:
            raise Unsupported("an empty sh:or list")
        shape.or_lists.append([_inner(shapes, m, cache) for m in members])
    for q in shape.params.get(SH.qualifiedValueShape, []):
        shape.qualified.append(_inner(shapes, q, cache))
    if (node, SH.qualifiedValueShapesDisjoint, None) in shapes:
        raise Unsupported("sh:qualifiedValueShapesDisjoint")
    _compile(shapes, shape)
    for constraint in shapes.objects(node, SH.sparql):
        shape.sparql.append(_sparql(shapes, constraint))
    for child in shapes.objects(node, SH.property):
        if shape.is_property:
            raise Unsupported("sh:property on a property shape")
        shape.properties.append(_shape(shapes, child, cache, inner=False))
    reports = (shape.params.keys() - {SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount}) or (
        shape.sparql and not all(c.messages for c in shape.sparql)
    )
    if not inner and reports and not shape.messages:
        # pySHACL then writes a message of its own for each component: not reproduced here
        raise Unsupported("a shape without sh:message")
    return shape


def _inner(shapes: Graph, node: Node, cache: dict[Node, Shape]) -> Shape:
    shape = _shape(shapes, node, cache, inner=True)
    if shape.is_property or shape.properties or shape.sparql:
        raise Unsupported("an inner shape with a path, properties or SPARQL")
    return shape


def _check_single(shape: Shape) -> None:
    """PySHACL rejects these parameters given twice; leave that error to it."""
    for p in (
        SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH["in"], SH.uniqueLang,
        SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.flags,
    ):  # fmt: skip
        if len(shape.params.get(p, [])) > 1:
            raise Unsupported(f"{p} given twice")
    for p in (SH.minCount, SH.maxCount):
        for value in shape.params.get(p, []):
            if not (isinstance(value, Literal) and value.datatype == XSD.integer):
                raise Unsupported(f"{p} is not an xsd:integer")
            if int(value) < 0:
                raise Unsupported(f"{p} is negative")
    for p in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
        for value in shape.params.get(p, []):
            if not (isinstance(value, Literal) and isinstance(value.value, int)):
                raise Unsupported(f"{p} is not an integer")
    if SH.qualifiedValueShape in shape.params and not (
        shape.params.keys() & {SH.qualifiedMinCount, SH.qualifiedMaxCount}
    ):
        raise Unsupported("sh:qualifiedValueShape without a count")
    for p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
        if any(not isinstance(v, Literal) for v in shape.params.get(p, [])):
            raise Unsupported(f"{p} is not a literal")
    for p in (SH.lessThan, SH.lessThanOrEquals):
        if any(not isinstance(v, URIRef) for v in shape.params.get(p, [])):
            raise Unsupported(f"{p} is not an IRI")
    for value in shape.params.get(SH.uniqueLang, []):
        if not (isinstance(value, Literal) and isinstance(value.value, bool)):
            raise Unsupported("sh:uniqueLang is not a boolean")


def _compile(shapes: Graph, shape: Shape) -> None:
    """Compile ``sh:pattern``, read ``sh:languageIn`` and ``sh:in`` as pySHACL does."""
    flags_found = shape.params.get(SH.flags, [])
    re_flags = 0
    if flags_found:
        flag_text = str(getattr(flags_found[0], "value", flags_found[0])).lower()
        re_flags |= re.I if "i" in flag_text else 0
        re_flags |= re.M if "m" in flag_text else 0
    for p in shape.params.get(SH.pattern, []):
        text = getattr(p, "value", None)
        if not isinstance(p, Literal) or not isinstance(text, str) or len(text) <= 1:
            raise Unsupported("a sh:pattern pySHACL does not compile")
        shape.patterns.append(re.compile(text, re_flags))
    for head in shape.params.get(SH.languageIn, []):
        need: set[str] = set()
        for lang in shapes.items(head):
            if not isinstance(lang, Literal) or not isinstance(lang.value, str):
                raise Unsupported("sh:languageIn with a value that is not a string")
            need.add(str(lang.value).lower())
        shape.languages.append(need)
    for head in shape.params.get(SH["in"], []):
        shape.in_values = set(shapes.items(head))


def _steps(shapes: Graph, path: Node) -> tuple[PathStep, ...]:
    """A predicate, an inverse predicate, or a sequence of those; anything else: Unsupported."""
    if isinstance(path, URIRef):
        return ((path, False),)
    if not isinstance(path, BNode):
        raise Unsupported("a path that is not an IRI or a blank node")
    inverse = list(shapes.objects(path, SH.inversePath))
    if inverse:
        if (
            len(inverse) == 1
            and isinstance(inverse[0], URIRef)
            and len(set(shapes.predicate_objects(path))) == 1
        ):
            return ((inverse[0], True),)
        raise Unsupported("an inverse of a complex path")
    if (path, RDF.first, None) in shapes:
        steps: list[PathStep] = []
        items = list(shapes.items(path))
        if len(items) < 2:
            raise Unsupported("a sequence path of fewer than two steps")
        for item in items:
            inner = _steps(shapes, item)
            if len(inner) != 1:
                raise Unsupported("a nested sequence path")
            steps.extend(inner)
        return tuple(steps)
    raise Unsupported("a path other than a predicate, an inverse or a sequence")


def _sparql(shapes: Graph, constraint: Node) -> SparqlConstraint:
    selects = list(shapes.objects(constraint, SH.select))
    if len(selects) != 1 or not isinstance(selects[0], Literal):
        raise Unsupported("a SPARQL constraint without one sh:select")
    for p, _ in shapes.predicate_objects(constraint):
        if str(p).startswith(str(SH)) and p not in (SH.select, SH.message, SH.prefixes):
            raise Unsupported(f"{p} on a SPARQL constraint")
    messages = tuple(m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal))
    if any(not isinstance(m.value, str) for m in messages):
        raise Unsupported("a SPARQL message that is not a string")
    return SparqlConstraint(
        constraint, _with_prefixes(shapes, constraint, str(selects[0])), messages
    )


def _with_prefixes(shapes: Graph, constraint: Node, text: str) -> str:
    """The query text with the ``PREFIX`` lines pySHACL puts before it (``sh:prefixes``).

    As pySHACL's query helper: the declarations of the ``sh:prefixes`` node when it is an
    ontology that declares some, else those of every ontology of the shapes graph and its own.
    """
    if _PRE_BOUND.search(text):
        raise Unsupported("a SPARQL constraint using $PATH, $currentShape or $shapesGraph")
    if _INVALID.search(text):
        raise Unsupported("a SPARQL constraint pySHACL may refuse (MINUS, VALUES, SERVICE)")
    ontologies = set(shapes.subjects(RDF.type, OWL.Ontology))
    every = {d for o in ontologies for d in shapes.objects(o, SH.declare)}
    every |= set(shapes.objects(shapes.identifier, SH.declare))
    declared: dict[str, str] = {}
    for value in shapes.objects(constraint, SH.prefixes):
        own = set(shapes.objects(value, SH.declare))
        if own and value in ontologies:
            chosen = own | set(shapes.objects(shapes.identifier, SH.declare))
        else:
            chosen = every | own
        for declaration in chosen:
            prefixes = list(shapes.objects(declaration, SH.prefix))
            namespaces = list(shapes.objects(declaration, SH.namespace))
            if len(prefixes) != 1 or len(namespaces) != 1:
                raise Unsupported("a prefix declaration pySHACL refuses")
            declared[str(getattr(prefixes[0], "value", prefixes[0]))] = str(
                getattr(namespaces[0], "value", namespaces[0])
            )
    head = "".join(f"PREFIX {p}: <{n}>\n" for p, n in declared.items())
    return head + "\n" + text


_PRE_BOUND = re.compile(r"[\s{}()][$?](PATH|currentShape|shapesGraph)\b")
_INVALID = re.compile(r"\b(MINUS|VALUES|SERVICE)\b", re.I)
