"""The table of references between records (``REFERENCES``), which the Dataset's check
follows: no reference field is left out of it, and each broken reference is named as
users saw it before the check read the table; a record's home community is its
community's, a visit its resident's."""

from __future__ import annotations

import attrs
import pytest

from shequ_core.datasets import load_chayouqianqi
from shequ_core.entities import (
    COLLECTIONS,
    ITEM_CLASS,
    REFERENCES,
    SHARED_COLLECTIONS,
    Dataset,
    home_communities,
)
from shequ_core.errors import ValidationError


@pytest.fixture(scope="module")
def banner() -> Dataset:
    return load_chayouqianqi()


def test_no_reference_field_is_left_out_of_the_table() -> None:
    """A field holding other records' ids (``*_id``, ``*_ids``, a party's resident) is
    in the table, but for a record's community (``home_communities``)."""
    listed = {(r.collection, r.field) for r in REFERENCES}
    fields = set()
    for name, cls in ITEM_CLASS.items():
        for f in attrs.fields(cls):
            if f.name.endswith(("_id", "_ids")) and f.name not in ("community_id", "community_ids"):
                fields.add((name, f.name))
    fields.add(("dispute_cases", "parties"))
    assert fields == listed


def test_home_communities(banner: Dataset) -> None:
    homes = home_communities(banner)
    assert set(homes) == set(COLLECTIONS) - set(SHARED_COLLECTIONS)
    resident_home = {r.id: r.community_id for r in banner.residents}
    for name, by_home in homes.items():
        records = getattr(banner, name)
        positions = sorted(pos for recs in by_home.values() for pos, _ in recs)
        assert positions == list(range(len(records))), name  # each record once
        for cid, recs in by_home.items():
            for pos, r in recs:
                assert records[pos] is r
                if name == "communities":
                    assert r.id == cid
                elif name == "visits":
                    assert resident_home[r.resident_id] == cid
                else:
                    assert r.community_id == cid
    assert set(homes["residents"]) == {c.id for c in banner.communities}


def test_every_dangling_reference_as_users_see_it(banner: Dataset) -> None:
    """Each broken reference of the table, and a community's, as one error lists them:
    every problem's place, code and message, in the order of collections, then records,
    then a record's fields (a record's several broken fields together)."""

    def first(name: str, **changes: object) -> tuple[object, ...]:
        records = getattr(banner, name)
        return (attrs.evolve(records[0], **changes), *records[1:])

    case, second = banner.dispute_cases[0], banner.service_requests[1]
    parties = (case.parties[0], attrs.evolve(case.parties[1], resident_id="r-x"))
    requests = first("service_requests", item_id="i-x", first_responder_id="s-x")
    with pytest.raises(ValidationError) as e:
        banner.replace(
            grids=first("grids", worker_id="s-x", community_id="c-x"),
            households=first("households", grid_id="g-x"),
            residents=first("residents", household_id="h-x"),
            volunteers=first("volunteers", team_id="t-x"),
            staff=first("staff", team_ids=banner.staff[0].team_ids | {"t-x2", "t-x1"}),
            party_members=first("party_members", resident_id="r-x"),
            dispute_cases=first(
                "dispute_cases", parties=parties, mediator_ids=(*case.mediator_ids, "m-x")
            ),
            service_requests=(
                requests[0], attrs.evolve(second, resident_id="r-y"), *requests[2:]
            ),
            visits=first("visits", resident_id="r-x", visitor_id="v-x"),
            partner_units=first(
                "partner_units", community_ids=banner.partner_units[0].community_ids | {"c-x"}
            ),
        )  # fmt: skip
    n = len(case.mediator_ids)
    missing = "refers to {} '{}', which does not exist"
    assert [(p.loc, p.code, p.message) for p in e.value.problems] == [
        (loc, "dangling_reference", missing.format(what, rid))
        for loc, what, rid in [
            (("grids", 0, "community_id"), "community", "c-x"),
            (("grids", 0, "worker_id"), "staff member", "s-x"),
            (("households", 0, "grid_id"), "grid", "g-x"),
            (("residents", 0, "household_id"), "household", "h-x"),
            (("volunteers", 0, "team_id"), "team", "t-x"),
            (("staff", 0, "team_ids"), "team", "t-x1"),
            (("staff", 0, "team_ids"), "team", "t-x2"),
            (("party_members", 0, "resident_id"), "resident", "r-x"),
            (("dispute_cases", 0, "parties", 1, "resident_id"), "resident", "r-x"),
            (("dispute_cases", 0, "mediator_ids", n), "staff or volunteer", "m-x"),
            (("service_requests", 0, "item_id"), "service item", "i-x"),
            (("service_requests", 0, "first_responder_id"), "staff member", "s-x"),
            (("service_requests", 1, "resident_id"), "resident", "r-y"),
            (("visits", 0, "resident_id"), "resident", "r-x"),
            (("visits", 0, "visitor_id"), "staff or volunteer", "v-x"),
            (("partner_units", 0, "community_ids"), "community", "c-x"),
        ]
    ]
