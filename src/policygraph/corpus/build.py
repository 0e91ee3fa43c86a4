"""Build a corpus: many plan texts into one on-disk Oxigraph store, one named graph per plan.

Texts are extracted in parallel, in worker processes; the calling process alone writes the
store, one transaction per plan, then the manifest (see :mod:`policygraph.corpus._store` for
the layout). A text whose bytes, curation file and policygraph version are those of a plan
already in the store is skipped; a changed text replaces its plan (found by its path).

Plan ids
--------
A plan keeps the id its curation file gives (``jiaxing-315``). Otherwise its id is its file
name when that is a clean ASCII name (``ningbo_ai_opc_2026.txt`` → ``ningbo-ai-opc-2026``),
else ``plan-1``, ``plan-2``…; a text rebuilt from the same path keeps its id, and a second
text with a taken id gets ``-2``. (``policygraph build FILE`` still derives the id of an
uncurated plan from a hash of its title.)
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
from typing import Any, Literal

from ..errors import InputError, PolicyGraphError
from ..readers import plan_files
from ._manifest import MANIFEST_NAME, PlanRecord, graph_name, load_manifest, save_manifest
from ._store import collect_shared, ntriples, open_disk_store, remove_plans, write_plan

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
    kill) is removed, with the shared triples only it used.
    """
    records = load_manifest(folder)
    graphs = {g.value for g in store.named_graphs()}
    kept = [r for r in records if r.graph in graphs]
    listed = {r.graph for r in kept}
    orphans = sorted(g for g in graphs if g.startswith("urn:sha256:") and g not in listed)
    if orphans:
        remove_plans(store, orphans)
    if orphans or len(kept) != len(records):
        collect_shared(store)
        save_manifest(folder, kept)
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
    import pyoxigraph as ox

    from .._writer import stream, survey
    from ..pipeline import build_document
    from ..rdf import plan_iri, plan_triples
    from ..sparql import split_by_plan
    from ..summary import count_triples

    start = time.perf_counter()
    try:
        doc = build_document(job.path, curation=job.curation, encoding=job.encoding)
        if not doc.id:
            doc.id = job.plan_id
        triples = plan_triples(doc)
        quads = split_by_plan(list(stream(survey(triples)[0])))
    except PolicyGraphError as exc:
        return str(exc)
    except Exception as exc:  # a defect on one text must not stop the corpus
        return f"unexpected {type(exc).__name__} (please report it): {exc}"
    own = ntriples(q.triple for q in quads if isinstance(q.graph_name, ox.NamedNode))
    shared = ntriples(q.triple for q in quads if isinstance(q.graph_name, ox.DefaultGraph))
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
    from .._signals import signals_deferred

    files = plan_files(sources)
    folder = Path(store_path)
    if folder.exists() and not folder.is_dir():
        raise InputError(
            "not a folder: the store is a folder (created if missing)", source=str(folder)
        )
    folder.mkdir(parents=True, exist_ok=True)
    store = open_disk_store(folder)
    results = None
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
        results = _run(pending, jobs)
        built: list[PlanRecord] = []
        replaced = False
        for index in range(1, total + 1):
            if index in events:
                _report(progress, events[index])
                continue
            job, sha, old, curation_sha = jobs_at[index]
            out = next(results)
            source = job.path
            if isinstance(out, str):
                events[index] = PlanProgress(index, total, source, "failed", message=out)
                _report(progress, events[index])
                continue
            clash = next((r for r in records.values() if r.plan == out.plan and r is not old), None)
            if clash is not None:
                message = f"plan id {out.id} is already in the store, from {clash.file}"
                events[index] = PlanProgress(index, total, source, "failed", message=message)
                _report(progress, events[index])
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
            replaces = [old.graph] if old is not None else []
            with signals_deferred():  # the plan and its manifest record, or neither
                write_plan(store, graph_name(sha), out.own, out.shared, replaces=replaces)
                if old is not None:
                    records.pop(old.sha256, None)
                    replaced = True
                records[sha] = record
                save_manifest(folder, list(records.values()))
            built.append(record)
            events[index] = PlanProgress(index, total, source, "built", record)
            _report(progress, events[index])
        if replaced:
            collect_shared(store)
        save_manifest(folder, list(records.values()))
        store.flush()
        return CorpusBuild(
            built=tuple(built),
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


def _report(progress: Callable[[PlanProgress], None] | None, event: PlanProgress) -> None:
    if progress is not None:
        progress(event)


def _run(
    pending: list[tuple[int, _Job, str, PlanRecord | None, str | None]], jobs: int | None
) -> Any:
    """Yield the extraction of each pending job, in order; in worker processes when useful."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
    if workers == 1:
        for item in pending:
            yield _extract(item[1])
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_ignore_interrupts,
    )
    try:
        futures = [executor.submit(_extract, item[1]) for item in pending]
        for future in futures:
            yield future.result()
    except BaseException:
        # interrupted (or the store failed): stop the workers now rather than finish the queue
        for process in list(getattr(executor, "_processes", {}).values()):
            process.terminate()
        executor.shutdown(wait=True, cancel_futures=True)  # joins the stopped workers
        raise
    executor.shutdown()
