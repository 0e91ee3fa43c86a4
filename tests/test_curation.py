"""Curation files: the format checks, stale entries, and the Jiaxing 315 curation."""

from __future__ import annotations

import copy
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from policygraph.curation import (
    PLATFORM_TYPES,
    apply_curation,
    load_curation,
    missing_english,
    parse_curation,
)
from policygraph.errors import CurationError
from policygraph.model import (
    PlanDocument,
    PlatformMention,
    Responsibility,
    Scheme,
    Section,
    Span,
    Target,
)
from policygraph.resources import resource_path

# --------------------------------------------------------------------------- a small plan

SOURCE = (
    "一、重点任务\n"
    "（一）实施平台行动。\n"
    "1．打造实验室体系。推进南湖实验室、乌镇实验室建设，5年总投资280亿元，"
    "每年新认定省级研发中心70家。（责任单位：市科技局、有关县〔市、区〕政府）\n"
    "二、保障措施\n"
    "（一）强化政策保障。对研发费用占营业收入比重高于5％的企业，优先安排用地。\n"
)


def span(text: str, start: int = 0) -> Span:
    at = SOURCE.index(text, start)
    return Span(at, at + len(text))


def line_span(first: str) -> Span:
    start = SOURCE.index(first)
    return Span(start, SOURCE.index("\n", start))


def small_plan() -> PlanDocument:
    task_span = line_span("1．打造")
    task = Section(
        "task",
        "1．",
        1,
        3,
        "打造实验室体系",
        span("打造实验室体系"),
        task_span,
        path="1-1-1",
        responsibilities=[
            Responsibility("市科技局", 1, "lead", span("市科技局")),
            Responsibility("有关县〔市、区〕政府", 2, "support", span("有关县〔市、区〕政府")),
        ],
        targets=[
            Target(
                "5年总投资280亿元",
                span("5年总投资280亿元"),
                Decimal(280),
                "亿元",
                "Exactly",
                "强基工程项目总投资",
                deadline=2027,
                deadline_implied=True,
            ),
            Target(
                "每年新认定省级研发中心70家",
                span("每年新认定省级研发中心70家"),
                Decimal(70),
                "家",
                "Exactly",
                "新认定省级研发中心",
                deadline=2027,
                deadline_implied=True,
                periodicity="Annual",
            ),
        ],
        platforms=[PlatformMention("南湖实验室", span("南湖实验室"))],
    )
    action = Section(
        "action",
        "（一）",
        1,
        2,
        "实施平台行动",
        span("实施平台行动"),
        Span(span("（一）实施平台行动").start, task_span.end),
        path="1-1",
        children=[task],
    )
    section1 = Section(
        "section",
        "一、",
        1,
        1,
        "重点任务",
        span("重点任务"),
        Span(0, task_span.end),
        path="1",
        children=[action],
    )
    safeguard_span = line_span("（一）强化政策保障")
    safeguard = Section(
        "safeguard",
        "（一）",
        1,
        2,
        "强化政策保障",
        span("强化政策保障"),
        safeguard_span,
        path="2-1",
        targets=[
            Target(
                "高于5％",
                span("高于5％"),
                Decimal(5),
                "%",
                "MoreThan",
                "研发费用占营业收入比重",
                deadline=2027,
                deadline_implied=True,
            )
        ],
    )
    section2 = Section(
        "section",
        "二、",
        2,
        1,
        "保障措施",
        span("保障措施"),
        Span(span("二、保障措施").start, safeguard_span.end),
        path="2",
        children=[safeguard],
    )
    return PlanDocument(
        SOURCE,
        "small.txt",
        "测试方案",
        Span(0, 0),
        issuer="嘉兴市人民政府",
        period=(2023, 2027),
        sections=[section1, section2],
        schemes=[
            Scheme(
                "highlands",
                "三大科创高地",
                Span(0, 0),
                3,
                members=[PlatformMention("新材料", Span(0, 0))],
            )
        ],
    )


SMALL_CURATION = """\
plan:
  id: small-plan
  jurisdiction: jiaxing
  en: A small plan
  issuer: {id: municipal-government, en: "Jiaxing Municipal People's Government"}
departments:
  市科技局: {id: science-technology-bureau, en: Municipal Science and Technology Bureau}
  有关县〔市、区〕政府: {id: county-governments-concerned, en: Counties, collective: true}
parts:
  "1": {en: Key tasks}
  "1-1": {en: Platform action}
  "1-1-1": {en: Build a laboratory system}
  "2": {en: Safeguards}
  "2-1": {en: Strengthen policy support}
platforms:
  南湖实验室: {id: nanhu-laboratory, en: Nanhu Laboratory, type: Laboratory}
  乌镇实验室: {id: wuzhen-laboratory, en: Wuzhen Laboratory, type: Laboratory}
mentions:
  add:
    - {part: "1-1-1", name: 乌镇实验室, reason: the rules missed it}
schemes:
  highlands: {en: Three highlands, members: {新材料: New materials}}
indicators:
  强基工程项目总投资: {id: infrastructure-investment, en: Investment in infrastructure projects}
  新认定省级研发中心: {id: new-provincial-rd-centres, en: New provincial R&D centres recognised}
targets:
  - {part: "2-1", match: "高于5％", drop: true, reason: "an eligibility threshold, not a target"}
  - {part: "1-1-1", match: "280亿元", set: {periodicity: Cumulative}, reason: 5年总投资 is a total}
"""


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(CurationError) as info:
        load_curation(path)
    assert info.value.source == str(path)
    return str(info.value).removeprefix(f"{path}:")


# --------------------------------------------------------------------------- format errors


def test_small_curation_parses(tmp_path: Path) -> None:
    curation = load_curation(write(tmp_path, SMALL_CURATION))
    assert curation.plan is not None
    assert (curation.plan.id, curation.plan.issuer_id) == ("small-plan", "municipal-government")
    assert [d.name for d in curation.departments] == ["市科技局", "有关县〔市、区〕政府"]
    assert curation.departments[1].collective
    assert curation.departments[0].line == 7
    assert curation.targets[1].changes == (("periodicity", "Cumulative"),)
    assert curation.mentions[0].line == 20


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "parts:\n  '1': {en: A, title: B}\n",
            "2: parts.1: unknown key 'title' (expected one of: en)",
        ),
        (
            "plan:\n  id: p\n  jurisdiction: j\n  en: P\nfoo: 1\n",
            "5: curation file: unknown key 'foo' (expected one of: plan, departments, parts, "
            "platforms, mentions, schemes, indicators, targets)",
        ),
        (
            "parts:\n  '1': {en: 12}\n",
            "2: parts.1.en: expected a string, got an integer",
        ),
        (
            "parts:\n  1: {en: General requirements}\n",
            "2: parts: keys must be strings, got an integer (quote it)",
        ),
        (
            "departments:\n  市科技局: {id: a, en: A, collective: maybe}\n",
            "2: departments.市科技局.collective: expected true or false, got a string",
        ),
        (
            "departments:\n  市科技局: [a, b]\n",
            "2: departments.市科技局: expected a mapping, got a list",
        ),
        (
            "departments:\n  市科技局: {id: a, en: A}\n  市科技局: {id: b, en: B}\n",
            "3: departments: duplicate key '市科技局' (first at line 2)",
        ),
        (
            "departments:\n  市科技局: {id: bureau, en: A}\n  市财政局: {id: bureau, en: B}\n",
            "3: departments.市财政局.id: duplicate department id 'bureau' "
            "(already used by 市科技局 at line 2)",
        ),
        (
            "departments:\n  市科技局: {id: kejiju-科技, en: A}\n",
            "2: departments.市科技局.id: id 'kejiju-科技' is not ASCII",
        ),
        (
            "departments:\n  市科技局: {id: Science_Bureau, en: A}\n",
            "2: departments.市科技局.id: id 'Science_Bureau' is not a slug "
            "(lowercase letters, digits and single hyphens)",
        ),
        (
            "platforms:\n  南湖实验室: {id: nanhu, en: Nanhu Laboratory, type: Lab}\n",
            "2: platforms.南湖实验室.type: 'Lab' is not one of: " + ", ".join(PLATFORM_TYPES),
        ),
        (
            "targets:\n  - {part: '3-2', match: 高于5％, drop: true}\n",
            "2: targets[1]: a correction needs a reason",
        ),
        (
            "mentions:\n  drop:\n    - {part: '2-1-1', name: 南湖实验室}\n",
            "3: mentions.drop[1]: a correction needs a reason",
        ),
        (
            "targets:\n  - {part: '1', match: x, set: {comparator: Above}, reason: r}\n",
            "2: targets[1].set.comparator: 'Above' is not one of: AtLeast, MoreThan, "
            "Approximately, Exactly, Between, AtMost, LessThan",
        ),
        (
            "targets:\n  - {part: '1', match: x, drop: true, set: {value: 1}, reason: r}\n",
            "2: targets[1]: give exactly one of 'drop', 'set' or 'add'",
        ),
        (
            "targets:\n  - part: '1'\n    add: {text: x, value: many, unit: 家,"
            " comparator: Exactly, indicator: y}\n    reason: r\n",
            "3: targets[1].add.value: expected a number, got a string",
        ),
        (
            "plan:\n  id: p\n  en: P\n",
            "2: plan: missing key 'jurisdiction'",
        ),
        (
            "parts: {'1': {en: [unclosed}\n",
            "1: malformed YAML: expected ',' or ']', but got '}'",
        ),
    ],
)
def test_format_errors_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    assert error_of(tmp_path, text) == message


def test_missing_file_is_a_curation_error(tmp_path: Path) -> None:
    with pytest.raises(CurationError, match="cannot read curation file"):
        load_curation(tmp_path / "absent.yaml")


def test_empty_file_is_an_empty_curation(tmp_path: Path) -> None:
    curation = load_curation(write(tmp_path, ""))
    assert curation.plan is None and curation.parts == ()


# --------------------------------------------------------------------------- applying


def test_apply_small_curation(tmp_path: Path) -> None:
    doc = small_plan()
    done = apply_curation(doc, load_curation(write(tmp_path, SMALL_CURATION)))
    assert missing_english(done) == []
    assert (done.id, done.jurisdiction, done.issuer_id) == (
        "small-plan",
        "jiaxing",
        "municipal-government",
    )
    assert done.department_ids["市科技局"] == "science-technology-bureau"
    assert done.collective_departments == {"有关县〔市、区〕政府"}
    task = done.tasks[0]
    assert [(m.name, m.id, m.kind) for m in task.platforms] == [
        ("南湖实验室", "nanhu-laboratory", "Laboratory"),
        ("乌镇实验室", "wuzhen-laboratory", "Laboratory"),
    ]
    assert task.platforms[1].span.text(SOURCE) == "乌镇实验室"
    assert [t.text for t in done.all_targets()] == [
        "5年总投资280亿元",
        "每年新认定省级研发中心70家",
    ]
    total = task.targets[0]
    assert total.periodicity == "Cumulative"
    assert total.label_en == (
        "Investment in infrastructure projects: 28 billion yuan in total by 2027"
    )
    assert task.targets[1].label_en == (
        "New provincial R&D centres recognised: 70 per year through 2027"
    )
    assert done.schemes[0].members[0].label_en == "New materials"


def test_apply_does_not_mutate_its_input(tmp_path: Path) -> None:
    doc = small_plan()
    before = copy.deepcopy(doc)
    apply_curation(doc, load_curation(write(tmp_path, SMALL_CURATION)))
    assert doc == before
    assert doc.tasks[0].label_en is None
    assert len(doc.parts("safeguard")[0].targets) == 1


def test_added_target_gets_its_span_and_the_implied_deadline() -> None:
    curation = parse_curation(
        "targets:\n"
        "  - part: '1-1-1'\n"
        "    add: {text: 5年总投资280亿元, value: 280, unit: 亿元, comparator: Exactly,\n"
        "          indicator: 总投资, periodicity: Cumulative}\n"
        "    reason: missed\n",
        source="t.yaml",
    )
    doc = small_plan()
    doc.tasks[0].targets = []
    (added,) = apply_curation(doc, curation).tasks[0].targets
    assert added.span.text(SOURCE) == "5年总投资280亿元"
    assert (added.value, added.deadline, added.deadline_implied) == (Decimal(280), 2027, True)


def test_setting_a_deadline_makes_it_explicit() -> None:
    curation = parse_curation(
        "targets:\n  - {part: '1-1-1', match: 70家, set: {deadline: 2025}, reason: r}\n"
    )
    target = apply_curation(small_plan(), curation).tasks[0].targets[1]
    assert (target.deadline, target.deadline_implied) == (2025, False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("parts:\n  '9-9': {en: Nothing}\n", "2: the plan has no part '9-9'"),
        (
            "departments:\n  市农业农村局: {id: agriculture, en: Agriculture}\n",
            "2: department '市农业农村局' is in no responsibility clause",
        ),
        (
            "platforms:\n  祥符实验室: {id: xiangfu-laboratory, en: Xiangfu Laboratory,"
            " type: Laboratory}\n",
            "2: platform '祥符实验室' is never mentioned",
        ),
        (
            "\ntargets:\n  - {part: '2-1', match: 高于6％, drop: true, reason: r}\n",
            "3: no target of part 2-1 contains '高于6％' (its targets: 高于5％)",
        ),
        (
            "targets:\n  - {part: '1-1-1', match: 年, drop: true, reason: r}\n",
            "2: 2 targets of part 1-1-1 contain '年'; make 'match' longer",
        ),
        (
            "targets:\n  - {part: '3-2', match: 高于5％, drop: true, reason: r}\n",
            "2: the plan has no part '3-2'",
        ),
        (
            "targets:\n  - part: '2-1'\n    add: {text: 高于6％, value: 6, unit: '%',"
            " comparator: MoreThan, indicator: x}\n    reason: r\n",
            "2: part 2-1 does not contain '高于6％'",
        ),
        (
            "targets:\n  - part: '2-1'\n    add: {text: 高于5％, value: 5, unit: '%',"
            " comparator: MoreThan, indicator: x}\n    reason: r\n",
            "2: part 2-1 already has this target ('高于5％'); remove the 'add'",
        ),
        (
            "indicators:\n  研发强度: {id: rd-intensity, en: R&D intensity}\n",
            "2: no target has the indicator '研发强度'",
        ),
        (
            "mentions:\n  drop:\n    - {part: '1-1-1', name: 乌镇实验室, reason: r}\n",
            "3: part 1-1-1 has no mention of '乌镇实验室' to drop",
        ),
        (
            "mentions:\n  add:\n    - {part: '1-1-1', name: 南湖实验室, reason: r}\n",
            "3: part 1-1-1 already mentions '南湖实验室'; remove the 'add'",
        ),
        (
            "mentions:\n  add:\n    - {part: '2-1', name: 南湖实验室, reason: r}\n",
            "3: part 2-1 does not contain '南湖实验室'",
        ),
        (
            "schemes:\n  fields: {en: Fields}\n",
            "2: the plan declares no scheme 'fields'",
        ),
        (
            "schemes:\n  highlands:\n    en: Highlands\n    members: {新能源: New energy}\n",
            "4: scheme 'highlands' has no member '新能源'",
        ),
    ],
)
def test_stale_entries_fail_with_their_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    curation = load_curation(path)
    with pytest.raises(CurationError) as info:
        apply_curation(small_plan(), curation)
    assert str(info.value) == f"{path}:{message}"


def test_missing_english_lists_every_gap() -> None:
    assert missing_english(small_plan()) == [
        "plan: English title",
        "issuer 嘉兴市人民政府",
        "part 1 重点任务",
        "part 1-1 实施平台行动",
        "part 1-1-1 打造实验室体系",
        "part 2 保障措施",
        "part 2-1 强化政策保障",
        "department 市科技局",
        "department 有关县〔市、区〕政府",
        "platform 南湖实验室",
        "scheme highlands 三大科创高地",
        "scheme member highlands/新材料",
        "indicator 强基工程项目总投资 (target 5年总投资280亿元)",
        "indicator 新认定省级研发中心 (target 每年新认定省级研发中心70家)",
        "indicator 研发费用占营业收入比重 (target 高于5％)",
    ]


def test_platform_types_match_the_ontology() -> None:
    from rdflib import RDF, Graph, Namespace

    pg = Namespace("https://w3id.org/policygraph/def#")
    graph = Graph().parse(resource_path("ontology", "policygraph.ttl"))
    declared = {str(s).removeprefix(str(pg)) for s in graph.subjects(RDF.type, pg.PlatformType)}
    assert set(PLATFORM_TYPES) == declared


# --------------------------------------------------------------------------- Jiaxing 315


@pytest.fixture(scope="module")
def jiaxing() -> tuple[PlanDocument, PlanDocument]:
    from policygraph import extract

    path = resource_path("data", "sources", "jiaxing-315-plan.txt")
    doc = extract(path.read_text(encoding="utf-8"), source_name=path.name)
    curation = load_curation(resource_path("data", "curation", "jiaxing-315.yaml"))
    return doc, apply_curation(doc, curation)


def targets_containing(doc: PlanDocument, text: str) -> list[Target]:
    return [t for t in doc.all_targets() if text in t.text]


def test_jiaxing_curation_gives_english_for_everything(
    jiaxing: tuple[PlanDocument, PlanDocument],
) -> None:
    raw, done = jiaxing
    assert len(missing_english(raw)) > 100
    assert missing_english(done) == []
    assert all(s.label_en for s in done.walk())
    assert all(t.indicator_en and t.indicator_id and t.label_en for t in done.all_targets())
    assert all(m.label_en and m.id and m.kind for s in done.walk() for m in s.platforms)
    # 22 distinct units are named in the responsibility clauses, each with an English name
    named = {r.department for s in done.walk() for r in s.responsibilities}
    assert len(named) == 22
    assert set(done.departments_en) == named == set(done.department_ids)
    assert all(i.isascii() for i in done.department_ids.values())


def test_jiaxing_plan_and_department_facts(jiaxing: tuple[PlanDocument, PlanDocument]) -> None:
    _, done = jiaxing
    assert (done.id, done.jurisdiction, done.issuer_id) == (
        "jiaxing-315",
        "jiaxing",
        "municipal-government",
    )
    assert done.issuer == "嘉兴市人民政府"
    assert done.issuer_en == "Jiaxing Municipal People's Government"
    assert done.department_ids["市科技局"] == "science-technology-bureau"
    assert done.departments_en["市发展改革委"] == "Municipal Development and Reform Commission"
    assert done.collective_departments == {"有关县〔市、区〕政府"}
    task = next(s for s in done.walk() if s.path == "2-1-1")
    assert (task.title, task.label_en) == ("打造新型实验室体系", "Build a new laboratory system")


def test_jiaxing_target_facts(jiaxing: tuple[PlanDocument, PlanDocument]) -> None:
    raw, done = jiaxing
    # 5年总投资280亿元: a five-year total
    (total,) = targets_containing(done, "280亿元")
    assert (total.value, total.unit, total.periodicity) == (Decimal(280), "亿元", "Cumulative")
    assert total.indicator == "科技创新强基工程项目总投资"
    assert total.label_en == (
        "Investment in science and technology foundation-strengthening projects: "
        "28 billion yuan in total by 2027"
    )
    # 高于5％ in safeguard 3-2 is an eligibility threshold for enterprises, not a target
    (safeguard,) = [s for s in done.walk() if s.path == "3-2"]
    assert [t.text for t in safeguard.targets] == ["全市财政科技投入年均增长18%以上"]
    assert not targets_containing(done, "高于5")
    (rd,) = targets_containing(done, "3.65%")
    assert (rd.comparator, rd.indicator_id) == ("MoreThan", "rd-expenditure-gdp-share")
    assert rd.label_en == "R&D expenditure as a share of GDP: more than 3.65% by 2027"
    (centres,) = targets_containing(done, "省级研发中心70家")
    assert centres.label_en == "New provincial R&D centres recognised: 70 per year through 2027"
    (ranking,) = targets_containing(done, "前40位")
    assert (
        ranking.label_en
        == "National ranking of the Jiaxing National High-tech Zone: top 40 by 2027"
    )
    # 培育世界一流企业2家 is in a sentence without 到2027年
    (world,) = targets_containing(done, "世界一流企业2家")
    assert (world.deadline, world.deadline_implied) == (2027, True)
    assert len(done.all_targets()) == len(raw.all_targets())


def test_jiaxing_platform_and_scheme_facts(jiaxing: tuple[PlanDocument, PlanDocument]) -> None:
    raw, done = jiaxing
    by_name = {m.name: m for s in done.walk() for m in s.platforms}
    assert (by_name["南湖实验室"].id, by_name["南湖实验室"].kind) == (
        "nanhu-laboratory",
        "Laboratory",
    )
    assert by_name["嘉兴G60科创走廊"].kind == "Corridor"
    assert "嘉兴大学" in {m.name for s in raw.walk() for m in s.platforms}
    assert "嘉兴大学" not in by_name
    added = by_name["嘉兴科技大市场"]
    assert added.span.text(done.source) == "嘉兴科技大市场"
    assert len({m.id for m in by_name.values()}) == len(by_name)
    schemes = {s.key: s for s in done.schemes}
    assert [(m.name, m.label_en) for m in schemes["highlands"].members] == [
        ("“互联网+”", "Internet Plus"),
        ("新材料", "New materials"),
        ("新能源", "New energy"),
    ]
    fields = schemes["strategic-fields"]
    assert (fields.declared, len(fields.members), fields.label_en) == (
        15,
        3,
        "15 strategic fields",
    )


def test_jiaxing_curation_does_not_mutate_the_extracted_plan(
    jiaxing: tuple[PlanDocument, PlanDocument],
) -> None:
    raw, _ = jiaxing
    assert raw.id is None and raw.departments_en == {}
    assert all(s.label_en is None for s in raw.walk())
    (total,) = targets_containing(raw, "280亿元")
    assert (total.indicator, total.indicator_en) == ("总投资", None)


def test_the_python_example_in_docs_curation_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parents[1]
    page = (root / "docs" / "curation.md").read_text(encoding="utf-8")
    (block,) = [b.split("\n", 1)[1] for b in page.split("```")[1::2] if b.startswith("python")]
    monkeypatch.chdir(root)  # the example uses paths relative to a checkout
    namespace: dict[str, object] = {}
    exec(compile(block, "docs/curation.md", "exec"), namespace)
    assert len(namespace["graph"]) > 1000  # type: ignore[arg-type]
