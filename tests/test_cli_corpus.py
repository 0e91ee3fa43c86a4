"""``policygraph corpus build / list`` and ``serve --store`` on three plans of data/corpus.

Counts from the texts: Jiaxing 19 tasks and 49 targets (data/plan315.ttl), Ningbo 21 tasks and
2 targets, Cangnan 8 tasks and 2 targets (data/corpus/gold.json).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policygraph import query
from policygraph.cli import main
from policygraph.corpus import load_manifest, open_corpus
from policygraph.server import free_port

TEXTS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "texts"
THREE = [
    str(TEXTS / f"{n}.txt") for n in ("cangnan_ai_opc_2026", "jiaxing-315", "ningbo_ai_opc_2026")
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "corpus.oxigraph"
    assert main(["corpus", "build", *THREE, "--store", str(folder), "--jobs", "2"]) == 0
    return folder


def test_build_prints_a_line_per_plan_and_skips_unchanged_texts(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", "build", *THREE, "--store", str(store)]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "policygraph corpus build: [1/3] cangnan_ai_opc_2026.txt: skipped (unchanged)",
        "policygraph corpus build: [2/3] jiaxing-315.txt: skipped (unchanged)",
        "policygraph corpus build: [3/3] ningbo_ai_opc_2026.txt: skipped (unchanged)",
    ]
    assert out == f"0 built, 3 unchanged, 0 failed; 3 plans in {store}\n"


def test_build_line_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "build", THREE[0], "--store", str(tmp_path / "s")]) == 0
    _, err = capsys.readouterr()
    assert err == (
        "policygraph corpus build: [1/1] cangnan_ai_opc_2026.txt: 8 tasks, 2 targets "
        "(cangnan-ai-opc-2026), 1 warning\n"
    )


def test_a_bad_file_exits_2_and_the_others_are_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    code = main(["corpus", "build", str(bad), THREE[2], "--store", str(tmp_path / "s"), "-q"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("policygraph corpus build: [1/2] empty.pdf: error: ")
    assert err.rstrip().endswith("(skipped)") and len(err.splitlines()) == 1
    assert out == f"1 built, 0 unchanged, 1 failed; 1 plans in {tmp_path / 's'}\n"


def test_list_shows_the_manifest(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "list", "--store", str(store)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:5] == ["id", "tasks", "targets", "departments", "triples"]
    rows = {line.split()[0]: line.split()[1:3] for line in lines[1:]}
    assert rows == {
        "cangnan-ai-opc-2026": ["8", "2"],
        "jiaxing-315": ["19", "49"],
        "ningbo-ai-opc-2026": ["21", "2"],
    }


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "list", "--store", str(tmp_path)]) == 2
    assert "not a corpus store" in capsys.readouterr().err
    assert main(["corpus", "build", THREE[0], "--store", str(tmp_path), "--jobs", "0"]) == 2
    assert main(["corpus"]) == 2


def test_serve_store_answers_cq01_through_sparqlwrapper(store: Path) -> None:
    with open_corpus(store) as corpus:
        expected = corpus.query("cq01")
    assert len(expected) == 19 + 21 + 8
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policygraph.cli",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert process.stdout is not None
        lines = []
        while not lines or not lines[-1].startswith("press Ctrl-C"):
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.stderr else ""
            lines.append(line.rstrip("\n"))
        assert lines[0] == (
            f"Oxigraph SPARQL server (read-only) on the store {store} (a corpus of 3 plans)"
        )
        frame = query(f"http://127.0.0.1:{port}/query", "cq01")  # SPARQLWrapper
        key = ["task", "lead"]
        assert (
            frame.sort_values(key)
            .reset_index(drop=True)[key]
            .equals(expected.sort_values(key).reset_index(drop=True)[key])
        )
        assert "打造新型实验室体系" in set(frame["task_label"])
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0


def test_serve_store_without_a_store_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--store", str(tmp_path / "none")]) == 2
    assert "no Oxigraph store here" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


def test_ctrl_c_exits_130_and_leaves_whole_plans(tmp_path: Path) -> None:
    store = tmp_path / "s"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policygraph.cli",
            "corpus",
            "build",
            str(TEXTS),
            "--store",
            str(store),
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # one plan written
    assert first.startswith("policygraph corpus build: [1/23]")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.splitlines()[-1] == "policygraph corpus: interrupted", err
    time.sleep(0.1)
    records = load_manifest(store)
    assert 1 <= len(records) < 23
    with open_corpus(store) as corpus:
        graphs = sorted(g.value for g in corpus.store.named_graphs())
        assert graphs == sorted(r.graph for r in records)
