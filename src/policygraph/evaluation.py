r"""Score the extractor against a gold annotation of plans made by reading them.

A corpus folder holds ``texts/*.txt`` and ``gold.json``: per file, ``tasks`` (``title``, an
exact substring at the start of the task's segment, and ``depts``, its units in written
order, lead first) and ``targets`` (``value`` and ``unit`` as written). Each text is
extracted without curation and read back through the vocabulary contract (``pg:Task`` with
``pg:lead`` and ranked ``pg:Responsibility``; ``pg:Target`` with ``pg:value`` and
``pg:unit``):

- a task is **exact** when one task's label contains the gold title (the shortest such
  label if several do), its lead is the gold's first unit, and its units in rank order equal
  the gold list;
- a target is **hit** when an extracted target has the gold value and unit, each extracted
  target counting once; precision is hits over targets extracted.

Names compare after folding full- and half-width forms, ``〔〕`` to ``()`` and blanks.

Examples
--------
>>> import json, tempfile
>>> from pathlib import Path
>>> from policygraph.evaluation import score_corpus
>>> root = Path(tempfile.mkdtemp())
>>> (root / "texts").mkdir()
>>> _ = (root / "texts" / "a.txt").write_text(
...     "某市行动方案\n一、任务\n"
...     "（一）建设平台。新建实验室10家以上。（市科技局牵头，市财政局配合）\n",
...     encoding="utf-8")
>>> gold = {"a.txt": {"tasks": [{"title": "建设平台", "depts": ["市科技局", "市财政局"]}],
...                   "targets": [{"value": 10, "unit": "家"}]}}
>>> _ = (root / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
>>> (plan,) = score_corpus(root)
>>> plan.tasks_exact, plan.tasks, plan.target_hits, plan.targets, plan.targets_extracted
(1, 1, 1, 1, 1)
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["PlanScore", "score_corpus", "score_graph", "totals"]


@dataclass(frozen=True)
class PlanScore:
    """The score of one plan: counts, and the misses that explain them."""

    name: str
    tasks: int
    tasks_exact: int
    tasks_extracted: int
    targets: int
    target_hits: int
    targets_extracted: int
    error: str | None = None
    task_misses: tuple[str, ...] = field(default=(), repr=False)
    target_misses: tuple[str, ...] = field(default=(), repr=False)
    target_extras: tuple[str, ...] = field(default=(), repr=False)


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", str(s))
    return s.replace("〔", "(").replace("〕", ")").replace(" ", "").strip()


def _zh(g: Graph, node: Node | None) -> str | None:
    from rdflib import RDFS

    from .vocab import SKOS

    for o in list(g.objects(node, SKOS.prefLabel)) + list(g.objects(node, RDFS.label)):
        language = getattr(o, "language", None)
        if language and language.lower().startswith("zh"):
            return str(o)
    return None


def _tasks(g: Graph) -> list[tuple[str, list[str], str | None]]:
    from rdflib import RDF

    from .vocab import PG

    out = []
    for t in set(g.subjects(RDF.type, PG.Task)):
        ranked = []
        for r in g.subjects(PG.task, t):
            dept = g.value(r, PG.department)
            rank = g.value(r, PG.rank)
            ranked.append((int(str(rank)) if rank is not None else 999, _zh(g, dept) or str(dept)))
        lead = g.value(t, PG.lead)
        out.append(
            (
                _zh(g, t) or "",
                [name for _, name in sorted(ranked)],
                _zh(g, lead) if lead is not None else None,
            )
        )
    return out


def _targets(g: Graph) -> list[tuple[float | None, str | None]]:
    from rdflib import RDF

    from .vocab import PG, SKOS

    out: list[tuple[float | None, str | None]] = []
    for t in set(g.subjects(RDF.type, PG.Target)):
        v, u = g.value(t, PG.value), g.value(t, PG.unit)
        # the notation as written, "" included (a bare 5亿); the label only without one
        notation = None if u is None else g.value(u, SKOS.notation)
        unit = _zh(g, u) if notation is None and u is not None else notation
        try:
            value = float(str(v)) if v is not None else None
        except ValueError:
            value = None
        out.append((value, None if unit is None else str(unit)))
    return out


def _value_eq(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= max(1e-6, 1e-3 * abs(b))


def _unit_eq(found: str | None, gold: str) -> bool:
    if found is None:
        return not gold
    f, g = _norm(found), _norm(gold)
    return f == g or (bool(f) and bool(g) and (f.endswith(g) or g.endswith(f)))


def score_graph(name: str, g: Graph, gold: dict[str, Any], /) -> PlanScore:
    """Score one plan graph against its gold entry (``tasks`` and ``targets``).

    Parameters
    ----------
    name : str
        The plan's name in reports.
    g : rdflib.Graph
        The plan graph built from the text, without curation.
    gold : dict
        The plan's gold entry.

    Returns
    -------
    PlanScore
    """
    found = _tasks(g)
    exact = 0
    task_misses = []
    for t in gold["tasks"]:
        title = _norm(t["title"])
        hits = [f for f in found if title in _norm(f[0])]
        f = min(hits, key=lambda h: len(h[0])) if hits else None
        ok = (
            f is not None
            and f[2] is not None
            and [_norm(x) for x in f[1]] == [_norm(x) for x in t["depts"]]
            and _norm(f[2]) == _norm(t["depts"][0])
        )
        exact += ok
        if not ok:
            got = "no task" if f is None else f"lead {f[2]}, units {f[1]}"
            task_misses.append(f"«{t['title']}» gold {t['depts']}, got {got}")
    extracted = _targets(g)
    used: set[int] = set()
    target_misses = []
    for t in gold["targets"]:
        for i, (v, u) in enumerate(extracted):
            if i not in used and _value_eq(v, t["value"]) and _unit_eq(u, t["unit"]):
                used.add(i)
                break
        else:
            target_misses.append(f"{t['value']} {t['unit']} «{t.get('quote', '')}»")
    extras = tuple(f"{v} {u}" for i, (v, u) in enumerate(extracted) if i not in used)
    return PlanScore(
        name=name,
        tasks=len(gold["tasks"]),
        tasks_exact=exact,
        tasks_extracted=len(found),
        targets=len(gold["targets"]),
        target_hits=len(used),
        targets_extracted=len(extracted),
        task_misses=tuple(task_misses),
        target_misses=tuple(target_misses),
        target_extras=extras,
    )


def score_corpus(root: str | os.PathLike[str], /) -> list[PlanScore]:
    """Extract every text of a corpus folder without curation and score it against the gold.

    Parameters
    ----------
    root : path-like
        A folder with ``texts/*.txt`` and ``gold.json``.

    Returns
    -------
    list of PlanScore
        One per gold entry, in the gold's order; a text that cannot be extracted scores
        nothing found and carries the error.

    Raises
    ------
    InputError
        The folder has no readable ``gold.json``.
    """
    from .errors import PolicyGraphError
    from .extraction import extract_file
    from .rdf import to_rdf

    root = Path(root)
    try:
        gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"no readable gold.json: {exc}", source=str(root)) from exc
    scores = []
    for name, entry in gold.items():
        try:
            graph = to_rdf(extract_file(root / "texts" / name))
        except PolicyGraphError as exc:
            scores.append(
                PlanScore(
                    name, len(entry["tasks"]), 0, 0, len(entry["targets"]), 0, 0, error=str(exc)
                )
            )
            continue
        scores.append(score_graph(name, graph, entry))
    return scores


def totals(scores: Iterable[PlanScore], /) -> PlanScore:
    """Sum plan scores into one (named ``total``).

    >>> a = PlanScore("a", 2, 1, 2, 4, 3, 5)
    >>> t = totals([a, a])
    >>> t.tasks_exact, t.tasks, t.target_hits, t.targets_extracted
    (2, 4, 6, 10)
    """
    scores = list(scores)
    return PlanScore(
        "total",
        sum(s.tasks for s in scores),
        sum(s.tasks_exact for s in scores),
        sum(s.tasks_extracted for s in scores),
        sum(s.targets for s in scores),
        sum(s.target_hits for s in scores),
        sum(s.targets_extracted for s in scores),
    )
