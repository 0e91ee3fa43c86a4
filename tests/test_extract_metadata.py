"""Title, issuer, date, period, schemes and platforms of plans, and inputs that are not plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from policygraph.errors import ExtractionError, PolicyGraphError
from policygraph.extraction import extract, extract_file

NOTICE = """某市人民政府办公室关于印发某市制造业数字化转型行动方案（2024-2026年）的通知

各区人民政府，市政府各部门：
现将《某市制造业数字化转型行动方案（2024-2026年）》印发给你们，请认真贯彻执行。

某市人民政府办公室
2024年5月6日

某市制造业数字化转型行动方案（2024-2026年）

一、重点任务
1．推进企业上云。（责任单位：市经信局）
"""


def test_title_issuer_date_period_from_the_notice() -> None:
    doc = extract(NOTICE, source_name="notice.txt")
    assert doc.title == "某市制造业数字化转型行动方案（2024-2026年）"
    assert NOTICE[doc.title_span.start : doc.title_span.end] == doc.title
    assert doc.title_span.start == NOTICE.index("某市制造业")  # the 通知 line
    assert doc.issuer == "某市人民政府办公室"
    assert doc.issuer_span is not None
    assert NOTICE[doc.issuer_span.start : doc.issuer_span.end] == doc.issuer
    assert doc.date == dt.date(2024, 5, 6)
    assert doc.period == (2024, 2026)
    assert doc.source_name == "notice.txt"
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("某市科技创新推进方案（2023—2027年）", (2023, 2027)),
        ("某市科技创新推进方案（2023-2027年）", (2023, 2027)),
        ("某市科技创新推进方案(2023～2027年)", (2023, 2027)),
        ("某市科技创新三年行动计划（2024—2026）", (2024, 2026)),
        ("关于加快科技创新到2025年的实施意见", None),
        ("某市科技创新实施方案", None),
    ],
)
def test_period_from_the_title(title: str, period: tuple[int, int] | None) -> None:
    doc = extract(f"{title}\n一、重点任务\n1．推进工作。（责任单位：市科技局）\n")
    assert doc.title == title
    assert doc.period == period


def test_signature_and_chinese_numeral_date() -> None:
    text = (
        "某县科技强县建设实施方案\n一、重点任务\n1．推进工作。（责任单位：县科技局）\n"
        "\n某县人民政府\n二〇二三年十二月三十一日\n"
    )
    doc = extract(text)
    assert doc.date == dt.date(2023, 12, 31)
    assert doc.date_span is not None
    assert text[doc.date_span.start : doc.date_span.end] == "二〇二三年十二月三十一日"


def test_missing_date_and_issuer_are_warnings() -> None:
    doc = extract("某市科技创新实施方案\n一、重点任务\n1．推进工作。（责任单位：市科技局）\n")
    assert doc.date is None and doc.issuer is None
    assert any("date" in w and w.startswith("<text>:") for w in doc.warnings)


# -- schemes ----------------------------------------------------------------------------


def test_schemes_with_digits_and_chinese_numerals() -> None:
    text = (
        "某市科技创新实施方案（2024—2026年）\n"
        "构建（人工智能、生物医药、新材料三大科创高地，集成电路、智能装备等十大产业集群）体系。\n"
        "一、重点任务\n1．推进工作。（责任单位：市科技局）\n"
    )
    doc = extract(text)
    assert [(s.key, s.title, s.declared) for s in doc.schemes] == [
        ("highlands", "三大科创高地", 3),
        ("industry-clusters", "十大产业集群", 10),
    ]
    assert [m.name for m in doc.schemes[0].members] == ["人工智能", "生物医药", "新材料"]
    assert [m.name for m in doc.schemes[1].members] == ["集成电路", "智能装备"]
    for scheme in doc.schemes:
        assert text[scheme.span.start : scheme.span.end] == scheme.title
        for m in scheme.members:
            assert text[m.span.start : m.span.end] == m.name


def test_unknown_scheme_gets_a_numbered_key() -> None:
    text = (
        "某市实施方案\n聚焦数字经济、绿色低碳、健康医疗等五大领域。\n"
        "一、重点任务\n1．推进工作。（责任单位：市科技局）\n"
    )
    (scheme,) = extract(text).schemes
    assert (scheme.key, scheme.title, scheme.declared) == ("scheme-1", "五大领域", 5)


# -- platforms ----------------------------------------------------------------------------


def test_platform_mentions_per_part() -> None:
    text = (
        "某市实施方案\n一、重点任务\n"
        "1．建设实验室体系。推进西湖实验室、之江实验室等创新载体建设，争取纳入全国重点实验室体系。"
        "支持西湖实验室承担重大任务。（责任单位：市科技局）\n"
        "2．建设科创走廊。深化城西科创大走廊建设，支持浙江大学杭州国际科创中心、省技术创新中心建设。"
        "（责任单位：市发展改革委）\n"
    )
    doc = extract(text)
    first, second = doc.tasks
    assert [(p.name, p.kind) for p in first.platforms] == [
        ("西湖实验室", "Laboratory"),
        ("之江实验室", "Laboratory"),
    ]
    # a repeated name is one mention, the first
    assert first.platforms[0].span.start == text.index("西湖实验室")
    names = [p.name for p in second.platforms]
    assert "浙江大学杭州国际科创中心" in names
    assert "省技术创新中心" not in names
    for p in first.platforms + second.platforms:
        assert text[p.span.start : p.span.end] == p.name


# -- inputs that are not plans -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b" \n\t\r\n\xe3\x80\x80\n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte at byte offset 8"),
        ("会议纪要\n今天没有要点。\n".encode("gbk"), "no plan headings"),  # read, not a plan
        (b"Meeting notes\nNothing to see here.\n", "no plan headings"),
    ],
)
def test_bad_files(tmp_path: Path, data: bytes, fragment: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    with pytest.raises(ExtractionError) as info:
        extract_file(path)
    message = str(info.value)
    assert fragment in message
    assert str(path) in message
    assert "\n" not in message
    assert isinstance(info.value, PolicyGraphError) and info.value.exit_code == 2


def test_gbk_is_read_and_a_forced_encoding_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("中文方案\n一、总体要求\n".encode("gbk"))
    assert extract_file(path).walk()[0].title == "总体要求"
    path.write_bytes("plan\n中文方案\n".encode("gbk"))  # 中 is D6 D0: invalid at once
    with pytest.raises(ExtractionError) as info:
        extract_file(path, encoding="utf-8")
    assert (info.value.line, info.value.column) == (2, 1)
    assert str(info.value).startswith(f"{path}:2:1: not utf-8 text: invalid byte 0xd6")


def test_no_headings_message() -> None:
    with pytest.raises(ExtractionError) as info:
        extract("This is an English memo.\nIt has no plan headings.\n", source_name="memo.txt")
    assert str(info.value) == "memo.txt: no plan headings (一、 / （一） / 1．) found"


@pytest.mark.parametrize("text", ["", "   \n  ", "一、总体要求\x00"])
def test_bad_text(text: str) -> None:
    with pytest.raises(ExtractionError, match=r"^<text>: "):
        extract(text)


def test_title_over_several_lines_is_joined_and_its_span_covers_the_lines() -> None:
    text = (
        "某市科技创新体系建设工程\n\n推进方案（2023—2027年）\n\n为加快发展，制定本方案。\n"
        "一、重点任务\n1．推进工作。（责任单位：市科技局）\n"
    )
    doc = extract(text)
    assert doc.title == "某市科技创新体系建设工程推进方案（2023—2027年）"
    assert doc.title_span.text(text) == "某市科技创新体系建设工程\n\n推进方案（2023—2027年）"
    assert doc.period == (2023, 2027)
    assert any("several lines" in w for w in doc.warnings)
