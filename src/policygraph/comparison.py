"""Compare plans: per-plan profiles, functions by plans, the co-responsibility of functions.

Every function reads its source only through :func:`policygraph.query` and the named queries
``cq17`` to ``cq21``, so it works the same on an rdflib :class:`~rdflib.Graph`, an Oxigraph
store (a corpus: one named graph per plan) and a remote SPARQL endpoint. pandas and networkx
are imported where they are used.

Plans are named for people by :func:`plan_names`: the zh label of the plan's government and
a short form of its title (``嘉兴市·“315”科技创新体系建设工程推进方案``), never a hash.

Examples
--------
>>> from policygraph import open_store
>>> from policygraph.comparison import plan_table
>>> from policygraph.resources import resource_path
>>> store = open_store(None, resource_path("data", "plan315.ttl"))
>>> row = plan_table(store).iloc[0]
>>> print(row["name"], row["tasks"], row["top_lead_label"], round(float(row["top_lead_share"]), 3))
嘉兴市·“315”科技创新体系建设工程 19 市科技局 0.632
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .errors import QueryError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = [
    "function_labels",
    "function_network",
    "function_plan_matrix",
    "function_shares",
    "plan_names",
    "plan_table",
    "shared_with_higher_level",
    "short_title",
]

#: the longest short title kept whole (characters); longer ones end in "…"
_SHORT = 20
#: what a title says before its subject: the issuer, then 关于
_TITLE_HEAD = re.compile(r"^.{0,24}?关于")
#: the genre at the end of a title, dropped from the short form
_TITLE_TAIL = re.compile(
    r"的?(若干)?(实施|指导|推进|行动)?(意见|方案|措施|举措|通知|计划|政策措施|政策)"
    r"(（[^）]*）)?$"
)


def _select(source: Any, name: str, /) -> pd.DataFrame:
    import pandas as pd

    from .sparql import query

    frame = query(source, name)
    if not isinstance(frame, pd.DataFrame):  # pragma: no cover - named SELECT queries
        raise QueryError(f"{name} did not give a table")
    return frame


def short_title(title: str, /) -> str:
    """A title without its issuer, 关于, or genre word, at most 20 characters.

    Examples
    --------
    >>> short_title("国务院办公厅关于加快发展体育竞赛表演产业的指导意见")
    '加快发展体育竞赛表演产业'
    >>> short_title("四川省支持人工智能OPC创新发展行动方案（2026—2027年）")
    '四川省支持人工智能OPC创新发展'
    >>> short_title("数字山东2019行动方案")
    '数字山东2019'
    """
    text = str(title).strip()
    head = _TITLE_HEAD.match(text)
    if head and len(text) > head.end():
        text = text[head.end() :]
    tail = _TITLE_TAIL.search(text)
    if tail and tail.start() > 0:
        text = text[: tail.start()]
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def plan_names(profile: pd.DataFrame, /) -> dict[str, str]:
    """Readable, distinct names of the plans of a :func:`plan_table` (or ``cq17``) frame.

    A name is ``government·short title`` (:func:`short_title`), or the short title alone when
    the plan's government is not known; names that would repeat get `` (2)``, `` (3)``...

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"plan": ["p1", "p2"], "government_label": ["山东省", None],
    ...                       "title": ["数字山东2019行动方案", "关于推进民生幸福工程的实施意见"]})
    >>> plan_names(frame)
    {'p1': '山东省·数字山东2019', 'p2': '推进民生幸福工程'}
    """
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for _, row in profile.iterrows():
        plan = str(row["plan"])
        title = row.get("title")
        short = short_title(title) if isinstance(title, str) and title else "plan"
        government = row.get("government_label")
        if isinstance(government, str) and government and short.startswith(government):
            short = short[len(government) :] or short
        name = f"{government}·{short}" if isinstance(government, str) and government else short
        seen[name] = seen.get(name, 0) + 1
        names[plan] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return names


def plan_table(source: Any, /) -> pd.DataFrame:
    """One row per plan: level, government, year, counts, lead concentration, network density.

    The columns of the named query ``cq17-plan-profile`` (plan, title, level, level_rank,
    government, government_label, year, tasks, targets, departments, lead_links,
    top_lead_tasks, top_lead_label, top_lead_share, lead_hhi), then ``name`` (from
    :func:`plan_names`), ``coordination_pairs`` (pairs of departments sharing a task, from
    ``cq20-plan-department-pairs``) and ``density``: the density of the plan's
    co-responsibility network (departments; an edge per pair sharing a task), computed with
    networkx, ``NaN`` for fewer than two departments.

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store, Endpoint or str
        Anything :func:`policygraph.query` reads.

    Returns
    -------
    pandas.DataFrame
        In the order of ``cq17`` (national plans first).

    Examples
    --------
    >>> from policygraph import load_plan
    >>> row = plan_table(load_plan()).iloc[0]
    >>> int(row["departments"]), int(row["coordination_pairs"]), round(float(row["density"]), 3)
    (22, 86, 0.372)
    """
    import networkx as nx

    profile = _select(source, "cq17-plan-profile")
    pairs = _select(source, "cq20-plan-department-pairs")
    names = plan_names(profile)
    edges: dict[str, list[tuple[str, str]]] = {}
    for plan, a, b in zip(pairs["plan"], pairs["department_a"], pairs["department_b"], strict=True):
        edges.setdefault(str(plan), []).append((str(a), str(b)))
    densities: list[float] = []
    counts: list[int] = []
    for plan, departments in zip(profile["plan"], profile["departments"], strict=True):
        net = nx.Graph()
        net.add_edges_from(edges.get(str(plan), []))
        # departments responsible alone for all their tasks are nodes without edges
        net.add_nodes_from(("alone", i) for i in range(int(departments) - len(net)))
        counts.append(net.number_of_edges())
        densities.append(nx.density(net) if len(net) > 1 else float("nan"))
    out = profile.copy()
    out["name"] = [names[str(p)] for p in profile["plan"]]
    out["coordination_pairs"] = counts
    out["density"] = densities
    return out


def function_labels(source: Any, /) -> pd.DataFrame:
    """The functions in the data with their zh and en labels, by IRI.

    Columns ``function``, ``label_zh``, ``label_en`` (missing when the data has no label
    in that language).

    Examples
    --------
    >>> from policygraph import load_plan
    >>> labels = function_labels(load_plan()).set_index("function")
    >>> print(*labels.loc["https://w3id.org/policygraph/id/function/science-technology"])
    科学技术 science and technology
    """
    return _select(
        source,
        """PREFIX pg: <https://w3id.org/policygraph/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?function (SAMPLE(?zh) AS ?label_zh) (SAMPLE(?en) AS ?label_en)
WHERE {
  { SELECT DISTINCT ?function WHERE { ?department pg:function ?function } }
  OPTIONAL { ?function skos:prefLabel ?zh . FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?function skos:prefLabel ?en . FILTER(LANG(?en) = "en") }
}
GROUP BY ?function
ORDER BY STR(?function)""",
    )


def _function_label(labels: pd.DataFrame, language: str) -> dict[str, str]:
    """Function IRI -> its label in ``language``, else the other language, else its slug."""
    other = "en" if language == "zh" else "zh"
    out: dict[str, str] = {}
    for _, row in labels.iterrows():
        iri = str(row["function"])
        first, second = row[f"label_{language}"], row[f"label_{other}"]
        out[iri] = str(first or second or iri.rstrip("/").rsplit("/", 1)[-1])
    return out


def function_shares(source: Any, /) -> pd.DataFrame:
    """Functions by plans, long form: the named query ``cq18-function-leads`` with names.

    Columns: plan, name (:func:`plan_names`), function, function_zh, function_en, tasks,
    led_tasks, share (of the plan's tasks led by a department of the function).

    Examples
    --------
    >>> from policygraph import load_plan
    >>> first = function_shares(load_plan()).iloc[0]
    >>> first["function_en"], int(first["led_tasks"]), int(first["tasks"])
    ('science and technology', 12, 19)
    """
    import pandas as pd

    shares = _select(source, "cq18-function-leads")
    names = plan_names(_select(source, "cq17-plan-profile"))
    labels = function_labels(source)
    zh, en = _function_label(labels, "zh"), _function_label(labels, "en")
    functions = [str(f) for f in shares["function"]]
    return pd.DataFrame(
        {
            "plan": [str(p) for p in shares["plan"]],
            "name": [names.get(str(p), str(p)) for p in shares["plan"]],
            "function": functions,
            "function_zh": [zh.get(f, f) for f in functions],
            "function_en": [en.get(f, f) for f in functions],
            "tasks": shares["tasks"].astype("int64"),
            "led_tasks": shares["led_tasks"].astype("int64"),
            "share": shares["share"].astype("float64"),
        }
    )


def function_plan_matrix(
    source: Any, /, *, language: str | None = None, top: int | None = None
) -> pd.DataFrame:
    """Functions by plans: the share of each plan's tasks led by each function.

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store, Endpoint or str
        Anything :func:`policygraph.query` reads.
    language : {None, "zh", "en"}
        ``None``: rows are function IRIs and columns plan IRIs; ``"zh"`` or ``"en"``: rows
        are function labels in that language and columns plan names (:func:`plan_names`).
    top : int, optional
        Keep only the functions that lead the most tasks over all plans.

    Returns
    -------
    pandas.DataFrame
        Shares from 0 to 1 (0 where no task of the plan has a lead of the function); rows by
        tasks led over all plans (most first), columns in the order of :func:`plan_table`.

    Examples
    --------
    >>> from policygraph import load_plan
    >>> matrix = function_plan_matrix(load_plan(), language="en")
    >>> round(float(matrix.iloc[0, 0]), 3), matrix.index[0]
    (0.632, 'science and technology')
    """
    if language not in (None, "zh", "en"):
        raise ValueError(f"unknown language {language!r}; choose zh or en")
    long = function_shares(source)
    profile = _select(source, "cq17-plan-profile")
    plans = [str(p) for p in profile["plan"]]
    matrix = long.pivot_table(
        index="function", columns="plan", values="share", aggfunc="sum", fill_value=0.0
    )
    matrix = matrix.reindex(columns=plans, fill_value=0.0)
    led = long.groupby("function")["led_tasks"].sum()
    order = sorted(matrix.index, key=lambda f: (-int(led.get(f, 0)), f))
    matrix = matrix.loc[order]
    if top is not None:
        matrix = matrix.iloc[:top]
    matrix.columns.name = "plan"
    if language is None:
        return matrix
    labels = _function_label(function_labels(source), language)
    names = plan_names(profile)
    matrix = matrix.rename(index=labels, columns=names)
    matrix.index.name = "function"
    matrix.columns.name = "plan"
    return matrix


def function_network(source: Any, /) -> nx.Graph:
    """The co-responsibility network of functions over all plans.

    Nodes are function IRIs with ``label_zh``, ``label_en``, ``led_tasks`` (tasks led by a
    department of the function, over all plans) and ``plans`` (plans where it leads a task);
    an edge joins two functions whose departments share a task (``cq19-function-pairs``),
    with ``weight`` (shared tasks) and ``plans`` (plans those tasks are in).

    Examples
    --------
    >>> from policygraph import load_plan
    >>> net = function_network(load_plan())
    >>> fn = "https://w3id.org/policygraph/id/function/"
    >>> net.edges[fn + "industry-it", fn + "science-technology"]["weight"]
    10
    >>> science = net.nodes[fn + "science-technology"]
    >>> science["label_zh"], science["led_tasks"]
    ('科学技术', 12)
    """
    import networkx as nx

    pairs = _select(source, "cq19-function-pairs")
    shares = function_shares(source)
    labels = function_labels(source)
    zh, en = _function_label(labels, "zh"), _function_label(labels, "en")
    net = nx.Graph()
    for function in sorted(zh):
        net.add_node(function, label_zh=zh[function], label_en=en[function], led_tasks=0, plans=0)
    for key, group in shares.groupby("function"):
        function = str(key)
        net.nodes[function]["led_tasks"] = int(group["led_tasks"].sum())
        net.nodes[function]["plans"] = int(group["plan"].nunique())
    for a, b, tasks, plans in zip(
        pairs["function_a"], pairs["function_b"], pairs["tasks"], pairs["plans"], strict=True
    ):
        for node in (str(a), str(b)):
            if node not in net:
                slug = node.rstrip("/").rsplit("/", 1)[-1]
                net.add_node(node, label_zh=slug, label_en=slug, led_tasks=0, plans=0)
        net.add_edge(str(a), str(b), weight=int(tasks), plans=int(plans))
    return net


def shared_with_higher_level(source: Any, /) -> pd.DataFrame:
    """What each lower-level plan has in common with each plan of a higher level.

    One row per (lower plan, higher plan) sharing anything (``cq21-shared-with-higher-level``):
    ``lower``, ``lower_name``, ``higher``, ``higher_name``, then the counts ``functions``,
    ``indicators``, ``platforms`` and the zh labels of the shared indicators and platforms
    (``shared_indicators``, ``shared_platforms``, joined by "、"). Plans are paired by level
    alone (the data records no jurisdiction containment and no citation between plans).

    Examples
    --------
    >>> from policygraph import load_plan
    >>> len(shared_with_higher_level(load_plan()))  # one plan: nothing above it
    0
    """
    import pandas as pd

    items = _select(source, "cq21-shared-with-higher-level")
    names = plan_names(_select(source, "cq17-plan-profile"))
    columns = ["lower", "lower_name", "higher", "higher_name", "functions", "indicators"]
    columns += ["platforms", "shared_indicators", "shared_platforms"]
    rows = []
    for (lower, higher), group in items.groupby(["lower", "higher"], sort=False):
        kinds = group.groupby("kind")

        def labels(kind: str, kinds: Any = kinds) -> list[str]:
            if kind not in kinds.groups:
                return []
            part = kinds.get_group(kind)
            return [str(x) for x in part["item_label"].fillna(part["item"])]

        rows.append(
            {
                "lower": str(lower),
                "lower_name": names.get(str(lower), str(lower)),
                "higher": str(higher),
                "higher_name": names.get(str(higher), str(higher)),
                "functions": len(labels("function")),
                "indicators": len(labels("indicator")),
                "platforms": len(labels("platform")),
                "shared_indicators": "、".join(labels("indicator")),
                "shared_platforms": "、".join(labels("platform")),
            }
        )
    return pd.DataFrame(rows, columns=columns)
