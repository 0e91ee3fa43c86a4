"""Named platforms such as 南湖实验室, 清华长三角研究院, 嘉兴G60科创走廊, 天鹅湖未来科学城.

A name ends in a platform suffix (实验室, 研究院, 大学, 学院, 中心, 基地, 科创走廊, 科学城,
湖区, 绿谷, 产业园, 示范区, 平台…) and starts after punctuation or after a verb such as
推进, 支持, 建设, 依托. It is kept only when it starts with a proper name: a name that starts
with a generic word (省, 国家, 全国, 国际, 新型, 重点, 高能级, 科技, 创新…) is a category,
not a platform (省实验室, 全国重点实验室, 高能级科创平台). One kind of facility is named by
its government alone: an industrial park or a data or computing centre with a one-character
administrative prefix (县数字经济产业园, 县大数据中心, 市智能计算中心, 省工业大数据中心) is the
facility of that government; 省级大数据中心, 区域性大数据中心 and 市县大数据中心 stay categories.
Precision matters more than recall: a curation file adds what the rules miss.

Examples
--------
>>> from policygraph.extraction.platforms import find_platforms
>>> text = "推进南湖实验室、省实验室、中国电子科技南湖研究院等创新载体建设。"
>>> [(p.name, p.kind) for p in find_platforms(text)]
[('南湖实验室', 'Laboratory'), ('中国电子科技南湖研究院', 'ResearchInstitute')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..model import PlatformMention, Span
from ._text import CLOSERS, OPENERS, in_ranges

__all__ = ["SUFFIX_KINDS", "find_platforms"]

#: platform suffixes and the ``pg:`` platform type each implies (longest suffix wins)
SUFFIX_KINDS: dict[str, str] = {
    "实验室": "Laboratory",
    "研究院": "ResearchInstitute",
    "研究所": "ResearchInstitute",
    "大学": "University",
    "学院": "College",
    "中心": "Center",
    "基地": "Base",
    "科创走廊": "Corridor",
    "走廊": "Corridor",
    "科创带": "Corridor",
    "创新带": "Corridor",
    "科学城": "ScienceCity",
    "科技城": "ScienceCity",
    "青创城": "ScienceCity",
    "创新城": "ScienceCity",
    "智造城": "ScienceCity",
    "大学城": "ScienceCity",
    "未来城": "ScienceCity",
    "新城": "ScienceCity",
    "湖区": "LakeDistrict",
    "绿谷": "Valley",
    "科创谷": "Valley",
    "智慧绿洲": "Zone",
    "园区": "Park",
    "产业园": "Park",
    "科技园": "Park",
    "创业园": "Park",
    "软件园": "Park",
    "工业园": "Park",
    "科创园": "Park",
    "创新园": "Park",
    "智造园": "Park",
    "示范区": "Zone",
    "高新区": "Zone",
    "开发区": "Zone",
    "信息港": "GenericPlatform",
    "数字港": "GenericPlatform",
    "科创港": "GenericPlatform",
    "人才港": "GenericPlatform",
    "平台": "GenericPlatform",
}
_SUFFIX = re.compile("|".join(sorted(SUFFIX_KINDS, key=len, reverse=True)))
# what may not follow a suffix for it to end a name (全国重点实验室体系, 中心城市)
_BAD_NEXT = re.compile(r"体系|集群|群|网络|布局|城市|城区|支行|分行|生|组|工作|化")
_BRANCH = re.compile(r"分院|分中心|分校|分部")
_QUALIFIER = re.compile(r"[（(][\u4e00-\u9fffA-Za-z0-9]{1,5}[）)]")
_TRIGGERS = re.compile(
    "通过|推进|支持|建设|依托|加快|打造|争创|创建|加强|围绕|深化|推动|提升|培育|引进|设立|成立|"
    "组建|布局|参与|对接|携手|包括|以及|共建|落地|纳入|争取|积极|大力|全力|加速|深入|成为|"
    "入驻|引导|鼓励|发挥|做强|做大|壮大|优化|完善|谋划|申报|获批|筹建|新建|建成|认定|搭建|"
    "实施|促进|提高|加大|强化|健全|建立|开展|探索|推广|聚焦|面向|承担|给予|一批|"
    "和|与|及|等|在|由|是|为|到|向|将|把|让|使|了|的|对|从|于"
)
# words a category starts with; a proper name starts with anything else
_GENERIC = sorted(
    (
        "省",
        "市",
        "县",
        "区",
        "国家",
        "全国",
        "国际",
        "全球",
        "世界",
        "各",
        "一",
        "二",
        "三",
        "四",
        "五",
        "六",
        "七",
        "八",
        "九",
        "十",
        "两",
        "多",
        "每",
        "万",
        "千",
        "百",
        "若干",
        "新型",
        "新",
        "重点",
        "重大",
        "高能级",
        "高水平",
        "高端",
        "高新",
        "海外",
        "外资",
        "外国",
        "境外",
        "我市",
        "本市",
        "全市",
        "全省",
        "全域",
        "区域",
        "地方",
        "科技",
        "科研",
        "科创",
        "科学",
        "技术",
        "创新",
        "创业",
        "产业",
        "企业",
        "工程",
        "研发",
        "双创",
        "小微",
        "概念",
        "场景",
        "特色",
        "专利",
        "知识产权",
        "信息",
        "公共",
        "数据",
        "智能",
        "智造",
        "数字",
        "综合",
        "大型",
        "中小",
        "青创",
        "孵化",
        "示范",
        "标志性",
        "未来",
        "现代",
        "先进",
        "制造",
        "工业",
        "互联网",
        "院士",
        "专家",
        "博士",
        "人才",
        "成果",
        "技能",
        "协同",
        "联合",
        "共性",
        "中试",
        "检验",
        "检测",
        "质量",
        "标准",
        "计量",
        "金融",
        "服务",
        "行业",
        "龙头",
        "领军",
        "骨干",
        "校地",
        "院企",
        "产学研",
        "高校",
        "高等",
        "职业",
        "技师",
        "这",
        "该",
        "其",
        "相关",
        "有关",
        "上述",
        "现有",
        "已有",
        "应用",
        "智力",
        "文化",
        "生态",
        "绿色",
        "农业",
        "医疗",
        "健康",
        "教育",
        "人工智能",
        "战略",
        "主题",
        "专业",
        "超算",
        "实验",
        "研究",
        "开放",
        "共享",
        "转化",
        "中心",
        "基地",
        "平台",
        "分",
        "总",
        "主",
        "副",
        "本",
        "此",
        "我",
        "促进",
        "提高",
        "加大",
        "强化",
        "健全",
        "建立",
        "开展",
        "探索",
        "推广",
        "聚焦",
        "面向",
    ),
    key=len,
    reverse=True,
)
_GENERIC_START = re.compile("|".join(re.escape(word) for word in _GENERIC))
# a government's own facility: 县数字经济产业园, 县大数据中心, 市智能计算中心
_ADMIN_FACILITY = re.compile(
    r"[省市县区](?![省市县区级域内外属直委])[\u4e00-\u9fff]*?"
    r"(?:[\u4e00-\u9fff]{2}产业园|数据中心|计算中心|算力中心)"
)
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]")
_MAX_NAME = 30


def _run_start(text: str, pos: int) -> int:
    """Walk back from ``pos`` over name characters and balanced brackets."""
    i = pos
    floor = max(0, pos - _MAX_NAME)
    while i > floor:
        ch = text[i - 1]
        if _NAME_CHAR.match(ch):
            i -= 1
        elif ch in CLOSERS and ch not in "”’」』":
            j = i - 1
            depth = 0
            while j > floor:
                c = text[j - 1]
                if c in OPENERS:
                    if depth == 0:
                        break
                    depth -= 1
                elif c in CLOSERS:
                    depth += 1
                j -= 1
            if j <= floor:
                break
            i = j - 1
        else:
            break
    return i


def _quoted_name(text: str, run_start: int, suffix_start: int, floor: int) -> int | None:
    """Return the start of a name opening with a quoted proper name (“乌镇之光”超算中心).

    The quoted words must not start generically (“万亩千亿”新产业平台 is a slogan) and at
    most four characters may stand between the closing mark and the suffix.
    """
    if run_start <= floor or text[run_start - 1] != "”" or suffix_start - run_start > 4:
        return None
    opening = text.rfind("“", max(floor, run_start - 12), run_start - 1)
    if opening < 0 or not _is_proper(text[opening + 1 : run_start - 1]):
        return None
    return opening


def _is_proper(prefix: str) -> bool:
    if len(prefix) < 2 or "之" in prefix[-1:]:
        return False
    return _GENERIC_START.match(prefix) is None


def find_platforms(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    exclude: list[tuple[int, int]] | None = None,
) -> list[PlatformMention]:
    """Find named platforms in ``text[start:end]``, in document order.

    Parameters
    ----------
    text : str
        The plan text.
    start, end : int, optional
        The range to search.
    exclude : list of (int, int), optional
        Sorted ranges to skip (responsibility clauses, heading markers).

    Returns
    -------
    list of PlatformMention
        Every mention (repeats included); ``kind`` is the platform type from the suffix.

    Examples
    --------
    >>> t = "支持嘉兴学院创建嘉兴大学，支持北京理工大学长三角研究院（嘉兴）打造示范样板。"
    >>> [p.name for p in find_platforms(t)]
    ['嘉兴学院', '嘉兴大学', '北京理工大学长三角研究院（嘉兴）']
    """
    end = len(text) if end is None else end
    skip = exclude or []
    candidates: list[tuple[int, int, str]] = []
    for m in _SUFFIX.finditer(text, start, end):
        s, e = m.span()
        if in_ranges(skip, s) or _BAD_NEXT.match(text, e, end):
            continue
        if (text[s - 2 : s] if s >= 2 else "") in ("之", "之城") or text[s - 1 : s] == "之":
            continue
        branch = _BRANCH.match(text, e, end)
        if branch is not None:
            e = branch.end()
        qualifier = _QUALIFIER.match(text, e, end)
        if qualifier is not None:
            e = qualifier.end()
        name_start = max(_run_start(text, s), start)
        for t in _TRIGGERS.finditer(text, name_start, s):
            name_start = t.end()
        quoted = _quoted_name(text, name_start, s, start)
        if quoted is not None:
            name_start = quoted
        elif not _is_proper(text[name_start:s]) and not _ADMIN_FACILITY.fullmatch(
            text, name_start, m.end()
        ):
            continue
        candidates.append((name_start, e, SUFFIX_KINDS[m.group()]))
    # a name inside a longer one (浙江大学 in 浙江大学嘉兴研究院) is not a mention of its own
    spans = sorted({(s, e) for s, e, _ in candidates})
    starts = [s for s, _ in spans]
    reach = _MAX_NAME + 20  # a containing name starts at most this far before
    out: list[PlatformMention] = []
    for s, e, kind in candidates:
        nearby = spans[bisect_left(starts, s - reach) : bisect_right(starts, s)]
        if any(e <= e2 and (s2, e2) != (s, e) for s2, e2 in nearby):
            continue
        out.append(PlatformMention(name=text[s:e], span=Span(s, e), kind=kind))
    return out
