"""Run one SPARQL query on rdflib, pyoxigraph or a remote endpoint (private).

Every backend returns a :class:`Answer`: the projected variables and rows of rdflib terms
(or a boolean for ``ASK``), so that results are turned into Python values in one place.
"""

from __future__ import annotations

import socket
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from ._queries import with_values
from .errors import EndpointError, QueryError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph
    from rdflib.term import Identifier

    from .sparql import Endpoint

__all__ = ["Answer", "run_endpoint", "run_oxigraph", "run_rdflib"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_FORMS = "query() answers SELECT and ASK queries"


@dataclass(frozen=True)
class Answer:
    """What a backend returns: variables and rows of terms (``None`` = unbound), or a boolean."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]
    boolean: bool | None = None


def run_rdflib(graph: Graph, text: str, bindings: Mapping[str, Identifier]) -> Answer:
    """Evaluate with rdflib's engine; parameters become ``initBindings``."""
    try:
        result = graph.query(text, initBindings=dict(bindings))
        if result.type == "ASK":
            return Answer((), (), bool(result.askAnswer))
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

    try:
        result = store.query(with_values(text, bindings), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(_first_line(exc)) from exc
    except (OSError, ValueError) as exc:
        raise QueryError(_first_line(exc)) from exc
    if isinstance(result, ox.QueryBoolean):
        return Answer((), (), bool(result))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"{_FORMS}, not CONSTRUCT or DESCRIBE")
    variables = tuple(v.value for v in result.variables)
    try:
        rows = tuple(tuple(_from_ox(sol[name]) for name in variables) for sol in result)
    except (OSError, ValueError) as exc:  # evaluation errors surface while iterating
        raise QueryError(_first_line(exc)) from exc
    return Answer(variables, rows)


def _from_ox(term: Any) -> Identifier | None:
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return Literal(str(term))  # RDF-star triples: keep their text


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
    if client.queryType not in ("SELECT", "ASK"):
        raise QueryError(f"{_FORMS}, not {client.queryType}")
    try:
        body = urllib.parse.urlencode({"query": client.queryString}).encode("ascii")
    except UnicodeEncodeError as exc:  # a lone surrogate in the text
        raise QueryError(f"the query is not valid Unicode text: {exc.reason}") from exc
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
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
    return _from_json(_json(reply.body, where))


def _json(body: bytes, where: str) -> Any:
    """Parse a JSON answer; anything else is the endpoint's fault (EndpointError)."""
    import json

    try:
        return json.loads(body)
    except RecursionError as exc:
        raise EndpointError(
            "the endpoint's answer is not JSON: nested too deep", source=where
        ) from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
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


def _from_json(data: Any) -> Answer:
    if not isinstance(data, dict):
        raise EndpointError("the endpoint's answer is not SPARQL JSON")
    if "boolean" in data:
        return Answer((), (), bool(data["boolean"]))
    variables = tuple(str(v) for v in data.get("head", {}).get("vars", []))
    bindings: Sequence[Mapping[str, Any]] = data.get("results", {}).get("bindings", [])
    rows = tuple(tuple(_from_binding(b.get(name)) for name in variables) for b in bindings)
    return Answer(variables, rows)


def _from_binding(value: Mapping[str, Any] | None) -> Identifier | None:
    from rdflib import BNode, Literal, URIRef

    if value is None:
        return None
    kind = value.get("type")
    text = str(value.get("value", ""))
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if "xml:lang" in value:
        return Literal(text, lang=value["xml:lang"])
    datatype = value.get("datatype")
    return Literal(text, datatype=URIRef(datatype) if datatype else None)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
