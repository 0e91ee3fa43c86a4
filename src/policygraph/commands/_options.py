"""argparse types shared by sub-commands (a bad value is a usage error, exit code 2)."""

from __future__ import annotations

import argparse

__all__ = ["seconds"]


def seconds(text: str) -> float:
    """A timeout in seconds: a positive, finite number up to a week (argparse type).

    Examples
    --------
    >>> seconds("2.5")
    2.5
    >>> seconds("inf")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: the timeout must be positive and finite, at most 604800 seconds, \
got 'inf'
    """
    from .._http import MAX_TIMEOUT

    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= MAX_TIMEOUT:  # NaN fails every comparison
        raise argparse.ArgumentTypeError(
            f"the timeout must be positive and finite, at most {MAX_TIMEOUT} seconds, got {text!r}"
        )
    return value
