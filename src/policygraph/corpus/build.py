"""Build a corpus: many plan texts into one on-disk Oxigraph store, one named graph per plan.

Texts are extracted in parallel, in worker processes; the calling process alone writes the
store (see :mod:`policygraph.corpus._store` for the layout), then the manifest. A text whose
bytes, curation file and policygraph version are those of a plan already in the store is
skipped; a changed text replaces its plan (found by its path).

Group commit
------------
The calling process writes finished plans in groups: the store's writes of a group (one
transaction per plan, or one bulk load of many new plans), then one manifest write for the
group, then the group's progress lines. A group is written when the next text is not
extracted yet and the group holds at least 1/16 of the plans already listed (so that the
manifest, rewritten whole, costs time linear in the plans over a build) and, with worker
processes, has waited a second (the workers go on meanwhile, and a larger group costs the
store less per plan); or when it is large, or three seconds have passed (so that an
interrupted build loses little). When the writer falls behind, groups grow and it catches up
with bulk loads. The first plan is a group of its own, so its line comes at once. Without
worker processes each plan is its own group while the manifest is short.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from ..errors import InputError, PolicyGraphError
from ..readers import plan_files
from ._manifest import (
    MANIFEST_NAME,
    PlanRecord,
    clear_loading,
    load_manifest,
    loading,
    mark_loading,
    save_manifest,
)
from ._store import (
    collect_shared,
    load_plans,
    open_disk_store,
    remove_plans,
    write_plan,
)

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["CorpusBuild", "PlanProgress", "build_corpus", "plan_files", "reconcile"]

_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


@dataclass(frozen=True)
class PlanProgress:
    """One text done: built, skipped or failed (what ``progress`` receives).

    Attributes
    ----------
    index, total : int
        This text's 1-based position among the texts, and how many there are.
    source : str
        The text's path as given.
    status : {"built", "skipped", "failed"}
    record : PlanRecord, optional
        The plan as the manifest now lists it (built or skipped).
    message : str, optional
        Why the text was skipped or failed.
    """

    index: int
    total: int
    source: str
    status: Literal["built", "skipped", "failed"]
    record: PlanRecord | None = None
    message: str | None = None


@dataclass(frozen=True)
class CorpusBuild:
    """What :func:`build_corpus` did.

    Attributes
    ----------
    built, skipped : tuple of PlanRecord
        Plans written, and plans left as they were (unchanged texts).
    failed : tuple of (str, str)
        Texts that could not be built: path and message.
    plans : int
        Plans in the store after the build.
    """

    built: tuple[PlanRecord, ...]
    skipped: tuple[PlanRecord, ...]
    failed: tuple[tuple[str, str], ...]
    plans: int


def reconcile(store: Any, folder: str | os.PathLike[str], /) -> list[PlanRecord]:
    """Make the manifest and the store's plan graphs agree; return the manifest's plans.

    A plan the manifest lists without its graph is dropped from the manifest (a later build
    builds it again); a plan graph the manifest does not list (written just before a hard
    kill) is removed, with the shared triples only it used. After a bulk load that did not
    finish, the shared triples it wrote without its plans' graphs are removed too.
    """
    records = load_manifest(folder)
    unfinished = loading(folder)
    graphs = {g.value for g in store.named_graphs()}
    kept = [r for r in records if r.graph in graphs]
    listed = {r.graph for r in kept}
    orphans = sorted(g for g in graphs if g.startswith("urn:sha256:") and g not in listed)
    if orphans:
        remove_plans(store, orphans)
    if orphans or len(kept) != len(records) or unfinished is not None:
        collect_shared(store)
        save_manifest(folder, kept)
    if unfinished is not None:
        clear_loading(folder)
    return kept


@dataclass(frozen=True)
class _Job:
    path: str
    plan_id: str
    curation: str | None
    encoding: str | None


@dataclass(frozen=True)
class _Extracted:
    plan: str
    id: str
    title: str
    own: str
    shared: str
    counts: dict[str, int]
    warnings: list[str]
    seconds: float


def _extract(job: _Job) -> _Extracted | str:
    """Extract one text (in a worker process): the triples as N-Triples, or an error message."""
    from ..pipeline import build_document
    from ..rdf import plan_iri, plan_triples
    from ..summary import count_triples

    start = time.perf_counter()
    try:
        doc = build_document(job.path, curation=job.curation, encoding=job.encoding)
        if not doc.id:
            doc.id = job.plan_id
        triples = plan_triples(doc)
        own, shared = _split(triples)
    except PolicyGraphError as exc:
        return str(exc)
    except Exception as exc:  # a defect on one text must not stop the corpus
        return f"unexpected {type(exc).__name__} (please report it): {exc}"
    return _Extracted(
        plan=str(plan_iri(doc)),
        id=doc.id or job.plan_id,
        title=doc.title,
        own=own,
        shared=shared,
        counts=count_triples(triples),
        warnings=[str(w) for w in doc.warnings],
        seconds=round(time.perf_counter() - start, 3),
    )


def _split(triples: list[tuple[Node, Node, Node]], /) -> tuple[str, str]:
    """A plan's triples as N-Triples: its own (the plans' IRIs and all under them), the shared.

    As :func:`policygraph.sparql.split_by_plan` puts them (blank nodes belong to the plan
    when there is one), converted and written by pyoxigraph, in no particular order (a store
    keeps none); a term pyoxigraph rejects raises ``ValueError``.

    Examples
    --------
    >>> from rdflib import RDF, URIRef as IRI
    >>> own, shared = _split([
    ...     (IRI("http://id/plan/demo"), RDF.type, IRI(_PLAN)),
    ...     (IRI("http://id/plan/demo/task/1"), RDF.type, IRI("http://def#Task")),
    ...     (IRI("http://id/dept/kjj"), RDF.type, IRI("http://def#Department")),
    ... ])
    >>> [line.split()[0] for line in own.splitlines()], shared.split()[0]
    (['<http://id/plan/demo>', '<http://id/plan/demo/task/1>'], '<http://id/dept/kjj>')
    """
    import pyoxigraph as ox

    from .._writer import ox_quads

    quads = ox_quads(cast("Graph", triples))  # it only iterates: a list of triples will do
    plans = {
        q.subject.value
        for q in quads
        if q.predicate.value == _RDF_TYPE
        and isinstance(q.object, ox.NamedNode)
        and q.object.value == _PLAN
        and isinstance(q.subject, ox.NamedNode)
    }
    prefixes = tuple(f"{p}/" for p in plans)
    own: list[Any] = []
    shared: list[Any] = []
    for q in quads:
        s = q.subject
        if isinstance(s, ox.NamedNode):
            mine = s.value in plans or s.value.startswith(prefixes)
        else:
            mine = len(plans) == 1
        (own if mine else shared).append(q.triple)
    return _nt(own), _nt(shared)


def _nt(triples: list[Any]) -> str:
    import pyoxigraph as ox

    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return data.decode("utf-8").rstrip("\n")


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PLAN = "https://w3id.org/policygraph/def#Plan"


def _ignore_interrupts() -> None:  # pragma: no cover - runs in the worker processes
    # Ctrl-C reaches the whole process group: the parent alone decides what happens
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _slug(stem: str) -> str | None:
    """A clean file name as a plan id (``ningbo_ai_opc_2026`` → ``ningbo-ai-opc-2026``).

    Examples
    --------
    >>> _slug("ningbo_ai_opc_2026"), _slug("Jiaxing-315"), _slug("宁波方案"), _slug("a b")
    ('ningbo-ai-opc-2026', 'jiaxing-315', None, None)
    """
    lower = stem.lower()
    return lower.replace("_", "-") if _SLUG.fullmatch(lower) else None


def _unique(base: str | None, taken: set[str]) -> str:
    if base is None:
        n = 1
        while f"plan-{n}" in taken:
            n += 1
        return f"plan-{n}"
    n, candidate = 1, base
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_corpus(
    sources: Sequence[str | os.PathLike[str]],
    store_path: str | os.PathLike[str],
    /,
    *,
    jobs: int | None = None,
    curation_dir: str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    progress: Callable[[PlanProgress], None] | None = None,
) -> CorpusBuild:
    """Build plan texts into an on-disk Oxigraph store, one named graph per plan.

    Parameters
    ----------
    sources : sequence of path-like
        Plan files (``.txt``, ``.html``, ``.htm``, ``.docx``, ``.pdf``) or folders of them.
    store_path : path-like
        The store's folder (created if missing). Its manifest is
        ``policygraph-corpus.json`` in that folder.
    jobs : int, optional
        Worker processes that extract texts (default: the number of CPUs).
    curation_dir : path-like, optional
        A folder of curation files: ``NAME.yaml`` curates the text ``NAME.*``.
    encoding : str, optional
        The encoding of text and web-page inputs, instead of detecting it.
    progress : callable, optional
        Called with a :class:`PlanProgress` as each text is done, in the texts' order.

    Returns
    -------
    CorpusBuild

    Raises
    ------
    InputError
        A source folder holds no plan file, or the store cannot be opened or written.
        A text that cannot be read or extracted is not an error: it is reported (``failed``)
        and skipped.
    KeyboardInterrupt
        Interrupted: each plan is in the store in full with its manifest record, or not at
        all.
    """
    from .. import __version__

    files = plan_files(sources)
    folder = Path(store_path)
    if folder.exists() and not folder.is_dir():
        raise InputError(
            "not a folder: the store is a folder (created if missing)", source=str(folder)
        )
    folder.mkdir(parents=True, exist_ok=True)
    store = open_disk_store(folder)
    results: _Results | None = None
    try:
        records = {r.sha256: r for r in reconcile(store, folder)}
        if not (folder / MANIFEST_NAME).exists():  # the folder is a corpus from now on
            save_manifest(folder, [])
        total = len(files)
        events: dict[int, PlanProgress] = {}
        pending: list[tuple[int, _Job, str, PlanRecord | None, str | None]] = []
        taken_here: dict[str, str] = {}  # sha256 -> path, texts of this build
        ids_taken = {r.id for r in records.values()}
        for index, path in enumerate(files, start=1):
            source = str(path)
            try:
                sha = _sha256(path)
            except OSError as exc:
                message = f"{source}: cannot read: {exc.strerror or exc}"
                events[index] = PlanProgress(index, total, source, "failed", message=message)
                continue
            curation = None
            if curation_dir is not None:
                candidate = Path(curation_dir) / f"{path.stem}.yaml"
                curation = str(candidate) if candidate.is_file() else None
            curation_sha = _sha256(Path(curation)) if curation else None
            if sha in taken_here:
                message = f"the same text as {taken_here[sha]}"
                events[index] = PlanProgress(index, total, source, "skipped", message=message)
                continue
            taken_here[sha] = source
            resolved = str(path.resolve())
            same = records.get(sha)
            if (
                same is not None
                and same.version == __version__
                and same.curation_sha256 == curation_sha
            ):
                if same.source != resolved:
                    records[sha] = same = replace(same, source=resolved, file=path.name)
                event = PlanProgress(index, total, source, "skipped", same, "unchanged")
                events[index] = event
                continue
            old = same or next((r for r in records.values() if r.source == resolved), None)
            if old is not None:
                plan_id = old.id
            else:
                plan_id = _unique(_slug(path.stem), ids_taken)
                ids_taken.add(plan_id)
            job = _Job(str(path), plan_id, curation, encoding)
            pending.append((index, job, sha, old, curation_sha))

        jobs_at = {p[0]: p[1:] for p in pending}
        results = _Results(pending, jobs)
        writer = _GroupWriter(store, folder, records, progress, pooled=results.pooled)
        for index in range(1, total + 1):
            if index in events:
                writer.report(events[index])
                continue
            job, sha, old, curation_sha = jobs_at[index]
            out = next(results)
            source = job.path
            if isinstance(out, str):
                events[index] = PlanProgress(index, total, source, "failed", message=out)
                writer.report(events[index])
                continue
            clash = next((r for r in records.values() if r.plan == out.plan and r is not old), None)
            if clash is not None:
                message = f"plan id {out.id} is already in the store, from {clash.file}"
                events[index] = PlanProgress(index, total, source, "failed", message=message)
                writer.report(events[index])
                continue
            record = PlanRecord(
                plan=out.plan,
                id=out.id,
                title=out.title,
                file=Path(source).name,
                source=str(Path(source).resolve()),
                sha256=sha,
                curation=job.curation,
                curation_sha256=curation_sha,
                version=__version__,
                tasks=out.counts.get("tasks", 0),
                targets=out.counts.get("targets", 0),
                departments=out.counts.get("departments", 0),
                triples=out.counts.get("triples", 0),
                warnings=out.warnings,
                built=datetime.now(UTC).isoformat(timespec="seconds"),
                seconds=out.seconds,
            )
            events[index] = PlanProgress(index, total, source, "built", record)
            writer.add(_Written(events[index], out.own, out.shared, old))
            if writer.due(more=results.ready()):
                writer.commit()
        writer.commit()
        if writer.replaced:
            collect_shared(store)
        save_manifest(folder, list(records.values()))
        store.flush()
        return CorpusBuild(
            built=tuple(writer.built),
            skipped=tuple(e.record for e in events.values() if e.status == "skipped" and e.record),
            failed=tuple(
                (e.source, e.message or "") for e in events.values() if e.status == "failed"
            ),
            plans=len(records),
        )
    finally:
        if results is not None:
            results.close()  # stops the worker processes if the build ended early
        del store  # the store's files are closed when its last reference goes


@dataclass(frozen=True)
class _Written:
    """A plan extracted and not yet in the store: its progress event (and record), its triples."""

    event: PlanProgress
    own: str
    shared: str
    old: PlanRecord | None


class _GroupWriter:
    """Writes finished plans in groups: the store, then the manifest, then the progress lines.

    ``records`` (the manifest's plans by text hash) is shared with the caller and updated as
    plans are added; the manifest on disk lists them once their group is committed.
    """

    #: a group is due once it holds 1/RATIO of the plans listed (and the next is not ready)
    RATIO = 16
    #: ... or this many plans (or 1/RATIO of the plans listed, when more)
    LARGE = 128
    #: ... or when this many seconds have passed since the last commit (or 20 manifest writes')
    SECONDS = 3.0
    #: new plans bulk-loaded together (fewer: one transaction each)
    BULK = 8
    #: with worker processes, a group waits this long at least: the workers go on meanwhile,
    #: and a larger group costs the store less per plan
    PATIENCE = 1.0

    def __init__(
        self,
        store: Any,
        folder: Path,
        records: dict[str, PlanRecord],
        progress: Callable[[PlanProgress], None] | None,
        *,
        pooled: bool,
    ) -> None:
        self.store, self.folder, self.records, self.progress = store, folder, records, progress
        self.patience = self.PATIENCE if pooled else 0.0
        self.group: list[_Written] = []
        self.events: list[PlanProgress] = []  # waiting for the group before them
        self.built: list[PlanRecord] = []
        self.replaced = False
        self.listed = len(records)
        self.last = time.perf_counter()
        self.cost = 0.0  # seconds of the last manifest write

    def report(self, event: PlanProgress) -> None:
        """Report a skipped or failed text, after the plans before it are committed."""
        if self.group:
            self.events.append(event)
        else:
            _report(self.progress, event)

    def add(self, plan: _Written) -> None:
        record, old = plan.event.record, plan.old
        assert record is not None
        if old is not None:
            self.records.pop(old.sha256, None)
            self.replaced = True
        self.records[record.sha256] = record
        self.group.append(plan)
        self.events.append(plan.event)

    def due(self, *, more: bool) -> bool:
        """Whether to commit now; ``more``: the next plan is extracted already."""
        n = len(self.group)
        if n >= max(self.LARGE, self.listed // self.RATIO) or not self.built:
            return True  # large, or the build's first plan: its line comes at once
        waited = time.perf_counter() - self.last
        if waited >= max(self.SECONDS, 20 * self.cost):
            return True
        return not more and n >= max(1, self.listed // self.RATIO) and waited >= self.patience

    def commit(self) -> None:
        """Write the group's plans into the store, then the manifest; report the group."""
        from .._signals import signals_deferred

        if self.group:
            with signals_deferred():  # the group and its manifest records, or neither
                bulk = self._store()
                start = time.perf_counter()
                save_manifest(self.folder, list(self.records.values()))
                self.cost = time.perf_counter() - start
                if bulk:
                    clear_loading(self.folder)
            self.listed = len(self.records)
            self.built.extend(p.event.record for p in self.group if p.event.record)
            self.group = []
        for event in self.events:
            _report(self.progress, event)
        self.events = []
        self.last = time.perf_counter()

    def _store(self) -> bool:
        """Write the group into the store; whether its new plans were bulk-loaded."""
        new = [p for p in self.group if p.old is None]
        bulk = len(new) >= self.BULK
        if bulk:
            graphs = [_graph(p) for p in new]
            mark_loading(self.folder, graphs)
            try:
                load_plans(self.store, [(_graph(p), p.own, p.shared) for p in new])
            except BaseException:
                try:  # remove the part written; if the store will not, the next open will
                    remove_plans(self.store, graphs)
                    collect_shared(self.store)
                    clear_loading(self.folder)
                except PolicyGraphError:
                    pass
                raise
        for plan in self.group:
            if bulk and plan.old is None:
                continue
            replaces = [plan.old.graph] if plan.old is not None else []
            write_plan(self.store, _graph(plan), plan.own, plan.shared, replaces=replaces)
        return bulk


def _graph(plan: _Written) -> str:
    assert plan.event.record is not None
    return plan.event.record.graph


def _terminate(processes: list[Any]) -> None:
    """Stop the worker processes still busy (they had ``_Results.GRACE`` seconds to finish)."""
    for process in processes:
        if process.is_alive():
            process.terminate()


def _report(progress: Callable[[PlanProgress], None] | None, event: PlanProgress) -> None:
    if progress is not None:
        progress(event)


class _Results:
    """The extraction of each pending job, in order; in worker processes when useful.

    Up to ``AHEAD`` texts per worker are queued ahead of the one awaited, so the workers are
    never idle while the caller writes, and finished results wait in memory for few plans.
    """

    AHEAD = 8
    #: seconds the workers have to finish their text when the build stops early
    GRACE = 10.0

    def __init__(
        self, pending: list[tuple[int, _Job, str, PlanRecord | None, str | None]], jobs: int | None
    ) -> None:
        self.jobs = [item[1] for item in pending]
        self.next = 0
        self.workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
        self.futures: list[Any] = []
        self.executor: Any = None
        if self.workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_ignore_interrupts,
            )
            self._submit()

    def _submit(self) -> None:
        queued = self.next + len(self.futures)
        while queued < len(self.jobs) and len(self.futures) < self.AHEAD * self.workers:
            self.futures.append(self.executor.submit(_extract, self.jobs[queued]))
            queued += 1

    def __next__(self) -> _Extracted | str:
        if self.next >= len(self.jobs):
            raise StopIteration
        job = self.jobs[self.next]
        self.next += 1
        if self.executor is None:
            return _extract(job)
        future = self.futures.pop(0)
        self._submit()
        result: _Extracted | str = future.result()
        return result

    @property
    def pooled(self) -> bool:
        """Whether worker processes extract the texts."""
        return self.executor is not None

    def ready(self) -> bool:
        """Whether the next result is there already (never, when extracting in this process)."""
        return bool(self.futures) and self.futures[0].done()

    def close(self) -> None:
        """Stop the workers: soon when results are still due (interrupted, or failed).

        The texts not started are cancelled and the workers finish the one they hold (a
        worker stopped while it sends its result would leave the pool's reader waiting for
        the rest forever); one still busy after ``GRACE`` seconds is terminated.
        """
        if self.executor is None:
            return
        if self.next < len(self.jobs):
            import threading

            processes = list((getattr(self.executor, "_processes", None) or {}).values())
            timer = threading.Timer(self.GRACE, _terminate, args=(processes,))
            timer.daemon = True
            timer.start()
            try:
                self.executor.shutdown(wait=True, cancel_futures=True)
            finally:
                timer.cancel()
        else:
            self.executor.shutdown()
        self.executor = None
