"""The scorecard's period, both ends included: 1 January to ``as_of`` (2017-12-31).

Floating residents F1 (met on 1 January) and F2 (met on 31 December) were visited in
the period, F3 was the subject of a request received on 1 January (its visit of 2016
is too early), F0 neither: 3 of 4 served. Disputes received on 1 January and on 31
December are in the period, one of 2016 is not: 2. A partner unit from 31 December
counts, one from 2018 does not: 1.
"""

from __future__ import annotations

import datetime as dt

from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Employment,
    Household,
    PartnerUnit,
    Party,
    Registration,
    RequestStatus,
    Resident,
    ServiceItem,
    ServiceRequest,
    Staff,
    StaffRole,
    TimeLimit,
    TimeUnit,
    Visit,
    VisitOutcome,
)
from shequ_core.policy import national_policy
from shequ_core.rules.assessment import Dimension, scorecard

AS_OF = dt.date(2017, 12, 31)
JAN_1 = dt.date(2017, 1, 1)
EARLY = dt.date(2016, 12, 31)


def _visit(vid: str, rid: str, on: dt.date) -> Visit:
    return Visit(
        id=vid,
        resident_id=rid,
        visitor_id="s",
        visited_on=on,
        reasons=frozenset(),
        outcome=VisitOutcome.MET,
    )


def _case(kid: str, on: dt.date) -> DisputeCase:
    return DisputeCase(
        id=kid,
        community_id="c",
        category=DisputeCategory.NEIGHBOUR,
        parties=(Party(name="甲"), Party(name="乙")),
        received_on=on,
        status=DisputeStatus.RECEIVED,
    )


def _banner() -> Dataset:
    return Dataset(
        communities=(
            Community(
                id="c",
                name="c社区",
                town="镇",
                kind=CommunityKind.ORDINARY,
                households=100,
                residents=300,
            ),
        ),
        households=(Household(id="h", community_id="c", address="一号"),),
        staff=(
            Staff(
                id="s",
                community_id="c",
                name="网格员",
                role=StaffRole.GRID_WORKER,
                employment=Employment.CONTRACTED,
            ),
        ),
        residents=tuple(
            Resident(
                id=f"F{i}",
                community_id="c",
                household_id="h",
                name="流动",
                registration=Registration.FLOATING,
            )
            for i in range(4)
        ),
        visits=(_visit("v1", "F1", JAN_1), _visit("v2", "F2", AS_OF), _visit("v3", "F3", EARLY)),
        service_items=(
            ServiceItem(
                id="I", name="证明", time_limit=TimeLimit(amount=5, unit=TimeUnit.WORKING_DAYS)
            ),
        ),
        service_requests=(
            ServiceRequest(
                id="r1",
                item_id="I",
                community_id="c",
                received_on=JAN_1,
                status=RequestStatus.IN_PROGRESS,
                resident_id="F3",
            ),
        ),
        dispute_cases=(_case("k1", JAN_1), _case("k2", AS_OF), _case("k3", EARLY)),
        partner_units=(
            PartnerUnit(id="u1", name="单位", community_ids=frozenset({"c"}), since=AS_OF),
            PartnerUnit(
                id="u2", name="单位2", community_ids=frozenset({"c"}), since=dt.date(2018, 1, 1)
            ),
        ),
    )


def _score(d: Dimension) -> tuple[int | None, list[tuple[str, object, object]]]:
    card = scorecard(
        _banner(), as_of=AS_OF, policy=national_policy(AS_OF), calendar=china_calendar()
    )
    s = card.communities["c"].dimensions[d]
    return s.score, [(f.rule, f.actual, f.required) for f in s.findings]


def test_floating_residents_served_on_either_end_of_the_period() -> None:
    score, found = _score(Dimension.FLOATING_POPULATION)
    assert found == [("scorecard.floating_served", 3, 4)] and score == 75


def test_disputes_received_on_either_end_of_the_period() -> None:
    _, found = _score(Dimension.SAFETY)
    assert ("scorecard.disputes", 0, 2) in found


def test_a_partner_unit_from_as_of_counts_one_from_later_does_not() -> None:
    score, found = _score(Dimension.REGIONAL_PARTY_BUILDING)
    assert found == [("scorecard.partner_units", 1, 6)] and score == 17
