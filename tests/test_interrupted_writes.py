"""Interrupting a write leaves the old file or the complete new one, and no temporary file.

A real ``policygraph build`` of a large text runs in a child process and gets SIGINT or SIGTERM
at random moments (a fixed seed, printed on failure); a SIGKILL during the write leaves a
temporary file that the next run removes.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policygraph._atomic import TEMP_MARK, atomic_path, stale_temporaries

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "jiaxing-315-plan.txt"
SEED = 315
#: exit code and stderr: finished; interrupted; interrupted as the finished command was exiting
OUTCOMES = (
    (0, ""),
    (130, "policygraph build: interrupted\n"),
    (130, "policygraph: interrupted\n"),
)

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").is_file(), reason="reads signal masks from /proc (Linux)"
)


def _large_text() -> str:
    """The plan with its body four times over: a text that takes seconds to build and write."""
    title, body = SOURCE.read_text(encoding="utf-8").split("\n", 1)
    return title + "\n" + body * 4


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has a SIGTERM handler (policygraph's, installed by ``main``)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt"))
    return bool(int(caught, 16) & (1 << (signal.SIGTERM - 1)))


def _start(folder: Path) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "policygraph.cli", "build", "big.txt", "-o", "out.ttl", "-q"]
    return subprocess.Popen(
        argv, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for_handler(process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not _catches_sigterm(process.pid):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the handler was never installed"
        time.sleep(0.001)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, float]:
    """The complete output of an uninterrupted build, and how long the build ran."""
    folder = tmp_path_factory.mktemp("reference")
    (folder / "big.txt").write_text(_large_text(), encoding="utf-8")
    process = _start(folder)
    _wait_for_handler(process)
    started = time.monotonic()
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return (folder / "out.ttl").read_bytes(), time.monotonic() - started


def test_sigint_and_sigterm_at_random_moments(build: tuple[bytes, float], tmp_path: Path) -> None:
    new, duration = build
    old = b"# the previous graph\n"
    (tmp_path / "big.txt").write_text(_large_text(), encoding="utf-8")
    rng = random.Random(SEED)
    outcomes = []
    for n in range(10):
        (tmp_path / "out.ttl").write_bytes(old)
        sig = (signal.SIGINT, signal.SIGTERM)[n % 2]
        # half the moments anywhere in the run, half in its last quarter, where it writes
        delay = rng.uniform(0, duration) if n < 5 else rng.uniform(0.75 * duration, duration)
        process = _start(tmp_path)
        _wait_for_handler(process)
        time.sleep(delay)
        process.send_signal(sig)
        _out, err = process.communicate(timeout=300)
        where = f"seed {SEED}, run {n}, {sig.name} after {delay:.3f} s"
        assert (process.returncode, err) in OUTCOMES, where
        content = (tmp_path / "out.ttl").read_bytes()
        assert content in (old, new), where  # never a partial file
        assert _leftovers(tmp_path) == [], where
        outcomes.append((process.returncode, content == new))
    assert (130, False) in outcomes  # some runs were cut before the rename


def test_a_killed_write_is_cleaned_up_by_the_next_run(
    build: tuple[bytes, float], tmp_path: Path
) -> None:
    new, _duration = build
    (tmp_path / "big.txt").write_text(_large_text(), encoding="utf-8")
    killed = None
    for _attempt in range(20):  # SIGKILL as soon as the temporary file appears
        process = _start(tmp_path)
        _wait_for_handler(process)
        while process.poll() is None and not _leftovers(tmp_path):
            time.sleep(0.0002)
        process.kill()
        process.communicate()
        killed = _leftovers(tmp_path)
        if killed:
            break
        (tmp_path / "out.ttl").unlink(missing_ok=True)
    assert killed, "no run was caught writing"
    (name,) = killed
    assert name.startswith(f".out.ttl{TEMP_MARK}{process.pid}.") and name.endswith(".ttl")
    rerun = _start(tmp_path)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert _leftovers(tmp_path) == []
    assert (tmp_path / "out.ttl").read_bytes() == new


def test_a_temporary_file_of_a_running_writer_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".out.ttl{TEMP_MARK}{sleeper.pid}.abcd1234.ttl"
        live.write_text("being written")
        finished = subprocess.run([sys.executable, "-c", "pass"], check=True)
        assert finished.returncode == 0
        dead_pid = max(2, sleeper.pid + 10_000_000)  # beyond pid_max: no such process
        dead = tmp_path / f".out.ttl{TEMP_MARK}{dead_pid}.efgh5678.ttl"
        dead.write_text("half a graph")
        other = tmp_path / f".other.ttl{TEMP_MARK}{dead_pid}.ijkl9012.ttl"
        other.write_text("another target's")
        assert stale_temporaries(target) == [dead]
        with atomic_path(target) as tmp:
            tmp.write_text("complete")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [live.name, other.name, "out.ttl"]
        )
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("the writer failed")
    assert os.listdir(tmp_path) == ["out.ttl"]
    assert target.read_text() == "old"
