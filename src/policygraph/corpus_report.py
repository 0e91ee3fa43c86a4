"""The report across the plans of a corpus: tables, a function network, figures, a summary.

:func:`write_corpus_report` reads a corpus (an Oxigraph store, an rdflib graph or an endpoint)
through the named queries of :mod:`policygraph.comparison` and writes, into one folder:

``plans.csv``
    one row per plan: level, government, year, tasks, targets, departments, lead
    concentration, co-responsibility network density (:func:`~policygraph.comparison.plan_table`)
``functions.csv``
    functions by plans: the share of each plan's tasks led by each function
``function-network.graphml``
    the co-responsibility network of functions (for Gephi, R, networkx)
``shared-with-higher-level.csv``
    what each plan has in common with the plans of higher levels
``indicators.csv``
    the same indicator's targets side by side, when the library has the named query
    ``cq16-indicator-across-plans`` (otherwise the report says it was skipped)
``function-heatmap.png``, ``function-network.png``
    the figures (labels from the function scheme and plan names, never IRIs)
``report.xlsx``
    the tables, one sheet each
``report.md``
    a summary in one language (zh or en) with the tables and the figures

Every file is written atomically; the tables are computed before anything is written.

Examples
--------
>>> import tempfile
>>> from policygraph import open_store
>>> from policygraph.resources import resource_path
>>> store = open_store(None, resource_path("data", "plan315.ttl"))
>>> report = write_corpus_report(store, tempfile.mkdtemp(), language="en", figures=False)
>>> sorted(p.name for p in report.files)  # doctest: +NORMALIZE_WHITESPACE
['function-network.graphml', 'functions.csv', 'indicators.csv', 'plans.csv', 'report.md',
 'report.xlsx', 'shared-with-higher-level.csv']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["INDICATOR_QUERY", "CorpusReport", "write_corpus_report"]

#: the named query giving the same indicator's targets across plans, used when present
INDICATOR_QUERY = "cq16-indicator-across-plans"

_WORDS = {
    "zh": {
        "title": "规划比较报告",
        "overview": "共 {plans} 份规划（{levels}），{tasks} 项任务，{targets} 个量化目标。",
        "plans": "各规划概况",
        "plans intro": "牵头集中度：最常牵头的部门所牵头任务的占比；"
        "HHI：各牵头部门所占份额的赫芬达尔指数；"
        "密度：部门协同网络（共同承担任务的部门两两相连）的密度。",
        "functions": "牵头职能",
        "functions intro": "各职能部门牵头的任务数（全部规划合计）与牵头任务的规划数。",
        "pairs": "职能协同",
        "pairs intro": "两个职能的部门共同承担的任务数，以及这些任务所在的规划数。",
        "higher": "与上级规划的共同之处",
        "higher intro": "按层级比较（数据中没有辖区隶属或规划引用关系）：下级规划与每份上级规划"
        "共有的职能、指标与平台数。",
        "indicators": "同一指标的目标",
        "indicators skipped": "指标比较未生成：本版本没有命名查询 {query}。",
        "figures": "图",
        "heatmap": "各规划中由各职能部门牵头的任务占比",
        "network": "职能协同网络",
        "none": "无。",
        "more": "（另有 {n} 行，见 {file}。）",
    },
    "en": {
        "title": "Plans compared",
        "overview": "{plans} plans ({levels}), {tasks} tasks, {targets} quantitative targets.",
        "plans": "Plans",
        "plans intro": "top lead share: the share of tasks led by the department that leads most; "
        "HHI: the Herfindahl index of the lead departments' shares; density: of the plan's "
        "co-responsibility network (departments joined when they share a task).",
        "functions": "Leading functions",
        "functions intro": "Tasks led by departments of each function (all plans) and the plans "
        "where the function leads.",
        "pairs": "Functions that work together",
        "pairs intro": "Tasks the departments of two functions share, and the plans those tasks "
        "are in.",
        "higher": "What plans share with higher-level plans",
        "higher intro": "Paired by level (the data records no jurisdiction containment or "
        "citation): functions, indicators and platforms a plan has in common with each plan of "
        "a higher level.",
        "indicators": "The same indicator's targets",
        "indicators skipped": "Indicator comparison skipped: this version has no named query "
        "{query}.",
        "figures": "Figures",
        "heatmap": "Share of each plan's tasks led by departments of each function",
        "network": "Co-responsibility of functions",
        "none": "None.",
        "more": "({n} more rows in {file}.)",
    },
}

_LEVELS = {
    "NationalLevel": ("国家级", "national"),
    "ProvincialLevel": ("省级", "provincial"),
    "PrefectureLevel": ("地市级", "prefecture"),
    "CountyLevel": ("县级", "county"),
    "DistrictLevel": ("区级", "district"),
}

#: plans.csv: columns of plan_table, in this order, with their headers in zh and en
_PLAN_COLUMNS = {
    "name": ("规划", "plan"),
    "level": ("层级", "level"),
    "year": ("年份", "year"),
    "tasks": ("任务", "tasks"),
    "targets": ("目标", "targets"),
    "departments": ("部门", "departments"),
    "top_lead_label": ("最常牵头部门", "top lead"),
    "top_lead_share": ("牵头集中度", "top lead share"),
    "lead_hhi": ("HHI", "HHI"),
    "density": ("密度", "density"),
}
#: in a large network figure, draw only pairs of functions sharing at least this many tasks
_NETWORK_MIN_WEIGHT = 3
#: rows shown in report.md for the long tables (the CSV files have them all)
_SHOWN = 20


@dataclass(frozen=True)
class CorpusReport:
    """What :func:`write_corpus_report` wrote: the folder, the files and notes for the user."""

    folder: Path
    files: tuple[Path, ...]
    notes: tuple[str, ...]
    plans: int


def _level_name(iri: Any, lang: str) -> str:
    if not isinstance(iri, str) or not iri:
        return ""
    local = iri.rsplit("#", 1)[-1]
    names = _LEVELS.get(local)
    return local if names is None else names[0 if lang == "zh" else 1]


def write_corpus_report(
    source: Any,
    out: str | os.PathLike[str],
    /,
    *,
    language: str = "zh",
    figures: bool = True,
) -> CorpusReport:
    """Write the tables, network, figures and summary comparing the plans of ``source``.

    Parameters
    ----------
    source : pyoxigraph.Store, rdflib.Graph, Endpoint or str
        Anything :func:`policygraph.query` reads; a corpus store holds one named graph per
        plan.
    out : path-like
        The folder to write into (created if missing).
    language : {"zh", "en"}, default "zh"
        The language of ``report.md``, of the table headers there and of the figures' labels
        (figures fall back to English labels, with a warning, without a CJK font).
    figures : bool, default True
        Draw the PNG figures (needs matplotlib).

    Returns
    -------
    CorpusReport

    Raises
    ------
    InputError
        ``source`` holds no plan, the language is unknown, or the folder cannot be written.
    """
    import pandas as pd

    from . import comparison
    from ._queries import library

    if language not in _WORDS:
        raise InputError(f"unknown language {language!r}; choose zh or en")
    words = _WORDS[language]
    plans = comparison.plan_table(source)
    if plans.empty:
        raise InputError("no plan (pg:Plan) in the data to compare")
    shares = comparison.function_shares(source)
    network = comparison.function_network(source)
    higher = comparison.shared_with_higher_level(source)
    notes: list[str] = []
    indicators = None
    if INDICATOR_QUERY in library():
        from .sparql import query

        answer = query(source, INDICATOR_QUERY)
        indicators = answer if isinstance(answer, pd.DataFrame) else None
    else:
        notes.append(words["indicators skipped"].format(query=INDICATOR_QUERY))

    plans_out = plans.copy()
    plans_out["level"] = [_level_name(v, language) for v in plans["level"]]
    plan_columns = ["name", "title", "level", "government_label", "year", "tasks", "targets"]
    plan_columns += ["departments", "lead_links", "top_lead_tasks", "top_lead_label"]
    plan_columns += ["top_lead_share", "lead_hhi", "coordination_pairs", "density", "plan"]
    plans_out = plans_out[plan_columns]

    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the folder: {exc.strerror or exc}", source=str(folder)
        ) from exc
    if not folder.is_dir():
        raise InputError("not a folder", source=str(folder))

    from ._tables import write_table

    written: list[Path] = []
    tables: list[tuple[str, str, pd.DataFrame]] = [
        ("plans.csv", "plans", plans_out),
        ("functions.csv", "functions", shares),
        ("shared-with-higher-level.csv", "higher level", higher),
    ]
    if indicators is not None:
        tables.append(("indicators.csv", "indicators", indicators))
    for name, _sheet, frame in tables:
        written.append(write_table(frame, folder / name, fmt="csv"))
    written.append(_write_graphml(network, folder / "function-network.graphml"))
    written.append(_write_workbook([(s, f) for _n, s, f in tables], folder / "report.xlsx"))
    pictures: list[tuple[str, str]] = []
    if figures:
        from .corpus_plot import plot_function_heatmap, plot_function_network

        heatmap = plot_function_heatmap(source, language=language)  # type: ignore[arg-type]
        written.append(_write_png(heatmap, folder / "function-heatmap.png"))
        pictures.append(("function-heatmap.png", words["heatmap"]))
        drawing = plot_function_network(
            network,
            language=language,  # type: ignore[arg-type]
            min_weight=_NETWORK_MIN_WEIGHT if network.number_of_edges() > 60 else 1,
        )
        written.append(_write_png(drawing, folder / "function-network.png"))
        pictures.append(("function-network.png", words["network"]))
    text = _markdown(
        plans, plans_out, shares, network, higher, indicators, notes, pictures, language
    )
    report = folder / "report.md"
    _write_bytes(report, text.encode("utf-8"))
    written.append(report)
    return CorpusReport(folder, tuple(written), tuple(notes), len(plans))


def _write_bytes(path: Path, data: bytes) -> None:
    from ._atomic import atomic_path

    try:
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from exc


def _write_graphml(network: Any, path: Path) -> Path:
    import networkx as nx

    from ._atomic import atomic_path

    try:
        with atomic_path(path) as tmp:
            nx.write_graphml(network, tmp)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from exc
    return path


def _write_workbook(sheets: list[tuple[str, pd.DataFrame]], path: Path) -> Path:
    from ._atomic import atomic_path
    from ._tables import workbook

    book = workbook(sheets, str(path))
    try:
        with atomic_path(path) as tmp:
            book.save(tmp)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from exc
    return path


def _write_png(ax: Any, path: Path) -> Path:
    from ._atomic import atomic_path

    try:
        with atomic_path(path) as tmp:
            ax.figure.savefig(tmp, dpi=120, format="png")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(path)) from exc
    return path


def _cell(value: Any) -> str:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(header: list[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """A Markdown pipe table."""

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return [line(header), line("---" for _ in header), *(line(row) for row in rows)]


def _markdown(
    plans: pd.DataFrame,
    plans_out: pd.DataFrame,
    shares: pd.DataFrame,
    network: Any,
    higher: pd.DataFrame,
    indicators: pd.DataFrame | None,
    notes: list[str],
    pictures: list[tuple[str, str]],
    lang: str,
) -> str:
    words = _WORDS[lang]
    index = 0 if lang == "zh" else 1
    counts = plans_out["level"].value_counts()
    levels = ("、" if lang == "zh" else ", ").join(
        f"{name} {counts[name]}" for name in dict.fromkeys(plans_out["level"]) if name
    )
    lines = [f"# {words['title']}", ""]
    lines += [
        words["overview"].format(
            plans=len(plans),
            levels=levels,
            tasks=int(plans["tasks"].sum()),
            targets=int(plans["targets"].sum()),
        ),
        "",
    ]
    lines += [f"## {words['plans']}", "", words["plans intro"], ""]
    lines += _table(
        [h[index] for h in _PLAN_COLUMNS.values()],
        ([_cell(row[c]) for c in _PLAN_COLUMNS] for _, row in plans_out.iterrows()),
    )
    lines += ["", f"## {words['functions']}", "", words["functions intro"], ""]
    label = "label_zh" if lang == "zh" else "label_en"
    nodes = sorted(
        network.nodes(data=True), key=lambda item: (-item[1].get("led_tasks", 0), item[0])
    )
    led = [(d[label], d["led_tasks"], d["plans"]) for _n, d in nodes if d.get("led_tasks", 0)]
    head = ["职能", "牵头任务", "规划数"] if lang == "zh" else ["function", "tasks led", "plans"]
    lines += _table(head, ([str(x) for x in row] for row in led[:_SHOWN]))
    if len(led) > _SHOWN:
        lines += ["", words["more"].format(n=len(led) - _SHOWN, file="functions.csv")]
    lines += ["", f"## {words['pairs']}", "", words["pairs intro"], ""]
    edges = sorted(
        network.edges(data=True),
        key=lambda e: (-e[2]["weight"], -e[2]["plans"], e[0], e[1]),
    )
    head = ["职能", "职能", "共同任务", "规划数"] if lang == "zh" else ["function", "function"]
    if lang == "en":
        head += ["shared tasks", "plans"]
    lines += _table(
        head,
        (
            [network.nodes[a][label], network.nodes[b][label], str(d["weight"]), str(d["plans"])]
            for a, b, d in edges[:_SHOWN]
        ),
    )
    if len(edges) > _SHOWN:
        lines += ["", words["more"].format(n=len(edges) - _SHOWN, file="function-network.graphml")]
    lines += ["", f"## {words['higher']}", "", words["higher intro"], ""]
    if higher.empty:
        lines.append(words["none"])
    else:
        ranked = higher.assign(
            total=higher["functions"] + higher["indicators"] + higher["platforms"]
        ).sort_values(["total", "lower_name", "higher_name"], ascending=[False, True, True])
        head = (
            ["下级规划", "上级规划", "职能", "指标", "平台"]
            if lang == "zh"
            else ["plan", "higher-level plan", "functions", "indicators", "platforms"]
        )
        lines += _table(
            head,
            (
                [
                    str(r.lower_name),
                    str(r.higher_name),
                    str(r.functions),
                    str(r.indicators),
                    str(r.platforms),
                ]
                for r in ranked.head(_SHOWN).itertuples()
            ),
        )
        if len(ranked) > _SHOWN:
            more = words["more"].format(n=len(ranked) - _SHOWN, file="shared-with-higher-level.csv")
            lines += ["", more]
    lines += ["", f"## {words['indicators']}", ""]
    if indicators is None:
        lines += notes
    elif indicators.empty:
        lines.append(words["none"])
    else:
        lines += _table(
            ["指标", "规划", "原文措辞", "目标"]
            if lang == "zh"
            else ["indicator", "plan", "wording", "target"],
            _indicator_rows(indicators.head(_SHOWN), plans, lang),
        )
        if len(indicators) > _SHOWN:
            lines += ["", words["more"].format(n=len(indicators) - _SHOWN, file="indicators.csv")]
    if pictures:
        lines += ["", f"## {words['figures']}", ""]
        for name, caption in pictures:
            lines += [f"![{caption}]({name})", "", f"*{caption}*", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


#: comparator IRIs (local names) as the signs the report writes before a value
_SIGNS = {
    "AtLeast": "≥",
    "MoreThan": ">",
    "Approximately": "≈",
    "Exactly": "=",
    "Between": "∈",
    "AtMost": "≤",
    "LessThan": "<",
}


def _indicator_rows(indicators: pd.DataFrame, plans: pd.DataFrame, lang: str) -> list[list[str]]:
    """One Markdown row per target of ``cq16``: common indicator, plan name, wording, target.

    The CSV keeps the IRIs; the report shows names and a target as written in a table
    (``> 3.65 % (2027)``), never an IRI.
    """
    names = dict(zip(plans["plan"].map(str), plans["name"].map(str), strict=True))
    rows = []
    for r in indicators.itertuples(index=False):
        common = r.common_label_en if lang == "en" and r.common_label_en else r.common_label
        sign = _SIGNS.get(str(r.comparator).rsplit("#", 1)[-1], "")
        value = _number(r.value)
        if sign == "∈" and _cell(r.upper_value):
            value = f"{value}–{_number(r.upper_value)}"
            sign = ""
        target = f"{sign} {value} {_cell(r.unit)}".strip()
        if _cell(r.deadline):
            target += f" ({_cell(r.deadline)})"
        rows.append(
            [
                _cell(common),
                names.get(str(r.plan), _cell(r.plan_label)),
                _cell(r.indicator_label),
                target,
            ]
        )
    return rows


def _number(value: Any) -> str:
    """A target's value as a reader writes it: ``3.65``, ``6000``, never ``6000.000``.

    >>> _number(3.65), _number(6000.0), _number(None)
    ('3.65', '6000', '')
    """
    if isinstance(value, float) and value == value:
        return f"{value:,.10g}".replace(",", "") if not value.is_integer() else str(int(value))
    return _cell(value)
