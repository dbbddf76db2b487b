"""Office files as offices write them: a GB18030 CSV roster with Chinese headers, the
date spellings, 男/女, a 15-digit and two Excel-rounded identity numbers, extra columns
(序号, 备注) and a line that is no text at all; encodings told apart without being asked,
and a long file still read a line at a time; a dataset folder matched without regard to
case, every stray file reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from shequ_core import (
    Dataset,
    Registration,
    Sex,
    ValidationError,
    id_number_check_char,
)
from shequ_core.datasets import load_chayouqianqi
from shequ_core.io import LoadResult, load_dataset
from shequ_core.io._encoding import SNIFF_BYTES, decoded_lines
from tests.builders import office_folder

HEADER = "序号,居民编号,所属社区,户号,姓名,性别,身份证号码,出生年月,手机号,户口性质,备注"


def _x_number() -> str:
    """A woman's number born 1960-03-01 whose check character is X."""
    return next(
        f"11010519600301{seq:03d}X"
        for seq in range(100, 1000, 2)
        if id_number_check_char(f"11010519600301{seq:03d}") == "X"
    )


def _rounded() -> str:
    """18 digits ending in 000 that fail the check: Excel's rounding of a real number."""
    number = "150926195001011000"
    assert id_number_check_char(number[:17]) != number[17]
    return number


def _gb_roster(folder: Path) -> Path:
    x = _x_number()
    lines = [
        HEADER,
        "1,r1,c1,h1,张三,男,150926520506123,1952/5/6,13812345678,户籍,",
        f"2,r2,c1,h1,李四,女, {x[:6]} {x[6:].lower()} ,1960年3月1日,,流动,外地",
        "3,r3,c1,h2,王五,男,,1970.12.31,,户籍,",
        "4,r4,c1,h2,赵六,女,,20010203,,流动人口,",
        "5,r5,c1,h2,钱七,男,1.50926E+17,1950-01-01,,户籍,",
        f"6,r6,c1,h2,孙八,男,{_rounded()},1950-01-01,,户籍,",
    ]
    data = "\r\n".join(lines).encode("gb18030") + b"\r\n"
    data += "7,r7,c1,h2,".encode("gb18030") + b"\xff\xfe" + ",男,,,,户籍,\r\n".encode("gb18030")
    data += "8,r8,c1,h2,周九,男,,1980/13/1,,户籍,\r\n9,r9,c1,h2,吴十,男,,,,户籍,\r\n".encode(
        "gb18030"
    )
    path = folder / "居民.CSV"  # the Chinese label, in upper case, as Windows may save it
    path.write_bytes(data)
    return path


EXPECTED = [
    (6, ("id_number",), "id_number_mangled_by_excel"),
    (7, ("id_number",), "id_number_mangled_by_excel"),
    (8, (), "invalid_encoding"),
    (9, ("birth_date",), "invalid_value"),
]


class TestGb18030Roster:
    def test_collect_loads_the_good_rows_and_names_every_bad_one(self, tmp_path: Path) -> None:
        folder = office_folder(tmp_path / "office")
        _gb_roster(folder)
        result = load_dataset(folder, errors="collect")
        assert isinstance(result, LoadResult)
        assert sorted((p.line, p.loc, p.code) for p in result.problems) == EXPECTED
        assert {p.file for p in result.problems} == {"居民.CSV"}
        people = {r.id: r for r in result.dataset.residents}
        assert sorted(people) == ["r1", "r2", "r3", "r4", "r9"]
        first17 = "15092619520506123"
        r1 = people["r1"]
        assert r1.id_number.reveal() == first17 + id_number_check_char(first17)  # type: ignore[union-attr]
        assert (r1.sex, r1.birth_date.isoformat()) == (Sex.MALE, "1952-05-06")  # type: ignore[union-attr]
        assert r1.phone.reveal() == "13812345678"  # type: ignore[union-attr]
        r2 = people["r2"]
        assert r2.id_number.reveal() == _x_number()  # type: ignore[union-attr]
        assert (r2.sex, r2.registration) == (Sex.FEMALE, Registration.FLOATING)
        assert [str(people[r].birth_date) for r in ("r2", "r3", "r4", "r9")] == [
            "1960-03-01",
            "1970-12-31",
            "2001-02-03",
            "None",
        ]
        assert people["r4"].registration is Registration.FLOATING
        notices = sorted((n.line, n.loc, n.code) for n in result.notices)
        assert notices == [
            (1, ("备注",), "unknown_column"),
            (1, ("序号",), "unknown_column"),
            (2, ("id_number",), "id_number_converted"),
        ]

    def test_raise_mode_lists_the_same_problems_without_the_numbers(self, tmp_path: Path) -> None:
        folder = office_folder(tmp_path / "office")
        _gb_roster(folder)
        with pytest.raises(ValidationError) as info:
            load_dataset(folder)
        assert sorted((p.line, p.loc, p.code) for p in info.value.problems) == EXPECTED
        text = str(info.value)
        assert "居民.CSV:6: id_number: " in text and "format the column as text" in text
        assert _rounded() not in text and "1.50926E+17" not in text

    def test_a_forced_encoding_is_used(self, tmp_path: Path) -> None:
        folder = office_folder(tmp_path / "office")
        _gb_roster(folder)
        with pytest.raises(ValidationError) as info:
            load_dataset(folder, encoding="utf-8")
        first = info.value.problems[0]
        assert (first.file, first.line, first.code) == ("居民.CSV", 1, "invalid_encoding")
        assert "is not UTF-8 text" in first.message
        with pytest.raises(ValidationError, match="encoding"):
            load_dataset(folder, encoding="no-such-codec")


def _roster_lines(n: int, chinese_from: int = 0) -> list[str]:
    rows = [HEADER.split(",", 1)[1]]
    for i in range(n):
        name = "居民" if i >= chinese_from else "jumin"
        rows.append(f"r{i},c1,h1,{name}{i},,,,,floating,")
    return rows


class TestEncodings:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312"])
    def test_each_encoding_offices_write_is_told_without_asking(
        self, tmp_path: Path, encoding: str
    ) -> None:
        folder = office_folder(tmp_path / "office")
        (folder / "residents.csv").write_bytes("\n".join(_roster_lines(5)).encode(encoding))
        ds = load_dataset(folder)
        assert [r.name for r in ds.residents] == [f"居民{i}" for i in range(5)]

    def test_neither_encoding_is_one_problem_naming_file_and_line(self, tmp_path: Path) -> None:
        folder = office_folder(tmp_path / "office")
        lines = _roster_lines(3)
        (folder / "residents.csv").write_bytes("\n".join(lines).encode("utf-16"))
        result = load_dataset(folder, errors="collect")
        assert [(p.file, p.line, p.code) for p in result.problems] == [
            ("residents.csv", 1, "invalid_encoding")
        ]
        assert "neither UTF-8 nor GB18030" in result.problems[0].message
        assert len(result.dataset.households) == 2  # the other files still load

    def test_a_bad_line_past_the_sniffed_head_is_a_problem_at_its_line(
        self, tmp_path: Path
    ) -> None:
        folder = office_folder(tmp_path / "office")
        lines = [line.encode("gb18030") for line in _roster_lines(3000)]
        assert sum(len(b) + 1 for b in lines[:2500]) > SNIFF_BYTES
        lines[2500] = lines[2500].replace("居民".encode("gb18030"), b"\xff\xff")
        (folder / "residents.csv").write_bytes(b"\n".join(lines))
        result = load_dataset(folder, errors="collect")
        assert [(p.line, p.code) for p in result.problems] == [(2501, "invalid_encoding")]
        assert len(result.dataset.residents) == 2999

    def test_an_ascii_head_leaves_the_choice_to_the_first_wide_line(self, tmp_path: Path) -> None:
        folder = office_folder(tmp_path / "office")
        lines = _roster_lines(3000, chinese_from=2800)
        (folder / "residents.csv").write_bytes("\n".join(lines).encode("gb18030"))
        ds = load_dataset(folder)
        assert ds.residents[-1].name == "居民2999"

    def test_only_the_head_is_read_before_the_first_line(self) -> None:
        """Streaming: the encoding is told from a prefix, not from the whole file."""
        data = b"".join(f"{i},{'居民' * 5}\n".encode("gb18030") for i in range(50_000))

        class Counting(io.BytesIO):
            high = 0

            def readline(self, size: int | None = -1) -> bytes:
                line = super().readline(size)
                Counting.high = max(Counting.high, self.tell())
                return line

        f = Counting(data)
        lines = decoded_lines(f, file="x.csv", encoding=None, problems=[])
        assert next(lines) == "0,居民居民居民居民居民\n"
        assert f.tell() < SNIFF_BYTES + 100 < len(data)


class TestFolders:
    def test_files_match_in_any_case_and_stray_files_are_problems(self, tmp_path: Path) -> None:
        folder = office_folder(tmp_path / "office")
        (folder / "households.csv").rename(folder / "HouseHolds.CSV")
        (folder / "notes.txt").write_text("x", encoding="utf-8")
        (folder / "residents (copy).csv").write_text("id\n", encoding="utf-8")
        (folder / "~$residents.xlsx").write_bytes(b"lock")  # Excel's, while it is open
        (folder / ".DS_Store").write_bytes(b"")
        result = load_dataset(folder, errors="collect")
        assert len(result.dataset.households) == 2
        stray = sorted((p.file, p.code) for p in result.problems)
        assert stray == [
            ("notes.txt", "unknown_collection"),
            ("residents (copy).csv", "unknown_collection"),
        ]

    def test_two_files_for_one_collection_are_a_problem(self, tmp_path: Path) -> None:
        folder = office_folder(tmp_path / "office")
        (folder / "户.csv").write_bytes((folder / "households.csv").read_bytes())
        with pytest.raises(ValidationError) as info:
            load_dataset(folder)
        assert [(p.file, p.code) for p in info.value.problems] == [("户.csv", "invalid_file")]


def test_a_single_collection_file_loads_by_its_name(tmp_path: Path) -> None:
    folder = office_folder(tmp_path / "office")
    path = folder / "社区.csv"
    (folder / "communities.csv").rename(path)
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode("gbk"))
    ds = load_dataset(path)
    assert [c.id for c in ds.communities] == ["c1"] and len(ds) == 1


def test_a_column_with_no_header_is_ignored_but_not_silently(tmp_path: Path) -> None:
    folder = office_folder(tmp_path / "office")
    lines = _roster_lines(3)
    lines = [
        lines[0] + ",",
        *(line + "," for line in lines[1:2]),
        *(f"{x},记号" for x in lines[2:]),
    ]
    (folder / "residents.csv").write_text("\n".join(lines), encoding="utf-8")
    result = load_dataset(folder, errors="collect")
    assert (result.problems, len(result.dataset.residents)) == ((), 3)
    assert [(n.line, n.loc, n.code) for n in result.notices] == [
        (1, ("备注",), "unknown_column"),
        (3, (), "unknown_column"),
    ]
    assert "column 11 has no header" in result.notices[1].message


@pytest.mark.parametrize("lang", ["zh", None])
def test_what_to_frames_writes_reads_back(tmp_path: Path, lang: str | None) -> None:
    """A table of ``to_frames`` saved by pandas (Chinese or field headers, labels, dates,
    tuples, a nested value spread over two columns) loads as the records it was made of."""
    from shequ_core.extra.pandas import to_frames

    ds = load_chayouqianqi()
    ds = Dataset(communities=ds.communities, service_items=ds.service_items)
    folder = tmp_path / "frames"
    folder.mkdir()
    for name, frame in to_frames(ds, lang=lang, reveal=True).items():  # type: ignore[arg-type]
        if name in ("communities", "service_items"):
            frame.to_csv(folder / f"{name}.csv", index=False)
    header = (folder / "service_items.csv").read_text(encoding="utf-8").splitlines()[0]
    assert ("办理时限·时限" if lang else "time_limit_amount") in header
    result = load_dataset(folder, errors="collect")
    assert (result.problems, result.notices) == ((), ())
    assert result.dataset == ds
