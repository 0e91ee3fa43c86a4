"""Figures: Chinese labels render with a CJK font; English labels, never boxes, without one."""

from __future__ import annotations

import itertools
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

import policygraph
from policygraph import _fonts
from policygraph.plot import plot_coresponsibility, plot_department_load, plot_targets

matplotlib = pytest.importorskip("matplotlib")

FIXTURES = Path(__file__).parent / "fixtures"
PLOTS: list[Callable[..., Any]] = [plot_coresponsibility, plot_department_load, plot_targets]


@pytest.fixture(scope="module")
def plan315() -> Graph:
    return policygraph.load_plan()


@pytest.fixture
def cjk_font() -> str:
    font = _fonts.find_cjk_font()
    if font is None:
        if os.environ.get("POLICYGRAPH_REQUIRE_CJK_FONT"):
            pytest.fail("no CJK font installed, but POLICYGRAPH_REQUIRE_CJK_FONT is set")
        pytest.skip("no CJK font installed (e.g. apt-get install fonts-wqy-microhei)")
    return font


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fonts, "find_cjk_font", lambda: None)
    monkeypatch.setattr(_fonts, "_warned", False)


def _texts(ax: Any) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in ax.figure.findobj(Text) if t.get_text()]


def _has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def _render(ax: Any, path: Path) -> list[str]:
    """Save the figure as PNG; return the messages of the warnings raised while drawing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.savefig(path, dpi=80)
    return [str(w.message) for w in caught]


def _check_png(path: Path) -> None:
    from matplotlib.image import imread

    assert path.stat().st_size > 10_000
    height, width, *_ = imread(path).shape
    assert width >= 400 and height >= 150


@pytest.mark.parametrize("plot", PLOTS, ids=lambda f: f.__name__)
def test_chinese_labels_render(
    plan315: Graph, cjk_font: str, plot: Callable[..., Any], tmp_path: Path
) -> None:
    before = dict(matplotlib.rcParams)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = plot(plan315)
    assert dict(matplotlib.rcParams) == before  # no global state left changed
    messages = [str(w.message) for w in caught] + _render(ax, tmp_path / "figure.png")
    assert not [m for m in messages if "missing from font" in m or "Glyph" in m]
    texts = _texts(ax)
    assert any(_has_cjk(t) for t in texts)
    _check_png(tmp_path / "figure.png")


def test_chinese_department_names(plan315: Graph, cjk_font: str) -> None:
    texts = _texts(plot_department_load(plan315))
    assert "市科技局" in texts and "有关县〔市、区〕政府" in texts
    assert "市科技局" in _texts(plot_coresponsibility(plan315))


def test_english_fallback_without_cjk_font(
    plan315: Graph, no_cjk_font: None, tmp_path: Path
) -> None:
    before = dict(matplotlib.rcParams)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        axes = [plot(plan315) for plot in PLOTS]
        messages = [str(w.message) for w in caught]
        for i, ax in enumerate(axes):
            messages += _render(ax, tmp_path / f"figure{i}.png")
    assert dict(matplotlib.rcParams) == before
    assert [m for m in messages if "no font with Chinese glyphs" in m] == [messages[0]]
    assert len(messages) == 1  # one warning, and no missing-glyph warnings
    for i, ax in enumerate(axes):
        texts = _texts(ax)
        assert texts and not any(_has_cjk(t) for t in texts), texts
        _check_png(tmp_path / f"figure{i}.png")
    assert "lead" in _texts(axes[1])


def test_target_values_as_the_plan_writes_them(plan315: Graph, cjk_font: str) -> None:
    # 硬核科技成果5—10项左右; 科技型中小企业突破1.5万家; 技能人才总量达到140万人;
    # 集聚全市1/3省级以上高端人才; 嘉兴国家高新区排名进入全国前40位
    values = {t.get_text() for t in plot_targets(plan315, lang="zh").texts}
    assert {"5–10项", "1.5万家", "140万人", "1/3", "前40位"} <= values
    english = {t.get_text() for t in plot_targets(plan315, lang="en").texts}
    assert {"5–10 items", "15,000 entities", "1/3", "top 40"} <= english
    assert "200 billion yuan" in english  # 各类科技创新基金规模达到2000亿元


def test_rows_leave_room_for_wrapped_labels(plan315: Graph) -> None:
    ax = plot_targets(plan315, lang="en")
    ax.figure.draw_without_rendering()  # constrained layout places the axes
    ticks = sorted(ax.get_yticklabels(), key=lambda t: t.get_position()[1])
    inches = ax.figure.get_size_inches()[1] * ax.get_position().height
    per_unit = inches / (ax.get_ylim()[1] - ax.get_ylim()[0])  # y data units are inches
    for low, high in itertools.pairwise(ticks):
        lines = low.get_text().count("\n") + high.get_text().count("\n") + 2
        gap = (high.get_position()[1] - low.get_position()[1]) * per_unit
        assert gap >= 0.085 * lines, (low.get_text(), high.get_text())  # 10 pt = 0.14 in


def test_english_on_request_without_warning(plan315: Graph, no_cjk_font: None) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_department_load(plan315, lang="en")
    assert ax.get_xlabel() == "tasks"
    assert not any(_has_cjk(t) for t in _texts(ax))


def test_draws_on_a_given_axes(small_graph: Graph) -> None:
    from matplotlib.figure import Figure

    figure = Figure()
    axes = figure.subplots(1, 3)
    for plot, ax in zip(PLOTS, axes, strict=True):
        assert plot(small_graph, ax=ax, lang="en") is ax
    assert len(figure.axes) == 3


def test_small_graph_figures(small_graph: Graph) -> None:
    ax = plot_targets(small_graph, lang="en")
    # bottom to top: the earliest deadline is the top row
    assert [t.get_text() for t in ax.get_yticklabels()] == ["number of laboratories", "new firms"]
    values = sorted(t.get_text() for t in ax.texts)
    assert values == ["10 organizations", "20 organizations"]  # 家 has no English glyphs
    load = plot_department_load(small_graph, lang="en")
    names = [t.get_text().replace("\n", " ") for t in load.get_yticklabels()]  # long ones wrap
    assert names[-1] == "Municipal Science and Technology Bureau"  # the most tasks on top
    assert "counties" in names  # no English label: the IRI's last segment


def test_unknown_language(small_graph: Graph) -> None:
    from policygraph.errors import InputError

    with pytest.raises(InputError, match="unknown language"):
        plot_targets(small_graph, lang="fr")  # type: ignore[arg-type]


def test_plan_filter(small_graph: Graph) -> None:
    from policygraph.errors import InputError

    with pytest.raises(InputError, match="no plan"):
        plot_targets(small_graph, plan="https://w3id.org/policygraph/id/plan/none")


@pytest.fixture(scope="module")
def small_graph() -> Graph:
    return Graph().parse(FIXTURES / "network-small.ttl")
