"""Forms of the genre met in other governments' plans, each in a short made-up snippet."""

from __future__ import annotations

from decimal import Decimal

from policygraph.extraction import extract
from policygraph.model import PlanDocument, Section

HEAD = "某市制造业提升行动方案（2024—2026年）\n"


def units(part: Section) -> list[tuple[str, str, int]]:
    return [(r.department, r.role, r.rank) for r in part.responsibilities]


def spans_quote_the_text(doc: PlanDocument) -> None:
    for part in doc.walk():
        assert part.title_span.text(doc.source) == part.title
        for r in part.responsibilities:
            assert r.span.text(doc.source) == r.department
    for t in doc.all_targets():
        assert t.span.text(doc.source) == t.text


# -- responsibility clauses ------------------------------------------------------------


def test_clause_in_tortoise_shell_brackets_with_a_note_after_it() -> None:
    doc = extract(
        HEAD + "一、重点任务\n(一)优化准入环境。推行一网通办。〔责任单位:省商务厅、省市场监管局"
        "按职责分工负责。各市(州)政府负责落实,下同。〕\n"
    )
    spans_quote_the_text(doc)
    task = doc.tasks[0]
    assert task.path == "1-1"
    assert units(task) == [("省商务厅", "lead", 1), ("省市场监管局", "support", 2)]
    assert task.responsibility_span is not None
    assert task.responsibility_span.text(doc.source).startswith("〔责任单位:")


def test_several_units_lead_separately() -> None:
    doc = extract(
        HEAD + "一、主要目标\n1.工业增加值增长7%。\n责任单位:市经信局、市统计局分别牵头\n"
    )
    spans_quote_the_text(doc)
    assert units(doc.tasks[0]) == [("市经信局", "lead", 1), ("市统计局", "lead", 2)]


def test_a_note_in_brackets_after_the_last_unit_is_not_its_name() -> None:
    doc = extract(
        HEAD + "一、重点工作\n1.扩大有效投资。\n责任单位:市发改委、市财政局(排第一位者牵头,下同)\n"
    )
    assert units(doc.tasks[0]) == [("市发改委", "lead", 1), ("市财政局", "support", 2)]


def test_verb_clause_with_three_roles_and_units_joined_by_ji() -> None:
    doc = extract(
        HEAD + "一、工作任务\n(一)推动绿色转型。\n1.制定准入清单。编制清单。〔市环境局牵头,"
        "市发展改革局、市工信局参与,市级有关部门及各县区政府负责落实。以下不再列出。〕\n"
    )
    spans_quote_the_text(doc)
    task = doc.tasks[0]
    assert task.path == "1-1-1"
    assert units(task) == [
        ("市环境局", "lead", 1),
        ("市发展改革局", "support", 2),
        ("市工信局", "support", 3),
        ("市级有关部门", "support", 4),
        ("各县区政府", "support", 5),
    ]


def test_verb_clause_with_half_width_brackets_and_shared_duty() -> None:
    doc = extract(
        HEAD + "一、重点任务\n1.清理审批事项。公布清单。(市政务办、市司法局牵头,各有关部门"
        "按职责分工负责)\n"
    )
    assert units(doc.tasks[0]) == [
        ("市政务办", "lead", 1),
        ("市司法局", "lead", 2),
        ("各有关部门", "support", 3),
    ]


def test_each_note_closes_a_task_of_its_own() -> None:
    doc = extract(
        HEAD + "一、重点任务\n1.整治锅炉。淘汰小锅炉。(市环境局牵头,市工信局参与)"
        "加强监管。(市市场监管局牵头,市环境局参与)\n"
    )
    first, second = doc.tasks
    assert (first.path, first.title) == ("1-1-1", "整治锅炉")
    assert (second.path, second.title) == ("1-1-2", "加强监管")
    assert units(first) == [("市环境局", "lead", 1), ("市工信局", "support", 2)]
    assert units(second) == [("市市场监管局", "lead", 1), ("市环境局", "support", 2)]
    assert second.span.text(doc.source) == "加强监管。(市市场监管局牵头,市环境局参与)"
    # the numbered item holds the two tasks
    assert [p.kind for p in doc.walk()] == ["section", "section", "task", "task"]


def test_lead_key_with_responsible_units_beside_it() -> None:
    doc = extract(HEAD + "一、重点任务\n1.建设园区。(牵头单位:市科技局;责任单位:各县区政府)\n")
    assert units(doc.tasks[0]) == [("市科技局", "lead", 1), ("各县区政府", "support", 2)]


# -- structure -------------------------------------------------------------------------


def test_numbered_items_with_clauses_are_tasks_and_their_group_an_action() -> None:
    doc = extract(
        HEAD + "一、总体目标\n到2026年，产值突破千亿。\n二、实施重点\n(一)数字赋能\n"
        "1.建设众创空间。(牵头单位:市科技局,配合单位:各区县)\n2.培育特色小镇。\n"
    )
    kinds = [(p.path, p.kind) for p in doc.walk()]
    # a heading without a note, own or inherited, is not a task
    assert kinds == [
        ("1", "goal"),
        ("2", "section"),
        ("2-1", "action"),
        ("2-1-1", "task"),
        ("2-1-2", "section"),
    ]
    assert units(doc.tasks[0]) == [("市科技局", "lead", 1), ("各区县", "support", 2)]


def test_goal_items_with_their_own_responsible_unit_are_tasks() -> None:
    doc = extract(HEAD + "一、主要预期目标\n1.研发投入强度达到3%。\n责任单位:市科技局\n")
    (task,) = doc.tasks
    assert (task.path, task.number, task.title, task.lead) == (
        "1-1",
        "1.",
        "研发投入强度达到3%",
        "市科技局",
    )
    (target,) = task.targets
    assert (target.indicator, target.value, target.unit) == ("研发投入强度", Decimal("3"), "%")


def test_table_of_contents_is_skipped() -> None:
    doc = extract(
        "某市十五五规划纲要\n目  录\n第一章  总体要求\n第二章  重点任务\n"
        "第一章  总体要求\n坚持创新。\n第二章  重点任务\n推进建设。\n"
    )
    assert [(p.number, p.title, p.span.start) for p in doc.sections] == [
        ("第一章", "总体要求", doc.source.index("第一章", 30)),
        ("第二章", "重点任务", doc.source.index("第二章", 40)),
    ]


# -- title, issuer, date, period -------------------------------------------------------


def test_a_notice_cited_in_the_preamble_is_not_the_title() -> None:
    doc = extract(
        "某市打赢蓝天保卫战实施方案(2024-2025年)\n为落实《某省人民政府关于印发<某省行动方案>的通知》"
        "要求，制定本方案。\n一、目标要求\n到2025年，优良天数比例达到90%。\n"
    )
    assert (doc.title, doc.issuer, doc.period) == (
        "某市打赢蓝天保卫战实施方案(2024-2025年)",
        None,
        (2024, 2025),
    )


def test_notice_naming_the_plan_as_our_city_takes_the_quoted_title() -> None:
    doc = extract(
        "某市人民政府关于印发我市创新计划实施方案的通知\n各县(市、区)政府:\n"
        "现将《某市创新计划(2021至2025年)实施方案》印发给你们,请认真组织实施。\n"
        "二○二一年三月五日\n一、指导思想\n坚持创新。\n"
    )
    assert doc.title == "某市创新计划(2021至2025年)实施方案"
    assert doc.title_span.text(doc.source) == doc.title
    assert doc.issuer == "某市人民政府"
    assert doc.date is not None and doc.date.isoformat() == "2021-03-05"
    assert doc.date_span is not None and doc.date_span.text(doc.source) == "二○二一年三月五日"
    assert doc.period == (2021, 2025)


def test_transmitted_notice_with_page_furniture_before_the_issuer() -> None:
    doc = extract(
        "名 称: | 某区人民政府办公室关于转发《某区海绵城市建设实施方案》的通知\n"
        "某区人民政府办公室\n2024年10月10日\n一、工作目标\n到2025年底，建成区达标面积"
        "达到50平方公里以上。\n"
    )
    assert (doc.title, doc.issuer) == ("某区海绵城市建设实施方案", "某区人民政府办公室")


def test_transmit_sentence_gives_the_title_when_no_notice_line_does() -> None:
    doc = extract(
        "各县区人民政府:\n经市政府同意,现将《某市分工落实方案》(以下简称《方案》)印发给你们。\n"
        "一、压实责任。\n"
    )
    assert doc.title == "某市分工落实方案"


def test_five_year_plan_period_and_one_year_plans() -> None:
    assert extract("某省“十四五”流通体系建设实施方案\n一、总体要求\n").period == (2021, 2025)
    assert extract("某市重点工作责任分解(2024年)\n一、主要目标\n").period == (2024, 2024)


# -- targets ---------------------------------------------------------------------------


def test_deadline_at_the_end_of_a_five_year_plan_and_a_month() -> None:
    doc = extract(
        HEAD + "一、主要目标\n到“十四五”期末，高新技术企业达到500家。\n"
        "二、重点任务\n1.整治企业。2025年6月底前，完成整治企业30家。（责任单位：市环境局）\n"
    )
    targets = [(t.indicator, t.value, t.deadline, t.deadline_implied) for t in doc.all_targets()]
    assert targets == [
        ("高新技术企业", Decimal("500"), 2025, False),
        ("整治企业", Decimal("30"), 2025, False),
    ]


def test_values_given_respectively_pair_with_the_listed_indicators() -> None:
    doc = extract(
        HEAD + "一、目标要求\n到2026年，二氧化硫、氮氧化物和烟尘排放总量分别下降12%、8%和5%。\n"
    )
    spans_quote_the_text(doc)
    targets = [(t.indicator, t.value, t.unit) for t in doc.all_targets()]
    assert targets == [
        ("二氧化硫", Decimal("12"), "%"),
        ("氮氧化物", Decimal("8"), "%"),
        ("烟尘排放总量", Decimal("5"), "%"),  # a tail the items share stays with the last
    ]


def test_item_numbers_and_predicates_are_not_part_of_the_indicator() -> None:
    doc = extract(
        HEAD + "一、主要目标\n1.规上工业增加值增长8%。\n责任单位:市经信局\n"
        "2.到2026年，建成5个示范社区全面覆盖，培育形成2个千亿级产业集群和6个百亿级产业集群。\n"
        "责任单位:市发改委\n"
    )
    spans_quote_the_text(doc)
    targets = [(t.indicator, t.value, t.unit) for t in doc.all_targets()]
    assert targets == [
        ("规上工业增加值增长", Decimal("8"), "%"),
        ("示范社区", Decimal("5"), "个"),
        ("千亿级产业集群", Decimal("2"), "个"),
        ("百亿级产业集群", Decimal("6"), "个"),
    ]


def test_concentration_unit() -> None:
    doc = extract(HEAD + "一、目标要求\n细颗粒物年均浓度控制在30微克/立方米以下。\n")
    (t,) = doc.all_targets()
    assert (t.indicator, t.value, t.unit, t.comparator) == (
        "细颗粒物年均浓度",
        Decimal("30"),
        "微克/立方米",
        "AtMost",
    )


def test_science_parks_are_platforms_and_a_generic_internet_platform_is_not() -> None:
    doc = extract(
        HEAD + "一、重点任务\n（一）建设载体。建设鉴湖科创园、嘉善智造园和工业互联网平台。"
        "（责任单位：市经信局）\n"
    )
    task = doc.tasks[0]
    assert [(m.name, m.kind) for m in task.platforms] == [
        ("鉴湖科创园", "Park"),
        ("嘉善智造园", "Park"),
    ]
    for m in task.platforms:
        assert m.span.text(doc.source) == m.name


def test_a_task_over_sub_tasks_with_clauses_is_not_warned_about() -> None:
    doc = extract(
        HEAD + "一、主要任务\n（一）推进智能制造。\n1．推动企业上云。\n"
        "（1）实施上云计划。新增上云企业500家。（牵头单位：市经信局，配合单位：市科技局、"
        "市财政局，各区、县级市）\n"
        "（2）建设平台。培育平台10个。\n责任单位：市经信局、市发展改革委。\n"
    )
    (first, second) = doc.walk()[-2:]
    assert (first.path, first.title) == ("1-1-1-1", "实施上云计划")
    assert units(first) == [
        ("市经信局", "lead", 1),
        ("市科技局", "support", 2),
        ("市财政局", "support", 3),
        ("各区、县级市", "support", 4),
    ]
    assert units(second) == [("市经信局", "lead", 1), ("市发展改革委", "support", 2)]
    assert not [w for w in doc.warnings if "no responsibility clause" in w]
