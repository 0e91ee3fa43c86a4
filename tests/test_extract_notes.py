"""Responsibility notes in the forms plans of many governments write them, read through ``extract``.

Each snippet is written for the test in the genre's forms: State Council notes after each
sentence, role verbs, rule asides, lead marks, standing notes, unit lists and tables.
"""

from __future__ import annotations

from rdflib import Graph

from policygraph import to_rdf
from policygraph.extraction import extract
from policygraph.model import PlanDocument, Section
from policygraph.vocab import PG, SKOS

HEAD = "某省关于促进产业发展的若干意见\n"


def tasks(body: str) -> list[Section]:
    doc = extract(HEAD + body)
    for t in doc.tasks:
        for r in t.responsibilities:
            assert doc.source[r.span.start : r.span.end] == r.department
        assert doc.source[t.title_span.start : t.title_span.end] == t.title
    return doc.tasks


def units(task: Section) -> list[tuple[str, str]]:
    return [(r.department, r.role) for r in task.responsibilities]


def names(task: Section) -> list[str]:
    return [r.department for r in task.responsibilities]


# -- where a task ends ------------------------------------------------------------------


def test_each_note_in_a_paragraph_closes_a_task() -> None:
    first, second, third = tasks(
        "一、扩大消费\n（一）培育赛事品牌。打造一批精品赛事。（体育局负责）引导社会力量办赛，"
        "丰富赛事供给。（体育局、民政厅负责）完善场馆设施。（住建厅牵头，体育局参与）\n"
    )
    assert first.title == "培育赛事品牌"  # the first task keeps the heading
    assert second.title == "引导社会力量办赛，丰富赛事供给"  # the segment's first sentence
    assert third.title == "完善场馆设施"
    assert names(first) == ["体育局"]
    assert units(second) == [("体育局", "lead"), ("民政厅", "support")]
    assert units(third) == [("住建厅", "lead"), ("体育局", "support")]
    assert [t.path for t in (first, second, third)] == ["1-1-1", "1-1-2", "1-1-3"]


def test_a_note_inside_a_sentence_before_its_full_stop() -> None:
    first, second = tasks(
        "一、数字政府\n1.推进政务上云。整合政务系统，建设统一平台（省大数据局牵头，各有关部门配合）。"
        "建设电子证照库，实现全省互认（省公安厅负责）。\n"
    )
    assert first.title == "推进政务上云"
    assert second.title == "建设电子证照库，实现全省互认"
    assert units(first) == [("省大数据局", "lead"), ("各有关部门", "support")]
    assert names(second) == ["省公安厅"]


def test_a_section_heading_on_its_own_line_is_not_a_task() -> None:
    first, second = tasks(
        "一、支持平台建设\n培育工业互联网平台。给予平台奖补。（责任单位：省经信厅、省财政厅）\n"
        "二、支持企业上云\n推动企业上云。给予服务商奖补。（责任单位：省经信厅）\n"
    )
    assert (first.title, first.path) == ("培育工业互联网平台", "1-1")
    assert (second.title, second.path) == ("推动企业上云", "2-1")
    assert names(first) == ["省经信厅", "省财政厅"]


def test_an_article_heading_is_the_task_title() -> None:
    (task,) = tasks("第一条 办公空间支持\n为初创团队提供免费工位。（责任单位：区科技局）\n")
    assert task.title == "办公空间支持"
    assert names(task) == ["区科技局"]


def test_a_stand_alone_line_closes_the_task() -> None:
    (task,) = tasks("1.建设创新平台。推进平台建设。\n责任单位：市科技局、市财政局\n")
    assert task.title == "建设创新平台"
    assert units(task) == [("市科技局", "lead"), ("市财政局", "support")]


def test_prose_in_brackets_is_no_note() -> None:
    (task,) = tasks(
        "1.优化服务。对创业者（以下简称OPC）提供指导（由企业自主负责），"
        "并给予补贴。（责任单位：市人社局）\n"
    )
    assert names(task) == ["市人社局"]
    assert task.title == "优化服务"


def test_a_note_like_bracket_that_is_not_read_is_a_warning() -> None:
    doc = extract(HEAD + "1.优化服务。提供指导。（牵头单位：详见附件。）\n")
    assert doc.tasks == []
    warnings = [w for w in doc.warnings if "not read" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith("<text>:2:")
    assert "（牵头单位：详见附件。）" in warnings[0]


# -- who leads --------------------------------------------------------------------------


def test_role_verbs() -> None:
    (a, b, c, d) = tasks(
        "一、任务\n（一）甲。内容。（省发改委牵头，省财政厅、省商务厅参与）\n"
        "（二）乙。内容。（省商务厅、省财政厅负责）\n"
        "（三）丙。内容。（省教育厅牵头，各有关部门分头落实）\n"
        "（四）丁。内容。（各有关部门按职责分工负责）\n"
    )
    assert units(a) == [("省发改委", "lead"), ("省财政厅", "support"), ("省商务厅", "support")]
    assert units(b) == [("省商务厅", "lead"), ("省财政厅", "support")]
    assert units(c) == [("省教育厅", "lead"), ("各有关部门", "support")]
    assert units(d) == [("各有关部门", "lead")]


def test_co_leads_keep_their_order_and_the_first_is_the_lead() -> None:
    (task,) = tasks("1.建设平台。内容。（省数据局、省政府办公厅、省公安厅牵头，各市政府配合）\n")
    assert units(task) == [
        ("省数据局", "lead"),
        ("省政府办公厅", "lead"),
        ("省公安厅", "lead"),
        ("各市政府", "support"),
    ]
    assert task.lead == "省数据局"
    g = to_rdf(extract(HEAD + "1.建设平台。内容。（省数据局、省政府办公厅牵头，各市政府配合）\n"))
    (task_iri,) = set(g.subjects(PG.lead, None))
    assert len(list(g.objects(task_iri, PG.lead))) == 1
    roles = {int(g.value(r, PG.rank)): g.value(r, PG.role) for r in g.subjects(PG.task, task_iri)}
    assert roles == {1: PG.LeadRole, 2: PG.LeadRole, 3: PG.SupportRole}


def test_co_leads_conform_to_the_shapes() -> None:
    from policygraph import validate

    doc = extract(
        "某市促进就业工作方案（2024—2026年）\n某市人民政府\n2024年3月1日\n"
        "一、重点任务\n1.稳定岗位。内容。（市人社局、市财政局牵头，市税务局配合）\n"
    )
    report = validate(to_rdf(doc), check_sources=False)
    assert report.conforms, report.summary(lang="en")
    assert not [r for r in report.results if "TaskRoles" in str(r.source_shape)]


def test_asides_that_state_the_rule_are_dropped() -> None:
    a, b, c = tasks(
        "一、任务\n1.甲。内容。（海关、商务厅负责，排在第一位的部门为牵头部门，下同）\n"
        "2.乙。内容。（人社厅、财政厅负责。列第一位者为牵头单位，下同）\n"
        "3.丙。内容。（责任单位：科技厅、教育厅，财政厅、税务局。第一个逗号前为牵头单位）\n"
    )
    assert units(a) == [("海关", "lead"), ("商务厅", "support")]
    assert units(b) == [("人社厅", "lead"), ("财政厅", "support")]
    assert units(c) == [
        ("科技厅", "lead"),
        ("教育厅", "lead"),
        ("财政厅", "support"),
        ("税务局", "support"),
    ]


def test_a_lead_marked_with_a_star_or_a_role_in_brackets() -> None:
    a, b = tasks(
        "一、任务\n1.甲。内容。（责任单位：县科技局、*县人社局、县财政局）\n"
        "2.乙。内容。\n责任单位：县人力社保局（牵头）、县农业农村局\n"
    )
    assert units(a) == [("县人社局", "lead"), ("县科技局", "support"), ("县财政局", "support")]
    assert units(b) == [("县人力社保局", "lead"), ("县农业农村局", "support")]


def test_labels_lead_and_support() -> None:
    (task,) = tasks(
        "1.甲。内容。〔牵头单位：区委组织部（人才办）、区科技局；配合单位：区财政局〕\n"
    )
    assert units(task) == [
        ("区委组织部（人才办）", "lead"),
        ("区科技局", "lead"),
        ("区财政局", "support"),
    ]


def test_a_standing_note_is_recorded_once_on_the_plan() -> None:
    doc = extract(
        HEAD + "一、任务\n1.甲。内容。〔责任单位：市发改委、市科技局，各县（市、区）人民政府。"
        "以下各项任务均需各县（市、区）人民政府落实，不再列出〕\n"
        "2.乙。内容。（责任单位：市教育局）\n"
    )
    first, second = doc.tasks
    assert names(first) == ["市发改委", "市科技局", "各县（市、区）人民政府"]
    assert names(second) == ["市教育局"]  # not copied into later tasks
    assert [r.department for r in doc.standing] == ["各县（市、区）人民政府"]
    assert doc.standing_span is not None
    assert doc.source[doc.standing_span.start : doc.standing_span.end].startswith("以下各项任务")
    assert any("for every later task" in w for w in doc.warnings)
    g = to_rdf(doc)
    (plan,) = set(g.subjects(PG.implementedBy, None))
    (unit,) = set(g.objects(plan, PG.implementedBy))
    assert {(o.language, str(o)) for o in g.objects(unit, SKOS.prefLabel)} == {  # type: ignore[attr-defined]
        ("zh", "各县（市、区）人民政府"),
        ("en", "All county and district people's governments"),  # generated, not curated
    }


# -- the unit list ----------------------------------------------------------------------


def test_unit_list_forms() -> None:
    (task,) = tasks(
        "1.甲。内容。（责任单位：市数据局,市经信局、市委改革办〔市营商办〕，"
        "各区人民政府〈含开发区管委会,下同〉、市城投集团等）\n"
    )
    assert names(task) == [
        "市数据局",
        "市经信局",
        "市委改革办〔市营商办〕",
        "各区人民政府",
        "市城投集团",
    ]


def test_etc_and_collectives() -> None:
    a, b, c, d = tasks(
        "一、任务\n1.甲。内容。（人社部、财政部等有关部门和单位负责）\n"
        "2.乙。内容。（商务部、农业农村部等和各有关省级人民政府负责）\n"
        "3.丙。内容。（卫健委等相关部门及各地区按职责分工负责）\n"
        "4.丁。内容。（牵头单位：市教育局，配合单位：各区、县级市政府）\n"
    )
    assert names(a) == ["人社部", "财政部", "有关部门和单位"]
    assert names(b) == ["商务部", "农业农村部", "各有关省级人民政府"]
    assert names(c) == ["卫健委", "各地区"]
    assert names(d) == ["市教育局", "各区、县级市政府"]


def test_official_names_with_he_stay_whole() -> None:
    (task,) = tasks(
        "1.甲。内容。（省工业和信息化厅、各市工业和信息化局、省人力资源和社会保障厅负责）\n"
    )
    assert names(task) == ["省工业和信息化厅", "各市工业和信息化局", "省人力资源和社会保障厅"]


def test_non_government_units_and_unprefixed_names() -> None:
    (task,) = tasks("1.甲。内容。（责任单位：科技厅、成都市、中国银行某省分行、某省铁塔公司）\n")
    assert names(task) == ["科技厅", "成都市", "中国银行某省分行", "某省铁塔公司"]


# -- tables -----------------------------------------------------------------------------


def test_each_table_row_is_a_task() -> None:
    doc = extract(
        HEAD + "附件\n重点任务分工表\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n"
        "一、平台建设\n1 | 建设数据共享平台 | 市数据局 | 市财政局、市科技局 | 2025年底\n"
        "2 | 完善数据标准 | 市市场监管局、市数据局 | 各区政府 | 持续推进\n"
    )
    first, second = doc.tasks
    assert (first.number, first.title) == ("1", "建设数据共享平台")
    assert units(first) == [("市数据局", "lead"), ("市财政局", "support"), ("市科技局", "support")]
    assert units(second) == [
        ("市市场监管局", "lead"),
        ("市数据局", "lead"),
        ("各区政府", "support"),
    ]
    assert first.span.text(doc.source).startswith("1 | 建设数据共享平台")


def test_a_table_with_a_guidance_column() -> None:
    (task,) = tasks(
        "一、举措\n序号 | 改革举措 | 主 要 内 容 | 指导部门 | 推广范围\n"
        "1 | 专利保险机制 | 开发保险产品。 | 知识产权局、银保监会 | 全国\n"
    )
    assert task.title == "专利保险机制"
    assert units(task) == [("知识产权局", "lead"), ("银保监会", "support")]


def test_built_graph_of_a_plan_in_another_form_round_trips() -> None:
    doc: PlanDocument = extract(
        HEAD
        + "一、扩大消费\n（一）培育品牌。内容。（体育局负责）完善设施。（住建厅牵头，体育局参与）\n"
    )
    g = to_rdf(doc)
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert len(again) == len(g)
    assert len(set(again.subjects(PG.lead, None))) == 2


def test_labels_in_lenticular_brackets_and_on_several_lines() -> None:
    a, b = tasks(
        "一、任务\n1.甲。内容。\n【牵头单位】市科技局\n【配合单位】市财政局、市教育局\n"
        "2.乙。内容。\n牵头单位：市商务局。\n配合单位：市财政局。\n"
    )
    assert units(a) == [("市科技局", "lead"), ("市财政局", "support"), ("市教育局", "support")]
    assert units(b) == [("市商务局", "lead"), ("市财政局", "support")]


def test_office_labels_and_verbs_that_name_the_role() -> None:
    a, b = tasks(
        "一、任务\n1.甲。内容。（牵头处室：规划处；配合处室：财务处、人事处）\n"
        "2.乙。内容。（市科技局为牵头单位，市财政局为配合单位）\n"
    )
    assert units(a) == [("规划处", "lead"), ("财务处", "support"), ("人事处", "support")]
    assert units(b) == [("市科技局", "lead"), ("市财政局", "support")]


def test_a_bare_list_of_bodies_after_a_full_stop_is_a_note() -> None:
    (task,) = tasks(
        "1.建设平台。依托市科技局（市科协）推进建设。（市科技局、市财政局、各县〔市、区〕政府）\n"
    )
    assert units(task) == [
        ("市科技局", "lead"),
        ("市财政局", "support"),
        ("各县〔市、区〕政府", "support"),
    ]


def test_brackets_after_a_full_stop_that_name_no_body_are_no_note() -> None:
    doc = extract(HEAD + "1.建设平台。推进建设。（2024年底前完成）（试行）\n")
    assert doc.tasks == []
