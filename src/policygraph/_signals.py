"""Interrupts: SIGINT and SIGTERM end a command cleanly, and never in the middle of a cleanup.

:func:`interrupts_raise` is what the command line runs under: the first SIGINT (Ctrl-C) or
SIGTERM raises :class:`KeyboardInterrupt`, so ``finally`` blocks run and the command exits with
code 130 and one line; further signals are ignored while it unwinds. :func:`signals_deferred`
holds both signals back for the few statements that must not be cut in two (creating or
removing a temporary file, renaming it over the target); a signal that arrives meanwhile is
delivered when the block ends.

Examples
--------
>>> import signal
>>> before = signal.getsignal(signal.SIGTERM)
>>> with interrupts_raise():
...     signal.getsignal(signal.SIGTERM) is not before
True
>>> signal.getsignal(signal.SIGTERM) is before
True
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = [
    "ignore_interrupts",
    "install_interrupts",
    "interrupted",
    "interrupts_raise",
    "signals_deferred",
]

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


#: the signals received since the handlers were installed
_received: list[int] = []


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    _received.append(signum)
    ignore_interrupts()  # the first signal wins: the rest would only cut the cleanup short
    raise KeyboardInterrupt(signal.Signals(signum).name)


def interrupted() -> bool:
    """Whether a signal arrived since the handlers were installed.

    Python does not always let the KeyboardInterrupt through as it is: raised while a class
    is created it becomes a RuntimeError, and in a finalizer it is printed and dropped. An
    error that ends a command after a signal is the interrupt's doing.
    """
    return bool(_received)


def install_interrupts() -> None:
    """From now on, the first SIGINT or SIGTERM raises KeyboardInterrupt (main thread only)."""
    if _in_main_thread():
        _received.clear()
        for sig in _SIGNALS:
            signal.signal(sig, _interrupt)


def ignore_interrupts() -> None:
    """From now on, SIGINT and SIGTERM are ignored (main thread only)."""
    if _in_main_thread():
        for sig in _SIGNALS:
            signal.signal(sig, signal.SIG_IGN)


@contextmanager
def interrupts_raise() -> Iterator[None]:
    """Within the block, the first SIGINT or SIGTERM raises KeyboardInterrupt.

    The previous handlers are restored when the block ends. Outside the main thread (where
    Python cannot set handlers) the block changes nothing.
    """
    if not _in_main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in _SIGNALS}
    try:
        install_interrupts()
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block ends (POSIX; elsewhere a no-op).

    Examples
    --------
    >>> with signals_deferred():
    ...     pass
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
