"""Each process's own high-water mark of resident memory, for the store benchmark."""

from __future__ import annotations

import os


def hwm() -> int:
    """This process's peak resident memory in bytes (``VmHWM``, Linux)."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def marks(_: object) -> list[tuple[int, int]]:
    """A task for a worker: its process id and its peak so far."""
    return [(os.getpid(), hwm())]
