"""The public API: every re-exported name resolves, lazily, to the module that defines it."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import policygraph

INIT = Path(policygraph.__file__)


@pytest.mark.parametrize("name", sorted(policygraph._EXPORTS))
def test_every_export_resolves_to_its_module(name: str) -> None:
    module = importlib.import_module(f"policygraph.{policygraph._EXPORTS[name]}")
    assert getattr(policygraph, name) is getattr(module, name)
    assert name in getattr(module, "__all__", [name])
    assert inspect.getdoc(getattr(policygraph, name)), f"{name} has no docstring"


def test_the_stub_declares_the_export_table() -> None:
    # type checkers read __init__.pyi; the lazy loader reads _EXPORTS: same names, same modules
    tree = ast.parse(INIT.with_suffix(".pyi").read_text(encoding="utf-8"))
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    declared = {alias.name: node.module for node in imports for alias in node.names}
    assert declared == policygraph._EXPORTS
    # ``X as X`` marks a re-export for a type checker
    assert all(alias.asname == alias.name for node in imports for alias in node.names)
    assert all(node.level == 1 for node in imports)


def test_the_package_defines_no_export_itself() -> None:
    # the names come from their modules on first use: __init__.py imports none of them
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported.isdisjoint(policygraph._EXPORTS)
    assert policygraph.__all__ == ["__version__", *sorted(policygraph._EXPORTS)]


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'extrakt'"):
        policygraph.extrakt  # noqa: B018


def test_version_is_the_installed_metadata() -> None:
    from importlib.metadata import version

    assert policygraph.__version__ == version("policygraph")
