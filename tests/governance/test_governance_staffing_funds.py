"""Staffing, facilities, funds and party organisation, pinned at their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from shequ_core.entities import (
    Community,
    CommunityKind,
    Education,
    Employment,
    FacilityKind,
    Grid,
    PartyMember,
    PartyMemberCategory,
    Staff,
    StaffRole,
)
from shequ_core.policy import Count, national_policy, seed_policy
from shequ_core.rules._findings import Severity
from shequ_core.rules.facilities import facility_findings, missing_facilities
from shequ_core.rules.funding import funding_findings
from shequ_core.rules.party import (
    ManagementMode,
    OrganisationForm,
    branch_committee_required,
    management_mode,
    organisation_form,
    party_findings,
)
from shequ_core.rules.staffing import (
    age_on,
    community_workers,
    employment_mix,
    staffing_findings,
    workers_per_10k,
)

DAY = dt.date(2026, 3, 1)
NATIONAL = national_policy(DAY)
SEED = seed_policy(DAY)


def community(**kw: object) -> Community:
    base: dict[str, object] = {
        "id": "c1",
        "name": "万和社区",
        "town": "平地泉镇",
        "kind": CommunityKind.SHOWCASE,
        "households": 1000,
        "residents": 10000,
    }
    base.update(kw)
    return Community(**base)  # type: ignore[arg-type]


def staff(i: int, employment: Employment = Employment.CONTRACTED, **kw: object) -> Staff:
    base: dict[str, object] = {
        "id": f"s{i}",
        "community_id": "c1",
        "name": f"工作人员{i}",
        "role": StaffRole.CASEWORKER,
        "employment": employment,
    }
    base.update(kw)
    return Staff(**base)  # type: ignore[arg-type]


def only(findings: list, rule: str) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.rule == rule]


# -- staffing ----------------------------------------------------------------------------


def test_the_seed_staff_count_81_workers_of_136() -> None:
    people = (
        [staff(i, Employment.TWO_COMMITTEES) for i in range(21)]
        + [staff(100 + i, Employment.SECONDED) for i in range(60)]
        + [staff(200 + i, Employment.PUBLIC_WELFARE) for i in range(55)]
    )
    c = community()
    assert len(community_workers(c, people)) == 81
    mix = employment_mix(c, people)
    assert mix[Employment.PUBLIC_WELFARE] == 55 and mix[Employment.CONTRACTED] == 0
    assert sum(mix.values()) == 136


@pytest.mark.parametrize(("workers", "severity"), [(18, Severity.INFO), (17, Severity.ADVISORY)])
def test_workers_per_10k_against_18(workers: int, severity: Severity) -> None:
    people = [staff(i) for i in range(workers)] + [staff(99, Employment.PUBLIC_WELFARE)]
    (f,) = only(
        staffing_findings(community(), people, as_of=DAY, policy=NATIONAL),
        "staffing.workers_per_10k",
    )
    assert f.actual == workers and f.required == 18 and f.severity is severity
    assert "十四五" in f.basis.title


def test_public_welfare_posts_and_other_communities_do_not_count() -> None:
    c = community(residents=5000)
    people = [staff(1), staff(2, Employment.PUBLIC_WELFARE), staff(3, community_id="c2")]
    assert workers_per_10k(c, people) == Fraction(2)


def test_an_empty_community_gives_a_finding_not_a_zero_division() -> None:
    c = community(residents=0, households=0)
    assert workers_per_10k(c, [staff(1)]) is None
    (f,) = only(
        staffing_findings(c, [staff(1)], as_of=DAY, policy=NATIONAL), "staffing.workers_per_10k"
    )
    assert f.severity is Severity.INFO and f.actual is None
    findings = facility_findings(c, as_of=DAY, policy=NATIONAL)
    assert findings[0].severity is Severity.INFO and findings[0].actual is None


def test_no_target_before_the_plan() -> None:
    old = national_policy(dt.date(2020, 1, 1))
    assert staffing_findings(community(), [staff(1)], as_of=dt.date(2020, 1, 1), policy=old) == []


def test_age_on_counts_whole_years_and_leap_days() -> None:
    assert age_on(dt.date(2000, 2, 29), dt.date(2025, 2, 28)) == 24
    assert age_on(dt.date(2000, 2, 29), dt.date(2025, 3, 1)) == 25
    assert age_on(dt.date(1989, 3, 1), DAY) == 37


def secretary(i: int, born: dt.date, education: Education | None = None) -> Staff:
    return staff(
        i,
        Employment.TWO_COMMITTEES,
        role=StaffRole.PARTY_SECRETARY,
        birth_date=born,
        education=education,
    )


def test_secretaries_mean_age_against_the_seed_37() -> None:
    ok = [secretary(1, dt.date(1990, 3, 1)), secretary(2, dt.date(1988, 3, 1))]  # 36, 38
    (f,) = only(
        staffing_findings(community(), ok, as_of=DAY, policy=SEED), "staffing.secretary_age"
    )
    assert f.actual == 37 and f.severity is Severity.INFO
    old = [secretary(1, dt.date(1990, 3, 1)), secretary(2, dt.date(1987, 3, 1))]  # 36, 39
    (g,) = only(
        staffing_findings(community(), old, as_of=DAY, policy=SEED), "staffing.secretary_age"
    )
    assert g.actual == Fraction(75, 2) and g.severity is Severity.ADVISORY
    assert (
        only(
            staffing_findings(community(), old, as_of=DAY, policy=NATIONAL),
            "staffing.secretary_age",
        )
        == []
    )


@pytest.mark.parametrize(("college", "severity"), [(17, Severity.INFO), (16, Severity.ADVISORY)])
def test_secretaries_college_share_against_85_percent(college: int, severity: Severity) -> None:
    people = [
        secretary(
            i,
            dt.date(1985, 1, 1),
            Education.JUNIOR_COLLEGE if i < college else Education.SENIOR_SECONDARY,
        )
        for i in range(20)
    ]
    (f,) = only(
        staffing_findings(community(), people, as_of=DAY, policy=SEED),
        "staffing.secretary_education",
    )
    assert f.actual == Fraction(college, 20) and f.severity is severity


def test_grids_without_a_worker_and_households_per_worker() -> None:
    grids = [
        Grid(id="g1", community_id="c1", name="一网格", households=300, worker_id="s1"),
        Grid(id="g2", community_id="c1", name="二网格", households=500, worker_id="s1"),
        Grid(id="g3", community_id="c1", name="三网格", households=200),
    ]
    people = [staff(1, role=StaffRole.GRID_WORKER)]
    assert (
        only(
            staffing_findings(community(), people, as_of=DAY, policy=NATIONAL, grids=grids),
            "staffing.grid_worker",
        )
        == []
    )
    found = staffing_findings(community(), people, as_of=DAY, policy=SEED, grids=grids)
    (missing,) = only(found, "staffing.grid_worker")
    assert missing.subject_id == "g3" and missing.severity is Severity.ADVISORY
    (load,) = only(found, "staffing.households_per_grid_worker")
    assert load.actual == 800 and load.severity is Severity.INFO
    bounded = attrs.evolve(
        SEED, grid_households_max=Count(value=500, basis=SEED.office_funds.basis)
    )  # type: ignore[union-attr]
    over = only(
        staffing_findings(community(), people, as_of=DAY, policy=bounded, grids=grids),
        "staffing.households_per_grid_worker",
    )
    assert [(f.subject_id, f.severity) for f in over] == [
        ("c1", Severity.INFO),
        ("s1", Severity.ADVISORY),
    ]


# -- facilities and funds ---------------------------------------------------------------


@pytest.mark.parametrize(("area", "severity"), [(300.0, Severity.INFO), (299.9, Severity.ADVISORY)])
def test_facility_area_per_100_households(area: float, severity: Severity) -> None:
    (f,) = only(
        facility_findings(community(facility_area_m2=area), as_of=DAY, policy=NATIONAL),
        "facilities.area_per_100_households",
    )
    assert f.severity is severity and f.required == 30
    assert f.actual == Fraction(str(area)) / 10


def test_hall_and_rooms_are_seed_standards() -> None:
    rooms = frozenset(FacilityKind) - {FacilityKind.LIBRARY, FacilityKind.POLICE_ROOM}
    c = community(service_hall_area_m2=149.5, facilities=rooms, facility_area_m2=400.0)
    assert facility_findings(c, as_of=DAY, policy=NATIONAL)[0].severity is Severity.INFO
    found = facility_findings(c, as_of=DAY, policy=SEED)
    (hall,) = only(found, "facilities.service_hall_area")
    assert hall.severity is Severity.ADVISORY and hall.required == 150
    (room,) = only(found, "facilities.six_rooms_two_centres")
    assert room.actual == 6 and room.required == 8
    assert "警务室" in room.message and "图书室" in room.message
    assert missing_facilities(c, SEED) == (FacilityKind.POLICE_ROOM, FacilityKind.LIBRARY)
    fine = attrs.evolve(c, service_hall_area_m2=150.0, facilities=frozenset(FacilityKind))
    assert (
        only(facility_findings(fine, as_of=DAY, policy=SEED), "facilities.service_hall_area") == []
    )
    assert (
        only(facility_findings(fine, as_of=DAY, policy=SEED), "facilities.six_rooms_two_centres")
        == []
    )


def test_funds_against_the_seed_profile() -> None:
    c = community(
        yearly_party_building_funds=Decimal("99999.99"), yearly_office_funds=Decimal(20000)
    )
    assert funding_findings(c, as_of=DAY, policy=NATIONAL) == []
    (f,) = funding_findings(c, as_of=DAY, policy=SEED)
    assert f.rule == "funding.party_building_funds" and f.severity is Severity.ADVISORY
    assert f.actual == Decimal("99999.99") and f.required == 100000
    unknown = funding_findings(community(), as_of=DAY, policy=SEED)
    assert {f.rule for f in unknown} == {"funding.party_building_funds", "funding.office_funds"}
    assert all(f.severity is Severity.INFO for f in unknown)


def test_two_insurances_for_community_workers_only() -> None:
    people = [
        staff(1, pension_insured=True, unemployment_insured=False),
        staff(2, pension_insured=True, unemployment_insured=True),
        staff(3, Employment.PUBLIC_WELFARE),
    ]
    c = community(yearly_party_building_funds=100000, yearly_office_funds=20000)
    (f,) = funding_findings(c, people, as_of=DAY, policy=SEED, lang="en")
    assert f.subject_id == "s1" and f.actual == ("unemployment",)
    assert "unemployment insurance" in f.message


# -- party -------------------------------------------------------------------------------


def test_the_four_management_modes() -> None:
    assert management_mode(PartyMemberCategory.RESIDENT) is ManagementMode.DIRECT
    assert management_mode(PartyMemberCategory.RETIRED) is ManagementMode.JOINT
    assert management_mode(PartyMemberCategory.FLOATING) is ManagementMode.COOPERATIVE
    assert management_mode(PartyMemberCategory.EMPLOYED) is ManagementMode.DUAL


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (0, None),
        (2, None),
        (3, OrganisationForm.BRANCH),
        (49, OrganisationForm.BRANCH),
        (50, OrganisationForm.GENERAL_BRANCH),
        (99, OrganisationForm.GENERAL_BRANCH),
        (100, OrganisationForm.PRIMARY_COMMITTEE),
    ],
)
def test_organisation_form(n: int, form: OrganisationForm | None) -> None:
    assert organisation_form(n) is form


def test_branch_committee_from_seven() -> None:
    assert not branch_committee_required(6)
    assert branch_committee_required(7)


def pm(i: int, category: PartyMemberCategory, **kw: object) -> PartyMember:
    return PartyMember(id=f"p{i}", community_id="c1", name=f"党员{i}", category=category, **kw)  # type: ignore[arg-type]


def test_probationary_members_do_not_make_a_branch() -> None:
    members = [pm(i, PartyMemberCategory.RESIDENT) for i in range(2)] + [
        pm(10 + i, PartyMemberCategory.RETIRED, is_full_member=False) for i in range(5)
    ]
    (f,) = party_findings(community(), members, as_of=DAY, policy=NATIONAL)
    assert f.rule == "party.organisation_form" and f.actual == 2 and f.required is None


def test_employed_members_who_never_reported() -> None:
    members = [
        pm(1, PartyMemberCategory.EMPLOYED),
        pm(2, PartyMemberCategory.EMPLOYED, reported_on=dt.date(2025, 5, 1)),
        pm(3, PartyMemberCategory.EMPLOYED, reported_on=dt.date(2026, 5, 1)),
        pm(4, PartyMemberCategory.RETIRED),
    ]
    assert (
        only(
            party_findings(community(), members, as_of=DAY, policy=NATIONAL),
            "party.employed_not_reported",
        )
        == []
    )
    found = only(
        party_findings(community(), members, as_of=DAY, policy=SEED), "party.employed_not_reported"
    )
    assert [f.subject_id for f in found] == ["p1", "p3"]
    assert all(f.severity is Severity.ADVISORY for f in found)
