"""Rule ids, defined once: every id a finding can carry.

An id is stable: dashboards, golden files and users' filters hold it, so it is written
here and nowhere else. The registered rules (:data:`~shequ_core.rules.RULES`) have the ids
of their module (``staffing.*``, ``facilities.*``, ``funding.*``, ``governance.*``,
``party.*``, ``elections.*``); what the scorecard notes itself has ``scorecard.*``.
"""

from __future__ import annotations

import enum

__all__ = ["RuleId"]


class RuleId(str, enum.Enum):
    """A rule id: a string (``RuleId.STAFFING_WORKERS_PER_10K == "staffing.workers_per_10k"``)
    that f-strings, tables and JSON show as its value.

    A str-mixin enum rather than :class:`enum.StrEnum`, which needs Python 3.11. A
    :class:`~shequ_core.rules.Finding` keeps the plain string.
    """

    # -- staffing (有人管事) -------------------------------------------------------------
    #: Community workers per 10,000 residents (十四五 plan).
    STAFFING_WORKERS_PER_10K = "staffing.workers_per_10k"
    #: The community's staff by kind of post.
    STAFFING_EMPLOYMENT_MIX = "staffing.employment_mix"
    #: The mean age of the party secretaries and deputies.
    STAFFING_SECRETARY_AGE = "staffing.secretary_age"
    #: The share of secretaries and deputies with junior-college education or more.
    STAFFING_SECRETARY_EDUCATION = "staffing.secretary_education"
    #: Every grid has a responsible worker of its own community.
    STAFFING_GRID_WORKER = "staffing.grid_worker"
    #: Households per grid worker.
    STAFFING_HOUSEHOLDS_PER_GRID_WORKER = "staffing.households_per_grid_worker"

    # -- facilities (有场所议事) ---------------------------------------------------------
    #: Service facility area per 100 households (十四五 plan).
    FACILITIES_AREA_PER_100_HOUSEHOLDS = "facilities.area_per_100_households"
    #: The service hall's area.
    FACILITIES_SERVICE_HALL_AREA = "facilities.service_hall_area"
    #: The six rooms and two centres (六室两中心).
    FACILITIES_SIX_ROOMS_TWO_CENTRES = "facilities.six_rooms_two_centres"

    # -- funding (有钱办事) --------------------------------------------------------------
    #: The yearly party-building funds (党建经费).
    FUNDING_PARTY_BUILDING_FUNDS = "funding.party_building_funds"
    #: The yearly office funds (办公经费).
    FUNDING_OFFICE_FUNDS = "funding.office_funds"
    #: Pension and unemployment insurance of community workers (两金).
    FUNDING_CADRE_INSURANCE = "funding.cadre_insurance"

    # -- governance: the committee law and the mediation law ---------------------------
    #: Households in a residents' committee's area (一般, by the law of the date).
    GOVERNANCE_COMMITTEE_HOUSEHOLDS = "governance.committee_households"
    #: The residents' committee has 5 to 9 members.
    GOVERNANCE_COMMITTEE_SIZE = "governance.committee_size"
    #: A woman among the committee's members (from 2005-12-01, by the law of the date).
    GOVERNANCE_COMMITTEE_WOMEN = "governance.committee_women"
    #: The quorum of residents' and representatives' meetings.
    GOVERNANCE_MEETING_QUORUM = "governance.meeting_quorum"
    #: A people's mediation committee has 3 to 9 members.
    GOVERNANCE_MEDIATION_COMMITTEE_SIZE = "governance.mediation_committee_size"
    #: Every residents' committee sets up a people's mediation committee (from 2011).
    GOVERNANCE_MEDIATION_COMMITTEE = "governance.mediation_committee"
    #: A woman among a people's mediation committee's members (from 2011).
    GOVERNANCE_MEDIATION_COMMITTEE_WOMEN = "governance.mediation_committee_women"

    # -- elections: the committee's term (换届) -----------------------------------------
    #: A committee's term ends within the horizon, or has ended without a new election.
    ELECTIONS_COMMITTEE_TERM = "elections.committee_term"
    #: A recorded election: enough of the electorate voted for it to be valid.
    ELECTIONS_VALIDITY = "elections.validity"
    #: A recorded election: each declared outcome has the votes that elect; seats left
    #: unfilled go to a further election.
    ELECTIONS_RESULTS = "elections.results"
    #: A recorded election: more candidates stood than there were seats (差额).
    ELECTIONS_CANDIDATES = "elections.candidates"

    # -- party organisation (红色港湾) ---------------------------------------------------
    #: The form of the party organisation its full members set up.
    PARTY_ORGANISATION_FORM = "party.organisation_form"
    #: Employed party members who have not reported to the community (报到).
    PARTY_EMPLOYED_NOT_REPORTED = "party.employed_not_reported"

    # -- the scorecard's own notes (三有四化 / 六园一港) ---------------------------------
    #: 有人管事: a community with no staff recorded.
    SCORECARD_NO_STAFF = "scorecard.no_staff"
    #: 区域化党建: the partner units paired with the community.
    SCORECARD_PARTNER_UNITS = "scorecard.partner_units"
    #: 网格化管理: the households covered by a grid with a worker of the community.
    SCORECARD_GRID_COVERAGE = "scorecard.grid_coverage"
    #: 精细化服务: the residents in scope met during the period.
    SCORECARD_FINE_GRAINED_SERVICE_VISIT_COVERAGE = "scorecard.fine_grained_service.visit_coverage"
    #: 精细化服务: the residents in scope overdue a visit.
    SCORECARD_FINE_GRAINED_SERVICE_OVERDUE_VISITS = "scorecard.fine_grained_service.overdue_visits"
    #: A dimension the data model records nothing for (信息化支撑, 学习家园).
    SCORECARD_NO_DATA = "scorecard.no_data"
    #: 阳光家园 (零投诉): a request that drew a complaint.
    SCORECARD_COMPLAINT = "scorecard.complaint"
    #: 阳光家园 (零收费): a completed request that charged a fee.
    SCORECARD_FEE = "scorecard.fee"
    #: 阳光家园 (零积压): an open request past its deadline.
    SCORECARD_BACKLOG = "scorecard.backlog"
    #: 阳光家园: requests whose deadline the calendar cannot compute.
    SCORECARD_UNJUDGED = "scorecard.unjudged"
    #: 爱心家园: the caring groups in scope met during the period.
    SCORECARD_CARING_VISIT_COVERAGE = "scorecard.caring.visit_coverage"
    #: 爱心家园: the caring groups in scope overdue a visit.
    SCORECARD_CARING_OVERDUE_VISITS = "scorecard.caring.overdue_visits"
    #: 康乐家园: the culture and sports teams against the target.
    SCORECARD_CULTURE_TEAMS = "scorecard.culture_teams"
    #: 温馨家园: the floating residents visited or served.
    SCORECARD_FLOATING_SERVED = "scorecard.floating_served"
    #: 平安家园: the must-visits (四个必访) met during the period.
    SCORECARD_SAFETY_VISIT_COVERAGE = "scorecard.safety.visit_coverage"
    #: 平安家园: the must-visits overdue.
    SCORECARD_SAFETY_OVERDUE_VISITS = "scorecard.safety.overdue_visits"
    #: 平安家园: no people's mediation committee recorded.
    SCORECARD_MEDIATION_COMMITTEE = "scorecard.mediation_committee"
    #: 平安家园: no joint-defence group (群防群治) recorded.
    SCORECARD_SAFETY_PATROL = "scorecard.safety_patrol"
    #: 平安家园: the disputes received in the period and those resolved.
    SCORECARD_DISPUTES = "scorecard.disputes"
    #: 红色港湾: the party members by class and management mode.
    SCORECARD_PARTY_CLASSES = "scorecard.party_classes"

    def __str__(self) -> str:
        return self.value

    def __format__(self, format_spec: str) -> str:
        return format(self.value, format_spec)
