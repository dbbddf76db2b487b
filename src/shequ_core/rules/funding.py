"""Funds and insurance (有钱办事): the yearly party-building and office funds, and 两金.

References:
    * The seed (察右前旗, 2018): each community receives 100,000 CNY of party-building
      funds (党建经费) and 20,000 CNY of office funds (办公经费) a year, and eligible
      cadres have pension and unemployment insurance (养老、失业保险, "两金"), an
      experiment (探索) the article describes. Local practice, in
      :func:`~shequ_core.policy.seed_policy` only: national law sets no figure, and no
      finding here is a violation.
    * Eligible cadres: the article does not define them. Here they are the community
      workers the community itself employs (:attr:`~shequ_core.entities.Staff.is_community_worker`
      less the seconded): not public-welfare posts (公益性岗位), insured under the
      public-welfare employment scheme, and not staff seconded from an organ or
      public institution (``Employment.SECONDED``, 机关事业单位下派), whom their home
      unit employs and insures.

Limitations:
    * The funds are the yearly amounts recorded on the community; a missing amount is
      an INFO finding. The workers' mean wage (3,089 CNY in the seed) is a figure, not
      a standard, and is not checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from shequ_core.entities import Community, Dataset, Employment, Staff
from shequ_core.policy import Minimum, Policy
from shequ_core.rules._findings import (
    Finding,
    Severity,
    per_community,
    pick,
    rule,
    undefined_figure,
)
from shequ_core.rules._ids import RuleId
from shequ_core.text import Lang

__all__ = [
    "cadre_insurance_eligible",
    "funding_findings",
]


def cadre_insurance_eligible(staff: Staff) -> bool:
    """Whether the community's 两金 applies: community workers it employs itself, i.e.
    neither public-welfare posts nor staff seconded from (and insured by) a home unit."""
    return staff.is_community_worker and staff.employment is not Employment.SECONDED


def _fund_check(
    community: Community,
    floor: Minimum | None,
    amount: Decimal | None,
    rid: RuleId,
    what_zh: str,
    what_en: str,
    lang: Lang,
) -> list[Finding]:
    if floor is None:
        return []
    if amount is None:
        msg = pick(lang, f"未登记年度{what_zh}", f"no yearly {what_en} recorded")
        return [
            undefined_figure(
                rid, community.id, message=msg, basis=floor.basis, required=floor.value
            )
        ]
    if amount >= floor.value:
        return []
    msg = pick(
        lang,
        f"年度{what_zh}{amount}元，低于{floor.value}元",
        f"yearly {what_en} of {amount} CNY, less than {floor.value} CNY",
    )
    return [
        Finding(
            rule=rid,
            subject_id=community.id,
            severity=Severity.ADVISORY,
            message=msg,
            basis=floor.basis,
            actual=amount,
            required=floor.value,
        )
    ]


def _party_funds_check(community: Community, policy: Policy, lang: Lang) -> list[Finding]:
    return _fund_check(
        community,
        policy.party_building_funds,
        community.yearly_party_building_funds,
        RuleId.FUNDING_PARTY_BUILDING_FUNDS,
        "党建经费",
        "party-building funds",
        lang,
    )


def _office_funds_check(community: Community, policy: Policy, lang: Lang) -> list[Finding]:
    return _fund_check(
        community,
        policy.office_funds,
        community.yearly_office_funds,
        RuleId.FUNDING_OFFICE_FUNDS,
        "办公经费",
        "office funds",
        lang,
    )


def _insurance_check(
    community: Community, staff: Iterable[Staff], policy: Policy, lang: Lang
) -> list[Finding]:
    need = policy.cadre_insurance
    if need is None:
        return []
    out: list[Finding] = []
    for s in staff:
        if s.community_id != community.id or not cadre_insurance_eligible(s):
            continue
        insured = {"pension": s.pension_insured, "unemployment": s.unemployment_insured}
        lacking = tuple(code for code, has in insured.items() if not has)
        if not lacking:
            continue
        zh = "、".join({"pension": "养老保险", "unemployment": "失业保险"}[c] for c in lacking)
        en = " and ".join(f"{c} insurance" for c in lacking)
        msg = pick(
            lang,
            f"社区工作者{s.id}未参加{zh}",
            f"community worker {s.id} has no {en}",
        )
        out.append(
            Finding(
                rule=RuleId.FUNDING_CADRE_INSURANCE,
                subject_id=s.id,
                severity=Severity.ADVISORY,
                message=msg,
                basis=need.basis,
                actual=lacking,
                required=("pension", "unemployment"),
            )
        )
    return out


def funding_findings(
    community: Community,
    staff: Iterable[Staff] = (),
    *,
    policy: Policy,
    lang: Lang = "zh",
) -> list[Finding]:
    """Every funding finding for one community: its two yearly funds and its workers' 两金."""
    return [
        *_party_funds_check(community, policy, lang),
        *_office_funds_check(community, policy, lang),
        *_insurance_check(community, staff, policy, lang),
    ]


@rule(
    RuleId.FUNDING_PARTY_BUILDING_FUNDS,
    policy=("party_building_funds",),
    title_zh="年度党建经费",
    title_en="yearly party-building funds",
)
def _rule_party_funds(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(dataset, lambda c, _: _party_funds_check(c, policy, lang))


@rule(
    RuleId.FUNDING_OFFICE_FUNDS,
    policy=("office_funds",),
    title_zh="年度办公经费",
    title_en="yearly office funds",
)
def _rule_office_funds(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(dataset, lambda c, _: _office_funds_check(c, policy, lang))


@rule(
    RuleId.FUNDING_CADRE_INSURANCE,
    policy=("cadre_insurance",),
    title_zh="社区工作者养老、失业保险（两金）",
    title_en="pension and unemployment insurance of community workers",
)
def _rule_insurance(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(
        dataset, lambda c, staff: _insurance_check(c, staff, policy, lang), dataset.staff
    )
