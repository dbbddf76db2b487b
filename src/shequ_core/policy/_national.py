"""Every number the rules compare against, each with its legal basis, looked up by date.

References:
    * 中华人民共和国城市居民委员会组织法, adopted 1989-12-26, in force 1990-01-01
      (1989 text): area generally 100–700 households (第6条); 5–9 members (第7条);
      term 3 years (第8条); 居民会议 quorum and decisions more than half (第9条);
      convening on request of 1/5 of adults, 1/5 of households or 1/3 of 居民小组 (第10条).
    * The same law as amended 2018-12-29 (in force on promulgation): the term becomes
      5 years (第8条); the other numbers above are unchanged. In force until 2025-12-31.
    * The same law as revised 2025-10-28, in force 2026-01-01: area generally
      1,000–3,000 households (第3条); 5–9 members, women among them (第8条); one 居民代表
      per 20–50 households (第13条); term 5 years (第14条); convening on request of 1/10
      of adults or household representatives, or 1/3 of 居民代表 (第26条); 居民会议
      quorum and decisions more than half (第27条); 居民代表会议 quorum 2/3 or more,
      decisions more than half of those present (第29条).
    * 中华人民共和国人民调解法 (2010-08-28, in force 2011-01-01): mediation committee of
      3–9 members (第8条), term 3 years (第9条); before it, 人民调解委员会组织条例 (国务院
      令第37号, 1989) 第3条 set the same numbers.
    * 国务院办公厅《"十四五"城乡社区服务体系建设规划》(国办发〔2021〕56号, 2021-12-27):
      18 community workers per 10,000 urban residents and 30 m² of community service
      facilities per 100 households by 2025 (national indicators, seen reported). They
      are planning targets (``BasisKind.PLAN_TARGET``): missing one is advisory, never a
      violation, and they are modelled for the plan's period only (to 2025-12-31).
    * 中华人民共和国妇女权益保障法: 居民委员会成员中，妇女应当有适当的名额 (2005 amendment,
      in force 2005-12-01, and 2018 amendment: 第十一条第三款); 应当保证有适当数量的妇女
      成员 (2022 revision, in force 2023-01-01: 第十四条第三款). The 1992 text had no
      such clause. From 2026 the committee law's own 第八条 is cited.
    * 人民调解法 第八条: every residents' committee sets up a mediation committee, which
      has a woman member (and, where several ethnic groups live, a member of a smaller
      one); before 2011 the 1989 regulation and the committee law's 第十三条 (根据需要)
      made neither a duty.
    * Party organisation: 中国共产党章程 (the text in force: 2012, 2017 or 2022
      revision) requires a basic organisation wherever there are 3 or more full
      members (第三十条; 第二十九条 in the texts before 2017), whose form the higher
      organisation approves by need and numbers. A branch committee from 7 full
      members: 中国共产党支部工作条例（试行） 第二十条 (issued and in force 2018-10-28,
      seen paraphrased); before it, and for the general branch (50) and primary committee
      (100, all members), the 党和国家机关基层组织工作条例 第六条 and 第五条 read by
      analogy (参照).
    * The seed profile: 察右前旗 (2018), "三有四化": a service hall of 150 m² or more and
      六室两中心 in every community; 100,000 CNY of party-building and 20,000 CNY of
      office funds a year; pension and unemployment insurance (两金) for eligible cadres,
      an experiment (探索) the article describes; secretaries and deputies of mean age 37,
      85 % with junior-college education or more, the banner's averages in 2018; every
      grid with a responsible worker (网格化管理). One banner's practice
      (``BasisKind.LOCAL_PRACTICE``): never a violation.

Checked with:
    the texts themselves, as listed above (their public mirrors), and the seed article.

Limitations:
    * National numbers start on 1990-01-01 (the 1989 law); an earlier date raises
      :class:`~shequ_core.errors.ValidationError`.
    * The planning targets (十四五) apply from the plan's date to the end of its period
      (2021-12-27 to 2025-12-31); outside it there is no national target and the field
      is None. Whether the 2016–2020 plan (城乡社区服务体系建设规划（2016-2020年）)
      already set 30 m² per 100 households could not be read in its text, so no target
      is modelled before 2021-12-27.
    * The dates of the 党和国家机关基层组织工作条例 (1998, revised 2019) were not read;
      it is cited without dates. Provincial variants of the committee law (e.g.
      Henan's 5–7 members) are not built in: load them as a profile.
    * The article number of the 党章's three-member rule before 2017 and the 支部工作条例's
      第二十条 were seen in secondary sources, not in an official text.
    * Where the law says 一般 (generally), as for the size of a committee's area, a
      number outside the range is an advisory finding, not a violation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from shequ_core.entities import Basis, FacilityKind
from shequ_core.errors import Problem, ValidationError
from shequ_core.policy._elections import ELECTION_DUE_HORIZON, election_law
from shequ_core.policy._kinds import (
    Count,
    FacilitySet,
    Minimum,
    Ratio,
    Requirement,
    Span,
    Threshold,
)
from shequ_core.policy._limits import StatutoryLimit
from shequ_core.policy._texts import (
    BRANCH_RULES,
    MEDIATION_LAW,
    MEDIATION_REGULATION_1989,
    ORGAN_RULES,
    PLAN_14TH_COMMUNITY_SERVICE,
    RESIDENTS_COMMITTEE_LAW_1989,
    RESIDENTS_COMMITTEE_LAW_2018,
    RESIDENTS_COMMITTEE_LAW_2025,
    SEED_ARTICLE,
    WOMEN_LAW_2005,
    WOMEN_LAW_2018,
    WOMEN_LAW_2022,
    cite,
    in_force,
    party_constitution,
)
from shequ_core.validation import (
    Record,
    check_instance,
    check_opt_instance,
    check_text,
    md,
)

__all__ = [
    "FIRST_DAY",
    "Policy",
    "national_policy",
    "policy_bases",
    "seed_policy",
]


def _start(text: Basis) -> dt.date:
    assert text.effective_from is not None  # every text a profile switches on has one
    return text.effective_from


#: The first day national numbers exist for: the 1989 law took effect.
FIRST_DAY: dt.date = _start(RESIDENTS_COMMITTEE_LAW_1989)


def _req(label: str, cls: type) -> dict[str, Any]:
    return md(label, check_instance(cls, f"a {cls.__name__}"))


def _opt(label: str, cls: type) -> dict[str, Any]:
    return md(label, check_opt_instance(cls, f"a {cls.__name__}"))


@attrs.frozen(kw_only=True)
class Policy(Record):
    """Every number the rules compare against, each with its basis.

    A field set to None means the profile has no such rule (the law set no ratio of
    居民代表 before 2026; the seed's local standards are absent from the national
    profile), and the rules that read it stay silent. Change one number with
    ``attrs.evolve``; load a profile with :func:`load_policy`.
    """

    name: str = attrs.field(metadata=md("名称", check_text))
    # 居民委员会组织法
    committee_households: Span = attrs.field(metadata=_req("居委会辖区户数", Span))
    committee_members: Span = attrs.field(metadata=_req("居委会成员人数", Span))
    committee_women: Requirement | None = attrs.field(
        default=None, metadata=_opt("居委会成员应有妇女", Requirement)
    )
    committee_term_years: Count = attrs.field(metadata=_req("居委会任期", Count))
    households_per_representative: Span | None = attrs.field(
        default=None, metadata=_opt("每名居民代表户数", Span)
    )
    convening_adults: Threshold = attrs.field(metadata=_req("提议召集:成年居民", Threshold))
    convening_households: Threshold = attrs.field(metadata=_req("提议召集:户", Threshold))
    convening_groups: Threshold | None = attrs.field(
        default=None, metadata=_opt("提议召集:居民小组", Threshold)
    )
    convening_representatives: Threshold | None = attrs.field(
        default=None, metadata=_opt("提议召集:居民代表", Threshold)
    )
    residents_meeting_quorum: Threshold = attrs.field(metadata=_req("居民会议法定人数", Threshold))
    representatives_meeting_quorum: Threshold | None = attrs.field(
        default=None, metadata=_opt("居民代表会议法定人数", Threshold)
    )
    decision_majority: Threshold = attrs.field(metadata=_req("表决通过", Threshold))
    # 居民委员会选举 (the 2025 law's 第三章; None before 2026): see policy._elections
    election_turnout_voters: Threshold | None = attrs.field(
        default=None, metadata=_opt("选举有效:选民参加投票", Threshold)
    )
    election_turnout_households: Threshold | None = attrs.field(
        default=None, metadata=_opt("选举有效:户的代表参加投票", Threshold)
    )
    election_turnout_representatives: Threshold | None = attrs.field(
        default=None, metadata=_opt("选举有效:居民代表参加投票", Threshold)
    )
    election_majority: Threshold | None = attrs.field(
        default=None, metadata=_opt("当选:参加投票人员的选票", Threshold)
    )
    election_runoff_minimum: Threshold | None = attrs.field(
        default=None, metadata=_opt("另行选举当选:已投选票总数", Threshold)
    )
    election_max_proxies: Count | None = attrs.field(
        default=None, metadata=_opt("每一选民接受委托上限", Count)
    )
    election_nominators: Count | None = attrs.field(
        default=None, metadata=_opt("联合提名候选人选民数", Count)
    )
    recall_voters: Threshold | None = attrs.field(
        default=None, metadata=_opt("提出罢免:有选举权的居民", Threshold)
    )
    recall_households: Threshold | None = attrs.field(
        default=None, metadata=_opt("提出罢免:户的代表", Threshold)
    )
    recall_representatives: Threshold | None = attrs.field(
        default=None, metadata=_opt("提出罢免:居民代表", Threshold)
    )
    recall_turnout_voters: Threshold | None = attrs.field(
        default=None, metadata=_opt("罢免投票有效:选民", Threshold)
    )
    recall_turnout_households: Threshold | None = attrs.field(
        default=None, metadata=_opt("罢免投票有效:户的代表", Threshold)
    )
    recall_turnout_representatives: Threshold | None = attrs.field(
        default=None, metadata=_opt("罢免投票有效:居民代表", Threshold)
    )
    recall_majority: Threshold | None = attrs.field(
        default=None, metadata=_opt("罢免通过:投票人员", Threshold)
    )
    election_voter_list_notice: StatutoryLimit | None = attrs.field(
        default=None, metadata=_opt("选民名单公布", StatutoryLimit)
    )
    election_objection: StatutoryLimit | None = attrs.field(
        default=None, metadata=_opt("名单异议申诉", StatutoryLimit)
    )
    election_objection_decision: StatutoryLimit | None = attrs.field(
        default=None, metadata=_opt("申诉处理", StatutoryLimit)
    )
    election_handover: StatutoryLimit | None = attrs.field(
        default=None, metadata=_opt("工作移交", StatutoryLimit)
    )
    residents_meeting_notice: StatutoryLimit | None = attrs.field(
        default=None, metadata=_opt("居民会议提前通知", StatutoryLimit)
    )
    election_audit_notice: Requirement | None = attrs.field(
        default=None, metadata=_opt("离任审计结果选举前公布", Requirement)
    )
    election_due_horizon: Count = attrs.field(
        default=ELECTION_DUE_HORIZON, metadata=_req("换届提示期(日)", Count)
    )
    # 人民调解法
    mediation_members: Span = attrs.field(metadata=_req("调解委员会人数", Span))
    mediation_term_years: Count = attrs.field(metadata=_req("调解委员会任期", Count))
    mediation_committee: Requirement | None = attrs.field(
        default=None, metadata=_opt("居委会设立人民调解委员会", Requirement)
    )
    mediation_women: Requirement | None = attrs.field(
        default=None, metadata=_opt("人民调解委员会应有妇女成员", Requirement)
    )
    # 十四五 plan
    workers_per_10k: Minimum | None = attrs.field(
        default=None, metadata=_opt("每万人社区工作者", Minimum)
    )
    facility_area_per_100_households: Minimum | None = attrs.field(
        default=None, metadata=_opt("每百户服务设施面积", Minimum)
    )
    # party organisation
    party_branch_min: Count = attrs.field(metadata=_req("成立党支部正式党员数", Count))
    party_general_branch_min: Count = attrs.field(metadata=_req("成立党总支党员数", Count))
    party_committee_min: Count = attrs.field(metadata=_req("成立基层党委党员数", Count))
    party_branch_committee_min: Count = attrs.field(metadata=_req("设支部委员会正式党员数", Count))
    employed_members_report: Requirement | None = attrs.field(
        default=None, metadata=_opt("在职党员到社区报到", Requirement)
    )
    # local standards (the seed profile)
    service_hall_area_m2: Minimum | None = attrs.field(
        default=None, metadata=_opt("服务大厅面积", Minimum)
    )
    required_facilities: FacilitySet | None = attrs.field(
        default=None, metadata=_opt("六室两中心", FacilitySet)
    )
    party_building_funds: Minimum | None = attrs.field(
        default=None, metadata=_opt("党建经费", Minimum)
    )
    office_funds: Minimum | None = attrs.field(default=None, metadata=_opt("办公经费", Minimum))
    cadre_insurance: Requirement | None = attrs.field(
        default=None, metadata=_opt("两金", Requirement)
    )
    grid_worker: Requirement | None = attrs.field(
        default=None, metadata=_opt("网格责任人", Requirement)
    )
    grid_households_max: Count | None = attrs.field(
        default=None, metadata=_opt("每名网格员户数上限", Count)
    )
    secretary_mean_age_max: Count | None = attrs.field(
        default=None, metadata=_opt("书记平均年龄", Count)
    )
    secretary_college_share: Threshold | None = attrs.field(
        default=None, metadata=_opt("书记大专以上比例", Threshold)
    )


def policy_bases(policy: Policy) -> dict[str, Basis]:
    """The basis of every number the policy sets, by field name (None fields left out)."""
    out: dict[str, Basis] = {}
    for a in attrs.fields(Policy):
        value = getattr(policy, a.name)
        basis = getattr(value, "basis", None)
        if isinstance(basis, Basis):
            out[a.name] = basis
    return out


def _ratio(n: int, d: int) -> Ratio:
    return Ratio(numerator=n, denominator=d)


def _at_least(n: int, d: int, basis: Basis) -> Threshold:
    return Threshold(share=_ratio(n, d), inclusive=True, basis=basis)


def _more_than(n: int, d: int, basis: Basis) -> Threshold:
    return Threshold(share=_ratio(n, d), inclusive=False, basis=basis)


def _committee_law(as_of: dt.date) -> dict[str, Any]:
    if in_force(RESIDENTS_COMMITTEE_LAW_2025, as_of):
        law = RESIDENTS_COMMITTEE_LAW_2025
        return {
            "committee_households": Span(minimum=1000, maximum=3000, basis=cite(law, "第三条")),
            "committee_members": Span(minimum=5, maximum=9, basis=cite(law, "第八条")),
            "committee_women": Requirement(basis=cite(law, "第八条")),
            "committee_term_years": Count(value=5, basis=cite(law, "第十四条")),
            "households_per_representative": Span(
                minimum=20, maximum=50, basis=cite(law, "第十三条")
            ),
            "convening_adults": _at_least(1, 10, cite(law, "第二十六条")),
            "convening_households": _at_least(1, 10, cite(law, "第二十六条")),
            "convening_groups": None,
            "convening_representatives": _at_least(1, 3, cite(law, "第二十六条")),
            "residents_meeting_quorum": _more_than(1, 2, cite(law, "第二十七条")),
            "representatives_meeting_quorum": _at_least(2, 3, cite(law, "第二十九条")),
            "decision_majority": _more_than(1, 2, cite(law, "第二十七条、第二十九条")),
        }
    law = (
        RESIDENTS_COMMITTEE_LAW_2018
        if in_force(RESIDENTS_COMMITTEE_LAW_2018, as_of)
        else RESIDENTS_COMMITTEE_LAW_1989
    )
    return {
        "committee_households": Span(minimum=100, maximum=700, basis=cite(law, "第六条")),
        "committee_members": Span(minimum=5, maximum=9, basis=cite(law, "第七条")),
        "committee_women": _women_before_2026(as_of),
        "committee_term_years": Count(
            value=5 if law is RESIDENTS_COMMITTEE_LAW_2018 else 3, basis=cite(law, "第八条")
        ),
        "households_per_representative": None,
        "convening_adults": _at_least(1, 5, cite(law, "第十条")),
        "convening_households": _at_least(1, 5, cite(law, "第十条")),
        "convening_groups": _at_least(1, 3, cite(law, "第十条")),
        "convening_representatives": None,
        "residents_meeting_quorum": _more_than(1, 2, cite(law, "第九条")),
        "representatives_meeting_quorum": None,
        "decision_majority": _more_than(1, 2, cite(law, "第九条")),
    }


def _women_before_2026(as_of: dt.date) -> Requirement | None:
    """Women among the residents' committee before the 2025 committee law: the women's
    rights law, from its 2005 amendment (none before 2005-12-01)."""
    for text, article in (
        (WOMEN_LAW_2022, "第十四条第三款"),
        (WOMEN_LAW_2018, "第十一条第三款"),
        (WOMEN_LAW_2005, "第十一条第三款"),
    ):
        if in_force(text, as_of):
            return Requirement(basis=cite(text, article))
    return None


def national_policy(as_of: dt.date) -> Policy:
    """The national numbers in force on ``as_of``: law, regulation and national plans.

    The committee law switches texts on 2026-01-01 (and its term on 2018-12-29), the
    dates of :data:`RESIDENTS_COMMITTEE_LAW_2025` and its predecessors; each
    number's basis carries the effective dates of the text it comes from.
    """
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        msg = f"must be a date, got {type(as_of).__name__}"
        raise ValidationError([Problem("as_of", msg, "wrong_type")], subject="national_policy")
    if as_of < FIRST_DAY:
        msg = f"no national numbers before {FIRST_DAY.isoformat()} (the 1989 law), got {as_of}"
        raise ValidationError([Problem("as_of", msg, "out_of_range")], subject="national_policy")
    mediation = MEDIATION_LAW if in_force(MEDIATION_LAW, as_of) else MEDIATION_REGULATION_1989
    m_size, m_term = ("第八条", "第九条") if mediation is MEDIATION_LAW else ("第三条", "第三条")
    plan = in_force(PLAN_14TH_COMMUNITY_SERVICE, as_of)
    return Policy(
        name="national",
        **_committee_law(as_of),
        **election_law(as_of),
        mediation_members=Span(minimum=3, maximum=9, basis=cite(mediation, m_size)),
        mediation_term_years=Count(value=3, basis=cite(mediation, m_term)),
        # 人民调解法 第八条: every residents' committee sets one up (第一款), with a woman
        # member (第三款); the 1989 regulation made neither a duty (居委会组织法 第十三条:
        # 根据需要).
        mediation_committee=(
            Requirement(basis=cite(MEDIATION_LAW, "第八条第一款"))
            if mediation is MEDIATION_LAW
            else None
        ),
        mediation_women=(
            Requirement(basis=cite(MEDIATION_LAW, "第八条第三款"))
            if mediation is MEDIATION_LAW
            else None
        ),
        workers_per_10k=(
            Minimum(value=Decimal(18), basis=cite(PLAN_14TH_COMMUNITY_SERVICE, "主要指标"))
            if plan
            else None
        ),
        facility_area_per_100_households=(
            Minimum(value=Decimal(30), basis=cite(PLAN_14TH_COMMUNITY_SERVICE, "主要指标"))
            if plan
            else None
        ),
        **_party_rules(as_of),
    )


def _party_rules(as_of: dt.date) -> dict[str, Any]:
    """The party numbers with the texts in force on ``as_of``. 党章 (the text of the day):
    正式党员三人以上 shall form a primary-level organisation. 支部工作条例 第二十条 (from
    its issue, 2018-10-28): a branch of 正式党员7人以上 shall set up a branch committee;
    before it, the organs' 条例 by analogy. The 50 and 100 of a general branch and a
    primary committee count all members (党员), by analogy with the 机关基层组织工作条例
    第六条 and 第五条; for a community they are what the higher organisation may approve
    (党章 第三十条第二款), not a duty."""
    charter = party_constitution(as_of)
    # 第二十九条 until the 2017 revision added an article before it; 第三十条 since.
    article = (
        "第三十条"
        if charter.effective_from and charter.effective_from.year >= 2017
        else "第二十九条"
    )
    committee = (
        cite(BRANCH_RULES, "第二十条")
        if in_force(BRANCH_RULES, as_of)
        else cite(ORGAN_RULES, "第五条至第七条")
    )
    return {
        "party_branch_min": Count(value=3, basis=cite(charter, article)),
        "party_general_branch_min": Count(value=50, basis=cite(ORGAN_RULES, "第六条")),
        "party_committee_min": Count(value=100, basis=cite(ORGAN_RULES, "第五条")),
        "party_branch_committee_min": Count(value=7, basis=committee),
    }


def seed_policy(as_of: dt.date) -> Policy:
    """The national numbers of ``as_of`` plus the seed's local standards (察右前旗, 2018).

    Every local number cites the seed article as local practice, so no finding on it is
    a violation. 两金 is an experiment the article describes: the eligible cadres are the
    community workers the community employs (not public-welfare posts, not staff
    seconded from an organ, whose home unit insures them). The secretaries' mean age of
    37 and 85 % with junior-college education are the banner's averages in 2018: the
    rules compare the banner's secretaries, and each community's as a group, with them.
    """
    return attrs.evolve(
        national_policy(as_of),
        name="seed",
        employed_members_report=Requirement(basis=cite(SEED_ARTICLE, "红色港湾·在职党员报到制度")),
        service_hall_area_m2=Minimum(value=Decimal(150), basis=cite(SEED_ARTICLE, "有场所议事")),
        required_facilities=FacilitySet(
            kinds=frozenset(FacilityKind), basis=cite(SEED_ARTICLE, "六室两中心")
        ),
        party_building_funds=Minimum(
            value=Decimal(100000), basis=cite(SEED_ARTICLE, "有钱办事·党建经费")
        ),
        office_funds=Minimum(value=Decimal(20000), basis=cite(SEED_ARTICLE, "有钱办事·办公经费")),
        cadre_insurance=Requirement(basis=cite(SEED_ARTICLE, "有钱办事·两金（探索）")),
        grid_worker=Requirement(basis=cite(SEED_ARTICLE, "网格化管理")),
        secretary_mean_age_max=Count(
            value=37, basis=cite(SEED_ARTICLE, "有人管事·全旗书记平均年龄")
        ),
        secretary_college_share=_at_least(
            85, 100, cite(SEED_ARTICLE, "有人管事·全旗书记大专以上学历比例")
        ),
    )
