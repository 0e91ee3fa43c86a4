"""RDF files are untrusted: parsing one fetches nothing, reads no other file, expands no bomb."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

from policygraph.cli import main
from policygraph.errors import InputError
from policygraph.rdf import load_graph

EX = "http://example.org/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@pytest.fixture
def context_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that serves a JSON-LD context and records every request."""
    requests: list[str] = []
    body = json.dumps({"@context": {"name": EX + "name"}}).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            """Keep the test's output quiet."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/context.jsonld", requests
    server.shutdown()
    server.server_close()


def _stats(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["stats", str(path)])
    err = capsys.readouterr().err
    return code, err


def test_a_remote_context_is_not_fetched(
    tmp_path: Path, context_server: tuple[str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    url, requests = context_server
    doc = tmp_path / "remote.jsonld"
    doc.write_text(json.dumps({"@context": url, "@id": EX + "s", "name": "x"}), "utf-8")
    code, err = _stats(doc, capsys)
    assert code == 2
    assert err == (
        f"policygraph stats: error: {doc}: refusing a JSON-LD @context that names a document "
        f"({url!r}): policygraph loads no remote or local context; put the context inline\n"
    )
    assert requests == []  # the server was never asked


@pytest.mark.parametrize(
    "document",
    [
        {"@context": "CONTEXT", "@id": EX + "s", "name": "x"},
        {"@context": [{"ex": EX}, "CONTEXT"], "@id": EX + "s", "name": "x"},
        {"@context": {"@import": "CONTEXT"}, "@id": EX + "s", "name": "x"},
        {  # a scoped context inside a term definition
            "@context": {"knows": {"@id": EX + "knows", "@context": "CONTEXT"}},
            "@id": EX + "s",
            "knows": {"@id": EX + "o"},
        },
        {"@graph": [{"@context": "CONTEXT", "@id": EX + "s", "name": "x"}]},
    ],
    ids=["string", "in-a-list", "import", "scoped", "nested-node"],
)
def test_a_local_context_is_not_read(
    document: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = tmp_path / "secret-context.jsonld"
    context.write_text(json.dumps({"@context": {"name": EX + "LEAKED"}}), "utf-8")
    for reference in (context.as_uri(), "secret-context.jsonld"):  # absolute, and relative
        doc = tmp_path / "local.jsonld"
        doc.write_text(json.dumps(document).replace("CONTEXT", reference), "utf-8")
        code, err = _stats(doc, capsys)
        assert code == 2
        assert f"names a document ({reference!r})" in err
        assert err.count("\n") == 1


def test_an_inline_context_is_used(tmp_path: Path) -> None:
    doc = tmp_path / "inline.jsonld"
    doc.write_text(
        json.dumps({"@context": {"name": EX + "name"}, "@id": EX + "s", "name": "x"}), "utf-8"
    )
    g = load_graph(doc)
    assert [(str(s), str(p), str(o)) for s, p, o in g] == [(EX + "s", EX + "name", "x")]


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    doc = tmp_path / "broken.jsonld"
    doc.write_text('{\n  "@id": "http://example.org/s",\n  "name" "x"\n}\n', "utf-8")
    with pytest.raises(InputError) as info:
        load_graph(doc)
    assert str(info.value) == f"{doc}:3:10: malformed JSON: Expecting ':' delimiter"


def _billion_laughs() -> str:
    """The classic entity bomb: 10 levels of 10 references, 10^9 'lol's from a few hundred bytes."""
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE lolz [", ' <!ENTITY lol "lol">']
    lines.append(' <!ENTITY lol1 "' + "&lol;" * 10 + '">')
    for i in range(2, 10):
        lines.append(f' <!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    lines += ["]>", f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="{EX}">']
    lines.append(f'<rdf:Description rdf:about="{EX}s"><ex:p>&lol9;</ex:p></rdf:Description>')
    lines.append("</rdf:RDF>")
    return "\n".join(lines) + "\n"


def test_the_billion_laughs_fails_fast_with_exit_2(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(_billion_laughs(), "utf-8")
    assert bomb.stat().st_size < 1000
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "policygraph.cli", "stats", str(bomb)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 2
    assert done.stderr == (
        f"policygraph stats: error: {bomb}:4:16: refusing XML entity 'lol1': its text refers "
        "to another entity (an entity-expansion bomb?)\n"
    )
    assert elapsed < 30  # it ran for minutes before; the refusal itself takes milliseconds


@pytest.mark.parametrize(
    ("doctype", "message"),
    [
        ('<!ENTITY x SYSTEM "file:///etc/passwd">', "refusing external XML entity 'x'"),
        ('<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;', "refusing XML parameter entity"),
        ('<!ENTITY x "&#38;y;"><!ENTITY y "lol">', "its text refers to another entity"),
    ],
    ids=["external-entity", "parameter-entity", "reference-by-character-reference"],
)
def test_external_and_nested_entities_are_refused(
    doctype: str, message: str, tmp_path: Path
) -> None:
    doc = tmp_path / "doc.rdf"
    doc.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [{doctype}]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}"><rdf:Description rdf:about="{EX}s"/></rdf:RDF>\n',
        "utf-8",
    )
    with pytest.raises(InputError, match=message):
        load_graph(doc)


def test_an_external_document_type_is_refused(tmp_path: Path) -> None:
    doc = tmp_path / "doc.rdf"
    doc.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:9/rdf.dtd">\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}"/>\n',
        "utf-8",
    )
    with pytest.raises(InputError, match="refusing an external XML document type"):
        load_graph(doc)


def test_a_flat_entity_repeated_into_a_bomb_is_refused(tmp_path: Path) -> None:
    """Quadratic blow-up: one 50,000-character entity referenced 2,000 times (100 MB)."""
    doc = tmp_path / "doc.rdf"
    doc.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY a "{"x" * 50_000}">]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF_NS}" xmlns:ex="{EX}">'
        f'<rdf:Description rdf:about="{EX}s"><ex:p>{"&a;" * 2000}</ex:p></rdf:Description>'
        "</rdf:RDF>\n",
        "utf-8",
    )
    with pytest.raises(InputError, match="expand to 100,000,000 characters"):
        load_graph(doc)


def test_namespace_entities_as_ontology_editors_write_them_are_fine(tmp_path: Path) -> None:
    doc = tmp_path / "onto.owl"
    doc.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        f'  <!ENTITY ex "{EX}">\n  <!ENTITY rdf "{RDF_NS}">\n]>\n'
        '<rdf:RDF xmlns:rdf="&rdf;" xmlns:ex="&ex;">\n'
        '  <rdf:Description rdf:about="&ex;s"><ex:p rdf:resource="&ex;o"/></rdf:Description>\n'
        "</rdf:RDF>\n",
        "utf-8",
    )
    g = load_graph(doc)
    assert set(g) == {(URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "o"))}


def test_trix_and_shapes_go_through_the_same_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trix = tmp_path / "bomb.trix"
    trix.write_text(_billion_laughs(), "utf-8")
    with pytest.raises(InputError, match="entity-expansion bomb"):
        load_graph(trix)
    shapes = tmp_path / "shapes.rdf"
    shapes.write_text(_billion_laughs(), "utf-8")
    assert main(["validate", "--shapes", str(shapes)]) == 2
    assert "entity-expansion bomb" in capsys.readouterr().err


def test_the_billion_laughs_is_refused_by_the_oxigraph_loader_too(tmp_path: Path) -> None:
    from policygraph.sparql import open_store

    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(_billion_laughs(), "utf-8")
    started = time.monotonic()
    with pytest.raises(InputError, match="refusing XML entity 'lol1'"):
        open_store(None, bomb)
    assert time.monotonic() - started < 30
