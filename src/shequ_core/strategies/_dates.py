"""Dates for the strategies: those of real registers by default, any for fuzzing.

Real registers hold events of the years the working-day calendar holds official notices
for, and people who are alive; the rules compute deadlines and due visits from these
dates. So by default:

- events (visits, meetings, attentions, disputes, registrations) fall in the confirmed
  years of the default :func:`~shequ_core.calendar.china_calendar` (its ``first_year``
  through ``confirmed_through``, read from the calendar, so they move with the holiday
  package);
- a service request is received at least a year before the last confirmed day, so
  that its deadline is a confirmed day: its history spans at most 180 days, its time
  limit at most 60 days and its extensions at most 30 (the strategies' defaults). A
  request suspended on the day it is judged has its clock stopped until then: judged in
  the last half year of the confirmed years, its deadline may fall after them;
- people are born in the 110 years up to the last confirmed day, staff in the years
  that make them 18 to 70 years old in the last confirmed year.

``hostile=True`` draws what fuzzing wants instead: events from 1990 to 2035, with the
edges of the calendar (its first and last day, the days just outside, late December of
the last confirmed year) as often as the rest, and birth dates from 1900 to 2099, all an
identity number can hold.
"""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.validation import BEIJING, local_time

__all__ = [
    "HOSTILE_EVENTS",
    "REQUEST_ROOM",
    "birth_dates",
    "confirmed_days",
    "event_dates",
    "event_end",
    "later",
    "receipt_dates",
    "staff_birth_dates",
    "time_zones",
    "times_on",
    "timestamp",
]

#: The range of hostile event dates (the edges of the calendar are added to it).
HOSTILE_EVENTS = (dt.date(1990, 1, 1), dt.date(2035, 12, 31))
#: How long before the last confirmed day a request is received by default.
REQUEST_ROOM = dt.timedelta(days=366)
#: The oldest living people are about 110 (China's oldest verified residents are older
#: than 110 only by a year or two).
_LIFESPAN = 110
_HOSTILE_BIRTHS = (dt.date(1900, 1, 1), dt.date(2099, 12, 31))


@functools.cache
def confirmed_days() -> tuple[dt.date, dt.date]:
    """The first and last day of the default calendar's confirmed years."""
    calendar = china_calendar()
    return dt.date(calendar.first_year, 1, 1), dt.date(calendar.confirmed_through, 12, 31)


def event_end(hostile: bool) -> dt.date:
    """The last day of the default event dates: ``later()`` stays on or before it."""
    return HOSTILE_EVENTS[1] if hostile else confirmed_days()[1]


@functools.cache
def event_dates(hostile: bool = False) -> st.SearchStrategy[dt.date]:
    """Days of events: the calendar's confirmed years, or 1990-2035 and its edges."""
    if not hostile:
        return st.dates(*confirmed_days())
    first, last = confirmed_days()
    one = dt.timedelta(days=1)
    edges = [first - one, first, last, last + one]
    edges += [dt.date(last.year, 12, d) for d in range(24, 31)]
    return st.dates(*HOSTILE_EVENTS) | st.sampled_from(sorted(set(edges)))


@functools.cache
def receipt_dates(hostile: bool = False) -> st.SearchStrategy[dt.date]:
    """Days requests are received: with a year of confirmed days after them by default."""
    if hostile:
        return event_dates(hostile=True)
    first, last = confirmed_days()
    return st.dates(first, last - REQUEST_ROOM)


def _with_leap_days(low: dt.date, high: dt.date) -> st.SearchStrategy[dt.date]:
    """Days from ``low`` to ``high``, with 29 February mixed in: a rare day that breaks
    age code."""
    leap_years = [
        y
        for y in range(low.year, high.year + 1)
        if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) and low <= dt.date(y, 2, 29) <= high
    ]
    days = st.dates(low, high)
    return (
        days | st.sampled_from(leap_years).map(lambda y: dt.date(y, 2, 29)) if leap_years else days
    )


@functools.cache
def birth_dates(hostile: bool = False) -> st.SearchStrategy[dt.date]:
    """Birth dates of living people, or any an identity number can hold."""
    if hostile:
        return _with_leap_days(*_HOSTILE_BIRTHS)
    last = confirmed_days()[1]
    return _with_leap_days(dt.date(last.year - _LIFESPAN, 1, 1), last)


@functools.cache
def staff_birth_dates(hostile: bool = False) -> st.SearchStrategy[dt.date]:
    """Staff born 18 to 70 years before the last confirmed year (1940-2007 if hostile)."""
    if hostile:
        return st.dates(dt.date(1940, 1, 1), dt.date(2007, 12, 31))
    year = confirmed_days()[1].year
    return st.dates(dt.date(year - 70, 1, 1), dt.date(year - 18, 12, 31))


def later(draw: st.DrawFn, start: dt.date, *, max_days: int = 365, end: dt.date) -> dt.date:
    """A day from ``start`` to ``max_days`` after it, kept on or before ``end``.

    A start already past ``end`` (a caller's own strategy) gives days up to ``max_days``
    after it, never past the last representable date.
    """
    room = (end - start).days
    if room <= 0:
        room = min(max_days, (dt.date.max - start).days)
    return start + dt.timedelta(days=draw(st.integers(0, min(max_days, room))))


def time_zones(hostile: bool = False) -> st.SearchStrategy[dt.tzinfo | None]:
    """How a system spells its timestamps: naive Beijing local time, Asia/Shanghai or
    UTC; ``hostile`` adds any whole-minute offset from -12:00 to +14:00."""
    zones = st.sampled_from([None, BEIJING, dt.timezone.utc])
    if not hostile:
        return zones
    minutes = st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
    return zones | minutes


def timestamp(local: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """The naive Beijing local time ``local`` spelled in ``zone`` (naive for None): the
    same moment, so its Beijing day is ``local``'s (naive where a zone cannot hold it)."""
    if zone is None:
        return local
    try:
        spelled = local.replace(tzinfo=BEIJING).astimezone(zone)
    except OverflowError:  # a day at the end of the calendar: no offset can say it
        return local
    # A local time that never was (the hour skipped by summer time, 1986-1991): naive.
    return spelled if local_time(spelled) == local else local


def times_on(
    draw: st.DrawFn, days: list[dt.date], *, after: dt.datetime | None, hostile: bool
) -> list[dt.datetime | None]:
    """Increasing Beijing local times on ``days`` (sorted), none before ``after``;
    None for a day with more events than seconds left (never in practice)."""
    out: list[dt.datetime | None] = []
    i = 0
    while i < len(days):
        day = days[i]
        n = days.count(day)
        midnight = dt.datetime.combine(day, dt.time())
        low = int((after - midnight).total_seconds()) + 1 if after and after.date() == day else 0
        if 86_400 - low < n:
            out += [None] * n
        else:
            secs = sorted(
                draw(st.lists(st.integers(low, 86_399), min_size=n, max_size=n, unique=True))
            )
            micro = draw(st.integers(0, 999_999)) if hostile else 0
            out += [midnight + dt.timedelta(seconds=k, microseconds=micro) for k in secs]
        i += n
    return out
