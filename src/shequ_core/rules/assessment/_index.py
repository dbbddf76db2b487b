"""What the whole dataset gives the scorecard, indexed once: :class:`Context`.

Every community's scores read the same context: its records grouped by community, the
meetings' quorum findings, and the visit groups (coverage over the period and who is
overdue on ``as_of``, for every attention kind, the caring kinds and the safety kinds),
each computed once for the whole dataset rather than once per community.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs

from shequ_core.calendar import WorkCalendar
from shequ_core.entities import (
    AttentionKind,
    Basis,
    Community,
    Dataset,
    DisputeCase,
    Grid,
    Meeting,
    PartnerUnit,
    PartyMember,
    PartyMemberCategory,
    Resident,
    ServiceRequest,
    Staff,
    VisitOutcome,
    VolunteerTeam,
)
from shequ_core.policy import Policy, ScoringPolicy
from shequ_core.rules._findings import RULES, Finding, Severity, by_community, pick
from shequ_core.rules._ids import RuleId
from shequ_core.rules.assessment._arithmetic import Part, note
from shequ_core.rules.assessment._results import Dimension
from shequ_core.rules.visiting import (
    Coverage,
    VisitPolicy,
    in_scope_kinds,
    must_visit,
    visit_coverage,
)
from shequ_core.text import Lang

__all__ = [
    "CARING_KINDS",
    "SAFETY_KINDS",
    "Context",
    "VisitGroup",
    "build_context",
    "community_of",
    "reporting",
    "visit_parts",
]

#: The attention kinds of 爱心家园 (the caring home): hardship families, disabled
#: residents and every kind of elder in special difficulty (特殊困难老年人).
CARING_KINDS = frozenset(
    {AttentionKind.HARDSHIP_FAMILY, AttentionKind.DISABLED}
    | {k for k in AttentionKind if k.is_elder_in_special_difficulty}
)
#: The attention kinds of 平安家园 (the safe home): the must-visits and community correction.
SAFETY_KINDS = frozenset(
    {k for k in AttentionKind if k.is_must_visit} | {AttentionKind.COMMUNITY_CORRECTION}
)

#: The notes of each dimension scored by visits: coverage over the period, overdue now.
_VISIT_NOTES: dict[Dimension, tuple[RuleId, RuleId]] = {
    Dimension.FINE_GRAINED_SERVICE: (
        RuleId.SCORECARD_FINE_GRAINED_SERVICE_VISIT_COVERAGE,
        RuleId.SCORECARD_FINE_GRAINED_SERVICE_OVERDUE_VISITS,
    ),
    Dimension.CARING: (
        RuleId.SCORECARD_CARING_VISIT_COVERAGE,
        RuleId.SCORECARD_CARING_OVERDUE_VISITS,
    ),
    Dimension.SAFETY: (
        RuleId.SCORECARD_SAFETY_VISIT_COVERAGE,
        RuleId.SCORECARD_SAFETY_OVERDUE_VISITS,
    ),
}


def _restricted(policy: VisitPolicy, kinds: frozenset[AttentionKind]) -> VisitPolicy | None:
    """The visit policy for some kinds only; None when it covers none of them."""
    cadences = {k: c for k, c in policy.cadences.items() if k in kinds}
    return attrs.evolve(policy, cadences=cadences) if cadences else None


@attrs.frozen
class VisitGroup:
    """Coverage over the year and who is overdue on ``as_of``, per community, for some kinds."""

    kinds: frozenset[AttentionKind]
    # community id -> [visited (resident, kind) pairs, in-scope pairs] over the period
    coverage: Mapping[str, tuple[int, int]]
    # community id -> residents in scope on as_of, and those of them overdue
    in_scope_now: Mapping[str, int]
    overdue_now: Mapping[str, int]


def _visit_group(
    dataset: Dataset,
    kinds: frozenset[AttentionKind],
    policy: VisitPolicy,
    *,
    as_of: dt.date,
    community_of: Mapping[str, str],
    scope_now: Mapping[str, frozenset[AttentionKind]],
    rows: Sequence[Coverage],
) -> VisitGroup:
    coverage: dict[str, tuple[int, int]] = {}
    for row in rows:
        if row.kind in kinds:
            v, n = coverage.get(row.community_id, (0, 0))
            coverage[row.community_id] = (v + row.visited, n + row.in_scope)
    in_scope: dict[str, int] = {}
    for rid, ks in scope_now.items():
        if ks & kinds:
            cid = community_of[rid]
            in_scope[cid] = in_scope.get(cid, 0) + 1
    overdue: dict[str, int] = {}
    only = _restricted(policy, kinds)
    if only is not None:
        for d in must_visit(dataset, as_of=as_of, policy=only):
            if d.overdue_days > 0:
                overdue[d.community_id] = overdue.get(d.community_id, 0) + 1
    return VisitGroup(kinds, coverage, in_scope, overdue)


@attrs.frozen
class Context:
    """The inputs of every community's scores, computed once for the whole dataset."""

    dataset: Dataset
    as_of: dt.date
    start: dt.date
    policy: Policy
    calendar: WorkCalendar
    scoring: ScoringPolicy
    lang: Lang
    staff: Mapping[str, list[Staff]]
    grids: Mapping[str, list[Grid]]
    teams: Mapping[str, list[VolunteerTeam]]
    members: Mapping[str, list[PartyMember]]
    cases: Mapping[str, list[DisputeCase]]
    requests: Mapping[str, list[ServiceRequest]]
    meetings: Mapping[str, list[Meeting]]
    residents: Mapping[str, list[Resident]]
    partners: Mapping[str, list[PartnerUnit]]
    quorum: Mapping[str, list[Finding]]
    staff_by_id: Mapping[str, Staff]
    all_kinds: VisitGroup
    caring: VisitGroup
    safety: VisitGroup
    served_visits: frozenset[str]
    served_requests: frozenset[str]


def build_context(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar,
    scoring: ScoringPolicy,
    visit_policy: VisitPolicy,
    lang: Lang,
) -> Context:
    """Index ``dataset`` for the scores on ``as_of``; the period runs from 1 January."""
    start = dt.date(as_of.year, 1, 1)
    partners: dict[str, list[PartnerUnit]] = {}
    for u in dataset.partner_units:
        if u.since is None or u.since <= as_of:
            for cid in sorted(u.community_ids):
                partners.setdefault(cid, []).append(u)
    meeting_community = {m.id: m.community_id for m in dataset.meetings}
    quorum: dict[str, list[Finding]] = {}
    check_quorum = RULES[RuleId.GOVERNANCE_MEETING_QUORUM]
    for f in check_quorum(dataset, as_of=as_of, policy=policy, lang=lang):
        quorum.setdefault(meeting_community[f.subject_id], []).append(f)
    residents_community = {r.id: r.community_id for r in dataset.residents}
    scope_now = in_scope_kinds(dataset, as_of=as_of, policy=visit_policy)
    coverage = visit_coverage(dataset, start=start, end=as_of, policy=visit_policy)

    def group(kinds: frozenset[AttentionKind]) -> VisitGroup:
        return _visit_group(
            dataset,
            kinds,
            visit_policy,
            as_of=as_of,
            community_of=residents_community,
            scope_now=scope_now,
            rows=coverage,
        )

    return Context(
        dataset=dataset,
        as_of=as_of,
        start=start,
        policy=policy,
        calendar=calendar,
        scoring=scoring,
        lang=lang,
        staff=by_community(dataset.staff),
        grids=by_community(dataset.grids),
        teams=by_community(dataset.teams),
        members=by_community(dataset.party_members),
        cases=by_community(dataset.dispute_cases),
        requests=by_community(dataset.service_requests),
        meetings=by_community(dataset.meetings),
        residents=by_community(dataset.residents),
        partners=partners,
        quorum=quorum,
        staff_by_id={s.id: s for s in dataset.staff},
        all_kinds=group(frozenset(AttentionKind)),
        caring=group(CARING_KINDS),
        safety=group(SAFETY_KINDS),
        served_visits=frozenset(
            v.resident_id
            for v in dataset.visits
            if v.outcome is VisitOutcome.MET and start <= v.visited_on <= as_of
        ),
        served_requests=frozenset(
            r.resident_id
            for r in dataset.service_requests
            if r.resident_id is not None and start <= r.received_on <= as_of
        ),
    )


def community_of(ctx: Context, staff_id: str) -> str | None:
    """The community of a staff member, None for an id the dataset does not have."""
    s = ctx.staff_by_id.get(staff_id)
    return None if s is None else s.community_id


def reporting(members: Sequence[PartyMember], as_of: dt.date) -> tuple[int, int]:
    """Employed members who reported (报到) by ``as_of``, and all employed members."""
    employed = [m for m in members if m.category is PartyMemberCategory.EMPLOYED]
    reported = sum(1 for m in employed if m.reported_on is not None and m.reported_on <= as_of)
    return reported, len(employed)


def visit_parts(
    dimension: Dimension, group: VisitGroup, c: Community, ctx: Context, basis: Basis
) -> tuple[list[Part], list[Finding]]:
    """Coverage over the year and punctuality on ``as_of`` of one group of kinds."""
    lang = ctx.lang
    visited, pairs = group.coverage.get(c.id, (0, 0))
    now = group.in_scope_now.get(c.id, 0)
    late = group.overdue_now.get(c.id, 0)
    coverage_id, overdue_id = _VISIT_NOTES[dimension]
    parts: list[Part] = []
    found: list[Finding] = []
    if pairs:
        parts.append(Part("走访覆盖", "visit coverage", Fraction(visited, pairs)))
        msg = pick(
            lang,
            f"{ctx.start}至{ctx.as_of}应访{pairs}人次（按事由），已见面{visited}人次",
            f"{visited} of {pairs} residents in scope (by reason) met from {ctx.start} "
            f"to {ctx.as_of}",
        )
        found.append(note(coverage_id, c.id, msg, basis, actual=visited, required=pairs))
    if now:
        parts.append(Part("按期走访", "visits on time", 1 - Fraction(late, now)))
        if late:
            msg = pick(
                lang,
                f"{ctx.as_of}在册{now}人中{late}人走访逾期",
                f"{late} of {now} residents in scope on {ctx.as_of} are overdue a visit",
            )
            found.append(
                note(
                    overdue_id,
                    c.id,
                    msg,
                    basis,
                    severity=Severity.ADVISORY,
                    actual=late,
                    required=0,
                )
            )
    return parts, found
