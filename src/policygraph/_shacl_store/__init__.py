"""SHACL on a pyoxigraph store, set at a time, with pySHACL 0.40's results graph.

pySHACL matches each shape on one focus node at a time, on an rdflib graph: on a corpus its
SPARQL-based constraints grow quadratically and the graph itself takes gigabytes. This engine
reads the same data in the store:

1. the shapes are read once into a small model (:mod:`._model`); anything it does not
   evaluate exactly as pySHACL does raises :class:`Unsupported`, and the caller runs pySHACL;
2. each shape's focus nodes come from one query per target; the value nodes of every path,
   for all focus nodes at once, from one ``SELECT DISTINCT`` per distinct path;
3. the core constraint components run in Python on rdflib terms, mirroring pySHACL's code
   (:mod:`._core`); SPARQL-based constraints run on the store, once for all focus nodes when
   that is provably the same as pySHACL's pre-bound query per focus node (:mod:`._sparql`);
4. the results are written as pySHACL writes them (:mod:`._report`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from ._core import Data, Result, check_shape
from ._data import StoreData
from ._model import Shape, Unsupported, read_shapes
from ._report import results_graph
from ._sparql import check_sparql

__all__ = ["Unsupported", "graph_of_store", "plan_graphs", "validate_store"]


def validate_store(store: Any, shapes: Graph) -> tuple[bool, Graph]:
    """Validate a store's data as ``pyshacl.validate(data, shacl_graph=shapes, inference="none")``.

    Parameters
    ----------
    store : pyoxigraph.Store
        The data: the union of the store's graphs (a triple in two graphs counts once).
    shapes : rdflib.Graph
        The SHACL shapes.

    Returns
    -------
    tuple of (bool, rdflib.Graph)
        ``conforms`` and the SHACL results graph, with pySHACL's results.

    Raises
    ------
    Unsupported
        The shapes use a feature this engine does not evaluate (run pySHACL instead).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> from rdflib.namespace import RDF, SH
    >>> from policygraph.resources import resource_path
    >>> from policygraph.rdf import load_graph
    >>> store = ox.Store()
    >>> store.bulk_load(path=str(resource_path("data", "plan315.ttl")), format=ox.RdfFormat.TURTLE)
    >>> shapes = load_graph(resource_path("shapes", "policygraph-shapes.ttl"))
    >>> conforms, report = validate_store(store, shapes)
    >>> conforms, len(set(report.subjects(RDF.type, SH.ValidationResult)))
    (False, 1)
    >>> print(report.value(next(report.subjects(RDF.type, SH.ValidationResult)), SH.sourceShape))
    https://w3id.org/policygraph/shapes#SchemeNamesFewer
    """
    roots = read_shapes(shapes)
    data = StoreData(store)
    checks = Data(data.instances, data.objects)
    # each shape with the focus nodes it is evaluated on (a node shape's properties on its own)
    work: list[tuple[Shape, list[Node]]] = []
    for root in roots:
        focus = sorted(data.focus_nodes(root), key=_order)
        if not focus:
            continue
        work.append((root, focus))
        work.extend((child, focus) for child in root.properties)
    by_path: dict[tuple[Any, ...], list[tuple[Shape, list[Node]]]] = defaultdict(list)
    for shape, focus in work:
        by_path[shape.steps].append((shape, focus))
    results: list[Result] = []
    try:
        for steps, group in by_path.items():
            found: dict[Node, set[Node]] = {}
            if steps and any(s.params for s, _ in group):
                wanted = {f for s, focus in group if s.params for f in focus}
                found = data.path_values(steps, wanted)
            for shape, focus in group:
                if shape.params:
                    values = (
                        {f: found.get(f, set()) for f in focus}
                        if steps
                        else {f: {f} for f in focus}
                    )
                    results.extend(check_shape(shape, values, checks))
                for constraint in shape.sparql:
                    results.extend(check_sparql(shape, constraint, focus, data.select))
            del found  # the values of one path at a time
    except (TypeError, ValueError, ArithmeticError) as exc:  # pySHACL meets them too: let it say
        raise Unsupported(f"a comparison pySHACL may treat otherwise: {exc}") from exc
    report = results_graph(shapes, results, data)
    return not results, report


def graph_of_store(store: Any) -> Graph:
    """The store's data as one rdflib graph: every graph's triples, each once.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> s, p = ox.NamedNode("urn:s"), ox.NamedNode("urn:p")
    >>> store.add(ox.Quad(s, p, ox.Literal("05", datatype=ox.NamedNode(
    ...     "http://www.w3.org/2001/XMLSchema#integer")), ox.NamedNode("urn:g")))
    >>> store.add(ox.Quad(s, p, ox.Literal("5", datatype=ox.NamedNode(
    ...     "http://www.w3.org/2001/XMLSchema#integer"))))
    >>> len(graph_of_store(store))
    1
    """
    from .._writer import bind_prefixes

    data = StoreData(store)
    graph = bind_prefixes(Graph())
    term = data.term
    for quad in store.quads_for_pattern(None, None, None, None):
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph


def plan_graphs(store: Any) -> Iterator[Graph]:
    """Each named graph of a store as a small rdflib graph, with the source documents it names.

    A plan's source document may sit in the default graph (shared): its triples come along.
    A store without named graphs is one graph. The source-text checks read these, one plan
    at a time.

    Examples
    --------
    >>> from policygraph.resources import resource_path
    >>> from policygraph.sparql import open_store
    >>> store = open_store(None, resource_path("data", "plan315.ttl"))
    >>> [len(g) for g in plan_graphs(store)], len(store)  # the rest is shared: departments...
    ([4338], 5042)
    """
    import pyoxigraph as ox

    data = StoreData(store)
    term = data.term
    default = ox.DefaultGraph()
    names = list(store.named_graphs()) or [default]
    for name in names:
        graph = Graph()
        for quad in store.quads_for_pattern(None, None, None, name):
            graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
        if isinstance(name, ox.NamedNode):
            documents = store.query(
                f"SELECT DISTINCT ?d WHERE {{ GRAPH <{name.value}> {{ ?x {_DOCUMENT} ?d }} }}"
            )
            for (document,) in documents:
                if isinstance(document, ox.NamedNode):
                    for quad in store.quads_for_pattern(document, None, None, default):
                        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
        yield graph


_DOCUMENT = "<http://www.w3.org/ns/oa#hasSource>|<https://w3id.org/policygraph/def#source>"


def _order(node: Node) -> tuple[str, str]:
    return (type(node).__name__, str(node))
