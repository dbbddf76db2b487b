"""``load_dataset`` (and the save it undoes): lossless in every format, every problem
reported with its file, line and field, no good row lost (``errors="collect"``), large
files streamed, and whatever comes in (corrupted files, arbitrary bytes or JSON) a
dataset or one documented error.

Each fuzz case either loads or raises ValidationError, or ShequError for a file that
cannot be read at all. The fuzz tests (marker ``fuzz``) run a few dozen cases each in
`make test` and the long run under `make fuzz`.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shequ_core import (
    Attention,
    AttentionKind,
    Community,
    CommunityKind,
    Dataset,
    Household,
    Resident,
    ShequError,
    id_number_check_char,
)
from shequ_core import strategies as sst
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import LoadResult, load_dataset, save_dataset
from tests.builders import residents_dataset
from tests.fuzzing import (
    Counter,
    corrupted,
    fuzz,
    json_values,
    load_outcome,
    scratch,
)
from tests.helpers import banner_csv, rewrite_csv

FORMATS = {"json": "data.json", "jsonl": "data.jsonl", "csv": "folder"}


def _round_trip(ds: Dataset, path: Path, fmt: str) -> None:
    save_dataset(ds, path, format=fmt)  # type: ignore[arg-type]
    back = load_dataset(path)
    assert back == ds
    # Field for field, not only by __eq__: the personal numbers in full, dates, enums.
    for a, b in zip(ds.residents[::997], back.residents[::997], strict=True):
        assert a.id_number.reveal() == b.id_number.reveal()  # type: ignore[union-attr]
        assert a.phone.reveal() == b.phone.reveal()  # type: ignore[union-attr]
        assert (a.birth_date, a.sex, a.attentions) == (b.birth_date, b.sex, b.attentions)


N = 10_000


def _banner() -> Dataset:
    residents = []
    for i in range(N):
        first17 = f"15092619{50 + i // 1000 % 40:02d}0101{i % 1000:03d}"  # one each
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


class TestRoundTrips:
    """Save then load gives an equal dataset, in every format and at size."""

    @pytest.mark.parametrize("fmt", sorted(FORMATS))
    def test_sample_banner_round_trips(self, tmp_path: Path, fmt: str) -> None:
        ds = load_chayouqianqi()
        path = tmp_path / FORMATS[fmt]
        save_dataset(ds, path, format=fmt)  # type: ignore[arg-type]
        assert load_dataset(path) == ds

    @settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ds=sst.datasets(hostile=True), fmt=st.sampled_from(sorted(FORMATS)))
    def test_save_then_load_is_lossless(self, tmp_path: Path, ds: Dataset, fmt: str) -> None:
        path = Path(tempfile.mkdtemp(dir=tmp_path)) / FORMATS[fmt]
        save_dataset(ds, path, format=fmt)  # type: ignore[arg-type]
        assert load_dataset(path) == ds

    @pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
    def test_ten_thousand_residents_round_trip(self, tmp_path: Path, fmt: str) -> None:
        _round_trip(residents_dataset(10_000), tmp_path / f"data.{fmt}", fmt)

    @pytest.mark.slow  # about a minute: `make fuzz` runs it, `make test` leaves it out
    @pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
    def test_a_hundred_thousand_residents_round_trip(self, tmp_path: Path, fmt: str) -> None:
        _round_trip(residents_dataset(100_000), tmp_path / f"data.{fmt}", fmt)


class TestProblems:
    """Every problem reported with its file, line and field; no good row lost."""

    def test_collect_keeps_good_rows_and_drops_dependants_with_reasons(
        self, tmp_path: Path
    ) -> None:
        ds = load_chayouqianqi()
        folder = banner_csv(tmp_path)
        # Break one household: its residents refer to it, and visits and requests to them.
        broken = ds.households[4]
        rewrite_csv(folder / "households.csv", {6: {"address": ""}})
        result = load_dataset(folder, errors="collect")
        assert isinstance(result, LoadResult)
        first = result.problems[0]
        assert (first.file, first.line, first.loc, first.path) == (
            "households.csv",
            6,
            ("address",),
            "address",
        )
        gone_residents = {r.id for r in ds.residents if r.household_id == broken.id}
        assert gone_residents, "the sample household should have residents"
        assert {r.id for r in result.dataset.residents} == {
            r.id for r in ds.residents
        } - gone_residents
        # Every dropped record is reported; every kept record is unchanged.
        dropped = len(ds) - len(result.dataset)
        assert dropped == len(result.problems)
        for name, records in result.dataset.collections():
            original = {r.id: r for r in getattr(ds, name)}
            assert all(original[r.id] == r for r in records)
        reasons = {p.file for p in result.problems}
        assert "residents.csv" in reasons
        # The records dropped for a reference name it, on their own line of their file.
        references = [p for p in result.problems if p.code == "dangling_reference"]
        assert len(references) == len(result.problems) - 1
        assert all(p.line is not None and p.line > 1 for p in references)
        assert {p.loc for p in references if p.file == "residents.csv"} == {("household_id",)}

    @pytest.mark.parametrize(
        ("name", "content", "fragment"),
        [
            ("missing.json", None, "no such file"),
            ("data.txt", "hello", "use a .json, .jsonl or .xlsx file"),
            ("bad.json", b"\xff\xfe\x00garbage", "not UTF-8"),
        ],
    )
    def test_unreadable_inputs_are_one_clear_error(
        self, tmp_path: Path, name: str, content: str | bytes | None, fragment: str
    ) -> None:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        with pytest.raises(ShequError, match=fragment):
            load_dataset(path)


class TestStreaming:
    """Large files stream: loading holds the resulting records and little more."""

    @pytest.mark.parametrize(("fmt", "name"), [("csv", "folder"), ("jsonl", "data.jsonl")])
    def test_loading_peak_is_close_to_what_is_kept(
        self, tmp_path: Path, fmt: str, name: str
    ) -> None:
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


class TestAnyInput:
    """Whatever comes in, a dataset or one documented error."""

    @pytest.mark.fuzz
    @fuzz(40)
    @given(data=st.data(), fmt=st.sampled_from(["json", "jsonl"]))
    def test_load_a_corrupted_file(
        self, fuzz_cases: Counter, originals: dict[str, Path], data: st.DataObject, fmt: str
    ) -> None:
        fuzz_cases[f"load_dataset(corrupted .{fmt})"] += 1
        broken = data.draw(corrupted(originals[fmt].read_bytes()))
        with scratch() as folder:
            path = folder / FORMATS[fmt]
            path.write_bytes(broken)
            load_outcome(path)

    @pytest.mark.fuzz
    @fuzz(40)
    @given(blob=st.binary(max_size=300), suffix=st.sampled_from([".json", ".jsonl", ".csv"]))
    def test_load_arbitrary_bytes(self, fuzz_cases: Counter, blob: bytes, suffix: str) -> None:
        fuzz_cases["load_dataset(arbitrary bytes)"] += 1
        with scratch() as folder:
            if suffix == ".csv":
                (folder / "residents.csv").write_bytes(blob)
                path = folder
            else:
                path = folder / f"x{suffix}"
                path.write_bytes(blob)
            assert load_outcome(path) in ("invalid", "unreadable", "loaded")

    @pytest.mark.fuzz
    @fuzz(40)
    @given(value=json_values, fmt=st.sampled_from(["json", "jsonl"]))
    def test_load_arbitrary_json(self, fuzz_cases: Counter, value: Any, fmt: str) -> None:
        fuzz_cases["load_dataset(arbitrary JSON)"] += 1
        with scratch() as folder:
            path = folder / f"x.{fmt}"
            text = json.dumps(value, ensure_ascii=False)
            if fmt == "jsonl":
                text = json.dumps({"schema_version": 1}) + "\n" + text + "\n"
            path.write_text(text, encoding="utf-8")
            load_outcome(path)
