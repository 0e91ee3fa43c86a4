r"""Text helpers shared by the extraction rules: line maps, spans, bracket-aware splitting.

Nothing here normalises the text: every offset is a code point of the text as given, and
full-width and half-width forms are matched side by side.

Examples
--------
>>> from policygraph.extraction._text import LineMap, split_top
>>> LineMap("一、总体要求\n（一）指导思想").position(7)
(2, 1)
>>> text = "市委组织部〔市委人才办〕、市教育局"
>>> [text[s:e] for s, e in split_top(text, 0, len(text), "、")]
['市委组织部〔市委人才办〕', '市教育局']
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right

__all__ = [
    "CLOSERS",
    "OPENERS",
    "SPACE",
    "LineMap",
    "find_top",
    "in_ranges",
    "quote_ranges",
    "split_top",
    "strip_span",
]

#: characters treated as blank around lines and units (ideographic space, BOM, NBSP included)
SPACE = " \t\r\n\u3000\u00a0\ufeff"
#: opening brackets and quotation marks, full- and half-width
OPENERS = "（(〔[【［｛{《〈“‘「『"
#: closing counterparts of :data:`OPENERS`
CLOSERS = "）)〕]】］｝}》〉”’」』"

_NEWLINE = re.compile(r"\r\n|\r|\n")
# a quotation closes on its own line; an unclosed mark quotes nothing
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』"}
_QUOTE_OPENER = re.compile("[“「『]")
_LINE_BREAK = re.compile(r"[\r\n]")


class LineMap:
    r"""Map character offsets to 1-based (line, column) and list the lines of a text.

    Parameters
    ----------
    text : str
        The text; ``\r\n``, ``\r`` and ``\n`` all end a line.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        ends = []
        for m in _NEWLINE.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self.starts = starts
        self.ends = ends

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of a character offset."""
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def lines(self) -> list[tuple[int, int]]:
        """Return ``(start, end)`` of every line, the line break excluded."""
        return list(zip(self.starts, self.ends, strict=True))

    def line_of(self, offset: int) -> tuple[int, int]:
        """Return ``(start, end)`` of the line holding ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        return self.starts[i], self.ends[i]

    def where(self, source_name: str, offset: int) -> str:
        """Return ``name:line:column`` for an offset, the prefix of warnings."""
        line, col = self.position(offset)
        return f"{source_name}:{line}:{col}"


def strip_span(text: str, start: int, end: int, chars: str = SPACE) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with one of ``chars``.

    >>> strip_span("  南湖实验室。 ", 0, 9, " 。")
    (2, 7)
    """
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def find_top(text: str, start: int, end: int, chars: str) -> int:
    """Return the first offset in ``text[start:end]`` of one of ``chars`` outside brackets.

    Returns ``end`` when there is none.

    >>> t = "市科技局（牵头。）负责。其他"
    >>> find_top(t, 0, len(t), "。")
    11
    """
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in chars:
            return i
    return end


def split_top(text: str, start: int, end: int, seps: str) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at ``seps`` outside brackets and quotes.

    Returns the stripped ``(start, end)`` of each non-empty piece.

    >>> t = "各县（市、区）人民政府，市科技局"
    >>> [t[s:e] for s, e in split_top(t, 0, len(t), "、，")]
    ['各县（市、区）人民政府', '市科技局']
    """
    pieces: list[tuple[int, int]] = []
    piece_start = start
    while piece_start <= end:
        i = find_top(text, piece_start, end, seps)
        s, e = strip_span(text, piece_start, i)
        if s < e:
            pieces.append((s, e))
        piece_start = i + 1
    return pieces


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Return the ``[start, end)`` ranges enclosed by “…”, 「…」 and 『…』, marks included.

    >>> quote_ranges("构建“315”科技创新体系")
    [(2, 7)]
    """
    out: list[tuple[int, int]] = []
    # the next closing mark and line break at or after a position, found once each: an
    # unclosed mark does not make the scan go over the rest of its line again
    ahead = {mark: -1 for mark in (*_QUOTE_PAIRS.values(), "\n")}

    def next_at(mark: str, pos: int) -> int:
        if ahead[mark] < pos:
            if mark == "\n":
                m = _LINE_BREAK.search(text, pos)
                ahead[mark] = m.start() if m else len(text)
            else:
                found = text.find(mark, pos)
                ahead[mark] = found if found >= 0 else len(text)
        return ahead[mark]

    pos = 0
    while (opening := _QUOTE_OPENER.search(text, pos)) is not None:
        start = opening.start()
        close = next_at(_QUOTE_PAIRS[opening.group()], start + 1)
        if close < len(text) and close < next_at("\n", start + 1):
            out.append((start, close + 1))
            pos = close + 1
        else:
            pos = start + 1
    return out


def in_ranges(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Tell whether ``offset`` falls in one of the sorted, disjoint ``ranges``.

    >>> in_ranges([(2, 7), (10, 12)], 3), in_ranges([(2, 7)], 7)
    (True, False)
    """
    i = bisect_right(ranges, (offset, sys.maxsize)) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]
