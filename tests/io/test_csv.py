"""The CSV folder format: broken rows each reported with their file, line and column,
Chinese headers, header problems, and any corruption a spreadsheet can cause refused
cleanly (marker ``fuzz``).
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shequ_core import Attention, AttentionKind, Dataset, Household, ValidationError
from shequ_core import strategies as sst
from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import ITEM_CLASS
from shequ_core.io import load_dataset, save_dataset
from tests.builders import residents_dataset
from tests.fuzzing import (
    CSV_FILES,
    Counter,
    corrupted,
    csv_cells,
    fuzz,
    load_outcome,
    scratch,
    with_hostile_cell,
)
from tests.helpers import banner_csv, rewrite_csv

D2020 = dt.date(2020, 1, 1)


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


class TestRoundTripOrRefuse:
    """A CSV folder loads back what was saved, or the load names what is wrong with it:
    never a torn row, a cell too long to read, or a broken file read as no records."""

    def test_a_bare_carriage_return_stays_in_its_cell(self, tmp_path: Path) -> None:
        """The csv module quotes only its line terminator's characters, so a cell with a
        bare ``\\r`` was written unquoted and read back as two rows."""
        ds = residents_dataset(3)
        home = attrs.evolve(ds.households[0], address="示例路\r1号")
        ds = attrs.evolve(ds, households=(home, *ds.households[1:]))
        save_dataset(ds, tmp_path / "f", format="csv")
        assert '"示例路\r1号"'.encode() in (tmp_path / "f" / "households.csv").read_bytes()
        assert load_dataset(tmp_path / "f") == ds

    def test_a_cell_longer_than_the_csv_modules_default_limit_loads(self, tmp_path: Path) -> None:
        long = "长" * (csv.field_size_limit() if csv.field_size_limit() < 10**6 else 200_000)
        ds = residents_dataset(1)
        ds = attrs.evolve(ds, households=(attrs.evolve(ds.households[0], address=long),))
        save_dataset(ds, tmp_path / "f", format="csv")
        assert load_dataset(tmp_path / "f") == ds
        assert csv.field_size_limit() == 2**31 - 1  # raised once, on import, to this

    @pytest.mark.parametrize("broken", ["empty", "folder", "dangling link"])
    def test_a_collection_file_that_is_not_a_csv_file_is_a_problem(
        self, tmp_path: Path, broken: str
    ) -> None:
        """An empty visits.csv (a copy that went wrong), a folder or a link to nothing
        in its place was read as no visits at all."""
        folder = tmp_path / "people"
        save_dataset(residents_dataset(4), folder, format="csv")
        visits = folder / "visits.csv"  # a header row and no records
        visits.unlink()
        if broken == "empty":
            visits.write_bytes(b"")
        elif broken == "folder":
            visits.mkdir()
        else:
            visits.symlink_to(tmp_path / "gone.csv")
        with pytest.raises(ValidationError) as info:
            load_dataset(folder)
        assert [(p.file, p.code) for p in info.value.problems] == [("visits.csv", "invalid_file")]
        result = load_dataset(folder, errors="collect")
        assert [p.file for p in result.problems] == ["visits.csv"]
        assert result.dataset == residents_dataset(4)  # the rest is kept

    def test_an_empty_schema_file_is_a_problem(self, tmp_path: Path) -> None:
        folder = tmp_path / "people"
        save_dataset(residents_dataset(4), folder, format="csv")
        (folder / "schema.json").write_bytes(b"")
        with pytest.raises(ValidationError) as info:
            load_dataset(folder)
        assert [(p.file, p.code) for p in info.value.problems] == [("schema.json", "invalid_file")]

    def test_a_key_twice_in_a_json_cell_is_a_problem(self, tmp_path: Path) -> None:
        folder = tmp_path / "people"
        save_dataset(residents_dataset(4), folder, format="csv")
        attention = '[{"kind":"lonely_elder","since":"2020-01-01","kind":"disabled"}]'
        rewrite_csv(folder / "residents.csv", {2: {"attentions": attention}})
        with pytest.raises(ValidationError) as info:
            load_dataset(folder)
        found = [(p.file, p.line, p.loc, p.code) for p in info.value.problems]
        assert found == [("residents.csv", 2, ("attentions",), "duplicate_key")]

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(ds=sst.datasets(hostile=True))
    def test_any_valid_dataset_loads_back_equal(self, ds: Dataset) -> None:
        with scratch() as folder:
            save_dataset(ds, folder / "ds", format="csv")
            assert load_dataset(folder / "ds") == ds


class TestHostileCells:
    """Any cell content a spreadsheet can hold (``tests.fuzzing.csv_cells``), in a file
    and in a record (marker ``fuzz``)."""

    @pytest.mark.fuzz
    @fuzz(30)
    @given(data=st.data(), name=st.sampled_from(["communities.csv", "residents.csv"]))
    def test_a_hostile_cell_loads_or_is_refused(
        self, fuzz_cases: Counter, originals: dict[str, Path], data: st.DataObject, name: str
    ) -> None:
        fuzz_cases["load_dataset(CSV folder with a hostile cell)"] += 1
        with scratch() as folder:
            target = folder / "folder"
            shutil.copytree(originals["csv"], target)
            file = target / name
            file.write_bytes(data.draw(with_hostile_cell(file.read_bytes())))
            load_outcome(target)

    @pytest.mark.fuzz
    @fuzz(20)
    @given(text=csv_cells, note=csv_cells)
    def test_hostile_text_in_a_record_round_trips(
        self, fuzz_cases: Counter, text: str, note: str
    ) -> None:
        """Text a record accepts is saved so that it loads back equal, whatever it holds."""
        fuzz_cases["save then load a CSV folder with hostile text"] += 1
        try:
            home = Household(id="h0", community_id="c1", address=text)
            attention = Attention(kind=AttentionKind.LONELY_ELDER, since=D2020, note=note)
        except ValidationError:
            return  # text no record takes (empty, white space only)
        ds = residents_dataset(2)
        first = attrs.evolve(ds.residents[0], attentions=(attention,))
        ds = attrs.evolve(ds, households=(home,), residents=(first, *ds.residents[1:]))
        with scratch() as folder:
            save_dataset(ds, folder / "ds", format="csv")
            assert load_dataset(folder / "ds") == ds


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
