"""The residents' committee and mediation rules, pinned on both sides of 2026-01-01."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.entities import (
    Community,
    CommunityKind,
    Dataset,
    Employment,
    Meeting,
    MeetingKind,
    Sex,
    Staff,
    StaffRole,
    TeamKind,
    Volunteer,
    VolunteerTeam,
)
from shequ_core.policy import national_policy
from shequ_core.rules._findings import RULES, Severity
from shequ_core.rules.governance import (
    can_convene_residents_meeting,
    committee_size_findings,
    decision_passes,
    household_range,
    mediation_committee_findings,
    meeting_quorum_met,
    representatives_range,
)

OLD = dt.date(2025, 12, 31)
NEW = dt.date(2026, 1, 1)
C = Community(
    id="c1",
    name="万和社区",
    town="平地泉镇",
    kind=CommunityKind.ORDINARY,
    households=1200,
    residents=3000,
)


def member(
    i: int, sex: Sex | None = Sex.MALE, role: StaffRole = StaffRole.COMMITTEE_MEMBER
) -> Staff:
    return Staff(
        id=f"s{i}",
        community_id="c1",
        name=f"委员{i}",
        role=role,
        employment=Employment.TWO_COMMITTEES,
        sex=sex,
    )


def test_household_range_by_date() -> None:
    old, new = household_range(OLD), household_range(NEW)
    assert (old.minimum, old.maximum) == (100, 700)
    assert (new.minimum, new.maximum) == (1000, 3000)
    assert old.basis.article == "第六条" and new.basis.article == "第三条"


def test_representatives_range_only_from_2026() -> None:
    assert representatives_range(1000, OLD) is None
    assert representatives_range(1000, NEW) == (20, 50)
    assert representatives_range(3000, NEW) == (60, 150)
    assert representatives_range(10, NEW) == (1, 1)
    assert representatives_range(0, NEW) == (0, 0)


@given(st.integers(20, 20_000))
def test_representatives_range_is_tight(households: int) -> None:
    r = representatives_range(households, NEW)
    assert r is not None
    fewest, most = r
    for reps in (fewest, most):
        assert 20 * reps <= households <= 50 * reps
    assert households > 50 * (fewest - 1)  # one fewer would leave more than 50 each
    assert households < 20 * (most + 1)  # one more would leave fewer than 20 each


@pytest.mark.parametrize(
    ("day", "requesting", "expected"),
    [(OLD, 200, True), (OLD, 199, False), (NEW, 100, True), (NEW, 99, False), (OLD, 100, False)],
)
def test_convening_by_adults(day: dt.date, requesting: int, expected: bool) -> None:
    assert (
        can_convene_residents_meeting(
            as_of=day,
            requesting_adults=requesting,
            adults=1000,
            requesting_households=0,
            households=400,
        )
        is expected
    )


def test_convening_by_households_one_fifth_then_one_tenth() -> None:
    kw = {"requesting_adults": 0, "adults": 1000, "households": 400}
    assert can_convene_residents_meeting(as_of=OLD, requesting_households=80, **kw)
    assert not can_convene_residents_meeting(as_of=OLD, requesting_households=79, **kw)
    assert can_convene_residents_meeting(as_of=NEW, requesting_households=40, **kw)
    assert not can_convene_residents_meeting(as_of=NEW, requesting_households=39, **kw)


def test_groups_count_until_2025_and_representatives_from_2026() -> None:
    kw = {"requesting_adults": 0, "adults": 1000, "requesting_households": 0, "households": 400}
    assert can_convene_residents_meeting(as_of=OLD, requesting_groups=3, groups=9, **kw)
    assert not can_convene_residents_meeting(as_of=OLD, requesting_groups=2, groups=9, **kw)
    assert not can_convene_residents_meeting(as_of=NEW, requesting_groups=9, groups=9, **kw)
    assert can_convene_residents_meeting(
        as_of=NEW, requesting_representatives=10, representatives=30, **kw
    )
    assert not can_convene_residents_meeting(
        as_of=NEW, requesting_representatives=9, representatives=30, **kw
    )
    assert not can_convene_residents_meeting(
        as_of=OLD, requesting_representatives=30, representatives=30, **kw
    )


def test_a_basis_with_total_zero_never_applies() -> None:
    for day in (OLD, NEW):
        assert not can_convene_residents_meeting(
            as_of=day, requesting_adults=0, adults=0, requesting_households=0, households=0
        )


def test_convening_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError, match="cannot be more"):
        can_convene_residents_meeting(
            as_of=NEW, requesting_adults=11, adults=10, requesting_households=0, households=0
        )
    with pytest.raises(ValueError, match="0 or more"):
        can_convene_residents_meeting(
            as_of=NEW, requesting_adults=-1, adults=10, requesting_households=0, households=0
        )


counts = st.integers(0, 300)


@given(
    st.sampled_from([OLD, NEW]),
    st.lists(counts, min_size=8, max_size=8),
    st.integers(0, 3),
    st.integers(1, 50),
)
def test_convening_is_monotone_in_requesters(
    day: dt.date, raw: list[int], which: int, more: int
) -> None:
    totals = [max(raw[i], raw[i + 4]) for i in range(4)]
    asks = [min(raw[i], raw[i + 4]) for i in range(4)]

    def call(a: list[int]) -> bool:
        return can_convene_residents_meeting(
            as_of=day,
            requesting_adults=a[0],
            adults=totals[0],
            requesting_households=a[1],
            households=totals[1],
            requesting_groups=a[2],
            groups=totals[2],
            requesting_representatives=a[3],
            representatives=totals[3],
        )

    raised = list(asks)
    raised[which] = min(totals[which], asks[which] + more)
    assert call(raised) >= call(asks)


@pytest.mark.parametrize("day", [OLD, NEW])
def test_residents_meeting_quorum_is_more_than_half(day: dt.date) -> None:
    kind = MeetingKind.RESIDENTS_MEETING
    assert not meeting_quorum_met(kind=kind, present=50, entitled=100, as_of=day)
    assert meeting_quorum_met(kind=kind, present=51, entitled=100, as_of=day)
    assert meeting_quorum_met(kind=kind, present=51, entitled=101, as_of=day)
    assert not meeting_quorum_met(kind=kind, present=0, entitled=0, as_of=day)


def test_representatives_meeting_quorum_two_thirds_from_2026_only() -> None:
    kind = MeetingKind.REPRESENTATIVES_MEETING
    assert meeting_quorum_met(kind=kind, present=20, entitled=30, as_of=NEW)
    assert not meeting_quorum_met(kind=kind, present=19, entitled=30, as_of=NEW)
    with pytest.raises(ValueError, match="no quorum"):
        meeting_quorum_met(kind=kind, present=30, entitled=30, as_of=OLD)
    with pytest.raises(ValueError, match="no quorum"):
        meeting_quorum_met(kind=MeetingKind.CONSULTATION, present=3, entitled=3, as_of=NEW)


@given(st.integers(0, 400), st.integers(0, 400), st.sampled_from([OLD, NEW]))
def test_quorum_and_decisions_are_monotone(a: int, b: int, day: dt.date) -> None:
    lo, hi = sorted((a, b))
    kind = MeetingKind.RESIDENTS_MEETING
    assert meeting_quorum_met(kind=kind, present=lo, entitled=hi, as_of=day) <= meeting_quorum_met(
        kind=kind, present=hi, entitled=hi, as_of=day
    )
    passed = decision_passes(votes_for=lo, present=hi, as_of=day)
    assert passed == (2 * lo > hi)


def test_decision_needs_more_than_half_of_those_present() -> None:
    assert not decision_passes(votes_for=5, present=10)
    assert decision_passes(votes_for=6, present=10)
    assert decision_passes(votes_for=6, present=11)
    assert not decision_passes(votes_for=0, present=0, as_of=OLD)


def test_committee_size_five_to_nine_in_both_texts() -> None:
    for day in (OLD, NEW):
        women = [member(0, Sex.FEMALE)]
        for n, bad in ((4, True), (5, False), (9, False), (10, True)):
            team = women + [member(i) for i in range(1, n)]
            found = [
                f
                for f in committee_size_findings(C, team, day)
                if f.rule == "governance.committee_size"
            ]
            assert bool(found) is bad, (day, n)
            if found:
                assert found[0].severity is Severity.VIOLATION
                assert found[0].actual == n and found[0].required == (5, 9)


def test_only_committee_roles_of_the_community_count() -> None:
    team = [member(i, Sex.FEMALE) for i in range(5)]
    others = [
        member(10, role=StaffRole.GRID_WORKER),
        Staff(
            id="x",
            community_id="c2",
            name="外",
            role=StaffRole.DIRECTOR,
            employment=Employment.SECONDED,
        ),
    ]
    assert committee_size_findings(C, team + others, NEW) == []
    assert committee_size_findings(C, team[:4] + others, NEW)[0].actual == 4


def test_a_woman_is_required_from_2026() -> None:
    men = [member(i) for i in range(5)]
    assert committee_size_findings(C, men, OLD) == []
    (f,) = committee_size_findings(C, men, NEW)
    assert f.rule == "governance.committee_women" and f.severity is Severity.VIOLATION
    assert f.basis.article == "第八条" and f.basis.effective_from == NEW
    assert committee_size_findings(C, [*men[:4], member(9, Sex.FEMALE)], NEW) == []
    (unknown,) = committee_size_findings(C, [*men[:4], member(9, None)], NEW)
    assert unknown.severity is Severity.INFO


def _mediation(n: int) -> tuple[VolunteerTeam, Dataset]:
    team = VolunteerTeam(id="t1", community_id="c1", name="调委会", kind=TeamKind.MEDIATION)
    vols = [
        Volunteer(
            id=f"v{i}",
            community_id="c1",
            name=f"调解员{i}",
            registered_on=dt.date(2020, 1, 1),
            team_id="t1",
        )
        for i in range(n)
    ]
    return team, Dataset(communities=(C,), teams=(team,), volunteers=tuple(vols))


@pytest.mark.parametrize(("n", "bad"), [(2, True), (3, False), (9, False), (10, True)])
def test_mediation_committee_three_to_nine(n: int, bad: bool) -> None:
    team, ds = _mediation(n)
    found = mediation_committee_findings(team, ds, as_of=NEW, policy=national_policy(NEW))
    assert bool(found) is bad
    if found:
        assert (
            found[0].basis.title == "中华人民共和国人民调解法"
            and found[0].basis.article == "第八条"
        )
        assert found[0].subject_id == "t1"


def test_mediation_rule_refuses_other_teams() -> None:
    team = VolunteerTeam(id="t2", community_id="c1", name="文体队", kind=TeamKind.CULTURE_SPORTS)
    with pytest.raises(ValueError, match="not a mediation committee"):
        mediation_committee_findings(
            team, Dataset(communities=(C,), teams=(team,)), as_of=NEW, policy=national_policy(NEW)
        )


def test_meetings_are_judged_by_the_law_of_their_day() -> None:
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

    ds = Dataset(
        communities=(C,),
        meetings=(
            meeting(1, MeetingKind.REPRESENTATIVES_MEETING, NEW, 19, ("决定",)),
            meeting(2, MeetingKind.REPRESENTATIVES_MEETING, OLD, 10, ("决定",)),  # no quorum in law
            meeting(3, MeetingKind.RESIDENTS_MEETING, OLD, 15, ("决定",)),
            meeting(4, MeetingKind.RESIDENTS_MEETING, OLD, 15, ()),
            meeting(5, MeetingKind.RESIDENTS_MEETING, OLD, 16, ("决定",)),
        ),
    )
    found = {
        f.subject_id: f
        for f in RULES["governance.meeting_quorum"](ds, as_of=NEW, policy=national_policy(NEW))
    }
    assert set(found) == {"m1", "m3", "m4"}
    assert found["m1"].severity is Severity.VIOLATION and found["m1"].required == 20
    assert found["m3"].severity is Severity.VIOLATION and found["m3"].required == 16
    assert found["m3"].basis.article == "第九条"  # the 2018 text, in force on the day
    assert found["m4"].severity is Severity.INFO


def test_households_outside_the_range_is_advisory() -> None:
    small = Community(
        id="c1",
        name="东风社区",
        town="玫瑰营镇",
        kind=CommunityKind.CENTRAL_TOWN,
        households=650,
        residents=1800,
    )
    ds = Dataset(communities=(small,))
    rule = RULES["governance.committee_households"]
    assert rule(ds, as_of=OLD, policy=national_policy(OLD)) == []
    (f,) = rule(ds, as_of=NEW, policy=national_policy(NEW), lang="en")
    assert f.severity is Severity.ADVISORY and f.required == (1000, 3000)
    assert f.actual == 650 and f.subject_id == "c1"
    assert f.message == "650 households; a committee's area generally has 1000–3000"
    (zh,) = rule(ds, as_of=NEW, policy=national_policy(NEW), lang="zh")
    assert zh.message == "社区650户，居委会辖区一般应为1000–3000户"
