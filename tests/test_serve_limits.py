"""`serve` bounds query time and keeps SPARQL federation (SERVICE) off unless asked, on real
Oxigraph servers on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policygraph import Endpoint, EndpointError, InputError, query
from policygraph.cli import build_parser
from policygraph.server import OxigraphServer, default_sources

MINI = Path(__file__).resolve().parent / "fixtures" / "sparql-mini.ttl"
# every triple of the plan graph with every other, twice: about 10^12 solutions to count
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _cmdline(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]


@pytest.fixture(scope="module")
def quick_server() -> Iterator[OxigraphServer]:
    """The bundled plan and ontology, with queries cancelled after 1 s."""
    with OxigraphServer(*default_sources(), query_timeout=1) as server:
        yield server


def test_a_cartesian_query_is_cut_off(quick_server: OxigraphServer) -> None:
    assert _cmdline(quick_server.pid or 0)[-2:] == ["--timeout-s", "1"]
    start = time.monotonic()
    with pytest.raises(EndpointError, match="The SPARQL operation has been cancelled"):
        query(Endpoint(quick_server.query_url, timeout=120), CARTESIAN)
    assert time.monotonic() - start < 60
    # the server is still there for the next question
    assert len(query(quick_server.query_url, "cq01")) == 19


def test_serve_passes_a_default_query_timeout(oxigraph_server: OxigraphServer) -> None:
    assert oxigraph_server.query_timeout == 30
    command = _cmdline(oxigraph_server.pid or 0)
    assert command[command.index("--timeout-s") + 1] == "30"
    args = build_parser().parse_args(["serve"])
    assert (args.query_timeout, args.federation) == (30, False)
    args = build_parser().parse_args(["serve", "--query-timeout", "600", "--federation"])
    assert (args.query_timeout, args.federation) == (600, True)


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "inf", "86401"])
def test_a_bad_query_timeout_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from policygraph.cli import main

    assert main(["serve", "--query-timeout", value]) == 2
    assert f"expected whole seconds from 1 to 86400, got {value!r}" in capsys.readouterr().err
    with pytest.raises(InputError, match="the query timeout must be a whole number of seconds"):
        OxigraphServer(MINI, query_timeout=0)


def _service(url: str, *, silent: bool = False) -> str:
    return f"SELECT ?n WHERE {{ SERVICE {'SILENT ' if silent else ''}<{url}> {{ ?s ?p ?n }} }}"


def test_service_is_refused_without_any_fetch(
    quick_server: OxigraphServer, fault_server: Any
) -> None:
    target = fault_server.url("ok")
    before = fault_server.connections
    with pytest.raises(EndpointError, match="Permission denied"):
        query(Endpoint(quick_server.query_url, timeout=30), _service(target))
    # SERVICE SILENT hides the error: one empty solution (as SPARQL says), nothing fetched
    silent = query(Endpoint(quick_server.query_url, timeout=30), _service(target, silent=True))
    assert list(silent["n"]) == [None]
    https = f"https://127.0.0.1:{fault_server.port}/ok/query"
    with pytest.raises(EndpointError, match="Permission denied"):
        query(Endpoint(quick_server.query_url, timeout=30), _service(https))
    assert fault_server.connections == before


def test_federation_when_asked_fetches(fault_server: Any) -> None:
    # the control: with federation on, the same query reaches the other endpoint
    before = fault_server.connections
    with OxigraphServer(MINI, federation=True) as server:
        frame = query(Endpoint(server.query_url, timeout=30), _service(fault_server.url("ok")))
    assert list(frame["n"]) == [1]
    assert fault_server.connections == before + 1
