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


# -- one-line usage errors, never a traceback ------------------------------------------------------
def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from policygraph.cli import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.mark.parametrize(
    ("host", "reason"),
    [("999.1.1.1", "Name or service not known"), ("192.0.2.1", "Cannot assign requested address")],
)
def test_serve_on_a_host_that_is_not_here(
    host: str, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _usage_error(["serve", str(MINI), "--host", host], capsys)
    assert err == (
        f"policygraph serve: error: {host}: cannot listen on this host: {reason}; "
        "give an address or name of this machine, e.g. 127.0.0.1"
    )


def test_serve_store_must_be_a_store_or_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "plan.ttl"
    file.write_text("# not a folder\n", encoding="utf-8")
    err = _usage_error(["serve", "--store", str(file)], capsys)
    assert err.endswith(
        f"{file}: not a folder: --store needs a folder for the database (created if missing)"
    )
    assert file.read_text(encoding="utf-8") == "# not a folder\n"

    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    err = _usage_error(["serve", "--store", str(folder)], capsys)
    assert "not an Oxigraph store (it has no CURRENT file) and not empty" in err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]  # nothing written there


def test_serve_store_in_a_new_or_empty_folder_makes_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    with OxigraphServer(MINI, location=folder) as server:
        assert len(query(server.query_url, "cq01")) == 3
    assert (folder / "CURRENT").is_file()
    with OxigraphServer(location=folder) as server:  # and serves it again, sources kept
        assert len(query(server.query_url, "cq01")) == 3


def test_a_query_file_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rq = tmp_path / "latin1.rq"
    # a UTF-8 first line, then a Latin-1 é on line 2
    rq.write_bytes("# zh: 部门\n".encode() + b'SELECT ?s WHERE { ?s ?p "caf\xe9" }\n')
    data = rq.read_bytes()
    offset = data.index(b"caf\xe9") + 3
    err = _usage_error(["query", str(rq)], capsys)
    assert (
        err == f"policygraph query: error: {rq}:2: not UTF-8 text (byte {offset} cannot be decoded)"
    )
