"""The CI and pre-commit docs pin a revision that exists and say how to update it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "validation.md"
WORKFLOW = ROOT / "docs" / "examples" / "validate-plan-graphs.yml"


def _tags() -> set[str]:
    proc = subprocess.run(
        ["git", "-C", str(ROOT), "tag", "--list"], capture_output=True, text=True, check=False
    )
    return set(proc.stdout.split()) if proc.returncode == 0 else set()


def test_pins_name_no_missing_tag() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    workflow = WORKFLOW.read_text(encoding="utf-8")
    pinned = re.findall(r"rev: (\S+)", docs) + re.findall(r"policygraph@([^\"\s]+)", workflow)
    assert pinned == ["<commit-sha>", "<commit-sha>"]  # a commit the user picks, in both places
    for version in re.findall(r"\bv\d+\.\d+\.\d+\b", docs + workflow):
        assert version in _tags(), f"{version} is pinned but is not a tag"


def test_docs_say_how_to_pick_and_update_the_pin() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert "git ls-remote https://github.com/<owner>/policygraph\nHEAD" in docs
    assert "pre-commit autoupdate --bleeding-edge" in docs
    assert "Use the same commit (or tag) in the GitHub Actions install step." in docs
