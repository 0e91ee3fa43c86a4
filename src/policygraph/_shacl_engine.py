"""SHACL validation of a corpus graph that grows linearly: pySHACL per plan, in parallel.

pySHACL on a whole corpus grows quadratically: every SPARQL-based constraint is matched once per
focus node, and rdflib orders the patterns of a block by their unbound variables only (it does
not know that ``$this`` is bound), so ``?r pg:task $this ; pg:rank ?rank`` scans every
responsibility for every task. This engine gives pySHACL's findings, computed so that the work is
linear in the number of plans:

1. the data graph is split into *partitions*: one per plan (the plan's IRI and every IRI under it,
   as :func:`policygraph.sparql.open_store` names graphs, with blank nodes joined to what they are
   linked to); two plans linked by a triple share one partition. Each partition gets the shared
   triples (departments, units, …) reachable from it, and the shared triples no plan reaches form
   one more partition;
2. a partition is validated exactly as the whole graph would be when every shape reads, from a
   focus node, only what the partition holds. :func:`_partition_safe` proves it per shape: paths
   and SPARQL patterns that follow triples forward from the focus node are safe; ones that go
   backwards (``sh:inversePath``, ``?r pg:task $this``) are safe only from a plan's own nodes,
   and the engine checks that no focus node of such a shape is shared. Anything it cannot prove
   (a ``sh:targetNode``, a SPARQL pattern not anchored at ``$this``, a shared triple pointing into
   a plan…) sends the whole graph to pySHACL in one run, as before;
3. each partition runs through pySHACL itself (so every finding is pySHACL's own), in worker
   processes, with each SPARQL query parsed once and its patterns ordered knowing that ``$this``
   is bound (the same patterns, so the same solutions);
4. the results graphs are merged into one ``sh:ValidationReport``; a shared node validated in two
   partitions gives the same result twice, kept once.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node, Variable

from .vocab import PG

__all__ = ["errors_raised_not_logged", "ill_typed_literals_not_logged", "validate_partitioned"]

#: partitions are validated in groups of about this many triples (pySHACL has a cost per run)
CHUNK_TRIPLES = 25_000

_Triple = tuple[Node, Node, Node]


@contextmanager
def errors_raised_not_logged() -> Iterator[None]:
    """Keep pyshacl from logging to stderr the errors that ``validate`` raises as ours."""
    logger = logging.getLogger("pyshacl-validate")

    def no_errors(record: logging.LogRecord) -> bool:
        return record.levelno < logging.ERROR

    logger.addFilter(no_errors)
    try:
        yield
    finally:
        logger.removeFilter(no_errors)


@contextmanager
def ill_typed_literals_not_logged() -> Iterator[None]:
    """Keep rdflib from logging a traceback for each ill-typed literal (``"abc"^^xsd:decimal``).

    Validation reports such a literal as a finding that names its value and type, so the
    log record (a warning with a traceback, on stderr) only repeats it.
    """
    logger = logging.getLogger("rdflib.term")

    def not_ill_typed(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")

    logger.addFilter(not_ill_typed)
    try:
        yield
    finally:
        logger.removeFilter(not_ill_typed)


def validate_partitioned(
    data: Graph, shapes: Graph, /, *, workers: int | None = None
) -> tuple[bool, Graph]:
    """Validate ``data`` against ``shapes`` as ``pyshacl.validate(..., inference="none")`` does.

    Parameters
    ----------
    data : rdflib.Graph
        The data graph (one plan or a corpus of plans).
    shapes : rdflib.Graph
        The SHACL shapes.
    workers : int, optional
        Worker processes (default: the number of CPUs; 1 runs in this process).

    Returns
    -------
    tuple of (bool, rdflib.Graph)
        ``conforms`` and the SHACL results graph, with pySHACL's results.

    Examples
    --------
    >>> from policygraph.resources import resource_path
    >>> from policygraph.rdf import load_graph
    >>> data = load_graph(resource_path("data", "plan315.ttl"))
    >>> shapes = load_graph(resource_path("shapes", "policygraph-shapes.ttl"))
    >>> conforms, report = validate_partitioned(data, shapes, workers=1)
    >>> conforms, len(set(report.subjects(RDF.type, SH.ValidationResult)))
    (False, 1)
    """
    workers = max(1, workers or os.cpu_count() or 1)
    # pySHACL's own messages write nodes with the data graph's prefixes: keep them
    names = [(prefix, str(namespace)) for prefix, namespace in data.namespaces()]
    shape_names = [(prefix, str(namespace)) for prefix, namespace in shapes.namespaces()]
    chunks = _chunks(data, shapes, max(2_000, min(CHUNK_TRIPLES, len(data) // (2 * workers))))
    if chunks is None:  # the shapes or the data do not allow a split: one run, as pySHACL
        return _run_pyshacl(list(data), list(shapes), names, shape_names)
    workers = min(workers, len(chunks))
    shape_triples = list(shapes)
    if workers == 1:
        outcomes = [_run_pyshacl(chunk, shape_triples, names, shape_names) for chunk in chunks]
    else:
        try:
            outcomes = _run_in_processes(chunks, shape_triples, names, workers, shape_names)
        except Exception:  # pySHACL failed in a worker (invalid shapes): fail here, as itself
            return _run_pyshacl(list(data), shape_triples, names, shape_names)
    return _merge(outcomes, data, shapes)


# --- partitions -------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, x: Node) -> Node:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _owner_of(plans: set[str]) -> Any:
    """Return a function: the plan an IRI belongs to (itself or under it), a blank node, or None."""

    @lru_cache(maxsize=1 << 18)
    def of_iri(iri: str) -> str | None:
        if iri in plans:
            return iri
        cut = iri.rfind("/")
        while cut > 0:
            if iri[:cut] in plans:
                return iri[:cut]
            cut = iri.rfind("/", 0, cut)
        return None

    def owner(node: Node) -> Node | None:
        if isinstance(node, URIRef):
            plan = of_iri(str(node))
            return URIRef(plan) if plan is not None else None
        if isinstance(node, BNode):
            return node
        return None

    return owner


def _chunks(data: Graph, shapes: Graph, size: int) -> list[list[_Triple]] | None:
    """Split ``data`` into groups of partitions to validate apart; None when it is not safe."""
    plans = {str(p) for p in data.subjects(RDF.type, PG.Plan) if isinstance(p, URIRef)}
    if len(plans) < 2 or not _shapes_partition_safe(shapes):
        return None
    owner = _owner_of(plans)
    components = _UnionFind()
    triples = list(data)
    owners: list[tuple[Node | None, Node | None]] = []
    for s, _, o in triples:
        so, oo = owner(s), owner(o)
        owners.append((so, oo))
        if so is not None and oo is not None:
            components.union(so, oo)
    local_roots = {components.find(URIRef(p)) for p in plans}

    def local(key: Node | None) -> Node | None:
        if key is None:
            return None
        root = components.find(key)
        return root if root in local_roots else None

    partitions: dict[Node, list[_Triple]] = defaultdict(list)
    shared: dict[Node, list[_Triple]] = defaultdict(list)
    for triple, (so, oo) in zip(triples, owners, strict=True):
        root = local(so)
        if root is not None:
            partitions[root].append(triple)
        else:
            if local(oo) is not None:  # a shared node points into a plan: no clean split
                return None
            shared[triple[0]].append(triple)
    if not _focus_nodes_local(data, shapes, lambda n: local(owner(n)) is not None):
        return None
    reached: set[Node] = set()

    def closure(part: Iterable[_Triple]) -> list[_Triple]:
        """The shared triples reachable, forwards, from the objects of ``part``."""
        seen: set[Node] = set()
        todo = [o for _, _, o in part if o in shared]
        out: list[_Triple] = []
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for triple in shared[node]:
                out.append(triple)
                if triple[2] in shared and triple[2] not in seen:
                    todo.append(triple[2])
        reached.update(seen)
        return out

    chunks: list[list[_Triple]] = []
    current: list[_Triple] = []
    for root in sorted(partitions, key=str):
        current.extend(partitions[root])
        if len(current) >= size:
            chunks.append(current + closure(current))
            current = []
    if current:
        chunks.append(current + closure(current))
    rest = [t for subject, ts in shared.items() if subject not in reached for t in ts]
    if rest:
        chunks.append(rest + closure(rest))
    return chunks


def _focus_nodes_local(data: Graph, shapes: Graph, is_local: Any) -> bool:
    """True when every focus node of a shape that reads backwards is a plan's own node."""
    for shape in _node_shapes(shapes):
        if not _reads_backwards(shapes, shape):
            continue
        for node in _targets(data, shapes, shape):
            if not is_local(node):
                return False
    return True


def _node_shapes(shapes: Graph) -> set[Node]:
    """Shapes with targets (the ones pySHACL starts from)."""
    kinds = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
    found = {s for kind in kinds for s in shapes.subjects(kind, None)}
    found |= {s for s in shapes.subjects(RDF.type, RDFS.Class) if _is_shape(shapes, s)}
    return found


def _is_shape(shapes: Graph, node: Node) -> bool:
    return (node, RDF.type, SH.NodeShape) in shapes or (node, RDF.type, SH.PropertyShape) in shapes


def _targets(data: Graph, shapes: Graph, shape: Node) -> Iterator[Node]:
    classes = set(shapes.objects(shape, SH.targetClass))
    if (shape, RDF.type, RDFS.Class) in shapes:
        classes.add(shape)
    todo = list(classes)
    while todo:  # subclasses, as pySHACL follows them in the data graph
        for sub in data.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in classes:
                classes.add(sub)
                todo.append(sub)
    for cls in classes:
        yield from data.subjects(RDF.type, cls)
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        yield from data.subjects(p, None)
    for p in shapes.objects(shape, SH.targetObjectsOf):
        yield from data.objects(None, p)


# --- which shapes allow the split ---------------------------------------------------------

#: shape parameters whose values are shapes (validated on value nodes or on the focus node)
_NESTED = (SH.property, SH.node, SH.qualifiedValueShape, SH["not"])
_NESTED_LISTS = (SH["and"], SH["or"], SH.xone)
#: parameters this engine knows to read no more than the focus node's values
_KNOWN = {
    *_NESTED,
    *_NESTED_LISTS,
    SH.path, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.severity, SH.message,
    SH.name, SH.description, SH.order, SH.group, SH.deactivated, SH.minCount, SH.maxCount,
    SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.hasValue, SH.pattern, SH.flags,
    SH.languageIn, SH.uniqueLang, SH.minLength, SH.maxLength, SH.minInclusive, SH.maxInclusive,
    SH.minExclusive, SH.maxExclusive, SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint,
    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.closed,
    SH.ignoredProperties, SH.sparql, SH.defaultValue,
}  # fmt: skip


def _shapes_partition_safe(shapes: Graph) -> bool:
    """True when no shape needs the whole graph (see the module docstring)."""
    for shape in _node_shapes(shapes):
        if (shape, SH.targetNode, None) in shapes or (shape, SH.target, None) in shapes:
            return False  # a named node is a focus node in every partition, data or not
        for part in _shape_closure(shapes, shape):
            for p, o in shapes.predicate_objects(part):
                if str(p).startswith(str(SH)) and p not in _KNOWN:
                    return False
                if p == SH.sparql and not _sparql_partition_safe(shapes, o):
                    return False
        for part in _value_shapes(shapes, shape):
            if _reads_backwards(shapes, part):
                return False  # a shape of value nodes: those may be shared nodes
    return True


def _value_shapes(shapes: Graph, shape: Node) -> list[Node]:
    """The shapes a shape applies to other nodes than its focus nodes (``sh:node``...)."""
    out: list[Node] = []
    for part in _shape_closure(shapes, shape):
        for p in _NESTED:
            if p != SH.property:
                out.extend(shapes.objects(part, p))
        for p in _NESTED_LISTS:
            for head in shapes.objects(part, p):
                out.extend(shapes.items(head))
    return out


def _shape_closure(shapes: Graph, shape: Node) -> list[Node]:
    """The shape and every shape it refers to."""
    seen: list[Node] = []
    todo = [shape]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.append(node)
        for p in _NESTED:
            todo.extend(shapes.objects(node, p))
        for p in _NESTED_LISTS:
            for head in shapes.objects(node, p):
                todo.extend(shapes.items(head))
    return seen


def _reads_backwards(shapes: Graph, shape: Node) -> bool:
    """True when a shape (or one it refers to) follows a triple from its object to its subject."""
    for part in _shape_closure(shapes, shape):
        for path in shapes.objects(part, SH.path):
            if _path_has_inverse(shapes, path):
                return True
        if (part, SH.sparql, None) in shapes:
            return True
    return False


def _path_has_inverse(shapes: Graph, path: Node) -> bool:
    if isinstance(path, URIRef):
        return False
    if (path, SH.inversePath, None) in shapes:
        return True
    nested = [o for p, o in shapes.predicate_objects(path) if p != RDF.type]
    if (path, RDF.first, None) in shapes:
        nested = list(shapes.items(path))
    return any(_path_has_inverse(shapes, n) for n in nested)


def _sparql_partition_safe(shapes: Graph, constraint: Node) -> bool:
    """True when every pattern of the constraint's query is anchored at ``$this``.

    A pattern is anchored when its subject is reached from ``$this`` (forwards: the partition
    holds everything reachable forwards), or when its object is ``$this`` or a node reached
    backwards from ``$this`` (a plan's own node: what points to it is in its partition).
    """
    text = shapes.value(constraint, SH.select)
    if not isinstance(text, Literal) or (constraint, SH.ask, None) in shapes:
        return False
    namespaces = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(None, SH.declare)
    }
    try:
        from rdflib.plugins.sparql import prepareQuery

        algebra = prepareQuery(str(text), initNs=namespaces).algebra
    except Exception:  # anything the analysis cannot read is left to one whole run
        return False
    scopes: list[list[Any]] = []
    if not _collect_patterns(algebra, scopes, []):
        return False
    return all(_anchored(patterns) for patterns in scopes)


def _collect_patterns(node: Any, scopes: list[list[Any]], current: list[Any]) -> bool:
    """Gather triple patterns per variable scope (a sub-select is a scope of its own)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in ("Graph", "ServiceGraphPattern", "values", "ToMultiSet"):
            if node.name != "ToMultiSet":
                return False
            inner: list[Any] = []
            scopes.append(inner)
            return _collect_patterns(node.get("p"), scopes, inner)
        if node.name == "SelectQuery" and not scopes:
            scopes.append(current)
        if node.name == "BGP":
            current.extend(node.triples)
        return all(_collect_patterns(v, scopes, current) for v in _parts(node))
    if isinstance(node, list | tuple):
        return all(_collect_patterns(v, scopes, current) for v in node)
    return True


def _parts(node: Any) -> list[Any]:
    """A query node's parts: its items, and attributes set on it.

    rdflib translates the pattern of ``EXISTS`` / ``NOT EXISTS`` into an attribute
    (``node.graph``), leaving the untranslated pattern as the item of that name.
    """
    return [*node.values(), *vars(node).values()]


def _anchored(patterns: Sequence[Any]) -> bool:
    from rdflib.paths import InvPath, SequencePath

    edges: list[tuple[Any, Any]] = []  # (from, to): a triple followed forwards
    for s, p, o in patterns:
        steps: list[tuple[Any, bool]] = []
        items = p.args if isinstance(p, SequencePath) else [p]
        for step in items:
            if isinstance(step, URIRef):
                steps.append((step, False))
            elif isinstance(step, InvPath) and isinstance(step.arg, URIRef):
                steps.append((step.arg, True))
            else:
                return False
        nodes = [s, *(object() for _ in steps[1:]), o]
        for i, (_, inverse) in enumerate(steps):
            a, b = nodes[i], nodes[i + 1]
            edges.append((b, a) if inverse else (a, b))
    this = Variable("this")
    reached, own = {this}, {this}
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            if a in reached and b not in reached:
                reached.add(b)
                changed = True
            if b in own and a not in own:
                reached.add(a)
                own.add(a)
                changed = True
    return all(a in reached or b in own for a, b in edges)


# --- running pySHACL ----------------------------------------------------------------------


def _run_pyshacl(
    data: Sequence[_Triple],
    shapes: Sequence[_Triple],
    names: Sequence[tuple[str, str]],
    shape_names: Sequence[tuple[str, str]] = (),
) -> tuple[bool, Graph]:
    import pyshacl

    graph = _OrderedQueryGraph(bind_namespaces="none")
    for prefix, namespace in names:
        graph.bind(prefix, namespace, override=True, replace=True)
    for triple in data:
        graph.add(triple)
    shapes_graph = Graph()
    # pySHACL's own messages write paths with the shapes graph's prefixes: keep them too
    for prefix, namespace in shape_names:
        shapes_graph.bind(prefix, namespace, override=True, replace=True)
    for triple in shapes:
        shapes_graph.add(triple)
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes_graph, inference="none")
    if not isinstance(report, Graph):
        raise TypeError(f"pySHACL returned {type(report).__name__}, not a results graph")
    return bool(conforms), report


def _worker(
    args: tuple[list[_Triple], list[_Triple], list[tuple[str, str]], list[tuple[str, str]]],
) -> tuple[bool, list[_Triple]]:

    with errors_raised_not_logged(), ill_typed_literals_not_logged():
        conforms, report = _run_pyshacl(*args)
    return conforms, list(report)


def _run_in_processes(
    chunks: list[list[_Triple]],
    shapes: list[_Triple],
    names: list[tuple[str, str]],
    workers: int,
    shape_names: list[tuple[str, str]],
) -> list[tuple[bool, Graph]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    outcomes: list[tuple[bool, Graph]] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for conforms, triples in pool.map(
            _worker, [(chunk, shapes, names, shape_names) for chunk in chunks]
        ):
            report = Graph()
            for triple in triples:
                report.add(triple)
            outcomes.append((conforms, report))
    return outcomes


class _OrderedQueryGraph(Graph):
    """A graph that parses each SPARQL text once and matches ``$this`` patterns first."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str) and not kwargs.get("initNs"):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Any:
    """The query parsed, each block's patterns ordered knowing that ``$this`` is bound.

    A block of triple patterns is a conjunction: any order gives the same solutions.
    """
    from rdflib.plugins.sparql import prepareQuery

    query = prepareQuery(text)
    _order_blocks(query.algebra, {Variable("this")})
    return query


def _order_blocks(node: Any, known: set[Any]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "BGP" and node.triples:
            node["triples"] = _greedy(list(node.triples), known)
        for value in _parts(node):
            _order_blocks(value, known)
    elif isinstance(node, list | tuple):
        for value in node:
            _order_blocks(value, known)


def _greedy(patterns: list[Any], known: set[Any]) -> list[Any]:
    """Order patterns: next, the one with the fewest unbound variables, then the most bound ones.

    ``?r pg:task $this`` (joined on a bound variable) comes before ``?r pg:role pg:SupportRole``
    (a constant that many triples share); ties keep rdflib's order.
    """
    bound = set(known)
    out: list[Any] = []
    todo = list(patterns)

    def cost(pattern: Any) -> tuple[int, int]:
        variables = [t for t in pattern if isinstance(t, Variable)]
        free = sum(1 for t in variables if t not in bound)
        return free, free - len(variables)

    while todo:
        best = min(range(len(todo)), key=lambda i: cost(todo[i]))
        pattern = todo.pop(best)
        bound.update(t for t in pattern if isinstance(t, Variable))
        out.append(pattern)
    return out


# --- merging ------------------------------------------------------------------------------


def _merge(
    outcomes: Sequence[tuple[bool, Graph]], data: Graph, shapes: Graph
) -> tuple[bool, Graph]:
    """One results graph: each distinct result once, its new blank nodes renamed per run."""
    from rdflib.extras.shacl import parse_shacl_path

    merged = Graph()
    report = BNode()
    merged.add((report, RDF.type, SH.ValidationReport))
    seen: set[tuple[Any, ...]] = set()
    conforms = True
    for ok, graph in outcomes:
        conforms = conforms and ok
        fresh: dict[Node, BNode] = {}

        def rename(node: Node, fresh: dict[Node, BNode] = fresh) -> Node:
            if isinstance(node, BNode) and (node, None, None) not in shapes:
                if (node, None, None) in data or (None, None, node) in data:
                    return node
                return fresh.setdefault(node, BNode())
            return node

        for result in graph.subjects(RDF.type, SH.ValidationResult):
            path = graph.value(result, SH.resultPath)
            key = (
                *(graph.value(result, p) for p in _KEY),
                frozenset(graph.objects(result, SH.resultMessage)),
                str(parse_shacl_path(graph, path)) if path is not None else None,
            )
            if key in seen:
                continue
            seen.add(key)
            merged.add((report, SH.result, rename(result)))
            for triple in _tree(graph, result):
                merged.add((rename(triple[0]), triple[1], rename(triple[2])))
    merged.add((report, SH.conforms, Literal(conforms)))
    return conforms, merged


_KEY = (
    SH.focusNode,
    SH.value,
    SH.sourceShape,
    SH.sourceConstraint,
    SH.sourceConstraintComponent,
    SH.resultSeverity,
)


def _tree(graph: Graph, node: Node) -> Iterator[_Triple]:
    """The triples of a result and of the blank-node structures it holds (a path)."""
    todo, seen = [node], set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for _, p, o in graph.triples((subject, None, None)):
            yield subject, p, o
            if isinstance(o, BNode) and p != SH.focusNode and p != SH.value:
                todo.append(o)
