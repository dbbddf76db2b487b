"""Recorded elections checked against the law of their date: turnout and each result.

References:
    * 中华人民共和国城市居民委员会组织法 as revised 2025-10-28, in force 2026-01-01,
      第十九条: an election is valid when more than half of the registered voters or
      household representatives, or more than two thirds of the residents'
      representatives, take part (第一款); a candidate with more than half of the votes
      of those who took part is elected, and the seats left are filled by a further
      election (另行选举) in which the most votes elect but not fewer than a third of
      the ballots cast (第二款); 第十八条: more candidates than seats. Every number comes from
      :mod:`shequ_core.rules.elections` (:func:`election_validity`,
      :func:`candidate_result`, :func:`runoff_result`, :func:`runoff_needed`), which
      looks it up by the day of the election, whatever day the policy was made for.
    * The 1989 text and its 2018 amendment set none of these numbers (the provinces'
      election rules did): an election held before 2026 gets no finding from the
      national law, unless a profile of a province's numbers in force that day is given.

Limitations:
    * The outcome checked is the one the record declares (``CandidateVotes.elected``);
      a candidate whose outcome is not declared is not judged. With more candidates
      above half than seats, the provinces' rules decide who takes the seats: a
      candidate above half not declared elected is reported only while seats stay
      unfilled.
    * The seats are counted for the committee as a whole, not post by post.
    * 第十八条 (more candidates than seats) counts the nominated names of a first vote
      (not the write-ins, not a further election) against all its seats. Proxies
      (第十九条第四款) and by-elections (第二十四条) are not checked from the record.
"""

from __future__ import annotations

import datetime as dt

from shequ_core.entities import Dataset, Election
from shequ_core.policy import Policy
from shequ_core.rules._findings import Finding, Severity, check_lang, pick, rule
from shequ_core.rules._ids import RuleId
from shequ_core.rules.elections import (
    candidate_result,
    election_validity,
    enough_candidates,
    runoff_needed,
    runoff_result,
)
from shequ_core.text import Lang

__all__ = ["election_findings"]


def _validity(e: Election, policy: Policy, lang: Lang) -> list[Finding]:
    result = election_validity(
        e.kind, registered=e.registered, voted=e.voted, on=e.held_on, policy=policy
    )
    if result.holds is not False:
        return []
    msg = pick(
        lang,
        f"选举{e.id}（{e.held_on}，{e.kind.label_zh}）无效：{result.explanation_zh}",
        f"election {e.id} on {e.held_on} ({e.kind.label_en}) is not valid: {result.explanation}",
    )
    declared = bool(e.elected)
    return [
        Finding(
            rule=RuleId.ELECTIONS_VALIDITY,
            subject_id=e.id,
            severity=Severity.VIOLATION if declared else Severity.ADVISORY,
            message=msg,
            basis=result.basis,
            actual=e.voted,
            required=result.needed,
        )
    ]


def _candidates(e: Election, policy: Policy, lang: Lang) -> list[Finding]:
    """More nominated candidates than seats (第十八条); a further election is not judged."""
    if e.runoff or not e.candidates:
        return []
    stood = len({c.name for c in e.candidates if not c.write_in})
    result = enough_candidates(stood, seats=e.seats, on=e.held_on, policy=policy)
    if result.holds is not False:
        return []
    msg = pick(
        lang,
        f"选举{e.id}（{e.held_on}）：{result.explanation_zh}",
        f"election {e.id} on {e.held_on}: {result.explanation}",
    )
    return [
        Finding(
            rule=RuleId.ELECTIONS_CANDIDATES,
            subject_id=e.id,
            severity=Severity.VIOLATION,
            message=msg,
            basis=result.basis,
            actual=stood,
            required=e.seats + 1,
        )
    ]


def _results(e: Election, policy: Policy, lang: Lang, later_runoff: bool) -> list[Finding]:
    out: list[Finding] = []
    unfilled = len(e.elected) < e.seats
    for c in e.candidates:
        if c.elected is None:
            continue
        if e.runoff:
            result = runoff_result(c.votes, cast=e.voted, on=e.held_on, policy=policy)
        else:
            result = candidate_result(
                c.votes, cast=e.voted, kind=e.kind, on=e.held_on, policy=policy
            )
        if result.holds is None:
            continue
        if c.elected and not result.holds:
            zh, en = "宣布当选，但", "was declared elected, but"
            severity = Severity.VIOLATION
        elif not c.elected and result.holds and unfilled and not e.runoff:
            zh, en = (
                "未宣布当选，而名额尚未选满：",
                "was not declared elected while seats stayed empty:",
            )
            severity = Severity.ADVISORY
        else:
            continue
        who_zh = c.name if c.post is None else f"{c.name}（{c.post.label_zh}）"
        who_en = c.name if c.post is None else f"{c.name} ({c.post.label_en})"
        msg = pick(
            lang,
            f"选举{e.id}（{e.held_on}）候选人{who_zh}{zh}{result.explanation_zh}",
            f"election {e.id} on {e.held_on}: candidate {who_en} {en} {result.explanation}",
        )
        out.append(
            Finding(
                rule=RuleId.ELECTIONS_RESULTS,
                subject_id=e.id,
                severity=severity,
                message=msg,
                basis=result.basis,
                actual=c.votes,
                required=result.needed,
            )
        )
    declared = all(c.elected is not None for c in e.candidates) and e.candidates
    if declared and unfilled and not e.runoff and not later_runoff:
        short = runoff_needed(len(e.elected), seats=e.seats, on=e.held_on, policy=policy)
        if short.holds:
            msg = pick(
                lang,
                f"选举{e.id}（{e.held_on}）：{short.explanation_zh}，未见另行选举记录",
                f"election {e.id} on {e.held_on}: {short.explanation}; no further election "
                "is recorded",
            )
            out.append(
                Finding(
                    rule=RuleId.ELECTIONS_RESULTS,
                    subject_id=e.id,
                    severity=Severity.ADVISORY,
                    message=msg,
                    basis=short.basis,
                    actual=len(e.elected),
                    required=e.seats,
                )
            )
    return out


def election_findings(
    election: Election,
    *,
    policy: Policy,
    lang: Lang = "zh",
    later_runoff: bool = False,
) -> list[Finding]:
    """What the law of its date says of one recorded election: whether enough voted
    (``elections.validity``), whether more candidates stood than seats
    (``elections.candidates``) and whether each declared outcome stands
    (``elections.results``), with the article each number comes from.

    ``later_runoff`` says a further election for the same committee is recorded, so
    seats left unfilled are not reported as waiting for one.
    """
    lang = check_lang(lang, subject="election_findings")
    return [
        *_validity(election, policy, lang),
        *_candidates(election, policy, lang),
        *_results(election, policy, lang, later_runoff),
    ]


def _held(dataset: Dataset, as_of: dt.date) -> list[tuple[Election, bool]]:
    """The elections held by ``as_of``, each with whether a further election of its
    community follows it by then."""
    held = [e for e in dataset.elections if e.held_on <= as_of]
    runoffs: dict[str, list[dt.date]] = {}
    for e in held:
        if e.runoff:
            runoffs.setdefault(e.community_id, []).append(e.held_on)
    return [(e, any(d >= e.held_on for d in runoffs.get(e.community_id, ()))) for e in held]


@rule(
    RuleId.ELECTIONS_VALIDITY,
    policy=(
        "election_turnout_voters",
        "election_turnout_households",
        "election_turnout_representatives",
    ),
    title_zh="选举有效的投票人数",
    title_en="turnout for a valid election",
)
def _rule_validity(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return [f for e, _ in _held(dataset, as_of) for f in _validity(e, policy, lang)]


@rule(
    RuleId.ELECTIONS_RESULTS,
    policy=("election_majority", "election_runoff_minimum"),
    title_zh="候选人当选票数与另行选举",
    title_en="votes that elect, and the further election",
)
def _rule_results(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return [f for e, later in _held(dataset, as_of) for f in _results(e, policy, lang, later)]


@rule(
    RuleId.ELECTIONS_CANDIDATES,
    policy=("election_nominators",),
    title_zh="候选人多于应选名额（差额选举）",
    title_en="more candidates than seats",
)
def _rule_candidates(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return [f for e, _ in _held(dataset, as_of) for f in _candidates(e, policy, lang)]
