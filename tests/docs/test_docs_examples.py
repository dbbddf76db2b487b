"""Every ```python block of the tutorial, the how-to guides and the home page runs.

The blocks of one page run in order in one fresh interpreter (in an empty working
directory), the way a reader pastes them, so a page cannot drift from the library: a
renamed function, a changed result or a false ``assert`` in the prose fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.profiles import ci_preamble

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted([DOCS / "index.md", DOCS / "tutorial.md", *sorted((DOCS / "how-to").glob("*.md"))])
#: ``<!-- needs: dask -->`` on a page: its code needs an optional package.
_NEEDS = re.compile(r"<!-- needs: ([\w.]+) -->")
_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def python_blocks(text: str) -> list[str]:
    """The bodies of the page's fenced ``python`` blocks, in order."""
    return _BLOCK.findall(text)


def test_block_extraction_finds_only_python_fences() -> None:
    page = "a\n```python\nx = 1\n```\n```sh\nmake demo\n```\n```python\ny = 2\n```\n"
    assert python_blocks(page) == ["x = 1\n", "y = 2\n"]


def test_the_tutorial_and_every_how_to_have_code() -> None:
    names = {p.relative_to(DOCS).as_posix() for p in PAGES if python_blocks(p.read_text())}
    assert "tutorial.md" in names
    assert {p.relative_to(DOCS).as_posix() for p in PAGES} - {"index.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_code_runs(page: Path, tmp_path: Path) -> None:
    text = page.read_text(encoding="utf-8")
    blocks = python_blocks(text)
    if not blocks:
        pytest.skip("no python blocks")
    for module in _NEEDS.findall(text):
        pytest.importorskip(module)
    # The page's own ``@settings`` stay; what they leave unset comes from the ci profile
    # (derandomized, no deadline, no timing health check), as in the rest of the suite.
    code = ci_preamble() + "\n".join(blocks)
    env = {"PYTHONIOENCODING": "utf-8", "PATH": "", "MPLBACKEND": "Agg"}
    if "pyspark" in _NEEDS.findall(text):  # Spark starts a JVM through bash and java
        if shutil.which("java") is None:
            pytest.skip("pyspark needs a Java runtime (java on PATH)")
        env |= {k: v for k, v in os.environ.items() if k in ("PATH", "JAVA_HOME")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, f"{page.name} failed:\n{done.stderr[-3000:]}"
