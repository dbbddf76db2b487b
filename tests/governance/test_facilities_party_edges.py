"""Facilities and party rules at their edges: a figure that cannot be computed and why,
a community of one household, fractional areas, the policy given, the report day."""

from __future__ import annotations

import datetime as dt

import attrs

from shequ_core.entities import (
    Community,
    CommunityKind,
    PartyMember,
    PartyMemberCategory,
)
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules.facilities import facility_area_per_100_households, facility_findings
from shequ_core.rules.party import (
    OrganisationForm,
    branch_committee_required,
    organisation_form,
    party_findings,
    unreported_employed_findings,
)

AS_OF = dt.date(2025, 6, 30)  # the national profile sets 30 m² per 100 households
POLICY = national_policy(AS_OF)


def _community(households: int, area: float | None) -> Community:
    return Community(
        id="c1",
        name="东风社区",
        town="镇",
        kind=CommunityKind.ORDINARY,
        households=households,
        residents=3 * households,
        facility_area_m2=area,
    )


def _area(c: Community, lang: str) -> tuple[str, object, object]:
    (f,) = [
        f
        for f in facility_findings(c, as_of=AS_OF, policy=POLICY, lang=lang)  # type: ignore[arg-type]
        if f.rule == "facilities.area_per_100_households"
    ]
    return f.message, f.actual, f.required


def test_an_area_that_cannot_be_computed_says_why() -> None:
    assert POLICY.facility_area_per_100_households is not None
    assert _area(_community(500, None), "zh")[0] == "未登记服务设施面积，每百户服务设施面积无法计算"
    assert _area(_community(500, None), "en") == (
        "no facility area recorded: facility area per 100 households undefined",
        None,
        30,
    )
    assert _area(_community(0, 100.0), "zh")[0] == "社区户数为0，每百户服务设施面积无法计算"
    assert _area(_community(0, 100.0), "en")[0] == (
        "the community has no households: facility area per 100 households undefined"
    )


def test_areas_per_100_households_whole_and_fractional() -> None:
    assert facility_area_per_100_households(_community(1, 1.0)) == 100
    assert _area(_community(1, 1.0), "en")[0] == (
        "100 m² of facilities per 100 households, meeting 30 m²"
    )
    assert _area(_community(3, 100.0), "en")[0] == (
        "3333.33 m² of facilities per 100 households, meeting 30 m²"
    )
    assert _area(_community(1000, 250.0), "zh")[0] == "每百户服务设施面积25平方米，低于30平方米"


def test_party_numbers_follow_the_policy_given() -> None:
    strict = attrs.evolve(
        POLICY,
        party_branch_min=attrs.evolve(POLICY.party_branch_min, value=6),
        party_branch_committee_min=attrs.evolve(POLICY.party_branch_committee_min, value=9),
    )
    assert organisation_form(5) is OrganisationForm.BRANCH
    assert organisation_form(5, as_of=AS_OF, policy=strict) is None
    assert branch_committee_required(7, as_of=AS_OF)
    assert not branch_committee_required(7, as_of=AS_OF, policy=strict)
    members = [
        PartyMember(
            id=f"p{i}", community_id="c1", name="党员", category=PartyMemberCategory.RESIDENT
        )
        for i in range(7)
    ]
    c = _community(500, 300.0)
    (national,) = [
        f
        for f in party_findings(c, members, as_of=AS_OF, policy=POLICY)
        if f.rule == "party.organisation_form"
    ]
    assert national.message == "党员7人，其中正式党员7人，应设党支部，应设支部委员会"
    (mine,) = [
        f
        for f in party_findings(c, members, as_of=AS_OF, policy=strict)
        if f.rule == "party.organisation_form"
    ]
    assert mine.message == "党员7人，其中正式党员7人，应设党支部"


def test_an_employed_member_who_reported_on_as_of_has_reported() -> None:
    policy = seed_policy(dt.date(2017, 12, 31))
    day = dt.date(2017, 12, 31)

    def member(mid: str, reported: dt.date | None) -> PartyMember:
        return PartyMember(
            id=mid,
            community_id="c1",
            name="在职党员",
            category=PartyMemberCategory.EMPLOYED,
            reported_on=reported,
        )

    found = unreported_employed_findings(
        [member("p1", day), member("p2", dt.date(2018, 1, 1)), member("p3", None)],
        as_of=day,
        policy=policy,
    )
    assert [(f.subject_id, f.message) for f in found] == [
        ("p2", "在职党员p2未到社区报到"),
        ("p3", "在职党员p3未到社区报到"),
    ]
