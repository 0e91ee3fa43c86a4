"""``policygraph validate --store DIR`` and ``Corpus.validate`` on a ``corpus build`` store.

Three plans of data/corpus/texts (Cangnan, Jiaxing, Ningbo): the built graphs have no
violation (the same plans validate clean as files); removing a task's one lead department
gives exactly that violation, and the store engine and pySHACL on the store's data agree.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from policygraph.cli import main
from policygraph.corpus import open_corpus

TEXTS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "texts"
THREE = [
    str(TEXTS / f"{n}.txt") for n in ("cangnan_ai_opc_2026", "jiaxing-315", "ningbo_ai_opc_2026")
]
#: a Jiaxing task led by one department (data/plan315.ttl: task 2-1-1)
TASK = "https://w3id.org/policygraph/id/plan/jiaxing-315/task/2-1-1"
LEAD = "https://w3id.org/policygraph/def#lead"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("validate-store") / "corpus.oxigraph"
    assert main(["corpus", "build", *THREE, "--store", str(folder), "-q"]) == 0
    return folder


@pytest.fixture(scope="module")
def no_lead(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the store with task 2-1-1's pg:lead removed (from every graph)."""
    folder = tmp_path_factory.mktemp("validate-store-mutated") / "corpus.oxigraph"
    shutil.copytree(store, folder)
    db = ox.Store(str(folder))
    quads = list(db.quads_for_pattern(ox.NamedNode(TASK), ox.NamedNode(LEAD), None, None))
    assert len(quads) == 1  # one lead
    for quad in quads:
        db.remove(quad)
    db.flush()
    del db
    return folder


def test_real_plans_have_no_violation(store: Path, capsys: pytest.CaptureFixture[str]):
    code = main(["validate", "--store", str(store), "--format", "json", "--sources", str(TEXTS)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["conforms"] is True
    assert data["counts"]["Violation"] == 0
    # the quotes were compared with the texts, plan by plan: none differs from its source
    checks = {r["source_shape"].split("#")[1] for r in data["results"]}
    assert not checks & {"SourceTextQuote", "SourceTextSpan", "SourceTextChecksum"}
    # Jiaxing's period (2023—2027) is read from its title; Cangnan and Ningbo state none
    periods = sorted(r["focus_node"] for r in data["results"] if r["path"] == "pg:period")
    assert [p.split("/")[-1] for p in periods] == ["cangnan-ai-opc-2026", "ningbo-ai-opc-2026"]


def test_a_removed_lead_is_the_violation(no_lead: Path, capsys: pytest.CaptureFixture[str]):
    outputs = []
    for engine in ("fast", "pyshacl"):
        code = main(["validate", "--store", str(no_lead), "--format", "json", "--engine", engine])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]  # the store engine gives pySHACL's findings
    code, out = outputs[0]
    assert code == 1
    data = json.loads(out)
    violations = [r for r in data["results"] if r["severity"] == "Violation"]
    assert [(r["focus_node"], r["source_shape"].split("#")[1]) for r in violations] == [
        (TASK, "TaskLead")
    ]
    assert data["counts"]["Violation"] == 1


def test_corpus_validate(no_lead: Path):
    with open_corpus(no_lead) as corpus:
        report = corpus.validate(check_sources=False)
    assert not report.conforms
    assert [r.source_shape.split("#")[1] for r in report.results if r.severity == "Violation"] == [
        "TaskLead"
    ]


@pytest.mark.parametrize("kind", ["empty folder", "file", "missing"])
def test_not_a_store_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
):
    target = tmp_path / "not-a-store"
    if kind == "empty folder":
        target.mkdir()
    elif kind == "file":
        target.write_text("not a database\n", encoding="utf-8")
    assert main(["validate", "--store", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(target) in err and "Traceback" not in err
    assert not (target / "CURRENT").exists()  # nothing was created


def test_store_and_files_together_are_refused(store: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["validate", THREE[0], "--store", str(store)]) == 2
    assert "not both" in capsys.readouterr().err
