"""SHACL core constraint components on (focus node, value nodes) groups, as pySHACL 0.40 does.

Each check mirrors the ``evaluate`` method of the pySHACL class of the same component
(``pyshacl/constraints/core/*.py``): the same comparisons on the same rdflib terms, one
result per value or per focus node exactly where pySHACL makes one, the same ``sh:value``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Identifier, Node

from ._model import Shape, Unsupported

__all__ = ["Data", "Result", "check_shape", "conforms"]


@dataclass(frozen=True)
class Result:
    """One validation result, before it is written as ``sh:ValidationResult`` triples."""

    shape: Shape
    focus: Node
    component: URIRef
    value: Node | None = None
    source_constraint: Node | None = None
    #: (variable, value) pairs a SPARQL constraint's messages are filled with
    bound: tuple[tuple[str, Node], ...] | None = None


class Data:
    """What the checks read from the data besides the value nodes (filled by the store)."""

    def __init__(
        self,
        instances: Callable[[Node], Set[Node]],
        objects: Callable[[URIRef], Mapping[Node, Set[Node]]],
    ) -> None:
        self.instances = instances
        self.objects = objects


_Values = Mapping[Node, Set[Node]]


def check_shape(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    """The results of ``shape``'s core constraints for ``{focus node: value nodes}``."""
    for parameter in _ORDER:
        if parameter in shape.params:
            yield from _CHECKS[parameter](shape, values, data)


def conforms(shape: Shape, node: Node, data: Data) -> bool:
    """True when ``node`` conforms to an inner (node) shape: none of its checks fails."""
    for _ in check_shape(shape, {node: {node}}, data):
        return False
    return True


def _min_count(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    least = int(shape.params[SH.minCount][0])  # type: ignore[call-overload]
    if least == 0:
        return
    for f, vs in values.items():
        if not len(vs) >= least:
            yield Result(shape, f, SH.MinCountConstraintComponent)


def _max_count(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    most = int(shape.params[SH.maxCount][0])  # type: ignore[call-overload]
    for f, vs in values.items():
        if not len(vs) <= most:
            yield Result(shape, f, SH.MaxCountConstraintComponent)


def _datatype(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    rule = shape.params[SH.datatype][0]
    for f, vs in values.items():
        for v in vs:
            matches = False
            if isinstance(v, Literal):
                datatype, lang = v.datatype, v.language
                if datatype == rule:
                    if getattr(v, "ill_typed", None) is True:
                        matches = False
                    else:
                        matches = _actual_datatype(v, rule)
                elif rule == RDFS.Literal:
                    matches = True
                elif rule == RDFS.Datatype and datatype:
                    matches = True
                elif datatype is None and lang is None and rule == XSD.string:
                    matches = _actual_datatype(v, rule)
                elif rule == RDF.langString and lang:
                    matches = _actual_datatype(v, rule)
            if not matches:
                yield Result(shape, f, SH.DatatypeConstraintComponent, v)


def _actual_datatype(v: Literal, rule: Node) -> bool:
    value = v.value
    if rule in (XSD.string, RDF.langString):
        return isinstance(value, str | bytes)
    if rule == XSD.integer:
        return isinstance(value, int)
    if rule == XSD.float:
        return isinstance(value, float)
    if rule == XSD.decimal:
        return isinstance(value, Decimal)
    if rule == XSD.boolean:
        return isinstance(value, bool)
    if rule == XSD.date:
        return isinstance(value, date)
    if rule == XSD.time:
        return isinstance(value, time)
    if rule == XSD.dateTime:
        return isinstance(value, datetime)
    return True  # pySHACL does not check other datatypes


def _class(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    for rule in shape.params[SH["class"]]:
        members = data.instances(rule)
        for f, vs in values.items():
            for v in vs:
                if isinstance(v, Literal) or v not in members:
                    yield Result(shape, f, SH.ClassConstraintComponent, v)


_KINDS = {
    BNode: (SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI),
    Literal: (SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral),
    URIRef: (SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI),
}


def _node_kind(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    rule = shape.params[SH.nodeKind][0]
    for f, vs in values.items():
        for v in vs:
            kinds = next((k for t, k in _KINDS.items() if isinstance(v, t)), ())
            if rule not in kinds:
                yield Result(shape, f, SH.NodeKindConstraintComponent, v)


def _in(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    allowed = shape.in_values or set()
    for f, vs in values.items():
        for v in vs:
            if v not in allowed:
                yield Result(shape, f, SH.InConstraintComponent, v)


def _has_value(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    for hv in dict.fromkeys(shape.params[SH.hasValue]):
        for f, vs in values.items():
            if not any(v == hv for v in vs):
                yield Result(shape, f, SH.HasValueConstraintComponent)


def _as_string(v: Node) -> str:
    if isinstance(v, Literal):
        if v.value is not None and v.datatype in (None, RDF.langString, XSD.string):
            return str(v.value)
        return str(v)
    return str(v)


def _pattern(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    for matcher in shape.patterns:
        for f, vs in values.items():
            for v in vs:
                match = False
                if not isinstance(v, BNode):
                    text = _as_string(v)
                    match = bool(matcher.match(text) or matcher.search(text))
                if not match:
                    yield Result(shape, f, SH.PatternConstraintComponent, v)
        break  # pySHACL evaluates only the first pattern


def _language_in(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    for need in shape.languages:
        wildcard = "*" in need
        for f, vs in values.items():
            for v in vs:
                flag = False
                if isinstance(v, Literal) and v.language:
                    lang = str(v.language)
                    flag = wildcard or lang.lower() in need or lang.split("-")[0].lower() in need
                if not flag:
                    yield Result(shape, f, SH.LanguageInConstraintComponent, v)
        break  # pySHACL evaluates only the first list


def _unique_lang(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    if not getattr(shape.params[SH.uniqueLang][0], "value", False):
        return
    for f, vs in values.items():
        seen: set[str] = set()
        duplicates: set[str] = set()
        for v in vs:
            if isinstance(v, Literal) and v.language:
                low = str(v.language).lower()
                (duplicates if low in seen else seen).add(low)
        for _ in duplicates:
            yield Result(shape, f, SH.UniqueLangConstraintComponent)


def _range(parameter: URIRef, component: URIRef, accept: Callable[[int], bool]) -> Any:
    def check(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
        from pyshacl.rdfutil.compare import compare_literal

        for bound in shape.params[parameter]:
            assert isinstance(bound, Literal)
            bound_is_string = isinstance(bound.value, str)
            for f, vs in values.items():
                for v in vs:
                    flag = False
                    if isinstance(v, Literal):
                        v_is_string = isinstance(v.value, str)
                        if bound_is_string == v_is_string:
                            try:
                                flag = accept(compare_literal(v, bound))
                            except (TypeError, NotImplementedError):
                                flag = False
                    if not flag:
                        yield Result(shape, f, component, v)

    return check


def _pair(parameter: URIRef, component: URIRef, strict: bool) -> Any:
    def check(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
        for other in shape.params[parameter]:
            assert isinstance(other, URIRef)
            compared = data.objects(other)
            for f, vs in values.items():
                yield from _compare(shape, f, vs, compared.get(f, set()), component, strict)

    return check


def _comparable(node: Node) -> tuple[Any, bool]:
    if isinstance(node, BNode):
        raise Unsupported("a blank node compared by sh:lessThan")  # pySHACL raises an error
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def _compare(
    shape: Shape, f: Node, vs: Set[Node], others: Set[Node], component: URIRef, strict: bool
) -> Iterator[Result]:
    for value in vs:
        left, left_is_string = _comparable(value)
        for other in others:
            right, right_is_string = _comparable(other)
            if left_is_string != right_is_string:
                pass
            elif strict and left < right:
                continue
            elif not strict and left <= right:
                continue
            yield Result(shape, f, component, value)


def _or(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    for members in shape.or_lists:
        for f, vs in values.items():
            for v in vs:
                if not any(conforms(member, v, data) for member in members):
                    yield Result(shape, f, SH.OrConstraintComponent, v)


def _qualified(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    least = shape.params.get(SH.qualifiedMinCount, [None])[0]
    most = shape.params.get(SH.qualifiedMaxCount, [None])[0]
    for inner in shape.qualified:
        for f, vs in values.items():
            n = sum(1 for v in vs if conforms(inner, v, data))
            if most is not None and n > int(most):  # type: ignore[call-overload]
                yield Result(shape, f, SH.QualifiedMaxCountConstraintComponent)
            if least is not None and n < int(least):  # type: ignore[call-overload]
                yield Result(shape, f, SH.QualifiedMinCountConstraintComponent)


_CHECKS: dict[Identifier, Callable[[Shape, _Values, Data], Iterator[Result]]] = {
    SH.minCount: _min_count,
    SH.maxCount: _max_count,
    SH.datatype: _datatype,
    SH["class"]: _class,
    SH.nodeKind: _node_kind,
    SH["in"]: _in,
    SH.hasValue: _has_value,
    SH.pattern: _pattern,
    SH.languageIn: _language_in,
    SH.uniqueLang: _unique_lang,
    SH.minInclusive: _range(SH.minInclusive, SH.MinInclusiveConstraintComponent, lambda c: c >= 0),
    SH.maxInclusive: _range(SH.maxInclusive, SH.MaxInclusiveConstraintComponent, lambda c: c <= 0),
    SH.minExclusive: _range(SH.minExclusive, SH.MinExclusiveConstraintComponent, lambda c: c > 0),
    SH.maxExclusive: _range(SH.maxExclusive, SH.MaxExclusiveConstraintComponent, lambda c: c < 0),
    SH.lessThan: _pair(SH.lessThan, SH.LessThanConstraintComponent, strict=True),
    SH.lessThanOrEquals: _pair(
        SH.lessThanOrEquals, SH.LessThanOrEqualsConstraintComponent, strict=False
    ),
    SH["or"]: _or,
    SH.qualifiedValueShape: _qualified,
}
_ORDER = tuple(_CHECKS)
