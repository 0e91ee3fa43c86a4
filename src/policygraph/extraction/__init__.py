"""Rule-based extraction: a plan text in, a :class:`~policygraph.model.PlanDocument` out.

The rules are written for the genre (Chinese municipal 实施方案 / 推进方案 / 行动方案), not for
one text: headings 一、/（一）/1．/（1） at any depth, responsibility clauses, quantitative
targets, named platforms, declared schemes, and the plan's title, issuer, date and period.
Extraction is deterministic and offline; every span indexes the text exactly as given.

Examples
--------
>>> from policygraph.extraction import extract
>>> doc = extract('''某某市人民政府关于印发某某市科技创新行动方案（2024—2026年）的通知
... 2024年1月5日
... 一、主要任务
... （一）实施企业培育行动。
... 1．培育科技企业。到2026年底，高新技术企业达到1200家以上。
... （牵头单位：市科技局；配合单位：市财政局）
... ''', source_name="demo.txt")
>>> doc.title, doc.issuer, doc.date.isoformat(), doc.period
('某某市科技创新行动方案（2024—2026年）', '某某市人民政府', '2024-01-05', (2024, 2026))
>>> task = doc.tasks[0]
>>> task.path, task.title, task.lead, [r.department for r in task.responsibilities]
('1-1-1', '培育科技企业', '市科技局', ['市科技局', '市财政局'])
>>> t = task.targets[0]
>>> t.text, t.value, t.unit, t.comparator, t.deadline, t.deadline_implied
('高新技术企业达到1200家以上', Decimal('1200'), '家', 'AtLeast', 2026, False)
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ExtractionError, InputError
from ..model import PlanDocument, PlatformMention, Responsibility, Section, Target
from ._text import LineMap
from .metadata import find_metadata, find_schemes
from .platforms import find_platforms
from .responsibility import find_clauses
from .structure import parse_outline, section_at
from .targets import find_targets

__all__ = ["extract", "extract_file"]

NO_HEADINGS = "no plan headings (一、 / （一） / 1．) found"


def extract(text: str, /, *, source_name: str = "<text>") -> PlanDocument:
    """Read a plan text into a PlanDocument.

    Parameters
    ----------
    text : str
        The plan text exactly as stored; offsets in the result are code points of it.
    source_name : str, optional
        A name for the text (a file name), used in warnings and errors.

    Returns
    -------
    PlanDocument
        Title, issuer, date, period, the tree of parts with their responsibilities,
        targets and platform mentions, the schemes, and ``warnings`` (one line each, with
        ``name:line:column``) for recoverable oddities such as a task without a
        responsibility clause or a text without a date.

    Raises
    ------
    ExtractionError
        The text is empty, contains NUL characters, or has no plan headings.
    """
    if "\x00" in text:
        raise ExtractionError(
            f"binary data: NUL character at offset {text.index(chr(0))}", source=source_name
        )
    if not text.strip():
        raise ExtractionError(
            "empty text" if not text else "text contains only whitespace", source=source_name
        )
    lines = LineMap(text)
    sections = parse_outline(text, lines)
    if not sections:
        raise ExtractionError(NO_HEADINGS, source=source_name)
    head_end = sections[0].span.start
    meta = find_metadata(text, head_end, lines)
    doc = PlanDocument(
        source=text,
        source_name=source_name,
        title=meta.title,
        title_span=meta.title_span,
        issuer=meta.issuer,
        issuer_span=meta.issuer_span,
        date=meta.date,
        date_span=meta.date_span,
        period=meta.period,
        sections=sections,
    )

    def warn(offset: int, message: str) -> None:
        doc.warnings.append(f"{lines.where(source_name, offset)}: {message}")

    if doc.date is None:
        warn(0, "no date (年月日) found in the head of the text")
    if doc.issuer is None:
        warn(0, "no issuer found (关于印发 prefix or signature above the date)")
    if doc.title != doc.title_span.text(text):
        warn(
            doc.title_span.start,
            "the title is written over several lines; its lines are joined in the title",
        )

    # responsibility clauses belong to the innermost part that holds them
    skip: list[tuple[int, int]] = []
    for clause in find_clauses(text):
        skip.append((clause.span.start, clause.span.end))
        part = section_at(sections, clause.span.start)
        if part is None:
            warn(clause.span.start, "responsibility clause outside any heading; ignored")
            continue
        if part.responsibility_span is None:
            part.responsibilities = clause.units
            part.responsibility_span = clause.span
        else:
            # a task may name units for several of its measures: the task has them all
            _add_units(part, clause.units)
            warn(
                clause.span.start,
                f"{part.kind} {part.path} has several responsibility clauses; their units"
                " are merged",
            )
    _clause_parts_are_tasks(sections)
    _share_group_clauses(sections)
    for part in doc.walk():
        if (
            part.kind == "task"
            and not part.responsibilities
            # a task heading over sub-tasks with their own clauses lacks nothing
            and not any(sub.responsibilities for sub in part.walk()[1:])
        ):
            warn(part.span.start, f"task {part.path} {part.title} has no responsibility clause")
        if part.number:
            skip.append((part.span.start, part.span.start + len(part.number)))
    skip.sort()

    period_end = doc.period[1] if doc.period else None
    for target in find_targets(text, period_end=period_end, exclude=skip, lines=lines):
        _owner(sections, target.span.start, doc).targets.append(target)
    for mention in find_platforms(text, head_end, exclude=skip):
        owner = _owner(sections, mention.span.start, doc)
        if all(m.name != mention.name for m in owner.platforms):
            owner.platforms.append(mention)
    doc.schemes = find_schemes(text)
    return doc


def _add_units(part: Section, units: list[Responsibility]) -> None:
    """Add a further clause's units to a part: new units after the others, a lead stays lead."""
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


class _PlanLevel:
    """The plan itself as the owner of targets and mentions outside every heading."""

    def __init__(self, doc: PlanDocument) -> None:
        self.targets: list[Target] = doc.targets
        self.platforms: list[PlatformMention] = doc.platforms


def _owner(sections: list[Section], offset: int, doc: PlanDocument) -> Section | _PlanLevel:
    part = section_at(sections, offset)
    return part if part is not None else _PlanLevel(doc)


def extract_file(path: str | os.PathLike[str], /) -> PlanDocument:
    """Read a UTF-8 plan file and extract it (``source_name`` is the file's name).

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    PlanDocument

    Raises
    ------
    InputError
        The file does not exist or cannot be read.
    ExtractionError
        The file is empty, whitespace only, binary (NUL bytes), not UTF-8, or has no
        plan headings; the message names the file and, where it applies, the line and
        column or byte offset.
    """
    p = Path(path)
    where = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such file", source=where) from exc
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=where) from exc
    if not data:
        raise ExtractionError("empty file", source=where)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ExtractionError(f"binary file: NUL byte at byte offset {nul}", source=where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ExtractionError(
            f"not UTF-8 text: invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start}"
            " (byte column)",
            source=where,
            line=line,
            column=column,
        ) from exc
    if not text.strip():
        raise ExtractionError("file contains only whitespace", source=where)
    try:
        return extract(text, source_name=p.name)
    except ExtractionError as exc:
        raise ExtractionError(
            exc.message, source=where, line=exc.line, column=exc.column, span=exc.span
        ) from None
