"""Group commit in ``corpus build``: bulk-loaded groups, and what a kill leaves.

The texts are the bundled corpus (data/corpus/texts: 23 plans) and copies of them with a line
appended (each copy its own SHA-256, graph and id). A store is compared with another as its
sets of quads, and with its manifest: whole plans only, nothing else.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from policygraph.corpus import MANIFEST_NAME, build_corpus, load_manifest, open_corpus

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "data" / "corpus" / "texts"
PG = "https://w3id.org/policygraph/def#"


def _quads(folder: Path) -> set[str]:
    with open_corpus(folder) as corpus:
        return {str(q) for q in corpus.store.quads_for_pattern(None, None, None)}


def _records(folder: Path) -> list[dict[str, Any]]:
    """The manifest's records, but when each plan was built and how long it took."""
    return [
        {k: v for k, v in vars(r).items() if k not in ("built", "seconds")}
        for r in load_manifest(folder)
    ]


def _copies(out: Path, n: int) -> list[Path]:
    texts = sorted(TEXTS.glob("*.txt"))
    out.mkdir()
    made = []
    for k in range(n):
        source = texts[k % len(texts)]
        target = out / f"{source.stem}_c{k}.txt"
        target.write_bytes(source.read_bytes() + f"\n（副本 {k}）\n".encode())
        made.append(target)
    return made


def test_bulk_loaded_groups_give_the_store_of_plans_written_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policygraph.corpus.build as build

    one_by_one = tmp_path / "one"
    build_corpus([TEXTS], one_by_one, jobs=1)  # in this process: the writer never lags

    loads: list[int] = []
    writes: list[int] = []
    real_load, real_save = build.load_plans, build.save_manifest

    def load_plans(store: Any, plans: Any) -> None:
        plans = list(plans)
        loads.append(len(plans))
        real_load(store, plans)

    def save_manifest(folder: Any, records: Any) -> None:
        writes.append(len(records))
        real_save(folder, records)

    # the writer behind the workers: groups of 12 (the size bound), none cut by time
    monkeypatch.setattr(build._Results, "ready", lambda self: True)
    monkeypatch.setattr(build._GroupWriter, "LARGE", 12)
    monkeypatch.setattr(build._GroupWriter, "SECONDS", 1e9)
    monkeypatch.setattr(build, "load_plans", load_plans)
    monkeypatch.setattr(build, "save_manifest", save_manifest)
    events: list[Any] = []
    grouped = tmp_path / "grouped"
    result = build_corpus([TEXTS], grouped, jobs=1, progress=events.append)
    monkeypatch.undo()

    assert (len(result.built), result.plans) == (23, 23)
    # 23 texts: the first alone (its line at once), a group of 12, then the 10 left at the end
    assert loads == [12, 10]
    assert writes == [0, 1, 13, 23, 23]  # new manifest, three groups, the final write
    assert [(e.index, e.status) for e in events] == [(i, "built") for i in range(1, 24)]
    assert not (grouped / "policygraph-corpus.loading").exists()
    assert _quads(grouped) == _quads(one_by_one)
    assert _records(grouped) == _records(one_by_one)


@pytest.mark.parametrize("part", ["shared triples only", "half the plan"])
def test_a_bulk_load_cut_short_is_removed_when_the_store_is_opened(
    tmp_path: Path, part: str
) -> None:
    import policygraph.corpus.build as build
    from policygraph.corpus._manifest import LOADING_NAME, mark_loading
    from policygraph.corpus._store import load_plans, open_disk_store

    store_dir = tmp_path / "s"
    build_corpus([TEXTS / "cangnan_ai_opc_2026.txt"], store_dir, jobs=1)
    before = _quads(store_dir)
    out = build._extract(build._Job(str(TEXTS / "ningbo_ai_opc_2026.txt"), "n", None, None))
    assert isinstance(out, build._Extracted)
    graph = "urn:sha256:" + "0" * 64
    lines = out.own.splitlines()
    own = "" if part == "shared triples only" else "\n".join(lines[: len(lines) // 2])

    store = open_disk_store(store_dir)  # what a build killed in the middle of its load leaves
    mark_loading(store_dir, [graph])
    load_plans(store, [(graph, own, out.shared)])
    grown = len(store)
    del store

    assert grown > len(before)
    with open_corpus(store_dir) as corpus:
        assert corpus.plans()["id"].tolist() == ["cangnan-ai-opc-2026"]
    assert _quads(store_dir) == before
    assert not (store_dir / LOADING_NAME).exists()


def test_a_hard_kill_leaves_whole_plans_only_and_the_next_build_completes(
    tmp_path: Path,
) -> None:
    texts = _copies(tmp_path / "texts", 40)
    store = tmp_path / "s"
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policygraph.cli",
            "corpus",
            "build",
            str(tmp_path / "texts"),
            "--store",
            str(store),
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its workers are killed with it
    )
    deadline = time.monotonic() + 120
    listed: list[Any] = []
    while time.monotonic() < deadline and build.poll() is None:
        if (store / MANIFEST_NAME).exists():
            listed = load_manifest(store)
            if listed:  # the first plan is committed alone; the rest come in groups
                break
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert 1 <= len(listed) < 40, "the build was not killed part way"

    with open_corpus(store) as corpus:  # reconciled
        plans = corpus.plans()
        graphs = sorted(g.value for g in corpus.store.named_graphs())
        frame = corpus.query(
            f"SELECT ?g (COUNT(?t) AS ?n) WHERE {{ GRAPH ?g {{ ?t a <{PG}Task> }} }} GROUP BY ?g"
        )
    kept = len(plans)
    assert kept >= len(listed)  # what the manifest listed when the kill came stays
    assert graphs == sorted(plans["graph"])
    assert dict(zip(frame["g"], frame["n"], strict=True)) == dict(
        zip(plans["graph"], plans["tasks"], strict=True)
    )
    fresh = tmp_path / "fresh"  # the same plans built alone: the same quads, nothing else
    build_corpus([tmp_path / "texts" / f for f in plans["file"]], fresh, jobs=1)
    assert _quads(store) == _quads(fresh)

    result = build_corpus([tmp_path / "texts"], store, jobs=2)
    assert (len(result.built), len(result.skipped), result.plans) == (40 - kept, kept, 40)
    assert len(texts) == 40
