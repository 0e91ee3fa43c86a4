r"""Why the extractor read a plan the way it did: a text view to trust or correct the result.

For each task: where its segment starts and ends, the note that closes it as written, and
the units read from it with their roles and ranks. For each number of the text: whether it
was read as a target and why; for a target, the words read, the value, unit, comparator,
deadline and periodicity. The warnings close the view. Positions are ``line:column`` of the
text (1-based), as in warnings.

Examples
--------
>>> from policygraph.extraction import read_plan
>>> doc, readings = read_plan('''某市促进就业的若干意见
... 一、支持企业
... （一）稳定岗位。落实稳岗返还。（人社局、财政局负责）扩大补贴范围。（财政局负责）
... ''', source_name="plan.txt")
>>> print("\n".join(explain(doc, readings)[:6]))
plan.txt: 2 tasks, 0 targets
task 1-1-1 «稳定岗位» at 3:1
  note 3:16 （人社局、财政局负责）
  units 1 人社局 lead · 2 财政局 support
task 1-1-2 «扩大补贴范围» at 3:27
  note 3:34 （财政局负责）
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import PlanDocument, Target
from ._text import LineMap
from .targets import NumberReading

__all__ = ["explain"]


def _where(lines: LineMap, offset: int) -> str:
    line, column = lines.position(offset)
    return f"{line}:{column}"


def explain(doc: PlanDocument, readings: Sequence[NumberReading], /) -> list[str]:
    """Return the lines of the explanation of ``doc`` (see the module docstring).

    Parameters
    ----------
    doc : PlanDocument
        An extracted plan.
    readings : sequence of NumberReading
        Its numbers, as :func:`~policygraph.extraction.read_plan` read them.

    Returns
    -------
    list of str
        One line per fact: tasks first, then numbers, then warnings.
    """
    lines = LineMap(doc.source)
    tasks = doc.tasks
    targets = doc.all_targets()
    out = [f"{doc.source_name}: {len(tasks)} tasks, {len(targets)} targets"]
    if doc.standing and doc.standing_span is not None:
        names = "、".join(r.department for r in doc.standing)
        out.append(
            f"standing note {_where(lines, doc.standing_span.start)}: {names}"
            " (every later task; recorded on the plan)"
        )
    for task in tasks:
        out.append(f"task {task.path} «{task.title}» at {_where(lines, task.span.start)}")
        if task.responsibility_span is not None:
            note = task.responsibility_span
            out.append(f"  note {_where(lines, note.start)} {note.text(doc.source)}")
        elif task.responsibilities:
            out.append("  note of the group above it (no note of its own)")
        units = " · ".join(f"{r.rank} {r.department} {r.role}" for r in task.responsibilities)
        out.append(f"  units {units}")
    for reading in readings:
        if reading.target is not None:
            out.append(_target_line(lines, reading.target, reading.reason))
        else:
            where = _where(lines, reading.span.start)
            out.append(f"number {where} «{reading.text}»: not a target ({reading.reason})")
    out.extend(f"warning {w}" for w in doc.warnings)
    return out


def _target_line(lines: LineMap, t: Target, reason: str) -> str:
    value = f"{t.value}" if t.upper_value is None else f"{t.value}–{t.upper_value}"
    facts = [f"{value} {t.unit}", t.comparator]
    if t.deadline is not None:
        facts.append(f"by {t.deadline}" + (" (plan end)" if t.deadline_implied else ""))
    if t.periodicity:
        facts.append(t.periodicity)
    return f"target {_where(lines, t.span.start)} «{t.text}»: " + ", ".join(facts) + f" ({reason})"
