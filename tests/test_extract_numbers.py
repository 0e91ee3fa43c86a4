"""Every number read with a decision and a reason: what is a target and what is not.

Each rule is shown on a short snippet in the genre (policy measures, goals, subsidy terms),
with the reason the reader gives; a contrasting snippet shows the target the rule leaves.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from policygraph.extraction import extract
from policygraph.extraction.targets import NumberReading, find_targets, read_numbers


def reasons(text: str) -> dict[str, str]:
    """Map each number as written to the reason of its reading."""
    out = {}
    for r in read_numbers(text):
        assert text[r.span.start : r.span.end] == r.text
        out[r.text] = r.reason
    return out


def target_of(text: str, quote: str) -> tuple[Decimal, str, str, str]:
    """Return (value, unit, comparator, indicator) of the one target read from ``quote``."""
    found = [r.target for r in read_numbers(text) if r.text == quote and r.target is not None]
    assert len(found) == 1, [r for r in read_numbers(text) if r.text == quote]
    t = found[0]
    assert text[t.span.start : t.span.end] == t.text
    return t.value, t.unit, t.comparator, t.indicator


def not_target(text: str, quote: str, reason: str) -> None:
    readings = [r for r in read_numbers(text) if r.text == quote]
    assert readings, f"{quote} not read in {text}"
    for r in readings:
        assert r.target is None, r
        assert r.reason == reason, r


# -- the reading itself ------------------------------------------------------------------


def test_reading_is_frozen_and_quotes_the_text() -> None:
    text = "到2026年，新增孵化器12家以上。"
    readings = read_numbers(text)
    assert [(r.text, r.target is not None) for r in readings] == [
        ("2026年", False),
        ("12家以上", True),
    ]
    r = readings[1]
    assert (r.span.start, r.span.end) == (text.index("12"), text.index("。"))
    assert r.reason == "target: 以上"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.reason = "changed"  # type: ignore[misc]
    assert isinstance(r, NumberReading)


def test_find_targets_returns_the_targets_of_the_readings() -> None:
    text = "每年安排专项资金3000万元，力争新增规上企业80家，单个企业最高奖励20万元。"
    targets = find_targets(text, period_end=2026)
    assert targets == [r.target for r in read_numbers(text, period_end=2026) if r.target]
    assert [(t.value, t.unit) for t in targets] == [(Decimal(80), "家")]


def test_numbers_that_are_no_quantity() -> None:
    got = reasons(
        "按照“双百”工程部署，第2批项目于2024年3月15日启动，G20峰会后48小时内完成，"
        "审批时间压缩到3个月，企业达到111111111111111111111111111111家。"
    )
    assert got == {
        "2批": "an ordinal: 第 before the number",
        "2024年": "a year",
        "3月": "a date",
        "15日": "a date",
        "20": "next to Latin letters: part of a code or name",
        "48小时": "a duration or time limit",
        "3个月": "a duration or time limit",
        "111111111111111111111111111111家": ("more than 15 digits: an identifier, not a quantity"),
    }


def test_a_number_inside_quotation_marks_is_a_name() -> None:
    not_target("实施“5个100”工程。", "100", "inside quotation marks: part of a name")


def test_excluded_ranges_are_read_too() -> None:
    text = "新增企业30家。（责任单位：区第3工作组）"
    start = text.index("（")
    readings = read_numbers(text, exclude=[(start, len(text))])
    assert [(r.text, r.reason) for r in readings] == [
        ("30家", "target: 新增 … a count"),
        ("3", "inside a heading number or a responsibility note"),
    ]


@pytest.mark.parametrize("digits", [16, 29, 40])
def test_very_long_numbers_do_not_crash_extraction(digits: int) -> None:
    doc = extract(f"某区推进方案\n一、主要目标\n企业达到{'1' * digits}家，新增园区3个。\n")
    assert [(t.value, t.unit) for t in doc.all_targets()] == [(Decimal(3), "个")]


def test_fifteen_digits_are_still_a_quantity() -> None:
    assert target_of("总量达到123456789012345吨。", "123456789012345吨")[:2] == (
        Decimal(123456789012345),
        "吨",
    )


# -- money: subsidies, rewards, caps ---------------------------------------------------


def test_subsidies_and_rewards_are_not_targets() -> None:
    text = (
        "对新认定的省级孵化器，给予一次性奖励30万元；对首次入库企业分别给予10万元、5万元补助；"
        "对租用标准厂房的企业给予每平方米10元租金补贴；对参加展会的企业给予50万元资金支持；"
        "符合条件的，每人每月补贴1500元。"
    )
    assert reasons(text) == {
        "30万元": "subsidy or reward: 奖励 before the value",
        "10万元": "subsidy or reward: 给予 before the value",
        "5万元": "subsidy or reward: 补助 after a money value",
        "10元": "subsidy or reward: 补贴 after a money value",
        "50万元": "subsidy or reward: 支持 after a money value",
        "1500元": "subsidy or reward: 补贴 before the value",
    }


def test_caps_are_not_targets() -> None:
    got = reasons(
        "按设备投资额的15%给予补助，单个项目最高不超过200万元；全年补助名额上限50名；"
        "年度报销限额提高至8万元。"
    )
    assert got == {
        "15%": "rate of a subsidy or rule: a grant word after the rate",
        "200万元": "subsidy or cap: 最高 before the value",
        "50名": "subsidy or cap: 上限 before the value",
        "8万元": "subsidy or cap: 限额 before the value",
    }


def test_amounts_per_beneficiary_are_not_targets() -> None:
    got = reasons("每家企业年度支持金额不超过60万元，同一项目累计不超过300万。")
    assert got == {
        "60万元": "amount per beneficiary: 每家 before a money value",
        "300万": "amount per beneficiary: 同一 before a money value",
    }


def test_money_sizing_a_counted_noun_and_the_size_of_a_grant_programme() -> None:
    got = reasons("其中年营业收入20亿元以上企业30家；每年评选不超过15个项目给予奖励。")
    assert got == {
        "20亿元以上": "threshold qualifying a noun counted by another number",
        "30家": "target: a level stated with its indicator",
        "15个": "size of a grant programme: 给予 after the count",
    }


def test_a_fund_built_as_a_goal_is_a_target() -> None:
    text = "设立规模不低于20亿元的数字经济产业基金，每年安排引导资金1亿元。"
    assert target_of(text, "20亿元") == (Decimal(20), "亿元", "AtLeast", "数字经济产业基金")
    not_target(text, "1亿元", "subsidy or reward: 安排 before the value")


def test_money_levels_are_targets() -> None:
    text = "全市数字经济规模突破3000亿元，人均公共文化服务经费达到80元以上。"
    assert target_of(text, "3000亿元") == (Decimal(3000), "亿元", "MoreThan", "全市数字经济规模")
    assert target_of(text, "80元以上") == (
        Decimal(80),
        "元",
        "AtLeast",
        "人均公共文化服务经费",
    )


# -- rates of rules ---------------------------------------------------------------------


def test_rates_of_a_rule_are_not_targets() -> None:
    got = reasons(
        "按绿地面积8%—12%的比例配建儿童游乐场地；研发费用税前按200%加计扣除；"
        "贷款利率不高于3.5%；人才公寓租金按市场价的60%收取。"
    )
    assert got == {
        "8%—12%": "rate of a subsidy or rule: a grant word after the rate",
        "200%": "rate of a subsidy or rule: a grant word after the rate",
        "3.5%": "rate of a tax or loan rule",
        "60%": "rate or norm of a rule: 按 … before the value",
    }


def test_a_level_reached_after_a_rule_basis_is_a_target() -> None:
    text = "按照省里部署要求新增养老床位2000张。"
    assert target_of(text, "2000张") == (Decimal(2000), "张", "Exactly", "养老床位")
    text = "按计划完成老旧小区改造120个。"
    assert target_of(text, "120个") == (Decimal(120), "个", "Exactly", "老旧小区改造")


def test_a_credit_line_reached_is_no_cap() -> None:
    text = "银行新增授信额度达到500亿元。"
    assert target_of(text, "500亿元") == (Decimal(500), "亿元", "Exactly", "授信额度")


def test_a_rules_norm_and_eligibility_thresholds() -> None:
    got = reasons("申请人年龄原则上不超过40周岁；低收入家庭认定的收入线标准提高到每月1200元。")
    assert got == {
        "40周岁": "norm of a rule: 原则上 before the value",
        "1200元": "amount per beneficiary: 每月 before a money value",
    }
    not_target(
        "企业准入标准为营业收入不低于500万元。",
        "500万元",
        "eligibility threshold: a threshold word before the value",
    )


def test_tax_rule_rate() -> None:
    not_target(
        "科技型中小企业研发费用加计扣除比例提高到100%。", "100%", "rate of a tax or loan rule"
    )


# -- counts that are not levels --------------------------------------------------------


def test_frequency_of_a_routine() -> None:
    text = "每季度至少召开1次联席会议，每两年开展1次评估，全年APP下载量不少于50万次。"
    not_target(text, "1次", "frequency of a routine: 每… before a count of times")
    assert target_of(text, "50万次")[:3] == (Decimal(500000), "次", "AtLeast")


def test_range_of_counts_before_its_noun_is_not_a_target() -> None:
    not_target("建设2~3个省级众创空间。", "2~3个", "range of counts before the noun it sizes")
    value = target_of("形成标志性成果8—12项。", "8—12项")
    assert value == (Decimal(8), "项", "Between", "标志性成果")


def test_counts_of_the_documents_own_lists() -> None:
    got = reasons("一、支持措施（共12项）\n（一）人才引育方面4项：\n")
    assert got == {
        "12项": "count of the items this document lists",
        "4项": "count of the items this document lists",
    }


def test_scope_of_an_action() -> None:
    got = reasons("围绕6条重点产业链开展招商，针对零关税的300种商品加大出口。")
    assert got == {
        "6条": "scope of an action, not a level",
        "300种": "scope of an action: the clause opens with 针对",
    }
    # a scope phrase followed by an action keeps the action's count
    value = target_of("依托重点实验室每年实施攻关项目15项以上。", "15项以上")
    assert value == (Decimal(15), "项", "AtLeast", "攻关项目")


def test_starting_value() -> None:
    text = "将农村自来水普及率由85%提高到98%。"
    not_target(text, "85%", "starting value: 由 before the number")
    assert target_of(text, "98%")[:3] == (Decimal(98), "%", "Exactly")


def test_a_table_column_of_scopes() -> None:
    text = (
        "序号 | 试点举措 | 牵头部门 | 实施范围\n"
        "1 | 推行证照分离改革 | 市市场监管局 | 5个开发区\n"
        "2 | 新增公共充电桩 | 市发展改革委 | 全市新增3000个\n"
    )
    got = reasons(text)
    assert got["5个"] == "table cell in a column of scopes (实施范围)"
    assert got["3000个"] == "table cell in a column of scopes (实施范围)"
    assert got["1"] == "no unit after the number"


def test_an_aside_that_explains_a_quoted_name() -> None:
    not_target("完善“1+3”（1个市级平台，3个县级节点）服务体系。", "1个", "explains a quoted name")


# -- noun qualifiers and conditions -----------------------------------------------------


def test_thresholds_that_qualify_a_noun() -> None:
    got = reasons(
        "支持年营收超2000万元的企业上市；推动300张床位以上的医院设立康复科；"
        "新培育年产值首次突破50亿元的企业10家。"
    )
    assert got == {
        "2000万元": "threshold qualifying the noun after 的: 超 …的",
        "300张": "size threshold of a noun: … 以上的 after the quantity",
        "50亿元": "threshold qualifying a noun counted by another number",
        "10家": "target: 培育 … a count",
    }


def test_thresholds_without_a_comparator_word() -> None:
    got = reasons("支持年营收1000万元以上的企业上市，招聘年龄不超过35周岁的青年人才。")
    assert got == {
        "1000万元以上": "threshold qualifying the noun after 的",
        "35周岁": "threshold qualifying the noun after 的: 不超过 …的",
    }


def test_counts_of_what_is_added_before_de_are_targets() -> None:
    text = "新增100家以上的规上工业企业。"
    assert target_of(text, "100家以上") == (Decimal(100), "家", "AtLeast", "规上工业企业")


def test_shares_and_built_sizes_before_de_are_targets() -> None:
    text = "到2026年，60%的乡镇达到省级示范标准，每个社区拥有2个以上的志愿服务组织。"
    assert target_of(text, "60%") == (Decimal(60), "%", "Exactly", "乡镇")
    assert target_of(text, "2个以上") == (Decimal(2), "个", "AtLeast", "志愿服务组织")
    built = target_of("打造不少于三万平方米的创业空间。", "三万平方米")
    assert built == (Decimal(30000), "平方米", "AtLeast", "创业空间")


def test_conditions() -> None:
    got = reasons(
        "对研发投入占比高于6%的企业，优先保障用地；对于引进人才年薪达到40万元，给予安家补助；"
        "企业新招用高校毕业生达到30人且签订2年以上劳动合同的，可申请贷款；"
        "职工人数达到100人并具备独立法人资格的，纳入培育库。"
    )
    assert got["6%"] == "condition: 对 … 的 names whom a measure applies to"
    assert got["40万元"] == "condition: the clause opens with 对于"
    assert got["30人"] == "condition: a clause ending in 的"
    assert got["100人"] == "eligibility criterion: 并具备 … joins further criteria"


def test_definition_and_report_of_the_past() -> None:
    got = reasons(
        "小微主体（指从业人员在20人以下的经营主体）。去年全市等5个区县先行先试，取得了积极成效。"
    )
    assert got == {
        "20人以下": "part of a definition",
        "5个": "report of the past, not a commitment",
    }


# -- what a quantity can be -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit"),
    [
        ("全市智能算力规模达到2000PFlops。", "2000PFlops", Decimal(2000), "PFlops"),
        ("数据存储总量达到10EB。", "10EB", Decimal(10), "EB"),
        ("新型储能装机规模达到3GW。", "3GW", Decimal(3), "GW"),
        ("调度算力规模超8000P。", "8000P", Decimal(8000), "P"),
        ("港口集装箱吞吐量达到300万标准箱。", "300万标准箱", Decimal(3000000), "标准箱"),
        ("绿色电力交易量达到50亿千瓦时。", "50亿千瓦时", Decimal(50), "亿千瓦时"),
        ("户籍人口平均预期寿命超过82岁。", "82岁", Decimal(82), "岁"),
        ("每年举办供需对接活动20场以上。", "20场以上", Decimal(20), "场"),
        ("全年举办招聘会200场次。", "200场次", Decimal(200), "场次"),
        ("建设保障性租赁住房8000套（间）。", "8000套（间）", Decimal(8000), "套（间）"),
        ("打造两万平方米孵化空间。", "两万平方米", Decimal(20000), "平方米"),
        ("争取上级资金五十万元。", "五十万元", Decimal(50), "万元"),
        ("全市5G基站总数达到1.2万个。", "1.2万个", Decimal(12000), "个"),
    ],
)
def test_units(text: str, quote: str, value: Decimal, unit: str) -> None:
    assert target_of(text, quote)[:2] == (value, unit)


def test_a_ranking_name_is_no_target_but_a_ranking_is() -> None:
    text = "力争引进世界500强企业10家，综合实力进入全国前20强。"
    not_target(text, "500强", "part of a ranking's name (N强)")
    assert target_of(text, "20强")[:3] == (Decimal(20), "强", "AtMost")


def test_latin_letters_glued_to_a_number_are_no_unit() -> None:
    assert reasons("推进5G应用，建设IPv6网络。") == {
        "5": "next to Latin letters: part of a code or name",
        "6": "next to Latin letters: part of a code or name",
    }


def test_bare_multiples_need_target_wording() -> None:
    text = "标识解析注册量突破8亿，服务覆盖50万居民。"
    assert target_of(text, "8亿") == (Decimal(800000000), "", "MoreThan", "标识解析注册量")
    not_target(text, "50万", "万/亿 without a unit or target wording")


def test_counts_of_categories() -> None:
    text = "基本公共服务项目达到12大类45项，聚焦10大重点领域。"
    assert target_of(text, "12")[:2] == (Decimal(12), "大类")
    assert target_of(text, "45项")[:2] == (Decimal(45), "项")
    not_target(text, "10", "scope of an action, not a level")
    not_target("全市共分为6大片区。", "6", "count of categories (N大…) without target wording")


def test_a_clause_repeated_word_for_word_restates_its_target() -> None:
    clause = "每年组织实施重点研发项目50项"
    text = f"一、目标\n{clause}。\n二、任务\n（一）攻关。{clause}，强化成果转化。\n"
    readings = [r for r in read_numbers(text) if r.text == "50项"]
    assert [r.target is not None for r in readings] == [True, False]
    assert readings[1].reason == "restates an earlier target word for word"


def test_values_after_the_first_share_its_indicator() -> None:
    text = "到2025年，出口、进口和跨境电商交易额分别占比达40%、30%和20%。"
    found = find_targets(text)
    assert [(t.indicator, t.value) for t in found] == [
        ("出口", Decimal(40)),
        ("进口", Decimal(30)),
        ("跨境电商交易额", Decimal(20)),
    ]


def test_a_clause_that_opens_with_its_wording_takes_the_subject_before_it() -> None:
    text = "城乡居民人均可支配收入年均增长7%以上，达到6.5万元。"
    first, second = find_targets(text)
    assert first.indicator == "城乡居民人均可支配收入年均增长"
    assert (second.indicator, second.value, second.unit) == (
        "城乡居民人均可支配收入",
        Decimal("6.5"),
        "万元",
    )
    (t,) = find_targets("规上企业数量较2020年翻一番，达到3000家。")
    assert (t.indicator, t.value, t.text) == (
        "规上企业数量",
        Decimal(3000),
        "规上企业数量较2020年翻一番，达到3000家",
    )


# -- deadlines --------------------------------------------------------------------------


def test_a_year_opening_the_clause_is_the_deadline() -> None:
    t = find_targets("2024年，全市农村生活垃圾分类覆盖率提高到95%。", period_end=2027)[0]
    assert (t.indicator, t.value, t.deadline, t.deadline_implied) == (
        "全市农村生活垃圾分类覆盖率",
        Decimal(95),
        2024,
        False,
    )


def test_the_latest_year_in_the_line_wins() -> None:
    text = "到2027年，建成示范园区10个；2025年，先行建成示范园区4个。"
    assert [(t.value, t.deadline) for t in find_targets(text, period_end=2028)] == [
        (Decimal(10), 2027),
        (Decimal(4), 2025),
    ]


def test_a_year_inside_a_sentence_is_no_deadline() -> None:
    t = find_targets("力争较2023年翻一番，新增企业20家。", period_end=2026)[0]
    assert (t.deadline, t.deadline_implied) == (2026, True)


# -- in a whole plan ---------------------------------------------------------------------


def test_a_policy_measure_section_yields_no_targets() -> None:
    doc = extract(
        "某县支持人工智能产业发展若干措施\n"
        "一、发展目标\n到2026年，集聚人工智能企业100家以上。\n"
        "二、支持措施\n"
        "（一）算力补贴。对企业租用算力的，按合同金额的30%给予补助，每家最高50万元。"
        "（责任单位：县经信局）\n"
        "（二）人才奖励。对年薪超过50万元的人才，给予一次性奖励10万元。（责任单位：县人社局）\n"
    )
    assert [(t.value, t.unit, t.indicator) for t in doc.all_targets()] == [
        (Decimal(100), "家", "人工智能企业")
    ]
