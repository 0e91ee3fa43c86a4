"""A command never writes over one of its inputs: the output is checked with os.path.samefile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from policygraph.cli import main
from policygraph.resources import PLAN315_TTL, resource_path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
CURATION = ROOT / "data" / "curation" / "jiaxing-315.yaml"
PLAN = ROOT / "data" / "plan315.ttl"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding copies of the plan text, its curation and its graph."""
    for path, name in ((SOURCE, "plan.txt"), (CURATION, "cur.yaml"), (PLAN, "g.ttl")):
        shutil.copy(path, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str], work: Path) -> str:
    before = {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()}
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # one line
    after = {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()}
    assert after == before  # nothing written, nothing replaced
    return err.strip()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["build", "plan.txt", "-o", "plan.txt"],
            "refusing to write plan.txt: it is the input plan.txt",
        ),
        (
            ["build", "plan.txt", "--curation", "cur.yaml", "-o", "cur.yaml"],
            "refusing to write cur.yaml: it is the input cur.yaml",
        ),
        (["validate", "g.ttl", "-o", "g.ttl"], "refusing to write g.ttl: it is the input g.ttl"),
        (
            ["validate", "g.ttl", "--shapes", "cur.yaml", "-o", "./cur.yaml"],
            "refusing to write cur.yaml: it is the input cur.yaml",
        ),
        (
            ["network", "g.ttl", "--format", "graphml", "-o", "g.ttl"],
            "refusing to write g.ttl: it is the input g.ttl",
        ),
        (
            ["network", "g.ttl", "-o", "net.graphml", "--metrics", "g.ttl"],
            "refusing to write g.ttl: it is the input g.ttl",
        ),
        (
            ["network", "g.ttl", "-o", "net.graphml", "--metrics", "net.graphml"],
            "refusing to write net.graphml twice: it is also the output net.graphml",
        ),
    ],
)
def test_an_output_that_is_an_input_is_refused(
    argv: list[str], message: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _refused(argv, capsys, work) == f"policygraph {argv[0]}: error: {message}"


def test_links_to_an_input_are_the_input(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "soft.ttl").symlink_to(work / "plan.txt")
    os.link(work / "plan.txt", work / "hard.ttl")
    for link in ("soft.ttl", "hard.ttl"):
        err = _refused(["build", "plan.txt", "-o", link], capsys, work)
        assert err.endswith(f"refusing to write {link}: it is the input plan.txt")
    assert (work / "plan.txt").read_bytes() == SOURCE.read_bytes()


def test_a_folder_link_to_the_inputs_folder(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "same").symlink_to(work, target_is_directory=True)
    err = _refused(["validate", "g.ttl", "-o", "same/g.ttl"], capsys, work)
    assert err.endswith("refusing to write same/g.ttl: it is the input g.ttl")


def test_report_files_are_checked(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "out").mkdir()
    shutil.copy(PLAN, work / "out" / "report.md")  # a graph file that happens to be named so
    err = _refused(["report", "out/report.md", "--out", "out"], capsys, work)
    assert err.endswith("refusing to write out/report.md: it is the input out/report.md")
    assert (work / "out" / "report.md").read_bytes() == PLAN.read_bytes()


def test_the_bundled_plan_is_an_input_when_no_file_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = resource_path(*PLAN315_TTL)
    before = bundled.read_bytes()
    assert main(["network", "--format", "graphml", "-o", str(bundled)]) == 2
    assert f"it is the input {bundled}" in capsys.readouterr().err
    assert bundled.read_bytes() == before


def test_a_new_output_is_written(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "g.ttl", "-o", "report.txt"]) == 0
    assert (work / "report.txt").read_text(encoding="utf-8").startswith("g.ttl")


def test_several_texts_never_replace_one_of_them(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SOURCE, work / "a.ttl")  # a plan text that happens to end in .ttl
    err = _refused(["build", "a.ttl", "plan.txt", "-o", "."], capsys, work)
    assert err.endswith("refusing to write a.ttl: it is the input a.ttl")
    assert not (work / "plan.ttl").exists()  # nothing built before the check
