"""Pure rule functions: data, policy and calendar in; typed results and findings out.

Each rule module opens with the law it encodes. :data:`RULES` lists every rule that
produces findings, by its stable id (a :class:`RuleId`), and :func:`check_dataset` runs
them all.

- :mod:`~shequ_core.rules.staffing`, :mod:`~shequ_core.rules.facilities`,
  :mod:`~shequ_core.rules.funding`, :mod:`~shequ_core.rules.governance`,
  :mod:`~shequ_core.rules.party`: 有人管事, 有钱办事, 有场所议事, the residents'
  committee law by date, party organisation.
- :mod:`~shequ_core.rules.elections`: the committee's term, the election calendar,
  whether an election is valid and who is elected, recall (换届选举).
- :mod:`~shequ_core.rules.visiting`: who must be visited (四个必访), when and by whom.
- :mod:`~shequ_core.rules.sla`: deadlines in working days (限时办结) and the backlog.
- :mod:`~shequ_core.rules.assessment`: the banner summary and the scorecard.
- :mod:`~shequ_core.rules.hotline`: 12345 work orders' deadlines and the three rates (三率);
  :mod:`~shequ_core.rules.mediation`: mediation cases' dates and the 化解率.
"""

from shequ_core.rules import (
    assessment,
    election_records,
    elections,
    facilities,
    funding,
    governance,
    hotline,
    mediation,
    party,
    sla,
    staffing,
    visiting,
)
from shequ_core.rules._findings import (
    RULES,
    Finding,
    Findings,
    Rule,
    Severity,
    check_dataset,
    format_figure,
)
from shequ_core.rules._ids import RuleId

__all__ = [
    "RULES",
    "Finding",
    "Findings",
    "Rule",
    "RuleId",
    "Severity",
    "assessment",
    "check_dataset",
    "election_records",
    "elections",
    "facilities",
    "format_figure",
    "funding",
    "governance",
    "hotline",
    "mediation",
    "party",
    "sla",
    "staffing",
    "visiting",
]
