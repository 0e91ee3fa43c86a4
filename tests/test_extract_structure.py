"""Headings, kinds, positions, paths and spans, read from small plans in the genre."""

from __future__ import annotations

from policygraph.extraction import extract
from policygraph.model import PlanDocument

PLAN = """某市数字经济创新发展实施方案（2024—2026年）

为加快数字经济发展，制定本方案。

一、总体要求
（一）指导思想。坚持创新驱动。
（二）主要目标。到2026年，数字经济核心产业增加值达到1000亿元。
数字基础设施全面升级。新建5G基站3000个。
创新能力显著增强。新增省级研发机构50家。
二、主要任务
（一）实施数字产业培育行动。
1．培育龙头企业。支持企业做大做强。（责任单位：市经信局、市发展改革委）
2．建设产业园区。推进园区建设。（责任单位：市商务局）
（二）实施数字人才引育行动。
1. 引进高端人才。每年引进博士100名以上。（责任单位：市人力社保局）
三、保障措施
（一）加强组织领导。建立工作专班。
（二）加大资金支持。
"""


def kinds(doc: PlanDocument) -> list[tuple[str, str, str, str]]:
    return [(s.path, s.kind, s.number, s.title) for s in doc.walk()]


def test_outline_kinds_and_paths() -> None:
    doc = extract(PLAN)
    assert kinds(doc) == [
        ("1", "section", "一、", "总体要求"),
        ("1-1", "section", "（一）", "指导思想"),
        ("1-2", "goal", "（二）", "主要目标"),
        ("1-2-1", "goal", "", "到2026年，数字经济核心产业增加值达到1000亿元"),
        ("1-2-2", "goal", "", "数字基础设施全面升级"),
        ("1-2-3", "goal", "", "创新能力显著增强"),
        ("2", "section", "二、", "主要任务"),
        ("2-1", "action", "（一）", "实施数字产业培育行动"),
        ("2-1-1", "task", "1．", "培育龙头企业"),
        ("2-1-2", "task", "2．", "建设产业园区"),
        ("2-2", "action", "（二）", "实施数字人才引育行动"),
        ("2-2-1", "task", "1.", "引进高端人才"),
        ("3", "section", "三、", "保障措施"),
        ("3-1", "safeguard", "（一）", "加强组织领导"),
        ("3-2", "safeguard", "（二）", "加大资金支持"),
    ]


def test_levels_positions_and_spans() -> None:
    doc = extract(PLAN)
    for sec in doc.walk():
        assert PLAN[sec.title_span.start : sec.title_span.end] == sec.title
        assert sec.level == sec.path.count("-") + 1
        assert sec.position == int(sec.path.rsplit("-", 1)[-1])
    action = doc.actions[0]
    assert PLAN[action.span.start : action.span.end] == (
        "（一）实施数字产业培育行动。\n"
        "1．培育龙头企业。支持企业做大做强。（责任单位：市经信局、市发展改革委）\n"
        "2．建设产业园区。推进园区建设。（责任单位：市商务局）"
    )
    last = doc.parts("safeguard")[-1]
    assert PLAN[last.span.start : last.span.end] == "（二）加大资金支持。"


def test_goal_paragraph_targets_belong_to_the_paragraph() -> None:
    doc = extract(PLAN)
    goals = doc.parts("goal")
    assert [len(g.targets) for g in goals] == [0, 1, 1, 1]
    assert goals[2].targets[0].text == "5G基站3000个"
    # the deadline of the first paragraph does not reach the next ones
    assert goals[1].targets[0].deadline == 2026 and not goals[1].targets[0].deadline_implied
    assert goals[2].targets[0].deadline_implied


def test_goal_with_a_single_paragraph_has_no_children() -> None:
    text = (
        "某县工作方案（2024—2025年）\n一、工作目标\n到2025年，高新技术企业达到100家。\n"
        "二、重点任务\n1．培育企业。（责任单位：县科技局）\n"
    )
    doc = extract(text)
    goal = doc.sections[0]
    assert (goal.kind, goal.children) == ("goal", [])
    assert [t.value for t in goal.targets] == [100]


def test_tasks_directly_under_the_tasks_section() -> None:
    text = (
        "某市实施方案\n一、重点任务\n"
        "（一）加快平台建设。推进建设。（责任单位：市科技局）\n"
        "（二）强化人才支撑。引进人才。（责任单位：市人力社保局）\n"
    )
    doc = extract(text)
    assert [(t.path, t.kind) for t in doc.walk()] == [
        ("1", "section"),
        ("1-1", "task"),
        ("1-2", "task"),
    ]


def test_parenthesised_arabic_items_nest_under_dotted_items() -> None:
    text = (
        "某市行动方案（2024—2026年）\n一、重点任务\n（一）实施产业提升行动。\n"
        "1．做强主导产业。\n（1）壮大集成电路产业。（责任单位：市经信局）\n"
        "（2）发展生物医药产业。（责任单位：市卫生健康委）\n"
        "2．培育未来产业。（责任单位：市发展改革委）\n"
    )
    doc = extract(text)
    assert [(s.path, s.kind, s.number) for s in doc.walk()] == [
        ("1", "section", "一、"),
        ("1-1", "action", "（一）"),
        ("1-1-1", "task", "1．"),
        ("1-1-1-1", "task", "（1）"),
        ("1-1-1-2", "task", "（2）"),
        ("1-1-2", "task", "2．"),
    ]
    assert [s.lead for s in doc.tasks] == [None, "市经信局", "市卫生健康委", "市发展改革委"]


def test_headings_may_be_indented_with_ideographic_spaces() -> None:
    text = "某市方案\n\u3000\u3000一、总体要求\n\u3000\u3000（一）基本原则。坚持创新。\n"
    doc = extract(text)
    assert [(s.path, s.number, s.title) for s in doc.walk()] == [
        ("1", "一、", "总体要求"),
        ("1-1", "（一）", "基本原则"),
    ]
    assert text[doc.sections[0].span.start] == "一"


def test_not_headings() -> None:
    text = (
        "某市方案\n一、重点任务\n"
        "1．培育企业。\n"
        "1.5万家企业完成改造。\n"  # a decimal at line start is not a heading
        "2023年3月30日\n"
        "（此件公开发布）\n"
    )
    doc = extract(text)
    assert [s.path for s in doc.walk()] == ["1", "1-1"]


def test_chapters_and_articles() -> None:
    text = (
        "某市科技创新促进办法\n第一章 总则\n第一条 为了促进科技创新，制定本办法。\n"
        "第二条 本办法适用于本市。\n第二章 科技人才\n第三条 市人民政府应当引进人才。\n"
    )
    doc = extract(text)
    assert [(s.path, s.number, s.title) for s in doc.walk()] == [
        ("1", "第一章", "总则"),
        ("1-1", "第一条", "为了促进科技创新，制定本办法"),
        ("1-2", "第二条", "本办法适用于本市"),
        ("2", "第二章", "科技人才"),
        ("2-1", "第三条", "市人民政府应当引进人才"),
    ]


def test_other_names_of_the_tasks_section() -> None:
    for name in ("主要任务", "重点任务", "重点工作", "主要举措", "工作措施"):
        text = (
            f"某市实施方案\n一、{name}\n1．培育企业。（责任单位：市科技局）\n"
            "二、保障措施\n（一）加强领导。\n"
        )
        doc = extract(text)
        assert [(s.path, s.kind) for s in doc.walk()] == [
            ("1", "section"),
            ("1-1", "task"),
            ("2", "section"),
            ("2-1", "safeguard"),
        ], name
