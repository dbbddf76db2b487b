"""The seven dimensions of 三有四化 (the management model): 有人管事, 有钱办事, 有场所议事,
区域化党建, 网格化管理, 精细化服务 (信息化支撑, which the data cannot score, is pinned with
学习家园 in test_scorecard.py). Each formula is pinned on small hand-built datasets.

Every expected score below is worked out by hand from the formula in the dimension's
docstring (and the policy numbers of 2017: the 1989 committee law, 5–9 members; no
national staffing or facility target before the 十四五 plan of 2021-12-27; the seed's
150 m² hall, 六室两中心, 100,000 + 20,000 CNY of funds, 两金, mean age 37).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    AttentionKind,
    Dataset,
    Employment,
    FacilityKind,
    Grid,
    Meeting,
    MeetingKind,
    PartnerUnit,
    PartyMemberCategory,
    StaffRole,
)
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules.assessment import (
    Dimension,
    Scorecard,
    scorecard,
)
from tests.builders import (
    committee,
    community,
    party_member,
    people,
    period_banner,
    resident,
    staff,
    visit,
)

D = dt.date
AS_OF = D(2017, 12, 31)
NATIONAL = national_policy(AS_OF)
SEED = seed_policy(AS_OF)
CAL = china_calendar()


def card(ds: Dataset, policy=NATIONAL, **kw: object) -> Scorecard:
    return scorecard(ds, as_of=AS_OF, policy=policy, calendar=CAL, **kw)


def score(ds: Dataset, dimension: Dimension, policy=NATIONAL, cid: str = "c") -> int | None:
    return card(ds, policy).communities[cid].score(dimension)


def partner(uid: str, *cids: str, since: dt.date | None = None) -> PartnerUnit:
    return PartnerUnit(id=uid, name=f"单位{uid}", community_ids=frozenset(cids), since=since)


ELDER = AttentionKind.LONELY_ELDER
RELEASED = AttentionKind.RELEASED_PRISONER


def _score(d: Dimension) -> tuple[int | None, list[tuple[str, object, object]]]:
    card = scorecard(
        period_banner(), as_of=AS_OF, policy=national_policy(AS_OF), calendar=china_calendar()
    )
    s = card.communities["c"].dimensions[d]
    return s.score, [(f.rule, f.actual, f.required) for f in s.findings]


class TestHasPeople:
    """有人管事: the committee and the staffing rules."""

    def test_has_people_a_committee_of_five_is_full_marks_four_a_violation(self) -> None:
        five = Dataset(communities=(community(),), staff=tuple(committee(5)))
        four = Dataset(communities=(community(),), staff=tuple(committee(4)))
        assert score(five, Dimension.HAS_PEOPLE) == 100
        c = card(four).communities["c"][Dimension.HAS_PEOPLE]
        assert c.score == 75  # 100 − 25 for the committee law's 5–9 members
        # Since 2005 the women's rights law asks for women among the members; these
        # members' sex is not recorded, which is noted (INFO) and costs nothing.
        assert [(f.rule, f.severity.value) for f in c.findings] == [
            ("staffing.employment_mix", "info"),
            ("governance.committee_size", "violation"),
            ("governance.committee_women", "info"),
        ]
        assert c.explanation == "100 − 25×1（违反规定） = 75"

    def test_has_people_is_zero_without_any_staff(self) -> None:
        s = card(Dataset(communities=(community(),))).communities["c"][Dimension.HAS_PEOPLE]
        assert s.score == 0
        assert "scorecard.no_staff" in [f.rule for f in s.findings]

    def test_has_people_counts_an_advisory_and_a_missing_figure_under_the_seed(self) -> None:
        # A secretary aged 47 on 2017-12-31 (above the seed's 37: −10), education unknown
        # (the share cannot be computed: −5).
        secretary = staff(
            "sec", StaffRole.PARTY_SECRETARY, Employment.SECONDED, birth_date=D(1970, 6, 1)
        )
        ds = Dataset(communities=(community(),), staff=(*committee(5), secretary))
        assert score(ds, Dimension.HAS_PEOPLE, SEED) == 85


class TestHasMoney:
    """有钱办事: the seed's funds and the two insurances."""

    def test_has_money_is_none_under_the_national_profile(self) -> None:
        ds = Dataset(communities=(community(),), staff=tuple(committee(5)))
        s = card(ds).communities["c"][Dimension.HAS_MONEY]
        assert s.score is None
        assert s.explanation

    def test_has_money_funds_and_two_insurances(self) -> None:
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


class TestHasVenue:
    """有场所议事: the hall, the rooms, and meetings that meet their quorum."""

    def test_has_venue_hall_rooms_and_a_meeting_without_its_quorum(self) -> None:
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
        assert (
            score(with_meeting, Dimension.HAS_VENUE, SEED) == 55
        )  # and −25: no quorum, yet decided
        national = card(with_meeting).communities["c"][Dimension.HAS_VENUE]
        assert national.score is None  # no facility standard in the national profile
        assert [f.rule for f in national.findings] == ["governance.meeting_quorum"]
        assert card(with_meeting).has_violations


class TestRegionalPartyBuilding:
    """区域化党建: partner units and employed members who reported."""

    def test_regional_party_building_partner_units_and_reporting(self) -> None:
        units = (
            partner("p1", "c"),
            partner("p2", "c", since=D(2016, 1, 1)),
            partner("p3", "c"),
            partner("late", "c", since=D(2018, 1, 1)),  # paired after as_of: not counted
        )
        members = (
            party_member("e1", PartyMemberCategory.EMPLOYED, reported_on=D(2017, 5, 1)),
            party_member("e2", PartyMemberCategory.EMPLOYED, reported_on=D(2018, 3, 1)),
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

    def test_a_partner_unit_from_as_of_counts_one_from_later_does_not(self) -> None:
        score, found = _score(Dimension.REGIONAL_PARTY_BUILDING)
        assert found == [("scorecard.partner_units", 1, 6)] and score == 17


class TestGridManagement:
    """网格化管理: households in grids with their own worker."""

    def test_grid_management_counts_households_in_grids_with_their_own_worker(self) -> None:
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
        assert (
            score(Dataset(communities=(community(households=0),)), Dimension.GRID_MANAGEMENT)
            is None
        )


class TestFineGrainedService:
    """精细化服务: visits of every must-visit kind."""

    def test_fine_grained_service_takes_every_kind(self) -> None:
        ds = people(
            resident("r1", ELDER),
            resident("r2", RELEASED, since=D(2017, 6, 1)),
            visits=(visit("v1", "r1", D(2017, 11, 20), ELDER),),
        )
        # Coverage 1 of 2, both overdue on 2017-12-31: mean(50 %, 0 %) = 25.
        assert score(ds, Dimension.FINE_GRAINED_SERVICE) == 25
        assert score(people(), Dimension.FINE_GRAINED_SERVICE) is None
