"""The strategies walk the tables: every generated history is one the tables allow,
and the walks reach the new steps (退单 and 改派, 回访, 督办, the confirmation)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core.entities import (
    CaseEventKind,
    DisputeCase,
    DisputeStatus,
    RequestEventKind,
    RequestStatus,
    ServiceRequest,
)
from shequ_core.strategies._dates import confirmed_days
from shequ_core.workflow import check_history, trace_history
from tests.helpers import reach


@given(S.service_requests())
def test_every_generated_request_history_is_allowed(r: ServiceRequest) -> None:
    assert check_history(r) == []
    assert trace_history(r).state is r.status


@given(S.dispute_cases())
def test_every_generated_case_history_is_allowed(c: DisputeCase) -> None:
    assert check_history(c) == []
    assert trace_history(c).state is c.status


@settings(max_examples=20)
@given(S.service_requests(hostile=True))
def test_hostile_dates_still_give_allowed_histories(r: ServiceRequest) -> None:
    """Near the calendar's edges there may be no room for a day an event: the
    shortest history then."""
    assert check_history(r) == []


def _kinds(r: ServiceRequest) -> list[RequestEventKind]:
    return [e.kind for e in r.events]


def test_the_walks_reach_the_hotline_steps() -> None:
    K = RequestEventKind
    done = S.service_requests(statuses=st.just(RequestStatus.COMPLETED))
    returned = reach(done, lambda r: K.REASSIGNED in _kinds(r))
    assert K.RETURNED in _kinds(returned)
    revisited = reach(done, lambda r: K.REVISITED in _kinds(r))
    assert any(e.kind is K.COMPLETED for e in revisited.events)
    reach(done, lambda r: K.SUPERVISED in _kinds(r))


def test_the_walks_reach_a_judicial_confirmation() -> None:
    agreed = S.dispute_cases(statuses=st.just(DisputeStatus.AGREEMENT_REACHED))
    confirmed = reach(agreed, lambda c: any(e.kind is CaseEventKind.CONFIRMED for e in c.events))
    kinds = [e.kind for e in confirmed.events]
    assert kinds.index(CaseEventKind.CONFIRMATION_APPLIED) < kinds.index(CaseEventKind.CONFIRMED)


def test_a_request_received_on_the_last_day_has_an_allowed_history() -> None:
    """Where there is no room for a day an event, the shortest history (at most one
    event, the unrecorded steps implied): still a history the table allows."""
    last = confirmed_days()[1]

    @settings(max_examples=30)
    @given(S.service_requests(received_on=st.just(last)))
    def check(r: ServiceRequest) -> None:
        assert check_history(r) == []
        if len(r.events) > 1:  # room was found: one day an event
            assert len({e.on for e in r.events}) == len(r.events)

    check()
