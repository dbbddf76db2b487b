"""Generated records never show a full identity or phone number in text or errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import IdNumber, Party, PhoneNumber, Sex, ValidationError


def secrets(x: Any) -> set[str]:
    """Every full identity and phone number held anywhere in ``x``."""
    if isinstance(x, (IdNumber, PhoneNumber)):
        return {x.reveal(), x.reveal().replace("-", "")}
    if attrs.has(type(x)):
        return set().union(*(secrets(getattr(x, a.name)) for a in attrs.fields(type(x))))
    if isinstance(x, (tuple, frozenset, list)):
        return set().union(*(secrets(v) for v in x))
    return set()


def shown(x: object) -> str:
    return f"{x!r}\n{x!s}"


def assert_hidden(text: str, hidden: set[str]) -> None:
    leaked = [s for s in hidden if s in text]
    assert not leaked, "a full number appears in the text"


PEOPLE = [S.residents, S.staff_members, S.parties, S.dispute_cases]


@pytest.mark.parametrize("factory", PEOPLE, ids=[f.__name__ for f in PEOPLE])
@given(data=st.data())
def test_records_do_not_show_full_numbers(factory: Any, data: st.DataObject) -> None:
    x = data.draw(factory())
    assert_hidden(shown(x), secrets(x))


@given(
    st.one_of(
        S.residents().filter(lambda r: r.id_number is not None or r.phone is not None),
        S.staff_members().filter(lambda s: s.id_number is not None or s.phone is not None),
    )
)
def test_errors_about_a_person_do_not_show_full_numbers(x: Any) -> None:
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


@given(S.dispute_cases())
def test_errors_about_a_case_do_not_show_full_numbers(c: Any) -> None:
    with pytest.raises(ValidationError) as info:
        # Closed before any case can be received: a fixed day, as moving the received day
        # to another year fails on 29 February.
        attrs.evolve(c, parties=c.parties[:1], closed_on=dt.date(1000, 1, 1))
    assert_hidden(shown(info.value), secrets(c))


@given(S.datasets(min_residents=1))
def test_datasets_do_not_show_full_numbers(d: Any) -> None:
    hidden = secrets(d)
    assert_hidden(shown(d), hidden)
    # A broken reference in a dataset full of people: the error names ids, not numbers.
    broken = attrs.evolve(d.residents[0], household_id=d.residents[0].household_id + "-gone")
    with pytest.raises(ValidationError) as info:
        d.replace(residents=(broken, *d.residents[1:]))
    assert "household_id" in str(info.value)
    assert_hidden(shown(info.value), hidden)


@given(S.id_numbers(), S.phone_numbers())
def test_the_leak_check_itself_catches_a_leak(number: IdNumber, phone: PhoneNumber) -> None:
    # A name field holding the numbers in full is shown in full: the check must object.
    leaky = Party(name=f"{number.reveal()} {phone.reveal()}", id_number=number, phone=phone)
    with pytest.raises(AssertionError):
        assert_hidden(shown(leaky), secrets(leaky))
