"""``policygraph report`` in one language, report.md with its tables, CSV and xlsx for Excel.

Facts are read off the Jiaxing plan (data/sources/jiaxing-315-plan.txt) and the Cangnan plan of
the corpus (data/corpus/texts/cangnan_ai_opc_2026.txt): its task 一、创业空间零成本 names
（责任单位：*县人力社保局、县科技局、县大数据管理中心、县城投集团） and states 首期配置OPC工位100个;
its preamble states 力争到2026年，全县引育OPC创业人才或超级个体100名.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from policygraph._display import width
from policygraph.cli import main

pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[1]
CANGNAN = ROOT / "data" / "corpus" / "texts" / "cangnan_ai_opc_2026.txt"
#: words of the English report that must not appear in the Chinese one
ENGLISH = ("Platforms", "All targets", "lead:", "support:", "target:", "by 2027", "no deadline")


@pytest.fixture(scope="module")
def cangnan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = tmp_path_factory.mktemp("cangnan") / "cangnan.ttl"
    assert main(["build", str(CANGNAN), "-o", str(graph), "-q"]) == 0
    return graph


@pytest.fixture(scope="module")
def jiaxing_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for lang in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"jiaxing-{lang}")
        assert main(["report", "--lang", lang, "--no-validate", "--out", str(folder)]) == 0
        out[lang] = folder
    return out


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["report", "--no-validate", *args]) == 0
    return capsys.readouterr().out


def test_chinese_report_has_chinese_headings(capsys: pytest.CaptureFixture[str]) -> None:
    out = _report(capsys)
    for word in ENGLISH:
        assert word not in out
    assert "  规划      id:plan/jiaxing-315\n" in out  # a prefixed name, not the long IRI
    assert "https://" not in out
    assert "  发文机关  嘉兴市人民政府\n" in out
    assert "\n平台（41），按提及的部分数排序：\n" in out
    assert "\n全部目标（49）：\n" in out


def test_target_columns_line_up_in_display_width(capsys: pytest.CaptureFixture[str]) -> None:
    out = _report(capsys)
    lines = [line for line in out.splitlines() if line.startswith("  ") and "到2027年" in line]
    lines = [line for line in lines if "目标：" in line or line.startswith("  > ")]
    assert len(lines) > 40
    # the deadline and the target's name start in the same terminal column on every line
    deadline = {width(line[: line.index("到2027年")]) for line in lines}
    name = {width(line[: line.index("  — ")]) for line in lines}
    assert len(deadline) == 2 and len(name) == 2  # one column under tasks, one in 全部目标


def test_english_report_names_departments_issuer_and_units(
    capsys: pytest.CaptureFixture[str], cangnan: Path
) -> None:
    out = _report(capsys, "--lang", "en")
    assert "  issuer    Jiaxing Municipal People's Government\n" in out
    assert "  2-1-1  Build a new laboratory system\n" in out
    assert "        lead:      Municipal Science and Technology Bureau\n" in out
    assert "市科技局" not in out
    # 15大战略领域: the plan declares 15 and names 3; their English labels are curated
    assert "  15 strategic fields: 15 declared, 3 named (Intelligent control and advanced " in out
    out = _report(capsys, str(cangnan), "--lang", "en")
    assert "0 actions, 8 tasks, 2 targets" in out
    assert "  1  " in out and "lead:      County Human Resources and Social Security Bureau" in out
    assert "= 100 people" in out and "by 2026" in out  # 名 in English
    zh = _report(capsys, str(cangnan))
    assert "\n任务（8）：\n" in zh and "        牵头：     县人力社保局\n" in zh
    assert "        配合：     县科技局、县大数据管理中心、县城投集团\n" in zh
    assert "= 100 名" in zh and "到2026年" in zh and "未定期限" in zh
    for word in ENGLISH:
        assert word not in zh


def test_report_md_in_each_language_with_task_and_target_tables(
    jiaxing_out: dict[str, Path],
) -> None:
    zh = (jiaxing_out["zh"] / "report.md").read_text(encoding="utf-8")
    en = (jiaxing_out["en"] / "report.md").read_text(encoding="utf-8")
    assert zh != en
    assert "| 编号 | 任务 | 牵头单位 | 共同牵头单位 | 配合单位 |" in zh
    assert (
        "| 2-1-1 | 打造新型实验室体系 | 市科技局 |  | 市发展改革委、市经信局、市教育局、市财政局 |"
        in zh
    )
    assert "| 序号 | 目标 | 比较 | 数值 | 上限 | 单位 | 期限（年） | 周期 | 所属部分 |" in zh
    target = "全社会研究与试验发展经费支出占地区生产总值比重超过3.65%"
    first = f"| 1 | {target} | 超过 | 3.65 |  | % | 2027 |"
    assert first in zh
    for word in ("Validation", "Departments", "Figures", "Plans", "led"):
        assert f"## {word}" not in zh
    assert "| no. | task | lead | co-leads | supporting units |" in en
    assert (
        "| 2-1-1 | Build a new laboratory system | Municipal Science and Technology Bureau |  | "
        "Municipal Development and Reform Commission; Municipal Bureau of Economy and "
        "Information Technology; Municipal Education Bureau; Municipal Finance Bureau |"
    ) in en
    assert "| issuer | Jiaxing Municipal People's Government |" in en
    assert "| more than | 3.65 |  | % | 2027 |" in en
    assert "## Validation" in en and "## Departments" in en


def test_tables_as_csv_for_excel(jiaxing_out: dict[str, Path]) -> None:
    folder = jiaxing_out["zh"]
    for name in ("tasks.csv", "targets.csv", "departments.csv"):
        assert (folder / name).read_bytes()[:3] == b"\xef\xbb\xbf", name  # Excel's UTF-8 mark
    with (folder / "tasks.csv").open(encoding="utf-8-sig", newline="") as f:
        tasks = list(csv.DictReader(f))
    assert len(tasks) == 19
    assert tasks[0]["编号"] == "2-1-1" and tasks[0]["牵头单位"] == "市科技局"
    with (folder / "targets.csv").open(encoding="utf-8-sig", newline="") as f:
        targets = list(csv.DictReader(f))
    assert len(targets) == 49
    assert (targets[0]["数值"], targets[0]["单位"], targets[0]["期限（年）"]) == (
        "3.65",
        "%",
        "2027",
    )


def test_tables_as_xlsx(jiaxing_out: dict[str, Path], cangnan: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(jiaxing_out["zh"] / "report.xlsx")
    assert book.sheetnames == ["任务", "目标", "部门"]
    tasks = list(book["任务"].iter_rows(values_only=True))
    assert tasks[0] == ("规划", "编号", "任务", "牵头单位", "共同牵头单位", "配合单位")
    assert tasks[1] == (
        "id:plan/jiaxing-315",
        "2-1-1",
        "打造新型实验室体系",
        "市科技局",
        None,
        "市发展改革委、市经信局、市教育局、市财政局",
    )
    assert len(tasks) == 1 + 19
    targets = list(book["目标"].iter_rows(values_only=True))
    assert len(targets) == 1 + 49
    value, deadline = targets[1][4], targets[1][7]
    assert value == 3.65 and isinstance(value, float)
    assert deadline == 2027 and isinstance(deadline, int)
    departments = list(book["部门"].iter_rows(values_only=True))
    assert len(departments) == 1 + 22 and departments[1][1] == "市科技局"
    # the English workbook of a corpus plan: English names, a target without deadline empty
    assert (
        main(["report", str(cangnan), "--lang", "en", "--no-validate", "--out", str(tmp_path)]) == 0
    )
    book = load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames == ["tasks", "targets", "departments"]
    rows = list(book["targets"].iter_rows(values_only=True))
    assert rows[1][2:9] == (
        "OPC创业人才或超级个体100名",
        "exactly",
        100,
        None,
        "people",
        2026,
        None,
    )
    assert rows[2][2:9] == ("首期配置OPC工位100个", "exactly", 100, None, "units", None, None)
    assert rows[1][9] == "the plan" and rows[2][9] == "1"
    tasks = list(book["tasks"].iter_rows(values_only=True))
    assert tasks[1][3] == "County Human Resources and Social Security Bureau of Cangnan"


def test_figures_of_an_uncurated_plan_show_no_hash(cangnan: Path) -> None:
    from rdflib import Graph

    from policygraph.plot import plot_coresponsibility, plot_department_load, plot_targets

    graph = Graph().parse(cangnan)
    hashed = re.compile(r"\b[a-z]?[0-9a-f]{8,}\b")
    shown = []
    for draw in (plot_coresponsibility, plot_department_load, plot_targets):
        ax = draw(graph, language="en")
        shown += [t.get_text() for t in (*ax.texts, *ax.get_yticklabels())]
    assert not [text for text in shown if hashed.search(text)]
    # 县人工智能专班办公室 has no English name: it is numbered, as is the target without label
    assert any(re.fullmatch(r"department \d+", text) for text in shown)
    assert "target 1" in shown
