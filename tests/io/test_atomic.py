"""Nothing lost on disk: a failed or interrupted save leaves the old file whole, and the
old CSV folder whole and loadable, never a mixture of old and new files.

The interruption is real: a subprocess saving a large dataset over an existing file (or
folder) is stopped in the middle of writing its temporary file and killed there with
SIGKILL (no ``finally``, no clean-up runs). The file or folder it was replacing must
still hold the old bytes.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset
from tests.builders import residents_dataset

# The saving child stops in the middle of writing the temporary file of one target (the
# file itself, or residents.csv in a CSV folder): once STOP_AFTER characters of it are on
# disk, it says "writing" and waits on stdin, where nothing ever comes, until the test
# kills it. So the kill always lands mid-write, however loaded the machine is.
KILLED_SAVE_RESIDENTS = 5_000
STOP_AFTER = 64 * 1024
SAVER = r"""
import os
import sys
import tempfile
from pathlib import Path

path, fmt, root, target, residents, stop_after = sys.argv[1:]
sys.path.insert(0, root)  # the repository, so that ``tests.builders`` imports
from tests.builders import residents_dataset
from shequ_core.io import save_dataset

ds = residents_dataset(int(residents))
opened = {}
real_mkstemp, real_fdopen = tempfile.mkstemp, os.fdopen


def mkstemp(*args, **kw):
    fd, name = real_mkstemp(*args, **kw)
    opened[fd] = Path(name).name
    return fd, name


real_open = os.open


def os_open(name, *args, **kw):  # the files of a new CSV folder
    fd = real_open(name, *args, **kw)
    opened[fd] = Path(name).name
    return fd


class Stopping:
    def __init__(self, f):
        self.f, self.written = f, 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.f.__exit__(*exc)

    def write(self, text):
        n = self.f.write(text)
        self.written += len(text)
        if self.written >= int(stop_after):
            self.f.flush()
            os.fsync(self.f.fileno())
            print("writing", flush=True)
            sys.stdin.readline()  # nothing comes: this is where the kill finds us
            os._exit(3)  # the test went away without killing us: stop here all the same
        return n

    def __getattr__(self, name):
        return getattr(self.f, name)


def fdopen(fd, *args, **kw):
    f = real_fdopen(fd, *args, **kw)
    name = opened.get(fd, "")
    return Stopping(f) if name.startswith(f".{target}.") or name == target else f


tempfile.mkstemp, os.fdopen, os.open = mkstemp, fdopen, os_open
save_dataset(ds, path, format=fmt)
print("saved", flush=True)
"""


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


def _kill_mid_save(path: Path, fmt: str) -> None:
    """Start a save of a big dataset over ``path``, stop it in the middle of writing its
    temporary file (residents.csv in the new folder, for CSV), and SIGKILL it there."""
    target = "residents.csv" if fmt == "csv" else path.name
    root = Path(__file__).resolve().parents[2]
    args = [str(path), fmt, str(root), target]
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, *args, str(KILLED_SAVE_RESIDENTS), str(STOP_AFTER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        said = child.stdout.readline()
        assert said == "writing\n", f"the save did not stop in {target}: {said!r}"
        if fmt == "csv":  # the new folder, beside the old one
            (new,) = [t for t in _temporaries(path.parent) if t.name.startswith(f".{path.name}.")]
            temp = new / target
        else:
            (temp,) = [t for t in _temporaries(path.parent) if t.name.startswith(f".{target}.")]
        partial = temp.read_bytes()
        assert len(partial) >= STOP_AFTER  # the temporary file is being written...
        if fmt == "csv":  # ... and is not whole yet
            assert partial.count(b"\n") < 1 + KILLED_SAVE_RESIDENTS
    finally:
        child.kill()  # SIGKILL, where it waits mid-write (or after a failed check above)
        child.wait(timeout=60)
        for pipe in (child.stdin, child.stdout):
            if pipe is not None:
                pipe.close()
    assert child.returncode == -signal.SIGKILL
    assert temp.exists(), "the killed save cleaned up: it was not killed mid-write"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_killed_save_leaves_the_old_file_whole(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"banner.{fmt}"
    old = load_chayouqianqi()
    save_dataset(old, path, format=fmt)  # type: ignore[arg-type]
    before = path.read_bytes()
    _kill_mid_save(path, fmt)
    assert path.read_bytes() == before
    assert load_dataset(path) == old


def test_a_killed_csv_save_leaves_the_old_folder_whole(tmp_path: Path) -> None:
    """Killed while writing residents.csv of the new folder (after communities.csv and
    grids.csv were whole): every file of the old folder holds its old bytes, there is
    no file of the new save among them, and the folder loads equal. (Before the save
    wrote a new folder, each file was replaced on its own and this folder was a mixture:
    new communities, old residents.)"""
    path = tmp_path / "banner"
    old = load_chayouqianqi()
    save_dataset(old, path, format="csv")
    before = {p.name: p.read_bytes() for p in path.iterdir()}
    _kill_mid_save(path, "csv")
    after = {p.name: p.read_bytes() for p in path.iterdir()}
    assert after == before
    assert load_dataset(path) == old
    (left,) = _temporaries(tmp_path)  # the killed save's folder, never the old one
    assert left.name.startswith(".banner.")
    save_dataset(residents_dataset(3), path, format="csv")  # the next save is not disturbed
    assert load_dataset(path) == residents_dataset(3)


def test_a_failed_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.json"
    save_dataset(load_chayouqianqi(), path)
    before = path.read_bytes()

    class Boom(Exception):
        pass

    def half_then_fail(obj: object, f: Any, **kw: Any) -> None:
        f.write('{"schema_version": 1, "communities": [')
        raise Boom

    monkeypatch.setattr(json, "dump", half_then_fail)
    with pytest.raises(Boom):
        save_dataset(load_chayouqianqi(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]  # no temporary file left
