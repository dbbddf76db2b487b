"""The visiting rules' remaining edges: spans, policy refusals, who goes when it is tight.

No national norm sets a visit frequency (rules-reference §5), so the facts pinned here
are those of the calendar (month ends, the last representable date) and of the rules'
own contract: who takes a visit, in what order, and what is refused.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from shequ_core.entities import (
    Attention,
    AttentionKind,
    Community,
    CommunityKind,
    Dataset,
    Employment,
    Grid,
    Household,
    Resident,
    RiskLevel,
    Staff,
    StaffRole,
)
from shequ_core.errors import ValidationError
from shequ_core.rules.visiting import (
    DEFAULT_VISIT_POLICY,
    UNASSIGNED,
    Cadence,
    DueVisit,
    Interval,
    assign_visits,
    in_scope_kinds,
    must_visit,
)

K = AttentionKind
D = dt.date


def problems(info: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in info.value.problems]


# -- Interval ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (Interval(), "0 days"),
        (Interval(days=1), "1 day"),
        (Interval(days=14), "14 days"),
        (Interval(months=1), "1 month"),
        (Interval(years=5), "5 years"),
        (Interval(years=1, months=2, days=3), "1 year, 2 months, 3 days"),
        (Interval(years=2, days=1), "2 years, 1 day"),
    ],
)
def test_an_interval_reads_as_years_months_and_days(span: Interval, text: str) -> None:
    assert str(span) == text


def test_months_are_calendar_months_and_the_end_of_time_is_clipped() -> None:
    assert Interval(months=1).after(D(2025, 1, 31)) == D(2025, 2, 28)
    assert Interval(months=1).after(D(2024, 1, 31)) == D(2024, 2, 29)
    assert Interval(years=1).after(D(2024, 2, 29)) == D(2025, 2, 28)
    assert Interval(months=1, days=1).after(D(2025, 1, 31)) == D(2025, 3, 1)
    assert Interval(days=14).after(D(2025, 12, 25)) == D(2026, 1, 8)
    # Past 9999-12-31 (year 10000 does not exist) the span ends on date.max.
    assert Interval(months=1).after(D(9999, 12, 15)) == dt.date.max
    assert Interval(years=5).after(D(9998, 1, 1)) == dt.date.max
    assert Interval(days=1).after(dt.date.max) == dt.date.max
    assert Interval(days=1).after(D(9999, 12, 30)) == dt.date.max


def test_a_resettlement_period_past_the_last_date_ends_the_day_before_date_max() -> None:
    # Released in 9999: the fifth anniversary does not exist and is clipped to date.max,
    # and as for every release the last day in scope is the day before it.
    ds = town(person("R1", Attention(kind=K.RELEASED_PRISONER, since=D(9999, 1, 1))))
    assert in_scope_kinds(ds, as_of=D(9999, 12, 30)) == {"R1": frozenset({K.RELEASED_PRISONER})}
    assert in_scope_kinds(ds, as_of=dt.date.max) == {}


# -- policy refusals --------------------------------------------------------------------------


def test_by_risk_must_map_risk_levels_to_non_zero_intervals() -> None:
    month = Interval(months=1)
    cases = [
        ([(RiskLevel.HIGH, month)], "must be a mapping of risk levels to intervals, got list"),
        ({"high": month}, "must have risk levels (low, medium, high) as keys"),
        ({RiskLevel.HIGH: 14}, "must map high to an Interval, got int"),
        ({RiskLevel.LOW: Interval()}, "must give low a cadence longer than 0 days"),
    ]
    for by_risk, message in cases:
        with pytest.raises(ValidationError) as info:
            Cadence(every=month, by_risk=by_risk)  # type: ignore[arg-type]
        assert problems(info) == [("by_risk", message)], by_risk
    fine = Cadence(every=month, by_risk={RiskLevel.HIGH: Interval(days=14)})
    assert fine.for_risk(RiskLevel.HIGH) == Interval(days=14)
    assert fine.for_risk(RiskLevel.LOW) is month


def test_cadences_must_map_attention_kinds_to_cadences() -> None:
    every = Cadence(every=Interval(months=1))
    cases = [
        ([every], "must be a mapping of attention kinds to cadences, got list"),
        ({"petitioner": every}, "must have attention kinds as keys"),
        ({K.PETITIONER: Interval(months=1)}, "must map petitioner to a Cadence, got Interval"),
    ]
    for cadences, message in cases:
        with pytest.raises(ValidationError) as info:
            attrs.evolve(DEFAULT_VISIT_POLICY, cadences=cadences)
        assert problems(info) == [("cadences", message)], cadences


def test_a_zero_resettlement_period_is_refused_and_none_means_no_limit() -> None:
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


def test_with_cadence_adds_replaces_and_removes_a_kind() -> None:
    weekly = Cadence(every=Interval(days=7))
    policy = DEFAULT_VISIT_POLICY.with_cadence(K.PETITIONER, weekly)
    assert policy.cadences[K.PETITIONER] is weekly
    assert DEFAULT_VISIT_POLICY.cadences[K.PETITIONER] is not weekly  # unchanged
    dropped = DEFAULT_VISIT_POLICY.with_cadence(K.PETITIONER, None)
    assert K.PETITIONER not in dropped.cadences
    assert set(dropped.cadences) == set(DEFAULT_VISIT_POLICY.cadences) - {K.PETITIONER}
    assert dropped.with_cadence(K.PETITIONER, None) == dropped  # removing twice is harmless
    added = DEFAULT_VISIT_POLICY.with_cadence(K.DISABLED, weekly)
    assert added.cadences[K.DISABLED] is weekly
    # The rule follows: without a cadence a petitioner is never due.
    ds = town(person("R1", Attention(kind=K.PETITIONER, since=D(2025, 1, 1))))
    assert [d.resident_id for d in must_visit(ds, as_of=D(2025, 2, 1))] == ["R1"]
    assert must_visit(ds, as_of=D(2025, 2, 1), policy=dropped) == []


def test_the_earliest_since_counts_whatever_order_the_attentions_are_listed_in() -> None:
    late = Attention(kind=K.PETITIONER, since=D(2025, 3, 1))
    early = Attention(kind=K.PETITIONER, since=D(2025, 1, 1), risk=RiskLevel.HIGH)
    for attentions in ((late, early), (early, late)):
        (item,) = must_visit(town(person("R1", *attentions)), as_of=D(2025, 3, 1))
        # First visit due 7 days after the earliest since; 52 days overdue on 1 March.
        assert (item.due_on, item.overdue_days, item.risk) == (D(2025, 1, 8), 52, RiskLevel.HIGH)


# -- who goes ---------------------------------------------------------------------------------

COMMUNITY = Community(
    id="C1", name="一社区", town="镇", kind=CommunityKind.ORDINARY, households=2, residents=2
)
GRID = Grid(id="G1", community_id="C1", name="一网格", households=1, worker_id="W")
HOME = Household(id="H1", community_id="C1", grid_id="G1", address="一号")


def person(rid: str, *attentions: Attention, household: str = "H1") -> Resident:
    return Resident(
        id=rid, community_id="C1", household_id=household, name="张三", attentions=attentions
    )


def worker(sid: str, community: str = "C1") -> Staff:
    return Staff(
        id=sid,
        community_id=community,
        name="李四",
        role=StaffRole.GRID_WORKER,
        employment=Employment.CONTRACTED,
    )


def town(*residents: Resident, staff: tuple[Staff, ...] = ()) -> Dataset:
    other = Community(
        id="C2", name="二社区", town="镇", kind=CommunityKind.ORDINARY, households=1, residents=1
    )
    return Dataset(
        communities=(COMMUNITY, other),
        grids=(GRID, Grid(id="G2", community_id="C1", name="二网格", households=1)),
        households=(HOME, Household(id="H2", community_id="C1", grid_id="G2", address="二号")),
        staff=staff or (worker("W"), worker("A"), worker("B"), worker("Z", community="C2")),
        residents=residents,
    )


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


@pytest.mark.parametrize("bad", [-1, True, 1.0, "2"])
def test_a_capacity_is_none_or_a_whole_number(bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        assign_visits([], town(), max_per_worker=bad)  # type: ignore[arg-type]
    assert problems(info) == [("max_per_worker", "must be None or a whole number, 0 or more")]
    assert info.value.subject == "assign_visits"


def test_the_grid_worker_takes_up_to_the_cap_exactly() -> None:
    visits = [due(f"R{i}", "G1") for i in range(3)]
    assert ids(assign_visits(visits, town(), max_per_worker=3)) == {"W": ["R0", "R1", "R2"]}
    assert ids(assign_visits(visits, town(), max_per_worker=1)) == {
        "W": ["R0"],
        "A": ["R1"],
        "B": ["R2"],
    }


def test_ties_go_by_staff_id_and_every_member_stops_at_the_cap() -> None:
    # No grid worker (G2) or no grid at all: spread over C1's staff, least loaded first,
    # ties by id; W already carries one visit of its own grid.
    visits = [due("R0", "G1"), due("R1", "G2"), due("R2", None), due("R3", "G2"), due("R4", "G2")]
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


def test_a_visit_never_goes_to_another_communitys_staff() -> None:
    # C2 has one member (Z) and no grid: its visit goes to Z, never to C1's staff, and a
    # community without staff leaves its visits unassigned.
    visits = [due("R0", None, community="C2"), due("R1", None, community="C2")]
    assert ids(assign_visits(visits, town(), max_per_worker=1)) == {
        "Z": ["R0"],
        UNASSIGNED: ["R1"],
    }
    only_c1 = (worker("W"), worker("A"))
    assert ids(assign_visits(visits, town(staff=only_c1))) == {UNASSIGNED: ["R0", "R1"]}


def test_each_list_keeps_the_order_of_due() -> None:
    # W's own visits and those spread to W come back in the order they were given.
    visits = [due("R9", "G2"), due("R1", "G1"), due("R5", "G2"), due("R3", "G1")]
    staff_w_only = (worker("W"),)
    assert ids(assign_visits(visits, town(staff=staff_w_only))) == {"W": ["R9", "R1", "R5", "R3"]}
    assert ids(assign_visits(visits[::-1], town(staff=staff_w_only))) == {
        "W": ["R3", "R5", "R1", "R9"]
    }
