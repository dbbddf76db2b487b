"""What the staffing and mediation findings say, in both languages: the words a
community worker reads on the dashboard, pinned whole (the share with one decimal)."""

from __future__ import annotations

import datetime as dt

from shequ_core.entities import (
    Community,
    CommunityKind,
    Dataset,
    Education,
    Employment,
    Staff,
    StaffRole,
    TeamKind,
    Volunteer,
    VolunteerTeam,
)
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules.governance import mediation_committee_findings
from shequ_core.rules.staffing import staffing_findings

C = Community(
    id="c1",
    name="东风社区",
    town="镇",
    kind=CommunityKind.ORDINARY,
    households=1500,
    residents=4000,
)


def _secretary(i: int, role: StaffRole, education: Education, born: int) -> Staff:
    return Staff(
        id=f"s{i}",
        community_id="c1",
        name="书记",
        role=role,
        employment=Employment.CONTRACTED,
        education=education,
        birth_date=dt.date(born, 1, 1),
    )


def test_secretary_findings_are_worded_with_the_share_in_percent() -> None:
    as_of = dt.date(2017, 12, 31)
    staff = [
        _secretary(1, StaffRole.PARTY_SECRETARY, Education.SENIOR_SECONDARY, 1970),
        _secretary(2, StaffRole.DEPUTY_PARTY_SECRETARY, Education.BACHELOR, 1980),
        _secretary(3, StaffRole.DEPUTY_PARTY_SECRETARY, Education.SENIOR_SECONDARY, 1980),
    ]
    zh = {
        f.rule: f.message
        for f in staffing_findings(C, staff, as_of=as_of, policy=seed_policy(as_of))
    }
    assert zh["staffing.secretary_education"] == (
        "书记、副书记3人中大专以上1人（33.3%），未达到85/100以上"
    )
    # Ages 47, 37 and 37 on the day: the mean to two decimals.
    assert zh["staffing.secretary_age"] == "书记、副书记3人平均年龄40.33岁，高于37岁"
    en = {
        f.rule: f.message
        for f in staffing_findings(C, staff, as_of=as_of, policy=seed_policy(as_of), lang="en")
    }
    assert en["staffing.secretary_education"] == (
        "1 of 3 secretaries and deputies (33.3%) have junior-college education or more; "
        "required at least 85/100"
    )


def test_mediation_committee_size_is_worded_in_chinese_by_default() -> None:
    as_of = dt.date(2025, 6, 30)
    team = VolunteerTeam(id="t1", community_id="c1", name="调委会", kind=TeamKind.MEDIATION)
    members = tuple(
        Volunteer(
            id=f"v{i}",
            community_id="c1",
            name="调解员",
            registered_on=dt.date(2016, 5, 1),
            team_id="t1",
        )
        for i in range(2)
    )
    ds = Dataset(communities=(C,), teams=(team,), volunteers=members)
    policy = national_policy(as_of)
    (zh,) = mediation_committee_findings(team, ds, as_of=as_of, policy=policy)
    assert zh.message == "调解委员会t1有2名成员，应为3–9人"
    (en,) = mediation_committee_findings(team, ds, as_of=as_of, policy=policy, lang="en")
    assert en.message == "mediation committee t1 has 2 members; the law requires 3–9"
    assert (en.actual, en.subject_id) == (2, "t1")
