"""Turn RDF terms into the Python values of query result frames (private).

:class:`LangString` and :func:`to_python` are public through :mod:`policygraph.sparql`; they
live here so that the query backends and the query API share them without importing each other.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, Any

from ._queries import XSD_INTEGER_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Literal
    from rdflib.term import Identifier

__all__ = ["LangString", "to_python"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {_XSD + name for name in XSD_INTEGER_NAMES | {"gYear"}}


class LangString(str):
    """A language-tagged literal: a ``str`` equal to its text, with the tag in ``.language``.

    Examples
    --------
    >>> label = LangString("市科技局", "zh")
    >>> label == "市科技局", label.language
    (True, 'zh')
    >>> label
    LangString('市科技局', 'zh')
    """

    language: str

    def __new__(cls, value: str, language: str) -> LangString:
        obj = super().__new__(cls, value)
        obj.language = language
        return obj

    def __repr__(self) -> str:
        return f"LangString({str(self)!r}, {self.language!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (LangString, (str(self), self.language))


@cache
def _literal_class() -> type[Literal]:
    """The ``Literal`` class of rdflib, imported once: :func:`to_python` runs per result cell."""
    from rdflib import Literal

    return Literal


def to_python(term: Identifier | None) -> object:
    """Convert one RDF term to the Python value used in result frames.

    Examples
    --------
    >>> from rdflib import Literal, URIRef, XSD
    >>> to_python(URIRef("https://w3id.org/policygraph/id/unit/percent"))
    'https://w3id.org/policygraph/id/unit/percent'
    >>> to_python(Literal("3.65", datatype=XSD.decimal))
    3.65
    >>> to_python(Literal("2027", datatype=XSD.gYear))
    2027
    >>> to_python(Literal("市科技局", lang="zh")).language
    'zh'
    """
    if term is None:
        return None
    if not isinstance(term, _literal_class()):
        return str(term)
    text = str(term)
    if term.language:
        return LangString(text, term.language)
    datatype = str(term.datatype) if term.datatype else _XSD + "string"
    try:
        if datatype in _INTEGER_TYPES:
            return int(text)
        if datatype == _XSD + "decimal":
            return float(Decimal(text))
        if datatype in (_XSD + "double", _XSD + "float"):
            return float(text)
        if datatype == _XSD + "boolean":
            return text.strip() in ("true", "1")
        if datatype == _XSD + "date":
            return datetime.date.fromisoformat(text)
        if datatype == _XSD + "dateTime":
            return datetime.datetime.fromisoformat(text)
    except (ValueError, InvalidOperation):
        return text  # an ill-typed literal: keep what is written
    return text
