r"""Headings and parts: the outline of a plan (一、 / （一） / 1． / （1） / 第一章 / 第一条).

A heading is a marker at the start of a line (after optional blanks) followed by a title. The
depth of a marker style is not fixed: the first style met is level 1, a style not yet open
nests one level deeper, and a style already open closes everything below it. So 一、 → （一） →
1． and 一、 → 1． both nest as they are written.

Kinds follow the genre: a top-level 保障措施 heading is a ``section`` whose items are
``safeguard``; a 发展目标 heading is a ``goal`` (one child goal per paragraph when its body has
several); headings titled …行动, or the groups of numbered tasks under 重点任务, are ``action``;
numbered items under an action or a 重点任务 section are ``task``; the rest are ``section``.

Examples
--------
>>> from policygraph.extraction.structure import parse_outline
>>> text = (
...     "一、重点任务\n（一）实施人才行动。\n1．引进人才。内容。\n2．培养人才。\n"
...     "二、保障措施\n（一）加强领导。"
... )
>>> outline = parse_outline(text)
>>> [(s.path, s.kind, s.number, s.title) for top in outline for s in top.walk()]
... # doctest: +NORMALIZE_WHITESPACE
[('1', 'section', '一、', '重点任务'), ('1-1', 'action', '（一）', '实施人才行动'),
 ('1-1-1', 'task', '1．', '引进人才'), ('1-1-2', 'task', '2．', '培养人才'),
 ('2', 'section', '二、', '保障措施'), ('2-1', 'safeguard', '（一）', '加强领导')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import Section, SectionKind, Span
from ._text import SPACE, LineMap, strip_span

__all__ = [
    "Heading",
    "assign_paths",
    "find_headings",
    "is_item",
    "own_ranges",
    "parse_outline",
    "section_at",
]

_CN_DIGITS = "零〇一二三四五六七八九十百两"
_CN_NUM = f"[{_CN_DIGITS}]+"

# (style, pattern); the pattern matches the marker only, at the start of a stripped line
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"第{_CN_NUM}章\s*")),
    ("section-zh", re.compile(rf"第{_CN_NUM}节\s*")),
    ("article", re.compile(rf"第{_CN_NUM}条\s*")),
    ("cn-comma", re.compile(rf"{_CN_NUM}[、，]")),
    ("cn-paren", re.compile(rf"[（(]{_CN_NUM}[）)]")),
    # 1． 1. 1、 — not a decimal (1.5) and not a date or quantity
    ("digit-dot", re.compile(r"[0-9０-９]{1,2}(?:[．.﹒](?![0-9０-９])|、)")),
    ("digit-paren", re.compile(r"[（(][0-9０-９]{1,2}[）)]")),
    ("circled", re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]")),
)
#: marker styles that number items (1． 1. （1） ①) rather than sections
ITEM_STYLES = frozenset({"digit-dot", "digit-paren", "circled", "article"})

_SAFEGUARD = re.compile(r"保障|组织实施|实施保障")
_GOAL = re.compile(r"(发展|总体|主要|工作|建设|具体|预期|行动|总)目标$")
_TASKS = re.compile(r"(重点|主要|工作|具体)(任务|举措|工作|措施)|任务(举措|分工)|(实施|工作)重点$")
_ACTION = re.compile(r"行动$")
_TITLE_END = "。"
_TITLE_STRIP = SPACE + "：:；;，,"


@dataclass(frozen=True)
class Heading:
    """A heading line: marker style, marker as written, title and where they are."""

    style: str
    number: str
    marker_start: int
    title_start: int
    title_end: int
    line_end: int


def find_headings(text: str, lines: LineMap | None = None) -> list[Heading]:
    r"""Return every heading of ``text`` in order.

    Examples
    --------
    >>> [(h.style, h.number) for h in find_headings("一、总体要求\n  （1）细则。\n1.5万家")]
    [('cn-comma', '一、'), ('digit-paren', '（1）')]
    """
    lines = lines or LineMap(text)
    out: list[Heading] = []
    for start, end in lines.lines():
        s, e = strip_span(text, start, end)
        if s >= e:
            continue
        for style, pattern in _MARKERS:
            m = pattern.match(text, s, e)
            if m is None:
                continue
            t_start, t_end = strip_span(text, m.end(), e)
            if t_start >= t_end:
                break  # a bare marker is not a heading
            stop = text.find(_TITLE_END, t_start, t_end)
            if stop >= 0:
                t_end = stop
            t_start, t_end = strip_span(text, t_start, t_end, _TITLE_STRIP)
            if t_start >= t_end:
                break
            number = text[s : m.end()].rstrip(SPACE)
            out.append(Heading(style, number, s, t_start, t_end, e))
            break
    return out


_CONTENTS = re.compile(r"^[ \t\u3000]*目[ \t\u3000]*录[ \t\u3000]*$", re.MULTILINE)


def _skip_contents(text: str, headings: list[Heading]) -> list[Heading]:
    r"""Drop the headings of a table of contents (目录) that the body repeats.

    The contents run from the 目录 line to the place where the first heading's line comes
    again; when it never comes again, the headings are all kept.

    >>> text = "目录\n一、总则\n二、任务\n一、总则\n内容。\n二、任务\n内容。"
    >>> [h.marker_start for h in _skip_contents(text, find_headings(text))]
    [13, 22]
    """
    contents = _CONTENTS.search(text)
    if contents is None:
        return headings
    first = next((i for i, h in enumerate(headings) if h.marker_start > contents.end()), None)
    if first is None:
        return headings
    h0 = headings[first]
    line = text[h0.marker_start : h0.line_end]
    for j in range(first + 1, len(headings)):
        h = headings[j]
        if text[h.marker_start : h.line_end] == line:
            return headings[:first] + headings[j:]
    return headings


def _span_end(text: str, start: int, end: int) -> int:
    return strip_span(text, start, end)[1]


def parse_outline(text: str, lines: LineMap | None = None) -> list[Section]:
    """Build the tree of parts from the headings, with kinds, positions and paths.

    Parameters
    ----------
    text : str
        The plan text.
    lines : LineMap, optional
        A line map of ``text`` (built when not given).

    Returns
    -------
    list of Section
        The top-level parts; an empty list when the text has no heading.
    """
    lines = lines or LineMap(text)
    headings = _skip_contents(text, find_headings(text, lines))
    top: list[Section] = []
    # open headings: (style, section, heading)
    stack: list[tuple[str, Section, Heading]] = []
    styles: list[str] = []
    for h in headings:
        if h.style in styles:
            depth = styles.index(h.style)
            del styles[depth + 1 :]
            del stack[depth:]
        else:
            styles.append(h.style)
        level = len(stack) + 1
        siblings = stack[-1][1].children if stack else top
        sec = Section(
            kind="section",
            number=h.number,
            position=len(siblings) + 1,
            level=level,
            title=text[h.title_start : h.title_end],
            title_span=Span(h.title_start, h.title_end),
            span=Span(h.marker_start, h.line_end),
        )
        siblings.append(sec)
        stack.append((h.style, sec, h))
    _set_spans(text, top, len(text))
    for n, sec in enumerate(top, start=1):
        assign_paths(sec, str(n))
    for sec in top:
        _classify(sec, parent=None)
        _split_goals(text, lines, sec)
    return top


def _set_spans(text: str, siblings: list[Section], limit: int) -> None:
    """Extend each part to the start of its next sibling (or ``limit``), blanks trimmed."""
    for i, sec in enumerate(siblings):
        end = siblings[i + 1].span.start if i + 1 < len(siblings) else limit
        sec.span = Span(sec.span.start, _span_end(text, sec.span.start, end))
        _set_spans(text, sec.children, sec.span.end)


def assign_paths(sec: Section, path: str) -> None:
    """Set the path of a part and the positions and paths of all its descendants.

    >>> from policygraph.model import Section, Span
    >>> child = Section("task", "", 9, 2, "b", Span(5, 6), Span(5, 9))
    >>> parent = Section("section", "一、", 1, 1, "a", Span(2, 3), Span(0, 9), children=[child])
    >>> assign_paths(parent, "3")
    >>> child.position, child.path
    (1, '3-1')
    """
    sec.path = path
    for n, child in enumerate(sec.children, start=1):
        child.position = n
        assign_paths(child, f"{path}-{n}")


def is_item(sec: Section) -> bool:
    """Tell whether a part is a numbered item (1． 1. （1） ① 第一条), not a section heading.

    >>> from policygraph.model import Section, Span
    >>> [is_item(Section("section", n, 1, 1, "t", Span(0, 1), Span(0, 1))) for n in ("1．", "一、")]
    [True, False]
    """
    return bool(re.match(r"[（(]?[0-9０-９①-⑳]|第.+条", sec.number))


def _classify(sec: Section, parent: Section | None) -> None:
    title = sec.title
    kind: SectionKind = "section"
    parent_kind = parent.kind if parent else None
    parent_is_tasks = parent is not None and bool(_TASKS.search(parent.title))
    if parent_kind == "safeguard" or (
        parent is not None and parent.level == 1 and _SAFEGUARD.search(parent.title)
    ):
        kind = "safeguard"
    elif parent_kind == "goal" or _GOAL.search(title):
        kind = "goal"
    elif parent_kind in ("action", "task"):
        kind = "task"
    elif parent_is_tasks:
        if sec.children and (_ACTION.search(title) or any(is_item(c) for c in sec.children)):
            kind = "action"
        elif not sec.children:
            kind = "task"
    elif _ACTION.search(title):
        kind = "action"
    sec.kind = kind
    for child in sec.children:
        _classify(child, sec)


def _split_goals(text: str, lines: LineMap, sec: Section) -> None:
    """Give a goal heading whose body has several paragraphs one child goal per paragraph."""
    for child in sec.children:
        _split_goals(text, lines, child)
    if sec.kind != "goal" or sec.children:
        return
    paragraphs: list[tuple[int, int]] = []
    first_line_end = lines.line_of(sec.title_span.start)[1]
    after_title = sec.title_span.end
    if after_title < first_line_end and text[after_title] in "。：:":
        after_title += 1
    s, e = strip_span(text, after_title, first_line_end)
    if s < e:
        paragraphs.append((s, e))
    first = bisect_right(lines.starts, first_line_end)
    last = bisect_left(lines.starts, sec.span.end)
    for start, end in zip(lines.starts[first:last], lines.ends[first:last], strict=True):
        s, e = strip_span(text, start, min(end, sec.span.end))
        if s < e:
            paragraphs.append((s, e))
    if len(paragraphs) < 2:
        return
    for n, (s, e) in enumerate(paragraphs, start=1):
        stop = text.find("。", s, e)
        t_end = stop if stop >= 0 else e
        t_start, t_end = strip_span(text, s, t_end)
        sec.children.append(
            Section(
                kind="goal",
                number="",
                position=n,
                level=sec.level + 1,
                title=text[t_start:t_end],
                title_span=Span(t_start, t_end),
                span=Span(s, e),
                path=f"{sec.path}-{n}",
            )
        )


def own_ranges(sec: Section) -> list[tuple[int, int]]:
    """Return the ranges of a part's span not covered by its children, in order.

    Examples
    --------
    >>> from policygraph.model import Section, Span
    >>> child = Section("task", "1．", 1, 2, "b", Span(5, 6), Span(5, 9))
    >>> parent = Section("action", "（一）", 1, 1, "a", Span(3, 4), Span(0, 12), children=[child])
    >>> own_ranges(parent)
    [(0, 5), (9, 12)]
    """
    out: list[tuple[int, int]] = []
    pos = sec.span.start
    for child in sec.children:
        if child.span.start > pos:
            out.append((pos, child.span.start))
        pos = max(pos, child.span.end)
    if pos < sec.span.end:
        out.append((pos, sec.span.end))
    return out


def section_at(sections: list[Section], offset: int) -> Section | None:
    r"""Return the innermost part whose span contains ``offset``, or None.

    Siblings are in document order and do not overlap, so each level is a binary search:
    the cost grows with the depth of the outline, not with the number of parts.

    Examples
    --------
    >>> outline = parse_outline("一、甲\n1．乙。内容")
    >>> section_at(outline, 8).path, section_at(outline, 0).path
    ('1-1', '1')
    """
    found: Section | None = None
    level = sections
    while level:
        i = bisect_right(level, offset, key=_start) - 1
        if i < 0 or not level[i].span.start <= offset < level[i].span.end:
            break
        found = level[i]
        level = found.children
    return found


def _start(sec: Section) -> int:
    return sec.span.start
