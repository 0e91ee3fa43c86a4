"""SPARQL-based constraints (``sh:sparql``) on the store, with pySHACL's results and messages.

pySHACL runs a constraint's query once per focus node with ``$this`` pre-bound. On the store
the same happens with ``VALUES ?this { node }`` at the start of the query's group and of each
sub-select's (:func:`prebind`: pyoxigraph 0.5's ``substitutions`` bind the outer query only,
so a ``COUNT`` in a sub-select would count for every node), unless
the query is *set-safe*: ``$this`` is bound by a mandatory triple pattern of the query's own
group (or of every branch of a union in it), no sub-select or ``BIND`` mentions it, the query
projects it and neither groups, aggregates nor limits. Then every solution binds ``$this``
and each of its other uses is evaluated with ``$this`` already bound, so one query for all
focus nodes, its rows grouped by ``$this``, gives each focus node's rows of its own query.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef, Variable
from rdflib.term import Node

from ._core import Result
from ._model import Shape, SparqlConstraint, Unsupported

__all__ = ["check_sparql", "fill_message", "set_safe"]

THIS = Variable("this")


@lru_cache(maxsize=256)
def set_safe(text: str) -> bool:
    """True when one query for all focus nodes gives each its pre-bound query's rows.

    Examples
    --------
    >>> set_safe("SELECT $this ?v WHERE { $this <urn:p> ?v . "
    ...          "FILTER NOT EXISTS { ?v <urn:q> $this } }")
    True
    >>> set_safe("SELECT $this ?n WHERE { $this <urn:p> ?v . "
    ...          "{ SELECT (COUNT(*) AS ?n) WHERE { ?x <urn:q> $this } } }")
    False
    >>> set_safe("SELECT ?v WHERE { ?v <urn:p> ?w . OPTIONAL { $this <urn:q> ?v } }")
    False
    """
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        query = parseQuery(text)[1]
    except Exception:
        return False
    if query.name != "SelectQuery" or any(
        _get(query, k) is not None for k in ("groupby", "having", "limitoffset")
    ):
        return False
    projection = _get(query, "projection")
    if projection is not None:
        if any(_get(p, "expr") is not None for p in projection):
            return False
        if THIS not in {_get(p, "var") for p in projection}:
            return False
    where = _get(query, "where")
    return _binds(where) and not _unsafe_use(where)


def _get(node: Any, key: str) -> Any:
    """A part of a parsed query, or None (``CompValue.get`` answers a missing key with its name)."""
    return node[key] if key in node else None  # noqa: SIM401 - CompValue.get differs


def _binds(group: Any) -> bool:
    """True when a mandatory pattern of ``group`` binds ``$this`` in every solution."""
    for part in _get(group, "part") or []:
        if part.name == "TriplesBlock":
            for triples in _get(part, "triples") or []:
                items = list(triples)
                if len(items) % 3:
                    return False
                if any(items[i] == THIS or items[i + 2] == THIS for i in range(0, len(items), 3)):
                    return True
        elif part.name == "GroupOrUnionGraphPattern":
            branches = _get(part, "graph") or []
            if branches and all(b.name == "GroupGraphPatternSub" and _binds(b) for b in branches):
                return True
    return False


def _unsafe_use(node: Any) -> bool:
    """True when a sub-select, a ``BIND`` or a ``GRAPH`` pattern mentions ``$this``."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in ("SubSelect", "Bind", "GraphGraphPattern", "InlineData") and _mentions(
            node
        ):
            return True
        return any(_unsafe_use(v) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_unsafe_use(v) for v in node)
    return False


def _mentions(node: Any) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if node == THIS and isinstance(node, Variable):
        return True
    if isinstance(node, CompValue):
        return any(_mentions(v) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return any(_mentions(v) for v in node)
    return False


@lru_cache(maxsize=256)
def _projects_this(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseQuery

    query = parseQuery(text)[1]
    projection = _get(query, "projection")
    return projection is None or THIS in {_get(p, "var") for p in projection}


_SELECT = re.compile(r"\bSELECT\b", re.I)


def prebind(text: str, term: str) -> str:
    """Bind ``?this`` to ``term`` (N-Triples) in the query and in each of its sub-selects.

    Examples
    --------
    >>> text = "SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?m <urn:p> $this } } }"
    >>> print(prebind(text, "<urn:a>").replace("VALUES ?this { <urn:a> }", "V"))
    SELECT ?n WHERE { V { SELECT (COUNT(*) AS ?n) WHERE { V ?m <urn:p> $this } } }
    """
    cut = _groups(text)
    out, last = [], 0
    for brace in cut:
        out += [text[last : brace + 1], f" VALUES ?this {{ {term} }}"]
        last = brace + 1
    return "".join(out) + text[last:]


@lru_cache(maxsize=256)
def _groups(text: str) -> tuple[int, ...]:
    """Where the query's group and each sub-select's begin (the index of their ``{``)."""
    from rdflib.plugins.sparql.parser import parseQuery

    query = parseQuery(text)[1]
    selects = 1 + _count(query, "SubSelect")
    starts = [m.start() for m in _SELECT.finditer(text)]
    if len(starts) != selects:
        raise Unsupported("a query whose sub-selects cannot be told apart")
    braces = tuple(text.find("{", start) for start in starts)
    if any(b < 0 for b in braces):
        raise Unsupported("a query without a group")
    return braces


def _count(node: Any, name: str) -> int:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return (node.name == name) + sum(_count(v, name) for v in node.values())
    if isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        return sum(_count(v, name) for v in node)
    return 0


def check_sparql(
    shape: Shape,
    constraint: SparqlConstraint,
    focus: Sequence[Node],
    rows: Any,
) -> Iterator[Result]:
    """The results of one SPARQL constraint for ``focus`` (pySHACL's per focus node).

    ``rows(text, node)`` runs the query with ``$this`` substituted by ``node`` (or, with
    ``node`` None, unbound) and yields each solution as ``{variable: rdflib term}``.
    """
    if set_safe(constraint.select):
        wanted = set(focus)
        grouped: dict[Node, list[dict[str, Node]]] = defaultdict(list)
        for row in rows(constraint.select, None):
            this = _get(row, "this")
            if this in wanted:
                grouped[this].append(row)
        per_focus: Iterator[tuple[Node, list[dict[str, Node]]]] = (
            (f, grouped[f]) for f in focus if f in grouped
        )
    else:
        projected = _projects_this(constraint.select)

        def each() -> Iterator[tuple[Node, list[dict[str, Node]]]]:
            for f in focus:
                found = list(rows(constraint.select, f))
                if not projected:
                    for row in found:
                        row.pop("this", None)
                yield f, found

        per_focus = each()
    for f, found in per_focus:
        yield from _results(shape, constraint, f, found)


def _results(
    shape: Shape, constraint: SparqlConstraint, f: Node, found: list[dict[str, Node]]
) -> Iterator[Result]:
    """PySHACL's ``_validate_sparql_query`` and ``_evaluate_sparql_constraint`` for one node."""
    violations: list[tuple[Node | None, Node | None, dict[str, Node]]] = []
    for row in found:
        var_dict = dict(row)
        if "failure" in var_dict or "path" in var_dict:
            raise Unsupported("a SPARQL constraint that binds ?failure or ?path")
        v = var_dict.pop("value", None)
        t = var_dict.pop("this", None)
        if v is not None or t is not None:
            if (t, v, var_dict) in violations:
                continue
            violations.append((t, v, var_dict))
    result_val = None if shape.is_property else f
    for t, v, var_dict in violations:
        if v is None:
            v = result_val
        bound: list[tuple[str, Node]] = list(var_dict.items())
        if t is not None:
            bound.append(("this", t))
        if v is not None:
            bound.append(("value", v))
        yield Result(
            shape,
            t or f,
            URIRef("http://www.w3.org/ns/shacl#SPARQLConstraintComponent"),
            v,
            constraint.node,
            tuple(bound),
        )


def fill_message(message: Literal, bound: Sequence[tuple[str, Node]]) -> Literal:
    """Fill ``{?var}`` / ``{$var}`` as pySHACL does: ``str()`` of the value, no language tag.

    Examples
    --------
    >>> print(fill_message(Literal("has {?value} ({$this})", lang="en"),
    ...                    [("this", URIRef("urn:t")), ("value", Literal(3))]))
    has 3 (urn:t)
    """
    msg = str(message.value) if message.value is not None else str(message)
    try:
        for var, val in dict(bound).items():
            msg = re.sub("{{[?$]{}}}".format(var), str(val), msg)  # noqa: UP032
    except re.error as exc:  # pySHACL fails the same way: let it report that
        raise Unsupported(f"a message pySHACL cannot fill: {exc}") from exc
    return Literal(msg)
