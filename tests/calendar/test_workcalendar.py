"""WorkCalendar on its own: construction, coverage, immutability, the numpy path."""

from __future__ import annotations

import pickle
import sys
from datetime import date

import attrs
import pytest

from shequ_core.calendar import CalendarCoverageError, WorkCalendar
from shequ_core.errors import ShequError, ValidationError

np = pytest.importorskip("numpy", reason="the numpy extra (the test extra installs it)")


def small(**kw: object) -> WorkCalendar:
    # 2024: Mon 2024-01-01 off, Sat 2024-01-06 worked.
    args: dict[str, object] = {
        "first_year": 2024,
        "last_year": 2024,
        "rest_days": [date(2024, 1, 1)],
        "working_days": [date(2024, 1, 6)],
        "source": "test",
    }
    args.update(kw)
    return WorkCalendar(**args)  # type: ignore[arg-type]


def test_weekends_rest_days_and_make_up_days() -> None:
    cal = small()
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


def test_first_and_last_day_edges() -> None:
    cal = small()
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


def test_coverage_error_is_a_lookup_error_and_pickles() -> None:
    cal = small()
    with pytest.raises(LookupError) as info:
        cal.is_working_day(date(2030, 5, 1))
    err = info.value
    assert isinstance(err, CalendarCoverageError)
    assert isinstance(err, ShequError)
    assert err.year == 2030
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err)
    assert again.year == 2030
    assert again.first_year == 2024


def test_immutable_equal_hashable_picklable() -> None:
    cal = small()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cal.provisional = True  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del cal.source  # type: ignore[misc]
    assert cal == small()
    assert hash(cal) == hash(small())
    assert cal != small(working_days=())
    # A weekend "rest day" changes nothing, so the calendars are equal.
    assert small(rest_days=[date(2024, 1, 1), date(2024, 1, 7)]) == cal
    clone = pickle.loads(pickle.dumps(cal))
    assert clone == cal
    assert clone.add_working_days(date(2024, 1, 5), 1) == date(2024, 1, 6)
    assert "2024" in repr(cal)


def test_invalid_construction() -> None:
    with pytest.raises(ValidationError, match="outside the years"):
        small(rest_days=[date(2025, 1, 1)])
    with pytest.raises(ValidationError, match="also listed as a rest day"):
        small(working_days=[date(2024, 1, 1)])
    with pytest.raises(ValidationError, match="provisional=True"):
        small(last_year=2025, confirmed_through=2024)
    with pytest.raises(ValidationError, match="after last_year"):
        small(confirmed_through=2025)
    with pytest.raises(ValidationError, match="not a valid range"):
        small(first_year=2025)
    estimated = small(last_year=2025, confirmed_through=2024, provisional=True)
    assert estimated.provisional
    assert estimated.covers(date(2025, 6, 1))


def test_many_edge_cases() -> None:
    cal = small()
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
    with pytest.raises(TypeError, match="integer"):
        cal.add_working_days_many(["2024-06-03"], 1.5)
    with pytest.raises(ValueError, match="NaT"):
        cal.add_working_days_many(np.array(["NaT"], dtype="datetime64[D]"), 1)


def test_many_without_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    cal = small()
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(ImportError, match=r"shequ-core\[numpy\]"):
        cal.add_working_days_many([date(2024, 1, 5)], 1)
