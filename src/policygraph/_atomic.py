"""Atomic file writes: write a temporary file next to the target, then rename it over.

An interrupted or failed write leaves the previous file untouched and no temporary file
behind: the temporary file is created, renamed and removed with SIGINT and SIGTERM held back
(:func:`policygraph._signals.signals_deferred`), and removed on every way out of the block.
Its data is flushed to disk (``fsync``) before the rename, and the folder after it. The new
file gets the permissions an ordinary ``open(path, "w")`` would give (``0o666`` minus the
umask), or the old file's permissions when it replaces one.

Temporary files are named ``.<name>.pgtmp<pid>.<random><suffix>``: a process killed outright
(SIGKILL, power loss) cannot remove its own, so the next write to the same target removes those
whose process no longer runs. Being dot files, they are hidden meanwhile.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_path(folder / "out.txt") as tmp:
...     _ = tmp.write_text("南湖", encoding="utf-8")
>>> (folder / "out.txt").read_text(encoding="utf-8")
'南湖'
>>> sorted(p.name for p in folder.iterdir())
['out.txt']
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ._signals import signals_deferred

__all__ = ["TEMP_MARK", "atomic_path", "stale_temporaries"]

#: what marks policygraph's temporary files: ``.<name>.pgtmp<pid>.…``
TEMP_MARK = ".pgtmp"
#: file names are at most 255 bytes: keep room for the mark, the pid and mkstemp's letters
_NAME_KEPT = 120


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _prefix(target: Path) -> str:
    return f".{target.name[:_NAME_KEPT]}{TEMP_MARK}"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it runs, as another user
        return True
    return True


def stale_temporaries(path: str | os.PathLike[str], /) -> list[Path]:
    """Temporary files left beside ``path`` by writers that no longer run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> dead = folder / ".out.ttl.pgtmp999999999.abc.ttl"  # no such process
    >>> _ = dead.write_text("half a graph")
    >>> [p.name for p in stale_temporaries(folder / "out.ttl")]
    ['.out.ttl.pgtmp999999999.abc.ttl']
    """
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) is only a probe on POSIX
        return []
    target = Path(path)
    prefix = _prefix(target)
    stale = []
    try:
        entries = list(os.scandir(target.parent if str(target.parent) else "."))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        pid = entry.name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            stale.append(Path(entry.path))
    return sorted(stale)


def _fsync(path: Path, *, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:  # some systems cannot open a folder; the rename is done all the same
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: str | os.PathLike[str], /) -> Iterator[Path]:
    """Yield a temporary path in ``path``'s folder; on success rename it to ``path``.

    Parameters
    ----------
    path : path-like
        The file to write. Its folder must exist.

    Yields
    ------
    pathlib.Path
        Where to write; it exists and is empty. Keep its suffix (some writers choose the
        format by it).
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    for stale in stale_temporaries(target):
        with suppress(OSError):
            stale.unlink()
    tmp: Path | None = None
    try:
        with signals_deferred():
            fd, name = tempfile.mkstemp(
                prefix=f"{_prefix(target)}{os.getpid()}.",
                suffix=target.suffix or ".tmp",
                dir=folder,
            )
            os.close(fd)
            tmp = Path(name)
        yield tmp
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = _default_mode()
        os.chmod(tmp, mode)
        _fsync(tmp)
        with signals_deferred():
            os.replace(tmp, target)
            tmp = None
        _fsync(folder, directory=True)
    finally:
        if tmp is not None:
            with signals_deferred():
                tmp.unlink(missing_ok=True)
