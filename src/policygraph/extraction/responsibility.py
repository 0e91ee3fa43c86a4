r"""Responsibility notes: who leads a task and who takes part, in the forms plans write them.

A note is bracketed (full- or half-width, ``（…）`` ``〔…〕`` ``【…】``) anywhere in a line, or
stands at the start of a line or sentence without brackets (``责任单位：A、B。``). Its units are
written with labels (牵头单位：/配合单位：/责任单位：/指导部门：…), with role verbs after each
group (``A、B牵头，C配合``; ``A、B负责``; ``A牵头，B按职责分工负责``), or both.

Roles: the units of a lead label or of 牵头 lead (co-leads keep their written order); a unit
marked ``*`` leads; otherwise the first unit leads. An aside that states the rule
(``列第一位者为牵头单位，下同``, ``排在第一位的部门为牵头部门``, ``第一个逗号前为牵头单位``) is
read and dropped, and a note that names units for every later task (``以下均需X落实，不再列出``)
is kept apart as a *standing* note instead of being copied into each task.

Units are split at 、，,；; outside brackets, so 市委组织部（人才办） and 有关县〔市、区〕政府
stay whole; a list of bare administrative levels (各区、县级市) is one collective unit; a
trailing 等 / 等有关部门, a ``*`` and a scope note ``〈含…，下同〉`` are dropped.

Examples
--------
>>> from policygraph.extraction.responsibility import find_clauses
>>> text = "推进建设。（牵头单位：市科技局；配合单位：市财政局、各区、县（市）政府等）"
>>> [(r.department, r.role, r.rank) for r in find_clauses(text)[0].units]
[('市科技局', 'lead', 1), ('市财政局', 'support', 2), ('各区、县（市）政府', 'support', 3)]
>>> text = "推进建设（省大数据局、省政府办公厅牵头，各有关部门分工负责）。"
>>> [(r.department, r.role) for r in find_clauses(text)[0].units]
[('省大数据局', 'lead'), ('省政府办公厅', 'lead'), ('各有关部门', 'support')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Responsibility, Role, Span
from ._text import CLOSERS, OPENERS, SPACE, find_top, split_top, strip_span

__all__ = ["Clause", "NoteScan", "find_clauses", "find_notes", "parse_units"]

# labels, by the role they give their units; "first": the first unit of the note leads
_LEAD_WORDS = ("牵头", "主责", "主办")
_SUPPORT_WORDS = ("配合", "参与", "参加", "协同", "协办", "协助", "协作")
_FIRST_WORDS = ("责任", "指导", "实施", "承办")
_BODIES = ("单位", "部门", "处室")
# labels, by the role they give their units; "first": the first unit of the note leads
_LABEL_ROLES: dict[str, str] = {
    **{w + b: "lead" for w in _LEAD_WORDS for b in _BODIES},
    **{w + b: "support" for w in _SUPPORT_WORDS for b in _BODIES},
    **{w + b: "first" for w in _FIRST_WORDS for b in _BODIES},
    "责任主体": "first",
    "主要责任单位": "first",
}
_LABELS = "|".join(sorted(_LABEL_ROLES, key=len, reverse=True))
# a label: 责任单位：A、B, or in lenticular brackets, 【责任单位】A、B
_LABEL = re.compile(
    rf"【(?P<bkey>{_LABELS})】[ \t\u3000]*[：:]?|(?P<key>{_LABELS})[ \t\u3000]*[：:]"
)
_BRACKET_LABEL = re.compile(rf"【(?:{_LABELS})】")
# role verbs closing a group of units: （A、B牵头，C配合，D按职责分工负责）; A为牵头单位
_VERB = re.compile(
    r"(?:(?P<lead>(?:分别|共同|联合)?牵头(?:负责|抓总|督导|推进|落实|实施)?"
    r"|为(?:牵头|主责)(?:单位|部门))"
    r"|(?P<support>(?:按职责分工|按照职责分工|按职责|分别|共同|积极)?"
    r"(?:配合|参与|参加|协同|协助|协办|分头落实|负责落实)|为(?:配合|参与|协办)(?:单位|部门))"
    r"|(?P<first>(?:按职责分工|按照职责分工|按职责|分工|分别|共同|各自)?"
    r"(?:负责|指导|落实|实施|承担)|为责任(?:单位|部门)))$"
)
# an aside that states a rule rather than naming a unit
_ASIDE = re.compile(
    r"下同|不再列出|不再重复|不再分工|列第一位|排在第一位|排第一位|第一个逗号前|"
    r"以下均|以下各项"
)
_FIRST_COMMA_LEADS = re.compile(r"第一个逗号前")
# a note that names units for every later task: 以下各项任务均需X落实，不再列出
_STANDING = re.compile(r"以下(?:各项)?(?:任务|工作)?均(?:需|由|要|须)(?P<units>.+?)(?:负责)?落实")
_STAR = "*＊"
# a role written in brackets after a unit: 县人力社保局（牵头）
_ROLE_MARK = re.compile(r"[（(〔](?:(?P<lead>牵头|主责)|配合|参与|协办)[）)〕]$")
_UNIT_SEPS = "、，,；;。\r\n"
_PIECE_STRIP = SPACE + "。；;，,、."

_ADMIN = r"(?:县级市|乡镇|街道|县|区|市|镇|乡)"
_OPEN_COLLECTIVE = re.compile(rf"(?:各有关|各相关|各|有关|相关){_ADMIN}")
_ADMIN_BRACKET = r"(?:（[^）]*）|\([^)]*\)|〔[^〕]*〕)?"
_ADMIN_TAIL = re.compile(
    rf"{_ADMIN}{_ADMIN_BRACKET}(?:(?:人民)?(?:政府|党委|管委会){_ADMIN_BRACKET})?"
)
_COLLECTIVE_OPEN = re.compile(rf"(?:各有关|各相关|各|有关|相关){_ADMIN}(?:、{_ADMIN})+")
# what the name of a body ends with (bureaus, committees, firms, banks, centres...)
_BODY_END = re.compile(r"(?:[局委办部厅院会府室署处队团门司行关心社所校站组班构业位]|[〕）)])$")
# the end of a name on either side of 及 / 和 joining two units
_JOIN_END = re.compile(r"(?:[局委办部厅院府室署处队门司关心]|[〕）)])$")
_JOIN_COLLECTIVE = re.compile(
    r"(?:各|有关|相关|其他)\S{0,10}(?:部门|单位|地区|地方|机构|企业|政府)"
)
# a collective that names no single body: 各地区, 相关部门, 各有关单位
_COLLECTIVE = re.compile(r"(?:各|有关|相关|其他)\S{0,12}$")
# words that start a phrase of prose, never a unit's name
_PROSE_START = re.compile(
    r"(?:对|由|按|在|以|把|为|通过|根据|依据|结合|其中|包括|详见|"
    r"给予|支持|鼓励|推动|加强|完善|建立|实施|开展|符合|不超过)"
)
# a bracket after a unit's name that is a note, not part of the name: （…，下同）〈含…〉
_NOTE = re.compile(r"(?:[（(][^）)]*(?:[，,。；;：:]|下同)[^）)]*[）)]|〈[^〉]*〉)$")
_TRAILING_ETC = re.compile(r"等(?:(?:有关|相关|其他)?(?:部门|单位))?$")
# 等 followed by a collective that the note names as a unit of its own
_ETC_COLLECTIVE = re.compile(r"等[和及]?(?P<rest>(?:各|有关|相关|其他)\S)")
# 等有关部门 followed by a further unit: 等相关部门及各地区
_ETC_THEN = re.compile(r"等(?:有关|相关|其他)?(?:部门|单位)[和及](?=各|有关|相关|其他)")
_MAX_NOTE = 600
_MAX_BARE = 12
_MAX_UNIT = 40


@dataclass
class Clause:
    """A responsibility note: its span, its units in rank order, and what it says of later tasks.

    ``standing`` holds the units a note names for every later task (``以下均需…落实``);
    they are not units of this note's task unless the note lists them too.
    """

    span: Span
    units: list[Responsibility]
    standing: list[Responsibility] = field(default_factory=list)
    standing_span: Span | None = None


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


def _clean_unit(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Trim a unit: blanks, a lead mark (``*``, ``（牵头）``), a scope note, a trailing 等.

    Returns the range and whether the unit was marked as the lead.
    """
    s, e = strip_span(text, start, end, _PIECE_STRIP)
    star = s < e and text[s] in _STAR
    if star:
        s, e = strip_span(text, s + 1, e, _PIECE_STRIP)
    mark = _ROLE_MARK.search(text, s, e)
    if mark is not None and mark.start() > s:
        star = star or mark.group("lead") is not None
        s, e = strip_span(text, s, mark.start(), _PIECE_STRIP)
    note = _NOTE.search(text, s, e)
    if note is not None and note.start() > s:
        s, e = strip_span(text, s, note.start(), _PIECE_STRIP)
    etc = _TRAILING_ETC.search(text, s, e)
    if etc is not None and etc.start() - s >= 2:
        s, e = strip_span(text, s, etc.start(), _PIECE_STRIP)
    return s, e, star


def _unit_like(name: str) -> bool:
    """Tell whether a piece of a note can be a unit's name rather than prose."""
    return (
        1 < len(name) <= _MAX_UNIT
        and not _PROSE_START.match(name)
        and not any(ch in name for ch in "。：:！？")
    )


def _split_joined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``A及B`` / ``A和B`` when both sides name units (市经信局及各区政府)."""
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
            and _joins_bodies(text[start:i], text[i + 1 : end])
        ):
            return [(start, i), *_split_joined(text, i + 1, end)]
    return [(start, end)]


def _names_body(name: str) -> bool:
    return bool(_BODY_END.search(name) or _COLLECTIVE.match(name)) and not _PROSE_START.match(name)


def _joins_bodies(left: str, right: str) -> bool:
    """Tell whether ``left`` 及/和 ``right`` are two units (not 省工业和信息化厅)."""
    return all(
        (_JOIN_END.search(side) or _JOIN_COLLECTIVE.fullmatch(side))
        and not _PROSE_START.match(side)
        for side in (left, right)
    )


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run of units at the separators, merging collective levels (各区、县级市)."""
    merged: list[tuple[int, int]] = []
    for s, e in split_top(text, start, end, _UNIT_SEPS):
        if merged:
            ps, pe = merged[-1]
            label = _LABEL.match(text, ps, pe)
            ps = strip_span(text, label.end(), pe)[0] if label is not None else ps
            etc = _TRAILING_ETC.search(text, s, e)
            if (
                _OPEN_COLLECTIVE.fullmatch(text, ps, pe) or _COLLECTIVE_OPEN.fullmatch(text, ps, pe)
            ) and _ADMIN_TAIL.fullmatch(text, s, etc.start() if etc is not None else e):
                merged[-1] = (merged[-1][0], e)
                continue
        merged.append((s, e))
    return merged


def _split_etc(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``X等有关部门和单位`` / ``X等和各省级人民政府`` into X and the collective after it.

    ``X等相关部门及各地区`` gives X and 各地区: a trailing 等 / 等有关部门 / 等相关部门 after a
    unit is no unit of its own (:func:`_clean_unit` drops it when nothing follows).

    >>> t = "商务部等和各有关省级人民政府"
    >>> [t[s:e] for s, e in _split_etc(t, 0, len(t))]
    ['商务部', '各有关省级人民政府']
    >>> t = "卫生健康委等相关部门及各地区"
    >>> [t[s:e] for s, e in _split_etc(t, 0, len(t))]
    ['卫生健康委', '各地区']
    """
    m = _ETC_COLLECTIVE.search(text, start, end)
    if m is None or m.start() - start < 2 or _TRAILING_ETC.fullmatch(text, m.start(), end):
        return [(start, end)]
    rest = m.start("rest")
    then = _ETC_THEN.match(text, m.start(), end)
    if then is not None:
        rest = then.end()
    return [(start, m.start()), (rest, end)]


@dataclass
class _Group:
    role: str | None  # "lead", "support", "first" or None (not yet known)
    units: list[tuple[int, int, bool]] = field(default_factory=list)  # start, end, marked lead


def parse_units(
    text: str, start: int, end: int, *, role: str | None = None, strict: bool = False
) -> list[Responsibility] | None:
    """Read the units of a note's body ``text[start:end]`` (brackets excluded).

    Parameters
    ----------
    text : str
        The plan text.
    start, end : int
        The body of the note: labels, units, role verbs and asides.
    role : {"lead", "support", "first"}, optional
        The role of units before any label or verb (a table column's header gives it).
    strict : bool, optional
        Require every unit to look like a name (no prose) and the note to name its roles
        with labels, verbs or a role given; used for bracketed notes found by their verbs.

    Returns
    -------
    list of Responsibility or None
        The units in rank order (leads first, written order kept), or None when the text
        is not a responsibility note.

    Examples
    --------
    >>> t = "税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同"
    >>> [(r.department, r.role) for r in parse_units(t, 0, len(t))]
    [('税务总局', 'lead'), ('财政部', 'support'), ('海关总署', 'support')]
    >>> t = "*县人力社保局、县科技局"
    >>> [(r.department, r.role) for r in parse_units(t, 0, len(t))]
    [('县人力社保局', 'lead'), ('县科技局', 'support')]
    >>> parse_units("由企业自主负责", 0, 7, strict=True) is None
    True
    """
    body_end = _body_end(text, start, end)
    # later sentences are asides (列第一位者为牵头单位，下同); they do not name this task's units
    first_comma_leads = _FIRST_COMMA_LEADS.search(text, body_end, end) is not None
    groups: list[_Group] = [_Group(role)]
    named_role = role is not None
    comma_seen = -1
    for s, e in _pieces(text, start, body_end):
        note = _NOTE.search(text, s, e)  # a scope note may say 下同 of the unit before it
        piece = text[s : note.start() if note is not None and note.start() > s else e]
        if _ASIDE.search(piece):
            if _FIRST_COMMA_LEADS.search(piece):
                first_comma_leads = True
            continue
        label = _LABEL.match(text, s, e)
        if label is not None:
            key_role = _LABEL_ROLES[label.group("key") or label.group("bkey")]
            if groups[-1].units:
                groups.append(_Group(key_role))
            else:
                groups[-1].role = key_role
            named_role = True
            s, e = strip_span(text, label.end(), e, _PIECE_STRIP)
            if s >= e:
                continue
        verb = _VERB.search(text, s, e)
        unit_end = verb.start() if verb is not None else e
        found = False
        for xs, xe in _split_etc(text, s, unit_end):
            us, ue, star = _clean_unit(text, xs, xe)
            for js, je in _split_joined(text, us, ue) if us < ue else []:
                js, je, _ = _clean_unit(text, js, je)
                if js < je:
                    groups[-1].units.append((js, je, star))
                    found = True
        if not found and verb is None:
            continue
        if comma_seen < 0 and e < body_end and text[e] in "，,":
            comma_seen = e
        if verb is not None:
            groups[-1].role = (
                "lead"
                if verb.group("lead")
                else "support"
                if verb.group("support")
                else groups[-1].role or "first"
            )
            named_role = True
            groups.append(_Group(None))
    units = [(g, u) for g in groups for u in g.units]
    if not units:
        return None
    if not all(_unit_like(text[s:e]) for _, (s, e, _) in units):
        return None
    if strict and not (named_role and any(_names_body(text[s:e]) for _, (s, e, _) in units)):
        return None
    return _ranked(text, units, comma_seen if first_comma_leads else -1)


def _body_end(text: str, start: int, end: int) -> int:
    """Where a note's units end: the first 。 that no further label follows (its asides after).

    >>> t = "责任单位：市科技局。配合单位：市财政局。列第一位者为牵头单位"
    >>> t[:_body_end(t, 0, len(t))]
    '责任单位：市科技局。配合单位：市财政局'
    """
    pos = start
    while True:
        stop = find_top(text, pos, end, "。")
        if stop >= end:
            return end
        after = strip_span(text, stop + 1, end)[0]
        if _LABEL.match(text, after, end) is None:
            return stop
        pos = stop + 1


def _ranked(
    text: str, units: list[tuple[_Group, tuple[int, int, bool]]], lead_before: int
) -> list[Responsibility]:
    """Give each unit its role and rank: leads first, in written order."""
    roles: list[Role]
    if any(star for _, (_, _, star) in units):
        roles = ["lead" if star else "support" for _, (_, _, star) in units]
    elif lead_before >= 0:
        roles = ["lead" if e <= lead_before else "support" for _, (_, e, _) in units]
    elif any(g.role == "lead" for g, _ in units):
        roles = ["lead" if g.role == "lead" else "support" for g, _ in units]
    else:
        roles = ["lead" if n == 0 else "support" for n in range(len(units))]
    if "lead" not in roles:
        roles[0] = "lead"
    order = sorted(range(len(units)), key=lambda n: roles[n] != "lead")
    out: list[Responsibility] = []
    seen: set[str] = set()
    for n in order:
        s, e, _ = units[n][1]
        name = text[s:e]
        if name in seen:
            continue
        seen.add(name)
        out.append(Responsibility(name, len(out) + 1, roles[n], Span(s, e)))
    return out


def _standing(text: str, start: int, end: int) -> tuple[list[Responsibility], Span | None]:
    """Read a standing note (以下均需X落实，不再列出) in ``text[start:end]``."""
    m = _STANDING.search(text, start, end)
    if m is None:
        return [], None
    s, e = m.span("units")
    units = parse_units(text, s, e) or []
    for r in units:
        r.role = "support"
    stop = find_top(text, m.end(), end, "。")
    return units, Span(m.start(), stop)


# a bracketed note names a role somewhere: a label, a role verb or a lead mark
_NOTE_HINT = re.compile(rf"{_LABELS}|牵头|负责|配合|参与|参加|协同|协助|指导|落实|[*＊]")
_BRACKET_OPENERS = "（(〔【［["
_LEAD_WORD = re.compile(r"牵头")
_LINE_START = re.compile(r"[ \t\u3000\u00a0\ufeff]*")


@dataclass
class NoteScan:
    """The responsibility notes of a text, and the note-like text that could not be read.

    ``unread`` holds the spans of brackets or lines that name a label (责任单位：) or 牵头 but
    do not parse as a list of units: text a reader should check, reported as warnings.
    """

    clauses: list[Clause]
    unread: list[Span]


def find_notes(text: str, start: int = 0, end: int | None = None) -> NoteScan:
    r"""Find every responsibility note in ``text[start:end]`` in document order.

    Parameters
    ----------
    text : str
        The plan text.
    start, end : int, optional
        The range to search.

    Returns
    -------
    NoteScan
        Each note's span (brackets included) and its units in rank order, and the spans
        of note-like text that was not read.

    Examples
    --------
    >>> text = "扩大出口。（省商务厅牵头，合肥海关配合）巩固优势。（牵头单位：详见附件。）"
    >>> notes = find_notes(text)
    >>> [[r.department for r in c.units] for c in notes.clauses]
    [['省商务厅', '合肥海关']]
    >>> [s.text(text) for s in notes.unread]
    ['（牵头单位：详见附件。）']
    """
    end = len(text) if end is None else end
    clauses: list[Clause] = []
    unread: list[Span] = []
    pos = start
    while pos < end:
        i = _next_candidate(text, pos, end)
        if i < 0:
            break
        label_line = text[i] not in _BRACKET_OPENERS or _BRACKET_LABEL.match(text, i, end)
        found = _unbracketed(text, start, i, end) if label_line else _bracketed(text, i, end)
        if found is None:
            pos = i + 1
            continue
        if isinstance(found, Span):
            unread.append(found)
        else:
            clauses.append(found)
        pos = found.end if isinstance(found, Span) else found.span.end
    return NoteScan(clauses, unread)


def find_clauses(text: str, start: int = 0, end: int | None = None) -> list[Clause]:
    r"""Return the responsibility notes of ``text[start:end]`` (:func:`find_notes`).

    Examples
    --------
    >>> text = "新格局。\n责任单位：市科技局、市委组织部（市委人才办）、有关县〔市、区〕政府。"
    >>> [r.department for r in find_clauses(text)[0].units]
    ['市科技局', '市委组织部（市委人才办）', '有关县〔市、区〕政府']
    >>> text = "扩大出口。（省商务厅牵头，合肥海关配合）巩固优势。（省商务厅负责）"
    >>> [[r.department for r in c.units] for c in find_clauses(text)]
    [['省商务厅', '合肥海关'], ['省商务厅']]
    """
    return find_notes(text, start, end).clauses


_CANDIDATE = re.compile(rf"[{re.escape(_BRACKET_OPENERS)}]|(?:{_LABELS})[ \t\u3000]*[：:]")


def _next_candidate(text: str, pos: int, end: int) -> int:
    m = _CANDIDATE.search(text, pos, end)
    return -1 if m is None else m.start()


def _bracketed(text: str, open_at: int, end: int) -> Clause | Span | None:
    close = _close(text, open_at, min(end, open_at + _MAX_NOTE))
    if close < 0:
        return None
    inner_start, inner_end = strip_span(text, open_at + 1, close - 1)
    if inner_start >= inner_end:
        return None
    if not _NOTE_HINT.search(text, inner_start, inner_end):
        return _bare_list(text, open_at, close, inner_start, inner_end)
    labelled = _LABEL.match(text, inner_start, inner_end) is not None
    units = parse_units(text, inner_start, inner_end, strict=not labelled)
    if not units:
        if labelled or _LEAD_WORD.search(text, inner_start, inner_end):
            return Span(open_at, close)
        return None
    standing, standing_span = _standing(text, inner_start, inner_end)
    return Clause(Span(open_at, close), units, standing, standing_span)


def _bare_list(text: str, open_at: int, close: int, start: int, end: int) -> Clause | None:
    """Read a bracket that lists bodies alone after a sentence: ……。（市科技局、市财政局）.

    Only a bracket right after a full stop whose every piece is the name of a body (…局,
    …委, …厅, …政府) is a note; the first unit leads.
    """
    before = open_at
    while before > 0 and text[before - 1] in " \t\u3000":
        before -= 1
    if before == 0 or text[before - 1] not in "。；;！":
        return None
    pieces = _pieces(text, start, end)
    if not 0 < len(pieces) <= _MAX_BARE or not all(
        e - s <= 25 and _unit_like(text[s:e]) and _JOIN_END.search(text, s, e) for s, e in pieces
    ):
        return None
    units = parse_units(text, start, end, role="first")
    return Clause(Span(open_at, close), units) if units else None


def _unbracketed(text: str, floor: int, key_start: int, end: int) -> Clause | Span | None:
    """Read a label that opens its line or sentence: ``责任单位：A、B。``."""
    line_start = text.rfind("\n", floor, key_start) + 1
    lead = _LINE_START.match(text, line_start, key_start)
    at_line_start = lead is not None and lead.end() == key_start
    after_sentence = key_start > floor and text[key_start - 1] in "。；;"
    if not (at_line_start or after_sentence):
        return None
    line_end = text.find("\n", key_start, end)
    line_end = end if line_end < 0 else line_end
    # the next lines may go on with further labels: 牵头单位：A\n配合单位：B
    while line_end < end:
        nxt = strip_span(text, line_end, end)[0]
        if _LABEL.match(text, nxt, end) is None:
            break
        line_end = text.find("\n", nxt, end)
        line_end = end if line_end < 0 else line_end
    s, e = strip_span(text, key_start, line_end, _PIECE_STRIP)
    units = parse_units(text, s, e)
    if not units:
        return Span(s, e)
    standing, standing_span = _standing(text, s, e)
    return Clause(Span(s, e), units, standing, standing_span)
