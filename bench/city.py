"""A generated city: every kind of record, in proportion to its residents.

``make_city(n)`` builds a banner of ``n`` residents with plain seeded code (no
Hypothesis), through the ordinary validating constructors, so the benchmarks of the
rules at scale and the Dask test run on records that are valid by construction. Per
5,000 residents there is one community with 12 staff, 10 grids, 4 teams, 6 partner
units (each paired with two communities) and 12 meetings; per resident 0.4 households,
two visits (half to residents under attention) and 0.1 service requests; one dispute
case per 1,000 residents, with parties anywhere in the city. 5 % of residents are under
attention and 10 % carry an identity and a phone number. References cross communities
where they do in life (a visitor from the next community, a party to a dispute living
elsewhere, a partner unit serving two communities), so a partition by community has to
carry what its records refer to.

It is imported by the benchmarks and, by path, by ``tests/perf``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from shequ_core.entities import (
    Attention,
    AttentionKind,
    CaseEvent,
    Channel,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Education,
    Employment,
    FacilityKind,
    Grid,
    Household,
    IdNumber,
    Meeting,
    MeetingKind,
    PartnerUnit,
    Party,
    PartyMember,
    PartyMemberCategory,
    PhoneNumber,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Resident,
    RiskLevel,
    ServiceItem,
    ServiceRequest,
    Staff,
    StaffRole,
    TeamKind,
    TimeLimit,
    TimeUnit,
    Visit,
    VisitOutcome,
    Volunteer,
    VolunteerTeam,
    id_number_check_char,
)

__all__ = ["AS_OF", "RESIDENTS_PER_COMMUNITY", "make_city"]

AS_OF = date(2025, 6, 30)
RESIDENTS_PER_COMMUNITY = 5_000
_GRIDS = 10
_STAFF_ROLES = (
    (StaffRole.PARTY_SECRETARY, Employment.TWO_COMMITTEES),
    (StaffRole.DEPUTY_PARTY_SECRETARY, Employment.SECONDED),
    (StaffRole.DIRECTOR, Employment.TWO_COMMITTEES),
    (StaffRole.DEPUTY_DIRECTOR, Employment.TWO_COMMITTEES),
    (StaffRole.COMMITTEE_MEMBER, Employment.TWO_COMMITTEES),
    (StaffRole.COMMITTEE_MEMBER, Employment.CONTRACTED),
    (StaffRole.CASEWORKER, Employment.SECONDED),
    *((StaffRole.GRID_WORKER, Employment.CONTRACTED),) * 4,
    (StaffRole.OTHER, Employment.PUBLIC_WELFARE),
)
_KINDS = list(AttentionKind)
_RISKS = [RiskLevel.LOW] * 3 + [RiskLevel.MEDIUM] * 5 + [RiskLevel.HIGH] * 2
_OUTCOMES = [VisitOutcome.MET] * 8 + [VisitOutcome.NOT_HOME, VisitOutcome.REFUSED]
_TEAM_KINDS = (
    TeamKind.VOLUNTEER,
    TeamKind.CULTURE_SPORTS,
    TeamKind.SAFETY_PATROL,
    TeamKind.MEDIATION,
)
_FACILITIES = list(FacilityKind)
_EDUCATION = [Education.SENIOR_SECONDARY, Education.JUNIOR_COLLEGE, Education.BACHELOR]


def _id_number(rng: random.Random, born: date, male: bool, used: set[str]) -> IdNumber:
    """A number of its own: one person, one number (a Dataset refuses two residents
    with one). A drawn number already given out moves on to the next free sequence
    number of the same sex, so the random stream, and the rest of the city, stay as
    they were."""
    seq = rng.randrange(50) * 2 + (1 if male else 0)
    first17 = f"150926{born:%Y%m%d}{seq + 100:03}"
    while first17 in used:
        seq = (seq + 2) % 900
        first17 = f"150926{born:%Y%m%d}{seq + 100:03}"
    used.add(first17)
    return IdNumber(first17 + id_number_check_char(first17))


def _items() -> list[ServiceItem]:
    limits = (
        (3, TimeUnit.WORKING_DAYS),
        (5, TimeUnit.WORKING_DAYS),
        (7, TimeUnit.NATURAL_DAYS),
        (10, TimeUnit.WORKING_DAYS),
        (15, TimeUnit.NATURAL_DAYS),
        (20, TimeUnit.WORKING_DAYS),
    )
    return [
        ServiceItem(
            id=f"I{k:02}",
            name=f"事项{k}",
            time_limit=TimeLimit(amount=amount, unit=unit),
            channels=frozenset({Channel.HALL, Channel.ONLINE}),
            fee=Decimal(0) if k % 4 else Decimal(10),
        )
        for k, (amount, unit) in enumerate(limits * 2)
    ]


def _request(
    rng: random.Random, k: int, cid: str, rid: str, staff_id: str, item: ServiceItem
) -> ServiceRequest:
    received = AS_OF - timedelta(days=rng.randrange(180))
    events = [RequestEvent(on=received, kind=RequestEventKind.STARTED)]
    last = received
    if rng.random() < 0.1:
        last = received + timedelta(days=1 + rng.randrange(3))
        events.append(RequestEvent(on=last, kind=RequestEventKind.SUSPENDED, note="补材料"))
        if rng.random() < 0.8:
            last += timedelta(days=1 + rng.randrange(5))
            events.append(RequestEvent(on=last, kind=RequestEventKind.RESUMED))
    if rng.random() < 0.05:
        events.append(
            RequestEvent(on=last, kind=RequestEventKind.EXTENDED, days=5, approved_by=staff_id)
        )
    roll = rng.random()
    # Open when the suspension was not resumed (an extension may follow it).
    kinds = [e.kind for e in events]
    paused = RequestEventKind.SUSPENDED in kinds and RequestEventKind.RESUMED not in kinds
    done = last + timedelta(days=rng.randrange(1, 30))
    if roll < 0.75 and not paused and done <= AS_OF:
        events.append(RequestEvent(on=done, kind=RequestEventKind.COMPLETED))
        status, completed = RequestStatus.COMPLETED, done
    elif roll < 0.78 and not paused:
        events.append(RequestEvent(on=last, kind=RequestEventKind.CANCELLED))
        status, completed = RequestStatus.CANCELLED, None
    else:
        status = RequestStatus.SUSPENDED if paused else RequestStatus.IN_PROGRESS
        completed = None
    return ServiceRequest(
        id=f"Q{k:07}",
        item_id=item.id,
        community_id=cid,
        received_on=received,
        status=status,
        resident_id=rid,
        first_responder_id=staff_id,
        events=tuple(events),
        completed_on=completed,
        complaint=rng.random() < 0.01,
    )


def make_city(n: int, seed: int = 1, per_community: int = RESIDENTS_PER_COMMUNITY) -> Dataset:
    """A city of ``n`` residents with every kind of record, the same for the same seed,
    in communities of about ``per_community`` residents."""
    rng = random.Random(seed)
    used_numbers: set[str] = set()
    days = [AS_OF - timedelta(days=k) for k in range(6 * 366)]  # shared date objects
    reason_sets = {k: frozenset({k}) for k in _KINDS}
    n_comm = max(1, n // per_community)
    n_house = max(1, int(n / 2.5))
    cids = [f"C{c:04}" for c in range(n_comm)]

    def staff_id(c: int, s: int) -> str:
        return f"{cids[c]}-S{s:02}"

    communities = []
    for c, cid in enumerate(cids):
        old = c % 4 == 3
        communities.append(
            Community(
                id=cid,
                name=f"社区{c}",
                town=f"街道{c // 8}",
                kind=list(CommunityKind)[c % 4],
                households=len(range(c, n_house, n_comm)),
                residents=len(range(c, n, n_comm)),
                established_on=date(2000 + c % 20, 1 + c % 12, 1),
                service_hall_area_m2=100.0 if old else 150.0,
                facility_area_m2=400.0 + 10 * (c % 50),
                facilities=frozenset(_FACILITIES[: 6 if old else 8]),
                yearly_party_building_funds=Decimal(100_000),
                yearly_office_funds=Decimal(20_000),
            )
        )
    staff = []
    for c, cid in enumerate(cids):
        for s, (role, employment) in enumerate(_STAFF_ROLES):
            staff.append(
                Staff(
                    id=staff_id(c, s),
                    community_id=cid,
                    name="工作人员",
                    role=role,
                    employment=employment,
                    birth_date=date(1970 + rng.randrange(30), 1 + rng.randrange(12), 1),
                    education=rng.choice(_EDUCATION),
                    hired_on=date(2015 + rng.randrange(8), 3, 1),
                    monthly_wage=Decimal(3000 + 50 * rng.randrange(20)),
                    pension_insured=True,
                )
            )
    grids = [
        Grid(
            id=f"{cid}-G{g:02}",
            community_id=cid,
            name=f"网格{g}",
            households=len(range(c, n_house, n_comm)) // _GRIDS,
            worker_id=staff_id(c, 7 + g % 4) if g % 5 else None,
        )
        for c, cid in enumerate(cids)
        for g in range(_GRIDS)
    ]
    households = [
        Household(
            id=f"H{h:07}",
            community_id=cids[h % n_comm],
            grid_id=f"{cids[h % n_comm]}-G{rng.randrange(_GRIDS):02}",
            address="某路某号",
        )
        for h in range(n_house)
    ]
    residents = []
    attended: list[tuple[str, tuple[AttentionKind, ...]]] = []
    community_of: list[int] = []
    for i in range(n):
        h = rng.randrange(n_house)
        rid = f"R{i:07}"
        attentions: tuple[Attention, ...] = ()
        if rng.random() < 0.05:
            atts = []
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                since = rng.choice(days)
                ends = rng.random() < 0.2
                atts.append(
                    Attention(
                        kind=rng.choice(_KINDS),
                        since=since,
                        until=since + timedelta(rng.randrange(1500)) if ends else None,
                        risk=rng.choice(_RISKS),
                    )
                )
            attentions = tuple(atts)
            attended.append((rid, tuple(a.kind for a in attentions)))
        id_number = phone = born = None
        if rng.random() < 0.1:
            born = date(1940 + rng.randrange(60), 1 + rng.randrange(12), 1 + rng.randrange(28))
            id_number = _id_number(rng, born, rng.random() < 0.5, used_numbers)
            phone = PhoneNumber(f"13{rng.randrange(10**9):09}")
        residents.append(
            Resident(
                id=rid,
                community_id=cids[h % n_comm],
                household_id=f"H{h:07}",
                name="居民",
                id_number=id_number,
                phone=phone,
                birth_date=born,
                attentions=attentions,
            )
        )
        community_of.append(h % n_comm)
    teams = [
        VolunteerTeam(id=f"{cid}-T{t}", community_id=cid, name=f"队伍{t}", kind=kind)
        for cid in cids
        for t, kind in enumerate(_TEAM_KINDS)
    ]
    volunteers = [
        Volunteer(
            id=f"W{v:06}",
            community_id=cids[v % n_comm],
            name="志愿者",
            registered_on=rng.choice(days),
            team_id=f"{cids[v % n_comm]}-T{v % 4}" if v % 3 else None,
            is_party_member=v % 7 == 0,
            service_hours=float(rng.randrange(200)),
        )
        for v in range(max(1, n // 100))
    ]
    categories = list(PartyMemberCategory)
    members = []
    for m in range(max(1, n // 50)):
        i = rng.randrange(n)
        category = categories[m % 4]
        members.append(
            PartyMember(
                id=f"P{m:06}",
                community_id=cids[community_of[i]],
                name="党员",
                category=category,
                resident_id=f"R{i:07}" if category is not PartyMemberCategory.EMPLOYED else None,
                employer="某单位" if category is PartyMemberCategory.EMPLOYED else None,
                reported_on=rng.choice(days) if category is PartyMemberCategory.EMPLOYED else None,
            )
        )
    units = [
        PartnerUnit(
            id=f"U{c:04}-{u}",
            name="共建单位",
            community_ids=frozenset({cids[c], cids[(c + 1) % n_comm]}),
            since=date(2018, 1, 1),
        )
        for c in range(n_comm)
        for u in range(6)
    ]
    cases = []
    for k in range(max(1, n // 1_000)):
        c = k % n_comm
        received = rng.choice(days[:400])
        closed = None if rng.random() < 0.4 else min(AS_OF, received + timedelta(rng.randrange(90)))
        agreed = closed is not None and rng.random() < 0.7
        events = [CaseEvent(on=received, status=DisputeStatus.RECEIVED)]
        if closed is not None:
            mid = DisputeStatus.AGREEMENT_REACHED if agreed else DisputeStatus.FAILED
            events += [
                CaseEvent(on=closed, status=mid),
                CaseEvent(on=closed, status=DisputeStatus.CLOSED),
            ]
        else:
            events.append(CaseEvent(on=received, status=DisputeStatus.MEDIATING))
        cases.append(
            DisputeCase(
                id=f"D{k:06}",
                community_id=cids[c],
                category=list(DisputeCategory)[k % 8],
                parties=(
                    Party(name="甲", resident_id=f"R{rng.randrange(n):07}"),
                    Party(name="乙", resident_id=f"R{rng.randrange(n):07}"),
                ),
                received_on=received,
                status=events[-1].status,
                mediator_ids=(staff_id(c, 4),),
                events=tuple(events),
                closed_on=closed,
            )
        )
    items = _items()
    requests = []
    for k in range(max(1, n // 10)):
        i = rng.randrange(n)
        c = community_of[i]
        requests.append(
            _request(rng, k, cids[c], f"R{i:07}", staff_id(c, 7 + k % 4), rng.choice(items))
        )
    visits = []
    for v in range(2 * n):
        if attended and v % 2:
            rid, kinds = rng.choice(attended)
            reasons = reason_sets[rng.choice(kinds)]
        else:
            rid, reasons = f"R{rng.randrange(n):07}", reason_sets[rng.choice(_KINDS)]
        c = community_of[int(rid[1:])]
        if v % 10 == 0:
            c = (c + 1) % n_comm  # a worker from the next community helps out
        visits.append(
            Visit(
                id=f"V{v:08}",
                resident_id=rid,
                visitor_id=staff_id(c, 7 + rng.randrange(4)),
                visited_on=rng.choice(days[:800]),
                reasons=reasons,
                outcome=rng.choice(_OUTCOMES),
            )
        )
    kinds = list(MeetingKind)
    meetings = [
        Meeting(
            id=f"{cid}-M{m:02}",
            community_id=cid,
            kind=kinds[m % len(kinds)],
            held_on=date(2025, 1 + m // 2, 10),
            entitled=60,
            present=30 + rng.randrange(31),
            topic="议题",
        )
        for cid in cids
        for m in range(12)
    ]
    return Dataset(
        communities=tuple(communities),
        grids=tuple(grids),
        households=tuple(households),
        residents=tuple(residents),
        staff=tuple(staff),
        volunteers=tuple(volunteers),
        teams=tuple(teams),
        party_members=tuple(members),
        dispute_cases=tuple(cases),
        service_items=tuple(items),
        service_requests=tuple(requests),
        visits=tuple(visits),
        partner_units=tuple(units),
        meetings=tuple(meetings),
    )
