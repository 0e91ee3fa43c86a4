"""Quantitative targets such as 超过3.65%, 每年新认定省级研发中心70家, 1.5万家, 1/3.

Every number of the text is *read*: :func:`read_numbers` gives each one a decision, a target
or not, with a short English reason; :func:`find_targets` returns the targets of those
readings. A target is a level the plan commits to (达到, 不少于, …以上, 突破, 新增, 培育,
力争, 每年…); the words around the number decide, never the file or its authors.

What a quantity is. A number followed by a unit from a closed list (:data:`UNITS`: Chinese
counters, money, area, energy, and Latin units of compute, storage and power such as
``PFlops``, ``EB``, ``GW``), a fraction (``1/3``, 三分之一: unit ``"fraction"``, value
quantised to six decimal places; 百分之三 is 3 %), a ranking (进入全国前40位: unit 位,
``AtMost``), a number written in Chinese numerals with a magnitude (两万平方米), a count of
categories (11大类: unit 大类), or a bare number with 万/亿 after target wording (突破5亿:
unit ``""``). 万/亿 before a unit are folded into the value (1.5万家 → 15000 家) unless they
belong to the unit (亿元, 万元).

What is not a target, each with its reason: numbers in quotation marks (“315”) or next to
Latin letters (G60), ordinals (第22次), dates and durations (2023年, 48小时, 3个月),
numbers with more than 15 digits (identifiers; they never reach decimal arithmetic), numbers
without a unit, subsidies and rewards (最高100万元, 给予一次性奖补100万元, 按30%给予补助,
每月1000元), caps and limits (单个项目不超过1000万元, 补助上限100名), rates of a rule or a
tax (按园区面积5%—10%的比例, 税前100%加计扣除), the frequency of a routine (每年至少召开1次),
thresholds that qualify a noun (营收超1000万元的企业, 200张床位以上的养老机构), numbers in a
condition (对…的, …的，可申请), ranges of counts before the noun they size (建成1~2所…院校),
counts of the document's own lists (（共23项）, 方面5项：), the scope of an action
(围绕11条产业链), starting values (由9600元提高到…), definitions (指…10人以内) and reports
of the past (取得了…).

Each number looks at most :data:`CONTEXT` characters back and a few characters ahead, inside
its line, so reading a text costs time linear in its length.

Examples
--------
>>> from policygraph.extraction.targets import find_targets, read_numbers
>>> t = find_targets("到2026年底，力争全市高新技术企业不少于1.2万家。")[0]
>>> (t.indicator, t.value, t.unit, t.comparator, t.deadline, t.text)
('全市高新技术企业', Decimal('12000'), '家', 'AtLeast', 2026, '全市高新技术企业不少于1.2万家')
>>> for r in read_numbers("对每家企业给予最高100万元奖励，力争高新技术企业达到500家以上。"):
...     print(r.text, "|", r.target is not None, "|", r.reason)
100万元 | False | subsidy or cap: 最高 before the value
500家以上 | True | target: 达到 … 以上
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..model import Span, Target
from ..units import UNITS as _UNIT_TABLE
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

__all__ = ["CONTEXT", "DURATION_UNITS", "UNITS", "NumberReading", "find_targets", "read_numbers"]

#: units of time: a quantity in one of them is a date, a duration or a time limit
DURATION_UNITS: tuple[str, ...] = (
    "个工作日",
    "工作日",
    "个小时",
    "小时",
    "分钟",
    "个月",
    "月",
    "个星期",
    "星期",
    "周",
    "天",
    "日",
    "年",
    "秒",
)
#: units recognised after a number, as written (％ is reported as %): every notation of
#: :data:`policygraph.units.UNITS` but the extractor's own (fraction, no unit) and units of time
UNITS: tuple[str, ...] = (
    *(u for u in _UNIT_TABLE if u not in ("fraction", "") and u not in DURATION_UNITS),
    "％",
)
#: how far (characters) a number looks back for its wording and what it measures
CONTEXT = 160
_AFTER_MAX = 40  # how far the noun after a quantity may run
_MAX_DIGITS = 15  # a longer integer part is an identifier, not a quantity

_RANK_UNITS = ("位", "名", "强")
_MONEY = frozenset(("元", "万元", "亿元", "千元", "美元"))
_LATIN = frozenset(u for u in UNITS if u.isascii() and u.isalpha())
_NUM = r"\d+(?:[.．]\d+)?"
_SEP = r"[—–\-－~～至到]"
_UNIT_ALT = "|".join(
    re.escape(u) + ("(?![A-Za-z])" if u in _LATIN else "")
    for u in sorted(UNITS + DURATION_UNITS, key=len, reverse=True)
)
_CN_NUMERAL = "[零一二三四五六七八九十百千两]"
_CN_ANY = "[零一二三四五六七八九十百千万亿两]"
# 95000套（户）: a counter with its alternative in brackets is one unit
_ALT_COUNTER = "[（(][家个项件台套户所座名人张间][）)]"
_POST = r"(?P<post>及以上|以上|以下|以内|左右|上下)?"
_QUANTITY = re.compile(
    # 三分之一 (one third), 百分之二十 (20%), 千分之五 (5‰): the denominator comes first
    rf"(?:(?<!{_CN_NUMERAL})(?P<cden>{_CN_NUMERAL}+)分之(?P<cnum>{_CN_NUMERAL}+)"
    r"|(?<![\d.．/／])(?P<fnum>\d+)[/／](?P<fden>\d+)(?![\d/／.．])"
    rf"|(?<![\d.．])(?P<num>{_NUM})(?:[ \t]*(?P<sep>{_SEP})[ \t]*(?P<num2>{_NUM}))?"
    rf"(?:(?P<unit>{_UNIT_ALT})|(?P<mult>万亿|亿|万)(?P<munit>{_UNIT_ALT})?)?"
    rf"(?P<alt>{_ALT_COUNTER})?"
    # 两万平方米: Chinese numerals with a magnitude, before a unit
    rf"|(?<!{_CN_ANY})(?P<cn>[一二三四五六七八九两十]{_CN_ANY}+)(?P<cunit>{_UNIT_ALT}))" + _POST
)
# 11大类, 8大体系: a count of categories; the unit is 大 and the noun
_BIG = re.compile(r"大[\u4e00-\u9fff]{1,4}?(?=[\d，,。；;、：:（(和及与等]|$)")
_SIX_PLACES = Decimal("0.000001")
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "万亿": Decimal(10**12)}

# wording before the number: (word, comparator or None when it only means "reaches")
_PRE_WORDS: list[tuple[str, str | None]] = sorted(
    [
        ("不低于", "AtLeast"),
        ("不少于", "AtLeast"),
        ("不小于", "AtLeast"),
        ("至少", "AtLeast"),
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
        ("稳定在", None),
        ("为", None),
    ],
    key=lambda p: -len(p[0]),
)
_PRE_LOOKUP = dict(_PRE_WORDS)
_PRE_SIZES = sorted({len(word) for word in _PRE_LOOKUP}, reverse=True)
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
_BLANK = r"[ \t\u3000]*"
_DEADLINE = re.compile(
    rf"(?:到|至|截至|截止到?){_BLANK}(?P<a>\d{{4}}){_BLANK}年(?:\d{{1,2}}月)?(?:底|末)?(?:前|以前)?"
    rf"|(?P<b>\d{{4}}){_BLANK}年(?:\d{{1,2}}月)?(?:底|末)?(?:前|以前)"
    rf"|(?P<c>\d{{4}}){_BLANK}年(?:底|末)"
    # the end of a five-year plan period: “十四五”期末, 到“十四五”末
    rf"|(?:到|至)?{_BLANK}(?P<fy>“?十?[一二三四五六七八九]五”?){_BLANK}(?:期末|末)"
    # a year that opens a sentence or clause: 2024年，…
    r"|(?<![^\r\n。；;！!？?，,：:、．.）)])(?P<o>\d{4})年(?=[，,])"
)
_CLAUSE_BOUNDARY = "，,。；;：:！!？?\r\n"
_ITEM_BOUNDARY = _CLAUSE_BOUNDARY + "、"
_SPECIALS = re.compile("[" + re.escape(OPENERS + CLOSERS + _ITEM_BOUNDARY) + "]")
_CLAUSE_ENDS = re.compile("[" + re.escape(_CLAUSE_BOUNDARY) + "]")
_SENTENCE_ENDS = re.compile(r"[。！!？?\r\n]")
_LEAD_WORDS = sorted(
    (
        "力争",
        "争取",
        "确保",
        "按计划",
        "按要求",
        "按期",
        "按时",
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
_LEAD_WORD = re.compile("|".join(re.escape(word) for word in _LEAD_WORDS))
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

# -- the wording of the rules (each pattern is searched in the words before the number) ---
# a cap on a grant, a loan or a programme: 最高100万元, 补助上限100名, 年度报销限额…
_CAP = re.compile(
    r"(?:最高|最多|上限|封顶|限额|额度)"
    r"(?:为|是|可获得?|可申请|可达|可给予|可|不超过|不高于|给予|累计|补助|奖励|资助|补贴|奖补|支持"
    r"|提高至|提高到|调整为|调整至)*$"
)
# a grant: 给予一次性奖补100万元, 分别给予100万元, 返还…的50%
_GRANT = re.compile("给予|给于|奖励|奖补|补助|补贴|资助|扶持|贴息|返还|减免|一次性|安排")
# what a grant is called when it follows the amount: 100万元补助, 10万元人才奖励
_GRANT_AFTER = re.compile(
    r"[^，,。；;：:、（(]{0,4}?(?:补助|补贴|奖励|奖补|资助|扶持|贴息|补偿|津贴|奖金|贷款|资金支持)"
)
# what follows a rate of a rule: 按…的30%给予补助, 的30%，给予一次性奖补, 租金的70%缴纳
_RATE_AFTER = re.compile(
    r"[，,]?(?:给予|予以|给于|补助|补贴|奖励|奖补|资助|贴息|返还|缴纳|加计扣除|的比例|比例)"
)
# the words that make a level: a grant or rule read before them does not apply
_LEVEL_VERBS = re.compile(
    "达到|提高到|提升到|提高至|提升至|增加到|增至|降低到|降低至|下降到|下降至|降至|突破|力争|"
    "确保|新增|建成|培育|打造|引进|实现|增长|提高|提升|减少|降低|下降|增加"
)
# a grant named after a count in its clause: 遴选不超过10个项目给予重点支持
_GRANT_LATER = re.compile("给予|予以|奖励|补助|补贴|资助|扶持|贴息")
# a short noun and then another quantity: 10亿元以上企业100家, 超十亿元企业50家
_COUNTED_NOUN = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:[0-9０-９]|[一二三四五六七八九两十][零一二三四五六七八九十百千万两]*[家个项名所])"
)
# where the subject of a clause ends (高新技术企业数量|较2020年翻一番)
_SUBJECT_END = re.compile("较|比|同比|翻一番|翻番|增长|提高|提升|下降|降低|达到|实现|突破|超过")
# per beneficiary: 单个项目不超过1000万元, 每月1000元, 每平方米1000元
_PER_BENEFICIARY = re.compile(
    r"单个|单笔|单项|单家|单户|单次|同一|每个|每家|每户|每人|每名|每项|每月|每平方米|每亩"
)
# a rule's basis: 按照项目设备购置额的10%; 按期/按时 mean "on time"
_RULE_BASIS = re.compile(r"按照|按(?![期时需])|依照|参照")
_TAX = re.compile(r"税前|加计扣除|税率|减按|免征|征收率|所得税|增值税|利率|费率")
# a rule's norm: 原则上每家贷款10万元以内
_NORM = re.compile("原则上")
# criteria joined to the quantity: 年薪达到50万元且有3年及以上研发经验
_CRITERIA_AFTER = re.compile("且有|并有|且具有|并具有|且具备|并具备|且满足")
_ROUTINE = re.compile(r"每(?:年|月|季度?|周|半年|[两二三四五六七八九十\d]+个?(?:年|月|周|季度))")
_SCOPE = re.compile(r"(?:围绕|聚焦|针对|依托|立足)(?:全[国省市县区])?$")
# a clause that opens with a scope word names what an action is about: 针对…的2034种商品
_SCOPE_OPENING = re.compile("围绕|聚焦|针对|依托|立足")
_THRESHOLD = re.compile(r"准入|门槛|收入线|申请条件|认定条件|入选条件")
_PAST = re.compile(r"取得了|实现了|完成了|建成了|达到了|已经|已建成|已累计|已达到")
_CONDITION_OPENING = re.compile(r"(?:对于?|凡是?)(?![标接外口照比话策象待应冲称抗华台内])")
_FOR_OPENING = re.compile(r"对于|凡是?")
_DEFINITION = re.compile(r"(?:是指|系指|指|即)(?![导标数南引挥定出])")
_STARTING = re.compile(r"(?:由|从)(?:目前的?|现在的?|现行的?|原来的?)?$")
_SIZE_QUALIFIER = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:及以上|以上|以下)的")
_LIST_COUNT_BEFORE = re.compile(r"(?:方面|[（(]共计?)$")
# verbs that make a quantity before 的 a commitment (组建规模不低于10亿元的基金)
_BUILD_VERBS = re.compile(
    "打造|组建|建成|建设|新建|建立|培育|设立|开发|拥有|建有|引进|形成|完成|达到|实现|创建|提供"
)
# verbs that end a scope phrase and start an action (依托省级计划每年实施…20项)
_ACTION_VERBS = re.compile(
    "|".join(
        (
            _LEVEL_VERBS.pattern,
            _BUILD_VERBS.pattern,
            _STRONG_VERBS.pattern,
            "开展|组织|推进|推动|遴选|发布|举办|支持|引导|推广|挖掘|发掘|吸引|评选|带动|布局",
        )
    )
)
# the header of a table column that names where or to whom a measure applies
_SCOPE_COLUMN = re.compile("范围|地区|区域|对象|适用")
# verbs that make a count of categories (完善…等8大体系) a target
_BIG_VERBS = re.compile("达到|完善|建成|建立|形成|构建|打造|建设|培育")


@dataclass(frozen=True)
class NumberReading:
    """The decision on one number of a text: a target or not, and why.

    Attributes
    ----------
    span : Span
        The quantity as written: the number with its range, multiplier, unit and a word
        such as 以上 that follows it (``1200家以上``).
    text : str
        ``source[span.start:span.end]``.
    target : Target or None
        The target read from the number, or None when it is not a target. A number shared
        by several items (科技领军人才、青年科技人才各200名) gives one reading per item.
    reason : str
        A short English reason for the decision.
    """

    span: Span
    text: str
    target: Target | None
    reason: str


@dataclass(slots=True)
class _Quantity:
    """One number as the tokenizer found it."""

    start: int
    end: int  # after the unit and the word after it (以上)
    digits_end: int  # after the digits (and a range), before any multiplier or unit
    value: Decimal | None  # None: too long to be a quantity
    upper: Decimal | None
    unit: str | None  # None: no unit; "" a bare number with 万/亿
    post: str | None
    post_word: str


@dataclass(slots=True)
class _Place:
    """Where a number sits: its line, clause and list item (bracket-aware)."""

    line_start: int
    line_end: int
    clause_start: int
    item_start: int


def _deadline_year(m: re.Match[str]) -> int | None:
    if m.group("fy"):
        period = five_year_period(m.group("fy").strip("“”") + "末")
        return period[1] if period else None
    return int(m.group("a") or m.group("b") or m.group("c") or m.group("o"))


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace("．", "."))


def _integer_digits(number: str) -> int:
    return len(re.split(r"[.．]", number)[0])


def _tidy(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _cn_value(numeral: str) -> int | None:
    """Read Chinese numerals with 万 and 亿 (两万 → 20000, 一亿五千万 → 150000000)."""
    total = 0
    rest = numeral
    for mark, size in (("亿", 10**8), ("万", 10**4)):
        if mark in rest:
            head, rest = rest.split(mark, 1)
            value = chinese_number(head) if head else 1
            if value is None:
                return None
            total += value * size
    if rest:
        value = chinese_number(rest)
        if value is None:
            return None
        total += value
    return total


def _quantities(text: str) -> Iterator[_Quantity]:
    """Yield every number of the text with its unit, in document order."""
    for m in _QUANTITY.finditer(text):
        post_word = m.group("post") or ""
        post = _POST_WORDS.get(post_word)
        start, end = m.span()
        if m.group("cden") is not None:
            cn_den, cn_num = chinese_number(m.group("cden")), chinese_number(m.group("cnum"))
            if not cn_den or cn_num is None:
                continue
            if m.group("cden") in ("百", "千"):
                unit = "%" if m.group("cden") == "百" else "‰"
                yield _Quantity(start, end, end, Decimal(cn_num), None, unit, post, post_word)
            else:
                value = (Decimal(cn_num) / Decimal(cn_den)).quantize(_SIX_PLACES)
                yield _Quantity(start, end, end, value, None, "fraction", post, post_word)
        elif m.group("fnum") is not None:
            digits_end = m.end("fden")
            if max(len(m.group("fnum")), len(m.group("fden"))) > _MAX_DIGITS:
                yield _Quantity(start, end, digits_end, None, None, "fraction", post, post_word)
                continue
            den = Decimal(m.group("fden"))
            if den == 0:
                continue
            value = (Decimal(m.group("fnum")) / den).quantize(_SIX_PLACES)
            yield _Quantity(start, end, digits_end, value, None, "fraction", post, post_word)
        elif m.group("cn") is not None:
            numeral, unit = m.group("cn"), m.group("cunit")
            if numeral[-1] in "万亿" and unit in ("元", "美元"):  # 五十万元: the unit is 万元
                numeral, unit = numeral[:-1], numeral[-1] + unit
            number = _cn_value(numeral)
            if number is None or not re.search("[十百千万亿]", numeral):
                continue
            yield _Quantity(start, end, m.end("cn"), Decimal(number), None, unit, post, post_word)
        else:
            yield _arabic(m, post, post_word)


def _arabic(m: re.Match[str], post: str | None, post_word: str) -> _Quantity:
    start, end = m.span()
    num, num2 = m.group("num"), m.group("num2")
    digits_end = m.end("num2") if num2 else m.end("num")
    unit, mult = m.group("unit"), m.group("mult")
    if mult:
        unit = m.group("munit") or ""
        if mult == "万亿" and unit in ("元", "美元"):  # 2万亿元: 2 万 亿元
            mult, unit = "万", "亿" + unit
    if unit and m.group("alt") and len(unit) == 1:
        unit += m.group("alt")
    elif m.group("alt"):
        end = m.start("alt")
        post, post_word = None, ""
    if max(_integer_digits(num), _integer_digits(num2 or "")) > _MAX_DIGITS:
        return _Quantity(start, end, digits_end, None, None, unit, post, post_word)
    value = _decimal(num)
    upper = _decimal(num2) if num2 else None
    if mult:
        value *= _MULTIPLIERS[mult]
        upper = upper * _MULTIPLIERS[mult] if upper is not None else None
    return _Quantity(start, end, digits_end, value, upper, unit, post, post_word)


def _merge_ranges(text: str, found: list[_Quantity]) -> list[_Quantity]:
    """Join 5%—10% and 5万元至10万元 into one range: the unit is written twice."""
    out: list[_Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit
            and prev.unit == q.unit
            and prev.upper is None
            and q.upper is None
            and not prev.post_word
            and prev.value is not None
            and q.value is not None
            and re.fullmatch(rf"[ \t]*{_SEP}[ \t]*", text[prev.end : q.start])
        ):
            out[-1] = _Quantity(
                prev.start, q.end, q.digits_end, prev.value, q.value, q.unit, q.post, q.post_word
            )
            continue
        out.append(q)
    return out


def _places(text: str, positions: list[int], lines: LineMap) -> list[_Place]:
    """Find the line, clause and item of each sorted position in one pass over the text.

    A clause ends at ，。；：！？ and a line break, an item also at 、; both are read outside
    brackets: a number inside （…） starts its clause after the opening bracket, and a
    bracketed aside before a number does not end the number's clause.
    """
    out: list[_Place] = []
    specials = _SPECIALS.finditer(text)
    pending = next(specials, None)
    stack: list[tuple[int, int]] = []
    line = (-1, -1)
    clause = item = 0
    for pos in positions:
        here = lines.line_of(pos)
        if here != line:
            line = here
            stack.clear()
            clause = item = here[0]
            while pending is not None and pending.start() < here[0]:
                pending = next(specials, None)
        while pending is not None and pending.start() < pos:
            j = pending.start()
            ch = text[j]
            if ch in OPENERS:
                stack.append((clause, item))
                clause = item = j + 1
            elif ch in CLOSERS:
                clause, item = stack.pop() if stack else (line[0], line[0])
            elif ch in _CLAUSE_BOUNDARY:
                clause = item = j + 1
            else:
                item = j + 1
            pending = next(specials, None)
        out.append(_Place(line[0], line[1], clause, item))
    return out


class _Reader:
    """Reads the numbers of one text; every look-up is bounded or a bisection."""

    def __init__(
        self,
        text: str,
        period_end: int | None,
        exclude: Sequence[tuple[int, int]],
        lines: LineMap,
    ) -> None:
        self.text = text
        self.period_end = period_end
        self.skip = sorted(exclude)
        self.quotes = quote_ranges(text)
        deadlines = [(m, _deadline_year(m)) for m in _DEADLINE.finditer(text)]
        self.deadlines = [(m.start(), m.end(), y) for m, y in deadlines if y is not None]
        self.deadline_ends = [e for _, e, _ in self.deadlines]
        self.clause_ends = [m.start() for m in _CLAUSE_ENDS.finditer(text)]
        self.sentence_ends = [m.start() for m in _SENTENCE_ENDS.finditer(text)]
        self.past = [m.start() for m in _PAST.finditer(text)]
        self.respectively = [m.start() for m in re.finditer("分别", text)]
        self.quantities = _merge_ranges(text, list(_quantities(text)))
        # quantities that may pair with 分别: those with a unit (or 万/亿)
        self.starts = [
            q.start for q in self.quantities if q.unit is not None and q.unit not in DURATION_UNITS
        ]
        self.places = _places(text, [q.start for q in self.quantities], lines)
        self.items_cache: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self.headers = _table_headers(text, lines) if "|" in text else {}
        self.bars = [m.start() for m in re.finditer(r"\|", text)] if self.headers else []

    def readings(self) -> Iterator[NumberReading]:
        """Yield the reading of every number in document order."""
        last_indicator: tuple[int, tuple[int, int]] | None = None  # (sentence, indicator)
        seen: set[int] = set()  # a hash of the words around each target so far
        for q, place in zip(self.quantities, self.places, strict=True):
            span = Span(q.start, q.end)
            quote = self.text[q.start : q.end]
            reason = self.not_a_quantity(q, place)
            if reason is None:
                reason = _not_a_level(self.around(q, place))
            if reason is not None:
                yield NumberReading(span, quote, None, reason)
                continue
            # the same clause word for word restates a target (a summary repeated)
            s = self.lead_start(q, place)
            e = min(self.clause_end(q.end), q.end + CONTEXT)
            words = hash((self.text[s:e], q.start - s))
            if words in seen:
                yield NumberReading(span, quote, None, "restates an earlier target word for word")
                continue
            found = self.targets(q, place)
            if not found and last_indicator is not None:
                # a value after another one in its sentence shares its indicator
                # (分别占比达30%、20%和10%; 收入年均增长7%以上，达到6.5万元)
                sentence, (s, e) = last_indicator
                if sentence == self.sentence(q.start)[0]:
                    found = self.targets(q, place, shared=(s, e))
            if not found:
                yield NumberReading(span, quote, None, "no indicator before or after")
                continue
            seen.add(words)
            wording = self.wording(q, place)
            for target in found:
                yield NumberReading(span, quote, target, f"target: {wording}")
            ind = found[-1].indicator
            ind_start = self.text.rfind(ind, found[-1].span.start, found[-1].span.end)
            last_indicator = (self.sentence(q.start)[0], (ind_start, ind_start + len(ind)))

    # -- windows ---------------------------------------------------------------------------

    def lead_start(self, q: _Quantity, place: _Place) -> int:
        return max(place.clause_start, q.start - CONTEXT)

    def item_lead_start(self, q: _Quantity, place: _Place) -> int:
        return max(place.item_start, q.start - CONTEXT)

    def clause_end(self, pos: int) -> int:
        i = bisect_left(self.clause_ends, pos)
        return self.clause_ends[i] if i < len(self.clause_ends) else len(self.text)

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_left(self.sentence_ends, pos)
        end = self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)
        start = self.sentence_ends[i - 1] + 1 if i > 0 else 0
        return start, end

    def pre_word(self, q: _Quantity) -> tuple[str, str | None] | None:
        """The comparator wording right before the number (the longest that is there)."""
        for size in _PRE_SIZES:
            word = self.text[max(0, q.start - size) : q.start]
            if word in _PRE_LOOKUP:
                return word, _PRE_LOOKUP[word]
        return None

    # -- the rules -------------------------------------------------------------------------

    def not_a_quantity(self, q: _Quantity, place: _Place) -> str | None:
        """Return why the number is no quantity at all, or None."""
        text, start = self.text, q.start
        if in_ranges(self.skip, start):
            return "inside a heading number or a responsibility note"
        if in_ranges(self.quotes, start):
            return "inside quotation marks: part of a name"
        before = text[start - 1] if start > 0 else ""
        if before.isascii() and before.isalpha():
            return "next to Latin letters: part of a code or name"
        following = text[q.digits_end : q.digits_end + 1]
        if q.unit is None and following.isascii() and following.isalpha():
            return "next to Latin letters: part of a code or name"
        if before == "第":
            return "an ordinal: 第 before the number"
        if q.value is None:
            return f"more than {_MAX_DIGITS} digits: an identifier, not a quantity"
        if q.unit in DURATION_UNITS:
            if q.unit == "年" and re.fullmatch(r"\d{4}", text[start : q.digits_end]):
                return "a year"
            if (q.unit == "日" and before == "月") or (q.unit in ("月", "个月") and before == "年"):
                return "a date"
            return "a duration or time limit"
        if q.unit is None and _BIG.match(text, q.digits_end) is None:
            return "no unit after the number"
        return None

    def around(self, q: _Quantity, place: _Place) -> _Around:
        """Gather what the rules look at around a quantity (all bounded look-ups)."""
        sentence = self.sentence(q.start)
        i = bisect_left(self.past, sentence[0])
        header = self.headers.get(place.line_start)
        column = None
        if header is not None:
            index = bisect_left(self.bars, q.start) - bisect_left(self.bars, place.line_start)
            column = header[index] if index < len(header) else None
        return _Around(
            text=self.text,
            q=q,
            place=place,
            lead=self.lead_start(q, place),
            item=self.item_lead_start(q, place),
            end=min(self.clause_end(q.end), q.end + CONTEXT),
            pre=self.pre_word(q),
            column=column,
            past=i < len(self.past) and self.past[i] < sentence[1],
        )

    def wording(self, q: _Quantity, place: _Place) -> str:
        """Name the words that make the quantity a target."""
        pre = self.pre_word(q)
        parts = []
        if pre is not None:
            parts.append(pre[0])
        elif q.unit in _RANK_UNITS and _RANKING.search(self.text, place.item_start, q.start):
            parts.append("前 (a ranking)")
        if q.post_word:
            parts.append(q.post_word)
        if q.upper is not None:
            parts.append("a range")
        if parts:
            return " … ".join(parts)
        verb = _last(_STRONG_VERBS, self.text, self.lead_start(q, place), q.start)
        if verb is not None:
            return f"{verb.group()} … a count"
        return "a level stated with its indicator"

    # -- the target ------------------------------------------------------------------------

    def targets(
        self, q: _Quantity, place: _Place, shared: tuple[int, int] | None = None
    ) -> list[Target]:
        text = self.text
        assert q.value is not None
        num_start, end = q.start, q.end
        clause_start = self.lead_start(q, place)
        item_start = self.item_lead_start(q, place)
        unit = q.unit or ""
        big = _BIG.match(text, q.digits_end) if q.unit is None else None
        if big is not None:
            unit, end = big.group(), big.end()
        comparator: str | None = None
        word_start = num_start
        ranking = _RANKING.search(text, item_start, num_start) if unit in _RANK_UNITS else None
        if ranking and ranking.end() == num_start:
            comparator, word_start = "AtMost", ranking.start()
        elif unit == "强":
            return []
        else:
            pre = self.pre_word(q)
            if pre is not None:
                comparator, word_start = pre[1], num_start - len(pre[0])
        if q.upper is not None:
            comparator = "Between"
        elif q.post is not None:
            comparator = q.post
        comparator = comparator or "Exactly"

        lead_in = (clause_start, num_start)
        periodicity = None
        if _ANNUAL.search(text, *lead_in):
            periodicity = "Annual"
        elif _CUMULATIVE.search(text, *lead_in):
            periodicity = "Cumulative"
        deadline = self.deadline(place.line_start, num_start)
        implied = deadline is None and self.period_end is not None
        if deadline is None:
            deadline = self.period_end

        # what is measured: before the quantity, or right after it (引进250名省海外工程师)
        phrases: list[tuple[int, int]] = []
        if shared is not None:
            phrases = [shared]
        else:
            paired = self.paired(clause_start, word_start)
            if paired is not None:
                phrases = [paired]
            elif text.startswith("各", word_start - 1, word_start):
                for s, e in split_top(text, clause_start, word_start - 1, "、"):
                    phrases.append(_clean_indicator(text, s, e))
                phrases = [p for p in phrases if p[1] > p[0]]
            else:
                s, e = _clean_indicator(text, item_start, word_start)
                noun = end + 1 if text.startswith("的", end) else end  # 80%的区（县级市）
                after = _after_phrase(text, noun, min(place.line_end, noun + _AFTER_MAX))
                if after is not None:
                    a_s, a_e = _clean_indicator(text, *after)
                    if a_e > a_s:
                        phrases = [(a_s, a_e)]
                if not phrases and e > s:
                    phrases = [(s, e)]
                if not phrases:
                    subject = self.previous_subject(place, word_start)
                    phrases = [subject] if subject is not None else []
        out = []
        for ind_start, ind_end in phrases:
            span = Span(min(ind_start, word_start), max(end, ind_end))
            out.append(
                Target(
                    text=span.text(text),
                    span=span,
                    value=_tidy(q.value),
                    unit="%" if unit == "％" else unit,
                    comparator=comparator,
                    indicator=text[ind_start:ind_end],
                    upper_value=_tidy(q.upper) if q.upper is not None else None,
                    deadline=deadline,
                    deadline_implied=implied,
                    periodicity=periodicity,
                )
            )
        return out

    def previous_subject(self, place: _Place, word_start: int) -> tuple[int, int] | None:
        """The subject of the clause before, for a clause that opens with its wording.

        In 高新技术企业数量较2020年翻一番，达到3000家 what reaches 3000 is the subject of the
        clause before the comma.
        """
        text = self.text
        comma = place.clause_start - 1
        if comma <= place.line_start or text[comma] not in "，,":
            return None
        if strip_span(text, place.clause_start, word_start)[1] > place.clause_start:
            return None
        i = bisect_left(self.clause_ends, comma) - 1
        start = max(place.line_start, comma - CONTEXT, self.clause_ends[i] + 1 if i >= 0 else 0)
        cut = _SUBJECT_END.search(text, start, comma)
        s, e = _clean_indicator(text, start, cut.start() if cut else comma)
        return (s, e) if e > s else None

    def deadline(self, line_start: int, num_start: int) -> int | None:
        """The year of the last deadline written in the line before the number."""
        i = bisect_right(self.deadline_ends, num_start) - 1
        if i >= 0 and self.deadlines[i][0] >= line_start:
            return self.deadlines[i][2]
        return None

    def paired(self, clause_start: int, word_start: int) -> tuple[int, int] | None:
        """Pair the k-th quantity after 分别 with the k-th item listed before it.

        In 二氧化硫、氮氧化物和挥发性有机物排放总量分别下降15%、10%和26%, 10% belongs to
        氮氧化物. Returns the indicator's range, or None when the clause has no such list
        or the counts do not match.
        """
        text = self.text
        i = bisect_left(self.respectively, word_start - 1) - 1
        if i < 0:
            return None
        r = self.respectively[i]
        if r < clause_start or r + 2 > word_start:
            return None
        starts = self.starts
        k = bisect_left(starts, word_start) - bisect_left(starts, r)
        count = bisect_left(starts, self.clause_end(r)) - bisect_left(starts, r)
        key = (clause_start, r)
        if key not in self.items_cache:
            self.items_cache[key] = _listed_items(text, clause_start, r, count)
        items = self.items_cache[key]
        if len(items) < 2 or count != len(items) or k >= len(items):
            return None
        s, e = items[k]
        cut = text.find("等", s, e)
        if cut > s:
            e = cut
        s, e = _clean_indicator(text, s, e)
        return (s, e) if e > s else None


@dataclass(frozen=True, slots=True)
class _Around:
    """A quantity and the words around it, as the rules read them.

    ``lead`` and ``item`` start the words before the number in its clause and in its list
    item (at most :data:`CONTEXT` back); ``end`` ends its clause (at most CONTEXT ahead).
    """

    text: str
    q: _Quantity
    place: _Place
    lead: int
    item: int
    end: int
    pre: tuple[str, str | None] | None  # the comparator word right before the number
    column: str | None  # the header of its table column, in a table row
    past: bool  # its sentence reports what was done (取得了, 已经)

    @property
    def money(self) -> bool:
        return self.q.unit in _MONEY

    @property
    def rate(self) -> bool:
        return self.q.unit in ("%", "％", "‰", "fraction")

    def before(self, pattern: re.Pattern[str], start: int | None = None) -> re.Match[str] | None:
        """The last match of ``pattern`` between ``start`` (the clause's) and the number."""
        return _last(pattern, self.text, self.lead if start is None else start, self.q.start)

    def after(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """A match of ``pattern`` right after the quantity, inside its clause."""
        return pattern.match(self.text, self.q.end, self.end)


def _ranking_name(a: _Around) -> str | None:
    """世界500强企业: 强 names a ranking; only 进入…前N强 is a target."""
    if a.q.unit == "强" and not _RANKING.search(a.text, a.place.item_start, a.q.start):
        return "part of a ranking's name (N强)"
    return None


def _bare_multiple(a: _Around) -> str | None:
    """突破5亿 is a target, 服务10万居民 is not: 万/亿 without a unit needs target wording."""
    if a.q.unit == "" and a.pre is None and a.q.post is None:
        return "万/亿 without a unit or target wording"
    return None


def _routine(a: _Around) -> str | None:
    """每年至少召开1次务虚会: how often a routine activity happens."""
    if a.q.unit == "次" and a.before(_ROUTINE):
        return "frequency of a routine: 每… before a count of times"
    return None


def _cap(a: _Around) -> str | None:
    """最高100万元, 补助上限100名, 年度报销限额提高至4万元: a cap, not a level."""
    cap = a.before(_CAP, a.item)
    return f"subsidy or cap: {cap.group()[:2]} before the value" if cap else None


def _grant_after(a: _Around) -> str | None:
    """100万元资金支持, 10万元人才奖励; 按…的30%给予补助: the grant is named after it."""
    if a.money:
        word = a.after(_GRANT_AFTER)
        if word is not None:
            return f"subsidy or reward: {word.group()[-2:]} after a money value"
    if a.rate and a.after(_RATE_AFTER):
        return "rate of a subsidy or rule: a grant word after the rate"
    return None


def _grant_before(a: _Around) -> str | None:
    """给予一次性奖补100万元, 返还…的50%: a grant verb before money or a rate."""
    if not (a.money or a.rate):
        return None
    grant = a.before(_GRANT)
    if grant is not None and not _LEVEL_VERBS.search(a.text, grant.end(), a.q.start):
        return f"subsidy or reward: {grant.group()} before the value"
    return None


def _grant_programme(a: _Around) -> str | None:
    """每年遴选不超过10个项目给予重点支持: how many a programme funds, not a level."""
    if a.money or a.rate:
        return None
    grant = _GRANT_LATER.search(a.text, a.q.end, a.end)
    if grant is not None:
        return f"size of a grant programme: {grant.group()} after the count"
    return None


def _money_qualifier(a: _Around) -> str | None:
    """年营业收入10亿元以上企业100家: money sizing a noun that another number counts."""
    if not a.money:
        return None
    if _COUNTED_NOUN.match(a.text, a.q.end, a.end):
        return "threshold qualifying a noun counted by another number"
    return None


def _per_beneficiary(a: _Around) -> str | None:
    """单个项目不超过1000万元, 每月1000元: an amount for each beneficiary."""
    if a.money or a.q.unit == "":
        word = _PER_BENEFICIARY.search(a.text, a.item, a.q.start)
        if word is not None:
            return f"amount per beneficiary: {word.group()} before a money value"
    return None


def _rule_basis(a: _Around) -> str | None:
    """按园区陆地面积5%—10%的比例设置, 按照每3至10万居民设置1个: a rule's rate or norm."""
    basis = a.before(_RULE_BASIS)
    if basis is not None and not _ACTION_VERBS.search(a.text, basis.end(), a.q.start):
        return f"rate or norm of a rule: {basis.group()} … before the value"
    return None


def _tax_or_loan(a: _Around) -> str | None:
    """税前100%加计扣除, 贷款利率不高于4%: a rate of a tax or loan rule."""
    if _TAX.search(a.text, a.lead, min(a.end, a.q.end + 8)):
        return "rate of a tax or loan rule"
    return None


def _norm(a: _Around) -> str | None:
    """年龄原则上不超过45周岁: a rule's norm."""
    return "norm of a rule: 原则上 before the value" if a.before(_NORM) else None


def _threshold_word(a: _Around) -> str | None:
    """收入线标准由…提高到15600元以下, 准入标准不低于…60%: an eligibility threshold."""
    if a.before(_THRESHOLD):
        return "eligibility threshold: a threshold word before the value"
    return None


def _range_before_noun(a: _Around) -> str | None:
    """建成1~2所国家示范性高等职业院校: a range of counts sizing the noun after it.

    A range after its indicator (取得硬核科技成果5—10项) is a target.
    """
    if a.q.upper is None or a.q.post_word:
        return None
    nxt = a.text[a.q.end : a.q.end + 1]
    if "\u4e00" <= nxt <= "\u9fff" and nxt not in _AFTER_STOP:
        return "range of counts before the noun it sizes"
    return None


def _list_count(a: _Around) -> str | None:
    """推广的改革举措（共23项）, 知识产权保护方面5项：: a count of this document's own items."""
    q = a.q
    if _LIST_COUNT_BEFORE.search(a.text, max(0, q.start - 3), q.start):
        return "count of the items this document lists"
    if a.text[q.end : q.end + 1] in ("：", ":"):
        return "count of the items this document lists"
    return None


def _scope(a: _Around) -> str | None:
    """围绕11条标志性产业链, 针对首年关税为零的2034种商品: what an action is about."""
    if _SCOPE.search(a.text, a.item, a.q.start):
        return "scope of an action, not a level"
    scope = _SCOPE_OPENING.match(a.text, a.place.clause_start)
    if scope is not None and not _ACTION_VERBS.search(a.text, scope.end(), a.q.start):
        return f"scope of an action: the clause opens with {scope.group()}"
    return None


def _starting_value(a: _Around) -> str | None:
    """由9600元以下提高到15600元以下: 9600 is where a level starts from."""
    if a.before(_STARTING, a.item):
        return "starting value: 由 before the number"
    return None


def _scope_column(a: _Around) -> str | None:
    """A table cell 8个改革试验区域 under the header 推广范围: where a measure applies."""
    if a.column is not None and _SCOPE_COLUMN.search(a.column):
        return f"table cell in a column of scopes ({a.column})"
    return None


def _quoted_name_aside(a: _Around) -> str | None:
    """“1+N”（1个省级政务云平台，N个市级政务云节点）: an aside that explains a name."""
    opener = a.place.clause_start - 1
    if opener > 0 and a.text[opener] in OPENERS and a.text[opener - 1] in "”」』":
        return "explains a quoted name"
    return None


def _qualifier(a: _Around) -> str | None:
    """Decide a quantity that qualifies a noun with 的 (营收超1000万元的企业).

    A threshold is not a target (营收超1000万元的企业, 年龄不超过45周岁的青年, 200张床位以上的
    养老机构, 首次突破100亿元的企业15家); a share of a population is (80%的区达到…), and so
    is the size of what is built or counted (组建规模不低于10亿元的基金, 新增100家以上的企业,
    拥有3个以上的社区社会组织).
    """
    text, q = a.text, a.q
    if _SIZE_QUALIFIER.match(text, q.end, a.end):
        return "size threshold of a noun: … 以上的 after the quantity"
    if not text.startswith("的", q.end):
        return None
    noun_end = q.end + 1
    while noun_end < a.end and noun_end - q.end < _AFTER_MAX:
        if text[noun_end] in _ITEM_BOUNDARY or text[noun_end].isdigit():
            break
        noun_end += 1
    if noun_end < len(text) and text[noun_end].isdigit():
        return "threshold qualifying a noun counted by another number"
    if _CONDITION_OPENING.match(text, a.place.clause_start):
        return "condition: 对 … 的 names whom a measure applies to"
    comparator = a.pre[1] if a.pre is not None else None
    if comparator in ("MoreThan", "LessThan", "AtMost"):
        return f"threshold qualifying the noun after 的: {a.pre[0] if a.pre else ''} …的"
    built = _BUILD_VERBS.search(text, a.item, q.start) is not None
    if comparator == "AtLeast" or a.money:
        if built:
            return None  # 组建规模不低于10亿元的…基金, 设立规模50亿元的基金
    elif a.rate:
        return None  # a share of a population: 80%的区（县级市）达到…
    elif _ACTION_VERBS.search(text, a.item, q.start):
        return None  # 新增100家以上的企业, 拥有3个以上的社区社会组织
    return "threshold qualifying the noun after 的"


def _condition(a: _Around) -> str | None:
    """对…的企业, 对于年薪达到50万元…, …且有3年研发经验, …人员数量达到25%…的，: a condition."""
    text, opening = a.text, a.place.clause_start
    if _CONDITION_OPENING.match(text, opening) and text.find("的", a.q.end, a.end) >= 0:
        return "condition: 对 … 的 names whom a measure applies to"
    if _FOR_OPENING.match(text, opening):
        return "condition: the clause opens with 对于"
    criteria = _CRITERIA_AFTER.search(text, a.q.end, a.end)
    if criteria is not None:
        return f"eligibility criterion: {criteria.group()} … joins further criteria"
    clause_end = a.end
    if clause_end < len(text) and text[clause_end - 1] == "的" and text[clause_end] in "，,":
        return "condition: a clause ending in 的"
    return None


def _definition(a: _Around) -> str | None:
    """OPC（…，指全职团队规模一般在10人以内…）: part of a definition."""
    return "part of a definition" if _DEFINITION.match(a.text, a.place.clause_start) else None


def _past(a: _Around) -> str | None:
    """…等8个区域…先行先试，取得了一批改革突破: a report of what was done."""
    return "report of the past, not a commitment" if a.past else None


#: the rules a quantity passes to be a target, in order; the first that objects decides
_LEVEL_RULES = (
    _ranking_name,
    _bare_multiple,
    _routine,
    _cap,
    _grant_after,
    _grant_before,
    _grant_programme,
    _money_qualifier,
    _per_beneficiary,
    _rule_basis,
    _tax_or_loan,
    _norm,
    _threshold_word,
    _range_before_noun,
    _list_count,
    _scope,
    _starting_value,
    _scope_column,
    _quoted_name_aside,
    _definition,
    _qualifier,
    _condition,
    _past,
)


def _not_a_level(a: _Around) -> str | None:
    """Return why a quantity is not a level the plan commits to, or None."""
    if a.q.unit is None:
        return _big_count(a)
    for rule in _LEVEL_RULES:
        reason = rule(a)
        if reason is not None:
            return reason
    return None


def _big_count(a: _Around) -> str | None:
    """11大类37项, 完善…等8大体系 are targets; 聚焦15大战略领域 is not."""
    if _SCOPE.search(a.text, a.item, a.q.start):
        return "scope of an action, not a level"
    if a.before(_BIG_VERBS) is None:
        return "count of categories (N大…) without target wording"
    return None


def _table_headers(text: str, lines: LineMap) -> dict[int, list[str]]:
    """Map the start of each table row (cells joined by ``|``) to its header's cells.

    The header is the nearest row above without digits (序号 | 改革举措 | 推广范围).
    """
    headers: dict[int, list[str]] = {}
    header: list[str] | None = None
    for start, end in lines.lines():
        if text.find("|", start, end) < 0:
            continue
        cells = [cell.strip(SPACE) for cell in text[start:end].split("|")]
        if not any(ch.isdigit() for ch in text[start:end]):
            header = cells
        elif header is not None:
            headers[start] = header
    return headers


def _listed_items(text: str, start: int, end: int, count: int) -> list[tuple[int, int]]:
    """Split the list before 分别 into ``count`` items if it can be done.

    Items are separated by 、 and the last by 和/及/与 (A、B和C); when that gives the wrong
    count, every 和/及/与 separates too (A和B、C与D).
    """
    items = split_top(text, start, end, "、")
    if items:
        s, e = items[-1]
        for sep in "和及与":
            cut = text.rfind(sep, s, e)
            if cut > s:
                items[-1:] = [(s, cut), (cut + 1, e)]
                break
    if len(items) == count:
        return items
    return split_top(text, start, end, "、和及与")


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    last = None
    for m in pattern.finditer(text, start, end):
        last = m
    return last


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
        lead = _LEAD_WORD.match(text, start, end)
        if lead is not None:  # the longest lead word, or a shorter one if it is all there is
            for word in _LEAD_WORDS if end - start <= len(lead.group()) else [lead.group()]:
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
    last = _last(_STRONG_VERBS, text, start, end)
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


def read_numbers(
    text: str,
    *,
    period_end: int | None = None,
    exclude: Sequence[tuple[int, int]] | None = (),
    lines: LineMap | None = None,
) -> list[NumberReading]:
    """Read every number of a plan text: a target or not, and why.

    Parameters
    ----------
    text : str
        The plan text.
    period_end : int, optional
        The last year of the plan period: the implied deadline of targets whose line names
        none.
    exclude : sequence of (int, int), optional
        Ranges to skip (heading markers, responsibility clauses).
    lines : LineMap, optional
        The text's line map, if already built.

    Returns
    -------
    list of NumberReading
        One reading per number in document order (one per item for a number shared by
        several items); ``target`` is None for a number that is not a target, and
        ``reason`` says why in a few English words.

    Examples
    --------
    >>> text = "到2025年，新增OPC社区10个以上，单个社区最高补助50万元，按投资额的30%给予奖励。"
    >>> for r in read_numbers(text):
    ...     print(f"{r.text} -> {r.reason}")
    2025年 -> a year
    10个以上 -> target: 以上
    50万元 -> subsidy or cap: 最高 before the value
    30% -> rate of a subsidy or rule: a grant word after the rate
    >>> read_numbers("企业达到11111111111111111111111111111家。")[0].reason
    'more than 15 digits: an identifier, not a quantity'
    """
    reader = _Reader(text, period_end, exclude or (), lines or LineMap(text))
    return list(reader.readings())


def find_targets(
    text: str,
    *,
    period_end: int | None = None,
    exclude: Sequence[tuple[int, int]] | None = (),
    lines: LineMap | None = None,
) -> list[Target]:
    """Find the quantitative targets of a plan text in document order.

    The targets of :func:`read_numbers`, which says why each other number is not one.

    Parameters
    ----------
    text : str
        The plan text.
    period_end : int, optional
        The last year of the plan period: the implied deadline of targets whose line names
        none.
    exclude : sequence of (int, int), optional
        Ranges to skip (heading markers, responsibility clauses).
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
    >>> t = find_targets("2024年，全市5G网络覆盖率提高到95%。", period_end=2027)[0]
    >>> (t.indicator, t.value, t.deadline, t.deadline_implied)
    ('全市5G网络覆盖率', Decimal('95'), 2024, False)
    """
    reader = _Reader(text, period_end, exclude or (), lines or LineMap(text))
    return [r.target for r in reader.readings() if r.target is not None]
