"""``policygraph curation init``: a skeleton that loads, applies as it is, and fills in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, SKOS

from policygraph import load_curation, load_graph
from policygraph.cli import main
from policygraph.vocab import PG

ROOT = Path(__file__).resolve().parents[1]
NINGBO = ROOT / "data" / "corpus" / "texts" / "ningbo_ai_opc_2026.txt"
JIAXING = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
JIAXING_CURATION = ROOT / "data" / "curation" / "jiaxing-315.yaml"
PART_1 = URIRef("https://w3id.org/policygraph/id/plan/pfce0e93a/section/1")
PARTS = (PG.Section, PG.Action, PG.Task, PG.Goal, PG.Safeguard)


@pytest.fixture(scope="module")
def ningbo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Ningbo text, its graph built without curation, and its skeleton."""
    folder = tmp_path_factory.mktemp("ningbo")
    shutil.copy(NINGBO, folder / "plan.txt")
    assert main(["build", str(folder / "plan.txt"), "-o", str(folder / "bare.ttl"), "-q"]) == 0
    assert main(["curation", "init", str(folder / "plan.txt"), "-o", str(folder / "c.yaml")]) == 0
    return folder


def test_the_skeleton_lists_every_entity_of_the_graph(ningbo: Path) -> None:
    graph = load_graph(ningbo / "bare.ttl")
    curation = load_curation(ningbo / "c.yaml")
    labels = {str(o) for o in graph.objects(None, SKOS.prefLabel) if o.language == "zh"}

    def zh(cls: URIRef) -> set[str]:
        return {
            str(label)
            for s in graph.subjects(RDF.type, cls)
            for label in graph.objects(s, SKOS.prefLabel)
            if label.language == "zh"
        }

    assert {d.name for d in curation.departments} == zh(PG.Department)  # 20, as built
    assert len(curation.departments) == 20
    parts = sum(len(set(graph.subjects(RDF.type, c))) for c in PARTS)
    assert len(curation.parts) == parts == 33
    assert {p.name for p in curation.platforms} == zh(PG.Platform)
    assert {i.name for i in curation.indicators} == zh(PG.Indicator) == {"市级OPC社区", "OPC创业者"}
    assert curation.plan is not None and curation.plan.en is None  # to fill in
    assert curation.plan.issuer_en is None and "宁波市人民政府办公厅" in labels
    text = (ningbo / "c.yaml").read_text("utf-8")
    assert '  "通商控股集团": {id: null, en: null}\n' in text  # no English could be generated
    assert (
        '  "市科技局": {id: null, en: "Municipal Science and Technology Bureau of Ningbo"}'
        "  # generated: check\n"
    ) in text
    assert '  "宁波人工智能超算中心": {id: null, en: null, type: Center}\n' in text


def test_as_it_is_it_changes_nothing(ningbo: Path) -> None:
    out = ningbo / "same.ttl"
    args = ["build", str(ningbo / "plan.txt"), "--curation", str(ningbo / "c.yaml")]
    assert main([*args, "-o", str(out), "-q"]) == 0
    assert isomorphic(load_graph(out), load_graph(ningbo / "bare.ttl"))


def test_one_label_filled_in_is_used_by_build(ningbo: Path) -> None:
    text = (ningbo / "c.yaml").read_text("utf-8")
    line = '  "1": {en: null}  # 加快OPC社区矩阵建设\n'
    assert line in text
    filled = ningbo / "filled.yaml"
    filled.write_text(text.replace(line, '  "1": {en: Build a matrix of OPC communities}\n'))
    (entry,) = [p for p in load_curation(filled).parts if p.en is not None]
    assert (entry.path, entry.en) == ("1", "Build a matrix of OPC communities")
    out = ningbo / "filled.ttl"
    args = ["build", str(ningbo / "plan.txt"), "--curation", str(filled), "-o", str(out), "-q"]
    assert main(args) == 0
    _, removed, added = graph_diff(
        to_isomorphic(load_graph(ningbo / "bare.ttl")), to_isomorphic(load_graph(out))
    )
    assert len(removed) == 0
    assert set(added) == {
        (PART_1, SKOS.prefLabel, Literal("Build a matrix of OPC communities", lang="en"))
    }


def test_jiaxing_skeleton_has_the_curated_departments_and_parts(tmp_path: Path) -> None:
    out = tmp_path / "jiaxing.yaml"
    assert main(["curation", "init", str(JIAXING), "-o", str(out)]) == 0
    skeleton, curated = load_curation(out), load_curation(JIAXING_CURATION)
    assert [d.name for d in skeleton.departments] == [d.name for d in curated.departments]
    assert [p.path for p in skeleton.parts] == [p.path for p in curated.parts]
    assert len(skeleton.departments) == 22 and len(skeleton.parts) == 37
    assert [s.key for s in skeleton.schemes] == [s.key for s in curated.schemes]


def test_refuses_to_write_over_the_plan_or_an_existing_file(
    ningbo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = ningbo / "plan.txt"
    before = plan.read_bytes()
    assert main(["curation", "init", str(plan), "-o", str(plan)]) == 2
    assert plan.read_bytes() == before
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "it is the input" in err

    existing = ningbo / "mine.yaml"
    existing.write_text("parts: {}\n", "utf-8")
    assert main(["curation", "init", str(plan), "-o", str(existing)]) == 2
    err = capsys.readouterr().err
    assert err == f"policygraph curation: error: {existing}: exists; --force replaces it\n"
    assert existing.read_text("utf-8") == "parts: {}\n"
    assert main(["curation", "init", str(plan), "-o", str(existing), "--force"]) == 0
    assert existing.read_text("utf-8") == (ningbo / "c.yaml").read_text("utf-8")


def test_an_unreadable_plan_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["curation", "init", str(tmp_path / "none.txt"), "-o", str(tmp_path / "c.yaml")]) == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.txt" in err
    assert not (tmp_path / "c.yaml").exists()


def test_null_is_to_fill_in_but_an_empty_string_is_an_error() -> None:
    from policygraph.curation import parse_curation
    from policygraph.errors import CurationError

    assert parse_curation("parts: {'1': {en: null}}").parts[0].en is None
    with pytest.raises(CurationError, match=r"c.yaml:1: parts.1.en: must not be empty"):
        parse_curation("parts: {'1': {en: ''}}", source="c.yaml")


def test_a_gbk_plan_gives_the_same_skeleton(ningbo: Path) -> None:
    gbk = ningbo / "plan-gbk.txt"
    gbk.write_bytes((ningbo / "plan.txt").read_text("utf-8").encode("gb18030"))
    out = ningbo / "gbk.yaml"
    assert main(["curation", "init", str(gbk), "--encoding", "gb18030", "-o", str(out)]) == 0
    utf8 = (ningbo / "c.yaml").read_text("utf-8")
    assert out.read_text("utf-8") == utf8.replace("Source: plan.txt.", "Source: plan-gbk.txt.")
