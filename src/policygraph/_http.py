"""HTTP requests bounded by one deadline for the whole exchange (private).

urllib's ``timeout`` bounds each socket operation: a server that sends one byte every half
second never lets a read time out, and the request never ends. :func:`send` gives the whole
exchange (connection, request body, status line, headers and response body, redirects and
authentication retries included) one deadline: a watchdog timer shuts the request's sockets
down when it passes, which ends any blocked read or write at once.

Examples
--------
>>> check_timeout(2.5)
2.5
>>> check_timeout(float("inf"), source="http://127.0.0.1:7878/query")
Traceback (most recent call last):
...
policygraph.errors.InputError: http://127.0.0.1:7878/query: the timeout must be positive and \
finite, at most 604800 seconds, got inf
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import math
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from .errors import InputError

__all__ = ["MAX_TIMEOUT", "DeadlineExceeded", "Reply", "check_timeout", "send"]

#: the longest timeout accepted, in seconds (one week)
MAX_TIMEOUT = 7 * 24 * 3600


class DeadlineExceeded(TimeoutError):
    """The whole exchange did not finish within its deadline."""


@dataclass(frozen=True)
class Reply:
    """A complete HTTP answer: status, reason, content type and the whole body.

    ``challenges`` holds the ``WWW-Authenticate`` headers of a 401 answer, in order.
    """

    status: int
    reason: str
    content_type: str
    body: bytes
    challenges: tuple[str, ...] = ()

    def first_line(self) -> str:
        """The first non-empty line of the body, decoded as UTF-8 (for error messages)."""
        text = self.body[:4096].decode("utf-8", errors="replace").strip()
        return text.splitlines()[0].strip() if text else ""


def check_timeout(value: object, /, *, source: str | None = None) -> float:
    """Return ``value`` as seconds if it is a positive, finite number up to :data:`MAX_TIMEOUT`.

    Raises
    ------
    InputError
        Any other value (zero, negative, infinite, NaN, not a number): a usage error.
    """
    seconds = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if seconds is None or not (0 < seconds <= MAX_TIMEOUT) or not math.isfinite(seconds):
        raise InputError(
            "the timeout must be positive and finite, at most "
            f"{MAX_TIMEOUT} seconds, got {value!r}",
            source=source,
        )
    return float(seconds)


class _Deadline:
    """A watchdog that shuts down every socket of one exchange when its time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._end = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                # shutdown (not close) is safe while another thread uses the socket
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def create_connection(
        self,
        address: tuple[str, int],
        timeout: Any = None,
        source_address: tuple[str, int] | None = None,
    ) -> socket.socket:
        """Open a TCP connection for http.client, within the time left, and watch it."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded("the deadline passed before connecting")
        if isinstance(timeout, int | float):
            left = min(left, timeout)
        sock = socket.create_connection(address, left, source_address)
        with self._lock:
            if self.expired:
                sock.close()
                raise DeadlineExceeded("the deadline passed while connecting")
            self._sockets.append(sock)
        return sock


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # http.client opens its socket through this attribute (the hook its own tests use)
        self._create_connection = deadline.create_connection


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = deadline.create_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        factory = functools.partial(_HTTPConnection, deadline=self._deadline)
        return self.do_open(factory, req)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One default TLS context for the process (loading the CA certificates takes time)."""
    return ssl.create_default_context()


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__(context=_tls_context())
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        factory = functools.partial(_HTTPSConnection, deadline=self._deadline)
        return self.do_open(factory, req, context=_tls_context())


def send(
    request: urllib.request.Request,
    /,
    *,
    timeout: float,
    handlers: Sequence[urllib.request.BaseHandler] = (),
) -> Reply:
    """Send ``request`` and read the whole answer, all within ``timeout`` seconds.

    Parameters
    ----------
    request : urllib.request.Request
        The request (method, URL, headers, body).
    timeout : float
        Seconds for the whole exchange (checked with :func:`check_timeout`).
    handlers : sequence of urllib.request.BaseHandler
        Extra urllib handlers, e.g. for HTTP authentication.

    Returns
    -------
    Reply
        Any HTTP status, error statuses included: the caller decides what they mean.

    Raises
    ------
    DeadlineExceeded
        The exchange did not finish in time.
    OSError
        The connection failed (``urllib.error.URLError`` keeps the cause in ``.reason``), or
        the server's answer is not HTTP (a ``ConnectionError``).
    """
    seconds = check_timeout(timeout, source=request.full_url)
    with _Deadline(seconds) as deadline:
        opener = urllib.request.build_opener(
            _HTTPHandler(deadline), _HTTPSHandler(deadline), *handlers
        )
        try:
            try:
                response: Any = opener.open(request, timeout=seconds)
            except urllib.error.HTTPError as exc:  # an error status is an answer too
                response = exc
            with response:
                body = response.read()
                status = int(response.status)
                reason = str(response.reason or "")
                content_type = response.headers.get("Content-Type", "") or ""
                challenges = tuple(response.headers.get_all("WWW-Authenticate") or ())
        except (OSError, http.client.HTTPException) as exc:
            if deadline.expired:
                raise DeadlineExceeded(f"no complete answer within {seconds:g} s") from exc
            if isinstance(exc, OSError):
                raise
            raise ConnectionError(f"the answer is not valid HTTP ({type(exc).__name__})") from exc
    if deadline.expired:
        raise DeadlineExceeded(f"no complete answer within {seconds:g} s")
    return Reply(status, reason, content_type, body, challenges)
