"""Every number a rule compares against, each with its basis and dates: one package.

- :class:`Policy`: the committee, mediation, staffing, facility, fund and party
  numbers, looked up by date (:func:`national_policy`, :func:`seed_policy`);
- :class:`VisitPolicy`: how often each kind of resident is visited
  (:data:`DEFAULT_VISIT_POLICY`);
- :class:`ScoringPolicy`: the scorecard's points and targets (:data:`DEFAULT_SCORING`);
- :class:`SlaPolicy`: when a running request is flagged at risk
  (:data:`DEFAULT_SLA_POLICY`);
- :class:`StatutoryLimit`: the time limits the law sets (:data:`PETITION_HANDLING`...);
- the texts they cite (:data:`RESIDENTS_COMMITTEE_LAW_2025`...), whose dates decide
  which number applies on a day.

Rules take a policy as an argument and hold no number of their own. A profile file
(TOML or JSON) holds one policy of any kind: :func:`load_policy` reads it and
:func:`dump_policy` writes it; change one number in code with ``attrs.evolve``.
"""

from shequ_core.policy._files import (
    POLICY_KINDS,
    AnyPolicy,
    dump_policy,
    load_policy,
    parse_policy,
    policy_from_dict,
    policy_kind,
    policy_to_dict,
)
from shequ_core.policy._kinds import (
    Count,
    FacilitySet,
    Minimum,
    Ratio,
    Requirement,
    Span,
    Threshold,
)
from shequ_core.policy._limits import (
    ELECTION_HANDOVER,
    ELECTION_OBJECTION,
    ELECTION_OBJECTION_DECISION,
    ELECTION_VOTER_LIST_NOTICE,
    JUDICIAL_CONFIRMATION_WINDOW,
    PETITION_ASSIGNMENT_OBJECTION,
    PETITION_HANDLING,
    PETITION_RECHECK,
    PETITION_RECHECK_REQUEST,
    PETITION_REVIEW,
    PETITION_REVIEW_REQUEST,
    PETITION_ROUTING,
    RESIDENTS_MEETING_NOTICE,
    StatutoryLimit,
)
from shequ_core.policy._national import (
    FIRST_DAY,
    Policy,
    national_policy,
    policy_bases,
    seed_policy,
)
from shequ_core.policy._scoring import DEFAULT_SCORING, SEED_SCORING, ScoringPolicy
from shequ_core.policy._sla import DEFAULT_SLA_POLICY, SlaPolicy
from shequ_core.policy._texts import (
    BRANCH_RULES,
    CIVIL_PROCEDURE_LAW_2023,
    COMMUNITY_CORRECTION_LAW,
    ELDER_VISITING_GUIDANCE_2022,
    FUJIAN_RESETTLEMENT,
    MEDIATION_LAW,
    MEDIATION_REGULATION_1989,
    ORGAN_RULES,
    PARTY_CONSTITUTION_2012,
    PARTY_CONSTITUTION_2017,
    PARTY_CONSTITUTION_2022,
    PARTY_CONSTITUTION_BEFORE_2012,
    PETITION_REGULATION,
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
from shequ_core.policy._visits import DEFAULT_VISIT_POLICY, Cadence, Interval, VisitPolicy

__all__ = [
    "BRANCH_RULES",
    "CIVIL_PROCEDURE_LAW_2023",
    "COMMUNITY_CORRECTION_LAW",
    "DEFAULT_SCORING",
    "DEFAULT_SLA_POLICY",
    "DEFAULT_VISIT_POLICY",
    "ELDER_VISITING_GUIDANCE_2022",
    "ELECTION_HANDOVER",
    "ELECTION_OBJECTION",
    "ELECTION_OBJECTION_DECISION",
    "ELECTION_VOTER_LIST_NOTICE",
    "FIRST_DAY",
    "FUJIAN_RESETTLEMENT",
    "JUDICIAL_CONFIRMATION_WINDOW",
    "MEDIATION_LAW",
    "MEDIATION_REGULATION_1989",
    "ORGAN_RULES",
    "PARTY_CONSTITUTION_2012",
    "PARTY_CONSTITUTION_2017",
    "PARTY_CONSTITUTION_2022",
    "PARTY_CONSTITUTION_BEFORE_2012",
    "PETITION_ASSIGNMENT_OBJECTION",
    "PETITION_HANDLING",
    "PETITION_RECHECK",
    "PETITION_RECHECK_REQUEST",
    "PETITION_REGULATION",
    "PETITION_REVIEW",
    "PETITION_REVIEW_REQUEST",
    "PETITION_ROUTING",
    "PLAN_14TH_COMMUNITY_SERVICE",
    "POLICY_KINDS",
    "RESIDENTS_COMMITTEE_LAW_1989",
    "RESIDENTS_COMMITTEE_LAW_2018",
    "RESIDENTS_COMMITTEE_LAW_2025",
    "RESIDENTS_MEETING_NOTICE",
    "SEED_ARTICLE",
    "SEED_SCORING",
    "WOMEN_LAW_2005",
    "WOMEN_LAW_2018",
    "WOMEN_LAW_2022",
    "AnyPolicy",
    "Cadence",
    "Count",
    "FacilitySet",
    "Interval",
    "Minimum",
    "Policy",
    "Ratio",
    "Requirement",
    "ScoringPolicy",
    "SlaPolicy",
    "Span",
    "StatutoryLimit",
    "Threshold",
    "VisitPolicy",
    "cite",
    "dump_policy",
    "in_force",
    "load_policy",
    "national_policy",
    "parse_policy",
    "party_constitution",
    "policy_bases",
    "policy_from_dict",
    "policy_kind",
    "policy_to_dict",
    "seed_policy",
]
