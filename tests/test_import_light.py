"""``import policygraph`` defines names and nothing else: no heavy library is loaded."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "pyshacl",
    "networkx",
    "matplotlib",
    "pandas",
    "pyoxigraph",
    "SPARQLWrapper",
    "yaml",
    "charset_normalizer",
    "docx",
    "pypdf",
)


def loaded_after(code: str) -> list[str]:
    report = f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    probe = f"import sys, json\n{code}\n{report}"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout))


def test_import_policygraph_loads_no_heavy_library() -> None:
    assert loaded_after("import policygraph; policygraph.__version__") == []


def test_the_cli_parser_loads_no_heavy_library() -> None:
    assert loaded_after("from policygraph.cli import build_parser; build_parser()") == []


def test_using_a_function_loads_only_what_it_needs() -> None:
    # loading the bundled graph needs rdflib only
    assert loaded_after("import policygraph; policygraph.load_plan()") == []
    # the network measures need networkx and pandas, and nothing for plotting
    assert loaded_after(
        "import policygraph; policygraph.department_metrics(policygraph.load_plan())"
    ) == [
        "networkx",
        "pandas",
    ]
