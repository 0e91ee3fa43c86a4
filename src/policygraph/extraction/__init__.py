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

from .._display import clip
from ..errors import ExtractionError
from ..model import PlanDocument, PlatformMention, Section, Target
from ._text import LineMap, in_ranges
from .metadata import find_metadata, find_schemes
from .platforms import find_platforms
from .responsibility import find_notes
from .structure import parse_outline, section_at
from .tables import find_table_rows
from .targets import NumberReading, read_numbers
from .tasks import place_notes, settle_kinds

__all__ = ["extract", "extract_file", "read_plan"]

NO_HEADINGS = "no plan headings (一、 / （一） / 1．) found"


def extract(text: str, /, *, source_name: str = "<text>") -> PlanDocument:
    """Read a plan text into a PlanDocument (:func:`read_plan` without the number readings).

    Parameters
    ----------
    text : str
        The plan text exactly as stored; offsets in the result are code points of it.
    source_name : str, optional
        A name for the text (a file name), used in warnings and errors.

    Returns
    -------
    PlanDocument

    Raises
    ------
    ExtractionError
        The text is empty, contains NUL characters, or has no plan headings.
    """
    return read_plan(text, source_name=source_name)[0]


def read_plan(
    text: str, /, *, source_name: str = "<text>"
) -> tuple[PlanDocument, list[NumberReading]]:
    """Read a plan text into a PlanDocument, with the reading of every number in it.

    Parameters
    ----------
    text : str
        The plan text exactly as stored; offsets in the result are code points of it.
    source_name : str, optional
        A name for the text (a file name), used in warnings and errors.

    Returns
    -------
    (PlanDocument, list of NumberReading)
        The document: title, issuer, date, period, the tree of parts with their
        responsibilities, targets and platform mentions, the schemes, and ``warnings`` (one
        line each, with ``name:line:column``) for recoverable oddities such as a heading
        without a responsibility note or a text without a date; and every number of the text
        with whether it was read as a target and why (what ``policygraph build --explain``
        shows).

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

    # a responsibility note closes a task: place each in the part that holds it
    rows = find_table_rows(text, lines)
    in_rows = [(r.span.start, r.span.end) for r in rows]
    notes = find_notes(text)
    clauses = [c for c in notes.clauses if not in_ranges(in_rows, c.span.start)]
    for span in notes.unread:
        warn(
            span.start,
            f"a responsibility-like note was not read as units: {clip(span.text(text), 40)}",
        )
    skip = [(c.span.start, c.span.end) for c in clauses]
    skip.extend((r.units_span.start, r.units_span.end) for r in rows)
    for clause in clauses:
        if clause.standing and not doc.standing and clause.standing_span is not None:
            doc.standing = clause.standing
            doc.standing_span = clause.standing_span
            warn(
                clause.standing_span.start,
                "a note names "
                + "、".join(r.department for r in clause.standing)
                + " for every later task; recorded once on the plan (pg:implementedBy),"
                " not in each task",
            )
    place_notes(text, lines, sections, clauses, rows, warn)
    settle_kinds(sections, warn)
    for part in doc.walk():
        if part.number:
            skip.append((part.span.start, part.span.start + len(part.number)))
    skip.sort()

    period_end = doc.period[1] if doc.period else None
    readings = read_numbers(text, period_end=period_end, exclude=skip, lines=lines)
    for reading in readings:
        if reading.target is not None:
            _owner(sections, reading.target.span.start, doc).targets.append(reading.target)
    for mention in find_platforms(text, head_end, exclude=skip):
        owner = _owner(sections, mention.span.start, doc)
        if all(m.name != mention.name for m in owner.platforms):
            owner.platforms.append(mention)
    doc.schemes = find_schemes(text)
    return doc, readings


class _PlanLevel:
    """The plan itself as the owner of targets and mentions outside every heading."""

    def __init__(self, doc: PlanDocument) -> None:
        self.targets: list[Target] = doc.targets
        self.platforms: list[PlatformMention] = doc.platforms


def _owner(sections: list[Section], offset: int, doc: PlanDocument) -> Section | _PlanLevel:
    part = section_at(sections, offset)
    return part if part is not None else _PlanLevel(doc)


def extract_file(path: str | os.PathLike[str], /, *, encoding: str | None = None) -> PlanDocument:
    """Read a plan file and extract it.

    The file is a text in any common Chinese encoding, a web page, a Word document
    (``.docx``) or a PDF with a text layer (see :func:`policygraph.readers.read_source`).
    A UTF-8 text is extracted as it is and ``source_name`` is the file's name; any other file
    is first normalised to a UTF-8 text, one paragraph a line, which the spans then point
    into: ``source_name`` is then the file's stem with ``.txt``, and ``original_name`` and
    ``original_sha256`` name the file read.

    Parameters
    ----------
    path : str or path-like
        The file.
    encoding : str, optional
        The encoding of a text or web page, instead of detecting it.

    Returns
    -------
    PlanDocument

    Raises
    ------
    InputError
        The file does not exist or cannot be read, or ``encoding`` is unknown.
    ExtractionError
        The file is empty, whitespace only, binary, not text in the encoding given (or any
        tried), a PDF without a text layer, or has no plan headings; the message names the
        file and, where it applies, the line and column or byte offset.
    """
    from ..readers import read_source

    p = Path(path)
    where = str(path)
    source = read_source(p, encoding=encoding)
    name = p.name if source.is_plain_utf8 else f"{p.stem}.txt"
    try:
        doc = extract(source.text, source_name=name)
    except ExtractionError as exc:
        raise ExtractionError(
            exc.message, source=where, line=exc.line, column=exc.column, span=exc.span
        ) from None
    if not source.is_plain_utf8:
        doc.original_name = source.file_name
        doc.original_sha256 = source.sha256
    return doc
