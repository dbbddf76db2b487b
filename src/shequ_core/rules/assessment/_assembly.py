"""Assembling the scorecard: each community's fourteen dimensions, then the banner's means.

:func:`scorecard` is :func:`community_scores` then :func:`assemble_scorecard`; the two
steps are public so that scores computed apart (one partition of communities at a time,
:mod:`shequ_core.dask`) combine into the same scorecard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

from shequ_core.calendar import WorkCalendar, china_calendar
from shequ_core.entities import Community, Dataset
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import DEFAULT_SCORING, DEFAULT_VISIT_POLICY, Policy, ScoringPolicy
from shequ_core.rules._findings import Findings, check_lang, pick
from shequ_core.rules.assessment._arithmetic import unscored
from shequ_core.rules.assessment._index import Context, build_context
from shequ_core.rules.assessment._results import (
    CommunityScore,
    Dimension,
    DimensionScore,
    Scorecard,
    SevenZeros,
)
from shequ_core.rules.assessment._six_homes import (
    caring,
    floating_population,
    health_leisure,
    learning,
    party_harbour,
    safety,
    service,
)
from shequ_core.rules.assessment._summary import round_half_up
from shequ_core.rules.assessment._three_haves import (
    fine_grained_service,
    grid_management,
    has_money,
    has_people,
    has_venue,
    information_support,
    regional_party_building,
)
from shequ_core.rules.staffing import staffing_findings
from shequ_core.rules.visiting import VisitPolicy
from shequ_core.text import Lang

__all__ = ["assemble_scorecard", "community_scores", "scorecard"]


def _community_score(c: Community, ctx: Context) -> CommunityScore:
    grids = ctx.grids.get(c.id, [])
    # Its own staff, and those of other communities named as its grids' workers (which
    # the grid-worker check reports): not every staff member of the banner for each one.
    own = ctx.staff.get(c.id, [])
    workers = (ctx.staff_by_id.get(g.worker_id) for g in grids if g.worker_id is not None)
    lent = list({s.id: s for s in workers if s is not None and s.community_id != c.id}.values())
    staffing = staffing_findings(
        c, [*own, *lent], as_of=ctx.as_of, policy=ctx.policy, grids=grids, lang=ctx.lang
    )
    zeros, sunshine = service(c, ctx)
    scores = [
        has_people(c, ctx, staffing),
        has_money(c, ctx),
        has_venue(c, ctx),
        regional_party_building(c, ctx),
        grid_management(c, ctx, staffing),
        fine_grained_service(c, ctx),
        information_support(c, ctx),
        sunshine,
        caring(c, ctx),
        health_leisure(c, ctx),
        learning(c, ctx),
        floating_population(c, ctx),
        safety(c, ctx),
        party_harbour(c, ctx),
    ]
    return CommunityScore(
        community_id=c.id,
        name=c.name,
        dimensions={s.dimension: s for s in scores},
        seven_zeros=zeros,
    )


def _banner_zeros(parts: Sequence[SevenZeros]) -> SevenZeros:
    completed = sum(z.completed for z in parts)
    late = sum(z.late_completions for z in parts)
    return SevenZeros(
        backlog=sum(z.backlog for z in parts),
        complaints=sum(z.complaints for z in parts),
        fees_charged=sum((z.fees_charged for z in parts), Decimal(0)),
        late_completions=late,
        completed=completed,
        on_time_share=(completed - late) / completed if completed else None,
        unjudged=sum(z.unjudged for z in parts),
        provisional=sum(z.provisional for z in parts),
    )


def _banner(communities: Sequence[CommunityScore], lang: Lang) -> CommunityScore:
    """The banner: each dimension's mean over the communities that have a score."""
    dims: dict[Dimension, DimensionScore] = {}
    for d in Dimension:
        found = [f for cs in communities for f in cs.dimensions[d].findings]
        scores = [s for cs in communities if (s := cs.dimensions[d].score) is not None]
        if not scores:
            dims[d] = unscored(d, found, lang, "各社区均无得分", "no community has a score")
            continue
        score = round_half_up(Fraction(sum(scores), len(scores)))
        dims[d] = DimensionScore(
            dimension=d,
            score=score,
            findings=Findings(dict.fromkeys(found), lang),
            explanation=pick(
                lang,
                f"{len(scores)}个社区得分均值 = {score}",
                f"mean of {len(scores)} communities' scores = {score}"
                if len(scores) > 1
                else f"the one community's score = {score}",
            ),
        )
    return CommunityScore(
        community_id=None,
        name=pick(lang, "全旗", "banner"),
        dimensions=dims,
        seven_zeros=_banner_zeros([cs.seven_zeros for cs in communities]),
    )


def community_scores(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar | None = None,
    lang: Lang = "zh",
    scoring: ScoringPolicy = DEFAULT_SCORING,
    visit_policy: VisitPolicy = DEFAULT_VISIT_POLICY,
    community_ids: Iterable[str] | None = None,
) -> dict[str, CommunityScore]:
    """Each community's :class:`CommunityScore` on ``as_of``, by id: :func:`scorecard`'s
    first step, with the same arguments.

    ``community_ids`` chooses the communities and their order (by default every one, in
    dataset order). Every score reads the whole dataset, so a community scored in a
    partition that holds the records it refers to scores as it does in the whole.
    """
    lang = check_lang(lang, subject="community_scores")
    known = {c.id: c for c in dataset.communities}
    ids = list(known) if community_ids is None else list(community_ids)
    problems = [
        Problem(("community_ids", i), f"no community has the id {cid!r}", "invalid_argument")
        for i, cid in enumerate(ids)
        if cid not in known
    ]
    if problems:
        raise ValidationError(problems, subject="community_scores")
    ctx = build_context(
        dataset,
        as_of=as_of,
        policy=policy,
        calendar=china_calendar() if calendar is None else calendar,
        scoring=scoring,
        visit_policy=visit_policy,
        lang=lang,
    )
    return {cid: _community_score(known[cid], ctx) for cid in ids}


def assemble_scorecard(
    scores: Iterable[CommunityScore], *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> Scorecard:
    """The scorecard of communities' scores (:func:`community_scores`), in the order given:
    :func:`scorecard`'s second step, which adds the banner's means and lists every
    finding once."""
    lang = check_lang(lang, subject="assemble_scorecard")
    communities: dict[str, CommunityScore] = {}
    for i, cs in enumerate(scores):
        if cs.community_id is None:
            msg = "is a banner's score, not a community's"
            raise ValidationError(
                [Problem(("scores", i), msg, "invalid_argument")], subject="assemble_scorecard"
            )
        communities[cs.community_id] = cs
    banner = _banner(list(communities.values()), lang)
    everything = [f for cs in communities.values() for f in cs.findings]
    return Scorecard(
        as_of=as_of,
        policy_name=policy.name,
        lang=lang,
        communities=communities,
        banner=banner,
        findings=Findings(dict.fromkeys(everything), lang),
    )


def scorecard(
    dataset: Dataset,
    *,
    as_of: dt.date,
    policy: Policy,
    calendar: WorkCalendar | None = None,
    lang: Lang = "zh",
    scoring: ScoringPolicy = DEFAULT_SCORING,
    visit_policy: VisitPolicy = DEFAULT_VISIT_POLICY,
) -> Scorecard:
    """The 三有四化 / 六园一港 scorecard of every community and of the banner on ``as_of``.

    Each :class:`Dimension` is scored 0–100 by the formula in its function's docstring
    (and in each score's ``explanation``) from the findings of the staffing, funding,
    facilities, governance, party, visiting and SLA rules, under ``policy`` (national
    or the seed's local standards: :func:`~shequ_core.policy.seed_policy`); None where
    the data or the policy cannot say. ``calendar`` judges the service requests'
    deadlines; None means the national calendar, :func:`~shequ_core.calendar.china_calendar`.
    Pure: everything it reads is an argument. Messages are in ``lang`` (``"zh"`` or
    ``"en"``).
    """
    lang = check_lang(lang, subject="scorecard")
    scores = community_scores(
        dataset,
        as_of=as_of,
        policy=policy,
        calendar=calendar,
        lang=lang,
        scoring=scoring,
        visit_policy=visit_policy,
    )
    return assemble_scorecard(scores.values(), as_of=as_of, policy=policy, lang=lang)
