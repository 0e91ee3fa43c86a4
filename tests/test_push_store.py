"""``policygraph push --store``: every graph of an Oxigraph store to a Graph Store server,
against real Oxigraph processes on free loopback ports."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from policygraph import open_store, query
from policygraph.cli import main
from policygraph.resources import resource_path
from policygraph.server import DEFAULT_GRAPH, OxigraphServer, free_port, push_store

JIAXING = "https://w3id.org/policygraph/id/plan/jiaxing-315"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the bundled Jiaxing plan (its graph and the shared things)."""
    folder = tmp_path_factory.mktemp("store") / "store"
    store = open_store(folder, resource_path("data", "plan315.ttl"))
    store.flush()
    del store
    return folder


def _sizes(store_dir: Path) -> tuple[int, int]:
    """Triples in the store's default graph and in the Jiaxing graph."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    shared = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    plan = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(JIAXING)))
    return shared, plan


def _graph_count(server: OxigraphServer, graph: str) -> int:
    answer = query(
        server.query_url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )
    return int(answer["n"][0])


def test_cli_push_store_sends_each_graph_and_a_second_push_replaces(
    store_dir: Path,
    oxigraph_writable_server: OxigraphServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = oxigraph_writable_server
    shared, plan = _sizes(store_dir)
    argv = ["push", "--store", str(store_dir), "--endpoint", server.store_url]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"[1/2] {shared} triples sent to <{DEFAULT_GRAPH}> (HTTP 201)",
        f"[2/2] {plan} triples sent to <{JIAXING}> (HTTP 201)",
    ]
    assert out == f"2 graphs, {shared + plan} triples sent to {server.store_url}\n"
    # the server queries the union of its graphs: the plan's 19 task leads, as on the file
    assert len(query(server.query_url, "cq01")) == 19
    assert main(argv) == 0  # again: each graph replaced (HTTP 204), nothing doubled
    assert "(HTTP 204)" in capsys.readouterr().err
    assert _graph_count(server, DEFAULT_GRAPH) == shared
    assert _graph_count(server, JIAXING) == plan
    assert len(query(server.query_url, "cq01")) == 19


def test_push_store_default_graph_goes_where_asked(
    store_dir: Path, oxigraph_writable_server: OxigraphServer
) -> None:
    server = oxigraph_writable_server
    shared, plan = _sizes(store_dir)
    target = "https://example.org/graph/shared"
    sent = push_store(store_dir, endpoint=server.store_url, default_graph=target)
    assert [(r.graph, r.triples) for r in sent] == [(target, shared), (JIAXING, plan)]
    assert _graph_count(server, target) == shared
    assert _graph_count(server, DEFAULT_GRAPH) == 0


def test_push_store_refuses_a_default_graph_named_like_a_plan(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["push", "--store", str(store_dir), "--endpoint", "http://127.0.0.1:1/store"]
    assert main([*argv, "--default-graph", JIAXING]) == 2
    assert capsys.readouterr().err == (
        f"policygraph push: error: the default graph's target {JIAXING} is a graph of the "
        "store: give --default-graph another IRI\n"
    )


def test_cli_push_store_unreachable_is_exit_3(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"  # nothing listens there
    assert main(["push", "--store", str(store_dir), "--endpoint", url]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"policygraph push: error: {url}: cannot reach the endpoint: ")
    assert len(err.splitlines()) == 1


def test_cli_push_store_refused_is_exit_3(
    store_dir: Path, oxigraph_server: OxigraphServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # the read-only server `serve` runs refuses every write
    url = oxigraph_server.store_url
    assert main(["push", "--store", str(store_dir), "--endpoint", url]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"policygraph push: error: {url}: the server refused to write (HTTP 403")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["FILE", "--store", "DIR"], "give either FILE (with --graph) or --store DIR"),
        ([], "give either FILE (with --graph) or --store DIR"),
        (["FILE"], "FILE needs --graph IRI, the graph to load it into"),
        (["--store", "DIR", "--graph", "https://example.org/g"], "--store sends each graph"),
        (
            ["FILE", "--graph", "https://example.org/g", "--default-graph", "https://e.org/d"],
            "--default-graph is for --store",
        ),
        (["--store", "DIR", "--password", "x"], "a password needs --user"),
        (["--store", "DIR", "--user", "u", "--password", "x", "--password-env", "V"], "not both"),
    ],
)
def test_cli_push_usage_errors_exit_2(
    store_dir: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {"FILE": str(resource_path("data", "plan315.ttl")), "DIR": str(store_dir)}
    argv = ["push", "--endpoint", "http://127.0.0.1:1/store", *(names.get(a, a) for a in extra)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("policygraph push: error: ") and message in err
    assert len(err.splitlines()) == 1


def test_cli_push_store_missing_folder_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing"
    assert main(["push", "--store", str(missing), "--endpoint", "http://127.0.0.1:1/store"]) == 2
    assert capsys.readouterr().err == (
        f"policygraph push: error: {missing}: no such Oxigraph store (a folder)\n"
    )
    assert not missing.exists()  # not created by the attempt


def test_cli_push_password_from_an_unset_variable_exit_2(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("POLICYGRAPH_TEST_UNSET", raising=False)
    argv = ["push", "--store", str(store_dir), "--endpoint", "http://127.0.0.1:1/store"]
    assert main([*argv, "--user", "u", "--password-env", "POLICYGRAPH_TEST_UNSET"]) == 2
    assert capsys.readouterr().err == (
        "policygraph push: error: the environment variable POLICYGRAPH_TEST_UNSET is not set\n"
    )


def test_cli_push_user_without_password_and_no_terminal_exit_2(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("POLICYGRAPH_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))  # not a terminal: never read
    argv = ["push", "--store", str(store_dir), "--endpoint", "http://127.0.0.1:1/store"]
    assert main([*argv, "--user", "u"]) == 2
    assert capsys.readouterr().err == (
        "policygraph push: error: no password for u: give --password-env VAR, set "
        "POLICYGRAPH_PASSWORD, or run in a terminal to be asked\n"
    )
