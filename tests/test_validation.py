"""``shequ_core.validation``: the record toolkit every entity is built with, seen
through the records: converters (empty text to None, any iterable to a tuple or a
frozenset, money to Decimal) and checks that report every problem at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from shequ_core import (
    Attention,
    AttentionKind,
    FacilityKind,
    Household,
    Resident,
    ValidationError,
)
from tests.builders import showcase_community

D = dt.date


def problems_of(info: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.path: p.message for p in info.value.problems}


def test_optional_text_stores_empty_as_none() -> None:
    assert Household(id="h", community_id="c", grid_id="", address="1号楼").grid_id is None
    assert Attention(kind=AttentionKind.PETITIONER, since=D(2020, 1, 1), note="").note is None


def test_containers_are_taken_from_any_iterable() -> None:
    c = showcase_community(facilities=[FacilityKind.LIBRARY, FacilityKind.LIBRARY])
    assert c.facilities == frozenset({FacilityKind.LIBRARY})
    r = Resident(
        id="r", community_id="c", household_id="h", name="王五",
        attentions=[Attention(kind=AttentionKind.LONELY_ELDER, since=D(2020, 1, 1))],
    )  # fmt: skip
    assert isinstance(r.attentions, tuple)


def test_money_takes_ints_and_decimal_strings_but_not_floats() -> None:
    assert showcase_community(yearly_office_funds="20000.50").yearly_office_funds == Decimal(
        "20000.50"
    )
    assert showcase_community(yearly_office_funds=20000).yearly_office_funds == Decimal(20000)
    with pytest.raises(ValidationError) as info:
        showcase_community(yearly_office_funds=0.1)
    assert "yearly_office_funds" in problems_of(info)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        showcase_community(id="", households=-1, residents=-2)
    assert set(problems_of(info)) == {"id", "households", "residents"}
    assert "3 problems" in str(info.value)
