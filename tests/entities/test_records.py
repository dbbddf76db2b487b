"""Each validator of the entity model, failing on its own; and the model's contract."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

import shequ_core
from shequ_core import (
    Attention,
    AttentionKind,
    CaseEvent,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Education,
    Employment,
    Grid,
    Household,
    Meeting,
    MeetingKind,
    PartnerUnit,
    Party,
    PartyMember,
    PartyMemberCategory,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Resident,
    RiskLevel,
    ServiceItem,
    ServiceRequest,
    Sex,
    Staff,
    StaffRole,
    ValidationError,
    Visit,
    VisitOutcome,
    Volunteer,
)
from shequ_core.entities import ENTITIES, VALUES, ordered_request_events
from tests.builders import showcase_community

D = dt.date
GB_SAMPLE = "11010519491231002X"


def problems_of(info: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.path: p.message for p in info.value.problems}


def request(**kw: Any) -> ServiceRequest:
    base: dict[str, Any] = dict(
        id="q1", item_id="i1", community_id="c1", received_on=D(2025, 9, 30),
        status=RequestStatus.IN_PROGRESS,
    )  # fmt: skip
    return ServiceRequest(**{**base, **kw})


def case(**kw: Any) -> DisputeCase:
    base: dict[str, Any] = dict(
        id="d1", community_id="c1", category=DisputeCategory.NEIGHBOUR,
        parties=(Party(name="甲"), Party(name="乙")), received_on=D(2025, 3, 1),
        status=DisputeStatus.RECEIVED,
    )  # fmt: skip
    return DisputeCase(**{**base, **kw})


S, R = RequestEventKind.SUSPENDED, RequestEventKind.RESUMED


def ev(day: int, kind: RequestEventKind) -> RequestEvent:
    return RequestEvent(on=D(2025, 10, day), kind=kind)


class TestModelContract:
    """What every record of model.md is: frozen, slotted, labelled."""

    def test_every_class_is_frozen_slotted_and_labelled(self) -> None:
        for cls in (*ENTITIES, *VALUES, shequ_core.Dataset):
            assert attrs.has(cls)
            assert "__slots__" in cls.__dict__
            for a in attrs.fields(cls):
                assert a.metadata.get("label_zh"), f"{cls.__name__}.{a.name} has no Chinese label"
                assert a.kw_only, f"{cls.__name__}.{a.name} is positional"

    def test_records_are_immutable(self) -> None:
        c = showcase_community()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            c.name = "x"  # type: ignore[misc]


class TestCommunity:
    """Community: each validator fails on its own, naming its field."""

    @pytest.mark.parametrize(
        ("kw", "field"),
        [
            ({"id": ""}, "id"),
            ({"id": " c1"}, "id"),
            ({"id": "c\n1"}, "id"),
            ({"name": "   "}, "name"),
            ({"households": -1}, "households"),
            ({"residents": 1.5}, "residents"),
            ({"residents": True}, "residents"),
            ({"kind": "showcase"}, "kind"),
            ({"service_hall_area_m2": -3.0}, "service_hall_area_m2"),
            ({"facility_area_m2": float("nan")}, "facility_area_m2"),
            ({"yearly_party_building_funds": Decimal(-1)}, "yearly_party_building_funds"),
            ({"facilities": ["library"]}, "facilities"),
            ({"established_on": dt.datetime(2014, 1, 1)}, "established_on"),
        ],
    )
    def test_community_validators(self, kw: dict[str, Any], field: str) -> None:
        with pytest.raises(ValidationError) as info:
            showcase_community(**kw)
        assert list(problems_of(info)) == [field]


class TestDisputeCase:
    """DisputeCase: parties, dates, status and history agree."""

    def test_dispute_needs_two_parties(self) -> None:
        with pytest.raises(ValidationError) as info:
            case(parties=(Party(name="甲"),))
        assert "parties" in problems_of(info)
        assert "at least 2" in problems_of(info)["parties"]

    def test_dispute_closed_before_received(self) -> None:
        with pytest.raises(ValidationError) as info:
            case(status=DisputeStatus.CLOSED, closed_on=D(2025, 2, 28))
        assert list(problems_of(info)) == ["closed_on"]

    def test_dispute_status_and_closing_date_agree(self) -> None:
        with pytest.raises(ValidationError) as info:
            case(status=DisputeStatus.CLOSED)
        assert list(problems_of(info)) == ["closed_on"]
        with pytest.raises(ValidationError) as info:
            case(status=DisputeStatus.MEDIATING, closed_on=D(2025, 3, 5))
        assert list(problems_of(info)) == ["status"]

    def test_dispute_history_in_order_ending_in_its_status(self) -> None:
        events = (
            CaseEvent(on=D(2025, 3, 1), status=DisputeStatus.RECEIVED),
            CaseEvent(on=D(2025, 3, 9), status=DisputeStatus.AGREEMENT_REACHED),
            CaseEvent(on=D(2025, 3, 10), status=DisputeStatus.CLOSED),
        )
        ok = case(status=DisputeStatus.CLOSED, closed_on=D(2025, 3, 10), events=events)
        assert ok.resolved_on() == D(2025, 3, 9)
        with pytest.raises(ValidationError) as info:
            case(status=DisputeStatus.CLOSED, closed_on=D(2025, 3, 10), events=events[::-1])
        assert "events[1].on" in problems_of(info)
        with pytest.raises(ValidationError) as info:
            case(status=DisputeStatus.MEDIATING, events=events[:1])
        assert list(problems_of(info)) == ["status"]
        with pytest.raises(ValidationError) as info:
            case(events=(CaseEvent(on=D(2025, 2, 1), status=DisputeStatus.RECEIVED),))
        assert list(problems_of(info)) == ["events[0].on"]


class TestServiceRequest:
    """ServiceRequest: completion, events in order, pauses that alternate."""

    def test_request_completion_date_iff_completed(self) -> None:
        with pytest.raises(ValidationError) as info:
            request(status=RequestStatus.COMPLETED)
        assert list(problems_of(info)) == ["completed_on"]
        with pytest.raises(ValidationError) as info:
            request(completed_on=D(2025, 10, 9))
        assert list(problems_of(info)) == ["completed_on"]
        with pytest.raises(ValidationError) as info:
            request(status=RequestStatus.COMPLETED, completed_on=D(2025, 9, 29))
        assert list(problems_of(info)) == ["completed_on"]

    def test_request_events_not_before_receipt_and_completion_event_dated(self) -> None:
        with pytest.raises(ValidationError) as info:
            request(events=(RequestEvent(on=D(2025, 9, 29), kind=RequestEventKind.STARTED),))
        assert list(problems_of(info)) == ["events[0].on"]
        with pytest.raises(ValidationError) as info:
            request(
                status=RequestStatus.COMPLETED,
                completed_on=D(2025, 10, 9),
                events=(RequestEvent(on=D(2025, 10, 10), kind=RequestEventKind.COMPLETED),),
            )
        assert list(problems_of(info)) == ["events[0].on"]

    @pytest.mark.parametrize(
        "events",
        [
            [ev(2, R)],
            [ev(2, S), ev(3, S)],
            [ev(2, S), ev(3, R), ev(4, R)],
            [ev(3, R), ev(3, S), ev(3, R)],
        ],
    )
    def test_suspensions_and_resumptions_must_alternate(self, events: list[RequestEvent]) -> None:
        with pytest.raises(ValidationError) as info:
            request(events=events)
        assert list(problems_of(info)) == ["events"]

    @pytest.mark.parametrize(
        "events",
        [
            [ev(2, S)],
            [ev(5, R), ev(2, S)],
            [ev(2, S), ev(2, R)],
            [ev(2, R), ev(2, S)],
            [ev(2, S), ev(4, S), ev(4, R), ev(6, R)],
        ],
    )
    def test_alternation_is_by_date_not_by_tuple_order(self, events: list[RequestEvent]) -> None:
        r = request(events=events)
        assert len(ordered_request_events(r.events)) == len(events)
        assert ordered_request_events(events) == ordered_request_events(events[::-1])


class TestPeople:
    """Residents and staff: identity numbers agree with the person, and are never echoed."""

    def test_person_and_identity_number_agree(self) -> None:
        with pytest.raises(ValidationError) as info:
            Resident(
                id="r", community_id="c", household_id="h", name="赵六",
                id_number=GB_SAMPLE, birth_date=D(1950, 1, 1), sex=Sex.MALE,
            )  # fmt: skip
        assert set(problems_of(info)) == {"birth_date", "sex"}
        assert GB_SAMPLE not in str(info.value)
        with pytest.raises(ValidationError) as info:
            Staff(
                id="s", community_id="c", name="钱七", role=StaffRole.GRID_WORKER,
                employment=Employment.CONTRACTED, id_number=GB_SAMPLE, birth_date=D(1950, 1, 1),
            )  # fmt: skip
        assert list(problems_of(info)) == ["birth_date"]

    def test_invalid_personal_data_is_named_but_not_echoed(self) -> None:
        bad_id = "110105194912310021"
        with pytest.raises(ValidationError) as info:
            Party(name="甲", id_number=bad_id, phone="13800138000x")
        assert set(problems_of(info)) == {"id_number", "phone"}
        assert bad_id not in str(info.value)
        assert "13800138000" not in str(info.value)

    def test_staff_classification(self) -> None:
        s = Staff(
            id="s", community_id="c", name="孙八", role=StaffRole.DIRECTOR,
            employment=Employment.PUBLIC_WELFARE, education=Education.JUNIOR_COLLEGE,
        )  # fmt: skip
        assert s.is_committee_member and not s.is_community_worker and not s.is_secretary
        assert Education.JUNIOR_COLLEGE.is_college and not Education.SENIOR_SECONDARY.is_college

    def test_one_person_two_posts(self) -> None:
        """一肩挑: the secretary who is also the director is a secretary and a committee
        member; ``roles`` is the role and the extra roles, and the role is not repeated."""
        s = Staff(
            id="s", community_id="c", name="李四", role=StaffRole.PARTY_SECRETARY,
            employment=Employment.TWO_COMMITTEES, extra_roles={StaffRole.DIRECTOR},
        )  # fmt: skip
        assert s.roles == {StaffRole.PARTY_SECRETARY, StaffRole.DIRECTOR}
        assert s.is_secretary and s.is_committee_member
        plain = attrs.evolve(s, extra_roles=frozenset())
        assert plain.roles == {StaffRole.PARTY_SECRETARY}
        assert plain.is_secretary and not plain.is_committee_member
        crossed = Staff(
            id="s2", community_id="c", name="王五", role=StaffRole.COMMITTEE_MEMBER,
            employment=Employment.TWO_COMMITTEES, extra_roles={StaffRole.DEPUTY_PARTY_SECRETARY},
        )  # fmt: skip
        assert crossed.is_secretary and crossed.is_committee_member  # 交叉任职
        with pytest.raises(ValidationError) as info:
            attrs.evolve(s, extra_roles={StaffRole.PARTY_SECRETARY})
        assert list(problems_of(info)) == ["extra_roles"]
        with pytest.raises(ValidationError) as info:
            attrs.evolve(s, extra_roles={"chairman"})
        assert list(problems_of(info)) == ["extra_roles"]

    def test_new_fields_default_so_old_records_load(self) -> None:
        s = Staff(id="s", community_id="c", name="孙八", role=StaffRole.OTHER,
                  employment=Employment.CONTRACTED)  # fmt: skip
        assert s.extra_roles == frozenset() and s.team_ids == frozenset()
        v = Volunteer(id="v", community_id="c", name="周九", registered_on=D(2017, 1, 1))
        assert v.sex is None
        assert attrs.evolve(v, sex=Sex.FEMALE).sex is Sex.FEMALE
        with pytest.raises(ValidationError) as info:
            attrs.evolve(v, sex="female")
        assert list(problems_of(info)) == ["sex"]


class TestOtherRecords:
    """Meetings, grids, households, volunteers and the rest refuse bad fields."""

    def test_meeting_present_within_entitled(self) -> None:
        base: dict[str, Any] = dict(
            id="m", community_id="c", kind=MeetingKind.RESIDENTS_MEETING, held_on=D(2026, 3, 1),
            entitled=40, topic="加装电梯",
        )  # fmt: skip
        assert Meeting(present=40, **base).present == 40
        with pytest.raises(ValidationError) as info:
            Meeting(present=41, **base)
        assert list(problems_of(info)) == ["present"]

    def test_other_records_refuse_bad_fields(self) -> None:
        cases: list[tuple[type, dict[str, Any], str]] = [
            (Grid, dict(id="g", community_id="c", name="一网格", households=-5), "households"),
            (Household, dict(id="h", community_id="c", address=""), "address"),
            (
                Volunteer,
                dict(id="v", community_id="c", name="周九", registered_on=D(2020, 1, 1),
                     service_hours=-1.0),
                "service_hours",
            ),
            (
                PartyMember,
                dict(id="p", community_id="c", name="吴十", category="retired"),
                "category",
            ),
            (
                ServiceItem,
                dict(id="i", name="开具证明", time_limit=5),
                "time_limit",
            ),
            (
                Visit,
                dict(id="v", resident_id="r", visitor_id="s", visited_on=D(2025, 1, 1),
                     outcome=VisitOutcome.MET, reasons=["petitioner"]),
                "reasons",
            ),
            (PartnerUnit, dict(id="u", name="旗税务局", community_ids=["c1", ""]), "community_ids"),
            (
                Attention,
                dict(kind=AttentionKind.PETITIONER, since=D(2020, 1, 1), risk="high"),
                "risk",
            ),
        ]  # fmt: skip
        for cls, kw, field in cases:
            with pytest.raises(ValidationError) as info:
                cls(**kw)
            assert list(problems_of(info)) == [field], cls.__name__
        assert RiskLevel.HIGH.rank > RiskLevel.LOW.rank
        assert PartyMemberCategory.EMPLOYED.label_zh == "在职党员"
