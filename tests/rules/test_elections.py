"""Committee elections (``rules.elections``): every number of the 2025 committee law pinned
on both sides of its edge and of the law's dates (the 2018 amendment, 2026-01-01), and
the laws of the election calendar over all days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shequ_core._messages_zh import GENERIC
from shequ_core.calendar import china_calendar
from shequ_core.entities import (
    Basis,
    BasisKind,
    Community,
    CommunityKind,
    Dataset,
    ElectionKind,
    TimeLimit,
    TimeUnit,
)
from shequ_core.errors import ValidationError
from shequ_core.policy import (
    Policy,
    StatutoryLimit,
    national_policy,
    policy_from_dict,
    policy_to_dict,
)
from shequ_core.rules import RULES, Finding, Severity, check_dataset
from shequ_core.rules.elections import (
    Step,
    candidate_result,
    election_timeline,
    election_validity,
    enough_candidates,
    max_proxies,
    nomination_valid,
    proxies_allowed,
    recall_may_start,
    recall_passes,
    runoff_needed,
    runoff_result,
    term_end,
    term_findings,
)

NEW_LAW = dt.date(2026, 1, 1)  # the 2025 revision takes effect
OLD_LAW = dt.date(2025, 12, 31)  # the last day of the 2018 text
AMENDED = dt.date(2018, 12, 29)  # the 2018 amendment: a term of 5 years
BEFORE_AMENDMENT = dt.date(2018, 12, 28)
LAW_2025 = "中华人民共和国城市居民委员会组织法（2025年修订）"
LAW_2018 = "中华人民共和国城市居民委员会组织法（2018年修正）"
LAW_1989 = "中华人民共和国城市居民委员会组织法"

DIRECT = ElectionKind.DIRECT
HOUSEHOLDS = ElectionKind.HOUSEHOLD_REPRESENTATIVES
REPRESENTATIVES = ElectionKind.RESIDENTS_REPRESENTATIVES
CALENDAR = china_calendar()


class TestValidity:
    """第十九条第一款: 过半数 of voters or household representatives, 超过三分之二 of the
    residents' representatives, must take part."""

    @pytest.mark.parametrize("kind", [DIRECT, HOUSEHOLDS])
    @pytest.mark.parametrize(
        ("registered", "voted", "valid"),
        [(100, 50, False), (100, 51, True), (101, 50, False), (101, 51, True), (1, 1, True)],
    )
    def test_more_than_half(
        self, kind: ElectionKind, registered: int, voted: int, valid: bool
    ) -> None:
        r = election_validity(kind, registered=registered, voted=voted, on=NEW_LAW)
        assert r.holds is valid
        assert (r.basis.title, r.article) == (LAW_2025, "第十九条第一款")
        assert (r.comparison, r.threshold, r.inclusive) == ("超过", 0.5, False)

    @pytest.mark.parametrize(
        ("registered", "voted", "valid", "needed"),
        [
            (30, 20, False, 21),
            (30, 21, True, 21),
            (31, 20, False, 21),
            (31, 21, True, 21),
            (3, 2, False, 3),
            (3, 3, True, 3),
        ],
    )
    def test_more_than_two_thirds_of_representatives(
        self, registered: int, voted: int, valid: bool, needed: int
    ) -> None:
        r = election_validity(REPRESENTATIVES, registered=registered, voted=voted, on=NEW_LAW)
        assert (r.holds, r.needed) == (valid, needed)
        assert "超过2/3" in r.explanation_zh and "more than 2/3" in r.explanation

    @pytest.mark.parametrize("kind", list(ElectionKind))
    def test_the_2018_text_set_no_turnout(self, kind: ElectionKind) -> None:
        r = election_validity(kind, registered=100, voted=100, on=OLD_LAW)
        assert r.holds is None and r.threshold is None
        assert (r.basis.title, r.article) == (LAW_2018, "第八条")
        assert "省" in r.explanation_zh and "province" in r.explanation

    def test_the_law_of_the_election_day_whatever_the_policy(self) -> None:
        """A policy made for 2026 does not lend its numbers to an election of 2025."""
        r = election_validity(
            DIRECT, registered=10, voted=9, on=OLD_LAW, policy=national_policy(NEW_LAW)
        )
        assert r.holds is None
        r = election_validity(
            DIRECT, registered=10, voted=6, on=NEW_LAW, policy=national_policy(OLD_LAW)
        )
        assert r.holds is True

    def test_a_province_may_set_its_own_numbers(self) -> None:
        province = Basis(title="某省居民委员会选举办法", kind=BasisKind.LOCAL_REGULATION)
        own = attrs.evolve(
            national_policy(OLD_LAW),
            election_turnout_voters=attrs.evolve(
                national_policy(NEW_LAW).election_turnout_voters, basis=province
            ),
        )
        r = election_validity(DIRECT, registered=10, voted=6, on=OLD_LAW, policy=own)
        assert r.holds is True and r.basis == province

    def test_nothing_voted_of_nobody_is_not_valid(self) -> None:
        assert election_validity(DIRECT, registered=0, voted=0, on=NEW_LAW).holds is False

    @pytest.mark.parametrize(
        ("kwargs", "loc"),
        [
            ({"registered": 10, "voted": 11}, "voted"),
            ({"registered": -1, "voted": 0}, "registered"),
            ({"registered": 10, "voted": 1.5}, "voted"),
        ],
    )
    def test_bad_counts_are_refused(self, kwargs: dict[str, object], loc: str) -> None:
        with pytest.raises(ValidationError) as e:
            election_validity(DIRECT, on=NEW_LAW, **kwargs)
        assert [p.loc for p in e.value.problems] == [(loc,)]

    def test_a_kind_and_a_day_are_checked(self) -> None:
        with pytest.raises(ValidationError):
            election_validity("direct", registered=1, voted=1, on=NEW_LAW)
        with pytest.raises(ValidationError) as e:
            election_validity(DIRECT, registered=1, voted=1, on=dt.datetime(2026, 1, 1))
        (p,) = e.value.problems
        assert (p.loc, p.code, p.message) == (
            ("on",),
            "wrong_type",
            "must be a date, got datetime",
        )


class TestCandidates:
    """第十九条第二款: 参加投票的人员过半数的选票 elects; a further election for the seats
    left, whose candidate needs 不少于 a third of the ballots cast."""

    @pytest.mark.parametrize(
        ("votes", "cast", "elected"),
        [(50, 100, False), (51, 100, True), (50, 101, False), (51, 101, True)],
    )
    @pytest.mark.parametrize("kind", list(ElectionKind))
    def test_more_than_half_of_those_who_voted(
        self, votes: int, cast: int, elected: bool, kind: ElectionKind
    ) -> None:
        r = candidate_result(votes, cast=cast, kind=kind, on=NEW_LAW)
        assert r.holds is elected
        assert r.article == "第十九条第二款" and r.comparison == "超过"

    def test_before_2026_no_share(self) -> None:
        assert candidate_result(99, cast=100, kind=DIRECT, on=OLD_LAW).holds is None

    @pytest.mark.parametrize(
        ("votes", "cast", "elected"),
        [(32, 99, False), (33, 99, True), (33, 100, False), (34, 100, True)],
    )
    def test_a_further_election_needs_a_third_or_more(
        self, votes: int, cast: int, elected: bool
    ) -> None:
        r = runoff_result(votes, cast=cast, on=NEW_LAW)
        assert r.holds is elected
        assert (r.comparison, r.article) == ("以上", "第十九条第二款")
        assert runoff_result(votes, cast=cast, on=OLD_LAW).holds is None

    def test_a_further_election_for_the_seats_left(self) -> None:
        assert runoff_needed(4, seats=5, on=NEW_LAW).holds is True
        assert runoff_needed(5, seats=5, on=NEW_LAW).holds is False
        assert runoff_needed(4, seats=5, on=OLD_LAW).holds is None
        with pytest.raises(ValidationError):
            runoff_needed(6, seats=5, on=NEW_LAW)


class TestProxies:
    """第十九条第四款: 每一选民接受的委托不得超过三人; none for a candidate or in an
    election by residents' representatives."""

    def test_three_from_2026_none_before(self) -> None:
        limit = max_proxies(NEW_LAW)
        assert limit is not None and limit.value == 3
        assert (limit.basis.title, limit.basis.article) == (LAW_2025, "第十九条第四款")
        assert max_proxies(OLD_LAW) is None
        zero = max_proxies(NEW_LAW, kind=REPRESENTATIVES)
        assert zero is not None and zero.value == 0 and zero.basis == limit.basis

    @pytest.mark.parametrize(
        ("proxies", "kind", "candidate", "allowed"),
        [
            (3, DIRECT, False, True),
            (4, DIRECT, False, False),
            (3, HOUSEHOLDS, False, True),
            (4, HOUSEHOLDS, False, False),
            (0, DIRECT, True, True),
            (1, DIRECT, True, False),
            (0, REPRESENTATIVES, False, True),
            (1, REPRESENTATIVES, False, False),
        ],
    )
    def test_at_most_three(
        self, proxies: int, kind: ElectionKind, candidate: bool, allowed: bool
    ) -> None:
        r = proxies_allowed(proxies, kind=kind, candidate=candidate, on=NEW_LAW)
        assert r.holds is allowed
        assert proxies_allowed(proxies, kind=kind, candidate=candidate, on=OLD_LAW).holds is None


class TestRecall:
    """第二十条第一款: 十分之一以上 of the voters or household representatives, or
    三分之一以上 of the residents' representatives, may propose a recall."""

    @pytest.mark.parametrize(
        ("kind", "supporters", "electorate", "may"),
        [
            (DIRECT, 99, 1000, False),
            (DIRECT, 100, 1000, True),
            (HOUSEHOLDS, 30, 301, False),
            (HOUSEHOLDS, 31, 301, True),
            (REPRESENTATIVES, 9, 30, False),
            (REPRESENTATIVES, 10, 30, True),
            (REPRESENTATIVES, 10, 31, False),
            (REPRESENTATIVES, 11, 31, True),
        ],
    )
    def test_the_share_itself_suffices(
        self, kind: ElectionKind, supporters: int, electorate: int, may: bool
    ) -> None:
        r = recall_may_start(supporters=supporters, electorate=electorate, kind=kind, on=NEW_LAW)
        assert r.holds is may
        assert (r.comparison, r.article) == ("以上", "第二十条第一款")
        old = recall_may_start(supporters=supporters, electorate=electorate, kind=kind, on=OLD_LAW)
        assert old.holds is None and old.article == "第八条"


class TestRecallVote:
    """第二十条第二款: the vote is held the way the member was elected, with an election's
    turnout, and carried by more than half of those who voted."""

    @pytest.mark.parametrize(
        ("kind", "electorate", "voted", "votes_for", "passes", "article"),
        [
            (DIRECT, 100, 50, 50, False, "第二十条第二款"),  # too few voted: void
            (DIRECT, 100, 51, 25, False, "第二十条第二款"),
            (DIRECT, 100, 51, 26, True, "第二十条第二款"),
            (HOUSEHOLDS, 100, 60, 30, False, "第二十条第二款"),
            (HOUSEHOLDS, 100, 60, 31, True, "第二十条第二款"),
            (REPRESENTATIVES, 30, 20, 20, False, "第二十条第二款"),  # exactly 2/3: void
            (REPRESENTATIVES, 30, 21, 11, True, "第二十条第二款"),
        ],
    )
    def test_turnout_then_majority(
        self,
        kind: ElectionKind,
        electorate: int,
        voted: int,
        votes_for: int,
        passes: bool,
        article: str,
    ) -> None:
        r = recall_passes(
            kind=kind, electorate=electorate, voted=voted, votes_for=votes_for, on=NEW_LAW
        )
        assert (r.holds, r.article, r.basis.title) == (passes, article, LAW_2025)
        old = recall_passes(
            kind=kind, electorate=electorate, voted=voted, votes_for=votes_for, on=OLD_LAW
        )
        assert old.holds is None

    def test_a_void_vote_says_so(self) -> None:
        r = recall_passes(kind=DIRECT, electorate=100, voted=50, votes_for=50, on=NEW_LAW)
        assert (r.part, r.whole, r.needed) == (50, 100, 51)
        with pytest.raises(ValidationError):
            recall_passes(kind=DIRECT, electorate=100, voted=50, votes_for=51, on=NEW_LAW)


class TestNomination:
    """第十八条: 十名以上选民联合提名推荐; more candidates than seats."""

    def test_ten_voters_suffice(self) -> None:
        assert nomination_valid(9, on=NEW_LAW).holds is False
        r = nomination_valid(10, on=NEW_LAW)
        assert (r.holds, r.needed, r.article) == (True, 10, "第十八条")
        assert nomination_valid(10, on=OLD_LAW).holds is None

    def test_more_candidates_than_seats(self) -> None:
        assert enough_candidates(7, seats=7, on=NEW_LAW).holds is False
        assert enough_candidates(8, seats=7, on=NEW_LAW).holds is True
        assert enough_candidates(7, seats=7, on=OLD_LAW).holds is None


class TestTerm:
    """The term in force on the election day: 3 years under the 1989 text, 5 from the
    2018 amendment (第八条) and under the 2025 text (第十四条)."""

    @pytest.mark.parametrize(
        ("elected", "ends", "years", "title", "article"),
        [
            (dt.date(2015, 6, 1), dt.date(2018, 6, 1), 3, LAW_1989, "第八条"),
            (BEFORE_AMENDMENT, dt.date(2021, 12, 28), 3, LAW_1989, "第八条"),
            (AMENDED, dt.date(2023, 12, 29), 5, LAW_2018, "第八条"),
            (OLD_LAW, dt.date(2030, 12, 31), 5, LAW_2018, "第八条"),
            (NEW_LAW, dt.date(2031, 1, 1), 5, LAW_2025, "第十四条"),
            (dt.date(2016, 2, 29), dt.date(2019, 2, 28), 3, LAW_1989, "第八条"),
            (dt.date(2020, 2, 29), dt.date(2025, 2, 28), 5, LAW_2018, "第八条"),
        ],
    )
    def test_term_of_the_election_day(
        self, elected: dt.date, ends: dt.date, years: int, title: str, article: str
    ) -> None:
        end = term_end(elected, policy=national_policy(NEW_LAW))
        assert (end.ends_on, end.years, end.basis.title, end.basis.article) == (
            ends,
            years,
            title,
            article,
        )

    def test_no_term_before_1990(self) -> None:
        with pytest.raises(ValidationError):
            term_end(dt.date(1989, 12, 31))

    def test_a_term_past_the_last_date_python_holds_is_refused(self) -> None:
        """Elected in 9998, the term would end in 10003: a ValidationError at elected_on,
        not the ValueError of date.replace; the terms' check then has nothing to say."""
        with pytest.raises(ValidationError) as e:
            term_end(dt.date(9998, 3, 1))
        (p,) = e.value.problems
        assert (p.loc, p.code) == (("elected_on",), "out_of_range")
        ds = Dataset(communities=(_community(dt.date(9998, 3, 1)),))
        last = dt.date.max
        assert term_findings(ds, as_of=last, policy=national_policy(last)) == []


def _community(elected: dt.date | None) -> Community:
    return Community(
        id="C1",
        name="幸福社区",
        town="平地泉镇",
        kind=CommunityKind.ORDINARY,
        households=1500,
        residents=4000,
        committee_elected_on=elected,
    )


class TestTermFindings:
    """A term ending within the horizon (180 days) is INFO, one ended is a VIOLATION."""

    ELECTED = dt.date(2021, 6, 1)  # ends 2026-06-01 (2018 第八条: 5 years)

    def findings(self, as_of: dt.date, **kw: Any) -> list[Finding]:
        ds = Dataset(communities=(_community(self.ELECTED),))
        return term_findings(ds, as_of=as_of, policy=national_policy(as_of), **kw)

    @pytest.mark.parametrize(
        ("as_of", "severity", "left"),
        [
            (dt.date(2025, 12, 2), None, None),  # 181 days left
            (dt.date(2025, 12, 3), Severity.INFO, 180),
            (dt.date(2026, 6, 1), Severity.INFO, 0),
            (dt.date(2026, 6, 2), Severity.VIOLATION, -1),
        ],
    )
    def test_severity_by_days_left(
        self, as_of: dt.date, severity: Severity | None, left: int | None
    ) -> None:
        found = self.findings(as_of)
        if severity is None:
            assert found == []
            return
        (f,) = found
        assert (f.severity, f.required, f.actual) == (severity, left, "2026-06-01")
        assert (f.basis.title, f.basis.article) == (LAW_2018, "第八条")

    def test_the_horizon_may_be_given(self) -> None:
        assert self.findings(dt.date(2026, 5, 1), horizon_days=30) == []
        assert len(self.findings(dt.date(2026, 5, 2), horizon_days=30)) == 1
        with pytest.raises(ValidationError):
            self.findings(dt.date(2026, 5, 2), horizon_days=-1)

    def test_a_3_year_term_of_2018_ended_in_2021(self) -> None:
        ds = Dataset(communities=(_community(dt.date(2018, 6, 1)),))
        found = check_dataset(
            ds,
            as_of=dt.date(2021, 6, 2),
            policy=national_policy(dt.date(2021, 6, 2)),
            rules=["elections.committee_term"],
            lang="en",
        )
        (f,) = found
        assert f.severity is Severity.VIOLATION and f.basis.title == LAW_1989
        assert "3-year term ended on 2021-06-01" in f.message

    def test_silent_without_an_election_day(self) -> None:
        ds = Dataset(communities=(_community(None),))
        assert term_findings(ds, as_of=NEW_LAW, policy=national_policy(NEW_LAW)) == []
        assert "elections.committee_term" in RULES


class TestTimeline:
    """The 2025 text's periods around an election on Sunday 17 May 2026."""

    DAY = dt.date(2026, 5, 17)

    def test_the_steps_and_their_days(self) -> None:
        steps = election_timeline(self.DAY, meeting_day=dt.date(2026, 3, 1))
        got = [(s.name_zh, s.first_day, s.last_day, s.article) for s in steps]
        d = dt.date
        assert got == [
            ("召集推选居民选举委员会的居民会议，提前通知居民", None, d(2026, 2, 19), "第二十六条"),
            ("公布选民名单", None, d(2026, 4, 27), "第十七条"),
            ("公布户的代表或者新一届居民代表名单", None, d(2026, 4, 27), "第十七条"),
            ("对名单提出申诉", d(2026, 4, 27), d(2026, 5, 2), "第十七条"),
            ("作出处理决定并公布", d(2026, 4, 27), d(2026, 5, 5), "第十七条"),
            ("提名推荐候选人、候选人与居民见面", None, None, "第十八条"),
            ("公布主任离任经济责任审计结果", None, d(2026, 5, 16), "第三十八条第二款"),
            ("选举日", self.DAY, self.DAY, "第十四条"),
            ("工作移交", self.DAY, d(2026, 5, 27), "第二十五条"),
        ]
        assert all(s.basis.title == LAW_2025 for s in steps)
        assert {s.unit for s in steps if s.last_day and s.name != "election"} == {
            TimeUnit.NATURAL_DAYS
        }
        assert "省级选举办法" in steps[5].note_zh

    def test_a_direct_election_has_no_list_of_representatives(self) -> None:
        names = [s.name_zh for s in election_timeline(self.DAY, kind=DIRECT)]
        assert "公布户的代表或者新一届居民代表名单" not in names
        assert names[0] == "召集推选居民选举委员会的居民会议，提前通知居民"

    def test_the_days_given_move_the_periods(self) -> None:
        steps = election_timeline(
            self.DAY, list_published_on=dt.date(2026, 4, 20), formed_on=dt.date(2026, 5, 18)
        )
        by = {s.name_zh: s for s in steps}
        assert by["对名单提出申诉"].last_day == dt.date(2026, 4, 25)
        assert by["作出处理决定并公布"].last_day == dt.date(2026, 4, 28)
        assert by["工作移交"].last_day == dt.date(2026, 5, 28)

    def test_a_step_past_the_last_date_python_holds_is_refused(self) -> None:
        """An election on 9999-12-28: its handover would end in year 10000, a
        ValidationError at election_day rather than date arithmetic's OverflowError."""
        with pytest.raises(ValidationError) as e:
            election_timeline(dt.date(9999, 12, 28))
        (p,) = e.value.problems
        assert (p.loc, p.code) == (("election_day",), "out_of_range")
        assert p.message_zh != GENERIC["out_of_range"]

    def test_days_in_the_wrong_order_are_refused(self) -> None:
        with pytest.raises(ValidationError) as e:
            election_timeline(self.DAY, meeting_day=self.DAY, formed_on=dt.date(2026, 5, 16))
        assert {p.loc for p in e.value.problems} == {("meeting_day",), ("formed_on",)}

    def test_before_2026_the_election_alone(self) -> None:
        (step,) = election_timeline(OLD_LAW)
        assert (step.first_day, step.basis.title, step.article) == (OLD_LAW, LAW_2018, "第八条")
        (step,) = election_timeline(BEFORE_AMENDMENT)
        assert step.basis.title == LAW_1989

    def test_the_first_day_of_the_new_law(self) -> None:
        steps = election_timeline(NEW_LAW)
        assert steps[1].last_day == dt.date(2025, 12, 12) and steps[1].basis.title == LAW_2025

    def test_roll_forward_carries_a_period_past_a_holiday(self) -> None:
        day = dt.date(2026, 10, 22)  # list by 10-02, objections to 10-07 (国庆 holiday)
        assert not CALENDAR.is_working_day(dt.date(2026, 10, 7))
        plain = {s.name_zh: s for s in election_timeline(day, kind=DIRECT)}
        rolled = {s.name_zh: s for s in election_timeline(day, kind=DIRECT, roll_forward=True)}
        assert plain["对名单提出申诉"].last_day == dt.date(2026, 10, 7)
        assert rolled["对名单提出申诉"].last_day == dt.date(2026, 10, 8)
        assert rolled["作出处理决定并公布"].last_day == dt.date(2026, 10, 12)  # 10-11 a Sunday


class TestPolicy:
    def test_election_numbers_start_on_2026_01_01(self) -> None:
        old, new = national_policy(OLD_LAW), national_policy(NEW_LAW)
        fields = [
            "election_turnout_voters",
            "election_turnout_households",
            "election_turnout_representatives",
            "election_majority",
            "election_runoff_minimum",
            "election_max_proxies",
            "election_nominators",
            "recall_voters",
            "recall_households",
            "recall_representatives",
            "recall_turnout_voters",
            "recall_turnout_households",
            "recall_turnout_representatives",
            "recall_majority",
            "election_voter_list_notice",
            "election_objection",
            "election_objection_decision",
            "election_handover",
            "residents_meeting_notice",
            "election_audit_notice",
        ]
        assert all(getattr(old, f) is None for f in fields)
        assert all(getattr(new, f).basis.title == LAW_2025 for f in fields)
        assert new.election_nominators is not None and new.election_nominators.value == 10
        assert old.election_due_horizon.basis.kind is BasisKind.LOCAL_PRACTICE
        assert policy_from_dict(policy_to_dict(new)) == new


# -- properties -------------------------------------------------------------------------

election_days = st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))
kinds = st.sampled_from(ElectionKind)


@settings(max_examples=60)
@given(kind=kinds, on=election_days, data=st.data())
def test_a_valid_election_stays_valid_when_more_vote(
    kind: ElectionKind, on: dt.date, data: st.DataObject
) -> None:
    registered = data.draw(st.integers(0, 10_000))
    voted = data.draw(st.integers(0, registered))
    more = data.draw(st.integers(voted, registered))
    before = election_validity(kind, registered=registered, voted=voted, on=on)
    after = election_validity(kind, registered=registered, voted=more, on=on)
    assert (before.holds is None) == (on < NEW_LAW) == (after.holds is None)
    if before.holds:
        assert after.holds
    if before.needed is not None:
        assert before.holds is (voted >= before.needed)


@settings(max_examples=60)
@given(on=election_days, data=st.data())
def test_more_votes_never_unelect(on: dt.date, data: st.DataObject) -> None:
    cast = data.draw(st.integers(0, 10_000))
    votes = data.draw(st.integers(0, cast))
    more = data.draw(st.integers(votes, cast))
    for check in (
        lambda v: candidate_result(v, cast=cast, kind=DIRECT, on=on),
        lambda v: runoff_result(v, cast=cast, on=on),
    ):
        if check(votes).holds:
            assert check(more).holds


@settings(max_examples=60)
@given(kind=kinds, on=election_days, data=st.data())
def test_a_recall_carried_stays_carried_with_more_votes_for_it(
    kind: ElectionKind, on: dt.date, data: st.DataObject
) -> None:
    electorate = data.draw(st.integers(0, 5_000))
    voted = data.draw(st.integers(0, electorate))
    votes_for = data.draw(st.integers(0, voted))
    more = data.draw(st.integers(votes_for, voted))
    args = {"kind": kind, "electorate": electorate, "voted": voted, "on": on}
    if recall_passes(votes_for=votes_for, **args).holds:
        assert recall_passes(votes_for=more, **args).holds


def _ordered(steps: Sequence[Step]) -> None:
    dated = [s.last_day for s in steps if s.last_day is not None]
    assert dated == sorted(dated)
    for s in steps:
        if s.first_day is not None and s.last_day is not None:
            assert s.first_day <= s.last_day
    assert [s.name for s in steps].count("election") == 1


@settings(max_examples=60)
@given(
    day=election_days,
    kind=st.none() | kinds,
    gap=st.none() | st.integers(30, 120),
)
def test_the_steps_are_in_order(day: dt.date, kind: ElectionKind | None, gap: int | None) -> None:
    meeting = day - dt.timedelta(days=gap) if gap is not None else None
    _ordered(election_timeline(day, kind=kind, meeting_day=meeting))


def _working_days_profile() -> Policy:
    """A made-up province that counts every election period in working days."""
    province = Basis(title="测试用省级选举办法（工作日）", kind=BasisKind.LOCAL_REGULATION)
    new = national_policy(NEW_LAW)
    changed: dict[str, Any] = {}
    for name in (
        "election_voter_list_notice",
        "election_objection",
        "election_objection_decision",
        "election_handover",
        "residents_meeting_notice",
    ):
        limit: StatutoryLimit = getattr(new, name)
        changed[name] = attrs.evolve(
            limit,
            limit=TimeLimit(amount=limit.limit.amount, unit=TimeUnit.WORKING_DAYS),
            basis=province,
        )
    return attrs.evolve(new, **changed)


WORKING = _working_days_profile()


@settings(max_examples=60)
@given(
    day=st.dates(dt.date(2002, 3, 1), dt.date(2026, 11, 30)),
    kind=st.none() | kinds,
    gap=st.none() | st.integers(45, 60),
)
def test_no_working_day_step_ends_on_a_rest_day(
    day: dt.date, kind: ElectionKind | None, gap: int | None
) -> None:
    meeting = day - dt.timedelta(days=gap) if gap is not None else None
    steps = election_timeline(
        day, kind=kind, meeting_day=meeting, policy=WORKING, calendar=CALENDAR
    )
    _ordered(steps)
    counted = [s for s in steps if s.unit is TimeUnit.WORKING_DAYS and s.last_day is not None]
    assert counted  # the profile's periods are there, on any day
    for s in counted:
        assert CALENDAR.is_working_day(s.last_day), s


@settings(max_examples=60)
@given(elected=election_days)
def test_a_term_is_3_or_5_years_by_the_day(elected: dt.date) -> None:
    end = term_end(elected)
    assert end.years == (5 if elected >= AMENDED else 3)
    assert end.ends_on.year == elected.year + end.years
    assert (end.ends_on - elected).days in range(365 * end.years, 366 * end.years + 1)
