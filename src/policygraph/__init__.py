"""policygraph: government policy plans as validated, queryable RDF knowledge graphs.

``import policygraph`` defines names and nothing else: each public name is imported from
its module on first use, so heavy libraries (pyshacl, networkx, matplotlib, pandas) load
only when they are needed.

Examples
--------
>>> import policygraph
>>> g = policygraph.load_plan()
>>> len(g) > 1000
True
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# public name -> module that defines it (the one list of re-exports)
_EXPORTS: dict[str, str] = {
    # text -> PlanDocument -> RDF
    "extract": "extraction",
    "extract_file": "extraction",
    "apply_curation": "curation",
    "load_curation": "curation",
    "to_rdf": "rdf",
    # departments: functions, levels, governments
    "read_department": "departments",
    "plan_jurisdiction": "departments",
    "function_scheme": "departments",
    "load_plan": "rdf",
    "load_graph": "rdf",
    "save_graph": "rdf",
    "build_plan": "rdf",
    # the data model
    "PlanDocument": "model",
    "Section": "model",
    "Responsibility": "model",
    "Target": "model",
    "PlatformMention": "model",
    "Scheme": "model",
    "Span": "model",
    # validation
    "validate": "validation",
    "ValidationReport": "validation",
    "ValidationResult": "validation",
    # SPARQL
    "query": "sparql",
    "open_store": "sparql",
    "list_queries": "sparql",
    "Endpoint": "sparql",
    # corpora: many plans in one store
    "build_corpus": "corpus",
    "open_corpus": "corpus",
    "Corpus": "corpus",
    # networks
    "task_department_graph": "network",
    "coresponsibility_network": "network",
    "lead_support_network": "network",
    "department_metrics": "network",
    # errors
    "PolicyGraphError": "errors",
    "InputError": "errors",
    "ExtractionError": "errors",
    "CurationError": "errors",
    "ValidationError": "errors",
    "QueryError": "errors",
    "EndpointError": "errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:  # pragma: no cover
    __version__: str
    from .corpus import Corpus, build_corpus, open_corpus
    from .curation import apply_curation, load_curation
    from .departments import function_scheme, plan_jurisdiction, read_department
    from .errors import (
        CurationError,
        EndpointError,
        ExtractionError,
        InputError,
        PolicyGraphError,
        QueryError,
        ValidationError,
    )
    from .extraction import extract, extract_file
    from .model import PlanDocument, PlatformMention, Responsibility, Scheme, Section, Span, Target
    from .network import (
        coresponsibility_network,
        department_metrics,
        lead_support_network,
        task_department_graph,
    )
    from .rdf import build_plan, load_graph, load_plan, save_graph, to_rdf
    from .sparql import Endpoint, list_queries, open_store, query
    from .validation import ValidationReport, ValidationResult, validate


def _version() -> str:
    # importlib.metadata takes longer to import than the rest of ``import policygraph``:
    # read it on first use, so the command line handles Ctrl-C sooner after it starts
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policygraph")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        return "0.0.0"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = value = _version()
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'policygraph' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
