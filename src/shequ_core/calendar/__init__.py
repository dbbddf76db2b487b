"""Working days in mainland China, with 调休 make-up days, as O(1) arithmetic.

``china_calendar()`` builds (once, on first call) a :class:`WorkCalendar` from the
holidays package; importing this module builds nothing and does not import holidays.
A year's notice the package does not carry yet is read with :func:`load_notice` (or
``china_calendar(notices=[path])``).
"""

from shequ_core.calendar._china import china_calendar
from shequ_core.calendar._notice import Notice, NoticeHoliday, load_notice
from shequ_core.calendar._workcalendar import WorkCalendar
from shequ_core.errors import CalendarCoverageError

__all__ = [
    "CalendarCoverageError",
    "Notice",
    "NoticeHoliday",
    "WorkCalendar",
    "china_calendar",
    "load_notice",
]
