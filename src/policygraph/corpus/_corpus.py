"""A built corpus, opened for analysis: its store, its plans, its named queries."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ._manifest import MANIFEST_NAME, PlanRecord

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd
    from rdflib import Graph

    from ..corpus_report import CorpusReport
    from ..network import Kind
    from ..validation import ValidationReport

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

    def profile(self) -> pd.DataFrame:
        """One row per plan: level, government, year, counts, lead concentration, density.

        See :func:`policygraph.comparison.plan_table`.
        """
        from ..comparison import plan_table

        return plan_table(self.store)

    def function_matrix(self, *, lang: str | None = None) -> pd.DataFrame:
        """Functions by plans: the share of each plan's tasks led by each government function.

        See :func:`policygraph.comparison.function_plan_matrix`.
        """
        from ..comparison import function_plan_matrix

        return function_plan_matrix(self.store, lang=lang)

    def function_network(self) -> nx.Graph:
        """The co-responsibility network of government functions over all plans."""
        from ..comparison import function_network

        return function_network(self.store)

    def network(self, *, kind: Kind = "coresponsibility", plan: str | None = None) -> Any:
        """A responsibility network of departments, of one plan or of the whole corpus.

        See :func:`policygraph.network.network` for the kinds.
        """
        from ..network import network

        return network(self.store, kind=kind, plan=plan)

    def department_metrics(self, *, plan: str | None = None) -> pd.DataFrame:
        """Load, centrality and brokerage of each department (of one plan, or of all).

        See :func:`policygraph.network.department_metrics`.
        """
        from ..network import department_metrics

        return department_metrics(self.store, plan=plan)

    def report(self, out: str | os.PathLike[str], /, *, lang: str = "zh") -> CorpusReport:
        """Write the cross-plan tables, figures and ``report.md`` into the folder ``out``.

        See :func:`policygraph.corpus_report.write_corpus_report`.
        """
        from ..corpus_report import write_corpus_report

        return write_corpus_report(self.store, out, lang=lang)

    def validate(self, **kwargs: Any) -> ValidationReport:
        """Validate every plan of the corpus on its store (SHACL and source texts).

        Keyword arguments are those of :func:`policygraph.validate` (``shapes``, ``sources``,
        ``fail_on``, ``ignore``, ``engine``...): the default engine runs the shapes set at a
        time on the store, with pySHACL's findings.

        Examples
        --------
        >>> import tempfile
        >>> from policygraph.corpus import build_corpus
        >>> from policygraph.resources import resource_path
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = build_corpus([resource_path("data", "corpus", "texts", "jiaxing-315.txt")], tmp)
        ...     with open_corpus(tmp) as corpus:
        ...         print(corpus.validate().count("Violation"))
        0
        """
        from ..validation import validate

        return validate(self.store, **kwargs)

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
        ``.store`` (a ``pyoxigraph.Store``), ``.plans()`` (the manifest as a DataFrame),
        ``.query(name, **params)``, the cross-plan tables ``.profile()`` and
        ``.function_matrix()``, the networks ``.function_network()``, ``.network()`` and
        ``.department_metrics()``, ``.validate()`` (SHACL and source texts, on the store) and
        ``.report(folder)``; a context manager that closes the store.

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
    ...         net = corpus.network(plan=plan["plan"])
    ...         print(net.number_of_nodes(), corpus.profile().loc[0, "top_lead_label"])
    jiaxing-315 19 19
    22 市科技局
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
