"""The funding rules (``rules.funding``): the seed's yearly funds, and the two
insurances of community workers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shequ_core.entities import (
    BasisKind,
    Employment,
)
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules._findings import Severity
from shequ_core.rules.funding import cadre_insurance_eligible, funding_findings
from tests.builders import caseworker, community_10000

DAY = dt.date(2026, 3, 1)
NATIONAL = national_policy(DAY)
SEED = seed_policy(DAY)


def test_funds_against_the_seed_profile() -> None:
    c = community_10000(
        yearly_party_building_funds=Decimal("99999.99"), yearly_office_funds=Decimal(20000)
    )
    assert funding_findings(c, policy=NATIONAL) == []
    (f,) = funding_findings(c, policy=SEED)
    assert f.rule == "funding.party_building_funds" and f.severity is Severity.ADVISORY
    assert f.actual == Decimal("99999.99") and f.required == 100000
    unknown = funding_findings(community_10000(), policy=SEED)
    assert {f.rule for f in unknown} == {"funding.party_building_funds", "funding.office_funds"}
    assert all(f.severity is Severity.INFO for f in unknown)


def test_two_insurances_for_community_workers_only() -> None:
    people = [
        caseworker(1, pension_insured=True, unemployment_insured=False),
        caseworker(2, pension_insured=True, unemployment_insured=True),
        caseworker(3, Employment.PUBLIC_WELFARE),
    ]
    c = community_10000(yearly_party_building_funds=100000, yearly_office_funds=20000)
    (f,) = funding_findings(c, people, policy=SEED, lang="en")
    assert f.subject_id == "s1" and f.actual == ("unemployment",)
    assert "unemployment insurance" in f.message


def test_seconded_staff_are_insured_by_their_home_unit_and_not_counted() -> None:
    """两金 is the article's experiment for the cadres a community employs; staff seconded
    from an organ or public institution (机关事业单位下派) are employed and insured by
    their home unit, so none of them is a finding."""
    people = [
        caseworker(1, Employment.SECONDED),  # no insurance recorded: not the community's
        caseworker(2, Employment.TWO_COMMITTEES),
        caseworker(3, Employment.CONTRACTED, pension_insured=True, unemployment_insured=True),
    ]
    assert not cadre_insurance_eligible(people[0]) and people[0].is_community_worker
    assert [cadre_insurance_eligible(p) for p in people[1:]] == [True, True]
    c = community_10000(yearly_party_building_funds=100000, yearly_office_funds=20000)
    (f,) = funding_findings(c, people, policy=SEED)
    assert f.subject_id == "s2" and f.severity is Severity.ADVISORY
    # the seed article's account of an experiment: local practice, never a violation
    assert f.basis.kind is BasisKind.LOCAL_PRACTICE and "探索" in str(f.basis)
