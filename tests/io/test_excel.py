"""Excel workbooks: a roster written the way an office keeps one (a title row, Chinese
headers, date cells, an identity number Excel stored as a number, 序号 and 备注), a
workbook per collection in a dataset folder, and what ``save_dataset(format="xlsx")``
writes reading back equal, in both header styles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from shequ_core import Dataset, Registration, Resident, Sex, ValidationError, id_number_check_char
from shequ_core import strategies as sst
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import load_dataset, save_dataset
from shequ_core.serialization import unstructure
from tests.builders import residents_dataset

HEADER = ["序号", "居民编号", "所属社区", "户号", "姓名", "性别", "身份证号码", "出生日期"]
HEADER += ["联系电话", "户籍类型", "备注"]


def _office_workbook(path: Path) -> None:
    """communities and 户 sheets by field name, and a 居民 roster as an office types it."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "communities"
    sheet.append(["id", "name", "town", "kind", "households", "residents"])
    sheet.append(["c1", "茶尤乾旗社区", "土贵乌拉镇", "普通社区", 2, 9])
    homes = book.create_sheet("户")
    homes.append(["户编号", "所属社区", "住址"])
    homes.append(["h1", "c1", "幸福路1号"])
    homes.append(["h2", "c1", "幸福路2号"])
    people = book.create_sheet("居民")
    people.append(["茶尤乾旗社区居民花名册"])  # a title row above the header
    people.append(HEADER)
    people.append([1, "r1", "c1", "h1", "张三", "男", 150926520506123, dt.datetime(1952, 5, 6)])
    people["I3"] = 13812345678  # a phone typed as a number
    people["J3"] = "户籍"
    people.append([2, "r2", "c1", "h1", "李四", "女", None, "1960年3月1日", None, "流动", "外地"])
    people.append([3, "r3", "c1", "h2", "王五", "男", 1.50926195001e17, dt.datetime(1950, 1, 1)])
    people.append([4, "r4", "c1", "h2", "赵六", "女", None, 45052, None, "户籍"])
    people.append([])
    people.append([5, "r5", "c1", "h2", "周九", "未知", None, "2001.2.3", None, "户籍"])
    book.save(path)


class TestOfficeWorkbook:
    def test_the_roster_loads_and_each_bad_row_is_named(self, tmp_path: Path) -> None:
        path = tmp_path / "banner.xlsx"
        _office_workbook(path)
        result = load_dataset(path, errors="collect")
        found = [(p.file, p.line, p.loc, p.code) for p in result.problems]
        assert found == [
            ("banner.xlsx[居民]", 5, ("id_number",), "id_number_mangled_by_excel"),
            ("banner.xlsx[居民]", 8, ("sex",), "unknown_value"),
        ]
        people = {r.id: r for r in result.dataset.residents}
        assert sorted(people) == ["r1", "r2", "r4"]
        first17 = "15092619520506123"
        r1 = people["r1"]
        assert r1.id_number.reveal() == first17 + id_number_check_char(first17)  # type: ignore[union-attr]
        assert (r1.birth_date, r1.sex) == (dt.date(1952, 5, 6), Sex.MALE)
        assert r1.phone.reveal() == "13812345678"  # type: ignore[union-attr]
        assert people["r2"].registration is Registration.FLOATING
        assert people["r2"].birth_date == dt.date(1960, 3, 1)
        assert people["r4"].birth_date == dt.date(2023, 5, 6)  # Excel's day number 45052
        notices = [(n.line, n.loc, n.code) for n in result.notices]
        assert notices == [
            (1, (), "ignored_rows"),
            (2, ("序号",), "unknown_column"),
            (2, ("备注",), "unknown_column"),
            (3, ("id_number",), "id_number_converted"),
        ]
        assert result.dataset.communities[0].kind.label_zh == "普通社区"

    def test_a_sheet_that_is_no_collection_is_a_problem(self, tmp_path: Path) -> None:
        path = tmp_path / "banner.xlsx"
        _office_workbook(path)
        book = load_workbook(path)
        book.create_sheet("统计")
        book.save(path)
        result = load_dataset(path, errors="collect")
        assert ("banner.xlsx", ("统计",), "unknown_collection") in [
            (p.file, p.loc, p.code) for p in result.problems
        ]

    def test_a_file_that_is_no_workbook_cannot_be_read(self, tmp_path: Path) -> None:
        path = tmp_path / "banner.xlsx"
        path.write_bytes(b"PK\x03\x04 not really a zip")
        with pytest.raises(Exception, match=r"cannot read .*not an \.xlsx workbook"):
            load_dataset(path)


class TestFolderOfWorkbooks:
    def test_a_collection_may_be_a_workbook_in_a_csv_folder(self, tmp_path: Path) -> None:
        banner = residents_dataset(40)
        folder = tmp_path / "banner"
        save_dataset(banner, folder, format="csv")
        (folder / "residents.csv").unlink()
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Sheet1")
        fields = [a.name for a in attrs.fields(Resident)]
        sheet.append(fields)
        for r in banner.residents:
            row = unstructure(r)
            sheet.append([_cell(row[f]) for f in fields])
        book.save(folder / "Residents.XLSX")
        assert load_dataset(folder) == banner


def _cell(value: object) -> object:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


class TestRoundTrip:
    def test_the_banner_reads_back_equal(self, tmp_path: Path) -> None:
        """The sample banner, with the headers and labels an office reads (居民, 男)."""
        banner = load_chayouqianqi()
        path = tmp_path / "banner.xlsx"
        save_dataset(banner, path, format="xlsx", headers="zh")
        assert load_dataset(path) == banner
        book = load_workbook(path, read_only=True)
        assert book.sheetnames[3] == "居民"
        header, first = list(book["居民"].iter_rows(max_row=2, values_only=True))
        book.close()
        assert header[:4] == ("居民编号", "所属社区", "所属户", "姓名")
        assert first[header.index("性别")] in ("男", "女")

    def test_field_headers_name_the_fields(self, tmp_path: Path) -> None:
        ds = residents_dataset(8)
        path = tmp_path / "data.xlsx"
        save_dataset(ds, path, format="xlsx")
        assert load_dataset(path) == ds
        book = load_workbook(path, read_only=True)
        header, first = list(book["residents"].iter_rows(max_row=2, values_only=True))
        book.close()
        assert header[:4] == ("id", "community_id", "household_id", "name")
        assert first[header.index("sex")] in ("male", "female")
        assert isinstance(first[header.index("id_number")], str)  # text, never a number
        assert isinstance(first[header.index("birth_date")], dt.datetime)  # a date cell

    @settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ds=sst.datasets(hostile=True), headers=st.sampled_from(["field", "zh"]))
    def test_every_dataset_reads_back_equal(
        self, tmp_path: Path, ds: Dataset, headers: str
    ) -> None:
        path = tmp_path / "data.xlsx"
        save_dataset(ds, path, format="xlsx", headers=headers)  # type: ignore[arg-type]
        back = load_dataset(path)
        assert back == ds
        for a, b in zip(ds.residents, back.residents, strict=True):
            assert (a.id_number, a.phone) == (b.id_number, b.phone)

    def test_text_that_looks_like_a_formula_stays_text(self, tmp_path: Path) -> None:
        banner = residents_dataset(4)
        community = banner.communities[0]
        renamed = attrs.evolve(community, name="=1+1")
        changed = banner.replace(communities=(renamed, *banner.communities[1:]))
        path = tmp_path / "banner.xlsx"
        save_dataset(changed, path, format="xlsx")
        assert load_dataset(path).communities[0].name == "=1+1"

    @pytest.mark.parametrize(
        "text", ["示例路\r1号", "a\r\nb", "字面_x000D_文字", "制表\t与\x01控制", "_x005F_"]
    )
    def test_text_xml_cannot_hold_as_it_is_reads_back_equal(
        self, tmp_path: Path, text: str
    ) -> None:
        """XML turns a bare carriage return into a line feed, cannot hold most control
        characters, and readers take ``_x000D_`` for an escape: each is written as an
        OOXML escape and comes back as it was."""
        ds = residents_dataset(2)
        home = attrs.evolve(ds.households[0], address=text)
        ds = attrs.evolve(ds, households=(home, *ds.households[1:]))
        save_dataset(ds, tmp_path / "x.xlsx", format="xlsx")
        assert load_dataset(tmp_path / "x.xlsx") == ds

    def test_headers_zh_is_only_for_workbooks(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError, match="headers"):
            save_dataset(load_chayouqianqi(), tmp_path / "x.json", headers="zh")


def test_shequ_export_writes_a_workbook(tmp_path: Path) -> None:
    from shequ_core.cli import main

    ds = residents_dataset(6)
    save_dataset(ds, tmp_path / "data.json")
    assert (
        main(["export", str(tmp_path / "data.json"), "--to", "xlsx", str(tmp_path / "o.xlsx")]) == 0
    )
    assert load_dataset(tmp_path / "o.xlsx") == ds


class TestWorkbookProblems:
    def test_a_collection_twice_and_a_file_with_no_such_sheet(self, tmp_path: Path) -> None:
        ds = residents_dataset(3)
        path = tmp_path / "data.xlsx"
        save_dataset(ds, path, format="xlsx")
        book = load_workbook(path)
        book.copy_worksheet(book["residents"]).title = "居民"
        book.save(path)
        result = load_dataset(path, errors="collect")
        assert [(p.loc, p.code) for p in result.problems] == [(("居民",), "invalid_file")]
        assert result.dataset == ds
        folder = tmp_path / "folder"
        save_dataset(ds, folder, format="csv")
        (folder / "residents.csv").unlink()
        path.rename(folder / "residents.xlsx")
        book = load_workbook(folder / "residents.xlsx")
        for sheet in ("residents", "居民"):
            del book[sheet]
        book.save(folder / "residents.xlsx")
        with pytest.raises(ValidationError) as info:
            load_dataset(folder)
        assert "none named residents or 居民" in str(info.value)

    @pytest.mark.parametrize("encoding", [7, "no-such-codec", "rot13", "base64", "utf-16"])
    def test_an_encoding_must_be_a_text_encoding(self, tmp_path: Path, encoding: object) -> None:
        with pytest.raises(ValidationError) as info:
            load_dataset(tmp_path, encoding=encoding)  # type: ignore[arg-type]
        assert [(p.loc, p.code) for p in info.value.problems] == [
            (("encoding",), "invalid_argument")
        ]

    def test_bad_arguments_are_named(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError) as info:
            load_dataset(tmp_path, columns={"证件号": "no_such_field"}, strict="yes")  # type: ignore[arg-type]
        assert [p.path for p in info.value.problems] == ["columns.证件号", "strict"]
        with pytest.raises(ValidationError) as info:
            save_dataset(residents_dataset(1), tmp_path / "x", format="xls", headers="en")  # type: ignore[arg-type]
        assert [p.path for p in info.value.problems] == ["format", "headers"]

    def test_columns_name_an_offices_own_headers(self, tmp_path: Path) -> None:
        ds = residents_dataset(3)
        path = tmp_path / "data.xlsx"
        save_dataset(ds, path, format="xlsx")
        book = load_workbook(path)
        book["residents"]["E1"] = "证件号"  # the id_number column, under a header of its own
        book.save(path)
        assert load_dataset(path, columns={"证件号": "id_number"}) == ds
        result = load_dataset(path, errors="collect")
        assert [n.loc for n in result.notices] == [("证件号",)]
