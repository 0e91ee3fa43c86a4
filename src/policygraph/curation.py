r"""Curation: English labels, ASCII ids and corrections a person adds to an extracted plan.

A curation file (YAML, one per plan, under ``data/curation/``) supplies what the rules cannot:
English for every entity, canonical ids for departments, platforms, indicators, the plan and
its jurisdiction, platform types, and corrections to the targets and platform mentions the
extractor found, each with a reason. The format is described in ``docs/curation.md``.

:func:`load_curation` parses and checks a file; :func:`apply_curation` returns a corrected
copy of a :class:`~policygraph.model.PlanDocument`. Every entry must match something in the
document: stale curation fails with the entry's file and line instead of being ignored.
:func:`missing_english` lists what still lacks English after curation.

Examples
--------
>>> from decimal import Decimal
>>> from policygraph.model import PlanDocument, Section, Span, Target
>>> source = "一、目标\n每年新认定省级研发中心70家。"
>>> target = Target("每年新认定省级研发中心70家", Span(5, 19), Decimal(70), "家", "Exactly",
...                 "新认定省级研发中心", deadline=2027, deadline_implied=True,
...                 periodicity="Annual")
>>> part = Section("section", "一、", 1, 1, "目标", Span(2, 4), Span(0, 20), path="1",
...                targets=[target])
>>> doc = PlanDocument(source, "plan.txt", "目标", Span(2, 4), sections=[part])
>>> curation = parse_curation('''
... parts:
...   "1": {en: Goals}
... indicators:
...   新认定省级研发中心: {id: new-provincial-rd-centres, en: New provincial R&D centres recognised}
... ''', source="example.yaml")
>>> done = apply_curation(doc, curation)
>>> done.sections[0].label_en
'Goals'
>>> done.sections[0].targets[0].label_en
'New provincial R&D centres recognised: 70 per year through 2027'
>>> doc.sections[0].label_en is None  # the input is not changed
True
>>> missing_english(done)
['plan: English title']
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath
from typing import Literal

import yaml

from ._surrogates import first_surrogate
from .errors import CurationError
from .model import COMPARATORS, PERIODICITIES, PlanDocument, PlatformMention, Section, Span, Target
from .units import format_number, unit_info

__all__ = [
    "PLATFORM_TYPES",
    "Curation",
    "DepartmentEntry",
    "IndicatorEntry",
    "MemberEntry",
    "MentionFix",
    "NewTarget",
    "PartEntry",
    "PlanEntry",
    "PlatformEntry",
    "SchemeEntry",
    "TargetFix",
    "apply_curation",
    "curation_skeleton",
    "load_curation",
    "missing_english",
    "parse_curation",
    "target_label_en",
]

#: platform types a curation file may give (local names of ``pg:`` platform type individuals)
PLATFORM_TYPES: tuple[str, ...] = (
    "Laboratory",
    "ResearchInstitute",
    "University",
    "College",
    "Center",
    "Base",
    "Corridor",
    "ScienceCity",
    "LakeDistrict",
    "Valley",
    "Park",
    "Zone",
    "GenericPlatform",
)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: a value a target correction may set
TargetValue = Decimal | int | str | bool | None


# --------------------------------------------------------------------------- the Curation


@dataclass(frozen=True)
class PlanEntry:
    """The plan's id, jurisdiction, English title and issuer (None: not filled in yet)."""

    id: str | None
    jurisdiction: str | None
    en: str | None
    line: int
    issuer_id: str | None = None
    issuer_en: str | None = None


@dataclass(frozen=True)
class DepartmentEntry:
    """A department, keyed by its name exactly as written in the responsibility clauses."""

    name: str
    id: str | None
    en: str | None
    line: int
    collective: bool = False


@dataclass(frozen=True)
class PartEntry:
    """The English label of one part, keyed by its path (``"2-1-1"``)."""

    path: str
    en: str | None
    line: int


@dataclass(frozen=True)
class PlatformEntry:
    """A platform, keyed by its name as written."""

    name: str
    id: str | None
    en: str | None
    type: str | None
    line: int


@dataclass(frozen=True)
class MentionFix:
    """A platform mention to add to, or drop from, one part."""

    op: Literal["add", "drop"]
    part: str
    name: str
    reason: str
    line: int


@dataclass(frozen=True)
class MemberEntry:
    """The English label of one named member of a scheme."""

    name: str
    en: str | None
    line: int


@dataclass(frozen=True)
class SchemeEntry:
    """The English label of a scheme (三大科创高地...) and of the members the text names."""

    key: str
    en: str | None
    line: int
    members: tuple[MemberEntry, ...] = ()


@dataclass(frozen=True)
class IndicatorEntry:
    """An indicator, keyed by a target's indicator as written (after corrections)."""

    name: str
    id: str | None
    en: str | None
    line: int


@dataclass(frozen=True)
class NewTarget:
    """A target the extractor missed; ``text`` is the exact quote inside the part."""

    text: str
    value: Decimal
    unit: str
    comparator: str
    indicator: str
    upper_value: Decimal | None = None
    deadline: int | None = None
    periodicity: str | None = None


@dataclass(frozen=True)
class TargetFix:
    """A correction to one part's targets: drop one, change fields of one, or add one.

    ``match`` is a substring of the quote of exactly one target of the part (drop, set);
    ``changes`` holds ``(field, value)`` pairs of :class:`~policygraph.model.Target` to set.
    """

    part: str
    reason: str
    line: int
    match: str | None = None
    drop: bool = False
    changes: tuple[tuple[str, TargetValue], ...] = ()
    add: NewTarget | None = None


@dataclass(frozen=True)
class Curation:
    """A parsed and checked curation file; ``source`` names the file in error messages.

    A field written as ``null`` (``en: null``, ``id: ~``) is not filled in yet: it is None
    and leaves the extracted plan as it is (no English label, the derived id).
    """

    source: str
    plan: PlanEntry | None = None
    departments: tuple[DepartmentEntry, ...] = ()
    parts: tuple[PartEntry, ...] = ()
    platforms: tuple[PlatformEntry, ...] = ()
    mentions: tuple[MentionFix, ...] = ()
    schemes: tuple[SchemeEntry, ...] = ()
    indicators: tuple[IndicatorEntry, ...] = ()
    targets: tuple[TargetFix, ...] = field(default=())


# --------------------------------------------------------------------------- YAML reading


_TAG_NAMES = {
    "tag:yaml.org,2002:str": "a string",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:map": "a mapping",
    "tag:yaml.org,2002:seq": "a list",
}


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class _Reader:
    """Typed access to composed YAML nodes, raising CurationError at the node's line."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.ids: dict[tuple[str, str], tuple[str, int]] = {}

    def fail(self, node: yaml.Node, message: str) -> CurationError:
        return CurationError(message, source=self.source, line=_line(node))

    def _kind(self, node: yaml.Node) -> str:
        return _TAG_NAMES.get(node.tag, node.tag)

    def mapping(
        self,
        node: yaml.Node,
        where: str,
        *,
        allowed: tuple[str, ...] | None = None,
        required: tuple[str, ...] = (),
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Return ``{key: (key node, value node)}``; check duplicates, unknown and missing keys."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{where}: expected a mapping, got {self._kind(node)}")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, where)
            if key in out:
                first = _line(out[key][0])
                raise self.fail(key_node, f"{where}: duplicate key {key!r} (first at line {first})")
            if allowed is not None and key not in allowed:
                raise self.fail(
                    key_node,
                    f"{where}: unknown key {key!r} (expected one of: {', '.join(allowed)})",
                )
            out[key] = (key_node, value_node)
        for key in required:
            if key not in out:
                raise self.fail(node, f"{where}: missing key {key!r}")
        return out

    def key(self, node: yaml.Node, where: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise self.fail(
                node, f"{where}: keys must be strings, got {self._kind(node)} (quote it)"
            )
        return self._characters(node, where, str(node.value))

    def _characters(self, node: yaml.Node, where: str, value: str) -> str:
        r"""``value``, unless it holds a surrogate (a ``\ud800`` escape): UTF-8 cannot hold it."""
        found = first_surrogate(value)
        if found is not None:
            raise self.fail(node, f"{where}: holds {found[1]}; write the character itself")
        return value

    def sequence(self, node: yaml.Node, where: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{where}: expected a list, got {self._kind(node)}")
        return list(node.value)

    def string(self, node: yaml.Node, where: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise self.fail(node, f"{where}: expected a string, got {self._kind(node)}")
        value = self._characters(node, where, str(node.value))
        if not value.strip():
            raise self.fail(node, f"{where}: must not be empty")
        return value

    def boolean(self, node: yaml.Node, where: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.fail(node, f"{where}: expected true or false, got {self._kind(node)}")
        return str(node.value).lower() in {"true", "yes", "on", "y"}

    def integer(self, node: yaml.Node, where: str) -> int:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            raise self.fail(node, f"{where}: expected an integer, got {self._kind(node)}")
        return int(str(node.value))

    def decimal(self, node: yaml.Node, where: str) -> Decimal:
        numeric = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
        if isinstance(node, yaml.ScalarNode) and node.tag in numeric:
            try:
                value = Decimal(str(node.value).replace("_", ""))
            except InvalidOperation:
                pass
            else:
                if value.is_finite():
                    return value
        raise self.fail(node, f"{where}: expected a number, got {self._kind(node)}")

    def is_null(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"

    def text(self, node: yaml.Node, where: str) -> str | None:
        """A string, or None for ``null``: a field not filled in yet."""
        return None if self.is_null(node) else self.string(node, where)

    def id(self, node: yaml.Node, where: str, *, kind: str, owner: str) -> str | None:
        """An id (see :meth:`slug`), or None for ``null``: the derived id is kept."""
        return None if self.is_null(node) else self.slug(node, where, kind=kind, owner=owner)

    def choice(self, node: yaml.Node, where: str, choices: tuple[str, ...]) -> str:
        value = self.string(node, where)
        if value not in choices:
            raise self.fail(node, f"{where}: {value!r} is not one of: {', '.join(choices)}")
        return value

    def slug(self, node: yaml.Node, where: str, *, kind: str, owner: str) -> str:
        """Read an id: an ASCII slug, unique among the ids of its ``kind``."""
        value = self.string(node, where)
        if not value.isascii():
            raise self.fail(node, f"{where}: id {value!r} is not ASCII")
        if not _SLUG.fullmatch(value):
            raise self.fail(
                node,
                f"{where}: id {value!r} is not a slug "
                "(lowercase letters, digits and single hyphens)",
            )
        previous = self.ids.get((kind, value))
        if previous is not None:
            raise self.fail(
                node,
                f"{where}: duplicate {kind} id {value!r} "
                f"(already used by {previous[0]} at line {previous[1]})",
            )
        self.ids[(kind, value)] = (owner, _line(node))
        return value

    def reason(
        self, entry: dict[str, tuple[yaml.Node, yaml.Node]], node: yaml.Node, where: str
    ) -> str:
        if "reason" not in entry:
            raise self.fail(node, f"{where}: a correction needs a reason")
        return self.string(entry["reason"][1], f"{where}.reason")


def _entries(
    reader: _Reader, top: dict[str, tuple[yaml.Node, yaml.Node]], name: str
) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """Yield ``(key, key node, value node)`` of a keyed top-level section."""
    if name not in top or reader.is_null(top[name][1]):
        return
    for key, (key_node, value_node) in reader.mapping(top[name][1], name).items():
        yield key, key_node, value_node


def _read_plan(reader: _Reader, node: yaml.Node) -> PlanEntry:
    m = reader.mapping(
        node, "plan", allowed=("id", "jurisdiction", "en", "issuer"), required=("id", "en")
    )
    plan_id = reader.id(m["id"][1], "plan.id", kind="plan", owner="plan")
    if "jurisdiction" not in m:
        raise reader.fail(node, "plan: missing key 'jurisdiction'")
    jurisdiction = reader.id(
        m["jurisdiction"][1], "plan.jurisdiction", kind="jurisdiction", owner="plan"
    )
    issuer_id = issuer_en = None
    if "issuer" in m:
        issuer = reader.mapping(
            m["issuer"][1], "plan.issuer", allowed=("id", "en"), required=("id", "en")
        )
        issuer_id = reader.id(issuer["id"][1], "plan.issuer.id", kind="issuer", owner="issuer")
        issuer_en = reader.text(issuer["en"][1], "plan.issuer.en")
    return PlanEntry(
        id=plan_id,
        jurisdiction=jurisdiction,
        en=reader.text(m["en"][1], "plan.en"),
        line=_line(node),
        issuer_id=issuer_id,
        issuer_en=issuer_en,
    )


def _read_new_target(reader: _Reader, node: yaml.Node, where: str) -> NewTarget:
    m = reader.mapping(
        node,
        where,
        allowed=(
            "text",
            "value",
            "upper_value",
            "unit",
            "comparator",
            "indicator",
            "deadline",
            "periodicity",
        ),
        required=("text", "value", "unit", "comparator", "indicator"),
    )
    return NewTarget(
        text=reader.string(m["text"][1], f"{where}.text"),
        value=reader.decimal(m["value"][1], f"{where}.value"),
        unit=reader.string(m["unit"][1], f"{where}.unit"),
        comparator=reader.choice(m["comparator"][1], f"{where}.comparator", COMPARATORS),
        indicator=reader.string(m["indicator"][1], f"{where}.indicator"),
        upper_value=(
            reader.decimal(m["upper_value"][1], f"{where}.upper_value")
            if "upper_value" in m
            else None
        ),
        deadline=(
            reader.integer(m["deadline"][1], f"{where}.deadline") if "deadline" in m else None
        ),
        periodicity=(
            reader.choice(m["periodicity"][1], f"{where}.periodicity", PERIODICITIES)
            if "periodicity" in m and not reader.is_null(m["periodicity"][1])
            else None
        ),
    )


_SETTABLE = (
    "value",
    "upper_value",
    "unit",
    "comparator",
    "indicator",
    "deadline",
    "deadline_implied",
    "periodicity",
)


def _read_changes(
    reader: _Reader, node: yaml.Node, where: str
) -> tuple[tuple[str, TargetValue], ...]:
    m = reader.mapping(node, where, allowed=_SETTABLE)
    if not m:
        raise reader.fail(node, f"{where}: nothing to set")
    out: list[tuple[str, TargetValue]] = []
    for key, (_, value_node) in m.items():
        at = f"{where}.{key}"
        value: TargetValue
        if key in ("upper_value", "periodicity", "deadline") and reader.is_null(value_node):
            value = None
        elif key in ("value", "upper_value"):
            value = reader.decimal(value_node, at)
        elif key == "deadline":
            value = reader.integer(value_node, at)
        elif key == "deadline_implied":
            value = reader.boolean(value_node, at)
        elif key == "comparator":
            value = reader.choice(value_node, at, COMPARATORS)
        elif key == "periodicity":
            value = reader.choice(value_node, at, PERIODICITIES)
        else:
            value = reader.string(value_node, at)
        out.append((key, value))
    return tuple(out)


def _read_target_fix(reader: _Reader, node: yaml.Node, where: str) -> TargetFix:
    m = reader.mapping(
        node,
        where,
        allowed=("part", "match", "drop", "set", "add", "reason"),
        required=("part",),
    )
    part = reader.string(m["part"][1], f"{where}.part")
    reason = reader.reason(m, node, where)
    actions = [k for k in ("drop", "set", "add") if k in m]
    if len(actions) != 1:
        raise reader.fail(node, f"{where}: give exactly one of 'drop', 'set' or 'add'")
    action = actions[0]
    if action == "add":
        if "match" in m:
            raise reader.fail(m["match"][0], f"{where}: 'match' does not go with 'add'")
        new = _read_new_target(reader, m["add"][1], f"{where}.add")
        return TargetFix(part=part, reason=reason, line=_line(node), add=new)
    if "match" not in m:
        raise reader.fail(node, f"{where}: missing key 'match'")
    match = reader.string(m["match"][1], f"{where}.match")
    if action == "drop":
        if not reader.boolean(m["drop"][1], f"{where}.drop"):
            raise reader.fail(m["drop"][1], f"{where}.drop: only 'drop: true' makes sense")
        return TargetFix(part=part, reason=reason, line=_line(node), match=match, drop=True)
    changes = _read_changes(reader, m["set"][1], f"{where}.set")
    return TargetFix(part=part, reason=reason, line=_line(node), match=match, changes=changes)


def parse_curation(text: str, /, *, source: str = "<curation>") -> Curation:
    """Parse and check curation YAML given as text.

    Parameters
    ----------
    text : str
        The YAML text.
    source : str, optional
        The name used in error messages (normally the file path).

    Returns
    -------
    Curation

    Raises
    ------
    CurationError
        Malformed YAML, an unknown key, a wrong type, a duplicate key or id, an id that is
        not an ASCII slug, or a correction without a reason; the message names ``source``
        and the line.

    Examples
    --------
    >>> parse_curation("parts: {'1': {en: General requirements}}").parts[0].en
    'General requirements'
    >>> parse_curation("parts: {'1': {title: x}}", source="c.yaml")
    Traceback (most recent call last):
    ...
    policygraph.errors.CurationError: c.yaml:1: parts.1: unknown key 'title' (expected one of: en)
    """
    reader = _Reader(source)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise CurationError(f"malformed YAML: {problem}", source=source, line=line) from exc
    except yaml.YAMLError as exc:
        raise CurationError(f"malformed YAML: {exc}", source=source) from exc
    if root is None:
        return Curation(source=source)
    top = reader.mapping(
        root,
        "curation file",
        allowed=(
            "plan",
            "departments",
            "parts",
            "platforms",
            "mentions",
            "schemes",
            "indicators",
            "targets",
        ),
    )
    plan = _read_plan(reader, top["plan"][1]) if "plan" in top else None

    departments = []
    for name, _, node in _entries(reader, top, "departments"):
        where = f"departments.{name}"
        m = reader.mapping(node, where, allowed=("id", "en", "collective"), required=("id", "en"))
        departments.append(
            DepartmentEntry(
                name=name,
                id=reader.id(m["id"][1], f"{where}.id", kind="department", owner=name),
                en=reader.text(m["en"][1], f"{where}.en"),
                line=_line(node),
                collective=(
                    reader.boolean(m["collective"][1], f"{where}.collective")
                    if "collective" in m
                    else False
                ),
            )
        )

    parts = []
    for path, _, node in _entries(reader, top, "parts"):
        where = f"parts.{path}"
        m = reader.mapping(node, where, allowed=("en",), required=("en",))
        parts.append(PartEntry(path, reader.text(m["en"][1], f"{where}.en"), _line(node)))

    platforms = []
    for name, _, node in _entries(reader, top, "platforms"):
        where = f"platforms.{name}"
        m = reader.mapping(node, where, allowed=("id", "en", "type"), required=("id", "en", "type"))
        platforms.append(
            PlatformEntry(
                name=name,
                id=reader.id(m["id"][1], f"{where}.id", kind="platform", owner=name),
                en=reader.text(m["en"][1], f"{where}.en"),
                type=(
                    None
                    if reader.is_null(m["type"][1])
                    else reader.choice(m["type"][1], f"{where}.type", PLATFORM_TYPES)
                ),
                line=_line(node),
            )
        )

    mentions = []
    if "mentions" in top and not reader.is_null(top["mentions"][1]):
        ops = reader.mapping(top["mentions"][1], "mentions", allowed=("add", "drop"))
        for op in ("drop", "add"):
            if op not in ops or reader.is_null(ops[op][1]):
                continue
            for i, node in enumerate(reader.sequence(ops[op][1], f"mentions.{op}"), 1):
                where = f"mentions.{op}[{i}]"
                m = reader.mapping(
                    node, where, allowed=("part", "name", "reason"), required=("part", "name")
                )
                mentions.append(
                    MentionFix(
                        op="add" if op == "add" else "drop",
                        part=reader.string(m["part"][1], f"{where}.part"),
                        name=reader.string(m["name"][1], f"{where}.name"),
                        reason=reader.reason(m, node, where),
                        line=_line(node),
                    )
                )

    schemes = []
    for key, _, node in _entries(reader, top, "schemes"):
        where = f"schemes.{key}"
        m = reader.mapping(node, where, allowed=("en", "members"), required=("en",))
        members: list[MemberEntry] = []
        if "members" in m:
            for member, (key_node, value_node) in reader.mapping(
                m["members"][1], f"{where}.members"
            ).items():
                members.append(
                    MemberEntry(
                        member,
                        reader.text(value_node, f"{where}.members.{member}"),
                        _line(key_node),
                    )
                )
        schemes.append(
            SchemeEntry(key, reader.text(m["en"][1], f"{where}.en"), _line(node), tuple(members))
        )

    indicators = []
    for name, _, node in _entries(reader, top, "indicators"):
        where = f"indicators.{name}"
        m = reader.mapping(node, where, allowed=("id", "en"), required=("id", "en"))
        indicators.append(
            IndicatorEntry(
                name=name,
                id=reader.id(m["id"][1], f"{where}.id", kind="indicator", owner=name),
                en=reader.text(m["en"][1], f"{where}.en"),
                line=_line(node),
            )
        )

    targets = []
    if "targets" in top and not reader.is_null(top["targets"][1]):
        for i, node in enumerate(reader.sequence(top["targets"][1], "targets"), 1):
            targets.append(_read_target_fix(reader, node, f"targets[{i}]"))

    return Curation(
        source=source,
        plan=plan,
        departments=tuple(departments),
        parts=tuple(parts),
        platforms=tuple(platforms),
        mentions=tuple(mentions),
        schemes=tuple(schemes),
        indicators=tuple(indicators),
        targets=tuple(targets),
    )


def load_curation(path: str | Path, /) -> Curation:
    """Read and check a curation file.

    Parameters
    ----------
    path : str or Path
        A YAML curation file (UTF-8).

    Returns
    -------
    Curation

    Raises
    ------
    CurationError
        The file cannot be read, or its content is malformed (see :func:`parse_curation`);
        the message names the file and the YAML line.

    Examples
    --------
    >>> from policygraph.resources import resource_path
    >>> curation = load_curation(resource_path("data", "curation", "jiaxing-315.yaml"))
    >>> curation.plan.id, curation.plan.jurisdiction
    ('jiaxing-315', 'jiaxing')
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"cannot read curation file: {exc}", source=source) from exc
    return parse_curation(text, source=source)


# --------------------------------------------------------------------------- applying


def _stale(curation: Curation, line: int, message: str) -> CurationError:
    return CurationError(message, source=curation.source, line=line)


def _all_mentions(doc: PlanDocument) -> Iterator[PlatformMention]:
    yield from doc.platforms
    for section in doc.walk():
        yield from section.platforms


def _find_target(curation: Curation, fix: TargetFix, section: Section) -> tuple[int, Target]:
    assert fix.match is not None
    hits = [(i, t) for i, t in enumerate(section.targets) if fix.match in t.text]
    if not hits:
        raise _stale(
            curation,
            fix.line,
            f"no target of part {fix.part} contains {fix.match!r} "
            f"(its targets: {'; '.join(t.text for t in section.targets) or 'none'})",
        )
    if len(hits) > 1:
        raise _stale(
            curation,
            fix.line,
            f"{len(hits)} targets of part {fix.part} contain {fix.match!r}; make 'match' longer",
        )
    return hits[0]


def _locate(doc: PlanDocument, section: Section, text: str) -> Span | None:
    start = doc.source.find(text, section.span.start, section.span.end)
    if start < 0:
        return None
    return Span(start, start + len(text))


def _fix_targets(doc: PlanDocument, curation: Curation, parts: dict[str, Section]) -> None:
    for fix in curation.targets:
        section = parts.get(fix.part)
        if section is None:
            raise _stale(curation, fix.line, f"the plan has no part {fix.part!r}")
        if fix.add is not None:
            new = fix.add
            span = _locate(doc, section, new.text)
            if span is None:
                raise _stale(curation, fix.line, f"part {fix.part} does not contain {new.text!r}")
            for old in section.targets:
                if old.span == span and old.value == new.value:
                    raise _stale(
                        curation,
                        fix.line,
                        f"part {fix.part} already has this target ({old.text!r}); remove the 'add'",
                    )
            implied = new.deadline is None and doc.period is not None
            deadline = doc.period[1] if implied and doc.period else new.deadline
            section.targets.append(
                Target(
                    text=new.text,
                    span=span,
                    value=new.value,
                    unit=new.unit,
                    comparator=new.comparator,
                    indicator=new.indicator,
                    upper_value=new.upper_value,
                    deadline=deadline,
                    deadline_implied=implied,
                    periodicity=new.periodicity,
                )
            )
            section.targets.sort(key=lambda t: t.span)
            continue
        index, target = _find_target(curation, fix, section)
        if fix.drop:
            del section.targets[index]
            continue
        changes = dict(fix.changes)
        for key, value in changes.items():
            setattr(target, key, value)
        if "deadline" in changes and "deadline_implied" not in changes:
            target.deadline_implied = False


def _fix_mentions(doc: PlanDocument, curation: Curation, parts: dict[str, Section]) -> None:
    for fix in curation.mentions:
        section = parts.get(fix.part)
        if section is None:
            raise _stale(curation, fix.line, f"the plan has no part {fix.part!r}")
        if fix.op == "drop":
            kept = [m for m in section.platforms if m.name != fix.name]
            if len(kept) == len(section.platforms):
                raise _stale(
                    curation, fix.line, f"part {fix.part} has no mention of {fix.name!r} to drop"
                )
            section.platforms = kept
            continue
        if any(m.name == fix.name for m in section.platforms):
            raise _stale(
                curation,
                fix.line,
                f"part {fix.part} already mentions {fix.name!r}; remove the 'add'",
            )
        span = _locate(doc, section, fix.name)
        if span is None:
            raise _stale(curation, fix.line, f"part {fix.part} does not contain {fix.name!r}")
        section.platforms.append(PlatformMention(fix.name, span))
        section.platforms.sort(key=lambda m: m.span)


def apply_curation(doc: PlanDocument, curation: Curation, /) -> PlanDocument:
    """Return a corrected and labelled deep copy of ``doc``; ``doc`` itself is not changed.

    Corrections to targets and mentions are applied first, then English labels and ids;
    finally every target whose indicator has English gets a generated English label
    (:func:`target_label_en`).

    Parameters
    ----------
    doc : PlanDocument
        An extracted plan.
    curation : Curation
        From :func:`load_curation`.

    Returns
    -------
    PlanDocument

    Raises
    ------
    CurationError
        An entry matches nothing in the document (a part path that does not exist, a
        ``match`` found in no target of that part, a department in no clause, a platform
        never mentioned...), with the entry's file and line.
    """
    doc = copy.deepcopy(doc)
    parts = {s.path: s for s in doc.walk()}

    if curation.plan is not None:
        entry = curation.plan
        doc.id = entry.id or doc.id
        doc.jurisdiction = entry.jurisdiction or doc.jurisdiction
        doc.label_en = entry.en or doc.label_en
        if entry.issuer_id is not None or entry.issuer_en is not None:
            if doc.issuer is None:
                raise _stale(curation, entry.line, "the plan has no issuer to name")
            doc.issuer_id = entry.issuer_id or doc.issuer_id
            doc.issuer_en = entry.issuer_en or doc.issuer_en

    for part in curation.parts:
        section = parts.get(part.path)
        if section is None:
            raise _stale(curation, part.line, f"the plan has no part {part.path!r}")
        section.label_en = part.en or section.label_en

    written = {r.department for s in doc.walk() for r in s.responsibilities}
    for dept in curation.departments:
        if dept.name not in written:
            raise _stale(
                curation, dept.line, f"department {dept.name!r} is in no responsibility clause"
            )
        if dept.en is not None:
            doc.departments_en[dept.name] = dept.en
        if dept.id is not None:
            doc.department_ids[dept.name] = dept.id
        if dept.collective:
            doc.collective_departments.add(dept.name)

    _fix_mentions(doc, curation, parts)
    mentions = list(_all_mentions(doc))
    for platform in curation.platforms:
        hits = [m for m in mentions if m.name == platform.name]
        if not hits:
            raise _stale(curation, platform.line, f"platform {platform.name!r} is never mentioned")
        for mention in hits:
            mention.id = platform.id or mention.id
            mention.label_en = platform.en or mention.label_en
            mention.kind = platform.type or mention.kind

    schemes = {s.key: s for s in doc.schemes}
    for scheme_entry in curation.schemes:
        scheme = schemes.get(scheme_entry.key)
        if scheme is None:
            raise _stale(
                curation, scheme_entry.line, f"the plan declares no scheme {scheme_entry.key!r}"
            )
        scheme.label_en = scheme_entry.en or scheme.label_en
        members = {m.name: m for m in scheme.members}
        for member_entry in scheme_entry.members:
            member = members.get(member_entry.name)
            if member is None:
                raise _stale(
                    curation,
                    member_entry.line,
                    f"scheme {scheme.key!r} has no member {member_entry.name!r}",
                )
            member.label_en = member_entry.en or member.label_en

    _fix_targets(doc, curation, parts)
    targets = doc.all_targets()
    indicators = {t.indicator for t in targets}
    for indicator in curation.indicators:
        if indicator.name not in indicators:
            raise _stale(
                curation, indicator.line, f"no target has the indicator {indicator.name!r}"
            )
    by_name = {i.name: i for i in curation.indicators}
    for target in targets:
        known = by_name.get(target.indicator)
        if known is not None:
            target.indicator_en = known.en or target.indicator_en
            target.indicator_id = known.id or target.indicator_id
        target.label_en = target_label_en(target)
    return doc


# --------------------------------------------------------------------------- English


_COMPARATOR_EN = {
    "AtLeast": "at least ",
    "MoreThan": "more than ",
    "Approximately": "about ",
    "Exactly": "",
    "Between": "",
    "AtMost": "at most ",
    "LessThan": "less than ",
}


def target_label_en(target: Target, /) -> str | None:
    """Generate a target's English label from its indicator's English and its numbers.

    Returns None when the indicator has no English yet.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from policygraph.model import Span, Target
    >>> t = Target("超过3.65%", Span(0, 7), Decimal("3.65"), "%", "MoreThan", "研发投入强度",
    ...            deadline=2027, indicator_en="R&D expenditure as a share of GDP")
    >>> target_label_en(t)
    'R&D expenditure as a share of GDP: more than 3.65% by 2027'
    >>> t.unit, t.value, t.comparator, t.periodicity = "亿元", Decimal(280), "Exactly", "Cumulative"
    >>> t.indicator_en = "Investment in S&T infrastructure projects"
    >>> target_label_en(t)
    'Investment in S&T infrastructure projects: 28 billion yuan in total by 2027'
    >>> t.unit, t.value, t.comparator, t.periodicity = "位", Decimal(40), "AtMost", None
    >>> t.indicator_en = "National ranking of the Jiaxing National High-tech Zone"
    >>> target_label_en(t)
    'National ranking of the Jiaxing National High-tech Zone: top 40 by 2027'
    """
    if not target.indicator_en:
        return None
    unit = unit_info(target.unit)
    if unit.slug == "wei" and target.comparator in ("AtMost", "Exactly"):
        amount = f"top {format_number(target.value)}"
    elif target.comparator == "Between" and target.upper_value is not None:
        low = unit.quantity_en(target.value)
        high = unit.quantity_en(target.upper_value)
        number = format_number(target.value)
        amount = f"{number}–{high}" if low.startswith(number) else f"{low}–{high}"
    else:
        amount = _COMPARATOR_EN[target.comparator] + unit.quantity_en(target.value)
    when = ""
    if target.periodicity == "Annual":
        when = " per year" + (f" through {target.deadline}" if target.deadline else "")
    elif target.periodicity == "Cumulative":
        when = " in total" + (f" by {target.deadline}" if target.deadline else "")
    elif target.deadline:
        when = f" by {target.deadline}"
    return f"{target.indicator_en}: {amount}{when}"


def missing_english(doc: PlanDocument, /) -> list[str]:
    """List what in ``doc`` still has no English label (or no curated id), in document order.

    Parameters
    ----------
    doc : PlanDocument
        Normally the result of :func:`apply_curation`.

    Returns
    -------
    list of str
        One line per gap, e.g. ``"part 2-1-1 打造新型实验室体系"``; empty when complete.

    Examples
    --------
    >>> from policygraph.model import PlanDocument, Span
    >>> missing_english(PlanDocument("标题", "plan.txt", "标题", Span(0, 2)))
    ['plan: English title']
    """
    out: list[str] = []
    if not doc.label_en:
        out.append("plan: English title")
    if doc.issuer and not doc.issuer_en:
        out.append(f"issuer {doc.issuer}")
    for section in doc.walk():
        if not section.label_en:
            out.append(f"part {section.path} {section.title}")
    seen: set[str] = set()
    for section in doc.walk():
        for resp in section.responsibilities:
            name = resp.department
            if name in seen:
                continue
            seen.add(name)
            if name not in doc.departments_en:
                out.append(f"department {name}")
            elif name not in doc.department_ids:
                out.append(f"department {name}: id")
    seen = set()
    for mention in _all_mentions(doc):
        if mention.name in seen:
            continue
        seen.add(mention.name)
        if not mention.label_en:
            out.append(f"platform {mention.name}")
    for scheme in doc.schemes:
        if not scheme.label_en:
            out.append(f"scheme {scheme.key} {scheme.title}")
        for member in scheme.members:
            if not member.label_en:
                out.append(f"scheme member {scheme.key}/{member.name}")
    units: set[str] = set()
    for target in doc.all_targets():
        if not target.indicator_en:
            out.append(f"indicator {target.indicator} (target {target.text})")
        if unit_info(target.unit).en is None and target.unit not in units:
            units.add(target.unit)
            out.append(f"unit {target.unit}")
    return out


# --------------------------------------------------------------------------- skeleton


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _or_null(text: str | None) -> str:
    return "null" if text is None else _q(text)


def _note(text: str, limit: int = 60) -> str:
    """A one-line comment from a plan text fragment, clipped to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def curation_skeleton(doc: PlanDocument, /) -> str:
    r"""Return a curation file (YAML) that lists every entity of ``doc`` to label or name.

    The plan and its issuer, every department of a responsibility clause, every part,
    platform, scheme and its named members, and every indicator get an entry, in document
    order, in the format :func:`load_curation` reads. What is known is filled in (a
    department's generated English, a platform's type); the rest is ``null``, which changes
    nothing until it is filled in. Each entry matches the plan, so the file applies as it is.

    Parameters
    ----------
    doc : PlanDocument
        An extracted plan (without curation).

    Returns
    -------
    str

    Examples
    --------
    >>> from decimal import Decimal
    >>> from policygraph.model import PlanDocument, Responsibility, Section, Span, Target
    >>> target = Target("新认定省级研发中心70家", Span(5, 17), Decimal(70), "家", "Exactly",
    ...                 "新认定省级研发中心")
    >>> lead = Responsibility("市科技局", 1, "lead", Span(18, 22))
    >>> part = Section("section", "一、", 1, 1, "目标", Span(2, 4), Span(0, 22), path="1",
    ...                targets=[target], responsibilities=[lead])
    >>> doc = PlanDocument("一、目标\n新认定省级研发中心70家（市科技局）", "plan.txt", "目标",
    ...                    Span(2, 4), sections=[part])
    >>> text = curation_skeleton(doc)
    >>> print(text[text.index("plan:"):])
    plan:
      id: null            # an ASCII slug: id:plan/{id}
      jurisdiction: null  # an ASCII slug of the place: id:department/{jurisdiction}/...
      en: null            # 目标
    <BLANKLINE>
    departments:  # keyed by the name as written in the responsibility clauses
      "市科技局": {id: null, en: "Municipal Science and Technology Bureau"}  # generated: check
    <BLANKLINE>
    parts:  # keyed by the part's path (heading positions joined by "-")
      "1": {en: null}  # 目标
    <BLANKLINE>
    indicators:  # keyed by a target's indicator as written
      "新认定省级研发中心": {id: null, en: null}  # 新认定省级研发中心70家
    <BLANKLINE>
    >>> curation = parse_curation(text.replace('"1": {en: null}', '"1": {en: Goals}'))
    >>> apply_curation(doc, curation).sections[0].label_en
    'Goals'
    """
    from .departments import plan_jurisdiction, read_department

    out = [
        f"# Curation for {_note(doc.title, 200)}",
        f"# Source: {PurePath(doc.source_name).name}. Format: docs/curation.md.",
        "# Written by `policygraph curation init`. Fill in each null: `en` is an English label,",
        "# `id` an ASCII slug (lowercase letters, digits, single hyphens) that becomes the IRI.",
        "# A null changes nothing (no English label; the derived id). Every entry matches the",
        "# plan as extracted; corrections (mentions, targets) are described in docs/curation.md.",
        "",
        "plan:",
        "  id: null            # an ASCII slug: id:plan/{id}",
        "  jurisdiction: null  # an ASCII slug of the place: id:department/{jurisdiction}/...",
        f"  en: null            # {_note(doc.title, 200)}",
    ]
    if doc.issuer:
        out.append(f"  issuer: {{id: null, en: null}}  # {_note(doc.issuer)}")

    plan = plan_jurisdiction(doc)
    names = list(dict.fromkeys(r.department for s in doc.walk() for r in s.responsibilities))
    if names:
        out += ["", "departments:  # keyed by the name as written in the responsibility clauses"]
    for name in names:
        generated = read_department(name, plan=plan).label_en
        note = "  # generated: check" if generated else ""
        out.append(f"  {_q(name)}: {{id: null, en: {_or_null(generated)}}}{note}")

    sections = list(doc.walk())
    if sections:
        out += ["", 'parts:  # keyed by the part\'s path (heading positions joined by "-")']
    for section in sections:
        out.append(f"  {_q(section.path)}: {{en: null}}  # {_note(section.title)}")

    platforms: dict[str, PlatformMention] = {}
    for mention in _all_mentions(doc):
        platforms.setdefault(mention.name, mention)
    if platforms:
        kinds = ", ".join(PLATFORM_TYPES)
        out += ["", f"platforms:  # keyed by the name as written; type: one of {kinds}"]
    for name, mention in platforms.items():
        kind = mention.kind if mention.kind in PLATFORM_TYPES else None
        out.append(f"  {_q(name)}: {{id: null, en: null, type: {kind or 'null'}}}")

    if doc.schemes:
        out += ["", "schemes:  # keyed by the scheme's key; members by the name as written"]
    for scheme in doc.schemes:
        out += [f"  {_q(scheme.key)}:", f"    en: null  # {_note(scheme.title)}"]
        if scheme.members:
            out.append("    members:")
            out += [f"      {_q(m.name)}: null" for m in scheme.members]

    indicators: dict[str, str] = {}
    for target in doc.all_targets():
        indicators.setdefault(target.indicator, target.text)
    if indicators:
        out += ["", "indicators:  # keyed by a target's indicator as written"]
    for indicator, quote in indicators.items():
        out.append(f"  {_q(indicator)}: {{id: null, en: null}}  # {_note(quote)}")
    return "\n".join(out) + "\n"
