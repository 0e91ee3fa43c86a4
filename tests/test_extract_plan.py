"""Whole-plan facts read from the Jiaxing "315" plan text (data/sources/jiaxing-315-plan.txt)."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from pathlib import Path

import pytest

from policygraph.extraction import extract, extract_file
from policygraph.model import PlanDocument, Section, Target

SOURCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "jiaxing-315-plan.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(text: str) -> PlanDocument:
    return extract(text, source_name="jiaxing-315-plan.txt")


def part(doc: PlanDocument, path: str) -> Section:
    found = [s for s in doc.walk() if s.path == path]
    assert len(found) == 1, path
    return found[0]


def target(doc: PlanDocument, quote: str) -> tuple[Target, str]:
    """Return the one target whose text contains ``quote`` and the path of its part."""
    hits = [(t, s.path) for s in doc.walk() for t in s.targets if quote in t.text]
    hits += [(t, "plan") for t in doc.targets if quote in t.text]
    assert len(hits) == 1, (quote, [h[0].text for h in hits])
    return hits[0]


# -- metadata --------------------------------------------------------------------------


def test_metadata(doc: PlanDocument, text: str) -> None:
    assert doc.title == "嘉兴市“315”科技创新体系建设工程推进方案（2023—2027年）"
    assert doc.title_span.text(text) == doc.title
    # taken from the 通知 line: …关于印发 / <title>的通知
    assert text[doc.title_span.end : doc.title_span.end + 3] == "的通知"
    assert doc.issuer == "嘉兴市人民政府"
    assert doc.issuer_span is not None and doc.issuer_span.text(text) == doc.issuer
    assert doc.date == dt.date(2023, 3, 30)
    assert doc.date_span is not None and doc.date_span.text(text) == "2023年3月30日"
    assert doc.period == (2023, 2027)
    assert doc.source_name == "jiaxing-315-plan.txt"
    assert doc.source == text


def test_extract_file_names_the_file(text: str) -> None:
    doc = extract_file(SOURCE)
    assert doc.source_name == "jiaxing-315-plan.txt"
    assert doc.source == text
    assert len(doc.tasks) == 19


# -- structure -------------------------------------------------------------------------


def test_top_level_sections(doc: PlanDocument) -> None:
    tops = [(s.path, s.kind, s.number, s.title) for s in doc.sections]
    assert tops == [
        ("1", "section", "一、", "总体要求"),
        ("2", "section", "二、", "重点任务"),
        ("3", "section", "三、", "保障措施"),
    ]


def test_general_requirements(doc: PlanDocument) -> None:
    assert [(s.path, s.kind, s.title) for s in doc.sections[0].children] == [
        ("1-1", "section", "指导思想"),
        ("1-2", "goal", "发展目标"),
    ]


def test_goal_paragraphs(doc: PlanDocument, text: str) -> None:
    goals = part(doc, "1-2").children
    assert [g.path for g in goals] == ["1-2-1", "1-2-2", "1-2-3", "1-2-4"]
    assert all(g.kind == "goal" and g.level == 3 for g in goals)
    assert goals[0].title.startswith("到2027年，长三角有影响力的科技创新中心建设取得更大突破")
    assert goals[0].title.endswith("体系化创新能力和整体效能大幅提升")
    assert [g.title for g in goals[1:]] == [
        "高能级科创平台加快提升",
        "引领性硬核成果加快涌现",
        "开放式创新生态加快形成",
    ]
    # the first paragraph is the text after the heading, on the heading's line
    assert goals[0].span.text(text).startswith("到2027年")
    assert goals[-1].span.text(text).endswith("各类科技创新基金规模超2000亿元。")


def test_actions_and_task_counts(doc: PlanDocument) -> None:
    actions = doc.actions
    assert [a.path for a in actions] == [f"2-{n}" for n in range(1, 7)]
    assert [len(a.children) for a in actions] == [4, 2, 3, 4, 3, 3]
    assert all(c.kind == "task" for a in actions for c in a.children)
    assert len(doc.tasks) == 19
    assert [a.title for a in actions][:2] == [
        "实施重点科创平台提能造峰行动",
        "实施关键核心技术攻坚突破行动",
    ]
    assert doc.tasks[-1].path == "2-6-3"


def test_safeguards(doc: PlanDocument) -> None:
    safeguards = doc.parts("safeguard")
    assert [(s.path, s.title) for s in safeguards] == [
        ("3-1", "强化统筹协调"),
        ("3-2", "强化政策保障"),
        ("3-3", "强化考核评价"),
    ]


def test_task_heading_fields(doc: PlanDocument, text: str) -> None:
    task = part(doc, "2-1-1")
    assert (task.kind, task.number, task.position, task.level) == ("task", "1．", 1, 3)
    assert task.title == "打造新型实验室体系"
    assert task.title_span.text(text) == task.title
    body = task.span.text(text)
    assert body.startswith("1．打造新型实验室体系。推进清华长三角研究院")
    assert body.endswith("市教育局、市财政局）")
    # the last task of an action ends before the next action's heading
    assert part(doc, "2-2-2").span.text(text).endswith("有关县〔市、区〕政府）")
    assert part(doc, "2-3").span.text(text).startswith("（三）实施创新链产业链深度融合行动")


def test_sections_nest_and_paths_match_positions(doc: PlanDocument) -> None:
    for sec in doc.walk():
        for child in sec.children:
            assert sec.span.start <= child.span.start < child.span.end <= sec.span.end
            assert child.path == f"{sec.path}-{child.position}"
            assert child.level == sec.level + 1


# -- responsibility clauses ------------------------------------------------------------


def test_task_2_1_1_responsibilities(doc: PlanDocument, text: str) -> None:
    task = part(doc, "2-1-1")
    assert task.lead == "市科技局"
    roles = [(r.department, r.role, r.rank) for r in task.responsibilities]
    assert roles == [
        ("市科技局", "lead", 1),
        ("市发展改革委", "support", 2),
        ("市经信局", "support", 3),
        ("市教育局", "support", 4),
        ("市财政局", "support", 5),
    ]
    assert task.responsibility_span is not None
    assert task.responsibility_span.text(text) == (
        "（责任单位：市科技局、市发展改革委、市经信局、市教育局、市财政局）"
    )


def test_unit_names_with_brackets(doc: PlanDocument) -> None:
    assert part(doc, "2-4-1").lead == "市委组织部〔市委人才办〕"
    assert part(doc, "2-4-4").lead == "市委组织部〔市委人才办〕"
    assert part(doc, "2-1-4").responsibilities[-1].department == "有关县〔市、区〕政府"
    assert part(doc, "2-5-2").responsibilities[-1].department == "有关县〔市、区〕政府"


def test_task_2_5_1_has_seven_units(doc: PlanDocument) -> None:
    units = [r.department for r in part(doc, "2-5-1").responsibilities]
    assert len(units) == 7
    assert units[-2:] == ["人行嘉兴市中心支行", "嘉兴银保监分局"]


def test_every_task_has_one_lead(doc: PlanDocument) -> None:
    for task in doc.tasks:
        roles = [r.role for r in task.responsibilities]
        assert roles[0] == "lead" and roles.count("lead") == 1, task.path
        assert [r.rank for r in task.responsibilities] == list(range(1, len(roles) + 1))
    assert sum(len(t.responsibilities) for t in doc.tasks) == 84
    # no other part carries a clause in this plan, and nothing is left to warn about
    assert all(not s.responsibilities for s in doc.walk() if s.kind != "task")
    assert doc.warnings == []


# -- targets ---------------------------------------------------------------------------


def test_target_rd_share(doc: PlanDocument) -> None:
    t, path = target(doc, "超过3.65%")
    assert path == "1-2-1"
    assert t.text == "全社会研究与试验发展经费支出占地区生产总值比重超过3.65%"
    assert t.indicator == "全社会研究与试验发展经费支出占地区生产总值比重"
    assert (t.value, t.unit, t.comparator) == (Decimal("3.65"), "%", "MoreThan")
    assert (t.deadline, t.deadline_implied, t.periodicity) == (2027, False, None)


def test_target_fullwidth_percent(doc: PlanDocument) -> None:
    t, _ = target(doc, "3.4％")
    assert (t.value, t.unit, t.comparator) == (Decimal("3.4"), "%", "Exactly")
    t, _ = target(doc, "73％以上")
    assert (t.value, t.unit, t.comparator) == (Decimal("73"), "%", "AtLeast")


def test_target_annual_distributive_list(doc: PlanDocument) -> None:
    t, path = target(doc, "省级研发中心70家")
    assert path == "2-1-3"
    assert t.indicator == "省级研发中心"
    assert (t.value, t.unit, t.comparator, t.periodicity) == (
        Decimal("70"),
        "家",
        "Exactly",
        "Annual",
    )
    assert (t.deadline, t.deadline_implied) == (2027, True)
    shared = [x for x in part(doc, "2-1-3").targets if x.periodicity == "Annual"]
    assert [(x.indicator, x.value) for x in shared] == [
        ("省级研发中心", Decimal("70")),
        ("省（重点）企业研究院", Decimal("30")),
        ("省级以上企业技术中心", Decimal("10")),
        ("省级工程研究中心", Decimal("2")),
    ]


def test_target_wan_multiplier(doc: PlanDocument) -> None:
    t, path = target(doc, "1.5万家")
    assert path == "2-3-1"
    assert t.indicator == "科技型中小企业"
    assert (t.value, t.unit, t.comparator, t.deadline) == (
        Decimal("15000"),
        "家",
        "MoreThan",
        2027,
    )
    assert t.deadline_implied is False
    t, _ = target(doc, "140万人")
    assert (t.value, t.unit, t.comparator) == (Decimal("1400000"), "人", "Exactly")
    t, _ = target(doc, "52万人")
    assert t.value == Decimal("520000")


def test_target_range(doc: PlanDocument) -> None:
    t, path = target(doc, "5—10项左右")
    assert path == "1-2-3"
    assert (t.value, t.upper_value, t.unit, t.comparator) == (
        Decimal("5"),
        Decimal("10"),
        "项",
        "Between",
    )
    assert t.indicator == "硬核科技成果"


def test_target_each(doc: PlanDocument) -> None:
    pair = [t for t in part(doc, "1-2-4").targets if t.unit == "名" and t.value == 200]
    assert [(t.indicator, t.unit, t.comparator) for t in pair] == [
        ("科技领军人才", "名", "Approximately"),
        ("青年科技人才", "名", "Approximately"),
    ]


def test_target_fraction(doc: PlanDocument) -> None:
    t, path = target(doc, "1/3")
    assert path == "2-4-4"
    assert (t.value, t.unit) == (
        (Decimal(1) / Decimal(3)).quantize(Decimal("0.000001")),
        "fraction",
    )
    assert t.indicator == "省级以上高端人才"
    assert (t.deadline, t.deadline_implied) == (2027, False)


def test_target_ranking(doc: PlanDocument) -> None:
    t, path = target(doc, "前40位")
    assert path == "2-5-3"
    assert t.text == "嘉兴国家高新区排名进入全国前40位"
    assert (t.value, t.unit, t.comparator) == (Decimal("40"), "位", "AtMost")
    t, _ = target(doc, "前30位")
    assert (t.indicator, t.value, t.comparator) == ("省级高新区排名", Decimal("30"), "AtMost")


def test_target_cumulative(doc: PlanDocument) -> None:
    t, path = target(doc, "280亿元")
    assert path == "2-1-4"
    assert (t.value, t.unit, t.periodicity) == (Decimal("280"), "亿元", "Cumulative")
    t, _ = target(doc, "累计超200亿元")
    assert (t.indicator, t.comparator, t.periodicity) == (
        "科技基础设施投资",
        "MoreThan",
        "Cumulative",
    )
    t, _ = target(doc, "超2000亿元")
    assert t.periodicity is None


def test_target_in_safeguard(doc: PlanDocument) -> None:
    t, path = target(doc, "18%以上")
    assert path == "3-2"
    assert (t.value, t.unit, t.comparator, t.periodicity) == (
        Decimal("18"),
        "%",
        "AtLeast",
        "Annual",
    )
    # 高于5％的企业 qualifies a noun: it is a condition, not a target
    assert [x.value for x in part(doc, "3-2").targets] == [Decimal("18")]


def test_target_quantity_before_noun(doc: PlanDocument) -> None:
    t, path = target(doc, "250名")
    assert path == "2-4-1"
    assert (t.indicator, t.value, t.unit) == ("省海外工程师", Decimal("250"), "名")
    t, _ = target(doc, "30个以上产业链")
    assert (t.indicator, t.comparator) == ("产业链协同创新项目", "AtLeast")


def test_not_targets(doc: PlanDocument) -> None:
    quotes = [t.text for t in doc.all_targets()]
    for not_target in ("315", "22次", "G60", "2023年", "15大", "135N", "4．", "5％的"):
        assert not any(not_target in q for q in quotes), not_target
    assert doc.targets == []  # the preamble states no quantitative target


def test_target_count_and_owners(doc: PlanDocument) -> None:
    targets = doc.all_targets()
    assert len(targets) == 49
    per_part = {s.path: len(s.targets) for s in doc.walk() if s.targets}
    assert per_part["1-2-1"] == 5
    assert per_part["2-3-1"] == 8
    assert sum(per_part.values()) == 49
    for sec in doc.walk():
        for t in sec.targets:
            assert sec.span.start <= t.span.start and t.span.end <= sec.span.end
            assert t.deadline is not None


# -- platforms and schemes ---------------------------------------------------------------


def test_platforms(doc: PlanDocument) -> None:
    names = [p.name for p in part(doc, "2-1-1").platforms]
    assert names == [
        "清华长三角研究院",
        "南湖实验室",
        "中国电子科技南湖研究院",
        "浙江大学嘉兴研究院",
        "北京理工大学长三角研究院（嘉兴）",
    ]
    kinds = {p.name: p.kind for s in doc.walk() for p in s.platforms}
    assert kinds["南湖实验室"] == "Laboratory"
    assert kinds["清华长三角研究院"] == "ResearchInstitute"
    assert kinds["嘉兴大学"] == "University"
    assert kinds["嘉兴南湖学院"] == "College"
    assert kinds["嘉兴G60科创走廊"] == "Corridor"
    assert kinds["祥符荡科创绿谷"] == "Valley"
    assert kinds["湘家荡高能级科创湖区"] == "LakeDistrict"
    assert kinds["天鹅湖未来科学城"] == "ScienceCity"
    assert kinds["南湖青创城"] == "ScienceCity"
    assert kinds["航天平湖产业基地"] == "Base"
    assert kinds["长三角国家技术创新中心（浙江）"] == "Center"


def test_platforms_are_proper_names(doc: PlanDocument) -> None:
    names = {p.name for s in doc.walk() for p in s.platforms} | {p.name for p in doc.platforms}
    for generic in (
        "全国重点实验室",
        "省技术创新中心",
        "科技创新中心",
        "高能级科创平台",
        "省实验室",
    ):
        assert generic not in names
    # one mention per name and part
    for sec in doc.walk():
        assert len({p.name for p in sec.platforms}) == len(sec.platforms)


def test_schemes(doc: PlanDocument, text: str) -> None:
    assert [(s.key, s.title, s.declared) for s in doc.schemes] == [
        ("highlands", "三大科创高地", 3),
        ("strategic-fields", "15大战略领域", 15),
    ]
    # a member quoted in the text may keep its quotation marks: “互联网+”
    assert [m.name.strip("“”") for m in doc.schemes[0].members] == ["互联网+", "新材料", "新能源"]
    assert [m.name for m in doc.schemes[1].members] == [
        "智能控制与先进技术",
        "新药创制与高端医疗器械",
        "精细化工与复合材料",
    ]
    for scheme in doc.schemes:
        assert scheme.span.text(text) == scheme.title


# -- every span quotes the source exactly ----------------------------------------------------


def test_every_span_quotes_exactly(doc: PlanDocument, text: str) -> None:
    checked = 0
    for sec in doc.walk():
        assert text[sec.title_span.start : sec.title_span.end] == sec.title
        assert not text[sec.span.start : sec.span.end][-1:].isspace()
        for r in sec.responsibilities:
            assert text[r.span.start : r.span.end] == r.department
            assert sec.responsibility_span is not None
            assert sec.responsibility_span.start <= r.span.start
            assert r.span.end <= sec.responsibility_span.end
            checked += 1
        for t in sec.targets:
            assert text[t.span.start : t.span.end] == t.text
            assert t.indicator in t.text
            checked += 1
        for p in sec.platforms:
            assert text[p.span.start : p.span.end] == p.name
            checked += 1
    for scheme in doc.schemes:
        for m in scheme.members:
            assert text[m.span.start : m.span.end] == m.name
            checked += 1
    assert checked > 150


def test_extraction_is_fast_and_deterministic(text: str, doc: PlanDocument) -> None:
    start = time.perf_counter()
    again = extract(text, source_name="jiaxing-315-plan.txt")
    elapsed = time.perf_counter() - start
    assert again == doc
    assert elapsed < 0.5  # about 10 ms on a laptop; generous for slow CI machines
