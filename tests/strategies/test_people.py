"""The strategies for people and places (``_people``): residents, staff, communities."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import (
    Community,
    Resident,
    Sex,
    Staff,
    ValidationError,
)
from tests.helpers import reach
from tests.leaks import assert_hidden, secrets, shown


class TestResidents:
    """``residents``"""

    def test_resident_born_on_29_february(self) -> None:
        reach(
            S.residents(),
            lambda r: r.birth_date is not None and r.birth_date.strftime("%m%d") == "0229",
        )

    @given(S.residents(community_id=st.just("C1"), household_id=st.just("H1"), max_attentions=0))
    def test_residents_take_their_references_from_the_arguments(self, r: Resident) -> None:
        assert (r.community_id, r.household_id, r.attentions) == ("C1", "H1", ())

    @given(S.residents())
    def test_resident_facts_agree_with_the_identity_number(self, r: Resident) -> None:
        if r.id_number is not None:
            assert r.birth_date in (None, r.id_number.birth_date)
            assert r.sex in (None, r.id_number.sex)
        assert len(r.attentions) <= 3

    @given(
        st.one_of(
            S.residents().filter(lambda r: r.id_number is not None or r.phone is not None),
            S.staff_members().filter(lambda s: s.id_number is not None or s.phone is not None),
        )
    )
    def test_errors_about_a_person_do_not_show_full_numbers(self, x: Any) -> None:
        hidden = secrets(x)
        assert hidden
        number, phone = x.id_number, x.phone
        # Each number put where the other belongs, and the sex turned against the number.
        changes: dict[str, object] = {
            "phone": number.reveal() if number else "not a phone",
            "id_number": phone.reveal() if phone else "not an id number",
        }
        if number is not None:
            other = Sex.FEMALE if number.sex is Sex.MALE else Sex.MALE
            changes["sex"] = other
        with pytest.raises(ValidationError) as info:
            attrs.evolve(x, **changes)
        err = info.value
        assert err.problems
        assert_hidden(shown(err) + "".join(map(str, err.problems)) + repr(err.problems), hidden)


class TestStaffMembers:
    """``staff_members``"""

    @given(S.staff_members())
    def test_staff_are_hired_at_sixteen_or_later(self, s: Staff) -> None:
        born = s.birth_date or (s.id_number.birth_date if s.id_number else None)
        if born is not None and s.hired_on is not None:
            assert (s.hired_on - born).days >= 16 * 365


class TestCommunities:
    """``communities``"""

    @given(S.communities())
    def test_communities_have_no_more_households_than_residents(self, c: Community) -> None:
        assert 0 <= c.households <= c.residents
