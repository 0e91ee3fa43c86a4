"""A corpus store pushed to real triple stores answers every named query as the store does.

Four plans (the bundled Jiaxing plan and three plans built from the corpus texts: two of
prefecture level, one provincial, so that the cross-plan queries pair a lower plan with a higher
one) go into one Oxigraph store; ``policygraph push --store`` sends it to a Virtuoso server (Debian
``virtuoso-opensource``, started here on free loopback ports with its own database folder)
and to an Oxigraph server; each named query must then give the same rows on the server as
on the store. Without ``virtuoso-t`` the Virtuoso tests skip, unless
``POLICYGRAPH_REQUIRE_VIRTUOSO=1`` (set by the CI script), where they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from policygraph import Endpoint, list_queries, open_store, query
from policygraph.cli import main
from policygraph.resources import resource_path
from policygraph.server import DEFAULT_GRAPH, OxigraphServer, free_port

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "data" / "corpus" / "texts"
#: the corpus plans built for the store, beside the bundled Jiaxing plan; Sichuan's is a
#: provincial plan, above the three others (cq21 has rows only with a plan of a higher level)
CORPUS_PLANS = ("ningbo_ai_opc_2026", "wuhan_ai_opc_2026", "sichuan_ai_opc_2026")
JIAXING = "https://w3id.org/policygraph/id/plan/jiaxing-315"
#: values for the queries' required parameters, read in the Jiaxing plan
PARAMS: dict[str, dict[str, str]] = {
    "cq03-department-tasks": {"department": "市科技局"},
    "cq07-action-targets": {"action": "实施关键核心技术攻坚突破行动"},
    "cq09-source-quote": {"entity": JIAXING + "/task/2-1-1"},
    "cq12-department-actions": {"department": "市财政局"},
}
#: the places the Debian package puts a template virtuoso.ini
TEMPLATE_INIS = (
    Path("/etc/virtuoso-opensource-7/virtuoso.ini"),
    Path("/var/lib/virtuoso-opensource-7/db/virtuoso.ini"),
)
DBA_PASSWORD = "dba"  # a fresh Virtuoso database's administrator password


# -- the corpus store ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk Oxigraph store: Jiaxing plus the corpus plans, each built by the CLI."""
    folder = tmp_path_factory.mktemp("corpus")
    files = [resource_path("data", "plan315.ttl")]
    for name in CORPUS_PLANS:
        out = folder / f"{name}.ttl"
        assert main(["build", str(TEXTS / f"{name}.txt"), "-o", str(out)]) == 0
        files.append(out)
    store = open_store(folder / "store", *files)
    store.flush()
    del store  # closes the store, so push opens its folder alone
    return folder / "store"


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Any:
    """The corpus store, opened read-only for the reference answers."""
    import pyoxigraph as ox

    return ox.Store.read_only(str(store_dir))


def _plans(store: Any) -> list[str]:
    return sorted(g.value for g in store.named_graphs())


def _cases() -> list[Any]:
    return [pytest.param(q.name, id=q.name.split("-")[0]) for q in list_queries()]


def _params(name: str, store: Any) -> dict[str, str]:
    if name == "cq15-compare-plans":
        plans = _plans(store)
        return {"plan_a": plans[0], "plan_b": plans[1]}
    return PARAMS.get(name, {})


def _rows(frame: Any) -> list[tuple[Any, ...]]:
    """Each value with its Python type and language tag, so "3" and 3, or @zh and @en, differ."""

    def cell(value: Any) -> tuple[Any, ...]:
        if value != value:  # NaN (an unbound OPTIONAL) is not equal to itself
            return ("unbound",)
        return (type(value).__name__, getattr(value, "language", None), value)

    return [tuple(cell(v) for v in row) for row in frame.itertuples(index=False, name=None)]


def _assert_same_answer(name: str, local: Any, remote: Any) -> None:
    assert list(remote.columns) == list(local.columns)
    expected, got = _rows(local), _rows(remote)
    if not re.search(r"\bORDER\s+BY\b", _text(name), re.IGNORECASE):
        expected, got = sorted(expected, key=repr), sorted(got, key=repr)
    assert got == expected


def _text(name: str) -> str:
    return next(q.text for q in list_queries() if q.name == name)


def _plan_iri(file: Path) -> str:
    import pyoxigraph as ox

    plans = [
        t.subject.value
        for t in ox.parse(path=file, format=ox.RdfFormat.TURTLE)
        if t.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
        and t.object.value == "https://w3id.org/policygraph/def#Plan"
    ]
    assert len(plans) == 1
    return plans[0]


def test_the_store_holds_one_graph_per_plan(store: Any, store_dir: Path) -> None:
    built = [_plan_iri(store_dir.parent / f"{name}.ttl") for name in CORPUS_PLANS]
    assert _plans(store) == sorted([JIAXING, *built])


# -- Virtuoso -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso server's URLs."""

    sparql_url: str
    store_url: str


def _virtuoso_missing(reason: str) -> None:
    if os.environ.get("POLICYGRAPH_REQUIRE_VIRTUOSO") == "1":
        pytest.fail(f"{reason}, but POLICYGRAPH_REQUIRE_VIRTUOSO=1")
    pytest.skip(f"{reason} (Debian package virtuoso-opensource)")


def _ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """The template ini with every file in ``folder`` and the server on the given ports."""
    lines, section = [], ""
    for line in template.splitlines():
        head = line.strip()
        if head.startswith("[") and head.endswith("]"):
            section = head[1:-1]
        key = head.split("=", 1)[0].strip() if "=" in head and not head.startswith(";") else ""
        if section in ("Database", "TempDatabase") and key in (
            "DatabaseFile",
            "ErrorLogFile",
            "LockFile",
            "TransactionFile",
            "xa_persistent_file",
        ):
            name = Path(head.split("=", 1)[1].split(";")[0].strip()).name
            line = f"{key} = {folder / name}"
        elif section == "Parameters" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif section == "Parameters" and key == "DirsAllowed":
            line = f"DirsAllowed = ., {folder}"
        elif section == "HTTPServer" and key == "ServerPort":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif section == "URIQA" and key == "DefaultHost":
            line = f"DefaultHost = 127.0.0.1:{http_port}"
        elif section == "Plugins" and key.startswith("Load"):
            continue  # wiki hosting plugins: not needed, and slow to load
        lines.append(line)
    return "\n".join(lines) + "\n"


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            pytest.fail(f"virtuoso-t exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.5)
    pytest.fail(f"Virtuoso did not answer within {seconds:g} s: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso server with a new database in a temporary folder, on free loopback ports."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        _virtuoso_missing("virtuoso-t is not installed")
    template = next((p for p in TEMPLATE_INIS if p.is_file()), None)
    if template is None:
        _virtuoso_missing("no template virtuoso.ini found")
    assert binary is not None and template is not None
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_ini(template.read_text(), folder, sql_port, http_port))
    log = folder / "server.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{http_port}"
        # a new database is created on the first start: allow for a slow, busy machine
        _wait_for(base + "/sparql", process, log, 300)
        yield Virtuoso(base + "/sparql", base + "/sparql-graph-crud-auth")
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def virtuoso_loaded(
    virtuoso: Virtuoso, store_dir: Path, monkeypatch_module: pytest.MonkeyPatch
) -> Virtuoso:
    """Virtuoso after ``policygraph push --store`` (digest authentication as dba)."""
    monkeypatch_module.setenv("VIRTUOSO_DBA_PASSWORD", DBA_PASSWORD)
    argv = ["push", "--store", str(store_dir), "--endpoint", virtuoso.store_url]
    argv += ["--user", "dba", "--password-env", "VIRTUOSO_DBA_PASSWORD"]
    assert main(argv) == 0
    return virtuoso


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _graph_sizes(store: Any) -> dict[str, int]:
    """Triples per graph of the store, the default graph under the name push gives it."""
    import pyoxigraph as ox

    sizes = {
        DEFAULT_GRAPH: sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    }
    for graph in store.named_graphs():
        sizes[graph.value] = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
    return sizes


def _remote_sizes(url: str) -> dict[str, int]:
    counts = query(
        Endpoint(url, timeout=120),
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/policygraph/')) } GROUP BY ?g",
    )
    return {str(g): int(n) for g, n in zip(counts["g"], counts["n"], strict=True)}


def test_push_store_to_virtuoso_sends_each_graph(virtuoso_loaded: Virtuoso, store: Any) -> None:
    sizes = _graph_sizes(store)
    # the shared default graph, Jiaxing's graph and one graph per corpus plan
    assert len(sizes) == 2 + len(CORPUS_PLANS) and all(n > 0 for n in sizes.values())
    assert _remote_sizes(virtuoso_loaded.sparql_url) == sizes


@pytest.mark.parametrize("name", _cases())
def test_named_query_on_virtuoso_equals_the_store(
    virtuoso_loaded: Virtuoso, store: Any, name: str
) -> None:
    params = _params(name, store)
    local = query(store, name, **params)
    remote = query(Endpoint(virtuoso_loaded.sparql_url, timeout=120), name, **params)
    assert len(local) > 0, f"{name} has no rows on the store: the comparison would prove nothing"
    _assert_same_answer(name, local, remote)


# -- Oxigraph server ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def oxigraph_loaded(store_dir: Path) -> Iterator[OxigraphServer]:
    """A writable Oxigraph server after ``policygraph push --store``."""
    with OxigraphServer(writable=True) as server:
        assert main(["push", "--store", str(store_dir), "--endpoint", server.store_url]) == 0
        yield server


@pytest.mark.parametrize("name", _cases())
def test_named_query_on_oxigraph_server_equals_the_store(
    oxigraph_loaded: OxigraphServer, store: Any, name: str
) -> None:
    params = _params(name, store)
    local = query(store, name, **params)
    remote = query(Endpoint(oxigraph_loaded.query_url, timeout=120), name, **params)
    assert len(local) > 0, f"{name} has no rows on the store: the comparison would prove nothing"
    _assert_same_answer(name, local, remote)


def test_push_file_to_virtuoso_with_the_password_from_the_environment(
    virtuoso: Virtuoso,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "one.ttl"
    file.write_text('<https://example.org/s> <https://example.org/p> "一" .\n', encoding="utf-8")
    graph = "https://example.org/graph/one"
    argv = ["push", str(file), "--endpoint", virtuoso.store_url, "--graph", graph]
    monkeypatch.setenv("POLICYGRAPH_PASSWORD", DBA_PASSWORD)
    assert main([*argv, "--user", "dba", "--replace"]) == 0
    assert capsys.readouterr().out.startswith(f"1 triples sent to <{graph}> at ")
    answer = query(
        Endpoint(virtuoso.sparql_url), f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )
    assert list(answer["o"]) == ["一"]
    # a wrong password: refused, exit code 3 and one line
    monkeypatch.setenv("POLICYGRAPH_PASSWORD", "not-the-password")
    assert main([*argv, "--user", "dba"]) == 3
    err = capsys.readouterr().err
    assert err == (
        f"policygraph push: error: {virtuoso.store_url}: the server refused the credentials "
        "of dba (HTTP 401): check the user name and the password\n"
    )
