"""Saving without a mixture: a file is written to a temporary file beside it, synced and
renamed into place; a CSV folder is written as a new folder beside the old one and
swapped in. An interrupted save leaves the old file or folder whole.

Where a save may go:

- a path that does not exist, or a regular file (or a link to one: the file it points
  to is replaced, the link stays): replaced all at once. A new file is readable by its
  owner only (0600), for it holds personal data; a file replaced keeps its mode.
- a path that exists and is not a regular file (a pipe, a terminal, ``/dev/stdout``, or
  anything under ``/dev`` or ``/proc``): written through, as it is; it cannot be
  replaced, and never is.
- a folder, for a file: refused with :class:`~shequ_core.errors.ShequError`; for a CSV
  folder, a path that exists and is not a folder is refused the same way.

Every temporary file and folder is created readable by its owner only and removed on
any exception (an interrupt included); only a process killed outright leaves one, named
``.<name>.<random>.tmp``, beside the target, which the next save does not reuse.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from shequ_core.errors import ShequError

__all__ = [
    "atomic_folder",
    "atomic_write",
    "atomic_write_bytes",
    "fsync_dir",
    "new_file",
    "save_text",
    "unwritable",
]

#: Where a path is a device or a process's descriptor: written through, never replaced.
_DEVICES = ("/dev/", "/proc/")


def unwritable(path: Path, why: str) -> ShequError:
    """The error for a save that cannot go to ``path``."""
    return ShequError(f"cannot write {path}: {why}")


def _mode(path: Path) -> int | None:
    """What is at ``path`` (links followed): None for nothing, else its ``st_mode``."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None


def _written_through(path: Path, mode: int | None) -> bool:
    return str(path).startswith(_DEVICES) or (
        mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)
    )


def atomic_write(path: Path, write: Callable[[TextIO], None]) -> None:
    """Replace ``path`` by the UTF-8 text ``write`` writes, all at once or not at all (or
    write through it, when it is a pipe or a device)."""
    _replace(path, write, binary=False)


def atomic_write_bytes(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """:func:`atomic_write` for bytes (a workbook)."""
    _replace(path, write, binary=True)


def _replace(path: Path, write: Callable[[Any], None], *, binary: bool) -> None:
    text: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    how = "wb" if binary else "w"
    mode = _mode(path)
    if _written_through(path, mode):
        with open(path, how, **text) as f:
            write(f)
        return
    if mode is not None and stat.S_ISDIR(mode):
        raise unwritable(path, "it is a folder")
    real = Path(os.path.realpath(path))  # through a link: replace its target, keep the link
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, how, **text) as f:
            write(f)
            f.flush()
            if mode is not None:  # an export keeps the mode of the file it replaces
                os.fchmod(f.fileno(), stat.S_IMODE(mode))
            os.fsync(f.fileno())
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(real.parent)


def save_text(target: Path | TextIO, write: Callable[[TextIO], None]) -> None:
    """Write to a path as :func:`atomic_write` does, or into an open text stream (such as
    ``sys.stdout``), which is flushed and left open."""
    if isinstance(target, Path):
        atomic_write(target, write)
    else:
        write(target)
        target.flush()


@contextlib.contextmanager
def new_file(path: Path, mode: int = 0o600) -> Iterator[TextIO]:
    """A new file at ``path`` (in a folder being built), written, synced and closed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        yield f
        f.flush()
        os.fsync(f.fileno())


def atomic_folder(target: Path, fill: Callable[[Path, dict[str, int]], None]) -> None:
    """Replace the folder ``target`` by a new one that ``fill`` writes, all at once.

    ``fill(folder, modes)`` writes the files into an empty folder beside ``target``;
    ``modes`` holds the mode of each file of the old folder, by name, for the new file
    of that name to keep. The new folder then takes the old one's place: exchanged in
    one step where the system can (Linux ``renameat2``), otherwise the old folder is
    renamed aside, the new one renamed in, and the old one removed. A save that fails
    before that leaves the old folder as it was, and removes what it wrote.
    """
    mode = _mode(target)
    if mode is not None and not stat.S_ISDIR(mode):
        raise unwritable(target, "it exists and is not a folder (a CSV dataset is a folder)")
    real = Path(os.path.realpath(target))
    real.parent.mkdir(parents=True, exist_ok=True)
    modes: dict[str, int] = {}
    if mode is not None:
        for p in real.iterdir():
            with contextlib.suppress(OSError):
                modes[p.name] = stat.S_IMODE(p.stat().st_mode)
    new = Path(tempfile.mkdtemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent))
    try:
        fill(new, modes)
        if mode is not None:
            new.chmod(stat.S_IMODE(mode))
        fsync_dir(new)
        if mode is None:
            os.rename(new, real)
        elif _exchange(new, real):
            pass  # ``new`` now names the old folder
        else:
            _swap_in(new, real)
            fsync_dir(real.parent)
            return
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    fsync_dir(real.parent)
    shutil.rmtree(new, ignore_errors=True)  # the old folder, exchanged out


def _swap_in(new: Path, real: Path) -> None:
    """The rename dance: the old folder aside, the new one in, the old one removed; if
    the new one cannot be renamed in, the old one goes back."""
    old = Path(tempfile.mkdtemp(prefix=f".{real.name}.old.", suffix=".tmp", dir=real.parent))
    os.rename(real, old)  # onto the empty folder just made: replaced atomically
    try:
        os.rename(new, real)
    except BaseException:
        os.rename(old, real)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where
    the system or the file system cannot."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - the tests run on Linux
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # pragma: no cover - a libc without it (musl < 1.2)
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False  # pragma: no cover - a file system that cannot exchange
    raise OSError(code, os.strerror(code), str(b))


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable: a crash after it must not bring the old file back."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder we have just written in can be opened
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)
