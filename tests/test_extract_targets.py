"""Quantitative targets in the forms plans write them, each read from a small snippet."""

from __future__ import annotations

from decimal import Decimal

import pytest

from policygraph.extraction import extract
from policygraph.model import PlanDocument, Target

HEAD = "某市科技创新推进方案（2024—2027年）\n一、重点任务\n1．推进工作。"
CLAUSE = "（责任单位：市科技局）"


def plan(body: str, *, head: str = HEAD) -> PlanDocument:
    return extract(head + body + CLAUSE + "\n")


def targets(body: str, *, head: str = HEAD) -> list[Target]:
    doc = plan(body, head=head)
    for t in doc.all_targets():
        assert doc.source[t.span.start : t.span.end] == t.text
        assert t.indicator in t.text
    return doc.all_targets()


def one(body: str, *, head: str = HEAD) -> Target:
    found = targets(body, head=head)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("body", "comparator"),
    [
        ("高新技术企业超过500家。", "MoreThan"),
        ("高新技术企业突破500家。", "MoreThan"),
        ("高新技术企业高于500家。", "MoreThan"),
        ("高新技术企业超500家。", "MoreThan"),
        ("高新技术企业达到500家以上。", "AtLeast"),
        ("高新技术企业不低于500家。", "AtLeast"),
        ("高新技术企业不少于500家。", "AtLeast"),
        ("高新技术企业500家左右。", "Approximately"),
        ("高新技术企业约500家。", "Approximately"),
        ("高新技术企业500家以下。", "AtMost"),
        ("高新技术企业不超过500家。", "AtMost"),
        ("高新技术企业不高于500家。", "AtMost"),
        ("高新技术企业低于500家。", "LessThan"),
        ("高新技术企业少于500家。", "LessThan"),
        ("高新技术企业达到500家。", "Exactly"),
        ("新增高新技术企业500家。", "Exactly"),
    ],
)
def test_comparators(body: str, comparator: str) -> None:
    t = one(body)
    assert (t.indicator, t.value, t.unit, t.comparator) == (
        "高新技术企业",
        Decimal(500),
        "家",
        comparator,
    )


def test_text_runs_from_indicator_to_comparator_wording() -> None:
    t = one("力争全社会研发投入强度超过3.2%。")
    assert t.text == "全社会研发投入强度超过3.2%"
    t = one("规上工业企业研发机构设置率达到80%以上。")
    assert t.text == "规上工业企业研发机构设置率达到80%以上"


def test_suffix_wins_over_prefix() -> None:
    # 以上 after the unit decides, not 达到 before the number
    assert one("企业研发投入达到20亿元以上。").comparator == "AtLeast"
    assert one("科技型企业突破200家左右。").comparator == "Approximately"


def test_fullwidth_percent_is_normalised_in_unit_only() -> None:
    t = one("研发经费支出占比达到3.4％。")
    assert (t.value, t.unit) == (Decimal("3.4"), "%")
    assert t.text.endswith("3.4％")


@pytest.mark.parametrize(
    ("body", "value", "unit"),
    [
        ("科技型中小企业突破1.5万家。", Decimal(15000), "家"),
        ("技能人才总量达到140万人。", Decimal(1400000), "人"),
        ("人才公寓面积达到10万平方米。", Decimal(100000), "平方米"),
        ("科创基金规模超280亿元。", Decimal(280), "亿元"),
        ("人才发展资金达到500万元。", Decimal(500), "万元"),
        ("产业规模突破1.2万亿元。", Decimal(12000), "亿元"),
        ("研发人员达到230人年。", Decimal(230), "人年"),
        ("首台（套）产品达到20台（套）。", Decimal(20), "台（套）"),
        ("研发投入强度提高0.5个百分点。", Decimal("0.5"), "个百分点"),
    ],
)
def test_units_and_multipliers(body: str, value: Decimal, unit: str) -> None:
    t = one(body)
    assert (t.value, t.unit) == (value, unit)


@pytest.mark.parametrize("sep", ["—", "-", "至", "～"])
def test_ranges(sep: str) -> None:
    t = one(f"取得硬核科技成果5{sep}10项。")
    assert (t.value, t.upper_value, t.unit, t.comparator) == (
        Decimal(5),
        Decimal(10),
        "项",
        "Between",
    )
    assert t.indicator == "硬核科技成果"


def test_range_with_approximately_is_between() -> None:
    t = one("取得硬核科技成果5—10项左右。")
    assert (t.comparator, t.upper_value) == ("Between", Decimal(10))


def test_ranking() -> None:
    t = one("高新区排名进入全国前40位。")
    assert (t.indicator, t.value, t.unit, t.comparator) == (
        "高新区排名",
        Decimal(40),
        "位",
        "AtMost",
    )
    assert t.text == "高新区排名进入全国前40位"


def test_fraction() -> None:
    t = one("集聚全市1/3省级以上高端人才。")
    assert t.value == (Decimal(1) / Decimal(3)).quantize(Decimal("0.000001"))
    assert t.unit == "fraction"
    assert t.indicator == "省级以上高端人才"


def test_periodicity() -> None:
    assert one("每年新认定省级研发中心70家。").periodicity == "Annual"
    assert one("每年度新增发明专利500件。").periodicity == "Annual"
    t = one("全市财政科技投入年均增长18%以上。")
    assert (t.periodicity, t.comparator) == ("Annual", "AtLeast")
    assert one("科技基础设施投资累计超200亿元。").periodicity == "Cumulative"
    assert one("5年总投资280亿元。").periodicity == "Cumulative"
    assert one("技术交易总额累计超1000亿元。").periodicity == "Cumulative"
    assert one("新增高新技术企业500家。").periodicity is None


def test_distributive_list_shares_the_lead_in() -> None:
    found = targets("每年新认定省级研发中心70家、省（重点）企业研究院30家。")
    assert [(t.indicator, t.value, t.unit, t.periodicity) for t in found] == [
        ("省级研发中心", Decimal(70), "家", "Annual"),
        ("省（重点）企业研究院", Decimal(30), "家", "Annual"),
    ]


def test_each_gives_one_target_per_item() -> None:
    found = targets("具有国内一流水平的科技领军人才、青年科技人才各200名左右。")
    assert [(t.indicator, t.value, t.unit, t.comparator) for t in found] == [
        ("科技领军人才", Decimal(200), "名", "Approximately"),
        ("青年科技人才", Decimal(200), "名", "Approximately"),
    ]


def test_quantity_before_the_noun() -> None:
    t = one("面向制造业强国引进250名省海外工程师。")
    assert (t.indicator, t.value, t.unit) == ("省海外工程师", Decimal(250), "名")
    found = targets("实施30个以上产业链协同创新项目、60个左右产业链关键核心技术攻关项目。")
    assert [(t.indicator, t.value, t.comparator) for t in found] == [
        ("产业链协同创新项目", Decimal(30), "AtLeast"),
        ("产业链关键核心技术攻关项目", Decimal(60), "Approximately"),
    ]


@pytest.mark.parametrize(
    ("body", "deadline"),
    [
        ("到2026年，新增高新技术企业500家。", 2026),
        ("到2026年底，新增高新技术企业500家。", 2026),
        ("2025年前，新增高新技术企业500家。", 2025),
        ("力争到2025年底新增高新技术企业500家。", 2025),
    ],
)
def test_explicit_deadline(body: str, deadline: int) -> None:
    t = one(body)
    assert (t.deadline, t.deadline_implied) == (deadline, False)


def test_deadline_from_an_earlier_sentence_of_the_paragraph() -> None:
    t = one("到2026年，形成创新体系。高新技术企业突破500家。")
    assert (t.deadline, t.deadline_implied) == (2026, False)


def test_implied_deadline_is_the_period_end() -> None:
    t = one("新增高新技术企业500家。")
    assert (t.deadline, t.deadline_implied) == (2027, True)


def test_no_period_no_deadline() -> None:
    head = "关于加快科技创新的实施意见\n一、重点任务\n1．推进工作。"
    doc = plan("新增高新技术企业500家。", head=head)
    assert doc.period is None
    t = doc.all_targets()[0]
    assert (t.deadline, t.deadline_implied) == (None, False)


@pytest.mark.parametrize(
    "body",
    [
        "已经九届市人民政府第22次常务会议审议通过。",
        "构建“315”科技创新体系，围绕“135N”先进制造业集群。",
        "深化嘉兴G60科创走廊建设。",
        "为深入贯彻党的二十大精神，2023年3月30日印发。",
        "聚焦15大战略领域，实施科技企业“双倍增”行动计划。",
        "对研发费用占营业收入比重高于5％的企业，优先安排用地指标。",
        "5年内完成改造。",
    ],
)
def test_not_targets(body: str) -> None:
    assert targets(body) == []


def test_target_belongs_to_the_innermost_part() -> None:
    text = (
        "某市科技创新推进方案（2024—2027年）\n"
        "为加快创新，全市研发投入达到100亿元。\n"
        "一、重点任务\n"
        "1．培育企业。新增高新技术企业500家。（责任单位：市科技局）\n"
        "二、保障措施\n"
        "（一）加大投入。财政科技投入年均增长15%以上。\n"
    )
    doc = extract(text)
    assert [t.value for t in doc.targets] == [Decimal(100)]
    assert [t.value for t in doc.tasks[0].targets] == [Decimal(500)]
    safeguard = doc.parts("safeguard")[0]
    assert [(t.value, t.periodicity) for t in safeguard.targets] == [(Decimal(15), "Annual")]
    assert [t.value for t in doc.all_targets()] == [Decimal(100), Decimal(500), Decimal(15)]


def test_chinese_fractions_and_percentages() -> None:
    t = one("力争三分之一以上规上企业设立研发机构。")
    assert (t.value, t.unit, t.comparator) == (Decimal("0.333333"), "fraction", "AtLeast")
    t = one("研发投入占比达到百分之三。")
    assert (t.indicator, t.value, t.unit) == ("研发投入占比", Decimal(3), "%")
    t = one("不良贷款率控制在千分之五以内。")
    assert (t.indicator, t.value, t.unit, t.comparator) == (
        "不良贷款率",
        Decimal(5),
        "‰",
        "AtMost",
    )


def test_decrease_to() -> None:
    t = one("单位工业增加值能耗下降到0.5吨以下。")
    assert (t.indicator, t.value, t.unit, t.comparator) == (
        "单位工业增加值能耗",
        Decimal("0.5"),
        "吨",
        "AtMost",
    )


def test_year_end_deadline_is_not_part_of_the_indicator() -> None:
    # 力争到2025年底… : 底 belongs to the deadline, not to what is measured
    t = one("力争到2025年底集成电路产业营收突破1000亿元。")
    assert (t.indicator, t.text, t.deadline) == (
        "集成电路产业营收",
        "集成电路产业营收突破1000亿元",
        2025,
    )
