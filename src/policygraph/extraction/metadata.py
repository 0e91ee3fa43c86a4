"""The plan's title, issuer, date and period, and the schemes it declares.

Examples
--------
>>> from policygraph.extraction.metadata import find_period, find_schemes
>>> find_period("嘉兴市“315”科技创新体系建设工程推进方案（2023—2027年）")
(2023, 2027)
>>> s = find_schemes("构建（新材料、新能源两大科创高地）体系")[0]
>>> (s.key, s.title, s.declared, [m.name for m in s.members])
('highlands', '两大科创高地', 2, ['新材料', '新能源'])
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..model import PlatformMention, Scheme, Span
from ._text import LineMap, split_top, strip_span

__all__ = [
    "Metadata",
    "chinese_number",
    "find_date",
    "find_metadata",
    "find_period",
    "find_schemes",
    "five_year_period",
]

_NOTICE = re.compile(
    r"关于(?:印发|转发|发布)\s*(?P<title>[^\r\n]+?)\s*(?:的通知|(?=[ \t\u3000]*(?:\r|\n|$)))"
)
# 现将《X》印发给你们 / 《X》已经市政府同意，现印发: the plan's own title, as the notice quotes it
_TRANSMIT = re.compile(
    r"现将\s*《(?P<a>[^》\r\n]+)》[^。\r\n]{0,20}?印发"
    r"|(?<![》、])《(?P<b>[^》\r\n]+)》\s*已经?[^。\r\n]{0,40}?(?:同意|批准|通过)"
)
_ONE_YEAR = re.compile(r"[（(]\s*(?P<y>(?:19|20)\d{2})\s*年度?\s*[）)]")
# a notice that names the plan as 我市… / 本市… rather than by its title
_SELF_REFERENCE = re.compile(r"[我本][省市区县州]")
# web-page furniture before a notice title: 名 称: | …
_FURNITURE = "：:|｜"
_QUOTED_TITLE = re.compile(r"《(?P<title>[^》\r\n]+)》")
_TITLE_WORD = re.compile(r"方案|规划|计划|意见|办法|纲要|措施|政策|细则|通知")
_ISSUER = re.compile(r"(?:政府|办公室|办公厅|委员会|人民政府|局|厅|委|部|院)$")
_DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_DATE = re.compile(
    r"(?P<y>[〇零一二三四五六七八九○Ｏ]{4})年(?P<m>[一二三四五六七八九十]{1,2})月"
    r"(?P<d>[一二三四五六七八九十]{1,3})日"
)
_PERIOD = re.compile(r"(?P<a>(?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]+\s*(?P<b>(?:19|20)\d{2})")
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SCHEME = re.compile(
    r"(?P<count>\d+|[一二三四五六七八九十两百]+)大(?P<noun>[\u4e00-\u9fff]{2,8}?)"
    r"(?=[，,。；;）)、\s]|$)"
)
_SCHEME_KEYS = {
    "科创高地": "highlands",
    "战略领域": "strategic-fields",
    "产业集群": "industry-clusters",
    "产业链": "industry-chains",
    "行动": "actions",
    "工程": "projects",
}
_SCHEME_BOUNDARY = "（(，,。；;：:\r\n"


@dataclass(frozen=True)
class Metadata:
    """What the head of a plan says about it."""

    title: str
    title_span: Span
    issuer: str | None
    issuer_span: Span | None
    date: _dt.date | None
    date_span: Span | None
    period: tuple[int, int] | None


def chinese_number(numeral: str) -> int | None:
    """Read a small number written in digits or Chinese numerals.

    >>> chinese_number("十五"), chinese_number("二十"), chinese_number("15"), chinese_number("两")
    (15, 20, 15, 2)
    >>> chinese_number("一百零五"), chinese_number("千")
    (105, 1000)
    """
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for ch in numeral:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def find_period(title: str) -> tuple[int, int] | None:
    """Return the ``(start, end)`` years a title names (（2023—2027年）, 2023-2027), or None.

    A five-year plan period (“十四五”) names its years too, and a plan for one year
    （2023年） has that year as its period.

    >>> find_period("关于加快建设科技强市的实施意见（到2025年）") is None
    True
    >>> find_period("某省“十四五”科技创新规划"), find_period("重点工作责任分解（2023年）")
    ((2021, 2025), (2023, 2023))
    """
    m = _PERIOD.search(title)
    if m is None:
        year = _ONE_YEAR.search(title)
        if year is not None:
            return int(year.group("y")), int(year.group("y"))
        return five_year_period(title)
    a, b = int(m.group("a")), int(m.group("b"))
    return (a, b) if a <= b else None


def five_year_period(text: str) -> tuple[int, int] | None:
    """Return the years of the first five-year plan period a text names (“十三五” → 2016—2020).

    >>> five_year_period("“十五五”时期"), five_year_period("十五规划"), five_year_period("五年")
    ((2026, 2030), None, None)
    """
    for m in re.finditer(r"十[一二三四五六七八九]五|[三四五六七八九]五", text):
        if m.start() > 0 and text[m.start() - 1] in "一二三四五六七八九十第":
            continue
        n = chinese_number(m.group()[:-1])
        if n is None or n < 3:
            continue
        quoted = text[m.start() - 1 : m.start()] == "“" and text[m.end() : m.end() + 1] == "”"
        if not quoted and not text.startswith(("时期", "期间", "期末", "末", "规划"), m.end()):
            continue
        start = 1966 + 5 * (n - 3)
        return start, start + 4
    return None


def find_date(text: str, start: int, end: int) -> tuple[_dt.date, Span] | None:
    r"""Return the first valid date (2023年3月30日, 二〇二三年三月三十日) in a range.

    >>> find_date("嘉兴市人民政府\n2023年3月30日", 0, 19)
    (datetime.date(2023, 3, 30), Span(start=8, end=18))
    """
    found: list[tuple[int, _dt.date, Span]] = []
    for m in _DATE.finditer(text, start, end):
        try:
            day = _dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        found.append((m.start(), day, Span(m.start(), m.end())))
        break
    for m in _CN_DATE.finditer(text, start, end):
        year = int("".join(str(_CN_DIGITS[c]) for c in m.group("y")))
        month, dom = chinese_number(m.group("m")), chinese_number(m.group("d"))
        if month is None or dom is None:
            continue
        try:
            day = _dt.date(year, month, dom)
        except ValueError:
            continue
        found.append((m.start(), day, Span(m.start(), m.end())))
        break
    if not found:
        return None
    _, day, span = min(found, key=lambda f: f[0])
    return day, span


def _title(text: str, head_end: int, lines: LineMap) -> tuple[Span, Span | None]:
    """Return the plan title's span and, when the 通知 names it, the issuer's span."""
    transmit = _TRANSMIT.search(text, 0, head_end)
    transmitted = None
    if transmit is not None:
        group = "a" if transmit.group("a") is not None else "b"
        if _TITLE_WORD.search(transmit.group(group)):
            transmitted = Span(*transmit.span(group))
    for m in _NOTICE.finditer(text, 0, head_end):
        s, e = m.span("title")
        if _quoted_at(text, m.start()) or not _TITLE_WORD.search(text, s, e):
            continue  # a notice cited in a sentence, not this one
        if text[s] in "《<〈" and text[e - 1] in "》>〉":
            s, e = s + 1, e - 1
        elif text[s] == "《" and "》" not in text[s:e]:
            s += 1
        line_start, _ = lines.line_of(m.start())
        i_s, i_e = strip_span(text, line_start, m.start())
        for i in range(i_e - 1, i_s - 1, -1):
            if text[i] in _FURNITURE:
                i_s, i_e = strip_span(text, i + 1, i_e)
                break
        issuer = Span(i_s, i_e) if i_e > i_s and _ISSUER.search(text, i_s, i_e) else None
        if transmitted is not None and _SELF_REFERENCE.match(text, s, e):
            return transmitted, issuer
        return Span(s, e), issuer
    if transmitted is not None:
        return transmitted, None
    # the first block of short lines without 。 that names a plan
    block: list[tuple[int, int]] = []
    for ls, le in lines.lines():
        if ls >= head_end:
            break
        s, e = strip_span(text, ls, le)
        if s >= e:
            continue
        if "。" in text[s:e] or e - s > 60:
            if block:
                break
            continue
        block.append((s, e))
        if _TITLE_WORD.search(text, s, e):
            break
    if block and any(_TITLE_WORD.search(text, s, e) for s, e in block):
        return Span(block[0][0], block[-1][1]), None
    q = _QUOTED_TITLE.search(text, 0, head_end)
    if q is not None and _TITLE_WORD.search(q.group("title")):
        return Span(*q.span("title")), None
    for ls, le in lines.lines():
        s, e = strip_span(text, ls, le)
        if s < e:
            stop = text.find("。", s, e)
            return Span(s, stop if stop > s else e), None
    return Span(0, 0), None


def _quoted_at(text: str, pos: int) -> bool:
    """Tell whether ``pos`` is inside 《…》 on its line (a document cited by name)."""
    depth = 0
    i = pos
    while i > 0 and text[i - 1] not in "\r\n":
        ch = text[i - 1]
        if ch == "》":
            depth += 1
        elif ch == "《":
            if depth == 0:
                return True
            depth -= 1
        i -= 1
    return False


def _signature(text: str, date_span: Span, lines: LineMap) -> Span | None:
    """Return the issuer signing above the date line, if the line before it is one."""
    line_no, _ = lines.position(date_span.start)
    for i in range(line_no - 2, max(line_no - 5, -1), -1):
        ls, le = lines.starts[i], lines.ends[i]
        s, e = strip_span(text, ls, le)
        if s >= e:
            continue
        if e - s <= 30 and "。" not in text[s:e] and _ISSUER.search(text, s, e):
            return Span(s, e)
        return None
    return None


def find_metadata(text: str, head_end: int, lines: LineMap | None = None) -> Metadata:
    """Read title, issuer, date and period from the text before the first heading.

    Parameters
    ----------
    text : str
        The plan text.
    head_end : int
        Where the first heading starts.
    lines : LineMap, optional
        The text's line map, if already built.

    Returns
    -------
    Metadata
        The title (the plan's own title, without 关于印发 and 的通知), the issuer (the 关于印发
        prefix or the signature above the date), the first date of the head (else of the last
        lines of the text), and the period the title names.
    """
    lines = lines or LineMap(text)
    title_span, issuer_span = _title(text, head_end, lines)
    title = title_span.text(text)
    if "\n" in title or "\r" in title:
        title = "".join(title.split())
    dated = find_date(text, 0, head_end) or find_date(
        text, max(head_end, len(text) - 300), len(text)
    )
    date, date_span = dated if dated is not None else (None, None)
    if issuer_span is None and date_span is not None:
        issuer_span = _signature(text, date_span, lines)
    issuer = issuer_span.text(text) if issuer_span is not None else None
    return Metadata(title, title_span, issuer, issuer_span, date, date_span, find_period(title))


def find_schemes(text: str, start: int = 0, end: int | None = None) -> list[Scheme]:
    """Find declared sets with named members: “互联网+”、新材料、新能源三大科创高地.

    A numeral + 大 + noun (三大科创高地, 15大战略领域) preceded by a list of at least two
    items separated by 、 (a trailing 等 allowed). Members are named as written, quotation
    marks included (“互联网+”; ``text[span] == name``). Keys come from a small table (科创高地 →
    ``highlands``, 战略领域 → ``strategic-fields``, 产业集群 → ``industry-clusters``), else
    ``scheme-N``.

    Examples
    --------
    >>> s = find_schemes("聚焦（智能控制与先进技术、精细化工与复合材料等15大战略领域）")[0]
    >>> (s.key, s.declared, [m.name for m in s.members])
    ('strategic-fields', 15, ['智能控制与先进技术', '精细化工与复合材料'])
    """
    end = len(text) if end is None else end
    out: list[Scheme] = []
    for m in _SCHEME.finditer(text, start, end):
        list_end = m.start()
        if text[list_end - 1 : list_end] == "等":
            list_end -= 1
        list_start = list_end
        depth = 0
        while list_start > start:
            ch = text[list_start - 1]
            if ch in "”’」』":
                depth += 1
            elif ch in "“‘「『":
                depth -= 1
            elif depth == 0 and ch in _SCHEME_BOUNDARY:
                break
            list_start -= 1
        items = split_top(text, list_start, list_end, "、")
        if len(items) < 2:
            continue
        members: list[PlatformMention] = []
        for s, e in items:
            members.append(PlatformMention(name=text[s:e], span=Span(s, e)))
        noun = m.group("noun")
        key = next((k for word, k in _SCHEME_KEYS.items() if noun.endswith(word)), None)
        key = key or f"scheme-{len(out) + 1}"
        out.append(
            Scheme(
                key=key,
                title=m.group(),
                span=Span(m.start(), m.end()),
                declared=chinese_number(m.group("count")),
                members=members,
            )
        )
    return out
