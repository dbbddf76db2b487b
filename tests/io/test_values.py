"""The lenient cell rules of office files (``shequ_core.io._values``): each spelling an
office writes, read as the value the strict converter expects, and each refusal with
its code. The converter itself stays strict (last class)."""

from __future__ import annotations

import datetime as dt
import enum

import attrs
import pytest

from shequ_core import ValidationError, id_number_check_char
from shequ_core.entities import ENTITIES, VALUES, LabelledEnum, Registration, Resident, Sex
from shequ_core.io._values import CellError, field_kinds, parse_date, read_record
from shequ_core.serialization import structure


def _number(birth: str, *, check: str | None = None, male: bool | None = None) -> str:
    """A valid identity number born on ``birth`` (YYYYMMDD), with the check character
    and sex asked for."""
    for seq in range(100, 1000):
        first17 = f"110105{birth}{seq:03d}"
        if male is not None and (seq % 2 == 1) != male:
            continue
        char = id_number_check_char(first17)
        if check is None or char == check:
            return first17 + char
    raise AssertionError("no such number")  # pragma: no cover


def _resident(**cells: object) -> tuple[dict[str, object], list[str], list[str]]:
    base: dict[str, object] = {"id": "r1", "community_id": "c1", "household_id": "h1"}
    record, problems, notices = read_record(Resident, {**base, "name": "张三", **cells})
    return record, [p.code for p in problems], [n.code for n in notices]


class TestDates:
    @pytest.mark.parametrize(
        "cell",
        [
            "2023-05-06",
            "2023/5/6",
            "2023.5.6",
            "2023年5月6日",
            "2023 年 5 月 6 日",
            "20230506",
            "２０２３／５／６",  # full-width, as a Chinese input method types it
            "2023-05-06 00:00:00",  # pandas' to_csv of a date column with a time part
            dt.datetime(2023, 5, 6),  # a workbook's date cell
            dt.date(2023, 5, 6),
            20230506,  # a number cell
            45052,  # Excel's day number of 2023-05-06
        ],
    )
    def test_every_spelling_of_a_day(self, cell: object) -> None:
        assert parse_date(cell) == dt.date(2023, 5, 6)

    @pytest.mark.parametrize(
        ("cell", "message"),
        [
            ("2023-02-30", "is not a calendar date"),
            ("2023年2月", "must be a date, like"),
            ("5/6/2023", "must be a date, like"),
            (dt.datetime(2023, 5, 6, 9, 30), "without a time of day"),
            (45052.5, "without a time of day"),
        ],
    )
    def test_what_is_not_a_day(self, cell: object, message: str) -> None:
        with pytest.raises(CellError, match=message) as info:
            parse_date(cell)
        assert info.value.code == "invalid_value"


class TestEnums:
    @pytest.mark.parametrize(
        ("cell", "sex", "registration"),
        [
            ("男", "male", "户籍"),
            ("女", "female", "流动"),
            ("Male", "male", "local"),
            ("FEMALE", "female", "floating"),
            (" 男 ", "male", "流动人口"),
        ],
    )
    def test_by_code_label_or_alias(self, cell: str, sex: str, registration: str) -> None:
        record, problems, _ = _resident(sex=cell, registration=registration)
        assert problems == []
        assert record["sex"] == sex
        assert record["registration"] in ("local", "floating")
        assert structure(record, Resident).registration is Registration(record["registration"])

    def test_every_label_to_frames_writes_reads_back(self) -> None:
        """Every enum field of every record: its code, Chinese label and English label
        (what ``to_frames(lang=...)`` writes) each read as the member."""
        seen = 0
        for cls in (*ENTITIES, *VALUES):
            for name, kind in field_kinds(cls).items():
                if kind.enum is None:
                    continue
                field = attrs.fields_dict(cls)[name]
                for member in kind.enum:
                    assert isinstance(member, LabelledEnum)
                    for text in (member.value, member.label_zh, member.label_en):
                        cell = text if kind.name == "enum" else f"('{text}', '{text}')"
                        record, problems, _ = read_record(cls, {name: cell})
                        assert problems == [], (cls, name, text)
                        value = record[field.name]
                        assert value in (member.value, [member.value] * 2)
                        seen += 1
        assert seen > 300

    def test_labels_are_unique_within_each_enum(self) -> None:
        """A label names one member, so writing labels loses nothing."""
        for cls in LabelledEnum.__subclasses__():
            labels = [m.label_zh for m in cls]
            assert len(set(labels)) == len(labels), cls

    def test_an_unknown_value_lists_the_labels(self) -> None:
        _, problems, _ = _resident(sex="未知")
        assert problems == ["unknown_value"]
        (problem,) = read_record(Resident, {"sex": "x"})[1]
        assert "男、女" in problem.message and problem.loc == ("sex",)


class TestIdentityNumbers:
    def test_spaces_and_a_lower_case_x_are_normalised(self) -> None:
        number = _number("19600301", check="X")
        record, problems, _ = _resident(id_number=f"  {number[:6]} {number[6:].lower()} ")
        assert (record["id_number"], problems) == (number, [])

    def test_a_15_digit_number_becomes_18_digits_with_a_notice(self) -> None:
        """GB 11643: the year gets its 19, and a check character is computed."""
        record, problems, notices = _resident(id_number="150926520506123")
        first17 = "15092619520506123"
        assert record["id_number"] == first17 + id_number_check_char(first17)
        assert (problems, notices) == ([], ["id_number_converted"])

    @pytest.mark.parametrize(
        "cell",
        ["1.50926E+17", "1.50926e17", 1.5092619520506e17, "150926195205061000"],
    )
    def test_a_number_excel_rounded_is_named_as_such(self, cell: object) -> None:
        _, problems, _ = _resident(id_number=cell)
        assert problems == ["id_number_mangled_by_excel"]
        message = read_record(Resident, {"id_number": cell})[1][0].message
        assert "format the column as text" in message
        assert "150926" not in message

    def test_a_real_number_ending_in_000_is_kept(self) -> None:
        """Only digits ending in 000 that fail the check are taken for Excel's rounding."""
        number = next(
            f"1101051960{day:04d}{seq}0"
            for day in range(301, 331)
            for seq in ("100", "200", "300", "400", "500", "600", "700", "800", "900")
            if id_number_check_char(f"1101051960{day:04d}{seq}") == "0"
        )
        assert number.endswith("000")
        record, problems, _ = _resident(id_number=number)
        assert (record["id_number"], problems) == (number, [])

    def test_birth_date_and_sex_come_from_the_number_when_the_file_has_no_column(self) -> None:
        number = _number("19520506", male=False)
        record, problems, _ = _resident(id_number=number)
        assert (record["birth_date"], record["sex"], problems) == ("1952-05-06", "female", [])
        # A blank cell in a column the file has stays blank: a saved dataset reads back.
        record, _, _ = _resident(id_number=number, birth_date="", sex=None)
        assert "birth_date" not in record and "sex" not in record
        assert structure(record, Resident).birth_date is None


class TestOtherCells:
    def test_numbers_in_text_columns_are_their_digits(self) -> None:
        record, problems, _ = _resident(id=12.0, household_id=7, phone=13812345678.0)
        assert (record["id"], record["household_id"], record["phone"]) == ("12", "7", "13812345678")
        assert problems == []

    def test_the_strict_converter_refuses_what_files_accept(self) -> None:
        """JSON is written by programs: a date spelled 2023/5/6 or a label there is a bug
        to hear about, not a spelling to accept."""
        base = {"id": "r1", "community_id": "c1", "household_id": "h1", "name": "张三"}
        with pytest.raises(ValidationError):
            structure({**base, "birth_date": "2023/5/6"}, Resident)
        with pytest.raises(ValidationError):
            structure({**base, "sex": "男"}, Resident)
        assert Sex("male") is Sex.MALE and issubclass(Sex, enum.Enum)


_C, _S = "Community", "Staff"


@attrs.frozen
class Bad:
    """The problem code a cell is expected to give."""

    code: str


@pytest.mark.parametrize(
    ("cls", "field", "cell", "value"),
    [
        (_C, "households", "1,200", 1200),
        (_C, "households", 3.0, 3),
        (_C, "households", 3.5, Bad("wrong_type")),
        (_C, "households", "三", Bad("wrong_type")),
        (_C, "households", "9" * 101, Bad("out_of_range")),
        (_C, "service_hall_area_m2", "1,234.5", 1234.5),
        (_C, "service_hall_area_m2", 120, 120.0),
        (_C, "service_hall_area_m2", "大", Bad("wrong_type")),
        (_C, "yearly_office_funds", "¥3,089.50元", "3089.50"),
        (_C, "yearly_office_funds", 3089.5, "3089.5"),
        (_C, "yearly_office_funds", 20000, "20000"),
        (_C, "facilities", '["图书室", "library"]', ["library", "library"]),
        (_C, "facilities", "图书室、警务室", ["library", "police_room"]),
        (_C, "facilities", "[1]", [1]),  # left for the converter to refuse
        (_C, "facilities", "[1", Bad("malformed_json")),
        (_C, "established_on", dt.datetime(2001, 6, 18), "2001-06-18"),
        (_S, "pension_insured", True, True),
        (_S, "pension_insured", "是", True),
        (_S, "pension_insured", "×", False),
        (_S, "pension_insured", "也许", Bad("wrong_type")),
        ("Resident", "attentions", "not json", Bad("malformed_json")),
        ("Volunteer", "skills", "('家电维修', '文艺')", ["家电维修", "文艺"]),
        ("Volunteer", "skills", "()", []),
        ("Volunteer", "skills", "(1.5,)", Bad("malformed_json")),
        ("Volunteer", "skills", "(__import__('os'),)", Bad("malformed_json")),
        ("Resident", "attentions", 3.0, Bad("malformed_json")),
        ("Resident", "name", dt.datetime(2001, 6, 18, 9), "2001-06-18T09:00:00"),
        ("Resident", "name", dt.datetime(2001, 6, 18), "2001-06-18"),
        ("Resident", "name", dt.date(2001, 6, 18), "2001-06-18"),
        ("Resident", "name", True, "true"),
        ("Resident", "name", 1.5, "1.5"),
    ],
)
def test_cells_of_each_kind(cls: str, field: str, cell: object, value: object) -> None:
    from shequ_core import entities

    record, problems, _ = read_record(getattr(entities, cls), {field: cell})
    if isinstance(value, Bad):
        assert [p.code for p in problems] == [value.code]
        assert field not in record
    else:
        assert (problems, record[field]) == ([], value)
