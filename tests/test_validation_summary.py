"""Missing English labels are one finding; ``--severity``, ``--ignore`` and ``--all``.

The graph is the Ningbo AI OPC opinions (data/corpus/texts/ningbo_ai_opc_2026.txt) built
without curation, as a new user builds a plan of their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from policygraph import load_graph, validate
from policygraph.cli import main

TEXTS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "texts"
LABEL_EN = URIRef("https://w3id.org/policygraph/shapes#LabelEn")
PLAN = "https://w3id.org/policygraph/id/plan/pfce0e93a"

#: entities of the classes pgsh:LabelledShape targets that have no @en label
UNLABELLED = """
PREFIX pg: <https://w3id.org/policygraph/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
    VALUES ?class { pg:Plan pg:Section pg:Action pg:Task pg:Goal pg:Safeguard pg:Department
                    pg:Responsibility pg:Target pg:Platform pg:PlatformMention pg:Indicator
                    pg:Unit pg:Scheme pg:StrategicField pg:Highland pg:Function }
    ?e a ?class .
    FILTER NOT EXISTS { ?e skos:prefLabel ?l . FILTER (langMatches(lang(?l), "en")) }
}"""

SUMMARY_EN = (
    "109 entities have no English label (54 responsibilities, 21 tasks, 12 sections,"
    " 8 platforms, 8 platform mentions, 2 indicators, 2 targets, 1 department, 1 plan)"
    " — `policygraph curation init` writes a skeleton"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ningbo") / "ningbo.ttl"
    assert main(["build", str(TEXTS / "ningbo_ai_opc_2026.txt"), "-o", str(out), "-q"]) == 0
    return out


def _validate(built: Path, *args: str) -> list[str]:
    return ["validate", str(built), "--sources", str(TEXTS), *args]


def test_the_built_graph_has_109_entities_without_english(built: Path) -> None:
    (row,) = load_graph(built).query(UNLABELLED)
    assert int(row[0]) == 109


def test_report_summarises_them_and_keeps_each(built: Path) -> None:
    report = validate(load_graph(built), sources=TEXTS)
    each = [r for r in report.results if r.source_shape == str(LABEL_EN)]
    assert len(each) == 109 and {r.severity for r in each} == {"Warning"}
    (summary,) = report.summarised
    assert summary.message_en == SUMMARY_EN
    assert summary.message_zh == (
        "109 个实体没有英文名称（54 个责任分工、21 个任务、12 个部分、8 个平台、8 个平台提及、"
        "2 个指标、2 个量化目标、1 个部门、1 个规划方案）"
        "——`policygraph curation init` 可生成校订文件框架"
    )
    assert (summary.focus_node, summary.severity, summary.path) == (
        PLAN,
        "Warning",
        "skos:prefLabel",
    )
    # what is read: the period warning and the one summary
    assert [r.source_shape.rsplit("#")[-1] for r in report.findings] == ["PlanPeriod", "LabelEn"]
    assert report.summary() == "conforms: 0 violations, 2 warnings, 0 notes"
    assert report.summary(every=True) == "conforms: 0 violations, 110 warnings, 0 notes"
    assert not validate(load_graph(built), sources=TEXTS, fail_on="Warning").conforms


def test_text_shows_one_summary(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_validate(built)) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"{built}: conforms: 0 violations, 2 warnings, 0 notes"
    assert out.count("[LabelEn") == 1
    assert out.endswith(
        f"\nEnglish labels\n  Warning skos:prefLabel: {SUMMARY_EN}\n"
        "    [LabelEn, --all lists them]\n"
    )
    assert main([*_validate(built), "--all"]) == 0
    out = capsys.readouterr().out
    assert out.count("[LabelEn]") == 109 and "English labels" not in out
    assert out.splitlines()[0] == f"{built}: conforms: 0 violations, 110 warnings, 0 notes"


def test_json_junit_turtle_show_one_summary(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*_validate(built), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"Violation": 0, "Warning": 2, "Info": 0}
    assert [r["summary"] for r in data["results"]] == [False, True]
    assert data["results"][1]["message_en"] == SUMMARY_EN
    assert main([*_validate(built), "--format", "json", "--all"]) == 0
    assert len(json.loads(capsys.readouterr().out)["results"]) == 110

    assert main([*_validate(built), "--format", "junit", "--fail-on", "warning"]) == 1
    suite = ET.fromstring(capsys.readouterr().out)
    assert (suite.get("tests"), suite.get("failures")) == ("2", "2")
    labels = suite.find("testcase[@name='English labels']/failure")
    assert labels is not None and labels.get("message") == SUMMARY_EN

    def label_results(args: list[str]) -> int:
        assert main(args) == 0
        g = Graph().parse(data=capsys.readouterr().out, format="turtle")
        results = set(g.subjects(RDF.type, SH.ValidationResult))
        assert results == set(g.objects(None, SH.result))  # every result linked
        return len([r for r in results if (r, SH.sourceShape, LABEL_EN) in g])

    assert label_results([*_validate(built), "--format", "turtle"]) == 1
    assert label_results([*_validate(built), "--format", "turtle", "--all"]) == 109


def test_severity_shows_and_fail_on_fails(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_validate(built), "--severity", "violation", "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    assert out == (
        f"{built}: does not conform: 0 violations, 2 warnings, 0 notes"
        " (2 below --severity Violation not shown)\n"
    )
    assert main([*_validate(built), "--severity", "Violation"]) == 0
    capsys.readouterr()
    assert main([*_validate(built), "--severity", "Warning", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["hidden"] == 0


def test_ignore_leaves_a_shape_out_of_output_and_exit_code(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*_validate(built), "--fail-on", "warning", "--format", "json"]
    assert main([*args, "--ignore", "LabelEn"]) == 1  # the period warning is left
    data = json.loads(capsys.readouterr().out)
    assert [r["source_shape"] for r in data["results"]] == [
        "https://w3id.org/policygraph/shapes#PlanPeriod"
    ]
    assert data["ignored"] == [str(LABEL_EN)]
    assert main([*args, "--ignore", "LabelEn", "--ignore", str(LABEL_EN)[:-7] + "PlanPeriod"]) == 0
    assert json.loads(capsys.readouterr().out)["results"] == []


def test_ignore_an_unknown_shape_is_a_usage_error(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*_validate(built), "--ignore", "LabelEnn"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--ignore LabelEnn: no shape of that name" in err
