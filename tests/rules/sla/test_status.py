"""``sla_status``: pinned examples, every status line in both languages, the refusals
(every problem named with its path, in one error), then laws over generated requests.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from shequ_core.calendar import CalendarCoverageError, china_calendar
from shequ_core.entities import (
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    ServiceItem,
    ServiceRequest,
    TimeLimit,
    TimeUnit,
    ordered_request_events,
)
from shequ_core.errors import ValidationError
from shequ_core.rules.sla import SlaStage, SlaStatus, sla_status
from shequ_core.strategies import service_items, service_requests, time_limits
from tests.builders import event, service_request
from tests.helpers import problems

CAL = china_calendar()
K = RequestEventKind


FIVE_WORKING = ServiceItem(
    id="I1", name="居住证明", time_limit=TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
)


SIXTY_NATURAL = ServiceItem(
    id="I2", name="信访事项", time_limit=TimeLimit(amount=60, unit=TimeUnit.NATURAL_DAYS)
)


def request(
    received: date,
    *events: RequestEvent,
    item: str = "I1",
    status: RequestStatus = RequestStatus.IN_PROGRESS,
    completed_on: date | None = None,
) -> ServiceRequest:
    return ServiceRequest(
        id="R1",
        item_id=item,
        community_id="C1",
        received_on=received,
        status=status,
        events=events,
        completed_on=completed_on,
    )


def status(req: ServiceRequest, as_of: date, item: ServiceItem = FIVE_WORKING) -> SlaStatus:
    return sla_status(req, item, as_of=as_of, calendar=CAL)


# Received Mon 9 June 2025, a week without holidays: due Mon 16 June.
JUNE_9 = date(2025, 6, 9)


# Received up to March 2025 and looked at up to 400 days later: inside the calendar data.
requests = service_requests(
    item_id=st.just("I1"),
    community_id=st.just("C1"),
    received_on=st.dates(date(2022, 1, 1), date(2025, 3, 31)),
)


items = service_items(ids=st.just("I1"), time_limits=time_limits(max_amount=60))
offsets = st.integers(0, 400)


open_requests = service_requests(
    item_id=st.just("I1"),
    community_id=st.just("C1"),
    received_on=st.dates(date(2022, 1, 1), date(2025, 3, 31)),
    statuses=st.sampled_from(
        [RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS, RequestStatus.SUSPENDED]
    ),
)


S = RequestStatus
WORKING_5 = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
ITEM = ServiceItem(id="I1", name="居住证明", time_limit=WORKING_5)


def last_lines(s: SlaStatus) -> tuple[str, str]:
    return s.explain().splitlines()[-1], s.explain("en").splitlines()[-1]


def at(req: ServiceRequest, as_of: date) -> SlaStatus:
    return sla_status(req, ITEM, as_of=as_of, calendar=CAL)


MON = date(2025, 6, 9)  # June 2025: no holiday after 2 June
OTHER = ServiceItem(id="I2", name="信访事项", time_limit=WORKING_5)


def _request(*events: RequestEvent, received: date = MON) -> ServiceRequest:
    return ServiceRequest(
        id="R1",
        item_id="I1",
        community_id="C1",
        received_on=received,
        status=RequestStatus.IN_PROGRESS,
        events=events,
    )


class TestStages:
    """The stage of a request on a day: running, paused, breached, met, late, cancelled."""

    def test_running_warnings_and_breach_day_by_day(self) -> None:
        req = request(JUNE_9)
        # Thu 12: 3 of 5 working days used (10, 11, 12): past the 50% warning; 13 and 16 left.
        s = status(req, date(2025, 6, 12))
        assert (s.stage, s.due_on, s.remaining, s.warning) == (
            SlaStage.RUNNING,
            date(2025, 6, 16),
            2,
            0.5,
        )
        assert s.elapsed_fraction == pytest.approx(0.6)
        # Fri 13: 4 of 5, past 75%.
        assert status(req, date(2025, 6, 13)).warning == 0.75
        # Mon 16, the last day: still on time, nothing left.
        s = status(req, date(2025, 6, 16))
        assert (s.stage, s.remaining, s.elapsed_fraction) == (SlaStage.RUNNING, 0, 1.0)
        # Tue 17: breached by one working day; no warning once breached.
        s = status(req, date(2025, 6, 17))
        assert (s.stage, s.remaining, s.warning) == (SlaStage.BREACHED, -1, None)
        assert s.elapsed_fraction > 1
        # Sat 21: four working days late (17, 18, 19, 20).
        assert status(req, date(2025, 6, 21)).remaining == -4

    def test_breached_over_a_weekend_is_at_least_one_day_late(self) -> None:
        # Received Fri 6 June; 5 working days: 9-13 June, due Fri 13. On Sat 14 it is late.
        s = status(request(date(2025, 6, 6)), date(2025, 6, 14))
        assert (s.stage, s.due_on, s.remaining) == (SlaStage.BREACHED, date(2025, 6, 13), -1)

    def test_completion_decides_met_or_late(self) -> None:
        on_time = request(JUNE_9, status=RequestStatus.COMPLETED, completed_on=date(2025, 6, 16))
        s = status(on_time, date(2025, 7, 1))
        assert (s.stage, s.closed_on, s.remaining) == (SlaStage.MET, date(2025, 6, 16), 0)
        late = request(JUNE_9, status=RequestStatus.COMPLETED, completed_on=date(2025, 6, 18))
        s = status(late, date(2025, 7, 1))
        assert (s.stage, s.remaining) == (SlaStage.MET_LATE, -2)
        # Before the completion day it was still open.
        assert status(late, date(2025, 6, 17)).stage is SlaStage.BREACHED

    def test_a_completion_reopened_later_closed_the_request_until_then(self) -> None:
        # Completed Fri 13 (on time), reopened (重办) Wed 18, completed again Fri 20.
        req = request(
            JUNE_9,
            RequestEvent(on=date(2025, 6, 13), kind=K.COMPLETED),
            RequestEvent(on=date(2025, 6, 18), kind=K.REOPENED),
            RequestEvent(on=date(2025, 6, 20), kind=K.COMPLETED),
            status=RequestStatus.COMPLETED,
            completed_on=date(2025, 6, 20),
        )
        # On Tue 17 the register showed it done on the 13th: met, not breached.
        s = status(req, date(2025, 6, 17))
        assert (s.stage, s.closed_on) == (SlaStage.MET, date(2025, 6, 13))
        # From the reopening it runs again, past its due day (Mon 16); then late.
        assert status(req, date(2025, 6, 18)).stage is SlaStage.BREACHED
        s = status(req, date(2025, 6, 20))
        assert (s.stage, s.closed_on) == (SlaStage.MET_LATE, date(2025, 6, 20))

    def test_a_suspended_request_is_paused_and_cannot_breach(self) -> None:
        req = request(JUNE_9, RequestEvent(on=date(2025, 6, 11), kind=K.SUSPENDED))
        # Suspended Wed 11 with 2 of 5 used; three weeks later still paused, 3 left.
        for as_of in (date(2025, 6, 13), date(2025, 7, 4)):
            s = status(req, as_of)
            assert (s.stage, s.remaining, s.warning) == (SlaStage.PAUSED, 3, None)
            assert s.elapsed_fraction == pytest.approx(0.4)

    def test_cancellation_dates_from_its_event(self) -> None:
        req = request(
            JUNE_9,
            RequestEvent(on=date(2025, 6, 20), kind=K.CANCELLED),
            status=RequestStatus.CANCELLED,
        )
        assert status(req, date(2025, 6, 17)).stage is SlaStage.BREACHED
        s = status(req, date(2025, 6, 20))
        assert (s.stage, s.closed_on) == (SlaStage.CANCELLED, date(2025, 6, 20))
        assert not s.is_open

    def test_events_after_as_of_are_not_known_yet(self) -> None:
        # An extension approved on Fri 13 June: on Thu 12 it is not known.
        req = request(
            JUNE_9,
            RequestEvent(on=date(2025, 6, 13), kind=K.EXTENDED, days=2, approved_by="S01"),
        )
        assert status(req, date(2025, 6, 12)).due_on == date(2025, 6, 16)
        assert status(req, date(2025, 6, 13)).due_on == date(2025, 6, 18)

    def test_a_late_extension_does_not_undo_a_breach(self) -> None:
        req = request(
            JUNE_9,
            RequestEvent(on=date(2025, 6, 18), kind=K.EXTENDED, days=10, approved_by="S01"),
        )
        for as_of in (date(2025, 6, 17), date(2025, 6, 18), date(2025, 6, 30)):
            assert status(req, as_of).stage is SlaStage.BREACHED

    def test_only_a_counted_pause_before_the_day_stops_the_clock(self) -> None:
        # Suspended Tue 17 June, after the due date (Mon 16): not counted, so on Fri 20 the
        # clock has run 9 working days of 5 (10-13, 16-20) and the request is 4 days late.
        late = service_request(
            "R1", JUNE_9, event(date(2025, 6, 17), K.SUSPENDED), event(date(2025, 6, 20), K.RESUMED)
        )
        s = at(late, date(2025, 6, 20))
        assert (s.stage, s.remaining, s.elapsed_fraction) == (SlaStage.BREACHED, -4, 1.8)
        # Suspended on Wed 11 and looked at that same day: 2 days used (10, 11), nothing yet
        # paused.
        same_day = service_request(
            "R1", JUNE_9, event(date(2025, 6, 11), K.SUSPENDED), status=S.SUSPENDED
        )
        s = at(same_day, date(2025, 6, 11))
        assert (s.stage, s.remaining, s.elapsed_fraction) == (SlaStage.PAUSED, 3, 0.4)

    def test_a_period_rolled_past_a_weekend_is_never_more_than_all_used(self) -> None:
        # 5 natural days from Monday end on Saturday, carried to Monday: on that Monday seven
        # days have passed, but the request is on time and has used its whole period, no more.
        item = ServiceItem(
            id="I1", name="证明", time_limit=TimeLimit(amount=5, unit=TimeUnit.NATURAL_DAYS)
        )
        s = sla_status(_request(), item, as_of=date(2025, 6, 16), calendar=CAL)
        assert s.stage is SlaStage.RUNNING and s.remaining == 0
        assert s.elapsed_fraction == 1.0
        late = sla_status(_request(), item, as_of=date(2025, 6, 17), calendar=CAL)
        assert late.stage is SlaStage.BREACHED and late.elapsed_fraction > 1.0


class TestRefusals:
    """Bad arguments: every problem named with its path, in one error."""

    def test_a_request_not_yet_received_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="before the request was received"):
            status(request(JUNE_9), date(2025, 6, 8))

    def test_the_item_must_be_the_requests_own(self) -> None:
        with pytest.raises(ValidationError, match="the request is for 'I1'"):
            status(request(JUNE_9), date(2025, 6, 10), item=SIXTY_NATURAL)

    def test_warning_thresholds_are_fractions(self) -> None:
        with pytest.raises(ValidationError, match="warn_at"):
            sla_status(request(JUNE_9), FIVE_WORKING, as_of=JUNE_9, calendar=CAL, warn_at=(1.5,))
        s = sla_status(
            request(JUNE_9), FIVE_WORKING, as_of=date(2025, 6, 13), calendar=CAL, warn_at=(0.9, 0.2)
        )
        assert s.warning == 0.2

    def test_warn_at_must_be_a_list_of_fractions_in_0_1(self) -> None:
        req = service_request("R1", JUNE_9)
        with pytest.raises(ValidationError) as info:
            sla_status(req, ITEM, as_of=JUNE_9, calendar=CAL, warn_at=0.5)  # type: ignore[arg-type]
        assert problems(info) == [("warn_at", "must be a list of fractions")]
        for bad in (0, 0.0, -0.5, 1.01, True, float("nan"), "0.5"):
            with pytest.raises(ValidationError) as info:
                sla_status(req, ITEM, as_of=JUNE_9, calendar=CAL, warn_at=(0.5, bad))  # type: ignore[arg-type]
            assert problems(info) == [("warn_at", "every threshold must be a fraction in (0, 1]")]
        # 1 is allowed: reached on the last day, when the whole period is used.
        s = sla_status(req, ITEM, as_of=date(2025, 6, 16), calendar=CAL, warn_at=(1,))
        assert (s.stage, s.warning) == (SlaStage.RUNNING, 1.0)
        assert (
            sla_status(req, ITEM, as_of=date(2025, 6, 13), calendar=CAL, warn_at=(1,)).warning
            is None
        )

    def test_status_past_the_calendar_data_is_an_error(self) -> None:
        with pytest.raises(CalendarCoverageError):
            status(request(date(2026, 12, 28)), date(2026, 12, 30))

    def test_sla_status_names_a_wrong_item_and_an_early_day_together(self) -> None:
        with pytest.raises(ValidationError) as info:
            sla_status(_request(), OTHER, as_of=date(2025, 6, 8), calendar=CAL)
        assert info.value.subject == "sla_status"
        assert problems(info) == [
            ("item", "is 'I2', but the request is for 'I1'"),
            ("as_of", "2025-06-08 is before the request was received (2025-06-09)"),
        ]

    def test_a_status_names_its_request_item_and_dates(self) -> None:
        s = sla_status(_request(), ITEM, as_of=date(2025, 6, 11), calendar=CAL)
        assert (s.request_id, s.item_id, s.community_id) == ("R1", "I1", "C1")
        assert (s.received_on, s.as_of, s.due_on) == (MON, date(2025, 6, 11), date(2025, 6, 16))


class TestExplain:
    """``SlaStatus.explain``: every status line, in both languages."""

    def test_explain_shows_the_pause_the_rollover_and_the_standing(self) -> None:
        # 60 natural days from Mon 4 Aug 2025 with a 5-day pause (15 -> 20 Aug): 65 days,
        # Wed 8 Oct, the last day of the National Day break -> Thu 9 Oct.
        req = request(
            date(2025, 8, 4),
            RequestEvent(on=date(2025, 8, 15), kind=K.SUSPENDED),
            RequestEvent(on=date(2025, 8, 20), kind=K.RESUMED),
            item="I2",
        )
        s = status(req, date(2025, 9, 30), item=SIXTY_NATURAL)
        assert s.due_on == date(2025, 10, 9)
        zh = s.explain("zh")
        assert "中止：2025年8月15日（星期五）至2025年8月20日（星期三），顺延5个自然日" in zh
        assert "2025年10月8日（星期三）为休息日，顺延至2025年10月9日（星期四）" in zh
        # Sep 30: 57 days since Aug 4, 5 of them paused: 52 of 60 used, 9 days left.
        assert zh.splitlines()[-1] == (
            "截至2025年9月30日（星期二）：办理中，剩余9个自然日（已用时87%，已达75%预警）"
        )
        en = s.explain("en")
        assert "Suspended Fri 2025-08-15 to Wed 2025-08-20: +5 natural days" in en
        assert "The last day, Wed 2025-10-08, is a rest day" in en
        assert en.splitlines()[-1] == (
            "As of Tue 2025-09-30: running, 9 natural days left "
            "(87% of the time used, past the 75% warning)"
        )

    def test_explain_of_a_breach_and_a_paused_request(self) -> None:
        s = status(request(JUNE_9), date(2025, 6, 19))
        assert s.explain().splitlines()[-1] == "截至2025年6月19日（星期四）：已超期3个工作日"
        assert s.explain("en").endswith("breached, 3 working days overdue")
        paused = status(
            request(JUNE_9, RequestEvent(on=date(2025, 6, 11), kind=K.SUSPENDED)), date(2025, 6, 20)
        )
        assert "尚未恢复" in paused.explain()
        assert "paused, 3 working days left when it resumes" in paused.explain("en")

    def test_completed_early_on_the_day_and_late(self) -> None:
        early = at(
            service_request("R1", JUNE_9, status=S.COMPLETED, completed_on=date(2025, 6, 13)),
            date(2025, 7, 1),
        )
        assert (early.stage, early.remaining) == (SlaStage.MET, 1)  # Mon 16 was left
        assert last_lines(early) == (
            "办结：2025年6月13日（星期五），按期办结，提前1个工作日",
            "Completed Fri 2025-06-13: on time, 1 working day early",
        )
        on_day = at(
            service_request("R1", JUNE_9, status=S.COMPLETED, completed_on=date(2025, 6, 16)),
            date(2025, 7, 1),
        )
        assert last_lines(on_day) == (
            "办结：2025年6月16日（星期一），按期办结",
            "Completed Mon 2025-06-16: on time",
        )
        late = at(
            service_request("R1", JUNE_9, status=S.COMPLETED, completed_on=date(2025, 6, 18)),
            date(2025, 7, 1),
        )
        assert last_lines(late) == (
            "办结：2025年6月18日（星期三），超期2个工作日",
            "Completed Wed 2025-06-18: 2 working days late",
        )

    def test_cancelled_with_and_without_its_day(self) -> None:
        dated = service_request(
            "R1", JUNE_9, event(date(2025, 6, 20), K.CANCELLED), status=S.CANCELLED
        )
        assert last_lines(at(dated, date(2025, 6, 20))) == (
            "已于2025年6月20日（星期五）撤销",
            "Cancelled Fri 2025-06-20",
        )
        undated = at(service_request("R1", JUNE_9, status=S.CANCELLED), date(2025, 6, 10))
        assert (undated.stage, undated.closed_on) == (SlaStage.CANCELLED, None)
        assert last_lines(undated) == ("已撤销", "Cancelled")

    def test_running_and_paused_with_and_without_a_warning(self) -> None:
        assert last_lines(at(service_request("R1", JUNE_9), date(2025, 6, 10))) == (
            "截至2025年6月10日（星期二）：办理中，剩余4个工作日（已用时20%）",
            "As of Tue 2025-06-10: running, 4 working days left (20% of the time used)",
        )
        assert last_lines(at(service_request("R1", JUNE_9), date(2025, 6, 13))) == (
            "截至2025年6月13日（星期五）：办理中，剩余1个工作日（已用时80%，已达75%预警）",
            "As of Fri 2025-06-13: running, 1 working day left (80% of the time used, past the 75% "
            "warning)",
        )
        early = service_request(
            "R1", JUNE_9, event(date(2025, 6, 10), K.SUSPENDED), status=S.SUSPENDED
        )
        assert last_lines(at(early, date(2025, 6, 20))) == (
            "截至2025年6月20日（星期五）：中止计时，恢复后剩余4个工作日（已用时20%）",
            "As of Fri 2025-06-20: paused, 4 working days left when it resumes "
            "(20% of the time used)",
        )
        late = service_request(
            "R1", JUNE_9, event(date(2025, 6, 13), K.SUSPENDED), status=S.SUSPENDED
        )
        assert last_lines(at(late, date(2025, 6, 20))) == (
            "截至2025年6月20日（星期五）：中止计时，恢复后剩余1个工作日（已用时80%，已达75%预警）",
            "As of Fri 2025-06-20: paused, 1 working day left when it resumes (80% of the time "
            "used, past the 75% warning)",
        )


class TestLaws:
    """Laws over generated requests."""

    @given(requests, items, offsets, offsets)
    def test_status_is_monotone_in_as_of(
        self, req: ServiceRequest, item: ServiceItem, a: int, b: int
    ) -> None:
        early, late = sorted((a, b))
        day1, day2 = (req.received_on + timedelta(days=d) for d in (early, late))
        s1 = sla_status(req, item, as_of=day1, calendar=CAL)
        s2 = sla_status(req, item, as_of=day2, calendar=CAL)
        # Only a reopening (重办) between the two days undoes a completion.
        reopened = any(
            e.kind is RequestEventKind.REOPENED and day1 < e.on <= day2 for e in req.events
        )
        if s1.stage is SlaStage.BREACHED:
            assert s2.stage in (SlaStage.BREACHED, SlaStage.MET_LATE, SlaStage.CANCELLED)
            if s2.stage is not SlaStage.CANCELLED:
                # Once breached, nothing dated later moves the due date.
                assert s2.due_on == s1.due_on
        if not s1.is_open and not reopened:
            assert (s2.stage, s2.due_on, s2.closed_on) == (s1.stage, s1.due_on, s1.closed_on)

    @given(open_requests, items, st.lists(st.integers(0, 200), min_size=2, max_size=8))
    def test_elapsed_fraction_grows_while_running(
        self, req: ServiceRequest, item: ServiceItem, days: list[int]
    ) -> None:
        seen: dict[int, float] = {}
        for offset in sorted(days):
            s = sla_status(req, item, as_of=req.received_on + timedelta(days=offset), calendar=CAL)
            if s.stage not in (SlaStage.RUNNING, SlaStage.PAUSED):
                continue
            assert s.elapsed_fraction <= 1
            # An extension granted in between gives more time and may lower the fraction:
            # compare days with the same extensions in force.
            key = s.deadline.extension_days
            assert seen.get(key, 0.0) <= s.elapsed_fraction
            seen[key] = s.elapsed_fraction

    @given(requests, items, offsets)
    def test_remaining_time_agrees_with_the_stage(
        self, req: ServiceRequest, item: ServiceItem, offset: int
    ) -> None:
        s = sla_status(req, item, as_of=req.received_on + timedelta(days=offset), calendar=CAL)
        if s.stage in (SlaStage.BREACHED, SlaStage.MET_LATE):
            assert s.remaining < 0
            assert s.elapsed_fraction >= 1
        elif s.stage is not SlaStage.CANCELLED:
            assert s.remaining >= 0
            assert 0 <= s.elapsed_fraction <= 1
        if s.warning is not None:
            assert s.stage in (SlaStage.RUNNING, SlaStage.PAUSED)
            assert s.warning in (0.5, 0.75)
            assert s.warning <= s.elapsed_fraction

    @given(requests, items, offsets)
    def test_only_what_was_known_on_as_of_counts(
        self, req: ServiceRequest, item: ServiceItem, offset: int
    ) -> None:
        as_of = req.received_on + timedelta(days=offset)
        assume(req.status is not RequestStatus.CANCELLED)
        assume(req.completed_on is None or req.completed_on > as_of)
        # The same request as its register stood on as_of: no later events; completed
        # if a completion known then was not yet undone (重办 reopened it after as_of).
        known = [e for e in req.events if e.on <= as_of]
        ends = [
            e
            for e in ordered_request_events(known)
            if e.kind in (RequestEventKind.COMPLETED, RequestEventKind.REOPENED)
        ]
        done = ends[-1].on if ends and ends[-1].kind is RequestEventKind.COMPLETED else None
        then = ServiceRequest(
            id=req.id,
            item_id=req.item_id,
            community_id=req.community_id,
            received_on=req.received_on,
            status=RequestStatus.IN_PROGRESS if done is None else RequestStatus.COMPLETED,
            events=known,
            completed_on=done,
        )
        now_s = sla_status(req, item, as_of=as_of, calendar=CAL)
        then_s = sla_status(then, item, as_of=as_of, calendar=CAL)
        assert (now_s.stage, now_s.due_on, now_s.remaining, now_s.elapsed_fraction) == (
            then_s.stage,
            then_s.due_on,
            then_s.remaining,
            then_s.elapsed_fraction,
        )
