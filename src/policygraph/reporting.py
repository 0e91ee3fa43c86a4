"""A report of a plan graph: figures and one Markdown page researchers can read and share.

:func:`write_report` writes, into one directory:

- ``report.md`` -- in Chinese or English: the plans (title, issuer, period, counts), the
  task table (lead, co-leads, supporting units), the target table (value, unit, comparator,
  deadline), the validation result and the department table of
  :func:`policygraph.network.department_metrics`;
- ``tasks.csv``, ``targets.csv``, ``departments.csv`` -- the same tables, for a spreadsheet or
  R (UTF-8 with a byte-order mark, so Excel reads the Chinese text);
- ``report.xlsx`` -- the three tables as sheets of one workbook, numbers as numbers;
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
 'report.xlsx', 'targets.csv', 'targets.png', 'tasks.csv']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rdflib import Graph

from ._atomic import atomic_path
from ._deprecation import renamed_language
from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FIGURES", "report_files", "report_tables", "write_report"]

#: the figure files :func:`write_report` writes, and what each shows
FIGURES: dict[str, str] = {
    "coresponsibility.png": "Co-responsibility network (部门协同网络)",
    "department-load.png": "Tasks led and supported per department (各部门牵头与配合任务数)",
    "targets.png": "Quantitative targets by deadline and indicator (量化目标)",
}

Lang = Literal["zh", "en"]

#: department-table columns shown in the report, with their headers in each language
_TABLE_COLUMNS: dict[str, tuple[str, str]] = {
    "label_zh": ("部门", "部门"),
    "label_en": ("英文名", "Department"),
    "led": ("牵头", "led"),
    "supported": ("配合", "supported"),
    "total": ("合计", "total"),
    "partners": ("协同部门数", "partners"),
    "weighted_degree": ("加权度", "weighted degree"),
    "betweenness": ("中介中心性", "betweenness"),
    "eigenvector": ("特征向量中心性", "eigenvector"),
    "closeness": ("接近中心性", "closeness"),
    "community": ("社区", "community"),
    "core_number": ("k-核", "k-core"),
    "constraint": ("结构约束", "constraint"),
}

#: what the measures of the department table mean (docs/network.md has the details)
_COLUMN_NOTES: dict[Lang, tuple[str, ...]] = {
    "en": (
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
    ),
    "zh": (
        "- **牵头**、**配合**、**合计**：责任单位条款中该部门列第一位（牵头）、列其后（配合）"
        "或出现的任务数。",
        "- **协同部门数**：与之至少共担一项任务的部门数；**加权度**：与这些部门共担的任务数之和。",
        "- **中介中心性**、**接近中心性**：以 1 / 共担任务数为距离（距离小于 1，故接近中心性"
        "可大于 1）；**特征向量中心性**：加权特征向量中心性。",
        "- **社区**：Louvain 社区（加权、固定种子），按规模编号；**k-核**：数值最高者为网络核心。",
        "- **结构约束**：Burt 结构约束；数值低的部门连接彼此不相连的部门（结构洞）。",
    ),
}

#: the words of ``report.md`` and of the table headers, in each language
_WORDS: dict[Lang, dict[str, str]] = {
    "zh": {
        "title": "policygraph 报告",
        "plans": "规划",
        "plan": "规划",
        "iri": "IRI",
        "issuer": "发文机关",
        "issued": "发布日期",
        "period": "规划期",
        "actions": "行动",
        "tasks": "任务",
        "goals": "发展目标",
        "safeguards": "保障措施",
        "responsibilities": "责任分工",
        "targets": "量化目标",
        "platform mentions": "平台提及",
        "departments": "部门",
        "department table": "部门",
        "platforms": "平台",
        "triples": "三元组",
        "task table": "任务分工",
        "target table": "量化目标",
        "no tasks": "该规划没有任务。",
        "no targets": "该规划没有量化目标。",
        "validation": "校验",
        "not run": "未运行校验（`policygraph validate` 可校验该图）。",
        "conforms": "该图**符合** policygraph 约束（{head}）。",
        "does not conform": "该图**不符合** policygraph 约束（{head}）。",
        "more": "……另有 {n} 条。",
        "dept intro": "各部门牵头与配合的任务数，及其在部门协同网络中的位置（部门之间以共担的任务"
        "相连；各指标见 policygraph 网络文档）。全部列见 `departments.csv`。",
        "figures": "图",
        "no plan": "该图没有 `pg:Plan`。",
        "whole plan": "全文",
        "severity": "级别",
        "focus node": "对象",
        "path": "属性",
        "message": "说明",
    },
    "en": {
        "title": "policygraph report",
        "plans": "Plans",
        "plan": "plan",
        "iri": "IRI",
        "issuer": "issuer",
        "issued": "issued",
        "period": "period",
        "actions": "actions",
        "tasks": "tasks",
        "goals": "goals",
        "safeguards": "safeguards",
        "responsibilities": "responsibilities",
        "targets": "targets",
        "platform mentions": "platform mentions",
        "departments": "departments",
        "department table": "Departments",
        "platforms": "platforms",
        "triples": "triples",
        "task table": "Tasks",
        "target table": "Targets",
        "no tasks": "The plan has no tasks.",
        "no targets": "The plan states no quantitative target.",
        "validation": "Validation",
        "not run": "Validation was not run (`policygraph validate` checks the graph).",
        "conforms": "The graph **conforms** to the policygraph shapes ({head}).",
        "does not conform": "The graph **does not conform** to the policygraph shapes ({head}).",
        "more": "… and {n} more.",
        "dept intro": "Tasks led and supported per department, and its position in the "
        "co-responsibility network (departments linked by the tasks they share; see the "
        "policygraph network documentation for each measure). All columns are in "
        "`departments.csv`.",
        "figures": "Figures",
        "no plan": "The graph holds no `pg:Plan`.",
        "whole plan": "the plan",
        "severity": "severity",
        "focus node": "focus node",
        "path": "path",
        "message": "message",
    },
}

#: the task and target tables' columns (CSV, xlsx and report.md), in each language
_TASK_HEADER: dict[Lang, list[str]] = {
    "zh": ["规划", "编号", "任务", "牵头单位", "共同牵头单位", "配合单位"],
    "en": ["plan", "no.", "task", "lead", "co-leads", "supporting units"],
}
_TARGET_HEADER: dict[Lang, list[str]] = {
    "zh": [
        "规划",
        "序号",
        "目标",
        "比较",
        "数值",
        "上限",
        "单位",
        "期限（年）",
        "周期",
        "所属部分",
    ],
    "en": [
        "plan",
        "no.",
        "target",
        "comparator",
        "value",
        "upper value",
        "unit",
        "deadline",
        "periodicity",
        "stated in",
    ],
}
_COMPARATOR: dict[Lang, dict[str, str]] = {
    "zh": {
        "AtLeast": "不低于",
        "MoreThan": "超过",
        "Approximately": "约",
        "Exactly": "等于",
        "AtMost": "不超过",
        "LessThan": "低于",
        "Between": "介于",
    },
    "en": {
        "AtLeast": "at least",
        "MoreThan": "more than",
        "Approximately": "about",
        "Exactly": "exactly",
        "AtMost": "at most",
        "LessThan": "less than",
        "Between": "between",
    },
}
_PERIODICITY: dict[Lang, dict[str, str]] = {
    "zh": {"Annual": "每年", "Cumulative": "累计"},
    "en": {"Annual": "every year", "Cumulative": "cumulative"},
}
_SHEETS: dict[Lang, tuple[str, str, str]] = {
    "zh": ("任务", "目标", "部门"),
    "en": ("tasks", "targets", "departments"),
}

_MAX_RESULTS = 50


def report_files(out_dir: str | os.PathLike[str], /) -> list[Path]:
    """The files :func:`write_report` writes into ``out_dir``, ``report.md`` last.

    Examples
    --------
    >>> [p.name for p in report_files("out")]  # doctest: +NORMALIZE_WHITESPACE
    ['coresponsibility.png', 'department-load.png', 'targets.png', 'tasks.csv',
     'targets.csv', 'departments.csv', 'report.xlsx', 'report.md']
    """
    out = Path(out_dir)
    names = (*FIGURES, "tasks.csv", "targets.csv", "departments.csv", "report.xlsx", "report.md")
    return [out / name for name in names]


def _lang(lang: str) -> Lang:
    return "en" if lang == "en" else "zh"


def _name(zh: str | None, en: str | None, lang: Lang) -> str:
    if lang == "en" and en:
        return en
    return zh or en or ""


def _names(zh: tuple[str, ...], en: tuple[str | None, ...], lang: Lang) -> str:
    english = en if len(en) == len(zh) else (None,) * len(zh)
    sep = "; " if lang == "en" else "、"
    return sep.join(_name(z, e, lang) for z, e in zip(zh, english, strict=True))


def _number(value: Decimal | None) -> int | float | None:
    """A target value for a spreadsheet: an int when whole, else a float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def report_tables(
    graph: Graph,
    /,
    lang: Literal["zh", "en"] = "zh",
    *,
    language: Literal["zh", "en"] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The task table and the target table of every plan in ``graph``.

    Parameters
    ----------
    graph : rdflib.Graph
        A plan graph (one or several plans).
    lang : {"zh", "en"}, default "zh"
        Language of the headers and names: English names where the graph has English labels.
    language : {"zh", "en"}, optional
        Deprecated name of ``lang``.

    Returns
    -------
    tasks, targets : pandas.DataFrame
        One row per task (plan, path, task, lead, co-leads, supporting units) and per target
        (plan, number, target, comparator, value, upper value, unit, deadline, periodicity,
        the path of the part that states it); values are numbers, deadlines integers.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> tasks, targets = report_tables(load_plan(), lang="en")
    >>> tasks.iloc[0]["lead"]
    'Municipal Science and Technology Bureau'
    >>> len(tasks), int(targets.iloc[0]["deadline"]), targets.iloc[0]["value"]
    (19, 2027, 3.65)
    """
    import pandas as pd

    from ._display import short_iri
    from .summary import summarize

    lang = _lang(renamed_language(lang, language, "report_tables"))
    task_rows: list[list[Any]] = []
    target_rows: list[list[Any]] = []
    for plan in summarize(graph):
        plan_id = short_iri(plan.iri)
        for task in plan.tasks:
            task_rows.append(
                [
                    plan_id,
                    task.path,
                    _name(task.label_zh, task.label_en, lang),
                    _name(task.lead, task.lead_en, lang),
                    _names(task.co_leads, task.co_leads_en, lang),
                    _names(task.support, task.support_en, lang),
                ]
            )
        for t in plan.targets:
            unit = t.unit
            if lang == "en" and t.unit_en and any(ord(c) > 0x2E7F for c in unit):
                unit = t.unit_en
            target_rows.append(
                [
                    plan_id,
                    int(t.iri.rsplit("/", 1)[-1]),
                    _name(t.label_zh, t.label_en, lang),
                    _COMPARATOR[lang].get(t.comparator, t.comparator),
                    _number(t.value),
                    _number(t.upper_value),
                    unit,
                    t.deadline,
                    _PERIODICITY[lang].get(t.periodicity or "", ""),
                    _WORDS[lang]["whole plan"]
                    if t.owner == plan.iri
                    else t.owner.rsplit("/", 1)[-1],
                ]
            )
    tasks = pd.DataFrame(task_rows, columns=_TASK_HEADER[lang])
    targets = pd.DataFrame(target_rows, columns=_TARGET_HEADER[lang], dtype=object)
    deadline = _TARGET_HEADER[lang][7]
    targets[deadline] = targets[deadline].astype("Int64")
    return tasks, targets


def write_report(
    graph: Graph,
    out_dir: str | os.PathLike[str],
    /,
    *,
    validation: Any | None = None,
    lang: Literal["auto", "zh", "en"] = "auto",
    language: Literal["auto", "zh", "en"] | None = None,
) -> Path:
    """Write the figures, the tables and ``report.md`` for a plan graph into ``out_dir``.

    Parameters
    ----------
    graph : rdflib.Graph
        A plan graph (one or several plans).
    out_dir : path-like
        The directory to write into; created if missing. Existing report files are replaced.
    validation : ValidationReport, optional
        The result of :func:`policygraph.validate` on ``graph``. Without it the report says
        that validation was not run.
    lang : {"auto", "zh", "en"}, default "auto"
        Language of ``report.md`` and the tables (``"auto"``: Chinese), and of the figures'
        labels, titles and legends (see :mod:`policygraph.plot`: ``"auto"`` is Chinese when a
        CJK font is installed, else English).
    language : {"auto", "zh", "en"}, optional
        Deprecated name of ``lang``.

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

    drawn = renamed_language(lang, language, "write_report")
    lang = _lang(drawn)
    out = Path(out_dir)
    *figures, tasks_file, targets_file, table_file, workbook, report = report_files(out)
    draws = {
        "coresponsibility.png": plot_coresponsibility,
        "department-load.png": plot_department_load,
        "targets.png": plot_targets,
    }
    try:
        out.mkdir(parents=True, exist_ok=True)
        for figure in figures:
            ax = draws[figure.name](graph, lang=drawn)
            _atomic_write(figure, lambda tmp, ax=ax: ax.figure.savefig(tmp, dpi=150))
        table = department_metrics(graph)
        tasks, targets = report_tables(graph, lang=lang)
        for frame, path, index in (
            (tasks, tasks_file, False),
            (targets, targets_file, False),
            (table, table_file, True),
        ):
            _atomic_write(
                path,
                lambda tmp, frame=frame, index=index: frame.to_csv(
                    tmp, encoding="utf-8-sig", index=index
                ),
            )
        _atomic_write(workbook, lambda tmp: _write_xlsx(tmp, tasks, targets, table, lang))
        text = _markdown(graph, table, tasks, targets, validation, lang)
        _atomic_write(report, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise InputError(
            f"cannot write the report: {exc.strerror or exc}", source=str(out)
        ) from exc
    return report


def _write_xlsx(
    path: str | os.PathLike[str],
    tasks: pd.DataFrame,
    targets: pd.DataFrame,
    table: pd.DataFrame,
    lang: Lang,
) -> None:
    """One workbook, a sheet per table, numbers as numbers and empty cells empty."""
    from ._tables import workbook

    frames = (tasks, targets, table.reset_index())
    sheets = [
        (title, frame.replace("", None)) for title, frame in zip(_SHEETS[lang], frames, strict=True)
    ]
    workbook(sheets, str(path)).save(path)


def _atomic_write(path: Path, write: Any) -> None:
    """Call ``write(tmp)`` on a temporary file next to ``path``, then rename it to ``path``."""
    with atomic_path(path) as tmp:
        write(tmp)


def _markdown(
    graph: Graph,
    table: pd.DataFrame,
    tasks: pd.DataFrame,
    targets: pd.DataFrame,
    validation: Any | None,
    lang: Lang,
) -> str:
    from ._display import short_iri
    from .summary import summarize

    words = _WORDS[lang]
    lines = [f"# {words['title']}", ""]
    lines += [f"## {words['plans']}", ""]
    plans = summarize(graph)
    if not plans:
        lines += [words["no plan"], ""]
    plan_column = _TASK_HEADER[lang][0]
    for plan in plans:
        title = _name(plan.title_zh, plan.title_en, lang)
        lines += [f"### {title}", ""]
        other = plan.title_en if lang == "zh" else plan.title_zh
        if other and other != title:
            lines += [f"*{other}*", ""]
        plan_id = short_iri(plan.iri)
        facts = [(words["iri"], f"`{plan_id}`")]
        if plan.issuer:
            facts.append((words["issuer"], _name(plan.issuer, plan.issuer_en, lang)))
        if plan.period:
            facts.append((words["period"], f"{plan.period[0]}–{plan.period[1]}"))
        if plan.issued:
            facts.append((words["issued"], str(plan.issued)))
        facts += [(words.get(name, name), str(count)) for name, count in plan.counts.items()]
        lines += _table(["", ""], facts)
        lines += ["", f"#### {words['task table']}", ""]
        rows = tasks[tasks[plan_column] == plan_id].drop(columns=plan_column)
        if len(rows):
            lines += _table(
                list(rows.columns), ([_plain(v) for v in r] for r in rows.itertuples(index=False))
            )
        else:
            lines.append(words["no tasks"])
        lines += ["", f"#### {words['target table']}", ""]
        rows = targets[targets[plan_column] == plan_id].drop(columns=plan_column)
        if len(rows):
            lines += _table(
                list(rows.columns), ([_plain(v) for v in r] for r in rows.itertuples(index=False))
            )
        else:
            lines.append(words["no targets"])
        lines.append("")
    lines += [f"## {words['validation']}", "", *_validation_lines(validation, lang), ""]
    lines += [f"## {words['department table']}", "", words["dept intro"], ""]
    rows_out = []
    for rank, (_iri, row) in enumerate(table.iterrows(), start=1):
        rows_out.append([str(rank), *(_cell(row[column]) for column in _TABLE_COLUMNS)])
    index = 0 if lang == "zh" else 1
    lines += _table(["#", *(h[index] for h in _TABLE_COLUMNS.values())], rows_out)
    lines += ["", *_COLUMN_NOTES[lang]]
    lines += ["", f"## {words['figures']}", ""]
    for name, caption in FIGURES.items():
        english, chinese = caption[:-1].split(" (")
        caption = chinese if lang == "zh" else english
        lines += [f"![{caption}]({name})", "", f"*{caption}*", ""]
    return "\n".join(lines)


def _validation_lines(validation: Any | None, lang: Lang) -> list[str]:
    words = _WORDS[lang]
    if validation is None:
        return [words["not run"]]
    conforms = bool(getattr(validation, "conforms", False))
    results = list(getattr(validation, "results", ()) or ())
    summary = getattr(validation, "summary", None)
    if callable(summary):
        head = summary(lang=lang)
    else:
        head = "conforms" if conforms else f"{len(results)} result(s)"
    lines = [words["conforms" if conforms else "does not conform"].format(head=head), ""]
    from ._validation_format import result_cells

    rows = []
    for result in results[:_MAX_RESULTS]:
        severity, path, message = result_cells(result, lang)
        focus = str(getattr(result, "focus_node", "") or "")
        label = getattr(result, "label_zh", None)
        rows.append([severity, f"{focus} ({label})" if label else focus, path, message])
    if rows:
        lines += _table([words[k] for k in ("severity", "focus node", "path", "message")], rows)
    if len(results) > _MAX_RESULTS:
        lines += ["", words["more"].format(n=len(results) - _MAX_RESULTS)]
    return lines


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.3f}"  # NaN -> empty
    return str(value)


def _plain(value: Any) -> str:
    """A cell of the task or target table: numbers as the plan wrote them, missing empty."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _table(header: list[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """A Markdown pipe table (pandas' ``to_markdown`` needs the optional ``tabulate``)."""

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    return [line(header), line("---" for _ in header), *(line(row) for row in rows)]
