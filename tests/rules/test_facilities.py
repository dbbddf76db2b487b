"""The facility rules (``rules.facilities``): the area per 100 households (and why it
cannot always be computed), the seed's service hall and 六室两中心, which the national
profile does not require.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest

from shequ_core.entities import (
    BasisKind,
    Community,
    FacilityKind,
)
from shequ_core.policy import national_policy, seed_policy
from shequ_core.rules._findings import (
    Severity,
)
from shequ_core.rules.facilities import (
    facility_area_per_100_households,
    facility_findings,
    missing_facilities,
)
from tests.builders import community_1200, community_10000, community_with_area

AS_OF = dt.date(2025, 6, 30)  # the national profile sets 30 m² per 100 households
POLICY = national_policy(AS_OF)


def _area(c: Community, lang: str) -> tuple[str, object, object]:
    (f,) = [
        f
        for f in facility_findings(c, policy=POLICY, lang=lang)  # type: ignore[arg-type]
        if f.rule == "facilities.area_per_100_households"
    ]
    return f.message, f.actual, f.required


NEW = dt.date(2026, 1, 1)
DAY = dt.date(2026, 3, 1)
NATIONAL = national_policy(DAY)
SEED = seed_policy(DAY)
#: The 十四五 plan's 30 m² per 100 households is a target for its period (to 2025-12-31).
IN_PLAN = dt.date(2025, 6, 30)
PLAN = national_policy(IN_PLAN)


def only(findings: list, rule: str) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.rule == rule]


class TestAreaPer100Households:
    """``facility_area_per_100_households`` and its rule."""

    @pytest.mark.parametrize(
        ("area", "severity"), [(300.0, Severity.INFO), (299.9, Severity.ADVISORY)]
    )
    def test_facility_area_per_100_households(self, area: float, severity: Severity) -> None:
        (f,) = only(
            facility_findings(community_10000(facility_area_m2=area), policy=PLAN),
            "facilities.area_per_100_households",
        )
        assert f.severity is severity and f.required == 30
        assert f.basis.kind is BasisKind.PLAN_TARGET  # a plan's target: never a violation
        # the plan's targets were for 2025: after its period no national target applies
        assert (
            only(
                facility_findings(community_10000(facility_area_m2=area), policy=NATIONAL),
                "facilities.area_per_100_households",
            )
            == []
        )
        assert f.actual == Fraction(str(area)) / 10

    def test_an_area_that_cannot_be_computed_says_why(self) -> None:
        assert POLICY.facility_area_per_100_households is not None
        assert (
            _area(community_with_area(500, None), "zh")[0]
            == "未登记服务设施面积，每百户服务设施面积无法计算"
        )
        assert _area(community_with_area(500, None), "en") == (
            "no facility area recorded: facility area per 100 households undefined",
            None,
            30,
        )
        assert (
            _area(community_with_area(0, 100.0), "zh")[0]
            == "社区户数为0，每百户服务设施面积无法计算"
        )
        assert _area(community_with_area(0, 100.0), "en")[0] == (
            "the community has no households: facility area per 100 households undefined"
        )

    def test_areas_per_100_households_whole_and_fractional(self) -> None:
        assert facility_area_per_100_households(community_with_area(1, 1.0)) == 100
        assert _area(community_with_area(1, 1.0), "en")[0] == (
            "100 m² of facilities per 100 households, meeting 30 m²"
        )
        assert _area(community_with_area(3, 100.0), "en")[0] == (
            "3333.33 m² of facilities per 100 households, meeting 30 m²"
        )
        assert (
            _area(community_with_area(1000, 250.0), "zh")[0]
            == "每百户服务设施面积25平方米，低于30平方米"
        )


class TestMissingFacilities:
    """``missing_facilities``: the hall and rooms of the seed's standards."""

    def test_hall_and_rooms_are_seed_standards(self) -> None:
        rooms = frozenset(FacilityKind) - {FacilityKind.LIBRARY, FacilityKind.POLICE_ROOM}
        c = community_10000(service_hall_area_m2=149.5, facilities=rooms, facility_area_m2=400.0)
        assert facility_findings(c, policy=PLAN)[0].severity is Severity.INFO
        found = facility_findings(c, policy=SEED)
        (hall,) = only(found, "facilities.service_hall_area")
        assert hall.severity is Severity.ADVISORY and hall.required == 150
        (room,) = only(found, "facilities.six_rooms_two_centres")
        assert room.actual == 6 and room.required == 8
        assert "警务室" in room.message and "图书室" in room.message
        assert missing_facilities(c, SEED) == (FacilityKind.POLICE_ROOM, FacilityKind.LIBRARY)
        fine = attrs.evolve(c, service_hall_area_m2=150.0, facilities=frozenset(FacilityKind))
        assert only(facility_findings(fine, policy=SEED), "facilities.service_hall_area") == []
        assert only(facility_findings(fine, policy=SEED), "facilities.six_rooms_two_centres") == []

    def test_the_national_profile_requires_no_rooms(self) -> None:
        # 六室两中心 is a local (seed) standard: nationally nothing is missing, even nothing.
        bare = community_1200(facilities=frozenset())
        assert missing_facilities(bare, national_policy(NEW)) == ()
        assert len(missing_facilities(bare, seed_policy(NEW))) == 8
