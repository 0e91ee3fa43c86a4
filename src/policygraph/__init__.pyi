"""Types of the public names, which ``__init__.py`` loads lazily from the modules named here."""

from .corpus import Corpus as Corpus
from .corpus import build_corpus as build_corpus
from .corpus import open_corpus as open_corpus
from .curation import apply_curation as apply_curation
from .curation import load_curation as load_curation
from .departments import function_scheme as function_scheme
from .departments import plan_jurisdiction as plan_jurisdiction
from .departments import read_department as read_department
from .errors import CurationError as CurationError
from .errors import EndpointError as EndpointError
from .errors import ExtractionError as ExtractionError
from .errors import InputError as InputError
from .errors import PolicyGraphError as PolicyGraphError
from .errors import QueryError as QueryError
from .errors import ValidationError as ValidationError
from .extraction import extract as extract
from .extraction import extract_file as extract_file
from .model import PlanDocument as PlanDocument
from .model import PlatformMention as PlatformMention
from .model import Responsibility as Responsibility
from .model import Scheme as Scheme
from .model import Section as Section
from .model import Span as Span
from .model import Target as Target
from .network import coresponsibility_network as coresponsibility_network
from .network import department_metrics as department_metrics
from .network import lead_support_network as lead_support_network
from .network import task_department_graph as task_department_graph
from .pipeline import build_plan as build_plan
from .rdf import load_graph as load_graph
from .rdf import load_plan as load_plan
from .rdf import save_graph as save_graph
from .rdf import to_rdf as to_rdf
from .sparql import Endpoint as Endpoint
from .sparql import list_queries as list_queries
from .sparql import open_store as open_store
from .sparql import query as query
from .validation import ValidationReport as ValidationReport
from .validation import ValidationResult as ValidationResult
from .validation import validate as validate

__version__: str
__all__: list[str]
