"""``Dataset.watched_visits``: the visits of every resident a visiting rule can look at.

The index is built while the references are checked; these tests state what it must
equal, computed the plain way, so that the visiting rules may read it instead of every
visit.
"""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given

from shequ_core.entities import Attention, AttentionKind, Dataset
from shequ_core.strategies import datasets


def _watched(ds: Dataset) -> set[str]:
    watched = {r.id for r in ds.residents if r.attentions}
    return watched | {p.resident_id for c in ds.dispute_cases for p in c.parties if p.resident_id}


def _plain(ds: Dataset) -> dict[str, tuple[object, ...]]:
    watched = _watched(ds)
    out: dict[str, list[object]] = {}
    for v in ds.visits:
        if v.resident_id in watched:
            out.setdefault(v.resident_id, []).append(v)
    # By date; Python's sort is stable, so dataset order within a day.
    return {k: tuple(sorted(v, key=lambda x: x.visited_on)) for k, v in out.items()}


@given(datasets())
def test_index_is_the_visits_of_watched_residents_by_date(ds: Dataset) -> None:
    assert dict(ds.watched_visits) == _plain(ds)
    watched = _watched(ds)
    assert ds.watched_residents == tuple(r for r in ds.residents if r.id in watched)
    homes = {r.household_id for r in ds.watched_residents}
    assert dict(ds.watched_households) == {h.id: h for h in ds.households if h.id in homes}


@given(datasets())
def test_unpickled_dataset_rebuilds_the_same_index(ds: Dataset) -> None:
    again = pickle.loads(pickle.dumps(ds))
    assert again == ds
    assert dict(again.watched_visits) == dict(ds.watched_visits)
    assert again.watched_residents == ds.watched_residents
    assert dict(again.watched_households) == dict(ds.watched_households)


@given(datasets(min_visits=1))
def test_replace_rebuilds_the_index(ds: Dataset) -> None:
    # Dropping every attention and case leaves no one watched; giving the first resident
    # who was visited an attention watches exactly them.
    bare = ds.replace(
        residents=tuple(attrs.evolve(r, attentions=()) for r in ds.residents), dispute_cases=()
    )
    assert dict(bare.watched_visits) == {}
    assert bare.watched_residents == () and dict(bare.watched_households) == {}
    rid = ds.visits[0].resident_id
    since = min(v.visited_on for v in ds.visits)
    tagged = bare.replace(
        residents=tuple(
            attrs.evolve(r, attentions=(Attention(kind=AttentionKind.LONELY_ELDER, since=since),))
            if r.id == rid
            else r
            for r in bare.residents
        )
    )
    assert list(tagged.watched_visits) == [rid]
    assert [r.id for r in tagged.watched_residents] == [rid]
    assert set(tagged.watched_visits[rid]) == {v for v in ds.visits if v.resident_id == rid}


def test_index_is_read_only() -> None:
    ds = Dataset()
    with pytest.raises(TypeError):
        ds.watched_visits["x"] = ()  # type: ignore[index]
