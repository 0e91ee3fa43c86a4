"""Corpora: many plans in one on-disk Oxigraph store, one named graph per plan.

:func:`build_corpus` extracts plan texts in parallel into a store (``policygraph corpus
build``); :func:`open_corpus` opens it for analysis. See ``docs/corpus.md``.
"""

from __future__ import annotations

from ._corpus import Corpus, open_corpus
from ._manifest import MANIFEST_NAME, PlanRecord, graph_name, load_manifest
from .build import CorpusBuild, PlanProgress, build_corpus, plan_files

__all__ = [
    "MANIFEST_NAME",
    "Corpus",
    "CorpusBuild",
    "PlanProgress",
    "PlanRecord",
    "build_corpus",
    "graph_name",
    "load_manifest",
    "open_corpus",
    "plan_files",
]
