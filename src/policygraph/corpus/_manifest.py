"""The corpus manifest: one record per plan in the store, kept as JSON beside the database.

The manifest is the file ``policygraph-corpus.json`` in the store folder (Oxigraph's own
files are ``CURRENT``, ``MANIFEST-*``, ``*.sst``...: the name cannot clash). A build writes
it atomically after the store's writes of a group of plans, so it never names a plan the
store does not hold in full; :func:`~policygraph.corpus.build.reconcile` removes what a hard
kill left between the two writes. It holds one record per line, so that writing it costs
little more than copying its text.

While a group of new plans is bulk-loaded into the store (not one transaction: see
:func:`~policygraph.corpus._store.load_plans`), the small file ``policygraph-corpus.loading``
names their graphs; it is removed once their records are written. Left behind by a hard kill,
it tells the next open to remove what the load wrote in part.

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
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = [
    "LOADING_NAME",
    "MANIFEST_NAME",
    "PlanRecord",
    "clear_loading",
    "graph_name",
    "load_manifest",
    "loading",
    "mark_loading",
    "save_manifest",
]

#: the manifest's file name inside the store folder
MANIFEST_NAME = "policygraph-corpus.json"
#: the file naming the graphs of a bulk load in progress
LOADING_NAME = "policygraph-corpus.loading"

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
    """Write the manifest atomically (plans sorted by id, one per line).

    Its cost is linear in the records, and small: each record is one call of the JSON
    module's C encoder (the indenting encoder is pure Python, and ``asdict`` deep-copies).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     save_manifest(tmp, [PlanRecord(plan="p", id="b", title="乙", file="b.txt",
    ...                                    source="/b.txt", sha256="b" * 64),
    ...                         PlanRecord(plan="q", id="a", title="甲", file="a.txt",
    ...                                    source="/a.txt", sha256="a" * 64)])
    ...     lines = (pathlib.Path(tmp) / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    >>> lines[0], lines[1][:25], len(lines)
    ('{"format": 1, "plans": [', '{"plan": "q", "id": "a", ', 4)
    """
    from .._atomic import atomic_path

    dumps = json.JSONEncoder(ensure_ascii=False).encode
    rows = ",\n".join(dumps(_row(r)) for r in sorted(records, key=lambda r: r.id))
    text = f'{{"format": {_FORMAT}, "plans": [\n{rows}\n]}}\n' if rows else _EMPTY
    path = _path(folder)
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the corpus manifest: {exc}", source=str(path)) from exc


_EMPTY = f'{{"format": {_FORMAT}, "plans": []}}\n'
_FIELDS = tuple(f.name for f in fields(PlanRecord))


def _row(record: PlanRecord) -> dict[str, Any]:
    """A record as a JSON object (``asdict`` without its deep copy: a record holds no records)."""
    return {name: getattr(record, name) for name in _FIELDS}


def mark_loading(folder: str | os.PathLike[str], graphs: list[str], /) -> None:
    """Name the graphs a bulk load is about to write (atomically, before it starts)."""
    from .._atomic import atomic_path

    path = Path(folder) / LOADING_NAME
    try:
        with atomic_path(path) as tmp:
            tmp.write_text("".join(f"{g}\n" for g in graphs), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {LOADING_NAME}: {exc}", source=str(path)) from exc


def loading(folder: str | os.PathLike[str], /) -> list[str] | None:
    """The graphs of a bulk load that did not finish, or None when none was under way.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     before = loading(tmp)
    ...     mark_loading(tmp, ["urn:sha256:" + "a" * 64])
    ...     during = loading(tmp)
    ...     clear_loading(tmp)
    ...     before, [g[:13] for g in during], loading(tmp)
    (None, ['urn:sha256:aa'], None)
    """
    path = Path(folder) / LOADING_NAME
    try:
        return path.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {LOADING_NAME}: {exc}", source=str(path)) from exc


def clear_loading(folder: str | os.PathLike[str], /) -> None:
    """Remove the mark of a bulk load (its plans' records are written, or its graphs removed)."""
    path = Path(folder) / LOADING_NAME
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise InputError(f"cannot remove {LOADING_NAME}: {exc}", source=str(path)) from exc
