r"""Write a result table as CSV, Excel CSV, TSV, JSON records or an Excel workbook (private).

Every format writes missing values (``None``, ``NaN``, ``pd.NA``, ``NaT``) as empty cells
(``null`` in JSON). ``excel-csv`` is CSV encoded as UTF-8 with a byte-order mark, which is how
Excel recognises UTF-8: without it, Excel reads Chinese text as mojibake. ``xlsx`` writes one
worksheet with a bold header row, frozen below the header; numbers, booleans and dates become
cells of those types, everything else text.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"label": ["市科技局"], "value": [3.5]})
>>> print(table_text(frame, "csv"), end="")
label,value
市科技局,3.5
>>> table_text(frame, "excel-csv").startswith("\ufefflabel,")
True
"""

from __future__ import annotations

import datetime
import io
import math
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from openpyxl import Workbook

__all__ = ["TABLE_FORMATS", "cell_value", "table_text", "workbook", "write_table"]

#: formats of :func:`write_table`; ``xlsx`` is binary, the others text
TABLE_FORMATS = ("csv", "excel-csv", "tsv", "json", "xlsx")
#: Excel's limits: characters in a cell, rows in a worksheet
_EXCEL_CELL_CHARS = 32_767
_EXCEL_ROWS = 1_048_576
_SHEET_TITLE_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})


def cell_value(value: Any, /) -> Any:
    """A frame value as a plain Python value: numbers, bool, str, date(time), or None.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> cell_value(np.int64(7)), cell_value(pd.NA), cell_value(float("nan")), cell_value(True)
    (7, None, None, True)
    """
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
        if value.time() == datetime.time(0) and value.tzinfo is None:
            return value.date()
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool | int | float | datetime.date):
        return value
    return str(value)


def table_text(frame: pd.DataFrame, fmt: str, /, *, bom: bool = False) -> str:
    """The text of ``frame`` in a text format of :data:`TABLE_FORMATS`.

    ``bom`` starts CSV or TSV with a byte-order mark (``excel-csv`` always has one).
    """
    import json

    if fmt == "json":
        records = [
            {str(k): _jsonable(cell_value(v)) for k, v in row.items()}
            for row in frame.to_dict(orient="records")
        ]
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if fmt not in ("csv", "excel-csv", "tsv"):
        raise ValueError(f"not a text table format: {fmt}")
    out = io.StringIO()
    if fmt == "excel-csv" or bom:
        out.write("\ufeff")
    plain = frame.astype(object).map(cell_value) if len(frame.columns) else frame
    plain.to_csv(out, index=False, sep="\t" if fmt == "tsv" else ",", lineterminator="\n")
    return out.getvalue()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_table(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    /,
    *,
    fmt: str,
    bom: bool = False,
    sheet: str = "query",
) -> Path:
    """Write ``frame`` to ``path`` atomically in a format of :data:`TABLE_FORMATS`.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    path : path-like
        The file to write; its folder must exist.
    fmt : str
        One of :data:`TABLE_FORMATS`.
    bom : bool
        Start CSV or TSV with a UTF-8 byte-order mark.
    sheet : str
        The worksheet's title (``xlsx`` only).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    InputError
        The folder does not exist or cannot be written, or the table does not fit in an Excel
        worksheet (too many rows, a cell too long, a control character Excel cannot store).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from openpyxl import load_workbook
    >>> path = Path(tempfile.mkdtemp()) / "out.xlsx"
    >>> _ = write_table(pd.DataFrame({"year": [2027]}), path, fmt="xlsx")
    >>> [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]
    [['year'], [2027]]
    """
    from ._atomic import atomic_path

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("the folder to write into does not exist", source=str(target))
    try:
        if fmt == "xlsx":
            book = workbook([(sheet, frame)], str(target))
            with atomic_path(target) as tmp:
                book.save(tmp)
        else:
            data = table_text(frame, fmt, bom=bom).encode("utf-8")
            with atomic_path(target) as tmp:
                tmp.write_bytes(data)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", source=str(target)) from exc
    return target


def workbook(sheets: Sequence[tuple[str, pd.DataFrame]], where: str, /) -> Workbook:
    """An openpyxl workbook with one sheet per ``(title, frame)``: typed cells, bold header.

    Numbers, booleans and dates are cells of those types and missing values empty cells
    (:func:`cell_value`); a table Excel cannot hold (too many rows, a control character, a
    cell over 32,767 characters) is an InputError naming ``where``.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    for title, frame in sheets:
        _sheet(book, frame, title, where)
    return book


def _sheet(book: Workbook, frame: pd.DataFrame, title: str, where: str) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if len(frame) + 1 > _EXCEL_ROWS:
        raise InputError(
            f"{len(frame)} rows do not fit in an Excel worksheet ({_EXCEL_ROWS - 1} at most): "
            "write CSV instead",
            source=where,
        )
    sheet = book.create_sheet((title.translate(_SHEET_TITLE_BAD) or "query")[:31])
    columns = [str(c) for c in frame.columns]
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [_width(c) for c in columns]
    for number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        values = [cell_value(v) for v in row]
        for i, value in enumerate(values):
            if isinstance(value, str):
                if ILLEGAL_CHARACTERS_RE.search(value):
                    raise InputError(
                        f"row {number} column {columns[i]!r} holds a control character that "
                        "Excel cannot store: write CSV instead",
                        source=where,
                    )
                if len(value) > _EXCEL_CELL_CHARS:
                    raise InputError(
                        f"row {number} column {columns[i]!r} is longer than an Excel cell "
                        f"({_EXCEL_CELL_CHARS} characters): write CSV instead",
                        source=where,
                    )
            widths[i] = max(widths[i], _width(value))
        sheet.append(values)
        for i, value in enumerate(values):
            if isinstance(value, datetime.datetime):
                sheet.cell(number, i + 1).number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(value, datetime.date):
                sheet.cell(number, i + 1).number_format = "yyyy-mm-dd"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, 80)
    sheet.freeze_panes = "A2"


def _width(value: object) -> int:
    """Display width: East Asian wide characters count twice."""
    import unicodedata

    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
