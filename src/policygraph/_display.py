"""Text for a terminal: display width of Chinese text, and short names for IRIs.

A Chinese character takes two columns of a terminal, so ``str.ljust`` misaligns tables that
mix Chinese and Latin text; :func:`pad` pads to a display width instead (East Asian Width of
the Unicode standard, from :mod:`unicodedata`).

Examples
--------
>>> width("≥ 18 %"), width("100 项")
(6, 6)
>>> pad("5 个", 6) + "|"
'5 个  |'
>>> short_iri("https://w3id.org/policygraph/id/plan/jiaxing-315")
'id:plan/jiaxing-315'
>>> short_iri("http://example.org/x")
'<http://example.org/x>'
>>> clip("建设  实验室 体系", 6)
'建设 实验…'
"""

from __future__ import annotations

import unicodedata

__all__ = ["clip", "pad", "short_iri", "width"]


def width(text: str) -> int:
    """The number of terminal columns ``text`` takes: 2 for wide and full-width characters."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
        for c in text
    )


def pad(text: str, columns: int) -> str:
    """``text`` followed by spaces up to ``columns`` display columns."""
    return text + " " * max(0, columns - width(text))


def short_iri(iri: str) -> str:
    """``iri`` with a policygraph prefix (``id:``, ``pg:``), else in angle brackets."""
    from .vocab import PREFIXES

    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return f"<{iri}>"


def clip(text: str, limit: int, /) -> str:
    """``text`` on one line (runs of white space as one space), cut to ``limit`` characters.

    A cut text ends with ``…`` and is ``limit`` characters long in all.
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
