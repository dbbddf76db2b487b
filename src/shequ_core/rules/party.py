"""Party organisation (红色港湾): management modes, the form of organisation, 在职党员报到.

References:
    * 中国共产党支部工作条例(试行) (2018) 第4条: wherever there are 3 or more full
      (正式) members a branch (党支部) is set up; fewer join a joint branch (联合党支部).
      Its sixth chapter: a branch of 7 or more full members elects a branch committee
      (支部委员会); a smaller one has a secretary (and possibly a deputy). Seen
      paraphrased on party-organisation sites.
    * 50 to 100 members: a general branch (党总支); 100 or more: a primary committee
      (基层党委), as the 基层组织工作条例 set them (seen paraphrased; exceptions need
      approval).
    * The seed (察右前旗, 2018), 红色港湾: four classes of member, each with its mode —
      resident members 直接管理 (direct), retired 共同管理 (joint), floating 合作管理
      (cooperative, through service stations), employed members of local units 双重管理
      (dual: they report to the community party organisation, 报到制度).

Limitations:
    * The form is computed from full members only; probationary members (预备党员)
      do not count towards setting up a branch.
    * No national frequency for 在职党员报到 was found: the rule only flags employed
      members who never reported (by ``as_of``), and only under a policy that sets
      ``employed_members_report`` (the seed profile).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

from shequ_core.entities import (
    Community,
    Dataset,
    LabelledEnum,
    PartyMember,
    PartyMemberCategory,
)
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy import RESIDENTS_COMMITTEE_LAW_2025, Policy, national_policy
from shequ_core.rules._findings import Finding, Severity, per_community, pick, rule
from shequ_core.rules._ids import RuleId
from shequ_core.text import Lang

__all__ = [
    "ManagementMode",
    "OrganisationForm",
    "branch_committee_required",
    "management_mode",
    "organisation_form",
    "party_findings",
    "unreported_employed_findings",
]


class ManagementMode(LabelledEnum):
    """How the community party organisation manages a class of member (红色港湾)."""

    DIRECT = "direct", "直接管理"
    JOINT = "joint", "共同管理"
    COOPERATIVE = "cooperative", "合作管理"
    DUAL = "dual", "双重管理"


class OrganisationForm(LabelledEnum):
    """The form a party organisation of so many members takes."""

    BRANCH = "branch", "党支部"
    GENERAL_BRANCH = "general_branch", "党总支"
    PRIMARY_COMMITTEE = "primary_committee", "基层党委"


_MODES = {
    PartyMemberCategory.RESIDENT: ManagementMode.DIRECT,
    PartyMemberCategory.RETIRED: ManagementMode.JOINT,
    PartyMemberCategory.FLOATING: ManagementMode.COOPERATIVE,
    PartyMemberCategory.EMPLOYED: ManagementMode.DUAL,
}


def management_mode(category: PartyMemberCategory) -> ManagementMode:
    """The seed's management mode for a class of member."""
    return _MODES[category]


#: The day the committee law's 2025 text took effect (its ``effective_from``): the
#: national profile's day when none is given.
_LATEST_TEXT = cast(dt.date, RESIDENTS_COMMITTEE_LAW_2025.effective_from)


def _numbers(as_of: dt.date | None, policy: Policy | None) -> Policy:
    if policy is not None:
        return policy
    # party numbers carry no dates; any day of the national profile gives the same
    return national_policy(as_of if as_of is not None else _LATEST_TEXT)


def _check_members(full_members: int, subject: str) -> None:
    if not isinstance(full_members, int) or isinstance(full_members, bool):
        msg = f"must be a whole number, got {type(full_members).__name__}"
        problem = Problem("full_members", msg, "wrong_type")
    elif full_members < 0:
        problem = Problem(
            "full_members", f"must be 0 or more, got {full_members}", "invalid_argument"
        )
    else:
        return
    raise ValidationError([problem], subject=subject)


def organisation_form(
    full_members: int, *, as_of: dt.date | None = None, policy: Policy | None = None
) -> OrganisationForm | None:
    """The organisation ``full_members`` full members set up; None below 3 (joint branch)."""
    _check_members(full_members, "organisation_form")
    p = _numbers(as_of, policy)
    if full_members >= p.party_committee_min.value:
        return OrganisationForm.PRIMARY_COMMITTEE
    if full_members >= p.party_general_branch_min.value:
        return OrganisationForm.GENERAL_BRANCH
    if full_members >= p.party_branch_min.value:
        return OrganisationForm.BRANCH
    return None


def branch_committee_required(
    full_members: int, *, as_of: dt.date | None = None, policy: Policy | None = None
) -> bool:
    """Whether a branch must elect a committee: 7 or more full members."""
    _check_members(full_members, "branch_committee_required")
    return full_members >= _numbers(as_of, policy).party_branch_committee_min.value


def _form_check(
    community: Community, members: Iterable[PartyMember], policy: Policy, lang: Lang
) -> list[Finding]:
    own = [m for m in members if m.community_id == community.id]
    full = sum(1 for m in own if m.is_full_member)
    form = organisation_form(full, policy=policy)
    committee = branch_committee_required(full, policy=policy)
    if form is None:
        basis = policy.party_branch_min.basis
        msg = pick(
            lang,
            f"正式党员{full}人，不足{policy.party_branch_min.value}人，不能单独成立党支部",
            f"{full} full members, fewer than {policy.party_branch_min.value}: no branch of "
            "its own (a joint branch)",
        )
    else:
        basis = {
            OrganisationForm.BRANCH: policy.party_branch_min.basis,
            OrganisationForm.GENERAL_BRANCH: policy.party_general_branch_min.basis,
            OrganisationForm.PRIMARY_COMMITTEE: policy.party_committee_min.basis,
        }[form]
        tail_zh = "，应设支部委员会" if committee and form is OrganisationForm.BRANCH else ""
        tail_en = (
            ", with a branch committee" if committee and form is OrganisationForm.BRANCH else ""
        )
        msg = pick(
            lang,
            f"党员{len(own)}人，其中正式党员{full}人，应设{form.label_zh}{tail_zh}",
            f"{len(own)} members, {full} of them full: a {form.label_en}{tail_en}",
        )
    return [
        Finding(
            rule=RuleId.PARTY_ORGANISATION_FORM,
            subject_id=community.id,
            severity=Severity.INFO,
            message=msg,
            basis=basis,
            actual=full,
            required=form.value if form is not None else None,
        )
    ]


def unreported_employed_findings(
    members: Iterable[PartyMember], *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    """Employed members (在职党员) who had not reported to the community by ``as_of``."""
    need = policy.employed_members_report
    if need is None:
        return []
    out: list[Finding] = []
    for m in members:
        if m.category is not PartyMemberCategory.EMPLOYED:
            continue
        if m.reported_on is not None and m.reported_on <= as_of:
            continue
        msg = pick(
            lang,
            f"在职党员{m.id}未到社区报到",
            f"employed party member {m.id} has not reported to the community",
        )
        out.append(
            Finding(
                rule=RuleId.PARTY_EMPLOYED_NOT_REPORTED,
                subject_id=m.id,
                severity=Severity.ADVISORY,
                message=msg,
                basis=need.basis,
                actual=False,
                required=True,
            )
        )
    return out


def party_findings(
    community: Community,
    members: Iterable[PartyMember],
    *,
    as_of: dt.date,
    policy: Policy,
    lang: Lang = "zh",
) -> list[Finding]:
    """Every party finding for one community; ``members`` may hold other communities'."""
    own = [m for m in members if m.community_id == community.id]
    return [
        *_form_check(community, own, policy, lang),
        *unreported_employed_findings(own, as_of=as_of, policy=policy, lang=lang),
    ]


@rule(
    RuleId.PARTY_ORGANISATION_FORM,
    policy=(
        "party_branch_min",
        "party_general_branch_min",
        "party_committee_min",
        "party_branch_committee_min",
    ),
    title_zh="党组织设置形式",
    title_en="form of the party organisation",
)
def _rule_form(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return per_community(
        dataset, lambda c, members: _form_check(c, members, policy, lang), dataset.party_members
    )


@rule(
    RuleId.PARTY_EMPLOYED_NOT_REPORTED,
    policy=("employed_members_report",),
    title_zh="在职党员到社区报到",
    title_en="employed party members reporting to the community",
)
def _rule_unreported(
    dataset: Dataset, /, *, as_of: dt.date, policy: Policy, lang: Lang = "zh"
) -> list[Finding]:
    return unreported_employed_findings(
        dataset.party_members, as_of=as_of, policy=policy, lang=lang
    )
