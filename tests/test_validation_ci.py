"""The CI artefacts for users' repositories: the pre-commit hook and the GitHub Actions example."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from policygraph.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
WORKFLOW = ROOT / "docs" / "examples" / "validate-plan-graphs.yml"


def test_pre_commit_hook_runs_policygraph_validate_on_rdf_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "policygraph-validate"
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("graphs/plan315.ttl")
    assert pattern.search("graphs/plan.jsonld")
    assert not pattern.search("graphs/sources/plan.txt")
    command = shlex.split(hook["entry"])
    assert command[0] == "policygraph"
    # pre-commit appends the staged file names to the entry
    shutil.copy(FIXTURES / "plan-valid.ttl", tmp_path / "plan.ttl")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    assert main([*command[1:], "--lang", "en", str(tmp_path / "plan.ttl")]) == 0
    assert "conforms: 0 violations, 0 warnings, 0 notes" in capsys.readouterr().out


def test_workflow_example_uses_valid_commands() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    commands = [s["run"] for s in steps if "run" in s and s["run"].startswith("policygraph ")]
    assert len(commands) == 2
    parser = build_parser()
    for command in commands:
        args = parser.parse_args(shlex.split(command)[1:])  # argparse exits on a bad option
        assert args.command == "validate"
        assert args.files == ["graphs/*.ttl"]
    junit = [s for s in steps if s.get("with", {}).get("report_paths") == "validation.xml"]
    assert len(junit) == 1 and junit[0]["if"] == "always()"
    # publishing a check run needs the permission; new repositories default to read-only
    assert workflow["permissions"]["checks"] == "write"


def test_workflow_installs_the_release_the_hook_uses() -> None:
    """policygraph is installed from its repository, at the rev the pre-commit example pins."""
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    (install,) = [s["run"] for s in steps if s.get("run", "").startswith("pip install")]
    docs = (ROOT / "docs" / "validation.md").read_text("utf-8")
    repo = re.search(r"- repo: (\S+)", docs)
    rev = re.search(r"rev: (\S+)", docs)
    assert repo and rev
    assert shlex.split(install)[2:] == [f"policygraph @ git+{repo[1]}@{rev[1]}"]


def test_docs_link_the_workflow_example() -> None:
    docs = (ROOT / "docs" / "validation.md").read_text("utf-8")
    assert "(examples/validate-plan-graphs.yml)" in docs
    assert "id: policygraph-validate" in docs
