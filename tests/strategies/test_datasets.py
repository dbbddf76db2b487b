"""``datasets()`` (``_datasets``): whole datasets whose references hold, within the
bounds asked for, reaching the cross-references and the empty dataset, and never showing
a full personal number.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given

import shequ_core.strategies as S
from shequ_core import (
    Dataset,
    ValidationError,
)
from tests.helpers import reach
from tests.leaks import assert_hidden, secrets, shown


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


def test_dataset_with_visits_cases_and_requests() -> None:
    def busy(d: Dataset) -> bool:
        return bool(d.visits and d.dispute_cases and d.service_requests)

    d = reach(S.datasets(), busy)
    residents = {r.id for r in d.residents}
    assert all(v.resident_id in residents for v in d.visits)


def test_dataset_cross_references_are_used() -> None:
    """References are not all left empty: residents are parties, staff respond."""

    def linked(d: Dataset) -> bool:
        return any(p.resident_id for c in d.dispute_cases for p in c.parties) and any(
            r.first_responder_id for r in d.service_requests
        )

    reach(S.datasets(), linked)


def test_empty_dataset_is_possible() -> None:
    reach(S.datasets(), lambda d: len(d) == 0)


@given(S.datasets())
def test_datasets_refer_within_the_community(d: Dataset) -> None:
    grids = {g.id: g for g in d.grids}
    households = {h.id: h for h in d.households}
    teams = {t.id: t for t in d.teams}
    residents = {r.id: r for r in d.residents}
    for h in d.households:
        if h.grid_id is not None:
            assert grids[h.grid_id].community_id == h.community_id
    for r in d.residents:
        assert households[r.household_id].community_id == r.community_id
    for v in d.volunteers:
        if v.team_id is not None:
            assert teams[v.team_id].community_id == v.community_id
    for m in d.party_members:
        if m.resident_id is not None:
            assert residents[m.resident_id].community_id == m.community_id
    numbers = [r.id_number for r in d.residents if r.id_number is not None]
    assert len(numbers) == len(set(numbers))


@given(
    S.datasets(
        min_residents=2, max_residents=3, max_staff=0, min_visits=1, max_visits=2, max_meetings=0
    )
)
def test_dataset_sizes_follow_the_bounds(d: Dataset) -> None:
    assert 2 <= len(d.residents) <= 3
    assert 1 <= len(d.visits) <= 2
    assert d.meetings == ()
    assert d.staff == ()
    # Visits need a visitor: with no staff allowed, the volunteers supply one.
    assert d.volunteers
    # What the residents need is there.
    assert d.households and d.communities


@given(S.datasets(max_communities=0))
def test_no_communities_means_nothing_that_needs_one(d: Dataset) -> None:
    needing = ("grids", "households", "residents", "staff", "volunteers", "teams")
    assert all(getattr(d, name) == () for name in needing)
    assert all(u.community_ids == frozenset() for u in d.partner_units)
