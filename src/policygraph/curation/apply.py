r"""Applying a curation to an extracted plan: corrections first, then English labels and ids.

Every entry must match something in the document: stale curation fails with the entry's
file and line instead of being ignored.

Examples
--------
>>> from policygraph.curation import parse_curation
>>> from policygraph.model import PlanDocument, Span
>>> doc = PlanDocument("标题", "plan.txt", "标题", Span(0, 2))
>>> apply_curation(doc, parse_curation("plan: {id: p, jurisdiction: j, en: Title}")).label_en
'Title'
>>> apply_curation(doc, parse_curation("parts: {'9': {en: Nowhere}}", source="c.yaml"))
Traceback (most recent call last):
...
policygraph.errors.CurationError: c.yaml:1: the plan has no part '9'
"""

from __future__ import annotations

import copy

from ..errors import CurationError
from ..labels import all_mentions, target_label_en
from ..model import PlanDocument, PlatformMention, Section, Span, Target
from .schema import Curation, TargetFix

__all__ = ["apply_curation"]


def _stale(curation: Curation, line: int, message: str) -> CurationError:
    return CurationError(message, source=curation.source, line=line)


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
    mentions = list(all_mentions(doc))
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
        for member_entry in (scheme_entry.members or {}).values():
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
