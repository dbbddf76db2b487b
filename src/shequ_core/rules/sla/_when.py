"""The day of a date or a timestamp, in China Standard Time."""

from __future__ import annotations

from datetime import date, datetime

from shequ_core.entities import RequestEvent
from shequ_core.errors import Problem
from shequ_core.validation import check_datetime, fault_code, local_date, local_moment

__all__ = ["event_moment", "local_day"]


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


def event_moment(e: RequestEvent) -> datetime:
    """When an event took effect: its ``at``, else the start of its day."""
    return local_moment(e.at if e.at is not None else e.on)
