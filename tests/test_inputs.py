"""Plans as they are downloaded: GBK texts, web pages, Word documents and PDFs.

Each test writes a real file (or reads a small committed fixture), builds it with the command
line, and checks what was read from it (tasks, lead and supporting units, targets), the text
saved beside the graph, both SHA-256 digests in the graph, and that ``validate`` finds the
saved text and checks every quote against it.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from policygraph._sourcetext import SHAPES_NS, SOURCE_NOT_FOUND
from policygraph.cli import main
from policygraph.errors import ExtractionError
from policygraph.extraction import extract_file
from policygraph.model import PlanDocument
from policygraph.rdf import load_graph
from policygraph.readers import read_source
from policygraph.validation import validate
from policygraph.vocab import PG, SKOS

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
#: the plan every format below holds (plan.pdf was made from it, see make_plan_pdf.py)
PLAN = (FIXTURES / "plan.txt").read_text(encoding="utf-8")
TITLE = "南湖区数字经济发展行动方案（2024—2026年）"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def facts(doc: PlanDocument) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each task's title with its units and their roles, in document order."""
    return [(t.title, [(r.department, r.role) for r in t.responsibilities]) for t in doc.tasks]


def targets(doc: PlanDocument) -> list[tuple[Decimal, str, int | None]]:
    return [(t.value, t.unit, t.deadline) for t in doc.all_targets()]


PLAN_TASKS = [
    ("建设数据平台", [("区数据局", "lead"), ("区财政局", "support"), ("区科技局", "support")]),
    ("培育数字企业", [("区经信局", "lead")]),
]
PLAN_TARGETS = [(Decimal(5), "个", 2026), (Decimal(300), "家", 2025)]


def source_node(g: Graph) -> URIRef:
    (plan,) = set(g.subjects(PG.source, None))
    node = g.value(plan, PG.source)
    assert isinstance(node, URIRef)
    return node


def recorded(g: Graph) -> dict[str, str | None]:
    src = source_node(g)
    names = {"fileName": PG.fileName, "sha256": PG.sha256}
    names |= {"originalFileName": PG.originalFileName, "originalSha256": PG.originalSha256}
    return {k: (None if (v := g.value(src, p)) is None else str(v)) for k, p in names.items()}


def zh(g: Graph, node: object) -> str:
    (label,) = [o for o in g.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == "zh"]  # type: ignore[arg-type]
    return str(label)


def task_leads(g: Graph) -> dict[str, str]:
    return {zh(g, task): zh(g, g.value(task, PG.lead)) for task in g.subjects(PG.lead, None)}


def assert_text_is_found(graph_file: Path) -> None:
    """``validate`` finds the saved text beside the graph and checks every quote against it."""
    g = load_graph(graph_file)
    report = validate(g, sources=[graph_file.parent])
    checks = [r for r in report.results if r.source_shape.startswith(SHAPES_NS + "SourceText")]
    assert checks == []
    assert main(["validate", str(graph_file)]) == 0
    # the control: without the text, validate says it did not find it
    text = graph_file.with_suffix(".txt")
    moved = text.rename(text.with_suffix(".moved"))
    try:
        report = validate(g, sources=[graph_file.parent])
        assert [r.source_shape for r in report.results if "SourceText" in r.source_shape] == [
            str(SOURCE_NOT_FOUND)
        ]
    finally:
        moved.rename(text)


def build(source: Path, out: Path, *extra: str) -> Graph:
    assert main(["build", str(source), "-o", str(out), "-q", *extra]) == 0
    return load_graph(out)


# -- texts in Chinese encodings ------------------------------------------------------------


def test_a_gbk_text_is_read_and_its_utf8_text_saved_beside_the_graph(tmp_path: Path) -> None:
    source = tmp_path / "downloads" / "plan-gbk.txt"
    source.parent.mkdir()
    source.write_bytes(PLAN.encode("gbk"))
    out = tmp_path / "plan.ttl"
    g = build(source, out)
    saved = tmp_path / "plan.txt"
    assert saved.read_bytes() == PLAN.encode("utf-8")
    assert recorded(g) == {
        "fileName": "plan.txt",
        "sha256": hashlib.sha256(PLAN.encode("utf-8")).hexdigest(),
        "originalFileName": "plan-gbk.txt",
        "originalSha256": hashlib.sha256(PLAN.encode("gbk")).hexdigest(),
    }
    assert task_leads(g) == {"建设数据平台": "区数据局", "培育数字企业": "区经信局"}
    doc = extract_file(source)
    assert facts(doc) == PLAN_TASKS
    assert targets(doc) == PLAN_TARGETS
    assert_text_is_found(out)
    header = out.read_text(encoding="utf-8").splitlines()[1]
    assert "plan-gbk.txt (sha256 in pg:originalSha256; its text" in header


def test_a_utf8_text_is_its_own_source_text(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "graphs" / "plan.ttl"
    out.parent.mkdir()
    g = build(source, out)
    assert recorded(g) == {
        "fileName": "plan.txt",
        "sha256": sha256(source),
        "originalFileName": None,
        "originalSha256": None,
    }
    assert sorted(p.name for p in out.parent.iterdir()) == ["plan.ttl"]  # no copy of the text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + PLAN.encode("utf-8"), "utf-8-sig"),
        (PLAN.encode("utf-16"), "utf-16"),
        (PLAN.encode("gb18030"), "gb18030"),
        (PLAN.replace("\n", "\r\n").encode("gbk"), "gb18030"),
    ],
)
def test_common_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert (source.encoding, source.format) == (encoding, "text")
    assert source.text.replace("\r\n", "\n") == PLAN
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert facts(extract_file(path)) == PLAN_TASKS


def test_a_big5_text_in_traditional_characters(tmp_path: Path) -> None:
    text = "嘉興市數字經濟發展行動方案\n一、主要任務\n1．建設數據平臺。（牽頭單位：市數據局）\n"
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("big5"))
    source = read_source(path)
    assert (source.text, source.encoding) == (text, "big5")
    doc = extract_file(path)
    # the headings are read; the responsibility words are read in simplified characters only
    assert (doc.title, [s.title for s in doc.walk()]) == (
        "嘉興市數字經濟發展行動方案",
        ["主要任務", "建設數據平臺"],
    )


def test_encoding_forces_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "plan-gbk.txt"
    source.write_bytes(("政策\n" + PLAN).encode("gbk"))
    out = tmp_path / "plan.ttl"
    assert main(["build", str(source), "--encoding", "utf-8", "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"policygraph build: error: {source}:1:1: not utf-8 text: invalid byte 0xd5 at byte "
        "offset 0 (byte column)\n"
    )  # 政 is D5 FE in GBK
    assert not out.exists()
    assert main(["build", str(source), "--encoding", "gbk", "-o", str(out), "-q"]) == 0
    assert (tmp_path / "plan.txt").read_text(encoding="utf-8") == "政策\n" + PLAN
    assert main(["build", str(source), "--encoding", "no-such", "-o", str(out)]) == 2
    assert capsys.readouterr().err.endswith(f"{source}: unknown encoding 'no-such'\n")


def test_a_forced_encoding_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("plan\n中文方案\n".encode("gbk"))  # 中 is D6 D0: invalid at once
    with pytest.raises(ExtractionError) as info:
        extract_file(path, encoding="utf-8")
    assert (info.value.line, info.value.column) == (2, 1)
    assert str(info.value).startswith(f"{path}:2:1: not utf-8 text: invalid byte 0xd6")


def test_the_saved_text_never_overwrites_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "plan.txt"
    data = PLAN.encode("gbk")
    source.write_bytes(data)
    out = tmp_path / "plan.ttl"
    assert main(["build", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"policygraph build: error: refusing to write {source}: it is the input {source}\n"
    )
    assert source.read_bytes() == data
    assert not out.exists()


# -- web pages -----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>南湖区人民政府门户网站</title>
<style>.nav {{ color: red }}</style>
<script>var 一、主要任务 = "不是正文";</script></head>
<body>
<div class="header"><a href="/">首页</a> | <a href="/zwgk">政务公开</a></div>
<ul class="main-nav"><li>一、机构概况</li><li>二、政策文件</li></ul>
<div class="breadcrumb">当前位置：首页 &gt; 政策文件</div>
<h1>{title}</h1>
<div class="info">发布日期：2024-03-01 来源：区政府办</div>
<div id="zoom" class="TRS_Editor">
{paragraphs}
</div>
<div class="share">分享到：微信 微博</div>
<script type="text/javascript">document.write("一、不是正文");</script>
<div class="footer">版权所有：南湖区人民政府 三、联系我们</div>
</body></html>"""


def test_a_government_web_page_gives_its_article(tmp_path: Path) -> None:
    first, *rest = PLAN.splitlines()
    body = "\n".join(f"<p style='text-indent:2em'>{line}</p>" for line in rest)
    page = tmp_path / "plan.html"
    page.write_bytes(PAGE.format(title=first, paragraphs=body).encode("gbk"))
    source = read_source(page)
    assert (source.text, source.encoding, source.format) == (PLAN, "gb18030", "html")
    out = tmp_path / "graph.ttl"
    g = build(page, out)
    assert recorded(g) == {
        "fileName": "graph.txt",
        "sha256": hashlib.sha256(PLAN.encode("utf-8")).hexdigest(),
        "originalFileName": "plan.html",
        "originalSha256": sha256(page),
    }
    assert zh(g, next(iter(g.subjects(PG.source, None)))) == TITLE
    doc = extract_file(page)
    assert facts(doc) == PLAN_TASKS
    assert targets(doc) == PLAN_TARGETS
    assert_text_is_found(out)


def test_a_web_page_table_becomes_rows(tmp_path: Path) -> None:
    page = tmp_path / "plan.htm"
    page.write_text(
        "<html><body><nav>首页</nav><article><h2>一、重点任务</h2><table>"
        "<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th></tr>"
        "<tr><td>1</td><td>建设数据平台</td><td>区数据局</td><td>区财政局</td></tr>"
        "</table></article></body></html>",
        encoding="utf-8",
    )
    assert read_source(page).text.splitlines() == [
        "一、重点任务",
        "序号 | 重点任务 | 牵头单位 | 配合单位",
        "1 | 建设数据平台 | 区数据局 | 区财政局",
    ]


# -- Word documents --------------------------------------------------------------------------


def make_docx(path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("南湖区人民政府关于印发南湖区数字经济发展行动方案（2024—2026年）的通知")
    document.add_paragraph("2024年3月1日")
    document.add_paragraph("一、主要任务")
    document.add_paragraph("到2026年，数字经济核心产业增加值达到500亿元。")
    rows = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "建设数据平台", "区数据局", "区财政局、区科技局", "2025年底"],
        ["2", "培育数字企业", "区经信局", "区商务局", "2026年底"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("二、保障措施")
    document.add_paragraph("加强组织领导。")
    document.save(str(path))


def test_a_word_document_gives_paragraphs_and_table_rows(tmp_path: Path) -> None:
    path = tmp_path / "方案.docx"
    make_docx(path)
    source = read_source(path)
    assert source.text.splitlines()[3:7] == [
        "到2026年，数字经济核心产业增加值达到500亿元。",
        "序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限",
        "1 | 建设数据平台 | 区数据局 | 区财政局、区科技局 | 2025年底",
        "2 | 培育数字企业 | 区经信局 | 区商务局 | 2026年底",
    ]
    out = tmp_path / "plan.ttl"
    g = build(path, out)
    doc = extract_file(path)
    assert facts(doc) == [
        ("建设数据平台", [("区数据局", "lead"), ("区财政局", "support"), ("区科技局", "support")]),
        ("培育数字企业", [("区经信局", "lead"), ("区商务局", "support")]),
    ]
    assert targets(doc) == [(Decimal(500), "亿元", 2026)]
    assert recorded(g) == {
        "fileName": "plan.txt",
        "sha256": sha256(tmp_path / "plan.txt"),
        "originalFileName": "方案.docx",
        "originalSha256": sha256(path),
    }
    assert (tmp_path / "plan.txt").read_text(encoding="utf-8") == source.text
    assert_text_is_found(out)


# -- PDFs ------------------------------------------------------------------------------------


def test_a_pdf_with_a_text_layer(tmp_path: Path) -> None:
    pdf = FIXTURES / "plan.pdf"
    out = tmp_path / "plan.ttl"
    g = build(pdf, out)
    assert (tmp_path / "plan.txt").read_text(encoding="utf-8") == PLAN
    assert recorded(g) == {
        "fileName": "plan.txt",
        "sha256": hashlib.sha256(PLAN.encode("utf-8")).hexdigest(),
        "originalFileName": "plan.pdf",
        "originalSha256": sha256(pdf),
    }
    doc = extract_file(pdf)
    assert facts(doc) == PLAN_TASKS
    assert targets(doc) == PLAN_TARGETS
    assert task_leads(g) == {"建设数据平台": "区数据局", "培育数字企业": "区经信局"}
    assert_text_is_found(out)


def test_a_scanned_pdf_has_no_text_layer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from matplotlib.figure import Figure

    scan = tmp_path / "scan.pdf"
    figure = Figure(figsize=(2, 3))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.axis("off")
    axes.imshow([[0, 1], [1, 0]])  # a page that is only an image, as a scanner makes
    figure.savefig(scan, format="pdf")
    out = tmp_path / "scan.ttl"
    assert main(["build", str(scan), "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"policygraph build: error: {scan}: no text layer in 1 PDF page(s)"
        " (a scanned PDF? run OCR on it first)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scan.pdf"]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"%PDF-1.4\nbroken", "not a readable PDF"),
        (b"PK\x03\x04broken", "not a Word document (.docx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "save it as .docx"),
    ],
)
def test_damaged_documents_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, fragment: str
) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(data)
    assert main(["build", str(path), "-o", str(tmp_path / "plan.ttl")]) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1 and str(path) in err


def test_a_folder_of_downloads_is_built_one_graph_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.pdf").write_bytes((FIXTURES / "plan.pdf").read_bytes())
    make_docx(plans / "b.docx")
    (plans / "c.txt").write_bytes(PLAN.encode("gbk"))
    (plans / "notes.md").write_text("not a plan", encoding="utf-8")
    out = tmp_path / "graphs"
    assert main(["build", str(plans), "-o", str(out), "-q"]) == 0
    assert "built 3 of 3 plan texts" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "a.ttl",
        "a.txt",
        "b.ttl",
        "b.txt",
        "c.ttl",
        "c.txt",
    ]
    for name in ("a", "b", "c"):
        assert_text_is_found(out / f"{name}.ttl")


def test_a_missing_reader_library_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    path = tmp_path / "plan.docx"
    make_docx(path)
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a)
    )
    assert main(["build", str(path), "-o", str(tmp_path / "plan.ttl")]) == 2
    assert capsys.readouterr().err == (
        f"policygraph build: error: {path}: reading .docx needs python-docx:"
        " pip install 'policygraph[formats]'\n"
    )
