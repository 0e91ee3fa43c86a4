"""The local Oxigraph server (serve), Graph Store upload (push) and endpoint errors,
against real Oxigraph processes on free loopback ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from policygraph import Endpoint, EndpointError, QueryError, query
from policygraph.cli import main
from policygraph.rdf import load_graph
from policygraph.server import OxigraphServer, free_port, push

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "sparql-mini.ttl"
PLAN = "https://w3id.org/policygraph/id/plan/mini"


def test_push_then_query_on_a_writable_server(oxigraph_writable_server: OxigraphServer) -> None:
    server = oxigraph_writable_server
    result = push(MINI, endpoint=server.store_url, graph=PLAN)
    assert result.status in (201, 204) and result.triples == len(load_graph(MINI))
    remote = query(server.query_url, "cq03-department-tasks", department="市科技局")
    local = query(load_graph(MINI), "cq03-department-tasks", department="市科技局")
    pd.testing.assert_frame_equal(remote, local)
    # Chinese literals survive upload and query, with their language tag
    labels = query(server.query_url, "cq01-task-leads")["task_label"]
    assert list(labels) == ["建设实验室", "培育企业", "引进人才"]
    assert {label.language for label in labels} == {"zh"}
    # POST adds, PUT (--replace) replaces: the graph holds the file once either way
    push(MINI, endpoint=server.store_url, graph=PLAN, replace=True)
    assert len(query(server.query_url, "cq01")) == 3


def test_cli_push(
    oxigraph_writable_server: OxigraphServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = oxigraph_writable_server
    code = main(["push", str(MINI), "--endpoint", server.store_url, "--graph", PLAN])
    assert code == 0
    assert f"triples sent to <{PLAN}>" in capsys.readouterr().out
    code = main(["query", "cq14", "--endpoint", server.query_url, "--format", "csv"])
    assert code == 0
    assert "有关县〔市、区〕政府" in capsys.readouterr().out


def test_read_only_server_refuses_a_write(oxigraph_server_for: object) -> None:
    server = oxigraph_server_for("mini", MINI)  # type: ignore[operator]
    with pytest.raises(
        EndpointError, match=r"refused to write \(HTTP 403 Forbidden\): it is read-only"
    ):
        push(MINI, endpoint=server.store_url, graph="https://example.org/other")
    assert main(["push", str(MINI), "--endpoint", server.store_url, "--graph", PLAN]) == 3
    # and its data is unchanged
    assert len(query(server.query_url, "cq01")) == 3


def test_server_syntax_error_carries_the_server_message(oxigraph_server_for: object) -> None:
    server = oxigraph_server_for("mini", MINI)  # type: ignore[operator]
    with pytest.raises(QueryError, match=r"rejected the query: error at 1:1"):
        query(server.query_url, "SELEC ?x WHERE { ?x ?p ?o }")


def test_crafted_parameter_on_the_server(oxigraph_server_for: object) -> None:
    server = oxigraph_server_for("mini", MINI)  # type: ignore[operator]
    crafted = '市"特别"局 {试点} ; DROP ALL'
    frame = query(server.query_url, "cq03", department=crafted)
    assert list(frame["task_label"]) == ["引进人才"]
    assert query(server.query_url, "cq03", department='x" } ; DROP ALL ; #').empty
    assert len(query(server.query_url, "cq01")) == 3


def test_unreachable_endpoint_fails_fast() -> None:
    port = free_port()  # nothing listens there
    start = time.monotonic()
    with pytest.raises(EndpointError, match="cannot reach the endpoint"):
        query(Endpoint(f"http://127.0.0.1:{port}/query", timeout=2), "cq01")
    assert time.monotonic() - start < 2
    assert main(["query", "cq01", "--endpoint", f"http://127.0.0.1:{port}/query"]) == 3


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    stop = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        sock.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/query"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    sock.close()


def test_silent_endpoint_gives_endpoint_error_within_the_timeout(silent_server: str) -> None:
    start = time.monotonic()
    with pytest.raises(EndpointError, match="no answer within 1 s"):
        query(Endpoint(silent_server, timeout=1), "cq01")
    assert time.monotonic() - start < 3


def test_wrong_path_is_an_endpoint_error(oxigraph_server_for: object) -> None:
    server = oxigraph_server_for("mini", MINI)  # type: ignore[operator]
    with pytest.raises(EndpointError, match="HTTP 404"):
        query(server.url + "no-such-path", "cq01")


def test_server_stops_and_removes_its_folder() -> None:
    server = OxigraphServer(MINI).start()
    pid, folder = server.pid, server._own_dir
    assert pid is not None and folder is not None and folder.is_dir()
    server.stop()
    assert not folder.exists()
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is not a running server
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def _serve(*args: str) -> tuple[subprocess.Popen[str], list[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "policygraph.cli", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("press Ctrl-C"):
            return process, lines
    process.kill()
    raise AssertionError(
        f"serve did not start: {lines} {process.stderr.read() if process.stderr else ''}"
    )


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(x) for x in out.stdout.split()]


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_cli_serve_prints_the_url_and_stops_cleanly(stop_signal: signal.Signals) -> None:
    port = free_port()
    process, lines = _serve(str(MINI), "--port", str(port))
    try:
        assert f"query UI:        http://127.0.0.1:{port}/" in lines
        assert any("(read-only)" in line for line in lines)
        children = _children(process.pid)
        assert len(children) == 1
        frame = query(f"http://127.0.0.1:{port}/query", "cq01")
        assert list(frame["task_label"]) == ["建设实验室", "培育企业", "引进人才"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as ui:
            assert ui.status == 200
    finally:
        process.send_signal(stop_signal)
        code = process.wait(timeout=15)
    assert code == 0
    assert not _alive(children[0])
    with pytest.raises(EndpointError):
        query(Endpoint(f"http://127.0.0.1:{port}/query", timeout=2), "cq01")


def test_cli_serve_writable_accepts_push() -> None:
    port = free_port()
    process, lines = _serve("--writable", "--port", str(port), str(MINI))
    try:
        assert f"graph store:     http://127.0.0.1:{port}/store" in lines
        push(MINI, endpoint=f"http://127.0.0.1:{port}/store", graph="https://example.org/copy")
        assert len(query(f"http://127.0.0.1:{port}/query", "cq01")) == 3  # same plan IRIs
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0


def test_cli_serve_default_serves_the_bundled_plan(oxigraph_server: OxigraphServer) -> None:
    frame = query(oxigraph_server.query_url, "cq01")
    assert len(frame) == 19


def test_push_and_serve_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["push", str(MINI), "--endpoint", "127.0.0.1:1/store", "--graph", PLAN]) == 2
    assert capsys.readouterr().err == (
        "policygraph push: error: 127.0.0.1:1/store: not an http(s) URL\n"
    )
    assert main(["serve", "--port", "99999"]) == 2
    assert "expected a port number from 1 to 65535, got '99999'" in capsys.readouterr().err


def test_serve_on_a_busy_port_says_so_and_starts_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert main(["serve", str(MINI), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"policygraph serve: error: 127.0.0.1:{port}: cannot listen on port")
    assert "Address already in use" in err and "Traceback" not in err


def test_cli_serve_stops_on_sigint_even_when_started_with_sigint_ignored() -> None:
    # a shell that starts a job in the background ('policygraph serve &') ignores SIGINT for it
    port = free_port()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process, lines = _serve(str(MINI), "--port", str(port))
    finally:
        signal.signal(signal.SIGINT, previous)
    children = _children(process.pid)
    try:
        assert f"query endpoint:  http://127.0.0.1:{port}/query" in lines and len(children) == 1
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:  # it ignored SIGINT: do not leave it behind
            process.terminate()
            process.wait(timeout=15)
    assert not _alive(children[0])
