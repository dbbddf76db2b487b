"""Large files stream: loading holds the resulting records and little more.

Measured with tracemalloc (allocations, not time), so the bound is stable across
machines: the peak while loading stays within 1.5 times what the loaded dataset itself
retains. Reading a whole file into rows first, then structuring, would need about twice.
"""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc
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
    id_number_check_char,
)
from shequ_core.io import load_dataset, save_dataset

N = 10_000


def _banner() -> Dataset:
    residents = []
    for i in range(N):
        first17 = f"15092619{50 + i % 40:02d}0101{i % 1000:03d}"
        residents.append(
            Resident(
                id=f"r{i}",
                community_id="c1",
                household_id=f"h{i // 4}",
                name=f"居民{i}",
                id_number=first17 + id_number_check_char(first17),
                phone=f"138{i:08d}",
                attentions=(Attention(kind=AttentionKind.LONELY_ELDER, since=dt.date(2020, 1, 1)),)
                if i % 20 == 0
                else (),
            )
        )
    return Dataset(
        communities=(
            Community(id="c1", name="示例社区", town="示例镇", kind=CommunityKind.ORDINARY,
                      households=N // 4, residents=N),
        ),
        households=tuple(
            Household(id=f"h{i}", community_id="c1", address=f"{i}号") for i in range(N // 4)
        ),
        residents=tuple(residents),
    )  # fmt: skip


@pytest.mark.parametrize(("fmt", "name"), [("csv", "folder"), ("jsonl", "data.jsonl")])
def test_loading_peak_is_close_to_what_is_kept(tmp_path: Path, fmt: str, name: str) -> None:
    path = tmp_path / name
    save_dataset(_banner(), path, format=fmt)  # type: ignore[arg-type]
    gc.collect()
    tracemalloc.start()
    try:
        loaded = load_dataset(path, progress=False)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(loaded.residents) == N
    assert peak <= 1.5 * kept, f"peak {peak / 1e6:.1f} MB for {kept / 1e6:.1f} MB kept"
