"""The PlanDocument: what the extractor reads out of a plan text, before any RDF.

Plain dataclasses with character spans into the source text. ``extract`` produces them,
``curate`` corrects and enriches them, ``to_rdf`` turns them into triples.

Offsets are 0-based, end exclusive, in Unicode code points of the source text as stored,
so ``source[span.start:span.end]`` is the quoted text.

Examples
--------
>>> from policygraph.model import Span
>>> s = Span(2, 6)
>>> s.text("一、总体要求")
'总体要求'
>>> len(s)
4
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

__all__ = [
    "COMPARATORS",
    "PERIODICITIES",
    "SECTION_KINDS",
    "PlanDocument",
    "PlatformMention",
    "Responsibility",
    "Scheme",
    "Section",
    "Span",
    "Target",
]

SectionKind = Literal["section", "action", "task", "goal", "safeguard"]
Role = Literal["lead", "support"]

#: kinds of document parts; ``section`` is any heading that is not one of the others
SECTION_KINDS: tuple[str, ...] = ("section", "action", "task", "goal", "safeguard")
#: comparator names; each is the local name of a ``pg:`` individual
COMPARATORS: tuple[str, ...] = (
    "AtLeast",
    "MoreThan",
    "Approximately",
    "Exactly",
    "Between",
    "AtMost",
    "LessThan",
)
#: periodicity names; each is the local name of a ``pg:`` individual
PERIODICITIES: tuple[str, ...] = ("Annual", "Cumulative")


@dataclass(frozen=True, order=True)
class Span:
    """A character range ``[start, end)`` of the source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}-{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def text(self, source: str) -> str:
        """Return the quoted text ``source[start:end]``."""
        return source[self.start : self.end]


@dataclass
class Responsibility:
    """One unit of a responsibility clause (责任单位 / 牵头单位 / 配合单位).

    ``department`` is the unit's name exactly as written (``source[span] == department``);
    ``rank`` is its 1-based position in the clause; the first unit, or the 牵头单位, leads.
    """

    department: str
    rank: int
    role: Role
    span: Span


@dataclass
class Target:
    """A quantitative target such as 每年新认定省级研发中心70家.

    ``value`` has 万/亿 multipliers folded in (1.5万家 -> 15000, unit 家); ``unit`` is the unit
    as written (亿元 stays 亿元). ``upper_value`` is set for ranges (comparator ``Between``).
    ``deadline`` is a year; ``deadline_implied`` is True when the year comes from the plan
    period rather than the sentence. ``indicator`` names what is measured.
    """

    text: str
    span: Span
    value: Decimal
    unit: str
    comparator: str
    indicator: str
    upper_value: Decimal | None = None
    deadline: int | None = None
    deadline_implied: bool = False
    periodicity: str | None = None
    indicator_en: str | None = None
    indicator_id: str | None = None
    label_en: str | None = None


@dataclass
class PlatformMention:
    """A named platform (lab, institute, university, park...) mentioned in a part."""

    name: str
    span: Span
    kind: str | None = None
    id: str | None = None
    label_en: str | None = None


@dataclass
class Section:
    """A heading and its body: a section, action, task, goal or safeguard.

    ``number`` is the heading marker as written (``一、``, ``（一）``, ``1．``); ``position`` is
    the 1-based position among siblings; ``path`` joins the positions from the top level with
    ``-`` (``"2-1-1"``: first task of the first action of the second section) and names the
    part in IRIs and curation files. ``span`` covers the heading and body, ``title_span`` the
    title alone (``title == source[title_span]``).
    """

    kind: SectionKind
    number: str
    position: int
    level: int
    title: str
    title_span: Span
    span: Span
    path: str = ""
    children: list[Section] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    responsibility_span: Span | None = None
    targets: list[Target] = field(default_factory=list)
    platforms: list[PlatformMention] = field(default_factory=list)
    label_en: str | None = None

    def walk(self) -> list[Section]:
        """Return this section and all its descendants in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    @property
    def lead(self) -> str | None:
        """The lead department's name, or None when the part has no responsibility clause."""
        for r in self.responsibilities:
            if r.role == "lead":
                return r.department
        return None


@dataclass
class Scheme:
    """A named set the plan declares, such as 三大科创高地 or 15大战略领域.

    ``declared`` is the count the text states; ``members`` the names it actually gives.
    """

    key: str
    title: str
    span: Span
    declared: int | None
    members: list[PlatformMention] = field(default_factory=list)
    label_en: str | None = None


@dataclass
class PlanDocument:
    """A plan text and everything extracted from it."""

    source: str
    source_name: str
    title: str
    title_span: Span
    issuer: str | None = None
    issuer_span: Span | None = None
    date: _dt.date | None = None
    date_span: Span | None = None
    period: tuple[int, int] | None = None
    sections: list[Section] = field(default_factory=list)
    schemes: list[Scheme] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    platforms: list[PlatformMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: units a note names once for every later task (以下均需…落实，不再列出)
    standing: list[Responsibility] = field(default_factory=list)
    standing_span: Span | None = None
    #: the file the text was read from, when it is not the text itself (a PDF, a Word
    #: document, a web page, a text in another encoding): its name and SHA-256
    original_name: str | None = None
    original_sha256: str | None = None
    # filled by curation; without it to_rdf derives ASCII ids itself
    id: str | None = None
    jurisdiction: str | None = None
    label_en: str | None = None
    issuer_id: str | None = None
    issuer_en: str | None = None
    departments_en: dict[str, str] = field(default_factory=dict)
    department_ids: dict[str, str] = field(default_factory=dict)
    collective_departments: set[str] = field(default_factory=set)

    def walk(self) -> list[Section]:
        """Return every section in document order."""
        out: list[Section] = []
        for s in self.sections:
            out.extend(s.walk())
        return out

    def parts(self, kind: str) -> list[Section]:
        """Return the sections of one kind (``"task"``, ``"action"``...) in document order."""
        return [s for s in self.walk() if s.kind == kind]

    @property
    def tasks(self) -> list[Section]:
        """Every task in document order."""
        return self.parts("task")

    @property
    def actions(self) -> list[Section]:
        """Every action in document order."""
        return self.parts("action")

    def all_targets(self) -> list[Target]:
        """Plan-level targets, then each section's targets, in document order."""
        out = list(self.targets)
        for s in self.walk():
            out.extend(s.targets)
        return sorted(out, key=lambda t: t.span)
