"""Responsibility networks: who must coordinate with whom.

A plan's 责任单位 clauses link every task to the departments responsible for it. This
module reads those links (``pg:Responsibility`` resources, see ``docs/data-model.md``) with
one named query, from an rdflib graph, an Oxigraph store or a SPARQL endpoint (anything
:func:`policygraph.query` reads), and returns NetworkX graphs and a table of department measures:

- :func:`task_department_graph` -- the two-mode (bipartite) task x department network;
- :func:`coresponsibility_network` -- departments, joined by the number of tasks they share
  (the weighted one-mode projection);
- :func:`lead_support_network` -- directed, from each task's lead department to its
  supporting departments;
- :func:`department_metrics` -- load, centrality, community and brokerage per department;
- :func:`write_network` -- GraphML, GEXF (Gephi) or CSV node and edge lists.

Every node is keyed by its IRI (a ``str``) and carries ``iri``, ``label_zh`` and ``label_en``
(``""`` when the graph has no English label). Every edge keeps the task IRIs that justify it.
Each function reads all plans in the graph, or only one when ``plan`` is given.

Examples
--------
>>> from policygraph import load_plan
>>> from policygraph.network import coresponsibility_network
>>> net = coresponsibility_network(load_plan())
>>> by_name = {data["label_zh"]: node for node, data in net.nodes(data=True)}
>>> net.edges[by_name["市科技局"], by_name["市经信局"]]["weight"]  # tasks they share
10
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from ._atomic import atomic_path
from ._gc import paused
from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = [
    "FORMATS",
    "KINDS",
    "Link",
    "check_plan",
    "coresponsibility_network",
    "department_metrics",
    "lead_support_network",
    "links",
    "network",
    "network_files",
    "task_department_graph",
    "write_network",
]

#: the kinds of network :func:`network` builds, as the command line names them
KINDS: tuple[str, ...] = ("bipartite", "coresponsibility", "lead-support")
#: the export formats :func:`write_network` writes
FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv")

Kind = Literal["bipartite", "coresponsibility", "lead-support"]
Format = Literal["graphml", "gexf", "csv"]
#: the files of the ``csv`` format, written into the output directory
_CSV_FILES = ("nodes.csv", "edges.csv")

_LEAD_ROLE = "https://w3id.org/policygraph/def#LeadRole"


@dataclass(frozen=True)
class Link:
    """One task-department link read from a ``pg:Responsibility``, with the labels to show.

    Attributes
    ----------
    task, department : str
        IRIs.
    rank : int
        1-based order of the department in the clause (0 when the graph gives none).
    role : str
        ``"lead"`` or ``"support"``.
    plan : str
        IRI of the plan (``""`` when the graph gives none).
    task_zh, task_en, department_zh, department_en : str
        ``skos:prefLabel`` values (``""`` when absent).
    collective : bool
        Whether the department is a ``pg:CollectiveUnit`` (有关县〔市、区〕政府).
    """

    task: str
    department: str
    rank: int
    role: str
    plan: str
    task_zh: str = ""
    task_en: str = ""
    department_zh: str = ""
    department_en: str = ""
    collective: bool = False


def check_plan(source: Any, plan: str | None, /) -> str | None:
    """Return ``plan`` if it is ``None`` or a ``pg:Plan`` of ``source``, else raise InputError.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> check_plan(load_plan(), "https://w3id.org/policygraph/id/plan/nowhere")
    Traceback (most recent call last):
    ...
    policygraph.errors.InputError: the graph has no plan <https://w3id.org/policygraph/id/plan/nowhere>
    """
    if plan is None:
        return None
    from ._read import ask

    if not ask(source, "plan-exists", plan=str(plan)):
        raise InputError(f"the graph has no plan <{plan}>")
    return str(plan)


def links(source: Any, /, *, plan: str | None = None) -> list[Link]:
    """Read every task-department link (of one plan, or of all) with one query.

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        Anything :func:`policygraph.query` reads.
    plan : str, optional
        A plan IRI: only that plan's links.

    Returns
    -------
    list of Link
        Sorted by plan, task, rank and department.

    Raises
    ------
    InputError
        ``plan`` is not a ``pg:Plan`` of the graph.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> first = links(load_plan())[0]
    >>> first.task_zh, first.department_zh, first.role, first.rank
    ('打造新型实验室体系', '市科技局', 'lead', 1)
    """
    with paused():
        return _links(source, plan, "link-labels")


def _links(source: Any, plan: str | None, labels: str, /) -> list[Link]:
    """:func:`links`, with the labels of the internal query ``labels``.

    ``department-labels`` reads only the departments' labels (the task labels of the links
    are then ``""``): what the networks of departments show, at half the cost.
    """
    found, named = _link_rows(source, plan, labels)
    no_label: dict[str, str] = {}
    out = []
    for _responsibility, plan_of, task, department, rank, role, collective in found:
        task_names = named.get(task, no_label)
        department_names = named.get(department, no_label)
        out.append(
            Link(
                task=task,
                department=department,
                rank=int(rank) if rank is not None else 0,
                role="lead" if role == _LEAD_ROLE else "support",
                plan=plan_of or "",
                task_zh=task_names.get("zh", ""),
                task_en=task_names.get("en", ""),
                department_zh=department_names.get("zh", ""),
                department_en=department_names.get("en", ""),
                collective=bool(collective),
            )
        )
    return out


def _link_rows(
    source: Any, plan: str | None, labels: str, /
) -> tuple[list[tuple[Any, ...]], dict[str, dict[str, str]]]:
    """The rows of ``links.rq``, one per responsibility, sorted; the labels of ``labels``.

    Rows are sorted by plan, task, rank and department; of one responsibility with two ranks
    or roles, the first row in this order is kept.
    """
    from rdflib import URIRef

    from ._read import tuples

    plan_iri = check_plan(source, plan)
    params = {} if plan_iri is None else {"only_plan": URIRef(plan_iri)}
    found = tuples(source, "links", **params)
    if not found:
        return [], {}
    named = _labels(tuples(source, labels, **params))
    if any(row[1] is None or row[4] is None for row in found):
        found.sort(key=_link_order)
    else:  # the same order, without a key tuple per row
        found.sort(key=itemgetter(1, 2, 4, 3, 0, 5))
    seen: set[str] = set()
    kept = []
    for row in found:
        if row[0] not in seen:
            seen.add(row[0])
            kept.append(row)
    return kept, named


def _link_order(row: tuple[Any, ...]) -> tuple[str, str, int, str, str, str]:
    """Sort key of a row of ``links.rq``: plan, task, rank, department, responsibility, role."""
    responsibility, plan, task, department, rank, role, _collective = row
    return (
        plan or "",
        task,
        int(rank) if rank is not None else 0,
        department,
        responsibility,
        role or "",
    )


def _labels(found: list[tuple[Any, ...]]) -> dict[str, dict[str, str]]:
    """``{node: {"zh": ..., "en": ...}}`` from rows of ``link-labels.rq``.

    A language ``zh`` or ``en`` includes its subtags (``zh-Hans``); of several labels in one
    language the first in code-point order is kept.
    """
    out: dict[str, dict[str, str]] = {}
    for node, label, language in found:
        key = (language or "").lower().split("-")[0]
        if key not in ("zh", "en"):
            continue
        names = out.setdefault(node, {})
        if key not in names or label < names[key]:
            names[key] = label
    return out


def _department_attrs(link: Link) -> dict[str, Any]:
    return {
        "iri": link.department,
        "label_zh": link.department_zh,
        "label_en": link.department_en,
        "kind": "department",
        "collective": link.collective,
    }


def _task_attrs(link: Link) -> dict[str, Any]:
    return {
        "iri": link.task,
        "label_zh": link.task_zh,
        "label_en": link.task_en,
        "kind": "task",
        "plan": link.plan,
    }


def task_department_graph(g: Any, /, *, plan: str | None = None) -> nx.Graph:
    """Return the two-mode task x department network.

    Parameters
    ----------
    g : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        A plan graph (one or several plans), or anything :func:`policygraph.query` reads.
    plan : str, optional
        A plan IRI: only that plan's tasks. All plans when omitted.

    Returns
    -------
    networkx.Graph
        Task nodes have ``bipartite=0`` and ``kind="task"`` (plus ``plan``); department nodes
        ``bipartite=1``, ``kind="department"`` and ``collective`` (``True`` for units such as
        有关县〔市、区〕政府). Each edge is one ``pg:Responsibility``: ``rank`` (1-based order in
        the clause), ``role`` (``"lead"`` or ``"support"``) and ``tasks`` (the task IRI, as a
        one-element list, like the other networks' edges).

    Raises
    ------
    InputError
        ``plan`` is not a ``pg:Plan`` of the graph.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> from policygraph.network import task_department_graph
    >>> b = task_department_graph(load_plan())
    >>> task = next(n for n in b if n.endswith("/task/2-1-2"))  # 2．建设应用型高等院校
    >>> [(b.nodes[d]["label_zh"], e["role"], e["rank"]) for d, e in b[task].items()][:2]
    [('市教育局', 'lead', 1), ('市发展改革委', 'support', 2)]
    """
    with paused():
        return _two_mode(_links(g, plan, "link-labels"), plan)


def _two_mode(found: list[Link], plan: str | None) -> nx.Graph:
    import networkx as nx

    nodes: dict[str, dict[str, Any]] = {}  # in the order the links name them
    for link in found:
        if link.task not in nodes:
            nodes[link.task] = {"bipartite": 0, **_task_attrs(link)}
        if link.department not in nodes:
            nodes[link.department] = {"bipartite": 1, **_department_attrs(link)}
    graph = nx.Graph(kind="bipartite", plan=plan or "")
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from(
        (link.task, link.department, {"rank": link.rank, "role": link.role, "tasks": [link.task]})
        for link in found
    )
    return graph


def coresponsibility_network(g: Any, /, *, plan: str | None = None) -> nx.Graph:
    """Return the co-responsibility network: departments that share tasks.

    This is the weighted projection of :func:`task_department_graph` onto departments
    (``networkx.algorithms.bipartite.weighted_projected_graph``).

    Parameters
    ----------
    g : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        A plan graph (one or several plans), or anything :func:`policygraph.query` reads.
    plan : str, optional
        A plan IRI: only that plan's tasks. All plans when omitted.

    Returns
    -------
    networkx.Graph
        Department nodes (as in :func:`task_department_graph`, plus ``tasks``: the number of
        tasks the department is responsible for). Edge ``weight`` is the number of tasks the
        two departments share, ``tasks`` the sorted list of those task IRIs. A department
        that shares no task is an isolated node.

    Raises
    ------
    InputError
        ``plan`` is not a ``pg:Plan`` of the graph.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> from policygraph.network import coresponsibility_network
    >>> net = coresponsibility_network(load_plan())
    >>> net.number_of_nodes()  # distinct departments in the 责任单位 clauses
    22
    >>> all(d["weight"] == len(d["tasks"]) for _u, _v, d in net.edges(data=True))
    True
    """
    with paused():
        return _projection(_links(g, plan, "department-labels"), plan)


def _shared_tasks(
    pairs: Iterable[tuple[str, str]],
) -> tuple[dict[str, dict[str, None]], dict[str, dict[str, list[str]]]]:
    """Each department's tasks and the tasks each pair of departments shares.

    ``pairs`` are (task, department) links. Returns each department's distinct tasks (the
    departments in the order they first come) and ``shared[u][v]``: the tasks ``u`` and ``v``
    share (one list for both directions, in link order), the neighbours of ``u`` in the order
    they first share a task. This is the weighted projection of the task x department network
    (``networkx.algorithms.bipartite.weighted_projected_graph``), counted in one pass.
    """
    tasks_of: dict[str, dict[str, None]] = {}
    members: dict[str, dict[str, None]] = {}
    for task, department in pairs:
        tasks = tasks_of.get(department)
        if tasks is None:
            tasks = tasks_of[department] = {}
        tasks[task] = None
        departments = members.get(task)
        if departments is None:
            departments = members[task] = {}
        departments[department] = None
    shared: dict[str, dict[str, list[str]]] = {department: {} for department in tasks_of}
    for task, departments in members.items():
        ordered = list(departments)
        for at, u in enumerate(ordered):
            partners = shared[u]
            for v in ordered[at + 1 :]:
                together = partners.get(v)
                if together is None:
                    together = partners[v] = shared[v][u] = []
                together.append(task)
    return tasks_of, shared


def _projection(found: list[Link], plan: str | None) -> nx.Graph:
    import networkx as nx

    graph = nx.Graph(kind="coresponsibility", plan=plan or "")
    tasks_of, shared = _shared_tasks((link.task, link.department) for link in found)
    first: dict[str, Link] = {}
    for link in found:
        first.setdefault(link.department, link)
    graph.add_nodes_from(
        (department, {**_department_attrs(first[department]), "tasks": len(tasks)})
        for department, tasks in tasks_of.items()
    )
    done: set[str] = set()
    for u, partners in shared.items():
        done.add(u)
        graph.add_edges_from(
            (u, v, {"weight": len(tasks), "tasks": sorted(tasks)})
            for v, tasks in partners.items()
            if v not in done
        )
    return graph


def lead_support_network(g: Any, /, *, plan: str | None = None) -> nx.DiGraph:
    """Return the directed lead -> supporting department network.

    Parameters
    ----------
    g : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        A plan graph (one or several plans), or anything :func:`policygraph.query` reads.
    plan : str, optional
        A plan IRI: only that plan's tasks. All plans when omitted.

    Returns
    -------
    networkx.DiGraph
        Department nodes (as in :func:`task_department_graph`, plus ``led`` and
        ``supported``: numbers of tasks). An edge ``u -> v`` means ``u`` leads a task that
        ``v`` supports; ``weight`` is the number of such tasks and ``tasks`` their IRIs.

    Raises
    ------
    InputError
        ``plan`` is not a ``pg:Plan`` of the graph.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> from policygraph.network import lead_support_network
    >>> ls = lead_support_network(load_plan())
    >>> [(d["led"], d["supported"]) for _n, d in ls.nodes(data=True) if d["label_zh"] == "市科技局"]
    [(12, 5)]
    """
    with paused():
        return _lead_support(_links(g, plan, "department-labels"), plan)


def _lead_support(found: list[Link], plan: str | None) -> nx.DiGraph:
    import networkx as nx

    nodes: dict[str, dict[str, Any]] = {}
    by_task: dict[str, list[Link]] = defaultdict(list)
    for link in found:
        by_task[link.task].append(link)
        attrs = nodes.get(link.department)
        if attrs is None:
            attrs = nodes[link.department] = {**_department_attrs(link), "led": 0, "supported": 0}
        attrs["led" if link.role == "lead" else "supported"] += 1
    edges: dict[tuple[str, str], list[str]] = {}
    for task, task_links in by_task.items():
        leads = [link.department for link in task_links if link.role == "lead"]
        supports = [link.department for link in task_links if link.role == "support"]
        for lead in leads:
            for support in supports:
                if lead != support:
                    edges.setdefault((lead, support), []).append(task)
    graph = nx.DiGraph(kind="lead-support", plan=plan or "")
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from(
        (lead, support, {"weight": len(tasks), "tasks": tasks})
        for (lead, support), tasks in edges.items()
    )
    return graph


def network(g: Any, /, *, kind: Kind = "coresponsibility", plan: str | None = None) -> Any:
    """Return the network of one ``kind``: ``bipartite``, ``coresponsibility`` or ``lead-support``.

    Parameters
    ----------
    g : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        A plan graph (one or several plans), or anything :func:`policygraph.query` reads.
    kind : {"bipartite", "coresponsibility", "lead-support"}, default "coresponsibility"
        :func:`task_department_graph`, :func:`coresponsibility_network` or
        :func:`lead_support_network`.
    plan : str, optional
        A plan IRI: only that plan's tasks. All plans when omitted.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        The network that function returns.

    Raises
    ------
    InputError
        ``kind`` is not one of :data:`KINDS`, or ``plan`` is not a ``pg:Plan`` of the graph.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> from policygraph.network import network
    >>> network(load_plan(), kind="lead-support").is_directed()
    True
    """
    builders = {
        "bipartite": task_department_graph,
        "coresponsibility": coresponsibility_network,
        "lead-support": lead_support_network,
    }
    try:
        builder = builders[kind]
    except KeyError:
        raise InputError(
            f"unknown network kind {kind!r}; choose one of {', '.join(KINDS)}"
        ) from None
    return builder(g, plan=plan)


#: the columns of :func:`department_metrics`, in order
METRIC_COLUMNS: tuple[str, ...] = (
    "label_zh",
    "label_en",
    "led",
    "supported",
    "total",
    "partners",
    "weighted_degree",
    "betweenness",
    "eigenvector",
    "closeness",
    "community",
    "core_number",
    "constraint",
)


def department_metrics(g: Any, /, *, plan: str | None = None, seed: int = 315) -> pd.DataFrame:
    """Return one row of load, centrality and brokerage measures per department.

    Parameters
    ----------
    g : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        A plan graph (one or several plans), or anything :func:`policygraph.query` reads.
    plan : str, optional
        A plan IRI: only that plan's tasks. All plans when omitted.
    seed : int, default 315
        Seed of the community detection, so the ``community`` column is reproducible.

    Returns
    -------
    pandas.DataFrame
        Indexed by department IRI (index name ``department``), sorted by ``total``, then
        ``led`` (both descending), then ``label_zh``. Columns:

        ``label_zh``, ``label_en``
            the department's labels;
        ``led``, ``supported``, ``total``
            tasks it leads, supports, and both (from :func:`lead_support_network`);
        ``partners``
            departments it shares at least one task with (degree in the co-responsibility
            network);
        ``weighted_degree``
            sum of shared-task weights over its partners;
        ``betweenness``, ``closeness``
            normalized betweenness and closeness centrality in the co-responsibility
            network, with distance ``1 / weight`` (sharing more tasks = closer);
        ``eigenvector``
            weighted eigenvector centrality (0 for isolated departments);
        ``community``
            1-based community number from Louvain modularity optimisation (weighted,
            seeded), communities numbered by decreasing size;
        ``core_number``
            k-core number (core-periphery: the core departments have the highest value);
        ``constraint``
            Burt's constraint (weighted), a brokerage measure: low values mean the
            department spans structural holes between otherwise unconnected partners;
            ``NaN`` for isolated departments.

    Raises
    ------
    InputError
        ``plan`` is not a ``pg:Plan`` of the graph.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> from policygraph.network import department_metrics
    >>> table = department_metrics(load_plan())
    >>> table.iloc[0]["label_zh"]
    '市科技局'
    >>> list(table.columns[:5])
    ['label_zh', 'label_en', 'led', 'supported', 'total']
    """
    with paused():  # many small objects, none in a reference cycle
        return _metrics(g, plan, seed)


def _metrics(g: Any, plan: str | None, seed: int) -> pd.DataFrame:
    import pandas as pd

    from ._centrality import core_number, group_measures, louvain

    found, named = _link_rows(g, plan, "department-labels")  # read once, for every measure
    columns = list(METRIC_COLUMNS)
    if not found:
        empty = pd.DataFrame(columns=columns)
        empty.index.name = "department"
        return empty
    tasks_of, shared = _shared_tasks((row[2], row[3]) for row in found)
    led = dict.fromkeys(tasks_of, 0)
    supported = dict.fromkeys(tasks_of, 0)
    for row in found:
        (led if row[5] == _LEAD_ROLE else supported)[row[3]] += 1

    weight = {u: {v: len(tasks) for v, tasks in partners.items()} for u, partners in shared.items()}
    groups = _government_components(((row[1] or "", row[3]) for row in found), tasks_of)
    betweenness, closeness, centrality, brokerage = group_measures(weight, groups)
    core: dict[str, int] = {}
    communities: list[set[str]] = []
    for group in groups:
        part = {u: weight[u] for u in group}
        communities.extend(louvain(part, seed=seed))
        core.update(core_number(part))
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    community = {node: i for i, members in enumerate(ordered, start=1) for node in members}

    departments = list(tasks_of)
    no_label: dict[str, str] = {}
    table = pd.DataFrame(
        {
            "label_zh": [named.get(d, no_label).get("zh", "") for d in departments],
            "label_en": [named.get(d, no_label).get("en", "") for d in departments],
            "led": [led[d] for d in departments],
            "supported": [supported[d] for d in departments],
            "total": [len(tasks_of[d]) for d in departments],
            "partners": [len(shared[d]) for d in departments],
            "weighted_degree": [sum(map(len, shared[d].values())) for d in departments],
            "betweenness": [betweenness[d] for d in departments],
            "eigenvector": [centrality.get(d, 0.0) for d in departments],
            "closeness": [closeness[d] for d in departments],
            "community": [community[d] for d in departments],
            "core_number": [core[d] for d in departments],
            "constraint": [brokerage[d] for d in departments],
        },
        index=pd.Index(departments, name="department"),
    )
    table = table.sort_values(
        ["total", "led", "label_zh"], ascending=[False, False, True], kind="stable"
    )
    return table[columns]


def _government_components(
    links: Iterable[tuple[str, str]], departments: Iterable[str]
) -> list[list[str]]:
    """The ``departments`` grouped by the plans that share them.

    ``links`` are (plan, department) pairs. Two departments are in one group when they are
    responsible for tasks of one plan, or are linked through a chain of such plans (plans of
    one government share its departments). No edge of the co-responsibility network crosses
    groups, so measures computed on each group alone are exact; a corpus of many governments
    costs the sum of its groups, not one giant network. One plan is one group: the whole
    network. Each group lists its departments in the order of ``departments``, so the
    measures do not depend on hashing.
    """
    parent: dict[str, str] = {}  # plans, joined when they share a department

    def root(plan: str) -> str:
        while parent[plan] != plan:
            parent[plan] = parent[parent[plan]]
            plan = parent[plan]
        return plan

    owner: dict[str, str] = {}  # department -> the first plan it was seen in
    for plan, department in links:
        if plan not in parent:
            parent[plan] = plan
        first = owner.setdefault(department, plan)
        if first != plan:
            a, b = root(first), root(plan)
            if a != b:
                parent[a] = b
    groups: dict[str, list[str]] = defaultdict(list)
    for node in departments:
        groups[root(owner[node])].append(node)
    return sorted(groups.values(), key=min)


# -- export -----------------------------------------------------------------------------------


def _flat(value: Any) -> Any:
    """A GraphML/GEXF/CSV-safe attribute value: lists become space-separated strings."""
    if isinstance(value, list | tuple | set):
        return " ".join(str(v) for v in value)
    return value


def _flattened(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attribute values are all scalars (lists joined by spaces)."""
    flat = graph.copy()
    flat.graph = {k: _flat(v) for k, v in graph.graph.items() if v is not None}
    for _node, data in flat.nodes(data=True):
        for key, value in list(data.items()):
            data[key] = _flat(value)
    for *_ends, data in flat.edges(data=True):
        for key, value in list(data.items()):
            data[key] = _flat(value)
    return flat


def _atomic(path: Path) -> AbstractContextManager[Path]:
    """A temporary path next to ``path``, renamed to ``path`` on success (folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_path(path)


def _format(target: Path, format: str | None) -> Format:
    if format is None:
        suffix = target.suffix.lower().lstrip(".")
        format = suffix if suffix in ("graphml", "gexf") else "csv"
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    return cast("Format", format)


def network_files(path: str | os.PathLike[str], /, *, format: Format | None = None) -> list[Path]:
    """The files :func:`write_network` writes for ``path`` and ``format``.

    Examples
    --------
    >>> [p.as_posix() for p in network_files("out/net.graphml")]
    ['out/net.graphml']
    >>> [p.as_posix() for p in network_files("out")]
    ['out/nodes.csv', 'out/edges.csv']
    """
    target = Path(path)
    if _format(target, format) == "csv":
        return [target / name for name in _CSV_FILES]
    return [target]


def write_network(
    graph: nx.Graph, path: str | os.PathLike[str], /, *, format: Format | None = None
) -> list[Path]:
    """Write a network for Gephi, Cytoscape, R or a spreadsheet.

    List-valued attributes (the ``tasks`` of an edge) are written as one string of
    space-separated IRIs, since GraphML, GEXF and CSV cells hold scalars only.

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        A network from this module.
    path : path-like
        The output file for ``graphml`` and ``gexf``; for ``csv``, a directory that receives
        ``nodes.csv`` (column ``id`` plus the node attributes) and ``edges.csv`` (columns
        ``source``, ``target`` plus the edge attributes).
    format : {"graphml", "gexf", "csv"}, optional
        Taken from the file suffix when omitted (``.graphml``, ``.gexf``; anything else is
        ``csv``).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    InputError
        Unknown format, or the output cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import networkx as nx
    >>> from policygraph import load_plan
    >>> from policygraph.network import coresponsibility_network, write_network
    >>> net = coresponsibility_network(load_plan())
    >>> with tempfile.TemporaryDirectory() as out:
    ...     written = write_network(net, Path(out) / "net.graphml")
    ...     back = nx.read_graphml(written[0])
    >>> sorted(back.edges(data="weight")) == sorted(net.edges(data="weight"))
    True
    """
    import networkx as nx

    target = Path(path)
    format = _format(target, format)
    flat = _flattened(graph)
    try:
        if format == "graphml":
            with _atomic(target) as tmp:
                nx.write_graphml(flat, tmp, encoding="utf-8")
            return [target]
        if format == "gexf":
            for _node, data in flat.nodes(data=True):
                data.setdefault("label", data.get("label_zh") or data.get("label_en") or _node)
            with _atomic(target) as tmp:
                nx.write_gexf(flat, tmp, encoding="utf-8")
            return [target]
        return _write_csv(flat, target)
    except (FileExistsError, NotADirectoryError) as exc:  # a folder on the way is a file
        blocker = next((p for p in reversed(target.parents) if p.is_file()), target.parent)
        raise InputError(f"cannot write {target}: {blocker} is a file, not a directory") from exc
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _write_csv(flat: nx.Graph, directory: Path) -> list[Path]:
    import pandas as pd

    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory} is a file; csv output needs a directory")
    node_keys = dict.fromkeys(k for _n, d in flat.nodes(data=True) for k in d)
    edge_keys = dict.fromkeys(k for *_e, d in flat.edges(data=True) for k in d)
    nodes = pd.DataFrame(
        [{"id": node, **data} for node, data in flat.nodes(data=True)], columns=["id", *node_keys]
    )
    edges = pd.DataFrame(
        [{"source": u, "target": v, **data} for u, v, data in flat.edges(data=True)],
        columns=["source", "target", *edge_keys],
    )
    written = []
    for name, frame in zip(_CSV_FILES, (nodes, edges), strict=True):
        out = directory / name
        with _atomic(out) as tmp:
            frame.to_csv(tmp, index=False, encoding="utf-8")
        written.append(out)
    return written
