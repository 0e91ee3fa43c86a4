"""Properties of the extractor on generated and mutated plan texts.

Whatever the text, ``extract`` returns a PlanDocument or raises ExtractionError; every span
it reports quotes the text exactly; the graph ``to_rdf`` makes of it survives a Turtle round
trip unchanged; and every number ``read_numbers`` reads quotes the text too. The texts are
random strings, plans assembled from the genre's pieces (headings, responsibility notes,
targets, subsidies, brackets, quotation marks, tables), and the Jiaxing plan with its lines
shuffled, dropped, duplicated and cut.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from policygraph import to_rdf
from policygraph.errors import ExtractionError
from policygraph.extraction import extract
from policygraph.extraction._text import quote_ranges
from policygraph.extraction.platforms import find_platforms
from policygraph.extraction.targets import read_numbers
from policygraph.model import PlanDocument

SOURCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "jiaxing-315-plan.txt"
JIAXING_LINES = SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MARKERS = ["一、", "二、", "（一）", "（二）", "1．", "2.", "（1）", "第一条 ", ""]
# pieces of plan text, from targets to subsidy terms and responsibility notes, with the
# characters that stress the scanners (brackets, quotation marks, separators, digits)
PIECES = [
    "到2026年，",
    "2025年，",
    "力争",
    "全市",
    "高新技术企业",
    "研发投入强度",
    "新增",
    "达到",
    "突破",
    "不少于",
    "以上",
    "左右",
    "分别",
    "各",
    "的",
    "等",
    "和",
    "给予",
    "最高",
    "按",
    "补助",
    "奖励",
    "每年",
    "对",
    "3.5",
    "1200",
    "5",
    "11111111111111111111111111111",
    "1/3",
    "三分之一",
    "两万",
    "%",
    "％",
    "家",
    "个",
    "万元",
    "亿元",
    "万",
    "PFlops",
    "个月",
    "—",
    "~",
    "、",
    "，",
    "。",
    "；",
    "：",
    "（",
    "）",
    "〔",
    "〕",
    "“",
    "”",
    " | ",
    "（责任单位：",
    "牵头单位：",
    "配合单位：",
    "市科技局",
    "市财政局",
    "各县（市、区）政府",
    "）",
    "南湖实验室",
    "县大数据中心",
    "G60",
    "\u3000",
]


NOTES = [
    "（责任单位：市科技局、市财政局）",
    "（牵头单位：市科技局；配合单位：市财政局、各县（市、区）政府）",
    "（市发展改革委牵头，市财政局参与）",
    "\n责任单位：市经信局",
    "（责任单位：*市科技局，市财政局）",
    "〔牵头单位：市委组织部（人才办）〕",
    "",
]


@st.composite
def genre_plan(draw: st.DrawFn) -> str:
    """A plan of a title and lines opening with headings, bodies made of the genre's pieces."""
    lines = ["某市数字经济发展行动方案（2024—2026年）\n"]
    for _ in range(draw(st.integers(1, 8))):
        marker = draw(st.sampled_from(MARKERS))
        body = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=30)))
        note = draw(st.sampled_from(NOTES))
        lines.append(marker + body + note + draw(st.sampled_from(["\n", "\r\n", "\r"])))
    return "".join(lines)


any_text = st.text(max_size=300)


@st.composite
def mutated_jiaxing(draw: st.DrawFn) -> str:
    """The Jiaxing plan with its lines picked in any order, repeated or dropped, some cut."""
    picks = draw(st.lists(st.integers(0, len(JIAXING_LINES) - 1), min_size=1, max_size=40))
    lines = []
    for i in picks:
        line = JIAXING_LINES[i]
        if draw(st.integers(0, 4)) == 0:
            cut = draw(st.integers(0, len(line)))
            line = line[:cut] if draw(st.booleans()) else line[cut:]
        lines.append(line)
    return "".join(lines)


def read(text: str) -> PlanDocument | None:
    """Extract ``text``: a PlanDocument, or None for the one documented error."""
    try:
        return extract(text, source_name="fuzz.txt")
    except ExtractionError as exc:
        assert exc.message
        return None


def check_spans(doc: PlanDocument) -> None:
    source = doc.source
    for sec in doc.walk():
        assert source[sec.title_span.start : sec.title_span.end] == sec.title
        assert sec.span.start <= sec.title_span.start <= sec.title_span.end <= sec.span.end
        for r in sec.responsibilities:
            assert source[r.span.start : r.span.end] == r.department
        for m in sec.platforms:
            assert source[m.span.start : m.span.end] == m.name
    for t in doc.all_targets():
        assert source[t.span.start : t.span.end] == t.text
        assert t.indicator in t.text
    for m in doc.platforms:
        assert source[m.span.start : m.span.end] == m.name


def check_round_trip(doc: PlanDocument) -> None:
    graph = to_rdf(doc)
    turtle = graph.serialize(format="turtle")
    again = Graph().parse(data=turtle, format="turtle")
    assert len(again) == len(graph)
    assert isomorphic(graph, again)


def check_readings(text: str) -> None:
    for r in read_numbers(text, period_end=2026):
        assert text[r.span.start : r.span.end] == r.text
        assert r.reason
        if r.target is not None:
            assert text[r.target.span.start : r.target.span.end] == r.target.text
    for m in find_platforms(text):
        assert text[m.span.start : m.span.end] == m.name


@SETTINGS
@given(any_text)
def test_random_text(text: str) -> None:
    doc = read(text)
    if doc is not None:
        check_spans(doc)
        check_round_trip(doc)
    if "\x00" not in text:
        check_readings(text)


@SETTINGS
@given(genre_plan())
def test_plans_assembled_from_the_genres_pieces(text: str) -> None:
    doc = read(text)
    if doc is not None:
        check_spans(doc)
        check_round_trip(doc)
    check_readings(text)


@SETTINGS
@given(mutated_jiaxing())
def test_mutated_jiaxing_plan(text: str) -> None:
    doc = read(text)
    if doc is not None:
        check_spans(doc)
        check_round_trip(doc)
    check_readings(text)


_QUOTED = re.compile(r"“[^”\r\n]*”|「[^」\r\n]*」|『[^』\r\n]*』")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="“”「」『』ab\r\n", max_size=40))
def test_quote_ranges_are_the_quotations_a_regular_expression_finds(text: str) -> None:
    # the scanner avoids the expression's rescans of a line with an unclosed mark
    assert quote_ranges(text) == [m.span() for m in _QUOTED.finditer(text)]
