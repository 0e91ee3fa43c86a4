"""A curation skeleton: every entity of a plan to label or name, as a file to fill in.

Examples
--------
>>> from policygraph.model import PlanDocument, Span
>>> print(curation_skeleton(PlanDocument("标题", "plan.txt", "标题", Span(0, 2))), end="")
# Curation for 标题
# Source: plan.txt. Format: docs/curation.md.
# Written by `policygraph curation init`. Fill in each null: `en` is an English label,
# `id` an ASCII slug (lowercase letters, digits, single hyphens) that becomes the IRI.
# A null changes nothing (no English label; the derived id). Every entry matches the
# plan as extracted; corrections (mentions, targets) are described in docs/curation.md.
<BLANKLINE>
plan:
  id: null            # an ASCII slug: id:plan/{id}
  jurisdiction: null  # an ASCII slug of the place: id:department/{jurisdiction}/...
  en: null            # 标题
"""

from __future__ import annotations

import json
from pathlib import PurePath

from ..labels import all_mentions
from ..model import PlanDocument, PlatformMention
from .schema import PLATFORM_TYPES

__all__ = ["curation_skeleton"]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _or_null(text: str | None) -> str:
    return "null" if text is None else _q(text)


def _note(text: str, limit: int = 60) -> str:
    """A one-line comment from a plan text fragment, clipped to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def curation_skeleton(doc: PlanDocument, /) -> str:
    r"""Return a curation file (YAML) that lists every entity of ``doc`` to label or name.

    The plan and its issuer, every department of a responsibility clause, every part,
    platform, scheme and its named members, and every indicator get an entry, in document
    order, in the format :func:`load_curation` reads. What is known is filled in (a
    department's generated English, a platform's type); the rest is ``null``, which changes
    nothing until it is filled in. Each entry matches the plan, so the file applies as it is.

    Parameters
    ----------
    doc : PlanDocument
        An extracted plan (without curation).

    Returns
    -------
    str

    Examples
    --------
    >>> from decimal import Decimal
    >>> from policygraph.model import PlanDocument, Responsibility, Section, Span, Target
    >>> target = Target("新认定省级研发中心70家", Span(5, 17), Decimal(70), "家", "Exactly",
    ...                 "新认定省级研发中心")
    >>> lead = Responsibility("市科技局", 1, "lead", Span(18, 22))
    >>> part = Section("section", "一、", 1, 1, "目标", Span(2, 4), Span(0, 22), path="1",
    ...                targets=[target], responsibilities=[lead])
    >>> doc = PlanDocument("一、目标\n新认定省级研发中心70家（市科技局）", "plan.txt", "目标",
    ...                    Span(2, 4), sections=[part])
    >>> text = curation_skeleton(doc)
    >>> print(text[text.index("plan:"):])
    plan:
      id: null            # an ASCII slug: id:plan/{id}
      jurisdiction: null  # an ASCII slug of the place: id:department/{jurisdiction}/...
      en: null            # 目标
    <BLANKLINE>
    departments:  # keyed by the name as written in the responsibility clauses
      "市科技局": {id: null, en: "Municipal Science and Technology Bureau"}  # generated: check
    <BLANKLINE>
    parts:  # keyed by the part's path (heading positions joined by "-")
      "1": {en: null}  # 目标
    <BLANKLINE>
    indicators:  # keyed by a target's indicator as written
      "新认定省级研发中心": {id: null, en: null}  # 新认定省级研发中心70家
    <BLANKLINE>
    >>> from policygraph.curation import apply_curation, parse_curation
    >>> curation = parse_curation(text.replace('"1": {en: null}', '"1": {en: Goals}'))
    >>> apply_curation(doc, curation).sections[0].label_en
    'Goals'
    """
    from ..departments import plan_jurisdiction, read_department

    out = [
        f"# Curation for {_note(doc.title, 200)}",
        f"# Source: {PurePath(doc.source_name).name}. Format: docs/curation.md.",
        "# Written by `policygraph curation init`. Fill in each null: `en` is an English label,",
        "# `id` an ASCII slug (lowercase letters, digits, single hyphens) that becomes the IRI.",
        "# A null changes nothing (no English label; the derived id). Every entry matches the",
        "# plan as extracted; corrections (mentions, targets) are described in docs/curation.md.",
        "",
        "plan:",
        "  id: null            # an ASCII slug: id:plan/{id}",
        "  jurisdiction: null  # an ASCII slug of the place: id:department/{jurisdiction}/...",
        f"  en: null            # {_note(doc.title, 200)}",
    ]
    if doc.issuer:
        out.append(f"  issuer: {{id: null, en: null}}  # {_note(doc.issuer)}")

    plan = plan_jurisdiction(doc)
    names = list(dict.fromkeys(r.department for s in doc.walk() for r in s.responsibilities))
    if names:
        out += ["", "departments:  # keyed by the name as written in the responsibility clauses"]
    for name in names:
        generated = read_department(name, plan=plan).label_en
        note = "  # generated: check" if generated else ""
        out.append(f"  {_q(name)}: {{id: null, en: {_or_null(generated)}}}{note}")

    sections = list(doc.walk())
    if sections:
        out += ["", 'parts:  # keyed by the part\'s path (heading positions joined by "-")']
    for section in sections:
        out.append(f"  {_q(section.path)}: {{en: null}}  # {_note(section.title)}")

    platforms: dict[str, PlatformMention] = {}
    for mention in all_mentions(doc):
        platforms.setdefault(mention.name, mention)
    if platforms:
        kinds = ", ".join(PLATFORM_TYPES)
        out += ["", f"platforms:  # keyed by the name as written; type: one of {kinds}"]
    for name, mention in platforms.items():
        kind = mention.kind if mention.kind in PLATFORM_TYPES else None
        out.append(f"  {_q(name)}: {{id: null, en: null, type: {kind or 'null'}}}")

    if doc.schemes:
        out += ["", "schemes:  # keyed by the scheme's key; members by the name as written"]
    for scheme in doc.schemes:
        out += [f"  {_q(scheme.key)}:", f"    en: null  # {_note(scheme.title)}"]
        if scheme.members:
            out.append("    members:")
            out += [f"      {_q(m.name)}: null" for m in scheme.members]

    indicators: dict[str, str] = {}
    for target in doc.all_targets():
        indicators.setdefault(target.indicator, target.text)
    if indicators:
        out += ["", "indicators:  # keyed by a target's indicator as written"]
    for indicator, quote in indicators.items():
        out.append(f"  {_q(indicator)}: {{id: null, en: null}}  # {_note(quote)}")
    return "\n".join(out) + "\n"
