"""Units of measure as plans write them: one table, with ASCII slugs and English names.

A target's unit is kept as written (``亿元``, ``%``, ``家``); this module gives each notation
the slug used in its IRI (``id:unit/{slug}``) and an English name, and renders quantities in
English for target labels. Chinese classifiers (量词) such as 家, 个, 项 count whatever the
indicator names, so English labels leave them out (``70`` rather than ``70 entities``).

Examples
--------
>>> from decimal import Decimal
>>> from policygraph.units import unit_info
>>> unit_info("亿元").slug
'yi-yuan'
>>> unit_info("亿元").quantity_en(Decimal("280"))
'28 billion yuan'
>>> unit_info("%").quantity_en(Decimal("3.65"))
'3.65%'
>>> unit_info("家").quantity_en(Decimal("15000"))
'15,000'
>>> unit_info("光年").slug  # not in the table: a derived slug
'uc2959194'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = ["UNITS", "Unit", "format_number", "unit_info"]


def format_number(value: Decimal, /) -> str:
    """Write a decimal without trailing zeros and with thousands separators.

    Examples
    --------
    >>> from decimal import Decimal
    >>> format_number(Decimal("15000")), format_number(Decimal("3.650")), format_number(Decimal(2))
    ('15,000', '3.65', '2')
    """
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{normal.to_integral_value():,f}"
    return f"{normal:,f}"


@dataclass(frozen=True)
class Unit:
    """A unit of measure.

    Attributes
    ----------
    notation : str
        The unit as written in the plan (``skos:notation``), e.g. ``"亿元"``.
    slug : str
        ASCII slug naming the unit in IRIs (``id:unit/{slug}``).
    en : str or None
        English name, e.g. ``"100 million yuan"``; None for a notation not in :data:`UNITS`.
    counter : bool
        True for a Chinese classifier (家, 个, 项...): English labels give the bare number,
        since the indicator already names what is counted.
    yuan : int
        For money: how many yuan one unit is (10**8 for 亿元); 0 otherwise.
    """

    notation: str
    slug: str
    en: str | None
    counter: bool = False
    yuan: int = 0

    def quantity_en(self, value: Decimal, /) -> str:
        """Render ``value`` of this unit in English.

        Examples
        --------
        >>> from decimal import Decimal
        >>> UNITS["人年"].quantity_en(Decimal(230))
        '230 person-years'
        >>> UNITS["万元"].quantity_en(Decimal(50))
        '500,000 yuan'
        >>> UNITS["亿元"].quantity_en(Decimal(5))
        '500 million yuan'
        >>> UNITS["fraction"].quantity_en(Decimal("0.333333"))
        '1/3'
        """
        if self.yuan:
            amount = value * self.yuan
            for size, word in ((10**9, "billion"), (10**6, "million")):
                if amount >= size:
                    return f"{format_number(amount / size)} {word} yuan"
            return f"{format_number(amount)} yuan"
        if self.notation == "fraction":
            simple = Fraction(value).limit_denominator(12)
            if abs(Decimal(simple.numerator) / simple.denominator - value) < Decimal("1e-5"):
                return f"{simple.numerator}/{simple.denominator}"
            return f"{format_number(round(value * 100, 2))}%"
        number = format_number(value)
        if self.counter:
            return number
        if self.notation == "%":
            return f"{number}%"
        return f"{number} {self.en or self.notation}"


def _table(*units: Unit) -> dict[str, Unit]:
    return {u.notation: u for u in units}


#: every unit notation policygraph knows, keyed by the notation as written
UNITS: dict[str, Unit] = _table(
    Unit("%", "percent", "percent"),
    # a share written as a fraction (1/3): the extractor's notation, value in [0, 1]
    Unit("fraction", "fraction", "fraction"),
    Unit("‰", "per-mille", "per mille"),
    Unit("家", "jia", "entities", counter=True),
    Unit("个", "ge", "units", counter=True),
    Unit("项", "xiang", "items", counter=True),
    Unit("件", "jian", "pieces", counter=True),
    Unit("所", "suo", "institutions", counter=True),
    Unit("座", "zuo", "structures", counter=True),
    Unit("条", "tiao", "items", counter=True),
    Unit("批", "pi", "batches", counter=True),
    Unit("台", "tai", "sets", counter=True),
    Unit("套", "tao", "sets", counter=True),
    Unit("台（套）", "tai-tao", "sets", counter=True),
    Unit("名", "ming", "people"),
    Unit("人", "ren", "people"),
    Unit("人次", "ren-ci", "person-times"),
    Unit("人年", "ren-nian", "person-years"),
    Unit("位", "wei", "rank"),
    Unit("元", "yuan", "yuan", yuan=1),
    Unit("万元", "wan-yuan", "10,000 yuan", yuan=10**4),
    Unit("亿元", "yi-yuan", "100 million yuan", yuan=10**8),
    Unit("亩", "mu", "mu"),
    Unit("公里", "km", "kilometres"),
    Unit("平方米", "square-metre", "square metres"),
    Unit("吨", "tonne", "tonnes"),
    Unit("倍", "bei", "times"),
    Unit("年", "nian", "years"),
    # a bare number with 万/亿 and no unit (标识注册总量突破5亿)
    Unit("", "no-unit", "no unit", counter=True),
    Unit("个百分点", "ge-bai-fen-dian", "percentage points"),
    Unit("百分点", "bai-fen-dian", "percentage points"),
    Unit("微克/立方米", "microgram-per-cubic-metre", "µg/m³"),
    Unit("微克每立方米", "wei-ke-mei-li-fang-mi", "µg/m³"),
    Unit("台(套)", "tai-tao-ascii", "sets", counter=True),
    Unit("平方公里", "square-km", "square kilometres"),
    Unit("平方千米", "square-kilometre", "square kilometres"),
    Unit("立方米", "cubic-metre", "cubic metres"),
    Unit("公顷", "hectare", "hectares"),
    Unit("千米", "kilometre", "kilometres"),
    Unit("千元", "qian-yuan", "1,000 yuan", yuan=10**3),
    Unit("美元", "us-dollar", "US dollars"),
    Unit("场", "chang", "events", counter=True),
    Unit("场次", "chang-ci", "sessions", counter=True),
    Unit("批次", "pi-ci", "batches", counter=True),
    Unit("次", "ci", "times", counter=True),
    Unit("户", "hu", "households", counter=True),
    Unit("支", "zhi", "teams", counter=True),
    Unit("辆", "liang", "vehicles", counter=True),
    Unit("张", "zhang", "pieces", counter=True),
    Unit("篇", "pian", "articles", counter=True),
    Unit("部", "bu", "works", counter=True),
    Unit("艘", "sou", "vessels", counter=True),
    Unit("架", "jia-aircraft", "aircraft", counter=True),
    Unit("栋", "dong", "buildings", counter=True),
    Unit("处", "chu", "sites", counter=True),
    Unit("种", "zhong", "kinds", counter=True),
    Unit("款", "kuan", "models", counter=True),
    Unit("株", "zhu", "plants", counter=True),
    Unit("册", "ce", "volumes", counter=True),
    Unit("强", "qiang", "top"),
    Unit("岁", "sui", "years of age"),
    Unit("周岁", "zhou-sui", "years of age"),
    # energy and power, Chinese and Latin notations
    Unit("千瓦", "qian-wa", "kW"),
    Unit("万千瓦", "wan-qian-wa", "10,000 kW"),
    Unit("兆瓦", "zhao-wa", "MW"),
    Unit("吉瓦", "ji-wa", "GW"),
    Unit("千瓦时", "qian-wa-shi", "kWh"),
    Unit("万千瓦时", "wan-qian-wa-shi", "10,000 kWh"),
    Unit("亿千瓦时", "yi-qian-wa-shi", "100 million kWh"),
    Unit("兆瓦时", "zhao-wa-shi", "MWh"),
    Unit("吉瓦时", "ji-wa-shi", "GWh"),
    Unit("吨标准煤", "tce", "tonnes of standard coal equivalent"),
    Unit("kW", "kw", "kW"),
    Unit("KW", "kw-caps", "kW"),
    Unit("MW", "mw", "MW"),
    Unit("GW", "gw", "GW"),
    Unit("kWh", "kwh", "kWh"),
    Unit("GWh", "gwh", "GWh"),
    Unit("TWh", "twh", "TWh"),
    # freight
    Unit("标准箱", "biao-zhun-xiang", "TEU"),
    Unit("标箱", "biao-xiang", "TEU"),
    Unit("TEU", "teu", "TEU"),
    # computing power, storage and bandwidth
    Unit("P", "p-flops", "PFLOPS"),
    Unit("Flops", "flops", "FLOPS"),
    Unit("FLOPS", "flops-caps", "FLOPS"),
    Unit("TFlops", "tflops", "TFLOPS"),
    Unit("TFLOPS", "tflops-caps", "TFLOPS"),
    Unit("PFlops", "pflops", "PFLOPS"),
    Unit("PFLOPS", "pflops-caps", "PFLOPS"),
    Unit("EFlops", "eflops", "EFLOPS"),
    Unit("EFLOPS", "eflops-caps", "EFLOPS"),
    Unit("GB", "gb", "GB"),
    Unit("TB", "tb", "TB"),
    Unit("PB", "pb", "PB"),
    Unit("EB", "eb", "EB"),
    Unit("Mbps", "mbps", "Mbps"),
    Unit("Gbps", "gbps", "Gbps"),
    Unit("Tbps", "tbps", "Tbps"),
)


def unit_info(notation: str, /) -> Unit:
    """Return the unit for a notation as written, deriving one for unknown notations.

    An unknown notation gets slug ``"u"`` + the first 8 hex digits of the SHA-1 of its UTF-8
    bytes and no English name (``en`` is None), so the graph stays valid, the derived slug is
    stable across builds, and :func:`policygraph.curation.missing_english` can report it.

    Parameters
    ----------
    notation : str
        The unit as written in the plan, e.g. ``"家"``.

    Returns
    -------
    Unit

    Examples
    --------
    >>> unit_info("%").en
    'percent'
    >>> unit_info("光年") == Unit("光年", "uc2959194", None)
    True
    """
    known = UNITS.get(notation)
    if known is not None:
        return known
    digest = hashlib.sha1(notation.encode("utf-8")).hexdigest()[:8]
    return Unit(notation, "u" + digest, None)
