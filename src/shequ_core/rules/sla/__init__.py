"""限时办结: deadlines, the standing of each service request, and the backlog (零积压).

References:
    * 民法典 (2020-05-28, in force 2021-01-01) 第200–204条: a period in days does not
      count its first day (第201条); when its last day is a statutory holiday it ends
      on the day after the holiday (第203条), read here as the next working day, since
      a weekend is a rest day too and a 调休 Saturday is worked.
    * 行政许可法 第82条 as the model of a working-day limit: the law says 工作日 when it
      means working days, and then counts neither weekends nor statutory holidays.
    * 全国年节及纪念日放假办法 and the State Council's yearly holiday notices, through
      :mod:`shequ_core.calendar`: which days are worked.
    * The statutory limits themselves (信访工作条例, 人民调解法) are data in
      :mod:`shequ_core.rules.sla.limits`, each with its basis.

How a deadline is counted (:func:`deadline`): a working-day limit of n ends on the
n-th working day after the start; a natural-day limit n days after it, carried to the
next working day when that is a rest day (``roll_forward``). A suspension (中止) adds the
units after its day up to the resumption, in the limit's unit; an extension (延期) adds
its days; either is too late, and ignored, when dated after the deadline then in force.

Limitations:
    * Reading a bare 日 as natural days is an inference (the texts say 工作日 where they
      mean working days, as 信访工作条例 第23条 does), and so
      is applying 第203条's rollover to administrative limits; both are switchable
      (the item's unit, ``roll_forward``).
    * A limit in days ends with the whole of its last day (24:00). A limit in hours
      (``TimeUnit.HOURS``, a hotline's 2-hour response) runs in elapsed hours from
      ``received_at`` (else 00:00 of ``received_on``, Beijing time), nights and holidays
      included: ``Deadline.due_at``; its pauses count by their events' ``at`` (whole
      days where one is missing), an extension's ``days`` are hours, and
      :func:`sla_status` judges it at a timestamp, or at the end of an ``as_of`` day; a
      completion without its time is on time when on or before the due day. Month and
      year periods (第202条) are not modelled.
    * Working days are those of the calendar passed in: a local holiday or an office's
      own closures must be added to it (``china_calendar(extra_rest_days=...)``). A day
      past the calendar's data raises :class:`~shequ_core.errors.CalendarCoverageError`
      rather than a guess; reports (:func:`backlog`, the scorecard, the CLI) list such
      requests as unjudged (:class:`UnjudgedRequest`) and judge the rest. With a
      provisional calendar the guess is made and every result resting on it says so
      (``provisional``).
    * Service halls' own limits (5 or 10 working days, 12345 hotline rules) are local
      policy: they live on each :class:`~shequ_core.entities.ServiceItem`, not here.
"""

from shequ_core.errors import ExtensionRefused
from shequ_core.rules.sla._backlog import (
    OPEN_STAGES,
    BacklogReport,
    backlog,
    report_from_statuses,
)
from shequ_core.rules.sla._deadline import Deadline, Extension, Pause, deadline, due_date
from shequ_core.rules.sla._status import (
    SlaStage,
    SlaStatus,
    UnjudgedRequest,
    judge_request,
    sla_status,
)
from shequ_core.rules.sla.limits import (
    JUDICIAL_CONFIRMATION_WINDOW,
    PETITION_HANDLING,
    PETITION_RECHECK,
    PETITION_REVIEW,
    PETITION_ROUTING,
    StatutoryLimit,
)

__all__ = [
    "JUDICIAL_CONFIRMATION_WINDOW",
    "OPEN_STAGES",
    "PETITION_HANDLING",
    "PETITION_RECHECK",
    "PETITION_REVIEW",
    "PETITION_ROUTING",
    "BacklogReport",
    "Deadline",
    "Extension",
    "ExtensionRefused",
    "Pause",
    "SlaStage",
    "SlaStatus",
    "StatutoryLimit",
    "UnjudgedRequest",
    "backlog",
    "deadline",
    "due_date",
    "judge_request",
    "report_from_statuses",
    "sla_status",
]
