"""Keep a child process from opening network connections (private; Linux on x86-64 and arm64).

The Oxigraph server evaluates a SPARQL ``SERVICE <url> { … }`` clause by fetching ``url``, and
its binary has no switch to turn that off. :func:`connect_blocker` returns a function for
``subprocess.Popen(preexec_fn=…)`` that installs a seccomp filter in the child before it runs
the server: the ``connect()`` system call then fails with ``EACCES``, so the server still
accepts connections on its own port but cannot open one. A ``SERVICE`` clause fails
(``Permission denied``) and ``SERVICE SILENT`` gives no solutions, without any request — DNS
look-ups included — leaving the process. The filter cannot be lifted by the child, and the
calling Python process is not affected.

Examples
--------
>>> import subprocess, sys
>>> block = connect_blocker()
>>> code = "import socket; socket.create_connection(('127.0.0.1', 9))"
>>> done = subprocess.run([sys.executable, "-c", code], preexec_fn=block, capture_output=True)
>>> b"PermissionError" in done.stderr if block is not None else True
True
"""

from __future__ import annotations

import ctypes
import errno
import platform
import sys
from collections.abc import Callable

__all__ = ["connect_blocker"]

# <linux/audit.h> architectures and the number of connect() on each
_ARCHITECTURES = {
    "x86_64": (0xC000003E, 42),
    "amd64": (0xC000003E, 42),
    "aarch64": (0xC00000B7, 203),
    "arm64": (0xC00000B7, 203),
}
_X32_SYSCALL_BIT = 0x40000000
# <linux/filter.h>, <linux/seccomp.h>, <linux/prctl.h>
_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_JGE_K = 0x35
_BPF_RET_K = 0x06
_OFFSET_NR, _OFFSET_ARCH = 0, 4  # struct seccomp_data
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_PR_SET_SECCOMP = 22
_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_MODE_FILTER = 2


class _SockFilter(ctypes.Structure):
    _fields_ = (
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    )


class _SockFprog(ctypes.Structure):
    _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter)))


def connect_blocker() -> Callable[[], None] | None:
    """A ``preexec_fn`` that forbids ``connect()`` in the child, or None where unsupported.

    Everything is prepared here, in the parent; the child only makes two ``prctl`` calls
    (nothing that could deadlock after ``fork``). If they fail, the child raises OSError and
    ``subprocess`` reports it to the parent (the server does not start).
    """
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _ARCHITECTURES:
        return None
    audit_arch, connect_nr = _ARCHITECTURES[machine]
    deny = _SECCOMP_RET_ERRNO | errno.EACCES
    program = (
        (_BPF_LD_W_ABS, 0, 0, _OFFSET_ARCH),
        (_BPF_JEQ_K, 1, 0, audit_arch),  # another architecture's system calls: refuse all
        (_BPF_RET_K, 0, 0, deny),
        (_BPF_LD_W_ABS, 0, 0, _OFFSET_NR),
        (_BPF_JGE_K, 0, 1, _X32_SYSCALL_BIT),  # the x32 ABI's numbers: refuse all
        (_BPF_RET_K, 0, 0, deny),
        (_BPF_JEQ_K, 0, 1, connect_nr),
        (_BPF_RET_K, 0, 0, deny),
        (_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW),
    )
    instructions = (_SockFilter * len(program))(*(_SockFilter(*i) for i in program))
    fprog = _SockFprog(len(program), instructions)
    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    address = ctypes.cast(ctypes.pointer(fprog), ctypes.c_void_p)

    def install() -> None:  # pragma: no cover - runs in the child before exec
        keep = (instructions, fprog)  # the filter must live until prctl has copied it
        if prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
        if prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, address, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
        del keep

    return install
