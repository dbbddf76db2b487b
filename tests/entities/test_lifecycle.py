"""The lifecycle fields of #18: a 12345 work order's urgency, timestamps, dispatch and
return call, a dispute case's event kinds, and a time limit in hours.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shequ_core import (
    CaseEvent,
    CaseEventKind,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Party,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Satisfaction,
    ServiceRequest,
    TimeLimit,
    TimeUnit,
    Urgency,
    ValidationError,
    china_calendar,
    due_date,
    ordered_request_events,
)
from shequ_core import strategies as S
from shequ_core.serialization import from_json, structure, to_json, unstructure
from shequ_core.validation import check_opt_datetime, fault_code, local_date, local_time

D = dt.date
T = dt.datetime
UTC = dt.timezone.utc
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
K = RequestEventKind


class TestEnums:
    def test_codes_and_labels(self) -> None:
        """The codes are the contract other modules code against; the labels are 12345's."""
        assert [(u.value, u.label_zh) for u in Urgency] == [
            ("urgent", "紧急"),
            ("normal", "一般"),
            ("consultation", "咨询"),
        ]
        assert [(s.value, s.label_zh) for s in Satisfaction] == [
            ("satisfied", "满意"),
            ("basically_satisfied", "基本满意"),
            ("dissatisfied", "不满意"),
        ]
        assert TimeUnit.HOURS.value == "hours" and TimeUnit.HOURS.label_zh == "小时"
        assert {c.value: c.label_zh for c in CaseEventKind} == {
            "confirmation_applied": "申请司法确认",
            "confirmed": "司法确认",
            "followed_up": "回访",
        }

    def test_request_event_kinds_are_appended_after_the_old_ones(self) -> None:
        """Old values keep their place and code; the work order's steps follow."""
        assert [k.value for k in RequestEventKind] == [
            "started",
            "suspended",
            "resumed",
            "extended",
            "completed",
            "cancelled",
            "assigned",
            "returned",
            "reassigned",
            "responded",
            "supervised",
            "revisited",
            "reopened",
        ]
        assert [k.label_zh for k in RequestEventKind][6:] == [
            "派单",
            "退单",
            "改派",
            "响应",
            "督办",
            "回访",
            "重办",
        ]


class TestCheckDatetime:
    def test_accepts_naive_and_aware_refuses_dates_and_text(self) -> None:
        assert check_opt_datetime(None) is None
        assert check_opt_datetime(T(2026, 3, 2, 14, 5)) is None
        assert check_opt_datetime(T(2026, 3, 2, 6, 5, tzinfo=UTC)) is None
        for wrong in (D(2026, 3, 2), "2026-03-02T14:05:00", 1772431500, True):
            msg = check_opt_datetime(wrong)
            assert msg is not None and fault_code(msg) == "wrong_type", wrong

    def test_refuses_a_moment_whose_beijing_day_python_cannot_hold(self) -> None:
        """9999-12-31 20:00 UTC is 10000-01-01 in Beijing: no date can say it."""
        msg = check_opt_datetime(T(9999, 12, 31, 20, tzinfo=UTC))
        assert msg is not None and fault_code(msg) == "out_of_range"
        with pytest.raises(ValidationError) as info:
            RequestEvent(on=D(9999, 12, 31), kind=K.STARTED, at=T(9999, 12, 31, 20, tzinfo=UTC))
        assert [p.path for p in info.value.problems] == ["at"]

    def test_local_date_is_the_beijing_day(self) -> None:
        assert local_date(T(2026, 3, 2, 23, 59)) == D(2026, 3, 2)  # naive: Beijing already
        assert local_date(T(2026, 3, 2, 16, 0, tzinfo=UTC)) == D(2026, 3, 3)
        assert local_date(T(2026, 3, 2, 15, 59, tzinfo=UTC)) == D(2026, 3, 2)


class TestDueAt:
    two_hours = TimeLimit(amount=2, unit=TimeUnit.HOURS)

    def test_hours_run_across_midnight(self) -> None:
        """A 2-hour limit from 23:05 Beijing time ends at 01:05 the next day."""
        due = self.two_hours.due_at(T(2026, 3, 2, 23, 5))
        assert due == T(2026, 3, 3, 1, 5, tzinfo=SHANGHAI)
        assert due.tzinfo == SHANGHAI and due.utcoffset() == dt.timedelta(hours=8)

    def test_hours_from_an_aware_utc_start(self) -> None:
        """15:30 UTC is 23:30 in Beijing: two hours later is 01:30 on the 3rd there."""
        due = self.two_hours.due_at(T(2026, 3, 2, 15, 30, tzinfo=UTC))
        assert due.replace(tzinfo=None) == T(2026, 3, 3, 1, 30)
        assert due == T(2026, 3, 2, 17, 30, tzinfo=UTC)

    def test_hours_need_no_calendar_and_ignore_rest_days(self) -> None:
        """Natural hours: a limit run over a holiday night (2026-10-01) is not moved."""
        due = TimeLimit(amount=24, unit=TimeUnit.HOURS).due_at(T(2026, 9, 30, 20))
        assert due.replace(tzinfo=None) == T(2026, 10, 1, 20)

    def test_working_days_end_with_their_last_day(self) -> None:
        """5 working days from Monday 2026-03-02 end on Monday 2026-03-09, at 24:00."""
        limit = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
        due = limit.due_at(T(2026, 3, 2, 14, 5), calendar=china_calendar())
        assert due == T(2026, 3, 9, 23, 59, 59, 999_999, tzinfo=SHANGHAI)

    @pytest.mark.parametrize("unit", [TimeUnit.WORKING_DAYS, TimeUnit.NATURAL_DAYS])
    @pytest.mark.parametrize("amount", [1, 3, 10])
    def test_days_agree_with_the_sla_deadline(self, unit: TimeUnit, amount: int) -> None:
        """Over the National Day week (rest days, a rollover) the day is due_date's."""
        cal = china_calendar()
        limit = TimeLimit(amount=amount, unit=unit)
        start = T(2026, 9, 28, 16, 30, tzinfo=UTC)  # 2026-09-29 00:30 in Beijing
        assert limit.due_at(start, calendar=cal).date() == due_date(start, limit, cal)
        assert limit.due_at(start, calendar=cal).time() == dt.time.max

    def test_days_without_a_calendar_are_refused(self) -> None:
        with pytest.raises(ValidationError) as info:
            TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS).due_at(T(2026, 3, 2, 9))
        assert [(p.path, p.code) for p in info.value.problems] == [("calendar", "invalid_argument")]

    def test_a_date_is_not_a_start_time(self) -> None:
        with pytest.raises(ValidationError) as info:
            self.two_hours.due_at(D(2026, 3, 2))  # type: ignore[arg-type]
        assert [(p.path, p.code) for p in info.value.problems] == [("start", "wrong_type")]


class TestWire:
    @pytest.mark.parametrize(
        ("at", "wire"),
        [
            (T(2026, 3, 2, 14, 5), "2026-03-02T14:05:00"),
            (T(2026, 3, 2, 6, 5, tzinfo=UTC), "2026-03-02T06:05:00+00:00"),
            (T(2026, 3, 2, 14, 5, 7, 250_000, tzinfo=SHANGHAI), "2026-03-02T14:05:07.250000+08:00"),
        ],
    )
    def test_a_timestamp_round_trips_through_json(self, at: dt.datetime, wire: str) -> None:
        """Naive stays naive, an aware one keeps its offset: nothing is lost."""
        event = RequestEvent(
            on=D(2026, 3, 2), kind=K.REVISITED, at=at, satisfaction=Satisfaction.SATISFIED
        )
        assert unstructure(event)["at"] == wire
        back = from_json(to_json(event), RequestEvent)
        assert back == event
        assert back.at is not None and back.at.utcoffset() == at.utcoffset()

    def test_new_fields_round_trip(self) -> None:
        request = ServiceRequest(
            id="R1",
            item_id="I1",
            community_id="C1",
            received_on=D(2026, 3, 2),
            received_at=T(2026, 3, 2, 9, 12),
            status=RequestStatus.IN_PROGRESS,
            urgency=Urgency.URGENT,
            events=(RequestEvent(on=D(2026, 3, 2), kind=K.ASSIGNED, unit="街道城管科"),),
        )
        data = unstructure(request)
        assert data["urgency"] == "urgent" and data["received_at"] == "2026-03-02T09:12:00"
        assert data["events"][0]["unit"] == "街道城管科"
        assert structure(data, ServiceRequest) == request
        event = CaseEvent(
            on=D(2026, 3, 9),
            status=DisputeStatus.AGREEMENT_REACHED,
            kind=CaseEventKind.CONFIRMATION_APPLIED,
        )
        assert unstructure(event)["kind"] == "confirmation_applied"
        assert from_json(to_json(event), CaseEvent) == event

    def test_old_data_without_the_new_keys_loads(self) -> None:
        event = structure({"on": "2026-03-02", "kind": "started"}, RequestEvent)
        assert (event.at, event.satisfaction, event.unit) == (None, None, None)
        case_event = structure({"on": "2026-03-02", "status": "mediating"}, CaseEvent)
        assert case_event.kind is None

    @pytest.mark.parametrize(
        "wire",
        ["2026-03-02 14:05", "2026/3/2 14:05", "2026-03-02", "2026-03-02T25:00:00", "14:05"],
    )
    def test_json_is_strict_about_timestamps(self, wire: str) -> None:
        """The office spellings are for CSV and Excel; JSON is written by programs."""
        with pytest.raises(ValidationError) as info:
            structure({"on": "2026-03-02", "kind": "started", "at": wire}, RequestEvent)
        assert [p.path for p in info.value.problems] == ["at"]
        assert info.value.problems[0].code == "invalid_value"

    def test_a_number_is_not_a_timestamp(self) -> None:
        with pytest.raises(ValidationError) as info:
            structure({"on": "2026-03-02", "kind": "started", "at": 1772431500}, RequestEvent)
        assert [(p.path, p.code) for p in info.value.problems] == [("at", "wrong_type")]

    def test_repr_masks_as_before(self) -> None:
        """The timestamp is shown; a personal number in a unit's name is not."""
        event = RequestEvent(
            on=D(2026, 3, 2), kind=K.ASSIGNED, unit="13812345678", at=T(2026, 3, 2, 9)
        )
        assert "13812345678" not in repr(event)
        assert "datetime.datetime(2026, 3, 2, 9, 0)" in repr(event)


def paths(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in info.value.problems]


def request(**kw: object) -> ServiceRequest:
    base: dict[str, object] = {
        "id": "R1",
        "item_id": "I1",
        "community_id": "C1",
        "received_on": D(2026, 3, 2),
        "status": RequestStatus.IN_PROGRESS,
    }
    return ServiceRequest(**{**base, **kw})  # type: ignore[arg-type]


class TestEventInvariants:
    """What a request event must say about itself, whatever the workflow."""

    def test_a_return_call_records_the_callers_satisfaction(self) -> None:
        with pytest.raises(ValidationError) as info:
            RequestEvent(on=D(2026, 3, 5), kind=K.REVISITED)
        assert paths(info) == [("satisfaction", "inconsistent")]
        for grade in Satisfaction:
            assert RequestEvent(on=D(2026, 3, 5), kind=K.REVISITED, satisfaction=grade)

    @pytest.mark.parametrize("kind", [k for k in RequestEventKind if k is not K.REVISITED])
    def test_only_a_return_call_records_satisfaction(self, kind: RequestEventKind) -> None:
        days = 2 if kind is K.EXTENDED else None
        unit = "区住建委" if kind in (K.ASSIGNED, K.REASSIGNED) else None
        with pytest.raises(ValidationError) as info:
            RequestEvent(
                on=D(2026, 3, 5),
                kind=kind,
                days=days,
                unit=unit,
                satisfaction=Satisfaction.SATISFIED,
            )
        assert paths(info) == [("satisfaction", "inconsistent")]
        assert RequestEvent(on=D(2026, 3, 5), kind=kind, days=days, unit=unit)

    @pytest.mark.parametrize("kind", [K.ASSIGNED, K.REASSIGNED])
    def test_a_dispatch_names_its_unit(self, kind: RequestEventKind) -> None:
        for blank in (None, "", "  "):
            with pytest.raises(ValidationError) as info:
                RequestEvent(on=D(2026, 3, 2), kind=kind, unit=blank)
            assert [p.path for p in info.value.problems] == ["unit"]
        assert RequestEvent(on=D(2026, 3, 2), kind=kind, unit="街道城管科").unit == "街道城管科"

    def test_other_kinds_may_name_a_unit_or_not(self) -> None:
        """A return (退单) may name the unit sending it back; nothing requires it."""
        assert RequestEvent(on=D(2026, 3, 2), kind=K.RETURNED, unit="区水务局")
        assert RequestEvent(on=D(2026, 3, 2), kind=K.RETURNED).unit is None

    @pytest.mark.parametrize(
        "at",
        [
            T(2026, 3, 2, 0, 0),
            T(2026, 3, 2, 23, 59, 59),
            T(2026, 3, 1, 16, 0, tzinfo=UTC),  # 00:00 on the 2nd in Beijing
            T(2026, 3, 2, 15, 59, tzinfo=UTC),  # 23:59 on the 2nd in Beijing
        ],
    )
    def test_at_falls_on_the_day_in_beijing(self, at: dt.datetime) -> None:
        assert RequestEvent(on=D(2026, 3, 2), kind=K.RESPONDED, at=at).at == at

    @pytest.mark.parametrize(
        "at",
        [
            T(2026, 3, 3, 0, 0),
            T(2026, 3, 1, 23, 59),
            T(2026, 3, 2, 16, 0, tzinfo=UTC),  # 00:00 on the 3rd in Beijing
            T(2026, 3, 1, 15, 59, tzinfo=UTC),  # 23:59 on the 1st in Beijing
        ],
    )
    def test_at_on_another_day_is_refused(self, at: dt.datetime) -> None:
        with pytest.raises(ValidationError) as info:
            RequestEvent(on=D(2026, 3, 2), kind=K.RESPONDED, at=at)
        assert paths(info) == [("at", "inconsistent")]


class TestRequestInvariants:
    def test_received_at_falls_on_received_on(self) -> None:
        assert request(received_at=T(2026, 3, 2, 8, 30)).received_at == T(2026, 3, 2, 8, 30)
        assert request(received_at=T(2026, 3, 2, 0, 30, tzinfo=UTC))
        for wrong in (T(2026, 3, 3, 8, 30), T(2026, 3, 2, 16, 30, tzinfo=UTC)):
            with pytest.raises(ValidationError) as info:
                request(received_at=wrong)
            assert paths(info) == [("received_at", "inconsistent")]

    def test_no_event_before_the_call_was_received(self) -> None:
        received = T(2026, 3, 2, 14, 5)
        ok = RequestEvent(on=D(2026, 3, 2), kind=K.ASSIGNED, unit="区城管委", at=received)
        assert request(received_at=received, events=(ok,))
        early = RequestEvent(
            on=D(2026, 3, 2), kind=K.ASSIGNED, unit="区城管委", at=T(2026, 3, 2, 14, 4)
        )
        with pytest.raises(ValidationError) as info:
            request(received_at=received, events=(ok, early))
        assert paths(info) == [("events[1].at", "inconsistent")]

    def test_naive_and_aware_timestamps_compare_in_beijing_time(self) -> None:
        """06:04 UTC is 14:04 in Beijing: before a naive 14:05 receipt, not a TypeError."""
        early = RequestEvent(on=D(2026, 3, 2), kind=K.RESPONDED, at=T(2026, 3, 2, 6, 4, tzinfo=UTC))
        with pytest.raises(ValidationError) as info:
            request(received_at=T(2026, 3, 2, 14, 5), events=(early,))
        assert paths(info) == [("events[0].at", "inconsistent")]
        later = RequestEvent(on=D(2026, 3, 2), kind=K.RESPONDED, at=T(2026, 3, 2, 6, 6, tzinfo=UTC))
        assert request(received_at=T(2026, 3, 2, 14, 5), events=(later,))

    def test_timestamps_are_optional_on_either_side(self) -> None:
        timed = RequestEvent(on=D(2026, 3, 2), kind=K.RESPONDED, at=T(2026, 3, 2, 9))
        assert request(events=(timed,))
        untimed = RequestEvent(on=D(2026, 3, 2), kind=K.RESPONDED)
        assert request(received_at=T(2026, 3, 2, 18), events=(untimed,))


class TestOrderWithinADay:
    """ordered_request_events: a hotline day in a sensible order, whatever the input."""

    def test_untimed_steps_follow_the_lifecycle(self) -> None:
        day = D(2026, 3, 2)
        events = [
            RequestEvent(on=day, kind=K.REVISITED, satisfaction=Satisfaction.SATISFIED),
            RequestEvent(on=day, kind=K.COMPLETED),
            RequestEvent(on=day, kind=K.STARTED),
            RequestEvent(on=day, kind=K.RESPONDED),
            RequestEvent(on=day, kind=K.REASSIGNED, unit="区水务局"),
            RequestEvent(on=day, kind=K.RETURNED, unit="区城管委"),
            RequestEvent(on=day, kind=K.ASSIGNED, unit="区城管委"),
        ]
        kinds = [e.kind for e in ordered_request_events(events)]
        assert kinds == [
            K.ASSIGNED,
            K.RETURNED,
            K.REASSIGNED,
            K.RESPONDED,
            K.STARTED,
            K.COMPLETED,
            K.REVISITED,
        ]
        assert ordered_request_events(events[::-1]) == ordered_request_events(events)

    def test_timestamps_decide_over_the_kind_order(self) -> None:
        """A call reopened at 10:00 and completed again at 16:00 the same day."""
        day = D(2026, 3, 9)
        done = RequestEvent(on=day, kind=K.COMPLETED, at=T(2026, 3, 9, 16))
        reopened = RequestEvent(on=day, kind=K.REOPENED, at=T(2026, 3, 9, 10))
        revisited = RequestEvent(
            on=day,
            kind=K.REVISITED,
            at=T(2026, 3, 9, 1, 30, tzinfo=UTC),  # 09:30 in Beijing
            satisfaction=Satisfaction.DISSATISFIED,
        )
        ordered = ordered_request_events([done, reopened, revisited])
        assert [e.kind for e in ordered] == [K.REVISITED, K.REOPENED, K.COMPLETED]

    def test_an_untimed_step_takes_its_place_by_kind_among_timed_ones(self) -> None:
        day = D(2026, 3, 2)
        timed = [
            RequestEvent(on=day, kind=K.ASSIGNED, unit="区城管委", at=T(2026, 3, 2, 9)),
            RequestEvent(on=day, kind=K.SUSPENDED, at=T(2026, 3, 2, 11)),
            RequestEvent(on=day, kind=K.RESUMED, at=T(2026, 3, 2, 15)),
            RequestEvent(
                on=day, kind=K.REVISITED, satisfaction=Satisfaction.SATISFIED, at=T(2026, 3, 2, 18)
            ),
        ]
        completed = RequestEvent(on=day, kind=K.COMPLETED)
        responded = RequestEvent(on=day, kind=K.RESPONDED)
        kinds = [e.kind for e in ordered_request_events([*timed, completed, responded])]
        assert kinds == [
            K.ASSIGNED,
            K.RESPONDED,
            K.SUSPENDED,
            K.RESUMED,
            K.COMPLETED,
            K.REVISITED,
        ]

    def test_timed_pauses_go_by_their_times(self) -> None:
        """Resumed at 09:00 and suspended again at 17:00 on one day, after an earlier
        suspension: valid; the other way round it is not."""
        s1 = RequestEvent(on=D(2026, 3, 2), kind=K.SUSPENDED, at=T(2026, 3, 2, 10))
        r1 = RequestEvent(on=D(2026, 3, 3), kind=K.RESUMED, at=T(2026, 3, 3, 9))
        s2 = RequestEvent(on=D(2026, 3, 3), kind=K.SUSPENDED, at=T(2026, 3, 3, 17))
        assert request(events=(s2, r1, s1))
        r1_late = RequestEvent(on=D(2026, 3, 3), kind=K.RESUMED, at=T(2026, 3, 3, 18))
        s2_early = RequestEvent(on=D(2026, 3, 3), kind=K.SUSPENDED, at=T(2026, 3, 3, 8))
        with pytest.raises(ValidationError) as info:
            request(events=(s1, r1_late, s2_early))
        assert [p.path for p in info.value.problems] == ["events"]

    def test_same_local_time_in_two_spellings_keeps_one_order(self) -> None:
        """14:00 naive and 06:00 UTC are one Beijing moment: the order still does not
        depend on the input's."""
        a = RequestEvent(on=D(2026, 3, 2), kind=K.SUPERVISED, at=T(2026, 3, 2, 14))
        b = RequestEvent(on=D(2026, 3, 2), kind=K.SUPERVISED, at=T(2026, 3, 2, 6, tzinfo=UTC))
        assert ordered_request_events([a, b]) == ordered_request_events([b, a])


class TestReopened:
    def test_a_completion_undone_by_a_reopening_may_fall_before_completed_on(self) -> None:
        """Completed on the 5th, unsatisfied return call and 重办 on the 6th, completed
        again on the 10th: the first completion is not the request's completion."""
        events = (
            RequestEvent(on=D(2026, 3, 5), kind=K.COMPLETED),
            RequestEvent(
                on=D(2026, 3, 6), kind=K.REVISITED, satisfaction=Satisfaction.DISSATISFIED
            ),
            RequestEvent(on=D(2026, 3, 6), kind=K.REOPENED),
            RequestEvent(on=D(2026, 3, 10), kind=K.COMPLETED),
        )
        done = request(status=RequestStatus.COMPLETED, completed_on=D(2026, 3, 10), events=events)
        assert done.completed_on == D(2026, 3, 10)
        # Still being handled again: no completion date, and the old completion stands.
        assert request(events=events[:3]).completed_on is None

    def test_without_a_reopening_every_completion_is_dated_completed_on(self) -> None:
        events = (
            RequestEvent(on=D(2026, 3, 5), kind=K.COMPLETED),
            RequestEvent(on=D(2026, 3, 10), kind=K.COMPLETED),
        )
        with pytest.raises(ValidationError) as info:
            request(status=RequestStatus.COMPLETED, completed_on=D(2026, 3, 10), events=events)
        assert paths(info) == [("events[0].on", "inconsistent")]
        with pytest.raises(ValidationError) as info:
            request(events=events[:1])
        assert paths(info) == [("events[0].on", "inconsistent")]


class TestCaseEventKinds:
    def case(self, *events: CaseEvent, status: DisputeStatus) -> DisputeCase:
        return DisputeCase(
            id="M1",
            community_id="C1",
            category=DisputeCategory.NEIGHBOUR,
            parties=(Party(name="甲"), Party(name="乙")),
            received_on=D(2026, 3, 2),
            status=status,
            events=events,
        )

    def test_confirmation_and_follow_up_after_the_agreement(self) -> None:
        A = DisputeStatus.AGREEMENT_REACHED
        agreed = CaseEvent(on=D(2026, 3, 9), status=A)
        applied = CaseEvent(on=D(2026, 3, 12), status=A, kind=CaseEventKind.CONFIRMATION_APPLIED)
        confirmed = CaseEvent(on=D(2026, 3, 20), status=A, kind=CaseEventKind.CONFIRMED)
        followed = CaseEvent(on=D(2026, 4, 9), status=A, kind=CaseEventKind.FOLLOWED_UP)
        case = self.case(agreed, applied, confirmed, followed, status=A)
        assert case.resolved_on() == D(2026, 3, 9)

    def test_a_kind_before_any_agreement_is_refused(self) -> None:
        M = DisputeStatus.MEDIATING
        early = CaseEvent(on=D(2026, 3, 5), status=M, kind=CaseEventKind.FOLLOWED_UP)
        with pytest.raises(ValidationError) as info:
            self.case(early, status=M)
        assert paths(info) == [("events[0].kind", "inconsistent")]

    def test_a_confirmation_needs_its_application(self) -> None:
        A = DisputeStatus.AGREEMENT_REACHED
        agreed = CaseEvent(on=D(2026, 3, 9), status=A)
        confirmed = CaseEvent(on=D(2026, 3, 20), status=A, kind=CaseEventKind.CONFIRMED)
        with pytest.raises(ValidationError) as info:
            self.case(agreed, confirmed, status=A)
        assert paths(info) == [("events[1].kind", "inconsistent")]


class TestSchema:
    def test_the_json_schema_takes_a_record_with_timestamps(self) -> None:
        """Naive, UTC and a pre-1901 offset in seconds (Asia/Shanghai's local mean time)."""
        import jsonschema

        from shequ_core.serialization import json_schema

        schema = json_schema(ServiceRequest)
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        r = request(
            received_at=T(2026, 3, 2, 14, 5),
            urgency=Urgency.NORMAL,
            events=(
                RequestEvent(
                    on=D(2026, 3, 2), kind=K.RESPONDED, at=T(2026, 3, 2, 6, 30, tzinfo=UTC)
                ),
                RequestEvent(
                    on=D(2026, 3, 3), kind=K.SUPERVISED, at=T(2026, 3, 3, 9, tzinfo=SHANGHAI)
                ),
            ),
        )
        validator.validate(unstructure(r))
        old = RequestEvent(on=D(1900, 3, 3), kind=K.STARTED, at=T(1900, 3, 3, 9, tzinfo=SHANGHAI))
        assert unstructure(old)["at"] == "1900-03-03T09:00:00+08:05:43"
        jsonschema.Draft202012Validator(json_schema(RequestEvent)).validate(unstructure(old))
        bad = {**unstructure(r), "received_at": "2026-03-02 14:05"}
        assert not validator.is_valid(bad)
        props = schema["$defs"]["RequestEvent"]["properties"]["at"]["anyOf"][0]["anyOf"][0]
        assert props["format"] == "date-time"


class TestOrderProperties:
    @settings(max_examples=80)
    @given(
        st.lists(
            S.request_events(
                hostile=True, dates=st.dates(D(2026, 3, 2), D(2026, 3, 4)), max_extension_days=3
            ),
            max_size=8,
        ),
        st.randoms(use_true_random=False),
    )
    def test_the_order_does_not_depend_on_the_input_order(
        self, events: list[RequestEvent], rnd: Random
    ) -> None:
        """Any mix of kinds, timed and untimed, naive and aware, on three days."""
        shuffled = list(events)
        rnd.shuffle(shuffled)
        ordered = ordered_request_events(events)
        assert ordered == ordered_request_events(shuffled)
        assert sorted(map(repr, ordered)) == sorted(map(repr, events))
        assert [e.on for e in ordered] == sorted(e.on for e in events)
        for day in {e.on for e in events}:
            timed = [local_time(e.at) for e in ordered if e.on == day and e.at is not None]
            assert timed == sorted(timed)
