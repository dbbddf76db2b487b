"""Each dimension's formula, pinned on small hand-built datasets.

Every expected score below is worked out by hand from the formula in the dimension's
docstring (and the policy numbers of 2017: the 1989 committee law, 5–9 members; no
national staffing or facility target before the 十四五 plan of 2021-12-27; the seed's
150 m² hall, 六室两中心, 100,000 + 20,000 CNY of funds, 两金, mean age 37).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Attention,
    AttentionKind,
    CaseEvent,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Employment,
    FacilityKind,
    Grid,
    Household,
    Meeting,
    MeetingKind,
    PartnerUnit,
    Party,
    PartyMember,
    PartyMemberCategory,
    Registration,
    RequestStatus,
    Resident,
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
)
from shequ_core.errors import ValidationError
from shequ_core.policy import Count, national_policy, seed_policy
from shequ_core.rules._findings import Severity
from shequ_core.rules.assessment import (
    DEFAULT_SCORING,
    Dimension,
    Scorecard,
    ScoringPolicy,
    SevenZeros,
    scorecard,
)

D = dt.date
AS_OF = D(2017, 12, 31)
NATIONAL = national_policy(AS_OF)
SEED = seed_policy(AS_OF)
CAL = china_calendar()


def community(cid: str = "c", **kw: object) -> Community:
    base: dict[str, object] = {
        "id": cid,
        "name": f"{cid}社区",
        "town": "示例镇",
        "kind": CommunityKind.ORDINARY,
        "households": 100,
        "residents": 300,
    }
    base.update(kw)
    return Community(**base)


def staff(
    sid: str,
    role: StaffRole = StaffRole.COMMITTEE_MEMBER,
    employment: Employment = Employment.TWO_COMMITTEES,
    community_id: str = "c",
    **kw: object,
) -> Staff:
    return Staff(
        id=sid,
        community_id=community_id,
        name="甲",
        role=role,
        employment=employment,
        pension_insured=True,
        unemployment_insured=True,
        **kw,
    )


def committee(n: int) -> list[Staff]:
    return [staff(f"m{i}") for i in range(n)]


def card(ds: Dataset, policy=NATIONAL, **kw: object) -> Scorecard:
    return scorecard(ds, as_of=AS_OF, policy=policy, calendar=CAL, **kw)


def score(ds: Dataset, dimension: Dimension, policy=NATIONAL, cid: str = "c") -> int | None:
    return card(ds, policy).communities[cid].score(dimension)


# -- 有人管事 -------------------------------------------------------------------------------


def test_has_people_a_committee_of_five_is_full_marks_four_a_violation() -> None:
    five = Dataset(communities=(community(),), staff=tuple(committee(5)))
    four = Dataset(communities=(community(),), staff=tuple(committee(4)))
    assert score(five, Dimension.HAS_PEOPLE) == 100
    c = card(four).communities["c"][Dimension.HAS_PEOPLE]
    assert c.score == 75  # 100 − 25 for the committee law's 5–9 members
    assert [f.rule for f in c.findings] == ["governance.committee_size"]
    assert c.explanation == "100 − 25×1（违反规定） = 75"


def test_has_people_is_zero_without_any_staff() -> None:
    s = card(Dataset(communities=(community(),))).communities["c"][Dimension.HAS_PEOPLE]
    assert s.score == 0
    assert "scorecard.no_staff" in [f.rule for f in s.findings]


def test_has_people_counts_an_advisory_and_a_missing_figure_under_the_seed() -> None:
    # A secretary aged 47 on 2017-12-31 (above the seed's 37: −10), education unknown
    # (the share cannot be computed: −5).
    secretary = staff(
        "sec", StaffRole.PARTY_SECRETARY, Employment.SECONDED, birth_date=D(1970, 6, 1)
    )
    ds = Dataset(communities=(community(),), staff=(*committee(5), secretary))
    assert score(ds, Dimension.HAS_PEOPLE, SEED) == 85


# -- 有钱办事 -------------------------------------------------------------------------------


def test_has_money_is_none_under_the_national_profile() -> None:
    ds = Dataset(communities=(community(),), staff=tuple(committee(5)))
    s = card(ds).communities["c"][Dimension.HAS_MONEY]
    assert s.score is None
    assert s.explanation


def test_has_money_funds_and_two_insurances() -> None:
    funded = community(
        yearly_party_building_funds=Decimal(100000), yearly_office_funds=Decimal(20000)
    )
    uninsured = attrs.evolve(committee(1)[0], id="u", pension_insured=False)
    full = Dataset(communities=(funded,), staff=tuple(committee(5)))
    one_short = Dataset(communities=(funded,), staff=(*committee(5), uninsured))
    unrecorded = Dataset(communities=(community(),), staff=(*committee(5), uninsured))
    assert score(full, Dimension.HAS_MONEY, SEED) == 100
    assert score(one_short, Dimension.HAS_MONEY, SEED) == 90
    # Neither fund recorded (−5 each) and one worker without pension insurance (−10).
    assert score(unrecorded, Dimension.HAS_MONEY, SEED) == 80


# -- 有场所议事 -----------------------------------------------------------------------------


def test_has_venue_hall_rooms_and_a_meeting_without_its_quorum() -> None:
    six_rooms = frozenset(FacilityKind) - {FacilityKind.LIBRARY, FacilityKind.YOUTH_ROOM}
    c = community(service_hall_area_m2=120.0, facilities=six_rooms)
    ds = Dataset(communities=(c,))
    assert score(ds, Dimension.HAS_VENUE, SEED) == 80  # hall under 150 m², 2 rooms missing
    meeting = Meeting(
        id="mt",
        community_id="c",
        kind=MeetingKind.RESIDENTS_MEETING,
        held_on=D(2017, 6, 1),
        entitled=100,
        present=40,
        topic="停车",
        decisions=("划线停车",),
    )
    with_meeting = ds.replace(meetings=(meeting,))
    assert score(with_meeting, Dimension.HAS_VENUE, SEED) == 55  # and −25: no quorum, yet decided
    national = card(with_meeting).communities["c"][Dimension.HAS_VENUE]
    assert national.score is None  # no facility standard in the national profile
    assert [f.rule for f in national.findings] == ["governance.meeting_quorum"]
    assert card(with_meeting).has_violations


# -- 区域化党建 -----------------------------------------------------------------------------


def partner(uid: str, *cids: str, since: dt.date | None = None) -> PartnerUnit:
    return PartnerUnit(id=uid, name=f"单位{uid}", community_ids=frozenset(cids), since=since)


def member(mid: str, category: PartyMemberCategory, **kw: object) -> PartyMember:
    return PartyMember(id=mid, community_id="c", name="乙", category=category, **kw)


def test_regional_party_building_partner_units_and_reporting() -> None:
    units = (
        partner("p1", "c"),
        partner("p2", "c", since=D(2016, 1, 1)),
        partner("p3", "c"),
        partner("late", "c", since=D(2018, 1, 1)),  # paired after as_of: not counted
    )
    members = (
        member("e1", PartyMemberCategory.EMPLOYED, reported_on=D(2017, 5, 1)),
        member("e2", PartyMemberCategory.EMPLOYED, reported_on=D(2018, 3, 1)),
    )
    ds = Dataset(communities=(community(),), partner_units=units, party_members=members)
    # mean(3 of the target 6, 1 of 2 employed members reported) = 50
    assert score(ds, Dimension.REGIONAL_PARTY_BUILDING) == 50
    many = ds.replace(
        partner_units=tuple(partner(f"q{i}", "c") for i in range(8)),
        party_members=members[:1],
    )
    assert score(many, Dimension.REGIONAL_PARTY_BUILDING) == 100
    alone = Dataset(communities=(community(),), partner_units=units[:1])
    assert score(alone, Dimension.REGIONAL_PARTY_BUILDING) == 17  # 1/6, no employed members


# -- 网格化管理 -----------------------------------------------------------------------------


def test_grid_management_counts_households_in_grids_with_their_own_worker() -> None:
    other = community("d")
    grids = (
        Grid(id="g1", community_id="c", name="一网格", households=60, worker_id="m0"),
        Grid(id="g2", community_id="c", name="二网格", households=40, worker_id="x"),
    )
    outsider = staff("x", StaffRole.GRID_WORKER, Employment.CONTRACTED, community_id="d")
    ds = Dataset(communities=(community(), other), staff=(*committee(5), outsider), grids=grids)
    assert score(ds, Dimension.GRID_MANAGEMENT) == 60
    own = ds.replace(grids=(grids[0], attrs.evolve(grids[1], worker_id="m1")))
    assert score(own, Dimension.GRID_MANAGEMENT) == 100
    # The community records 200 households: the grids cover only half of them.
    bigger = own.replace(communities=(community(households=200), other))
    assert score(bigger, Dimension.GRID_MANAGEMENT) == 50
    assert (
        card(ds).communities["d"].score(Dimension.GRID_MANAGEMENT) == 0
    )  # 100 households, no grid
    assert score(Dataset(communities=(community(households=0),)), Dimension.GRID_MANAGEMENT) is None


# -- visits: 爱心家园, 平安家园, 精细化服务 --------------------------------------------------------


NEW_YEAR = D(2017, 1, 1)


def resident(rid: str, *kinds: AttentionKind, since: dt.date = NEW_YEAR, **kw: object):
    attentions = tuple(Attention(kind=k, since=since) for k in kinds)
    return Resident(
        id=rid, community_id="c", household_id="h", name="丙", attentions=attentions, **kw
    )


def visit(vid: str, rid: str, on: dt.date, *reasons: AttentionKind, outcome=VisitOutcome.MET):
    return Visit(
        id=vid, resident_id=rid, visitor_id="m0", visited_on=on, reasons=reasons, outcome=outcome
    )


HOME = Household(id="h", community_id="c", address="示例路1号")
ELDER = AttentionKind.LONELY_ELDER
RELEASED = AttentionKind.RELEASED_PRISONER


def people(*residents: Resident, visits: tuple[Visit, ...] = (), **kw: object) -> Dataset:
    return Dataset(
        communities=(community(),),
        staff=tuple(committee(5)),
        households=(HOME,),
        residents=residents,
        visits=visits,
        **kw,
    )


def test_caring_coverage_and_an_overdue_visit() -> None:
    elder = resident("r1", ELDER)
    # Met on 2017-11-20: covered this year, but next due 2017-12-20 and overdue on
    # 2017-12-31: mean(100 %, 0 %) = 50.
    once = people(elder, visits=(visit("v1", "r1", D(2017, 11, 20), ELDER),))
    assert score(once, Dimension.CARING) == 50
    # Met again on 2017-12-15: next due 2018-01-15, so no one is overdue.
    twice = once.replace(visits=(*once.visits, visit("v2", "r1", D(2017, 12, 15), ELDER)))
    assert score(twice, Dimension.CARING) == 100
    # Not at home does not count as a visit.
    missed = visit("v2", "r1", D(2017, 12, 15), ELDER, outcome=VisitOutcome.NOT_HOME)
    assert score(once.replace(visits=(*once.visits, missed)), Dimension.CARING) == 50
    assert score(people(), Dimension.CARING) is None


def mediation_team(members: int) -> tuple[VolunteerTeam, tuple[Volunteer, ...]]:
    team = VolunteerTeam(id="t", community_id="c", name="调委会", kind=TeamKind.MEDIATION)
    volunteers = tuple(
        Volunteer(
            id=f"vol{i}", community_id="c", name="丁", registered_on=D(2016, 1, 1), team_id="t"
        )
        for i in range(members)
    )
    return team, volunteers


DISPUTE = DisputeCase(
    id="k1",
    community_id="c",
    category=DisputeCategory.NEIGHBOUR,
    parties=(Party(name="甲"), Party(name="乙")),
    received_on=D(2017, 3, 1),
    status=DisputeStatus.AGREEMENT_REACHED,
    events=(CaseEvent(on=D(2017, 3, 10), status=DisputeStatus.AGREEMENT_REACHED),),
)


def test_safety_visits_organisation_and_disputes() -> None:
    team, volunteers = mediation_team(3)
    ds = people(
        resident("r2", RELEASED, since=D(2017, 6, 1)),
        teams=(team,),
        volunteers=volunteers,
        dispute_cases=(DISPUTE,),
    )
    # mean(coverage 0, on time 0, organisation ½ (mediation, no patrol), disputes 1)
    # = 3/8 = 37.5, rounded half up.
    s = card(ds).communities["c"][Dimension.SAFETY]
    assert s.score == 38
    assert "scorecard.safety_patrol" in [f.rule for f in s.findings]
    # A committee of 2 breaks 人民调解法 第8条 (3–9 members): −25.
    _, two = mediation_team(2)
    small = ds.replace(volunteers=two)
    assert score(small, Dimension.SAFETY) == 13
    assert card(small).has_violations


def test_safety_without_a_mediation_committee_is_flagged() -> None:
    s = card(people()).communities["c"][Dimension.SAFETY]
    assert s.score == 0  # no one to visit, no dispute: organisation 0 is the only part
    flagged = [f for f in s.findings if f.rule == "scorecard.mediation_committee"]
    assert [f.severity for f in flagged] == [Severity.ADVISORY]


def test_fine_grained_service_takes_every_kind() -> None:
    ds = people(
        resident("r1", ELDER),
        resident("r2", RELEASED, since=D(2017, 6, 1)),
        visits=(visit("v1", "r1", D(2017, 11, 20), ELDER),),
    )
    # Coverage 1 of 2, both overdue on 2017-12-31: mean(50 %, 0 %) = 25.
    assert score(ds, Dimension.FINE_GRAINED_SERVICE) == 25
    assert score(people(), Dimension.FINE_GRAINED_SERVICE) is None


# -- 阳光家园 and the seven zeros -----------------------------------------------------------

FIVE_DAYS = TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
FREE = ServiceItem(id="free", name="开证明", time_limit=FIVE_DAYS)
PAID = ServiceItem(id="paid", name="复印", time_limit=FIVE_DAYS, fee=Decimal(5))


def request(rid: str, received: dt.date, done: dt.date | None = None, **kw: object):
    return ServiceRequest(
        id=rid,
        item_id=kw.pop("item_id", "free"),
        community_id="c",
        received_on=received,
        status=RequestStatus.COMPLETED if done else RequestStatus.IN_PROGRESS,
        completed_on=done,
        **kw,
    )


def test_sunshine_and_the_seven_zeros() -> None:
    # 5 working days from Monday 2017-11-06 end on Monday 2017-11-13; from Friday
    # 2017-12-01 on Friday 2017-12-08 (no holiday in between).
    requests = (
        request("r1", D(2017, 11, 6), D(2017, 11, 8)),  # on time
        request("r2", D(2017, 11, 6), D(2017, 11, 20)),  # late
        request("r3", D(2017, 12, 1)),  # open, past its deadline on 2017-12-31
        request("r4", D(2017, 11, 6), D(2017, 11, 8), complaint=True),  # on time, complained
        request("r5", D(2017, 11, 6), D(2017, 11, 8), item_id="paid"),  # on time, 5 CNY
        request("r6", D(2018, 1, 2)),  # received after as_of: not known yet
    )
    ds = Dataset(communities=(community(),), service_items=(FREE, PAID), service_requests=requests)
    c = card(ds).communities["c"]
    assert c.seven_zeros == SevenZeros(
        backlog=1,
        complaints=1,
        fees_charged=Decimal(5),
        late_completions=1,
        completed=4,
        on_time_share=0.75,
        unjudged=0,
    )
    assert c.seven_zeros.on_time_percent == 75
    # 75 % on time, less 10 each for the backlog, the complaint and the fee.
    assert c.score(Dimension.SUNSHINE) == 45
    assert {f.rule for f in c[Dimension.SUNSHINE].findings} == {
        "scorecard.backlog",
        "scorecard.complaint",
        "scorecard.fee",
    }
    assert score(Dataset(communities=(community(),)), Dimension.SUNSHINE) is None


def test_a_request_the_calendar_cannot_judge_is_counted_apart() -> None:
    # The calendar starts in 2001: a deadline in 2000 cannot be computed.
    ds = Dataset(
        communities=(community(),),
        service_items=(FREE,),
        service_requests=(request("old", D(2000, 6, 1)),),
    )
    c = scorecard(ds, as_of=D(2000, 12, 31), policy=national_policy(D(2000, 12, 31)), calendar=CAL)
    zeros = c.communities["c"].seven_zeros
    assert (zeros.unjudged, zeros.backlog, zeros.completed) == (1, 0, 0)
    assert c.communities["c"].score(Dimension.SUNSHINE) is None


# -- 康乐家园, 温馨家园, 红色港湾, and the two without data ----------------------------------------


@pytest.mark.parametrize(
    ("households", "teams", "expected"),
    [(4500, 1, 33), (4000, 1, 50), (4000, 2, 100), (0, 1, 100), (0, 0, 0), (2001, 3, 100)],
)
def test_health_leisure_one_culture_team_per_2000_households(
    households: int, teams: int, expected: int
) -> None:
    ds = Dataset(
        communities=(community(households=households),),
        teams=tuple(
            VolunteerTeam(id=f"t{i}", community_id="c", name="舞蹈队", kind=TeamKind.CULTURE_SPORTS)
            for i in range(teams)
        ),
    )
    assert score(ds, Dimension.HEALTH_LEISURE) == expected


def test_floating_population_served_by_a_met_visit_or_a_request_this_year() -> None:
    floating = {"registration": Registration.FLOATING}
    ds = people(
        resident("f1", **floating),
        resident("f2", **floating),
        resident("f3", **floating),
        resident("f4", **floating),
        resident("local"),
        visits=(
            visit("v1", "f1", D(2017, 5, 1)),
            visit("v3", "f3", D(2017, 5, 1), outcome=VisitOutcome.NOT_HOME),
            visit("v4", "f4", D(2016, 12, 1)),  # last year
            visit("v5", "local", D(2017, 5, 1)),
        ),
        service_items=(FREE,),
        service_requests=(request("q", D(2017, 6, 1), resident_id="f2"),),
    )
    assert score(ds, Dimension.FLOATING_POPULATION) == 50
    assert score(people(resident("local")), Dimension.FLOATING_POPULATION) is None


def test_party_harbour_counts_employed_members_once_they_reported() -> None:
    members = (
        member("a", PartyMemberCategory.RESIDENT),
        member("b", PartyMemberCategory.RETIRED),
        member("e1", PartyMemberCategory.EMPLOYED, reported_on=D(2017, 1, 1)),
        member("e2", PartyMemberCategory.EMPLOYED),
    )
    ds = Dataset(communities=(community(),), party_members=members)
    assert score(ds, Dimension.PARTY_HARBOUR) == 75
    seed = card(ds, SEED).communities["c"][Dimension.PARTY_HARBOUR]
    assert [f.subject_id for f in seed.findings if f.rule == "party.employed_not_reported"] == [
        "e2"
    ]
    assert score(Dataset(communities=(community(),)), Dimension.PARTY_HARBOUR) is None


def test_information_support_and_learning_are_never_invented() -> None:
    c = card(Dataset(communities=(community(),))).communities["c"]
    for d in (Dimension.INFORMATION_SUPPORT, Dimension.LEARNING):
        assert c.score(d) is None
        assert [f.rule for f in c[d].findings] == ["scorecard.no_data"]


# -- the banner, the table, the policy, purity -----------------------------------------------


def test_the_banner_is_the_mean_of_community_scores_rounded_half_up() -> None:
    ds = Dataset(
        communities=(community("c"), community("d")),
        staff=(*committee(4), *(staff(f"d{i}", community_id="d") for i in range(5))),
    )
    result = card(ds)
    assert [cs.score(Dimension.HAS_PEOPLE) for cs in result.communities.values()] == [75, 100]
    assert result.banner.score(Dimension.HAS_PEOPLE) == 88
    assert result.banner.community_id is None


def test_table_rows_in_both_languages() -> None:
    ds = Dataset(communities=(community("c"), community("d")))
    result = card(ds)
    headers, rows = result.table_rows()
    assert headers[:4] == ["编号", "社区", "有人管事", "有钱办事"]
    assert headers[-5:] == ["积压", "投诉", "收费(元)", "超期办结", "按期率%"]
    assert [r[:2] for r in rows] == [["c", "c社区"], ["d", "d社区"], ["", "全旗"]]
    en_headers, en_rows = result.table_rows("en")
    assert en_headers[2] == "has people"
    assert en_rows[-1][1] == "banner"
    assert result.table("en").startswith("Scorecard on 2017-12-31")


def test_html_is_escaped_and_personal_data_never_shown() -> None:
    person = resident("r1", ELDER, id_number="11010519491231002X", phone="13800138000")
    ds = people(person, dispute_cases=(DISPUTE,))
    ds = ds.replace(communities=(community(name="<b>社区</b>"),))
    result = card(ds, SEED)
    page = result._repr_html_()
    assert page.startswith('<table class="shequ-scorecard">')
    assert "&lt;b&gt;社区&lt;/b&gt;" in page and "<b>" not in page
    text = " ".join([str(result), page, *(f.message for f in result.findings)])
    assert "11010519491231002X" not in text and "13800138000" not in text


def test_scoring_points_and_targets_are_a_policy() -> None:
    uninsured = attrs.evolve(committee(1)[0], id="u", unemployment_insured=False)
    funded = community(
        yearly_party_building_funds=Decimal(100000), yearly_office_funds=Decimal(20000)
    )
    ds = Dataset(communities=(funded,), staff=(*committee(5), uninsured))
    lenient = attrs.evolve(DEFAULT_SCORING, advisory_points=0)
    assert card(ds, SEED).communities["c"].score(Dimension.HAS_MONEY) == 90
    assert card(ds, SEED, scoring=lenient).communities["c"].score(Dimension.HAS_MONEY) == 100
    with pytest.raises(ValidationError, match="partner_units"):
        ScoringPolicy(partner_units=Count(value=0, basis=DEFAULT_SCORING.partner_units.basis))
    with pytest.raises(ValidationError, match="advisory_points"):
        ScoringPolicy(advisory_points=-1)


def test_pure_and_checked_arguments() -> None:
    ds = people(resident("r1", ELDER), visits=(visit("v1", "r1", D(2017, 11, 20), ELDER),))
    explicit = card(ds)
    implicit = scorecard(ds, as_of=AS_OF, policy=NATIONAL)  # None: the national calendar
    assert implicit == explicit
    with pytest.raises(ValidationError, match="lang"):
        scorecard(ds, as_of=AS_OF, policy=NATIONAL, lang="fr")
