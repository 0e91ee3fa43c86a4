"""Indicators compared across plans: identity, the common-indicator scheme, cq16.

Facts are read from the bundled Jiaxing plan (data/sources/jiaxing-315-plan.txt) and the
bundled corpus (data/corpus/texts):

- Jiaxing: 全社会研究与试验发展经费支出占地区生产总值比重超过3.65% (by 2027);
  规上工业企业研发费用支出占营业收入比重达到3.4%; 高新技术企业突破6000家;
  高水平建设…省级新型研发机构20家.
- Shandong, sd2023_zhizao_chuangxin (2023—2025): 全省高新技术企业达到3.3万家;
  其中省级新型研发机构超过500家; and three targets written only as 企业 (…企业15家, …5家, …3家左右).
- Anhui, ah2021_gongye_hulianwang: 企业20家; Shandong, sd2020_gongye_dashuju: 企业1000家 / 100家.
No other text of the corpus states an R&D intensity target.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from policygraph.extraction import extract
from policygraph.indicators import (
    fold,
    indicator_scheme,
    match_indicator,
    names_subject,
    quantity_kind,
)
from policygraph.rdf import load_plan, to_rdf
from policygraph.resources import resource_path
from policygraph.sparql import query
from policygraph.vocab import ID, PG

TEXTS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "texts"
JIAXING = ID["plan/jiaxing-315"]
COMMON = "https://w3id.org/policygraph/id/common-indicator/"


@cache
def corpus_graph(name: str) -> Graph:
    return to_rdf(extract((TEXTS / f"{name}.txt").read_text(encoding="utf-8")))


@cache
def plan_iri(name: str) -> URIRef:
    plan = corpus_graph(name).value(predicate=RDF.type, object=PG.Plan)
    assert isinstance(plan, URIRef)
    return plan


def indicators_of(g: Graph, zh: str) -> set[URIRef]:
    """The indicators whose Chinese label, or a plan's wording of it (altLabel), is ``zh``."""
    return {
        s
        for s in g.subjects(RDF.type, PG.Indicator)
        if isinstance(s, URIRef)
        and any(
            str(o) == zh for label in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(s, label)
        )
    }


def side_by_side(*graphs: Graph, **params: object) -> pd.DataFrame:
    merged = Graph()
    for g in graphs:
        merged += g
    frame = query(merged, "cq16-indicator-across-plans", **params)
    assert isinstance(frame, pd.DataFrame)
    return frame


# --- the scheme ------------------------------------------------------------------------------


def test_scheme_has_bilingual_labels_unique_notations_and_known_kinds() -> None:
    scheme = indicator_scheme()
    assert 15 <= len(scheme) <= 25
    notations = [c.notation for c in scheme.values()]
    assert len(set(notations)) == len(notations)
    for concept in scheme.values():
        assert concept.label_zh and concept.label_en.isascii()
        assert set(concept.kinds) <= {"share", "count", "money", "person-years", "computing-power"}


def test_every_wording_of_the_scheme_reads_back_to_its_own_concept() -> None:
    """No folded wording belongs to two concepts, so a match is never a choice."""
    for concept in indicator_scheme().values():
        for wording in concept.wordings:
            found = match_indicator(wording, _unit_of(concept.kinds[0]))
            assert found is not None and found.key == concept.key, wording


def _unit_of(kind: str) -> str:
    return {"share": "%", "count": "家", "money": "亿元", "person-years": "人年"}.get(kind, "P")


def test_scheme_file_is_a_skos_scheme_of_pg_common_indicators() -> None:
    g = Graph().parse(resource_path("ontology", "indicators.ttl"), format="turtle")
    scheme = URIRef("https://w3id.org/policygraph/id/indicators")
    concepts = set(g.subjects(SKOS.inScheme, scheme))
    assert concepts == set(g.objects(scheme, SKOS.hasTopConcept))
    assert concepts == set(g.subjects(RDF.type, PG.CommonIndicator))
    assert {str(c)[len(COMMON) :] for c in concepts} == set(indicator_scheme())


# --- identity: what the wording names --------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("高新技术企业", True),
        ("全社会研究与试验发展经费支出占地区生产总值比重", True),
        ("企业", False),
        ("占固定资产投资比重", False),  # Jiaxing 2-3-3 before curation: the share of what?
        ("2024年", False),  # sd2024: a year read as the indicator
        ("县级", False),  # sd2019: a level alone
        ("覆盖率", False),  # guangzhou: coverage of what?
    ],
)
def test_names_subject(wording: str, expected: bool) -> None:
    assert names_subject(wording) is expected


def test_fold_drops_the_jurisdiction_and_typography_only() -> None:
    assert fold("全省高新技术企业") == fold("高新技术企业") == "高新技术企业"
    assert fold("全市技能人才总量") == "技能人才总量"
    assert fold("全社会研究与试验发展经费支出占地区生产总值比重").startswith("全社会")
    assert fold("专精特新“小巨人”企业") == "专精特新小巨人企业"


def test_quantity_kinds() -> None:
    assert [quantity_kind(u) for u in ("%", "家", "个", "名", "亿元", "万元", "P", "人年")] == [
        "share",
        "count",
        "count",
        "count",
        "money",
        "money",
        "computing-power",
        "person-years",
    ]


def test_same_wording_of_the_same_thing_is_one_indicator_across_plans() -> None:
    """Two plans that write 高新技术企业 (a count) share one indicator IRI."""
    a = to_rdf(
        extract(
            "甲市科技创新实施方案（2024—2026年）\n一、目标\n到2026年，高新技术企业达到500家。\n"
        )
    )
    b = to_rdf(
        extract(
            "乙省科技创新实施方案（2024—2026年）\n一、目标\n到2026年，全省高新技术企业达到3000家。\n"
        )
    )
    (ia,) = a.objects(None, PG.indicator)
    (ib,) = b.objects(None, PG.indicator)
    assert ia == ib
    assert str(ia).startswith(str(ID["indicator/u"]))


def test_bare_wording_is_an_indicator_of_its_target_only() -> None:
    """企业 in Anhui (20家) and in Shandong (1000家, 100家) are different things: no shared IRI."""
    anhui = indicators_of(corpus_graph("ah2021_gongye_hulianwang"), "企业")
    shandong = indicators_of(corpus_graph("sd2020_gongye_dashuju"), "企业")
    assert len(anhui) == 1 and len(shandong) == 2
    assert not anhui & shandong
    for node in anhui | shandong:
        assert str(node).endswith("/indicator") and "/target/" in str(node)
    # sd2023 writes 企业 for three different targets (15家, 5家, 3家左右): three indicators
    assert len(indicators_of(corpus_graph("sd2023_zhizao_chuangxin"), "企业")) == 3


# --- links to the scheme, read from the texts ---------------------------------------------------


def test_only_jiaxing_states_an_rd_intensity_target() -> None:
    """Across the bundled plan and the 22 corpus texts, one R&D intensity target: Jiaxing's."""
    graphs = [load_plan()] + [
        corpus_graph(p.stem) for p in sorted(TEXTS.glob("*.txt")) if p.stem != "jiaxing-315"
    ]
    frame = side_by_side(*graphs, indicator="RD-GDP")
    assert frame[["plan", "value", "unit", "comparator", "deadline"]].to_dict("records") == [
        {
            "plan": str(JIAXING),
            "value": 3.65,
            "unit": "%",
            "comparator": str(PG.MoreThan),
            "deadline": 2027,
        }
    ]
    assert frame["indicator_label"].tolist() == ["全社会研究与试验发展经费支出占地区生产总值比重"]


def test_a_share_of_one_industrys_revenue_is_not_rd_intensity() -> None:
    g = load_plan()
    (node,) = indicators_of(g, "规上工业企业研发费用支出占营业收入比重")
    assert g.value(node, PG.measures) == URIRef(COMMON + "industrial-enterprise-rd-revenue-share")
    assert (node, PG.measures, URIRef(COMMON + "rd-intensity")) not in g
    assert match_indicator("规上工业企业研发经费占营业收入比重", "%") is not None
    assert match_indicator("规上工业企业研发经费占营业收入比重", "%").key != "rd-intensity"  # type: ignore[union-attr]


def test_high_tech_enterprises_of_two_plans_link_to_one_concept() -> None:
    """Jiaxing 高新技术企业突破6000家 (2027) and Shandong 全省高新技术企业达到3.3万家 (2025)."""
    jiaxing, shandong = load_plan(), corpus_graph("sd2023_zhizao_chuangxin")
    (jx,) = indicators_of(jiaxing, "高新技术企业")
    (sd,) = indicators_of(shandong, "全省高新技术企业")
    concept = URIRef(COMMON + "high-tech-enterprises")
    assert jiaxing.value(jx, PG.measures) == shandong.value(sd, PG.measures) == concept
    # shared across plans, it is named alike by all; Shandong's wording is an alternative label
    assert set(shandong.objects(sd, SKOS.prefLabel)) == {
        Literal("高新技术企业", lang="zh"),
        Literal("High-tech enterprises", lang="en"),
    }
    assert set(shandong.objects(sd, SKOS.altLabel)) == {Literal("全省高新技术企业", lang="zh")}
    frame = side_by_side(jiaxing, shandong, indicator="高新技术企业")
    rows = frame[["plan", "value", "unit", "comparator", "deadline"]].to_dict("records")
    assert rows == [
        {
            "plan": str(JIAXING),
            "value": 6000,
            "unit": "家",
            "comparator": str(PG.MoreThan),
            "deadline": 2027,
        },
        {
            "plan": str(plan_iri("sd2023_zhizao_chuangxin")),
            "value": 33000,
            "unit": "家",
            "comparator": str(PG.Exactly),
            "deadline": 2025,
        },
    ]


def test_provincial_new_rd_institutions_side_by_side() -> None:
    """Jiaxing builds 20 provincial new-type R&D institutions; Shandong has more than 500."""
    frame = side_by_side(load_plan(), corpus_graph("sd2023_zhizao_chuangxin"), indicator="NRDI-P")
    assert frame["value"].tolist() == [20, 500]
    assert frame["comparator"].tolist() == [str(PG.Exactly), str(PG.MoreThan)]
    assert set(frame["common_label_en"]) == {"Provincial new-type R&D institutions"}


def test_a_flow_does_not_link_to_its_stock() -> None:
    """Jiaxing's 新增专精特新“小巨人”企业 (15 a year) is not the stock Shandong states (1000)."""
    frame = side_by_side(load_plan(), corpus_graph("sd2023_zhizao_chuangxin"), indicator="LG")
    assert frame["plan"].tolist() == [str(plan_iri("sd2023_zhizao_chuangxin"))]
    assert frame["value"].tolist() == [1000]


def test_uncurated_indicators_and_targets_take_english_from_the_scheme() -> None:
    g = corpus_graph("sd2024_xinyidai_xinxi")
    (node,) = indicators_of(g, "开通5G基站")
    assert g.value(node, PG.measures) == URIRef(COMMON + "five-g-base-stations")
    english = {str(o) for o in g.objects(node, SKOS.prefLabel) if o.language == "en"}  # type: ignore[attr-defined]
    assert english == {"5G base stations"}
    (target,) = g.subjects(PG.indicator, node)
    labels = {str(o) for o in g.objects(target, SKOS.prefLabel) if o.language == "en"}  # type: ignore[attr-defined]
    assert labels == {"5G base stations: 270,000 in total by 2025"}  # 累计建成开通5G基站27万个


def test_curated_english_wins_over_the_scheme() -> None:
    g = load_plan()
    node = ID["indicator/rd-expenditure-gdp-share"]
    english = {str(o) for o in g.objects(node, SKOS.prefLabel) if o.language == "en"}  # type: ignore[attr-defined]
    assert english == {"R&D expenditure as a share of GDP"}
    assert g.value(node, PG.measures) == URIRef(COMMON + "rd-intensity")
