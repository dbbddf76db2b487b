"""shequ_core: Chinese urban community governance (社区治理) as typed records and pure rules.

Everything public is importable from here. The records (:mod:`shequ_core.entities`)
and errors load with the package; the calendar, wire format, files, sample data,
policies and rules load on first use, so ``import shequ_core`` stays cheap. The
Hypothesis strategies live in :mod:`shequ_core.strategies` (the ``strategies`` extra), the
pandas and Dask adapters in :mod:`shequ_core.extra` (``to_frames`` needs pandas).
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from shequ_core._version import __version__
from shequ_core.entities import (
    COLLECTIONS,
    COMMITTEE_ROLES,
    COMMUNITY_WORKER_EMPLOYMENTS,
    ENTITIES,
    ITEM_CLASS,
    SECRETARY_ROLES,
    VALUES,
    Attention,
    AttentionKind,
    Basis,
    BasisKind,
    CaseEvent,
    CaseEventKind,
    Channel,
    Community,
    CommunityKind,
    Dataset,
    DisputeCase,
    DisputeCategory,
    DisputeStatus,
    Education,
    Employment,
    FacilityKind,
    Grid,
    Household,
    IdNumber,
    LabelledEnum,
    Meeting,
    MeetingKind,
    PartnerUnit,
    Party,
    PartyMember,
    PartyMemberCategory,
    PhoneNumber,
    Registration,
    RequestEvent,
    RequestEventKind,
    RequestStatus,
    Resident,
    RiskLevel,
    Satisfaction,
    ServiceItem,
    ServiceRequest,
    Sex,
    Staff,
    StaffRole,
    TeamKind,
    TimeLimit,
    TimeUnit,
    Urgency,
    Visit,
    VisitOutcome,
    Volunteer,
    VolunteerTeam,
    id_number_check_char,
    label_zh,
    ordered_request_events,
)
from shequ_core.errors import (
    CalendarCoverageError,
    ExtensionRefused,
    Problem,
    ShequError,
    ValidationError,
)

# A library stays silent unless the application configures logging.
logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from shequ_core.calendar import (
        WorkCalendar,
        china_calendar,
    )
    from shequ_core.datasets import (
        load_chayouqianqi,
    )
    from shequ_core.extra.pandas import (
        from_frames,
        to_frames,
    )
    from shequ_core.io import (
        LoadResult,
        load_dataset,
        save_dataset,
    )
    from shequ_core.policy import (
        DEFAULT_VISIT_POLICY,
        Policy,
        ScoringPolicy,
        SlaPolicy,
        VisitPolicy,
        dump_policy,
        load_policy,
        national_policy,
        seed_policy,
    )
    from shequ_core.rules import (
        RULES,
        Finding,
        Findings,
        RuleId,
        Severity,
        check_dataset,
    )
    from shequ_core.rules.assessment import (
        BannerSummary,
        Scorecard,
        scorecard,
        summary,
    )
    from shequ_core.rules.sla import (
        BacklogReport,
        SlaStage,
        SlaStatus,
        UnjudgedRequest,
        backlog,
        due_date,
        judge_request,
        sla_status,
    )
    from shequ_core.rules.visiting import (
        DueVisit,
        assign_visits,
        must_visit,
        visit_coverage,
    )
    from shequ_core.serialization import (
        from_json,
        json_schema,
        structure,
        to_json,
        unstructure,
    )

#: Names loaded on first use, and the module each comes from.
_LAZY = {
    "WorkCalendar": "shequ_core.calendar",
    "china_calendar": "shequ_core.calendar",
    "from_json": "shequ_core.serialization",
    "json_schema": "shequ_core.serialization",
    "structure": "shequ_core.serialization",
    "to_json": "shequ_core.serialization",
    "unstructure": "shequ_core.serialization",
    "LoadResult": "shequ_core.io",
    "load_dataset": "shequ_core.io",
    "save_dataset": "shequ_core.io",
    "load_chayouqianqi": "shequ_core.datasets",
    "Policy": "shequ_core.policy",
    "ScoringPolicy": "shequ_core.policy",
    "SlaPolicy": "shequ_core.policy",
    "DEFAULT_VISIT_POLICY": "shequ_core.policy",
    "VisitPolicy": "shequ_core.policy",
    "dump_policy": "shequ_core.policy",
    "load_policy": "shequ_core.policy",
    "national_policy": "shequ_core.policy",
    "seed_policy": "shequ_core.policy",
    "Finding": "shequ_core.rules",
    "Findings": "shequ_core.rules",
    "RuleId": "shequ_core.rules",
    "RULES": "shequ_core.rules",
    "Severity": "shequ_core.rules",
    "check_dataset": "shequ_core.rules",
    "DueVisit": "shequ_core.rules.visiting",
    "assign_visits": "shequ_core.rules.visiting",
    "must_visit": "shequ_core.rules.visiting",
    "visit_coverage": "shequ_core.rules.visiting",
    "BacklogReport": "shequ_core.rules.sla",
    "SlaStage": "shequ_core.rules.sla",
    "SlaStatus": "shequ_core.rules.sla",
    "UnjudgedRequest": "shequ_core.rules.sla",
    "backlog": "shequ_core.rules.sla",
    "due_date": "shequ_core.rules.sla",
    "judge_request": "shequ_core.rules.sla",
    "sla_status": "shequ_core.rules.sla",
    "BannerSummary": "shequ_core.rules.assessment",
    "Scorecard": "shequ_core.rules.assessment",
    "scorecard": "shequ_core.rules.assessment",
    "summary": "shequ_core.rules.assessment",
    "from_frames": "shequ_core.extra.pandas",
    "to_frames": "shequ_core.extra.pandas",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'shequ_core' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "COLLECTIONS",
    "COMMITTEE_ROLES",
    "COMMUNITY_WORKER_EMPLOYMENTS",
    "DEFAULT_VISIT_POLICY",
    "ENTITIES",
    "ITEM_CLASS",
    "RULES",
    "SECRETARY_ROLES",
    "VALUES",
    "Attention",
    "AttentionKind",
    "BacklogReport",
    "BannerSummary",
    "Basis",
    "BasisKind",
    "CalendarCoverageError",
    "CaseEvent",
    "CaseEventKind",
    "Channel",
    "Community",
    "CommunityKind",
    "Dataset",
    "DisputeCase",
    "DisputeCategory",
    "DisputeStatus",
    "DueVisit",
    "Education",
    "Employment",
    "ExtensionRefused",
    "FacilityKind",
    "Finding",
    "Findings",
    "Grid",
    "Household",
    "IdNumber",
    "LabelledEnum",
    "LoadResult",
    "Meeting",
    "MeetingKind",
    "PartnerUnit",
    "Party",
    "PartyMember",
    "PartyMemberCategory",
    "PhoneNumber",
    "Policy",
    "Problem",
    "Registration",
    "RequestEvent",
    "RequestEventKind",
    "RequestStatus",
    "Resident",
    "RiskLevel",
    "RuleId",
    "Satisfaction",
    "Scorecard",
    "ScoringPolicy",
    "ServiceItem",
    "ServiceRequest",
    "Severity",
    "Sex",
    "ShequError",
    "SlaPolicy",
    "SlaStage",
    "SlaStatus",
    "Staff",
    "StaffRole",
    "TeamKind",
    "TimeLimit",
    "TimeUnit",
    "UnjudgedRequest",
    "Urgency",
    "ValidationError",
    "Visit",
    "VisitOutcome",
    "VisitPolicy",
    "Volunteer",
    "VolunteerTeam",
    "WorkCalendar",
    "__version__",
    "assign_visits",
    "backlog",
    "check_dataset",
    "china_calendar",
    "due_date",
    "dump_policy",
    "from_frames",
    "from_json",
    "id_number_check_char",
    "json_schema",
    "judge_request",
    "label_zh",
    "load_chayouqianqi",
    "load_dataset",
    "load_policy",
    "must_visit",
    "national_policy",
    "ordered_request_events",
    "save_dataset",
    "scorecard",
    "seed_policy",
    "sla_status",
    "structure",
    "summary",
    "to_frames",
    "to_json",
    "unstructure",
    "visit_coverage",
]
