"""Write rdflib graphs with pyoxigraph's serializers, in time linear in the graph (private).

rdflib's Turtle serializer is superlinear (the graph of a 1 MB plan text took 37 s to write,
one of 5 MB 11 minutes and 1.5 GB), and its N-Triples writer is slow too. Here the graph's
graph is read once, its triples grouped by subject (references to rdflib's terms: a small
fraction of the graph's own memory) and the namespaces of its vocabulary noted (the prefixes
written are those bound in the graph whose namespace a predicate, a class or a datatype uses);
then, subject by subject in sorted order, each subject's triples are converted to pyoxigraph
terms, sorted and handed to pyoxigraph's streaming serializer. The output is the same from
run to run.

N-Triples is left to rdflib, whose N-Triples writer is linear and faster than the conversion.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDF, SKOS
>>> g = Graph()
>>> g.bind("skos", SKOS)
>>> task = URIRef("https://w3id.org/policygraph/id/plan/p/task/1")
>>> _ = g.add((task, RDF.type, SKOS.Concept))
>>> _ = g.add((task, SKOS.prefLabel, Literal("建设实验室", lang="zh")))
>>> print(serialize(g, format="turtle").decode("utf-8"))  # doctest: +NORMALIZE_WHITESPACE
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/policygraph/id/plan/p/task/1> a skos:Concept ;
    skos:prefLabel "建设实验室"@zh .
<BLANKLINE>
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

from ._gc import paused

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from rdflib import BNode, Graph, URIRef
    from rdflib.term import Node

    _Subject = URIRef | BNode
    _Pairs = list[tuple[URIRef, Node]]

__all__ = [
    "OX_FORMATS",
    "bind_prefixes",
    "ox_quads",
    "ox_triples",
    "serialize",
    "stream",
    "survey",
    "write_graph",
]

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


#: rdflib format names that pyoxigraph writes (others are left to rdflib, e.g. longturtle)
OX_FORMATS = {
    "turtle": "TURTLE",
    "ttl": "TURTLE",
    "text/turtle": "TURTLE",
    "xml": "RDF_XML",
    "application/rdf+xml": "RDF_XML",
    "json-ld": "JSON_LD",
    "application/ld+json": "JSON_LD",
}


class _Converter:
    """rdflib terms → pyoxigraph terms (vocabulary IRIs converted once)."""

    def __init__(self) -> None:
        import pyoxigraph as ox
        from rdflib import BNode, Literal, URIRef

        self.ox = ox
        self.kinds = (URIRef, Literal, BNode)
        self.vocabulary: dict[str, pyoxigraph.NamedNode] = {}
        self.blanks: dict[str, pyoxigraph.BlankNode] = {}

    def word(self, value: str) -> pyoxigraph.NamedNode:
        """An IRI of the vocabulary (a predicate, class or datatype): few, so kept."""
        node = self.vocabulary.get(value)
        if node is None:
            node = self.vocabulary[value] = self.ox.NamedNode(value)
        return node

    def term(self, term: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
        uriref, literal, bnode = self.kinds
        if isinstance(term, uriref):
            return self.ox.NamedNode(term)
        if isinstance(term, literal):
            text = str(term)
            if term.language:
                return self.ox.Literal(text, language=term.language)
            if term.datatype is None:
                return self.ox.Literal(text)
            return self.ox.Literal(text, datatype=self.word(str(term.datatype)))
        if isinstance(term, bnode):
            key = str(term)
            node = self.blanks.get(key)
            if node is None:
                try:
                    node = self.ox.BlankNode(key)
                except ValueError:  # an id pyoxigraph does not accept: a fresh one, same node
                    node = self.ox.BlankNode()
                self.blanks[key] = node
            return node
        raise TypeError(f"cannot write a {type(term).__name__} ({term!r}) as RDF")


#: formats pyoxigraph writes for a list of triples (an rdflib graph's N-Triples stay rdflib's)
_TRIPLE_FORMATS = {"nt": "N_TRIPLES", "ntriples": "N_TRIPLES"}


def bind_prefixes(graph: Graph, /) -> Graph:
    """Bind policygraph's prefixes (``pg``, ``id``, ``oa``, ``skos``...) and return ``graph``.

    Examples
    --------
    >>> from rdflib import Graph
    >>> str(dict(bind_prefixes(Graph()).namespaces())["pg"])
    'https://w3id.org/policygraph/def#'
    """
    from .vocab import PREFIXES

    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _prefixed() -> Graph:
    """An empty graph with the prefixes policygraph binds (rdflib's own included)."""
    from rdflib import Graph

    return bind_prefixes(Graph())


def survey(
    graph: Iterable[tuple[Node, Node, Node]],
) -> tuple[list[tuple[_Subject, _Pairs]], set[str]]:
    """The graph's triples grouped by subject (subjects sorted), and its vocabulary's namespaces.

    One pass over the graph. The namespaces are those of the predicates (but rdf:type, written
    ``a``), the classes (objects of rdf:type) and the datatypes.

    Raises
    ------
    TypeError
        A term is not an IRI, a blank node or a literal (an N3 formula, a variable).
    """
    from rdflib import BNode, Literal, URIRef

    groups: dict[_Subject, _Pairs] = {}
    words: set[URIRef] = set()
    for s, p, o in graph:
        if not isinstance(s, URIRef | BNode) or not isinstance(p, URIRef):
            raise TypeError(f"cannot write the triple ({s!r}, {p!r}, {o!r}) as RDF")
        group = groups.get(s)
        if group is None:
            group = groups[s] = []
        group.append((p, o))
        words.add(p)
        if isinstance(o, Literal):
            if o.datatype is not None:
                words.add(o.datatype)
        elif not isinstance(o, URIRef | BNode):
            raise TypeError(f"cannot write a {type(o).__name__} ({o!r}) as RDF")
        elif isinstance(o, URIRef) and str.__eq__(p, _TYPE):  # rdflib's == wants a URIRef
            words.add(o)
    words.discard(URIRef(_TYPE))
    namespaces = {str(w)[: max(w.rfind("#"), w.rfind("/")) + 1] for w in words}
    return sorted(groups.items(), key=_subject_text), namespaces


def _subject_text(item: tuple[_Subject, _Pairs]) -> str:
    return f"{type(item[0]).__name__} {item[0]}"


def stream(groups: list[tuple[_Subject, _Pairs]]) -> Iterator[pyoxigraph.Triple]:
    """The triples as pyoxigraph triples, subject by subject.

    A subject's triples are sorted by their N-Triples text (made by pyoxigraph), so that the
    output is the same from run to run: rdflib's memory store yields triples in an order that
    changes from one process to the next.
    """
    convert = _Converter()
    triple, term, word = convert.ox.Triple, convert.term, convert.word
    for s, pairs in groups:
        subject = term(s)
        group = [triple(subject, word(str(p)), term(o)) for p, o in pairs]
        group.sort(key=str)
        yield from group


def ox_triples(graph: Graph, /) -> list[pyoxigraph.Triple]:
    """The triples of an rdflib graph as ``pyoxigraph.Triple`` objects, grouped by subject.

    Raises
    ------
    TypeError
        A term is not an IRI, a blank node or a literal.
    """
    return list(stream(survey(graph)[0]))


def ox_quads(graph: Graph, /) -> list[pyoxigraph.Quad]:
    """The triples of an rdflib graph as ``pyoxigraph.Quad`` objects in the default graph.

    In the graph's own order (unlike :func:`ox_triples`, not sorted: for a copy into a store,
    where order does not matter).

    Raises
    ------
    TypeError
        A term is not an IRI, a blank node or a literal.

    Examples
    --------
    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal(1)))
    >>> print(ox_quads(g)[0].object)
    "1"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    convert = _Converter()
    quad, term, word, uriref = convert.ox.Quad, convert.term, convert.word, convert.kinds[0]
    out = []
    for s, p, o in graph:
        if not isinstance(p, uriref):
            raise TypeError(f"cannot write the triple ({s!r}, {p!r}, {o!r}) as RDF")
        out.append(quad(term(s), word(str(p)), term(o)))
    return out


def write_graph(
    graph: Graph | Sequence[tuple[Node, Node, Node]],
    out: IO[bytes],
    /,
    *,
    format: str = "turtle",
) -> None:
    """Write ``graph`` to the binary file ``out`` in an rdflib format name.

    Formats in :data:`OX_FORMATS` are written by pyoxigraph, in linear time; any other (e.g.
    ``nt``, whose rdflib writer is linear, ``longturtle``, ``n3``, ``trig``) by rdflib.
    Graphs with named graphs (a Dataset) and terms that are not IRIs, blank nodes or literals
    (N3 formulae) are left to rdflib too. ``graph`` may also be a list of distinct triples of
    rdflib terms (written with policygraph's prefixes; N-Triples by pyoxigraph too), so a large
    plan is written without building an rdflib store first.

    Raises
    ------
    ValueError
        A term cannot be written (an IRI pyoxigraph rejects, text that is not valid Unicode).
    """
    import pyoxigraph as ox
    from rdflib import ConjunctiveGraph, Graph

    if not isinstance(graph, Graph):
        name = OX_FORMATS.get(format) or _TRIPLE_FORMATS.get(format)
        if name is None:
            rdflib_graph = bind_prefixes(Graph())
            for triple in graph:
                rdflib_graph.add(triple)
            write_graph(rdflib_graph, out, format=format)
            return
        namespaces = list(_prefixed().namespaces())
    else:
        name = OX_FORMATS.get(format)
        if name is None or isinstance(graph, ConjunctiveGraph):
            graph.serialize(destination=out, format=format, encoding="utf-8")
            return
        namespaces = list(graph.namespaces())
    try:
        with paused():
            groups, used = survey(graph)
    except TypeError:  # N3 formulae, variables: rdflib writes what it made
        if not isinstance(graph, Graph):
            raise ValueError(
                "a triple holds a term that is not an IRI, blank node or literal"
            ) from None
        graph.serialize(destination=out, format=format, encoding="utf-8")
        return
    prefixes = {
        prefix: str(namespace)
        for prefix, namespace in sorted(namespaces)
        if prefix and str(namespace) in used
    }
    try:
        with paused():
            ox.serialize(stream(groups), out, getattr(ox.RdfFormat, name), prefixes=prefixes)
    except (TypeError, ValueError) as exc:  # an IRI pyoxigraph refuses, a lone surrogate...
        raise ValueError(f"a term is not valid RDF: {exc}") from exc


def serialize(graph: Graph, /, *, format: str = "turtle") -> bytes:
    """The serialization of ``graph`` as UTF-8 bytes (see :func:`write_graph`)."""
    buffer = io.BytesIO()
    write_graph(graph, buffer, format=format)
    return buffer.getvalue()
