"""``EXISTS { A . B . FILTER F }`` rewritten as ``EXISTS { A FILTER EXISTS { B FILTER F } }``.

Oxigraph plans the join inside an ``EXISTS`` without knowing that the outer solution binds
some of its variables, and joins by hashing: ``?r pg:task $this ; pg:rank ?rank`` then reads
every responsibility of that rank in the store, for each outer solution (quadratic in plans).
Nested, each ``EXISTS`` holds one triple pattern evaluated with the outer bindings in place:
an index lookup. Both forms have the same meaning (``EXISTS`` substitutes the solution's
bindings: a solution of ``A . B`` passing ``F`` exists exactly when some solution of ``A``
has a compatible solution of ``B`` passing ``F``). A group holding anything but triple
patterns of three terms and filters is left as written.
"""

from __future__ import annotations

from functools import lru_cache

from ._compare import lex

__all__ = ["nest_exists"]

_Token = tuple[str, str]


@lru_cache(maxsize=256)
def nest_exists(text: str) -> str:
    """Nest the triple patterns of each ``EXISTS`` group one per level.

    Examples
    --------
    >>> print(nest_exists("ASK { ?t <urn:p> 1 FILTER NOT EXISTS { ?r <urn:t> ?t ; <urn:k> 1 } }"))
    ASK { ?t <urn:p> 1 FILTER NOT EXISTS { ?r <urn:t> ?t FILTER EXISTS { ?r <urn:k> 1 } } }
    """
    tokens = [t for t in lex(text) if t[0] != "comment"]
    return "".join(t for _, t in _rewrite(tokens))


def _rewrite(tokens: list[_Token]) -> list[_Token]:
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        kind, text = tokens[i]
        if kind == "word" and text.upper() == "EXISTS":
            brace = _next(tokens, i + 1)
            if brace is not None and tokens[brace] == ("op", "{"):
                end = _matching(tokens, brace)
                inner = _rewrite(tokens[brace + 1 : end])  # nested EXISTS in its filters first
                out += [(kind, text), ("space", " "), ("op", "{")]
                out += _nested(inner) or inner
                out.append(("op", "}"))
                i = end + 1
                continue
        out.append((kind, text))
        i += 1
    return out


def _next(tokens: list[_Token], i: int) -> int | None:
    while i < len(tokens) and tokens[i][0] == "space":
        i += 1
    return i if i < len(tokens) else None


def _matching(tokens: list[_Token], start: int) -> int:
    opening, closing = tokens[start][1], {"{": "}", "(": ")"}[tokens[start][1]]
    depth = 0
    for i in range(start, len(tokens)):
        if tokens[i] == ("op", opening):
            depth += 1
        elif tokens[i] == ("op", closing):
            depth -= 1
            if depth == 0:
                return i
    raise ValueError("unbalanced query")


def _nested(body: list[_Token]) -> list[_Token] | None:
    """The group's triples nested one per ``EXISTS``, its filters innermost; None to leave it."""
    triples: list[list[_Token]] = []
    filters: list[list[_Token]] = []
    statement: list[_Token] = []
    i = 0
    while i < len(body):
        kind, text = body[i]
        if kind == "word" and text.upper() == "FILTER":
            j = _next(body, i + 1)
            if j is None:
                return None
            if body[j] == ("op", "("):
                end = _matching(body, j)
            elif body[j][0] == "word" and body[j][1].upper() in ("EXISTS", "NOT"):
                k = _next(body, j + 1)
                if k is not None and body[j][1].upper() == "NOT" and body[k][1].upper() == "EXISTS":
                    k = _next(body, k + 1)
                if k is None or body[k] != ("op", "{"):
                    return None
                end = _matching(body, k)
            else:
                k = _next(body, j + 1)  # a function call: FILTER isNumeric(?x)
                if k is None or body[k] != ("op", "("):
                    return None
                end = _matching(body, k)
            filters.append(body[i : end + 1])
            i = end + 1
            continue
        if (kind == "op" and text in "{}()[]") or (kind == "word" and text.upper() in _KEYWORDS):
            return None
        if kind == "word" and text.startswith("_:"):  # a blank node is scoped to its group
            return None
        if kind == "op" and text == ".":
            triples += _expand(statement) or [[("bad", "")]]
            statement = []
        else:
            statement.append((kind, text))
        i += 1
    triples += _expand(statement) or ([] if not _terms(statement) else [[("bad", "")]])
    if any(t == [("bad", "")] for t in triples) or len(triples) < 2:
        return None
    triples.sort(key=lambda t: not any(w[1] in ("$this", "?this") for w in t))
    out: list[_Token] = [("space", " ")]
    for n, triple in enumerate(triples):
        if n:
            out += [("space", " "), ("word", "FILTER"), ("space", " "), ("word", "EXISTS")]
            out += [("space", " "), ("op", "{"), ("space", " ")]
        out += _join(triple)
    for f in filters:
        out += [("space", " "), *f]
    out += [("space", " ")] + [("op", "}"), ("space", " ")] * (len(triples) - 1)
    return out


_KEYWORDS = {"OPTIONAL", "UNION", "GRAPH", "BIND", "VALUES", "MINUS", "SERVICE", "SELECT"}


def _terms(statement: list[_Token]) -> list[_Token]:
    return [t for t in statement if t[0] != "space"]


def _expand(statement: list[_Token]) -> list[list[_Token]] | None:
    """``s p o ; p2 o2 , o3`` → three triples of three terms; None when it is not that."""
    terms = _terms(statement)
    if not terms:
        return []
    subject, rest = terms[0], terms[1:]
    out: list[list[_Token]] = []
    for part in _split(rest, ";"):
        if not part:
            continue
        predicate, objects = part[0], part[1:]
        for obj in _split(objects, ","):
            if len(obj) != 1 or predicate[0] not in ("word", "iri") or obj[0][0] == "op":
                return None
            out.append([subject, predicate, obj[0]])
    if subject[0] == "op" or not out:
        return None
    return out


def _split(terms: list[_Token], separator: str) -> list[list[_Token]]:
    parts: list[list[_Token]] = [[]]
    for term in terms:
        if term == ("op", separator):
            parts.append([])
        else:
            parts[-1].append(term)
    return parts


def _join(triple: list[_Token]) -> list[_Token]:
    s, p, o = triple
    return [s, ("space", " "), p, ("space", " "), o]
