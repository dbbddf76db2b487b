"""A working-day calendar with constant-time arithmetic on a precomputed index.

The calendar covers whole years ``first_year``..``last_year``. It holds, per day of that
range, how many working days there are up to and including it (a prefix count), and the
sorted list of working days. Counting working days between two dates is a subtraction of
two prefix counts; the n-th working day after a date is one index into the sorted list.
Both cost the same for n = 1 and n = 250, and no query walks day by day.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any, NoReturn

from attrs.exceptions import FrozenInstanceError

from shequ_core.errors import CalendarCoverageError, Problem, ValidationError

__all__ = ["WorkCalendar"]

# Days from 0001-01-01 (ordinal 1) to 1970-01-01 (numpy's datetime64 epoch).
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAY = timedelta(days=1)


class WorkCalendar:
    """Working days over a range of whole years, with O(1) arithmetic.

    A day is a working day when it is Monday to Friday and not in ``rest_days``, or it is
    a Saturday or Sunday listed in ``working_days`` (a make-up day, 调休). The calendar
    is immutable; every query is a few list look-ups.

    Days outside ``first_year``..``last_year`` raise :class:`CalendarCoverageError`
    naming the year, from every method, including when an answer would fall outside.
    ``confirmed_through`` is the last year backed by an official notice; a calendar with
    ``last_year > confirmed_through`` must be marked ``provisional``.

    Most users get one from :func:`shequ_core.calendar.china_calendar`.
    """

    __slots__ = (
        "_base",
        "_cnt_le",
        "_flags",
        "_key",
        "_ndays",
        "_np_cache",
        "_nwork",
        "_work_dates",
        "confirmed_through",
        "first_year",
        "last_year",
        "provisional",
        "source",
    )

    first_year: int
    last_year: int
    confirmed_through: int
    provisional: bool
    source: str
    _base: int
    _ndays: int
    _nwork: int
    _cnt_le: list[int]
    _flags: list[bool]
    _work_dates: list[date]
    _key: tuple[int, int, int, bool, str, tuple[date, ...], tuple[date, ...]]
    _np_cache: tuple[Any, Any] | None

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        rest_days: Iterable[date] = (),
        working_days: Iterable[date] = (),
        confirmed_through: int | None = None,
        provisional: bool = False,
        source: str = "",
    ) -> None:
        confirmed = last_year if confirmed_through is None else confirmed_through
        rest = frozenset(rest_days)
        work = frozenset(working_days)
        problems = list(_check_args(first_year, last_year, confirmed, provisional, rest, work))
        if problems:
            raise ValidationError(problems, subject="working-day calendar")

        base = date(first_year, 1, 1).toordinal()
        ndays = date(last_year, 12, 31).toordinal() - base + 1
        rest_idx = {d.toordinal() - base for d in rest}
        work_idx = {d.toordinal() - base for d in work}
        # 0001-01-01 is a Monday, so (ordinal - 1) % 7 is the weekday (Monday = 0).
        wd0 = (base - 1) % 7
        flags = [
            (i in work_idx) if (wd0 + i) % 7 >= 5 else (i not in rest_idx) for i in range(ndays)
        ]
        cnt_le = list(itertools.accumulate(flags, initial=0))[1:]
        fromordinal = date.fromordinal
        work_dates = [fromordinal(base + i) for i in itertools.compress(range(ndays), flags)]
        count = len(work_dates)

        setattr_ = object.__setattr__
        setattr_(self, "first_year", first_year)
        setattr_(self, "last_year", last_year)
        setattr_(self, "confirmed_through", confirmed)
        setattr_(self, "provisional", provisional)
        setattr_(self, "source", source)
        setattr_(self, "_base", base)
        setattr_(self, "_ndays", ndays)
        setattr_(self, "_nwork", count)
        setattr_(self, "_cnt_le", cnt_le)
        setattr_(self, "_flags", flags)
        setattr_(self, "_work_dates", work_dates)
        # Weekday rest days and weekend make-up days are all that defines the days.
        key_rest = tuple(sorted(d for d in rest if d.weekday() < 5))
        key_work = tuple(sorted(d for d in work if d.weekday() >= 5))
        setattr_(
            self,
            "_key",
            (first_year, last_year, confirmed, provisional, source, key_rest, key_work),
        )
        setattr_(self, "_np_cache", None)

    # -- immutability, equality, pickling ---------------------------------------------

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise FrozenInstanceError

    def __delattr__(self, name: str) -> NoReturn:
        raise FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __reduce__(self) -> tuple[object, ...]:
        first, last, confirmed, provisional, source, rest, work = self._key
        return (_rebuild, (first, last, rest, work, confirmed, provisional, source))

    def __repr__(self) -> str:
        flag = ", provisional=True" if self.provisional else ""
        return (
            f"WorkCalendar({self.first_year}–{self.last_year}, "
            f"confirmed_through={self.confirmed_through}{flag}, source={self.source!r})"
        )

    # -- coverage -----------------------------------------------------------------------

    @property
    def first_day(self) -> date:
        """The first covered day (1 January of ``first_year``)."""
        return date(self.first_year, 1, 1)

    @property
    def last_day(self) -> date:
        """The last covered day (31 December of ``last_year``)."""
        return date(self.last_year, 12, 31)

    def covers(self, d: date) -> bool:
        """Whether ``d`` lies in the covered years (never raises)."""
        return 0 <= d.toordinal() - self._base < self._ndays

    def is_estimated(self, d: date) -> bool:
        """Whether ``d`` is an estimated day: after 31 December of ``confirmed_through``
        in a provisional calendar (never raises)."""
        return self.provisional and d.year > self.confirmed_through

    def rest_periods(self, year: int) -> list[tuple[date, date]]:
        """The holidays of ``year``: each run of consecutive rest days holding a weekday
        off, as ``(first, last)``. A notice's 放假调休 periods read this way (a run may
        begin in late December of the year before)."""
        periods: list[tuple[date, date]] = []
        d = date(year, 1, 1)
        end = date(year, 12, 31)
        while d <= end:
            if d.weekday() < 5 and not self.is_working_day(d):
                first = last = d
                while first > self.first_day and not self.is_working_day(first - _DAY):
                    first -= _DAY
                while last < self.last_day and not self.is_working_day(last + _DAY):
                    last += _DAY
                periods.append((first, last))
                d = last
            d += _DAY
        return periods

    def make_up_days(self, year: int) -> list[date]:
        """The Saturdays and Sundays of ``year`` that are working days (调休 上班)."""
        d = date(year, 1, 1)
        days = (
            d + timedelta(days=i) for i in range(date(year, 12, 31).toordinal() - d.toordinal() + 1)
        )
        return [x for x in days if x.weekday() >= 5 and self.is_working_day(x)]

    def _uncovered(self, year: int) -> CalendarCoverageError:
        return CalendarCoverageError(
            year,
            self.confirmed_through,
            first_year=self.first_year,
            covered_through=self.last_year,
        )

    def _index(self, d: date) -> int:
        i = d.toordinal() - self._base
        if 0 <= i < self._ndays:
            return i
        raise self._uncovered(d.year)

    def _past_end(self, n: int) -> CalendarCoverageError:
        return self._uncovered(self.last_year + 1 if n > 0 else self.first_year - 1)

    # -- scalar queries -----------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day."""
        i = d.toordinal() - self._base
        if 0 <= i < self._ndays:
            return self._flags[i]
        raise self._uncovered(d.year)

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day strictly after ``d`` (strictly before it if ``n < 0``).

        ``n == 0`` returns ``d`` itself, working day or not. So ``+1`` from a Friday
        before a holiday week is the first working day after it, and ``-1`` is the
        previous working day.
        """
        i = d.toordinal() - self._base
        if not 0 <= i < self._ndays:
            raise self._uncovered(d.year)
        if n > 0:
            k = self._cnt_le[i] + n - 1
            if k < self._nwork:
                return self._work_dates[k]
        elif n < 0:
            # Working days strictly before d: the prefix count of the day before.
            k = (self._cnt_le[i - 1] if i else 0) + n
            if k >= 0:
                return self._work_dates[k]
        else:
            return d
        raise self._past_end(n)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d`` (``add_working_days(d, 1)``).

        It does not return ``d`` when ``d`` is itself a working day.
        """
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d`` (``add_working_days(d, -1)``)."""
        return self.add_working_days(d, -1)

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days ``d`` with ``a < d <= b``; negative when ``b < a``.

        ``working_days_between(a, b) == -working_days_between(b, a)``, and
        ``working_days_between(a, add_working_days(a, n)) == n`` for ``n >= 0``.
        """
        base, ndays = self._base, self._ndays
        i = a.toordinal() - base
        j = b.toordinal() - base
        if not 0 <= i < ndays:
            raise self._uncovered(a.year)
        if not 0 <= j < ndays:
            raise self._uncovered(b.year)
        cnt = self._cnt_le
        return cnt[j] - cnt[i]

    def working_days_in(self, start: date, end: date) -> Iterator[date]:
        """The working days ``d`` with ``start <= d <= end``, in order (both ends included).

        Empty when ``end < start``.
        """
        i = self._index(start)
        j = self._index(end)
        lo = self._cnt_le[i - 1] if i else 0
        return iter(self._work_dates[lo : self._cnt_le[j]])

    # -- vectorised ---------------------------------------------------------------------

    def _uncovered_in(self, days: Any) -> Exception:
        import numpy as np

        if np.isnat(days).any():
            return ValueError("dates contains NaT (not a time)")
        ivals = days.view(np.int64).ravel() - (self._base - _EPOCH_ORDINAL)
        bad = days.ravel()[((ivals < 0) | (ivals >= self._ndays)).argmax()]
        return self._uncovered(int(bad.astype("datetime64[Y]").astype(np.int64)) + 1970)

    def _np_tables(self) -> tuple[Any, Any]:
        cache = self._np_cache
        if cache is None:
            import numpy as np

            cnt_le = np.asarray(self._cnt_le, dtype=np.int64)
            # Row 0: working days strictly before each day (the base for n < 0); row 1:
            # working days up to and including it, minus one (for n > 0). Then the answer
            # is work[row[day] + n] for either sign.
            cnt_lt = np.concatenate(([0], cnt_le[:-1]))
            work = np.fromiter(
                (d.toordinal() - _EPOCH_ORDINAL for d in self._work_dates),
                dtype=np.int64,
                count=self._nwork,
            ).astype("datetime64[D]")
            cache = (np.stack([cnt_lt, cnt_le - 1]), work)
            object.__setattr__(self, "_np_cache", cache)
        return cache

    # numpy stays optional, typing included: arrays are Any here.
    def add_working_days_many(self, dates: Any, n: Any) -> Any:
        """:meth:`add_working_days` over an array of dates, as a ``datetime64[D]`` array.

        ``dates`` is anything numpy turns into ``datetime64[D]`` (a datetime64 array, a
        sequence of :class:`~datetime.date`); ``n`` is an integer or an integer array
        broadcastable against it. Needs numpy (the ``numpy`` extra); raises
        :class:`CalendarCoverageError` for the first uncovered date or result.
        """
        try:
            import numpy as np
        except ImportError as exc:
            msg = "add_working_days_many needs numpy: pip install 'shequ-core[numpy]'"
            raise ImportError(msg) from exc

        days = np.asarray(dates, dtype="datetime64[D]")
        steps = np.asarray(n)
        if steps.dtype.kind not in "iu" and steps.size:
            msg = f"must be an integer or an integer array, not {steps.dtype}"
            raise ValidationError(
                [Problem("n", msg, "wrong_type")], subject="add_working_days_many"
            )
        steps = steps.astype(np.int64, copy=False)
        before_and_le, work = self._np_tables()
        offset = self._base - _EPOCH_ORDINAL
        ivals = days.view(np.int64)  # days since 1970-01-01; NaT is the least int64
        lo, hi = 0, -1
        if ivals.size:
            lo = int(ivals.min()) - offset
            hi = int(ivals.max()) - offset
            if lo < 0 or hi >= self._ndays:
                raise self._uncovered_in(days)

        if steps.ndim == 0:
            step = int(steps)
            if step == 0:
                return days.copy()
            # The answer for every day from the earliest to the latest given (a few
            # thousand at most), then one gather. The rows are monotone, so checking
            # this range checks the given days.
            k = before_and_le[int(step > 0), lo : hi + 1] + step
            _check_k(self, k)
            return work[k][ivals - (lo + offset)]

        idx = ivals - offset
        idx, steps = np.broadcast_arrays(idx, steps)
        k = before_and_le[(steps > 0).astype(np.intp), idx] + steps
        zero = steps == 0
        k = np.where(zero, 0, k)
        _check_k(self, k)
        out = work[k]
        if zero.any():
            out = np.where(zero, np.broadcast_to(days, out.shape), out)
        return out


def _check_k(cal: WorkCalendar, k: Any) -> None:
    """Raise if an index into the working days falls outside them."""
    if k.size == 0:
        return
    if k.max() >= cal._nwork:
        raise cal._past_end(1)
    if k.min() < 0:
        raise cal._past_end(-1)


def _check_args(
    first_year: int,
    last_year: int,
    confirmed: int,
    provisional: bool,
    rest: frozenset[date],
    work: frozenset[date],
) -> Iterator[Problem]:
    if not 1 <= first_year <= last_year <= 9998:
        yield Problem(
            "last_year",
            f"the years {first_year}–{last_year} are not a valid range",
            "invalid_argument",
        )
        return
    if confirmed > last_year:
        yield Problem(
            "confirmed_through", f"{confirmed} is after last_year {last_year}", "invalid_argument"
        )
    if last_year > confirmed and not provisional:
        yield Problem(
            "provisional",
            f"years after confirmed_through {confirmed} are estimates: pass provisional=True",
            "invalid_argument",
        )
    for name, days in (("rest_days", rest), ("working_days", work)):
        for d in sorted(days):
            if not first_year <= d.year <= last_year:
                yield Problem(
                    name, f"{d} is outside the years {first_year}–{last_year}", "out_of_range"
                )
    for d in sorted(rest & work):
        yield Problem("working_days", f"{d} is also listed as a rest day", "invalid_argument")


def _rebuild(
    first_year: int,
    last_year: int,
    rest: tuple[date, ...],
    work: tuple[date, ...],
    confirmed: int,
    provisional: bool,
    source: str,
) -> WorkCalendar:
    return WorkCalendar(
        first_year=first_year,
        last_year=last_year,
        rest_days=rest,
        working_days=work,
        confirmed_through=confirmed,
        provisional=provisional,
        source=source,
    )
