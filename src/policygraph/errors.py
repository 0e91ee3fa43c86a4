"""One shallow exception tree for everything policygraph raises on purpose.

Third-party errors are translated at the boundary (``raise ... from exc``) so callers
catch :class:`PolicyGraphError` and get a one-line message that says what and where.

Examples
--------
>>> from policygraph.errors import ExtractionError, PolicyGraphError
>>> err = ExtractionError("no headings found", source="plan.txt", line=3, column=1)
>>> str(err)
'plan.txt:3:1: no headings found'
>>> isinstance(err, PolicyGraphError)
True
"""

from __future__ import annotations

__all__ = [
    "CurationError",
    "EndpointError",
    "ExtractionError",
    "InputError",
    "PolicyGraphError",
    "QueryError",
    "ValidationError",
]


class PolicyGraphError(Exception):
    """Base class of every error policygraph raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong, in one line.
    source : str, optional
        The file, URL or name of the input the error is about.
    line, column : int, optional
        1-based position in ``source``.
    span : tuple of int, optional
        ``(start, end)`` character offsets in ``source`` (0-based, end exclusive).
    reason : str, optional
        A fixed code for the cause (``"port-in-use"``, ``"read-only"``...), so a caller can
        react to it, e.g. a command line naming its own option; the message stays the library's.
    details : dict, optional
        The values the message was made from (a port, the server's own words...), by name.

    Examples
    --------
    >>> err = InputError("cannot listen on port 8080", source="127.0.0.1:8080",
    ...                  reason="port-in-use", details={"port": 8080})
    >>> err.reason, err.details["port"]
    ('port-in-use', 8080)
    """

    #: exit code the command-line interface uses for this kind of error
    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        span: tuple[int, int] | None = None,
        reason: str | None = None,
        details: dict[str, object] | None = None,
    ) -> None:
        self.message = message
        self.reason = reason
        self.details = dict(details or {})
        self.source = source
        self.line = line
        self.column = column
        self.span = span
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            where = self.source
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            if self.span is not None:
                where += f" (chars {self.span[0]}-{self.span[1]})"
            where += ": "
        elif self.span is not None:
            where = f"chars {self.span[0]}-{self.span[1]}: "
        return where + self.message


class InputError(PolicyGraphError):
    """A file or argument cannot be read or used (missing file, malformed Turtle...)."""


class ExtractionError(PolicyGraphError):
    """A text cannot be read as a plan (empty, binary, not UTF-8, no headings)."""


class CurationError(PolicyGraphError):
    """A curation file is malformed or refers to something the plan does not have."""


class ValidationError(PolicyGraphError):
    """Validation could not run (for example, the shapes file is invalid)."""


class QueryError(PolicyGraphError):
    """A SPARQL query is unknown, malformed, or got wrong parameters."""


class EndpointError(PolicyGraphError):
    """A SPARQL endpoint or graph store cannot be reached or refused the request."""

    exit_code = 3
