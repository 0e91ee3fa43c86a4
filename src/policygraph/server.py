"""A local Oxigraph SPARQL server for researchers, and upload to any Graph Store.

:class:`OxigraphServer` runs the ``oxigraph`` server binary (from the ``oxigraph`` package) on
a loopback port with plan graphs loaded: read-only unless asked, queries on the union of the
graphs (``--union-default-graph``), stopped with its whole process group. :func:`push` loads a
graph into any SPARQL 1.1 Graph Store Protocol server (Oxigraph ``/store``, Fuseki
``/DATASET/data``, Virtuoso ``/sparql-graph-crud-auth``); :func:`push_store` sends every graph
of an Oxigraph store there, each to its own graph.

Examples
--------
>>> from policygraph.resources import resource_path
>>> from policygraph import query
>>> with OxigraphServer(resource_path("data", "plan315.ttl")) as server:
...     print(len(query(server.query_url, "cq01")))
19
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .errors import EndpointError, InputError

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from ._http import Reply

__all__ = [
    "DEFAULT_GRAPH",
    "OxigraphServer",
    "PushResult",
    "check_location",
    "default_sources",
    "free_port",
    "push",
    "push_store",
]

#: where :func:`push_store` puts the store's default graph (the things plans share)
DEFAULT_GRAPH = "https://w3id.org/policygraph/id/graph/shared"


def free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port that is free on ``host`` now (the OS picks it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def default_sources() -> list[Path]:
    """The bundled plan graph and the ontology (those that exist)."""
    from .resources import PLAN315_TTL, resource_path

    paths = [resource_path(*PLAN315_TTL), resource_path("ontology", "policygraph.ttl")]
    return [p for p in paths if p.is_file()]


def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or shutil.which(
        "oxigraph", path=str(Path(sys.executable).parent)
    )
    if found is None:
        raise InputError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def _oxigraph_message(output: str) -> str:
    r"""The error line of the ``oxigraph`` binary's output, without the stack backtrace.

    Examples
    --------
    >>> _oxigraph_message("Error: Address in use\n\nStack backtrace:\n   0: main")
    'Address in use'
    """
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Error:"):
            return line[len("Error:") :].strip()
    head = [line for line in lines if not line.startswith("Stack backtrace")]
    return head[0] if head else "no message"


def check_location(folder: Path) -> None:
    """Raise InputError unless ``folder`` is an Oxigraph store, an empty folder, or absent.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "notes.txt").write_text("mine")
    ...     check_location(Path(tmp))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    policygraph.errors.InputError: ...: not an Oxigraph store (it has no CURRENT file) and not ...
    """
    if not folder.exists():
        return
    if not folder.is_dir():
        raise InputError(
            "not a folder: the store needs a folder for the database (created if missing)",
            source=str(folder),
            reason="store-not-folder",
        )
    if (folder / "CURRENT").is_file():
        return
    try:
        empty = next(folder.iterdir(), None) is None
    except OSError as exc:
        raise InputError(f"cannot read the folder: {exc.strerror}", source=str(folder)) from exc
    if not empty:
        raise InputError(
            "not an Oxigraph store (it has no CURRENT file) and not empty: give a store "
            "folder, an empty folder or a new name",
            source=str(folder),
        )


def _check_port_free(host: str, port: int) -> None:
    """Raise InputError when ``port`` on ``host`` is taken (a server already listens there)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InputError(
                f"cannot listen on port {port}: {reason}; choose another port or none",
                source=f"{host}:{port}",
                reason="port-in-use",
                details={"port": port, "why": reason},
            ) from exc


#: seconds after which ``serve`` cancels a query unless told otherwise
DEFAULT_QUERY_TIMEOUT = 30
#: the longest query timeout accepted (one day)
MAX_QUERY_TIMEOUT = 24 * 3600


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to stop the server if the Python process that started it dies."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(Exception):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextlib.contextmanager
def _preexec_errors() -> Iterator[None]:
    """Translate a failure of the child's set-up (before the server runs) into EndpointError."""
    try:
        yield
    except subprocess.SubprocessError as exc:
        raise EndpointError(
            f"cannot start the Oxigraph server: {exc}; if the seccomp filter that keeps "
            "SERVICE off is refused here, allow federation explicitly (federation=True)",
            reason="federation-filter-refused",
            details={"why": str(exc)},
        ) from exc


class OxigraphServer:
    """An ``oxigraph`` server process serving plan graphs (a context manager).

    Parameters
    ----------
    *sources : path-like or rdflib.Graph
        RDF files or graphs to load (each plan in its own named graph, see
        :func:`policygraph.open_store`).
    host : str
        Interface to bind; loopback by default.
    port : int, optional
        TCP port; a free one when omitted.
    writable : bool
        Accept SPARQL updates and Graph Store writes (``oxigraph serve``); read-only
        (``oxigraph serve-read-only``) by default.
    cors : bool
        Allow cross-origin requests (for web pages on other origins).
    location : path-like, optional
        Keep the database in this folder (loaded sources are added); a temporary folder,
        removed on stop, when omitted.
    startup_timeout : float
        Seconds to wait for the server to answer.
    query_timeout : int or None
        Seconds after which the server cancels a query (Oxigraph's ``--timeout-s``); 30 by
        default, ``None`` for no limit. Oxigraph checks it between evaluation steps, so one
        long step (such as a large cartesian product inside a join) ends before it is noticed.
    federation : bool
        Let queries use ``SERVICE`` to fetch data from other endpoints. Off by default: the
        server process is then forbidden to open any network connection (a seccomp filter,
        see ``policygraph._noconnect``), so a ``SERVICE`` query fails without fetching
        anything. Where that cannot be enforced (not Linux on x86-64 or arm64), starting
        without ``federation=True`` is an InputError.
    """

    def __init__(
        self,
        *sources: str | os.PathLike[str] | Graph,
        host: str = "127.0.0.1",
        port: int | None = None,
        writable: bool = False,
        cors: bool = False,
        location: str | os.PathLike[str] | None = None,
        startup_timeout: float = 20.0,
        query_timeout: int | None = DEFAULT_QUERY_TIMEOUT,
        federation: bool = False,
    ) -> None:
        if query_timeout is not None and (
            isinstance(query_timeout, bool)
            or not isinstance(query_timeout, int)
            or not 1 <= query_timeout <= MAX_QUERY_TIMEOUT
        ):
            raise InputError(
                f"the query timeout must be a whole number of seconds from 1 to "
                f"{MAX_QUERY_TIMEOUT}, got {query_timeout!r}"
            )
        self.sources = sources
        self.host = host
        self.port = port
        self.writable = writable
        self.cors = cors
        self.location = Path(location) if location is not None else None
        self.startup_timeout = startup_timeout
        self.query_timeout = query_timeout
        self.federation = federation
        self._process: subprocess.Popen[bytes] | None = None
        self._own_dir: Path | None = None
        self._log: Path | None = None

    # URLs -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The server's root URL, where the query UI (YASGUI) is."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return self.url + "query"

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint (refuses updates unless ``writable``)."""
        return self.url + "update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return self.url + "store"

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._process.pid if self._process is not None else None

    # life cycle -------------------------------------------------------------------------
    def start(self) -> OxigraphServer:
        """Load the sources, start the server and wait until it answers."""
        if self._process is not None:
            return self
        binary = _oxigraph_binary()
        if self.location is None:
            self._own_dir = Path(tempfile.mkdtemp(prefix="policygraph-oxigraph-"))
            folder = self._own_dir / "store"
        else:
            folder = self.location
        try:
            if self._own_dir is None:
                check_location(folder)
            if self.port is None:
                try:
                    self.port = free_port(self.host)
                except OSError as exc:
                    reason = exc.strerror or str(exc)
                    raise InputError(
                        f"cannot listen on this host: {reason}; give an address or name of "
                        "this machine, e.g. 127.0.0.1",
                        source=self.host,
                    ) from exc
            else:
                _check_port_free(self.host, self.port)
            self._load(folder)
            command = [
                binary,
                "serve" if self.writable else "serve-read-only",
                "--location",
                str(folder),
                "--bind",
                f"{self.host}:{self.port}",
                "--union-default-graph",
            ]
            if self.cors:
                command.append("--cors")
            if self.query_timeout is not None:
                command += ["--timeout-s", str(self.query_timeout)]
            preexec = self._preexec()
            log_fd, log_name = tempfile.mkstemp(prefix="policygraph-oxigraph-", suffix=".log")
            self._log = Path(log_name)
            with os.fdopen(log_fd, "wb") as log, _preexec_errors():
                self._process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,  # own process group: Ctrl-C is ours to relay
                    preexec_fn=preexec,
                )
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _preexec(self) -> Callable[[], None]:
        """What the child runs before the server: stop with us, and (no federation) no connect."""
        if self.federation:
            return _die_with_parent
        from ._noconnect import connect_blocker

        block = connect_blocker()
        if block is None:
            raise InputError(
                "cannot keep SPARQL federation (SERVICE) off on this platform; "
                "allow it explicitly (federation=True) to serve anyway",
                reason="federation-filter-missing",
            )

        def both() -> None:  # pragma: no cover - runs in the child before exec
            _die_with_parent()
            block()

        return both

    def _load(self, folder: Path) -> None:
        """Load the sources into the store folder (:func:`policygraph.open_store`), then close it.

        The server starts on the folder once pyoxigraph has let it go.
        """
        if not self.sources and (folder / "CURRENT").is_file():
            return
        import gc

        from .sparql import open_store

        folder.mkdir(parents=True, exist_ok=True)
        store = open_store(folder, *self.sources)
        store.flush()
        del store
        gc.collect()  # the store's lock goes with the last reference

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        probe = self.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EndpointError(
                    f"the Oxigraph server stopped at start: {self._log_tail()}", source=self.url
                )
            try:
                with urllib.request.urlopen(probe, timeout=1) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        raise EndpointError(
            f"the Oxigraph server did not answer within {self.startup_timeout:g} s", source=self.url
        )

    def _log_tail(self) -> str:
        if self._log is None or not self._log.is_file():
            return "no message"
        return _oxigraph_message(self._log.read_text(encoding="utf-8", errors="replace"))

    def stop(self) -> None:
        """Stop the server's process group and remove the temporary store."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)
            self._own_dir = None
        if self._log is not None:
            self._log.unlink(missing_ok=True)
            self._log = None

    def wait(self) -> int:
        """Block until the server exits; return its exit code."""
        if self._process is None:
            return 0
        return self._process.wait()

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@dataclass(frozen=True)
class PushResult:
    """What :func:`push` sent.

    Attributes
    ----------
    url : str
        The Graph Store request URL (with the ``graph`` parameter).
    graph : str
        The target graph IRI.
    triples : int
        How many triples were sent.
    status : int
        The server's HTTP status (201 created, 204 updated, 200 ok).
    """

    url: str
    graph: str
    triples: int
    status: int


def push(
    source: str | os.PathLike[str] | Graph,
    /,
    *,
    endpoint: str,
    graph: str,
    user: str | None = None,
    password: str | None = None,
    replace: bool = False,
    timeout: float = 60.0,
) -> PushResult:
    """Load a graph into a SPARQL 1.1 Graph Store Protocol server.

    Parameters
    ----------
    source : path-like or rdflib.Graph
        The RDF file (any format rdflib reads) or graph to send.
    endpoint : str
        The Graph Store URL: ``http://host:7878/store`` (Oxigraph),
        ``http://host:3030/DATASET/data`` (Fuseki), ``http://host:8890/sparql-graph-crud-auth``
        (Virtuoso).
    graph : str
        The IRI of the named graph to load into.
    user, password : str, optional
        Credentials (HTTP basic or digest, whichever the server asks for).
    replace : bool
        Replace the graph (HTTP PUT) instead of adding to it (HTTP POST).
    timeout : float
        Seconds for the whole exchange (connecting, sending the graph, reading the answer),
        up to a week.

    Returns
    -------
    PushResult

    Raises
    ------
    InputError
        The file cannot be read, ``endpoint`` is not an http(s) URL, ``graph`` is not an
        absolute IRI, or ``timeout`` is not a positive, finite number of seconds.
    EndpointError
        The server cannot be reached, refuses the credentials, or refuses to write.
    """
    from rdflib import Graph

    from ._http import check_timeout

    _check_endpoint(endpoint)
    seconds = check_timeout(timeout, source=endpoint)
    _check_graph(graph)
    if isinstance(source, Graph):
        data = source
    else:
        from .rdf import load_graph

        data = load_graph(source)
    from ._writer import serialize

    try:
        body = serialize(data, format="nt")
    except ValueError as exc:
        raise InputError(f"cannot send the graph: {exc}", source=str(source)) from exc
    url, status = _send_graph(
        body,
        endpoint=endpoint,
        graph=graph,
        user=user,
        password=password,
        method="PUT" if replace else "POST",
        seconds=seconds,
    )
    return PushResult(url, graph, len(data), status)


def push_store(
    store: str | os.PathLike[str] | Any,
    /,
    *,
    endpoint: str,
    default_graph: str = DEFAULT_GRAPH,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60.0,
    progress: Callable[[int, int, PushResult], None] | None = None,
) -> tuple[PushResult, ...]:
    """Send every graph of an Oxigraph store to a SPARQL 1.1 Graph Store Protocol server.

    Each named graph (one per plan, see :func:`policygraph.open_store`) goes to the graph of
    the same name, and the store's default graph (departments, platforms, units and other
    things plans share) to ``default_graph``, each with one HTTP PUT, so pushing again
    replaces what an earlier push sent. The default graph goes first, then the named graphs
    in the order of their IRIs; an empty default graph is not sent. Query the server on the
    union of its graphs (Virtuoso does by default; Oxigraph with ``--union-default-graph``,
    as ``policygraph serve`` runs it; Fuseki with ``unionDefaultGraph``).

    Parameters
    ----------
    store : path-like or pyoxigraph.Store
        The store's folder (opened read-only, so a server may have it open) or an open store.
    endpoint : str
        The Graph Store URL, as for :func:`push`.
    default_graph : str
        The IRI of the graph that receives the store's default graph; by default
        :data:`DEFAULT_GRAPH`. It must not be the name of one of the store's graphs.
    user, password : str, optional
        Credentials (HTTP basic or digest, whichever the server asks for).
    timeout : float
        Seconds for each graph's exchange (connecting, sending, reading the answer).
    progress : callable, optional
        Called after each graph is sent with its number (from 1), the number of graphs to
        send and its :class:`PushResult`.

    Returns
    -------
    tuple of PushResult
        One per graph sent, in the order they were sent.

    Raises
    ------
    InputError
        The folder is not an Oxigraph store, ``endpoint`` is not an http(s) URL,
        ``default_graph`` is not an absolute IRI or names one of the store's graphs, or
        ``timeout`` is not a positive, finite number of seconds.
    EndpointError
        The server cannot be reached, refuses the credentials, or refuses to write; the
        graphs sent before it stay sent.

    Examples
    --------
    >>> from policygraph import open_store, query
    >>> from policygraph.resources import resource_path
    >>> store = open_store(None, resource_path("data", "plan315.ttl"))
    >>> with OxigraphServer(writable=True) as server:
    ...     sent = push_store(store, endpoint=server.store_url)
    ...     print(len(query(server.query_url, "cq01")))
    19
    >>> [(r.graph, r.status) for r in sent]  # doctest: +NORMALIZE_WHITESPACE
    [('https://w3id.org/policygraph/id/graph/shared', 201),
     ('https://w3id.org/policygraph/id/plan/jiaxing-315', 201)]
    """
    import pyoxigraph as ox

    from ._http import check_timeout

    _check_endpoint(endpoint)
    seconds = check_timeout(timeout, source=endpoint)
    _check_graph(default_graph)
    if not isinstance(store, ox.Store):
        store = _open_read_only(store)
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    if default_graph in names:
        raise InputError(
            f"the default graph's target {default_graph} is a graph of the store: "
            "give the default graph another IRI",
            reason="default-graph-taken",
            details={"graph": default_graph},
        )
    graphs: list[tuple[str, Any]] = [(name, ox.NamedNode(name)) for name in names]
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None):
        graphs.insert(0, (default_graph, ox.DefaultGraph()))
    results: list[PushResult] = []
    for number, (name, source_graph) in enumerate(graphs, start=1):
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source_graph) or b""
        url, status = _send_graph(
            body,
            endpoint=endpoint,
            graph=name,
            user=user,
            password=password,
            method="PUT",
            seconds=seconds,
        )
        result = PushResult(url, name, body.count(b"\n"), status)
        results.append(result)
        if progress is not None:
            progress(number, len(graphs), result)
    return tuple(results)


def _check_endpoint(endpoint: str) -> None:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError("not an http(s) URL", source=endpoint)


def _check_graph(graph: str) -> None:
    from ._queries import as_iri

    if as_iri(graph) is None:
        raise InputError(f"the graph name must be an absolute IRI, got {graph!r}")


def _open_read_only(path: str | os.PathLike[str]) -> Any:
    """Open an existing Oxigraph store folder read-only; a missing one is an InputError."""
    import pyoxigraph as ox

    folder = Path(path)
    if not folder.is_dir():
        raise InputError("no such Oxigraph store (a folder)", source=str(path))
    try:
        return ox.Store.read_only(os.fspath(folder))
    except OSError as exc:
        raise InputError(f"cannot open the Oxigraph store: {exc}", source=str(path)) from exc


def _send_graph(
    body: bytes,
    *,
    endpoint: str,
    graph: str,
    user: str | None,
    password: str | None,
    method: str,
    seconds: float,
) -> tuple[str, int]:
    """Send N-Triples to ``graph`` at a Graph Store; return the request URL and the status."""
    from ._backends import unreachable
    from ._http import DeadlineExceeded, send

    sep = "&" if "?" in endpoint else "?"
    url = endpoint + sep + urllib.parse.urlencode({"graph": graph})
    request = urllib.request.Request(
        url,
        data=body,
        method=method,
        headers={"Content-Type": "application/n-triples; charset=utf-8"},
    )
    handlers: list[urllib.request.BaseHandler] = []
    try:
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, endpoint, user, password or "")
            digest = urllib.request.HTTPDigestAuthHandler(passwords)
            handlers += [urllib.request.HTTPBasicAuthHandler(passwords), digest]
            _authorize(request, digest, user, password or "", seconds)
        reply = send(request, timeout=seconds, handlers=handlers)
    except DeadlineExceeded as exc:
        raise EndpointError(f"no answer within {seconds:g} s", source=endpoint) from exc
    except OSError as exc:
        raise unreachable(exc, endpoint, seconds) from exc
    if not 200 <= reply.status < 300:
        raise _refused(reply, endpoint, user)
    return url, reply.status


def _authorize(
    request: urllib.request.Request,
    digest: urllib.request.HTTPDigestAuthHandler,
    user: str,
    password: str,
    seconds: float,
) -> None:
    """Put credentials on ``request`` before its body is sent.

    A server that wants credentials may answer 401 and close the connection while a large
    body is still being sent (Virtuoso does), so the usual way (send, get 401, send again
    with credentials) fails with a broken pipe. A body-less ``HEAD`` first fetches the
    server's challenge; the request then carries its answer (digest) or the credentials
    (basic) from the start. A server that does not challenge gets none.
    """
    import base64

    from ._http import send

    probe = urllib.request.Request(request.full_url, method="HEAD")
    reply = send(probe, timeout=seconds)
    if reply.status != 401:
        return
    for challenge in reply.challenges:
        scheme, _, rest = challenge.strip().partition(" ")
        if scheme.lower() == "digest":
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
            answer = digest.get_authorization(request, fields)
            if answer:
                request.add_unredirected_header("Authorization", f"Digest {answer}")
                return
        if scheme.lower() == "basic":
            token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            request.add_unredirected_header("Authorization", f"Basic {token}")
            return


def _refused(reply: Reply, endpoint: str, user: str | None = None) -> EndpointError:
    detail = reply.first_line()
    detail = f": {detail}" if detail else ""
    if reply.status == 403:
        return EndpointError(
            f"the server refused to write (HTTP 403 Forbidden): it is read-only{detail}",
            source=endpoint,
            reason="read-only",
            details={"detail": detail},
        )
    if reply.status == 401 and user is not None:
        return EndpointError(
            f"the server refused the credentials of {user} (HTTP 401): check the user name "
            "and the password",
            source=endpoint,
        )
    if reply.status == 401:
        return EndpointError(
            "the server wants credentials (HTTP 401): give a user name and a password",
            source=endpoint,
            reason="credentials-needed",
        )
    if reply.status in (404, 405):
        return EndpointError(
            f"no Graph Store here (HTTP {reply.status}); for Oxigraph use .../store, for Fuseki "
            ".../DATASET/data, for Virtuoso .../sparql-graph-crud-auth",
            source=endpoint,
        )
    return EndpointError(
        f"the server answered HTTP {reply.status} {reply.reason}{detail}", source=endpoint
    )
