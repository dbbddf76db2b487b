"""Every strategy yields valid records, and keeps the promises its arguments make."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import (
    Attention,
    Basis,
    CaseEvent,
    Community,
    Dataset,
    DisputeCase,
    DisputeStatus,
    Grid,
    Household,
    IdNumber,
    Meeting,
    PartnerUnit,
    Party,
    PartyMember,
    PhoneNumber,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Resident,
    ServiceItem,
    ServiceRequest,
    Sex,
    Staff,
    TimeLimit,
    Visit,
    Volunteer,
    VolunteerTeam,
    ordered_request_events,
)

CASES: list[tuple[Callable[[], st.SearchStrategy[Any]], type]] = [
    (S.attentions, Attention),
    (S.bases, Basis),
    (S.case_events, CaseEvent),
    (S.communities, Community),
    (S.datasets, Dataset),
    (S.dispute_cases, DisputeCase),
    (S.grids, Grid),
    (S.households, Household),
    (S.id_numbers, IdNumber),
    (S.meetings, Meeting),
    (S.parties, Party),
    (S.partner_units, PartnerUnit),
    (S.party_members, PartyMember),
    (S.phone_numbers, PhoneNumber),
    (S.request_events, RequestEvent),
    (S.residents, Resident),
    (S.service_items, ServiceItem),
    (S.service_requests, ServiceRequest),
    (S.staff_members, Staff),
    (S.time_limits, TimeLimit),
    (S.visits, Visit),
    (S.volunteer_teams, VolunteerTeam),
    (S.volunteers, Volunteer),
]


def rebuilt(x: Any) -> Any:
    """The same value constructed again, so that every check runs once more."""
    if isinstance(x, (IdNumber, PhoneNumber)):
        return type(x)(x.reveal())
    return attrs.evolve(x)


def test_every_public_strategy_is_checked_here() -> None:
    tested = {f.__name__ for f, _ in CASES} | {"entity_ids", "phone_number_texts"}
    assert tested == set(S.__all__)


@pytest.mark.parametrize(("factory", "cls"), CASES, ids=[c.__name__ for _, c in CASES])
@given(data=st.data())
def test_strategy_yields_valid_instances(
    factory: Callable[[], st.SearchStrategy[Any]], cls: type, data: st.DataObject
) -> None:
    x = data.draw(factory())
    assert type(x) is cls
    assert rebuilt(x) == x


@given(S.entity_ids())
def test_entity_ids_are_what_records_accept(rid: str) -> None:
    assert rid and rid == rid.strip() and rid.isprintable()
    assert Grid(id=rid, community_id=rid, name="第1网格", households=0).id == rid


@given(S.entity_ids(prefix="R-"))
def test_entity_ids_keep_their_prefix(rid: str) -> None:
    assert rid.startswith("R-") and len(rid) > 2


@given(S.phone_number_texts(), S.phone_number_texts())
def test_phone_spellings_parse_to_one_canonical_form(a: str, b: str) -> None:
    pa, pb = PhoneNumber(a), PhoneNumber(b)
    # Canonical forms: 11 mobile digits, or area code, hyphen and subscriber number.
    assert pa.reveal().replace("-", "").isdigit()
    assert (pa == pb) == (pa.reveal() == pb.reveal())
    assert PhoneNumber(pa.reveal()) == pa


@given(S.phone_numbers(mobile=False))
def test_landline_only(p: PhoneNumber) -> None:
    assert not p.is_mobile and p.reveal().startswith("0")


@given(S.phone_numbers(landline=False))
def test_mobile_only(p: PhoneNumber) -> None:
    assert p.is_mobile and len(p.reveal()) == 11 and p.reveal()[0] == "1"


@given(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(Sex), st.data())
def test_id_numbers_encode_the_birth_date_and_sex_asked_for(
    born: dt.date, sex: Sex, data: st.DataObject
) -> None:
    n = data.draw(S.id_numbers(birth_dates=st.just(born), sexes=st.just(sex)))
    assert n.birth_date == born
    assert n.sex is sex
    assert n.reveal()[6:14] == born.strftime("%Y%m%d")


@given(S.residents(community_id=st.just("C1"), household_id=st.just("H1"), max_attentions=0))
def test_residents_take_their_references_from_the_arguments(r: Resident) -> None:
    assert (r.community_id, r.household_id, r.attentions) == ("C1", "H1", ())


@given(S.residents())
def test_resident_facts_agree_with_the_identity_number(r: Resident) -> None:
    if r.id_number is not None:
        assert r.birth_date in (None, r.id_number.birth_date)
        assert r.sex in (None, r.id_number.sex)
    assert len(r.attentions) <= 3


@given(S.staff_members())
def test_staff_are_hired_at_sixteen_or_later(s: Staff) -> None:
    born = s.birth_date or (s.id_number.birth_date if s.id_number else None)
    if born is not None and s.hired_on is not None:
        assert (s.hired_on - born).days >= 16 * 365


@given(S.communities())
def test_communities_have_no_more_households_than_residents(c: Community) -> None:
    assert 0 <= c.households <= c.residents


@given(S.meetings())
def test_meeting_attendance_is_within_the_entitled(m: Meeting) -> None:
    assert 0 <= m.present <= m.entitled


# The order a dispute's history follows: 受理, 调解中, an outcome, 结案.
_RANK = {
    DisputeStatus.RECEIVED: 0,
    DisputeStatus.MEDIATING: 1,
    DisputeStatus.AGREEMENT_REACHED: 2,
    DisputeStatus.FAILED: 2,
    DisputeStatus.REFERRED: 2,
    DisputeStatus.WITHDRAWN: 2,
    DisputeStatus.CLOSED: 3,
}


@given(S.dispute_cases())
def test_dispute_histories_move_forward(c: DisputeCase) -> None:
    ranks = [_RANK[e.status] for e in c.events]
    assert ranks == sorted(set(ranks)), "each step once, in order"
    assert [e.on for e in c.events] == sorted(e.on for e in c.events)
    assert len({e.status for e in c.events if _RANK[e.status] == 2}) <= 1
    assert len(c.parties) >= 2
    assert len(set(c.mediator_ids)) == len(c.mediator_ids)
    if c.closed_on is not None and c.events:
        assert c.closed_on >= c.events[-1].on


@given(S.dispute_cases(statuses=st.just(DisputeStatus.CLOSED)))
def test_closed_cases_have_their_closing_date(c: DisputeCase) -> None:
    assert c.status is DisputeStatus.CLOSED and c.closed_on is not None
    if c.events:
        assert c.events[-1].status is DisputeStatus.CLOSED
        assert c.events[-1].on == c.closed_on


@given(S.dispute_cases(statuses=st.sampled_from([DisputeStatus.RECEIVED, DisputeStatus.MEDIATING])))
def test_open_cases_are_not_closed(c: DisputeCase) -> None:
    assert c.closed_on is None and c.is_open


def _open_suspension(r: ServiceRequest) -> bool:
    paused = False
    for e in ordered_request_events(r.events):
        if e.kind is RequestEventKind.SUSPENDED:
            paused = True
        elif e.kind is RequestEventKind.RESUMED:
            paused = False
    return paused


_TERMINAL = {RequestEventKind.COMPLETED, RequestEventKind.CANCELLED}


@given(S.service_requests(max_extension_days=20))
def test_request_histories_agree_with_their_status(r: ServiceRequest) -> None:
    kinds = [e.kind for e in r.events]
    assert [e.on for e in r.events] == sorted(e.on for e in r.events)
    # A suspension is left open exactly when the request is suspended (and has a history).
    assert _open_suspension(r) == (r.status is RequestStatus.SUSPENDED)
    if r.status is RequestStatus.RECEIVED:
        assert kinds == []
    if r.status is RequestStatus.COMPLETED:
        assert r.completed_on is not None and r.completed_on >= r.received_on
        if kinds:
            assert kinds[-1] is RequestEventKind.COMPLETED
            assert r.events[-1].on == r.completed_on
    else:
        assert r.completed_on is None
    if r.status is RequestStatus.CANCELLED and kinds:
        assert kinds[-1] is RequestEventKind.CANCELLED
    # Nothing follows the end of a request.
    assert all(k not in _TERMINAL for k in kinds[:-1])
    extensions = [e for e in r.events if e.kind is RequestEventKind.EXTENDED]
    assert all(e.days is not None and e.days > 0 and e.approved_by for e in extensions)
    assert sum(e.days or 0 for e in extensions) <= 20


@given(
    S.service_requests(
        statuses=st.just(RequestStatus.SUSPENDED), received_on=st.just(dt.date(2025, 3, 1))
    )
)
def test_suspended_requests_show_the_open_suspension(r: ServiceRequest) -> None:
    assert r.received_on == dt.date(2025, 3, 1)
    assert r.events and _open_suspension(r)


def test_time_limits_respect_max_amount() -> None:
    @given(S.time_limits(max_amount=5))
    def check(t: TimeLimit) -> None:
        assert 1 <= t.amount <= 5

    check()


@given(S.attentions())
def test_attentions_end_after_they_begin(a: Attention) -> None:
    assert a.until is None or a.until >= a.since


@given(S.request_events(kinds=st.just(RequestEventKind.EXTENDED), max_extension_days=7))
def test_extension_events_carry_days_and_approver(e: RequestEvent) -> None:
    assert e.days is not None and 1 <= e.days <= 7 and e.approved_by


@given(S.datasets())
def test_datasets_refer_within_the_community(d: Dataset) -> None:
    grids = {g.id: g for g in d.grids}
    households = {h.id: h for h in d.households}
    teams = {t.id: t for t in d.teams}
    residents = {r.id: r for r in d.residents}
    for h in d.households:
        if h.grid_id is not None:
            assert grids[h.grid_id].community_id == h.community_id
    for r in d.residents:
        assert households[r.household_id].community_id == r.community_id
    for v in d.volunteers:
        if v.team_id is not None:
            assert teams[v.team_id].community_id == v.community_id
    for m in d.party_members:
        if m.resident_id is not None:
            assert residents[m.resident_id].community_id == m.community_id
    numbers = [r.id_number for r in d.residents if r.id_number is not None]
    assert len(numbers) == len(set(numbers))


@given(
    S.datasets(
        min_residents=2, max_residents=3, max_staff=0, min_visits=1, max_visits=2, max_meetings=0
    )
)
def test_dataset_sizes_follow_the_bounds(d: Dataset) -> None:
    assert 2 <= len(d.residents) <= 3
    assert 1 <= len(d.visits) <= 2
    assert d.meetings == ()
    assert d.staff == ()
    # Visits need a visitor: with no staff allowed, the volunteers supply one.
    assert d.volunteers
    # What the residents need is there.
    assert d.households and d.communities


@given(S.datasets(max_communities=0))
def test_no_communities_means_nothing_that_needs_one(d: Dataset) -> None:
    needing = ("grids", "households", "residents", "staff", "volunteers", "teams")
    assert all(getattr(d, name) == () for name in needing)
    assert all(u.community_ids == frozenset() for u in d.partner_units)
