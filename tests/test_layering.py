"""The package's layering: no module imports upward, none imports another module's private name.

Every module of ``src/policygraph`` is parsed with :mod:`ast` (nothing is imported). A module
belongs to one layer of :data:`LAYERS`, listed from the bottom up; a subpackage
(``extraction``, ``curation``, ``corpus``, ``commands``) is one unit. A module may import from
its own layer or a lower one, never from a higher one, and the units' imports have no cycle.
Imports under ``if TYPE_CHECKING:`` are for annotations only and are not counted; reading
``__version__`` from the package is allowed anywhere. The same order is described in the
docstring of :mod:`policygraph.pipeline`.

A ``_name`` is private to its module: another module imports only public names (a private
module such as ``_writer`` may have public names, listed in its ``__all__``). Importing a
private *module* (``from . import _fonts``) is allowed: it is private to the package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "policygraph"

#: the layers, bottom first; each names the units (top-level modules or subpackages) in it
LAYERS: list[tuple[str, set[str]]] = [
    (
        "foundation: errors, the vocabulary, bundled files, the data model",
        {"errors", "vocab", "resources", "model", "units", "_signals", "_gc", "_surrogates"}
        | {"_noconnect", "_fonts", "_deprecation"},
    ),
    (
        "helpers: reading and writing files, query files, HTTP, labels, gazetteer, departments",
        {
            "_atomic",
            "_display",
            "_http",
            "_queries",
            "_rdfparse",
            "_sourcetext",
            "_terms",
            "_writer",
        }
        | {"_tables", "gazetteer", "indicators", "labels", "readers", "departments"},
    ),
    ("extraction: plan text to a PlanDocument", {"extraction"}),
    ("rdf: a PlanDocument to RDF, reading and writing graphs", {"rdf"}),
    ("curation: a person's corrections and English labels", {"curation"}),
    ("pipeline: extraction, curation and rdf put together", {"pipeline", "evaluation"}),
    (
        "analysis: SPARQL stores and queries, validation, networks, summaries",
        {"_backends", "sparql", "_read", "validation", "_shacl_engine", "_shacl_store"}
        | {"_validation_format"}
        | {"comparison", "network", "_centrality", "summary"},
    ),
    ("presentation: plots and reports", {"plot", "corpus_plot", "reporting", "corpus_report"}),
    ("corpus: many plans in one store", {"corpus"}),
    ("server: a local Oxigraph server and pushing to stores", {"server"}),
    ("commands: the command-line subcommands", {"commands"}),
    ("the command line and the package's lazy exports", {"cli", "policygraph"}),
]

#: private names still imported across modules, each with the module that should publish it
PENDING_PRIVATE = {("policygraph._validation_format", "policygraph.validation", "_remove_result")}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "policygraph"


def _layer(unit: str) -> int:
    return next(i for i, (_, units) in enumerate(LAYERS) if unit in units)


def _imports(module: str) -> Iterator[tuple[str, str, int]]:
    """(imported module, imported name or "", line) for each runtime import in ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                yield target, alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("policygraph"):
            for alias in node.names:
                yield node.module or "", alias.name, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("policygraph"):
                    yield alias.name, "", node.lineno


def _resolve(target: str, name: str) -> str:
    """The module an import reads from: ``target.name`` when that is a module, else ``target``."""
    if f"{target}.{name}" in MODULES:
        return f"{target}.{name}"
    while target not in MODULES and "." in target:
        target = target.rpartition(".")[0]
    return target


def _private_imports() -> set[tuple[str, str, str]]:
    found = set()
    for module in MODULES:
        for target, name, _ in _imports(module):
            is_module = f"{target}.{name}" in MODULES
            if name.startswith("_") and not name.startswith("__") and not is_module:
                found.add((module, _resolve(target, ""), name))
    return found


def test_every_unit_has_a_layer() -> None:
    units = {_unit(module) for module in MODULES}
    declared = [unit for _, layer in LAYERS for unit in layer]
    assert sorted(declared) == sorted(set(declared)), "a unit is in two layers"
    assert units == set(declared)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_upward_import(module: str) -> None:
    unit = _unit(module)
    upward = []
    for target, name, line in _imports(module):
        if (target, name) == ("policygraph", "__version__"):
            continue
        other = _unit(_resolve(target, name))
        if other != unit and _layer(other) > _layer(unit):
            upward.append(f"line {line}: {target}.{name} ({LAYERS[_layer(other)][0]})")
    assert upward == [], f"{module} ({LAYERS[_layer(unit)][0]}) imports upward"


def test_no_import_cycle_between_units() -> None:
    edges: dict[str, set[str]] = {}
    for module in MODULES:
        for target, name, _ in _imports(module):
            if (target, name) == ("policygraph", "__version__"):
                continue
            other = _unit(_resolve(target, name))
            if other != _unit(module):
                edges.setdefault(_unit(module), set()).add(other)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in edges.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert [unit for unit in sorted(edges) if reaches(unit, unit, set())] == []


def test_no_private_import_across_modules() -> None:
    assert _private_imports() - PENDING_PRIVATE == set()


def test_pending_private_imports_are_still_there() -> None:
    """A name listed as pending is removed from the list once its module publishes it."""
    assert _private_imports() >= PENDING_PRIVATE


def test_the_checks_catch_what_they_are_for() -> None:
    """The parser finds a known import: rdf reads bind_prefixes from the lower _writer."""
    read = {(target, name) for target, name, _ in _imports("policygraph.rdf")}
    assert ("policygraph._writer", "bind_prefixes") in read
    assert _layer(_unit("policygraph.extraction.targets")) < _layer("rdf") < _layer("pipeline")
