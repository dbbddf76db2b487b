"""The lifecycle fields of #18: a 12345 work order's urgency, timestamps, dispatch and
return call, a dispute case's event kinds, and a time limit in hours.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from shequ_core import (
    CaseEvent,
    CaseEventKind,
    DisputeStatus,
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
)
from shequ_core.serialization import from_json, structure, to_json, unstructure
from shequ_core.validation import check_opt_datetime, fault_code, local_date

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
