"""The keyword ``language=`` renamed ``lang=`` (as the CLI's ``--lang``), still accepted.

Examples
--------
>>> import warnings
>>> renamed_language("auto", None, "plot_targets")
'auto'
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     renamed_language("auto", "en", "plot_targets")
'en'
>>> str(caught[0].message)
'plot_targets(language=...) is deprecated; use lang=...'
"""

from __future__ import annotations

import warnings
from typing import TypeVar

__all__ = ["renamed_language"]

_T = TypeVar("_T")


def renamed_language(lang: _T, language: _T | None, function: str) -> _T:
    """Return ``language`` with a :class:`DeprecationWarning` when given, else ``lang``.

    The warning points at the caller of ``function`` (the public function that takes both).
    """
    if language is None:
        return lang
    warnings.warn(
        f"{function}(language=...) is deprecated; use lang=...",
        DeprecationWarning,
        stacklevel=3,
    )
    return language
