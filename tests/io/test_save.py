"""``save_dataset``: the formats it knows, and the same bytes for the same input whatever
the hash seed.

Sets and dicts iterate in an order that depends on ``PYTHONHASHSEED`` for strings; a
library that let that order reach its output would write a different file, or list
must-visit residents in a different order, on every run. Two subprocesses with
different seeds save the sample banner (whose records hold sets of strings) and a
generated dataset in every format, run the rules and the command's machine-readable
output, and every byte is compared.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from shequ_core import Dataset, ShequError, ValidationError
from shequ_core import strategies as sst
from shequ_core.io import load_dataset, save_dataset
from tests.builders import residents_dataset

SCRIPT = r"""
import contextlib, datetime as dt, io, sys
from pathlib import Path
from shequ_core.calendar import china_calendar
from shequ_core.cli import main
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset
from shequ_core.policy import seed_policy
from shequ_core.rules.assessment import scorecard, summary
from shequ_core.rules.sla import backlog, sla_status
from shequ_core.rules.visiting import assign_visits, must_visit
from shequ_core.serialization import to_json

out = Path(sys.argv[1])
as_of = dt.date(2017, 12, 31)
for name, ds in (("banner", load_chayouqianqi()), ("generated", load_dataset(sys.argv[2]))):
    save_dataset(ds, out / f"{name}.json")
    save_dataset(ds, out / f"{name}.jsonl", format="jsonl")
    save_dataset(ds, out / f"{name}-csv", format="csv")
    (out / f"{name}.to_json").write_text(to_json(ds) + to_json(ds, redact=True))
    due = must_visit(ds, as_of=as_of, horizon_days=30)
    rules = [repr(due), repr(summary(ds, as_of=as_of)), repr(assign_visits(due, ds))]
    if name == "banner":
        rules.append(repr(scorecard(ds, as_of=as_of, policy=seed_policy(as_of))))
        cal = china_calendar()
        rules.append(repr(backlog(ds, as_of=as_of, calendar=cal)))
        items = {i.id: i for i in ds.service_items}
        rules += [repr(sla_status(r, items[r.item_id], as_of=as_of, calendar=cal))
                  for r in ds.service_requests]
    (out / f"{name}.rules").write_text("\n".join(rules))
    for fmt in ("csv", "json"):
        for cmd in ("visits", "sla", "scorecard", "validate"):
            args = [cmd, str(out / f"{name}.json"), "--format", fmt, "--lang", "zh"]
            if cmd != "validate":
                args += ["--as-of", "2017-12-31"]
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
                code = main(args)
            (out / f"{name}.{cmd}.{fmt}").write_text(f"exit {code}\n{buf.getvalue()}")
"""


def run_with_seed(seed: str, out: Path, generated: Path) -> dict[str, bytes]:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-c", SCRIPT, str(out), str(generated)],
        check=True,
        env=env,
        timeout=300,
    )
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def assert_same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []


def _a_generated_dataset() -> Dataset:
    """One dataset from the strategies with sets of strings in it (skills, channels)."""
    found: list[Dataset] = []

    @settings(
        max_examples=50, database=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    @given(ds=sst.datasets(hostile=True, min_volunteers=2, min_residents=3, min_service_items=1))
    def pick(ds: Dataset) -> None:
        if not found and sum(len(v.skills) for v in ds.volunteers) >= 3:
            found.append(ds)

    pick()
    assert found
    return found[0]


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    generated = tmp_path / "generated.json"
    save_dataset(_a_generated_dataset(), generated)
    first = run_with_seed("0", tmp_path / "seed0", generated)
    second = run_with_seed("4242", tmp_path / "seed4242", generated)
    assert len(first) >= 40
    assert [name for name, data in first.items() if not data] == []  # every output made
    assert_same(first, second)


def test_the_comparison_notices_a_difference() -> None:
    a = {"x.json": b"[1, 2]", "y.csv": b"a"}
    assert_same(a, dict(a))
    for b in ({"x.json": b"[2, 1]", "y.csv": b"a"}, {"x.json": b"[1, 2]"}):
        try:
            assert_same(a, b)
        except AssertionError:
            continue
        raise AssertionError("a difference went unnoticed")


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        save_dataset(Dataset(), tmp_path / "x", format="xml")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "magic"), [("banner.xlsx", b"PK"), ("banner.jsonl", b'{"'), ("banner.JSON", b"{\n")]
)
def test_without_a_format_the_files_name_says_it(tmp_path: Path, name: str, magic: bytes) -> None:
    # save_dataset(ds, "banner.xlsx") once wrote JSON into the .xlsx, which then would
    # not load ("not an .xlsx workbook").
    ds = residents_dataset(3)
    save_dataset(ds, tmp_path / name)
    assert (tmp_path / name).read_bytes().startswith(magic)
    assert load_dataset(tmp_path / name) == ds


def test_without_a_format_a_stream_gets_json() -> None:
    stream = io.StringIO()
    save_dataset(residents_dataset(1), stream)
    assert json.loads(stream.getvalue())["residents"]


@pytest.mark.parametrize(
    ("name", "format"), [("banner.xlsx", "json"), ("banner.json", "xlsx"), ("b.JSONL", "json")]
)
def test_a_format_the_files_name_contradicts_is_refused(
    tmp_path: Path, name: str, format: Any
) -> None:
    with pytest.raises(ValidationError) as info:
        save_dataset(residents_dataset(1), tmp_path / name, format=format)
    (problem,) = info.value.problems
    assert (problem.loc, problem.code) == (("format",), "invalid_argument")
    assert f"{format!r} cannot be written to a {Path(name).suffix.lower()} file" in problem.message
    assert not (tmp_path / name).exists()


def test_a_folder_format_takes_any_name(tmp_path: Path) -> None:
    ds = residents_dataset(2)
    save_dataset(ds, tmp_path / "export.json", format="csv")  # a folder: loaded as one
    assert (tmp_path / "export.json").is_dir()
    assert load_dataset(tmp_path / "export.json") == ds


class TestWhereASaveGoes:
    """A save replaces a regular file or a CSV folder whole, writes through what cannot
    be replaced (a pipe, a device), refuses what it must not touch, and leaves no
    temporary file and no file readable by others."""

    def test_a_failed_csv_save_leaves_the_old_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The disk fills up while the last file is written: the old folder is as it was
        (it used to hold the new collection files and the old schema.json)."""
        path = tmp_path / "people"
        save_dataset(residents_dataset(4), path, format="csv")
        before = {p.name: p.read_bytes() for p in path.iterdir()}

        def disk_full(*args: Any, **kw: Any) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(json, "dump", disk_full)
        with pytest.raises(OSError, match="No space left"):
            save_dataset(residents_dataset(8), path, format="csv")
        assert {p.name: p.read_bytes() for p in path.iterdir()} == before
        assert [p.name for p in tmp_path.iterdir()] == ["people"]  # nothing left behind

    def test_without_an_atomic_exchange_the_folders_are_renamed(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("shequ_core.io._atomic._exchange", lambda a, b: False)
        path = tmp_path / "people"
        save_dataset(residents_dataset(4), path, format="csv")
        save_dataset(residents_dataset(8), path, format="csv")
        assert load_dataset(path) == residents_dataset(8)
        assert [p.name for p in tmp_path.iterdir()] == ["people"]
        real_rename = os.rename

        def refuse_the_new_one(src: Any, dst: Any) -> None:
            if Path(src).name.startswith(".people.") and ".old." not in Path(src).name:
                raise OSError(errno.EIO, "Input/output error")
            real_rename(src, dst)

        monkeypatch.setattr(os, "rename", refuse_the_new_one)
        with pytest.raises(OSError, match="Input/output"):
            save_dataset(residents_dataset(2), path, format="csv")
        assert load_dataset(path) == residents_dataset(8)  # the old one is back in place

    def test_new_files_are_the_owners_and_a_replaced_file_keeps_its_mode(
        self, tmp_path: Path
    ) -> None:
        new = tmp_path / "new.json"
        save_dataset(Dataset(), new)
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        shared = tmp_path / "shared.jsonl"
        shared.write_text("")
        shared.chmod(0o640)
        save_dataset(Dataset(), shared, format="jsonl")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o640  # it was 0600 after the save
        folder = tmp_path / "people"
        save_dataset(residents_dataset(1), folder, format="csv")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
        (folder / "residents.csv").chmod(0o644)
        folder.chmod(0o750)
        save_dataset(residents_dataset(2), folder, format="csv")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o750
        assert stat.S_IMODE((folder / "residents.csv").stat().st_mode) == 0o644

    def test_temporary_files_are_the_owners_only(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        seen: list[int] = []
        real_dump = json.dump

        def look(obj: Any, f: Any, **kw: Any) -> None:
            seen.append(stat.S_IMODE(os.fstat(f.fileno()).st_mode))
            real_dump(obj, f, **kw)

        monkeypatch.setattr(json, "dump", look)
        shared = tmp_path / "shared.json"
        shared.write_text("")
        shared.chmod(0o644)
        save_dataset(Dataset(), shared)
        save_dataset(Dataset(), tmp_path / "folder", format="csv")
        assert seen == [0o600, 0o600]

    def test_a_pipe_is_written_through_not_replaced(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe.jsonl"
        os.mkfifo(fifo)
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
        reader.start()
        save_dataset(residents_dataset(2), fifo, format="jsonl")
        reader.join(timeout=30)
        assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe
        assert got and got[0].count(b"\n") == 1 + 1 + 1 + 2
        assert [p.name for p in tmp_path.iterdir()] == ["pipe.jsonl"]

    def test_dev_stdout_is_written_through(self) -> None:
        """Saving to /dev/stdout used to make a temporary file in /dev and rename it over
        the link (as root, that replaced /dev/stdout for every process)."""
        code = (
            "from shequ_core import Dataset; from shequ_core.io import save_dataset; "
            "save_dataset(Dataset(), '/dev/stdout', format='jsonl')"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
        )
        assert done.stdout == '{"schema_version": 1}\n'
        assert Path("/dev/stdout").is_symlink()

    def test_a_link_is_followed_and_kept(self, tmp_path: Path) -> None:
        (tmp_path / "real.json").write_text("{}")
        link = tmp_path / "link.json"
        link.symlink_to(tmp_path / "real.json")
        save_dataset(residents_dataset(2), link)
        assert link.is_symlink()
        assert load_dataset(tmp_path / "real.json") == residents_dataset(2)

    def test_a_stream_is_written_to(self) -> None:
        out = io.StringIO()
        save_dataset(residents_dataset(2), out, format="jsonl")
        assert out.getvalue().count("\n") == 5
        with pytest.raises(ShequError, match="a CSV dataset is a folder"):
            save_dataset(Dataset(), io.StringIO(), format="csv")

    def test_what_a_save_must_not_replace_is_refused_clearly(self, tmp_path: Path) -> None:
        (tmp_path / "folder").mkdir()
        with pytest.raises(ShequError, match=r"cannot write .*folder: it is a folder"):
            save_dataset(Dataset(), tmp_path / "folder")
        (tmp_path / "file.csv").write_text("keep me")
        with pytest.raises(ShequError, match="it exists and is not a folder"):
            save_dataset(Dataset(), tmp_path / "file.csv", format="csv")
        assert (tmp_path / "file.csv").read_text() == "keep me"
        (tmp_path / "folder" / "notes.txt").write_text("keep me too")
        with pytest.raises(ShequError, match=r"holds files that are not part of a dataset"):
            save_dataset(Dataset(), tmp_path / "folder", format="csv")  # the swap would lose it
        assert (tmp_path / "folder" / "notes.txt").read_text() == "keep me too"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["file.csv", "folder"]
