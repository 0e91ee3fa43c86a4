"""A report of a plan graph: figures and one Markdown page researchers can read and share.

:func:`write_report` writes, into one directory:

- ``report.md`` -- the plans (title, period, counts), the validation result, and the
  department table of :func:`policygraph.network.department_metrics`;
- ``departments.csv`` -- the same table, every column, for a spreadsheet or R;
- ``coresponsibility.png``, ``department-load.png``, ``targets.png`` -- the figures of
  :mod:`policygraph.plot`.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from policygraph import load_plan
>>> from policygraph.reporting import write_report
>>> with tempfile.TemporaryDirectory() as out:
...     report = write_report(load_plan(), out)
...     written = sorted(p.name for p in Path(out).iterdir())
>>> report.name
'report.md'
>>> written  # doctest: +NORMALIZE_WHITESPACE
['coresponsibility.png', 'department-load.png', 'departments.csv', 'report.md',
 'targets.png']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rdflib import Graph

from ._atomic import atomic_path
from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FIGURES", "report_files", "write_report"]

#: the figure files :func:`write_report` writes, and what each shows
FIGURES: dict[str, str] = {
    "coresponsibility.png": "Co-responsibility network (部门协同网络)",
    "department-load.png": "Tasks led and supported per department (各部门牵头与配合任务数)",
    "targets.png": "Quantitative targets by deadline and indicator (量化目标)",
}

#: department-table columns shown in the report, with their headers
_TABLE_COLUMNS: dict[str, str] = {
    "label_zh": "部门",
    "label_en": "Department",
    "led": "led",
    "supported": "supported",
    "total": "total",
    "partners": "partners",
    "weighted_degree": "weighted degree",
    "betweenness": "betweenness",
    "eigenvector": "eigenvector",
    "closeness": "closeness",
    "community": "community",
    "core_number": "k-core",
    "constraint": "constraint",
}

#: what the measures of the department table mean (docs/network.md has the details)
_COLUMN_NOTES: tuple[str, ...] = (
    "- **led**, **supported**, **total**: tasks whose 责任单位 clause names the department "
    "first (lead), later (support), or at all.",
    "- **partners**: departments it shares at least one task with; **weighted degree**: "
    "the tasks shared, summed over those partners.",
    "- **betweenness**, **closeness**: centrality with distance 1 / shared tasks "
    "(closeness may exceed 1 because distances are below 1); **eigenvector**: weighted "
    "eigenvector centrality.",
    "- **community**: Louvain community (weighted, seeded), numbered by size; **k-core**: "
    "the core of the network has the highest value.",
    "- **constraint**: Burt's constraint; low values mark brokers that link otherwise "
    "unconnected partners.",
)

_MAX_RESULTS = 50


def report_files(out_dir: str | os.PathLike[str], /) -> list[Path]:
    """The files :func:`write_report` writes into ``out_dir``, ``report.md`` last.

    Examples
    --------
    >>> [p.name for p in report_files("out")]  # doctest: +NORMALIZE_WHITESPACE
    ['coresponsibility.png', 'department-load.png', 'targets.png', 'departments.csv',
     'report.md']
    """
    out = Path(out_dir)
    return [out / name for name in (*FIGURES, "departments.csv", "report.md")]


def write_report(
    graph: Graph,
    out_dir: str | os.PathLike[str],
    /,
    *,
    validation: Any | None = None,
    language: Literal["auto", "zh", "en"] = "auto",
) -> Path:
    """Write the figures and ``report.md`` for a plan graph into ``out_dir``.

    Parameters
    ----------
    graph : rdflib.Graph
        A plan graph (one or several plans).
    out_dir : path-like
        The directory to write into; created if missing. Existing report files are replaced.
    validation : ValidationReport, optional
        The result of :func:`policygraph.validate` on ``graph``. Without it the report says
        that validation was not run.
    language : {"auto", "zh", "en"}, default "auto"
        Language of the figures' labels, titles and legends (see :mod:`policygraph.plot`):
        ``"auto"`` is Chinese when a CJK font is installed, else English.

    Returns
    -------
    pathlib.Path
        The path of ``report.md``.

    Raises
    ------
    InputError
        ``out_dir`` cannot be created or written.
    """
    from .network import department_metrics
    from .plot import plot_coresponsibility, plot_department_load, plot_targets

    out = Path(out_dir)
    *figures, table_file, report = report_files(out)
    draws = {
        "coresponsibility.png": plot_coresponsibility,
        "department-load.png": plot_department_load,
        "targets.png": plot_targets,
    }
    try:
        out.mkdir(parents=True, exist_ok=True)
        for figure in figures:
            ax = draws[figure.name](graph, language=language)
            _atomic_write(figure, lambda tmp, ax=ax: ax.figure.savefig(tmp, dpi=150))
        table = department_metrics(graph)
        _atomic_write(table_file, lambda tmp: table.to_csv(tmp, encoding="utf-8"))
        text = _markdown(graph, table, validation)
        _atomic_write(report, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise InputError(
            f"cannot write the report: {exc.strerror or exc}", source=str(out)
        ) from exc
    return report


def _atomic_write(path: Path, write: Any) -> None:
    """Call ``write(tmp)`` on a temporary file next to ``path``, then rename it to ``path``."""
    with atomic_path(path) as tmp:
        write(tmp)


def _markdown(graph: Graph, table: pd.DataFrame, validation: Any | None) -> str:
    from .summary import summarize

    lines = ["# policygraph report", ""]
    lines += ["## Plans", ""]
    plans = summarize(graph)
    if not plans:
        lines += ["The graph holds no `pg:Plan`.", ""]
    for plan in plans:
        lines.append(f"### {plan.title_zh}")
        lines.append("")
        if plan.title_en:
            lines += [f"*{plan.title_en}*", ""]
        facts = [("IRI", f"<{plan.iri}>")]
        if plan.period:
            facts.append(("period", f"{plan.period[0]}–{plan.period[1]}"))
        if plan.issued:
            facts.append(("issued", str(plan.issued)))
        facts += [(name, str(count)) for name, count in plan.counts.items()]
        lines += _table(["", ""], facts)
        lines.append("")
    lines += ["## Validation", "", *_validation_lines(validation), ""]
    lines += ["## Departments", ""]
    lines.append(
        "Tasks led and supported per department, and its position in the co-responsibility "
        "network (departments linked by the tasks they share; see the policygraph "
        "network documentation for each measure). All columns are in `departments.csv`."
    )
    lines.append("")
    rows = []
    for rank, (_iri, row) in enumerate(table.iterrows(), start=1):
        rows.append([str(rank), *(_cell(row[column]) for column in _TABLE_COLUMNS)])
    lines += _table(["#", *_TABLE_COLUMNS.values()], rows)
    lines += ["", *_COLUMN_NOTES]
    lines += ["", "## Figures", ""]
    for name, caption in FIGURES.items():
        lines += [f"![{caption}]({name})", "", f"*{caption}*", ""]
    return "\n".join(lines)


def _validation_lines(validation: Any | None) -> list[str]:
    if validation is None:
        return ["Validation was not run (`policygraph validate` checks the graph)."]
    conforms = bool(getattr(validation, "conforms", False))
    results = list(getattr(validation, "results", ()) or ())
    summary = getattr(validation, "summary", None)
    if callable(summary):
        head = f"{summary(lang='en')} / {summary(lang='zh')}"
    else:
        head = "conforms" if conforms else f"does not conform: {len(results)} result(s)"
    verdict = "conforms" if conforms else "does not conform"
    lines = [f"The graph **{verdict}** to the policygraph shapes ({head}).", ""]
    rows = []
    for result in results[:_MAX_RESULTS]:
        zh = getattr(result, "message_zh", None)
        en = getattr(result, "message_en", None)
        message = " / ".join(m for m in (zh, en) if m) or _text(getattr(result, "message", result))
        focus = _text(getattr(result, "focus_node", ""))
        label = getattr(result, "label_zh", None)
        rows.append(
            [
                _text(getattr(result, "severity", "")),
                f"{focus} ({label})" if label else focus,
                _text(getattr(result, "path", "")),
                message,
            ]
        )
    if rows:
        lines += _table(["severity", "focus node", "path", "message"], rows)
    if len(results) > _MAX_RESULTS:
        lines += ["", f"… and {len(results) - _MAX_RESULTS} more."]
    return lines


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.3f}"  # NaN -> empty
    return str(value)


def _table(header: list[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """A Markdown pipe table (pandas' ``to_markdown`` needs the optional ``tabulate``)."""

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return [line(header), line("---" for _ in header), *(line(row) for row in rows)]
