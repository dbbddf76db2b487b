"""Nominations, whether an election is valid, who is elected, proxies and recall: 2025
第十八条、第十九条、第二十条."""

from __future__ import annotations

import datetime as dt

from shequ_core.entities import ElectionKind
from shequ_core.policy import Count, Policy, Threshold
from shequ_core.rules._counts import check_count, check_counts
from shequ_core.rules.elections._common import (
    RuleResult,
    check_day,
    check_kind,
    law_of,
    no_rule,
    rule_result,
)

__all__ = [
    "candidate_result",
    "election_validity",
    "enough_candidates",
    "max_proxies",
    "nomination_valid",
    "proxies_allowed",
    "recall_may_start",
    "recall_passes",
    "runoff_needed",
    "runoff_result",
]

#: The policy field of the turnout each kind of election needs (2025 第十九条第一款).
_TURNOUT = {
    ElectionKind.DIRECT: "election_turnout_voters",
    ElectionKind.HOUSEHOLD_REPRESENTATIVES: "election_turnout_households",
    ElectionKind.RESIDENTS_REPRESENTATIVES: "election_turnout_representatives",
}
#: Who may propose a recall, and the share of them it takes (2025 第二十条第一款).
_RECALL = {
    ElectionKind.DIRECT: "recall_voters",
    ElectionKind.HOUSEHOLD_REPRESENTATIVES: "recall_households",
    ElectionKind.RESIDENTS_REPRESENTATIVES: "recall_representatives",
}
_ELECTORATE_ZH = {
    ElectionKind.DIRECT: "登记选民",
    ElectionKind.HOUSEHOLD_REPRESENTATIVES: "户的代表",
    ElectionKind.RESIDENTS_REPRESENTATIVES: "居民代表",
}
_ELECTORATE_EN = {
    ElectionKind.DIRECT: "registered voters",
    ElectionKind.HOUSEHOLD_REPRESENTATIVES: "household representatives",
    ElectionKind.RESIDENTS_REPRESENTATIVES: "residents' representatives",
}


def election_validity(
    kind: ElectionKind, *, registered: int, voted: int, on: dt.date, policy: Policy | None = None
) -> RuleResult:
    """Whether enough of the electorate voted for the election of ``on`` to be valid.

    From 2026 (2025 第十九条第一款): more than half of the registered voters (a direct
    election) or of the household representatives, or more than two thirds of the
    residents' representatives. ``registered`` counts the electorate of ``kind``,
    ``voted`` those of them who took part. Before 2026 the national law set no turnout
    (``holds`` None). The law of ``on`` applies, whatever day ``policy`` was made for.
    """
    subject = "election_validity"
    kind = check_kind(subject, kind)
    on = check_day(subject, "on", on)
    check_counts(subject, ("voted", voted, "registered", registered))
    threshold: Threshold | None = law_of(on, policy, _TURNOUT[kind])
    if threshold is None:
        return no_rule(
            on, policy, what_en="turnout for a valid election", what_zh="选举有效的投票人数"
        )
    return rule_result(
        threshold,
        voted,
        registered,
        what_zh=f"参加投票的{_ELECTORATE_ZH[kind]}",
        what_en=f"{_ELECTORATE_EN[kind]} who voted",
    )


def candidate_result(
    votes: int,
    *,
    cast: int,
    kind: ElectionKind,
    on: dt.date,
    policy: Policy | None = None,
) -> RuleResult:
    """Whether a candidate with ``votes`` is elected where ``cast`` people took part.

    From 2026 (2025 第十九条第二款): more than half of the votes of those who took part
    in the vote, in every kind of election. It says nothing of the seats: with more
    candidates above half than seats, the provinces' rules decide. Before 2026 the
    national law set no share (``holds`` None).
    """
    subject = "candidate_result"
    check_kind(subject, kind)
    on = check_day(subject, "on", on)
    check_counts(subject, ("votes", votes, "cast", cast))
    threshold: Threshold | None = law_of(on, policy, "election_majority")
    if threshold is None:
        return no_rule(on, policy, what_en="share of votes that elects", what_zh="当选所需票数")
    return rule_result(
        threshold, votes, cast, what_zh="候选人得票", what_en="the candidate's votes"
    )


def runoff_needed(
    elected: int, *, seats: int, on: dt.date, policy: Policy | None = None
) -> RuleResult:
    """Whether a further election (另行选举) is held: fewer were elected than seats.

    2025 第十九条第二款: 当选人数不足应选名额的，不足的名额另行选举; its candidates are
    those not elected with the most votes in the first ballot. Before 2026 the
    national law said nothing of it (``holds`` None).
    """
    subject = "runoff_needed"
    on = check_day(subject, "on", on)
    check_counts(subject, ("elected", elected, "seats", seats))
    threshold: Threshold | None = law_of(on, policy, "election_runoff_minimum")
    if threshold is None:
        return no_rule(on, policy, what_en="further election", what_zh="另行选举")
    short = seats - elected
    return RuleResult(
        holds=short > 0,
        basis=threshold.basis,
        part=elected,
        whole=seats,
        explanation_zh=(
            f"应选{seats}名，当选{elected}名"
            + (f"，不足的{short}名另行选举" if short else "，无须另行选举")
            + f"（{threshold.basis}）"
        ),
        explanation=(
            f"{elected} elected for {seats} seats: "
            + (f"a further election for {short}" if short else "no further election")
            + f" ({threshold.basis})"
        ),
    )


def runoff_result(
    votes: int, *, cast: int, on: dt.date, policy: Policy | None = None
) -> RuleResult:
    """Whether a candidate of a further election with ``votes`` of ``cast`` ballots may be
    elected: the most votes elect, but not fewer than a third of the ballots cast.

    2025 第十九条第二款: 所得票数不得少于已投选票总数的三分之一, so exactly a third
    suffices (``inclusive``). Which candidates have the most votes is for the caller to
    rank. Before 2026 the national law set no floor (``holds`` None).
    """
    subject = "runoff_result"
    on = check_day(subject, "on", on)
    check_counts(subject, ("votes", votes, "cast", cast))
    threshold: Threshold | None = law_of(on, policy, "election_runoff_minimum")
    if threshold is None:
        return no_rule(
            on, policy, what_en="floor of a further election", what_zh="另行选举当选票数"
        )
    return rule_result(
        threshold, votes, cast, what_zh="另行选举得票", what_en="votes in the further election"
    )


def max_proxies(
    on: dt.date, *, policy: Policy | None = None, kind: ElectionKind | None = None
) -> Count | None:
    """The most proxies (委托) one voter may carry in the election of ``on``, with its basis.

    2025 第十九条第四款: 每一选民接受的委托不得超过三人 (3, the number itself allowed);
    in an election by residents' representatives there is no proxy voting (0, same
    article). None before 2026: the national law set no number.
    """
    on = check_day("max_proxies", "on", on)
    if kind is not None:
        kind = check_kind("max_proxies", kind)
    limit: Count | None = law_of(on, policy, "election_max_proxies")
    if limit is None or kind is not ElectionKind.RESIDENTS_REPRESENTATIVES:
        return limit
    return Count(value=0, basis=limit.basis)


def proxies_allowed(
    proxies: int,
    *,
    kind: ElectionKind,
    candidate: bool = False,
    on: dt.date,
    policy: Policy | None = None,
) -> RuleResult:
    """Whether a voter may carry ``proxies`` proxies (2025 第十九条第四款): at most 3, none
    for a candidate and none in an election by residents' representatives."""
    subject = "proxies_allowed"
    kind = check_kind(subject, kind)
    on = check_day(subject, "on", on)
    check_count(subject, "proxies", proxies)
    limit = max_proxies(on, policy=policy, kind=kind)
    if limit is None:
        return no_rule(on, policy, what_en="limit on proxies", what_zh="委托投票人数上限")
    most = 0 if candidate else limit.value
    holds = proxies <= most
    why_zh = (
        "候选人不得接受委托" if candidate and proxies else f"每一选民接受的委托不得超过{most}人"
    )
    why_en = (
        "a candidate may carry no proxy"
        if candidate and proxies
        else f"a voter may carry at most {most}"
    )
    return RuleResult(
        holds=holds,
        basis=limit.basis,
        part=proxies,
        needed=most,
        explanation_zh=(
            f"接受委托{proxies}人：{why_zh}，{'符合' if holds else '不符合'}（{limit.basis}）"
        ),
        explanation=(
            f"{proxies} proxies: {why_en}: {'met' if holds else 'not met'} ({limit.basis})"
        ),
    )


def recall_may_start(
    *,
    supporters: int,
    electorate: int,
    kind: ElectionKind,
    on: dt.date,
    policy: Policy | None = None,
) -> RuleResult:
    """Whether ``supporters`` of ``electorate`` may jointly propose recalling a member.

    2025 第二十条第一款: 十分之一以上 of the registered voters or of the household
    representatives, or 三分之一以上 of the residents' representatives (the share
    itself suffices). ``kind`` names who signs, whatever way the committee was elected.
    Before 2026 the law set no share: the residents' meeting could recall (2018 第十条
    第三款), convened on the request of a fifth of the adults or households or a third
    of the groups (see :func:`~shequ_core.rules.governance.can_convene_residents_meeting`).
    """
    subject = "recall_may_start"
    kind = check_kind(subject, kind)
    on = check_day(subject, "on", on)
    check_counts(subject, ("supporters", supporters, "electorate", electorate))
    threshold: Threshold | None = law_of(on, policy, _RECALL[kind])
    if threshold is None:
        return no_rule(
            on, policy, what_en="share that may propose a recall", what_zh="提出罢免的联名人数"
        )
    return rule_result(
        threshold,
        supporters,
        electorate,
        what_zh=f"联名要求罢免的{_ELECTORATE_ZH[kind]}",
        what_en=f"{_ELECTORATE_EN[kind]} proposing the recall",
    )


#: The turnout a recall vote needs, by the way the member was elected (第二十条第二款).
_RECALL_TURNOUT = {
    ElectionKind.DIRECT: "recall_turnout_voters",
    ElectionKind.HOUSEHOLD_REPRESENTATIVES: "recall_turnout_households",
    ElectionKind.RESIDENTS_REPRESENTATIVES: "recall_turnout_representatives",
}


def recall_passes(
    *,
    kind: ElectionKind,
    electorate: int,
    voted: int,
    votes_for: int,
    on: dt.date,
    policy: Policy | None = None,
) -> RuleResult:
    """Whether a recall vote removes the member: held the way the member was elected
    (``kind``), it needs the turnout of an election and more than half of those who voted.

    2025 第二十条第二款: 须有选民或者户的代表过半数或者超过三分之二的居民代表投票，并须经
    投票人员的过半数通过. The result is the turnout's when too few voted (the vote is
    void), otherwise the majority's. Before 2026 the national law set neither
    (``holds`` None): the residents' meeting recalled (2018 第十条第三款).
    """
    subject = "recall_passes"
    kind = check_kind(subject, kind)
    on = check_day(subject, "on", on)
    check_counts(
        subject,
        ("voted", voted, "electorate", electorate),
        ("votes_for", votes_for, "voted", voted),
    )
    turnout: Threshold | None = law_of(on, policy, _RECALL_TURNOUT[kind])
    majority: Threshold | None = law_of(on, policy, "recall_majority")
    if turnout is None or majority is None:
        return no_rule(on, policy, what_en="rule for a recall vote", what_zh="罢免投票规则")
    took_part = rule_result(
        turnout,
        voted,
        electorate,
        what_zh=f"参加罢免投票的{_ELECTORATE_ZH[kind]}",
        what_en=f"{_ELECTORATE_EN[kind]} voting on the recall",
    )
    if not took_part.holds:
        return took_part
    return rule_result(
        majority, votes_for, voted, what_zh="赞成罢免票", what_en="votes for the recall"
    )


def nomination_valid(supporters: int, *, on: dt.date, policy: Policy | None = None) -> RuleResult:
    """Whether ``supporters`` voters may jointly nominate a candidate (2025 第十八条:
    十名以上选民联合提名推荐, ten themselves suffice). The community's party organisation
    may nominate too, without a count. Before 2026 no number (``holds`` None)."""
    subject = "nomination_valid"
    on = check_day(subject, "on", on)
    check_count(subject, "supporters", supporters)
    least: Count | None = law_of(on, policy, "election_nominators")
    if least is None:
        return no_rule(on, policy, what_en="number of joint nominators", what_zh="联合提名人数")
    holds = supporters >= least.value
    verdict_zh, verdict_en = ("符合", "met") if holds else ("不符合", "not met")
    return RuleResult(
        holds=holds,
        basis=least.basis,
        inclusive=True,
        part=supporters,
        needed=least.value,
        explanation_zh=(
            f"联合提名选民{supporters}名，须{least.value}名以上，{verdict_zh}（{least.basis}）"
        ),
        explanation=(
            f"{supporters} voters nominating, {least.value} or more required: "
            f"{verdict_en} ({least.basis})"
        ),
    )


def enough_candidates(
    candidates: int, *, seats: int, on: dt.date, policy: Policy | None = None
) -> RuleResult:
    """Whether there are more candidates than seats (2025 第十八条: 候选人的名额应当多于
    应选名额; as many as the seats is not enough). Before 2026 not national law
    (``holds`` None)."""
    subject = "enough_candidates"
    on = check_day(subject, "on", on)
    check_count(subject, "candidates", candidates)
    check_count(subject, "seats", seats)
    article: Count | None = law_of(on, policy, "election_nominators")
    if article is None:
        return no_rule(on, policy, what_en="rule on the number of candidates", what_zh="差额选举")
    holds = candidates > seats
    verdict_zh, verdict_en = ("符合", "met") if holds else ("不符合", "not met")
    return RuleResult(
        holds=holds,
        basis=article.basis,
        inclusive=False,
        part=candidates,
        whole=seats,
        needed=seats + 1,
        explanation_zh=(
            f"候选人{candidates}名、应选{seats}名，候选人应当多于应选名额，{verdict_zh}"
            f"（{article.basis}）"
        ),
        explanation=(
            f"{candidates} candidates for {seats} seats, more candidates than seats "
            f"required: {verdict_en} ({article.basis})"
        ),
    )
