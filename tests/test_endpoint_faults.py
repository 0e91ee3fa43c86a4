"""Endpoints and graph stores that misbehave: query and push end within their deadline with
one line and exit code 3 (or 2 for a bad --timeout), never a traceback.

The faults come from tests/faultserver.py (a local server on 127.0.0.1)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from policygraph import Endpoint, EndpointError, InputError, query
from policygraph.cli import main
from policygraph.server import push

MINI = Path(__file__).resolve().parent / "fixtures" / "sparql-mini.ttl"
GRAPH = "https://w3id.org/policygraph/id/plan/mini"


def _one_line_error(err: str, command: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"policygraph {command}: error: ")
    return lines[0]


# -- item: --timeout is a deadline for the whole request ------------------------------------------
@pytest.mark.parametrize("fault", ["drip-body", "drip-headers", "silent"])
def test_query_ends_within_its_deadline(fault_server: Any, fault: str) -> None:
    start = time.monotonic()
    with pytest.raises(EndpointError, match=r"no answer within 2 s"):
        query(Endpoint(fault_server.url(fault), timeout=2), "cq01")
    assert time.monotonic() - start < 4


@pytest.mark.parametrize("fault", ["drip-body", "drip-headers"])
def test_cli_query_and_push_end_within_their_deadline(
    fault_server: Any, fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    start = time.monotonic()
    code = main(["query", "cq01", "--endpoint", fault_server.url(fault), "--timeout", "2"])
    assert code == 3 and time.monotonic() - start < 4
    line = _one_line_error(capsys.readouterr().err, "query")
    assert line.endswith(f"{fault_server.url(fault)}: no answer within 2 s")

    start = time.monotonic()
    url = fault_server.url(fault, "store")
    code = main(["push", str(MINI), "--endpoint", url, "--graph", GRAPH, "--timeout", "2"])
    assert code == 3 and time.monotonic() - start < 4
    assert _one_line_error(capsys.readouterr().err, "push").endswith("no answer within 2 s")


def test_the_deadline_covers_a_tls_handshake_that_never_ends(fault_server: Any) -> None:
    # an https URL on the plain-TCP fault server: the TLS handshake never gets an answer
    url = fault_server.url("silent").replace("http://", "https://")
    start = time.monotonic()
    with pytest.raises(EndpointError, match=r"no answer within 2 s"):
        query(Endpoint(url, timeout=2), "cq01")
    assert time.monotonic() - start < 4


def test_a_slow_but_complete_answer_within_the_deadline_is_read(fault_server: Any) -> None:
    frame = query(Endpoint(fault_server.url("slow-headers"), timeout=10), "SELECT ?n WHERE {}")
    assert list(frame["n"]) == [1]
    with pytest.raises(EndpointError, match="no answer within 2 s"):
        query(Endpoint(fault_server.url("slow-headers"), timeout=2), "SELECT ?n WHERE {}")


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "1e400", "abc", "604801"])
def test_bad_timeout_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = "http://127.0.0.1:1/query"
    assert main(["query", "cq01", "--endpoint", url, "--timeout", value]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"the timeout must be positive and finite, at most 604800 seconds, got {value!r}" in err
    assert main(["push", str(MINI), "--endpoint", url, "--graph", GRAPH, "--timeout", value]) == 2
    assert "the timeout must be positive and finite" in capsys.readouterr().err


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 0, -1.5, 10**9, True])
def test_bad_timeout_in_python_is_an_input_error(value: object) -> None:
    with pytest.raises(InputError, match="the timeout must be positive and finite"):
        Endpoint("http://127.0.0.1:1/query", timeout=value)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="the timeout must be positive and finite"):
        push(MINI, endpoint="http://127.0.0.1:1/store", graph=GRAPH, timeout=value)  # type: ignore[arg-type]


# -- transport faults: resets, clean closes, garbage, error statuses -----------------------------
@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("reset", "cannot reach the endpoint: "),
        ("close", "cannot reach the endpoint: "),
        ("garbage", "cannot reach the endpoint: the answer is not valid HTTP"),
        ("status/500", "the endpoint answered HTTP 500 Fault: boom 500"),
        ("status/503", "the endpoint answered HTTP 503 Fault: boom 503"),
    ],
)
def test_transport_faults_exit_3_with_one_line(
    fault_server: Any, fault: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "cq01", "--endpoint", fault_server.url(fault), "--timeout", "5"]) == 3
    assert message in _one_line_error(capsys.readouterr().err, "query")


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("reset", "cannot reach the endpoint: "),
        ("garbage", "the answer is not valid HTTP"),
        ("status/500", "the server answered HTTP 500 Fault: boom 500"),
    ],
)
def test_push_transport_faults_exit_3_with_one_line(
    fault_server: Any, fault: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fault_server.url(fault, "store")
    assert main(["push", str(MINI), "--endpoint", url, "--graph", GRAPH, "--timeout", "5"]) == 3
    assert message in _one_line_error(capsys.readouterr().err, "push")


def test_push_to_a_working_store_reports_its_status(fault_server: Any) -> None:
    result = push(MINI, endpoint=fault_server.url("ok", "store"), graph=GRAPH, timeout=5)
    assert result.status == 200
    assert result.url == fault_server.url("ok", "store") + "?graph=" + GRAPH.replace(
        ":", "%3A"
    ).replace("/", "%2F")


# -- answers of the wrong shape: exit 3 with one line --------------------------------------------
NOT_RESULTS = "not SPARQL JSON results: "


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("list", NOT_RESULTS + "a JSON list, not an object"),
        ("head-list", NOT_RESULTS + 'no "head" object'),
        ("vars-string", NOT_RESULTS + '"head.vars" is not a list of names'),
        ("bindings-ints", NOT_RESULTS + "solution 1 is not an object"),
        ("results-list", NOT_RESULTS + 'no "results.bindings" list'),
        ("value-number", NOT_RESULTS + 'solution 1: a term has no text "value"'),
        ("term-string", NOT_RESULTS + "solution 1: a term is a JSON str, not an object"),
        ("unknown-type", NOT_RESULTS + "solution 1: unknown term type 'thing'"),
        ("boolean-string", NOT_RESULTS + '"boolean" is not true or false'),
        ("bad-integer", NOT_RESULTS + "solution 1: invalid integer '12x'"),
        ("bad-decimal", NOT_RESULTS + "solution 1: invalid decimal '1.2.3'"),
        ("bad-language", NOT_RESULTS + "solution 1: invalid language tag 'not a tag!'"),
        (
            "not-json",
            "not JSON: Expecting value at line 1 column 1, where it reads "
            "'<html><body>Service unavailable</body></html>'",
        ),
        ("deep", "not JSON: nested too deep"),
        ("not-utf8", "not JSON: 'utf-8' codec can't decode byte 0xff in position 78"),
    ],
)
def test_answers_of_the_wrong_shape_exit_3_with_one_line(
    fault_server: Any, body: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fault_server.url(f"json/{body}")
    with pytest.raises(EndpointError, match="the endpoint's answer is not"):
        query(Endpoint(url, timeout=5), "SELECT ?n WHERE {}")
    assert main(["query", "-e", "SELECT ?n WHERE {}", "--endpoint", url]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    line = _one_line_error(captured.err, "query")
    assert line.startswith(f"policygraph query: error: {url}: the endpoint's answer is {message}")


def test_a_well_formed_answer_from_the_same_server_is_read(fault_server: Any) -> None:
    frame = query(Endpoint(fault_server.url("ok"), timeout=5), "SELECT ?n WHERE {}")
    assert list(frame.columns) == ["n"] and list(frame["n"]) == [1]
