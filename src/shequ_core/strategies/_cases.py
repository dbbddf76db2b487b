"""Strategies for dispute cases, service items and requests, visits and meetings.

Histories are generated whole and consistent, the way a well-kept register holds them:

- a dispute case's events follow 受理 -> 调解中 -> outcome -> 结案 (any tail of that path),
  are in date order and end in the case's status; a closed case has its ``closed_on``;
- a service request's events start (开始办理), alternate suspensions and resumptions
  (a suspension is left open exactly when the status is ``SUSPENDED``), may carry
  extensions (``days > 0``, ``approved_by``, at most ``max_extension_days`` in all, the
  longest extension the 信访工作条例 第34条 allows) and end in a ``COMPLETED`` event dated
  ``completed_on`` or a ``CANCELLED`` one, matching the status.

Dates fall in the default calendar's confirmed years, and a request is received at
least a year before the last confirmed day, so that its deadline is a confirmed day (see
``_dates``). ``hostile=True`` draws dates from 1990 to 2035 and at the calendar's edges,
for which the working-day rules raise :class:`~shequ_core.errors.CalendarCoverageError`
or report requests as unjudged.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from shequ_core.entities import (
    AttentionKind,
    CaseEvent,
    CaseEventKind,
    Channel,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Meeting,
    MeetingKind,
    Party,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
    ServiceItem,
    ServiceRequest,
    TimeLimit,
    TimeUnit,
    Urgency,
    Visit,
    VisitOutcome,
)
from shequ_core.strategies import _values
from shequ_core.strategies._common import (
    check_hostile,
    check_size,
    check_strategy,
    entity_ids,
    money,
    opt,
    texts,
)
from shequ_core.strategies._dates import (
    event_dates,
    event_end,
    later,
    receipt_dates,
    time_zones,
    times_on,
    timestamp,
)
from shequ_core.strategies._values import unit_names

__all__ = ["dispute_cases", "meetings", "service_items", "service_requests", "visits"]


def _ids(value: st.SearchStrategy[str] | None, name: str, hostile: bool) -> st.SearchStrategy[str]:
    strategy = entity_ids(hostile=hostile) if value is None else value
    check_strategy(strategy, name)
    return strategy


def _opt_ids(
    value: st.SearchStrategy[str | None] | None, name: str, hostile: bool
) -> st.SearchStrategy[str | None]:
    strategy = opt(entity_ids(hostile=hostile)) if value is None else value
    check_strategy(strategy, name)
    return strategy


def _dates(
    value: st.SearchStrategy[dt.date] | None, name: str, hostile: bool
) -> st.SearchStrategy[dt.date]:
    strategy = event_dates(hostile) if value is None else value
    check_strategy(strategy, name)
    return strategy


def _sorted_days(
    draw: st.DrawFn, start: dt.date, n: int, *, max_days: int, end: dt.date
) -> list[dt.date]:
    """``n`` days from ``start`` on, oldest first (several may fall on one day)."""
    last = later(draw, start, max_days=max_days, end=end)
    span = (last - start).days
    offsets = draw(st.lists(st.integers(0, span), min_size=n, max_size=n))
    return [start + dt.timedelta(days=k) for k in sorted(offsets)]


# -- dispute cases ---------------------------------------------------------------------

_S = DisputeStatus
_OUTCOMES = (_S.AGREEMENT_REACHED, _S.FAILED, _S.REFERRED, _S.WITHDRAWN)
_AFTER_AGREEMENT = [
    CaseEventKind.CONFIRMATION_APPLIED,
    CaseEventKind.CONFIRMED,
    CaseEventKind.FOLLOWED_UP,
]


@st.composite
def _dispute_cases(
    draw: st.DrawFn,
    community_id: st.SearchStrategy[str],
    statuses: st.SearchStrategy[DisputeStatus],
    parties: st.SearchStrategy[Party],
    min_parties: int,
    max_parties: int,
    mediator_ids: st.SearchStrategy[str],
    max_mediators: int,
    received_on: st.SearchStrategy[dt.date],
    hostile: bool,
) -> DisputeCase:
    end = event_end(hostile)
    status = draw(statuses)
    received = draw(received_on)
    outcome = status if status in _OUTCOMES else draw(st.sampled_from(_OUTCOMES))
    path = [_S.RECEIVED, _S.MEDIATING, outcome, _S.CLOSED]
    path = path[: path.index(status) + 1]
    events: list[CaseEvent] = []
    if draw(st.booleans()):
        # Any tail of the path: registers often start the history part-way.
        tail: list[tuple[DisputeStatus, CaseEventKind | None]] = [
            (s, None) for s in path[draw(st.integers(0, len(path) - 1)) :]
        ]
        if (_S.AGREEMENT_REACHED, None) in tail:
            # After an agreement: an application for judicial confirmation within 30
            # days (人民调解法 第33条), the court's confirmation, a follow-up (第31条).
            steps = _AFTER_AGREEMENT[: draw(st.integers(0, len(_AFTER_AGREEMENT)))]
            if draw(st.booleans()):
                steps = [k for k in steps if k is CaseEventKind.FOLLOWED_UP]
            at = tail.index((_S.AGREEMENT_REACHED, None)) + 1
            tail[at:at] = [(_S.AGREEMENT_REACHED, k) for k in steps]
        days = _sorted_days(draw, received, len(tail), max_days=365, end=end)
        events = [
            CaseEvent(on=day, status=s, kind=k, note=draw(opt(texts(hostile=hostile))))
            for day, (s, k) in zip(days, tail, strict=True)
        ]
    closed_on = None
    if status is _S.CLOSED or (not status.is_open and draw(st.booleans())):
        start = events[-1].on if events else received
        closed_on = (
            start if status is _S.CLOSED and events else later(draw, start, max_days=90, end=end)
        )
    return DisputeCase(
        id=draw(entity_ids(hostile=hostile)),
        community_id=draw(community_id),
        category=draw(st.sampled_from(DisputeCategory)),
        parties=draw(st.lists(parties, min_size=min_parties, max_size=max_parties)),
        received_on=received,
        status=status,
        mediator_ids=draw(st.lists(mediator_ids, max_size=max_mediators, unique=True)),
        events=events,
        closed_on=closed_on,
    )


def dispute_cases(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    statuses: st.SearchStrategy[DisputeStatus] | None = None,
    parties: st.SearchStrategy[Party] | None = None,
    min_parties: int = 2,
    max_parties: int = 4,
    mediator_ids: st.SearchStrategy[str] | None = None,
    max_mediators: int = 3,
    received_on: st.SearchStrategy[dt.date] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[DisputeCase]:
    """Dispute cases (矛盾纠纷) with consistent status histories.

    ``parties`` and ``mediator_ids`` draw one party or id each; ``min_parties`` is at
    least 2, since a dispute takes two sides.
    """
    check_hostile(hostile)
    statuses = st.sampled_from(DisputeStatus) if statuses is None else statuses
    parties = _values.parties(hostile=hostile) if parties is None else parties
    check_strategy(statuses, "statuses")
    check_strategy(parties, "parties")
    check_size(min_parties, max_parties, "min_parties", "max_parties")
    if min_parties < 2:
        msg = f"min_parties={min_parties} must be at least 2: a dispute has two sides"
        raise InvalidArgument(msg)
    check_size(0, max_mediators, max_name="max_mediators")
    return _dispute_cases(
        _ids(community_id, "community_id", hostile),
        statuses,
        parties,
        min_parties,
        max_parties,
        _ids(mediator_ids, "mediator_ids", hostile),
        max_mediators,
        _dates(received_on, "received_on", hostile),
        hostile,
    )


# -- services --------------------------------------------------------------------------

_ITEM_NAMES = (
    "居住证办理",
    "高龄津贴申领",
    "低保申请",
    "就业登记",
    "残疾人证办理",
    "Residence permit",
)


def service_items(
    *,
    ids: st.SearchStrategy[str] | None = None,
    time_limits: st.SearchStrategy[TimeLimit] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[ServiceItem]:
    """Service items (服务事项) with their time limits (1-60 days; ``hostile``: or
    hours), channels and fees (mostly free)."""
    check_hostile(hostile)
    if time_limits is None:  # hours too when fuzzing (a hotline's item)
        time_limits = _values.time_limits(units=st.sampled_from(TimeUnit) if hostile else None)
    check_strategy(time_limits, "time_limits")
    return st.builds(
        ServiceItem,
        id=_ids(ids, "ids", hostile),
        name=st.sampled_from(_ITEM_NAMES) | texts(hostile=hostile),
        time_limit=time_limits,
        channels=st.frozensets(st.sampled_from(Channel)),
        fee=st.just(Decimal(0)) | money(max_yuan=1_000),
    )


_K = RequestEventKind
_R = RequestStatus
#: How many days after its receipt a request's history may run.
_HISTORY_DAYS = 180


@st.composite
def _service_requests(
    draw: st.DrawFn,
    item_id: st.SearchStrategy[str],
    community_id: st.SearchStrategy[str],
    resident_id: st.SearchStrategy[str | None],
    first_responder_id: st.SearchStrategy[str | None],
    received_on: st.SearchStrategy[dt.date],
    statuses: st.SearchStrategy[RequestStatus],
    max_pauses: int,
    max_extension_days: int,
    hostile: bool,
) -> ServiceRequest:
    end = event_end(hostile)
    status = draw(statuses)
    received = draw(received_on)
    kinds: list[RequestEventKind] = []
    # A suspended request must show the suspension that stopped its clock.
    if status is not _R.RECEIVED and (status is _R.SUSPENDED or draw(st.booleans())):
        kinds += _dispatch(draw)
        if draw(st.booleans()) or status is not _R.CANCELLED:
            kinds.append(_K.STARTED)
        steps: list[RequestEventKind] = [_K.SUSPENDED] * draw(st.integers(0, max_pauses))
        extensions = draw(st.integers(0, min(2, max_extension_days)))
        steps += [_K.EXTENDED] * extensions
        steps += [_K.SUPERVISED] * draw(st.integers(0, 1))
        for step in draw(st.permutations(steps)):
            kinds.append(step)
            if step is _K.SUSPENDED:
                kinds.append(_K.RESUMED)
        # Done, an unsatisfied return call, handled again (重办): and done again.
        reopened = status in (_R.COMPLETED, _R.IN_PROGRESS) and draw(st.integers(0, 9)) == 0
        if reopened:
            kinds += [_K.COMPLETED, _K.REVISITED, _K.REOPENED]
        if status is _R.SUSPENDED:
            kinds.append(_K.SUSPENDED)
        elif status is _R.COMPLETED:
            kinds.append(_K.COMPLETED)
            if draw(st.booleans()):
                kinds.append(_K.REVISITED)
        elif status is _R.CANCELLED:
            kinds.append(_K.CANCELLED)
    days = _sorted_days(draw, received, len(kinds), max_days=_HISTORY_DAYS, end=end)
    # A hotline system stamps every step; a hall's ledger only dates them.
    zone = draw(time_zones(hostile))
    received_at = times = None
    if draw(st.booleans()):
        [received_at] = times_on(draw, [received], after=None, hostile=hostile)
        times = times_on(draw, days, after=received_at, hostile=hostile)
    # Extensions share out at most max_extension_days between them.
    n_ext = kinds.count(_K.EXTENDED)
    budget = max_extension_days
    events: list[RequestEvent] = []
    for i, (day, kind) in enumerate(zip(days, kinds, strict=True)):
        ext_days = approved_by = None
        if kind is _K.EXTENDED:
            n_ext -= 1
            ext_days = draw(st.integers(1, budget - n_ext))
            budget -= ext_days
            approved_by = draw(entity_ids(hostile=hostile))
        local = None if times is None else times[i]
        events.append(
            RequestEvent(
                on=day,
                kind=kind,
                days=ext_days,
                approved_by=approved_by,
                note=draw(opt(texts(hostile=hostile))),
                at=None if local is None else timestamp(local, zone),
                satisfaction=_satisfaction(draw, kinds, i),
                unit=draw(unit_names(hostile=hostile)) if kind in _TO_UNIT else None,
            )
        )
    completed_on = None
    if status is _R.COMPLETED:
        done = [e.on for e in events if e.kind is _K.COMPLETED]
        completed_on = done[-1] if done else later(draw, received, max_days=90, end=end)
    return ServiceRequest(
        id=draw(entity_ids(hostile=hostile)),
        item_id=draw(item_id),
        community_id=draw(community_id),
        received_on=received,
        status=status,
        resident_id=draw(resident_id),
        first_responder_id=draw(first_responder_id),
        events=events,
        completed_on=completed_on,
        complaint=draw(st.booleans()),
        urgency=draw(opt(st.sampled_from(Urgency))),
        received_at=None if received_at is None else timestamp(received_at, zone),
    )


_TO_UNIT = frozenset({_K.ASSIGNED, _K.RETURNED, _K.REASSIGNED})
#: Most callers are satisfied (满意率 is commonly above 90%).
_GRADES = [Satisfaction.SATISFIED] * 8 + [
    Satisfaction.BASICALLY_SATISFIED,
    Satisfaction.DISSATISFIED,
]


def _dispatch(draw: st.DrawFn) -> list[RequestEventKind]:
    """How a work order reached its unit: dispatched (派单), maybe sent back (退单) and
    dispatched again (改派), then maybe a first reply to the caller (响应)."""
    if not draw(st.booleans()):
        return []
    kinds = [_K.ASSIGNED] + [_K.RETURNED, _K.REASSIGNED] * draw(st.integers(0, 1))
    return kinds + [_K.RESPONDED] * draw(st.integers(0, 1))


def _satisfaction(draw: st.DrawFn, kinds: list[RequestEventKind], i: int) -> Satisfaction | None:
    """A return call's grade: unsatisfied when the order was reopened after it."""
    if kinds[i] is not _K.REVISITED:
        return None
    if i + 1 < len(kinds) and kinds[i + 1] is _K.REOPENED:
        return Satisfaction.DISSATISFIED
    return draw(st.sampled_from(_GRADES))


def service_requests(
    *,
    item_id: st.SearchStrategy[str] | None = None,
    community_id: st.SearchStrategy[str] | None = None,
    resident_id: st.SearchStrategy[str | None] | None = None,
    first_responder_id: st.SearchStrategy[str | None] | None = None,
    received_on: st.SearchStrategy[dt.date] | None = None,
    statuses: st.SearchStrategy[RequestStatus] | None = None,
    max_pauses: int = 2,
    max_extension_days: int = 30,
    hostile: bool = False,
) -> st.SearchStrategy[ServiceRequest]:
    """Service requests (服务工单) whose history, status and ``completed_on`` agree.

    At most ``max_pauses`` closed suspensions (plus the open one of a suspended
    request), and extensions adding up to at most ``max_extension_days``; the history
    spans at most 180 days. ``received_on`` defaults to the calendar's confirmed years
    up to a year before their last day, so that a deadline of up to 60 working days
    after the history is still a confirmed day.
    """
    check_hostile(hostile)
    statuses = st.sampled_from(RequestStatus) if statuses is None else statuses
    check_strategy(statuses, "statuses")
    check_size(0, max_pauses, max_name="max_pauses")
    check_size(0, max_extension_days, max_name="max_extension_days")
    received_on = receipt_dates(hostile) if received_on is None else received_on
    return _service_requests(
        _ids(item_id, "item_id", hostile),
        _ids(community_id, "community_id", hostile),
        _opt_ids(resident_id, "resident_id", hostile),
        _opt_ids(first_responder_id, "first_responder_id", hostile),
        _dates(received_on, "received_on", hostile),
        statuses,
        max_pauses,
        max_extension_days,
        hostile,
    )


# -- visits and meetings ---------------------------------------------------------------


def visits(
    *,
    resident_id: st.SearchStrategy[str] | None = None,
    visitor_id: st.SearchStrategy[str] | None = None,
    visited_on: st.SearchStrategy[dt.date] | None = None,
    reasons: st.SearchStrategy[AttentionKind] | None = None,
    outcomes: st.SearchStrategy[VisitOutcome] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Visit]:
    """Visits (走访) to a resident, with their reasons and whether the visitor met them."""
    check_hostile(hostile)
    reasons = st.sampled_from(AttentionKind) if reasons is None else reasons
    outcomes = st.sampled_from(VisitOutcome) if outcomes is None else outcomes
    check_strategy(reasons, "reasons")
    check_strategy(outcomes, "outcomes")
    return st.builds(
        Visit,
        id=entity_ids(hostile=hostile),
        resident_id=_ids(resident_id, "resident_id", hostile),
        visitor_id=_ids(visitor_id, "visitor_id", hostile),
        visited_on=_dates(visited_on, "visited_on", hostile),
        reasons=st.frozensets(reasons, max_size=3),
        outcome=outcomes,
        note=opt(texts(hostile=hostile)),
    )


@st.composite
def _meetings(
    draw: st.DrawFn,
    community_id: st.SearchStrategy[str],
    kinds: st.SearchStrategy[MeetingKind],
    held_on: st.SearchStrategy[dt.date],
    hostile: bool,
) -> Meeting:
    entitled = draw(st.integers(0, 5_000))
    return Meeting(
        id=draw(entity_ids(hostile=hostile)),
        community_id=draw(community_id),
        kind=draw(kinds),
        held_on=draw(held_on),
        entitled=entitled,
        present=draw(st.integers(0, entitled)),
        topic=draw(
            st.sampled_from(("老旧小区改造", "停车位分配", "物业费调整")) | texts(hostile=hostile)
        ),
        decisions=draw(st.lists(texts(hostile=hostile), max_size=3)),
    )


def meetings(
    *,
    community_id: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[MeetingKind] | None = None,
    held_on: st.SearchStrategy[dt.date] | None = None,
    hostile: bool = False,
) -> st.SearchStrategy[Meeting]:
    """Meetings (议事) with attendance from 0 to everyone entitled."""
    check_hostile(hostile)
    kinds = st.sampled_from(MeetingKind) if kinds is None else kinds
    check_strategy(kinds, "kinds")
    return _meetings(
        _ids(community_id, "community_id", hostile),
        kinds,
        _dates(held_on, "held_on", hostile),
        hostile,
    )
