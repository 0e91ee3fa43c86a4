"""Library errors name no command-line option; the commands reword them to name theirs.

Each error carries a ``reason`` code and the values its message was made from; ``push`` and
``serve`` turn those into the one line that names the option to use.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from policygraph import EndpointError
from policygraph.cli import main
from policygraph.errors import InputError
from policygraph.server import OxigraphServer, free_port, push

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "sparql-mini.ttl"
GRAPH = "https://example.org/graph/mini"


def test_a_read_only_server_refusing_a_write(
    oxigraph_server_for: object, capsys: pytest.CaptureFixture[str]
) -> None:
    server = oxigraph_server_for("mini", MINI)  # type: ignore[operator]
    with pytest.raises(EndpointError) as caught:
        push(MINI, endpoint=server.store_url, graph=GRAPH)
    assert caught.value.reason == "read-only"
    assert "--" not in caught.value.message
    assert caught.value.message.startswith(
        "the server refused to write (HTTP 403 Forbidden): it is read-only"
    )
    assert main(["push", str(MINI), "--endpoint", server.store_url, "--graph", GRAPH]) == 3
    err = capsys.readouterr().err
    assert err.startswith(
        f"policygraph push: error: {server.store_url}: the server refused to write "
        "(HTTP 403 Forbidden): it is read-only; for 'policygraph serve' add --writable"
    )


def test_a_port_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        with pytest.raises(InputError) as caught:
            OxigraphServer(MINI, port=port).start()
        assert caught.value.reason == "port-in-use"
        assert caught.value.details["port"] == port
        assert caught.value.message.endswith("choose another port or none")
        assert main(["serve", str(MINI), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"policygraph serve: error: 127.0.0.1:{port}: cannot listen on port ")
    assert err.endswith("; choose another --port or omit it\n")
