r"""Plan files as they are downloaded → one plain text, one paragraph a line.

A plan comes as a text file in some Chinese encoding, a web page saved from a government site,
a Word document or a PDF. :func:`read_source` picks the reader by the file's first bytes (a
PDF, a ZIP-based Word document) and else by its suffix, and returns a :class:`SourceText`:
the normalised text that spans point into, and the original file's name and SHA-256, so a
quote can be traced to the download.

Heavy libraries (charset-normalizer, python-docx, pypdf) are imported inside the readers that
need them; errors they raise are translated into :class:`~policygraph.errors.InputError` or
:class:`~policygraph.errors.ExtractionError` naming the file.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "plan.txt"
>>> _ = path.write_bytes("一、总体要求\n".encode("gb18030"))
>>> source = read_source(path)
>>> source.text, source.encoding, source.is_plain_utf8
('一、总体要求\n', 'gb18030', False)
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import ExtractionError, InputError

__all__ = [
    "SUFFIXES",
    "SourceText",
    "decode_text",
    "plan_files",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_source",
    "read_txt",
]

#: the file suffixes a folder of plans is searched for
SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")

# encodings tried, in this order, when a text is neither UTF-8 nor marked by a BOM
_CHINESE = ("gb18030", "big5", "utf_16_le", "utf_16_be")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class SourceText:
    """A plan file read as text.

    Attributes
    ----------
    text : str
        The normalised text: what the extractor reads and every span points into.
    file_name : str
        The original file's name, without its folder.
    sha256 : str
        The SHA-256 of the original file's bytes (64 lowercase hexadecimal digits).
    format : str
        What was read: ``"text"``, ``"html"``, ``"docx"`` or ``"pdf"``.
    encoding : str or None
        The encoding a text or web page was decoded with (``None`` for DOCX and PDF).
    """

    text: str
    file_name: str
    sha256: str
    format: str
    encoding: str | None = None

    @property
    def is_plain_utf8(self) -> bool:
        """Whether the original file is the normalised text itself (UTF-8, no BOM).

        Examples
        --------
        >>> SourceText("一", "a.txt", "0" * 64, "text", "utf-8").is_plain_utf8
        True
        >>> SourceText("一", "a.txt", "0" * 64, "text", "utf-8-sig").is_plain_utf8
        False
        """
        return self.format == "text" and self.encoding == "utf-8"


def decode_text(
    data: bytes, /, *, encoding: str | None = None, source: str = "<bytes>"
) -> tuple[str, str]:
    """Decode the bytes of a Chinese text and return ``(text, encoding)``.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32), then strict UTF-8, then the
    most likely of GB18030 (a superset of GBK and GB2312), Big5 and BOM-less UTF-16 as
    charset-normalizer judges them.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    encoding : str, optional
        Decode with this encoding and no other (any name Python's codecs know).
    source : str
        The file's name, for messages.

    Returns
    -------
    (str, str)
        The text, and the codec name it was decoded with.

    Raises
    ------
    InputError
        ``encoding`` is not a known encoding.
    ExtractionError
        The bytes are not text in ``encoding``, or in any encoding tried.

    Examples
    --------
    >>> decode_text("南湖區".encode("big5"), encoding="big5")
    ('南湖區', 'big5')
    >>> decode_text(codecs.BOM_UTF8 + "南湖".encode())
    ('南湖', 'utf-8-sig')
    """
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError as exc:
            raise InputError(f"unknown encoding {encoding!r}", source=source) from exc
        try:
            return data.decode(name), name
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise ExtractionError(
                f"not {encoding} text: invalid byte 0x{data[exc.start]:02x} at byte offset "
                f"{exc.start} (byte column)",
                source=source,
                line=line,
                column=column,
            ) from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_CHINESE)).best()
    if best is None:
        raise ExtractionError(
            "not text in any encoding tried (UTF-8, GB18030/GBK, Big5, UTF-16);"
            " give one with --encoding",
            source=source,
        )
    name = codecs.lookup(best.encoding).name
    return data.decode(name), name


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such file", source=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=str(path)) from exc
    if not data:
        raise ExtractionError("empty file", source=str(path))
    return data


def _source(path: Path, data: bytes, text: str, format: str, encoding: str | None) -> SourceText:
    if not text.strip():
        raise ExtractionError("file contains only whitespace", source=str(path))
    return SourceText(text, path.name, hashlib.sha256(data).hexdigest(), format, encoding)


def read_txt(path: str | os.PathLike[str], /, *, encoding: str | None = None) -> SourceText:
    r"""Read a plain-text plan in any common Chinese encoding (see :func:`decode_text`).

    A UTF-8 text without a byte-order mark is returned exactly as it is; a text with a NUL
    byte is refused unless it decodes as UTF-16 or UTF-32.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = path.write_bytes("一、总体要求\n".encode("utf-16"))
    >>> read_txt(path).text
    '一、总体要求\n'
    """
    p = Path(path)
    data = _read_bytes(p)
    nul = data.find(b"\x00")
    try:
        text, used = decode_text(data, encoding=encoding, source=str(p))
    except ExtractionError:
        if nul >= 0:
            raise ExtractionError(
                f"binary file: NUL byte at byte offset {nul}", source=str(p)
            ) from None
        raise
    if "\x00" in text:
        raise ExtractionError(f"binary file: NUL byte at byte offset {nul}", source=str(p))
    return _source(p, data, text, "text", used)


# -- web pages ----------------------------------------------------------------------------

_SKIPPED = frozenset(
    ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
     "select", "button", "iframe", "svg", "head", "object")
)  # fmt: skip
# class or id words that mark navigation, page furniture or sharing buttons
_FURNITURE = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|header|footer|sidebar|share|position"
    r"|location|topbar|banner|copyright)($|[-_\s])",
    re.IGNORECASE,
)
# class or id words of the article body on government sites (TRS, UCAP and the like)
_BODY = re.compile(
    r"(^|[-_\s])(article|content|zoom|trs_editor|ucap-content|pages_content|main-content"
    r"|zw|text)($|[-_\s])",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    ("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section",
     "article", "main", "blockquote", "pre", "dd", "dt", "ul", "ol", "body", "hr")
)  # fmt: skip
_VOID = frozenset(
    ("br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr")
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class _Page(HTMLParser):
    """Collects the text of a page, one block a line, cells of a row joined by `` | ``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, body)
        self.lines: list[tuple[str, bool]] = []  # (line, inside an article body)
        self.current: list[str] = []
        self.cells: list[str] | None = None

    @property
    def skipped(self) -> bool:
        return any(s for _, s, _ in self.stack)

    @property
    def in_body(self) -> bool:
        return any(b for _, _, b in self.stack)

    def flush(self) -> None:
        line = re.sub(r"\s+", " ", "".join(self.current)).strip()
        self.current = []
        if line:
            self.lines.append((line, self.in_body))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        if tag in _BLOCKS and self.cells is None:
            self.flush()
        if tag == "tr":
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.current = []
        if tag in _VOID:
            return
        skipped = tag in _SKIPPED or bool(_FURNITURE.search(marks)) or "navigation" in marks
        self.stack.append((tag, skipped, bool(_BODY.search(marks)) or tag == "article"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _, _ in self.stack):
            return
        if tag in ("td", "th") and self.cells is not None:
            cell = re.sub(r"\s+", " ", "".join(self.current)).strip()
            self.current = []
            if not self.skipped:
                self.cells.append(cell)
        while self.stack:
            open_tag, _, _ = self.stack.pop()
            if open_tag == tag:
                break
        if tag == "tr" and self.cells is not None:
            if any(self.cells):
                self.current = [" | ".join(self.cells)]
            self.cells = None
            self.flush()
        elif tag in _BLOCKS and self.cells is None:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipped:
            self.current.append(data)


def read_html(path: str | os.PathLike[str], /, *, encoding: str | None = None) -> SourceText:
    """Read the article of a web page saved from a government site, one paragraph a line.

    Scripts, styles, forms, navigation, headers, footers and sidebars are dropped (by tag,
    and by ``class``/``id`` words such as ``nav``, ``menu``, ``breadcrumb``, ``footer``).
    When the page marks its article body (``<article>``, or a ``class``/``id`` such as
    ``article``, ``content``, ``zoom``, ``TRS_Editor``), only the text inside is kept, with the
    page's first ``<h1>`` as its title if the body does not hold it. Table rows become lines
    with cells joined by `` | ``. The page's ``<meta charset>`` names its encoding; else
    it is detected as for a text.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "plan.html"
    >>> _ = path.write_text('''<html><head><title>站点</title><script>var a;</script></head>
    ... <body><div class="nav">首页 | 政策</div><h1>南湖区行动方案</h1>
    ... <div id="zoom"><p>一、总体要求</p><p>到2027年，建成 <b>10</b> 个平台。</p></div>
    ... <div class="footer">版权所有</div></body></html>''', encoding="utf-8")
    >>> print(read_html(path).text)
    南湖区行动方案
    一、总体要求
    到2027年，建成 10 个平台。
    <BLANKLINE>
    """
    p = Path(path)
    data = _read_bytes(p)
    if encoding is None:
        declared = _CHARSET.search(data[:4096])
        if declared is not None:
            name = declared.group(1).decode("ascii").lower()
            # pages that say gb2312 or gbk are often written in its superset
            encoding = "gb18030" if name in ("gb2312", "gbk", "gb_2312-80") else name
            try:
                codecs.lookup(encoding)
            except LookupError:
                encoding = None
    markup, used = decode_text(data, encoding=encoding, source=str(p))
    page = _Page()
    page.feed(markup)
    page.close()
    page.flush()
    lines = [line for line, _ in page.lines]
    body = [line for line, inside in page.lines if inside]
    if body:
        # the title heading usually stands just before the article body, outside it
        heading = _h1(markup)
        if heading and heading not in body:
            body.insert(0, heading)
        lines = body
    return _source(p, data, "".join(line + "\n" for line in lines), "html", used)


def _h1(markup: str) -> str | None:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.IGNORECASE | re.DOTALL)
    if found is None:
        return None
    import html

    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))).strip()
    return text or None


# -- Word and PDF -------------------------------------------------------------------------


def _needs(module: str, package: str, path: Path) -> None:
    """Raise a one-line error naming the package to install when ``module`` is missing."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise InputError(
            f"reading {path.suffix or 'this file'} needs {package}:"
            " pip install 'policygraph[formats]'",
            source=str(path),
        )


def read_docx(path: str | os.PathLike[str], /) -> SourceText:
    """Read a Word document (``.docx``): paragraphs a line each, table rows as ``cell | cell``.

    Paragraphs and tables are read in document order; a cell merged over several columns is
    read once; the paragraphs of one cell are joined by a space.

    Raises
    ------
    ExtractionError
        The file is not a Word document (``.docx``; the older ``.doc`` is not read).
    """
    p = Path(path)
    data = _read_bytes(p)
    import io
    import zipfile

    _needs("docx", "python-docx", p)
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(f"not a Word document (.docx): {exc}", source=str(p)) from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text.strip())
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                seen: list[object] = []
                for cell in row.cells:
                    if any(cell._tc is s for s in seen):  # a merged cell repeats
                        continue
                    seen.append(cell._tc)
                    cells.append(" ".join(par.text.strip() for par in cell.paragraphs).strip())
                if any(cells):
                    lines.append(" | ".join(cells))
    text = "".join(line + "\n" for line in lines if line)
    return _source(p, data, text, "docx", None)


def read_pdf(path: str | os.PathLike[str], /) -> SourceText:
    """Read the text layer of a PDF, page after page.

    Raises
    ------
    ExtractionError
        The file is not a readable PDF, is encrypted with a password, or has no text layer (a
        scanned PDF: run OCR on it first).
    """
    p = Path(path)
    data = _read_bytes(p)
    import io
    import logging

    _needs("pypdf", "pypdf", p)
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("the PDF is encrypted with a password", source=str(p))
        pages = [page.extract_text() or "" for page in reader.pages]
    except PyPdfError as exc:
        raise ExtractionError(f"not a readable PDF: {exc}", source=str(p)) from exc
    finally:
        quiet.setLevel(level)
    lines = [line.strip() for page in pages for line in page.splitlines()]
    text = "".join(line + "\n" for line in lines if line)
    if not text.strip():
        raise ExtractionError(
            f"no text layer in {len(pages)} PDF page(s) (a scanned PDF? run OCR on it first)",
            source=str(p),
        )
    return _source(p, data, text, "pdf", None)


def read_source(path: str | os.PathLike[str], /, *, encoding: str | None = None) -> SourceText:
    """Read a plan file of any supported format, chosen by its first bytes, then its suffix.

    A file starting ``%PDF-`` is read as PDF; a ZIP file (``PK``) as a Word document; a
    ``.html``/``.htm`` file, or one starting with ``<!DOCTYPE html`` or ``<html``, as a web
    page; anything else as a text.

    Parameters
    ----------
    path : path-like
        The file.
    encoding : str, optional
        The encoding of a text or web page, instead of detecting it.

    Returns
    -------
    SourceText

    Raises
    ------
    InputError
        The file does not exist or cannot be read, or ``encoding`` is unknown.
    ExtractionError
        The file is empty, binary, not text in any encoding tried, a PDF without a text
        layer, or a damaged document.
    """
    p = Path(path)
    head = _read_bytes(p)[:512]
    suffix = p.suffix.lower()
    if head.startswith(b"%PDF-"):
        return read_pdf(p)
    if head.startswith(b"PK\x03\x04"):
        return read_docx(p)
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractionError(
            "a Word 97-2003 document (.doc) is not read: save it as .docx", source=str(p)
        )
    start = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    if suffix in (".html", ".htm", ".xhtml") or start.startswith((b"<!doctype html", b"<html")):
        return read_html(p, encoding=encoding)
    return read_txt(p, encoding=encoding)


def plan_files(sources: Iterable[str | os.PathLike[str]], /) -> list[Path]:
    """The plan files to read: files as given, folders expanded to their plan files, sorted.

    Raises
    ------
    InputError
        A folder holds no plan file (``*.txt``, ``*.html``, ``*.htm``, ``*.docx``, ``*.pdf``).

    Examples
    --------
    >>> from policygraph.resources import resource_path
    >>> files = plan_files([resource_path("data", "corpus", "texts")])
    >>> len(files), files[0].name
    (23, 'ah2021_gongye_hulianwang.txt')
    """
    out: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()
            )
            if not found:
                raise InputError(
                    "folder holds no plan file (*.txt, *.html, *.htm, *.docx, *.pdf)",
                    source=str(source),
                )
            out.extend(found)
        else:
            out.append(path)
    return out
