"""The calendar's last surviving behavioural mutants, each pinned by a fact it would break.

``tests/calendar/test_calendar_mutants.py`` left these (docs/quality.md): the day one
past the end, which uncovered day an error names, stepping one working day from a rest
day in the vectorised path, ``n == 0`` on the calendar's edges, and equality of
calendars that list a weekend rest day or not. 2022 ends on a Saturday; 2024 is a leap
year whose 31 December is a Tuesday.
"""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from shequ_core import CalendarCoverageError
from shequ_core.calendar import WorkCalendar

np = pytest.importorskip("numpy", reason="the numpy extra (the test extra installs it)")

D = dt.date


def days(*isos: str) -> np.ndarray:
    return np.array(isos, dtype="datetime64[D]")


def test_a_weekend_rest_day_listed_or_not_is_the_same_calendar() -> None:
    # Saturdays and Sundays are rest days anyway: listing one changes no day.
    plain = WorkCalendar(first_year=2024, last_year=2024)
    for weekend in (D(2024, 1, 6), D(2024, 1, 7)):  # a Saturday, a Sunday
        listed = WorkCalendar(first_year=2024, last_year=2024, rest_days=[weekend])
        assert listed == plain and hash(listed) == hash(plain)
    # A weekday rest day does change the calendar.
    assert WorkCalendar(first_year=2024, last_year=2024, rest_days=[D(2024, 1, 5)]) != plain


def test_the_day_after_the_last_is_uncovered_even_for_zero_steps() -> None:
    cal = WorkCalendar(first_year=2024, last_year=2024)
    assert cal.add_working_days(D(2024, 12, 31), 0) == D(2024, 12, 31)
    for n in (0, 1, -1):
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days(D(2025, 1, 1), n)
        assert info.value.year == 2025


def test_many_names_the_first_uncovered_day_not_the_first_day() -> None:
    cal = WorkCalendar(first_year=2024, last_year=2024)
    for given in (
        days("2024-01-01", "2025-01-01"),  # the first covered day, one past the end
        days("2024-12-31", "2025-01-01"),
        days("2025-01-01"),
    ):
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days_many(given, 1)
        assert info.value.year == 2025, given
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days_many(given, np.zeros(given.shape, dtype=np.int64))
        assert info.value.year == 2025, given


def test_one_working_day_from_a_rest_day_in_an_array_matches_the_scalar() -> None:
    cal = WorkCalendar(first_year=2024, last_year=2024)
    sat, sun, mon = "2024-06-08", "2024-06-09", "2024-06-10"
    expected = [cal.add_working_days(D.fromisoformat(d), 1) for d in (sat, sun, mon)]
    assert expected == [D(2024, 6, 10), D(2024, 6, 10), D(2024, 6, 11)]
    as_dates = lambda a: [x.astype(dt.date) for x in a]  # noqa: E731
    assert as_dates(cal.add_working_days_many(days(sat, sun, mon), 1)) == expected
    assert as_dates(cal.add_working_days_many(days(sat, sun, mon), [1, 1, 1])) == expected
    assert as_dates(cal.add_working_days_many(days(sat, sat), [1, 2])) == [
        D(2024, 6, 10),
        D(2024, 6, 11),
    ]


def test_zero_steps_never_leave_the_calendar() -> None:
    # 2022 ends on a Saturday: no working day follows it inside the calendar, yet
    # zero steps return it, in an array of steps as for a scalar.
    cal = WorkCalendar(first_year=2022, last_year=2022)
    given = days("2022-12-31", "2022-12-30")
    assert list(cal.add_working_days_many(given, [0, 0])) == list(given)
    assert list(cal.add_working_days_many(given, [0, -1])) == list(days("2022-12-31", "2022-12-29"))
    # A calendar with a single working day: zero steps still stay where they are.
    only = D(2024, 3, 4)
    rest = [
        D(2024, 1, 1) + dt.timedelta(days=i)
        for i in range(366)
        if (D(2024, 1, 1) + dt.timedelta(days=i)).weekday() < 5
        and D(2024, 1, 1) + dt.timedelta(days=i) != only
    ]
    lone = WorkCalendar(first_year=2024, last_year=2024, rest_days=rest)
    assert lone.working_days_between(D(2024, 1, 1), D(2024, 12, 31)) == 1
    assert list(lone.add_working_days_many(days("2024-03-04", "2024-07-01"), [0, 0])) == list(
        days("2024-03-04", "2024-07-01")
    )
    assert lone.add_working_days_many(days("2024-01-01"), [1])[0] == np.datetime64("2024-03-04")


def test_nat_and_missing_numpy_are_refused_word_for_word(monkeypatch: pytest.MonkeyPatch) -> None:
    cal = WorkCalendar(first_year=2024, last_year=2024)
    with pytest.raises(ValueError, match=r"^dates contains NaT \(not a time\)$"):
        cal.add_working_days_many(days("2024-03-01", "NaT"), 1)
    monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy now raises ImportError
    with pytest.raises(ImportError) as info:
        cal.add_working_days_many(["2024-03-01"], 1)
    assert str(info.value) == "add_working_days_many needs numpy: pip install 'shequ-core[numpy]'"
