"""The strategies for casework (``_cases``): dispute cases, service requests and
meetings, with the rare histories real registers hold.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import (
    DisputeCase,
    DisputeStatus,
    Meeting,
    RequestEventKind,
    RequestStatus,
    ServiceRequest,
    ValidationError,
    ordered_request_events,
)
from tests.helpers import reach
from tests.leaks import assert_hidden, secrets, shown


def _last_event_is_a_suspension(r: ServiceRequest) -> bool:
    events = ordered_request_events(r.events)
    return bool(events) and events[-1].kind is RequestEventKind.SUSPENDED


# The order a dispute's history follows: 受理, 调解中, an outcome, 结案.
_RANK = {
    DisputeStatus.RECEIVED: 0,
    DisputeStatus.MEDIATING: 1,
    DisputeStatus.AGREEMENT_REACHED: 2,
    DisputeStatus.FAILED: 2,
    DisputeStatus.REFERRED: 2,
    DisputeStatus.WITHDRAWN: 2,
    DisputeStatus.CLOSED: 3,
}


def _open_suspension(r: ServiceRequest) -> bool:
    paused = False
    for e in ordered_request_events(r.events):
        if e.kind is RequestEventKind.SUSPENDED:
            paused = True
        elif e.kind is RequestEventKind.RESUMED:
            paused = False
    return paused


_TERMINAL = {RequestEventKind.COMPLETED, RequestEventKind.CANCELLED}


def _last_step(kinds: list[RequestEventKind]) -> int:
    """The index of the last event that is not a return call (回访), or -1."""
    steps = [i for i, k in enumerate(kinds) if k is not RequestEventKind.REVISITED]
    return steps[-1] if steps else -1


class TestDisputeCases:
    """``dispute_cases``"""

    @given(S.dispute_cases())
    def test_dispute_histories_move_forward(self, c: DisputeCase) -> None:
        plain = [e.status for e in c.events if e.kind is None]
        ranks = [_RANK[s] for s in plain]
        assert ranks == sorted(ranks) and len(set(plain)) == len(plain), "each once, in order"
        # One outcome; or mediation failed and the parties were referred (第26条).
        outcomes = [s for s in plain if _RANK[s] == 2]
        assert len(outcomes) <= 1 or outcomes == [DisputeStatus.FAILED, DisputeStatus.REFERRED]
        # The steps of a kind (司法确认, 回访) come after the agreement, in its status.
        steps = [i for i, e in enumerate(c.events) if e.kind is not None]
        if steps:
            agreed = [e.status for e in c.events].index(DisputeStatus.AGREEMENT_REACHED)
            assert all(i > agreed for i in steps)
            assert {c.events[i].status for i in steps} == {DisputeStatus.AGREEMENT_REACHED}
        assert [e.on for e in c.events] == sorted(e.on for e in c.events)
        assert len(c.parties) >= 2
        assert len(set(c.mediator_ids)) == len(c.mediator_ids)
        if c.closed_on is not None and c.events:
            assert c.closed_on >= c.events[-1].on

    @given(S.dispute_cases(statuses=st.just(DisputeStatus.CLOSED)))
    def test_closed_cases_have_their_closing_date(self, c: DisputeCase) -> None:
        assert c.status is DisputeStatus.CLOSED and c.closed_on is not None
        if c.events:
            assert c.events[-1].status is DisputeStatus.CLOSED
            assert c.events[-1].on == c.closed_on

    @given(
        S.dispute_cases(statuses=st.sampled_from([DisputeStatus.RECEIVED, DisputeStatus.MEDIATING]))
    )
    def test_open_cases_are_not_closed(self, c: DisputeCase) -> None:
        assert c.closed_on is None and c.is_open

    def test_closed_dispute_case_with_history(self) -> None:
        def closed(c: DisputeCase) -> bool:
            plain = [e for e in c.events if e.kind is None]
            return c.status is DisputeStatus.CLOSED and len(plain) == 4

        c = reach(S.dispute_cases(statuses=st.just(DisputeStatus.CLOSED)), closed)
        assert [e.status for e in c.events][:2] == [DisputeStatus.RECEIVED, DisputeStatus.MEDIATING]
        assert c.closed_on == c.events[-1].on

    @given(S.dispute_cases())
    def test_errors_about_a_case_do_not_show_full_numbers(self, c: Any) -> None:
        with pytest.raises(ValidationError) as info:
            # Closed before any case can be received: a fixed day, as moving the received day
            # to another year fails on 29 February.
            attrs.evolve(c, parties=c.parties[:1], closed_on=dt.date(1000, 1, 1))
        assert_hidden(shown(info.value), secrets(c))


class TestServiceRequests:
    """``service_requests``"""

    @given(S.service_requests(max_extension_days=20))
    def test_request_histories_agree_with_their_status(self, r: ServiceRequest) -> None:
        kinds = [e.kind for e in r.events]
        assert [e.on for e in r.events] == sorted(e.on for e in r.events)
        # A suspended request has its suspension open; a suspension is left open only by a
        # request still suspended or cancelled while it stood (the table allows that).
        if r.status is RequestStatus.SUSPENDED:
            assert _open_suspension(r)
        if _open_suspension(r):
            assert r.status in (RequestStatus.SUSPENDED, RequestStatus.CANCELLED)
        if r.status is RequestStatus.RECEIVED:
            assert kinds == []
        # Only the return call (回访) follows the end; a completion undone by a
        # reopening (重办) is not the end.
        last = _last_step(kinds)
        if r.status is RequestStatus.COMPLETED:
            assert r.completed_on is not None and r.completed_on >= r.received_on
            if kinds:
                assert kinds[last] is RequestEventKind.COMPLETED
                assert r.events[last].on == r.completed_on
        else:
            assert r.completed_on is None
        if r.status is RequestStatus.CANCELLED and kinds:
            assert kinds[last] is RequestEventKind.CANCELLED
        # Nothing follows the end of a request.
        assert all(k is RequestEventKind.REVISITED for k in kinds[last + 1 :])
        for i, k in enumerate(kinds[:last]):
            if k in _TERMINAL:
                assert k is RequestEventKind.COMPLETED
                assert RequestEventKind.REOPENED in kinds[i + 1 : last + 1]
        extensions = [e for e in r.events if e.kind is RequestEventKind.EXTENDED]
        assert all(e.days is not None and e.days > 0 and e.approved_by for e in extensions)
        assert sum(e.days or 0 for e in extensions) <= 20

    @given(
        S.service_requests(
            statuses=st.just(RequestStatus.SUSPENDED), received_on=st.just(dt.date(2025, 3, 1))
        )
    )
    def test_suspended_requests_show_the_open_suspension(self, r: ServiceRequest) -> None:
        assert r.received_on == dt.date(2025, 3, 1)
        assert r.events and _open_suspension(r)

    def test_request_with_open_suspension(self) -> None:
        r = reach(S.service_requests(), _last_event_is_a_suspension)
        assert r.status is RequestStatus.SUSPENDED

    def test_request_suspended_and_resumed_before_completion(self) -> None:
        def resumed_then_done(r: ServiceRequest) -> bool:
            kinds = [e.kind for e in r.events]
            return RequestEventKind.RESUMED in kinds and r.status is RequestStatus.COMPLETED

        r = reach(S.service_requests(), resumed_then_done)
        done = [e for e in r.events if e.kind is RequestEventKind.COMPLETED]
        assert done[-1].on == r.completed_on

    def test_request_with_extension(self) -> None:
        r = reach(S.service_requests(), lambda r: any(e.days for e in r.events))
        ext = next(e for e in r.events if e.kind is RequestEventKind.EXTENDED)
        assert ext.approved_by


class TestMeetings:
    """``meetings``"""

    @given(S.meetings())
    def test_meeting_attendance_is_within_the_entitled(self, m: Meeting) -> None:
        assert 0 <= m.present <= m.entitled
