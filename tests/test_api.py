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


def test_type_checking_imports_match_the_export_table() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    imported = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == policygraph._EXPORTS


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'extrakt'"):
        policygraph.extrakt  # noqa: B018


def test_version_is_the_installed_metadata() -> None:
    from importlib.metadata import version

    assert policygraph.__version__ == version("policygraph")
