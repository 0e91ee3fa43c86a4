"""The curation file format, declared as pydantic models; its JSON Schema is generated from them.

:class:`CurationFile` mirrors a curation file (YAML) key for key: each model forbids keys it
does not declare, is frozen, and is strict (a number is not a string, an integer is not a
boolean). The values with rules of their own are the types :data:`Text` (not empty),
:data:`Slug` (an ASCII id) and :data:`Number` (an exact decimal). A key may be ``null``
where the format says "not filled in yet"; a key that is optional but not nullable (``match``,
``set``, ``add``...) rejects ``null``.

The entries of a loaded file know where they are: ``line`` (1-based, in the YAML) and the
key they are written under (``name``, ``path``, ``key``). :class:`Curation` is what
:func:`~policygraph.curation.load_curation` returns: the entries of each section in file
order, with the file's name for error messages.

Examples
--------
>>> fix = TargetFix.model_validate({"part": "3-2", "match": "高于5％", "drop": True,
...                                 "reason": "a threshold"})
>>> fix.drop, fix.changes
(True, ())
>>> schema = curation_json_schema()
>>> schema["properties"]["targets"]["anyOf"][0]["items"]
{'$ref': '#/$defs/TargetFix'}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    RootModel,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from ..model import COMPARATORS, PERIODICITIES

__all__ = [
    "PLATFORM_TYPES",
    "Curation",
    "CurationFile",
    "DepartmentEntry",
    "IndicatorEntry",
    "Issuer",
    "Located",
    "MemberEntry",
    "MentionFix",
    "Mentions",
    "NewTarget",
    "Number",
    "PartEntry",
    "PlanEntry",
    "PlatformEntry",
    "SchemeEntry",
    "Slug",
    "TargetChanges",
    "TargetFix",
    "Text",
    "curation_json_schema",
    "curation_json_schema_text",
    "locate",
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

#: the command that writes the published copy of the schema
SCHEMA_COMMAND = "policygraph curation schema -o data/curation.schema.json"


def _problem(message: str, /, *, key: str | None = None) -> PydanticCustomError:
    """A validation error with ``message`` as it is; ``key`` names the key it is about.

    Without ``key`` the error is reported at the value being validated; with it, at that key
    of the mapping being validated (``'match' does not go with 'add'`` points at ``match``).
    """
    return PydanticCustomError("curation", "{message}", {"message": message, "key": key})


def _text(value: str) -> str:
    if not value.strip():
        raise _problem("must not be empty")
    return value


def _slug(value: str) -> str:
    if not value.isascii():
        raise _problem(f"id {value!r} is not ASCII")
    if not _SLUG.fullmatch(value):
        raise _problem(f"id {value!r} is not a slug (lowercase letters, digits and single hyphens)")
    return value


def _as_decimal(value: object) -> object:
    # YAML integers are exact numbers too; a boolean is not a number
    return Decimal(value) if type(value) is int else value


def _reject_null(value: object) -> object:
    if value is None:
        raise PydanticCustomError("null", "given but null")
    return value


def _without_null(schema: dict[str, Any]) -> None:
    """JSON Schema of a key that may be left out but is never ``null``."""
    (kept,) = [s for s in schema.pop("anyOf") if s != {"type": "null"}]
    schema.update(kept)
    schema.pop("default", None)


#: a string that is not empty or blank
Text = Annotated[str, AfterValidator(_text), WithJsonSchema({"type": "string", "pattern": r"\S"})]
#: an ASCII slug: lowercase letters, digits and single hyphens (it becomes part of an IRI)
Slug = Annotated[
    str,
    AfterValidator(_text),
    AfterValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": f"^{_SLUG.pattern}$"}),
]
#: an exact decimal, written as a YAML number (``3.65``, ``280``)
Number = Annotated[Decimal, BeforeValidator(_as_decimal), WithJsonSchema({"type": "number"})]

_T = TypeVar("_T")
#: a key that may be left out (None) but, when given, is not ``null``
Given = Annotated[_T | None, BeforeValidator(_reject_null), Field(json_schema_extra=_without_null)]

if TYPE_CHECKING:
    Comparator = str
    Periodicity = str
    PlatformType = str
else:  # the names are listed once, in policygraph.model and above
    Comparator = Literal[COMPARATORS]
    Periodicity = Literal[PERIODICITIES]
    PlatformType = Literal[PLATFORM_TYPES]


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )


class _Entry(_Model):
    """An entry of a curation file; the loader records where it is written."""

    _loc: tuple[str | int, ...] = PrivateAttr(default=())
    _line: int = PrivateAttr(default=0)

    @property
    def line(self) -> int:
        """The line (1-based) of the curation file the entry starts at."""
        return self._line

    @property
    def _key(self) -> str:
        return str(self._loc[-1]) if self._loc else ""


class Issuer(_Model):
    """The issuing body of the plan."""

    id: Slug | None
    """ASCII slug of the issuer: id:organization/{jurisdiction}/{id}."""
    en: Text | None
    """English name of the issuer."""


class PlanEntry(_Entry):
    """The plan's id, jurisdiction, English title and issuer (null: not filled in yet)."""

    id: Slug | None
    """ASCII slug of the plan: id:plan/{id}."""
    jurisdiction: Slug | None
    """ASCII slug of the place: id:department/{jurisdiction}/..."""
    en: Text | None
    """English title of the plan."""
    issuer: Given[Issuer] = None

    @property
    def issuer_id(self) -> str | None:
        """The issuer's curated id, if any."""
        return None if self.issuer is None else self.issuer.id

    @property
    def issuer_en(self) -> str | None:
        """The issuer's English name, if any."""
        return None if self.issuer is None else self.issuer.en


class DepartmentEntry(_Entry):
    """A department, keyed by its name exactly as written in the responsibility clauses."""

    id: Slug | None
    """ASCII slug: id:department/{jurisdiction}/{id}."""
    en: Text | None
    """English name; without it, one is generated from the Chinese name."""
    collective: bool = False
    """true for a collective unit such as 有关县〔市、区〕政府 (pg:CollectiveUnit)."""

    @property
    def name(self) -> str:
        """The department's name as written."""
        return self._key


class PartEntry(_Entry):
    """The English label of one part, keyed by its path (``"2-1-1"``)."""

    en: Text | None
    """English label of the part."""

    @property
    def path(self) -> str:
        """The part's path: its heading positions joined by ``-``."""
        return self._key


class PlatformEntry(_Entry):
    """A platform, keyed by its name as written."""

    id: Slug | None
    """ASCII slug of the platform: id:platform/{id}."""
    en: Text | None
    """English name of the platform."""
    type: PlatformType | None
    """The kind of platform (null: the type read from the name)."""

    @property
    def name(self) -> str:
        """The platform's name as written."""
        return self._key


class MentionFix(_Entry):
    """A platform mention to add to, or drop from, one part."""

    part: Text
    """The part's path, e.g. "2-1-4"."""
    name: Text
    """The platform's name as written in the part."""
    reason: Text
    """Why the rules got it wrong."""

    @property
    def op(self) -> Literal["add", "drop"]:
        """Whether the mention is added or dropped."""
        return "add" if self._loc[1:2] == ("add",) else "drop"


class Mentions(_Model):
    """Corrections to the platform mentions the rules found."""

    add: tuple[MentionFix, ...] | None = None
    """Mentions to add: the name must occur in the part's text; the first occurrence is used."""
    drop: tuple[MentionFix, ...] | None = None
    """Mentions to drop: every mention of that name in the part."""


class MemberEntry(RootModel[Text | None]):
    """The English label of one named member of a scheme, keyed by its name as written."""

    model_config = ConfigDict(frozen=True, strict=True)

    _loc: tuple[str | int, ...] = PrivateAttr(default=())
    _line: int = PrivateAttr(default=0)

    @property
    def name(self) -> str:
        """The member's name as written."""
        return str(self._loc[-1]) if self._loc else ""

    @property
    def en(self) -> str | None:
        """The member's English label."""
        return self.root

    @property
    def line(self) -> int:
        """The line (1-based) of the member's name in the curation file."""
        return self._line


#: an entry that knows where it is written (set once, by the loader, with :func:`locate`)
Located = _Entry | MemberEntry


def locate(entry: Located, /, loc: tuple[str | int, ...], line: int) -> None:
    """Record where ``entry`` is written: its location (keys and list positions) and line."""
    entry._loc = loc
    entry._line = line


class SchemeEntry(_Entry):
    """The English label of a scheme (三大科创高地...) and of the members the text names."""

    en: Text | None
    """English label of the scheme."""
    members: Given[dict[str, MemberEntry]] = None
    """English labels of the members the text names, keyed by name as written."""

    @property
    def key(self) -> str:
        """The scheme's key."""
        return self._key


class IndicatorEntry(_Entry):
    """An indicator, keyed by a target's indicator as written (after corrections)."""

    id: Slug | None
    """ASCII slug of the indicator: id:indicator/{id}."""
    en: Text | None
    """English name of the indicator; targets' English labels are generated from it."""

    @property
    def name(self) -> str:
        """The indicator as written."""
        return self._key


class NewTarget(_Model):
    """A target the extractor missed; ``text`` is the exact quote inside the part."""

    text: Text
    """An exact quote inside the part; its span is computed."""
    value: Number
    upper_value: Given[Number] = None
    """The upper bound of a range (comparator Between)."""
    unit: Text
    """The unit as written, e.g. 亿元, %, 家."""
    comparator: Comparator
    indicator: Text
    """What is measured, as written."""
    deadline: Given[int] = None
    """The year; without it, the last year of the plan period, marked implied."""
    periodicity: Periodicity | None = None


class TargetChanges(TypedDict, total=False):
    """Fields of one target to set; ``null`` clears periodicity, upper_value or deadline."""

    __pydantic_config__ = ConfigDict(  # type: ignore[misc]
        extra="forbid", strict=True, json_schema_extra={"minProperties": 1}
    )

    value: Number
    upper_value: Number | None
    unit: Text
    comparator: Comparator
    indicator: Text
    deadline: int | None
    deadline_implied: bool
    periodicity: Periodicity | None


def _in_given_order(value: object, handler: ValidatorFunctionWrapHandler) -> TargetChanges:
    """The validated changes, in the order the file gives them (a TypedDict's is its own)."""
    changes = handler(value)
    return (
        cast(TargetChanges, {k: changes[k] for k in value}) if isinstance(value, dict) else changes
    )


def _something(changes: TargetChanges) -> TargetChanges:
    if not changes:
        raise _problem("nothing to set")
    return changes


def _only_true(drop: bool) -> bool:
    if not drop:
        raise _problem("only 'drop: true' makes sense")
    return drop


#: a value a target correction may set
TargetValue = Decimal | int | str | bool | None


class TargetFix(_Entry):
    """A correction to one part's targets: exactly one of drop, set or add, with a reason.

    ``match`` is a substring of the quote of exactly one target of the part (drop, set).
    """

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": [key]} for key in ("drop", "set", "add")]}
    )

    part: Text
    """The part's path, e.g. "2-1-4"."""
    match: Given[Text] = None
    """A substring of the quote of exactly one target of the part (with drop or set)."""
    drop: Given[Annotated[bool, AfterValidator(_only_true), WithJsonSchema({"const": True})]] = None
    """drop: true removes the matched target."""
    updates: Given[
        Annotated[TargetChanges, WrapValidator(_in_given_order), AfterValidator(_something)]
    ] = Field(default=None, alias="set")
    """Fields of the matched target to change."""
    add: Given[NewTarget] = None
    """A target the rules missed."""
    reason: Text
    """Why the rules got it wrong."""

    @model_validator(mode="after")
    def _one_action(self) -> TargetFix:
        actions = [a for a in (self.drop, self.updates, self.add) if a is not None]
        if len(actions) != 1:
            raise _problem("give exactly one of 'drop', 'set' or 'add'")
        if self.add is not None and self.match is not None:
            raise _problem("'match' does not go with 'add'", key="match")
        if self.add is None and self.match is None:
            raise _problem("missing key 'match'")
        return self

    @property
    def changes(self) -> tuple[tuple[str, TargetValue], ...]:
        """The ``(field, value)`` pairs of :class:`~policygraph.model.Target` to set."""
        changes = cast("dict[str, TargetValue]", self.updates or {})
        return tuple(changes.items())


class CurationFile(_Model):
    """A policygraph curation file: English labels, ids and corrections for one plan."""

    model_config = ConfigDict(
        title="policygraph curation file",
        json_schema_extra={
            # draft-07: what the YAML language server checks; the schema uses nothing newer
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$comment": f"Generated; do not edit. Regenerate with: {SCHEMA_COMMAND}",
        },
    )

    plan: Given[PlanEntry] = None
    """The plan's id, jurisdiction, English title and issuer."""
    departments: dict[str, DepartmentEntry] | None = None
    """Keyed by the name exactly as written in the responsibility clauses."""
    parts: dict[str, PartEntry] | None = None
    """Keyed by the part's path (heading positions joined by "-"); quote the keys."""
    platforms: dict[str, PlatformEntry] | None = None
    """Keyed by the name as written; every platform the plan mentions."""
    mentions: Mentions | None = None
    """Corrections to the platform mentions the rules found."""
    schemes: dict[str, SchemeEntry] | None = None
    """Keyed by the scheme's key; members keyed by name as written."""
    indicators: dict[str, IndicatorEntry] | None = None
    """Keyed by a target's indicator as written (after corrections)."""
    targets: tuple[TargetFix, ...] | None = None
    """Corrections; each names a part and exactly one of drop / set / add."""


@dataclass(frozen=True)
class Curation:
    """A parsed and checked curation file; ``source`` names the file in error messages.

    Each section holds its entries in file order (``mentions``: the drops, then the adds).
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
    targets: tuple[TargetFix, ...] = ()


def curation_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a curation file (draft-07), generated from the models.

    Examples
    --------
    >>> schema = curation_json_schema()
    >>> schema["title"], schema["additionalProperties"]
    ('policygraph curation file', False)
    >>> schema["$defs"]["PlatformEntry"]["required"]
    ['id', 'en', 'type']
    """
    return CurationFile.model_json_schema()


def curation_json_schema_text() -> str:
    """Return :func:`curation_json_schema` as the text of ``data/curation.schema.json``."""
    return json.dumps(curation_json_schema(), indent=2, ensure_ascii=False) + "\n"
