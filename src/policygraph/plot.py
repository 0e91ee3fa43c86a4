"""Figures of a plan graph: the co-responsibility network, department load, targets.

matplotlib is imported inside each function (install ``policygraph[plot]``). Each function
takes the plan graph, draws on ``ax`` (a new figure when omitted) and returns the Axes.

Chinese labels need a font with Chinese glyphs. The functions find one
(Noto Sans CJK, Source Han Sans, WenQuanYi...) and pass it to every text they draw, without
changing matplotlib's ``rcParams``. Where none is installed they warn once and draw English
labels, never boxes.

Examples
--------
>>> from policygraph import load_plan
>>> from policygraph.plot import plot_department_load
>>> ax = plot_department_load(load_plan())
>>> ax.get_xlabel() in ("任务数", "tasks")
True
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from . import _fonts
from .errors import InputError

_PG = "https://w3id.org/policygraph/def#"

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.font_manager import FontProperties

__all__ = ["plot_coresponsibility", "plot_department_load", "plot_targets"]

Language = Literal["auto", "zh", "en"]

_TEXT = {
    "zh": {
        "network": "部门协同网络（边宽 = 共同承担的任务数）",
        "load": "各部门牵头与配合任务数",
        "tasks": "任务数",
        "lead": "牵头",
        "support": "配合",
        "targets": "量化目标：截止年份与指标",
        "deadline": "截止年份",
        "annual": "每年",
        "cumulative": "累计",
        "other": "到期值",
        "implied": "空心 = 截止年份取自规划期",
        "department": "部门",
        "target": "目标",
    },
    "en": {
        "network": "Co-responsibility network (edge width = shared tasks)",
        "load": "Tasks led and supported per department",
        "tasks": "tasks",
        "lead": "lead",
        "support": "support",
        "targets": "Quantitative targets by deadline and indicator",
        "deadline": "deadline",
        "annual": "annual",
        "cumulative": "cumulative",
        "other": "by the deadline",
        "implied": "hollow = deadline taken from the plan period",
        "department": "department",
        "target": "target",
    },
}


@dataclass(frozen=True)
class _Style:
    """The language of the labels and the fonts that draw them."""

    language: str  # "zh" or "en"
    families: list[str] | None  # font.family list with a CJK font, or None

    @property
    def font(self) -> FontProperties | None:
        return self.sized(None)

    def sized(self, size: float | str | None) -> FontProperties | None:
        """Font properties with the label families (``None``: matplotlib's default)."""
        from matplotlib.font_manager import FontProperties

        if self.families is None:
            return None if size is None else FontProperties(size=size)
        return FontProperties(family=self.families, size=size)

    @property
    def family(self) -> list[str] | str:
        return self.families if self.families is not None else "DejaVu Sans"

    def text(self, key: str) -> str:
        return _TEXT[self.language][key]

    def label(self, zh: str, en: str, fallback: str, *, wrap: int = 36) -> str:
        """The label to draw: never a Chinese one without a CJK font; long English wrapped."""
        if self.language == "zh" and zh:
            return zh
        if en and not _has_cjk(en):
            return textwrap.fill(en, wrap)
        return fallback


def _rows(labels: list[str]) -> tuple[list[float], float]:
    r"""Place one row per label, bottom to top, each as tall as its wrapped lines need.

    Positions are in inches, so a figure ``1.5 + total`` inches tall gives every label room.

    Examples
    --------
    >>> _rows(["a", "b\nc"])
    ([0.16, 0.54], 0.76)
    """
    positions, top = [], 0.0
    for label in labels:
        pitch = max(_ROW_INCHES, _LINE_INCHES * (label.count("\n") + 1) + 0.08)
        positions.append(round(top + pitch / 2, 4))
        top += pitch
    return positions, round(top, 4)


#: inches per one-line row, and per line of a wrapped label (10-point text)
_ROW_INCHES = 0.32
_LINE_INCHES = 0.18


def _has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _readable(iri: str, otherwise: str) -> str:
    """The last segment of ``iri`` to name a thing with no label to draw, unless it is a hash.

    Examples
    --------
    >>> _readable("https://w3id.org/policygraph/id/department/jiaxing/kjj", "department 1")
    'kjj'
    >>> _readable("https://w3id.org/policygraph/id/department/x/u3f9a0c21be", "department 1")
    'department 1'
    """
    import re

    name = _local_name(iri)
    return otherwise if re.fullmatch(r"[a-z]?[0-9a-f]{8,}", name) else name


def _style(language: str) -> _Style:
    if language not in ("auto", "zh", "en"):
        raise InputError(f"unknown language {language!r}; choose auto, zh or en")
    families = _fonts.font_families()
    if language == "en":
        return _Style("en", families)
    if families is None:
        _fonts.warn_no_cjk_font()
        return _Style("en", None)
    return _Style("zh", families)


@contextmanager
def _drawing(style: _Style) -> Iterator[None]:
    """Create artists with the label fonts; ``rcParams`` are restored on exit."""
    import matplotlib

    if style.families is None:
        yield
        return
    with matplotlib.rc_context({"font.family": style.families}):
        yield


def _new_axes(width: float, height: float) -> Axes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure.add_subplot()


def plot_coresponsibility(
    g: Any,
    /,
    *,
    ax: Axes | None = None,
    plan: str | None = None,
    language: Language = "auto",
    min_weight: int = 1,
    seed: int = 315,
) -> Axes:
    """Draw the co-responsibility network of departments.

    Node size grows with the number of tasks, node colour is the community
    (as in :func:`policygraph.network.department_metrics`), edge width with shared tasks.

    Parameters
    ----------
    g : rdflib.Graph, pyoxigraph.Store, Endpoint or networkx.Graph
        A plan graph, or a network from :func:`policygraph.network.coresponsibility_network`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    plan : str, optional
        A plan IRI (only with an rdflib graph): that plan only. All plans when omitted.
    language : {"auto", "zh", "en"}, default "auto"
        Label language; ``"auto"`` is Chinese when a CJK font is installed.
    min_weight : int, default 1
        Draw only edges for at least this many shared tasks.
    seed : int, default 315
        Seed of the layout and the communities: the same figure every time.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from policygraph import load_plan
    >>> from policygraph.plot import plot_coresponsibility
    >>> ax = plot_coresponsibility(load_plan(), min_weight=2)
    >>> len(ax.texts) > 10  # one label per department
    True
    """
    import networkx as nx

    from .network import coresponsibility_network

    net = g if isinstance(g, nx.Graph) else coresponsibility_network(g, plan=plan)
    style = _style(language)
    ax = ax if ax is not None else _new_axes(10 if style.language == "zh" else 12, 8)
    with _drawing(style):
        shown = nx.Graph()
        shown.add_nodes_from(net.nodes(data=True))
        shown.add_edges_from(
            (u, v, d) for u, v, d in net.edges(data=True) if d.get("weight", 1) >= min_weight
        )
        pos = _component_layout(net, seed)
        communities = (
            nx.community.louvain_communities(net, weight="weight", seed=seed) if len(net) else []
        )
        ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
        colour = {n: i for i, members in enumerate(ordered) for n in members}
        nodes = list(shown.nodes)
        tasks = [shown.nodes[n].get("tasks", 1) for n in nodes]
        largest = max(tasks, default=1)
        weights = [d.get("weight", 1) for *_e, d in shown.edges(data=True)]
        heaviest = max(weights, default=1)
        nx.draw_networkx_edges(
            shown,
            pos,
            ax=ax,
            width=[0.5 + 4.0 * w / heaviest for w in weights],
            edge_color="#9aa5b1",
            alpha=0.7,
        )
        nx.draw_networkx_nodes(
            shown,
            pos,
            nodelist=nodes,
            ax=ax,
            node_size=[200 + 1600 * t / largest for t in tasks],
            node_color=[colour.get(n, 0) for n in nodes],
            cmap="tab10",
            vmin=0,
            vmax=9,
            alpha=0.9,
        )
        labels = {
            n: style.label(
                d.get("label_zh", ""),
                d.get("label_en", ""),
                _readable(n, f"{style.text('department')} {i}"),
                wrap=24,
            )
            for i, (n, d) in enumerate(shown.nodes(data=True), start=1)
        }
        nx.draw_networkx_labels(
            shown, pos, labels=labels, ax=ax, font_size=9, font_family=style.family
        )
        ax.set_title(style.text("network"), fontproperties=style.sized("large"))
        ax.set_axis_off()
    return ax


def _component_layout(net: Any, seed: int) -> dict[Any, tuple[float, float]]:
    """Positions for a network whose departments may fall into several unconnected groups.

    Each connected group is laid out on its own, unweighted and spread out (k twice the
    default: with weights the most connected departments collapse into one spot and their
    names overlap; edge widths show the weights), in a square whose side grows with the
    square root of its size; the squares are shelved in rows, largest first. One layout of
    the whole graph would push a lone department far away and squeeze the rest together.
    """
    import math

    import networkx as nx

    groups = sorted(nx.connected_components(net), key=lambda c: (-len(c), min(map(str, c))))
    if not groups:
        return {}
    sides = [math.sqrt(len(c)) for c in groups]
    row_width = max(sides[0], sum(sides) / math.ceil(math.sqrt(len(groups))))
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group, side in zip(groups, sides, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height * 1.15, 0.0
        if len(group) == 1:
            local = {next(iter(group)): (0.0, 0.0)}
        else:
            sub = net.subgraph(group)
            local = nx.spring_layout(
                sub, weight=None, k=2.0 / len(sub) ** 0.5, iterations=200, seed=seed
            )
        for node, (px, py) in local.items():
            pos[node] = (
                x + side / 2 + float(px) * side * 0.45,
                y - side / 2 + float(py) * side * 0.45,
            )
        x += side * 1.15
        row_height = max(row_height, side)
    return pos


def plot_department_load(
    g: Any,
    /,
    *,
    ax: Axes | None = None,
    plan: str | None = None,
    language: Language = "auto",
) -> Axes:
    """Draw each department's load: tasks it leads and tasks it supports (stacked bars).

    Parameters
    ----------
    g : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        A plan graph.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    plan : str, optional
        A plan IRI: that plan only. All plans when omitted.
    language : {"auto", "zh", "en"}, default "auto"
        Label language; ``"auto"`` is Chinese when a CJK font is installed.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from policygraph import load_plan
    >>> from policygraph.plot import plot_department_load
    >>> ax = plot_department_load(load_plan(), language="en")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['lead', 'support']
    """
    from matplotlib.ticker import MaxNLocator

    from .network import lead_support_network

    net = lead_support_network(g, plan=plan)
    # the order of department_metrics (most tasks, then most led, then name), top down
    rows = sorted(
        net.nodes(data=True),
        key=lambda item: (
            -(item[1]["led"] + item[1]["supported"]),
            -item[1]["led"],
            item[1]["label_zh"],
        ),
    )[::-1]
    style = _style(language)
    names = [
        style.label(
            d["label_zh"],
            d["label_en"],
            _readable(n, f"{style.text('department')} {len(rows) - i}"),
            wrap=44,
        )
        for i, (n, d) in enumerate(rows)
    ]
    positions, total = _rows(names)
    width = 8 if style.language == "zh" else 10
    ax = ax if ax is not None else _new_axes(width, 1.5 + max(total, _ROW_INCHES))
    with _drawing(style):
        led = [d["led"] for _n, d in rows]
        supported = [d["supported"] for _n, d in rows]
        bar = 0.8 * _ROW_INCHES
        ax.barh(positions, led, height=bar, color="#1f77b4", label=style.text("lead"))
        ax.barh(
            positions,
            supported,
            height=bar,
            left=led,
            color="#aec7e8",
            label=style.text("support"),
        )
        ax.set_yticks(positions, names, fontproperties=style.font)
        ax.set_ylim(0, max(total, _ROW_INCHES))
        ax.set_xlabel(style.text("tasks"), fontproperties=style.font)
        ax.set_title(style.text("load"), fontproperties=style.sized("large"))
        ax.legend(prop=style.font, loc="lower right")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="x", alpha=0.3)
    return ax


@dataclass(frozen=True)
class _TargetRow:
    position: int
    year: int
    implied: bool
    indicator: str
    value: str
    periodicity: str  # "annual", "cumulative" or "other"


def _number(value: Any) -> str:
    """Format a target value for a label: no trailing zeros, four significant digits.

    Examples
    --------
    >>> _number("20.0"), _number("1.5E+4"), _number("3.65"), _number("0.333333")
    ('20', '15000', '3.65', '0.3333')
    """
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        return str(int(number))
    return f"{float(number):.4g}"


def _grouped(value: Any, language: str) -> str:
    """A large round number as the plans write it (1.5万) in Chinese, with commas in English.

    Examples
    --------
    >>> _grouped("15000", "zh"), _grouped("1400000", "zh"), _grouped("1400000", "en")
    ('1.5万', '140万', '1,400,000')
    >>> _grouped("3.65", "zh"), _grouped("2000", "zh")
    ('3.65', '2000')
    """
    from decimal import Decimal, InvalidOperation

    text = _number(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if number != number.to_integral_value() or abs(number) < 10_000:
        return text
    if language == "en":
        return f"{int(number):,}"
    if number % 1000 == 0:
        return _number(number / 10_000) + "万"
    return text


def _value_text(row: dict[str, Any], names: dict[str, dict[str, str]], style: _Style) -> str:
    """The value of a target with its unit, as a reader of the plan expects it.

    A range is ``5–10``, a fraction ``1/3``, a rank ``前40位`` / ``top 40``, 亿元 in English
    ``20 billion yuan``; otherwise the unit as written (``%``, ``家``) or, in English when that
    is Chinese, its English label. ``row`` is a row of :func:`policygraph.summary.targets`.
    """
    from decimal import Decimal
    from fractions import Fraction

    value = Decimal(row["value"]) if row["value"] is not None else None
    upper = Decimal(row["upper"]) if row["upper"] is not None else None
    unit = row["unit"]
    slug = _local_name(str(unit)) if unit is not None else ""
    if value is None:
        return ""
    number = value
    if slug == "fraction":
        return str(Fraction(str(number)).limit_denominator(100))
    if slug == "wei":
        return f"前{_number(number)}位" if style.language == "zh" else f"top {_number(number)}"
    if slug == "yi-yuan" and style.language == "en":
        scaled = [_number(float(v) / 10) for v in (value, upper) if v is not None]
        return "–".join(scaled) + " billion yuan"
    shown = _grouped(number, style.language)
    if upper is not None:
        shown += "–" + _grouped(upper, style.language)
    if unit is None:
        return shown
    notation = row["notation"] or ""
    if style.language == "zh" or not _has_cjk(notation):
        return shown + notation
    return shown + " " + style.label("", names.get(unit, {}).get("en", ""), slug)


def _targets(g: Any, plan: str | None, style: _Style) -> list[_TargetRow]:
    """Read the targets (one query, and one for the labels) with the labels to draw."""
    from ._read import labels
    from .network import check_plan
    from .summary import targets

    plan_iri = check_plan(g, plan)
    found: dict[str, dict[str, Any]] = {}
    for row in targets(g, plan=plan_iri):
        found.setdefault(row["target"], row)  # one row per target (of its owners)
    names = labels(
        g,
        [v for r in found.values() for v in (r["target"], r["indicator"], r["unit"]) if v],
    )
    rows = []
    for target, row in found.items():
        year = row["deadline"]
        if year is None:
            continue
        labelled = row["indicator"] if row["indicator"] is not None else target
        text = names.get(labelled, {})
        position = row["position"]
        if not (text.get("en") or style.language == "zh"):
            text = names.get(
                target, {}
            )  # the target's own English label, if the indicator has none
        number = f"{style.text('target')} {position if position is not None else ''}".rstrip()
        name = style.label(text.get("zh", ""), text.get("en", ""), _readable(str(labelled), number))
        kind = {_PG + "Annual": "annual", _PG + "Cumulative": "cumulative"}.get(
            row["periodicity"] or "", "other"
        )
        rows.append(
            _TargetRow(
                position=int(position) if position is not None else 0,
                year=int(year),
                implied=bool(row["implied"]),
                indicator=name,
                value=_value_text(row, names, style),
                periodicity=kind,
            )
        )
    rows.sort(key=lambda r: (r.year, r.position))
    return rows


def plot_targets(
    g: Any,
    /,
    *,
    ax: Axes | None = None,
    plan: str | None = None,
    language: Language = "auto",
) -> Axes:
    """Draw the quantitative targets: one row per indicator, placed at its deadline year.

    Marker shape says whether a target is annual, cumulative or a value to reach by the
    deadline; a hollow marker means the deadline is implied by the plan period. Each marker
    is annotated with the target value and unit.

    Parameters
    ----------
    g : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        A plan graph.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    plan : str, optional
        A plan IRI: that plan only. All plans when omitted.
    language : {"auto", "zh", "en"}, default "auto"
        Label language; ``"auto"`` is Chinese when a CJK font is installed.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from policygraph import load_plan
    >>> from policygraph.plot import plot_targets
    >>> ax = plot_targets(load_plan())
    >>> len(ax.get_yticks()) > 10  # one row per indicator
    True
    """
    style = _style(language)
    rows = _targets(g, plan, style)
    indicators = list(dict.fromkeys(r.indicator for r in rows))
    years = sorted({r.year for r in rows})
    positions, total = _rows(indicators[::-1])
    row_of = dict(zip(indicators[::-1], positions, strict=True))
    width = (8.5 if style.language == "zh" else 10.5) + 1.2 * max(len(years), 1)
    ax = ax if ax is not None else _new_axes(width, 1.5 + max(total, _ROW_INCHES))
    markers = {"annual": "o", "cumulative": "s", "other": "D"}
    colours = {"annual": "#2ca02c", "cumulative": "#d62728", "other": "#1f77b4"}
    with _drawing(style):
        for kind, marker in markers.items():
            labelled = False
            for implied in (False, True):
                chosen = [r for r in rows if r.periodicity == kind and r.implied == implied]
                if not chosen:
                    continue
                ax.scatter(
                    [r.year for r in chosen],
                    [row_of[r.indicator] for r in chosen],
                    marker=marker,
                    s=60,
                    facecolors="none" if implied else colours[kind],
                    edgecolors=colours[kind],
                    label=None if labelled else style.text(kind),
                    zorder=3,
                )
                labelled = True
        # one annotation per distinct value at a place (a goal and a task may repeat a target)
        placed = dict.fromkeys((r.year, row_of[r.indicator], r.value) for r in rows)
        for year, row, value in placed:
            ax.annotate(
                value,
                (year, row),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontproperties=style.sized(8),
            )
        ax.set_yticks(list(row_of.values()), list(row_of), fontproperties=style.font)
        ax.set_ylim(0, max(total, _ROW_INCHES))
        if years:
            ax.set_xticks(years, [str(y) for y in years])
            ax.set_xlim(years[0] - 0.5, years[-1] + 1.0)
        ax.set_xlabel(style.text("deadline"), fontproperties=style.font)
        ax.set_title(style.text("targets"), fontproperties=style.sized("large"))
        handles, _labels = ax.get_legend_handles_labels()
        if handles:
            ax.legend(  # beside the axes, where it hides no row
                prop=style.font,
                loc="upper left",
                bbox_to_anchor=(1.02, 1.0),
                title=style.text("implied"),
                title_fontproperties=style.font,
            )
        ax.grid(axis="x", alpha=0.3)
    return ax
