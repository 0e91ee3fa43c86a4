r"""Task tables: a plan's table flattened one row a line, cells joined by ``|``.

A table starts at a header row that names a column of units (牵头单位, 责任单位, 配合单位,
指导部门…). Every later line with as many cells is a row, and a row that names units is a
task: its title is the cell of the task column (重点任务, 主要任务, 改革举措, 工作任务…, or the
first cell that is neither a number nor units), its units are read from the unit columns in
order, with the roles their headers give. Lines without cells (a section heading between
groups of rows) are passed over; a line with another number of cells ends the table.

Examples
--------
>>> from policygraph.extraction.tables import find_table_rows
>>> text = '''序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限
... 1 | 建设数据平台 | 市数据局 | 市财政局、市科技局 | 2025年底
... '''
>>> (row,) = find_table_rows(text)
>>> row.number, row.title_span.text(text), [(r.department, r.role) for r in row.units]
('1', '建设数据平台', [('市数据局', 'lead'), ('市财政局', 'support'), ('市科技局', 'support')])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Responsibility, Span
from ._text import LineMap, strip_span
from .responsibility import parse_units

__all__ = ["TableRow", "find_table_rows"]

_CELL_SEP = re.compile(r"[|｜]")
_UNIT_HEADERS: dict[str, str] = {
    **dict.fromkeys(("牵头单位", "牵头部门", "主责单位", "主责部门", "牵头"), "lead"),
    **dict.fromkeys(
        ("配合单位", "配合部门", "参与单位", "参与部门", "协同单位", "协办单位", "配合"), "support"
    ),
    **dict.fromkeys(
        ("责任单位", "责任部门", "责任主体", "指导部门", "指导单位", "实施单位", "承办单位"),
        "first",
    ),
}
_TASK_HEADER = re.compile(r"(?:重点|主要|工作|具体)?(?:任务|举措|措施|内容|事项)|改革举措|项目")
_NUMBER_HEADER = re.compile(r"序号|编号")
_NUMBER_CELL = re.compile(r"[0-9０-９]{1,3}[.．、]?")
_MAX_LABEL = 60


@dataclass(frozen=True)
class TableRow:
    """A row of a task table: where it is, its number and title cells, and its units."""

    span: Span
    number: str
    title_span: Span
    units_span: Span
    units: list[Responsibility]


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    pos = start
    for m in _CELL_SEP.finditer(text, start, end):
        cells.append(strip_span(text, pos, m.start()))
        pos = m.end()
    cells.append(strip_span(text, pos, end))
    return cells


@dataclass(frozen=True)
class _Header:
    n_cells: int
    number_col: int | None
    title_col: int | None
    unit_cols: tuple[tuple[int, str], ...]


def _header(text: str, cells: list[tuple[int, int]]) -> _Header | None:
    names = [re.sub(r"\s", "", text[s:e]) for s, e in cells]
    unit_cols = tuple((i, _UNIT_HEADERS[n]) for i, n in enumerate(names) if n in _UNIT_HEADERS)
    if not unit_cols:
        return None
    number_col = next((i for i, n in enumerate(names) if _NUMBER_HEADER.fullmatch(n)), None)
    title_col = next(
        (
            i
            for i, n in enumerate(names)
            if i != number_col and n not in _UNIT_HEADERS and _TASK_HEADER.search(n)
        ),
        None,
    )
    return _Header(len(cells), number_col, title_col, unit_cols)


def find_table_rows(text: str, lines: LineMap | None = None) -> list[TableRow]:
    """Return the rows of every task table in ``text``, in order.

    Parameters
    ----------
    text : str
        The plan text.
    lines : LineMap, optional
        A line map of ``text`` (built when not given).

    Returns
    -------
    list of TableRow
        Each row that names units; rows without units are not tasks.
    """
    lines = lines or LineMap(text)
    out: list[TableRow] = []
    header: _Header | None = None
    for start, end in lines.lines():
        if _CELL_SEP.search(text, start, end) is None:
            continue  # a heading or a paragraph between groups of rows
        cells = _cells(text, start, end)
        found = _header(text, cells)
        if found is not None:
            header = found
            continue
        if header is None or len(cells) != header.n_cells:
            header = None
            continue
        row = _row(text, cells, header)
        if row is not None:
            out.append(row)
    return out


def _row(text: str, cells: list[tuple[int, int]], header: _Header) -> TableRow | None:
    has_lead_col = any(role == "lead" for _, role in header.unit_cols)
    units: list[Responsibility] = []
    seen: set[str] = set()
    for col, role in header.unit_cols:
        s, e = cells[col]
        for unit in (parse_units(text, s, e, role=role) if s < e else None) or []:
            if unit.department in seen:
                continue
            seen.add(unit.department)
            if has_lead_col:
                unit.role = "lead" if role == "lead" and unit.role == "lead" else "support"
            elif units:
                unit.role = "support"
            units.append(unit)
    if not units:
        return None
    units.sort(key=lambda r: r.role != "lead")
    for rank, unit in enumerate(units, start=1):
        unit.rank = rank
    unit_cells = {col for col, _ in header.unit_cols}
    title_col = header.title_col
    if title_col is None:
        title_col = next(
            (
                i
                for i, (s, e) in enumerate(cells)
                if i not in unit_cells and s < e and not _NUMBER_CELL.fullmatch(text, s, e)
            ),
            None,
        )
    if title_col is None:
        return None
    ts, te = cells[title_col]
    number = ""
    if header.number_col is not None:
        ns, ne = cells[header.number_col]
        number = text[ns:ne]
    first_unit = min(cells[col][0] for col in unit_cells)
    last_unit = max(cells[col][1] for col in unit_cells)
    return TableRow(
        span=Span(cells[0][0], cells[-1][1]),
        number=number,
        title_span=Span(ts, min(te, ts + _MAX_LABEL)),
        units_span=Span(first_unit, last_unit),
        units=units,
    )
