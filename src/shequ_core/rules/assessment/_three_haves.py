"""三有四化, the management model: one function per dimension, each documenting its formula.

有人管事, 有钱办事 and 有场所议事 rest on the findings of the staffing, funding,
facilities and governance rules; 区域化党建, 网格化管理 and 精细化服务 on shares of the
data. 信息化支撑 has no data to score.
"""

from __future__ import annotations

from fractions import Fraction

from shequ_core.entities import Community
from shequ_core.rules._findings import Finding, Findings, Severity, pick
from shequ_core.rules._ids import RuleId
from shequ_core.rules.assessment._arithmetic import (
    Deduction,
    Part,
    compose,
    no_data,
    note,
    penalties,
    seed,
    unscored,
)
from shequ_core.rules.assessment._index import Context, community_of, reporting, visit_parts
from shequ_core.rules.assessment._results import Dimension, DimensionScore
from shequ_core.rules.facilities import facility_findings
from shequ_core.rules.funding import funding_findings
from shequ_core.rules.governance import committee_size_findings
from shequ_core.rules.party import unreported_employed_findings

__all__ = [
    "fine_grained_service",
    "grid_management",
    "has_money",
    "has_people",
    "has_venue",
    "information_support",
    "regional_party_building",
]


#: The staffing rules 有人管事 rests on; the committee law's are added per community.
_PEOPLE_RULES = frozenset(
    {
        RuleId.STAFFING_WORKERS_PER_10K,
        RuleId.STAFFING_EMPLOYMENT_MIX,
        RuleId.STAFFING_SECRETARY_AGE,
        RuleId.STAFFING_SECRETARY_EDUCATION,
    }
)
#: The staffing rules 网格化管理 rests on.
_GRID_RULES = frozenset({RuleId.STAFFING_GRID_WORKER, RuleId.STAFFING_HOUSEHOLDS_PER_GRID_WORKER})


def has_people(c: Community, ctx: Context, staffing: list[Finding]) -> DimensionScore:
    """有人管事: ``100 − points`` over the staffing and committee-size findings.

    The staffing rules (workers per 10,000 residents, the secretaries' age and
    education) and the committee law (5–9 members; from 2026 a woman among them); a
    community with no staff at all scores 0: nobody runs its affairs.
    """
    lang = ctx.lang
    own = ctx.staff.get(c.id, [])
    found = [f for f in staffing if f.rule in _PEOPLE_RULES]
    found += committee_size_findings(c, own, ctx.as_of, policy=ctx.policy, lang=lang)
    if not own:
        msg = pick(
            lang, "社区未登记任何工作人员，无人管事", "no staff recorded: nobody runs affairs"
        )
        found.append(
            note(
                RuleId.SCORECARD_NO_STAFF,
                c.id,
                msg,
                seed("三有四化·有人管事"),
                severity=Severity.ADVISORY,
                actual=0,
                required=1,
            )
        )
        return DimensionScore(
            dimension=Dimension.HAS_PEOPLE,
            score=0,
            findings=Findings(found, lang),
            explanation=pick(lang, "无工作人员 = 0", "no staff = 0"),
        )
    return compose(Dimension.HAS_PEOPLE, found, lang, deductions=penalties(found, ctx.scoring))


def has_money(c: Community, ctx: Context) -> DimensionScore:
    """有钱办事: ``100 − points`` over the funding findings (the two funds, 两金).

    None when the policy sets none of the funds or the insurance duty (the national
    profile): there is nothing to judge against.
    """
    p, lang = ctx.policy, ctx.lang
    if p.party_building_funds is None and p.office_funds is None and p.cadre_insurance is None:
        return unscored(
            Dimension.HAS_MONEY,
            (),
            lang,
            "政策未规定经费和两金标准",
            "the policy sets no funds or insurance standard",
        )
    found = funding_findings(c, ctx.staff.get(c.id, []), policy=p, lang=lang)
    return compose(Dimension.HAS_MONEY, found, lang, deductions=penalties(found, ctx.scoring))


def has_venue(c: Community, ctx: Context) -> DimensionScore:
    """有场所议事: ``100 − points`` over the facility findings and the meeting quorums.

    The venue (area per 100 households, the hall, 六室两中心) and deliberation that
    counts (a residents' or representatives' meeting that decided without its quorum
    is a violation). None when the policy sets no facility standard.
    """
    p, lang = ctx.policy, ctx.lang
    quorum = ctx.quorum.get(c.id, [])
    if (
        p.facility_area_per_100_households is None
        and p.service_hall_area_m2 is None
        and p.required_facilities is None
    ):
        return unscored(
            Dimension.HAS_VENUE,
            quorum,
            lang,
            "政策未规定服务设施标准",
            "the policy sets no facility standard",
        )
    found = [*facility_findings(c, policy=p, lang=lang), *quorum]
    return compose(Dimension.HAS_VENUE, found, lang, deductions=penalties(found, ctx.scoring))


def regional_party_building(c: Community, ctx: Context) -> DimensionScore:
    """区域化党建: ``100 × mean(partner units, reporting)``.

    Partner units: ``min(n, target) / target`` for the units paired with the community
    by ``as_of`` (target in :class:`ScoringPolicy`); reporting: the share of employed
    members (在职党员) who reported to the community by ``as_of``, left out when there
    are none. The unreported members are listed as the party rule finds them.
    """
    lang = ctx.lang
    target = ctx.scoring.partner_units
    n = len(ctx.partners.get(c.id, []))
    members = ctx.members.get(c.id, [])
    msg = pick(
        lang,
        f"共建单位{n}个，目标{target.value}个",
        f"{n} partner units, target {target.value}",
    )
    found = [
        note(
            RuleId.SCORECARD_PARTNER_UNITS, c.id, msg, target.basis, actual=n, required=target.value
        )
    ]
    parts = [Part("共建单位", "partner units", Fraction(min(n, target.value), target.value))]
    reported, employed = reporting(members, ctx.as_of)
    if employed:
        parts.append(
            Part("在职党员报到", "employed members reported", Fraction(reported, employed))
        )
    found += unreported_employed_findings(members, as_of=ctx.as_of, policy=ctx.policy, lang=lang)
    return compose(Dimension.REGIONAL_PARTY_BUILDING, found, lang, parts=parts)


def grid_management(c: Community, ctx: Context, staffing: list[Finding]) -> DimensionScore:
    """网格化管理: ``100 × covered share − points per overloaded grid worker``.

    The covered share is the households of the community's grids whose responsible
    worker is one of its own staff, over its households (its recorded count, or the
    grids' total if larger). A worker above the policy's households-per-worker bound
    costs ``advisory_points``. None for a community of no households and no grids.
    """
    lang = ctx.lang
    own = ctx.grids.get(c.id, [])
    found = [f for f in staffing if f.rule in _GRID_RULES]
    staffed = [g for g in own if g.worker_id is not None and community_of(ctx, g.worker_id) == c.id]
    covered = sum(g.households for g in staffed)
    total = max(c.households, sum(g.households for g in own))
    if total == 0:
        return unscored(
            Dimension.GRID_MANAGEMENT, found, lang, "社区无户、无网格", "no households and no grids"
        )
    share = Fraction(covered, total)
    msg = pick(
        lang,
        f"{len(own)}个网格中{len(staffed)}个有本社区责任网格员，覆盖{covered}/{total}户",
        f"{len(staffed)} of {len(own)} grids have a responsible worker of the community, "
        f"covering {covered} of {total} households",
    )
    found.append(
        note(
            RuleId.SCORECARD_GRID_COVERAGE,
            c.id,
            msg,
            seed("三有四化·网格化管理"),
            actual=share,
            required=1,
        )
    )
    overloaded = sum(
        1
        for f in found
        if f.rule == RuleId.STAFFING_HOUSEHOLDS_PER_GRID_WORKER and f.severity is Severity.ADVISORY
    )
    deductions = [
        Deduction(
            "超负荷网格员", "overloaded grid workers", ctx.scoring.advisory_points, overloaded
        )
    ]
    return compose(
        Dimension.GRID_MANAGEMENT,
        found,
        lang,
        parts=[Part("网格覆盖", "households covered", share)],
        deductions=deductions,
    )


def fine_grained_service(c: Community, ctx: Context) -> DimensionScore:
    """精细化服务: ``100 × mean(visit coverage, visits on time)`` over every attention kind.

    Coverage: the (resident, reason) pairs in scope during the year to ``as_of`` that
    were met at least once; on time: the residents in scope on ``as_of`` who are not
    overdue. None when no resident of the community needs visiting.
    """
    d = Dimension.FINE_GRAINED_SERVICE
    parts, found = visit_parts(d, ctx.all_kinds, c, ctx, seed("三有四化·精细化服务"))
    if not parts:
        return unscored(d, found, ctx.lang, "无需走访的居民", "no resident needs visiting")
    return compose(d, found, ctx.lang, parts=parts)


def information_support(c: Community, ctx: Context) -> DimensionScore:
    """信息化支撑: always None, with a note: the entity model records no remote-education
    stations, and a score made up from other records would say what the data does not."""
    return no_data(
        Dimension.INFORMATION_SUPPORT, c.id, ctx.lang, "远程教育站点", "remote-education stations"
    )
