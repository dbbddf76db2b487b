"""Cases and services: disputes for mediation, the hall's service items and requests.

Each record checks itself on construction, so an invalid one cannot exist; the
request's events are ordered by :func:`ordered_request_events`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from shequ_core.entities._enums import (
    OPEN_DISPUTE_STATUSES,
    CaseEventKind,
    Channel,
    DisputeCategory,
    DisputeStatus,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
    Urgency,
)
from shequ_core.entities._pii import masked_repr
from shequ_core.entities._values import (
    CaseEvent,
    Party,
    RequestEvent,
    TimeLimit,
)
from shequ_core.errors import Loc
from shequ_core.validation import (
    Record,
    check_bool,
    check_date,
    check_enum,
    check_frozenset_of,
    check_id,
    check_instance,
    check_money,
    check_opt_date,
    check_opt_datetime,
    check_opt_enum,
    check_opt_id,
    check_text,
    check_tuple_of,
    local_time,
    md,
    opt_text,
    to_decimal,
    to_frozenset,
    to_tuple,
)

__all__ = [
    "DisputeCase",
    "ServiceItem",
    "ServiceRequest",
    "ordered_request_events",
]

_ids = check_tuple_of(check_id)

# Members the checks of every case read, held here: on Python 3.11 reading one from its
# class (``DisputeStatus.CLOSED``) goes through ``EnumType.__getattr__``, 0.1-0.2 µs a
# read, more than the rest of a comparison (3.12 dropped it).
_CLOSED, _AGREED = DisputeStatus.CLOSED, DisputeStatus.AGREEMENT_REACHED
_CONFIRMED, _APPLIED = CaseEventKind.CONFIRMED, CaseEventKind.CONFIRMATION_APPLIED


@attrs.frozen(kw_only=True, repr=False)
class DisputeCase(Record):
    """矛盾纠纷: a dispute received for mediation, with its status history (oldest first)."""

    id: str = attrs.field(metadata=md("案件编号", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    category: DisputeCategory = attrs.field(metadata=md("纠纷类别", check_enum(DisputeCategory)))
    parties: tuple[Party, ...] = attrs.field(
        converter=to_tuple,
        metadata=md("当事人", check_tuple_of(check_instance(Party, "a Party"), min_size=2)),
    )
    received_on: dt.date = attrs.field(metadata=md("受理日期", check_date))
    status: DisputeStatus = attrs.field(metadata=md("状态", check_enum(DisputeStatus)))
    mediator_ids: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, metadata=md("调解员", _ids)
    )
    events: tuple[CaseEvent, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        metadata=md("办理记录", check_tuple_of(check_instance(CaseEvent, "a CaseEvent"))),
    )
    closed_on: dt.date | None = attrs.field(default=None, metadata=md("结案日期", check_opt_date))

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        # Fields read once into locals, one pass over the events and the kinds' pass
        # only where there is a kind: every case the converter builds runs this.
        received, closed, status, events = (
            self.received_on,
            self.closed_on,
            self.status,
            self.events,
        )
        if closed is not None and closed < received:
            yield "closed_on", "must not be before received_on"
        if status is _CLOSED and closed is None:
            yield "closed_on", "a closed case needs its closing date"
        if closed is not None and status in OPEN_DISPUTE_STATUSES:  # status.is_open
            yield "status", "a case with a closing date cannot still be open"
        last = None
        kinds = False
        for i, event in enumerate(events):
            on = event.on
            if on < received:
                yield ("events", i, "on"), "must not be before received_on"
            elif closed is not None and on > closed:
                yield ("events", i, "on"), "must not be after closed_on"
            if last is not None and on < last:
                yield ("events", i, "on"), "events must be in date order, oldest first"
            last = on
            kinds = kinds or event.kind is not None
        if events and events[-1].status is not status:
            yield "status", "must be the status of the last event"
        if not kinds:
            return
        # The part of CASE_LIFECYCLE (shequ_core.workflow) a rule reading one case relies
        # on; the Dataset checks the rest. tests/workflow/test_records.py: never stricter.
        agreed = applied = False
        for i, event in enumerate(events):
            agreed = agreed or event.status is _AGREED
            if event.kind is not None and not agreed:
                yield ("events", i, "kind"), "must come after the agreement (达成协议)"
            elif event.kind is _CONFIRMED and not applied:
                yield ("events", i, "kind"), "a confirmation must follow its application"
            applied = applied or event.kind is _APPLIED

    @property
    def is_open(self) -> bool:
        """Not closed yet: ``closed_on`` is None."""
        return self.closed_on is None

    def resolved_on(self) -> dt.date | None:
        """The date an agreement was reached (达成协议), if it was."""
        for event in self.events:
            if event.status is DisputeStatus.AGREEMENT_REACHED:
                return event.on
        return None


@attrs.frozen(kw_only=True, repr=False)
class ServiceItem(Record):
    """服务事项: a service the hall offers, with its time limit (限时办结) and channels."""

    id: str = attrs.field(metadata=md("事项编号", check_id))
    name: str = attrs.field(metadata=md("事项名称", check_text))
    time_limit: TimeLimit = attrs.field(
        metadata=md("办理时限", check_instance(TimeLimit, "a TimeLimit"))
    )
    channels: frozenset[Channel] = attrs.field(
        default=frozenset(),
        converter=to_frozenset,
        metadata=md("办理渠道", check_frozenset_of(check_enum(Channel))),
    )
    fee: Decimal = attrs.field(
        default=Decimal(0), converter=to_decimal, metadata=md("收费", check_money)
    )


def ordered_request_events(events: Iterable[RequestEvent]) -> tuple[RequestEvent, ...]:
    """The events of a request in the order they took effect, whatever order they came in.

    By date; on one day, by time (``at``, in Beijing time) where events carry one, and
    otherwise in the order of a work order's life: dispatched (派单), returned (退单),
    reassigned (改派), responded (响应), started, supervised (督办); then suspensions and
    resumptions, interleaved so that they alternate where they can (a pause resumed and
    another begun the same day); then extended, completed, return call (回访), reopened
    (重办), cancelled. An event without a time takes its place by that order among the
    timed events of its day: before the first timed event that comes later in the
    order. The result does not depend on the input order.
    """
    by_day: dict[dt.date, list[RequestEvent]] = {}
    for e in events:
        by_day.setdefault(e.on, []).append(e)
    out: list[RequestEvent] = []
    for day in sorted(by_day):
        todays = by_day[day]
        timed = sorted((e for e in todays if e.at is not None), key=_timed_sort_key)
        untimed = sorted((e for e in todays if e.at is None), key=_event_sort_key)
        pauses = [e for e in untimed if e.kind in _PAUSE_KINDS]
        rest = [e for e in untimed if e.kind not in _PAUSE_KINDS]
        before = [e for e in rest if _DAY_RANK[e.kind] < _PAUSE_RANK]
        after = [e for e in rest if _DAY_RANK[e.kind] > _PAUSE_RANK]
        # The untimed events as runs of one rank each; the pauses are one run, laid out
        # when it is reached, since how they alternate depends on what came before.
        runs: list[tuple[int, list[RequestEvent]]] = [(_DAY_RANK[e.kind], [e]) for e in before]
        if pauses:
            runs.append((_PAUSE_RANK, pauses))
        runs.extend((_DAY_RANK[e.kind], [e]) for e in after)
        i = 0
        for rank, run in runs:
            while i < len(timed) and _DAY_RANK[timed[i].kind] < rank:
                out.append(timed[i])
                i += 1
            out.extend(_interleave(run, _is_paused(out)) if run is pauses else run)
        out.extend(timed[i:])
    return tuple(out)


def _is_paused(done: list[RequestEvent]) -> bool:
    """Whether the last suspension or resumption so far was a suspension."""
    for e in reversed(done):
        if e.kind in _PAUSE_KINDS:
            return e.kind is RequestEventKind.SUSPENDED
    return False


def _interleave(pauses: list[RequestEvent], paused: bool) -> list[RequestEvent]:
    """One day's suspensions and resumptions, alternating where they can."""
    stops = [e for e in pauses if e.kind is RequestEventKind.SUSPENDED]
    goes = [e for e in pauses if e.kind is RequestEventKind.RESUMED]
    out: list[RequestEvent] = []
    while stops or goes:
        take = goes if (paused and goes) or not stops else stops
        out.append(take.pop(0))
        paused = take is stops
    return out


_K = RequestEventKind
_PAUSE_KINDS = frozenset({_K.SUSPENDED, _K.RESUMED})
#: The order of a work order's life, for the events of one day that carry no time.
_DAY_ORDER = (
    (_K.ASSIGNED,),
    (_K.RETURNED,),
    (_K.REASSIGNED,),
    (_K.RESPONDED,),
    (_K.STARTED,),
    (_K.SUPERVISED,),
    (_K.SUSPENDED, _K.RESUMED),
    (_K.EXTENDED,),
    (_K.COMPLETED,),
    (_K.REVISITED,),
    (_K.REOPENED,),
    (_K.CANCELLED,),
)
_DAY_RANK = {k: rank for rank, kinds in enumerate(_DAY_ORDER) for k in kinds}
_PAUSE_RANK = _DAY_RANK[_K.SUSPENDED]
_KIND_ORDER = {k: i for i, k in enumerate(RequestEventKind)}
_SATISFACTION_ORDER = {s: i + 1 for i, s in enumerate(Satisfaction)}


def _event_sort_key(e: RequestEvent) -> tuple[int, int, int, str, str, int, str]:
    return (
        _DAY_RANK[e.kind],
        _KIND_ORDER[e.kind],
        e.days or 0,
        e.approved_by or "",
        e.note or "",
        0 if e.satisfaction is None else _SATISFACTION_ORDER[e.satisfaction],
        e.unit or "",
    )


def _timed_sort_key(e: RequestEvent) -> tuple[dt.datetime, str, tuple[object, ...]]:
    assert e.at is not None
    # The same Beijing moment can be written naive or with any offset: then by spelling.
    return local_time(e.at), e.at.isoformat(), _event_sort_key(e)


@attrs.frozen(kw_only=True, repr=False)
class ServiceRequest(Record):
    """服务工单: one resident's request for a service item, with its history.

    A request is consistent or cannot be built: ``completed_on`` is set exactly when the
    status is ``COMPLETED`` and is not before ``received_on``; no event precedes
    ``received_on``; taken by date, suspensions and resumptions alternate, starting with
    a suspension; a ``COMPLETED`` event is dated ``completed_on`` unless the request was
    reopened (重办) after it. ``received_at`` falls on ``received_on`` (Beijing time) and
    no event's ``at`` precedes it.
    """

    id: str = attrs.field(metadata=md("工单编号", check_id))
    item_id: str = attrs.field(metadata=md("服务事项", check_id))
    community_id: str = attrs.field(metadata=md("所属社区", check_id))
    received_on: dt.date = attrs.field(metadata=md("受理日期", check_date))
    status: RequestStatus = attrs.field(metadata=md("状态", check_enum(RequestStatus)))
    resident_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("居民编号", check_opt_id)
    )
    first_responder_id: str | None = attrs.field(
        default=None, converter=opt_text, metadata=md("首问责任人", check_opt_id)
    )
    events: tuple[RequestEvent, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        metadata=md("办理记录", check_tuple_of(check_instance(RequestEvent, "a RequestEvent"))),
    )
    completed_on: dt.date | None = attrs.field(
        default=None, metadata=md("办结日期", check_opt_date)
    )
    complaint: bool = attrs.field(default=False, metadata=md("投诉", check_bool))
    urgency: Urgency | None = attrs.field(
        default=None, metadata=md("紧急程度", check_opt_enum(Urgency))
    )
    received_at: dt.datetime | None = attrs.field(
        default=None, metadata=md("受理时间", check_opt_datetime)
    )

    def _invariants(self) -> Iterable[tuple[Loc | str, str]]:
        done = self.status is RequestStatus.COMPLETED
        if done and self.completed_on is None:
            yield "completed_on", "a completed request needs its completion date"
        if not done and self.completed_on is not None:
            yield "completed_on", "only a completed request has a completion date"
        if self.completed_on is not None and self.completed_on < self.received_on:
            yield "completed_on", "must not be before received_on"
        received_at = None if self.received_at is None else local_time(self.received_at)
        if received_at is not None and received_at.date() != self.received_on:
            yield "received_at", "must fall on received_on, in Beijing time"
        for i, event in enumerate(self.events):
            if event.on < self.received_on:
                yield ("events", i, "on"), "must not be before received_on"
            elif (
                received_at is not None
                and event.at is not None
                and local_time(event.at) < received_at
            ):
                yield ("events", i, "at"), "must not be before received_at"
        ordered = ordered_request_events(self.events)
        # A completion reopened (重办) after it was undone; the others are the completion.
        reopened = {
            id(e)
            for j, e in enumerate(ordered)
            if e.kind is RequestEventKind.COMPLETED
            and any(later.kind is RequestEventKind.REOPENED for later in ordered[j + 1 :])
        }
        for i, event in enumerate(self.events):
            if (
                event.kind is RequestEventKind.COMPLETED
                and event.on != self.completed_on
                and id(event) not in reopened
            ):
                yield ("events", i, "on"), "a completion event must be dated completed_on"
        # The part of REQUEST_LIFECYCLE the SLA clock relies on (see DisputeCase).
        paused = False
        for event in ordered:
            if event.kind is RequestEventKind.SUSPENDED:
                if paused:
                    yield "events", "a suspension must be resumed before the next one"
                    break
                paused = True
            elif event.kind is RequestEventKind.RESUMED:
                if not paused:
                    yield "events", "a resumption must follow a suspension"
                    break
                paused = False


for _cls in (DisputeCase, ServiceItem, ServiceRequest):
    masked_repr(_cls)
