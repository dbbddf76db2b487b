"""WorkCalendar on its own: construction, coverage, immutability, working-day
arithmetic and the numpy path.

Its edges are pinned word for word and day for day (the first and last covered day,
each refusal, equality, hashing, pickling), so that a one-character change (a mutant
mutmut would make, docs/quality.md) cannot pass; and its arithmetic obeys the laws of
a naive day-by-day reference over the national calendar.
"""

from __future__ import annotations

import datetime as dt
import pickle
import sys
from datetime import date, timedelta

import attrs
import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.calendar import CalendarCoverageError, WorkCalendar, china_calendar
from shequ_core.errors import ValidationError
from tests.builders import calendar_2024

np = pytest.importorskip("numpy", reason="the numpy extra (the test extra installs it)")
D = dt.date


def days(*isos: str) -> np.ndarray:
    return np.array(isos, dtype="datetime64[D]")


NEW_YEAR_2024 = D(2024, 1, 1)  # a Monday, declared a rest day below
MAKE_UP = D(2024, 2, 4)  # a Sunday worked


def small_without_source(**kw: object) -> WorkCalendar:
    args: dict[str, object] = dict(
        first_year=2024, last_year=2024, rest_days=[NEW_YEAR_2024], working_days=[MAKE_UP]
    )
    args.update(kw)
    return WorkCalendar(**args)  # type: ignore[arg-type]


CAL = china_calendar()
FIRST, LAST = CAL.first_day, CAL.last_day


# The reference reads the package directly, not our index.
_DATA = holidays.China(years=range(CAL.first_year, CAL.last_year + 1), categories=("public",))


def ref_is_working(d: date) -> bool:
    if d.weekday() >= 5:
        return d in _DATA.weekend_workdays
    return d not in _DATA


def ref_add(d: date, n: int) -> date | None:
    """Step day by day; None when the walk leaves the covered years."""
    step = timedelta(1 if n > 0 else -1)
    left = abs(n)
    while left:
        d += step
        if not FIRST <= d <= LAST:
            return None
        left -= ref_is_working(d)
    return d


def ref_between(a: date, b: date) -> int:
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    return sign * sum(ref_is_working(a + timedelta(i)) for i in range(1, (b - a).days + 1))


covered = st.dates(min_value=FIRST, max_value=LAST)


# Starts at least a year inside, so |n| <= 250 stays covered.
inner = st.dates(min_value=date(FIRST.year + 1, 1, 1), max_value=date(LAST.year - 1, 12, 31))
steps = st.integers(min_value=-250, max_value=250)


class TestConstruction:
    """A calendar is built from its years, rest days and working days, or refused."""

    def test_weekends_rest_days_and_make_up_days(self) -> None:
        cal = calendar_2024()
        assert not cal.is_working_day(date(2024, 1, 1))  # rest Monday
        assert cal.is_working_day(date(2024, 1, 2))
        assert cal.is_working_day(date(2024, 1, 6))  # worked Saturday
        assert not cal.is_working_day(date(2024, 1, 7))
        assert cal.add_working_days(date(2023 + 1, 1, 5), 1) == date(2024, 1, 6)
        assert cal.add_working_days(date(2024, 1, 1), 0) == date(2024, 1, 1)
        assert cal.add_working_days(date(2024, 1, 7), 0) == date(2024, 1, 7)
        assert cal.working_days_between(date(2024, 1, 1), date(2024, 1, 8)) == 6
        assert cal.working_days_between(date(2024, 1, 8), date(2024, 1, 1)) == -6
        assert cal.working_days_between(date(2024, 1, 8), date(2024, 1, 8)) == 0
        assert list(cal.working_days_in(date(2024, 1, 5), date(2024, 1, 8))) == [
            date(2024, 1, 5),
            date(2024, 1, 6),
            date(2024, 1, 8),
        ]
        assert list(cal.working_days_in(date(2024, 1, 8), date(2024, 1, 5))) == []

    def test_a_weekend_rest_day_listed_or_not_is_the_same_calendar(self) -> None:
        # Saturdays and Sundays are rest days anyway: listing one changes no day.
        plain = WorkCalendar(first_year=2024, last_year=2024)
        for weekend in (D(2024, 1, 6), D(2024, 1, 7)):  # a Saturday, a Sunday
            listed = WorkCalendar(first_year=2024, last_year=2024, rest_days=[weekend])
            assert listed == plain and hash(listed) == hash(plain)
        # A weekday rest day does change the calendar.
        assert WorkCalendar(first_year=2024, last_year=2024, rest_days=[D(2024, 1, 5)]) != plain

    def test_invalid_construction(self) -> None:
        with pytest.raises(ValidationError, match="outside the years"):
            calendar_2024(rest_days=[date(2025, 1, 1)])
        with pytest.raises(ValidationError, match="also listed as a rest day"):
            calendar_2024(working_days=[date(2024, 1, 1)])
        with pytest.raises(ValidationError, match="provisional=True"):
            calendar_2024(last_year=2025, confirmed_through=2024)
        with pytest.raises(ValidationError, match="after last_year"):
            calendar_2024(confirmed_through=2025)
        with pytest.raises(ValidationError, match="not a valid range"):
            calendar_2024(first_year=2025)
        estimated = calendar_2024(last_year=2025, confirmed_through=2024, provisional=True)
        assert estimated.provisional
        assert estimated.covers(date(2025, 6, 1))

    @pytest.mark.parametrize(
        ("kw", "path", "message", "code"),
        [
            ({"first_year": 2025}, "last_year", "the years 2025–2024 are not a valid range",
             "invalid_argument"),
            ({"first_year": 0, "last_year": 0, "rest_days": [], "working_days": []},
             "last_year", "the years 0–0 are not a valid range", "invalid_argument"),
            ({"last_year": 9999}, "last_year", "the years 2024–9999 are not a valid range",
             "invalid_argument"),
            ({"confirmed_through": 2025}, "confirmed_through", "2025 is after last_year 2024",
             "invalid_argument"),
            ({"confirmed_through": 2023}, "provisional",
             "years after confirmed_through 2023 are estimates: pass provisional=True",
             "invalid_argument"),
            ({"rest_days": [D(2023, 12, 31)]}, "rest_days",
             "2023-12-31 is outside the years 2024–2024", "out_of_range"),
            ({"working_days": [D(2025, 1, 4)]}, "working_days",
             "2025-01-04 is outside the years 2024–2024", "out_of_range"),
            ({"working_days": [NEW_YEAR_2024]}, "working_days",
             "2024-01-01 is also listed as a rest day", "invalid_argument"),
        ],
    )  # fmt: skip
    def test_each_refusal_names_its_field(
        self, kw: dict[str, object], path: str, message: str, code: str
    ) -> None:
        """Each refusal names its field, says why, and carries its stable code."""
        with pytest.raises(ValidationError) as info:
            small_without_source(**kw)
        found = [(p.path, p.message, p.code) for p in info.value.problems]
        assert found == [(path, message, code)]
        assert str(info.value).startswith("invalid working-day calendar: ")

    def test_the_widest_ranges_are_accepted(self) -> None:
        assert WorkCalendar(first_year=1, last_year=1).covers(D(1, 1, 1))
        assert WorkCalendar(first_year=9998, last_year=9998).covers(D(9998, 12, 31))
        assert small_without_source(confirmed_through=2023, provisional=True).provisional


class TestValueSemantics:
    """Immutable, equal by value, hashable, picklable."""

    def test_immutable_equal_hashable_picklable(self) -> None:
        cal = calendar_2024()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cal.provisional = True  # type: ignore[misc]
        with pytest.raises(AttributeError):
            del cal.source  # type: ignore[misc]
        assert cal == calendar_2024()
        assert hash(cal) == hash(calendar_2024())
        assert cal != calendar_2024(working_days=())
        # A weekend "rest day" changes nothing, so the calendars are equal.
        assert calendar_2024(rest_days=[date(2024, 1, 1), date(2024, 1, 7)]) == cal
        clone = pickle.loads(pickle.dumps(cal))
        assert clone == cal
        assert clone.add_working_days(date(2024, 1, 5), 1) == date(2024, 1, 6)
        assert "2024" in repr(cal)

    def test_equality_hash_pickle_and_repr(self) -> None:
        cal = small_without_source()
        same = small_without_source()
        other = small_without_source(source="local")
        assert cal == same and hash(cal) == hash(same)
        assert cal != other and hash(cal) != hash(other)
        assert cal != small_without_source(rest_days=[])
        assert cal != "2024" and cal.__eq__("2024") is NotImplemented
        back = pickle.loads(
            pickle.dumps(
                small_without_source(last_year=2025, confirmed_through=2024, provisional=True)
            )
        )
        assert (back.first_year, back.last_year, back.confirmed_through) == (2024, 2025, 2024)
        assert back.provisional is True
        assert back == small_without_source(
            last_year=2025, confirmed_through=2024, provisional=True
        )
        assert pickle.loads(pickle.dumps(other)).source == "local"
        assert repr(cal) == "WorkCalendar(2024–2024, confirmed_through=2024, source='')"
        assert repr(back).endswith("confirmed_through=2024, provisional=True, source='')")


class TestCoverage:
    """The first and last covered day, and no more."""

    def test_first_and_last_day_edges(self) -> None:
        cal = calendar_2024()
        assert cal.first_day == date(2024, 1, 1)
        assert cal.last_day == date(2024, 12, 31)
        assert cal.add_working_days(date(2024, 1, 1), 1) == date(2024, 1, 2)
        with pytest.raises(CalendarCoverageError, match="2023"):
            cal.add_working_days(date(2024, 1, 2), -1)
        assert cal.add_working_days(date(2024, 12, 30), 1) == date(2024, 12, 31)
        with pytest.raises(CalendarCoverageError, match="2025"):
            cal.add_working_days(date(2024, 12, 31), 1)
        with pytest.raises(CalendarCoverageError, match="2025"):
            cal.working_days_between(date(2024, 6, 1), date(2025, 1, 1))
        with pytest.raises(CalendarCoverageError, match="2023"):
            cal.working_days_between(date(2023, 12, 31), date(2024, 6, 1))
        with pytest.raises(CalendarCoverageError, match="2023"):
            cal.add_working_days(date(2023, 12, 31), 0)
        with pytest.raises(CalendarCoverageError):
            list(cal.working_days_in(date(2024, 1, 1), date(2025, 1, 1)))
        assert cal.covers(date(2024, 12, 31))
        assert not cal.covers(date(2025, 1, 1))
        assert not cal.covers(date(1, 1, 1))

    def test_the_first_and_last_day_are_covered_and_no_more(self) -> None:
        cal = small_without_source()
        assert cal.covers(D(2024, 1, 1)) and cal.covers(D(2024, 12, 31))
        assert not cal.covers(D(2023, 12, 31)) and not cal.covers(D(2025, 1, 1))
        assert cal.is_working_day(D(2024, 1, 2))
        assert not cal.is_working_day(NEW_YEAR_2024)
        assert list(cal.working_days_in(D(2024, 1, 1), D(2024, 1, 3))) == [
            D(2024, 1, 2),
            D(2024, 1, 3),
        ]
        assert list(cal.working_days_in(D(2024, 1, 2), D(2024, 1, 2))) == [D(2024, 1, 2)]
        assert (
            cal.working_days_between(D(2024, 1, 1), D(2024, 12, 31)) == 262 - 1 + 1
        )  # weekdays, less 1 January, plus the make-up Sunday
        for outside in (D(2023, 12, 31), D(2025, 1, 1)):
            with pytest.raises(CalendarCoverageError) as info:
                cal.working_days_between(D(2024, 6, 3), outside)
            assert info.value.year == outside.year
            with pytest.raises(CalendarCoverageError):
                cal.working_days_between(outside, D(2024, 6, 3))
            with pytest.raises(CalendarCoverageError):
                list(cal.working_days_in(outside, outside))

    def test_stepping_back_from_the_first_day_leaves_the_calendar(self) -> None:
        cal = small_without_source(rest_days=[])
        assert cal.add_working_days(D(2024, 1, 1), 0) == D(2024, 1, 1)
        assert cal.add_working_days(D(2024, 1, 1), 1) == D(2024, 1, 2)
        assert cal.add_working_days(D(2024, 1, 2), -1) == D(2024, 1, 1)
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days(D(2024, 1, 1), -1)
        assert (info.value.year, info.value.first_year, info.value.covered_through) == (
            2023,
            2024,
            2024,
        )
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days(D(2024, 12, 31), 1)
        assert info.value.year == 2025
        assert info.value.confirmed_through == 2024

    def test_the_day_after_the_last_is_uncovered_even_for_zero_steps(self) -> None:
        cal = WorkCalendar(first_year=2024, last_year=2024)
        assert cal.add_working_days(D(2024, 12, 31), 0) == D(2024, 12, 31)
        for n in (0, 1, -1):
            with pytest.raises(CalendarCoverageError) as info:
                cal.add_working_days(D(2025, 1, 1), n)
            assert info.value.year == 2025

    def test_zero_steps_never_leave_the_calendar(self) -> None:
        # 2022 ends on a Saturday: no working day follows it inside the calendar, yet
        # zero steps return it, in an array of steps as for a scalar.
        cal = WorkCalendar(first_year=2022, last_year=2022)
        given = days("2022-12-31", "2022-12-30")
        assert list(cal.add_working_days_many(given, [0, 0])) == list(given)
        assert list(cal.add_working_days_many(given, [0, -1])) == list(
            days("2022-12-31", "2022-12-29")
        )
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


class TestAddWorkingDays:
    """``add_working_days``, against a day-by-day reference."""

    @given(covered, st.integers(min_value=-400, max_value=400))
    def test_add_agrees_with_day_by_day_reference(self, d: date, n: int) -> None:
        expected = ref_add(d, n) if n else d
        if expected is None:
            with pytest.raises(CalendarCoverageError):
                CAL.add_working_days(d, n)
        else:
            assert CAL.add_working_days(d, n) == expected

    @given(inner, steps, steps)
    def test_add_is_strictly_increasing_in_n(self, d: date, n: int, m: int) -> None:
        if n < m:
            assert CAL.add_working_days(d, n) < CAL.add_working_days(d, m)

    @given(inner, steps.filter(bool))
    def test_add_then_subtract(self, d: date, n: int) -> None:
        back = CAL.add_working_days(CAL.add_working_days(d, n), -n)
        if CAL.is_working_day(d):
            assert back == d
        elif n > 0:  # lands on the last working day before d
            assert back == CAL.previous_working_day(d)
        else:
            assert back == CAL.next_working_day(d)

    @given(inner, steps.filter(bool))
    def test_results_of_nonzero_steps_are_working_days(self, d: date, n: int) -> None:
        r = CAL.add_working_days(d, n)
        assert CAL.is_working_day(r)
        assert (r > d) == (n > 0)


class TestWorkingDaysBetween:
    """``working_days_between`` and ``working_days_in``."""

    @given(inner, inner)
    def test_between_agrees_with_reference_and_is_antisymmetric(self, a: date, b: date) -> None:
        b = min(b, a + timedelta(400))
        assert CAL.working_days_between(a, b) == ref_between(a, b)
        assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)

    @given(inner, st.integers(min_value=0, max_value=250))
    def test_between_inverts_add(self, a: date, n: int) -> None:
        assert CAL.working_days_between(a, CAL.add_working_days(a, n)) == n

    @given(inner, inner)
    def test_working_days_in_matches_is_working_day(self, a: date, b: date) -> None:
        b = min(b, a + timedelta(60))
        got = list(CAL.working_days_in(a, b))
        want = [
            a + timedelta(i)
            for i in range((b - a).days + 1)
            if CAL.is_working_day(a + timedelta(i))
        ]
        assert got == want


class TestAddWorkingDaysMany:
    """``add_working_days_many``: the numpy path agrees with the scalar one."""

    def test_many_edge_cases(self) -> None:
        cal = calendar_2024()
        empty = cal.add_working_days_many([], 3)
        assert empty.shape == (0,)
        assert empty.dtype == np.dtype("datetime64[D]")
        grid = np.array([["2024-01-05", "2024-01-01"]], dtype="datetime64[D]")
        out = cal.add_working_days_many(grid, [[1, 0]])
        assert out.tolist() == [[date(2024, 1, 6), date(2024, 1, 1)]]
        assert cal.add_working_days_many(grid, 0).tolist() == grid.tolist()
        with pytest.raises(CalendarCoverageError, match="2025"):
            cal.add_working_days_many(["2024-06-03", "2025-01-02"], 1)
        with pytest.raises(CalendarCoverageError, match="2025"):
            cal.add_working_days_many(["2024-12-31"], 1)
        with pytest.raises(CalendarCoverageError, match="2023"):
            cal.add_working_days_many(["2024-06-03", "2024-01-02"], [1, -1])
        with pytest.raises(ValidationError, match="integer"):
            cal.add_working_days_many(["2024-06-03"], 1.5)
        with pytest.raises(ValueError, match="NaT"):
            cal.add_working_days_many(np.array(["NaT"], dtype="datetime64[D]"), 1)

    def test_many_without_numpy(self, monkeypatch: pytest.MonkeyPatch) -> None:
        cal = calendar_2024()
        monkeypatch.setitem(sys.modules, "numpy", None)
        with pytest.raises(ImportError, match=r"shequ-core\[numpy\]"):
            cal.add_working_days_many([date(2024, 1, 5)], 1)

    def test_many_at_the_edges(self) -> None:
        cal = small_without_source(rest_days=[])
        days = np.array(["2024-01-01", "2024-01-02"], dtype="datetime64[D]")
        assert list(cal.add_working_days_many(days, 0)) == list(days)
        assert cal.add_working_days_many(days, 0) is not days
        assert list(cal.add_working_days_many(days, [0, -1])) == list(
            np.array(["2024-01-01", "2024-01-01"], dtype="datetime64[D]")
        )
        assert list(cal.add_working_days_many(days, [1, 0])) == list(
            np.array(["2024-01-02", "2024-01-02"], dtype="datetime64[D]")
        )
        empty = np.array([], dtype="datetime64[D]")
        assert cal.add_working_days_many(empty, 3).size == 0
        assert cal.add_working_days_many(empty, np.array([], dtype=np.int64)).size == 0
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days_many(days, -1)
        assert info.value.year == 2023
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days_many(np.array(["2024-12-31"], dtype="datetime64[D]"), [1])
        assert info.value.year == 2025
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days_many(
                np.array(["2024-05-06", "2025-03-01"], dtype="datetime64[D]"), 1
            )
        assert info.value.year == 2025
        with pytest.raises(CalendarCoverageError) as info:
            cal.add_working_days_many(
                np.array(["2023-05-06", "2024-03-01"], dtype="datetime64[D]"), 1
            )
        assert info.value.year == 2023
        with pytest.raises(ValueError, match="NaT"):
            cal.add_working_days_many(np.array(["NaT", "2024-03-01"], dtype="datetime64[D]"), 1)
        with pytest.raises(ValidationError, match="integer"):
            cal.add_working_days_many(days, 1.5)

    def test_many_names_the_first_uncovered_day_not_the_first_day(self) -> None:
        cal = WorkCalendar(first_year=2024, last_year=2024)
        for asked in (
            days("2024-01-01", "2025-01-01"),  # the first covered day, one past the end
            days("2024-12-31", "2025-01-01"),
            days("2025-01-01"),
        ):
            with pytest.raises(CalendarCoverageError) as info:
                cal.add_working_days_many(asked, 1)
            assert info.value.year == 2025, asked
            with pytest.raises(CalendarCoverageError) as info:
                cal.add_working_days_many(asked, np.zeros(asked.shape, dtype=np.int64))
            assert info.value.year == 2025, asked

    def test_one_working_day_from_a_rest_day_in_an_array_matches_the_scalar(self) -> None:
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

    def test_nat_and_missing_numpy_are_refused_word_for_word(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        cal = WorkCalendar(first_year=2024, last_year=2024)
        with pytest.raises(ValueError, match=r"^dates contains NaT \(not a time\)$"):
            cal.add_working_days_many(days("2024-03-01", "NaT"), 1)
        monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy now raises ImportError
        with pytest.raises(ImportError) as info:
            cal.add_working_days_many(["2024-03-01"], 1)
        assert (
            str(info.value) == "add_working_days_many needs numpy: pip install 'shequ-core[numpy]'"
        )

    @given(st.lists(inner, max_size=30), steps)
    def test_many_equals_scalar_with_scalar_n(self, ds: list[date], n: int) -> None:
        got = CAL.add_working_days_many(ds, n)
        assert got.dtype == np.dtype("datetime64[D]")
        assert [x.item() for x in got] == [CAL.add_working_days(d, n) for d in ds]
        as_array = CAL.add_working_days_many(np.array(ds, dtype="datetime64[D]"), n)
        assert (as_array == got).all()

    @given(st.lists(st.tuples(inner, steps), max_size=30))
    def test_many_equals_scalar_with_array_n(self, pairs: list[tuple[date, int]]) -> None:
        ds = [d for d, _ in pairs]
        ns = [n for _, n in pairs]
        got = CAL.add_working_days_many(ds, ns)
        assert [x.item() for x in got] == [CAL.add_working_days(d, n) for d, n in pairs]

    @given(inner, st.lists(steps, min_size=1, max_size=10))
    def test_many_broadcasts_one_date_against_many_steps(self, d: date, ns: list[int]) -> None:
        got = CAL.add_working_days_many(np.array([d], dtype="datetime64[D]"), ns)
        assert [x.item() for x in got] == [CAL.add_working_days(d, n) for n in ns]

    @given(st.lists(covered, min_size=1, max_size=10), st.integers(min_value=-400, max_value=400))
    def test_many_raises_exactly_when_a_scalar_would(self, ds: list[date], n: int) -> None:
        try:
            want = [CAL.add_working_days(d, n) for d in ds]
        except CalendarCoverageError:
            with pytest.raises(CalendarCoverageError):
                CAL.add_working_days_many(ds, n)
        else:
            assert [x.item() for x in CAL.add_working_days_many(ds, n)] == want
