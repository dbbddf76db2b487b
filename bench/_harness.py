"""What every benchmark of ``bench/`` shares: timing, the machine line, the docs sections.

Timing follows the anchors' method (``shared/research/perf.md``): GC off during a timed
run (allocation-heavy code runs 2-8x slower with it on, and that measures the
collector, not us), a median over repeats, and each figure also as a ratio against an
anchor timed in the same repeat, because absolute times on a shared machine mean little.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"


def seconds(fn: Callable[[], object]) -> float:
    """Wall seconds of one run of ``fn`` with GC off (collected first)."""
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0
    finally:
        gc.enable()


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def versions(*names: str) -> str:
    out = []
    for name in names:
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            out.append(f"{name} (not installed)")
    return ", ".join(out)


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    load_text = f", load average {load:.1f}" if load is not None else ""
    return (
        f"`{platform.platform()}`, {os.cpu_count()} cores{load_text}; "
        f"Python {platform.python_version()}"
    )


def write_section(name: str, text: str) -> None:
    """Replace the section between ``<!-- name:begin -->`` and ``<!-- name:end -->``."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{text.rstrip()}\n{end}"
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    if begin in doc and end in doc:
        head, rest = doc.split(begin, 1)
        doc = f"{head}{block}{rest.split(end, 1)[1]}"
    else:
        doc = doc.rstrip("\n") + f"\n\n{block}\n"
    DOC.write_text(doc, encoding="utf-8")
