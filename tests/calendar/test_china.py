"""The China calendar against its oracle, the statutory day counts and the notices."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta

import chinese_calendar
import pytest

from shequ_core.calendar import CalendarCoverageError, WorkCalendar, china_calendar
from shequ_core.errors import ValidationError

CAL = china_calendar()


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(i) for i in range((end - start).days + 1)]


# Days on which chinese_calendar is wrong, with the answer of the notice that decides.
ORACLE_EXCEPTIONS: dict[date, bool] = {
    # 国务院办公厅关于2006年部分节假日安排的通知: 元旦 1月1日至3日放假; 1月1日 is a
    # Sunday, 1月2日 made up for it, 1月3日 swapped with Saturday 2005-12-31, which was
    # worked. chinese_calendar lists it as a rest day; the 2006 net count below (10,
    # as in every year under the 1999 rules) only balances with the Saturday worked.
    date(2005, 12, 31): True,
}


# Days on which holidays (the data source) is wrong and the calendar corrects it, with
# the answer of the notice that decides: 国务院办公厅关于2003年"五一"放假调休安排的通知
# (2003-04-21, SARS): "今年'五一'按法定假日休假，暂不实行长假制度": 5月1日至3日
# statutory, 5月3日's weekend day moved to Monday 5月5日, 5月4日 an ordinary Sunday.
# The swap of the yearly notice (4月26日、27日 worked for 5月6日、7日) no longer held.
HOLIDAYS_CORRECTIONS: dict[date, bool] = {
    date(2003, 4, 26): False,
    date(2003, 4, 27): False,
    date(2003, 5, 6): True,
    date(2003, 5, 7): True,
}


# Statutory all-citizen holidays per 全国年节及纪念日放假办法, by the revision in force.
def statutory_days(notice_year: int) -> int:
    if notice_year <= 2007:  # 1999 revision (国务院令第270号)
        return 10
    if notice_year <= 2024:  # 2007 (第513号, from 2008) and 2013 (第644号, from 2014)
        return 11
    return 13  # 2024 revision (国务院令第795号), in force 2025-01-01


# Days off beyond the statutory ones, decided by one-off notices.
ONE_OFF = {
    # 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日: 9月3日 (Thursday) off, 9月4日
    # swapped with Sunday 9月6日 (worked): one extra weekday net.
    2015: 1,
    # 国办发明电〔2020〕1号 extended the Spring Festival (1月24日–30日 in the first
    # notice) to 2月2日 for COVID-19: Friday 1月31日 became a rest day, and Saturday
    # 2月1日, a make-up day under the first notice, was no longer worked.
    2020: 2,
}


def net_rest_days_by_notice_year(cal: WorkCalendar, first: int, last: int) -> Counter[int]:
    """Mon–Fri rest days minus Sat/Sun working days, by the notice that decided them.

    No national holiday falls in December, so a December rest weekday or worked weekend
    is always part of the next year's New Year swap and counts for that notice.
    """
    net: Counter[int] = Counter()
    for d in days(cal.first_day, cal.last_day):
        notice = d.year + 1 if d.month == 12 else d.year
        if not first <= notice <= last:
            continue
        working = cal.is_working_day(d)
        if d.weekday() < 5 and not working:
            net[notice] += 1
        elif d.weekday() >= 5 and working:
            net[notice] -= 1
    return net


class TestAgainstTheOracles:
    """Every day against chinesecalendar and holidays."""

    def test_differential_against_chinese_calendar_2004_2026(self) -> None:
        disagree = {}
        for d in days(date(2004, 1, 1), date(2026, 12, 31)):
            ours = CAL.is_working_day(d)
            if ours != chinese_calendar.is_workday(d):
                disagree[d] = ours
        assert disagree == ORACLE_EXCEPTIONS

    def test_every_day_matches_holidays_is_working_day(self) -> None:
        import holidays

        for cal in (CAL, china_calendar(provisional=True)):
            data = holidays.China(years=range(2001, cal.last_year + 1), categories=("public",))
            for d in days(cal.first_day, cal.last_day):
                expected = HOLIDAYS_CORRECTIONS.get(d, data.is_working_day(d))
                assert cal.is_working_day(d) == expected, d

    def test_the_corrections_are_where_holidays_differs(self) -> None:
        """Each correction changes a day holidays has the other way (so it is needed)."""
        import holidays

        data = holidays.China(years=[2003], categories=("public",))
        for d, working in HOLIDAYS_CORRECTIONS.items():
            assert data.is_working_day(d) is not working, d


class Test2003MayDay:
    """2003's May Day as the SARS notice of 2003-04-21 left it, on both sides."""

    @pytest.mark.parametrize(
        ("day", "working"),
        [
            (date(2003, 4, 25), True),  # Friday before: worked
            (date(2003, 4, 26), False),  # Saturday: no longer a make-up day
            (date(2003, 4, 27), False),  # Sunday: likewise
            (date(2003, 4, 28), True),  # Monday: worked
            (date(2003, 4, 30), True),  # the day before the holiday
            (date(2003, 5, 1), False),  # 5月1日至3日: statutory
            (date(2003, 5, 2), False),
            (date(2003, 5, 3), False),
            (date(2003, 5, 4), False),  # Sunday, an ordinary rest day
            (date(2003, 5, 5), False),  # Monday: the Saturday of 5月3日 moved here
            (date(2003, 5, 6), True),  # the long holiday cancelled: worked
            (date(2003, 5, 7), True),
            (date(2003, 5, 10), False),  # an ordinary weekend after
        ],
    )
    def test_day(self, day: date, working: bool) -> None:
        assert CAL.is_working_day(day) is working

    def test_a_deadline_across_it(self) -> None:
        """5 working days from Wednesday 2003-04-30: 6, 7, 8, 9 May, then Monday 12 May
        (with the yearly notice's schedule it would have been 14 May)."""
        assert CAL.add_working_days(date(2003, 4, 30), 5) == date(2003, 5, 12)

    def test_the_years_around_keep_their_golden_weeks(self) -> None:
        assert not CAL.is_working_day(date(2002, 5, 7))
        assert not CAL.is_working_day(date(2004, 5, 7))


class TestNotices:
    """The statutory day counts and the notices of the State Council."""

    def test_yearly_statutory_rest_days_net_of_make_up_days(self) -> None:
        net = net_rest_days_by_notice_year(CAL, 2001, CAL.confirmed_through)
        expected = {y: statutory_days(y) + ONE_OFF.get(y, 0) for y in range(2001, 2027)}
        assert {y: net[y] for y in expected} == expected
        # The pinned table, in full, so a change of the rule helper cannot hide a change.
        assert [net[y] for y in range(2001, 2027)] == (
            [10] * 7 + [11] * 7 + [12] + [11] * 4 + [13] + [11] * 4 + [13, 13]
        )

    def test_make_up_days_across_the_year_boundary(self) -> None:
        # Worked Saturdays/Sundays under the next year's New Year notice.
        for d in [
            date(2001, 12, 29),
            date(2001, 12, 30),
            date(2005, 12, 31),
            date(2006, 12, 30),
            date(2006, 12, 31),
            date(2007, 12, 29),
            date(2011, 12, 31),
            date(2018, 12, 29),
        ]:
            assert d.weekday() >= 5
            assert CAL.is_working_day(d), d
        # ... and the weekdays swapped off for them.
        for d in [
            date(2002, 1, 2),
            date(2002, 1, 3),
            date(2006, 1, 3),
            date(2007, 1, 2),
            date(2007, 1, 3),
            date(2007, 12, 31),
            date(2012, 1, 3),
            date(2018, 12, 31),
        ]:
            assert not CAL.is_working_day(d), d

    def test_national_day_2025(self) -> None:
        off = days(date(2025, 10, 1), date(2025, 10, 8))
        assert not any(CAL.is_working_day(d) for d in off)
        assert CAL.is_working_day(date(2025, 9, 28))  # Sunday, worked
        assert CAL.is_working_day(date(2025, 10, 11))  # Saturday, worked
        assert CAL.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
        assert CAL.add_working_days(date(2025, 9, 30), 5) == date(2025, 10, 14)
        assert CAL.add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)
        assert CAL.working_days_between(date(2025, 9, 30), date(2025, 10, 14)) == 5
        assert CAL.add_working_days(date(2025, 10, 9), -1) == date(2025, 9, 30)

    def test_spring_festival_2026(self) -> None:
        assert not any(CAL.is_working_day(d) for d in days(date(2026, 2, 15), date(2026, 2, 23)))
        assert CAL.is_working_day(date(2026, 2, 14))  # Saturday, worked
        assert CAL.is_working_day(date(2026, 2, 28))  # Saturday, worked
        assert CAL.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
        assert CAL.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
        assert CAL.next_working_day(date(2026, 1, 2)) == date(2026, 1, 4)  # a Sunday, worked
        assert CAL.previous_working_day(date(2026, 2, 24)) == date(2026, 2, 14)

    def test_2026_make_up_days_of_the_notice(self) -> None:
        # 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
        for d in [
            date(2026, 1, 4),
            date(2026, 2, 14),
            date(2026, 2, 28),
            date(2026, 5, 9),
            date(2026, 9, 20),
            date(2026, 10, 10),
        ]:
            assert d.weekday() >= 5
            assert CAL.is_working_day(d), d


class TestCoverage:
    """The years ``china_calendar`` covers, confirmed or provisional."""

    def test_day_after_confirmed_through_needs_provisional(self) -> None:
        assert CAL.confirmed_through >= 2026
        assert not CAL.provisional
        later = date(CAL.confirmed_through + 1, 1, 4)
        with pytest.raises(CalendarCoverageError, match=str(later.year)) as info:
            CAL.is_working_day(later)
        assert info.value.year == later.year
        assert info.value.confirmed_through == CAL.confirmed_through
        assert "provisional=True" in str(info.value)
        assert not CAL.covers(later)
        with pytest.raises(CalendarCoverageError, match=str(later.year)):
            CAL.add_working_days(date(CAL.confirmed_through, 12, 31), 1)

        estimated = china_calendar(provisional=True)
        assert estimated.provisional
        assert estimated.confirmed_through == CAL.confirmed_through
        assert estimated.last_year == CAL.confirmed_through + 5
        assert "provisional" in estimated.source
        assert estimated.covers(later)
        assert estimated.is_working_day(later) == (later.weekday() < 5)
        assert estimated.add_working_days(date(CAL.confirmed_through, 12, 31), 1) > date(
            CAL.confirmed_through, 12, 31
        )
        beyond = date(estimated.last_year + 1, 1, 1)
        with pytest.raises(CalendarCoverageError, match=rf"{beyond.year}.*provisional estimates"):
            estimated.is_working_day(beyond)

    def test_day_before_2001_is_not_covered(self) -> None:
        with pytest.raises(CalendarCoverageError, match=r"2000.*starts in 2001"):
            CAL.is_working_day(date(2000, 12, 31))
        with pytest.raises(CalendarCoverageError, match="2000"):
            CAL.add_working_days(date(2001, 1, 2), -1)

    def test_confirmed_through_matches_the_package_notices(self) -> None:
        import holidays
        from holidays.countries.china import China

        doc = China.__doc__ or ""
        year = CAL.confirmed_through
        # holidays cites each year's notice as "* [YYYY](...)"; the last one is ours.
        assert f"* [{year}](" in doc
        assert f"* [{year + 1}](" not in doc
        data = holidays.China(years=[year, year + 1], categories=("public",))
        assert any(d.year == year for d in data.weekend_workdays)
        assert not any(d.year == year + 1 for d in data.weekend_workdays)
        assert holidays.__version__ in CAL.source


class TestLocalAdditions:
    """Local rest and working days on top of the national calendar."""

    def test_local_additions(self) -> None:
        local_holiday = date(2025, 11, 20)  # a Thursday
        duty_saturday = date(2025, 11, 22)
        holiday_worked = date(2025, 10, 2)  # an office on duty during National Day
        cal = china_calendar(
            extra_rest_days=[local_holiday],
            extra_working_days=[duty_saturday, holiday_worked],
        )
        assert CAL.is_working_day(local_holiday)
        assert not cal.is_working_day(local_holiday)
        assert not CAL.is_working_day(duty_saturday)
        assert cal.is_working_day(duty_saturday)
        assert cal.is_working_day(holiday_worked)
        assert cal.add_working_days(date(2025, 11, 19), 1) == date(2025, 11, 21)  # Friday
        assert cal.add_working_days(date(2025, 11, 19), 2) == duty_saturday
        assert cal.add_working_days(date(2025, 9, 30), 1) == holiday_worked
        assert cal != CAL
        assert "local additions" in cal.source
        # Cached: the same arguments give the same object.
        assert (
            china_calendar(
                extra_rest_days=(local_holiday,), extra_working_days={holiday_worked, duty_saturday}
            )
            is cal
        )
        assert china_calendar() is CAL

    def test_local_additions_are_checked(self) -> None:
        with pytest.raises(ValidationError, match="also in extra_rest_days"):
            china_calendar(
                extra_rest_days=[date(2025, 3, 3)], extra_working_days=[date(2025, 3, 3)]
            )
        with pytest.raises(ValidationError, match="outside the years"):
            china_calendar(extra_rest_days=[date(2040, 3, 3)])


class TestImport:
    """Importing the calendar builds nothing."""

    def test_import_does_not_import_holidays_or_build(self) -> None:
        code = (
            "import sys, shequ_core.calendar as c\n"
            "assert 'holidays' not in sys.modules, 'holidays imported'\n"
            "assert 'numpy' not in sys.modules, 'numpy imported'\n"
            "assert c._china._china_calendar.cache_info().currsize == 0\n"
            "c.china_calendar()\n"
            "assert 'holidays' in sys.modules\n"
        )
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
