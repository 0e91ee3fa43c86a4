"""``policygraph report [FILE...] [--lang zh|en] [-o DIR]``: a readable summary of each plan."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ._inputs import (
    add_graph_files,
    add_lang,
    add_output,
    input_paths,
    load_inputs,
    refuse_overwrite,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..summary import PlanSummary, TargetSummary, TaskSummary

HELP = "print a summary: actions, tasks with lead and supporting departments, targets"

DESCRIPTION = """\
Print what a plan graph says: the plan's title, issuer, date and period; the schemes it
declares; every action and task with its lead department and supporting departments in
the order of the 责任单位 clause; every quantitative target with value, unit, comparator,
deadline and periodicity; and the validation result. Without FILE, the bundled Jiaxing
'315' plan. Every word follows --lang; with --lang en, departments, the issuer and units
are in English where the graph has English labels. With -o DIR, also write into DIR
report.md (with the task and target tables), the tables as tasks.csv, targets.csv and
departments.csv (UTF-8 with BOM, for Excel) and report.xlsx, and the figures."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_files(p)
    add_lang(p)
    add_output(
        p,
        metavar="DIR",
        help="also write report.md, the tables (CSV, xlsx) and the figures into DIR",
    )
    p.add_argument("--no-validate", action="store_true", help="skip the validation summary")
    p.set_defaults(func=run)


#: every word the printed report shows, in each language
TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "plan": "规划",
        "issuer": "发文机关",
        "issued": "发布日期",
        "period": "规划期",
        "counts": "{actions} 个行动，{tasks} 项任务，{targets} 个目标，{departments} 个部门，"
        "{platforms} 个平台",
        "scheme": "{title}：声明 {declared} 个，列出 {named} 个（{members}）",
        "goals": "发展目标：",
        "tasks": "任务（{n}）：",
        "other tasks": "其他任务（{n}）：",
        "safeguards": "保障措施：",
        "platforms": "平台（{n}），按提及的部分数排序：",
        "all targets": "全部目标（{n}）：",
        "lead": "牵头：",
        "co-lead": "共同牵头：",
        "support": "配合：",
        "target": "目标：",
        "none": "（无）",
        "unknown": "（未注明）",
        "by": "到{year}年",
        "no deadline": "未定期限",
        "Annual": "，每年",
        "Cumulative": "，累计",
        "validation": "校验：",
        "wrote": "已写入",
        "sep": "、",
    },
    "en": {
        "plan": "plan",
        "issuer": "issuer",
        "issued": "issued",
        "period": "period",
        "counts": "{actions} actions, {tasks} tasks, {targets} targets, {departments} departments, "
        "{platforms} platforms",
        "scheme": "{title}: {declared} declared, {named} named ({members})",
        "goals": "Goals:",
        "tasks": "Tasks ({n}):",
        "other tasks": "Other tasks ({n}):",
        "safeguards": "Safeguards:",
        "platforms": "Platforms ({n}), by number of parts that mention them:",
        "all targets": "All targets ({n}):",
        "lead": "lead:",
        "co-lead": "co-lead:",
        "support": "support:",
        "target": "target:",
        "none": "(none)",
        "unknown": "?",
        "by": "by {year}",
        "no deadline": "no deadline",
        "Annual": ", every year",
        "Cumulative": ", cumulative",
        "validation": "Validation: ",
        "wrote": "wrote",
        "sep": "; ",
    },
}


#: display columns of the row keys (牵头：, support:) under a task
_KEY_WIDTH = 11


def _name(zh: str | None, en: str | None, lang: str) -> str:
    if lang == "en" and en:
        return en
    return zh or en or "?"


def _names(zh: tuple[str, ...], en: tuple[str | None, ...], lang: str) -> str:
    """Department names joined in the language's way (English where a label exists)."""
    english = en if len(en) == len(zh) else (None,) * len(zh)
    return TEXT[lang]["sep"].join(_name(z, e, lang) for z, e in zip(zh, english, strict=True))


def _target_line(t: TargetSummary, lang: str) -> str:
    from .._display import pad
    from ..summary import comparator_text

    words = TEXT[lang]
    when = words["by"].format(year=t.deadline) if t.deadline else words["no deadline"]
    every = words.get(t.periodicity or "", "") if t.periodicity in ("Annual", "Cumulative") else ""
    name = _name(t.label_zh, t.label_en, lang)
    return f"{pad(comparator_text(t, lang=lang), 18)} {pad(when + every, 20)}  — {name}"


def _print_task(task: TaskSummary, lang: str) -> None:
    from .._display import pad

    words = TEXT[lang]

    def row(key: str, text: str) -> None:
        print(f"        {pad(words[key], _KEY_WIDTH)}{text}")

    print(f"  {task.path}  {_name(task.label_zh, task.label_en, lang)}")
    lead = _name(task.lead, task.lead_en, lang) if task.lead else words["none"]
    row("lead", lead)
    if task.co_leads:
        row("co-lead", _names(task.co_leads, task.co_leads_en, lang))
    if task.support:
        row("support", _names(task.support, task.support_en, lang))
    for t in task.targets:
        row("target", _target_line(t, lang))


def _print_plan(p: PlanSummary, lang: str) -> None:
    from .._display import pad, short_iri

    words = TEXT[lang]
    label = 10
    print(_name(p.title_zh, p.title_en, lang))
    print(f"  {pad(words['plan'], label)}{short_iri(p.iri)}")
    issuer = _name(p.issuer, p.issuer_en, lang) if p.issuer else words["unknown"]
    print(f"  {pad(words['issuer'], label)}{issuer}")
    print(f"  {pad(words['issued'], label)}{p.issued or words['unknown']}")
    if p.period:
        print(f"  {pad(words['period'], label)}{p.period[0]}–{p.period[1]}")
    print("  " + words["counts"].format(**p.counts))
    english = (
        p.schemes_en if len(p.schemes_en) == len(p.schemes) else ((None, ()),) * len(p.schemes)
    )
    for (title, declared, members), (title_en, members_en) in zip(p.schemes, english, strict=True):
        print(
            "  "
            + words["scheme"].format(
                title=_name(title, title_en, lang),
                declared=declared if declared is not None else "?",
                named=len(members),
                members=_names(members, members_en, lang),
            )
        )
    if p.goals:
        print("\n" + words["goals"])
        for part in p.goals:
            print(f"  {_name(part.label_zh, part.label_en, lang)}")
            for t in part.targets:
                print(f"        {pad(words['target'], _KEY_WIDTH)}{_target_line(t, lang)}")
    for i, action in enumerate(p.actions, start=1):
        print(f"\n{i}. {_name(action.label_zh, action.label_en, lang)}")
        for task in action.tasks:
            _print_task(task, lang)
    if p.other_tasks:
        key = "other tasks" if p.actions else "tasks"
        print("\n" + words[key].format(n=len(p.other_tasks)))
        for task in p.other_tasks:
            _print_task(task, lang)
    if p.safeguards:
        print("\n" + words["safeguards"])
        for part in p.safeguards:
            print(f"  {_name(part.label_zh, part.label_en, lang)}")
            for t in part.targets:
                print(f"        {pad(words['target'], _KEY_WIDTH)}{_target_line(t, lang)}")
    if p.platforms:
        print("\n" + words["platforms"].format(n=len(p.platforms)))
        for pl in p.platforms:
            kind = f" [{pl.kind}]" if pl.kind else ""
            print(f"  {pl.mentions}×  {_name(pl.label_zh, pl.label_en, lang)}{kind}")
    print("\n" + words["all targets"].format(n=len(p.targets)))
    for t in p.targets:
        print(f"  {_target_line(t, lang)}")


def run(args: argparse.Namespace) -> int:
    from ..summary import summarize

    if args.output:
        from ..reporting import report_files

        refuse_overwrite(report_files(args.output), input_paths(args.files))
    graph = load_inputs(args.files)
    plans = summarize(graph)
    if not plans:
        from ..errors import InputError

        raise InputError("the input holds no pg:Plan", source=" ".join(args.files) or None)
    for n, plan in enumerate(plans):
        if n:
            print("\n" + "=" * 72 + "\n")
        _print_plan(plan, args.lang)
    report = None
    if not args.no_validate:
        from ..validation import validate

        report = validate(graph)
        print(f"\n{TEXT[args.lang]['validation']}{report.summary(lang=args.lang)}")
    if args.output:
        from ..reporting import write_report

        path = write_report(graph, args.output, validation=report, lang=args.lang)
        print(f"\n{TEXT[args.lang]['wrote']} {path}")
    return 0
