"""The README stays true: its Python example runs; its set-up commands come first."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = README.read_text(encoding="utf-8")


def test_readme_starts_with_the_two_set_up_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", TEXT, re.S)
    assert first_block is not None and TEXT.index("```sh") < TEXT.index("\n## ")
    assert first_block.group(1).splitlines() == [
        "pip install . && policygraph report",
        'pip install -e ".[dev]" && python -m pytest',
    ]


def test_readme_python_example_runs() -> None:
    (block,) = re.findall(r"```python\n(.*?)```", TEXT, re.S)
    scope: dict[str, object] = {}
    exec(compile(block, str(README), "exec"), scope)
    assert len(scope["leads"]) == 19  # type: ignore[arg-type]
    assert set(scope["fin"]["task"].str.rsplit("/", n=1).str[-1]) == {  # type: ignore[index]
        "2-1-1",
        "2-1-2",
        "2-2-2",
        "2-3-2",
        "2-4-4",
        "2-5-1",
        "2-5-3",
    }
    assert scope["report"].conforms  # type: ignore[attr-defined]
