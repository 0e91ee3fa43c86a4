"""Read a department's name as written: its government, level, function(s) and body type.

Responsibility clauses name units the way Chinese government documents do: a level prefix
(国家, 省, 市, 区, 县, or a place such as 宁波市), one or more *name cores* that say what the body
does (科技, 工业和信息化, 人力社保 …) and a body type (部, 厅, 局, 委, 办, 中心 …). The cores come
from the bundled function scheme (``ontology/functions.ttl``), so any plan's units are read by
the same rules, never by a list of names. Collective units (各有关部门) and units that are not
government bodies (…集团, …公司) get no function, and neither does a name the rules cannot read
whole: a reading never guesses (:attr:`DepartmentReading.reason` says why it has no function).

A name without a level prefix (科技厅 in a provincial plan) takes the level and place of the plan
(:func:`plan_jurisdiction`: the issuer, else the title, else the level most of its units state).

Examples
--------
>>> from policygraph.departments import read_department
>>> d = read_department("市科技局")
>>> d.functions, d.levels, d.body
(('science-technology',), ('prefecture',), '局')
>>> d.label_en
'Municipal Science and Technology Bureau'
>>> read_department("区科技和工业信息化局").functions
('science-technology', 'industry-it')
>>> d = read_department("各有关部门")
>>> d.collective, d.functions, d.reason
(True, (), 'a collective of departments')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from .gazetteer import lookup

if TYPE_CHECKING:  # pragma: no cover
    from .model import PlanDocument

__all__ = [
    "CHINA",
    "FUNCTION_NS",
    "FUNCTION_SCHEME",
    "LEVELS",
    "DepartmentReading",
    "Function",
    "Jurisdiction",
    "function_scheme",
    "plan_jurisdiction",
    "read_department",
    "read_jurisdiction",
]

#: the tiers of government, highest first; each is a ``pg:`` individual (``national`` →
#: ``pg:NationalLevel``)
LEVELS: tuple[str, ...] = ("national", "provincial", "prefecture", "county", "district")
#: the IRI of the bundled function scheme, and the namespace of its concepts
FUNCTION_SCHEME = "https://w3id.org/policygraph/id/functions"
FUNCTION_NS = "https://w3id.org/policygraph/id/function/"

Kind = Literal["department", "collective", "non-government", "unread"]


@dataclass(frozen=True)
class Function:
    """One concept of the function scheme (``ontology/functions.ttl``).

    ``key`` is the last segment of its IRI (``science-technology``); ``cores`` are the name
    cores as written in Chinese names (``科技``, ``科学技术``), ``core_en`` the English core used
    to name departments (``Science and Technology``).
    """

    key: str
    label_zh: str
    label_en: str
    core_en: str
    cores: tuple[str, ...]
    broader: str | None = None

    @property
    def iri(self) -> str:
        """The concept's IRI."""
        return FUNCTION_NS + self.key


@dataclass(frozen=True)
class Jurisdiction:
    """A government: its level and its place as written (``宁波市``, ``四川省``, ``中国``).

    Either may be unknown (``None``): a plan of 市 units with no place name in its head has a
    level but no place. ``place_en`` comes from the bundled gazetteer
    (:mod:`policygraph.gazetteer`): the State, the provinces, the prefecture-level divisions and
    the counties and districts listed there.
    """

    level: str | None = None
    place: str | None = None
    place_en: str | None = None


@dataclass(frozen=True)
class DepartmentReading:
    """What a unit's name says about it.

    Attributes
    ----------
    name : str
        The name as written.
    kind : {"department", "collective", "non-government", "unread"}
        A government body (or a group of them, ``collective``), a unit that is not a
        government body, or a name the rules could not read whole.
    functions : tuple of str
        Keys of the function scheme, in the order their cores appear in the name.
    levels : tuple of str
        Levels from :data:`LEVELS`; a collective such as 各区、县级市政府 may have two.
    level_source : {"name", "plan", None}
        Whether the level is written in the name or taken from the plan.
    government : Jurisdiction or None
        The government whose area the unit serves, when its place is known.
    body : str or None
        The body type as written at the end of the name (``局``, ``厅``, ``中心支行`` …).
    party : bool
        A party committee's body (市委组织部, 中央网信办).
    collective : bool
        The name stands for several bodies (各市人民政府, 各有关部门).
    label_en : str or None
        An English name generated from the parts, when every part was read.
    reason : str or None
        Why the reading has no function.
    """

    name: str
    kind: Kind
    functions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    level_source: Literal["name", "plan"] | None = None
    government: Jurisdiction | None = None
    body: str | None = None
    party: bool = False
    collective: bool = False
    label_en: str | None = None
    reason: str | None = None

    @property
    def level(self) -> str | None:
        """The (first) level, or None."""
        return self.levels[0] if self.levels else None


# --- the function scheme --------------------------------------------------------------------


@cache
def function_scheme() -> dict[str, Function]:
    """Return the bundled function scheme, key → :class:`Function`, sorted by key.

    Examples
    --------
    >>> scheme = function_scheme()
    >>> scheme["science-technology"].label_en
    'science and technology'
    >>> "科技" in scheme["science-technology"].cores
    True
    """
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SKOS

    from .resources import resource_path
    from .vocab import PG

    g = Graph().parse(resource_path("ontology", "functions.ttl"), format="turtle")
    out: dict[str, Function] = {}
    for concept in g.subjects(SKOS.inScheme, URIRef(FUNCTION_SCHEME)):
        labels = {o.language: str(o) for o in g.objects(concept, SKOS.prefLabel)}  # type: ignore[attr-defined]
        cores = sorted(
            (o for o in g.objects(concept, PG.nameCore) if isinstance(o, Literal)),
            key=lambda o: (-len(str(o)), str(o)),
        )
        broader = g.value(concept, SKOS.broader)
        out[str(concept)[len(FUNCTION_NS) :]] = Function(
            key=str(concept)[len(FUNCTION_NS) :],
            label_zh=labels["zh"],
            label_en=labels["en"],
            core_en=next(str(o) for o in cores if o.language == "en"),
            cores=tuple(str(o) for o in cores if o.language == "zh"),
            broader=str(broader)[len(FUNCTION_NS) :] if broader is not None else None,
        )
    return dict(sorted(out.items()))


@cache
def _cores() -> dict[str, tuple[str, ...]]:
    """Name core → the keys of the functions it names (general-office cores are bodies)."""
    index: dict[str, list[str]] = {}
    for fn in function_scheme().values():
        for core in fn.cores:
            if core in _BODIES or fn.key in _RULE_FUNCTIONS:
                continue
            index.setdefault(core, []).append(fn.key)
    return {core: tuple(keys) for core, keys in index.items()}


@cache
def _core_pattern() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, _cores()), key=len, reverse=True)))


# --- the parts of a name ----------------------------------------------------------------------

#: functions given by a rule on the whole name rather than by a core
_RULE_FUNCTIONS = frozenset(
    {"general-government", "party-committee", "general-office", "coordinating-body"}
)
#: the ends of coordinating bodies' names (the scheme's name cores of ``coordinating-body``),
#: in English
_COORDINATING_EN: dict[str, str] = {
    "工作领导小组": "Leading Group",
    "领导小组": "Leading Group",
    "工作小组": "Working Group",
    "工作组": "Working Group",
    "工作专班": "Task Force",
    "专班": "Task Force",
    "推进组": "Promotion Group",
    "联席会议": "Joint Conference",
    "指挥部": "Headquarters",
    "组委会": "Organising Committee",
    "组委": "Organising Committee",
}
#: functions whose 部 is a department of a party committee, not a ministry
_PARTY_FUNCTIONS = frozenset(
    {
        "party-organisation",
        "publicity",
        "united-front",
        "political-legal-affairs",
        "social-work",
        "talent-work",
        "establishment",
        "retired-cadres",
        "party-school",
        "cyberspace",
        "reform",
        "party-building",
    }
)

#: body type → (English, pattern): ``of`` (Department of X), ``suffix`` (X Bureau)
_BODIES: dict[str, tuple[str, str]] = {
    "中心支行": ("Central Sub-branch", "suffix"),
    "办公厅": ("General Office", "office"),
    "办公室": ("Office", "suffix"),
    "委员会": ("Commission", "suffix"),
    "管委会": ("Administrative Committee", "suffix"),
    "总局": ("General Administration", "of"),
    "总署": ("General Administration", "of"),
    "总社": ("Federation", "of"),
    "分局": ("Sub-bureau", "suffix"),
    "分行": ("Branch", "suffix"),
    "支行": ("Sub-branch", "suffix"),
    "中心": ("Centre", "suffix"),
    "部": ("Ministry", "of"),
    "厅": ("Department", "of"),
    "局": ("Bureau", "suffix"),
    "委": ("Commission", "suffix"),
    "办": ("Office", "suffix"),
    "室": ("Office", "suffix"),
    "署": ("Administration", "suffix"),
    "会": ("Commission", "suffix"),
    "队": ("Team", "suffix"),
}
_PARTY_BODY_EN = {"部": "Department", "委": "Commission", "办": "Office", "室": "Office"}
_CONNECTORS = ("和", "与", "及", "、", "暨")
#: words that qualify a core without naming a function (数据资源管理局, 人才工作局)
_FILLERS = ("管理", "工作", "服务", "事务", "监督", "行政", "执法", "综合")

#: level words of prefixes and collectives
_LEVEL_WORDS: dict[str, str] = {
    "县级市": "county",
    "省级": "provincial",
    "市级": "prefecture",
    "县级": "county",
    "区级": "district",
    "省": "provincial",
    "市": "prefecture",
    "州": "prefecture",
    "县": "county",
    "区": "district",
}
_LEVEL_ADJ = {
    "national": "National",
    "provincial": "Provincial",
    "prefecture": "Municipal",
    "county": "County",
    "district": "District",
}
_LEVEL_NOUN = {
    "national": "national",
    "provincial": "provincial",
    "prefecture": "municipal",
    "county": "county",
    "district": "district",
}
#: national markers → English adjective ("" when the core names the body on its own)
_NATIONAL: dict[str, str] = {
    "国务院": "State Council",
    "中央": "Central",
    "国家": "National",
    "全国": "All-China",
    "中国": "China",
    "最高": "Supreme",
}

#: provincial-level divisions: short name → (full name, English)
_PROVINCES: dict[str, tuple[str, str]] = {
    "北京": ("北京市", "Beijing"),
    "天津": ("天津市", "Tianjin"),
    "上海": ("上海市", "Shanghai"),
    "重庆": ("重庆市", "Chongqing"),
    "河北": ("河北省", "Hebei"),
    "山西": ("山西省", "Shanxi"),
    "辽宁": ("辽宁省", "Liaoning"),
    "吉林": ("吉林省", "Jilin"),
    "黑龙江": ("黑龙江省", "Heilongjiang"),
    "江苏": ("江苏省", "Jiangsu"),
    "浙江": ("浙江省", "Zhejiang"),
    "安徽": ("安徽省", "Anhui"),
    "福建": ("福建省", "Fujian"),
    "江西": ("江西省", "Jiangxi"),
    "山东": ("山东省", "Shandong"),
    "河南": ("河南省", "Henan"),
    "湖北": ("湖北省", "Hubei"),
    "湖南": ("湖南省", "Hunan"),
    "广东": ("广东省", "Guangdong"),
    "海南": ("海南省", "Hainan"),
    "四川": ("四川省", "Sichuan"),
    "贵州": ("贵州省", "Guizhou"),
    "云南": ("云南省", "Yunnan"),
    "陕西": ("陕西省", "Shaanxi"),
    "甘肃": ("甘肃省", "Gansu"),
    "青海": ("青海省", "Qinghai"),
    "台湾": ("台湾省", "Taiwan"),
    "内蒙古": ("内蒙古自治区", "Inner Mongolia"),
    "广西": ("广西壮族自治区", "Guangxi"),
    "西藏": ("西藏自治区", "Tibet"),
    "宁夏": ("宁夏回族自治区", "Ningxia"),
    "新疆": ("新疆维吾尔自治区", "Xinjiang"),
    "香港": ("香港特别行政区", "Hong Kong"),
    "澳门": ("澳门特别行政区", "Macao"),
}
_PROVINCE_FULL = {full: (short, en) for short, (full, en) in _PROVINCES.items()}
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_CHINA = Jurisdiction("national", "中国", "China")
#: the State's government (the parent of every provincial-level government)
CHINA = _CHINA

_HAN = r"[\u4e00-\u9fff]"
# a place name: a stem and an administrative suffix (宁波市, 罗湖区, 沛县, 黔东南苗族侗族自治州)
_PLACE = re.compile(
    rf"{_HAN}{{2,9}}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|区|县|旗)|{_HAN}县"
)
_PLACE_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|区|县|旗)$")
# level words in a row, with variants in brackets: 区、县级市; 县（市、区）; 区〔县、市〕
_LEVEL_LIST = re.compile(
    r"(?:省级|市级|县级市|县级|区级|省|市|州|县|区)"
    r"(?:[（(〔\[][省市县区、，,]+[）)〕\]])?"
    r"(?:[、，,和及与](?:省级|市级|县级市|县级|区级|省|市|州|县|区)"
    r"(?:[（(〔\[][省市县区、，,]+[）)〕\]])?)*"
)
_OWNERS = ("人民政府", "政府", "委")

#: the start of a collective name, and its English
_QUANTIFIERS: dict[str, tuple[str, str]] = {
    "各有关": ("All", "concerned"),
    "各相关": ("All", "concerned"),
    "有关": ("", "concerned"),
    "相关": ("", "concerned"),
    "其他": ("Other", ""),
    "其它": ("Other", ""),
    "各": ("All", ""),
}
#: the end of a collective name; what precedes only gives the level
_COLLECTIVE_ENDS = (
    "成员单位",
    "牵头单位",
    "有关部门",
    "相关部门",
    "有关单位",
    "相关单位",
    "部门和单位",
    "等部门",
    "等单位",
)
#: collective nouns and their English; 地区/地 are local governments as a whole
_COLLECTIVE_NOUNS: dict[str, str] = {
    "部门": "departments",
    "单位": "units",
    "部门和单位": "departments and units",
    "部门、单位": "departments and units",
    "地区": "localities",
    "地方": "localities",
    "地": "localities",
}
#: ends of names of units that are not government bodies
_NON_GOVERNMENT_ENDS = (
    "集团",
    "公司",
    "企业",
    "社区",
    "资本",
    "电视台",
    "电台",
    "协会",
    "商会",
    "学会",
    "基金会",
    "大学",
    "学院",
    "医院",
    "研究院",
    "研究所",
    "实验室",
    "联盟",
    "机构",
    "运营商",
)


class _Prefix(NamedTuple):
    """The level part at the start of a name."""

    length: int
    levels: tuple[str, ...] = ()
    place: str | None = None
    place_en: str | None = None
    adj_en: str | None = None  # an explicit adjective (National, Supreme …)
    owner: str | None = None  # party / government / state-council
    place_run: bool = False  # an unsuffixed place stem such as 合肥 in 合肥海关
    prefecture_style: bool = False  # 州, 盟, 地区: "Prefectural"


class _Parse(NamedTuple):
    """A segmentation of the rest of a name after its prefix."""

    unknown: int
    tokens: int
    cores: tuple[str, ...]
    body: str | None
    place: str | None  # a place after a leading core (人行嘉兴市中心支行)


def _level_of_place(place: str, plan: Jurisdiction) -> tuple[str | None, str | None, bool]:
    """(level, English, prefecture style) of a place name."""
    if place in _PROVINCE_FULL:
        return "provincial", _PROVINCE_FULL[place][1], False
    if place in _PROVINCES:
        return "provincial", _PROVINCES[place][1], False
    m = _PLACE_SUFFIX.search(place)
    if m is None:
        if plan.place and _stem(plan.place) == place:
            return plan.level, plan.place_en, False
        return None, None, False
    known = lookup(place)
    en = known.en if known is not None and known.name == place else None
    suffix = m.group(1)
    if suffix in ("省", "自治区", "特别行政区"):
        return "provincial", en, False
    if suffix == "市":
        if place in _MUNICIPALITIES:
            return "provincial", en, False
        if known is not None and known.name == place and known.level == "county":
            return "county", en, False  # a county-level city of the gazetteer
        return "prefecture", en, False
    if suffix in ("州", "自治州", "盟", "地区"):
        return "prefecture", en, True
    if suffix == "区":
        return "district", en, False
    return "county", en, False


def _stem(place: str) -> str:
    return _PLACE_SUFFIX.sub("", place) or place


def _levels_in(words: str, plan: Jurisdiction) -> tuple[str, ...]:
    """Levels named by a run of level words (区、县级市; 县（市、区）)."""
    out: list[str] = []
    outer = re.sub(r"[（(〔\[][^）)〕\]]*[）)〕\]]", "", words)
    inner = "".join(re.findall(r"[（(〔\[]([^）)〕\]]*)[）)〕\]]", words))
    for word in re.findall(r"省级|市级|县级市|县级|区级|省|市|州|县|区", outer):
        out.append(_word_level(word, plan))
    outer_levels = set(out)
    for word in re.findall(r"省|市|县|区", inner):
        # 县（市、区）: a bracketed 市 beside a county or district is a county-level city
        if word == "市" and outer_levels & {"county", "district"}:
            out.append("county")
        else:
            out.append(_word_level(word, plan))
    return tuple(dict.fromkeys(out))


def _word_level(word: str, plan: Jurisdiction) -> str:
    level = _LEVEL_WORDS[word]
    if word == "市" and plan.place in _MUNICIPALITIES:
        return "provincial"
    return level


def _prefixes(s: str, plan: Jurisdiction) -> list[_Prefix]:
    """Every reading of the start of ``s`` as a level prefix (the empty one included)."""
    heads: list[_Prefix] = [_Prefix(0)]
    for marker, adj in _NATIONAL.items():
        if s.startswith(marker):
            owner = "state-council" if marker == "国务院" else "party" if marker == "中央" else None
            heads.append(_Prefix(len(marker), ("national",), "中国", None, adj_en=adj, owner=owner))
    m = _LEVEL_LIST.match(s)
    if m:
        heads.append(_Prefix(m.end(), _levels_in(m.group(0), plan)))
        if m.end() > 1:  # 市县: also the first word alone
            first = re.match(r"省级|市级|县级市|县级|区级|省|市|州|县|区", s)
            if first and first.end() < m.end():
                heads.append(_Prefix(first.end(), (_word_level(first.group(0), plan),)))
    for place in _place_matches(s):
        heads.extend(_place_prefixes(place, plan))
    for short, (full, en) in _PROVINCES.items():
        if s.startswith(short) and not s.startswith(full):
            heads.append(_Prefix(len(short), ("provincial",), full, en))
    for n in (2, 3):
        if len(s) > n and re.fullmatch(f"{_HAN}{{{n}}}", s[:n]):
            run_level, run_en, _ = _level_of_place(s[:n], plan)
            levels = (run_level,) if run_level else ()
            heads.append(_Prefix(n, levels, s[:n], run_en, place_run=True))
    out: list[_Prefix] = []
    for head in heads:
        out.append(head)
        if head.length == 0 or head.owner is not None or head.place_run:
            continue
        rest = s[head.length :]
        for owner in _OWNERS:
            if rest.startswith(owner):
                kind = "party" if owner == "委" else "government"
                out.append(head._replace(length=head.length + len(owner), owner=kind))
    return out


def _place_matches(s: str) -> list[str]:
    """Place names (one, or a city and its district) at the start of ``s``.

    A stem that starts with a level word or holds a name core of two characters or more is
    not a place (县经开区, 中国人民银行泰安市): those are read as prefixes and cores instead.
    """
    single = _single_places(s)
    out = list(single)
    for first in single:
        out.extend(first + second for second in _single_places(s[len(first) :]))
    return out


def _single_places(s: str) -> list[str]:
    return [s[:end] for end in range(2, min(len(s), 12) + 1) if _is_place(s[:end])]


def _is_place(cand: str) -> bool:
    if not _PLACE.fullmatch(cand):
        return False
    stem = _stem(cand)
    if stem[:1] in "省市县区州" or stem.startswith(tuple(_NATIONAL)):
        return False
    return not any(len(core) > 1 and core in stem for core in _cores())


def _place_prefixes(place: str, plan: Jurisdiction) -> list[_Prefix]:
    # a city and its district (杭州市上城区): the district is the government
    parts = [m.group(0) for m in _PLACE.finditer(place)]
    last = parts[-1] if parts else place
    level, en, pref_style = _level_of_place(last, plan)
    if level is None:
        return []
    return [_Prefix(len(place), (level,), last, en, prefecture_style=pref_style)]


def _segment(rest: str) -> _Parse | None:
    """Split ``rest`` into name cores, connectors, fillers and a body at its end."""
    if not rest:
        return _Parse(0, 0, (), None, None)
    cores = _cores()
    n = len(rest)
    # best[i]: (unknown, tokens, cores, body) for rest[i:]
    best: list[tuple[int, int, tuple[str, ...], str | None] | None] = [None] * (n + 1)
    best[n] = (0, 0, (), None)
    for i in range(n - 1, -1, -1):
        options: list[tuple[int, int, tuple[str, ...], str | None]] = []
        tail = rest[i:]
        if tail in _BODIES:
            options.append((0, 1, (), tail))
        for j in range(i + 1, n + 1):
            nxt = best[j]
            if nxt is None:
                continue
            piece = rest[i:j]
            if piece in cores:
                options.append((nxt[0], nxt[1] + 1, (piece, *nxt[2]), nxt[3]))
            elif piece in _CONNECTORS or piece in _FILLERS:
                options.append((nxt[0], nxt[1] + 1, nxt[2], nxt[3]))
        nxt = best[i + 1]
        if nxt is not None:
            options.append((nxt[0] + 1, nxt[1] + 1, nxt[2], nxt[3]))
        best[i] = min(options, key=lambda o: (o[0], o[1])) if options else None
    top = best[0]
    if top is None:
        return None
    return _Parse(top[0], top[1], top[2], top[3], None)


def _acceptable(parse: _Parse, rest: str) -> bool:
    """A parse is kept when it read every character, or all but a short run before the body."""
    if parse.unknown == 0:
        return True
    if parse.unknown > 2 or not parse.cores:
        return False
    # the unknown run must sit between the last core (or filler) and the body: 人大常委会法工委
    body_len = len(parse.body or "")
    stop = len(rest) - body_len
    start = stop - parse.unknown
    if start <= 0:
        return False
    run = rest[start:stop]
    return _core_pattern().search(run) is None and rest[:start].endswith(parse.cores[-1])


def _best_reading(s: str, plan: Jurisdiction) -> tuple[_Prefix, _Parse] | None:
    """The prefix and segmentation that read most of ``s``."""
    candidates: list[tuple[tuple[int, int, int, int, int], _Prefix, _Parse]] = []
    for prefix in _prefixes(s, plan):
        rest = s[prefix.length :]
        parses: list[_Parse] = []
        seg = _segment(rest)
        if seg is not None and _acceptable(seg, rest):
            parses.append(seg)
        if prefix.length == 0:
            # a leading core and then a place: 人行嘉兴市中心支行, 人行四川省分行
            m = _core_pattern().match(rest)
            if m:
                after = rest[m.end() :]
                runs = [after[:n] for n in (2, 3) if re.fullmatch(f"{_HAN}{{{n}}}", after[:n])]
                for place in [*_place_matches(after), *runs]:
                    inner = _segment(after[len(place) :])
                    if inner is not None and inner.unknown == 0 and inner.body is not None:
                        # an unsuffixed place (合肥) counts against the reading like a place run
                        cost = 0 if _is_place(place) or place in _PROVINCES else len(place)
                        parses.append(
                            _Parse(
                                cost,
                                inner.tokens + 2,
                                (m.group(0), *inner.cores),
                                inner.body,
                                place,
                            )
                        )
        for parse in parses:
            run = prefix.length if prefix.place_run else 0
            if parse.place is not None and parse.unknown:
                run, parse = parse.unknown, parse._replace(unknown=0)
            if prefix.place_run and (parse.unknown or not parse.cores):
                continue
            score = (
                parse.unknown,
                run,
                -len(parse.cores),
                parse.tokens + (prefix.length > 0),
                -prefix.length,
            )
            candidates.append((score, prefix, parse))
    if not candidates:
        return None
    _, prefix, parse = min(candidates, key=lambda c: c[0])
    return prefix, parse


# --- reading a name ---------------------------------------------------------------------------

_NO_PLAN = Jurisdiction()


def read_department(name: str, /, *, plan: Jurisdiction | None = None) -> DepartmentReading:
    """Read a unit's name as written in a responsibility clause.

    Parameters
    ----------
    name : str
        The name exactly as written (市科技局, 县委组织部（人才办）, 各有关部门).
    plan : Jurisdiction, optional
        The government of the plan (:func:`plan_jurisdiction`): it gives the level and place
        of unprefixed names (科技厅 in a provincial plan) and says whether 市 is a
        municipality.

    Returns
    -------
    DepartmentReading

    Examples
    --------
    >>> read_department("省工业和信息化厅").label_en
    'Provincial Department of Industry and Information Technology'
    >>> d = read_department("国家发展改革委")
    >>> d.functions, d.levels, d.label_en
    (('development-reform',), ('national',), 'National Development and Reform Commission')
    >>> sichuan = Jurisdiction("provincial", "四川省", "Sichuan")
    >>> d = read_department("科技厅", plan=sichuan)
    >>> d.levels, d.government.place
    (('provincial',), '四川省')
    >>> d.label_en
    'Provincial Department of Science and Technology of Sichuan'
    >>> read_department("县委组织部（人才办）").functions
    ('party-organisation', 'talent-work')
    >>> d = read_department("武汉投控集团")
    >>> d.kind, d.functions
    ('non-government', ())
    """
    return _read(name, plan or _NO_PLAN)


@lru_cache(maxsize=8192)
def _read(name: str, plan: Jurisdiction) -> DepartmentReading:
    text = re.sub(r"[\s“”\"'「」‘’]", "", name)
    text = re.sub(r"^(中共|中国共产党)(?=.)", "", text)  # 中共宁波市委组织部, 中共中央
    main, aliases = _split_aliases(text)
    quantifier = next((q for q in _QUANTIFIERS if main.startswith(q)), None)
    rest = main[len(quantifier) :] if quantifier else main
    collective = quantifier is not None

    end = next((e for e in _COLLECTIVE_ENDS if rest.endswith(e) and rest != e), None)
    if end is not None or rest in _COLLECTIVE_ENDS:
        head = rest[: -len(end)] if end else ""
        reading = _levels_only(name, head, plan)
        noun = _COLLECTIVE_NOUNS.get(rest)
        return replace(
            reading,
            kind="collective",
            collective=True,
            reason="a collective of departments",
            label_en=_collective_label(quantifier, noun) if noun else None,
        )
    if rest.startswith("级"):  # 各级人民政府
        rest = rest[1:]
    if collective and rest.endswith(("部门", "单位")) and rest not in _COLLECTIVE_NOUNS:
        # 各招商引资部门: the departments that carry out one function, when the words before
        # 部门 are read whole as name cores; 各产业主管部门: departments of several functions
        functions, subject = _collective_of_function(rest[:-2])
        if functions:
            noun = "units" if rest.endswith("单位") else "departments"
            return DepartmentReading(
                name,
                "collective",
                functions=functions,
                collective=True,
                label_en=_collective_label(quantifier, f"{subject} {noun}"),
            )
        return replace(
            _levels_only(name, rest, plan),
            kind="collective",
            collective=True,
            reason="a collective of departments",
        )
    if rest in _COLLECTIVE_NOUNS:
        noun = _COLLECTIVE_NOUNS[rest]
        if noun == "localities":
            return DepartmentReading(
                name,
                "collective",
                functions=("general-government",),
                collective=True,
                label_en=_collective_label(quantifier, "local governments"),
            )
        return DepartmentReading(
            name,
            "collective",
            collective=True,
            reason="a collective of departments",
            label_en=_collective_label(quantifier, noun),
        )
    if _non_government(rest):
        reading = _levels_only(name, rest, plan)
        return replace(
            reading,
            kind="non-government",
            collective=collective,
            reason="not a government body",
        )

    reading = _read_body(name, rest, plan)
    for alias in aliases:
        more = _read_alias(alias, rest, plan)
        if more is not None and more.functions:
            merged = tuple(dict.fromkeys((*reading.functions, *more.functions)))
            label = reading.label_en
            if label and more.label_en:
                label = f"{label} ({more.label_en})"
            reading = replace(reading, functions=merged, label_en=label)
    if collective:
        if reading.functions == ("general-government",) and reading.levels:
            nouns = " and ".join(_LEVEL_NOUN[level] for level in reading.levels)
            label = _collective_label(quantifier, f"{nouns} people's governments")
        else:
            label = _collective_label(quantifier, _plural(reading.label_en))
        reading = replace(reading, kind="collective", collective=True, label_en=label)
    return reading


def _collective_of_function(words: str) -> tuple[tuple[str, ...], str]:
    """The functions (and their English) of 招商引资 in 各招商引资部门; () unless read whole."""
    parse = _segment(words)
    if parse is None or parse.unknown or parse.body is not None or not parse.cores:
        return (), ""
    functions = _functions_of(parse.cores)
    scheme = function_scheme()
    return functions, _join([scheme[f].core_en for f in functions]).lower()


def _split_aliases(text: str) -> tuple[str, list[str]]:
    """``县委组织部（人才办）`` → (``县委组织部``, [``人才办``]); inner brackets stay."""
    aliases: list[str] = []
    while True:
        m = re.search(r"[（(〔\[【]([^（()）〔〕\[\]【】]+)[）)〕\]】]$", text)
        if m is None or m.start() == 0:
            return text, aliases[::-1]
        inner = m.group(1)
        if re.fullmatch(r"[省市县区、，,]+", inner) or inner.startswith("含"):
            # 各县（市、区）: level variants, not an alias; 〈含…〉 scope notes
            return text, aliases[::-1]
        aliases.append(inner)
        text = text[: m.start()]


def _non_government(rest: str) -> bool:
    if "人民银行" in rest or rest.startswith("人行"):
        return False
    if any(len(core) > 2 and rest.endswith(core) for core in _cores()):
        return False  # 科学技术协会 names a function: a people's organisation
    if rest.endswith("银行"):
        return True
    return rest.endswith(_NON_GOVERNMENT_ENDS) or "有限公司" in rest


def _levels_only(name: str, head: str, plan: Jurisdiction) -> DepartmentReading:
    """A reading with only the level a name's start states (省政府有关部门 → provincial)."""
    best: _Prefix | None = None
    for prefix in _prefixes(head, plan):
        if prefix.place_run or not prefix.levels:
            continue
        if best is None or prefix.length > best.length:
            best = prefix
    if best is None:
        return DepartmentReading(name, "unread")
    return DepartmentReading(
        name, "unread", levels=best.levels, level_source="name", party=best.owner == "party"
    )


def _read_alias(alias: str, main: str, plan: Jurisdiction) -> DepartmentReading | None:
    """Read a bracketed alias with the main name's prefix when it has none of its own."""
    own = _read_body(alias, alias, plan)
    if own.kind == "department" and own.level_source == "name":
        return own
    found = _best_reading(main, plan)
    if found is None:
        return own if own.functions else None
    prefix, _ = found
    return _read_body(alias, main[: prefix.length] + alias, plan)


def _read_body(name: str, s: str, plan: Jurisdiction) -> DepartmentReading:
    """Read one body's name (no quantifier, no alias)."""
    youth = re.fullmatch(r"团(省|市|区|县)委|(?:共青)?团中央", s)
    if youth:
        if youth.group(1) is None:
            return _finish(
                name,
                plan,
                _Prefix(len(s), ("national",), adj_en=""),
                _Parse(0, 1, (), None, None),
                ("youth-league",),
                label_core="Central Committee of the Communist Youth League",
            )
        return _finish(
            name,
            plan,
            _Prefix(2, (_word_level(youth.group(1), plan),)),
            _Parse(0, 2, (), None, None),
            ("youth-league",),
            label_core="Communist Youth League Committee",
        )
    building = _party_building(name, s, plan)
    if building is not None:
        return building
    found = _best_reading(s, plan)
    if found is None:
        return _coordinating_body(name, s, plan) or _unread(name, s, plan)
    prefix, parse = found
    functions = _functions_of(parse.cores)
    if not functions:
        functions = _rule_function(prefix, parse)
    if not functions:
        return _coordinating_body(name, s, plan) or _unread(name, s, plan)
    return _finish(name, plan, prefix, parse, functions)


def _coordinating_body(name: str, s: str, plan: Jurisdiction) -> DepartmentReading | None:
    """…领导小组, …工作专班, …联席会议 and their 办公室: a coordinating body.

    Tried only when the name has no other reading. The subject between the level prefix and
    the end (科技创新 in 市科技创新工作领导小组) adds its functions, and the English name, when
    every character of it is read; otherwise the body has no English name.
    """
    ends = function_scheme()["coordinating-body"].cores
    office = next(
        (o for o in ("办公室", "办") if s.endswith(o) and s[: -len(o)].endswith(ends)), ""
    )
    body = s[: len(s) - len(office)]
    end = next((e for e in ends if body.endswith(e)), None)
    if end is None:
        return None
    head = body[: -len(end)]
    prefix = max(
        (p for p in _prefixes(head, plan) if not p.place_run and p.owner is None),
        key=lambda p: p.length,
    )
    topic = _segment(head[prefix.length :])
    read_whole = topic is not None and topic.unknown == 0 and topic.body is None
    cores = topic.cores if topic is not None and read_whole else ()
    functions = (*_functions_of(cores), "coordinating-body")
    scheme = function_scheme()
    subject = _join([scheme[f].core_en for f in _functions_of(cores)])
    reading = _finish(
        name,
        plan,
        prefix,
        _Parse(0, 2, (), None, None),
        tuple(dict.fromkeys(functions)),
        label_core=_words(subject, _COORDINATING_EN[end]),
    )
    label = reading.label_en if read_whole else None
    if label is not None and office:
        label = f"Office of the {label}"
    return replace(reading, label_en=label)


def _functions_of(cores: tuple[str, ...]) -> tuple[str, ...]:
    index = _cores()
    keys = [k for core in cores for k in index[core]]
    out = tuple(dict.fromkeys(keys))
    return out


def _rule_function(prefix: _Prefix, parse: _Parse) -> tuple[str, ...]:
    """Functions of a name with no core: a government, a party committee, a general office."""
    if parse.unknown:
        return ()
    if parse.body is None and (prefix.levels or prefix.place):
        if prefix.owner == "party":
            return ("party-committee",)
        if prefix.place_run:
            return ()
        return ("general-government",)
    if parse.body in ("办公厅", "办公室") and prefix.owner is not None:
        return ("general-office",)
    return ()


def _party_building(name: str, s: str, plan: Jurisdiction) -> DepartmentReading | None:
    """…党工委, …机关工委 (市直机关工委, 市非公有制经济组织党工委): a party working committee."""
    if not s.endswith(("党工委", "机关工委")):
        return None
    prefix = max(
        (p for p in _prefixes(s, plan) if not p.place_run and p.length < len(s) - 2),
        key=lambda p: p.length,
    )
    return _finish(
        name,
        plan,
        prefix,
        _Parse(0, 2, (), None, None),
        ("party-building",),
        label_core="Party Working Committee",
    )


def _unread(name: str, s: str, plan: Jurisdiction) -> DepartmentReading:
    reading = _levels_only(name, s, plan)
    return replace(reading, kind="unread", reason="no function core in the name")


def _finish(
    name: str,
    plan: Jurisdiction,
    prefix: _Prefix,
    parse: _Parse,
    functions: tuple[str, ...],
    *,
    label_core: str | None = None,
) -> DepartmentReading:
    levels, source, government = _level_and_government(prefix, parse, functions, plan)
    party = prefix.owner == "party" or (
        prefix.owner is None and bool(set(functions) & _PARTY_FUNCTIONS) and parse.body != "局"
    )
    reading = DepartmentReading(
        name,
        "department",
        functions=functions,
        levels=levels,
        level_source=source,
        government=government,
        body=parse.body,
        party=party,
    )
    if parse.unknown == 0:
        label = _english(reading, prefix, parse, label_core)
        reading = replace(reading, label_en=label)
    return reading


def _level_and_government(
    prefix: _Prefix, parse: _Parse, functions: tuple[str, ...], plan: Jurisdiction
) -> tuple[tuple[str, ...], Literal["name", "plan"] | None, Jurisdiction | None]:
    place = prefix.place
    place_en = prefix.place_en
    levels = prefix.levels
    if parse.place is not None:  # 人行嘉兴市中心支行
        level, place_en, _ = _level_of_place(parse.place, plan)
        place, levels = parse.place, (level,) if level else ()
    if levels == ("national",):
        return levels, "name", _CHINA
    if place is not None:
        if plan.place and (place == plan.place or place == _stem(plan.place)):
            return (plan.level,) if plan.level else levels, "name", plan
        if levels:
            return levels, "name", Jurisdiction(levels[0], place, place_en)
        return (), None, None
    if levels:
        government = plan if plan.level is not None and levels == (plan.level,) else None
        if government is None and len(levels) == 1:
            government = _ancestor(plan, levels[0])  # 省科技厅 in Ningbo's plan: Zhejiang's
        return levels, "name", government if government and government.place else None
    implied = _implied_level(parse, functions)
    if implied is not None:
        government = _CHINA if implied == "national" else _ancestor(plan, implied)
        if plan.level == implied and plan.place:
            government = plan
        return (implied,), "name", government
    if plan.level is not None and not parse.unknown and parse.place is None:
        return (plan.level,), "plan", plan if plan.place else None
    return (), None, None


def _ancestor(plan: Jurisdiction, level: str) -> Jurisdiction | None:
    """The government of the given level above the plan's, from the gazetteer (罗湖区 → 深圳市)."""
    place = lookup(plan.place) if plan.place else None
    if place is None or place.name != plan.place:
        return None
    while place.parent is not None:
        parent = lookup(place.parent)
        if parent is None:
            return None
        if parent.level == level:
            return Jurisdiction(parent.level, parent.name, parent.en)
        place = parent
    return None


def _implied_level(parse: _Parse, functions: tuple[str, ...]) -> str | None:
    """Levels a body type states on its own: 部, 总局, 总署, 署 are national, 厅 provincial."""
    if parse.body in ("总局", "总署", "署") or (
        parse.body == "部" and not set(functions) & (_PARTY_FUNCTIONS | {"military-affairs"})
    ):
        return "national"
    if parse.body == "厅":
        return "provincial"
    return None


# --- English ----------------------------------------------------------------------------------


def _english(
    reading: DepartmentReading, prefix: _Prefix, parse: _Parse, label_core: str | None
) -> str | None:
    scheme = function_scheme()
    functions = reading.functions
    core = label_core or _join([scheme[f].core_en for f in functions])
    level = reading.level
    if prefix.adj_en is not None:
        adj = prefix.adj_en
    elif level is None:
        adj = ""
    elif prefix.prefecture_style:
        adj = "Prefectural"
    else:
        adj = _LEVEL_ADJ[level]
    implicit_national = level == "national" and prefix.adj_en is None
    gov = reading.government
    place_en = gov.place_en if gov is not None and level != "national" else None
    body = parse.body
    if parse.place is not None and body is not None:
        # a branch of a national body: People's Bank of China Sichuan Branch
        return _words(core, place_en or "", _BODIES[body][0])
    if functions == ("general-government",):
        owner = "State Council" if prefix.owner == "state-council" else None
        label = owner or _words(adj if level != "national" else "", "People's Government")
    elif functions == ("party-committee",):
        label = "Central Committee" if level == "national" else _words(adj, "Party Committee")
    elif functions == ("general-office",):
        owner_en = {
            "party": "Party Committee",
            "government": "People's Government",
            "state-council": "",
        }.get(prefix.owner or "", "")
        if prefix.owner == "state-council":
            label = f"{_BODIES[body or '办公厅'][0]} of the State Council"
        elif prefix.owner == "party" and level == "national":
            label = f"{_BODIES[body or '办公厅'][0]} of the Central Committee"
        else:
            label = f"{_BODIES[body or '办公厅'][0]} of the {_words(adj, owner_en)}"
    elif reading.party:
        body_en = _PARTY_BODY_EN.get(body or "", _BODIES[body][0] if body else "")
        committee = "Central Committee" if level == "national" else _words(adj, "Party Committee")
        label = f"{_words(core, body_en)} of the {committee}"
    elif body is None:
        label = _words("" if implicit_national else adj, core)
    else:
        body_en, pattern = _BODIES[body]
        if body == "部" and not implicit_national and prefix.adj_en is None:
            body_en = "Department"
        if pattern == "office":
            label = f"{body_en} of the {_words(adj, core)}"
        elif pattern == "of":
            label = f"{_words('' if level == 'national' else adj, body_en)} of {core}"
        else:
            label = _words(adj, core, body_en)
    if place_en:
        label = f"{label} of {place_en}"
    return label


def _words(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _join(cores: list[str]) -> str:
    return ", ".join(cores)


def _plural(label: str | None) -> str:
    if not label:
        return ""
    words = label.split(" ")
    # pluralise the head noun: the last word, or the word before "of"
    i = words.index("of") - 1 if "of" in words else len(words) - 1
    head = words[i]
    if head.endswith("y") and not head.endswith(("ey", "ay")):
        head = head[:-1] + "ies"
    elif not head.endswith("s"):
        head += "s"
    words[i] = head
    return " ".join(words)


def _collective_label(quantifier: str | None, noun: str | None) -> str | None:
    if not noun:
        return None
    before, after = _QUANTIFIERS.get(quantifier or "", ("", ""))
    text = _words(before, noun[0].lower() + noun[1:] if before else noun, after)
    return text[0].upper() + text[1:]


# --- the plan's government ---------------------------------------------------------------------


def read_jurisdiction(text: str | None, /, *, strict: bool = False) -> Jurisdiction | None:
    """Read the government at the start of an issuer's name or a title.

    Parameters
    ----------
    text : str or None
        An issuer (四川省科学技术厅等, 宁波市人民政府办公厅, 国务院办公厅) or a title.
    strict : bool
        For titles: a city, county or district must be followed by the head of a title
        (关于, 支持, 人民政府 …), so that 智慧城市建设方案 is not read as a place.

    Returns
    -------
    Jurisdiction or None

    Examples
    --------
    >>> read_jurisdiction("宁波市人民政府办公厅")
    Jurisdiction(level='prefecture', place='宁波市', place_en='Ningbo')
    >>> read_jurisdiction("杭州市上城区人民政府办公室").place
    '上城区'
    >>> read_jurisdiction("国务院办公厅").level
    'national'
    >>> read_jurisdiction("智慧城市建设行动方案", strict=True) is None
    True
    """
    if not text:
        return None
    s = re.sub(r"^(中共|中国共产党)", "", re.sub(r"\s", "", text))
    if s.startswith(("国务院", "中共中央", "党中央", "中央", "国家", "全国")):
        return _CHINA
    for short, (full, en) in _PROVINCES.items():
        if s.startswith(full) or (s.startswith(short) and not strict):
            return Jurisdiction("provincial", full, en)
    for place in sorted(_place_matches(s), key=len, reverse=True):
        parts = [m.group(0) for m in _PLACE.finditer(place)]
        last = parts[-1] if parts else place
        after = s[len(place) :]
        if strict and not re.match(
            r"(关于|支持|推动|推进|加快|促进|人民政府|政府|委|印发|实施|全面|深化|进一步|加强|"
            r"打造|开展|做好|[^\u4e00-\u9fff])",
            after,
        ):
            continue
        place_level, place_en, _ = _level_of_place(last, _NO_PLAN)
        if place_level is not None:
            return Jurisdiction(place_level, last, place_en)
    return None


def plan_jurisdiction(doc: PlanDocument, /) -> Jurisdiction:
    r"""Return the government of a plan: from its issuer, else its title, else its units.

    The last resort gives a level only: the level most of the plan's units state in their
    names (a plan of 市… units is a prefecture's).

    Examples
    --------
    >>> from policygraph.extraction import extract
    >>> text = "某市科技创新实施方案\n一、重点任务\n1．建设实验室。（责任单位：市科技局）\n"
    >>> doc = extract(text)
    >>> plan_jurisdiction(doc)
    Jurisdiction(level='prefecture', place=None, place_en=None)
    """
    for text, strict in ((doc.issuer, False), (doc.title, True)):
        found = read_jurisdiction(text, strict=strict)
        if found is not None:
            return found
    names = [r.department for s in doc.walk() for r in s.responsibilities]
    names += [r.department for r in doc.standing]
    stated = Counter(
        d.level
        for d in (read_department(n) for n in names)
        if d.level is not None and d.level_source == "name"
    )
    if not stated:
        return _NO_PLAN
    (level, _), *_ = sorted(stated.items(), key=lambda kv: (-kv[1], LEVELS.index(kv[0])))
    return _CHINA if level == "national" else Jurisdiction(level)
