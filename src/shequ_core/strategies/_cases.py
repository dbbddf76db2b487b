"""Strategies for dispute cases, service items and requests, visits and meetings.

Histories are random walks over the lifecycle tables of :mod:`shequ_core.workflow`
(``_histories``), so every one is a history the tables allow, ending in the status:

- a dispute case's events are in date order and end in the case's status (its plain
  status changes may be left out, as registers do); a closed case has its ``closed_on``;
- a service request's events are dispatched, returned, answered, suspended and resumed,
  extended (``days > 0``, ``approved_by``, at most ``max_extension_days`` in all, the
  longest extension the 信访工作条例 第34条 allows), supervised, completed (dated
  ``completed_on``) and revisited as the table allows, each on its own day; the steps
  the table marks implied (派单, 开始办理) may be left out.

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
    Channel,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Meeting,
    MeetingKind,
    Party,
    RequestStatus,
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
from shequ_core.strategies._dates import event_dates, event_end, receipt_dates
from shequ_core.strategies._histories import case_history, request_history

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


# -- dispute cases ---------------------------------------------------------------------


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
    events, closed_on = draw(case_history(received, status, end=end, hostile=hostile))
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
    events, completed_on, received_at = draw(
        request_history(
            received,
            status,
            max_pauses=max_pauses,
            max_extension_days=max_extension_days,
            end=end,
            hostile=hostile,
        )
    )
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
        received_at=received_at,
    )


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
