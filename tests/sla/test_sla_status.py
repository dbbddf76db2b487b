"""sla_status: pinned examples, then laws over generated requests."""

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
)
from shequ_core.errors import ValidationError
from shequ_core.rules.sla import SlaStage, SlaStatus, sla_status
from shequ_core.strategies import service_items, service_requests, time_limits

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


def test_running_warnings_and_breach_day_by_day() -> None:
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


def test_breached_over_a_weekend_is_at_least_one_day_late() -> None:
    # Received Fri 6 June; 5 working days: 9-13 June, due Fri 13. On Sat 14 it is late.
    s = status(request(date(2025, 6, 6)), date(2025, 6, 14))
    assert (s.stage, s.due_on, s.remaining) == (SlaStage.BREACHED, date(2025, 6, 13), -1)


def test_completion_decides_met_or_late() -> None:
    on_time = request(JUNE_9, status=RequestStatus.COMPLETED, completed_on=date(2025, 6, 16))
    s = status(on_time, date(2025, 7, 1))
    assert (s.stage, s.closed_on, s.remaining) == (SlaStage.MET, date(2025, 6, 16), 0)
    late = request(JUNE_9, status=RequestStatus.COMPLETED, completed_on=date(2025, 6, 18))
    s = status(late, date(2025, 7, 1))
    assert (s.stage, s.remaining) == (SlaStage.MET_LATE, -2)
    # Before the completion day it was still open.
    assert status(late, date(2025, 6, 17)).stage is SlaStage.BREACHED


def test_a_suspended_request_is_paused_and_cannot_breach() -> None:
    req = request(JUNE_9, RequestEvent(on=date(2025, 6, 11), kind=K.SUSPENDED))
    # Suspended Wed 11 with 2 of 5 used; three weeks later still paused, 3 left.
    for as_of in (date(2025, 6, 13), date(2025, 7, 4)):
        s = status(req, as_of)
        assert (s.stage, s.remaining, s.warning) == (SlaStage.PAUSED, 3, None)
        assert s.elapsed_fraction == pytest.approx(0.4)


def test_cancellation_dates_from_its_event() -> None:
    req = request(
        JUNE_9,
        RequestEvent(on=date(2025, 6, 20), kind=K.CANCELLED),
        status=RequestStatus.CANCELLED,
    )
    assert status(req, date(2025, 6, 17)).stage is SlaStage.BREACHED
    s = status(req, date(2025, 6, 20))
    assert (s.stage, s.closed_on) == (SlaStage.CANCELLED, date(2025, 6, 20))
    assert not s.is_open


def test_events_after_as_of_are_not_known_yet() -> None:
    # An extension approved on Fri 13 June: on Thu 12 it is not known.
    req = request(
        JUNE_9,
        RequestEvent(on=date(2025, 6, 13), kind=K.EXTENDED, days=2, approved_by="S01"),
    )
    assert status(req, date(2025, 6, 12)).due_on == date(2025, 6, 16)
    assert status(req, date(2025, 6, 13)).due_on == date(2025, 6, 18)


def test_a_late_extension_does_not_undo_a_breach() -> None:
    req = request(
        JUNE_9,
        RequestEvent(on=date(2025, 6, 18), kind=K.EXTENDED, days=10, approved_by="S01"),
    )
    for as_of in (date(2025, 6, 17), date(2025, 6, 18), date(2025, 6, 30)):
        assert status(req, as_of).stage is SlaStage.BREACHED


def test_a_request_not_yet_received_is_refused() -> None:
    with pytest.raises(ValidationError, match="before the request was received"):
        status(request(JUNE_9), date(2025, 6, 8))


def test_the_item_must_be_the_requests_own() -> None:
    with pytest.raises(ValidationError, match="the request is for 'I1'"):
        status(request(JUNE_9), date(2025, 6, 10), item=SIXTY_NATURAL)


def test_warning_thresholds_are_fractions() -> None:
    with pytest.raises(ValidationError, match="warn_at"):
        sla_status(request(JUNE_9), FIVE_WORKING, as_of=JUNE_9, calendar=CAL, warn_at=(1.5,))
    s = sla_status(
        request(JUNE_9), FIVE_WORKING, as_of=date(2025, 6, 13), calendar=CAL, warn_at=(0.9, 0.2)
    )
    assert s.warning == 0.2


def test_status_past_the_calendar_data_is_an_error() -> None:
    with pytest.raises(CalendarCoverageError):
        status(request(date(2026, 12, 28)), date(2026, 12, 30))


def test_explain_shows_the_pause_the_rollover_and_the_standing() -> None:
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


def test_explain_of_a_breach_and_a_paused_request() -> None:
    s = status(request(JUNE_9), date(2025, 6, 19))
    assert s.explain().splitlines()[-1] == "截至2025年6月19日（星期四）：已超期3个工作日"
    assert s.explain("en").endswith("breached, 3 working days overdue")
    paused = status(
        request(JUNE_9, RequestEvent(on=date(2025, 6, 11), kind=K.SUSPENDED)), date(2025, 6, 20)
    )
    assert "尚未恢复" in paused.explain()
    assert "paused, 3 working days left when it resumes" in paused.explain("en")


# -- laws ---------------------------------------------------------------------------------

# Received up to March 2025 and looked at up to 400 days later: inside the calendar data.
requests = service_requests(
    item_id=st.just("I1"),
    community_id=st.just("C1"),
    received_on=st.dates(date(2022, 1, 1), date(2025, 3, 31)),
)
items = service_items(ids=st.just("I1"), time_limits=time_limits(max_amount=60))
offsets = st.integers(0, 400)


@given(requests, items, offsets, offsets)
def test_status_is_monotone_in_as_of(
    req: ServiceRequest, item: ServiceItem, a: int, b: int
) -> None:
    early, late = sorted((a, b))
    s1 = sla_status(req, item, as_of=req.received_on + timedelta(days=early), calendar=CAL)
    s2 = sla_status(req, item, as_of=req.received_on + timedelta(days=late), calendar=CAL)
    if s1.stage is SlaStage.BREACHED:
        assert s2.stage in (SlaStage.BREACHED, SlaStage.MET_LATE, SlaStage.CANCELLED)
        if s2.stage is not SlaStage.CANCELLED:
            # Once breached, nothing dated later moves the due date.
            assert s2.due_on == s1.due_on
    if not s1.is_open:
        assert (s2.stage, s2.due_on, s2.closed_on) == (s1.stage, s1.due_on, s1.closed_on)


open_requests = service_requests(
    item_id=st.just("I1"),
    community_id=st.just("C1"),
    received_on=st.dates(date(2022, 1, 1), date(2025, 3, 31)),
    statuses=st.sampled_from(
        [RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS, RequestStatus.SUSPENDED]
    ),
)


@given(open_requests, items, st.lists(st.integers(0, 200), min_size=2, max_size=8))
def test_elapsed_fraction_grows_while_running(
    req: ServiceRequest, item: ServiceItem, days: list[int]
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
    req: ServiceRequest, item: ServiceItem, offset: int
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
    req: ServiceRequest, item: ServiceItem, offset: int
) -> None:
    as_of = req.received_on + timedelta(days=offset)
    assume(req.status is not RequestStatus.CANCELLED)
    assume(req.completed_on is None or req.completed_on > as_of)
    # The same request as its register stood on as_of: no later events, not completed.
    then = ServiceRequest(
        id=req.id,
        item_id=req.item_id,
        community_id=req.community_id,
        received_on=req.received_on,
        status=RequestStatus.IN_PROGRESS,
        events=[e for e in req.events if e.on <= as_of],
    )
    now_s = sla_status(req, item, as_of=as_of, calendar=CAL)
    then_s = sla_status(then, item, as_of=as_of, calendar=CAL)
    assert (now_s.stage, now_s.due_on, now_s.remaining, now_s.elapsed_fraction) == (
        then_s.stage,
        then_s.due_on,
        then_s.remaining,
        then_s.elapsed_fraction,
    )
