"""Bad arguments to the SLA rules: every problem named with its path, in one error.

A hotline back end shows these to the clerk who typed the request, so each is pinned:
the path (which argument), the message, and the function named as the subject.
"""

from __future__ import annotations

from datetime import date

import pytest

from shequ_core.calendar import china_calendar
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
from shequ_core.rules.sla import SlaStage, deadline, sla_status

CAL = china_calendar()
K = RequestEventKind
MON = date(2025, 6, 9)  # June 2025: no holiday after 2 June
WORKING_5 = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
ITEM = ServiceItem(id="I1", name="居住证明", time_limit=WORKING_5)
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


def _problems(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in info.value.problems]


def test_sla_status_names_a_wrong_item_and_an_early_day_together() -> None:
    with pytest.raises(ValidationError) as info:
        sla_status(_request(), OTHER, as_of=date(2025, 6, 8), calendar=CAL)
    assert info.value.subject == "sla_status"
    assert _problems(info) == [
        ("item", "is 'I2', but the request is for 'I1'"),
        ("as_of", "2025-06-08 is before the request was received (2025-06-09)"),
    ]


def test_a_status_names_its_request_item_and_dates() -> None:
    s = sla_status(_request(), ITEM, as_of=date(2025, 6, 11), calendar=CAL)
    assert (s.request_id, s.item_id, s.community_id) == ("R1", "I1", "C1")
    assert (s.received_on, s.as_of, s.due_on) == (MON, date(2025, 6, 11), date(2025, 6, 16))


def test_a_period_rolled_past_a_weekend_is_never_more_than_all_used() -> None:
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


def test_an_open_suspension_needs_as_of() -> None:
    with pytest.raises(ValidationError) as info:
        deadline(MON, WORKING_5, CAL, events=[RequestEvent(on=MON, kind=K.SUSPENDED)])
    assert info.value.subject == "deadline"
    assert _problems(info) == [
        ("as_of", "a suspension not yet resumed is counted up to as_of: pass as_of")
    ]


def test_a_resumption_needs_a_suspension_before_it() -> None:
    with pytest.raises(ValidationError) as info:
        deadline(MON, WORKING_5, CAL, events=[RequestEvent(on=MON, kind=K.RESUMED)])
    assert info.value.subject == "deadline"
    assert _problems(info) == [("events", "a resumption must follow a suspension")]


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_max_extension_days_must_be_a_whole_number_or_none(bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        deadline(MON, WORKING_5, CAL, max_extension_days=bad)  # type: ignore[arg-type]
    assert _problems(info) == [
        ("max_extension_days", "must be a whole number of days, 0 or more, or None")
    ]


@pytest.mark.parametrize("fine", [None, 0, 30])
def test_max_extension_days_accepts_none_and_counts(fine: int | None) -> None:
    assert deadline(MON, WORKING_5, CAL, max_extension_days=fine).due_on == date(2025, 6, 16)
