"""`policygraph query` tables for Excel: xlsx files, CSV with a byte-order mark, safe writes.

tests/fixtures/sparql-mini.ttl has three targets: 3.5 % (deadline 2026), 10 家 (2027) and
5—10 项 (2027); the 3.5 % target has no upper value and an explicit deadline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from policygraph.cli import main

MINI = Path(__file__).resolve().parent / "fixtures" / "sparql-mini.ttl"
TARGET = "https://w3id.org/policygraph/id/plan/mini/target/"
PG = "https://w3id.org/policygraph/def#"
HEADER = (
    "target",
    "target_label",
    "value",
    "upper_value",
    "unit",
    "comparator",
    "deadline_year",
    "deadline_implied",
)


def test_xlsx_cells_have_values_and_types(tmp_path: Path) -> None:
    out = tmp_path / "targets.xlsx"
    assert main(["query", "cq05", "--data", str(MINI), "-o", str(out)]) == 0
    book = load_workbook(out)
    sheet = book.active
    assert sheet is not None
    assert sheet.title == "cq05"
    assert sheet.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert tuple(rows[0]) == HEADER
    assert all(cell.font.bold for cell in sheet[1])
    assert rows[1:] == [
        [TARGET + "1", "研究与试验发展经费支出占地区生产总值比重超过3.5%", 3.5, None, "%",
         PG + "MoreThan", 2026, False],
        [TARGET + "2", "每年新建实验室10家以上", 10, None, "家", PG + "AtLeast", 2027, True],
        [TARGET + "3", "累计引进成果5—10项", 5, 10, "项", PG + "Between", 2027, True],
    ]  # fmt: skip
    # numbers are numeric cells, booleans boolean cells, missing values empty cells
    assert [sheet.cell(2, c).data_type for c in range(1, 9)] == [
        "s", "s", "n", "n", "s", "s", "n", "b"
    ]  # fmt: skip
    assert isinstance(sheet["C2"].value, float) and sheet["C2"].value == 3.5
    assert isinstance(sheet["G2"].value, int) and sheet["G2"].value == 2026
    assert sheet["D2"].value is None and sheet["D4"].value == 10
    assert sheet["H2"].value is False and sheet["H3"].value is True


def test_xlsx_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "cq01", "--data", str(MINI), "--format", "xlsx"]) == 2
    assert capsys.readouterr().err == (
        "policygraph query: error: --format xlsx writes a file: give -o FILE.xlsx\n"
    )


def test_excel_csv_starts_with_the_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["query", "cq05", "--data", str(MINI), "-p", "by=2026"]
    assert main([*args, "--format", "excel-csv"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("\ufefftarget,target_label,value,")
    assert printed.splitlines()[1] == (
        f"{TARGET}1,研究与试验发展经费支出占地区生产总值比重超过3.5%,3.5,,%,{PG}MoreThan,2026,False"
    )
    out = tmp_path / "targets.csv"
    assert main([*args, "-o", str(out), "--bom"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbftarget,")
    assert data.decode("utf-8-sig") == printed.lstrip("\ufeff")
    assert main([*args, "-o", str(out)]) == 0  # plain CSV: no mark
    assert out.read_bytes().startswith(b"target,")
    tsv = tmp_path / "targets.tsv"
    assert main([*args, "-o", str(tsv), "--bom"]) == 0
    assert tsv.read_bytes().startswith(b"\xef\xbb\xbftarget\ttarget_label\t")
    assert capsys.readouterr().out == ""


def test_bom_applies_to_csv_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "cq01", "--data", str(MINI), "--format", "json", "--bom"]) == 2
    assert "--bom applies to csv and tsv, not json" in capsys.readouterr().err


def test_output_may_not_be_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "mini.ttl"
    data.write_bytes(MINI.read_bytes())
    assert main(["query", "cq01", "--data", str(data), "-o", str(data), "--format", "csv"]) == 2
    assert f"refusing to write {data}: it is the input {data}" in capsys.readouterr().err
    assert data.read_bytes() == MINI.read_bytes()
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n", encoding="utf-8")
    assert main(["query", str(rq), "--data", str(data), "-o", str(rq), "--format", "csv"]) == 2
    assert "refusing to write" in capsys.readouterr().err
    assert rq.read_text(encoding="utf-8").startswith("SELECT")


def test_a_failed_query_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "old.xlsx"
    out.write_bytes(b"old")
    assert main(["query", "-e", "SELEC ?x", "--data", str(MINI), "-o", str(out)]) == 2
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.xlsx"]


def test_json_file_from_the_suffix(tmp_path: Path) -> None:
    import json

    out = tmp_path / "leads.json"
    assert main(["query", "cq05", "--data", str(MINI), "-o", str(out)]) == 0
    records = json.loads(out.read_text(encoding="utf-8"))
    assert records[0]["value"] == 3.5 and records[0]["upper_value"] is None
    assert records[2]["upper_value"] == 10 and records[2]["deadline_year"] == 2027


def test_missing_folder_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "x.xlsx"
    assert main(["query", "cq01", "--data", str(MINI), "-o", str(out)]) == 2
    assert "the folder to write into does not exist" in capsys.readouterr().err
