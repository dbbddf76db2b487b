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


def _meetings() -> object:
    from shequ_core.entities import Community, CommunityKind, Dataset, Meeting

    new, old = dt.date(2026, 6, 30), dt.date(2025, 6, 30)
    c = Community(
        id="c1",
        name="东风社区",
        town="镇",
        kind=CommunityKind.ORDINARY,
        households=1500,
        residents=4000,
    )

    def meeting(
        i: int, kind: MeetingKind, day: dt.date, present: int, decisions: tuple[str, ...]
    ) -> Meeting:
        return Meeting(
            id=f"m{i}",
            community_id="c1",
            kind=kind,
            held_on=day,
            entitled=30,
            present=present,
            topic="议题",
            decisions=decisions,
        )

    return Dataset(
        communities=(c,),
        meetings=(
            meeting(1, MeetingKind.REPRESENTATIVES_MEETING, new, 19, ("决定", "二")),
            meeting(4, MeetingKind.RESIDENTS_MEETING, old, 15, ()),
        ),
    )


def test_meeting_quorum_findings_are_worded_in_both_languages() -> None:
    from shequ_core.rules import RULES

    rule = RULES["governance.meeting_quorum"]
    new = dt.date(2026, 6, 30)
    zh = [f.message for f in rule(_meetings(), as_of=new, policy=national_policy(new))]
    assert zh == [
        "会议m1（2026-06-30）实到19人/应到30人，未达到2/3以上，却作出2项决定",
        "会议m4（2025-06-30）实到15人/应到30人，未达到超过1/2",
    ]
    en = [f.message for f in rule(_meetings(), as_of=new, policy=national_policy(new), lang="en")]
    assert en == [
        "meeting m1 on 2026-06-30: 19 of 30 present, short of at least 2/3, "
        "yet 2 decisions were recorded",
        "meeting m4 on 2025-06-30: 15 of 30 present, short of more than 1/2",
    ]


def test_meeting_quorum_rule_reads_the_policy_given() -> None:
    from shequ_core.rules import RULES

    new = dt.date(2026, 6, 30)
    law = national_policy(new)
    lenient = attrs.evolve(
        law,
        residents_meeting_quorum=attrs.evolve(
            law.residents_meeting_quorum, share=Ratio(numerator=1, denominator=3)
        ),
        representatives_meeting_quorum=attrs.evolve(
            law.representatives_meeting_quorum, share=Ratio(numerator=1, denominator=2)
        ),
    )
    # Both quorums in force on their days under this policy: the 2025 text's basis
    # (2026-01-01) is not in force for the 2025 meeting, which the law of its day judges.
    found = RULES["governance.meeting_quorum"](_meetings(), as_of=new, policy=lenient)
    assert [f.subject_id for f in found] == ["m4"]
    # A residents' meeting of 2026 with 12 of 30: short of the law's more than half,
    # enough for the policy's more than a third.
    ds = _meetings()
    m5 = attrs.evolve(ds.meetings[1], id="m5", held_on=new, present=12)  # type: ignore[attr-defined]
    ds = ds.replace(meetings=(*ds.meetings, m5))  # type: ignore[attr-defined]
    rule = RULES["governance.meeting_quorum"]
    assert [f.subject_id for f in rule(ds, as_of=new, policy=law)] == ["m1", "m4", "m5"]
    assert [f.subject_id for f in rule(ds, as_of=new, policy=lenient)] == ["m4"]


def test_the_rule_decorator_registers_titles_function_and_policy_fields() -> None:
    from shequ_core.rules import RULES
    from shequ_core.rules._findings import rule

    def check(dataset: object, **_: object) -> list[Finding]:
        return []

    assert (
        rule("test.decorated", policy=("decision_majority",), title_zh="测试", title_en="test")(
            check
        )
        is check
    )
    try:
        entry = RULES["test.decorated"]
        assert (entry.id, entry.title_zh, entry.title_en) == ("test.decorated", "测试", "test")
        assert entry.function is check and entry.policy_fields == ("decision_majority",)
    finally:
        RULES._rules.pop("test.decorated")  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unknown policy fields"):
        rule("test.bad", policy=("no_such_field",), title_zh="坏", title_en="bad")
