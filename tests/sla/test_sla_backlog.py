"""backlog (零积压): a pinned register, then laws over generated ones."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Community,
    CommunityKind,
    Dataset,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    ServiceItem,
    ServiceRequest,
    TimeLimit,
    TimeUnit,
)
from shequ_core.errors import ValidationError
from shequ_core.rules.sla import SlaStage, backlog
from shequ_core.strategies import communities, service_items, service_requests, time_limits

CAL = china_calendar()
S = RequestStatus


def community(cid: str) -> Community:
    return Community(
        id=cid,
        name=f"{cid}社区",
        town="城关镇",
        kind=CommunityKind.ORDINARY,
        households=0,
        residents=0,
    )


def req(
    rid: str,
    cid: str,
    received: date,
    status: RequestStatus = S.IN_PROGRESS,
    completed_on: date | None = None,
    events: tuple[RequestEvent, ...] = (),
) -> ServiceRequest:
    return ServiceRequest(
        id=rid,
        item_id="I1",
        community_id=cid,
        received_on=received,
        status=status,
        completed_on=completed_on,
        events=events,
    )


ITEM = ServiceItem(
    id="I1", name="开具证明", time_limit=TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
)


def register() -> Dataset:
    # 5 working days each; June 2025 has no holidays after 2 June (端午).
    return Dataset(
        communities=(community("A"), community("B"), community("Z")),
        service_items=(ITEM,),
        service_requests=(
            # Received Mon 9 June: due Mon 16 June -> breached on 20 June.
            req("R3", "A", date(2025, 6, 9)),
            # Received Mon 2 June (端午, a rest day): 3-6, 9 June -> due Mon 9 June.
            req("R2", "A", date(2025, 6, 2)),
            # Received Wed 11 June: due Wed 18 June -> breached, after R2 and R3.
            req("R1", "B", date(2025, 6, 11)),
            # Received Thu 19 June: due Thu 26 June -> running.
            req("R4", "B", date(2025, 6, 19)),
            # Suspended: paused.
            req(
                "R5",
                "A",
                date(2025, 6, 16),
                S.SUSPENDED,
                events=(RequestEvent(on=date(2025, 6, 17), kind=RequestEventKind.SUSPENDED),),
            ),
            # Completed on time in 2025, late in 2025, and one in 2024.
            req("R6", "B", date(2025, 3, 3), S.COMPLETED, completed_on=date(2025, 3, 5)),
            req("R7", "B", date(2025, 3, 3), S.COMPLETED, completed_on=date(2025, 3, 20)),
            req("R8", "A", date(2024, 12, 2), S.COMPLETED, completed_on=date(2024, 12, 3)),
            # Received after as_of: not in the report.
            req("R9", "Z", date(2025, 6, 23)),
        ),
    )


def test_backlog_of_a_register() -> None:
    report = backlog(register(), as_of=date(2025, 6, 20), calendar=CAL)
    assert [s.request_id for s in report.breached] == ["R2", "R3", "R1"]
    assert [s.due_on for s in report.breached] == [
        date(2025, 6, 9),
        date(2025, 6, 16),
        date(2025, 6, 18),
    ]
    assert dict(report.by_stage) == {
        SlaStage.RUNNING: 1,
        SlaStage.PAUSED: 1,
        SlaStage.BREACHED: 3,
    }
    assert {cid: dict(c) for cid, c in report.by_community.items()} == {
        "A": {SlaStage.RUNNING: 0, SlaStage.PAUSED: 1, SlaStage.BREACHED: 2},
        "B": {SlaStage.RUNNING: 1, SlaStage.PAUSED: 0, SlaStage.BREACHED: 1},
        "Z": {SlaStage.RUNNING: 0, SlaStage.PAUSED: 0, SlaStage.BREACHED: 0},
    }
    # The year 2025 up to 20 June: R6 on time (5 March <= due 10 March), R7 late.
    assert report.period == (date(2025, 1, 1), date(2025, 6, 20))
    assert (report.completed_in_period, report.met_in_period) == (2, 1)
    assert report.on_time_share == 0.5
    assert "R9" not in {s.request_id for s in report.statuses}
    assert not report.is_zero_backlog


def test_backlog_period_and_empty_share() -> None:
    ds = register()
    report = backlog(
        ds, as_of=date(2025, 6, 20), calendar=CAL, period=(date(2024, 1, 1), date(2024, 12, 31))
    )
    assert (report.completed_in_period, report.on_time_share) == (1, 1.0)
    report = backlog(
        ds, as_of=date(2025, 6, 20), calendar=CAL, period=(date(2025, 4, 1), date(2025, 4, 30))
    )
    assert (report.completed_in_period, report.on_time_share) == (0, None)
    # A completion after as_of is not known yet, whatever the period says.
    report = backlog(
        ds, as_of=date(2025, 3, 10), calendar=CAL, period=(date(2025, 1, 1), date(2025, 12, 31))
    )
    assert (report.completed_in_period, report.met_in_period) == (1, 1)
    with pytest.raises(ValidationError, match="period"):
        backlog(
            ds, as_of=date(2025, 6, 20), calendar=CAL, period=(date(2025, 2, 1), date(2025, 1, 1))
        )


def test_an_empty_register_has_zero_backlog() -> None:
    report = backlog(Dataset(), as_of=date(2025, 6, 20), calendar=CAL)
    assert report.is_zero_backlog
    assert report.on_time_share is None
    assert dict(report.by_stage) == dict.fromkeys(
        (SlaStage.RUNNING, SlaStage.PAUSED, SlaStage.BREACHED), 0
    )


@st.composite
def registers(draw: st.DrawFn) -> Dataset:
    comms = draw(st.lists(communities(), min_size=1, max_size=3, unique_by=lambda c: c.id))
    items = draw(
        st.lists(
            service_items(time_limits=time_limits(max_amount=30)),
            min_size=1,
            max_size=2,
            unique_by=lambda i: i.id,
        )
    )
    requests = draw(
        st.lists(
            service_requests(
                item_id=st.sampled_from([i.id for i in items]),
                community_id=st.sampled_from([c.id for c in comms]),
                resident_id=st.none(),
                first_responder_id=st.none(),
                received_on=st.dates(date(2024, 1, 1), date(2025, 3, 31)),
            ),
            max_size=8,
            unique_by=lambda r: r.id,
        )
    )
    return Dataset(
        communities=tuple(comms), service_items=tuple(items), service_requests=tuple(requests)
    )


@given(registers(), st.integers(0, 500))
def test_backlog_counts_add_up(ds: Dataset, offset: int) -> None:
    as_of = date(2024, 1, 1) + timedelta(days=offset)
    report = backlog(ds, as_of=as_of, calendar=CAL)
    known = [r for r in ds.service_requests if r.received_on <= as_of]
    assert len(report.statuses) == len(known)
    assert sum(report.by_stage.values()) == len(report.open_requests)
    for stage, n in report.by_stage.items():
        assert sum(c[stage] for c in report.by_community.values()) == n
    assert set(report.by_community) >= {c.id for c in ds.communities}
    assert all(s.stage is SlaStage.BREACHED for s in report.breached)
    assert len(report.breached) == report.by_stage[SlaStage.BREACHED]
    keys = [(s.due_on, s.request_id) for s in report.breached]
    assert keys == sorted(keys)
    assert all(s.due_on < as_of for s in report.breached)
    assert 0 <= report.met_in_period <= report.completed_in_period
    if report.completed_in_period:
        assert report.on_time_share == report.met_in_period / report.completed_in_period
    else:
        assert report.on_time_share is None
