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


# namespace terms looked up once (an rdflib namespace attribute costs a call)
_RDF_langString = RDF.langString
_RDFS_Datatype = RDFS.Datatype
_RDFS_Literal = RDFS.Literal
_SH_BlankNode = SH.BlankNode
_SH_BlankNodeOrIRI = SH.BlankNodeOrIRI
_SH_BlankNodeOrLiteral = SH.BlankNodeOrLiteral
_SH_ClassConstraintComponent = SH.ClassConstraintComponent
_SH_DatatypeConstraintComponent = SH.DatatypeConstraintComponent
_SH_HasValueConstraintComponent = SH.HasValueConstraintComponent
_SH_IRI = SH.IRI
_SH_IRIOrLiteral = SH.IRIOrLiteral
_SH_InConstraintComponent = SH.InConstraintComponent
_SH_LanguageInConstraintComponent = SH.LanguageInConstraintComponent
_SH_LessThanConstraintComponent = SH.LessThanConstraintComponent
_SH_LessThanOrEqualsConstraintComponent = SH.LessThanOrEqualsConstraintComponent
_SH_Literal = SH.Literal
_SH_MaxCountConstraintComponent = SH.MaxCountConstraintComponent
_SH_MaxExclusiveConstraintComponent = SH.MaxExclusiveConstraintComponent
_SH_MaxInclusiveConstraintComponent = SH.MaxInclusiveConstraintComponent
_SH_MinCountConstraintComponent = SH.MinCountConstraintComponent
_SH_MinExclusiveConstraintComponent = SH.MinExclusiveConstraintComponent
_SH_MinInclusiveConstraintComponent = SH.MinInclusiveConstraintComponent
_SH_NodeKindConstraintComponent = SH.NodeKindConstraintComponent
_SH_OrConstraintComponent = SH.OrConstraintComponent
_SH_PatternConstraintComponent = SH.PatternConstraintComponent
_SH_QualifiedMaxCountConstraintComponent = SH.QualifiedMaxCountConstraintComponent
_SH_QualifiedMinCountConstraintComponent = SH.QualifiedMinCountConstraintComponent
_SH_UniqueLangConstraintComponent = SH.UniqueLangConstraintComponent
_SH_class = URIRef(str(SH) + "class")
_SH_datatype = SH.datatype
_SH_hasValue = SH.hasValue
_SH_in = URIRef(str(SH) + "in")
_SH_languageIn = SH.languageIn
_SH_lessThan = SH.lessThan
_SH_lessThanOrEquals = SH.lessThanOrEquals
_SH_maxCount = SH.maxCount
_SH_maxExclusive = SH.maxExclusive
_SH_maxInclusive = SH.maxInclusive
_SH_minCount = SH.minCount
_SH_minExclusive = SH.minExclusive
_SH_minInclusive = SH.minInclusive
_SH_nodeKind = SH.nodeKind
_SH_or = URIRef(str(SH) + "or")
_SH_pattern = SH.pattern
_SH_qualifiedMaxCount = SH.qualifiedMaxCount
_SH_qualifiedMinCount = SH.qualifiedMinCount
_SH_qualifiedValueShape = SH.qualifiedValueShape
_SH_uniqueLang = SH.uniqueLang
_XSD_boolean = XSD.boolean
_XSD_date = XSD.date
_XSD_dateTime = XSD.dateTime
_XSD_decimal = XSD.decimal
_XSD_float = XSD.float
_XSD_integer = XSD.integer
_XSD_string = XSD.string
_XSD_time = XSD.time


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
    least = int(shape.params[_SH_minCount][0])  # type: ignore[call-overload]
    if least == 0:
        return
    for f, vs in values.items():
        if not len(vs) >= least:
            yield Result(shape, f, _SH_MinCountConstraintComponent)


def _max_count(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    most = int(shape.params[_SH_maxCount][0])  # type: ignore[call-overload]
    for f, vs in values.items():
        if not len(vs) <= most:
            yield Result(shape, f, _SH_MaxCountConstraintComponent)


def _datatype(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    rule = shape.params[_SH_datatype][0]
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
                elif rule == _RDFS_Literal or (rule == _RDFS_Datatype and datatype):
                    matches = True
                elif (datatype is None and lang is None and rule == _XSD_string) or (
                    rule == _RDF_langString and lang
                ):
                    matches = _actual_datatype(v, rule)
            if not matches:
                yield Result(shape, f, _SH_DatatypeConstraintComponent, v)


def _actual_datatype(v: Literal, rule: Node) -> bool:
    value = v.value
    if rule in (_XSD_string, _RDF_langString):
        return isinstance(value, str | bytes)
    if rule == _XSD_integer:
        return isinstance(value, int)
    if rule == _XSD_float:
        return isinstance(value, float)
    if rule == _XSD_decimal:
        return isinstance(value, Decimal)
    if rule == _XSD_boolean:
        return isinstance(value, bool)
    if rule == _XSD_date:
        return isinstance(value, date)
    if rule == _XSD_time:
        return isinstance(value, time)
    if rule == _XSD_dateTime:
        return isinstance(value, datetime)
    return True  # pySHACL does not check other datatypes


def _class(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    for rule in shape.params[_SH_class]:
        members = data.instances(rule)
        for f, vs in values.items():
            for v in vs:
                if isinstance(v, Literal) or v not in members:
                    yield Result(shape, f, _SH_ClassConstraintComponent, v)


_KINDS = {
    BNode: (_SH_BlankNode, _SH_BlankNodeOrLiteral, _SH_BlankNodeOrIRI),
    Literal: (_SH_Literal, _SH_BlankNodeOrLiteral, _SH_IRIOrLiteral),
    URIRef: (_SH_IRI, _SH_IRIOrLiteral, _SH_BlankNodeOrIRI),
}


def _node_kind(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    rule = shape.params[_SH_nodeKind][0]
    for f, vs in values.items():
        for v in vs:
            kinds = next((k for t, k in _KINDS.items() if isinstance(v, t)), ())
            if rule not in kinds:
                yield Result(shape, f, _SH_NodeKindConstraintComponent, v)


def _in(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    allowed = shape.in_values or set()
    for f, vs in values.items():
        for v in vs:
            if v not in allowed:
                yield Result(shape, f, _SH_InConstraintComponent, v)


def _has_value(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    for hv in dict.fromkeys(shape.params[_SH_hasValue]):
        for f, vs in values.items():
            if not any(v == hv for v in vs):
                yield Result(shape, f, _SH_HasValueConstraintComponent)


def _as_string(v: Node) -> str:
    if isinstance(v, Literal):
        if v.value is not None and v.datatype in (None, _RDF_langString, _XSD_string):
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
                    yield Result(shape, f, _SH_PatternConstraintComponent, v)
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
                    yield Result(shape, f, _SH_LanguageInConstraintComponent, v)
        break  # pySHACL evaluates only the first list


def _unique_lang(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    if not getattr(shape.params[_SH_uniqueLang][0], "value", False):
        return
    for f, vs in values.items():
        seen: set[str] = set()
        duplicates: set[str] = set()
        for v in vs:
            if isinstance(v, Literal) and v.language:
                low = str(v.language).lower()
                (duplicates if low in seen else seen).add(low)
        for _ in duplicates:
            yield Result(shape, f, _SH_UniqueLangConstraintComponent)


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
                                flag = accept(compare_literal(v, bound))  # type: ignore[no-untyped-call]
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
            elif (strict and left < right) or (not strict and left <= right):
                continue
            yield Result(shape, f, component, value)


def _or(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    for members in shape.or_lists:
        for f, vs in values.items():
            for v in vs:
                if not any(conforms(member, v, data) for member in members):
                    yield Result(shape, f, _SH_OrConstraintComponent, v)


def _qualified(shape: Shape, values: _Values, data: Data) -> Iterator[Result]:
    least = shape.params.get(_SH_qualifiedMinCount, [None])[0]
    most = shape.params.get(_SH_qualifiedMaxCount, [None])[0]
    for inner in shape.qualified:
        for f, vs in values.items():
            n = sum(1 for v in vs if conforms(inner, v, data))
            if most is not None and n > int(most):  # type: ignore[call-overload]
                yield Result(shape, f, _SH_QualifiedMaxCountConstraintComponent)
            if least is not None and n < int(least):  # type: ignore[call-overload]
                yield Result(shape, f, _SH_QualifiedMinCountConstraintComponent)


_CHECKS: dict[Identifier, Callable[[Shape, _Values, Data], Iterator[Result]]] = {
    _SH_minCount: _min_count,
    _SH_maxCount: _max_count,
    _SH_datatype: _datatype,
    _SH_class: _class,
    _SH_nodeKind: _node_kind,
    _SH_in: _in,
    _SH_hasValue: _has_value,
    _SH_pattern: _pattern,
    _SH_languageIn: _language_in,
    _SH_uniqueLang: _unique_lang,
    _SH_minInclusive: _range(
        _SH_minInclusive, _SH_MinInclusiveConstraintComponent, lambda c: c >= 0
    ),
    _SH_maxInclusive: _range(
        _SH_maxInclusive, _SH_MaxInclusiveConstraintComponent, lambda c: c <= 0
    ),
    _SH_minExclusive: _range(
        _SH_minExclusive, _SH_MinExclusiveConstraintComponent, lambda c: c > 0
    ),
    _SH_maxExclusive: _range(
        _SH_maxExclusive, _SH_MaxExclusiveConstraintComponent, lambda c: c < 0
    ),
    _SH_lessThan: _pair(_SH_lessThan, _SH_LessThanConstraintComponent, strict=True),
    _SH_lessThanOrEquals: _pair(
        _SH_lessThanOrEquals, _SH_LessThanOrEqualsConstraintComponent, strict=False
    ),
    _SH_or: _or,
    _SH_qualifiedValueShape: _qualified,
}
_ORDER = tuple(_CHECKS)
