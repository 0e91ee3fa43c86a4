"""The build, stats and report commands, end to end through ``policygraph.cli.main``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF

from policygraph.cli import main
from policygraph.rdf import load_graph
from policygraph.vocab import PG, SKOS

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
CURATION = ROOT / "data" / "curation" / "jiaxing-315.yaml"


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    out = capsys.readouterr().out
    for command in ("build", "report", "stats"):
        assert command in out


def test_unknown_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--no-such-option"]) == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_build_without_curation_gives_a_usable_chinese_graph(tmp_path: Path) -> None:
    out = tmp_path / "plan.ttl"
    assert main(["build", str(SOURCE), "-o", str(out), "-q"]) == 0
    g = load_graph(out)
    tasks = set(g.subjects(RDF.type, PG.Task))
    assert len(tasks) == 19
    assert all(g.value(t, PG.lead) is not None for t in tasks)
    langs = {o.language for t in tasks for o in g.objects(t, SKOS.prefLabel)}  # type: ignore[attr-defined]
    assert langs == {"zh"}
    assert out.read_text(encoding="utf-8").startswith("# GENERATED FILE")


def test_build_with_curation_prints_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.ttl"
    assert main(["build", str(SOURCE), "--curation", str(CURATION), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "6 actions, 19 tasks" in printed
    assert "22 departments" in printed


def test_build_of_a_text_that_is_not_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("Meeting notes.\nNothing to see here.\n", encoding="utf-8")
    out = tmp_path / "plan.ttl"
    out.write_text("previous graph", encoding="utf-8")
    assert main(["build", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "notes.txt" in err and "Traceback" not in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "previous graph"  # nothing lost


def test_build_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "x.ttl")]) == 2
    assert "missing.txt" in capsys.readouterr().err


def test_report_lists_actions_tasks_leads_and_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--no-validate"]) == 0
    out = capsys.readouterr().out
    assert "6 个行动，19 项任务" in out
    assert "打造新型实验室体系" in out
    assert "牵头：     市科技局" in out
    assert "配合：     市发展改革委、市经信局、市教育局、市财政局" in out
    assert "> 3.65 %" in out and "到2027年" in out
    assert "15大战略领域：声明 15 个，列出 3 个" in out


def test_report_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--lang", "en", "--no-validate"]) == 0
    out = capsys.readouterr().out
    assert "Build a new laboratory system" in out


def test_stats_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["actions"], row["tasks"], row["departments"]) == (6, 19, 22)


def test_console_script_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "policygraph.cli", "stats"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "tasks" in proc.stdout and "19" in proc.stdout


def test_report_out_writes_figures_and_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report"
    out.mkdir()
    assert main(["report", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "校验：符合约束：0 个违规" in printed
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "coresponsibility.png",
        "department-load.png",
        "departments.csv",
        "report.md",
        "report.xlsx",
        "targets.csv",
        "targets.png",
        "tasks.csv",
    ]
    assert (out / "coresponsibility.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "符合" in md and "市科技局" in md


def test_report_shows_goals_safeguards_and_platforms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--no-validate"]) == 0
    out = capsys.readouterr().out
    goals = out[out.index("发展目标：") : out.index("\n1. ")]
    # the three goal paragraphs after the first start with these sentences
    for title in ("高能级科创平台加快提升", "引领性硬核成果加快涌现", "开放式创新生态加快形成"):
        assert title in goals
    assert "> 3.65 %" in goals
    safeguards = out[out.index("保障措施：") : out.index("\n平台（41）")]
    assert [line.strip() for line in safeguards.splitlines()[1:] if "目标：" not in line] == [
        "强化统筹协调",
        "强化政策保障",
        "强化考核评价",
    ]
    assert "≥ 18 %" in safeguards and "每年" in safeguards
    # 北京理工大学长三角研究院（嘉兴） is named in tasks 2-1-1, 2-1-2 and 2-4-3
    assert "3×  北京理工大学长三角研究院（嘉兴） [ResearchInstitute]" in out


def test_a_plan_text_given_as_a_graph_gets_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(SOURCE)]) == 2
    err = capsys.readouterr().err
    assert "jiaxing-315-plan.txt:1:" in err and "policygraph build" in err


def test_report_of_a_graph_without_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "other.ttl"
    f.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    assert main(["report", str(f)]) == 2
    assert (
        capsys.readouterr().err == f"policygraph report: error: {f}: the input holds no pg:Plan\n"
    )


STATE_COUNCIL_STYLE = (
    "某省关于促进体育消费的若干意见\n一、扩大供给\n"
    "（一）培育赛事品牌。打造精品赛事100项以上。（体育局负责）引导社会力量办赛。"
    "（体育局、民政厅负责）\n"
)


def test_build_a_folder_one_graph_per_text_and_a_bad_file_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "sports.txt").write_text(STATE_COUNCIL_STYLE, encoding="utf-8")
    (texts / "jiaxing.txt").write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    (texts / "letter.txt").write_text("这是一封没有标题结构的信。\n", encoding="utf-8")
    out = tmp_path / "graphs"
    assert main(["build", str(texts), "-o", str(out), "-q"]) == 2  # one text failed
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["jiaxing.ttl", "sports.ttl"]
    assert "[1/3]" in captured.err and "[3/3]" in captured.err
    assert "letter.txt: no plan headings" in captured.err and "(skipped)" in captured.err
    assert "built 2 of 3 plan texts" in captured.out
    sports = load_graph(out / "sports.ttl")
    assert len(set(sports.subjects(RDF.type, PG.Task))) == 2
    assert len(set(load_graph(out / "jiaxing.ttl").subjects(RDF.type, PG.Task))) == 19


def test_build_several_texts_needs_a_folder_and_no_curation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = tmp_path / "a.txt"
    a.write_text(STATE_COUNCIL_STYLE, encoding="utf-8")
    file_out = tmp_path / "out.ttl"
    file_out.write_text("keep", encoding="utf-8")
    assert main(["build", str(a), str(SOURCE), "-o", str(file_out)]) == 2
    assert "-o must name a folder" in capsys.readouterr().err
    assert file_out.read_text(encoding="utf-8") == "keep"
    args = ["build", str(a), str(SOURCE), "--curation", str(CURATION), "-o", str(tmp_path / "d")]
    assert main(args) == 2
    assert "--curation applies to one plan text" in capsys.readouterr().err


def test_build_explain_shows_notes_units_and_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "sports.txt"
    text.write_text(STATE_COUNCIL_STYLE, encoding="utf-8")
    assert main(["build", str(text), "-o", str(tmp_path / "g.ttl"), "--explain"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "sports.txt: 2 tasks, 1 targets"
    assert out[1] == "task 1-1-1 «培育赛事品牌» at 3:1"
    assert out[2] == "  note 3:24 （体育局负责）"
    assert out[3] == "  units 1 体育局 lead"
    assert out[4] == "task 1-1-2 «引导社会力量办赛» at 3:31"
    assert out[5] == "  note 3:40 （体育局、民政厅负责）"
    assert out[6] == "  units 1 体育局 lead · 2 民政厅 support"
    assert out[7] == "target 3:13 «精品赛事100项以上»: 100 项, AtLeast (target: 以上)"


def test_build_explain_says_why_a_number_is_no_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "subsidy.txt"
    text.write_text(
        "某区支持创业的若干措施\n第一条 办公空间支持\n"
        "对新落户的团队给予最高50万元补助。（责任单位：区科技局）\n",
        encoding="utf-8",
    )
    assert main(["build", str(text), "-o", str(tmp_path / "g.ttl"), "--explain"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "subsidy.txt: 1 tasks, 0 targets"
    (line,) = [x for x in out if x.startswith("number ")]
    assert line == "number 3:12 «50万元»: not a target (subsidy or cap: 最高 before the value)"


def test_report_lists_every_task_of_a_plan_without_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "sports.txt"
    text.write_text(
        STATE_COUNCIL_STYLE + "（二）完善设施。内容。（住建厅、体育局牵头，财政厅配合）\n",
        encoding="utf-8",
    )
    graph = tmp_path / "g.ttl"
    assert main(["build", str(text), "-o", str(graph), "-q"]) == 0
    capsys.readouterr()
    assert main(["report", str(graph), "--no-validate"]) == 0
    out = capsys.readouterr().out
    assert "0 个行动，3 项任务" in out
    task_block = out[out.index("任务（3）：") :]
    assert "1-1-1  培育赛事品牌\n        牵头：     体育局\n" in task_block
    assert (
        "1-1-2  引导社会力量办赛\n        牵头：     体育局\n        配合：     民政厅\n"
        in task_block
    )
    assert "1-2  完善设施\n        牵头：     住建厅\n        共同牵头： 体育局\n" in task_block
    assert "        配合：     财政厅" in task_block


def test_stats_counts_each_plans_own_triples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = ROOT / "data" / "corpus" / "texts"
    graphs = []
    for name in ("gov2018_cujin_jiuye", "cangnan_ai_opc_2026"):
        graph = tmp_path / f"{name}.ttl"
        assert main(["build", str(corpus / f"{name}.txt"), "-o", str(graph), "-q"]) == 0
        graphs.append(graph)
    capsys.readouterr()
    own = {}
    for graph in graphs:
        assert main(["stats", str(graph), "--json"]) == 0
        (row,) = json.loads(capsys.readouterr().out)
        own[row["plan"]] = row
        assert row["triples"] == len(load_graph(graph))  # one plan: every triple is its own
    assert main(["stats", *map(str, graphs), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["plan"]: row for row in rows} == own
    assert main(["stats", *map(str, graphs)]) == 0
    text = capsys.readouterr().out
    assert "plan id:plan/" in text and "https://" not in text
