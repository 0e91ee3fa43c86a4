"""The bundled gazetteer: Chinese administrative divisions and their English names.

``data/gazetteer.tsv`` lists the 34 provincial-level divisions, the 333 prefecture-level
divisions and the counties and districts of the bundled plans, each with its English name
(Hanyu Pinyin, or the official romanisation), its level and its parent division. It names
governments in English (宁波市 → Ningbo) and links a government to its province.

Examples
--------
>>> from policygraph.gazetteer import lookup
>>> p = lookup("宁波市")
>>> p.en, p.level, p.parent
('Ningbo', 'prefecture', '浙江省')
>>> lookup("宁波").name
'宁波市'
>>> lookup("四川省").parent is None
True
>>> lookup("某某市") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = ["Place", "gazetteer", "lookup"]

_SUFFIX = re.compile(r"(?:市|县|区|盟|地区)$")


@dataclass(frozen=True)
class Place:
    """One administrative division of the gazetteer.

    Attributes
    ----------
    name : str
        The full name in Chinese (宁波市, 延边朝鲜族自治州).
    en : str
        The English name of the place alone (Ningbo, Yanbian).
    level : str
        provincial, prefecture, county or district.
    parent : str or None
        The full Chinese name of the division it belongs to; None for a provincial-level one.
    """

    name: str
    en: str
    level: str
    parent: str | None


@cache
def gazetteer() -> dict[str, Place]:
    """Return the bundled gazetteer, full Chinese name → :class:`Place`, in file order.

    Examples
    --------
    >>> places = gazetteer()
    >>> sum(p.level == "provincial" for p in places.values())
    34
    >>> sum(p.level == "prefecture" for p in places.values())
    333
    """
    from .resources import resource_path

    text = resource_path("data", "gazetteer.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    out: dict[str, Place] = {}
    for name, en, level, parent in rows[1:]:
        out[name] = Place(name, en, level, parent or None)
    return out


@cache
def _stems() -> dict[str, Place]:
    """Unsuffixed names (宁波 for 宁波市) that name one place only and no province."""
    places = gazetteer()
    provinces = {
        re.sub(r"(省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$", "", p.name)
        for p in places.values()
        if p.level == "provincial"
    }
    seen: dict[str, list[Place]] = {}
    for place in places.values():
        if place.level == "provincial":
            continue
        stem = _SUFFIX.sub("", place.name)
        if stem != place.name and len(stem) >= 2:
            seen.setdefault(stem, []).append(place)
    return {s: ps[0] for s, ps in seen.items() if len(ps) == 1 and s not in provinces}


def lookup(name: str, /) -> Place | None:
    """Return the place a name stands for: a full name, or a stem that names one place only.

    Parameters
    ----------
    name : str
        A place as written (宁波市, 宁波, 罗湖区).

    Returns
    -------
    Place or None
        None when the gazetteer does not hold it or the stem is ambiguous (泰州 and 台州
        differ in writing; 吉林 is a province's short name and stays unresolved here).
    """
    return gazetteer().get(name) or _stems().get(name)
