"""What a plan graph says, as plain dataclasses: the basis of ``policygraph report`` and ``stats``.

Reads any graph that follows the vocabulary contract (``docs/data-model.md``), so a graph
loaded from a file, built from a text or fetched from an endpoint is summarised the same way.

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

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from .vocab import PG, SKOS

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


def _label(g: Graph, node: Node | None, lang: str) -> str | None:
    for o in g.objects(node, SKOS.prefLabel):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return None


def _int(g: Graph, node: Node | None, prop: URIRef) -> int | None:
    value = g.value(node, prop)
    return int(value) if isinstance(value, Literal) else None


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


_COUNTED = {
    "actions": PG.Action,
    "tasks": PG.Task,
    "goals": PG.Goal,
    "safeguards": PG.Safeguard,
    "responsibilities": PG.Responsibility,
    "targets": PG.Target,
    "platform mentions": PG.PlatformMention,
}


def count_entities(g: Graph, /, plan: URIRef | None = None) -> dict[str, int]:
    """Count the parts and facts of one plan (or of all plans in ``g``).

    Returns
    -------
    dict
        ``{"actions": 6, "tasks": 19, ..., "departments": n, "platforms": n, "triples": n}``.
    """

    def in_plan(node: object) -> bool:
        return plan is None or (node, PG.inPlan, plan) in g  # type: ignore[operator]

    counts = {
        name: sum(1 for s in set(g.subjects(RDF.type, cls)) if in_plan(s))
        for name, cls in _COUNTED.items()
    }
    resp = [r for r in g.subjects(RDF.type, PG.Responsibility) if in_plan(r)]
    counts["departments"] = len({g.value(r, PG.department) for r in resp})
    mentions = [m for m in g.subjects(RDF.type, PG.PlatformMention) if in_plan(m)]
    counts["platforms"] = len({g.value(m, PG.platform) for m in mentions})
    counts["triples"] = len(g) if plan is None else len(plan_triples(g, plan))
    return counts


def plan_triples(g: Graph, plan: URIRef, /) -> set[tuple[Node, Node, Node]]:
    """The triples of one plan in a graph that may hold several.

    They are the triples about the plan, about its parts and facts (everything ``pg:inPlan``
    it), and about what those name in turn (departments, units, indicators, evidence spans,
    and so on), followed from subject to object; another plan, and the classes the things
    are instances of, are not followed.

    Examples
    --------
    >>> from policygraph.rdf import load_plan
    >>> from policygraph.vocab import ID
    >>> g = load_plan()
    >>> len(plan_triples(g, ID["plan/jiaxing-315"])) == len(g)
    True
    """
    plans = set(g.subjects(RDF.type, PG.Plan))
    seen: set[Node] = {plan, *g.subjects(PG.inPlan, plan)}
    todo = list(seen)
    out: set[tuple[Node, Node, Node]] = set()
    while todo:
        node = todo.pop()
        for p, o in g.predicate_objects(node):
            out.add((node, p, o))
            if p == RDF.type or isinstance(o, Literal) or o in seen or o in plans:
                continue
            seen.add(o)
            todo.append(o)
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
    typed: dict[Node, set[Node]] = {cls: set() for cls in _COUNTED.values()}
    departments: set[Node] = set()
    platforms: set[Node] = set()
    n = 0
    for s, p, o in triples:
        n += 1
        if p == RDF.type and o in typed:
            typed[o].add(s)
        elif p == PG.department:
            departments.add(o)
        elif p == PG.platform:
            platforms.add(o)
    counts = {name: len(typed[cls]) for name, cls in _COUNTED.items()}
    counts["departments"] = len(departments)
    counts["platforms"] = len(platforms)
    counts["triples"] = n
    return counts


def _target(g: Graph, node: URIRef, owner: URIRef) -> TargetSummary:
    upper = g.value(node, PG.upperValue)
    periodicity = g.value(node, PG.periodicity)
    unit = g.value(node, PG.unit)
    return TargetSummary(
        iri=str(node),
        label_zh=_label(g, node, "zh") or "",
        label_en=_label(g, node, "en"),
        value=Decimal(str(g.value(node, PG.value))),
        upper_value=Decimal(str(upper)) if upper is not None else None,
        unit=str(g.value(unit, SKOS.notation) or "") if unit is not None else "",
        comparator=_local(g.value(node, PG.comparator)),
        deadline=_int(g, node, PG.deadlineYear),
        periodicity=_local(periodicity) if periodicity is not None else None,
        owner=str(owner),
        unit_en=_label(g, unit, "en") if unit is not None else None,
    )


def _tasks_under(g: Graph, parent: URIRef) -> list[URIRef]:
    """The tasks inside a part, at any depth (a numbered item may hold several), in order."""
    found: list[URIRef] = []
    todo = [parent]
    while todo:
        for part in g.subjects(PG.partOf, todo.pop()):
            if isinstance(part, URIRef):
                todo.append(part)
                if (part, RDF.type, PG.Task) in g:
                    found.append(part)
    return sorted(found, key=lambda p: _path_key(str(p)))


def _task(g: Graph, task: URIRef, targets: dict[URIRef, list[TargetSummary]]) -> TaskSummary:
    ranked = sorted(
        (
            (_int(g, r, PG.rank) or 0, g.value(r, PG.role), g.value(r, PG.department))
            for r in g.subjects(PG.task, task)
        ),
        key=lambda row: row[0],
    )
    leads = [d for _, role, d in ranked if role == PG.LeadRole]
    support = [d for _, role, d in ranked if role == PG.SupportRole]

    def zh(d: Node | None) -> str:
        return _label(g, d, "zh") or str(d)

    return TaskSummary(
        iri=str(task),
        path=str(task).rsplit("/", 1)[-1],
        label_zh=_label(g, task, "zh") or "",
        label_en=_label(g, task, "en"),
        lead=zh(leads[0]) if leads else None,
        support=tuple(zh(d) for d in support),
        targets=tuple(targets.get(task, [])),
        co_leads=tuple(zh(d) for d in leads[1:]),
        lead_en=_label(g, leads[0], "en") if leads else None,
        co_leads_en=tuple(_label(g, d, "en") for d in leads[1:]),
        support_en=tuple(_label(g, d, "en") for d in support),
    )


def _path_key(iri: str) -> list[int]:
    return [int(x) for x in iri.rsplit("/", 1)[-1].split("-") if x.isdigit()]


def _parts(
    g: Graph, plan: URIRef, cls: URIRef, targets: dict[URIRef, list[TargetSummary]]
) -> tuple[PartSummary, ...]:
    nodes = [n for n in set(g.subjects(RDF.type, cls)) if (n, PG.inPlan, plan) in g]
    parts = [
        PartSummary(
            str(n),
            _label(g, n, "zh") or "",
            _label(g, n, "en"),
            tuple(targets.get(n, [])),  # type: ignore[call-overload]
        )
        for n in nodes
    ]
    return tuple(sorted(parts, key=lambda p: _path_key(p.iri)))


def _platforms(g: Graph, plan: URIRef) -> tuple[PlatformSummary, ...]:
    mentioned: dict[Node, int] = {}
    for m in g.subjects(RDF.type, PG.PlatformMention):
        if (m, PG.inPlan, plan) in g:
            platform = g.value(m, PG.platform)
            if platform is not None:
                mentioned[platform] = mentioned.get(platform, 0) + 1
    out = [
        PlatformSummary(
            str(p),
            _label(g, p, "zh") or "",
            _label(g, p, "en"),
            _local(kind) if (kind := g.value(p, PG.platformType)) is not None else None,
            n,
        )
        for p, n in mentioned.items()
    ]
    return tuple(sorted(out, key=lambda p: (-p.mentions, p.label_zh)))


def summarize(g: Graph, /) -> list[PlanSummary]:
    """Summarise every plan in ``g``, in IRI order.

    Parameters
    ----------
    g : rdflib.Graph
        A graph following the vocabulary contract (one or several plans).

    Returns
    -------
    list of PlanSummary
    """
    out = []
    for plan in sorted(set(g.subjects(RDF.type, PG.Plan)), key=str):
        assert isinstance(plan, URIRef)
        targets: dict[URIRef, list[TargetSummary]] = {}
        for owner, node in g.subject_objects(PG.hasTarget):
            if (node, PG.inPlan, plan) in g:
                targets.setdefault(owner, []).append(_target(g, node, owner))  # type: ignore[arg-type]
        for lst in targets.values():
            lst.sort(key=lambda t: int(t.iri.rsplit("/", 1)[-1]))
        actions = []
        for action in set(g.subjects(RDF.type, PG.Action)):
            if (action, PG.inPlan, plan) not in g:
                continue
            tasks = tuple(_task(g, t, targets) for t in _tasks_under(g, action))  # type: ignore[arg-type]
            actions.append(
                ActionSummary(
                    str(action), _label(g, action, "zh") or "", _label(g, action, "en"), tasks
                )
            )
        actions.sort(key=lambda a: _path_key(a.iri))
        in_actions = {t.iri for a in actions for t in a.tasks}
        other_tasks = tuple(
            _task(g, t, targets)  # type: ignore[arg-type]
            for t in sorted(
                (t for t in set(g.subjects(RDF.type, PG.Task)) if (t, PG.inPlan, plan) in g),
                key=lambda t: _path_key(str(t)),
            )
            if str(t) not in in_actions
        )
        start, end = _int(g, plan, PG.startYear), _int(g, plan, PG.endYear)
        issuer = g.value(plan, PG.issuer)
        issued = g.value(plan, PG.issued)
        schemes = []
        schemes_en = []
        for scheme in sorted(g.objects(plan, PG.declares), key=str):
            members = sorted(
                g.subjects(SKOS.inScheme, scheme), key=lambda m: _int(g, m, PG.position) or 0
            )
            schemes.append(
                (
                    _label(g, scheme, "zh") or "",
                    _int(g, scheme, PG.declaredCount),
                    tuple(_label(g, m, "zh") or "" for m in members),
                )
            )
            schemes_en.append((_label(g, scheme, "en"), tuple(_label(g, m, "en") for m in members)))
        all_targets = sorted(
            (t for lst in targets.values() for t in lst),
            key=lambda t: int(t.iri.rsplit("/", 1)[-1]),
        )
        out.append(
            PlanSummary(
                iri=str(plan),
                title_zh=_label(g, plan, "zh") or "",
                title_en=_label(g, plan, "en"),
                issuer=_label(g, issuer, "zh") if issuer is not None else None,
                issued=str(issued) if issued is not None else None,
                period=(start, end) if start is not None and end is not None else None,
                actions=tuple(actions),
                other_tasks=other_tasks,
                targets=tuple(all_targets),
                counts=count_entities(g, plan),
                schemes=tuple(schemes),
                schemes_en=tuple(schemes_en),
                goals=_parts(g, plan, PG.Goal, targets),
                safeguards=_parts(g, plan, PG.Safeguard, targets),
                platforms=_platforms(g, plan),
                issuer_en=_label(g, issuer, "en") if issuer is not None else None,
            )
        )
    return out


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
