"""Where a service request stands against its time limit on a given day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import attrs

from shequ_core.calendar import WorkCalendar
from shequ_core.entities import (
    LabelledEnum,
    RequestEventKind,
    RequestStatus,
    ServiceItem,
    ServiceRequest,
    TimeUnit,
    masked_repr,
    ordered_request_events,
)
from shequ_core.errors import CalendarCoverageError, Problem, ValidationError
from shequ_core.policy import DEFAULT_SLA_POLICY, SlaPolicy
from shequ_core.rules._findings import check_lang
from shequ_core.rules.sla._deadline import Deadline, deadline, estimate_line
from shequ_core.rules.sla._text import amount, day
from shequ_core.rules.sla._when import event_moment, local_day
from shequ_core.validation import local_moment

__all__ = ["SlaStage", "SlaStatus", "UnjudgedRequest", "judge_request", "sla_status"]


class SlaStage(LabelledEnum):
    """Where a request stands against its deadline."""

    RUNNING = "running", "办理中"
    PAUSED = "paused", "中止计时"
    MET = "met", "按期办结"
    MET_LATE = "met_late", "超期办结"
    BREACHED = "breached", "已超期"
    CANCELLED = "cancelled", "已撤销"
    #: The calendar cannot judge it (a day past its data): an
    #: :class:`UnjudgedRequest`, never an :class:`SlaStatus`, counted apart.
    UNJUDGED = "unjudged", "无法判定"

    @property
    def is_open(self) -> bool:
        """Whether the request is still to be done: running, paused or breached."""
        return self in _OPEN


_OPEN = frozenset({SlaStage.RUNNING, SlaStage.PAUSED, SlaStage.BREACHED})


@masked_repr
@attrs.frozen(kw_only=True)
class SlaStatus:
    """A request's standing on ``as_of``: its stage, due date and how much time is left.

    Figures are taken on ``as_of``, or on ``closed_on`` for a request completed or
    cancelled by then. ``remaining`` is in the limit's unit: the units after that day
    up to the due date, negative when late (at least one unit once the due date has
    passed, even over a weekend). ``elapsed_fraction`` is the clock time used (pauses
    excluded) over the limit in force (amount plus counted extensions); it stays at 1
    or below while the request is on time (the rest days a period rolls over are
    grace) and passes 1 once it is late. ``warning`` is the highest threshold of
    ``warn_at`` the fraction has reached while the request is running or paused.

    ``provisional`` is true when the standing rests on estimated calendar days: the due
    date is provisional, or the figures of a working-day limit count days up to an
    ``as_of`` that is estimated (see :attr:`Deadline.provisional`).
    """

    request_id: str
    item_id: str
    community_id: str
    received_on: date
    as_of: date
    stage: SlaStage
    due_on: date
    elapsed_fraction: float
    remaining: int
    warning: float | None
    #: The completion or cancellation day, when known and not after ``as_of``.
    closed_on: date | None
    deadline: Deadline
    provisional: bool = False

    @property
    def unit(self) -> TimeUnit:
        """The unit of the limit, and so of ``remaining``: working or natural days."""
        return self.deadline.unit

    @property
    def is_open(self) -> bool:
        """Whether the request is still to be done: running, paused or breached."""
        return self.stage.is_open

    def explain(self, lang: str = "zh") -> str:
        """How the due date was reached, then where the request stands."""
        lang = check_lang(lang, subject="SlaStatus.explain")
        text = f"{self.deadline.explain(lang)}\n{_status_line(self, lang)}"
        confirmed = self.deadline.confirmed_through
        if self.provisional and not self.deadline.provisional and confirmed is not None:
            text += "\n" + estimate_line(confirmed, lang)
        return text


@attrs.frozen(kw_only=True)
class UnjudgedRequest:
    """A request the calendar cannot judge on ``as_of``: its deadline or its figures
    need a day past the calendar's data (``year``), such as a 10-working-day request
    received on 24 December before the next year's notice is out.

    Reports list these apart (stage :attr:`SlaStage.UNJUDGED`) instead of failing or
    hiding them in another stage. ``error`` is the
    :class:`~shequ_core.errors.CalendarCoverageError` a single :func:`sla_status`
    call raises for it.
    """

    request_id: str
    item_id: str
    community_id: str
    received_on: date
    as_of: date
    error: CalendarCoverageError = attrs.field(eq=False)

    @property
    def stage(self) -> SlaStage:
        """Always :attr:`SlaStage.UNJUDGED`."""
        return SlaStage.UNJUDGED

    @property
    def year(self) -> int:
        """The first year needed that the calendar does not cover."""
        return self.error.year

    @property
    def is_open(self) -> bool:
        """Unknown, so never counted as open (nor as closed)."""
        return False

    def reason(self, lang: str = "zh") -> str:
        """Why it could not be judged, in one line."""
        zh = check_lang(lang, subject="UnjudgedRequest.reason") == "zh"
        e = self.error
        if e.first_year is not None and e.year < e.first_year:
            if zh:
                return f"日历自{e.first_year}年起，不含{e.year}年"
            return f"the calendar starts in {e.first_year}, not {e.year}"
        if zh:
            return f"{e.year}年放假安排尚未载入（日历确认至{e.confirmed_through}年）"
        confirmed = e.confirmed_through
        return f"no holiday notice for {e.year} in the calendar (confirmed through {confirmed})"

    def explain(self, lang: str = "zh") -> str:
        """The request, and why it is not judged."""
        zh = check_lang(lang, subject="UnjudgedRequest.explain") == "zh"
        if zh:
            received = day(self.received_on, lang)
            return f"工单{self.request_id}（受理{received}）无法判定：{self.reason(lang)}"
        return (
            f"Request {self.request_id} (received {day(self.received_on, lang)}) "
            f"cannot be judged: {self.reason(lang)}"
        )


def judge_request(
    request: ServiceRequest,
    item: ServiceItem,
    *,
    as_of: date | datetime,
    calendar: WorkCalendar,
    warn_at: Iterable[float] | None = None,
    policy: SlaPolicy = DEFAULT_SLA_POLICY,
) -> SlaStatus | UnjudgedRequest:
    """:func:`sla_status`, or an :class:`UnjudgedRequest` where it would raise
    :class:`~shequ_core.errors.CalendarCoverageError`: what reports call for each
    request so that one request past the calendar never stops them. Invalid input
    still raises :class:`~shequ_core.errors.ValidationError`."""
    try:
        return sla_status(
            request, item, as_of=as_of, calendar=calendar, warn_at=warn_at, policy=policy
        )
    except CalendarCoverageError as e:
        problems: list[Problem] = []
        day_ = local_day(as_of, "as_of", problems)
        assert day_ is not None  # sla_status checked it
        return UnjudgedRequest(
            request_id=request.id,
            item_id=request.item_id,
            community_id=request.community_id,
            received_on=request.received_on,
            as_of=day_,
            error=e,
        )


def sla_status(
    request: ServiceRequest,
    item: ServiceItem,
    *,
    as_of: date | datetime,
    calendar: WorkCalendar,
    warn_at: Iterable[float] | None = None,
    policy: SlaPolicy = DEFAULT_SLA_POLICY,
) -> SlaStatus:
    """The standing of ``request`` (for service ``item``) on ``as_of``.

    Pure: ``as_of`` is an argument. Events dated after ``as_of`` are ignored, so the
    answer is what was known that day. The request's ``completed_on`` decides met
    (on or before the due date) or late, and so does, on the days until it was undone,
    a completion reopened after ``as_of`` (重办); until then the request is running, paused
    (a counted suspension not yet resumed: the clock is stopped, it cannot be late) or
    breached (``as_of`` after the due date). A cancelled request is ``CANCELLED`` from
    the day of its last ``CANCELLED`` event, or from the start when it has none.

    ``as_of`` may be a timestamp, read as :func:`deadline` reads one (its day in
    Beijing time). A day the calendar cannot judge raises
    :class:`~shequ_core.errors.CalendarCoverageError` naming the request
    (:func:`judge_request` returns an :class:`UnjudgedRequest` instead); a standing
    resting on estimated days is marked ``provisional``.

    A request received after ``as_of`` did not exist yet: that is a
    :class:`~shequ_core.errors.ValidationError` (filter such requests out first, as
    :func:`backlog` does), as is an ``item`` other than the request's own.

    Once breached on a day, a request is breached or late on every later day, whatever
    events are dated after: an extension or suspension dated after the due date is too
    late to move it.
    """
    problems: list[Problem] = []
    day_ = local_day(as_of, "as_of", problems)
    if item.id != request.item_id:
        problems.append(
            Problem(
                "item",
                f"is {item.id!r}, but the request is for {request.item_id!r}",
                "invalid_argument",
            )
        )
    thresholds = _thresholds(policy.warn_at if warn_at is None else warn_at, problems)
    if day_ is not None and day_ < request.received_on:
        problems.append(
            Problem(
                "as_of",
                f"{day_} is before the request was received ({request.received_on})",
                "invalid_argument",
            )
        )
    if problems:
        raise ValidationError(problems, subject="sla_status")
    assert day_ is not None
    try:
        if item.time_limit.unit is TimeUnit.HOURS:
            return _judge_hours(request, item, as_of, day_, calendar, thresholds)
        return _judge(request, item, day_, calendar, thresholds)
    except CalendarCoverageError as e:
        raise e.for_request(request.id) from None


def _judge(
    request: ServiceRequest,
    item: ServiceItem,
    as_of: date,
    calendar: WorkCalendar,
    thresholds: tuple[float, ...],
) -> SlaStatus:
    closed_on, closing = _closure(request, as_of)
    on = closed_on if closed_on is not None else as_of
    dl = deadline(request.received_on, item.time_limit, calendar, events=request.events, as_of=on)
    due = dl.due_on

    stage = _stage(closing, late=on > due, paused=dl.is_paused)
    budget = item.time_limit.amount + dl.extension_days
    fraction = _clock(dl, on, calendar) / budget
    if on <= due:
        fraction = min(fraction, 1.0)
    provisional = dl.provisional or (dl.unit is TimeUnit.WORKING_DAYS and calendar.is_estimated(on))
    return _standing(
        request, as_of, stage, dl, fraction, _remaining(dl, on, calendar), closed_on, thresholds,
        provisional,
    )  # fmt: skip


def _stage(closing: SlaStage | None, *, late: bool, paused: bool) -> SlaStage:
    """The stage of a request closed as ``closing`` (None: open), late or not."""
    if closing is SlaStage.CANCELLED:
        return SlaStage.CANCELLED
    if closing is not None:
        return SlaStage.MET_LATE if late else SlaStage.MET
    if paused:
        return SlaStage.PAUSED
    return SlaStage.BREACHED if late else SlaStage.RUNNING


def _standing(
    request: ServiceRequest,
    as_of: date,
    stage: SlaStage,
    dl: Deadline,
    fraction: float,
    remaining: int,
    closed_on: date | None,
    thresholds: tuple[float, ...],
    provisional: bool = False,
) -> SlaStatus:
    """The :class:`SlaStatus`, with the warning the fraction has reached while open."""
    warning = None
    if stage in (SlaStage.RUNNING, SlaStage.PAUSED):
        warning = max((t for t in thresholds if fraction >= t), default=None)
    return SlaStatus(
        request_id=request.id,
        item_id=request.item_id,
        community_id=request.community_id,
        received_on=request.received_on,
        as_of=as_of,
        stage=stage,
        due_on=dl.due_on,
        elapsed_fraction=fraction,
        remaining=remaining,
        warning=warning,
        closed_on=closed_on,
        deadline=dl,
        provisional=provisional,
    )


def _judge_hours(
    request: ServiceRequest,
    item: ServiceItem,
    as_of: date | datetime,
    day_: date,
    calendar: WorkCalendar,
    thresholds: tuple[float, ...],
) -> SlaStatus:
    """A limit in hours, from ``received_at`` (else the start of ``received_on``), judged
    at the moment ``as_of`` (a date: the end of that day). A completion or cancellation
    without its time is judged by its day: on time when on or before the due day."""
    now = local_moment(as_of, end=True)  # a date: the end of that day
    closed_on, closing = _closure(request, day_)
    closed_at: datetime | None = None
    if closed_on is not None:
        kind = RequestEventKind.CANCELLED if closing is SlaStage.CANCELLED else None
        closed_at = _closing_moment(request, kind or RequestEventKind.COMPLETED, closed_on)
        if closed_at is not None and closed_at > now:  # later that day: not yet
            closed_on, closing, closed_at = None, None, None
    # judged at the closing moment, else the end of the closing day, else as_of
    when: date | datetime = closed_at or closed_on or as_of
    on = local_moment(when, end=True)
    start = request.received_at if request.received_at is not None else request.received_on
    dl = deadline(start, item.time_limit, calendar, events=request.events, as_of=when)
    assert dl.due_at is not None
    if closed_at is None and closed_on is not None and closed_on <= dl.due_on:
        on = min(on, dl.due_at)
    stage = _stage(closing, late=on > dl.due_at, paused=dl.is_paused)
    hour = timedelta(hours=1)
    budget = item.time_limit.amount + dl.extension_days
    left = dl.due_at - on
    fraction = max(0.0, (budget - left / hour) / budget)
    if on <= dl.due_at:
        fraction = min(fraction, 1.0)
        remaining = left // hour
    else:
        remaining = min(-1, left // hour)
    return _standing(request, day_, stage, dl, fraction, remaining, closed_on, thresholds)


def _closing_moment(request: ServiceRequest, kind: RequestEventKind, on: date) -> datetime | None:
    """The latest recorded time of a ``kind`` event on ``on``, if any carries one."""
    times = [event_moment(e) for e in request.events if e.kind is kind and e.on == on and e.at]
    return max(times, default=None)


def _thresholds(warn_at: Iterable[float], problems: list[Problem]) -> tuple[float, ...]:
    try:
        values = tuple(warn_at)
    except TypeError:
        problems.append(Problem("warn_at", "must be a list of fractions", "invalid_argument"))
        return ()
    for v in values:
        if (
            not isinstance(v, (int, float))
            or isinstance(v, bool)
            or not 0 < v <= 1  # also refuses NaN
        ):
            problems.append(
                Problem(
                    "warn_at", "every threshold must be a fraction in (0, 1]", "invalid_argument"
                )
            )
            return ()
    return tuple(sorted(float(v) for v in values))


def _closure(request: ServiceRequest, as_of: date) -> tuple[date | None, SlaStage | None]:
    """The day the request was closed by ``as_of``, and how; ``(None, None)`` if open.

    A completion undone later (重办, reopened after ``as_of``) closed the request on the
    days between: that is what its register showed then."""
    if request.completed_on is not None and request.completed_on <= as_of:
        return request.completed_on, SlaStage.MET
    ends = (RequestEventKind.COMPLETED, RequestEventKind.REOPENED)
    known = [e for e in ordered_request_events(request.events) if e.on <= as_of]
    last = next((e for e in reversed(known) if e.kind in ends), None)
    if last is not None and last.kind is RequestEventKind.COMPLETED:
        return last.on, SlaStage.MET
    if request.status is RequestStatus.CANCELLED:
        cancelled = [e.on for e in request.events if e.kind is RequestEventKind.CANCELLED]
        if not cancelled:
            return None, SlaStage.CANCELLED
        if max(cancelled) <= as_of:
            return max(cancelled), SlaStage.CANCELLED
    return None, None


def _units(a: date, b: date, unit: TimeUnit, calendar: WorkCalendar) -> int:
    """The units ``d`` with ``a < d <= b`` (negative when ``b < a``)."""
    if unit is TimeUnit.WORKING_DAYS:
        return calendar.working_days_between(a, b)
    return (b - a).days


def _clock(dl: Deadline, on: date, calendar: WorkCalendar) -> int:
    """Clock time used from the start up to ``on``: the units elapsed, pauses excluded."""
    used = _units(dl.start, on, dl.unit, calendar)
    for p in dl.pauses:
        if p.counted and p.suspended_on < on:
            used -= _units(p.suspended_on, min(p.until, on), dl.unit, calendar)
    return used


def _remaining(dl: Deadline, on: date, calendar: WorkCalendar) -> int:
    if on <= dl.due_on:
        return _units(on, dl.due_on, dl.unit, calendar)
    return min(-1, -_units(dl.due_on, on, dl.unit, calendar))


# -- explanation ------------------------------------------------------------------------


def _status_line(s: SlaStatus, lang: str) -> str:
    zh = lang == "zh"
    unit = s.unit
    left = amount(abs(s.remaining), unit, lang)
    pct = f"{s.elapsed_fraction:.0%}"
    if s.stage is SlaStage.MET:
        assert s.closed_on is not None
        if zh:
            early = f"，提前{left}" if s.remaining else ""
            return f"办结：{day(s.closed_on, lang)}，按期办结{early}"
        early = f", {left} early" if s.remaining else ""
        return f"Completed {day(s.closed_on, lang)}: on time{early}"
    if s.stage is SlaStage.MET_LATE:
        assert s.closed_on is not None
        if zh:
            return f"办结：{day(s.closed_on, lang)}，超期{left}"
        return f"Completed {day(s.closed_on, lang)}: {left} late"
    if s.stage is SlaStage.CANCELLED:
        if zh:
            return f"已于{day(s.closed_on, lang)}撤销" if s.closed_on else "已撤销"
        return f"Cancelled {day(s.closed_on, lang)}" if s.closed_on else "Cancelled"
    head = f"截至{day(s.as_of, lang)}：" if zh else f"As of {day(s.as_of, lang)}: "
    if s.stage is SlaStage.BREACHED:
        return head + (f"已超期{left}" if zh else f"breached, {left} overdue")
    if zh:
        warn = f"，已达{s.warning:.0%}预警" if s.warning is not None else ""
        if s.stage is SlaStage.PAUSED:
            return head + f"中止计时，恢复后剩余{left}（已用时{pct}{warn}）"
        return head + f"办理中，剩余{left}（已用时{pct}{warn}）"
    warn = f", past the {s.warning:.0%} warning" if s.warning is not None else ""
    if s.stage is SlaStage.PAUSED:
        return head + f"paused, {left} left when it resumes ({pct} of the time used{warn})"
    return head + f"running, {left} left ({pct} of the time used{warn})"
