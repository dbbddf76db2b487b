"""The calendar at its edges: the first and last covered day, its refusals word for word,
equality, hashing and pickling. Written against the mutants mutmut found surviving
(docs/quality.md): each test pins a fact a one-character change would break."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from shequ_core import CalendarCoverageError, ValidationError
from shequ_core.calendar import WorkCalendar

np = pytest.importorskip("numpy", reason="the numpy extra (the test extra installs it)")

D = dt.date
NEW_YEAR_2024 = D(2024, 1, 1)  # a Monday, declared a rest day below
MAKE_UP = D(2024, 2, 4)  # a Sunday worked


def small(**kw: object) -> WorkCalendar:
    args: dict[str, object] = dict(
        first_year=2024, last_year=2024, rest_days=[NEW_YEAR_2024], working_days=[MAKE_UP]
    )
    args.update(kw)
    return WorkCalendar(**args)  # type: ignore[arg-type]


def test_the_first_and_last_day_are_covered_and_no_more() -> None:
    cal = small()
    assert cal.covers(D(2024, 1, 1)) and cal.covers(D(2024, 12, 31))
    assert not cal.covers(D(2023, 12, 31)) and not cal.covers(D(2025, 1, 1))
    assert cal.is_working_day(D(2024, 1, 2))
    assert not cal.is_working_day(NEW_YEAR_2024)
    assert list(cal.working_days_in(D(2024, 1, 1), D(2024, 1, 3))) == [D(2024, 1, 2), D(2024, 1, 3)]
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


def test_stepping_back_from_the_first_day_leaves_the_calendar() -> None:
    cal = small(rest_days=[])
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


def test_equality_hash_pickle_and_repr() -> None:
    cal = small()
    same = small()
    other = small(source="local")
    assert cal == same and hash(cal) == hash(same)
    assert cal != other and hash(cal) != hash(other)
    assert cal != small(rest_days=[])
    assert cal != "2024" and cal.__eq__("2024") is NotImplemented
    back = pickle.loads(
        pickle.dumps(small(last_year=2025, confirmed_through=2024, provisional=True))
    )
    assert (back.first_year, back.last_year, back.confirmed_through) == (2024, 2025, 2024)
    assert back.provisional is True
    assert back == small(last_year=2025, confirmed_through=2024, provisional=True)
    assert pickle.loads(pickle.dumps(other)).source == "local"
    assert repr(cal) == "WorkCalendar(2024–2024, confirmed_through=2024, source='')"
    assert repr(back).endswith("confirmed_through=2024, provisional=True, source='')")


@pytest.mark.parametrize(
    ("kw", "path", "message"),
    [
        ({"first_year": 2025}, "last_year", "the years 2025–2024 are not a valid range"),
        ({"first_year": 0, "last_year": 0, "rest_days": [], "working_days": []},
         "last_year", "the years 0–0 are not a valid range"),
        ({"last_year": 9999}, "last_year", "the years 2024–9999 are not a valid range"),
        ({"confirmed_through": 2025}, "confirmed_through", "2025 is after last_year 2024"),
        ({"confirmed_through": 2023}, "provisional",
         "years after confirmed_through 2023 are estimates: pass provisional=True"),
        ({"rest_days": [D(2023, 12, 31)]}, "rest_days",
         "2023-12-31 is outside the years 2024–2024"),
        ({"working_days": [D(2025, 1, 4)]}, "working_days",
         "2025-01-04 is outside the years 2024–2024"),
        ({"working_days": [NEW_YEAR_2024]}, "working_days",
         "2024-01-01 is also listed as a rest day"),
    ],
)  # fmt: skip
def test_each_refusal_names_its_field(kw: dict[str, object], path: str, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        small(**kw)
    assert [(p.path, p.message) for p in info.value.problems] == [(path, message)]
    assert str(info.value).startswith("invalid working-day calendar: ")


def test_the_widest_ranges_are_accepted() -> None:
    assert WorkCalendar(first_year=1, last_year=1).covers(D(1, 1, 1))
    assert WorkCalendar(first_year=9998, last_year=9998).covers(D(9998, 12, 31))
    assert small(confirmed_through=2023, provisional=True).provisional


def test_many_at_the_edges() -> None:
    cal = small(rest_days=[])
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
        cal.add_working_days_many(np.array(["2024-05-06", "2025-03-01"], dtype="datetime64[D]"), 1)
    assert info.value.year == 2025
    with pytest.raises(CalendarCoverageError) as info:
        cal.add_working_days_many(np.array(["2023-05-06", "2024-03-01"], dtype="datetime64[D]"), 1)
    assert info.value.year == 2023
    with pytest.raises(ValueError, match="NaT"):
        cal.add_working_days_many(np.array(["NaT", "2024-03-01"], dtype="datetime64[D]"), 1)
    with pytest.raises(TypeError, match="integer"):
        cal.add_working_days_many(days, 1.5)
