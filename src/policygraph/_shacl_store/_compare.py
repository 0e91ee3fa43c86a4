"""SPARQL comparisons (``<``, ``=``...) evaluated on the store as rdflib evaluates them.

pySHACL runs SPARQL constraints with rdflib, whose comparisons differ from the standard's (and
Oxigraph's) where the operands' types differ: rdflib orders ``7 < "fifteen"`` by datatype IRI
(true), Oxigraph calls it a type error (false). So each comparison of a constraint's query is
rewritten into a call of a custom function (pyoxigraph's ``custom_functions``) that applies
rdflib's ``RelationalExpression`` to the two terms.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from ._model import Unsupported

__all__ = ["functions", "lex", "rewrite"]

#: the custom functions' IRIs: ``FUNCTION + "lt"``...
FUNCTION = "urn:policygraph:rdflib-compare:"
_OPS = {"<": "lt", ">": "gt", "<=": "le", ">=": "ge", "=": "eq", "!=": "ne"}

_TOKEN = re.compile(
    r"""
    (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<long>"{3}(?:[^"\\]|\\.|"(?!"{2}))*"{3}|'{3}(?:[^'\\]|\\.|'(?!'{2}))*'{3})
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<comment>\#[^\n]*)
    | (?P<number>[+-]?[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?)
    | (?P<op><=|>=|!=|&&|\|\||[<>=(),{}.;])
    | (?P<word>[^\s<>=!(),{}.;"'#&|]+|[!&|])
    | (?P<space>\s+)
    """,
    re.X,
)
_STOPS = {"&&", "||", ",", "{", "}", ".", ";"}


def lex(text: str) -> list[tuple[str, str]]:
    """The query's tokens as (kind, text): iri, string, comment, number, op, word, space."""
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise Unsupported("a query the comparison rewrite cannot read")
        kind = m.lastgroup or "space"
        if kind == "iri" and (m.group()[1:2] in ("?", "$") or "&&" in m.group()):
            # `?a<?b&&?c>?d`: comparisons the grammar itself reads as an IRI; leave to pySHACL
            raise Unsupported("a comparison written without spaces around < or >")
        if kind == "long":
            kind = "string"
        out.append((kind, m.group()))
        pos = m.end()
    return out


@lru_cache(maxsize=256)
def rewrite(text: str) -> str:
    """Replace each comparison ``A op B`` by ``<urn:…:op>(A, B)``.

    Examples
    --------
    >>> text = rewrite("SELECT ?x WHERE { ?x <urn:p> ?r . FILTER (?r > 1 && (?p = ?r - 1)) }")
    >>> print(text.replace(FUNCTION, "f:"))
    SELECT ?x WHERE { ?x <urn:p> ?r . FILTER ( <f:gt>(?r, 1) && ( <f:eq>(?p, ?r - 1) )) }
    """
    tokens = [(k, t) for k, t in lex(text) if k != "comment"]
    while True:
        at = next((i for i, (k, t) in enumerate(tokens) if k == "op" and t in _OPS), None)
        if at is None:
            break
        start = _bound(tokens, at, -1)
        end = _bound(tokens, at, +1)
        left = "".join(t for _, t in tokens[start:at]).strip()
        right = "".join(t for _, t in tokens[at + 1 : end]).strip()
        if not left or not right:
            raise Unsupported("a comparison without two operands")
        call = f"<{FUNCTION}{_OPS[tokens[at][1]]}>({left}, {right})"
        tokens = [*tokens[:start], ("space", " "), ("iri", call), ("space", " "), *tokens[end:]]
        tokens = lex("".join(t for _, t in tokens))
    return "".join(t for _, t in tokens)


def _bound(tokens: list[tuple[str, str]], at: int, step: int) -> int:
    """The first token index of the left operand (step -1) or one past the right's (+1)."""
    depth = 0
    i = at + step
    while 0 <= i < len(tokens):
        kind, text = tokens[i]
        if kind == "op":
            opening, closing = ("(", ")") if step > 0 else (")", "(")
            if text == opening:
                depth += 1
            elif text == closing:
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (text in _STOPS or text in _OPS):
                break
        elif kind == "word" and depth == 0 and text.upper() in ("AS", "FILTER", "BIND"):
            break
        i += step
    return i + 1 if step < 0 else i


_INTEGER = re.compile(r"[+-]?[0-9]+")
_FAST: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
    "=": operator.eq,
    "!=": operator.ne,
}


@cache
def functions() -> dict[Any, Callable[..., Any]]:
    """Pyoxigraph custom functions: rdflib's comparison of two terms, or an error (None)."""
    import pyoxigraph as ox

    from .._backends import rdflib_term

    true = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    false = ox.Literal("false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))

    term = lru_cache(maxsize=1 << 16)(rdflib_term)
    named, literal = ox.NamedNode, ox.Literal
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    fast = _FAST

    def make(op: str) -> Callable[[Any, Any], Any]:
        quick = fast[op]

        def compare(a: Any, b: Any) -> Any:
            ka, kb = type(a), type(b)
            # the common cases, answered as rdflib answers them: two IRIs (= and != only,
            # by their text) and two well-formed xsd:integer literals (by value)
            if ka is named and kb is named and op in ("=", "!="):
                return true if (a.value == b.value) == (op == "=") else false
            if (
                ka is literal
                and kb is literal
                and a.datatype.value == integer
                and b.datatype.value == integer
                and _INTEGER.fullmatch(a.value)
                and _INTEGER.fullmatch(b.value)
            ):
                return true if quick(int(a.value), int(b.value)) else false
            outcome = relational(op, term(a), term(b))
            return None if outcome is None else (true if outcome else false)

        return compare

    return {ox.NamedNode(FUNCTION + name): make(op) for op, name in _OPS.items()}


def relational(op: str, x: Any, y: Any) -> bool | None:
    """Rdflib's ``RelationalExpression`` on two evaluated terms; None for its errors.

    Examples
    --------
    >>> from rdflib import Literal
    >>> relational("<", Literal(7), Literal("fifteen")), relational("<", Literal(7), Literal(3))
    (True, False)
    """
    from rdflib import Literal
    from rdflib.plugins.sparql.operators import XSD_DTs  # type: ignore[attr-defined]
    from rdflib.plugins.sparql.sparql import SPARQLError

    ordering = op not in ("=", "!=")
    if ordering and (not isinstance(x, Literal) or not isinstance(y, Literal)):
        return None
    if (
        ordering
        and isinstance(x, Literal)
        and isinstance(y, Literal)
        and x.datatype is not None
        and x.datatype not in XSD_DTs
        and y.datatype is not None
        and y.datatype not in XSD_DTs
    ):
        return None
    ops: dict[str, Callable[[Any, Any], Any]] = {
        "<": operator.lt,
        ">": operator.gt,
        "<=": operator.le,
        ">=": operator.ge,
        "=": lambda a, b: a.eq(b),
        "!=": lambda a, b: a.neq(b),
    }
    try:
        r = ops[op](x, y)
    except (TypeError, SPARQLError):
        return None
    if r is NotImplemented:
        return None
    return bool(r)
