"""The references between records and the community each record belongs to: one table
that a part of a dataset (a Parquet store's few communities, a Dask partition) follows
to stay a valid :class:`~shequ_core.entities.Dataset`.

Limitations: the Dataset's own check (``_dataset._problems``) still lists the same
references in code, for its paths; a test holds the two to the same set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from shequ_core.entities._dataset import Dataset


@attrs.frozen
class Reference:
    """Records of ``collection`` refer by ``field`` to records of ``targets`` (the
    first that holds the id: a visitor is staff or a volunteer). ``within`` names the
    field of each item when ``field`` holds records (a dispute's parties)."""

    collection: str
    field: str
    targets: tuple[str, ...]
    within: str | None = None

    def ids(self, record: Any) -> tuple[str, ...]:
        """The ids ``record`` refers to by this reference (none for an empty field)."""
        value = getattr(record, self.field)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if self.within is not None:
            value = [getattr(item, self.within) for item in value]
        return tuple(sorted(v for v in value if v is not None))


#: Every reference between records, except ``community_id`` (a record's community,
#: :func:`home_communities`) and a partner unit's ``community_ids``.
REFERENCES: tuple[Reference, ...] = (
    Reference("grids", "worker_id", ("staff",)),
    Reference("households", "grid_id", ("grids",)),
    Reference("residents", "household_id", ("households",)),
    Reference("volunteers", "team_id", ("teams",)),
    Reference("staff", "team_ids", ("teams",)),
    Reference("party_members", "resident_id", ("residents",)),
    Reference("dispute_cases", "parties", ("residents",), within="resident_id"),
    Reference("dispute_cases", "mediator_ids", ("staff", "volunteers")),
    Reference("service_requests", "item_id", ("service_items",)),
    Reference("service_requests", "resident_id", ("residents",)),
    Reference("service_requests", "first_responder_id", ("staff",)),
    Reference("visits", "resident_id", ("residents",)),
    Reference("visits", "visitor_id", ("staff", "volunteers")),
)

#: The collections whose records belong to no one community: kept whole, apart.
SHARED_COLLECTIONS: tuple[str, ...] = ("service_items", "partner_units")


def home_communities(dataset: Dataset) -> dict[str, dict[str, list[tuple[int, Any]]]]:
    """Each collection but :data:`SHARED_COLLECTIONS` by home community: ``{collection: {community
    id: [(position, record), ...]}}``, every community listed (its lists may be empty).

    A record's home community is its ``community_id``; a community's is its own id; a
    visit's is its resident's.
    """
    from shequ_core.entities._dataset import COLLECTIONS

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
