"""Validate a plan graph with SHACL (pyshacl) and source-text checks → ``ValidationReport``.

The bundled shapes (``shapes/policygraph-shapes.ttl``) prove a plan graph complete and
consistent; a check beside them proves each quote equals the source text at its span. Every
finding names the thing by its Chinese and English labels and its source span.

Examples
--------
>>> from policygraph import load_plan, validate
>>> report = validate(load_plan())
>>> report.conforms, report.count("Violation")
(True, 0)
>>> note = next(r for r in report.results if r.severity == "Info")
>>> print(note.message_en)
Scheme '15 strategic fields' declares 15 but the text names only 3 (source: chars 365–372)

A graph built without curation has Chinese labels only. Its missing English labels are one
finding in :attr:`ValidationReport.findings`; :attr:`ValidationReport.results` keeps one
result per entity, as pySHACL reports them:

>>> from policygraph import extract_file, to_rdf
>>> from policygraph.resources import resource_path
>>> bare = validate(to_rdf(extract_file(resource_path("data", "sources", "jiaxing-315-plan.txt"))))
>>> len([r for r in bare.results if r.source_shape.endswith("#LabelEn")])
284
>>> print(bare.findings[0].message_en)  # doctest: +NORMALIZE_WHITESPACE +ELLIPSIS
284 entities have no English label (84 responsibilities, 44 platform mentions, ..., 1 plan)
— `policygraph curation init` writes a skeleton
>>> bare.summary()
'conforms: 0 violations, 1 warning, 1 note'
>>> bare.summary(every=True)
'conforms: 0 violations, 284 warnings, 1 note'
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, get_args
from typing import Literal as Lit

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.extras.shacl import parse_shacl_path
from rdflib.namespace import RDF, SH, SKOS
from rdflib.term import Node

from . import _read
from ._shacl_engine import errors_raised_not_logged, ill_typed_literals_not_logged
from ._sourcetext import Sources, add_source_text_results
from .errors import ValidationError
from .resources import resource_path
from .vocab import ID, PREFIXES

__all__ = ["Severity", "ValidationReport", "ValidationResult", "validate"]

#: result severities, from the least to the most severe
Severity = Lit["Info", "Warning", "Violation"]
_ORDER: tuple[Severity, ...] = get_args(Severity)

#: the shapes file used when ``validate`` is given none
SHAPES_FILE = ("shapes", "policygraph-shapes.ttl")

#: namespace of the bundled shapes and of the source-text checks
SHAPES_NS = "https://w3id.org/policygraph/shapes#"

#: the shape whose per-entity results are summarised as one finding
LABEL_EN_SHAPE = SHAPES_NS + "LabelEn"


@dataclass(frozen=True)
class ValidationResult:
    """One finding: a focus node that fails one shape (or source-text check).

    Attributes
    ----------
    focus_node : str
        IRI of the node that does not conform.
    severity : {"Violation", "Warning", "Info"}
    message_zh, message_en : str
        The finding in Chinese and English, naming the thing by its labels and source span.
    source_shape : str
        IRI of the shape or check that found it (``https://w3id.org/policygraph/shapes#…``).
    path : str or None
        The property path, as SPARQL with prefixes (``pg:lead``, ``^pg:task``).
    value : str or None
        The offending value (an IRI or a literal's text).
    label_zh, label_en : str or None
        ``skos:prefLabel`` of the thing (for spans and quotes, of the thing they belong to).
    span : tuple of int or None
        ``(start, end)`` of the thing's evidence in its source text.
    quote : str or None
        The thing's quoted source text (``oa:exact``).
    """

    focus_node: str
    severity: Severity
    message_zh: str
    message_en: str
    source_shape: str
    path: str | None = None
    value: str | None = None
    label_zh: str | None = None
    label_en: str | None = None
    span: tuple[int, int] | None = None
    quote: str | None = None

    def message(self, lang: str = "en") -> str:
        """Return the message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.message_zh if lang == "zh" else self.message_en


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`.

    Attributes
    ----------
    conforms : bool
        True when no result is at least as severe as ``fail_on``.
    results : tuple of ValidationResult
        Every result, one per focus node and shape as pySHACL reports them (and the
        source-text checks), most severe first.
    fail_on : {"Violation", "Warning", "Info"}
        The least severe level that makes the graph fail.
    graph : rdflib.Graph
        The SHACL results graph (``sh:ValidationReport``), source-text findings included.
    summarised : tuple of ValidationResult
        Results that each stand for many of ``results``: the entities without an English
        label (``pgsh:LabelEn``) are one result, e.g. "61 entities have no English label".
    ignored : tuple of str
        IRIs of the shapes whose results were left out (``validate(ignore=...)``).
    """

    conforms: bool
    results: tuple[ValidationResult, ...]
    fail_on: Severity = "Violation"
    graph: Graph = field(default_factory=Graph, compare=False, repr=False)
    summarised: tuple[ValidationResult, ...] = ()
    ignored: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[ValidationResult, ...]:
        """The results to read, most severe first.

        :attr:`results` with the results of each summarised shape replaced by its one summary
        (:attr:`summarised`).
        """
        folded = {r.source_shape for r in self.summarised}
        kept = [r for r in self.results if r.source_shape not in folded]
        return tuple(sorted([*kept, *self.summarised], key=_sort_key))

    def count(self, severity: Severity, /, *, every: bool = False) -> int:
        """Return the number of :attr:`findings` of ``severity`` (a summary counts once).

        With ``every=True``, count :attr:`results` instead.
        """
        return sum(1 for r in (self.results if every else self.findings) if r.severity == severity)

    def summary(self, *, lang: str = "en", every: bool = False) -> str:
        """Return a one-line summary, e.g. ``'conforms: 0 violations, 1 warning, 2 notes'``.

        It counts :attr:`findings` (a summary once), or with ``every=True`` :attr:`results`.

        Examples
        --------
        >>> ValidationReport(True, ()).summary(lang="zh")
        '符合约束：0 个违规，0 个警告，0 条提示'
        """
        v, w, i = (self.count(s, every=every) for s in ("Violation", "Warning", "Info"))
        if lang == "zh":
            head = "符合约束" if self.conforms else "不符合约束"
            return f"{head}：{v} 个违规，{w} 个警告，{i} 条提示"
        head = "conforms" if self.conforms else "does not conform"
        return f"{head}: {_plural(v, 'violation')}, {_plural(w, 'warning')}, {_plural(i, 'note')}"


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{n} {word[:-1]}ies"
    return f"{n} {word}s"


def validate(
    graph: Graph | Any,
    /,
    *,
    shapes: str | os.PathLike[str] | Graph | Sequence[str | os.PathLike[str]] | None = None,
    sources: Sources | None = None,
    check_sources: bool = True,
    fail_on: Severity = "Violation",
    ignore: Collection[str] = (),
    engine: Lit["fast", "pyshacl"] = "fast",
) -> ValidationReport:
    """Validate a plan graph against SHACL shapes and its source texts.

    Parameters
    ----------
    graph : rdflib.Graph or pyoxigraph.Store
        The plan graph (instance data as in ``docs/data-model.md``), or a store of plans such
        as a corpus store (its data: the union of its graphs).
    shapes : path-like, rdflib.Graph or sequence of path-like, optional
        SHACL shapes to use instead of the bundled ``shapes/policygraph-shapes.ttl``.
    sources : mapping, path-like or sequence of path-like, optional
        Where the source texts are: ``{source IRI or file name: text}`` or directories
        (each directory and its ``sources/`` folder). The bundled ``data/sources`` is always
        searched last. A text that cannot be found gives an Info result, not an error. A file
        is looked up by plain name inside those folders only, and read only when its SHA-256
        equals the graph's ``pg:sha256`` (a text given in a mapping is always checked).
    check_sources : bool
        Check that each quote equals the source text at its span (default True).
    fail_on : {"Violation", "Warning", "Info"}
        The least severe result that makes ``conforms`` false.
    ignore : collection of str, optional
        Shapes whose results are left out of the report (and of ``conforms``), by local
        name (``"LabelEn"``) or IRI; the source-text checks (``"SourceTextQuote"``...) too.
    engine : {"fast", "pyshacl"}
        ``"fast"`` (default) gives pySHACL's findings with work linear in the number of plans:
        on a graph, each plan apart, in parallel processes (``policygraph._shacl_engine``); on
        a store, set at a time on the store itself (``policygraph._shacl_store``; shapes it
        does not evaluate run as on a graph, on the store's data read into rdflib).
        ``"pyshacl"`` runs pySHACL once on the whole graph (a store's data read into rdflib),
        the reference. On a store the source-text checks read one plan's graph at a time.

    Returns
    -------
    ValidationReport

    Raises
    ------
    InputError
        A shapes file is missing or malformed.
    ValidationError
        The shapes are not valid SHACL, ``fail_on`` is unknown, or ``ignore`` names a
        shape that neither the shapes nor the source-text checks define.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix pg: <https://w3id.org/policygraph/def#> .
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... <https://w3id.org/policygraph/id/plan/p/task/1> a pg:Task ;
    ...     skos:prefLabel "打造新型实验室体系"@zh , "Build a new laboratory system"@en .
    ... ''')
    >>> report = validate(g)
    >>> report.conforms
    False
    >>> lead = [r for r in report.results if r.path == "pg:lead"]
    >>> print(lead[0].severity, lead[0].message_zh)
    Violation 任务「打造新型实验室体系」没有牵头单位
    >>> print(lead[0].message_en)
    Task 'Build a new laboratory system' has no lead department
    """
    if fail_on not in _ORDER:
        raise ValidationError(f"unknown severity {fail_on!r}; expected one of {', '.join(_ORDER)}")
    if engine not in ("fast", "pyshacl"):
        raise ValidationError(f"unknown engine {engine!r}; expected fast or pyshacl")
    import pyshacl
    from pyparsing import ParseException
    from pyshacl.errors import ReportableRuntimeError

    shapes_graph = _shapes_graph(shapes)
    where = _shapes_source(shapes)
    if not any(str(p).startswith(str(SH)) for p in set(shapes_graph.predicates())):
        raise ValidationError(
            "not SHACL shapes: they use no term of the sh: namespace", source=where
        )
    store = graph if _is_store(graph) else None
    try:
        with errors_raised_not_logged(), ill_typed_literals_not_logged():
            if store is not None:
                report_graph = _validate_store(store, shapes_graph, engine)
            elif engine == "fast" and type(graph) is Graph:
                from ._shacl_engine import validate_partitioned

                _, report_graph = validate_partitioned(graph, shapes_graph)
            else:
                data = _QueryCachingGraph.over(graph)
                _, report_graph, _ = pyshacl.validate(
                    data, shacl_graph=shapes_graph, inference="none"
                )
    except (ReportableRuntimeError, ParseException, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(exc, ParseException):
            first = _sparql_syntax_error(shapes_graph) or first
        raise ValidationError(f"invalid SHACL shapes: {first}", source=where) from exc
    if not isinstance(report_graph, Graph):  # pyshacl returns a ValidationFailure instead
        raise ValidationError(f"validation failed: {report_graph}")
    if check_sources and store is not None:
        from ._shacl_store import plan_graphs

        for plan_graph in plan_graphs(store):
            add_source_text_results(plan_graph, report_graph, sources=sources)
    elif check_sources:
        add_source_text_results(graph, report_graph, sources=sources)
    ignored = _ignored_shapes(shapes_graph, ignore, where)
    _drop_results(report_graph, ignored)
    reported = _reported(report_graph)
    # what the findings say of the data is read by a few queries: on Oxigraph, not rdflib
    view = _read.for_queries(graph) if reported else graph
    # a finding once, even when two constraints of one shape report it (datatype, minInclusive)
    results = tuple(sorted(set(_read_results(view, reported, shapes_graph)), key=_sort_key))
    _link_results(report_graph)
    worst = _ORDER.index(fail_on)
    conforms = not any(_ORDER.index(r.severity) >= worst for r in results)
    summarised = _summarise_missing_english(view, results)
    return ValidationReport(conforms, results, fail_on, report_graph, summarised, ignored)


def _is_store(source: object) -> bool:
    """True for a ``pyoxigraph.Store`` (pyoxigraph is not imported to tell)."""
    kind = type(source)
    return kind.__name__ == "Store" and kind.__module__.split(".")[0] == "pyoxigraph"


def _validate_store(store: Any, shapes: Graph, engine: str) -> Graph:
    """The SHACL results graph of a store's data (see :func:`validate`, ``engine``)."""
    import pyshacl

    from ._shacl_engine import validate_partitioned
    from ._shacl_store import Unsupported, graph_of_store, validate_store

    if engine == "fast":
        try:
            return validate_store(store, shapes)[1]
        except Unsupported:
            return validate_partitioned(graph_of_store(store), shapes)[1]
    data = _QueryCachingGraph.over(graph_of_store(store))
    report: Graph = pyshacl.validate(data, shacl_graph=shapes, inference="none")[1]
    return report


#: checks that run beside pySHACL (``policygraph._sourcetext``); ``ignore`` accepts them too
_SOURCE_TEXT_CHECKS = ("SourceTextQuote", "SourceTextSpan", "SourceTextChecksum", "SourceTextFound")


def _ignored_shapes(shapes: Graph, ignore: Collection[str], where: str | None) -> tuple[str, ...]:
    """Resolve ``ignore`` (local names or IRIs) to shape IRIs; an unknown name is an error."""
    if isinstance(ignore, str):
        ignore = (ignore,)
    known = {str(s) for s in set(shapes.subjects()) if isinstance(s, URIRef)}
    known |= {SHAPES_NS + name for name in _SOURCE_TEXT_CHECKS}
    by_name: dict[str, set[str]] = {}
    for iri in known:
        by_name.setdefault(re.split(r"[#/]", iri)[-1], set()).add(iri)
    out: list[str] = []
    for name in ignore:
        iris = {name} & known or by_name.get(name, set())
        if not iris:
            raise ValidationError(f"--ignore {name}: no shape of that name", source=where)
        out += sorted(iris)
    return tuple(dict.fromkeys(out))


def _drop_results(report: Graph, shapes: Collection[str]) -> None:
    """Remove the results of ``shapes`` from a SHACL results graph."""
    if not shapes:
        return
    for shape in shapes:
        for node in list(report.subjects(SH.sourceShape, URIRef(shape))):
            _remove_result(report, node)


def _remove_result(report: Graph, node: Node) -> None:
    for subject in list(report.subjects(SH.result, node)):
        report.remove((subject, SH.result, node))
    for _, p, o in list(report.triples((node, None, None))):
        report.remove((node, p, o))
        if p == SH.resultPath and not isinstance(o, URIRef):
            _remove_tree(report, o)


def _remove_tree(graph: Graph, node: Node) -> None:
    """Remove a blank-node structure (a SHACL path) once nothing else points to it."""
    if isinstance(node, URIRef) or (None, None, node) in graph:
        return
    for _, p, o in list(graph.triples((node, None, None))):
        graph.remove((node, p, o))
        _remove_tree(graph, o)


def _summarise_missing_english(
    data: Any, results: Sequence[ValidationResult]
) -> tuple[ValidationResult, ...]:
    """Fold the ``pgsh:LabelEn`` results into one, counting the entities by kind."""
    missing = [r for r in results if r.source_shape == LABEL_EN_SHAPE]
    if not missing:
        return ()
    known = _kinds(data, {r.focus_node for r in missing})
    kinds: dict[tuple[str, str], int] = {}
    for r in missing:
        kind = known.get(r.focus_node, ("实体", "entity"))
        kinds[kind] = kinds.get(kind, 0) + 1
    ranked = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0][1]))
    n = len(missing)
    many_en = ", ".join(_plural(count, en) for (_, en), count in ranked)
    many_zh = "、".join(f"{count} 个{zh}" for (zh, _), count in ranked)
    plans = sorted({row["plan"] for row in _read.rows(data, "plans")})
    worst = max((r.severity for r in missing), key=_ORDER.index)
    has = "entity has" if n == 1 else "entities have"
    return (
        ValidationResult(
            focus_node=plans[0] if len(plans) == 1 else LABEL_EN_SHAPE,
            severity=worst,
            message_zh=(
                f"{n} 个实体没有英文名称（{many_zh}）"
                "——`policygraph curation init` 可生成校订文件框架"
            ),
            message_en=(
                f"{n} {has} no English label ({many_en})"
                " — `policygraph curation init` writes a skeleton"
            ),
            source_shape=LABEL_EN_SHAPE,
            path="skos:prefLabel",
        ),
    )


class _QueryCachingGraph(Graph):
    """The caller's graph (same store, no copy) that parses each distinct SPARQL text once.

    pyshacl sends a SPARQL-based constraint's query text once per focus node; parsing it
    dominates the run time, so the parsed query is reused.
    """

    @classmethod
    def over(cls, graph: Graph) -> Graph:
        if type(graph) is not Graph:  # datasets and other graph kinds: leave them alone
            return graph
        view = cls(store=graph.store, identifier=graph.identifier)
        view.namespace_manager = graph.namespace_manager
        return view

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str) and not kwargs.get("initNs"):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Any:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _shapes_graph(
    shapes: str | os.PathLike[str] | Graph | Sequence[str | os.PathLike[str]] | None,
) -> Graph:
    from .rdf import load_graph

    if isinstance(shapes, Graph):
        return shapes
    if shapes is None:
        return load_graph(resource_path(*SHAPES_FILE))
    if isinstance(shapes, str | os.PathLike):
        return load_graph(shapes)
    return load_graph(*shapes)


def _shapes_source(
    shapes: str | os.PathLike[str] | Graph | Sequence[str | os.PathLike[str]] | None,
) -> str | None:
    """Name the shapes file(s) for error messages (None for a graph given in memory)."""
    if isinstance(shapes, Graph):
        return None
    if shapes is None:
        return str(resource_path(*SHAPES_FILE))
    if isinstance(shapes, str | os.PathLike):
        return os.fspath(shapes)
    return ", ".join(os.fspath(s) for s in shapes)


def _sparql_syntax_error(shapes: Graph) -> str | None:
    """Say which shape's SPARQL query does not parse, and where in the query."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    names = Graph()
    for prefix, namespace in PREFIXES.items():
        names.bind(prefix, namespace)
    names.bind("pgsh", "https://w3id.org/policygraph/shapes#")
    for kind in (SH.select, SH.ask, SH.construct):
        for constraint, text in sorted(shapes.subject_objects(kind), key=lambda so: str(so[1])):
            try:
                parseQuery(str(text))
            except ParseException as exc:
                owner = next(shapes.subjects(SH.sparql, constraint), constraint)
                name = owner.n3(names.namespace_manager)
                return (
                    f"SPARQL syntax error in {name}, line {exc.lineno} column {exc.col} "
                    f"of its query: {exc.msg}"
                )
    return None


def _link_results(report: Graph) -> None:
    """Attach results added beside pyshacl to the report node; keep ``sh:conforms`` honest."""
    node = next(report.subjects(RDF.type, SH.ValidationReport), None)
    if node is None:
        return
    linked = set(report.objects(node, SH.result))
    results = set(report.subjects(RDF.type, SH.ValidationResult))
    for result in results - linked:
        report.add((node, SH.result, result))
    report.set((node, SH.conforms, Literal(not results)))


def _sort_key(r: ValidationResult) -> tuple[int, str, str, str, str]:
    return (-_ORDER.index(r.severity), r.focus_node, r.path or "", r.source_shape, r.value or "")


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_IRI = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]*[A-Za-z0-9_/#-]")
#: an IRI with the spaces around it: Chinese sets 「label」 without them
_IRI_SPACED = re.compile(rf" ?({_IRI.pattern}) ?")


@dataclass(frozen=True)
class _Reported:
    """One ``sh:ValidationResult`` of the SHACL results graph, as plain values."""

    focus: str
    severity: Severity
    path: str | None
    value: Node | None
    shape: str | None
    component: Node | None
    message_zh: str
    message_en: str


def _reported(report: Graph) -> list[_Reported]:
    """Read the SHACL results graph (the engine's output, not the data) into plain values."""
    names = _prefixes()
    out: list[_Reported] = []
    nodes = list(report.subjects(RDF.type, SH.ValidationResult))
    # a value of the wrong type is reported as such; other constraints of the same shape
    # that the value fails for the same reason (sh:minInclusive on a string) are not repeated
    mistyped = {
        (report.value(n, SH.focusNode), report.value(n, SH.sourceShape), report.value(n, SH.value))
        for n in nodes
        if report.value(n, SH.sourceConstraintComponent) == SH.DatatypeConstraintComponent
    }
    for node in nodes:
        focus = report.value(node, SH.focusNode)
        if focus is None:
            continue
        path_node = report.value(node, SH.resultPath)
        path = None
        if path_node is not None:
            path = parse_shacl_path(report, path_node).n3(names.namespace_manager)
        value = report.value(node, SH.value)
        shape = report.value(node, SH.sourceShape)
        component = report.value(node, SH.sourceConstraintComponent)
        if component != SH.DatatypeConstraintComponent and (focus, shape, value) in mistyped:
            continue
        zh, en = _messages(report, node)
        out.append(
            _Reported(
                str(focus),
                _severity(report.value(node, SH.resultSeverity)),
                path,
                value,
                str(shape) if shape is not None else None,
                component,
                zh,
                en,
            )
        )
    return out


def _prefixes() -> Graph:
    names = Graph()
    for prefix, namespace in PREFIXES.items():
        names.bind(prefix, namespace)
    return names


def _read_results(
    data: Any, reported: Sequence[_Reported], shapes: Graph
) -> Iterator[ValidationResult]:
    """Turn the SHACL results into findings that name each thing by its labels and span.

    What the findings say of the data (labels, evidence, owner and kind of each focus node)
    is read with a few ``VALUES`` queries through :mod:`policygraph._read`, on ``data``: the
    plan graph, or its copy in Oxigraph (:func:`policygraph._read.for_queries`).
    """
    if not reported:
        return
    names = _prefixes()
    datatypes = {r["shape"]: r["datatype"] for r in _read.rows(shapes, "shape-datatypes")}
    owner = _owners(data, {r.focus for r in reported})
    messages = []
    for r in reported:
        zh, en = r.message_zh, r.message_en
        if r.component == SH.DatatypeConstraintComponent and r.value is not None:
            expected = datatypes.get(r.shape) if r.shape is not None else None
            wrong = _wrong_type(expected, r.path, r.value, names)
            zh, en = wrong or (zh, en)
        messages.append((zh, en))
    named = {m.group(1) for pair in messages for text in pair for m in _IRI_SPACED.finditer(text)}
    owners = set(owner.values())
    labels = _labels(data, owners | named)
    spans = _evidence(data, owners)
    kinds = _kinds(data, owners)
    for r, (zh, en) in zip(reported, messages, strict=True):
        thing = owner[r.focus]
        label_zh, label_en = labels.get(thing, (None, None))
        span, quote = spans.get(thing, (None, None))
        thing_zh, thing_en = _thing(kinds.get(thing), thing, r.focus, label_zh, label_en)
        where_zh = f"（来源：第{span[0]}–{span[1]}字）" if span else ""
        where_en = f" (source: chars {span[0]}–{span[1]})" if span else ""
        yield ValidationResult(
            focus_node=r.focus,
            severity=r.severity,
            message_zh=thing_zh + _name_iris(labels, zh, "zh") + where_zh,
            message_en=thing_en + " " + _name_iris(labels, en, "en") + where_en,
            source_shape=r.shape or "",
            path=r.path,
            value=str(r.value) if r.value is not None else None,
            label_zh=label_zh,
            label_en=label_en,
            span=span,
            quote=quote,
        )


def _wrong_type(
    expected: str | None, path: str | None, value: Node, names: Graph
) -> tuple[str, str] | None:
    """Say which type a value has and which one the shape expects (its ``sh:datatype``).

    None when the shape expects a language-tagged label: its own message says it better.

    Examples
    --------
    >>> from rdflib.namespace import XSD
    >>> names = Graph()
    >>> names.bind("xsd", str(XSD))
    >>> print(_wrong_type(str(XSD.decimal), "pg:value", Literal("abc"), names)[1])
    has pg:value "abc" of type xsd:string where an xsd:decimal is expected
    >>> comma = Literal("3,5", datatype=XSD.decimal)
    >>> print(_wrong_type(str(XSD.decimal), "pg:value", comma, names)[0])
    的 pg:value 值 "3,5" 不是有效的 xsd:decimal
    """
    if expected is None or expected == str(RDF.langString):
        return None
    manager = names.namespace_manager
    want = URIRef(expected).n3(manager)
    what = path or "value"
    article = "an" if want[:1].lower() in "aeiou" or want.startswith(("xsd:", "rdf:")) else "a"
    if not isinstance(value, Literal):
        shown = value.n3(manager)
        return (
            f"的 {what} 值 {shown} 不是字面量，应为 {want}",
            f"has {what} {shown}, not a literal; {article} {want} is expected",
        )
    text = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value.language:
        text, actual = f"{text}@{value.language}", RDF.langString
    else:
        actual = value.datatype or URIRef(str(XSD_STRING))
    if str(actual) == expected:  # the right type, but not a valid lexical form of it
        return (
            f"的 {what} 值 {text} 不是有效的 {want}",
            f"has {what} {text}, which is not a valid {want}",
        )
    got = actual.n3(manager)
    return (
        f"的 {what} 值 {text} 是 {got}，应为 {want}",
        f"has {what} {text} of type {got} where {article} {want} is expected",
    )


XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def _severity(node: Node | None) -> Severity:
    if node == SH.Info:
        return "Info"
    if node == SH.Warning:
        return "Warning"
    return "Violation"  # sh:Violation, and any custom severity


def _messages(report: Graph, node: Node) -> tuple[str, str]:
    """Return the result's (zh, en) message; untagged messages are sorted by script."""
    zh: list[str] = []
    en: list[str] = []
    for message in report.objects(node, SH.resultMessage):
        text = str(message)
        lang = message.language if isinstance(message, Literal) else None
        if lang == "zh" or (lang is None and _CJK.search(text)):
            zh.append(text)
        elif lang is None or lang == "en":
            en.append(text)
    if not en:
        shape = report.value(node, SH.sourceShape)
        en = [f"does not conform to {shape}"]
    return (sorted(zh)[0] if zh else sorted(en)[0]), sorted(en)[0]


def _node(text: str) -> Node:
    """An RDF node from a result cell: an IRI has a scheme (a colon); a blank node id has none."""
    return URIRef(text) if ":" in text else BNode(text)


def _lookup(data: Any, name: str, variable: str, nodes: Collection[str]) -> list[dict[str, Any]]:
    """Rows of the internal query ``name`` with ``variable`` bound to each of ``nodes``.

    IRIs are bound by a ``VALUES`` block. A blank node cannot be, nor an IRI that SPARQL
    cannot write (rdflib accepts ``<a b>``): when there are any, the query runs once unbound
    and keeps their rows.
    """
    from ._queries import check_term
    from .errors import QueryError

    bound: list[Node] = []
    unbound: set[str] = set()
    for text in sorted(nodes):
        node = _node(text)
        try:
            bound.append(check_term(variable, node))
        except QueryError:
            unbound.add(text)
    found = _read.rows_for(data, name, variable, bound) if bound else []
    if unbound:
        found += [r for r in _read.rows(data, name) if r[variable] in unbound]
    return found


def _owners(data: Any, focus: Collection[str]) -> dict[str, str]:
    """The thing each focus node is about: a span's or quote's entity, else the node itself."""
    evidence = {node: node for node in focus}
    for row in reversed(_lookup(data, "selector-evidence", "selector", focus)):
        evidence[row["selector"]] = row["evidence"]  # the first evidence in order
    owner: dict[str, str] = {}
    for row in reversed(_lookup(data, "evidence-owners", "evidence", set(evidence.values()))):
        owner[row["evidence"]] = row["owner"]
    return {f: owner.get(e, f) for f, e in evidence.items()}


def _labels(data: Any, nodes: Collection[str]) -> dict[str, tuple[str | None, str | None]]:
    """The (zh, en) ``skos:prefLabel`` of each node that has one; a source file's name else.

    Of several labels in one language, the first in code-point order is kept.
    """
    found: dict[str, dict[str, str]] = {}
    for row in _lookup(data, "labels", "node", nodes):
        label, language = row["label"], (row["language"] or "").lower()
        for lang in ("zh", "en"):
            if language.startswith(lang):
                found.setdefault(row["node"], {}).setdefault(lang, str(label))
    out = {node: (names.get("zh"), names.get("en")) for node, names in found.items()}
    for row in _lookup(data, "file-names", "node", set(nodes) - set(out)):
        out.setdefault(row["node"], (row["name"], row["name"]))
    return out


def _evidence(
    data: Any, nodes: Collection[str]
) -> dict[str, tuple[tuple[int, int] | None, str | None]]:
    """The source span and quote of each node's evidence (the last selector that has each)."""
    out: dict[str, tuple[tuple[int, int] | None, str | None]] = {}
    for row in _lookup(data, "spans", "node", nodes):
        span, quote = out.get(row["node"], (None, None))
        start, end = row["start"], row["end"]
        if isinstance(start, int) and isinstance(end, int):
            span = (start, end)
        if row["exact"] is not None:
            quote = str(row["exact"])
        out[row["node"]] = (span, quote)
    return out


@cache
def _class_labels() -> dict[str, tuple[str, str]]:
    """Map each ontology class to its (zh, en) ``skos:prefLabel``."""
    from .rdf import load_graph

    path = resource_path("ontology", "policygraph.ttl")
    ontology = load_graph(path) if path.is_file() else Graph()
    found: dict[str, dict[str, str]] = {}
    for row in _read.rows(ontology, "class-labels"):
        label, language = row["label"], (row["language"] or "").lower()
        for lang in ("zh", "en"):
            if language.startswith(lang):
                found.setdefault(row["class"], {}).setdefault(lang, str(label))
    labels = {c: (n["zh"], n["en"]) for c, n in found.items() if n.get("zh") and n.get("en")}
    labels.setdefault(str(SKOS.Concept), ("概念", "concept"))
    return labels


def _kinds(data: Any, nodes: Collection[str]) -> dict[str, tuple[str, str]]:
    """The (zh, en) name of each node's most specific known class (``('任务', 'task')``)."""
    known = _class_labels()
    types: dict[str, list[str]] = {}
    for row in _lookup(data, "types", "node", nodes):
        types.setdefault(row["node"], []).append(row["type"])
    out: dict[str, tuple[str, str]] = {}
    for node, found in types.items():
        first = sorted(found, key=lambda t: (t not in known, t == str(SKOS.Concept)))[0]
        if first in known:
            out[node] = known[first]
    return out


def _thing(
    kind: tuple[str, str] | None,
    owner: str,
    focus: str,
    label_zh: str | None,
    label_en: str | None,
) -> tuple[str, str]:
    """Return how messages name the thing, e.g. ``('任务「…」', "Task '…'")``."""
    kind_zh, kind_en = kind or ("", "")
    fallback = owner.removeprefix(str(ID))
    name_zh = label_zh or label_en or fallback
    name_en = label_en or label_zh or fallback
    zh = f"{kind_zh}「{name_zh}」"
    en = f"{kind_en.capitalize()} '{name_en}'" if kind_en else f"'{name_en}'"
    if owner != focus:  # a span or quote of the thing
        zh, en = zh + "的出处：", en + ", evidence:"
    return zh, en


def _name_iris(labels: dict[str, tuple[str | None, str | None]], message: str, lang: str) -> str:
    """Replace IRIs in a message with the labels of the things they name (from ``labels``)."""

    def name(match: re.Match[str]) -> str:
        zh, en = labels.get(match.group(1), (None, None))
        label = (zh or en) if lang == "zh" else (en or zh)
        if label is None:
            return match.group(0)
        if lang == "zh":
            return f"「{label}」"
        return match.group(0).replace(match.group(1), f"'{label}'")

    return _IRI_SPACED.sub(name, message)
