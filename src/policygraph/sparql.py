"""SPARQL on a plan graph: named queries, three backends, one answer.

:func:`query` runs a named query from the library (``policygraph queries`` lists them) or any
SPARQL text on

- an rdflib :class:`~rdflib.Graph` (the embedded default; data in the default graph),
- an Oxigraph store (``pyoxigraph.Store``, e.g. from :func:`open_store`; queried on the union
  of its graphs, so a plan stored in its own named graph needs no ``GRAPH`` clause),
- a SPARQL 1.1 endpoint (a URL or an :class:`Endpoint`), through SPARQLWrapper,

and returns a :class:`pandas.DataFrame` that is the same on all three.

Result values
-------------
One column per projected variable, in ``SELECT`` order; one row per solution, in the query's
order. IRIs and blank nodes are :class:`str`; unbound values are missing. A literal with a
language tag is a :class:`LangString` (a ``str`` that equals the plain text and keeps
``.language``); other literals are Python values: ``int`` (xsd:integer and its subtypes, and
xsd:gYear), ``float`` (xsd:decimal, xsd:double, xsd:float), ``bool``, :class:`datetime.date`
(xsd:date), :class:`datetime.datetime` (xsd:dateTime), and ``str`` for strings and any other
datatype. Columns are typed by what their values share:

- integers (years included): ``int64``, or the nullable ``Int64`` when some are unbound;
- numbers that are not all integers: ``float64``, unbound as ``NaN``;
- booleans: ``bool``, or the nullable ``boolean`` when some are unbound;
- dates or date-times: ``datetime64``, unbound as ``NaT``;
- anything else, and a column unbound in every row: ``object``, unbound as ``None``.

No column holds :class:`decimal.Decimal` objects. An ``ASK`` query gives one column ``ask``.

Examples
--------
>>> import policygraph
>>> from policygraph.resources import resource_path
>>> g = policygraph.load_graph(resource_path("data", "plan315.ttl"))
>>> leads = policygraph.query(g, "cq01-task-leads")
>>> len(leads)
19
>>> print(leads.loc[0, "task_label"], leads.loc[0, "lead_label"])
打造新型实验室体系 市科技局
>>> leads.loc[0, "lead_label"].language
'zh'
>>> finance = policygraph.query(g, "cq12-department-actions", department="市财政局")
>>> list(finance.columns)
['action', 'action_label', 'tasks', 'lead_tasks']
"""

from __future__ import annotations

import datetime
import os
import re
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._queries import XSD_INTEGER_NAMES, NamedQuery, Parameter, bind_raw, library, resolve
from ._terms import LangString, to_python
from .errors import InputError, QueryError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from rdflib import Graph
    from rdflib.term import Identifier

__all__ = [
    "Endpoint",
    "LangString",
    "NamedQuery",
    "Parameter",
    "UnmatchedLabelWarning",
    "list_queries",
    "open_store",
    "query",
    "split_by_plan",
]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_PG = "https://w3id.org/policygraph/def#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_OWL_ONTOLOGY = "http://www.w3.org/2002/07/owl#Ontology"
_SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
#: the range of int64 columns; integers outside it stay Python ints in an object column
_INT64 = (-(2**63), 2**63 - 1)
_INTEGER_TYPES = {_XSD + name for name in XSD_INTEGER_NAMES | {"gYear"}}


@dataclass(frozen=True)
class Endpoint:
    """A remote SPARQL 1.1 query endpoint.

    Parameters
    ----------
    url : str
        The query URL: ``http://host:7878/query`` for Oxigraph, ``http://host:3030/DATASET/sparql``
        for Fuseki, ``http://host:8890/sparql`` for Virtuoso.
    timeout : float
        Seconds for the whole exchange with the endpoint (connecting, sending the query and
        reading the whole answer), up to a week.
    user, password : str, optional
        HTTP basic authentication.

    Raises
    ------
    InputError
        ``url`` is not an http(s) URL, or ``timeout`` is not a positive, finite number of
        seconds (a usage error, exit code 2; :class:`~policygraph.errors.EndpointError` is
        for endpoints that fail).

    Examples
    --------
    >>> Endpoint("http://127.0.0.1:7878/query", timeout=5)
    Endpoint(url='http://127.0.0.1:7878/query', timeout=5, user=None)
    >>> Endpoint("127.0.0.1:7878")
    Traceback (most recent call last):
    ...
    policygraph.errors.InputError: 127.0.0.1:7878: not an http(s) URL
    """

    url: str
    timeout: float = 30.0
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError("not an http(s) URL", source=self.url)
        from ._http import check_timeout

        check_timeout(self.timeout, source=self.url)


def list_queries() -> tuple[NamedQuery, ...]:
    """Return the named queries of the library, sorted by name.

    Examples
    --------
    >>> q = list_queries()[0]
    >>> q.name, q.question_zh
    ('cq01-task-leads', '每项任务的牵头单位是谁？')
    >>> [p.name for p in next(q for q in list_queries() if q.name.startswith("cq03")).parameters]
    ['department']
    """
    return tuple(library().values())


def query(source: Any, query: str | NamedQuery, /, **params: object) -> pd.DataFrame | Graph:
    """Run a named query or SPARQL text on a graph, a store or an endpoint.

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store, Endpoint, str or path-like
        Where the data lives. A string starting with ``http://`` or ``https://`` is an
        endpoint URL; another string or a path is an RDF file, loaded with rdflib.
    query : str or NamedQuery
        A name from the library (``"cq03-department-tasks"`` or just ``"cq03"``), the path
        of a ``.rq`` file, or SPARQL text (``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``).
    **params
        Values for the query's parameters, bound to its variables as RDF terms (never pasted
        into the text). A named query checks names and types against its header; for raw
        text, each name must be a variable of the query.

    Returns
    -------
    pandas.DataFrame or rdflib.Graph
        For ``SELECT``, one column per projected variable (see the module documentation for
        the values); for ``ASK``, one column ``ask``; for ``CONSTRUCT`` and ``DESCRIBE``, a new
        rdflib :class:`~rdflib.Graph` of the triples, with policygraph's prefixes bound.

    Raises
    ------
    QueryError
        Unknown query, syntax error (with the engine's or server's message), unknown or
        missing parameter, wrong parameter type.
    EndpointError
        The endpoint cannot be reached within its timeout or refuses the request.
    InputError
        ``source`` is a file that cannot be read, or an endpoint URL that is not http(s).

    Warns
    -----
    UnmatchedLabelWarning
        A named query gave no rows and a label given for one of its ``iri-or-label``
        parameters (``department="市财政厅"``) is the label of nothing in the data; the
        message names the nearest labels (by :func:`difflib.get_close_matches`).

    Examples
    --------
    >>> from policygraph.resources import resource_path
    >>> path = resource_path("data", "plan315.ttl")
    >>> query(path, "SELECT (COUNT(?t) AS ?tasks) WHERE { ?t a ?class }",
    ...       **{"class": "https://w3id.org/policygraph/def#Task"})
       tasks
    0     19
    >>> leads = query(path, "CONSTRUCT { ?t <https://w3id.org/policygraph/def#lead> ?d } "
    ...                     "WHERE { ?t <https://w3id.org/policygraph/def#lead> ?d }")
    >>> type(leads).__name__, len(leads)
    ('Graph', 19)
    """
    from ._backends import run_endpoint, run_oxigraph, run_rdflib

    resolved = resolve(query)
    if isinstance(resolved, NamedQuery):
        text = resolved.text
        if resolved.parameters or resolved.name in library():
            bindings = resolved.bind(params)
        else:
            bindings = bind_raw(text, params)
    else:
        text = resolved
        bindings = bind_raw(text, params)

    backend = _backend(source)
    if backend == "endpoint":
        endpoint = source if isinstance(source, Endpoint) else Endpoint(str(source))
    elif backend == "file":
        source = _load(source)
    try:
        if backend == "endpoint":
            answer = run_endpoint(endpoint, text, bindings)
        elif backend == "oxigraph":
            answer = run_oxigraph(source, text, bindings)
        else:
            answer = run_rdflib(source, text, bindings)
    except QueryError as exc:
        if exc.source is not None:
            raise
        # say which query: its file, its name, or (when a position is known) the text
        where = None
        if isinstance(resolved, NamedQuery):
            where = str(resolved.path) if resolved.path is not None else resolved.name
        elif exc.line is not None:
            where = "<query>"
        raise QueryError(exc.message, source=where, line=exc.line, column=exc.column) from exc
    if answer.graph is not None:
        return answer.graph
    frame = _frame(answer.variables, answer.rows, answer.boolean, answer.columns)
    if frame.empty and isinstance(resolved, NamedQuery):
        _check_labels(source if backend != "endpoint" else endpoint, resolved, bindings)
    return frame


class UnmatchedLabelWarning(UserWarning):
    """A label given for an ``iri-or-label`` parameter is the label of nothing in the data."""


#: the class whose labels an ``iri-or-label`` parameter of this name is matched against
_LABEL_CLASSES = {"department": _PG + "Department", "action": _PG + "Action"}


def _check_labels(source: Any, named: NamedQuery, bindings: Mapping[str, Identifier]) -> None:
    """Warn, with the nearest labels, for each label parameter that no label in the data equals.

    Called when a named query gave no rows: the usual cause is a misspelt name.
    """
    import difflib
    import warnings

    from rdflib import Literal

    for param in named.parameters:
        value = bindings.get(param.name)
        if param.type != "iri-or-label" or not isinstance(value, Literal):
            continue
        labels = _labels(source, _LABEL_CLASSES.get(param.name))
        text = str(value)
        if text in labels:
            continue
        what = f"{param.name} label" if param.name in _LABEL_CLASSES else "label"
        near = difflib.get_close_matches(text, sorted(labels), n=5, cutoff=0.5)
        hint = (
            f"nearest: {', '.join(near)}"
            if near
            else f"none of its {len(labels)} {what}s is near it"
        )
        warnings.warn(
            f"{param.name} {text!r} matches no {what} in the data; {hint}",
            UnmatchedLabelWarning,
            stacklevel=3,
        )


def _labels(source: Any, cls: str | None) -> set[str]:
    """The text of every ``skos:prefLabel`` (of instances of ``cls``, when given)."""
    pattern = (
        f"?x a <{cls}> ; <{_SKOS_PREF_LABEL}> ?l ." if cls else f"?x <{_SKOS_PREF_LABEL}> ?l ."
    )
    import pandas as pd

    frame = query(source, f"SELECT DISTINCT ?l WHERE {{ {pattern} }}")
    if not isinstance(frame, pd.DataFrame):  # pragma: no cover - a SELECT gives a frame
        return set()
    return {str(v) for v in frame["l"] if v is not None}


def _backend(source: object) -> str:
    if isinstance(source, Endpoint):
        return "endpoint"
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        return "endpoint"
    if isinstance(source, str | os.PathLike):
        return "file"
    from rdflib import Graph

    if isinstance(source, Graph):
        return "rdflib"
    if type(source).__module__.startswith("pyoxigraph"):
        return "oxigraph"
    raise QueryError(
        f"cannot query a {type(source).__name__}: give an rdflib Graph, a pyoxigraph Store, "
        "an Endpoint or URL, or an RDF file"
    )


def _load(path: str | os.PathLike[str]) -> Graph:
    from .rdf import load_graph

    return load_graph(path)


def _frame(
    variables: Sequence[str],
    rows: Iterable[Sequence[Identifier | None]],
    boolean: bool | None,
    values: Sequence[list[object]] | None = None,
) -> pd.DataFrame:
    """The result frame of rows of terms, or of ``values``: columns of Python values."""
    import pandas as pd

    if boolean is not None:
        return pd.DataFrame({"ask": [boolean]})
    if values is not None and variables and values[0]:
        series = [
            typed_column(pd.Series(column, dtype=object, name=name))
            for name, column in zip(variables, values, strict=True)
        ]
        return pd.concat(series, axis=1, keys=list(variables))
    if values is not None:
        rows = []
    records = [[to_python(term) for term in row] for row in rows]
    frame = pd.DataFrame(records, columns=list(variables), dtype=object)
    columns = [typed_column(frame.iloc[:, i]) for i in range(len(frame.columns))]
    if not columns:
        return frame
    return pd.concat(columns, axis=1, keys=list(variables)) if len(frame) else frame


def typed_column(values: pd.Series, /) -> pd.Series:
    """Give a column of Python values the dtype its values share (see the module docs).

    Examples
    --------
    >>> import pandas as pd
    >>> typed_column(pd.Series([2026, None], dtype=object)).dtype
    Int64Dtype()
    >>> typed_column(pd.Series([3.5, 10], dtype=object)).tolist()
    [3.5, 10.0]
    >>> typed_column(pd.Series([True, False], dtype=object)).dtype
    dtype('bool')
    >>> typed_column(pd.Series(["a", 1], dtype=object)).dtype
    dtype('O')
    """
    import pandas as pd

    present = [v for v in values if v is not None]
    if not present:
        return values
    kinds = {type(v) for v in present}
    missing = len(present) < len(values)
    try:
        if kinds == {bool}:
            return values.astype("boolean" if missing else "bool")
        if kinds == {int}:
            if all(_INT64[0] <= v <= _INT64[1] for v in present):
                return values.astype("Int64" if missing else "int64")
            return values
        if kinds <= {int, float}:
            return values.astype("float64")
        if kinds == {datetime.date} or kinds == {datetime.datetime}:
            stamps = pd.to_datetime(list(values)).astype("datetime64[ns]")
            return pd.Series(stamps, index=values.index, name=values.name)
    except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return values  # e.g. dates outside pandas' range, mixed time zones: keep the objects
    return values


def open_store(
    path: str | os.PathLike[str] | None = None,
    /,
    *sources: str | os.PathLike[str] | Graph,
) -> Any:
    """Open (or create) an Oxigraph store and load RDF files or rdflib graphs into it.

    A plan's own triples (its IRI and every IRI under it, ``…/plan/{id}/…``) go into a named
    graph named by the plan IRI, replacing what that graph held; everything else (departments,
    platforms, units and indicators that plans share, the ontology) goes into the default
    graph, once. :func:`query` reads the union of all graphs, so a question about several plans
    needs no ``GRAPH`` clause and shared things are not counted twice.

    Parameters
    ----------
    path : path-like, optional
        The store's folder (created if missing); in memory when omitted.
    *sources : path-like or rdflib.Graph
        RDF files (format from the suffix) or graphs to load.

    Returns
    -------
    pyoxigraph.Store

    Raises
    ------
    InputError
        A file is missing or malformed, or the folder is not an Oxigraph store.

    Examples
    --------
    >>> from policygraph.resources import resource_path
    >>> store = open_store(None, resource_path("data", "plan315.ttl"))
    >>> [g.value for g in store.named_graphs()]
    ['https://w3id.org/policygraph/id/plan/jiaxing-315']
    >>> len(query(store, "cq01"))
    19
    """
    import pyoxigraph as ox

    try:
        store = ox.Store(None if path is None else os.fspath(path))
    except OSError as exc:
        raise InputError(f"cannot open the Oxigraph store: {exc}", source=str(path)) from exc
    for source in sources:
        if not isinstance(source, str | os.PathLike) or not _bulk_load_plan(store, source):
            _load_split(store, source)
    return store


def _load_split(store: Any, source: str | os.PathLike[str] | Graph) -> None:
    """Load a source triple by triple: each plan's own triples in its graph, the rest shared."""
    import pyoxigraph as ox

    triples, where = _triples(source)
    quads = split_by_plan(triples)
    for graph_name in {q.graph_name for q in quads if isinstance(q.graph_name, ox.NamedNode)}:
        store.remove_graph(graph_name)
    try:
        store.extend(quads)
    except OSError as exc:
        raise InputError(f"cannot write to the Oxigraph store: {exc}", source=where) from exc


#: a plan typed (the object given by :data:`_PLAN_OBJECTS`), in N-Triples or in Turtle as
#: policygraph writes it: the subject a full IRI on the same line
_PLAN_SUBJECT = re.compile(
    rb'\s*<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s"{}|^`\\]*)>\s+(?:a|<'
    + re.escape(_RDF_TYPE.encode())
    + rb">|rdf:type)\s+"
)
_PLAN_OBJECTS = (b"<" + (_PG + "Plan").encode() + b">", b"pg:Plan")
#: formats that hold triples only (a quad format keeps its own graph names: loaded as triples)
_TRIPLE_FORMATS = ("ttl", "nt")


def _bulk_load_plan(store: Any, source: str | os.PathLike[str]) -> bool:
    """Load a file that holds one plan straight into the plan's graph; False to load otherwise.

    The plan IRI is found in the text. N-Triples lines are split by their subject (the plan's
    own, blank nodes included, and the rest) and each part is loaded into its graph; other
    text is loaded into the plan's graph, then one SPARQL update moves what is not under the
    plan IRI to the default graph. Either way the layout is the one of :func:`split_by_plan`,
    without a Python object per triple. Files that name no plan or several, formats other than
    Turtle and N-Triples, a plan whose graph the store already holds (a malformed file must not
    lose it) and malformed files (for the error's position in the file) are left to the
    triple-by-triple path.
    """
    import pyoxigraph as ox

    file = Path(source)
    suffix = file.suffix.lstrip(".").lower()
    if suffix not in _TRIPLE_FORMATS or not file.is_file():
        return False
    try:
        text = file.read_bytes()
    except OSError:
        return False
    plans = _typed_plans(text)
    if len(plans) != 1:
        return False
    try:
        plan = plans.pop().decode("utf-8")
        graph = ox.NamedNode(plan)
    except ValueError:  # not UTF-8, or not an IRI
        return False
    if store.contains_named_graph(graph):
        return False
    fmt = ox.RdfFormat.N_TRIPLES if suffix == "nt" else ox.RdfFormat.TURTLE
    base = file.resolve().as_uri()
    # N-Triples without escapes or blank nodes (whose labels each load renames) split by line
    if fmt == ox.RdfFormat.N_TRIPLES and not any(c in text for c in (b"\\u", b"\\U", b"_:")):
        own, shared = _split_lines(text, plan.encode("utf-8"))
        if not _load_text(store, own, fmt, base, graph):
            return False
        if not _load_text(store, shared, fmt, base, None):
            store.remove_graph(graph)
            return False
        return True
    if not _load_text(store, text, fmt, base, graph):
        return False
    found = [s["plan"].value for s in store.query(_PLANS_IN, default_graph=graph)]
    if found != [plan]:  # the text named a plan the graph does not hold as one, or more plans
        store.remove_graph(graph)
        return False
    try:
        store.update(_MOVE_SHARED.replace("$plan", plan))
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"cannot write to the Oxigraph store: {exc}", source=str(source)) from exc
    return True


def _typed_plans(text: bytes) -> set[bytes]:
    """The IRIs written as typed ``pg:Plan`` on one line of the text (N-Triples, Turtle)."""
    plans = set()
    for needle in _PLAN_OBJECTS:
        at = text.find(needle)
        while at >= 0:
            end = at + len(needle)
            if end == len(text) or text[end : end + 1] in b" \t\r\n;.,":
                start = text.rfind(b"\n", 0, at) + 1
                found = _PLAN_SUBJECT.fullmatch(text, start, at)
                if found:
                    plans.add(found.group(1))
            at = text.find(needle, end)
    return plans


def _split_lines(text: bytes, plan: bytes) -> tuple[bytes, bytes]:
    """N-Triples lines whose subject is the plan or under it, and the other lines."""
    own: list[bytes] = []
    shared: list[bytes] = []
    iri, under = b"<" + plan + b">", b"<" + plan + b"/"
    for line in text.splitlines(keepends=True):
        head = line.lstrip(b" \t")
        (own if head.startswith((iri, under)) else shared).append(line)
    return b"".join(own), b"".join(shared)


def _load_text(store: Any, text: bytes, fmt: Any, base: str, graph: Any) -> bool:
    """Load RDF text in one transaction; False when the store refused it (nothing written)."""
    try:
        store.load(text, format=fmt, base_iri=base, to_graph=graph)
    except (SyntaxError, OSError, ValueError):
        return False
    return True


_PLANS_IN = f"SELECT DISTINCT ?plan {{ ?plan a <{_PG}Plan> }}"
#: what is not the plan nor under it goes to the default graph (blank nodes stay with the plan)
_MOVE_SHARED = """
DELETE { GRAPH <$plan> { ?s ?p ?o } } INSERT { ?s ?p ?o }
WHERE { GRAPH <$plan> { ?s ?p ?o
  FILTER(isIRI(?s) && ?s != <$plan> && !STRSTARTS(STR(?s), "$plan/")) } }
"""


def _triples(source: str | os.PathLike[str] | Graph) -> tuple[list[Any], str]:
    """Parse a file with pyoxigraph, or convert an rdflib graph; return triples and a name."""
    import pyoxigraph as ox
    from rdflib import Graph

    if isinstance(source, Graph):
        from ._writer import ox_triples

        try:
            return ox_triples(source), "<rdflib graph>"
        except (TypeError, ValueError) as exc:
            raise InputError(f"cannot store the graph: {exc}", source="<rdflib graph>") from exc
    file = Path(source)
    if not file.is_file():
        raise InputError("no such file", source=str(source))
    fmt = ox.RdfFormat.from_extension(file.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    if fmt == ox.RdfFormat.RDF_XML:
        # pyoxigraph expands nested XML entities: refuse an entity bomb before parsing
        from ._rdfparse import refuse_unsafe

        try:
            head = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read: {exc}", source=str(source)) from exc
        refuse_unsafe(head, format="xml", source=str(source))
    try:
        parsed = list(ox.parse(path=file, format=fmt, base_iri=file.resolve().as_uri()))
    except SyntaxError as exc:
        raise InputError(
            f"malformed RDF: {exc.msg}", source=str(source), line=exc.lineno, column=exc.offset
        ) from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read: {exc}", source=str(source)) from exc
    return [q.triple if isinstance(q, ox.Quad) else q for q in parsed], str(source)


def split_by_plan(triples: Sequence[Any]) -> list[Any]:
    """Put each plan's own triples in the plan's named graph, the rest in the default graph."""
    import pyoxigraph as ox

    plans = {
        t.subject.value
        for t in triples
        if t.predicate.value == _RDF_TYPE
        and isinstance(t.object, ox.NamedNode)
        and t.object.value == _PG + "Plan"
        and isinstance(t.subject, ox.NamedNode)
    }
    default = ox.DefaultGraph()
    graphs = {plan: ox.NamedNode(plan) for plan in plans}
    only = graphs[next(iter(plans))] if len(plans) == 1 else default

    def graph_of(subject: Any) -> Any:
        if isinstance(subject, ox.NamedNode):
            # the longest plan IRI that is the IRI or a "/" prefix of it: one set lookup per
            # path segment, so the split grows with the triples, not with triples × plans
            iri = subject.value
            while True:
                graph = graphs.get(iri)
                if graph is not None:
                    return graph
                cut = iri.rfind("/")
                if cut <= 0:
                    return default
                iri = iri[:cut]
        # blank nodes belong to the plan of the file when it has exactly one
        return only

    return [ox.Quad(t.subject, t.predicate, t.object, graph_of(t.subject)) for t in triples]
