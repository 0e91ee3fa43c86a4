"""``policygraph validate``: exit codes, formats, languages, input errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH

from policygraph.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = FIXTURES / "plan-valid.ttl"
TASK = "https://w3id.org/policygraph/id/plan/mini/task/2-1-1"
LEAD = "    pg:lead <department/city/science-technology-bureau> ;\n"


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A copy of the valid plan with its source text beside it (in sources/)."""
    shutil.copy(VALID, tmp_path / "plan.ttl")
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    return tmp_path


@pytest.fixture
def no_lead(plan_dir: Path) -> Path:
    path = plan_dir / "plan.ttl"
    text = path.read_text("utf-8")
    assert LEAD in text
    path.write_text(text.replace(LEAD, ""), "utf-8")
    return path


def test_conforming_graph_exits_0(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "en", str(plan_dir / "plan.ttl")]) == 0
    out = capsys.readouterr().out
    assert out.endswith("conforms: 0 violations, 0 warnings, 0 notes\n")


def test_missing_lead_exits_1_with_labels_and_quote(
    no_lead: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--lang", "en", str(no_lead)]) == 1
    out = capsys.readouterr().out
    assert "does not conform: 1 violation, 0 warnings, 0 notes" in out
    assert "打造新型实验室体系 / Build a new laboratory system\n" in out
    assert f"  <{TASK}>\n" in out
    # the quote is the source text at the task's span
    assert "  source 119–172: 「1．打造新型实验室体系。推进南湖实验室建设" in out
    assert (
        "  Violation pg:lead: Task 'Build a new laboratory system' has no lead department"
        " (source: chars 119–172)" in out
    )


def test_text_in_chinese(no_lead: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(no_lead), "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "不符合约束：1 个违规，0 个警告，0 条提示" in out
    assert "  违规 pg:lead: 任务「打造新型实验室体系」没有牵头单位（来源：第119–172字）" in out


def test_json_for_tools(no_lead: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "en", str(no_lead), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["conforms"] is False
    assert data["counts"] == {"Violation": 1, "Warning": 0, "Info": 0}
    (result,) = data["results"]
    assert result["focus_node"] == TASK
    assert result["path"] == "pg:lead"
    assert result["severity"] == "Violation"
    assert result["source_shape"] == "https://w3id.org/policygraph/shapes#TaskLead"
    assert result["label_zh"] == "打造新型实验室体系"
    assert result["span"] == [119, 172]
    assert result["message_zh"] == "任务「打造新型实验室体系」没有牵头单位（来源：第119–172字）"


def test_junit_for_ci(no_lead: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "en", str(no_lead), "--format", "junit"]) == 1
    suite = ET.fromstring(capsys.readouterr().out)
    assert suite.tag == "testsuite"
    assert (suite.get("tests"), suite.get("failures")) == ("1", "1")
    case = suite.find("testcase")
    assert case is not None
    assert case.get("name") == "打造新型实验室体系 / Build a new laboratory system"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "Violation"
    assert failure.get("message", "").startswith("Task 'Build a new laboratory system' has no lead")


def test_junit_of_a_conforming_graph_has_one_passing_case(
    plan_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--lang", "en", str(plan_dir / "plan.ttl"), "--format", "junit"]) == 0
    suite = ET.fromstring(capsys.readouterr().out)
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")


def test_turtle_is_a_shacl_report(no_lead: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "en", str(no_lead), "--format", "turtle"]) == 1
    report = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert set(report.objects(None, SH.conforms)) == {Literal(False)}
    (focus,) = set(report.objects(None, SH.focusNode))
    assert str(focus) == TASK


def test_fail_on_warning(plan_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = plan_dir / "plan.ttl"
    label = ' , "Nanhu Laboratory"@en'
    text = path.read_text("utf-8")
    assert label in text
    path.write_text(text.replace(label, ""), "utf-8")
    assert (
        main(["validate", "--lang", "en", str(path)]) == 0
    )  # a missing English label is a Warning
    assert "conforms: 0 violations, 1 warning, 0 notes" in capsys.readouterr().out
    assert main(["validate", "--lang", "en", str(path), "--fail-on", "warning"]) == 1
    assert "Platform 'Nanhu Laboratory'" not in capsys.readouterr().out  # named by its zh label


def test_source_text_not_found_is_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(VALID, tmp_path / "plan.ttl")  # no sources/ beside it
    assert main(["validate", "--lang", "en", str(tmp_path / "plan.ttl")]) == 0
    out = capsys.readouterr().out
    assert "conforms: 0 violations, 0 warnings, 1 note" in out
    assert "Info pg:fileName: Source document 'mini-plan.txt' was not found" in out
    assert (
        main(["validate", "--lang", "en", str(tmp_path / "plan.ttl"), "--sources", str(FIXTURES)])
        == 0
    )
    assert "0 notes" in capsys.readouterr().out


def test_output_file(no_lead: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = no_lead.parent / "report.json"
    assert main(["validate", "--lang", "en", str(no_lead), "--format", "json", "-o", str(out)]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text("utf-8"))["counts"]["Violation"] == 1


def test_malformed_turtle_exits_2_naming_file_line_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix pg: <https://w3id.org/policygraph/def#> .\n\npg:a pg:b pg:c ;\n", "utf-8"
    )
    assert main(["validate", "--lang", "en", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"policygraph validate: error: {bad}:3:")
    assert "Traceback" not in captured.err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.ttl"
    assert main(["validate", "--lang", "en", str(missing)]) == 2
    assert capsys.readouterr().err == f"policygraph validate: error: {missing}: no such file\n"


def test_malformed_shapes_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path\n", "utf-8")
    assert main(["validate", "--lang", "en", str(VALID), "--shapes", str(shapes)]) == 2
    assert capsys.readouterr().err.startswith(f"policygraph validate: error: {shapes}:")


def test_invalid_shacl_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix pg: <https://w3id.org/policygraph/def#> .\n"
        "<s> a sh:NodeShape ; sh:targetClass pg:Task ;\n"
        '    sh:property [ sh:path pg:lead ; sh:minCount "one" ] .\n',
        "utf-8",
    )
    assert main(["validate", "--lang", "en", str(VALID), "--shapes", str(shapes)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"policygraph validate: error: {shapes}: invalid SHACL shapes: ")
    assert "minCount" in err


def test_shapes_with_a_sparql_syntax_error_exit_2_naming_the_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix pg: <https://w3id.org/policygraph/def#> .\n"
        "<https://example.org/shapes#Lead> a sh:NodeShape ; sh:targetClass pg:Task ;\n"
        '    sh:sparql [ sh:select "SELECT $this WHERE { $this pg:lead ?x" ] .\n',
        "utf-8",
    )
    assert main(["validate", "--lang", "en", str(VALID), "--shapes", str(shapes)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"policygraph validate: error: {shapes}: invalid SHACL shapes: SPARQL syntax error in "
        "<https://example.org/shapes#Lead>, line 1 column 38 of its query: "
    )
    assert err.count("\n") == 1


def test_a_data_file_given_as_shapes_exits_2(
    plan_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = str(plan_dir / "plan.ttl")
    assert main(["validate", "--lang", "en", plan, "--shapes", plan]) == 2
    assert capsys.readouterr().err == (
        f"policygraph validate: error: {plan}: not SHACL shapes: "
        "they use no term of the sh: namespace\n"
    )


def test_output_file_is_replaced_whole(
    no_lead: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.txt"
    out.write_text("an older, longer report\n" * 100, "utf-8")
    assert main(["validate", "--lang", "en", str(no_lead), "-o", str(out)]) == 1
    assert capsys.readouterr().out == ""
    text = out.read_text("utf-8")
    assert text.startswith(f"{no_lead}: does not conform: 1 violation")
    assert "older" not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.ttl", "report.txt", "sources"]


def test_unwritable_output_exits_2(
    no_lead: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing-folder" / "report.txt"
    assert main(["validate", "--lang", "en", str(no_lead), "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"policygraph validate: error: {out}: cannot write: No such file or directory\n"
    )


def test_custom_shapes_replace_the_bundled_ones(
    plan_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shapes = tmp_path / "mine.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix pg: <https://w3id.org/policygraph/def#> .\n"
        "<https://example.org/shapes#TwoLeads> a sh:NodeShape ; sh:targetClass pg:Task ;\n"
        "    sh:property [ sh:path pg:lead ; sh:minCount 2 ;\n"
        '        sh:message "需要两个牵头单位"@zh , "needs two leads"@en ] .\n',
        "utf-8",
    )
    path = str(plan_dir / "plan.ttl")
    assert (
        main(["validate", "--lang", "en", path, "--shapes", str(shapes), "--format", "json"]) == 1
    )
    data = json.loads(capsys.readouterr().out)
    assert [r["message_en"] for r in data["results"]] == [
        "Task 'Build a new laboratory system' needs two leads (source: chars 119–172)"
    ]


@pytest.mark.parametrize(
    "content",
    ["", "<https://example.org/a> a <https://example.org/B> .\n"],
    ids=["empty", "not-a-plan"],
)
def test_a_graph_without_a_plan_is_an_input_error(
    content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CI gate must not pass an empty graph: exit 2, as report and network do."""
    graph = tmp_path / "g.ttl"
    graph.write_text(content, "utf-8")
    out = tmp_path / "report.xml"
    for fmt in ("text", "junit"):
        assert main(["validate", "--lang", "en", str(graph), "--format", fmt, "-o", str(out)]) == 2
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == (
            "",
            f"policygraph validate: error: {graph}: the input holds no pg:Plan\n",
        )
    assert not out.exists()
    assert main(["report", str(graph)]) == 2
    assert main(["network", str(graph), "-o", str(tmp_path / "net")]) == 2
