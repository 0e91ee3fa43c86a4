"""The corpus manifest: one record per plan in the store, kept as JSON beside the database.

The manifest is the file ``policygraph-corpus.json`` in the store folder (Oxigraph's own
files are ``CURRENT``, ``MANIFEST-*``, ``*.sst``...: the name cannot clash). It is written
atomically after each plan's transaction, so it never names a plan the store does not hold
in full; :func:`reconcile` removes what a hard kill left between the two writes.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     save_manifest(tmp, [PlanRecord(plan="https://w3id.org/policygraph/id/plan/demo",
...                                    id="demo", title="示例方案", file="demo.txt",
...                                    source="/texts/demo.txt", sha256="0" * 64)])
...     [r.id for r in load_manifest(tmp)]
['demo']
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["MANIFEST_NAME", "PlanRecord", "graph_name", "load_manifest", "save_manifest"]

#: the manifest's file name inside the store folder
MANIFEST_NAME = "policygraph-corpus.json"

_FORMAT = 1


def graph_name(sha256: str, /) -> str:
    """Return the IRI of the named graph that holds the plan read from a text of this hash.

    Examples
    --------
    >>> graph_name("ab" * 32)[:14]
    'urn:sha256:aba'
    """
    return f"urn:sha256:{sha256}"


@dataclass(frozen=True)
class PlanRecord:
    """What the manifest says of one plan of the corpus.

    Attributes
    ----------
    plan : str
        The plan's IRI (the subject of its ``pg:Plan`` triple).
    id : str
        The plan's id, the last part of its IRI (``jiaxing-315``, ``ningbo-ai-opc-2026``).
    title : str
        The title as written.
    file : str
        The text's file name.
    source : str
        The text's path when it was built (absolute).
    sha256 : str
        SHA-256 of the text's bytes as read from the file; the plan's graph is
        ``urn:sha256:<sha256>``.
    curation, curation_sha256 : str, optional
        The curation file applied, and the SHA-256 of its bytes.
    version : str
        The policygraph version that built the plan.
    tasks, targets, departments, triples : int
        Counts of the plan's graph.
    warnings : list of str
        The extractor's warnings.
    built : str
        When the plan was written (ISO 8601, UTC).
    seconds : float
        How long extracting the plan took.
    """

    plan: str
    id: str
    title: str
    file: str
    source: str
    sha256: str
    curation: str | None = None
    curation_sha256: str | None = None
    version: str = ""
    tasks: int = 0
    targets: int = 0
    departments: int = 0
    triples: int = 0
    warnings: list[str] = field(default_factory=list)
    built: str = ""
    seconds: float = 0.0

    @property
    def graph(self) -> str:
        """The IRI of the plan's named graph."""
        return graph_name(self.sha256)


def _path(folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / MANIFEST_NAME


def load_manifest(folder: str | os.PathLike[str], /) -> list[PlanRecord]:
    """Return the plans the manifest of a store folder lists (none when it has no manifest).

    Raises
    ------
    InputError
        The manifest cannot be read or is not a policygraph corpus manifest.
    """
    path = _path(folder)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the corpus manifest: {exc}", source=str(path)) from exc
    known = {f.name for f in fields(PlanRecord)}
    try:
        if data.get("format") != _FORMAT:
            raise InputError(
                f"unknown corpus manifest format {data.get('format')!r}", source=str(path)
            )
        return [PlanRecord(**{k: v for k, v in r.items() if k in known}) for r in data["plans"]]
    except (AttributeError, KeyError, TypeError) as exc:
        raise InputError(f"not a corpus manifest: {exc}", source=str(path)) from exc


def save_manifest(folder: str | os.PathLike[str], records: list[PlanRecord], /) -> None:
    """Write the manifest atomically (plans sorted by id)."""
    from .._atomic import atomic_path

    data: dict[str, Any] = {
        "format": _FORMAT,
        "plans": [asdict(r) for r in sorted(records, key=lambda r: r.id)],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    path = _path(folder)
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the corpus manifest: {exc}", source=str(path)) from exc
