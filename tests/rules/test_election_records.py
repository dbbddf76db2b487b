"""Recorded elections checked by ``check_dataset`` under the law of their day: the
2025 law's turnout (第十九条第一款), majority and further election (第十九条第二款) and
more candidates than seats (第十八条), each finding citing its article; the 2018 text
set none of these numbers, so an election held under it gets no finding."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shequ_core.strategies as S
from shequ_core import CandidateVotes, Dataset, Election, ElectionKind, StaffRole
from shequ_core.policy import national_policy
from shequ_core.rules import RuleId, Severity, check_dataset
from shequ_core.rules.election_records import election_findings
from tests.builders import community

DAY = dt.date(2026, 5, 16)
AS_OF = dt.date(2026, 6, 30)
POLICY = national_policy(AS_OF)
CHECKS = [RuleId.ELECTIONS_VALIDITY, RuleId.ELECTIONS_CANDIDATES, RuleId.ELECTIONS_RESULTS]
D, M = StaffRole.DIRECTOR, StaffRole.COMMITTEE_MEMBER


def election(**kw: Any) -> Election:
    """1,000 households, 600 voted; 主任 and two 委员 elected, with one loser each post."""
    fields: dict[str, Any] = {
        "id": "E1",
        "community_id": "c1",
        "held_on": DAY,
        "kind": ElectionKind.HOUSEHOLD_REPRESENTATIVES,
        "registered": 1000,
        "voted": 600,
        "seats": 3,
        "candidates": (
            CandidateVotes(name="甲", votes=450, post=D, elected=True),
            CandidateVotes(name="乙", votes=140, post=D, elected=False),
            CandidateVotes(name="丙", votes=420, post=M, elected=True),
            CandidateVotes(name="丁", votes=380, post=M, elected=True),
            CandidateVotes(name="戊", votes=200, post=M, elected=False),
        ),
    }
    fields.update(kw)
    return Election(**fields)


def findings(*elections: Election, as_of: dt.date = AS_OF) -> list[Any]:
    ds = Dataset(communities=(community("c1"),), elections=elections)
    return list(check_dataset(ds, as_of=as_of, policy=national_policy(as_of), rules=CHECKS))


def test_a_lawful_election_has_no_finding() -> None:
    assert findings(election()) == []


class TestTurnout:
    def test_half_of_the_households_is_not_enough(self) -> None:
        """过半数: 500 of 1,000 household representatives is not more than half; 501 is."""
        (f,) = findings(election(voted=500, candidates=()))
        assert f.rule == RuleId.ELECTIONS_VALIDITY
        assert f.basis.article == "第十九条第一款"
        assert "2025" in f.basis.title
        assert (f.actual, f.required) == (500, 501)
        assert f.severity is Severity.ADVISORY  # nobody was declared elected
        assert findings(election(voted=501, candidates=())) == []

    def test_winners_declared_in_an_invalid_election_are_a_violation(self) -> None:
        lines = (CandidateVotes(name="甲", votes=400, post=D, elected=True),)
        (f, *_) = findings(election(voted=500, candidates=lines))
        assert f.rule == RuleId.ELECTIONS_VALIDITY and f.severity is Severity.VIOLATION
        assert "E1" in f.message and "第十九条" in str(f.basis)

    def test_residents_representatives_need_more_than_two_thirds(self) -> None:
        """超过三分之二: 40 of 60 is exactly two thirds, not enough; 41 is."""
        rep = {"kind": ElectionKind.RESIDENTS_REPRESENTATIVES, "registered": 60}
        (f,) = findings(election(voted=40, candidates=(), **rep))
        assert f.required == 41
        assert findings(election(voted=41, candidates=(), **rep)) == []


class TestResults:
    def test_a_winner_with_half_the_votes_is_a_violation(self) -> None:
        """过半数 of those who took part: 300 of 600 is not elected; 301 is."""
        lines = (
            CandidateVotes(name="甲", votes=300, post=D, elected=True),
            CandidateVotes(name="乙", votes=280, post=D, elected=False),
        )
        (f,) = findings(election(seats=1, candidates=lines))
        assert f.rule == RuleId.ELECTIONS_RESULTS and f.severity is Severity.VIOLATION
        assert f.basis.article == "第十九条第二款"
        assert (f.actual, f.required) == (300, 301)
        assert "甲" in f.message
        ok = (attrs.evolve(lines[0], votes=301), lines[1])
        assert findings(election(seats=1, candidates=ok)) == []

    def test_seats_left_empty_call_for_a_further_election(self) -> None:
        """Two of three elected: 不足的名额另行选举; none recorded, so it is reported."""
        first = election(
            candidates=(
                CandidateVotes(name="甲", votes=450, post=D, elected=True),
                CandidateVotes(name="乙", votes=140, post=D, elected=False),
                CandidateVotes(name="丙", votes=420, post=M, elected=True),
                CandidateVotes(name="丁", votes=290, post=M, elected=False),
                CandidateVotes(name="戊", votes=250, post=M, elected=False),
            )
        )
        (f,) = findings(first)
        assert f.rule == RuleId.ELECTIONS_RESULTS and f.severity is Severity.ADVISORY
        assert (f.actual, f.required) == (2, 3)
        # The further election a week later: the most votes elect, a third of the ballots
        # (200 of 600) is enough, fewer is not.
        runoff = election(
            id="E2",
            held_on=DAY + dt.timedelta(days=7),
            seats=1,
            runoff=True,
            candidates=(
                CandidateVotes(name="丁", votes=200, post=M, elected=True),
                CandidateVotes(name="戊", votes=190, post=M, elected=False),
            ),
        )
        assert findings(first, runoff) == []
        low = attrs.evolve(runoff, candidates=(attrs.evolve(runoff.candidates[0], votes=199),))
        (g,) = findings(first, low)
        assert g.subject_id == "E2" and g.severity is Severity.VIOLATION
        assert g.required == 200

    def test_a_majority_left_undeclared_while_seats_are_empty_is_reported(self) -> None:
        lines = (
            CandidateVotes(name="甲", votes=450, post=D, elected=False),
            CandidateVotes(name="乙", votes=140, post=D, elected=False),
        )
        found = findings(election(seats=1, candidates=lines))
        assert [(f.rule, f.severity) for f in found] == [
            (RuleId.ELECTIONS_RESULTS, Severity.ADVISORY),
            (RuleId.ELECTIONS_RESULTS, Severity.ADVISORY),
        ]
        assert "甲" in found[0].message

    def test_an_outcome_not_declared_is_not_judged(self) -> None:
        lines = tuple(attrs.evolve(c, elected=None) for c in election().candidates)
        assert findings(election(candidates=lines)) == []


class TestCandidates:
    def test_as_many_candidates_as_seats_is_a_violation(self) -> None:
        """候选人的名额应当多于应选名额 (第十八条): 3 names for 3 seats are too few; a
        write-in does not count as a candidate."""
        lines = (
            CandidateVotes(name="甲", votes=450, post=D, elected=True),
            CandidateVotes(name="丙", votes=420, post=M, elected=True),
            CandidateVotes(name="丁", votes=380, post=M, elected=True),
            CandidateVotes(name="己", votes=3, post=M, write_in=True),
        )
        (f,) = findings(election(candidates=lines))
        assert f.rule == RuleId.ELECTIONS_CANDIDATES and f.severity is Severity.VIOLATION
        assert f.basis.article is not None and f.basis.article.startswith("第十八条")
        assert (f.actual, f.required) == (3, 4)


class TestByTheLawOfTheDay:
    def test_an_election_under_the_2018_text_gets_no_finding(self) -> None:
        """The 2018 text set no turnout or majority: the same count in 2021 is not judged,
        even by the policy of 2026."""
        lines = (CandidateVotes(name="甲", votes=250, post=D, elected=True),)
        bad = election(held_on=dt.date(2021, 5, 15), voted=500, seats=1, candidates=lines)
        assert findings(bad) == []
        rules = {f.rule for f in findings(attrs.evolve(bad, held_on=DAY))}
        assert rules == set(CHECKS)

    def test_an_election_after_the_day_judged_is_not_judged_yet(self) -> None:
        bad = election(voted=500, candidates=())
        assert findings(bad, as_of=DAY - dt.timedelta(days=1)) == []
        assert findings(bad, as_of=DAY)

    def test_findings_in_english_name_the_election(self) -> None:
        (f,) = election_findings(election(voted=500, candidates=()), policy=POLICY, lang="en")
        assert f.message.startswith("election E1 on 2026-05-16")


@settings(max_examples=30)
@given(e=S.elections(held_on=st.just(DAY), hostile=True))
def test_every_finding_cites_the_2025_law(e: Election) -> None:
    """Whatever the count of an election in 2026, the check is total and each finding
    cites the 2025 text's 第十八条 or 第十九条."""
    for f in election_findings(e, policy=POLICY):
        assert "2025" in f.basis.title
        assert f.basis.article is not None
        assert f.basis.article.startswith(("第十八条", "第十九条"))


@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
def test_lang_is_checked(lang: str) -> None:
    if lang == "fr":
        from shequ_core import ValidationError

        with pytest.raises(ValidationError):
            election_findings(election(), policy=POLICY, lang=lang)  # type: ignore[arg-type]
    else:
        assert election_findings(election(), policy=POLICY, lang=lang) == []  # type: ignore[arg-type]
