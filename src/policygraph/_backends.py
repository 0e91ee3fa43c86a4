"""Run one SPARQL query on rdflib, pyoxigraph or a remote endpoint (private).

Every backend returns a :class:`Answer`: the projected variables and rows of rdflib terms
(or a boolean for ``ASK``), so that results are turned into Python values in one place.
"""

from __future__ import annotations

import functools
import re
import socket
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, cast

from ._queries import XSD_INTEGER_NAMES, with_values
from .errors import EndpointError, QueryError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Identifier

    from .sparql import Endpoint

__all__ = ["Answer", "oxigraph_tuples", "rdflib_term", "run_endpoint", "run_oxigraph", "run_rdflib"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_FORMS = "query() answers SELECT, ASK, CONSTRUCT and DESCRIBE queries"
_GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Answer:
    """What a backend returns: variables and rows, a boolean, or a graph.

    Rows hold terms (``None`` = unbound); ``ASK`` gives a boolean, ``CONSTRUCT`` and
    ``DESCRIBE`` a graph.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]
    boolean: bool | None = None
    graph: Graph | None = None
    #: rows of Python values already (as :func:`policygraph.sparql.to_python` gives), by column
    columns: tuple[list[object], ...] | None = None


def _prepared(text: str, graph: Graph) -> Any:
    """The parsed and translated query (cached: parsing costs rdflib more than evaluating).

    The graph's prefixes are part of the key, as ``Graph.query`` resolves them for a text.
    """
    namespaces = tuple(sorted((prefix, str(iri)) for prefix, iri in graph.namespaces()))
    return _parse(text, namespaces)


@lru_cache(maxsize=128)
def _parse(text: str, namespaces: tuple[tuple[str, str], ...]) -> Any:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


def run_rdflib(graph: Graph, text: str, bindings: Mapping[str, Identifier]) -> Answer:
    """Evaluate with rdflib's engine; parameters become ``initBindings``."""
    try:
        result = graph.query(_prepared(text, graph), initBindings=dict(bindings))
        if result.type == "ASK":
            return Answer((), (), bool(result.askAnswer))
        if result.type in _GRAPH_FORMS and result.graph is not None:
            return Answer((), (), graph=_copy(result.graph))
        if result.type != "SELECT":
            raise QueryError(f"{_FORMS}, not {result.type}")
        variables = tuple(str(v) for v in result.vars or ())
        rows = tuple(tuple(cast("Sequence[Identifier | None]", row)) for row in result)
    except QueryError:
        raise
    except Exception as exc:  # pyparsing and rdflib raise many types: all mean a bad query
        line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
        if isinstance(line, int) and isinstance(column, int):  # a pyparsing syntax error
            raise QueryError(
                f"syntax error: {getattr(exc, 'msg', None) or _first_line(exc)}",
                line=line,
                column=column,
            ) from exc
        raise QueryError(_first_line(exc)) from exc
    return Answer(variables, rows)


def run_oxigraph(store: Any, text: str, bindings: Mapping[str, Identifier]) -> Answer:
    """Evaluate with pyoxigraph on the union of the store's graphs.

    Parameters become a ``VALUES`` block, as for an endpoint: pyoxigraph's ``substitutions``
    only accept variables that the query projects, and parameters usually are not.
    """
    import pyoxigraph as ox

    result = _ox_query(store, text, bindings)
    if isinstance(result, ox.QueryBoolean):
        return Answer((), (), bool(result))
    if isinstance(result, ox.QueryTriples):
        try:
            triples = [
                (_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in result
            ]
        except (OSError, ValueError) as exc:
            raise QueryError(_first_line(exc)) from exc
        return Answer((), (), graph=_graph(triples))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"{_FORMS}, not {type(result).__name__}")
    variables = tuple(v.value for v in result.variables)
    try:
        solutions = [tuple(sol) for sol in result]
    except (OSError, ValueError) as exc:  # evaluation errors surface while iterating
        raise QueryError(_first_line(exc)) from exc
    if not variables:  # rows without columns: only their number counts
        return Answer(variables, tuple(() for _ in solutions))
    columns = tuple(_column(solutions, i) for i in range(len(variables)))
    return Answer(variables, (), columns=columns)


def _ox_query(store: Any, text: str, bindings: Mapping[str, Identifier]) -> Any:
    """The (lazy) result of pyoxigraph's ``Store.query`` on the union of the store's graphs."""
    try:
        return store.query(with_values(text, bindings), use_default_graph_as_union=True)
    except (SyntaxError, OSError, ValueError) as exc:
        raise QueryError(_first_line(exc)) from exc


def oxigraph_tuples(
    store: Any, text: str, bindings: Mapping[str, Identifier]
) -> list[tuple[object, ...]]:
    """The rows of a ``SELECT`` on pyoxigraph as tuples of Python values, read as they come.

    The values of :func:`run_oxigraph`'s columns, except that a language-tagged string is a
    plain ``str`` (select ``LANG(?x)`` for its tag). No column lists, no cache of terms:
    for large results the conversion then costs about as little as the engine's iteration.
    """
    import pyoxigraph as ox

    result = _ox_query(store, text, bindings)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"a SELECT query was expected, not {type(result).__name__}")
    value = _ox_converter()
    named, literal = ox.NamedNode, ox.Literal

    def cell(term: Any) -> object:
        if type(term) is literal and term.language:
            return term.value
        return value(term)

    try:
        return [
            tuple([term.value if type(term) is named else cell(term) for term in solution])
            for solution in result
        ]
    except (OSError, ValueError) as exc:  # evaluation errors surface while iterating
        raise QueryError(_first_line(exc)) from exc


def _column(solutions: Sequence[tuple[Any, ...]], index: int) -> list[object]:
    """The Python values of one column; a term that comes again is converted once."""
    value = _ox_converter()
    seen: dict[Any, object] = {}
    column = []
    for solution in solutions:
        term = solution[index]
        try:
            column.append(seen[term])
        except KeyError:
            converted = seen[term] = value(term)
            column.append(converted)
    return column


@functools.cache
def _ox_converter() -> Callable[[Any], object]:
    """The function that turns a pyoxigraph term into its Python value in a result frame.

    The values are those of :func:`policygraph.sparql.to_python` applied to the rdflib term
    of :func:`_from_ox`; common datatypes are read straight from the lexical form, anything
    unusual (an ill-typed literal, another datatype) goes the rdflib way.
    """
    import datetime
    from decimal import Decimal, InvalidOperation

    import pyoxigraph as ox

    from ._terms import LangString, to_python

    named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal
    integer = int
    readers: dict[str, Any] = {
        **{_XSD + name: integer for name in (*XSD_INTEGER_NAMES, "gYear")},
        _XSD + "double": float,
        _XSD + "float": float,
        _XSD + "decimal": lambda text: float(Decimal(text)),
        _XSD + "date": datetime.date.fromisoformat,
    }
    string = _XSD + "string"
    booleans = {"true": True, "1": True, "false": False, "0": False}
    boolean = _XSD + "boolean"

    def value(term: Any) -> object:
        kind = type(term)
        if kind is named or kind is blank:
            return term.value
        if term is None:
            return None
        if kind is literal:
            language = term.language
            if language:
                return LangString(term.value, language)
            datatype = term.datatype.value
            if datatype == string:
                return term.value
            read = readers.get(datatype)
            if read is not None and term.value.isascii():
                try:
                    return read(term.value)
                except (ValueError, InvalidOperation):
                    pass
            elif datatype == boolean and term.value in booleans:
                return booleans[term.value]
        return to_python(_from_ox(term))

    return value


def _graph(triples: Iterable[tuple[Any, Any, Any]]) -> Graph:
    """A new rdflib graph of ``triples``, with policygraph's prefixes bound."""
    from rdflib import Graph

    from ._writer import bind_prefixes

    graph = bind_prefixes(Graph())
    for triple in triples:
        graph.add(triple)
    return graph


def _copy(graph: Graph) -> Graph:
    """A result graph of rdflib in a graph of its own (it may share the queried store)."""
    return _graph(graph)


def rdflib_term(term: Any) -> Identifier | None:
    """The rdflib term of a pyoxigraph term (a plain ``xsd:string`` literal has no datatype).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> rdflib_term(ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    rdflib.term.Literal('5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    return _from_ox(term)


def _from_ox(term: Any) -> Identifier | None:
    if term is None:
        return None
    ox, uriref, bnode, literal = _terms()
    if isinstance(term, ox.NamedNode):
        return uriref(term.value)  # type: ignore[no-any-return]
    if isinstance(term, ox.BlankNode):
        return bnode(term.value)  # type: ignore[no-any-return]
    if isinstance(term, ox.Literal):
        if term.language:
            return literal(term.value, lang=term.language)  # type: ignore[no-any-return]
        datatype = term.datatype.value
        if datatype == _XSD + "string":  # as rdflib reads a plain literal
            return literal(term.value)  # type: ignore[no-any-return]
        return literal(term.value, datatype=_datatype(datatype))  # type: ignore[no-any-return]
    return literal(str(term))  # type: ignore[no-any-return]  # RDF-star triples: keep their text


@cache
def _terms() -> tuple[Any, Any, Any, Any]:
    """The term classes of pyoxigraph and rdflib, imported once (``_from_ox`` runs per cell)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    return ox, URIRef, BNode, Literal


@lru_cache(maxsize=256)
def _datatype(iri: str) -> Identifier:
    from rdflib import URIRef

    return URIRef(iri)


def run_endpoint(endpoint: Endpoint, text: str, bindings: Mapping[str, Identifier]) -> Answer:
    """Send the query to a SPARQL 1.1 endpoint; parameters become a ``VALUES`` block.

    SPARQLWrapper tells the query form; the request itself (an HTTP POST of the form-encoded
    query, as the SPARQL 1.1 Protocol describes) goes through :func:`policygraph._http.send`,
    so that the endpoint's timeout bounds the whole exchange, not each read.
    """
    import base64
    import urllib.parse
    import urllib.request

    from SPARQLWrapper import SPARQLWrapper

    from . import __version__
    from ._http import DeadlineExceeded, send

    client = SPARQLWrapper(endpoint.url)
    with warnings.catch_warnings():  # it warns when it cannot tell the query form
        warnings.simplefilter("ignore", RuntimeWarning)
        client.setQuery(with_values(text, bindings))
    if client.queryType not in ("SELECT", "ASK", *_GRAPH_FORMS):
        raise QueryError(f"{_FORMS}, not {client.queryType}")
    wants_graph = client.queryType in _GRAPH_FORMS
    try:
        body = urllib.parse.urlencode({"query": client.queryString}).encode("ascii")
    except UnicodeEncodeError as exc:  # a lone surrogate in the text
        raise QueryError(f"the query is not valid Unicode text: {exc.reason}") from exc
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/n-triples, text/turtle;q=0.9"
        if wants_graph
        else "application/sparql-results+json",
        "User-Agent": f"policygraph/{__version__}",
    }
    if endpoint.user is not None:
        pair = f"{endpoint.user}:{endpoint.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    request = urllib.request.Request(endpoint.url, data=body, headers=headers, method="POST")
    where = endpoint.url
    try:
        reply = send(request, timeout=endpoint.timeout)
    except DeadlineExceeded as exc:
        raise EndpointError(f"no answer within {endpoint.timeout:g} s", source=where) from exc
    except OSError as exc:
        raise unreachable(exc, where, endpoint.timeout) from exc
    if reply.status == 400:
        raise QueryError(f"the endpoint rejected the query: {reply.first_line() or 'HTTP 400'}")
    if reply.status == 414:
        raise QueryError("the endpoint rejected the query as too long", source=where)
    if reply.status == 401:
        raise EndpointError(
            "authentication failed (HTTP 401): give a user and password", source=where
        )
    if reply.status == 404:
        raise EndpointError(
            "no SPARQL endpoint at this URL (HTTP 404); for Oxigraph use .../query", source=where
        )
    if not 200 <= reply.status < 300:
        detail = reply.first_line()
        raise EndpointError(
            f"the endpoint answered HTTP {reply.status} {reply.reason}"
            + (f": {detail}" if detail else ""),
            source=where,
        )
    if wants_graph:
        return Answer((), (), graph=_from_rdf(reply.body, reply.content_type, where))
    return _from_json(_json(reply.body, where), where)


def _from_rdf(body: bytes, content_type: str, where: str) -> Graph:
    """Parse a CONSTRUCT or DESCRIBE answer (N-Triples or Turtle) with pyoxigraph."""
    import pyoxigraph as ox

    media = content_type.split(";", 1)[0].strip().lower()
    fmt = ox.RdfFormat.from_media_type(media) if media else None
    if fmt not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):
        raise EndpointError(
            f"the endpoint's answer is not N-Triples or Turtle but {media or 'untyped'}",
            source=where,
        )
    try:
        triples = [
            (_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object))
            for t in ox.parse(body, format=fmt)
        ]
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(
            f"the endpoint's answer is not valid {fmt.name}: {_first_line(exc)}", source=where
        ) from exc
    return _graph(triples)


def _json(body: bytes, where: str) -> Any:
    """Parse a JSON answer; anything else is the endpoint's fault (EndpointError)."""
    import json

    try:
        return json.loads(body)
    except RecursionError as exc:
        raise EndpointError(
            "the endpoint's answer is not JSON: nested too deep", source=where
        ) from exc
    except json.JSONDecodeError as exc:  # say where, and what is there (e.g. a server's error
        # message written into a stream it had started as JSON)
        found = body[exc.pos : exc.pos + 80].decode("utf-8", errors="replace").strip()
        raise EndpointError(
            f"the endpoint's answer is not JSON: {exc.msg} at line {exc.lineno} column "
            f"{exc.colno}, where it reads {found!r}",
            source=where,
        ) from exc
    except ValueError as exc:  # UnicodeDecodeError
        raise EndpointError(
            f"the endpoint's answer is not JSON: {_first_line(exc)}", source=where
        ) from exc


def unreachable(exc: BaseException, where: str, timeout: float) -> EndpointError:
    """The EndpointError for a connection that failed or timed out."""
    reason: object = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError | socket.timeout):
        return EndpointError(f"no answer within {timeout:g} s", source=where)
    text = getattr(reason, "strerror", None) or str(reason)
    return EndpointError(f"cannot reach the endpoint: {text}", source=where)


def _from_json(data: Any, where: str) -> Answer:
    """Read SPARQL 1.1 JSON results, checking their shape: a wrong one is an EndpointError."""

    def wrong(what: str) -> EndpointError:
        return EndpointError(
            f"the endpoint's answer is not SPARQL JSON results: {what}", source=where
        )

    if not isinstance(data, dict):
        raise wrong(f"a JSON {type(data).__name__}, not an object")
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise wrong('"boolean" is not true or false')
        return Answer((), (), data["boolean"])
    head = data.get("head")
    if not isinstance(head, dict):
        raise wrong('no "head" object')
    variables = head.get("vars", [])
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise wrong('"head.vars" is not a list of names')
    results = data.get("results")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise wrong('no "results.bindings" list')
    rows = []
    for n, binding in enumerate(bindings, start=1):
        if not isinstance(binding, dict):
            raise wrong(f"solution {n} is not an object")
        try:
            rows.append(tuple(_from_binding(binding.get(name)) for name in variables))
        except ValueError as exc:
            raise wrong(f"solution {n}: {exc}") from exc
    return Answer(tuple(variables), tuple(rows))


_LANGUAGE_TAG = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
_SIGNED_DIGITS = r"[+-]?[0-9]+"
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_TIMEZONE = r"(?:Z|[+-][0-9]{2}:[0-9]{2})?"
#: lexical forms of the datatypes whose values query() converts (XSD Part 2), around optional
#: white space; Python's int(), Decimal() and float() accept more (``1_000``, ``1e5``, ``NaN``)
_LEXICAL = {
    **{name: re.compile(_SIGNED_DIGITS) for name in XSD_INTEGER_NAMES},
    "decimal": re.compile(_DECIMAL),
    "double": re.compile(rf"(?:{_DECIMAL}(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)"),
    "float": re.compile(rf"(?:{_DECIMAL}(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)"),
    "boolean": re.compile(r"true|false|1|0"),
    "gYear": re.compile(rf"-?[0-9]{{4,}}{_TIMEZONE}"),
    "date": re.compile(rf"-?[0-9]{{4,}}-[0-9]{{2}}-[0-9]{{2}}{_TIMEZONE}"),
}


def _from_binding(value: object) -> Identifier | None:
    """One RDF term of a JSON solution; ValueError when it is malformed."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.term import XSDToPython

    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"a term is a JSON {type(value).__name__}, not an object")
    kind, text = value.get("type"), value.get("value")
    if not isinstance(text, str):
        raise ValueError('a term has no text "value"')
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind not in ("literal", "typed-literal"):
        raise ValueError(f"unknown term type {kind!r}")
    language, datatype = value.get("xml:lang"), value.get("datatype")
    if language is not None:
        if not isinstance(language, str) or not _LANGUAGE_TAG.fullmatch(language):
            raise ValueError(f"invalid language tag {language!r}")
        return Literal(text, lang=language)
    if datatype is None:
        return Literal(text)
    if not isinstance(datatype, str):
        raise ValueError(f"invalid datatype {datatype!r}")
    convert = XSDToPython.get(URIRef(datatype))
    if datatype.startswith(_XSD) and datatype[len(_XSD) :] in _LEXICAL:
        pattern = _LEXICAL[datatype[len(_XSD) :]]
        if not pattern.fullmatch(text.strip()) or not _converts(convert, text):
            raise ValueError(f"invalid {datatype[len(_XSD) :]} {text!r}")
    elif not _converts(convert, text):
        # rdflib could not read the value (and would log a traceback): query() gives the
        # text of such literals anyway, so keep the text
        return Literal(text)
    return Literal(text, datatype=URIRef(datatype))


def _converts(convert: Any, text: str) -> bool:
    """True when rdflib's converter for a datatype (if any) reads ``text`` without error."""
    if convert is None:
        return True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            convert(text)
        except Exception:  # each converter raises its own kinds of error
            return False
    return True


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
