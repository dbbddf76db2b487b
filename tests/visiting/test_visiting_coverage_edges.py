"""``must_visit`` and ``visit_coverage``: their refusals, and coverage at the edges of its
period, for the kinds a visit was made for, in community order."""

from __future__ import annotations

import datetime as dt

import pytest

from shequ_core.entities import (
    Attention,
    AttentionKind,
    Community,
    CommunityKind,
    Dataset,
    Employment,
    Household,
    Resident,
    Staff,
    StaffRole,
    Visit,
    VisitOutcome,
)
from shequ_core.errors import ValidationError
from shequ_core.rules.visiting import must_visit, visit_coverage

K = AttentionKind
D = dt.date
START, END = D(2025, 1, 1), D(2025, 6, 30)


def _banner(visits: tuple[Visit, ...] = ()) -> Dataset:
    since = D(2024, 1, 1)

    def community(cid: str) -> Community:
        return Community(
            id=cid,
            name=f"{cid}社区",
            town="镇",
            kind=CommunityKind.ORDINARY,
            households=1,
            residents=2,
        )

    def resident(rid: str, cid: str, kind: AttentionKind, start: dt.date) -> Resident:
        return Resident(
            id=rid,
            community_id=cid,
            household_id=f"H{cid}",
            name="居民",
            attentions=(Attention(kind=kind, since=start),),
        )

    return Dataset(
        # B sorts after A by id but has more residents visited: the order is by id.
        communities=(community("B"), community("A")),
        households=(
            Household(id="HA", community_id="A", address="一号"),
            Household(id="HB", community_id="B", address="二号"),
        ),
        staff=(
            Staff(
                id="S",
                community_id="A",
                name="网格员",
                role=StaffRole.GRID_WORKER,
                employment=Employment.CONTRACTED,
            ),
        ),
        residents=(
            resident("R1", "A", K.HARDSHIP_FAMILY, since),
            resident("R2", "B", K.LONELY_ELDER, since),
            resident("R3", "B", K.LONELY_ELDER, since),
            resident("R4", "B", K.LONELY_ELDER, END),  # in scope from the period's last day
        ),
        visits=visits,
    )


def _met(vid: str, rid: str, on: dt.date, *kinds: AttentionKind) -> Visit:
    return Visit(
        id=vid,
        resident_id=rid,
        visitor_id="S",
        visited_on=on,
        reasons=frozenset(kinds),
        outcome=VisitOutcome.MET,
    )


def _rows(ds: Dataset) -> dict[tuple[str, AttentionKind], tuple[int, int]]:
    return {
        (r.community_id, r.kind): (r.visited, r.in_scope)
        for r in visit_coverage(ds, start=START, end=END)
        if r.in_scope
    }


def test_coverage_counts_visits_on_both_ends_of_the_period() -> None:
    ds = _banner((_met("v1", "R2", START, K.LONELY_ELDER), _met("v2", "R3", END, K.LONELY_ELDER)))
    assert _rows(ds)[("B", K.LONELY_ELDER)] == (2, 3)  # R4 from the last day is in scope


def test_a_visit_counts_only_for_the_kinds_it_was_made_for() -> None:
    ds = _banner((_met("v1", "R1", D(2025, 3, 1), K.LONELY_ELDER),))
    assert _rows(ds)[("A", K.HARDSHIP_FAMILY)] == (0, 1)


def test_coverage_rows_come_by_community_id_then_kind() -> None:
    ds = _banner((_met("v1", "R2", START, K.LONELY_ELDER),))
    rows = visit_coverage(ds, start=START, end=END)
    assert [r.community_id for r in rows] == sorted(r.community_id for r in rows)
    assert rows[0].community_id == "A"


def test_refusals_name_the_argument_and_the_rule() -> None:
    with pytest.raises(ValidationError) as info:
        visit_coverage(_banner(), start=END, end=START)
    assert info.value.subject == "visit_coverage"
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("end", "must not be before start")
    ]
    for bad in (-1, 1.5, True, "7"):
        with pytest.raises(ValidationError) as info:
            must_visit(_banner(), as_of=END, horizon_days=bad)  # type: ignore[arg-type]
        assert info.value.subject == "must_visit"
        assert [(p.path, p.message) for p in info.value.problems] == [
            ("horizon_days", "must be a whole number of days, 0 or more")
        ]
