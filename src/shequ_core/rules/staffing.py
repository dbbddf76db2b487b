"""Staffing (有人管事): workers per 10,000 residents, the mix of posts, the secretaries, grids.

References:
    * 国务院办公厅《"十四五"城乡社区服务体系建设规划》(国办发〔2021〕56号, 2021-12-27):
      18 community workers (社区工作者) per 10,000 urban residents by 2025 (a planning
      target, seen reported; the 2020 baseline was 14.3). A plan's target binds
      nobody: a community below it is advisory. Outside the plan's period
      (2021-12-27 to 2025-12-31) there is no national target and the rule is silent.
    * Who counts as a community worker (:attr:`~shequ_core.entities.Staff.is_community_worker`):
      two-committee members, seconded and contracted staff; public-welfare posts
      (公益性岗位) are staff but not community workers, as the seed article counts them
      (136 staff = 81 workers + 55 posts). The mix of posts reports that count and
      compares it with nothing, so it cites only the article it follows.
    * The seed (察右前旗, 2018): party secretaries and deputies of mean age 37, 85 % with
      junior-college (大专) education or more. These are the banner's averages in 2018,
      not a ceiling or a floor for any community: the banner's secretaries as a whole
      are compared with them, and each community's as a group, advisory at most. Every
      grid with a responsible worker (网格化管理). Local practice, not law.

Limitations:
    * No national norm exists for households per grid or per grid worker (the common
      "300–500 households per grid" could not be traced to a document): the figure is
      INFO unless the policy sets ``grid_households_max``.
    * Ages are whole years on ``as_of``; staff without a birth date (or born after
      ``as_of``) and without a recorded education are left out of the means and shares,
      and the finding says how many were counted.
    * Residents are the community's ``residents`` count (常住人口 as the community
      records it), not a census figure.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from shequ_core.entities import Basis, Community, Dataset, Employment, Grid, Staff
from shequ_core.policy import SEED_ARTICLE, Count, Policy, Threshold, cite
from shequ_core.rules._findings import (
    Finding,
    Severity,
    figure_finding,
    per_community,
    pick,
    rule,
    undefined_figure,
)
from shequ_core.rules._ids import RuleId
from shequ_core.text import Lang

__all__ = [
    "BANNER",
    "STAFF_COUNT_BASIS",
    "age_on",
    "community_workers",
    "employment_mix",
    "households_per_grid_worker",
    "secretary_college_share",
    "secretary_mean_age",
    "staffing_findings",
    "workers_per_10k",
]


#: The subject of a finding about the whole dataset (the banner), not one community.
BANNER = "banner"

#: What the mix of posts rests on: the seed article's count of staff by kind of post
#: (81 community workers and 55 public-welfare posts). No text sets a mix to meet.
STAFF_COUNT_BASIS: Basis = cite(SEED_ARTICLE, "有人管事·社区工作者与公益性岗位")


def _percent(x: Fraction) -> str:
    return f"{float(x * 100):.1f}%"


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{float(x):.2f}"


def _own(community: Community, staff: Iterable[Staff]) -> list[Staff]:
    return [s for s in staff if s.community_id == community.id]


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Age in whole years on ``on`` (a 29 February birthday falls on 1 March)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def community_workers(community: Community, staff: Iterable[Staff]) -> list[Staff]:
    """The community's workers (社区工作者): its staff other than public-welfare posts."""
    return [s for s in _own(community, staff) if s.is_community_worker]


def workers_per_10k(community: Community, staff: Iterable[Staff]) -> Fraction | None:
    """Community workers per 10,000 residents, exactly; None for a community of nobody.

    Only the community's own staff (``community_id``) count, so the whole staff table
    can be passed.
    """
    if community.residents == 0:
        return None
    return Fraction(len(community_workers(community, staff)) * 10_000, community.residents)


def employment_mix(community: Community, staff: Iterable[Staff]) -> dict[Employment, int]:
    """How many of the community's staff hold each kind of post, every kind listed."""
    counts = Counter(s.employment for s in _own(community, staff))
    return {e: counts.get(e, 0) for e in Employment}


def secretary_mean_age(
    community: Community | None, staff: Iterable[Staff], *, as_of: dt.date
) -> tuple[Fraction | None, int]:
    """The mean age of the secretaries and deputies with a known birth date, and how many;
    those of ``community``, or of all ``staff`` (the banner) when it is None."""
    own = staff if community is None else _own(community, staff)
    ages = [
        age_on(s.birth_date, as_of)
        for s in own
        if s.is_secretary and s.birth_date is not None and s.birth_date <= as_of
    ]
    return (Fraction(sum(ages), len(ages)) if ages else None), len(ages)


def secretary_college_share(
    community: Community | None, staff: Iterable[Staff]
) -> tuple[Fraction | None, int]:
    """The share of secretaries and deputies (education known) with 大专 or more, and how
    many; those of ``community``, or of all ``staff`` (the banner) when it is None."""
    own = staff if community is None else _own(community, staff)
    known = [s for s in own if s.is_secretary and s.education is not None]
    college = sum(1 for s in known if s.education is not None and s.education.is_college)
    return (Fraction(college, len(known)) if known else None), len(known)


def households_per_grid_worker(
    community: Community, grids: Iterable[Grid]
) -> tuple[Fraction | None, dict[str, int]]:
    """Households of the community's staffed grids per responsible worker, and each load.

    None when no grid of the community has a responsible worker.
    """
    load: dict[str, int] = {}
    for g in grids:
        if g.community_id == community.id and g.worker_id is not None:
            load[g.worker_id] = load.get(g.worker_id, 0) + g.households
    if not load:
        return None, load
    return Fraction(sum(load.values()), len(load)), load


# -- the checks, one per rule id ---------------------------------------------------------


def _workers_check(
    community: Community, staff: Sequence[Staff], policy: Policy, lang: Lang
) -> list[Finding]:
    target = policy.workers_per_10k
    if target is None:
        return []
    rid = RuleId.STAFFING_WORKERS_PER_10K
    figure = workers_per_10k(community, staff)
    required = target.value
    if figure is None:
        msg = pick(
            lang,
            "社区常住人口为0，每万人社区工作者数无法计算",
            "the community has no residents: workers per 10,000 residents is undefined",
        )
        return [
            undefined_figure(rid, community.id, message=msg, basis=target.basis, required=required)
        ]
    met = figure >= Fraction(required)
    n = len(community_workers(community, staff))
    msg = pick(
        lang,
        f"每万人社区工作者{_num(figure)}人（{n}人/{community.residents}人），"
        f"{'达到' if met else '低于'}{required}人的目标",
        f"{_num(figure)} community workers per 10,000 residents ({n} for "
        f"{community.residents}), {'meeting' if met else 'below'} the target of {required}",
    )
    return [
        figure_finding(
            rid,
            community.id,
            met=met,
            message=msg,
            basis=target.basis,
            actual=figure,
            required=required,
        )
    ]


def _mix_check(community: Community, staff: Sequence[Staff], lang: Lang) -> list[Finding]:
    mix = employment_mix(community, staff)
    total = sum(mix.values())
    if total == 0:
        msg = pick(lang, "未登记社区工作人员", "no staff recorded for the community")
    else:
        parts = [
            pick(
                lang,
                f"{e.label_zh}{n}人（{_percent(Fraction(n, total))}）",
                f"{e.label_en} {n} ({_percent(Fraction(n, total))})",
            )
            for e, n in mix.items()
        ]
        workers = total - mix[Employment.PUBLIC_WELFARE]
        msg = pick(
            lang,
            f"社区工作人员{total}人，其中社区工作者{workers}人：" + "，".join(parts),
            f"{total} staff, {workers} of them community workers: " + ", ".join(parts),
        )
    return [
        Finding(
            rule=RuleId.STAFFING_EMPLOYMENT_MIX,
            subject_id=community.id,
            severity=Severity.INFO,
            message=msg,
            basis=STAFF_COUNT_BASIS,
            actual=tuple(f"{e.value}={n}" for e, n in mix.items()),
        )
    ]


def _whose(lang: Lang, banner: bool) -> str:
    return pick(lang, "全旗" if banner else "", "the banner's " if banner else "")


def _age_finding(
    subject: str,
    mean_n: tuple[Fraction | None, int],
    average: Count,
    lang: Lang,
    *,
    banner: bool = False,
) -> list[Finding]:
    """The secretaries' mean age against the banner's average the seed article gives."""
    rid = RuleId.STAFFING_SECRETARY_AGE
    mean, n = mean_n
    if mean is None:
        msg = pick(
            lang,
            f"无{_whose(lang, banner)}书记、副书记的出生日期，无法计算平均年龄",
            f"no birth date of {_whose(lang, banner)}secretaries or deputies recorded: "
            "mean age unknown",
        )
        return [
            undefined_figure(rid, subject, message=msg, basis=average.basis, required=average.value)
        ]
    met = mean <= average.value
    msg = pick(
        lang,
        f"{_whose(lang, banner)}书记、副书记{n}人平均年龄{_num(mean)}岁，"
        f"{'不高于' if met else '高于'}经验材料所载全旗平均{average.value}岁（平均数，非上限）",
        f"mean age of {_whose(lang, banner)}{n} secretaries and deputies {_num(mean)}, "
        f"{'not above' if met else 'above'} the banner average of {average.value} the seed "
        "article reports (an average, not a limit)",
    )
    return [
        figure_finding(
            rid,
            subject,
            met=met,
            message=msg,
            basis=average.basis,
            actual=mean,
            required=average.value,
        )
    ]


def _education_finding(
    subject: str,
    share_n: tuple[Fraction | None, int],
    average: Threshold,
    lang: Lang,
    *,
    banner: bool = False,
) -> list[Finding]:
    """The secretaries' share with 大专 or more against the banner's average share."""
    rid = RuleId.STAFFING_SECRETARY_EDUCATION
    share, n = share_n
    required = average.share.fraction
    if share is None:
        msg = pick(
            lang,
            f"无{_whose(lang, banner)}书记、副书记的学历记录，无法计算大专以上比例",
            f"no education of {_whose(lang, banner)}secretaries or deputies recorded: "
            "share unknown",
        )
        return [undefined_figure(rid, subject, message=msg, basis=average.basis, required=required)]
    college = int(share * n)
    met = average.met(college, n)
    msg = pick(
        lang,
        f"{_whose(lang, banner)}书记、副书记{n}人中大专以上{college}人（{_percent(share)}），"
        f"{'不低于' if met else '低于'}经验材料所载全旗平均{_percent(required)}（平均数，非下限）",
        f"{college} of {_whose(lang, banner)}{n} secretaries and deputies ({_percent(share)}) "
        f"have junior-college education or more, {'not below' if met else 'below'} the "
        f"banner average of {_percent(required)} the seed article reports (an average, "
        "not a floor)",
    )
    return [
        figure_finding(
            rid,
            subject,
            met=met,
            message=msg,
            basis=average.basis,
            actual=share,
            required=required,
        )
    ]


def _age_check(
    community: Community, staff: Sequence[Staff], policy: Policy, as_of: dt.date, lang: Lang
) -> list[Finding]:
    if policy.secretary_mean_age_max is None:
        return []
    figure = secretary_mean_age(community, staff, as_of=as_of)
    return _age_finding(community.id, figure, policy.secretary_mean_age_max, lang)


def _education_check(
    community: Community, staff: Sequence[Staff], policy: Policy, lang: Lang
) -> list[Finding]:
    if policy.secretary_college_share is None:
        return []
    share = secretary_college_share(community, staff)
    return _education_finding(community.id, share, policy.secretary_college_share, lang)


def _grid_worker_check(
    community: Community,
    where: Mapping[str, str],
    grids: Sequence[Grid],
    policy: Policy,
    lang: Lang,
) -> list[Finding]:
    """``where`` maps staff ids to their community: a worker it does not know counts as
    the grid's own."""
    need = policy.grid_worker
    if need is None:
        return []
    out: list[Finding] = []
    for g in grids:
        if g.community_id != community.id:
            continue
        if g.worker_id is None:
            msg = pick(lang, f"网格{g.id}无责任网格员", f"grid {g.id} has no responsible worker")
        elif where.get(g.worker_id, community.id) != community.id:
            msg = pick(
                lang,
                f"网格{g.id}的责任人{g.worker_id}不属于本社区",
                f"the worker {g.worker_id} responsible for grid {g.id} belongs to another "
                "community",
            )
        else:
            continue
        out.append(
            Finding(
                rule=RuleId.STAFFING_GRID_WORKER,
                subject_id=g.id,
                severity=Severity.ADVISORY,
                message=msg,
                basis=need.basis,
                actual=g.worker_id,
                required=True,
            )
        )
    return out


def _grid_load_check(
    community: Community, grids: Sequence[Grid], policy: Policy, lang: Lang
) -> list[Finding]:
    bound = policy.grid_households_max
    anchor = bound if bound is not None else policy.grid_worker
    if anchor is None:
        return []
    own = [g for g in grids if g.community_id == community.id]
    if not own:
        return []
    rid = RuleId.STAFFING_HOUSEHOLDS_PER_GRID_WORKER
    mean, load = households_per_grid_worker(community, own)
    limit = bound.value if bound is not None else None
    if mean is None:
        msg = pick(
            lang,
            "本社区网格均无责任网格员，无法计算每名网格员户数",
            "no grid of the community has a responsible worker: households per worker undefined",
        )
        return [
            undefined_figure(rid, community.id, message=msg, basis=anchor.basis, required=limit)
        ]
    msg = pick(
        lang,
        f"{len(load)}名网格员平均每人负责{_num(mean)}户",
        f"{len(load)} grid workers, {_num(mean)} households each on average",
    )
    out = [
        Finding(
            rule=rid,
            subject_id=community.id,
            severity=Severity.INFO,
            message=msg,
            basis=anchor.basis,
            actual=mean,
            required=limit,
        )
    ]
    if bound is not None:
        for worker, households in sorted(load.items()):
            if households > bound.value:
                msg = pick(
                    lang,
                    f"网格员{worker}负责{households}户，超过{bound.value}户",
                    f"grid worker {worker} covers {households} households, more than {bound.value}",
                )
                out.append(
                    Finding(
                        rule=rid,
                        subject_id=worker,
                        severity=Severity.ADVISORY,
                        message=msg,
                        basis=bound.basis,
                        actual=households,
                        required=bound.value,
                    )
                )
    return out


def staffing_findings(
    community: Community,
    staff: Iterable[Staff],
    *,
    as_of: dt.date,
    policy: Policy,
    grids: Iterable[Grid] = (),
    lang: Lang = "zh",
) -> list[Finding]:
    """Every staffing finding for one community; ``staff`` and ``grids`` may hold others'."""
    staff = tuple(staff)
    grids = tuple(grids)
    own = _own(community, staff)
    return [
        *_workers_check(community, own, policy, lang),
        *_mix_check(community, own, lang),
        *_age_check(community, own, policy, as_of, lang),
        *_education_check(community, own, policy, lang),
        *_grid_worker_check(community, {s.id: s.community_id for s in staff}, grids, policy, lang),
        *_grid_load_check(community, grids, policy, lang),
    ]


# -- registered over a dataset ---------------------------------------------------------


@rule(
    RuleId.STAFFING_WORKERS_PER_10K,
    policy=("workers_per_10k",),
    title_zh="每万城镇常住人口社区工作者数",
    title_en="community workers per 10,000 residents",
)
def _rule_workers_per_10k(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(
        dataset, lambda c, staff: _workers_check(c, staff, policy, lang), dataset.staff
    )


@rule(
    RuleId.STAFFING_EMPLOYMENT_MIX,
    policy=(),
    title_zh="社区工作人员身份构成",
    title_en="staff by kind of post",
    basis=STAFF_COUNT_BASIS,
)
def _rule_employment_mix(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(dataset, lambda c, staff: _mix_check(c, staff, lang), dataset.staff)


@rule(
    RuleId.STAFFING_SECRETARY_AGE,
    policy=("secretary_mean_age_max",),
    title_zh="书记、副书记平均年龄（与全旗平均数比较）",
    title_en="mean age of party secretaries and deputies, against the banner's average",
)
def _rule_secretary_age(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    if policy.secretary_mean_age_max is None:
        return []
    banner = secretary_mean_age(None, dataset.staff, as_of=as_of)
    return [
        *_age_finding(BANNER, banner, policy.secretary_mean_age_max, lang, banner=True),
        *per_community(
            dataset, lambda c, staff: _age_check(c, staff, policy, as_of, lang), dataset.staff
        ),
    ]


@rule(
    RuleId.STAFFING_SECRETARY_EDUCATION,
    policy=("secretary_college_share",),
    title_zh="书记、副书记大专以上学历比例（与全旗平均数比较）",
    title_en="share of secretaries and deputies with junior-college education or more, "
    "against the banner's average",
)
def _rule_secretary_education(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    if policy.secretary_college_share is None:
        return []
    banner = secretary_college_share(None, dataset.staff)
    return [
        *_education_finding(BANNER, banner, policy.secretary_college_share, lang, banner=True),
        *per_community(
            dataset, lambda c, staff: _education_check(c, staff, policy, lang), dataset.staff
        ),
    ]


@rule(
    RuleId.STAFFING_GRID_WORKER,
    policy=("grid_worker",),
    title_zh="网格责任网格员",
    title_en="every grid has a responsible worker of its community",
)
def _rule_grid_worker(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    where = {s.id: s.community_id for s in dataset.staff}
    return per_community(
        dataset, lambda c, grids: _grid_worker_check(c, where, grids, policy, lang), dataset.grids
    )


@rule(
    RuleId.STAFFING_HOUSEHOLDS_PER_GRID_WORKER,
    policy=("grid_households_max", "grid_worker"),
    title_zh="每名网格员负责户数",
    title_en="households per grid worker",
)
def _rule_households_per_grid_worker(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(
        dataset, lambda c, grids: _grid_load_check(c, grids, policy, lang), dataset.grids
    )
