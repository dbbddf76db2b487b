"""Every governance rule answers under the policy it is given, not the national law of
the date: a city or a test may set its own thresholds (one ``attrs.evolve`` away)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from shequ_core.entities import MeetingKind
from shequ_core.policy import Ratio, national_policy
from shequ_core.rules._findings import Finding, Rule, Severity, _Registry
from shequ_core.rules.governance import decision_passes, meeting_quorum_met

AS_OF = dt.date(2025, 6, 30)  # the 2018 text: more than half, no representatives' quorum
NATIONAL = national_policy(AS_OF)


def _two_thirds(policy_field: str) -> object:
    current = getattr(NATIONAL, policy_field)
    return attrs.evolve(current, share=Ratio(numerator=2, denominator=3), inclusive=True)


def test_decision_passes_under_the_policy_given() -> None:
    strict = attrs.evolve(NATIONAL, decision_majority=_two_thirds("decision_majority"))
    assert decision_passes(votes_for=6, present=10, as_of=AS_OF)
    assert not decision_passes(votes_for=6, present=10, as_of=AS_OF, policy=strict)
    assert decision_passes(votes_for=7, present=10, as_of=AS_OF, policy=strict)
    # Without a date the latest text decides: also more than half.
    assert decision_passes(votes_for=6, present=10, policy=None)
    assert not decision_passes(votes_for=5, present=10)


def test_quorum_under_the_policy_given() -> None:
    strict = attrs.evolve(
        NATIONAL, residents_meeting_quorum=_two_thirds("residents_meeting_quorum")
    )
    kind = MeetingKind.RESIDENTS_MEETING
    assert meeting_quorum_met(kind=kind, present=60, entitled=100, as_of=AS_OF)
    assert not meeting_quorum_met(kind=kind, present=60, entitled=100, as_of=AS_OF, policy=strict)
    # A representatives' quorum that a policy sets is used even before the 2025 text.
    reps = attrs.evolve(NATIONAL, representatives_meeting_quorum=strict.residents_meeting_quorum)
    rk = MeetingKind.REPRESENTATIVES_MEETING
    with pytest.raises(ValueError, match="sets no quorum"):
        meeting_quorum_met(kind=rk, present=60, entitled=100, as_of=AS_OF)
    assert meeting_quorum_met(kind=rk, present=67, entitled=100, as_of=AS_OF, policy=reps)
    assert not meeting_quorum_met(kind=rk, present=66, entitled=100, as_of=AS_OF, policy=reps)


def test_a_fresh_registry_holds_what_is_added_and_refuses_a_second_entry() -> None:
    registry = _Registry()

    def check(dataset: object, **_: object) -> list[Finding]:
        return []

    entry = Rule(id="test.only", title_zh="测试", title_en="test", function=check, policy_fields=())
    registry._add(entry)
    assert list(registry) == ["test.only"] and registry["test.only"] is entry
    assert len(registry) == 1 and repr(registry) == "RULES(test.only)"
    with pytest.raises(ValueError, match="registered twice"):
        registry._add(entry)
    assert Severity.VIOLATION.rank > Severity.INFO.rank
