"""六园一港, the service goals, and the seven zeros: one function per dimension.

阳光家园 is scored with the seven zeros (七零) of the service hall, which
:func:`service` counts; 爱心家园 and 平安家园 by visits to their groups of residents;
康乐家园, 温馨家园 and 红色港湾 by shares of the data. 学习家园 has no data to score.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from shequ_core.calendar import CalendarCoverageError
from shequ_core.entities import (
    Community,
    PartyMemberCategory,
    Registration,
    RequestStatus,
    TeamKind,
)
from shequ_core.rules._findings import Finding, Severity, pick
from shequ_core.rules._ids import RuleId
from shequ_core.rules.assessment._arithmetic import (
    Deduction,
    Part,
    compose,
    no_data,
    note,
    seed,
    unscored,
)
from shequ_core.rules.assessment._index import Context, reporting, visit_parts
from shequ_core.rules.assessment._results import Dimension, DimensionScore, SevenZeros
from shequ_core.rules.assessment._summary import resolved_by
from shequ_core.rules.governance import mediation_committee_findings
from shequ_core.rules.party import management_mode, party_findings
from shequ_core.rules.sla import SlaStage, sla_status

__all__ = [
    "caring",
    "floating_population",
    "health_leisure",
    "learning",
    "party_harbour",
    "safety",
    "service",
]


def service(c: Community, ctx: Context) -> tuple[SevenZeros, DimensionScore]:
    """The seven zeros and 阳光家园: ``100 × on-time share − points per non-zero``.

    The on-time share is over the requests completed in the period (100 when none was
    but some are open); each breached open request (积压), complaint (投诉) and
    fee-charging completion (收费) costs ``seven_zeros_points``. None when the
    community has no request the calendar can judge, open or completed in the period.
    """
    lang, first, as_of = ctx.lang, ctx.start, ctx.as_of
    basis = seed("六园一港·阳光家园：七零服务承诺")
    items = {i.id: i for i in ctx.dataset.service_items}
    backlog = complaints = late = completed = unjudged = open_judged = fee_count = 0
    provisional = 0
    fees = Decimal(0)
    found: list[Finding] = []
    for r in sorted(ctx.requests.get(c.id, []), key=lambda r: r.id):
        if r.received_on > as_of:
            continue
        item = items[r.item_id]
        if r.complaint and first <= r.received_on:
            complaints += 1
            msg = pick(lang, f"工单{r.id}有投诉", f"request {r.id} drew a complaint")
            found.append(
                note(
                    RuleId.SCORECARD_COMPLAINT,
                    r.id,
                    msg,
                    basis,
                    severity=Severity.ADVISORY,
                    actual=True,
                    required=False,
                )
            )
        done = r.completed_on
        charged = item.fee > 0 and r.status is RequestStatus.COMPLETED
        if charged and done is not None and first <= done <= as_of:
            fees += item.fee
            fee_count += 1
            msg = pick(
                lang, f"工单{r.id}收费{item.fee}元", f"request {r.id} charged {item.fee} CNY"
            )
            found.append(
                note(
                    RuleId.SCORECARD_FEE,
                    r.id,
                    msg,
                    basis,
                    severity=Severity.ADVISORY,
                    actual=item.fee,
                    required=Decimal(0),
                )
            )
        try:
            s = sla_status(r, item, as_of=as_of, calendar=ctx.calendar)
        except CalendarCoverageError:
            unjudged += 1
            continue
        provisional += s.provisional
        if s.is_open:
            open_judged += 1
        if s.stage is SlaStage.BREACHED:
            backlog += 1
            msg = pick(
                lang,
                f"工单{r.id}已超过办结期限（{s.due_on}）",
                f"request {r.id} is past its deadline ({s.due_on})",
            )
            found.append(
                note(
                    RuleId.SCORECARD_BACKLOG,
                    r.id,
                    msg,
                    basis,
                    severity=Severity.ADVISORY,
                    actual=s.remaining,
                    required=0,
                )
            )
        elif (
            s.stage in (SlaStage.MET, SlaStage.MET_LATE)
            and s.closed_on is not None
            and first <= s.closed_on <= as_of
        ):
            completed += 1
            late += s.stage is SlaStage.MET_LATE
    if unjudged:
        msg = pick(
            lang,
            f"{unjudged}件工单的期限超出日历覆盖的年份，未计入",
            f"{unjudged} requests need days the calendar does not cover: left out",
        )
        found.append(note(RuleId.SCORECARD_UNJUDGED, c.id, msg, basis, actual=unjudged))
    zeros = SevenZeros(
        backlog=backlog,
        complaints=complaints,
        fees_charged=fees,
        late_completions=late,
        completed=completed,
        on_time_share=(completed - late) / completed if completed else None,
        unjudged=unjudged,
        provisional=provisional,
    )
    d = Dimension.SUNSHINE
    if not completed and not open_judged:
        return zeros, unscored(
            d, found, lang, "本期无可评判的服务工单", "no request to judge in the period"
        )
    parts = (
        [Part("按期办结", "on time", Fraction(completed - late, completed))] if completed else []
    )
    points = ctx.scoring.seven_zeros_points
    deductions = [
        Deduction("超期积压", "past deadline", points, backlog),
        Deduction("投诉", "complaints", points, complaints),
        Deduction("收费", "fees charged", points, fee_count),
    ]
    return zeros, compose(d, found, lang, parts=parts, deductions=deductions)


def caring(c: Community, ctx: Context) -> DimensionScore:
    """爱心家园: ``100 × mean(visit coverage, visits on time)`` for the caring kinds.

    Lonely and empty-nest elders, hardship families and the disabled, as far as the
    visit policy covers them. None when none of the community's residents is in scope.
    """
    d = Dimension.CARING
    parts, found = visit_parts(d, ctx.caring, c, ctx, seed("六园一港·爱心家园"))
    if not parts:
        return unscored(d, found, ctx.lang, "无关爱对象", "no resident in the caring groups")
    return compose(d, found, ctx.lang, parts=parts)


def health_leisure(c: Community, ctx: Context) -> DimensionScore:
    """康乐家园: ``100 × min(teams, target) / target`` for culture and sports teams.

    The target is one team per ``households_per_culture_team`` households, rounded up,
    and at least one.
    """
    lang = ctx.lang
    per = ctx.scoring.households_per_culture_team
    target = max(1, -(-c.households // per.value))
    n = sum(1 for t in ctx.teams.get(c.id, []) if t.kind is TeamKind.CULTURE_SPORTS)
    msg = pick(
        lang,
        f"文体团队{n}支，按每{per.value}户一支应有{target}支",
        f"{n} culture and sports teams; one per {per.value} households makes {target}",
    )
    found = [note(RuleId.SCORECARD_CULTURE_TEAMS, c.id, msg, per.basis, actual=n, required=target)]
    part = Part("文体团队", "culture teams", Fraction(min(n, target), target))
    return compose(Dimension.HEALTH_LEISURE, found, lang, parts=[part])


def learning(c: Community, ctx: Context) -> DimensionScore:
    """学习家园: always None, with a note: the entity model records no remote-education
    showings, lectures or campaigns."""
    return no_data(
        Dimension.LEARNING,
        c.id,
        ctx.lang,
        "远程教育放映、讲座和宣传活动",
        "remote-education showings, lectures or campaigns",
    )


def floating_population(c: Community, ctx: Context) -> DimensionScore:
    """温馨家园: ``100 × served / floating residents``.

    A floating resident (流动人口) is served when met on a visit or the subject of a
    service request during the year to ``as_of``. None without floating residents.
    """
    lang = ctx.lang
    floating = [r for r in ctx.residents.get(c.id, []) if r.registration is Registration.FLOATING]
    d = Dimension.FLOATING_POPULATION
    if not floating:
        return unscored(d, (), lang, "无流动人口", "no floating residents")
    served = sum(1 for r in floating if r.id in ctx.served_visits or r.id in ctx.served_requests)
    msg = pick(
        lang,
        f"流动人口{len(floating)}人中{served}人本期得到走访或服务",
        f"{served} of {len(floating)} floating residents visited or served in the period",
    )
    found = [
        note(
            RuleId.SCORECARD_FLOATING_SERVED,
            c.id,
            msg,
            seed("六园一港·温馨家园"),
            actual=served,
            required=len(floating),
        )
    ]
    part = Part("流动人口受服务", "floating residents served", Fraction(served, len(floating)))
    return compose(d, found, lang, parts=[part])


def safety(c: Community, ctx: Context) -> DimensionScore:
    """平安家园: ``100 × mean(parts) − points per mediation-committee violation``.

    Parts: coverage and punctuality of the must-visits (四个必访, and community
    correction); organisation, half for a mediation committee (调解委员会) and half for
    a joint-defence group (群防群治); and the share of disputes received in the
    period resolved by agreement by ``as_of``. A visit part without anyone in scope,
    or the dispute part without a dispute, is left out.
    """
    lang, as_of = ctx.lang, ctx.as_of
    d = Dimension.SAFETY
    parts, found = visit_parts(d, ctx.safety, c, ctx, seed("六园一港·平安家园：四个必访"))
    teams = ctx.teams.get(c.id, [])
    mediation = [t for t in teams if t.kind is TeamKind.MEDIATION]
    patrol = any(t.kind is TeamKind.SAFETY_PATROL for t in teams)
    if not mediation:
        msg = pick(
            lang,
            "未登记人民调解委员会（居民委员会应设立）",
            "no people's mediation committee recorded (a residents' committee sets one up)",
        )
        found.append(
            note(
                RuleId.SCORECARD_MEDIATION_COMMITTEE,
                c.id,
                msg,
                ctx.policy.mediation_members.basis,
                severity=Severity.ADVISORY,
                actual=0,
                required=1,
            )
        )
    if not patrol:
        msg = pick(lang, "未登记群防群治组织", "no joint-defence group recorded")
        found.append(
            note(
                RuleId.SCORECARD_SAFETY_PATROL,
                c.id,
                msg,
                seed("六园一港·平安家园"),
                actual=0,
                required=1,
            )
        )
    parts.append(Part("组织", "organisation", Fraction(bool(mediation) + patrol, 2)))
    size: list[Finding] = []
    for t in mediation:
        size += mediation_committee_findings(t, ctx.dataset, policy=ctx.policy, lang=lang)
    cases = [k for k in ctx.cases.get(c.id, []) if ctx.start <= k.received_on <= as_of]
    if cases:
        resolved = sum(1 for k in cases if resolved_by(k, as_of))
        msg = pick(
            lang,
            f"本期受理矛盾纠纷{len(cases)}件，达成协议{resolved}件",
            f"{resolved} of {len(cases)} disputes received in the period resolved by agreement",
        )
        found.append(
            note(
                RuleId.SCORECARD_DISPUTES,
                c.id,
                msg,
                seed("六园一港·平安家园"),
                actual=resolved,
                required=len(cases),
            )
        )
        parts.append(Part("纠纷化解", "disputes resolved", Fraction(resolved, len(cases))))
    found += size
    violations = sum(1 for f in size if f.severity is Severity.VIOLATION)
    deductions = [
        Deduction(
            "调解委员会人数", "mediation committee size", ctx.scoring.violation_points, violations
        )
    ]
    return compose(d, found, lang, parts=parts, deductions=deductions)


def party_harbour(c: Community, ctx: Context) -> DimensionScore:
    """红色港湾: ``100 × managed members / members``.

    Resident, retired and floating members are managed in their class's mode by
    definition; an employed member (在职党员, dual management) counts once they have
    reported (报到) by ``as_of``. None for a community without party members.
    """
    lang = ctx.lang
    members = ctx.members.get(c.id, [])
    found = party_findings(c, members, as_of=ctx.as_of, policy=ctx.policy, lang=lang)
    d = Dimension.PARTY_HARBOUR
    if not members:
        return unscored(d, found, lang, "无党员", "no party members")
    counts = {k: sum(1 for m in members if m.category is k) for k in PartyMemberCategory}
    msg = pick(
        lang,
        "，".join(f"{k.label_zh}{n}人（{management_mode(k).label_zh}）" for k, n in counts.items()),
        ", ".join(f"{k.label_en} {n} ({management_mode(k).label_en})" for k, n in counts.items()),
    )
    found.insert(
        0,
        note(
            RuleId.SCORECARD_PARTY_CLASSES,
            c.id,
            msg,
            seed("六园一港·红色港湾"),
            actual=tuple(f"{k.value}={n}" for k, n in counts.items()),
        ),
    )
    reported, employed = reporting(members, ctx.as_of)
    managed = len(members) - employed + reported
    part = Part("纳入管理", "managed", Fraction(managed, len(members)))
    return compose(d, found, lang, parts=[part])
