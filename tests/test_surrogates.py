"""Text UTF-8 cannot hold (lone surrogates, undecodable bytes of file names): a clear error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policygraph import ExtractionError, extract, to_rdf

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
CURATION = ROOT / "data" / "curation" / "jiaxing-315.yaml"
TEXT = (
    "某市科技创新实施方案（2024—2026年）\n一、重点任务\n"
    "1．建设实验室。（责任单位：市科技局、市财政局）\n"
)


def test_a_lone_surrogate_in_the_text() -> None:
    text = TEXT.replace("实验室。", "实验室\ud800。")
    assert text.splitlines()[2].index("\ud800") == 7  # line 3, column 8
    with pytest.raises(ExtractionError) as info:
        to_rdf(extract(text))
    assert str(info.value) == (
        "<text>:3:8: the text holds a lone surrogate U+D800, which is not a character"
    )


def test_a_lone_surrogate_in_a_label() -> None:
    doc = extract(TEXT)
    doc.label_en = "City plan \udfff"
    with pytest.raises(
        ExtractionError,
        match=r"the prefLabel of <.*/plan/p[0-9a-f]{8}> holds a "
        r"lone surrogate U\+DFFF, which is not a character: 'City plan \\udfff'",
    ):
        to_rdf(doc)


def _run(argv: list[bytes | str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "policygraph.cli", *argv], cwd=cwd, capture_output=True
    )


def test_a_surrogate_escape_in_the_curation_file(tmp_path: Path) -> None:
    original = "{id: finance-bureau, en: Municipal Finance Bureau}"
    text = CURATION.read_text(encoding="utf-8")
    line = text[: text.index(original)].count("\n") + 1
    escaped = '{id: finance-bureau, en: "Municipal \\uD800 Finance Bureau"}'
    (tmp_path / "cur.yaml").write_text(text.replace(original, escaped), encoding="utf-8")
    done = _run(["build", str(SOURCE), "--curation", "cur.yaml", "-o", "g.ttl"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        f"policygraph build: error: cur.yaml:{line}: departments.市财政局.en: holds a lone "
        "surrogate U+D800, which is not a character; write the character itself\n"
    )
    assert not (tmp_path / "g.ttl").exists()  # before: written, with '?' in 9 labels


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux")
def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    shutil.copy(SOURCE, os.path.join(os.fsencode(tmp_path), b"plan-\xff.txt"))
    done = _run([b"build", b"plan-\xff.txt", b"-o", b"g.ttl"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(b"policygraph build: error: plan-\\xff.txt: the fileName of <")
    assert done.stderr.endswith(b"holds the byte 0xFF, which is not UTF-8: 'plan-\\xff.txt'\n")
    # an output name that is not UTF-8 is fine: written, and named in bytes as given
    shutil.copy(SOURCE, tmp_path / "plan.txt")
    done = _run([b"build", b"plan.txt", b"-o", b"out-\xfe.ttl", b"-q"], tmp_path)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"wrote out-\xfe.ttl: ")
    written = (tmp_path / os.fsdecode(b"out-\xfe.ttl")).read_text(encoding="utf-8")
    assert "Regenerate with: policygraph build plan.txt -o out-\\xfe.ttl\n" in written
