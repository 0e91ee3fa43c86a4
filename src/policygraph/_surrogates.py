r"""Find what UTF-8 cannot write: lone surrogates in a Python string.

A ``str`` can hold code points U+D800–U+DFFF that are not characters: a ``"\ud800"`` escape in
Python or YAML, or an undecodable byte of a file name, which Python keeps as U+DC80–U+DCFF
("surrogateescape"). Neither can be written as UTF-8, so policygraph refuses them with a
message that says where, instead of failing while writing or writing ``?``.

Examples
--------
>>> first_surrogate("南湖实验室")
>>> first_surrogate("南湖\ud800")
(2, 'a lone surrogate U+D800, which is not a character')
>>> first_surrogate("plan-\udcff.txt")
(5, 'the byte 0xFF, which is not UTF-8')
"""

from __future__ import annotations

import re

__all__ = ["first_surrogate", "printable"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def first_surrogate(text: str, /) -> tuple[int, str] | None:
    """Return the index of the first surrogate in ``text`` and what it is, or None."""
    if text.isascii():
        return None
    found = _SURROGATE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:
        return found.start(), f"the byte 0x{code - 0xDC00:02X}, which is not UTF-8"
    return found.start(), f"a lone surrogate U+{code:04X}, which is not a character"


def printable(text: str, /) -> str:
    r"""``text`` with each surrogate written as an escape, e.g. a file name for a message.

    Examples
    --------
    >>> printable("plan-\udcff.txt")
    'plan-\\xff.txt'
    >>> printable("\ud800")
    '\\ud800'
    """
    if first_surrogate(text) is None:
        return text
    return _SURROGATE.sub(
        lambda m: (
            f"\\x{ord(m.group()) - 0xDC00:02x}"
            if 0xDC80 <= ord(m.group()) <= 0xDCFF
            else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )
