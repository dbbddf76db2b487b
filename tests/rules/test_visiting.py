"""The visiting rules (``rules.visiting``): who is in scope of the must-visit groups
(四个必访) and for which kinds, who must be visited by when, who goes, and the coverage
of a period. Calendar and policy facts are pinned by hand; laws hold over generated
banners.
"""

from __future__ import annotations

import datetime as dt
import random
from datetime import date, timedelta

import attrs
import pytest
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
from shequ_core.errors import ValidationError
from shequ_core.rules.visiting import (
    DEFAULT_VISIT_POLICY,
    PRIORITY_PER_RISK,
    UNASSIGNED,
    Cadence,
    DueVisit,
    Interval,
    assign_visits,
    in_scope_kinds,
    merge_due_visits,
    must_visit,
    visit_coverage,
)
from shequ_core.strategies import datasets
from tests import builders
from tests.builders import person, town, worker
from tests.helpers import problems

K = AttentionKind
MET, NOT_HOME, REFUSED = VisitOutcome.MET, VisitOutcome.NOT_HOME, VisitOutcome.REFUSED


def visit(vid: str, rid: str, on: date, *reasons: AttentionKind, outcome=MET) -> Visit:
    return Visit(
        id=vid, resident_id=rid, visitor_id="S1", visited_on=on, reasons=reasons, outcome=outcome
    )


def case(cid: str, received: date, closed: date | None, *rids: str) -> DisputeCase:
    parties = [Party(name="甲", resident_id=r) for r in rids]
    while len(parties) < 2:
        parties.append(Party(name="外来当事人"))
    return DisputeCase(
        id=cid,
        community_id="C1",
        category=DisputeCategory.NEIGHBOUR,
        parties=parties,
        received_on=received,
        status=DisputeStatus.MEDIATING if closed is None else DisputeStatus.CLOSED,
        closed_on=closed,
    )


def banner(residents=(), visits=(), cases=(), **more) -> Dataset:
    """One community, one grid worked by S1, one household H1 in it."""
    base = {
        "communities": [
            Community(
                id="C1",
                name="一社区",
                town="镇",
                kind=CommunityKind.ORDINARY,
                households=1,
                residents=1,
            )
        ],
        "grids": [Grid(id="G1", community_id="C1", name="一网格", households=1, worker_id="S1")],
        "households": [Household(id="H1", community_id="C1", grid_id="G1", address="一号")],
        "staff": [worker("S1")],
    }
    base.update(more)
    return Dataset(residents=residents, visits=visits, dispute_cases=cases, **base)


def due_of(ds: Dataset, as_of: date, **kw) -> dict[str, DueVisit]:
    return {d.resident_id: d for d in must_visit(ds, as_of=as_of, **kw)}


def _team_banner(n_residents: int, worker: str | None = "S1") -> Dataset:
    atts = [Attention(kind=K.PETITIONER, since=date(2025, 1, 1))]
    return Dataset(
        communities=[
            Community(
                id=c, name=c, town="镇", kind=CommunityKind.ORDINARY, households=1, residents=1
            )
            for c in ("C1", "C2")
        ],
        grids=[Grid(id="G1", community_id="C1", name="网格", households=1, worker_id=worker)],
        households=[Household(id="H1", community_id="C1", grid_id="G1", address="一号")],
        staff=[
            builders.worker("S1"),
            builders.worker("S2"),
            builders.worker("S3"),
            builders.worker("T1", community="C2"),
        ],
        residents=[person(f"R{i:02}", *atts) for i in range(n_residents)],
    )


D = dt.date


def due(rid: str, grid: str | None, community: str = "C1", days: int = 0) -> DueVisit:
    return DueVisit(
        resident_id=rid,
        household_id="H1",
        community_id=community,
        grid_id=grid,
        reasons=(K.PETITIONER,),
        due_on=D(2025, 1, 8),
        last_visited_on=None,
        overdue_days=days,
        risk=RiskLevel.MEDIUM,
        priority=101,
    )


def ids(plan: dict[str, list[DueVisit]]) -> dict[str, list[str]]:
    return {who: [d.resident_id for d in items] for who, items in plan.items()}


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
    """A hostile bundle from ``datasets()`` and a day near one of its events (or any day)."""
    # Only the collections the rule reads: the others cost generation time and no law.
    ds = draw(
        datasets(
            hostile=True,
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


class TestInScopeKinds:
    """``in_scope_kinds``: what puts a resident in scope of a kind, and until when."""

    def test_disabled_has_no_cadence_by_default_and_until_ends_scope(self):
        disabled = Attention(kind=K.DISABLED, since=date(2020, 1, 1))
        ended = Attention(kind=K.PETITIONER, since=date(2020, 1, 1), until=date(2025, 3, 9))
        ds = banner([person("R1", disabled, ended)])
        assert due_of(ds, date(2025, 3, 9))["R1"].reasons == (K.PETITIONER,)
        assert due_of(ds, date(2025, 3, 10)) == {}
        assert in_scope_kinds(ds, as_of=date(2025, 3, 10)) == {}
        with_disabled = DEFAULT_VISIT_POLICY.with_cadence(
            K.DISABLED, Cadence(every=Interval(months=3))
        )
        assert due_of(ds, date(2025, 3, 10), policy=with_disabled)["R1"].reasons == (K.DISABLED,)

    @pytest.mark.parametrize(
        ("released", "last_day"),
        [
            (date(2020, 6, 15), date(2025, 6, 14)),
            (date(2024, 2, 29), date(2029, 2, 27)),  # no 29 February in 2029
            (date(2019, 3, 1), date(2024, 2, 29)),  # the day before 1 March in a leap year
        ],
    )
    def test_released_prisoner_is_in_scope_through_the_day_before_the_fifth_anniversary(
        self, released, last_day
    ):
        ds = banner([person("R1", Attention(kind=K.RELEASED_PRISONER, since=released))])
        assert due_of(ds, last_day)["R1"].reasons == (K.RELEASED_PRISONER,)
        assert due_of(ds, last_day + timedelta(days=1)) == {}
        unlimited = attrs.evolve(DEFAULT_VISIT_POLICY, resettlement_period=None)
        assert "R1" in due_of(ds, last_day + timedelta(days=1), policy=unlimited)

    def test_until_ends_the_resettlement_period_earlier(self):
        att = Attention(kind=K.RELEASED_PRISONER, since=date(2024, 1, 1), until=date(2024, 6, 30))
        ds = banner([person("R1", att)])
        assert "R1" in due_of(ds, date(2024, 6, 30))
        assert due_of(ds, date(2024, 7, 1)) == {}

    def test_a_resettlement_period_past_the_last_date_ends_the_day_before_date_max(self) -> None:
        # Released in 9999: the fifth anniversary does not exist and is clipped to date.max,
        # and as for every release the last day in scope is the day before it.
        ds = town(person("R1", Attention(kind=K.RELEASED_PRISONER, since=D(9999, 1, 1))))
        assert in_scope_kinds(ds, as_of=D(9999, 12, 30)) == {"R1": frozenset({K.RELEASED_PRISONER})}
        assert in_scope_kinds(ds, as_of=dt.date.max) == {}

    def test_a_zero_resettlement_period_is_refused_and_none_means_no_limit(self) -> None:
        with pytest.raises(ValidationError) as info:
            attrs.evolve(DEFAULT_VISIT_POLICY, resettlement_period=Interval())
        assert problems(info) == [
            ("resettlement_period", "must be longer than 0 days (or None for no limit)")
        ]
        unlimited = attrs.evolve(DEFAULT_VISIT_POLICY, resettlement_period=None)
        assert unlimited.resettlement_period is None
        resident = person("R1", Attention(kind=K.RELEASED_PRISONER, since=D(2015, 3, 1)))
        ds = town(resident)
        assert in_scope_kinds(ds, as_of=D(2025, 3, 1)) == {}  # ten years on: out of scope
        assert in_scope_kinds(ds, as_of=D(2025, 3, 1), policy=unlimited) == {
            "R1": frozenset({K.RELEASED_PRISONER})
        }

    def test_dispute_party_is_in_scope_from_received_through_thirty_days_after_closing(self):
        ds = banner([person("R1")], cases=[case("D1", date(2025, 3, 1), date(2025, 3, 20), "R1")])
        assert due_of(ds, date(2025, 2, 28)) == {}
        assert in_scope_kinds(ds, as_of=date(2025, 3, 1)) == {"R1": frozenset({K.DISPUTE_FAMILY})}
        assert due_of(ds, date(2025, 3, 7)) == {}  # not yet due: first visit 7 days on
        assert due_of(ds, date(2025, 3, 8))["R1"].reasons == (K.DISPUTE_FAMILY,)
        assert due_of(ds, date(2025, 4, 19))["R1"].overdue_days == 42  # 20 March + 30 days
        assert due_of(ds, date(2025, 4, 20)) == {}

    def test_open_dispute_keeps_its_parties_in_scope_and_outside_parties_are_ignored(self):
        ds = banner([person("R1")], cases=[case("D1", date(2020, 1, 1), None, "R1")])
        item = due_of(ds, date(2025, 1, 1))["R1"]
        assert item.reasons == (K.DISPUTE_FAMILY,)
        assert item.risk is RiskLevel.MEDIUM

    def test_dispute_received_after_as_of_does_not_count_and_a_later_closing_is_unknown(self):
        ds = banner([person("R1")], cases=[case("D1", date(2025, 3, 1), date(2025, 9, 1), "R1")])
        assert due_of(ds, date(2025, 2, 28)) == {}
        assert "R1" in due_of(ds, date(2025, 8, 31))


class TestMustVisit:
    """``must_visit``: who is due a visit by when, most overdue first."""

    def test_first_visit_is_due_seven_days_after_since(self):
        ds = banner([person("R1", Attention(kind=K.PETITIONER, since=date(2025, 3, 1)))])
        assert due_of(ds, date(2025, 3, 7)) == {}
        item = due_of(ds, date(2025, 3, 8))["R1"]
        assert item.due_on == date(2025, 3, 8)
        assert item.overdue_days == 0
        assert item.reasons == (K.PETITIONER,)
        assert item.last_visited_on is None
        assert item.grid_id == "G1"
        assert item.household_id == "H1"
        assert due_of(ds, date(2025, 3, 18))["R1"].overdue_days == 10

    def test_a_visit_on_31_january_is_next_due_on_the_last_day_of_february(self):
        att = Attention(kind=K.LONELY_ELDER, since=date(2023, 1, 1))
        for year, last_day in [(2025, 28), (2024, 29)]:
            ds = banner([person("R1", att)], [visit("V1", "R1", date(year, 1, 31), K.LONELY_ELDER)])
            assert due_of(ds, date(year, 2, last_day - 1)) == {}
            item = due_of(ds, date(year, 2, last_day))["R1"]
            assert item.due_on == date(year, 2, last_day)
            assert item.last_visited_on == date(year, 1, 31)
            assert due_of(ds, date(year, 3, 3))["R1"].overdue_days == 3

    def test_high_risk_is_visited_every_fourteen_days(self):
        att = Attention(kind=K.PETITIONER, since=date(2024, 1, 1), risk=RiskLevel.HIGH)
        ds = banner([person("R1", att)], [visit("V1", "R1", date(2025, 5, 1), K.PETITIONER)])
        assert due_of(ds, date(2025, 5, 14)) == {}
        item = due_of(ds, date(2025, 5, 15))["R1"]
        assert item.due_on == date(2025, 5, 15)
        assert item.risk is RiskLevel.HIGH
        assert item.priority == 201

    def test_not_home_and_refused_do_not_reset_the_clock(self):
        att = Attention(kind=K.HARDSHIP_FAMILY, since=date(2024, 1, 1))
        visits = [
            visit("V1", "R1", date(2025, 4, 10), K.HARDSHIP_FAMILY),
            visit("V2", "R1", date(2025, 5, 5), K.HARDSHIP_FAMILY, outcome=NOT_HOME),
            visit("V3", "R1", date(2025, 5, 12), K.HARDSHIP_FAMILY, outcome=REFUSED),
        ]
        item = due_of(banner([person("R1", att)], visits), date(2025, 5, 20))["R1"]
        assert item.due_on == date(2025, 5, 10)
        assert item.overdue_days == 10
        assert item.last_visited_on == date(2025, 4, 10)

    def test_the_latest_met_visit_counts_whatever_order_visits_are_listed_in(self):
        atts = (
            Attention(kind=K.PETITIONER, since=date(2024, 1, 1)),
            Attention(kind=K.LONELY_ELDER, since=date(2024, 1, 1)),
        )
        visits = [
            visit("V1", "R1", date(2025, 2, 20), K.PETITIONER),
            visit("V2", "R1", date(2025, 2, 1), K.PETITIONER, K.LONELY_ELDER),
            visit("V3", "R1", date(2025, 1, 15), K.LONELY_ELDER),
        ]
        for listed in (visits, visits[::-1]):
            ds = banner([person("R1", *atts)], listed)
            item = due_of(ds, date(2025, 3, 5))["R1"]  # lonely elder due 1 March, petitioner 20th
            assert (item.reasons, item.due_on, item.last_visited_on) == (
                (K.LONELY_ELDER,),
                date(2025, 3, 1),
                date(2025, 2, 1),
            )
            both = due_of(ds, date(2025, 3, 25))["R1"]
            assert (both.reasons, both.due_on, both.last_visited_on) == (
                (K.PETITIONER, K.LONELY_ELDER),
                date(2025, 3, 1),
                date(2025, 2, 20),
            )

    def test_a_met_visit_for_another_reason_does_not_count(self):
        att = Attention(kind=K.PETITIONER, since=date(2025, 1, 1))
        visits = [visit("V1", "R1", date(2025, 1, 5), K.EMPTY_NEST_ELDER)]
        item = due_of(banner([person("R1", att)], visits), date(2025, 1, 10))["R1"]
        assert item.due_on == date(2025, 1, 8)
        assert item.last_visited_on is None

    def test_visits_after_as_of_are_not_yet_known(self):
        att = Attention(kind=K.PETITIONER, since=date(2025, 1, 1))
        visits = [visit("V1", "R1", date(2025, 1, 20), K.PETITIONER)]
        ds = banner([person("R1", att)], visits)
        assert due_of(ds, date(2025, 1, 15))["R1"].overdue_days == 7
        assert due_of(ds, date(2025, 1, 20)) == {}

    def test_a_visit_before_since_never_makes_the_first_visit_due_earlier(self):
        # Visited for this kind under an earlier attention; the new one starts its own clock.
        att = Attention(kind=K.AT_RISK_YOUTH, since=date(2025, 6, 1))
        visits = [visit("V1", "R1", date(2025, 4, 1), K.AT_RISK_YOUTH)]
        ds = banner([person("R1", att)], visits)
        assert due_of(ds, date(2025, 6, 7)) == {}
        assert due_of(ds, date(2025, 6, 8))["R1"].due_on == date(2025, 6, 8)

    def test_due_on_is_the_earliest_kind_and_horizon_adds_reasons(self):
        atts = (
            Attention(kind=K.PETITIONER, since=date(2025, 1, 1)),  # first due 1-8
            Attention(kind=K.EMPTY_NEST_ELDER, since=date(2025, 1, 5)),  # first due 1-12
        )
        ds = banner([person("R1", *atts)])
        item = due_of(ds, date(2025, 1, 9))["R1"]
        assert (item.reasons, item.due_on, item.overdue_days) == (
            (K.PETITIONER,),
            date(2025, 1, 8),
            1,
        )
        later = due_of(ds, date(2025, 1, 9), horizon_days=3)["R1"]
        assert later.reasons == (K.PETITIONER, K.EMPTY_NEST_ELDER)
        assert (later.due_on, later.overdue_days, later.priority) == (date(2025, 1, 8), 1, 102)
        coming = due_of(banner([person("R2", atts[1])]), date(2025, 1, 9), horizon_days=3)["R2"]
        assert (coming.due_on, coming.overdue_days) == (date(2025, 1, 12), 0)

    def test_sources_of_one_kind_merge_earliest_since_and_highest_risk(self):
        atts = (
            Attention(kind=K.PETITIONER, since=date(2025, 2, 1), risk=RiskLevel.HIGH),
            Attention(kind=K.PETITIONER, since=date(2025, 1, 1), risk=RiskLevel.LOW),
            Attention(kind=K.PETITIONER, since=date(2024, 1, 1), until=date(2024, 12, 1)),
        )
        visits = [visit("V1", "R1", date(2025, 3, 1), K.PETITIONER)]
        ds = banner([person("R1", *atts)], visits)
        assert due_of(ds, date(2025, 1, 7)) == {}  # the expired one starts nothing
        assert due_of(ds, date(2025, 1, 8))["R1"].risk is RiskLevel.LOW
        item = due_of(ds, date(2025, 3, 20))["R1"]  # high risk from 1 February: 14 days
        assert (item.due_on, item.risk, item.priority) == (date(2025, 3, 15), RiskLevel.HIGH, 201)
        # A tagged dispute family with a case: the case's earlier start counts.
        tagged = Attention(kind=K.DISPUTE_FAMILY, since=date(2025, 5, 1))
        ds = banner([person("R1", tagged)], cases=[case("D1", date(2025, 4, 1), None, "R1")])
        assert due_of(ds, date(2025, 4, 8))["R1"].due_on == date(2025, 4, 8)
        assert due_of(ds, date(2025, 5, 10))["R1"].overdue_days == 32

    def test_the_earliest_since_counts_whatever_order_the_attentions_are_listed_in(self) -> None:
        late = Attention(kind=K.PETITIONER, since=D(2025, 3, 1))
        early = Attention(kind=K.PETITIONER, since=D(2025, 1, 1), risk=RiskLevel.HIGH)
        for attentions in ((late, early), (early, late)):
            (item,) = must_visit(town(person("R1", *attentions)), as_of=D(2025, 3, 1))
            # First visit due 7 days after the earliest since; 52 days overdue on 1 March.
            assert (item.due_on, item.overdue_days, item.risk) == (
                D(2025, 1, 8),
                52,
                RiskLevel.HIGH,
            )

    def test_follow_up_window_is_one_evolve_away(self):
        ds = banner([person("R1")], cases=[case("D1", date(2025, 3, 1), date(2025, 3, 20), "R1")])
        short = attrs.evolve(DEFAULT_VISIT_POLICY, dispute_follow_up=Interval(days=10))
        assert "R1" in due_of(ds, date(2025, 3, 30), policy=short)
        assert due_of(ds, date(2025, 3, 31), policy=short) == {}

    def test_most_overdue_first_then_priority_then_id(self):
        d = date(2025, 1, 1)
        residents = [
            person("R-a", Attention(kind=K.PETITIONER, since=d)),
            person("R-b", Attention(kind=K.PETITIONER, since=d, risk=RiskLevel.HIGH)),
            person("R-c", Attention(kind=K.PETITIONER, since=d - timedelta(days=5))),
            person(
                "R-d",
                Attention(kind=K.PETITIONER, since=d),
                Attention(kind=K.LONELY_ELDER, since=d),
            ),
            person("R-0", Attention(kind=K.PETITIONER, since=d)),
        ]
        order = [x.resident_id for x in must_visit(banner(residents), as_of=date(2025, 1, 20))]
        assert order == ["R-c", "R-b", "R-d", "R-0", "R-a"]

    def test_negative_horizon_is_refused(self):
        with pytest.raises(ValidationError, match="horizon_days"):
            must_visit(banner(), as_of=date(2025, 1, 1), horizon_days=-1)

    def test_refusals_name_the_argument_and_the_rule(self) -> None:
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


class TestMustVisitLaws:
    """Laws of ``must_visit`` over generated banners."""

    @given(BANNERS, st.integers(0, 40), st.randoms(use_true_random=False))
    def test_result_is_deterministic_sorted_and_independent_of_record_order(
        self, banner, horizon, rnd
    ):
        ds, as_of = banner
        due = must_visit(ds, as_of=as_of, horizon_days=horizon)
        assert due == must_visit(ds, as_of=as_of, horizon_days=horizon)
        assert due == must_visit(_shuffled(ds, rnd), as_of=as_of, horizon_days=horizon)
        assert [_key(d) for d in due] == sorted(_key(d) for d in due)
        assert len({d.resident_id for d in due}) == len(due)

    @given(BANNERS, st.integers(0, 40))
    def test_each_item_is_consistent_with_its_resident_and_the_day(self, banner, horizon):
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
    def test_only_residents_with_an_active_attention_or_a_qualifying_dispute_appear(self, banner):
        ds, as_of = banner
        residents = {r.id: r for r in ds.residents}
        scope = in_scope_kinds(ds, as_of=as_of)
        for r in ds.residents:
            expected = {k for k in KINDS if _qualifies(ds, r, k, as_of)}
            assert scope.get(r.id, frozenset()) == expected
        for d in must_visit(ds, as_of=as_of, horizon_days=60):
            assert all(_qualifies(ds, residents[d.resident_id], k, as_of) for k in d.reasons)

    @given(BANNERS)
    def test_a_kind_in_scope_for_over_a_week_and_never_met_is_due(self, banner):
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
    def test_meeting_a_resident_on_as_of_for_all_reasons_removes_only_them(self, banner):
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
    def test_adding_any_visit_never_adds_a_due_item_nor_more_overdue_days(
        self, banner, data, horizon
    ):
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
    def test_an_expired_or_future_attention_counts_as_no_attention(self, banner):
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
        assert with_expired == must_visit(
            ds.replace(residents=dropped), as_of=as_of, horizon_days=30
        )
        assert must_visit(ds, as_of=as_of, horizon_days=30) == with_expired

    @given(BANNERS, st.integers(0, 30), st.integers(0, 30))
    def test_a_longer_horizon_only_adds_residents_and_reasons(self, banner, h, more):
        ds, as_of = banner
        short = {d.resident_id: d for d in must_visit(ds, as_of=as_of, horizon_days=h)}
        long = {d.resident_id: d for d in must_visit(ds, as_of=as_of, horizon_days=h + more)}
        assert set(short) <= set(long)
        for rid, d in short.items():
            assert set(d.reasons) <= set(long[rid].reasons)
            assert (d.due_on, d.overdue_days) == (long[rid].due_on, long[rid].overdue_days)


class TestMergeDueVisits:
    """``merge_due_visits``: lists of parts merge into the list of the whole."""

    def test_due_lists_of_parts_merge_into_the_whole_list(self) -> None:
        """must_visit on residents split in two, merged, is must_visit on them all: most
        overdue first, then priority, then id."""
        petition = Attention(kind=K.PETITIONER, since=D(2025, 1, 1))
        high = Attention(kind=K.PETITIONER, since=D(2025, 1, 1), risk=RiskLevel.HIGH)
        later = Attention(kind=K.PETITIONER, since=D(2025, 2, 1))
        everyone = (person("R3", petition), person("R1", petition), person("R2", high))
        parts = (person("R4", later), *everyone)
        on = D(2025, 3, 1)
        whole = must_visit(town(*parts), as_of=on)
        pieces = [must_visit(town(*parts[:2]), as_of=on), must_visit(town(*parts[2:]), as_of=on)]
        assert [d.resident_id for d in whole] == ["R2", "R1", "R3", "R4"]
        assert merge_due_visits(pieces) == whole
        assert merge_due_visits(reversed(pieces)) == whole
        assert merge_due_visits([]) == []


class TestAssignVisits:
    """``assign_visits``: each visit to its grid worker, within capacity, in its community."""

    def test_each_visit_goes_to_its_grid_worker(self):
        ds = _team_banner(4)
        due = must_visit(ds, as_of=date(2025, 2, 1))
        assert assign_visits(due, ds) == {"S1": due}

    def test_beyond_capacity_visits_are_spread_least_loaded_first_and_the_rest_unassigned(self):
        ds = _team_banner(7)
        due = must_visit(ds, as_of=date(2025, 2, 1))
        plan = assign_visits(due, ds, max_per_worker=2)
        ids = {who: [d.resident_id for d in items] for who, items in plan.items()}
        assert ids == {
            "S1": ["R00", "R01"],
            "S2": ["R02", "R04"],
            "S3": ["R03", "R05"],
            UNASSIGNED: ["R06"],
        }

    def test_without_a_grid_worker_visits_go_to_the_communitys_staff_in_turn(self):
        ds = _team_banner(5, worker=None)
        due = must_visit(ds, as_of=date(2025, 2, 1))
        plan = assign_visits(due, ds)
        assert {who: len(items) for who, items in plan.items()} == {"S1": 2, "S2": 2, "S3": 1}
        assert assign_visits(due, ds, max_per_worker=0) == {UNASSIGNED: due}

    @pytest.mark.parametrize("bad", [-1, True, 1.0, "2"])
    def test_a_capacity_is_none_or_a_whole_number(self, bad: object) -> None:
        with pytest.raises(ValidationError) as info:
            assign_visits([], town(), max_per_worker=bad)  # type: ignore[arg-type]
        assert problems(info) == [("max_per_worker", "must be None or a whole number, 0 or more")]
        assert info.value.subject == "assign_visits"

    def test_the_grid_worker_takes_up_to_the_cap_exactly(self) -> None:
        visits = [due(f"R{i}", "G1") for i in range(3)]
        assert ids(assign_visits(visits, town(), max_per_worker=3)) == {"W": ["R0", "R1", "R2"]}
        assert ids(assign_visits(visits, town(), max_per_worker=1)) == {
            "W": ["R0"],
            "A": ["R1"],
            "B": ["R2"],
        }

    def test_ties_go_by_staff_id_and_every_member_stops_at_the_cap(self) -> None:
        # No grid worker (G2) or no grid at all: spread over C1's staff, least loaded first,
        # ties by id; W already carries one visit of its own grid.
        visits = [
            due("R0", "G1"),
            due("R1", "G2"),
            due("R2", None),
            due("R3", "G2"),
            due("R4", "G2"),
        ]
        # R1 and R2 go to A and B (0 each, by id); then A, B and W have one each: R3 to A,
        # R4 to B (W's own visit counts toward W's load).
        assert ids(assign_visits(visits, town())) == {
            "W": ["R0"],
            "A": ["R1", "R3"],
            "B": ["R2", "R4"],
        }
        assert ids(assign_visits(visits, town(), max_per_worker=1)) == {
            "W": ["R0"],
            "A": ["R1"],
            "B": ["R2"],
            UNASSIGNED: ["R3", "R4"],
        }
        assert ids(assign_visits(visits, town(), max_per_worker=2)) == {
            "W": ["R0"],
            "A": ["R1", "R3"],
            "B": ["R2", "R4"],
        }

    def test_a_visit_never_goes_to_another_communitys_staff(self) -> None:
        # C2 has one member (Z) and no grid: its visit goes to Z, never to C1's staff, and a
        # community without staff leaves its visits unassigned.
        visits = [due("R0", None, community="C2"), due("R1", None, community="C2")]
        assert ids(assign_visits(visits, town(), max_per_worker=1)) == {
            "Z": ["R0"],
            UNASSIGNED: ["R1"],
        }
        only_c1 = (worker("W"), worker("A"))
        assert ids(assign_visits(visits, town(staff=only_c1))) == {UNASSIGNED: ["R0", "R1"]}

    def test_each_list_keeps_the_order_of_due(self) -> None:
        # W's own visits and those spread to W come back in the order they were given.
        visits = [due("R9", "G2"), due("R1", "G1"), due("R5", "G2"), due("R3", "G1")]
        staff_w_only = (worker("W"),)
        assert ids(assign_visits(visits, town(staff=staff_w_only))) == {
            "W": ["R9", "R1", "R5", "R3"]
        }
        assert ids(assign_visits(visits[::-1], town(staff=staff_w_only))) == {
            "W": ["R3", "R5", "R1", "R9"]
        }

    @given(BANNERS, st.none() | st.integers(0, 4))
    def test_assignment_places_every_visit_once_in_order_within_capacity(self, banner, cap):
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


class TestVisitCoverage:
    """``visit_coverage``: residents met in a period, both ends included, per community and kind."""

    def test_coverage_counts_residents_met_in_the_period_per_community_and_kind(self):
        d = date(2025, 1, 1)
        residents = [
            person("R1", Attention(kind=K.PETITIONER, since=d)),
            person("R2", Attention(kind=K.PETITIONER, since=d)),
            person("R3", Attention(kind=K.PETITIONER, since=date(2025, 3, 1))),  # after the period
            person("R4", Attention(kind=K.PETITIONER, since=d, until=date(2025, 2, 1))),
        ]
        visits = [
            visit("V1", "R1", date(2025, 2, 3), K.PETITIONER),
            visit("V2", "R1", date(2025, 2, 4), K.PETITIONER),
            visit("V3", "R2", date(2025, 2, 3), K.PETITIONER, outcome=NOT_HOME),
            visit("V4", "R4", date(2025, 1, 31), K.PETITIONER),  # before the period
        ]
        rows = visit_coverage(
            banner(residents, visits), start=date(2025, 2, 1), end=date(2025, 2, 28)
        )
        assert len(rows) == len(DEFAULT_VISIT_POLICY.cadences)
        by_kind = {r.kind: r for r in rows}
        petitioners = by_kind[K.PETITIONER]
        assert (petitioners.visited, petitioners.in_scope) == (1, 3)
        assert petitioners.rate == pytest.approx(1 / 3)
        assert (by_kind[K.LONELY_ELDER].in_scope, by_kind[K.LONELY_ELDER].rate) == (0, 1.0)
        with pytest.raises(ValidationError, match="end"):
            visit_coverage(banner(), start=date(2025, 2, 1), end=date(2025, 1, 31))

    def test_coverage_counts_visits_on_both_ends_of_the_period(self) -> None:
        ds = _banner(
            (_met("v1", "R2", START, K.LONELY_ELDER), _met("v2", "R3", END, K.LONELY_ELDER))
        )
        assert _rows(ds)[("B", K.LONELY_ELDER)] == (2, 3)  # R4 from the last day is in scope

    def test_a_visit_counts_only_for_the_kinds_it_was_made_for(self) -> None:
        ds = _banner((_met("v1", "R1", D(2025, 3, 1), K.LONELY_ELDER),))
        assert _rows(ds)[("A", K.HARDSHIP_FAMILY)] == (0, 1)

    def test_coverage_rows_come_by_community_id_then_kind(self) -> None:
        ds = _banner((_met("v1", "R2", START, K.LONELY_ELDER),))
        rows = visit_coverage(ds, start=START, end=END)
        assert [r.community_id for r in rows] == sorted(r.community_id for r in rows)
        assert rows[0].community_id == "A"

    @given(BANNERS)
    def test_coverage_on_one_day_counts_the_residents_in_scope_that_day(self, banner):
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
