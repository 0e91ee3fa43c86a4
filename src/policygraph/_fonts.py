"""Find an installed font that has Chinese glyphs, for matplotlib figures.

matplotlib falls back from one font to the next per glyph only across the families listed
in ``font.family``, so figures use ``[DejaVu Sans, <CJK family>]``: Latin text keeps
matplotlib's default look and Chinese comes from the CJK font. Nothing here changes
matplotlib's ``rcParams``; the plotting functions pass the families to each text call.
"""

from __future__ import annotations

import re
import warnings
from functools import cache

__all__ = ["CJK_FAMILIES", "find_cjk_font", "font_families", "warn_no_cjk_font"]

#: families tried, best first (Simplified Chinese first: the plans are mainland texts)
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Source Han Sans",
    "Sarasa Gothic SC",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Arial Unicode MS",
)

#: font file names that hold one of those families (for fonts installed after matplotlib
#: built its font cache)
_FILE_PATTERN = re.compile(
    r"(notosanscjk|notosanssc|sourcehansans|wqy|wenquanyi|droidsansfallback|uming|ukai"
    r"|msyh|simhei|pingfang|sarasa)",
    re.IGNORECASE,
)

_warned = False


def _known_families() -> set[str]:
    from matplotlib import font_manager

    return {entry.name for entry in font_manager.fontManager.ttflist}


@cache
def find_cjk_font() -> str | None:
    """Return the family name of an installed CJK font, or ``None`` if there is none.

    The result is cached for the process. Fonts installed after matplotlib built its font
    cache are found by file name and registered with ``fontManager.addfont``.

    Examples
    --------
    The family found is the best-ranked one matplotlib knows after the search, and font
    files are recognised by name:

    >>> from policygraph._fonts import CJK_FAMILIES, _FILE_PATTERN, _known_families, find_cjk_font
    >>> font = find_cjk_font()
    >>> font == next((f for f in CJK_FAMILIES if f in _known_families()), None)
    True
    >>> [bool(_FILE_PATTERN.search(name)) for name in ("wqy-microhei.ttc", "DejaVuSans.ttf")]
    [True, False]
    """
    from matplotlib import font_manager

    known = _known_families()
    for family in CJK_FAMILIES:
        if family in known:
            return family
    for path in font_manager.findSystemFonts():
        if _FILE_PATTERN.search(path.rsplit("/", 1)[-1]):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # pragma: no cover - unreadable file
                continue
    known = _known_families()
    for family in CJK_FAMILIES:
        if family in known:
            return family
    return None


def font_families() -> list[str] | None:
    """Return the ``font.family`` list for Chinese labels, or ``None`` without a CJK font.

    Examples
    --------
    Every family in the list resolves to a font file, without matplotlib's fallback:

    >>> from matplotlib.font_manager import FontProperties, findfont
    >>> from policygraph._fonts import find_cjk_font, font_families
    >>> families = font_families()
    >>> families == (None if find_cjk_font() is None else ["DejaVu Sans", find_cjk_font()])
    True
    >>> all(findfont(FontProperties(family=f), fallback_to_default=False) for f in families or [])
    True
    """
    cjk = find_cjk_font()
    return None if cjk is None else ["DejaVu Sans", cjk]


def warn_no_cjk_font() -> None:
    """Warn, once per process, that figures fall back to English labels."""
    global _warned
    if _warned:
        return
    _warned = True
    warnings.warn(
        "no font with Chinese glyphs found (install e.g. fonts-noto-cjk or "
        "fonts-wqy-microhei); figures use English labels",
        UserWarning,
        stacklevel=3,
    )
