"""Every command spells its options alike: -o/--output (old --out kept), --lang zh by default."""

from __future__ import annotations

import argparse
import base64
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from policygraph.cli import build_parser, main

SHAPE_FIXTURES = Path(__file__).parent / "fixtures" / "shapes"

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


class _Guarded(http.server.BaseHTTPRequestHandler):
    """A SPARQL and Graph Store endpoint that wants user ``reader``, password ``s3cret``."""

    expected = "Basic " + base64.b64encode(b"reader:s3cret").decode("ascii")
    seen: ClassVar[list[str]] = []

    def _allowed(self) -> bool:
        given = self.headers.get("Authorization")
        if given is not None:
            self.seen.append(given)
        if given == self.expected:
            return True
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="plans"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def do_HEAD(self) -> None:
        if self._allowed():
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def do_GET(self) -> None:
        if self._allowed():
            body = json.dumps(
                {
                    "head": {"vars": ["n"]},
                    "results": {"bindings": [{"n": {"type": "literal", "value": "315"}}]},
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.path.startswith("/query"):
            self.do_GET()
        elif self._allowed():
            self.send_response(204)
            self.end_headers()

    def log_message(self, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def guarded() -> Iterator[str]:
    """The base URL of a loopback endpoint wanting reader/s3cret."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Guarded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Guarded.seen.clear()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_query_reads_the_password_from_policygraph_password(
    guarded: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POLICYGRAPH_PASSWORD", "s3cret")
    argv = ["query", "-e", "SELECT ?n WHERE {}", "--endpoint", f"{guarded}/query"]
    assert main([*argv, "--user", "reader", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "315"]
    assert _Guarded.expected in _Guarded.seen


def test_push_reads_the_password_from_policygraph_password(
    guarded: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan = tmp_path / "plan.ttl"
    plan.write_text("<https://example.org/a> <https://example.org/b> 315 .\n", encoding="utf-8")
    monkeypatch.setenv("POLICYGRAPH_PASSWORD", "s3cret")
    argv = ["push", str(plan), "--endpoint", f"{guarded}/store", "--graph", "https://example.org/g"]
    assert main([*argv, "--user", "reader"]) == 0
    assert capsys.readouterr().out.startswith("1 triples sent to <https://example.org/g>")
    assert _Guarded.seen == [_Guarded.expected]


def test_query_with_a_wrong_password_from_the_environment_is_refused(
    guarded: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POLICYGRAPH_PASSWORD", "wrong")
    argv = ["query", "-e", "SELECT ?n WHERE {}", "--endpoint", f"{guarded}/query"]
    assert main([*argv, "--user", "reader"]) == 3
    assert _Guarded.expected not in _Guarded.seen


def test_a_terminal_is_asked_for_the_password(
    guarded: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import getpass

    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return "s3cret"

    monkeypatch.delenv("POLICYGRAPH_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", ask)
    argv = ["query", "-e", "SELECT ?n WHERE {}", "--endpoint", f"{guarded}/query"]
    assert main([*argv, "--user", "reader", "--format", "csv"]) == 0
    assert prompts == [f"password for reader at {guarded}/query: "]
    assert capsys.readouterr().out.splitlines() == ["n", "315"]


@pytest.mark.parametrize("command", [["query", "-e", "ASK {}"], ["push", "--store", "DIR"]])
def test_every_command_with_user_has_the_password_options(command: list[str]) -> None:
    args = build_parser().parse_args(
        [*command, "--endpoint", "http://127.0.0.1:1/", "--user", "u", "--password-env", "V"]
    )
    assert (args.user, args.password, args.password_env) == ("u", None, "V")
    having = {
        name
        for name, sub in _subparsers(build_parser()).items()
        if any("--user" in a.option_strings for a in sub._actions)
    }
    assert having == {"query", "push"}


@pytest.mark.parametrize(
    ("lang", "ending"),
    [
        (
            "en",
            "Source document 'mini-plan.txt' was not found, so its quotes were not checked"
            " (--sources names its folder)",
        ),
        ("zh", "未找到，引文未核对（可用 --sources 指定原文所在目录）"),
    ],
)
def test_validate_names_the_sources_option_the_library_does_not(
    lang: str, ending: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from policygraph import load_graph, validate

    plan = tmp_path / "plan.ttl"
    shutil.copy(SHAPE_FIXTURES / "plan-valid.ttl", plan)  # no sources/ beside it
    (note,) = validate(load_graph(plan)).results
    assert "--sources" not in note.message_en + note.message_zh
    assert note.value == "mini-plan.txt"
    assert main(["validate", "--lang", lang, str(plan), "--format", "json"]) == 0
    (shown,) = json.loads(capsys.readouterr().out)["results"]
    assert shown[f"message_{lang}"].endswith(ending)
    assert main(["validate", "--lang", lang, str(plan)]) == 0
    assert ending in capsys.readouterr().out
