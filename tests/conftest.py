"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from policygraph.server import OxigraphServer, default_sources


# -- SPARQL servers: real Oxigraph processes on free loopback ports -----------------------------
@pytest.fixture(scope="session")
def oxigraph_server_for() -> Iterator[Callable[..., OxigraphServer]]:
    """Start (once per key and session) a read-only Oxigraph server with the given sources."""
    servers: dict[str, OxigraphServer] = {}

    def start(key: str, *sources: Any) -> OxigraphServer:
        if key not in servers:
            servers[key] = OxigraphServer(*sources).start()
        return servers[key]

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def oxigraph_server(oxigraph_server_for: Callable[..., OxigraphServer]) -> OxigraphServer:
    """A read-only Oxigraph server with the bundled plan and the ontology, as `serve` runs it."""
    return oxigraph_server_for("bundled", *default_sources())


@pytest.fixture
def oxigraph_writable_server() -> Iterator[OxigraphServer]:
    """An empty, writable Oxigraph server for one test."""
    with OxigraphServer(writable=True) as server:
        yield server


# -- a local HTTP server that misbehaves on purpose (drip-feed, wrong JSON, resets, 5xx) --------
@pytest.fixture(scope="session")
def fault_server() -> Iterator[Any]:
    """A FaultServer (tests/faultserver.py) on a free loopback port, for the whole session."""
    from faultserver import FaultServer

    server = FaultServer()
    yield server
    server.close()
