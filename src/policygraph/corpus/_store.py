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

A plan is written with one SPARQL update (Oxigraph applies an update as one transaction:
all of it or nothing): the old version's graph dropped, the new graph and the shared
triples inserted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from ..errors import InputError

__all__ = ["collect_shared", "open_disk_store", "remove_plans", "write_plan"]

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
    parts = [f"DROP SILENT GRAPH <{g}>" for g in {*replaces, graph}]
    if own:
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{own}\n}} }}")
    if shared:
        parts.append(f"INSERT DATA {{\n{shared}\n}}")
    _update(store, " ;\n".join(parts))


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


def _update(store: Any, text: str) -> None:
    try:
        store.update(text)
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"the Oxigraph store refused the update: {exc}") from exc
