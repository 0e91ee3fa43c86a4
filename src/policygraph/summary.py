"""What a plan graph says, as plain dataclasses: the basis of ``policygraph report`` and ``stats``.

Reads any graph that follows the vocabulary contract (``docs/data-model.md``) through named
SPARQL queries, so a graph loaded from a file, built from a text, an Oxigraph store or a SPARQL
endpoint is summarised the same way.

Examples
--------
>>> from policygraph.rdf import load_plan
>>> from policygraph.summary import summarize
>>> (plan,) = summarize(load_plan())
>>> len(plan.actions), sum(len(a.tasks) for a in plan.actions)
(6, 19)
>>> plan.actions[0].tasks[0].lead
'市科技局'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Node

__all__ = [
    "ActionSummary",
    "PartSummary",
    "PlanSummary",
    "PlatformSummary",
    "TargetSummary",
    "TaskSummary",
    "comparator_text",
    "count_entities",
    "count_triples",
    "plan_triples",
    "summarize",
    "targets",
]


@dataclass(frozen=True)
class TargetSummary:
    """One quantitative target, ready to print."""

    iri: str
    label_zh: str
    label_en: str | None
    value: Decimal
    upper_value: Decimal | None
    unit: str
    comparator: str
    deadline: int | None
    periodicity: str | None
    owner: str
    """IRI of the part that states the target."""
    unit_en: str | None = None
    """The unit's English label (``percent``), if the graph has one."""


@dataclass(frozen=True)
class TaskSummary:
    """A task with its lead and supporting departments in clause order."""

    iri: str
    path: str
    label_zh: str
    label_en: str | None
    lead: str | None
    support: tuple[str, ...]
    targets: tuple[TargetSummary, ...]
    #: further leads after ``lead`` (A、B牵头: B), in rank order
    co_leads: tuple[str, ...] = ()
    #: English labels of ``lead``, ``co_leads`` and ``support`` (``None`` where none exists)
    lead_en: str | None = None
    co_leads_en: tuple[str | None, ...] = ()
    support_en: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class ActionSummary:
    """An action (a named group of tasks)."""

    iri: str
    label_zh: str
    label_en: str | None
    tasks: tuple[TaskSummary, ...]


@dataclass(frozen=True)
class PartSummary:
    """A goal or safeguard: its label and the targets it states."""

    iri: str
    label_zh: str
    label_en: str | None
    targets: tuple[TargetSummary, ...]


@dataclass(frozen=True)
class PlatformSummary:
    """A named platform and the number of parts of the plan that mention it."""

    iri: str
    label_zh: str
    label_en: str | None
    kind: str | None
    mentions: int


@dataclass(frozen=True)
class PlanSummary:
    """A plan: metadata, actions and tasks, and every target in document order."""

    iri: str
    title_zh: str
    title_en: str | None
    issuer: str | None
    issued: str | None
    period: tuple[int, int] | None
    actions: tuple[ActionSummary, ...]
    targets: tuple[TargetSummary, ...]
    counts: dict[str, int] = field(default_factory=dict)
    schemes: tuple[tuple[str, int | None, tuple[str, ...]], ...] = ()
    #: the English title and member labels of each of ``schemes`` (``None`` where none exists)
    schemes_en: tuple[tuple[str | None, tuple[str | None, ...]], ...] = ()
    goals: tuple[PartSummary, ...] = ()
    safeguards: tuple[PartSummary, ...] = ()
    platforms: tuple[PlatformSummary, ...] = ()
    #: tasks in no action (all of them in a plan without 行动 groups), in document order
    other_tasks: tuple[TaskSummary, ...] = ()
    #: the issuer's English label, if the graph has one
    issuer_en: str | None = None

    @property
    def tasks(self) -> tuple[TaskSummary, ...]:
        """Every task of the plan: those of the actions in order, then the others."""
        return tuple(t for a in self.actions for t in a.tasks) + self.other_tasks


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


#: what :func:`count_entities` counts, in its order
_COUNTED = (
    "actions",
    "tasks",
    "goals",
    "safeguards",
    "responsibilities",
    "targets",
    "platform mentions",
    "departments",
    "platforms",
)


def count_entities(source: Any, /, plan: str | None = None) -> dict[str, int]:
    """Count the parts and facts of one plan (or of all plans in ``source``).

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        Anything :func:`policygraph.query` reads.
    plan : str, optional
        A plan IRI.

    Returns
    -------
    dict
        ``{"actions": 6, "tasks": 19, ..., "departments": n, "platforms": n, "triples": n}``.

    Examples
    --------
    >>> from policygraph.rdf import load_plan
    >>> counts = count_entities(load_plan())
    >>> counts["tasks"], counts["departments"]
    (19, 22)
    """
    from rdflib import URIRef

    from ._read import rows

    if plan is None:
        found = {row["what"]: row["n"] for row in rows(source, "counts-all")}
        triples = rows(source, "triple-count")[0]["triples"]
    else:
        found = {row["what"]: row["n"] for row in rows(source, "counts", plan=URIRef(str(plan)))}
        triples = len(plan_triples(source, plan))
    counts = {name: int(found.get(name, 0)) for name in _COUNTED}
    counts["triples"] = int(triples)
    return counts


def plan_triples(source: Any, plan: str, /) -> set[tuple[Node, Node, Node]]:
    """The triples of one plan in a graph that may hold several.

    They are the triples about the plan, about its parts and facts (everything ``pg:inPlan``
    it), and about what those name in turn (departments, units, indicators, evidence spans,
    and so on), followed from subject to object; another plan, and the classes the things
    are instances of, are not followed. On a store or an endpoint the walk is a few
    ``VALUES`` queries (one per step); on an rdflib graph, where such queries cost seconds,
    it is :func:`policygraph._read.walk_plan` (the same walk, in memory).

    Examples
    --------
    >>> from policygraph.rdf import load_plan
    >>> from policygraph.vocab import ID
    >>> g = load_plan()
    >>> len(plan_triples(g, ID["plan/jiaxing-315"])) == len(g)
    True
    """
    from dataclasses import replace

    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    from ._queries import internal, with_rows
    from ._read import rows, walk_plan
    from .sparql import query

    plan_iri = URIRef(str(plan))
    if isinstance(source, Graph):
        return walk_plan(source, plan_iri)
    starts = rows(source, "plan-starts", plan=plan_iri)
    plans = {URIRef(r["other"]) for r in starts if r["other"] is not None}
    seen: set[Any] = {plan_iri, *(URIRef(r["start"]) for r in starts if r["start"] is not None)}
    todo: list[Any] = sorted(seen, key=str)
    out: set[tuple[Node, Node, Node]] = set()
    named = internal("triples-of")
    while todo:  # breadth first, one query per step (a plan is a few steps deep)
        found: Any = query(source, replace(named, text=with_rows(named.text, "node", todo)))
        todo = []
        for triple in found:
            s, p, o = triple
            out.add((s, p, o))
            if p == RDF.type or isinstance(o, Literal) or o in seen or o in plans:
                continue
            seen.add(o)
            todo.append(o)
        todo.sort(key=str)
    return out


def count_triples(triples: Iterable[tuple[Node, Node, Node]], /) -> dict[str, int]:
    """Count what :func:`count_entities` counts, in one pass over a plan's distinct triples.

    Examples
    --------
    >>> from policygraph.rdf import load_plan
    >>> g = load_plan()
    >>> count_triples(g) == count_entities(g)
    True
    """
    from rdflib.namespace import RDF

    from .vocab import PG

    classes = {
        PG.Action: "actions",
        PG.Task: "tasks",
        PG.Goal: "goals",
        PG.Safeguard: "safeguards",
        PG.Responsibility: "responsibilities",
        PG.Target: "targets",
        PG.PlatformMention: "platform mentions",
    }
    typed: dict[str, set[Node]] = {name: set() for name in classes.values()}
    departments: set[Node] = set()
    platforms: set[Node] = set()
    n = 0
    for s, p, o in triples:
        n += 1
        if p == RDF.type and o in classes:
            typed[classes[o]].add(s)  # type: ignore[index]
        elif p == PG.department:
            departments.add(o)
        elif p == PG.platform:
            platforms.add(o)
    counts = {name: len(typed[name]) for name in classes.values()}
    counts["departments"] = len(departments)
    counts["platforms"] = len(platforms)
    counts["triples"] = n
    return counts


def _target(row: dict[str, Any], names: _Names) -> TargetSummary:
    periodicity, unit = row["periodicity"], row["unit"]
    return TargetSummary(
        iri=row["target"],
        label_zh=names.zh(row["target"]) or "",
        label_en=names.en(row["target"]),
        value=Decimal(row["value"]),
        upper_value=Decimal(row["upper"]) if row["upper"] is not None else None,
        unit=(row["notation"] or "") if unit is not None else "",
        comparator=_local(row["comparator"]),
        deadline=int(row["deadline"]) if row["deadline"] is not None else None,
        periodicity=_local(periodicity) if periodicity is not None else None,
        owner=row["owner"],
        unit_en=names.en(unit) if unit is not None else None,
    )


@dataclass(frozen=True)
class _Names:
    """The zh and en labels of the nodes a summary shows (read with one query)."""

    found: dict[str, dict[str, str]]

    def zh(self, node: str | None) -> str | None:
        return self.found.get(node or "", {}).get("zh")

    def en(self, node: str | None) -> str | None:
        return self.found.get(node or "", {}).get("en")


def _path_key(iri: str) -> list[int]:
    return [int(x) for x in iri.rsplit("/", 1)[-1].split("-") if x.isdigit()]


def _order(iri: str) -> int:
    return int(iri.rsplit("/", 1)[-1])


_PG = "https://w3id.org/policygraph/def#"
_LEAD, _SUPPORT = _PG + "LeadRole", _PG + "SupportRole"


def _task(
    row: dict[str, Any],
    ranked: list[dict[str, Any]],
    targets: dict[str, list[TargetSummary]],
    names: _Names,
) -> TaskSummary:
    """A task, its departments in rank order (``ranked``: rows of the responsibilities)."""
    ordered = sorted(ranked, key=lambda r: int(r["rank"]) if r["rank"] is not None else 0)
    leads = [r["department"] for r in ordered if r["role"] == _LEAD]
    support = [r["department"] for r in ordered if r["role"] == _SUPPORT]

    def zh(department: str) -> str:
        return names.zh(department) or department

    task = row["part"]
    return TaskSummary(
        iri=task,
        path=task.rsplit("/", 1)[-1],
        label_zh=names.zh(task) or "",
        label_en=names.en(task),
        lead=zh(leads[0]) if leads else None,
        support=tuple(zh(d) for d in support),
        targets=tuple(targets.get(task, [])),
        co_leads=tuple(zh(d) for d in leads[1:]),
        lead_en=names.en(leads[0]) if leads else None,
        co_leads_en=tuple(names.en(d) for d in leads[1:]),
        support_en=tuple(names.en(d) for d in support),
    )


def targets(source: Any, /, *, plan: str | None = None) -> list[dict[str, Any]]:
    """Every quantitative target (of one plan, or of all), one row per target and owner.

    Each row has ``plan``, ``target``, ``owner`` (the part that states it), ``value`` and
    ``upper`` (lexical forms), ``unit``, ``notation``, ``comparator``, ``deadline`` (a year),
    ``implied`` (the deadline is the plan's end, not written), ``periodicity``, ``position``
    and ``indicator``; ``None`` where the graph has no value. Rows are sorted by plan, target
    and owner.

    Examples
    --------
    >>> from policygraph.rdf import load_plan
    >>> rows = targets(load_plan())
    >>> len({r["target"] for r in rows})
    49
    """
    from rdflib import URIRef

    from ._read import rows

    params = {} if plan is None else {"only_plan": URIRef(str(plan))}
    return rows(source, "targets", **params)


def summarize(source: Any, /) -> list[PlanSummary]:
    """Summarise every plan in ``source``, in IRI order.

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        A graph following the vocabulary contract (one or several plans), or anything
        :func:`policygraph.query` reads.

    Returns
    -------
    list of PlanSummary
    """
    from ._read import labels, rows

    plans = rows(source, "plans")
    if not plans:
        return []
    target_rows = [r for r in targets(source) if r["owner"] is not None]
    outline = rows(source, "outline")
    responsibilities = rows(source, "responsibilities")
    scheme_rows = rows(source, "schemes")
    platform_rows = rows(source, "platforms")
    names = _Names(
        labels(
            source,
            [
                *(v for r in plans for v in (r["plan"], r["issuer"]) if v is not None),
                *(v for r in target_rows for v in (r["target"], r["unit"]) if v is not None),
                *(r["part"] for r in outline),
                *(r["department"] for r in responsibilities),
                *(v for r in scheme_rows for v in (r["scheme"], r["member"]) if v is not None),
                *(r["platform"] for r in platform_rows),
            ],
        )
    )
    by_task: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for r in responsibilities:
        if r["responsibility"] not in seen:
            seen.add(r["responsibility"])
            by_task.setdefault(r["task"], []).append(r)
    out = []
    for plan_row in plans:
        plan = plan_row["plan"]
        by_owner: dict[str, list[TargetSummary]] = {}
        for row in target_rows:
            if row["plan"] == plan:
                by_owner.setdefault(row["owner"], []).append(_target(row, names))
        for lst in by_owner.values():
            lst.sort(key=lambda t: _order(t.iri))
        parts = [r for r in outline if r["plan"] == plan]
        tasks = sorted(
            (r for r in parts if r["kind"] == _PG + "Task"), key=lambda r: _path_key(r["part"])
        )
        action_rows = sorted(
            (r for r in parts if r["kind"] == _PG + "Action"), key=lambda r: _path_key(r["part"])
        )
        actions = [
            ActionSummary(
                a["part"],
                names.zh(a["part"]) or "",
                names.en(a["part"]),
                tuple(
                    _task(t, by_task.get(t["part"], []), by_owner, names)
                    for t in tasks
                    if t["action"] == a["part"]
                ),
            )
            for a in action_rows
        ]
        in_actions = {t.iri for a in actions for t in a.tasks}
        other_tasks = tuple(
            _task(t, by_task.get(t["part"], []), by_owner, names)
            for t in tasks
            if t["part"] not in in_actions
        )
        schemes = []
        schemes_en = []
        for scheme in sorted({r["scheme"] for r in scheme_rows if r["plan"] == plan}):
            rows_of = [r for r in scheme_rows if r["plan"] == plan and r["scheme"] == scheme]
            members = sorted(
                (r["member"] for r in rows_of if r["member"] is not None),
                key=lambda m: next(r["position"] or 0 for r in rows_of if r["member"] == m),
            )
            declared = rows_of[0]["declared"]
            schemes.append(
                (
                    names.zh(scheme) or "",
                    int(declared) if declared is not None else None,
                    tuple(names.zh(m) or "" for m in members),
                )
            )
            schemes_en.append((names.en(scheme), tuple(names.en(m) for m in members)))
        all_targets = sorted(
            (t for lst in by_owner.values() for t in lst), key=lambda t: _order(t.iri)
        )
        start, end = plan_row["start"], plan_row["end"]
        issuer = plan_row["issuer"]
        platforms = sorted(
            (
                PlatformSummary(
                    r["platform"],
                    names.zh(r["platform"]) or "",
                    names.en(r["platform"]),
                    _local(r["kind"]) if r["kind"] is not None else None,
                    int(r["mentions"]),
                )
                for r in platform_rows
                if r["plan"] == plan
            ),
            key=lambda p: (-p.mentions, p.label_zh),
        )
        out.append(
            PlanSummary(
                iri=plan,
                title_zh=names.zh(plan) or "",
                title_en=names.en(plan),
                issuer=names.zh(issuer) if issuer is not None else None,
                issued=plan_row["issued"],
                period=(int(start), int(end)) if start is not None and end is not None else None,
                actions=tuple(actions),
                other_tasks=other_tasks,
                targets=tuple(all_targets),
                counts=count_entities(source, plan),
                schemes=tuple(schemes),
                schemes_en=tuple(schemes_en),
                goals=_parts(parts, _PG + "Goal", by_owner, names),
                safeguards=_parts(parts, _PG + "Safeguard", by_owner, names),
                platforms=tuple(platforms),
                issuer_en=names.en(issuer) if issuer is not None else None,
            )
        )
    return out


def _parts(
    parts: list[dict[str, Any]],
    kind: str,
    targets: dict[str, list[TargetSummary]],
    names: _Names,
) -> tuple[PartSummary, ...]:
    found = [
        PartSummary(
            r["part"],
            names.zh(r["part"]) or "",
            names.en(r["part"]),
            tuple(targets.get(r["part"], [])),
        )
        for r in parts
        if r["kind"] == kind
    ]
    return tuple(sorted(found, key=lambda p: _path_key(p.iri)))


def comparator_text(target: TargetSummary, /, lang: str = "zh") -> str:
    """Render a target's comparator, value and unit (``>3.65 %``, ``5–10 项``, ``≈200 名``).

    Examples
    --------
    >>> t = TargetSummary("x/1", "", None, Decimal("3.65"), None, "%", "MoreThan", 2027, None, "")
    >>> comparator_text(t)
    '> 3.65 %'
    >>> t = TargetSummary("x/2", "", None, Decimal("100"), None, "项", "AtLeast", None, None, "",
    ...                   unit_en="items")
    >>> comparator_text(t), comparator_text(t, lang="en")
    ('≥ 100 项', '≥ 100 items')
    """
    symbols = {
        "AtLeast": "≥",
        "MoreThan": ">",
        "Approximately": "≈",
        "Exactly": "=",
        "AtMost": "≤",
        "LessThan": "<",
    }
    if target.unit == "fraction":  # 1/3 is stored as 0.333333
        from fractions import Fraction

        shown = str(Fraction(target.value).limit_denominator(100))
        return f"{symbols.get(target.comparator, target.comparator)} {shown}"
    value = _fmt(target.value)
    if target.comparator == "Between" and target.upper_value is not None:
        number = f"{value}–{_fmt(target.upper_value)}"
    else:
        number = f"{symbols.get(target.comparator, target.comparator)} {value}"
    unit = target.unit
    if lang == "en" and target.unit_en and any(ord(c) > 0x2E7F for c in unit):
        unit = target.unit_en
    return f"{number} {unit}".rstrip()


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f")
