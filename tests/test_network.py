"""Responsibility networks: facts counted by hand from the source text, and exports."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph, URIRef

import policygraph
from policygraph.errors import InputError
from policygraph.network import (
    coresponsibility_network,
    department_metrics,
    lead_support_network,
    network,
    task_department_graph,
    write_network,
)
from policygraph.vocab import PG

FIXTURES = Path(__file__).parent / "fixtures"
ID = "https://w3id.org/policygraph/id/"
SMALL = f"{ID}plan/small"
STB, EIT, FIN, COUNTIES = (f"{ID}department/city/{s}" for s in ("stb", "eit", "fin", "counties"))


@pytest.fixture(scope="module")
def small() -> Graph:
    return Graph().parse(FIXTURES / "network-small.ttl")


@pytest.fixture(scope="module")
def plan315() -> Graph:
    return policygraph.load_plan()


def copies(g: Graph, n: int) -> Graph:
    """``g`` plus ``n - 1`` copies whose plan-local IRIs are renamed (departments are shared)."""
    out = Graph()
    for triple in g:
        out.add(triple)
    for i in range(2, n + 1):
        for triple in g:
            out.add(
                tuple(  # type: ignore[arg-type]
                    URIRef(str(t).replace("/plan/", f"/plan/copy{i}-", 1))
                    if isinstance(t, URIRef) and "/plan/" in str(t)
                    else t
                    for t in triple
                )
            )
    return out


def by_label(net: nx.Graph) -> dict[str, str]:
    return {data["label_zh"]: node for node, data in net.nodes(data=True)}


# -- the small hand-written fixture ------------------------------------------------------------


def test_bipartite_graph_has_tasks_and_departments(small: Graph) -> None:
    b = task_department_graph(small)
    tasks = {n for n, d in b.nodes(data="bipartite") if d == 0}
    departments = {n for n, d in b.nodes(data="bipartite") if d == 1}
    assert tasks == {f"{SMALL}/task/1-{i}" for i in (1, 2, 3)}
    assert departments == {STB, EIT, FIN, COUNTIES}
    assert nx.is_bipartite(b)
    edge = b.edges[f"{SMALL}/task/1-2", STB]
    assert (edge["rank"], edge["role"], edge["tasks"]) == (2, "support", [f"{SMALL}/task/1-2"])
    assert b.edges[f"{SMALL}/task/1-2", EIT]["role"] == "lead"
    assert b.nodes[STB]["label_zh"] == "市科技局"
    assert b.nodes[STB]["label_en"] == "Municipal Science and Technology Bureau"
    assert b.nodes[STB]["iri"] == STB
    assert b.nodes[COUNTIES]["collective"] is True
    assert b.nodes[COUNTIES]["label_en"] == ""  # no English label in the fixture
    assert b.nodes[f"{SMALL}/task/1-1"]["label_zh"] == "建设实验室"
    assert b.nodes[f"{SMALL}/task/1-1"]["plan"] == SMALL


def test_coresponsibility_weights_and_tasks(small: Graph) -> None:
    net = coresponsibility_network(small)
    assert set(net.nodes) == {STB, EIT, FIN, COUNTIES}
    # task 1-1: STB EIT FIN; task 1-2: EIT STB; task 1-3: STB COUNTIES
    assert net.edges[STB, EIT]["weight"] == 2
    assert net.edges[STB, EIT]["tasks"] == [f"{SMALL}/task/1-1", f"{SMALL}/task/1-2"]
    assert net.edges[EIT, FIN]["weight"] == 1
    assert net.edges[STB, COUNTIES]["weight"] == 1
    assert not net.has_edge(FIN, COUNTIES)
    assert net.nodes[STB]["tasks"] == 3
    assert "bipartite" not in net.nodes[STB]


def test_lead_support_is_directed_and_weighted(small: Graph) -> None:
    ls = lead_support_network(small)
    assert ls.is_directed()
    assert sorted((u, v, d["weight"]) for u, v, d in ls.edges(data=True)) == sorted(
        [(STB, EIT, 1), (STB, FIN, 1), (STB, COUNTIES, 1), (EIT, STB, 1)]
    )
    assert ls.edges[EIT, STB]["tasks"] == [f"{SMALL}/task/1-2"]
    assert (ls.nodes[STB]["led"], ls.nodes[STB]["supported"]) == (2, 1)


def test_several_plans_add_up_and_filter(small: Graph) -> None:
    three = copies(small, 3)
    net = coresponsibility_network(three)
    assert set(net.nodes) == {STB, EIT, FIN, COUNTIES}  # departments are shared by plans
    assert net.edges[STB, EIT]["weight"] == 6
    only_one = coresponsibility_network(three, plan=SMALL)
    assert only_one.edges[STB, EIT]["weight"] == 2
    b = task_department_graph(three, plan=f"{ID}plan/copy2-small")
    assert sum(1 for _n, d in b.nodes(data="bipartite") if d == 0) == 3
    assert lead_support_network(three).nodes[STB]["led"] == 6


def test_unknown_plan_is_an_input_error(small: Graph) -> None:
    with pytest.raises(InputError, match="no plan"):
        coresponsibility_network(small, plan=f"{ID}plan/missing")
    with pytest.raises(InputError, match="unknown network kind"):
        network(small, kind="tripartite")  # type: ignore[arg-type]


def test_metrics_small(small: Graph) -> None:
    table = department_metrics(small)
    assert list(table.index) == [STB, EIT, FIN, COUNTIES]  # by total tasks, then led
    assert table.loc[STB, ["led", "supported", "total"]].tolist() == [2, 1, 3]
    assert table.loc[EIT, "weighted_degree"] == 3  # STB 2 + FIN 1
    assert table.loc[STB, "betweenness"] == pytest.approx(2 / 3)  # the only path to COUNTIES
    assert table.loc[COUNTIES, "betweenness"] == 0
    assert table.loc[STB, "constraint"] < table.loc[COUNTIES, "constraint"]  # a broker
    assert table.loc[STB, "core_number"] == 2 and table.loc[COUNTIES, "core_number"] == 1
    assert table["eigenvector"].idxmax() == STB
    assert table.index.name == "department"


def test_metrics_of_an_empty_graph() -> None:
    table = department_metrics(Graph())
    assert table.empty
    assert "betweenness" in table.columns


def test_metrics_are_reproducible(small: Graph) -> None:
    ten = copies(small, 10)
    first = department_metrics(ten)
    second = department_metrics(ten)
    assert first.equals(second)


# -- facts read from the source text (data/sources/jiaxing-315-plan.txt) -----------------------
#
# Counted by hand from the 19 （责任单位：…） clauses, splitting on 、 outside 〔〕, so that
# 有关县〔市、区〕政府 and 市委组织部〔市委人才办〕 are one unit each; the first unit leads.
#
#   2-1-1 科技局 发改委 经信局 教育局 财政局
#   2-1-2 教育局 发改委 科技局 经信局 财政局 人力社保局
#   2-1-3 科技局 发改委 经信局
#   2-1-4 发改委 经信局 科技局 有关县政府
#   2-2-1 科技局 经信局
#   2-2-2 科技局 经信局 财政局 有关县政府
#   2-3-1 科技局 经信局 金融办
#   2-3-2 科技局 发改委 经信局 教育局 财政局 国资委 人力社保局
#   2-3-3 经信局 发改委 科技局 自然资源和规划局 商务局 市场监管局
#   2-4-1 组织部 教育局 科技局 人力社保局 科协
#   2-4-2 科技局 人力社保局 团市委
#   2-4-3 经信局 教育局 人力社保局
#   2-4-4 组织部 教育局 科技局 财政局 人力社保局 农业农村局
#   2-5-1 科技局 发改委 金融办 财政局 市场监管局 人行嘉兴市中心支行 嘉兴银保监分局
#   2-5-2 科技局 发改委 商务局 有关县政府
#   2-5-3 科技局 编办 发改委 商务局 经信局 财政局
#   2-6-1 科技局 商务局 教育局
#   2-6-2 市场监管局 法院 检察院 经信局 公安局
#   2-6-3 科技局 科协
#
# 22 distinct units; 市科技局 is in every clause but 2-4-3 and 2-6-2 (17 tasks) and first in
# 12 of them; 84 responsibilities in all.


def test_distinct_departments(plan315: Graph) -> None:
    net = coresponsibility_network(plan315)
    assert net.number_of_nodes() == 22
    assert {
        "市科技局",
        "有关县〔市、区〕政府",
        "市委组织部〔市委人才办〕",
        "嘉兴银保监分局",
    } <= set(by_label(net))


def test_bipartite_counts(plan315: Graph) -> None:
    (plan,) = plan315.subjects(RDF.type, PG.Plan)
    b = task_department_graph(plan315, plan=str(plan))
    assert sum(1 for _n, d in b.nodes(data="bipartite") if d == 0) == 19
    assert b.number_of_edges() == 84


def test_most_tasks_and_tasks_led_by_the_science_bureau(plan315: Graph) -> None:
    table = department_metrics(plan315)
    top = table.iloc[0]
    assert top["label_zh"] == "市科技局"
    assert (top["led"], top["supported"], top["total"]) == (12, 5, 17)
    second = table.iloc[1]
    assert (second["label_zh"], second["led"], second["total"]) == ("市经信局", 2, 12)
    never_lead = set(table.loc[table["led"] == 0, "label_zh"])
    assert "市财政局" in never_lead and "市人力社保局" in never_lead


def test_pair_weights(plan315: Graph) -> None:
    net = coresponsibility_network(plan315)
    name = by_label(net)
    # 科技局-经信局: 2-1-1 2-1-2 2-1-3 2-1-4 2-2-1 2-2-2 2-3-1 2-3-2 2-3-3 2-5-3
    assert net.edges[name["市科技局"], name["市经信局"]]["weight"] == 10
    # 科技局-发改委: 2-1-1 2-1-2 2-1-3 2-1-4 2-3-2 2-3-3 2-5-1 2-5-2 2-5-3
    assert net.edges[name["市科技局"], name["市发展改革委"]]["weight"] == 9
    # 教育局-人力社保局: 2-1-2 2-3-2 2-4-1 2-4-3 2-4-4
    edge = net.edges[name["市教育局"], name["市人力社保局"]]
    assert edge["weight"] == 5
    assert [t.rsplit("/", 1)[-1] for t in edge["tasks"]] == [
        "2-1-2",
        "2-3-2",
        "2-4-1",
        "2-4-3",
        "2-4-4",
    ]
    # 市法院 and 市检察院 appear only in 2-6-2: no task with 市科技局
    assert not net.has_edge(name["市科技局"], name["市法院"])


def test_lead_support_edges(plan315: Graph) -> None:
    ls = lead_support_network(plan315)
    name = by_label(ls)
    # of the 10 tasks 市科技局 shares with 市经信局 it leads all but 2-1-2, 2-1-4 and 2-3-3
    assert ls.edges[name["市科技局"], name["市经信局"]]["weight"] == 7
    # 市经信局 leads 2-3-3 (with 科技局) and 2-4-3 (without)
    assert ls.edges[name["市经信局"], name["市科技局"]]["weight"] == 1
    assert not ls.has_edge(name["市财政局"], name["市科技局"])  # 市财政局 leads nothing


def test_metrics_columns_and_sanity(plan315: Graph) -> None:
    table = department_metrics(plan315)
    assert len(table) == 22
    assert (table["total"] == table["led"] + table["supported"]).all()
    assert table["led"].sum() == 19  # one lead per task
    assert table["total"].sum() == 84
    assert table["betweenness"].idxmax() == table.index[0]  # 市科技局 brokers most
    assert table["community"].min() == 1
    assert all(0 <= b <= 1 for b in table["betweenness"])
    assert not any(math.isnan(c) for c in table["constraint"])  # nobody is isolated


# -- export: what NetworkX reads back is the same graph ----------------------------------------


def _same(original: nx.Graph, back: nx.Graph) -> None:
    assert set(back.nodes) == set(original.nodes)
    assert {frozenset(e) if not original.is_directed() else e for e in back.edges} == {
        frozenset(e) if not original.is_directed() else e for e in original.edges
    }
    for node, data in original.nodes(data=True):
        for key in ("label_zh", "label_en", "iri"):
            assert back.nodes[node][key] == data[key]
    for u, v, data in original.edges(data=True):
        again = back.edges[u, v]
        assert again["tasks"].split(" ") == data["tasks"]  # lists are space-separated
        if "weight" in data:
            assert float(again["weight"]) == data["weight"]
        if "role" in data:
            assert (again["role"], int(again["rank"])) == (data["role"], data["rank"])


@pytest.mark.parametrize("kind", ["bipartite", "coresponsibility", "lead-support"])
def test_graphml_round_trip(small: Graph, tmp_path: Path, kind: str) -> None:
    net = network(small, kind=kind)  # type: ignore[arg-type]
    (path,) = write_network(net, tmp_path / "net.graphml")
    back = nx.read_graphml(path)
    assert back.is_directed() == net.is_directed()
    _same(net, back)


@pytest.mark.parametrize("kind", ["bipartite", "coresponsibility", "lead-support"])
def test_gexf_round_trip(small: Graph, tmp_path: Path, kind: str) -> None:
    net = network(small, kind=kind)  # type: ignore[arg-type]
    (path,) = write_network(net, tmp_path / "net.gexf")
    back = nx.read_gexf(path)
    assert back.is_directed() == net.is_directed()
    _same(net, back)
    assert back.nodes[STB]["label"] == "市科技局"  # Gephi shows the Chinese name


def test_csv_round_trip(plan315: Graph, tmp_path: Path) -> None:
    import pandas as pd

    net = coresponsibility_network(plan315)
    nodes_csv, edges_csv = write_network(net, tmp_path / "csv", format="csv")
    edges = pd.read_csv(edges_csv)
    back = nx.from_pandas_edgelist(edges, "source", "target", edge_attr=True)
    nodes = pd.read_csv(nodes_csv, keep_default_na=False).set_index("id")
    nx.set_node_attributes(back, nodes.to_dict("index"))
    _same(net, back)


def test_real_graph_round_trip_graphml(plan315: Graph, tmp_path: Path) -> None:
    net = lead_support_network(plan315)
    (path,) = write_network(net, tmp_path / "ls.graphml")
    back = nx.read_graphml(path)
    _same(net, back)
    assert path.read_text(encoding="utf-8").count("市科技局") == 1


def test_unknown_format(small: Graph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown format"):
        write_network(coresponsibility_network(small), tmp_path / "x", format="dot")  # type: ignore[arg-type]


# -- the command line ---------------------------------------------------------------------------


def test_cli_exports_each_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policygraph.cli import main

    fixture = str(FIXTURES / "network-small.ttl")
    assert main(["network", fixture, "-o", str(tmp_path / "c.graphml")]) == 0
    assert "coresponsibility network: 4 nodes, 4 edges" in capsys.readouterr().out
    back = nx.read_graphml(tmp_path / "c.graphml")
    assert back.edges[STB, EIT]["weight"] == 2

    args = ["network", fixture, "--kind", "lead-support", "--format", "gexf", "-o"]
    assert main([*args, str(tmp_path / "ls.gexf")]) == 0
    assert nx.read_gexf(tmp_path / "ls.gexf").is_directed()

    out = tmp_path / "bip"
    metrics = tmp_path / "metrics.csv"
    args = ["network", fixture, "--kind", "bipartite", "--format", "csv", "-o", str(out)]
    assert main([*args, "--metrics", str(metrics)]) == 0
    printed = capsys.readouterr().out
    assert "bipartite network: 7 nodes, 7 edges" in printed
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]
    assert metrics.read_text(encoding="utf-8").splitlines()[1].startswith(STB)


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policygraph.cli import main

    fixture = str(FIXTURES / "network-small.ttl")
    assert main(["network", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policygraph network: error:") and "missing.ttl" in err
    assert main(["network", fixture, "--plan", f"{ID}plan/nope", "-o", str(tmp_path / "x")]) == 2
    assert "no plan" in capsys.readouterr().err
    assert main(["network", fixture, "--kind", "tripartite", "-o", str(tmp_path / "x")]) == 2


def test_cli_input_without_responsibilities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from policygraph.cli import main

    empty = tmp_path / "empty.ttl"
    empty.write_text("<https://example.org/a> a <https://example.org/B> .\n", encoding="utf-8")
    out = tmp_path / "x.graphml"
    assert main(["network", str(empty), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty.ttl: no pg:Responsibility" in err
    assert not out.exists()


def test_cli_bad_outputs_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policygraph.cli import main

    fixture = str(FIXTURES / "network-small.ttl")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["network", fixture, "-o", str(blocker / "sub" / "x.gexf")]) == 2
    assert f"{blocker} is a file, not a directory" in capsys.readouterr().err
    out = tmp_path / "net.graphml"
    assert main(["network", fixture, "--metrics", str(tmp_path), "-o", str(out)]) == 2
    assert "--metrics takes a file" in capsys.readouterr().err
    assert not out.exists()  # checked before anything is written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]  # no temporary files left


def test_cli_bundled_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policygraph.cli import main

    assert main(["network", "-o", str(tmp_path / "net.gexf")]) == 0
    assert "coresponsibility network: 22 nodes" in capsys.readouterr().out


def test_cli_csv_to_a_file_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from policygraph.cli import main

    fixture = str(FIXTURES / "network-small.ttl")
    for args in (["-o", "net.csv"], ["--format", "csv", "-o", "net.csv"]):
        out = tmp_path / args[-1]
        assert main(["network", fixture, *args[:-1], str(out)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"cannot write {out}: --format csv writes nodes.csv and edges.csv" in err
        assert not out.exists()  # no folder named net.csv
    folder = tmp_path / "net"
    assert main(["network", fixture, "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["edges.csv", "nodes.csv"]
