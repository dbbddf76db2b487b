"""The table of references between records (``REFERENCES``) is the Dataset check's:
each one the check refuses when its record is missing, and no reference field is left
out of the table; and a record's home community is its community's, a visit its
resident's."""

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
    Reference,
    home_communities,
)
from shequ_core.errors import ValidationError


@pytest.fixture(scope="module")
def banner() -> Dataset:
    return load_chayouqianqi()


@pytest.mark.parametrize("ref", REFERENCES, ids=lambda r: f"{r.collection}.{r.field}")
def test_each_reference_is_one_the_dataset_checks(banner: Dataset, ref: Reference) -> None:
    """Without the records one record refers to, the Dataset names that reference."""
    k, record = next(
        (k, r) for k, r in enumerate(getattr(banner, ref.collection)) if any(ref.ids(r))
    )
    gone = set(ref.ids(record))
    kept = {t: tuple(r for r in getattr(banner, t) if r.id not in gone) for t in ref.targets}
    with pytest.raises(ValidationError) as e:
        banner.replace(**kept)
    assert (ref.collection, k, ref.field) in {p.loc[:3] for p in e.value.problems}


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
