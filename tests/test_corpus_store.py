"""A corpus store: the bundled corpus (22 plans of data/corpus/texts and Jiaxing) in Oxigraph.

Counts are those of the texts: Jiaxing's 19 tasks (data/sources/jiaxing-315-plan.txt), and
the tasks and targets data/corpus/gold.json lists for four other plans (read by hand).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from policygraph.corpus import build_corpus, load_manifest, open_corpus
from policygraph.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
MINI = ROOT / "tests" / "fixtures" / "formats" / "plan.txt"  # 2 tasks, 2 targets
PG = "https://w3id.org/policygraph/def#"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("corpus")
    texts = root / "texts"
    shutil.copytree(CORPUS / "texts", texts)  # Jiaxing's link copied as its text
    store = root / "store"
    result = build_corpus([texts], store, jobs=2)
    return {"texts": texts, "store": store, "result": result}


def _tasks_per_graph(corpus: Any) -> dict[str, int]:
    frame = corpus.query(
        f"SELECT ?g (COUNT(?t) AS ?n) WHERE {{ GRAPH ?g {{ ?t a <{PG}Task> }} }} GROUP BY ?g"
    )
    return dict(zip(frame["g"], frame["n"], strict=True))


def test_the_bundled_corpus_is_23_plans_in_23_named_graphs(built: dict[str, Any]) -> None:
    result = built["result"]
    assert (len(result.built), len(result.skipped), result.failed, result.plans) == (23, 0, (), 23)
    with open_corpus(built["store"]) as corpus:
        graphs = sorted(g.value for g in corpus.store.named_graphs())
        plans = corpus.plans().set_index("id")
        expected = sorted(
            "urn:sha256:" + hashlib.sha256(p.read_bytes()).hexdigest()
            for p in built["texts"].glob("*.txt")
        )
        assert graphs == expected
        assert _tasks_per_graph(corpus) == dict(zip(plans["graph"], plans["tasks"], strict=True))
    assert plans.loc["jiaxing-315", "tasks"] == 19
    for stem in ("ningbo_ai_opc_2026", "gov2019_zonghe_baoshuiqu", "sd2019_shuzi_shandong"):
        gold = GOLD[f"{stem}.txt"]
        row = plans.loc[stem.replace("_", "-")]
        assert (row["tasks"], row["targets"]) == (len(gold["tasks"]), len(gold["targets"]))
        assert row["file"] == f"{stem}.txt"
    assert not any(i.startswith("p") and len(i) == 9 for i in plans.index)  # no hash ids


def test_shared_things_are_stored_once(built: dict[str, Any]) -> None:
    with open_corpus(built["store"]) as corpus:
        every = corpus.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        distinct = corpus.query(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
        )
        assert every.loc[0, "n"] == distinct.loc[0, "n"]
        # 国家发展改革委, one department of the State Council's plans, led tasks in several
        frame = corpus.query(
            "SELECT ?d (COUNT(DISTINCT ?g) AS ?plans) WHERE { ?d <http://www.w3.org/2004/02/"
            "skos/core#prefLabel> '国家发展改革委'@zh . GRAPH ?g { ?r <" + PG + "department> ?d } }"
            " GROUP BY ?d"
        )
    assert len(frame) == 1 and frame.loc[0, "plans"] >= 2


def test_a_second_build_skips_every_plan(built: dict[str, Any]) -> None:
    before = load_manifest(built["store"])
    result = build_corpus([built["texts"]], built["store"], jobs=2)
    assert (len(result.built), len(result.skipped), result.plans) == (0, 23, 23)
    assert load_manifest(built["store"]) == before


def test_a_changed_text_replaces_exactly_its_plan(built: dict[str, Any]) -> None:
    with open_corpus(built["store"]) as corpus:
        old = corpus.plans().set_index("id")
        old_tasks = _tasks_per_graph(corpus)
    text = built["texts"] / "cangnan_ai_opc_2026.txt"
    original = text.read_bytes()
    shutil.copyfile(MINI, text)  # the 南湖区 plan: 2 tasks, 2 targets
    try:
        result = build_corpus([built["texts"]], built["store"], jobs=2)
        assert [r.id for r in result.built] == ["cangnan-ai-opc-2026"]
        assert len(result.skipped) == 22
        with open_corpus(built["store"]) as corpus:
            new = corpus.plans().set_index("id")
            tasks = _tasks_per_graph(corpus)
            county = corpus.query(  # a unit only the old Cangnan text names
                "ASK { ?d <http://www.w3.org/2004/02/skos/core#prefLabel> '县城投集团'@zh }"
            )
        assert (
            new.loc["cangnan-ai-opc-2026", "tasks"],
            old.loc["cangnan-ai-opc-2026", "tasks"],
        ) == (2, 8)
        old_graph = old.loc["cangnan-ai-opc-2026", "graph"]
        assert old_graph not in tasks and len(tasks) == 23
        unchanged = [i for i in old.index if i != "cangnan-ai-opc-2026"]
        assert new.loc[unchanged, "graph"].tolist() == old.loc[unchanged, "graph"].tolist()
        assert {g: n for g, n in old_tasks.items() if g != old_graph} == {
            g: n for g, n in tasks.items() if g != new.loc["cangnan-ai-opc-2026", "graph"]
        }
        assert not county.loc[0, "ask"]
    finally:
        text.write_bytes(original)


def test_a_bad_file_is_reported_and_skipped(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a Word document")
    events: list[Any] = []
    result = build_corpus(
        [bad, CORPUS / "texts" / "ningbo_ai_opc_2026.txt"], tmp_path / "s", progress=events.append
    )
    assert [(e.index, e.status) for e in events] == [(1, "failed"), (2, "built")]
    assert result.failed[0][0] == str(bad) and "broken.docx" in result.failed[0][1]
    assert [r.id for r in load_manifest(tmp_path / "s")] == ["ningbo-ai-opc-2026"]


def test_a_failed_transaction_leaves_no_partial_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policygraph.corpus.build as build

    real = build.write_plan

    def broken(store: Any, graph: str, own: str, shared: str, **kw: Any) -> None:
        lines = own.splitlines()  # the plan's triples, broken off half way
        half = "\n".join([*lines[: len(lines) // 2], "<urn:x> <urn:y> <bad iri> ."])
        real(store, graph, half, shared, **kw)

    monkeypatch.setattr(build, "write_plan", broken)
    store = tmp_path / "s"
    with pytest.raises(InputError, match="refused the update"):
        build_corpus([CORPUS / "texts" / "cangnan_ai_opc_2026.txt"], store, jobs=1)
    monkeypatch.undo()
    with open_corpus(store) as corpus:
        assert list(corpus.store.named_graphs()) == []
        assert len(corpus.store) == 0
        assert corpus.plans().empty


def test_a_build_killed_before_its_manifest_leaves_the_store_consistent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policygraph.corpus.build as build

    real = build.save_manifest

    def killed(folder: Any, records: Any) -> None:
        if len(records) == 2:  # the second plan is in the store, its record not yet written
            raise KeyboardInterrupt
        real(folder, records)

    monkeypatch.setattr(build, "save_manifest", killed)
    texts = [CORPUS / "texts" / f"{n}.txt" for n in ("cangnan_ai_opc_2026", "ningbo_ai_opc_2026")]
    store = tmp_path / "s"
    with pytest.raises(KeyboardInterrupt):
        build_corpus(texts, store, jobs=1)
    monkeypatch.undo()
    with open_corpus(store) as corpus:  # reconciled: the unlisted plan removed
        assert corpus.plans()["id"].tolist() == ["cangnan-ai-opc-2026"]
        assert [g.value for g in corpus.store.named_graphs()] == corpus.plans()["graph"].tolist()
        ningbo = corpus.query(
            "ASK { ?d <http://www.w3.org/2004/02/skos/core#prefLabel> '宁波市人民政府办公厅'@zh }"
        )
        assert not ningbo.loc[0, "ask"]
    result = build_corpus(texts, store, jobs=1)
    assert ([r.id for r in result.built], len(result.skipped)) == (["ningbo-ai-opc-2026"], 1)


def test_open_corpus_refuses_a_folder_without_manifest(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a corpus store"):
        open_corpus(tmp_path)
