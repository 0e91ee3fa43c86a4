"""Atomic file writes: write a temporary file next to the target, then rename it over.

An interrupted or failed write leaves the previous file untouched and no temporary file
behind. The new file gets the permissions an ordinary ``open(path, "w")`` would give
(``0o666`` minus the umask), or the old file's permissions when it replaces one.

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
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path"]


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


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
        Where to write; it exists and is empty.
    """
    target = Path(path)
    # keep the suffix: writers such as matplotlib's savefig choose the format by it
    fd, name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=target.suffix or ".tmp", dir=target.parent
    )
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            mode = _default_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
