"""Departments' functions, levels, governments and English names: the scheme, the reader, the graph.

Facts come from the corpus texts (data/corpus: issuers and units as written) and from
data/plan315.ttl (Jiaxing, curated).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from policygraph.departments import (
    FUNCTION_NS,
    FUNCTION_SCHEME,
    LEVELS,
    Jurisdiction,
    function_scheme,
    plan_jurisdiction,
    read_department,
    read_jurisdiction,
)
from policygraph.extraction import extract_file
from policygraph.gazetteer import Place, gazetteer, lookup
from policygraph.model import PlanDocument, Responsibility, Section, Span
from policygraph.rdf import department_iri, load_plan, to_rdf
from policygraph.resources import resource_path
from policygraph.validation import validate
from policygraph.vocab import ID, ORG, PG

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
TEXTS = CORPUS / "texts"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
FN = ID["function/"]


def fn(key: str) -> URIRef:
    return URIRef(FUNCTION_NS + key)


@pytest.fixture(scope="module")
def scheme_graph() -> Graph:
    return Graph().parse(resource_path("ontology", "functions.ttl"), format="turtle")


@pytest.fixture(scope="module")
def docs() -> dict[str, PlanDocument]:
    # the 22 texts of the gold (the corpus also holds Jiaxing's plan, which has no gold entry)
    return {Path(name).stem: extract_file(TEXTS / name) for name in sorted(GOLD)}


# --- the scheme -------------------------------------------------------------------------------


def test_scheme_concepts_are_bilingual_and_complete(scheme_graph: Graph) -> None:
    scheme = URIRef(FUNCTION_SCHEME)
    concepts = set(scheme_graph.subjects(SKOS.inScheme, scheme))
    assert concepts == set(scheme_graph.subjects(RDF.type, PG.Function))
    assert len(concepts) == len(function_scheme()) == 94
    problems = []
    for c in sorted(concepts):
        for prop in (SKOS.prefLabel, SKOS.definition):
            langs = Counter(o.language for o in scheme_graph.objects(c, prop))  # type: ignore[attr-defined]
            if langs != Counter({"zh": 1, "en": 1}):
                problems.append(f"{c} {prop}: {dict(langs)}")
        cores = Counter(o.language for o in scheme_graph.objects(c, PG.nameCore))  # type: ignore[attr-defined]
        if cores["en"] != 1 or cores["zh"] < 1:
            problems.append(f"{c} pg:nameCore: {dict(cores)}")
        broader = list(scheme_graph.objects(c, SKOS.broader))
        top = (c, SKOS.topConceptOf, scheme) in scheme_graph
        if top == bool(broader) or any(b not in concepts for b in broader):
            problems.append(f"{c}: top concept or broader")
        if top != ((scheme, SKOS.hasTopConcept, c) in scheme_graph):
            problems.append(f"{c}: hasTopConcept")
    assert problems == []


def test_scheme_labels_are_bilingual_for_the_named_functions() -> None:
    scheme = function_scheme()
    expected = {
        "science-technology": ("科学技术", "science and technology"),
        "development-reform": ("发展改革", "development and reform"),
        "industry-it": ("工业和信息化", "industry and information technology"),
        "finance": ("财政", "public finance"),
        "human-resources-social-security": (
            "人力资源和社会保障",
            "human resources and social security",
        ),
        "party-organisation": ("党的组织", "party organisation"),
        "publicity": ("宣传", "publicity"),
        "central-bank": ("人民银行", "central bank"),
    }
    assert {k: (scheme[k].label_zh, scheme[k].label_en) for k in expected} == expected


def test_every_alt_label_reads_back_to_its_concept(scheme_graph: Graph) -> None:
    """The full names a concept lists (科技部, 科技厅, 市科学技术局 …) read as that function."""
    misread = []
    alts = list(scheme_graph.subject_objects(SKOS.altLabel))
    for concept, alt in alts:
        key = str(concept)[len(FUNCTION_NS) :]
        if key not in read_department(str(alt)).functions:
            misread.append(f"{alt} → {read_department(str(alt)).functions}, not {key}")
    assert misread == []
    assert len(alts) > 250
    # SKOS: a label is not both preferred and alternative, nor an alternative of two concepts
    prefs = {(c, o) for c, o in scheme_graph.subject_objects(SKOS.prefLabel)}
    assert not prefs & set(alts)
    assert [a for a, n in Counter(str(a) for _, a in alts).items() if n > 1] == []


def test_scheme_parses_in_oxigraph_too() -> None:
    import pyoxigraph as ox

    path = resource_path("ontology", "functions.ttl")
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    assert len(quads) == len(Graph().parse(path, format="turtle"))


# --- reading names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "functions", "levels", "label"),
    [
        (
            "市科技局",
            ("science-technology",),
            ("prefecture",),
            "Municipal Science and Technology Bureau",
        ),
        (
            "市科学技术局",
            ("science-technology",),
            ("prefecture",),
            "Municipal Science and Technology Bureau",
        ),
        ("科技部", ("science-technology",), ("national",), "Ministry of Science and Technology"),
        (
            "省科技厅",
            ("science-technology",),
            ("provincial",),
            "Provincial Department of Science and Technology",
        ),
        (
            "省工业和信息化厅",
            ("industry-it",),
            ("provincial",),
            "Provincial Department of Industry and Information Technology",
        ),
        (
            "省经济和信息化厅",
            ("industry-it",),
            ("provincial",),
            "Provincial Department of Industry and Information Technology",
        ),
        (
            "国家发展改革委",
            ("development-reform",),
            ("national",),
            "National Development and Reform Commission",
        ),
        (
            "区科技和工业信息化局",
            ("science-technology", "industry-it"),
            ("district",),
            "District Science and Technology, Industry and Information Technology Bureau",
        ),
        (
            "市委组织部",
            ("party-organisation",),
            ("prefecture",),
            "Organization Department of the Municipal Party Committee",
        ),
        (
            "县委组织部（人才办）",
            ("party-organisation", "talent-work"),
            ("county",),
            "Organization Department of the County Party Committee"
            " (Talent Work Office of the County Party Committee)",
        ),
        ("海关总署", ("customs",), ("national",), "General Administration of Customs"),
        ("国务院办公厅", ("general-office",), ("national",), "General Office of the State Council"),
        (
            "团市委",
            ("youth-league",),
            ("prefecture",),
            "Municipal Communist Youth League Committee",
        ),
        ("最高人民法院", ("courts",), ("national",), "Supreme People's Court"),
        (
            "市人力社保局",
            ("human-resources-social-security",),
            ("prefecture",),
            "Municipal Human Resources and Social Security Bureau",
        ),
        (
            "各区、县级市政府",
            ("general-government",),
            ("district", "county"),
            "All district and county people's governments",
        ),
    ],
)
def test_read_department(
    name: str, functions: tuple[str, ...], levels: tuple[str, ...], label: str
) -> None:
    d = read_department(name)
    assert (d.functions, d.levels, d.label_en) == (functions, levels, label)


@pytest.mark.parametrize(
    ("name", "kind", "reason"),
    [
        ("各有关部门", "collective", "a collective of departments"),
        ("有关部门和单位", "collective", "a collective of departments"),
        ("省推进工业互联网创新发展专项工作组成员单位", "collective", "a collective of departments"),
        ("武汉投控集团", "non-government", "not a government body"),
        ("省铁塔公司", "non-government", "not a government body"),
        ("中国国家铁路集团有限公司", "non-government", "not a government body"),
        ("市流动人员出租屋管理办", "unread", "no function core in the name"),
    ],
)
def test_units_without_a_function_say_why(name: str, kind: str, reason: str) -> None:
    d = read_department(name)
    assert (d.kind, d.functions, d.reason) == (kind, (), reason)


def test_unprefixed_names_take_the_plan_s_level_and_place() -> None:
    sichuan = read_jurisdiction("四川省科学技术厅等")
    assert sichuan == Jurisdiction("provincial", "四川省", "Sichuan")
    d = read_department("科技厅", plan=sichuan)
    assert (d.functions, d.levels, d.government) == (
        ("science-technology",),
        ("provincial",),
        sichuan,
    )
    assert d.label_en == "Provincial Department of Science and Technology of Sichuan"
    ningbo = read_jurisdiction("宁波市人民政府办公厅")
    assert ningbo == Jurisdiction("prefecture", "宁波市", "Ningbo")
    d = read_department("开发园区管委会", plan=ningbo)
    assert (d.functions, d.levels, d.level_source) == (
        ("development-zones",),
        ("prefecture",),
        "plan",
    )
    # a place written in the name: the same government as the plan's when it is the plan's place
    assert read_department("宁波市经信局", plan=ningbo).government == ningbo
    assert (
        read_department("宁波市经信局").label_en
        == "Municipal Industry and Information Technology Bureau of Ningbo"
    )
    # 市 in a municipality's plan is the provincial level
    beijing = read_jurisdiction("北京市人民政府")
    assert read_department("市科委", plan=beijing).levels == ("provincial",)
    assert read_department("国家发展改革委", plan=ningbo).government == Jurisdiction(
        "national", "中国", "China"
    )


@pytest.mark.parametrize(
    ("stem", "level", "place"),
    [
        ("ah2021_gongye_hulianwang", "provincial", "安徽省"),
        ("ah2022_rcep_kaifang", "provincial", "安徽省"),
        ("cangnan_ai_opc_2026", "county", "苍南县"),
        ("gov2018_chuangxin_gaige_tuiguang", "national", "中国"),
        ("gov2018_cujin_jiuye", "national", "中国"),
        ("gov2018_tiyu_jingsai", "national", "中国"),
        ("gov2018_xiaofei_fupin", "national", "中国"),
        ("gov2019_zonghe_baoshuiqu", "national", "中国"),
        # no issuer in the text: national because its units are ministries (工业和信息化部 …)
        ("gov2020_laonianren_zhineng", "national", "中国"),
        # no issuer nor place in these copies: the level their 市… units state
        ("guangzhou_2012_dangjian_chuangxin", "prefecture", None),
        ("guangzhou_2012_minsheng_xingfu", "prefecture", None),
        ("guangzhou_2012_minzhu_fazhi", "prefecture", None),
        ("luohu_ai_opc_2026", "district", "罗湖区"),
        ("ningbo_ai_opc_2026", "prefecture", "宁波市"),
        ("sd2019_shuzi_shandong", "provincial", None),
        ("sd2020_gongye_dashuju", "provincial", "山东省"),
        ("sd2023_zhizao_chuangxin", "provincial", "山东省"),
        ("sd2024_xinyidai_xinxi", "provincial", None),
        ("shangcheng_ai_opc_2026", "district", "上城区"),
        ("sichuan_ai_opc_2026", "provincial", "四川省"),
        ("taian_ai_opc_2026", "prefecture", "泰安市"),
        ("wuhan_ai_opc_2026", "prefecture", "武汉市"),
    ],
)
def test_plan_jurisdiction_of_the_corpus(
    docs: dict[str, PlanDocument], stem: str, level: str, place: str | None
) -> None:
    j = plan_jurisdiction(docs[stem])
    assert (j.level, j.place) == (level, place)


@pytest.mark.parametrize(
    ("stem", "name", "functions", "levels", "place"),
    [
        ("ningbo_ai_opc_2026", "市科技局", ("science-technology",), ("prefecture",), "宁波市"),
        (
            "ah2021_gongye_hulianwang",
            "省经济和信息化厅",
            ("industry-it",),
            ("provincial",),
            "安徽省",
        ),
        (
            "gov2020_laonianren_zhineng",
            "国家发展改革委",
            ("development-reform",),
            ("national",),
            "中国",
        ),
        ("gov2018_cujin_jiuye", "人民银行", ("central-bank",), ("national",), "中国"),
        (
            "luohu_ai_opc_2026",
            "区科技和工业信息化局",
            ("science-technology", "industry-it"),
            ("district",),
            "罗湖区",
        ),
        (
            "cangnan_ai_opc_2026",
            "县委组织部（人才办）",
            ("party-organisation", "talent-work"),
            ("county",),
            "苍南县",
        ),
        ("sichuan_ai_opc_2026", "科技厅", ("science-technology",), ("provincial",), "四川省"),
        ("sichuan_ai_opc_2026", "成都市", ("general-government",), ("prefecture",), "成都市"),
        (
            "taian_ai_opc_2026",
            "中国人民银行泰安市分行",
            ("central-bank",),
            ("prefecture",),
            "泰安市",
        ),
        (
            "shangcheng_ai_opc_2026",
            "区委组织部（人才办）",
            ("party-organisation", "talent-work"),
            ("district",),
            "上城区",
        ),
        ("wuhan_ai_opc_2026", "市科创局", ("science-technology",), ("prefecture",), "武汉市"),
        (
            "guangzhou_2012_minsheng_xingfu",
            "各区、县级市政府",
            ("general-government",),
            ("district", "county"),
            None,
        ),
        ("sd2019_shuzi_shandong", "各有关部门", (), (), None),
    ],
)
def test_corpus_departments(
    docs: dict[str, PlanDocument],
    stem: str,
    name: str,
    functions: tuple[str, ...],
    levels: tuple[str, ...],
    place: str | None,
) -> None:
    doc = docs[stem]
    assert name in {r.department for s in doc.walk() for r in s.responsibilities}
    d = read_department(name, plan=plan_jurisdiction(doc))
    gov = d.government.place if d.government else None
    assert (d.functions, d.levels, gov) == (functions, levels, place)


# the gold units of data/corpus that get no function, with their mentions: collectives of
# departments, units that are not government bodies, and names the rules cannot read whole
UNREAD = {
    "各有关部门": 51,
    "各部门": 7,
    "各OPC社区": 4,
    "武汉投控集团": 4,
    "县城投集团": 3,
    "各基础电信企业": 3,
    "各有关部门和单位": 3,
    "有关部门和单位": 3,
    "相关部门": 3,
    "省人才集团": 3,
    "省推进工业互联网创新发展专项工作组成员单位": 3,
    "省港航集团": 3,
    "中国国家铁路集团有限公司": 2,
    "各产业主管部门": 2,
    "市流动人员出租屋管理办": 2,
    "武汉金控集团": 2,
    "省十大新兴产业推进组工作专班牵头单位": 2,
    "省投资集团": 2,
    "省民航机场集团": 2,
    "上城资本": 1,
    "中国出口信用保险公司安徽分公司": 1,
    "中央军委政治工作部": 1,
    "区企业服务中心": 1,
    "区城发集团": 1,
    "区城投集团": 1,
    "四川数据集团": 1,
    "市应急委成员单位": 1,
    "广州广播电视台": 1,
    "省十大新兴产业推进组工作专班成员单位": 1,
    "省推进“三地一区”建设领导小组改革开放新高地执行小组成员单位": 1,
    "省政府有关部门": 1,
    "省机场集团": 1,
    "省铁塔公司": 1,
    "通商控股集团": 1,
}


def test_coverage_of_the_corpus_gold_units(docs: dict[str, PlanDocument]) -> None:
    mentions = 0
    unread: Counter[str] = Counter()
    for stem, doc in docs.items():
        plan = plan_jurisdiction(doc)
        for task in GOLD[f"{stem}.txt"]["tasks"]:
            for name in task["depts"]:
                mentions += 1
                if not read_department(name, plan=plan).functions:
                    unread[name] += 1
    assert mentions == 1693
    assert dict(unread) == UNREAD
    assert mentions - sum(unread.values()) == 1574  # 93.0 % of all mentions
    # of the mentions that name government bodies (collectives of departments and units that
    # are not government bodies left out), all but 4 mentions of 3 names get a function
    unread_bodies = {name for name in UNREAD if read_department(name).kind == "unread"}
    assert unread_bodies == {"市流动人员出租屋管理办", "中央军委政治工作部", "区企业服务中心"}
    bodies = mentions - sum(n for name, n in UNREAD.items() if name not in unread_bodies)
    assert (bodies, bodies - sum(UNREAD[name] for name in unread_bodies)) == (1578, 1574)
    # what is left has a reason: 78 mentions of collectives of departments, 37 of units that
    # are not government bodies (companies, a broadcaster, communities), 4 unread
    reasons = Counter[str]()
    for name, n in UNREAD.items():
        reasons[read_department(name).reason or ""] += n
    assert dict(reasons) == {
        "a collective of departments": 78,
        "not a government body": 37,
        "no function core in the name": 4,
    }


# --- the graph ------------------------------------------------------------------------------

JIAXING = "https://w3id.org/policygraph/id/department/jiaxing/"


@pytest.fixture(scope="module")
def plan315() -> Graph:
    return load_plan()


@pytest.mark.parametrize(
    ("slug", "functions", "levels"),
    [
        ("science-technology-bureau", {"science-technology"}, {"PrefectureLevel"}),
        ("economy-information-technology-bureau", {"industry-it"}, {"PrefectureLevel"}),
        ("development-reform-commission", {"development-reform"}, {"PrefectureLevel"}),
        (
            "party-organization-department",
            {"party-organisation", "talent-work"},
            {"PrefectureLevel"},
        ),
        ("pboc-central-sub-branch", {"central-bank"}, {"PrefectureLevel"}),
        ("county-governments-concerned", {"general-government"}, {"CountyLevel", "DistrictLevel"}),
    ],
)
def test_jiaxing_departments_functions_and_levels(
    plan315: Graph, slug: str, functions: set[str], levels: set[str]
) -> None:
    dept = URIRef(JIAXING + slug)
    assert {str(o)[len(FUNCTION_NS) :] for o in plan315.objects(dept, PG.function)} == functions
    assert {str(o).split("#")[1] for o in plan315.objects(dept, PG.level)} == levels


def test_jiaxing_government_and_curated_english(plan315: Graph) -> None:
    jiaxing = ID["government/jiaxing"]
    plan = ID["plan/jiaxing-315"]
    assert (plan, PG.government, jiaxing) in plan315
    assert (plan, PG.level, PG.PrefectureLevel) in plan315
    assert (jiaxing, SKOS.prefLabel, Literal("嘉兴市", lang="zh")) in plan315
    depts = set(plan315.subjects(RDF.type, PG.Department))
    assert len(depts) == 22
    # 21 departments of Jiaxing; the county governments concerned are several governments
    assert {d for d in depts if (d, PG.government, jiaxing) in plan315} == depts - {
        URIRef(JIAXING + "county-governments-concerned")
    }
    # curation wins over the generated English (市经信局 would read "Municipal Industry and …")
    en = {
        str(o)
        for o in plan315.objects(
            URIRef(JIAXING + "economy-information-technology-bureau"), SKOS.prefLabel
        )
        if o.language == "en"  # type: ignore[attr-defined]
    }
    assert en == {"Municipal Bureau of Economy and Information Technology"}
    sci = fn("science-technology")
    assert (sci, RDF.type, PG.Function) in plan315
    assert {o.language for o in plan315.objects(sci, SKOS.prefLabel)} == {"zh", "en"}  # type: ignore[attr-defined]


def _doc(issuer: str, *names: str) -> PlanDocument:
    text = "方案\n" + "、".join(names)
    section = Section("task", "1．", 1, 1, "任务", Span(0, 2), Span(0, len(text)), path="1")
    start = 3
    for rank, name in enumerate(names, start=1):
        role = "lead" if rank == 1 else "support"
        section.responsibilities.append(
            Responsibility(name, rank, role, Span(start, start + len(name)))
        )
        start += len(name) + 1
    return PlanDocument(text, "x.txt", "方案", Span(0, 2), issuer=issuer, sections=[section])


def test_department_iris_are_shared_by_one_government_s_plans() -> None:
    a = _doc("宁波市人民政府办公厅", "市科技局", "国家发展改革委")
    b = _doc("宁波市人民政府", "市科技局")
    c = _doc("四川省人民政府", "国家发展改革委")
    assert department_iri(a, "市科技局") == department_iri(b, "市科技局")
    assert department_iri(a, "国家发展改革委") == department_iri(c, "国家发展改革委")
    assert str(department_iri(c, "国家发展改革委")).startswith(str(ID["department/china/"]))
    assert department_iri(a, "市科技局") != department_iri(
        _doc("嘉兴市人民政府", "市科技局"), "市科技局"
    )


def test_uncurated_graph_has_english_department_labels_and_functions(
    docs: dict[str, PlanDocument],
) -> None:
    g = to_rdf(docs["ningbo_ai_opc_2026"])
    plan = plan_jurisdiction(docs["ningbo_ai_opc_2026"])
    dept = department_iri(docs["ningbo_ai_opc_2026"], "市科技局", plan=plan)
    assert (
        dept,
        SKOS.prefLabel,
        Literal("Municipal Science and Technology Bureau of Ningbo", lang="en"),
    ) in g
    assert (dept, PG.function, fn("science-technology")) in g
    assert (dept, PG.level, PG.PrefectureLevel) in g
    government = g.value(dept, PG.government)
    assert set(g.objects(government, SKOS.prefLabel)) == {
        Literal("宁波市", lang="zh"),
        Literal("Ningbo", lang="en"),
    }
    assert (government, PG.level, PG.PrefectureLevel) in g
    collective = department_iri(docs["ningbo_ai_opc_2026"], "各区〔县、市〕政府", plan=plan)
    assert (collective, RDF.type, PG.CollectiveUnit) in g
    assert set(g.objects(collective, PG.level)) == {PG.DistrictLevel, PG.CountyLevel}


@pytest.mark.parametrize(
    "stem", ["ningbo_ai_opc_2026", "sichuan_ai_opc_2026", "gov2020_laonianren_zhineng"]
)
def test_corpus_graphs_have_no_violations(docs: dict[str, PlanDocument], stem: str) -> None:
    report = validate(to_rdf(docs[stem]), sources=TEXTS)
    assert [r for r in report.results if r.severity == "Violation"] == []


def test_levels_are_the_ontology_s_individuals() -> None:
    onto = Graph().parse(resource_path("ontology", "policygraph.ttl"), format="turtle")
    individuals = set(onto.subjects(SKOS.inScheme, PG.GovernmentLevels))
    names = {str(i).split("#")[1] for i in individuals}
    assert names == {f"{level.capitalize()}Level" for level in LEVELS}


# --- coordinating bodies and collectives of one function --------------------------------------


@pytest.mark.parametrize(
    ("stem", "name", "functions", "levels", "label"),
    [
        (
            "ah2021_gongye_hulianwang",
            "省推进工业互联网创新发展专项工作组",
            ("coordinating-body",),
            ("provincial",),
            None,  # 推进工业互联网创新发展专项 is not read whole: no English is made up
        ),
        ("cangnan_ai_opc_2026", "县人工智能专班办公室", ("coordinating-body",), ("county",), None),
        ("gov2018_tiyu_jingsai", "北京冬奥组委", ("coordinating-body",), ("provincial",), None),
    ],
)
def test_coordinating_bodies_of_the_corpus(
    docs: dict[str, PlanDocument],
    stem: str,
    name: str,
    functions: tuple[str, ...],
    levels: tuple[str, ...],
    label: str | None,
) -> None:
    doc = docs[stem]
    assert name in {r.department for s in doc.walk() for r in s.responsibilities}
    d = read_department(name, plan=plan_jurisdiction(doc))
    assert (d.kind, d.functions, d.levels, d.label_en) == ("department", functions, levels, label)


def test_coordinating_body_names_its_subject_when_read_whole() -> None:
    d = read_department("市科技创新工作领导小组")
    assert d.functions == ("science-technology", "coordinating-body")
    assert d.label_en == "Municipal Science and Technology Leading Group"
    assert read_department("县联席会议办公室").label_en == "Office of the County Joint Conference"
    # its member units are a collective, not the body
    members = read_department("省推进工业互联网创新发展专项工作组成员单位")
    assert (members.kind, members.functions) == ("collective", ())


def test_a_collective_of_one_function_carries_it() -> None:
    d = read_department("各招商引资部门")
    assert (d.kind, d.functions, d.label_en) == (
        "collective",
        ("investment-promotion",),
        "All investment promotion departments",
    )
    # 产业主管 names no function: several departments, none guessed
    assert read_department("各产业主管部门").functions == ()


def test_local_government_collectives_are_one_level_below_the_issuer(
    docs: dict[str, PlanDocument],
) -> None:
    for stem, name in [
        ("ningbo_ai_opc_2026", "各区〔县、市〕政府"),
        ("guangzhou_2012_minsheng_xingfu", "各区、县级市政府"),
    ]:
        plan = plan_jurisdiction(docs[stem])
        assert plan.level == "prefecture"
        d = read_department(name, plan=plan)
        assert (d.kind, d.functions) == ("collective", ("general-government",))
        assert set(d.levels) == {"district", "county"}
        assert min(LEVELS.index(level) for level in d.levels) == LEVELS.index(plan.level) + 1


def test_a_company_gets_no_function(docs: dict[str, PlanDocument]) -> None:
    doc = docs["wuhan_ai_opc_2026"]
    d = read_department("武汉投控集团", plan=plan_jurisdiction(doc))
    assert (d.kind, d.functions, d.reason) == ("non-government", (), "not a government body")


# --- governments: the gazetteer ----------------------------------------------------------------


def test_gazetteer_holds_every_provincial_and_prefecture_level_division() -> None:
    places = gazetteer()
    assert Counter(p.level for p in places.values()) == {
        "provincial": 34,
        "prefecture": 333,
        "district": 2,
        "county": 1,
    }
    # every parent is itself in the gazetteer, one level up
    for place in places.values():
        if place.parent is not None:
            parent = places[place.parent]
            assert LEVELS.index(parent.level) < LEVELS.index(place.level)
    assert lookup("延边朝鲜族自治州") == Place(
        "延边朝鲜族自治州", "Yanbian", "prefecture", "吉林省"
    )
    assert lookup("合肥").name == "合肥市"  # an unsuffixed name that stands for one place
    assert lookup("吉林") is None  # a province's short name and a city's: not resolved


@pytest.mark.parametrize(
    ("stem", "zh", "en", "level", "parents"),
    [
        ("ningbo_ai_opc_2026", "宁波市", "Ningbo", PG.PrefectureLevel, ["Zhejiang", "China"]),
        ("sichuan_ai_opc_2026", "四川省", "Sichuan", PG.ProvincialLevel, ["China"]),
        ("wuhan_ai_opc_2026", "武汉市", "Wuhan", PG.PrefectureLevel, ["Hubei", "China"]),
        (
            "luohu_ai_opc_2026",
            "罗湖区",
            "Luohu",
            PG.DistrictLevel,
            ["Shenzhen", "Guangdong", "China"],
        ),
        (
            "cangnan_ai_opc_2026",
            "苍南县",
            "Cangnan",
            PG.CountyLevel,
            ["Wenzhou", "Zhejiang", "China"],
        ),
    ],
)
def test_plan_governments_have_names_levels_and_parents(
    docs: dict[str, PlanDocument], stem: str, zh: str, en: str, level: URIRef, parents: list[str]
) -> None:
    g = to_rdf(docs[stem])
    (plan,) = g.subjects(RDF.type, PG.Plan)
    government = g.value(plan, PG.government)
    assert str(government).startswith(str(ID["government/"]))
    assert set(g.objects(government, SKOS.prefLabel)) == {
        Literal(zh, lang="zh"),
        Literal(en, lang="en"),
    }
    assert (government, PG.level, level) in g
    chain = []
    node = g.value(government, ORG.subOrganizationOf)
    while node is not None:
        chain.append(_en(g, node))
        node = g.value(node, ORG.subOrganizationOf)
    assert chain == parents


def _en(g: Graph, node: URIRef) -> str:
    return next(str(o) for o in g.objects(node, SKOS.prefLabel) if o.language == "en")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("stem", "name", "label"),
    [
        ("ningbo_ai_opc_2026", "市科技局", "Municipal Science and Technology Bureau of Ningbo"),
        ("wuhan_ai_opc_2026", "市科创局", "Municipal Science and Technology Bureau of Wuhan"),
        (
            "sichuan_ai_opc_2026",
            "科技厅",
            "Provincial Department of Science and Technology of Sichuan",
        ),
        (
            "luohu_ai_opc_2026",
            "区科技和工业信息化局",
            "District Science and Technology, Industry and Information Technology Bureau of Luohu",
        ),
        ("gov2018_cujin_jiuye", "科技部", "Ministry of Science and Technology"),
        (
            "ah2021_gongye_hulianwang",
            "省科技厅",
            "Provincial Department of Science and Technology of Anhui",
        ),
    ],
)
def test_generated_english_labels_name_the_jurisdiction(
    docs: dict[str, PlanDocument], stem: str, name: str, label: str
) -> None:
    doc = docs[stem]
    assert name in {r.department for s in doc.walk() for r in s.responsibilities}
    d = read_department(name, plan=plan_jurisdiction(doc))
    assert "science-technology" in d.functions
    assert d.label_en == label


def test_a_higher_level_department_belongs_to_the_plan_s_province() -> None:
    ningbo = _doc("宁波市人民政府办公厅", "省科技厅")
    zhejiang = _doc("浙江省人民政府", "省科技厅")
    d = read_department("省科技厅", plan=plan_jurisdiction(ningbo))
    assert d.government == Jurisdiction("provincial", "浙江省", "Zhejiang")
    assert d.label_en == "Provincial Department of Science and Technology of Zhejiang"
    # one IRI for Zhejiang's department, in Ningbo's plan and in Zhejiang's own
    assert department_iri(ningbo, "省科技厅") == department_iri(zhejiang, "省科技厅")
    # no place in the plan: the province stays unknown, nothing is guessed
    assert read_department("省科技厅", plan=Jurisdiction("prefecture")).government is None
    luohu = read_jurisdiction("深圳市罗湖区人民政府")
    assert read_department("市科技局", plan=luohu).government == Jurisdiction(
        "prefecture", "深圳市", "Shenzhen"
    )
