"""A built corpus, opened for analysis: its store, its plans, its named queries."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ._manifest import MANIFEST_NAME, PlanRecord

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from rdflib import Graph

__all__ = ["Corpus", "open_corpus"]


class Corpus:
    """A corpus store built by :func:`~policygraph.corpus.build_corpus`; use :func:`open_corpus`.

    A context manager: leaving the ``with`` block closes the store (another program may then
    open it). The plans' triples are read through SPARQL on the store, never loaded into
    Python.
    """

    def __init__(self, path: Path, store: Any, records: list[PlanRecord]) -> None:
        self.path = path
        self._store: Any = store
        self._records = records

    @property
    def store(self) -> Any:
        """The ``pyoxigraph.Store`` (raises InputError once the corpus is closed)."""
        if self._store is None:
            raise InputError("the corpus is closed", source=str(self.path))
        return self._store

    def plans(self) -> pd.DataFrame:
        """One row per plan, from the manifest, sorted by id.

        Columns: ``id``, ``title``, ``file``, ``tasks``, ``targets``, ``departments``,
        ``triples``, ``warnings`` (how many), ``plan`` (IRI), ``graph`` (its named graph),
        ``sha256``, ``curation``, ``version``, ``built``.
        """
        import pandas as pd

        rows = [
            {
                "id": r.id,
                "title": r.title,
                "file": r.file,
                "tasks": r.tasks,
                "targets": r.targets,
                "departments": r.departments,
                "triples": r.triples,
                "warnings": len(r.warnings),
                "plan": r.plan,
                "graph": r.graph,
                "sha256": r.sha256,
                "curation": r.curation,
                "version": r.version,
                "built": r.built,
            }
            for r in sorted(self._records, key=lambda r: r.id)
        ]
        columns = ["id", "title", "file", "tasks", "targets", "departments", "triples"]
        columns += ["warnings", "plan", "graph", "sha256", "curation", "version", "built"]
        return pd.DataFrame(rows, columns=columns)

    def query(self, query: str, /, **params: object) -> pd.DataFrame | Graph:
        """Run a named query or SPARQL text on the union of the corpus's plans.

        See :func:`policygraph.query` for the query, its parameters and the result.
        """
        from ..sparql import query as run

        return run(self.store, query, **params)

    def close(self) -> None:
        """Write what is pending and release the store."""
        if self._store is not None:
            self._store.flush()
            self._store = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Corpus {str(self.path)!r}: {len(self._records)} plans>"


def open_corpus(path: str | os.PathLike[str], /) -> Corpus:
    """Open a corpus store built by ``policygraph corpus build``.

    Parameters
    ----------
    path : path-like
        The store's folder.

    Returns
    -------
    Corpus
        ``.store`` (a ``pyoxigraph.Store``), ``.plans()`` (a DataFrame) and ``.query(name,
        **params)``; a context manager that closes the store.

    Raises
    ------
    InputError
        The folder is not a corpus store (no ``policygraph-corpus.json``), or another
        program holds the store open.

    Examples
    --------
    >>> import tempfile
    >>> from policygraph.corpus import build_corpus
    >>> from policygraph.resources import resource_path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = build_corpus([resource_path("data", "corpus", "texts", "jiaxing-315.txt")], tmp)
    ...     with open_corpus(tmp) as corpus:
    ...         plan = corpus.plans().iloc[0]
    ...         print(plan["id"], plan["tasks"], len(corpus.query("cq01")))
    jiaxing-315 19 19
    """
    from ._store import open_disk_store
    from .build import reconcile

    folder = Path(path)
    if not (folder / MANIFEST_NAME).is_file():
        raise InputError(
            f"not a corpus store (no {MANIFEST_NAME}); build one with "
            "'policygraph corpus build TEXTS --store DIR'",
            source=str(folder),
        )
    store = open_disk_store(folder)
    return Corpus(folder, store, reconcile(store, folder))
