"""The CSV folder format: broken rows each reported with their file, line and column,
Chinese headers, header problems, and any corruption a spreadsheet can cause refused
cleanly (marker ``fuzz``).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core import ValidationError
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import ITEM_CLASS
from shequ_core.io import load_dataset
from tests.fuzzing import (
    CSV_FILES,
    Counter,
    corrupted,
    fuzz,
    load_outcome,
    scratch,
)
from tests.helpers import banner_csv, rewrite_csv


@pytest.mark.fuzz
@fuzz(40)
@given(data=st.data(), name=st.sampled_from(CSV_FILES))
def test_load_a_corrupted_csv_folder(
    fuzz_cases: Counter, originals: dict[str, Path], data: st.DataObject, name: str
) -> None:
    fuzz_cases["load_dataset(corrupted CSV folder)"] += 1
    with scratch() as folder:
        target = folder / "folder"
        shutil.copytree(originals["csv"], target)
        file = target / name
        file.write_bytes(data.draw(corrupted(file.read_bytes())))
        if data.draw(st.booleans()):  # a duplicated header column, as spreadsheets allow
            people = target / "residents.csv"
            text = people.read_bytes()
            head, _, rest = text.partition(b"\n")
            people.write_bytes(head + b"," + head.split(b",")[-1] + b"\n" + rest)
        load_outcome(target)


def test_broken_rows_are_each_reported_and_nothing_is_loaded(tmp_path: Path) -> None:
    folder = banner_csv(tmp_path)
    rewrite_csv(
        folder / "residents.csv",
        {3: {"id_number": "150926199002301234"}, 7: {"birth_date": "2025-02-30"}},
    )
    rewrite_csv(folder / "communities.csv", {2: {"households": "-5"}})
    with pytest.raises(ValidationError) as info:
        load_dataset(folder)
    found = [(p.file, p.line, p.loc, p.code) for p in info.value.problems]
    assert found == [
        ("communities.csv", 2, ("households",), "out_of_range"),
        ("residents.csv", 3, ("id_number",), "invalid_id_number"),
        ("residents.csv", 7, ("birth_date",), "invalid_value"),
    ]
    # Printed as file:line: field: message.
    assert str(info.value.problems[1]).startswith("residents.csv:3: id_number: ")
    assert "150926199002301234" not in str(info.value)


def test_chinese_headers_load(tmp_path: Path) -> None:
    folder = banner_csv(tmp_path)
    path = folder / "communities.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    labels = {a.name: a.metadata["label_zh"] for a in ITEM_CLASS["communities"].__attrs_attrs__}
    rows[0] = [labels[name] for name in rows[0]]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    assert load_dataset(folder) == load_chayouqianqi()


def test_header_problems(tmp_path: Path) -> None:
    folder = banner_csv(tmp_path)
    path = folder / "grids.csv"
    text = path.read_text(encoding="utf-8-sig").splitlines()
    text[0] = text[0].replace("households", "name").replace("worker_id", "colour")
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_dataset(folder, strict=True)
    header = [(p.loc, p.code) for p in info.value.problems if (p.file, p.line) == ("grids.csv", 1)]
    assert header == [
        (("name",), "duplicate_column"),
        (("colour",), "unknown_column"),
        (("households",), "required"),
    ]
    texts = [str(p) for p in info.value.problems if p.line == 1]
    assert "grids.csv:1: name: appears twice" in texts
    assert "grids.csv:1: colour: is not a field of Grid" in texts
    assert any(t.startswith("grids.csv:1: households: ") and "required" in t for t in texts)


def test_an_unknown_column_is_a_notice_unless_strict(tmp_path: Path) -> None:
    """Offices add columns of their own (序号, 备注): they are ignored with a notice, and
    a header close to a known one says which it may have meant."""
    folder = banner_csv(tmp_path)
    path = folder / "grids.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[0] = [*rows[0], "序号", "网格名"]
    for row in rows[1:]:
        row.extend(["1", "x"])
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    result = load_dataset(folder, errors="collect")
    assert result.problems == ()
    assert result.dataset == load_chayouqianqi()
    found = [(n.file, n.line, n.loc, n.code) for n in result.notices]
    assert found == [
        ("grids.csv", 1, ("序号",), "unknown_column"),
        ("grids.csv", 1, ("网格名",), "unknown_column"),
    ]
    assert "did you mean 网格名称, name?" in result.notices[1].message
    with pytest.raises(ValidationError) as info:
        load_dataset(folder, strict=True)
    assert [p.code for p in info.value.problems] == ["unknown_column", "unknown_column"]
