r"""Labels: a plan's English labels, generated or missing, and a concept's ``skos:prefLabel``.

A target's English label is generated from its indicator's English and its numbers, with
the units table (:mod:`policygraph.units`); :func:`missing_english` lists what a curation
file still has to give English (or a curated id); :func:`pref_labels` reads a concept's
labels by language (the function and indicator schemes).

Examples
--------
>>> from decimal import Decimal
>>> from policygraph.model import PlanDocument, Section, Span, Target
>>> target = Target("每年新认定省级研发中心70家", Span(5, 19), Decimal(70), "家", "Exactly",
...                 "新认定省级研发中心", deadline=2027, periodicity="Annual",
...                 indicator_en="New provincial R&D centres recognised")
>>> target_label_en(target)
'New provincial R&D centres recognised: 70 per year through 2027'
>>> part = Section("section", "一、", 1, 1, "目标", Span(2, 4), Span(0, 20), path="1",
...                targets=[target])
>>> missing_english(PlanDocument("一、目标\n…", "plan.txt", "目标", Span(2, 4), sections=[part]))
['plan: English title', 'part 1 目标']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .model import PlanDocument, PlatformMention, Target
from .units import format_number, unit_info

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["all_mentions", "missing_english", "pref_labels", "target_label_en"]

_COMPARATOR_EN = {
    "AtLeast": "at least ",
    "MoreThan": "more than ",
    "Approximately": "about ",
    "Exactly": "",
    "Between": "",
    "AtMost": "at most ",
    "LessThan": "less than ",
}


def all_mentions(doc: PlanDocument, /) -> Iterator[PlatformMention]:
    """Yield every platform mention of ``doc``: the plan's own, then each part's, in order.

    Examples
    --------
    >>> from policygraph.model import PlanDocument, PlatformMention, Span
    >>> doc = PlanDocument("南湖实验室", "plan.txt", "", Span(0, 0),
    ...                    platforms=[PlatformMention("南湖实验室", Span(0, 5))])
    >>> [m.name for m in all_mentions(doc)]
    ['南湖实验室']
    """
    yield from doc.platforms
    for section in doc.walk():
        yield from section.platforms


def pref_labels(graph: Graph, node: Node, /) -> dict[str, str]:
    """The ``skos:prefLabel`` of ``node`` in ``graph``, language tag → text.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ...     <http://example.org/f> skos:prefLabel "科技"@zh , "science and technology"@en .''')
    >>> from rdflib import URIRef
    >>> sorted(pref_labels(g, URIRef("http://example.org/f")).items())
    [('en', 'science and technology'), ('zh', '科技')]
    """
    from rdflib import Literal
    from rdflib.namespace import SKOS

    return {
        o.language: str(o)
        for o in graph.objects(node, SKOS.prefLabel)
        if isinstance(o, Literal) and o.language
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
        Normally the result of :func:`policygraph.curation.apply_curation`.

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
    for mention in all_mentions(doc):
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
