"""Nothing lost on disk: an interrupted save leaves the old file whole, and a large
dataset comes back equal field for field.

The interruption is real: a subprocess saving a large dataset over an existing file
is killed with SIGKILL while its temporary file is being written (no ``finally``, no
clean-up runs). The file it was replacing must still hold the old bytes.
"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shequ_core import (
    Attention,
    AttentionKind,
    Community,
    CommunityKind,
    Dataset,
    Household,
    Resident,
    Sex,
    id_number_check_char,
)
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset


def residents_dataset(n: int) -> Dataset:
    """``n`` residents in households of four, every field of a resident used."""
    residents = []
    for i in range(n):
        year, day = 1930 + i % 80, 1 + i % 28
        first17 = f"150926{year}03{day:02d}{i % 1000:03d}"
        number = first17 + id_number_check_char(first17)
        residents.append(
            Resident(
                id=f"r{i:06d}",
                community_id="c1",
                household_id=f"h{i // 4}",
                name=f"居民·{i}",
                id_number=number,
                phone=f"13{8 + i % 2}{i:08d}" if i % 3 else f"0474-555{i % 100000:05d}",
                birth_date=dt.date(year, 3, day),
                sex=Sex.MALE if int(number[16]) % 2 else Sex.FEMALE,
                attentions=(Attention(kind=AttentionKind.LONELY_ELDER, since=dt.date(2020, 1, 1)),)
                if i % 20 == 0
                else (),
            )
        )
    return Dataset(
        communities=(
            Community(id="c1", name="示例社区", town="示例镇", kind=CommunityKind.ORDINARY,
                      households=(n + 3) // 4, residents=n),
        ),
        households=tuple(
            Household(id=f"h{i}", community_id="c1", address=f"{i}号") for i in range((n + 3) // 4)
        ),
        residents=tuple(residents),
    )  # fmt: skip


def _round_trip(ds: Dataset, path: Path, fmt: str) -> None:
    save_dataset(ds, path, format=fmt)  # type: ignore[arg-type]
    back = load_dataset(path)
    assert back == ds
    # Field for field, not only by __eq__: the personal numbers in full, dates, enums.
    for a, b in zip(ds.residents[::997], back.residents[::997], strict=True):
        assert a.id_number.reveal() == b.id_number.reveal()  # type: ignore[union-attr]
        assert a.phone.reveal() == b.phone.reveal()  # type: ignore[union-attr]
        assert (a.birth_date, a.sex, a.attentions) == (b.birth_date, b.sex, b.attentions)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_ten_thousand_residents_round_trip(tmp_path: Path, fmt: str) -> None:
    _round_trip(residents_dataset(10_000), tmp_path / f"data.{fmt}", fmt)


@pytest.mark.slow  # about a minute: `make fuzz` runs it, `make test` leaves it out
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_a_hundred_thousand_residents_round_trip(tmp_path: Path, fmt: str) -> None:
    _round_trip(residents_dataset(100_000), tmp_path / f"data.{fmt}", fmt)


SAVER = r"""
import sys
sys.path.insert(0, sys.argv[3])
from test_hardening_disk import residents_dataset
from shequ_core.io import save_dataset
ds = residents_dataset(60_000)
print("ready", flush=True)
save_dataset(ds, sys.argv[1], format=sys.argv[2])
print("saved", flush=True)
"""


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


def _kill_mid_save(path: Path, fmt: str) -> None:
    """Start a save of a big dataset over ``path`` and SIGKILL it while it writes."""
    folder = path if fmt == "csv" else path.parent
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(path), fmt, str(Path(__file__).parent)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            temps = _temporaries(folder)
            if any(t.stat().st_size > 0 for t in temps if t.exists()):
                break
            time.sleep(0.001)
        else:
            raise AssertionError("the save never started writing")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert _temporaries(folder), "killed too late: the save had finished"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_killed_save_leaves_the_old_file_whole(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"banner.{fmt}"
    old = load_chayouqianqi()
    save_dataset(old, path, format=fmt)  # type: ignore[arg-type]
    before = path.read_bytes()
    _kill_mid_save(path, fmt)
    assert path.read_bytes() == before
    assert load_dataset(path) == old


def test_a_killed_csv_save_leaves_every_file_whole(tmp_path: Path) -> None:
    """A CSV folder is replaced file by file: each file is the old one or the new one,
    never a torn one (see docs/quality.md for what that means for the folder)."""
    path = tmp_path / "banner"
    old = load_chayouqianqi()
    save_dataset(old, path, format="csv")
    before = {p.name: p.read_bytes() for p in path.iterdir()}
    _kill_mid_save(path, "csv")
    after = {p.name: p.read_bytes() for p in path.iterdir() if not p.name.endswith(".tmp")}
    assert sorted(after) == sorted(before)
    new = residents_dataset(60_000)
    changed = [name for name in after if after[name] != before[name]]
    for name in changed:  # a file that changed is whole: it loads as the new collection
        assert name.endswith(".csv")
        collection = name.removesuffix(".csv")
        lines = after[name].decode("utf-8-sig").splitlines()
        assert len(lines) == 1 + len(getattr(new, collection))
    assert "residents.csv" not in changed  # the kill came while residents were written
