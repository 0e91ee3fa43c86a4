"""What the engine reads from the store: focus nodes, path values, class members, rows.

Every query runs on the union of the store's graphs (a triple in two graphs counts once) and
its terms are turned into rdflib terms once each, by :func:`policygraph._backends.rdflib_term`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from functools import lru_cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .._backends import rdflib_term
from ._model import PathStep, Shape, Unsupported

__all__ = ["StoreData"]

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


class StoreData:
    """Queries on a ``pyoxigraph.Store``, their answers as rdflib terms, cached per run."""

    def __init__(self, store: Any) -> None:
        import pyoxigraph as ox

        self.store = store
        self._ox = ox
        self.term = lru_cache(maxsize=1 << 20)(_node)
        self._instances: dict[Node, frozenset[Node]] = {}
        self._objects: dict[URIRef, dict[Node, set[Node]]] = {}

    # --- queries --------------------------------------------------------------------------

    def select(self, text: str, this: Node | None = None) -> Iterator[dict[str, Node]]:
        """The solutions of a SELECT query, ``{variable: term}`` (unbound ones left out)."""
        from ._compare import functions, rewrite
        from ._exists import nest_exists
        from ._sparql import prebind

        text = rewrite(nest_exists(text))
        if this is not None:
            if isinstance(this, BNode):
                raise Unsupported("a blank focus node of a SPARQL constraint")
            text = prebind(text, str(self.ox_term(this)))
        try:
            result = self.store.query(
                text, use_default_graph_as_union=True, custom_functions=functions()
            )
            names = [v.value for v in result.variables]
            term = self.term
            for solution in result:
                yield {n: term(t) for n, t in zip(names, solution, strict=True) if t is not None}
        except (SyntaxError, ValueError, OSError) as exc:
            # pySHACL's rdflib may read the query otherwise: let it run and report
            raise Unsupported(f"the store cannot run a query: {exc}") from exc

    def pairs(self, text: str) -> Iterator[tuple[Node, Node]]:
        """The (first, second) column pairs of a two-column SELECT query."""
        term = self.term
        for solution in self.store.query(text, use_default_graph_as_union=True):
            yield term(solution[0]), term(solution[1])

    def column(self, text: str) -> set[Node]:
        term = self.term
        return {term(s[0]) for s in self.store.query(text, use_default_graph_as_union=True)}

    def ox_term(self, node: Node) -> Any:
        ox = self._ox
        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            return ox.BlankNode(str(node))
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
            return ox.Literal(str(node))
        raise Unsupported(f"a term pyoxigraph cannot take: {node!r}")

    # --- what the shapes read -------------------------------------------------------------

    def focus_nodes(self, shape: Shape) -> set[Node]:
        """The focus nodes of a shape's targets, found as pySHACL finds them."""
        found: set[Node] = set()
        for cls in shape.target_classes:
            found |= self.instances(cls)
        for p in shape.target_subjects_of:
            found |= self.column(f"SELECT DISTINCT ?s WHERE {{ ?s {_iri(p)} ?o }}")
        for p in shape.target_objects_of:
            found |= self.column(f"SELECT DISTINCT ?o WHERE {{ ?s {_iri(p)} ?o }}")
        return found

    def instances(self, cls: Node) -> frozenset[Node]:
        """Nodes typed ``cls`` or a subclass of it in the data (``rdf:type/rdfs:subClassOf*``)."""
        if cls not in self._instances:
            text = f"SELECT DISTINCT ?x WHERE {{ ?x {_RDF_TYPE}/{_SUBCLASS}* {_iri(cls)} }}"
            self._instances[cls] = frozenset(self.column(text))
        return self._instances[cls]

    def objects(self, predicate: URIRef) -> Mapping[Node, Set[Node]]:
        """``{subject: objects}`` of one predicate (``sh:lessThan`` compares with them)."""
        if predicate not in self._objects:
            self._objects[predicate] = self.path_values(((predicate, False),))
        # (the compared values of every subject: a sh:lessThan shape reads a few predicates)
        return self._objects[predicate]

    def path_values(
        self, steps: tuple[PathStep, ...], wanted: Set[Node] | None = None
    ) -> dict[Node, set[Node]]:
        """``{node: value nodes}`` of a path for every node (of ``wanted``) that has a value."""
        path = "/".join(("^" if inverse else "") + _iri(p) for p, inverse in steps)
        out: dict[Node, set[Node]] = {}
        term = self.term
        text = f"SELECT DISTINCT ?s ?o WHERE {{ ?s {path} ?o }}"
        for solution in self.store.query(text, use_default_graph_as_union=True):
            s = term(solution[0])
            if wanted is not None and s not in wanted:
                continue
            o = term(solution[1])
            values = out.get(s)
            if values is None:
                out[s] = {o}
            else:
                values.add(o)
        return out

    def describe(self, node: BNode, into: Graph) -> None:
        """Copy a blank node's triples (and its blank objects', recursively) into ``into``."""
        todo, seen = [node], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            for quad in self.store.quads_for_pattern(self.ox_term(current), None, None):
                o = self.term(quad.object)
                into.add((current, self.term(quad.predicate), o))
                if isinstance(o, BNode):
                    todo.append(o)


def _node(term: Any) -> Node:
    """The rdflib term of a bound pyoxigraph term."""
    node = rdflib_term(term)
    if node is None:  # pragma: no cover - solutions and quads hold terms
        raise Unsupported("an unbound term")
    return node


def _iri(node: Node) -> str:
    if not isinstance(node, URIRef) or any(c in str(node) for c in '<>"{}|^`\\ '):
        raise Unsupported(f"a term the store's SPARQL cannot name: {node!r}")
    return f"<{node}>"
