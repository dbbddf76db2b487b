"""The national numbers by date (``national_policy``, ``seed_policy``,
``policy_bases``): each number in force on its date with its basis, switching with the
texts that set them, and nothing before the 1989 law.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.policy import (
    national_policy,
    policy_bases,
    seed_policy,
)

LAST_2018 = dt.date(2025, 12, 31)
FIRST_2025 = dt.date(2026, 1, 1)
policy_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


class TestNationalPolicy:
    """The numbers of the national law and plans, by date."""

    def test_committee_law_numbers_switch_on_2026_01_01(self) -> None:
        old, new = national_policy(LAST_2018), national_policy(FIRST_2025)
        assert (old.committee_households.minimum, old.committee_households.maximum) == (100, 700)
        assert old.committee_households.basis.article == "第六条"
        assert (new.committee_households.minimum, new.committee_households.maximum) == (1000, 3000)
        assert new.committee_households.basis.article == "第三条"
        assert old.convening_adults.share.fraction == Fraction(1, 5)
        assert new.convening_adults.share.fraction == Fraction(1, 10)
        assert old.convening_groups is not None and old.convening_representatives is None
        assert new.convening_groups is None and new.convening_representatives is not None
        assert old.representatives_meeting_quorum is None
        assert new.representatives_meeting_quorum is not None
        assert old.committee_women is None and new.committee_women is not None
        assert old.households_per_representative is None
        assert new.households_per_representative is not None
        assert (
            new.households_per_representative.minimum,
            new.households_per_representative.maximum,
        ) == (20, 50)

    def test_term_became_five_years_with_the_2018_amendment(self) -> None:
        assert national_policy(dt.date(2018, 12, 28)).committee_term_years.value == 3
        assert national_policy(dt.date(2018, 12, 29)).committee_term_years.value == 5
        assert national_policy(FIRST_2025).committee_term_years.value == 5

    def test_mediation_law_numbers(self) -> None:
        p = national_policy(dt.date(2011, 1, 1))
        assert (p.mediation_members.minimum, p.mediation_members.maximum) == (3, 9)
        assert p.mediation_term_years.value == 3
        assert p.mediation_term_years.basis.title == "中华人民共和国人民调解法"
        assert p.mediation_term_years.basis.article == "第九条"
        before = national_policy(dt.date(2010, 12, 31)).mediation_members.basis
        assert "条例" in before.title

    def test_planning_targets_start_with_the_plan(self) -> None:
        assert national_policy(dt.date(2021, 12, 26)).workers_per_10k is None
        p = national_policy(dt.date(2021, 12, 27))
        assert p.workers_per_10k is not None and p.workers_per_10k.value == 18
        assert p.facility_area_per_100_households is not None
        assert p.facility_area_per_100_households.value == 30

    def test_no_national_numbers_before_the_1989_law(self) -> None:
        with pytest.raises(ValueError, match="1990-01-01"):
            national_policy(dt.date(1989, 12, 31))
        national_policy(dt.date(1990, 1, 1))


class TestPolicyBases:
    """Every number cites a basis in force on its date."""

    def test_bases_carry_the_dates_of_their_text(self) -> None:
        old = national_policy(LAST_2018).committee_members.basis
        new = national_policy(FIRST_2025).committee_members.basis
        assert old.effective_to == LAST_2018 and old.in_force(LAST_2018)
        assert not old.in_force(FIRST_2025)
        assert new.effective_from == FIRST_2025 and new.effective_to is None
        assert "2025" in new.title and "2018" in old.title

    @given(policy_dates)
    def test_every_national_basis_is_in_force_on_its_date(self, day: dt.date) -> None:
        for field, basis in policy_bases(national_policy(day)).items():
            assert basis.in_force(day), field


class TestSeedPolicy:
    """The seed profile: the national numbers plus local standards."""

    def test_seed_profile_adds_local_standards_only(self) -> None:
        national, seed = national_policy(FIRST_2025), seed_policy(FIRST_2025)
        assert national.service_hall_area_m2 is None and national.required_facilities is None
        assert seed.service_hall_area_m2 is not None and seed.service_hall_area_m2.value == 150
        assert seed.party_building_funds is not None
        assert seed.party_building_funds.value == Decimal(100000)
        assert seed.office_funds is not None and seed.office_funds.value == Decimal(20000)
        assert seed.required_facilities is not None and len(seed.required_facilities.kinds) == 8
        assert seed.committee_households == national.committee_households
