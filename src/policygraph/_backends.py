"""Run one SPARQL query on rdflib, pyoxigraph or a remote endpoint (private).

Every backend returns a :class:`Answer`: the projected variables and rows of rdflib terms
(or a boolean for ``ASK``), so that results are turned into Python values in one place.
"""

from __future__ import annotations

import ast
import socket
import urllib.error
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
    """Send the query to a SPARQL 1.1 endpoint; parameters become a ``VALUES`` block."""
    from SPARQLWrapper import BASIC, JSON, POST, SPARQLWrapper
    from SPARQLWrapper import SPARQLExceptions as sx

    client = SPARQLWrapper(endpoint.url)
    with warnings.catch_warnings():  # it warns when it cannot tell the query form
        warnings.simplefilter("ignore", RuntimeWarning)
        client.setQuery(with_values(text, bindings))
    if client.queryType not in ("SELECT", "ASK"):
        raise QueryError(f"{_FORMS}, not {client.queryType}")
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(max(1, round(endpoint.timeout)))
    if endpoint.user is not None:
        client.setHTTPAuth(BASIC)
        client.setCredentials(endpoint.user, endpoint.password or "")
    where = endpoint.url
    try:
        data = client.query().convert()
    except sx.QueryBadFormed as exc:
        raise QueryError(f"the endpoint rejected the query: {_server_message(exc)}") from exc
    except sx.URITooLong as exc:
        raise QueryError("the endpoint rejected the query as too long", source=where) from exc
    except sx.Unauthorized as exc:
        raise EndpointError(
            "authentication failed (HTTP 401): give a user and password", source=where
        ) from exc
    except sx.EndPointNotFound as exc:
        raise EndpointError(
            "no SPARQL endpoint at this URL (HTTP 404); for Oxigraph use .../query", source=where
        ) from exc
    except sx.SPARQLWrapperException as exc:
        raise EndpointError(f"the endpoint failed: {_server_message(exc)}", source=where) from exc
    except urllib.error.HTTPError as exc:
        raise EndpointError(
            f"the endpoint answered HTTP {exc.code} {exc.reason}", source=where
        ) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise unreachable(exc, where, endpoint.timeout) from exc
    except ValueError as exc:  # not JSON
        raise EndpointError(
            f"the endpoint's answer is not SPARQL JSON: {exc}", source=where
        ) from exc
    return _from_json(data)


def unreachable(exc: BaseException, where: str, timeout: float) -> EndpointError:
    """The EndpointError for a connection that failed or timed out."""
    reason: object = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError | socket.timeout):
        return EndpointError(f"no answer within {timeout:g} s", source=where)
    text = getattr(reason, "strerror", None) or str(reason)
    return EndpointError(f"cannot reach the endpoint: {text}", source=where)


def _server_message(exc: Exception) -> str:
    """The server's own message inside a SPARQLWrapper exception (its response body)."""
    text = str(exc)
    marker = "Response:\n"
    if marker in text:
        raw = text.split(marker, 1)[1].strip()
        try:
            body = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            return raw
        if isinstance(body, bytes):
            return body.decode("utf-8", errors="replace").strip()
        return str(body).strip()
    return _first_line(exc)


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
