r"""Curation: English labels, ASCII ids and corrections a person adds to an extracted plan.

A curation file (YAML, one per plan, under ``data/curation/``) supplies what the rules cannot:
English for every entity, canonical ids for departments, platforms, indicators, the plan and
its jurisdiction, platform types, and corrections to the targets and platform mentions the
extractor found, each with a reason. The format is described in ``docs/curation.md`` and
declared in :mod:`~policygraph.curation.schema`, whose JSON Schema editors can check files with
(``policygraph curation schema``).

:func:`load_curation` parses and checks a file (:mod:`~policygraph.curation.loading`);
:func:`apply_curation` returns a corrected copy of a :class:`~policygraph.model.PlanDocument`
(:mod:`~policygraph.curation.apply`). Every entry must match something in the document: stale
curation fails with the entry's file and line instead of being ignored. :func:`missing_english`
lists what still lacks English after curation; :func:`curation_skeleton` writes a file to fill
in. Each name is imported from its module on first use: pydantic loads only when a curation
file is read.

Examples
--------
>>> from decimal import Decimal
>>> from policygraph.model import PlanDocument, Section, Span, Target
>>> source = "一、目标\n每年新认定省级研发中心70家。"
>>> target = Target("每年新认定省级研发中心70家", Span(5, 19), Decimal(70), "家", "Exactly",
...                 "新认定省级研发中心", deadline=2027, deadline_implied=True,
...                 periodicity="Annual")
>>> part = Section("section", "一、", 1, 1, "目标", Span(2, 4), Span(0, 20), path="1",
...                targets=[target])
>>> doc = PlanDocument(source, "plan.txt", "目标", Span(2, 4), sections=[part])
>>> curation = parse_curation('''
... parts:
...   "1": {en: Goals}
... indicators:
...   新认定省级研发中心: {id: new-provincial-rd-centres, en: New provincial R&D centres recognised}
... ''', source="example.yaml")
>>> done = apply_curation(doc, curation)
>>> done.sections[0].label_en
'Goals'
>>> done.sections[0].targets[0].label_en
'New provincial R&D centres recognised: 70 per year through 2027'
>>> doc.sections[0].label_en is None  # the input is not changed
True
>>> missing_english(done)
['plan: English title']
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# public name -> module that defines it, relative to this package (the one list of re-exports)
_EXPORTS: dict[str, str] = {
    "PLATFORM_TYPES": ".schema",
    "Curation": ".schema",
    "DepartmentEntry": ".schema",
    "IndicatorEntry": ".schema",
    "MemberEntry": ".schema",
    "MentionFix": ".schema",
    "NewTarget": ".schema",
    "PartEntry": ".schema",
    "PlanEntry": ".schema",
    "PlatformEntry": ".schema",
    "SchemeEntry": ".schema",
    "TargetFix": ".schema",
    "curation_json_schema": ".schema",
    "load_curation": ".loading",
    "parse_curation": ".loading",
    "apply_curation": ".apply",
    "curation_skeleton": ".skeleton",
    "missing_english": "..labels",
    "target_label_en": "..labels",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover - "X as X" marks each name as re-exported
    from ..labels import missing_english as missing_english
    from ..labels import target_label_en as target_label_en
    from .apply import apply_curation as apply_curation
    from .loading import load_curation as load_curation
    from .loading import parse_curation as parse_curation
    from .schema import PLATFORM_TYPES as PLATFORM_TYPES
    from .schema import Curation as Curation
    from .schema import DepartmentEntry as DepartmentEntry
    from .schema import IndicatorEntry as IndicatorEntry
    from .schema import MemberEntry as MemberEntry
    from .schema import MentionFix as MentionFix
    from .schema import NewTarget as NewTarget
    from .schema import PartEntry as PartEntry
    from .schema import PlanEntry as PlanEntry
    from .schema import PlatformEntry as PlatformEntry
    from .schema import SchemeEntry as SchemeEntry
    from .schema import TargetFix as TargetFix
    from .schema import curation_json_schema as curation_json_schema
    from .skeleton import curation_skeleton as curation_skeleton


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
