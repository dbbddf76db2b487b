"""The due date of a time limit (限时办结), with its pauses, extensions and rollover.

How each step is counted is set out in :func:`deadline`; the legal references and the
limitations are in the package docstring (:mod:`shequ_core.rules.sla`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import attrs

from shequ_core.calendar import WorkCalendar
from shequ_core.entities import (
    RequestEvent,
    RequestEventKind,
    TimeLimit,
    TimeUnit,
    masked_repr,
    ordered_request_events,
)
from shequ_core.errors import ExtensionRefused, Problem, ValidationError
from shequ_core.rules._findings import check_lang
from shequ_core.rules.sla._text import amount, day
from shequ_core.rules.sla._when import event_moment, local_day
from shequ_core.text import mask_personal
from shequ_core.validation import local_moment

__all__ = [
    "Deadline",
    "Extension",
    "Pause",
    "deadline",
    "due_date",
    "estimate_line",
]


@attrs.frozen(kw_only=True)
class Pause:
    """One suspension (中止) of the clock, as it was counted.

    ``days`` is what the pause added to the period, in the limit's unit: the units ``d``
    with ``suspended_on < d <= until``, or more when the pause was ``stretched`` (it
    began when nothing was left of the period, so the period now ends on the day the
    clock restarts). A pause dated after the deadline then in force is not ``counted``
    and adds nothing.
    """

    suspended_on: date
    #: None while the request is still suspended; it is then counted up to ``until``.
    resumed_on: date | None
    #: ``resumed_on``, or the ``as_of`` day a pause still open was counted up to.
    until: date
    days: int
    counted: bool
    stretched: bool = False


@masked_repr
@attrs.frozen(kw_only=True)
class Extension:
    """One approved extension (延期), in the limit's unit; ``counted`` False if too late."""

    on: date
    days: int
    approved_by: str | None
    counted: bool


@attrs.frozen(kw_only=True)
class Deadline:
    """A due date and how it was reached: what :func:`deadline` returns.

    ``rolled_from`` is the last day of a natural-day period when it fell on a rest day
    and the period was carried to the next working day (``due_on``).

    ``provisional`` is true when the due date rests on estimated calendar days: the
    calendar was provisional and a day it was asked about lies after 31 December of its
    ``confirmed_through`` (recorded here whenever the calendar is provisional). Such a
    due date may move when the year's notice is published. A due date that rests only
    on confirmed days (or on none: a natural-day period without rollover) is never
    provisional, whatever the calendar.
    """

    start: date
    limit: TimeLimit
    due_on: date
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    rolled_from: date | None = None
    roll_forward: bool = True
    as_of: date | None = None
    provisional: bool = False
    confirmed_through: int | None = None
    #: For a limit in hours, the moment it runs out (aware, Beijing time); else None.
    due_at: datetime | None = None

    @property
    def unit(self) -> TimeUnit:
        """The unit of the limit, and of every count here."""
        return self.limit.unit

    @property
    def extension_days(self) -> int:
        """The days the counted extensions add."""
        return sum(e.days for e in self.extensions if e.counted)

    @property
    def paused_days(self) -> int:
        """The days the counted pauses add."""
        return sum(p.days for p in self.pauses if p.counted)

    @property
    def is_paused(self) -> bool:
        """Whether the clock is stopped: a counted suspension is not yet resumed."""
        return any(p.counted and p.resumed_on is None for p in self.pauses)

    def explain(self, lang: str = "zh") -> str:
        """How the due date was reached, one step a line, in Chinese or English.

        Start, unit, each pause and extension (counted or not, and why not), the
        rollover of a natural-day period, and the due date.
        """
        lang = check_lang(lang, subject="Deadline.explain")
        # A request's or approver's id can be a personal number: masked, line by line.
        return "\n".join(map(mask_personal, _explain_lines(self, lang)))


def due_date(
    start: date | datetime,
    limit: TimeLimit,
    calendar: WorkCalendar,
    *,
    events: Iterable[RequestEvent] = (),
    roll_forward: bool = True,
    max_extension_days: int | None = None,
    as_of: date | datetime | None = None,
) -> date:
    """The last day on which a request received on ``start`` is on time.

    ``deadline(...).due_on``; :func:`deadline` says how each step is counted, and how
    a ``datetime`` is read.
    """
    return deadline(
        start,
        limit,
        calendar,
        events=events,
        roll_forward=roll_forward,
        max_extension_days=max_extension_days,
        as_of=as_of,
    ).due_on


def deadline(
    start: date | datetime,
    limit: TimeLimit,
    calendar: WorkCalendar,
    *,
    events: Iterable[RequestEvent] = (),
    roll_forward: bool = True,
    max_extension_days: int | None = None,
    as_of: date | datetime | None = None,
) -> Deadline:
    """The due date of ``limit`` for a request received on ``start``, with its steps.

    The start day is not counted (民法典 第201条). A working-day limit of ``n`` ends on
    the ``n``-th working day after ``start`` (weekends and holidays skipped, 调休
    make-up days counted). A natural-day limit ends ``n`` days after ``start``; when that
    day is a rest day and ``roll_forward`` is true, on the next working day (民法典
    第203条).

    The events are taken by date, in :func:`~shequ_core.entities.ordered_request_events`
    order, so their order in ``events`` does not matter:

    * ``SUSPENDED`` on ``s`` and ``RESUMED`` on ``r`` stop the clock. The pause adds the
      units ``d`` with ``s < d <= r``: for working days, the working days in that span
      (a pause over a holiday week adds only the working days in it); for natural
      days, ``(r - s).days``. The suspension day counts as used and the resumption day
      is not counted, like a start day. Should the period still end before the clock
      restarts (a pause begun on the last day, or in the rest days a period rolled
      over), it is stretched to end on ``r`` (for working days, the first working day
      on or after ``r``): a period never ends while, or before, the clock was stopped.
    * ``EXTENDED`` adds its ``days`` (延期), in the limit's unit. Extensions adding up to
      more than ``max_extension_days`` raise
      :class:`~shequ_core.errors.ExtensionRefused`.
    * A suspension or extension dated after (not on) the due date then in force,
      rollover included, is too late: it adds nothing, does not count toward
      ``max_extension_days``, and the resumption closing such a suspension is ignored
      too. While the clock is stopped nothing is late.
    * Events dated after ``as_of`` are not known yet and are ignored. A suspension not
      yet resumed is counted up to ``as_of``; without ``as_of`` it is a
      :class:`~shequ_core.errors.ValidationError`, as are a resumption without a
      suspension, two suspensions in a row, and an event before ``start``.

    A limit in ``HOURS`` runs from the moment ``start`` (a date: its 00:00) in elapsed
    hours (see the package's limitations); its end is ``due_at``.

    ``start`` and ``as_of`` are dates, or timestamps as a hotline system stores them: an
    aware ``datetime`` is taken on its day in Beijing time (Asia/Shanghai, UTC+8), a
    naive one is read as Beijing local time; only the day counts. Another type is a
    :class:`~shequ_core.errors.ValidationError` (``wrong_type``) naming the type it got.

    The result never moves earlier when the amount grows, a pause grows longer, an
    extension grows or an event is added (before the due date then in force). Days the
    calendar does not cover raise :class:`~shequ_core.errors.CalendarCoverageError`;
    a due date resting on a provisional calendar's estimated days is marked
    ``provisional``.
    """
    problems: list[Problem] = []
    start_day = local_day(start, "start", problems)
    as_of_day = None if as_of is None else local_day(as_of, "as_of", problems)
    problems.extend(_argument_problems(limit, max_extension_days))
    events = tuple(events)
    problems.extend(_event_problems(start_day, events))
    if problems:
        raise ValidationError(problems, subject="deadline")
    assert start_day is not None
    if limit.unit is TimeUnit.HOURS:
        now = None if as_of is None else local_moment(as_of, end=True)
        known = events if now is None else tuple(e for e in events if event_moment(e) <= now)
        clock = _HourClock(local_moment(start), limit, roll_forward, max_extension_days)
        return clock.run(ordered_request_events(known), now, as_of_day)
    known = events if as_of_day is None else tuple(e for e in events if e.on <= as_of_day)
    return _Clock(start_day, limit, calendar, roll_forward, max_extension_days).run(
        ordered_request_events(known), as_of_day
    )


# -- limits in hours ---------------------------------------------------------------------


class _HourClock:
    """A limit in elapsed hours from a moment (a hotline's 2 hours): pauses count by
    their timestamps (whole days when either end has none), an extension's ``days`` are
    hours, in the limit's unit. The rollover and the calendar play no part."""

    def __init__(
        self, start: datetime, limit: TimeLimit, roll_forward: bool, cap: int | None
    ) -> None:
        self.start, self.limit, self.roll_forward, self.cap = start, limit, roll_forward, cap
        self.due = limit.due_at(start)
        self.extended = 0

    def _close(self, since: datetime, on: date, counted: bool, until: datetime) -> Pause:
        added, stretched = timedelta(0), False
        if counted:
            plain = until - since
            stretched = self.due + plain < until
            new_due = max(self.due + plain, until)
            added, self.due = new_due - self.due, new_due
        return Pause(
            suspended_on=on,
            resumed_on=None,
            until=until.date(),
            days=-(-added // timedelta(hours=1)),  # whole hours, rounded up
            counted=counted,
            stretched=stretched,
        )

    def run(
        self, events: tuple[RequestEvent, ...], now: datetime | None, as_of: date | None
    ) -> Deadline:
        pauses: list[Pause] = []
        extensions: list[Extension] = []
        open_pause: tuple[datetime, date, bool] | None = None
        for event in events:
            at = event_moment(event)
            if event.kind is RequestEventKind.SUSPENDED:
                if open_pause is not None:
                    raise _sequence_error("a suspension must be resumed before the next one")
                open_pause = (at, event.on, at <= self.due)
            elif event.kind is RequestEventKind.RESUMED:
                if open_pause is None:
                    raise _sequence_error("a resumption must follow a suspension")
                pause = self._close(*open_pause, until=at)
                pauses.append(attrs.evolve(pause, resumed_on=event.on))
                open_pause = None
            elif event.kind is RequestEventKind.EXTENDED:
                assert event.days is not None  # an extension always carries its days
                counted = at <= self.due or (open_pause is not None and open_pause[2])
                if counted:
                    self.extended += event.days
                    if self.cap is not None and self.extended > self.cap:
                        raise ExtensionRefused(self.extended, self.cap)
                    self.due += timedelta(hours=event.days)
                extensions.append(
                    Extension(
                        on=event.on, days=event.days, approved_by=event.approved_by, counted=counted
                    )
                )
        if open_pause is not None:
            if now is None:
                msg = "a suspension not yet resumed is counted up to as_of: pass as_of"
                raise ValidationError(
                    [Problem("as_of", msg, "invalid_argument")], subject="deadline"
                )
            pause = self._close(*open_pause, until=max(now, open_pause[0]))
            # counted to as_of's moment (a date: its end): until is its day, as as_of is
            assert as_of is not None  # given whenever now is
            pauses.append(attrs.evolve(pause, until=as_of))
        return Deadline(
            start=self.start.date(),
            limit=self.limit,
            due_on=self.due.date(),
            pauses=tuple(pauses),
            extensions=tuple(extensions),
            roll_forward=self.roll_forward,
            as_of=as_of,
            due_at=self.due,
        )


def _argument_problems(limit: object, max_extension_days: object) -> Iterable[Problem]:
    if not isinstance(limit, TimeLimit):
        yield Problem("limit", "must be a TimeLimit", "wrong_type")
    if max_extension_days is not None and (
        not isinstance(max_extension_days, int)
        or isinstance(max_extension_days, bool)
        or max_extension_days < 0
    ):
        yield Problem(
            "max_extension_days",
            "must be a whole number of days, 0 or more, or None",
            "invalid_argument",
        )


def _event_problems(start: date | None, events: tuple[object, ...]) -> Iterable[Problem]:
    for i, event in enumerate(events):
        if not isinstance(event, RequestEvent):
            yield Problem(("events", i), "must be a RequestEvent", "wrong_type")
        elif start is not None and event.on < start:
            yield Problem(("events", i, "on"), "must not be before start", "inconsistent")


class _Clock:
    """The running total of a period in its own unit, and the due date it gives."""

    def __init__(
        self,
        start: date,
        limit: TimeLimit,
        calendar: WorkCalendar,
        roll_forward: bool,
        max_extension_days: int | None,
    ) -> None:
        self.start = start
        self.limit = limit
        self.calendar = calendar
        self.roll_forward = roll_forward
        self.max_extension_days = max_extension_days
        self.working = limit.unit is TimeUnit.WORKING_DAYS
        self.total = limit.amount
        self.extended = 0
        self.due, self.rolled_from = self._end()

    def _end(self) -> tuple[date, date | None]:
        """The due date of the current total, and the rest day it rolled from, if any."""
        cal = self.calendar
        if self.working:
            return cal.add_working_days(self.start, self.total), None
        last = self.start + timedelta(days=self.total)
        if self.roll_forward and not cal.is_working_day(last):
            return cal.next_working_day(last), last
        return last, None

    def _add(self, days: int) -> None:
        self.total += days
        self.due, self.rolled_from = self._end()

    def _pause(self, suspended_on: date, until: date) -> tuple[int, bool]:
        """The units a counted pause adds, and whether it had to be stretched."""
        cal = self.calendar
        if self.working:
            plain = cal.working_days_between(suspended_on, until)
            restart = until if cal.is_working_day(until) else cal.next_working_day(until)
            needed = cal.working_days_between(self.start, restart) - self.total
        else:
            plain = (until - suspended_on).days
            needed = (until - self.start).days - self.total
        return max(plain, needed), needed > plain

    def _close(self, suspended_on: date, counted: bool, until: date, resumed: bool) -> Pause:
        days, stretched = self._pause(suspended_on, until) if counted else (0, False)
        if days:
            self._add(days)
        return Pause(
            suspended_on=suspended_on,
            resumed_on=until if resumed else None,
            until=until,
            days=days,
            counted=counted,
            stretched=stretched,
        )

    def run(self, events: tuple[RequestEvent, ...], as_of: date | None) -> Deadline:
        pauses: list[Pause] = []
        extensions: list[Extension] = []
        # The open suspension: its day, and whether it came in time.
        open_pause: tuple[date, bool] | None = None
        for event in events:
            kind = event.kind
            if kind is RequestEventKind.SUSPENDED:
                if open_pause is not None:
                    raise _sequence_error("a suspension must be resumed before the next one")
                open_pause = (event.on, event.on <= self.due)
            elif kind is RequestEventKind.RESUMED:
                if open_pause is None:
                    raise _sequence_error("a resumption must follow a suspension")
                suspended_on, counted = open_pause
                open_pause = None
                pauses.append(self._close(suspended_on, counted, event.on, resumed=True))
            elif kind is RequestEventKind.EXTENDED:
                assert event.days is not None  # an extension always carries its days
                days = event.days
                counted = event.on <= self.due or (open_pause is not None and open_pause[1])
                if counted:
                    self.extended += days
                    cap = self.max_extension_days
                    if cap is not None and self.extended > cap:
                        raise ExtensionRefused(self.extended, cap)
                    self._add(days)
                extensions.append(
                    Extension(
                        on=event.on, days=days, approved_by=event.approved_by, counted=counted
                    )
                )
        if open_pause is not None:
            if as_of is None:
                msg = "a suspension not yet resumed is counted up to as_of: pass as_of"
                raise ValidationError(
                    [Problem("as_of", msg, "invalid_argument")], subject="deadline"
                )
            suspended_on, counted = open_pause
            pauses.append(self._close(suspended_on, counted, as_of, resumed=False))
        cal = self.calendar
        # Every day the calendar was asked about lies on or before the due date: a
        # working-day count reaches it, a rollover ends on it, and a counted pause
        # never ends after it. A natural-day period without rollover asks nothing.
        asked = self.working or self.roll_forward
        return Deadline(
            start=self.start,
            limit=self.limit,
            due_on=self.due,
            pauses=tuple(pauses),
            extensions=tuple(extensions),
            rolled_from=self.rolled_from,
            roll_forward=self.roll_forward,
            as_of=as_of,
            provisional=asked and cal.is_estimated(self.due),
            confirmed_through=cal.confirmed_through if cal.provisional else None,
        )


def _sequence_error(message: str) -> ValidationError:
    return ValidationError([Problem("events", message, "invalid_argument")], subject="deadline")


# -- explanation ------------------------------------------------------------------------


def _explain_lines(d: Deadline, lang: str) -> list[str]:
    zh = lang == "zh"
    unit = d.unit
    working = unit is TimeUnit.WORKING_DAYS
    lines: list[str] = []
    if d.due_at is not None:  # a limit in hours: from the moment of receipt, nights included
        n = amount(d.limit.amount, unit, lang)
        lines.append(
            f"受理日期：{day(d.start, lang)}；办理时限：{n}（自受理时起连续计算，含夜间和节假日）"
            if zh
            else f"Received {day(d.start, lang)}; time limit: {n} (elapsed, nights included)"
        )
    elif zh:
        lines.append(f"受理日期：{day(d.start, lang)}，当日不计入")
        how = (
            "周末和法定节假日不计，调休上班日计入"
            if working
            else (
                "期限届满日为休息日的，顺延至其后第一个工作日"
                if d.roll_forward
                else "期限届满日为休息日的，不顺延"
            )
        )
        lines.append(f"办理时限：{amount(d.limit.amount, unit, lang)}（{how}）")
    if d.due_at is None and not zh:
        lines.append(f"Received {day(d.start, lang)} (that day is not counted)")
        how = (
            "weekends and public holidays skipped, make-up working days counted"
            if working
            else (
                "a last day that is a rest day moves to the next working day"
                if d.roll_forward
                else "not moved when the last day is a rest day"
            )
        )
        lines.append(f"Time limit: {amount(d.limit.amount, unit, lang)} ({how})")

    steps: list[tuple[date, int, str]] = []
    for p in d.pauses:
        steps.append((p.suspended_on, 0, _pause_line(p, unit, lang)))
    for i, e in enumerate(d.extensions):
        steps.append((e.on, 1 + i, _extension_line(e, unit, lang)))
    lines.extend(text for _, _, text in sorted(steps, key=lambda s: (s[0], s[1])))

    if d.rolled_from is not None:
        if zh:
            lines.append(
                f"期限届满日{day(d.rolled_from, lang)}为休息日，"
                f"顺延至{day(d.due_on, lang)}（民法典第二百零三条）"
            )
        else:
            lines.append(
                f"The last day, {day(d.rolled_from, lang)}, is a rest day: the period "
                f"ends on the next working day, {day(d.due_on, lang)} (Civil Code art. 203)"
            )
    open_until = next((p.until for p in d.pauses if p.counted and p.resumed_on is None), None)
    estimated = "（预计）" if zh and d.provisional else ""
    due = day(d.due_on, lang) + ("" if d.due_at is None else f" {d.due_at:%H:%M}")
    if zh:
        provisional = f"（如于{day(open_until, lang)}恢复计时）" if open_until else ""
        lines.append(f"截止{'时间' if d.due_at else '日期'}：{due}{estimated}{provisional}")
    else:
        provisional = f" (if the clock restarts on {day(open_until, lang)})" if open_until else ""
        estimated = " (estimated)" if d.provisional else ""
        lines.append(f"Due: {due}{estimated}{provisional}")
    if d.provisional and d.confirmed_through is not None:
        lines.append(estimate_line(d.confirmed_through, lang))
    return lines


def estimate_line(confirmed_through: int, lang: str) -> str:
    """The line an estimated result ends with: which days are estimated, and how."""
    year = confirmed_through + 1
    if lang == "zh":
        return (
            f"预计：{year}年放假安排尚未公布，{year}年起的日期按法定节假日推算"
            "（不含调休和补班），以国务院办公厅通知为准"
        )
    return (
        f"estimated: no official notice for {year} yet; days from {year} on are reckoned "
        "from the statutory holidays alone (no swapped days off, no make-up working days) "
        "until the State Council's notice is loaded"
    )


def _pause_line(p: Pause, unit: TimeUnit, lang: str) -> str:
    zh = lang == "zh"
    s = day(p.suspended_on, lang)
    if not p.counted:
        if zh:
            return f"中止：{s}，晚于当时的截止日期，不予顺延"
        return f"Suspended {s}, after the deadline then in force: not counted"
    added = amount(p.days, unit, lang)
    if zh:
        span = (
            f"{s}至{day(p.until, lang)}"
            if p.resumed_on is not None
            else f"自{s}起，尚未恢复，计至{day(p.until, lang)}"
        )
        line = f"中止：{span}，顺延{added}"
        if p.stretched:
            line += (
                "（中止时期限已无剩余，期限延至恢复之日或其后第一个工作日）"
                if unit is TimeUnit.WORKING_DAYS
                else "（中止时期限已无剩余，期限延至恢复之日）"
            )
        return line
    span = (
        f"{s} to {day(p.until, lang)}"
        if p.resumed_on is not None
        else f"since {s}, not yet resumed, counted up to {day(p.until, lang)}"
    )
    line = f"Suspended {span}: +{added}"
    if p.stretched:
        restart = (
            "the first working day on or after the day the clock restarts"
            if unit is TimeUnit.WORKING_DAYS
            else "the day the clock restarts"
        )
        line += f" (nothing was left when it stopped, so the period now ends on {restart})"
    return line


def _extension_line(e: Extension, unit: TimeUnit, lang: str) -> str:
    zh = lang == "zh"
    added = amount(e.days, unit, lang)
    when = day(e.on, lang)
    if zh:
        who = f"（批准人：{e.approved_by}）" if e.approved_by else ""
        if not e.counted:
            return f"延期：{when}申请延长{added}{who}，晚于当时的截止日期，不予计算"
        return f"延期：{when}批准延长{added}{who}"
    who = f" (approved by {e.approved_by})" if e.approved_by else ""
    if not e.counted:
        return f"Extension of {added} on {when}{who}, after the deadline then in force: not counted"
    return f"Extended on {when} by {added}{who}"
