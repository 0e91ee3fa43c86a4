"""Quantitative targets such as 超过3.65%, 每年新认定省级研发中心70家, 1.5万家, 1/3.

A target is a number followed by a unit from a closed list (``UNITS``), or a fraction
(``1/3``, 三分之一: unit ``"fraction"``, value quantised to six decimal places; 百分之三 is
3 %), or a ranking
(进入全国前40位: unit 位, ``AtMost``). 万/亿 before a unit are folded into the value
(1.5万家 → 15000 家) unless they belong to the unit (亿元, 万元). Numbers in quotation
marks (“315”), next to Latin letters (G60), after 第 (第22次) or followed by a word that is not
a unit (2023年, 15大战略领域) are not targets, nor is a number qualifying a noun with 的
(高于5％的企业).

Examples
--------
>>> from policygraph.extraction.targets import find_targets
>>> t = find_targets("到2026年底，力争全市高新技术企业不少于1.2万家。")[0]
>>> (t.indicator, t.value, t.unit, t.comparator, t.deadline, t.text)
('全市高新技术企业', Decimal('12000'), '家', 'AtLeast', 2026, '全市高新技术企业不少于1.2万家')
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal

from ..model import Span, Target
from ._text import (
    CLOSERS,
    OPENERS,
    SPACE,
    LineMap,
    in_ranges,
    quote_ranges,
    split_top,
    strip_span,
)
from .metadata import chinese_number, five_year_period

__all__ = ["UNITS", "find_targets"]

#: units recognised after a number, as written (％ is reported as %)
UNITS: tuple[str, ...] = (
    "个百分点",
    "微克/立方米",
    "微克每立方米",
    "百分点",
    "台（套）",
    "台(套)",
    "平方公里",
    "平方米",
    "万千瓦",
    "千瓦时",
    "人年",
    "人次",
    "亿元",
    "万元",
    "千元",
    "美元",
    "公里",
    "千米",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "%",
    "％",
    "‰",
    "元",
    "家",
    "个",
    "项",
    "件",
    "名",
    "人",
    "亩",
    "台",
    "套",
    "位",
    "座",
    "条",
    "所",
    "户",
    "吨",
    "倍",
    "批",
    "支",
    "辆",
    "张",
    "篇",
    "部",
    "次",
    "强",
)
_RANK_UNITS = ("位", "名", "强")
_NUM = r"\d+(?:[.．]\d+)?"
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_TARGET = re.compile(
    rf"(?<![\d.．/／A-Za-z])(?P<num>{_NUM})"
    rf"(?:[ \t]*(?P<sep>[—–\-－~～至到])[ \t]*(?P<num2>{_NUM}))?"
    rf"(?P<mult>万|亿|万亿)??(?P<unit>{_UNIT_ALT})"
    r"(?P<post>及以上|以上|以下|以内|左右|上下)?"
)
_POST = r"(?P<post>及以上|以上|以下|以内|左右|上下)?"
_FRACTION = re.compile(r"(?<![\d.．/／A-Za-z])(?P<num>\d+)[/／](?P<den>\d+)(?![\d/／.．])" + _POST)
# 三分之一 (one third), 百分之二十 (20%), 千分之五 (5‰): the denominator comes first
_CN_NUMERAL = "[零一二三四五六七八九十百千两]"
_CN_FRACTION = re.compile(
    rf"(?<!{_CN_NUMERAL})(?P<den>{_CN_NUMERAL}+)分之(?P<num>{_CN_NUMERAL}+)" + _POST
)
_SIX_PLACES = Decimal("0.000001")
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "万亿": Decimal(10**12)}

# wording before the number: (word, comparator or None when it only means "reaches")
_PRE_WORDS: list[tuple[str, str | None]] = sorted(
    [
        ("不低于", "AtLeast"),
        ("不少于", "AtLeast"),
        ("不小于", "AtLeast"),
        ("不超过", "AtMost"),
        ("不高于", "AtMost"),
        ("不多于", "AtMost"),
        ("不大于", "AtMost"),
        ("控制在", "AtMost"),
        ("超过", "MoreThan"),
        ("突破", "MoreThan"),
        ("高于", "MoreThan"),
        ("多于", "MoreThan"),
        ("大于", "MoreThan"),
        ("超", "MoreThan"),
        ("低于", "LessThan"),
        ("少于", "LessThan"),
        ("小于", "LessThan"),
        ("大约", "Approximately"),
        ("约", "Approximately"),
        ("近", "Approximately"),
        ("达到", None),
        ("达", None),
        ("提高到", None),
        ("提升到", None),
        ("提高至", None),
        ("提升至", None),
        ("增加到", None),
        ("增至", None),
        ("下降到", None),
        ("下降至", None),
        ("降低到", None),
        ("降低至", None),
        ("降至", None),
        ("降到", None),
        ("保持在", None),
        ("为", None),
    ],
    key=lambda p: -len(p[0]),
)
_POST_WORDS = {
    "及以上": "AtLeast",
    "以上": "AtLeast",
    "以下": "AtMost",
    "以内": "AtMost",
    "左右": "Approximately",
    "上下": "Approximately",
}
_RANKING = re.compile(
    r"(?:进入|跻身|位居|位列|保持|稳居|居)?"
    r"(?:全国|全省|全球|世界|全市|长三角|中国|国内|省内)?(?:城市|同类城市|地区)?前$"
)
_ANNUAL = re.compile(r"每年度?|年均|年平均")
_CUMULATIVE = re.compile(r"累计|累积|总投资")
_DEADLINE = re.compile(
    r"(?:到|至|截至|截止到?)\s*(?P<a>\d{4})\s*年(?:\d{1,2}月)?(?:底|末)?(?:前|以前)?"
    r"|(?P<b>\d{4})\s*年(?:\d{1,2}月)?(?:底|末)?(?:前|以前)"
    r"|(?P<c>\d{4})\s*年(?:底|末)"
    # the end of a five-year plan period: “十四五”期末, 到“十四五”末
    r"|(?:到|至)?\s*(?P<fy>“?十?[一二三四五六七八九]五”?)\s*(?:期末|末)"
)
_CLAUSE_BOUNDARY = "，,。；;：:！!？?\r\n"
_ITEM_BOUNDARY = _CLAUSE_BOUNDARY + "、"
_LEAD_WORDS = sorted(
    (
        "力争",
        "争取",
        "确保",
        "努力",
        "力求",
        "全力",
        "累计",
        "每年度",
        "每年",
        "年均",
        "新认定",
        "新增",
        "新建",
        "建成",
        "高水平建设",
        "高标准建设",
        "建设",
        "培育",
        "引进",
        "集聚",
        "实施",
        "取得",
        "组建",
        "设立",
        "打造",
        "认定",
        "完成",
        "实现",
        "形成",
        "推动",
        "支持",
        "引育",
        "创建",
        "争创",
        "招引",
        "吸引",
        "其中",
        "带动",
        "同时",
        "以及",
        "并",
        "和",
        "及",
        "且",
        "使",
        "全年",
        "当年",
    ),
    key=len,
    reverse=True,
)
_TRAIL_WORDS = ("累计", "每年", "年均", "分别", "共计", "合计", "共", "均", "各")
_STRONG_VERBS = re.compile(
    "组建|建成|新建|培育|引进|认定|新增|设立|集聚|打造|创建|取得|建设|引育|招引|实施|布局"
)
_AFTER_STOP = set("的等和与及或并且以" + _ITEM_BOUNDARY + CLOSERS + "0123456789")
_LEAD_DURATION = re.compile(r"\d+\s*年")
# a heading number left at the start of a phrase (1. / 1． / （1） / 一、)
_ITEM_MARKER = re.compile(
    r"\s*(?:[0-9０-９]{1,2}[.．、](?![0-9０-９])|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)])"
)
# where the predicate after a noun begins (示范社区全面建成, 用地面积达到…要求)
_PREDICATE = re.compile(r"全面|基本|达到|实现|建成|完成|获得")


def _deadline_year(m: re.Match[str]) -> int | None:
    if m.group("fy"):
        period = five_year_period(m.group("fy").strip("“”") + "末")
        return period[1] if period else None
    return int(m.group("a") or m.group("b") or m.group("c"))


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace("．", "."))


def _tidy(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _back_to(text: str, pos: int, floor: int, stops: str) -> int:
    """Return the start of the run before ``pos`` that contains none of ``stops`` (depth 0)."""
    depth = 0
    i = pos
    while i > floor:
        ch = text[i - 1]
        if ch in CLOSERS:
            depth += 1
        elif ch in OPENERS:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in stops:
            break
        i -= 1
    return i


def _clean_indicator(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim deadlines, verbs and adverbs around the noun phrase ``text[start:end]``."""
    marker = _ITEM_MARKER.match(text, start, end)
    if marker is not None and marker.end() < end:
        start = marker.end()
    for m in _DEADLINE.finditer(text, start, end):
        start = max(start, m.end())
    changed = True
    while changed:
        changed = False
        start, end = strip_span(text, start, end, SPACE + "，,、")
        for word in _LEAD_WORDS:
            if text.startswith(word, start, end) and end - start > len(word):
                start += len(word)
                changed = True
                break
        duration = _LEAD_DURATION.match(text, start, end)
        if duration is not None and duration.end() < end:
            start, changed = duration.end(), True
        for word in _TRAIL_WORDS:
            if text.endswith(word, start, end) and end - start > len(word):
                end -= len(word)
                changed = True
                break
    last = None
    for m in _STRONG_VERBS.finditer(text, start, end):
        last = m
    if last is not None and end - last.end() >= 2:
        start = last.end()
    de = text.rfind("的", start, end)
    if de >= 0 and end - de - 1 >= 2:
        start = de + 1
    return strip_span(text, start, end)


def _after_phrase(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Return the noun phrase right after a quantity (引进250名省海外工程师), if any."""
    if pos >= limit or text[pos] in _AFTER_STOP or text[pos] in SPACE:
        return None
    end = pos
    while end < limit and text[end] not in _ITEM_BOUNDARY and text[end] != "等":
        # the noun ends where the next quantity or the predicate begins
        if text[end] in "和与及" and text[end + 1 : end + 2].isdigit():
            break
        if end > pos and _PREDICATE.match(text, end):
            break
        end += 1
    s, e = strip_span(text, pos, end)
    return (s, e) if e - s >= 2 else None


def find_targets(
    text: str,
    *,
    period_end: int | None = None,
    exclude: list[tuple[int, int]] | None = None,
    lines: LineMap | None = None,
) -> list[Target]:
    """Find the quantitative targets of a plan text in document order.

    Parameters
    ----------
    text : str
        The plan text.
    period_end : int, optional
        The last year of the plan period: the implied deadline of targets whose sentence
        names none.
    exclude : list of (int, int), optional
        Sorted ranges to skip (heading markers, responsibility clauses).
    lines : LineMap, optional
        The text's line map, if already built.

    Returns
    -------
    list of Target

    Examples
    --------
    >>> for t in find_targets("每年新认定省级研发中心70家、省（重点）企业研究院30家。"):
    ...     print(t.indicator, t.value, t.unit, t.comparator, t.periodicity)
    省级研发中心 70 家 Exactly Annual
    省（重点）企业研究院 30 家 Exactly Annual
    >>> for t in find_targets("科技领军人才、青年科技人才各200名左右。"):
    ...     print(t.indicator, t.value, t.unit, t.comparator)
    科技领军人才 200 名 Approximately
    青年科技人才 200 名 Approximately
    """
    lines = lines or LineMap(text)
    quotes = quote_ranges(text)
    skip = sorted(exclude or [])
    found: list[tuple[int, int, Decimal, Decimal | None, str, str | None, bool]] = []
    # (num_start, end, value, upper, unit, post comparator, ranking-capable)
    for m in _TARGET.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] == "第":
            continue
        value = _decimal(m.group("num"))
        upper = _decimal(m.group("num2")) if m.group("num2") else None
        mult = m.group("mult")
        if mult:
            value *= _MULTIPLIERS[mult]
            upper = upper * _MULTIPLIERS[mult] if upper is not None else None
        unit = m.group("unit")
        post = _POST_WORDS.get(m.group("post") or "")
        found.append((start, m.end(), value, upper, unit, post, unit in _RANK_UNITS))
    for m in _FRACTION.finditer(text):
        den = Decimal(m.group("den"))
        if den == 0:
            continue
        value = (Decimal(m.group("num")) / den).quantize(_SIX_PLACES)
        post = _POST_WORDS.get(m.group("post") or "")
        found.append((m.start(), m.end(), value, None, "fraction", post, False))
    for m in _CN_FRACTION.finditer(text):
        cn_den, cn_num = chinese_number(m.group("den")), chinese_number(m.group("num"))
        if not cn_den or cn_num is None:
            continue
        post = _POST_WORDS.get(m.group("post") or "")
        if m.group("den") in ("百", "千"):
            unit = "%" if m.group("den") == "百" else "‰"
            found.append((m.start(), m.end(), Decimal(cn_num), None, unit, post, False))
        else:
            value = (Decimal(cn_num) / Decimal(cn_den)).quantize(_SIX_PLACES)
            found.append((m.start(), m.end(), value, None, "fraction", post, False))
    found.sort(key=lambda f: f[0])

    starts = [f[0] for f in found]
    out: list[Target] = []
    for num_start, end, value, upper, unit, post, rankable in found:
        if in_ranges(quotes, num_start) or in_ranges(skip, num_start):
            continue
        if end < len(text) and text[end] == "的":
            continue
        line_start, line_end = lines.line_of(num_start)
        clause_start = _back_to(text, num_start, line_start, _CLAUSE_BOUNDARY)
        item_start = _back_to(text, num_start, clause_start, _ITEM_BOUNDARY)
        # the comparator wording before the number
        comparator: str | None = None
        word_start = num_start
        ranking = _RANKING.search(text, item_start, num_start) if rankable else None
        if ranking and ranking.end() == num_start:
            comparator, word_start = "AtMost", ranking.start()
        elif unit == "强":
            continue
        else:
            for word, comp in _PRE_WORDS:
                if text.startswith(word, num_start - len(word), num_start):
                    comparator, word_start = comp, num_start - len(word)
                    break
        if upper is not None:
            comparator = "Between"
        elif post is not None:
            comparator = post
        comparator = comparator or "Exactly"

        lead_in = text[clause_start:num_start]
        periodicity = None
        if _ANNUAL.search(lead_in):
            periodicity = "Annual"
        elif _CUMULATIVE.search(lead_in):
            periodicity = "Cumulative"
        deadline: int | None = None
        for d in _DEADLINE.finditer(text, line_start, num_start):
            deadline = _deadline_year(d) or deadline
        implied = deadline is None and period_end is not None
        if deadline is None:
            deadline = period_end

        # what is measured: before the quantity, or right after it (引进250名省海外工程师)
        phrases: list[tuple[int, int]] = []
        paired = _respectively(text, clause_start, word_start, starts)
        if paired is not None:
            phrases = [paired]
        elif text.startswith("各", word_start - 1, word_start):
            for s, e in _split_items(text, clause_start, word_start - 1):
                phrases.append(_clean_indicator(text, s, e))
            phrases = [p for p in phrases if p[1] > p[0]]
        else:
            s, e = _clean_indicator(text, item_start, word_start)
            after = _after_phrase(text, end, line_end)
            if after is not None:
                a_s, a_e = _clean_indicator(text, *after)
                if a_e > a_s:
                    phrases = [(a_s, a_e)]
            if not phrases and e > s:
                phrases = [(s, e)]
        for ind_start, ind_end in phrases:
            span = Span(min(ind_start, word_start), max(end, ind_end))
            out.append(
                Target(
                    text=span.text(text),
                    span=span,
                    value=_tidy(value),
                    unit="%" if unit == "％" else unit,
                    comparator=comparator,
                    indicator=text[ind_start:ind_end],
                    upper_value=_tidy(upper) if upper is not None else None,
                    deadline=deadline,
                    deadline_implied=implied,
                    periodicity=periodicity,
                )
            )
    return out


def _respectively(
    text: str, clause_start: int, word_start: int, starts: list[int]
) -> tuple[int, int] | None:
    """Pair the k-th quantity after 分别 with the k-th item listed before it.

    In 二氧化硫、氮氧化物和挥发性有机物排放总量分别下降15%、10%和26%, 10% belongs to
    氮氧化物. Returns the indicator's range, or None when the clause has no such list or
    the counts do not match.
    """
    r = text.rfind("分别", clause_start, word_start)
    if r < 0:
        return None
    k = bisect_left(starts, word_start) - bisect_left(starts, r)
    items = split_top(text, clause_start, r, "、和及与")
    if len(items) < 2:
        return None
    clause_end = r
    while clause_end < len(text) and text[clause_end] not in _CLAUSE_BOUNDARY:
        clause_end += 1
    count = bisect_left(starts, clause_end) - bisect_left(starts, r)
    if count != len(items) or k >= len(items):
        return None
    s, e = items[k]
    cut = text.find("等", s, e)
    if cut > s:
        e = cut
    s, e = _clean_indicator(text, s, e)
    return (s, e) if e > s else None


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return split_top(text, start, end, "、")
