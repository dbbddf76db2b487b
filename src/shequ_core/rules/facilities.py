"""Facilities (有场所议事): service area per 100 households, the hall, 六室两中心.

References:
    * 国务院办公厅《"十四五"城乡社区服务体系建设规划》(国办发〔2021〕56号, 2021-12-27):
      community service facilities of at least 30 m² per 100 households (a national
      indicator, seen paraphrased). Before the plan the rule is silent.
    * The seed (察右前旗, 2018): every community has a service hall of 150 m² or more
      and the six rooms and two centres (六室两中心): 居委会办公室, 党建活动室, 警务室,
      老年活动室, 青少年活动室, 图书室, 计生服务站, 卫生服务站. Local standards, in
      :func:`~shequ_core.policy.seed_policy` only.

Limitations:
    * Areas are the community's recorded ``facility_area_m2`` and
      ``service_hall_area_m2``; a missing area gives an INFO finding, not a miss.
    * The plan's other indicators (居民活动区域 ≥ 60 % of the floor area, embedded
      service complexes ≥ 600 m²) are not checked: the entities do not record them.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from shequ_core.entities import Community, Dataset, FacilityKind
from shequ_core.policy import Policy
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
    "facility_area_per_100_households",
    "facility_findings",
    "missing_facilities",
]


def _exact(area: float) -> Fraction:
    """The area as the decimal it was written as (``29.9`` is 299/10, not a binary fraction)."""
    return Fraction(repr(area))


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{float(x):.2f}"


def facility_area_per_100_households(community: Community) -> Fraction | None:
    """Service facility area per 100 households; None without an area or households."""
    if community.facility_area_m2 is None or community.households == 0:
        return None
    return _exact(community.facility_area_m2) * 100 / community.households


def missing_facilities(community: Community, policy: Policy) -> tuple[FacilityKind, ...]:
    """The facilities the policy requires that the community lacks, in the standard's order."""
    if policy.required_facilities is None:
        return ()
    need = policy.required_facilities.kinds
    return tuple(k for k in FacilityKind if k in need and k not in community.facilities)


def _area_check(community: Community, policy: Policy, lang: Lang) -> list[Finding]:
    floor = policy.facility_area_per_100_households
    if floor is None:
        return []
    rid = RuleId.FACILITIES_AREA_PER_100_HOUSEHOLDS
    figure = facility_area_per_100_households(community)
    if figure is None:
        why = (
            pick(lang, "未登记服务设施面积", "no facility area recorded")
            if community.facility_area_m2 is None
            else pick(lang, "社区户数为0", "the community has no households")
        )
        msg = pick(
            lang,
            f"{why}，每百户服务设施面积无法计算",
            f"{why}: facility area per 100 households undefined",
        )
        return [
            undefined_figure(
                rid, community.id, message=msg, basis=floor.basis, required=floor.value
            )
        ]
    met = figure >= Fraction(floor.value)
    msg = pick(
        lang,
        f"每百户服务设施面积{_num(figure)}平方米，{'达到' if met else '低于'}{floor.value}平方米",
        f"{_num(figure)} m² of facilities per 100 households, "
        f"{'meeting' if met else 'below'} {floor.value} m²",
    )
    return [
        figure_finding(
            rid,
            community.id,
            met=met,
            message=msg,
            basis=floor.basis,
            actual=figure,
            required=floor.value,
        )
    ]


def _hall_check(community: Community, policy: Policy, lang: Lang) -> list[Finding]:
    floor = policy.service_hall_area_m2
    if floor is None:
        return []
    rid = RuleId.FACILITIES_SERVICE_HALL_AREA
    area = community.service_hall_area_m2
    if area is None:
        msg = pick(lang, "未登记服务大厅面积", "no service hall area recorded")
        return [
            undefined_figure(
                rid, community.id, message=msg, basis=floor.basis, required=floor.value
            )
        ]
    if _exact(area) >= Fraction(floor.value):
        return []
    msg = pick(
        lang,
        f"服务大厅面积{area:g}平方米，不足{floor.value}平方米",
        f"service hall of {area:g} m², less than {floor.value} m²",
    )
    return [
        Finding(
            rule=rid,
            subject_id=community.id,
            severity=Severity.ADVISORY,
            message=msg,
            basis=floor.basis,
            actual=_exact(area),
            required=floor.value,
        )
    ]


def _rooms_check(community: Community, policy: Policy, lang: Lang) -> list[Finding]:
    need = policy.required_facilities
    if need is None:
        return []
    missing = missing_facilities(community, policy)
    if not missing:
        return []
    names = pick(
        lang, "、".join(k.label_zh for k in missing), ", ".join(k.label_en for k in missing)
    )
    msg = pick(
        lang,
        f"六室两中心缺{len(missing)}项：{names}",
        f"{len(missing)} of the six rooms and two centres missing: {names}",
    )
    return [
        Finding(
            rule=RuleId.FACILITIES_SIX_ROOMS_TWO_CENTRES,
            subject_id=community.id,
            severity=Severity.ADVISORY,
            message=msg,
            basis=need.basis,
            actual=len(need.kinds) - len(missing),
            required=len(need.kinds),
        )
    ]


def facility_findings(community: Community, *, policy: Policy, lang: Lang = "zh") -> list[Finding]:
    """Every facility finding for one community: area per 100 households, hall, rooms."""
    return [
        *_area_check(community, policy, lang),
        *_hall_check(community, policy, lang),
        *_rooms_check(community, policy, lang),
    ]


@rule(
    RuleId.FACILITIES_AREA_PER_100_HOUSEHOLDS,
    policy=("facility_area_per_100_households",),
    title_zh="每百户社区服务设施面积",
    title_en="facility area per 100 households",
)
def _rule_area(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(dataset, lambda c, _: _area_check(c, policy, lang))


@rule(
    RuleId.FACILITIES_SERVICE_HALL_AREA,
    policy=("service_hall_area_m2",),
    title_zh="便民服务大厅面积",
    title_en="service hall area",
)
def _rule_hall(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(dataset, lambda c, _: _hall_check(c, policy, lang))


@rule(
    RuleId.FACILITIES_SIX_ROOMS_TWO_CENTRES,
    policy=("required_facilities",),
    title_zh="六室两中心",
    title_en="the six rooms and two centres",
)
def _rule_rooms(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(dataset, lambda c, _: _rooms_check(c, policy, lang))
