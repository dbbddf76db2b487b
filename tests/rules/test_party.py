"""The party rules (``rules.party``): management modes, the organisation form and its
branch committee, employed members who never reported; under the policy given.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from shequ_core.entities import (
    PartyMember,
    PartyMemberCategory,
)
from shequ_core.errors import ValidationError
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules._findings import (
    Severity,
)
from shequ_core.rules.party import (
    ManagementMode,
    OrganisationForm,
    branch_committee_required,
    management_mode,
    organisation_form,
    party_findings,
    unreported_employed_findings,
)
from tests.builders import community_10000, community_with_area

AS_OF = dt.date(2025, 6, 30)  # the national profile sets 30 m² per 100 households
POLICY = national_policy(AS_OF)
AS_OF_2017 = dt.date(2017, 12, 31)
LAW_2017 = national_policy(AS_OF_2017)
DAY = dt.date(2026, 3, 1)
NATIONAL = national_policy(DAY)
SEED = seed_policy(DAY)


def only(findings: list, rule: str) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.rule == rule]


def pm(i: int, category: PartyMemberCategory, **kw: object) -> PartyMember:
    return PartyMember(id=f"p{i}", community_id="c1", name=f"党员{i}", category=category, **kw)  # type: ignore[arg-type]


class TestManagementMode:
    """``management_mode``"""

    def test_the_four_management_modes(self) -> None:
        assert management_mode(PartyMemberCategory.RESIDENT) is ManagementMode.DIRECT
        assert management_mode(PartyMemberCategory.RETIRED) is ManagementMode.JOINT
        assert management_mode(PartyMemberCategory.FLOATING) is ManagementMode.COOPERATIVE
        assert management_mode(PartyMemberCategory.EMPLOYED) is ManagementMode.DUAL


class TestOrganisationForm:
    """``organisation_form`` and ``branch_committee_required``."""

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
    def test_organisation_form(self, n: int, form: OrganisationForm | None) -> None:
        assert organisation_form(n) is form

    def test_branch_committee_from_seven(self) -> None:
        assert not branch_committee_required(6)
        assert branch_committee_required(7)

    def test_probationary_members_do_not_make_a_branch(self) -> None:
        members = [pm(i, PartyMemberCategory.RESIDENT) for i in range(2)] + [
            pm(10 + i, PartyMemberCategory.RETIRED, is_full_member=False) for i in range(5)
        ]
        (f,) = party_findings(community_10000(), members, as_of=DAY, policy=NATIONAL)
        assert f.rule == "party.organisation_form" and f.actual == 2 and f.required is None

    @pytest.mark.parametrize(
        ("bad", "code", "message"),
        [
            (-1, "invalid_argument", "must be 0 or more, got -1"),
            (True, "wrong_type", "must be a whole number, got bool"),
            (3.0, "wrong_type", "must be a whole number, got float"),
        ],
    )
    def test_party_counts_must_be_whole_numbers(self, bad: object, code: str, message: str) -> None:
        for check in (organisation_form, branch_committee_required):
            with pytest.raises(ValidationError) as info:
                check(bad)  # type: ignore[arg-type]
            assert info.value.subject == check.__name__
            assert [(p.path, p.code, p.message) for p in info.value.problems] == [
                ("full_members", code, message)
            ]

    def test_party_numbers_follow_the_policy_given(self) -> None:
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
        c = community_with_area(500, 300.0)
        (national,) = [
            f
            for f in party_findings(c, members, as_of=AS_OF, policy=POLICY)
            if f.rule == "party.organisation_form"
        ]
        assert national.message == (
            "组织关系在社区的党员7人，其中正式党员7人：应当成立党支部，并设立支部委员会"
        )
        (mine,) = [
            f
            for f in party_findings(c, members, as_of=AS_OF, policy=strict)
            if f.rule == "party.organisation_form"
        ]
        assert mine.message == (
            "组织关系在社区的党员7人，其中正式党员7人：应当成立党支部，设书记1名，不设支部委员会"
        )


class TestWhoCounts:
    """Only the members whose organisational relation is in the community count: the
    employed members (在职党员) keep theirs at their employer and only report here."""

    def test_employed_members_are_not_counted(self) -> None:
        here = [pm(i, PartyMemberCategory.RETIRED) for i in range(6)]
        employed = [pm(20 + i, PartyMemberCategory.EMPLOYED) for i in range(10)]
        (f,) = party_findings(community_10000(), [*here, *employed], as_of=DAY, policy=NATIONAL)
        assert f.actual == 6  # not 16
        assert f.required == "branch"
        assert f.message == (
            "组织关系在社区的党员6人，其中正式党员6人（另有在职党员10人，组织关系在工作单位，"
            "不计入）：应当成立党支部，设书记1名，不设支部委员会"
        )
        assert f.basis.article == "第三十条"  # 党章: the three-member duty
        (en,) = party_findings(
            community_10000(), [*here, *employed], as_of=DAY, policy=NATIONAL, lang="en"
        )
        assert "10 employed members keep their relation at their employer" in en.message

    def test_the_sample_c01_counts_the_members_who_belong(self) -> None:
        from shequ_core.datasets import load_chayouqianqi

        ds = load_chayouqianqi()
        c01 = next(c for c in ds.communities if c.id == "C01")
        (f,) = party_findings(c01, ds.party_members, as_of=AS_OF_2017, policy=LAW_2017)
        assert f.actual == 37  # 58 full members, 21 of them employed elsewhere
        assert f.required == "branch"  # 40 members with their relation here, under 50
        # 37 full members: a branch committee, by the organs' rules in 2017 (the branch
        # rules came in 2018-10-28)
        assert f.basis.title.startswith("中国共产党党和国家机关基层组织工作条例")

    def test_general_branch_and_committee_count_all_members_and_are_permissions(self) -> None:
        full = [pm(i, PartyMemberCategory.RESIDENT) for i in range(45)]
        probation = [
            pm(100 + i, PartyMemberCategory.RETIRED, is_full_member=False) for i in range(5)
        ]
        (f,) = party_findings(community_10000(), [*full, *probation], as_of=DAY, policy=NATIONAL)
        assert f.required == "general_branch" and f.actual == 45
        assert f.severity is Severity.INFO
        assert f.message.endswith("经上级党组织批准，可以设立党总支")
        assert f.basis.article == "第六条"
        assert organisation_form(45, members=50) is OrganisationForm.GENERAL_BRANCH
        assert organisation_form(45, members=49) is OrganisationForm.BRANCH
        assert organisation_form(90, members=100) is OrganisationForm.PRIMARY_COMMITTEE
        assert organisation_form(2, members=100) is None  # no 3 full members: no organisation
        with pytest.raises(ValidationError) as info:
            organisation_form(5, members=4)
        assert [(p.path, p.code) for p in info.value.problems] == [("members", "invalid_argument")]

    def test_fewer_than_three_full_members_join_a_joint_branch(self) -> None:
        members = [pm(i, PartyMemberCategory.FLOATING) for i in range(2)]
        (f,) = party_findings(community_10000(), members, as_of=DAY, policy=NATIONAL)
        assert f.required is None
        assert "应与邻近单位联合成立党支部" in f.message


class TestUnreportedEmployed:
    """``unreported_employed_findings``: employed members who never reported."""

    def test_employed_members_who_never_reported(self) -> None:
        members = [
            pm(1, PartyMemberCategory.EMPLOYED),
            pm(2, PartyMemberCategory.EMPLOYED, reported_on=dt.date(2025, 5, 1)),
            pm(3, PartyMemberCategory.EMPLOYED, reported_on=dt.date(2026, 5, 1)),
            pm(4, PartyMemberCategory.RETIRED),
        ]
        assert (
            only(
                party_findings(community_10000(), members, as_of=DAY, policy=NATIONAL),
                "party.employed_not_reported",
            )
            == []
        )
        found = only(
            party_findings(community_10000(), members, as_of=DAY, policy=SEED),
            "party.employed_not_reported",
        )
        assert [f.subject_id for f in found] == ["p1", "p3"]
        assert all(f.severity is Severity.ADVISORY for f in found)

    def test_an_employed_member_who_reported_on_as_of_has_reported(self) -> None:
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
