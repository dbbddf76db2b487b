"""Laws of working-day arithmetic, against a naive day-by-day reference."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.calendar import CalendarCoverageError, china_calendar

np = pytest.importorskip("numpy", reason="the numpy extra (the test extra installs it)")

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


@given(covered, st.integers(min_value=-400, max_value=400))
def test_add_agrees_with_day_by_day_reference(d: date, n: int) -> None:
    expected = ref_add(d, n) if n else d
    if expected is None:
        with pytest.raises(CalendarCoverageError):
            CAL.add_working_days(d, n)
    else:
        assert CAL.add_working_days(d, n) == expected


@given(inner, inner)
def test_between_agrees_with_reference_and_is_antisymmetric(a: date, b: date) -> None:
    b = min(b, a + timedelta(400))
    assert CAL.working_days_between(a, b) == ref_between(a, b)
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)


@given(inner, st.integers(min_value=0, max_value=250))
def test_between_inverts_add(a: date, n: int) -> None:
    assert CAL.working_days_between(a, CAL.add_working_days(a, n)) == n


@given(inner, steps, steps)
def test_add_is_strictly_increasing_in_n(d: date, n: int, m: int) -> None:
    if n < m:
        assert CAL.add_working_days(d, n) < CAL.add_working_days(d, m)


@given(inner, steps.filter(bool))
def test_add_then_subtract(d: date, n: int) -> None:
    back = CAL.add_working_days(CAL.add_working_days(d, n), -n)
    if CAL.is_working_day(d):
        assert back == d
    elif n > 0:  # lands on the last working day before d
        assert back == CAL.previous_working_day(d)
    else:
        assert back == CAL.next_working_day(d)


@given(inner, steps.filter(bool))
def test_results_of_nonzero_steps_are_working_days(d: date, n: int) -> None:
    r = CAL.add_working_days(d, n)
    assert CAL.is_working_day(r)
    assert (r > d) == (n > 0)


@given(inner, inner)
def test_working_days_in_matches_is_working_day(a: date, b: date) -> None:
    b = min(b, a + timedelta(60))
    got = list(CAL.working_days_in(a, b))
    want = [
        a + timedelta(i) for i in range((b - a).days + 1) if CAL.is_working_day(a + timedelta(i))
    ]
    assert got == want


@given(st.lists(inner, max_size=30), steps)
def test_many_equals_scalar_with_scalar_n(ds: list[date], n: int) -> None:
    got = CAL.add_working_days_many(ds, n)
    assert got.dtype == np.dtype("datetime64[D]")
    assert [x.item() for x in got] == [CAL.add_working_days(d, n) for d in ds]
    as_array = CAL.add_working_days_many(np.array(ds, dtype="datetime64[D]"), n)
    assert (as_array == got).all()


@given(st.lists(st.tuples(inner, steps), max_size=30))
def test_many_equals_scalar_with_array_n(pairs: list[tuple[date, int]]) -> None:
    ds = [d for d, _ in pairs]
    ns = [n for _, n in pairs]
    got = CAL.add_working_days_many(ds, ns)
    assert [x.item() for x in got] == [CAL.add_working_days(d, n) for d, n in pairs]


@given(inner, st.lists(steps, min_size=1, max_size=10))
def test_many_broadcasts_one_date_against_many_steps(d: date, ns: list[int]) -> None:
    got = CAL.add_working_days_many(np.array([d], dtype="datetime64[D]"), ns)
    assert [x.item() for x in got] == [CAL.add_working_days(d, n) for n in ns]


@given(st.lists(covered, min_size=1, max_size=10), st.integers(min_value=-400, max_value=400))
def test_many_raises_exactly_when_a_scalar_would(ds: list[date], n: int) -> None:
    try:
        want = [CAL.add_working_days(d, n) for d in ds]
    except CalendarCoverageError:
        with pytest.raises(CalendarCoverageError):
            CAL.add_working_days_many(ds, n)
    else:
        assert [x.item() for x in CAL.add_working_days_many(ds, n)] == want
