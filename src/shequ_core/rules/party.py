"""Party organisation (红色港湾): management modes, the form of organisation, 在职党员报到.

References:
    * 中国共产党章程 第三十条 (2017 and 2022 texts; the first article of 第五章 in the
      texts of 1982 to 2012): wherever there are 正式党员三人以上 (3 or more full
      members, the number included) a primary-level organisation **shall** be formed
      (应当); its form (基层委员会, 总支部委员会, 支部委员会) is set by need and numbers
      with the higher organisation's approval.
    * 中国共产党支部工作条例（试行） (2018) 第四条: 正式党员3人以上 shall form a branch
      (党支部), fewer join a joint branch; a branch generally has no more than 50 members
      (党员人数一般不超过50人). 第二十条: a branch of 正式党员7人以上 **shall** set up a
      branch committee (支部委员会); a smaller one has a secretary (and possibly a
      deputy). Seen paraphrased on party-organisation sites (第二十条 on one of them).
    * 50 and 100 members (党员, full and probationary; 以上, the number included): a
      general branch (党总支) and a primary committee (基层党委), as the 党和国家机关基层
      组织工作条例 第六条 and 第五条 set them for organs (seen paraphrased). For a
      community they are read by analogy and are what the higher organisation **may**
      approve (可以, 党章 第三十条第二款), not a duty.
    * Who counts: the members whose organisational relation (组织关系) is in the
      community. Employed members of local units (在职党员) keep theirs at their employer
      and only report to the community (报到, "关系在单位、服务在社区"), so they are not
      counted; resident, retired and floating members are.
    * The seed (察右前旗, 2018), 红色港湾: four classes of member, each with its mode —
      resident members 直接管理 (direct), retired 共同管理 (joint), floating 合作管理
      (cooperative, through service stations), employed members of local units 双重管理
      (dual: they report to the community party organisation, 报到制度).

Limitations:
    * The form is what the numbers call for (``INFO``): the data does not record the
      organisation the community actually has, so no finding says it is wrong.
    * A floating member's organisational relation is taken to be in the community (the
      seed manages them there); the data does not record where it is.
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
    "counted_members",
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
    # the numbers have not changed since 1990; the date only chooses the bases
    return national_policy(as_of if as_of is not None else _LATEST_TEXT)


def _check_members(full_members: int, subject: str, *, name: str = "full_members") -> None:
    if not isinstance(full_members, int) or isinstance(full_members, bool):
        msg = f"must be a whole number, got {type(full_members).__name__}"
        problem = Problem(name, msg, "wrong_type")
    elif full_members < 0:
        problem = Problem(name, f"must be 0 or more, got {full_members}", "invalid_argument")
    else:
        return
    raise ValidationError([problem], subject=subject)


def organisation_form(
    full_members: int,
    *,
    members: int | None = None,
    as_of: dt.date | None = None,
    policy: Policy | None = None,
) -> OrganisationForm | None:
    """The organisation the members call for; None below 3 full members (a joint branch).

    ``full_members`` decides whether there is an organisation of its own (3 or more);
    ``members`` (full and probationary; ``full_members`` if not given) whether it may
    be a general branch (50 or more) or a primary committee (100 or more).
    """
    _check_members(full_members, "organisation_form")
    total = full_members if members is None else members
    _check_members(total, "organisation_form", name="members")
    if total < full_members:
        msg = f"must not be fewer than full_members ({full_members}), got {total}"
        raise ValidationError(
            [Problem("members", msg, "invalid_argument")], subject="organisation_form"
        )
    p = _numbers(as_of, policy)
    if full_members < p.party_branch_min.value:
        return None
    if total >= p.party_committee_min.value:
        return OrganisationForm.PRIMARY_COMMITTEE
    if total >= p.party_general_branch_min.value:
        return OrganisationForm.GENERAL_BRANCH
    return OrganisationForm.BRANCH


def branch_committee_required(
    full_members: int, *, as_of: dt.date | None = None, policy: Policy | None = None
) -> bool:
    """Whether a branch must elect a committee: 7 or more full members."""
    _check_members(full_members, "branch_committee_required")
    return full_members >= _numbers(as_of, policy).party_branch_committee_min.value


def counted_members(members: Iterable[PartyMember]) -> list[PartyMember]:
    """The members whose organisational relation is in the community: every class but
    the employed members (在职党员), who keep theirs at their employer."""
    return [m for m in members if m.category is not PartyMemberCategory.EMPLOYED]


def _form_check(
    community: Community, members: Iterable[PartyMember], policy: Policy, lang: Lang
) -> list[Finding]:
    own = [m for m in members if m.community_id == community.id]
    counted = counted_members(own)
    n, full, employed = len(counted), sum(1 for m in counted if m.is_full_member), len(own)
    employed -= n
    form = organisation_form(full, members=n, policy=policy)
    aside_zh = f"（另有在职党员{employed}人，组织关系在工作单位，不计入）" if employed else ""
    aside_en = (
        f" ({employed} employed members keep their relation at their employer and are not counted)"
        if employed
        else ""
    )
    head_zh = f"组织关系在社区的党员{n}人，其中正式党员{full}人{aside_zh}"
    head_en = f"{n} members with their relation in the community, {full} of them full{aside_en}"
    if form is None:
        basis = policy.party_branch_min.basis
        low = policy.party_branch_min.value
        msg = pick(
            lang,
            f"{head_zh}：正式党员不足{low}人，不单独成立党组织，应与邻近单位联合成立党支部",
            f"{head_en}: fewer than {low} full members, no organisation of its own (a "
            "joint branch with neighbours)",
        )
    elif form is OrganisationForm.BRANCH:
        committee = branch_committee_required(full, policy=policy)
        basis = (
            policy.party_branch_committee_min.basis if committee else policy.party_branch_min.basis
        )
        msg = pick(
            lang,
            f"{head_zh}：应当成立党支部"
            + ("，并设立支部委员会" if committee else "，设书记1名，不设支部委员会"),
            f"{head_en}: a branch shall be formed"
            + (", with a branch committee" if committee else ", with a secretary and no committee"),
        )
    else:
        basis = (
            policy.party_general_branch_min.basis
            if form is OrganisationForm.GENERAL_BRANCH
            else policy.party_committee_min.basis
        )
        msg = pick(
            lang,
            f"{head_zh}：经上级党组织批准，可以设立{form.label_zh}",
            f"{head_en}: with the higher organisation's approval, a {form.label_en} may be set up",
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
