"""`policygraph query` tables for Excel: xlsx files, CSV with a byte-order mark, safe writes.

tests/fixtures/sparql-mini.ttl has three targets: 3.5 % (deadline 2026), 10 家 (2027) and
5—10 项 (2027); the 3.5 % target has no upper value and an explicit deadline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


# -- typed columns, the same on rdflib, Oxigraph and an Oxigraph server ----------------------
TYPED_TTL = """\
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:n 1 ; ex:year "2026"^^xsd:gYear ; ex:v 3.5 ; ex:ok true ; ex:d "2027-06-30"^^xsd:date ;
     ex:t "2027-06-30T08:30:00"^^xsd:dateTime ; ex:x 2.5e0 ; ex:mixed "a" .
ex:b ex:n 2 ; ex:year "2027"^^xsd:gYear ; ex:v 10 ; ex:ok false ; ex:d "2026-01-01"^^xsd:date ;
     ex:t "2026-01-01T00:00:00"^^xsd:dateTime ; ex:mixed 7 .
ex:c ex:n 3 ; ex:v 0.25 .
"""
TYPED_QUERY = """
PREFIX ex: <http://example.org/>
SELECT ?s ?n ?year ?v ?ok ?d ?t ?x ?mixed WHERE {
  ?s ex:n ?n . ?s ex:v ?v .
  OPTIONAL { ?s ex:year ?year } OPTIONAL { ?s ex:ok ?ok } OPTIONAL { ?s ex:d ?d }
  OPTIONAL { ?s ex:t ?t } OPTIONAL { ?s ex:x ?x } OPTIONAL { ?s ex:mixed ?mixed }
} ORDER BY ?n
"""


@pytest.fixture(scope="module")
def typed_sources(tmp_path_factory: pytest.TempPathFactory, oxigraph_server_for: Any) -> Any:
    from policygraph import open_store
    from policygraph.rdf import load_graph

    path = tmp_path_factory.mktemp("typed") / "typed.ttl"
    path.write_text(TYPED_TTL, encoding="utf-8")
    return {
        "rdflib": load_graph(path),
        "oxigraph": open_store(None, path),
        "endpoint": oxigraph_server_for("typed-columns", path).query_url,
    }


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph", "endpoint"])
def test_columns_are_typed_on_every_backend(typed_sources: Any, backend: str) -> None:
    import datetime

    import pandas as pd

    from policygraph import query

    frame = query(typed_sources[backend], TYPED_QUERY)
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == {
        "s": "object",
        "n": "int64",
        "year": "Int64",  # xsd:gYear as integer years, one missing
        "v": "float64",  # 3.5, 10 and 0.25: xsd:decimal and xsd:integer together
        "ok": "boolean",
        "d": "datetime64[ns]",
        "t": "datetime64[ns]",
        "x": "float64",
        "mixed": "object",
    }
    assert frame["n"].tolist() == [1, 2, 3]
    assert frame["year"].tolist()[:2] == [2026, 2027] and frame["year"].isna().tolist()[2]
    assert frame["v"].tolist() == [3.5, 10.0, 0.25]
    assert frame["ok"].tolist()[:2] == [True, False]
    assert frame.loc[0, "d"] == pd.Timestamp(datetime.date(2027, 6, 30))
    assert frame.loc[0, "t"] == pd.Timestamp(2027, 6, 30, 8, 30)
    assert frame["x"].tolist()[0] == 2.5 and frame["x"].isna().tolist()[1:] == [True, True]
    assert frame["mixed"].tolist() == ["a", 7, None]
    # no Decimal objects anywhere
    assert not any(type(v).__name__ == "Decimal" for col in frame for v in frame[col])
    if backend != "rdflib":
        expected = query(typed_sources["rdflib"], TYPED_QUERY)
        pd.testing.assert_frame_equal(frame, expected)


def test_typed_columns_reach_the_workbook(typed_sources: Any, tmp_path: Path) -> None:
    import datetime

    from policygraph import query
    from policygraph._tables import write_table

    out = write_table(
        query(typed_sources["oxigraph"], TYPED_QUERY), tmp_path / "t.xlsx", fmt="xlsx"
    )
    sheet = load_workbook(out).worksheets[0]
    assert [c.value for c in sheet[2]] == [
        "http://example.org/a", 1, 2026, 3.5, True,
        datetime.datetime(2027, 6, 30), datetime.datetime(2027, 6, 30, 8, 30), 2.5, "a",
    ]  # fmt: skip
    assert sheet["F2"].is_date and sheet["F2"].number_format == "yyyy-mm-dd"
    assert [c.value for c in sheet[4]] == [
        "http://example.org/c", 3, None, 0.25, None, None, None, None, None,
    ]  # fmt: skip


def test_terminal_table_shows_numbers_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "cq05", "--data", str(MINI)]) == 0
    lines = capsys.readouterr().out.splitlines()
    first = lines[1].split()
    # target, label, value 3.5, (no upper value), unit, comparator, 2026, False
    assert first[2:] == ["3.5", "%", PG + "MoreThan", "2026", "False"]
    assert lines[3].split()[2:5] == ["5", "10", "项"]  # not 5.000000e+00, NaN or <NA>
