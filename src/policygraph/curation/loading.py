r"""Reading a curation file: YAML → :class:`~policygraph.curation.schema.CurationFile` → Curation.

The YAML is composed into nodes (which keep their line), turned into plain Python values
(strings, exact decimals, integers, booleans, None, dicts and tuples) while recording the line
and the YAML type of each value by its location, then validated by the pydantic models. A
pydantic error's ``loc`` is the same location, so every error is reported at the line of the
value (or key) it is about, as one :class:`~policygraph.errors.CurationError`.

What YAML itself must reject is checked while converting: malformed YAML, keys that are not
strings, duplicate keys, and surrogate escapes UTF-8 cannot hold. Ids used twice within one
kind are checked after validation, because the message names both lines.

Examples
--------
>>> parse_curation("parts: {'1': {en: General requirements}}").parts[0].en
'General requirements'
>>> parse_curation("parts:\n  '1': {en: 12}\n", source="c.yaml")
Traceback (most recent call last):
...
policygraph.errors.CurationError: c.yaml:2: parts.1.en: expected a string, got an integer
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, RootModel
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import ErrorDetails
from typing_extensions import is_typeddict

from .._surrogates import first_surrogate
from ..errors import CurationError
from .schema import Curation, CurationFile, Located, MemberEntry, locate

__all__ = ["load_curation", "parse_curation"]

#: a location in the file: keys and 0-based list positions, as in a pydantic error's ``loc``
Loc = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_TAG_NAMES = {
    _STR: "a string",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:map": "a mapping",
    "tag:yaml.org,2002:seq": "a list",
}

#: missing keys that have their own message
_MISSING = {"reason": "a correction needs a reason"}

#: ids that must be unique within their section: section -> kind named in the message
_ID_KINDS = {"departments": "department", "platforms": "platform", "indicators": "indicator"}


class _Unreadable:
    """A scalar no field accepts (a timestamp, ``.inf``, a custom tag): its type is reported."""


def _where(loc: Loc) -> str:
    """``("targets", 0, "add")`` → ``"targets[1].add"``; the root is "curation file"."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "curation file"


class _Document:
    """A composed YAML document as Python values, with the line and type of each value."""

    def __init__(self, source: str, size: int) -> None:
        self.source = source
        self.lines: dict[Loc, int] = {}
        self.key_lines: dict[Loc, int] = {}
        self.kinds: dict[Loc, str] = {}
        self._budget = 4 * size + 1000  # aliases may repeat nodes, but not without bound

    def fail(self, line: int | None, message: str) -> CurationError:
        return CurationError(message, source=self.source, line=line)

    def _string(self, value: str, loc: Loc, line: int) -> str:
        found = first_surrogate(value)
        if found is not None:
            raise self.fail(line, f"{_where(loc)}: holds {found[1]}; write the character itself")
        return value

    def value(self, node: yaml.Node, loc: Loc = (), path: frozenset[int] = frozenset()) -> Any:
        """Convert ``node`` (at ``loc``) to Python values, recording lines and types.

        ``path`` holds the mappings and lists ``node`` is inside: an alias to one of them
        would be a value inside itself.
        """
        line = int(node.start_mark.line) + 1
        self._budget -= 1
        if self._budget < 0 or id(node) in path:
            raise self.fail(line, "malformed YAML: aliases repeat too much")
        self.lines[loc] = line
        self.kinds[loc] = _TAG_NAMES.get(node.tag, node.tag)
        if isinstance(node, yaml.SequenceNode):
            inside = path | {id(node)}
            return tuple(self.value(item, (*loc, i), inside) for i, item in enumerate(node.value))
        if isinstance(node, yaml.MappingNode):
            inside = path | {id(node)}
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key_line = int(key_node.start_mark.line) + 1
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                    kind = _TAG_NAMES.get(key_node.tag, key_node.tag)
                    raise self.fail(
                        key_line, f"{_where(loc)}: keys must be strings, got {kind} (quote it)"
                    )
                key = self._string(str(key_node.value), loc, key_line)
                if key in out:
                    first = self.key_lines[(*loc, key)]
                    raise self.fail(
                        key_line, f"{_where(loc)}: duplicate key {key!r} (first at line {first})"
                    )
                self.key_lines[(*loc, key)] = key_line
                out[key] = self.value(value_node, (*loc, key), inside)
            return out
        return self._scalar(node, loc, line)

    def _scalar(self, node: yaml.Node, loc: Loc, line: int) -> Any:
        text = str(node.value)
        if node.tag == _STR:
            return self._string(text, loc, line)
        if node.tag == "tag:yaml.org,2002:null":
            return None
        if node.tag == "tag:yaml.org,2002:bool":
            return text.lower() in {"true", "yes", "on", "y"}
        try:
            if node.tag == "tag:yaml.org,2002:int":
                return int(text.replace("_", ""))
            if node.tag == "tag:yaml.org,2002:float":
                number = Decimal(text.replace("_", ""))
                return number if number.is_finite() else _Unreadable()
        except (ValueError, InvalidOperation):
            pass
        return _Unreadable()


# --------------------------------------------------------------------------- error messages


def _bare(tp: Any) -> Any:
    """``tp`` without ``Annotated`` and without ``| None``."""
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        elif get_origin(tp) in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        elif isinstance(tp, type) and issubclass(tp, RootModel):
            tp = tp.model_fields["root"].annotation
        else:
            return tp


def _fields(tp: Any) -> dict[str, Any]:
    """The keys a mapping type declares (in order) and their types; empty for others."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return {f.alias or n: f.annotation for n, f in tp.model_fields.items()}
    if is_typeddict(tp):
        return dict(typing.get_type_hints(tp, include_extras=True))
    return {}


def _declared(loc: Loc) -> Any:
    """The type the schema declares at ``loc`` (None if it declares nothing there)."""
    tp: Any = CurationFile
    for part in loc:
        tp = _bare(tp)
        if get_origin(tp) is dict:
            tp = get_args(tp)[1]
        elif get_origin(tp) is tuple:
            tp = get_args(tp)[0]
        else:
            tp = _fields(tp).get(str(part))
    return _bare(tp)


def _expected(tp: Any) -> str:
    if tp is bool:
        return "true or false"
    if tp is int:
        return "an integer"
    if tp is Decimal:
        return "a number"
    if get_origin(tp) is tuple:
        return "a list"
    if tp is str or get_origin(tp) is Literal:
        return "a string"
    return "a mapping"


#: within one line, the order the checks are reported in: unknown keys, missing keys, values
_RANK = {"extra_forbidden": 0, "missing": 1}


def _message(doc: _Document, error: ErrorDetails) -> tuple[int | None, str]:
    """The line and the message of one pydantic error."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = ", ".join(_fields(_declared(loc[:-1])))
        message = f"unknown key {loc[-1]!r} (expected one of: {allowed})"
        return doc.key_lines.get(loc), f"{_where(loc[:-1])}: {message}"
    if kind == "missing":
        message = _MISSING.get(str(loc[-1]), f"missing key {loc[-1]!r}")
        return doc.lines.get(loc[:-1]), f"{_where(loc[:-1])}: {message}"
    if kind == "curation":
        key = ctx.get("key")
        line = doc.lines.get(loc) if key is None else doc.key_lines.get((*loc, key))
        return line, f"{_where(loc)}: {ctx['message']}"
    declared = _declared(loc)
    if kind == "literal_error" and isinstance(error["input"], str):
        choices = ", ".join(get_args(declared))
        return doc.lines.get(loc), f"{_where(loc)}: {error['input']!r} is not one of: {choices}"
    got = doc.kinds.get(loc, "a value")
    return doc.lines.get(loc), f"{_where(loc)}: expected {_expected(declared)}, got {got}"


def _check_ids(file: CurationFile, doc: _Document) -> None:
    """Refuse an id used twice within one kind (two departments with one id)."""
    for section, kind in _ID_KINDS.items():
        seen: dict[str, tuple[str, int]] = {}
        for name, entry in (getattr(file, section) or {}).items():
            if entry.id is None:
                continue
            loc = (section, name, "id")
            if entry.id in seen:
                owner, line = seen[entry.id]
                raise doc.fail(
                    doc.lines[loc],
                    f"{_where(loc)}: duplicate {kind} id {entry.id!r} "
                    f"(already used by {owner} at line {line})",
                )
            seen[entry.id] = (name, doc.lines[loc])


def _place(value: Any, loc: Loc, doc: _Document) -> None:
    """Record on each entry of the validated file its location and line."""
    if isinstance(value, Located):
        # a member is a scalar: its line is its name's, as for a key
        lines = doc.key_lines if isinstance(value, MemberEntry) else doc.lines
        locate(value, loc, lines[loc])
    if isinstance(value, BaseModel) and not isinstance(value, RootModel):
        for name, field in type(value).model_fields.items():
            _place(getattr(value, name), (*loc, field.alias or name), doc)
    elif isinstance(value, dict):
        for key, item in value.items():
            _place(item, (*loc, key), doc)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            _place(item, (*loc, i), doc)


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
        and the line. When the file has several such problems, the first in the file is named.

    Examples
    --------
    >>> parse_curation("parts: {'1': {en: General requirements}}").parts[0].en
    'General requirements'
    >>> parse_curation("parts: {'1': {title: x}}", source="c.yaml")
    Traceback (most recent call last):
    ...
    policygraph.errors.CurationError: c.yaml:1: parts.1: unknown key 'title' (expected one of: en)
    """
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
    doc = _Document(source, len(text))
    data = doc.value(root)
    try:
        file = CurationFile.model_validate(data)
    except PydanticValidationError as exc:
        errors = exc.errors()
        found = [(*_message(doc, e), _RANK.get(e["type"], 2)) for e in errors]
        line, message, _ = min(found, key=lambda f: (f[0] or 0, f[2]))
        raise CurationError(message, source=source, line=line) from exc
    _check_ids(file, doc)
    _place(file, (), doc)
    mentions = file.mentions or None
    return Curation(
        source=source,
        plan=file.plan,
        departments=tuple((file.departments or {}).values()),
        parts=tuple((file.parts or {}).values()),
        platforms=tuple((file.platforms or {}).values()),
        mentions=(*(mentions.drop or ()), *(mentions.add or ())) if mentions else (),
        schemes=tuple((file.schemes or {}).values()),
        indicators=tuple((file.indicators or {}).values()),
        targets=file.targets or (),
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
