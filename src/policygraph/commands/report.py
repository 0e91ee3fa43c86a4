"""``policygraph report [FILE...] [--lang zh|en] [--out DIR]``: a readable summary of each plan."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ._inputs import add_graph_files, input_paths, load_inputs, refuse_overwrite

if TYPE_CHECKING:  # pragma: no cover
    from ..summary import PlanSummary, TargetSummary, TaskSummary

HELP = "print a summary: actions, tasks with lead and supporting departments, targets"

DESCRIPTION = """\
Print what a plan graph says: the plan's title, issuer, date and period; the schemes it
declares; every action and task with its lead department and supporting departments in
the order of the 责任单位 clause; every quantitative target with value, unit, comparator,
deadline and periodicity; and the validation result. Without FILE, the bundled Jiaxing
'315' plan. With --out DIR, also write the figures and a Markdown report into DIR."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help=HELP,
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_files(p)
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="label language (default zh)")
    p.add_argument("--out", metavar="DIR", help="also write figures and report.md into DIR")
    p.add_argument("--no-validate", action="store_true", help="skip the validation summary")
    p.set_defaults(func=run)


def _name(zh: str | None, en: str | None, lang: str) -> str:
    if lang == "en" and en:
        return en
    return zh or en or "?"


def _target_line(t: TargetSummary, lang: str) -> str:
    from ..summary import comparator_text

    when = f"by {t.deadline}" if t.deadline else "no deadline"
    every = {"Annual": ", every year", "Cumulative": ", cumulative"}.get(t.periodicity or "", "")
    return f"{comparator_text(t):<18} {when}{every}  — {_name(t.label_zh, t.label_en, lang)}"


def _print_task(task: TaskSummary, lang: str) -> None:
    print(f"  {task.path}  {_name(task.label_zh, task.label_en, lang)}")
    print(f"        lead:    {task.lead or '(none)'}")
    if task.co_leads:
        print(f"        co-lead: {'、'.join(task.co_leads)}")
    if task.support:
        print(f"        support: {'、'.join(task.support)}")
    for t in task.targets:
        print(f"        target:  {_target_line(t, lang)}")


def _print_plan(p: PlanSummary, lang: str) -> None:
    print(_name(p.title_zh, p.title_en, lang))
    print(f"  plan      {p.iri}")
    print(f"  issuer    {p.issuer or '?'}    issued {p.issued or '?'}", end="")
    print(f"    period {p.period[0]}–{p.period[1]}" if p.period else "")
    c = p.counts
    print(
        f"  {c['actions']} actions, {c['tasks']} tasks, {c['targets']} targets, "
        f"{c['departments']} departments, {c['platforms']} platforms"
    )
    for title, declared, members in p.schemes:
        named = "、".join(members)
        print(
            f"  {title}: {declared if declared is not None else '?'} declared, "
            f"{len(members)} named ({named})"
        )
    if p.goals:
        print("\nGoals:" if lang == "en" else "\n发展目标：")
        for part in p.goals:
            print(f"  {_name(part.label_zh, part.label_en, lang)}")
            for t in part.targets:
                print(f"        target:  {_target_line(t, lang)}")
    for i, action in enumerate(p.actions, start=1):
        print(f"\n{i}. {_name(action.label_zh, action.label_en, lang)}")
        for task in action.tasks:
            _print_task(task, lang)
    if p.other_tasks:
        heading = "Tasks" if lang == "en" else "任务"
        if p.actions:
            heading = "Other tasks" if lang == "en" else "其他任务"
        print(f"\n{heading} ({len(p.other_tasks)}):" if lang == "en" else f"\n{heading}：")
        for task in p.other_tasks:
            _print_task(task, lang)
    if p.safeguards:
        print("\nSafeguards:" if lang == "en" else "\n保障措施：")
        for part in p.safeguards:
            print(f"  {_name(part.label_zh, part.label_en, lang)}")
            for t in part.targets:
                print(f"        target:  {_target_line(t, lang)}")
    if p.platforms:
        print(f"\nPlatforms ({len(p.platforms)}), by number of parts that mention them:")
        for pl in p.platforms:
            kind = f" [{pl.kind}]" if pl.kind else ""
            print(f"  {pl.mentions}×  {_name(pl.label_zh, pl.label_en, lang)}{kind}")
    print(f"\nAll targets ({len(p.targets)}):")
    for t in p.targets:
        print(f"  {_target_line(t, lang)}")


def run(args: argparse.Namespace) -> int:
    from ..summary import summarize

    if args.out:
        from ..reporting import report_files

        refuse_overwrite(report_files(args.out), input_paths(args.files))
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
        heading = "Validation: " if args.lang == "en" else "校验："
        print(f"\n{heading}{report.summary(lang=args.lang)}")
    if args.out:
        from ..reporting import write_report

        path = write_report(graph, args.out, validation=report, language=args.lang)
        print(f"\nwrote {path}")
    return 0
