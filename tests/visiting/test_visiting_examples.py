"""Example tests for the must-visit rule: calendar and policy facts, pinned by hand."""

from __future__ import annotations

import json
from datetime import date, timedelta

import attrs
import pytest

from shequ_core.entities import (
    Attention,
    AttentionKind,
    Basis,
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
    UNASSIGNED,
    Cadence,
    DueVisit,
    Interval,
    VisitPolicy,
    assign_visits,
    in_scope_kinds,
    must_visit,
    visit_coverage,
)
from shequ_core.serialization import from_json, structure, to_json

K = AttentionKind
MET, NOT_HOME, REFUSED = VisitOutcome.MET, VisitOutcome.NOT_HOME, VisitOutcome.REFUSED


def person(rid: str, *attentions: Attention, household: str = "H1", community: str = "C1"):
    return Resident(
        id=rid, community_id=community, household_id=household, name="张三", attentions=attentions
    )


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


def staff(sid: str, community: str = "C1") -> Staff:
    return Staff(
        id=sid,
        community_id=community,
        name="李四",
        role=StaffRole.GRID_WORKER,
        employment=Employment.CONTRACTED,
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
        "staff": [staff("S1")],
    }
    base.update(more)
    return Dataset(residents=residents, visits=visits, dispute_cases=cases, **base)


def due_of(ds: Dataset, as_of: date, **kw) -> dict[str, DueVisit]:
    return {d.resident_id: d for d in must_visit(ds, as_of=as_of, **kw)}


# -- when a visit is due --------------------------------------------------------------


def test_first_visit_is_due_seven_days_after_since():
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


def test_a_visit_on_31_january_is_next_due_on_the_last_day_of_february():
    att = Attention(kind=K.LONELY_ELDER, since=date(2023, 1, 1))
    for year, last_day in [(2025, 28), (2024, 29)]:
        ds = banner([person("R1", att)], [visit("V1", "R1", date(year, 1, 31), K.LONELY_ELDER)])
        assert due_of(ds, date(year, 2, last_day - 1)) == {}
        item = due_of(ds, date(year, 2, last_day))["R1"]
        assert item.due_on == date(year, 2, last_day)
        assert item.last_visited_on == date(year, 1, 31)
        assert due_of(ds, date(year, 3, 3))["R1"].overdue_days == 3


def test_high_risk_is_visited_every_fourteen_days():
    att = Attention(kind=K.PETITIONER, since=date(2024, 1, 1), risk=RiskLevel.HIGH)
    ds = banner([person("R1", att)], [visit("V1", "R1", date(2025, 5, 1), K.PETITIONER)])
    assert due_of(ds, date(2025, 5, 14)) == {}
    item = due_of(ds, date(2025, 5, 15))["R1"]
    assert item.due_on == date(2025, 5, 15)
    assert item.risk is RiskLevel.HIGH
    assert item.priority == 201


def test_not_home_and_refused_do_not_reset_the_clock():
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


def test_the_latest_met_visit_counts_whatever_order_visits_are_listed_in():
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


def test_a_met_visit_for_another_reason_does_not_count():
    att = Attention(kind=K.PETITIONER, since=date(2025, 1, 1))
    visits = [visit("V1", "R1", date(2025, 1, 5), K.EMPTY_NEST_ELDER)]
    item = due_of(banner([person("R1", att)], visits), date(2025, 1, 10))["R1"]
    assert item.due_on == date(2025, 1, 8)
    assert item.last_visited_on is None


def test_visits_after_as_of_are_not_yet_known():
    att = Attention(kind=K.PETITIONER, since=date(2025, 1, 1))
    visits = [visit("V1", "R1", date(2025, 1, 20), K.PETITIONER)]
    ds = banner([person("R1", att)], visits)
    assert due_of(ds, date(2025, 1, 15))["R1"].overdue_days == 7
    assert due_of(ds, date(2025, 1, 20)) == {}


def test_a_visit_before_since_never_makes_the_first_visit_due_earlier():
    # Visited for this kind under an earlier attention; the new one starts its own clock.
    att = Attention(kind=K.AT_RISK_YOUTH, since=date(2025, 6, 1))
    visits = [visit("V1", "R1", date(2025, 4, 1), K.AT_RISK_YOUTH)]
    ds = banner([person("R1", att)], visits)
    assert due_of(ds, date(2025, 6, 7)) == {}
    assert due_of(ds, date(2025, 6, 8))["R1"].due_on == date(2025, 6, 8)


def test_disabled_has_no_cadence_by_default_and_until_ends_scope():
    disabled = Attention(kind=K.DISABLED, since=date(2020, 1, 1))
    ended = Attention(kind=K.PETITIONER, since=date(2020, 1, 1), until=date(2025, 3, 9))
    ds = banner([person("R1", disabled, ended)])
    assert due_of(ds, date(2025, 3, 9))["R1"].reasons == (K.PETITIONER,)
    assert due_of(ds, date(2025, 3, 10)) == {}
    assert in_scope_kinds(ds, as_of=date(2025, 3, 10)) == {}
    with_disabled = DEFAULT_VISIT_POLICY.with_cadence(K.DISABLED, Cadence(every=Interval(months=3)))
    assert due_of(ds, date(2025, 3, 10), policy=with_disabled)["R1"].reasons == (K.DISABLED,)


def test_due_on_is_the_earliest_kind_and_horizon_adds_reasons():
    atts = (
        Attention(kind=K.PETITIONER, since=date(2025, 1, 1)),  # first due 1-8
        Attention(kind=K.EMPTY_NEST_ELDER, since=date(2025, 1, 5)),  # first due 1-12
    )
    ds = banner([person("R1", *atts)])
    item = due_of(ds, date(2025, 1, 9))["R1"]
    assert (item.reasons, item.due_on, item.overdue_days) == ((K.PETITIONER,), date(2025, 1, 8), 1)
    later = due_of(ds, date(2025, 1, 9), horizon_days=3)["R1"]
    assert later.reasons == (K.PETITIONER, K.EMPTY_NEST_ELDER)
    assert (later.due_on, later.overdue_days, later.priority) == (date(2025, 1, 8), 1, 102)
    coming = due_of(banner([person("R2", atts[1])]), date(2025, 1, 9), horizon_days=3)["R2"]
    assert (coming.due_on, coming.overdue_days) == (date(2025, 1, 12), 0)


def test_sources_of_one_kind_merge_earliest_since_and_highest_risk():
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


def test_negative_horizon_is_refused():
    with pytest.raises(ValidationError, match="horizon_days"):
        must_visit(banner(), as_of=date(2025, 1, 1), horizon_days=-1)


# -- 安置帮教: five years -------------------------------------------------------------


@pytest.mark.parametrize(
    ("released", "last_day"),
    [
        (date(2020, 6, 15), date(2025, 6, 14)),
        (date(2024, 2, 29), date(2029, 2, 27)),  # no 29 February in 2029
        (date(2019, 3, 1), date(2024, 2, 29)),  # the day before 1 March in a leap year
    ],
)
def test_released_prisoner_is_in_scope_through_the_day_before_the_fifth_anniversary(
    released, last_day
):
    ds = banner([person("R1", Attention(kind=K.RELEASED_PRISONER, since=released))])
    assert due_of(ds, last_day)["R1"].reasons == (K.RELEASED_PRISONER,)
    assert due_of(ds, last_day + timedelta(days=1)) == {}
    unlimited = attrs.evolve(DEFAULT_VISIT_POLICY, resettlement_period=None)
    assert "R1" in due_of(ds, last_day + timedelta(days=1), policy=unlimited)


def test_until_ends_the_resettlement_period_earlier():
    att = Attention(kind=K.RELEASED_PRISONER, since=date(2024, 1, 1), until=date(2024, 6, 30))
    ds = banner([person("R1", att)])
    assert "R1" in due_of(ds, date(2024, 6, 30))
    assert due_of(ds, date(2024, 7, 1)) == {}


# -- disputes --------------------------------------------------------------------------


def test_dispute_party_is_in_scope_from_received_through_thirty_days_after_closing():
    ds = banner([person("R1")], cases=[case("D1", date(2025, 3, 1), date(2025, 3, 20), "R1")])
    assert due_of(ds, date(2025, 2, 28)) == {}
    assert in_scope_kinds(ds, as_of=date(2025, 3, 1)) == {"R1": frozenset({K.DISPUTE_FAMILY})}
    assert due_of(ds, date(2025, 3, 7)) == {}  # not yet due: first visit 7 days on
    assert due_of(ds, date(2025, 3, 8))["R1"].reasons == (K.DISPUTE_FAMILY,)
    assert due_of(ds, date(2025, 4, 19))["R1"].overdue_days == 42  # 20 March + 30 days
    assert due_of(ds, date(2025, 4, 20)) == {}


def test_open_dispute_keeps_its_parties_in_scope_and_outside_parties_are_ignored():
    ds = banner([person("R1")], cases=[case("D1", date(2020, 1, 1), None, "R1")])
    item = due_of(ds, date(2025, 1, 1))["R1"]
    assert item.reasons == (K.DISPUTE_FAMILY,)
    assert item.risk is RiskLevel.MEDIUM


def test_dispute_received_after_as_of_does_not_count_and_a_later_closing_is_unknown():
    ds = banner([person("R1")], cases=[case("D1", date(2025, 3, 1), date(2025, 9, 1), "R1")])
    assert due_of(ds, date(2025, 2, 28)) == {}
    assert "R1" in due_of(ds, date(2025, 8, 31))


def test_follow_up_window_is_one_evolve_away():
    ds = banner([person("R1")], cases=[case("D1", date(2025, 3, 1), date(2025, 3, 20), "R1")])
    short = attrs.evolve(DEFAULT_VISIT_POLICY, dispute_follow_up=Interval(days=10))
    assert "R1" in due_of(ds, date(2025, 3, 30), policy=short)
    assert due_of(ds, date(2025, 3, 31), policy=short) == {}


# -- ordering -------------------------------------------------------------------------


def test_most_overdue_first_then_priority_then_id():
    d = date(2025, 1, 1)
    residents = [
        person("R-a", Attention(kind=K.PETITIONER, since=d)),
        person("R-b", Attention(kind=K.PETITIONER, since=d, risk=RiskLevel.HIGH)),
        person("R-c", Attention(kind=K.PETITIONER, since=d - timedelta(days=5))),
        person(
            "R-d", Attention(kind=K.PETITIONER, since=d), Attention(kind=K.LONELY_ELDER, since=d)
        ),
        person("R-0", Attention(kind=K.PETITIONER, since=d)),
    ]
    order = [x.resident_id for x in must_visit(banner(residents), as_of=date(2025, 1, 20))]
    assert order == ["R-c", "R-b", "R-d", "R-0", "R-a"]


# -- policy ---------------------------------------------------------------------------


def test_default_policy_covers_the_must_visit_groups_and_says_where_numbers_come_from():
    assert set(DEFAULT_VISIT_POLICY.cadences) == set(K) - {K.DISABLED}
    assert all(k in DEFAULT_VISIT_POLICY.cadences for k in K if k.is_must_visit)
    petitioner = DEFAULT_VISIT_POLICY.cadences[K.PETITIONER]
    assert (petitioner.every.months, petitioner.every.days) == (1, 0)
    assert petitioner.for_risk(RiskLevel.HIGH).days == 14
    assert petitioner.for_risk(RiskLevel.LOW) == petitioner.every
    spans = [DEFAULT_VISIT_POLICY.initial, DEFAULT_VISIT_POLICY.dispute_follow_up]
    spans += [c.every for c in DEFAULT_VISIT_POLICY.cadences.values()]
    spans += [i for c in DEFAULT_VISIT_POLICY.cadences.values() for i in c.by_risk.values()]
    assert all("local practice" in s.basis.title for s in spans)
    correction = DEFAULT_VISIT_POLICY.cadences[K.COMMUNITY_CORRECTION].every.basis
    assert (correction.article, correction.effective_from) == ("第26条", date(2020, 7, 1))
    assert (DEFAULT_VISIT_POLICY.initial.days, DEFAULT_VISIT_POLICY.dispute_follow_up.days) == (
        7,
        30,
    )
    period = DEFAULT_VISIT_POLICY.resettlement_period
    assert period is not None
    assert period.years == 5
    assert "provincial" in period.basis.title
    assert period.basis.article == "第2条"


def test_policy_round_trips_through_json_and_loads_with_enum_keys():
    text = to_json(DEFAULT_VISIT_POLICY)
    raw = json.loads(text)
    assert raw["cadences"]["petitioner"]["by_risk"]["high"]["days"] == 14
    assert from_json(text, VisitPolicy) == DEFAULT_VISIT_POLICY
    raw["initial"] = {"days": 3, "basis": {"title": "街道 2025 通知"}}
    loaded = structure(raw, VisitPolicy)
    assert loaded == attrs.evolve(
        DEFAULT_VISIT_POLICY, initial=Interval(days=3, basis=Basis(title="街道 2025 通知"))
    )
    assert hash(loaded) == hash(loaded)  # usable as a cache key


def test_invalid_policies_cannot_be_built():
    with pytest.raises(ValidationError, match="every"):
        Cadence(every=Interval())
    with pytest.raises(ValidationError, match="high"):
        Cadence(every=Interval(months=1), by_risk={RiskLevel.HIGH: Interval()})
    with pytest.raises(ValidationError, match="days"):
        Interval(days=-1)
    with pytest.raises(ValidationError, match="cadences"):
        attrs.evolve(DEFAULT_VISIT_POLICY, cadences={"petitioner": Cadence(every=Interval(days=1))})


def test_a_policy_file_with_mistakes_is_refused_with_every_path():
    raw = json.loads(to_json(DEFAULT_VISIT_POLICY))
    raw["cadences"]["petitioner"]["every"]["days"] = -3
    raw["cadences"]["lonely_elder"]["by_risk"]["high"] = {"days": 0}
    with pytest.raises(ValidationError) as err:
        structure(raw, VisitPolicy)
    paths = {p.path for p in err.value.problems}
    assert "cadences.petitioner.every.days" in paths
    assert any(p.startswith("cadences.lonely_elder.by_risk") for p in paths)


def test_default_policy_cannot_be_changed_through_the_callers_dict():
    cadences = dict(DEFAULT_VISIT_POLICY.cadences)
    policy = attrs.evolve(DEFAULT_VISIT_POLICY, cadences=cadences)
    cadences.clear()
    assert policy == DEFAULT_VISIT_POLICY


# -- who goes -------------------------------------------------------------------------


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
        staff=[staff("S1"), staff("S2"), staff("S3"), staff("T1", community="C2")],
        residents=[person(f"R{i:02}", *atts) for i in range(n_residents)],
    )


def test_each_visit_goes_to_its_grid_worker():
    ds = _team_banner(4)
    due = must_visit(ds, as_of=date(2025, 2, 1))
    assert assign_visits(due, ds) == {"S1": due}


def test_beyond_capacity_visits_are_spread_least_loaded_first_and_the_rest_unassigned():
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


def test_without_a_grid_worker_visits_go_to_the_communitys_staff_in_turn():
    ds = _team_banner(5, worker=None)
    due = must_visit(ds, as_of=date(2025, 2, 1))
    plan = assign_visits(due, ds)
    assert {who: len(items) for who, items in plan.items()} == {"S1": 2, "S2": 2, "S3": 1}
    assert assign_visits(due, ds, max_per_worker=0) == {UNASSIGNED: due}


# -- coverage -------------------------------------------------------------------------


def test_coverage_counts_residents_met_in_the_period_per_community_and_kind():
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
    rows = visit_coverage(banner(residents, visits), start=date(2025, 2, 1), end=date(2025, 2, 28))
    assert len(rows) == len(DEFAULT_VISIT_POLICY.cadences)
    by_kind = {r.kind: r for r in rows}
    petitioners = by_kind[K.PETITIONER]
    assert (petitioners.visited, petitioners.in_scope) == (1, 3)
    assert petitioners.rate == pytest.approx(1 / 3)
    assert (by_kind[K.LONELY_ELDER].in_scope, by_kind[K.LONELY_ELDER].rate) == (0, 1.0)
    with pytest.raises(ValidationError, match="end"):
        visit_coverage(banner(), start=date(2025, 2, 1), end=date(2025, 1, 31))
