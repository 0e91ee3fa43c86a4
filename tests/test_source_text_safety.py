"""``validate`` never prints excerpts of a file a graph names unless it is the graph's source text.

The attack: a graph (say, in a pull request) names ``pg:fileName "secret.env"``; quotes that do
not match the "source" make validate print 60-character excerpts of it at offsets the graph
chooses. A file is read only when it is a plain name in the folders given, inside them, and its
SHA-256 equals the graph's ``pg:sha256``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from policygraph.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = FIXTURES / "plan-valid.ttl"
TEXT = (FIXTURES / "sources" / "mini-plan.txt").read_text(encoding="utf-8")
SHA = "5ec9ed43c0416007a1636e45cdaa42f587934b9b6c6dc2273fcc05008769b6b9"
SECRET = (
    "API_TOKEN=ghp_Zq81xLmN0pQrStUvWxYz0123456789abcdef\n"
    "DB_PASSWORD=hunter2-correct-horse-battery\n" * 3
)
#: pieces of the secret that must never appear in any output
TELLTALES = ("API_TOKEN", "ghp_", "Zq81", "hunter2", "DB_PASSWORD", "horse")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    return tmp_path / "repo"


def _graph(folder: Path, file_name: str, sha256: str = SHA) -> Path:
    text = VALID.read_text(encoding="utf-8")
    assert 'pg:fileName "mini-plan.txt"' in text and f'pg:sha256 "{SHA}"' in text
    text = text.replace('pg:fileName "mini-plan.txt"', f'pg:fileName "{file_name}"')
    text = text.replace(f'pg:sha256 "{SHA}"', f'pg:sha256 "{sha256}"')
    path = folder / "plan.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def _validate(graph: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    """Run validate in every format; return the exit code and the English text report."""
    codes, text = set(), ""
    for fmt in ("text", "json", "junit", "turtle"):
        codes.add(main(["validate", "--lang", "en", str(graph), "--format", fmt, *extra]))
        out, err = capsys.readouterr()
        for telltale in TELLTALES:
            assert telltale not in out + err, (fmt, telltale)
        text = out if fmt == "text" else text
    (code,) = codes
    return code, text


def test_a_secret_beside_the_graph_is_not_quoted(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "secret.env").write_text(SECRET, encoding="utf-8")
    code, text = _validate(_graph(folder, "secret.env"), capsys)
    assert code == 1  # the text named is not the one the graph was built from
    assert f"differs from {folder / 'secret.env'} (graph 5ec9ed43c041…)" in text
    assert "its quotes were not checked" in text
    assert hashlib.sha256(SECRET.encode()).hexdigest()[:12] not in text  # no digest oracle
    assert "SourceTextQuote" not in text and "reads" not in text


@pytest.mark.parametrize("name", ["../secret.env", "sources/../../secret.env", "ABSOLUTE"])
def test_a_path_is_not_followed(
    name: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for where in (folder, folder.parent):
        (where / "secret.env").write_text(SECRET, encoding="utf-8")
    secret_sha = hashlib.sha256(SECRET.encode()).hexdigest()
    file_name = str(folder.parent / "secret.env") if name == "ABSOLUTE" else name
    code, text = _validate(_graph(folder, file_name, secret_sha), capsys)
    assert code == 0  # a note: nothing was read
    assert "is named by a path, not a plain file name, so it was not read" in text


def test_a_link_out_of_the_folder_is_not_followed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "secret.env").write_text(SECRET, encoding="utf-8")
    (folder / "sources").mkdir()
    (folder / "sources" / "mini-plan.txt").symlink_to(outside / "secret.env")
    # even with the secret's own digest in the graph, the link leads out of the folder
    secret_sha = hashlib.sha256(SECRET.encode()).hexdigest()
    code, text = _validate(_graph(folder, "mini-plan.txt", secret_sha), capsys)
    assert code == 0
    assert "Source document 'mini-plan.txt' was not found" in text


def test_a_linked_sources_folder_out_of_the_folder_is_not_followed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "mini-plan.txt").write_text(TEXT, encoding="utf-8")  # the real text, even
    (folder / "sources").symlink_to(outside, target_is_directory=True)
    code, text = _validate(_graph(folder, "mini-plan.txt"), capsys)
    assert code == 0
    assert "Source document 'mini-plan.txt' was not found" in text
    # named with --sources, the folder is allowed and the quotes are checked
    assert (
        main(["validate", "--lang", "en", str(folder / "plan.ttl"), "--sources", str(outside)]) == 0
    )
    assert "conforms: 0 violations, 0 warnings, 0 notes" in capsys.readouterr().out


def test_a_link_inside_the_folder_is_followed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "texts").mkdir()
    (folder / "texts" / "mini-plan.txt").write_text(TEXT, encoding="utf-8")
    (folder / "mini-plan.txt").symlink_to(folder / "texts" / "mini-plan.txt")
    code, text = _validate(_graph(folder, "mini-plan.txt"), capsys)
    assert code == 0
    assert text.endswith("plan.ttl: conforms: 0 violations, 0 warnings, 0 notes\n")


def test_the_quotes_of_the_true_text_are_still_checked(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "mini-plan.txt").write_text(TEXT, encoding="utf-8")
    graph = _graph(folder, "mini-plan.txt")
    text = graph.read_text(encoding="utf-8")
    exact = 'oa:exact "某市科技创新推进方案（2023—2027年）"'
    assert exact in text
    graph.write_text(text.replace(exact, 'oa:exact "某县科技创新推进方案（2023—2027年）"'), "utf-8")
    assert main(["validate", "--lang", "en", str(graph)]) == 1
    out = capsys.readouterr().out
    assert (
        "which reads 「某市科技创新推进方案（2023—2027年）」" in out
    )  # an excerpt of the true text


def test_a_graph_without_a_checksum_reads_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "secret.env").write_text(SECRET, encoding="utf-8")
    graph = _graph(folder, "secret.env")
    text = graph.read_text(encoding="utf-8")
    graph.write_text(text.replace(f'pg:sha256 "{SHA}" ;', ""), encoding="utf-8")
    code, text = _validate(graph, capsys)
    assert code == 0
    assert "has no single SHA-256 (pg:sha256) to compare" in text
