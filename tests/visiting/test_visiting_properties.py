"""Laws of the must-visit rule, over generated banners.

Every law runs over two sources, mixed: the project's ``datasets()`` (any valid bundle,
events from 1990 to 2035) with an ``as_of`` drawn near one of its dates, and a dense
local generator that packs attentions, dispute cases and visits of every kind, outcome
and date (after ``as_of`` too) around ``as_of``, so that cadences, the 5-year period and
the follow-up window all come into play on a handful of residents.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.entities import (
    Attention,
    AttentionKind,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Employment,
    Grid,
    Household,
    Party,
    Resident,
    RiskLevel,
    Staff,
    StaffRole,
    Visit,
    VisitOutcome,
)
from shequ_core.rules.visiting import (
    DEFAULT_VISIT_POLICY,
    PRIORITY_PER_RISK,
    UNASSIGNED,
    DueVisit,
    assign_visits,
    in_scope_kinds,
    must_visit,
    visit_coverage,
)
from shequ_core.strategies import datasets

KINDS = list(AttentionKind)
KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
AS_OF = st.dates(date(2023, 6, 1), date(2025, 6, 30)) | st.sampled_from(
    [date(2024, 2, 29), date(2025, 2, 28), date(2025, 1, 31)]
)


def _day(draw: st.DrawFn, as_of: date, before: int, after: int) -> date:
    return as_of + timedelta(days=draw(st.integers(-before, after)))


@st.composite
def banners(draw: st.DrawFn) -> tuple[Dataset, date]:
    """A small banner and the day it is looked at."""
    as_of = draw(AS_OF)
    n_comm = draw(st.integers(1, 2))
    communities = [
        Community(
            id=f"C{c}",
            name=f"社区{c}",
            town="镇",
            kind=CommunityKind.ORDINARY,
            households=0,
            residents=0,
        )
        for c in range(n_comm)
    ]
    staff = [
        Staff(
            id=f"S{i}",
            community_id=f"C{draw(st.integers(0, n_comm - 1))}",
            name="工作人员",
            role=StaffRole.GRID_WORKER,
            employment=Employment.CONTRACTED,
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    staff_ids = [s.id for s in staff]
    grids = [
        Grid(
            id=f"G{i}",
            community_id=f"C{i % n_comm}",
            name="网格",
            households=0,
            worker_id=draw(st.none() | st.sampled_from(staff_ids)),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    households = []
    for i in range(draw(st.integers(1, 4))):
        cid = f"C{draw(st.integers(0, n_comm - 1))}"
        own = [g.id for g in grids if g.community_id == cid]
        grid = draw(st.none() | st.sampled_from(own)) if own else None
        households.append(Household(id=f"H{i}", community_id=cid, grid_id=grid, address="地址"))
    residents = []
    for i in range(draw(st.integers(1, 8))):
        h = draw(st.sampled_from(households))
        attentions = []
        for _ in range(draw(st.integers(0, 3))):
            since = _day(draw, as_of, 2000, 40)
            until = draw(st.none() | st.integers(0, 400).map(lambda n, s=since: s + timedelta(n)))
            attentions.append(
                Attention(
                    kind=draw(st.sampled_from(KINDS)),
                    since=since,
                    until=until,
                    risk=draw(st.sampled_from(list(RiskLevel))),
                )
            )
        residents.append(
            Resident(
                id=f"R{i}",
                community_id=h.community_id,
                household_id=h.id,
                name="居民",
                attentions=attentions,
            )
        )
    resident_ids = [r.id for r in residents]
    cases = []
    for i in range(draw(st.integers(0, 3))):
        received = _day(draw, as_of, 300, 20)
        closed = draw(st.none() | st.integers(0, 120).map(lambda n, r=received: r + timedelta(n)))
        parties = [
            Party(name="当事人", resident_id=draw(st.none() | st.sampled_from(resident_ids)))
            for _ in range(draw(st.integers(2, 3)))
        ]
        cases.append(
            DisputeCase(
                id=f"D{i}",
                community_id="C0",
                category=DisputeCategory.FAMILY,
                parties=parties,
                received_on=received,
                status=DisputeStatus.MEDIATING if closed is None else DisputeStatus.CLOSED,
                closed_on=closed,
            )
        )
    visits = [
        draw(visits_to(resident_ids, staff_ids, as_of, vid=f"V{i}"))
        for i in range(draw(st.integers(0, 12)))
    ]
    ds = Dataset(
        communities=communities,
        grids=grids,
        households=households,
        residents=residents,
        staff=staff,
        dispute_cases=cases,
        visits=visits,
    )
    return ds, as_of


@st.composite
def shared_banners(draw: st.DrawFn) -> tuple[Dataset, date]:
    """A bundle from ``datasets()`` and a day near one of its events (or any day)."""
    # Only the collections the rule reads: the others cost generation time and no law.
    ds = draw(
        datasets(
            min_residents=1,
            min_staff=1,
            max_visits=10,
            max_volunteers=0,
            max_teams=0,
            max_party_members=0,
            max_service_items=0,
            max_service_requests=0,
            max_partner_units=0,
            max_meetings=0,
        )
    )
    anchors = [a.since for r in ds.residents for a in r.attentions]
    anchors += [a.until for r in ds.residents for a in r.attentions if a.until is not None]
    anchors += [v.visited_on for v in ds.visits]
    anchors += [c.received_on for c in ds.dispute_cases]
    anchors += [c.closed_on for c in ds.dispute_cases if c.closed_on is not None]
    if anchors and draw(st.booleans()):
        as_of = draw(st.sampled_from(anchors)) + timedelta(draw(st.integers(-40, 400)))
    else:
        as_of = draw(st.dates(date(1990, 1, 1), date(2035, 12, 31)))
    return ds, as_of


BANNERS = st.one_of(banners(), shared_banners())


def visits_to(
    resident_ids: list[str], staff_ids: list[str], as_of: date, *, vid: str
) -> st.SearchStrategy[Visit]:
    """Any visit: any outcome, any reasons, any day around ``as_of`` (after it too)."""
    return st.builds(
        Visit,
        id=st.just(vid),
        resident_id=st.sampled_from(resident_ids),
        visitor_id=st.sampled_from(staff_ids),
        visited_on=st.integers(-420, 30).map(lambda n: as_of + timedelta(n)),
        reasons=st.frozensets(st.sampled_from(KINDS)),
        outcome=st.sampled_from(list(VisitOutcome)),
    )


# -- a reading of the rule's scope straight from the issue text ----------------------


def _qualifies(ds: Dataset, resident: Resident, kind: AttentionKind, on: date) -> bool:
    if kind not in DEFAULT_VISIT_POLICY.cadences:
        return False
    for a in resident.attentions:
        if a.kind is kind and a.since <= on and (a.until is None or on <= a.until):
            if kind is AttentionKind.RELEASED_PRISONER and on >= a.since + relativedelta(years=5):
                continue
            return True
    if kind is AttentionKind.DISPUTE_FAMILY:
        for case in ds.dispute_cases:
            party = resident.id in {p.resident_id for p in case.parties}
            follow_up_ends = None if case.closed_on is None else case.closed_on + timedelta(30)
            if (
                party
                and case.received_on <= on
                and (follow_up_ends is None or on <= follow_up_ends)
            ):
                return True
    return False


def _shuffled(ds: Dataset, rnd: random.Random) -> Dataset:
    def mix(items):
        items = list(items)
        rnd.shuffle(items)
        return items

    residents = [attrs.evolve(r, attentions=mix(r.attentions)) for r in ds.residents]
    return ds.replace(
        residents=mix(residents),
        visits=mix(ds.visits),
        households=mix(ds.households),
        dispute_cases=mix(ds.dispute_cases),
        grids=mix(ds.grids),
    )


def _key(d: DueVisit) -> tuple[int, int, str]:
    return (-d.overdue_days, -d.priority, d.resident_id)


# -- laws -----------------------------------------------------------------------------


@given(BANNERS, st.integers(0, 40), st.randoms(use_true_random=False))
def test_result_is_deterministic_sorted_and_independent_of_record_order(banner, horizon, rnd):
    ds, as_of = banner
    due = must_visit(ds, as_of=as_of, horizon_days=horizon)
    assert due == must_visit(ds, as_of=as_of, horizon_days=horizon)
    assert due == must_visit(_shuffled(ds, rnd), as_of=as_of, horizon_days=horizon)
    assert [_key(d) for d in due] == sorted(_key(d) for d in due)
    assert len({d.resident_id for d in due}) == len(due)


@given(BANNERS, st.integers(0, 40))
def test_each_item_is_consistent_with_its_resident_and_the_day(banner, horizon):
    ds, as_of = banner
    residents = {r.id: r for r in ds.residents}
    grid_of = {h.id: h.grid_id for h in ds.households}
    scope = in_scope_kinds(ds, as_of=as_of)
    for d in must_visit(ds, as_of=as_of, horizon_days=horizon):
        r = residents[d.resident_id]
        assert (d.household_id, d.community_id) == (r.household_id, r.community_id)
        assert d.grid_id == grid_of[r.household_id]
        assert d.reasons
        assert list(d.reasons) == sorted(set(d.reasons), key=KIND_ORDER.__getitem__)
        assert set(d.reasons) <= scope[d.resident_id]
        assert d.due_on <= as_of + timedelta(days=horizon)
        assert d.overdue_days == max(0, (as_of - d.due_on).days)
        assert d.priority == PRIORITY_PER_RISK * d.risk.rank + len(d.reasons)
        if d.last_visited_on is not None:
            assert d.last_visited_on <= as_of


@given(BANNERS)
def test_only_residents_with_an_active_attention_or_a_qualifying_dispute_appear(banner):
    ds, as_of = banner
    residents = {r.id: r for r in ds.residents}
    scope = in_scope_kinds(ds, as_of=as_of)
    for r in ds.residents:
        expected = {k for k in KINDS if _qualifies(ds, r, k, as_of)}
        assert scope.get(r.id, frozenset()) == expected
    for d in must_visit(ds, as_of=as_of, horizon_days=60):
        assert all(_qualifies(ds, residents[d.resident_id], k, as_of) for k in d.reasons)


@given(BANNERS)
def test_a_kind_in_scope_for_over_a_week_and_never_met_is_due(banner):
    ds, as_of = banner
    due = {d.resident_id: d for d in must_visit(ds, as_of=as_of)}
    for r in ds.residents:
        for kind in KINDS:
            if not _qualifies(ds, r, kind, as_of):
                continue
            met = any(
                v.resident_id == r.id
                and v.outcome is VisitOutcome.MET
                and kind in v.reasons
                and v.visited_on <= as_of
                for v in ds.visits
            )
            week_ago = as_of - timedelta(days=7)
            starts = [a.since for a in r.attentions if a.kind is kind] + [
                c.received_on
                for c in ds.dispute_cases
                if kind is AttentionKind.DISPUTE_FAMILY
                and r.id in {p.resident_id for p in c.parties}
            ]
            if not met and all(s <= week_ago for s in starts):
                assert kind in due[r.id].reasons


@given(BANNERS)
def test_meeting_a_resident_on_as_of_for_all_reasons_removes_only_them(banner):
    ds, as_of = banner
    due = must_visit(ds, as_of=as_of)
    for item in due:
        v = Visit(
            id="V-new",
            resident_id=item.resident_id,
            visitor_id=ds.staff[0].id,
            visited_on=as_of,
            reasons=frozenset(item.reasons),
            outcome=VisitOutcome.MET,
        )
        after = must_visit(ds.replace(visits=(*ds.visits, v)), as_of=as_of)
        assert after == [d for d in due if d.resident_id != item.resident_id]


@given(BANNERS, st.data(), st.integers(0, 40))
def test_adding_any_visit_never_adds_a_due_item_nor_more_overdue_days(banner, data, horizon):
    ds, as_of = banner
    new = data.draw(
        visits_to([r.id for r in ds.residents], [s.id for s in ds.staff], as_of, vid="V-new")
    )
    before = {d.resident_id: d for d in must_visit(ds, as_of=as_of, horizon_days=horizon)}
    after = must_visit(ds.replace(visits=(*ds.visits, new)), as_of=as_of, horizon_days=horizon)
    for d in after:
        assert d.resident_id in before
        old = before[d.resident_id]
        assert d.overdue_days <= old.overdue_days
        assert d.due_on >= old.due_on
        assert set(d.reasons) <= set(old.reasons)
    if new.outcome is not VisitOutcome.MET or new.visited_on > as_of:
        assert after == list(before.values())


@given(BANNERS)
def test_an_expired_or_future_attention_counts_as_no_attention(banner):
    ds, as_of = banner
    expired = []
    dropped = []
    for r in ds.residents:
        keep = tuple(a for a in r.attentions if a.active_on(as_of))
        ended = tuple(
            attrs.evolve(a, until=as_of - timedelta(days=1))
            for a in r.attentions
            if a.since < as_of and a.active_on(as_of)
        )
        expired.append(attrs.evolve(r, attentions=keep + ended))
        dropped.append(attrs.evolve(r, attentions=keep))
    with_expired = must_visit(ds.replace(residents=expired), as_of=as_of, horizon_days=30)
    assert with_expired == must_visit(ds.replace(residents=dropped), as_of=as_of, horizon_days=30)
    assert must_visit(ds, as_of=as_of, horizon_days=30) == with_expired


@given(BANNERS, st.integers(0, 30), st.integers(0, 30))
def test_a_longer_horizon_only_adds_residents_and_reasons(banner, h, more):
    ds, as_of = banner
    short = {d.resident_id: d for d in must_visit(ds, as_of=as_of, horizon_days=h)}
    long = {d.resident_id: d for d in must_visit(ds, as_of=as_of, horizon_days=h + more)}
    assert set(short) <= set(long)
    for rid, d in short.items():
        assert set(d.reasons) <= set(long[rid].reasons)
        assert (d.due_on, d.overdue_days) == (long[rid].due_on, long[rid].overdue_days)


@given(BANNERS, st.none() | st.integers(0, 4))
def test_assignment_places_every_visit_once_in_order_within_capacity(banner, cap):
    ds, as_of = banner
    due = must_visit(ds, as_of=as_of, horizon_days=30)
    plan = assign_visits(due, ds, max_per_worker=cap)
    placed = [d for items in plan.values() for d in items]
    assert sorted(placed, key=_key) == due
    position = {d.resident_id: i for i, d in enumerate(due)}
    staff_community = {s.id: s.community_id for s in ds.staff}
    worker_of = {g.id: g.worker_id for g in ds.grids}
    for who, items in plan.items():
        assert items
        assert [position[d.resident_id] for d in items] == sorted(
            position[d.resident_id] for d in items
        )
        if who != UNASSIGNED:
            assert cap is None or len(items) <= cap
            for d in items:
                own = worker_of.get(d.grid_id) if d.grid_id else None
                assert who == own or staff_community[who] == d.community_id
        else:
            for d in items:
                others = [s for s, c in staff_community.items() if c == d.community_id]
                own = worker_of.get(d.grid_id) if d.grid_id else None
                if cap is None:
                    assert own is None
                    assert not others
                else:
                    for s in {*others, own} - {None}:
                        assert len(plan.get(s, ())) >= cap


@given(BANNERS)
def test_coverage_on_one_day_counts_the_residents_in_scope_that_day(banner):
    ds, as_of = banner
    rows = visit_coverage(ds, start=as_of, end=as_of)
    scope = in_scope_kinds(ds, as_of=as_of)
    residents = {r.id: r for r in ds.residents}
    assert len(rows) == len(ds.communities) * len(DEFAULT_VISIT_POLICY.cadences)
    for row in rows:
        ids = [
            rid
            for rid, kinds in scope.items()
            if row.kind in kinds and residents[rid].community_id == row.community_id
        ]
        assert row.in_scope == len(ids)
        met = {
            v.resident_id
            for v in ds.visits
            if v.visited_on == as_of and v.outcome is VisitOutcome.MET and row.kind in v.reasons
        }
        assert row.visited == len(met & set(ids))
        assert 0.0 <= row.rate <= 1.0
