"""Ctrl-C from the first moment a command runs: exit 130 and one line, never a traceback.

The handler is installed by the first statement of the program (``cli.console``); before
that, the interpreter itself is starting. Signals are sent from the moment the handler is
there (read from /proc), over the first 0.3 s, while the command still imports its modules:
there Python may wrap the KeyboardInterrupt (a RuntimeError from ``__set_name__``) or, once it
escaped code an extension module ran, end the process with SIGINT instead of its exit code.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").is_file(), reason="reads signal masks from /proc (Linux)"
)

SEED = 130


def _handler_installed(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status").read_text()
    caught = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt"))
    return bool(int(caught, 16) & (1 << (signal.SIGTERM - 1)))


@pytest.mark.parametrize(
    "argv", [["stats"], ["validate"], ["report", "--no-validate"], ["queries"], ["--version"]]
)
def test_ctrl_c_in_the_first_moments(argv: list[str], tmp_path: Path) -> None:
    rng = random.Random(f"{SEED} {argv}")
    for delay in (0.0, *(rng.uniform(0, 0.3) for _ in range(5))):
        process = subprocess.Popen(
            [sys.executable, "-m", "policygraph.cli", *argv],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while process.poll() is None and not _handler_installed(process.pid):
            assert time.monotonic() < deadline
            time.sleep(0.0005)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
        where = f"{argv} after {delay:.3f} s"
        assert "Traceback" not in err, where
        if process.returncode == 0:  # it had finished already
            assert err == "", where
        else:
            assert process.returncode == 130, (where, err)
            assert err in (f"policygraph {argv[0]}: interrupted\n", "policygraph: interrupted\n")


def _interrupting_command(tmp_path: Path, body: str) -> Path:
    """A module that runs ``policygraph stats`` whose command does ``body`` (a signal)."""
    (tmp_path / "interrupting.py").write_text(body, encoding="utf-8")
    program = tmp_path / "program.py"
    program.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "import policygraph.commands.stats as stats\n"
        "from policygraph import cli\n"
        "def run(args):\n"
        "    import interrupting\n"
        "    return 0\n"
        "stats.run = run\n"
        "sys.argv = ['policygraph', 'stats']\n"
        "cli.console()\n",
        encoding="utf-8",
    )
    return program


def test_an_interrupt_inside_exec_during_an_import_still_exits_130(tmp_path: Path) -> None:
    """dataclasses and namedtuple exec strings while a module is imported: a KeyboardInterrupt
    that escapes one made Python end the process with SIGINT (-2), even once caught."""
    _interrupting_command(
        tmp_path, 'exec("import signal\\nsignal.raise_signal(signal.SIGINT)\\n")\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "program"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (130, "policygraph stats: interrupted\n")


def test_an_interrupt_wrapped_by_python_still_exits_130(tmp_path: Path) -> None:
    """Raised in ``__set_name__`` while a class is created, it arrives as a RuntimeError."""
    _interrupting_command(
        tmp_path,
        "import signal\n"
        "class Descriptor:\n"
        "    def __set_name__(self, owner, name):\n"
        "        signal.raise_signal(signal.SIGTERM)\n"
        "class Owner:\n"
        "    field = Descriptor()\n",
    )
    done = subprocess.run(
        [sys.executable, "-m", "program"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (130, "policygraph stats: interrupted\n")


def test_an_interrupt_lost_in_a_finalizer_prints_nothing(tmp_path: Path) -> None:
    """Python drops an exception raised in ``__del__`` (printing it); the command goes on."""
    _interrupting_command(
        tmp_path,
        "import signal\n"
        "class Finalized:\n"
        "    def __del__(self):\n"
        "        signal.raise_signal(signal.SIGINT)\n"
        "Finalized()\n",
    )
    done = subprocess.run(
        [sys.executable, "-m", "program"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")
