"""The dataset strategy: whole, reference-consistent bundles of records.

Every reference resolves, and records refer within their own community where the
model implies it (a resident lives in a household of its community, a household sits in
a grid of its community, a volunteer joins a team of its community). Collections are
drawn in dependency order as lists, so a failing example shrinks collection by
collection towards the empty dataset.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from shequ_core.entities import Dataset, IdNumber, Resident
from shequ_core.strategies import _cases, _elections, _people, _values
from shequ_core.strategies._common import check_hostile, check_size

__all__ = ["datasets"]

T = TypeVar("T")

# Which collections a record of each collection needs to exist at all.
_NEEDS: dict[str, tuple[str, ...]] = {
    "communities": (),
    "staff": ("communities",),
    "grids": ("communities",),
    "households": ("communities",),
    "residents": ("households",),
    "teams": ("communities",),
    "volunteers": ("communities",),
    "party_members": ("communities",),
    "service_items": (),
    "dispute_cases": ("communities",),
    "service_requests": ("communities", "service_items"),
    # A visit needs a visitor too: a staff member or a volunteer (see _effective_mins).
    "visits": ("residents",),
    "partner_units": (),
    "meetings": ("communities",),
    "elections": ("communities",),
}
_ORDER = tuple(_NEEDS)


def _effective_mins(mins: dict[str, int], maxes: dict[str, int]) -> dict[str, int]:
    """Raise the minimum of a collection to 1 where another one needs it."""
    out = dict(mins)
    if out["visits"] > 0 and out["staff"] == 0 and out["volunteers"] == 0:
        # The visitor is a staff member if staff are allowed, else a volunteer.
        out["staff" if maxes["staff"] > 0 or maxes["volunteers"] == 0 else "volunteers"] = 1
    for name in reversed(_ORDER):
        if out[name] > 0:
            for need in _NEEDS[name]:
                out[need] = max(out[need], 1)
    return out


# How many reference keys each record draws next to itself (see _records).
_KEYS = {
    "communities": 0,
    "staff": 2,  # community, team (a mediation committee, say)
    "grids": 2,  # community, worker
    "households": 2,  # community, grid
    "residents": 1,  # household
    "teams": 1,  # community
    "volunteers": 2,  # community, team
    "party_members": 2,  # community, resident
    "service_items": 0,
    "dispute_cases": 8,  # community, up to 4 parties' residents, up to 3 mediators
    "service_requests": 4,  # community, item, resident, first responder
    "visits": 2,  # resident, visitor
    "partner_units": 3,  # up to 3 communities
    "meetings": 1,  # community
    "elections": 1,  # community
}


@functools.cache
def _records(hostile: bool) -> dict[str, st.SearchStrategy[tuple[Any, tuple[int, ...]]]]:
    """One shared strategy per collection: a record with its reference keys.

    References are wired after drawing, from the keys: ``key % len(pool)`` picks a
    record, so a key stays valid when the shrinker empties part of a pool, and each
    record's keys sit next to it, so deleting a record deletes its choices too. The
    strategies are built once: new ones inside every draw would make Hypothesis
    validate them again, which costs more than the records.
    """
    h = hostile
    plain: dict[str, st.SearchStrategy[Any]] = {
        "communities": _people.communities(hostile=h),
        "staff": _people.staff_members(hostile=h),
        "grids": _people.grids(worker_id=st.none(), hostile=h),
        "households": _people.households(grid_id=st.none(), hostile=h),
        "residents": _people.residents(hostile=h),
        "teams": _people.volunteer_teams(hostile=h),
        "volunteers": _people.volunteers(team_id=st.none(), hostile=h),
        "party_members": _people.party_members(resident_id=st.none(), hostile=h),
        "service_items": _cases.service_items(hostile=h),
        "dispute_cases": _cases.dispute_cases(
            parties=_values.parties(resident_id=st.none(), hostile=h), max_mediators=0, hostile=h
        ),
        "service_requests": _cases.service_requests(resident_id=st.none(), hostile=h),
        "visits": _cases.visits(hostile=h),
        "partner_units": _people.partner_units(max_communities=0, hostile=h),
        "meetings": _cases.meetings(hostile=h),
        "elections": _elections.elections(hostile=h),
    }
    key = st.integers(0, 1_000)
    return {
        name: st.tuples(strategy, st.tuples(*[key] * _KEYS[name]))
        for name, strategy in plain.items()
    }


def _pick(pool: Sequence[T], key: int) -> T:
    return pool[key % len(pool)]


def _maybe(pool: Sequence[T], key: int) -> T | None:
    """None for key 0 (where shrinking goes), else a record of the pool."""
    return None if key == 0 or not pool else pool[(key - 1) % len(pool)]


def _some(pool: Sequence[T], keys: Sequence[int]) -> list[T]:
    return list(dict.fromkeys(x for k in keys if (x := _maybe(pool, k)) is not None))


@st.composite
def _datasets(
    draw: st.DrawFn, mins: dict[str, int], maxes: dict[str, int], hostile: bool
) -> Dataset:
    records = _records(hostile)

    def many(name: str, *, needs: Sequence[object] = (1,)) -> list[tuple[Any, tuple[int, ...]]]:
        """Records of a collection with their keys, ids made unique by a suffix.

        Renaming rather than rejecting a duplicate keeps the list's draws valid while
        the shrinker makes every id ``"0"``. ``needs`` are the pools that must not be
        empty for a record to exist.
        """
        if maxes[name] == 0 or not all(needs):
            return []
        drawn = draw(st.lists(records[name], min_size=mins[name], max_size=maxes[name]))
        seen: set[str] = set()
        out = []
        for i, (r, keys) in enumerate(drawn):
            new_id, n = r.id, i
            while new_id in seen:
                new_id, n = f"{r.id}-{n}", n + 1
            seen.add(new_id)
            out.append((r if new_id == r.id else attrs.evolve(r, id=new_id), keys))
        return out

    communities = [c for c, _ in many("communities")]
    cids = [c.id for c in communities]

    def placed(name: str) -> list[tuple[Any, tuple[int, ...]]]:
        """Records moved into a community by their first key, with the other keys."""
        return [
            (attrs.evolve(r, community_id=_pick(cids, k[0])), k[1:])
            for r, k in many(name, needs=(cids,))
        ]

    staff_keys = placed("staff")
    staff = [s for s, _ in staff_keys]
    staff_ids = [s.id for s in staff]
    grids = [attrs.evolve(g, worker_id=_maybe(staff_ids, k[0])) for g, k in placed("grids")]

    def local(pool: Sequence[Any], community_id: str) -> list[str]:
        return [x.id for x in pool if x.community_id == community_id]

    households = [
        attrs.evolve(h, grid_id=_maybe(local(grids, h.community_id), k[0]))
        for h, k in placed("households")
    ]
    residents: list[Resident] = []
    numbers: set[IdNumber] = set()
    for r, k in many("residents", needs=(households,)):
        home = _pick(households, k[0])
        # Identity numbers are unique among residents, as in any real register.
        number = r.id_number if r.id_number not in numbers else None
        if number is not None:
            numbers.add(number)
        residents.append(
            attrs.evolve(r, community_id=home.community_id, household_id=home.id, id_number=number)
        )
    resident_ids = [r.id for r in residents]
    teams = [t for t, _ in placed("teams")]
    staff = [
        attrs.evolve(s, team_ids=_some(local(teams, s.community_id), k)) for s, k in staff_keys
    ]
    volunteers = [
        attrs.evolve(v, team_id=_maybe(local(teams, v.community_id), k[0]))
        for v, k in placed("volunteers")
    ]
    party_members = [
        attrs.evolve(m, resident_id=_maybe(local(residents, m.community_id), k[0]))
        for m, k in placed("party_members")
    ]
    service_items = [i for i, _ in many("service_items")]
    item_ids = [i.id for i in service_items]
    people = sorted({*staff_ids, *(v.id for v in volunteers)})
    dispute_cases = [
        attrs.evolve(
            c,
            parties=[
                attrs.evolve(p, resident_id=_maybe(resident_ids, key))
                for p, key in zip(c.parties, (*k[:4], *[0] * len(c.parties)), strict=False)
            ],
            mediator_ids=_some(people, k[4:7]),
        )
        for c, k in placed("dispute_cases")
    ]
    service_requests = [
        attrs.evolve(
            r,
            item_id=_pick(item_ids, k[0]),
            resident_id=_maybe(resident_ids, k[1]),
            first_responder_id=_maybe(staff_ids, k[2]),
        )
        for r, k in (placed("service_requests") if item_ids else [])
    ]
    visits = [
        attrs.evolve(v, resident_id=_pick(resident_ids, k[0]), visitor_id=_pick(people, k[1]))
        for v, k in many("visits", needs=(resident_ids, people))
    ]
    partner_units = [
        attrs.evolve(u, community_ids=_some(cids, k)) for u, k in many("partner_units")
    ]
    meetings = [m for m, _ in placed("meetings")]
    return Dataset(
        communities=tuple(communities),
        grids=tuple(grids),
        households=tuple(households),
        residents=tuple(residents),
        staff=tuple(staff),
        volunteers=tuple(volunteers),
        teams=tuple(teams),
        party_members=tuple(party_members),
        dispute_cases=tuple(dispute_cases),
        service_items=tuple(service_items),
        service_requests=tuple(service_requests),
        visits=tuple(visits),
        partner_units=tuple(partner_units),
        meetings=tuple(meetings),
        elections=tuple(e for e, _ in placed("elections")),
    )


def datasets(
    *,
    min_communities: int = 0,
    max_communities: int = 3,
    min_grids: int = 0,
    max_grids: int = 4,
    min_households: int = 0,
    max_households: int = 6,
    min_residents: int = 0,
    max_residents: int = 8,
    min_staff: int = 0,
    max_staff: int = 5,
    min_volunteers: int = 0,
    max_volunteers: int = 4,
    min_teams: int = 0,
    max_teams: int = 3,
    min_party_members: int = 0,
    max_party_members: int = 4,
    min_dispute_cases: int = 0,
    max_dispute_cases: int = 4,
    min_service_items: int = 0,
    max_service_items: int = 3,
    min_service_requests: int = 0,
    max_service_requests: int = 5,
    min_visits: int = 0,
    max_visits: int = 6,
    min_partner_units: int = 0,
    max_partner_units: int = 2,
    min_meetings: int = 0,
    max_meetings: int = 3,
    min_elections: int = 0,
    max_elections: int = 2,
    hostile: bool = False,
) -> st.SearchStrategy[Dataset]:
    """Datasets whose every reference resolves, each collection sized within its bounds.

    Any collection may be empty. A minimum above 0 raises the minimum of what its
    records need to at least 1 (``min_visits=1`` brings a resident, a household, a
    community and a staff member), and is refused if a maximum forbids that. The records
    are those of the other strategies, realistic or (``hostile=True``) hostile.
    """
    given = dict(locals())
    check_hostile(hostile)
    mins: dict[str, int] = {}
    maxes: dict[str, int] = {}
    for name in _ORDER:
        low, high = given[f"min_{name}"], given[f"max_{name}"]
        check_size(low, high, f"min_{name}", f"max_{name}")
        mins[name], maxes[name] = low, high
    mins = _effective_mins(mins, maxes)
    for name in _ORDER:
        if mins[name] > maxes[name]:
            msg = (
                f"max_{name}={maxes[name]} leaves no room for the {name} that the "
                f"minimums of other collections need"
            )
            raise InvalidArgument(msg)
    return _datasets(mins, maxes, hostile)
