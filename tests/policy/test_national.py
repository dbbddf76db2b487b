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
        # Women among the members: the women's rights law before 2026, the committee
        # law itself from 2026 (the duty did not start in 2026).
        assert old.committee_women is not None and new.committee_women is not None
        assert "妇女权益保障法" in old.committee_women.basis.title
        assert "居民委员会组织法（2025年修订）" in new.committee_women.basis.title
        assert new.committee_women.basis.article == "第八条"
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

    @pytest.mark.parametrize(
        ("day", "title", "article"),
        [
            (dt.date(2005, 11, 30), None, None),  # the 1992 women's law had no such clause
            (dt.date(2005, 12, 1), "妇女权益保障法（2005年修正）", "第十一条第三款"),
            (dt.date(2018, 10, 25), "妇女权益保障法（2005年修正）", "第十一条第三款"),
            (dt.date(2018, 10, 26), "妇女权益保障法（2018年修正）", "第十一条第三款"),
            (dt.date(2022, 12, 31), "妇女权益保障法（2018年修正）", "第十一条第三款"),
            (dt.date(2023, 1, 1), "妇女权益保障法（2022年修订）", "第十四条第三款"),
            (LAST_2018, "妇女权益保障法（2022年修订）", "第十四条第三款"),
            (FIRST_2025, "城市居民委员会组织法（2025年修订）", "第八条"),
        ],
    )
    def test_women_on_the_committee_by_the_text_in_force(
        self, day: dt.date, title: str | None, article: str | None
    ) -> None:
        women = national_policy(day).committee_women
        if title is None:
            assert women is None
        else:
            assert women is not None and title in women.basis.title
            assert women.basis.article == article and women.basis.in_force(day)

    def test_a_mediation_committee_with_a_woman_from_the_mediation_law(self) -> None:
        before, after = national_policy(dt.date(2010, 12, 31)), national_policy(dt.date(2011, 1, 1))
        assert before.mediation_committee is None and before.mediation_women is None
        assert after.mediation_committee is not None and after.mediation_women is not None
        assert after.mediation_committee.basis.title == "中华人民共和国人民调解法"
        assert after.mediation_committee.basis.article == "第八条第一款"
        assert after.mediation_women.basis.article == "第八条第三款"

    def test_party_numbers_cite_the_constitution_and_the_branch_rules(self) -> None:
        p = national_policy(dt.date(2017, 10, 24))
        assert p.party_branch_min.value == 3
        assert p.party_branch_min.basis.title.startswith("中国共产党章程（2017年")
        assert p.party_branch_min.basis.article == "第三十条"
        earlier = national_policy(dt.date(2017, 10, 23)).party_branch_min.basis
        assert earlier.title.startswith("中国共产党章程（2012年") and earlier.in_force(
            dt.date(2017, 10, 23)
        )
        assert earlier.article == "第二十九条"
        assert p.party_branch_committee_min.value == 7
        # the branch rules from their issue (an article, not 第六章); the organs' rules by
        # analogy the day before
        branch = national_policy(dt.date(2018, 10, 28)).party_branch_committee_min.basis
        assert (branch.title, branch.article) == ("中国共产党支部工作条例（试行）", "第二十条")
        before = national_policy(dt.date(2018, 10, 27)).party_branch_committee_min.basis
        assert before.title.startswith("中国共产党党和国家机关基层组织工作条例")
        assert (p.party_general_branch_min.value, p.party_committee_min.value) == (50, 100)
        assert p.party_general_branch_min.basis.article == "第六条"
        assert p.party_committee_min.basis.article == "第五条"

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
