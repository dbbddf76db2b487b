"""``backlog`` (零积压): a pinned register (ordered by id, then due date, with the year
to date counted), its summary in both languages, then laws over generated registers.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
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
from tests.builders import empty_community, event, service_request
from tests.helpers import problems

CAL = china_calendar()
S = RequestStatus


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
        communities=(empty_community("A"), empty_community("B"), empty_community("Z")),
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


K = RequestEventKind
WORKING_5 = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
RESIDENCE_ITEM = ServiceItem(id="I1", name="居住证明", time_limit=WORKING_5)
JUNE_9 = date(2025, 6, 9)  # Mon; due Mon 16 June


request = service_request


AS_OF = date(2025, 6, 20)  # Fri


def unordered_register() -> Dataset:
    """Listed out of id order on purpose: the report orders by id, then by due date."""
    return Dataset(
        communities=(empty_community("B"), empty_community("A"), empty_community("Z")),
        service_items=(RESIDENCE_ITEM,),
        service_requests=(
            request("R10", AS_OF),  # received on as_of: known, running (due 27 June)
            request("R3", date(2025, 6, 19), community="B"),  # running, due 26 June
            request("R2", date(2025, 6, 11), community="B"),  # due Wed 18: 2 days over
            request("R1", JUNE_9),  # due Mon 16: 4 days over
            request("R0", JUNE_9, community="B"),  # due Mon 16 too: before R1 by id
            request(
                "R4", date(2025, 6, 16), event(date(2025, 6, 17), K.SUSPENDED), status=S.SUSPENDED
            ),
            # Completed: on time, late (due 10 March), the day before and on the first day
            # of the year (due Tue 7 Jan 2025), and on as_of itself.
            request("R5", date(2025, 3, 3), status=S.COMPLETED, completed_on=date(2025, 3, 5)),
            request("R6", date(2025, 3, 3), status=S.COMPLETED, completed_on=date(2025, 3, 20)),
            request("R7", date(2024, 12, 30), status=S.COMPLETED, completed_on=date(2024, 12, 31)),
            request("R8", date(2024, 12, 30), status=S.COMPLETED, completed_on=date(2025, 1, 1)),
            request("R9", date(2025, 6, 16), status=S.COMPLETED, completed_on=AS_OF),
            request("R11", date(2025, 6, 23)),  # after as_of: not in the report
        ),
    )


class TestBacklog:
    """The report of a register on a day."""

    def test_backlog_of_a_register(self) -> None:
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

    def test_backlog_period_and_empty_share(self) -> None:
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
                ds,
                as_of=date(2025, 6, 20),
                calendar=CAL,
                period=(date(2025, 2, 1), date(2025, 1, 1)),
            )

    def test_an_empty_register_has_zero_backlog(self) -> None:
        report = backlog(Dataset(), as_of=date(2025, 6, 20), calendar=CAL)
        assert report.is_zero_backlog
        assert report.on_time_share is None
        assert dict(report.by_stage) == dict.fromkeys(
            (SlaStage.RUNNING, SlaStage.PAUSED, SlaStage.BREACHED), 0
        )

    def test_backlog_orders_by_id_then_due_date_and_counts_the_year_to_date(self) -> None:
        report = backlog(unordered_register(), as_of=AS_OF, calendar=CAL)
        ids = ["R0", "R1", "R10", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"]
        assert [s.request_id for s in report.statuses] == ids
        assert [s.request_id for s in report.open_requests] == ["R0", "R1", "R2", "R3", "R4", "R10"]
        assert [s.request_id for s in report.breached] == ["R0", "R1", "R2"]
        assert dict(report.by_stage) == {
            SlaStage.RUNNING: 2,
            SlaStage.PAUSED: 1,
            SlaStage.BREACHED: 3,
        }
        assert list(report.by_community) == ["A", "B", "Z"]
        assert dict(report.by_community["A"]) == {
            SlaStage.RUNNING: 1,
            SlaStage.PAUSED: 1,
            SlaStage.BREACHED: 1,
        }
        # 1 January to 20 June, both included: R5, R6 (late), R8 and R9; not R7.
        assert report.period == (date(2025, 1, 1), AS_OF)
        assert (report.completed_in_period, report.met_in_period, report.on_time_share) == (
            4,
            3,
            0.75,
        )
        assert repr(report) == (
            "BacklogReport(as_of=2025-06-20, requests=11, open=6, breached=3, on_time_share=0.75)"
        )

    def test_a_period_of_one_day_includes_that_day(self) -> None:
        ds = unordered_register()
        for day, n in (
            (AS_OF, 1),
            (date(2025, 1, 1), 1),
            (date(2024, 12, 31), 1),
            (date(2025, 1, 2), 0),
        ):
            report = backlog(ds, as_of=AS_OF, calendar=CAL, period=(day, day))
            assert report.completed_in_period == n, day
        with pytest.raises(ValidationError) as info:
            backlog(ds, as_of=AS_OF, calendar=CAL, period=(AS_OF, date(2025, 6, 19)))
        assert problems(info) == [("period", "ends (2025-06-19) before it begins (2025-06-20)")]
        assert info.value.subject == "backlog"

    @given(registers(), st.integers(0, 500))
    def test_backlog_counts_add_up(self, ds: Dataset, offset: int) -> None:
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


class TestSummary:
    """``BacklogReport.summary`` in both languages."""

    def test_backlog_summary_in_both_languages(self) -> None:
        report = backlog(unordered_register(), as_of=AS_OF, calendar=CAL)
        assert report.summary() == "\n".join(
            [
                "在办工单 6 件：办理中 2, 中止计时 1, 已超期 3",
                "2025-01-01至2025-06-20办结 4 件，按期 3 件（按期率 75%）",
                "  超期：R0（B），期限 2025-06-16，已超 4个工作日",
                "  超期：R1（A），期限 2025-06-16，已超 4个工作日",
                "  超期：R2（B），期限 2025-06-18，已超 2个工作日",
            ]
        )
        assert report.summary("en") == "\n".join(
            [
                "6 open requests: running 2, paused 1, breached 3",
                "completed 2025-01-01 to 2025-06-20: 4, on time 3 (75%)",
                "  overdue: R0 (B), due 2025-06-16, 4 working days over",
                "  overdue: R1 (A), due 2025-06-16, 4 working days over",
                "  overdue: R2 (B), due 2025-06-18, 2 working days over",
            ]
        )
        with pytest.raises(ValueError, match="lang"):
            report.summary("fr")

    def test_zero_backlog_summary(self) -> None:
        ds = Dataset(communities=(empty_community("A"),), service_items=(RESIDENCE_ITEM,))
        report = backlog(ds, as_of=AS_OF, calendar=CAL)
        assert report.summary() == "\n".join(
            [
                "在办工单 0 件：办理中 0, 中止计时 0, 已超期 0",
                "2025-01-01至2025-06-20办结 0 件，按期 0 件（按期率 -）",
                "零积压：无超期未办结工单",
            ]
        )
        assert report.summary("en").splitlines()[1:] == [
            "completed 2025-01-01 to 2025-06-20: 0, on time 0 (-)",
            "zero backlog: nothing overdue",
        ]
        # A report built by hand may leave a stage out: it is shown as 0.
        partial = attrs.evolve(report, by_stage={SlaStage.BREACHED: 0})
        assert partial.summary().splitlines()[0] == "在办工单 0 件：办理中 0, 中止计时 0, 已超期 0"
        # On 16 June nothing of the register was overdue yet: zero backlog, with open work.
        early = backlog(unordered_register(), as_of=date(2025, 6, 16), calendar=CAL)
        assert early.is_zero_backlog and early.summary().endswith("零积压：无超期未办结工单")
        assert early.by_stage[SlaStage.RUNNING] == 5  # R9 was not yet completed
