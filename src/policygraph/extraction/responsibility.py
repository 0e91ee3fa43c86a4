"""Responsibility clauses: （责任单位：A、B） and （牵头单位：A；配合单位：B、C）.

A clause is bracketed (full- or half-width) or stands at the start of its own line without
brackets (``责任单位：A、B。``). Units are split at 、，,；; outside brackets, so
市委组织部〔市委人才办〕 and 有关县〔市、区〕政府 stay whole; a list of bare administrative
levels (各区、县级市; 各区、县（市）政府) is one collective unit; a trailing 等 is dropped.
Clauses written with verbs, （市科技局牵头，市财政局、市教育局配合）, are read too when every
unit ends like a government body's name (…局, …委, …办, …政府).

Examples
--------
>>> from policygraph.extraction.responsibility import find_clauses
>>> text = "推进建设。（牵头单位：市科技局；配合单位：市财政局、各区、县（市）政府等）"
>>> [(r.department, r.role, r.rank) for r in find_clauses(text)[0].units]
[('市科技局', 'lead', 1), ('市财政局', 'support', 2), ('各区、县（市）政府', 'support', 3)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Responsibility, Role, Span
from ._text import CLOSERS, OPENERS, SPACE, find_top, split_top, strip_span

__all__ = ["Clause", "find_clauses"]

_LEAD_KEYS = (
    "牵头单位",
    "牵头部门",
    "主责单位",
    "主责部门",
    "责任单位",
    "责任部门",
    "责任主体",
    "主办单位",
)
# keys naming the lead alone; beside them a 责任单位 group supports
_HEAD_KEYS = ("牵头单位", "牵头部门", "主责单位", "主责部门", "主办单位")
_SUPPORT_KEYS = ("配合单位", "配合部门", "参与单位", "协同单位", "协办单位", "协助单位")
_KEY = "|".join(_LEAD_KEYS + _SUPPORT_KEYS)
_KEYWORD = re.compile(rf"(?P<key>{_KEY})[ \t\u3000]*[：:]")
_CLAUSE_OPEN = re.compile(rf"[（(〔【［\[][ \t\u3000]*(?={_KEY})")
_CLAUSE_OPENERS = "（(〔【［["
_LINE_START = re.compile(r"[ \t\u3000\u00a0\ufeff]*")

_ADMIN = r"(?:县级市|乡镇|街道|县|区|市|镇|乡)"
_OPEN_COLLECTIVE = re.compile(rf"(?:各|有关|相关){_ADMIN}")
_ADMIN_BRACKET = r"(?:（[^）]*）|\([^)]*\)|〔[^〕]*〕)?"
_ADMIN_TAIL = re.compile(
    rf"{_ADMIN}{_ADMIN_BRACKET}(?:(?:人民)?(?:政府|党委|管委会){_ADMIN_BRACKET})?"
)
_UNIT_SEPS = "、，,；;"
# the verb form: （A牵头，B、C配合）; a unit then ends like a government body's name
_LEAD_VERB = re.compile(r"牵头")
# a role verb ends a group of units: （A、B牵头，C配合，D按职责分工负责）
_ROLE_VERB = re.compile(
    r"(?P<lead>(?:分别|共同)?牵头(?:负责|抓总|督导|推进|落实)?)"
    r"|(?P<support>(?:按职责分工|按职责|分别|共同)?"
    r"(?:配合|参与|协同|协助|共同推进|负责落实|落实|负责))"
    r"(?=[，,；;。]|$)"
)
# the same words after the units of a keyword clause (责任单位：A、B分别牵头)
_TRAILING_ROLE = re.compile(
    r"(?:(?P<lead>(?:分别|共同)?牵头(?:负责|抓总)?)"
    r"|(?:按职责分工|按职责|分别|共同)?(?:负责落实|落实|负责|配合))$"
)
_UNIT_END = re.compile(r"(?:[局委办部厅院会府室协联行署处队团门]|[〕）)])$")
# what a unit's name ends with when a list joins units with 及 or 和
_BODY_END = re.compile(r"(?:[局委办部厅院会府室协联行署处队团门位构司]|[〕）)])$")
# a bracket after a unit's name that is a note, not part of the name: （…，下同）
_NOTE = re.compile(r"[（(][^）)]*(?:[，,。；;：:]|下同)[^）)]*[）)]$")
_TRAILING = SPACE + "。；;，,、."


@dataclass
class Clause:
    """A responsibility clause: its whole span and its units in order."""

    span: Span
    units: list[Responsibility]


def _close(text: str, open_at: int, limit: int) -> int:
    """Return the offset just past the bracket closing the one at ``open_at``, or -1."""
    depth = 0
    for i in range(open_at, limit):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch in "\r\n":
            return -1
    return -1


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for s, e in split_top(text, start, end, _UNIT_SEPS):
        note = _NOTE.search(text, s, e)
        if note is not None and note.start() > s:
            s, e = strip_span(text, s, note.start())
        pieces.extend(_split_joined(text, s, e))
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        if merged:
            ps, pe = merged[-1]
            if (
                _OPEN_COLLECTIVE.fullmatch(text, ps, pe) or _collective_open(text, ps, pe)
            ) and _ADMIN_TAIL.fullmatch(text, s, e):
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    return merged


def _split_joined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``A及B`` / ``A和B`` when both sides end like a body's name (市经信局及各区政府)."""
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and ch in "及和"
            and i - start >= 2
            and end - i > 2
            and _BODY_END.search(text, start, i)
            and _BODY_END.search(text, i + 1, end)
        ):
            return [(start, i), *_split_joined(text, i + 1, end)]
    return [(start, end)]


def _collective_open(text: str, start: int, end: int) -> bool:
    """Tell whether a merged collective unit still waits for more levels (各区、县)."""
    piece = text[start:end]
    return bool(re.fullmatch(rf"(?:各|有关|相关){_ADMIN}(?:、{_ADMIN})+", piece))


def _group_body(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Trim a group's units: trailing 等 and role words (分别牵头, 按职责分工负责).

    Returns the range and whether the trailing words make the group lead.
    """
    s, e = strip_span(text, start, end, _TRAILING)
    lead = False
    for _ in range(2):
        if e - s > 1 and text[e - 1] == "等":
            s, e = strip_span(text, s, e - 1, _TRAILING)
        role = _TRAILING_ROLE.search(text, s, e)
        if role is not None and role.start() - s >= 2:
            lead = lead or role.group("lead") is not None
            s, e = strip_span(text, s, role.start(), _TRAILING)
    return s, e, lead


def _parse(text: str, inner_start: int, inner_end: int) -> list[Responsibility]:
    keys: list[tuple[str, int, int]] = []
    depth = 0
    i = inner_start
    while i < inner_end:
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _KEYWORD.match(text, i, inner_end)
            if m is not None:
                keys.append((m.group("key"), m.start(), m.end()))
                i = m.end()
                continue
        i += 1
    groups: list[tuple[str, list[tuple[int, int]], bool]] = []
    for n, (key, _, body_start) in enumerate(keys):
        body_end = keys[n + 1][1] if n + 1 < len(keys) else inner_end
        s, e, lead = _group_body(text, body_start, body_end)
        groups.append((key, _units(text, s, e), lead))
    has_support = any(key in _SUPPORT_KEYS for key, _, _ in groups)
    has_head = any(key in _HEAD_KEYS for key, _, _ in groups)
    out: list[Responsibility] = []
    for key, units, lead in groups:
        for s, e in units:
            role: Role
            if lead:
                role = "lead"
            elif has_support:
                role = "support" if key in _SUPPORT_KEYS else "lead"
            elif has_head:
                role = "lead" if key in _HEAD_KEYS else "support"
            else:
                role = "lead" if not out else "support"
            out.append(Responsibility(text[s:e], len(out) + 1, role, Span(s, e)))
    return out


def find_clauses(text: str, start: int = 0, end: int | None = None) -> list[Clause]:
    r"""Find every responsibility clause in ``text[start:end]`` in document order.

    Parameters
    ----------
    text : str
        The plan text.
    start, end : int, optional
        The range to search.

    Returns
    -------
    list of Clause
        Each clause's span (brackets included) and its units; the first unit, or every
        unit of a 牵头单位 group when the clause names 配合单位, leads.

    Examples
    --------
    >>> text = "新格局。\n责任单位：市科技局、市委组织部（市委人才办）、有关县〔市、区〕政府。"
    >>> [r.department for r in find_clauses(text)[0].units]
    ['市科技局', '市委组织部（市委人才办）', '有关县〔市、区〕政府']
    """
    end = len(text) if end is None else end
    out: list[Clause] = []
    pos = start
    while pos < end:
        m = _KEYWORD.search(text, pos, end)
        if m is None:
            break
        key_start = m.start()
        open_m = None
        back = key_start
        while back > start and text[back - 1] in " \t\u3000":
            back -= 1
        if back > start and text[back - 1] in _CLAUSE_OPENERS:
            open_m = _CLAUSE_OPEN.match(text, back - 1, end)
        if open_m is not None:
            close = _close(text, open_m.start(), end)
            if close < 0:
                pos = m.end()
                continue
            # a note may follow the units: 〔责任单位：A、B。具体任务不再分工。〕
            units = _parse(text, open_m.end(), find_top(text, open_m.end(), close - 1, "。"))
            clause_span = Span(open_m.start(), close)
        else:
            line_start = text.rfind("\n", start, key_start) + 1
            lead = _LINE_START.match(text, line_start, key_start)
            at_line_start = lead is not None and lead.end() == key_start
            after_sentence = key_start > start and text[key_start - 1] in "。；;"
            if not (at_line_start or after_sentence):
                pos = m.end()
                continue
            line_end = text.find("\n", key_start, end)
            line_end = end if line_end < 0 else line_end
            s, e = strip_span(text, key_start, line_end, _TRAILING)
            units = _parse(text, s, e)
            clause_span = Span(s, e)
        if units:
            out.append(Clause(clause_span, units))
        pos = clause_span.end
    return _merge(out, _verb_clauses(text, start, end))


def _merge(keyed: list[Clause], verbal: list[Clause]) -> list[Clause]:
    """Add the verb-form clauses that do not overlap a keyword clause, in document order."""
    for clause in verbal:
        if not any(
            c.span.start < clause.span.end and clause.span.start < c.span.end for c in keyed
        ):
            keyed.append(clause)
    return sorted(keyed, key=lambda c: c.span.start)


def _looks_like_units(text: str, pieces: list[tuple[int, int]]) -> bool:
    return bool(pieces) and all(
        e - s <= 25 and _UNIT_END.search(text, s, e) is not None for s, e in pieces
    )


def _verb_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Find bracketed clauses written with verbs: （市科技局牵头，市财政局、市教育局配合）.

    Each group of units ends with its role verb (牵头 leads; 配合, 参与, 负责落实,
    按职责分工负责... support); at least one group leads, and a note after the first
    sentence (〔A牵头，B参与。以下各项不再列出。〕) is left out.
    """
    out: list[Clause] = []
    seen: set[int] = set()
    for m in _LEAD_VERB.finditer(text, start, end):
        open_at = _enclosing_open(text, m.start(), start)
        if open_at is None or open_at in seen:
            continue
        seen.add(open_at)
        close = _close(text, open_at, end)
        if close < 0 or close <= m.end():
            continue
        inner_start = open_at + 1
        inner_end = find_top(text, inner_start, close - 1, "。")
        groups: list[tuple[Role, list[tuple[int, int]]]] = []
        pos = inner_start
        for verb in _ROLE_VERB.finditer(text, inner_start, inner_end):
            s, e = strip_span(text, pos, verb.start(), _TRAILING)
            if e - s > 1 and text[e - 1] == "等":
                s, e = strip_span(text, s, e - 1, _TRAILING)
            pieces = _units(text, s, e)
            if not _looks_like_units(text, pieces):
                groups = []
                break
            groups.append(("lead" if verb.group("lead") else "support", pieces))
            pos = verb.end()
        residue = strip_span(text, pos, inner_end, _TRAILING)
        if not groups or residue[0] < residue[1] or all(r != "lead" for r, _ in groups):
            continue
        units: list[Responsibility] = []
        for role, pieces in groups:
            for s, e in pieces:
                units.append(Responsibility(text[s:e], len(units) + 1, role, Span(s, e)))
        out.append(Clause(Span(open_at, close), units))
    return out


def _enclosing_open(text: str, pos: int, floor: int) -> int | None:
    """Return the offset of the bracket that encloses ``pos`` on its line, or None."""
    depth = 0
    i = pos
    while i > floor:
        ch = text[i - 1]
        if ch in "\r\n":
            return None
        if ch in CLOSERS:
            depth += 1
        elif ch in OPENERS:
            if depth == 0:
                return i - 1 if ch in _CLAUSE_OPENERS else None
            depth -= 1
        i -= 1
    return None
