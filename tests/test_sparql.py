"""query(), open_store(), parameters and errors, and the query/queries commands."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Graph, Literal, URIRef

from policygraph import Endpoint, QueryError, list_queries, open_store, query
from policygraph.cli import main
from policygraph.errors import InputError
from policygraph.rdf import load_graph
from policygraph.sparql import LangString, UnmatchedLabelWarning
from policygraph.vocab import ID, PG

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "sparql-mini.ttl"
STB = str(ID["department/city/stb"])
ODD_LABEL = '市"特别"局 {试点} ; DROP ALL'


@pytest.fixture(scope="module")
def mini() -> Graph:
    return load_graph(MINI)


def test_list_queries_gives_both_questions_and_parameters() -> None:
    queries = list_queries()
    # cq16 on: queries that compare plans
    assert [q.name[:4] for q in queries] == [f"cq{i:02d}" for i in range(1, 22)]
    assert all(q.question_zh and q.question_en for q in queries)
    cq12 = next(q for q in queries if q.name.startswith("cq12"))
    assert cq12.question_zh == "市财政局参与了哪些行动？"
    assert [(p.name, p.type, p.required) for p in cq12.parameters] == [
        ("department", "iri-or-label", True)
    ]
    cq05 = next(q for q in queries if q.name.startswith("cq05"))
    assert [(p.name, p.type, p.default) for p in cq05.parameters] == [("by", "integer", "2027")]


def test_every_named_query_orders_its_results() -> None:
    for q in list_queries():
        assert "ORDER BY" in q.text, q.name
        assert q.text.lstrip().startswith("# zh:"), q.name


def test_department_by_label_or_iri_gives_the_same_answer(mini: Graph) -> None:
    by_label = query(mini, "cq03-department-tasks", department="市科技局")
    by_iri = query(mini, "cq03", department=STB)
    pd.testing.assert_frame_equal(by_label, by_iri)
    assert list(by_label["task_label"]) == ["建设实验室", "引进人才", "培育企业"]
    by_english = query(mini, "cq03", department="Municipal Science and Technology Bureau")
    pd.testing.assert_frame_equal(by_english, by_iri)


def test_result_values_keep_language_and_types(mini: Graph) -> None:
    frame = query(mini, "cq05-targets-by-deadline", by=2026)
    row = frame.iloc[0]
    assert isinstance(row["target_label"], LangString)
    assert row["target_label"].language == "zh"
    assert row["target_label"] == "研究与试验发展经费支出占地区生产总值比重超过3.5%"
    # xsd:decimal values are floats in a float64 column (no Decimal objects); unbound is NaN
    assert row["value"] == 3.5 and frame["value"].dtype == "float64"
    assert row["upper_value"] is None  # unbound in every row: nothing tells its type
    upper = query(mini, "cq05-targets-by-deadline", by=2027)["upper_value"]
    # the fixture writes the upper value 10 as an xsd:integer: a nullable integer column
    assert upper.dtype == "Int64" and upper.isna().tolist() == [True, True, False]
    assert upper.iloc[2] == 10
    assert frame["deadline_implied"].dtype == "bool"
    assert row["comparator"] == str(PG.MoreThan)
    assert frame["deadline_implied"].tolist()[0] is False  # a bool column: numpy bools
    assert frame["deadline_year"].dtype == "int64"
    assert list(frame.columns) == [
        "target",
        "target_label",
        "value",
        "upper_value",
        "unit",
        "comparator",
        "deadline_year",
        "deadline_implied",
    ]


def test_ask_query(mini: Graph) -> None:
    frame = query(mini, "ASK { ?t a <https://w3id.org/policygraph/def#Task> }")
    assert list(frame.columns) == ["ask"] and bool(frame.loc[0, "ask"]) is True


def test_raw_query_with_parameters(mini: Graph) -> None:
    text = "SELECT ?task WHERE { ?task <https://w3id.org/policygraph/def#lead> ?d } ORDER BY ?task"
    frame = query(mini, text, d=STB)
    assert list(frame["task"]) == [
        str(ID["plan/mini/task/2-1-1"]),
        str(ID["plan/mini/task/2-2-1"]),
    ]
    with pytest.raises(QueryError, match="no such variable"):
        query(mini, text, dept=STB)


def test_rq_file_is_a_query(mini: Graph, tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text(
        "# zh: 有几项任务？\n# en: How many tasks?\n"
        "SELECT (COUNT(?t) AS ?n) WHERE { ?t a <https://w3id.org/policygraph/def#Task> }\n",
        encoding="utf-8",
    )
    assert query(mini, str(path)).loc[0, "n"] == 3


def test_unknown_parameter_lists_the_valid_ones(mini: Graph) -> None:
    with pytest.raises(QueryError, match=r"unknown parameter dept .*valid parameters: department"):
        query(mini, "cq03", dept="市科技局")


def test_missing_parameter(mini: Graph) -> None:
    with pytest.raises(QueryError, match="needs parameter 'department'"):
        query(mini, "cq12")


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("cq05", {"by": "next year"}, "expects an integer"),
        ("cq05", {"by": True}, "expects an integer"),
        ("cq15", {"plan_a": "jiaxing", "plan_b": "x"}, "expects an absolute IRI"),
        ("cq15", {"plan_a": "http://a b", "plan_b": "http://x"}, "expects an absolute IRI"),
    ],
)
def test_wrong_parameter_type(
    mini: Graph, name: str, params: dict[str, object], message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        query(mini, name, **params)


def test_unknown_named_query(mini: Graph) -> None:
    with pytest.raises(QueryError, match="unknown named query 'cq99'"):
        query(mini, "cq99")


def test_syntax_error_is_a_query_error_on_rdflib_and_oxigraph(mini: Graph) -> None:
    with pytest.raises(QueryError):
        query(mini, "SELEC ?x WHERE { ?x ?p ?o }")
    with pytest.raises(QueryError, match="error at 1:1"):
        query(open_store(None, MINI), "SELEC ?x WHERE { ?x ?p ?o }")


def test_construct_gives_a_graph(mini: Graph) -> None:
    # CONSTRUCT was refused before; it now gives a graph (tests/test_query_graphs.py)
    copy = query(mini, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(copy, Graph) and len(copy) == len(mini)


def test_source_of_the_wrong_kind() -> None:
    with pytest.raises(QueryError, match="cannot query a dict"):
        query({}, "cq01")


def test_crafted_parameter_changes_nothing_but_the_value_matched(mini: Graph) -> None:
    store = open_store(None, MINI)
    before = (len(mini), len(store))
    for source in (mini, store):
        # the crafted label belongs to one department of the fixture: it matches that one only
        frame = query(source, "cq03-department-tasks", department=ODD_LABEL)
        assert list(frame["task_label"]) == ["引进人才"]
        for crafted in (
            '市财政局" } ; DROP ALL ; #',
            "市财政局' } } DROP ALL",
            '"} UNION { ?dept ?p ?o } #',
            "<http://x> } ; DROP ALL",
        ):
            with pytest.warns(UnmatchedLabelWarning, match="matches no department label"):
                assert query(source, "cq03-department-tasks", department=crafted).empty
    assert (len(mini), len(store)) == before


def test_open_store_puts_each_plan_in_its_own_graph_and_shares_the_rest(tmp_path: Path) -> None:
    g = load_graph(MINI)
    copy = Graph()
    plan, other = str(ID["plan/mini"]), str(ID["plan/other"])
    for s, p, o in g:
        copy.add(
            tuple(  # type: ignore[arg-type]
                URIRef(other + str(t)[len(plan) :])
                if isinstance(t, URIRef) and str(t).startswith(plan)
                else t
                for t in (s, p, o)
            )
        )
    store = open_store(tmp_path / "db", MINI, copy)
    assert sorted(n.value for n in store.named_graphs()) == [plan, other]
    # departments are shared: counted once although both plans mention them
    frame = query(store, "cq02-department-workload")
    assert frame.loc[0, "department_label"] == "市科技局" and frame.loc[0, "total_tasks"] == 6
    del store
    reopened = open_store(tmp_path / "db", MINI)  # loading a plan again replaces its graph
    assert len(query(reopened, "cq01")) == 6


def test_open_store_reports_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="malformed RDF"):
        open_store(None, bad)
    with pytest.raises(InputError, match="no such file"):
        open_store(None, tmp_path / "missing.ttl")


def test_chinese_literals_survive_the_store(mini: Graph) -> None:
    store = open_store(None, mini)
    text = "SELECT ?l WHERE { ?d ?p ?l FILTER(?l = ?want) }"
    want = Literal("有关县〔市、区〕政府", lang="zh")
    for source in (mini, store):
        frame = query(source, text, want=want)
        assert list(frame["l"]) == ["有关县〔市、区〕政府"]
        assert frame.loc[0, "l"].language == "zh"


def test_endpoint_validates_its_url() -> None:
    # a malformed URL or timeout is a usage error (exit code 2), not an endpoint failure (3)
    with pytest.raises(InputError, match=r"ftp://example\.org/sparql: not an http"):
        Endpoint("ftp://example.org/sparql")
    with pytest.raises(InputError, match="the timeout must be positive"):
        Endpoint("http://127.0.0.1:1/query", timeout=0)
    assert "password" not in repr(Endpoint("http://127.0.0.1:1/query", user="u", password="p"))


def test_syntax_error_names_the_query_file_line_and_column(mini: Graph, tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("# zh: 坏的\n# en: broken\nSELECT ?x WHERE { ?x ?p }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"broken\.rq:3:19: syntax error") as info:
        query(mini, str(path))
    assert (info.value.source, info.value.line, info.value.column) == (str(path), 3, 19)
    with pytest.raises(QueryError, match=r"broken\.rq: error at"):  # Oxigraph's own message
        query(open_store(None, MINI), str(path))
    with pytest.raises(QueryError, match=r"^<query>:1:1: syntax error"):
        query(mini, "SELEC ?x WHERE { ?x ?p ?o }")


def test_open_store_reports_the_line_of_malformed_turtle(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://a> <http://b> <http://c> .\n<http://a> <http://b> "open .\n')
    with pytest.raises(InputError, match=r"bad\.ttl:2:\d+: malformed RDF") as info:
        open_store(None, bad)
    assert info.value.line == 2


# -- command line ---------------------------------------------------------------------------
def test_cli_queries_lists_questions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    assert "cq12-department-actions" in out
    assert "市财政局参与了哪些行动？" in out
    assert "--param department=" in out


def test_cli_query_named_with_param_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["query", "cq03", "--data", str(MINI), "--param", "department=市科技局", "--format", "csv"]
    )
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "role,task,number,task_label"
    assert [line.rsplit(",", 1)[1] for line in lines[1:]] == ["建设实验室", "引进人才", "培育企业"]


def test_cli_query_expression_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "SELECT ?l WHERE { ?d a <https://w3id.org/policygraph/def#Department> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(LANG(?l) = 'zh') } ORDER BY ?l"
    )
    assert main(["query", "-e", text, "--data", str(MINI), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {"l": "有关县〔市、区〕政府"} in records and len(records) == 5
    assert main(["query", "-e", text, "--data", str(MINI)]) == 0
    assert "有关县〔市、区〕政府" in capsys.readouterr().out


def test_cli_query_on_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(tmp_path / "db", MINI)
    del store
    code = main(["query", "cq10", "--store", str(tmp_path / "db"), "--format", "tsv"])
    assert code == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("\t2．\t培育企业")


def test_cli_errors_are_one_line_with_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "cq03", "--data", str(MINI), "--param", "dept=x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policygraph query: error: unknown parameter dept")
    assert "Traceback" not in err
    assert main(["query", "cq03", "--data", str(MINI), "--param", "department"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
    assert main(["query", "cq01", "--store", "/nonexistent/store"]) == 2
    assert "not an Oxigraph store folder" in capsys.readouterr().err
    assert main(["query", "cq01", "--endpoint", "localhost:7878"]) == 2
    assert capsys.readouterr().err == (
        "policygraph query: error: localhost:7878: not an http(s) URL\n"
    )
    assert main(["query", "cq01", "--endpoint", "http://127.0.0.1:1/q", "--timeout", "0"]) == 2
    assert "the timeout must be positive" in capsys.readouterr().err
