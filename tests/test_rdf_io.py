"""Reading and writing graphs: located errors for bad input, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from policygraph.cli import main
from policygraph.errors import InputError
from policygraph.rdf import load_graph, save_graph

GOOD = '@prefix ex: <http://example.org/> .\nex:a ex:label "南湖实验室"@zh .\n'
# line 3, column 15: the string literal opened at column 11 runs into the end of the line
BAD = '@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "x .\nex:d ex:e ex:f .\n'


def test_load_graph_reads_turtle_with_chinese(tmp_path: Path) -> None:
    f = tmp_path / "g.ttl"
    f.write_text(GOOD, encoding="utf-8")
    g = load_graph(f)
    assert (
        URIRef("http://example.org/a"),
        URIRef("http://example.org/label"),
        Literal("南湖实验室", lang="zh"),
    ) in g


def test_malformed_turtle_names_file_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "bad.ttl"
    f.write_text(BAD, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_graph(f)
    err = info.value
    assert (err.source, err.line, err.column) == (str(f), 3, 15)
    assert str(err).startswith(f"{f}:3:15: malformed RDF")
    assert "\n" not in str(err)


def _statements(n: int) -> str:
    return "".join(f'ex:s{i} ex:p "{i}" .\n' for i in range(n))


@pytest.mark.parametrize(
    ("tail", "line", "column", "why"),
    [
        # 2,578 statements, then an unclosed blank node: rdflib reports offset -1
        ('ex:s ex:p [ ex:q "x" \n', 2580, 21, "EOF found after object"),
        ("ex:s ex:p (ex:o \n\n\n", 2580, 16, "needed ')', found end."),
        ("ex:s ex:p ex:o ;\n", 2580, 17, "EOF found when expected verb in property list"),
        # no final '.': rdflib fails with an IndexError
        ("ex:s ex:p ex:o", 2580, 15, "unexpected end of the file"),
    ],
    ids=["blank-node", "list", "property-list", "no-final-dot"],
)
def test_an_error_at_the_end_of_a_file_is_placed_at_its_last_line(
    tail: str, line: int, column: int, why: str, tmp_path: Path
) -> None:
    f = tmp_path / "t.ttl"
    f.write_text("@prefix ex: <http://example.org/> .\n" + _statements(2578) + tail, "utf-8")
    assert f.read_text("utf-8").splitlines()[line - 1].rstrip() == tail.strip()
    assert len(tail.strip()) == column - 1  # just after its last character
    with pytest.raises(InputError) as info:
        load_graph(f)
    assert str(info.value) == f"{f}:{line}:{column}: malformed RDF: {why}"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.ttl: no such file"):
        load_graph(tmp_path / "nope.ttl")


def test_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    f = tmp_path / "gbk.ttl"
    f.write_bytes(GOOD.encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_graph(f)


def test_cli_reports_malformed_turtle_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.ttl"
    f.write_text(BAD, encoding="utf-8")
    assert main(["stats", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{f}:3:15: malformed RDF" in err
    assert "Traceback" not in err


def test_save_graph_is_atomic_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan.ttl"
    out.write_text("old content", encoding="utf-8")
    g = Graph()
    g.add((URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal("c")))

    def boom(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        save_graph(g, out)
    assert out.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ttl"]  # no temporary file left


def test_save_graph_writes_header_and_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "plan.ttl"
    g = Graph()
    g.add(
        (URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal("嘉兴", lang="zh"))
    )
    save_graph(g, out, header="GENERATED FILE\nRegenerate with: policygraph build x")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# GENERATED FILE\n# Regenerate with: policygraph build x\n")
    assert len(load_graph(out) ^ g) == 0


def test_save_graph_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        save_graph(Graph(), tmp_path / "no" / "plan.ttl")


def test_save_graph_gives_ordinary_permissions(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        out = save_graph(Graph(), tmp_path / "plan.ttl")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644
