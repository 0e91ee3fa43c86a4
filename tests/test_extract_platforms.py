"""Named platforms: a government's own park or data and computing centre."""

from __future__ import annotations

import pytest

from policygraph.extraction import extract
from policygraph.extraction.platforms import find_platforms


def names(text: str) -> list[tuple[str, str | None]]:
    found = find_platforms(text)
    for p in found:
        assert text[p.span.start : p.span.end] == p.name
    return [(p.name, p.kind) for p in found]


def test_a_governments_park_and_data_and_computing_centres() -> None:
    text = "加快建设县数字经济产业园，打造县大数据中心，布局市智能计算中心和区算力中心。"
    assert names(text) == [
        ("县数字经济产业园", "Park"),
        ("县大数据中心", "Center"),
        ("市智能计算中心", "Center"),
        ("区算力中心", "Center"),
    ]


def test_a_provincial_data_centre_named_by_its_field() -> None:
    assert names("推动省工业大数据中心建设。") == [("省工业大数据中心", "Center")]


@pytest.mark.parametrize(
    "text",
    [
        "支持区域性大数据中心建设。",  # 区域 is a region, not a district
        "鼓励建设省级大数据中心。",  # a level: a category
        "统筹市县大数据中心布局。",  # cities and counties: a category
        "推动各县大数据中心互联。",  # every county: a category
        "建设县产业园。",  # a park with no name of its own
        "依托现有产业园集聚企业。",  # existing parks: a category
        "提升县级医疗中心服务能力。",  # not a park or data centre
    ],
)
def test_categories_are_not_platforms(text: str) -> None:
    assert names(text) == []


def test_in_a_plan_the_facility_belongs_to_its_task() -> None:
    doc = extract(
        "某县数字经济发展行动方案（2024—2026年）\n一、重点任务\n"
        "1．建设算力设施。建成县大数据中心，力争算力规模达到500PFlops。（责任单位：县发改局）\n"
    )
    (task,) = doc.tasks
    assert [(m.name, m.kind) for m in task.platforms] == [("县大数据中心", "Center")]
    (target,) = task.targets
    assert (target.indicator, target.unit, target.deadline) == ("算力规模", "PFlops", 2026)
