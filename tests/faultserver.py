"""A local HTTP server that misbehaves on purpose, for the endpoint cases of query and push.

The first path segment of the request chooses the fault; every request (GET, POST, PUT) is read
in full first, so uploads see the same faults as queries:

- ``/drip-body/…``: a 200 status and headers at once, then the body one byte every 0.5 s
  (never complete);
- ``/drip-headers/…``: the status line and headers one byte every 0.5 s;
- ``/silent/…``: reads the request and never answers;
- ``/slow-headers/…``: the headers after 4 s, then a valid SPARQL JSON answer;
- ``/reset/…``: closes the connection with a TCP reset before answering;
- ``/close/…``: closes the connection cleanly without a word;
- ``/garbage/…``: answers bytes that are not HTTP;
- ``/status/CODE/…``: that HTTP status with a one-line text body (``boom CODE``);
- ``/json/NAME/…``: a 200 with the canned body ``BODIES[NAME]`` as SPARQL JSON results;
- ``/ok/…``: a valid answer with one row (``?n`` = 1), or 204 for an upload.

``server.connections`` counts accepted connections (to prove that nothing was fetched).
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Iterator

OK_JSON = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1",' + (
    b'"datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}'
)

_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

#: canned answers for ``/json/NAME``: JSON of the wrong shape, or values of the wrong form
BODIES: dict[str, bytes] = {
    "list": b"[1,2,3]",
    "head-list": b'{"head":[]}',
    "vars-string": b'{"head":{"vars":"n"},"results":{"bindings":[]}}',
    "bindings-ints": b'{"head":{"vars":["n"]},"results":{"bindings":[1]}}',
    "results-list": b'{"head":{"vars":["n"]},"results":[]}',
    "value-number": b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal",'
    b'"value":5}}]}}',
    "term-string": b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":"x"}]}}',
    "unknown-type": b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"thing",'
    b'"value":"x"}}]}}',
    "boolean-string": b'{"head":{},"boolean":"yes"}',
    "bad-integer": (
        b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"12x",'
        b'"datatype":"' + _INTEGER.encode() + b'"}}]}}'
    ),
    "bad-decimal": (
        b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1.2.3",'
        b'"datatype":"http://www.w3.org/2001/XMLSchema#decimal"}}]}}'
    ),
    "bad-language": (
        b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"x",'
        b'"xml:lang":"not a tag!"}}]}}'
    ),
    "not-json": b"<html><body>Service unavailable</body></html>",
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "not-utf8": b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal",'
    b'"value":"\xff\xfe"}}]}}',
}


class FaultServer:
    """A threaded TCP server on 127.0.0.1 that speaks broken HTTP on purpose."""

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = int(self._sock.getsockname()[1])
        self.connections = 0
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    def url(self, fault: str, rest: str = "query") -> str:
        """The URL that triggers ``fault`` (e.g. ``"drip-body"``, ``"json/list"``)."""
        return f"http://127.0.0.1:{self.port}/{fault}/{rest}"

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        self._accepter.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)

    # -- internals ----------------------------------------------------------------------------
    def _accept(self) -> None:
        self._sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with contextlib.closing(conn):
            conn.settimeout(10)
            try:
                path = self._read_request(conn)
            except OSError:
                return
            parts = path.strip("/").split("/")
            fault = parts[0]
            try:
                self._answer(conn, fault, parts[1:])
            except OSError:  # the client left: fine
                return

    @staticmethod
    def _read_request(conn: socket.socket) -> str:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                raise ConnectionError("the client left")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        return lines[0].split(" ")[1].split("?")[0]

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        for byte in data:
            if self._stop.wait(0.5):
                return
            conn.sendall(bytes([byte]))

    def _answer(self, conn: socket.socket, fault: str, rest: list[str]) -> None:
        if fault == "drip-body":
            conn.sendall(_head(200, "OK", length=10_000))
            self._drip(conn, OK_JSON * 200)
        elif fault == "drip-headers":
            self._drip(conn, _head(200, "OK", length=len(OK_JSON)) + OK_JSON)
        elif fault == "silent":
            self._stop.wait(60)
        elif fault == "slow-headers":
            if not self._stop.wait(4):
                conn.sendall(_head(200, "OK", length=len(OK_JSON)) + OK_JSON)
        elif fault == "reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif fault == "close":
            conn.shutdown(socket.SHUT_RDWR)
        elif fault == "garbage":
            conn.sendall(b"\x00\x01 this is not HTTP at all\r\n\r\n")
        elif fault == "status":
            code = int(rest[0])
            body = f"boom {code}\n".encode()
            conn.sendall(_head(code, "Fault", length=len(body), kind="text/plain") + body)
        elif fault == "json":
            body = BODIES[rest[0]]
            conn.sendall(_head(200, "OK", length=len(body)) + body)
        else:  # "ok"
            conn.sendall(_head(200, "OK", length=len(OK_JSON)) + OK_JSON)


def _head(
    code: int, reason: str, *, length: int, kind: str = "application/sparql-results+json"
) -> bytes:
    return (
        f"HTTP/1.1 {code} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {length}\r\n"
        "Connection: close\r\n\r\n"
    ).encode("ascii")


@contextlib.contextmanager
def running() -> Iterator[FaultServer]:
    """A FaultServer for the time of a ``with`` block."""
    server = FaultServer()
    try:
        yield server
    finally:
        server.close()


def elapsed(start: float) -> float:
    """Seconds since ``start`` (a ``time.monotonic()`` value)."""
    return time.monotonic() - start
