"""``lang=`` is the label-language keyword; the released ``language=`` still works, warned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from policygraph.plot import plot_coresponsibility, plot_department_load, plot_targets
from policygraph.reporting import report_tables, write_report

pytest.importorskip("matplotlib")

FIXTURES = Path(__file__).parent / "fixtures"
PLOTS: list[Callable[..., Any]] = [plot_coresponsibility, plot_department_load, plot_targets]


@pytest.fixture(scope="module")
def small_graph() -> Graph:
    return Graph().parse(FIXTURES / "network-small.ttl")


def _labels(ax: Any) -> list[str]:
    return [t.get_text() for t in (*ax.texts, *ax.get_yticklabels(), *ax.get_xticklabels())]


@pytest.mark.parametrize("plot", PLOTS, ids=lambda f: f.__name__)
def test_plots_accept_language_with_a_warning(plot: Callable[..., Any], small_graph: Graph) -> None:
    expected = _labels(plot(small_graph, lang="en"))
    with pytest.warns(DeprecationWarning, match=rf"{plot.__name__}\(language=...\)") as caught:
        ax = plot(small_graph, language="en")
    assert _labels(ax) == expected
    assert caught[0].filename == __file__  # the warning points at the caller


def test_plot_targets_language_en_is_english(small_graph: Graph) -> None:
    with pytest.warns(DeprecationWarning, match="use lang="):
        ax = plot_targets(small_graph, language="en")
    # the two indicators of tests/fixtures/network-small.ttl, earliest deadline on top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["number of laboratories", "new firms"]


def test_report_tables_accepts_language_with_a_warning(small_graph: Graph) -> None:
    with pytest.warns(DeprecationWarning, match=r"report_tables\(language=...\)"):
        tasks, targets = report_tables(small_graph, language="en")
    assert list(tasks.columns) == ["plan", "no.", "task", "lead", "co-leads", "supporting units"]
    assert list(tasks["task"])[:2] == ["Build laboratories", "Grow firms"]
    new_tasks, new_targets = report_tables(small_graph, lang="en")
    assert tasks.equals(new_tasks) and targets.equals(new_targets)


def test_write_report_accepts_language_with_a_warning(small_graph: Graph, tmp_path: Path) -> None:
    with pytest.warns(DeprecationWarning, match=r"write_report\(language=...\)"):
        report = write_report(small_graph, tmp_path / "old", language="en")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# policygraph report\n")
    assert text == write_report(small_graph, tmp_path / "new", lang="en").read_text("utf-8")


def test_new_functions_take_lang_only(small_graph: Graph) -> None:
    from policygraph.comparison import function_plan_matrix

    with pytest.raises(TypeError, match="language"):
        function_plan_matrix(small_graph, language="en")  # type: ignore[call-arg]
