"""The named-query library and query parameters (private: use :mod:`policygraph.sparql`).

A named query is a ``.rq`` file in the bundled ``queries/`` folder. Its header comment gives
the question in Chinese and English and declares its parameters::

    # zh: 某部门牵头和配合的任务分别有哪些？
    # en: For one department, the tasks it leads and the tasks it supports.
    # @param department: iri-or-label — the department, by IRI or by its label (e.g. 市财政局)
    # @param by: integer = 2027 — a parameter with a default value

Parameter types: ``iri`` (an absolute IRI), ``iri-or-label`` (an IRI, or any other text matched
against the ``skos:prefLabel`` values by the query), ``string`` and ``integer``. Parameters are
always passed to the engine as RDF terms bound to the query's variables, never pasted into the
query text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import QueryError

if TYPE_CHECKING:  # pragma: no cover
    from decimal import Decimal

    from rdflib.term import Identifier

__all__ = ["COMMAND_LINE_TYPES", "PARAMETER_TYPES", "NamedQuery", "Parameter", "parse_param"]

#: the parameter types a named query may declare
PARAMETER_TYPES = ("iri", "iri-or-label", "string", "integer")

_PARAM_LINE = re.compile(
    r"^#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>[\w-]+)"
    r"(?:\s*=\s*(?P<default>\S+))?\s*(?:—|--|-)?\s*(?P<description>.*)$"
)
_IRI = re.compile(r"^(?:https?|urn|file|ftp|mailto|tag):[^\s<>\"{}|^`\\]*$", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z_][\w]*)")


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a named query.

    Attributes
    ----------
    name : str
        The SPARQL variable the value is bound to (without ``?``).
    type : str
        One of :data:`PARAMETER_TYPES`.
    default : str or None
        The value used when the caller gives none; ``None`` means the parameter is required.
    description : str
        What the parameter means, from the query's header.
    """

    name: str
    type: str
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        """True when the parameter has no default value."""
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query from the library (or from a ``.rq`` file), with its header.

    Attributes
    ----------
    name : str
        The file name without ``.rq``, e.g. ``"cq01-task-leads"``.
    question_zh, question_en : str
        The competency question it answers.
    parameters : tuple of Parameter
        The declared parameters, in header order.
    text : str
        The SPARQL text.
    path : pathlib.Path or None
        The file it was read from.
    """

    name: str
    question_zh: str
    question_en: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path | None = None

    @classmethod
    def from_text(cls, text: str, /, *, name: str, path: Path | None = None) -> NamedQuery:
        """Read the header comment of a query (the ``#`` lines before the first other line)."""
        zh = en = ""
        params: list[Parameter] = []
        for raw in text.splitlines():
            line = raw.strip()
            if not line:
                continue
            if not line.startswith("#"):
                break
            body = line.lstrip("#").strip()
            if body.startswith("zh:"):
                zh = body[3:].strip()
            elif body.startswith("en:"):
                en = body[3:].strip()
            elif body.startswith("@param"):
                match = _PARAM_LINE.match(line)
                if match is None or match["type"] not in PARAMETER_TYPES:
                    raise QueryError(
                        "malformed @param line; expected '# @param NAME: TYPE [= DEFAULT] — "
                        f"description' with TYPE one of {', '.join(PARAMETER_TYPES)}",
                        source=str(path or name),
                    )
                params.append(
                    Parameter(
                        name=match["name"],
                        type=match["type"],
                        default=match["default"],
                        description=match["description"].strip(),
                    )
                )
        return cls(name, zh, en, tuple(params), text, path)

    def bind(self, values: Mapping[str, object], /) -> dict[str, Identifier]:
        """Check ``values`` against the declared parameters and turn them into RDF terms.

        Raises
        ------
        QueryError
            An unknown or missing parameter, or a value of the wrong type.
        """
        declared = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            valid = ", ".join(declared) if declared else "none"
            raise QueryError(
                f"unknown parameter {', '.join(unknown)} for query {self.name!r}; "
                f"valid parameters: {valid}"
            )
        bindings: dict[str, Identifier] = {}
        for param in self.parameters:
            value = values.get(param.name, param.default)
            if value is None:
                raise QueryError(
                    f"query {self.name!r} needs parameter {param.name!r} ({param.description})"
                )
            bindings[param.name] = _term(param, value)
        return bindings


def _term(param: Parameter, value: object) -> Identifier:
    """Convert one parameter value to the RDF term its type asks for."""
    from rdflib import Literal, URIRef
    from rdflib.term import Identifier

    if isinstance(value, Identifier):
        expected = {"iri": URIRef, "string": Literal, "integer": Literal}.get(param.type)
        if expected is not None and not isinstance(value, expected):
            raise QueryError(
                f"parameter {param.name!r} expects {_EXPECTS[param.type]}, got {value!r}"
            )
        datatype = str(value.datatype or "") if isinstance(value, Literal) else ""
        if param.type == "integer" and not (
            datatype.startswith(_XSD) and datatype[len(_XSD) :] in XSD_INTEGER_NAMES
        ):
            raise QueryError(f"parameter {param.name!r} expects an integer, got {value!r}")
        return check_term(param.name, value)
    if param.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise QueryError(f"parameter {param.name!r} expects an integer, got {value!r}")
        try:
            number = int(value)
        except ValueError as exc:
            raise QueryError(f"parameter {param.name!r} expects an integer, got {value!r}") from exc
        return check_term(param.name, Literal(number))
    if not isinstance(value, str):
        raise QueryError(f"parameter {param.name!r} expects text, got {value!r}")
    if param.type == "string":
        return check_term(param.name, Literal(value))
    iri = _as_iri(value)
    if iri is not None:
        return check_term(param.name, URIRef(iri))
    if param.type == "iri":
        raise QueryError(f"parameter {param.name!r} expects an absolute IRI, got {value!r}")
    return check_term(param.name, Literal(value))


def _as_iri(value: str) -> str | None:
    """Return ``value`` (without angle brackets) if it is an absolute IRI, else None."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return text if _IRI.match(text) else None


#: the types a command-line parameter may name: ``--param NAME:TYPE=VALUE``
COMMAND_LINE_TYPES = ("string", "integer", "decimal", "year", "boolean", "date", "iri")
_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)")


def parse_param(pair: str, /, *, declared: bool = False) -> tuple[str, object]:
    """Read one command-line parameter ``NAME=VALUE`` or ``NAME:TYPE=VALUE``.

    With a type (one of :data:`COMMAND_LINE_TYPES`), the value becomes an RDF term of that
    type. Without one, a parameter the named query declares (``declared``) keeps its text,
    which the declared type converts; any other value is guessed: an integer (``2027``), a
    decimal (``3.5``), an absolute IRI, or else a string.

    Raises
    ------
    QueryError
        Not ``NAME=VALUE``, an unknown type, or a value that is not of the type named.

    Examples
    --------
    >>> parse_param("y=2027")
    ('y', 2027)
    >>> parse_param("x=3.5")
    ('x', Decimal('3.5'))
    >>> parse_param("x:decimal=3.50")[1]
    rdflib.term.Literal('3.5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    >>> parse_param("x:string=2027")
    ('x', rdflib.term.Literal('2027'))
    >>> parse_param("by=2027", declared=True)
    ('by', '2027')
    >>> parse_param("d:iri=https://w3id.org/policygraph/id/plan/jiaxing-315")[1]
    rdflib.term.URIRef('https://w3id.org/policygraph/id/plan/jiaxing-315')
    >>> parse_param("y:integer=next")
    Traceback (most recent call last):
    ...
    policygraph.errors.QueryError: parameter 'y': 'next' is not an integer
    """
    from rdflib import XSD, Literal, URIRef

    head, sep, value = pair.partition("=")
    name, colon, kind = head.partition(":")
    name, kind = name.strip(), kind.strip()
    if not sep or not name:
        raise QueryError(f"--param expects NAME=VALUE or NAME:TYPE=VALUE, got {pair!r}")
    if not colon:
        if declared:
            return name, value
        if _INTEGER_TEXT.fullmatch(value.strip()):
            return name, int(value)
        if _DECIMAL_TEXT.fullmatch(value.strip()):
            return name, _canonical(value)
        return name, value
    if kind not in COMMAND_LINE_TYPES:
        raise QueryError(
            f"parameter {name!r}: unknown type {kind!r}; types: {', '.join(COMMAND_LINE_TYPES)}"
        )
    text = value.strip()
    patterns = {
        "integer": _INTEGER_TEXT,
        "decimal": re.compile(rf"{_DECIMAL_TEXT.pattern}|{_INTEGER_TEXT.pattern}"),
        "year": re.compile(r"-?[0-9]{4,}"),
        "boolean": re.compile(r"true|false"),
        "date": re.compile(r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}"),
    }
    if kind == "string":
        return name, Literal(value)
    if kind == "iri":
        iri = _as_iri(value)
        if iri is None:
            raise QueryError(f"parameter {name!r}: {value!r} is not an absolute IRI")
        return name, URIRef(iri)
    if not patterns[kind].fullmatch(text):
        article = "an" if kind[0] in "aeiou" else "a"
        raise QueryError(f"parameter {name!r}: {value!r} is not {article} {kind}")
    if kind == "integer":
        return name, Literal(int(text))
    if kind == "decimal":
        return name, Literal(_canonical(text), datatype=XSD.decimal)
    datatype = {"year": XSD.gYear}.get(kind, XSD[kind])
    return name, Literal(text, datatype=datatype)


def _canonical(text: str) -> Decimal:
    """A decimal in the form policygraph writes (``3.50`` → ``3.5``, ``100.0`` → ``100``).

    A parameter matches a literal of the data only when their lexical forms are the same (on
    rdflib), so it is written the way graphs are.
    """
    from decimal import Decimal

    return Decimal(format(Decimal(text.strip()).normalize(), "f"))


def guess_term(value: object) -> Identifier:
    """Turn a value for an undeclared parameter (a raw query) into an RDF term.

    IRIs become IRIs, Python ints, floats and Decimals typed literals, any other text a plain
    literal.
    """
    from decimal import Decimal

    from rdflib import Literal, URIRef
    from rdflib.term import Identifier

    if isinstance(value, Identifier):
        return value
    if isinstance(value, str):
        iri = _as_iri(value)
        return URIRef(iri) if iri is not None else Literal(value)
    if isinstance(value, bool | int | float | Decimal):
        return Literal(value)
    raise QueryError(f"cannot use {value!r} as a query parameter")


def bind_raw(text: str, values: Mapping[str, object], /) -> dict[str, Identifier]:
    """Bind parameters of a query without a header: names must be variables of the query."""
    variables = set(_VARIABLE.findall(_strip_comments(text)))
    unknown = sorted(set(values) - variables)
    if unknown:
        raise QueryError(
            f"unknown parameter {', '.join(unknown)}: the query has no such variable; "
            f"its variables: {', '.join(sorted(variables)) or 'none'}"
        )
    return {name: check_term(name, guess_term(value)) for name, value in values.items()}


def _strip_comments(text: str) -> str:
    return "\n".join(_code_part(line) for line in text.splitlines())


def _code_part(line: str) -> str:
    """The part of one line before a ``#`` comment (``#`` inside strings and IRIs kept)."""
    quote = ""
    in_iri = False
    for i, ch in enumerate(line):
        if quote:
            if ch == "\\":
                continue
            if ch == quote and (i == 0 or line[i - 1] != "\\"):
                quote = ""
        elif in_iri:
            if ch == ">":
                in_iri = False
        elif ch in "\"'":
            quote = ch
        elif ch == "<" and _IRIREF_AT.match(line, i):
            in_iri = True
        elif ch == "#":
            return line[:i]
    return line


_IRIREF_AT = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


_XSD = "http://www.w3.org/2001/XMLSchema#"
#: local names of XSD's integer datatypes (the one list; the backends and query() use it)
XSD_INTEGER_NAMES = frozenset(
    {
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    }
)
_EXPECTS = {"iri": "an absolute IRI", "string": "text", "integer": "an integer"}
#: an absolute IRI as SPARQL's IRIREF allows it (no spaces, quotes, braces, angle brackets...)
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*")
_LANGUAGE_TAG = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
#: integers Oxigraph (64-bit xsd:integer) and rdflib (unbounded) compare alike
_INT64 = (-(2**63), 2**63 - 1)
_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
)


def check_term(name: str, term: object, /) -> Identifier:
    """Return ``term`` if it can be bound to the variable ``name``, else raise QueryError.

    An IRI must be absolute and valid in SPARQL; a literal must be valid Unicode with a valid
    language tag or datatype IRI; an integer must fit in 64 bits, the range on which Oxigraph
    and rdflib give the same answers. Blank nodes and variables cannot be bound.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> check_term("by", Literal(2027))
    rdflib.term.Literal('2027', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> check_term("x", URIRef("http://x.org/a b"))
    Traceback (most recent call last):
    ...
    policygraph.errors.QueryError: parameter 'x': 'http://x.org/a b' is not a valid absolute IRI
    """
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        _check_iri(name, str(term), "")
    elif isinstance(term, Literal):
        text = str(term)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise QueryError(f"parameter {name!r}: the value is not valid Unicode text") from exc
        if term.language is not None and not _LANGUAGE_TAG.fullmatch(term.language):
            raise QueryError(f"parameter {name!r}: invalid language tag {term.language!r}")
        if term.datatype is not None:
            datatype = str(term.datatype)
            _check_iri(name, datatype, "datatype ")
            if datatype.startswith(_XSD) and datatype[len(_XSD) :] in XSD_INTEGER_NAMES:
                _check_integer(name, text)
    else:
        kind = type(term).__name__
        raise QueryError(f"parameter {name!r}: cannot bind a {kind}; give an IRI or a literal")
    return term


def _check_iri(name: str, iri: str, what: str) -> None:
    if not _ABSOLUTE_IRI.fullmatch(iri):
        raise QueryError(f"parameter {name!r}: {what}{iri!r} is not a valid absolute IRI")


def _check_integer(name: str, text: str) -> None:
    try:
        value = int(text) if re.fullmatch(r"[+-]?[0-9]+", text.strip()) else None
    except ValueError:  # more digits than int() converts
        value = None
    if value is None:
        raise QueryError(f"parameter {name!r} expects an integer, got {text!r}")
    if not _INT64[0] <= value <= _INT64[1]:
        raise QueryError(
            f"parameter {name!r}: {text} is out of range; integers must lie between "
            f"{_INT64[0]} and {_INT64[1]}"
        )


def sparql_term(term: Identifier, /) -> str:
    r"""Write an IRI or a literal as SPARQL text, escaped (check it with :func:`check_term`).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> print(sparql_term(Literal('a "b"\nc', lang="zh")))
    "a \"b\"\nc"@zh
    >>> print(sparql_term(Literal(2027)))
    "2027"^^<http://www.w3.org/2001/XMLSchema#integer>
    >>> print(sparql_term(URIRef("https://w3id.org/policygraph/def#Task")))
    <https://w3id.org/policygraph/def#Task>
    """
    from rdflib import Literal

    if not isinstance(term, Literal):
        return f"<{term}>"
    text = '"' + str(term).translate(_ESCAPES) + '"'
    if term.language is not None:
        return f"{text}@{term.language}"
    if term.datatype is not None:
        return f"{text}^^<{term.datatype}>"
    return text


def with_values(text: str, bindings: Mapping[str, Identifier], /) -> str:
    r"""Bind variables by a ``VALUES`` block at the start of the query's outermost group.

    Each value is written by :func:`sparql_term`, which checks and escapes it, so a value can
    never change the query around it.

    Examples
    --------
    >>> from rdflib import Literal
    >>> q = 'SELECT ?x WHERE { ?x ?p ?label }'
    >>> print(with_values(q, {"label": Literal('a"} ; DROP ALL')}))
    SELECT ?x WHERE { VALUES (?label) { ("a\"} ; DROP ALL") }
     ?x ?p ?label }
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(sparql_term(check_term(name, term)) for name, term in bindings.items())
    block = f" VALUES ({names}) {{ ({row}) }}\n"
    at = _first_brace(text)
    if at is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return text[: at + 1] + block + text[at + 1 :]


def _first_brace(text: str) -> int | None:
    """Index of the ``{`` that opens the query's pattern (outside comments, strings and IRIs).

    That is the first ``{``, except in a ``CONSTRUCT`` with a template, whose first group is
    the template: then the ``{`` after the template's closing ``}``.

    Examples
    --------
    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[_first_brace(q) - 6 :][:7]
    'WHERE {'
    >>> _first_brace("CONSTRUCT WHERE { ?s ?p ?o }")
    16
    """
    braces = _braces(text)
    first = next(braces, None)
    if first is None:
        return None
    head = _strip_comments(text[: first[0]]).split()
    if not head or head[-1].upper() != "CONSTRUCT":
        return first[0]
    depth = 1
    for at, ch in braces:
        if depth == 0 and ch == "{":
            return at
        depth += 1 if ch == "{" else -1
    return None


def _braces(text: str) -> Iterator[tuple[int, str]]:
    """Each ``{`` and ``}`` outside comments, strings and IRIs, with its index."""
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if ch in "\"'":
            long = text.startswith(ch * 3, i)
            delim = ch * 3 if long else ch
            j = i + len(delim)
            while j < n and not text.startswith(delim, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(delim)
            continue
        if ch == "<":
            match = _IRIREF_AT.match(text, i)
            if match:
                i = match.end()
                continue
        if ch in "{}":
            yield i, ch
        i += 1


def queries_folder() -> Path:
    """The folder of the bundled named queries."""
    from .resources import resource_path

    return resource_path("queries")


@cache
def library() -> dict[str, NamedQuery]:
    """All bundled named queries by name, sorted by name."""
    folder = queries_folder()
    found = {}
    for path in sorted(folder.glob("*.rq")):
        found[path.stem] = NamedQuery.from_text(
            path.read_text(encoding="utf-8"), name=path.stem, path=path
        )
    return found


@cache
def internal(name: str, /) -> NamedQuery:
    """An internal named query (``queries/internal/NAME.rq``): what the analyses read through.

    They are not part of :func:`library` (``policygraph queries`` does not list them).

    Examples
    --------
    >>> internal("plan-exists").parameters[0].name
    'plan'
    """
    path = queries_folder() / "internal" / f"{name}.rq"
    return NamedQuery.from_text(path.read_text(encoding="utf-8"), name=name, path=path)


def with_rows(text: str, variable: str, terms: Iterable[Identifier], /) -> str:
    r"""Bind ``variable`` to each of ``terms`` by a one-column ``VALUES`` block.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> q = "SELECT ?l WHERE { ?node <http://x.org/label> ?l }"
    >>> print(with_rows(q, "node", [URIRef("http://x.org/a"), URIRef("http://x.org/b")]))
    SELECT ?l WHERE { VALUES ?node { <http://x.org/a> <http://x.org/b> }
     ?node <http://x.org/label> ?l }
    """
    values = " ".join(sparql_term(check_term(variable, term)) for term in terms)
    at = _first_brace(text)
    if at is None:
        raise QueryError("cannot bind values: the query has no WHERE group")
    block = f" VALUES ?{variable} {{ {values} }}\n"
    return text[: at + 1] + block + text[at + 1 :]


def named(name: str, /) -> NamedQuery:
    """Find a named query by its full name or by its prefix up to the first ``-`` (``cq01``)."""
    queries = library()
    if name in queries:
        return queries[name]
    matches = [q for key, q in queries.items() if key.split("-", 1)[0] == name]
    if len(matches) == 1:
        return matches[0]
    raise QueryError(
        f"unknown named query {name!r}; run 'policygraph queries' to list them "
        f"({', '.join(queries) or 'none found'})"
    )


def resolve(query: str | NamedQuery, /) -> NamedQuery | str:
    """Return the named query ``query`` names (or the one a ``.rq`` file holds), else the text."""
    if isinstance(query, NamedQuery):
        return query
    text = query.strip()
    if not text:
        raise QueryError("empty query")
    if any(ch.isspace() for ch in text) or "{" in text:
        return query
    if text.endswith(".rq"):
        path = Path(text)
        if not path.is_file():
            raise QueryError("no such query file", source=text)
        return NamedQuery.from_text(_read_query_file(path), name=path.stem, path=path)
    return named(text)


def _read_query_file(path: Path) -> str:
    """The text of a ``.rq`` file; QueryError (exit code 2) when it is not readable UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QueryError(f"cannot read: {exc.strerror or exc}", source=str(path)) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise QueryError(
            f"not UTF-8 text (byte {exc.start} cannot be decoded)", source=str(path), line=line
        ) from exc
