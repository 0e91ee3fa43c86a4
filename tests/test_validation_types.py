"""A literal of the wrong type is reported as the wrong type: its value, its type, the type due."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from policygraph import load_graph, validate
from policygraph.cli import main
from policygraph.vocab import PG

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = FIXTURES / "plan-valid.ttl"
TARGET = URIRef("https://w3id.org/policygraph/id/plan/mini/target/1")
RANK = URIRef("https://w3id.org/policygraph/id/plan/mini/task/2-1-1/responsibility/2")
TARGET_EN = "Target 'R&D expenditure share above 3.5%'"
TARGET_ZH = "量化目标「研发经费支出占比超过3.5%」"


def _messages(node: URIRef, prop: URIRef, value: Literal | URIRef) -> list[tuple[str, str, str]]:
    graph = load_graph(VALID)
    graph.set((node, prop, value))
    report = validate(graph, sources=FIXTURES)
    return [(r.source_shape.rsplit("#")[-1], r.message_en, r.message_zh) for r in report.results]


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (
            Literal("abc"),
            'has pg:value "abc" of type xsd:string where an xsd:decimal is expected',
            '的 pg:value 值 "abc" 是 xsd:string，应为 xsd:decimal',
        ),
        (
            Literal("3.5", datatype=XSD.string),
            'has pg:value "3.5" of type xsd:string where an xsd:decimal is expected',
            '的 pg:value 值 "3.5" 是 xsd:string，应为 xsd:decimal',
        ),
        (
            Literal("3.5", datatype=XSD.double),
            'has pg:value "3.5" of type xsd:double where an xsd:decimal is expected',
            '的 pg:value 值 "3.5" 是 xsd:double，应为 xsd:decimal',
        ),
        (
            PG.AtLeast,
            "has pg:value pg:AtLeast, not a literal; an xsd:decimal is expected",
            "的 pg:value 值 pg:AtLeast 不是字面量，应为 xsd:decimal",
        ),
    ],
)
def test_target_value_of_the_wrong_type(value: Literal | URIRef, en: str, zh: str) -> None:
    assert _messages(TARGET, PG.value, value) == [
        (
            "TargetValue",
            f"{TARGET_EN} {en} (source: chars 83–97)",
            f"{TARGET_ZH}{zh}（来源：第83–97字）",
        )
    ]


def test_a_string_rank_is_one_type_finding_not_two() -> None:
    # sh:datatype and sh:minInclusive both fail on "2": the type is what is wrong
    assert _messages(RANK, PG.rank, Literal("2")) == [
        (
            "ResponsibilityRank",
            "Responsibility 'Build a new laboratory system — Municipal Development and Reform"
            ' Commission\' has pg:rank "2" of type xsd:string where an xsd:integer is expected'
            " (source: chars 165–171)",
            '责任分工「打造新型实验室体系 — 市发展改革委」的 pg:rank 值 "2" 是 xsd:string，'
            "应为 xsd:integer（来源：第165–171字）",
        )
    ]


def test_an_ill_formed_decimal_in_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.read_text("utf-8")
    assert text.count("pg:value 3.5 ;") == 1
    (tmp_path / "plan.ttl").write_text(
        text.replace("pg:value 3.5 ;", 'pg:value "3,5"^^xsd:decimal ;'), "utf-8"
    )
    shutil.copytree(FIXTURES / "sources", tmp_path / "sources")
    assert main(["validate", "--lang", "en", str(tmp_path / "plan.ttl")]) == 1
    out, err = capsys.readouterr()
    assert (
        f'  Violation pg:value: {TARGET_EN} has pg:value "3,5", which is not a valid xsd:decimal'
        " (source: chars 83–97)\n    [TargetValue]\n"
    ) in out
    assert err == ""  # no rdflib traceback for the literal: the finding says it


def test_a_label_without_language_keeps_its_own_message() -> None:
    unit = URIRef("https://w3id.org/policygraph/id/unit/percent")
    graph: Graph = load_graph(VALID)
    graph.add((unit, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("percent")))
    (result,) = validate(graph, sources=FIXTURES).results
    assert result.message_en.endswith("has a label without a language tag")
