"""The lifecycle fields in the strategies (#18): timestamps, urgency, dispatch, return
calls and reopenings, and the confirmation of a dispute's agreement."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import (
    CaseEventKind,
    DisputeCase,
    DisputeStatus,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
    ServiceItem,
    ServiceRequest,
    TimeUnit,
    ordered_request_events,
)
from shequ_core.validation import local_date, local_time
from tests.helpers import reach

K = RequestEventKind


def _reopened(r: ServiceRequest) -> bool:
    return any(e.kind is K.REOPENED for e in r.events)


class TestServiceRequests:
    @settings(max_examples=60)
    @given(S.service_requests())
    def test_timestamps_follow_the_receipt_and_the_history(self, r: ServiceRequest) -> None:
        """A stamped request stamps every step, in the order the history runs."""
        if r.received_at is None:
            return
        assert local_date(r.received_at) == r.received_on
        times = [e.at for e in r.events]
        assert all(t is not None for t in times)
        local = [local_time(t) for t in times if t is not None]
        assert local == sorted(local)
        assert all(t > local_time(r.received_at) for t in local)
        assert list(ordered_request_events(r.events)) == list(r.events)

    def test_a_hotline_history_is_reached(self) -> None:
        """Dispatched, sent back and dispatched again, answered; stamped throughout."""

        def hotline(r: ServiceRequest) -> bool:
            kinds = [e.kind for e in r.events]
            return r.received_at is not None and K.REASSIGNED in kinds and K.RESPONDED in kinds

        r = reach(S.service_requests(), hotline)
        kinds = [e.kind for e in r.events]
        # Sent back, then dispatched again (the walks follow the table: shequ_core.workflow).
        assert kinds[kinds.index(K.REASSIGNED) - 1] is K.RETURNED
        assert all(e.at is not None for e in r.events)
        assert all(e.unit for e in r.events if e.kind in (K.ASSIGNED, K.REASSIGNED))

    def test_a_reopened_request_was_called_back_unsatisfied(self) -> None:
        r = reach(S.service_requests(statuses=st.just(RequestStatus.COMPLETED)), _reopened)
        kinds = [e.kind for e in r.events]
        i = kinds.index(K.REOPENED)
        assert K.COMPLETED in kinds[: i - 1]
        assert kinds[i - 1] is K.REVISITED
        assert r.events[i - 1].satisfaction is Satisfaction.DISSATISFIED

    def test_timestamps_in_another_zone_are_reached(self) -> None:
        r = reach(
            S.service_requests(),
            lambda r: (
                r.received_at is not None
                and r.received_at.utcoffset() == dt.timedelta(0)
                and local_date(r.received_at) != r.received_at.date()
            ),
        )
        assert local_date(r.received_at) == r.received_on  # type: ignore[arg-type]


class TestRequestEvents:
    @settings(max_examples=80)
    @given(S.request_events(hostile=True))
    def test_single_events_say_what_their_kind_needs(self, e: RequestEvent) -> None:
        assert (e.satisfaction is not None) == (e.kind is K.REVISITED)
        if e.kind in (K.ASSIGNED, K.REASSIGNED):
            assert e.unit
        if e.at is not None:
            assert local_date(e.at) == e.on

    def test_an_odd_offset_is_reached_when_hostile(self) -> None:
        e = reach(
            S.request_events(hostile=True),
            lambda e: (
                e.at is not None
                and e.at.utcoffset() not in (None, dt.timedelta(0), dt.timedelta(hours=8))
            ),
        )
        assert e.at is not None and local_date(e.at) == e.on


class TestDisputeCases:
    def test_an_agreement_confirmed_and_followed_up_is_reached(self) -> None:
        def confirmed(c: DisputeCase) -> bool:
            kinds = [e.kind for e in c.events]
            return CaseEventKind.CONFIRMED in kinds and CaseEventKind.FOLLOWED_UP in kinds

        agreed = st.just(DisputeStatus.AGREEMENT_REACHED)
        c = reach(S.dispute_cases(statuses=agreed, max_parties=2, max_mediators=0), confirmed)
        kinds = [e.kind for e in c.events if e.kind is not None]
        applied = kinds.index(CaseEventKind.CONFIRMATION_APPLIED)
        assert applied < kinds.index(CaseEventKind.CONFIRMED)
        assert c.resolved_on() is not None


class TestTimeLimits:
    @settings(max_examples=30)
    @given(S.time_limits())
    def test_the_default_limits_count_days(self, limit: object) -> None:
        assert getattr(limit, "unit", None) is not TimeUnit.HOURS

    def test_hostile_items_reach_a_limit_in_hours(self) -> None:
        item = reach(S.service_items(hostile=True), lambda i: i.time_limit.unit is TimeUnit.HOURS)
        assert isinstance(item, ServiceItem)
