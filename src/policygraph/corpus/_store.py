"""Writing plans into an on-disk Oxigraph store: one transaction per plan.

Layout of the store
-------------------
- Each plan's own triples (its IRI and every IRI under it, ``…/plan/{id}/…``) are in the
  named graph ``urn:sha256:<hash of the text>``.
- Things plans share (departments, their governments and functions, issuers, units,
  indicators, platforms) are in the default graph, once: Oxigraph's union of graphs does not
  merge equal triples of two graphs, so a department kept in every plan's graph would be
  counted once per plan by a query without ``DISTINCT``.
- When a plan is removed or replaced, the shared things no plan refers to any more are
  removed (:func:`collect_shared`), so removing a plan loses nothing another plan uses.

A plan is written in one transaction (all of it or nothing): a new plan with one load of
N-Quads (Oxigraph's parser, a third cheaper than a SPARQL update of the same triples), a
plan that replaces another with one SPARQL update (the old version's graph dropped, the new
graph and the shared triples inserted). Many new plans at once are bulk-loaded
(:func:`load_plans`: about half the cost per plan again, and nothing left for the final flush),
which is not a transaction: the build marks the load first (see
:mod:`policygraph.corpus._manifest`), so that what a hard kill leaves of it is removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from ..errors import InputError

__all__ = [
    "collect_shared",
    "load_plans",
    "nquads",
    "ntriples",
    "open_disk_store",
    "remove_plans",
    "write_plan",
]

#: shared things are policygraph instances; the ontology and a user's own data are never collected
_INSTANCES = "https://w3id.org/policygraph/id/"


def open_disk_store(path: str | os.PathLike[str], /) -> Any:
    """Open (or create) the Oxigraph store in a folder, translating its errors.

    Raises
    ------
    InputError
        The folder is not a store, or another program holds it open.
    """
    import pyoxigraph as ox

    try:
        return ox.Store(os.fspath(path))
    except OSError as exc:
        reason = str(exc)
        if "lock" in reason.lower():
            reason = "another program holds the store open (a running build, server or notebook)"
        raise InputError(f"cannot open the Oxigraph store: {reason}", source=str(path)) from exc


def write_plan(
    store: Any, graph: str, own: str, shared: str, /, *, replaces: Iterable[str] = ()
) -> None:
    """Replace a plan's graph and add its shared triples, in one transaction.

    Parameters
    ----------
    store : pyoxigraph.Store
        The corpus store.
    graph : str
        The plan's graph IRI.
    own, shared : str
        N-Triples: the plan's own triples (into ``graph``) and the shared ones (into the
        default graph).
    replaces : iterable of str
        Graphs of earlier versions of the plan, dropped in the same transaction.

    Raises
    ------
    InputError
        The store refused the update (nothing of it is written).
    """
    import pyoxigraph as ox

    drops = {*replaces, graph}
    if drops == {graph} and not store.contains_named_graph(ox.NamedNode(graph)):
        _load(store, nquads(graph, own, shared).encode(), bulk=False)
        return
    parts = [f"DROP SILENT GRAPH <{g}>" for g in sorted(drops)]
    if own:
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{own}\n}} }}")
    if shared:
        parts.append(f"INSERT DATA {{\n{shared}\n}}")
    _update(store, " ;\n".join(parts))


def load_plans(store: Any, plans: Iterable[tuple[str, str, str]], /) -> None:
    """Bulk-load new plans (graph, own N-Triples, shared N-Triples): fast, not a transaction.

    Oxigraph's bulk loader writes sorted files straight into the database, with several
    threads; it costs about half a transactional load per plan, but a failure or a kill part
    way leaves part of the data. The caller marks the load beforehand and removes the
    plans' graphs (and :func:`collect_shared`) when it does not finish.

    Raises
    ------
    InputError
        The store refused the data (part of it may be written).
    """
    data = "".join(nquads(graph, own, shared) for graph, own, shared in plans)
    _load(store, data.encode(), bulk=True)


def nquads(graph: str, own: str, shared: str, /) -> str:
    """A plan's N-Triples as N-Quads: its own triples in ``graph``, the shared ones in the default.

    N-Triples keeps a line break in a literal escaped, so each line of ``own`` ends with its
    triple's `` .``.

    Examples
    --------
    >>> print(nquads("urn:g", '<http://a> <http://p> "x" .', '<http://d> <http://p> "y" .'))
    <http://a> <http://p> "x" <urn:g> .
    <http://d> <http://p> "y" .
    <BLANKLINE>
    """
    own_quads = f"{own}\n".replace(" .\n", f" <{graph}> .\n") if own else ""
    return f"{own_quads}{shared}\n" if shared else own_quads


def remove_plans(store: Any, graphs: Iterable[str], /) -> None:
    """Drop plans' graphs in one transaction (the shared triples stay: see collect_shared)."""
    parts = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
    if parts:
        _update(store, " ;\n".join(parts))


def collect_shared(store: Any, /) -> int:
    """Remove shared triples that no plan refers to any more; return how many.

    A shared subject stays while a plan's graph names it, or a shared subject that stays
    does (a department's function is named by the department, not by the plan).
    """
    import pyoxigraph as ox

    roots: set[Any] = set()
    shared: dict[Any, list[Any]] = {}
    for quad in store.quads_for_pattern(None, None, None):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            if isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(_INSTANCES):
                shared.setdefault(quad.subject, []).append(quad.triple)
        else:
            roots.add(quad.subject)
            roots.add(quad.object)
    reached = set()
    todo = [node for node in roots if node in shared]
    while todo:
        node = todo.pop()
        if node in reached:
            continue
        reached.add(node)
        todo.extend(t.object for t in shared[node] if t.object in shared)
    dead = [t for node, triples in shared.items() if node not in reached for t in triples]
    if dead:
        _update(store, "DELETE DATA {\n" + ntriples(dead) + "\n}")
    return len(dead)


def ntriples(triples: Iterable[Any], /) -> str:
    """Write pyoxigraph triples as N-Triples text (also valid in a SPARQL ``INSERT DATA`` block).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> print(ntriples([ox.Triple(ox.NamedNode("http://a"), ox.NamedNode("http://p"),
    ...                           ox.Literal("市科技局", language="zh"))]))
    <http://a> <http://p> "市科技局"@zh .
    """
    return "\n".join(f"{t} ." for t in triples)


def _load(store: Any, data: bytes, *, bulk: bool) -> None:
    import pyoxigraph as ox

    try:
        if bulk:
            store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        else:
            store.load(data, format=ox.RdfFormat.N_QUADS)
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"the Oxigraph store refused the update: {exc}") from exc


def _update(store: Any, text: str) -> None:
    try:
        store.update(text)
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"the Oxigraph store refused the update: {exc}") from exc
