"""Rows of the internal named queries, as plain Python values (the one read layer).

The analyses (:mod:`policygraph.network`, :mod:`policygraph.summary`, :mod:`policygraph.plot`,
:mod:`policygraph.validation`) read a graph only through :func:`rows`, which runs a query of
``queries/internal/`` with :func:`policygraph.sparql.query`. So each analysis works the same on
an rdflib graph, an Oxigraph store and a SPARQL endpoint.

Examples
--------
>>> from policygraph import load_plan
>>> g = load_plan()
>>> leads = [r for r in rows(g, "responsibilities") if r["rank"] == 1]
>>> len(leads), labels(g, [leads[0]["department"]])[leads[0]["department"]]["zh"]
(19, '市科技局')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

__all__ = [
    "ask",
    "count_plan_triples",
    "for_queries",
    "labels",
    "rows",
    "rows_for",
    "tuples",
    "walk_plan",
]


def _plain(value: Any) -> Any:
    """A frame cell as a plain Python value: missing is None, labels ``str``, numbers Python's."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, str):
        return str(value)  # a LangString as its text
    import pandas as pd

    if value is pd.NA or value is pd.NaT:
        return None
    item = getattr(value, "item", None)  # numpy scalars
    return item() if callable(item) else value


def _records(frame: Any) -> list[dict[str, Any]]:
    columns = list(frame.columns)
    return [
        {name: _plain(value) for name, value in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def for_queries(source: Any, /) -> Any:
    """The source to run several queries on: an rdflib graph is copied into Oxigraph, once.

    rdflib's SPARQL engine takes about a second for the handful of queries that summarise one
    plan (``OPTIONAL``, ``FILTER`` and ``ORDER BY`` over a few thousand triples); an in-memory
    ``pyoxigraph.Store`` answers them in milliseconds, and the copy of one plan takes about a
    tenth of a second. Other sources (stores, endpoints, files) are returned as they are, and
    so is a graph with named graphs (a Dataset) or a term Oxigraph cannot hold.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> g = load_plan()
    >>> store = for_queries(g)
    >>> type(store).__name__, len(store) == len(g)
    ('Store', True)
    >>> for_queries(store) is store
    True
    """
    from rdflib import ConjunctiveGraph, Graph

    if not isinstance(source, Graph) or isinstance(source, ConjunctiveGraph):
        return source
    import pyoxigraph as ox

    from ._writer import ox_quads

    try:
        quads = ox_quads(source)
    except (TypeError, ValueError):
        return source
    store = ox.Store()
    store.extend(quads)
    return store


def rows(source: Any, name: str, /, **params: object) -> list[dict[str, Any]]:
    """Run the internal query ``name`` on ``source``; return its rows as dicts, in order."""
    from ._queries import internal
    from .sparql import query

    return _records(query(source, internal(name), **params))


def tuples(source: Any, name: str, /, **params: object) -> list[tuple[Any, ...]]:
    """Run the internal query ``name``; return its rows as tuples, in the query's column order.

    The lean reader of large results: the values of :func:`rows` (labels as plain ``str``),
    without a DataFrame. On a ``pyoxigraph.Store`` the engine's terms become Python values as
    the rows come; other sources go through :func:`rows`.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> g = load_plan()
    >>> store = for_queries(g)
    >>> sorted(tuples(store, "link-labels")) == sorted(tuples(g, "link-labels"))
    True
    >>> sorted(tuples(store, "collective-units")) == sorted(tuples(g, "collective-units"))
    True
    """
    if not type(source).__module__.startswith("pyoxigraph"):
        return [tuple(row.values()) for row in rows(source, name, **params)]
    from ._backends import oxigraph_tuples
    from ._queries import bind_raw, internal
    from .errors import QueryError

    named = internal(name)
    bindings = named.bind(params) if named.parameters else bind_raw(named.text, params)
    try:
        return oxigraph_tuples(source, named.text, bindings)
    except QueryError as exc:
        raise QueryError(
            exc.message, source=str(named.path), line=exc.line, column=exc.column
        ) from exc


def rows_for(
    source: Any, name: str, variable: str, terms: Iterable[Any], /
) -> list[dict[str, Any]]:
    """Run the internal query ``name`` with ``variable`` bound to each of ``terms`` (``VALUES``)."""
    from dataclasses import replace

    from ._queries import internal, with_rows
    from .sparql import query

    terms = list(terms)
    if not terms:
        return []
    named = internal(name)
    text = with_rows(named.text, variable, terms)
    return _records(query(source, replace(named, text=text)))


def ask(source: Any, name: str, /, **params: object) -> bool:
    """Run the internal ``ASK`` query ``name`` on ``source``."""
    from ._queries import internal
    from .sparql import query

    return bool(query(source, internal(name), **params)["ask"].iloc[0])


def labels(source: Any, nodes: Iterable[str], /) -> dict[str, dict[str, str]]:
    """The ``@zh`` and ``@en`` ``skos:prefLabel`` of each node, with one ``VALUES`` query.

    Returns ``{iri: {"zh": ..., "en": ...}}`` for the nodes that have labels; a language
    ``zh`` or ``en`` includes its subtags (``zh-Hans``), and of several labels in one language
    the first in code-point order is kept.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> plan = "https://w3id.org/policygraph/id/plan/jiaxing-315"
    >>> labels(load_plan(), [plan])[plan]["en"][:45]
    "Jiaxing '315' Science and Technology Innovati"
    """
    from dataclasses import replace

    from rdflib import URIRef

    from ._queries import internal, with_rows
    from .sparql import query

    terms = [URIRef(n) for n in sorted(set(nodes))]
    found: dict[str, dict[str, str]] = {}
    if not terms:
        return found
    named = internal("labels")
    frame = query(source, replace(named, text=with_rows(named.text, "node", terms)))
    for node, label in zip(frame["node"], frame["label"], strict=True):
        language = (getattr(label, "language", None) or "").lower().split("-")[0]
        if language in ("zh", "en"):
            found.setdefault(str(node), {}).setdefault(language, str(label))
    return found


def walk_plan(graph: Any, plan: Any, /) -> set[tuple[Any, Any, Any]]:
    """The triples of one plan in an rdflib graph (see :func:`policygraph.summary.plan_triples`).

    The one read that is not a query: on rdflib, the same walk as ``VALUES`` queries takes
    seconds for one plan (measured: 4.4 s against 0.05 s for Jiaxing), so an in-memory graph is
    walked directly; stores and endpoints are queried.
    """
    from rdflib import Literal
    from rdflib.namespace import RDF

    from .vocab import PG

    plans = set(graph.subjects(RDF.type, PG.Plan))
    seen = {plan, *graph.subjects(PG.inPlan, plan)}
    todo = list(seen)
    out: set[tuple[Any, Any, Any]] = set()
    while todo:
        node = todo.pop()
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            if p == RDF.type or isinstance(o, Literal) or o in seen or o in plans:
                continue
            seen.add(o)
            todo.append(o)
    return out


def count_plan_triples(store: Any, plan: str, /) -> int:
    """The number of triples of one plan in the default graph of a ``pyoxigraph.Store``.

    The walk of :func:`walk_plan`, on the copy :func:`for_queries` makes of an rdflib graph:
    Oxigraph's index serves it several times faster than rdflib's. In one graph each
    subject's triples are distinct, and each subject is visited once, so they are counted,
    not collected.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> g = load_plan()
    >>> count_plan_triples(for_queries(g), "https://w3id.org/policygraph/id/plan/jiaxing-315")
    5042
    """
    import pyoxigraph as ox
    from rdflib.namespace import RDF

    from .vocab import PG

    kind, in_plan, plan_class = (ox.NamedNode(str(t)) for t in (RDF.type, PG.inPlan, PG.Plan))
    default, start = ox.DefaultGraph(), ox.NamedNode(str(plan))
    plans = {q.subject for q in store.quads_for_pattern(None, kind, plan_class, default)}
    seen = {start, *(q.subject for q in store.quads_for_pattern(None, in_plan, start, default))}
    todo = list(seen)
    count = 0
    while todo:
        node = todo.pop()
        for quad in store.quads_for_pattern(node, None, None, default):
            count += 1
            o = quad.object
            if quad.predicate == kind or isinstance(o, ox.Literal) or o in seen or o in plans:
                continue
            seen.add(o)
            todo.append(o)
    return count
