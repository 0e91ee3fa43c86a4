"""Parse RDF that a user gives: nothing is fetched, no other file is read, no entity bomb.

Every RDF file policygraph reads with rdflib goes through :func:`parse_rdf`. Before rdflib sees
the text, two checks refuse what would make a parser reach out or run away:

- **JSON-LD**: a ``@context`` (or ``@import``) that names a document rather than holding the
  context inline. rdflib would fetch an ``http`` context and read a ``file:`` one, and it has no
  option to stop it; policygraph refuses such a file instead (inline the context).
- **RDF/XML and TriX**: a document type declaration with an external subset, external or
  parameter entities, an entity whose text refers to another entity (the "billion laughs"
  bomb), or internal entities that would expand to more than four times the file
  (plus 256 KiB). Flat entities such as the namespace abbreviations ontology editors write
  (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``) are fine.

Both raise :class:`~policygraph.errors.InputError` (exit code 2) naming the file, and line and
column where known. Turtle, N-Triples, N-Quads, TriG and N3 never fetch anything.

Examples
--------
>>> from rdflib import Graph
>>> bomb = '''<?xml version="1.0"?>
... <!DOCTYPE r [<!ENTITY a "lol"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
... <r>&b;</r>'''
>>> parse_rdf(Graph(), bomb, format="xml", source="bomb.rdf")
Traceback (most recent call last):
...
policygraph.errors.InputError: bomb.rdf:2:43: refusing XML entity 'b': its text refers to \
another entity (an entity-expansion bomb?)
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["parse_rdf", "refuse_unsafe"]

#: internal XML entities may add at most this many times the file's length (plus a floor)
_EXPANSION_FACTOR = 4
_EXPANSION_FLOOR = 256 * 1024
_XML_FORMATS = frozenset({"xml", "application/rdf+xml", "trix"})
_JSONLD_FORMATS = frozenset({"json-ld", "jsonld", "application/ld+json"})
#: an entity reference in XML text (``&name;``), not a character reference (``&#38;``)
_ENTITY_REF = re.compile(r"&([^\s&;#<>\"']+);")


def parse_rdf(
    graph: Graph,
    data: str,
    /,
    *,
    format: str,
    source: str,
    public_id: str | None = None,
) -> Graph:
    """Check ``data`` with :func:`refuse_unsafe`, then parse it into ``graph`` with rdflib.

    Parameters
    ----------
    graph : rdflib.Graph
        Receives the triples.
    data : str
        The file's text.
    format : str
        An rdflib parser name (``turtle``, ``xml``, ``json-ld``...).
    source : str
        The file's name, for messages.
    public_id : str, optional
        The base IRI of the document.

    Returns
    -------
    rdflib.Graph
        ``graph``.

    Raises
    ------
    InputError
        The text is refused or malformed; the message names the file, line and column.
    """
    refuse_unsafe(data, format=format, source=source)
    try:
        graph.parse(data=data, format=format, publicID=public_id)
    except Exception as exc:  # rdflib raises many types; all mean "malformed input"
        raise syntax_error(exc, source, data) from exc
    return graph


def refuse_unsafe(data: str, /, *, format: str, source: str) -> None:
    """Raise InputError if parsing ``data`` as ``format`` would fetch, read or expand too much.

    Examples
    --------
    >>> refuse_unsafe('{"@context": "https://schema.org/", "name": "x"}',
    ...               format="json-ld", source="x.jsonld")
    Traceback (most recent call last):
    ...
    policygraph.errors.InputError: x.jsonld: refusing a JSON-LD @context that names a \
document ('https://schema.org/'): policygraph loads no remote or local context; put the \
context inline
    >>> refuse_unsafe('{"@context": {"name": "https://schema.org/name"}, "name": "x"}',
    ...               format="json-ld", source="x.jsonld")
    """
    if format in _JSONLD_FORMATS:
        _refuse_context_documents(data, source)
    elif format in _XML_FORMATS:
        _refuse_entities(data, source)


def _refuse_context_documents(data: str, source: str) -> None:
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON: {exc.msg}", source=source, line=exc.lineno, column=exc.colno
        ) from exc
    except RecursionError as exc:
        raise InputError("malformed JSON: nested too deeply", source=source) from exc
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key in ("@context", "@import"):
                named = [value] if isinstance(value, str) else []
                if isinstance(value, list):
                    named = [v for v in value if isinstance(v, str)]
                if named:
                    raise InputError(
                        f"refusing a JSON-LD {key} that names a document ({named[0]!r}): "
                        "policygraph loads no remote or local context; put the context inline",
                        source=source,
                    )
            stack.append(value)


class _EndOfProlog(Exception):
    """Raised at the root element: the entity declarations are all known by then."""


def _refuse_entities(data: str, source: str) -> None:
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    sizes: dict[str, int] = {}

    def refuse(message: str) -> None:
        raise InputError(
            message,
            source=source,
            line=parser.CurrentLineNumber,
            column=parser.CurrentColumnNumber + 1,
        )

    def doctype(name: str, system_id: str | None, public_id: str | None, _internal: int) -> None:
        if system_id or public_id:
            refuse(f"refusing an external XML document type ({system_id or public_id!r})")

    def entity(
        name: str,
        is_parameter: int,
        value: str | None,
        _base: str | None,
        system_id: str | None,
        public_id: str | None,
        _notation: str | None,
    ) -> None:
        if is_parameter:
            refuse(f"refusing XML parameter entity {name!r}")
        if value is None:
            refuse(f"refusing external XML entity {name!r} ({system_id or public_id!r})")
        elif _ENTITY_REF.search(value):
            refuse(
                f"refusing XML entity {name!r}: its text refers to another entity "
                "(an entity-expansion bomb?)"
            )
        else:
            sizes[name] = len(value)

    def root(*_args: object) -> None:
        raise _EndOfProlog

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except _EndOfProlog:
        pass
    except expat.ExpatError:
        return  # malformed: rdflib's parser reports it with its position
    if not sizes:
        return
    expanded = sum(sizes.get(m.group(1), 0) for m in _ENTITY_REF.finditer(data))
    limit = _EXPANSION_FACTOR * len(data) + _EXPANSION_FLOOR
    if expanded > limit:
        raise InputError(
            f"refusing XML entities that expand to {expanded:,} characters "
            f"(more than {limit:,} for this file: an entity-expansion bomb?)",
            source=source,
        )


def syntax_error(exc: Exception, source: str, data: str) -> InputError:
    r"""Translate an rdflib parser exception into an InputError with line and column.

    An error at the end of the file (rdflib's Turtle parser gives offset -1, or fails with an
    IndexError) is placed just after the last character that is not white space.

    Examples
    --------
    >>> from rdflib import Graph
    >>> data = "@prefix ex: <http://example.org/> .\nex:s ex:p ( ex:o\n\n"
    >>> try:
    ...     Graph().parse(data=data, format="turtle")
    ... except Exception as exc:
    ...     print(syntax_error(exc, "t.ttl", data))
    t.ttl:2:17: malformed RDF: needed ')', found end.
    """
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(exc, BadSyntax | IndexError):
        text, i = data, len(data)
        if isinstance(exc, BadSyntax):
            text = exc._str.decode("utf-8", "replace")  # what the parser read
            i = exc._i
        why = exc._why if isinstance(exc, BadSyntax) else "unexpected end of the file"
        if not 0 <= i < len(text):  # the end of the file
            i = len(text.rstrip())
        return InputError(
            f"malformed RDF: {why}",
            source=source,
            line=text.count("\n", 0, i) + 1,
            column=i - (text.rfind("\n", 0, i) + 1) + 1,
        )
    found_line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
    found_column = getattr(exc, "column", None) or getattr(exc, "offset", None)
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return InputError(
        f"malformed RDF: {message}",
        source=source,
        line=found_line if isinstance(found_line, int) else None,
        column=found_column if isinstance(found_column, int) else None,
    )
