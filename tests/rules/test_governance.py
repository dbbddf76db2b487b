"""The residents' committee and mediation rules (``rules.governance``), pinned on both
sides of 2026-01-01, and under the policy they are given rather than the national law
of the date: a city or a test may set its own thresholds (one ``attrs.evolve`` away).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shequ_core.entities import (
    Basis,
    BasisKind,
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
from shequ_core.errors import ValidationError
from shequ_core.policy import Ratio, Span, Threshold, national_policy
from shequ_core.rules._findings import (
    RULES,
    Severity,
    check_dataset,
)
from shequ_core.rules.governance import (
    can_convene_residents_meeting,
    committee_size_findings,
    decision_passes,
    household_range,
    mediation_committee_findings,
    mediation_women_findings,
    meeting_quorum_met,
    representatives_range,
)
from tests.builders import community_1200, quorum_meeting

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


counts = st.integers(0, 300)


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


AS_OF_2017 = dt.date(2017, 12, 31)
LAW = Basis(title="测试依据", article="第一条", kind=BasisKind.STATUTE)


def convene(**kw: object) -> bool:
    args: dict[str, object] = {
        "as_of": NEW,
        "requesting_adults": 0,
        "adults": 100,
        "requesting_households": 0,
        "households": 100,
    }
    args.update(kw)
    return can_convene_residents_meeting(**args)  # type: ignore[arg-type]


AS_OF = dt.date(2025, 6, 30)  # the 2018 text: more than half, no representatives' quorum
NATIONAL = national_policy(AS_OF)


def _two_thirds(policy_field: str) -> object:
    current = getattr(NATIONAL, policy_field)
    return attrs.evolve(current, share=Ratio(numerator=2, denominator=3), inclusive=True)


def _meetings() -> object:
    from shequ_core.entities import Community, CommunityKind, Dataset

    new, old = dt.date(2026, 6, 30), dt.date(2025, 6, 30)
    c = Community(
        id="c1",
        name="东风社区",
        town="镇",
        kind=CommunityKind.ORDINARY,
        households=1500,
        residents=4000,
    )

    return Dataset(
        communities=(c,),
        meetings=(
            quorum_meeting(1, MeetingKind.REPRESENTATIVES_MEETING, new, 19, ("决定", "二")),
            quorum_meeting(4, MeetingKind.RESIDENTS_MEETING, old, 15, ()),
        ),
    )


DONGFENG = Community(
    id="c1",
    name="东风社区",
    town="镇",
    kind=CommunityKind.ORDINARY,
    households=1500,
    residents=4000,
)


class TestHouseholdRange:
    """``household_range``: the households a committee's area has, by date or policy."""

    def test_household_range_by_date(self) -> None:
        old, new = household_range(OLD), household_range(NEW)
        assert (old.minimum, old.maximum) == (100, 700)
        assert (new.minimum, new.maximum) == (1000, 3000)
        assert old.basis.article == "第六条" and new.basis.article == "第三条"

    def test_household_range_follows_the_policy_given(self) -> None:
        national = household_range(AS_OF_2017)
        assert (national.minimum, national.maximum) == (100, 700)
        custom = attrs.evolve(
            national_policy(AS_OF_2017),
            committee_households=attrs.evolve(national, minimum=200, maximum=900),
        )
        mine = household_range(AS_OF_2017, policy=custom)
        assert (mine.minimum, mine.maximum) == (200, 900)

    def test_households_outside_the_range_is_advisory(self) -> None:
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


class TestRepresentativesRange:
    """``representatives_range``: one 居民代表 per 20–50 households (2025 第13条)."""

    def test_representatives_range_only_from_2026(self) -> None:
        assert representatives_range(1000, OLD) is None
        assert representatives_range(1000, NEW) == (20, 50)
        assert representatives_range(3000, NEW) == (60, 150)
        assert representatives_range(10, NEW) == (1, 1)
        assert representatives_range(0, NEW) == (0, 0)

    @given(st.integers(20, 20_000))
    def test_representatives_range_is_tight(self, households: int) -> None:
        r = representatives_range(households, NEW)
        assert r is not None
        fewest, most = r
        for reps in (fewest, most):
            assert 20 * reps <= households <= 50 * reps
        assert households > 50 * (fewest - 1)  # one fewer would leave more than 50 each
        assert households < 20 * (most + 1)  # one more would leave fewer than 20 each

    @pytest.mark.parametrize(
        ("households", "expected"),
        [
            (1, (1, 1)),  # fewer than 20 still elect one
            (19, (1, 1)),
            (20, (1, 1)),
            (39, (1, 1)),
            (40, (1, 2)),
            (50, (1, 2)),
            (51, (2, 2)),  # 51 need two: one alone would have more than 50
            (100, (2, 5)),
            (101, (3, 5)),
            (1001, (21, 50)),
        ],
    )
    def test_representatives_range_at_the_edges_of_20_and_50(
        self, households: int, expected: tuple[int, int]
    ) -> None:
        assert representatives_range(households, NEW) == expected
        assert representatives_range(households, OLD) is None  # the 2018 text sets no ratio

    @pytest.mark.parametrize(
        ("bad", "code", "message"),
        [
            (-1, "invalid_argument", "must be 0 or more, got -1"),
            (True, "wrong_type", "must be a whole number, got bool"),
            (False, "wrong_type", "must be a whole number, got bool"),
            (2.0, "wrong_type", "must be a whole number, got float"),
            ("100", "wrong_type", "must be a whole number, got str"),
            (None, "wrong_type", "must be a whole number, got NoneType"),
        ],
    )
    def test_representatives_range_refuses_what_is_not_a_count(
        self, bad: object, code: str, message: str
    ) -> None:
        with pytest.raises(ValidationError) as info:
            representatives_range(bad, NEW)  # type: ignore[arg-type]
        assert info.value.subject == "representatives_range"
        assert [(p.path, p.code, p.message) for p in info.value.problems] == [
            ("households", code, message)
        ]

    def test_representatives_range_follows_the_policy_it_is_given(self) -> None:
        law = national_policy(NEW)
        open_ended = attrs.evolve(
            law, households_per_representative=Span(minimum=10, maximum=None, basis=LAW)
        )
        # No maximum: one representative may stand for every household; at least 10 each.
        assert representatives_range(95, NEW, policy=open_ended) == (1, 9)
        assert representatives_range(9, NEW, policy=open_ended) == (1, 1)
        no_floor = attrs.evolve(
            law, households_per_representative=Span(minimum=0, maximum=30, basis=LAW)
        )
        # No minimum: as many representatives as households.
        assert representatives_range(61, NEW, policy=no_floor) == (3, 61)
        # A policy without the ratio wins over the date, and the date without a policy.
        silent = attrs.evolve(law, households_per_representative=None)
        assert representatives_range(1000, NEW, policy=silent) is None
        assert representatives_range(1000, OLD, policy=law) == (20, 50)


class TestCanConveneResidentsMeeting:
    """``can_convene_residents_meeting`` (2018 第10条; 2025 第26条)."""

    @pytest.mark.parametrize(
        ("day", "requesting", "expected"),
        [
            (OLD, 200, True),
            (OLD, 199, False),
            (NEW, 100, True),
            (NEW, 99, False),
            (OLD, 100, False),
        ],
    )
    def test_convening_by_adults(self, day: dt.date, requesting: int, expected: bool) -> None:
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

    def test_convening_by_households_one_fifth_then_one_tenth(self) -> None:
        kw = {"requesting_adults": 0, "adults": 1000, "households": 400}
        assert can_convene_residents_meeting(as_of=OLD, requesting_households=80, **kw)
        assert not can_convene_residents_meeting(as_of=OLD, requesting_households=79, **kw)
        assert can_convene_residents_meeting(as_of=NEW, requesting_households=40, **kw)
        assert not can_convene_residents_meeting(as_of=NEW, requesting_households=39, **kw)

    def test_groups_count_until_2025_and_representatives_from_2026(self) -> None:
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

    def test_a_basis_with_total_zero_never_applies(self) -> None:
        for day in (OLD, NEW):
            assert not can_convene_residents_meeting(
                as_of=day, requesting_adults=0, adults=0, requesting_households=0, households=0
            )

    def test_convening_refuses_impossible_counts(self) -> None:
        with pytest.raises(ValueError, match="cannot be more"):
            can_convene_residents_meeting(
                as_of=NEW, requesting_adults=11, adults=10, requesting_households=0, households=0
            )
        with pytest.raises(ValueError, match="0 or more"):
            can_convene_residents_meeting(
                as_of=NEW, requesting_adults=-1, adults=10, requesting_households=0, households=0
            )

    @given(
        st.sampled_from([OLD, NEW]),
        st.lists(counts, min_size=8, max_size=8),
        st.integers(0, 3),
        st.integers(1, 50),
    )
    def test_convening_is_monotone_in_requesters(
        self, day: dt.date, raw: list[int], which: int, more: int
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

    def test_convening_follows_the_policy_it_is_given(self) -> None:
        law = national_policy(NEW)
        half = Threshold(share=Ratio(numerator=1, denominator=2), inclusive=False, basis=LAW)
        strict = attrs.evolve(law, convening_adults=half, convening_households=half)
        assert convene(requesting_adults=50)  # 1/10 or more under the 2025 text
        assert not convene(requesting_adults=50, policy=strict)  # not more than half
        assert convene(requesting_adults=51, policy=strict)
        assert not convene(requesting_households=50, policy=strict)
        assert convene(requesting_households=51, policy=strict)

    def test_each_basis_alone_suffices_on_its_edge(self) -> None:
        # 2025: 1/10 of adults, 1/10 of households, 1/3 of 居民代表; any one is enough.
        assert convene(requesting_adults=10) and not convene(requesting_adults=9)
        assert convene(requesting_households=10) and not convene(requesting_households=9)
        assert convene(requesting_representatives=1, representatives=3)
        assert not convene(requesting_representatives=1, representatives=4)
        # 2018: 1/5 of adults or households, or 1/3 of 居民小组.
        assert convene(as_of=OLD, requesting_adults=20) and not convene(
            as_of=OLD, requesting_adults=19
        )
        assert convene(as_of=OLD, requesting_groups=1, groups=3)
        assert not convene(as_of=OLD, requesting_groups=1, groups=4)
        # The groups and representatives default to none, which never meets a share.
        assert not convene(as_of=OLD) and not convene()

    @pytest.mark.parametrize(
        ("kw", "problems"),
        [
            ({"adults": 10.0}, [("adults", "wrong_type", "must be a whole number, got float")]),
            (
                {"requesting_households": True},
                [("requesting_households", "wrong_type", "must be a whole number, got bool")],
            ),
            ({"groups": "3"}, [("groups", "wrong_type", "must be a whole number, got str")]),
            (
                {"requesting_adults": -1},
                [("requesting_adults", "invalid_argument", "must be 0 or more, got -1")],
            ),
            ({"households": -1}, [("households", "invalid_argument", "must be 0 or more, got -1")]),
            (
                {"requesting_representatives": 4, "representatives": 3},
                [
                    (
                        "requesting_representatives",
                        "invalid_argument",
                        "4 cannot be more than the 3 representatives there are",
                    )
                ],
            ),
            (
                {"requesting_groups": 1},
                [
                    (
                        "requesting_groups",
                        "invalid_argument",
                        "1 cannot be more than the 0 groups there are",
                    )
                ],
            ),
            (
                {"requesting_representatives": 1, "adults": -1, "households": 1.5},
                [
                    ("adults", "invalid_argument", "must be 0 or more, got -1"),
                    ("households", "wrong_type", "must be a whole number, got float"),
                    (
                        "requesting_representatives",
                        "invalid_argument",
                        "1 cannot be more than the 0 representatives there are",
                    ),
                ],
            ),
        ],
    )
    def test_convening_refuses_counts_that_cannot_be(
        self, kw: dict[str, object], problems: list[tuple[str, str, str]]
    ) -> None:
        """Every count that cannot be is named, by its argument, in one ValidationError."""
        with pytest.raises(ValidationError) as info:
            convene(**kw)
        assert info.value.subject == "can_convene_residents_meeting"
        assert [(p.path, p.code, p.message) for p in info.value.problems] == problems

    def test_all_requesters_is_enough_and_equal_counts_are_allowed(self) -> None:
        assert convene(requesting_adults=100)
        assert convene(as_of=OLD, requesting_groups=3, groups=3)


class TestMeetingQuorum:
    """``meeting_quorum_met`` and the rule ``governance.meeting_quorum``."""

    @pytest.mark.parametrize(
        ("kw", "problems"),
        [
            ({"present": -1}, [("present", "invalid_argument")]),
            ({"present": 1.0}, [("present", "wrong_type")]),
            ({"entitled": True}, [("entitled", "wrong_type")]),
            ({"present": 101}, [("present", "invalid_argument")]),
            ({"present": -1, "entitled": -2}, [("present", "invalid_argument"),
                                               ("entitled", "invalid_argument")]),
            ({"kind": MeetingKind.CONSULTATION}, [("kind", "invalid_argument")]),
            ({"kind": MeetingKind.REPRESENTATIVES_MEETING, "as_of": OLD},
             [("as_of", "invalid_argument")]),
        ],
    )  # fmt: skip
    def test_each_refusal_is_named_and_coded(
        self, kw: dict[str, object], problems: list[tuple[str, str]]
    ) -> None:
        """A refusal names the function, each bad argument, and its stable code."""
        args: dict[str, object] = {
            "kind": MeetingKind.RESIDENTS_MEETING, "present": 50, "entitled": 100, "as_of": NEW
        } | kw  # fmt: skip
        with pytest.raises(ValidationError) as info:
            meeting_quorum_met(**args)  # type: ignore[arg-type]
        assert info.value.subject == "meeting_quorum_met"
        assert [(p.path, p.code) for p in info.value.problems] == problems

    @pytest.mark.parametrize(
        ("kw", "problems"),
        [
            ({"votes_for": -1}, [("votes_for", "invalid_argument")]),
            ({"present": "9"}, [("present", "wrong_type")]),
            ({"votes_for": 11}, [("votes_for", "invalid_argument")]),
        ],
    )
    def test_decision_refusals_are_named_and_coded(
        self, kw: dict[str, object], problems: list[tuple[str, str]]
    ) -> None:
        args: dict[str, object] = {"votes_for": 5, "present": 10, "as_of": NEW} | kw
        with pytest.raises(ValidationError) as info:
            decision_passes(**args)  # type: ignore[arg-type]
        assert info.value.subject == "decision_passes"
        assert [(p.path, p.code) for p in info.value.problems] == problems

    @pytest.mark.parametrize("day", [OLD, NEW])
    def test_residents_meeting_quorum_is_more_than_half(self, day: dt.date) -> None:
        kind = MeetingKind.RESIDENTS_MEETING
        assert not meeting_quorum_met(kind=kind, present=50, entitled=100, as_of=day)
        assert meeting_quorum_met(kind=kind, present=51, entitled=100, as_of=day)
        assert meeting_quorum_met(kind=kind, present=51, entitled=101, as_of=day)
        assert not meeting_quorum_met(kind=kind, present=0, entitled=0, as_of=day)

    def test_representatives_meeting_quorum_two_thirds_from_2026_only(self) -> None:
        kind = MeetingKind.REPRESENTATIVES_MEETING
        assert meeting_quorum_met(kind=kind, present=20, entitled=30, as_of=NEW)
        assert not meeting_quorum_met(kind=kind, present=19, entitled=30, as_of=NEW)
        with pytest.raises(ValueError, match="no quorum"):
            meeting_quorum_met(kind=kind, present=30, entitled=30, as_of=OLD)
        with pytest.raises(ValueError, match="no quorum"):
            meeting_quorum_met(kind=MeetingKind.CONSULTATION, present=3, entitled=3, as_of=NEW)

    @given(st.integers(0, 400), st.integers(0, 400), st.sampled_from([OLD, NEW]))
    def test_quorum_and_decisions_are_monotone(self, a: int, b: int, day: dt.date) -> None:
        lo, hi = sorted((a, b))
        kind = MeetingKind.RESIDENTS_MEETING
        assert meeting_quorum_met(
            kind=kind, present=lo, entitled=hi, as_of=day
        ) <= meeting_quorum_met(kind=kind, present=hi, entitled=hi, as_of=day)
        passed = decision_passes(votes_for=lo, present=hi, as_of=day)
        assert passed == (2 * lo > hi)

    def test_quorum_under_the_policy_given(self) -> None:
        strict = attrs.evolve(
            NATIONAL, residents_meeting_quorum=_two_thirds("residents_meeting_quorum")
        )
        kind = MeetingKind.RESIDENTS_MEETING
        assert meeting_quorum_met(kind=kind, present=60, entitled=100, as_of=AS_OF)
        assert not meeting_quorum_met(
            kind=kind, present=60, entitled=100, as_of=AS_OF, policy=strict
        )
        # A representatives' quorum that a policy sets is used even before the 2025 text.
        reps = attrs.evolve(
            NATIONAL, representatives_meeting_quorum=strict.residents_meeting_quorum
        )
        rk = MeetingKind.REPRESENTATIVES_MEETING
        with pytest.raises(ValueError, match="sets no quorum"):
            meeting_quorum_met(kind=rk, present=60, entitled=100, as_of=AS_OF)
        assert meeting_quorum_met(kind=rk, present=67, entitled=100, as_of=AS_OF, policy=reps)
        assert not meeting_quorum_met(kind=rk, present=66, entitled=100, as_of=AS_OF, policy=reps)

    def test_meetings_are_judged_by_the_law_of_their_day(self) -> None:

        ds = Dataset(
            communities=(C,),
            meetings=(
                quorum_meeting(1, MeetingKind.REPRESENTATIVES_MEETING, NEW, 19, ("决定",)),
                quorum_meeting(
                    2, MeetingKind.REPRESENTATIVES_MEETING, OLD, 10, ("决定",)
                ),  # no quorum in law
                quorum_meeting(3, MeetingKind.RESIDENTS_MEETING, OLD, 15, ("决定",)),
                quorum_meeting(4, MeetingKind.RESIDENTS_MEETING, OLD, 15, ()),
                quorum_meeting(5, MeetingKind.RESIDENTS_MEETING, OLD, 16, ("决定",)),
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

    def test_meetings_after_as_of_or_before_the_1989_law_are_not_judged(self) -> None:
        def quorum_meeting(mid: str, held: dt.date) -> Meeting:
            kind = MeetingKind.RESIDENTS_MEETING
            return Meeting(
                id=mid,
                community_id="c1",
                kind=kind,
                held_on=held,
                entitled=100,
                present=10,
                topic="议题",
            )

        ds = Dataset(
            communities=(community_1200(),),
            meetings=(
                quorum_meeting("m1", NEW),
                quorum_meeting("m2", NEW + dt.timedelta(days=1)),  # after as_of: not known yet
                quorum_meeting("m3", dt.date(1989, 12, 31)),  # before the 1989 law took effect
                quorum_meeting("m4", dt.date(1990, 1, 1)),  # its first day
            ),
        )
        found = check_dataset(
            ds, as_of=NEW, policy=national_policy(NEW), rules=["governance.meeting_quorum"]
        )
        assert [(f.subject_id, f.severity) for f in found] == [
            ("m1", Severity.INFO),
            ("m4", Severity.INFO),
        ]

    def test_meeting_quorum_findings_are_worded_in_both_languages(self) -> None:
        from shequ_core.rules import RULES

        rule = RULES["governance.meeting_quorum"]
        new = dt.date(2026, 6, 30)
        zh = [f.message for f in rule(_meetings(), as_of=new, policy=national_policy(new))]
        assert zh == [
            "会议m1（2026-06-30）实到19人/应到30人，未达到2/3以上，却作出2项决定",
            "会议m4（2025-06-30）实到15人/应到30人，未达到超过1/2",
        ]
        en = [
            f.message for f in rule(_meetings(), as_of=new, policy=national_policy(new), lang="en")
        ]
        assert en == [
            "meeting m1 on 2026-06-30: 19 of 30 present, short of at least 2/3, "
            "yet 2 decisions were recorded",
            "meeting m4 on 2025-06-30: 15 of 30 present, short of more than 1/2",
        ]

    def test_meeting_quorum_rule_reads_the_policy_given(self) -> None:
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


class TestDecisionPasses:
    """``decision_passes``: more than half of those present."""

    def test_decision_needs_more_than_half_of_those_present(self) -> None:
        assert not decision_passes(votes_for=5, present=10)
        assert decision_passes(votes_for=6, present=10)
        assert decision_passes(votes_for=6, present=11)
        assert not decision_passes(votes_for=0, present=0, as_of=OLD)

    def test_decision_passes_under_the_policy_given(self) -> None:
        strict = attrs.evolve(NATIONAL, decision_majority=_two_thirds("decision_majority"))
        assert decision_passes(votes_for=6, present=10, as_of=AS_OF)
        assert not decision_passes(votes_for=6, present=10, as_of=AS_OF, policy=strict)
        assert decision_passes(votes_for=7, present=10, as_of=AS_OF, policy=strict)
        # Without a date the latest text decides: also more than half.
        assert decision_passes(votes_for=6, present=10, policy=None)
        assert not decision_passes(votes_for=5, present=10)


class TestCommitteeSize:
    """``committee_size_findings``: 5–9 members, a woman among them from 2026."""

    def test_committee_size_five_to_nine_in_both_texts(self) -> None:
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

    def test_only_committee_roles_of_the_community_count(self) -> None:
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

    @pytest.mark.parametrize(
        ("day", "law", "article"),
        [
            (dt.date(2005, 12, 1), "妇女权益保障法（2005年修正）", "第十一条第三款"),
            (dt.date(2022, 12, 31), "妇女权益保障法（2018年修正）", "第十一条第三款"),
            (dt.date(2023, 1, 1), "妇女权益保障法（2022年修订）", "第十四条第三款"),
            (OLD, "妇女权益保障法（2022年修订）", "第十四条第三款"),
            (NEW, "城市居民委员会组织法（2025年修订）", "第八条"),
        ],
    )
    def test_a_woman_is_required_by_the_text_in_force(
        self, day: dt.date, law: str, article: str
    ) -> None:
        """The duty did not start in 2026: the women's rights law required women among
        the committee's members from its 2005 amendment; each date cites its text."""
        men = [member(i) for i in range(5)]
        (f,) = committee_size_findings(C, men, day)
        assert f.rule == "governance.committee_women" and f.severity is Severity.VIOLATION
        assert law in f.basis.title and f.basis.article == article
        assert f.basis.in_force(day)
        assert committee_size_findings(C, [*men[:4], member(9, Sex.FEMALE)], day) == []
        (unknown,) = committee_size_findings(C, [*men[:4], member(9, None)], day)
        assert unknown.severity is Severity.INFO

    def test_no_woman_was_required_before_the_2005_amendment(self) -> None:
        men = [member(i) for i in range(5)]
        assert committee_size_findings(C, men, dt.date(2005, 11, 30)) == []
        assert committee_size_findings(C, men, dt.date(1990, 1, 1)) == []

    def test_one_person_two_posts_counts_once(self) -> None:
        """一肩挑 and 交叉任职: a secretary who is also the director, or a committee
        member, is a member of the committee; a plain secretary is not."""
        four = [member(i, Sex.FEMALE) for i in range(4)]
        secretary = member(8, role=StaffRole.PARTY_SECRETARY)
        assert committee_size_findings(C, [*four, secretary], NEW)[0].actual == 4
        both = attrs.evolve(secretary, extra_roles={StaffRole.DIRECTOR})
        assert committee_size_findings(C, [*four, both], NEW) == []
        crossed = attrs.evolve(secretary, extra_roles={StaffRole.COMMITTEE_MEMBER})
        assert committee_size_findings(C, [*four, crossed], NEW) == []


class TestMediationCommittee:
    """``mediation_committee_findings``: 3–9 members (人民调解法 第8条)."""

    @pytest.mark.parametrize(("n", "bad"), [(2, True), (3, False), (9, False), (10, True)])
    def test_mediation_committee_three_to_nine(self, n: int, bad: bool) -> None:
        team, ds = _mediation(n)
        found = mediation_committee_findings(team, ds, policy=national_policy(NEW))
        assert bool(found) is bad
        if found:
            assert (
                found[0].basis.title == "中华人民共和国人民调解法"
                and found[0].basis.article == "第八条"
            )
            assert found[0].subject_id == "t1"

    def test_mediation_rule_refuses_other_teams(self) -> None:
        team = VolunteerTeam(
            id="t2", community_id="c1", name="文体队", kind=TeamKind.CULTURE_SPORTS
        )
        with pytest.raises(ValueError, match="not a mediation committee"):
            mediation_committee_findings(
                team, Dataset(communities=(C,), teams=(team,)), policy=national_policy(NEW)
            )

    def test_mediation_committee_size_is_worded_in_chinese_by_default(self) -> None:
        as_of = dt.date(2025, 6, 30)
        team = VolunteerTeam(id="t1", community_id="c1", name="调委会", kind=TeamKind.MEDIATION)
        members = tuple(
            Volunteer(
                id=f"v{i}",
                community_id="c1",
                name="调解员",
                registered_on=dt.date(2016, 5, 1),
                team_id="t1",
            )
            for i in range(2)
        )
        ds = Dataset(communities=(DONGFENG,), teams=(team,), volunteers=members)
        policy = national_policy(as_of)
        (zh,) = mediation_committee_findings(team, ds, policy=policy)
        assert zh.message == "调解委员会t1有2名成员，应为3–9人"
        (en,) = mediation_committee_findings(team, ds, policy=policy, lang="en")
        assert en.message == "mediation committee t1 has 2 members; the law requires 3–9"
        assert (en.actual, en.subject_id) == (2, "t1")


class TestMediationDuties:
    """人民调解法 第八条: a mediation committee in every community (第一款) with a woman
    member (第三款), from 2011; staff on the team count as members."""

    def test_a_community_without_a_mediation_committee(self) -> None:
        rule = RULES["governance.mediation_committee"]
        ds = Dataset(communities=(C,))
        (f,) = rule(ds, as_of=dt.date(2011, 1, 1), policy=national_policy(dt.date(2011, 1, 1)))
        assert (f.subject_id, f.severity, f.actual, f.required) == ("c1", Severity.VIOLATION, 0, 1)
        assert f.basis.title == "中华人民共和国人民调解法" and f.basis.article == "第八条第一款"
        assert f.message == "社区未设立人民调解委员会"
        before = dt.date(2010, 12, 31)
        assert rule(ds, as_of=before, policy=national_policy(before)) == []
        team, with_team = _mediation(3)
        assert rule(with_team, as_of=NEW, policy=national_policy(NEW)) == []
        other = attrs.evolve(team, kind=TeamKind.VOLUNTEER)
        assert len(rule(with_team.replace(teams=(other,)), as_of=NEW, policy=national_policy(NEW)))

    def test_a_woman_among_the_mediators(self) -> None:
        team, ds = _mediation(3)
        vols = [attrs.evolve(v, sex=Sex.MALE) for v in ds.volunteers]
        ds = ds.replace(volunteers=tuple(vols))
        law = national_policy(dt.date(2011, 1, 1))
        (f,) = mediation_women_findings(team, ds, policy=law)
        assert (f.rule, f.severity, f.subject_id) == (
            "governance.mediation_committee_women",
            Severity.VIOLATION,
            "t1",
        )
        assert f.basis.article == "第八条第三款"
        assert (
            mediation_women_findings(team, ds, policy=national_policy(dt.date(2010, 12, 31))) == []
        )
        # A woman on the staff, on the team through team_ids, is a member.
        woman = attrs.evolve(member(1, Sex.FEMALE), team_ids={"t1"})
        with_staff = ds.replace(staff=(woman,))
        assert mediation_women_findings(team, with_staff, policy=law) == []
        (size,) = mediation_committee_findings(
            team, with_staff.replace(volunteers=tuple(vols[:1])), policy=law
        )
        assert size.actual == 2  # one volunteer and one staff member
        # Unknown sex: cannot tell.
        unknown = ds.replace(volunteers=(*vols[:2], attrs.evolve(vols[2], sex=None)))
        (f,) = mediation_women_findings(team, unknown, policy=law)
        assert f.severity is Severity.INFO
        # No members at all: left to the size rule.
        empty, none = _mediation(0)
        assert mediation_women_findings(empty, none, policy=law) == []
        with pytest.raises(ValueError, match="not a mediation committee"):
            mediation_women_findings(attrs.evolve(team, kind=TeamKind.OTHER), ds, policy=law)
