"""Figures across plans: the functions-by-plans heat map and the network of functions.

matplotlib is imported inside each function (install ``policygraph[plot]``). Each function
draws on ``ax`` (a new figure when omitted) and returns the Axes. Labels are function labels
from the function scheme and plan names from :func:`policygraph.comparison.plan_names`, never
IRIs. Chinese labels use a font with Chinese glyphs, passed to each text without changing
matplotlib's ``rcParams``; without one the functions warn once and draw English labels.

Examples
--------
>>> from policygraph import load_plan
>>> from policygraph.corpus_plot import plot_function_heatmap
>>> ax = plot_function_heatmap(load_plan(), language="en")
>>> ax.get_yticklabels()[0].get_text()
'science and technology'
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Literal

from . import _fonts
from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_function_heatmap", "plot_function_network"]

Language = Literal["auto", "zh", "en"]

_TEXT = {
    "zh": {
        "heatmap": "各规划中由各职能部门牵头的任务占比",
        "share": "牵头任务占比",
        "network": "职能协同网络（边宽 = 共同承担的任务数，点大小 = 牵头任务数）",
        "plan": "规划",
    },
    "en": {
        "heatmap": "Share of each plan's tasks led by departments of each function",
        "share": "share of tasks led",
        "network": "Co-responsibility of functions (edge width = shared tasks, size = tasks led)",
        "plan": "plan",
    },
}


def _language(language: str) -> tuple[str, list[str] | None]:
    """The label language actually drawn and the font families to draw it with."""
    if language not in ("auto", "zh", "en"):
        raise InputError(f"unknown language {language!r}; choose auto, zh or en")
    families = _fonts.font_families()
    if language == "en":
        return "en", families
    if families is None:
        _fonts.warn_no_cjk_font()
        return "en", None
    return "zh", families


def _has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def _new_axes(width: float, height: float) -> Axes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure.add_subplot()


def plot_function_heatmap(
    source: Any,
    /,
    *,
    ax: Axes | None = None,
    language: Language = "auto",
    top: int | None = 25,
) -> Axes:
    """Draw the functions-by-plans matrix as a heat map (share of each plan's tasks led).

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store, Endpoint, str or pandas.DataFrame
        Anything :func:`policygraph.query` reads, or a labelled matrix from
        :func:`policygraph.comparison.function_plan_matrix` (rows functions, columns plans).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure sized to the matrix when omitted.
    language : {"auto", "zh", "en"}, default "auto"
        Label language; ``"auto"`` is Chinese when a CJK font is installed. Plan names are
        Chinese: without a CJK font, plans are numbered (P1, P2... in the order of
        :func:`~policygraph.comparison.plan_table`).
    top : int or None, default 25
        Draw only the functions that lead the most tasks (ignored for a matrix).

    Returns
    -------
    matplotlib.axes.Axes
    """
    import pandas as pd

    from .comparison import function_plan_matrix

    drawn, families = _language(language)
    if isinstance(source, pd.DataFrame):
        matrix = source
    else:
        matrix = function_plan_matrix(source, language=drawn, top=top)
    columns = [str(c) for c in matrix.columns]
    if families is None:
        columns = [c if not _has_cjk(c) else f"P{i}" for i, c in enumerate(columns, start=1)]
    rows = [str(r) for r in matrix.index]
    height = max(3.0, 1.8 + 0.32 * len(rows) + (2.2 if drawn == "zh" else 1.6))
    width = max(6.0, 3.0 + 0.42 * len(columns))
    ax = ax if ax is not None else _new_axes(width, height)
    family: list[str] | str = families if families is not None else "DejaVu Sans"
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", cmap="YlOrRd", vmin=0.0, vmax=1.0)
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels(
        [textwrap.shorten(c, 28, placeholder="…") for c in columns],
        rotation=90,
        fontsize=8,
        fontfamily=family,
    )
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=8, fontfamily=family)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] >= 0.005:
                ax.text(
                    j,
                    i,
                    f"{values[i, j]:.0%}",
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if values[i, j] > 0.5 else "black",
                )
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
    bar.set_label(_TEXT[drawn]["share"], fontfamily=family)
    ax.set_title(_TEXT[drawn]["heatmap"], fontsize="large", fontfamily=family)
    return ax


def plot_function_network(
    source: Any,
    /,
    *,
    ax: Axes | None = None,
    language: Language = "auto",
    min_weight: int = 1,
    seed: int = 315,
) -> Axes:
    """Draw the co-responsibility network of functions.

    Node size grows with the tasks the function leads, edge width with shared tasks.

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store, Endpoint, str or networkx.Graph
        Anything :func:`policygraph.query` reads, or a network from
        :func:`policygraph.comparison.function_network`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    language : {"auto", "zh", "en"}, default "auto"
        Label language; ``"auto"`` is Chinese when a CJK font is installed.
    min_weight : int, default 1
        Draw only edges for at least this many shared tasks (and the functions they join).
    seed : int, default 315
        Seed of the layout: the same figure every time.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from policygraph import load_plan
    >>> ax = plot_function_network(load_plan(), language="en")
    >>> "science and technology" in [" ".join(t.get_text().split()) for t in ax.texts]
    True
    """
    import networkx as nx

    from .comparison import function_network

    drawn, families = _language(language)
    net = source if isinstance(source, nx.Graph) else function_network(source)
    shown = nx.Graph()
    shown.add_edges_from(
        (u, v, d) for u, v, d in net.edges(data=True) if d.get("weight", 1) >= min_weight
    )
    for node in list(shown.nodes):
        shown.nodes[node].update(net.nodes[node])
    ax = ax if ax is not None else _new_axes(12, 10)
    family: list[str] | str = families if families is not None else "DejaVu Sans"
    # unweighted: with weights the busiest functions collapse into one spot
    pos = nx.spring_layout(shown, seed=seed, k=3.0 / max(len(shown), 1) ** 0.5, weight=None)
    nodes = list(shown.nodes)
    led = [shown.nodes[n].get("led_tasks", 0) for n in nodes]
    most = max(led, default=1) or 1
    weights = [d.get("weight", 1) for *_e, d in shown.edges(data=True)]
    heaviest = max(weights, default=1)
    nx.draw_networkx_edges(
        shown,
        pos,
        ax=ax,
        width=[0.3 + 6.0 * w / heaviest for w in weights],
        edge_color="#9aa5b1",
        alpha=0.6,
    )
    nx.draw_networkx_nodes(
        shown,
        pos,
        nodelist=nodes,
        ax=ax,
        node_size=[120 + 1800 * t / most for t in led],
        node_color="#f28e2b",
        alpha=0.85,
    )
    key = f"label_{drawn}"
    labels = {}
    for n in nodes:
        text = str(shown.nodes[n].get(key) or "")
        if not text or (families is None and _has_cjk(text)):
            text = str(shown.nodes[n].get("label_en") or n.rstrip("/").rsplit("/", 1)[-1])
        labels[n] = textwrap.fill(text, 18)
    nx.draw_networkx_labels(
        shown,
        pos,
        labels=labels,
        ax=ax,
        font_size=8,
        font_family=family,
    )
    ax.set_title(_TEXT[drawn]["network"], fontsize="large", fontfamily=family)
    ax.set_axis_off()
    return ax
