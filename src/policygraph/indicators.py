"""What a target measures: indicator identity across plans, and the scheme of common indicators.

A target's indicator is the noun phrase the plan writes
(全社会研究与试验发展经费支出占地区生产总值比重, 高新技术企业). Two rules make
indicators of different plans comparable:

- **Identity.** An indicator is identified by its wording, normalised by :func:`fold`, together
  with the kind of its unit (:func:`quantity_kind`): two plans that write 高新技术企业 with a count
  share one indicator IRI, whatever their government. A wording that does not name what it
  measures — a bare head noun (企业, 平台), a share without its subject
  (占固定资产投资比重), a year — would make unrelated targets match, so it
  identifies nothing beyond its own target (:func:`names_subject`).
- **Common indicators.** The bundled SKOS scheme ``ontology/indicators.ttl`` lists indicators
  plans commonly set targets on, with the wordings they use. An indicator is linked to a concept
  (``pg:measures``) when its folded wording equals one of the concept's labels and its unit is of
  one of the concept's quantity kinds (:func:`match_indicator`); nothing is guessed.

Examples
--------
>>> from policygraph.indicators import match_indicator, names_subject
>>> match_indicator("全社会研究与试验发展经费支出占地区生产总值比重", "%").key
'rd-intensity'
>>> match_indicator("规上工业企业研发费用支出占营业收入比重", "%").key
'industrial-enterprise-rd-revenue-share'
>>> match_indicator("全省高新技术企业", "家").label_en
'High-tech enterprises'
>>> match_indicator("新增高新技术企业", "家") is None  # a flow is not the stock
True
>>> names_subject("占固定资产投资比重"), names_subject("企业"), names_subject("高新技术企业")
(False, False, True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .units import unit_info

__all__ = [
    "INDICATOR_SCHEME",
    "CommonIndicator",
    "fold",
    "indicator_key",
    "indicator_scheme",
    "match_indicator",
    "names_subject",
    "quantity_kind",
]

#: the IRI of the bundled indicator scheme, and the namespace of its concepts
INDICATOR_SCHEME = "https://w3id.org/policygraph/id/indicators"
COMMON_INDICATOR_NS = "https://w3id.org/policygraph/id/common-indicator/"


@dataclass(frozen=True)
class CommonIndicator:
    """One concept of the indicator scheme (``ontology/indicators.ttl``).

    Attributes
    ----------
    key : str
        The last segment of its IRI (``rd-intensity``).
    notation : str
        Its short code (``skos:notation``).
    label_zh, label_en : str
        Its preferred labels.
    kinds : tuple of str
        The quantity kinds (:func:`quantity_kind`) its targets are measured in.
    wordings : tuple of str
        Its Chinese labels (preferred and alternative), as written in the scheme.
    """

    key: str
    notation: str
    label_zh: str
    label_en: str
    kinds: tuple[str, ...]
    wordings: tuple[str, ...]

    @property
    def iri(self) -> str:
        """The concept's IRI."""
        return COMMON_INDICATOR_NS + self.key


# quotation marks and spaces carry no meaning in an indicator's name
_DROP = re.compile(r"[\s“”‘’\"'「」『』]")
# the plan's own jurisdiction as a whole: 全省高新技术企业 counts the same thing as 高新技术企业
_SCOPE = re.compile(r"^(?:全市|全省|全县|全区|全州|全盟|我市|我省|我县|我区|本市|本省|本县|本区)")
# a level written before a generic head does not name a subject either (省级企业, 县级)
_LEVEL = re.compile(r"^(?:国家级|省级|市级|县级|区级|国家|省|市|县|区)")
# head nouns and measures that need a subject to say what they measure
_GENERIC = frozenset(
    (
        *("企业", "平台", "项目", "任务", "产品", "机构", "单位", "主体", "人才", "人员", "人数"),
        *("比重", "占比", "比例", "覆盖率", "达标率", "完成率", "增长", "增速", "增长率"),
        *("总量", "规模", "总额", "总投资", "投资", "数量", "就业", "个数", "家数", "区(县级市)"),
    )
)
_YEAR = re.compile(r"^\d{4}年(?:底|末|前)?$")


def fold(name: str, /) -> str:
    """Normalise an indicator's wording for comparison.

    Full-width forms become half-width (NFKC), spaces and quotation marks go, and a leading word
    for the plan's whole jurisdiction (全市, 全省, 我市 …) is dropped.

    Examples
    --------
    >>> fold("全省高新技术企业")
    '高新技术企业'
    >>> fold("专精特新“小巨人”企业")
    '专精特新小巨人企业'
    >>> fold("全国重点实验室分中心（基地）")  # 全国重点实验室 is a kind of laboratory: kept
    '全国重点实验室分中心(基地)'
    """
    s = _DROP.sub("", unicodedata.normalize("NFKC", name))
    s = s.replace("〔", "(").replace("〕", ")")
    return _SCOPE.sub("", s, count=1)


def names_subject(name: str, /) -> bool:
    """Whether the wording says what it measures, so that it can identify an indicator across plans.

    False for a year (2025年), a share without its subject (占固定资产投资比重), and a generic head
    noun or measure alone, with at most a level before it (企业, 比重, 省级平台, 县级).

    Examples
    --------
    >>> [names_subject(w) for w in ("企业", "覆盖率", "2024年", "占营业收入比重", "县级")]
    [False, False, False, False, False]
    >>> [names_subject(w) for w in ("高新技术企业", "城镇登记失业率", "每万人全科医师数")]
    [True, True, True]
    """
    s = fold(name)
    if not s or _YEAR.match(s) or s.startswith("占"):
        return False
    head = _LEVEL.sub("", s, count=1)
    return bool(head) and head not in _GENERIC and s not in _GENERIC


def quantity_kind(unit: str, /) -> str:
    """Return the kind of a unit as written: what sort of quantity a target states.

    ``"share"`` for %, ‰ and fractions; ``"percentage-points"``; ``"money"`` for yuan units;
    ``"count"`` for counters (家, 个, 件 …) and people (名, 人); ``"computing-power"`` for FLOPS;
    ``"person-years"`` for 人年; otherwise the unit's slug (``"yi-qian-wa-shi"``).

    Examples
    --------
    >>> [quantity_kind(u) for u in ("%", "亿元", "家", "名", "P", "人年", "亿千瓦时")]
    ['share', 'money', 'count', 'count', 'computing-power', 'person-years', 'yi-qian-wa-shi']
    """
    info = unit_info(unit)
    if unit in ("%", "‰", "fraction"):
        return "share"
    if unit in ("个百分点", "百分点"):
        return "percentage-points"
    if info.yuan:
        return "money"
    if unit == "人年":
        return "person-years"
    if unit.upper().endswith("FLOPS") or unit == "P":
        return "computing-power"
    if (info.counter and unit) or unit in ("名", "人"):
        return "count"
    return info.slug


def indicator_key(name: str, unit: str, /) -> str | None:
    """Return the key that identifies an indicator across plans, or None when it has no subject.

    The key is the folded wording and the unit's kind; two targets with equal keys measure the
    same thing, whichever plan they come from.

    Examples
    --------
    >>> indicator_key("全省高新技术企业", "家") == indicator_key("高新技术企业", "个")
    True
    >>> indicator_key("高新技术企业", "家") == indicator_key("高新技术企业", "亿元")
    False
    >>> indicator_key("企业", "家") is None
    True
    """
    if not names_subject(name):
        return None
    return f"{fold(name)}|{quantity_kind(unit)}"


@cache
def indicator_scheme() -> dict[str, CommonIndicator]:
    """Return the bundled indicator scheme, key → :class:`CommonIndicator`, sorted by key.

    Examples
    --------
    >>> scheme = indicator_scheme()
    >>> scheme["rd-intensity"].label_en
    'R&D intensity (R&D expenditure as a share of GDP)'
    >>> scheme["high-tech-enterprises"].kinds
    ('count',)
    """
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SKOS

    from .resources import resource_path
    from .vocab import PG

    g = Graph().parse(resource_path("ontology", "indicators.ttl"), format="turtle")
    out: dict[str, CommonIndicator] = {}
    for concept in g.subjects(SKOS.inScheme, URIRef(INDICATOR_SCHEME)):
        labels = {
            o.language: str(o) for o in g.objects(concept, SKOS.prefLabel) if isinstance(o, Literal)
        }
        alts = sorted(
            str(o)
            for o in g.objects(concept, SKOS.altLabel)
            if isinstance(o, Literal) and o.language == "zh"
        )
        key = str(concept)[len(COMMON_INDICATOR_NS) :]
        out[key] = CommonIndicator(
            key=key,
            notation=str(g.value(concept, SKOS.notation)),
            label_zh=labels["zh"],
            label_en=labels["en"],
            kinds=tuple(sorted(str(o) for o in g.objects(concept, PG.quantityKind))),
            wordings=(labels["zh"], *alts),
        )
    return dict(sorted(out.items()))


@cache
def _by_wording() -> dict[str, tuple[CommonIndicator, ...]]:
    """Folded wording → the concepts that have it (one, unless the scheme is ambiguous)."""
    out: dict[str, list[CommonIndicator]] = {}
    for concept in indicator_scheme().values():
        for wording in {fold(w) for w in concept.wordings}:
            out.setdefault(wording, []).append(concept)
    return {k: tuple(v) for k, v in out.items()}


def match_indicator(name: str, unit: str, /) -> CommonIndicator | None:
    """Return the common indicator a target's indicator measures, or None.

    The folded wording must equal a label of exactly one concept, and the unit must be of one of
    that concept's quantity kinds. A wording without a subject (:func:`names_subject`) never
    matches.

    Parameters
    ----------
    name : str
        The indicator as the plan writes it.
    unit : str
        The target's unit as written (``%``, ``家``, ``亿元``).

    Returns
    -------
    CommonIndicator or None

    Examples
    --------
    >>> match_indicator("开通5G基站", "个").key
    'five-g-base-stations'
    >>> match_indicator("高新技术企业", "亿元") is None  # money is not a count of enterprises
    True
    """
    if not names_subject(name):
        return None
    found = _by_wording().get(fold(name), ())
    if len(found) != 1 or quantity_kind(unit) not in found[0].kinds:
        return None
    return found[0]
