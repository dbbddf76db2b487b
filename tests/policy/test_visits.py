"""The visit policy (``_visits``): intervals, cadences, the VisitPolicy and its
default, the numbers of which each say where they come from.
"""

from __future__ import annotations

import datetime as dt
import json
from datetime import date

import attrs
import pytest

from shequ_core.entities import (
    Attention,
    AttentionKind,
    Basis,
    BasisKind,
    RiskLevel,
)
from shequ_core.errors import ValidationError
from shequ_core.policy import _visits as visiting
from shequ_core.rules.visiting import (
    DEFAULT_VISIT_POLICY,
    Cadence,
    Interval,
    VisitPolicy,
    must_visit,
)
from shequ_core.serialization import from_json, structure, to_json
from tests.builders import person, town
from tests.helpers import problems

LOCAL = "local practice, no national norm: "


def _span(i: Interval) -> tuple[int, int, int]:
    return (i.years, i.months, i.days)


K = AttentionKind
D = dt.date


class TestInterval:
    """Interval: years, months and days, calendar months, clipped at the end of time."""

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
    def test_an_interval_reads_as_years_months_and_days(self, span: Interval, text: str) -> None:
        assert str(span) == text

    def test_months_are_calendar_months_and_the_end_of_time_is_clipped(self) -> None:
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


class TestCadence:
    """Cadence: an interval per risk level, none of them zero."""

    def test_by_risk_must_map_risk_levels_to_non_zero_intervals(self) -> None:
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

    def test_a_cadence_of_nothing_is_refused(self) -> None:
        import pytest

        from shequ_core.errors import ValidationError
        from shequ_core.rules.visiting import Cadence

        with pytest.raises(ValidationError) as info:
            Cadence(every=Interval())
        assert [(p.path, p.message) for p in info.value.problems] == [
            ("every", "must be longer than 0 days")
        ]
        assert info.value.subject == "Cadence"


class TestVisitPolicy:
    """VisitPolicy: cadences by attention kind, built, changed and read back."""

    def test_cadences_must_map_attention_kinds_to_cadences(self) -> None:
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

    def test_with_cadence_adds_replaces_and_removes_a_kind(self) -> None:
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

    def test_invalid_policies_cannot_be_built(self):
        with pytest.raises(ValidationError, match="every"):
            Cadence(every=Interval())
        with pytest.raises(ValidationError, match="high"):
            Cadence(every=Interval(months=1), by_risk={RiskLevel.HIGH: Interval()})
        with pytest.raises(ValidationError, match="days"):
            Interval(days=-1)
        with pytest.raises(ValidationError, match="cadences"):
            attrs.evolve(
                DEFAULT_VISIT_POLICY, cadences={"petitioner": Cadence(every=Interval(days=1))}
            )

    def test_policy_round_trips_through_json_and_loads_with_enum_keys(self):
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

    def test_a_policy_file_with_mistakes_is_refused_with_every_path(self):
        raw = json.loads(to_json(DEFAULT_VISIT_POLICY))
        raw["cadences"]["petitioner"]["every"]["days"] = -3
        raw["cadences"]["lonely_elder"]["by_risk"]["high"] = {"days": 0}
        with pytest.raises(ValidationError) as err:
            structure(raw, VisitPolicy)
        paths = {p.path for p in err.value.problems}
        assert "cadences.petitioner.every.days" in paths
        assert any(p.startswith("cadences.lonely_elder.by_risk") for p in paths)


class TestDefaultVisitPolicy:
    """DEFAULT_VISIT_POLICY: its numbers, where each comes from, and that it cannot change."""

    def test_the_factory_builds_the_module_default(self) -> None:
        assert visiting._default_policy() == DEFAULT_VISIT_POLICY

    def test_every_kind_but_disabled_is_visited_monthly_or_every_14_days_at_high_risk(self) -> None:
        p = visiting._default_policy()
        assert set(p.cadences) == set(AttentionKind) - {AttentionKind.DISABLED}
        for kind, cadence in p.cadences.items():
            assert _span(cadence.every) == (0, 1, 0), kind
            assert set(cadence.by_risk) == {RiskLevel.HIGH}, kind
            high = cadence.by_risk[RiskLevel.HIGH]
            assert _span(high) == (0, 0, 14)
            assert high.basis.title == LOCAL + "every 14 days at high risk"
            assert _span(cadence.for_risk(RiskLevel.LOW)) == (0, 1, 0)

    def test_each_number_names_its_basis(self) -> None:
        p = visiting._default_policy()
        monthly = p.cadences[AttentionKind.PETITIONER].every.basis
        assert monthly.title == LOCAL + "monthly 走访 of the 察右前旗 seed's groups"
        assert (monthly.article, monthly.effective_from) == (None, None)
        # Elders in special difficulty: monthly by the 2022 national guidance of 民政部
        # and nine other departments (a normative document), not local practice.
        for kind in AttentionKind:
            elder = p.cadences[kind].every.basis if kind in p.cadences else None
            if kind.is_elder_in_special_difficulty:
                assert elder is not None and elder.title.startswith("民政部等10部门"), kind
                assert "特殊困难老年人探访关爱服务" in elder.title
                assert elder.article is not None and "月探访率达到100%" in elder.article
                assert elder.effective_from == dt.date(2022, 10, 28)
            elif elder is not None:
                assert not elder.title.startswith("民政部"), kind
        correction = p.cadences[AttentionKind.COMMUNITY_CORRECTION].every.basis
        assert correction.title == (
            "社区矫正法 (2019) sets no visit frequency; monthly is local practice"
        )
        assert correction.article == "第26条"
        assert correction.effective_from == dt.date(2020, 7, 1)  # the law's commencement

        assert _span(p.initial) == (0, 0, 7)
        assert p.initial.basis.title == LOCAL + "first visit within 7 days of coming into scope"
        assert _span(p.dispute_follow_up) == (0, 0, 30)
        assert p.dispute_follow_up.basis.title == (
            LOCAL + "回访 through 30 days after a dispute closes"
        )
        assert p.resettlement_period is not None
        assert _span(p.resettlement_period) == (5, 0, 0)
        assert p.resettlement_period.basis.article == "第2条"
        assert "刑满释放人员分类帮教办法" in p.resettlement_period.basis.title

    def test_default_policy_covers_the_must_visit_groups_and_says_where_numbers_come_from(self):
        assert set(DEFAULT_VISIT_POLICY.cadences) == set(K) - {K.DISABLED}
        assert all(k in DEFAULT_VISIT_POLICY.cadences for k in K if k.is_must_visit)
        petitioner = DEFAULT_VISIT_POLICY.cadences[K.PETITIONER]
        assert (petitioner.every.months, petitioner.every.days) == (1, 0)
        assert petitioner.for_risk(RiskLevel.HIGH).days == 14
        assert petitioner.for_risk(RiskLevel.LOW) == petitioner.every
        spans = [DEFAULT_VISIT_POLICY.initial, DEFAULT_VISIT_POLICY.dispute_follow_up]
        spans += [
            c.every
            for k, c in DEFAULT_VISIT_POLICY.cadences.items()
            if not k.is_elder_in_special_difficulty
        ]
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
        # one province's document: outside Fujian it binds nobody
        assert period.basis.title.startswith("福建省") and "外省参照" in period.basis.title
        assert period.basis.kind is BasisKind.LOCAL_PRACTICE
        assert period.basis.article == "第2条"
        # every default cadence is local practice but the elders' in special difficulty,
        # which rests on the 2022 guidance (a normative document)
        kinds = {k: c.every.basis.kind for k, c in DEFAULT_VISIT_POLICY.cadences.items()}
        assert {k for k, v in kinds.items() if v is BasisKind.NORMATIVE_DOCUMENT} == {
            k for k in kinds if k.is_elder_in_special_difficulty
        }
        assert {v for k, v in kinds.items() if not k.is_elder_in_special_difficulty} == {
            BasisKind.LOCAL_PRACTICE
        }

    def test_default_policy_cannot_be_changed_through_the_callers_dict(self):
        cadences = dict(DEFAULT_VISIT_POLICY.cadences)
        policy = attrs.evolve(DEFAULT_VISIT_POLICY, cadences=cadences)
        cadences.clear()
        assert policy == DEFAULT_VISIT_POLICY
