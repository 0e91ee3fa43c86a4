"""The wheel ships the ontology, shapes, queries and data, found with importlib.resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (path,) = out.glob("policygraph-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_bundles_resources(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for required in (
        "policygraph/_bundled/ontology/policygraph.ttl",
        "policygraph/_bundled/ontology/functions.ttl",
        "policygraph/_bundled/ontology/indicators.ttl",
        "policygraph/_bundled/data/plan315.ttl",
        "policygraph/_bundled/data/sources/jiaxing-315-plan.txt",
        "policygraph/_bundled/data/curation/jiaxing-315.yaml",
        "policygraph/_bundled/data/corpus/gold.json",
        "policygraph/_bundled/data/corpus/README.md",
        "policygraph/_bundled/data/corpus/texts/ningbo_ai_opc_2026.txt",
        "policygraph/_bundled/data/corpus/texts/jiaxing-315.txt",
        "policygraph/py.typed",
        "policygraph/cli.py",
    ):
        assert required in names, required
    assert any(n.startswith("policygraph/_bundled/shapes/") for n in names)
    assert any(n.startswith("policygraph/_bundled/queries/") and n.endswith(".rq") for n in names)


def test_wheel_bundles_the_corpus_texts(wheel: zipfile.ZipFile) -> None:
    texts = sorted(
        n for n in wheel.namelist() if n.startswith("policygraph/_bundled/data/corpus/texts/")
    )
    assert len(texts) == 23
    # Jiaxing's corpus text is a link in the checkout, its text itself in the wheel
    jiaxing = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
    assert wheel.read("policygraph/_bundled/data/corpus/texts/jiaxing-315.txt") == (
        jiaxing.read_bytes()
    )


def test_wheel_declares_console_script(wheel: zipfile.ZipFile) -> None:
    entry_points = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "policygraph = policygraph.cli:console" in wheel.read(entry_points).decode()


def test_wheel_declares_what_reports_and_notebooks_need(wheel: zipfile.ZipFile) -> None:
    metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    requires = [
        line.removeprefix("Requires-Dist: ")
        for line in wheel.read(metadata).decode().splitlines()
        if line.startswith("Requires-Dist: ")
    ]
    assert "openpyxl<4,>=3.1" in requires  # report --out writes report.xlsx
    notebooks = {r.split(";")[0] for r in requires if "extra == 'notebooks'" in r}
    # Jupyter itself (to open the notebooks), the kernel that runs them, and the figures
    assert {"notebook<8,>=7.0", "ipykernel<8,>=6.29", "matplotlib<4,>=3.8"} <= notebooks
