"""The residents' committee (居民委员会) and the mediation committee, by the law of the date.

References:
    * 中华人民共和国城市居民委员会组织法: the 1989 text (in force 1990-01-01), as amended
      2018-12-29 (in force until 2025-12-31), and as revised 2025-10-28 (in force
      2026-01-01). See :mod:`shequ_core.policy` for every article. The numbers that
      change on 2026-01-01: households per committee area 100–700 (2018 第6条) ->
      1,000–3,000 (2025 第3条); convening on request 1/5 of adults or households or 1/3
      of 居民小组 (2018 第10条) -> 1/10 of adults or household representatives or 1/3 of
      居民代表 (2025 第26条); women among the members (2025 第8条); one 居民代表 per
      20–50 households (2025 第13条); the 居民代表会议 quorum of 2/3 (2025 第29条).
    * 中华人民共和国人民调解法 (in force 2011-01-01) 第8条: every residents' committee
      sets up a mediation committee of 3–9 members with a woman member; 第9条: a term
      of 3 years. Before 2011 neither was a duty (1989 committee law 第13条: 根据需要).
    * Women among the residents' committee: 妇女权益保障法 第11条第三款 (2005 and 2018
      amendments, from 2005-12-01), 第14条第三款 (2022 revision, from 2023-01-01), then
      the committee law's 第8条 (2026); the 1992 women's law had no such clause.
    * 民法典 第1259条: 以上 includes the number, 超过 does not; 过半数 is more than half.
      Every comparison here is exact (:class:`fractions.Fraction`).

Limitations:
    * The size of a committee's area is 一般 (generally) in both texts: a community
      outside the range gets an advisory finding, not a violation.
    * Members of the residents' committee are the staff one of whose ``roles`` is 主任,
      副主任 or 委员: a secretary who is also the director (一肩挑) or a committee member
      (交叉任职, 2025 第8条) counts once. Members of a mediation committee are the
      volunteers of the team and the staff whose ``team_ids`` name it.
    * Women are judged from the recorded sex (no known woman but some sex unknown:
      ``INFO``). The member of a smaller ethnic group (2018 第7条, 人民调解法 第8条) and
      the terms of office are not checked: no ethnicity or election is recorded.
    * A meeting's quorum is judged by the law in force on the day it was held; meetings
      after ``as_of`` are not judged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import cast

from shequ_core.entities import (
    Community,
    Dataset,
    Meeting,
    MeetingKind,
    Sex,
    Staff,
    TeamKind,
    Volunteer,
    VolunteerTeam,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import (
    FIRST_DAY,
    RESIDENTS_COMMITTEE_LAW_2025,
    Policy,
    Requirement,
    Span,
    Threshold,
    national_policy,
)
from shequ_core.rules._counts import check_counts, count_problem
from shequ_core.rules._findings import Finding, Severity, per_community, pick, rule
from shequ_core.rules._ids import RuleId
from shequ_core.text import Lang

__all__ = [
    "can_convene_residents_meeting",
    "committee_size_findings",
    "decision_passes",
    "household_range",
    "mediation_committee_findings",
    "mediation_committee_members",
    "mediation_women_findings",
    "meeting_quorum_met",
    "representatives_range",
    "team_members",
]

#: The day the 2025 text took effect (its ``effective_from``); without a date,
#: decisions are judged by it.
_LATEST_TEXT = cast(dt.date, RESIDENTS_COMMITTEE_LAW_2025.effective_from)


def _law(as_of: dt.date | None, policy: Policy | None) -> Policy:
    if policy is not None:
        return policy
    return national_policy(as_of if as_of is not None else _LATEST_TEXT)


def household_range(as_of: dt.date, *, policy: Policy | None = None) -> Span:
    """The households a committee's area should generally have on ``as_of``, with its basis.

    100–700 until 2025-12-31 (2018 第6条), 1,000–3,000 from 2026-01-01 (2025 第3条).
    """
    return _law(as_of, policy).committee_households


def representatives_range(
    households: int, as_of: dt.date, *, policy: Policy | None = None
) -> tuple[int, int] | None:
    """How many 居民代表 ``households`` households elect: one per 20–50 households.

    ``(fewest, most)``: the fewest keep each representative to 50 households or fewer, the
    most to 20 or more. None before 2026, when the law set no such ratio. Fewer than 20
    households still elect one representative (the range is then ``(1, 1)``).
    """
    problem = count_problem("households", households)
    if problem is not None:
        raise ValidationError([problem], subject="representatives_range")
    span = _law(as_of, policy).households_per_representative
    if span is None:
        return None
    if households == 0:
        return (0, 0)
    most_per = span.maximum if span.maximum is not None else households
    fewest = max(1, -(-households // most_per))
    most = households // span.minimum if span.minimum > 0 else households
    return (fewest, max(fewest, most))


def can_convene_residents_meeting(
    *,
    as_of: dt.date,
    requesting_adults: int,
    adults: int,
    requesting_households: int,
    households: int,
    requesting_groups: int = 0,
    groups: int = 0,
    requesting_representatives: int = 0,
    representatives: int = 0,
    policy: Policy | None = None,
) -> bool:
    """Whether the requests oblige the committee to convene a residents' meeting.

    Any one basis in force suffices: until 2025, 1/5 or more of adults or of households,
    or 1/3 or more of 居民小组 (2018 第10条); from 2026, 1/10 or more of adults or of
    household representatives, or 1/3 or more of 居民代表 (2025 第26条). A basis the law
    of the date does not have, or whose total is 0, can never be met.
    """
    check_counts(
        "can_convene_residents_meeting",
        ("requesting_adults", requesting_adults, "adults", adults),
        ("requesting_households", requesting_households, "households", households),
        ("requesting_groups", requesting_groups, "groups", groups),
        (
            "requesting_representatives",
            requesting_representatives,
            "representatives",
            representatives,
        ),
    )
    law = _law(as_of, policy)
    tests = (
        (law.convening_adults, requesting_adults, adults),
        (law.convening_households, requesting_households, households),
        (law.convening_groups, requesting_groups, groups),
        (law.convening_representatives, requesting_representatives, representatives),
    )
    return any(t is not None and t.met(part, whole) for t, part, whole in tests)


def meeting_quorum_met(
    *,
    kind: MeetingKind,
    present: int,
    entitled: int,
    as_of: dt.date,
    policy: Policy | None = None,
) -> bool:
    """Whether enough attend for the meeting to decide.

    A residents' meeting needs more than half (2018 第9条, 2025 第27条); a
    representatives' meeting two thirds or more, from 2026 (2025 第29条). Raises
    :class:`~shequ_core.errors.ValidationError` (a ValueError) for a kind or a date the
    law sets no quorum for.
    """
    check_counts("meeting_quorum_met", ("present", present, "entitled", entitled))
    law = _law(as_of, policy)
    if kind is MeetingKind.RESIDENTS_MEETING:
        return law.residents_meeting_quorum.met(present, entitled)
    if kind is MeetingKind.REPRESENTATIVES_MEETING:
        quorum = law.representatives_meeting_quorum
        if quorum is None:
            msg = f"the law in force on {as_of} sets no quorum for a representatives' meeting"
            raise ValidationError(
                [Problem("as_of", msg, "invalid_argument")], subject="meeting_quorum_met"
            )
        return quorum.met(present, entitled)
    msg = f"the law sets no quorum for a {kind.label_en}"
    raise ValidationError([Problem("kind", msg, "invalid_argument")], subject="meeting_quorum_met")


def decision_passes(
    *,
    votes_for: int,
    present: int,
    as_of: dt.date | None = None,
    policy: Policy | None = None,
) -> bool:
    """Whether a motion carries: more than half of those present vote for it.

    The same in both kinds of meeting and in every text since 1990 (2018 第9条; 2025
    第27条, 第29条); ``as_of`` or ``policy`` only choose the basis.
    """
    check_counts("decision_passes", ("votes_for", votes_for, "present", present))
    return _law(as_of, policy).decision_majority.met(votes_for, present)


# -- findings ----------------------------------------------------------------------------


def _members(community: Community, members: Iterable[Staff]) -> list[Staff]:
    return [s for s in members if s.community_id == community.id and s.is_committee_member]


def _size_check(
    community: Community, own: Sequence[Staff], law: Policy, lang: Lang
) -> list[Finding]:
    n = len(own)
    size = law.committee_members
    if size.contains(n):
        return []
    msg = pick(
        lang,
        f"居委会成员{n}人，应为{size.describe()}人",
        f"the residents' committee has {n} members; the law requires {size.describe()}",
    )
    return [
        Finding(
            rule=RuleId.GOVERNANCE_COMMITTEE_SIZE,
            subject_id=community.id,
            severity=Severity.VIOLATION,
            message=msg,
            basis=size.basis,
            actual=n,
            required=(size.minimum, size.maximum),
        )
    ]


def _no_woman(
    rule_id: RuleId,
    subject_id: str,
    members: Sequence[Staff | Volunteer],
    need: Requirement | None,
    who: tuple[str, str, str],
    lang: Lang,
) -> list[Finding]:
    """No woman among ``members``: a violation, or INFO if some sex is unknown."""
    if need is None or any(m.sex is Sex.FEMALE for m in members):
        return []
    zh, en_members, en_body = who  # the members in Chinese, in English, the body
    unknown = sum(1 for m in members if m.sex is None)
    if unknown:
        msg = pick(
            lang,
            f"{zh}中{unknown}人性别未登记，无法确认有妇女成员",
            f"the sex of {unknown} {en_members} is not recorded: cannot tell "
            "whether a woman is among them",
        )
    else:
        msg = pick(lang, f"{zh}中没有妇女", f"no woman is a member of {en_body}")
    severity = Severity.INFO if unknown else Severity.VIOLATION
    return [
        Finding(
            rule=rule_id,
            subject_id=subject_id,
            severity=severity,
            message=msg,
            basis=need.basis,
            actual=0,
            required=1,
        )
    ]


def _women_check(
    community: Community, own: Sequence[Staff], law: Policy, lang: Lang
) -> list[Finding]:
    who = ("居委会成员", "committee members", "the residents' committee")
    return _no_woman(
        RuleId.GOVERNANCE_COMMITTEE_WOMEN, community.id, own, law.committee_women, who, lang
    )


def committee_size_findings(
    community: Community,
    members: Iterable[Staff],
    as_of: dt.date,
    *,
    policy: Policy | None = None,
    lang: Lang = "zh",
) -> list[Finding]:
    """The committee's size (5–9) and, from 2005-12-01, whether a woman is among its
    members (the women's rights law, then from 2026 the committee law).

    ``members`` may be the whole staff table: only the community's staff with a role of
    主任, 副主任 or 委员 among their ``roles`` count.
    """
    law = _law(as_of, policy)
    own = _members(community, members)
    return [*_size_check(community, own, law, lang), *_women_check(community, own, law, lang)]


def _households_check(community: Community, law: Policy, lang: Lang) -> list[Finding]:
    span = law.committee_households
    if span.contains(community.households):
        return []
    msg = pick(
        lang,
        f"社区{community.households}户，居委会辖区一般应为{span.describe()}户",
        f"{community.households} households; a committee's area generally has {span.describe()}",
    )
    return [
        Finding(
            rule=RuleId.GOVERNANCE_COMMITTEE_HOUSEHOLDS,
            subject_id=community.id,
            severity=Severity.ADVISORY,
            message=msg,
            basis=span.basis,
            actual=community.households,
            required=(span.minimum, span.maximum),
        )
    ]


def mediation_committee_members(team: VolunteerTeam, dataset: Dataset) -> list[Volunteer]:
    """The volunteers attached to ``team``."""
    return [v for v in dataset.volunteers if v.team_id == team.id]


def team_members(team: VolunteerTeam, dataset: Dataset) -> list[Volunteer | Staff]:
    """Everyone on ``team``: its volunteers, then the staff whose ``team_ids`` name it."""
    return [
        *mediation_committee_members(team, dataset),
        *(s for s in dataset.staff if team.id in s.team_ids),
    ]


def mediation_committee_findings(
    team: VolunteerTeam, dataset: Dataset, *, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    """A people's mediation committee of 3–9 members (人民调解法 第8条).

    Raises :class:`~shequ_core.errors.ValidationError` (a ValueError) for a team that is
    not a mediation committee.
    """
    if team.kind is not TeamKind.MEDIATION:
        msg = f"team {team.id} is a {team.kind.label_en} team, not a mediation committee"
        raise ValidationError(
            [Problem("team", msg, "invalid_argument")], subject="mediation_committee_findings"
        )
    n = len(team_members(team, dataset))
    size = policy.mediation_members
    if size.contains(n):
        return []
    msg = pick(
        lang,
        f"调解委员会{team.id}有{n}名成员，应为{size.describe()}人",
        f"mediation committee {team.id} has {n} members; the law requires {size.describe()}",
    )
    return [
        Finding(
            rule=RuleId.GOVERNANCE_MEDIATION_COMMITTEE_SIZE,
            subject_id=team.id,
            severity=Severity.VIOLATION,
            message=msg,
            basis=size.basis,
            actual=n,
            required=(size.minimum, size.maximum),
        )
    ]


def _missing_mediation_check(
    community: Community, teams: Sequence[VolunteerTeam], policy: Policy, lang: Lang
) -> list[Finding]:
    need = policy.mediation_committee
    if need is None or any(t.kind is TeamKind.MEDIATION for t in teams):
        return []
    msg = pick(
        lang,
        "社区未设立人民调解委员会",
        "the community has no people's mediation committee",
    )
    return [
        Finding(
            rule=RuleId.GOVERNANCE_MEDIATION_COMMITTEE,
            subject_id=community.id,
            severity=Severity.VIOLATION,
            message=msg,
            basis=need.basis,
            actual=0,
            required=1,
        )
    ]


def mediation_women_findings(
    team: VolunteerTeam, dataset: Dataset, *, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    """A woman among a people's mediation committee's members (人民调解法 第8条第三款).

    Judged from the members' recorded sex (volunteers and staff on the team): no woman
    is a violation; no known woman while some members' sex is unknown is ``INFO``. A
    committee without members is left to the size rule. Raises
    :class:`~shequ_core.errors.ValidationError` (a ValueError) for a team that is not a
    mediation committee.
    """
    if team.kind is not TeamKind.MEDIATION:
        msg = f"team {team.id} is a {team.kind.label_en} team, not a mediation committee"
        raise ValidationError(
            [Problem("team", msg, "invalid_argument")], subject="mediation_women_findings"
        )
    members = team_members(team, dataset)
    if not members:
        return []
    who = (f"调解委员会{team.id}成员", f"members of mediation committee {team.id}")
    return _no_woman(
        RuleId.GOVERNANCE_MEDIATION_COMMITTEE_WOMEN,
        team.id,
        members,
        policy.mediation_women,
        (*who, f"mediation committee {team.id}"),
        lang,
    )


def _meeting_check(meeting: Meeting, policy: Policy, as_of: dt.date, lang: Lang) -> list[Finding]:
    if meeting.held_on > as_of or (FIRST_DAY is not None and meeting.held_on < FIRST_DAY):
        return []
    quorum: Threshold | None
    if meeting.kind is MeetingKind.RESIDENTS_MEETING:
        quorum = policy.residents_meeting_quorum
    elif meeting.kind is MeetingKind.REPRESENTATIVES_MEETING:
        quorum = policy.representatives_meeting_quorum
    else:
        return []
    if quorum is None or not quorum.basis.in_force(meeting.held_on):
        law = national_policy(meeting.held_on)
        quorum = (
            law.residents_meeting_quorum
            if meeting.kind is MeetingKind.RESIDENTS_MEETING
            else law.representatives_meeting_quorum
        )
    if quorum is None or quorum.met(meeting.present, meeting.entitled):
        return []
    decided = bool(meeting.decisions)
    msg = pick(
        lang,
        f"会议{meeting.id}（{meeting.held_on}）实到{meeting.present}人/应到{meeting.entitled}人，"
        f"未达到{quorum.describe('zh')}"
        + (f"，却作出{len(meeting.decisions)}项决定" if decided else ""),
        f"meeting {meeting.id} on {meeting.held_on}: {meeting.present} of {meeting.entitled} "
        f"present, short of {quorum.describe('en')}"
        + (f", yet {len(meeting.decisions)} decisions were recorded" if decided else ""),
    )
    return [
        Finding(
            rule=RuleId.GOVERNANCE_MEETING_QUORUM,
            subject_id=meeting.id,
            severity=Severity.VIOLATION if decided else Severity.INFO,
            message=msg,
            basis=quorum.basis,
            actual=meeting.present,
            required=quorum.minimum_part(meeting.entitled),
        )
    ]


@rule(
    RuleId.GOVERNANCE_COMMITTEE_HOUSEHOLDS,
    policy=("committee_households",),
    title_zh="居委会辖区户数",
    title_en="households in a committee's area",
)
def _rule_households(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(dataset, lambda c, _: _households_check(c, policy, lang))


@rule(
    RuleId.GOVERNANCE_COMMITTEE_SIZE,
    policy=("committee_members",),
    title_zh="居委会成员人数",
    title_en="size of the residents' committee",
)
def _rule_committee_size(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(
        dataset,
        lambda c, staff: _size_check(c, _members(c, staff), policy, lang),
        dataset.staff,
    )


@rule(
    RuleId.GOVERNANCE_COMMITTEE_WOMEN,
    policy=("committee_women",),
    title_zh="居委会成员中应有妇女",
    title_en="women among the residents' committee",
)
def _rule_committee_women(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(
        dataset,
        lambda c, staff: _women_check(c, _members(c, staff), policy, lang),
        dataset.staff,
    )


@rule(
    RuleId.GOVERNANCE_MEETING_QUORUM,
    policy=("residents_meeting_quorum", "representatives_meeting_quorum"),
    title_zh="居民会议、居民代表会议法定人数",
    title_en="quorum of residents' and representatives' meetings",
)
def _rule_meeting_quorum(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return [f for m in dataset.meetings for f in _meeting_check(m, policy, as_of, lang)]


@rule(
    RuleId.GOVERNANCE_MEDIATION_COMMITTEE_SIZE,
    policy=("mediation_members",),
    title_zh="人民调解委员会人数",
    title_en="size of a people's mediation committee",
)
def _rule_mediation(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return [
        f
        for t in dataset.teams
        if t.kind is TeamKind.MEDIATION
        for f in mediation_committee_findings(t, dataset, policy=policy, lang=lang)
    ]


@rule(
    RuleId.GOVERNANCE_MEDIATION_COMMITTEE,
    policy=("mediation_committee",),
    title_zh="居委会设立人民调解委员会",
    title_en="a people's mediation committee in every community",
)
def _rule_mediation_missing(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(
        dataset, lambda c, teams: _missing_mediation_check(c, teams, policy, lang), dataset.teams
    )


@rule(
    RuleId.GOVERNANCE_MEDIATION_COMMITTEE_WOMEN,
    policy=("mediation_women",),
    title_zh="人民调解委员会应有妇女成员",
    title_en="women among a people's mediation committee",
)
def _rule_mediation_women(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return [
        f
        for t in dataset.teams
        if t.kind is TeamKind.MEDIATION
        for f in mediation_women_findings(t, dataset, policy=policy, lang=lang)
    ]
