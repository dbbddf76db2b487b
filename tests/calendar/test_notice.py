"""A year's holiday notice in a TOML file: the shipped 2026 notice against the package's
data, a next year's notice moving ``confirmed_through``, and every bad file refused with
its problems."""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from pathlib import Path

import pytest

from shequ_core.calendar import (
    CalendarCoverageError,
    Notice,
    china_calendar,
    load_notice,
)
from shequ_core.errors import ValidationError
from tests.builders import fictional_notice

NOTICE_2026 = Path(__file__).parents[2] / "docs" / "how-to" / "notices" / "2026.toml"
CAL = china_calendar()
#: The last year the installed holidays package confirms, and the next.
LAST = CAL.confirmed_through
NEXT = LAST + 1


def write(tmp_path: Path, text: str, name: str = "notice.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in info.value.problems]


class TestThe2026Notice:
    """The notice shipped with the how-to (国办发明电〔2025〕7号), against the package."""

    def test_it_reads_as_published(self) -> None:
        n = load_notice(NOTICE_2026)
        assert (n.year, n.number) == (2026, "国办发明电〔2025〕7号")
        assert n.title == "国务院办公厅关于2026年部分节假日安排的通知"
        assert [h.name for h in n.holidays] == [
            "元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节",
        ]  # fmt: skip
        # 春节: 2月15日至23日, 共9天; 2月14日、2月28日上班.
        spring = n.holidays[1]
        assert len(spring.rest_days) == 9
        assert spring.work == (date(2026, 2, 14), date(2026, 2, 28))

    def test_it_agrees_with_the_package_day_by_day(self) -> None:
        """A notice for a year the package carries is checked against it: accepted, and
        the calendar is the same as without it."""
        cal = china_calendar(notices=[NOTICE_2026])
        assert cal == CAL
        for i in range(365):
            d = date(2026, 1, 1) + timedelta(days=i)
            assert cal.is_working_day(d) == CAL.is_working_day(d), d

    def test_the_calendar_shows_the_notice_periods(self) -> None:
        """``rest_periods`` and ``make_up_days`` read back exactly what the notice says."""
        n = load_notice(NOTICE_2026)
        assert CAL.rest_periods(2026) == [(h.first, h.last) for h in n.holidays]
        assert CAL.make_up_days(2026) == sorted(n.working_days)

    def test_a_file_contradicting_the_package_is_refused(self, tmp_path: Path) -> None:
        """Move the Spring Festival make-up Saturday by a week: both days are named."""
        text = NOTICE_2026.read_text(encoding="utf-8").replace(
            "work = [2026-02-14, 2026-02-28]", "work = [2026-02-14, 2026-03-07]"
        )
        with pytest.raises(ValidationError) as info:
            china_calendar(notices=[write(tmp_path, text)])
        messages = [p.message for p in info.value.problems]
        assert len(messages) == 2
        assert messages[0].startswith("2026-02-28 is a make-up working day in holidays")
        assert messages[1].startswith("2026-03-07 is a make-up working day here")
        assert {p.code for p in info.value.problems} == {"inconsistent"}
        assert all(p.file == str(tmp_path / "notice.toml") for p in info.value.problems)

    def test_a_rest_day_left_out_is_refused(self, tmp_path: Path) -> None:
        text = NOTICE_2026.read_text(encoding="utf-8").replace(
            "last = 2026-10-07", "last = 2026-10-06"
        )
        with pytest.raises(ValidationError) as info:
            china_calendar(notices=[write(tmp_path, text)])
        assert [p.message.split(",")[0] for p in info.value.problems] == [
            "2026-10-07 is a working day here"
        ]


class TestTheNextYear:
    """A notice for the year after the package's last moves the calendar forward."""

    def test_it_moves_confirmed_through_and_sets_its_days(self, tmp_path: Path) -> None:
        cal = china_calendar(notices=[write(tmp_path, fictional_notice(NEXT))])
        assert (cal.confirmed_through, cal.last_year, cal.provisional) == (NEXT, NEXT, False)
        assert not cal.is_working_day(date(NEXT, 1, 1))
        [saturday] = cal.make_up_days(NEXT)
        assert saturday.weekday() == 5 and cal.is_working_day(saturday)
        # Where the notice is silent the year is ordinary: no statutory estimate left.
        estimate = china_calendar(provisional=True)
        assert not estimate.is_working_day(saturday)
        assert cal.rest_periods(NEXT)[0][0] <= date(NEXT, 1, 1)
        assert len(cal.rest_periods(NEXT)) == 1
        assert f"{NEXT} from 测试用" in cal.source
        with pytest.raises(CalendarCoverageError):
            cal.is_working_day(date(NEXT + 1, 1, 4))

    def test_with_provisional_the_estimate_starts_a_year_later(self, tmp_path: Path) -> None:
        cal = china_calendar(notices=[write(tmp_path, fictional_notice(NEXT))], provisional=True)
        assert cal.confirmed_through == NEXT
        assert not cal.is_estimated(date(NEXT, 12, 31))
        assert cal.is_estimated(date(NEXT + 1, 1, 1))

    def test_the_same_notice_gives_the_same_calendar(self, tmp_path: Path) -> None:
        a = china_calendar(notices=[write(tmp_path, fictional_notice(NEXT), "a.toml")])
        b = china_calendar(notices=[load_notice(write(tmp_path, fictional_notice(NEXT), "b.toml"))])
        assert a is b  # cached by the notice's content, not its file name
        assert pickle.loads(pickle.dumps(a)) == a

    def test_a_gap_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError) as info:
            china_calendar(notices=[write(tmp_path, fictional_notice(NEXT + 1))])
        assert codes(info) == [("year", "out_of_range")]
        assert f"needs the notice for {NEXT} first" in info.value.problems[0].message

    def test_two_years_in_a_row_are_accepted(self, tmp_path: Path) -> None:
        cal = china_calendar(
            notices=[
                write(tmp_path, fictional_notice(NEXT + 1), "b.toml"),
                write(tmp_path, fictional_notice(NEXT), "a.toml"),
            ]
        )
        assert cal.confirmed_through == NEXT + 1

    def test_the_same_year_twice_is_refused(self, tmp_path: Path) -> None:
        path = write(tmp_path, fictional_notice(NEXT))
        with pytest.raises(ValidationError) as info:
            china_calendar(notices=[path, path])
        assert codes(info) == [("year", "inconsistent")]


class TestBadFiles:
    """Every problem of a notice file, each with its place and code."""

    def test_not_toml(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError) as info:
            load_notice(write(tmp_path, "year = "))
        assert [p.code for p in info.value.problems] == ["invalid_file"]

    def test_a_missing_file_is_one_problem(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError) as info:
            load_notice(tmp_path / "none.toml")
        assert [p.code for p in info.value.problems] == ["invalid_file"]

    def test_every_problem_at_once(self, tmp_path: Path) -> None:
        text = f"""\
year = "{NEXT}"
title = ""
colour = "red"

[[holidays]]
name = "春节"
first = {NEXT}-02-10
last = {NEXT}-02-04
work = ["soon"]

[[holidays]]
name = "国庆节"
first = {NEXT}-10-01
last = {NEXT + 1}-10-07
"""
        with pytest.raises(ValidationError) as info:
            load_notice(write(tmp_path, text))
        assert codes(info) == [
            ("colour", "unknown_field"),
            ("number", "required"),
            ("address", "required"),
            ("year", "wrong_type"),
            ("title", "wrong_type"),
            ("holidays[0].work[0]", "wrong_type"),
            ("holidays[0].last", "inconsistent"),
            ("holidays[1].last", "out_of_range"),
        ]

    def test_a_weekday_make_up_day_and_a_day_of_another_year(self, tmp_path: Path) -> None:
        monday = date(NEXT, 2, 1) + timedelta(days=-date(NEXT, 2, 1).weekday() % 7)
        text = fictional_notice(NEXT).replace(
            "work = [", f"work = [{monday.isoformat()}, {NEXT - 1}-06-05, "
        )
        with pytest.raises(ValidationError) as info:
            load_notice(write(tmp_path, text))
        got = codes(info)
        assert ("holidays[0].work[0]", "invalid_value") in got
        assert all(code in ("invalid_value", "out_of_range") for _, code in got)

    def test_a_make_up_day_inside_the_holiday(self, tmp_path: Path) -> None:
        text = fictional_notice(NEXT).replace("last = ", f"last = {NEXT}-01-20 #")
        with pytest.raises(ValidationError) as info:
            load_notice(write(tmp_path, text))
        assert codes(info) == [("holidays[0].work[0]", "inconsistent")]

    def test_a_notice_object_is_accepted_as_it_is(self) -> None:
        n = load_notice(NOTICE_2026)
        assert isinstance(n, Notice)
        assert china_calendar(notices=[n]) == china_calendar(notices=[NOTICE_2026])

    @pytest.mark.parametrize(
        ("holidays", "expected"),
        [
            ("", [("holidays", "required")]),
            ('holidays = "none"', [("holidays", "wrong_type")]),
            ("holidays = []", [("holidays", "wrong_type")]),
            ("holidays = [1]", [("holidays[0]", "wrong_type")]),
        ],
    )
    def test_holidays_must_be_tables(
        self, tmp_path: Path, holidays: str, expected: list[tuple[str, str]]
    ) -> None:
        head = fictional_notice(NEXT).split("[[holidays]]")[0]
        with pytest.raises(ValidationError) as info:
            load_notice(write(tmp_path, head + holidays + "\n"))
        assert codes(info) == expected

    def test_every_problem_of_a_holiday(self, tmp_path: Path) -> None:
        head = fictional_notice(NEXT).split("[[holidays]]")[0]
        text = (
            head
            + f"""\
[[holidays]]
days = 3
first = "{NEXT}-01-01"
last = {NEXT}-01-03
work = {NEXT}-01-09

[[holidays]]
name = "元旦"
first = {NEXT - 1}-06-01
last = {NEXT - 1}-06-02

[[holidays]]
name = "又一个元旦"
first = {NEXT - 1}-06-02
last = {NEXT - 1}-06-02
"""
        )
        with pytest.raises(ValidationError) as info:
            load_notice(write(tmp_path, text))
        assert codes(info) == [
            ("holidays[0].days", "unknown_field"),
            ("holidays[0].name", "required"),
            ("holidays[0].first", "wrong_type"),
            ("holidays[0].work", "wrong_type"),
            ("holidays[1].first", "out_of_range"),
            ("holidays[1].last", "out_of_range"),
            ("holidays[2].first", "inconsistent"),
            ("holidays[2].first", "out_of_range"),
            ("holidays[2].last", "out_of_range"),
        ]
        assert "is in two holidays (元旦)" in info.value.problems[6].message

    def test_one_file_given_alone_is_one_notice(self) -> None:
        assert china_calendar(notices=str(NOTICE_2026)) == CAL
        assert china_calendar(notices=NOTICE_2026) == CAL

    def test_a_year_before_the_calendar(self, tmp_path: Path) -> None:
        text = fictional_notice(2000)
        with pytest.raises(ValidationError) as info:
            china_calendar(notices=[write(tmp_path, text)])
        assert codes(info) == [("year", "out_of_range")]


def test_the_how_to_shows_the_shipped_file() -> None:
    """The notice the how-to types in is the file the repository ships, byte for byte."""
    page = (NOTICE_2026.parents[1] / "new-year-notice.md").read_text(encoding="utf-8")
    shown = page.split('NOTICE_2026 = """\\\n', 1)[1].split('"""', 1)[0]
    assert shown == NOTICE_2026.read_text(encoding="utf-8")
