"""The bundle: one tuple per kind of record, with every reference between them checked."""

from __future__ import annotations

import functools
import operator
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from shequ_core.entities._cases import (
    DisputeCase,
    ServiceItem,
    ServiceRequest,
)
from shequ_core.entities._elections import Election
from shequ_core.entities._pii import IdNumber
from shequ_core.entities._records import (
    Community,
    Grid,
    Household,
    Meeting,
    PartnerUnit,
    PartyMember,
    Resident,
    Staff,
    Visit,
    Volunteer,
    VolunteerTeam,
)
from shequ_core.entities._references import REFERENCES, SHARED_COLLECTIONS, Reference
from shequ_core.entities._workflow import check_history
from shequ_core.errors import Loc, Problem, ValidationError
from shequ_core.frozenmap import FrozenMap
from shequ_core.text import mask_personal
from shequ_core.validation import (
    check_instance,
    check_tuple_of,
    fault_code,
    md,
    to_tuple,
)

__all__ = ["COLLECTIONS", "ITEM_CLASS", "Dataset"]


def _records(cls: type, label: str) -> Any:
    return attrs.field(
        default=(),
        converter=to_tuple,
        metadata=md(label, check_tuple_of(check_instance(cls, f"a {cls.__name__}"))),
    )


@attrs.frozen(kw_only=True)
class Dataset:
    """A community system's records, checked as a whole.

    Building one checks that ids are unique within each collection, that no two
    residents hold one identity number, and that every reference points at a record
    that exists; one :class:`ValidationError` lists every
    broken reference by path (``visits[3].resident_id``) and id, and every step of a
    request's or a case's history that its lifecycle table forbids
    (``service_requests[3].events[2].kind``, see :mod:`shequ_core.workflow`).
    """

    communities: tuple[Community, ...] = _records(Community, "社区")
    grids: tuple[Grid, ...] = _records(Grid, "网格")
    households: tuple[Household, ...] = _records(Household, "户")
    residents: tuple[Resident, ...] = _records(Resident, "居民")
    staff: tuple[Staff, ...] = _records(Staff, "社区工作人员")
    volunteers: tuple[Volunteer, ...] = _records(Volunteer, "志愿者")
    teams: tuple[VolunteerTeam, ...] = _records(VolunteerTeam, "队伍")
    party_members: tuple[PartyMember, ...] = _records(PartyMember, "党员")
    dispute_cases: tuple[DisputeCase, ...] = _records(DisputeCase, "矛盾纠纷")
    service_items: tuple[ServiceItem, ...] = _records(ServiceItem, "服务事项")
    service_requests: tuple[ServiceRequest, ...] = _records(ServiceRequest, "服务工单")
    visits: tuple[Visit, ...] = _records(Visit, "走访")
    partner_units: tuple[PartnerUnit, ...] = _records(PartnerUnit, "共建单位")
    meetings: tuple[Meeting, ...] = _records(Meeting, "议事")
    elections: tuple[Election, ...] = _records(Election, "选举")

    def __attrs_post_init__(self) -> None:
        problems = list(_problems(self))
        if problems:
            raise ValidationError(problems, subject="Dataset")
        for index in ("watched_residents", "watched_visits", "watched_households"):
            getattr(self, index)  # built now, with the dataset, not on a rule's first call

    # The indexes below are cached on first use: __attrs_post_init__ builds them, and
    # after unpickling (pickle carries the collections only) the first read does.

    @functools.cached_property
    def watched_residents(self) -> tuple[Resident, ...]:
        """The residents who carry an attention or are a party to a dispute case, in
        dataset order: the only ones a visiting rule can find due, so those rules read
        this instead of every resident."""
        watched = _watched_ids(self)
        return tuple(r for r in self.residents if r.id in watched)

    @functools.cached_property
    def watched_households(self) -> Mapping[str, Household]:
        """Household id -> household, for the households of :attr:`watched_residents`
        (read-only): where a visit goes, and in which grid."""
        return _households_of(self, self.watched_residents)

    @functools.cached_property
    def watched_visits(self) -> Mapping[str, tuple[Visit, ...]]:
        """Resident id -> their visits by date (dataset order within a day), for the
        residents of :attr:`watched_residents` who have any (read-only). By date, so a
        rule after the last visit reads from the end and stops early."""
        watched = {r.id for r in self.watched_residents}
        visits: dict[str, list[Visit]] = {}
        for visit in self.visits:
            if visit.resident_id in watched:
                visits.setdefault(visit.resident_id, []).append(visit)
        return _frozen_index(visits)

    def __len__(self) -> int:
        """The number of records in all collections."""
        return sum(len(getattr(self, name)) for name in COLLECTIONS)

    def collections(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """``(name, records)`` for each collection, in declaration order."""
        for name in COLLECTIONS:
            yield name, getattr(self, name)

    def counts(self) -> dict[str, int]:
        """How many records each collection holds."""
        return {name: len(records) for name, records in self.collections()}

    def replace(self, **collections: Any) -> Dataset:
        """A new dataset with some collections replaced, checked again."""
        return attrs.evolve(self, **collections)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.counts().items() if v)
        return f"Dataset({counts})"


#: The names of the Dataset's collections, in declaration order.
COLLECTIONS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Dataset))
ITEM_CLASS: Mapping[str, type] = {
    "communities": Community,
    "grids": Grid,
    "households": Household,
    "residents": Resident,
    "staff": Staff,
    "volunteers": Volunteer,
    "teams": VolunteerTeam,
    "party_members": PartyMember,
    "dispute_cases": DisputeCase,
    "service_items": ServiceItem,
    "service_requests": ServiceRequest,
    "visits": Visit,
    "partner_units": PartnerUnit,
    "meetings": Meeting,
    "elections": Election,
}
"""The record class each collection holds."""


def _watched_ids(ds: Dataset) -> set[str]:
    """Residents who can be in scope of a visiting rule: an attention, or a dispute."""
    ids = {r.id for r in ds.residents if r.attentions}
    for case in ds.dispute_cases:
        ids.update(p.resident_id for p in case.parties if p.resident_id is not None)
    return ids


def _households_of(ds: Dataset, residents: tuple[Resident, ...]) -> Mapping[str, Household]:
    wanted = {r.household_id for r in residents}
    return FrozenMap({h.id: h for h in ds.households if h.id in wanted} if wanted else {})


_visited_on = operator.attrgetter("visited_on")


def _frozen_index(index: dict[str, list[Visit]]) -> Mapping[str, tuple[Visit, ...]]:
    return FrozenMap({rid: tuple(sorted(visits, key=_visited_on)) for rid, visits in index.items()})


#: The table's references by the collection that refers, in the table's order.
_REFERENCES_OF: Mapping[str, tuple[Reference, ...]] = {
    name: tuple(ref for ref in REFERENCES if ref.collection == name)
    for name in dict.fromkeys(ref.collection for ref in REFERENCES)
}


def _problems(ds: Dataset) -> Iterator[Problem]:
    for a in attrs.fields(Dataset):
        msg = a.metadata["check"](getattr(ds, a.name))
        if msg:
            yield Problem(a.name, msg, fault_code(msg))
            return

    ids: dict[str, set[str]] = {}
    for name in COLLECTIONS:
        records = getattr(ds, name)
        seen = Counter(r.id for r in records)
        ids[name] = set(seen)
        if len(seen) != len(records):
            reported: set[str] = set()
            for i, r in enumerate(records):
                if seen[r.id] > 1 and r.id in reported:
                    yield Problem(
                        (name, i, "id"), f"duplicate id {mask_personal(r.id)!r}", "duplicate_id"
                    )
                reported.add(r.id)

    yield from _same_id_number(ds.residents)

    communities = ids["communities"]

    def missing(loc: Loc, what: str, value: str) -> Problem:
        msg = f"refers to {what} {mask_personal(value)!r}, which does not exist"
        return Problem(loc, msg, "dangling_reference")

    for name in COLLECTIONS:
        for i, r in enumerate(getattr(ds, name)):
            community_id = getattr(r, "community_id", None)
            if community_id is not None and community_id not in communities:
                yield missing((name, i, "community_id"), "community", community_id)
    # The references of the table, a record's several in the table's order.
    pools: dict[tuple[str, ...], set[str]] = {}
    for name, refs in _REFERENCES_OF.items():
        checks = []
        for ref in refs:
            if ref.targets not in pools:
                pools[ref.targets] = set().union(*(ids[t] for t in ref.targets))
            checks.append((ref, operator.attrgetter(ref.field), pools[ref.targets]))
        for i, r in enumerate(getattr(ds, name)):
            for ref, get, pool in checks:
                value = get(r)
                if type(value) is str:
                    if value in pool:
                        continue
                elif value is None or (ref.within is None and pool.issuperset(value)):
                    continue
                for loc, rid in ref.located(r):
                    if rid not in pool:
                        yield missing((name, i, *loc), ref.what, rid)
    for i, unit in enumerate(ds.partner_units):
        for cid in sorted(unit.community_ids):
            if cid not in communities:
                yield missing(("partner_units", i, "community_ids"), "community", cid)
    # Histories the lifecycle tables forbid (shequ_core.workflow), each step by its path.
    for name in ("service_requests", "dispute_cases"):
        for i, record in enumerate(getattr(ds, name)):
            yield from (p.within(name, i) for p in check_history(record))


def _same_id_number(residents: tuple[Resident, ...]) -> Iterator[Problem]:
    """A person is one resident: a second resident with the same identity number is a
    problem on the second, naming both ids and showing the number masked."""
    first: dict[IdNumber, str] = {}
    for i, r in enumerate(residents):
        number = r.id_number
        if number is None:
            continue
        seen = first.setdefault(number, r.id)
        if seen != r.id:
            msg = (
                f"resident {mask_personal(r.id)!r} has the same identity number ({number.masked}) "
                f"as resident {mask_personal(seen)!r}"
            )
            yield Problem(("residents", i, "id_number"), msg, "duplicate_id_number")


def home_communities(dataset: Dataset) -> dict[str, dict[str, list[tuple[int, Any]]]]:
    """Each collection but :data:`SHARED_COLLECTIONS` by home community: ``{collection: {community
    id: [(position, record), ...]}}``, every community listed (its lists may be empty).

    A record's home community is its ``community_id``; a community's is its own id; a
    visit's is its resident's.
    """
    resident_home = {r.id: r.community_id for r in dataset.residents}
    out: dict[str, dict[str, list[tuple[int, Any]]]] = {}
    for name in COLLECTIONS:
        if name in SHARED_COLLECTIONS:
            continue
        by_home: dict[str, list[tuple[int, Any]]] = {c.id: [] for c in dataset.communities}
        for pos, record in enumerate(getattr(dataset, name)):
            if name == "communities":
                home = record.id
            elif name == "visits":
                home = resident_home[record.resident_id]
            else:
                home = record.community_id
            by_home[home].append((pos, record))
        out[name] = by_home
    return out
