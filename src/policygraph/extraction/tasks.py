r"""Tasks: the parts of a plan that carry a responsibility note, and the note's units.

A note closes a task. A part (heading and body) with one note is that task; a part with
several notes holds one task per note: the first runs from the heading (or from the first
line of the body when the heading stands on a line of its own) to the first note, each
further one from the end of the previous note to its own note. A section heading on a line
of its own (一、支持企业转型) over paragraphs is a heading, not a task: even one note in its
body closes a paragraph task. Such a task is labelled
with its heading, or with the first sentence of its segment when it has none.

A note on a group of tasks (an action, a section) goes to the tasks inside it that have no
note of their own. A heading without a note, own or inherited, is not a task.

Examples
--------
>>> from policygraph.extraction import extract
>>> doc = extract('''某市促进就业的若干意见
... 一、支持企业
... （一）稳定岗位。落实稳岗返还政策。（人力资源社会保障部、财政部负责）扩大补贴范围。（财政部负责）
... ''')
>>> [(t.path, t.title, [r.department for r in t.responsibilities]) for t in doc.tasks]
[('1-1-1', '稳定岗位', ['人力资源社会保障部', '财政部']), ('1-1-2', '扩大补贴范围', ['财政部'])]
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable

from ..model import Responsibility, Section, Span
from ._text import SPACE, LineMap, find_top, strip_span
from .responsibility import Clause
from .structure import assign_paths, is_item, section_at
from .tables import TableRow

__all__ = ["place_notes", "settle_kinds"]

_SEGMENT_GAP = SPACE + "。；;，,、"
_SENTENCE_END = "。；;！？!?\r\n"
_MAX_LABEL = 60

Warn = Callable[[int, str], None]


def place_notes(
    text: str,
    lines: LineMap,
    sections: list[Section],
    clauses: list[Clause],
    rows: list[TableRow],
    warn: Warn,
) -> None:
    """Give each note to the innermost part that holds it, splitting parts with several notes.

    Each row of a task table is a task of its own in the part that holds the table.

    Parameters
    ----------
    text : str
        The plan text.
    lines : LineMap
        Its line map.
    sections : list of Section
        The outline; changed in place.
    clauses : list of Clause
        The notes in document order, none of them inside a table row.
    rows : list of TableRow
        The rows of task tables.
    warn : callable
        ``warn(offset, message)`` records a warning at a place of the text.
    """
    _place_rows(text, sections, rows)
    held: dict[int, tuple[Section, list[Clause]]] = {}
    for clause in clauses:
        part = section_at(sections, clause.span.start)
        if part is None:
            warn(clause.span.start, "responsibility note outside any heading; ignored")
            continue
        held.setdefault(id(part), (part, []))[1].append(clause)
    for part, notes in held.values():
        if len(notes) == 1 and (is_item(part) or part.children or _inline_body(text, lines, part)):
            _give(part, notes[0].units, notes[0].span)
        else:
            _split(text, lines, part, notes)


def _place_rows(text: str, sections: list[Section], rows: list[TableRow]) -> None:
    """Make each table row a task where it stands; number the parts that grew once, at the end."""
    grown: dict[int, Section | None] = {}
    for row in rows:
        part = section_at(sections, row.span.start)
        if part is not None and part.span.start == row.span.start:
            _row_heading(text, part, row)
            continue
        _add_row(text, sections, part, row)
        grown[id(part)] = part
    for parent in grown.values():
        if parent is not None:
            assign_paths(parent, parent.path)
            continue
        for n, sec in enumerate(sections, start=1):
            sec.position = n
            assign_paths(sec, str(n))


def _inline_body(text: str, lines: LineMap, part: Section) -> bool:
    """Tell whether a part's heading line goes on past its title (（一）稳定岗位。落实…)."""
    heading_line_end = lines.line_of(part.span.start)[1]
    s, e = strip_span(text, part.title_span.end, heading_line_end, _SEGMENT_GAP)
    return s < e


def _row_heading(text: str, part: Section, row: TableRow) -> None:
    """A table row written as a heading line (1. 建设平台 | …) is that part, made a task."""
    part.kind = "task"
    part.title, part.title_span = row.title_span.text(text), row.title_span
    _give(part, row.units, row.units_span)


def _add_row(text: str, sections: list[Section], part: Section | None, row: TableRow) -> None:
    """Add a table row as a task of the part that holds it, in document order."""
    task = Section(
        kind="task",
        number=row.number,
        position=0,
        level=part.level + 1 if part is not None else 1,
        title=row.title_span.text(text),
        title_span=row.title_span,
        span=row.span,
        responsibilities=row.units,
        responsibility_span=row.units_span,
    )
    insort(part.children if part is not None else sections, task, key=_start)


def _start(sec: Section) -> int:
    return sec.span.start


def _give(part: Section, units: list[Responsibility], span: Span) -> None:
    part.responsibilities = units
    part.responsibility_span = span


def _split(text: str, lines: LineMap, part: Section, notes: list[Clause]) -> None:
    """Make one task of each note in ``part``, in order, as children of the part."""
    heading_line_end = lines.line_of(part.span.start)[1]
    inline = _inline_body(text, lines, part)
    pos = part.span.start if inline else min(heading_line_end, part.span.end)
    children = sorted(part.children, key=lambda c: c.span.start)
    segments: list[Section] = []
    passed = 0  # children before the current note: a segment never spans a sub-heading
    for note in notes:
        start = pos
        while passed < len(children) and children[passed].span.end <= note.span.start:
            start = max(start, children[passed].span.end)
            passed += 1
        start, _ = strip_span(text, start, note.span.start, _SEGMENT_GAP)
        pos = note.span.end
        if start >= note.span.start:  # two notes side by side: one task
            owner = segments[-1] if segments else part
            _merge_units(owner, note.units)
            continue
        if start == part.span.start:
            title, title_span = part.title, part.title_span
        else:
            t_end = find_top(text, start, note.span.start, _SENTENCE_END)
            t_start, t_end = strip_span(text, start, min(t_end, start + _MAX_LABEL))
            title, title_span = text[t_start:t_end], Span(t_start, t_end)
        segments.append(
            Section(
                kind="task",
                number="",
                position=0,
                level=part.level + 1,
                title=title,
                title_span=title_span,
                span=Span(start, note.span.end),
                responsibilities=note.units,
                responsibility_span=note.span,
            )
        )
    if part.kind == "task":
        part.kind = "section"
    part.children = sorted(children + segments, key=lambda c: c.span.start)
    assign_paths(part, part.path)


def _merge_units(part: Section, units: list[Responsibility]) -> None:
    """Add a further note's units to a part: new units after the others, a lead stays lead."""
    known = {r.department: r for r in part.responsibilities}
    for unit in units:
        if unit.department in known:
            if unit.role == "lead":
                known[unit.department].role = "lead"
            continue
        added = Responsibility(
            unit.department, len(part.responsibilities) + 1, unit.role, unit.span
        )
        part.responsibilities.append(added)
        known[unit.department] = added


def settle_kinds(sections: list[Section], warn: Warn) -> None:
    """Settle which parts are tasks once every note is placed.

    A numbered part with its own note is a task (so are its numbered siblings without
    children, and a group of such tasks below the top level is an action); a note on a
    group goes to the tasks inside it without one; a task left without any note is a
    section again, with a warning when the plan names responsible units elsewhere.
    """
    _clause_parts_are_tasks(sections)
    _share_group_clauses(sections)
    parts = [p for top in sections for p in top.walk()]
    any_note = any(p.responsibilities for p in parts)
    for part in parts:
        if (
            part.kind == "task"
            and not part.responsibilities
            and not any(sub.responsibilities for sub in part.walk()[1:])
        ):
            part.kind = "section"
            if any_note:
                warn(
                    part.span.start,
                    f"part {part.path} {part.title} has no responsibility note;"
                    " it is not read as a task",
                )


def _clause_parts_are_tasks(sections: list[Section], parent: Section | None = None) -> None:
    """Make a part that names responsible units a task, whatever its heading says.

    A numbered section or goal item with its own responsibility clause is a task (a
    responsibility belongs to a task); so are its numbered siblings without children, and
    a group of such tasks below the top level is an action. Actions and safeguards keep
    their kind.
    """
    for sec in sections:
        _clause_parts_are_tasks(sec.children, sec)
    if not any(_names_units(s) for s in sections):
        return
    for sec in sections:
        if _names_units(sec) or (sec.kind == "section" and not sec.children and sec.number):
            sec.kind = "task"
            for child in sec.walk()[1:]:
                if child.kind != "safeguard":
                    child.kind = "task"
    if parent is not None and parent.kind == "section" and parent.level > 1:
        parent.kind = "action"


def _share_group_clauses(
    sections: list[Section], inherited: list[Responsibility] | None = None
) -> None:
    """Give a clause on a group of tasks (an action, a section) to the tasks inside it.

    A task without a clause of its own takes the clause of the nearest enclosing part that
    has one (its units, roles, ranks and spans). A responsibility belongs to a task, so the
    group keeps none itself once its tasks have it; a group with a clause and no task inside
    it is a task itself. Safeguards keep their kind (``to_rdf`` also types a part that names
    responsible units as a task).
    """
    for sec in sections:
        has_tasks = any(d.kind == "task" for d in sec.walk()[1:])
        if sec.responsibility_span is not None and not has_tasks and sec.kind == "action":
            sec.kind = "task"
        if sec.kind == "task" and sec.responsibility_span is None and inherited:
            sec.responsibilities = [
                Responsibility(r.department, r.rank, r.role, r.span) for r in inherited
            ]
            sec.responsibility_span = None  # the clause is not in this part's text
        own = sec.responsibilities if sec.responsibility_span is not None else None
        _share_group_clauses(sec.children, own or inherited)
        if own and has_tasks and sec.kind != "task":
            sec.responsibilities = []
            sec.responsibility_span = None


def _names_units(sec: Section) -> bool:
    return (
        sec.responsibility_span is not None and sec.kind in ("section", "goal") and bool(sec.number)
    )
