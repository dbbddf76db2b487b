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
        assert national.message == "党员7人，其中正式党员7人，应设党支部，应设支部委员会"
        (mine,) = [
            f
            for f in party_findings(c, members, as_of=AS_OF, policy=strict)
            if f.rule == "party.organisation_form"
        ]
        assert mine.message == "党员7人，其中正式党员7人，应设党支部"


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
