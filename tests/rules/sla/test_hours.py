"""A service item whose time limit is in hours (a hotline's 2 hours): the deadline from
the moment of receipt and the standing at a moment or at the end of a day."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from shequ_core import (
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
    ServiceItem,
    ServiceRequest,
    SlaStage,
    TimeLimit,
    TimeUnit,
    china_calendar,
)
from shequ_core.errors import ExtensionRefused, ValidationError
from shequ_core.rules.sla import deadline, sla_status

D = dt.date
T = dt.datetime
K = RequestEventKind
UTC = dt.timezone.utc
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
CAL = china_calendar()
TWO_HOURS = TimeLimit(amount=2, unit=TimeUnit.HOURS)
ITEM = ServiceItem(id="I1", name="12345 紧急诉求响应", time_limit=TWO_HOURS)


def request(**kw: object) -> ServiceRequest:
    base: dict[str, object] = {
        "id": "R1",
        "item_id": "I1",
        "community_id": "C1",
        "received_on": D(2026, 3, 2),
        "received_at": T(2026, 3, 2, 23, 5),
        "status": RequestStatus.IN_PROGRESS,
    }
    return ServiceRequest(**{**base, **kw})  # type: ignore[arg-type]


class TestDeadline:
    def test_two_hours_from_the_timestamp_cross_midnight(self) -> None:
        dl = deadline(T(2026, 3, 2, 23, 5), TWO_HOURS, CAL)
        assert dl.due_at == T(2026, 3, 3, 1, 5, tzinfo=SHANGHAI)
        assert dl.due_on == D(2026, 3, 3)
        assert dl.explain().splitlines()[-1] == "截止时间：2026年3月3日（星期二） 01:05"

    def test_from_an_aware_utc_timestamp(self) -> None:
        dl = deadline(T(2026, 3, 2, 15, 30, tzinfo=UTC), TWO_HOURS, CAL)
        assert dl.due_at == T(2026, 3, 3, 1, 30, tzinfo=SHANGHAI)

    def test_a_date_starts_at_its_midnight_in_beijing(self) -> None:
        assert deadline(D(2026, 3, 2), TWO_HOURS, CAL).due_at == T(2026, 3, 2, 2, tzinfo=SHANGHAI)

    def test_a_timed_pause_adds_its_length_and_an_extension_its_hours(self) -> None:
        events = [
            RequestEvent(on=D(2026, 3, 2), kind=K.SUSPENDED, at=T(2026, 3, 2, 9, 30)),
            RequestEvent(on=D(2026, 3, 2), kind=K.RESUMED, at=T(2026, 3, 2, 10, 15)),
            RequestEvent(on=D(2026, 3, 2), kind=K.EXTENDED, days=3, at=T(2026, 3, 2, 10, 20)),
        ]
        dl = deadline(T(2026, 3, 2, 9), TWO_HOURS, CAL, events=events)
        # 11:00 + 45 minutes paused + 3 hours extended
        assert dl.due_at == T(2026, 3, 2, 14, 45, tzinfo=SHANGHAI)
        assert [p.days for p in dl.pauses] == [1]  # whole hours, rounded up
        assert dl.extension_days == 3

    def test_days_limits_have_no_due_at(self) -> None:
        limit = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
        assert deadline(T(2026, 3, 2, 23, 5), limit, CAL).due_at is None


class TestStatus:
    @pytest.mark.parametrize(
        ("now", "stage", "remaining"),
        [
            (T(2026, 3, 2, 23, 30), SlaStage.RUNNING, 1),
            (T(2026, 3, 3, 1, 5), SlaStage.RUNNING, 0),
            (T(2026, 3, 3, 1, 6), SlaStage.BREACHED, -1),
            (T(2026, 3, 2, 17, 6, tzinfo=UTC), SlaStage.BREACHED, -1),  # 01:06 Beijing
            (D(2026, 3, 2), SlaStage.RUNNING, 1),  # the end of the 2nd: 65 minutes left
            (D(2026, 3, 3), SlaStage.BREACHED, -23),
        ],
    )
    def test_judged_at_a_moment_or_the_end_of_a_day(
        self, now: dt.date, stage: SlaStage, remaining: int
    ) -> None:
        status = sla_status(request(), ITEM, as_of=now, calendar=CAL)
        assert (status.stage, status.remaining) == (stage, remaining)
        assert status.unit is TimeUnit.HOURS

    def test_without_a_timestamp_from_the_start_of_the_day(self) -> None:
        status = sla_status(request(received_at=None), ITEM, as_of=D(2026, 3, 2), calendar=CAL)
        assert status.stage is SlaStage.BREACHED
        assert status.deadline.due_at == T(2026, 3, 2, 2, tzinfo=SHANGHAI)

    def test_a_timed_completion_is_judged_by_its_time(self) -> None:
        def done(at: dt.datetime) -> ServiceRequest:
            return request(
                received_at=T(2026, 3, 2, 9),
                status=RequestStatus.COMPLETED,
                completed_on=D(2026, 3, 2),
                events=(RequestEvent(on=D(2026, 3, 2), kind=K.COMPLETED, at=at),),
            )

        on_time = sla_status(done(T(2026, 3, 2, 10, 59)), ITEM, as_of=D(2026, 3, 9), calendar=CAL)
        late = sla_status(done(T(2026, 3, 2, 11, 1)), ITEM, as_of=D(2026, 3, 9), calendar=CAL)
        assert (on_time.stage, late.stage) == (SlaStage.MET, SlaStage.MET_LATE)
        # Before the completion's time the request was still running.
        before = sla_status(
            done(T(2026, 3, 2, 10, 59)), ITEM, as_of=T(2026, 3, 2, 10), calendar=CAL
        )
        assert before.stage is SlaStage.RUNNING and before.closed_on is None

    def test_an_untimed_completion_is_judged_by_its_day(self) -> None:
        r = request(
            received_at=T(2026, 3, 2, 9),
            status=RequestStatus.COMPLETED,
            completed_on=D(2026, 3, 2),
            events=(RequestEvent(on=D(2026, 3, 2), kind=K.COMPLETED),),
        )
        assert sla_status(r, ITEM, as_of=D(2026, 3, 9), calendar=CAL).stage is SlaStage.MET
        late = request(
            received_at=T(2026, 3, 2, 9),
            status=RequestStatus.COMPLETED,
            completed_on=D(2026, 3, 3),
        )
        assert sla_status(late, ITEM, as_of=D(2026, 3, 9), calendar=CAL).stage is (
            SlaStage.MET_LATE
        )

    def test_the_new_event_kinds_do_not_move_the_clock(self) -> None:
        """Dispatch, response, supervision and the return call are not pauses."""
        events = (
            RequestEvent(
                on=D(2026, 3, 2), kind=K.ASSIGNED, unit="区城管委", at=T(2026, 3, 2, 9, 5)
            ),
            RequestEvent(on=D(2026, 3, 2), kind=K.RESPONDED, at=T(2026, 3, 2, 9, 40)),
            RequestEvent(on=D(2026, 3, 2), kind=K.SUPERVISED, at=T(2026, 3, 2, 10)),
            RequestEvent(on=D(2026, 3, 2), kind=K.COMPLETED, at=T(2026, 3, 2, 10, 30)),
            RequestEvent(
                on=D(2026, 3, 3),
                kind=K.REVISITED,
                at=T(2026, 3, 3, 9),
                satisfaction=Satisfaction.SATISFIED,
            ),
        )
        r = request(
            received_at=T(2026, 3, 2, 9),
            status=RequestStatus.COMPLETED,
            completed_on=D(2026, 3, 2),
            events=events,
        )
        status = sla_status(r, ITEM, as_of=D(2026, 3, 9), calendar=CAL)
        assert status.stage is SlaStage.MET
        assert status.deadline.due_at == T(2026, 3, 2, 11, tzinfo=SHANGHAI)
        days = ServiceItem(
            id="I1", name="x", time_limit=TimeLimit(amount=1, unit=TimeUnit.WORKING_DAYS)
        )
        assert sla_status(r, days, as_of=D(2026, 3, 9), calendar=CAL).stage is SlaStage.MET


class TestHourEdges:
    """What an hour limit refuses, as a day limit does: pauses out of order, an extension
    past its cap, and a pause still open with no ``as_of`` to count it to."""

    def _ev(self, kind: RequestEventKind, hour: int, **more: object) -> RequestEvent:
        return RequestEvent(on=D(2026, 3, 2), kind=kind, at=T(2026, 3, 2, hour), **more)  # type: ignore[arg-type]

    def test_a_second_suspension_before_a_resumption_is_refused(self) -> None:
        events = [self._ev(K.SUSPENDED, 10), self._ev(K.SUSPENDED, 11)]
        with pytest.raises(ValidationError, match="resumed before the next one"):
            deadline(T(2026, 3, 2, 9), TWO_HOURS, CAL, events=events, as_of=T(2026, 3, 2, 12))

    def test_a_resumption_without_a_suspension_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="must follow a suspension"):
            deadline(T(2026, 3, 2, 9), TWO_HOURS, CAL, events=[self._ev(K.RESUMED, 10)])

    def test_an_extension_past_its_cap_is_refused(self) -> None:
        with pytest.raises(ExtensionRefused):
            deadline(
                T(2026, 3, 2, 9), TWO_HOURS, CAL,
                events=[self._ev(K.EXTENDED, 10, days=5)], max_extension_days=4,
            )  # fmt: skip

    def test_an_open_pause_needs_as_of(self) -> None:
        with pytest.raises(ValidationError, match="pass as_of"):
            deadline(T(2026, 3, 2, 9), TWO_HOURS, CAL, events=[self._ev(K.SUSPENDED, 10)])


class TestBeijingDay:
    """The day of a timestamp is its day in Asia/Shanghai, as the entities read it: the
    zone's summer time of 1986-1991 included, and a timestamp past year 9999 there is
    refused as a ValidationError."""

    def test_as_of_in_1988_summer_time_is_read_at_utc_plus_9(self) -> None:
        # 15:45 UTC on 1 June 1988 is 00:45 on 2 June in Beijing (summer time, UTC+9).
        req = request(received_on=D(1988, 6, 2), received_at=T(1988, 6, 2, 0, 30))
        st = sla_status(req, ITEM, as_of=T(1988, 6, 1, 15, 45, tzinfo=UTC), calendar=CAL)
        assert st.stage is SlaStage.RUNNING

    def test_an_aware_start_past_9999_in_beijing_is_refused(self) -> None:
        with pytest.raises(ValidationError) as e:
            deadline(T(9999, 12, 31, 20, tzinfo=UTC), TWO_HOURS, CAL)
        assert [p.code for p in e.value.problems] == ["out_of_range"]
        assert e.value.problems[0].loc == ("start",)

    def test_the_as_of_day_of_a_midnight_timestamp_is_that_day(self) -> None:
        # 00:00 on 3 March is on 3 March, as local_day reads it, not the day before.
        start = T(2026, 3, 2, 23, 5)
        for as_of in (T(2026, 3, 3), T(2026, 3, 2, 16, tzinfo=UTC), D(2026, 3, 3)):
            assert deadline(start, TWO_HOURS, CAL, as_of=as_of).as_of == D(2026, 3, 3)

    def test_a_standing_on_a_day_is_its_deadline_s_as_of(self) -> None:
        # The end of 3 March is read as 3 March, not as 00:00 on the 4th.
        st = sla_status(request(), ITEM, as_of=D(2026, 3, 3), calendar=CAL)
        assert st.deadline.as_of == D(2026, 3, 3)
        done = request(
            status=RequestStatus.COMPLETED,
            completed_on=D(2026, 3, 3),
            events=(RequestEvent(on=D(2026, 3, 3), kind=K.COMPLETED),),
        )
        st = sla_status(done, ITEM, as_of=D(2026, 3, 5), calendar=CAL)
        assert st.deadline.as_of == D(2026, 3, 3)


class TestHourPausesLateAndOpen:
    """A pause or an extension after the due moment adds nothing; a pause still open is
    counted up to the moment ``as_of``."""

    def _ev(self, kind: RequestEventKind, hour: int, **more: object) -> RequestEvent:
        return RequestEvent(on=D(2026, 3, 2), kind=kind, at=T(2026, 3, 2, hour), **more)  # type: ignore[arg-type]

    def test_a_pause_and_an_extension_after_the_limit_add_nothing(self) -> None:
        events = [
            self._ev(K.SUSPENDED, 12),
            self._ev(K.RESUMED, 13),
            self._ev(K.EXTENDED, 14, days=1),
        ]
        dl = deadline(T(2026, 3, 2, 9), TWO_HOURS, CAL, events=events)
        assert dl.due_at == T(2026, 3, 2, 11, tzinfo=SHANGHAI)
        assert [(p.counted, p.days) for p in dl.pauses] == [(False, 0)]
        assert [e.counted for e in dl.extensions] == [False]
        assert "晚于当时的截止日期，不予顺延" in dl.explain()

    def test_an_open_pause_is_counted_to_the_moment_as_of(self) -> None:
        events = [self._ev(K.SUSPENDED, 10)]
        dl = deadline(T(2026, 3, 2, 9), TWO_HOURS, CAL, events=events, as_of=T(2026, 3, 2, 15))
        # one hour used, five paused (10:00 to 15:00): due 16:00, while still paused
        assert dl.due_at == T(2026, 3, 2, 16, tzinfo=SHANGHAI)
        assert dl.is_paused and [p.days for p in dl.pauses] == [5]

    def test_an_open_pause_counted_to_the_end_of_a_day_is_counted_to_that_day(self) -> None:
        """As the deadline's own as_of (the end of 2 March is 2 March, not the 3rd)."""
        events = [self._ev(K.SUSPENDED, 10)]
        dl = deadline(T(2026, 3, 2, 9), TWO_HOURS, CAL, events=events, as_of=D(2026, 3, 2))
        assert dl.due_at == T(2026, 3, 3, 1, tzinfo=SHANGHAI)  # 14 hours paused to midnight
        assert [(p.until, p.days) for p in dl.pauses] == [(D(2026, 3, 2), 14)]
        assert dl.as_of == D(2026, 3, 2)
        assert "尚未恢复，计至2026年3月2日（星期一），顺延14小时" in dl.explain()
