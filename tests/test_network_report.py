"""``write_report``: the figures, the department table and the validation result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

import policygraph
from policygraph.reporting import FIGURES, write_report

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def plan315() -> Graph:
    return policygraph.load_plan()


@pytest.fixture(scope="module")
def report(plan315: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(plan315, tmp_path_factory.mktemp("report"))


def test_files_written(report: Path) -> None:
    assert report.name == "report.md"
    names = sorted(p.name for p in report.parent.iterdir())
    tables = ["tasks.csv", "targets.csv", "departments.csv", "report.xlsx"]
    assert names == sorted([*FIGURES, "report.md", *tables])
    for figure in FIGURES:
        assert (report.parent / figure).stat().st_size > 10_000


def test_report_text(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert "嘉兴市“315”科技创新体系建设工程推进方案（2023—2027年）" in text
    assert "未运行校验" in text  # the default report is Chinese
    # the department table: 22 departments, 市科技局 first with 12 led, 5 supported, 17 in all
    numbered = {f"| {i}" for i in range(1, 100)}
    departments = text[text.index("\n## 部门\n") :]
    department_rows = [r for r in departments.splitlines() if r.split(" | ")[0] in numbered]
    assert len(department_rows) == 22
    cells = department_rows[0].split(" | ")
    assert (cells[1], cells[3], cells[4], cells[5]) == ("市科技局", "12", "5", "17")
    for figure in FIGURES:
        assert f"]({figure})" in text


def test_report_explains_the_measures(report: Path, plan315: Graph, tmp_path: Path) -> None:
    text = report.read_text(encoding="utf-8")
    for column in ("**中介中心性**", "**结构约束**", "**k-核**", "**社区**"):
        assert column in text
    english = write_report(plan315, tmp_path, lang="en").read_text(encoding="utf-8")
    for column in ("**betweenness**", "**constraint**", "**k-core**", "**community**"):
        assert column in english


def test_figures_in_the_language_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policygraph import plot

    graph = Graph().parse(Path(__file__).parent / "fixtures" / "network-small.ttl")
    titles = []
    for name in ("plot_coresponsibility", "plot_department_load", "plot_targets"):
        draw = getattr(plot, name)

        def recording(g: Graph, *, _draw: Any = draw, **options: Any) -> Any:
            ax = _draw(g, **options)
            titles.append(ax.get_title())
            return ax

        monkeypatch.setattr(plot, name, recording)
    write_report(graph, tmp_path, lang="en")
    assert titles == [
        "Co-responsibility network (edge width = shared tasks)",
        "Tasks led and supported per department",
        "Quantitative targets by deadline and indicator",
    ]


def test_departments_csv(report: Path) -> None:
    import pandas as pd

    table = pd.read_csv(report.parent / "departments.csv", index_col="department")
    assert len(table) == 22
    assert table.iloc[0]["label_zh"] == "市科技局"
    assert table["total"].sum() == 84


@dataclass(frozen=True)
class _Result:
    severity: str
    focus_node: str
    path: str
    message_zh: str
    message_en: str
    label_zh: str | None = None


@dataclass(frozen=True)
class _Report:
    conforms: bool
    results: tuple[_Result, ...]


def test_validation_section(tmp_path: Path) -> None:
    graph = Graph().parse(Path(__file__).parent / "fixtures" / "network-small.ttl")
    task = "https://w3id.org/policygraph/id/plan/small/task/1-3"
    broken = _Report(
        conforms=False,
        results=(
            _Result("Violation", task, "pg:lead|x", "任务缺少牵头单位", "no lead", "建设科创走廊"),
        ),
    )
    text = write_report(graph, tmp_path / "a", validation=broken, lang="en")
    text = text.read_text(encoding="utf-8")
    assert "The graph **does not conform**" in text
    row = f"| Violation | {task} (建设科创走廊) | pg:lead\\|x | no lead |"
    assert row in text
    zh = write_report(graph, tmp_path / "c", validation=broken, lang="zh")
    zh_text = zh.read_text(encoding="utf-8")
    assert "该图**不符合** policygraph 约束" in zh_text
    assert f"| Violation | {task} (建设科创走廊) | pg:lead\\|x | 任务缺少牵头单位 |" in zh_text
    ok = write_report(graph, tmp_path / "b", validation=_Report(True, ()), lang="en")
    assert "The graph **conforms**" in ok.read_text(encoding="utf-8")


def test_real_validation_report(plan315: Graph, tmp_path: Path) -> None:
    report = policygraph.validate(plan315)
    text = write_report(plan315, tmp_path, validation=report, lang="en")
    text = text.read_text(encoding="utf-8")
    assert report.summary(lang="en") in text
    assert ("**conforms**" in text) == report.conforms
    zh = write_report(plan315, tmp_path / "zh", validation=report).read_text(encoding="utf-8")
    assert report.summary(lang="zh") in zh


def test_unwritable_directory(tmp_path: Path) -> None:
    from policygraph.errors import InputError

    graph = Graph().parse(Path(__file__).parent / "fixtures" / "network-small.ttl")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="cannot write the report"):
        write_report(graph, blocker / "out")
