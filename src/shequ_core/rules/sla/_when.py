"""The day of a date or a timestamp, in China Standard Time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from shequ_core.entities import RequestEvent
from shequ_core.errors import Problem
from shequ_core.validation import BEIJING

__all__ = ["CHINA_TIME", "event_moment", "local_day", "moment_of"]

#: China Standard Time, UTC+8: Asia/Shanghai's offset every day since 1992 (no summer
#: time), so a fixed offset gives the same day without needing the tz database.
CHINA_TIME = timezone(timedelta(hours=8), "CST")


def local_day(value: object, name: str, problems: list[Problem]) -> date | None:
    """The day ``value`` falls on in Beijing time: a ``date`` as it is, an aware
    ``datetime`` converted to UTC+8, a naive one read as local time there. Anything
    else adds a ``wrong_type`` problem naming the type it got, and gives None."""
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.astimezone(CHINA_TIME)
        return value.date()
    if isinstance(value, date):
        return value
    msg = f"must be a date or a datetime, not {type(value).__name__}"
    problems.append(Problem(name, msg, "wrong_type"))
    return None


def moment_of(value: date | datetime, *, end: bool = False) -> datetime:
    """A date or timestamp as an aware moment in Asia/Shanghai: a naive timestamp is
    Beijing local time; a date is the start of its day (00:00), or with ``end`` its end
    (24:00, the next day's 00:00)."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value.replace(tzinfo=BEIJING)
        return value.astimezone(BEIJING)
    return datetime.combine(value + timedelta(days=1) if end else value, time(), BEIJING)


def event_moment(e: RequestEvent) -> datetime:
    """When an event took effect: its ``at``, else the start of its day."""
    return moment_of(e.at if e.at is not None else e.on)
