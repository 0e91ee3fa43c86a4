"""Every command spells its options alike: -o/--output (old --out kept), --lang zh by default."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from policygraph.cli import build_parser, main

#: every command that writes a file or folder, with the arguments it needs besides the output
WRITERS = [
    ["build", "plan.txt"],
    ["curation", "init", "plan.txt"],
    ["curation", "schema"],
    ["query", "cq01"],
    ["network"],
    ["report"],
    ["corpus", "report", "--store", "store"],
    ["validate", "plan.ttl"],
]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every (sub-)command's parser, by its words ("corpus report")."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = sub
                for inner, subsub in _subparsers(sub).items():
                    found[f"{name} {inner}"] = subsub
    return found


@pytest.mark.parametrize("spelling", ["-o", "--output", "--out"])
@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c[:2]))
def test_every_writer_takes_output_and_the_old_out(command: list[str], spelling: str) -> None:
    args = build_parser().parse_args([*command, spelling, "result"])
    assert args.output == "result"


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c[:2]))
def test_help_shows_output_not_out(command: list[str]) -> None:
    words = [w for w in command if not w.endswith((".txt", ".ttl")) and w != "cq01"]
    words = [w for w in words if w not in ("--store", "store")]
    text = _subparsers(build_parser())[" ".join(words)].format_help()
    assert (
        "-o OUT, --output OUT" in text
        or "-o FILE, --output FILE" in text
        or ("-o DIR, --output DIR" in text)
    )
    assert "--out " not in text


def test_every_writing_command_is_listed() -> None:
    """A command with an output option is in WRITERS, so the tests above see it."""
    listed = {
        " ".join(w for w in c[:2] if not w.endswith((".txt", ".ttl", "cq01"))) for c in WRITERS
    }
    writing = {
        name
        for name, sub in _subparsers(build_parser()).items()
        if any("--output" in a.option_strings for a in sub._actions)
    }
    assert writing == listed


@pytest.mark.parametrize(
    "command",
    [
        ["build", "plan.txt"],
        ["curation", "init", "plan.txt"],
        ["network"],
        ["corpus", "report", "--store", "s"],
    ],
)
def test_a_required_output_is_required(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(command)
    assert exit_.value.code == 2
    assert "-o/--output is required" in capsys.readouterr().err


def test_out_writes_the_file(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert main(["curation", "schema", "--out", str(old)]) == 0
    assert main(["curation", "schema", "--output", str(new)]) == 0
    assert json.loads(old.read_text(encoding="utf-8")) == json.loads(new.read_text("utf-8"))
    assert json.loads(new.read_text(encoding="utf-8"))["type"] == "object"


def test_lang_defaults_to_zh_in_every_command() -> None:
    parsers = _subparsers(build_parser())
    having = {
        name
        for name, sub in parsers.items()
        if any("--lang" in a.option_strings for a in sub._actions)
    }
    assert {"report", "validate", "corpus report"} <= having
    for name in having:
        (lang,) = [a for a in parsers[name]._actions if "--lang" in a.option_strings]
        assert (name, lang.default, list(lang.choices or ())) == (name, "zh", ["zh", "en"])
