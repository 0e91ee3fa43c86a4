"""Typed command-line parameters, and label parameters that match nothing.

In tests/fixtures/sparql-mini.ttl the targets' pg:deadlineYear are the integers 2026 (target/1),
2027 (target/2) and 2027 (target/3); target/1's value is 3.5 (a decimal). The departments are
市科技局, 市经信局, 市财政局, 有关县〔市、区〕政府 and 市"特别"局 {试点} ; DROP ALL.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from policygraph import QueryError, open_store, query
from policygraph.cli import main
from policygraph.rdf import load_graph
from policygraph.sparql import UnmatchedLabelWarning

MINI = Path(__file__).resolve().parent / "fixtures" / "sparql-mini.ttl"
TARGET = "https://w3id.org/policygraph/id/plan/mini/target/"
BY_YEAR = "SELECT ?t WHERE { ?t <https://w3id.org/policygraph/def#deadlineYear> ?y } ORDER BY ?t"
BY_VALUE = "SELECT ?t WHERE { ?t <https://w3id.org/policygraph/def#value> ?v } ORDER BY ?t"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["query", *args, "--data", str(MINI), "--format", "csv"])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_an_integer_on_the_command_line_binds_an_integer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, lines, err = run(capsys, "-e", BY_YEAR, "-p", "y=2027")
    assert (code, err) == (0, "")
    assert lines == ["t", TARGET + "2", TARGET + "3"]  # was: a string, and no rows
    code, lines, _ = run(capsys, "-e", BY_YEAR, "-p", "y:integer=2026")
    assert lines == ["t", TARGET + "1"]


def test_a_decimal_on_the_command_line_binds_a_decimal(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "-e", BY_VALUE, "-p", "v=3.5")
    assert (code, lines) == (0, ["t", TARGET + "1"])
    code, lines, _ = run(capsys, "-e", BY_VALUE, "-p", "v:decimal=3.50")
    assert lines == ["t", TARGET + "1"]


def test_an_explicit_string_stays_a_string(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "-e", BY_YEAR, "-p", "y:string=2027")
    assert (code, lines) == (0, ["t"])
    text = "SELECT ?d WHERE { ?d <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?d"
    code, lines, _ = run(capsys, "-e", text.replace("?l }", '?l FILTER(STR(?l) = ?x) }'),
                         "-p", "x=市财政局")  # fmt: skip
    assert lines == ["d", "https://w3id.org/policygraph/id/department/city/fin"]


def test_an_explicit_iri(capsys: pytest.CaptureFixture[str]) -> None:
    text = "SELECT ?t WHERE { ?t <https://w3id.org/policygraph/def#lead> ?d } ORDER BY ?t"
    stb = "https://w3id.org/policygraph/id/department/city/stb"
    _, lines, _ = run(capsys, "-e", text, "-p", f"d:iri={stb}")
    assert lines == [
        "t",
        "https://w3id.org/policygraph/id/plan/mini/task/2-1-1",
        "https://w3id.org/policygraph/id/plan/mini/task/2-2-1",
    ]


def test_a_named_query_keeps_its_declared_types(capsys: pytest.CaptureFixture[str]) -> None:
    # cq05's by is a declared integer; cq03's department an iri-or-label: "2027" stays text
    code, lines, _ = run(capsys, "cq05", "-p", "by=2026")
    assert code == 0 and len(lines) == 2 and lines[1].startswith(TARGET + "1,")
    code, lines, _ = run(capsys, "cq05", "-p", "by:integer=2026")
    assert code == 0 and len(lines) == 2


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("y:integer=next", "parameter 'y': 'next' is not an integer"),
        ("y:decimal=3,5", "parameter 'y': '3,5' is not a decimal"),
        ("d:iri=jiaxing", "parameter 'd': 'jiaxing' is not an absolute IRI"),
        ("y:number=1", "parameter 'y': unknown type 'number'; types: string, integer, decimal"),
        ("y", "--param expects NAME=VALUE or NAME:TYPE=VALUE"),
    ],
)
def test_typed_parameter_errors(
    capsys: pytest.CaptureFixture[str], param: str, message: str
) -> None:
    code, lines, err = run(capsys, "-e", BY_YEAR, "-p", param)
    assert code == 2 and lines == []
    assert err.startswith("policygraph query: error: ") and message in err
    assert len(err.splitlines()) == 1


# -- a label that matches nothing ---------------------------------------------------------------
def test_cli_warns_and_suggests_the_nearest_department(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, "cq03", "-p", "department=市财政厅")
    assert code == 0 and lines == ["role,task,number,task_label"]
    assert err == (
        "policygraph query: warning: department '市财政厅' matches no department label in the "
        "data; nearest: 市财政局\n"
    )
    code, lines, err = run(capsys, "cq03", "-p", "department=市财政局")  # a real one: no warning
    assert (code, err) == (0, "") and len(lines) == 2


@pytest.fixture(scope="module")
def sources(oxigraph_server_for: Any) -> dict[str, Any]:
    return {
        "rdflib": load_graph(MINI),
        "oxigraph": open_store(None, MINI),
        "endpoint": oxigraph_server_for("mini", MINI).query_url,
    }


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph", "endpoint"])
def test_python_warns_on_every_backend(sources: dict[str, Any], backend: str) -> None:
    with pytest.warns(UnmatchedLabelWarning) as record:
        frame = query(sources[backend], "cq12", department="Municipal Finance Office")
    assert frame.empty
    assert [str(w.message) for w in record] == [
        "department 'Municipal Finance Office' matches no department label in the data; "
        "nearest: Municipal Finance Bureau, Municipal Science and Technology Bureau"
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # a label that exists gives no warning, even when the query then has no rows
        assert query(sources[backend], "cq12", department="市财政局").shape[0] == 1
        assert query(sources[backend], "cq03", department="有关县〔市、区〕政府").empty is False


def test_nothing_near_says_so(sources: dict[str, Any]) -> None:
    with pytest.warns(UnmatchedLabelWarning, match=r"none of its \d+ labels is near it"):
        assert query(sources["rdflib"], "cq09", entity="zzzz").empty


def test_python_values_are_not_guessed(sources: dict[str, Any]) -> None:
    # in Python the value's own type counts: the string "2027" is a string
    assert query(sources["rdflib"], BY_YEAR, y="2027").empty
    assert len(query(sources["rdflib"], BY_YEAR, y=2027)) == 2
    with pytest.raises(QueryError, match="no such variable"):
        query(sources["rdflib"], BY_YEAR, year=2027)
