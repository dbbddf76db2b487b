"""Value records: parts of entities with no identity of their own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Protocol

import attrs

from shequ_core.entities._enums import (
    AttentionKind,
    BasisKind,
    CaseEventKind,
    DisputeStatus,
    RequestEventKind,
    RiskLevel,
    Satisfaction,
    TimeUnit,
)
from shequ_core.entities._pii import IdNumber, PhoneNumber, masked_repr
from shequ_core.errors import Loc, Problem, ValidationError
from shequ_core.validation import (
    Fault,
    Record,
    beijing,
    check_date,
    check_datetime,
    check_days,
    check_enum,
    check_opt_date,
    check_opt_datetime,
    check_opt_enum,
    check_opt_id,
    check_opt_text,
    check_text,
    fault_code,
    local_date,
    local_moment,
    md,
    opt_text,
)

__all__ = [
    "Attention",
    "Basis",
    "CaseEvent",
    "Party",
    "RequestEvent",
    "TimeLimit",
    "WorkingDays",
    "check_opt_id_number",
    "check_opt_phone",
    "to_opt_id_number",
    "to_opt_phone",
]


# -- personal identifiers as fields ----------------------------------------------------


def to_opt_id_number(value: IdNumber | str | None) -> IdNumber | None:
    """Accept the number as a string; an invalid one is left for the check to report."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return IdNumber(value)
        except ValidationError:
            return value  # type: ignore[return-value]
    return value


def to_opt_phone(value: PhoneNumber | str | None) -> PhoneNumber | None:
    """Accept the number as a string; an invalid one is left for the check to report."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return PhoneNumber(value)
        except ValidationError:
            return value  # type: ignore[return-value]
    return value


def _check_pii(cls: type[IdNumber] | type[PhoneNumber], what: str):  # type: ignore[no-untyped-def]
    def check(value: object) -> str | None:
        if value is None or isinstance(value, cls):
            return None
        if isinstance(value, str):
            try:
                cls(value)
            except ValidationError as e:
                return Fault(e.problems[0].code, e.problems[0].message)
        return Fault("wrong_type", f"must be {what}, got {type(value).__name__}")

    check.instance_of = cls  # type: ignore[attr-defined]  # passes every one, and None:
    check.allows_none = True  # type: ignore[attr-defined]  # the converter's fast path
    return check


check_opt_id_number = _check_pii(IdNumber, "an identity number")
check_opt_phone = _check_pii(PhoneNumber, "a phone number")
# What each converter returns unchanged (for the converter's fast path, which then
# need not call it on a value it has just read as one of these).
to_opt_id_number.keeps = (IdNumber, type(None))  # type: ignore[attr-defined]
to_opt_phone.keeps = (PhoneNumber, type(None))  # type: ignore[attr-defined]


# -- values ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Basis(Record):
    """依据: the law, regulation or local document a number comes from.

    ``effective_to`` is None while the text is still in force. ``kind`` is the text's
    force (:class:`BasisKind`). It defaults to ``LOCAL_PRACTICE``, the weakest: a
    basis recorded without its force (data written before ``kind`` existed, a number a
    user sets without saying where it comes from) is never taken for law, so a finding
    resting on it is at most advisory. Give ``kind`` for a law or regulation.
    """

    title: str = attrs.field(metadata=md("名称", check_text))
    article: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("条款", check_opt_text)
    )
    effective_from: dt.date | None = attrs.field(
        default=None, metadata=md("施行日期", check_opt_date)
    )
    effective_to: dt.date | None = attrs.field(
        default=None, metadata=md("失效日期", check_opt_date)
    )
    kind: BasisKind = attrs.field(
        default=BasisKind.LOCAL_PRACTICE, metadata=md("效力层级", check_enum(BasisKind))
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            yield "effective_to", "must not be before effective_from"

    def in_force(self, on: dt.date) -> bool:
        """Whether the text applies on ``on``."""
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_to is None or on <= self.effective_to

    def __str__(self) -> str:
        return f"{self.title} {self.article}" if self.article else self.title


class WorkingDays(Protocol):
    """What :meth:`TimeLimit.due_at` asks of a calendar: a
    :class:`~shequ_core.calendar.WorkCalendar` is one."""

    def is_working_day(self, d: dt.date, /) -> bool:
        """Whether ``d`` is worked (a 调休 Saturday is)."""
        ...

    def add_working_days(self, d: dt.date, n: int, /) -> dt.date:
        """The ``n``-th working day after ``d``."""
        ...

    def next_working_day(self, d: dt.date, /) -> dt.date:
        """The first working day after ``d``."""
        ...


@attrs.frozen(kw_only=True, repr=False)
class TimeLimit(Record):
    """A time limit (时限): so many working days, natural days or (natural) hours."""

    amount: int = attrs.field(metadata=md("时限", check_days))
    unit: TimeUnit = attrs.field(metadata=md("单位", check_enum(TimeUnit)))

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.label_en}"

    def due_at(
        self,
        start: dt.datetime,
        *,
        calendar: WorkingDays | None = None,
        roll_forward: bool = True,
    ) -> dt.datetime:
        """The moment the limit runs out for something begun at ``start``, aware, in
        Beijing time (Asia/Shanghai); done at or before it is on time.

        ``start`` is naive for Beijing local time, or aware in any zone. A limit in
        ``HOURS`` ends ``amount`` elapsed hours after ``start``, midnight or not, and
        needs no calendar. A limit in days ends with its last day (民法典 第203条: at
        24:00, given here as 23:59:59.999999): the start day is not counted (第201条);
        working days are those of ``calendar`` (a
        :class:`~shequ_core.calendar.WorkCalendar`); a natural-day period whose last
        day is a rest day runs to the next working day when ``roll_forward``, as
        :func:`shequ_core.rules.sla.deadline` counts it (pauses and extensions are
        counted there). Raises :class:`~shequ_core.errors.ValidationError`.
        """
        fault = check_datetime(start)
        if fault is not None:
            problem = Problem("start", fault, fault_code(fault))
            raise ValidationError([problem], subject="due_at")
        start = local_moment(start)
        try:
            if self.unit is TimeUnit.HOURS:
                end = start.astimezone(dt.timezone.utc) + dt.timedelta(hours=self.amount)
                return end.astimezone(beijing())
            day = start.date()
            if calendar is None:
                msg = "a limit in days needs a calendar (a WorkCalendar)"
                raise ValidationError(
                    [Problem("calendar", msg, "invalid_argument")], subject="due_at"
                )
            if self.unit is TimeUnit.WORKING_DAYS:
                last = calendar.add_working_days(day, self.amount)
            else:
                last = day + dt.timedelta(days=self.amount)
                if roll_forward and not calendar.is_working_day(last):
                    last = calendar.next_working_day(last)
            return dt.datetime.combine(last, dt.time.max, beijing())
        except OverflowError:
            msg = "the limit runs out past the last date Python can hold"
            raise ValidationError(
                [Problem("start", msg, "out_of_range")], subject="due_at"
            ) from None


@attrs.frozen(kw_only=True, repr=False)
class Attention(Record):
    """Why and since when a resident needs attention (重点关注); ``until`` None is open-ended."""

    kind: AttentionKind = attrs.field(metadata=md("类别", check_enum(AttentionKind)))
    since: dt.date = attrs.field(metadata=md("起始日期", check_date))
    until: dt.date | None = attrs.field(default=None, metadata=md("截止日期", check_opt_date))
    risk: RiskLevel = attrs.field(
        default=RiskLevel.MEDIUM,
        metadata=md("风险等级", check_enum(RiskLevel)),
    )
    note: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("备注", check_opt_text)
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.until is not None and self.until < self.since:
            yield "until", "must not be before since"

    def active_on(self, day: dt.date) -> bool:
        """In force on ``day``: ``since <= day`` and ``until`` is open or ``>= day``."""
        return self.since <= day and (self.until is None or day <= self.until)


@attrs.frozen(kw_only=True, repr=False)
class Party(Record):
    """A party to a dispute (当事人); may or may not be a registered resident."""

    name: str = attrs.field(metadata=md("姓名", check_text))
    resident_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("居民编号", check_opt_id)
    )
    phone: PhoneNumber | None = attrs.field(
        default=None, converter=to_opt_phone, metadata=md("联系电话", check_opt_phone)
    )
    id_number: IdNumber | None = attrs.field(
        default=None, converter=to_opt_id_number, metadata=md("身份证号", check_opt_id_number)
    )


@attrs.frozen(kw_only=True, repr=False)
class CaseEvent(Record):
    """One step of a dispute case's status history."""

    on: dt.date = attrs.field(metadata=md("日期", check_date))
    status: DisputeStatus = attrs.field(metadata=md("状态", check_enum(DisputeStatus)))
    note: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("备注", check_opt_text)
    )
    #: What the step was; None for a plain change of status (data before kinds existed).
    kind: CaseEventKind | None = attrs.field(
        default=None, metadata=md("事项", check_opt_enum(CaseEventKind))
    )


@attrs.frozen(kw_only=True, repr=False)
class RequestEvent(Record):
    """One step of a service request's history; an extension (延期) carries its ``days``.

    ``at`` is the moment it happened when it was recorded (naive: Beijing local time);
    its Beijing day is ``on``. A return call (回访) carries the caller's
    ``satisfaction``; a dispatch (派单) or a reassignment (改派) the ``unit`` it went to.
    """

    on: dt.date = attrs.field(metadata=md("日期", check_date))
    kind: RequestEventKind = attrs.field(metadata=md("类型", check_enum(RequestEventKind)))
    days: int | None = attrs.field(default=None, metadata=md("延期天数"))
    approved_by: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("批准人", check_opt_id)
    )
    note: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("备注", check_opt_text)
    )
    at: dt.datetime | None = attrs.field(default=None, metadata=md("时间", check_opt_datetime))
    satisfaction: Satisfaction | None = attrs.field(
        default=None, metadata=md("满意度", check_opt_enum(Satisfaction))
    )
    unit: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("承办单位", check_opt_text)
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        if self.kind is RequestEventKind.EXTENDED:
            if self.days is None:
                yield "days", "an extension must say how many days it adds"
            else:
                msg = check_days(self.days)
                if msg:
                    yield "days", msg
        elif self.days is not None:
            yield "days", "only an extension carries days"
        if self.kind is RequestEventKind.REVISITED:
            if self.satisfaction is None:
                yield "satisfaction", "a return call (revisited) must record the satisfaction"
        elif self.satisfaction is not None:
            yield "satisfaction", "only a return call (revisited) records a satisfaction"
        if self.unit is None and self.kind in _DISPATCHES:
            yield "unit", "a dispatch (assigned, reassigned) must name the unit it went to"
        if self.at is not None and local_date(self.at) != self.on:
            yield "at", "must fall on the day of on, in Beijing time"


_DISPATCHES = frozenset({RequestEventKind.ASSIGNED, RequestEventKind.REASSIGNED})


# Every repr masks personal data (docs/explanation/personal-data.md).
for _cls in (Basis, TimeLimit, Attention, Party, CaseEvent, RequestEvent):
    masked_repr(_cls)
