"""The day of a date or a timestamp, in China Standard Time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from shequ_core.entities import RequestEvent
from shequ_core.errors import Problem
from shequ_core.validation import BEIJING, check_datetime, fault_code, local_date

__all__ = ["event_moment", "local_day", "moment_of"]


def local_day(value: object, name: str, problems: list[Problem]) -> date | None:
    """The day ``value`` falls on in Beijing time, as the entities read it
    (:func:`~shequ_core.validation.local_date`): a ``date`` as it is, an aware
    ``datetime`` converted to Asia/Shanghai, a naive one read as local time there. A
    timestamp whose Beijing day Python cannot hold adds an ``out_of_range`` problem;
    anything else a ``wrong_type`` one naming the type it got; both give None."""
    if isinstance(value, datetime):
        fault = check_datetime(value)
        if fault is not None:
            problems.append(Problem(name, str(fault), fault_code(fault)))
            return None
        return local_date(value)
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
