"""Comparing plans: facts read off the corpus texts, the same on every backend, and the report.

The plans: Jiaxing (the bundled graph, data/sources/jiaxing-315-plan.txt), and three plans of
data/corpus/texts built as ``policygraph build`` builds them: Sichuan (provincial), Ningbo and
Tai'an (prefecture). Counts are read from the responsibility notes of the texts (the gold in
data/corpus/gold.json lists the same tasks and units).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from rdflib import Graph

import policygraph
from policygraph.cli import main
from policygraph.comparison import (
    function_network,
    function_plan_matrix,
    function_shares,
    plan_table,
    shared_with_higher_level,
)
from policygraph.rdf import build_plan
from policygraph.sparql import open_store

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
TEXTS = CORPUS / "texts"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
FILES = ("sichuan_ai_opc_2026.txt", "ningbo_ai_opc_2026.txt", "taian_ai_opc_2026.txt")
SCIENCE = "https://w3id.org/policygraph/id/function/science-technology"
#: a policygraph hash id (department u…, plan p…, government j…) as it would show in a label
HASH_ID = re.compile(r"\b[ujp][0-9a-f]{8,10}\b")


@cache
def graphs() -> tuple[Graph, ...]:
    built = tuple(build_plan(TEXTS / name)[1] for name in FILES)
    return (policygraph.load_plan(), *built)


@cache
def store() -> Any:
    return open_store(None, *graphs())


@cache
def plans() -> pd.DataFrame:
    return plan_table(store())


def row_of(frame: pd.DataFrame, government: str) -> pd.Series:
    rows = frame[frame["government_label"] == government]
    assert len(rows) == 1, frame[["government_label", "title"]]
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("government", "tasks", "file"),
    [
        # Sichuan: 16 notes （责任单位：…）, one per task, 1. … to 16.
        ("四川省", 16, "sichuan_ai_opc_2026.txt"),
        # Ningbo: 21 measures （一）… each closed by one note of responsible units
        ("宁波市", 21, "ningbo_ai_opc_2026.txt"),
        # Tai'an: 13 tasks with a note; 各县（市、区）人民政府 is named once for all of them
        ("泰安市", 13, "taian_ai_opc_2026.txt"),
        # Jiaxing: 1．… to 19．, each with 责任单位
        ("嘉兴市", 19, None),
    ],
)
def test_tasks_per_plan(government: str, tasks: int, file: str | None) -> None:
    row = row_of(plans(), government)
    assert row["tasks"] == tasks
    if file is not None:
        assert len(GOLD[file]["tasks"]) == tasks


def test_levels_and_years() -> None:
    frame = plans()
    assert list(frame["government_label"]) == ["四川省", "嘉兴市", "宁波市", "泰安市"]  # by level
    assert row_of(frame, "四川省")["level"].endswith("#ProvincialLevel")
    assert row_of(frame, "宁波市")["level"].endswith("#PrefectureLevel")
    # the dates under the texts: 2026年4月16日 (Sichuan), 2023年3月30日 (Jiaxing)
    assert row_of(frame, "四川省")["year"] == 2026
    assert row_of(frame, "嘉兴市")["year"] == 2023


def test_science_and_technology_leads_more_in_jiaxing_than_in_sichuan_and_ningbo() -> None:
    # Jiaxing: 市科技局 is the first unit of 12 of the 19 notes.
    # Sichuan: 科技厅 is the first unit of notes 1-5, 8, 9, 15 and 16: 9 of 16.
    # Ningbo: 市科技局 leads 提供科技服务支撑, 支持高校院所、概念验证中心 and 支持天使投资引导基金:
    # 3 of 21.
    shares = function_shares(store())
    science = shares[shares["function"] == SCIENCE].set_index("name")["share"]
    names = plans().set_index("government_label")["name"]
    jiaxing, sichuan, ningbo = (science[names[g]] for g in ("嘉兴市", "四川省", "宁波市"))
    assert jiaxing == pytest.approx(12 / 19)
    assert sichuan == pytest.approx(9 / 16)
    assert ningbo == pytest.approx(3 / 21)
    assert jiaxing > sichuan > ningbo
    # the lead concentration column says the same for plans whose top lead is S&T
    assert row_of(plans(), "四川省")["top_lead_label"] == "科技厅"
    assert row_of(plans(), "四川省")["top_lead_share"] == pytest.approx(9 / 16)


def test_network_density_of_each_plan() -> None:
    # Sichuan note 3 (科技厅、经济和信息化厅) joins two units; every pair of a note is one edge
    row = row_of(plans(), "四川省")
    n = row["departments"]
    assert row["density"] == pytest.approx(row["coordination_pairs"] / (n * (n - 1) / 2))
    assert 0 < row["density"] < 1


def test_functions_by_plans_matrix_has_labels_and_shares() -> None:
    matrix = function_plan_matrix(store(), language="zh")
    assert matrix.loc["科学技术"].max() == pytest.approx(12 / 19)
    assert not any(HASH_ID.search(str(c)) for c in [*matrix.index, *matrix.columns])
    assert ((matrix >= 0) & (matrix <= 1)).all().all()


def test_function_network_across_plans() -> None:
    net = function_network(store())
    industry = "https://w3id.org/policygraph/id/function/industry-it"
    edge = net.edges[industry, SCIENCE]
    # 经济和信息化厅 and 科技厅 share Sichuan notes 1-5, 7-9 and 16 (9); Jiaxing 10 (cq04);
    # Ningbo: 市经信局 with 市科技局 in 培育AI工具服务生态, 强化智能体工具利用, 支持高校院所 (3)
    assert edge["plans"] >= 3
    assert edge["weight"] >= 9 + 10 + 3
    assert net.nodes[SCIENCE]["label_en"] == "science and technology"


def test_what_a_city_shares_with_the_provincial_plan() -> None:
    shared = shared_with_higher_level(store())
    # only Sichuan is provincial: each prefecture plan is compared with it, never the reverse
    assert set(shared["higher_name"]) == {row_of(plans(), "四川省")["name"]}
    assert len(shared) == 3
    ningbo = shared[shared["lower_name"] == row_of(plans(), "宁波市")["name"]].iloc[0]
    assert ningbo["functions"] >= 5  # S&T, industry, development and reform, finance..., both


def test_any_source_gives_the_same_tables(oxigraph_server_for: Any) -> None:
    merged = Graph()
    for g in graphs():
        merged += g
    server = oxigraph_server_for("crossplan", *graphs())
    on_store = function_shares(store())
    pd.testing.assert_frame_equal(function_shares(merged), on_store)
    pd.testing.assert_frame_equal(function_shares(server.query_url), on_store)
    on_server = plan_table(server.query_url)
    pd.testing.assert_frame_equal(on_server, plans())


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "store"
    disk = open_store(folder, *graphs())
    disk.flush()
    del disk
    return folder


def _check_png(path: Path) -> None:
    from matplotlib.image import imread

    assert path.stat().st_size > 20_000
    height, width, *_ = imread(path).shape
    assert width >= 600 and height >= 400


def test_corpus_report_writes_the_files(
    corpus_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "report"
    assert main(["corpus", "report", "--store", str(corpus_store), "--out", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert {
        "plans.csv",
        "functions.csv",
        "function-network.graphml",
        "shared-with-higher-level.csv",
        "function-heatmap.png",
        "function-network.png",
        "report.xlsx",
        "report.md",
    } <= names
    assert "compared 4 plans" in capsys.readouterr().out
    table = pd.read_csv(out / "plans.csv")
    assert dict(zip(table["government_label"], table["tasks"], strict=True)) == {
        "四川省": 16,
        "嘉兴市": 19,
        "宁波市": 21,
        "泰安市": 13,
    }
    for name in ("function-heatmap.png", "function-network.png"):
        _check_png(out / name)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# 规划比较报告")
    assert "| 科学技术 |" in report
    assert not HASH_ID.search(report.split("## 图")[0].replace("function-", ""))
    import networkx as nx

    net = nx.read_graphml(out / "function-network.graphml")
    assert net.nodes[SCIENCE]["label_zh"] == "科学技术"


def test_figures_are_labelled_with_functions_not_hashes() -> None:
    pytest.importorskip("matplotlib")
    from policygraph.corpus_plot import plot_function_heatmap, plot_function_network

    ax = plot_function_heatmap(store(), language="en")
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert "science and technology" in rows
    columns = [t.get_text() for t in ax.get_xticklabels()]
    assert len(columns) == 4
    assert not any(HASH_ID.search(text) or "://" in text for text in rows + columns)
    ax = plot_function_network(store(), language="en")
    texts = [" ".join(t.get_text().split()) for t in ax.texts]  # long labels are wrapped
    assert "science and technology" in texts
    assert not any(HASH_ID.search(text) or "://" in text for text in texts)


def test_english_report(corpus_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "en"
    code = main(
        ["corpus", "report", "--store", str(corpus_store), "--out", str(out), "--lang", "en"]
    )
    assert code == 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Plans compared")
    assert "4 plans (provincial 1, prefecture 3)" in report
    assert "| science and technology |" in report


@pytest.mark.parametrize("kind", ["missing", "not a store", "no plan"])
def test_report_input_errors_exit_2(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "store"
    if kind == "not a store":
        folder.mkdir()
    elif kind == "no plan":
        open_store(folder).flush()
    args = ["corpus", "report", "--store", str(folder), "--out", str(tmp_path / "out")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("policygraph corpus: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
