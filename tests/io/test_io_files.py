"""Saving and loading datasets: lossless in every format, every problem reported with
its file, line and field, and no good row lost."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shequ_core import Dataset, ShequError, ValidationError
from shequ_core import strategies as sst
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import ITEM_CLASS
from shequ_core.io import LoadResult, load_dataset, save_dataset

FORMATS = {"json": "data.json", "jsonl": "data.jsonl", "csv": "folder"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_sample_banner_round_trips(tmp_path: Path, fmt: str) -> None:
    ds = load_chayouqianqi()
    path = tmp_path / FORMATS[fmt]
    save_dataset(ds, path, format=fmt)  # type: ignore[arg-type]
    assert load_dataset(path) == ds


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ds=sst.datasets(), fmt=st.sampled_from(sorted(FORMATS)))
def test_save_then_load_is_lossless(tmp_path: Path, ds: Dataset, fmt: str) -> None:
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / FORMATS[fmt]
    save_dataset(ds, path, format=fmt)  # type: ignore[arg-type]
    assert load_dataset(path) == ds


def _banner_csv(tmp_path: Path) -> Path:
    folder = tmp_path / "banner"
    save_dataset(load_chayouqianqi(), folder, format="csv")
    return folder


def _rewrite(path: Path, edit: dict[int, dict[str, str]]) -> None:
    """Change cells of a CSV file: ``{line_number: {column: new_value}}``."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for line, cells in edit.items():
        for column, value in cells.items():
            rows[line - 1][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_broken_rows_are_each_reported_and_nothing_is_loaded(tmp_path: Path) -> None:
    folder = _banner_csv(tmp_path)
    _rewrite(
        folder / "residents.csv",
        {3: {"id_number": "150926199002301234"}, 7: {"birth_date": "2025-02-30"}},
    )
    _rewrite(folder / "communities.csv", {2: {"households": "-5"}})
    with pytest.raises(ValidationError) as info:
        load_dataset(folder)
    paths = [p.path for p in info.value.problems]
    assert paths == [
        "communities.csv:2:households",
        "residents.csv:3:id_number",
        "residents.csv:7:birth_date",
    ]
    assert "150926199002301234" not in str(info.value)


def test_collect_keeps_good_rows_and_drops_dependants_with_reasons(tmp_path: Path) -> None:
    ds = load_chayouqianqi()
    folder = _banner_csv(tmp_path)
    # Break one household: its residents refer to it, and visits and requests to them.
    broken = ds.households[4]
    _rewrite(folder / "households.csv", {6: {"address": ""}})
    result = load_dataset(folder, errors="collect")
    assert isinstance(result, LoadResult)
    assert result.problems[0].path == "households.csv:6:address"
    gone_residents = {r.id for r in ds.residents if r.household_id == broken.id}
    assert gone_residents, "the sample household should have residents"
    assert {r.id for r in result.dataset.residents} == {r.id for r in ds.residents} - gone_residents
    # Every dropped record is reported; every kept record is unchanged.
    dropped = len(ds) - len(result.dataset)
    assert dropped == len(result.problems)
    for name, records in result.dataset.collections():
        original = {r.id: r for r in getattr(ds, name)}
        assert all(original[r.id] == r for r in records)
    reasons = {p.path.split(":")[0] for p in result.problems}
    assert "residents.csv" in reasons


def test_chinese_headers_load(tmp_path: Path) -> None:
    folder = _banner_csv(tmp_path)
    path = folder / "communities.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    labels = {a.name: a.metadata["label_zh"] for a in ITEM_CLASS["communities"].__attrs_attrs__}
    rows[0] = [labels[name] for name in rows[0]]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    assert load_dataset(folder) == load_chayouqianqi()


def test_header_problems(tmp_path: Path) -> None:
    folder = _banner_csv(tmp_path)
    path = folder / "grids.csv"
    text = path.read_text(encoding="utf-8-sig").splitlines()
    text[0] = text[0].replace("households", "name").replace("worker_id", "colour")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_dataset(folder)
    messages = [str(p) for p in info.value.problems if p.path.startswith("grids.csv:1")]
    assert any("appears twice" in m for m in messages)
    assert any("unknown column 'colour'" in m for m in messages)
    assert any("households" in m and "missing required" in m for m in messages)


def test_json_problems_name_the_record(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    save_dataset(load_chayouqianqi(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["visits"][2]["outcome"] = "teleported"
    del data["residents"][0]["name"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_dataset(path)
    assert [p.path for p in info.value.problems] == [
        "data.json:residents[0].name",
        "data.json:visits[2].outcome",
    ]


def test_jsonl_problems_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    save_dataset(load_chayouqianqi(), path, format="jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4][:20]  # truncated
    lines[9] = json.dumps({"collection": "aliens", "record": {}})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_dataset(path)
    assert [p.path for p in info.value.problems] == ["data.jsonl:5", "data.jsonl:10"]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("missing.json", None, "no such file"),
        ("data.txt", "hello", "use a .json or .jsonl file"),
        ("bad.json", b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_unreadable_inputs_are_one_clear_error(
    tmp_path: Path, name: str, content: str | bytes | None, fragment: str
) -> None:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(ShequError, match=fragment):
        load_dataset(path)


def test_schema_version_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"schema_version": 99, "communities": []}', encoding="utf-8")
    with pytest.raises(ValidationError, match="schema_version 99"):
        load_dataset(path)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        save_dataset(Dataset(), tmp_path / "x", format="xml")  # type: ignore[arg-type]


def test_a_failed_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.json"
    save_dataset(load_chayouqianqi(), path)
    before = path.read_bytes()

    class Boom(Exception):
        pass

    def half_then_fail(obj: object, f: Any, **kw: Any) -> None:
        f.write('{"schema_version": 1, "communities": [')
        raise Boom

    monkeypatch.setattr("shequ_core.io.json.dump", half_then_fail)
    with pytest.raises(Boom):
        save_dataset(load_chayouqianqi(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]  # no temporary file left
