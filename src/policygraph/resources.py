"""Locate the bundled ontology, shapes, queries and data.

In a wheel they live in ``policygraph/_bundled``; in a source checkout (editable
install) they are the top-level ``ontology/``, ``shapes/``, ``queries/`` and ``data/``.

Examples
--------
>>> from policygraph.resources import resource_path
>>> resource_path("ontology", "policygraph.ttl").name
'policygraph.ttl'
>>> resource_path("data", "sources", "jiaxing-315-plan.txt").is_file()
True
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

__all__ = ["PLAN315_SOURCE", "PLAN315_TTL", "bundled_root", "resource_path"]

_KINDS = ("ontology", "shapes", "queries", "data")

PLAN315_TTL = ("data", "plan315.ttl")
PLAN315_SOURCE = ("data", "sources", "jiaxing-315-plan.txt")


@cache
def bundled_root() -> Path:
    """Return the directory that holds ``ontology/``, ``shapes/``, ``queries/`` and ``data/``."""
    packaged = Path(str(files("policygraph"))) / "_bundled"
    if (packaged / "ontology").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "ontology").is_dir():
        return checkout
    raise FileNotFoundError(
        "policygraph's bundled ontology/shapes/queries/data were not found; reinstall the package"
    )


def resource_path(kind: str, *parts: str) -> Path:
    """Return the path of a bundled resource.

    Parameters
    ----------
    kind : {"ontology", "shapes", "queries", "data"}
        The top-level folder.
    *parts : str
        Path components inside that folder.

    Returns
    -------
    pathlib.Path
        The path (which may not exist if ``parts`` names nothing).

    Raises
    ------
    ValueError
        If ``kind`` is not one of the bundled folders.
    """
    if kind not in _KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; expected one of {', '.join(_KINDS)}")
    return bundled_root().joinpath(kind, *parts)
