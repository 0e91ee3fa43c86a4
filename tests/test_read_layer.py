"""The analyses read through named queries: the same answers on rdflib, Oxigraph and an endpoint.

Facts from data/sources/jiaxing-315-plan.txt: 19 tasks in 6 actions (实施…行动); the first task,
打造新型实验室体系, is led by 市科技局, which leads 12 tasks and supports 5, more than any other
department; 22 distinct departments appear in the 责任单位 clauses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import policygraph
from policygraph.network import department_metrics, lead_support_network, links, network
from policygraph.resources import resource_path
from policygraph.server import OxigraphServer
from policygraph.sparql import Endpoint, open_store
from policygraph.summary import count_entities, summarize

PLAN = "https://w3id.org/policygraph/id/plan/jiaxing-315"


@pytest.fixture(scope="module")
def graph() -> Any:
    return policygraph.load_plan()


@pytest.fixture(scope="module")
def store() -> Any:
    return open_store(None, resource_path("data", "plan315.ttl"))


@pytest.fixture(params=["rdflib", "oxigraph", "endpoint"])
def source(request: pytest.FixtureRequest, graph: Any, store: Any) -> Any:
    if request.param == "rdflib":
        return graph
    if request.param == "oxigraph":
        return store
    start = request.getfixturevalue("oxigraph_server_for")
    server: OxigraphServer = start("plan315-only", resource_path("data", "plan315.ttl"))
    return Endpoint(server.query_url, timeout=60)


def test_links_name_the_lead_of_the_first_task(source: Any) -> None:
    found = links(source)
    first = [link for link in found if link.task_zh == "打造新型实验室体系"]
    assert (first[0].department_zh, first[0].role, first[0].rank) == (
        "市科技局",
        "lead",
        1,
    )
    assert sum(1 for link in found if link.role == "lead" and link.rank == 1) == 19
    assert len({link.department for link in found}) == 22


def test_department_metrics_are_the_same_on_every_backend(source: Any, graph: Any) -> None:
    table = department_metrics(source)
    top = table.iloc[0]
    assert (top["label_zh"], top["led"], top["supported"]) == ("市科技局", 12, 5)
    pd.testing.assert_frame_equal(table, department_metrics(graph))


def test_networks_are_the_same_on_every_backend(source: Any, graph: Any) -> None:
    for kind in ("bipartite", "coresponsibility", "lead-support"):
        here, there = network(source, kind=kind), network(graph, kind=kind)
        assert dict(here.nodes(data=True)) == dict(there.nodes(data=True))
        assert sorted(here.edges(data="weight")) == sorted(there.edges(data="weight"))
    ls = lead_support_network(source, plan=PLAN)
    assert ls.number_of_nodes() == 22


def test_summary_is_the_same_on_every_backend(source: Any, graph: Any) -> None:
    (plan,) = summarize(source)
    assert len(plan.actions) == 6 and len(plan.tasks) == 19
    assert (plan.tasks[0].label_zh, plan.tasks[0].lead) == ("打造新型实验室体系", "市科技局")
    assert plan.counts["tasks"] == 19 and plan.counts["departments"] == 22
    assert summarize(source) == summarize(graph)


def test_counts_of_the_plan_alone(source: Any, graph: Any) -> None:
    assert count_entities(source, PLAN) == count_entities(graph, PLAN)
    assert count_entities(graph, PLAN)["triples"] == len(graph)


def test_an_unknown_plan_is_an_input_error(source: Any) -> None:
    with pytest.raises(policygraph.errors.InputError, match="has no plan"):
        links(source, plan=PLAN + "-nowhere")


_ANALYSES = ("network.py", "summary.py", "plot.py")
_WALKS = re.compile(r"\.(objects|subjects|value|triples|predicate_objects|subject_objects)\(")


@pytest.mark.parametrize("module", _ANALYSES)
def test_analysis_modules_do_not_walk_rdflib_triples(module: str) -> None:
    text = (Path(policygraph.__file__).parent / module).read_text(encoding="utf-8")
    assert _WALKS.findall(text) == []
