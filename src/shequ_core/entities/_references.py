"""The references between records and the community each record belongs to: one table
that a part of a dataset (a Parquet store's few communities, a Dask partition) follows
to stay a valid :class:`~shequ_core.entities.Dataset`, and that the Dataset's own check
follows to name each broken one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from shequ_core.errors import Loc


@attrs.frozen
class Reference:
    """Records of ``collection`` refer by ``field`` to records of ``targets`` (the
    first that holds the id: a visitor is staff or a volunteer), named ``what`` in the
    message of a broken one. ``within`` names the field of each item when ``field``
    holds records (a dispute's parties)."""

    collection: str
    field: str
    targets: tuple[str, ...]
    what: str
    within: str | None = None

    def located(self, record: Any) -> Iterator[tuple[Loc, str]]:
        """Each id ``record`` refers to by this reference, with its place in the record:
        ``(field,)`` for one id or a set's (in id order), ``(field, j)`` for the j-th
        of a tuple, ``(field, j, within)`` for the j-th item's."""
        value = getattr(record, self.field)
        if value is None:
            return
        if isinstance(value, str):
            yield (self.field,), value
        elif isinstance(value, frozenset):
            yield from (((self.field,), v) for v in sorted(value))
        else:
            for j, item in enumerate(value):
                loc: Loc = (self.field, j)
                if self.within is not None:
                    item, loc = getattr(item, self.within), (*loc, self.within)
                if item is not None:
                    yield loc, item

    def ids(self, record: Any) -> tuple[str, ...]:
        """The ids ``record`` refers to by this reference (none for an empty field)."""
        value = getattr(record, self.field)
        if value is None or isinstance(value, str):  # most references: one id or none
            return () if value is None else (value,)
        return tuple(sorted(rid for _, rid in self.located(record)))


#: Every reference between records, except ``community_id`` (a record's community,
#: :func:`~shequ_core.entities.home_communities`) and a partner unit's ``community_ids``.
REFERENCES: tuple[Reference, ...] = (
    Reference("grids", "worker_id", ("staff",), "staff member"),
    Reference("households", "grid_id", ("grids",), "grid"),
    Reference("residents", "household_id", ("households",), "household"),
    Reference("volunteers", "team_id", ("teams",), "team"),
    Reference("staff", "team_ids", ("teams",), "team"),
    Reference("party_members", "resident_id", ("residents",), "resident"),
    Reference("dispute_cases", "parties", ("residents",), "resident", within="resident_id"),
    Reference("dispute_cases", "mediator_ids", ("staff", "volunteers"), "staff or volunteer"),
    Reference("service_requests", "item_id", ("service_items",), "service item"),
    Reference("service_requests", "resident_id", ("residents",), "resident"),
    Reference("service_requests", "first_responder_id", ("staff",), "staff member"),
    Reference("visits", "resident_id", ("residents",), "resident"),
    Reference("visits", "visitor_id", ("staff", "volunteers"), "staff or volunteer"),
)

#: The collections whose records belong to no one community: kept whole, apart.
SHARED_COLLECTIONS: tuple[str, ...] = ("service_items", "partner_units")
